// Custom functions (=STAGE_GAP(A2:N500) …). Range in, column out; a single row gives a single value.
// The header row and the stage model are not arguments: they are read from the spreadsheet (read-only,
// as custom functions must be) and cached for six hours. "Refresh formulas" clears that cache and
// recalculates, since Sheets does not re-run a custom function when only the Stages tab changes.
import { runInventory } from '../core/index';
import type { Inventory } from '../core/inventory';
import { cellText, isDateObject, normalizeKey } from '../core/normalize';
import { CustomerIndex } from '../core/objections';
import { columnLetter, HEADER_SCAN_ROWS } from '../core/register';
import { gapText } from '../core/report';
import { parseSettings } from '../core/settings';
import { parseStages, StageLookup } from '../core/stage-model';
import { openCustomers } from '../core/table';
import type { Cell, Lang, SheetData } from '../core/types';
import { type DateOrder, dateOrders } from '../core/values';
import { issueMessage, type MessageKey, translator } from '../i18n/messages';
import { todayIn } from './clock';
import { cachedContext } from './context-cache';
import { userLang } from './errors';
import {
  customerHeader,
  jsonTab,
  noCustomerSheet,
  readAll,
  readHistoryTab,
  readStart,
  readTab,
  readUnderHeader,
  sameHeader,
  tabName,
  tabRows,
} from './read';

const CACHE_SECONDS = 6 * 60 * 60;
/** The custom functions' names (Refresh formulas re-enters every formula that calls one). */
export const FUNCTION_NAMES = [
  'STAGE_GAP',
  'STAGE_OF',
  'STAGE_CHECK',
  'DAYS_IN_STAGE',
  'OBJECTION_STATUS',
  'REP_LOAD',
];

/** What every formula needs besides its argument: the customer header and the Pandian tabs. */
interface FormulaContext {
  customerSheet: string;
  /** 1-based sheet row of the header. */
  headerRow: number;
  header: Cell[];
  stages: SheetData | null;
  objections: SheetData | null;
  settings: SheetData | null;
  /** The History tab's name as the context was read (readers match names loosely), else null. */
  historySheet: string | null;
  /** The customer tab's date orders by column, from its first rows (a one-row formula has no more). */
  dateOrders: Record<number, DateOrder>;
  timeZone: string;
  lang: Lang;
}

/** A formula's error: Sheets shows the message in the cell. */
function fail(lang: Lang, key: MessageKey, params?: Record<string, string | number>): never {
  throw new Error(translator(lang)(key, params));
}

function loadContext(fresh = false): FormulaContext {
  return cachedContext('formula', CACHE_SECONDS, readContext, fresh);
}

/**
 * The context, its header checked against the customer tab's header row as it is now (one read): columns
 * inserted, deleted or moved since it was cached would put the formula's cells under the wrong names, and no
 * edit event tells of an insertion or deletion. Read afresh when they differ. `width`: the formula's columns.
 */
function checkedContext(width: number): FormulaContext {
  const ctx = loadContext();
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const columns = Math.max(ctx.header.length, width);
  const read = readUnderHeader(tabRows(ss, ctx.customerSheet, columns), ctx.headerRow);
  return read && isHeader(read.header, ctx) ? ctx : loadContext(true);
}

/** Whether `cells` are the context's header row (its dates read as blank, as the context keeps them). */
function isHeader(cells: readonly Cell[], ctx: FormulaContext): boolean {
  const text = (row: readonly Cell[]) => row.map((c) => (isDateObject(c) ? '' : cellText(c)));
  return sameHeader(text(cells), text(ctx.header));
}

/** The context with its customer tab, read afresh when the tab it names is gone (renamed since it was cached). */
function customerTab(): { ctx: FormulaContext; sheet: GoogleAppsScript.Spreadsheet.Sheet } {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  let ctx = loadContext();
  let sheet = ss.getSheetByName(ctx.customerSheet);
  if (!sheet) {
    ctx = loadContext(true);
    sheet = ss.getSheetByName(ctx.customerSheet);
  }
  return sheet ? { ctx, sheet } : fail(ctx.lang, 'fn.noHeader');
}

function readContext(): FormulaContext {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const start = readStart(ss);
  const { layout, settingsData } = start;
  const lang = userLang(start.settings.lang);
  const found = customerHeader(start);
  if (!found) {
    const { code, params } = noCustomerSheet(start, 'fn.noHeader');
    fail(lang, code, params);
  }
  const timeZone = ss.getSpreadsheetTimeZone();
  // The context is cached as JSON: the tabs' Dates go in as their day (jsonTab), not as a UTC time.
  return {
    customerSheet: found.head.name,
    headerRow: found.header.row + 1,
    header: found.cells.map((c) => (isDateObject(c) ? '' : c)),
    stages: jsonTab(readTab(layout, 'stages'), timeZone),
    objections: jsonTab(readTab(layout, 'objections'), timeZone),
    settings: jsonTab(settingsData, timeZone),
    historySheet: tabName(layout, 'history'),
    dateOrders: dateOrders(found.head.values.slice(0, HEADER_SCAN_ROWS), found.header.row + 1),
    timeZone,
    lang,
  };
}

