// Tests of the Sheets sandbox (test/sandbox): the fake Apps Script services and the vm loader, against a tiny
// bundle written to a temporary folder (not dist/).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSpreadsheet, editEvent, loadBundle, openEvent } from './sandbox';
import { columnLetters, columnNumber } from './sandbox/a1';

const BUNDLE = `
function probeGlobals() {
  return [typeof require, typeof process, typeof module, typeof setTimeout, typeof global, typeof Buffer].join(',');
}
function serviceTypes() {
  return [SpreadsheetApp, HtmlService, LockService, PropertiesService, CacheService, Session, ScriptApp,
    Utilities, Logger, console].map(function (s) { return typeof s; }).join(',');
}
function readCustomers() {
  var values = SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Customers').getDataRange().getValues();
  return { dateIsDate: values[1][2] instanceof Date, arrayIsArray: values instanceof Array, row: values[1] };
}
function writeToday() {
  SpreadsheetApp.getActiveSheet().getRange('D2').setValue(new Date(Date.UTC(2026, 10, 27)));
}
function total(values) {
  return values.reduce(function (sum, row) { return sum + row[0]; }, 0);
}
function writeFromCustomFunction() {
  SpreadsheetApp.getActiveSheet().getRange('A1').setValues([[1]]);
}
function badRange() {
  try { SpreadsheetApp.getActiveSheet().getRange(0, 1); } catch (e) { return { isError: e instanceof Error, message: e.message }; }
}
function guarded() {
  var lock = LockService.getDocumentLock();
  lock.waitLock(30000);
  SpreadsheetApp.getActiveSheet().appendRow(['guarded']);
  return lock.hasLock();
}
function onOpen(e) {
  SpreadsheetApp.getUi().createAddonMenu().addItem('Inventory', 'readCustomers').addSeparator()
    .addItem('Help', 'help').addToUi();
  return e.authMode;
}
function onEdit(e) {
  return { a1: e.range.getA1Notation(), value: e.value, source: e.source.getName(), hasTriggerUid: 'triggerUid' in e,
    email: e.user.getEmail() };
}
function showSidebar() {
  SpreadsheetApp.getUi().showSidebar(HtmlService.createHtmlOutputFromFile('Sidebar').setTitle('Pandian'));
}
function confirmReset() {
  var ui = SpreadsheetApp.getUi();
  return ui.alert('Reset', 'Are you sure?', ui.ButtonSet.YES_NO) === ui.Button.YES;
}
function logSomething() {
  Logger.log('count=%s', 3);
  console.warn('careful', { a: 1 });
}
`;

let dir: string;
let codePath: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'pandian-sandbox-'));
  codePath = join(dir, 'Code.js');
  writeFileSync(codePath, BUNDLE);
  writeFileSync(join(dir, 'Sidebar.html'), '<p>Hello</p>');
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const customers = () =>
  createSpreadsheet({
    name: 'Pipeline',
    sheets: {
      Customers: [
        ['Name', 'Value', 'Since', 'Active'],
        ['Acme', 1200, new Date(Date.UTC(2026, 0, 15)), true],
        ['Globex', 300.5, new Date(Date.UTC(2025, 11, 1)), false],
      ],
      Notes: [],
    },
  });

