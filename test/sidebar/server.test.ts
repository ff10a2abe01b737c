// The sidebar's server functions called directly in the sandbox (no browser): the cells a write touches.
import { namesMissingTab } from '../addon/helpers';
import { createSpreadsheet, type FakeSpreadsheet, loadBundle, type Sandbox } from '../sandbox';
import { customerTabName, fixtureSheets, NOW, TIME_ZONE } from './fixtures';

/** 2026-11-27 00:00 in Shanghai: what a date cell holds for "today". */
const TODAY_CELL = Date.UTC(2026, 10, 26, 16, 0, 0);
const NORTHERN = { sheet: 'Customers', row: 3, id: 'C-002', name: 'Northern Steel' };
const BUDGET = { row: 2, id: 'OBJ-001', text: 'No budget left this year' };
/** Columns of the fixture's Objections tab (0-based). */
const STATUS = 7;
const RESOLUTION = 10;
const RESOLVED = 11;

function world(): { ss: FakeSpreadsheet; sandbox: Sandbox } {
  const ss = createSpreadsheet({ sheets: fixtureSheets('en'), timeZone: TIME_ZONE });
  return { ss, sandbox: loadBundle({ spreadsheet: ss, now: NOW }) };
}

function objectionRow(ss: FakeSpreadsheet, row: number): unknown[] {
  return ss.getSheetByName('Objections')!.getDataRange().getValues()[row - 1];
}

function time(v: unknown): number | null {
  return Object.prototype.toString.call(v) === '[object Date]' ? (v as Date).getTime() : null;
}

