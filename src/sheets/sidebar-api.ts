// The sidebar's server functions: everything google.script.run may call from dist/Sidebar.html. The client
// derives its types from this file. Payloads are JSON only (dates as 'YYYY-MM-DD'). The customer card reads a
// fixed number of cells whatever the row count (the header row, the selected row, the Objections tab) and keeps
// the header and stage model in the document cache for a few minutes. Every write runs under the document
// lock, first re-reads the target row to check it still holds the customer the card showed, and touches only
// the target cells.
import { dateOfDay, dayFromIso, isoOfDay } from '../core/days';
import { runInventory } from '../core/index';
import type { Inventory, ObjectionTotals, RepLoad, StageCheck } from '../core/inventory';
import { cellText, isBlank, isBlankGrid } from '../core/normalize';
import {
  CustomerIndex,
  isOpenObjection,
  isOverdue,
  isUnsupervised,
  parseObjections,
} from '../core/objections';
import { columnLetter, HEADER_SCAN_ROWS, type Located, locateColumns } from '../core/register';
import { isOwnSettings, mappingRole, parseSettings } from '../core/settings';
import { stagesGrid } from '../core/stage-grid';
import { type Customer, detectHeader } from '../core/table';
import { headersOf, nameIn, OBJECTION_COLUMNS, SETTINGS_COLUMNS, TAB_NAMES, type TabId } from '../core/tabs';
import {
  type Cell,
  type Day,
  type Lang,
  OBJECTION_STATUSES,
  OBJECTION_TYPES,
  type ObjectionStatus,
  type ObjectionType,
  RESOLUTIONS,
  type Resolution,
  ROLES,
  type Role,
  type SheetData,
  type Stage,
  type StageKind,
  TEMPLATE_IDS,
  type TemplateId,
} from '../core/types';
import { type DateOrder, dateOrders, parseMark } from '../core/values';
import { issueMessage, type MessageKey, translator } from '../i18n/messages';
import { todayIn } from './clock';
import { inventoryCommand } from './commands';
import { cachedContext, forgetContexts } from './context-cache';
import { errorMessage, PageError, PandianError, userLang, withDocumentLock } from './errors';
import {
  activeRows,
  headOf,
  inventoryOfSpreadsheet,
  jsonCells,
  jsonTab,
  modelFromData,
  noCustomerSheet,
  readAll,
  readHistoryTab,
  readStart,
  readTab,
  readUnderHeader,
  sameHeader,
  tabNames,
  tabRows,
  withoutTrailingBlanks,
} from './read';
import { setupSheets } from './setup';
import { logSidebarWrite, userOf } from './triggers';
import { asSheetText, writeRowsAt } from './write-report';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

// ---- Payloads (JSON only) ----

/** Which customer a write is for: the row the card was drawn from, and who was on it. */
export interface RowTarget {
  sheet: string;
  row: number;
  id: string;
  name: string;
  /**
   * The row's stage as the card showed it. Without an id, deals may share a name (an account's deals): after a
   * sort the stage tells them apart, so a write for one never lands on another.
   */
  stage?: string;
}

export interface SidebarStart {
  lang: Lang;
  today: string;
}

/** One exit criterion of the stage model, as this customer's row records it. */
export interface CriterionState {
  name: string;
  kind: 'element' | 'commitment';
  /** Position of its stage among `stages`; -1 when that is not an open stage. */
  stage: number;
  met: boolean;
  /** Header of the column that records it; null when the customer tab has none. */
  column: string | null;
}

/** An objection of the customer as the card shows it; open and overdue as core rules them. */
export interface ObjectionView {
  row: number;
  id: string;
  type: ObjectionType;
  text: string;
  status: ObjectionStatus;
  /** The plan cell's whole text (see wholeText), which the page edits. */
  plan: string;
  due: string | null;
  resolution: Resolution | null;
  blocking: boolean;
  open: boolean;
  overdue: boolean;
  /** Closed (resolved or accepted) and nobody has reviewed it: the supervision step is still to do. */
  unsupervised: boolean;
}

export interface CustomerCard {
  target: RowTarget;
  today: string;
  rep: string;
  status: StageKind;
  stageText: string;
  /** The open stages in order: the ladder. */
  stages: string[];
  /** Positions among `stages` of the declared stage and of the furthest stage whose criteria before it are met. */
  declared: number | null;
  evidenced: number | null;
  /** Position the customer is worked at; null for won/lost/on-hold customers or a model without stages. */
  current: number | null;
  check: StageCheck;
  /** The stage the checklist leads to; null when `current` is. */
  nextStage: string | null;
  criteria: CriterionState[];
  actions: string[];
  guidance: string;
  support: string[];
  daysInStage: number | null;
  maxDays: number | null;
  stalled: boolean;
  /**
   * The row has a stage but no Stage entered date, and the spreadsheet has a History tab: its days in stage (and
   * so `stalled`) are in History, which a poll does not read. The page asks sidebarStageClock for them.
   */
  historyClock: boolean;
  daysSinceContact: number | null;
  /** Open and not contacted for more than Settings' No-contact days. */
  outOfTouch: boolean;
  nextAction: {
    /** The cell's whole text (see wholeText), which the page edits. */
    text: string;
    due: string | null;
    state: 'ok' | 'missing' | 'overdue' | null;
    hasText: boolean;
    hasDue: boolean;
  };
  objections: ObjectionView[];
  /** Cells of this row Pandian cannot read. */
  issues: { column: string; value: string; message: string }[];
}

/** What History tells of a card's stage clock (see sidebarStageClock). */
export interface StageClock {
  daysInStage: number | null;
  stalled: boolean;
}

export type CustomerView =
  | { kind: 'customer'; card: CustomerCard }
  | { kind: 'elsewhere'; sheet: string; customerSheet: string }
  | { kind: 'header'; row: number; customerSheet: string }
  | { kind: 'not-customer'; row: number; customerSheet: string }
  /** `why`: the server's words for it (a tab Settings names and the spreadsheet lacks), else the page's own. */
  | { kind: 'no-sheet'; why: string | null };

