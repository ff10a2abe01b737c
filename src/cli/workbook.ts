// Spreadsheet files for the command line: read every tab of an .xlsx/.xlsm (or one .csv/.tsv/.txt) into
// grids of cell values, and write a copy of the input with the Inventory report tab added.
//
// Workbooks are read and written with exceljs (house rule: spreadsheet files go through a well-kept
// library; no zip or XML is handled here). CSV/TSV text is decoded by csv.ts (iconv-lite + csv-parse).
// openWorkbook() loads an .xlsx once and keeps exceljs' model, so the copy with the report is written
// from the same load. What exceljs does not model (charts, pivot tables, macros, slicers…) is not in the
// copy; the input itself is never written.
//
// No console output, no process.exit: failures are Errors whose `cause` (FileErrorCause) holds a code and the
// message's key and values, which the command line says in its language.
import { randomBytes } from 'node:crypto';
import { realpath, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, extname, resolve } from 'node:path';
import ExcelJS from 'exceljs';
import type { Cell, Report, SheetData } from '../core/types';
import type { CliKey } from '../i18n/cli-messages';
import { isReportTab } from '../i18n/messages';
import { fileError, readDelimitedFile, readInputFile } from './csv';

export type { FileErrorCode } from './csv';

const XLSX_EXTS = ['.xlsx', '.xlsm'];
const TEXT_EXTS = ['.csv', '.tsv', '.txt'];

/** What kind of file a path names, by extension; anything else is 'unsupported'. */
function fileKind(path: string): 'xlsx' | 'text' {
  const ext = extname(path).toLowerCase();
  if (XLSX_EXTS.includes(ext)) return 'xlsx';
  if (TEXT_EXTS.includes(ext)) return 'text';
  const key = ext === '.xls' || ext === '.et' ? 'file.oldExcel' : ext ? 'file.badType' : 'file.noType';
  throw fileError('unsupported', key, { path, ext });
}

// ---------------------------------------------------------------------------------------------------
// Reading

/** A workbook read once: its sheets as values, and a way to write a copy with a report tab. */
export interface OpenedWorkbook {
  /** Every worksheet in tab order (hidden ones included), or the one sheet of a delimited text file. */
  sheets: SheetData[];
  /**
   * Writes a copy of the input with `report` as the tab `sheetName` (replacing a tab of that name, any
   * case) to `outPath` (.xlsx). Refuses to write over the input. Charts in the report are not drawn.
   */
  /** Writes the copy; resolves to the report tab's name (sheetName, unless a sheet of the user's has it). */
  saveWithReport(outPath: string, sheetName: string, report: Report): Promise<string>;
  /**
   * Text cells of a delimited file longer than an Excel cell holds (EXCEL_CELL characters): the copy keeps
   * their start, which the command line says (1-based row, 0-based column).
   */
  cut: { row: number; col: number; length: number }[];
}

/** The most characters an Excel cell holds: a longer one makes Excel call the file damaged. */
export const EXCEL_CELL = 32767;
/** The most rows and columns an Excel sheet holds. */
const EXCEL_ROWS = 1048576;
const EXCEL_COLUMNS = 16384;

/**
 * Opens an .xlsx/.xlsm or .csv/.tsv/.txt. Cells are values: numbers, strings, booleans, Dates (UTC) for
 * date-formatted numbers, a formula's cached result ('' if none; an error result as its text), rich text
 * and hyperlinks as plain text, an error as its text ('#N/A'); merged ranges keep the value in the
 * top-left cell only. Rows are padded to one width with ''; trailing blank rows and columns are dropped.
 */
