// Calendar days as integers (days since 1970-01-01, civil date) and the few conversions core needs.
// Pure: no clock. The only service used is Intl.DateTimeFormat, one cached instance per time zone.
import type { Day } from './types';

const DAY_MS = 86400000;
/** 1900-01-01 and 2200-12-31: the range of days core accepts from data. */
const MIN_DAY = -25567;
const MAX_DAY = 84370;

// ---- civil calendar (H. Hinnant's algorithms), results in module scratch to avoid allocations ----

let cy = 1970;
let cm = 1;
let cd = 1;

function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const mp = m > 2 ? m - 3 : m + 9;
  const doy = Math.floor((153 * mp + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function civil(day: number): void {
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  cd = doy - Math.floor((153 * mp + 2) / 5) + 1;
  cm = mp < 10 ? mp + 3 : mp - 9;
  cy = yoe + era * 400 + (cm <= 2 ? 1 : 0);
}

/** The day of a civil date; null when impossible (2023-02-30, month 13, year outside 1900..2200). */
export function dayFromYMD(y: number, m: number, d: number): Day | null {
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d)) return null;
  if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1) return null;
  const day = daysFromCivil(y, m, d);
  // Every month has 28 days. A later day the month does not have runs over into the next: read back, it differs.
  if (d <= 28) return day;
  civil(day);
  return cd === d ? day : null;
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

function pad4(n: number): string {
  return n < 0 ? String(n) : String(n).padStart(4, '0');
}

/** 'YYYY-MM-DD'. */
export function isoOfDay(day: Day): string {
  civil(day);
  return `${pad4(cy)}-${pad2(cm)}-${pad2(cd)}`;
}

/** The value of the ASCII digits of a string from some index on, set by digitRun. */
export let runValue = 0;

/** Where the run of ASCII digits of s starting at i ends; their value in runValue. */
export function digitRun(s: string, i: number): number {
  runValue = 0;
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) break;
    runValue = runValue * 10 + c;
  }
  return i;
}

/**
 * The day of the 'YYYY-MM-DD' that s starts with when no digit follows it: null when impossible (2023-02-30),
 * undefined when s does not start that way.
 */
export function isoPrefix(s: string): Day | null | undefined {
  if (s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || digitRun(s, 0) !== 4) return undefined;
  const y = runValue;
  if (digitRun(s, 5) !== 7) return undefined;
  const m = runValue;
  if (digitRun(s, 8) !== 10) return undefined;
  return dayFromYMD(y, m, runValue);
}

/** Strict 'YYYY-MM-DD' (nothing before or after); null otherwise or when impossible. */
export function dayFromIso(s: string): Day | null {
  return typeof s === 'string' && s.length === 10 ? (isoPrefix(s) ?? null) : null;
}

// ---- time zones ----

interface ZoneDay {
  /** Offset (ms, local - UTC) at the start of this UTC day. */
  a: number;
  /** Offset at the start of the next UTC day. */
  b: number;
  /** First instant (ms) with offset b when a !== b. */
  t: number;
}

interface ZoneState {
  fmt: Intl.DateTimeFormat | null;
  days: Map<number, ZoneDay>;
  /**
   * The offset of each UTC day from MIN_DAY - 1 to MAX_DAY + 1 that has a single offset all day, NaN
   * until asked (or when the day holds a transition): a sheet's dates are read with one array read each
   * instead of a Map look-up. Made on the zone's first question.
   */
  steady: Float64Array | null;
}

/** First UTC day of ZoneState.steady: a day before MIN_DAY, for local days that start the UTC day before. */
const STEADY_FROM = MIN_DAY - 1;
const STEADY_LENGTH = MAX_DAY + 2 - STEADY_FROM;

const zones = new Map<string, ZoneState>();
let lastZoneName = '';
let lastZone: ZoneState | null = null;

