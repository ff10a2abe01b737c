// The one entry both shells call: given the tabs of a spreadsheet (or workbook), find the customer tab
// and the Pandian tabs, read them, and compute the inventory. No I/O here: the shells read and write.
import { dayFromIso } from './days';
import { historyIssues, parseHistory } from './history';
import { computeInventory, type Inventory } from './inventory';
import { normalizeKey } from './normalize';
import { CustomerIndex, parseObjections } from './objections';
import { keysByName, locateColumns } from './register';
import { parseSettings } from './settings';
import { parseStages } from './stage-model';
import { type CustomerReader, type CustomerTable, detectHeader, openCustomers } from './table';
import { STAGE_COLUMNS, TAB_NAMES, type TabId } from './tabs';
import { template } from './templates';
import type { Day, Issue, Lang, Role, Settings, SheetData } from './types';
import type { DateOrder } from './values';

export interface InventoryRequest {
  sheets: readonly SheetData[];
  /** The as-of day: 'YYYY-MM-DD' or a Day. */
  asOf: string | Day;
  /** Time zone of Date cells (the spreadsheet's; 'UTC' for workbook files). */
  timeZone: string;
  /** Language used when Settings does not say. */
  lang: Lang;
  /** Language chosen explicitly (command line --lang): wins over Settings. */
  langOverride?: Lang;
  customerSheet?: string;
  mapping?: Partial<Record<Role, string>>;
  /** Tabs given separately (command line --stages / --objections). */
  stagesSheet?: SheetData;
  objectionsSheet?: SheetData;
  /** Keep every customer and its state as they are read: for callers that read them all (the formulas). */
  keep?: boolean;
  /** The customer tab's date orders by column, for a caller that gives it fewer rows than the tab has. */
  dateOrders?: Readonly<Record<number, DateOrder>>;
}

export type InventoryOutcome = { ok: true; inventory: Inventory; lang: Lang } | Failure;

/** Why there is no inventory, with the names of the tabs given. */
interface Failure {
  ok: false;
  code: 'no-customer-sheet' | 'customer-sheet-not-found' | 'bad-as-of';
  sheets: string[];
  wanted?: string;
}

/** Tab ids by normalized name, made on first use: not by every execution that loads the bundle. */
let tabIds: Map<string, TabId> | null = null;

/** Which Pandian tab a sheet is, by its name in either language. */
export function tabIdOf(name: string): TabId | null {
  tabIds ??= keysByName(TAB_NAMES);
  return tabIds.get(normalizeKey(name)) ?? null;
}

/**
 * 0 for a tab under a name Pandian writes that tab under (in either language), 1 under an alias it only reads
 * (History): of two tabs named as one Pandian tab, the first of rank 0 is read (firstTab), so a user's own
 * "History" tab never hides Pandian's "Change log", wherever it stands in the tab order.
 */
function tabRank(name: string, id: TabId): number {
  const key = normalizeKey(name);
  return TAB_NAMES[id].slice(0, 2).some((n) => normalizeKey(n) === key) ? 0 : 1;
}

/** Of the tabs (in tab order) `id` names, the one read: the first of the lowest tabRank. */
export function firstTab<T>(tabs: Iterable<T>, nameOf: (tab: T) => string, id: TabId): T | undefined {
  let best: T | undefined;
  let bestRank = 2;
  for (const tab of tabs) {
    const name = nameOf(tab);
    if (tabIdOf(name) !== id) continue;
    const rank = tabRank(name, id);
    if (rank < bestRank) [best, bestRank] = [tab, rank];
  }
  return best;
}

/** The tab named `name`: the one of that exact name, else the one whose name matches it loosely (normalizeKey). */
export function tabByName<T extends { name: string }>(tabs: readonly T[], name: string): T | null {
  const key = normalizeKey(name);
  return tabs.find((t) => t.name === name) ?? tabs.find((t) => normalizeKey(t.name) === key) ?? null;
}

/**
 * The customer tab: the named one (tabByName), else the tab (not one of Pandian's own) whose header row has the
 * most recognised roles; ties go to the tab with more rows. The tab literally named Customers/客户盘点 wins.
 */
export function findCustomerSheet(
  sheets: readonly SheetData[],
  mapping: Partial<Record<Role, string>> = {},
  named?: string,
): SheetData | null {
  if (named) return tabByName(sheets, named);
  let best: { sheet: SheetData; score: number } | null = null;
  for (const sheet of sheets) {
    const id = tabIdOf(sheet.name);
    if (id !== null && id !== 'customers') continue;
    const header = detectHeader(sheet.values, mapping);
    if (!header) continue;
    // The named tab first (as the shells' readSpreadsheet does), then recognised roles (at most 17), then rows.
    const score =
      (id === 'customers' ? 1e9 : 0) + header.roleCount * 1e7 + Math.min(sheet.values.length, 999999);
    if (!best || score > best.score) best = { sheet, score };
  }
  return best?.sheet ?? null;
}

