// The Inventory report as data: a grid of cells plus formats and chart specifications. The Sheets shell
// writes it with one setValues; the command line writes it into an .xlsx. User strings are `{ text }`.
import { isoOfDay } from './days';
import type { Inventory, StageCheck } from './inventory';
import { truncate } from './normalize';
import { sortIndices } from './order';
import type {
  ChartSpec,
  Day,
  GridRect,
  Issue,
  Report,
  ReportCell,
  ReportFormat,
  ReportFormatKind,
} from './types';

/** Label lookup supplied by the shell (src/i18n): core holds no words of its own. */
export type ReportText = (key: string, params?: Record<string, string | number>) => string;

/**
 * Long lists stop here; a last line says how many more there are. The limits keep the report under
 * 1,000 rows (a new tab's size) for teams of up to ~200 reps, so writing it costs the same service
 * calls for 100 customers or 50,000.
 */
export const LIST_LIMIT = 150;
export const ATTENTION_LIMIT = 100;
export const ISSUE_LIMIT = 200;
/** The same problem in more rows than this becomes one line listing the rows. */
const GROUP_FROM = 4;
const ROWS_LISTED = 20;

/** Issues of the same tab, column and kind, in order of first appearance. */
export function groupIssues(issues: readonly Issue[]): Issue[][] {
  const groups = new Map<string, Issue[]>();
  for (const issue of issues) {
    const key = `${issue.sheet}\u0000${issue.column}\u0000${issue.code}`;
    const group = groups.get(key);
    if (group) group.push(issue);
    else groups.set(key, [issue]);
  }
  const out: Issue[][] = [];
  for (const group of groups.values()) {
    if (group.length >= GROUP_FROM) out.push(group);
    else for (const issue of group) out.push([issue]);
  }
  return out.sort((a, b) => a[0].sheet.localeCompare(b[0].sheet) || a[0].row - b[0].row);
}

/**
 * The longest user text a report cell holds (a Stages tab may hold anything): far below Sheets' 50,000 and
 * Excel's 32,767 characters per cell, so writing the report never fails on a user's string.
 */
export const REPORT_TEXT_LIMIT = 5000;

const u = (s: string): ReportCell => ({ text: truncate(s, REPORT_TEXT_LIMIT) });
const day = (d: Day | null): ReportCell => (d === null ? null : { day: d });

class GridBuilder {
  readonly rows: ReportCell[][] = [];
  readonly formats: ReportFormat[] = [];
  readonly charts: ChartSpec[] = [];
  width = 2;

  get next(): number {
    return this.rows.length;
  }

  add(cells: ReportCell[], kind?: ReportFormatKind): number {
    const r = this.rows.length;
    this.rows.push(cells);
    this.width = Math.max(this.width, cells.length);
    if (kind) this.format({ row: r, col: 0, rows: 1, cols: cells.length }, kind);
    return r;
  }

  format(rect: GridRect, kind: ReportFormatKind): void {
    if (rect.rows > 0 && rect.cols > 0) this.formats.push({ rect, kind });
  }

  section(title: string): number {
    if (this.rows.length > 0) this.add([]);
    return this.add([title], 'section');
  }

  /** Formats one column of the rows [from, to). */
  column(col: number, from: number, to: number, kind: ReportFormatKind): void {
    this.format({ row: from, col, rows: to - from, cols: 1 }, kind);
  }

  more(shown: number, total: number, text: ReportText): void {
    if (total > shown) this.add([text('report.more', { n: total - shown })], 'muted');
  }

  build(): Report {
    const width = this.width;
    const rows = this.rows.map((r) =>
      r.length === width ? r : [...r, ...new Array<ReportCell>(width - r.length).fill(null)],
    );
    const columnWidths = new Array(width).fill(110);
    columnWidths[0] = 180;
    return { rows, width, formats: this.formats, charts: this.charts, columnWidths, frozenRows: 1 };
  }
}

// Passes over all customers are functions of their own (see gapList): buildReport runs once a run.

function stateCounts(inv: Inventory): { stalled: number; overdueActions: number; missingActions: number } {
  const counts = { stalled: 0, overdueActions: 0, missingActions: 0 };
  for (const s of inv.states) {
    if (s.stalled || s.resumeDue) counts.stalled++;
    if (s.nextAction === 'overdue') counts.overdueActions++;
    else if (s.nextAction === 'missing') counts.missingActions++;
  }
  return counts;
}

