// Fuzzing (fast-check) over random grids: the cell parsers, the customer-tab reader, the whole engine with
// random Stages / Objections / Settings tabs, the report and the --json document. Nothing throws, the
// invariants hold (rows partitioned, evidence monotone, gap empty ⇔ next stage reached, concurrency sums
// to open), and the same input gives the same output. Runs are bounded: the file takes a few seconds.
import fc from 'fast-check';
import { inventoryJson } from '../../src/cli/json';
import { dayFromIso } from '../../src/core/days';
import { type InventoryRequest, runInventory } from '../../src/core/index';
import type { Inventory } from '../../src/core/inventory';
import { TEXT_LIMIT } from '../../src/core/normalize';
import { buildReport, REPORT_TEXT_LIMIT } from '../../src/core/report';
import { type Customer, openCustomers, readCustomers } from '../../src/core/table';
import type { Cell, Grid, Issue, SheetData } from '../../src/core/types';
import {
  isFailure,
  parseBoolean,
  parseDay,
  parseMark,
  parseMoney,
  parseNumber,
  parsePercent,
} from '../../src/core/values';
import { issueMessage, MESSAGES, reportText } from '../../src/i18n/messages';
import { B2B_STAGES } from '../fixtures/bad-sheets';
import { validateJson } from './helpers';

const AS_OF = '2026-06-30';
const SEED = 20260316;
/** Every property runs with a fixed seed (reproducible in CI) and a time cap. */
const opts = (numRuns: number): fc.Parameters<unknown> => ({
  numRuns,
  seed: SEED,
  interruptAfterTimeLimit: 2500,
});

// ---- cells ----

const WORDS = [
  '',
  ' ',
  '-',
  '—',
  'N/A',
  '无',
  'TBD',
  'Total',
  '合计',
  '小计',
  '必填',
  'required',
  'Lead',
  'Discovery',
  'Discovry',
  'Budget',
  'Won',
  'Closed Won',
  'closed-won',
  'CLOSED_WON',
  '赢单',
  '已签约',
  'Lost',
  '输单',
  'On hold',
  '搁置',
  'open',
  '2026-05-30',
  '2023-02-30',
  '5/30/2026',
  '30-05-2026',
  '15 Apr, 2021',
  '2026年5月30日',
  '45762',
  '-5',
  '$22,700.00',
  '1,2 万',
  '€1.234',
  '(1,000)',
  '12k',
  '150%',
  '#N/A',
  '#REF!',
  '#DIV/0!',
  '✓',
  '√',
  'yes',
  '是',
  'no',
  '否',
  'maybe',
  '👍',
  '🚀 Rocket',
  '=1+1',
  '+SUM(1)',
  '@me',
  '＝A1',
  'Ｗｏｎ',
  'Lead\u200b',
];
const longText = fc.integer({ min: TEXT_LIMIT - 5, max: TEXT_LIMIT + 400 }).map((n) => 'x'.repeat(n));
const cell: fc.Arbitrary<Cell> = fc.oneof(
  { arbitrary: fc.constantFrom(...WORDS), weight: 6 },
  { arbitrary: fc.string({ maxLength: 10 }), weight: 2 },
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 6 }), weight: 1 },
  { arbitrary: fc.double(), weight: 1 },
  { arbitrary: fc.integer({ min: -100000, max: 3000000 }), weight: 2 },
  { arbitrary: fc.boolean(), weight: 1 },
  { arbitrary: fc.date({ min: new Date(-3e12), max: new Date(8e12), noInvalidDate: false }), weight: 1 },
  { arbitrary: fc.constantFrom(null, undefined), weight: 2 },
  { arbitrary: longText, weight: 1 },
);

