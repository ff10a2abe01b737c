// Shared helpers of the hardening tests: the three ways a set of tabs reaches Pandian (core, the add-on in
// the Sheets sandbox, the command line on an .xlsx), and the checks each path must pass.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv from 'ajv';
import ExcelJS from 'exceljs';
import type { InventoryJson } from '../../src/cli/json';
import { type CliIo, run } from '../../src/cli/main';
import type { Cell, IssueCode } from '../../src/core/types';
import { translator } from '../../src/i18n/messages';
import type { ExpectedIssue } from '../fixtures/bad-sheets';
import { createSpreadsheet, type FakeSpreadsheet, loadBundle, type Sandbox } from '../sandbox';

export const ROOT = join(__dirname, '../..');
const schema = JSON.parse(readFileSync(join(ROOT, 'schema/inventory.schema.json'), 'utf8'));
export const validateJson = new Ajv({ allErrors: true }).compile(schema);

export const en = translator('en');

/** Pins `new Date()` inside the sandbox's realm to `iso` (the shell's only clock). */
export function loadPinned(spreadsheet: FakeSpreadsheet, iso: string, locale = 'en'): Sandbox {
  return loadBundle({ spreadsheet, locale, now: `${iso}T09:30:00Z` });
}

/** A cell as a user would type it so that Sheets keeps it as it is: strings get the text prefix. */
export function typedCell(cell: Cell): unknown {
  if (typeof cell === 'string') return cell === '' ? '' : `'${cell}`;
  return cell ?? '';
}

/** A fake spreadsheet (UTC) holding the tabs, every string kept as text. */
export function spreadsheetOf(tabs: Record<string, Cell[][]>, timeZone = 'UTC'): FakeSpreadsheet {
  const sheets: Record<string, unknown[][]> = {};
  for (const [name, rows] of Object.entries(tabs)) sheets[name] = rows.map((r) => r.map(typedCell));
  return createSpreadsheet({ timeZone, sheets });
}

export const tmp = mkdtempSync(join(tmpdir(), 'pandian-hardening-'));

/** Writes the tabs into an .xlsx with exceljs (strings as strings, numbers, booleans, Dates). */
export async function writeXlsx(tabs: Record<string, Cell[][]>, path: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(tabs)) {
    const ws = wb.addWorksheet(name);
    rows.forEach((row, r) => {
      row.forEach((cell, c) => {
        if (cell === null || cell === undefined || cell === '') return;
        ws.getCell(r + 1, c + 1).value = cell as ExcelJS.CellValue;
      });
    });
  }
  await wb.xlsx.writeFile(path);
}

export interface CliResult {
  code: number;
  out: string;
  err: string;
}

/** Runs the command line in-process. */
export async function cli(args: string[], today = '2026-03-16'): Promise<CliResult> {
  let out = '';
  let err = '';
  const io: CliIo = {
    stdout: (s) => {
      out += s;
    },
    stderr: (s) => {
      err += s;
    },
    stderrIsTty: false,
    env: { LANG: 'en_US.UTF-8' },
    today: () => today,
  };
  const code = await run(args, io);
  return { code, out, err };
}

/** Runs `inventory --json` and returns the validated document. */
export async function cliJson(file: string, out: string, asOf: string): Promise<InventoryJson> {
  const r = await cli(['inventory', file, '--as-of', asOf, '--json', '--lang', 'en', '--out', out]);
  if (r.code !== 0) throw new Error(`pandian exited ${r.code}: ${r.err}`);
  const doc = JSON.parse(r.out) as InventoryJson;
  if (!validateJson(doc))
    throw new Error(`JSON does not match the schema: ${JSON.stringify(validateJson.errors)}`);
  return doc;
}

interface ReportedIssue {
  sheet: string;
  row: number;
  column: string;
  value: string;
  code: string;
}

const show = (i: Partial<ReportedIssue>): string =>
  `${i.sheet}!${i.row} [${i.column ?? '*'}] ${i.code} ${i.value === undefined ? '' : JSON.stringify(i.value)}`;

