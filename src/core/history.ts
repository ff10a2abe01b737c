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
  /** The sheet row as logged (text). */
  row: string;
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
      row: text(row, 'row'),
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
 * The day each customer last changed stage by `asOf` (a change logged after it is not yet one), keyed by id and
 * by normalized name (see stageChangeOf). `stageHeader` is the stage column's header in the customer tab: the
 * History field its changes are logged under.
 */
export function lastStageChange(
  entries: readonly HistoryEntry[],
  stageHeader: string,
  asOf: Day,
): Map<string, Day> {
  const out = new Map<string, Day>();
  const stageKey = normalizeKey(stageHeader);
  if (stageKey === '') return out;
  const latest = (key: string, day: Day): void => {
    const prev = out.get(key);
    if (prev === undefined || day > prev) out.set(key, day);
  };
  for (const e of entries) {
    if (e.day > asOf || normalizeKey(e.field) !== stageKey) continue;
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
  /**
   * key (id, else normalized name) -> its rows in tab order, each [customer, id, row, ...values as text]. A key
   * holds several rows when they share it: an account's deals in a tab without ids.
   */
  rows: Map<string, string[][]>;
  /** Read from a snapshot tab written before a key could hold several rows: it kept the last of them. */
  legacy?: boolean;
}

export interface SnapshotChange {
  customer: string;
  id: string;
  row: number;
  field: string;
  old: string;
  new: string;
}

/** A cell's key in History: its customer (by id, else by name and row: deals may share a name) and field. */
function cellKey(id: string, customer: string, row: string | number, field: string): string {
  return `${id !== '' ? idKey(id) : `${nameKey(customer)}#${row}`}\u0000${normalizeKey(field)}`;
}

/**
 * What History last logged of each cell (cellKey), the new value of its latest entry: the latest by its day,
 * however the tab is sorted (a user may sort it newest first), and of one day's entries the lowest in the tab.
 */
export class LastLogged {
  private readonly latest = new Map<string, HistoryEntry>();

  constructor(entries: readonly HistoryEntry[]) {
    for (const e of entries) {
      const key = cellKey(e.id, e.customer, e.row, e.field);
      if (e.day >= (this.latest.get(key)?.day ?? e.day)) this.latest.set(key, e);
    }
  }

  /** The value History last logged for the cell; undefined when it logged none. */
  of(cell: { id: string; customer: string; row: number; field: string }): string | undefined {
    return this.latest.get(cellKey(cell.id, cell.customer, cell.row, cell.field))?.new;
  }
}

/**
 * The changes History does not tell yet: a change whose cell's latest History entry has its new value was
 * logged by the edit trigger, and Sheets fires the watcher's onChange for that same edit.
 */
export function unlogged(changes: SnapshotChange[], entries: readonly HistoryEntry[]): SnapshotChange[] {
  if (changes.length === 0 || entries.length === 0) return changes;
  const logged = new LastLogged(entries);
  return changes.filter((c) => logged.of(c) !== c.new);
}

/** Identity of a row that survives sorting: the id, else the customer's normalized name (rows may share it). */
export function rowKey(id: string, customer: string): string {
  return id !== '' ? idKey(id) : nameKey(customer);
}

/** The first cell of a snapshot tab, by which its format is known: 'key' for a legacy one (see Snapshot). */
const SNAPSHOT_MARK = 'key (repeats)';

/** A snapshot as a grid (header + one row per customer) for storing in a tab, and back. */
export function snapshotGrid(s: Snapshot): string[][] {
  return [
    [SNAPSHOT_MARK, 'customer', 'id', 'row', ...s.fields],
    ...[...s.rows].flatMap(([key, rows]) => rows.map((values) => [key, ...values])),
  ];
}

export function snapshotOfGrid(grid: readonly (readonly unknown[])[]): Snapshot | null {
  const mark = grid[0]?.[0];
  if (mark !== SNAPSHOT_MARK && mark !== 'key') return null;
  const rows = new Map<string, string[][]>();
  for (const [key, ...values] of grid.slice(1))
    addRow(
      rows,
      String(key),
      values.map((v) => (v == null ? '' : String(v))),
    );
  return { fields: grid[0].slice(4).map(String), rows, legacy: mark === 'key' };
}

/** Adds a row under its key, after those already there. */
function addRow(rows: Map<string, string[][]>, key: string, values: string[]): void {
  const list = rows.get(key);
  if (list) list.push(values);
  else rows.set(key, [values]);
}

/**
 * What changed between two snapshots, in the fields both hold: every watched cell whose text differs, and
 * rows that appeared (old '') — pastes and bulk edits the edit trigger cannot see. Removed rows are not
 * changes of a customer and are not reported.
 *
 * Rows that share a key (an account's deals, without ids) are told apart by their values: a row whose
 * watched cells all equal those of one of the key's rows before is unchanged, wherever it now stands, so
 * sorting them is no change; each of the rest is compared with the old row it most resembles (closestRow), so
 * a deal deleted beside a changed one makes no false entry. Should several of them change much and also be
 * re-sorted between two runs, a change may be logged as from another of the account's deals' old values,
 * under the same customer. Against a legacy snapshot, which held only the last of such rows, they are not
 * compared: that run only takes them in.
 */
export function diffSnapshots(before: Snapshot, after: Snapshot): SnapshotChange[] {
  const changes: SnapshotChange[] = [];
  // Only the fields both hold are compared (an import may add, drop, rename or move columns): each old row is
  // laid out in `after`'s fields, null where it has none.
  const at = after.fields.map((f, i) => (before.fields[i] === f ? i : before.fields.indexOf(f)));
  const laidOut = (was: string[]) => [...was.slice(0, 3), ...at.map((j) => (j < 0 ? null : was[3 + j]))];
  const sameValues = (a: (string | null)[], b: string[]) =>
    a.every((v, i) => i < 3 || v === null || v === b[i]);
  for (const [key, nows] of after.rows) {
    if (before.legacy && nows.length > 1) continue;
    const olds = (before.rows.get(key) ?? []).map(laidOut);
    const rest = nows.filter((now) => {
      const i = olds.findIndex((was) => sameValues(was, now));
      if (i >= 0) olds.splice(i, 1);
      return i < 0;
    });
    for (const now of rest) {
      const was = closestRow(olds, now);
      const [customer, id, row] = now;
      after.fields.forEach((field, i) => {
        const old = was ? was[3 + i] : '';
        if (old !== null && old !== now[3 + i])
          changes.push({ customer, id, row: Number(row), field, old, new: now[3 + i] });
      });
    }
  }
  return changes;
}

/**
 * Takes out of `olds` and returns the row `now` most likely was: the most watched cells equal, then the
 * nearest row number. Undefined when none is left (a new row).
 */
function closestRow(olds: (string | null)[][], now: string[]): (string | null)[] | undefined {
  let best = -1;
  let bestSame = -1;
  let bestDistance = Number.POSITIVE_INFINITY;
  olds.forEach((was, k) => {
    let same = 0;
    for (let i = 3; i < now.length; i++) if (was[i] === now[i]) same++;
    const distance = Math.abs(Number(was[2]) - Number(now[2]));
    if (same > bestSame || (same === bestSame && distance < bestDistance)) {
      best = k;
      bestSame = same;
      bestDistance = distance;
    }
  });
  return best < 0 ? undefined : olds.splice(best, 1)[0];
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
  const rows = new Map<string, string[][]>();
  for (const c of table.customers) {
    const row = values[c.row - 1] ?? [];
    addRow(rows, rowKey(c.id, c.name), [
      c.name,
      c.id,
      String(c.row),
      ...cols.map((col) => cellText(row[col], timeZone)),
    ]);
  }
  return { fields: cols.map((c) => table.headers[c] ?? ''), rows };
}
