// The edit trigger (onEdit) through dist/Code.js: with Settings "Track edits" = yes, a watched edit on the
// customer tab stamps Stage Entered / Last Updated, appends to History and flags an unknown stage with a
// note; nothing else in the spreadsheet changes; its service calls do not depend on the number of rows.
import { dateOfDay, dayFromIso, dayOfDate, isoOfDay } from '../../src/core/days';
import { runInventory } from '../../src/core/index';
import type { CellValue, FakeSpreadsheet, Sandbox, SheetSnapshot } from '../sandbox';
import { editEvent } from '../sandbox';
import {
  B2B_STAGES_EN,
  createSpreadsheet,
  customerRows,
  HEADER,
  loadPinned,
  NOW,
  sheetData,
  TODAY,
  utc,
} from './helpers';

const TZ = 'Asia/Tokyo';
const COLUMNS = [...HEADER, 'Last Updated']; // A..O: Stage D, Amount E, Stage Entered H, Last Updated O
const HISTORY_HEADER = ['When', 'Who', 'Customer', 'ID', 'Row', 'Field', 'Old', 'New', 'Source'];

function workbook(
  options: { rows?: number; track?: 'yes' | 'no'; header?: string[]; lang?: 'zh' } = {},
): FakeSpreadsheet {
  const header = options.header ?? COLUMNS;
  const rows = customerRows(options.rows ?? 100, { seed: 31 }).map((r) => {
    const full = [...r, ''];
    return header.map((h) => full[COLUMNS.indexOf(h)]);
  });
  const ss = createSpreadsheet({
    timeZone: TZ,
    sheets: {
      Customers: [header, ...rows],
      Stages: B2B_STAGES_EN(),
      Settings: [
        ['Setting', 'Value'],
        ['Track edits', options.track ?? 'yes'],
        ...(options.lang ? [['Language', options.lang]] : []),
      ],
      Notes: [['free notes']],
    },
  });
  ss.getSheetByName('Customers')!.setFrozenRows(1);
  return ss;
}

/** Makes the user's edit in the fake (as Sheets would before firing onEdit), then runs the trigger. */
function edit(
  sandbox: Sandbox,
  ss: FakeSpreadsheet,
  a1: string,
  value: CellValue,
  options: { user?: string } = {},
): void {
  const range = ss.getRange(a1);
  const old = range.getValue() as CellValue;
  range.setValue(value);
  // Sheets passes value/oldValue as strings (undefined when the cell was empty).
  const text = (v: CellValue) => (v instanceof Date ? isoOfDay(dayOfDate(v, TZ)) : String(v));
  const event = editEvent(ss, a1, {
    value: text(value),
    ...(old === '' ? {} : { oldValue: text(old) }),
    user: options.user ?? 'ann@example.com',
  });
  expect(() => sandbox.call('onEdit', event)).not.toThrow();
}

/** Sheet cells (A1) whose value differs between two snapshots of one tab; every other layer must match. */
function changedCells(before: SheetSnapshot, after: SheetSnapshot): string[] {
  const { values: v0, ...rest0 } = before;
  const { values: v1, ...rest1 } = after;
  expect(rest1).toEqual(rest0);
  const out: string[] = [];
  const rows = Math.max(v0.length, v1.length);
  for (let r = 0; r < rows; r++) {
    const cols = Math.max(v0[r]?.length ?? 0, v1[r]?.length ?? 0);
    for (let c = 0; c < cols; c++) {
      const a = v0[r]?.[c] ?? '';
      const b = v1[r]?.[c] ?? '';
      const same = a instanceof Date && b instanceof Date ? a.getTime() === b.getTime() : a === b;
      if (!same) out.push(`${String.fromCharCode(65 + c)}${r + 1}`);
    }
  }
  return out;
}

/** History rows as text (Sheets turns what the trigger writes into numbers and dates). */
function history(ss: FakeSpreadsheet): string[][] {
  const tab = ss.snapshot()['Change log'];
  if (!tab) return [];
  return tab.values.map((row) =>
    row.map((v) => (v instanceof Date ? isoOfDay(dayOfDate(v, TZ)) : String(v))),
  );
}

const stamp = dateOfDay(dayFromIso(TODAY)!, TZ);

describe('a single-cell stage edit', () => {
  const ss = workbook();
  const sandbox = loadPinned({ spreadsheet: ss });
  const customerRow = ss.snapshot().Customers.values[4]; // sheet row 5
  let before: Record<string, SheetSnapshot>;

  beforeAll(() => {
    ss.getRange('Customers!D5').setValue('Budget');
    before = ss.snapshot();
    ss.getRange('Customers!D5').setValue(customerRow[3]);
    edit(sandbox, ss, 'Customers!D5', 'Budget');
  });

  it('stamps Stage Entered and Last Updated of that row, and changes nothing else', () => {
    const after = ss.snapshot();
    expect(changedCells(before.Customers, after.Customers)).toEqual(['H5', 'O5']);
    expect(after.Customers.values[4][7]).toEqual(stamp);
    expect(after.Customers.values[4][14]).toEqual(stamp);
    for (const name of ['Stages', 'Settings', 'Notes']) expect(after[name]).toEqual(before[name]);
  });

  it('appends one History row: when, who, customer, id, row, field, old, new, source', () => {
    expect(history(ss)).toEqual([
      HISTORY_HEADER,
      [
        TODAY,
        'ann@example.com',
        customerRow[1],
        customerRow[0],
        '5',
        'Stage',
        customerRow[3],
        'Budget',
        'edit',
      ],
    ]);
    const tab = ss.snapshot()['Change log'];
    expect(tab.frozenRows).toBe(1);
    expect(tab.protections).toEqual([expect.objectContaining({ type: 'SHEET', warningOnly: true })]);
  });

  it('a second edit appends, it does not rewrite', () => {
    edit(sandbox, ss, 'Customers!E5', 12345);
    edit(sandbox, ss, 'Customers!J5', '2026-03-10'); // a criterion column (Need confirmed)
    const rows = history(ss);
    expect(rows).toHaveLength(4);
    expect(rows[2].slice(5)).toEqual(['Amount', String(customerRow[4]), '12345', 'edit']);
    const old =
      customerRow[9] instanceof Date ? isoOfDay(dayOfDate(customerRow[9], TZ)) : String(customerRow[9]);
    expect(rows[3].slice(5)).toEqual(['Need confirmed', old, '2026-03-10', 'edit']);
  });

  it('an edit of a column Pandian does not watch is not logged, and reads only the header row to check it', () => {
    const count = history(ss).length;
    sandbox.env.resetCalls();
    edit(sandbox, ss, 'Customers!B6', 'Renamed Corp');
    expect(history(ss)).toHaveLength(count);
    expect(sandbox.env.calls()).toEqual({
      'CacheService.getDocumentCache': 1,
      'Cache.get': 1,
      'Range.getGridId': 1,
      'Spreadsheet.getSheetValues': 1, // the header row of the edited (active) tab
    });
  });
});

