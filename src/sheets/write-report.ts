// Writing the report grid into the Inventory tab: one setValues, one call per kind of format, and the
// charts. User strings get Sheets' text prefix (') so nothing a user typed can become a formula.
import { dateOfDay } from '../core/days';
import type { ChartSpec, Report, ReportCell, ReportFormatKind } from '../core/types';

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

function addChart(sheet: Sheet, spec: ChartSpec): void {
  const { data, anchor } = spec;
  const range = sheet.getRange(data.row + 1, data.col + 1, data.rows, data.cols);
  const start = sheet.newChart();
  const typed = spec.kind === 'column' ? start.asColumnChart() : start.asBarChart();
  if (spec.kind === 'stacked-bar')
    (typed as GoogleAppsScript.Spreadsheet.EmbeddedBarChartBuilder).setStacked();
  const chart = typed
    .addRange(range)
    .setNumHeaders(1)
    .setOption('title', spec.title)
    .setPosition(anchor.row + 1, anchor.col + 1, 0, 0)
    .build();
  sheet.insertChart(chart);
}

/** Replaces the tab's content with the report. The tab is Pandian's own: regenerating is idempotent. */
export function writeReport(sheet: Sheet, report: Report, timeZone: string): void {
  sheet.clear();
  for (const chart of sheet.getCharts()) sheet.removeChart(chart);
  const rows = report.rows.length;
  const cols = report.width;
  const maxRows = sheet.getMaxRows();
  if (maxRows < rows) sheet.insertRowsAfter(maxRows, rows - maxRows);
  const neededCols = cols + 8; // room for the charts beside the grid
  const maxCols = sheet.getMaxColumns();
  if (maxCols < neededCols) sheet.insertColumnsAfter(maxCols, neededCols - maxCols);

  const range = sheet.getRange(1, 1, rows, cols);
  range.setValues(report.rows.map((row) => row.map((cell) => sheetValue(cell, timeZone))));
  const f = formatArrays(report);
  range.setNumberFormats(f.numberFormats);
  range.setBackgrounds(f.backgrounds);
  range.setFontWeights(f.weights);
  range.setFontColors(f.colors);
  range.setFontSizes(f.sizes);
  sheet.setColumnWidth(1, report.columnWidths[0]);
  if (cols > 1) sheet.setColumnWidths(2, cols - 1, report.columnWidths[1]);
  sheet.setFrozenRows(report.frozenRows);
  for (const chart of report.charts) addChart(sheet, chart);
}
