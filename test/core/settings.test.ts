import { chineseRoleName } from '../../src/core/roles';
import { isOwnSettings, mappingRole, parseSettings } from '../../src/core/settings';
import { ROLES } from '../../src/core/types';

const read = (rows: [string, string | number | boolean][]) =>
  parseSettings({ name: 'Settings', values: rows });

describe('parseSettings', () => {
  test('choice words in either language', () => {
    const { settings, issues } = read([
      ['Language', '中文'],
      ['周期', 'Quarterly'],
      ['Template', 'B2B project sale'],
    ]);
    expect(issues).toEqual([]);
    expect(settings).toMatchObject({ lang: 'zh', period: 'quarter', template: 'b2b' });
    expect(read([['模板', '按我的数据']]).settings.template).toBe('data');
  });

  test('an unknown choice is a bad setting', () => {
    const { settings, issues } = read([['Period', 'weekly']]);
    expect(settings.period).toBe('month');
    expect(issues.map((i) => [i.code, i.row, i.column, i.value])).toEqual([
      ['bad-setting', 1, 'B', 'weekly'],
    ]);
  });

  test('mapping rows by role name or word', () => {
    const { settings, issues } = read([
      ['map:expected close', 'Close by'],
      ['映射:负责人', '跟单员'],
      ['map:Amount', 'Total'],
      ['map:nothing', 'X'],
    ]);
    expect(settings.mapping).toEqual({ expectedClose: 'Close by', rep: '跟单员', value: 'Total' });
    expect(issues.map((i) => [i.code, i.row, i.column, i.value])).toEqual([
      ['bad-setting', 4, 'A', 'map:nothing'],
    ]);
  });

  test('every role’s Chinese name, as Map columns… shows it, maps that role', () => {
    for (const role of ROLES)
      expect([role, mappingRole(`映射:${chineseRoleName(role)}`)]).toEqual([role, role]);
    expect(chineseRoleName('expectedClose')).toBe('预计签约日期');
  });

  test('a mapping row typed with a full-width colon, as a Chinese input method types it, maps too', () => {
    const { settings, issues } = read([
      ['映射：客户', '客户全名'],
      ['ｍａｐ：Owner', '跟单员'],
    ]);
    expect(settings.mapping).toEqual({ customer: '客户全名', rep: '跟单员' });
    expect(issues).toEqual([]);
  });

  test('a mapping row names its role by the role or by any header name of it', () => {
    // The words Settings knew for each role before it asked the header names, and then some.
    const words: [string, string][] = [
      ['编号', 'id'],
      ['客户', 'customer'],
      ['销售', 'rep'],
      ['负责人', 'rep'],
      ['Owner', 'rep'],
      ['阶段', 'stage'],
      ['状态', 'status'],
      ['amount', 'value'],
      ['金额', 'value'],
      ['创建日期', 'created'],
      ['预计签约日期', 'expectedClose'],
      ['成交日期', 'closed'],
      ['closed', 'closed'],
      ['最近跟进', 'lastContact'],
      ['下一步', 'nextAction'],
      ['下一步截止', 'nextActionDue'],
      ['进入阶段日期', 'stageEntered'],
      ['最后更新', 'lastUpdated'],
      ['恢复日期', 'resumeOn'],
      ['需要支持', 'support'],
      ['赢率', 'probability'],
    ];
    for (const [word, role] of words) {
      const { settings, issues } = read([[`map:${word}`, 'Column']]);
      expect([word, settings.mapping]).toEqual([word, { [role]: 'Column' }]);
      expect(issues).toEqual([]);
    }
  });

  test('a number setting must be a number of zero or more', () => {
    const { settings, issues } = read([
      ['WIP low', 2],
      ['并发上限', '5'],
      ['No-contact days', -1],
      ['Default stall days', 'soon'],
    ]);
    expect(settings).toMatchObject({ wipLow: 2, wipHigh: 5, contactDays: 14 });
    expect(settings.stallDays).toBeUndefined();
    expect(issues.map((i) => [i.row, i.column, i.value])).toEqual([
      [3, 'B', '-1'],
      [4, 'B', 'soon'],
    ]);
  });
});

describe('isOwnSettings: which tab called Settings Pandian may write to', () => {
  test.each([
    ['empty', [['', '']]],
    [
      'made by Set up sheets in Chinese',
      [
        ['设置', '值'],
        ['语言', '中文'],
      ],
    ],
    ['its header below notes', [['Our settings'], [''], ['Setting', 'Value'], ['Track edits', 'yes']]],
    [
      'mapping rows only',
      [
        ['map:customer', 'Client'],
        ['映射:负责人', 'Owner'],
      ],
    ],
    ['a key written with odd spacing and case', [['  TRACK-EDITS ', 'yes']]],
  ])('Pandian’s own: %s', (_, grid) => {
    expect(isOwnSettings(grid)).toBe(true);
  });

  test.each([
    [
      'drop-down lists',
      [
        ['Reps', 'Sources'],
        ['Ann', 'Web'],
      ],
    ],
    [
      'lists headed by words that are setting names',
      [
        ['Language', 'Period', 'Template'],
        ['French', 'Q1', 'Quote'],
      ],
    ],
    ['a note that starts like a mapping row', [['Map: Shanghai office', 'see folder']]],
    ['a setting name with nothing beside it', [['Language'], ['French']]],
  ])('the user’s own: %s', (_, grid) => {
    expect(isOwnSettings(grid)).toBe(false);
  });
});