const HEADERS = [
  'ID',
  'Customer',
  'Account Name',
  'Rep',
  'Owner',
  'Stage',
  'Status',
  'Amount',
  '预计金额（万元）',
  'Created',
  'Close Date',
  'Last Contact',
  'Next Step',
  'Next Step Date',
  'Stage Entered',
  'Probability',
  'Support Needed',
  'Resume On',
  'Inquiry',
  'Need confirmed',
  'Decision process mapped',
  'Budget confirmed',
  'Budget-approval path',
  'Solution accepted',
  'Notes',
  '',
];
/** Mostly a recognisable header (a customer or id column first), sometimes not. */
const header = fc
  .tuple(
    fc.constantFrom('Customer', 'ID', 'Account Name', 'Notes'),
    fc.uniqueArray(fc.constantFrom(...HEADERS), { minLength: 1, maxLength: 12 }),
  )
  .map(([key, rest]) => [key, ...rest.filter((h) => h !== key)]);

/** A customer tab: a few title rows, maybe a header, rows of random cells. */
const customerGrid: fc.Arbitrary<Cell[][]> = fc
  .record({
    titles: fc.array(fc.array(cell, { maxLength: 3 }), { maxLength: 3 }),
    head: fc.option(header, { freq: 5 }),
    rows: fc.array(fc.array(cell, { maxLength: 14 }), { maxLength: 30 }),
  })
  .map(({ titles, head, rows }) => (head ? [...titles, head, ...rows] : [...titles, ...rows]));

// ---- other tabs ----

const STAGE_NAMES = ['Lead', 'lead', 'Discovery', 'Budget', 'Won', 'Lost', 'Hold', 'Alpha', 'Beta', '阶段一'];
const CRITERIA = ['Inquiry', 'Need confirmed', 'Budget confirmed', 'Solution accepted', 'Signed'];
const stagesGrid: fc.Arbitrary<Cell[][]> = fc
  .array(
    fc.tuple(
      fc.oneof(fc.integer({ min: -2, max: 9 }), fc.constantFrom('', 'first', '#N/A', '2')),
      fc.constantFrom(...STAGE_NAMES, ''),
      fc.array(fc.constantFrom(...STAGE_NAMES, '线索'), { maxLength: 3 }).map((a) => a.join(' | ')),
      fc.constantFrom('open', 'won', 'lost', 'hold', '赢单', 'maybe', ''),
      fc.array(fc.constantFrom(...CRITERIA), { maxLength: 2 }).map((a) => a.join('\n')),
      fc.array(fc.constantFrom(...CRITERIA), { maxLength: 1 }).map((a) => a.join('\n')),
      fc.oneof(fc.integer({ min: -5, max: 60 }), fc.constantFrom('', 'forever')),
      fc.oneof(fc.double({ min: -1, max: 2, noNaN: true }), fc.constantFrom('', '150%', '45%')),
    ),
    { maxLength: 8 },
  )
  .map((rows) => [
    ['Order', 'Stage', 'Aliases', 'Kind', 'Elements', 'Commitments', 'Max days', 'Probability'],
    ...rows.map((r) => [...r]),
  ]);

const objectionsGrid: fc.Arbitrary<Cell[][]> = fc
  .array(fc.array(cell, { minLength: 12, maxLength: 12 }), { maxLength: 8 })
  .map((rows) => [
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
      'Blocking',
    ],
    ...rows,
  ]);

const SETTING_KEYS = [
  'Language',
  'Template',
  'Period',
  'WIP low',
  'WIP high',
  'Wins target per rep',
  'Value target per rep',
  'Default stall days',
  'Track edits',
  'Headcount last period',
  'map:customer',
  'map:rep',
  'map:boss',
  'free note',
];
const settingsGrid: fc.Arbitrary<Cell[][]> = fc
  .array(
    fc.tuple(
      fc.constantFrom(...SETTING_KEYS),
      fc.oneof(cell, fc.constantFrom('zh', 'en', 'quarter', 'b2b', 'funnel', 'yes', '3', 'Customer', 'Rep')),
    ),
    { maxLength: 6 },
  )
  .map((rows) => [['Setting', 'Value'], ...rows.map((r) => [...r])]);

const workbook = fc.record({
  customers: customerGrid,
  stages: fc.option(fc.oneof(stagesGrid, fc.constant(B2B_STAGES)), { freq: 3 }),
  objections: fc.option(objectionsGrid, { freq: 3 }),
  settings: fc.option(settingsGrid, { freq: 4 }),
  lang: fc.constantFrom('zh' as const, 'en' as const),
});