export interface NewObjection {
  type: ObjectionType;
  text: string;
  plan: string;
  due: string;
  blocking: boolean;
}

/** The objection row the card showed. */
export interface ObjectionRef {
  row: number;
  id: string;
  text: string;
}

/** A field left out (or null) is left as it is; '' clears one. */
export interface ObjectionChange {
  status?: ObjectionStatus | null;
  resolution?: Resolution | '' | null;
  plan?: string | null;
  due?: string | null;
  /** true: the supervision step, done now by the user (Reviewed by and Reviewed on, where they are empty). */
  reviewed?: true | null;
}

export interface TeamMember {
  row: number;
  name: string;
  rep: string;
}

export interface TeamView {
  asOf: string;
  customerSheet: string;
  /** The open stages in order; a `stage` below is a position in it. */
  stages: string[];
  /** The criteria of the stage model; a `criterion` or `missing` below is an index into it, -1 for none. */
  criteria: string[];
  reps: RepLoad[];
  /** No rep has a WIP band: the view says how to get one (Inventory.noBand). */
  noBand: boolean;
  /**
   * Stalled customers and holds whose resume date passed, as the report lists them. `stage`: the open stage
   * (position) it stalls at; -1 on hold. `resumeDue`: the resume date that passed, else null.
   */
  stalled: (TeamMember & {
    stage: number;
    days: number | null;
    maxDays: number | null;
    resumeDue: string | null;
  })[];
  /** How many customers are stalled: `stalled` lists the first LIST_LIMIT of them. */
  stalledTotal: number;
  /** No stall limit is set: the view says so rather than that nothing is stalled (Inventory.noStallLimit). */
  noStallLimit: boolean;
  objections: Pick<
    ObjectionTotals,
    'open' | 'overdue' | 'blocking' | 'unplanned' | 'unsupervised' | 'byType'
  >;
  cohorts: {
    stage: number;
    criterion: number;
    lacking: number;
    reps: number;
    size: number;
    /** The first members, each with the first criterion it lacks. */
    members: (TeamMember & { missing: number })[];
  }[];
}

export interface InventoryRun {
  seconds: number;
  tab: string | null;
  issues: number;
}

export interface SetupView {
  lang: Lang;
  template: TemplateId | 'sheet' | null;
  tabs: { id: TabId; name: string | null }[];
  customerSheet: string | null;
  headerRow: number | null;
  /** The header row's cells (a column is an index into it); [] without a customer tab. */
  header: string[];
  /** The column Pandian reads for each role now. */
  columns: Partial<Record<Role, number>>;
  /** The header Settings maps each role to ("map:" rows), whether or not it was found. */
  mapping: Partial<Record<Role, string>>;
  /** Criteria of the stage model; `col` is -1 when the customer tab has no column for it. */
  criteria: { name: string; stage: string; col: number }[];
}

export interface MappingChange {
  role: Role;
  /** A header of the customer tab; '' returns the role to automatic detection. */
  header: string;
}

// ---- Reading: the context every card needs, cached ----

const CACHE_SECONDS = 300;
const MEMBER_LIMIT = 100;
const LIST_LIMIT = 50;

/** The header and stage model of the customer tab, and where the other Pandian tabs are. */
interface SheetContext {
  customer: {
    sheet: string;
    /** The tab's id, so a poll knows the selection is on it from one getGridId. */
    sheetId: number;
    /** 1-based. */
    headerRow: number;
    header: string[];
    /** False when the header row was only guessed (fewer than two known roles): no cards then. */
    detected: boolean;
  } | null;
  /** The Stages tab, or the model derived from the stage values written as one (JSON-safe cells). */
  stages: SheetData | null;
  settings: SheetData | null;
  /** The name of each Pandian tab the spreadsheet has, as the layout listed them (null: none). */
  tabs: Record<TabId, string | null>;
  /**
   * The Objections tab's cells (JSON-safe) when small enough to cache. Every edit of that tab forgets the
   * context (onEdit), and so does every sidebar write to it, so a card never shows a stale register for
   * longer than a row deletion takes to be noticed by the cache's expiry.
   */
  objections: SheetData | null;
  settingsLang: Lang | null;
  timeZone: string;
  /** The customer tab's date orders by column, from its first rows (a card reads one row). */
  dateOrders: Record<number, DateOrder>;
  /** With no customer tab, the refusal that says why (naming the tab Settings names, when it is not there). */
  missing: { code: MessageKey; params: Record<string, string | number> } | null;
}

/** Largest Objections tab (as JSON) kept in the cached context; a larger one is read by each card. */
const OBJECTIONS_CACHED = 60000;

/** The context from the cache, or read afresh (writes always read afresh: columns may have moved). */
function loadContext(ss: Spreadsheet, fresh: boolean): SheetContext {
  return cachedContext('sidebar', CACHE_SECONDS, () => buildContext(ss), fresh);
}

