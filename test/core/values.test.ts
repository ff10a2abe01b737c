import * as vm from 'node:vm';
import fc from 'fast-check';
import { dayFromIso } from '../../src/core/days';
import {
  cellText,
  editDistance,
  errorValue,
  isBlank,
  nearest,
  normalizeKey,
  truncate,
} from '../../src/core/normalize';
import type { Cell } from '../../src/core/types';
import {
  columnMoney,
  columnPercents,
  isFailure,
  parseBoolean,
  parseDay,
  parseMark,
  parseMoney,
  parseNumber,
  parsePercent,
} from '../../src/core/values';

const iso = (s: string): number => {
  const d = dayFromIso(s);
  if (d === null) throw new Error(`bad test date ${s}`);
  return d;
};
const fail = (code: string, expected: string) => ({ fail: code, expected });

describe('normalize', () => {
  test('normalizeKey', () => {
    expect(normalizeKey('Deal  Stage')).toBe('dealstage');
    expect(normalizeKey('Sales_Stage')).toBe('salesstage');
    expect(normalizeKey('预计金额（万元）')).toBe('预计金额万元');
    expect(normalizeKey('ＳＴＡＧＥ')).toBe('stage');
    expect(normalizeKey(' Close-Date: ')).toBe('closedate');
    expect(normalizeKey('客户，名称。、：；【】《》「」“”‘’')).toBe('客户名称');
    expect(normalizeKey('a/b\\c-d_e.f:g#h&i?j!k')).toBe('abcdefghijk');
    expect(normalizeKey('Win %')).toBe('win');
    expect(normalizeKey('Stage　２')).toBe('stage2');
    expect(normalizeKey('')).toBe('');
  });

  test('cellText and truncate', () => {
    expect(cellText('  Acme  ')).toBe('Acme');
    expect(cellText(12.5)).toBe('12.5');
    expect(cellText(true)).toBe('TRUE');
    expect(cellText(false)).toBe('FALSE');
    expect(cellText(null)).toBe('');
    expect(cellText(undefined)).toBe('');
    expect(cellText(new Date('2026-05-30T00:00:00Z'))).toBe('2026-05-30');
    expect(cellText(new Date('2026-05-29T16:00:00Z'), 'Asia/Shanghai')).toBe('2026-05-30');
    expect(cellText(new Date(Number.NaN))).toBe('Invalid Date');
    const long = cellText('x'.repeat(500));
    expect(long.length).toBe(200);
    expect(long.endsWith('…')).toBe(true);
    expect(truncate('abcdef', 4)).toBe('abc…');
    expect(truncate('abc', 4)).toBe('abc');
    expect(truncate('ab😀cd', 4)).toBe('ab…');
    expect(truncate('abc', 1)).toBe('…');
    expect(truncate('😀c', 2)).toBe('…');
  });

  test('isBlank and errorValue', () => {
    expect(isBlank('')).toBe(true);
    expect(isBlank('  \t ')).toBe(true);
    expect(isBlank('\u3000')).toBe(true);
    expect(isBlank(null)).toBe(true);
    expect(isBlank(undefined)).toBe(true);
    expect(isBlank(0)).toBe(false);
    expect(isBlank(false)).toBe(false);
    expect(isBlank('x')).toBe(false);
    for (const e of [
      '#N/A',
      '#REF!',
      '#VALUE!',
      '#DIV/0!',
      '#NAME?',
      '#NUM!',
      '#NULL!',
      '#ERROR!',
      '#SPILL!',
      '#CALC!',
      '#GETTING_DATA',
    ]) {
      expect(errorValue(e)).toBe(e);
    }
    expect(errorValue(' #n/a ')).toBe('#N/A');
    expect(errorValue('#1')).toBeNull();
    expect(errorValue('N/A')).toBeNull();
    expect(errorValue(5)).toBeNull();
  });

  test('editDistance and nearest', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('abc', 'abc')).toBe(0);
    const stages = ['Lead', 'Discovery', 'Budget', 'Negotiation', 'Closed Won', 'Closed Lost'];
    expect(nearest('Discovry', stages)).toBe('Discovery');
    expect(nearest('discovery ', stages)).toBe('Discovery');
    expect(nearest('Closed-Won!', stages)).toBe('Closed Won');
    expect(nearest('Closed Won - partial', stages)).toBe('Closed Won');
    expect(nearest('Banana split', stages)).toBeNull();
    expect(nearest('', stages)).toBeNull();
    expect(nearest('需求确认阶段', ['线索', '需求确认', '预算确认'])).toBe('需求确认');
    expect(nearest('报价', ['签约', '赢单'])).toBeNull();
  });
});