describe('a multi-cell paste (no value, no oldValue)', () => {
  const ss = workbook();
  const sandbox = loadPinned({ spreadsheet: ss });
  let before: SheetSnapshot;

  beforeAll(() => {
    const block = [
      ['Budget', 5000, 'Pasted One'],
      ['Won', 6000, 'Pasted Two'],
      ['Lead', 7000, 'Pasted Three'],
    ];
    // The paste covers Stage and Amount (watched) and Created (not watched): D10:F12.
    ss.getRange('Customers!D10:F12').setValues(block);
    before = ss.snapshot().Customers;
    expect(() => sandbox.call('onEdit', editEvent(ss, 'Customers!D10:F12'))).not.toThrow();
  });

  it('logs each watched cell with source paste', () => {
    const rows = history(ss).slice(1);
    expect(rows.map((r) => [r[4], r[5], r[6], r[7], r[8]])).toEqual([
      ['10', 'Stage', '', 'Budget', 'paste'],
      ['10', 'Amount', '', '5000', 'paste'],
      ['11', 'Stage', '', 'Won', 'paste'],
      ['11', 'Amount', '', '6000', 'paste'],
      ['12', 'Stage', '', 'Lead', 'paste'],
      ['12', 'Amount', '', '7000', 'paste'],
    ]);
    const snap = ss.snapshot().Customers;
    for (const [i, r] of [9, 10, 11].entries()) {
      expect(rows[2 * i][3]).toBe(snap.values[r][0]); // id
      expect(rows[2 * i][2]).toBe(snap.values[r][1]); // customer
    }
  });

  it('stamps only the maintained columns of the pasted rows, and no Stage Entered date they hold', () => {
    // Rows 10-12 carry Stage Entered dates and History holds no stage of theirs: the dates are kept.
    expect(changedCells(before, ss.snapshot().Customers)).toEqual(['O10', 'O11', 'O12']);
  });

  it('never fails, whatever the block: header row included, past the last column, the header alone', () => {
    const sheet = ss.getSheetByName('Customers')!;
    sheet.insertColumnsAfter(sheet.getMaxColumns(), 4);
    const count = history(ss).length;
    for (const a1 of ['Customers!A1:O3', 'Customers!A1:AD2', 'Customers!A1', 'Customers!P2:AD40']) {
      expect(() => sandbox.call('onEdit', editEvent(ss, a1))).not.toThrow();
    }
    expect(sandbox.env.logs.filter((l) => l.level === 'error')).toEqual([]);
    // Watched: Stage, Amount, Close Date and the six criteria. A1:O3 logs rows 2-3, A1:AD2 row 2 again, but
    // not its stage: History holds it since the first paste, so it is no change; nor is row 3's empty criterion.
    expect(history(ss).length - count).toBe(3 * 9 - 2);
  });

  it('a whole-column range ("D:D") does not fail the edit either', () => {
    expect(() => sandbox.call('onEdit', editEvent(ss, 'Customers!D:D'))).not.toThrow();
  });
});

