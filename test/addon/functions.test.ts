// Custom functions through dist/Code.js in custom-function mode (where any write throws): answers equal
// core's for the same rows, a single row gives a single value and a range a column, answers come in the
// sheet's language, bad input gives one line of error. Then the same functions as HyperFormula plugins.
import {
  ArraySize,
  CellError,
  DetailedCellError,
  EmptyValue,
  ErrorType,
  FunctionArgumentType,
  FunctionPlugin,
  HyperFormula,
  SimpleRangeValue,
} from 'hyperformula';
import type { InterpreterState } from 'hyperformula/typings/interpreter/InterpreterState';
import type { ProcedureAst } from 'hyperformula/typings/parser';
import { runInventory } from '../../src/core/index';
import type { Cell, Lang } from '../../src/core/types';
import { issueMessage, translator } from '../../src/i18n/messages';
import type { CellValue, FakeSpreadsheet, Sandbox } from '../sandbox';
import {
  B2B_STAGES_EN,
  B2B_STAGES_ZH,
  createSpreadsheet,
  customerRows,
  HEADER,
  loadPinned,
  REPS,
  sheetData,
  TODAY,
  utc,
} from './helpers';

const OBJECTIONS = [
  [
    'ID',
    'Customer',
    'Stage raised',
    'Type',
    'Objection',
    'Owner',
    'Raised on',
    'Status',
    'Plan',
    'Due',
    'Resolution',
    'Resolved on',
    'Reviewed by',
    'Reviewed on',
    'Blocking',
  ],
  [
    'O1',
    'Customer 1',
    'Budget',
    'Budget',
    'No budget this year',
    'Ann Lee',
    utc('2026-02-01'),
    'Raised',
    '',
    utc('2026-03-01'),
    '',
    '',
    '',
    '',
    'yes',
  ],
  [
    'O2',
    'Customer 1',
    'Budget',
    'Approval',
    'CFO must sign',
    'Ann Lee',
    utc('2026-02-10'),
    'Planned',
    'Meet the CFO',
    utc('2026-04-01'),
    '',
    '',
    '',
    '',
    'no',
  ],
  [
    'O3',
    'C00002',
    'Discovery',
    'Price',
    'Too expensive',
    'Bo Chen',
    utc('2026-01-10'),
    'Resolved',
    'Discount',
    utc('2026-02-01'),
    'Removed',
    utc('2026-01-25'),
    'Manager',
    utc('2026-01-26'),
    'no',
  ],
];
const N = 60;

/** Stages, a customer tab with criteria columns (A:N) and an Objections tab; optional Settings rows. */
function workbook(
  options: { zh?: boolean; settings?: CellValue[][]; dates?: 'serial' } = {},
): FakeSpreadsheet {
  const sheets: Record<string, unknown[][]> = {
    Stages: options.zh ? B2B_STAGES_ZH() : B2B_STAGES_EN(),
    Customers: [HEADER, ...customerRows(N, { seed: 21, noise: true, dates: options.dates })],
    Objections: OBJECTIONS,
  };
  if (options.settings) sheets.Settings = [['Setting', 'Value'], ...options.settings];
  return createSpreadsheet({ timeZone: 'Europe/Berlin', sheets });
}

/** What each function should answer for each customer row, computed by core (same formatting as the shell). */
function expected(ss: FakeSpreadsheet, lang: Lang) {
  const tabs = Object.keys(ss.snapshot());
  const outcome = runInventory({
    sheets: sheetData(ss, tabs.filter((n) => n !== 'Customers').concat('Customers')),
    asOf: TODAY,
    timeZone: ss.getSpreadsheetTimeZone(),
    lang,
    customerSheet: 'Customers',
  });
  if (!outcome.ok) throw new Error(outcome.code);
  const inv = outcome.inventory;
  const t = translator(outcome.lang);
  const byRow = new Map<number, { gap: string; of: string; check: string; days: number | '' }>();
  inv.table.customers.forEach((c, i) => {
    const s = inv.states[i];
    const stage = inv.table.model.stages[inv.openStages[s.current]];
    const gap =
      c.status !== 'open'
        ? ''
        : [
            ...s.gap.map((k) => inv.table.criteria[k].criterion.name),
            ...(stage?.actions ?? []).map((a) => `▸ ${a}`),
          ].join(outcome.lang === 'zh' ? '；' : '; ');
    const of =
      c.status !== 'open'
        ? c.stageText
        : s.evidenced === null
          ? ''
          : (inv.table.model.stages[inv.openStages[s.evidenced]]?.name ?? '');
    // An unknown stage (the report's data issue) is said; other rows without a check answer blank.
    const unknown = inv.table.issues.find((x) => x.row === c.row && x.code === 'unknown-stage');
    byRow.set(c.row, {
      gap,
      of,
      check: s.check !== 'none' ? t(`check.${s.check}`) : unknown ? issueMessage(unknown, outcome.lang) : '',
      days: s.daysInStage ?? '',
    });
  });
  return { inv, byRow };
}

