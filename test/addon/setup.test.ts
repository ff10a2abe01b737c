// Set up sheets… (menuSetup): the prompt's answer picks the stage model; missing tabs are created with
// frozen headers, dropdowns, date hints and conditional formats; existing tabs are kept, cell for cell.
import { stagesGrid } from '../../src/core/stage-grid';
import { headersOf, OBJECTION_COLUMNS } from '../../src/core/tabs';
import { template } from '../../src/core/templates';
import { ROLES } from '../../src/core/types';
import { translator } from '../../src/i18n/messages';
import { editEvent, type FakeSpreadsheet, type Sandbox, type SheetSnapshot } from '../sandbox';
import { B2B_STAGES_EN, createSpreadsheet, customerRows, HEADER, loadPinned } from './helpers';

const LAST = 1000; // setup formats rows 2..1000 of each data column

function setup(ss: FakeSpreadsheet, answer: string, locale = 'en_US'): Sandbox {
  const sandbox = loadPinned({ spreadsheet: ss, locale });
  sandbox.env.ui.answerPrompt(answer);
  sandbox.call('menuSetup');
  return sandbox;
}

function lastAlert(sandbox: Sandbox): { title: string; prompt: string } {
  const alerts = sandbox.env.ui.log.flatMap((e) => (e.type === 'alert' ? [e] : []));
  expect(alerts).toHaveLength(1);
  return { title: alerts[0].title, prompt: alerts[0].prompt };
}

const letter = (i: number): string => String.fromCharCode(65 + i);

/** The validation of a whole data column (rows 2..1000), asserting every cell carries the same rule. */
function columnRule(snap: SheetSnapshot, col: number) {
  const rule = snap.validations[`${letter(col)}2`];
  expect(rule).toBeDefined();
  expect(snap.validations[`${letter(col)}${LAST}`]).toEqual(rule);
  expect(snap.validations[`${letter(col)}${LAST + 1}`]).toBeUndefined();
  expect(snap.validations[`${letter(col)}1`]).toBeUndefined();
  return rule;
}

