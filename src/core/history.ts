// The History tab (append-only, written by the edit trigger): read back to date the last stage change of
// each customer when the customer tab has no stage-entered column.
import { cellText, normalizeKey } from './normalize';
import { locateColumns } from './register';
import { HISTORY_COLUMNS } from './tabs';
import type { Day, SheetData } from './types';
import { parseDay } from './values';

export interface HistoryEntry {
  day: Day;
  customer: string;
  id: string;
  field: string;
  old: string;
  new: string;
}

/** Entries with a readable date, in tab order. Unreadable rows are skipped: History is our own log. */
export function parseHistory(sheet: SheetData | null, timeZone: string): HistoryEntry[] {
  if (!sheet) return [];
  const located = locateColumns(sheet.values, HISTORY_COLUMNS);
  if (!located) return [];
  const { cols, headerRow } = located;
  const out: HistoryEntry[] = [];
  const text = (row: readonly unknown[], k: keyof typeof HISTORY_COLUMNS): string =>
    cols[k] === undefined ? '' : cellText(row[cols[k]!] as never);
  for (let r = headerRow + 1; r < sheet.values.length; r++) {
    const row = sheet.values[r] ?? [];
    const day = cols.when === undefined ? null : parseDay(row[cols.when], timeZone);
    if (typeof day !== 'number') continue;
    out.push({
      day,
      customer: text(row, 'customer'),
      id: text(row, 'id'),
      field: text(row, 'field'),
      old: text(row, 'old'),
      new: text(row, 'new'),
    });
  }
  return out;
}

/**
 * The day each customer last changed stage, keyed by id and by normalized name. `isStageField` tells
 * which History fields are the stage column (its header in the customer tab).
 */
export function lastStageChange(entries: readonly HistoryEntry[], stageHeader: string): Map<string, Day> {
  const out = new Map<string, Day>();
  const stageKey = normalizeKey(stageHeader);
  if (stageKey === '') return out;
  for (const e of entries) {
    if (normalizeKey(e.field) !== stageKey) continue;
    for (const key of [
      e.id === '' ? '' : `id:${e.id}`,
      e.customer === '' ? '' : `name:${normalizeKey(e.customer)}`,
    ]) {
      if (key === '') continue;
      const prev = out.get(key);
      if (prev === undefined || e.day > prev) out.set(key, e.day);
    }
  }
  return out;
}
