// Recorded (never evaluated) Sheets objects built by scripts: data-validation rules, conditional-format rules,
// embedded charts and protections, with the builders that make them.
import type { ChartData, ConditionalRuleData, ProtectionData, SheetModel, ValidationData } from './model';
import { RangeRef } from './model';
import { instrument, type Runtime, Service } from './runtime';
import { FakeRange } from './sheets';
import { isDate } from './values';

/** Criteria arguments as stored: ranges become RangeRefs, Dates host copies, arrays copies. */
function stored(value: unknown): unknown {
  if (value instanceof FakeRange) return value.ref;
  if (isDate(value)) return new Date(value.getTime());
  return Array.isArray(value) ? value.map(stored) : value;
}

/** Stored criteria arguments as a script receives them, in its realm. */
function handedOut(value: unknown, rt: Runtime): unknown {
  if (value instanceof RangeRef) return new FakeRange(rt, value);
  if (value instanceof Date) return rt.date(value.getTime());
  return Array.isArray(value) ? rt.list(value, (item) => handedOut(item, rt)) : value;
}

export class FakeDataValidationBuilder extends Service {
  readonly data: ValidationData;

  constructor(rt: Runtime, from?: ValidationData) {
    super(rt);
    this.data = from ? { ...from } : { criteria: '', values: [], helpText: '', allowInvalid: true };
  }

  requireCheckbox(checkedValue?: unknown, uncheckedValue?: unknown): FakeDataValidationBuilder {
    const values = [checkedValue, uncheckedValue].filter((v) => v !== undefined);
    return criteria(this, 'CHECKBOX', values);
  }

  requireDate(): FakeDataValidationBuilder {
    return criteria(this, 'DATE_IS_VALID_DATE', []);
  }

  requireDateAfter(date: Date): FakeDataValidationBuilder {
    return criteria(this, 'DATE_AFTER', [date]);
  }

  requireDateBefore(date: Date): FakeDataValidationBuilder {
    return criteria(this, 'DATE_BEFORE', [date]);
  }

  requireDateBetween(start: Date, end: Date): FakeDataValidationBuilder {
    return criteria(this, 'DATE_BETWEEN', [start, end]);
  }

  requireDateOnOrAfter(date: Date): FakeDataValidationBuilder {
    return criteria(this, 'DATE_ON_OR_AFTER', [date]);
  }

  requireDateOnOrBefore(date: Date): FakeDataValidationBuilder {
    return criteria(this, 'DATE_ON_OR_BEFORE', [date]);
  }

  requireFormulaSatisfied(formula: string): FakeDataValidationBuilder {
    return criteria(this, 'CUSTOM_FORMULA', [formula]);
  }

  requireNumberBetween(start: number, end: number): FakeDataValidationBuilder {
    return criteria(this, 'NUMBER_BETWEEN', [start, end]);
  }

  requireNumberEqualTo(number: number): FakeDataValidationBuilder {
    return criteria(this, 'NUMBER_EQUAL_TO', [number]);
  }

  requireNumberGreaterThan(number: number): FakeDataValidationBuilder {
    return criteria(this, 'NUMBER_GREATER_THAN', [number]);
  }

  requireNumberGreaterThanOrEqualTo(number: number): FakeDataValidationBuilder {
    return criteria(this, 'NUMBER_GREATER_THAN_OR_EQUAL_TO', [number]);
  }

  requireNumberLessThan(number: number): FakeDataValidationBuilder {
    return criteria(this, 'NUMBER_LESS_THAN', [number]);
  }

  requireNumberLessThanOrEqualTo(number: number): FakeDataValidationBuilder {
    return criteria(this, 'NUMBER_LESS_THAN_OR_EQUAL_TO', [number]);
  }

  requireTextContains(text: string): FakeDataValidationBuilder {
    return criteria(this, 'TEXT_CONTAINS', [text]);
  }

  requireTextEqualTo(text: string): FakeDataValidationBuilder {
    return criteria(this, 'TEXT_EQUAL_TO', [text]);
  }

  requireTextIsEmail(): FakeDataValidationBuilder {
    return criteria(this, 'TEXT_IS_VALID_EMAIL', []);
  }

  requireTextIsUrl(): FakeDataValidationBuilder {
    return criteria(this, 'TEXT_IS_VALID_URL', []);
  }