function matches(got: ReportedIssue, want: ExpectedIssue): boolean {
  return (
    got.sheet === want.sheet &&
    got.row === want.row &&
    got.code === want.code &&
    (want.column === undefined || got.column === want.column) &&
    (want.value === undefined || got.value === want.value)
  );
}

/**
 * Every expected issue is among the reported ones (with `exact`, nothing else is reported); no issue has
 * a code from `absent`. Fails with a readable list of what is missing and what is extra.
 */
export function expectIssues(
  reported: readonly ReportedIssue[],
  expected: readonly ExpectedIssue[],
  options: { exact?: boolean; absent?: readonly IssueCode[] } = {},
): void {
  const missing = expected.filter((e) => !reported.some((g) => matches(g, e)));
  const extra = options.exact ? reported.filter((g) => !expected.some((e) => matches(g, e))) : [];
  const forbidden = reported.filter((g) => options.absent?.includes(g.code as IssueCode));
  const problems = [
    ...missing.map((m) => `missing: ${show(m)}`),
    ...extra.map((x) => `unexpected: ${show(x)}`),
    ...forbidden.map((x) => `forbidden: ${show(x)}`),
  ];
  if (problems.length) throw new Error(`${problems.join('\n')}\nreported:\n${reported.map(show).join('\n')}`);
}

/** One line of the report's data-issue list: [sheet, row, column, value(s), message]. */
export interface IssueLine {
  sheet: string;
  row: number;
  column: string;
  value: string;
  message: string;
}

/** The data-issue lines of a report grid (values as written), or null when the section is missing. */
export function issueLines(values: readonly (readonly unknown[])[]): IssueLine[] | null {
  const start = values.findIndex((r) => typeof r[0] === 'string' && /^Data issues \(\d+\)$/.test(r[0]));
  if (start < 0) return null;
  const out: IssueLine[] = [];
  for (let r = start + 2; r < values.length; r++) {
    const row = values[r];
    if (typeof row[1] !== 'number') break;
    out.push({
      sheet: String(row[0]),
      row: row[1],
      column: String(row[2] ?? ''),
      value: String(row[3] ?? ''),
      message: String(row[4] ?? ''),
    });
  }
  return out;
}

/** The fixed start of an issue's message (up to its first parameter). */
export function messageStem(code: IssueCode): string {
  return en(`issue.${code}` as never).split('{')[0];
}

/**
 * Each expected issue shows in the report's data-issue list: a line of its own (row, column, value and
 * message), or a grouped line of the same tab, column and kind that lists its row.
 */
export function expectIssuesInReport(lines: readonly IssueLine[], expected: readonly ExpectedIssue[]): void {
  const missing = expected.filter(
    (e) =>
      !lines.some((l) => {
        if (l.sheet !== e.sheet) return false;
        if (e.column !== undefined && l.column !== e.column) return false;
        if (!l.message.startsWith(messageStem(e.code))) return false;
        if (l.row === e.row && (e.value === undefined || l.value === e.value || l.value.includes(' · ')))
          return true;
        const listed = / — \d+ rows: ([\d, …]+)$/.exec(l.message);
        return listed?.[1].split(', ').includes(String(e.row)) ?? false;
      }),
  );
  if (missing.length)
    throw new Error(
      `not in the report: ${missing.map(show).join('; ')}\nlines:\n${lines
        .map((l) => `${l.sheet}!${l.row} [${l.column}] ${JSON.stringify(l.value)} ${l.message}`)
        .join('\n')}`,
    );
}

/** [label, value] of the report's summary section, by label. */
export function summaryOf(values: readonly (readonly unknown[])[]): Map<string, unknown> | null {
  const start = values.findIndex((r) => r[0] === en('report.summary'));
  if (start < 0) return null;
  const out = new Map<string, unknown>();
  for (let r = start + 1; r < values.length && values[r][0] !== '' && values[r][0] != null; r++)
    out.set(String(values[r][0]), values[r][1]);
  return out;
}
