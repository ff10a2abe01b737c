// Concurrency in the Sheets sandbox: an inventory while another execution holds the document lock, two
// inventories at once, edits arriving during an inventory, a sidebar write racing a sort, and History
// under a stream of single-cell edits. Nothing is half-written, nothing is lost, nothing is doubled.
import { runInventory } from '../../src/core/index';
import { buildReport } from '../../src/core/report';
import type { Cell } from '../../src/core/types';
import { issueMessage, reportText, translator } from '../../src/i18n/messages';
import { sidebarTranslator } from '../../src/i18n/sidebar-messages';
import { messageOf } from '../../src/sidebar/ui';
import { B2B_STAGES } from '../fixtures/bad-sheets';
import {
  type CellValue,
  editEvent,
  type FakeSpreadsheet,
  type Sandbox,
  type SheetSnapshot,
} from '../sandbox';
import { FakeRange } from '../sandbox/sheets';
import { en, loadPinned, spreadsheetOf } from './helpers';

const TODAY = '2026-03-16';
const HEAD = [
  'ID',
  'Customer',
  'Rep',
  'Stage',
  'Amount',
  'Stage Entered',
  'Last Updated',
  'Inquiry',
  'Need confirmed',
  'Decision process mapped',
];
const STAGES = ['Lead', 'Discovery', 'Budget', 'Won', 'Lost'];
const REPS = ['Ann', 'Bob', 'Cy'];

function customers(n: number): Cell[][] {
  return Array.from({ length: n }, (_, i) => [
    `C${i + 1}`,
    `Customer ${i + 1}`,
    REPS[i % 3],
    STAGES[i % 5],
    (i + 1) * 100,
    '',
    '',
    i % 2 ? 'yes' : '',
    i % 4 === 1 ? 'yes' : '',
    '',
  ]);
}

function workbook(track: 'yes' | 'no' = 'yes'): FakeSpreadsheet {
  const ss = spreadsheetOf({
    Customers: [HEAD, ...customers(30)],
    Stages: B2B_STAGES,
    Settings: [
      ['Setting', 'Value'],
      ['Track edits', track],
    ],
  });
  ss.getSheetByName('Customers')!.setFrozenRows(1);
  return ss;
}

const alerts = (s: Sandbox) => s.env.ui.log.filter((e) => e.type === 'alert');
/** The Inventory tab one uncontended run writes on a copy of the same workbook. */
function singleRun(make: () => FakeSpreadsheet): SheetSnapshot {
  const ss = make();
  const sandbox = loadPinned(ss, TODAY);
  sandbox.call('menuInventory');
  expect(alerts(sandbox)).toEqual([]);
  return ss.snapshot().Inventory;
}

/** Calls `during` once, in the middle of the first setValues on the named tab (another execution's write). */
function interceptWrite(tab: string, during: () => void): () => void {
  const proto = FakeRange.prototype as unknown as { setValues: (v: unknown[][]) => FakeRange };
  const original = proto.setValues;
  let fired = false;
  proto.setValues = function (this: FakeRange, values: unknown[][]) {
    if (!fired && this.ref.sheet.name === tab) {
      fired = true;
      during();
    }
    return original.call(this, values);
  };
  return () => {
    proto.setValues = original;
  };
}

describe('an inventory while another execution holds the document lock', () => {
  it.each([
    ['en', 'en'],
    ['zh_CN', 'zh'],
  ] as const)('fails cleanly with the %s "busy" alert after waiting, and writes nothing', (locale, lang) => {
    const ss = workbook();
    // A first inventory, so that there is an Inventory tab a half-run could damage.
    loadPinned(ss, TODAY).call('menuInventory');
    const before = ss.snapshot();
    const sandbox = loadPinned(ss, TODAY, locale);
    const release = sandbox.env.holdDocumentLock();
    try {
      sandbox.call('menuInventory');
    } finally {
      release();
    }
    expect(alerts(sandbox)).toEqual([
      expect.objectContaining({
        title: translator(lang)('error.title'),
        prompt: translator(lang)('error.busy'),
      }),
    ]);
    expect(sandbox.env.sleptMilliseconds).toBe(30000);
    expect(sandbox.env.ui.toasts).toEqual([]);
    expect(ss.snapshot()).toEqual(before);

    // Once the lock is free the same command succeeds.
    const again = loadPinned(ss, TODAY, locale);
    again.call('menuInventory');
    expect(alerts(again)).toEqual([]);
    expect(again.env.ui.toasts).toHaveLength(1);
  });

  it('does not create the Inventory tab when it could not run', () => {
    const ss = workbook();
    const before = ss.snapshot();
    const sandbox = loadPinned(ss, TODAY);
    const release = sandbox.env.holdDocumentLock();
    sandbox.call('menuInventory');
    release();
    expect(alerts(sandbox)).toHaveLength(1);
    expect(Object.keys(ss.snapshot())).toEqual(['Customers', 'Stages', 'Settings']);
    expect(ss.snapshot()).toEqual(before);
  });
});