  requireValueInList(values: unknown[], showDropdown = true): FakeDataValidationBuilder {
    return criteria(this, 'VALUE_IN_LIST', [values, showDropdown]);
  }

  requireValueInRange(range: FakeRange, showDropdown = true): FakeDataValidationBuilder {
    return criteria(this, 'VALUE_IN_RANGE', [range, showDropdown]);
  }

  withCriteria(criteriaType: string, args: unknown[]): FakeDataValidationBuilder {
    return criteria(this, String(criteriaType), args);
  }

  setAllowInvalid(allowInvalidData: boolean): FakeDataValidationBuilder {
    this.data.allowInvalid = allowInvalidData;
    return this;
  }

  setHelpText(helpText: string): FakeDataValidationBuilder {
    this.data.helpText = helpText;
    return this;
  }

  getCriteriaType(): string {
    return this.data.criteria;
  }

  getCriteriaValues(): unknown[] {
    return this.rt.list(this.data.values, (v) => handedOut(v, this.rt));
  }

  build(): FakeDataValidation {
    return new FakeDataValidation(this.rt, { ...this.data });
  }
}

function criteria(
  builder: FakeDataValidationBuilder,
  type: string,
  values: unknown[],
): FakeDataValidationBuilder {
  builder.data.criteria = type;
  builder.data.values = values.map(stored);
  return builder;
}

export class FakeDataValidation extends Service {
  constructor(
    rt: Runtime,
    readonly data: ValidationData,
  ) {
    super(rt);
  }

  getCriteriaType(): string {
    return this.data.criteria;
  }

  getCriteriaValues(): unknown[] {
    return this.rt.list(this.data.values, (v) => handedOut(v, this.rt));
  }

  getHelpText(): string {
    return this.data.helpText;
  }

  getAllowInvalid(): boolean {
    return this.data.allowInvalid;
  }

  copy(): FakeDataValidationBuilder {
    return new FakeDataValidationBuilder(this.rt, this.data);
  }
}

export class FakeConditionalFormatRuleBuilder extends Service {
  readonly data: ConditionalRuleData;

  constructor(rt: Runtime, from?: ConditionalRuleData) {
    super(rt);
    this.data = from
      ? { ...from, ranges: [...from.ranges], style: { ...from.style } }
      : {
          ranges: [],
          criteria: null,
          values: [],
          style: {
            background: null,
            fontColor: null,
            bold: null,
            italic: null,
            strikethrough: null,
            underline: null,
          },
        };
  }

  whenCellEmpty(): FakeConditionalFormatRuleBuilder {
    return when(this, 'CELL_EMPTY', []);
  }

  whenCellNotEmpty(): FakeConditionalFormatRuleBuilder {
    return when(this, 'CELL_NOT_EMPTY', []);
  }

  whenDateAfter(date: Date): FakeConditionalFormatRuleBuilder {
    return when(this, 'DATE_AFTER', [date]);
  }

  whenDateBefore(date: Date): FakeConditionalFormatRuleBuilder {
    return when(this, 'DATE_BEFORE', [date]);
  }

  whenDateEqualTo(date: Date): FakeConditionalFormatRuleBuilder {
    return when(this, 'DATE_EQUAL_TO', [date]);
  }

  whenFormulaSatisfied(formula: string): FakeConditionalFormatRuleBuilder {
    return when(this, 'CUSTOM_FORMULA', [formula]);
  }

  whenNumberBetween(start: number, end: number): FakeConditionalFormatRuleBuilder {
    return when(this, 'NUMBER_BETWEEN', [start, end]);
  }

  whenNumberEqualTo(number: number): FakeConditionalFormatRuleBuilder {
    return when(this, 'NUMBER_EQUAL_TO', [number]);
  }

  whenNumberGreaterThan(number: number): FakeConditionalFormatRuleBuilder {
    return when(this, 'NUMBER_GREATER_THAN', [number]);
  }

  whenNumberGreaterThanOrEqualTo(number: number): FakeConditionalFormatRuleBuilder {
    return when(this, 'NUMBER_GREATER_THAN_OR_EQUAL_TO', [number]);
  }