describe('parseDay', () => {
  const tz = 'UTC';
  it('refuses a date with a line break after it, whichever way the date is written', () => {
    for (const text of ['2026-05-30\n10:00', '2026/05/30\n10:00', '30.05.2026\n10:00']) {
      expect(isFailure(parseDay(text, tz))).toBe(true);
    }
    expect(parseDay('2026-05-30 10:00', tz)).toBe(dayFromIso('2026-05-30'));
  });

  it('knows the days each month has', () => {
    expect(parseDay('2024-02-29', tz)).toBe(dayFromIso('2024-02-29'));
    for (const text of ['2023-02-29', '2026-04-31', '2026-05-00', '2026-05-32']) {
      expect(isFailure(parseDay(text, tz))).toBe(true);
    }
  });

  test.each([
    ['2026-05-30', '2026-05-30'],
    ['2026-05-30T10:20:30Z', '2026-05-30'],
    ['2026-05-30T10:20:30.123+08:00', '2026-05-30'],
    ['2023-12-28 09:00:00', '2023-12-28'],
    ['2023-11-05 00:00', '2023-11-05'],
    ['2026-5-30', '2026-05-30'],
    ['2026/5/30', '2026-05-30'],
    ['2026.5.30', '2026-05-30'],
    ['10/20/2016', '2016-10-20'],
    ['7/18/18', '2018-07-18'],
    ['02/23/26 08:55 PM', '2026-02-23'],
    ['1/2/69', '2069-01-02'],
    ['1/2/70', '1970-01-02'],
    ['20/5/2026', '2026-05-20'],
    ['30-5-2026', '2026-05-30'],
    ['05-06-2026', '2026-06-05'],
    ['5-30-2026', '2026-05-30'],
    ['30.5.2026', '2026-05-30'],
    ['30.05.26', '2026-05-30'],
    ['15 Apr, 2021 00:02:00', '2021-04-15'],
    ['15 Apr 2021', '2021-04-15'],
    ['15-Apr-21', '2021-04-15'],
    ['Apr 15, 2021', '2021-04-15'],
    ['April 15 2021', '2021-04-15'],
    ['april 15th, 2021', '2021-04-15'],
    ['Thu, 15 Apr 2021', '2021-04-15'],
    ['Thursday, April 15, 2021', '2021-04-15'],
    ['Sept. 1, 2026', '2026-09-01'],
    ['2026年5月30日', '2026-05-30'],
    ['2026年5月30日 14:30', '2026-05-30'],
    ['2026 年 5 月 30 号', '2026-05-30'],
    ['２０２６年５月３０日', '2026-05-30'],
    ['2026年5月', '2026-05-01'],
    ['45000', '2023-03-15'],
    ['45000.5', '2023-03-15'],
    ['20260530', '2026-05-30'],
    ['  2026-05-30  ', '2026-05-30'],
  ])('%s → %s', (text, want) => {
    expect(parseDay(text, tz)).toBe(iso(want));
  });

  test('only month names are months: words an object inherits are not', () => {
    for (const word of ['constructor', 'toString', 'valueOf', '__proto__', 'hasOwnProperty'])
      expect(parseDay(`15 ${word} 2021`, tz)).toEqual(fail('bad-date', 'date'));
    expect(parseDay('15 Sept 2021', tz)).toBe(iso('2021-09-15'));
  });

  test('numbers are Excel serials', () => {
    expect(parseDay(45000, tz)).toBe(iso('2023-03-15'));
    expect(parseDay(45000.99, tz)).toBe(iso('2023-03-15'));
    expect(parseDay(25569, tz)).toBe(0);
    expect(parseDay(0, tz)).toEqual(fail('impossible-date', 'date'));
    expect(parseDay(-5, tz)).toEqual(fail('impossible-date', 'date'));
    expect(parseDay(60, tz)).toEqual(fail('impossible-date', 'date'));
    expect(parseDay(2958466, tz)).toEqual(fail('impossible-date', 'date'));
    expect(parseDay(Number.NaN, tz)).toEqual(fail('bad-date', 'date'));
  });

  test('Date objects, in the given zone, from any realm', () => {
    expect(parseDay(new Date('2026-05-29T16:00:00Z'), 'Asia/Shanghai')).toBe(iso('2026-05-30'));
    expect(parseDay(new Date('2026-05-30T07:00:00Z'), 'America/Los_Angeles')).toBe(iso('2026-05-30'));
    expect(parseDay(new Date('2026-05-30T00:00:00Z'), 'UTC')).toBe(iso('2026-05-30'));
    const foreign = vm.runInNewContext('new Date(Date.UTC(2026, 4, 30))') as Date;
    expect(foreign instanceof Date).toBe(false);
    expect(parseDay(foreign, 'UTC')).toBe(iso('2026-05-30'));
    expect(parseDay(new Date(Number.NaN), tz)).toEqual(fail('bad-date', 'date'));
    expect(parseDay(new Date('1899-12-30T10:30:00Z'), tz)).toEqual(fail('impossible-date', 'date'));
  });

  test('blanks and placeholders', () => {
    expect(parseDay('', tz)).toBeNull();
    expect(parseDay('   ', tz)).toBeNull();
    expect(parseDay(null, tz)).toBeNull();
    expect(parseDay(undefined, tz)).toBeNull();
    expect(parseDay('-', tz)).toBeNull();
    expect(parseDay('—', tz)).toBeNull();
  });

  test.each([
    ['2023-02-30'],
    ['2023/2/30'],
    ['13/45/2020'],
    ['2/30/2020'],
    ['31-4-2026'],
    ['2026年2月30日'],
    ['2026年13月'],
    ['30 Feb 2021'],
    ['1899-12-31'],
    ['2201-01-01'],
  ])('impossible: %s', (text) => {
    expect(parseDay(text, tz)).toEqual(fail('impossible-date', 'date'));
  });

  test.each([
    ['TBD'],
    ['next week'],
    ['Q3'],
    ['2026-05'],
    ['5月30日'],
    ['26-05-30'],
    ['2026-05-30 tomorrow'],
    ['2026-05-301'],
    ['Foo 15, 2021'],
    ['15 Foo 2021'],
    ['Apr 2021'],
    ['1/2/3/4'],
  ])('unrecognised: %s', (text) => {
    expect(parseDay(text, tz)).toEqual(fail('bad-date', 'date'));
  });

  test('error values and booleans', () => {
    expect(parseDay('#N/A', tz)).toEqual(fail('error-value', 'date'));
    expect(parseDay('#REF!', tz)).toEqual(fail('error-value', 'date'));
    expect(parseDay(true, tz)).toEqual(fail('bad-date', 'date'));
    expect(parseDay(false, tz)).toEqual(fail('bad-date', 'date'));
  });
});