function buildContext(ss: Spreadsheet): SheetContext {
  const timeZone = ss.getSpreadsheetTimeZone();
  // The customer tab as every reader chooses it; only its first rows are read here.
  const start = readStart(ss);
  const { layout, settingsData, settings, chosen } = start;

  let customer: SheetContext['customer'] = null;
  let orders: Record<number, DateOrder> = {};
  if (chosen) {
    // The head's grid is as long as the tab (the rows past the head are holes): only the head is kept.
    const head = jsonCells(headOf(chosen).values.slice(0, HEADER_SCAN_ROWS), timeZone);
    const found = detectHeader(head, settings.mapping);
    // Nothing recognised yet: offer the first row with two or more cells, so Setup can map it by hand.
    const r = found ? found.row : head.findIndex((row) => row.filter((c) => !isBlank(c)).length >= 2);
    if (r >= 0) {
      orders = dateOrders(head, r + 1);
      customer = {
        sheet: chosen.name,
        sheetId: chosen.sheet.getSheetId(),
        headerRow: r + 1,
        header: withoutTrailingBlanks(head[r].map((c) => cellText(c))),
        detected: found !== null,
      };
    }
  }

  let stages = jsonTab(readTab(layout, 'stages'), timeZone);
  // No Stages tab and no template chosen (or "from my data"): the model comes from the stage values.
  if (!stages && (settings.template ?? 'data') === 'data' && chosen && customer?.detected) {
    stages = derivedStages(chosen.sheet, customer, settings.mapping, timeZone, userLang(settings.lang));
  }
  const objections = jsonTab(readTab(layout, 'objections'), timeZone);
  const refusal = chosen ? null : noCustomerSheet(start);
  const small = objections !== null && JSON.stringify(objections.values).length < OBJECTIONS_CACHED;
  return {
    customer,
    stages,
    settings: jsonTab(settingsData, timeZone),
    tabs: tabNames(layout),
    objections: small ? objections : null,
    settingsLang: settings.lang ?? null,
    timeZone,
    missing: refusal && { code: refusal.code, params: refusal.params },
    dateOrders: orders,
  };
}

/** "From my data" (modelFromData), as a Stages grid: cached with the context, so a card never needs the whole tab. */
function derivedStages(
  sheet: Sheet,
  customer: NonNullable<SheetContext['customer']>,
  mapping: Partial<Record<Role, string>>,
  timeZone: string,
  lang: Lang,
): SheetData | null {
  const model = modelFromData(sheet, customer.sheet, customer.headerRow, customer.header, mapping, timeZone);
  return model && { name: nameIn(TAB_NAMES.stages, lang), values: stagesGrid(model, lang) };
}

// ---- Running a server function ----

interface Call {
  ss: Spreadsheet;
  /**
   * The context as cached, or read afresh when asked (writes read their own afresh, inside the lock). Loaded
   * on first use: Team, Run inventory and Set up sheets read the spreadsheet themselves, and on a cold cache
   * would otherwise read Settings, Stages and Objections twice.
   */
  readonly ctx: SheetContext;
  /** Settings' language, else the page's, else the user's locale (needs the context: also on first use). */
  readonly lang: Lang;
  /** Reads the context afresh (a write does, inside the lock); ctx and lang follow it from then on. */
  reread(): SheetContext;
}

/**
 * Runs one server function; any failure reaches the client as one line: a refusal as its code and params
 * (PageError, which the page puts in words), anything else translated here. `clientLang` is the
 * language sidebarStart gave the page (Settings, else the user's locale), so a poll need not ask again.
 */
function serve<T>(work: (call: Call) => T, options: { clientLang?: unknown; fresh?: boolean } = {}): T {
  const { clientLang, fresh = false } = options;
  let ctx: SheetContext | undefined;
  let lang: Lang | undefined;
  // The language of any failure: the call's once there is one (see the catch).
  let language = (): Lang => userLang();
  try {
    const ss = SpreadsheetApp.getActiveSpreadsheet();
    const context = (): SheetContext => (ctx ??= loadContext(ss, fresh));
    language = () => (lang ??= context().settingsLang ?? LANGS.find((l) => l === clientLang) ?? userLang());
    return work({
      ss,
      get ctx() {
        return context();
      },
      get lang() {
        return language();
      },
      reread() {
        ctx = loadContext(ss, true);
        lang = undefined;
        return ctx;
      },
    });
  } catch (e) {
    if (e instanceof PageError) throw e;
    // In the page's language also when the function failed before it asked for it (the context, if it
    // cannot be read either, gives way to the user's locale).
    let said: Lang;
    try {
      said = language();
    } catch {
      said = userLang();
    }
    throw new Error(errorMessage(e, said));
  }
}

function requireCustomer(ctx: SheetContext): NonNullable<SheetContext['customer']> {
  if (!ctx.customer?.detected)
    throw new PandianError(ctx.missing?.code ?? 'error.noCustomerSheet', ctx.missing?.params);
  return ctx.customer;
}

/** The Objections tab: from the cached context when it holds it, else read now. */
function readObjections(ss: Spreadsheet, ctx: SheetContext): SheetData | null {
  const name = ctx.tabs.objections;
  if (ctx.objections || !name) return ctx.objections;
  const sheet = ss.getSheetByName(name);
  return sheet && readAll(sheet, name);
}

/**
 * Core's inventory of the customer tab's header over `rows`, with the context's Stages and Settings tabs, and
 * the Objections and History tabs when given.
 */
function inventoryOf(
  ctx: SheetContext,
  lang: Lang,
  rows: Cell[][],
  objections: SheetData | null,
  history: SheetData | null = null,
): Inventory | null {
  const customer = requireCustomer(ctx);
  const tab = { name: customer.sheet, values: [customer.header, ...rows] };
  const outcome = runInventory({
    sheets: [tab, ctx.settings, objections, history].filter((s) => s !== null),
    asOf: todayIn(ctx.timeZone),
    timeZone: ctx.timeZone,
    lang,
    customerSheet: customer.sheet,
    stagesSheet: ctx.stages ?? undefined,
    dateOrders: ctx.dateOrders,
  });
  return outcome.ok ? outcome.inventory : null;
}

/**
 * Core's inventory of one row (its `cells` when read already, else read now): the header and the row make a
 * two-row customer tab (blank rows keep a row far below the header from being read as a notes row). Returns
 * null when the row is not a customer; else the inventory with the row's cells.
 */