describe('stamps never overwrite what the user wrote', () => {
  /** A warmed workbook (the first edit reads and caches the context) and the cells an edit changes. */
  function warmed() {
    const ss = workbook({ rows: 20 });
    const sandbox = loadPinned({ spreadsheet: ss });
    ss.getRange('Customers!D3').setValue('Lead');
    edit(sandbox, ss, 'Customers!D3', 'Budget');
    return { ss, sandbox, logged: history(ss).length };
  }

  it('a pasted row keeps the Stage Entered date it carries; Last Updated, outside it, is stamped', () => {
    const { ss, sandbox, logged } = warmed();
    const entered = utc('2025-11-03');
    const pasted = [
      'C00099',
      'Pasted Co',
      'Ann Lee',
      'Budget',
      5000,
      utc('2025-09-01'),
      utc('2026-06-30'),
      entered,
    ];
    ss.getRange('Customers!A5:H5').setValues([pasted]); // a row copied from elsewhere, Stage Entered with it
    const before = ss.snapshot().Customers;
    sandbox.call('onEdit', editEvent(ss, 'Customers!A5:H5'));
    expect(changedCells(before, ss.snapshot().Customers)).toEqual(['O5']);
    expect(ss.getRange('Customers!O5').getValue()).toEqual(stamp);
    expect(
      history(ss)
        .slice(logged)
        .map((r) => [r[2], r[4], r[5], r[7]]),
    ).toEqual([
      ['Pasted Co', '5', 'Stage', 'Budget'],
      ['Pasted Co', '5', 'Amount', '5000'],
      ['Pasted Co', '5', 'Close Date', '2026-06-30'],
    ]);
  });

  it('a paste over both stamp columns writes neither', () => {
    const { ss, sandbox } = warmed();
    ss.getRange('Customers!D6:O6').setValues([ss.getRange('Customers!D7:O7').getValues()[0]]);
    const before = ss.snapshot().Customers;
    sandbox.call('onEdit', editEvent(ss, 'Customers!D6:O6'));
    expect(changedCells(before, ss.snapshot().Customers)).toEqual([]);
  });

  it('a cleared customer row stays empty, and nothing is logged for it', () => {
    const { ss, sandbox, logged } = warmed();
    ss.getRange('Customers!A5:O5').clearContent(); // select the row's cells, press Delete
    sandbox.call('onEdit', editEvent(ss, 'Customers!A5:O5'));
    expect(
      ss
        .getRange('Customers!A5:O5')
        .getValues()[0]
        .filter((v) => v !== ''),
    ).toEqual([]);
    expect(history(ss)).toHaveLength(logged);
  });

  it('a paste over several rows: Stage Entered only where a stage was pasted, nothing on a row of no customer', () => {
    const { ss, sandbox, logged } = warmed();
    ss.getRange('Customers!A12:C12').clearContent(); // row 12 holds no customer (nor id) any more
    ss.getRange('Customers!D10:E13').setValues([
      ['Budget', 100],
      ['', 200], // the stage cleared by the paste
      ['Won', 300],
      ['Lead', 400],
    ]);
    const before = ss.snapshot().Customers;
    sandbox.call('onEdit', editEvent(ss, 'Customers!D10:E13'));
    // Rows 10 and 13 carry Stage Entered dates History cannot date over (it holds no stage of theirs).
    expect(changedCells(before, ss.snapshot().Customers)).toEqual(['O10', 'O11', 'O13']);
    expect(
      history(ss)
        .slice(logged)
        .map((r) => [r[4], r[5], r[7]]),
    ).toEqual([
      ['10', 'Stage', 'Budget'],
      ['10', 'Amount', '100'],
      ['11', 'Amount', '200'], // its stage emptied, but nobody knows what it held: '' -> '' is no change
      ['13', 'Stage', 'Lead'],
      ['13', 'Amount', '400'],
    ]);
  });

  it('Delete over a block logs what History knew the emptied cells held, and no cell empty before and after', () => {
    const { ss, sandbox, logged } = warmed(); // History: row 3 went Lead -> Budget
    ss.getRange('Customers!D3:E5').clearContent();
    sandbox.call('onEdit', editEvent(ss, 'Customers!D3:E5'));
    expect(
      history(ss)
        .slice(logged)
        .map((r) => [r[4], r[5], r[6], r[7]]),
    ).toEqual([['3', 'Stage', 'Budget', '']]);
  });

  it('a new row pasted logs the cells it fills, not its empty ones', () => {
    const { ss, sandbox, logged } = warmed();
    ss.getRange('Customers!A30:D30').setValues([['C99', 'New Co', 'Ann Lee', 'Lead']]);
    sandbox.call('onEdit', editEvent(ss, 'Customers!A30:O30'));
    expect(
      history(ss)
        .slice(logged)
        .map((r) => [r[2], r[5], r[6], r[7]]),
    ).toEqual([['New Co', 'Stage', '', 'Lead']]);
  });

  it('a paste of a stage History last logged for the row (a CRM export pasted again) is no change', () => {
    const { ss, sandbox, logged } = warmed(); // History: row 3 went Lead -> Budget
    const entered = utc('2026-01-02');
    ss.getRange('Customers!H3').setValue(entered);
    ss.getRange('Customers!D3:E4').setValues([
      ['Budget', 111],
      ['Won', 222],
    ]);
    const before = ss.snapshot().Customers;
    sandbox.call('onEdit', editEvent(ss, 'Customers!D3:E4'));
    // Row 3 keeps its clock and logs no stage; row 4 (no History of its stage, a date held) keeps its date.
    // (Row 3's Last Updated holds today already, from the edit before.)
    expect(changedCells(before, ss.snapshot().Customers)).toEqual(['O4']);
    expect(ss.getRange('Customers!H3').getValue()).toEqual(entered);
    expect(
      history(ss)
        .slice(logged)
        .map((r) => [r[4], r[5], r[6], r[7]]),
    ).toEqual([
      ['3', 'Amount', '', '111'],
      ['4', 'Stage', '', 'Won'],
      ['4', 'Amount', '', '222'],
    ]);
  });

  it('without ids, a paste after a row was inserted above an account’s deals keeps their typed dates', () => {
    const entered = [utc('2026-01-05'), utc('2026-02-10')];
    const ss = createSpreadsheet({
      timeZone: TZ,
      sheets: {
        Customers: [
          ['Customer', 'Rep', 'Stage', 'Stage Entered'],
          ['Acme', 'Ann Lee', 'Lead', entered[0]],
          ['Acme', 'Ann Lee', 'Budget', entered[1]],
        ],
        Stages: B2B_STAGES_EN(),
        Settings: [
          ['Setting', 'Value'],
          ['Track edits', 'yes'],
        ],
      },
    });
    const sandbox = loadPinned({ spreadsheet: ss });
    const paste = (a1: string) => {
      ss.getRange(a1).setValues([['Lead'], ['Budget']]);
      sandbox.call('onEdit', editEvent(ss, a1));
    };
    paste('Customers!C2:C3');
    ss.getSheetByName('Customers')!.insertRowBefore(2); // History's rows 2 and 3 now hold other deals
    paste('Customers!C3:C4');
    expect(ss.getRange('Customers!D3:D4').getValues()).toEqual([[entered[0]], [entered[1]]]);
  });

  it('a paste of the stage History last logged, in other case, is no change either', () => {
    const { ss, sandbox, logged } = warmed(); // History: row 3 went Lead -> Budget
    const entered = utc('2026-01-02');
    ss.getRange('Customers!H3').setValue(entered);
    ss.getRange('Customers!D3:E3').setValues([['budget', 5]]);
    sandbox.call('onEdit', editEvent(ss, 'Customers!D3:E3'));
    expect(ss.getRange('Customers!H3').getValue()).toEqual(entered);
    expect(
      history(ss)
        .slice(logged)
        .map((r) => [r[4], r[5], r[6], r[7]]),
    ).toEqual([['3', 'Amount', '', '5']]);
  });

  it('History sorted newest first: its latest entry by date is the stage it last logged', () => {
    const { ss, sandbox, logged } = warmed();
    ss.getSheetByName('Change log')!
      .getRange(logged + 1, 1, 2, 9)
      .setValues([
        ['2026-03-10', 'a', 'Customer 4', 'C00004', 5, 'Stage', 'Discovery', 'Budget', 'edit'],
        ['2026-02-01', 'a', 'Customer 4', 'C00004', 5, 'Stage', 'Lead', 'Discovery', 'edit'],
      ]);
    const entered = utc('2026-03-10');
    ss.getRange('Customers!H5').setValue(entered);
    ss.getRange('Customers!D5:E5').setValues([['Budget', 44200]]); // a CRM export pasted again
    sandbox.call('onEdit', editEvent(ss, 'Customers!D5:E5'));
    expect(ss.getRange('Customers!H5').getValue()).toEqual(entered);
    expect(
      history(ss)
        .slice(logged + 2)
        .map((r) => [r[4], r[5], r[6], r[7]]),
    ).toEqual([['5', 'Amount', '', '44200']]);
  });

  it('a paste that changes a stage History logged stamps Stage Entered, and logs the stage it had', () => {
    const { ss, sandbox, logged } = warmed(); // History: row 3 went Lead -> Budget
    ss.getRange('Customers!H3').setValue(utc('2026-01-02'));
    ss.getRange('Customers!D3:E3').setValues([['Won', 333]]);
    const before = ss.snapshot().Customers;
    sandbox.call('onEdit', editEvent(ss, 'Customers!D3:E3'));
    // Stage Entered is today, as Last Updated has been since the edit before.
    expect(changedCells(before, ss.snapshot().Customers)).toEqual(['H3']);
    expect(ss.getRange('Customers!H3').getValue()).toEqual(ss.getRange('Customers!O3').getValue());
    expect(
      history(ss)
        .slice(logged)
        .map((r) => [r[4], r[5], r[6], r[7]]),
    ).toEqual([
      ['3', 'Stage', 'Budget', 'Won'],
      ['3', 'Amount', '', '333'],
    ]);
  });

  it.each([
    ['Budget', 'Budget'],
    ['Budget ', 'Budget'],
    ['budget', 'Budget'], // the same stage retyped, in other case
    ['预算确认', 'Budget'], // or as its alias
  ])(
    'a value chosen again or the same stage retyped (%j over %j) keeps the stage clock, and is neither logged nor read',
    (value, was) => {
      const { ss, sandbox, logged } = warmed();
      const entered = utc('2026-01-02');
      ss.getRange('Customers!D5').setValue(value);
      ss.getRange('Customers!H5').setValue(entered);
      const before = ss.snapshot().Customers;
      sandbox.env.resetCalls();
      // The user picks the stage again from the drop-down: Sheets fires the edit with value = oldValue.
      sandbox.call('onEdit', editEvent(ss, 'Customers!D5', { value, oldValue: was, user: 'a@b.c' }));
      expect(changedCells(before, ss.snapshot().Customers)).toEqual([]);
      expect(history(ss)).toHaveLength(logged);
      expect(sandbox.env.calls()).toEqual({
        'CacheService.getDocumentCache': 1,
        'Cache.get': 1,
        'Range.getGridId': 1,
      });
    },
  );

  it.each([
    ['Lead', 'Budget'],
    ['Budgt', 'Budget'], // an unknown value fixed: not the same stage
  ])('a value that did change (%j to %j) is still logged and stamped', (was, now) => {
    const { ss, sandbox, logged } = warmed();
    ss.getRange('Customers!D5').setValue(was);
    const before = ss.snapshot().Customers;
    edit(sandbox, ss, 'Customers!D5', now);
    expect(changedCells(before, ss.snapshot().Customers)).toEqual(['D5', 'H5', 'O5']);
    expect(history(ss)).toHaveLength(logged + 1);
  });
});

