// The change watcher through dist/Code.js: Settings… installs or removes the onChange and daily triggers to
// match "Watch changes"; onChangeWatch logs to History the watched cells a paste changed (which onEdit
// cannot see), once, by row identity (a sort is not a change); dailyRefresh also rewrites the Inventory.
import { editEvent, type FakeSpreadsheet } from '../sandbox';
import { B2B_STAGES_EN, createSpreadsheet, customerRows, HEADER, loadPinned } from './helpers';

function workbook(watch: 'yes' | 'no'): FakeSpreadsheet {
  return createSpreadsheet({
    timeZone: 'UTC',
    sheets: {
      Customers: [HEADER, ...customerRows(40, { seed: 5 })],
      Stages: B2B_STAGES_EN(),
      Settings: [
        ['Setting', 'Value'],
        ['Watch changes', watch],
      ],
    },
  });
}

const history = (ss: FakeSpreadsheet): unknown[][] => ss.snapshot()['Change log']?.values.slice(1) ?? [];

describe('Settings… installs the watch triggers to match the setting', () => {
  it('adds one onChange and one daily trigger when on, and removes them when off', () => {
    const ss = workbook('yes');
    const sandbox = loadPinned({ spreadsheet: ss });
    sandbox.call('menuSettings');
    sandbox.call('menuSettings');
    const triggers = sandbox.env.triggers();
    expect(triggers.map((t) => [t.handler, t.eventType]).sort()).toEqual([
      ['dailyRefresh', 'CLOCK'],
      ['onChangeWatch', 'ON_CHANGE'],
    ]);
    ss.getSheetByName('Settings')!.getRange('B2').setValue('no');
    sandbox.call('menuSettings');
    expect(sandbox.env.triggers()).toEqual([]);
  });

  it('finds the Settings tab under a name readers match loosely (" settings")', () => {
    const ss = workbook('yes');
    ss.getSheetByName('Settings')!.setName(' settings');
    const sandbox = loadPinned({ spreadsheet: ss });
    sandbox.call('menuSettings');
    expect(sandbox.env.triggers()).toHaveLength(2);
    expect(ss.getActiveSheet().getName()).toBe(' settings');
    expect(ss.getSheets().map((s) => s.getName())).toEqual(['Customers', 'Stages', ' settings']);
  });

  it('a Watch changes value it cannot read is said, naming tab, row and value, and the triggers stay', () => {
    const ss = workbook('yes');
    const sandbox = loadPinned({ spreadsheet: ss });
    sandbox.call('menuSettings');
    ss.getSheetByName('Settings')!.getRange('B2').setValue('Yes.');
    sandbox.call('menuSettings');
    expect(sandbox.env.triggers()).toHaveLength(2);
    const alerts = sandbox.env.ui.log.filter((e) => e.type === 'alert');
    expect(JSON.stringify(alerts.at(-1))).toContain(
      'Watch changes in \\"Settings\\", row 2, reads \\"Yes.\\", which is neither yes nor no',
    );
  });

  it('asks each installed trigger its handler once (a service call each)', () => {
    const sandbox = loadPinned({ spreadsheet: workbook('yes') });
    sandbox.call('menuSettings');
    sandbox.env.resetCalls();
    sandbox.call('menuSettings');
    expect(sandbox.env.calls()['Trigger.getHandlerFunction']).toBe(2);
  });
});

