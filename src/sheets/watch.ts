// The change watcher (Settings: Watch changes = yes): an installable onChange trigger and a daily time
// trigger compare the customer tab with a hidden snapshot tab and log to History what the edit trigger
// cannot see (pastes, imports, bulk edits by scripts or other add-ons); the daily run also refreshes the
// Inventory. The triggers are installed and removed by Settings… to match the setting.
import {
  diffSnapshots,
  parseHistory,
  snapshotGrid,
  snapshotOf,
  snapshotOfGrid,
  unlogged,
} from '../core/history';
import { isBlankGrid } from '../core/normalize';
import { parseSettings, settingKeyOf } from '../core/settings';
import { nameIn, TAB_NAMES } from '../core/tabs';
import { todayIn } from './clock';
import { inventoryCommand } from './commands';
import { PandianError, withDocumentLock } from './errors';
import { customerTabOfSpreadsheet, readAll, readTab } from './read';
import { appendHistory, historyRow, historyTarget } from './triggers';
import { grownBlock } from './write-report';

/** The handlers the installed triggers call (globals in src/main.ts). */
export const WATCH_HANDLERS = { change: 'onChangeWatch', daily: 'dailyRefresh' } as const;
const DAILY_HOUR = 6;

/**
 * Installs or removes this user's watch triggers to match the Settings tab (read whole, and nothing else);
 * returns whether they are on.
 */
export function syncWatchTriggers(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  settingsTab: { sheet: GoogleAppsScript.Spreadsheet.Sheet; name: string },
): boolean {
  const { settings, issues } = parseSettings(readAll(settingsTab.sheet, settingsTab.name));
  // A Watch changes value Pandian cannot read ("Yes.", "on") reads as off: said, and the triggers left as they are.
  const unread = issues.find(
    (i) => i.code === 'bad-setting' && settingKeyOf(`${i.params?.setting}`) === 'watchChanges',
  );
  if (unread)
    throw new PandianError('settings.badWatch', {
      tab: settingsTab.name,
      row: unread.row,
      value: unread.value,
    });
  const handlers: string[] = Object.values(WATCH_HANDLERS);
  // Each getHandlerFunction is a service call: asked once per trigger.
  const existing = ScriptApp.getProjectTriggers()
    .map((trigger) => ({ trigger, handler: trigger.getHandlerFunction() }))
    .filter(({ handler }) => handlers.includes(handler));
  if (!settings.watchChanges) {
    for (const { trigger } of existing) ScriptApp.deleteTrigger(trigger);
    return false;
  }
  const have = new Set(existing.map(({ handler }) => handler));
  if (!have.has(WATCH_HANDLERS.change))
    ScriptApp.newTrigger(WATCH_HANDLERS.change).forSpreadsheet(ss).onChange().create();
  if (!have.has(WATCH_HANDLERS.daily))
    ScriptApp.newTrigger(WATCH_HANDLERS.daily).timeBased().everyDays(1).atHour(DAILY_HOUR).create();
  return true;
}

/**
 * Compares the customer tab with the snapshot, appends a History row per changed watched cell (source
 * `change` or `daily`), and stores the new snapshot. The first run only takes the snapshot.
 * Returns whether Watch changes is on (false too without a customer tab): the triggers stay installed until
 * Settings… is chosen, and do nothing meanwhile.
 */
export function logUnseenChanges(source: 'change' | 'daily'): boolean {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  return withDocumentLock(() => {
    // The triggers exist only while Watch changes is on (Settings… removes them), so read first and check after.
    let read: ReturnType<typeof customerTabOfSpreadsheet>;
    try {
      read = customerTabOfSpreadsheet(ss);
    } catch (e) {
      if (e instanceof PandianError) return false; // no customer tab (yet): nothing to watch
      throw e;
    }
    const { layout, settings, customer, table, lang, timeZone } = read;
    if (!settings.watchChanges) return false;
    const now = snapshotOf(customer.values, table, timeZone);
    const tab = layout.tabs.snapshot;
    const held = tab?.getDataRange().getValues();
    const before = held ? snapshotOfGrid(held) : null;
    // A tab of the user's own under the snapshot's name is never cleared: nothing is watched while it has it.
    if (held && !before && !isBlankGrid(held)) return true;
    const diff = before ? diffSnapshots(before, now) : [];
    // With Track edits on, the edit trigger has logged the user's own edits, which fire onChange too.
    const logged = settings.trackEdits && diff.length > 0 ? readTab(layout, 'history') : null;
    const changes = logged ? unlogged(diff, parseHistory(logged, timeZone)) : diff;
    const today = todayIn(timeZone);
    // While the user's own tab holds the History tab's name nothing is logged, and the snapshot is kept, so
    // the changes are logged once that tab is renamed.
    if (changes.length > 0) {
      const rows = changes.map((c) => historyRow(today, '', c, source));
      if (!appendHistory(ss, rows, lang, historyTarget(layout))) return true;
    }
    const sheet = tab ?? ss.insertSheet(nameIn(TAB_NAMES.snapshot, lang));
    if (!tab) sheet.hideSheet();
    const grid = snapshotGrid(now);
    sheet.clearContents();
    // Grown to the grid first: a customer tab of more than 1,000 rows outgrows a new tab.
    grownBlock(sheet, 1, grid.length, grid[0].length).setNumberFormat('@').setValues(grid);
    return true;
  });
}

/** onChange (installable): a paste, an import or a bulk edit may have changed watched cells. */
export function handleChange(e?: { changeType?: string }): void {
  if (e?.changeType === 'FORMAT') return;
  logUnseenChanges('change');
}

/** Daily, while Watch changes is on: log what changed unseen, then refresh the Inventory tab. */
export function dailyRefreshRun(): void {
  if (logUnseenChanges('daily')) inventoryCommand();
}