/** Sheet rows a..b of the customer tab, columns A:N, as Sheets passes a range (Dates, numbers, strings). */
function rowsOf(ss: FakeSpreadsheet, a: number, b: number, width = HEADER.length): unknown[][] {
  return ss
    .getSheetByName('Customers')!
    .getRange(a, 1, b - a + 1, width)
    .getValues();
}

function customFunctions(ss: FakeSpreadsheet, locale = 'en_US'): Sandbox {
  return loadPinned({ spreadsheet: ss, mode: 'custom-function', locale });
}

const FN = { STAGE_GAP: 'gap', STAGE_OF: 'of', STAGE_CHECK: 'check', DAYS_IN_STAGE: 'days' } as const;

describe('row functions on the B2B model', () => {
  const ss = workbook();
  const before = ss.snapshot();
  const sandbox = customFunctions(ss);
  const { byRow } = expected(ss, 'en');

  it('the data has open, won, lost and unknown-stage rows, with gaps and checks of every kind', () => {
    const all = [...byRow.values()];
    expect(all.some((a) => a.gap === '')).toBe(true);
    expect(all.some((a) => a.gap.includes('▸ '))).toBe(true);
    expect(new Set(all.map((a) => a.check))).toEqual(
      new Set([
        '',
        'match',
        'ahead of evidence',
        'behind evidence',
        'Unknown stage — did you mean "Discovery"?',
      ]),
    );
    expect(all.some((a) => typeof a.days === 'number')).toBe(true);
  });

  it.each(Object.entries(FN))('%s of a single row is a single value', (name, key) => {
    for (const r of [2, 3, 5, 8, 14, 21, 34, 55]) {
      const answer = sandbox.call(name, rowsOf(ss, r, r));
      expect(answer).toEqual(byRow.get(r)?.[key] ?? '');
    }
  });

  it.each(Object.entries(FN))('%s of a range is a column, one answer per row', (name, key) => {
    const answer = sandbox.call(name, rowsOf(ss, 2, N + 1)) as unknown[][];
    expect(answer).toHaveLength(N);
    answer.forEach((cell, i) => {
      expect(cell).toEqual([byRow.get(i + 2)?.[key] ?? '']);
    });
  });

  it('a range reaching past the data answers blank for the blank rows', () => {
    const sheet = ss.getSheetByName('Customers')!;
    const values = sheet.getRange(N - 1, 1, 10, HEADER.length).getValues();
    const answer = sandbox.call('STAGE_GAP', values) as unknown[][];
    expect(answer.slice(3)).toEqual(new Array(7).fill(['']));
    expect(answer[0]).toEqual([byRow.get(N - 1)?.gap]);
  });

  it('answers by the header as it is now when columns were inserted or deleted since it was cached', () => {
    const copy = workbook();
    const fns = customFunctions(copy);
    const sheet = copy.getSheetByName('Customers')!;
    const gaps = (width: number) => fns.call('STAGE_GAP', rowsOf(copy, 2, N + 1, width)) as unknown[][];
    const want = [...Array(N)].map((_, i) => [byRow.get(i + 2)?.gap ?? '']);
    expect(gaps(HEADER.length)).toEqual(want); // caches the header
    sheet.insertColumnBefore(1);
    sheet.getRange('A1').setValue('My notes');
    expect(gaps(HEADER.length + 1)).toEqual(want);
    sheet.deleteColumn(1);
    expect(gaps(HEADER.length)).toEqual(want);
    expect(copy.snapshot()).toEqual(before);
  });

  it('a range that stops before a column Pandian reads is refused, naming the column to reach', () => {
    // Read as blank, the criteria past column H would all be unmet: a confident wrong answer.
    const t = translator('en');
    const narrow = t('fn.tooNarrow', { got: 8, column: HEADER[13], letter: 'N' });
    expect(() => sandbox.call('STAGE_GAP', rowsOf(ss, 2, 4, 8))).toThrow(narrow);
    expect(() => sandbox.call('STAGE_OF', 42)).toThrow(
      t('fn.tooNarrow', { got: 1, column: HEADER[13], letter: 'N' }),
    );
    expect(() => sandbox.call('STAGE_CHECK', rowsOf(ss, 2, 4, 13))).toThrow(/in column N/);
  });

  it('blank columns past the header are fine (A2:T500 over a tab that ends at N)', () => {
    const wider = rowsOf(ss, 2, N + 1, 20);
    expect(sandbox.call('STAGE_GAP', wider)).toEqual(sandbox.call('STAGE_GAP', rowsOf(ss, 2, N + 1)));
  });

  it('a range from the top of the tab answers blank for the header row and a title above it', () => {
    const copy = createSpreadsheet({
      timeZone: 'Europe/Berlin',
      sheets: {
        Stages: B2B_STAGES_EN(),
        Customers: [['Pipeline 2026'], HEADER, ...customerRows(N, { seed: 21, noise: true })],
        Objections: OBJECTIONS,
      },
    });
    const fns = customFunctions(copy);
    const all = copy
      .getSheetByName('Customers')!
      .getRange(1, 1, N + 2, HEADER.length)
      .getValues();
    const gaps = fns.call('STAGE_GAP', all) as unknown[][];
    const ofs = fns.call('STAGE_OF', all) as unknown[][];
    expect(gaps.slice(0, 2)).toEqual([[''], ['']]);
    expect(ofs.slice(0, 2)).toEqual([[''], ['']]);
    expect(gaps.slice(2)).toEqual(fns.call('STAGE_GAP', all.slice(2)));
    expect(ofs.slice(2)).toEqual(fns.call('STAGE_OF', all.slice(2)));
    expect((fns.call('STAGE_GAP', all.slice(1)) as unknown[][]).slice(1)).toEqual(gaps.slice(2));
    // A header repeated further down (exports pasted one under another) blanks none of the customers above it.
    const pasted = [...all.slice(2, 22), HEADER, ...all.slice(22)];
    const answers = fns.call('STAGE_OF', pasted) as unknown[][];
    expect(answers.slice(0, 20)).toEqual(ofs.slice(2, 22));
    expect(answers.slice(21)).toEqual(ofs.slice(22));
  });

  it('STAGE_CHECK says an unknown stage is one, with the nearest known name', () => {
    const row = rowsOf(ss, 2, 2)[0].map((c, k) => (k === 3 ? 'Discovry' : c));
    expect(sandbox.call('STAGE_CHECK', [row])).toBe('Unknown stage — did you mean "Discovery"?');
  });

  it('OBJECTION_STATUS finds objections filed under the other identifier (a name’s id, an id’s name)', () => {
    // O1 and O2 name Customer 1, whose id is C00001; O3 names C00002, whose name is Customer 2.
    expect(sandbox.call('OBJECTION_STATUS', [['C00001'], ['Customer 2']])).toEqual([
      ['2 open · 1 overdue · blocking'],
      ['Removed'],
    ]);
    expect(sandbox.call('OBJECTION_STATUS', ' customer 2 ')).toBe('Removed'); // as the reader matches names
  });

  it('OBJECTION_STATUS answers a customer listed twice, or by name and by id, the same each time', () => {
    const status = '2 open · 1 overdue · blocking';
    expect(
      sandbox.call('OBJECTION_STATUS', [['C00001'], ['Customer 1'], ['customer 1'], ['C00001']]),
    ).toEqual([[status], [status], [status], [status]]);
    expect(sandbox.call('OBJECTION_STATUS', [['Customer 2'], [''], ['Customer 2']])).toEqual([
      ['Removed'],
      [''],
      ['Removed'],
    ]);
  });

  it('OBJECTION_STATUS and REP_LOAD take one column; REP_LOAD a column of reps answers a column', () => {
    const t = translator('en');
    expect(() => sandbox.call('OBJECTION_STATUS', [['Customer 1', 'Customer 2']])).toThrow(
      t('fn.oneColumn', { fn: 'OBJECTION_STATUS', got: 2 }),
    );
    expect(() => sandbox.call('REP_LOAD', [[REPS[0], REPS[1]]])).toThrow(
      t('fn.oneColumn', { fn: 'REP_LOAD', got: 2 }),
    );
    expect(() => sandbox.call('REP_LOAD', REPS[0], [['Budget'], ['Lead']])).toThrow(t('fn.oneCell'));
    const { inv } = expected(ss, 'en');
    const open = (rep: string) => inv.reps.find((r) => r.rep === rep)?.open ?? 0;
    expect(sandbox.call('REP_LOAD', [[REPS[0]], [''], [REPS[1]]])).toEqual([
      [open(REPS[0])],
      [''],
      [open(REPS[1])],
    ]);
  });

  it('REP_LOAD of a blank cell is blank; "(no rep)" counts the customers with no rep, as the report does', () => {
    const copy = workbook();
    const sheet = copy.getSheetByName('Customers')!;
    const { inv } = expected(copy, 'en');
    const open = inv.table.customers.map((c, i) => [c, i] as const).filter(([c]) => c.status === 'open');
    for (const [c] of open.slice(0, 3)) sheet.getRange(c.row, 3).setValue('');
    const fns = customFunctions(copy);
    expect(fns.call('REP_LOAD', '')).toBe('');
    expect(fns.call('REP_LOAD', '(no rep)')).toBe(3);
    expect(fns.call('REP_LOAD', '（无负责人）')).toBe(3);
  });

  it('REP_LOAD and OBJECTION_STATUS follow the customer tab when it is renamed after the context was cached', () => {
    const copy = workbook();
    const fns = customFunctions(copy);
    const load = fns.call('REP_LOAD', REPS[0]);
    expect(fns.call('OBJECTION_STATUS', 'Customer 2')).toBe('Removed'); // filed under its id, C00002
    copy.getSheetByName('Customers')!.setName('Deals');
    expect(fns.call('REP_LOAD', REPS[0])).toBe(load);
    expect(fns.call('OBJECTION_STATUS', 'Customer 2')).toBe('Removed');
  });

  it('OBJECTION_STATUS pairs them by the header as it is now: a column inserted since it was cached', () => {
    const book = workbook();
    const fns = loadPinned({ spreadsheet: book, mode: 'custom-function' });
    expect(fns.call('OBJECTION_STATUS', 'C00001')).toBe('2 open · 1 overdue · blocking'); // caches the context
    book.getSheetByName('Customers')!.insertColumnBefore(1);
    expect(fns.call('OBJECTION_STATUS', [['C00001'], ['Customer 2']])).toEqual([
      ['2 open · 1 overdue · blocking'],
      ['Removed'],
    ]);
  });

  it('OBJECTION_STATUS of names and ids: open, overdue, blocking, or the last resolution', () => {
    expect(sandbox.call('OBJECTION_STATUS', 'Customer 1')).toBe('2 open · 1 overdue · blocking');
    expect(sandbox.call('OBJECTION_STATUS', [['Customer 1'], ['C00002'], ['Customer 3'], ['']])).toEqual([
      ['2 open · 1 overdue · blocking'],
      ['Removed'],
      ['—'],
      [''],
    ]);
  });

  it('REP_LOAD(rep) and REP_LOAD(rep, stage) count the rep’s open customers', () => {
    const { inv } = expected(ss, 'en');
    for (const rep of REPS) {
      const load = inv.reps.find((r) => r.rep === rep);
      expect(sandbox.call('REP_LOAD', rep)).toBe(load?.open ?? 0);
      expect(sandbox.call('REP_LOAD', rep, 'Budget')).toBe(load?.byStage[2] ?? 0);
      expect(sandbox.call('REP_LOAD', rep, '预算确认')).toBe(load?.byStage[2] ?? 0); // an alias
      expect(sandbox.call('REP_LOAD', rep, '3 - budget')).toBe(load?.byStage[2] ?? 0); // as the reader matches
    }
    expect(inv.reps.reduce((sum, r) => sum + r.open, 0)).toBeGreaterThan(10);
    expect(sandbox.call('REP_LOAD', 'Nobody')).toBe(0);
  });

  it('REP_LOAD matches the rep as the reader matches names, and says a closed stage is not counted', () => {
    const { inv } = expected(ss, 'en');
    const rep = inv.reps.find((r) => r.open > 0)!;
    expect(sandbox.call('REP_LOAD', ` ${rep.rep.toLowerCase()} `)).toBe(rep.open);
    expect(sandbox.call('REP_LOAD', rep.rep.toUpperCase(), 'Budget')).toBe(rep.byStage[2]);
    const t = translator('en');
    expect(() => sandbox.call('REP_LOAD', rep.rep, 'Won')).toThrow(t('fn.closedStage', { stage: 'Won' }));
    expect(() => sandbox.call('REP_LOAD', 'Nobody', 'Qualify')).toThrow(
      t('fn.unknownStage', { stage: 'Qualify' }),
    );
  });

  it('bad input is one line of error', () => {
    // A value past the header's last column: the range does not start at column A.
    const wide = [[...rowsOf(ss, 2, 2)[0], '', '', '', '', '', 'note']];
    const t = translator('en');
    expect(() => sandbox.call('STAGE_GAP', wide)).toThrow(t('fn.tooWide', { width: HEADER.length, got: 20 }));
    expect(() => sandbox.call('REP_LOAD', 'Ann Lee', 'Qualify')).toThrow(
      t('fn.unknownStage', { stage: 'Qualify' }),
    );
    for (const call of [() => sandbox.call('STAGE_GAP', wide), () => sandbox.call('REP_LOAD', 'x', 'nope')]) {
      try {
        call();
      } catch (e) {
        expect((e as Error).message).not.toContain('\n');
      }
    }
  });

  it('never write: nothing in the spreadsheet changes and no write method is called', () => {
    expect(sandbox.env.mode).toBe('custom-function');
    const called = Object.keys(sandbox.env.calls());
    expect(called.filter((k) => !/\.(get\w*|put|remove)$/.test(k))).toEqual([]);
    expect(ss.snapshot()).toEqual(before);
  });
});

