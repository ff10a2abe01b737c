// Rules of PRODUCT sections 1-2 through the public entry runInventory, on small hand-made sheets.
import { inventoryJson } from '../../src/cli/json';
import { dayFromIso } from '../../src/core/days';
import { diffSnapshots, type HistoryEntry, type Snapshot, unlogged } from '../../src/core/history';
import { runInventory } from '../../src/core/index';
import type { Inventory } from '../../src/core/inventory';
import { buildReport } from '../../src/core/report';
import { stagesGrid } from '../../src/core/stage-grid';
import { headersOf, OBJECTION_COLUMNS } from '../../src/core/tabs';
import { template } from '../../src/core/templates';
import type { Cell, SheetData } from '../../src/core/types';
import { issueMessage, reportText } from '../../src/i18n/messages';

const AS_OF = '2026-06-30';
const B2B_EN = stagesGrid(template('b2b', 'en'), 'en');
const CRITERIA = [
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
const HEAD = [
  'ID',
  'Customer',
  'Rep',
  'Stage',
  'Amount',
  'Stage Entered',
  'Last Contact',
  'Next Step',
  'Next Step Date',
  ...CRITERIA,
];

interface RowSpec {
  id?: string;
  customer?: string;
  rep?: string;
  stage?: string;
  amount?: Cell;
  entered?: Cell;
  contact?: Cell;
  next?: string;
  nextDue?: Cell;
  met?: string[];
}

function row(spec: RowSpec): Cell[] {
  return [
    spec.id ?? '',
    spec.customer ?? '',
    spec.rep ?? 'Ann',
    spec.stage ?? '',
    spec.amount ?? '',
    spec.entered ?? '',
    spec.contact ?? '',
    spec.next ?? '',
    spec.nextDue ?? '',
    ...CRITERIA.map((c) => (spec.met?.includes(c) ? '2026-06-01' : '')),
  ];
}

/** The report's cells (English unless `lang` says), user text unwrapped. */
const reportGrid = (inv: Inventory, lang: 'en' | 'zh' = 'en'): unknown[][] =>
  buildReport(inv, reportText(lang), (i) => issueMessage(i, lang)).rows.map((r) =>
    r.map((c) => (c !== null && typeof c === 'object' && 'text' in c ? c.text : c)),
  );

/** An Objections tab (English headers) of one objection with these fields. */
function objectionsTab(fields: Partial<Record<keyof typeof OBJECTION_COLUMNS, Cell>>): SheetData {
  const head = headersOf(OBJECTION_COLUMNS, 'en');
  const keys = Object.keys(OBJECTION_COLUMNS);
  return { name: 'Objections', values: [head, keys.map((k) => fields[k as keyof typeof fields] ?? '')] };
}

/** The inventory of these tabs (UTC, English), as of AS_OF unless given. */
function inventoryOf(sheets: SheetData[], { asOf = AS_OF, keep = false } = {}): Inventory {
  const out = runInventory({ sheets, asOf, timeZone: 'UTC', lang: 'en', keep });
  if (!out.ok) throw new Error(`no inventory: ${out.code}`);
  return out.inventory;
}

/** The customer tab of these rows under HEAD, the English B2B stages and any `extra` tabs. */
const customerTabs = (rows: Cell[][], extra: SheetData[] = []): SheetData[] => [
  { name: 'Customers', values: [HEAD, ...rows] },
  { name: 'Stages', values: B2B_EN },
  ...extra,
];

function inventory(rows: Cell[][], extra: SheetData[] = [], asOf = AS_OF): Inventory {
  return inventoryOf(customerTabs(rows, extra), { asOf });
}

/** A tab of deals with a created and a close date, and no stage model but the data's. */
const DEALS_HEAD = ['Customer', 'Rep', 'Stage', 'Amount', 'Created', 'Close Date'];
const deals = (rows: Cell[][]): Inventory => inventoryOf([{ name: 'Deals', values: [DEALS_HEAD, ...rows] }]);

const stageName = (inv: Inventory, pos: number | null): string | null =>
  pos === null ? null : inv.table.model.stages[inv.openStages[pos]].name;

describe('evidenced stage', () => {
  it('jumps several stages when inquiry, need, decision process, budget and approval path come in one meeting', () => {
    const inv = inventory([
      row({
        customer: 'Acme',
        stage: 'Lead',
        met: [
          'Inquiry',
          'Need confirmed',
          'Decision process mapped',
          'Budget confirmed',
          'Budget-approval path',
        ],
      }),
    ]);
    expect(stageName(inv, inv.states[0].evidenced)).toBe('Solution & tender');
    expect(inv.states[0].check).toBe('behind');
  });

  it('keeps a customer who only ever gives an inquiry at Discovery however many History rows it has', () => {
    const history: Cell[][] = [['When', 'Who', 'Customer', 'ID', 'Row', 'Field', 'Old', 'New', 'Source']];
    for (let i = 0; i < 60; i++)
      history.push([
        '2026-05-01',
        'ann@example.com',
        'Busy Co',
        '',
        2,
        'Last Contact',
        '',
        '2026-05-01',
        'edit',
      ]);
    const inv = inventory(
      [row({ customer: 'Busy Co', stage: 'Lead', met: ['Inquiry'] })],
      [{ name: 'History', values: history }],
    );
    expect(stageName(inv, inv.states[0].evidenced)).toBe('Discovery');
  });

  it('counts criteria met out of order but does not skip an unmet earlier one', () => {
    const inv = inventory([
      row({ customer: 'Out of order', met: ['Inquiry', 'Budget confirmed', 'Budget-approval path'] }),
    ]);
    expect(stageName(inv, inv.states[0].evidenced)).toBe('Discovery');
    const gap = inv.states[0].gap.map((k) => inv.table.criteria[k].criterion.name);
    expect(gap).toEqual(['Need confirmed', 'Decision process mapped']);
  });
});

describe('stage check and gap', () => {
  it('flags a declared stage beyond the evidence as ahead and lists the earliest unmet criteria first', () => {
    const inv = inventory([row({ customer: 'Ahead', stage: 'Negotiation & approval', met: ['Inquiry'] })]);
    const s = inv.states[0];
    expect(s.check).toBe('ahead');
    expect(s.gap.map((k) => inv.table.criteria[k].criterion.name)).toEqual(CRITERIA.slice(1));
  });

  it('matches when declared equals evidence, and the gap is exactly the current stage exit criteria', () => {
    const inv = inventory([row({ customer: 'Even', stage: 'Budget', met: CRITERIA.slice(0, 3) })]);
    expect(inv.states[0].check).toBe('match');
    expect(inv.states[0].gap.map((k) => inv.table.criteria[k].criterion.name)).toEqual([
      'Budget confirmed',
      'Budget-approval path',
    ]);
  });

  it('has no gap for won and lost customers', () => {
    const inv = inventory([
      row({ customer: 'W', stage: 'Won' }),
      row({ customer: 'L', stage: 'Closed Lost' }),
    ]);
    expect(inv.states.map((s) => s.gap)).toEqual([[], []]);
    expect(inv.totals).toMatchObject({ won: 1, lost: 1, open: 0 });
  });

  it('reports an unknown stage with the nearest known name', () => {
    const inv = inventory([row({ customer: 'Typo', stage: 'Discovry' })]);
    const issue = inv.issues.find((i) => i.code === 'unknown-stage');
    expect(issue).toMatchObject({
      sheet: 'Customers',
      row: 2,
      column: 'D (Stage)',
      value: 'Discovry',
      params: { suggestion: 'Discovery' },
    });
  });
});

describe('stage clock', () => {
  it('marks a customer stalled past the stage max days and reports next action overdue or missing', () => {
    const inv = inventory([
      row({ customer: 'Old', stage: 'Lead', entered: '2026-05-01', nextDue: '2026-06-01', next: 'Call' }),
      row({ customer: 'Fresh', stage: 'Lead', entered: '2026-06-25' }),
    ]);
    expect(inv.states[0]).toMatchObject({ daysInStage: 60, stalled: true, nextAction: 'overdue' });
    expect(inv.states[1]).toMatchObject({ daysInStage: 5, stalled: false, nextAction: 'missing' });
  });

  it('suppresses stall flags while a hold has a resume date ahead, and flags it once the date passes', () => {
    const head = [...HEAD, 'Status', 'Resume On'];
    const rows = [
      [...row({ customer: 'Snoozed', stage: 'Budget', entered: '2026-01-01' }), 'On hold', '2026-08-01'],
      [...row({ customer: 'Overslept', stage: 'Budget', entered: '2026-01-01' }), 'On hold', '2026-06-01'],
    ];
    const inv = inventoryOf([
      { name: 'Customers', values: [head, ...rows] },
      { name: 'Stages', values: B2B_EN },
    ]);
    expect(inv.states.map((s) => [s.snoozed, s.stalled, s.resumeDue])).toEqual([
      [true, false, false],
      [false, false, true],
    ]);
  });

  it('lets the clock run on a hold with no resume date: past the max days it is stalled and listed', () => {
    const head = [...HEAD, 'Status', 'Resume On'];
    const rows = [
      [...row({ customer: 'Parked', stage: 'Budget', entered: '2026-01-01' }), 'On hold', ''],
      [...row({ customer: 'Resting', stage: 'Budget', entered: '2026-06-20' }), 'On hold', ''],
    ];
    const tabs = [
      { name: 'Customers', values: [head, ...rows] },
      { name: 'Stages', values: B2B_EN },
    ];
    const inv = inventoryOf(tabs, { keep: true });
    expect(inv.states.map((s) => [s.snoozed, s.stalled, s.resumeDue])).toEqual([
      [false, true, false],
      [false, false, false],
    ]);
    expect(inv.stalled).toEqual([0]);
    // The report's stalled list says why its stage clock ran.
    const grid = reportGrid(inv);
    const at = grid.findIndex((r) => r[1] === 'Parked');
    expect(grid[at][3]).toBe('On hold, no resume date');
    expect(grid[at][4]).toBe(180);
  });

  it('lists the open customers whose next action is overdue, longest overdue first, with the action and its due date', () => {
    const rows = [
      row({ customer: 'Late', stage: 'Lead', next: 'Send quote', nextDue: '2026-06-20' }),
      row({ customer: 'On time', stage: 'Lead', next: 'Call', nextDue: '2026-07-05' }),
      row({ customer: 'Later', stage: 'Budget', next: 'Book the CFO', nextDue: '2026-05-31' }),
      row({ customer: 'Won anyway', stage: 'Won', next: 'Invoice', nextDue: '2026-05-01' }),
      row({ customer: 'No plan', stage: 'Lead' }),
    ];
    const inv = inventory(rows);
    expect(inv.actionsOverdue).toEqual([2, 0]);
    expect(inv.nextActions.overdue).toBe(2);
    const grid = reportGrid(inv);
    const title = grid.findIndex((r) => r[0] === 'Customers whose next action is overdue');
    expect(grid[title + 1].slice(0, 6)).toEqual(['Row', 'Customer', 'Rep', 'Stage', 'Next action', 'Due']);
    expect(grid.slice(title + 2, title + 4).map((r) => r.slice(0, 6))).toEqual([
      [4, 'Later', 'Ann', 'Budget', 'Book the CFO', { day: inv.table.customerAt(2).nextActionDue }],
      [2, 'Late', 'Ann', 'Lead', 'Send quote', { day: inv.table.customerAt(0).nextActionDue }],
    ]);
    expect(grid[title + 4]?.[0] ?? null).toBeNull();
    expect(inventoryJson(inv, 'f.csv', 'en').actionsOverdue).toEqual([
      { row: 4, customer: 'Later', rep: 'Ann', stage: 'Budget', days: 30 },
      { row: 2, customer: 'Late', rep: 'Ann', stage: 'Lead', days: 10 },
    ]);
    expect(reportGrid(inventory([row({ customer: 'Due', stage: 'Lead' })]))).toContainEqual(
      expect.arrayContaining(['Customers whose next action is overdue']),
    );
  });

  it('lists open customers not contacted for more than No-contact days, longest first, and counts them', () => {
    const settings = (days: number): SheetData => ({
      name: 'Settings',
      values: [
        ['Setting', 'Value'],
        ['No-contact days', days],
      ],
    });
    const rows = [
      row({ customer: 'Recent', stage: 'Lead', contact: '2026-06-25' }),
      row({ customer: 'Quiet', stage: 'Lead', contact: '2026-06-01' }),
      row({ customer: 'Silent', stage: 'Lead', contact: '2026-04-01' }),
      row({ customer: 'Won long ago', stage: 'Won', contact: '2026-01-01' }),
      row({ customer: 'Never', stage: 'Lead' }),
    ];
    const inv = inventory(rows, [settings(14)]);
    expect(inv.states.map((s) => s.outOfTouch)).toEqual([false, true, true, false, false]);
    expect(inv.outOfTouch).toEqual([2, 1]);
    expect(inventory(rows, [settings(60)]).outOfTouch).toEqual([2]);
    // Default 14 days without a Settings tab.
    expect(inventory(rows).outOfTouch).toEqual([2, 1]);
    const grid = reportGrid(inv);
    const title = grid.findIndex((r) => r[0] === 'Customers not contacted for over 14 days');
    expect(grid.slice(title + 2, title + 4).map((r) => [r[1], r[4]])).toEqual([
      ['Silent', 90],
      ['Quiet', 29],
    ]);
    expect(grid.find((r) => r[0] === 'Customers out of touch')?.[1]).toBe(2);
  });
});

describe('objections', () => {
  const objections = (rows: Cell[][]): SheetData => ({
    name: 'Objections',
    values: [headersOf(OBJECTION_COLUMNS, 'en'), ...rows],
  });
  // id, customer, stage, type, objection, owner, raised, status, plan, due, resolution, resolved, reviewedBy, reviewedOn, blocking
  const o = (customer: string, fields: Partial<Record<string, Cell>>): Cell[] => [
    fields.id ?? '',
    customer,
    '',
    fields.type ?? 'Budget',
    fields.text ?? 'No budget this year',
    'Ann',
    fields.raised ?? '2026-06-01',
    fields.status ?? '',
    fields.plan ?? '',
    fields.due ?? '',
    fields.resolution ?? '',
    fields.resolved ?? '',
    fields.reviewedBy ?? '',
    fields.reviewedOn ?? '',
    fields.blocking ?? '',
  ];

  it('reads a due date that reads both ways (03/07) in the order of its column (25/07: day first)', () => {
    const inv = inventory(
      [row({ id: 'C-1', customer: 'Acme', stage: 'Budget' })],
      [
        objections([
          o('Acme', { raised: '25/05/2026', plan: 'Call the CFO', due: '03/07/2026' }),
          o('Acme', { raised: '25/05/2026', plan: 'Send terms', due: '25/07/2026' }),
        ]),
      ],
    );
    expect(inv.objections.map((x) => x.due)).toEqual([dayFromIso('2026-07-03'), dayFromIso('2026-07-25')]);
    // As of June 30, neither is overdue.
    expect(inv.objectionTotals.overdue).toBe(0);
  });

  it('links an id written in another case or spacing (c-2, C 2) to its customer, as names are matched', () => {
    const inv = inventory(
      [
        row({ id: 'C-1', customer: 'Acme', stage: 'Budget' }),
        row({ id: 'C-2', customer: 'Beta', stage: 'Budget' }),
      ],
      [objections([o('c-2', { plan: 'x' }), o('C 2', { plan: 'y' }), o('C-3', { plan: 'z' })])],
    );
    expect(inv.states.map((s) => s.objections.open)).toEqual([0, 2]);
    expect(inv.issues.filter((i) => i.code === 'unknown-customer').map((i) => i.value)).toEqual(['C-3']);
  });

  it('links by name or id and applies overdue, unplanned, unsupervised and blocking', () => {
    const inv = inventory(
      [
        row({ id: 'C-1', customer: 'Acme', stage: 'Budget' }),
        row({ id: 'C-2', customer: 'Beta', stage: 'Budget' }),
      ],
      [
        objections([
          o('Acme', { status: 'Acting', plan: 'Meet CFO', due: '2026-06-10', blocking: 'yes' }),
          o('C-2', { raised: '2026-06-20' }),
          o('acme', { status: 'Resolved', plan: 'x', resolution: '排除', resolved: '2026-06-15' }),
          o('Nobody Inc', { plan: 'x' }),
        ]),
      ],
    );
    const ot = inv.objectionTotals;
    expect(ot).toMatchObject({ total: 4, open: 3, overdue: 1, blocking: 1, unplanned: 1, unsupervised: 1 });
    expect(inv.states[0].objections).toMatchObject({
      open: 1,
      overdue: 1,
      blocking: 1,
      oldestOpenDays: 29,
      lastResolution: 'removed',
    });
    expect(inv.states[1].objections.open).toBe(1);
    expect(inv.issues.find((i) => i.code === 'unknown-customer')).toMatchObject({
      sheet: 'Objections',
      row: 5,
      value: 'Nobody Inc',
    });
  });

  it('reads 解决中 (being resolved) as acting, not as resolved', () => {
    const inv = inventory(
      [row({ id: 'C-1', customer: 'Acme', stage: 'Budget' })],
      [objections([o('Acme', { status: '解决中', plan: 'Meet CFO', due: '2026-06-10' })])],
    );
    expect(inv.objections[0].status).toBe('acting');
    expect(inv.objectionTotals).toMatchObject({ open: 1, overdue: 1, unsupervised: 0 });
    expect(inv.issues).toEqual([]);
  });

  it('tells an unknown status the statuses it can be, and reads the objection from its row', () => {
    const inv = inventory(
      [row({ id: 'C-1', customer: 'Acme', stage: 'Budget' })],
      [objections([o('Acme', { status: 'reopened', plan: 'Call again' })])],
    );
    expect(inv.objections[0].status).toBe('planned');
    const issue = inv.issues.find((i) => i.column === 'H (Status)');
    expect(issue).toMatchObject({ sheet: 'Objections', row: 2, value: 'reopened' });
    expect(issueMessage(issue!, 'en')).toBe(
      'Unknown objection status (raised, planned, acting, resolved, accepted): read from the row, as a blank one is',
    );
    expect(issueMessage(issue!, 'zh')).toBe(
      '未知异议状态（新提出、已计划、处理中、已解决、接受风险）：按本行判断，如同留空',
    );
  });

  it('reports an objection id used twice, naming the row it was first on', () => {
    const inv = inventory(
      [row({ id: 'C-1', customer: 'Acme', stage: 'Budget' })],
      [objections([o('Acme', { id: 'OBJ-1' }), o('Acme', { id: 'OBJ-2' }), o('Acme', { id: 'OBJ-1' })])],
    );
    expect(inv.issues).toEqual([
      {
        sheet: 'Objections',
        row: 4,
        column: 'A (ID)',
        value: 'OBJ-1',
        code: 'duplicate-id',
        params: { first: 2 },
      },
    ]);
  });

  it('tells a Blocking cell that is not yes or no to write yes or no, in both languages', () => {
    const inv = inventory(
      [row({ id: 'C-1', customer: 'Acme', stage: 'Budget' })],
      [objections([o('Acme', { blocking: 'maybe' })])],
    );
    const issue = inv.issues.find((i) => i.column === 'O (Blocking)');
    expect(issue).toMatchObject({ sheet: 'Objections', row: 2, value: 'maybe' });
    expect(issueMessage(issue!, 'en')).toBe('Not yes or no: write yes if it blocks, no or nothing if not');
    expect(issueMessage(issue!, 'zh')).toBe('不是“是”或“否”：阻塞填“是”，不阻塞填“否”或留空');
    expect(inv.objectionTotals.blocking).toBe(0);
  });
});

describe('concurrency, cohorts and support', () => {
  it('counts open customers per rep and stage, flags hollow early stages and finds the most-missing criterion', () => {
    const inv = inventory([
      row({ customer: 'A', rep: 'Ann', stage: 'Lead' }),
      row({ customer: 'B', rep: 'Ann', stage: 'Budget', met: CRITERIA.slice(0, 3) }),
      row({
        customer: 'C',
        rep: 'Bob',
        stage: 'Budget',
        met: [...CRITERIA.slice(0, 3), 'Budget-approval path'],
      }),
      row({ customer: 'D', rep: 'Bob', stage: 'Won' }),
    ]);
    const ann = inv.reps.find((r) => r.rep === 'Ann')!;
    const bob = inv.reps.find((r) => r.rep === 'Bob')!;
    expect(ann.byStage).toEqual([1, 0, 1, 0, 0]);
    expect(bob).toMatchObject({ open: 1, won: 1, byStage: [0, 0, 1, 0, 0] });
    expect(bob.flags).toContain('hollow-early');
    expect(ann.flags).not.toContain('hollow-early');
    const budget = inv.cohorts[2];
    expect(budget.members.length).toBe(2);
    expect(inv.table.criteria[budget.criterion].criterion.name).toBe('Budget confirmed');
    expect(budget.lacking).toBe(2);
  });

  it('uses the WIP band from Settings and flags reps below and above it', () => {
    const rows = ['A', 'B', 'C', 'D', 'E'].map((c) => row({ customer: c, rep: 'Ann', stage: 'Lead' }));
    rows.push(row({ customer: 'F', rep: 'Bob', stage: 'Lead' }));
    const inv = inventory(rows, [
      {
        name: 'Settings',
        values: [
          ['WIP low', 2],
          ['WIP high', 4],
        ],
      },
    ]);
    expect(inv.reps.find((r) => r.rep === 'Ann')!.flags).toContain('above-band');
    expect(inv.reps.find((r) => r.rep === 'Bob')!.flags).toContain('below-band');
  });
});

describe('found by a sales manager’s audit of concurrency', () => {
  it('the rep table shows each rep’s on-hold customers: a rep below band with every customer on hold shows why', () => {
    const inv = inventory(
      [
        row({ customer: 'A', rep: 'Ann', stage: 'Lead' }),
        row({ customer: 'B', rep: 'Cy', stage: 'On hold' }),
        row({ customer: 'C', rep: 'Cy', stage: 'On hold' }),
      ],
      [{ name: 'Settings', values: [['WIP low', 1]] }],
    );
    const grid = reportGrid(inv);
    const head = grid.findIndex((r) => r[0] === 'Rep');
    const col = grid[head].indexOf('On hold');
    expect(col).toBeGreaterThan(grid[head].indexOf('Lost'));
    const cy = grid.find((r) => r[0] === 'Cy')!;
    expect(cy[grid[head].indexOf('Flags')]).toContain('below band');
    expect(cy[col]).toBe(2);
    // --json says it too.
    expect(inventoryJson(inv, 'deals.csv', 'en').reps.find((r) => r.rep === 'Cy')).toMatchObject({ hold: 2 });
  });
});

describe("the WIP band by Little's law", () => {
  // As of June 30: Ann and Bo each win 2 deals in May and 2 in June, every one 61 days after it was created, and
  // each loses 2 in June: 12 closes, win rate 8/12, 2 wins per rep per month, a cycle of 61/30.4375 months.
  const closes = (lost: number): Cell[][] => {
    const rows: Cell[][] = [];
    for (const rep of ['Ann', 'Bo']) {
      for (let i = 0; i < 2; i++) {
        rows.push([`${rep} May win ${i}`, rep, 'Won', 100, '2026-03-10', '2026-05-10']);
        rows.push([`${rep} June win ${i}`, rep, 'Won', 100, '2026-04-10', '2026-06-10']);
      }
    }
    for (let i = 0; i < lost; i++)
      rows.push([`Lost ${i}`, i % 2 ? 'Bo' : 'Ann', 'Lost', 50, '2026-04-10', '2026-06-15']);
    return rows;
  };
  const open = (rep: string, n: number): Cell[][] =>
    Array.from({ length: n }, (_, i) => [
      `${rep || 'Nobody'} open ${i}`,
      rep,
      'Discovery',
      100,
      '2026-04-01',
      '',
    ]);
  const withOpen = (rows: Cell[][]) => deals([...rows, ...open('Ann', 9), ...open('Bo', 2), ...open('', 3)]);

  it('gives a rep out of play (every deal closed before the as-of month) neither band nor flags', () => {
    const gone = ['Cy gone', 'Cy', 'Won', 100, '2025-01-10', '2025-03-10'];
    // Di has no open deal left but closed one this month: still in play, and below band.
    const done = ['Di done', 'Di', 'Lost', 100, '2026-05-01', '2026-06-20'];
    const inv = withOpen([...closes(4), gone, done]);
    expect(inv.reps.find((r) => r.rep === 'Cy')).toMatchObject({ open: 0, won: 1, band: null, flags: [] });
    expect(inv.reps.find((r) => r.rep === 'Di')).toMatchObject({ open: 0, flags: ['below-band'] });
    expect(inv.reps.find((r) => r.rep === 'Di')?.band).not.toBeNull();
  });

  it('counts the as-of month only once it is whole: the band holds overnight into a new month', () => {
    const rows = [...closes(4), ...open('Ann', 9), ...open('Bo', 2)];
    const bandAsOf = (asOf: string) =>
      inventoryOf([{ name: 'Deals', values: [DEALS_HEAD, ...rows] }], { asOf }).reps.map((r) => r.band);
    expect(bandAsOf('2026-07-01')).toEqual(bandAsOf('2026-06-30'));
    expect(bandAsOf('2026-06-30')[0]).not.toBeNull();
  });

  it('is open deals needed = wins per rep per period / win rate x cycle in periods, x0.8 to x1.25', () => {
    const inv = withOpen(closes(4));
    // 2 / (8/12) x 61/30.4375 = 6.01: from floor(4.81) to ceil(7.51).
    const band = { low: 4, high: 8 };
    const rep = (name: string) => inv.reps.find((r) => r.rep === name)!;
    expect(rep('Ann')).toMatchObject({ open: 9, band, flags: ['above-band'] });
    expect(rep('Bo')).toMatchObject({ open: 2, band, flags: ['below-band'] });
  });

  it("gives the customers with no rep neither a band nor flags: they are nobody's load", () => {
    const nobody = withOpen(closes(4)).reps.find((r) => r.rep === '')!;
    expect(nobody).toMatchObject({ open: 3, band: null, flags: [] });
  });

  /** The report's first cells, as text. */
  const reportLines = (inv: Inventory): string[] =>
    buildReport(inv, reportText('en'), (i) => issueMessage(i, 'en')).rows.map((r) => String(r[0] ?? ''));
  const NO_BAND =
    /^No WIP band: set "WIP low" and "WIP high" in Settings, .* at least 10 won or lost deals\.$/;

  it('is not derived from fewer than 10 closed deals, and the report says how to get one', () => {
    const inv = withOpen(closes(1));
    expect(inv.totals).toMatchObject({ won: 8, lost: 1 });
    for (const r of inv.reps) expect(r).toMatchObject({ band: null, flags: [] });
    expect(reportLines(inv).filter((line) => NO_BAND.test(line))).toHaveLength(1);
    expect(reportLines(withOpen(closes(4))).some((line) => NO_BAND.test(line))).toBe(false);
  });
});

describe('reading the customer tab', () => {
  it('skips title, notes, blank, placeholder and totals rows and reports each with its sheet row', () => {
    const out = runInventory({
      sheets: [
        {
          name: '客户',
          values: [
            ['2026 客户盘点'],
            [],
            ['客户名称', '销售代表', '销售阶段', '预计金额（万元）'],
            ['必填', '必填', '从下拉选择', '选填，单位万元'],
            ['华东电力', '王磊', '线索', 12],
            ['', '', '', ''],
            ['-', '-', '-', '-'],
            ['苏州园区', '李娜', '需求确认', '1,2 万'],
            ['合计', '', '', 13.2],
          ],
        },
      ],
      asOf: AS_OF,
      timeZone: 'Asia/Shanghai',
      lang: 'zh',
    });
    if (!out.ok) throw new Error('no inventory');
    const inv = out.inventory;
    expect(inv.table.headerRow).toBe(3);
    expect(inv.table.customers.map((c) => [c.row, c.name, c.value])).toEqual([
      [5, '华东电力', 120000],
      [8, '苏州园区', 12000],
    ]);
    expect(inv.issues.map((i) => [i.code, i.row])).toEqual([
      ['title-row', 1],
      ['notes-row', 4],
      ['blank-row', 6],
      ['placeholder-row', 7],
      ['totals-row', 9],
    ]);
  });

  it('keeps a row with an id but no customer name, and reports it', () => {
    const inv = inventory([row({ id: 'X-9', stage: 'Lead' })]);
    expect(inv.table.customers).toHaveLength(1);
    expect(inv.issues).toContainEqual(
      expect.objectContaining({ code: 'missing-customer', row: 2, column: 'B (Customer)' }),
    );
  });

  it('reports unreadable cells with row, column and value, and never throws', () => {
    const inv = inventory([
      row({ customer: 'Bad', stage: 'Lead', amount: 'TBD', entered: '2023-02-30', contact: '#N/A' }),
    ]);
    expect(inv.issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ row: 2, column: 'E (Amount)', value: 'TBD', code: 'bad-money' }),
        expect.objectContaining({
          row: 2,
          column: 'F (Stage Entered)',
          value: '2023-02-30',
          code: 'impossible-date',
        }),
        expect.objectContaining({ row: 2, column: 'G (Last Contact)', value: '#N/A', code: 'error-value' }),
      ]),
    );
  });

  it('reports a negative amount and leaves it out of the open pipeline, as an unreadable one', () => {
    const inv = inventory([
      row({ customer: 'Acme', stage: 'Lead', amount: 1000 }),
      row({ customer: 'Birch', stage: 'Lead', amount: '-500' }),
      row({ customer: 'Cedar', stage: 'Lead', amount: '(500)' }),
      row({ customer: 'Dune', stage: 'Lead', amount: -200 }),
    ]);
    expect(inv.results.openValue).toBe(1000);
    expect(
      inv.issues.filter((i) => i.code === 'negative-amount').map((i) => [i.row, i.column, i.value]),
    ).toEqual([
      [3, 'E (Amount)', '-500'],
      [4, 'E (Amount)', '(500)'],
      [5, 'E (Amount)', '-200'],
    ]);
    expect(issueMessage(inv.issues.find((i) => i.code === 'negative-amount')!, 'zh')).toBe(
      '金额为负数：不计入合计',
    );
  });

  it('under a 万元 header scales bare numbers only: 1200元 is 1200 yuan, and ¥1,200 reads two ways', () => {
    const inv = inventoryOf([
      {
        name: '客户',
        values: [
          ['客户', '销售', '阶段', '预计金额（万元）'],
          ['甲', '张三', '线索', '¥1,200'],
          ['乙', '张三', '线索', '1200元'],
          ['丙', '张三', '线索', 12],
        ],
      },
    ]);
    expect(inv.table.customers.map((c) => [c.name, c.value])).toEqual([
      ['甲', null],
      ['乙', 1200],
      ['丙', 120000],
    ]);
    // A currency-formatted 万元 column exports ¥1,200 for 1200万: in the header's unit or not, no guess.
    expect(inv.issues.map((i) => [i.row, i.code, i.value])).toEqual([[2, 'scaled-currency', '¥1,200']]);
  });

  it('reads 1.234.567 as thousands, and says that €1.234 reads two ways rather than that it is unreadable', () => {
    const inv = inventory([
      row({ customer: 'Acme', stage: 'Lead', amount: '1.234.567' }),
      row({ customer: 'Birch', stage: 'Lead', amount: '€1.234' }),
    ]);
    expect(inv.results.openValue).toBe(1234567);
    const issue = inv.issues.find((i) => i.value === '€1.234')!;
    expect([issue.row, issue.column, issue.code]).toEqual([3, 'E (Amount)', 'ambiguous-amount']);
    expect(issueMessage(issue, 'en')).toMatch(/^Amount reads two ways/);
    expect(inv.issues.filter((i) => i.column === 'E (Amount)')).toHaveLength(1);
  });

  it('lets a manual mapping override detection', () => {
    const out = runInventory({
      sheets: [
        {
          name: 'Deals',
          values: [
            ['Client', 'Seller', 'Phase'],
            ['Acme', 'Ann', 'Won'],
          ],
        },
      ],
      asOf: AS_OF,
      timeZone: 'UTC',
      lang: 'en',
      mapping: { customer: 'Client', rep: 'Seller', stage: 'Phase' },
    });
    if (!out.ok) throw new Error('no inventory');
    expect(out.inventory.table.customers[0]).toMatchObject({ name: 'Acme', rep: 'Ann', status: 'won' });
  });

  it('reads a mapped role from its mapped column only: detected headers of that role are neither used nor duplicates', () => {
    const out = runInventory({
      sheets: [
        {
          name: 'Deals',
          values: [
            ['Customer', 'Customer', 'Client', 'Rep'],
            ['Detected', 'Also detected', 'Acme', 'Ann'],
          ],
        },
      ],
      asOf: AS_OF,
      timeZone: 'UTC',
      lang: 'en',
      mapping: { customer: 'Client' },
    });
    if (!out.ok) throw new Error('no inventory');
    expect(out.inventory.table.roles).toMatchObject({ customer: 2, rep: 3 });
    expect(out.inventory.table.customers[0]).toMatchObject({ name: 'Acme', rep: 'Ann' });
    expect(out.inventory.issues.filter((i) => i.code === 'duplicate-header')).toEqual([]);
  });

  it('says so when no tab looks like a customer tab', () => {
    const out = runInventory({
      sheets: [{ name: 'Notes', values: [['hello'], ['world']] }],
      asOf: AS_OF,
      timeZone: 'UTC',
      lang: 'en',
    });
    expect(out).toMatchObject({ ok: false, code: 'no-customer-sheet', sheets: ['Notes'] });
  });
});

