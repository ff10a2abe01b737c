// Reading the spreadsheet for core with a fixed number of service calls, whatever the row count: one
// getValues per tab Pandian needs, and only the first rows of tabs it must inspect to find the customer tab.
import {
  type CustomerTabRequest,
  findCustomerSheet,
  firstTab,
  readCustomerTab,
  runInventory,
  tabByName,
  tabIdOf,
} from '../core/index';
import type { Inventory } from '../core/inventory';
import { cellText, firstRowText } from '../core/normalize';
import { columnLetter, HEADER_SCAN_ROWS } from '../core/register';
import { parseSettings } from '../core/settings';
import { type CustomerTable, detectHeader, type HeaderMatch, openCustomers } from '../core/table';
import { TAB_NAMES, type TabId } from '../core/tabs';
import type { Cell, Grid, Issue, Lang, Role, Settings, SheetData, StageModel } from '../core/types';
import type { MessageKey } from '../i18n/messages';
import { todayIn } from './clock';
import { PandianError, userLang } from './errors';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** All values of a tab in one read ('' for an empty tab), under its name (known already: no call for it). */
export function readAll(sheet: Sheet, name: string): SheetData {
  return { name, values: sheet.getDataRange().getValues() };
}

/**
 * The first rows of a tab: enough to find its header row. The grid's length is the tab's row count (the rows
 * past the head are holes), because core breaks a tie between two headers by the number of rows, as it does
 * for the command line, which sees whole tabs.
 */
export function readHead(sheet: Sheet, name: string): SheetData {
  // Rows 1 to 10 only as far as the tab has rows: a tab made from a small CSV import can have fewer than 10,
  // and a range past its last row is refused.
  const last = sheet.getLastRow();
  const values = last > 0 ? sheet.getRange(`1:${Math.min(HEADER_SCAN_ROWS, last)}`).getValues() : [];
  values.length = last;
  return { name, values };
}

/** The spreadsheet's tabs from one getSheets: Pandian's by id, the others, every name read once. */
export interface Layout {
  handles: Map<string, Sheet>;
  tabs: Partial<Record<TabId, Sheet>>;
  others: { sheet: Sheet; name: string }[];
}

export function layoutOf(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): Layout {
  const handles = new Map<string, Sheet>();
  const tabs: Partial<Record<TabId, Sheet>> = {};
  const others: Layout['others'] = [];
  for (const sheet of ss.getSheets()) {
    const name = sheet.getName();
    handles.set(name, sheet);
    if (!tabIdOf(name)) others.push({ sheet, name });
  }
  // Of two tabs named as one Pandian tab, the one core reads (a name Pandian writes beats an alias it reads).
  for (const id of Object.keys(TAB_NAMES) as TabId[]) {
    const name = firstTab(handles.keys(), (n) => n, id);
    if (name !== undefined) tabs[id] = handles.get(name);
  }
  return { handles, tabs, others };
}

/**
 * The customer tab, chosen the same way by every reader: the one Settings names (its exact name first, else
 * matched loosely, as core matches it for the command line: tabByName), else the tab named
 * Customers/客户盘点, else the only other tab, else the best header among the other tabs (only their first
 * rows are read to decide; that head is returned so a caller that needs no more does not read again).
 */
export function chooseCustomerSheet(
  layout: Layout,
  settings: Settings,
): { sheet: Sheet; name: string; head?: SheetData } | null {
  const named = (sheet: Sheet | undefined) => (sheet ? { sheet, name: nameOf(layout.handles, sheet) } : null);
  if (settings.customerSheet) {
    const tabs = Array.from(layout.handles, ([name, sheet]) => ({ sheet, name }));
    return tabByName(tabs, settings.customerSheet);
  }
  if (layout.tabs.customers) return named(layout.tabs.customers);
  if (layout.others.length === 1) return layout.others[0];
  if (layout.others.length === 0) return null;
  const heads = layout.others.map((o) => readHead(o.sheet, o.name));
  const found = findCustomerSheet(heads, settings.mapping);
  // One of the heads: the tab it was read from is at the same position.
  return found && { ...layout.others[heads.indexOf(found)], head: found };
}

