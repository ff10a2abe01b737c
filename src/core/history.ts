// The History tab (append-only, written by the edit trigger): read back to date the last stage change of
// each customer when the customer tab has no stage-entered column.
import { cellText, isBlankGrid, normalizeKey } from './normalize';
import { locateColumns } from './register';
import type { CriterionColumn, CustomerTable } from './table';
import { HISTORY_COLUMNS } from './tabs';
import type { Day, Grid, Issue, Role, Settings, SheetData } from './types';
import { parseDay } from './values';

export interface HistoryEntry {
  day: Day;
  customer: string;
  id: string;
  field: string;
  old: string;
  new: string;
}

/** The columns of a History tab Pandian wrote (its header row, with When among them); null for any other tab. */
function historyColumns(grid: Grid) {
  const located = locateColumns(grid, HISTORY_COLUMNS);
  return located?.cols.when === undefined ? null : located;
}

/**
 * Whether a tab under the History tab's name is Pandian's to append to: empty, or with the History columns. A
 * user's own tab of that name (a "History" of calls, say) is not, and gets nothing appended.
 */
export function isOwnHistory(grid: Grid): boolean {
  return historyColumns(grid) !== null || isBlankGrid(grid);
}

/**
 * When Track edits or Watch changes is on and the tab under the History tab's name is not Pandian's, the
 * issue that says so (the writers log nothing there): the user renames the tab to keep it.
 */
export function historyIssues(sheet: SheetData | null, settings: Settings): Issue[] {
  if (!sheet || !(settings.trackEdits || settings.watchChanges) || isOwnHistory(sheet.values)) return [];
  const first = (sheet.values[0] ?? []).find((cell) => cellText(cell as never) !== '');
  return [
    { sheet: sheet.name, row: 1, column: '', value: cellText(first as never), code: 'history-not-ours' },
  ];
}

/** Entries with a readable date, in tab order. Unreadable rows are skipped: History is our own log. */
export function parseHistory(sheet: SheetData | null, timeZone: string): HistoryEntry[] {
  if (!sheet) return [];
  const located = historyColumns(sheet.values);
  if (!located) return [];
  const { cols, headerRow } = located;
  const when = cols.when as number;
  const out: HistoryEntry[] = [];
  const text = (row: readonly unknown[], k: keyof typeof HISTORY_COLUMNS): string =>
    cols[k] === undefined ? '' : cellText(row[cols[k]!] as never);
  for (let r = headerRow + 1; r < sheet.values.length; r++) {
    const row = sheet.values[r] ?? [];
    const day = parseDay(row[when], timeZone);
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

/** Key of a customer by id (see rowKey). */
const idKey = (id: string): string => `id:${id}`;
/** Key of a customer by normalized name (see rowKey). */
const nameKey = (customer: string): string => `name:${normalizeKey(customer)}`;

/**
 * The day each customer last changed stage, keyed by id and by normalized name (see stageChangeOf). `stageHeader` is the
 * stage column's header in the customer tab: the History field its changes are logged under.
 */
export function lastStageChange(entries: readonly HistoryEntry[], stageHeader: string): Map<string, Day> {
  const out = new Map<string, Day>();
  const stageKey = normalizeKey(stageHeader);
  if (stageKey === '') return out;
  const latest = (key: string, day: Day): void => {
    const prev = out.get(key);
    if (prev === undefined || day > prev) out.set(key, day);
  };
  for (const e of entries) {
    if (normalizeKey(e.field) !== stageKey) continue;
    if (e.id !== '') latest(idKey(e.id), e.day);
    if (e.customer !== '') latest(nameKey(e.customer), e.day);
  }
  return out;
}

/** A customer's last stage change in lastStageChange's map: by id, else by name; null when none. */
export function stageChangeOf(changes: Map<string, Day>, id: string, customer: string): Day | null {
  return (id !== '' ? changes.get(idKey(id)) : undefined) ?? changes.get(nameKey(customer)) ?? null;
}

/** The watched cells of a customer tab, keyed by row identity: what the change watcher compares. */
export interface Snapshot {
  fields: string[];
  /** key (id, else normalized name) -> [customer, id, row, ...values as text] */
  rows: Map<string, string[]>;
}

export interface SnapshotChange {
  customer: string;
  id: string;
  row: number;
  field: string;
  old: string;
  new: string;
}

/** Identity of a row that survives sorting: the id, else the customer's normalized name. */
export function rowKey(id: string, customer: string): string {
  return id !== '' ? idKey(id) : nameKey(customer);
}

/** A snapshot as a grid (header + one row per customer) for storing in a tab, and back. */
export function snapshotGrid(s: Snapshot): string[][] {
  return [
    ['key', 'customer', 'id', 'row', ...s.fields],
    ...[...s.rows].map(([key, values]) => [key, ...values]),
  ];
}

export function snapshotOfGrid(grid: readonly (readonly unknown[])[]): Snapshot | null {
  if (grid.length === 0 || grid[0][0] !== 'key') return null;
  return {
    fields: grid[0].slice(4).map(String),
    rows: new Map(
      grid.slice(1).map((r) => [String(r[0]), r.slice(1).map((v) => (v == null ? '' : String(v)))]),
    ),
  };
}

/**
 * What changed between two snapshots of the same fields: every watched cell whose text differs, and
 * rows that appeared (old '') — pastes and bulk edits the edit trigger cannot see. Removed rows are not
 * changes of a customer and are not reported.
 */
export function diffSnapshots(before: Snapshot, after: Snapshot): SnapshotChange[] {
  const changes: SnapshotChange[] = [];
  // The same fields in the same order (JSON keeps every string apart, whatever it contains).
  if (JSON.stringify(before.fields) !== JSON.stringify(after.fields)) return changes;
  for (const [key, now] of after.rows) {
    const was = before.rows.get(key);
    const [customer, id, row] = now;
    after.fields.forEach((field, i) => {
      const old = was ? was[3 + i] : '';
      if (old !== now[3 + i]) changes.push({ customer, id, row: Number(row), field, old, new: now[3 + i] });
    });
  }
  return changes;
}

/**
 * The customer-tab columns whose changes History records: stage, status, value, close date and every
 * element or commitment column.
 */
export function watchedColumns(
  roles: Partial<Record<Role, number>>,
  criteria: readonly CriterionColumn[],
): number[] {
  const cols = (['stage', 'status', 'value', 'expectedClose'] as const)
    .map((role) => roles[role])
    .filter((c) => c !== undefined);
  for (const { col } of criteria) if (col >= 0 && !cols.includes(col)) cols.push(col);
  return cols;
}

/** The snapshot of a customer tab: its watched cells as text. */
export function snapshotOf(values: Grid, table: CustomerTable, timeZone: string): Snapshot {
  const cols = watchedColumns(table.roles, table.criteria);
  const rows = new Map<string, string[]>();
  for (const c of table.customers) {
    const row = values[c.row - 1] ?? [];
    rows.set(rowKey(c.id, c.name), [
      c.name,
      c.id,
      String(c.row),
      ...cols.map((col) => cellText(row[col], timeZone)),
    ]);
  }
  return { fields: cols.map((c) => table.headers[c] ?? ''), rows };
}