export async function openWorkbook(path: string): Promise<OpenedWorkbook> {
  if (fileKind(path) === 'text') {
    const sheet = await readDelimitedFile(path);
    const cut: OpenedWorkbook['cut'] = [];
    sheet.values.forEach((row, r) => {
      row.forEach((v, col) => {
        if (typeof v === 'string' && v.length > EXCEL_CELL) cut.push({ row: r + 1, col, length: v.length });
      });
    });
    const cell = (v: unknown) => (v === '' ? null : typeof v === 'string' ? v.slice(0, EXCEL_CELL) : v);
    return {
      sheets: [sheet],
      saveWithReport: (outPath, sheetName, report) =>
        saveCopy(path, outPath, sheetName, report, () => {
          const rows = sheet.values.length;
          const cols = sheet.values[0]?.length ?? 0;
          if (rows > EXCEL_ROWS || cols > EXCEL_COLUMNS)
            throw fileError('unsupported', 'file.tooWide', {
              path,
              rows,
              cols,
              maxRows: EXCEL_ROWS,
              maxCols: EXCEL_COLUMNS,
            });
          const wb = new ExcelJS.Workbook();
          const ws = wb.addWorksheet(safeSheetName(sheet.name, sheetName));
          for (const row of sheet.values) ws.addRow(row.map(cell));
          return wb;
        }),
      cut,
    };
  }
  const wb = await loadXlsx(path, []);
  return {
    sheets: wb.worksheets.map((ws) => ({ name: ws.name, values: sheetValues(ws, path) })),
    saveWithReport: (outPath, sheetName, report) => saveCopy(path, outPath, sheetName, report, () => wb),
    cut: [],
  };
}

/**
 * Worksheet parts that do not change cell values, skipped when no copy is written. Data validations
 * above all: exceljs expands each range into one entry per cell, so a dropdown on a whole column
 * costs a million entries.
 */
const NOT_VALUES = [
  'dataValidations',
  'conditionalFormatting',
  'extLst',
  'hyperlinks',
  'picture',
  'drawing',
  'tableParts',
  'autoFilter',
  'rowBreaks',
  'pageSetup',
  'headerFooter',
  'printOptions',
  'sheetProtection',
];

/** The sheets of a workbook or delimited text file (as openWorkbook), when no copy is to be written. */
export async function readWorkbook(path: string): Promise<SheetData[]> {
  if (fileKind(path) === 'text') return [await readDelimitedFile(path)];
  const wb = await loadXlsx(path, NOT_VALUES);
  return wb.worksheets.map((ws) => ({ name: ws.name, values: sheetValues(ws, path) }));
}

async function loadXlsx(path: string, ignoreNodes: string[]): Promise<ExcelJS.Workbook> {
  const bytes = await readInputFile(path);
  const bad = (key: CliKey, why = '') => fileError('unreadable', key, { path, why });
  // An OLE2 compound file: an encrypted (password-protected) .xlsx or a renamed .xls.
  if (bytes.length >= 4 && bytes.readUInt32BE(0) === 0xd0cf11e0) {
    throw bad('file.locked');
  }
  const wb = new ExcelJS.Workbook();
  try {
    // exceljs types its input as its own Buffer (an ArrayBuffer); it takes Node's Buffer as well.
    await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer, { ignoreNodes });
  } catch (e) {
    const message = (e as Error).message ?? String(e);
    if (/zip|central directory|end of data/i.test(message)) {
      throw bad('file.notWorkbook');
    }
    if (/"History" is protected/.test(message)) {
      throw bad('file.historyTab');
    }
    throw bad('file.libraryRead', message);
  }
  if (wb.worksheets.length === 0) throw bad('file.noWorksheets');
  return wb;
}

/** The largest dense grid a sheet may become (a stray value in XFD1048576 would otherwise exhaust memory). */
const MAX_GRID_CELLS = 40_000_000;

/** A cell's value as core takes it. */
function plain(v: ExcelJS.CellValue | undefined): Cell {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isNaN(v) ? '' : v;
  if (typeof v !== 'object' || v instanceof Date) return v;
  if ('richText' in v) return v.richText.map((run) => run.text).join('');
  if ('error' in v) return v.error;
  if ('hyperlink' in v) return plain(v.text as ExcelJS.CellValue);
  return '';
}

