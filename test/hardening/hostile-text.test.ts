// Hostile text: strings that a spreadsheet would take for a formula (=, +, -, @, full-width ＝), a number, a
// date or TRUE in customer, rep, stage and objection cells stay text in everything Pandian writes — the
// Inventory tab, the tabs setup creates, History rows of the edit trigger, the watcher's snapshot, the
// sidebar's writes, the command line's .xlsx. And the code itself: no eval, no
// network, exactly the documented OAuth scopes.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Cell } from '../../src/core/types';
import { B2B_STAGES } from '../fixtures/bad-sheets';
import { editEvent, type FakeSpreadsheet, type SheetSnapshot } from '../sandbox';
import { strayFormulas } from '../support/report-formulas';
import { cliJson, loadPinned, ROOT, spreadsheetOf, tmp, writeXlsx } from './helpers';

const TODAY = '2026-03-16';
const CUSTOMERS = [
  '=HYPERLINK("http://evil.example","click")',
  '+SUM(1,2)',
  '-2+3',
  '@import',
  '＝CMD|" /C calc"!A0',
  "'already quoted",
  '00123',
];
const REPS = ['=1+1', '+44 20 7946 0000', '-Bob-', '@ann', '＝Rep', '=rep', '1e5'];
const STAGES = [
  '=IMPORTXML("x","y")',
  '+Lead',
  '-Discovery',
  '@Budget',
  '＝Lead',
  '=WEBSERVICE("u")',
  '2026-05-01',
];
const OBJECTIONS = ['=HYPERLINK("u")', '+1 more', '-no-', '@legal', '＝price', '=2*3', 'TRUE'];

/** Every string Pandian writes in any of these cells must come back exactly, as a value, never a formula. */
const HOSTILE = [...CUSTOMERS, ...REPS, ...STAGES, ...OBJECTIONS];

function tabs(withStages: boolean): Record<string, Cell[][]> {
  const out: Record<string, Cell[][]> = {
    Customers: [
      ['ID', 'Customer', 'Rep', 'Stage', 'Next Step', 'Inquiry'],
      ...CUSTOMERS.map((c, i) => [`@id${i}`, c, REPS[i], STAGES[i], `=next ${i}`, '']),
      ['X1', 'Plain Co', 'Ann', 'Lead', '', ''],
    ],
    Objections: [
      ['ID', 'Customer', 'Type', 'Objection', 'Owner', 'Raised on', 'Status', 'Plan', 'Due'],
      ...OBJECTIONS.map((o, i) => [
        `O${i}`,
        CUSTOMERS[i],
        'Price',
        o,
        REPS[i],
        '2026-01-01',
        'Raised',
        '',
        '2026-02-01',
      ]),
    ],
  };
  if (withStages) out.Stages = B2B_STAGES;
  return out;
}

/** Cells of a tab holding a formula, as A1 references. */
function formulaCells(snap: SheetSnapshot): string[] {
  const out: string[] = [];
  snap.formulas.forEach((row, r) => {
    row.forEach((f, c) => {
      if (f !== '') out.push(`${String.fromCharCode(65 + c)}${r + 1}: ${f}`);
    });
  });
  return out;
}

const allStrings = (snap: SheetSnapshot): Set<string> =>
  new Set(snap.values.flat().filter((v): v is string => typeof v === 'string'));

describe('the Inventory tab', () => {
  const ss = spreadsheetOf(tabs(true));
  const sandbox = loadPinned(ss, TODAY);
  sandbox.call('menuInventory');
  const inv = ss.snapshot().Inventory;

  it('is written without an alert and holds no formula but its own bars', () => {
    expect(sandbox.env.ui.log.filter((e) => e.type === 'alert')).toEqual([]);
    expect(strayFormulas(inv.formulas)).toEqual([]);
    const formulas = ss.getSheetByName('Inventory')!.getDataRange().getFormulas();
    expect(strayFormulas(formulas)).toEqual([]);
  });

  it.each([
    ['customer names', CUSTOMERS],
    ['reps', REPS],
    ['stage values (quoted in the data issues)', STAGES],
    ['objections', OBJECTIONS],
  ])('shows the %s exactly as typed', (_what, strings) => {
    const seen = allStrings(inv);
    for (const s of strings) expect(seen.has(s)).toBe(true);
  });
});