/**
 * Cells that survive JSON, for the document cache (context-cache.ts): Dates become their ISO day in the
 * spreadsheet's time zone, empty cells '' (both as cellText reads them). JSON would make a Date its UTC time,
 * whose day is the day before east of UTC.
 */
export function jsonCells(values: Grid, timeZone: string): Cell[][] {
  return values.map((row) =>
    row.map((cell) =>
      cell === null || cell === undefined || typeof cell === 'object' ? cellText(cell, timeZone) : cell,
    ),
  );
}

/** A tab as cells that survive JSON (jsonCells). */
export function jsonTab(data: SheetData | null, timeZone: string): SheetData | null {
  return data && { name: data.name, values: jsonCells(data.values, timeZone) };
}

/** A Pandian tab's values in one read, when the tab exists. */
export function readTab(layout: Layout, id: TabId): SheetData | null {
  const sheet = layout.tabs[id];
  return sheet ? readAll(sheet, nameOf(layout.handles, sheet)) : null;
}

/**
 * The spreadsheet's language for a menu command's words: Settings' Language when it sets one, else the user's
 * locale (also when the spreadsheet cannot be read).
 */
export function sheetLang(): Lang {
  let lang: Lang | undefined;
  try {
    lang = parseSettings(readTab(layoutOf(SpreadsheetApp.getActiveSpreadsheet()), 'settings')).settings.lang;
  } catch {
    // The locale's language, as before a Settings tab exists.
  }
  return userLang(lang);
}

/** Where every reader starts: the tabs, the Settings tab (read whole) and the customer tab it leads to. */
export interface Start {
  layout: Layout;
  settingsData: SheetData | null;
  settings: Settings;
  /** What the Settings tab says that Pandian cannot use (rows naming no role, unusable values). */
  settingsIssues: Issue[];
  chosen: ReturnType<typeof chooseCustomerSheet>;
}

export function readStart(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): Start {
  const layout = layoutOf(ss);
  const settingsData = readTab(layout, 'settings');
  const { settings, issues } = parseSettings(settingsData);
  return {
    layout,
    settingsData,
    settings,
    settingsIssues: issues,
    chosen: chooseCustomerSheet(layout, settings),
  };
}

/**
 * The failure of a reader that found no customer tab (or no header in it): when Settings names a tab that is
 * not there, one saying so, naming the setting's value and the tabs there are; when it names one whose header
 * Pandian does not recognise, one naming the tab and what its first row reads; else `key`'s.
 */
export function noCustomerSheet(
  { layout, settings, chosen }: Start,
  key: MessageKey = 'error.noCustomerSheet',
): PandianError {
  const wanted = settings.customerSheet;
  if (!wanted) return new PandianError(key);
  if (!chosen)
    return new PandianError('error.sheetNotFound', { wanted, sheets: [...layout.handles.keys()].join(', ') });
  return new PandianError('error.noHeaderIn', {
    tab: chosen.name,
    reads: firstRowText(headOf(chosen).values),
  });
}

/** The first rows of the chosen customer tab: those choosing it read, else read now. */
export function headOf(chosen: NonNullable<Start['chosen']>): SheetData {
  return chosen.head ?? readHead(chosen.sheet, chosen.name);
}

/**
 * The chosen customer tab's first rows, the header core finds in them and that row's cells up to its last
 * header (a head read as rows 1:10 spans every column of the tab); null without one.
 */
export function customerHeader({ chosen, settings }: Start): {
  head: SheetData;
  header: HeaderMatch;
  cells: readonly Cell[];
} | null {
  const head = chosen && headOf(chosen);
  const header = head && detectHeader(head.values, settings.mapping);
  return head && header
    ? { head, header, cells: withoutTrailingBlanks(head.values[header.row] ?? []) }
    : null;
}

/** A header row without the blank cells after its last header. */
export function withoutTrailingBlanks<T extends Cell>(cells: readonly T[]): T[] {
  let n = cells.length;
  while (n > 0 && cellText(cells[n - 1]) === '') n--;
  return cells.slice(0, n);
}

/**
 * "From my data": the stage model the stage values of a customer tab make (no Stages tab, no template), reading
 * only the columns the derivation looks at (customer, id, stage and the milestone dates) of every row, not the
 * whole tab. `headerRow` is 1-based, `header` its cells as text; null without a stage column, rows or stages.
 */
