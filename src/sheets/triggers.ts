// The edit trigger: when Settings says "Track edits", an edit of a stage, status, element or commitment
// cell stamps stage-entered / last-updated, appends to History, and notes an unknown stage value. It reads
// only the edited block and the top of the tab (cached), never the whole customer tab (a paste over the stage
// column also reads History), and never fails the edit.
import { dateOfDay, dayFromIso } from '../core/days';
import { isOwnHistory, LastLogged, parseHistory, watchedColumns } from '../core/history';
import { tabIdOf } from '../core/index';
import { cellText, isBlankGrid, nearest } from '../core/normalize';
import { parseStages, StageLookup, type StageNames } from '../core/stage-model';
import { matchCriteria } from '../core/table';
import { HISTORY_COLUMNS, headersOf, nameIn, TAB_NAMES } from '../core/tabs';
import type { Cell, Lang, Role } from '../core/types';
import { MESSAGES, translator } from '../i18n/messages';
import { todayIn } from './clock';
import { cachedContext, forgetContexts } from './context-cache';
import { userLang, withDocumentLock } from './errors';
import {
  activeRows,
  customerHeader,
  type Layout,
  nameOf,
  type RowReader,
  readHead,
  readHistoryTab,
  readStart,
  readTab,
  readUnderHeader,
  sameHeader,
  tabA1,
  tabRows,
} from './read';
import { asSheetText, writeRowsAt } from './write-report';

const CACHE_SECONDS = 10 * 60;

interface EditContext {
  trackEdits: boolean;
  /** Id of the customer tab (null when none was chosen): one getGridId tells whether an edit is on it. */
  customerSheetId: number | null;
  /** Ids of the Stages, Settings and Objections tabs: an edit there forgets every cached context. */
  configSheetIds: number[];
  /**
   * Whether a Stages, Settings or Objections tab is missing: then an edit on another tab, by one of their names
   * (a Settings tab added by hand), forgets every cached context too.
   */
  configMissing: boolean;
  /** The History tab as the context was read. */
  historySheet: HistoryTarget;
  timeZone: string;
  customerSheet: string;
  /** 1-based sheet row of the header. */
  headerRow: number;
  headers: string[];
  roles: Partial<Record<Role, number>>;
  /** 0-based columns whose edits are logged, with the field name History records. */
  watched: Record<number, string>;
  /** The stage model's names, aliases and kinds: what StageLookup needs to tell a known stage value. */
  stages: StageNames[];
  lang: Lang;
}

function buildContext(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): EditContext {
  const start = readStart(ss);
  const { layout, settings, chosen } = start;
  const { tabs } = layout;
  // With Track edits off (or no customer header) only the ids are needed: which tab an edit is on.
  const found = settings.trackEdits ? customerHeader(start) : null;
  const header = found?.header;
  const headers = found?.cells.map((c) => cellText(c)) ?? [];
  const stages = header ? readTab(layout, 'stages') : null;
  const model = stages ? parseStages(stages)?.model : undefined;
  const config = [tabs.stages, tabs.settings, tabs.objections];
  const watched: Record<number, string> = {};
  if (header)
    for (const c of watchedColumns(header.roles, model ? matchCriteria(model, headers, header.roles) : []))
      watched[c] = headers[c];
  return {
    trackEdits: !!header,
    customerSheetId: chosen ? chosen.sheet.getSheetId() : null,
    configSheetIds: config.filter((t) => t !== undefined).map((t) => t.getSheetId()),
    configMissing: config.includes(undefined),
    historySheet: header ? historyTarget(layout) : null,
    timeZone: ss.getSpreadsheetTimeZone(),
    customerSheet: chosen?.name ?? '',
    headerRow: header ? header.row + 1 : 0,
    headers,
    roles: header?.roles ?? {},
    watched,
    stages: model?.stages.map(({ name, aliases, kind }) => ({ name, aliases, kind })) ?? [],
    lang: userLang(settings.lang),
  };
}

