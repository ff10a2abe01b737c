// The shapes that flow through core: cells in, model out. No services, no clock, no text.

/** One cell as Apps Script's getValues() or a workbook library gives it. Blank is '' (or null/undefined). */
export type Cell = string | number | boolean | Date | null | undefined;
/** A rectangular block of cells, row-major, as read from a sheet. */
export type Grid = readonly (readonly Cell[])[];

/** A named block of cells: one tab of a spreadsheet or workbook. */
export interface SheetData {
  name: string;
  values: Grid;
}

/** A calendar day as an integer: days since 1970-01-01 (civil date, no time zone). */
export type Day = number;

/** Everything core can say about the input; the shells turn `code` + `params` into words. */
export type IssueCode =
  | 'title-row'
  | 'notes-row'
  | 'blank-row'
  | 'placeholder-row'
  | 'totals-row'
  | 'stage-log-row'
  | 'unnamed-row'
  | 'missing-customer'
  | 'missing-rep'
  | 'missing-stage'
  | 'missing-close'
  | 'close-before-created'
  | 'rep-variant'
  | 'bad-date'
  | 'impossible-date'
  | 'bad-money'
  | 'negative-amount'
  | 'ambiguous-amount'
  | 'scaled-currency'
  | 'mixed-currency'
  | 'bad-number'
  | 'bad-percent'
  | 'bad-mark'
  | 'bad-yes-no'
  | 'error-value'
  | 'unknown-stage'
  | 'unknown-status'
  | 'duplicate-id'
  | 'duplicate-header'
  | 'too-long'
  | 'unknown-customer'
  | 'unknown-objection-status'
  | 'unknown-objection-type'
  | 'unknown-resolution'
  | 'stage-missing-order'
  | 'stage-duplicate'
  | 'stage-alias-conflict'
  | 'stage-bad-kind'
  | 'bad-setting'
  | 'mapping-header-missing'
  | 'history-not-ours';

export interface Issue {
  /** Tab name. */
  sheet: string;
  /** 1-based sheet row number, as a spreadsheet shows it. */
  row: number;
  /** Column letter(s) and header, e.g. "E (Stage)"; '' when the issue is about a whole row. */
  column: string;
  /** The cell's text as typed ('' when not about one cell). */
  value: string;
  code: IssueCode;
  /** Extra facts for the message, e.g. { expected: 'date', suggestion: 'Discovery' }. */
  params?: Record<string, string | number>;
}

/** The column roles of PRODUCT 1.1 (elements and commitments are matched by name, not by role). */
export type Role =
  | 'id'
  | 'customer'
  | 'rep'
  | 'stage'
  | 'status'
  | 'value'
  | 'created'
  | 'expectedClose'
  | 'closed'
  | 'lastContact'
  | 'nextAction'
  | 'nextActionDue'
  | 'stageEntered'
  | 'lastUpdated'
  | 'resumeOn'
  | 'support'
  | 'probability';

/** Every role, in the order menus and usage texts list them. */
export const ROLES: readonly Role[] = [
  'id',
  'customer',
  'rep',
  'stage',
  'status',
  'value',
  'created',
  'expectedClose',
  'closed',
  'lastContact',
  'nextAction',
  'nextActionDue',
  'stageEntered',
  'lastUpdated',
  'resumeOn',
  'support',
  'probability',
];

export type StageKind = 'open' | 'won' | 'lost' | 'hold';
export type Lang = 'zh' | 'en';

/** A stage of the customer's purchase (one row of the Stages tab). */
export interface Stage {
  order: number;
  name: string;
  aliases: string[];
  kind: StageKind;
  /** Exit criteria: facts the customer established (elements) and promises it gave (commitments). */
  criteria: Criterion[];
  /** The rep's required actions while the customer is at this stage. */
  actions: string[];
  /** Functions that owe help at this stage (training, legal, finance…). */
  support: string[];
  /** Stall threshold in days (undefined: never stalls). */
  maxDays?: number;
  /** Win probability 0..1 (undefined: derived from position). */
  probability?: number;
  guidance: string;
  /** Sheet row of the Stages tab this came from (0 for templates and derived models). */
  row: number;
}

/** One exit criterion; a customer-tab column whose header equals any of its names records it. */
export interface Criterion {
  name: string;
  aliases: string[];
  kind: 'element' | 'commitment';
}