describe('sidebarUpdateObjection', () => {
  it.each([
    ['resolved', 'Resolved'],
    ['accepted', 'Accepted'],
  ])('closing an objection as %s records today as its resolved date', (status, written) => {
    const { ss, sandbox } = world();
    sandbox.call('sidebarUpdateObjection', NORTHERN, BUDGET, { status });
    const row = objectionRow(ss, 2);
    expect(row[STATUS]).toBe(written);
    expect(time(row[RESOLVED])).toBe(TODAY_CELL);
  });

  it('leaves the resolved date blank when the status stays open, and keeps one already there', () => {
    const { ss, sandbox } = world();
    sandbox.call('sidebarUpdateObjection', NORTHERN, BUDGET, { status: 'acting' });
    expect(objectionRow(ss, 2)[STATUS]).toBe('Acting');
    expect(objectionRow(ss, 2)[RESOLVED]).toBe('');

    const pharma = { sheet: 'Customers', row: 5, id: 'C-004', name: 'Southern Pharma' };
    const price = { row: 3, id: 'OBJ-002', text: 'Price above the competitor' };
    const before = time(objectionRow(ss, 3)[RESOLVED]);
    expect(before).not.toBeNull();
    sandbox.call('sidebarUpdateObjection', pharma, price, { status: 'accepted', resolution: '' });
    expect(objectionRow(ss, 3)[STATUS]).toBe('Accepted');
    expect(objectionRow(ss, 3)[RESOLUTION]).toBe('');
    expect(time(objectionRow(ss, 3)[RESOLVED])).toBe(before);
  });

  describe('the supervision step', () => {
    const pharma = { sheet: 'Customers', row: 5, id: 'C-004', name: 'Southern Pharma' };
    const price = { row: 3, id: 'OBJ-002', text: 'Price above the competitor' };
    const REVIEWED_BY = 12;
    const REVIEWED_ON = 13;

    it('signs off a resolved objection nobody reviewed: today and the user, and the card says so', () => {
      const { ss, sandbox } = world();
      const card = (view: unknown) =>
        (view as { card: { objections: { id: string; unsupervised: boolean }[] } }).card.objections;
      ss.getSheetByName('Customers')!.getRange(5, 1).activate();
      expect(card(sandbox.call('sidebarCustomer')).find((o) => o.id === 'OBJ-002')?.unsupervised).toBe(true);
      const after = card(sandbox.call('sidebarUpdateObjection', pharma, price, { reviewed: true }));
      expect(after.find((o) => o.id === 'OBJ-002')?.unsupervised).toBe(false);
      const row = objectionRow(ss, 3);
      expect(time(row[REVIEWED_ON])).toBe(TODAY_CELL);
      expect(row[REVIEWED_BY]).toBe('user@example.com');
    });

    it('keeps what the user typed in either cell, and leaves an open objection alone', () => {
      const { ss, sandbox } = world();
      ss.getRange('Objections!M3').setValue('Dana (QBR)');
      sandbox.call('sidebarUpdateObjection', pharma, price, { reviewed: true });
      expect(objectionRow(ss, 3)[REVIEWED_BY]).toBe('Dana (QBR)');
      expect(objectionRow(ss, 3)[REVIEWED_ON]).toBe('');

      const { ss: ss2, sandbox: sandbox2 } = world();
      ss2.getRange('Objections!N3').setValue('at the QBR');
      sandbox2.call('sidebarUpdateObjection', pharma, price, { reviewed: true });
      expect(objectionRow(ss2, 3)[REVIEWED_ON]).toBe('at the QBR');

      const before = ss2.snapshot();
      sandbox2.call('sidebarUpdateObjection', NORTHERN, BUDGET, { reviewed: true }); // still planned: not closed
      expect(ss2.snapshot()).toEqual(before);
    });

    it('names the Reviewed on cell it cannot read when there is no address to sign with, and writes nothing', () => {
      const ss = createSpreadsheet({ sheets: fixtureSheets('en'), timeZone: TIME_ZONE });
      const sandbox = loadBundle({ spreadsheet: ss, now: NOW, user: '' });
      ss.getRange('Objections!N3').setValue('done');
      const before = ss.snapshot();
      expect(() => sandbox.call('sidebarUpdateObjection', pharma, price, { reviewed: true })).toThrow(
        /markKept.*N3.*done/,
      );
      expect(ss.snapshot()).toEqual(before);
    });

    it('refuses a reviewed flag that is not true', () => {
      const { ss, sandbox } = world();
      const before = ss.snapshot();
      expect(() => sandbox.call('sidebarUpdateObjection', pharma, price, { reviewed: 'yes' })).toThrow(
        /badInput/,
      );
      expect(ss.snapshot()).toEqual(before);
    });
  });

  it('keeps what the user typed in the resolved cell when it is no date', () => {
    const { ss, sandbox } = world();
    ss.getRange('Objections!L2').setValue('after the QBR');
    sandbox.call('sidebarUpdateObjection', NORTHERN, BUDGET, { status: 'resolved' });
    expect(objectionRow(ss, 2)[STATUS]).toBe('Resolved');
    expect(objectionRow(ss, 2)[RESOLVED]).toBe('after the QBR');
  });
});

