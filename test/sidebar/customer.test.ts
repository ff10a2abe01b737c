// The Customer view in headless Chromium, over the real server functions of dist/Code.js running in the sandbox:
// the card, "met today", next action, objections, text-only rendering, failures and writes to a row that moved.
import type { Browser } from 'playwright-core';
import { createSpreadsheet, editEvent, type FakeSpreadsheet } from '../sandbox';
import { type Backend, startBackend } from './backend';
import { launchBrowser, openSidebar, type SidebarPage } from './browser';
import { customerTabName, fixtureSheets, NOW, TIME_ZONE, XSS_NAME } from './fixtures';

/** The History tab's header as the edit trigger writes it (English: the tab is named Change log). */
const HISTORY_HEADER = ['When', 'Who', 'Customer', 'ID', 'Row', 'Field', 'Old', 'New', 'Source'];
/** 2026-11-27 00:00 in Shanghai: what a date cell holds for "today". */
const TODAY_CELL = Date.UTC(2026, 10, 26, 16, 0, 0);

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

interface World {
  ss: FakeSpreadsheet;
  backend: Backend;
  sidebar: SidebarPage;
}

const opened: World[] = [];
afterEach(async () => {
  for (const w of opened.splice(0)) {
    await w.sidebar.page.close();
    await w.backend.close();
  }
});

/**
 * A fresh spreadsheet (the fixture's `sheets`) with row `row` of Customers selected (`cells`: A1 address →
 * value, set first), its backend, and the sidebar open on it.
 */
async function open(
  row: number,
  cells: Record<string, string> = {},
  sheets = fixtureSheets('en'),
): Promise<World> {
  const ss = createSpreadsheet({ sheets, timeZone: TIME_ZONE });
  for (const [a1, value] of Object.entries(cells)) ss.getRange(a1).setValue(value);
  select(ss, row);
  const backend = await startBackend({ spreadsheet: ss, now: NOW });
  const sidebar = await openSidebar(browser, backend);
  const world = { ss, backend, sidebar };
  opened.push(world);
  return world;
}

function select(ss: FakeSpreadsheet, row: number): void {
  ss.getSheetByName('Customers')!.getRange(row, 2).activate();
}

function values(ss: FakeSpreadsheet, tab: string): unknown[][] {
  return ss.getSheetByName(tab)!.getDataRange().getValues();
}

function time(v: unknown): number | null {
  return Object.prototype.toString.call(v) === '[object Date]' ? (v as Date).getTime() : null;
}

function expectClean(s: SidebarPage): void {
  expect(s.dialogs).toEqual([]);
  expect(s.errors).toEqual([]);
  expect(s.foreign).toEqual([]);
}