describe('values', () => {
  test('getValues gives Dates, numbers, booleans and blanks as fresh copies', () => {
    const sheet = customers().getSheetByName('Customers')!;
    const values = sheet.getRange('A2:E2').getValues();
    expect(values).toEqual([['Acme', 1200, new Date(Date.UTC(2026, 0, 15)), true, '']]);
    expect(values[0][2]).toBeInstanceOf(Date);
    (values[0][2] as Date).setUTCFullYear(1999);
    values[0][0] = 'changed';
    expect(sheet.getRange('A2:C2').getValues()).toEqual([['Acme', 1200, new Date(Date.UTC(2026, 0, 15))]]);
    expect(sheet.getRange('Z999').getValue()).toBe('');
  });

  test('getDisplayValues are strings; number formats apply', () => {
    const sheet = customers().getSheetByName('Customers')!;
    expect(sheet.getRange('B2:D3').getDisplayValues()).toEqual([
      ['1200', '2026-01-15', 'TRUE'],
      ['300.5', '2025-12-01', 'FALSE'],
    ]);
    sheet.getRange('B2').setNumberFormat('#,##0.00');
    sheet.getRange('C2').setNumberFormat('dd/mm/yyyy');
    expect(sheet.getRange('B2:C2').getDisplayValues()).toEqual([['1,200.00', '15/01/2026']]);
    sheet.getRange('E2').setValue(0.125).setNumberFormat('0.0%');
    expect(sheet.getRange('E2').getDisplayValue()).toBe('12.5%');
    expect(sheet.getRange('E2').getNumberFormat()).toBe('0.0%');
  });

  test('setValues stores blanks for null/undefined and parses strings as typed input', () => {
    const ss = createSpreadsheet({ timeZone: 'Asia/Shanghai' });
    const range = ss.getRange('A1:F1');
    range.setValues([[null, undefined, '42', '00123', 'true', '2026-11-27']]);
    const [row] = range.getValues();
    expect(row.slice(0, 5)).toEqual(['', '', 42, 123, true]);
    expect(row[5]).toEqual(new Date('2026-11-26T16:00:00Z'));
    ss.getRange('G1').setNumberFormat('@').setValue('00123');
    expect(ss.getRange('G1').getValue()).toBe('00123');
  });

  test('setValues rejects data of the wrong shape with Sheets messages', () => {
    const range = createSpreadsheet().getRange('A1:B2');
    expect(() => range.setValues([[1, 2]])).toThrow(
      'Exception: The number of rows in the data does not match the number of rows in the range. The data has 1 but the range has 2.',
    );
    expect(() => range.setValues([[1, 2], [3]])).toThrow(
      'Exception: The number of columns in the data does not match the number of columns in the range. The data has 1 but the range has 2.',
    );
  });

  test('a formula is recorded, not computed; an apostrophe forces text', () => {
    const ss = createSpreadsheet();
    ss.getRange('A1:B1').setValues([['=SUM(C1:C9)', "'=not a formula"]]);
    ss.getRange('C1').setFormula('=A1*2');
    expect(ss.getRange('A1:C1').getFormulas()).toEqual([['=SUM(C1:C9)', '', '=A1*2']]);
    expect(ss.getRange('A1:C1').getValues()).toEqual([['', '=not a formula', '']]);
    expect(ss.getActiveSheet().getLastColumn()).toBe(3);
  });
});

describe('A1 notation and ranges', () => {
  test('column letters beyond Z', () => {
    expect([1, 26, 27, 52, 703].map(columnLetters)).toEqual(['A', 'Z', 'AA', 'AZ', 'AAA']);
    expect(columnNumber('ab')).toBe(28);
  });

  test.each([
    ['A1', 1, 1, 1, 1, 'A1'],
    ['A1:C10', 1, 1, 10, 3, 'A1:C10'],
    ['C10:A1', 1, 1, 10, 3, 'A1:C10'],
    ['AA1', 1, 27, 1, 1, 'AA1'],
    ['$B$2:$AB$3', 2, 2, 2, 27, 'B2:AB3'],
    ['A:A', 1, 1, 1000, 1, 'A:A'],
    ['B2:C', 2, 2, 999, 2, 'B2:C'],
    ['2:2', 2, 1, 1, 30, '2:2'],
  ])('%s', (a1, row, column, numRows, numColumns, printed) => {
    const range = createSpreadsheet({ sheets: { Wide: [Array(30).fill('')] } }).getRange(a1);
    expect([range.getRow(), range.getColumn(), range.getNumRows(), range.getNumColumns()]).toEqual([
      row,
      column,
      numRows,
      numColumns,
    ]);
    expect(range.getA1Notation()).toBe(printed);
  });

  test('sheet-qualified notation, quoted names included', () => {
    const ss = createSpreadsheet({ sheets: { Sheet1: [], "Bob's sheet 1": [['x', 'y']] } });
    const range = ss.getRange("'Bob''s sheet 1'!A1:B1");
    expect(range.getSheet().getName()).toBe("Bob's sheet 1");
    expect(range.getValues()).toEqual([['x', 'y']]);
    expect(ss.getRange('Sheet1!B2').getSheet().getName()).toBe('Sheet1');
    expect(() => ss.getRange('Missing!A1')).toThrow('Exception: Range not found');
    expect(() => ss.getRange('not a range')).toThrow('Exception: Range not found');
  });

  test('numeric getRange forms and their validation errors', () => {
    const sheet = createSpreadsheet().getActiveSheet();
    expect(() => sheet.getRange('AA1')).toThrow(
      'Exception: The coordinates of the range are outside the dimensions of the sheet.',
    );
    sheet.insertColumnsAfter(26, 2);
    expect(sheet.getRange(2, 3).getA1Notation()).toBe('C2');
    expect(sheet.getRange(2, 3, 4).getA1Notation()).toBe('C2:C5');
    expect(sheet.getRange(2, 3, 4, 26).getA1Notation()).toBe('C2:AB5');
    expect(() => sheet.getRange(0, 1)).toThrow('Exception: The starting row of the range is too small.');
    expect(() => sheet.getRange(1, 0)).toThrow('Exception: The starting column of the range is too small.');
    expect(() => sheet.getRange(1, 1, 0)).toThrow(
      'Exception: The number of rows in the range must be at least 1.',
    );
    expect(() => sheet.getRange(1, 1, 1, 0)).toThrow(
      'Exception: The number of columns in the range must be at least 1.',
    );
    expect(() => sheet.getRange(1001, 1)).toThrow(
      'Exception: The coordinates of the range are outside the dimensions of the sheet.',
    );
  });

  test('offset, getCell and range geometry', () => {
    const range = createSpreadsheet().getRange('B2:D5');
    expect(range.getLastRow()).toBe(5);
    expect(range.getLastColumn()).toBe(4);
    expect(range.offset(1, 1, 2, 2).getA1Notation()).toBe('C3:D4');
    expect(range.getCell(2, 3).getA1Notation()).toBe('D3');
    expect(() => range.getCell(5, 1)).toThrow('Exception: Cell reference out of range');
  });
});

