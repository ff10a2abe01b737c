// The Team and Setup views, both languages, the keyboard and axe-core, in headless Chromium over the real server
// functions of dist/Code.js in the sandbox.
import type { Browser } from 'playwright-core';
import type { Lang } from '../../src/core/types';
import { createSpreadsheet, type FakeSpreadsheet } from '../sandbox';
import { type Backend, type BackendOptions, startBackend } from './backend';
import { axeViolations, launchBrowser, openSidebar, type SidebarPage } from './browser';
import { customerTabName, fixtureSheets, NOW, TIME_ZONE } from './fixtures';

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

async function open(
  options: {
    lang?: Lang;
    locale?: string;
    extra?: Record<string, unknown[][]>;
    row?: number;
  } & Partial<BackendOptions> = {},
): Promise<World> {
  const lang = options.lang ?? 'en';
  const ss = createSpreadsheet({ sheets: { ...fixtureSheets(lang), ...options.extra }, timeZone: TIME_ZONE });
  ss.getSheetByName(customerTabName(lang))!
    .getRange(options.row ?? 3, 2)
    .activate();
  const backend = await startBackend({
    spreadsheet: ss,
    now: NOW,
    locale: options.locale,
    overrides: options.overrides,
    latency: options.latency,
  });
  const sidebar = await openSidebar(browser, backend);
  const world = { ss, backend, sidebar };
  opened.push(world);
  return world;
}

function values(ss: FakeSpreadsheet, tab: string): unknown[][] {
  return ss.getSheetByName(tab)!.getDataRange().getValues();
}