describe('results per period', () => {
  /** May: A, B, C and D win 5 deals each; June: A, B and C win 6 each. */
  const mayAndJune = (): Cell[][] => [
    ...['A', 'B', 'C', 'D'].flatMap((r) =>
      Array.from({ length: 5 }, (_, i) => [`May-${r}${i}`, r, 'Won', 100, '2026-04-30', '2026-05-10']),
    ),
    ...['A', 'B', 'C'].flatMap((r) =>
      Array.from({ length: 6 }, (_, i) => [`Jun-${r}${i}`, r, 'Won', 100, '2026-05-20', '2026-06-10']),
    ),
  ];

  it('weighs the open pipeline by probabilities read by their column (10, 20, 1, 90 of 1000 each: 1210)', () => {
    const values = [
      ['Customer', 'Rep', 'Stage', 'Amount', 'Probability'],
      ...['10', '20', '1', '90'].map((p, i) => [`D${i}`, 'Ann', 'Lead', 1000, p]),
    ];
    expect(inventoryOf([{ name: 'Deals', values }], { asOf: '2024-03-31' }).results.weightedPipeline).toBe(
      1210,
    );
  });

  it('counts wins, win rate and cycle per month and shows a headcount cut as an output shortfall', () => {
    // May: 4 reps x 5 wins. June: 3 reps x 6 wins (+20% productivity, 25% fewer reps) and one loss.
    const rows = mayAndJune();
    rows.push(['Jun-lost', 'A', 'Lost', 50, '2026-05-20', '2026-06-12']);
    const { periods, winRate, balance } = deals(rows).results;
    const june = periods.find((p) => p.period === '2026-06')!;
    const may = periods.find((p) => p.period === '2026-05')!;
    expect(may).toMatchObject({ wins: 20, headcount: 4, lost: 0, avgCycleDays: 10 });
    expect(june).toMatchObject({ wins: 18, lost: 1, headcount: 3, winsPerRep: 6, avgCycleDays: 21 });
    expect(june.winRate).toBeCloseTo(18 / 19);
    expect(winRate).toBeCloseTo(38 / 39);
    expect(balance!.headcountChange).toBeCloseTo(-0.25);
    expect(balance!.productivityChange).toBeCloseTo(0.2);
    expect(balance!.outputChange).toBeCloseTo(-0.1);
    expect(balance).toMatchObject({ period: '2026-06', before: '2026-05' });
    // In the report the three changes have their own header, not the period table's Wins, Won value, Lost.
    const grid = reportGrid(deals(rows));
    const at = grid.findIndex((r) => String(r[0]).startsWith('2026-06 vs 2026-05'));
    expect(grid[at - 1].slice(0, 4)).toEqual([
      '',
      'Headcount change',
      'Productivity change',
      'Output change',
    ]);
    expect(grid[at].slice(1, 4).map((v) => Math.round(Number(v) * 100))).toEqual([-25, 20, -10]);
    expect(dayFromIso('2026-06-01')).toBe(june.start);
    // Two days into July, June is still the last whole month: July's one win is not set against June's 18.
    const early = inventoryOf(
      [
        {
          name: 'Deals',
          values: [DEALS_HEAD, ...rows, ['Jul-A', 'A', 'Won', 100, '2026-06-20', '2026-07-01']],
        },
      ],
      {
        asOf: '2026-07-02',
      },
    ).results.balance;
    expect(early).toEqual(balance);
  });

  it('gives each rep in play, or with a win shown, its wins and won value per period, marked under the per-rep target only where in play', () => {
    const rows = mayAndJune();
    // E started in June and has won nothing yet; D's deals all closed in May.
    rows.push(['E-open', 'E', 'Discovery', 100, '2026-06-01', '']);
    const settings: SheetData = {
      name: 'Settings',
      values: [
        ['Setting', 'Value'],
        ['Wins target per rep', 6],
      ],
    };
    const inv = inventoryOf([{ name: 'Deals', values: [DEALS_HEAD, ...rows] }, settings]);
    const shown = inv.results.periods.map((p) => p.period);
    expect(shown).toEqual(['2026-05', '2026-06']);
    expect(inv.results.reps).toEqual([
      { rep: 'A', wins: [5, 6], wonValue: [500, 600], inPlay: [true, true] },
      { rep: 'B', wins: [5, 6], wonValue: [500, 600], inPlay: [true, true] },
      { rep: 'C', wins: [5, 6], wonValue: [500, 600], inPlay: [true, true] },
      { rep: 'D', wins: [5, 0], wonValue: [500, 0], inPlay: [true, false] },
      { rep: 'E', wins: [0, 0], wonValue: [0, 0], inPlay: [false, true] },
    ]);
    const grid = reportGrid(inv);
    const title = grid.findIndex((r) => r[0] === 'Wins per rep and period');
    expect(grid.slice(title + 1, title + 7).map((r) => r.slice(0, 4))).toEqual([
      ['Rep', '2026-05', '2026-06', 'Target per rep'],
      ['A', 5, 6, 6],
      ['B', 5, 6, 6],
      ['C', 5, 6, 6],
      ['D', 5, '', 6],
      ['E', '', 0, 6],
    ]);
    // Each whole month under the target is marked where the rep was in play (as the headcount counts):
    // A, B, C and D in May, E in June. D (every deal closed in May) and E (started in June) are blank where
    // they were not in play, not under target.
    const report = buildReport(inv, reportText('en'), (i) => issueMessage(i, 'en'));
    const marked = report.formats
      .filter((f) => f.kind === 'warn' && f.rect.row > title)
      .map((f) => `${grid[f.rect.row][0]} ${grid[title + 1][f.rect.col]}`);
    expect(marked.sort()).toEqual(['A 2026-05', 'B 2026-05', 'C 2026-05', 'D 2026-05', 'E 2026-06'].sort());
    // No value target: no won-value table.
    expect(grid.some((r) => r[0] === 'Won value per rep and period')).toBe(false);
  });

  it('measures coverage as open value due this period over the value target left, and only with close dates', () => {
    const settings: SheetData = {
      name: 'Settings',
      values: [
        ['Setting', 'Value'],
        ['Value target per rep', 1000],
      ],
    };
    const rows: Cell[][] = [
      ['Won', 'Ann', 'Won', 200, '2026-05-01', '2026-06-05'],
      ['Due', 'Ann', 'Discovery', 300, '2026-05-01', '2026-06-20'],
      ['Later', 'Ann', 'Discovery', 500, '2026-05-01', '2026-07-15'],
    ];
    const coverage = (head: Cell[], body: Cell[][]) =>
      inventoryOf([{ name: 'Deals', values: [head, ...body] }, settings], { asOf: '2026-06-15' }).results
        .coverage;
    // June: 1 rep x 1000, 200 won, 300 due by June 30.
    expect(coverage(DEALS_HEAD, rows)).toBeCloseTo(300 / 800);
    // No close dates: what is due is unknown, not zero.
    expect(
      coverage(
        DEALS_HEAD.slice(0, 5),
        rows.map((r) => r.slice(0, 5)),
      ),
    ).toBeNull();
    // Nothing open, with close dates or without: nothing is due, which is known.
    expect(coverage(DEALS_HEAD, rows.slice(0, 1))).toBe(0);
    expect(coverage(DEALS_HEAD.slice(0, 5), [rows[0].slice(0, 5)])).toBe(0);
  });

  it('shows the periods from the first close to the as-of day, at most 12, with the reps in play in each', () => {
    const results = (rows: Cell[][]) => deals(rows).results.periods;
    // First close in March: March to June. Ann's open deal since February counts her in every one.
    const short = results([
      ['Won in March', 'Bo', 'Won', 10, '2026-03-01', '2026-03-15'],
      ['Open', 'Ann', 'Discovery', 10, '2026-02-01', ''],
      ['Won in June', 'Cy', 'Won', 10, '2026-06-01', '2026-06-05'],
    ]);
    expect(short.map((p) => p.period)).toEqual(['2026-03', '2026-04', '2026-05', '2026-06']);
    expect(short.map((p) => p.headcount)).toEqual([2, 1, 1, 2]);
    expect(short.map((p) => p.wins)).toEqual([1, 0, 0, 1]);
    // A close two years back: the last 12 months only, and that win in none of them.
    const long = results([
      ['Won long ago', 'Bo', 'Won', 10, '2024-05-01', '2024-06-01'],
      ['Won in June', 'Cy', 'Won', 10, '2026-06-01', '2026-06-05'],
    ]);
    expect(long.map((p) => p.period)).toEqual([
      '2025-07',
      '2025-08',
      '2025-09',
      '2025-10',
      '2025-11',
      '2025-12',
      '2026-01',
      '2026-02',
      '2026-03',
      '2026-04',
      '2026-05',
      '2026-06',
    ]);
    expect(long.reduce((n, p) => n + p.wins, 0)).toBe(1);
    expect(long.map((p) => p.headcount)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
  });

  it('counts a win closing after the as-of day in the overall figures only, and a cycle only when close follows creation', () => {
    const { periods, winRate, avgCycleDays } = deals([
      ['Won in May', 'Ann', 'Won', 100, '2026-05-01', '2026-05-11'],
      ['Won in June', 'Ann', 'Won', 300, '2026-06-01', '2026-06-21'],
      ['Closed before created', 'Ann', 'Won', 50, '2026-06-20', '2026-06-10'],
      ['Won in July', 'Bo', 'Won', 700, '2026-06-01', '2026-07-31'],
      ['Lost in June', 'Bo', 'Lost', 10, '2026-06-01', '2026-06-15'],
    ]).results;
    expect(periods.map((p) => [p.period, p.wins, p.lost, p.wonValue, p.avgCycleDays])).toEqual([
      ['2026-05', 1, 0, 100, 10],
      ['2026-06', 2, 1, 350, 20],
    ]);
    expect(winRate).toBeCloseTo(4 / 5);
    // Over every win with a cycle: 10, 20 and 60 days.
    expect(avgCycleDays).toBeCloseTo(30);
  });
});

describe('customer states', () => {
  const rows = [
    row({ customer: 'Acme', stage: 'Lead', amount: 100, met: ['Inquiry', 'Need confirmed'] }),
    row({ customer: 'Bolt', stage: 'Discovery', amount: 50, entered: '2026-01-02', next: 'Call' }),
    row({ customer: 'Cog', rep: 'Bo', stage: 'Won', amount: 70 }),
    row({ customer: 'Dash', rep: 'Bo', stage: 'Solution & tender', nextDue: '2026-06-01', met: CRITERIA }),
  ];
  const run = (keep: boolean): Inventory => inventoryOf(customerTabs(rows), { keep });

  it('are the same whether kept as the totals are made or made when first read', () => {
    const lazy = run(false);
    const kept = run(true);
    // One at a time first (nothing made for the others), then all at once.
    for (let i = 0; i < rows.length; i++) {
      const entry = lazy.entryAt(i);
      expect(entry.state).toEqual(kept.states[i]);
      expect(entry.customer).toEqual(kept.table.customers[i]);
    }
    expect(lazy.states).toEqual(kept.states);
    expect(lazy.states).toHaveLength(rows.length);
    expect(lazy.entryAt(3).state).toBe(lazy.states[3]);
    // Kept customers are given as kept, not read again.
    expect(kept.entryAt(2).customer).toBe(kept.table.customers[2]);
  });

  it('add up to the totals the report reads', () => {
    const inv = run(false);
    const open = inv.states.filter((_, i) => inv.table.customers[i].status === 'open');
    expect(inv.nextActions).toEqual({
      ok: open.filter((s) => s.nextAction === 'ok').length,
      missing: open.filter((s) => s.nextAction === 'missing').length,
      overdue: open.filter((s) => s.nextAction === 'overdue').length,
    });
    expect(inv.nextActions.overdue).toBe(1);
    expect(inv.valueByStatus).toEqual({ open: 150, won: 70, lost: 0, hold: 0 });
    // Ahead first, then behind, then by row: Bolt says Discovery with nothing met; Acme (Lead) and Dash
    // (Solution & tender) have met more than their stage asks.
    expect(inv.states.map((s) => s.check)).toEqual(['behind', 'ahead', 'none', 'behind']);
    expect(inv.gaps.map((i) => inv.table.customers[i].name)).toEqual(['Bolt', 'Acme', 'Dash']);
  });
});

describe("a user's own tab under the History tab's name", () => {
  const calls: Cell[][] = [
    ['Date', 'Customer', 'Call notes'],
    ['2026-05-01', 'Acme', 'Asked for a quote'],
  ];
  const settings = (track: string): SheetData => ({
    name: 'Settings',
    values: [
      ['Setting', 'Value'],
      ['Track edits', track],
    ],
  });
  const issuesOf = (extra: SheetData[]) =>
    inventory([row({ customer: 'Acme', stage: 'Lead' })], extra).issues.filter(
      (i) => i.sheet !== 'Customers',
    );

  it('is named in an issue when Track edits is on: the edit trigger appends nothing to it', () => {
    const issues = issuesOf([{ name: 'History', values: calls }, settings('yes')]);
    expect(issues).toEqual([
      { sheet: 'History', row: 1, column: '', value: 'Date', code: 'history-not-ours' },
    ]);
    expect(issueMessage(issues[0], 'en')).toMatch(/^This tab has the change log's name but not its columns/);
  });

  it('is no issue while nothing would write to it, nor is Pandian’s own change log or an empty tab', () => {
    expect(issuesOf([{ name: 'History', values: calls }, settings('no')])).toEqual([]);
    const own = [['When', 'Who', 'Customer', 'ID', 'Row', 'Field', 'Old', 'New', 'Source']];
    expect(issuesOf([{ name: 'Change log', values: own }, settings('yes')])).toEqual([]);
    expect(issuesOf([{ name: 'History', values: [['', '']] }, settings('yes')])).toEqual([]);
  });
  it('does not hide Pandian’s own change log standing after it: that log is read, and no issue is made', () => {
    const own: Cell[][] = [
      ['When', 'Who', 'Customer', 'ID', 'Row', 'Field', 'Old', 'New', 'Source'],
      ['2026-05-01', 'ann@example.com', 'Acme', '', '2', 'Stage', '', 'Lead', 'edit'],
    ];
    const extra = [{ name: 'History', values: calls }, { name: 'Change log', values: own }, settings('yes')];
    expect(issuesOf(extra)).toEqual([]);
    const inv = inventory([row({ customer: 'Acme', stage: 'Lead' })], extra);
    expect(inv.states[0].daysInStage).toBe(inv.asOf - dayFromIso('2026-05-01')!);
  });
});

describe('unlogged: the watcher’s changes History does not tell yet', () => {
  const entry = (customer: string, id: string, row: string, field: string, value: string): HistoryEntry => ({
    day: 0,
    customer,
    id,
    row,
    field,
    old: '',
    new: value,
  });
  const change = (customer: string, id: string, row: number, field: string, value: string) => ({
    customer,
    id,
    row,
    field,
    old: 'x',
    new: value,
  });

  it('drops a change whose latest entry for that customer and field has its value, by id, else name and row', () => {
    const entries = [
      entry('Acme', 'C1', '2', 'Stage', 'Budget'),
      entry('Acme', 'C1', '2', 'Stage', 'Proposal'), // the latest for C1
      entry('Birch', '', '3', 'Stage', 'Budget'),
      entry('Birch', '', '4', 'Stage', 'Lead'), // another deal of Birch's
    ];
    const changes = [
      change('Acme', 'C1', 9, 'stage', 'Proposal'), // logged (the row moved; the id holds)
      change('Acme', 'C1', 2, 'Stage', 'Budget'), // not the latest value: a change since
      change('Birch', '', 3, 'Stage', 'Budget'), // logged
      change('Birch', '', 4, 'Stage', 'Budget'), // that deal's latest is Lead
      change('Birch', '', 3, 'Amount', '10'), // no entry for the field
    ];
    expect(unlogged(changes, entries).map((c) => [c.row, c.field, c.new])).toEqual([
      [2, 'Stage', 'Budget'],
      [4, 'Stage', 'Budget'],
      [3, 'Amount', '10'],
    ]);
  });

  it('takes the latest entry by its day, whatever order the tab is sorted in; on one day the lowest', () => {
    const on = (day: number, value: string) => ({ ...entry('Acme', 'C1', '2', 'Stage', value), day });
    const entries = [on(20, 'Budget'), on(10, 'Discovery'), on(20, 'Proposal'), on(5, 'Lead')];
    const changes = ['Budget', 'Proposal'].map((v) => change('Acme', 'C1', 2, 'Stage', v));
    expect(unlogged(changes, entries).map((c) => c.new)).toEqual(['Budget']);
  });
});

describe('the change watcher’s diff, for an account’s deals in a tab without ids', () => {
  const snap = (rows: [string, string, string][]): Snapshot => ({
    fields: ['Stage', 'Amount'],
    rows: new Map([['name:acme', rows.map(([row, stage, amount]) => ['Acme', '', row, stage, amount])]]),
  });
  const diff = (before: Snapshot, after: Snapshot) =>
    diffSnapshots(before, after).map((c) => [c.row, c.field, c.old, c.new]);

  it('compares a changed deal with the one it most resembles: a deal deleted beside it makes no false entry', () => {
    // Row 2 deleted; the Budget deal moved up to row 2 and advanced.
    const before = snap([
      ['2', 'Lead', '100'],
      ['3', 'Budget', '200'],
    ]);
    expect(diff(before, snap([['2', 'Proposal', '200']]))).toEqual([[2, 'Stage', 'Budget', 'Proposal']]);
  });

  it('logs nothing for a sort, and a new deal as new', () => {
    const before = snap([
      ['2', 'Lead', '100'],
      ['3', 'Budget', '200'],
    ]);
    const sorted = snap([
      ['2', 'Budget', '200'],
      ['3', 'Lead', '100'],
    ]);
    expect(diff(before, sorted)).toEqual([]);
    const added = snap([
      ['2', 'Lead', '100'],
      ['3', 'Budget', '200'],
      ['4', 'Lead', '50'],
    ]);
    expect(diff(before, added)).toEqual([
      [4, 'Stage', '', 'Lead'],
      [4, 'Amount', '', '50'],
    ]);
  });

  it('compares the fields both snapshots hold when an import adds, drops or moves a watched column', () => {
    const before = snap([
      ['2', 'Lead', '100'],
      ['3', 'Budget', '200'],
    ]);
    const after: Snapshot = {
      fields: ['Close Date', 'Stage'], // Amount dropped, Close Date added before Stage
      rows: new Map([
        [
          'name:acme',
          [
            ['Acme', '', '2', '2026-05-01', 'Lead'],
            ['Acme', '', '3', '', 'Won'],
          ],
        ],
      ]),
    };
    expect(diff(before, after)).toEqual([[3, 'Stage', 'Budget', 'Won']]);
  });
});

describe('the data-issues table of the report', () => {
  it('heads the cell column as the cell’s content in both languages, not as an amount', () => {
    const inv = inventory([row({ customer: 'Acme', stage: 'Leed' })]);
    for (const [lang, head] of [
      ['en', ['Tab', 'Row', 'Column', 'Cell value', 'What is wrong']],
      ['zh', ['工作表', '行', '列', '单元格内容', '问题']],
    ] as const) {
      const rows = buildReport(inv, reportText(lang), (i) => issueMessage(i, lang)).rows.map((r) =>
        r.map((c) => (c !== null && typeof c === 'object' && 'text' in c ? c.text : c)),
      );
      const title = rows.findIndex((r) =>
        String(r[0]).startsWith(lang === 'en' ? 'Data issues (' : '数据问题（'),
      );
      expect(rows[title + 1].slice(0, 5)).toEqual(head);
      expect(rows[title + 2].slice(0, 4)).toEqual(['Customers', 2, 'D (Stage)', 'Leed']);
    }
  });
});

describe('the data-issues table groups only issues saying the same', () => {
  it('four bad settings in column B are four lines, each naming its setting and value', () => {
    const settings: SheetData = {
      name: 'Settings',
      values: [
        ['Setting', 'Value'],
        ['Language', 'fr'],
        ['Period', 'weekly'],
        ['WIP low', 'five'],
        ['No-contact days', '14 days'],
      ],
    };
    const inv = inventory([row({ customer: 'Acme', stage: 'Lead' })], [settings]);
    const grid = reportGrid(inv);
    const lines = grid.filter((r) => r[0] === 'Settings').map((r) => [r[1], r[3], r[4]]);
    expect(lines.map((l) => l.slice(0, 2))).toEqual([
      [2, 'fr'],
      [3, 'weekly'],
      [4, 'five'],
      [5, '14 days'],
    ]);
    for (const [k, name] of ['Language', 'Period', 'WIP low', 'No-contact days'].entries())
      expect(String(lines[k][2])).toContain(`"${name}"`);
  });
});

describe('found by an audit of the figures against the spec', () => {
  it('a stage change logged after the as-of day is not yet one, and a later Stage Entered gives no days', () => {
    const log: SheetData = {
      name: 'Change log',
      values: [
        ['When', 'Who', 'Customer', 'ID', 'Row', 'Field', 'Old', 'New', 'Source'],
        ['2026-03-01', 'a', 'Acme', '', '2', 'Stage', 'Lead', 'Discovery', 'edit'],
        ['2026-07-10', 'a', 'Acme', '', '2', 'Stage', 'Discovery', 'Budget', 'edit'],
      ],
    };
    // As of 30 June (AS_OF), the last change was 1 March: 121 days in Discovery, past its 21.
    const fromLog = inventory([row({ customer: 'Acme', stage: 'Discovery' })], [log]);
    expect(fromLog.states[0]).toMatchObject({ daysInStage: 121, stalled: true });
    const typed = inventory([row({ customer: 'Acme', stage: 'Discovery', entered: '2026-07-10' })]);
    expect(typed.states[0]).toMatchObject({ daysInStage: null, stalled: false });
  });

  it('an objection with a resolution or resolved-on date and a blank status is resolved, not open', () => {
    const head = headersOf(OBJECTION_COLUMNS, 'en');
    const at = (k: keyof typeof OBJECTION_COLUMNS) => Object.keys(OBJECTION_COLUMNS).indexOf(k);
    const objection = (values: Partial<Record<keyof typeof OBJECTION_COLUMNS, string>>) => {
      const r: Cell[] = head.map(() => '');
      for (const [k, v] of Object.entries(values)) r[at(k as keyof typeof OBJECTION_COLUMNS)] = v;
      return r;
    };
    const inv = inventory(
      [row({ customer: 'Acme', stage: 'Lead' })],
      [
        {
          name: 'Objections',
          values: [
            head,
            objection({
              customer: 'Acme',
              objection: 'No budget',
              plan: 'Meet CFO',
              due: '2026-06-10',
              resolution: 'Removed',
              resolved: '2026-06-09',
              blocking: 'yes',
            }),
            objection({
              customer: 'Acme',
              objection: 'Price',
              plan: 'Discount',
              due: '2026-06-10',
              resolved: '2026-06-09',
            }),
            objection({ customer: 'Acme', objection: 'Timing', plan: 'Call back' }),
          ],
        },
      ],
    );
    expect(inv.objections.map((o) => o.status)).toEqual(['resolved', 'resolved', 'planned']);
    expect(inv.states[0].objections).toMatchObject({ open: 1, blocking: 0, lastResolution: 'removed' });
  });

  it('a cohort counts its reps, not "(no rep)" as one', () => {
    const inv = inventoryOf([
      {
        name: 'Deals',
        values: [
          ['Customer', 'Rep', 'Stage'],
          ['P', 'Ann', 'Prospecting'],
          ['Q', '', 'Prospecting'],
          ['R', '', 'Negotiation'],
        ],
      },
    ]);
    expect(inv.cohorts.map((c) => [c.members.length, c.reps])).toEqual([
      [2, 1],
      [1, 0],
    ]);
  });
});

describe('found by a sales manager’s audit of the report', () => {
  it('a rep written another way (case, spacing) is one rep, the first spelling, and each other spelling is said once', () => {
    const inv = deals([
      ['A', 'John Smith', 'Discovery', 100, '2026-05-01', ''],
      ['B', 'john smith', 'Discovery', 100, '2026-05-01', ''],
      ['C', ' JOHN  SMITH ', 'Budget', 100, '2026-05-01', ''],
      ['D', 'john smith', 'Lead', 100, '2026-05-01', ''],
      ['E', '张伟', 'Lead', 100, '2026-05-01', ''],
      ['F', '张 伟', 'Lead', 100, '2026-05-01', ''],
    ]);
    expect(inv.reps.map((r) => [r.rep, r.open])).toEqual([
      ['John Smith', 4],
      ['张伟', 2],
    ]);
    const variants = inv.issues.filter((i) => i.code === 'rep-variant');
    expect(variants.map((i) => [i.row, i.value, i.params?.as])).toEqual([
      [3, 'john smith', 'John Smith'],
      [4, 'JOHN  SMITH', 'John Smith'],
      [7, '张 伟', '张伟'],
    ]);
  });

  it('the objections needing attention name the customer, also when the objection names it by id', () => {
    const inv = inventory(
      [row({ id: 'KH-031', customer: '南京机场集团', stage: 'Lead' })],
      // Overdue as of 30 June: it needs attention
      [objectionsTab({ customer: 'KH-031', objection: 'No budget', blocking: 'yes', due: '2026-06-01' })],
    );
    const grid = reportGrid(inv);
    const listed = grid.find((r) => r[0] === 2 && r[3] === 'No budget');
    expect(listed?.[1]).toBe('南京机场集团');
  });

  it('a summary figure Pandian cannot know is blank, and an assumed probability is said, each with a note', () => {
    const summaryRow = (inv: Inventory, label: string) => reportGrid(inv).find((r) => r[0] === label);
    // No amounts on open deals (Maven's export): the open value is unknown, not 0.
    const unvalued = deals([
      ['A', 'Ann', 'Discovery', '', '2026-05-01', ''],
      ['B', 'Ann', 'Won', 100, '2026-05-01', '2026-06-01'],
    ]);
    expect([unvalued.results.openValue, unvalued.results.weightedPipeline]).toEqual([null, null]);
    expect(summaryRow(unvalued, 'Open pipeline value')?.slice(1, 3)).toEqual([
      null,
      'No open customer has an amount',
    ]);
    // No Stages tab, no probability column: the weight comes from the stage's place, and the report says so.
    const assumed = deals([
      ['A', 'Ann', 'Discovery', 100, '2026-05-01', ''],
      ['B', 'Ann', 'Proposal', 100, '2026-05-01', ''],
      ['C', 'Ann', 'Proposal', '', '2026-05-01', ''],
    ]);
    expect(assumed.results.assumedProbabilities).toBe(2);
    expect(summaryRow(assumed, 'Weighted pipeline')?.[2]).toMatch(/^2 open customers with no probability/);
    // No max days and no default stall days: nobody can be stalled, which is unknown rather than 0; nor, with
    // no last-contact column, out of touch.
    expect(summaryRow(assumed, 'Stalled customers')?.slice(1, 3)).toEqual([
      null,
      'No stall limit: set Max days per stage in Stages, or Default stall days in Settings',
    ]);
    expect(summaryRow(assumed, 'Customers out of touch')?.slice(1, 3)).toEqual([
      null,
      'The customer tab has no last-contact column',
    ]);
    // With the B2B stages (max days, probabilities) and a last-contact column: figures, no notes.
    const known = reportGrid(inventory([row({ customer: 'Acme', stage: 'Lead', amount: 100 })]));
    for (const label of ['Weighted pipeline', 'Stalled customers', 'Customers out of touch'])
      expect(known.find((r) => r[0] === label)?.[2] ?? null).toBeNull();
  });

  it('a won or lost deal with no close date, or closed before it was created, is a data issue', () => {
    const inv = deals([
      ['Dated', 'Ann', 'Won', 100, '2026-05-01', '2026-06-05'],
      ['Undated', 'Ann', 'Lost', 100, '2026-05-01', ''],
      ['Backwards', 'Ann', 'Won', 100, '2026-05-01', '2024-02-03'],
      ['Lost early', 'Ann', 'Lost', 100, '2026-05-01', '2024-02-03'], // a loss has no cycle to spoil: nothing said
      ['Unreadable', 'Ann', 'Won', 100, '2026-05-01', 'soon'],
      ['Open', 'Ann', 'Discovery', 100, '2026-05-01', ''],
    ]);
    const said = inv.issues
      .filter((i) => i.code !== 'bad-date' || i.row === 6)
      .map((i) => [i.row, i.code, i.value]);
    expect(said).toEqual([
      [3, 'missing-close', ''],
      [4, 'close-before-created', '2024-02-03'],
      [6, 'bad-date', 'soon'],
    ]);
    // The summary counts all five closes; the months and the cycle only those they can place.
    expect(inv.totals).toMatchObject({ won: 3, lost: 2 });
    expect(inv.results.avgCycleDays).toBe(35);
  });
});

describe('the Chinese report', () => {
  const zhGrid = (inv: Inventory): unknown[][] => reportGrid(inv, 'zh');

  it('lists with Chinese separators: the gap with ；, attention reasons and issue rows with 、', () => {
    const inv = inventory(
      ['Acme', 'Beta', 'Gamma', 'Delta'].map((customer) => row({ customer, stage: 'Lead', amount: 'abc' })),
      // Overdue as of 30 June, and no plan
      [objectionsTab({ customer: 'Acme', objection: 'No budget', raised: '2026-05-01', due: '2026-06-01' })],
    );
    const grid = zhGrid(inv);
    const gap = String(grid.find((r) => r[1] === 'Acme' && r[3] === 'Lead')?.[7]);
    expect(gap).toBe('Inquiry；▸ Identify the key contact；▸ First visit');
    const attention = grid.find((r) => r[3] === 'No budget');
    expect(attention?.[6]).toBe('逾期、未计划');
    const amounts = grid.find((r) => r[0] === 'Customers' && String(r[4]).startsWith('无法识别的金额'));
    expect(String(amounts?.[4])).toMatch(/共 4 行：2、3、4、5$/);
  });

  it('lists a rep’s flags with 、', () => {
    const rows = ['A', 'B', 'C'].map((customer, k) =>
      row({ customer, rep: k ? 'Ann' : 'Bo', stage: k ? 'Lead' : 'Budget' }),
    );
    const inv = inventory(rows, [{ name: 'Settings', values: [['WIP low', 2]] }]);
    const bo = zhGrid(inv).find((r) => r[0] === 'Bo' && r.includes('2–∞'));
    expect(bo).toContain('低于区间、前期阶段空缺');
  });

  it('heads the open objections 未解决, as the summary does, and the losses per period 输单数 beside 赢单数', () => {
    const inv = deals([
      ['A', 'Ann', 'Won', 100, '2026-05-01', '2026-06-01'],
      ['B', 'Ann', 'Lost', 100, '2026-05-01', '2026-06-02'],
    ]);
    const grid = zhGrid(inv);
    // The weighted pipeline is named as the open value beside it is, in the words of the trade.
    expect(grid.filter((r) => String(r[0]).endsWith('在途金额')).map((r) => r[0])).toEqual([
      '在途金额',
      '加权在途金额',
    ]);
    expect(grid.find((r) => r[0] === '类型')?.slice(0, 5)).toEqual([
      '类型',
      '合计',
      '未解决',
      '逾期',
      '阻塞',
    ]);
    expect(grid.find((r) => r[0] === '期间')?.slice(0, 4)).toEqual(['期间', '赢单数', '赢单金额', '输单数']);
  });
});