describe('sheets', () => {
  test('create, find (ignoring case), rename, move and delete', () => {
    const ss = customers();
    expect(ss.getSheets().map((s) => s.getName())).toEqual(['Customers', 'Notes']);
    const stages = ss.insertSheet('Stages', 0);
    expect(stages.getIndex()).toBe(1);
    expect(ss.getActiveSheet().getName()).toBe('Stages');
    expect(ss.getSheetByName('customers')?.getName()).toBe('Customers');
    expect(ss.getSheetByName('Nope')).toBeNull();
    stages.setName('Stage definitions');
    expect(ss.getSheetByName('Stage definitions')?.getSheetId()).toBe(stages.getSheetId());
    expect(ss.insertSheet().getName()).toBe('Sheet4');
    ss.deleteSheet(ss.getSheetByName('Notes')!);
    expect(ss.getSheets().map((s) => s.getName())).toEqual(['Stage definitions', 'Customers', 'Sheet4']);
  });

  test('duplicate names and deleting the last sheet fail like Sheets', () => {
    const ss = customers();
    expect(() => ss.insertSheet('NOTES')).toThrow(
      'Exception: A sheet with the name "NOTES" already exists. Please enter another name.',
    );
    expect(() => ss.getSheetByName('Notes')!.setName('Customers')).toThrow('already exists');
    const lone = createSpreadsheet();
    expect(() => lone.deleteSheet(lone.getActiveSheet())).toThrow(
      "Exception: You can't remove all the sheets",
    );
  });

  test('last row/column, data range and maximum size', () => {
    const sheet = createSpreadsheet().getActiveSheet();
    expect([sheet.getLastRow(), sheet.getLastColumn()]).toEqual([0, 0]);
    expect(sheet.getDataRange().getA1Notation()).toBe('A1');
    expect([sheet.getMaxRows(), sheet.getMaxColumns()]).toEqual([1000, 26]);
    sheet.getRange('C5').setValue('x');
    sheet.getRange('B7').setNote('notes do not count').setBackground('#ff0000');
    expect([sheet.getLastRow(), sheet.getLastColumn()]).toEqual([5, 3]);
    expect(sheet.getDataRange().getA1Notation()).toBe('A1:C5');
    sheet.getRange('C5').clearContent();
    expect([sheet.getLastRow(), sheet.getLastColumn()]).toEqual([0, 0]);
  });

  test('appendRow grows a full sheet; rows and columns insert and delete', () => {
    const sheet = createSpreadsheet({
      sheets: { Data: Array.from({ length: 1000 }, (_, i) => [i + 1]) },
    }).getSheets()[0];
    sheet.appendRow(['new', 'row']);
    expect([sheet.getLastRow(), sheet.getMaxRows()]).toEqual([1001, 1001]);
    sheet.insertRowsAfter(1, 2);
    expect(sheet.getRange('A1:A4').getValues()).toEqual([[1], [''], [''], [2]]);
    expect(sheet.getMaxRows()).toBe(1003);
    sheet.deleteRows(2, 2);
    expect(sheet.getRange('A1:A2').getValues()).toEqual([[1], [2]]);
    sheet.insertColumnBefore(1);
    expect(sheet.getRange('A1:B1').getValues()).toEqual([['', 1]]);
    sheet.deleteColumn(1);
    expect(() => sheet.deleteRows(1000, 5)).toThrow('Exception: Those rows are out of bounds.');
    expect(() => sheet.deleteRows(1, sheet.getMaxRows())).toThrow(
      'Exception: Sorry, it is not possible to delete all non-frozen rows.',
    );
  });

  test('notes, frozen rows, widths, formats and the snapshot', () => {
    const ss = customers();
    const sheet = ss.getSheetByName('Customers')!;
    sheet.setFrozenRows(1);
    sheet.setColumnWidth(1, 180);
    sheet.autoResizeColumns(2, 2);
    sheet.getRange('A1:D1').setFontWeight('bold').setBackground('#eeeeee').setHorizontalAlignment('center');
    sheet.getRange('A2').setNote('Key account');
    sheet.getRange('B2:B3').setNotes([['big'], [null]]);
    expect(sheet.getFrozenRows()).toBe(1);
    expect(sheet.getRange('A2:B3').getNotes()).toEqual([
      ['Key account', 'big'],
      ['', ''],
    ]);
    expect(sheet.getRange('A1').getFontWeight()).toBe('bold');
    expect(sheet.getRange('A2').getBackground()).toBe('#ffffff');
    const snap = sheet.snapshot();
    expect(snap.frozenRows).toBe(1);
    expect(snap.values[1]).toEqual(['Acme', 1200, new Date(Date.UTC(2026, 0, 15)), true]);
    expect(snap.notes).toEqual({ A2: 'Key account', B2: 'big' });
    expect(snap.formats.A1).toEqual({
      background: '#eeeeee',
      fontWeight: 'bold',
      horizontalAlignment: 'center',
    });
    expect(snap.formats.A2).toBeUndefined();
    expect(snap.columnWidths).toEqual({ 1: 180 });
    expect(snap.autoResizedColumns).toEqual([2, 3]);
  });

  test('sort keeps frozen rows, moves whole rows and puts blanks last', () => {
    const ss = createSpreadsheet({
      sheets: {
        S: [
          ['Name', 'Value'],
          ['b', 2],
          ['c', ''],
          ['a', 3],
          ['d', 1],
        ],
      },
    });
    const sheet = ss.getActiveSheet();
    sheet.getRange('A5').setNote('note of d');
    sheet.setFrozenRows(1);
    sheet.sort(2, false);
    expect(sheet.getDataRange().getValues()).toEqual([
      ['Name', 'Value'],
      ['a', 3],
      ['b', 2],
      ['d', 1],
      ['c', ''],
    ]);
    expect(sheet.getRange('A4').getNote()).toBe('note of d');
    sheet.getRange('A2:B5').sort({ column: 1, ascending: true });
    expect(sheet.getRange('A2:A5').getValues()).toEqual([['a'], ['b'], ['c'], ['d']]);
  });
});

