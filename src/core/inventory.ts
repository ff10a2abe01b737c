// The computations of PRODUCT section 2, given rows, the stage model, objections, settings and an as-of
// day: evidenced stage, stage check, gap, clock, objection status, per-rep concurrency with WIP band,
// cohorts, results per period and the support matrix. Pure: the same input gives the same output.
// The customer rows are read in one pass that adds each customer and its state to every total and then
// drops them; a customer or state asked for later is made again from its row (kept, on request, for callers
// that read them all).

import { periodEnd, periodKey, periodStart } from './days';
import { type HistoryEntry, lastStageChange, stageChangeOf } from './history';
import { normalizeKey } from './normalize';
import { isOpenObjection, isOverdue, isUnplanned, isUnsupervised, type Objection } from './objections';
import { IndexList } from './order';
import { type Customer, type CustomerReader, type CustomerTable, metMask, type TableHead } from './table';
import {
  BAND_MIN_CLOSES,
  type Day,
  type Issue,
  type ObjectionType,
  type Resolution,
  type Settings,
  type Stage,
  type StageKind,
} from './types';

export type StageCheck = 'ahead' | 'behind' | 'match' | 'none';
export type NextActionState = 'ok' | 'missing' | 'overdue' | null;

/** What Pandian concludes about one customer row. */
export interface CustomerState {
  /** Position among the open stages (0-based) the customer is worked at: max(declared, evidenced). */
  current: number;
  /** Open-stage position the evidence reaches (capped at the last open stage); null without evidence. */
  evidenced: number | null;
  /** How many leading open stages have all their exit criteria met (uncapped). */
  reach: number;
  /** Open-stage position of the declared stage; null when blank, unknown or not an open stage. */
  declaredPos: number | null;
  check: StageCheck;
  /** Criterion indices (table.criteria) still unmet for the next stage, earliest first. */
  gap: number[];
  daysInStage: number | null;
  daysSinceContact: number | null;
  /** Open and not contacted for more days than Settings' No-contact days. */
  outOfTouch: boolean;
  nextAction: NextActionState;
  stalled: boolean;
  /** Days the current stage allows before the customer counts as stalled (null: no limit). */
  stallLimit: number | null;
  /** Stage index (model.stages) an open customer works toward: the next open stage, else the won stage. */
  nextStage: number | null;
  /** On hold with a resume date still ahead: stall flags are suppressed. */
  snoozed: boolean;
  /** On hold and the resume date has passed. */
  resumeDue: boolean;
  objections: ObjectionSummary;
}

export interface ObjectionSummary {
  open: number;
  overdue: number;
  blocking: number;
  oldestOpenDays: number | null;
  lastResolution: Resolution | null;
}

export type RepFlag = 'below-band' | 'above-band' | 'hollow-early';

export interface RepLoad {
  rep: string;
  open: number;
  /** Open customers per open-stage position. */
  byStage: number[];
  won: number;
  lost: number;
  hold: number;
  wonValue: number;
  openValue: number;
  /** Open customers the rep should carry; `high` null when Settings gives no upper bound. */
  band: { low: number; high: number | null } | null;
  flags: RepFlag[];
}

export interface Cohort {
  /** Open-stage position. */
  stage: number;
  members: number[];
  reps: number;
  /** Criterion index most members lack, or -1. */
  criterion: number;
  lacking: number;
}

export interface PeriodResult {
  period: string;
  start: Day;
  end: Day;
  wins: number;
  lost: number;
  wonValue: number;
  winRate: number | null;
  avgCycleDays: number | null;
  headcount: number;
  winsPerRep: number | null;
  winsTarget: number | null;
  valueTarget: number | null;
}

/**
 * Whether a period is over as of `asOf`: the as-of day's own period counts once asOf is its last day. The
 * balance, the derived WIP band and the per-rep marks compare whole periods only: two days of a month set
 * against a whole one would read as a collapse.
 */
export function isWhole(period: PeriodResult, asOf: Day): boolean {
  return period.end <= asOf;
}

/** One rep's wins and won value in each period shown (results.periods). */
export interface RepResult {
  rep: string;
  wins: number[];
  wonValue: number[];
  /** Whether the rep was in play in each period (as the headcount counts it). */
  inPlay: boolean[];
}

export interface Results {
  periods: PeriodResult[];
  /** Per rep in play now or with a win in the periods shown: most wins first, then by name. */
  reps: RepResult[];
  winRate: number | null;
  avgCycleDays: number | null;
  /** Value per day: open x average deal x win rate / cycle days. */
  velocityPerDay: number | null;
  /** Null when no open customer has a value: unknown, not zero (as is openValue). */
  weightedPipeline: number | null;
  openValue: number | null;
  /** Open customers with a value weighted by a probability assumed from their stage's position. */
  assumedProbabilities: number;
  /** Open value due in the current period / target remaining this period. */
  coverage: number | null;
  /** The coverage a team needs: 1 / win rate. */
  coverageNeeded: number | null;
  /**
   * The last whole period (`period`, its key) vs the one before (`before`): headcount, productivity (wins
   * per rep) and output change. The as-of day's period is whole on its last day.
   */
  balance: {
    period: string;
    before: string;
    headcountChange: number;
    productivityChange: number;
    outputChange: number;
  } | null;
}