describe('columns inserted, deleted or renamed after the layout was cached (no edit event tells)', () => {
  // Stage D, Stage Entered H, Solution accepted N (a criterion), Last Updated O, as cached by a first edit.
  function warmed(rows = 20) {
    const ss = workbook({ rows });
    const sandbox = loadPinned({ spreadsheet: ss });
    edit(sandbox, ss, 'Customers!D4', 'Budget');
    return { ss, sandbox, sheet: ss.getSheetByName('Customers')! };
  }

  it.each([
    ['near the header', 6],
    ['far below it (read apart)', 400],
  ])('a column inserted at A: an edit %s stamps the columns the header names now', (_, row) => {
    const { ss, sandbox, sheet } = warmed(row + 5);
    sheet.insertColumnBefore(1);
    ss.getRange('Customers!A1').setValue('My notes');
    ss.getRange(`Customers!A${row}`).setValue('typed by the user');
    const before = ss.snapshot().Customers;
    const count = history(ss).length;
    edit(sandbox, ss, `Customers!E${row}`, 'Discovery'); // Stage, now E
    const after = ss.snapshot().Customers;
    // The stage the user typed, then Stage Entered (now I) and Last Updated (now P); not Solution accepted (O).
    expect(changedCells(before, after)).toEqual([`E${row}`, `I${row}`, `P${row}`]);
    expect(after.values[row - 1][8]).toEqual(stamp);
    expect(after.values[row - 1][15]).toEqual(stamp);
    expect(after.values[row - 1][0]).toBe('typed by the user');
    expect(
      history(ss)
        .slice(count)
        .map((r) => [r[4], r[5], r[7]]),
    ).toEqual([[String(row), 'Stage', 'Discovery']]);
  });

  it('a column inserted at A: an edit of a column the stale layout does not watch is still logged', () => {
    const { ss, sandbox, sheet } = warmed();
    sheet.insertColumnBefore(1);
    ss.getRange('Customers!A1').setValue('My notes');
    const count = history(ss).length;
    // Close Date is now H, where the cached layout had Stage Entered (not watched).
    edit(sandbox, ss, 'Customers!H7', '2026-05-01');
    expect(
      history(ss)
        .slice(count)
        .map((r) => [r[4], r[5], r[7]]),
    ).toEqual([['7', 'Close Date', '2026-05-01']]);
  });

  it('a column deleted left of the stamps: they move with it', () => {
    const { ss, sandbox, sheet } = warmed();
    sheet.deleteColumn(6); // Created: Stage Entered is now G, Last Updated N
    ss.getRange('Customers!D8').setValue('Lead'); // so that Discovery is a change
    const before = ss.snapshot().Customers;
    edit(sandbox, ss, 'Customers!D8', 'Discovery');
    // Besides the stage cell itself.
    expect(changedCells(before, ss.snapshot().Customers).filter((a1) => a1 !== 'D8')).toEqual(['G8', 'N8']);
  });

  it('should another tab be active as the trigger runs, the edited tab is read by name instead', () => {
    const { ss, sandbox } = warmed();
    ss.getRange('Customers!D9').setValue('Discovery');
    const event = editEvent(ss, 'Customers!D9', { value: 'Discovery', user: 'ann@example.com' });
    ss.setActiveSheet(ss.getSheetByName('Notes')!);
    const before = ss.snapshot().Customers;
    const count = history(ss).length;
    sandbox.env.resetCalls();
    sandbox.call('onEdit', event);
    expect(changedCells(before, ss.snapshot().Customers)).toEqual(['H9', 'O9']);
    const customer = String(ss.getRange('Customers!B9').getValue());
    expect(
      history(ss)
        .slice(count)
        .map((r) => [r[2], r[4], r[5], r[7]]),
    ).toEqual([[customer, '9', 'Stage', 'Discovery']]);
    // The active tab's header row did not match: two calls more, and no context read afresh.
    expect(sandbox.env.calls()).toMatchObject({ 'Spreadsheet.getSheetValues': 1, 'Range.getValues': 1 });
    expect(sandbox.env.calls()['Cache.put']).toBeUndefined();
  });

  it('a header renamed: the next edit reads the layout afresh', () => {
    const { ss, sandbox } = warmed();
    edit(sandbox, ss, 'Customers!O1', 'Remarks'); // Last Updated is no longer maintained
    ss.getRange('Customers!D9').setValue('Lead'); // so that Discovery is a change
    const before = ss.snapshot().Customers;
    edit(sandbox, ss, 'Customers!D9', 'Discovery');
    expect(changedCells(before, ss.snapshot().Customers).filter((a1) => a1 !== 'D9')).toEqual(['H9']);
  });
});