describe('parseMoney', () => {
  test.each([
    ['$22,700.00', 22700],
    ['$0.00', 0],
    ['¥1,200', 1200],
    ['￥ 3,000', 3000],
    ['RMB 5000', 5000],
    ['USD 1,000', 1000],
    ['1,000 USD', 1000],
    ['€1.234,50', 1234.5],
    ['1,2 万', 12000],
    ['12,5万', 125000],
    ['1,234 万', 12340000],
    ['12万', 120000],
    ['12 万元', 120000],
    ['1.1万', 11000],
    ['3.5亿', 350000000],
    ['12k', 12000],
    ['12K', 12000],
    ['1.2m', 1200000],
    ['1.2M', 1200000],
    ['2 million', 2000000],
    ['1,234,567.89', 1234567.89],
    ['.5', 0.5],
    ['5000元', 5000],
    ['  42  ', 42],
    // European ways: the currency after the amount, a decimal comma in euros, digits grouped by spaces.
    ['1.000,00 €', 1000],
    ['100 €', 100],
    ['1 234,56 €', 1234.56],
    ['1\u00a0234,56 €', 1234.56],
    ['EUR 12,5', 12.5],
    ['2 000 000', 2000000],
    // Dots that group thousands twice or more read one way only.
    ['1.234.567', 1234567],
    ['€1.234.567', 1234567],
    ['1.234.567,89 €', 1234567.89],
    ['£1,250', 1250],
    ['250$', 250],
  ])('%s → %d', (text, want) => {
    expect(parseMoney(text)).toBe(want);
  });

  test('a lone 0 before groups of three is no grouping: unreadable, not 1', () => {
    for (const text of ['0.000.001', '0,000,001', '€0.000.001'])
      expect(parseMoney(text)).toEqual(fail('bad-money', 'money'));
    expect(parseMoney('0,50 €')).toBe(0.5);
    expect(parseMoney('0.5')).toBe(0.5);
  });

  test('scale applies to bare numbers only', () => {
    expect(parseMoney('680', 10000)).toBe(6800000);
    expect(parseMoney(680, 10000)).toBe(6800000);
    expect(parseMoney(1.1, 10000)).toBe(11000);
    expect(parseMoney('1,234.5', 10000)).toBe(12345000);
    expect(parseMoney('12万', 10000)).toBe(120000);
    expect(parseMoney('5000元', 10000)).toBe(5000);
    expect(parseMoney('12k', 10000)).toBe(12000);
    expect(parseMoney(2.5, 3)).toBe(7.5);
    expect(parseMoney(22700)).toBe(22700);
  });

  test('under a scaled header, 1200元 is as written, and an amount naming a currency reads two ways', () => {
    // 元, 人民币, RMB are words a person types, as written; ¥ is the sign a currency format writes.
    for (const text of ['1200元', '1200块', '1200人民币', '1,200 RMB', 'CNY 1200'])
      expect([text, parseMoney(text, 10000)]).toEqual([text, 1200]);
    // A currency-formatted 万元 column exports ¥1,200 for 1200万: in the header's unit, or as written?
    for (const text of ['¥1,200', '￥1200', '$1,200', '1,200 USD', '1.200,00 €']) {
      expect([text, parseMoney(text, 10000)]).toEqual([text, fail('scaled-currency', 'money')]);
      expect([text, parseMoney(text)]).toEqual([text, 1200]);
    }
    expect(parseMoney('(¥1,200)', 10000)).toEqual(fail('negative-amount', 'money'));
  });

  test('blanks and placeholders', () => {
    expect(parseMoney('')).toBeNull();
    expect(parseMoney(' ')).toBeNull();
    expect(parseMoney(null)).toBeNull();
    expect(parseMoney(undefined)).toBeNull();
    expect(parseMoney('-')).toBeNull();
    expect(parseMoney('—')).toBeNull();
  });

  test.each([
    ['TBD'],
    ['待定'],
    ['about 5k?'],
    ['1,2'],
    ['1,23'],
    ['12.'],
    ['1.2.3'],
    ['45%'],
    ['1 234,56'], // a decimal comma without euros: 1,234.56 or 123,456? no guess
    ['12 34'],
    ['1234 567'], // not a grouping: four digits before the space
    ['--5'],
    ['-(5)'],
    ['5 apples'],
    ['1万2千'],
  ])('bad money: %s', (text) => {
    expect(parseMoney(text)).toEqual(fail('bad-money', 'money'));
  });

  test.each<[Cell]>([
    ['(1,000)'],
    ['($1,000.50)'],
    ['-1,000'],
    ['-$1,000'],
    ['$-1,000'],
    ['−5万'],
    [-500],
    ['-0.5'],
  ])('a negative amount is its own failure, not a value: %s', (cell) => {
    expect(parseMoney(cell, 10000)).toEqual(fail('negative-amount', 'money'));
  });

  test.each([['€1.234'], ['1.234 €'], ['EUR 12.500']])('reads two ways (1234 or 1.234): %s', (text) => {
    expect(parseMoney(text)).toEqual(fail('ambiguous-amount', 'money'));
  });

  test('failures', () => {
    expect(parseMoney('#N/A')).toEqual(fail('error-value', 'money'));
    expect(parseMoney(true)).toEqual(fail('bad-money', 'money'));
    expect(parseMoney(new Date(0))).toEqual(fail('bad-money', 'money'));
    expect(parseMoney(Number.NaN)).toEqual(fail('bad-money', 'money'));
    expect(parseMoney(Number.POSITIVE_INFINITY)).toEqual(fail('bad-money', 'money'));
  });
});