function inventoryOfRow(
  ss: Spreadsheet,
  ctx: SheetContext,
  lang: Lang,
  row: number,
  objections: SheetData | null,
  cells?: Cell[],
  history: SheetData | null = null,
): { inv: Inventory; cells: Cell[] } | null {
  const { sheet, headerRow, header } = requireCustomer(ctx);
  const values = cells ?? tabRows(ss, sheet, header.length)(row, row)[0];
  const gap = Math.min(row - headerRow - 1, 2);
  const rows: Cell[][] = [...Array.from({ length: gap }, () => [] as Cell[]), values];
  const inv = inventoryOf(ctx, lang, rows, objections, history);
  return inv?.table.customers.length === 1 ? { inv, cells: values } : null;
}

/**
 * A cell's whole text, for the fields the page edits and sends back: core keeps at most TEXT_LIMIT characters of
 * a cell, and a cut text saved over the cell would lose the rest of what the user wrote. Sheets holds at most
 * CELL_TEXT characters in a cell, which bounds it.
 */
function wholeText(cell: Cell, timeZone: string): string {
  return typeof cell === 'string' ? cell.trim() : cellText(cell, timeZone);
}

/** The most characters a Sheets cell holds. */
const CELL_TEXT = 50000;

function iso(day: Day | null): string | null {
  return day === null ? null : isoOfDay(day);
}

/** The stage the customer of a one-row inventory is worked at; undefined unless it is open and there are stages. */
function workedStage(inv: Inventory): Stage | undefined {
  return inv.table.customers[0].status === 'open' ? inv.stageAt[inv.states[0].current] : undefined;
}

/** The card for one customer row, from core's inventory of that row, its cells and the Objections tab. */
function cardOf(
  inv: Inventory,
  cells: Cell[],
  objections: SheetData | null,
  target: RowTarget,
  lang: Lang,
  ctx: SheetContext,
): CustomerCard {
  const { timeZone } = ctx;
  const c = inv.table.customers[0];
  const planCol = objections && locateColumns(objections.values, OBJECTION_COLUMNS)?.cols.plan;
  const s = inv.states[0];
  const { model, criteria, roles } = inv.table;
  const stage = workedStage(inv);
  return {
    target,
    today: isoOfDay(inv.asOf),
    rep: c.rep,
    status: c.status,
    stageText: c.stageText,
    stages: inv.stageAt.map((st) => st.name),
    declared: s.declaredPos,
    evidenced: s.evidenced,
    current: stage ? s.current : null,
    check: s.check,
    nextStage: stage && s.nextStage !== null ? model.stages[s.nextStage].name : null,
    criteria: criteria.map((cr, k) => ({
      name: cr.criterion.name,
      kind: cr.criterion.kind,
      stage: inv.openStages.indexOf(cr.stage),
      met: c.met[k] === 1,
      column: inv.table.headers[cr.col] ?? null,
    })),
    actions: stage?.actions ?? [],
    guidance: stage?.guidance ?? '',
    support: stage ? (c.support.length > 0 ? c.support : stage.support) : [],
    daysInStage: s.daysInStage,
    // A hold with no resume date stalls as an open customer does: its limit is shown too.
    maxDays: stage || c.status === 'hold' ? s.stallLimit : null,
    stalled: s.stalled,
    historyClock:
      s.daysInStage === null &&
      ctx.tabs.history !== null &&
      roles.stage !== undefined &&
      c.stageText !== '' &&
      (c.status === 'open' || c.status === 'hold'),
    daysSinceContact: s.daysSinceContact,
    outOfTouch: s.outOfTouch,
    nextAction: {
      text: wholeText(cells[roles.nextAction ?? -1], timeZone),
      due: iso(c.nextActionDue),
      state: s.nextAction,
      hasText: roles.nextAction !== undefined,
      hasDue: roles.nextActionDue !== undefined,
    },
    objections: inv.objections
      .filter((o) => o.customer === 0)
      .map((o) => ({
        row: o.row,
        id: o.id,
        type: o.type,
        text: o.text,
        status: o.status,
        plan: planCol == null ? '' : wholeText(objections!.values[o.row - 1][planCol], timeZone),
        due: iso(o.due),
        resolution: o.resolution,
        blocking: o.blocking,
        open: isOpenObjection(o),
        overdue: isOverdue(o, inv.asOf),
        unsupervised: isUnsupervised(o),
      })),
    issues: inv.issues
      .filter((i) => i.sheet === inv.table.sheet && i.row === c.row && i.column !== '')
      .map((i) => ({ column: i.column, value: i.value, message: issueMessage(i, lang) })),
  };
}

/** The view for a row of the customer tab (its cells read now), with the Objections tab. */
function viewOfRow(
  ss: Spreadsheet,
  ctx: SheetContext,
  lang: Lang,
  row: number,
  cells?: Cell[],
): CustomerView {
  const customer = requireCustomer(ctx);
  if (row <= customer.headerRow) return { kind: 'header', row, customerSheet: customer.sheet };
  const objections = readObjections(ss, ctx);
  const read = inventoryOfRow(ss, ctx, lang, row, objections, cells);
  if (!read) return { kind: 'not-customer', row, customerSheet: customer.sheet };
  const c = read.inv.table.customers[0];
  const target: RowTarget = { sheet: customer.sheet, row, id: c.id, name: c.name, stage: c.stageText };
  return { kind: 'customer', card: cardOf(read.inv, read.cells, objections, target, lang, ctx) };
}

// ---- Safe writes ----

/** The target row as read afresh inside the lock, and what it takes to write it. */
interface OpenTarget {
  call: Call;
  ctx: SheetContext;
  sheet: Sheet;
  inv: Inventory;
  /** The row's cells as read now. */
  cells: Cell[];
  t: ReturnType<typeof translator>;
  /** A day as the cell value that records it in the spreadsheet's time zone: '' for none. */
  dateCell: (day: Day | null) => Date | '';
}

/**
 * Re-reads the target row (with a fresh header: columns may have moved) and checks it still holds the customer
 * the card was drawn for. Call inside the document lock.
 */
/**
 * Whether the customer read on a row is the one the card was drawn for: the same id and name and, without an id
 * (an account's deals may share a name), the same stage.
 */