export interface ObjectionTotals {
  total: number;
  open: number;
  overdue: number;
  blocking: number;
  unplanned: number;
  unsupervised: number;
  byType: Partial<Record<ObjectionType, { open: number; overdue: number; blocking: number; total: number }>>;
  byStatus: Record<string, number>;
  /** Objection indices that need a manager's attention: overdue, unplanned or unsupervised. */
  attention: { index: number; reasons: ('overdue' | 'unplanned' | 'unsupervised')[] }[];
}

export interface Inventory {
  asOf: Day;
  settings: Settings;
  table: CustomerTable;
  /** Stage indices (into table.model.stages) of the open stages, in order. */
  openStages: number[];
  /** The open stages themselves, by position: stageAt[pos] is table.model.stages[openStages[pos]]. */
  stageAt: Stage[];
  /** Every customer's state (made on first use, then kept: the totals below do not need it). */
  readonly states: CustomerState[];
  /** Customer i with its state, its row read once (and no other customer's state made). */
  entryAt(i: number): { customer: Customer; state: CustomerState };
  totals: { customers: number; open: number; won: number; lost: number; hold: number };
  /** Open customers per next-action state. */
  nextActions: Record<NonNullable<NextActionState>, number>;
  /** The value of the customers per status. */
  valueByStatus: Record<StageKind, number>;
  /** Open customers with a gap or a stage check that is off: ahead first, then behind, then by row. */
  gaps: number[];
  /** Open customers and their value per open-stage position (the funnel). */
  stageCounts: { customers: number; value: number }[];
  reps: RepLoad[];
  /** Reps are named but none has a WIP band (none in Settings, too little data to derive one): say how to get one. */
  noBand: boolean;
  cohorts: Cohort[];
  /** Stalled customers and holds whose resume date passed, longest in stage first (customer indices). */
  stalled: number[];
  /** No stage has Max days and Settings no Default stall days: whether a customer stalls is unknown. */
  noStallLimit: boolean;
  /** Open customers not contacted for more than Settings' No-contact days, longest first (customer indices). */
  outOfTouch: number[];
  /** Open customers whose next action is past its due date, longest overdue first (customer indices). */
  actionsOverdue: number[];
  /** Criteria open customers still lack, most-lacked first (criterion index, how many customers). */
  lacking: { criterion: number; customers: number }[];
  objections: Objection[];
  objectionTotals: ObjectionTotals;
  results: Results;
  /** Support functions (columns) and, per open-stage position, how many customers need each. */
  support: { functions: string[]; counts: number[][] };
  issues: Issue[];
}

export interface InventoryInput {
  /** The customer tab, whose rows the inventory reads in one pass. */
  reader: CustomerReader;
  objections: Objection[];
  history: HistoryEntry[];
  settings: Settings;
  asOf: Day;
  /** The issues listed before and after the customer tab's. */
  issuesBefore: Issue[];
  issuesAfter: Issue[];
  /** Keep every customer and state as they are read, for callers that read them all (the formulas). */
  keep?: boolean;
}

const PERIOD_DAYS = { month: 30.4375, quarter: 91.3125 } as const;
const PERIODS_SHOWN = 12;