describe.each([
  [
    'en',
    'en_US',
    { stages: 'Stages', objections: 'Objections', settings: 'Settings', customers: 'Customers' },
  ],
  ['zh', 'zh_CN', { stages: '阶段定义', objections: '异议', settings: '设置', customers: '客户盘点' }],
] as const)('on an empty spreadsheet (%s)', (lang, locale, names) => {
  const t = translator(lang);
  const ss = createSpreadsheet();
  const sandbox = setup(ss, '1', locale);
  const snap = ss.snapshot();
  const model = template('b2b', lang);
  const stageNames = model.stages.map((s) => s.name);
  const criteria = model.stages.flatMap((s) => s.criteria.map((c) => c.name));

  it('creates Stages, Objections, Settings and a customer tab, named in the language', () => {
    expect(Object.keys(snap)).toEqual([
      'Sheet1',
      names.stages,
      names.objections,
      names.settings,
      names.customers,
    ]);
    const created = [names.stages, names.objections, names.settings, names.customers].join(
      lang === 'zh' ? '、' : ', ',
    );
    expect(lastAlert(sandbox)).toEqual({
      title: t('setup.title'),
      prompt: t('setup.done', { created, kept: '—' }),
    });
  });

  it('freezes and bolds every header row', () => {
    for (const name of [names.stages, names.objections, names.settings, names.customers]) {
      expect(snap[name].frozenRows).toBe(1);
      expect(snap[name].formats.A1).toMatchObject({ fontWeight: 'bold', background: '#f1f3f4' });
    }
  });

  it('writes the B2B stage model into the Stages tab', () => {
    expect(snap[names.stages].values).toEqual(stagesGrid(model, lang));
  });

  it('gives the customer tab its headers, a stage dropdown, a status dropdown and date hints', () => {
    const customers = snap[names.customers];
    const header = customers.values[0];
    expect(header.slice(15)).toEqual(criteria);
    expect(header).toHaveLength(15 + criteria.length);
    const stage = columnRule(customers, 3);
    expect(stage).toEqual({
      criteria: 'VALUE_IN_LIST',
      values: [stageNames, true],
      helpText: t('setup.helpStage'),
      allowInvalid: true,
    });
    const status = columnRule(customers, 4);
    expect(status.values[0]).toEqual(
      lang === 'zh' ? ['进行中', '赢单', '输单', '搁置'] : ['open', 'won', 'lost', 'hold'],
    );
    for (const col of [6, 7, 8, 10, 11, 12, 13])
      expect(columnRule(customers, col)).toMatchObject({
        criteria: 'DATE_IS_VALID_DATE',
        helpText: t('setup.helpDate'),
      });
    criteria.forEach((_, k) => {
      expect(columnRule(customers, 15 + k)).toEqual({
        criteria: 'DATE_IS_VALID_DATE',
        values: [],
        helpText: t('setup.helpCriterion'),
        allowInvalid: true,
      });
    });
    expect(customers.conditionalFormatRules).toHaveLength(2);
    expect(customers.conditionalFormatRules.map((r) => r.criteria)).toEqual([
      'CUSTOM_FORMULA',
      'CUSTOM_FORMULA',
    ]);
    expect(customers.conditionalFormatRules[0].values).toEqual(['=AND($K2<>"",$K2<TODAY())']);
    expect(customers.conditionalFormatRules[1].values).toEqual(['=AND($L2<>"",TODAY()-$L2>30)']);
    for (const rule of customers.conditionalFormatRules) expect(rule.ranges).toEqual([`A2:X${LAST}`]);
  });

  it('gives the Objections tab dropdowns for type, status, resolution and blocking, and date hints', () => {
    const objections = snap[names.objections];
    const headers = headersOf(OBJECTION_COLUMNS, lang);
    expect(objections.values).toEqual([headers]);
    const col = (k: keyof typeof OBJECTION_COLUMNS) => Object.keys(OBJECTION_COLUMNS).indexOf(k);
    const list = (k: keyof typeof OBJECTION_COLUMNS) => columnRule(objections, col(k));
    expect(list('type')).toMatchObject({ criteria: 'VALUE_IN_LIST', helpText: t('setup.helpType') });
    expect((list('type').values[0] as string[]).length).toBe(11);
    expect(list('status').values[0]).toEqual(
      ['raised', 'planned', 'acting', 'resolved', 'accepted'].map((s) => t(`status.${s}` as never)),
    );
    expect(list('resolution').values[0]).toEqual(
      ['responded', 'removed', 'improved', 'bypassed', 'defeated'].map((s) => t(`resolution.${s}` as never)),
    );
    expect(list('blocking').values[0]).toEqual(lang === 'zh' ? ['是', '否'] : ['yes', 'no']);
    for (const k of ['raised', 'due', 'resolved', 'reviewedOn'] as const)
      expect(columnRule(objections, col(k)).criteria).toBe('DATE_IS_VALID_DATE');
    expect(objections.conditionalFormatRules).toHaveLength(1);
    const [rule] = objections.conditionalFormatRules;
    expect(rule.criteria).toBe('CUSTOM_FORMULA');
    expect(rule.values[0]).toContain('$J2<TODAY()');
    expect(rule.values[0]).toContain(`$H2<>"${t('status.resolved')}"`);
    expect(rule.style).toMatchObject({ background: '#fce8e6' });
  });

  it('writes Settings with Track edits off and the chosen template', () => {
    const settings = snap[names.settings].values;
    const value = (key: string) => settings.find((r) => r[0] === key)?.[1];
    expect(value(lang === 'zh' ? '语言' : 'Language')).toBe(lang);
    expect(value(lang === 'zh' ? '模板' : 'Template')).toBe('b2b');
    expect(value(lang === 'zh' ? '记录变更' : 'Track edits')).toBe(lang === 'zh' ? '否' : 'no');
  });
});

describe('on a spreadsheet that already has a customer tab and a Stages tab', () => {
  const stages = B2B_STAGES_EN();
  stages[1][10] = 'Our own guidance, edited by the team.';
  const ss = createSpreadsheet({
    sheets: { Customers: [HEADER, ...customerRows(25, { seed: 9 })], Stages: stages },
  });
  // Some user formatting that setup must not touch.
  ss.getSheetByName('Customers')?.getRange('B2').setNote('VIP');
  ss.getSheetByName('Customers')?.setFrozenRows(2);
  const before = ss.snapshot();
  const sandbox = setup(ss, '2'); // MEDDPICC would have replaced the stages: it must not
  const after = ss.snapshot();

  it('keeps the existing tabs cell for cell', () => {
    expect(after.Customers).toEqual(before.Customers);
    expect(after.Stages).toEqual(before.Stages);
  });

  it('creates only the missing tabs and says which ones it kept', () => {
    expect(Object.keys(after)).toEqual(['Customers', 'Stages', 'Objections', 'Settings']);
    const t = translator('en');
    expect(lastAlert(sandbox)).toEqual({
      title: t('setup.title'),
      prompt: t('setup.done', { created: 'Objections, Settings', kept: 'Stages, Customers' }),
    });
  });

  it('running it again creates nothing and changes nothing', () => {
    const again = setup(ss, '1');
    expect(ss.snapshot()).toEqual(after);
    expect(lastAlert(again).prompt).toBe(
      translator('en')('setup.done', { created: '—', kept: 'Stages, Objections, Settings, Customers' }),
    );
  });
});

