// Reading cell values. Every failure is a value (a ParseFailure), never a throw and never a guess.
// Convention: T = the value, null = blank, ParseFailure = could not read it.
import { dayFromSerial, dayFromYMD, dayOfDate, digitRun, inDayRange, isoPrefix, runValue } from './days';
import { errorValue, isDateObject, plainText } from './normalize';
import type { Cell, Day, Grid, IssueCode } from './types';

export type ParseFailure = { fail: IssueCode; expected: string };

export function isFailure(x: unknown): x is ParseFailure {
  return typeof x === 'object' && x !== null && typeof (x as { fail?: unknown }).fail === 'string';
}

function failure(fail: IssueCode, expected: string): ParseFailure {
  return Object.freeze({ fail, expected }) as ParseFailure;
}

/** The failures of one kind of value: text that cannot be read as one, and a spreadsheet error value. */
interface Failures {
  bad: ParseFailure;
  error: ParseFailure;
}

function failures(fail: IssueCode, expected: string): Failures {
  return { bad: failure(fail, expected), error: failure('error-value', expected) };
}

// Shared, frozen failures: no allocation per bad cell.
const DATE = failures('bad-date', 'date');
const IMPOSSIBLE_DATE = failure('impossible-date', 'date');
const MONEY = failures('bad-money', 'money');
const NEGATIVE_MONEY = failure('negative-amount', 'money');
const AMBIGUOUS_MONEY = failure('ambiguous-amount', 'money');
const SCALED_CURRENCY = failure('scaled-currency', 'money');
const MIXED_CURRENCY = failure('mixed-currency', 'money');
/** The currencies MONEY_RE names, each as its signs, codes and words ('$' and its words are one). */
const CURRENCIES =
  '$ usd us$ dollar dollars 美元|¥ rmb cny 元 块 人民币|€ eur 欧元|£ gbp|hk$ hkd|a$ aud|c$ cad|s$ sgd|nt$|r$|jpy|chf|₩|₹';
/** Each sign, code or word by its currency (its group in CURRENCIES), made on first use, not at bundle load. */
let currencyNames: Map<string, string> | null = null;
function currencies(): Map<string, string> {
  currencyNames ??= new Map(
    CURRENCIES.split('|').flatMap((group) => group.split(' ').map((name) => [name, group])),
  );
  return currencyNames;
}
const NUMBER = failures('bad-number', 'number');
const PERCENT = failures('bad-percent', 'percent');
const MARK = failures('bad-mark', 'mark');
const YES_NO = failures('bad-yes-no', 'yes-no');

/** Text that means "nothing here" in a value column. */
const PLACEHOLDERS = new Set(['-', '--', '—', '——', '–', '―', '−']);

/**
 * The prepared text of a value cell: null when blank or a placeholder, the kind's error failure for '#N/A'
 * and the like, its bad failure for a cell that is neither text nor blank (each parser reads numbers and
 * booleans first).
 */
function valueText(cell: Cell, kind: Failures): string | null | ParseFailure {
  if (typeof cell !== 'string') return cell === null || cell === undefined ? null : kind.bad;
  if (cell.length === 0) return null;
  const s = plainText(cell);
  if (s.length === 0 || PLACEHOLDERS.has(s)) return null;
  return s.charCodeAt(0) === 35 && errorValue(s) !== null ? kind.error : s;
}

// ---- dates ----

const TIME_REST =
  /^(?:\s*t\s*|\s+|\s*,\s*)\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d{1,9})?)?\s*(?:[ap]\.?m\.?)?\s*(?:z|utc|gmt|[+-]\d{2}(?::?\d{2})?)?$/i;
const CJK_RE = /^(\d{4})\s*年\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*[日号]?)?(.*)$/;
const D_MON_Y_RE =
  /^(?:([a-z]+)\.?,?\s+)?(\d{1,2})(?:st|nd|rd|th)?(?:\s+|\s*[-/.]\s*)([a-z]+)\.?(?:\s*,\s*|\s+|\s*[-/.]\s*)(\d{4}|\d{2})(?![\d])(.*)$/i;