export function computeInventory(input: InventoryInput): Inventory {
  const { reader, settings, asOf } = input;
  const head = reader.head;
  const { model, criteria } = head;
  const openStages: number[] = [];
  model.stages.forEach((s, i) => {
    if (s.kind === 'open') openStages.push(i);
  });
  const posOf = new Map(openStages.map((stage, pos) => [stage, pos] as const));
  // The open stages themselves, by open-stage position.
  const stageAt = openStages.map((s) => model.stages[s]);
  // Criterion indices grouped by open-stage position, for the evidence walk.
  const byPos: number[][] = openStages.map(() => []);
  criteria.forEach((c, k) => {
    const pos = posOf.get(c.stage);
    if (pos !== undefined) byPos[pos].push(k);
  });
  const won = model.stages.findIndex((st) => st.kind === 'won');

  const ctx: StateContext = {
    asOf,
    settings,
    head,
    openStages,
    stageAt,
    posOf,
    byPos,
    hasEvidence: criteria.some((c) => c.col >= 0),
    stageChanges:
      head.roles.stage === undefined
        ? new Map()
        : lastStageChange(input.history, head.headers[head.roles.stage], asOf),
    wonStage: won < 0 ? null : won,
    gaps: new Map(),
  };
  const objectionsOf = groupObjections(input.objections);
  const stateOf = (c: Customer, i: number): CustomerState => customerState(c, objectionsOf.get(i), ctx);
  let states: CustomerState[] | null = input.keep ? [] : null;
  const kept = states;

  // One pass over the rows: each customer is read, its state made, both added to every total, and dropped.
  // The periods shown are known only at the end (they reach back to the first close); the last
  // PERIODS_SHOWN periods are counted, and those before the first close are cut off after.
  const candidates = periodSpans(asOf, settings.period);
  const n = candidates.starts.length;
  const statuses = statusStart(asOf, n);
  const heads = headcountStart();
  const folded = stateFoldStart(ctx, reader.rows);
  const dueBy = candidates.ends[n - 1];
  const table = reader.read((c, i) => {
    statusAdd(statuses, c, candidates, asOf);
    headcountAdd(heads, c, candidates);
    const s = stateOf(c, i);
    if (kept) kept.push(s);
    stateAdd(folded, c, s, i, ctx, dueBy);
  }, input.keep === true);

  // The first period shown holds the first close (on or before asOf), or is the first counted.
  const cut = Math.max(0, periodIndex(candidates, statuses.first));
  const headcount = headcountFinish(heads, n);
  const results = computeResults(candidates, cut, settings, statuses, folded, headcount, asOf);
  const band = wipBand(settings, results, head, statuses.totals, asOf);
  const reps = repLoads(folded.byRep, openStages.length, band, headcount.now);
  const cohorts = computeCohorts(folded);
  return {
    asOf,
    settings,
    table,
    openStages,
    stageAt,
    get states() {
      states ??= table.customers.map(stateOf);
      return states;
    },
    entryAt: (i) => {
      const customer = table.customerAt(i);
      return { customer, state: states ? states[i] : stateOf(customer, i) };
    },
    totals: statuses.totals,
    nextActions: folded.nextActions,
    valueByStatus: folded.valueByStatus,
    gaps: folded.gaps.sorted(),
    reps,
    noBand: band === null && reps.some((r) => r.rep !== ''),
    stageCounts: cohorts.map(({ members }, p) => ({
      customers: members.length,
      value: folded.stageValue[p],
    })),
    cohorts,
    stalled: folded.stalled.sorted(),
    noStallLimit: settings.stallDays == null && stageAt.every((st) => st.maxDays == null),
    outOfTouch: folded.outOfTouch.sorted(),
    actionsOverdue: folded.actionsOverdue.sorted(),
    // Open customers lacking each criterion, over every stage. The list is made in criterion order and
    // sort is stable: ties stay in criterion order.
    lacking: criteria
      .map((_, criterion) => ({
        criterion,
        customers: folded.lackingAt.reduce((n, row) => n + row[criterion], 0),
      }))
      .filter((x) => x.customers > 0)
      .sort((a, b) => b.customers - a.customers),
    objections: input.objections,
    objectionTotals: objectionTotals(input.objections, asOf, settings),
    results,
    support: finishSupport(folded.support),
    issues: [...input.issuesBefore, ...table.issues, ...input.issuesAfter],
  };
}

interface StateContext {
  asOf: Day;
  settings: Settings;
  /** The customer tab's header, roles and criteria. */
  head: TableHead;
  openStages: number[];
  stageAt: Stage[];
  posOf: Map<number, number>;
  byPos: number[][];
  hasEvidence: boolean;
  stageChanges: Map<string, Day>;
  wonStage: number | null;
  /** Gaps already made, by pattern of marks and position (see gapOf). */
  gaps: Map<number, number[]>;
}

/** The gap of every closed customer (shared: never mutated). */
const NO_GAP: number[] = [];

/**
 * Criterion indices unmet in the open stages up to position `current`, earliest first. Customers with
 * the same marks at the same position share one array (states never mutate it): a sheet has few such
 * patterns, so 100,000 rows make a few hundred arrays instead of 100,000.
 */
function gapOf(met: ArrayLike<number>, current: number, ctx: StateContext): number[] {
  const { byPos, gaps } = ctx;
  const mask = metMask(met);
  // -1 (too many criteria for a mask) is never stored: such gaps are not shared.
  const key = mask < 0 ? -1 : mask * (byPos.length + 1) + current;
  const known = gaps.get(key);
  if (known) return known;
  const gap: number[] = [];
  for (let p = 0; p <= current && p < byPos.length; p++)
    for (const k of byPos[p]) if (met[k] !== 1) gap.push(k);
  if (key >= 0) gaps.set(key, gap);
  return gap;
}

/** Leading open stages whose exit criteria are all met; a stage without criteria stops the walk. */
export function evidenceReach(met: ArrayLike<number>, byPos: readonly (readonly number[])[]): number {
  let reach = 0;
  for (const ks of byPos) {
    if (ks.length === 0) break;
    for (const k of ks) if (met[k] !== 1) return reach;
    reach++;
  }
  return reach;
}

