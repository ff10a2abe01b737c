// The corpus of bad sheets (test/fixtures/bad-sheets) through all three ways in: core (runInventory +
// buildReport), the add-on (menuInventory of dist/Code.js in the Sheets sandbox) and the command line
// (an .xlsx written with exceljs, `pandian inventory --json`). No crash; every expected issue reported
// with its tab, sheet row, column and value; the rest of the report still produced; nothing else changed.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { isoOfDay } from '../../src/core/days';
import { runInventory } from '../../src/core/index';
import { buildReport } from '../../src/core/report';
import type { Cell, SheetData } from '../../src/core/types';
import { issueMessage, reportText } from '../../src/i18n/messages';
import { AS_OF, BAD_SHEETS, type BadSheet } from '../fixtures/bad-sheets';
import { strayFormulas } from '../support/report-formulas';
import {
  cli,
  cliJson,
  en,
  expectIssues,
  expectIssuesInReport,
  issueLines,
  loadPinned,
  messageStem,
  spreadsheetOf,
  summaryOf,
  tmp,
  writeXlsx,
} from './helpers';

const sheetsOf = (c: BadSheet): SheetData[] =>
  Object.entries(c.tabs).map(([name, values]) => ({ name, values }));

/** Sheets' limit on the characters of one cell. */
const SHEETS_CELL_LIMIT = 50000;
/** Excel's limit on the characters of one cell. */
const EXCEL_CELL_LIMIT = 32767;

it('the corpus holds at least 40 bad sheets with unique names', () => {
  expect(BAD_SHEETS.length).toBeGreaterThanOrEqual(40);
  expect(new Set(BAD_SHEETS.map((c) => c.name)).size).toBe(BAD_SHEETS.length);
});