describe('parseNumber and parsePercent', () => {
  test('parseNumber', () => {
    expect(parseNumber(12)).toBe(12);
    expect(parseNumber('12')).toBe(12);
    expect(parseNumber('12.5')).toBe(12.5);
    expect(parseNumber('1,234')).toBe(1234);
    expect(parseNumber('-3')).toBe(-3);
    expect(parseNumber(' +7 ')).toBe(7);
    expect(parseNumber('１２')).toBe(12);
    expect(parseNumber('')).toBeNull();
    expect(parseNumber(null)).toBeNull();
    expect(parseNumber('-')).toBeNull();
    expect(parseNumber('45%')).toEqual(fail('bad-number', 'number'));
    expect(parseNumber('$5')).toEqual(fail('bad-number', 'number'));
    expect(parseNumber('1.234,5')).toEqual(fail('bad-number', 'number'));
    expect(parseNumber('abc')).toEqual(fail('bad-number', 'number'));
    expect(parseNumber(true)).toEqual(fail('bad-number', 'number'));
    expect(parseNumber(Number.NaN)).toEqual(fail('bad-number', 'number'));
    expect(parseNumber('#DIV/0!')).toEqual(fail('error-value', 'number'));
  });

  test('parsePercent', () => {
    expect(parsePercent('45%')).toBe(0.45);
    expect(parsePercent('45 %')).toBe(0.45);
    expect(parsePercent('４５％')).toBe(0.45);
    expect(parsePercent('12.5%')).toBe(0.125);
    expect(parsePercent(45)).toBe(0.45);
    expect(parsePercent(0.45)).toBe(0.45);
    expect(parsePercent('0.45')).toBe(0.45);
    expect(parsePercent('90')).toBe(0.9);
    expect(parsePercent(100)).toBe(1);
    expect(parsePercent(0)).toBe(0);
    expect(parsePercent('0%')).toBe(0);
    expect(parsePercent('')).toBeNull();
    expect(parsePercent(null)).toBeNull();
    expect(parsePercent('150%')).toEqual(fail('bad-percent', 'percent'));
    expect(parsePercent(150)).toEqual(fail('bad-percent', 'percent'));
    expect(parsePercent(-5)).toEqual(fail('bad-percent', 'percent'));
    expect(parsePercent('-5%')).toEqual(fail('bad-percent', 'percent'));
    expect(parsePercent('high')).toEqual(fail('bad-percent', 'percent'));
    expect(parsePercent('#N/A')).toEqual(fail('error-value', 'percent'));
  });

  test('columnPercents: a column with a number above 1 or a % sign writes percents, and its bare 1 is 1%', () => {
    const column = (...cells: Cell[]) => columnPercents([['Probability'], ...cells.map((c) => [c])], 1, 0);
    for (const percents of [column(10, 20, 1, 90), column('0.5', '1 %'), column('#N/A', ' 45 ')]) {
      // Only the bare 1 reads as a percent: a fraction beside a typed 50 is a percent-formatted cell (0.45 = 45%).
      expect([
        percents(1),
        percents('1'),
        percents('0.5'),
        percents(0.45),
        percents('45'),
        percents(''),
      ]).toEqual([0.01, 0.01, 0.5, 0.45, 0.45, null]);
    }
    for (const fractions of [column(0.1, '0.25', 1), column('', 'high', '150', 0), column()]) {
      expect([fractions(1), fractions('0.5'), fractions('45%')]).toEqual([1, 0.5, 0.45]);
    }
  });
});

