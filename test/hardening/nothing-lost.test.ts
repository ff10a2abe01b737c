// Nothing lost: after every command, every user tab is identical to before — values, formulas, notes,
// formats, validations, widths, frozen rows, protections — cell by cell, except the columns Pandian
// maintains on purpose (Stage Entered, Last Updated) and only when Track edits is on.
import type { Cell } from '../../src/core/types';
import { B2B_STAGES } from '../fixtures/bad-sheets';
import { type CellValue, editEvent, type FakeSpreadsheet, loadBundle, type SheetSnapshot } from '../sandbox';
import { loadPinned, spreadsheetOf } from './helpers';

const TODAY = '2026-03-16';
const HEAD = [
  'ID',
  'Customer',
  'Rep',
  'Stage',
  'Amount',
  'Stage Entered',
  'Last Updated',
  'Inquiry',
  'Need confirmed',
  'Notes',
  'Gap',
];
const STAGES = ['Lead', 'Discovery', 'Budget', 'Won', 'Lost', 'Discovry'];

function customerRows(n: number): Cell[][] {
  return Array.from({ length: n }, (_, i) => [
    `C${i + 1}`,
    i === 3 ? '=HYPERLINK("http://evil.example","x")' : `Customer ${i + 1}`,
    ['Ann', 'Bob', '+Cy'][i % 3],
    STAGES[i % 6],
    i % 5 === 0 ? '1,2 万' : (i + 1) * 1000,
    i % 4 === 0 ? new Date(Date.UTC(2026, 0, 1 + i)) : '',
    '',
    i % 2 ? 'yes' : '',
    i % 3 ? '' : 'maybe',
    i === 2 ? 'x'.repeat(5000) : `note ${i}`,
    '',
  ]);
}

/** A user's workbook with everything a user may have: formulas, notes, formats, validations, other tabs. */
function workbook(options: { track?: 'yes' | 'no'; pandianTabs?: boolean } = {}): FakeSpreadsheet {
  const tabs: Record<string, Cell[][]> = {
    'Q1 pipeline': [['Q1 pipeline — confidential'], HEAD, ...customerRows(24)],
    Notes: [
      ['Free notes', 42, true],
      ['=not a formula, typed as text', '', '@mention'],
    ],
  };
  if (options.pandianTabs !== false) {
    tabs.Stages = B2B_STAGES;
    tabs.Objections = [
      ['ID', 'Customer', 'Type', 'Objection', 'Owner', 'Raised on', 'Status', 'Plan', 'Due'],
      ['O1', 'Customer 1', 'Budget', 'No budget', 'Ann', '2026-01-01', 'Raised', '', '2026-02-01'],
      ['O2', 'Nobody', 'Weather', 'Rain', 'Bob', 'soon', 'Pondering', '', ''],
    ];
    tabs.Settings = [
      ['Setting', 'Value'],
      ['Track edits', options.track ?? 'yes'],
      ['Customer tab', 'Q1 pipeline'],
    ];
  }
  const ss = spreadsheetOf(tabs);
  const sheet = ss.getSheetByName('Q1 pipeline')!;
  // Formulas (Pandian's and the user's), a note, formats, a validation, widths, frozen rows, a protection.
  for (let r = 3; r <= 26; r++) sheet.getRange(r, 11).setFormula(`=STAGE_GAP(A${r}:J${r})`);
  sheet.getRange('L3').setFormula('=SUM(E3:E26)');
  sheet.getRange('B5').setNote('key account');
  sheet.getRange('A2:K2').setFontWeight('bold').setBackground('#ffeeaa');
  sheet.getRange('E3:E26').setNumberFormat('#,##0');
  const app = loadBundle({ spreadsheet: ss }).env.globals.SpreadsheetApp;
  sheet
    .getRange('D3:D26')
    .setDataValidation(app.newDataValidation().requireValueInList(STAGES, true).build());
  sheet.setColumnWidth(2, 240);
  sheet.setFrozenRows(2);
  sheet.getRange('A1').protect().setDescription('title').setWarningOnly(true);
  ss.getSheetByName('Notes')!.hideSheet();
  return ss;
}

type Snapshots = Record<string, SheetSnapshot>;