export type TemplateId = 'b2b' | 'meddpicc' | 'funnel' | 'data';
/** The templates in the order Set up sheets offers them (the menu prompt numbers them 1 to 4). */
export const TEMPLATE_IDS: readonly TemplateId[] = ['b2b', 'meddpicc', 'funnel', 'data'];

export interface StageModel {
  source: TemplateId | 'sheet';
  stages: Stage[];
}

export interface Settings {
  lang?: Lang;
  /** Fixed WIP band per rep (open customers). */
  wipLow?: number;
  wipHigh?: number;
  /** Wins each rep should close per period (for Little's law and coverage). */
  winsTarget?: number;
  /** Won value per rep per period. */
  valueTarget?: number;
  period: 'month' | 'quarter';
  /** Days without a plan before an objection is "unplanned". */
  unplannedDays: number;
  /** Default stall threshold when a stage has no max days. */
  stallDays?: number;
  /** Days without contact before a customer counts as "no recent contact". */
  contactDays: number;
  /** Manual role -> header mapping; overrides detection. */
  mapping: Partial<Record<Role, string>>;
  customerSheet?: string;
  template?: TemplateId;
  /** Whether the edit trigger stamps stage-entered / last-updated and writes History. */
  trackEdits: boolean;
  /** Whether the installable change trigger and the daily refresh run (they log pastes and bulk edits). */
  watchChanges: boolean;
  /** Headcount last period, for headcount x productivity. */
  headcountBefore?: number;
}

export type ObjectionStatus = 'raised' | 'planned' | 'acting' | 'resolved' | 'accepted';
export type ObjectionType =
  | 'budget'
  | 'approval'
  | 'procurement'
  | 'legal'
  | 'finance'
  | 'product'
  | 'price'
  | 'competition'
  | 'timing'
  | 'relationship'
  | 'other';
export type Resolution = 'responded' | 'removed' | 'improved' | 'bypassed' | 'defeated';

/** The objection lifecycle, types and resolutions in the order dropdowns show them. */
export const OBJECTION_STATUSES: readonly ObjectionStatus[] = [
  'raised',
  'planned',
  'acting',
  'resolved',
  'accepted',
];
export const OBJECTION_TYPES: readonly ObjectionType[] = [
  'budget',
  'approval',
  'procurement',
  'legal',
  'finance',
  'product',
  'price',
  'competition',
  'timing',
  'relationship',
  'other',
];
export const RESOLUTIONS: readonly Resolution[] = [
  'responded',
  'removed',
  'improved',
  'bypassed',
  'defeated',
];

// ---- The Inventory report as data: both shells write it as it is. ----

/**
 * One report cell. Plain strings are Pandian's own labels; `{ text }` is a user's string (customer,
 * rep, stage, criterion names…) that every writer must store as literal text, never as a formula;
 * `{ day }` is a calendar date.
 */
export type ReportCell = string | number | boolean | null | { text: string } | { day: Day };

/** A rectangle of the report grid, 0-based. */
export interface GridRect {
  row: number;
  col: number;
  rows: number;
  cols: number;
}

export type ReportFormatKind =
  | 'title'
  | 'section'
  | 'header'
  | 'integer'
  | 'money'
  | 'percent'
  | 'decimal'
  | 'date'
  | 'bad'
  | 'warn'
  | 'good'
  | 'heat'
  | 'muted';

export interface ReportFormat {
  rect: GridRect;
  kind: ReportFormatKind;
}

/** A chart of report figures; the Sheets shell draws each data row as an in-cell bar beside it. */
export interface ChartSpec {
  id: 'funnel' | 'concurrency' | 'wins';
  kind: 'bar' | 'stacked-bar' | 'column';
  /** The data block, first row = headers, first column = categories. */
  data: GridRect;
}

export interface Report {
  /** Rows of equal length `width`. */
  rows: ReportCell[][];
  width: number;
  formats: ReportFormat[];
  charts: ChartSpec[];
  /** Suggested column widths in pixels, one per column. */
  columnWidths: number[];
  frozenRows: number;
}

/**
 * Closed deals (won and lost) needed before the WIP band is derived from the data by Little's law (see
 * inventory.ts wipBand); the report and the sidebar name it when there is no band.
 */
export const BAND_MIN_CLOSES = 10;