describe('columnMoney', () => {
  const column = (...cells: Cell[]) => columnMoney([['Amount'], ...cells.map((c) => [c])], 1, 0);
  test('an amount in another currency than most of the column names is a failure; bare numbers are not', () => {
    const money = column('$100', '1,000 USD', '€50', 300, '¥10', 'US$ 5');
    const mixed = fail('mixed-currency', 'money');
    expect(['$100', '1,000 USD', 'US$ 5', 300, '12k', '€50', '¥10', '500元'].map(money)).toEqual([
      100,
      1000,
      5,
      300,
      12000,
      mixed,
      mixed,
      mixed,
    ]);
  });

  test('a tie goes to the currency named first; one currency throughout is never a failure', () => {
    expect(column('€1', '$2', '€3', '$4')('$9')).toEqual(fail('mixed-currency', 'money'));
    const yuan = column('¥1,000', '500元', '3万', '人民币 20');
    expect(['¥1,000', '500元', '1200块'].map(yuan)).toEqual([1000, 500, 1200]);
  });
});

describe('parseMark', () => {
  test.each<[Cell]>([
    [new Date('2026-05-30T00:00:00Z')],
    [true],
    ['TRUE'],
    ['✓'],
    ['✔'],
    ['√'],
    ['☑'],
    ['yes'],
    ['Yes '],
    ['YES'],
    ['y'],
    ['是'],
    ['已'],
    ['done'],
    ['Done'],
    ['完成'],
    ['已完成'],
    ['met'],
    ['ok'],
    ['ＯＫ'],
    ['x'],
    ['X'],
    [1],
    [0.5],
    ['3'],
    ['2026-05-30'],
    ['5/30/2026'],
    ['2026年5月30日'],
    ['15 Apr 2021'],
  ])('met: %p', (cell) => {
    expect(parseMark(cell)).toBe(true);
  });

  test.each<[Cell]>([
    [''],
    ['   '],
    [null],
    [undefined],
    [false],
    ['FALSE'],
    ['no'],
    ['No'],
    ['n'],
    ['否'],
    ['未'],
    ['未完成'],
    ['没有'],
    ['无'],
    ['-'],
    ['—'],
    ['―'],
    ['−'],
    [' -- '],
    ['0'],
    [0],
    [-1],
    ['-2'],
    ['×'],
  ])('not met: %p', (cell) => {
    expect(parseMark(cell)).toBe(false);
  });

  test('failures', () => {
    expect(parseMark('maybe')).toEqual(fail('bad-mark', 'mark'));
    expect(parseMark('待定')).toEqual(fail('bad-mark', 'mark'));
    expect(parseMark('yes!?')).toEqual(fail('bad-mark', 'mark'));
    expect(parseMark('#N/A')).toEqual(fail('error-value', 'mark'));
    expect(parseMark('2023-02-30')).toEqual(fail('impossible-date', 'date'));
    expect(parseMark(new Date(Number.NaN))).toEqual(fail('bad-mark', 'mark'));
    expect(parseMark(Number.NaN)).toEqual(fail('bad-mark', 'mark'));
  });
});