  whenNumberLessThan(number: number): FakeConditionalFormatRuleBuilder {
    return when(this, 'NUMBER_LESS_THAN', [number]);
  }

  whenNumberLessThanOrEqualTo(number: number): FakeConditionalFormatRuleBuilder {
    return when(this, 'NUMBER_LESS_THAN_OR_EQUAL_TO', [number]);
  }

  whenNumberNotBetween(start: number, end: number): FakeConditionalFormatRuleBuilder {
    return when(this, 'NUMBER_NOT_BETWEEN', [start, end]);
  }

  whenNumberNotEqualTo(number: number): FakeConditionalFormatRuleBuilder {
    return when(this, 'NUMBER_NOT_EQUAL_TO', [number]);
  }

  whenTextContains(text: string): FakeConditionalFormatRuleBuilder {
    return when(this, 'TEXT_CONTAINS', [text]);
  }

  whenTextDoesNotContain(text: string): FakeConditionalFormatRuleBuilder {
    return when(this, 'TEXT_DOES_NOT_CONTAIN', [text]);
  }

  whenTextEndsWith(text: string): FakeConditionalFormatRuleBuilder {
    return when(this, 'TEXT_ENDS_WITH', [text]);
  }

  whenTextEqualTo(text: string): FakeConditionalFormatRuleBuilder {
    return when(this, 'TEXT_EQUAL_TO', [text]);
  }

  whenTextStartsWith(text: string): FakeConditionalFormatRuleBuilder {
    return when(this, 'TEXT_STARTS_WITH', [text]);
  }

  withCriteria(criteriaType: string, args: unknown[]): FakeConditionalFormatRuleBuilder {
    return when(this, String(criteriaType), args);
  }

  setBackground(color: string | null): FakeConditionalFormatRuleBuilder {
    this.data.style.background = color;
    return this;
  }

  setFontColor(color: string | null): FakeConditionalFormatRuleBuilder {
    this.data.style.fontColor = color;
    return this;
  }

  setBold(bold: boolean | null): FakeConditionalFormatRuleBuilder {
    this.data.style.bold = bold;
    return this;
  }

  setItalic(italic: boolean | null): FakeConditionalFormatRuleBuilder {
    this.data.style.italic = italic;
    return this;
  }

  setStrikethrough(strikethrough: boolean | null): FakeConditionalFormatRuleBuilder {
    this.data.style.strikethrough = strikethrough;
    return this;
  }

  setUnderline(underline: boolean | null): FakeConditionalFormatRuleBuilder {
    this.data.style.underline = underline;
    return this;
  }

  setRanges(ranges: FakeRange[]): FakeConditionalFormatRuleBuilder {
    this.data.ranges = ranges.map((range) => range.ref);
    return this;
  }

  getRanges(): FakeRange[] {
    return this.rt.list(this.data.ranges, (ref) => new FakeRange(this.rt, ref));
  }

  getBooleanCondition(): FakeBooleanCondition | null {
    return this.data.criteria ? new FakeBooleanCondition(this.rt, this.data) : null;
  }

  build(): FakeConditionalFormatRule {
    const data = this.data;
    return new FakeConditionalFormatRule(this.rt, {
      ...data,
      ranges: [...data.ranges],
      style: { ...data.style },
    });
  }
}

function when(
  builder: FakeConditionalFormatRuleBuilder,
  type: string,
  values: unknown[],
): FakeConditionalFormatRuleBuilder {
  builder.data.criteria = type;
  builder.data.values = values.map(stored);
  return builder;
}

export class FakeConditionalFormatRule extends Service {
  constructor(
    rt: Runtime,
    readonly data: ConditionalRuleData,
  ) {
    super(rt);
  }

  getRanges(): FakeRange[] {
    return this.rt.list(this.data.ranges, (ref) => new FakeRange(this.rt, ref));
  }

  getBooleanCondition(): FakeBooleanCondition | null {
    return this.data.criteria ? new FakeBooleanCondition(this.rt, this.data) : null;
  }

  getGradientCondition(): null {
    return null;
  }

  copy(): FakeConditionalFormatRuleBuilder {
    return new FakeConditionalFormatRuleBuilder(this.rt, this.data);
  }
}

export class FakeBooleanCondition extends Service {
  constructor(
    rt: Runtime,
    readonly data: ConditionalRuleData,
  ) {
    super(rt);
  }