describe('an unknown stage value', () => {
  const ss = workbook();
  const sandbox = loadPinned({ spreadsheet: ss });
  const sheet = ss.getSheetByName('Customers')!;

  it('gets a note naming the nearest stage', () => {
    edit(sandbox, ss, 'Customers!D7', 'Discovry');
    expect(sheet.getRange('D7').getNote()).toBe(
      'Pandian: "Discovry" is not a stage in the Stages tab. Did you mean "Discovery"?',
    );
  });

  it('correcting it removes Pandian’s note', () => {
    edit(sandbox, ss, 'Customers!D7', 'Discovery');
    expect(sheet.getRange('D7').getNote()).toBe('');
  });

  it('a stage alias is known: no note', () => {
    edit(sandbox, ss, 'Customers!D8', '预算确认');
    expect(sheet.getRange('D8').getNote()).toBe('');
  });

  it('what the inventory reads as a stage is known too: no note', () => {
    // A numbered prefix, other spacing and case, a won word: the reader's StageLookup knows all three.
    for (const value of ['2 - Discovery', 'DISCOVERY ', 'closed won']) {
      edit(sandbox, ss, 'Customers!D8', value);
      expect(sheet.getRange('D8').getNote()).toBe('');
    }
  });

  it('a note of the user’s own is kept when the value is corrected, and on other cells', () => {
    sheet.getRange('D9').setNote('Ask about the tender date');
    sheet.getRange('B9').setNote('VIP');
    edit(sandbox, ss, 'Customers!D9', 'Budget');
    expect(sheet.getRange('D9').getNote()).toBe('Ask about the tender date');
    edit(sandbox, ss, 'Customers!D9', 'Bugdet');
    expect(sheet.getRange('D9').getNote()).toContain('Ask about the tender date');
    expect(sheet.getRange('D9').getNote()).toContain('Did you mean "Budget"?');
    edit(sandbox, ss, 'Customers!D9', 'Budget');
    expect(sheet.getRange('D9').getNote()).toBe('Ask about the tender date');
    expect(sheet.getRange('B9').getNote()).toBe('VIP');
  });

  it('only Pandian’s flag goes when the value is corrected: a line the user wrote after it stays', () => {
    edit(sandbox, ss, 'Customers!D10', 'Budgt');
    const flag = sheet.getRange('D10').getNote();
    sheet.getRange('D10').setNote(`${flag}\nAnn: they call it "Budgt", keep until Friday`);
    edit(sandbox, ss, 'Customers!D10', 'Budget');
    expect(sheet.getRange('D10').getNote()).toBe('Ann: they call it "Budgt", keep until Friday');
  });

  it('a value typed over two lines is flagged on one, so correcting it removes the whole flag', () => {
    edit(sandbox, ss, 'Customers!D12', 'Bud\ngt');
    expect(sheet.getRange('D12').getNote()).toBe(
      'Pandian: "Bud gt" is not a stage in the Stages tab. Did you mean "Budget"?',
    );
    edit(sandbox, ss, 'Customers!D12', 'Budget');
    expect(sheet.getRange('D12').getNote()).toBe('');
  });

  it('in a Chinese workbook the flag is Chinese from its first word, and correcting the value removes it', () => {
    const zh = workbook({ lang: 'zh' });
    const zhSandbox = loadPinned({ spreadsheet: zh });
    edit(zhSandbox, zh, 'Customers!D7', 'Discovry');
    expect(zh.getRange('Customers!D7').getNote()).toBe(
      '盘点：“Discovry”不是阶段定义表中的阶段。是否应为“Discovery”？',
    );
    edit(zhSandbox, zh, 'Customers!D7', 'Discovery');
    expect(zh.getRange('Customers!D7').getNote()).toBe('');
  });

  it('a note of the user’s own that starts with "Pandian: " is not taken for the flag', () => {
    sheet.getRange('D11').setValue('Budgt');
    sheet.getRange('D11').setNote('Pandian: the rollout project, ask Bo');
    edit(sandbox, ss, 'Customers!D11', 'Budget');
    expect(sheet.getRange('D11').getNote()).toBe('Pandian: the rollout project, ask Bo');
  });
});

describe('edits that must write nothing', () => {
  it('an edit on another tab is ignored; one on Stages only forgets the cached context', () => {
    const ss = workbook();
    const sandbox = loadPinned({ spreadsheet: ss });
    ss.getRange('Notes!A2').setValue('more notes');
    ss.getRange('Stages!B3').setValue('Discovery');
    const before = ss.snapshot();
    sandbox.call('onEdit', editEvent(ss, 'Notes!A2', { value: 'more notes' }));
    expect(Object.keys(sandbox.env.calls()).filter((k) => !/\.get\w*$|^Cache\.put$/.test(k))).toEqual([]);
    sandbox.env.resetCalls();
    sandbox.call('onEdit', editEvent(ss, 'Stages!B3', { value: 'Discovery', oldValue: 'Discovery' }));
    expect(ss.snapshot()).toEqual(before);
    expect(Object.keys(sandbox.env.calls()).filter((k) => !/\.get\w*$/.test(k))).toEqual(['Cache.removeAll']);
  });

  it('an edit of a tab made since the context was cached forgets it: a Settings tab added by hand counts', () => {
    const ss = workbook({ track: 'no' });
    ss.getSheetByName('Settings')!.setName('Old settings');
    const sandbox = loadPinned({ spreadsheet: ss });
    edit(sandbox, ss, 'Customers!E3', 111); // Track edits is off: cached as such
    ss.insertSheet('Settings')
      .getRange('A1:B2')
      .setValues([
        ['Setting', 'Value'],
        ['Track edits', 'yes'],
      ]);
    sandbox.call('onEdit', editEvent(ss, 'Settings!A1:B2'));
    edit(sandbox, ss, 'Customers!D4', 'Won');
    expect(history(ss).map((r) => [r[4], r[5], r[7]])).toEqual([
      ['Row', 'Field', 'New'],
      ['4', 'Stage', 'Won'],
    ]);
    // Another tab's edit forgets nothing: with no Objections tab, its name is read (two calls more) to tell.
    sandbox.env.resetCalls();
    sandbox.call('onEdit', editEvent(ss, 'Notes!A1', { value: 'x' }));
    expect(sandbox.env.totalCalls()).toBe(5);
    sandbox.env.resetCalls();
    edit(sandbox, ss, 'Customers!D5', 'Won');
    expect(sandbox.env.totalCalls()).toBeLessThan(10); // the context was kept
  });

  it('a first edit reads each tab’s name once, and no more per tab (forty tabs of notes cost forty calls)', () => {
    const first = (extra: number) => {
      const ss = workbook();
      for (let i = 0; i < extra; i++) ss.insertSheet(`Notes ${i}`);
      const sandbox = loadPinned({ spreadsheet: ss });
      edit(sandbox, ss, 'Customers!D4', 'Won');
      return sandbox.env.totalCalls();
    };
    expect(first(40) - first(0)).toBe(40);
  });

  it('a stage renamed in the Stages tab is known to the very next customer edit', () => {
    const ss = workbook();
    const sandbox = loadPinned({ spreadsheet: ss });
    edit(sandbox, ss, 'Customers!D4', 'Budget'); // reads and caches the stage list
    const stages = ss.getSheetByName('Stages')!;
    const names = stages
      .getRange('B:B')
      .getValues()
      .map((r) => r[0]);
    const at = names.indexOf('Budget') + 1;
    stages.getRange(at, 2).setValue('Budget agreed');
    sandbox.call('onEdit', editEvent(ss, `Stages!B${at}`, { value: 'Budget agreed', oldValue: 'Budget' }));
    edit(sandbox, ss, 'Customers!D5', 'Budget agreed');
    expect(ss.getRange('Customers!D5').getNote()).toBe('');
    edit(sandbox, ss, 'Customers!D6', 'Budget');
    expect(ss.getRange('Customers!D6').getNote()).toMatch(/^Pandian: /);
  });

  it('with Track edits off, nothing is written', () => {
    const ss = workbook({ track: 'no' });
    const sandbox = loadPinned({ spreadsheet: ss });
    ss.getRange('Customers!D5').setValue('Budget');
    const before = ss.snapshot();
    sandbox.call('onEdit', editEvent(ss, 'Customers!D5', { value: 'Budget', oldValue: 'Lead' }));
    sandbox.call('onEdit', editEvent(ss, 'Customers!D5:E9'));
    expect(ss.snapshot()).toEqual(before);
    expect(Object.keys(sandbox.env.calls()).filter((k) => !/\.get\w*$|^Cache\.put$/.test(k))).toEqual([]);
  });
});

