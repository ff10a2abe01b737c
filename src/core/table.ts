// Reading the customer tab: find the header row, give columns their roles, skip (and report) title,
// notes, blank, placeholder and totals rows, and turn every row into a Customer. Nothing is thrown and
// nothing is guessed: a value that cannot be read is an issue and counts as blank.
import { FirstSeen } from './first-seen';
import { cellText, errorValue, isBlank, nearest, normalizeKey, TEXT_LIMIT, trimmed } from './normalize';
import { HEADER_SCAN_ROWS, IssueLog } from './register';
import { matchRole, parseHeader } from './roles';
import { kindOfWord, StageLookup, type StageObservation, stagesFromData } from './stage-model';
import type { Cell, Criterion, Day, Grid, Issue, Role, SheetData, StageKind, StageModel } from './types';
import {
  columnDays,
  columnMoney,
  columnPercents,
  type DateOrder,
  type ParseFailure,
  parseMark,
} from './values';

/** A customer (or opportunity) row of the customer tab. */
export interface Customer {
  /** Sheet row number (1-based). */
  row: number;
  id: string;
  name: string;
  rep: string;
  stageText: string;
  /** Index into the model's stages; NO_STAGE when blank, UNKNOWN_STAGE when not recognised. */
  declared: number;
  status: StageKind;
  value: number | null;
  probability: number | null;
  created: Day | null;
  expectedClose: Day | null;
  closed: Day | null;
  lastContact: Day | null;
  nextAction: string;
  nextActionDue: Day | null;
  stageEntered: Day | null;
  resumeOn: Day | null;
  support: string[];
  /** Per criterion of the model (flattened, stage order): 1 = met, 0 = not met or unknown. */
  met: number[];
}

export const NO_STAGE = -2;
export const UNKNOWN_STAGE = -1;

/** A criterion of the model with the stage it belongs to and the column that records it. */
export interface CriterionColumn {
  criterion: Criterion;
  stage: number;
  /** Column index in the customer tab, -1 when the tab has no column for it. */
  col: number;
}

/** What the header row and the stage model say about a customer tab, before its rows are read. */
export interface TableHead {
  sheet: string;
  /** Sheet row number of the header (1-based). */
  headerRow: number;
  headers: string[];
  roles: Partial<Record<Role, number>>;
  criteria: CriterionColumn[];
  model: StageModel;
  /** Set when the tab is a stage log (see stageLog): a customer's first row then dates its creation. */
  stageLog?: true;
}

export interface CustomerTable extends TableHead {
  /** Every customer, in row order (read again from the tab on first use when the read did not keep them). */
  readonly customers: Customer[];
  /** Customer i (read again from its row when the read did not keep the customers). */
  customerAt(i: number): Customer;
  issues: Issue[];
}

/** A customer tab whose header, roles and stage model are known and whose rows are not read yet. */
export interface CustomerReader {
  head: TableHead;
  /** At most how many customers read() gives: the rows under the header. */
  rows: number;
  /** Each customer's id and name, in order, without reading the rest of its row (to link objections). */
  keys(): { id: string; name: string }[];
  /**
   * Reads the rows once, reporting what cannot be read, and gives each customer to `visit` in order.
   * With `keep`, the table keeps the customers; without, it reads a customer's row again when asked for it
   * (100,000 customers kept cost V8 ~100 ms of copying here, and an inventory needs only its totals).
   */
  read(visit: ((c: Customer, i: number) => void) | null, keep: boolean): CustomerTable;
}

export interface ReadOptions {
  timeZone: string;
  /** The stage model from the Stages tab or a template; null derives it from the stage values. */
  model: StageModel | null;
  /** Manual role -> header text; overrides detection. */
  mapping?: Partial<Record<Role, string>>;
  /** Date orders by column known from more of the tab than `values` holds (see dateOrders). */
  dateOrders?: Readonly<Record<number, DateOrder>>;
}

