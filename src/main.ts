// The only globals Apps Script sees. build.mjs turns every export below into a top-level function in
// dist/Code.js that delegates into the bundle, keeping its JSDoc (so @customfunction autocompletes). A function
// that needs no adapting is re-exported (`export { f as NAME } from`) with its JSDoc on the specifier: the stub
// then calls it directly, and takes the parameter names of its declaration.
// Nothing here may do work at load time: every custom-function cell and trigger loads this file.

import {
  inventoryCommand,
  mapColumnsCommand,
  refreshFormulasCommand,
  settingsCommand,
  setupCommand,
  showHelp,
  sidebarCommand,
} from './sheets/commands';
import { runCommand } from './sheets/errors';
import { buildMenu } from './sheets/menu';
import { sheetLang } from './sheets/read';

type AuthEvent = { authMode?: GoogleAppsScript.Script.AuthMode };

/**
 * Builds the Pandian menu when the spreadsheet opens.
 * @param {Object} e the open event
 */
export function onOpen(e?: AuthEvent): void {
  buildMenu(e?.authMode === ScriptApp.AuthMode.NONE);
}

export {
  /**
   * Logs stage, status, element and commitment edits to History (when Settings says Track edits).
   * @param {Object} e the edit event
   */
  handleEdit as onEdit,
} from './sheets/triggers';
export {
  /** Daily time trigger (Settings: Watch changes): logs unseen changes and refreshes the Inventory tab. */
  dailyRefreshRun as dailyRefresh,
  /**
   * Installable onChange trigger (Settings: Watch changes): logs pastes and bulk edits to History.
   * @param {Object} e the change event
   */
  handleChange as onChangeWatch,
} from './sheets/watch';
export {
  /**
   * Runs when the add-on is installed: builds the menu in the open spreadsheet.
   * @param {Object} e the install event
   */
  onOpen as onInstall,
};

/** Menu: Customer inventory (客户盘点). */
export function menuInventory(): void {
  runCommand(inventoryCommand, sheetLang);
}

/** Menu: Open sidebar. */
export function menuSidebar(): void {
  runCommand(sidebarCommand, sheetLang);
}

/** Menu: Set up sheets… */
export function menuSetup(): void {
  runCommand(setupCommand, sheetLang);
}

/** Menu: Map columns… */
export function menuMapColumns(): void {
  runCommand(mapColumnsCommand, sheetLang);
}

/** Menu: Settings… */
export function menuSettings(): void {
  runCommand(settingsCommand, sheetLang);
}

/** Menu: Refresh formulas. */
export function menuRefreshFormulas(): void {
  runCommand(refreshFormulasCommand, sheetLang);
}

/** Menu: Help. */
export function menuHelp(): void {
  runCommand(showHelp, sheetLang);
}

export {
  /**
   * Days the customer has been in its current stage (from the stage-entered column or History).
   * @param {A2:X500} rows customer rows, from column A through the last column Pandian reads
   * @return days in stage for each row
   * @customfunction
   */
  daysInStage as DAYS_IN_STAGE,
  /**
   * Objection status of customers: open, overdue and blocking objections, or the last resolution.
   * @param {B2:B500} customers customer names or ids
   * @return the objection status for each customer
   * @customfunction
   */
  objectionStatus as OBJECTION_STATUS,
  /**
   * Open customers of a rep, optionally at one stage (reads the customer tab; use Refresh formulas).
   * @param {"Ann"} rep the rep's name as written in the rep column (or a column of names)
   * @param {"Budget"} stage optional stage name
   * @return the number of open customers (for each rep)
   * @customfunction
   */
  repLoad as REP_LOAD,
  /**
   * The declared stage against the evidence: ahead (unsupported), behind (sheet is stale) or match.
   * @param {A2:X500} rows customer rows, from column A through the last column Pandian reads
   * @return the check for each row
   * @customfunction
   */
  stageCheck as STAGE_CHECK,
  /**
   * What a customer still lacks to reach the next stage: unmet elements and commitments (earliest
   * first), then the current stage's required actions (▸). Empty for won and lost rows.
   * @param {A2:X500} rows customer rows, from column A through the last column Pandian reads
   * @return the gap for each row
   * @customfunction
   */
  stageGap as STAGE_GAP,
  /**
   * The stage a customer has reached by evidence (its met elements and commitments).
   * @param {A2:X500} rows customer rows, from column A through the last column Pandian reads
   * @return the evidenced stage for each row
   * @customfunction
   */
  stageOf as STAGE_OF,
} from './sheets/functions';

export {
  /** Sidebar: appends an objection for the customer to the Objections tab. */
  sidebarAddObjection,
  /**
   * Sidebar: the customer card for the selected row (polled every ~2 s while the sidebar is visible). The page
   * passes the language sidebarStart gave it.
   */
  sidebarCustomer,
  /** Sidebar: selects a row of the customer tab. */
  sidebarGoTo,
  /** Sidebar: writes today's date into a criterion's cell of the customer's row. */
  sidebarMarkMet,
  /** Sidebar: runs the Customer inventory and returns where and how fast it was written. */
  sidebarRunInventory,
  /** Sidebar: saves corrected column mappings to the Settings tab. */
  sidebarSaveMapping,
  /** Sidebar: sets the next action and its due date of the customer's row. */
  sidebarSetNextAction,
  /** Sidebar: template, tabs and the column mapping as Pandian reads it now. */
  sidebarSetup,
  /** Sidebar (Setup view): creates the missing Pandian tabs from a template, in a language. */
  sidebarSetupSheets,
  /** Sidebar: a card's days in stage from History, when its row has no Stage entered date. */
  sidebarStageClock,
  /** Sidebar: language and today's date. */
  sidebarStart,
  /** Sidebar: the team view (concurrency heatmap, stalled customers, objections, cohorts). */
  sidebarTeam,
  /** Sidebar: changes status, resolution, plan or due of one objection. */
  sidebarUpdateObjection,
} from './sheets/sidebar-api';