describe('answers in the sheet’s language', () => {
  it('zh locale: Chinese check words and objection status', () => {
    const ss = workbook({ zh: true });
    // The customer rows keep English stage values: the Chinese Stages tab lists them as aliases.
    const sandbox = customFunctions(ss, 'zh_CN');
    const { byRow } = expected(ss, 'zh');
    const answer = sandbox.call('STAGE_CHECK', rowsOf(ss, 2, N + 1)) as unknown[][];
    const words = new Set(answer.map((r) => r[0]));
    expect(words).toEqual(new Set(['', '一致', '超前（缺证据）', '滞后（表格未更新）', '未知阶段']));
    answer.forEach((cell, i) => {
      expect(cell).toEqual([byRow.get(i + 2)?.check ?? '']);
    });
    // The gap's criteria and actions are separated by a full-width semicolon.
    const gaps = sandbox.call('STAGE_GAP', rowsOf(ss, 2, N + 1)) as unknown[][];
    expect(gaps.some(([g]) => String(g).includes('；▸ '))).toBe(true);
    gaps.forEach((cell, i) => {
      expect(cell).toEqual([byRow.get(i + 2)?.gap ?? '']);
    });
    expect(sandbox.call('OBJECTION_STATUS', 'Customer 1')).toBe('2 个未解决 · 1 个逾期 · 阻塞');
    expect(sandbox.call('OBJECTION_STATUS', 'C00002')).toBe('排除');
  });

  it('Settings Language zh wins over an English locale', () => {
    const ss = workbook({ settings: [['Language', 'zh']] });
    const sandbox = customFunctions(ss, 'en_US');
    const { byRow } = expected(ss, 'en');
    const answer = sandbox.call('STAGE_CHECK', rowsOf(ss, 2, N + 1)) as unknown[][];
    answer.forEach((cell, i) => {
      expect(cell).toEqual([byRow.get(i + 2)?.check ?? '']);
    });
    expect(answer.some((r) => r[0] === '一致')).toBe(true);
    const wide = [['', ...rowsOf(ss, 2, 2)[0], 'note']];
    expect(() => sandbox.call('STAGE_OF', wide)).toThrow(
      translator('zh')('fn.tooWide', { width: 14, got: 16 }),
    );
  });

  it('without a customer tab: one line saying so', () => {
    const ss = createSpreadsheet({ sheets: { Notes: [['hello']] } });
    const sandbox = customFunctions(ss);
    expect(() => sandbox.call('STAGE_GAP', [['x']])).toThrow(translator('en')('fn.noHeader'));
  });

  it('Settings naming a tab that is not there: the line names the setting’s value and the tabs', () => {
    const ss = createSpreadsheet({
      sheets: {
        Notes: [['hello']],
        Settings: [
          ['Setting', 'Value'],
          ['Customer tab', 'Deals 2026'],
        ],
      },
    });
    const sandbox = customFunctions(ss);
    const message = translator('en')('error.sheetNotFound', {
      wanted: 'Deals 2026',
      sheets: 'Notes, Settings',
    });
    expect(() => sandbox.call('STAGE_GAP', [['x']])).toThrow(message);
  });
});