/** A formula argument as rows: a single cell arrives as a value, a range as a 2D array. */
function asRows(input: unknown): Cell[][] {
  const rows: unknown[] = Array.isArray(input) ? input : [input];
  return rows.map((r) => (Array.isArray(r) ? (r as Cell[]) : [r as Cell]));
}

/** A formula argument that must be one column (a cell, or cells down a column): its values as text. */
function oneColumn(input: unknown, lang: Lang, fn: string): string[] {
  const rows = asRows(input);
  const got = rows[0]?.length ?? 0;
  if (got > 1) fail(lang, 'fn.oneColumn', { fn, got });
  return rows.map((r) => String(r[0] ?? '').trim());
}

/**
 * Core's inventory of one customer grid with the context's Stages, Objections and Settings tabs (and
 * any `extra` tabs); the one line of error a formula shows when there is none. With `keep` (the default)
 * every customer and state is kept: the formulas that answer per row read them all.
 */
function inventoryOf(
  ctx: FormulaContext,
  customer: SheetData,
  extra: SheetData[] = [],
  keep = true,
): Inventory {
  const sheets = [customer, ...extra, ctx.stages, ctx.objections, ctx.settings].filter((s) => s !== null);
  const outcome = runInventory({
    sheets,
    asOf: todayIn(ctx.timeZone),
    timeZone: ctx.timeZone,
    lang: ctx.lang,
    customerSheet: customer.name,
    keep,
    dateOrders: ctx.dateOrders,
  });
  if (!outcome.ok) fail(ctx.lang, 'fn.noHeader');
  return outcome.inventory;
}

/**
 * Runs core on the given rows placed under the customer header; returns one answer per input row.
 * Rows that are not customers (blank, totals…) answer ''.
 */
function perRow(
  input: unknown,
  answer: (inv: Inventory, i: number, t: ReturnType<typeof translator>, lang: Lang) => string | number,
  withHistory = false,
): string | number | (string | number)[][] {
  const rows = asRows(input);
  const got = rows[0]?.length ?? 0;
  const ctx = checkedContext(got);
  const width = ctx.header.length;
  // Columns past the header may be blank (A2:N500 over a narrower tab); a value there means the range does
  // not start at column A. The header is one core recognised, so it has at least two names: width is never 0.
  if (got > width && rows.some((r) => r.slice(width).some((c) => cellText(c) !== ''))) {
    fail(ctx.lang, 'fn.tooWide', { width, got });
  }
  // A range from the top of the tab (A1:N500, A:N) holds the header row, and any title above it: not customers.
  // Looked for where a header can be (the first rows), so a header repeated further down blanks no customer.
  const head = rows.slice(0, HEADER_SCAN_ROWS).findIndex((r) => isHeader(r.slice(0, width), ctx));
  // Days in stage come from History when the tab has no stage-entered column (read fresh, not cached).
  const history = withHistory
    ? readHistoryTab(SpreadsheetApp.getActiveSpreadsheet(), ctx.historySheet)
    : null;
  const inv = inventoryOf(
    ctx,
    { name: ctx.customerSheet, values: [ctx.header, ...rows.map((r, k) => (k > head ? r : []))] },
    history ? [history] : [],
  );
  // A range stopping short of a column Pandian reads would read that column as blank (every criterion
  // unmet, no stage): a confident wrong answer. Say which column the range must reach.
  const { roles, criteria, headers } = inv.table;
  const last = Math.max(...Object.values(roles), ...criteria.map((c) => c.col));
  if (got <= last) {
    const letter = columnLetter(last);
    fail(ctx.lang, 'fn.tooNarrow', { got, column: headers[last], letter });
  }
  const t = translator(ctx.lang);
  return column(answersOf(inv, rows.length, (i) => answer(inv, i, t, ctx.lang)));
}

/**
 * One answer per row of a synthetic grid (header on row 1, row k of the `count` on sheet row k + 2): rows
 * that are not customers answer ''.
 */
function answersOf(
  inv: Inventory,
  count: number,
  answer: (i: number) => string | number,
): (string | number)[] {
  const out: (string | number)[] = new Array(count).fill('');
  inv.table.customers.forEach((c, i) => {
    out[c.row - 2] = answer(i);
  });
  return out;
}

/** Answers as a formula returns them: a single value for one, else a column. */
function column(answers: (string | number)[]): string | number | (string | number)[][] {
  return answers.length === 1 ? answers[0] : answers.map((a) => [a]);
}

export function stageGap(rows: unknown): string | number | (string | number)[][] {
  return perRow(rows, (inv, i, t) =>
    inv.table.customers[i].status === 'open' ? gapText(inv, inv.states[i], t('word.items')) : '',
  );
}

export function stageOf(rows: unknown): string | number | (string | number)[][] {
  return perRow(rows, (inv, i) => {
    const c = inv.table.customers[i];
    if (c.status !== 'open') return c.stageText;
    const pos = inv.states[i].evidenced;
    return pos === null ? '' : (inv.stageAt[pos]?.name ?? '');
  });
}

