// Shared helpers of the add-on tests (dist/Code.js in the Sheets sandbox): a pinned clock, deterministic
// customer data, and the expected report grid computed by core for the same input.
import { dateOfDay } from '../../src/core/days';
import { runInventory } from '../../src/core/index';
import { buildReport } from '../../src/core/report';
import { stagesGrid } from '../../src/core/stage-grid';
import { template } from '../../src/core/templates';
import type { Cell, Lang, Report, SheetData } from '../../src/core/types';
import { issueMessage, reportText } from '../../src/i18n/messages';
import {
  type CellValue,
  createSpreadsheet,
  type FakeSpreadsheet,
  type LoadOptions,
  loadBundle,
  type Sandbox,
  type SheetSnapshot,
} from '../sandbox';
import { mulberry32 } from '../support/random';

/** The day every test runs on (the sandbox's `new Date()` is pinned to it, see loadPinned). */
export const TODAY = '2026-03-16';
export const NOW = `${TODAY}T09:30:00Z`;

/** loadBundle with the clock pinned to NOW (or `iso`). */
export function loadPinned(options: LoadOptions = {}, iso = NOW): Sandbox {
  return loadBundle({ ...options, now: iso });
}

export const utc = (iso: string): Date => new Date(`${iso}T00:00:00Z`);

/** Tabs Deals and Settings, whose Customer tab names "Deals 2026": a tab the spreadsheet does not have. */
export const namesMissingTab = (): Record<string, unknown[][]> => ({
  Deals: [
    ['ID', 'Customer', 'Rep', 'Stage'],
    ['C1', 'Acme', 'Ann', 'Lead'],
  ],
  Settings: [
    ['Setting', 'Value'],
    ['Customer tab', 'Deals 2026'],
  ],
});
const DAY_MS = 86400000;

/** The B2B template's Stages tab, English. */
export const B2B_STAGES_EN = (): (string | number)[][] => stagesGrid(template('b2b', 'en'), 'en');
export const B2B_STAGES_ZH = (): (string | number)[][] => stagesGrid(template('b2b', 'zh'), 'zh');

export const OPEN_STAGES = ['Lead', 'Discovery', 'Budget', 'Solution & tender', 'Negotiation & approval'];
export const STAGES = [...OPEN_STAGES, 'Won', 'Lost', 'On hold'];
/** Criteria columns present in the customer tab (the first six B2B criteria, by stage 1..4). */
export const CRITERIA = [
  'Inquiry',
  'Need confirmed',
  'Decision process mapped',
  'Budget confirmed',
  'Budget-approval path',
  'Solution accepted',
];
const CRITERION_STAGE = [0, 1, 1, 2, 2, 3];
export const REPS = [
  'Ann Lee',
  'Bo Chen',
  'Cara Diaz',
  'Dev Patel',
  'Eve Moss',
  'Finn Ng',
  'Gil Ort',
  'Hana Ito',
];

/** A1:N header: 14 columns, so =STAGE_GAP(A2:N2) covers a whole row. */
export const HEADER = [
  'ID',
  'Customer',
  'Rep',
  'Stage',
  'Amount',
  'Created',
  'Close Date',
  'Stage Entered',
  ...CRITERIA,
];

export interface CustomerOptions {
  seed?: number;
  /** How criterion cells that are met look: a Date (default) or an Excel serial number (for HyperFormula). */
  dates?: 'date' | 'serial';
  /** Add a few unknown stage values and unreadable criterion cells (data issues). */
  noise?: boolean;
}

const SERIAL_EPOCH = Date.UTC(1899, 11, 30);
const serialOf = (d: Date): number => Math.round((d.getTime() - SERIAL_EPOCH) / DAY_MS);