describe('on a spreadsheet whose tabs under Pandian’s names were made beforehand, empty', () => {
  it('fills the empty ones as it would new ones, and keeps a tab that holds anything', () => {
    const fresh = createSpreadsheet({ sheets: {} });
    setup(fresh, '1');
    const made = fresh.snapshot();
    const ss = createSpreadsheet({ sheets: { Customers: [], Stages: [], Settings: [['Reps'], ['Ann']] } });
    const sandbox = setup(ss, '1');
    const after = ss.snapshot();
    // As a new tab would be, wherever it stands among the tabs.
    const content = (tab: (typeof made)[string]) => ({ ...tab, index: 0 });
    expect(content(after.Stages)).toEqual(content(made.Stages));
    expect(content(after.Customers)).toEqual(content(made.Customers));
    expect(after.Settings.values).toEqual([['Reps'], ['Ann']]);
    // The Settings tab kept is the user's own (no Setting | Value header): Pandian has none, and says so.
    const t = translator('en');
    expect(lastAlert(sandbox).prompt).toBe(
      `${t('setup.done', { created: 'Stages, Objections, Customers', kept: 'Settings' })}\n\n${t('setup.settingsNotOurs', { sheet: 'Settings' })}`,
    );
  });

  it('from the sidebar too, the answer names a Settings tab of the user’s own', () => {
    const ss = createSpreadsheet({ sheets: { Settings: [['Reps'], ['Ann']] } });
    const sandbox = loadPinned({ spreadsheet: ss });
    expect(sandbox.call('sidebarSetupSheets', 'b2b', 'en')).toMatchObject({
      kept: ['Settings'],
      notOurs: 'Settings',
    });
  });
});

describe.each(['Deals', 'Customers'])('template 4, From my data, on a tab named %s', (tab) => {
  const values = ['1. Qualify', '2. Demo', '3. Proposal', 'Closed Won', 'Closed Lost'];
  const rows = [['Deal', 'Owner', 'Deal Stage', 'Amount', 'Create Date']];
  for (let i = 0; i < 30; i++)
    rows.push([
      `Deal ${i + 1}`,
      ['Ann', 'Bo', 'Cy'][i % 3],
      values[(i * 7) % 5],
      String(1000 + i),
      '2026-01-05',
    ]);
  const ss = createSpreadsheet({ sheets: { [tab]: rows } });
  const before = ss.snapshot();
  const sandbox = setup(ss, '4');
  const after = ss.snapshot();

  it('derives the Stages tab from the stage values, keeping the data tab as it was', () => {
    expect(Object.keys(after)).toEqual([tab, 'Stages', 'Objections', 'Settings']);
    expect(after[tab]).toEqual(before[tab]);
    const stages = after.Stages.values;
    expect(stages[0]).toEqual(stagesGrid({ source: 'data', stages: [] }, 'en')[0]);
    expect(stages.slice(1).map((r) => [r[1], r[3]])).toEqual([
      ['1. Qualify', 'open'],
      ['2. Demo', 'open'],
      ['3. Proposal', 'open'],
      ['Closed Won', 'won'],
      ['Closed Lost', 'lost'],
    ]);
    const settings = after.Settings.values;
    expect(settings.find((r) => r[0] === 'Template')?.[1]).toBe('data');
    expect(lastAlert(sandbox).prompt).toBe(
      translator('en')('setup.done', { created: 'Stages, Objections, Settings', kept: tab }),
    );
  });
});