function holds(c: Customer | undefined, target: RowTarget): boolean {
  if (!c || c.id !== target.id || c.name !== target.name) return false;
  return target.id !== '' || typeof target.stage !== 'string' || c.stageText === target.stage;
}

function openTarget(call: Call, target: RowTarget): OpenTarget {
  const ctx = call.reread();
  const customer = requireCustomer(ctx);
  const { row, id, name } = target;
  const sheet = target.sheet === customer.sheet ? call.ss.getSheetByName(target.sheet) : null;
  const read =
    sheet && Number.isInteger(row) && row > customer.headerRow && row <= sheet.getLastRow()
      ? inventoryOfRow(call.ss, ctx, call.lang, row, null)
      : null;
  if (!sheet || !read || !holds(read.inv.table.customers[0], target))
    throw new PageError('rowChanged', { row, name: name || id });
  const dateCell = (day: Day | null) => (day === null ? '' : dateOfDay(day, ctx.timeZone));
  return { call, ctx, sheet, ...read, t: translator(call.lang), dateCell };
}

/**
 * Checks the target, runs a write of the target row under the lock, then answers with the card of the same row
 * read afresh. A write to the Objections tab forgets the cached context, which holds that tab. Check the input
 * before calling.
 */
function writeRow(target: RowTarget, write: (open: OpenTarget) => void, objections = false): CustomerView {
  checkTarget(target);
  return serve((call) => {
    withDocumentLock(() => write(openTarget(call, target)));
    if (objections) forgetContexts('sidebar');
    const ctx = loadContext(call.ss, false);
    if (ctx.customer?.sheet !== target.sheet)
      throw new PageError('rowChanged', { row: target.row, name: target.name });
    return viewOfRow(call.ss, ctx, call.lang, target.row);
  });
}

/** A text field from the page, trimmed: '' when left out; any other kind of value is refused, never read as ''. */
function text(value: unknown, field: string, max = 2000): string {
  if (value === undefined) return '';
  if (typeof value !== 'string') throw new PageError('badInput', { field });
  return value.trim().slice(0, max);
}

/** The refusal to replace what a cell holds (column index `col`, sheet row `row`): it names the cell and the value. */
function kept(col: number, row: number, value: string): PageError {
  return new PageError('markKept', { cell: `${columnLetter(col)}${row}`, value });
}

function oneOf<T extends string>(list: readonly T[], value: unknown, field: string): T {
  if (typeof value === 'string' && (list as readonly string[]).includes(value)) return value as T;
  throw new PageError('badInput', { field });
}

/** A field the page may leave out (or send as null): undefined when it did, else as `check` reads it. */
function given<T>(value: unknown, check: (value: unknown) => T): T | undefined {
  return value == null ? undefined : check(value);
}

/** A date from the page ('YYYY-MM-DD'); null for none (undefined or ''). */
function checkDay(value: unknown): Day | null {
  if (value === undefined || value === '') return null;
  const day = typeof value === 'string' ? dayFromIso(value) : null;
  if (day === null) throw new PageError('badDate', { value: String(value) });
  return day;
}

function checkTarget(target: RowTarget): void {
  if (
    typeof target?.sheet !== 'string' ||
    typeof target.row !== 'number' ||
    typeof target.id !== 'string' ||
    typeof target.name !== 'string' ||
    (target.stage !== undefined && typeof target.stage !== 'string')
  ) {
    throw new PageError('badInput', { field: 'target' });
  }
}

/** The Objections tab with its columns, created with headers in `lang` when missing. */
function objectionsTab(
  call: Call,
  ctx: SheetContext,
  create: boolean,
): Located<keyof typeof OBJECTION_COLUMNS> & { sheet: Sheet; values: Cell[][] } {
  let sheet = ctx.tabs.objections ? call.ss.getSheetByName(ctx.tabs.objections) : null;
  if (!sheet) {
    if (!create) throw new PageError('noObjectionsTab');
    sheet = call.ss.insertSheet(nameIn(TAB_NAMES.objections, call.lang));
    forgetContexts('sidebar');
  }
  let values = sheet.getDataRange().getValues() as Cell[][];
  // A new tab, or one left empty: it gets the headers.
  if (isBlankGrid(values)) {
    const headers = headersOf(OBJECTION_COLUMNS, call.lang);
    writeRowsAt(sheet, 1, [headers]); // row 1, with the columns a narrow tab lacks
    values = [headers];
  }
  const located = locateColumns(values, OBJECTION_COLUMNS);
  if (!located || located.cols.objection === undefined || located.cols.customer === undefined) {
    throw new PageError('objectionsUnreadable', { sheet: sheet.getName() });
  }
  return { sheet, values, ...located };
}

/** Next id in the style of the last numbered id of the tab ("OBJ-007" → "OBJ-008"), else OBJ-001. */
function nextObjectionId(ids: string[]): string {
  const last = ids
    .map((id) => /^(.*?)(\d+)$/.exec(id))
    .filter((m) => m !== null)
    .pop();
  const prefix = last ? last[1] : 'OBJ-';
  const width = last ? last[2].length : 3;
  let max = 0;
  for (const id of ids) {
    const n = id.startsWith(prefix) ? Number(id.slice(prefix.length)) : 0;
    if (Number.isInteger(n) && n > max) max = n;
  }
  return prefix + String(max + 1).padStart(width, '0');
}

// ---- The server functions ----

/** Language and today's date for the sidebar. */
export function sidebarStart(): SidebarStart {
  return serve(({ ctx, lang }) => ({ lang, today: todayIn(ctx.timeZone) }));
}