/** `n` deterministic customer rows under HEADER (without the header). */
export function customerRows(n: number, options: CustomerOptions = {}): CellValue[][] {
  const random = mulberry32(options.seed ?? 42);
  const base = Date.parse('2026-03-01T00:00:00Z');
  const date = (daysBefore: number): Date | number => {
    const d = new Date(base - Math.round(daysBefore) * DAY_MS);
    return options.dates === 'serial' ? serialOf(d) : d;
  };
  const rows: CellValue[][] = [];
  for (let i = 0; i < n; i++) {
    const r = random();
    const stage =
      r < 0.2
        ? 0
        : r < 0.4
          ? 1
          : r < 0.55
            ? 2
            : r < 0.67
              ? 3
              : r < 0.75
                ? 4
                : r < 0.87
                  ? 5
                  : r < 0.97
                    ? 6
                    : 7;
    let stageText = STAGES[stage];
    if (options.noise && i % 97 === 13) stageText = 'Discovry';
    const created = 30 + random() * 300;
    const criteria = CRITERION_STAGE.map((cs, k) => {
      const reached = stage >= 5 ? stage === 5 || random() < 0.5 : cs < stage;
      const met = reached ? random() < 0.9 : random() < 0.12;
      if (options.noise && i % 89 === 7 && k === 1) return 'maybe';
      if (!met) return '';
      return random() < 0.8 ? date(created - 10 * (k + 1)) : 'yes';
    });
    rows.push([
      `C${String(i + 1).padStart(5, '0')}`,
      `Customer ${i + 1}`,
      REPS[Math.floor(random() * REPS.length)],
      stageText,
      Math.round(random() * 900 + 100) * 100,
      date(created),
      date(created - 90 - random() * 60),
      date(random() * 60),
      ...criteria,
    ]);
  }
  return rows;
}

/** Strings as a user would type them so Sheets keeps them as text (a leading apostrophe). */
export const typed = (s: string): string => `'${s}`;

/** The values the shell writes for a report grid, as the sandbox stores them. */
export function reportValues(report: Report, timeZone: string): CellValue[][] {
  return report.rows.map((row) =>
    row.map((cell): CellValue => {
      if (cell === null) return '';
      if (typeof cell === 'object') return 'text' in cell ? cell.text : dateOfDay(cell.day, timeZone);
      return cell;
    }),
  );
}

/** Core's report for the given tabs, as the shell would build it. */
export function coreReport(
  sheets: SheetData[],
  options: { asOf: string; timeZone: string; lang: Lang; customerSheet: string },
): { report: Report; issues: number } {
  const outcome = runInventory({ sheets, ...options });
  if (!outcome.ok) throw new Error(`core: ${outcome.code}`);
  const lang = outcome.lang;
  const report = buildReport(outcome.inventory, reportText(lang), (i) => issueMessage(i, lang));
  return { report, issues: outcome.inventory.issues.length };
}

/** Trailing blank rows and columns removed (the snapshot covers only the content extent). */
export function trimGrid(grid: readonly (readonly CellValue[])[]): CellValue[][] {
  const blank = (v: CellValue) => v === '';
  const rows = grid.map((r) => [...r]);
  while (rows.length && rows[rows.length - 1].every(blank)) rows.pop();
  let width = 0;
  for (const r of rows) for (let c = r.length - 1; c >= width; c--) if (!blank(r[c])) width = c + 1;
  return rows.map((r) => {
    const out = r.slice(0, width);
    while (out.length < width) out.push('');
    return out;
  });
}

/** The tabs of a spreadsheet as core receives them from the shell (getDataRange().getValues()). */
export function sheetData(ss: FakeSpreadsheet, names: string[]): SheetData[] {
  const snap = ss.snapshot();
  return names.map((name) => ({ name, values: snap[name].values as Cell[][] }));
}

/** Every tab's snapshot except the ones named. */
export function snapshotExcept(ss: FakeSpreadsheet, ...skip: string[]): Record<string, SheetSnapshot> {
  const all = ss.snapshot();
  for (const name of skip) delete all[name];
  return all;
}

export { createSpreadsheet };