describe('onChangeWatch', () => {
  it('takes a snapshot first, then logs each watched cell a paste changed, once', () => {
    const ss = workbook('yes');
    const sandbox = loadPinned({ spreadsheet: ss });
    sandbox.call('onChangeWatch', { changeType: 'EDIT' });
    expect(history(ss)).toEqual([]);
    expect(ss.snapshot()['Pandian snapshot'].hidden).toBe(true);

    const sheet = ss.getSheetByName('Customers')!;
    const [id, customer] = sheet.getRange('A5:B5').getValues()[0] as string[];
    const oldStage = String(sheet.getRange('D5').getValue());
    const newStage = oldStage === 'Won' ? 'Lost' : 'Won';
    sheet.getRange('D5:E5').setValues([[newStage, 123456]]);
    sandbox.call('onChangeWatch', { changeType: 'EDIT' });
    const rows = history(ss).map((r) => r.slice(2));
    expect(rows).toContainEqual([customer, id, 5, 'Stage', oldStage, newStage, 'change']);
    expect(rows.some((r) => r[3] === 'Amount' && r[5] === '123456')).toBe(true);
    expect(rows).toHaveLength(2);

    sandbox.call('onChangeWatch', { changeType: 'EDIT' });
    expect(history(ss)).toHaveLength(2);
  });

  it('with Track edits on too, does not log again what the edit trigger logged (Sheets fires both)', () => {
    const ss = workbook('yes');
    ss.getSheetByName('Settings')!.appendRow(['Track edits', 'yes']);
    const sandbox = loadPinned({ spreadsheet: ss });
    sandbox.call('onChangeWatch', { changeType: 'EDIT' }); // the snapshot
    const sheet = ss.getSheetByName('Customers')!;
    const oldStage = String(sheet.getRange('D5').getValue());
    const newStage = oldStage === 'Budget' ? 'Discovery' : 'Budget';
    sheet.getRange('D5').setValue(newStage);
    sandbox.call('onEdit', editEvent(ss, 'Customers!D5', { value: newStage, oldValue: oldStage }));
    sandbox.call('onChangeWatch', { changeType: 'EDIT' });
    expect(history(ss).map((r) => [r[4], r[5], r[6], r[7], r[8]])).toEqual([
      [5, 'Stage', oldStage, newStage, 'edit'],
    ]);
    // A change no trigger saw (a script's, say) is still logged by the next run.
    sheet.getRange('E6').setValue(98765);
    sandbox.call('onChangeWatch', { changeType: 'EDIT' });
    expect(history(ss).map((r) => [r[4], r[5], r[7], r[8]])).toEqual([
      [5, 'Stage', newStage, 'edit'],
      [6, 'Amount', '98765', 'change'],
    ]);
  });

  it('with Track edits on too, a typed date is logged once, as the day it shows (Sheets sends its serial)', () => {
    const ss = workbook('yes');
    ss.getSheetByName('Settings')!.appendRow(['Track edits', 'yes']);
    const sandbox = loadPinned({ spreadsheet: ss });
    ss.getRange('Customers!N5').setValue(''); // Solution accepted, a criterion
    sandbox.call('onChangeWatch', { changeType: 'EDIT' }); // the snapshot
    ss.getRange('Customers!N5').setValue(new Date('2026-03-16T00:00:00Z'));
    sandbox.call('onEdit', editEvent(ss, 'Customers!N5', { value: '46097' }));
    sandbox.call('onChangeWatch', { changeType: 'EDIT' });
    expect(history(ss).map((r) => [r[4], r[5], r[6], r[7], r[8]])).toEqual([
      [5, 'Solution accepted', '', '2026-03-16', 'edit'],
    ]);
  });

  it('does not take a sort for a change: rows are known by their id', () => {
    const ss = workbook('yes');
    const sandbox = loadPinned({ spreadsheet: ss });
    sandbox.call('onChangeWatch', { changeType: 'EDIT' });
    ss.getSheetByName('Customers')!.sort(2, false);
    sandbox.call('onChangeWatch', { changeType: 'OTHER' });
    expect(history(ss)).toEqual([]);
  });

  it("appends nothing to a user's own History tab, and keeps the changes until that tab is renamed", () => {
    const ss = workbook('yes');
    ss.insertSheet('History')
      .getRange(1, 1, 1, 2)
      .setValues([['Date', 'Call notes']]);
    const sandbox = loadPinned({ spreadsheet: ss });
    sandbox.call('onChangeWatch', { changeType: 'EDIT' });
    const sheet = ss.getSheetByName('Customers')!;
    const stage = String(sheet.getRange('D5').getValue());
    const next = stage === 'Won' ? 'Lost' : 'Won';
    sheet.getRange('D5').setValue(next);
    sandbox.call('onChangeWatch', { changeType: 'EDIT' });
    expect(ss.snapshot().History.values).toEqual([['Date', 'Call notes']]);
    expect(history(ss)).toEqual([]);
    ss.getSheetByName('History')!.setName('Calls');
    sandbox.call('onChangeWatch', { changeType: 'EDIT' });
    expect(history(ss).map((r) => [r[4], r[5], r[6], r[7]])).toEqual([[5, 'Stage', stage, next]]);
  });

  it('watches a customer tab of more than 1,000 rows, which outgrows a new snapshot tab', () => {
    const ss = createSpreadsheet({
      timeZone: 'UTC',
      sheets: {
        Customers: [HEADER, ...customerRows(1200, { seed: 9 })],
        Stages: B2B_STAGES_EN(),
        Settings: [
          ['Setting', 'Value'],
          ['Watch changes', 'yes'],
        ],
      },
    });
    const sandbox = loadPinned({ spreadsheet: ss });
    sandbox.call('onChangeWatch', { changeType: 'EDIT' });
    expect(ss.snapshot()['Pandian snapshot'].values).toHaveLength(1201);
    const cell = ss.getRange('Customers!D1150');
    const next = cell.getValue() === 'Won' ? 'Lost' : 'Won';
    cell.setValue(next);
    sandbox.call('onChangeWatch', { changeType: 'EDIT' });
    expect(history(ss).map((r) => [r[4], r[5], r[7]])).toEqual([[1150, 'Stage', next]]);
  });

  it('an import that adds a watched column still logs the changes of the columns it had', () => {
    const ss = workbook('yes');
    const sandbox = loadPinned({ spreadsheet: ss });
    const sheet = ss.getSheetByName('Customers')!;
    sheet.deleteColumn(7); // no Close Date yet
    sandbox.call('onChangeWatch', { changeType: 'EDIT' });
    sheet.insertColumnBefore(7);
    sheet.getRange('G1:G2').setValues([['Close Date'], ['2026-05-01']]);
    const stage = String(sheet.getRange('D2').getValue());
    const next = stage === 'Won' ? 'Lost' : 'Won';
    sheet.getRange('D2').setValue(next);
    sandbox.call('onChangeWatch', { changeType: 'OTHER' });
    expect(history(ss).map((r) => [r[4], r[5], r[6], r[7]])).toEqual([[2, 'Stage', stage, next]]);
  });

  it('writes nothing when Watch changes is off', () => {
    const ss = workbook('no');
    const before = ss.snapshot();
    loadPinned({ spreadsheet: ss }).call('onChangeWatch', { changeType: 'EDIT' });
    expect(ss.snapshot()).toEqual(before);
  });
});