export function modelFromData(
  sheet: Sheet,
  name: string,
  headerRow: number,
  header: readonly string[],
  mapping: Partial<Record<Role, string>>,
  timeZone: string,
): StageModel | null {
  const roles = detectHeader([[...header]], mapping)?.roles;
  if (roles?.stage === undefined) return null;
  const wanted: Role[] = ['id', 'customer', 'stage', 'created', 'closed', 'expectedClose', 'stageEntered'];
  const cols = wanted.map((r) => roles[r]).filter((c): c is number => c !== undefined);
  const rows = sheet.getLastRow() - headerRow;
  if (rows <= 0) return null;
  const columns = cols.map((c) => sheet.getRange(headerRow + 1, c + 1, rows, 1).getValues());
  const values: Cell[][] = [cols.map((c) => header[c] ?? '')];
  for (let r = 0; r < rows; r++) values.push(columns.map((col) => col[r][0] as Cell));
  // The model comes from the stage values as the tab is opened: no row needs reading as a customer.
  const model = openCustomers({ name, values }, { timeZone, model: null, mapping })?.head.model;
  return model && model.stages.length > 0 ? model : null;
}

/** Rows this close below the header are read in one block with it (readUnderHeader). */
const HEADER_WINDOW = 200;

/** Rows `from`..`to` (1-based) of one tab, columns A to a width the reader was made with. */
export type RowReader = (from: number, to: number) => Cell[][];

/** Rows of the tab `sheet`, columns A to `width`, by name: one range, no Sheet handle (two calls a block). */
export function tabRows(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  sheet: string,
  width: number,
): RowReader {
  return (from, to) => ss.getRange(tabA1(sheet, from, to, 0, Math.max(1, width) - 1)).getValues() as Cell[][];
}

/**
 * Rows of the active tab, columns A to `width`, by Spreadsheet.getSheetValues: one call a block, with no range
 * handle. For callers that know which tab is active: the sidebar's selection is on it, and a user edits the
 * tab they have open.
 */
export function activeRows(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, width: number): RowReader {
  return (from, to) => ss.getSheetValues(from, 1, to - from + 1, Math.max(1, width)) as Cell[][];
}

/**
 * A tab's header row as it is now, with the rows `below` (1-based, after the header) when asked: what a cached
 * header must be checked against (sameHeader) before its column positions are trusted, since inserting or
 * deleting a column fires no edit. One read when the rows lie within HEADER_WINDOW rows of the header, else a
 * second one for the header row. Null when the tab is narrower than the reader's width (columns were deleted).
 */
export function readUnderHeader(
  read: RowReader,
  headerRow: number,
  below?: { from: number; to: number },
): { header: Cell[]; rows: Cell[][] } | null {
  const { from, to } = below ?? { from: headerRow + 1, to: headerRow };
  try {
    if (to - headerRow <= HEADER_WINDOW) {
      const block = read(headerRow, to);
      return { header: block[0], rows: block.slice(from - headerRow) };
    }
    const rows = read(from, to);
    return { header: read(headerRow, headerRow)[0], rows };
  } catch {
    return null;
  }
}

/** Whether a header row read now names the same columns, in the same places, as a cached one. */
export function sameHeader(now: readonly Cell[], cached: readonly string[]): boolean {
  const a = withoutTrailingBlanks(now);
  const b = withoutTrailingBlanks(cached);
  return a.length === b.length && a.every((cell, i) => cellText(cell) === b[i]);
}

/**
 * A1 notation of a block of a tab named in it ('It''s'!A5:N7): Spreadsheet.getRange and getRangeList take it
 * without a Sheet handle, which would cost a call of its own. Rows 1-based, columns 0-based.
 */
export function tabA1(sheet: string, fromRow: number, toRow: number, fromCol: number, toCol: number): string {
  const name = `'${sheet.replace(/'/g, "''")}'`;
  return `${name}!${columnLetter(fromCol)}${fromRow}:${columnLetter(toCol)}${toRow}`;
}

/**
 * A Pandian tab by its exact name in either language, asking for one name at a time until one is there: for
 * callers that need that one tab and not the whole layout.
 */
export function tabNamed(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  id: TabId,
): { sheet: Sheet; name: string } | null {
  for (const name of TAB_NAMES[id]) {
    const sheet = ss.getSheetByName(name);
    if (sheet) return { sheet, name };
  }
  return null;
}