describe('two inventories at once', () => {
  it('are serialised: the second is refused while the first writes, and the tab equals a single run’s', () => {
    const expected = singleRun(workbook);
    const ss = workbook();
    const first = loadPinned(ss, TODAY);
    const second = loadPinned(ss, TODAY);
    let midway: SheetSnapshot | undefined;
    const restore = interceptWrite('Inventory', () => {
      second.call('menuInventory');
      midway = ss.snapshot().Inventory;
    });
    try {
      first.call('menuInventory');
    } finally {
      restore();
    }
    expect(alerts(first)).toEqual([]);
    expect(alerts(second)).toEqual([expect.objectContaining({ prompt: en('error.busy') })]);
    // The refused run wrote nothing into the tab the first run was writing.
    expect(midway?.values.flat().every((v) => v === '')).toBe(true);
    expect(ss.snapshot().Inventory).toEqual(expected);

    // The second run, retried, gives the very same tab (regenerating is idempotent).
    const retry = loadPinned(ss, TODAY);
    retry.call('menuInventory');
    expect(alerts(retry)).toEqual([]);
    expect(ss.snapshot().Inventory).toEqual(expected);
  });
});

describe('edits arriving during an inventory', () => {
  it('are logged, not lost; the report is the one of the values the inventory read', () => {
    const ss = workbook();
    const readValues = ss.snapshot();
    const inventory = loadPinned(ss, TODAY);
    const restore = interceptWrite('Inventory', () => {
      // A user edits a stage cell while the inventory is writing; the edit trigger is its own execution.
      ss.getRange('Customers!D5').setValue('Budget');
      loadPinned(ss, TODAY).call(
        'onEdit',
        editEvent(ss, 'Customers!D5', { value: 'Budget', oldValue: 'Won' }),
      );
    });
    try {
      inventory.call('menuInventory');
    } finally {
      restore();
    }
    expect(alerts(inventory)).toEqual([]);
    const after = ss.snapshot();
    expect(after.Customers.values[4][3]).toBe('Budget');
    expect(after['Change log'].values.slice(1).map((r) => [r[4], r[5], r[6], r[7], r[8]])).toEqual([
      [5, 'Stage', 'Won', 'Budget', 'edit'],
    ]);

    const out = runInventory({
      sheets: ['Settings', 'Customers', 'Stages'].map((name) => ({
        name,
        values: readValues[name].values as Cell[][],
      })),
      asOf: TODAY,
      timeZone: 'UTC',
      lang: 'en',
      customerSheet: 'Customers',
    });
    if (!out.ok) throw new Error(out.code);
    const report = buildReport(out.inventory, reportText('en'), (i) => issueMessage(i, 'en'));
    const written = after.Inventory.values;
    report.rows.forEach((row, r) => {
      row.forEach((cell, c) => {
        if (cell !== null && typeof cell === 'object' && 'text' in cell)
          expect(written[r][c]).toBe(cell.text);
        else if (typeof cell === 'number' || typeof cell === 'string') expect(written[r][c]).toBe(cell);
      });
    });
  });
});

