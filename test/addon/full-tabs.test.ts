// Tabs with no spare row under their last one: a tab made by a CSV import is sized to its data, and a log fills
// its rows. Sheets refuses a range past a tab's last row, so every append Pandian makes grows the tab first.
import type { FakeSpreadsheet } from '../sandbox';
import { editEvent } from '../sandbox';
import { B2B_STAGES_EN, createSpreadsheet, customerRows, HEADER, loadPinned } from './helpers';

const HISTORY_HEADER = ['When', 'Who', 'Customer', 'ID', 'Row', 'Field', 'Old', 'New', 'Source'];

/** Deletes the empty rows under a tab's last row with content, as a CSV import leaves none. */
function trim(ss: FakeSpreadsheet, tab: string): void {
  const sheet = ss.getSheetByName(tab)!;
  sheet.deleteRows(sheet.getLastRow() + 1, sheet.getMaxRows() - sheet.getLastRow());
  expect(sheet.getMaxRows()).toBe(sheet.getLastRow());
}

function workbook(extra: Record<string, unknown[][]>): FakeSpreadsheet {
  return createSpreadsheet({
    sheets: { Customers: [HEADER, ...customerRows(12, { seed: 4 })], Stages: B2B_STAGES_EN(), ...extra },
  });
}

it('a paste is logged into a full change log', () => {
  const ss = workbook({
    Settings: [
      ['Setting', 'Value'],
      ['Track edits', 'yes'],
    ],
    'Change log': [
      HISTORY_HEADER,
      ['2026-03-01', 'ann@example.com', 'Customer 1', 'C00001', 2, 'Stage', '', 'Lead', 'edit'],
    ],
  });
  trim(ss, 'Change log');
  const sandbox = loadPinned({ spreadsheet: ss });
  ss.getRange('Customers!D5:D6').setValues([['Budget'], ['Discovery']]);
  sandbox.call('onEdit', editEvent(ss, 'Customers!D5:D6'));
  const log = ss.snapshot()['Change log'].values;
  expect(log.slice(2).map((r) => [r[4], r[5], r[7], r[8]])).toEqual([
    [5, 'Stage', 'Budget', 'paste'],
    [6, 'Stage', 'Discovery', 'paste'],
  ]);
});

it('an objection is added to a full Objections tab', () => {
  const ss = workbook({ Objections: [['ID', 'Customer', 'Type', 'Objection', 'Status']] });
  trim(ss, 'Objections');
  const [id, name] = ss.getRange('Customers!A3:B3').getValues()[0] as string[];
  loadPinned({ spreadsheet: ss }).call(
    'sidebarAddObjection',
    { sheet: 'Customers', row: 3, id, name },
    { type: 'price', text: 'Too expensive', plan: '', due: '', blocking: false },
  );
  const rows = ss.snapshot().Objections.values;
  expect(rows).toHaveLength(2);
  expect(rows[1].slice(0, 4)).toEqual(['OBJ-001', id, 'Price', 'Too expensive']);
});

it('a column mapping is saved into a full Settings tab', () => {
  const ss = workbook({ Settings: [['Setting', 'Value']] });
  trim(ss, 'Settings');
  loadPinned({ spreadsheet: ss }).call('sidebarSaveMapping', [{ role: 'rep', header: 'Rep' }]);
  expect(ss.snapshot().Settings.values).toEqual([
    ['Setting', 'Value'],
    ['map:rep', 'Rep'],
  ]);
});