describe('template 4, From my data, with the stage column mapped in Settings', () => {
  it('derives the Stages tab from the mapped column, which no header word names', () => {
    const rows = [['Customer', 'Rep', 'Phase']];
    for (const [i, phase] of ['Lead', 'Demo', 'Demo', 'Won'].entries()) rows.push([`Co ${i}`, 'Ann', phase]);
    const ss = createSpreadsheet({
      sheets: {
        Customers: rows,
        Settings: [
          ['Setting', 'Value'],
          ['map:stage', 'Phase'],
        ],
      },
    });
    setup(ss, '4');
    expect(
      ss
        .snapshot()
        .Stages.values.slice(1)
        .map((r) => [r[1], r[3]]),
    ).toEqual([
      ['Lead', 'open'],
      ['Demo', 'open'],
      ['Won', 'won'],
    ]);
  });
});

describe('set up from the sidebar (sidebarSetupSheets)', () => {
  const thrown = (run: () => unknown): string => {
    try {
      run();
    } catch (e) {
      return (e as Error).message;
    }
    throw new Error('expected a refusal');
  };

  it.each([
    ['an unknown template', ['crm', 'en'], 'template'],
    ['an unknown language', ['b2b', 'fr'], 'lang'],
    ['no arguments', [undefined, undefined], 'template'],
  ])('refuses %s by code, naming the field, and creates nothing', (_what, args, field) => {
    const ss = createSpreadsheet({ sheets: { Notes: [['x']] } });
    const sandbox = loadPinned({ spreadsheet: ss });
    expect(JSON.parse(thrown(() => sandbox.call('sidebarSetupSheets', ...args)))).toEqual([
      'badInput',
      { field },
    ]);
    expect(Object.keys(ss.snapshot())).toEqual(['Notes']);
  });

  it('says the document is busy, in words, while another run holds the lock', () => {
    const ss = createSpreadsheet({ sheets: { Notes: [['x']] } });
    const sandbox = loadPinned({ spreadsheet: ss });
    const release = sandbox.env.holdDocumentLock();
    try {
      expect(thrown(() => sandbox.call('sidebarSetupSheets', 'b2b', 'en'))).toBe(
        translator('en')('error.busy'),
      );
    } finally {
      release();
    }
    expect(Object.keys(ss.snapshot())).toEqual(['Notes']);
  });

  it('creates the tabs once the arguments are valid', () => {
    const ss = createSpreadsheet({ sheets: { Notes: [['x']] } });
    const result = loadPinned({ spreadsheet: ss }).call('sidebarSetupSheets', 'funnel', 'zh') as {
      created: string[];
    };
    expect(result.created.length).toBeGreaterThan(0);
    expect(Object.keys(ss.snapshot())).toEqual(expect.arrayContaining(['Notes', ...result.created]));
  });
});

describe('column mappings saved from the sidebar (sidebarSaveMapping)', () => {
  it('updates the row that maps a role, in either language, and appends a row for a role without one', () => {
    const ss = createSpreadsheet({
      sheets: {
        Customers: [HEADER, ...customerRows(5)],
        Settings: [
          ['Setting', 'Value'],
          ['映射:负责人', 'Customer'],
          ['My note', 'keep me'],
        ],
      },
    });
    loadPinned({ spreadsheet: ss }).call('sidebarSaveMapping', [
      { role: 'rep', header: 'Rep' },
      { role: 'status', header: 'Stage' },
    ]);
    expect(ss.snapshot().Settings.values).toEqual([
      ['Setting', 'Value'],
      ['映射:负责人', 'Rep'],
      ['My note', 'keep me'],
      ['map:status', 'Stage'],
    ]);
  });

  it('the edit trigger goes by a mapping saved from the sidebar at once: its cached layout is forgotten', () => {
    const header = [...HEADER, 'Pipeline position'];
    const ss = createSpreadsheet({
      sheets: {
        Customers: [header, ...customerRows(5).map((r) => [...r, 'Lead'])],
        Stages: B2B_STAGES_EN(),
        Settings: [
          ['Setting', 'Value'],
          ['Track edits', 'yes'],
        ],
      },
    });
    const sandbox = loadPinned({ spreadsheet: ss });
    const edit = (a1: string, value: string, oldValue: string) => {
      ss.getRange(a1).setValue(value);
      sandbox.call('onEdit', editEvent(ss, a1, { value, oldValue }));
    };
    edit('Customers!D3', 'Budget', String(ss.getRange('Customers!D3').getValue())); // caches the layout
    sandbox.call('sidebarSaveMapping', [{ role: 'stage', header: 'Pipeline position' }]);
    const col = letter(header.length - 1);
    edit(`Customers!${col}3`, 'Discovery', 'Lead');
    const log = ss.snapshot()['Change log'].values;
    expect(log[log.length - 1].slice(5, 8)).toEqual(['Pipeline position', 'Lead', 'Discovery']);
  });

  it('writes to the Settings tab Pandian reads, whatever its spacing and case, not to a new one', () => {
    const ss = createSpreadsheet({
      sheets: {
        Customers: [HEADER, ...customerRows(5)],
        ' settings ': [['Setting', 'Value']],
      },
    });
    loadPinned({ spreadsheet: ss }).call('sidebarSaveMapping', [{ role: 'rep', header: 'Rep' }]);
    const after = ss.snapshot();
    expect(Object.keys(after)).toEqual(['Customers', ' settings ']);
    expect(after[' settings '].values).toEqual([
      ['Setting', 'Value'],
      ['map:rep', 'Rep'],
    ]);
  });
});

