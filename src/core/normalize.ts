// Text helpers shared by every reader: matching keys, the text of a cell for messages, suggestions.
import { dayOfDate, isoOfDay } from './days';
import type { Cell, Grid } from './types';

const NON_ASCII = /[^\x00-\x7f]/;
const NOT_ASCII_ALNUM = /[^a-z0-9]+/g;
const NOT_ALNUM = /[^\p{L}\p{N}\p{M}]+/gu;

/**
 * Key for matching headers, stage names and status words: NFKC (full-width → half-width), lower case,
 * without whitespace and punctuation; letters (incl. CJK) and digits kept.
 */
export function normalizeKey(s: string): string {
  if (typeof s !== 'string') return '';
  if (!NON_ASCII.test(s)) return s.toLowerCase().replace(NOT_ASCII_ALNUM, '');
  return s.normalize('NFKC').toLowerCase().replace(NOT_ALNUM, '');
}

/** s trimmed; with any non-ASCII, also NFKC-normalized (full-width → half-width) and trimmed again. */
export function plainText(s: string): string {
  const t = s.trim();
  return NON_ASCII.test(t) ? t.normalize('NFKC').trim() : t;
}

/** True for a printable ASCII character other than space: never white space to trim. */
function isPlainVisible(code: number): boolean {
  return code > 32 && code < 127;
}

/**
 * s.trim(), skipping the call when both ends are plainly not white space: cells are read by the
 * hundred thousand and almost none need trimming.
 */
export function trimmed(s: string): string {
  const n = s.length;
  if (n > 0 && isPlainVisible(s.charCodeAt(0)) && isPlainVisible(s.charCodeAt(n - 1))) return s;
  return s.trim();
}

/** s cut to at most n (≥ 1) characters, the last one '…' when cut (never splits a surrogate pair). */
export function truncate(s: string, n: number): string {
  if (s.length <= n) return s;
  let end = n - 1;
  const c = s.charCodeAt(end - 1);
  if (c >= 0xd800 && c <= 0xdbff) end--;
  return `${s.slice(0, end)}…`;
}

const DATE_TAG = '[object Date]';
const toStr = Object.prototype.toString;

/**
 * True for Date objects from any realm. `instanceof` answers this realm's Dates (every cell of a sheet) at
 * once; the tag check, which costs about ten times as much per cell, is left for other objects.
 */
export function isDateObject(v: unknown): v is Date {
  return v instanceof Date || (typeof v === 'object' && v !== null && toStr.call(v) === DATE_TAG);
}

/** The longest text core keeps from a cell (names, issue values); longer text is cut with '…'. */
export const TEXT_LIMIT = 200;

/**
 * The text a user sees in the cell, for issue messages (at most TEXT_LIMIT characters): strings trimmed,
 * numbers as String, booleans TRUE/FALSE, Dates as ISO date (UTC parts, or in timeZone when given).
 */
export function cellText(cell: Cell, timeZone?: string): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'string') return truncate(trimmed(cell), TEXT_LIMIT);
  if (typeof cell === 'number') return String(cell);
  if (typeof cell === 'boolean') return cell ? 'TRUE' : 'FALSE';
  if (isDateObject(cell)) {
    if (Number.isNaN(cell.getTime())) return 'Invalid Date';
    return isoOfDay(dayOfDate(cell, timeZone || 'UTC'));
  }
  return truncate(String(cell), TEXT_LIMIT);
}

/** What a grid's first non-blank row reads (its cells' text joined by " | ", at most 120 characters), for messages. */
export function firstRowText(values: readonly (readonly Cell[])[]): string {
  const first = values.find((row) => row.some((c) => cellText(c) !== '')) ?? [];
  return first
    .map((c) => cellText(c))
    .filter((t) => t !== '')
    .join(' | ')
    .slice(0, 120);
}

/** '', null, undefined or a whitespace-only string. */
export function isBlank(cell: Cell): boolean {
  if (cell === null || cell === undefined) return true;
  if (typeof cell === 'string')
    return cell.length === 0 || (!isPlainVisible(cell.charCodeAt(0)) && cell.trim().length === 0);
  return false;
}

/** Whether every cell of a grid is blank (isBlank): an empty tab, or one holding only spaces. */
export function isBlankGrid(grid: Grid): boolean {
  return grid.every((row) => row.every(isBlank));
}

const ERROR_VALUES = new Set(
  '#N/A #REF! #VALUE! #DIV/0! #NAME? #NUM! #NULL! #ERROR! #SPILL! #CALC! #GETTING_DATA'.split(' '),
);

/** The spreadsheet error value a cell holds as text ('#N/A', '#REF!'…), else null. */
export function errorValue(cell: Cell): string | null {
  if (typeof cell !== 'string' || cell.length < 3) return null;
  const first = cell.charCodeAt(0);
  if (first !== 35 /* # */ && isPlainVisible(first)) return null; // no white space before a '#' further on
  // Trimmed when it starts with white space or ends with ASCII white space; every error value starts with '#'.
  const u = (first !== 35 || cell.charCodeAt(cell.length - 1) <= 32 ? cell.trim() : cell).toUpperCase();
  return ERROR_VALUES.has(u) ? u : null;
}

/** Levenshtein distance (UTF-16 code units). */
export function editDistance(a: string, b: string): number {
  // b the shorter: the rows are b's length.
  if (a.length < b.length) [a, b] = [b, a];
  const n = b.length;
  let prev = new Array<number>(n + 1);
  let cur = new Array<number>(n + 1);
  for (let j = 0; j <= n; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= n; j++) {
      const sub = prev[j - 1] + (ca === b.charCodeAt(j - 1) ? 0 : 1);
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, sub);
    }
    const t = prev;
    prev = cur;
    cur = t;
  }
  return prev[n];
}

/**
 * The candidate whose normalized key is nearest to value's, or null when none is reasonably close:
 * close means edit distance ≤ max(2, 40% of the value's key length) and less than the longer key's
 * length (not a total rewrite), or one key containing the other (the shorter at least 2 characters).
 * Ties go to the earlier candidate; an exact key match wins at once.
 */
export function nearest(value: string, candidates: string[]): string | null {
  const v = normalizeKey(value);
  if (v.length === 0) return null;
  const limit = Math.max(2, Math.floor(v.length * 0.4));
  let best: string | null = null;
  let bestD = Number.POSITIVE_INFINITY;
  for (let i = 0; i < candidates.length; i++) {
    const c = normalizeKey(candidates[i]);
    if (c.length === 0) continue;
    if (c === v) return candidates[i];
    const longer = Math.max(v.length, c.length);
    const shorter = Math.min(v.length, c.length);
    const contains = shorter >= 2 && (v.includes(c) || c.includes(v));
    // The distance is at least the length difference (exactly that when one contains the other): skip the
    // quadratic edit distance when it cannot be close (a 50,000-character stage name costs nothing).
    if (!contains && longer - shorter > limit) continue;
    const d = contains ? longer - shorter : editDistance(v, c);
    const close = (d <= limit && d < longer) || contains;
    if (close && d < bestD) {
      best = candidates[i];
      bestD = d;
    }
  }
  return best;
}