/**
 * Where History rows go, as a context read it: null when there is no History tab yet (appendHistory makes
 * one under the language's name); the tab's name, with whether it held anything then (an empty tab gets its
 * header first); or, for a tab under the History tab's name that is the user's own (see isOwnHistory), that
 * name under `notOurs`: nothing is appended there, and the inventory's issue list says so.
 */
type HistoryTarget = { name: string; headed: boolean } | { notOurs: string } | null;

/** The History tab to append to (see HistoryTarget). Reads the tab's first rows (three calls): callers keep it. */
export function historyTarget(layout: Layout): HistoryTarget {
  const sheet = layout.tabs.history;
  if (!sheet) return null;
  const name = nameOf(layout.handles, sheet);
  const { values } = readHead(sheet, name);
  if (!isOwnHistory(values)) return { notOurs: name };
  return { name, headed: !isBlankGrid(values) };
}

/**
 * Appends rows to the History tab `target` names (see HistoryTarget), making it, or writing its header into
 * it, when it has none. Appends nothing while the user's own tab holds the name; once that tab is gone
 * (renamed, as the issue asks), the log is made under the language's name and the edit context, which still
 * holds the old answer, is forgotten. One row is appended atomically (appendRow); several are written in one
 * block after the last row, which callers do under the document lock (the watcher runs under it, the edit
 * trigger takes it for a paste), so that two writers never take the same rows. False when nothing could be
 * appended for that reason.
 */
export function appendHistory(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  rows: Cell[][],
  lang: Lang,
  target: HistoryTarget,
): boolean {
  if (rows.length === 0) return true;
  if (target && 'notOurs' in target) {
    if (ss.getSheetByName(target.notOurs)) return false;
    forgetContexts('edit');
  }
  const known = target && 'name' in target ? target : null;
  const name = known?.name ?? nameIn(TAB_NAMES.history, lang);
  let log = ss.getSheetByName(name);
  /** Whether the tab is empty and gets the header first. */
  let headless = false;
  if (!log)
    try {
      log = ss.insertSheet(name);
      headless = true;
    } catch (e) {
      // Made since by a concurrent edit (insertSheet refuses the name): that tab is the log.
      log = ss.getSheetByName(name);
      if (!log) throw e;
    }
  else if (!known) {
    // A tab made under the name since `target` was read (there was none) is Pandian's only when it holds nothing
    // but the log: one the user made (a log of calls, say) gets nothing, an empty one the header first.
    const { values } = readHead(log, name);
    if (!isOwnHistory(values)) return false;
    headless = isBlankGrid(values);
  }
  // An empty History tab (made now, or empty as the context read it, until its header is written).
  if (headless || (known && !known.headed && log.getLastRow() === 0)) {
    log.appendRow(headersOf(HISTORY_COLUMNS, lang)); // row 1 of the empty tab, adding columns a narrow one lacks
    log.setFrozenRows(1);
    log.protect().setDescription(translator(lang)('history.protect')).setWarningOnly(true);
  }
  if (rows.length === 1) log.appendRow(rows[0]);
  else writeRowsAt(log, log.getLastRow() + 1, rows);
  return true;
}

/** One History row; user strings as text. */
export function historyRow(
  when: string,
  who: string,
  change: { customer: string; id: string; row: number; field: string; old: string; new: string },
  source: string,
): Cell[] {
  return [
    when,
    ...[who, change.customer, change.id].map(asSheetText),
    change.row,
    ...[change.field, change.old, change.new].map(asSheetText),
    source,
  ];
}

/**
 * A sidebar write of one customer-tab cell, logged as the edit trigger logs the user's own edit (a script's
 * write fires no onEdit): with Track edits on and the cell watched, Last Updated stamped (when it is another
 * column) and a History row, source `sidebar`. The edit context is read afresh when its header is not the one
 * the write went by (`header`, just checked by the sidebar).
 */