/** `objections`: the customer's own, if any. */
function customerState(
  c: Customer,
  objections: readonly Objection[] | undefined,
  ctx: StateContext,
): CustomerState {
  const { asOf, settings, head, openStages, stageAt, posOf, byPos } = ctx;
  const nOpen = openStages.length;
  const reach = ctx.hasEvidence ? evidenceReach(c.met, byPos) : 0;
  const evidenced = ctx.hasEvidence && nOpen > 0 ? Math.min(reach, nOpen - 1) : null;
  // Blank and unknown stages (negative) are not in posOf.
  const declaredPos = posOf.get(c.declared) ?? null;
  const current = Math.max(declaredPos ?? 0, evidenced ?? 0);
  const open = c.status === 'open';

  let check: StageCheck = 'none';
  if (open && evidenced !== null && declaredPos !== null) {
    check = declaredPos > evidenced ? 'ahead' : declaredPos < evidenced ? 'behind' : 'match';
  }

  const gap = open ? gapOf(c.met, current, ctx) : NO_GAP;

  // Without a Stage Entered date, the last stage change the History tab records. A stage entered after the
  // as-of day (a later date, or a typo) gives no days in stage rather than negative ones.
  let entered = c.stageEntered;
  if (entered === null && ctx.stageChanges.size > 0) entered = stageChangeOf(ctx.stageChanges, c.id, c.name);
  const daysInStage = entered === null || entered > asOf ? null : asOf - entered;
  const daysSinceContact = c.lastContact === null ? null : asOf - c.lastContact;

  let nextAction: NextActionState = null;
  if (open && (head.roles.nextAction !== undefined || head.roles.nextActionDue !== undefined)) {
    if (c.nextActionDue !== null && c.nextActionDue < asOf) nextAction = 'overdue';
    else if (c.nextAction === '' && c.nextActionDue === null) nextAction = 'missing';
    else nextAction = 'ok';
  }

  const resumeOn = c.status === 'hold' ? c.resumeOn : null;
  const snoozed = resumeOn !== null && resumeOn > asOf;
  const resumeDue = resumeOn !== null && resumeOn <= asOf;
  // A hold parked at no open stage (its stage is the hold stage) has only the default limit.
  const parked = c.status === 'hold' && declaredPos === null;
  const stallLimit = (parked ? undefined : stageAt[current]?.maxDays) ?? settings.stallDays ?? null;
  // On hold without a resume date is no snooze: its stage clock runs as an open customer's does.
  const clocked = open || (c.status === 'hold' && resumeOn === null);
  const stalled = clocked && daysInStage !== null && stallLimit !== null && daysInStage > stallLimit;
  const nextStage = open ? (openStages[current + 1] ?? ctx.wonStage) : null;

  return {
    current,
    evidenced,
    reach,
    declaredPos,
    check,
    gap,
    daysInStage,
    daysSinceContact,
    outOfTouch: open && daysSinceContact !== null && daysSinceContact > settings.contactDays,
    nextAction,
    stalled,
    stallLimit,
    nextStage,
    snoozed,
    resumeDue,
    objections: objections ? summarizeObjections(objections, asOf) : NO_OBJECTIONS,
  };
}

/** Order of the gap list by stage check (its position: a comparison per row, not a look-up by name). */
const CHECK_ORDER: readonly StageCheck[] = ['ahead', 'behind', 'match', 'none'];

/** What the pass over the customers adds up from their states (see stateAdd). */
interface StateFold {
  /** Open customers' probability-weighted value. */
  weighted: number;
  /** Open customers' value due from asOf to dueBy. */
  due: number;
  /** Open customers with an expected close: without any, what is due is unknown, not nothing. */
  dated: number;
  /** Open customers with a value; and those of them weighted by an assumed probability. */
  valued: number;
  assumed: number;
  byRep: Map<string, RepLoad>;
  /** Per open-stage position: its open customers, their value, their reps, and per criterion how many lack it. */
  members: number[][];
  stageValue: number[];
  repsAt: Set<string>[];
  lackingAt: number[][];
  /** Stalled customers and holds due to resume, by longest in stage, then row. */
  stalled: IndexList;
  /** Out-of-touch customers, by longest since contact, then row. */
  outOfTouch: IndexList;
  /** Next actions overdue, by due date, then row. */
  actionsOverdue: IndexList;
  /** The gap list, by stage check, then row. */
  gaps: IndexList;
  nextActions: Inventory['nextActions'];
  valueByStatus: Inventory['valueByStatus'];
  support: SupportFold;
}

/** The totals that need each customer's state, all zero (see stateAdd); `rows` bounds the customers to come. */
function stateFoldStart({ stageAt, head }: StateContext, rows: number): StateFold {
  return {
    weighted: 0,
    due: 0,
    dated: 0,
    valued: 0,
    assumed: 0,
    byRep: new Map(),
    members: stageAt.map(() => []),
    stageValue: stageAt.map(() => 0),
    repsAt: stageAt.map(() => new Set()),
    lackingAt: stageAt.map(() => head.criteria.map(() => 0)),
    stalled: new IndexList(rows),
    outOfTouch: new IndexList(rows),
    actionsOverdue: new IndexList(rows),
    gaps: new IndexList(rows),
    nextActions: { ok: 0, missing: 0, overdue: 0 },
    valueByStatus: { open: 0, won: 0, lost: 0, hold: 0 },
    support: supportStart(stageAt, head.roles.support !== undefined),
  };
}