const MON_D_Y_RE =
  /^(?:([a-z]+)\.?,?\s+)?([a-z]+)\.?(?:\s+|\s*[-/.]\s*)(\d{1,2})(?:st|nd|rd|th)?(?:\s*,\s*|\s+|\s*[-/.]\s*)(\d{4})(?![\d])(.*)$/i;
const PLAIN_RE = /^\d+(?:\.\d+)?$/;
const LINE_BREAK = /[\n\r\u2028\u2029]/;

/** English month names and their first three letters (and 'sept'), lower case (a Map: no 'constructor'). */
const MONTHS = new Map<string, number>([['sept', 9]]);
'january|february|march|april|may|june|july|august|september|october|november|december'
  .split('|')
  .forEach((name, i) => {
    MONTHS.set(name, i + 1).set(name.slice(0, 3), i + 1);
  });
const WEEKDAYS = new Set(['tues', 'thur', 'thurs']);
for (const name of 'monday|tuesday|wednesday|thursday|friday|saturday|sunday'.split('|')) {
  WEEKDAYS.add(name).add(name.slice(0, 3));
}

/** Nothing, or a time after a date (never with a line break, which the date regexes' '(.*)$' refuse too). */
function restOk(rest: string): boolean {
  return rest.length === 0 || (TIME_REST.test(rest) && !LINE_BREAK.test(rest));
}

/** A year as written with that many digits: two digits are 1970..2069. */
function fullYear(n: number, digits: number): number {
  if (digits !== 2) return n;
  return n < 70 ? 2000 + n : 1900 + n;
}

function ymd(y: number, m: number, d: number): Day | ParseFailure {
  return dayFromYMD(y, m, d) ?? IMPOSSIBLE_DATE;
}

/** Fast path: 'YYYY-MM-DD' optionally followed by a time. */
function isoFast(s: string): Day | ParseFailure | undefined {
  const day = isoPrefix(s);
  if (day === undefined) return undefined;
  if (s.length > 10 && !restOk(s.slice(10))) return DATE.bad;
  return day ?? IMPOSSIBLE_DATE;
}

/** Which number comes first in a date such as 03/04/2026 that reads both ways: the month, or the day. */
export type DateOrder = 'mdy' | 'dmy';

/**
 * Dates of three digit groups with one separator kind, read without regexes, optionally followed by a time:
 * 'YYYY/M/D', 'M/D/YYYY', 'D-M-YYYY' and 'D.M.YY'. A date that reads only one way is read that way (13/02 is
 * day first); one that reads both ways follows `order` (the column's, see dateOrder), else '/' is month
 * first and '-' and '.' day first. Undefined when s does not start with digits, a separator and a digit;
 * any other text of that start is a failure.
 */
function numericDate(s: string, order?: () => DateOrder | null): Day | ParseFailure | undefined {
  const la = digitRun(s, 0);
  const a = runValue;
  const sep = s.charCodeAt(la);
  if (sep !== 47 && sep !== 45 && sep !== 46) return undefined;
  const bEnd = digitRun(s, la + 1);
  const b = runValue;
  const lb = bEnd - la - 1;
  if (lb === 0) return undefined;
  if (lb > 2 || s.charCodeAt(bEnd) !== sep) return DATE.bad;
  const end = digitRun(s, bEnd + 1);
  const c = runValue;
  const lc = end - bEnd - 1;
  if (end < s.length && !restOk(s.slice(end))) return DATE.bad;
  if (la === 4 && lc >= 1 && lc <= 2) return ymd(a, b, c);
  if (la > 2 || (lc !== 4 && lc !== 2)) return DATE.bad;
  if (lc === 2 && sep === 45) return DATE.bad; // 'NN-NN-NN' could be year first: no guess
  const y = fullYear(c, lc);
  if (a > 12 || b > 12) return a > 12 ? ymd(y, b, a) : ymd(y, a, b);
  return (order?.() ?? (sep === 47 ? 'mdy' : 'dmy')) === 'mdy' ? ymd(y, a, b) : ymd(y, b, a);
}

/**
 * The order a column's dates are written in, from those that read only one way: day first when some have a
 * first number over 12 and none a second, month first the other way round, null when they do not tell (or
 * contradict each other). Rows from `from` of column `col` are looked at.
 */
