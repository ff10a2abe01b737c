// Menu commands: each runs inside one error boundary that shows a short alert in the user's language.
import { langOfLocale, translator } from '../i18n/messages';

/** Shows what Pandian does and where to start. */
export function showHelp(): void {
  const t = translator(langOfLocale(Session.getActiveUserLocale()));
  SpreadsheetApp.getUi().alert(t('help.title'), t('help.body'), SpreadsheetApp.getUi().ButtonSet.OK);
}