describe.each(BAD_SHEETS.map((c, i) => ({ ...c, index: i })))('$name', (c) => {
  const want = c.expect;

  it('core: reports every expected issue and still builds the whole report', () => {
    const out = runInventory({ sheets: sheetsOf(c), asOf: AS_OF, timeZone: 'UTC', lang: 'en' });
    if (want.failure) {
      expect(out).toMatchObject({ ok: false, code: want.failure });
      return;
    }
    if (!out.ok) throw new Error(`no inventory: ${out.code}`);
    const inv = out.inventory;
    expectIssues(inv.issues, want.issues, want);
    if (want.customerSheet) expect(inv.table.sheet).toBe(want.customerSheet);
    if (want.headerRow) expect(inv.table.headerRow).toBe(want.headerRow);
    if (want.customers !== undefined) expect(inv.totals.customers).toBe(want.customers);
    if (want.totals) expect(inv.totals).toMatchObject(want.totals);
    if (want.openValue !== undefined) expect(inv.results.openValue).toBeCloseTo(want.openValue, 6);
    if (want.wonValue !== undefined)
      expect(inv.reps.reduce((s, r) => s + r.wonValue, 0)).toBeCloseTo(want.wonValue, 6);
    for (const issue of inv.issues) {
      expect(issue.row).toBeGreaterThanOrEqual(1);
      expect(Object.keys(c.tabs)).toContain(issue.sheet);
    }

    const report = buildReport(inv, reportText('en'), (i) => issueMessage(i, 'en'));
    expect(report.rows.every((r) => r.length === report.width)).toBe(true);
    const values = report.rows.map((r) =>
      r.map((cell) =>
        cell === null
          ? ''
          : typeof cell === 'object'
            ? 'text' in cell
              ? cell.text
              : isoOfDay(cell.day)
            : cell,
      ),
    );
    expect(summaryOf(values)?.get(en('report.customers'))).toBe(inv.totals.customers);
    const lines = issueLines(values);
    expect(lines).not.toBeNull();
    expectIssuesInReport(lines!, want.issues);
  });

  it('add-on: menuInventory reports them in the Inventory tab and changes no other tab', () => {
    const ss = spreadsheetOf(c.tabs);
    const before = ss.snapshot();
    const sandbox = loadPinned(ss, AS_OF);
    sandbox.call('menuInventory');
    const alerts = sandbox.env.ui.log.filter((e) => e.type === 'alert');
    const after = ss.snapshot();
    if (want.failure) {
      expect(alerts).toEqual([
        expect.objectContaining({ title: 'Pandian', prompt: en('error.noCustomerSheet') }),
      ]);
      expect(after).toEqual(before);
      return;
    }
    expect(alerts).toEqual([]);
    for (const name of Object.keys(before))
      if (name !== 'Inventory') expect(after[name]).toEqual(before[name]);
    const tab = after.Inventory;
    expect(tab).toBeDefined();
    expect(strayFormulas(tab.formulas)).toEqual([]);
    expect(tab.values.flat().filter((v) => typeof v === 'string' && v.length >= SHEETS_CELL_LIMIT)).toEqual(
      [],
    );
    const summary = summaryOf(tab.values);
    expect(summary).not.toBeNull();
    if (want.customers !== undefined) expect(summary!.get(en('report.customers'))).toBe(want.customers);
    if (want.customerSheet)
      expect(tab.values[1][0]).toMatch(new RegExp(`^Source: tab "${want.customerSheet}"`));
    const lines = issueLines(tab.values);
    expect(lines).not.toBeNull();
    expectIssuesInReport(lines!, want.issues);
    if (want.exact) {
      const header = tab.values.find((r) => typeof r[0] === 'string' && r[0].startsWith('Data issues ('));
      expect(header?.[0]).toBe(en('report.dataIssues', { n: want.issues.length }));
    }
  });

  it('command line: the JSON names every issue, the copy holds the report and no formula', async () => {
    const file = join(tmp, `case-${c.index}.xlsx`);
    const out = join(tmp, `case-${c.index}-inventory.xlsx`);
    await writeXlsx(c.tabs, file);
    const hash = createHash('sha256').update(readFileSync(file)).digest('hex');
    if (want.failure) {
      const r = await cli(['inventory', file, '--as-of', AS_OF, '--json', '--lang', 'en', '--out', out]);
      expect(r.code).toBe(1);
      expect(r.out).toBe('');
      expect(r.err).toMatch(/no customer tab found/);
      expect(existsSync(out)).toBe(false);
      return;
    }
    const doc = await cliJson(file, out, AS_OF);
    expect(createHash('sha256').update(readFileSync(file)).digest('hex')).toBe(hash);
    expectIssues(doc.issues, want.issues, want);
    for (const issue of doc.issues)
      expect(issue.message.startsWith(messageStem(issue.code as never))).toBe(true);
    if (want.customerSheet) expect(doc.source.sheet).toBe(want.customerSheet);
    if (want.headerRow) expect(doc.source.headerRow).toBe(want.headerRow);
    if (want.customers !== undefined) expect(doc.totals.customers).toBe(want.customers);
    if (want.totals) expect(doc.totals).toMatchObject(want.totals);
    if (want.openValue !== undefined) expect(doc.results.openValue).toBeCloseTo(want.openValue, 6);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual(
      Object.keys(c.tabs).includes('Inventory') ? Object.keys(c.tabs) : [...Object.keys(c.tabs), 'Inventory'],
    );
    const formulas: string[] = [];
    const tooLong: string[] = [];
    for (const ws of wb.worksheets) {
      ws.eachRow({ includeEmpty: false }, (row) => {
        row.eachCell({ includeEmpty: false }, (cell) => {
          if (cell.formula !== undefined || cell.type === ExcelJS.ValueType.Formula)
            formulas.push(`${ws.name}!${cell.address}`);
          if (
            ws.name === 'Inventory' &&
            typeof cell.value === 'string' &&
            cell.value.length > EXCEL_CELL_LIMIT
          )
            tooLong.push(cell.address);
        });
      });
    }
    expect(formulas).toEqual([]);
    expect(tooLong).toEqual([]);
    const ws = wb.getWorksheet('Inventory')!;
    const values: unknown[][] = [];
    for (let r = 1; r <= ws.rowCount; r++) {
      const row: unknown[] = [];
      for (let col = 1; col <= Math.max(ws.columnCount, 5); col++) row.push(ws.getCell(r, col).value ?? '');
      values.push(row);
    }
    expect(summaryOf(values)?.get(en('report.customers'))).toBe(doc.totals.customers);
    const lines = issueLines(values);
    expect(lines).not.toBeNull();
    expectIssuesInReport(lines!, want.issues);
  });
});

/** The same user cells reach core through each shell: the CLI's copy keeps every user tab as it was. */
describe('the command line copy keeps the user tabs cell for cell', () => {
  const c = BAD_SHEETS.find((x) => x.name.startsWith('spreadsheet error values'))!;
  it('reads back the values it was given', async () => {
    const file = join(tmp, 'roundtrip.xlsx');
    const out = join(tmp, 'roundtrip-inventory.xlsx');
    await writeXlsx(c.tabs, file);
    await cliJson(file, out, AS_OF);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    for (const [name, rows] of Object.entries(c.tabs)) {
      const ws = wb.getWorksheet(name)!;
      rows.forEach((row, r) => {
        row.forEach((cell: Cell, col) => {
          const got = ws.getCell(r + 1, col + 1).value;
          expect(got ?? '').toEqual(cell ?? '');
        });
      });
    }
  });
});