describe('Team view', () => {
  const settings = {
    Settings: [
      ['Setting', 'Value'],
      ['WIP low', 2],
      ['WIP high', 3],
    ],
  };

  it('shows rep x stage concurrency with band flags, stalled customers and the objection summary', async () => {
    const { sidebar } = await open({ extra: settings });
    const page = sidebar.page;
    await page.getByRole('tab', { name: 'Team' }).click();
    const table = page.getByRole('table').first();
    await table.waitFor();
    const rows = await table
      .locator('tbody tr')
      .evaluateAll((trs) =>
        trs.map((tr) => [
          tr.querySelector('.rep')?.textContent,
          tr.querySelector('.flags')?.textContent,
          ...Array.from(tr.querySelectorAll('td'), (td) => td.textContent),
        ]),
      );
    expect(rows).toEqual([
      ['Ann', 'band 2–3', '0', '1', '1', '0', '0', '2'],
      ['Bo', 'band 2–3', '1', '0', '0', '1', '0', '2'],
      ['Cy', 'below band · band 2–3', '1', '0', '0', '0', '0', '1'],
    ]);
    await expect(page.locator('thead th').nth(3).textContent()).resolves.toBe('3Budget');
    await expect(page.locator('.people').first().locator('li').count()).resolves.toBe(4);
    await page.getByRole('heading', { name: 'Stalled customers (4)' }).waitFor();
    // Each stalled customer with its stage by name.
    const stalled = await page.locator('.people').first().locator('li .meta').allTextContents();
    expect(stalled).toEqual([
      'Ann · Budget · 87 d (max 30)',
      'Ann · Discovery · 57 d (max 21)',
      'Cy · Lead · 38 d (max 14)',
      'Bo · Lead · 26 d (max 14)',
    ]);
    const byType = await page
      .getByRole('table')
      .nth(1)
      .locator('tbody tr')
      .evaluateAll((trs) => trs.map((tr) => Array.from(tr.children, (c) => c.textContent)));
    expect(byType).toEqual([
      ['Budget', '1', '1', '1'],
      ['Price', '0', '0', '1'],
    ]);
    const counts = await page.locator('.counts > *').allTextContents();
    expect(counts).toEqual([
      'Open',
      '1',
      'Overdue',
      '1',
      'Blocking',
      '1',
      'Unplanned',
      '0',
      'Unsupervised',
      '1',
    ]);
    await expect(page.getByText('No WIP band').count()).resolves.toBe(0);
    expect(sidebar.errors).toEqual([]);
  });

  it('in Chinese heads open objections 未解决 and puts counts in full-width brackets', async () => {
    const { ss, sidebar } = await open({ lang: 'zh', locale: 'zh_CN' });
    const page = sidebar.page;
    await page.getByRole('heading', { level: 2, name: '北方钢铁' }).waitFor();
    ss.getSheetByName('客户盘点')!.getRange(3, 5).setValue('大约一百万'); // 预计金额 of the selected row
    await page.getByText('无法识别的单元格（1）').waitFor();
    await page.getByRole('tab', { name: '团队' }).click();
    await page.getByRole('heading', { name: /^停滞客户（\d+）$/ }).waitFor();
    const stalled = await page.locator('.people').first().locator('li .meta').allTextContents();
    expect(stalled[0]).toMatch(/ · \d+ 天（上限 \d+）$/);
    await expect(page.locator('.counts > dt').first().textContent()).resolves.toBe('未解决');
    await expect(page.getByRole('table').nth(1).locator('thead th').nth(1).textContent()).resolves.toBe(
      '未解决',
    );
  });

  it('says how to get a WIP band when there is none (no Settings band, too few closed deals)', async () => {
    const { sidebar } = await open();
    const page = sidebar.page;
    await page.getByRole('tab', { name: 'Team' }).click();
    await page.getByRole('table').first().waitFor();
    await expect(page.locator('.flags').allTextContents()).resolves.toEqual([]);
    await expect(page.locator('p.note', { hasText: 'No WIP band' }).textContent()).resolves.toBe(
      'No WIP band: set "WIP low" and "WIP high" in Settings, or Pandian derives one once there are created dates and at least 10 won or lost deals.',
    );
    expect(sidebar.errors).toEqual([]);
  });

  it('says no stall limit is set, rather than that no customer is stalled, when no stage has Max days', async () => {
    const stages = fixtureSheets('en').Stages as unknown[][];
    const maxDays = stages[0].indexOf('Max days');
    const { sidebar } = await open({
      extra: { Stages: stages.map((r, i) => r.map((c, k) => (i > 0 && k === maxDays ? '' : c))) },
    });
    const page = sidebar.page;
    await page.getByRole('tab', { name: 'Team' }).click();
    await page.getByRole('heading', { name: 'Stalled customers' }).waitFor();
    await expect(page.locator('p.note', { hasText: 'No stall limit' }).textContent()).resolves.toBe(
      'No stall limit: set Max days per stage in Stages, or Default stall days in Settings',
    );
    await expect(page.getByText('No stalled customers.').count()).resolves.toBe(0);
    expect(sidebar.errors).toEqual([]);
  });

  it('picks a cohort: a stage, its customers across reps and what they most lack', async () => {
    const { sidebar } = await open();
    const page = sidebar.page;
    await page.getByRole('tab', { name: 'Team' }).click();
    const stage = page.getByLabel('Stage', { exact: true });
    await expect(stage.locator('option').allTextContents()).resolves.toEqual([
      'Lead (2)',
      'Discovery (1)',
      'Budget (1)',
      'Solution & tender (1)',
      'Negotiation & approval (0)',
    ]);
    await page.getByText('2 of 2 customers lack "Inquiry".').waitFor();
    await stage.selectOption({ label: 'Solution & tender (1)' });
    await page.getByText('1 of 1 customers lack "Solution accepted".').waitFor();
    await page.getByText('Bo · missing: Solution accepted').waitFor();
    // A customer of the list opens in the Customer view.
    await page.getByRole('button', { name: 'Go to row 5: Southern Pharma' }).click();
    await page.getByRole('heading', { level: 2, name: 'Southern Pharma' }).waitFor();
    await expect(page.getByRole('tab', { name: 'Customer' }).getAttribute('aria-selected')).resolves.toBe(
      'true',
    );
  });

  it('a Go to refused after a sort says why, and the list is read again', async () => {
    const { ss, sidebar } = await open();
    const page = sidebar.page;
    await page.getByRole('tab', { name: 'Team' }).click();
    const stage = page.getByLabel('Stage', { exact: true });
    await stage.selectOption({ label: 'Solution & tender (1)' });
    const goTo = page.getByRole('button', { name: 'Go to row 5: Southern Pharma' });
    await goTo.waitFor();
    ss.getSheetByName('Customers')!.getRange('A2:R7').sort({ column: 2, ascending: false });
    await goTo.click();
    await page
      .getByRole('alert')
      .getByText(/^Row 5 no longer holds "Southern Pharma"/)
      .waitFor();
    // Read again: the list names the row Southern Pharma is on now.
    await page.getByRole('button', { name: /^Go to row \d+: Southern Pharma$/ }).waitFor();
    await expect(page.getByRole('tab', { name: 'Team' }).getAttribute('aria-selected')).resolves.toBe('true');
  });

  it('runs the Customer inventory with progress and says where it wrote it', async () => {
    const { ss, sidebar } = await open({ latency: { sidebarRunInventory: 2000 } });
    const page = sidebar.page;
    await page.getByRole('tab', { name: 'Team' }).click();
    await page.getByRole('table').first().waitFor();
    const run = page.getByRole('button', { name: 'Run customer inventory' });
    await run.click();
    await page.locator('progress').waitFor();
    await expect(run.getAttribute('aria-busy')).resolves.toBe('true');
    await page.getByRole('status').getByText('Writing the inventory report…').waitFor();
    await page.locator('.progress').getByText('Writing the inventory report… 1 s').waitFor();
    await page
      .getByRole('status')
      .getByText(/^Inventory written to "Inventory" in 0 s; \d+ data issues\.$/)
      .waitFor();
    await expect(page.locator('progress').count()).resolves.toBe(0);
    await expect(run.isEnabled()).resolves.toBe(true);
    expect(String(values(ss, 'Inventory')[0][0])).toMatch(/^Customer inventory/);
  });

  it('shows a failed inventory run in the alert region and stays usable', async () => {
    const { sidebar, backend } = await open();
    const page = sidebar.page;
    await page.getByRole('tab', { name: 'Team' }).click();
    await page.getByRole('table').first().waitFor();
    const release = backend.sandbox.env.holdDocumentLock();
    const run = page.getByRole('button', { name: 'Run customer inventory' });
    await run.click();
    await page
      .getByRole('alert')
      .getByText(/Another Pandian command is running/)
      .waitFor();
    release();
    await expect(run.isEnabled()).resolves.toBe(true);
    await page.getByRole('alert').getByRole('button', { name: 'Dismiss' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toBe('');
    await page.getByRole('button', { name: 'Refresh' }).click();
    await page.getByRole('table').first().waitFor();
  });
});

describe('Setup view', () => {
  it("saves a corrected mapping to Settings: updates the role's row in place, appends others, keeps the rest", async () => {
    const existing = [
      ['Setting', 'Value'],
      ['Default stall days', 30],
      ['My note', 'keep me'],
      ['map:status', ''],
    ];
    const { ss, sidebar } = await open({ extra: { Settings: existing } });
    const page = sidebar.page;
    await page.getByRole('tab', { name: 'Setup' }).click();
    await expect(page.getByLabel('Customer (required)').inputValue()).resolves.toBe('Customer');
    await page.getByText('detected · B').waitFor();
    // Each criterion with the column that records it: letter and header.
    const criteria = await page.locator('#setup-criteria li').allTextContents();
    expect(criteria[0]).toBe('Lead · Inquiry: K (Inquiry)');
    expect(criteria[6]).toBe(
      'Solution & tender · Procurement or tender path: Q (Procurement or tender path)',
    );
    expect(criteria[8]).toBe('Negotiation & approval · Contract terms agreed: no column');
    await page.locator('#panel-setup').getByLabel('Status').selectOption('Notes');
    await page.getByLabel('Last updated').selectOption('Stage Entered');
    await page.getByRole('button', { name: 'Save mapping' }).click();
    await page.getByRole('status').getByText('Mapping saved to the Settings tab.').waitFor();
    expect(values(ss, 'Settings')).toEqual([
      ['Setting', 'Value'],
      ['Default stall days', 30],
      ['My note', 'keep me'],
      ['map:status', 'Notes'],
      ['map:lastUpdated', 'Stage Entered'],
    ]);
    await expect(page.locator('#panel-setup').getByLabel('Status').inputValue()).resolves.toBe('Notes');
    await page.getByText('set by hand · R').waitFor();
  });

  it('creates the Settings tab (Setting | Value) when it is missing', async () => {
    const { ss, sidebar } = await open();
    const page = sidebar.page;
    await page.getByRole('tab', { name: 'Setup' }).click();
    await page.locator('#panel-setup').getByLabel('Next action', { exact: true }).selectOption('Notes');
    await page.getByRole('button', { name: 'Save mapping' }).click();
    await page.getByRole('status').getByText('Mapping saved to the Settings tab.').waitFor();
    expect(values(ss, 'Settings')).toEqual([
      ['Setting', 'Value'],
      ['map:nextAction', 'Notes'],
    ]);
  });

  it('sends the chosen template and language to sidebarSetupSheets and reports what it did', async () => {
    const received: unknown[][] = [];
    const { sidebar } = await open({
      overrides: {
        sidebarSetupSheets: (...args: unknown[]) => {
          received.push(args);
          return { created: ['阶段定义', '设置'], kept: ['客户盘点'] };
        },
      },
    });
    const page = sidebar.page;
    await page.getByRole('tab', { name: 'Setup' }).click();
    // English names the consumer funnel B2C, not the Chinese shorthand 2C (once the view has its answer)
    await page.getByLabel('MEDDPICC').waitFor();
    await expect(page.getByLabel('Funnel (B2C or mass SMB)').count()).resolves.toBe(1);
    await page.getByLabel('MEDDPICC').check();
    await page.getByLabel('中文').check();
    await page.getByRole('button', { name: 'Set up sheets' }).click();
    await page
      .getByRole('status')
      .getByText('Created: 阶段定义, 设置. Kept as they were: 客户盘点.')
      .waitFor();
    expect(received).toEqual([['meddpicc', 'zh']]);
  });

  it('reports what it did in Chinese, the tabs listed by 、 and the sentences unspaced', async () => {
    const { sidebar } = await open({
      lang: 'zh',
      locale: 'zh_CN',
      overrides: {
        sidebarSetupSheets: () => ({
          created: ['阶段定义', '异议'],
          kept: ['客户盘点', '设置'],
          notOurs: '设置',
        }),
      },
    });
    const page = sidebar.page;
    await page.getByRole('tab', { name: '设置' }).click();
    await page.getByRole('button', { name: '创建表格' }).click();
    // One sentence after another with no space between them, as Chinese is written
    await page
      .getByRole('status')
      .getByText('已创建：阶段定义、异议。保持不变：客户盘点、设置。“设置”表是您自己的表', { exact: false })
      .waitFor();
  });

  it('says when the Settings tab it kept is the user’s own, so Pandian has none', async () => {
    const { sidebar } = await open({
      overrides: {
        sidebarSetupSheets: () => ({ created: ['Stages'], kept: ['Settings'], notOurs: 'Settings' }),
      },
    });
    const page = sidebar.page;
    await page.getByRole('tab', { name: 'Setup' }).click();
    await page.getByRole('button', { name: 'Set up sheets' }).click();
    await page
      .getByRole('status')
      .getByText(
        'Created: Stages. Kept as they were: Settings. The tab "Settings" is yours, not Pandian\'s Settings, so Pandian has no Settings tab. Rename it, then set up again.',
      )
      .waitFor();
  });

  it('is read again each time it is opened, keeping a choice not saved yet', async () => {
    const { ss, sidebar } = await open();
    const page = sidebar.page;
    const setup = page.locator('#panel-setup');
    await page.getByRole('tab', { name: 'Setup' }).click();
    await setup.getByLabel('Status').selectOption('Notes');
    // The user adds a column to the customer tab while the sidebar is open.
    ss.getSheetByName('Customers')!.getRange('S1').setValue('Owner');
    await page.getByRole('tab', { name: 'Customer' }).click();
    await page.getByRole('tab', { name: 'Setup' }).click();
    await setup.locator('#map-rep option[value="Owner"]').waitFor({ state: 'attached' });
    await expect(setup.getByLabel('Status').inputValue()).resolves.toBe('Notes');
    await expect(setup.getByLabel('Rep (required)').inputValue()).resolves.toBe('Rep');
  });

  it('runs the real sidebarSetupSheets in the sandbox', async () => {
    const { ss, sidebar } = await open();
    const page = sidebar.page;
    await page.getByRole('tab', { name: 'Setup' }).click();
    await page.getByRole('button', { name: 'Set up sheets' }).click();
    await page
      .getByRole('status')
      .getByText(/^Created: .*Settings/)
      .waitFor();
    expect(ss.getSheetByName('Settings')).not.toBeNull();
    expect(sidebar.errors).toEqual([]);
  });
});

describe('Languages, keyboard and accessibility', () => {
  it('speaks Chinese for a zh user: tabs, card and "met today"', async () => {
    const { ss, sidebar } = await open({ lang: 'zh', locale: 'zh_CN' });
    const page = sidebar.page;
    await expect(page.getByRole('tab').allTextContents()).resolves.toEqual(['客户', '团队', '设置']);
    await page.getByRole('heading', { level: 2, name: '北方钢铁' }).waitFor();
    await expect(page.evaluate(() => document.documentElement.lang)).resolves.toBe('zh-CN');
    await page.getByRole('heading', { name: '进入“方案/招投标”还需' }).waitFor();
    await page.getByRole('button', { name: '将“预算确认”标记为今天达成' }).click();
    await page.getByRole('status').getByText('已将“预算确认”标记为 2026-11-27 达成。').waitFor();
    const cell = values(ss, '客户盘点')[2][13] as Date;
    expect(cell.getTime()).toBe(Date.UTC(2026, 10, 26, 16));
    await page.getByRole('tab', { name: '团队' }).click();
    await page.getByRole('heading', { name: '各销售各阶段在途客户' }).waitFor();
  });

  it('puts counts and limits in full-width brackets in Chinese, with no space before them', async () => {
    const { ss, sidebar } = await open({ lang: 'zh', locale: 'zh_CN' });
    ss.getSheetByName(customerTabName('zh'))!.getRange('H3').setValue('上周二');
    const page = sidebar.page;
    await page.locator('#row-issues').waitFor();
    const card = (await page.locator('#panel-customer').textContent()) ?? '';
    expect(card).toContain('本阶段 87 天（上限 30）');
    expect(card).toContain('无法识别的单元格（1）');
    await page.getByRole('tab', { name: '团队' }).click();
    await page.getByRole('heading', { name: '停滞客户（4）' }).waitFor();
    const team = (await page.locator('#panel-team').textContent()) ?? '';
    expect(team).toContain('Ann · 预算确认 · 87 天（上限 30）');
    expect(card + team).not.toMatch(/ （|[\u4e00-\u9fff] ?\(\d+\)/);
  });

  it('takes the language from Settings over the user locale', async () => {
    const { sidebar } = await open({
      lang: 'zh',
      locale: 'zh_CN',
      extra: {
        设置: [
          ['设置', '值'],
          ['语言', 'English'],
        ],
      },
    });
    await expect(sidebar.page.getByRole('tab').allTextContents()).resolves.toEqual([
      'Customer',
      'Team',
      'Setup',
    ]);
    await sidebar.page.getByRole('heading', { name: 'To reach 方案/招投标' }).waitFor();
  });

  it('is usable from the keyboard: arrow keys switch tabs, Tab reaches "met today", Enter presses it', async () => {
    const { ss, sidebar } = await open();
    const page = sidebar.page;
    await page.getByRole('heading', { level: 2, name: 'Northern Steel' }).waitFor();
    await page.keyboard.press('Tab');
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('tab-customer');
    await page.keyboard.press('ArrowRight');
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('tab-team');
    await expect(page.locator('#panel-team').isVisible()).resolves.toBe(true);
    await page.keyboard.press('ArrowLeft');
    await expect(page.locator('#panel-customer').isVisible()).resolves.toBe(true);
    let label = '';
    for (let i = 0; i < 10 && !label.includes('met today'); i++) {
      await page.keyboard.press('Tab');
      label = (await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))) ?? '';
    }
    expect(label).toBe('Mark "Budget confirmed" met today');
    const outline = await page.evaluate(
      () => getComputedStyle(document.activeElement as Element).outlineStyle,
    );
    expect(outline).not.toBe('none');
    await page.keyboard.press('Enter');
    await page.getByRole('status').getByText('"Budget confirmed" marked met on 2026-11-27.').waitFor();
    expect(Object.prototype.toString.call(values(ss, 'Customers')[2][13])).toBe('[object Date]');
  });

  it.each(['en', 'zh'] as const)(
    'has no moderate, serious or critical axe-core violations (%s)',
    async (lang) => {
      const { sidebar, backend } = await open({ lang, locale: lang === 'zh' ? 'zh_CN' : 'en' });
      const page = sidebar.page;
      await page.locator('.card-title').waitFor();
      await page.locator('#add-objection summary').click();
      expect(await axeViolations(page)).toEqual([]);
      await page.locator('#tab-team').click();
      await page.locator('.heatmap').waitFor();
      expect(await axeViolations(page)).toEqual([]);
      await page.locator('#tab-setup').click();
      await page.locator('#mapping-h').waitFor();
      expect(await axeViolations(page)).toEqual([]);
      // And with a failure in the alert region.
      await page.locator('#tab-customer').click();
      const release = backend.sandbox.env.holdDocumentLock();
      await page.locator('#met-0').click();
      await page.locator('#alert p').waitFor();
      release();
      expect(await axeViolations(page)).toEqual([]);
      expect(sidebar.foreign).toEqual([]);
    },
  );
});
