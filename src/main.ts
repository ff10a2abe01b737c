// The only globals Apps Script sees. build.mjs turns every export below into a top-level function in
// dist/Code.js that delegates into the bundle, keeping its JSDoc (so @customfunction autocompletes).
// Nothing here may do work at load time: every custom-function cell and trigger loads this file.

import type { Lang, TemplateId } from './core/types';
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
import { daysInStage, objectionStatus, repLoad, stageCheck, stageGap, stageOf } from './sheets/functions';
import { buildMenu } from './sheets/menu';
import * as sidebar from './sheets/sidebar-api';
import { handleEdit } from './sheets/triggers';
import { dailyRefreshRun, handleChange } from './sheets/watch';

type AuthEvent = { authMode?: GoogleAppsScript.Script.AuthMode };

/**
 * Builds the Pandian menu when the spreadsheet opens.
 * @param {Object} e the open event
 */
export function onOpen(e?: AuthEvent): void {
  buildMenu(e?.authMode === ScriptApp.AuthMode.NONE);
}

/**
 * Runs when the add-on is installed: builds the menu in the open spreadsheet.
 * @param {Object} e the install event
 */
export function onInstall(e?: AuthEvent): void {
  onOpen(e);
}

/**
 * Logs stage, status, element and commitment edits to History (when Settings says Track edits).
 * @param {Object} e the edit event
 */
export function onEdit(e: Parameters<typeof handleEdit>[0]): void {
  handleEdit(e);
}

/**
 * Installable onChange trigger (Settings: Watch changes): logs pastes and bulk edits to History.
 * @param {Object} e the change event
 */
export function onChangeWatch(e?: { changeType?: string }): void {
  handleChange(e);
}

/** Daily time trigger (Settings: Watch changes): logs unseen changes and refreshes the Inventory tab. */
export function dailyRefresh(): void {
  dailyRefreshRun();
}

/** Menu: Customer inventory (客户盘点). */
export function menuInventory(): void {
  runCommand(inventoryCommand);
}

/** Menu: Open sidebar. */
export function menuSidebar(): void {
  runCommand(sidebarCommand);
}

/** Menu: Set up sheets… */
export function menuSetup(): void {
  runCommand(setupCommand);
}

/** Menu: Map columns… */
export function menuMapColumns(): void {
  runCommand(mapColumnsCommand);
}

/** Menu: Settings… */
export function menuSettings(): void {
  runCommand(settingsCommand);
}

/** Menu: Refresh formulas. */
export function menuRefreshFormulas(): void {
  runCommand(refreshFormulasCommand);
}

/** Menu: Help. */
export function menuHelp(): void {
  runCommand(showHelp);
}

/**
 * What a customer still lacks to reach the next stage: unmet elements and commitments (earliest
 * first), then the current stage's required actions (▸). Empty for won and lost rows.
 * @param {A2:N500} rows customer rows, starting at column A of the customer tab
 * @return the gap for each row
 * @customfunction
 */
export function STAGE_GAP(rows: unknown): unknown {
  return stageGap(rows);
}

/**
 * The stage a customer has reached by evidence (its met elements and commitments).
 * @param {A2:N500} rows customer rows, starting at column A of the customer tab
 * @return the evidenced stage for each row
 * @customfunction
 */
export function STAGE_OF(rows: unknown): unknown {
  return stageOf(rows);
}

/**
 * The declared stage against the evidence: ahead (unsupported), behind (sheet is stale) or match.
 * @param {A2:N500} rows customer rows, starting at column A of the customer tab
 * @return the check for each row
 * @customfunction
 */
export function STAGE_CHECK(rows: unknown): unknown {
  return stageCheck(rows);
}

/**
 * Days the customer has been in its current stage (from the stage-entered column or History).
 * @param {A2:N500} rows customer rows, starting at column A of the customer tab
 * @return days in stage for each row
 * @customfunction
 */
export function DAYS_IN_STAGE(rows: unknown): unknown {
  return daysInStage(rows);
}

/**
 * Objection status of customers: open, overdue and blocking objections, or the last resolution.
 * @param {B2:B500} customers customer names or ids
 * @return the objection status for each customer
 * @customfunction
 */
export function OBJECTION_STATUS(customers: unknown): unknown {
  return objectionStatus(customers);
}

/**
 * Open customers of a rep, optionally at one stage (reads the customer tab; use Refresh formulas).
 * @param {"Ann"} rep the rep's name as written in the rep column
 * @param {"Budget"} stage optional stage name
 * @return the number of open customers
 * @customfunction
 */
export function REP_LOAD(rep: unknown, stage?: unknown): unknown {
  return repLoad(rep, stage);
}

/** Sidebar: language and today's date. */
export function sidebarStart(): sidebar.SidebarStart {
  return sidebar.sidebarStart();
}

/**
 * Sidebar: the customer card for the selected row (polled every ~2 s while the sidebar is visible). The page
 * passes the language sidebarStart gave it.
 */
export function sidebarCustomer(lang?: string): sidebar.CustomerView {
  return sidebar.sidebarCustomer(lang);
}

/** Sidebar: writes today's date into a criterion's cell of the customer's row. */
export function sidebarMarkMet(target: sidebar.RowTarget, criterion: string): sidebar.CustomerView {
  return sidebar.sidebarMarkMet(target, criterion);
}

/** Sidebar: sets the next action and its due date of the customer's row. */
export function sidebarSetNextAction(
  target: sidebar.RowTarget,
  action: { text: string; due: string },
): sidebar.CustomerView {
  return sidebar.sidebarSetNextAction(target, action);
}

/** Sidebar: appends an objection for the customer to the Objections tab. */
export function sidebarAddObjection(
  target: sidebar.RowTarget,
  input: sidebar.NewObjection,
): sidebar.CustomerView {
  return sidebar.sidebarAddObjection(target, input);
}

/** Sidebar: changes status, resolution, plan or due of one objection. */
export function sidebarUpdateObjection(
  target: sidebar.RowTarget,
  objection: sidebar.ObjectionRef,
  change: sidebar.ObjectionChange,
): sidebar.CustomerView {
  return sidebar.sidebarUpdateObjection(target, objection, change);
}

/** Sidebar: the team view (concurrency heatmap, stalled customers, objections, cohorts). */
export function sidebarTeam(): sidebar.TeamView {
  return sidebar.sidebarTeam();
}

/** Sidebar: selects a row of the customer tab. */
export function sidebarGoTo(row: number): void {
  sidebar.sidebarGoTo(row);
}

/** Sidebar: runs the Customer inventory and returns where and how fast it was written. */
export function sidebarRunInventory(): sidebar.InventoryRun {
  return sidebar.sidebarRunInventory();
}

/** Sidebar: template, tabs and the column mapping as Pandian reads it now. */
export function sidebarSetup(): sidebar.SetupView {
  return sidebar.sidebarSetup();
}

/** Sidebar: saves corrected column mappings to the Settings tab. */
export function sidebarSaveMapping(changes: sidebar.MappingChange[]): sidebar.SetupView {
  return sidebar.sidebarSaveMapping(changes);
}

/** Sidebar (Setup view): creates the missing Pandian tabs from a template, in a language. */
export function sidebarSetupSheets(template: TemplateId, lang: Lang): { created: string[]; kept: string[] } {
  return sidebar.sidebarSetupSheets(template, lang);
}
