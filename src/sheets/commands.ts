// Menu commands. Each runs inside runCommand (errors become a short alert in the spreadsheet's language: sheetLang).
import { cellText, truncate } from '../core/normalize';
import { columnLetter } from '../core/register';
import { buildReport } from '../core/report';
import { chineseRoleName } from '../core/roles';
import { mappingRole } from '../core/settings';
import { nameIn, TAB_NAMES } from '../core/tabs';
import { type Cell, type Lang, ROLES, type Role, TEMPLATE_IDS } from '../core/types';
import { isReportTab, issueMessage, type MessageKey, reportText, translator } from '../i18n/messages';
import type { Params } from '../i18n/translate';
import { forgetContexts } from './context-cache';
import { alert, PandianError, userLang, withDocumentLock } from './errors';
import { FUNCTION_NAMES } from './functions';
import {
  customerHeader,
  inventoryOfSpreadsheet,
  layoutOf,
  nameOf,
  noCustomerSheet,
  readStart,
  sheetLang,
  tabName,
} from './read';
import { setupSheets } from './setup';
import { syncWatchTriggers } from './watch';
import { writeReport } from './write-report';

/** A toast in `lang`, titled with Pandian's name in that language (盘点 in Chinese), as the alerts are. */
function toast(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  lang: Lang,
  key: MessageKey,
  params: Params,
  seconds: number,
) {
  const t = translator(lang);
  ss.toast(t(key, params), t('error.title'), seconds);
}

/** Customer inventory (客户盘点): read once, compute in core, write the Inventory tab once. */
export function inventoryCommand(): { seconds: number; issues: number; tab: string } {
  const started = Date.now();
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const { issues, lang, tab } = withDocumentLock(() => {
    const { layout, inventory, lang, timeZone } = inventoryOfSpreadsheet(ss);
    const report = buildReport(inventory, reportText(lang), (issue) => issueMessage(issue, lang));
    const existing = layout.tabs.inventory;
    // A new tab is empty and its name is the one given: no clear and no getName for it.
    const name = tabName(layout, 'inventory') ?? nameIn(TAB_NAMES.inventory, lang);
    if (existing) checkReportTab(existing, name);
    const sheet = existing ?? ss.insertSheet(name);
    writeReport(sheet, report, timeZone, !existing);
    return { issues: inventory.issues.length, lang, tab: name };
  });
  const seconds = Math.round((Date.now() - started) / 100) / 10;
  toast(ss, lang, 'toast.inventory', { seconds: seconds.toFixed(1), issues }, 8);
  return { seconds, issues, tab };
}

/**
 * Refuses to clear a tab under the report's name that Pandian did not write: a tab of the user's own called
 * "Inventory" (stock, say) would otherwise be wiped. Pandian's report starts with its title in A1; an empty tab
 * is free to write.
 */
function checkReportTab(sheet: GoogleAppsScript.Spreadsheet.Sheet, name: string): void {
  const a1 = cellText(sheet.getSheetValues(1, 1, 1, 1)[0][0] as Cell); // one call, where getRange and getValue are two
  // getLastRow is asked only when A1 is blank.
  if (isReportTab(a1, a1 === '' && sheet.getLastRow() === 0)) return;
  throw new PandianError('error.notOurReport', { tab: name, value: truncate(a1, 40) });
}

/** Shows what Pandian does and where to start. */
export function showHelp(): void {
  const t = translator(sheetLang());
  alert(t('help.title'), t('help.body'));
}

/** Set up sheets…: asks for the template, creates the missing tabs, says what it kept. */
export function setupCommand(): void {
  const lang = sheetLang();
  const t = translator(lang);
  const ui = SpreadsheetApp.getUi();
  const answer = ui.prompt(t('setup.title'), t('setup.prompt'), ui.ButtonSet.OK_CANCEL);
  if (answer.getSelectedButton() !== ui.Button.OK) return;
  const text = answer.getResponseText().trim() || '1';
  // Matched against the numbers, not looked up by the text: a lookup would also answer "constructor".
  const choice = TEMPLATE_IDS.find((_, i) => text === String(i + 1));
  if (!choice) throw new PandianError('setup.badChoice', { value: text });
  const { created, kept, notOurs } = setupSheets(choice, lang);
  const sep = t('word.list');
  const done = t('setup.done', { created: created.join(sep) || '—', kept: kept.join(sep) || '—' });
  alert(t('setup.title'), notOurs ? `${done}\n\n${t('setup.settingsNotOurs', { sheet: notOurs })}` : done);
}