/**
 * Adds customer i and its state to every total that needs the state, which is then dropped: 100,000
 * states kept until every total was made cost V8 ~45 ms to carry out of its young generation.
 * `dueBy`: the last day of the as-of day's period.
 */
function stateAdd(
  f: StateFold,
  c: Customer,
  s: CustomerState,
  i: number,
  ctx: StateContext,
  dueBy: Day,
): void {
  const { stageAt, asOf } = ctx;
  const nOpen = stageAt.length;
  const v = c.value ?? 0;
  f.valueByStatus[c.status] += v;
  if (s.nextAction) f.nextActions[s.nextAction]++;
  if (s.stalled || s.resumeDue) f.stalled.add(i, -(s.daysInStage ?? 0), c.row);
  if (s.outOfTouch) f.outOfTouch.add(i, -(s.daysSinceContact ?? 0), c.row);
  if (s.nextAction === 'overdue') f.actionsOverdue.add(i, c.nextActionDue ?? 0, c.row);
  const r = repLoad(f.byRep, c.rep, nOpen);
  r[c.status]++;
  if (c.status === 'won') r.wonValue += v;
  if (c.status !== 'open') return;
  r.openValue += v;

  const p = s.current;
  let probability = c.probability ?? stageAt[p]?.probability;
  if (c.value !== null) {
    f.valued++;
    // No probability in the row nor its stage: one from the stage's position, which the report says.
    if (probability == null) f.assumed++;
  }
  probability ??= nOpen > 0 ? (p + 1) / (nOpen + 1) : 0;
  f.weighted += v * probability;
  if (c.expectedClose !== null) {
    f.dated++;
    if (c.expectedClose >= asOf && c.expectedClose <= dueBy) f.due += v;
  }

  if (s.gap.length > 0 || s.check === 'ahead' || s.check === 'behind')
    f.gaps.add(i, CHECK_ORDER.indexOf(s.check), c.row);
  if (nOpen === 0) return;
  r.byStage[p]++;
  f.members[p].push(i);
  f.stageValue[p] += v;
  if (c.rep !== '') f.repsAt[p].add(c.rep); // customers of no rep are nobody's load
  const lacking = f.lackingAt[p];
  const { gap } = s;
  for (let g = 0; g < gap.length; g++) lacking[gap[g]]++;
  supportAdd(f.support, f.support.hasColumn ? c.support : stageAt[p].support, p);
}

/** Objections per customer index (most customers have none: no array for them). */
function groupObjections(objections: readonly Objection[]): Map<number, Objection[]> {
  const out = new Map<number, Objection[]>();
  for (const o of objections) {
    if (o.customer < 0) continue;
    const list = out.get(o.customer);
    if (list) list.push(o);
    else out.set(o.customer, [o]);
  }
  return out;
}

const NO_OBJECTIONS: ObjectionSummary = Object.freeze({
  open: 0,
  overdue: 0,
  blocking: 0,
  oldestOpenDays: null,
  lastResolution: null,
});

export function summarizeObjections(list: readonly Objection[], asOf: Day): ObjectionSummary {
  const s: ObjectionSummary = { ...NO_OBJECTIONS };
  let lastResolved = Number.NEGATIVE_INFINITY;
  for (const o of list) {
    if (isOpenObjection(o)) {
      s.open++;
      if (o.blocking) s.blocking++;
      if (isOverdue(o, asOf)) s.overdue++;
      if (o.raised !== null) s.oldestOpenDays = Math.max(s.oldestOpenDays ?? 0, asOf - o.raised);
    } else if (o.resolution && (o.resolved ?? 0) >= lastResolved) {
      lastResolved = o.resolved ?? 0;
      s.lastResolution = o.resolution;
    }
  }
  return s;
}

function objectionTotals(list: readonly Objection[], asOf: Day, settings: Settings): ObjectionTotals {
  const t: ObjectionTotals = {
    total: list.length,
    open: 0,
    overdue: 0,
    blocking: 0,
    unplanned: 0,
    unsupervised: 0,
    byType: {},
    byStatus: {},
    attention: [],
  };
  list.forEach((o, index) => {
    const type = t.byType[o.type] ?? { open: 0, overdue: 0, blocking: 0, total: 0 };
    t.byType[o.type] = type;
    type.total++;
    t.byStatus[o.status] = (t.byStatus[o.status] ?? 0) + 1;
    if (isOpenObjection(o)) {
      t.open++;
      type.open++;
      if (o.blocking) {
        t.blocking++;
        type.blocking++;
      }
    }
    const reasons: ObjectionTotals['attention'][number]['reasons'] = [];
    if (isOverdue(o, asOf)) {
      type.overdue++;
      reasons.push('overdue');
    }
    if (isUnplanned(o, asOf, settings.unplannedDays)) reasons.push('unplanned');
    if (isUnsupervised(o)) reasons.push('unsupervised');
    // Each reason is also a total of its own.
    for (const reason of reasons) t[reason]++;
    if (reasons.length) t.attention.push({ index, reasons });
  });
  return t;
}