describe('recorded builders', () => {
  test('data validation rules', () => {
    const ss = customers();
    const sheet = ss.getSheetByName('Customers')!;
    const app = loadBundle({ spreadsheet: ss, codePath }).env.globals.SpreadsheetApp;
    const rule = app
      .newDataValidation()
      .requireValueInList(['Open', 'Won', 'Lost'], true)
      .setAllowInvalid(false)
      .setHelpText('Pick a stage')
      .build();
    sheet.getRange('E2:E3').setDataValidation(rule);
    sheet.getRange('D2').setDataValidation(app.newDataValidation().requireCheckbox().build());
    const read = sheet.getRange('E3').getDataValidation()!;
    expect(read.getCriteriaType()).toBe(app.DataValidationCriteria.VALUE_IN_LIST);
    expect(read.getCriteriaValues()).toEqual([['Open', 'Won', 'Lost'], true]);
    expect(read.getHelpText()).toBe('Pick a stage');
    expect(read.getAllowInvalid()).toBe(false);
    expect(sheet.getRange('E1').getDataValidation()).toBeNull();
    const byRange = app.newDataValidation().requireValueInRange(ss.getRange('Notes!A1:A9')).build();
    expect((byRange.getCriteriaValues()[0] as { getA1Notation(): string }).getA1Notation()).toBe('A1:A9');
    expect(sheet.snapshot().validations.D2).toEqual({
      criteria: 'CHECKBOX',
      values: [],
      helpText: '',
      allowInvalid: true,
    });
  });

  test('conditional format rules', () => {
    const ss = customers();
    const sheet = ss.getSheetByName('Customers')!;
    const app = loadBundle({ spreadsheet: ss, codePath }).env.globals.SpreadsheetApp;
    const rule = app
      .newConditionalFormatRule()
      .whenFormulaSatisfied('=$D2=FALSE')
      .setBackground('#fde0dc')
      .setBold(true)
      .setRanges([sheet.getRange('A2:D3')])
      .build();
    sheet.setConditionalFormatRules([...sheet.getConditionalFormatRules(), rule]);
    const [read] = sheet.getConditionalFormatRules();
    expect(read.getRanges().map((r) => r.getA1Notation())).toEqual(['A2:D3']);
    expect(read.getBooleanCondition()?.getCriteriaType()).toBe('CUSTOM_FORMULA');
    expect(read.getBooleanCondition()?.getCriteriaValues()).toEqual(['=$D2=FALSE']);
    expect(sheet.snapshot().conditionalFormatRules[0]).toMatchObject({
      ranges: ['A2:D3'],
      style: { background: '#fde0dc', bold: true },
    });
  });

  test('charts: build, insert, modify, remove', () => {
    const sheet = customers().getSheetByName('Customers')!;
    const chart = sheet
      .newChart()
      .asColumnChart()
      .addRange(sheet.getRange('A1:B3'))
      .setStacked()
      .setNumHeaders(1)
      .setOption('title', 'Value by customer')
      .setPosition(2, 6, 0, 0)
      .build();
    sheet.insertChart(chart);
    const [inserted] = sheet.getCharts();
    expect(inserted.getId()).toBe(chart.getId());
    expect(inserted.getRanges().map((r) => r.getA1Notation())).toEqual(['A1:B3']);
    expect(inserted.getOptions().get('title')).toBe('Value by customer');
    expect(inserted.getContainerInfo().getAnchorColumn()).toBe(6);
    sheet.updateChart(inserted.modify().asPieChart().build());
    expect(sheet.snapshot().charts).toEqual([
      {
        id: chart.getId(),
        type: 'PIE',
        ranges: ['A1:B3'],
        options: { isStacked: true, title: 'Value by customer' },
        position: { anchorRow: 2, anchorColumn: 6, offsetX: 0, offsetY: 0 },
      },
    ]);
    sheet.removeChart(inserted);
    expect(sheet.getCharts()).toHaveLength(0);
  });

  test('protections', () => {
    const sheet = customers().getSheetByName('Customers')!;
    sheet.protect().setWarningOnly(true).setDescription('Managed by Pandian');
    sheet.getRange('A1:D1').protect().setDescription('Header');
    expect(sheet.getProtections('SHEET').map((p) => p.isWarningOnly())).toEqual([true]);
    expect(sheet.getProtections('RANGE').map((p) => p.getRange().getA1Notation())).toEqual(['A1:D1']);
    sheet.getProtections('RANGE')[0].remove();
    expect(sheet.snapshot().protections).toEqual([
      { type: 'SHEET', range: 'A1:Z1000', description: 'Managed by Pandian', warningOnly: true },
    ]);
  });
});