describe('Set up sheets… ("From my data")', () => {
  const ss = spreadsheetOf(tabs(false));
  const before = ss.snapshot();
  const sandbox = loadPinned(ss, TODAY);
  sandbox.env.ui.answerPrompt('4');
  sandbox.call('menuSetup');
  const after = ss.snapshot();

  it('creates the Stages tab from the stage values, each kept as text', () => {
    expect(
      sandbox.env.ui.log.filter((e) => e.type === 'alert').map((e) => (e as { prompt: string }).prompt),
    ).toEqual([expect.stringMatching(/Stages/)]);
    expect(formulaCells(after.Stages)).toEqual([]);
    // '＝Lead' and '+Lead' read as the same stage (first spelling kept); every other value is a stage.
    const names = after.Stages.values.slice(1).map((r) => r[1]);
    expect(new Set(names)).toEqual(new Set(STAGES.filter((s) => s !== '＝Lead')));
  });

  it('writes no formula into any tab it creates, and changes no user tab', () => {
    for (const name of Object.keys(after)) {
      if (name in before) expect(after[name]).toEqual(before[name]);
      else expect(formulaCells(after[name])).toEqual([]);
    }
  });
});

describe('History rows of the edit trigger', () => {
  function tracked(): FakeSpreadsheet {
    const t = tabs(true);
    t.Settings = [
      ['Setting', 'Value'],
      ['Track edits', 'yes'],
    ];
    return spreadsheetOf(t);
  }

  it.each(STAGES.map((s, i) => [s, i] as const))(
    'keep customer, id, old and new values as text when the stage becomes %s',
    (value, i) => {
      const ss = tracked();
      const row = 2 + ((i + 1) % CUSTOMERS.length);
      const a1 = `Customers!D${row}`;
      const old = ss.getRange(a1).getValue() as string;
      ss.getRange(a1).setValue(`'${value}`);
      loadPinned(ss, TODAY).call(
        'onEdit',
        editEvent(ss, a1, { value, oldValue: old, user: '=evil@example.com' }),
      );
      const history = ss.snapshot()['Change log'];
      expect(formulaCells(history)).toEqual([]);
      const [when, who, customer, id, r, field, was, now, source] = history.values[1];
      expect([who, customer, id, r, field, was, now, source]).toEqual([
        '=evil@example.com',
        CUSTOMERS[row - 2],
        `@id${row - 2}`,
        row,
        'Stage',
        old,
        value,
        'edit',
      ]);
      expect(when).toBeInstanceOf(Date);
    },
  );

  it('keeps a pasted block of hostile values as text', () => {
    const ss = tracked();
    const range = ss.getRange('Customers!D2:D4');
    range.setValues(OBJECTIONS.slice(0, 3).map((v) => [`'${v}`]));
    loadPinned(ss, TODAY).call('onEdit', editEvent(ss, range));
    const history = ss.snapshot()['Change log'];
    expect(formulaCells(history)).toEqual([]);
    expect(history.values.slice(1).map((r) => [r[2], r[7], r[8]])).toEqual(
      OBJECTIONS.slice(0, 3).map((v, k) => [CUSTOMERS[k], v, 'paste']),
    );
  });
});

describe('the change watcher’s snapshot', () => {
  it('holds every watched value as text, so a second look at an unchanged tab logs nothing', () => {
    const t = tabs(true);
    t.Settings = [
      ['Setting', 'Value'],
      ['Watch changes', 'yes'],
    ];
    const ss = spreadsheetOf(t);
    const sandbox = loadPinned(ss, TODAY);
    sandbox.call('onChangeWatch', { changeType: 'EDIT' });
    sandbox.call('onChangeWatch', { changeType: 'EDIT' });
    const snap = ss.snapshot()['Pandian snapshot'];
    expect(formulaCells(snap)).toEqual([]);
    const seen = allStrings(snap);
    for (const s of [...CUSTOMERS, ...STAGES]) expect(seen.has(s)).toBe(true);
    expect(ss.snapshot()['Change log']).toBeUndefined();
  });
});

describe('the sidebar’s writes', () => {
  const target = { sheet: 'Customers', row: 2, id: '@id0', name: CUSTOMERS[0] };

  it.each(['=IMPORTDATA("u")', '00123', '2026-05-01'])('keep a next action %s as text', (action) => {
    const ss = spreadsheetOf(tabs(true));
    loadPinned(ss, TODAY).call('sidebarSetNextAction', target, { text: action, due: '' });
    const customers = ss.snapshot().Customers;
    expect(formulaCells(customers)).toEqual([]);
    expect(customers.values[1][4]).toBe(action);
  });

  it('keep a hostile objection, customer and owner as text', () => {
    const ss = spreadsheetOf(tabs(true));
    loadPinned(ss, TODAY).call('sidebarAddObjection', target, {
      type: 'price',
      text: '+cmd|" /C calc"!A0',
      plan: '@plan',
      due: '',
      blocking: false,
    });
    const objections = ss.snapshot().Objections;
    expect(formulaCells(objections)).toEqual([]);
    const added = objections.values.at(-1)!;
    expect(added).toEqual(expect.arrayContaining(['@id0', '+cmd|" /C calc"!A0', '@plan', REPS[0]]));
  });
});