describe('long text', () => {
  /** Longer than the 200 characters core keeps of a cell. */
  const LONG = `Send the revised quote. ${'Background for the CFO meeting: '.repeat(10)}Bring the reference list.`;

  it('the card carries the whole next action, and an edit of it keeps the rest of the text', () => {
    const { ss, sandbox } = world();
    ss.getRange('Customers!I3').setValue(LONG);
    ss.getSheetByName('Customers')!.getRange(3, 2).activate();
    const view = sandbox.call('sidebarCustomer', 'en') as { card: { nextAction: { text: string } } };
    expect(view.card.nextAction.text).toBe(LONG);
    sandbox.call('sidebarSetNextAction', NORTHERN, { text: LONG.replace('Send', 'Email') });
    expect(ss.getRange('Customers!I3').getValue()).toBe(LONG.replace('Send', 'Email'));
  });

  it('the card carries the whole plan of an objection, and an edit of it keeps the rest of the text', () => {
    const { ss, sandbox } = world();
    ss.getRange('Objections!I2').setValue(LONG);
    ss.getSheetByName('Customers')!.getRange(3, 2).activate();
    const view = sandbox.call('sidebarCustomer', 'en') as { card: { objections: { plan: string }[] } };
    expect(view.card.objections[0].plan).toBe(LONG);
    sandbox.call('sidebarUpdateObjection', NORTHERN, BUDGET, { plan: LONG.replace('Send', 'Email') });
    expect(objectionRow(ss, 2)[8]).toBe(LONG.replace('Send', 'Email'));
  });

  it('a new objection keeps the whole of a long plan', () => {
    const { ss, sandbox } = world();
    const plan = LONG.repeat(8); // longer than the 2,000 characters of an objection's own text
    sandbox.call('sidebarAddObjection', NORTHERN, {
      type: 'budget',
      text: 'Too dear',
      plan,
      due: '',
      blocking: false,
    });
    expect(objectionRow(ss, 4)[8]).toBe(plan);
  });

  it('a next action saved without its text leaves the text cell alone', () => {
    const { ss, sandbox } = world();
    ss.getRange('Customers!I3').setValue(LONG);
    sandbox.call('sidebarSetNextAction', NORTHERN, { due: '2026-12-04' });
    expect(ss.getRange('Customers!I3').getValue()).toBe(LONG);
    expect(time(ss.getRange('Customers!J3').getValue())).toBe(Date.UTC(2026, 11, 3, 16));
  });
});

describe('Settings naming a customer tab that is not there', () => {
  it('the Customer view and the Team view say so and name it', () => {
    const ss = createSpreadsheet({ sheets: namesMissingTab(), timeZone: TIME_ZONE });
    const sandbox = loadBundle({ spreadsheet: ss, now: NOW });
    const why =
      'No tab is named "Deals 2026", the tab Settings names as the customer tab ("Customer tab"; case, spaces and punctuation do not matter). Tabs: Deals, Settings. Correct the setting or rename your customer tab.';
    expect(sandbox.call('sidebarCustomer', 'en')).toEqual({ kind: 'no-sheet', why });
    expect(() => sandbox.call('sidebarTeam')).toThrow(why);
  });
});

describe('a customer on hold with no resume date', () => {
  it('stalls past the default stall days, not an open stage’s, and the Team view says it is on hold', () => {
    const sheets = fixtureSheets('en');
    const customers = sheets.Customers as unknown[][];
    customers[1][3] = 'On hold';
    customers[1][6] = '2026-10-20';
    const settings = (days: number | null) => ({
      ...sheets,
      Settings: [['Setting', 'Value'], ...(days === null ? [] : [['Default stall days', days]])],
    });
    const team = (days: number | null) => {
      const ss = createSpreadsheet({ sheets: settings(days), timeZone: TIME_ZONE });
      const view = loadBundle({ spreadsheet: ss, now: NOW }).call('sidebarTeam') as {
        stalled: { name: string; stage: number; days: number; maxDays: number | null }[];
      };
      return view.stalled.find((s) => s.name === customers[1][1]);
    };
    // 38 days on hold: past a 30-day default, and no limit at all without one.
    expect(team(30)).toMatchObject({ stage: -1, days: 38, maxDays: 30 });
    expect(team(null)).toBeUndefined();
    // The card shows the limit it stalls past, as the Team view does.
    const ss = createSpreadsheet({ sheets: settings(30), timeZone: TIME_ZONE });
    ss.getSheetByName('Customers')!.getRange(2, 2).activate();
    const view = loadBundle({ spreadsheet: ss, now: NOW }).call('sidebarCustomer', 'en') as {
      card: { status: string; stalled: boolean; maxDays: number | null };
    };
    expect(view.card).toMatchObject({ status: 'hold', stalled: true, maxDays: 30 });
  });
});