function same(a: unknown, b: unknown): boolean {
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Every difference between two snapshots, as 'Tab!A1 layer' or 'Tab property'; new and removed tabs too. */
function diff(before: Snapshots, after: Snapshots): string[] {
  const out: string[] = [];
  for (const name of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const a = before[name];
    const b = after[name];
    if (!a || !b) {
      out.push(`${name} ${a ? 'removed' : 'added'}`);
      continue;
    }
    const a1 = (r: number, c: number) => `${String.fromCharCode(65 + c)}${r + 1}`;
    for (const layer of ['values', 'formulas'] as const) {
      const rows = Math.max(a[layer].length, b[layer].length);
      for (let r = 0; r < rows; r++) {
        const cols = Math.max(a[layer][r]?.length ?? 0, b[layer][r]?.length ?? 0);
        for (let c = 0; c < cols; c++)
          if (!same(a[layer][r]?.[c] ?? '', b[layer][r]?.[c] ?? '')) out.push(`${name}!${a1(r, c)} ${layer}`);
      }
    }
    for (const layer of ['notes', 'formats', 'validations'] as const) {
      for (const cell of new Set([...Object.keys(a[layer]), ...Object.keys(b[layer])]))
        if (!same(a[layer][cell], b[layer][cell])) out.push(`${name}!${cell} ${layer}`);
    }
    for (const key of Object.keys(a) as (keyof SheetSnapshot)[]) {
      if (['values', 'formulas', 'notes', 'formats', 'validations'].includes(key)) continue;
      if (!same(a[key], b[key])) out.push(`${name} ${key}`);
    }
  }
  return out.sort();
}

const alerts = (log: { type: string }[]) => log.filter((e) => e.type === 'alert');

describe('menuInventory', () => {
  it('changes no user tab, and regenerating changes nothing but the Inventory tab', () => {
    const ss = workbook();
    const before = ss.snapshot();
    const sandbox = loadPinned(ss, TODAY);
    sandbox.call('menuInventory');
    expect(alerts(sandbox.env.ui.log)).toEqual([]);
    expect(diff(before, ss.snapshot())).toEqual(['Inventory added']);
    const once = ss.snapshot();
    loadPinned(ss, TODAY).call('menuInventory');
    expect(diff(once, ss.snapshot())).toEqual([]); // bars included: regenerating is idempotent
  });

  it.each([
    ['Inventory', 'en'],
    ['盘点报告', 'zh_CN'],
  ])('never clears a tab of the user’s own named %s: it says so and changes nothing', (tab, locale) => {
    const ss = workbook();
    const stock = ss.insertSheet(tab);
    stock.getRange(1, 1, 2, 3).setValues([
      ['SKU', 'Item', 'On hand'],
      ['A-1', 'Widget', 40],
    ]);
    const before = ss.snapshot();
    const sandbox = loadBundle({ spreadsheet: ss, now: `${TODAY}T09:00:00Z`, locale });
    sandbox.call('menuInventory');
    expect(diff(before, ss.snapshot())).toEqual([]);
    const said = alerts(sandbox.env.ui.log).map((e) => (e as { prompt?: string }).prompt);
    expect(said).toHaveLength(1);
    expect(said[0]).toContain(tab);
    expect(said[0]).toContain('SKU');
  });

  it('writes into an empty tab under the report’s name', () => {
    const ss = workbook();
    ss.insertSheet('Inventory');
    const sandbox = loadPinned(ss, TODAY);
    sandbox.call('menuInventory');
    expect(alerts(sandbox.env.ui.log)).toEqual([]);
    expect(ss.getSheetByName('Inventory')!.getRange('A1').getValue()).toBe(
      'Customer inventory — as of 2026-03-16',
    );
  });
});

describe('menuSetup with an answered prompt', () => {
  it.each([
    ['1', ['Objections added', 'Settings added', 'Stages added']],
    ['2', ['Objections added', 'Settings added', 'Stages added']],
    ['4', ['Objections added', 'Settings added', 'Stages added']],
  ])('template %s creates only the missing tabs', (answer, added) => {
    const ss = workbook({ pandianTabs: false });
    const before = ss.snapshot();
    const sandbox = loadPinned(ss, TODAY);
    sandbox.env.ui.answerPrompt(answer);
    sandbox.call('menuSetup');
    expect(diff(before, ss.snapshot())).toEqual(added);
  });

  it('keeps every existing tab as it is when they all exist', () => {
    const ss = workbook();
    const before = ss.snapshot();
    const sandbox = loadPinned(ss, TODAY);
    sandbox.env.ui.answerPrompt('1');
    sandbox.call('menuSetup');
    expect(diff(before, ss.snapshot())).toEqual([]);
  });

  it('changes nothing when cancelled, or given a choice it does not know', () => {
    const ss = workbook({ pandianTabs: false });
    const before = ss.snapshot();
    const cancelled = loadPinned(ss, TODAY);
    cancelled.env.ui.answerPrompt('1', 'CANCEL');
    cancelled.call('menuSetup');
    const bad = loadPinned(ss, TODAY);
    bad.env.ui.answerPrompt('=9');
    bad.call('menuSetup');
    expect(alerts(bad.env.ui.log)).toHaveLength(1);
    expect(diff(before, ss.snapshot())).toEqual([]);
  });
});

describe('menuRefreshFormulas', () => {
  it('re-enters Pandian’s formulas and leaves every tab as it was', () => {
    const ss = workbook();
    const before = ss.snapshot();
    const sandbox = loadPinned(ss, TODAY);
    sandbox.call('menuRefreshFormulas');
    expect(alerts(sandbox.env.ui.log)).toEqual([]);
    expect(sandbox.env.ui.toasts.at(-1)?.message).toMatch(/24/);
    expect(diff(before, ss.snapshot())).toEqual([]);
  });

  it('writes a column of formulas back with one call, and never leaves them cleared when a write fails', () => {
    const ss = workbook();
    const before = ss.snapshot();
    const sandbox = loadPinned(ss, TODAY);
    sandbox.call('menuRefreshFormulas');
    const calls = sandbox.env.calls();
    expect(calls['Range.setFormula']).toBeUndefined();
    expect(calls['Range.setFormulas']).toBeLessThan(24);
    // The first write back fails (a service error): it is tried again, the formulas are all there, and the
    // error is still told.
    const proto = Object.getPrototypeOf(ss.getSheets()[0].getRange('A1'));
    const real = proto.setFormulas;
    let failed = false;
    proto.setFormulas = function (this: unknown, formulas: string[][]) {
      if (!failed) {
        failed = true;
        throw new Error('Service Spreadsheets failed while accessing document');
      }
      return real.call(this, formulas);
    };
    try {
      const again = loadPinned(ss, TODAY);
      again.call('menuRefreshFormulas');
      expect(failed).toBe(true);
      expect(alerts(again.env.ui.log)).toHaveLength(1);
    } finally {
      proto.setFormulas = real;
    }
    expect(diff(before, ss.snapshot())).toEqual([]);
  });

  it('clears a tab’s formulas with one call, not one per cell', () => {
    const sandbox = loadPinned(workbook(), TODAY);
    sandbox.call('menuRefreshFormulas');
    const calls = sandbox.env.calls();
    expect(calls['Range.clearContent']).toBeUndefined();
    expect(calls['RangeList.clearContent']).toBeGreaterThan(0);
    expect(calls['RangeList.clearContent']).toBeLessThan(24);
  });
});

describe('the other menu commands', () => {
  it.each(['menuMapColumns', 'menuSettings', 'menuHelp'])('%s changes no tab', (command) => {
    const ss = workbook();
    const before = ss.snapshot();
    loadPinned(ss, TODAY).call(command);
    expect(diff(before, ss.snapshot())).toEqual([]);
  });
});

describe('onEdit', () => {
  /** The user's edit (made first, as Sheets does), then the trigger; returns the diff the trigger made. */
  function edit(ss: FakeSpreadsheet, a1: string, value: CellValue | CellValue[][]): string[] {
    const range = ss.getRange(`'Q1 pipeline'!${a1}`);
    const old = range.getValue() as CellValue;
    if (Array.isArray(value)) range.setValues(value);
    else range.setValue(typeof value === 'string' ? `'${value}` : value);
    const before = ss.snapshot();
    const event = Array.isArray(value)
      ? editEvent(ss, range)
      : editEvent(ss, range, { value: String(value), ...(old === '' ? {} : { oldValue: String(old) }) });
    loadPinned(ss, TODAY).call('onEdit', event);
    return diff(before, ss.snapshot()).filter((d) => !d.startsWith('Change log'));
  }

  describe('with Track edits on', () => {
    it('a stage edit stamps Stage Entered and Last Updated of that row, nothing else', () => {
      const ss = workbook();
      expect(edit(ss, 'D5', 'Won')).toEqual(['Q1 pipeline!F5 values', 'Q1 pipeline!G5 values']); // was Budget
    });

    it('an amount or criterion edit stamps Last Updated only', () => {
      const ss = workbook();
      expect(edit(ss, 'E6', 99)).toEqual(['Q1 pipeline!G6 values']);
      expect(edit(ss, 'H7', 'yes')).toEqual(['Q1 pipeline!G7 values']);
    });

    it('an unknown stage also gets Pandian’s note on the edited cell', () => {
      const ss = workbook();
      expect(edit(ss, 'D8', 'Negotation')).toEqual([
        'Q1 pipeline!D8 notes',
        'Q1 pipeline!F8 values',
        'Q1 pipeline!G8 values',
      ]);
    });

    it('a pasted block stamps its own rows only, and a Stage Entered date the user typed is kept', () => {
      const ss = workbook();
      // History holds no stage of these rows: only the empty Stage Entered cells (F10, F12) are stamped.
      expect(edit(ss, 'D10:D12', [['Lead'], ['Budget'], ['Won']])).toEqual([
        'Q1 pipeline!F10 values',
        'Q1 pipeline!F12 values',
        'Q1 pipeline!G10 values',
        'Q1 pipeline!G11 values',
        'Q1 pipeline!G12 values',
      ]);
    });

    it('an edit of an unwatched column, the title or the header changes nothing', () => {
      const ss = workbook();
      expect(edit(ss, 'J9', 'new note')).toEqual([]);
      expect(edit(ss, 'A1', 'Q2 pipeline')).toEqual([]);
      expect(edit(ss, 'D2', 'Stage')).toEqual([]);
      expect(ss.snapshot()['Change log']).toBeUndefined();
    });
  });

  describe('with Track edits off', () => {
    it.each([
      ['D5', 'Budget'],
      ['E6', 99],
      ['D8', 'Negotation'],
    ] as const)('an edit of %s changes nothing and writes no History', (a1, value) => {
      const ss = workbook({ track: 'no' });
      const before = ss.snapshot();
      expect(edit(ss, a1, value)).toEqual([]);
      expect(diff(before, ss.snapshot()).every((d) => d.startsWith(`Q1 pipeline!${a1} values`))).toBe(true);
      expect(ss.snapshot()['Change log']).toBeUndefined();
    });
  });
});

describe('the change watcher', () => {
  it.each(['Pandian snapshot', '盘点快照'])(
    'never clears a tab of the user’s own named %s, and logs and snapshots nothing while it has the name',
    (tab) => {
      const ss = workbook({ track: 'no' });
      ss.getSheetByName('Settings')!.appendRow(['Watch changes', 'yes']);
      ss.insertSheet(tab)
        .getRange(1, 1, 2, 2)
        .setValues([
          ['Camera', 'Lens'],
          ['A7', '35mm'],
        ]);
      const before = ss.snapshot();
      const sandbox = loadPinned(ss, TODAY);
      sandbox.call('onChangeWatch', { changeType: 'EDIT' });
      ss.getRange("'Q1 pipeline'!D5").setValue('Won');
      const edited = ss.snapshot();
      sandbox.call('onChangeWatch', { changeType: 'EDIT' });
      expect(diff(before, edited)).toEqual(['Q1 pipeline!D5 values']);
      expect(diff(edited, ss.snapshot())).toEqual([]);
    },
  );
});

describe('the sidebar’s writes', () => {
  const customer = (row: number) => ({
    sheet: 'Q1 pipeline',
    row,
    id: `C${row - 2}`,
    name: `Customer ${row - 2}`,
  });

  it('change only the cells they are for', () => {
    const ss = workbook({ track: 'no' });
    const sandbox = loadPinned(ss, TODAY);
    let before = ss.snapshot();
    sandbox.call('sidebarMarkMet', customer(4), 'Need confirmed');
    expect(diff(before, ss.snapshot())).toEqual(['Q1 pipeline!I4 values']);

    before = ss.snapshot();
    sandbox.call('sidebarAddObjection', customer(4), { type: 'price', text: 'Too dear', plan: '', due: '' });
    expect(diff(before, ss.snapshot()).every((d) => /^Objections![A-I]4 values$/.test(d))).toBe(true);

    before = ss.snapshot();
    const o1 = { row: 2, id: 'O1', text: 'No budget' };
    sandbox.call('sidebarUpdateObjection', customer(3), o1, { status: 'resolved' });
    expect(diff(before, ss.snapshot())).toEqual(['Objections!G2 values']);
  });
});