describe('loader', () => {
  test('the context has only Apps Script globals', () => {
    const { call, context } = loadBundle({ codePath });
    expect(call('probeGlobals')).toBe('undefined,undefined,undefined,undefined,undefined,undefined');
    expect(call('serviceTypes')).toBe(Array(10).fill('object').join(','));
    expect(Object.keys(context).sort()).toContain('onOpen');
    expect(() => call('nope')).toThrow('Script function not found: nope');
  });

  test('values reach the bundle in its own realm, and its Dates are stored', () => {
    const ss = customers();
    const { call } = loadBundle({ spreadsheet: ss, codePath });
    expect(call('readCustomers')).toEqual({
      dateIsDate: true,
      arrayIsArray: true,
      row: ['Acme', 1200, new Date(Date.UTC(2026, 0, 15)), true],
    });
    call('writeToday');
    expect(ss.getActiveSheet().getRange('D2').getValue()).toEqual(new Date(Date.UTC(2026, 10, 27)));
    expect(call('total', [[1], [2], [3.5]])).toBe(6.5);
  });

  test('service errors are Errors of the bundle realm with Apps Script messages', () => {
    const { call } = loadBundle({ spreadsheet: customers(), codePath });
    expect(call('badRange')).toEqual({
      isError: true,
      message: 'Exception: The starting row of the range is too small.',
    });
  });

  test('without a spreadsheet the script is unbound', () => {
    const { env } = loadBundle({ codePath });
    expect(env.globals.SpreadsheetApp.getActiveSpreadsheet()).toBeNull();
    expect(env.globals.LockService.getDocumentLock()).toBeNull();
    expect(env.globals.PropertiesService.getDocumentProperties()).toBeNull();
  });

  test('events: onOpen and onEdit', () => {
    const ss = customers();
    const { call, env } = loadBundle({ spreadsheet: ss, codePath });
    expect(call('onOpen', openEvent('NONE'))).toBe('NONE');
    expect(env.ui.menus).toEqual([
      {
        caption: null,
        addon: true,
        items: [
          { caption: 'Inventory', functionName: 'readCustomers' },
          { separator: true },
          { caption: 'Help', functionName: 'help' },
        ],
      },
    ]);
    const event = editEvent(ss, 'Customers!B2', { value: '1300', oldValue: '1200' });
    expect(Object.keys(event).sort()).toEqual(['authMode', 'oldValue', 'range', 'source', 'user', 'value']);
    env.resetCalls();
    expect(call('onEdit', event)).toEqual({
      a1: 'B2',
      value: '1300',
      source: 'Pipeline',
      hasTriggerUid: false,
      email: '',
    });
    expect(env.calls()).toEqual({ 'Range.getA1Notation': 1, 'Spreadsheet.getName': 1, 'User.getEmail': 1 });
  });

  test('sidebar from the dist folder, alerts answered from a queue, toasts', () => {
    const ss = customers();
    const { call, env } = loadBundle({ spreadsheet: ss, codePath });
    call('showSidebar');
    expect(env.ui.log).toEqual([{ type: 'sidebar', title: 'Pandian', content: '<p>Hello</p>' }]);
    expect(call('confirmReset')).toBe(true);
    env.ui.answerAlert('NO');
    expect(call('confirmReset')).toBe(false);
    expect(env.ui.log[2]).toEqual({
      type: 'alert',
      title: 'Reset',
      prompt: 'Are you sure?',
      buttons: 'YES_NO',
      response: 'NO',
    });
    env.ui.answerPrompt('Customers');
    const response = env.globals.SpreadsheetApp.getUi().prompt('Which tab?');
    expect([response.getResponseText(), response.getSelectedButton()]).toEqual(['Customers', 'OK']);
    env.globals.SpreadsheetApp.getActiveSpreadsheet()!.toast('Done', 'Pandian');
    expect(env.ui.toasts).toEqual([{ type: 'toast', message: 'Done', title: 'Pandian', timeoutSeconds: 5 }]);
    expect(() => env.globals.HtmlService.createHtmlOutputFromFile('Missing')).toThrow(
      'Exception: No HTML file named Missing was found.',
    );
  });

  test('Logger and console are captured', () => {
    const { call, env } = loadBundle({ codePath });
    call('logSomething');
    expect(env.logs).toEqual([
      { level: 'Logger', message: 'count=3' },
      { level: 'warn', message: 'careful { a: 1 }' },
    ]);
  });
});