function dateOrder(grid: Grid, from: number, col: number): DateOrder | null {
  let dayFirst = false;
  let monthFirst = false;
  for (let r = from; r < grid.length; r++) {
    const s = grid[r]?.[col];
    if (typeof s !== 'string') continue;
    const la = digitRun(s, 0);
    const a = runValue;
    const sep = s.charCodeAt(la);
    if (la === 0 || la > 2 || (sep !== 47 && sep !== 45 && sep !== 46)) continue;
    const bEnd = digitRun(s, la + 1);
    if (bEnd === la + 1 || s.charCodeAt(bEnd) !== sep) continue;
    if (a > 12) dayFirst = true;
    else if (runValue > 12) monthFirst = true;
  }
  return dayFirst === monthFirst ? null : dayFirst ? 'dmy' : 'mdy';
}

function serialDay(n: number): Day | ParseFailure {
  return Number.isFinite(n) ? (dayFromSerial(n) ?? IMPOSSIBLE_DATE) : DATE.bad;
}

function parseDayText(raw: string, order?: () => DateOrder | null): Day | null | ParseFailure {
  const fast = isoFast(raw);
  if (fast !== undefined) return fast;
  const s = valueText(raw, DATE);
  if (typeof s !== 'string') return s;
  const again = s === raw ? undefined : isoFast(s);
  if (again !== undefined) return again;

  const c0 = s.charCodeAt(0);
  if (c0 >= 48 && c0 <= 57) {
    if (PLAIN_RE.test(s)) {
      // 'YYYYMMDD' when it reads as a valid date, else an Excel serial typed as text.
      if (s.length === 8) {
        const d = dayFromYMD(+s.slice(0, 4), +s.slice(4, 6), +s.slice(6, 8));
        if (d !== null) return d;
      }
      return serialDay(+s);
    }
    const quick = numericDate(s, order);
    if (quick !== undefined) return quick;
    const m = CJK_RE.exec(s);
    if (m) return restOk(m[4]) ? ymd(+m[1], +m[2], m[3] === undefined ? 1 : +m[3]) : DATE.bad;
  }
  // Day or month first, after a weekday or not: '15 Apr 2021', 'Thu, 15 Apr 2021', 'April 15th, 2021'.
  let m = D_MON_Y_RE.exec(s);
  const dayFirst = m !== null;
  if (!dayFirst) m = MON_D_Y_RE.exec(s);
  if (m === null) return DATE.bad;
  const mo = MONTHS.get((dayFirst ? m[3] : m[2]).toLowerCase());
  if (mo === undefined || (m[1] !== undefined && !WEEKDAYS.has(m[1].toLowerCase())) || !restOk(m[5]))
    return DATE.bad;
  return ymd(fullYear(+m[4], m[4].length), mo, +(dayFirst ? m[2] : m[3]));
}

/**
 * The order of each column whose dates tell one (dateOrder), by column index: what a reader of fewer rows
 * (the sidebar's one row, a one-row formula) goes by. Rows from `from` of `grid` are looked at.
 */
export function dateOrders(grid: Grid, from: number): Record<number, DateOrder> {
  const out: Record<number, DateOrder> = {};
  let width = 0;
  for (let r = from; r < grid.length; r++) width = Math.max(width, grid[r]?.length ?? 0);
  for (let c = 0; c < width; c++) {
    const order = dateOrder(grid, from, c);
    if (order) out[c] = order;
  }
  return out;
}

/** A day parser for a column (see columnDays). */
type DayParser = (cell: Cell) => Day | null | ParseFailure;

/**
 * Day parsers by column for a grid whose data starts at row `from`: a date of a column that reads both ways
 * follows the column's order (dateOrder), worked out the first time such a date is met (ISO text and date
 * cells never need it), else the order `known` gives for it (from more of the tab than a reader of one row
 * has: see dateOrders). One parser a column, made on first request.
 */