/** The customer view for the row the user has selected. */
export function sidebarCustomer(clientLang?: string): CustomerView {
  return serve(
    ({ ss, ctx, lang }) => {
      const customer = ctx.customer;
      if (!customer?.detected)
        return {
          kind: 'no-sheet',
          why: ctx.missing && translator(lang)(ctx.missing.code, ctx.missing.params),
        };
      const { sheet, headerRow, header } = customer;
      const range = ss.getActiveRange();
      if (!range || range.getGridId() !== customer.sheetId) {
        const name = ss.getActiveSheet().getName();
        if (name !== sheet) return { kind: 'elsewhere', sheet: name, customerSheet: sheet };
        // The customer tab under the same name but another id (deleted and made again): read afresh.
        if (range) return viewOfRow(ss, loadContext(ss, true), lang, range.getRow());
        return { kind: 'header', row: 0, customerSheet: sheet };
      }
      const row = range.getRow();
      if (row <= headerRow) return { kind: 'header', row, customerSheet: sheet };
      // The header may have moved since it was cached (columns inserted or deleted): it is read with the row
      // and, when it differs, the context is read afresh. The selection is on the active tab: read it there.
      const read = readUnderHeader(activeRows(ss, header.length), headerRow, { from: row, to: row });
      const values = read && sameHeader(read.header, header) ? read.rows[0] : undefined;
      return viewOfRow(ss, values ? ctx : loadContext(ss, true), lang, row, values);
    },
    { clientLang },
  );
}

/**
 * Days in stage from History for a card drawn with `historyClock` (the page asks once per customer and stage,
 * not at every poll): core's inventory of the target row with the History tab read whole. Null when the row no
 * longer holds that customer, or the History tab is gone.
 */
export function sidebarStageClock(target: RowTarget, clientLang?: string): StageClock | null {
  checkTarget(target);
  return serve(
    ({ ss, ctx, lang }) => {
      const customer = requireCustomer(ctx);
      if (target.sheet !== customer.sheet || target.row <= customer.headerRow) return null;
      const history = readHistoryTab(ss, ctx.tabs.history);
      if (!history) return null;
      const read = inventoryOfRow(ss, ctx, lang, target.row, null, undefined, history);
      if (!read || !holds(read.inv.table.customers[0], target)) return null;
      const { daysInStage, stalled } = read.inv.states[0];
      return { daysInStage, stalled };
    },
    { clientLang },
  );
}

/** Writes today's date into the criterion's cell of the target row. */
export function sidebarMarkMet(target: RowTarget, criterion: string): CustomerView {
  return writeRow(target, ({ call, ctx, inv, cells, sheet, dateCell }) => {
    const k = inv.table.criteria.findIndex((c) => c.criterion.name === criterion);
    const col = inv.table.criteria[k]?.col ?? -1;
    if (col < 0) throw new PageError('noColumn', { name: String(criterion) });
    if (inv.table.customers[0].met[k] === 1) return;
    // Only a blank or a not-met mark Pandian reads is replaced: a formula, or text it can't read ("waiting for
    // the CFO"), is the user's. A checkbox (a cell holding FALSE) is ticked; any other cell gets today's date.
    const range = sheet.getRange(target.row, col + 1);
    const formula = range.getFormula();
    if (formula || typeof parseMark(cells[col]) !== 'boolean')
      throw kept(col, target.row, formula || cellText(cells[col], ctx.timeZone));
    const value = typeof cells[col] === 'boolean' ? true : dateCell(inv.asOf);
    range.setValue(value);
    const { sheet: name, header } = requireCustomer(ctx);
    const write = { sheet: name, header, row: target.row, col, customer: target.name, id: target.id };
    logSidebarWrite(call.ss, write, cellText(cells[col], ctx.timeZone), cellText(value, ctx.timeZone));
  });
}

/**
 * Sets the next action and its due date ('' clears; a field left out or null is left as it is); only the cells
 * whose value changes are written.
 */
export function sidebarSetNextAction(
  target: RowTarget,
  action: { text?: string | null; due?: string | null },
): CustomerView {
  const wantText = given(action?.text, (v) => text(v, 'text', CELL_TEXT));
  const wantDue = given(action?.due, checkDay);
  return writeRow(target, ({ ctx, inv, cells, sheet, dateCell }) => {
    const { roles } = inv.table;
    const put = (col: number | undefined, value: string | Date): void => {
      if (col === undefined) throw new PageError('noNextActionColumn');
      sheet.getRange(target.row, col + 1).setValue(value);
    };
    if (wantText !== undefined && wantText !== wholeText(cells[roles.nextAction ?? -1], ctx.timeZone))
      put(roles.nextAction, asSheetText(wantText));
    if (wantDue !== undefined && wantDue !== inv.table.customers[0].nextActionDue)
      put(roles.nextActionDue, dateCell(wantDue));
  });
}

/** Appends an objection for the target customer to the Objections tab (created when missing). */
export function sidebarAddObjection(target: RowTarget, input: NewObjection): CustomerView {
  const type = oneOf(OBJECTION_TYPES, input?.type, 'type');
  const body = text(input?.text, 'text');
  if (body === '') throw new PageError('objectionText');
  const plan = text(input?.plan, 'plan', CELL_TEXT);
  const due = checkDay(input?.due);
  return writeRow(
    target,
    ({ call, inv, ctx, t, dateCell }) => {
      const tab = objectionsTab(call, ctx, true);
      const c = inv.table.customers[0];
      const stage = workedStage(inv)?.name ?? c.stageText;
      const ids =
        tab.cols.id === undefined
          ? []
          : tab.values.slice(tab.headerRow + 1).map((r) => cellText(r[tab.cols.id!]));
      const fields: Partial<Record<keyof typeof OBJECTION_COLUMNS, string | Date>> = {
        id: asSheetText(nextObjectionId(ids)),
        customer: asSheetText(c.id !== '' ? c.id : c.name),
        stage: asSheetText(stage),
        type: t(`type.${type}` as MessageKey),
        objection: asSheetText(body),
        owner: asSheetText(c.rep),
        raised: dateCell(inv.asOf),
        status: t(plan === '' ? 'status.raised' : 'status.planned'),
        plan: asSheetText(plan),
        due: dateCell(due),
        blocking: t(input?.blocking ? 'word.yes' : 'word.no'),
      };
      const width = Math.max(...Object.values(tab.cols).map((c) => (c ?? 0) + 1));
      const row: (string | Date)[] = new Array(width).fill('');
      for (const [key, value] of Object.entries(fields)) {
        const col = tab.cols[key as keyof typeof OBJECTION_COLUMNS];
        if (col !== undefined) row[col] = value;
      }
      writeRowsAt(tab.sheet, Math.max(tab.sheet.getLastRow(), tab.headerRow + 1) + 1, [row]);
    },
    true,
  );
}