type Workbook = typeof workbook extends fc.Arbitrary<infer T> ? T : never;

function requestOf(w: Workbook): InventoryRequest {
  const sheets: SheetData[] = [{ name: 'Customers', values: w.customers }];
  if (w.stages) sheets.push({ name: 'Stages', values: w.stages });
  if (w.objections) sheets.push({ name: 'Objections', values: w.objections });
  if (w.settings) sheets.push({ name: 'Settings', values: w.settings });
  return { sheets, asOf: AS_OF, timeZone: 'Asia/Shanghai', lang: w.lang };
}

/** The report, with labels that must all be in the catalogue (the report asks by key strings no type checks). */
function report(inv: Inventory, lang: 'zh' | 'en') {
  const text = reportText(lang);
  const label = (key: string, params?: Record<string, string | number>): string => {
    if (!(key in MESSAGES)) throw new Error(`the report asks for ${key}, which the catalogue lacks`);
    return text(key, params);
  };
  return buildReport(inv, label, (i) => issueMessage(i, lang));
}

/** The invariants of one inventory. */
function checkInventory(inv: Inventory, request: InventoryRequest): void {
  const { customers } = inv.table;
  const t = inv.totals;
  expect(t.customers).toBe(customers.length);
  expect(t.open + t.won + t.lost + t.hold).toBe(t.customers);
  // Concurrency sums to open, by rep, by stage and by cohort.
  expect(inv.reps.reduce((n, r) => n + r.open, 0)).toBe(t.open);
  if (inv.openStages.length > 0) {
    expect(inv.reps.reduce((n, r) => n + r.byStage.reduce((a, b) => a + b, 0), 0)).toBe(t.open);
    expect(inv.cohorts.reduce((n, c) => n + c.members.length, 0)).toBe(t.open);
  }
  const everyStageHasCriteria = inv.openStages.every((s) => inv.table.model.stages[s].criteria.length > 0);
  customers.forEach((c, i) => {
    const s = inv.states[i];
    if (c.status !== 'open') expect(s.gap).toEqual([]);
    // Gap empty ⇔ the evidence reaches the stage after the current one (every stage having criteria).
    else if (everyStageHasCriteria && inv.openStages.length > 0)
      expect(s.gap.length === 0).toBe(s.reach > s.current);
    else if (s.gap.length > 0) expect(s.reach).toBeLessThanOrEqual(s.current);
    if (s.evidenced !== null) expect(s.current).toBeGreaterThanOrEqual(s.evidenced);
    if (s.check === 'ahead') expect(s.declaredPos!).toBeGreaterThan(s.evidenced!);
    if (s.check === 'behind') expect(s.declaredPos!).toBeLessThan(s.evidenced!);
  });
  // Issues name a tab that was given and a sheet row.
  const names = request.sheets.map((s) => s.name);
  for (const issue of inv.issues) {
    expect(names).toContain(issue.sheet);
    expect(Number.isInteger(issue.row) && issue.row >= 1).toBe(true);
    expect(issue.value.length).toBeLessThanOrEqual(TEXT_LIMIT);
  }
}

function checkReport(inv: Inventory, lang: 'zh' | 'en'): void {
  const r = report(inv, lang);
  expect(r.rows.every((row) => row.length === r.width)).toBe(true);
  for (const row of r.rows)
    for (const c of row) {
      if (typeof c === 'number') expect(Number.isNaN(c)).toBe(false);
      if (c && typeof c === 'object' && 'text' in c)
        expect(c.text.length).toBeLessThanOrEqual(REPORT_TEXT_LIMIT);
    }
  const inside = (x: { row: number; col: number; rows: number; cols: number }) =>
    x.row >= 0 && x.col >= 0 && x.row + x.rows <= r.rows.length && x.col + x.cols <= r.width;
  for (const f of r.formats) expect(inside(f.rect)).toBe(true);
  for (const ch of r.charts) expect(inside(ch.data)).toBe(true);
  expect(r.columnWidths).toHaveLength(r.width);
}