export function columnDays(
  grid: Grid,
  from: number,
  timeZone: string,
  known: Readonly<Record<number, DateOrder>> = {},
): (col?: number) => DayParser {
  const parsers = new Map<number, DayParser>();
  return (col = -1) => {
    let parse = parsers.get(col);
    if (!parse) {
      let order: DateOrder | null | undefined;
      const orderOf = () => {
        if (order === undefined) order = dateOrder(grid, from, col) ?? known[col] ?? null;
        return order;
      };
      parse = (cell) => parseDay(cell, timeZone, orderOf);
      parsers.set(col, parse);
    }
    return parse;
  };
}

/**
 * A calendar day from a cell: Date objects (civil date in timeZone), numbers as Excel serials, and text
 * in the formats of PRODUCT 1.1 (ISO with optional time, Y/M/D, M/D/Y, D-M-Y and D.M.Y (`order`, when
 * given, settles which of day and month comes first where both readings work: see numericDate), English
 * month names, 2026年5月30日, 2026年5月, serials as text). A time of day is ignored; the civil date is taken
 * as written.
 */
export function parseDay(
  cell: Cell,
  timeZone: string,
  order?: () => DateOrder | null,
): Day | null | ParseFailure {
  if (typeof cell === 'string') return parseDayText(cell, order);
  if (typeof cell === 'number') return serialDay(cell);
  if (cell === null || cell === undefined) return null;
  if (isDateObject(cell)) {
    const t = cell.getTime();
    if (Number.isNaN(t)) return DATE.bad;
    // Far outside 1900..2200 whatever the zone: no need to ask Intl.
    if (t < -2209161600000 || t > 7289740800000) return IMPOSSIBLE_DATE;
    const day = dayOfDate(cell, timeZone);
    return inDayRange(day) ? day : IMPOSSIBLE_DATE;
  }
  return DATE.bad;
}

// ---- numbers and money ----

const FRACTION_RE = /^\.\d+$/;
// A first group of digits is never a lone 0 ('0,000,001' and '0.000.001' are no grouping).
const THOUSANDS_RE = /^[1-9]\d{0,2}(?:,\d{3})+(?:\.\d+)?$/;
/** Dots grouping thousands: before a decimal comma ('1.234,50'), or two groups or more ('1.234.567'). */
const EURO_RE = /^[1-9]\d{0,2}(?:(?:\.\d{3})+,\d{1,2}|(?:\.\d{3}){2,})$/;
const DECIMAL_COMMA_RE = /^\d+,\d{1,2}$/;
const MONEY_RE =
  /^([+\-−]?)\s*(us\$|hk\$|nt\$|a\$|c\$|s\$|r\$|\$|¥|€|£|₩|₹|rmb|cny|usd|eur|gbp|hkd|jpy|aud|cad|sgd|chf)?\s*([+\-−]?)\s*(\d[\d,.]*|\.\d+)\s*(百万|千万|万|亿|千|million|billion|thousand|mm|bn|k|m|b)?\s*(元|块|人民币|美元|欧元|€|£|\$|rmb|cny|usd|eur|gbp|hkd|jpy|aud|cad|sgd|chf|dollars?)?$/;
const NUMBER_RE = /^([+\-−]?)\s*(\d[\d,.]*|\.\d+)$/;
const EURO_AMBIGUOUS_RE = /^\d{1,3}\.\d{3}$/;
/** Digits grouped by spaces ("1 234 567", no-break and narrow spaces too), as French and Russian write them. */
const SPACE_GROUPS = /(?<![\d.,])\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?!\d)/g;
const SPACES = /[ \u00a0\u202f]/g;
const LATIN_RE = /^[a-z]+$/;
const COMMAS = /,/g;
const DOTS = /\./g;

const MULTIPLIER_EXP: Record<string, number> = {
  万: 4,
  亿: 8,
  千: 3,
  百万: 6,
  千万: 7,
  k: 3,
  thousand: 3,
  m: 6,
  mm: 6,
  million: 6,
  b: 9,
  bn: 9,
  billion: 9,
};

/**
 * Plain decimal text of a number body ('1,234.5' → '1234.5'), or null when the grouping is not clear.
 * `decimalComma`: a comma before one or two last digits is the decimal point ('12,5万', '1234,56 €').
 */
