// The state behind the fake services: a spreadsheet's sheets and their cell layers, and the script project's
// properties, caches, locks and triggers. Plain data shared by every sandbox over the same spreadsheet; no Apps
// Script API and no call counting here.
import { Grid } from './grid';
import { type CellValue, compareCells, storeInput } from './values';

export interface BorderSpec {
  top: boolean | null;
  left: boolean | null;
  bottom: boolean | null;
  right: boolean | null;
  vertical: boolean | null;
  horizontal: boolean | null;
  color: string | null;
  style: string | null;
}

/** Per-cell formats and what a fresh cell reports for each. */
export interface Formats {
  numberFormat: string;
  background: string;
  fontColor: string;
  fontWeight: string;
  fontStyle: string;
  fontSize: number;
  fontFamily: string;
  horizontalAlignment: string;
  verticalAlignment: string;
  wrapStrategy: string;
  border: BorderSpec | null;
}

export type FormatKey = keyof Formats;

export const FORMAT_DEFAULTS: Readonly<Formats> = {
  numberFormat: '0.###############',
  background: '#ffffff',
  fontColor: '#000000',
  fontWeight: 'normal',
  fontStyle: 'normal',
  fontSize: 10,
  fontFamily: 'Arial',
  horizontalAlignment: 'general',
  verticalAlignment: 'bottom',
  wrapStrategy: 'OVERFLOW',
  border: null,
};

type FormatGrids = { [K in FormatKey]: Grid<Formats[K]> };

/** A rectangle of a sheet, 1-based; the open flags remember 'A:A' / '2:2' notation for getA1Notation. */
export class RangeRef {
  constructor(
    readonly sheet: SheetModel,
    readonly row: number,
    readonly column: number,
    readonly numRows: number,
    readonly numColumns: number,
    readonly openRows = false,
    readonly openColumns = false,
  ) {}
}

/** A data-validation rule; criteria values may hold RangeRefs and (host) Dates. */
export interface ValidationData {
  criteria: string;
  values: unknown[];
  helpText: string;
  allowInvalid: boolean;
}

export interface ConditionalStyle {
  background: string | null;
  fontColor: string | null;
  bold: boolean | null;
  italic: boolean | null;
  strikethrough: boolean | null;
  underline: boolean | null;
}

export interface ConditionalRuleData {
  ranges: RangeRef[];
  criteria: string | null;
  values: unknown[];
  style: ConditionalStyle;
}

export interface ChartData {
  sheet: SheetModel;
  id: string;
  chartId: number;
  type: string;
  ranges: RangeRef[];
  options: Record<string, unknown>;
  position: { anchorRow: number; anchorColumn: number; offsetX: number; offsetY: number };
  numHeaders: number;
  transposed: boolean;
}

export interface ProtectionData {
  type: 'RANGE' | 'SHEET';
  range: RangeRef;
  description: string;
  warningOnly: boolean;
}

export interface TriggerData {
  uniqueId: string;
  handler: string;
  eventType: string | null;
  source: string;
  sourceId: string | null;
  user: string;
  /** Clock settings as recorded: { everyDays: 1, atHour: 6 }. */
  schedule: Record<string, unknown>;
}

export class SheetModel {
  hidden = false;
  frozenRows = 0;
  frozenColumns = 0;
  tabColor: string | null = null;
  readonly values = new Grid<CellValue>('');
  readonly formulas = new Grid<string>('');
  readonly notes = new Grid<string>('');
  readonly validations = new Grid<ValidationData | null>(null);
  readonly formats = formatGrids();
  readonly columnWidths = new Map<number, number>();
  readonly autoResized = new Set<number>();
  conditionalRules: ConditionalRuleData[] = [];
  charts: ChartData[] = [];
  protections: ProtectionData[] = [];
  /** Content extent (last row/column with a value or formula); recomputed lazily after blanking writes. */
  private extent = { rows: 0, columns: 0, exact: true };

  constructor(
    readonly spreadsheet: SpreadsheetModel,
    public name: string,
    readonly id: number,
    public maxRows = 1000,
    public maxColumns = 26,
  ) {}

  /** Every per-cell layer, so row/column operations move them all together. */
  layers(): Grid<unknown>[] {
    return [this.values, this.formulas, this.notes, this.validations, ...Object.values(this.formats)];
  }

  /** Writes typed input into a 0-based cell, as setValue does. */
  write(row: number, column: number, input: unknown): void {
    const plainText = this.formats.numberFormat.get(row, column) === '@';
    const stored = storeInput(input, plainText, this.spreadsheet.timeZone);
    this.values.set(row, column, stored.value);
    this.formulas.set(row, column, stored.formula);
    this.touched(row, column, stored.value !== '' || stored.formula !== '');
  }

  writeFormula(row: number, column: number, formula: string): void {
    this.values.set(row, column, '');
    this.formulas.set(row, column, formula);
    this.touched(row, column, formula !== '');
  }

  clearContents(row: number, column: number, numRows: number, numColumns: number): void {
    this.values.clear(row, column, numRows, numColumns);
    this.formulas.clear(row, column, numRows, numColumns);
    this.extent.exact = false;
  }

  clearFormats(row: number, column: number, numRows: number, numColumns: number): void {
    for (const grid of Object.values(this.formats)) grid.clear(row, column, numRows, numColumns);
  }

  lastRow(): number {
    return this.contentExtent().rows;
  }

  lastColumn(): number {
    return this.contentExtent().columns;
  }

  insertRows(at: number, count: number): void {
    for (const layer of this.layers()) layer.insertRows(at, count);
    this.maxRows += count;
    this.extent.exact = false;
  }