describe('the cached context', () => {
  /** A date cell of a spreadsheet in Asia/Shanghai: its local midnight, the day before in UTC. */
  const shanghai = (iso: string) => new Date(`${iso}T00:00:00+08:00`);

  it('east of UTC, a cached Objections date is the same day as the one read (Asia/Shanghai)', () => {
    const ss = createSpreadsheet({
      timeZone: 'Asia/Shanghai',
      sheets: {
        Customers: [
          ['ID', 'Customer', 'Rep', 'Stage'],
          ['C1', 'Acme', 'Ann', 'Lead'],
        ],
        Stages: B2B_STAGES_EN(),
        Objections: [
          ['ID', 'Customer', 'Type', 'Objection', 'Raised on', 'Status', 'Plan', 'Due', 'Blocking'],
          [
            'O1',
            'Acme',
            'Budget',
            'No budget',
            shanghai('2026-03-10'),
            'Planned',
            'Call CFO',
            shanghai(TODAY),
            'no',
          ],
        ],
      },
    });
    const sandbox = customFunctions(ss);
    // Due today: not overdue, whether the context was just read (first call) or comes from the cache.
    expect(sandbox.call('OBJECTION_STATUS', 'Acme')).toBe('1 open');
    expect(sandbox.call('OBJECTION_STATUS', 'Acme')).toBe('1 open');
  });
});