function numberBody(body: string, decimalComma: boolean): string | null {
  if (PLAIN_RE.test(body)) return body;
  if (FRACTION_RE.test(body)) return `0${body}`;
  if (THOUSANDS_RE.test(body)) return body.replace(COMMAS, '');
  if (EURO_RE.test(body)) return body.replace(DOTS, '').replace(',', '.');
  if (decimalComma && DECIMAL_COMMA_RE.test(body)) return body.replace(',', '.');
  return null;
}

/** Powers of ten by exponent, for scales read as a shift of the decimal point. */
const TENS = [1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000, 1000000000];

/** n × 10^exp without binary noise (1.1 × 10^4 is 11000, not 11000.000000000002). */
function shift(text: string, exp: number): number {
  return exp === 0 ? +text : +`${text}e${exp}`;
}

function scaleNumber(n: number, scale: number): number {
  // Most money columns have no scale: no text made per cell for them.
  if (scale === 1) return n;
  const t = String(n);
  // Exponent notation cannot take another exponent.
  return t.includes('e') ? n * scale : shiftOrScale(t, scale);
}

function finiteOr(v: number, bad: ParseFailure): number | ParseFailure {
  return Number.isFinite(v) ? v : bad;
}

function isMinus(sign: string): boolean {
  return sign === '-' || sign === '−';
}

/**
 * Money from a cell. Numbers and bare numeric text are multiplied by scale (10000 under a 万元 header);
 * text with a multiplier (万, 亿, k, m…) or the unit 元 ignores scale, and a currency sign or code under a
 * scale is a failure of its own (in the header's unit or not?). Which currency is not looked at. A negative amount ('-1,000', '(1,000)') is a failure of its own, no deal's value; '-' and '—'
 * are placeholders (null).
 */
export function parseMoney(
  cell: Cell,
  scale = 1,
  currency?: (name: string) => boolean,
): number | null | ParseFailure {
  if (typeof cell === 'number')
    return cell < 0 ? NEGATIVE_MONEY : finiteOr(scaleNumber(cell, scale), MONEY.bad);
  if (typeof cell === 'string' && PLAIN_RE.test(cell)) return finiteOr(shiftOrScale(cell, scale), MONEY.bad);
  let s = valueText(cell, MONEY);
  if (typeof s !== 'string') return s;
  let negative = false;
  if (s.charCodeAt(0) === 40 /* ( */ && s.charCodeAt(s.length - 1) === 41 /* ) */) {
    negative = true;
    s = s.slice(1, -1).trim();
  }
  const m = MONEY_RE.exec(s.toLowerCase().replace(SPACE_GROUPS, (g) => g.replace(SPACES, '')));
  // At most one sign: before the currency, after it, or parentheses.
  if (!m || (m[1] && m[3]) || (negative && (m[1] || m[3]))) return MONEY.bad;
  const mult = m[5];
  const euro = m[2] === '€' || m[2] === 'eur' || m[6] === '€' || m[6] === 'eur' || m[6] === '欧元';
  // A decimal comma is read after a Chinese multiplier (12,5万) or in euros (1234,56 €), where it is the custom.
  const body = numberBody(m[4], euro || (mult !== undefined && !LATIN_RE.test(mult)));
  if (body === null) return MONEY.bad;
  // '€1.234' may be 1234 (European grouping) or 1.234: no guess.
  if (euro && EURO_AMBIGUOUS_RE.test(m[4])) return AMBIGUOUS_MONEY;
  if (isMinus(m[1]) || isMinus(m[3])) negative = !negative;
  const named = m[2] || m[6];
  const group = named ? currencies().get(named) : undefined;
  if (named && currency && !currency(group ?? named)) return MIXED_CURRENCY;
  // Scale is for bare numbers: '1200元' says yuan. A currency sign under a scaled header ('¥1,200' under 万元,
  // as a currency-formatted 万元 column exports) may be in the header's unit or not: no guess.
  const unit = named !== '¥' && group !== undefined && group === currencies().get('元'); // 元, 人民币, RMB: not a format's sign
  if (scale !== 1 && mult === undefined && !unit && (m[2] || m[6]))
    return negative ? NEGATIVE_MONEY : SCALED_CURRENCY;
  const v = mult !== undefined ? shift(body, MULTIPLIER_EXP[mult]) : unit ? +body : shiftOrScale(body, scale);
  if (!Number.isFinite(v)) return MONEY.bad;
  return negative && v !== 0 ? NEGATIVE_MONEY : v;
}