/** The rep's load, made (all zero) on first sight of the rep. */
function repLoad(byRep: Map<string, RepLoad>, rep: string, nOpen: number): RepLoad {
  let r = byRep.get(rep);
  if (!r) {
    r = {
      rep,
      open: 0,
      byStage: new Array(nOpen).fill(0),
      won: 0,
      lost: 0,
      hold: 0,
      wonValue: 0,
      openValue: 0,
      band: null,
      flags: [],
    };
    byRep.set(rep, r);
  }
  return r;
}

/**
 * The reps, most open customers first, each in play in the as-of period (`now`) with the band and the flags it
 * earns. The customers with no rep are listed too, but they are nobody's load (each row is a missing-rep data
 * issue), and a rep out of play (every deal closed before this period: most likely gone) keeps its row of
 * results: neither gets a band or flags, as "below band" would warn of a gap nobody will fill.
 */
function repLoads(
  byRep: Map<string, RepLoad>,
  nOpen: number,
  band: RepLoad['band'],
  now: Set<string>,
): RepLoad[] {
  const reps = [...byRep.values()].sort((a, b) => b.open - a.open || a.rep.localeCompare(b.rep));
  for (const r of reps) {
    if (r.rep === '' || !now.has(r.rep)) continue;
    r.band = band;
    if (band) {
      if (r.open < band.low) r.flags.push('below-band');
      if (band.high !== null && r.open > band.high) r.flags.push('above-band');
    }
    if (nOpen >= 3 && r.byStage[0] + r.byStage[1] === 0) r.flags.push('hollow-early');
  }
  return reps;
}

/**
 * The WIP band: from Settings, or by Little's law - open deals needed = wins per period / win rate x
 * cycle time in periods - with room either side (x0.8 .. x1.25). Derived only from BAND_MIN_CLOSES closed
 * deals or more: below that one deal moves the win rate by ten points or more, and a band drawn from three
 * wins flags every rep.
 */
function wipBand(
  settings: Settings,
  results: Results,
  head: TableHead,
  { won, lost }: Inventory['totals'],
  asOf: Day,
): RepLoad['band'] {
  if (settings.wipLow !== undefined || settings.wipHigh !== undefined) {
    return { low: settings.wipLow ?? 0, high: settings.wipHigh ?? null };
  }
  const { winRate, avgCycleDays, periods } = results;
  const created = head.roles.created !== undefined || head.stageLog;
  if (!winRate || !avgCycleDays || !created || won + lost < BAND_MIN_CLOSES) return null;
  // Wins per rep per period: the target, else the average over whole periods (isWhole) with reps in play
  // (winsPerRep is null only where headcount is 0), or the band would narrow on every period's first day.
  const withData = periods.filter((p) => p.winsPerRep !== null && isWhole(p, asOf));
  const winsPerRep =
    settings.winsTarget ?? ratio(sum(withData.map((p) => p.winsPerRep ?? 0)), withData.length);
  if (winsPerRep === null || winsPerRep <= 0) return null;
  const cyclePeriods = avgCycleDays / PERIOD_DAYS[settings.period];
  const target = (winsPerRep / winRate) * cyclePeriods;
  return { low: Math.max(1, Math.floor(target * 0.8)), high: Math.max(1, Math.ceil(target * 1.25)) };
}

/** Open customers by open-stage position, each cohort with the criterion most of its members lack. */
function computeCohorts(folded: StateFold): Cohort[] {
  return folded.members.map((members, stage) => {
    const cohort: Cohort = { stage, members, reps: folded.repsAt[stage].size, criterion: -1, lacking: 0 };
    folded.lackingAt[stage].forEach((n, k) => {
      if (n > cohort.lacking) {
        cohort.lacking = n;
        cohort.criterion = k;
      }
    });
    return cohort;
  });
}

function closeDayOf(c: Customer): Day | null {
  if (c.status !== 'won' && c.status !== 'lost') return null;
  return c.closed ?? c.expectedClose;
}

/** First and last days of the periods counted, in order, each starting the day after the last ends. */
interface Spans {
  starts: Day[];
  ends: Day[];
}

/** Index of the period holding day, a day no later than the last period's end; -1 before the first. */
function periodIndex({ starts }: Spans, day: Day): number {
  let i = starts.length - 1;
  while (i >= 0 && day < starts[i]) i--;
  return i;
}

/**
 * Reps in play per period: a rep counts in every period that one of their customers' spans (created to
 * close, open-ended where unknown) meets. Periods run in order, so a span meets one run of them; each
 * customer adds +1 where its run starts and -1 after it ends in its rep's row of differences, and a rep
 * counts in the periods where the running sum of its row is positive.
 */
interface Headcounts {
  rowOf: Map<string, number>;
  diffs: number[];
}

function headcountStart(): Headcounts {
  return { rowOf: new Map(), diffs: [] };
}

