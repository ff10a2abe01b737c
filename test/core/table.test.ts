// readCustomers reads the rows in one pass when it has a stage model and in two when it derives one
// from the data: both must give the same customers and the same issues in the same order.
import { dayFromIso, isoOfDay } from '../../src/core/days';
import { runInventory } from '../../src/core/index';
import { readCustomers } from '../../src/core/table';
import { template } from '../../src/core/templates';
import type { Grid } from '../../src/core/types';

const GRID: Grid = [
  ['Pipeline 2026'],
  ['ID', 'Customer', 'Stage', 'Amount', 'Close Date'],
  ['A1', 'Acme', 'Lead', 'lots', '2026-02-30'],
  ['', '', '', '', ''],
  ['A2', 'Birch', 'Lead', 1200, '2026-05-01'],
  ['-', '-', '-', '-', '-'],
  ['A1', 'Acme again', 'Lead', 10, ''],
  ['Total', '', '', 1210, ''],
];

describe('readCustomers', () => {
  test('one pass with a model, two without: same customers, issues in the same order', () => {
    const withModel = readCustomers(
      { name: 'Customers', values: GRID },
      { timeZone: 'UTC', model: template('b2b', 'en') },
    );
    const derived = readCustomers({ name: 'Customers', values: GRID }, { timeZone: 'UTC', model: null });
    for (const table of [withModel, derived]) {
      expect(table?.customers.map((c) => [c.row, c.id, c.value])).toEqual([
        [3, 'A1', null],
        [5, 'A2', 1200],
        [7, 'A1', 10],
      ]);
      expect(table?.issues.map((i) => [i.code, i.row])).toEqual([
        ['title-row', 1],
        ['blank-row', 4],
        ['placeholder-row', 6],
        ['totals-row', 8],
        ['missing-rep', 2],
        ['bad-money', 3],
        ['impossible-date', 3],
        ['duplicate-id', 7],
      ]);
    }
  });
});

