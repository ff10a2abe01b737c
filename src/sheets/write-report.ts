// Writing the report grid into the Inventory tab: one setValues and one call per kind of format. The
// charts are in-cell SPARKLINE bars written by that same setValues, so they cost no service call of their
// own (an embedded chart costs nine builder calls) and always sit beside the row they draw. User strings
// get Sheets' text prefix (') so nothing a user typed can become a formula.
import { dateOfDay } from '../core/days';
import { columnLetter } from '../core/register';
import type { Report, ReportCell, ReportFormatKind } from '../core/types';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Value = string | number | boolean | Date;

/**
 * A user's string as Sheets must receive it to store it as typed: the leading apostrophe keeps
 * "=…", "+…", "-…", "@…" from becoming formulas and "00042" or "2026-05" from becoming numbers or dates.
 */
export function asSheetText(s: string): string {
  return s === '' ? '' : `'${s}`;
}

/** The value Sheets stores for a report cell. */
export function sheetValue(cell: ReportCell, timeZone: string): Value {
  if (cell === null) return '';
  if (typeof cell === 'object')
    return 'text' in cell ? asSheetText(cell.text) : dateOfDay(cell.day, timeZone);
  return cell;
}

const NUMBER_FORMATS: Partial<Record<ReportFormatKind, string>> = {
  integer: '0',
  money: '#,##0',
  percent: '0%',
  decimal: '0.0',
  date: 'yyyy-mm-dd',
};
const BACKGROUNDS: Partial<Record<ReportFormatKind, string>> = {
  section: '#e8f0fe',
  header: '#f1f3f4',
  bad: '#fce8e6',
  warn: '#fef7e0',
  good: '#e6f4ea',
};
const HEAT = ['#ffffff', '#e6f4ea', '#ceead6', '#a8dab5', '#81c995'];

/** Per-cell format arrays for the whole grid (one setX call each). */
export function formatArrays(report: Report): {
  numberFormats: string[][];
  backgrounds: (string | null)[][];
  weights: ('bold' | 'normal')[][];
  colors: string[][];
  sizes: number[][];
} {
  const fill = <T>(v: T): T[][] => report.rows.map(() => new Array<T>(report.width).fill(v));
  const numberFormats = fill('General');
  const backgrounds = fill<string | null>(null);
  const weights = fill<'bold' | 'normal'>('normal');
  const colors = fill('#202124');
  const sizes = fill(10);
  for (const { rect, kind } of report.formats) {
    let max = 0;
    if (kind === 'heat') {
      for (let r = rect.row; r < rect.row + rect.rows; r++)
        for (let c = rect.col; c < rect.col + rect.cols; c++) {
          const v = report.rows[r]?.[c];
          if (typeof v === 'number' && v > max) max = v;
        }
    }
    for (let r = rect.row; r < rect.row + rect.rows; r++) {
      for (let c = rect.col; c < rect.col + rect.cols; c++) {
        if (r >= report.rows.length || c >= report.width) continue;
        const nf = NUMBER_FORMATS[kind];
        if (nf) numberFormats[r][c] = nf;
        const bg = BACKGROUNDS[kind];
        if (bg) backgrounds[r][c] = bg;
        if (kind === 'title' || kind === 'section' || kind === 'header') weights[r][c] = 'bold';
        if (kind === 'title') sizes[r][c] = 14;
        if (kind === 'section') sizes[r][c] = 12;
        if (kind === 'muted') colors[r][c] = '#5f6368';
        if (kind === 'heat') {
          const v = report.rows[r][c];
          const level = typeof v === 'number' && max > 0 ? Math.ceil((v / max) * (HEAT.length - 1)) : 0;
          backgrounds[r][c] = HEAT[level];
        }
      }
    }
  }
  return { numberFormats, backgrounds, weights, colors, sizes };
}

const BAR_COLORS = ['#1a73e8', '#8ab4f8'];
const BAR_WIDTH = 240;

/**
 * The bar of one data row of a chart: its values (every column after the category) drawn as one
 * horizontal bar, stacked when there are several, on the chart's common scale so rows compare.
 * Formulas use Apps Script's en_US syntax whatever the spreadsheet's locale.
 */
function barFormula(row: number, fromCol: number, toCol: number, max: number, stacked: boolean): string {
  const a1 = `${columnLetter(fromCol)}${row + 1}:${columnLetter(toCol)}${row + 1}`;
  const colors = stacked
    ? `;"color1","${BAR_COLORS[0]}";"color2","${BAR_COLORS[1]}"`
    : `;"color1","${BAR_COLORS[0]}"`;
  return `=SPARKLINE(${a1},{"charttype","bar";"max",${max}${colors}})`;
}

/**
 * The report with one more column holding its charts: for each chart, a SPARKLINE bar beside every data
 * row, a header cell beside its header row. Only Pandian's own formulas go in; the cells they draw are
 * report numbers.
 */
export function withBars(report: Report): Report {
  if (report.charts.length === 0) return report;
  const col = report.width;
  const rows: ReportCell[][] = report.rows.map((row) => [...row, null]);
  const formats = [...report.formats];
  for (const chart of report.charts) {
    const { data } = chart;
    const first = data.col + 1;
    const last = data.col + data.cols - 1;
    const sumOf = (r: number): number => {
      let sum = 0;
      for (let c = first; c <= last; c++) {
        const v = report.rows[r]?.[c];
        if (typeof v === 'number' && v > 0) sum += v;
      }
      return sum;
    };
    let max = 0;
    for (let r = data.row + 1; r < data.row + data.rows; r++) max = Math.max(max, sumOf(r));
    if (max === 0 || last < first) continue;
    formats.push({ rect: { row: data.row, col, rows: 1, cols: 1 }, kind: 'header' });
    for (let r = data.row + 1; r < data.row + data.rows && r < rows.length; r++)
      rows[r][col] = barFormula(r, first, last, max, chart.kind === 'stacked-bar');
  }
  return {
    ...report,
    rows,
    width: col + 1,
    formats,
    columnWidths: [...report.columnWidths, BAR_WIDTH],
  };
}

/** Replaces the tab's content with the report. The tab is Pandian's own: regenerating is idempotent. */
export function writeReport(sheet: Sheet, coreReport: Report, timeZone: string, isNew = false): void {
  const report = withBars(coreReport);
  if (!isNew) sheet.clear(); // values and formats; a chart a user added to the tab stays
  const rows = report.rows.length;
  const cols = report.width;
  const maxRows = sheet.getMaxRows();
  if (maxRows < rows) sheet.insertRowsAfter(maxRows, rows - maxRows);
  const maxCols = sheet.getMaxColumns();
  if (maxCols < cols) sheet.insertColumnsAfter(maxCols, cols - maxCols);

  const range = sheet.getRange(1, 1, rows, cols);
  range.setValues(report.rows.map((row) => row.map((cell) => sheetValue(cell, timeZone))));
  const f = formatArrays(report);
  range.setNumberFormats(f.numberFormats);
  range.setBackgrounds(f.backgrounds);
  range.setFontWeights(f.weights);
  range.setFontColors(f.colors);
  range.setFontSizes(f.sizes);
  // Widths come in runs (label column, figure columns, bar column): one call per run.
  const widths = report.columnWidths;
  for (let c = 0; c < cols; ) {
    let end = c + 1;
    while (end < cols && widths[end] === widths[c]) end++;
    if (end - c === 1) sheet.setColumnWidth(c + 1, widths[c]);
    else sheet.setColumnWidths(c + 1, end - c, widths[c]);
    c = end;
  }
  sheet.setFrozenRows(report.frozenRows);
}