/** Changes status, resolution, plan or due of one objection of the target customer. */
export function sidebarUpdateObjection(
  target: RowTarget,
  objection: ObjectionRef,
  change: ObjectionChange,
): CustomerView {
  const status = given(change?.status, (v) => oneOf(OBJECTION_STATUSES, v, 'status'));
  // '' clears the resolution: null, as core reads a blank one.
  const resolution = given(change?.resolution, (v) =>
    v === '' ? null : oneOf(RESOLUTIONS, v, 'resolution'),
  );
  const plan = given(change?.plan, (v) => text(v, 'plan', CELL_TEXT));
  const due = given(change?.due, checkDay);
  const reviewed = given(change?.reviewed, (v) => {
    if (v !== true) throw new PageError('badInput', { field: 'reviewed' });
    return v;
  });
  return writeRow(
    target,
    ({ call, inv, ctx, t, dateCell }) => {
      const tab = objectionsTab(call, ctx, false);
      const parsed = parseObjections(
        { name: tab.sheet.getName(), values: tab.values },
        new CustomerIndex(inv.table.customers),
        ctx.timeZone,
      );
      const o = parsed?.objections.find((x) => x.row === objection?.row);
      if (o?.customer !== 0 || o.id !== objection.id || o.text !== objection.text) {
        throw new PageError('objectionChanged', { row: Number(objection?.row) || 0 });
      }
      const put = (key: keyof typeof OBJECTION_COLUMNS, value: string | Date): void => {
        const col = tab.cols[key];
        if (col === undefined) {
          throw new PageError('noObjectionColumn', {
            column: nameIn(OBJECTION_COLUMNS[key], call.lang),
          });
        }
        tab.sheet.getRange(o.row, col + 1).setValue(value);
      };
      /** Whether the objection's cell in column `col` is there and empty. */
      const blank = (col: number | undefined) => col !== undefined && isBlank(tab.values[o.row - 1][col]);
      if (status !== undefined && status !== o.status) {
        put('status', t(`status.${status}` as MessageKey));
        // Closing it (resolved or accepted, as core rules) records today in an empty resolved cell only: a day
        // there already, or text Pandian cannot read as one, is the user's and stays.
        if (!isOpenObjection({ ...o, status }) && blank(tab.cols.resolved))
          put('resolved', dateCell(inv.asOf));
      }
      if (resolution !== undefined && resolution !== o.resolution) {
        put('resolution', resolution === null ? '' : t(`resolution.${resolution}` as MessageKey));
      }
      const planCell = tab.values[o.row - 1][tab.cols.plan ?? -1];
      if (plan !== undefined && plan !== wholeText(planCell, ctx.timeZone)) put('plan', asSheetText(plan));
      if (due !== undefined && due !== o.due) put('due', dateCell(due));
      // Supervision: a closed objection nobody reviewed is dated today and signed with the user's address when
      // Apps Script gives it. A cell holding anything (text Pandian can't read as a day included) stays.
      if (reviewed && isUnsupervised(o)) {
        const on = tab.cols.reviewedOn;
        const by = userOf();
        const sign = by !== '' && blank(tab.cols.reviewedBy);
        // A tab without Reviewed on is told (put throws) before anything is written; so is text there Pandian
        // can't read as a day when there is no address to sign with: nothing would mark it reviewed.
        if (on === undefined || blank(on)) put('reviewedOn', dateCell(inv.asOf));
        else if (!sign) throw kept(on, o.row, cellText(tab.values[o.row - 1][on], ctx.timeZone));
        if (sign) put('reviewedBy', asSheetText(by));
      }
    },
    true,
  );
}

/** The team view: computed by core on one read of the spreadsheet. */
export function sidebarTeam(): TeamView {
  return serve(({ ss }) => {
    // In the report's language: Settings, else the user's locale (as the page's own language was chosen).
    const inv = inventoryOfSpreadsheet(ss).inventory;
    const { open, overdue, blocking, unplanned, unsupervised, byType } = inv.objectionTotals;
    // The first stalled customers are read again (entryAt: each row once) to list them.
    const member = (c: Customer): TeamMember => ({ row: c.row, name: c.name || c.id, rep: c.rep });
    const stalled: TeamView['stalled'] = inv.stalled.slice(0, LIST_LIMIT).map((i) => {
      const { customer: c, state: s } = inv.entryAt(i);
      return {
        ...member(c),
        stage: c.status === 'hold' ? -1 : s.current,
        days: s.daysInStage,
        maxDays: s.stallLimit,
        resumeDue: s.resumeDue && c.resumeOn !== null ? isoOfDay(c.resumeOn) : null,
      };
    });
    return {
      asOf: isoOfDay(inv.asOf),
      customerSheet: inv.table.sheet,
      stages: inv.stageAt.map((stage) => stage.name),
      criteria: inv.table.criteria.map((c) => c.criterion.name),
      reps: inv.reps,
      noBand: inv.noBand,
      stalled,
      stalledTotal: inv.stalled.length,
      noStallLimit: inv.noStallLimit,
      objections: { open, overdue, blocking, unplanned, unsupervised, byType },
      cohorts: inv.cohorts.map((cohort) => ({
        ...cohort,
        size: cohort.members.length,
        members: cohort.members.slice(0, MEMBER_LIMIT).map((i) => {
          const { customer, state } = inv.entryAt(i);
          return { ...member(customer), missing: state.gap[0] ?? -1 };
        }),
      })),
    };
  });
}

