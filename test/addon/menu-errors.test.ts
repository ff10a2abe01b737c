// Every menu command catches its errors: the user sees one short alert in their language (the Pandian
// title, one line of text), never a stack trace, and the command does not throw into Apps Script.
import { translator } from '../../src/i18n/messages';
import type { Sandbox } from '../sandbox';
import { createSpreadsheet, loadPinned, namesMissingTab } from './helpers';

const MENU_COMMANDS = [
  'menuInventory',
  'menuSidebar',
  'menuSetup',
  'menuMapColumns',
  'menuSettings',
  'menuRefreshFormulas',
  'menuHelp',
];

/** Runs a command (it must not throw) and returns the alerts it showed. */
function alertsOf(sandbox: Sandbox, name: string): { title: string; prompt: string }[] {
  expect(() => sandbox.call(name)).not.toThrow();
  return sandbox.env.ui.log.flatMap((e) =>
    e.type === 'alert' ? [{ title: e.title, prompt: e.prompt }] : [],
  );
}

/** A spreadsheet with no customer tab: only a tab of notes. */
const noCustomers = () => createSpreadsheet({ sheets: { Notes: [['Meeting notes'], ['call Ann back']] } });

describe.each([
  ['en', 'en_US'],
  ['zh', 'zh_CN'],
] as const)('errors the user can act on (%s)', (lang, locale) => {
  const t = translator(lang);

  it.each(['menuInventory', 'menuMapColumns'])('%s without a customer tab says so', (name) => {
    const sandbox = loadPinned({ spreadsheet: noCustomers(), locale });
    expect(alertsOf(sandbox, name)).toEqual([
      { title: t('error.title'), prompt: t('error.noCustomerSheet') },
    ]);
  });

  it.each(['menuInventory', 'menuMapColumns'])(
    '%s when Settings names a tab that is not there names the setting’s value and the tabs',
    (name) => {
      const ss = createSpreadsheet({ sheets: namesMissingTab() });
      const sandbox = loadPinned({ spreadsheet: ss, locale });
      expect(alertsOf(sandbox, name)).toEqual([
        {
          title: t('error.title'),
          prompt: t('error.sheetNotFound', { wanted: 'Deals 2026', sheets: 'Deals, Settings' }),
        },
      ]);
    },
  );

  it.each(['menuInventory', 'menuMapColumns'])(
    '%s when Settings names a tab whose header it does not know names the tab and what its first row reads',
    (name) => {
      const ss = createSpreadsheet({
        sheets: {
          Deals: [
            ['Name', 'Who', 'Phase'],
            ['Acme', 'Ann', 'Lead'],
          ],
          Settings: [
            ['Setting', 'Value'],
            ['Customer tab', 'Deals'],
          ],
        },
      });
      const sandbox = loadPinned({ spreadsheet: ss, locale });
      expect(alertsOf(sandbox, name)).toEqual([
        {
          title: t('error.title'),
          prompt: t('error.noHeaderIn', { tab: 'Deals', reads: 'Name | Who | Phase' }),
        },
      ]);
    },
  );

  it('menuSettings without a Settings tab says to run Set up sheets', () => {
    const sandbox = loadPinned({ spreadsheet: noCustomers(), locale });
    expect(alertsOf(sandbox, 'menuSettings')).toEqual([
      { title: t('error.title'), prompt: t('settings.missing') },
    ]);
  });

  it.each([' 9 ', 'constructor', '01'])(
    'menuSetup with an answer that is not 1–4 (%j) names the answer, and creates nothing',
    (answer) => {
      const ss = noCustomers();
      const sandbox = loadPinned({ spreadsheet: ss, locale });
      sandbox.env.ui.answerPrompt(answer);
      expect(alertsOf(sandbox, 'menuSetup')).toEqual([
        { title: t('error.title'), prompt: t('setup.badChoice', { value: answer.trim() }) },
      ]);
      expect(Object.keys(ss.snapshot())).toEqual(['Notes']);
    },
  );

  it('menuInventory while another Pandian command holds the document lock says to try again', () => {
    const sandbox = loadPinned({ spreadsheet: noCustomers(), locale });
    const release = sandbox.env.holdDocumentLock();
    try {
      expect(alertsOf(sandbox, 'menuInventory')).toEqual([
        { title: t('error.title'), prompt: t('error.busy') },
      ]);
    } finally {
      release();
    }
  });
});