describe('cell parsers never throw and answer a value, blank or a failure', () => {
  it('on any cell', () => {
    fc.assert(
      fc.property(cell, fc.constantFrom(1, 10000), (c, scale) => {
        const day = parseDay(c, 'Asia/Shanghai');
        if (typeof day === 'number') expect(day).toBe(Math.trunc(day));
        else if (day !== null) expect(isFailure(day)).toBe(true);
        for (const v of [parseMoney(c, scale), parseNumber(c), parsePercent(c)]) {
          if (typeof v === 'number') expect(Number.isFinite(v)).toBe(true);
          else if (v !== null) expect(isFailure(v)).toBe(true);
        }
        const pct = parsePercent(c);
        if (typeof pct === 'number') expect(pct >= 0 && pct <= 1).toBe(true);
        const mark = parseMark(c);
        expect(typeof mark === 'boolean' || isFailure(mark)).toBe(true);
        const yes = parseBoolean(c);
        expect(yes === null || typeof yes === 'boolean' || isFailure(yes)).toBe(true);
      }),
      opts(1000),
    );
  });
});

describe('the customer-tab reader', () => {
  it('never throws, and every row under the header is exactly one of: customer, or a skipped row said why', () => {
    fc.assert(
      fc.property(customerGrid, fc.boolean(), (grid, withModel) => {
        const table = readCustomers(
          { name: 'Any', values: grid },
          { timeZone: 'UTC', model: withModel ? runB2B() : null },
        );
        if (!table) return;
        expect(table.headerRow).toBeGreaterThanOrEqual(1);
        expect(table.headerRow).toBeLessThanOrEqual(10);
        const kinds = new Map<number, string>();
        const skipCodes = [
          'blank-row',
          'notes-row',
          'placeholder-row',
          'totals-row',
          'stage-log-row',
          'unnamed-row',
        ];
        for (const i of table.issues) {
          expect(i.row).toBeGreaterThanOrEqual(1);
          expect(i.row).toBeLessThanOrEqual(Math.max(grid.length, 1));
          const rowLevel = skipCodes.includes(i.code);
          if (rowLevel) {
            expect(kinds.has(i.row)).toBe(false);
            kinds.set(i.row, i.code);
          }
          if (i.code === 'title-row') expect(i.row).toBeLessThan(table.headerRow);
        }
        const rows = table.customers.map((c) => c.row);
        expect([...rows].sort((a, b) => a - b)).toEqual(rows);
        expect(new Set(rows).size).toBe(rows.length);
        for (const r of rows) {
          expect(r).toBeGreaterThan(table.headerRow);
          expect(kinds.has(r)).toBe(false);
          kinds.set(r, 'customer');
        }
        // Every row from the header to the last non-blank row is accounted for, once.
        let last = table.headerRow;
        grid.forEach((row, r) => {
          if (
            r >= table.headerRow &&
            row.some((c) => !(c == null || (typeof c === 'string' && c.trim() === '')))
          )
            last = r + 1;
        });
        for (let r = table.headerRow + 1; r <= last; r++) expect(kinds.has(r)).toBe(true);
        expect(kinds.size).toBe(last - table.headerRow);
        for (const c of table.customers) {
          expect(c.name.length).toBeLessThanOrEqual(TEXT_LIMIT);
          expect(c.met.every((m) => m === 0 || m === 1)).toBe(true);
        }
      }),
      opts(300),
    );
  });

  it('reads a customer again as it read it the first time, and says nothing new', () => {
    fc.assert(
      fc.property(customerGrid, fc.boolean(), (grid, withModel) => {
        const sheet = { name: 'Any', values: grid };
        const options = { timeZone: 'UTC', model: withModel ? runB2B() : null };
        const kept = readCustomers(sheet, options);
        const reader = openCustomers(sheet, options);
        expect(reader === null).toBe(kept === null);
        if (!kept || !reader) return;
        const seen: Customer[] = [];
        const table = reader.read((c, i) => {
          expect(i).toBe(seen.length);
          seen.push(c);
        }, false);
        expect(seen).toEqual(kept.customers);
        expect(reader.keys()).toEqual(seen.map((c) => ({ id: c.id, name: c.name })));
        // One customer, then all of them, read again from their rows.
        if (seen.length > 0) expect(table.customerAt(seen.length - 1)).toEqual(seen[seen.length - 1]);
        expect(table.customers).toEqual(seen);
        expect(table.issues).toEqual(kept.issues);
      }),
      opts(200),
    );
  });

  it('gives the same table for the same grid', () => {
    fc.assert(
      fc.property(customerGrid, (grid) => {
        const a = readCustomers({ name: 'Any', values: grid }, { timeZone: 'UTC', model: null });
        const b = readCustomers({ name: 'Any', values: grid }, { timeZone: 'UTC', model: null });
        expect(b).toEqual(a);
      }),
      opts(100),
    );
  });
});