/**
 * Selects a row of the customer tab (from the team lists), so the Customer view follows it. With `name` (the
 * customer's name, else id, as the list showed it), the row is read first and must still hold that customer:
 * after a sort the list's row numbers are stale, and another customer would be opened. The context is read
 * afresh, as the Team view's list was: by a cached header, a column inserted since would read the name from
 * the wrong cell and refuse the right customer.
 */
export function sidebarGoTo(row: number, name?: string): void {
  serve(
    ({ ss, ctx, lang }) => {
      const customer = requireCustomer(ctx);
      const sheet = ss.getSheetByName(customer.sheet);
      if (!sheet || !Number.isInteger(row) || row < 1) throw new PageError('badInput', { field: 'row' });
      if (typeof name === 'string') {
        const c =
          row > customer.headerRow ? inventoryOfRow(ss, ctx, lang, row, null)?.inv.table.customers[0] : null;
        if (!c || (c.name || c.id) !== name) throw new PageError('rowChanged', { row, name });
      }
      sheet.getRange(row, 1).activate();
    },
    { fresh: true },
  );
}

/** Runs the Customer inventory (the menu command) and says where and how fast it was written. */
export function sidebarRunInventory(): InventoryRun {
  return serve(inventoryCommand);
}

/**
 * Set up sheets from the Setup view: the template and language cross from the browser, so they are checked here,
 * and a failure (another run holding the lock) reaches the page in words like any other server function's.
 */
export function sidebarSetupSheets(template: TemplateId, lang: Lang): ReturnType<typeof setupSheets> {
  return serve(() => setupSheets(oneOf(TEMPLATE_IDS, template, 'template'), oneOf(LANGS, lang, 'lang')));
}

const LANGS: readonly Lang[] = ['zh', 'en'];

/** The Setup view: template, tabs and the column mapping as Pandian reads it now. */
export function sidebarSetup(): SetupView {
  return serve(({ ctx, lang }) => setupView(ctx, lang), { fresh: true });
}

/** The Setup view of a context read afresh (the user may have just renamed, mapped or created tabs). */
function setupView(ctx: SheetContext, lang: Lang): SetupView {
  const { settings } = parseSettings(ctx.settings);
  const customer = ctx.customer;
  const table = customer?.detected ? inventoryOf(ctx, lang, [], null)?.table : undefined;
  return {
    lang,
    // No template chosen: the stages come from the data when it has stage values (as every reader takes them).
    template: ctx.tabs.stages ? 'sheet' : (settings.template ?? (ctx.stages ? 'data' : null)),
    tabs: (Object.keys(TAB_NAMES) as TabId[]).map((id) => ({ id, name: ctx.tabs[id] })),
    customerSheet: customer?.sheet ?? null,
    headerRow: customer?.headerRow ?? null,
    header: customer?.header ?? [],
    columns: (customer && detectHeader([customer.header], settings.mapping)?.roles) ?? {},
    mapping: settings.mapping,
    criteria:
      table?.criteria.map((c) => ({
        name: c.criterion.name,
        stage: table.model.stages[c.stage]?.name ?? '',
        col: c.col,
      })) ?? [],
  };
}

/**
 * Saves corrected column mappings to the Settings tab as rows "map:<role>" | header: an existing mapping row of
 * the role (in either language) is updated in place, else a row is appended; no other row is touched. The
 * Settings tab is created (Setting | Value) when missing.
 */
export function sidebarSaveMapping(changes: MappingChange[]): SetupView {
  return serve(
    ({ ss, ctx, lang, reread }) => {
      if (!Array.isArray(changes)) throw new PageError('badInput', { field: 'changes' });
      const headers = new Set(ctx.customer?.header.filter((h) => h !== '') ?? []);
      const wanted = changes.map((ch) => {
        const role = oneOf(ROLES, ch?.role, 'role');
        const header = text(ch?.header, 'header', 500);
        if (header !== '' && !headers.has(header)) throw new PageError('unknownHeader', { header });
        return { role, header };
      });
      withDocumentLock(() => {
        // The Settings tab the context read (names match loosely: "settings " is one), not a second one.
        let sheet = ctx.tabs.settings ? ss.getSheetByName(ctx.tabs.settings) : null;
        if (!sheet) {
          sheet = ss.insertSheet(nameIn(TAB_NAMES.settings, lang));
          sheet.getRange(1, 1, 1, 2).setValues([headersOf(SETTINGS_COLUMNS, lang)]);
        }
        const values = sheet.getDataRange().getValues() as Cell[][];
        if (!isOwnSettings(values))
          throw new PageError('settingsNotOurs', { sheet: ctx.tabs.settings ?? '' });
        // The role each row maps, if it is a mapping row: the last row of a role is the one parseSettings uses.
        const roles = values.map((row) => mappingRole(cellText(row[0])));
        const added: Cell[][] = [];
        for (const { role, header } of wanted) {
          const found = roles.lastIndexOf(role);
          if (found >= 0) {
            if (cellText(values[found][1]) !== header)
              sheet.getRange(found + 1, 2).setValue(asSheetText(header));
          } else {
            // A role given twice: the last header given wins (a blank one: no row), as before.
            const at = added.findIndex((r) => r[0] === `map:${role}`);
            if (at >= 0) added.splice(at, 1);
            if (header !== '') added.push([`map:${role}`, asSheetText(header)]);
          }
        }
        if (added.length > 0) writeRowsAt(sheet, sheet.getLastRow() + 1, added);
      });
      // A script's write fires no edit: the edit trigger's and the formulas' cached layouts go by hand.
      forgetContexts();
      return setupView(reread(), lang);
    },
    { fresh: true },
  );
}