export interface HeaderMatch {
  row: number;
  roles: Partial<Record<Role, number>>;
  roleCount: number;
  duplicates: { col: number; role: Role }[];
}

/** Role of each column of one row; the best-priority header wins a role, equal ties are duplicates. */
function matchHeaderRow(
  row: readonly Cell[],
  mapping: Partial<Record<Role, string>>,
): Omit<HeaderMatch, 'row'> {
  const roles: Partial<Record<Role, number>> = {};
  const best: Partial<Record<Role, number>> = {};
  const duplicates: { col: number; role: Role }[] = [];
  const mapped = new Map<string, Role>();
  for (const role of Object.keys(mapping) as Role[]) {
    const header = mapping[role];
    if (header) mapped.set(normalizeKey(header), role);
  }
  for (let c = 0; c < row.length; c++) {
    const cell = row[c];
    if (typeof cell !== 'string' || cell.trim() === '') continue;
    const manual = mapped.get(normalizeKey(cell));
    const hit = manual ? { role: manual, priority: -1 } : matchRole(cell);
    // A manually mapped role never falls back to a detected column, nor counts one as its duplicate.
    if (!hit || (!manual && mapping[hit.role])) continue;
    const prev = best[hit.role];
    if (prev === undefined || hit.priority < prev) {
      roles[hit.role] = c;
      best[hit.role] = hit.priority;
    } else if (hit.priority === prev) {
      duplicates.push({ col: c, role: hit.role });
    }
  }
  return { roles, roleCount: Object.keys(roles).length, duplicates };
}

/** The header row: the first of the first 10 rows where at least two roles are recognised. */
export function detectHeader(grid: Grid, mapping: Partial<Record<Role, string>> = {}): HeaderMatch | null {
  const scan = Math.min(grid.length, HEADER_SCAN_ROWS);
  for (let r = 0; r < scan; r++) {
    const m = matchHeaderRow(grid[r] ?? [], mapping);
    if (m.roleCount >= 2 && (m.roles.customer !== undefined || m.roles.id !== undefined))
      return { row: r, ...m };
  }
  return null;
}

const NOTES_WORDS =
  /必填|选填|可选|必须|格式|下拉|例如|示例|说明|required|optional|format|e\.g\.|example|dropdown/i;
const TOTALS_WORDS = new Set('total totals grandtotal sum subtotal 合计 总计 小计 汇总 总额'.split(' '));
const PLACEHOLDERS = new Set(['-', '--', '—', '——', '/', 'n/a', 'na', '无', '暂无', '...', '…', 'tbd', 'x']);

/** Index of the first non-blank cell, or -1 (no allocation: this runs once per row). */
function firstNonBlank(row: readonly Cell[]): number {
  for (let c = 0; c < row.length; c++) if (!isBlank(row[c])) return c;
  return -1;
}

/** At least half the non-blank cells are notes ("required", "e.g. ..."). */
function isNotesRow(row: readonly Cell[]): boolean {
  let cells = 0;
  let notes = 0;
  for (const c of row) {
    if (isBlank(c)) continue;
    cells++;
    if (typeof c === 'string' && NOTES_WORDS.test(c)) notes++;
  }
  return cells > 0 && notes * 2 >= cells;
}

/** The longest placeholder: a longer text (an id, a name) is not one and needs no lower-casing. */
const PLACEHOLDER_MAX_LENGTH = Math.max(...[...PLACEHOLDERS].map((p) => p.length));

function isPlaceholder(c: Cell): boolean {
  if (typeof c !== 'string') return false;
  const t = trimmed(c);
  return t.length <= PLACEHOLDER_MAX_LENGTH && PLACEHOLDERS.has(t.toLowerCase());
}

function isPlaceholderRow(row: readonly Cell[], first: number): boolean {
  return isPlaceholder(row[first]) && row.every((c) => isBlank(c) || isPlaceholder(c));
}