let b2bModel: ReturnType<typeof parseB2B> | undefined;
function parseB2B() {
  const out = runInventory({
    sheets: [
      { name: 'C', values: [['Customer', 'Rep']] },
      { name: 'Stages', values: B2B_STAGES },
    ],
    asOf: AS_OF,
    timeZone: 'UTC',
    lang: 'en',
  });
  if (!out.ok) throw new Error('B2B');
  return out.inventory.table.model;
}
function runB2B() {
  b2bModel ??= parseB2B();
  return b2bModel;
}

describe('the whole engine on random workbooks', () => {
  it('never throws; totals, concurrency, gaps and issues hold; the report and the JSON are well formed', () => {
    fc.assert(
      fc.property(workbook, (w) => {
        const request = requestOf(w);
        const out = runInventory(request);
        if (!out.ok) {
          expect(['no-customer-sheet', 'customer-sheet-not-found']).toContain(out.code);
          return;
        }
        checkInventory(out.inventory, request);
        checkReport(out.inventory, out.lang);
        const doc = inventoryJson(out.inventory, 'random.xlsx', out.lang);
        expect(validateJson(JSON.parse(JSON.stringify(doc)))).toBe(true);
      }),
      opts(200),
    );
  });

  it('reaches the interesting part: most random workbooks have customers', () => {
    // A fixed sample, not the runs above: those stop at a time cap, so their number depends on the machine.
    const sample = fc.sample(workbook, { seed: SEED, numRuns: 200 });
    const withCustomers = sample.filter((w) => {
      const out = runInventory(requestOf(w));
      return out.ok && out.inventory.totals.customers > 0;
    }).length;
    expect(withCustomers).toBeGreaterThan(sample.length / 2);
  });

  it('gives the same inventory, report and JSON for the same input', () => {
    fc.assert(
      fc.property(workbook, (w) => {
        const a = runInventory(requestOf(w));
        const b = runInventory(requestOf(w));
        expect(JSON.stringify(b)).toBe(JSON.stringify(a));
        if (a.ok && b.ok) {
          expect(report(b.inventory, b.lang)).toEqual(report(a.inventory, a.lang));
          expect(inventoryJson(b.inventory, 'f', b.lang)).toEqual(inventoryJson(a.inventory, 'f', a.lang));
        }
      }),
      opts(80),
    );
  });
});

// ---- evidence through the engine ----

const CRIT9 = [
  'Inquiry',
  'Need confirmed',
  'Decision process mapped',
  'Budget confirmed',
  'Budget-approval path',
  'Solution accepted',
  'Procurement or tender path',
  'Purchase-approval commitment',
  'Contract terms agreed',
];
const markCell: fc.Arbitrary<Cell> = fc.constantFrom(
  '',
  '',
  'yes',
  '✓',
  '2026-01-05',
  'no',
  '-',
  'maybe',
  '#N/A',
  0,
  1,
);
const evidenceRow = fc.record({
  rep: fc.constantFrom('Ann', 'Bob', '', '赵六'),
  stage: fc.constantFrom(
    '',
    'Lead',
    'Discovery',
    'Budget',
    'Solution & tender',
    'Negotiation & approval',
    'Won',
    'Lost',
    'On hold',
    'Nope',
    '#N/A',
  ),
  status: fc.constantFrom('', '', 'open', 'won', 'hold', 'weird'),
  marks: fc.array(markCell, { minLength: 9, maxLength: 9 }),
});