describe('parseBoolean', () => {
  test('yes and no', () => {
    for (const c of ['yes', 'Y', 'true', 'TRUE', '是', '阻塞', '1', 'Blocking'] as Cell[])
      expect(parseBoolean(c)).toBe(true);
    for (const c of ['no', 'N', 'false', '否', '0', '不阻塞'] as Cell[]) expect(parseBoolean(c)).toBe(false);
    expect(parseBoolean(true)).toBe(true);
    expect(parseBoolean(false)).toBe(false);
    expect(parseBoolean(1)).toBe(true);
    expect(parseBoolean(0)).toBe(false);
  });

  test('blank and failures', () => {
    expect(parseBoolean('')).toBeNull();
    expect(parseBoolean(null)).toBeNull();
    expect(parseBoolean(undefined)).toBeNull();
    expect(parseBoolean(' ')).toBeNull();
    expect(parseBoolean('maybe')).toEqual(fail('bad-yes-no', 'yes-no'));
    expect(parseBoolean(2)).toEqual(fail('bad-yes-no', 'yes-no'));
    expect(parseBoolean(new Date(0))).toEqual(fail('bad-yes-no', 'yes-no'));
    expect(parseBoolean('#N/A')).toEqual(fail('error-value', 'yes-no'));
  });
});