describe('the customer tab Settings names', () => {
  it('is tracked when Settings names it in other case or spacing ("deals 2026" for "Deals 2026")', () => {
    const ss = createSpreadsheet({
      timeZone: TZ,
      sheets: {
        'Deals 2026': [COLUMNS, ...customerRows(10, { seed: 5 }).map((r) => [...r, ''])],
        Stages: B2B_STAGES_EN(),
        Settings: [
          ['Setting', 'Value'],
          ['Track edits', 'yes'],
          ['Customer tab', 'deals 2026'],
        ],
      },
    });
    const sandbox = loadPinned({ spreadsheet: ss });
    edit(sandbox, ss, "'Deals 2026'!D5", 'Budget');
    expect(ss.getRange("'Deals 2026'!H5").getValue()).toEqual(stamp);
    expect(history(ss)[1]?.slice(5, 9)).toEqual(['Stage', expect.any(String), 'Budget', 'edit']);
  });
});

describe('call budget of one single-cell edit', () => {
  /** Calls of a first edit (header and settings read, then cached) and of a later one. */
  function budget(rows: number): { cold: number; warm: number; calls: Record<string, number> } {
    const ss = workbook({ rows });
    const sandbox = loadPinned({ spreadsheet: ss });
    edit(sandbox, ss, 'Customers!D5', 'Budget');
    const cold = sandbox.env.totalCalls();
    sandbox.env.resetCalls();
    edit(sandbox, ss, 'Customers!D6', 'Discovery');
    return { cold, warm: sandbox.env.totalCalls(), calls: sandbox.env.calls() };
  }

  it('is small and the same for 100 and 50,000 rows', () => {
    const small = budget(100);
    const large = budget(50_000);
    expect(large).toEqual(small);
    // The first edit also reads Settings, Stages and the header (then cached) and creates History.
    expect(small.cold).toBeLessThanOrEqual(34);
    // Later edits: the cached context (2), which tab (1), the edited row with the header it is checked
    // against (1), both stamps in one RangeList (2), the History row (2). Where and who come with the event;
    // a known stage replacing a known one reads no note.
    expect(small.warm).toBe(8);
    expect(small.calls).toEqual({
      'CacheService.getDocumentCache': 1,
      'Cache.get': 1,
      'Range.getGridId': 1,
      'Spreadsheet.getSheetValues': 1, // the header down to the edited row, in one block of the active tab
      'Spreadsheet.getRangeList': 1,
      'RangeList.setValue': 1, // Stage Entered and Last Updated together
      'Spreadsheet.getSheetByName': 1,
      'Sheet.appendRow': 1,
    });
  });

  it('reads the header apart for an edit more than 200 rows below it: one call more', () => {
    const ss = workbook({ rows: 50_000 });
    const sandbox = loadPinned({ spreadsheet: ss });
    edit(sandbox, ss, 'Customers!D5', 'Budget');
    sandbox.env.resetCalls();
    edit(sandbox, ss, 'Customers!D40000', 'Discovery');
    expect(sandbox.env.totalCalls()).toBe(9);
    expect(sandbox.env.calls()).toMatchObject({ 'Spreadsheet.getSheetValues': 2 });
  });

  it('falls back to the documented calls when the event lacks the block, the address or a RangeList', () => {
    const ss = workbook({ rows: 20 });
    const sandbox = loadPinned({ spreadsheet: ss });
    edit(sandbox, ss, 'Customers!D4', 'Budget'); // warm
    ss.getRange('Customers!D5').setValue('Discovery');
    const event = editEvent(ss, 'Customers!D5', {
      value: 'Discovery',
      oldValue: 'Lead',
      user: 'bo@example.com',
    });
    // An event without the undocumented extras, and a Spreadsheet.getRangeList that refuses tab names.
    const bare = { ...event, range: ss.getRange('Customers!D5'), user: { getEmail: () => 'bo@example.com' } };
    const spreadsheetProto = Object.getPrototypeOf(ss) as { getRangeList: (a1s: string[]) => unknown };
    const original = spreadsheetProto.getRangeList;
    spreadsheetProto.getRangeList = () => {
      throw new Error('Exception: Range not found');
    };
    try {
      sandbox.env.resetCalls();
      sandbox.call('onEdit', bare);
    } finally {
      spreadsheetProto.getRangeList = original;
    }
    const calls = sandbox.env.calls();
    expect(calls['Range.getA1Notation']).toBe(1);
    expect(calls['Sheet.getRangeList']).toBe(1);
    const log = ss.getSheetByName('Change log')!.getDataRange().getValues();
    expect(log.at(-1)?.slice(1, 8)).toEqual([
      'bo@example.com',
      'Customer 4',
      'C00004',
      5,
      'Stage',
      'Lead',
      'Discovery',
    ]);
    // Stage Entered (H) and Last Updated (O) stamped through the tab's own RangeList.
    for (const a1 of ['Customers!H5', 'Customers!O5'])
      expect(ss.getRange(a1).getValue()).toEqual(dateOfDay(dayFromIso(TODAY)!, TZ));
  });
});

