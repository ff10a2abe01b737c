// The fake Spreadsheet, Sheet and Range of SpreadsheetApp, over the state in model.ts. A test builds one with
// createSpreadsheet and uses it directly; a sandbox rebinds it to its own execution for the bundle under test.
import { columnLetters, formatA1, parseA1, quoteSheetName } from './a1';
import {
  FakeChartBuilder,
  FakeConditionalFormatRule,
  FakeDataValidation,
  FakeEmbeddedChart,
  FakeProtection,
} from './builders';
import type { Grid } from './grid';
import {
  type BorderSpec,
  FORMAT_DEFAULTS,
  type FormatKey,
  type Formats,
  RangeRef,
  type SheetModel,
  SpreadsheetModel,
} from './model';
import { instrument, Runtime, Service } from './runtime';
import { type CellValue, displayValue, isDate } from './values';

export interface SpreadsheetOptions {
  name?: string;
  /** Spreadsheet locale, 'en_US' by default. */
  locale?: string;
  /** Spreadsheet time zone, 'UTC' by default. */
  timeZone?: string;
  /** Sheets in tab order with their rows; values are stored as if typed (see storeInput). Default: Sheet1. */
  sheets?: Record<string, unknown[][]>;
}

let spreadsheets = 0;

/** An in-memory spreadsheet for direct use from a test; pass it to loadBundle to run the bundle against it. */
export function createSpreadsheet(options: SpreadsheetOptions = {}): FakeSpreadsheet {
  spreadsheets++;
  const model = new SpreadsheetModel(
    options.name ?? 'Untitled spreadsheet',
    `sandbox-spreadsheet-${spreadsheets}`,
    options.locale ?? 'en_US',
    options.timeZone ?? 'UTC',
  );
  for (const [name, rows] of Object.entries(options.sheets ?? { Sheet1: [] }))
    model.addSheet(name, undefined, rows);
  if (model.sheets.length === 0) model.addSheet('Sheet1');
  return new FakeSpreadsheet(new Runtime({ model, project: model.project }), model);
}

/** A deep copy of a sheet for assertions; reading it is not an Apps Script call. */
export interface SheetSnapshot {
  name: string;
  index: number;
  hidden: boolean;
  frozenRows: number;
  frozenColumns: number;
  maxRows: number;
  maxColumns: number;
  tabColor: string | null;
  /** getDataRange().getValues(), except that Dates are host-realm copies. */
  values: CellValue[][];
  /** Formulas over the same extent ('' where none). */
  formulas: string[][];
  /** Non-blank notes by A1 cell. */
  notes: Record<string, string>;
  /** Formats that differ from a fresh cell's, by A1 cell. */
  formats: Record<string, Partial<Formats>>;
  validations: Record<
    string,
    { criteria: string; values: unknown[]; helpText: string; allowInvalid: boolean }
  >;
  columnWidths: Record<number, number>;
  autoResizedColumns: number[];
  conditionalFormatRules: { ranges: string[]; criteria: string | null; values: unknown[]; style: object }[];
  charts: {
    id: string;
    type: string;
    ranges: string[];
    options: Record<string, unknown>;
    position: object;
  }[];
  protections: { type: string; range: string; description: string; warningOnly: boolean }[];
}

export class FakeSpreadsheet extends Service {
  constructor(
    rt: Runtime,
    readonly model: SpreadsheetModel,
  ) {
    super(rt);
  }

  getName(): string {
    return this.model.name;
  }

  rename(newName: string): void {
    this.model.name = newName;
  }

  getId(): string {
    return this.model.id;
  }

  getUrl(): string {
    return `https://docs.google.com/spreadsheets/d/${this.model.id}/edit`;
  }

  getSheets(): FakeSheet[] {
    return this.rt.list(this.model.sheets, (sheet) => new FakeSheet(this.rt, sheet));
  }

  getNumSheets(): number {
    return this.model.sheets.length;
  }

  getSheetByName(name: string): FakeSheet | null {
    const sheet = this.model.findSheet(name);
    return sheet ? new FakeSheet(this.rt, sheet) : null;
  }

  getSheetById(id: number): FakeSheet | null {
    const sheet = this.model.sheets.find((s) => s.id === id);
    return sheet ? new FakeSheet(this.rt, sheet) : null;
  }

  /** insertSheet(), insertSheet(index), insertSheet(name), insertSheet(name, index); index is 0-based. */
  insertSheet(nameOrIndex?: string | number, index?: number): FakeSheet {
    const model = this.model;
    let name = typeof nameOrIndex === 'string' ? nameOrIndex : '';
    for (let n = model.sheets.length + 1; !name; n++) if (!model.findSheet(`Sheet${n}`)) name = `Sheet${n}`;
    if (model.findSheet(name)) {
      throw this.rt.error(`A sheet with the name "${name}" already exists. Please enter another name.`);
    }
    const sheet = model.addSheet(name, typeof nameOrIndex === 'number' ? nameOrIndex : index);
    model.activeSheet = sheet;
    model.activeRange = null;
    return new FakeSheet(this.rt, sheet);
  }

  deleteSheet(sheet: FakeSheet): void {
    if (!(sheet instanceof FakeSheet)) throw signatureError(this.rt, 'Spreadsheet.deleteSheet', [sheet]);
    const model = this.model;
    if (model.sheets.length === 1) throw this.rt.error("You can't remove all the sheets in a document.");
    model.sheets.splice(model.sheets.indexOf(sheet.model), 1);
    if (model.activeSheet === sheet.model) model.activeSheet = null;
    if (model.activeRange?.sheet === sheet.model) model.activeRange = null;
  }