type EvidenceRow = typeof evidenceRow extends fc.Arbitrary<infer T> ? T : never;

function evidenceSheets(rows: EvidenceRow[]): SheetData[] {
  const values: Cell[][] = [
    ['Customer', 'Rep', 'Stage', 'Status', ...CRIT9],
    ...rows.map((r, i) => [`C${i}`, r.rep, r.stage, r.status, ...r.marks]),
  ];
  return [
    { name: 'Customers', values },
    { name: 'Stages', values: B2B_STAGES },
  ];
}

function inventoryOf(sheets: SheetData[]): Inventory {
  const out = runInventory({ sheets, asOf: AS_OF, timeZone: 'UTC', lang: 'en' });
  if (!out.ok) throw new Error(out.code);
  return out.inventory;
}

describe('evidence', () => {
  it('is monotone: marking one more criterion met never lowers any customer’s reach, evidence or current stage', () => {
    fc.assert(
      fc.property(
        fc.array(evidenceRow, { minLength: 1, maxLength: 12 }),
        fc.nat(),
        fc.nat(8),
        (rows, pick, k) => {
          const before = inventoryOf(evidenceSheets(rows));
          const i = pick % rows.length;
          const more = rows.map((r, j) =>
            j === i ? { ...r, marks: r.marks.map((m, x) => (x === k ? 'yes' : m)) } : r,
          );
          const after = inventoryOf(evidenceSheets(more));
          after.states.forEach((s, j) => {
            const b = before.states[j];
            expect(s.reach).toBeGreaterThanOrEqual(b.reach);
            expect(s.current).toBeGreaterThanOrEqual(b.current);
            if (b.evidenced !== null) expect(s.evidenced!).toBeGreaterThanOrEqual(b.evidenced);
            // The gap never grows: the newly met criterion leaves it, nothing else joins it unless the stage moved.
            if (s.current === b.current) expect(s.gap.every((g) => b.gap.includes(g))).toBe(true);
          });
          expect(after.totals).toEqual(before.totals);
        },
      ),
      opts(150),
    );
  });

  it('has an empty gap exactly when the next stage is reached, and every gap criterion is unmet', () => {
    fc.assert(
      fc.property(fc.array(evidenceRow, { minLength: 1, maxLength: 25 }), (rows) => {
        const sheets = evidenceSheets(rows);
        const inv = inventoryOf(sheets);
        checkInventory(inv, { sheets, asOf: AS_OF, timeZone: 'UTC', lang: 'en' });
        inv.table.customers.forEach((c, i) => {
          for (const k of inv.states[i].gap) expect(c.met[k]).toBe(0);
          if (c.status === 'open')
            expect(inv.states[i].gap.length === 0).toBe(inv.states[i].reach > inv.states[i].current);
        });
      }),
      opts(150),
    );
  });

  it('reports every unreadable mark cell as an issue at its row and column', () => {
    fc.assert(
      fc.property(fc.array(evidenceRow, { minLength: 1, maxLength: 15 }), (rows) => {
        const inv = inventoryOf(evidenceSheets(rows));
        const at = (i: Issue) => `${i.row}:${i.column}`;
        const seen = new Set(inv.issues.map(at));
        rows.forEach((r, i) => {
          r.marks.forEach((m, k) => {
            if (m === 'maybe' || m === '#N/A')
              expect(seen.has(`${i + 2}:${String.fromCharCode(69 + k)} (${CRIT9[k]})`)).toBe(true);
          });
        });
      }),
      opts(150),
    );
  });
});

describe('the as-of day', () => {
  it('is the only clock: any valid day gives an inventory, an invalid one a clean refusal', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), (asOf) => {
        const grid: Grid = [
          ['Customer', 'Rep'],
          ['A', 'B'],
        ];
        const out = runInventory({
          sheets: [{ name: 'C', values: grid }],
          asOf,
          timeZone: 'UTC',
          lang: 'en',
        });
        expect(out.ok).toBe(dayFromIso(asOf) !== null);
      }),
      opts(300),
    );
  });
});