function zoneState(tz: string): ZoneState {
  if (tz === lastZoneName && lastZone) return lastZone;
  let st = zones.get(tz);
  if (!st) {
    let fmt: Intl.DateTimeFormat | null = null;
    try {
      fmt = new Intl.DateTimeFormat('en-US', {
        timeZone: tz,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      // An unknown zone name (fmt stays null): read instants as UTC rather than fail on every cell.
    }
    st = { fmt, days: new Map(), steady: null };
    zones.set(tz, st);
  }
  lastZoneName = tz;
  lastZone = st;
  return st;
}

/** Offset (ms) of the zone at instant t (whole seconds), straight from Intl. */
function intlOffset(fmt: Intl.DateTimeFormat, t: number): number {
  const ts = Math.floor(t / 1000) * 1000;
  const f: Record<string, number> = {};
  for (const p of fmt.formatToParts(ts)) f[p.type] = +p.value;
  const seconds =
    daysFromCivil(f.year, f.month, f.day) * 86400 + (f.hour % 24) * 3600 + f.minute * 60 + f.second;
  return seconds * 1000 - ts;
}

function zoneDay(st: ZoneState, fmt: Intl.DateTimeFormat, day: number): ZoneDay {
  let zd = st.days.get(day);
  if (!zd) {
    const start = day * DAY_MS;
    const prev = st.days.get(day - 1);
    const a = prev ? prev.b : intlOffset(fmt, start);
    const next = st.days.get(day + 1);
    const b = next ? next.a : intlOffset(fmt, start + DAY_MS);
    let t = start;
    if (a !== b) {
      // One transition inside this UTC day: find it to the second.
      let lo = start;
      let hi = start + DAY_MS;
      while (hi - lo > 1000) {
        const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
        if (intlOffset(fmt, mid) === a) lo = mid;
        else hi = mid;
      }
      t = hi;
    }
    zd = { a, b, t };
    st.days.set(day, zd);
  }
  return zd;
}

/** Offset (ms, local minus UTC) of the zone at instant t; UTC by name without asking Intl. */
function zoneOffset(t: number, tz: string): number {
  if (tz === 'UTC' || tz === 'Etc/UTC' || tz === 'GMT' || tz === 'Etc/GMT' || tz === '') return 0;
  const st = zoneState(tz);
  const fmt = st.fmt;
  if (!fmt || !Number.isFinite(t)) return 0;
  const day = Math.floor(t / DAY_MS);
  const i = day - STEADY_FROM;
  const inSteady = i >= 0 && i < STEADY_LENGTH;
  if (inSteady && st.steady) {
    const offset = st.steady[i];
    if (!Number.isNaN(offset)) return offset;
  }
  const zd = zoneDay(st, fmt, day);
  if (zd.a !== zd.b) return t < zd.t ? zd.a : zd.b;
  if (inSteady) {
    if (!st.steady) st.steady = new Float64Array(STEADY_LENGTH).fill(Number.NaN);
    st.steady[i] = zd.a;
  }
  return zd.a;
}

/** The civil date of an instant in an IANA zone ('UTC' and 'Etc/UTC' short-circuit). */
export function dayOfDate(date: Date, timeZone: string): Day {
  return localDayOf(date.getTime(), timeZone);
}

function localDayOf(t: number, timeZone: string): number {
  return Math.floor((t + zoneOffset(t, timeZone)) / DAY_MS);
}

/** The instant of local midnight of that day in that zone (the first instant of the day if midnight is skipped). */
export function dateOfDay(day: Day, timeZone: string): Date {
  const local = day * DAY_MS;
  const o0 = zoneOffset(local, timeZone);
  const t1 = local - zoneOffset(local - o0, timeZone);
  if (t1 + zoneOffset(t1, timeZone) === local) return new Date(t1);
  const t2 = local - o0;
  const ok1 = localDayOf(t1, timeZone) === day;
  const ok2 = localDayOf(t2, timeZone) === day;
  if (ok1 && ok2) return new Date(Math.min(t1, t2));
  return new Date(ok2 ? t2 : t1);
}

// ---- periods ----

/** 'YYYY-MM' or 'YYYY-Qn' of the month or quarter containing day. */
export function periodKey(day: Day, period: 'month' | 'quarter'): string {
  civil(day);
  return `${pad4(cy)}-${period === 'quarter' ? `Q${Math.floor((cm - 1) / 3) + 1}` : pad2(cm)}`;
}

/** First month of the month or quarter containing the day civil() last read. */
function firstMonth(period: 'month' | 'quarter'): number {
  return period === 'quarter' ? cm - ((cm - 1) % 3) : cm;
}

/** First day of the month or quarter containing day. */
export function periodStart(day: Day, period: 'month' | 'quarter'): Day {
  civil(day);
  return daysFromCivil(cy, firstMonth(period), 1);
}

/** Last day (inclusive) of the month or quarter containing day: the day before the next one starts. */
export function periodEnd(day: Day, period: 'month' | 'quarter'): Day {
  civil(day);
  // Month 13 reads as January of the next year.
  return daysFromCivil(cy, firstMonth(period) + (period === 'quarter' ? 3 : 1), 1) - 1;
}

// ---- Excel serials ----

/**
 * Excel 1900-system serial to day: 25569 = 1970-01-01; the fraction (time of day) is ignored. Serials
 * below 60 are shifted for Excel's fictitious 1900-02-29 (serial 60, which gives null). Null below 1 or
 * outside 1900..2200.
 */
export function dayFromSerial(n: number): Day | null {
  const i = Math.floor(n); // below 1 (and NaN) falls outside the range
  if (i === 60) return null;
  const day = i < 60 ? i - 25568 : i - 25569;
  return inDayRange(day) ? day : null;
}

/** True when day lies in 1900-01-01..2200-12-31. */
export function inDayRange(day: number): boolean {
  return day >= MIN_DAY && day <= MAX_DAY;
}
