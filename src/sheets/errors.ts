// One place where a command's failure becomes a short message in the user's language, never a stack.
import type { Lang } from '../core/types';
import { langOfLocale, type MessageKey, translator } from '../i18n/messages';

/** A failure the user can act on; `code` names its message in the catalogue. */
export class PandianError extends Error {
  constructor(
    readonly code: MessageKey,
    readonly params: Record<string, string | number> = {},
  ) {
    super(code);
  }
}

/**
 * Why a sidebar server function refused: the page shows it in words (sidebar-messages.ts, 'sidebar.error.<code>'),
 * so dist/Code.js carries only the code. Params name the row, column or value at fault.
 */
export type PageErrorCode =
  | 'rowChanged'
  | 'noColumn'
  | 'markKept'
  | 'noNextActionColumn'
  | 'badDate'
  | 'badInput'
  | 'objectionText'
  | 'objectionChanged'
  | 'noObjectionsTab'
  | 'noObjectionColumn'
  | 'objectionsUnreadable'
  | 'settingsNotOurs'
  | 'unknownHeader';

/** A refusal of a sidebar server function; its message is the JSON ["code", params] the page translates. */
export class PageError extends Error {
  constructor(code: PageErrorCode, params: Record<string, string | number> = {}) {
    super(JSON.stringify([code, params]));
  }
}

/** The user's language, without failing where Session is not allowed. */
export function userLang(preferred?: Lang): Lang {
  if (preferred) return preferred;
  try {
    return langOfLocale(Session.getActiveUserLocale());
  } catch {
    return 'en';
  }
}

/** The one-line message for any error, in a language. */
export function errorMessage(e: unknown, lang: Lang): string {
  const t = translator(lang);
  if (e instanceof PandianError) return t(e.code, e.params);
  const text = String((e as Error)?.message ?? e).split('\n')[0];
  return t('error.unexpected', { message: text });
}

/** Runs a menu command; any failure shows an alert in `language` (the spreadsheet's: read.sheetLang). */
export function runCommand(command: () => void, language: () => Lang): void {
  try {
    command();
  } catch (e) {
    const lang = language();
    alert(translator(lang)('error.title'), errorMessage(e, lang));
  }
}

/** A message box with an OK button. */
export function alert(title: string, body: string): void {
  const ui = SpreadsheetApp.getUi();
  ui.alert(title, body, ui.ButtonSet.OK);
}

/**
 * Runs `work` holding the document lock (other Pandian runs wait up to 30 s). Only the wait's own failure means
 * "busy": an error elsewhere whose text merely mentions a lock (or "block") keeps its own message.
 */
export function withDocumentLock<T>(work: () => T): T {
  const lock = LockService.getDocumentLock();
  if (!lock) return work();
  try {
    lock.waitLock(30000);
  } catch {
    throw new PandianError('error.busy');
  }
  try {
    const result = work();
    SpreadsheetApp.flush();
    return result;
  } finally {
    lock.releaseLock();
  }
}