  getActiveSheet(): FakeSheet {
    return new FakeSheet(this.rt, this.model.active);
  }

  setActiveSheet(sheet: FakeSheet): FakeSheet {
    this.model.activeSheet = sheet.model;
    this.model.activeRange = null;
    return new FakeSheet(this.rt, sheet.model);
  }

  getActiveRange(): FakeRange {
    return activeRange(this.rt, this.model);
  }

  setActiveRange(range: FakeRange): FakeRange {
    this.model.activeSheet = range.ref.sheet;
    this.model.activeRange = range.ref;
    return new FakeRange(this.rt, range.ref);
  }

  getActiveCell(): FakeRange {
    return activeCell(this.rt, this.model);
  }

  getCurrentCell(): FakeRange {
    return activeCell(this.rt, this.model);
  }

  getSpreadsheetLocale(): string {
    return this.model.locale;
  }

  setSpreadsheetLocale(locale: string): void {
    this.model.locale = locale;
  }

  getSpreadsheetTimeZone(): string {
    return this.model.timeZone;
  }

  setSpreadsheetTimeZone(timeZone: string): void {
    this.model.timeZone = timeZone;
  }

  /** A1 notation on the active sheet, or on the sheet it names: "'Sheet 1'!A1:B2". */
  getRange(a1: string): FakeRange {
    return rangeFromA1(this.rt, this.model, a1, this.model.active);
  }

  /** The values of a block of the active sheet, as Sheet.getSheetValues gives them. */
  getSheetValues(startRow: number, startColumn: number, numRows: number, numColumns: number): unknown[][] {
    return valuesOf(rangeAt(this.rt, this.model.active, startRow, startColumn, numRows, numColumns));
  }

  /** Ranges of one tab (named in the notation, else the active tab); ranges on two tabs are refused. */
  getRangeList(a1Notations: string[]): FakeRangeList {
    if (!Array.isArray(a1Notations) || a1Notations.length === 0)
      throw signatureError(this.rt, 'Spreadsheet.getRangeList', [a1Notations]);
    const ranges = a1Notations.map((a1) => rangeFromA1(this.rt, this.model, a1, this.model.active));
    if (ranges.some((r) => r.ref.sheet !== ranges[0].ref.sheet))
      throw this.rt.error('The ranges of a RangeList must be on the same sheet.');
    return new FakeRangeList(this.rt, ranges);
  }

  toast(msg: string, title?: string, timeoutSeconds?: number): void {
    this.rt.ui.log.push({
      type: 'toast',
      message: String(msg),
      title: title ?? '',
      timeoutSeconds: timeoutSeconds ?? 5,
    });
  }

  /** Test inspection (not counted): every sheet's snapshot by name. */
  snapshot(): Record<string, SheetSnapshot> {
    return Object.fromEntries(this.model.sheets.map((sheet) => [sheet.name, snapshotOf(sheet)]));
  }
}

export class FakeSheet extends Service {
  constructor(
    rt: Runtime,
    readonly model: SheetModel,
  ) {
    super(rt);
  }

  getName(): string {
    return this.model.name;
  }

  setName(name: string): FakeSheet {
    const other = this.model.spreadsheet.findSheet(name);
    if (other && other !== this.model) {
      throw this.rt.error(`A sheet with the name "${name}" already exists. Please enter another name.`);
    }
    this.model.name = name;
    return this;
  }

  getSheetId(): number {
    return this.model.id;
  }

  /** 1-based position among the tabs. */
  getIndex(): number {
    return this.model.spreadsheet.sheets.indexOf(this.model) + 1;
  }

  getParent(): FakeSpreadsheet {
    return new FakeSpreadsheet(this.rt, this.model.spreadsheet);
  }

  getLastRow(): number {
    return this.model.lastRow();
  }

  getLastColumn(): number {
    return this.model.lastColumn();
  }

  getMaxRows(): number {
    return this.model.maxRows;
  }

  getMaxColumns(): number {
    return this.model.maxColumns;
  }

  getRange(a1Notation: string): FakeRange;
  getRange(row: number, column: number, numRows?: number, numColumns?: number): FakeRange;
  getRange(...args: unknown[]): FakeRange {
    if (args.length === 1 && typeof args[0] === 'string') {
      return rangeFromA1(this.rt, this.model.spreadsheet, args[0], this.model);
    }
    const [row, column, numRows = 1, numColumns = 1] = args;
    const numbers = [row, column, numRows, numColumns];
    if (args.length < 2 || !numbers.every((n) => typeof n === 'number' && Number.isFinite(n))) {
      throw signatureError(this.rt, 'Sheet.getRange', args);
    }
    const [r, c, nr, nc] = (numbers as number[]).map(Math.trunc);
    return rangeAt(this.rt, this.model, r, c, nr, nc);
  }

  /** Ranges of this sheet from a non-empty list of A1 notations, to write them together. */
  getRangeList(a1Notations: string[]): FakeRangeList {
    if (!Array.isArray(a1Notations) || a1Notations.length === 0)
      throw signatureError(this.rt, 'Sheet.getRangeList', [a1Notations]);
    return new FakeRangeList(
      this.rt,
      a1Notations.map((a1) => rangeFromA1(this.rt, this.model.spreadsheet, a1, this.model)),
    );
  }

  /** A1 to the last row and column with content (A1 alone on an empty sheet). */
  getDataRange(): FakeRange {
    const sheet = this.model;
    return new FakeRange(this.rt, new RangeRef(sheet, 1, 1, sheet.lastRow() || 1, sheet.lastColumn() || 1));
  }