describe('History and sorting', () => {
  // No Stage Entered column: the days in stage come from History alone.
  const header = COLUMNS.filter((h) => h !== 'Stage Entered');
  const ss = workbook({ header, rows: 40 });
  const edits = [
    ['C00003', 'Budget'],
    ['C00017', 'Solution & tender'],
    ['C00029', 'Discovery'],
  ];

  beforeAll(() => {
    const sandbox = loadPinned({ spreadsheet: ss }, '2026-03-02T10:00:00Z');
    const ids = ss.snapshot().Customers.values.map((r) => r[0]);
    for (const [id, stage] of edits) edit(sandbox, ss, `Customers!D${ids.indexOf(id) + 1}`, stage);
    // The team sorts the tab by customer name, descending: every row moves.
    ss.getSheetByName('Customers')!.sort(2, false);
  });

  it('entries carry id and customer, which still point at the right row after the sort', () => {
    const customers = ss.snapshot().Customers.values;
    const entries = history(ss).slice(1);
    expect(entries).toHaveLength(3);
    for (const [k, e] of entries.entries()) {
      const row = customers.find((r) => r[0] === e[3]);
      expect(row?.[0]).toBe(edits[k][0]);
      expect(row?.[1]).toBe(e[2]);
      expect(row?.[3]).toBe(e[7]);
      expect(customers.indexOf(row!) + 1).not.toBe(Number(e[4])); // the logged row is stale; id is not
    }
  });

  it('core dates the stage changes from History, by id, after the sort', () => {
    const outcome = runInventory({
      sheets: sheetData(ss, ['Customers', 'Stages', 'Settings', 'Change log']),
      asOf: TODAY,
      timeZone: TZ,
      lang: 'en',
    });
    if (!outcome.ok) throw new Error(outcome.code);
    const inv = outcome.inventory;
    for (const [id] of edits) {
      const i = inv.table.customers.findIndex((c) => c.id === id);
      expect(inv.states[i].daysInStage).toBe(14);
    }
  });

  it('DAYS_IN_STAGE answers from History too', () => {
    const sandbox = loadPinned({ spreadsheet: ss, mode: 'custom-function' }, NOW);
    const customers = ss.snapshot().Customers.values;
    for (const [id] of edits) {
      const r = customers.findIndex((row) => row[0] === id) + 1;
      const values = ss.getSheetByName('Customers')!.getRange(r, 1, 1, header.length).getValues();
      expect(sandbox.call('DAYS_IN_STAGE', values)).toBe(14);
    }
  });

  it('DAYS_IN_STAGE finds a History tab under a name readers match loosely ("change log ")', () => {
    const tabs = Object.entries(ss.snapshot()).map(([name, tab]) => [name, tab.values]);
    const copy = createSpreadsheet({ timeZone: TZ, sheets: Object.fromEntries(tabs) });
    copy.getSheetByName('Change log')!.setName('change log ');
    const sandbox = loadPinned({ spreadsheet: copy, mode: 'custom-function' }, NOW);
    const customers = copy.snapshot().Customers.values;
    const r = customers.findIndex((row) => row[0] === edits[0][0]) + 1;
    const values = copy.getSheetByName('Customers')!.getRange(r, 1, 1, header.length).getValues();
    expect(sandbox.call('DAYS_IN_STAGE', values)).toBe(14);
  });
});

describe("a user's own tab under the History tab's name", () => {
  it('gets nothing appended, and no second log is made beside it; the stamps are still written', () => {
    const ss = workbook({ rows: 20 });
    const calls = [
      ['Date', 'Customer', 'Call notes'],
      ['2026-02-01', 'Customer 4', 'Asked for a quote'],
    ];
    ss.insertSheet('History').getRange(1, 1, 2, 3).setValues(calls);
    const sandbox = loadPinned({ spreadsheet: ss });
    const before = ss.snapshot().Customers;
    const theirs = ss.snapshot().History;
    edit(sandbox, ss, 'Customers!D5', 'Discovery');
    edit(sandbox, ss, 'Customers!D6', 'Budget');
    expect(ss.snapshot().History).toEqual(theirs);
    expect(ss.getSheets().map((s) => s.getName())).toEqual([
      'Customers',
      'Stages',
      'Settings',
      'Notes',
      'History',
    ]);
    expect(changedCells(before, ss.snapshot().Customers)).toEqual(['D5', 'H5', 'O5', 'D6', 'H6', 'O6']);
  });

  it('does not hide a change log of Pandian that stands after it: edits go there', () => {
    const ss = workbook({ rows: 20 });
    const calls = [['Date', 'Call notes']];
    ss.insertSheet('History').getRange(1, 1, 1, 2).setValues(calls);
    ss.insertSheet('Change log').getRange(1, 1, 1, HISTORY_HEADER.length).setValues([HISTORY_HEADER]);
    const sandbox = loadPinned({ spreadsheet: ss });
    edit(sandbox, ss, 'Customers!D5', 'Discovery');
    expect(
      history(ss)
        .slice(1)
        .map((r) => [r[4], r[5], r[7]]),
    ).toEqual([['5', 'Stage', 'Discovery']]);
    expect(ss.snapshot().History.values).toEqual(calls);
    // The report reads the same log: no issue about the user's tab, and the stage change dates the clock.
    sandbox.call('menuInventory');
    const report = ss.getSheetByName('Inventory')!.getDataRange().getValues().flat().map(String);
    expect(report.some((v) => v.includes('History'))).toBe(false);
  });

  it('made while the edit trigger remembers no log, it still gets nothing appended', () => {
    const ss = workbook({ rows: 20 });
    const sandbox = loadPinned({ spreadsheet: ss });
    edit(sandbox, ss, 'Customers!B5', 'Renamed Co'); // an unwatched column: the context is read, no log made
    expect(ss.getSheetByName('Change log')).toBeNull();
    const calls = [['Date', 'Call notes']];
    ss.insertSheet('Change log').getRange(1, 1, 1, 2).setValues(calls);
    edit(sandbox, ss, 'Customers!D5', 'Discovery');
    expect(ss.snapshot()['Change log'].values).toEqual(calls);
  });

  it('made empty while the edit trigger remembers no log, it gets the header before the first row', () => {
    const ss = workbook({ rows: 20 });
    const sandbox = loadPinned({ spreadsheet: ss });
    edit(sandbox, ss, 'Customers!B5', 'Renamed Co');
    ss.insertSheet('Change log');
    edit(sandbox, ss, 'Customers!D5', 'Discovery');
    expect(history(ss)[0]).toEqual(HISTORY_HEADER);
    expect(
      history(ss)
        .slice(1)
        .map((r) => [r[4], r[5], r[7]]),
    ).toEqual([['5', 'Stage', 'Discovery']]);
  });

  it('once that tab is renamed, as the issue asks, the next edit makes the change log', () => {
    const ss = workbook({ rows: 20 });
    ss.insertSheet('History')
      .getRange(1, 1, 1, 2)
      .setValues([['Date', 'Call notes']]);
    const sandbox = loadPinned({ spreadsheet: ss });
    edit(sandbox, ss, 'Customers!D5', 'Discovery'); // caches the answer: not ours
    ss.getSheetByName('History')!.setName('Calls');
    edit(sandbox, ss, 'Customers!D6', 'Budget');
    expect(
      history(ss)
        .slice(1)
        .map((r) => [r[4], r[5], r[7]]),
    ).toEqual([['6', 'Stage', 'Budget']]);
    expect(ss.snapshot().Calls.values).toEqual([['Date', 'Call notes']]);
  });
});