/** The longest totals word with spacing and punctuation ("Grand Total:"). */
const TOTALS_MAX_LENGTH = 16;

/** Character codes of the first characters of the totals words' keys. */
const TOTALS_FIRST = new Set([...TOTALS_WORDS].map((w) => w.charCodeAt(0)));

/**
 * False when an ASCII text's key cannot be a totals word: for ASCII, normalizeKey keeps just the letters
 * (lower-cased) and digits, so the first of them is the key's first character. This runs on the id and
 * name of every row ("C1", "Acme"), where building the key would allocate twice. Other text: true.
 */
function mayBeTotals(s: string): boolean {
  let first = -1;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x80) return true;
    // c | 32 lower-cases an ASCII letter, and is a lower-case letter only for letters.
    const lower = c | 32;
    if (first < 0 && ((c >= 48 && c <= 57) || (lower >= 97 && lower <= 122))) first = lower;
  }
  return TOTALS_FIRST.has(first);
}

function isTotalsCell(c: Cell): boolean {
  return (
    typeof c === 'string' &&
    c.length <= TOTALS_MAX_LENGTH &&
    mayBeTotals(c) &&
    TOTALS_WORDS.has(normalizeKey(c))
  );
}

/** The first non-blank cell (column `first`), the customer or the id says "total"; each cell judged once. */
function isTotalsRow(row: readonly Cell[], first: number, roles: Partial<Record<Role, number>>): boolean {
  return (
    isTotalsCell(row[first]) ||
    (roles.customer !== undefined && roles.customer !== first && isTotalsCell(row[roles.customer])) ||
    (roles.id !== undefined && roles.id !== first && isTotalsCell(row[roles.id]))
  );
}

/**
 * Calls visit(r) for each row that holds a customer, in order, after skipping (and reporting) blank,
 * notes, placeholder and totals rows.
 */
function forEachCustomerRow(
  grid: Grid,
  headerRow: number,
  roles: Partial<Record<Role, number>>,
  log: IssueLog,
  visit: (r: number) => void,
): void {
  let visited = 0;
  // Blank rows after the last row with content are not reported.
  let lastContent = grid.length - 1;
  while (lastContent > headerRow && firstNonBlank(grid[lastContent] ?? []) < 0) lastContent--;
  for (let r = headerRow + 1; r <= lastContent; r++) {
    const row = grid[r] ?? [];
    const first = firstNonBlank(row);
    if (first < 0) log.row(r, 'blank-row');
    else if (r <= headerRow + 2 && visited === 0 && isNotesRow(row))
      log.row(r, 'notes-row', cellText(row[first]));
    else if (isPlaceholderRow(row, first)) log.row(r, 'placeholder-row', cellText(row[first]));
    else if (isTotalsRow(row, first, roles)) log.row(r, 'totals-row', cellText(row[first]));
    else {
      visited++;
      visit(r);
    }
  }
}

/** The rank (see stageLog) of a won or lost stage: beyond every other. */
const CLOSED_RANK = Number.MAX_SAFE_INTEGER;

/** A stage log: the rows a later row of the same customer supersedes, and each customer's first day by key. */
interface StageLog {
  earlier: Set<number>;
  started: Map<string, Day | null>;
}

/**
 * The tab as a stage log, or null when it is not one. A stage log has a dated row per stage each customer
 * reached (a CRM's stage-history export). The tab has a stage column, customer names, no id column and a
 * column that dates each row (`dayOf`); at least a quarter of its rows name a customer an earlier row named
 * (names compared as normalizeKey); no customer is at one stage twice on one day (an account's two deals at
 * the same stage make an inventory, not a log, while a deal back at a stage on a later day is a log); and a
 * won or lost stage is only ever a customer's latest row. The latest row is the latest by date, then on one
 * day the furthest stage (`rank`: a stage's place in the model, CLOSED_RANK for won or lost), then the lower
 * in the tab; it is the customer's current state.
 */