// ---------------------------------------------------------------------------------------------------
// HyperFormula: the same globals as custom functions of a formula engine. Range arguments arrive as
// SimpleRangeValue (`.data`, blanks as EmptyValue, numbers possibly as rich numbers); a range answer is
// returned as a SimpleRangeValue and spills, its size announced by sizeOfResultArrayMethod.

let bundle: Sandbox | null = null;

/** Converts HyperFormula range data into what Sheets passes a custom function. */
function sheetsValues(range: SimpleRangeValue): Cell[][] {
  return range.data.map((row) =>
    row.map((v) => {
      if (v === EmptyValue) return '';
      if (typeof v === 'object' && v !== null && 'val' in v) return (v as { val: number }).val;
      return v as Cell;
    }),
  );
}

class PandianPlugin extends FunctionPlugin {
  private rowFunction(name: string, ast: ProcedureAst, state: InterpreterState) {
    return this.runFunction(ast.args, state, this.metadata(name), (range: SimpleRangeValue) => {
      let answer: unknown;
      try {
        answer = bundle!.call(name, sheetsValues(range));
      } catch (e) {
        // What Sheets shows as #ERROR! with the message: HyperFormula's #ERROR! carries it too.
        return new CellError(ErrorType.ERROR, (e as Error).message);
      }
      if (!Array.isArray(answer)) return answer as string | number;
      return SimpleRangeValue.onlyValues(answer as (string | number)[][]);
    });
  }