describe('custom-function mode', () => {
  test('writes are refused with the real message, reads work', () => {
    const ss = customers();
    const { call, env } = loadBundle({ spreadsheet: ss, codePath, mode: 'custom-function' });
    expect(() => call('writeFromCustomFunction')).toThrow(
      'Exception: You do not have permission to call setValues',
    );
    expect(call('readCustomers')).toMatchObject({ dateIsDate: true });
    const { SpreadsheetApp, PropertiesService } = env.globals;
    const sheet = SpreadsheetApp.getActiveSheet()!;
    expect(() => SpreadsheetApp.getUi()).toThrow('Exception: You do not have permission to call getUi');
    expect(() => SpreadsheetApp.getActiveSpreadsheet()!.toast('x')).toThrow('permission to call toast');
    expect(() => sheet.insertRowAfter(1)).toThrow('permission to call insertRowAfter');
    expect(() => sheet.getRange('A1').clear()).toThrow('permission to call clear');
    expect(() => PropertiesService.getScriptProperties().setProperty('k', 'v')).toThrow(
      'permission to call setProperty',
    );
    expect(SpreadsheetApp.newDataValidation().requireDate().build().getCriteriaType()).toBe(
      'DATE_IS_VALID_DATE',
    );
    env.setMode('normal');
    sheet.getRange('A1').setValue('ok');
    expect(ss.getActiveSheet().getRange('A1').getValue()).toBe('ok');
  });
});