describe('a stage log (a row per stage each customer reached)', () => {
  const LOG: Grid = [
    ['Customer', 'Stage', 'Date', 'Amount'],
    ['Acme', 'Lead', '2026-01-05', 100],
    ['Acme', 'Discovery', '2026-02-01', 120],
    ['Birch', 'Lead', '2026-01-10', 50],
    ['Acme', 'Won', '2026-03-01', 150],
    ['Cedar', 'Lead', '2026-03-02', 80],
    ['Birch', 'Lost', '2026-02-20', 50],
  ];

  test('reads each customer once, at its last row, dated by the log; the earlier rows are said', () => {
    for (const model of [null, template('b2b', 'en')]) {
      const table = readCustomers({ name: 'Log', values: LOG }, { timeZone: 'UTC', model });
      expect(table?.headers[table.roles.stageEntered!]).toBe('Date');
      expect(
        table?.customers.map((c) => [c.row, c.name, c.status, c.value, c.stageEntered, c.created, c.closed]),
      ).toEqual([
        [5, 'Acme', 'won', 150, dayFromIso('2026-03-01'), dayFromIso('2026-01-05'), dayFromIso('2026-03-01')],
        [6, 'Cedar', 'open', 80, dayFromIso('2026-03-02'), dayFromIso('2026-03-02'), null],
        [
          7,
          'Birch',
          'lost',
          50,
          dayFromIso('2026-02-20'),
          dayFromIso('2026-01-10'),
          dayFromIso('2026-02-20'),
        ],
      ]);
      expect(table?.issues.filter((i) => i.code === 'stage-log-row')).toEqual([
        { sheet: 'Log', row: 2, column: 'A (Customer)', value: 'Acme', code: 'stage-log-row' },
        { sheet: 'Log', row: 3, column: 'A (Customer)', value: 'Acme', code: 'stage-log-row' },
        { sheet: 'Log', row: 4, column: 'A (Customer)', value: 'Birch', code: 'stage-log-row' },
      ]);
    }
  });

  test('a log sorted newest first reads the same customers, each at its latest date', () => {
    const [head, ...body] = LOG;
    const newestFirst = [head, ...[...body].reverse()];
    const table = readCustomers({ name: 'Log', values: newestFirst }, { timeZone: 'UTC', model: null });
    expect(
      table?.customers.map((c) => [c.row, c.name, c.status, c.stageEntered, c.created, c.closed]),
    ).toEqual([
      [2, 'Birch', 'lost', dayFromIso('2026-02-20'), dayFromIso('2026-01-10'), dayFromIso('2026-02-20')],
      [3, 'Cedar', 'open', dayFromIso('2026-03-02'), dayFromIso('2026-03-02'), null],
      [4, 'Acme', 'won', dayFromIso('2026-03-01'), dayFromIso('2026-01-05'), dayFromIso('2026-03-01')],
    ]);
    expect(table?.issues.filter((i) => i.code === 'stage-log-row').map((i) => i.row)).toEqual([5, 6, 7]);
  });

  test('on one day, the stage furthest along is the latest, whichever way the log is sorted', () => {
    const body: Grid = [
      ['Acme', 'Lead', '2026-01-05'],
      ['Acme', 'Discovery', '2026-01-05'],
      ['Birch', 'Lead', '2026-01-06'],
      ['Birch', 'Budget', '2026-01-09'],
    ];
    for (const rows of [body, [...body].reverse()]) {
      const table = readCustomers(
        { name: 'Log', values: [['Customer', 'Stage', 'Date'], ...rows] },
        { timeZone: 'UTC', model: template('b2b', 'en') },
      );
      expect(table?.customers.map((c) => [c.name, c.stageText]).sort()).toEqual([
        ['Acme', 'Discovery'],
        ['Birch', 'Budget'],
      ]);
    }
  });

  test('a deal back at a stage on a later day, names in another case, a won stage last on its day', () => {
    const values: Grid = [
      ['Customer', 'Stage', 'Date'],
      ['Acme', 'Lead', '2026-01-05'],
      ['acme', 'Discovery', '2026-02-01'],
      ['ACME ', 'Won', '2026-02-10'],
      ['Acme', 'Lead', '2026-02-10'],
      ['Birch', 'Lead', '2026-01-10'],
      ['Birch', 'Proposal', '2026-01-20'],
    ];
    const table = readCustomers({ name: 'Log', values }, { timeZone: 'UTC', model: null });
    expect(table?.customers.map((c) => [c.row, c.status, c.created, c.stageEntered, c.closed])).toEqual([
      [4, 'won', dayFromIso('2026-01-05'), dayFromIso('2026-02-10'), dayFromIso('2026-02-10')],
      [7, 'open', dayFromIso('2026-01-10'), dayFromIso('2026-01-20'), null],
    ]);
    expect(table?.issues.filter((i) => i.code === 'stage-log-row').map((i) => i.row)).toEqual([2, 3, 5, 6]);
  });

  test('derives a WIP band from a log as from the same deals one row each', () => {
    // Ann: 12 closed deals (8 won), 30 days from first row to close, and 3 open.
    const deals = Array.from({ length: 15 }, (_, k) => ({
      name: `Deal ${k}`,
      start: `2026-0${1 + (k % 6)}-0${1 + (k % 9)}`,
      end: k < 8 ? 'Won' : k < 12 ? 'Lost' : null,
    }));
    const plus30 = (iso: string) => isoOfDay(dayFromIso(iso)! + 30);
    const log: Grid = [
      ['Customer', 'Rep', 'Stage', 'Date'],
      ...deals.flatMap((d) => [
        [d.name, 'Ann', 'Lead', d.start],
        ...(d.end ? [[d.name, 'Ann', d.end, plus30(d.start)]] : []),
      ]),
    ];
    const flat: Grid = [
      ['Customer', 'Rep', 'Stage', 'Created', 'Stage Entered', 'Closed Date'],
      ...deals.map((d) =>
        d.end
          ? [d.name, 'Ann', d.end, d.start, plus30(d.start), plus30(d.start)]
          : [d.name, 'Ann', 'Lead', d.start, d.start, ''],
      ),
    ];
    const bands = [log, flat].map((values) => {
      const out = runInventory({
        sheets: [{ name: 'Deals', values }],
        asOf: '2026-08-31',
        timeZone: 'UTC',
        lang: 'en',
      });
      if (!out.ok) throw new Error(out.code);
      return out.inventory.reps.map((r) => [r.rep, r.open, r.band]);
    });
    expect(bands[0]).toEqual(bands[1]);
    expect(bands[0][0][2]).not.toBeNull();
  });

  test('a column the tab has for a role keeps it: created and closed are not taken from the log', () => {
    const values = LOG.map((row, r) => [...row, r === 0 ? 'Created' : '2025-12-01']);
    const table = readCustomers({ name: 'Log', values }, { timeZone: 'UTC', model: null });
    expect(table?.customers.map((c) => [c.name, c.created, c.closed])).toEqual([
      ['Acme', dayFromIso('2025-12-01'), dayFromIso('2026-03-01')],
      ['Cedar', dayFromIso('2025-12-01'), null],
      ['Birch', dayFromIso('2025-12-01'), dayFromIso('2026-02-20')],
    ]);
  });

  test('is not a log: no date column, two deals of one account at one stage on one day, an id column, few repeated names, a deal after a closed one', () => {
    const noDates = LOG.map((row, r) => (r === 0 ? ['Customer', 'Stage', 'Close Date', 'Amount'] : row));
    const sameStage = LOG.map((row, r) => (r === 2 ? ['Acme', 'Lead', '2026-01-05', 120] : row));
    const withIds = LOG.map((row, r) => [r === 0 ? 'ID' : `D${r}`, ...row]);
    const fewRepeats: Grid = [
      ...LOG.slice(0, 3),
      ...['Dove', 'Elm', 'Fir', 'Gum', 'Hazel'].map((name) => [name, 'Lead', '2026-01-01', 1]),
    ];
    // Acme won a deal, then opened another: a won stage is not an earlier stage.
    const wonThenNew: Grid = [
      ['Customer', 'Stage', 'Date', 'Amount'],
      ['Acme', 'Won', '2026-01-01', 500],
      ['Acme', 'Discovery', '2026-03-01', 0],
      ['Beta', 'Lost', '2026-01-02', 0],
      ['Beta', 'Lead', '2026-03-02', 0],
      ['Cog', 'Lead', '2026-03-03', 0],
      ['Dash', 'Lead', '2026-03-04', 0],
    ];
    for (const values of [noDates, sameStage, withIds, fewRepeats, wonThenNew]) {
      const table = readCustomers({ name: 'Sheet', values }, { timeZone: 'UTC', model: null });
      expect(table?.customers).toHaveLength(values.length - 1);
      expect(table?.issues.filter((i) => i.code === 'stage-log-row')).toEqual([]);
      expect(table?.roles.stageEntered).toBeUndefined();
    }
  });
});