describe('onChangeWatch, rows that share a name in a tab without ids (an account’s deals)', () => {
  function accounts(): FakeSpreadsheet {
    return createSpreadsheet({
      timeZone: 'UTC',
      sheets: {
        Customers: [
          ['Customer', 'Rep', 'Stage', 'Amount'],
          ['Acme', 'Ann', 'Lead', 1000],
          ['Acme', 'Bo', 'Lead', 2000], // at the same stage: two deals, not a stage log
          ['Beta', 'Bo', 'Budget', 3000],
          ['Gamma', 'Ann', 'Lead', 500],
          ['Delta', 'Cy', 'Discovery', 800],
        ],
        Stages: B2B_STAGES_EN(),
        Settings: [
          ['Setting', 'Value'],
          ['Watch changes', 'yes'],
        ],
      },
    });
  }

  it('a paste that changes the first of them is logged against that row', () => {
    const ss = accounts();
    const sandbox = loadPinned({ spreadsheet: ss });
    sandbox.call('onChangeWatch', { changeType: 'EDIT' }); // first run: the snapshot
    ss.getRange('Customers!C2:D2').setValues([['Budget', 5000]]);
    sandbox.call('onChangeWatch', { changeType: 'EDIT' });
    expect(history(ss).map((r) => r.slice(2, 8))).toEqual([
      ['Acme', '', 2, 'Stage', 'Lead', 'Budget'],
      ['Acme', '', 2, 'Amount', '1000', '5000'],
    ]);
    expect(ss.snapshot()['Pandian snapshot'].values).toHaveLength(6); // both Acme rows kept
  });

  it('sorting them is no change, and a later change is logged against the right deal', () => {
    const ss = accounts();
    const sandbox = loadPinned({ spreadsheet: ss });
    sandbox.call('onChangeWatch', { changeType: 'EDIT' });
    ss.getSheetByName('Customers')!.sort(4, false); // by amount, descending: the two Acme rows swap
    sandbox.call('onChangeWatch', { changeType: 'OTHER' });
    sandbox.call('onChangeWatch', { changeType: 'EDIT' });
    expect(history(ss)).toEqual([]);
    expect(ss.getRange('Customers!A3:D4').getValues()).toEqual([
      ['Acme', 'Bo', 'Lead', 2000],
      ['Acme', 'Ann', 'Lead', 1000],
    ]);
    ss.getRange('Customers!C3').setValue('Budget');
    sandbox.call('onChangeWatch', { changeType: 'EDIT' });
    expect(history(ss).map((r) => r.slice(2, 8))).toEqual([['Acme', '', 3, 'Stage', 'Lead', 'Budget']]);
  });

  it('another deal of the account pasted in is logged as a row that appeared', () => {
    const ss = accounts();
    const sandbox = loadPinned({ spreadsheet: ss });
    sandbox.call('onChangeWatch', { changeType: 'EDIT' });
    ss.getRange('Customers!A7:D7').setValues([['ACME ', 'Cy', 'Lead', 400]]);
    sandbox.call('onChangeWatch', { changeType: 'EDIT' });
    expect(history(ss).map((r) => r.slice(2, 8))).toEqual([
      ['ACME', '', 7, 'Stage', '', 'Lead'],
      ['ACME', '', 7, 'Amount', '', '400'],
    ]);
  });

  it('a snapshot tab written before (one row a name, the last) still works; its repeated rows are only taken', () => {
    const ss = accounts();
    ss.insertSheet('Pandian snapshot')
      .getRange(1, 1, 5, 6)
      .setValues([
        ['key', 'customer', 'id', 'row', 'Stage', 'Amount'],
        ['name:acme', 'Acme', '', '3', 'Lead', '2000'],
        ['name:beta', 'Beta', '', '4', 'Budget', '3000'],
        ['name:gamma', 'Gamma', '', '5', 'Lead', '500'],
        ['name:delta', 'Delta', '', '6', 'Discovery', '800'],
      ]);
    ss.getRange('Customers!C4').setValue('Won'); // changed since that snapshot was taken
    const sandbox = loadPinned({ spreadsheet: ss });
    sandbox.call('onChangeWatch', { changeType: 'EDIT' });
    expect(history(ss).map((r) => r.slice(2, 8))).toEqual([['Beta', '', 4, 'Stage', 'Budget', 'Won']]);
    ss.getRange('Customers!C2').setValue('Budget');
    sandbox.call('onChangeWatch', { changeType: 'EDIT' });
    expect(history(ss).map((r) => r.slice(2, 8))).toEqual([
      ['Beta', '', 4, 'Stage', 'Budget', 'Won'],
      ['Acme', '', 2, 'Stage', 'Lead', 'Budget'],
    ]);
  });
});

describe('dailyRefresh', () => {
  it('logs unseen changes and rewrites the Inventory tab', () => {
    const ss = workbook('yes');
    const sandbox = loadPinned({ spreadsheet: ss });
    sandbox.call('dailyRefresh');
    const sheet = ss.getSheetByName('Customers')!;
    const stage = String(sheet.getRange('D3').getValue());
    sheet.getRange('D3').setValue(stage === 'Lead' ? 'Discovery' : 'Lead');
    sandbox.call('dailyRefresh');
    expect(history(ss).map((r) => [r[5], r[8]])).toEqual([['Stage', 'daily']]);
    expect(String(ss.getSheetByName('Inventory')!.getRange('A1').getValue())).toMatch(/^Customer inventory/);
  });

  it('does nothing once Watch changes is set to no, before Settings… removes the triggers', () => {
    const ss = workbook('yes');
    const sandbox = loadPinned({ spreadsheet: ss });
    sandbox.call('menuSettings');
    ss.getSheetByName('Settings')!.getRange('B2').setValue('no');
    const before = ss.snapshot();
    sandbox.call('dailyRefresh');
    expect(ss.snapshot()).toEqual(before);
  });
});