function headcountAdd(h: Headcounts, c: Customer, { starts, ends }: Spans): void {
  if (c.rep === '') return;
  const n = starts.length;
  const from = c.created ?? Number.NEGATIVE_INFINITY;
  const to = closeDayOf(c) ?? Number.POSITIVE_INFINITY;
  let first = 0;
  while (first < n && ends[first] < from) first++;
  let last = n - 1;
  while (last >= first && starts[last] > to) last--;
  if (first > last) return;
  let row = h.rowOf.get(c.rep);
  if (row === undefined) {
    row = h.diffs.length;
    h.rowOf.set(c.rep, row);
    for (let i = 0; i <= n; i++) h.diffs.push(0);
  }
  h.diffs[row + first]++;
  h.diffs[row + last + 1]--;
}

/**
 * Reps in play in each of the n periods, the reps in play in the last (the as-of day's), and the periods
 * each rep is in play.
 */
function headcountFinish({ rowOf, diffs }: Headcounts, n: number) {
  const counts = new Array<number>(n).fill(0);
  const now = new Set<string>();
  const playing = new Map<string, boolean[]>();
  for (const [rep, row] of rowOf) {
    let running = 0;
    const inPlay: boolean[] = [];
    for (let i = 0; i < n; i++) {
      running += diffs[row + i];
      inPlay.push(running > 0);
      if (running > 0) counts[i]++;
    }
    playing.set(rep, inPlay);
    if (running > 0) now.add(rep);
  }
  return { counts, now, playing };
}

/**
 * Customers per status, won value, cycle days and the first close on or before asOf; and per period
 * (`n` of them) the wins, losses, won value and cycle days of the closes up to asOf (see statusAdd).
 */
function statusStart(asOf: Day, n: number) {
  const totals: Inventory['totals'] = { customers: 0, open: 0, won: 0, lost: 0, hold: 0 };
  const tally = {
    wins: new Float64Array(n),
    lost: new Float64Array(n),
    wonValue: new Float64Array(n),
    cycleSum: new Float64Array(n),
    cycleCount: new Float64Array(n),
  };
  /** Per rep: wins in each period counted, then won value in each (one array of 2n). */
  const byRep = new Map<string, Float64Array>();
  return { totals, wonValueSum: 0, wonValueCount: 0, cycleSum: 0, cycleCount: 0, first: asOf, tally, byRep };
}

type Statuses = ReturnType<typeof statusStart>;

/** A win of c's rep in period i (its own function: statusAdd runs for every row and stays small). */
function repWinAdd(t: Statuses, c: Customer, i: number): void {
  const n = t.tally.wins.length;
  let rep = t.byRep.get(c.rep);
  if (!rep) {
    rep = new Float64Array(2 * n);
    t.byRep.set(c.rep, rep);
  }
  rep[i]++;
  rep[n + i] += c.value ?? 0;
}

function statusAdd(t: Statuses, c: Customer, spans: Spans, asOf: Day): void {
  t.totals.customers++;
  t.totals[c.status]++;
  const close = closeDayOf(c);
  // t.first starts at asOf and only moves earlier.
  if (close !== null && close < t.first) t.first = close;
  // The period of a close up to asOf, else -1.
  const i = close !== null && close <= asOf ? periodIndex(spans, close) : -1;
  const { tally } = t;
  if (c.status === 'won') {
    if (c.value !== null) {
      t.wonValueSum += c.value;
      t.wonValueCount++;
    }
    if (i >= 0) {
      tally.wins[i]++;
      tally.wonValue[i] += c.value ?? 0;
      if (c.rep !== '') repWinAdd(t, c, i);
    }
    if (close !== null && c.created !== null && close >= c.created) {
      t.cycleSum += close - c.created;
      t.cycleCount++;
      if (i >= 0) {
        tally.cycleSum[i] += close - c.created;
        tally.cycleCount[i]++;
      }
    }
    // Only won and lost customers have a close.
  } else if (i >= 0) tally.lost[i]++;
}

/** The last PERIODS_SHOWN periods, up to the one holding asOf. */
function periodSpans(asOf: Day, period: Settings['period']): Spans {
  const starts: Day[] = [];
  for (let s = periodStart(asOf, period); starts.length < PERIODS_SHOWN; s = periodStart(s - 1, period))
    starts.unshift(s);
  return { starts, ends: starts.map((s) => periodEnd(s, period)) };
}

const sum = (xs: readonly number[]): number => xs.reduce((s, x) => s + x, 0);

/** a / b, or null when b is not positive. */
function ratio(a: number, b: number): number | null {
  return b > 0 ? a / b : null;
}

/**
 * The results per period and overall, from the totals of the pass over the customers. The periods counted
 * (`spans`, `heads`: reps in play in each) are shown from period `cut` on.
 */
