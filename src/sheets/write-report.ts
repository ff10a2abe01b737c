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

/** Per-cell format arrays for the whole grid (one setX call each). */
interface FormatArrays {
  numberFormats: string[][];
  backgrounds: (string | null)[][];
  weights: ('bold' | 'normal')[][];
  colors: string[][];
  sizes: number[][];
}

/** What each kind of format sets, by array; a heat map's backgrounds follow its values (HEAT). */
const STYLES: Record<
  Exclude<ReportFormatKind, 'heat'>,
  { [A in keyof FormatArrays]?: FormatArrays[A][number][number] }
> = {
  title: { weights: 'bold', sizes: 14 },
  section: { backgrounds: '#e8f0fe', weights: 'bold', sizes: 12 },
  header: { backgrounds: '#f1f3f4', weights: 'bold' },
  muted: { colors: '#5f6368' },
  integer: { numberFormats: '0' },
  money: { numberFormats: '#,##0' },
  percent: { numberFormats: '0%' },
  decimal: { numberFormats: '0.0#' },
  date: { numberFormats: 'yyyy-mm-dd' },
  bad: { backgrounds: '#fce8e6' },
  warn: { backgrounds: '#fef7e0' },
  good: { backgrounds: '#e6f4ea' },
};
const HEAT = ['#ffffff', '#e6f4ea', '#ceead6', '#a8dab5', '#81c995'];

export function formatArrays(report: Report): FormatArrays {
  const fill = <T>(v: T): T[][] => report.rows.map(() => new Array<T>(report.width).fill(v));
  const f: FormatArrays = {
    numberFormats: fill('General'),
    backgrounds: fill<string | null>(null),
    weights: fill<'bold' | 'normal'>('normal'),
    colors: fill('#202124'),
    sizes: fill(10),
  };
  for (const { rect, kind } of report.formats) {
    /** Visits the cells of the rect that lie within the grid. */
    const each = (visit: (r: number, c: number, value: ReportCell) => void): void => {
      for (let r = rect.row; r < Math.min(rect.row + rect.rows, report.rows.length); r++)
        for (let c = rect.col; c < Math.min(rect.col + rect.cols, report.width); c++)
          visit(r, c, report.rows[r][c]);
    };
    if (kind === 'heat') {
      let max = 0;
      each((_r, _c, v) => {
        if (typeof v === 'number' && v > max) max = v;
      });
      each((r, c, v) => {
        f.backgrounds[r][c] =
          HEAT[typeof v === 'number' && max > 0 ? Math.ceil((v / max) * (HEAT.length - 1)) : 0];
      });
    } else {
      const style = Object.entries(STYLES[kind]) as [keyof FormatArrays, string | number][];
      each((r, c) => {
        for (const [array, value] of style) (f[array][r] as unknown[])[c] = value;
      });
    }
  }
  return f;
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
  const colors = `;"color1","${BAR_COLORS[0]}"${stacked ? `;"color2","${BAR_COLORS[1]}"` : ''}`;
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
    /** After the chart's last data row that lies within the grid. */
    const end = Math.min(data.row + data.rows, rows.length);
    // The common scale: the largest sum of a data row's positive values.
    let max = 0;
    for (let r = data.row + 1; r < end; r++) {
      let sum = 0;
      for (const v of rows[r].slice(first, last + 1)) if (typeof v === 'number' && v > 0) sum += v;
      max = Math.max(max, sum);
    }
    if (max === 0) continue; // nothing to draw (also when the chart has no value columns)
    formats.push({ rect: { row: data.row, col, rows: 1, cols: 1 }, kind: 'header' });
    for (let r = data.row + 1; r < end; r++)
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

/**
 * Rows row..row+rows-1, columns 1..cols of a tab, grown first where the tab ends before them: a new tab has
 * 1,000 rows and 26 columns, a tab sized to its data (a CSV import, or a log that has filled its rows) none to
 * spare, and a range past a tab's last row or column is refused.
 */
export function grownBlock(
  sheet: Sheet,
  row: number,
  rows: number,
  cols: number,
): GoogleAppsScript.Spreadsheet.Range {
  // Most writes fit the tab (a report rewritten, a History row or ten): asked for at once, one call where the
  // tab's size is two, and grown only when Sheets refuses a range outside it.
  try {
    return sheet.getRange(row, 1, rows, cols);
  } catch {
    // outside the tab: grown below
  }
  const end = row + rows - 1;
  const maxRows = sheet.getMaxRows();
  if (maxRows < end) sheet.insertRowsAfter(maxRows, end - maxRows);
  const maxCols = sheet.getMaxColumns();
  if (maxCols < cols) sheet.insertColumnsAfter(maxCols, cols - maxCols);
  return sheet.getRange(row, 1, rows, cols);
}

/** Writes `rows` (as wide as the first) from sheet row `at` down, the tab grown first (grownBlock). */
export function writeRowsAt(sheet: Sheet, at: number, rows: unknown[][]): void {
  grownBlock(sheet, at, rows.length, rows[0].length).setValues(rows);
}

/** Replaces the tab's content with the report. The tab is Pandian's own: regenerating is idempotent. */
export function writeReport(sheet: Sheet, coreReport: Report, timeZone: string, isNew = false): void {
  const report = withBars(coreReport);
  if (!isNew) sheet.clear(); // values and formats; a chart a user added to the tab stays
  const rows = report.rows.length;
  const cols = report.width;
  const range = grownBlock(sheet, 1, rows, cols);
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
    sheet.setColumnWidths(c + 1, end - c, widths[c]);
    c = end;
  }
  sheet.setFrozenRows(report.frozenRows);
}