  getSheetValues(startRow: number, startColumn: number, numRows: number, numColumns: number): unknown[][] {
    return valuesOf(rangeAt(this.rt, this.model, startRow, startColumn, numRows, numColumns));
  }

  /** Writes after the last row with content, adding a row (and columns) when the sheet is full. */
  appendRow(rowContents: unknown[]): FakeSheet {
    if (!Array.isArray(rowContents)) throw signatureError(this.rt, 'Sheet.appendRow', [rowContents]);
    const sheet = this.model;
    const row = sheet.lastRow();
    if (row + 1 > sheet.maxRows) sheet.maxRows = row + 1;
    if (rowContents.length > sheet.maxColumns) sheet.maxColumns = rowContents.length;
    rowContents.forEach((value, c) => {
      sheet.write(row, c, value);
    });
    return this;
  }

  insertRowBefore(beforePosition: number): FakeSheet {
    insertLines(this, 'rows', beforePosition - 1, 1);
    return this;
  }

  insertRowAfter(afterPosition: number): FakeSheet {
    insertLines(this, 'rows', afterPosition, 1);
    return this;
  }

  insertRowsBefore(beforePosition: number, howMany: number): FakeSheet {
    insertLines(this, 'rows', beforePosition - 1, howMany);
    return this;
  }

  insertRowsAfter(afterPosition: number, howMany: number): FakeSheet {
    insertLines(this, 'rows', afterPosition, howMany);
    return this;
  }

  insertRows(rowIndex: number, numRows = 1): void {
    insertLines(this, 'rows', rowIndex - 1, numRows);
  }

  deleteRow(rowPosition: number): FakeSheet {
    deleteLines(this, 'rows', rowPosition, 1);
    return this;
  }

  deleteRows(rowPosition: number, howMany: number): void {
    deleteLines(this, 'rows', rowPosition, howMany);
  }

  insertColumnBefore(beforePosition: number): FakeSheet {
    insertLines(this, 'columns', beforePosition - 1, 1);
    return this;
  }

  insertColumnAfter(afterPosition: number): FakeSheet {
    insertLines(this, 'columns', afterPosition, 1);
    return this;
  }

  insertColumnsBefore(beforePosition: number, howMany: number): FakeSheet {
    insertLines(this, 'columns', beforePosition - 1, howMany);
    return this;
  }

  insertColumnsAfter(afterPosition: number, howMany: number): FakeSheet {
    insertLines(this, 'columns', afterPosition, howMany);
    return this;
  }

  insertColumns(columnIndex: number, numColumns = 1): void {
    insertLines(this, 'columns', columnIndex - 1, numColumns);
  }

  deleteColumn(columnPosition: number): FakeSheet {
    deleteLines(this, 'columns', columnPosition, 1);
    return this;
  }

  deleteColumns(columnPosition: number, howMany: number): void {
    deleteLines(this, 'columns', columnPosition, howMany);
  }

  setFrozenRows(rows: number): void {
    this.model.frozenRows = rows;
  }

  getFrozenRows(): number {
    return this.model.frozenRows;
  }

  setFrozenColumns(columns: number): void {
    this.model.frozenColumns = columns;
  }

  getFrozenColumns(): number {
    return this.model.frozenColumns;
  }

  setColumnWidth(columnPosition: number, width: number): FakeSheet {
    this.model.columnWidths.set(columnPosition, width);
    return this;
  }

  setColumnWidths(startColumn: number, numColumns: number, width: number): FakeSheet {
    for (let c = startColumn; c < startColumn + numColumns; c++) this.model.columnWidths.set(c, width);
    return this;
  }

  /** 100 pixels unless set; auto-resizing is recorded, not measured. */
  getColumnWidth(columnPosition: number): number {
    return this.model.columnWidths.get(columnPosition) ?? 100;
  }

  autoResizeColumn(columnPosition: number): FakeSheet {
    this.model.autoResized.add(columnPosition);
    return this;
  }

  autoResizeColumns(startColumn: number, numColumns: number): FakeSheet {
    for (let c = startColumn; c < startColumn + numColumns; c++) this.model.autoResized.add(c);
    return this;
  }

  hideSheet(): FakeSheet {
    this.model.hidden = true;
    return this;
  }

  showSheet(): FakeSheet {
    this.model.hidden = false;
    return this;
  }

  isSheetHidden(): boolean {
    return this.model.hidden;
  }

  setTabColor(color: string | null): FakeSheet {
    this.model.tabColor = color;
    return this;
  }

  getTabColor(): string | null {
    return this.model.tabColor;
  }

  /** Clears content and formats, or only what the options name (contentsOnly, formatOnly). */
  clear(options?: { contentsOnly?: boolean; formatOnly?: boolean }): FakeSheet {
    const sheet = this.model;
    const all = !options?.contentsOnly && !options?.formatOnly;
    if (all || options?.contentsOnly) sheet.clearContents(0, 0, sheet.maxRows, sheet.maxColumns);
    if (all || options?.formatOnly) sheet.clearFormats(0, 0, sheet.maxRows, sheet.maxColumns);
    return this;
  }

  clearContents(): FakeSheet {
    this.model.clearContents(0, 0, this.model.maxRows, this.model.maxColumns);
    return this;
  }

  clearFormats(): FakeSheet {
    this.model.clearFormats(0, 0, this.model.maxRows, this.model.maxColumns);
    return this;
  }

  clearNotes(): FakeSheet {
    this.model.notes.clear(0, 0, this.model.maxRows, this.model.maxColumns);
    return this;
  }