function stageLog(
  grid: Grid,
  rows: readonly number[],
  nameCol: number,
  stageCol: number,
  dayOf: (row: readonly Cell[]) => Day | null,
  rank: (stage: string) => number,
): StageLog | null {
  /** Each named row's customer key, day and stage rank, in tab order. */
  const read = new Map<number, { name: string; day: Day | null; rank: number }>();
  const first = new Map<string, number>();
  const last = new Map<string, number>();
  const atStage = new Set<string>();
  /** Row a, read after row b, is later in the log than b. */
  const later = (a: number, b: number): boolean => {
    const ra = read.get(a)!;
    const rb = read.get(b)!;
    if (ra.day !== null && rb.day !== null && ra.day !== rb.day) return ra.day > rb.day;
    return ra.rank >= rb.rank;
  };
  for (const r of rows) {
    const row = grid[r] ?? [];
    const name = normalizeKey(cellText(row[nameCol]));
    if (name === '') continue;
    const stage = cellText(row[stageCol]);
    const day = dayOf(row);
    const key = `${name}\u0000${normalizeKey(stage)}\u0000${day}`;
    if (atStage.has(key)) return null;
    atStage.add(key);
    read.set(r, { name, day, rank: rank(stage) });
    const f = first.get(name);
    const l = last.get(name);
    if (f === undefined || !later(r, f)) first.set(name, r);
    if (l === undefined || later(r, l)) last.set(name, r);
  }
  // Each named row is one stage of one customer: the rows past a customer's first are its repeats.
  const repeats = read.size - first.size;
  if (repeats === 0 || repeats * 4 < rows.length) return null;
  const earlier = new Set<number>();
  for (const [r, { name, rank: k }] of read) {
    if (last.get(name) === r) continue;
    // A won or lost deal ends its log: an account with a closed deal and a newer one is an inventory.
    if (k === CLOSED_RANK) return null;
    earlier.add(r);
  }
  const started = new Map<string, Day | null>();
  for (const [name, r] of first) started.set(name, read.get(r)!.day);
  return { earlier, started };
}

/** In a stage log without a stage-entered column, the header of the column that dates each row's stage. */
const LOG_DATE_HEADERS = new Set(['date', '日期']);

/** The column that would date a stage log's rows: stage entered, else one of no role headed Date; -1 for none. */
function logDateColumn(headers: readonly string[], roles: Partial<Record<Role, number>>): number {
  if (roles.stageEntered !== undefined) return roles.stageEntered;
  const taken = new Set(Object.values(roles));
  return headers.findIndex((h, c) => !taken.has(c) && LOG_DATE_HEADERS.has(normalizeKey(h)));
}

/** Text columns checked for error values and length (the stage column reports its error values itself). */
const TEXT_ROLES = ['id', 'customer', 'rep', 'stage', 'nextAction'] as const;

/** Up to this many criteria, a row's marks fit in one integer (metMask). */
const MASK_BITS = 24;

/** A row's marks as one integer, bit k set when criterion k is met; -1 past MASK_BITS criteria. */
export function metMask(met: ArrayLike<number>): number {
  if (met.length > MASK_BITS) return -1;
  let mask = 0;
  for (let k = 0; k < met.length; k++) if (met[k] === 1) mask |= 1 << k;
  return mask;
}

/** Reads the customer tab. Returns null when no header row with a customer or id column is found. */
export function readCustomers(sheet: SheetData, options: ReadOptions): CustomerTable | null {
  return openCustomers(sheet, options)?.read(null, true) ?? null;
}