  getCriteriaType(): string | null {
    return this.data.criteria;
  }

  getCriteriaValues(): unknown[] {
    return this.rt.list(this.data.values, (v) => handedOut(v, this.rt));
  }

  getBackground(): string | null {
    return this.data.style.background;
  }

  getFontColor(): string | null {
    return this.data.style.fontColor;
  }

  getBold(): boolean | null {
    return this.data.style.bold;
  }

  getItalic(): boolean | null {
    return this.data.style.italic;
  }

  getStrikethrough(): boolean | null {
    return this.data.style.strikethrough;
  }

  getUnderline(): boolean | null {
    return this.data.style.underline;
  }
}

/** Sheet.newChart() and EmbeddedChart.modify(); the asXChart() methods set the type and return this builder. */
export class FakeChartBuilder extends Service {
  readonly data: ChartData;

  constructor(rt: Runtime, sheet: SheetModel, from?: ChartData) {
    super(rt);
    this.data = from
      ? { ...from, ranges: [...from.ranges], options: { ...from.options }, position: { ...from.position } }
      : {
          sheet,
          id: '',
          chartId: 0,
          type: '',
          ranges: [],
          options: {},
          position: { anchorRow: 1, anchorColumn: 1, offsetX: 0, offsetY: 0 },
          numHeaders: -1,
          transposed: false,
        };
  }

  addRange(range: FakeRange): FakeChartBuilder {
    this.data.ranges.push(range.ref);
    return this;
  }

  removeRange(range: FakeRange): FakeChartBuilder {
    const { row, column, numRows, numColumns, sheet } = range.ref;
    this.data.ranges = this.data.ranges.filter(
      (r) =>
        !(
          r.sheet === sheet &&
          r.row === row &&
          r.column === column &&
          r.numRows === numRows &&
          r.numColumns === numColumns
        ),
    );
    return this;
  }

  clearRanges(): FakeChartBuilder {
    this.data.ranges = [];
    return this;
  }

  getRanges(): FakeRange[] {
    return this.rt.list(this.data.ranges, (ref) => new FakeRange(this.rt, ref));
  }

  setChartType(type: string): FakeChartBuilder {
    this.data.type = String(type);
    return this;
  }

  getChartType(): string {
    return this.data.type;
  }

  setOption(option: string, value: unknown): FakeChartBuilder {
    this.data.options[option] = value;
    return this;
  }

  setPosition(
    anchorRowPos: number,
    anchorColPos: number,
    offsetX: number,
    offsetY: number,
  ): FakeChartBuilder {
    this.data.position = { anchorRow: anchorRowPos, anchorColumn: anchorColPos, offsetX, offsetY };
    return this;
  }

  setNumHeaders(headers: number): FakeChartBuilder {
    this.data.numHeaders = headers;
    return this;
  }

  setTransposeRowsAndColumns(transpose: boolean): FakeChartBuilder {
    this.data.transposed = transpose;
    return this;
  }

  asAreaChart(): FakeChartBuilder {
    return chartType(this, 'AREA');
  }

  asBarChart(): FakeChartBuilder {
    return chartType(this, 'BAR');
  }

  asColumnChart(): FakeChartBuilder {
    return chartType(this, 'COLUMN');
  }

  asComboChart(): FakeChartBuilder {
    return chartType(this, 'COMBO');
  }

  asHistogramChart(): FakeChartBuilder {
    return chartType(this, 'HISTOGRAM');
  }

  asLineChart(): FakeChartBuilder {
    return chartType(this, 'LINE');
  }

  asPieChart(): FakeChartBuilder {
    return chartType(this, 'PIE');
  }

  asScatterChart(): FakeChartBuilder {
    return chartType(this, 'SCATTER');
  }

  asTableChart(): FakeChartBuilder {
    return chartType(this, 'TABLE');
  }

  /** Records option isStacked = true. */
  setStacked(): FakeChartBuilder {
    this.data.options.isStacked = true;
    return this;
  }

  setTitle(chartTitle: string): FakeChartBuilder {
    this.data.options.title = chartTitle;
    return this;
  }

  setLegendPosition(position: string): FakeChartBuilder {
    this.data.options['legend.position'] = String(position);
    return this;
  }

