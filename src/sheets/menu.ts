// The add-on menu. Built in every auth mode, including NONE, so it touches nothing but the Ui service.
import { langOfLocale, type MessageKey, translator } from '../i18n/messages';

/** Menu entries: message key -> the global function (src/main.ts) the item runs. */
const ITEMS = [
  ['menu.inventory', 'menuInventory'],
  ['menu.sidebar', 'menuSidebar'],
  ['menu.setup', 'menuSetup'],
  ['menu.map', 'menuMapColumns'],
  ['menu.settings', 'menuSettings'],
  ['menu.refresh', 'menuRefreshFormulas'],
  ['menu.help', 'menuHelp'],
] as const;

/**
 * Builds the add-on menu. In AuthMode.NONE (add-on installed but not yet used in this file) no service
 * but the Ui may be touched, so the user's locale is unknown and the labels carry both languages.
 */
export function buildMenu(authModeNone: boolean): void {
  const label = authModeNone
    ? (key: MessageKey) => `${translator('zh')(key)} ${translator('en')(key)}`
    : translator(langOfLocale(Session.getActiveUserLocale()));
  const menu = SpreadsheetApp.getUi().createAddonMenu();
  for (const [key, fn] of ITEMS) {
    if (key === 'menu.help') menu.addSeparator();
    menu.addItem(label(key), fn);
  }
  menu.addToUi();
}