  deleteRows(at: number, count: number): void {
    for (const layer of this.layers()) layer.deleteRows(at, count);
    this.maxRows -= count;
    this.extent.exact = false;
  }

  insertColumns(at: number, count: number): void {
    for (const layer of this.layers()) layer.insertColumns(at, count);
    this.maxColumns += count;
    this.extent.exact = false;
  }

  deleteColumns(at: number, count: number): void {
    for (const layer of this.layers()) layer.deleteColumns(at, count);
    this.maxColumns -= count;
    this.extent.exact = false;
  }

  /** Sorts 0-based rows start..start+count-1 by `keys` (0-based columns), within columns [column, endColumn). */
  sortRows(
    start: number,
    count: number,
    keys: { column: number; ascending: boolean }[],
    column: number,
    endColumn: number,
  ): void {
    const order = Array.from({ length: count }, (_, i) => i);
    order.sort((a, b) => {
      for (const key of keys) {
        const x = this.values.get(start + a, key.column);
        const y = this.values.get(start + b, key.column);
        if (x === '' || y === '') {
          if (x !== y) return x === '' ? 1 : -1; // blanks last in either direction
          continue;
        }
        const diff = compareCells(x, y);
        if (diff !== 0) return key.ascending ? diff : -diff;
      }
      return a - b;
    });
    for (const layer of this.layers()) layer.permuteRows(start, order, column, endColumn);
    this.extent.exact = false;
  }

  private touched(row: number, column: number, hasContent: boolean): void {
    const extent = this.extent;
    if (!extent.exact) return;
    if (hasContent) {
      extent.rows = Math.max(extent.rows, row + 1);
      extent.columns = Math.max(extent.columns, column + 1);
    } else if (row + 1 === extent.rows || column + 1 === extent.columns) {
      extent.exact = false;
    }
  }

  private contentExtent(): { rows: number; columns: number } {
    const extent = this.extent;
    if (!extent.exact) {
      let rows = 0;
      let columns = 0;
      for (const grid of [this.values, this.formulas]) {
        for (let r = 0; r < grid.height; r++) {
          const cells = grid.rowCells(r);
          if (!cells) continue;
          for (let c = cells.length - 1; c >= 0; c--) {
            const value = cells[c];
            if (value !== undefined && value !== '') {
              rows = Math.max(rows, r + 1);
              columns = Math.max(columns, c + 1);
              break;
            }
          }
        }
      }
      this.extent = { rows, columns, exact: true };
    }
    return this.extent;
  }
}

export class SpreadsheetModel {
  readonly sheets: SheetModel[] = [];
  activeSheet: SheetModel | null = null;
  activeRange: RangeRef | null = null;
  readonly project = new ProjectState();
  private nextSheetId = 0;
  private nextChartId = 1;

  constructor(
    public name: string,
    readonly id: string,
    public locale: string,
    public timeZone: string,
  ) {}

  get active(): SheetModel {
    return this.activeSheet && this.sheets.includes(this.activeSheet) ? this.activeSheet : this.sheets[0];
  }

  /** Sheet names are unique ignoring case, and looked up ignoring case. */
  findSheet(name: string): SheetModel | undefined {
    const wanted = name.toLowerCase();
    return this.sheets.find((sheet) => sheet.name.toLowerCase() === wanted);
  }

  addSheet(name: string, index = this.sheets.length, rows: readonly (readonly unknown[])[] = []): SheetModel {
    const width = rows.reduce((max, row) => Math.max(max, row.length), 0);
    const sheet = new SheetModel(
      this,
      name,
      this.nextSheetId++,
      Math.max(1000, rows.length),
      Math.max(26, width),
    );
    rows.forEach((row, r) => {
      row.forEach((value, c) => {
        sheet.write(r, c, value);
      });
    });
    this.sheets.splice(Math.max(0, Math.min(index, this.sheets.length)), 0, sheet);
    return sheet;
  }

  newChartIds(): { id: string; chartId: number } {
    const chartId = this.nextChartId++;
    return { id: `u${chartId}`, chartId };
  }
}

export interface CacheEntry {
  value: string;
  expires: number;
}

export class LockState {
  holder: symbol | null = null;
}

/** What one script project keeps between executions, shared by every sandbox over the same spreadsheet. */
export class ProjectState {
  readonly scriptProperties = new Map<string, string>();
  readonly documentProperties = new Map<string, string>();
  readonly scriptCache = new Map<string, CacheEntry>();
  readonly documentCache = new Map<string, CacheEntry>();
  readonly scriptLock = new LockState();
  readonly documentLock = new LockState();
  readonly triggers: TriggerData[] = [];
  nextTriggerId = 1;
  private readonly userProperties = new Map<string, Map<string, string>>();
  private readonly userCaches = new Map<string, Map<string, CacheEntry>>();
  private readonly userLocks = new Map<string, LockState>();

  userPropertiesOf(user: string): Map<string, string> {
    return getOrCreate(this.userProperties, user, () => new Map());
  }

  userCacheOf(user: string): Map<string, CacheEntry> {
    return getOrCreate(this.userCaches, user, () => new Map());
  }

  userLockOf(user: string): LockState {
    return getOrCreate(this.userLocks, user, () => new LockState());
  }
}

function getOrCreate<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = make();
    map.set(key, value);
  }
  return value;
}

function formatGrids(): FormatGrids {
  const grids: Record<string, Grid<unknown>> = {};
  for (const [key, blank] of Object.entries(FORMAT_DEFAULTS)) grids[key] = new Grid<unknown>(blank);
  return grids as unknown as FormatGrids;
}