export function logSidebarWrite(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  write: { sheet: string; header: readonly string[]; row: number; col: number; customer: string; id: string },
  old: string,
  now: string,
): void {
  let ctx = cachedContext('edit', CACHE_SECONDS, () => buildContext(ss));
  // Track edits turned on or off forgets the context (an edit of Settings does): a cached "off" holds.
  if (!ctx.trackEdits) return;
  if (ctx.customerSheet !== write.sheet || !sameHeader(ctx.headers, write.header))
    ctx = cachedContext('edit', CACHE_SECONDS, () => buildContext(ss), true);
  const field = ctx.watched[write.col];
  if (!ctx.trackEdits || ctx.customerSheet !== write.sheet || field === undefined) return;
  const today = todayIn(ctx.timeZone);
  const updated = ctx.roles.lastUpdated;
  if (updated !== undefined && updated !== write.col)
    ss.getRange(tabA1(write.sheet, write.row, write.row, updated, updated)).setValue(
      dateOfDay(dayFromIso(today) as number, ctx.timeZone),
    );
  const change = { customer: write.customer, id: write.id, row: write.row, field, old, new: now };
  appendLogged(ss, ctx, [historyRow(today, userOf(), change, 'sidebar')]);
}

/**
 * appendHistory to the History tab of an edit context. A log the context did not know (made now, or by another
 * edit meanwhile) is remembered in the cached context, so later edits need not check whose it is.
 */
function appendLogged(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, ctx: EditContext, rows: Cell[][]): void {
  if (appendHistory(ss, rows, ctx.lang, ctx.historySheet) && ctx.historySheet === null && rows.length > 0) {
    const historySheet = { name: nameIn(TAB_NAMES.history, ctx.lang), headed: true };
    cachedContext('edit', CACHE_SECONDS, () => ({ ...ctx, historySheet }), true);
  }
}

/**
 * What the History tab `target` names last logged of each cell (read whole): with no target (no History tab
 * when the context was read), the tab under its exact names, which the edit trigger may have made since.
 */
function lastLogged(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  target: HistoryTarget,
  timeZone: string,
): LastLogged | null {
  if (target && 'notOurs' in target) return null;
  const history = readHistoryTab(ss, target?.name ?? null);
  return history && new LastLogged(parseHistory(history, timeZone));
}

/** A block of cells, 1-based and inclusive: [first row, first column, last row, last column]. */
type Block = [number, number, number, number];

/**
 * The block of an A1 range ("D5", "D5:F9", "Sheet!D5"): one service call instead of four. Whole rows or
 * columns ("D:D", "3:3") give null and are asked for directly.
 */