describe('Customer view', () => {
  it('draws the card of the selected row: ladder, checklist, actions, objections, next action', async () => {
    const { sidebar } = await open(3);
    const page = sidebar.page;
    await page.getByRole('heading', { level: 2, name: 'Northern Steel' }).waitFor();
    await expect(page.locator('.meta').first().textContent()).resolves.toBe('Ann · row 3 · C-002');

    const steps = page.locator('.ladder li');
    await expect(steps.allTextContents()).resolves.toEqual([
      'Lead (criteria met)',
      'Discovery (criteria met)',
      'Budget (criteria met)declaredevidenced',
      'Solution & tender',
      'Negotiation & approval',
    ]);
    await expect(page.locator('.ladder li[aria-current="step"] .step-name').textContent()).resolves.toBe(
      'Budget',
    );
    await page.getByRole('heading', { name: 'To reach Solution & tender' }).waitFor();
    await expect(page.locator('.checklist .criterion-name').allTextContents()).resolves.toEqual([
      'Budget confirmed',
      'Budget-approval path',
    ]);
    await page.getByRole('button', { name: 'Mark "Budget confirmed" met today' }).waitFor();
    // Stalled past Budget's 30 days, and out of touch past the default 14 no-contact days.
    await expect(page.locator('#ladder-h ~ p.meta').last().textContent()).resolves.toBe(
      '87 days in stage (max 30) · last contact 26 days ago · stalled · out of touch',
    );
    await expect(page.locator('#ladder-h ~ p.meta strong.bad').allTextContents()).resolves.toEqual([
      'stalled',
      'out of touch',
    ]);
    await page.getByText('Meet finance or the economic buyer').waitFor();
    await page.getByText('No budget left this year').waitFor();
    await expect(page.locator('.objection .meta').textContent()).resolves.toBe(
      'Plan: Aim for Q1 budget · Due 2026-11-20 overdue blocking',
    );
    await expect(page.getByRole('textbox', { name: 'Next action' }).inputValue()).resolves.toBe('');
    await page.getByText('No next action yet.').waitFor();
    expectClean(sidebar);
  });

  it('lists an unmet criterion of an earlier stage for a customer declared ahead of its evidence', async () => {
    const { ss, sidebar } = await open(3);
    const page = sidebar.page;
    await page.getByRole('heading', { level: 2, name: 'Northern Steel' }).waitFor();
    ss.getSheetByName('Customers')!.getRange('L3').setValue(''); // Need confirmed (a Discovery criterion)
    await page.getByText('ahead of evidence').waitFor();
    await expect(page.locator('.ladder li').allTextContents()).resolves.toEqual([
      'Lead (criteria met)',
      'Discovery (criteria met)evidenced',
      'Budgetdeclared',
      'Solution & tender',
      'Negotiation & approval',
    ]);
    await page.getByRole('heading', { name: 'To reach Solution & tender' }).waitFor();
    // Inquiry and Decision process mapped are met at earlier stages: not listed.
    await expect(page.locator('.checklist .criterion-name').allTextContents()).resolves.toEqual([
      'Need confirmed',
      'Budget confirmed',
      'Budget-approval path',
    ]);
    await expect(page.locator('.checklist .criterion-kind').first().textContent()).resolves.toMatch(
      / · Discovery$/,
    );

    // A won customer has no checklist and no current step.
    select(ss, 7);
    await page.getByRole('heading', { level: 2, name: 'Eastern Shipping' }).waitFor();
    await page.getByText('This customer is won: nothing to reach.').waitFor();
    await expect(page.locator('.checklist').count()).resolves.toBe(0);
    await expect(page.locator('.ladder li[aria-current="step"]').count()).resolves.toBe(0);
    expectClean(sidebar);
  });

  it('"Met today" writes today\'s date into that criterion\'s cell only, and the card shows it met', async () => {
    const { ss, sidebar } = await open(3);
    const page = sidebar.page;
    const before = values(ss, 'Customers');
    await page.getByRole('button', { name: 'Mark "Budget confirmed" met today' }).click();
    await page.getByRole('status').getByText('"Budget confirmed" marked met on 2026-11-27.').waitFor();

    const after = values(ss, 'Customers');
    expect(time(after[2][13])).toBe(TODAY_CELL); // N3, Budget confirmed
    after[2][13] = before[2][13];
    expect(after).toEqual(before); // nothing else in the tab changed
    await expect(page.locator('.checklist li.met .criterion-name').allTextContents()).resolves.toEqual([
      'Budget confirmed',
    ]);
    await expect(page.getByRole('button', { name: /met today/ }).count()).resolves.toBe(1);
    expectClean(sidebar);
  });

  it('saves the next action and its due date into their two cells', async () => {
    const { ss, sidebar } = await open(3);
    const page = sidebar.page;
    await page.getByRole('heading', { level: 2, name: 'Northern Steel' }).waitFor();
    const before = values(ss, 'Customers');
    await page.getByRole('textbox', { name: 'Next action' }).fill('=Call the CFO');
    await page.getByLabel('Due date').fill('2026-12-04');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('status').getByText('Saved.').waitFor();

    const after = values(ss, 'Customers');
    expect(after[2][8]).toBe('=Call the CFO'); // kept as text, not a formula
    expect(ss.getSheetByName('Customers')!.getRange('I3').getFormula()).toBe('');
    expect(time(after[2][9])).toBe(Date.UTC(2026, 11, 3, 16));
    after[2][8] = before[2][8];
    after[2][9] = before[2][9];
    expect(after).toEqual(before);
    await expect(page.getByText('No next action yet.').count()).resolves.toBe(0);
  });

  it('changing only the due date leaves a multi-line next action as the user typed it', async () => {
    const typed = 'Call the CFO\nthen send the revised quote';
    const { ss, sidebar } = await open(3, { 'Customers!I3': typed });
    const page = sidebar.page;
    await page.getByRole('heading', { level: 2, name: 'Northern Steel' }).waitFor();
    await expect(page.getByRole('textbox', { name: 'Next action' }).inputValue()).resolves.toBe(typed);
    await page.getByLabel('Due date').fill('2026-12-04');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('status').getByText('Saved.').waitFor();
    expect(ss.getRange('Customers!I3').getValue()).toBe(typed);
    expect(time(ss.getRange('Customers!J3').getValue())).toBe(Date.UTC(2026, 11, 3, 16));
  });

  it('adding an objection appends one row to Objections', async () => {
    const { ss, sidebar } = await open(3);
    const page = sidebar.page;
    await page.getByRole('heading', { level: 2, name: 'Northern Steel' }).waitFor();
    const before = values(ss, 'Objections');
    await page.getByText('Add an objection').click();
    await page.getByLabel('Type').selectOption('approval');
    await page.getByLabel('Objection', { exact: true }).fill('The board meets only in March');
    await page.getByLabel('Plan', { exact: true }).last().fill('Ask the champion\nfor an early slot');
    await page.getByLabel('Due', { exact: true }).last().fill('2026-12-15');
    await page.getByLabel('Blocks the next stage').check();
    await page.getByRole('button', { name: 'Add objection' }).click();
    await page.getByRole('status').getByText('Objection added.').waitFor();

    const after = values(ss, 'Objections');
    expect(after.slice(0, before.length)).toEqual(before);
    expect(after).toHaveLength(before.length + 1);
    const row = after[after.length - 1];
    expect(row.slice(0, 6)).toEqual([
      'OBJ-003',
      'C-002',
      'Budget',
      'Approval',
      'The board meets only in March',
      'Ann',
    ]);
    expect(time(row[6])).toBe(TODAY_CELL);
    expect(row[7]).toBe('Planned');
    expect(row[8]).toBe('Ask the champion\nfor an early slot'); // its line break kept
    expect(time(row[9])).toBe(Date.UTC(2026, 11, 14, 16));
    expect(row[14]).toBe('yes');
    await page.getByText('The board meets only in March').waitFor();
    await expect(page.locator('.objection').count()).resolves.toBe(2);
  });

  it("updates an objection's status and resolution in its own row", async () => {
    const { ss, sidebar } = await open(3);
    const page = sidebar.page;
    await page.getByText('No budget left this year').waitFor();
    const before = values(ss, 'Objections');
    await page.getByLabel('Status').selectOption('resolved');
    await page.getByLabel('Resolution').selectOption('bypassed');
    await page.getByRole('button', { name: 'Update objection "No budget left this year"' }).click();
    await page.getByRole('status').getByText('Objection updated.').waitFor();

    const after = values(ss, 'Objections');
    expect(after[1][7]).toBe('Resolved');
    expect(after[1][10]).toBe('Bypassed');
    expect(time(after[1][11])).toBe(TODAY_CELL);
    for (const c of [7, 10, 11]) after[1][c] = before[1][c];
    expect(after).toEqual(before);
    await page.getByText('No open objections.').waitFor();
    await page.getByText('1 resolved or accepted').waitFor();
  });

  it('signs off a resolved objection nobody reviewed, the supervision step, in one click', async () => {
    const { ss, sidebar } = await open(5); // Southern Pharma: its price objection is resolved, not reviewed
    const page = sidebar.page;
    await page.getByText('1 resolved or accepted').click();
    await page.locator('#closed-objections').getByText('not reviewed').waitFor();
    const before = values(ss, 'Objections');
    await page.getByRole('button', { name: 'Mark objection "Price above the competitor" reviewed' }).click();
    await page.getByRole('status').getByText('Review recorded.').waitFor();
    const after = values(ss, 'Objections');
    expect(after[2][12]).toBe('user@example.com');
    expect(time(after[2][13])).toBe(TODAY_CELL);
    for (const c of [12, 13]) after[2][c] = before[2][c];
    expect(after).toEqual(before);
    await page.getByText('1 resolved or accepted').click();
    await expect(page.locator('#closed-objections').textContent()).resolves.not.toContain('not reviewed');
  });

  it("changing only an objection's status leaves its multi-line plan as the user typed it", async () => {
    const plan = 'Meet the CFO\nthen propose a phased payment';
    const { ss, sidebar } = await open(3, { 'Objections!I2': plan });
    const page = sidebar.page;
    await page.getByText('No budget left this year').waitFor();
    await page.getByLabel('Status').selectOption('acting');
    await page.getByRole('button', { name: 'Update objection "No budget left this year"' }).click();
    await page.getByRole('status').getByText('Objection updated.').waitFor();
    expect(ss.getRange('Objections!H2').getValue()).toBe('Acting');
    expect(ss.getRange('Objections!I2').getValue()).toBe(plan);
  });

  it('shows a customer named like HTML as text and runs nothing', async () => {
    const { sidebar } = await open(4);
    const page = sidebar.page;
    const heading = page.getByRole('heading', { level: 2 });
    await heading.waitFor();
    await expect(heading.textContent()).resolves.toBe(XSS_NAME);
    await page.getByRole('tab', { name: 'Team' }).click();
    await page
      .getByRole('button', { name: `Go to row 4: ${XSS_NAME}` })
      .first()
      .waitFor();
    await page.waitForTimeout(300); // room for an onerror to fire, if an <img> had been made
    await expect(page.evaluate(() => document.getElementsByTagName('img').length)).resolves.toBe(0);
    expectClean(sidebar);
  });

  it('a failing server call shows its message and the view stays usable', async () => {
    const { ss, backend, sidebar } = await open(3);
    const page = sidebar.page;
    const met = page.getByRole('button', { name: 'Mark "Budget confirmed" met today' });
    await met.waitFor();
    const release = backend.sandbox.env.holdDocumentLock(); // another execution holds the lock
    await met.click();
    await page
      .getByRole('alert')
      .getByText('Another Pandian command is running in this spreadsheet. Try again in a moment.')
      .waitFor();
    expect(time(values(ss, 'Customers')[2][13])).toBeNull();
    release();
    await expect(met.isEnabled()).resolves.toBe(true);
    await met.click();
    await page.getByRole('status').getByText('"Budget confirmed" marked met on 2026-11-27.').waitFor();
    await expect(page.getByRole('alert').textContent()).resolves.toBe('');
    expect(time(values(ss, 'Customers')[2][13])).toBe(TODAY_CELL);
  });

  it('refuses a write to a row that now holds another customer (sorted after the card was drawn)', async () => {
    const { ss, sidebar } = await open(3);
    const page = sidebar.page;
    const met = page.getByRole('button', { name: 'Mark "Budget confirmed" met today' });
    await met.waitFor();
    ss.getSheetByName('Customers')!.getRange('A2:R7').sort({ column: 2, ascending: true });
    const sorted = values(ss, 'Customers');
    expect(sorted[2][1]).not.toBe('Northern Steel');
    await met.click();
    await page
      .getByRole('alert')
      .getByText(
        /^Row 3 no longer holds "Northern Steel" \(the sheet was sorted or rows were deleted\)\. Nothing was written/,
      )
      .waitFor();
    expect(values(ss, 'Customers')).toEqual(sorted);
    // The card is redrawn for whoever row 3 holds now.
    await page.getByRole('heading', { level: 2, name: sorted[2][1] as string }).waitFor();
  });

  it('writes into the right cell after a column was inserted since the card was drawn', async () => {
    const { ss, sidebar } = await open(3);
    const page = sidebar.page;
    const met = page.getByRole('button', { name: 'Mark "Budget confirmed" met today' });
    await met.waitFor();
    ss.getSheetByName('Customers')!.insertColumnBefore(2);
    const before = values(ss, 'Customers');
    await met.click();
    await page.getByRole('status').getByText('"Budget confirmed" marked met on 2026-11-27.').waitFor();
    const after = values(ss, 'Customers');
    expect(time(after[2][14])).toBe(TODAY_CELL); // O3 now holds Budget confirmed
    after[2][14] = before[2][14];
    expect(after).toEqual(before);
  });

  it('a write keeps what the user typed in the card’s other forms; a failed one gives focus back', async () => {
    const { sidebar, backend } = await open(3);
    const page = sidebar.page;
    const met = page.getByRole('button', { name: 'Mark "Budget confirmed" met today' });
    await met.waitFor();
    await page.getByText('Add an objection').click();
    await page.locator('#add-text').fill('Board meets only in March');
    await page.locator('#na-text').fill('Call the CFO');
    const plan = page.locator('li.objection', { hasText: 'No budget left this year' }).locator('textarea');
    await plan.fill('Ask for a Q1 slot');
    // Keyboard: the button is focused and pressed; the first try fails (another run holds the lock).
    const release = backend.sandbox.env.holdDocumentLock();
    await met.focus();
    await page.keyboard.press('Enter');
    await page
      .getByRole('alert')
      .getByText(/Another Pandian command is running/)
      .waitFor();
    const focused = () => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? '');
    await expect(focused()).resolves.toBe('Mark "Budget confirmed" met today');
    release();
    await page.keyboard.press('Enter');
    await page.getByRole('status').getByText('"Budget confirmed" marked met on 2026-11-27.').waitFor();
    await expect(page.locator('#add-text').inputValue()).resolves.toBe('Board meets only in March');
    await expect(page.locator('#na-text').inputValue()).resolves.toBe('Call the CFO');
    await expect(plan.inputValue()).resolves.toBe('Ask for a Q1 slot');
    expectClean(sidebar);
  });

  it('History’s stage clock does not redraw the card while an input method is composing', async () => {
    const sheets = fixtureSheets('en');
    (sheets.Customers as unknown[][])[2][6] = ''; // Northern Steel's Stage Entered
    sheets['Change log'] = [
      HISTORY_HEADER,
      [
        '2026-10-20',
        'ann@example.com',
        'Northern Steel',
        'C-002',
        '3',
        'Stage',
        'Discovery',
        'Budget',
        'edit',
      ],
    ];
    const ss = createSpreadsheet({ sheets, timeZone: TIME_ZONE });
    select(ss, 3);
    const backend = await startBackend({ spreadsheet: ss, now: NOW, latency: { sidebarStageClock: 1500 } });
    const sidebar = await openSidebar(browser, backend);
    opened.push({ ss, backend, sidebar });
    const page = sidebar.page;
    const clockAnswer = page.waitForResponse(
      (r) => r.request().postData()?.includes('"sidebarStageClock"') ?? false,
    );
    const na = page.locator('#na-text');
    await na.waitFor();
    // The user starts composing before the clock comes back; the field must stay the one being typed in.
    await na.evaluate((el: HTMLTextAreaElement & { mark?: number }) => {
      el.mark = 1;
      el.focus();
      el.dispatchEvent(new CompositionEvent('compositionstart', { bubbles: true }));
    });
    // Wait for the clock's answer itself, however long a loaded machine takes, then let the page handle it.
    const clock = await clockAnswer;
    await clock.finished();
    await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 100)));
    await expect(na.evaluate((el: HTMLTextAreaElement & { mark?: number }) => el.mark)).resolves.toBe(1);
    await na.evaluate((el) => el.dispatchEvent(new CompositionEvent('compositionend', { bubbles: true })));
    await page.getByText('38 days in stage (max 30)').waitFor();
  });

  it('a poll that redraws the card keeps the caret where the user left it', async () => {
    const { ss, sidebar } = await open(3);
    const page = sidebar.page;
    const na = page.locator('#na-text');
    await na.fill('Call CFO');
    await na.evaluate((el: HTMLTextAreaElement) => el.setSelectionRange(4, 4));
    ss.getRange('Customers!H3').setValue('2026-11-25'); // last contact: the card changes at the next poll
    await page.getByText(/last contact 2 days ago/).waitFor();
    const caret = na.evaluate((el: HTMLTextAreaElement) => [
      el.value,
      el.selectionStart,
      el.selectionEnd,
      document.activeElement === el,
    ]);
    await expect(caret).resolves.toEqual(['Call CFO', 4, 4, true]);
  });

  it('says "1 day", and uses full-width punctuation in Chinese', async () => {
    const { sidebar } = await open(3, { 'Customers!H3': '2026-11-26' });
    await sidebar.page.getByText(/last contact 1 day ago/).waitFor();

    const ss = createSpreadsheet({ sheets: fixtureSheets('zh'), timeZone: TIME_ZONE });
    ss.getSheetByName(customerTabName('zh'))!.getRange(3, 2).activate();
    const backend = await startBackend({ spreadsheet: ss, now: NOW, locale: 'zh_CN' });
    const zh = await openSidebar(browser, backend);
    opened.push({ ss, backend, sidebar: zh });
    await zh.page.locator('.card-title').waitFor();
    const text = (await zh.page.locator('#panel-customer').textContent()) ?? '';
    expect(text).toContain('指导：');
    expect(text).not.toMatch(/[\u4e00-\u9fff]: |\((?:条件已达成|必需|已达成|未达成)\)/);
    expectClean(zh);
  });

  it('the plan being typed stays with its objection when Objections rows above it are deleted', async () => {
    const sheets = fixtureSheets('en');
    const objections = sheets.Objections as unknown[][];
    const [head, budget, price] = objections;
    const text = budget.indexOf('No budget left this year');
    const legal = budget.map((c, k) => (k === 0 ? 'OBJ-003' : k === text ? 'Legal wants a new clause' : c));
    sheets.Objections = [head, price, budget, legal]; // another customer's objection first
    const { ss, backend, sidebar } = await open(3, {}, sheets);
    const page = sidebar.page;
    const planOf = (text: string) => page.locator('li.objection', { hasText: text }).locator('textarea');
    await planOf('No budget left this year').fill('Typed for the budget objection');
    const tab = ss.getSheetByName('Objections')!;
    tab.deleteRow(2);
    backend.sandbox.call('onEdit', editEvent(ss, 'Objections!A2', { value: 'OBJ-001', oldValue: 'OBJ-002' }));
    select(ss, 3); // back on the customer's row after the edit on the Objections tab
    await polled(backend, 2);
    await expect(planOf('No budget left this year').inputValue()).resolves.toBe(
      'Typed for the budget objection',
    );
    await expect(planOf('Legal wants a new clause').inputValue()).resolves.not.toBe(
      'Typed for the budget objection',
    );
  });

  it('does not draw a poll that was sent before a write: the card stays as the write left it', async () => {
    const ss = createSpreadsheet({ sheets: fixtureSheets('en'), timeZone: TIME_ZONE });
    select(ss, 3);
    const overrides: Record<string, (...args: unknown[]) => unknown> = {};
    const backend = await startBackend({ spreadsheet: ss, now: NOW, overrides });
    // A slow poll: the card as it is when asked, answered 1.5 s later.
    overrides.sidebarCustomer = async (...args: unknown[]) => {
      const view = backend.sandbox.call('sidebarCustomer', ...args);
      await new Promise((resolve) => setTimeout(resolve, 1500));
      return view;
    };
    const sidebar = await openSidebar(browser, backend);
    opened.push({ ss, backend, sidebar });
    const page = sidebar.page;
    const met = page.getByRole('button', { name: 'Mark "Budget confirmed" met today' });
    await met.waitFor();
    const polls = () => backend.calls.filter((c) => c.fn === 'sidebarCustomer').length;
    const before = polls();
    while (polls() === before) await page.waitForTimeout(50); // a poll is on its way
    await met.click();
    await page.getByRole('status').getByText('"Budget confirmed" marked met on 2026-11-27.').waitFor();
    for (let i = 0; i < 20; i++) {
      await expect(met.count()).resolves.toBe(0);
      await page.waitForTimeout(100);
    }
  });

  it('follows the selection by polling', async () => {
    const { ss, sidebar } = await open(3);
    const page = sidebar.page;
    await page.getByRole('heading', { level: 2, name: 'Northern Steel' }).waitFor();
    select(ss, 5);
    await page.getByRole('heading', { level: 2, name: 'Southern Pharma' }).waitFor({ timeout: 5000 });
    ss.getSheetByName('Stages')!.activate();
    await page.getByText('Select a customer row in the tab "Customers".').waitFor({ timeout: 5000 });
  });

  it('keeps each poll to a fixed budget of service calls, whatever the row count', async () => {
    const { ss, backend } = await open(3);
    const small = pollCalls(backend);
    const tab = ss.getSheetByName('Customers')!;
    tab.insertRowsAfter(tab.getMaxRows(), 2000);
    const row = tab.getRange('A3:R3').getValues()[0];
    tab
      .getRange(8, 1, 2000, 18)
      .setValues(Array.from({ length: 2000 }, (_, i) => [`X-${i}`, `Extra ${i}`, ...row.slice(2)]));
    const large = pollCalls(backend);
    expect(large).toEqual(small);
    // The spreadsheet (1), the cached context (2), the selection (1), its tab's id (1), its row (1), and the
    // header with the selected row in one block of the active tab (1); the Objections tab comes with the
    // cached context.
    expect(Object.values(large).reduce((a, b) => a + b, 0)).toBe(7);
    expect(large['Spreadsheet.getSheetValues']).toBe(1);
    expect(large['Range.getValues']).toBeUndefined();
    expect(large['Session.getActiveUserLocale']).toBeUndefined(); // the page says its language
    // A row far below the header is read apart from it: one call more.
    select(ss, 1800);
    const far = pollCalls(backend);
    expect(far['Spreadsheet.getSheetValues']).toBe(2);
    expect(Object.values(far).reduce((a, b) => a + b, 0)).toBe(8);
  });

  it('shows days in stage from History when the row has no Stage entered date, asked once per stage', async () => {
    const sheets = fixtureSheets('en');
    (sheets.Customers as unknown[][])[2][6] = ''; // Northern Steel's Stage Entered
    const change = (when: string, from: string, to: string) => [
      when,
      'ann@example.com',
      'Northern Steel',
      'C-002',
      '3',
      'Stage',
      from,
      to,
      'edit',
    ];
    sheets['Change log'] = [HISTORY_HEADER, change('2026-10-20', 'Discovery', 'Budget')];
    const { ss, backend, sidebar } = await open(3, {}, sheets);
    const clock = sidebar.page.locator('#ladder-h ~ p.meta').last();
    await sidebar.page.getByText('38 days in stage (max 30)').waitFor();
    await expect(clock.textContent()).resolves.toBe(
      '38 days in stage (max 30) · last contact 26 days ago · stalled · out of touch',
    );
    const asked = (fn: string) => backend.calls.filter((c) => c.fn === fn).length;
    await polled(backend, 2);
    expect(asked('sidebarStageClock')).toBe(1); // later polls of the same stage keep the clock
    await expect(clock.textContent()).resolves.toContain('38 days in stage');

    // The stage moves on today, as the edit trigger logs it: the next poll asks History again.
    ss.getRange('Customers!D3').setValue('Solution & tender');
    const log = ss.getSheetByName('Change log')!;
    log.appendRow(change('2026-11-27', 'Budget', 'Solution & tender'));
    await sidebar.page.getByText('0 days in stage (max 45)').waitFor({ timeout: 5000 });
    expect(asked('sidebarStageClock')).toBe(2);
    await expect(sidebar.page.locator('#ladder-h ~ p.meta strong.bad').allTextContents()).resolves.toEqual([
      'out of touch',
    ]);
    expectClean(sidebar);
  });

  it('shows an edit of the Objections tab at the next poll (the edit trigger forgets the cache)', async () => {
    const { ss, backend } = await open(3);
    const card = () => {
      const view = backend.sandbox.call('sidebarCustomer', 'en') as {
        kind: string;
        card: { target: { id: string }; objections: { id: string; status: string }[] };
      };
      expect(view.kind).toBe('customer');
      return view.card;
    };
    expect(card().target.id).toBe('C-002');
    expect(card().objections.map((o) => [o.id, o.status])).toEqual([['OBJ-001', 'planned']]);
    const objections = ss.getSheetByName('Objections')!;
    const statusCol = (objections.getRange('1:1').getValues()[0] as string[]).indexOf('Status') + 1;
    const cell = objections.getRange(2, statusCol);
    cell.setValue('Resolved');
    backend.sandbox.call(
      'onEdit',
      editEvent(ss, `Objections!${cell.getA1Notation()}`, { value: 'Resolved', oldValue: 'Planned' }),
    );
    select(ss, 3); // back on the customer's row after the edit on the Objections tab
    expect(card().objections.map((o) => [o.id, o.status])).toEqual([['OBJ-001', 'resolved']]);
  });
});

/** Waits until the page has polled `n` more times. */
async function polled(backend: Backend, n: number): Promise<void> {
  const count = () => backend.calls.filter((c) => c.fn === 'sidebarCustomer').length;
  const until = count() + n;
  for (let waited = 0; count() < until; waited += 100) {
    if (waited > 10000) throw new Error(`the page polled ${count()} times, not ${until}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Service calls of one poll, made as the page makes it (with its language), the cache warm. */
function pollCalls(backend: Backend): Record<string, number> {
  backend.sandbox.call('sidebarCustomer', 'en'); // warm the cache
  backend.sandbox.env.resetCalls();
  backend.sandbox.call('sidebarCustomer', 'en');
  return backend.sandbox.env.calls();
}