describe('isFailure', () => {
  test('tells failures from values', () => {
    expect(isFailure(parseDay('TBD', 'UTC'))).toBe(true);
    expect(isFailure(parseDay('2026-05-30', 'UTC'))).toBe(false);
    expect(isFailure(null)).toBe(false);
    expect(isFailure(new Date(0))).toBe(false);
    expect(isFailure(0)).toBe(false);
  });
});

describe('properties', () => {
  const dateish = fc.string({
    unit: fc.constantFrom(...'0123456789-/.,: 年月日号TZtapmAPM万亿kKm$¥￥€()%#—xX✓是否Apr'.split('')),
    maxLength: 24,
  });
  const cell: fc.Arbitrary<Cell> = fc.oneof(
    fc.string(),
    fc.string({ unit: 'grapheme' }),
    fc.string({ unit: 'binary' }),
    dateish,
    fc.double(),
    fc.integer(),
    fc.boolean(),
    fc.date(),
    fc.constant(new Date(Number.NaN)),
    fc.constant(null),
    fc.constant(undefined),
  );
  const zones = fc.constantFrom('UTC', 'Asia/Shanghai', 'America/Los_Angeles', 'Bad/Zone');

  test('readers never throw and return a value, null or a failure', () => {
    fc.assert(
      fc.property(cell, zones, fc.constantFrom(1, 1000, 10000, 2.5), (c, tz, scale) => {
        const d = parseDay(c, tz);
        expect(d === null || isFailure(d) || (Number.isInteger(d) && d >= -25567 && d <= 84370)).toBe(true);
        const m = parseMoney(c, scale);
        expect(m === null || isFailure(m) || Number.isFinite(m)).toBe(true);
        const k = parseMark(c);
        expect(typeof k === 'boolean' || isFailure(k)).toBe(true);
        const n = parseNumber(c);
        expect(n === null || isFailure(n) || Number.isFinite(n)).toBe(true);
        const p = parsePercent(c);
        expect(p === null || isFailure(p) || (p >= 0 && p <= 1)).toBe(true);
        const b = parseBoolean(c);
        expect(b === null || isFailure(b) || typeof b === 'boolean').toBe(true);
        expect(typeof cellText(c)).toBe('string');
        expect(cellText(c).length).toBeLessThanOrEqual(400);
      }),
      { numRuns: 3000, seed: 20260530 },
    );
  });
});