describe('dates that read both ways (03/04/2025)', () => {
  const read = (created: string[], close: string[]) =>
    readCustomers(
      {
        name: 'Deals',
        values: [
          ['Customer', 'Rep', 'Stage', 'Created', 'Close Date'],
          ...created.map((c, i) => [`D${i}`, 'Ann', 'Lead', c, close[i]]),
        ],
      },
      { timeZone: 'UTC', model: null },
    )!.customers.map((c) => [c.created, c.expectedClose]);

  test('follow the order of the dates in their column that read one way only', () => {
    // Created: 25/12 says day first. Close Date: 1/20 says month first.
    expect(read(['25/12/2024', '03/02/2025', '10/01/2025'], ['1/20/2025', '3/4/2025', '12/1/2025'])).toEqual([
      [dayFromIso('2024-12-25'), dayFromIso('2025-01-20')],
      [dayFromIso('2025-02-03'), dayFromIso('2025-03-04')],
      [dayFromIso('2025-01-10'), dayFromIso('2025-12-01')],
    ]);
    // The same with dashes: 01-13 says month first, where a dash alone would read day first.
    expect(read(['01-13-2025', '03-04-2025'], ['', ''])).toEqual([
      [dayFromIso('2025-01-13'), null],
      [dayFromIso('2025-03-04'), null],
    ]);
  });

  test('keep the separator’s reading when the column does not tell, or contradicts itself', () => {
    expect(read(['03/04/2025', '13/01/2025', '01/13/2025'], ['03.04.2025', '', ''])).toEqual([
      [dayFromIso('2025-03-04'), dayFromIso('2025-04-03')],
      [dayFromIso('2025-01-13'), null],
      [dayFromIso('2025-01-13'), null],
    ]);
  });
});

describe('probabilities: the column decides whether a bare 1 is 100% or 1%', () => {
  const read = (probabilities: (string | number)[]) =>
    readCustomers(
      {
        name: 'Deals',
        values: [
          ['Customer', 'Rep', 'Stage', 'Amount', 'Probability'],
          ...probabilities.map((p, i) => [`D${i}`, 'Ann', 'Lead', 1000, p]),
        ],
      },
      { timeZone: 'UTC', model: null },
    )!.customers.map((c) => c.probability);

  test('a column that writes percents (a number above 1, or a % sign) reads its bare 1 as 1%', () => {
    expect(read(['10', '20', '1', '90'])).toEqual([0.1, 0.2, 0.01, 0.9]);
    // 0.5 beside 30% is a percent-formatted cell (50%), not 0.5%: only the bare 1 is ambiguous.
    expect(read([1, 0.5, '30%'])).toEqual([0.01, 0.5, 0.3]);
    expect(read([0.45, 0.2, 50, 1])).toEqual([0.45, 0.2, 0.5, 0.01]);
  });

  test('a column of fractions keeps 1 as 100%', () => {
    expect(read([0.1, '0.25', 1, ''])).toEqual([0.1, 0.25, 1, null]);
  });
});