function parseA1(a1: string): Block | null {
  const ref = a1.slice(a1.lastIndexOf('!') + 1);
  const [from, to = from] = ref.split(':');
  const cell = (s: string): [number, number] | null => {
    const m = /^\$?([A-Z]+)\$?(\d+)$/i.exec(s);
    if (!m) return null;
    let col = 0;
    for (const ch of m[1].toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
    return [Number(m[2]), col];
  };
  const a = cell(from);
  const b = cell(to);
  return a && b ? [...a, ...b] : null;
}

/**
 * The edit event. Besides what Apps Script documents, Sheets' event object carries the edited block as plain
 * numbers (range.rowStart/columnStart/rowEnd/columnEnd) and the user's address (user.email): reading them costs
 * no service call. Both are used when present, with the documented calls as the fallback.
 */
type EditEvent = {
  range: GoogleAppsScript.Spreadsheet.Range & {
    rowStart?: unknown;
    columnStart?: unknown;
    rowEnd?: unknown;
    columnEnd?: unknown;
  };
  source?: GoogleAppsScript.Spreadsheet.Spreadsheet;
  value?: unknown;
  oldValue?: unknown;
  user?: { getEmail(): string; email?: unknown } | string;
};

function blockOf(range: EditEvent['range']): Block {
  const block = [range.rowStart, range.columnStart, range.rowEnd, range.columnEnd];
  if (block.every((n): n is number => Number.isInteger(n) && (n as number) > 0)) return block as Block;
  return (
    parseA1(range.getA1Notation()) ?? [
      range.getRow(),
      range.getColumn(),
      range.getLastRow(),
      range.getLastColumn(),
    ]
  );
}

/**
 * Who made a change, for History: the edit event's user when it carries one, else the active user (blank
 * without the address, which needs a scope Pandian does not ask for). A sidebar write passes none.
 */
export function userOf(user?: EditEvent['user']): string {
  try {
    if (typeof user === 'string') return user;
    if (typeof user?.email === 'string') return user.email;
    return user?.getEmail() ?? Session.getActiveUser().getEmail();
  } catch {
    return '';
  }
}

/**
 * Writes one value into several blocks of a tab with one RangeList. Spreadsheet.getRangeList takes the tab's
 * name in the notation, so no Sheet handle is needed; should it refuse the notation, the tab's own
 * getRangeList does the same with the names stripped.
 */
function writeTogether(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  range: EditEvent['range'],
  a1s: string[],
  value: unknown,
): void {
  let list: GoogleAppsScript.Spreadsheet.RangeList;
  try {
    list = ss.getRangeList(a1s);
  } catch {
    list = range.getSheet().getRangeList(a1s.map((a1) => a1.slice(a1.lastIndexOf('!') + 1)));
  }
  list.setValue(value);
}

/** The blocks (tab-named A1) of column `col` over the rows `firstRow + k` for `ks` (ascending): one a run. */
function columnRuns(sheet: string, firstRow: number, ks: readonly number[], col: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < ks.length; ) {
    let j = i;
    while (ks[j + 1] === ks[j] + 1) j++;
    out.push(tabA1(sheet, firstRow + ks[i], firstRow + ks[j], col, col));
    i = j + 1;
  }
  return out;
}

/** onEdit: log and stamp what changed on the customer tab. Never throws into the user's edit. */
export function handleEdit(e: EditEvent): void {
  try {
    const ss = e.source ?? SpreadsheetApp.getActiveSpreadsheet();
    const ctx = cachedContext('edit', CACHE_SECONDS, () => buildContext(ss));
    const tab = e.range.getGridId();
    if (tab !== ctx.customerSheetId) {
      // What the formulas, this trigger and the sidebar cached was read from these tabs, or should be from one
      // made since under their names (a Settings tab added by hand: two calls more, only while one is missing).
      const config: (string | null)[] = ['stages', 'settings', 'objections'];
      if (
        ctx.configSheetIds.includes(tab) ||
        (ctx.configMissing && config.includes(tabIdOf(e.range.getSheet().getName())))
      )
        forgetContexts();
      return;
    }
    const block = blockOf(e.range);
    // The header renamed, pasted over or moved (moving a column is an edit of it): every cached layout is stale.
    if (ctx.trackEdits && block[0] <= ctx.headerRow) forgetContexts();
    logEdit(e, ss, ctx, block, false);
  } catch (err) {
    console.error(`Pandian onEdit: ${(err as Error)?.message ?? err}`);
  }
}

/**
 * Logs and stamps an edit of the customer tab by the layout in `ctx`, once the header read with the edited rows
 * shows that layout still holds: inserting, deleting or moving columns fires no edit, and a stamp by a stale
 * column position would land in another column, over what the user typed. When the header differs the
 * context is read afresh (`fresh`) and the edit logged by it.
 */
