// The stage model: read from the Stages tab, or derived from the stage values of the customer tab
// ("From my data"), plus the lookup that turns a typed stage or status word into a stage.
import { normalizeKey } from './normalize';
import { IssueLog, locateColumns, splitList } from './register';
import { STAGE_COLUMNS } from './tabs';
import { KIND_OF_WORD } from './templates';
import type { Cell, Criterion, Issue, SheetData, Stage, StageKind, StageModel } from './types';
import { columnPercents, parseNumber } from './values';

/**
 * Reads a typed kind word: open/won/lost/hold in either language, or a synonym. KIND_WORDS holds every
 * KIND_LABELS label (the kind cell stagesGrid writes), so those read back too.
 */
export function kindOfWord(text: string): StageKind | null {
  const key = normalizeKey(text);
  const kind = KIND_OF_WORD.get(key) ?? KIND_OF_WORD.get(key.replace(NUMBERED_KEY, ''));
  if (kind) return kind;
  const lead = KIND_LEAD.exec(text.trim().replace(NUMBERED_TEXT, ''));
  return lead ? (KIND_OF_WORD.get(normalizeKey(lead[1])) ?? null) : null;
}

/** A numbered prefix of a normalized key ("2proposal", "s2discovery") or of a typed value ("9 - Closed Won"). */
const NUMBERED_KEY = /^[a-z]?\d+/;
const NUMBERED_TEXT = /^[a-z]?\d+\s*[-–.:)]?\s*/i;
/**
 * A won, lost or on-hold value that says more after its kind word ("Closed Lost - price", "Lost to
 * competitor", "赢单（待回款）"): only these unambiguous words lead it, and a separator must follow them, so
 * "Won't proceed" or "Success planning" stay what their stage model says.
 */
