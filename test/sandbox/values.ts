// Cell values for the Sheets sandbox: how written input is stored (as Sheets parses typed input), how stored
// values display, Java-style date patterns (Utilities.formatDate) and time-zone arithmetic via Intl.

export type CellValue = string | number | boolean | Date;

interface StoredCell {
  value: CellValue;
  formula: string;
}

/** Realm-independent Date test: values from the vm context are Dates of another realm. */
export function isDate(value: unknown): value is Date {
  return Object.prototype.toString.call(value) === '[object Date]';
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
const BOOLEAN = /^(true|false)$/i;
const ISO_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

/**
 * Stores one written value as Sheets does: null/undefined blank; numbers, booleans and Dates (copied) as they are;
 * a string starting with '=' is a formula (its value is not computed: ''); a leading apostrophe forces text;
 * in a plain-text ('@') cell any string stays text; otherwise a string that reads as a number, TRUE/FALSE or an
 * ISO date (yyyy-mm-dd[ hh:mm[:ss]], in the spreadsheet's time zone) becomes that number, boolean or Date.
 */
export function storeInput(input: unknown, plainText: boolean, timeZone: string): StoredCell {
  if (input === null || input === undefined) return { value: '', formula: '' };
  if (typeof input === 'number' || typeof input === 'boolean') return { value: input, formula: '' };
  if (isDate(input)) return { value: new Date(input.getTime()), formula: '' };
  const text = String(input);
  if (plainText) return { value: text, formula: '' };
  if (text.length > 1 && text.startsWith('=')) return { value: '', formula: text };
  if (text.startsWith("'")) return { value: text.slice(1), formula: '' };
  const trimmed = text.trim();
  if (NUMBER.test(trimmed)) return { value: Number(trimmed), formula: '' };
  if (BOOLEAN.test(trimmed)) return { value: trimmed.toUpperCase() === 'TRUE', formula: '' };
  const iso = ISO_DATE.exec(trimmed);
  if (iso) {
    const [y, mo, d, h, mi, s] = iso.slice(1).map((part) => Number(part ?? 0));
    return { value: new Date(zonedTimeToUtc(y, mo, d, h, mi, s, timeZone)), formula: '' };
  }
  return { value: text, formula: '' };
}

/** What Range.getDisplayValue shows for a stored cell. */
export function displayValue(value: CellValue, numberFormat: string, timeZone: string): string {
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'number') return formatNumber(value, numberFormat);
  if (value instanceof Date) {
    if (isDatePattern(numberFormat)) return formatDate(value, timeZone, sheetsPatternToJava(numberFormat));
    const p = zoneParts(value.getTime(), timeZone);
    return formatDate(value, timeZone, p.hour || p.minute || p.second ? 'yyyy-MM-dd HH:mm:ss' : 'yyyy-MM-dd');
  }
  return value;
}

/** Orders cells as a Sheets sort does (blanks are kept last by the caller): numbers and dates, text, booleans. */
export function compareCells(a: CellValue, b: CellValue): number {
  const rank = (v: CellValue) => (typeof v === 'string' ? 1 : typeof v === 'boolean' ? 2 : 0);
  const diff = rank(a) - rank(b);
  if (diff !== 0) return diff;
  if (typeof a === 'string' && typeof b === 'string') {
    const x = a.toLowerCase();
    const y = b.toLowerCase();
    return x < y ? -1 : x > y ? 1 : 0;
  }
  return Number(a) - Number(b);
}

/** Number formats: '0', '0.00', '#,##0.##', '0%', '$#,##0.00', '"CNY "0.00'; anything else prints String(n). */
function formatNumber(n: number, pattern: string): string {
  const m = /^((?:"[^"]*"|[^#0.,%"])*)([#,0]+)(?:\.([0#]+))?(%?)((?:"[^"]*"|[^#0.,%"])*)$/.exec(pattern);
  if (!m || pattern.includes('#####')) return String(n);
  const [, prefix, integer, decimals = '', percent, suffix] = m;
  const scaled = Math.abs(percent ? n * 100 : n);
  const minDecimals = decimals.replace(/#/g, '').length;
  let text = scaled.toFixed(decimals.length);
  if (decimals.length > minDecimals) {
    const [whole, fraction] = text.split('.');
    const kept = fraction.slice(0, minDecimals) + fraction.slice(minDecimals).replace(/0+$/, '');
    text = kept ? `${whole}.${kept}` : whole;
  }
  let [whole, fraction] = text.split('.');
  if (integer.includes(',')) whole = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const literal = (s: string) => s.replace(/"([^"]*)"/g, '$1');
  const sign = n < 0 && Number(text) !== 0 ? '-' : '';
  return `${sign}${literal(prefix)}${whole}${fraction ? `.${fraction}` : ''}${percent}${literal(suffix)}`;
}

const SHEETS_TOKENS = /"[^"]*"|\\.|am\/pm|a\/p|y+|m+|d+|h+|s+|[\s\S]/gi;