  clearConditionalFormatRules(): void {
    this.model.conditionalRules = [];
  }

  getCharts(): FakeEmbeddedChart[] {
    return this.rt.list(this.model.charts, (chart) => new FakeEmbeddedChart(this.rt, chart));
  }

  newChart(): FakeChartBuilder {
    return new FakeChartBuilder(this.rt, this.model);
  }

  insertChart(chart: FakeEmbeddedChart): void {
    this.model.charts.push(chart.data);
  }

  updateChart(chart: FakeEmbeddedChart): void {
    this.model.charts = this.model.charts.map((c) => (c.id === chart.data.id ? chart.data : c));
  }

  removeChart(chart: FakeEmbeddedChart): void {
    this.model.charts = this.model.charts.filter((c) => c.id !== chart.data.id);
  }

  getConditionalFormatRules(): FakeConditionalFormatRule[] {
    return this.rt.list(
      this.model.conditionalRules.map((rule) => new FakeConditionalFormatRule(this.rt, rule)),
    );
  }

  setConditionalFormatRules(rules: FakeConditionalFormatRule[]): void {
    this.model.conditionalRules = rules.map((rule) => rule.data);
  }

  /** The sheet's protection, created on first call. */
  protect(): FakeProtection {
    const sheet = this.model;
    let protection = sheet.protections.find((p) => p.type === 'SHEET');
    if (!protection) {
      const range = new RangeRef(sheet, 1, 1, sheet.maxRows, sheet.maxColumns);
      protection = { type: 'SHEET', range, description: '', warningOnly: false };
      sheet.protections.push(protection);
    }
    return new FakeProtection(this.rt, protection);
  }

  getProtections(type: string): FakeProtection[] {
    const found = this.model.protections.filter((p) => p.type === String(type));
    return this.rt.list(found, (p) => new FakeProtection(this.rt, p));
  }

  /** Sorts the rows below the frozen rows by one column (blanks last). */
  sort(columnPosition: number, ascending = true): FakeSheet {
    const sheet = this.model;
    const count = sheet.lastRow() - sheet.frozenRows;
    if (count > 1) {
      sheet.sortRows(
        sheet.frozenRows,
        count,
        [{ column: columnPosition - 1, ascending }],
        0,
        Number.POSITIVE_INFINITY,
      );
    }
    return this;
  }

  activate(): FakeSheet {
    this.model.spreadsheet.activeSheet = this.model;
    this.model.spreadsheet.activeRange = null;
    return this;
  }

  /** Test inspection (not counted): a deep copy of values, formulas, notes, formats and sheet settings. */
  snapshot(): SheetSnapshot {
    return snapshotOf(this.model);
  }
}

export class FakeRange extends Service {
  constructor(
    rt: Runtime,
    readonly ref: RangeRef,
  ) {
    super(rt);
  }

  /** Numbers, booleans, Dates (fresh, of the caller's realm) and '' for blanks and formulas. */
  getValues(): unknown[][] {
    return valuesOf(this);
  }

  getValue(): unknown {
    const value = this.ref.sheet.values.get(this.ref.row - 1, this.ref.column - 1);
    return value instanceof Date ? this.rt.date(value.getTime()) : value;
  }

  getDisplayValues(): string[][] {
    const sheet = this.ref.sheet;
    return readCells(this, (r, c) => displayOf(sheet, r, c));
  }

  getDisplayValue(): string {
    return displayOf(this.ref.sheet, this.ref.row - 1, this.ref.column - 1);
  }

  setValues(values: unknown[][]): FakeRange {
    const rows = checkShape(this, values, 'setValues');
    const sheet = this.ref.sheet;
    forEachCell(this, (r, c, i, j) => sheet.write(r, c, rows[i][j]));
    return this;
  }

  /** Writes the value into every cell of the range. */
  setValue(value: unknown): FakeRange {
    const sheet = this.ref.sheet;
    forEachCell(this, (r, c) => sheet.write(r, c, value));
    return this;
  }

  getFormulas(): string[][] {
    return readCells(this, (r, c) => this.ref.sheet.formulas.get(r, c));
  }

  getFormula(): string {
    return this.ref.sheet.formulas.get(this.ref.row - 1, this.ref.column - 1);
  }

  setFormula(formula: string): FakeRange {
    const sheet = this.ref.sheet;
    forEachCell(this, (r, c) => sheet.writeFormula(r, c, formula));
    return this;
  }

  setFormulas(formulas: string[][]): FakeRange {
    const rows = checkShape(this, formulas, 'setFormulas');
    const sheet = this.ref.sheet;
    forEachCell(this, (r, c, i, j) => sheet.writeFormula(r, c, String(rows[i][j] ?? '')));
    return this;
  }

  getNotes(): string[][] {
    return readCells(this, (r, c) => this.ref.sheet.notes.get(r, c));
  }

  getNote(): string {
    return this.ref.sheet.notes.get(this.ref.row - 1, this.ref.column - 1);
  }

  setNote(note: string | null): FakeRange {
    const notes = this.ref.sheet.notes;
    forEachCell(this, (r, c) => notes.set(r, c, note === null ? '' : String(note)));
    return this;
  }

  setNotes(notes: (string | null)[][]): FakeRange {
    const rows = checkShape(this, notes, 'setNotes');
    const grid = this.ref.sheet.notes;
    forEachCell(this, (r, c, i, j) => grid.set(r, c, rows[i][j] == null ? '' : String(rows[i][j])));
    return this;
  }

  clearNote(): FakeRange {
    this.ref.sheet.notes.clear(this.ref.row - 1, this.ref.column - 1, this.ref.numRows, this.ref.numColumns);
    return this;
  }