describe('locks, properties and cache', () => {
  test('waitLock fails while another execution holds the document lock', () => {
    const ss = customers();
    const first = loadBundle({ spreadsheet: ss, codePath });
    const second = loadBundle({ spreadsheet: ss, codePath });
    const release = first.env.holdDocumentLock();
    expect(() => second.call('guarded')).toThrow(
      'Exception: Lock timeout: another process was holding the lock for too long.',
    );
    expect(second.env.globals.LockService.getDocumentLock()!.tryLock(100)).toBe(false);
    release();
    expect(second.call('guarded')).toBe(true);
    // The execution ended, so its lock was released and the other sandbox can take it.
    const lock = first.env.globals.LockService.getDocumentLock()!;
    expect(lock.tryLock(0)).toBe(true);
    expect(second.env.globals.LockService.getDocumentLock()!.tryLock(0)).toBe(false);
    lock.releaseLock();
    expect(lock.hasLock()).toBe(false);
    expect(ss.getActiveSheet().getLastRow()).toBe(4);
  });

  test('properties are strings, shared per document, and limited to 9 KB a value', () => {
    const ss = customers();
    const a = loadBundle({ spreadsheet: ss, codePath }).env.globals.PropertiesService;
    const b = loadBundle({ spreadsheet: ss, codePath, user: 'other@example.com' }).env.globals
      .PropertiesService;
    a.getDocumentProperties()!.setProperty('count', 3).setProperties({ mode: 'zh' });
    expect(b.getDocumentProperties()!.getProperties()).toEqual({ count: '3', mode: 'zh' });
    a.getUserProperties().setProperty('lang', 'en');
    expect(b.getUserProperties().getProperty('lang')).toBeNull();
    expect(() => a.getScriptProperties().setProperty('big', 'x'.repeat(9 * 1024 + 1))).toThrow(
      'Exception: Argument too large: value',
    );
    a.getScriptProperties().setProperty('ok', 'x'.repeat(9 * 1024));
    expect(a.getScriptProperties().getKeys()).toEqual(['ok']);
    a.getDocumentProperties()!.deleteProperty('count');
    expect(b.getDocumentProperties()!.getKeys()).toEqual(['mode']);
  });

  test('cache values expire and are limited to 100 KB', () => {
    const cache = loadBundle({
      spreadsheet: customers(),
      codePath,
    }).env.globals.CacheService.getScriptCache();
    const now = jest.spyOn(Date, 'now').mockReturnValue(1_000_000);
    try {
      cache.put('k', 'v', 60);
      cache.putAll({ a: '1', b: '2' });
      expect(cache.getAll(['k', 'a', 'missing'])).toEqual({ k: 'v', a: '1' });
      now.mockReturnValue(1_000_000 + 61_000);
      expect(cache.get('k')).toBeNull();
      expect(cache.get('a')).toBe('1');
      expect(() => cache.put('big', 'x'.repeat(100 * 1024 + 1))).toThrow(
        'Exception: Argument too large: value',
      );
    } finally {
      now.mockRestore();
    }
  });
});