export function stageCheck(rows: unknown): string | number | (string | number)[][] {
  return perRow(rows, (inv, i, t, lang) => {
    const check = inv.states[i].check;
    if (check !== 'none') return t(`check.${check}`);
    // An open customer whose stage is not one of the model's: say so, as the report's data issues do.
    const row = inv.table.customers[i].row;
    const unknown = inv.table.issues.find((x) => x.row === row && x.code === 'unknown-stage');
    return unknown ? issueMessage(unknown, lang) : '';
  });
}

export function daysInStage(rows: unknown): string | number | (string | number)[][] {
  return perRow(rows, (inv, i) => inv.states[i].daysInStage ?? '', true);
}

/**
 * Each value's [id, name]: its customer on the customer tab (read whole, its header found afresh, as core finds
 * it) by core's own rule (CustomerIndex: the id, else the name), so a column of names finds the objections filed
 * under ids, and the other way round. A value no customer answers to stands as both.
 */
function idsAndNames(
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  ctx: FormulaContext,
  values: string[],
): string[][] {
  const keys =
    openCustomers(readAll(sheet, ctx.customerSheet), {
      timeZone: ctx.timeZone,
      model: (ctx.stages && parseStages(ctx.stages)?.model) ?? null,
      mapping: parseSettings(ctx.settings).settings.mapping,
    })?.keys() ?? [];
  const index = new CustomerIndex(keys);
  return values.map((v) => {
    const found = keys[index.find(v)];
    return found ? [found.id, found.name] : [v, v];
  });
}

/** Objection status for customer names or ids: "2 open · 1 overdue · blocking". */
export function objectionStatus(customers: unknown): string | number | (string | number)[][] {
  const { ctx, sheet } = customerTab();
  const t = translator(ctx.lang);
  const pairs = idsAndNames(sheet, ctx, oneColumn(customers, ctx.lang, 'OBJECTION_STATUS'));
  // Objections are linked by core; a minimal customer tab of these customers is enough, each value with its
  // id and name from the customer tab (an objection may name either), else the value as both. Core links an
  // objection to the first row answering to it, so a customer listed twice (or by name and by id) is one row.
  const rowOf = new Map<string, number>();
  const unique: string[][] = [];
  const at = pairs.map((p) => {
    const key = p.map(normalizeKey).join('\u0000');
    if (!rowOf.has(key)) rowOf.set(key, unique.push(p) - 1);
    return rowOf.get(key) as number;
  });
  // Settings stay out: a column mapping there is for the real customer tab, not this two-column one.
  const inv = inventoryOf(
    { ...ctx, settings: null },
    { name: 'Customers', values: [['ID', 'Customer'], ...unique] },
  );
  const answers = answersOf(inv, unique.length, (i) => {
    const s = inv.states[i].objections;
    const parts: string[] = [];
    if (s.open > 0) parts.push(t('fn.open', { n: s.open }));
    if (s.overdue > 0) parts.push(t('fn.overdue', { n: s.overdue }));
    if (s.blocking > 0) parts.push(t('fn.blocking'));
    return parts.length ? parts.join(' · ') : s.lastResolution ? t(`resolution.${s.lastResolution}`) : '—';
  });
  return column(at.map((k) => answers[k]));
}

/**
 * Open customers of a rep (optionally at one stage), from the whole customer tab; a column of reps answers
 * a column. "(no rep)", as the report labels it, is the customers with no rep; a blank cell answers blank.
 */
export function repLoad(rep: unknown, stage?: unknown): string | number | (string | number)[][] {
  const { ctx, sheet } = customerTab();
  const reps = oneColumn(rep, ctx.lang, 'REP_LOAD');
  const stageCells = asRows(stage ?? '');
  if (stageCells.length > 1 || stageCells[0].length > 1) fail(ctx.lang, 'fn.oneCell');
  // The reps' totals only: no customer of the whole tab is kept.
  const inv = inventoryOf(ctx, readAll(sheet, ctx.customerSheet), [], false);
  const stageText = String(stageCells[0][0] ?? '').trim();
  const found = stageText === '' ? -1 : new StageLookup(inv.table.model).find(stageText);
  if (stageText !== '' && found < 0) fail(ctx.lang, 'fn.unknownStage', { stage: stageText });
  const pos = inv.openStages.indexOf(found);
  // A known stage that is not open (won, lost, on hold): a rep's load is its open customers.
  if (found >= 0 && pos < 0) fail(ctx.lang, 'fn.closedStage', { stage: stageText });
  const noRep = new Set((['zh', 'en'] as const).map((l) => normalizeKey(translator(l)('report.noRep'))));
  return column(
    reps.map((who) => {
      if (who === '') return '';
      // The rep as written, else as the reader matches names (case and spacing aside): "ann" is Ann.
      const key = normalizeKey(who);
      const load =
        inv.reps.find((r) => r.rep === who) ??
        inv.reps.find((r) => (r.rep === '' ? noRep.has(key) : normalizeKey(r.rep) === key));
      return !load ? 0 : pos < 0 ? load.open : load.byStage[pos];
    }),
  );
}
