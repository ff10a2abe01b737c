// The machine-readable result of `pandian inventory --json` (schema documented in the README).
import { isoOfDay } from '../core/days';
import type { CustomerState, Inventory } from '../core/inventory';
import type { Customer } from '../core/table';
import type { Lang, Role } from '../core/types';
import { issueMessage } from '../i18n/messages';

/** A customer in one of the inventory's lists, with the days that put it there. */
interface Listed {
  row: number;
  customer: string;
  rep: string;
  stage: string;
  days: number | null;
}

export interface InventoryJson {
  asOf: string;
  source: { file: string; sheet: string; headerRow: number; mapping: Partial<Record<Role, string>> };
  stages: { name: string; kind: string }[];
  totals: Inventory['totals'];
  byStage: Record<string, number>;
  reps: {
    rep: string;
    open: number;
    byStage: Record<string, number>;
    won: number;
    lost: number;
    hold: number;
    wonValue: number;
    band: { low: number; high: number | null } | null;
    flags: string[];
  }[];
  cohorts: { stage: string; customers: number; reps: number; mostMissing: string | null; lacking: number }[];
  objections: { open: number; overdue: number; blocking: number; byType: Record<string, number> };
  /** Stalled customers, days in stage. */
  stalled: Listed[];
  /** Customers out of touch, days since contact. */
  outOfTouch: Listed[];
  /** Customers whose next action is past due, days overdue. */
  actionsOverdue: Listed[];
  results: {
    winRate: number | null;
    avgCycleDays: number | null;
    velocityPerDay: number | null;
    /** Open customers with a value weighted by a probability assumed from their stage's place. */
    assumedProbabilities: number;
    weightedPipeline: number | null;
    openValue: number | null;
    coverage: number | null;
    coverageNeeded: number | null;
    periods: {
      period: string;
      wins: number;
      wonValue: number;
      lost: number;
      winRate: number | null;
      headcount: number;
    }[];
    /** Per rep in play or with a win shown: wins and won value by period. */
    reps: { rep: string; wins: Record<string, number>; wonValue: Record<string, number> }[];
  };
  issues: { sheet: string; row: number; column: string; value: string; code: string; message: string }[];
}

export function inventoryJson(inv: Inventory, file: string, lang: Lang): InventoryJson {
  const { table } = inv;
  const stages = table.model.stages;
  const openNames = inv.stageAt.map((s) => s.name);
  const mapping: Partial<Record<Role, string>> = {};
  for (const [role, col] of Object.entries(table.roles) as [Role, number][])
    mapping[role] = table.headers[col];

  const byStage = Object.fromEntries(openNames.map((name, p) => [name, inv.stageCounts[p].customers]));

  const byPeriod = (values: number[]): Record<string, number> =>
    Object.fromEntries(inv.results.periods.map((p, j) => [p.period, values[j]]));

  const byType: Record<string, number> = {};
  for (const [type, v] of Object.entries(inv.objectionTotals.byType)) if (v) byType[type] = v.open;

  const listed = (indices: number[], days: (s: CustomerState, c: Customer) => number | null): Listed[] =>
    indices.map((i) => {
      const { customer: c, state: s } = inv.entryAt(i);
      return {
        row: c.row,
        customer: c.name || c.id,
        rep: c.rep,
        stage: c.status === 'hold' ? c.stageText : (openNames[s.current] ?? ''),
        days: days(s, c),
      };
    });

  return {
    asOf: isoOfDay(inv.asOf),
    source: { file, sheet: table.sheet, headerRow: table.headerRow, mapping },
    stages: stages.map((s) => ({ name: s.name, kind: s.kind })),
    totals: inv.totals,
    byStage,
    reps: inv.reps.map((r) => ({
      rep: r.rep,
      open: r.open,
      byStage: Object.fromEntries(openNames.map((n, p) => [n, r.byStage[p]])),
      won: r.won,
      lost: r.lost,
      hold: r.hold,
      wonValue: r.wonValue,
      band: r.band,
      flags: r.flags,
    })),
    cohorts: inv.cohorts.map((c) => ({
      stage: openNames[c.stage],
      customers: c.members.length,
      reps: c.reps,
      mostMissing: c.criterion < 0 ? null : table.criteria[c.criterion].criterion.name,
      lacking: c.lacking,
    })),
    objections: {
      open: inv.objectionTotals.open,
      overdue: inv.objectionTotals.overdue,
      blocking: inv.objectionTotals.blocking,
      byType,
    },
    stalled: listed(inv.stalled, (s) => s.daysInStage),
    outOfTouch: listed(inv.outOfTouch, (s) => s.daysSinceContact),
    actionsOverdue: listed(inv.actionsOverdue, (_, c) => inv.asOf - (c.nextActionDue ?? inv.asOf)),
    results: {
      winRate: inv.results.winRate,
      avgCycleDays: inv.results.avgCycleDays,
      velocityPerDay: inv.results.velocityPerDay,
      assumedProbabilities: inv.results.assumedProbabilities,
      weightedPipeline: inv.results.weightedPipeline,
      openValue: inv.results.openValue,
      coverage: inv.results.coverage,
      coverageNeeded: inv.results.coverageNeeded,
      periods: inv.results.periods.map((p) => ({
        period: p.period,
        wins: p.wins,
        wonValue: p.wonValue,
        lost: p.lost,
        winRate: p.winRate,
        headcount: p.headcount,
      })),
      reps: inv.results.reps.map((r) => ({
        rep: r.rep,
        wins: byPeriod(r.wins),
        wonValue: byPeriod(r.wonValue),
      })),
    },
    issues: inv.issues.map((issue) => ({
      sheet: issue.sheet,
      row: issue.row,
      column: issue.column,
      value: issue.value,
      code: issue.code,
      message: issueMessage(issue, lang),
    })),
  };
}