describe.each([
  ['en', 'en_US', 'Something went wrong: '],
  ['zh', 'zh_CN', '出错了：'],
] as const)('unexpected errors (%s)', (lang, locale, prefix) => {
  const t = translator(lang);
  const boom = 'Exception: Service Spreadsheets failed while accessing document with id 1x2y3z.';

  /** An Apps Script style failure with a multi-line message and a stack. */
  const failure = (): Error => {
    const e = new Error(
      `${boom}\n    at readSpreadsheet (Code:812:17)\n    at inventoryCommand (Code:901:5)`,
    );
    e.stack = `Error: ${e.message}\n    at Object.<anonymous> (Code:1:1)`;
    return e;
  };

  /** Makes the first call of a service method throw, as a failing Google service would. */
  function failOnce(sandbox: Sandbox, service: 'SpreadsheetApp' | 'HtmlService', method: string): void {
    const target = sandbox.env.globals[service] as unknown as Record<string, (...a: unknown[]) => unknown>;
    const real = target[method];
    let failed = false;
    target[method] = function (this: unknown, ...args: unknown[]) {
      if (!failed) {
        failed = true;
        throw failure();
      }
      return real.apply(this, args);
    };
  }

  it.each(MENU_COMMANDS)('%s shows one line, no stack trace', (name) => {
    const ss = createSpreadsheet({ sheets: { Notes: [['x']] } });
    const sandbox = loadPinned({ spreadsheet: ss, locale });
    if (name === 'menuSidebar') failOnce(sandbox, 'HtmlService', 'createHtmlOutputFromFile');
    // Help and Set up read the Settings language first (falling back to the locale): their own call fails.
    else if (name === 'menuHelp' || name === 'menuSetup') failOnce(sandbox, 'SpreadsheetApp', 'getUi');
    else failOnce(sandbox, 'SpreadsheetApp', 'getActiveSpreadsheet');
    if (name === 'menuSetup') sandbox.env.ui.answerPrompt('1');
    const alerts = alertsOf(sandbox, name);
    expect(alerts).toEqual([{ title: t('error.title'), prompt: `${prefix}${boom}` }]);
    expect(alerts[0].prompt).not.toMatch(/\n|\bat \w+ \(|Code:\d+/);
  });

  it('an error that only mentions a lock or a block keeps its own words (busy is for the lock wait alone)', () => {
    for (const text of ['Exception: Range is locked by a protection.', 'Exception: Invalid block size.']) {
      const sandbox = loadPinned({ spreadsheet: createSpreadsheet({ sheets: { Notes: [['x']] } }), locale });
      const app = sandbox.env.globals.SpreadsheetApp as unknown as Record<string, () => unknown>;
      app.getActiveSpreadsheet = () => {
        throw new Error(text);
      };
      expect(alertsOf(sandbox, 'menuInventory')).toEqual([
        { title: t('error.title'), prompt: `${prefix}${text}` },
      ]);
    }
  });

  it('a missing Sidebar.html (a real failure, not injected) is one line too', () => {
    const ss = createSpreadsheet();
    const sandbox = loadPinned({ spreadsheet: ss, locale, distDir: '/nonexistent-dist' });
    const [alert, ...more] = alertsOf(sandbox, 'menuSidebar');
    expect(more).toEqual([]);
    expect(alert.title).toBe(t('error.title'));
    expect(alert.prompt.startsWith(prefix)).toBe(true);
    expect(alert.prompt).not.toContain('\n');
  });
});

it('every command of the menu is covered here', () => {
  const sandbox = loadPinned({ spreadsheet: createSpreadsheet() });
  sandbox.call('onOpen', { authMode: 'FULL' });
  const items = sandbox.env.ui.menus[0].items.flatMap((i) => ('functionName' in i ? [i.functionName] : []));
  expect([...items].sort()).toEqual([...MENU_COMMANDS].sort());
});