describe('a customer on hold whose resume date has passed', () => {
  it('is in the Team view’s stalled list and count, as in the report’s, with the date it was due', () => {
    const sheets = fixtureSheets('en');
    const customers = sheets.Customers as unknown[][];
    // The header is the fixture's shared array: a copy gets the column.
    customers[0] = [...customers[0], 'Resume On'];
    for (const row of customers.slice(1)) row.push('');
    customers[1][3] = 'On hold';
    customers[1][customers[0].length - 1] = '2026-11-15';
    const ss = createSpreadsheet({ sheets, timeZone: TIME_ZONE });
    const view = loadBundle({ spreadsheet: ss, now: NOW }).call('sidebarTeam') as {
      stalled: { name: string; stage: number; resumeDue: string | null }[];
      stalledTotal: number;
    };
    expect(view.stalled.find((s) => s.name === customers[1][1])).toMatchObject({
      stage: -1,
      resumeDue: '2026-11-15',
    });
    expect(view.stalledTotal).toBe(view.stalled.length);
  });
});

describe('a date that reads both ways (03/12/2026) in one row', () => {
  it('is read in the order of its column’s first rows (25/12/2026 below it: day first)', () => {
    const sheets = fixtureSheets('en');
    const customers = sheets.Customers as unknown[][];
    // Next Step Date (J): 3 December, then a date that can only be day first.
    customers[1][9] = '03/12/2026';
    customers[2][9] = '25/12/2026';
    const ss = createSpreadsheet({ sheets, timeZone: TIME_ZONE });
    ss.getSheetByName('Customers')!.getRange(2, 2).activate();
    const view = loadBundle({ spreadsheet: ss, now: NOW }).call('sidebarCustomer', 'en') as {
      card: { nextAction: { due: string; state: string } };
    };
    expect(view.card.nextAction).toMatchObject({ due: '2026-12-03', state: 'ok' });
  });
});