function sheetValues(ws: ExcelJS.Worksheet, label: string): Cell[][] {
  const { bottom, right } = ws.dimensions;
  if (bottom * right > MAX_GRID_CELLS) {
    throw fileError('unreadable', 'file.tooManyCells', {
      path: label,
      sheet: ws.name,
      cell: `${ws.getColumn(right).letter}${bottom}`,
      cells: bottom * right,
    });
  }
  const rows: Cell[][] = [];
  let height = 0;
  let width = 0;
  ws.eachRow((row, r) => {
    const cells: Cell[] = [];
    row.eachCell((cell, c) => {
      // A merged range's value belongs to its top-left cell; exceljs repeats it in the others. A
      // formula's `value` drops a false, 0 or '' result; `result` keeps it.
      const v =
        cell.type === ExcelJS.ValueType.Merge
          ? ''
          : cell.type === ExcelJS.ValueType.Formula
            ? plain(cell.result as ExcelJS.CellValue)
            : plain(cell.value);
      if (v === '') return;
      cells[c - 1] = v;
      if (c > width) width = c;
      height = r;
    });
    if (cells.length) rows[r - 1] = cells;
  });
  rows.length = height;
  for (let r = 0; r < height; r++) {
    const cells = rows[r];
    if (!cells) {
      rows[r] = new Array<Cell>(width).fill('');
      continue;
    }
    for (let c = 0; c < width; c++) if (cells[c] === undefined) cells[c] = '';
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------------
// Writing

export interface WriteReportOptions {
  /** The workbook the report was computed from: .xlsx/.xlsm, or .csv/.tsv/.txt. Never written. */
  inputPath: string;
  /** Where the copy goes: an .xlsx file. Replaced if it exists. */
  outPath: string;
  /**
   * The report tab's name; an earlier report under that name (any case) is regenerated in place, a sheet of
   * the user's own by that name is kept and the report goes to "name (2)".
   */
  sheetName: string;
  report: Report;
  /** Accepted for the shells' symmetry; unused: report dates are civil days, written as dates at UTC. */
  timeZone?: string;
}

/** Reads the input and writes the copy with the report (openWorkbook + saveWithReport in one call). */
export async function writeWorkbookWithReport(opts: WriteReportOptions): Promise<string> {
  const { inputPath, outPath, sheetName, report } = opts;
  await checkOutput(inputPath, outPath, sheetName);
  return (await openWorkbook(inputPath)).saveWithReport(outPath, sheetName, report);
}

async function checkOutput(inputPath: string, outPath: string, sheetName: string): Promise<void> {
  if (extname(outPath).toLowerCase() !== '.xlsx') {
    throw fileError('unsupported', 'file.outNotXlsx', { path: outPath });
  }
  if (
    !sheetName ||
    sheetName.length > 31 ||
    /[[\]:*?/\\]/.test(sheetName) ||
    /^'|'$/.test(sheetName) ||
    sheetName === 'History'
  ) {
    throw fileError('unsupported', 'file.badSheetName', { path: outPath, name: sheetName });
  }
  await refuseSameFile(inputPath, outPath);
}

async function saveCopy(
  inputPath: string,
  outPath: string,
  sheetName: string,
  report: Report,
  workbook: () => ExcelJS.Workbook,
): Promise<string> {
  await checkOutput(inputPath, outPath, sheetName);
  const wb = workbook();
  let bytes: Buffer;
  let used: string;
  try {
    used = addReportSheet(wb, sheetName, report);
    bytes = Buffer.from(await wb.xlsx.writeBuffer());
  } catch (e) {
    throw fileError('unsupported', 'file.libraryWrite', { path: inputPath, why: (e as Error).message });
  }
  const tmp = `${resolve(outPath)}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await writeFile(tmp, bytes);
    await rename(tmp, outPath);
  } catch (e) {
    await unlink(tmp).catch(() => {});
    const code = (e as NodeJS.ErrnoException).code;
    const key =
      code === 'ENOENT'
        ? 'file.noFolder'
        : code === 'EISDIR'
          ? 'file.outIsFolder'
          : code === 'EACCES'
            ? 'file.outNoPermission'
            : code === 'EPERM' || code === 'EBUSY'
              ? 'file.outBusy'
              : 'file.writeFailed';
    throw fileError('unwritable', key, { path: outPath, why: code ?? (e as Error).message });
  }
  return used;
}

/** Throws a 'same-file' error when outPath is inputPath by any path, symbolic or hard link. */
export async function refuseSameFile(inputPath: string, outPath: string): Promise<void> {
  const refuse = () => fileError('same-file', 'cli.sameFile', { path: outPath });
  const a = resolve(inputPath);
  const b = resolve(outPath);
  if (a === b) throw refuse();
  const real = async (p: string) => {
    try {
      return await realpath(p);
    } catch {
      try {
        return resolve(await realpath(dirname(p)), basename(p));
      } catch {
        return p;
      }
    }
  };
  if ((await real(a)) === (await real(b))) throw refuse();
  try {
    const [sa, sb] = await Promise.all([stat(a), stat(b)]);
    if (sa.dev === sb.dev && sa.ino === sb.ino) throw refuse();
  } catch (e) {
    if ((e as { cause?: { code?: string } }).cause?.code === 'same-file') throw e;
  }
}

/** A valid sheet name for a CSV's sheet that differs from the report's. */
function safeSheetName(name: string, reportName: string): string {
  let s = name
    .replace(/[[\]:*?/\\]/g, '_')
    .replace(/^'+|'+$/g, '')
    .slice(0, 31);
  if (!s || s === 'History') s = 'Sheet1';
  if (s.toLowerCase() === reportName.toLowerCase()) s = `${s.slice(0, 27)} (1)`;
  return s;
}

// ---- the report sheet -------------------------------------------------------------------------------

/** What one report cell looks like. */
interface Look {
  bold?: boolean;
  size?: number;
  color?: string;
  fill?: string;
  border?: boolean;
  numFmt?: string;
}

const FILLS = {
  section: 'DDEBF7',
  header: 'D9D9D9',
  bad: 'FFC7CE',
  warn: 'FFEB9C',
  good: 'C6EFCE',
  heat: ['E2EFDA', 'C6E0B4', 'A9D08E'],
} as const;

const NUM_FMTS = {
  integer: '0',
  money: '#,##0',
  percent: '0%',
  decimal: '0.0#',
  date: 'yyyy-mm-dd',
} as const;

/** The look of every report cell (undefined: default style). */
function reportLooks(report: Report): (Look | undefined)[][] {
  const looks: (Look | undefined)[][] = report.rows.map(() => []);
  const at = (r: number, c: number): Look => {
    const row = looks[r];
    let look = row[c];
    if (!look) look = row[c] = {};
    return look;
  };
  for (const { rect, kind } of report.formats) {
    const r0 = Math.max(0, rect.row);
    const c0 = Math.max(0, rect.col);
    const r1 = Math.min(report.rows.length, rect.row + rect.rows);
    const c1 = Math.min(report.width, rect.col + rect.cols);
    let max = 0;
    if (kind === 'heat') {
      for (let r = r0; r < r1; r++)
        for (let c = c0; c < c1; c++) {
          const v = report.rows[r][c];
          if (typeof v === 'number' && v > max) max = v;
        }
    }
    for (let r = r0; r < r1; r++) {
      for (let c = c0; c < c1; c++) {
        if (kind === 'heat') {
          const v = report.rows[r][c];
          if (typeof v !== 'number' || !(v > 0) || max <= 0) continue;
          const ratio = v / max;
          at(r, c).fill = FILLS.heat[ratio <= 1 / 3 ? 0 : ratio <= 2 / 3 ? 1 : 2];
          continue;
        }
        const look = at(r, c);
        switch (kind) {
          case 'title':
            look.bold = true;
            look.size = 14;
            break;
          case 'section':
            look.bold = true;
            look.size = 12;
            look.fill = FILLS.section;
            break;
          case 'header':
            look.bold = true;
            look.fill = FILLS.header;
            look.border = true;
            break;
          case 'bad':
          case 'warn':
          case 'good':
            look.fill = FILLS[kind];
            break;
          case 'muted':
            look.color = '808080';
            break;
          default:
            look.numFmt = NUM_FMTS[kind];
        }
      }
    }
  }
  report.rows.forEach((row, r) => {
    row.forEach((v, c) => {
      if (v !== null && typeof v === 'object' && 'day' in v) at(r, c).numFmt = NUM_FMTS.date;
    });
  });
  return looks;
}

/** An exceljs style for a look (one object per distinct look, shared by its cells). */
function styleOf(l: Look): Partial<ExcelJS.Style> {
  const style: Partial<ExcelJS.Style> = {};
  if (l.bold || l.size || l.color) {
    style.font = { name: 'Calibri', family: 2, size: l.size ?? 11 };
    if (l.bold) style.font.bold = true;
    if (l.color) style.font.color = { argb: `FF${l.color}` };
  }
  if (l.fill) style.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: `FF${l.fill}` } };
  if (l.border) style.border = { bottom: { style: 'thin', color: { argb: 'FF808080' } } };
  if (l.numFmt) style.numFmt = l.numFmt;
  return style;
}

type Ordered = ExcelJS.Worksheet & { orderNo: number };

/**
 * The name the report goes under, and the sheet of that name it replaces: `wanted`, unless the workbook has a
 * sheet of its own by that name (not an earlier report, whose A1 holds the report title, and not empty), which
 * is kept: then the first free or report-holding "wanted (2)", "wanted (3)"…
 */
function reportSheetName(wb: ExcelJS.Workbook, wanted: string): { name: string; old?: ExcelJS.Worksheet } {
  for (let n = 1; ; n++) {
    const name = n === 1 ? wanted : `${wanted} (${n})`;
    const old = wb.worksheets.find((w) => w.name.toLowerCase() === name.toLowerCase());
    if (!old || isReportTab(old.getCell(1, 1).text, old.actualRowCount === 0)) return { name, old };
  }
}

/**
 * Adds the report as a worksheet, replacing (at the same tab position) an earlier report of the same name;
 * returns the name it went under (see reportSheetName).
 */
function addReportSheet(wb: ExcelJS.Workbook, wanted: string, report: Report): string {
  const { name: sheetName, old } = reportSheetName(wb, wanted);
  if (old) wb.removeWorksheet(old.id);
  const frozen = Math.max(0, Math.floor(report.frozenRows || 0));
  const ws = wb.addWorksheet(sheetName, {
    views: frozen > 0 ? [{ state: 'frozen', ySplit: frozen, topLeftCell: `A${frozen + 1}` }] : [{}],
  });
  // Same tab position: exceljs orders tabs by `orderNo` (untyped; the maintainers' answer, exceljs#421).
  if (old) (ws as Ordered).orderNo = (old as Ordered).orderNo;
  report.columnWidths.forEach((px, c) => {
    if (Number.isFinite(px) && px > 0) ws.getColumn(c + 1).width = Math.round((px / 7) * 100) / 100;
  });

  const looks = reportLooks(report);
  const styles = new Map<string, Partial<ExcelJS.Style>>();
  report.rows.forEach((cells, r) => {
    const row = ws.getRow(r + 1);
    const width = Math.max(cells.length, looks[r].length);
    for (let c = 0; c < width; c++) {
      const v = cells[c];
      const look = looks[r][c];
      let value: ExcelJS.CellValue = null;
      if (typeof v === 'string') value = v;
      else if (typeof v === 'boolean') value = v;
      else if (typeof v === 'number') value = Number.isFinite(v) ? v : null;
      else if (v && typeof v === 'object' && 'text' in v) value = v.text;
      else if (v && typeof v === 'object' && 'day' in v && Number.isFinite(v.day))
        value = new Date(v.day * 86400000);
      // Text is only ever a string value, so text starting with '=' stays text: no formula is written.
      if (typeof value === 'string') value = value === '' ? null : value.slice(0, EXCEL_CELL);
      if (value === null && !look) continue;
      const cell = row.getCell(c + 1);
      cell.value = value;
      if (look) {
        const key = JSON.stringify(look);
        let style = styles.get(key);
        if (!style) {
          style = styleOf(look);
          styles.set(key, style);
        }
        cell.style = style;
      }
    }
  });
  // report.charts are not drawn: exceljs cannot write charts; each chart's data is a table in the grid.
  return sheetName;
}
