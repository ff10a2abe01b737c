// Headless Chromium for the sidebar tests: one browser per test file, a 300 px page per backend, and a record of
// what the page did that it must not (dialogs, script errors, requests leaving the local backend).
import { existsSync } from 'node:fs';
import { type Browser, chromium, type Page } from 'playwright-core';
import type { Backend } from './backend';

const CHROMIUM =
  ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p)) ?? '/usr/bin/chromium';

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

export interface SidebarPage {
  page: Page;
  /** Messages of alert/confirm/prompt dialogs the page opened (none expected). */
  dialogs: string[];
  /** Uncaught script errors and console errors. */
  errors: string[];
  /** Requests to anywhere but the backend. */
  foreign: string[];
}

/** Opens the sidebar (as wide as Sheets shows it) and waits for its tabs. */
export async function openSidebar(browser: Browser, backend: Backend): Promise<SidebarPage> {
  const page = await browser.newPage({ viewport: { width: 300, height: 900 } });
  page.setDefaultTimeout(8000);
  const result: SidebarPage = { page, dialogs: [], errors: [], foreign: [] };
  page.on('dialog', (dialog) => {
    result.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on('pageerror', (e) => result.errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) result.errors.push(m.text());
  });
  page.on('response', (r) => {
    if (r.status() >= 400) result.errors.push(`${r.status()} ${r.url()}`);
  });
  page.on('request', (r) => {
    if (!r.url().startsWith(backend.url) && !r.url().startsWith('data:')) result.foreign.push(r.url());
  });
  await page.goto(backend.sidebarUrl);
  await page.getByRole('tablist').waitFor();
  return result;
}

/** axe-core's moderate, serious and critical violations on the page as it is now. */
export async function axeViolations(
  page: Page,
): Promise<{ id: string; impact: string; targets: string[] }[]> {
  await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (
            ctx: Document,
            opts: object,
          ) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }>;
        };
      }
    ).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations
      .filter((v) => v.impact !== 'minor')
      .map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.map((n) => n.target.join(' ')) }));
  });
}
