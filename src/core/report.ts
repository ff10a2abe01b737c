// The Inventory report as data: a grid of cells plus formats and chart specifications. The Sheets shell
// writes it with one setValues; the command line writes it into an .xlsx. User strings are `{ text }`.
import { isoOfDay } from './days';
import { type CustomerState, type Inventory, isWhole, type RepResult } from './inventory';
import { truncate } from './normalize';
import type { Customer } from './table';
import {
  BAND_MIN_CLOSES,
  type ChartSpec,
  type GridRect,
  type Issue,
  type Report,
  type ReportCell,
  type ReportFormat,
  type ReportFormatKind,
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

/** Issues of the same tab, column, kind and particulars (the setting, the suggestion), in order of first appearance. */
export function groupIssues(issues: readonly Issue[]): Issue[][] {
  const groups = new Map<string, Issue[]>();
  for (const issue of issues) {
    // Its params too: issues whose messages differ (another setting, another suggestion) are not one line.
    const key = `${issue.sheet}\u0000${issue.column}\u0000${issue.code}\u0000${JSON.stringify(issue.params ?? '')}`;
    const group = groups.get(key);
    if (group) group.push(issue);
    else groups.set(key, [issue]);
  }
  return [...groups.values()]
    .flatMap((group) => (group.length >= GROUP_FROM ? [group] : group.map((issue) => [issue])))
    .sort((a, b) => a[0].sheet.localeCompare(b[0].sheet) || a[0].row - b[0].row);
}

/**
 * The longest user text a report cell holds (a Stages tab may hold anything): far below Sheets' 50,000 and
 * Excel's 32,767 characters per cell, so writing the report never fails on a user's string.
 */
export const REPORT_TEXT_LIMIT = 5000;

const u = (s: string): ReportCell => ({ text: truncate(s, REPORT_TEXT_LIMIT) });

/** The report grid as it grows. */
class GridBuilder {
  readonly rows: ReportCell[][] = [];
  readonly formats: ReportFormat[] = [];
  readonly charts: ChartSpec[] = [];
  width = 2;

  /** `label` gives the report's own text `report.<key>`. */
  constructor(private readonly label: ReportText) {}

  /** Appends a row (formatted whole when given a kind) and returns its index. */
  add(cells: ReportCell[], kind?: ReportFormatKind): number {
    const r = this.rows.length;
    this.rows.push(cells);
    this.width = Math.max(this.width, cells.length);
    if (kind) this.format({ row: r, col: 0, rows: 1, cols: cells.length }, kind);
    return r;
  }

  /** The labels of keys separated by spaces. */
  labels(keys: string): string[] {
    return keys.split(' ').map((k) => this.label(k));
  }

  /** Appends a row of labels (keys separated by spaces). */
  header(keys: string): number {
    return this.add(this.labels(keys), 'header');
  }

  format(rect: GridRect, kind: ReportFormatKind): void {
    if (rect.rows > 0 && rect.cols > 0) this.formats.push({ rect, kind });
  }

  cell(row: number, col: number, kind: ReportFormatKind): void {
    this.format({ row, col, rows: 1, cols: 1 }, kind);
  }

  /** Starts a section titled with the label of `key`, after a blank row (the report starts with its title). */
  section(key: string, params?: Record<string, string | number>): void {
    this.add([]);
    this.add([this.label(key, params)], 'section');
  }

  /** Formats columns (the kind of each by its index) of the rows from `from` to the last so far. */
  columns(from: number, kinds: Record<number, ReportFormatKind>): void {
    for (const [col, kind] of Object.entries(kinds))
      this.format({ row: from, col: Number(col), rows: this.rows.length - from, cols: 1 }, kind);
  }

  /** Adds the rows of the first `limit` items (`addRow` adds one), then the line saying how many more there are. */
  list<T>(items: readonly T[], limit: number, addRow: (item: T) => void): void {
    items.slice(0, limit).forEach(addRow);
    if (items.length > limit) this.add([this.label('more', { n: items.length - limit })], 'muted');
  }

  /** Records a chart of a block starting in column A. */
  chart(id: ChartSpec['id'], kind: ChartSpec['kind'], row: number, rows: number, cols: number): void {
    this.charts.push({ id, kind, data: { row, col: 0, rows, cols } });
  }

  /** The report, every row padded with empty cells to the full width. */
  build(): Report {
    const { rows, width } = this;
    for (const row of rows) while (row.length < width) row.push(null);
    const columnWidths = [180, ...new Array(width - 1).fill(110)];
    return { rows, width, formats: this.formats, charts: this.charts, columnWidths, frozenRows: 1 };
  }
}

/**
 * What a customer (its state `s`) still lacks for the next stage, as the gap column and STAGE_GAP write it: its unmet
 * criteria, earliest first, then the current stage's required actions (▸).
 */
export function gapText(inv: Inventory, s: CustomerState, sep: string): string {
  const actions = (inv.stageAt[s.current]?.actions ?? []).map((a) => `▸ ${a}`);
  return [...s.gap.map((k) => inv.table.criteria[k].criterion.name), ...actions].join(sep);
}

/** Turns the inventory into the report grid. `t` gives the labels in the report's language. */
export function buildReport(inv: Inventory, t: ReportText, issueText: (issue: Issue) => string): Report {
  const label: ReportText = (key, params) => t(`report.${key}`, params);
  const g = new GridBuilder(label);
  const { table, results, totals } = inv;
  /** The open stages' names as report cells, by open-stage position. */
  const openNames = inv.stageAt.map((s) => u(s.name));
  const nOpen = openNames.length;
  const repCell = (rep: string): ReportCell => (rep === '' ? label('noRep') : u(rep));
  /** The first cells of a customer's row: sheet row, customer, rep. */
  const customerCells = (c: Customer): ReportCell[] => [c.row, u(c.name || c.id), repCell(c.rep)];
  const ot = inv.objectionTotals;

  g.add([label('title', { asOf: isoOfDay(inv.asOf) })], 'title');
  g.add(
    [u(label('source', { sheet: table.sheet, header: table.headerRow, rows: totals.customers }))],
    'muted',
  );

  // Summary figures (integers unless a format is named)
  g.section('summary');
  const { nextActions, valueByStatus: values } = inv;
  // A figure Pandian cannot know is blank, beside a note saying why (as is one it had to assume).
  const notes: Record<string, false | [string, Record<string, number>?]> = {
    openValue: results.openValue === null && ['noValues'],
    weighted: results.assumedProbabilities > 0 && ['assumedProbability', { n: results.assumedProbabilities }],
    stalled: inv.noStallLimit && ['noStallLimit'],
    outOfTouch: table.roles.lastContact === undefined && ['noContactColumn'],
  };
  const summary: [string, number | null, ReportFormatKind?][] = [
    ['customers', totals.customers],
    ['open', totals.open],
    ['won', totals.won],
    ['lost', totals.lost],
    ['hold', totals.hold],
    ['openValue', results.openValue, 'money'],
    ['weighted', results.weightedPipeline, 'money'],
    ['winRate', results.winRate, 'percent'],
    ['cycle', results.avgCycleDays, 'decimal'],
    ['velocity', results.velocityPerDay, 'money'],
    ['coverage', results.coverage, 'decimal'],
    ['coverageNeeded', results.coverageNeeded, 'decimal'],
    ['stalled', inv.noStallLimit ? null : inv.stalled.length],
    ['outOfTouch', notes.outOfTouch ? null : inv.outOfTouch.length],
    ['actionsOverdue', nextActions.overdue],
    ['actionsMissing', nextActions.missing],
    ['objectionsOpen', ot.open],
    ['objectionsOverdue', ot.overdue],
    ['objectionsBlocking', ot.blocking],
    ['issues', inv.issues.length],
  ];
  for (const [key, value, kind = 'integer'] of summary) {
    const note = notes[key];
    g.cell(g.add([label(key), value, ...(note ? [label(...note)] : [])]), 1, kind);
  }

  // Stage funnel
  g.section('funnel');
  const funnelHead = g.header('stage customers value');
  inv.stageCounts.forEach((s, p) => {
    g.add([openNames[p], s.customers, s.value]);
  });
  for (const kind of ['won', 'lost', 'hold'] as const) g.add([label(kind), totals[kind], values[kind]]);
  g.columns(funnelHead + 1, { 1: 'integer', 2: 'money' });
  // The chart: the header and a row per open stage (stageCounts has one per open stage)
  if (nOpen > 0) g.chart('funnel', 'bar', funnelHead, nOpen + 1, 2);

  // Rep x stage concurrency
  g.section('concurrency');
  const repHead = g.add(
    [label('rep'), ...openNames, ...g.labels('open band flags won lost hold wonValue')],
    'header',
  );
  for (const r of inv.reps) {
    const band = r.band ? `${r.band.low}–${r.band.high ?? '∞'}` : '';
    const flags = r.flags.map((f) => t(`flag.${f}`)).join(t('word.list'));
    const row = g.add([repCell(r.rep), ...r.byStage, r.open, band, flags, r.won, r.lost, r.hold, r.wonValue]);
    if (r.flags.length) g.cell(row, nOpen + 3, 'bad');
  }
  if (nOpen > 0 && inv.reps.length > 0) {
    g.format({ row: repHead + 1, col: 1, rows: inv.reps.length, cols: nOpen }, 'heat');
    g.chart('concurrency', 'stacked-bar', repHead, inv.reps.length + 1, nOpen + 1);
  }
  g.columns(repHead + 1, { [nOpen + 7]: 'money' });
  if (inv.noBand) g.add([label('noBand', { n: BAND_MIN_CLOSES })], 'muted');

  // Stage check and gaps
  g.section('gaps');
  g.header('row customer rep declared evidenced check nextStage gap');
  g.list(inv.gaps, LIST_LIMIT, (i) => {
    const { customer: c, state: s } = inv.entryAt(i);
    const r = g.add([
      ...customerCells(c),
      c.stageText === '' ? null : u(c.stageText),
      s.evidenced === null ? null : openNames[s.evidenced],
      t(`check.${s.check}`),
      u(s.nextStage === null ? '' : table.model.stages[s.nextStage].name),
      u(gapText(inv, s, t('word.items'))),
    ]);
    if (s.check === 'ahead') g.cell(r, 5, 'bad');
    else if (s.check === 'behind') g.cell(r, 5, 'warn');
  });

  // Stalled customers
  g.section('stalled');
  g.header('row customer rep stage daysInStage limit daysSinceContact nextAction');
  g.list(inv.stalled, LIST_LIMIT, (i) => {
    const { customer: c, state: s } = inv.entryAt(i);
    g.add([
      ...customerCells(c),
      s.resumeDue
        ? label('resumeDue', { date: c.resumeOn === null ? '' : isoOfDay(c.resumeOn) })
        : c.status === 'hold'
          ? label('holdNoResume')
          : (openNames[s.current] ?? u('')),
      s.daysInStage,
      s.stallLimit,
      s.daysSinceContact,
      s.nextAction ? t(`action.${s.nextAction}`) : null,
    ]);
  });

  // Out-of-touch customers, when the tab records contact
  if (table.roles.lastContact !== undefined) {
    g.section('outOfTouchList', { n: inv.settings.contactDays });
    g.header('row customer rep stage daysSinceContact nextAction');
    g.list(inv.outOfTouch, LIST_LIMIT, (i) => {
      const { customer: c, state: s } = inv.entryAt(i);
      g.add([
        ...customerCells(c),
        openNames[s.current] ?? u(''),
        s.daysSinceContact,
        s.nextAction ? t(`action.${s.nextAction}`) : null,
      ]);
    });
  }

  // Next actions past due, customer by customer, when the tab dates them: whose promise to act has lapsed
  if (table.roles.nextActionDue !== undefined) {
    g.section('actionsOverdueList');
    const head = g.header('row customer rep stage nextAction due');
    g.list(inv.actionsOverdue, LIST_LIMIT, (i) => {
      const { customer: c, state: s } = inv.entryAt(i);
      g.add([
        ...customerCells(c),
        openNames[s.current] ?? u(''),
        u(c.nextAction),
        c.nextActionDue === null ? null : { day: c.nextActionDue },
      ]);
    });
    g.columns(head + 1, { 5: 'date' });
  }

  // Objections
  g.section('objections');
  g.header('objectionType total unresolved overdue blocking');
  for (const [type, v] of Object.entries(ot.byType)) {
    if (v) g.add([t(`type.${type}`), v.total, v.open, v.overdue, v.blocking]);
  }
  g.add(
    [
      label('byStatus'),
      ...Object.entries(ot.byStatus).map(([s, n]) => label('statusCount', { status: t(`status.${s}`), n })),
    ],
    'muted',
  );
  g.add([label('unplanned'), ot.unplanned, label('unsupervised'), ot.unsupervised]);
  if (ot.attention.length > 0) {
    const head = g.header('row customer objectionType objection owner due attention');
    g.list(ot.attention, ATTENTION_LIMIT, ({ index, reasons }) => {
      const o = inv.objections[index];
      // The customer's name, as the other lists show it, where the objection names it by id.
      const name = o.customer < 0 ? '' : table.customerAt(o.customer).name;
      g.add([
        o.row,
        u(name || o.customerText),
        t(`type.${o.type}`),
        u(o.text),
        u(o.owner),
        o.due === null ? null : { day: o.due },
        reasons.map((r) => t(`attention.${r}`)).join(t('word.list')),
      ]);
    });
    // Also over the "… more" row, whose due cell is empty.
    g.columns(head + 1, { 5: 'date' });
  }

  // Same-stage cohorts
  g.section('cohorts');
  g.header('stage customers reps mostMissing lacking');
  for (const c of inv.cohorts) {
    g.add([
      openNames[c.stage],
      c.members.length,
      c.reps,
      c.criterion < 0 ? null : u(table.criteria[c.criterion].criterion.name),
      c.lacking,
    ]);
  }

  // Results per period
  g.section(inv.settings.period === 'quarter' ? 'resultsQuarter' : 'resultsMonth');
  const resHead = g.header('period wins wonValue losses winRate cycle headcount winsPerRep target');
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
  g.columns(resHead + 1, { 2: 'money', 4: 'percent', 5: 'decimal', 7: 'decimal' });
  g.chart('wins', 'column', resHead, results.periods.length + 1, 2);
  const b = results.balance;
  if (b) {
    // Its own header: the period table's columns (wins, won value, lost) are not these three.
    g.add([]);
    g.add(['', ...g.labels('headcountChange productivity output')], 'header');
    const r = g.add([
      label('balance', { period: b.period, before: b.before }),
      b.headcountChange,
      b.productivityChange,
      b.outputChange,
      label('balanceNote'),
    ]);
    g.format({ row: r, col: 1, rows: 1, cols: 3 }, 'percent');
    g.cell(r, 3, b.outputChange < 0 ? 'bad' : 'good');
  }

  // Per rep and period: wins, and won value when there is a value target; a whole period under target is
  // marked, where the rep was in play (as the headcount counts): a rep not yet or no longer there shows blank.
  const repTable = (key: string, pick: (r: RepResult) => number[], target: number | undefined) => {
    g.section(key);
    const targets = target === undefined ? [] : [target];
    const head = g.add(
      [
        label('rep'),
        ...results.periods.map((p) => u(p.period)),
        ...(targets.length ? [label('perRepTarget')] : []),
      ],
      'header',
    );
    for (const r of results.reps) {
      const values = pick(r);
      const row = g.add([
        repCell(r.rep),
        ...values.map((v, j) => (v === 0 && !r.inPlay[j] ? '' : v)),
        ...targets,
      ]);
      values.forEach((v, j) => {
        if (target !== undefined && r.inPlay[j] && v < target && isWhole(results.periods[j], inv.asOf))
          g.cell(row, j + 1, 'warn');
      });
    }
    return head;
  };
  if (results.reps.length > 0) {
    repTable('repWins', (r) => r.wins, inv.settings.winsTarget);
    if (inv.settings.valueTarget !== undefined) {
      const head = repTable('repWonValue', (r) => r.wonValue, inv.settings.valueTarget);
      g.format(
        { row: head + 1, col: 1, rows: results.reps.length, cols: results.periods.length + 1 },
        'money',
      );
    }
  }

  // Support matrix
  const { functions, counts: support } = inv.support;
  if (functions.length > 0) {
    g.section('support');
    const head = g.add([label('stage'), ...functions.map(u)], 'header');
    support.forEach((row, p) => {
      g.add([openNames[p], ...row]);
    });
    g.format({ row: head + 1, col: 1, rows: support.length, cols: functions.length }, 'heat');
  }

  // Data issues
  g.section('dataIssues', { n: inv.issues.length });
  g.header('sheet row column cell message');
  g.list(groupIssues(inv.issues), ISSUE_LIMIT, (group) => {
    const [first] = group;
    const n = group.length;
    const sep = t('word.list');
    const rows = `${group
      .slice(0, ROWS_LISTED)
      .map((i) => i.row)
      .join(sep)}${n > ROWS_LISTED ? `${sep}…` : ''}`;
    let message = issueText(first);
    if (n > 1) message += ` — ${label('issueGroup', { n, rows })}`;
    // The value: up to three of the group's values (a lone issue's own value)
    const value = [...new Set(group.map((i) => i.value))].slice(0, 3).join(' · ');
    g.add([u(first.sheet), first.row, u(first.column), u(value), u(message)]);
  });

  return g.build();
}