  setColors(cssValues: string[]): FakeChartBuilder {
    this.data.options.colors = [...cssValues];
    return this;
  }

  setXAxisTitle(title: string): FakeChartBuilder {
    this.data.options['hAxis.title'] = title;
    return this;
  }

  setYAxisTitle(title: string): FakeChartBuilder {
    this.data.options['vAxis.title'] = title;
    return this;
  }

  /** A new chart gets its ids here; a modified one keeps them, so updateChart replaces it. */
  build(): FakeEmbeddedChart {
    const data = { ...this.data, ranges: [...this.data.ranges], options: { ...this.data.options } };
    if (!data.id) Object.assign(data, data.sheet.spreadsheet.newChartIds());
    return new FakeEmbeddedChart(this.rt, data);
  }
}

function chartType(builder: FakeChartBuilder, type: string): FakeChartBuilder {
  builder.data.type = type;
  return builder;
}

export class FakeEmbeddedChart extends Service {
  constructor(
    rt: Runtime,
    readonly data: ChartData,
  ) {
    super(rt);
  }

  getId(): string {
    return this.data.id;
  }

  getChartId(): number {
    return this.data.chartId;
  }

  getRanges(): FakeRange[] {
    return this.rt.list(this.data.ranges, (ref) => new FakeRange(this.rt, ref));
  }

  getOptions(): FakeChartOptions {
    return new FakeChartOptions(this.rt, this.data.options);
  }

  getContainerInfo(): FakeContainerInfo {
    return new FakeContainerInfo(this.rt, this.data.position);
  }

  getNumHeaders(): number {
    return this.data.numHeaders;
  }

  getTransposeRowsAndColumns(): boolean {
    return this.data.transposed;
  }

  modify(): FakeChartBuilder {
    return new FakeChartBuilder(this.rt, this.data.sheet, this.data);
  }
}

export class FakeChartOptions extends Service {
  constructor(
    rt: Runtime,
    private readonly options: Record<string, unknown>,
  ) {
    super(rt);
  }

  get(option: string): unknown {
    return this.options[option] ?? null;
  }
}

export class FakeContainerInfo extends Service {
  constructor(
    rt: Runtime,
    private readonly position: ChartData['position'],
  ) {
    super(rt);
  }

  getAnchorRow(): number {
    return this.position.anchorRow;
  }

  getAnchorColumn(): number {
    return this.position.anchorColumn;
  }

  getOffsetX(): number {
    return this.position.offsetX;
  }

  getOffsetY(): number {
    return this.position.offsetY;
  }
}

export class FakeProtection extends Service {
  constructor(
    rt: Runtime,
    readonly data: ProtectionData,
  ) {
    super(rt);
  }

  setDescription(description: string): FakeProtection {
    this.data.description = description;
    return this;
  }

  getDescription(): string {
    return this.data.description;
  }

  setWarningOnly(warningOnly: boolean): FakeProtection {
    this.data.warningOnly = warningOnly;
    return this;
  }

  isWarningOnly(): boolean {
    return this.data.warningOnly;
  }

  getProtectionType(): string {
    return this.data.type;
  }

  getRange(): FakeRange {
    return new FakeRange(this.rt, this.data.range);
  }

  canEdit(): boolean {
    return true;
  }

  remove(): void {
    const sheet = this.data.range.sheet;
    sheet.protections = sheet.protections.filter((p) => p !== this.data);
  }
}

// Building rules and charts is allowed in custom functions; applying them (Range/Sheet setters) is not.
for (const [cls, name] of [
  [FakeDataValidationBuilder, 'DataValidationBuilder'],
  [FakeDataValidation, 'DataValidation'],
  [FakeConditionalFormatRuleBuilder, 'ConditionalFormatRuleBuilder'],
  [FakeConditionalFormatRule, 'ConditionalFormatRule'],
  [FakeBooleanCondition, 'BooleanCondition'],
  [FakeChartBuilder, 'EmbeddedChartBuilder'],
  [FakeEmbeddedChart, 'EmbeddedChart'],
  [FakeChartOptions, 'ChartOptions'],
  [FakeContainerInfo, 'ContainerInfo'],
] as const) {
  instrument(cls, name, { writes: null });
}
instrument(FakeProtection, 'Protection');