  getNumberFormat(): string {
    return topLeft(this, 'numberFormat');
  }

  getNumberFormats(): string[][] {
    return readFormat(this, 'numberFormat');
  }

  setNumberFormat(numberFormat: string): FakeRange {
    return fill(this, 'numberFormat', numberFormat);
  }

  setNumberFormats(numberFormats: string[][]): FakeRange {
    return fill2D(this, 'numberFormat', numberFormats, 'setNumberFormats');
  }

  getBackground(): string {
    return topLeft(this, 'background');
  }

  getBackgrounds(): string[][] {
    return readFormat(this, 'background');
  }

  setBackground(color: string | null): FakeRange {
    return fill(this, 'background', color);
  }

  setBackgrounds(color: (string | null)[][]): FakeRange {
    return fill2D(this, 'background', color, 'setBackgrounds');
  }

  getFontColor(): string {
    return topLeft(this, 'fontColor');
  }

  setFontColor(color: string | null): FakeRange {
    return fill(this, 'fontColor', color);
  }

  setFontColors(colors: (string | null)[][]): FakeRange {
    return fill2D(this, 'fontColor', colors, 'setFontColors');
  }

  getFontWeight(): string {
    return topLeft(this, 'fontWeight');
  }

  getFontWeights(): string[][] {
    return readFormat(this, 'fontWeight');
  }

  setFontWeight(fontWeight: string | null): FakeRange {
    return fill(this, 'fontWeight', fontWeight);
  }

  setFontWeights(fontWeights: (string | null)[][]): FakeRange {
    return fill2D(this, 'fontWeight', fontWeights, 'setFontWeights');
  }

  getFontStyle(): string {
    return topLeft(this, 'fontStyle');
  }

  setFontStyle(fontStyle: string | null): FakeRange {
    return fill(this, 'fontStyle', fontStyle);
  }

  getFontSize(): number {
    return topLeft(this, 'fontSize');
  }

  setFontSize(size: number): FakeRange {
    return fill(this, 'fontSize', size);
  }

  setFontSizes(sizes: number[][]): FakeRange {
    return fill2D(this, 'fontSize', sizes, 'setFontSizes');
  }

  getFontFamily(): string {
    return topLeft(this, 'fontFamily');
  }

  setFontFamily(fontFamily: string | null): FakeRange {
    return fill(this, 'fontFamily', fontFamily);
  }

  getHorizontalAlignment(): string {
    return topLeft(this, 'horizontalAlignment');
  }

  getHorizontalAlignments(): string[][] {
    return readFormat(this, 'horizontalAlignment');
  }

  /** 'left' | 'center' | 'right' | 'normal' | null ('normal' and null reset). */
  setHorizontalAlignment(alignment: string | null): FakeRange {
    return fill(this, 'horizontalAlignment', alignment === 'normal' ? null : alignment);
  }

  setHorizontalAlignments(alignments: (string | null)[][]): FakeRange {
    return fill2D(this, 'horizontalAlignment', alignments, 'setHorizontalAlignments');
  }

  getVerticalAlignment(): string {
    return topLeft(this, 'verticalAlignment');
  }

  setVerticalAlignment(alignment: string | null): FakeRange {
    return fill(this, 'verticalAlignment', alignment);
  }

  /** true wraps, false overflows. */
  setWrap(isWrapEnabled: boolean): FakeRange {
    return fill(this, 'wrapStrategy', isWrapEnabled ? 'WRAP' : 'OVERFLOW');
  }

  setWrapStrategy(strategy: string): FakeRange {
    return fill(this, 'wrapStrategy', String(strategy));
  }

  getWrapStrategy(): string {
    return topLeft(this, 'wrapStrategy');
  }

  /** Each side: true sets, false removes, null leaves as is. */
  setBorder(
    top: boolean | null,
    left: boolean | null,
    bottom: boolean | null,
    right: boolean | null,
    vertical: boolean | null,
    horizontal: boolean | null,
    color?: string | null,
    style?: string | null,
  ): FakeRange {
    const grid = this.ref.sheet.formats.border;
    const sides = { top, left, bottom, right, vertical, horizontal };
    forEachCell(this, (r, c) => {
      const old = grid.get(r, c);
      const merged = { color: color ?? old?.color ?? null, style: style ?? old?.style ?? null } as BorderSpec;
      for (const [side, value] of Object.entries(sides) as [keyof typeof sides, boolean | null][]) {
        merged[side] = value ?? old?.[side] ?? null;
      }
      grid.set(r, c, merged);
    });
    return this;
  }

  getDataValidation(): FakeDataValidation | null {
    const rule = this.ref.sheet.validations.get(this.ref.row - 1, this.ref.column - 1);
    return rule ? new FakeDataValidation(this.rt, rule) : null;
  }

  getDataValidations(): (FakeDataValidation | null)[][] {
    const grid = this.ref.sheet.validations;
    return readCells(this, (r, c) => {
      const rule = grid.get(r, c);
      return rule ? new FakeDataValidation(this.rt, rule) : null;
    });
  }

  setDataValidation(rule: FakeDataValidation | null): FakeRange {
    const grid = this.ref.sheet.validations;
    forEachCell(this, (r, c) => grid.set(r, c, rule ? rule.data : null));
    return this;
  }

  setDataValidations(rules: (FakeDataValidation | null)[][]): FakeRange {
    const rows = checkShape(this, rules, 'setDataValidations');
    const grid = this.ref.sheet.validations;
    forEachCell(this, (r, c, i, j) => grid.set(r, c, rows[i][j]?.data ?? null));
    return this;
  }