/** Value of the won, lost and on-hold customers. */
function closedValues(inv: Inventory): { won: number; lost: number; hold: number } {
  const value = { won: 0, lost: 0, hold: 0 };
  for (const c of inv.table.customers) {
    if (c.status === 'won') value.won += c.value ?? 0;
    else if (c.status === 'lost') value.lost += c.value ?? 0;
    else if (c.status === 'hold') value.hold += c.value ?? 0;
  }
  return value;
}

/** Order of the gap list: ahead, behind, match, none (a comparison per row, not a look-up by name). */
function checkRank(check: StageCheck): number {
  return check === 'ahead' ? 0 : check === 'behind' ? 1 : check === 'match' ? 2 : 3;
}

/** Open customers with a gap or a stage check that is off: ahead first, then behind, then by row. */
function gapList(inv: Inventory): number[] {
  const { customers } = inv.table;
  const list: number[] = [];
  const order: number[] = [];
  const rows: number[] = [];
  inv.states.forEach((s, i) => {
    if (customers[i].status === 'open' && (s.gap.length > 0 || s.check === 'ahead' || s.check === 'behind')) {
      list.push(i);
      order.push(checkRank(s.check));
      rows.push(customers[i].row);
    }
  });
  return sortIndices(list, order, rows);
}

/** Turns the inventory into the report grid. `t` gives the labels in the report's language. */
export function buildReport(inv: Inventory, t: ReportText, issueText: (issue: Issue) => string): Report {
  const g = new GridBuilder();
  const { table, states, results } = inv;
  const customers = table.customers;
  const stages = table.model.stages;
  const openNames = inv.openStages.map((i) => stages[i].name);
  const criterionName = (k: number): string => table.criteria[k].criterion.name;
  const who = (i: number): ReportCell => u(customers[i].name || customers[i].id);
  const repCell = (rep: string): ReportCell => (rep === '' ? t('report.noRep') : u(rep));

  g.add([t('report.title', { asOf: isoOfDay(inv.asOf) })], 'title');
  g.add(
    [u(t('report.source', { sheet: table.sheet, header: table.headerRow, rows: customers.length }))],
    'muted',
  );

  // Summary figures
  g.section(t('report.summary'));
  const { stalled, overdueActions, missingActions } = stateCounts(inv);
  const summary: [string, number | null, ReportFormatKind][] = [
    ['report.customers', inv.totals.customers, 'integer'],
    ['report.open', inv.totals.open, 'integer'],
    ['report.won', inv.totals.won, 'integer'],
    ['report.lost', inv.totals.lost, 'integer'],
    ['report.hold', inv.totals.hold, 'integer'],
    ['report.openValue', results.openValue, 'money'],
    ['report.weighted', results.weightedPipeline, 'money'],
    ['report.winRate', results.winRate, 'percent'],
    ['report.cycle', results.avgCycleDays, 'decimal'],
    ['report.velocity', results.velocityPerDay, 'money'],
    ['report.coverage', results.coverage, 'decimal'],
    ['report.coverageNeeded', results.coverageNeeded, 'decimal'],
    ['report.stalled', stalled, 'integer'],
    ['report.actionsOverdue', overdueActions, 'integer'],
    ['report.actionsMissing', missingActions, 'integer'],
    ['report.objectionsOpen', inv.objectionTotals.open, 'integer'],
    ['report.objectionsOverdue', inv.objectionTotals.overdue, 'integer'],
    ['report.objectionsBlocking', inv.objectionTotals.blocking, 'integer'],
    ['report.issues', inv.issues.length, 'integer'],
  ];
  for (const [key, value, kind] of summary) {
    const r = g.add([t(key), value]);
    g.format({ row: r, col: 1, rows: 1, cols: 1 }, kind);
  }

  // Stage funnel
  g.section(t('report.funnel'));
  const funnelHead = g.add([t('report.stage'), t('report.customers'), t('report.value')], 'header');
  inv.stageCounts.forEach((s, p) => {
    g.add([u(openNames[p]), s.customers, s.value]);
  });
  const funnelEnd = g.next;
  const closedValue = closedValues(inv);
  for (const kind of ['won', 'lost', 'hold'] as const) {
    g.add([t(`report.${kind}`), inv.totals[kind], closedValue[kind]]);
  }
  g.column(1, funnelHead + 1, g.next, 'integer');
  g.column(2, funnelHead + 1, g.next, 'money');
  if (openNames.length > 0) {
    g.charts.push({
      id: 'funnel',
      kind: 'bar',
      title: t('report.funnel'),
      data: { row: funnelHead, col: 0, rows: funnelEnd - funnelHead, cols: 2 },
      anchor: { row: funnelHead, col: 0 },
    });
  }

  // Rep x stage concurrency
  g.section(t('report.concurrency'));
  const repHead = g.add(
    [
      t('report.rep'),
      ...openNames.map(u),
      t('report.open'),
      t('report.band'),
      t('report.flags'),
      t('report.won'),
      t('report.lost'),
      t('report.wonValue'),
    ],
    'header',
  );
  const nOpen = openNames.length;
  for (const r of inv.reps) {
    const band = r.band ? `${r.band.low}–${r.band.high ?? '∞'}` : '';
    const flags = r.flags.map((f) => t(`flag.${f}`)).join(', ');
    const row = g.add([repCell(r.rep), ...r.byStage, r.open, band, flags, r.won, r.lost, r.wonValue]);
    if (r.flags.length) g.format({ row, col: nOpen + 3, rows: 1, cols: 1 }, 'bad');
  }
  if (nOpen > 0 && inv.reps.length > 0) {
    g.format({ row: repHead + 1, col: 1, rows: inv.reps.length, cols: nOpen }, 'heat');
    g.charts.push({
      id: 'concurrency',
      kind: 'stacked-bar',
      title: t('report.concurrency'),
      data: { row: repHead, col: 0, rows: inv.reps.length + 1, cols: nOpen + 1 },
      anchor: { row: repHead, col: 0 },
    });
  }
  g.column(nOpen + 6, repHead + 1, g.next, 'money');

  // Stage check and gaps
  g.section(t('report.gaps'));
  g.add(
    [
      t('report.row'),
      t('report.customer'),
      t('report.rep'),
      t('report.declared'),
      t('report.evidenced'),
      t('report.check'),
      t('report.nextStage'),
      t('report.gap'),
    ],
    'header',
  );
  const gapRows = gapList(inv);
  for (const i of gapRows.slice(0, LIST_LIMIT)) {
    const s = states[i];
    const c = customers[i];
    const next = s.nextStage === null ? '' : stages[s.nextStage].name;
    const gap = s.gap.map(criterionName);
    const actions = stages[inv.openStages[s.current]]?.actions ?? [];
    const r = g.add([
      c.row,
      who(i),
      repCell(c.rep),
      c.stageText === '' ? null : u(c.stageText),
      s.evidenced === null ? null : u(openNames[s.evidenced]),
      t(`check.${s.check}`),
      u(next),
      u([...gap, ...actions.map((a) => `▸ ${a}`)].join('; ')),
    ]);
    if (s.check === 'ahead') g.format({ row: r, col: 5, rows: 1, cols: 1 }, 'bad');
    else if (s.check === 'behind') g.format({ row: r, col: 5, rows: 1, cols: 1 }, 'warn');
  }
  g.more(Math.min(gapRows.length, LIST_LIMIT), gapRows.length, t);

  // Stalled customers
  g.section(t('report.stalledList'));
  g.add(
    [
      t('report.row'),
      t('report.customer'),
      t('report.rep'),
      t('report.stage'),
      t('report.daysInStage'),
      t('report.limit'),
      t('report.daysSinceContact'),
      t('report.nextAction'),
    ],
    'header',
  );
  const stalledRows = inv.stalled;
  for (const i of stalledRows.slice(0, LIST_LIMIT)) {
    const s = states[i];
    const c = customers[i];
    const stage = stages[inv.openStages[s.current]];
    g.add([
      c.row,
      who(i),
      repCell(c.rep),
      s.resumeDue
        ? t('report.resumeDue', { date: c.resumeOn === null ? '' : isoOfDay(c.resumeOn) })
        : u(stage?.name ?? ''),
      s.daysInStage,
      s.stallLimit,
      s.daysSinceContact,
      s.nextAction ? t(`action.${s.nextAction}`) : null,
    ]);
  }
  g.more(Math.min(stalledRows.length, LIST_LIMIT), stalledRows.length, t);

  // Objections
  g.section(t('report.objections'));
  const ot = inv.objectionTotals;
  g.add(
    [
      t('report.objectionType'),
      t('report.total'),
      t('report.open'),
      t('report.overdue'),
      t('report.blocking'),
    ],
    'header',
  );
  for (const [type, v] of Object.entries(ot.byType)) {
    if (v) g.add([t(`type.${type}`), v.total, v.open, v.overdue, v.blocking]);
  }
  g.add(
    [t('report.byStatus'), ...Object.entries(ot.byStatus).map(([s, n]) => `${t(`status.${s}`)}: ${n}`)],
    'muted',
  );
  g.add([t('report.unplanned'), ot.unplanned, t('report.unsupervised'), ot.unsupervised]);
  if (ot.attention.length > 0) {
    const head = g.add(
      [
        t('report.row'),
        t('report.customer'),
        t('report.objectionType'),
        t('report.objection'),
        t('report.owner'),
        t('report.due'),
        t('report.attention'),
      ],
      'header',
    );
    for (const { index, reasons } of ot.attention.slice(0, ATTENTION_LIMIT)) {
      const o = inv.objections[index];
      g.add([
        o.row,
        u(o.customerText),
        t(`type.${o.type}`),
        u(o.text),
        u(o.owner),
        day(o.due),
        reasons.map((r) => t(`attention.${r}`)).join(', '),
      ]);
    }
    g.column(5, head + 1, g.next, 'date');
    g.more(Math.min(ot.attention.length, ATTENTION_LIMIT), ot.attention.length, t);
  }

  // Same-stage cohorts
  g.section(t('report.cohorts'));
  g.add(
    [
      t('report.stage'),
      t('report.customers'),
      t('report.reps'),
      t('report.mostMissing'),
      t('report.lacking'),
    ],
    'header',
  );
  for (const c of inv.cohorts) {
    g.add([
      u(openNames[c.stage]),
      c.members.length,
      c.reps,
      c.criterion < 0 ? null : u(criterionName(c.criterion)),
      c.lacking,
    ]);
  }

  // Results per period
  g.section(t(inv.settings.period === 'quarter' ? 'report.resultsQuarter' : 'report.resultsMonth'));
  const resHead = g.add(
    [
      t('report.period'),
      t('report.wins'),
      t('report.wonValue'),
      t('report.lost'),
      t('report.winRate'),
      t('report.cycle'),
      t('report.headcount'),
      t('report.winsPerRep'),
      t('report.target'),
    ],
    'header',
  );
  for (const p of results.periods) {
    g.add([
      u(p.period),
      p.wins,
      p.wonValue,
      p.lost,
      p.winRate,
      p.avgCycleDays,
      p.headcount,
      p.winsPerRep,
      p.winsTarget,
    ]);
  }
  g.column(2, resHead + 1, g.next, 'money');
  g.column(4, resHead + 1, g.next, 'percent');
  g.column(5, resHead + 1, g.next, 'decimal');
  g.column(7, resHead + 1, g.next, 'decimal');
  g.charts.push({
    id: 'wins',
    kind: 'column',
    title: t('report.winsChart'),
    data: { row: resHead, col: 0, rows: results.periods.length + 1, cols: 2 },
    anchor: { row: resHead, col: 0 },
  });
  if (results.balance) {
    const b = results.balance;
    const r = g.add([
      t('report.balance'),
      b.headcountChange,
      b.productivityChange,
      b.outputChange,
      t('report.balanceNote'),
    ]);
    g.format({ row: r, col: 1, rows: 1, cols: 3 }, 'percent');
    g.format({ row: r, col: 3, rows: 1, cols: 1 }, b.outputChange < 0 ? 'bad' : 'good');
  }

  // Support matrix
  if (inv.support.functions.length > 0) {
    g.section(t('report.support'));
    const head = g.add([t('report.stage'), ...inv.support.functions.map(u)], 'header');
    inv.support.counts.forEach((row, p) => {
      g.add([u(openNames[p]), ...row]);
    });
    g.format(
      { row: head + 1, col: 1, rows: inv.support.counts.length, cols: inv.support.functions.length },
      'heat',
    );
  }

  // Data issues
  g.section(t('report.dataIssues', { n: inv.issues.length }));
  g.add(
    [t('report.sheet'), t('report.row'), t('report.column'), t('report.value'), t('report.message')],
    'header',
  );
  const groups = groupIssues(inv.issues);
  for (const group of groups.slice(0, ISSUE_LIMIT)) {
    const [first] = group;
    if (group.length === 1) {
      g.add([u(first.sheet), first.row, u(first.column), u(first.value), u(issueText(first))]);
      continue;
    }
    const rows = group.slice(0, ROWS_LISTED).map((i) => i.row);
    const values = [...new Set(group.map((i) => i.value))].slice(0, 3).join(' · ');
    const text = t('report.issueGroup', {
      n: group.length,
      rows: `${rows.join(', ')}${group.length > ROWS_LISTED ? ', …' : ''}`,
    });
    g.add([u(first.sheet), first.row, u(first.column), u(values), u(`${issueText(first)} — ${text}`)]);
  }
  g.more(Math.min(groups.length, ISSUE_LIMIT), groups.length, t);

  // Charts sit to the right of the grid, next to their data.
  const report = g.build();
  for (const chart of report.charts) chart.anchor = { row: chart.anchor.row, col: report.width + 1 };
  return report;
}