describe('days in stage from History, for a row without a Stage entered date', () => {
  const HISTORY = ['When', 'Who', 'Customer', 'ID', 'Row', 'Field', 'Old', 'New', 'Source'];
  /** The fixture with Northern Steel's (row 3) Stage Entered cleared, and a History tab when `history` is. */
  function cleared(history: unknown[][] | null): { ss: FakeSpreadsheet; sandbox: Sandbox } {
    const sheets = fixtureSheets('en');
    (sheets.Customers as unknown[][])[2][6] = '';
    if (history) sheets['Change log'] = [HISTORY, ...history];
    const ss = createSpreadsheet({ sheets, timeZone: TIME_ZONE });
    ss.getSheetByName('Customers')!.getRange(3, 2).activate();
    return { ss, sandbox: loadBundle({ spreadsheet: ss, now: NOW }) };
  }
  const card = (sandbox: Sandbox) =>
    (sandbox.call('sidebarCustomer', 'en') as { card: Record<string, unknown> }).card;
  const change = (when: string, id: string, name: string, field = 'Stage') => [
    when,
    'ann@example.com',
    name,
    id,
    '3',
    field,
    'Discovery',
    'Budget',
    'edit',
  ];

  it('a poll says History holds the clock; sidebarStageClock reads it: the last stage change, stalled past 30 days', () => {
    const { sandbox } = cleared([
      change('2026-09-10', 'C-002', 'Northern Steel'),
      change('2026-10-20', 'C-002', 'Northern Steel'),
      change('2026-11-20', 'C-002', 'Northern Steel', 'Amount'), // not a stage change
      change('2026-11-25', 'C-001', 'Acme Power'), // another customer
    ]);
    expect(card(sandbox)).toMatchObject({
      daysInStage: null,
      stalled: false,
      historyClock: true,
      maxDays: 30,
    });
    // 20 October to 27 November: 38 days in Budget, whose limit is 30.
    expect(sandbox.call('sidebarStageClock', NORTHERN)).toEqual({ daysInStage: 38, stalled: true });
  });

  it('answers null when the row no longer holds the customer the card was drawn for', () => {
    const { sandbox } = cleared([change('2026-11-01', 'C-002', 'Northern Steel')]);
    expect(sandbox.call('sidebarStageClock', NORTHERN)).toEqual({ daysInStage: 26, stalled: false });
    expect(sandbox.call('sidebarStageClock', { ...NORTHERN, row: 4 })).toBeNull();
    expect(sandbox.call('sidebarStageClock', { ...NORTHERN, name: 'Northern Steel Ltd' })).toBeNull();
    expect(() => sandbox.call('sidebarStageClock', { row: 3 })).toThrow(/target/);
  });

  it('is not asked for when the row has its date, or there is no History tab', () => {
    const dated = world();
    dated.ss.getSheetByName('Customers')!.getRange(3, 2).activate();
    expect(card(dated.sandbox)).toMatchObject({ daysInStage: 87, historyClock: false });
    const { sandbox } = cleared(null);
    expect(card(sandbox)).toMatchObject({ daysInStage: null, historyClock: false });
    expect(sandbox.call('sidebarStageClock', NORTHERN)).toBeNull();
  });

  it('reads a Chinese History tab (变更记录) the same way', () => {
    const sheets = fixtureSheets('zh');
    const tab = customerTabName('zh');
    (sheets[tab] as unknown[][])[2][6] = '';
    const name = (sheets[tab] as unknown[][])[2][1] as string;
    sheets.变更记录 = [
      ['时间', '用户', '客户', '编号', '行', '字段', '原值', '新值', '来源'],
      ['2026-10-20', 'ann@example.com', name, 'C-002', '3', '销售阶段', '需求确认', '预算确认', 'edit'],
    ];
    const ss = createSpreadsheet({ sheets, timeZone: TIME_ZONE });
    ss.getSheetByName(tab)!.getRange(3, 2).activate();
    const sandbox = loadBundle({ spreadsheet: ss, now: NOW });
    expect(card(sandbox)).toMatchObject({ daysInStage: null, historyClock: true });
    const target = { sheet: tab, row: 3, id: 'C-002', name };
    expect(sandbox.call('sidebarStageClock', target, 'zh')).toEqual({ daysInStage: 38, stalled: true });
  });

  it('costs a fixed number of service calls, whatever the length of History', () => {
    const calls = (entries: number) => {
      const rows = Array.from({ length: entries }, (_, i) =>
        change('2026-10-20', `C-${1000 + i}`, `Other ${i}`),
      );
      const { sandbox } = cleared([...rows, change('2026-10-20', 'C-002', 'Northern Steel')]);
      card(sandbox); // the page polls first: the context is cached
      sandbox.env.resetCalls();
      expect(sandbox.call('sidebarStageClock', NORTHERN, 'en')).toEqual({
        daysInStage: 38,
        stalled: true,
      });
      expect(sandbox.env.calls()['Session.getActiveUserLocale']).toBeUndefined(); // the page says its language
      return sandbox.env.calls();
    };
    const small = calls(1);
    expect(calls(3000)).toEqual(small);
    // The spreadsheet (1), the cached context (2), the History tab (1) read whole (2), and the row read by
    // its tab's name (2).
    expect(Object.values(small).reduce((a, b) => a + b, 0)).toBe(8);
  });
});