function findTab(sheets: readonly SheetData[], id: TabId): SheetData | undefined {
  return firstTab(sheets, (s) => s.name, id);
}

/** A Stages tab may also be recognised by its headers (a renamed tab); the command line finds a --stages tab so too. */
export function findStagesTab(sheets: readonly SheetData[], customer?: SheetData): SheetData | undefined {
  return (
    findTab(sheets, 'stages') ??
    sheets.find((s) => {
      if (s === customer || tabIdOf(s.name) !== null) return false;
      const located = locateColumns(s.values, STAGE_COLUMNS, 3);
      return (
        located?.cols.stage !== undefined &&
        (located.cols.elements !== undefined || located.cols.commitments !== undefined)
      );
    })
  );
}

/** What reading the customer tab needs of a request: everything but the day and the tabs of the totals. */
export type CustomerTabRequest = Omit<InventoryRequest, 'asOf' | 'objectionsSheet' | 'keep'>;

/** Settings read, the customer tab found with its header and stage model, its rows not read yet. */
interface Opened {
  ok: true;
  settings: Settings;
  lang: Lang;
  reader: CustomerReader;
  /** The Settings and Stages tabs' issues, which come before the customer tab's. */
  issues: Issue[];
}

const failureOf = (request: CustomerTabRequest, code: Failure['code'], wanted?: string): Failure => ({
  ok: false,
  code,
  sheets: request.sheets.map((s) => s.name),
  wanted,
});

/**
 * The Settings tab, the customer tab it names or detection finds, and the stage model to read it with (its
 * rows not read yet).
 */
function openCustomerTab(request: CustomerTabRequest): Opened | Failure {
  const { sheets, timeZone } = request;
  // parseSettings returns a new object each call: the request's mapping and tab are added to it.
  const { settings, issues } = parseSettings(findTab(sheets, 'settings') ?? null);
  Object.assign(settings.mapping, request.mapping);
  if (request.customerSheet) settings.customerSheet = request.customerSheet;
  const lang = request.langOverride ?? settings.lang ?? request.lang;

  const customerSheet = findCustomerSheet(sheets, settings.mapping, settings.customerSheet);
  if (!customerSheet) {
    const code = settings.customerSheet ? 'customer-sheet-not-found' : 'no-customer-sheet';
    return failureOf(request, code, settings.customerSheet);
  }

  const stagesTab = request.stagesSheet ?? findStagesTab(sheets, customerSheet);
  // A Stages tab without stages counts as none (its issues too): the template or the data decide.
  const parsedStages = stagesTab && parseStages(stagesTab);
  const stagesRead = parsedStages?.model.stages.length ? parsedStages : null;
  const model =
    stagesRead?.model ??
    (settings.template && settings.template !== 'data' ? template(settings.template, lang) : null);

  const reader = openCustomers(customerSheet, {
    timeZone,
    model,
    mapping: settings.mapping,
    dateOrders: request.dateOrders,
  });
  if (!reader) return failureOf(request, 'no-customer-sheet', customerSheet.name);
  return {
    ok: true,
    settings,
    lang,
    reader,
    issues: [...issues, ...(stagesRead?.issues ?? [])],
  };
}

/**
 * The customer tab read as an inventory reads it (the Settings mapping, the Stages tab or template), every
 * customer kept, and no totals: for the change watcher, which compares the rows themselves.
 */
export function readCustomerTab(
  request: CustomerTabRequest,
): { ok: true; table: CustomerTable; lang: Lang } | Failure {
  const opened = openCustomerTab(request);
  if (!opened.ok) return opened;
  return { ok: true, table: opened.reader.read(null, true), lang: opened.lang };
}

export function runInventory(request: InventoryRequest): InventoryOutcome {
  const { sheets, timeZone } = request;
  const asOf = typeof request.asOf === 'number' ? request.asOf : dayFromIso(request.asOf);
  if (asOf === null) return failureOf(request, 'bad-as-of', String(request.asOf));
  const opened = openCustomerTab(request);
  if (!opened.ok) return opened;
  const { reader, settings, lang } = opened;

  // Objections name their customer: an index of the customers' ids and names links them before the rows are read.
  const objectionsTab = request.objectionsSheet ?? findTab(sheets, 'objections');
  const parsedObjections =
    objectionsTab && parseObjections(objectionsTab, new CustomerIndex(reader.keys()), timeZone);

  const historyTab = findTab(sheets, 'history') ?? null;
  const inventory = computeInventory({
    reader,
    objections: parsedObjections?.objections ?? [],
    history: parseHistory(historyTab, timeZone),
    settings,
    asOf,
    keep: request.keep,
    issuesBefore: opened.issues,
    issuesAfter: [...(parsedObjections?.issues ?? []), ...historyIssues(historyTab, settings)],
  });
  return { ok: true, inventory, lang };
}

export type { Inventory };