describe('a sidebar write racing a sort', () => {
  const target = { sheet: 'Customers', row: 4, id: 'C3', name: 'Customer 3' }; // Inquiry not met yet

  it('writes today’s date into the one criterion cell when the row still holds the customer', () => {
    const ss = workbook('no');
    const before = ss.snapshot().Customers;
    loadPinned(ss, TODAY).call('sidebarMarkMet', target, 'Inquiry');
    const after = ss.snapshot().Customers;
    const changed: string[] = [];
    after.values.forEach((row, r) => {
      row.forEach((v, c) => {
        const was = before.values[r][c];
        const same = v instanceof Date && was instanceof Date ? v.getTime() === was.getTime() : v === was;
        if (!same) changed.push(`${String.fromCharCode(65 + c)}${r + 1}`);
      });
    });
    expect(changed).toEqual(['H4']);
  });

  it.each([
    [
      'sorted by customer, descending',
      (ss: FakeSpreadsheet) => ss.getSheetByName('Customers')!.sort(2, false),
    ],
    ['sorted by stage', (ss: FakeSpreadsheet) => ss.getSheetByName('Customers')!.sort(4)],
    ['the row deleted', (ss: FakeSpreadsheet) => ss.getSheetByName('Customers')!.deleteRow(4)],
    [
      'rows deleted so that it no longer exists',
      (ss: FakeSpreadsheet) => ss.getSheetByName('Customers')!.deleteRows(3, 29),
    ],
  ])('is refused, with nothing written, when the tab was %s', (_what, change) => {
    const ss = workbook('no');
    // The card was drawn for row 4; then someone changes the tab before "met today" is clicked.
    change(ss);
    const before = ss.snapshot();
    const sandbox = loadPinned(ss, TODAY);
    let message = '';
    try {
      sandbox.call('sidebarMarkMet', target, 'Inquiry');
    } catch (e) {
      message = (e as Error).message;
    }
    // The server names the refusal by code; the page says it in the user's language.
    expect(JSON.parse(message)).toEqual(['rowChanged', { row: 4, name: 'Customer 3' }]);
    expect(messageOf(new Error(message), sidebarTranslator('en'))).toBe(
      'Row 4 no longer holds "Customer 3" (the sheet was sorted or rows were deleted). Nothing was written; select the customer again.',
    );
    expect(messageOf(new Error(message), sidebarTranslator('zh'))).toBe(
      '第 4 行已不是“Customer 3”（表格可能已排序或删除了行）。未写入任何内容，请重新选择该客户。',
    );
    expect(ss.snapshot()).toEqual(before);
  });
});

describe('History under a stream of single-cell edits', () => {
  /** Each edit: cell, new value; typed by the user (then the trigger runs in its own execution). */
  const EDITS: [string, CellValue][] = [];
  for (let i = 0; i < 24; i++) {
    const row = 2 + (i % 7);
    const kind = i % 4;
    if (kind === 0) EDITS.push([`D${row}`, STAGES[(i + 1) % 5]]);
    else if (kind === 1) EDITS.push([`E${row}`, 1000 + i]);
    else if (kind === 2) EDITS.push([`H${row}`, i % 3 ? 'yes' : '']);
    else EDITS.push([`D${row}`, STAGES[i % 5]]); // sometimes the same value again: no change, no row
  }

  /** Makes the edits; returns those that changed the cell's value (each must be logged once). */
  function applyEdits(ss: FakeSpreadsheet, during?: () => void): [string, CellValue][] {
    const changed: [string, CellValue][] = [];
    for (const [a1, value] of EDITS) {
      const range = ss.getRange(`Customers!${a1}`);
      const old = range.getValue() as CellValue;
      if (String(old) !== String(value)) changed.push([a1, value]);
      range.setValue(typeof value === 'string' && value !== '' ? `'${value}` : value);
      during?.();
      const event = editEvent(ss, `Customers!${a1}`, {
        value: String(value),
        ...(old === '' ? {} : { oldValue: String(old) }),
        user: 'ann@example.com',
      });
      loadPinned(ss, TODAY).call('onEdit', event);
    }
    return changed;
  }

  it('appends exactly one row per edit that changed a value, in order, none lost and none doubled', () => {
    const ss = workbook();
    const changed = applyEdits(ss);
    expect(changed.length).toBeLessThan(EDITS.length); // some values are chosen again
    const history = ss.snapshot()['Change log'].values;
    expect(history).toHaveLength(1 + changed.length);
    const fields: Record<string, string> = { D: 'Stage', E: 'Amount', H: 'Inquiry' };
    expect(history.slice(1).map((r) => [r[4], r[5], String(r[7])])).toEqual(
      changed.map(([a1, value]) => [Number(a1.slice(1)), fields[a1[0]], String(value)]),
    );
  });

  it('still logs every edit while an inventory holds the document lock', () => {
    const ss = workbook();
    const holder = loadPinned(ss, TODAY);
    const release = holder.env.holdDocumentLock();
    let changed: unknown[] = [];
    try {
      changed = applyEdits(ss);
    } finally {
      release();
    }
    expect(ss.snapshot()['Change log'].values).toHaveLength(1 + changed.length);
  });

  it('logs nothing, and creates no History tab, when Track edits is off', () => {
    const ss = workbook('no');
    applyEdits(ss);
    expect(ss.snapshot()['Change log']).toBeUndefined();
  });

  it('keeps its rows when an inventory runs between edits', () => {
    const ss = workbook();
    applyEdits(ss, () => undefined);
    const rows = ss.snapshot()['Change log'].values.length;
    loadPinned(ss, TODAY).call('menuInventory');
    expect(ss.snapshot()['Change log'].values).toHaveLength(rows);
  });
});