function logEdit(
  e: EditEvent,
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  ctx: EditContext,
  [top, left, bottom, right]: number[],
  fresh: boolean,
): void {
  if (!ctx.trackEdits) return;
  const range = e.range;
  const firstRow = Math.max(top, ctx.headerRow + 1);
  if (firstRow > bottom) return;
  const { roles, timeZone, watched } = ctx;
  const single = top === bottom && left === right;
  const old = single ? cellText(e.oldValue as Cell, timeZone) : '';
  // Known or not, and which stage, as the inventory reads it: "budget" is the stage "Budget" is.
  const lookup = new StageLookup(ctx);
  const sameStage = (a: string, b: string) =>
    a === b || (lookup.find(a) >= 0 && lookup.find(a) === lookup.find(b));
  // A value chosen again (Sheets fires the edit with value = oldValue, as text), or a stage retyped as the same
  // stage: nothing changed, so nothing is logged or stamped, and the stage clock keeps running. Nothing needs
  // reading to tell.
  const value = cellText(e.value as Cell, timeZone);
  if (single && e.value !== undefined && (left - 1 === roles.stage ? sameStage(value, old) : value === old))
    return;
  const cols: number[] = [];
  for (let c = left - 1; c < right; c++) if (watched[c] !== undefined) cols.push(c);

  // The header, checked, with the edited rows as they are now (identity: id and customer; new values) when a
  // watched column was edited. The header is checked even when none was: by a stale layout a watched column
  // looks unwatched, and its edit would go unlogged and unstamped.
  // A user edits the tab they have open, so the edited tab should be the active one: it is read there first,
  // with one call a block. That read is used only when its header matches and, for a single typed text, its
  // edited cell holds that text (so a copy of the tab, same header, being active is not taken for it, unless
  // the copy holds the same text there; numbers and dates come in the event in another form and are not
  // compared). Else the tab is read again by name, and only when that header differs too is the layout taken
  // as changed.
  const width = Math.max(ctx.headers.length, right);
  const below = cols.length > 0 ? { from: firstRow, to: bottom } : undefined;
  const typedText = single && below && typeof e.value === 'string' ? e.value : null;
  const checked = (reader: RowReader, active: boolean) => {
    const read = readUnderHeader(reader, ctx.headerRow, below);
    if (!read || !sameHeader(read.header, ctx.headers)) return null;
    const cell = read.rows[0]?.[left - 1];
    return active && typedText !== null && typeof cell === 'string' && cell !== typedText ? null : read;
  };
  const read = checked(activeRows(ss, width), true) ?? checked(tabRows(ss, ctx.customerSheet, width), false);
  if (!read) {
    if (fresh) return;
    forgetContexts();
    const now = cachedContext('edit', CACHE_SECONDS, () => buildContext(ss), true);
    if (now.customerSheetId === ctx.customerSheetId) logEdit(e, ss, now, [top, left, bottom, right], true);
    return;
  }
  if (cols.length === 0) return;
  const { rows } = read;
  const today = todayIn(timeZone);
  const who = userOf(e.user);
  const history: Cell[][] = [];
  const stageCol = roles.stage;
  const named: number[] = []; // the edited rows (0-based in `rows`) that hold a customer or an id
  const staged: number[] = []; // of those, the ones to stamp Stage Entered on
  // A paste gives no old values: what History last logged of a row's stage tells whether it changed.
  const pastedStage = !single && stageCol !== undefined && cols.includes(stageCol);
  const logged = pastedStage ? lastLogged(ss, ctx.historySheet, timeZone) : null;
  rows.forEach((row, k) => {
    const customer = roles.customer === undefined ? '' : cellText(row[roles.customer]);
    const id = roles.id === undefined ? '' : cellText(row[roles.id]);
    // A row with neither (cleared, or not filled in yet) is no customer's: nothing is logged or stamped there.
    if (customer === '' && id === '') return;
    named.push(k);
    const cell = { customer, id, row: firstRow + k };
    const stage = stageCol === undefined ? '' : cellText(row[stageCol]);
    // Without an id, History knows a row by name and sheet row, which an inserted row or a sort changes under
    // an account's deals: such a row's cells count as never logged (only an empty Stage Entered is stamped).
    const known = (c: number) => (id !== '' ? logged?.of({ ...cell, field: watched[c] }) : undefined);
    const before = stageCol === undefined ? undefined : known(stageCol);
    // A pasted stage History already holds is no change (as a value chosen again is not); one History never
    // logged stamps only an empty Stage Entered, so a date the user typed is never lost to a paste.
    const unchanged = before !== undefined && sameStage(before, stage);
    const dated = roles.stageEntered !== undefined && cellText(row[roles.stageEntered]) !== '';
    if (stage !== '' && !unchanged && (!pastedStage || before !== undefined || !dated)) staged.push(k);
    for (const c of cols) {
      if (unchanged && c === stageCol) continue;
      // As read, as the watcher's snapshot has it: Sheets sends a typed date's value as its serial number.
      const now = cellText(row[c], timeZone);
      // A paste gives no old value: History's for the stage and for a cell the paste (or Delete) emptied, else
      // ''. A cell empty before and after is no change.
      const was = single ? old : ((c === stageCol || now === '' ? known(c) : '') ?? '');
      if (was === now) continue;
      history.push(
        historyRow(today, who, { ...cell, field: watched[c], old: was, new: now }, single ? 'edit' : 'paste'),
      );
    }
  });

  // Stamps (only the columns Pandian maintains, only when they exist), written together by one call: only on
  // the rows of a customer, Stage Entered only where a stage was entered, and never inside the edited block,
  // so a pasted row keeps the dates it carries and a cleared one stays empty.
  const outside = (c: number | undefined) =>
    c !== undefined && (c < left - 1 || c >= right) ? c : undefined;
  const entered = stageCol !== undefined && cols.includes(stageCol) ? outside(roles.stageEntered) : undefined;
  const updated = outside(roles.lastUpdated);
  const a1s = [
    ...(entered === undefined ? [] : columnRuns(ctx.customerSheet, firstRow, staged, entered)),
    ...(updated === undefined ? [] : columnRuns(ctx.customerSheet, firstRow, named, updated)),
  ];
  if (a1s.length > 0) writeTogether(ss, range, a1s, dateOfDay(dayFromIso(today)!, timeZone));

  // A note on an unknown stage value (single edits; a paste is logged without notes). Pandian flags a
  // cell only when an unknown value is typed into it, so when the cell held a known stage (or nothing)
  // and gets one, there is no flag to add or remove and the note is not even read.
  if (single && stageCol === left - 1 && ctx.stages.length > 0) {
    const unknown = (v: string) => v !== '' && lookup.find(v) < 0;
    const typed = cellText(rows[0][stageCol], timeZone);
    const flagNeeded = unknown(typed);
    const couldBeFlagged = e.oldValue !== undefined && unknown(old);
    if (flagNeeded || couldBeFlagged) {
      // The user's own note is kept: Pandian's flag is a line of its own after it, and only such lines (as
      // Pandian words them in either language, for any value) go, with the blank line put before them.
      const note = range.getNote();
      const flags = MESSAGES['note.unknownStage'].map((m) => m.split('{value}'));
      const isFlag = (line = '') =>
        flags.some(([head, tail]) => line.startsWith(head) && line.includes(tail));
      const lines = note.split('\n');
      const users = lines.filter((l, i) => !isFlag(l) && !(l === '' && isFlag(lines[i + 1]))).join('\n');
      if (flagNeeded) {
        const suggestion = nearest(typed, lookup.names());
        const flag = translator(ctx.lang)(suggestion ? 'note.unknownStageSuggest' : 'note.unknownStage', {
          value: typed.replace(/\s+/g, ' '), // one line: the flag is removed line by line
          suggestion: suggestion ?? '',
        });
        range.setNote(users ? `${users}\n\n${flag}` : flag);
      } else if (users !== note) range.setNote(users);
    }
  }

  const append = () => appendLogged(ss, ctx, history);
  if (history.length > 1) withDocumentLock(append);
  else append();
}