function computeResults(
  spans: Spans,
  cut: number,
  settings: Settings,
  closed: Statuses,
  folded: StateFold,
  { counts: heads, now, playing }: ReturnType<typeof headcountFinish>,
  asOf: Day,
): Results {
  const { tally } = closed;
  // Each period is made once, whole: objects filled in field by field change shape on the way, and the
  // code that runs over them is thrown away and compiled again.
  const periods: PeriodResult[] = spans.starts.slice(cut).map((start, j) => {
    const i = cut + j;
    const wins = tally.wins[i];
    const lost = tally.lost[i];
    const headcount = heads[i];
    const perHead = (target: number | undefined) => (target === undefined ? null : target * headcount);
    return {
      period: periodKey(start, settings.period),
      start,
      end: spans.ends[i],
      wins,
      lost,
      wonValue: tally.wonValue[i],
      winRate: ratio(wins, wins + lost),
      avgCycleDays: ratio(tally.cycleSum[i], tally.cycleCount[i]),
      headcount,
      winsPerRep: ratio(wins, headcount),
      winsTarget: perHead(settings.winsTarget),
      valueTarget: perHead(settings.valueTarget),
    };
  });

  const { won, lost } = closed.totals;
  const winRate = ratio(won, won + lost);
  const avgCycleDays = ratio(closed.cycleSum, closed.cycleCount);
  const avgDealValue = ratio(closed.wonValueSum, closed.wonValueCount);
  // Due in the as-of day's period (the last one), from the as-of day on.
  const current = periods[periods.length - 1];
  const velocityPerDay =
    winRate !== null && avgCycleDays && avgDealValue !== null
      ? (closed.totals.open * avgDealValue * winRate) / avgCycleDays
      : null;

  // Null when no target is set, it is met already, or open customers have no expected close (nothing
  // open is nothing due: 0).
  const coverage =
    current.valueTarget === null || (folded.dated === 0 && closed.totals.open > 0)
      ? null
      : ratio(folded.due, current.valueTarget - current.wonValue);

  // Open customers, none with a value (no amount column, or Maven's open deals): the value is unknown.
  const unvalued = folded.valued === 0 && closed.totals.open > 0;

  // The last two whole periods.
  const whole = periods.length - (isWhole(current, asOf) ? 1 : 2);
  const last = periods[whole];
  const prev = periods[whole - 1];
  const before = settings.headcountBefore ?? prev?.headcount;
  const balance =
    last && prev && before && prev.wins > 0 && last.headcount > 0
      ? {
          period: last.period,
          before: prev.period,
          headcountChange: last.headcount / before - 1,
          productivityChange: last.wins / last.headcount / (prev.wins / before) - 1,
          outputChange: last.wins / prev.wins - 1,
        }
      : null;

  // Reps in play now (a win or not: no win against a target is the news) and reps with a win shown.
  const n = spans.starts.length;
  const none = new Float64Array(2 * n);
  const reps = [...new Set([...now, ...closed.byRep.keys()])]
    .map((rep): RepResult => {
      const all = closed.byRep.get(rep) ?? none;
      return {
        rep,
        wins: Array.from(all.subarray(cut, n)),
        wonValue: Array.from(all.subarray(n + cut, 2 * n)),
        inPlay: (playing.get(rep) ?? []).slice(cut),
      };
    })
    .filter((r) => now.has(r.rep) || r.wins.some((w) => w > 0))
    .sort((a, b) => sum(b.wins) - sum(a.wins) || a.rep.localeCompare(b.rep));

  return {
    periods,
    reps,
    winRate,
    avgCycleDays,
    velocityPerDay,
    weightedPipeline: unvalued ? null : folded.weighted,
    openValue: unvalued ? null : folded.valueByStatus.open,
    assumedProbabilities: folded.assumed,
    coverage,
    coverageNeeded: winRate ? 1 / winRate : null,
    balance,
  };
}

/** The support matrix as the fold fills it: the functions named so far and counts per position. */
interface SupportFold {
  functions: string[];
  counts: number[][];
  /** The function's column, added when new: names are matched by key, and each distinct name keyed once. */
  add: (name: string) => number;
  /** Whether the customer tab has a support column; else each customer needs what its stage lists. */
  hasColumn: boolean;
}

function supportStart(stageAt: readonly Stage[], hasColumn: boolean): SupportFold {
  const functions: string[] = [];
  const keyIndex = new Map<string, number>();
  // Names repeat down the support column: each distinct name is keyed once.
  const nameIndex = new Map<string, number>();
  const add = (name: string): number => {
    let i = nameIndex.get(name);
    if (i !== undefined) return i;
    const key = normalizeKey(name);
    i = keyIndex.get(key);
    if (i === undefined) {
      i = functions.length;
      functions.push(name);
      keyIndex.set(key, i);
    }
    nameIndex.set(name, i);
    return i;
  };
  for (const stage of stageAt) for (const f of stage.support) add(f);
  return { functions, counts: stageAt.map(() => []), add, hasColumn };
}

/** An open customer at open-stage position pos needs these support functions. */
function supportAdd(support: SupportFold, needs: readonly string[], pos: number): void {
  const row = support.counts[pos];
  for (let n = 0; n < needs.length; n++) {
    const fi = support.add(needs[n]);
    row[fi] = (row[fi] ?? 0) + 1;
  }
}

function finishSupport({ functions, counts }: SupportFold): Inventory['support'] {
  for (const row of counts) for (let i = 0; i < functions.length; i++) row[i] = row[i] ?? 0;
  return { functions, counts };
}
