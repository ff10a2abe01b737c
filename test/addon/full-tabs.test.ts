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

const TRACKED = {
  Settings: [
    ['Setting', 'Value'],
    ['Track edits', 'yes'],
  ],
};
const PASTED = [
  [5, 'Stage', 'Budget', 'paste'],
  [6, 'Stage', 'Discovery', 'paste'],
];

/** Pastes two stages into D5:D6 as a user would, runs the trigger, and gives the logged rows' fields. */
function pasteLogged(ss: FakeSpreadsheet, from: number): unknown[][] {
  const sandbox = loadPinned({ spreadsheet: ss });
  ss.getRange('Customers!D5:D6').setValues([['Budget'], ['Discovery']]);
  sandbox.call('onEdit', editEvent(ss, 'Customers!D5:D6'));
  return ss
    .snapshot()
    ['Change log'].values.slice(from)
    .map((r) => [r[4], r[5], r[7], r[8]]);
}

it('a paste is logged into a full change log', () => {
  const ss = workbook({
    ...TRACKED,
    'Change log': [
      HISTORY_HEADER,
      ['2026-03-01', 'ann@example.com', 'Customer 1', 'C00001', 2, 'Stage', '', 'Lead', 'edit'],
    ],
  });
  trim(ss, 'Change log');
  expect(pasteLogged(ss, 2)).toEqual(PASTED);
});

/** Adds a price objection to the customer on row 3 from the sidebar; its id and the Objections tab after. */
function addObjection(ss: FakeSpreadsheet): { id: string; rows: unknown[][] } {
  const [id, name] = ss.getRange('Customers!A3:B3').getValues()[0] as string[];
  loadPinned({ spreadsheet: ss }).call(
    'sidebarAddObjection',
    { sheet: 'Customers', row: 3, id, name },
    { type: 'price', text: 'Too expensive', plan: '', due: '', blocking: false },
  );
  return { id, rows: ss.snapshot().Objections.values };
}

it('an objection is added to a full Objections tab', () => {
  const ss = workbook({ Objections: [['ID', 'Customer', 'Type', 'Objection', 'Status']] });
  trim(ss, 'Objections');
  const { id, rows } = addObjection(ss);
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

it('a paste is logged into a change log narrower than its rows', () => {
  const ss = workbook({ ...TRACKED, 'Change log': [HISTORY_HEADER.slice(0, 5)] });
  const log = ss.getSheetByName('Change log')!;
  log.deleteColumns(6, log.getMaxColumns() - 5);
  expect(pasteLogged(ss, 1)).toEqual(PASTED);
});

it('an Objections tab that only looks empty gets its header on row 1', () => {
  const ss = workbook({ Objections: [['']] });
  ss.getRange('Objections!C15').setValue('   ');
  const { rows } = addObjection(ss);
  expect(rows[0].slice(0, 4)).toEqual(['ID', 'Customer', 'Stage raised', 'Type']);
  expect(rows.filter((r) => r.includes('Too expensive'))).toHaveLength(1);
});

it('an empty Objections tab narrower than its header gets the columns with the header', () => {
  const ss = workbook({ Objections: [['']] });
  const tab = ss.getSheetByName('Objections')!;
  tab.deleteColumns(6, tab.getMaxColumns() - 5);
  const { id, rows } = addObjection(ss);
  expect(rows[0]).toHaveLength(15);
  expect(rows[0].slice(-2)).toEqual(['Reviewed on', 'Blocking']);
  expect(rows[1].slice(0, 2)).toEqual(['OBJ-001', id]);
});
