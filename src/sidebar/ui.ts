// What every view of the sidebar shares: the language, the alert and status regions, and busy buttons.
import type { Lang } from '../core/types';
import type { SidebarTranslate } from '../i18n/sidebar-messages';

export interface Ui {
  lang: Lang;
  t: SidebarTranslate;
  /** Shows a failure's message in the alert region; the view stays as it was and usable. */
  fail(error: unknown): void;
  /** Announces a success in the status region. */
  say(message: string): void;
  clearAlert(): void;
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
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
    }
  }
}

/** 'YYYY-MM-DD' in the user's reading order (the ISO form reads the same in both languages). */
export function dayText(iso: string | null): string {
  return iso ?? '—';
}
