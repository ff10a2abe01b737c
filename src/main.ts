// The only globals Apps Script sees. build.mjs turns every export below into a top-level function in
// dist/Code.js that delegates into the bundle, keeping its JSDoc (so @customfunction autocompletes).
// Nothing here may do work at load time: every custom-function cell and trigger loads this file.
import { buildMenu } from './sheets/menu';
import { showHelp } from './sheets/commands';

/**
 * Builds the Pandian menu when the spreadsheet opens.
 * @param {GoogleAppsScript.Events.SheetsOnOpen} e the open event
 */
export function onOpen(e?: { authMode?: GoogleAppsScript.Script.AuthMode }): void {
  buildMenu(e?.authMode === ScriptApp.AuthMode.NONE);
}

/**
 * Runs when the add-on is installed: builds the menu in the open spreadsheet.
 * @param {GoogleAppsScript.Events.AddonOnInstall} e the install event
 */
export function onInstall(e?: { authMode?: GoogleAppsScript.Script.AuthMode }): void {
  onOpen(e);
}

/** Menu: Help. */
export function menuHelp(): void {
  showHelp();
}