describe('"met today" with Track edits on', () => {
  /** The fixture with a Last Updated column (S), Settings tracking edits when `track`, Northern Steel selected. */
  function tracked(track: 'yes' | 'no', cells: (rows: unknown[][]) => void = () => {}) {
    const sheets = fixtureSheets('en');
    const customers = sheets.Customers as unknown[][];
    for (const [i, row] of customers.entries()) row.push(i === 0 ? 'Last Updated' : '');
    cells(customers);
    sheets.Settings = [
      ['Setting', 'Value'],
      ['Track edits', track],
    ];
    const ss = createSpreadsheet({ sheets, timeZone: TIME_ZONE });
    return { ss, sandbox: loadBundle({ spreadsheet: ss, now: NOW, user: 'ann@example.com' }) };
  }
  /** Budget confirmed: column N (13), Northern Steel's first unmet criterion. */
  const BUDGET_COL = 13;

  it('logs the written criterion to History as the edit trigger would, and stamps Last Updated', () => {
    const { ss, sandbox } = tracked('yes');
    sandbox.call('sidebarMarkMet', NORTHERN, 'Budget confirmed');
    const row = ss.getSheetByName('Customers')!.getRange(3, 1, 1, 19).getValues()[0];
    expect(time(row[BUDGET_COL])).toBe(TODAY_CELL);
    expect(time(row[18])).toBe(TODAY_CELL);
    const log = ss.getSheetByName('Change log')!.getDataRange().getValues();
    expect(log.slice(1).map((r) => r.slice(1).map(String))).toEqual([
      ['ann@example.com', 'Northern Steel', 'C-002', '3', 'Budget confirmed', '', '2026-11-27', 'sidebar'],
    ]);
  });

  it('logs nothing and stamps nothing with Track edits off', () => {
    const { ss, sandbox } = tracked('no');
    sandbox.call('sidebarMarkMet', NORTHERN, 'Budget confirmed');
    expect(ss.getSheetByName('Change log')).toBeNull();
    expect(ss.getSheetByName('Customers')!.getRange(3, 19).getValue()).toBe('');
  });

  it('ticks a checkbox criterion instead of writing a date into it', () => {
    const { ss, sandbox } = tracked('yes', (rows) => {
      for (const row of rows.slice(1)) row[BUDGET_COL] = false;
    });
    sandbox.call('sidebarMarkMet', NORTHERN, 'Budget confirmed');
    expect(
      ss
        .getSheetByName('Customers')!
        .getRange(3, BUDGET_COL + 1)
        .getValue(),
    ).toBe(true);
    const log = ss.getSheetByName('Change log')!.getDataRange().getValues();
    expect(log[1].slice(5, 8).map(String)).toEqual(['Budget confirmed', 'FALSE', 'TRUE']);
  });
});