describe("Save mapping and a user's own tab called Settings", () => {
  const lists = [
    ['Reps', 'Sources'],
    ['Ann', 'Web'],
    ['Bo', 'Referral'],
  ];

  it('writes nothing into it and says which tab it is', () => {
    const ss = createSpreadsheet({ sheets: { Customers: [HEADER, ...customerRows(5)], Settings: lists } });
    const sandbox = loadPinned({ spreadsheet: ss });
    expect(() => sandbox.call('sidebarSaveMapping', [{ role: 'rep', header: 'Rep' }])).toThrow(
      JSON.stringify(['settingsNotOurs', { sheet: 'Settings' }]),
    );
    expect(ss.snapshot().Settings.values).toEqual(lists);
    expect(Object.keys(ss.snapshot())).toEqual(['Customers', 'Settings']);
  });

  it('still writes into Pandian’s own Settings tab without a header row, known by its settings', () => {
    const ss = createSpreadsheet({
      sheets: { Customers: [HEADER, ...customerRows(5)], Settings: [['Track edits', 'yes']] },
    });
    loadPinned({ spreadsheet: ss }).call('sidebarSaveMapping', [{ role: 'rep', header: 'Rep' }]);
    expect(ss.snapshot().Settings.values).toEqual([
      ['Track edits', 'yes'],
      ['map:rep', 'Rep'],
    ]);
  });
});

describe('the sidebar setup view (sidebarSetup)', () => {
  it('names each Pandian tab as it is written, from the one listing of the tabs its context makes', () => {
    const ss = createSpreadsheet({
      sheets: {
        Customers: [HEADER, ...customerRows(3)],
        阶段定义: B2B_STAGES_EN(),
        Settings: [['Setting', 'Value']],
      },
    });
    const sandbox = loadPinned({ spreadsheet: ss });
    // The first call, with nothing cached: the view is made from the one context it reads.
    sandbox.call('sidebarSetup');
    expect(sandbox.env.calls()['Spreadsheet.getSheets']).toBe(1);
    // Again, with the sidebar's context cached as an open sidebar has it: read afresh, still once.
    sandbox.env.resetCalls();
    const view = sandbox.call('sidebarSetup') as {
      template: string;
      tabs: { id: string; name: string | null }[];
    };
    expect(view.template).toBe('sheet');
    expect(Object.fromEntries(view.tabs.map((t) => [t.id, t.name]))).toMatchObject({
      customers: 'Customers',
      stages: '阶段定义',
      settings: 'Settings',
      objections: null,
      history: null,
    });
    expect(sandbox.env.calls()['Spreadsheet.getSheets']).toBe(1);
  });
});

describe('the sidebar Team view (sidebarTeam)', () => {
  it('reads the spreadsheet once on a cold cache: no sidebar context is read for it first', () => {
    const ss = createSpreadsheet({
      sheets: {
        Customers: [HEADER, ...customerRows(20)],
        Stages: B2B_STAGES_EN(),
        Settings: [
          ['Setting', 'Value'],
          ['Language', 'en'],
        ],
      },
    });
    const sandbox = loadPinned({ spreadsheet: ss });
    const view = sandbox.call('sidebarTeam') as { customerSheet: string; stages: string[] };
    expect(view.customerSheet).toBe('Customers');
    expect(view.stages[0]).toBe(B2B_STAGES_EN()[1][1]);
    const calls = sandbox.env.calls();
    expect(calls['Spreadsheet.getSheets']).toBe(1);
    expect(calls['Cache.get']).toBeUndefined();
  });
});

