import { parseSettings } from '../../src/core/settings';

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