  stageGap(ast: ProcedureAst, state: InterpreterState) {
    return this.rowFunction('STAGE_GAP', ast, state);
  }

  stageOf(ast: ProcedureAst, state: InterpreterState) {
    return this.rowFunction('STAGE_OF', ast, state);
  }

  /** One answer per row of the argument: a column as tall as the range. */
  columnSize(ast: ProcedureAst, state: InterpreterState): ArraySize {
    const arg = ast.args[0];
    if (!arg) return ArraySize.error();
    const size = this.arraySizeForAst(arg, state);
    return new ArraySize(1, size.height);
  }
}

PandianPlugin.implementedFunctions = {
  STAGE_GAP: {
    method: 'stageGap',
    parameters: [{ argumentType: FunctionArgumentType.RANGE }],
    sizeOfResultArrayMethod: 'columnSize',
    vectorizationForbidden: true,
  },
  STAGE_OF: {
    method: 'stageOf',
    parameters: [{ argumentType: FunctionArgumentType.RANGE }],
    sizeOfResultArrayMethod: 'columnSize',
    vectorizationForbidden: true,
  },
};

describe('HyperFormula evaluating =STAGE_GAP(A2:N2) and =STAGE_GAP(A2:N500) through the bundle', () => {
  const ROWS = 200;
  // Dates as serial numbers: HyperFormula has no Date type, and core reads serials as dates.
  const data = [HEADER, ...customerRows(ROWS, { seed: 77, noise: true, dates: 'serial' })];
  const ss = createSpreadsheet({ sheets: { Stages: B2B_STAGES_EN(), Customers: data } });
  let hf: HyperFormula;

  beforeAll(() => {
    HyperFormula.registerFunctionPlugin(PandianPlugin, {
      enGB: { STAGE_GAP: 'STAGE_GAP', STAGE_OF: 'STAGE_OF' },
    });
    bundle = customFunctions(ss);
    const sheet: (CellValue | string)[][] = data.map((row) => [...row]);
    for (let r = 2; r <= ROWS + 1; r++) sheet[r - 1][15] = `=STAGE_GAP(A${r}:N${r})`; // P: one per row
    sheet[1][16] = '=STAGE_GAP(A2:N500)'; // Q2: spills Q2:Q500
    sheet[1][17] = '=STAGE_OF(A2:N500)'; // R2
    sheet[1][18] = '=INDEX(STAGE_GAP(A2:N500),5,1)'; // S2: the 5th answer of the column
    sheet[2][18] = '=STAGE_GAP(A2:T2)'; // S3: wider than the header
    hf = HyperFormula.buildFromArray(sheet as never, { licenseKey: 'gpl-v3' });
  });

  afterAll(() => {
    hf?.destroy();
    HyperFormula.unregisterFunctionPlugin(PandianPlugin);
    bundle = null;
  });

  const cell = (row: number, col: number) => hf.getCellValue({ sheet: 0, row: row - 1, col });

  it('one row per formula gives the same gaps as core', () => {
    const { byRow } = expected(ss, 'en');
    for (let r = 2; r <= ROWS + 1; r++) expect(cell(r, 15)).toBe(byRow.get(r)?.gap ?? '');
    expect([...byRow.values()].filter((a) => a.gap !== '').length).toBeGreaterThan(ROWS / 3);
  });

  it('the range formula spills one answer per row (blank past the data), equal to core', () => {
    const { byRow } = expected(ss, 'en');
    for (let r = 2; r <= 500; r++) {
      expect(cell(r, 16)).toBe(byRow.get(r)?.gap ?? '');
      expect(cell(r, 17)).toBe(byRow.get(r)?.of ?? '');
    }
    expect(cell(2, 18)).toBe(byRow.get(6)?.gap ?? '');
  });

  it('bad input is an #ERROR! cell with the one-line message', () => {
    const error = cell(3, 18) as DetailedCellError;
    expect(error).toBeInstanceOf(DetailedCellError);
    expect(error.value).toBe('#ERROR!');
    expect(error.message).toBe(translator('en')('fn.tooWide', { width: 14, got: 20 }));
  });
});

describe('a date that reads both ways in a one-row formula', () => {
  it('DAYS_IN_STAGE of one row reads it as the same formula over the column does', () => {
    const ss = createSpreadsheet({
      sheets: {
        Customers: [
          ['ID', 'Customer', 'Stage', 'Stage Entered'],
          ['C1', 'Acme', 'Lead', '03/02/2026'],
          ['C2', 'Birch', 'Lead', '25/02/2026'],
        ],
        Stages: B2B_STAGES_EN(),
      },
    });
    const fns = loadPinned({ spreadsheet: ss, mode: 'custom-function' });
    const rows = ss.getRange('Customers!A2:D3').getValues();
    // 3 February (the column is day first: 25/02) to the pinned today, 16 March.
    expect((fns.call('DAYS_IN_STAGE', rows) as unknown[][])[0][0]).toBe(41);
    expect(fns.call('DAYS_IN_STAGE', [rows[0]])).toBe(41);
  });
});