  clearDataValidations(): FakeRange {
    this.ref.sheet.validations.clear(
      this.ref.row - 1,
      this.ref.column - 1,
      this.ref.numRows,
      this.ref.numColumns,
    );
    return this;
  }

  /** Clears contents and formats, or only what the options name (contentsOnly, formatOnly, validationsOnly). */
  clear(options?: { contentsOnly?: boolean; formatOnly?: boolean; validationsOnly?: boolean }): FakeRange {
    const { sheet, row, column, numRows, numColumns } = this.ref;
    const all = !options?.contentsOnly && !options?.formatOnly && !options?.validationsOnly;
    if (all || options?.contentsOnly) sheet.clearContents(row - 1, column - 1, numRows, numColumns);
    if (all || options?.formatOnly) sheet.clearFormats(row - 1, column - 1, numRows, numColumns);
    if (options?.validationsOnly) sheet.validations.clear(row - 1, column - 1, numRows, numColumns);
    return this;
  }

  clearContent(): FakeRange {
    const { sheet, row, column, numRows, numColumns } = this.ref;
    sheet.clearContents(row - 1, column - 1, numRows, numColumns);
    return this;
  }

  clearFormat(): FakeRange {
    const { sheet, row, column, numRows, numColumns } = this.ref;
    sheet.clearFormats(row - 1, column - 1, numRows, numColumns);
    return this;
  }

  isBlank(): boolean {
    const sheet = this.ref.sheet;
    let blank = true;
    forEachCell(this, (r, c) => {
      if (sheet.values.get(r, c) !== '' || sheet.formulas.get(r, c) !== '') blank = false;
    });
    return blank;
  }

  getRow(): number {
    return this.ref.row;
  }

  getColumn(): number {
    return this.ref.column;
  }

  getNumRows(): number {
    return this.ref.numRows;
  }

  getNumColumns(): number {
    return this.ref.numColumns;
  }

  getHeight(): number {
    return this.ref.numRows;
  }

  getWidth(): number {
    return this.ref.numColumns;
  }

  /** The range's end row (not the last row with content). */
  getLastRow(): number {
    return this.ref.row + this.ref.numRows - 1;
  }

  getLastColumn(): number {
    return this.ref.column + this.ref.numColumns - 1;
  }

  getA1Notation(): string {
    const { row, column, numRows, numColumns, openRows, openColumns } = this.ref;
    return formatA1(row, column, numRows, numColumns, openRows, openColumns);
  }

  getSheet(): FakeSheet {
    return new FakeSheet(this.rt, this.ref.sheet);
  }

  /** The id of the range's sheet (Sheet.getSheetId) without a Sheet handle. */
  getGridId(): number {
    return this.ref.sheet.id;
  }

  /** A cell of the range, 1-based relative to it. */
  getCell(row: number, column: number): FakeRange {
    const ref = this.ref;
    if (row < 1 || column < 1 || row > ref.numRows || column > ref.numColumns) {
      throw this.rt.error('Cell reference out of range');
    }
    return new FakeRange(this.rt, new RangeRef(ref.sheet, ref.row + row - 1, ref.column + column - 1, 1, 1));
  }

  offset(rowOffset: number, columnOffset: number, numRows?: number, numColumns?: number): FakeRange {
    const ref = this.ref;
    return rangeAt(
      this.rt,
      ref.sheet,
      ref.row + rowOffset,
      ref.column + columnOffset,
      numRows ?? ref.numRows,
      numColumns ?? ref.numColumns,
    );
  }

  activate(): FakeRange {
    const spreadsheet = this.ref.sheet.spreadsheet;
    spreadsheet.activeSheet = this.ref.sheet;
    spreadsheet.activeRange = this.ref;
    return this;
  }

  protect(): FakeProtection {
    const protection = { type: 'RANGE' as const, range: this.ref, description: '', warningOnly: false };
    this.ref.sheet.protections.push(protection);
    return new FakeProtection(this.rt, protection);
  }

  /** sort(column), sort({column, ascending}) or an array of those; columns are sheet positions. */
  sort(
    sortSpecObj:
      | number
      | { column: number; ascending?: boolean }
      | (number | { column: number; ascending?: boolean })[],
  ): FakeRange {
    const specs = Array.isArray(sortSpecObj) ? sortSpecObj : [sortSpecObj];
    const keys = specs.map((spec) =>
      typeof spec === 'number'
        ? { column: spec - 1, ascending: true }
        : { column: spec.column - 1, ascending: spec.ascending ?? true },
    );
    const { sheet, row, column, numRows, numColumns } = this.ref;
    sheet.sortRows(row - 1, numRows, keys, column - 1, column - 1 + numColumns);
    return this;
  }
}

/** RangeList: several ranges of one sheet written by one call. */
export class FakeRangeList extends Service {
  constructor(
    rt: Runtime,
    private readonly ranges: FakeRange[],
  ) {
    super(rt);
  }

  getRanges(): FakeRange[] {
    return [...this.ranges];
  }

  /** Writes the value into every cell of every range. */
  setValue(value: unknown): FakeRangeList {
    for (const range of this.ranges) forEachCell(range, (r, c) => range.ref.sheet.write(r, c, value));
    return this;
  }

  /** Clears the values and formulas of every range, keeping formats. */
  clearContent(): FakeRangeList {
    for (const { ref } of this.ranges)
      ref.sheet.clearContents(ref.row - 1, ref.column - 1, ref.numRows, ref.numColumns);
    return this;
  }
}