describe('the column mapping the sidebar saves', () => {
  it.each(['=Client', '00123'])('keeps a header %s as text in the Settings tab', (header) => {
    const t = tabs(true);
    t.Customers[0][1] = header;
    const ss = spreadsheetOf(t);
    loadPinned(ss, TODAY).call('sidebarSaveMapping', [{ role: 'customer', header }]);
    const settings = ss.snapshot().Settings;
    expect(formulaCells(settings)).toEqual([]);
    expect(settings.values.slice(1)).toEqual([['map:customer', header]]);
  });
});

describe('the command line’s workbook', () => {
  it('holds no formula cell, and the hostile strings as plain text', async () => {
    const file = join(tmp, 'hostile.xlsx');
    const out = join(tmp, 'hostile-inventory.xlsx');
    await writeXlsx(tabs(true), file);
    await cliJson(file, out, TODAY);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const strings = new Set<string>();
    for (const ws of wb.worksheets) {
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          expect(cell.formula).toBeUndefined();
          expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
          if (ws.name === 'Inventory' && typeof cell.value === 'string') strings.add(cell.value);
        }),
      );
    }
    for (const s of HOSTILE) expect(strings.has(s)).toBe(true);
  });
});

// ---- the code itself ----

function files(dir: string, ext: RegExp): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path, ext) : ext.test(name) ? [path] : [];
  });
}

const SOURCES = files(join(ROOT, 'src'), /\.(ts|html)$/);
const BUNDLE = readFileSync(join(ROOT, 'dist/Code.js'), 'utf8');
const SIDEBAR = readFileSync(join(ROOT, 'dist/Sidebar.html'), 'utf8');
const SCOPES = [
  'https://www.googleapis.com/auth/spreadsheets.currentonly',
  'https://www.googleapis.com/auth/script.container.ui',
  'https://www.googleapis.com/auth/script.scriptapp',
];

describe('the code', () => {
  it('evaluates no strings: no eval(, new Function or Function( in src/, dist/Code.js or dist/Sidebar.html', () => {
    const evalish = /\beval\s*\(|\bnew\s+Function\b|(?<![\w$.])Function\s*\(/;
    const offenders = [
      ...SOURCES.filter((f) => evalish.test(readFileSync(f, 'utf8'))),
      ...(evalish.test(BUNDLE) ? ['dist/Code.js'] : []),
      ...(evalish.test(SIDEBAR) ? ['dist/Sidebar.html'] : []),
    ];
    expect(offenders).toEqual([]);
    // Timers with string code are eval too.
    expect(/\bset(Timeout|Interval)\s*\(\s*['"`]/.test(BUNDLE + SIDEBAR)).toBe(false);
  });

  it('makes no network call: no UrlFetchApp, no http(s) address in the bundle, no network module in src/', () => {
    expect(BUNDLE).not.toMatch(/UrlFetchApp/);
    expect(BUNDLE).not.toMatch(/https?:\/\//);
    expect(SIDEBAR).not.toMatch(/UrlFetchApp|\bfetch\s*\(|XMLHttpRequest|WebSocket/);
    const network = /from ['"](node:)?(http|https|http2|net|tls|dgram|dns)['"]|\bfetch\s*\(|UrlFetchApp/;
    expect(SOURCES.filter((f) => network.test(readFileSync(f, 'utf8')))).toEqual([]);
  });

  it.each(['appsscript.json', 'dist/appsscript.json'])(
    '%s asks for exactly the documented OAuth scopes',
    (path) => {
      const manifest = JSON.parse(readFileSync(join(ROOT, path), 'utf8'));
      expect(manifest.oauthScopes).toEqual(SCOPES);
    },
  );

  it('the README lists the same scopes', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const line = /\*\*Manifest scopes\*\*[^\n]*(?:\n(?!\n)[^\n]*)*/.exec(readme)?.[0] ?? '';
    const listed = [...line.matchAll(/`([a-z.]+\.[a-z.]+)`/g)]
      .map((m) => m[1])
      .filter((s) => s !== 'appsscript.json');
    expect(listed.map((s) => `https://www.googleapis.com/auth/${s}`)).toEqual(SCOPES);
  });
});