/** The customer tab's header and stage model; null when no row looks like a customer header. */
export function openCustomers(sheet: SheetData, options: ReadOptions): CustomerReader | null {
  const grid = sheet.values;
  const mapping = options.mapping ?? {};
  const header = detectHeader(grid, mapping);
  if (!header) return null;
  const headers = (grid[header.row] ?? []).map((c) => cellText(c));
  const log = new IssueLog(sheet.name, headers);
  const { roles } = header;

  for (const role of Object.keys(mapping) as Role[]) {
    const wanted = mapping[role];
    if (wanted && roles[role] === undefined) log.row(header.row, 'mapping-header-missing', wanted, { role });
  }
  for (const d of header.duplicates) {
    log.cell(header.row, d.col, headers[d.col], 'duplicate-header', {
      role: d.role,
      used: headers[roles[d.role]!] ?? '',
    });
  }
  for (let r = 0; r < header.row; r++) {
    const row = grid[r] ?? [];
    const first = firstNonBlank(row);
    if (first >= 0) log.row(r, 'title-row', cellText(row[first]));
  }

  // Issues in sheet order: the header's (above), the rows skipped and columns missing, then each customer's.
  const skipped = new IssueLog(sheet.name, headers);
  const rowsLog = new IssueLog(sheet.name, headers);
  // Without a model, the stage values of all customer rows make one, and a tab that may be a stage log needs
  // every row's customer to tell, so the rows are found first; otherwise each row is read as it is found, in
  // a single pass over the sheet.
  const mayBeLog = roles.stage !== undefined && roles.customer !== undefined && roles.id === undefined;
  const dataRows: number[] | null = options.model && !mayBeLog ? null : [];
  if (dataRows) forEachCustomerRow(grid, header.row, roles, skipped, (r) => dataRows.push(r));
  const model = options.model ?? deriveModel(grid, dataRows ?? [], roles);
  const lookup = new StageLookup(model);
  // Each date column's dates that read both ways (03/04) follow the column's order.
  const dayIn = columnDays(grid, header.row + 1, options.timeZone, options.dateOrders);
  const logDateCol = mayBeLog ? logDateColumn(headers, roles) : -1;
  const logDay = dayIn(logDateCol);
  const stageHistory =
    !dataRows || logDateCol < 0
      ? null
      : stageLog(
          grid,
          dataRows,
          roles.customer!,
          roles.stage!,
          (row) => {
            const d = logDay(row[logDateCol]);
            return typeof d === 'number' ? d : null;
          },
          (stage) => {
            const i = lookup.find(stage);
            const kind = model.stages[i]?.kind;
            return kind === 'won' || kind === 'lost' ? CLOSED_RANK : i;
          },
        );
  if (stageHistory) roles.stageEntered = logDateCol;
  const criteria = matchCriteria(model, headers, roles);
  const valueScale = roles.value === undefined ? 1 : parseHeader(headers[roles.value]).scale;

  const marks = criteria.map(() => 0);
  const metByMask = new Map<number, number[]>();
  // Cells by column (c = roles.x): a role looked up by a name passed in is a slow look-up on every row.
  const text = (row: readonly Cell[], c: number | undefined): string =>
    c === undefined ? '' : cellText(row[c]);
  const dates = {
    created: dayIn(roles.created),
    expectedClose: dayIn(roles.expectedClose),
    closed: dayIn(roles.closed),
    lastContact: dayIn(roles.lastContact),
    nextActionDue: dayIn(roles.nextActionDue),
    stageEntered: dayIn(roles.stageEntered),
    lastUpdated: dayIn(roles.lastUpdated),
    resumeOn: dayIn(roles.resumeOn),
  };
  const money = columnMoney(grid, header.row + 1, roles.value, valueScale);
  // A probability of 1 is 1% in a column of 10, 20, 90: the column, not the cell, says how it is written.
  const percent = columnPercents(grid, header.row + 1, roles.probability);

  const statusKinds = new Map<string, StageKind | null>();
  // The text columns the tab has, found once (a role looked up by a changing name is slow per row).
  const textCols = TEXT_ROLES.flatMap((role) =>
    roles[role] === undefined ? [] : [{ col: roles[role], role }],
  );
  // One string per rep name: the inventory keys its maps by rep, and one string compares at once. A rep
  // written another way (case, spacing: "john  smith") is the first spelling read, said once per spelling.
  const repNames = new Map<string, string>();
  const repKeys = new Map<string, string>();
  // The support column repeats a few lists ("Legal, Finance"): rows with the same text share one array
  // (never mutated), rows without support ('') one empty array.
  const supportLists = new Map<string, string[]>();
  /**
   * Reads grid row r as a customer (null when it names none), reporting into `rowsLog`; with `seenIds`, ids
   * are checked for duplicates. The pass reads with the tab's log; a row read again later (a customer asked
   * for after the pass) reads into a log that is dropped, since the pass reported what it had to say.
   */
  const rowReader = (rowsLog: IssueLog, seenIds: FirstSeen | null) => {
    /** Column c of the row read by parse; null when blank, when the tab has no such column or (an issue) unreadable. */
    const read = <T>(
      row: readonly Cell[],
      r: number,
      c: number | undefined,
      parse: (cell: Cell) => T | null | ParseFailure,
    ): T | null => (c === undefined ? null : rowsLog.parsed(r, c, row[c], parse(row[c])));
    return (r: number): Customer | null => {
      const row = grid[r] ?? [];
      const id = text(row, roles.id);
      const name = text(row, roles.customer);
      if (name === '' && id === '') {
        rowsLog.row(r, 'unnamed-row', cellText(row[firstNonBlank(row)]));
        return null;
      }
      if (name === '' && roles.customer !== undefined)
        rowsLog.cell(r, roles.customer, '', 'missing-customer');
      // Text kept as read, but never silently: a spreadsheet error or text cut to TEXT_LIMIT is an issue.
      for (let t = 0; t < textCols.length; t++) {
        const { col: c, role } = textCols[t];
        const cell = row[c];
        if (typeof cell !== 'string' || cell === '') continue;
        if (role !== 'stage' && errorValue(cell))
          rowsLog.cell(r, c, cellText(cell), 'error-value', { expected: 'text' });
        else if (cell.length > TEXT_LIMIT && cell.trim().length > TEXT_LIMIT)
          rowsLog.cell(r, c, cellText(cell), 'too-long');
      }
      if (id !== '' && seenIds) {
        const first = seenIds.firstOr(id, r + 1);
        if (first !== undefined) rowsLog.cell(r, roles.id!, id, 'duplicate-id', { first });
      }
      const rep = memo(repNames, text(row, roles.rep), (written) => {
        const first = memo(repKeys, normalizeKey(written), () => written);
        if (first !== written) rowsLog.cell(r, roles.rep!, written, 'rep-variant', { as: first });
        return first;
      });
      if (rep === '' && roles.rep !== undefined) rowsLog.cell(r, roles.rep, '', 'missing-rep');

      const stageText = text(row, roles.stage);
      let declared = NO_STAGE;
      if (stageText !== '') {
        const err = errorValue(stageText);
        declared = err ? UNKNOWN_STAGE : lookup.find(stageText);
        if (declared === UNKNOWN_STAGE) {
          const suggestion = err ? null : nearest(stageText, lookup.names());
          rowsLog.cell(
            r,
            roles.stage!,
            stageText,
            err ? 'error-value' : 'unknown-stage',
            suggestion ? { suggestion } : undefined,
          );
        }
      }

      let status: StageKind = declared >= 0 ? model.stages[declared].kind : 'open';
      const statusText = text(row, roles.status);
      if (statusText !== '') {
        const kind = memo(statusKinds, statusText, kindOfWord);
        if (kind) status = kind;
        else rowsLog.cell(r, roles.status!, statusText, 'unknown-status');
      }
      // Not a silent guess: an open customer with no stage is placed by its evidence, else at the first stage.
      if (stageText === '' && status === 'open' && roles.stage !== undefined)
        rowsLog.cell(r, roles.stage, '', 'missing-stage');

      const value = read(row, r, roles.value, money);
      const probability = read(row, r, roles.probability, percent);

      // A criterion without a column (col -1) reads as not met.
      for (let k = 0; k < criteria.length; k++) {
        const c = criteria[k].col;
        marks[k] = c >= 0 && read(row, r, c, parseMark) ? 1 : 0;
      }
      // Rows with the same marks share one array (never mutated): a sheet has few patterns of marks,
      // so 100,000 rows make a few hundred arrays to keep instead of 100,000.
      const mask = metMask(marks);
      let met = mask < 0 ? undefined : metByMask.get(mask);
      if (met === undefined) {
        met = marks.slice();
        if (mask >= 0) metByMask.set(mask, met);
      }

      // Dates read in this order, which is the order of a row's issues. Last updated is kept up to date by the
      // edit trigger and read by no computation: its cell is only checked, not kept.
      let created = read(row, r, roles.created, dates.created);
      const expectedClose = read(row, r, roles.expectedClose, dates.expectedClose);
      let closed = read(row, r, roles.closed, dates.closed);
      const lastContact = read(row, r, roles.lastContact, dates.lastContact);
      const nextActionDue = read(row, r, roles.nextActionDue, dates.nextActionDue);
      const stageEntered = read(row, r, roles.stageEntered, dates.stageEntered);
      read(row, r, roles.lastUpdated, dates.lastUpdated);
      if (stageHistory && stageEntered !== null) {
        // A stage log dates a customer's start by its first row, and its close by the row that won or lost it.
        if (roles.created === undefined) created = stageHistory.started.get(normalizeKey(name)) ?? null;
        if (roles.closed === undefined && (status === 'won' || status === 'lost')) closed = stageEntered;
      }
      // A won or lost customer the results cannot place in a period, or a win whose cycle would be negative, is said
      // rather than silently left out (an unreadable date is an issue already).
      if (status === 'won' || status === 'lost') {
        const col =
          closed !== null
            ? roles.closed
            : expectedClose !== null
              ? roles.expectedClose
              : (roles.closed ?? roles.expectedClose);
        const close = closed ?? expectedClose;
        if (col !== undefined && close === null && cellText(row[col]) === '')
          rowsLog.cell(r, col, '', 'missing-close');
        else if (
          status === 'won' &&
          col !== undefined &&
          close !== null &&
          created !== null &&
          close < created
        )
          rowsLog.cell(r, col, cellText(row[col]), 'close-before-created');
      }
      return {
        row: r + 1,
        id,
        name,
        rep,
        stageText,
        declared,
        status,
        value,
        probability,
        created,
        expectedClose,
        closed,
        lastContact,
        nextActionDue,
        stageEntered,
        resumeOn: read(row, r, roles.resumeOn, dates.resumeOn),
        nextAction: text(row, roles.nextAction),
        support: memo(supportLists, text(row, roles.support), splitSupport),
        met,
      };
    };
  };
  const readRow = rowReader(rowsLog, new FirstSeen(dataRows?.length ?? grid.length));
  let quietReader: ReturnType<typeof rowReader> | null = null;
  /** Grid row r, a customer the pass read, read again. */
  const readAgain = (r: number): Customer => {
    quietReader ??= rowReader(new IssueLog(sheet.name, headers), null);
    return quietReader(r)!;
  };
  /** Calls each with the grid row of every row that may be a customer, in order. */
  const eachDataRow = (issues: IssueLog, each: (r: number) => void): void => {
    if (!dataRows) forEachCustomerRow(grid, header.row, roles, issues, each);
    else if (!stageHistory) for (const r of dataRows) each(r);
    else {
      const nameCol = roles.customer!;
      for (const r of dataRows) {
        if (stageHistory.earlier.has(r))
          issues.cell(r, nameCol, cellText(grid[r]?.[nameCol]), 'stage-log-row');
        else each(r);
      }
    }
  };
  const head: TableHead = { sheet: sheet.name, headerRow: header.row + 1, headers, roles, criteria, model };
  if (stageHistory) head.stageLog = true;

  const rows = Math.max(0, grid.length - header.row - 1);
  return {
    head,
    rows,
    keys() {
      const keys: { id: string; name: string }[] = [];
      eachDataRow(new IssueLog(sheet.name), (r) => {
        const row = grid[r] ?? [];
        const id = text(row, roles.id);
        const name = text(row, roles.customer);
        if (name !== '' || id !== '') keys.push({ id, name });
      });
      return keys;
    },
    read(visit, keep) {
      // The grid row of each customer, to read it again (a typed array: no heap growth per row); the
      // customers themselves when kept.
      const gridRows = new Int32Array(rows);
      let count = 0;
      const kept: Customer[] | null = keep ? [] : null;
      eachDataRow(skipped, (r) => {
        const c = readRow(r);
        if (c === null) return;
        visit?.(c, count);
        gridRows[count++] = r;
        kept?.push(c);
      });
      // A required column the header lacks: said once, on the header row (rows are then counted by id / under "(no rep)").
      if (roles.customer === undefined) skipped.row(header.row, 'missing-customer');
      if (roles.rep === undefined) skipped.row(header.row, 'missing-rep');

      let customers = kept;
      const table = {
        ...head,
        get customers() {
          customers ??= Array.from(gridRows.subarray(0, count), readAgain);
          return customers;
        },
        issues: [...log.list, ...skipped.list, ...rowsLog.list],
      };
      // A method, not data: not enumerable, so what copies or compares a table sees only what was read.
      return Object.defineProperty(table, 'customerAt', {
        value: (i: number) => (customers ? customers[i] : readAgain(gridRows[i])),
      }) as CustomerTable;
    },
  };
}