instrument(FakeSpreadsheet, 'Spreadsheet', { uncounted: ['snapshot'] });
instrument(FakeRangeList, 'RangeList');
instrument(FakeSheet, 'Sheet', { uncounted: ['snapshot'] });
instrument(FakeRange, 'Range');

/** Resolves A1 notation against a default sheet, or the sheet its prefix names. */
export function rangeFromA1(
  rt: Runtime,
  model: SpreadsheetModel,
  a1: string,
  defaultSheet: SheetModel,
): FakeRange {
  const ref = typeof a1 === 'string' ? parseA1(a1) : null;
  const sheet = ref?.sheetName == null ? defaultSheet : model.findSheet(ref.sheetName);
  if (!ref || !sheet) throw rt.error('Range not found');
  const endRow = ref.endRow ?? sheet.maxRows;
  const endColumn = ref.endColumn ?? sheet.maxColumns;
  return rangeAt(
    rt,
    sheet,
    ref.row,
    ref.column,
    endRow - ref.row + 1,
    endColumn - ref.column + 1,
    ref.endRow === null,
    ref.endColumn === null,
  );
}

/** The selection: the active range if it is on the active sheet, else A1 of the active sheet. */
export function activeRange(rt: Runtime, model: SpreadsheetModel): FakeRange {
  const sheet = model.active;
  const ref = model.activeRange?.sheet === sheet ? model.activeRange : new RangeRef(sheet, 1, 1, 1, 1);
  return new FakeRange(rt, ref);
}

export function activeCell(rt: Runtime, model: SpreadsheetModel): FakeRange {
  const { sheet, row, column } = activeRange(rt, model).ref;
  return new FakeRange(rt, new RangeRef(sheet, row, column, 1, 1));
}

function rangeAt(
  rt: Runtime,
  sheet: SheetModel,
  row: number,
  column: number,
  numRows: number,
  numColumns: number,
  openRows = false,
  openColumns = false,
): FakeRange {
  if (row < 1) throw rt.error('The starting row of the range is too small.');
  if (column < 1) throw rt.error('The starting column of the range is too small.');
  if (numRows < 1) throw rt.error('The number of rows in the range must be at least 1.');
  if (numColumns < 1) throw rt.error('The number of columns in the range must be at least 1.');
  if (row + numRows - 1 > sheet.maxRows || column + numColumns - 1 > sheet.maxColumns) {
    throw rt.error('The coordinates of the range are outside the dimensions of the sheet.');
  }
  return new FakeRange(rt, new RangeRef(sheet, row, column, numRows, numColumns, openRows, openColumns));
}

/** Apps Script's message for arguments of the wrong types. */
function signatureError(rt: Runtime, method: string, args: unknown[]): Error {
  const typeName = (v: unknown): string => {
    if (v === null || v === undefined) return 'null';
    if (Array.isArray(v)) return Array.isArray(v[0]) ? 'Object[][]' : 'Object[]';
    if (isDate(v)) return 'Date';
    if (typeof v === 'string') return 'String';
    if (typeof v === 'boolean') return 'Boolean';
    return typeof v === 'number' ? 'number' : 'Object';
  };
  return rt.error(
    `The parameters (${args.map(typeName).join(',')}) don't match the method signature for SpreadsheetApp.${method}.`,
  );
}

function insertLines(sheet: FakeSheet, kind: 'rows' | 'columns', after: number, count: number): void {
  const model = sheet.model;
  const max = kind === 'rows' ? model.maxRows : model.maxColumns;
  if (after < 0 || after > max || !(count >= 1)) throw sheet.rt.error(`Those ${kind} are out of bounds.`);
  if (kind === 'rows') model.insertRows(after, count);
  else model.insertColumns(after, count);
}

function deleteLines(sheet: FakeSheet, kind: 'rows' | 'columns', position: number, count: number): void {
  const model = sheet.model;
  const max = kind === 'rows' ? model.maxRows : model.maxColumns;
  const frozen = kind === 'rows' ? model.frozenRows : model.frozenColumns;
  if (position < 1 || !(count >= 1) || position + count - 1 > max) {
    throw sheet.rt.error(`Those ${kind} are out of bounds.`);
  }
  const unfrozenDeleted = position + count - 1 - Math.max(position - 1, frozen);
  if (unfrozenDeleted >= max - frozen) {
    throw sheet.rt.error(`Sorry, it is not possible to delete all non-frozen ${kind}.`);
  }
  if (kind === 'rows') model.deleteRows(position - 1, count);
  else model.deleteColumns(position - 1, count);
}

/** Visits each cell of a range: 0-based sheet row/column, and 0-based position within the range. */
function forEachCell(
  range: FakeRange,
  visit: (row: number, column: number, i: number, j: number) => void,
): void {
  const { row, column, numRows, numColumns } = range.ref;
  for (let i = 0; i < numRows; i++)
    for (let j = 0; j < numColumns; j++) visit(row - 1 + i, column - 1 + j, i, j);
}

/** A fresh 2D array (of the caller's realm) of one read per cell. */
function readCells<T>(range: FakeRange, read: (row: number, column: number) => T): T[][] {
  const { row, column, numRows, numColumns } = range.ref;
  const rt = range.rt;
  const out = rt.array<T[]>(numRows);
  for (let i = 0; i < numRows; i++) {
    const line = rt.array<T>(numColumns);
    for (let j = 0; j < numColumns; j++) line[j] = read(row - 1 + i, column - 1 + j);
    out[i] = line;
  }
  return out;
}

function valuesOf(range: FakeRange): unknown[][] {
  const values = range.ref.sheet.values;
  const rt = range.rt;
  return readCells(range, (r, c) => {
    const value = values.get(r, c);
    return value instanceof Date ? rt.date(value.getTime()) : value;
  });
}