describe('call counter', () => {
  test('counts every method per Class.method, builders included; inspection is free', () => {
    const ss = customers();
    const { call, env } = loadBundle({ spreadsheet: ss, codePath });
    call('readCustomers');
    expect(env.calls()).toEqual({
      'Range.getValues': 1,
      'Sheet.getDataRange': 1,
      'Spreadsheet.getSheetByName': 1,
      'SpreadsheetApp.getActiveSpreadsheet': 1,
    });
    env.resetCalls();
    const app = env.globals.SpreadsheetApp;
    app.newDataValidation().requireValueInList(['a']).build();
    app.getActiveSheet()!.snapshot();
    ss.getSheetByName('Customers')!.getRange('A1').getValue(); // the test's own object: not this sandbox
    expect(env.calls()).toEqual({
      'DataValidationBuilder.build': 1,
      'DataValidationBuilder.requireValueInList': 1,
      'SpreadsheetApp.getActiveSheet': 1,
      'SpreadsheetApp.newDataValidation': 1,
    });
    expect(env.totalCalls()).toBe(4);
    env.resetCalls();
    expect(env.totalCalls()).toBe(0);
  });

  test('stays cheap on a 50,000-row sheet', () => {
    const rows = Array.from({ length: 50_000 }, (_, i) => [`Customer ${i}`, i, i % 2 === 0]);
    const ss = createSpreadsheet({ sheets: { Customers: rows } });
    const { env } = loadBundle({ spreadsheet: ss, codePath });
    const sheet = env.globals.SpreadsheetApp.getActiveSheet()!;
    const started = Date.now();
    const values = sheet.getDataRange().getValues();
    for (let r = 1; r <= 2000; r++) sheet.getRange(r, 2).getValue();
    sheet.getRange(2, 1, values.length - 1, 3).setValues(values.slice(1));
    expect(values).toHaveLength(50_000);
    expect(env.calls()['Range.getValue']).toBe(2000);
    expect(Date.now() - started).toBeLessThan(1500);
  });
});

describe('Session, ScriptApp and Utilities', () => {
  test('session settings come from the loader options', () => {
    const { Session } = loadBundle({ codePath, user: '', locale: 'zh_CN', timeZone: 'Asia/Shanghai' }).env
      .globals;
    expect(Session.getActiveUser().getEmail()).toBe('');
    expect(Session.getActiveUserLocale()).toBe('zh_CN');
    expect(Session.getScriptTimeZone()).toBe('Asia/Shanghai');
  });

  test('triggers are recorded per project', () => {
    const ss = customers();
    const { env } = loadBundle({ spreadsheet: ss, codePath });
    const { ScriptApp } = env.globals;
    const onChange = ScriptApp.newTrigger('refresh').forSpreadsheet(ss).onChange().create();
    ScriptApp.newTrigger('daily').timeBased().everyDays(1).atHour(6).create();
    expect(onChange.getEventType()).toBe(ScriptApp.EventType.ON_CHANGE);
    expect(onChange.getTriggerSource()).toBe('SPREADSHEETS');
    expect(ScriptApp.getProjectTriggers().map((t) => t.getHandlerFunction())).toEqual(['refresh', 'daily']);
    expect(env.triggers()[1].schedule).toEqual({ everyDays: 1, atHour: 6 });
    ScriptApp.deleteTrigger(onChange);
    expect(ScriptApp.getUserTriggers(ss)).toHaveLength(0);
  });

  test('formatDate converts time zones with Java patterns', () => {
    const { Utilities } = loadBundle({ codePath }).env.globals;
    const instant = new Date('2026-11-27T16:30:05Z');
    expect(Utilities.formatDate(instant, 'Asia/Shanghai', 'yyyy-MM-dd HH:mm:ss')).toBe('2026-11-28 00:30:05');
    expect(Utilities.formatDate(instant, 'America/New_York', "EEE d MMM yy 'at' h:mm a Z")).toBe(
      'Fri 27 Nov 26 at 11:30 AM -0500',
    );
    expect(Utilities.formatDate(instant, 'UTC', "yyyy-MM-dd'T'HH:mm:ssXXX")).toBe('2026-11-27T16:30:05Z');
    expect(() => Utilities.formatDate(instant, 'UTC', 'yyyy-qq')).toThrow("Illegal pattern character 'q'");
    expect(Utilities.getUuid()).toBe('00000000-0000-4000-8000-000000000001');
  });
});