function shiftOrScale(text: string, scale: number): number {
  const exp = TENS.indexOf(scale);
  return exp >= 0 ? shift(text, exp) : +text * scale;
}

/** The value of number text ('12', '-1,234.5'; a sign only when signed), NaN when it is none. */
function numberText(s: string, signed: boolean): number {
  const m = NUMBER_RE.exec(s);
  if (!m || (m[1] && !signed)) return Number.NaN;
  const body = numberBody(m[2], false);
  if (body === null || EURO_RE.test(m[2])) return Number.NaN;
  const v = +body;
  return isMinus(m[1]) ? -v : v;
}

/** A plain number: numbers, '12', '-12.5', '1,234'. Percent signs and currency are failures here. */
export function parseNumber(cell: Cell): number | null | ParseFailure {
  if (typeof cell === 'number') return finiteOr(cell, NUMBER.bad);
  if (typeof cell === 'string' && PLAIN_RE.test(cell)) return finiteOr(+cell, NUMBER.bad);
  const s = valueText(cell, NUMBER);
  return typeof s === 'string' ? finiteOr(numberText(s, true), NUMBER.bad) : s;
}

/**
 * n as a fraction when 0..100 (NaN is not): a percent, or a number above 1, is divided by 100; a bare 1 too
 * when its column writes percents (`percents`, asked for any number from 0 to 1, which tells nothing of its
 * column). Other fractions stay fractions: a percent-formatted cell arrives as 0.45 beside a typed 50.
 */
function fraction(n: number, percent: boolean, percents?: () => boolean): number | ParseFailure {
  if (!(n >= 0 && n <= 100)) return PERCENT.bad;
  return percent || n > 1 || (percents?.() && n === 1) ? n / 100 : n;
}

/**
 * A fraction 0..1: '45%' → 0.45, 45 → 0.45 (numbers above 1 are percents), 0.45 → 0.45, and 1 → 1, or 0.01
 * when `percents` says the column writes percents (see columnPercents).
 */
export function parsePercent(cell: Cell, percents?: () => boolean): number | null | ParseFailure {
  if (typeof cell === 'number') return fraction(cell, false, percents);
  let s = valueText(cell, PERCENT);
  if (typeof s !== 'string') return s;
  const percent = s.charCodeAt(s.length - 1) === 37; // ends with '%'
  if (percent) s = s.slice(0, -1).trim();
  return fraction(numberText(s, false), percent, percents);
}

/**
 * The money parser of column `col` of `grid` (rows from `from`, amounts scaled by `scale`): parseMoney, where an
 * amount naming a currency other than the one most of the column's amounts name is a failure, since adding
 * dollars to euros makes a sum that means nothing. The column is looked at once, when a currency first shows,
 * for the first currency name in each text (longest names first), not read as an amount.
 */
export function columnMoney(
  grid: Grid,
  from: number,
  col = -1,
  scale = 1,
): (cell: Cell) => number | null | ParseFailure {
  let main: string | undefined;
  const counts = new Map<string, number>();
  const isMain = (name: string) => {
    if (main === undefined) {
      const names = [...currencies().keys()].sort((a, b) => b.length - a.length);
      const scan = new RegExp(names.map((n) => n.replace(/\$/g, '\\$')).join('|'));
      for (let r = from; r < grid.length; r++) {
        const cell = grid[r]?.[col];
        const found = typeof cell === 'string' ? scan.exec(plainText(cell).toLowerCase()) : null;
        const currency = found && currencies().get(found[0]);
        if (currency) counts.set(currency, (counts.get(currency) ?? 0) + 1);
      }
      main = [...counts].reduce((a, b) => (b[1] > a[1] ? b : a), ['', 0])[0];
    }
    return name === main;
  };
  return (cell) => parseMoney(cell, scale, isMain);
}