function displayOf(sheet: SheetModel, row: number, column: number): string {
  const format = sheet.formats.numberFormat.get(row, column);
  return displayValue(sheet.values.get(row, column), format, sheet.spreadsheet.timeZone);
}

/** Throws Apps Script's errors unless `data` is a 2D array of the range's shape. */
function checkShape<T>(range: FakeRange, data: T[][], method: string): T[][] {
  const rt = range.rt;
  if (!Array.isArray(data) || !data.every((line) => Array.isArray(line))) {
    throw signatureError(rt, `Range.${method}`, [data]);
  }
  const { numRows, numColumns } = range.ref;
  if (data.length !== numRows) {
    throw rt.error(
      `The number of rows in the data does not match the number of rows in the range. The data has ${data.length} but the range has ${numRows}.`,
    );
  }
  for (const line of data) {
    if (line.length !== numColumns) {
      throw rt.error(
        `The number of columns in the data does not match the number of columns in the range. The data has ${line.length} but the range has ${numColumns}.`,
      );
    }
  }
  return data;
}

function formatGrid<K extends FormatKey>(range: FakeRange, key: K): Grid<Formats[K]> {
  return range.ref.sheet.formats[key] as Grid<Formats[K]>;
}

function topLeft<K extends FormatKey>(range: FakeRange, key: K): Formats[K] {
  return formatGrid(range, key).get(range.ref.row - 1, range.ref.column - 1);
}

function readFormat<K extends FormatKey>(range: FakeRange, key: K): Formats[K][][] {
  const grid = formatGrid(range, key);
  return readCells(range, (r, c) => grid.get(r, c));
}

/** Sets one format on every cell; null restores the default. */
function fill<K extends FormatKey>(range: FakeRange, key: K, value: Formats[K] | null): FakeRange {
  const grid = formatGrid(range, key);
  const stored = value ?? FORMAT_DEFAULTS[key];
  forEachCell(range, (r, c) => grid.set(r, c, stored));
  return range;
}

function fill2D<K extends FormatKey>(
  range: FakeRange,
  key: K,
  data: (Formats[K] | null)[][],
  method: string,
): FakeRange {
  const rows = checkShape(range, data, method);
  const grid = formatGrid(range, key);
  forEachCell(range, (r, c, i, j) => grid.set(r, c, rows[i][j] ?? FORMAT_DEFAULTS[key]));
  return range;
}

function snapshotOf(sheet: SheetModel): SheetSnapshot {
  const rows = sheet.lastRow();
  const columns = sheet.lastColumn();
  const dense = <T>(grid: Grid<T>): T[][] =>
    Array.from({ length: rows }, (_, r) =>
      Array.from({ length: columns }, (_, c) => {
        const value = grid.get(r, c);
        return (value instanceof Date ? new Date(value.getTime()) : value) as T;
      }),
    );
  const cell = (r: number, c: number) => `${columnLetters(c + 1)}${r + 1}`;
  const a1 = (ref: RangeRef) => {
    const local = formatA1(ref.row, ref.column, ref.numRows, ref.numColumns, ref.openRows, ref.openColumns);
    return ref.sheet === sheet ? local : `${quoteSheetName(ref.sheet.name)}!${local}`;
  };
  const plain = (value: unknown): unknown => {
    if (value instanceof RangeRef) return a1(value);
    if (isDate(value)) return new Date(value.getTime());
    if (Array.isArray(value)) return value.map(plain);
    return value !== null && typeof value === 'object' ? { ...value } : value;
  };

  const notes: Record<string, string> = {};
  sheet.notes.forEachSet((r, c, note) => {
    notes[cell(r, c)] = note;
  });
  const formats: Record<string, Partial<Formats>> = {};
  for (const [key, grid] of Object.entries(sheet.formats) as [FormatKey, Grid<unknown>][]) {
    grid.forEachSet((r, c, value) => {
      const a1Cell = cell(r, c);
      formats[a1Cell] = { ...formats[a1Cell], [key]: plain(value) };
    });
  }
  const validations: SheetSnapshot['validations'] = {};
  sheet.validations.forEachSet((r, c, rule) => {
    if (rule) validations[cell(r, c)] = { ...rule, values: rule.values.map(plain) };
  });
  return {
    name: sheet.name,
    index: sheet.spreadsheet.sheets.indexOf(sheet) + 1,
    hidden: sheet.hidden,
    frozenRows: sheet.frozenRows,
    frozenColumns: sheet.frozenColumns,
    maxRows: sheet.maxRows,
    maxColumns: sheet.maxColumns,
    tabColor: sheet.tabColor,
    values: dense(sheet.values),
    formulas: dense(sheet.formulas),
    notes,
    formats,
    validations,
    columnWidths: Object.fromEntries(sheet.columnWidths),
    autoResizedColumns: [...sheet.autoResized].sort((a, b) => a - b),
    conditionalFormatRules: sheet.conditionalRules.map((rule) => ({
      ranges: rule.ranges.map(a1),
      criteria: rule.criteria,
      values: rule.values.map(plain),
      style: { ...rule.style },
    })),
    charts: sheet.charts.map((chart) => ({
      id: chart.id,
      type: chart.type,
      ranges: chart.ranges.map(a1),
      options: { ...chart.options },
      position: { ...chart.position },
    })),
    protections: sheet.protections.map((p) => ({
      type: p.type,
      range: a1(p.range),
      description: p.description,
      warningOnly: p.warningOnly,
    })),
  };
}