describe('an empty change log tab (cleared by the user, or made by hand)', () => {
  it('narrower than the log: it gets the columns with its header', () => {
    const ss = workbook({ rows: 20 });
    const log = ss.insertSheet('Change log');
    log.deleteColumns(6, log.getMaxColumns() - 5);
    const sandbox = loadPinned({ spreadsheet: ss });
    edit(sandbox, ss, 'Customers!D5', 'Discovery');
    expect(history(ss)[0]).toEqual(HISTORY_HEADER);
    expect(history(ss)[1].slice(4, 8)).toEqual(['5', 'Stage', expect.any(String), 'Discovery']);
  });

  it('gets its header before the first row, and later edits keep logging into it', () => {
    const ss = workbook({ rows: 20 });
    ss.insertSheet('Change log');
    const sandbox = loadPinned({ spreadsheet: ss });
    edit(sandbox, ss, 'Customers!D5', 'Discovery');
    edit(sandbox, ss, 'Customers!D6', 'Budget');
    edit(sandbox, ss, 'Stages!A1', ss.getRange('Stages!A1').getValue() as CellValue); // forgets the contexts
    edit(sandbox, ss, 'Customers!D7', 'Discovery');
    const log = ss.snapshot()['Change log'];
    expect(log.values[0]).toEqual(HISTORY_HEADER);
    expect(log.frozenRows).toBe(1);
    expect(
      history(ss)
        .slice(1)
        .map((r) => r[4]),
    ).toEqual(['5', '6', '7']);
  });
});

describe('another tab with the same header active as the trigger runs', () => {
  it('a typed stage is checked against the active tab, which is then not taken for the edited one', () => {
    const ss = workbook({ rows: 20 });
    const copy = ss
      .snapshot()
      .Customers.values.map((r, i) => (i === 0 ? r : ['X', `Archived ${i}`, ...r.slice(2)]));
    ss.insertSheet('Archive').getRange(1, 1, copy.length, copy[0].length).setValues(copy);
    ss.getRange('Archive!D9').setValue('Lead'); // the archived row's stage, not the one typed now
    const sandbox = loadPinned({ spreadsheet: ss });
    edit(sandbox, ss, 'Customers!D4', 'Budget'); // warm
    ss.getRange('Customers!D9').setValue('Discovery');
    const event = editEvent(ss, 'Customers!D9', { value: 'Discovery', user: 'ann@example.com' });
    ss.setActiveSheet(ss.getSheetByName('Archive')!);
    const count = history(ss).length;
    sandbox.call('onEdit', event);
    const customer = String(ss.getRange('Customers!B9').getValue());
    expect(
      history(ss)
        .slice(count)
        .map((r) => [r[2], r[4], r[7]]),
    ).toEqual([[customer, '9', 'Discovery']]);
  });
});

describe('two edits at once (two users, or one user faster than the trigger)', () => {
  /** Runs `during` once, when a call of `method` (of the given prototype) on the tab `tab` first begins. */
  function during(proto: object, method: string, on: (self: never) => boolean, run: () => void): () => void {
    const target = proto as Record<string, (...args: unknown[]) => unknown>;
    const original = target[method];
    let fired = false;
    target[method] = function (this: never, ...args: unknown[]) {
      if (!fired && on(this)) {
        fired = true;
        run();
      }
      return original.apply(this, args);
    };
    return () => {
      target[method] = original;
    };
  }

  it('two pastes: the second waits for the document lock, so neither writes over the other’s History rows', () => {
    const ss = workbook({ rows: 20 });
    const [ann, bo] = [loadPinned({ spreadsheet: ss }), loadPinned({ spreadsheet: ss })];
    edit(ann, ss, 'Customers!E2', 1); // the change log exists
    ss.getRange('Customers!E3:E5').setValues([[11], [12], [13]]);
    const first = editEvent(ss, 'Customers!E3:E5');
    ss.getRange('Customers!E10:E11').setValues([[21], [22]]);
    const second = editEvent(ss, 'Customers!E10:E11', { user: 'bo@example.com' });
    // Bo's paste is logged while Ann's History rows are being written. The sandbox cannot wait: a lock held
    // elsewhere fails at once, so a refused run is run again once Ann's is done, as waitLock would have.
    const restore = during(
      Object.getPrototypeOf(ss.getRange('Customers!A1')),
      'setValues',
      (range: { ref: { sheet: { name: string } } }) => range.ref.sheet.name === 'Change log',
      () => bo.call('onEdit', second),
    );
    try {
      ann.call('onEdit', first);
    } finally {
      restore();
    }
    if (bo.env.logs.some((l) => l.level === 'error')) bo.call('onEdit', second);
    expect(
      history(ss)
        .slice(2)
        .map((r) => [r[4], r[7]])
        .sort(),
    ).toEqual([
      ['10', '21'],
      ['11', '22'],
      ['3', '11'],
      ['4', '12'],
      ['5', '13'],
    ]);
  });

  it('two first edits: the change log the other made meanwhile is logged into, its header once', () => {
    const ss = workbook({ rows: 20 });
    const [ann, bo] = [loadPinned({ spreadsheet: ss }), loadPinned({ spreadsheet: ss })];
    ss.getRange('Customers!E3:E4').setValues([[11], [12]]);
    const first = editEvent(ss, 'Customers!E3:E4');
    const restore = during(
      Object.getPrototypeOf(ss),
      'insertSheet',
      () => true,
      () => edit(bo, ss, 'Customers!E20', 99, { user: 'bo@example.com' }),
    );
    try {
      ann.call('onEdit', first);
    } finally {
      restore();
    }
    expect(ann.env.logs.filter((l) => l.level === 'error')).toEqual([]);
    expect(history(ss).map((r) => [r[4], r[7]])).toEqual([
      ['Row', 'New'],
      ['20', '99'],
      ['3', '11'],
      ['4', '12'],
    ]);
  });
});

describe('History keeps what the user wrote as text', () => {
  it('customer names like formulas and zero-padded ids are not reinterpreted by Sheets', () => {
    const ss = workbook({ rows: 10 });
    const sandbox = loadPinned({ spreadsheet: ss });
    ss.getRange('Customers!A4:B4').setValues([["'00042", '\'=HYPERLINK("http://evil.example","x")']]);
    ss.getRange('Customers!A5:B5').setValues([["'1e3", "'+86 21 5555 0100"]]);
    edit(sandbox, ss, 'Customers!D4', 'Budget');
    edit(sandbox, ss, 'Customers!D5', '-');
    const tab = ss.snapshot()['Change log'];
    expect(tab.formulas.flat().every((f) => f === '')).toBe(true);
    expect(tab.values[1].slice(2, 4)).toEqual(['=HYPERLINK("http://evil.example","x")', '00042']);
    expect(tab.values[2].slice(2, 4)).toEqual(['+86 21 5555 0100', '1e3']);
    expect(tab.values[2][7]).toBe('-');
  });
});