/** Map columns…: shows which header each role was given, and how to change it. */
export function mapColumnsCommand(): void {
  const start = readStart(SpreadsheetApp.getActiveSpreadsheet());
  const found = customerHeader(start);
  if (!found) throw noCustomerSheet(start);
  const { head, header, cells } = found;
  const lang = userLang(start.settings.lang);
  const t = translator(lang);
  // Roles by their names in the dialog's language, each one a mapping row may use
  const name = (role: string) => (lang === 'zh' ? chineseRoleName(role as Role) : role);
  const lines = (Object.entries(header.roles) as [string, number][]).map(
    ([role, col]) => `${name(role)} → ${String(cells[col])}`,
  );
  // A map: row that does not apply is said here, not only in the report: a header the tab lacks, or a role
  // Pandian does not know.
  for (const [role, wanted] of Object.entries(start.settings.mapping))
    if (header.roles[role as Role] === undefined)
      lines.push(t('map.noHeader', { role: name(role), header: `${wanted}` }));
  for (const issue of start.settingsIssues)
    if (mappingRole(`${issue.params?.setting}`) === null) lines.push(t('map.noRole', { key: issue.value }));
  alert(
    t('map.title', { sheet: head.name, row: header.row + 1 }),
    `${lines.join('\n')}\n\n${t('map.howTo', { roles: ROLES.map(name).join(t('word.list')) })}`,
  );
}

/**
 * Settings…: opens the Settings tab (created by Set up sheets) and makes the change watcher's triggers
 * match it (installed when Watch changes is yes, removed when no).
 */
export function settingsCommand(): void {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  // The tab every reader takes for Settings (names matched as readers match them, " settings " too).
  const layout = layoutOf(ss);
  const sheet = layout.tabs.settings;
  if (!sheet) throw new PandianError('settings.missing');
  const settings = { sheet, name: nameOf(layout.handles, sheet) };
  ss.setActiveSheet(sheet);
  forgetContexts();
  const watching = syncWatchTriggers(ss, settings);
  toast(ss, sheetLang(), watching ? 'toast.watchOn' : 'toast.watchOff', {}, 5);
}

/** Open sidebar. */
export function sidebarCommand(): void {
  const html = HtmlService.createHtmlOutputFromFile('Sidebar').setTitle('Pandian 盘点');
  SpreadsheetApp.getUi().showSidebar(html);
}

/**
 * Refresh formulas: forgets the cached header and stage model, then re-enters every Pandian formula so
 * Sheets runs it again (Sheets only re-runs a custom function when its arguments change).
 */
export function refreshFormulasCommand(): void {
  forgetContexts();
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const pattern = new RegExp(`\\b(${FUNCTION_NAMES.join('|')})\\s*\\(`, 'i');
  let count = 0;
  for (const sheet of ss.getSheets()) {
    // The pattern names a function, so a cell without a formula ('') never matches.
    const cells = sheet
      .getDataRange()
      .getFormulas()
      .flatMap((row, r) => row.flatMap((f, c) => (pattern.test(f) ? [[r + 1, c + 1, f] as const] : [])));
    if (cells.length === 0) continue;
    // Written back a run down a column at a time (a formula filled down is one run): two calls a run, where
    // one per cell cost two each, and ran 500 formulas into seconds of a window in which they were cleared.
    const runs: { r: number; c: number; formulas: string[][] }[] = [];
    for (const [r, c, f] of [...cells].sort((a, b) => a[1] - b[1] || a[0] - b[0])) {
      const last = runs[runs.length - 1];
      if (last?.c === c && last.r + last.formulas.length === r) last.formulas.push([f]);
      else runs.push({ r, c, formulas: [[f]] });
    }
    // One call clears them all (a getRange and a clearContent per cell were two calls each).
    sheet.getRangeList(cells.map(([r, c]) => `${columnLetter(c - 1)}${r}`)).clearContent();
    SpreadsheetApp.flush();
    let next = 0;
    const writeBack = () => {
      for (; next < runs.length; next++) {
        const { r, c, formulas } = runs[next];
        sheet.getRange(r, c, formulas.length, 1).setFormulas(formulas);
      }
    };
    // A write that fails (a service error) is tried once more from where it stopped, so the user's formulas
    // are not left cleared; the error is still told.
    try {
      writeBack();
    } catch (e) {
      writeBack();
      throw e;
    }
    count += cells.length;
  }
  toast(ss, sheetLang(), 'toast.refreshed', { n: count }, 5);
}