/**
 * The probability parser of column `col` of `grid` (rows from `from`): parsePercent, where a number from 0 to 1
 * is a percent when the column writes percents, that is when some cell of it reads as a percent by itself
 * ('45%', 45): its bare 1 is then 1% (10, 20, 1, 90), not 100%. The column is looked at once, when first asked.
 */
export function columnPercents(
  grid: Grid,
  from: number,
  col = -1,
): (cell: Cell) => number | null | ParseFailure {
  let percents: boolean | undefined;
  let bare = false;
  /** Asked by parsePercent only for a number from 0 to 1, which tells nothing. */
  const tellsNothing = () => {
    bare = true;
    return false;
  };
  const writesPercents = () => {
    if (percents === undefined) {
      percents = false;
      for (let r = from; r < grid.length && !percents; r++) {
        bare = false;
        percents = typeof parsePercent(grid[r]?.[col], tellsNothing) === 'number' && !bare;
      }
    }
    return percents;
  };
  return (cell) => parsePercent(cell, writesPercents);
}

// ---- marks and yes/no ----

/** Words (separated by '|') read as true, then those read as false. */
function wordMap(yes: string, no: string): Map<string, boolean> {
  const map = new Map<string, boolean>();
  for (const word of yes.split('|')) map.set(word, true);
  for (const word of no.split('|')) map.set(word, false);
  return map;
}

const MARK_WORDS = wordMap(
  '✓|✔|√|☑|✅|☑\ufe0f|✔\ufe0f|yes|y|true|是|是的|已|有|对|done|完成|已完成|达成|已达成|确认|已确认|met|ok|okay|confirmed|checked|x',
  'no|n|false|否|未|未完成|未达成|未确认|没有|无|0|×|✗|✘|☐|not met|not yet',
);

/**
 * Whether an element or commitment is met (PRODUCT 1.1): a Date, TRUE, ✓/✔/√, yes/是/已/done/完成, 'x',
 * a positive number or any date text is met; blank, FALSE, no/否/未, '-', 0 and negatives are not.
 * Anything else is a failure (a date-like text that is impossible reports impossible-date).
 */
export function parseMark(cell: Cell): boolean | ParseFailure {
  if (cell === null || cell === undefined) return false;
  if (typeof cell === 'boolean') return cell;
  if (typeof cell === 'number') return Number.isNaN(cell) ? MARK.bad : cell > 0;
  if (typeof cell === 'string') {
    // An empty cell, the commonest mark of all (criteria not met yet), before any look-up.
    if (cell.length === 0) return false;
    const direct = MARK_WORDS.get(cell);
    if (direct !== undefined) return direct;
    // Blank and placeholders ('-', '―', '−'…) are not met, as every value parser reads them as blank.
    const s = valueText(cell, MARK);
    if (s === null) return false;
    if (typeof s !== 'string') return s;
    const lower = s.toLowerCase();
    const mark = MARK_WORDS.get(lower);
    if (mark !== undefined) return mark;
    const n = numberText(lower, true);
    if (Number.isFinite(n)) return n > 0;
    // Date text (every failure is one of the shared constants).
    const d = parseDayText(s);
    if (typeof d === 'number') return true;
    return d === IMPOSSIBLE_DATE ? d : MARK.bad;
  }
  if (isDateObject(cell)) return Number.isNaN(cell.getTime()) ? MARK.bad : true;
  return MARK.bad;
}

const YES_NO_WORDS = wordMap(
  'yes|y|true|1|是|是的|阻塞|blocking|blocker|✓|✔|√|x',
  'no|n|false|0|否|不是|不阻塞|非阻塞|non-blocking|nonblocking|not blocking|×|✗',
);

/** Yes/no columns such as "blocking": yes/y/true/是/阻塞/1 vs no/n/false/否/0; blank (or '-') → null. */
export function parseBoolean(cell: Cell): boolean | null | ParseFailure {
  if (typeof cell === 'boolean') return cell;
  if (typeof cell === 'number') return cell === 1 ? true : cell === 0 ? false : YES_NO.bad;
  const s = valueText(cell, YES_NO);
  return typeof s === 'string' ? (YES_NO_WORDS.get(s.toLowerCase()) ?? YES_NO.bad) : s;
}
