// Reading the spreadsheet for core with a fixed number of service calls, whatever the row count: one
// getValues per tab Pandian needs, and only the first rows of tabs it must inspect to find the customer tab.
import { findCustomerSheet, runInventory, tabIdOf } from '../core/index';
import type { Inventory } from '../core/inventory';
import { HEADER_SCAN_ROWS } from '../core/register';
import { parseSettings } from '../core/settings';
import type { TabId } from '../core/tabs';
import type { Lang, Settings, SheetData } from '../core/types';
import { todayIn } from './clock';
import { PandianError, userLang } from './errors';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export interface SpreadsheetRead {
  /** Full values of the customer tab and the Pandian tabs that exist (Inventory excluded). */
  sheets: SheetData[];
  customer: { sheet: Sheet; data: SheetData } | null;
  settings: Settings;
  handles: Map<string, Sheet>;
  /** Pandian tab id -> sheet, for the tabs that exist. */
  tabs: Partial<Record<TabId, Sheet>>;
}

/** All values of a tab in one read ('' for an empty tab). */
export function readAll(sheet: Sheet): SheetData {
  return { name: sheet.getName(), values: sheet.getDataRange().getValues() };
}

function readNamed(sheet: Sheet, name: string): SheetData {
  return { name, values: sheet.getDataRange().getValues() };
}

/**
 * The first rows of a tab: enough to find its header row. The grid's length is the tab's row count (the rows
 * past the head are holes), because core breaks a tie between two headers by the number of rows, as it does
 * for the command line, which sees whole tabs.
 */
function readHead(sheet: Sheet, name: string): SheetData {
  const values = sheet.getRange(`1:${HEADER_SCAN_ROWS}`).getValues();
  values.length = sheet.getLastRow();
  return { name, values };
}

/**
 * Reads what an inventory needs. `withHistory` is false for callers that do not date stage changes.
 * The customer tab is the one Settings names, else the tab named Customers/客户盘点, else the best
 * header among the other tabs (only their first rows are read to decide).
 */
export function readSpreadsheet(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  options: { withHistory?: boolean; withObjections?: boolean } = {},
): SpreadsheetRead {
  const all = ss.getSheets();
  const handles = new Map<string, Sheet>();
  const tabs: Partial<Record<TabId, Sheet>> = {};
  const others: { sheet: Sheet; name: string }[] = [];
  for (const sheet of all) {
    const name = sheet.getName();
    handles.set(name, sheet);
    const id = tabIdOf(name);
    if (id && !tabs[id]) tabs[id] = sheet;
    else if (!id) others.push({ sheet, name });
  }

  const sheets: SheetData[] = [];
  const settingsData = tabs.settings ? readNamed(tabs.settings, tabs.settings.getName()) : null;
  if (settingsData) sheets.push(settingsData);
  const { settings } = parseSettings(settingsData);

  let customerSheet: Sheet | null = null;
  if (settings.customerSheet) customerSheet = handles.get(settings.customerSheet) ?? null;
  else if (tabs.customers) customerSheet = tabs.customers;
  else if (others.length === 1) customerSheet = others[0].sheet;
  else if (others.length > 1) {
    const heads = others.map((o) => readHead(o.sheet, o.name));
    const found = findCustomerSheet(heads, settings.mapping);
    customerSheet = found ? (handles.get(found.name) ?? null) : null;
  }

  let customer: SpreadsheetRead['customer'] = null;
  if (customerSheet) {
    const data = readNamed(customerSheet, nameOf(handles, customerSheet));
    sheets.push(data);
    customer = { sheet: customerSheet, data };
  }
  const want: TabId[] = ['stages'];
  if (options.withObjections !== false) want.push('objections');
  if (options.withHistory !== false) want.push('history');
  for (const id of want) {
    const sheet = tabs[id];
    if (sheet) sheets.push(readNamed(sheet, nameOf(handles, sheet)));
  }
  return { sheets, customer, settings, handles, tabs };
}

function nameOf(handles: Map<string, Sheet>, sheet: Sheet): string {
  for (const [name, s] of handles) if (s === sheet) return name;
  return sheet.getName();
}

export interface SpreadsheetInventory {
  read: SpreadsheetRead;
  inventory: Inventory;
  /** The report's language: Settings, else the user's locale. */
  lang: Lang;
  timeZone: string;
}

/**
 * Reads the spreadsheet once and computes today's inventory with core; a spreadsheet without a
 * customer tab is the user's to fix (PandianError with the message saying how).
 */
export function inventoryOfSpreadsheet(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  options: Parameters<typeof readSpreadsheet>[1] = {},
  lang?: Lang,
): SpreadsheetInventory {
  const read = readSpreadsheet(ss, options);
  if (!read.customer) throw new PandianError('error.noCustomerSheet');
  const timeZone = ss.getSpreadsheetTimeZone();
  const outcome = runInventory({
    sheets: read.sheets,
    asOf: todayIn(timeZone),
    timeZone,
    lang: lang ?? userLang(read.settings.lang),
    customerSheet: read.customer.data.name,
  });
  if (!outcome.ok) throw new PandianError('error.noCustomerSheet');
  return { read, inventory: outcome.inventory, lang: outcome.lang, timeZone };
}