describe('a sidebar server function that fails before it asks for the language', () => {
  it.each(['sidebarTeam', 'sidebarGoTo'])('%s still answers in the language Settings names', (fn) => {
    const ss = createSpreadsheet({
      sheets: {
        Settings: [
          ['Setting', 'Value'],
          ['Language', '中文'],
        ],
        Notes: [['free notes'], ['more notes']],
        Lists: [['a'], ['b']],
      },
    });
    const sandbox = loadPinned({ spreadsheet: ss, locale: 'en_US' });
    expect(() => sandbox.call(fn, 3)).toThrow(translator('zh')('error.noCustomerSheet'));
  });
});

describe('Map columns… (menuMapColumns)', () => {
  it.each([
    ['en', 'en_US'],
    ['zh', 'zh_CN'],
  ] as const)(
    'shows each recognised column with its role, and how to map one, naming every role (%s)',
    (lang, locale) => {
      const ss = createSpreadsheet({ sheets: { Customers: [HEADER, ...customerRows(3)] } });
      const sandbox = loadPinned({ spreadsheet: ss, locale });
      sandbox.call('menuMapColumns');
      const shown = sandbox.env.ui.log.flatMap((e) => (e.type === 'alert' ? [e] : []));
      const t = translator(lang);
      expect(shown).toEqual([
        expect.objectContaining({
          type: 'alert',
          title: t('map.title', { sheet: 'Customers', row: 1 }),
          prompt: expect.stringContaining(
            lang === 'zh' ? '客户 → Customer\n销售 → Rep' : 'customer → Customer\nrep → Rep',
          ),
        }),
      ]);
      // Chinese names the roles as a mapping row may: 映射:预计签约日期, not expectedClose
      const roles =
        lang === 'zh' ? '编号、客户、销售、阶段、状态、金额、创建日期、预计签约日期' : ROLES.join(', ');
      expect(shown[0].prompt).toContain(roles);
    },
  );

  it('says which map: rows do not apply: a header the tab lacks, a role it does not know', () => {
    const ss = createSpreadsheet({
      sheets: {
        Customers: [HEADER, ...customerRows(3)],
        Settings: [
          ['Setting', 'Value'],
          ['map:rep', 'Owner'],
          ['map:kunde', 'Rep'],
        ],
      },
    });
    const sandbox = loadPinned({ spreadsheet: ss });
    sandbox.call('menuMapColumns');
    const prompt = sandbox.env.ui.log.flatMap((e) => (e.type === 'alert' ? [e.prompt] : []))[0];
    const t = translator('en');
    expect(prompt).toContain(
      `${t('map.noHeader', { role: 'rep', header: 'Owner' })}\n${t('map.noRole', { key: 'map:kunde' })}`,
    );
    expect(prompt).not.toContain('rep → Rep');
  });
});

describe('a spreadsheet whose Settings say Chinese, used by someone with an English locale', () => {
  const zhSettings = () => ({
    设置: [
      ['设置', '值'],
      ['语言', 'zh'],
    ],
    Notes: [['会议记录']],
  });

  it('Set up sheets asks, creates and answers in Chinese, as the report and the sidebar speak', () => {
    const ss = createSpreadsheet({ sheets: zhSettings() });
    const sandbox = setup(ss, '1', 'en_US');
    const t = translator('zh');
    const prompts = sandbox.env.ui.log.flatMap((e) => (e.type === 'prompt' ? [e.title] : []));
    expect(prompts).toEqual([t('setup.title')]);
    expect(Object.keys(ss.snapshot())).toEqual(['设置', 'Notes', '阶段定义', '异议', '客户盘点']);
    expect(lastAlert(sandbox).title).toBe(t('setup.title'));
  });

  it('Help and a failing command’s alert are in Chinese too', () => {
    const ss = createSpreadsheet({ sheets: zhSettings() });
    const t = translator('zh');
    const help = loadPinned({ spreadsheet: ss, locale: 'en_US' });
    help.call('menuHelp');
    expect(lastAlert(help)).toEqual({ title: t('help.title'), prompt: t('help.body') });
    const failing = loadPinned({ spreadsheet: ss, locale: 'en_US' });
    failing.call('menuInventory');
    expect(lastAlert(failing)).toEqual({ title: t('error.title'), prompt: t('error.noCustomerSheet') });
  });
});