/**
 * The History tab read whole: the one a cached context `named` (readers match names loosely), else one under
 * its exact names, since a History tab made after the context was cached is not in it. Null without one.
 */
export function readHistoryTab(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  named: string | null,
): SheetData | null {
  const known = named === null ? null : ss.getSheetByName(named);
  const tab = known ? { sheet: known, name: named as string } : tabNamed(ss, 'history');
  return tab && readAll(tab.sheet, tab.name);
}

/** A tab's name from the layout's handles (no service call), else asked. */
export function nameOf(handles: Map<string, Sheet>, sheet: Sheet): string {
  for (const [name, s] of handles) if (s === sheet) return name;
  return sheet.getName();
}

/** The name of the Pandian tab `id` in the layout, or null when there is none (no service call). */
export function tabName(layout: Layout, id: TabId): string | null {
  const sheet = layout.tabs[id];
  return sheet ? nameOf(layout.handles, sheet) : null;
}

/** The name of each Pandian tab in the layout, or null (tabName). */
export function tabNames(layout: Layout): Record<TabId, string | null> {
  const names = {} as Record<TabId, string | null>;
  for (const id of Object.keys(TAB_NAMES) as TabId[]) names[id] = tabName(layout, id);
  return names;
}

/** The tabs as read for core: the customer tab whole, with Settings and the Pandian tabs asked for. */
interface SpreadsheetTabs {
  /** The tabs as read: Pandian's by id, every handle by name. */
  layout: Layout;
  settings: Settings;
  /** Full values of the customer tab. */
  customer: SheetData;
  timeZone: string;
  /** What core's readers take: Settings, the customer tab and the tabs asked for that exist, in `lang`. */
  request: CustomerTabRequest;
  /** The failure to tell when core finds no header in the customer tab (see noCustomerSheet). */
  noHeader: () => PandianError;
}

/**
 * Reads the spreadsheet once: the Settings tab, the customer tab chosen by chooseCustomerSheet, and the
 * Pandian tabs `want` that exist; the request is in `lang`, else Settings' language, else the user's. A
 * spreadsheet without a customer tab is the user's to fix (PandianError with the message saying how).
 */
function readTabs(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, want: TabId[], lang?: Lang): SpreadsheetTabs {
  const start = readStart(ss);
  const { layout, settingsData, settings, chosen } = start;
  if (!chosen) throw noCustomerSheet(start);
  const customer = readAll(chosen.sheet, chosen.name);
  const sheets = [settingsData, customer, ...want.map((id) => readTab(layout, id))].filter((s) => s !== null);
  const timeZone = ss.getSpreadsheetTimeZone();
  const request = { sheets, timeZone, lang: lang ?? userLang(settings.lang), customerSheet: customer.name };
  return { layout, settings, customer, timeZone, request, noHeader: () => noCustomerSheet(start) };
}

export interface SpreadsheetInventory extends Omit<SpreadsheetTabs, 'request' | 'noHeader'> {
  inventory: Inventory;
  /** The report's language: Settings, else the user's locale. */
  lang: Lang;
}

/** Reads the spreadsheet once (see readTabs: Stages, Objections and History) and computes today's inventory. */
export function inventoryOfSpreadsheet(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  lang?: Lang,
): SpreadsheetInventory {
  const { request, noHeader, ...read } = readTabs(ss, ['stages', 'objections', 'history'], lang);
  const outcome = runInventory({ ...request, asOf: todayIn(read.timeZone) });
  if (!outcome.ok) throw noHeader();
  return { ...read, inventory: outcome.inventory, lang: outcome.lang };
}

/**
 * The customer tab as the inventory reads it, every customer kept, and no totals: reads Settings, the
 * customer tab and Stages only (see readTabs).
 */
export function customerTabOfSpreadsheet(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
): Omit<SpreadsheetTabs, 'request' | 'noHeader'> & { table: CustomerTable; lang: Lang } {
  const { request, noHeader, ...read } = readTabs(ss, ['stages']);
  const outcome = readCustomerTab(request);
  if (!outcome.ok) throw noHeader();
  return { ...read, table: outcome.table, lang: outcome.lang };
}
