// What every view of the sidebar shares: the language, the alert and status regions, and busy buttons.
import type { Lang } from '../core/types';
import type { SidebarKey, SidebarTranslate } from '../i18n/sidebar-messages';
import type { PageErrorCode } from '../sheets/errors';

export interface Ui {
  lang: Lang;
  t: SidebarTranslate;
  /** Shows a failure's message in the alert region; the view stays as it was and usable. */
  fail(error: unknown): void;
  /** Announces a success in the status region. */
  say(message: string): void;
  clearAlert(): void;
}

/** The words for each refusal the sidebar's server functions send as a code. */
const REFUSALS: Record<PageErrorCode, SidebarKey> = {
  rowChanged: 'sidebar.error.rowChanged',
  noColumn: 'sidebar.error.noColumn',
  markKept: 'sidebar.error.markKept',
  noNextActionColumn: 'sidebar.error.noNextActionColumn',
  badDate: 'sidebar.error.badDate',
  badInput: 'sidebar.error.badInput',
  objectionText: 'sidebar.error.objectionText',
  objectionChanged: 'sidebar.error.objectionChanged',
  noObjectionsTab: 'sidebar.error.noObjectionsTab',
  noObjectionColumn: 'sidebar.error.noObjectionColumn',
  objectionsUnreadable: 'sidebar.error.objectionsUnreadable',
  settingsNotOurs: 'sidebar.error.settingsNotOurs',
  unknownHeader: 'sidebar.error.unknownHeader',
};

/**
 * A failure in words. A refusal of a sidebar server function arrives as ["code", params] and is said with `t`;
 * any other message (already in the user's language) is shown as it came.
 */
export function messageOf(error: unknown, t?: SidebarTranslate): string {
  const text = error instanceof Error ? error.message : String(error);
  if (!t || !text.startsWith('["')) return text;
  try {
    const [code, params] = JSON.parse(text) as [unknown, unknown];
    if (typeof code === 'string' && Object.keys(REFUSALS).includes(code)) {
      const named = params && typeof params === 'object' && !Array.isArray(params) ? params : {};
      return t(REFUSALS[code as PageErrorCode], named as Record<string, string | number>);
    }
  } catch {
    // not a refusal: show the text itself
  }
  return text;
}

/**
 * Runs `work` with the button marked busy (disabled, aria-busy) and puts it back afterwards. A failure goes to
 * the alert region and resolves to undefined.
 */
export async function whileBusy<T>(
  ui: Ui,
  control: HTMLButtonElement | null,
  work: () => Promise<T>,
): Promise<T | undefined> {
  ui.clearAlert();
  // Disabling the focused button drops focus to the page: it is given back when the button is usable again.
  const hadFocus = control !== null && document.activeElement === control;
  if (control) {
    control.disabled = true;
    control.setAttribute('aria-busy', 'true');
  }
  try {
    return await work();
  } catch (e) {
    ui.fail(e);
    return undefined;
  } finally {
    if (control) {
      control.disabled = false;
      control.removeAttribute('aria-busy');
      const lost = document.activeElement === null || document.activeElement === document.body;
      if (hadFocus && lost && control.isConnected) control.focus();
    }
  }
}

/** A label's colon in the page's language: full-width in Chinese ("指导："), "Guidance: " in English. */
export function colon(lang: Lang): string {
  return lang === 'zh' ? '：' : ': ';
}

/** A note in parentheses after a text, in the page's language: "（必需）" in Chinese, " (required)" in English. */
export function paren(lang: Lang, note: string): string {
  return lang === 'zh' ? `（${note}）` : ` (${note})`;
}

/** 'YYYY-MM-DD' in the user's reading order (the ISO form reads the same in both languages). */
export function dayText(iso: string | null): string {
  return iso ?? '—';
}