/** The value of key in map, made on its first look-up. */
function memo<V>(map: Map<string, V>, key: string, make: (key: string) => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = make(key);
    map.set(key, value);
  }
  return value;
}

function splitSupport(text: string): string[] {
  return text
    .split(/[\n;；、,，/]+/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** Criterion columns: a header equal to the criterion's name or one of its aliases. */
export function matchCriteria(
  model: StageModel,
  headers: string[],
  roles: Partial<Record<Role, number>>,
): CriterionColumn[] {
  const taken = new Set(Object.values(roles));
  const byKey = new Map<string, number>();
  headers.forEach((h, c) => {
    const key = normalizeKey(h);
    if (key !== '' && !taken.has(c) && !byKey.has(key)) byKey.set(key, c);
  });
  const columnOf = (name: string) => byKey.get(normalizeKey(name));
  // Flattened in stage order.
  return model.stages.flatMap((s, stage) =>
    s.criteria.map((criterion) => {
      let col = columnOf(criterion.name);
      for (const alias of criterion.aliases) col ??= columnOf(alias);
      return { criterion, stage, col: col ?? -1 };
    }),
  );
}

/** "From my data": the stage values of the rows, ordered by how many milestones their rows carry. */
function deriveModel(grid: Grid, dataRows: number[], roles: Partial<Record<Role, number>>): StageModel {
  const stageCol = roles.stage;
  if (stageCol === undefined) return { source: 'data', stages: [] };
  const milestoneCols = [roles.created, roles.closed, roles.expectedClose, roles.stageEntered].filter(
    (c): c is number => c !== undefined,
  );
  const observations: StageObservation[] = [];
  for (const r of dataRows) {
    const row = grid[r] ?? [];
    const text = cellText(row[stageCol]);
    if (text === '' || errorValue(text)) continue;
    let milestones = 0;
    for (const c of milestoneCols) if (!isBlank(row[c])) milestones++;
    observations.push({ text, milestones });
  }
  return stagesFromData(observations);
}