describe('Met today on a cell the user wrote', () => {
  /** Budget confirmed (N3): Northern Steel's first unmet criterion. */
  const budget = (ss: FakeSpreadsheet) => ss.getSheetByName('Customers')!.getRange('N3');

  it.each([
    [
      'text it cannot read',
      (ss: FakeSpreadsheet) => budget(ss).setValue('waiting for the CFO'),
      'waiting for the CFO',
    ],
    ['a formula', (ss: FakeSpreadsheet) => budget(ss).setFormula('=1=2'), '=1=2'],
  ])('keeps %s and says which cell holds it', (_, write, value) => {
    const { ss, sandbox } = world();
    write(ss);
    const before = ss.snapshot();
    let message = '';
    try {
      sandbox.call('sidebarMarkMet', NORTHERN, 'Budget confirmed');
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain('markKept');
    expect(message).toContain('N3');
    expect(message).toContain(value);
    expect(ss.snapshot()).toEqual(before);
  });

  it('replaces a not-met mark the user typed, such as "no"', () => {
    const { ss, sandbox } = world();
    budget(ss).setValue('no');
    sandbox.call('sidebarMarkMet', NORTHERN, 'Budget confirmed');
    expect(budget(ss).getValue()).toBeInstanceOf(Date);
  });
});

describe('the Team view after the customer tab changed', () => {
  it('Go to refuses a row that no longer holds the customer listed, and selects the row that does', () => {
    const { ss, sandbox } = world();
    expect(() => sandbox.call('sidebarGoTo', 3, 'Acme Power')).toThrow(/rowChanged/);
    sandbox.call('sidebarGoTo', 3, 'Northern Steel');
    expect(ss.getActiveRange()?.getRow()).toBe(3);
    expect(() => sandbox.call('sidebarGoTo', 1, 'Northern Steel')).toThrow(/rowChanged/); // the header
  });

  it('Go to selects the customer listed after a column was inserted since the card was drawn', () => {
    const { ss, sandbox } = world();
    const tab = ss.getSheetByName('Customers')!;
    tab.getRange(3, 2).activate();
    sandbox.call('sidebarCustomer', 'en'); // the header is cached
    tab.insertColumnBefore(1);
    ss.getSheetByName('Objections')!.getRange(1, 1).activate();
    sandbox.call('sidebarGoTo', 5, 'Southern Pharma');
    expect(ss.getActiveSheet().getName()).toBe('Customers');
    expect(ss.getActiveRange()?.getRow()).toBe(5);
  });

  it('says how many customers are stalled when it lists only the first 50', () => {
    const sheets = fixtureSheets('en');
    const customers = sheets.Customers as unknown[][];
    const northern = customers[2]; // stalled: 87 days in Budget, whose limit is 30
    for (let i = 0; i < 80; i++) customers.push(northern.map((c, k) => (k === 0 ? `X-${i}` : c)));
    type Team = { stalled: unknown[]; stalledTotal: number };
    const team = (tabs: Record<string, unknown[][]>) =>
      loadBundle({ spreadsheet: createSpreadsheet({ sheets: tabs, timeZone: TIME_ZONE }), now: NOW }).call(
        'sidebarTeam',
      ) as Team;
    const before = team(fixtureSheets('en'));
    expect(before.stalled).toHaveLength(before.stalledTotal);
    const view = team(sheets);
    expect(view.stalled).toHaveLength(50);
    expect(view.stalledTotal).toBe(before.stalledTotal + 80);
  });
});

describe('deals sharing a name in a tab without ids', () => {
  it('a write for one deal is refused once a sort put the other on its row', () => {
    const sheets = fixtureSheets('en');
    const customers = (sheets.Customers as unknown[][]).map((r) => r.slice(1)); // no ID column
    customers[1][0] = 'Northern Steel'; // row 2: another deal of the account, at Discovery
    sheets.Customers = customers;
    const ss = createSpreadsheet({ sheets, timeZone: TIME_ZONE });
    const tab = ss.getSheetByName('Customers')!;
    tab.getRange(3, 2).activate();
    const sandbox = loadBundle({ spreadsheet: ss, now: NOW });
    const card = (sandbox.call('sidebarCustomer', 'en') as { card: { target: Record<string, unknown> } })
      .card;
    expect(card.target).toMatchObject({ row: 3, id: '', name: 'Northern Steel' });
    // Swap rows 2 and 3: row 3 now holds the Discovery deal of the same name.
    const [two, three] = tab.getRange(2, 1, 2, customers[0].length).getValues();
    tab.getRange(2, 1, 2, customers[0].length).setValues([three, two]);
    const before = tab.getDataRange().getValues();
    expect(() => sandbox.call('sidebarMarkMet', card.target, 'Need confirmed')).toThrow(/rowChanged/);
    expect(tab.getDataRange().getValues()).toEqual(before);
  });
});

describe('the Setup view without a Stages tab or a template', () => {
  it('says the stages come from the data when the customer tab has stage values, and none when it has none', () => {
    const setup = (customers: unknown[][]) => {
      const ss = createSpreadsheet({ sheets: { Customers: customers }, timeZone: TIME_ZONE });
      return (loadBundle({ spreadsheet: ss, now: NOW }).call('sidebarSetup') as { template: unknown })
        .template;
    };
    const tab = fixtureSheets('en').Customers as unknown[][];
    expect(setup(tab)).toBe('data');
    expect(setup(tab.map((row) => row.slice(0, 3)))).toBeNull(); // ID, Customer, Rep: no stage column
  });
});

describe('a text field the page sent as something else', () => {
  it.each([
    ['sidebarSetNextAction', [NORTHERN, { text: 42 }]],
    ['sidebarUpdateObjection', [NORTHERN, BUDGET, { plan: { a: 1 } }]],
    ['sidebarAddObjection', [NORTHERN, { type: 'budget', text: 'Too dear', plan: ['x'], due: '' }]],
    ['sidebarSaveMapping', [[{ role: 'customer', header: 7 }]]],
  ])('%s refuses it and writes nothing', (fn, args) => {
    const { ss, sandbox } = world();
    const before = ss.snapshot();
    expect(() => sandbox.call(fn, ...args)).toThrow(/badInput/);
    expect(ss.snapshot()).toEqual(before);
  });
});