function isDatePattern(pattern: string): boolean {
  return /[ydhs]/i.test(pattern.replace(/"[^"]*"|\\./g, ''));
}

/** Converts a Sheets date format ('yyyy-mm-dd hh:mm', 'd mmm yyyy') to a Java pattern for formatDate. */
function sheetsPatternToJava(pattern: string): string {
  const tokens = pattern.match(SHEETS_TOKENS) ?? [];
  const twelveHour = /am\/pm|a\/p/i.test(pattern);
  const letterAt = (i: number, step: number): string => {
    for (let j = i + step; j >= 0 && j < tokens.length; j += step) {
      if (/^[ymdhs]+$/i.test(tokens[j])) return tokens[j][0].toLowerCase();
    }
    return '';
  };
  return tokens
    .map((token, i) => {
      const lower = token.toLowerCase();
      const n = token.length;
      if (/^y+$/.test(lower)) return n <= 2 ? 'yy' : 'yyyy';
      if (/^m+$/.test(lower)) {
        if (letterAt(i, -1) === 'h' || letterAt(i, 1) === 's') return n === 1 ? 'm' : 'mm';
        return ['M', 'MM', 'MMM'][n - 1] ?? 'MMMM';
      }
      if (/^d+$/.test(lower)) return ['d', 'dd', 'EEE'][n - 1] ?? 'EEEE';
      if (/^h+$/.test(lower)) return (twelveHour ? 'h' : 'H').repeat(Math.min(n, 2));
      if (/^s+$/.test(lower)) return n === 1 ? 's' : 'ss';
      if (lower === 'am/pm' || lower === 'a/p') return 'a';
      const literal = token.startsWith('"')
        ? token.slice(1, -1)
        : token.startsWith('\\')
          ? token.slice(1)
          : token;
      return /[A-Za-z']/.test(literal) ? `'${literal.replace(/'/g, "''")}'` : literal;
    })
    .join('');
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/**
 * Formats like Utilities.formatDate (Java SimpleDateFormat): y M d E u H k h m s S a z Z X and 'quoted' text.
 * Throws on any other pattern letter, as Java does.
 */
export function formatDate(date: Date, timeZone: string, pattern: string): string {
  const p = zoneParts(date.getTime(), timeZone);
  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  const offset = (colon: boolean, zulu: boolean) => {
    if (zulu && p.offsetMinutes === 0) return 'Z';
    const abs = Math.abs(p.offsetMinutes);
    return `${p.offsetMinutes < 0 ? '-' : '+'}${pad(Math.floor(abs / 60), 2)}${colon ? ':' : ''}${pad(abs % 60, 2)}`;
  };
  return pattern.replace(/'([^']*)'|([A-Za-z])\2*/g, (token: string, quoted: string | undefined) => {
    if (quoted !== undefined) return quoted === '' ? "'" : quoted;
    const n = token.length;
    switch (token[0]) {
      case 'y':
        return n === 2 ? pad(p.year % 100, 2) : pad(p.year, n);
      case 'M':
        return n >= 4 ? MONTHS[p.month - 1] : n === 3 ? MONTHS[p.month - 1].slice(0, 3) : pad(p.month, n);
      case 'd':
        return pad(p.day, n);
      case 'E':
        return n >= 4 ? DAYS[p.weekday] : DAYS[p.weekday].slice(0, 3);
      case 'u':
        return pad(p.weekday === 0 ? 7 : p.weekday, n);
      case 'H':
        return pad(p.hour, n);
      case 'k':
        return pad(p.hour === 0 ? 24 : p.hour, n);
      case 'h':
        return pad(p.hour % 12 === 0 ? 12 : p.hour % 12, n);
      case 'm':
        return pad(p.minute, n);
      case 's':
        return pad(p.second, n);
      case 'S':
        return pad(p.millisecond, n);
      case 'a':
        return p.hour < 12 ? 'AM' : 'PM';
      case 'z':
        return p.zoneName;
      case 'Z':
        return offset(false, false);
      case 'X':
        return n === 1 ? offset(false, true).slice(0, 3) : offset(n >= 3, true);
      default:
        throw new Error(`Illegal pattern character '${token[0]}'`);
    }
  });
}

interface ZoneParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  /** 0 = Sunday. */
  weekday: number;
  offsetMinutes: number;
  zoneName: string;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** A formatter for the zone; unknown zones fall back to GMT, as Java's TimeZone does. */
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    try {
      formatter = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
        weekday: 'short',
        timeZoneName: 'short',
      });
    } catch {
      formatter = formatterFor('UTC');
    }
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The wall-clock fields of an instant in a time zone. */
function zoneParts(time: number, timeZone: string): ZoneParts {
  const fields: Record<string, string> = {};
  for (const part of formatterFor(timeZone).formatToParts(time)) fields[part.type] = part.value;
  const millisecond = ((time % 1000) + 1000) % 1000;
  const [year, month, day, hour, minute, second] = ['year', 'month', 'day', 'hour', 'minute', 'second'].map(
    (k) => Number(fields[k]),
  );
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  return {
    year,
    month,
    day,
    hour,
    minute,
    second,
    millisecond,
    weekday: DAYS.findIndex((d) => d.startsWith(fields.weekday)),
    offsetMinutes: Math.round((wall - (time - millisecond)) / 60000),
    zoneName: fields.timeZoneName,
  };
}

/** The instant at which a wall-clock time occurs in a time zone. */
function zonedTimeToUtc(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  timeZone: string,
): number {
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  const first = wall - zoneParts(wall, timeZone).offsetMinutes * 60000;
  return wall - zoneParts(first, timeZone).offsetMinutes * 60000;
}