const KIND_LEAD =
  /^(closed[\s_-]*won|closed[\s_-]*lost|won|lost|on[\s_-]*hold|hold|已?赢单|已?输单|已?丢单)(?=[\s\-–—:：(（,，;；])/i;

function criterionOf(text: string, kind: Criterion['kind']): Criterion {
  const [name, ...aliases] = text
    .split('|')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  return { name: name ?? text.trim(), aliases, kind };
}

type StageColumn = keyof typeof STAGE_COLUMNS;

/** Parses the Stages tab. Returns null when the tab has no recognisable header. */
export function parseStages(sheet: SheetData): { model: StageModel; issues: Issue[] } | null {
  const located = locateColumns(sheet.values, STAGE_COLUMNS);
  if (!located || located.cols.stage === undefined) return null;
  const { cols, headers, headerRow } = located;
  const log = new IssueLog(sheet.name, headers);
  const issue = (r: number, key: StageColumn, value: string, code: Issue['code'], params?: Issue['params']) =>
    log.cell(r, cols[key]!, value, code, params);
  const stages: Stage[] = [];
  /** Each stage by its name's key (a second row of that name is a duplicate), later also by its aliases. */
  const owner = new Map<string, Stage>();
  const percent = columnPercents(sheet.values, headerRow + 1, cols.probability);

  for (let r = headerRow + 1; r < sheet.values.length; r++) {
    const row = sheet.values[r] ?? [];
    const get = (key: StageColumn): Cell => (cols[key] === undefined ? '' : row[cols[key]!]);
    const text = (key: StageColumn): string => String(get(key) ?? '').trim();
    /** A figure of the row; a bad one is reported and read as blank. */
    const figure = (key: 'maxDays' | 'probability', parse: typeof parseNumber): number | null =>
      log.parsed(r, cols[key]!, get(key), parse(get(key)));
    const name = text('stage');
    if (name === '') continue;
    const key = normalizeKey(name);
    const first = owner.get(key);
    if (first) {
      issue(r, 'stage', name, 'stage-duplicate', { first: first.row });
      continue;
    }

    let order = stages.length + 1;
    const parsedOrder = parseNumber(get('order'));
    if (typeof parsedOrder === 'number') order = parsedOrder;
    else if (cols.order !== undefined)
      issue(r, 'order', text('order'), 'stage-missing-order', { used: order });

    const kindText = text('kind');
    const typedKind = kindOfWord(kindText);
    if (kindText !== '' && typedKind === null) issue(r, 'kind', kindText, 'stage-bad-kind');

    const maxDays = figure('maxDays', parseNumber);
    const probability = figure('probability', percent);

    const stage: Stage = {
      order,
      name,
      aliases: splitList(text('aliases').replace(/\|/g, '\n')),
      kind: typedKind ?? kindOfWord(name) ?? 'open',
      criteria: [
        ...splitList(get('elements')).map((t) => criterionOf(t, 'element')),
        ...splitList(get('commitments')).map((t) => criterionOf(t, 'commitment')),
      ],
      actions: splitList(get('actions')),
      support: splitList(get('support')),
      maxDays: maxDays !== null && maxDays > 0 ? maxDays : undefined,
      probability: probability ?? undefined,
      guidance: text('guidance'),
      row: r + 1,
    };
    stages.push(stage);
    owner.set(key, stage);
  }

  // Stable sort by order keeps the tab's row order among equal orders.
  stages.sort((a, b) => a.order - b.order);

  // An alias naming another stage (or another stage's alias) would make a cycle: report and drop it.
  // (Only a tab with an alias column has aliases.)
  for (const s of stages) {
    s.aliases = s.aliases.filter((alias) => {
      const key = normalizeKey(alias);
      const other = owner.get(key);
      if (other && other !== s) {
        issue(s.row - 1, 'aliases', alias, 'stage-alias-conflict', { stage: other.name });
        return false;
      }
      owner.set(key, s);
      return true;
    });
  }
  return { model: { source: 'sheet', stages }, issues: log.list };
}

/**
 * Well-known stage sequences of CRM exports and common templates, used to order stage values found
 * in the data when there is no Stages tab. Normalized keys, earliest first, separated by spaces.
 */
const KNOWN_SEQUENCES: readonly (readonly string[])[] = [
  // Salesforce standard opportunity stages
  'prospecting qualification needsanalysis valueproposition iddecisionmakers perceptionanalysis proposalpricequote negotiationreview',
  // HubSpot default deal pipeline
  'appointmentscheduled qualifiedtobuy presentationscheduled decisionmakerboughtin contractsent',
  // Pipedrive default pipeline
  'lead qualified contactmade demoscheduled needsdefined proposalmade negotiationsstarted',
  // Odoo CRM
  'new qualified proposition',
  // Maven CRM sample
  'prospecting engaging',
  // Common Chinese pipelines, and the second in English
  '线索 初步接触 需求确认 立项 方案 报价 投标 商务谈判 签约跟进',
  '线索 商机 报价 谈判 签约',
  'lead qualified qualification discovery demo opportunity proposal quote negotiation',
].map((sequence) => sequence.split(' '));

/**
 * Each known stage's place in the sequences that hold it, as a fraction of the way through (0 first, 1 last),
 * averaged over them: positions in two sequences do not compare as counts (报价 is 6th of 9 in one, 3rd of 5 in
 * another), and a stage one sequence lacks (商机, Prospecting) still falls between its neighbours. Made on first
 * use ("From my data" only), not at bundle load.
 */
let knownPlace: Map<string, number> | null = null;
function knownPlaces(): Map<string, number> {
  if (knownPlace) return knownPlace;
  const sums = new Map<string, [number, number]>();
  for (const seq of KNOWN_SEQUENCES)
    seq.forEach((key, i) => {
      const [sum, n] = sums.get(key) ?? [0, 0];
      sums.set(key, [sum + i / (seq.length - 1), n + 1]);
    });
  knownPlace = new Map([...sums].map(([key, [sum, n]]) => [key, sum / n]));
  return knownPlace;
}

export interface StageObservation {
  text: string;
  /** How many milestone dates the row carries (created, close…): customers further on carry more. */
  milestones: number;
}

/**
 * "From my data": the distinct stage values become the stage list. Terminal values are recognised by
 * their words; open stages are ordered by a numeric prefix (S1, 2 - Proposal), their place in the known CRM
 * sequences (knownPlaces), how many milestones their customers have reached, then first appearance.
 */
export function stagesFromData(observations: readonly StageObservation[]): StageModel {
  interface Seen {
    key: string;
    name: string;
    kind: StageKind;
    first: number;
    count: number;
    milestones: number;
  }
  const byKey = new Map<string, Seen>();
  observations.forEach((o, i) => {
    const name = o.text.trim();
    const key = normalizeKey(name);
    if (key === '') return;
    const seen = byKey.get(key);
    if (seen) {
      seen.count++;
      seen.milestones += o.milestones;
    } else {
      const kind = kindOfWord(name) ?? 'open';
      byKey.set(key, { key, name, kind, first: i, count: 1, milestones: o.milestones });
    }
  });

  const all = [...byKey.values()];
  // Sort keys, compared item by item: open stages first (kind 0), by the rules above; then won, lost and
  // on-hold values in order of first appearance.
  const places = knownPlaces();
  const rank = (s: Seen): number[] => {
    if (s.kind !== 'open') return [KIND_ORDER.indexOf(s.kind), s.first];
    const num = /^[a-z]{0,2}(\d+)/.exec(s.key);
    return [
      0,
      num ? Number(num[1]) : Number.POSITIVE_INFINITY,
      places.get(s.key) ?? Number.POSITIVE_INFINITY,
      s.milestones / s.count,
      s.first,
    ];
  };
  all.sort((a, b) => {
    const ra = rank(a);
    const rb = rank(b);
    for (let i = 0; i < ra.length; i++) if (ra[i] !== rb[i]) return ra[i] - rb[i];
    return 0;
  });

  const stages: Stage[] = all.map((s, i) => ({
    order: i + 1,
    name: s.name,
    aliases: [],
    kind: s.kind,
    criteria: [],
    actions: [],
    support: [],
    guidance: '',
    row: 0,
  }));
  return { source: 'data', stages };
}

const KIND_ORDER: readonly StageKind[] = ['open', 'won', 'lost', 'hold'];

/** What StageLookup reads of a stage: a model's stages, or the same fields kept in a cache. */
export type StageNames = Pick<Stage, 'name' | 'aliases' | 'kind'>;

/**
 * Finds stages by name, alias or (for won/lost/hold stages) any synonym of their kind: the one rule for
 * which typed stage values are known, used by the reader, the edit trigger and the formulas.
 */
export class StageLookup {
  private readonly byKey = new Map<string, number>();
  private readonly byKind: Partial<Record<StageKind, number>> = {};
  /** Typed values repeat down a column: remember each answer. */
  private readonly byText = new Map<string, number>();

  constructor(readonly model: { readonly stages: readonly StageNames[] }) {
    model.stages.forEach((s, i) => {
      for (const name of [s.name, ...s.aliases]) {
        const key = normalizeKey(name);
        if (key !== '' && !this.byKey.has(key)) this.byKey.set(key, i);
      }
      if (s.kind !== 'open' && this.byKind[s.kind] === undefined) this.byKind[s.kind] = i;
    });
  }

  /** Stage index for a typed value, or -1. */
  find(text: string): number {
    let found = this.byText.get(text);
    if (found === undefined) {
      const key = normalizeKey(text);
      // The name or alias, else the same after a numbered prefix ("1 - Prospecting", "S2 Discovery"),
      // else for a won/lost/hold value (kindOfWord) the first stage of that kind (byKind holds no open stage).
      const kind = kindOfWord(text);
      found =
        this.byKey.get(key) ??
        this.byKey.get(key.replace(NUMBERED_KEY, '')) ??
        (kind && this.byKind[kind]) ??
        -1;
      this.byText.set(text, found);
    }
    return found;
  }

  /** All names, for "did you mean" suggestions. */
  names(): string[] {
    return this.model.stages.map((s) => s.name);
  }
}
