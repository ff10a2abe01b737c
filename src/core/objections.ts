// The objection register: what blocks a customer's next stage, managed plan -> act -> feedback ->
// supervision. Parsed from the Objections tab and linked to customers by id or name.
import { FirstSeen } from './first-seen';
import { cellText, normalizeKey } from './normalize';
import { IssueLog, locateColumns } from './register';
import type { Customer } from './table';
import { OBJECTION_COLUMNS } from './tabs';
import type { Cell, Day, Issue, ObjectionStatus, ObjectionType, Resolution, SheetData } from './types';
import { columnDays, type ParseFailure, parseBoolean } from './values';

export interface Objection {
  row: number;
  id: string;
  customerText: string;
  /** Index into the customer list, -1 when no customer matches. */
  customer: number;
  type: ObjectionType;
  text: string;
  owner: string;
  raised: Day | null;
  status: ObjectionStatus;
  plan: string;
  due: Day | null;
  resolution: Resolution | null;
  resolved: Day | null;
  reviewedBy: string;
  reviewedOn: Day | null;
  blocking: boolean;
}

/**
 * The words of each value, separated by spaces and written as normalized keys (see normalizeKey), in both
 * languages.
 */
const STATUS_WORDS: Record<ObjectionStatus, string> = {
  raised: 'raised new open 新提出 提出 新建 待处理',
  planned: 'planned plan 已计划 计划',
  acting: 'acting inprogress working active 处理中 进行中 跟进中 解决中',
  resolved: 'resolved closed done solved 已解决 解决 已关闭 完成',
  accepted: 'accepted acceptedrisk accept risk 接受风险 接受 风险接受',
};

const OBJECTION_TYPE_WORDS: Record<ObjectionType, string> = {
  budget: 'budget 预算',
  approval: 'approval 审批',
  procurement: 'procurement tender procurementtender 采购 招标 采购招标 招投标',
  legal: 'legal 法务 法律',
  finance: 'finance 财务 付款',
  product: 'product 产品 功能',
  price: 'price pricing 价格 报价',
  competition: 'competition competitor 竞争 竞品 竞争对手',
  timing: 'timing time 时机 时间',
  relationship: 'relationship 关系',
  other: 'other 其他 其它',
};

const RESOLUTION_WORDS: Record<Resolution, string> = {
  responded: 'responded respond 应对',
  removed: 'removed remove 排除',
  improved: 'improved improve 优化',
  bypassed: 'bypassed bypass 跨越',
  defeated: 'defeated defeat 击碎',
};

/** The value `text` names, null when none (also for a blank key: the tables hold no empty word). */
function wordOf<K extends string>(table: Record<K, string>, text: string): K | null {
  const key = normalizeKey(text);
  const first = (match: (word: string) => boolean): K | null =>
    (Object.keys(table) as K[]).find((k) => table[k].split(' ').some(match)) ?? null;
  // A listed word as the whole text; else, for "预算 budget" or "Budget (预算)", one the text starts with.
  return first((w) => w === key) ?? first((w) => key.startsWith(w));
}

/** Finds a customer by id first, then by normalized name. */
export class CustomerIndex {
  private readonly byId = new Map<string, number>();
  private readonly byName = new Map<string, number>();
  constructor(customers: readonly Pick<Customer, 'id' | 'name'>[]) {
    customers.forEach((c, i) => {
      if (c.id !== '' && !this.byId.has(c.id)) this.byId.set(c.id, i);
      const key = normalizeKey(c.name);
      if (key !== '' && !this.byName.has(key)) this.byName.set(key, i);
    });
  }
  /** Ids as names are matched (case, spaces and punctuation aside), made on the first miss. */
  private idKeys?: Map<string, number>;
  find(text: string): number {
    const key = normalizeKey(text);
    const found = this.byId.get(text.trim()) ?? this.byName.get(key);
    if (found !== undefined || key === '') return found ?? -1;
    if (!this.idKeys) {
      this.idKeys = new Map();
      for (const [id, i] of this.byId) {
        const k = normalizeKey(id);
        if (!this.idKeys.has(k)) this.idKeys.set(k, i);
      }
    }
    return this.idKeys.get(key) ?? -1;
  }
}

/** Parses the Objections tab; null when the tab has no recognisable header. */
export function parseObjections(
  sheet: SheetData,
  customers: CustomerIndex,
  timeZone: string,
): { objections: Objection[]; issues: Issue[] } | null {
  const located = locateColumns(sheet.values, OBJECTION_COLUMNS);
  if (!located) return null;
  const { cols, headers, headerRow } = located;
  const log = new IssueLog(sheet.name, headers);
  const objections: Objection[] = [];
  type Col = keyof typeof OBJECTION_COLUMNS;
  const dayIn = columnDays(sheet.values, headerRow + 1, timeZone);
  const seenIds = new FirstSeen();
  for (let r = headerRow + 1; r < sheet.values.length; r++) {
    const row = sheet.values[r] ?? [];
    const cell = (k: Col): Cell => (cols[k] === undefined ? '' : row[cols[k]!]);
    const text = (k: Col): string => cellText(cell(k));
    const issue = (k: Col, code: Issue['code'], params?: Issue['params']): void =>
      log.cell(r, cols[k]!, text(k), code, params);
    /** A parsed cell; a value that does not parse is reported and read as blank. */
    const valid = <T>(k: Col, parsed: T | ParseFailure): T | null => log.parsed(r, cols[k]!, cell(k), parsed);
    const day = (k: Col): Day | null => valid(k, dayIn(cols[k])(cell(k)));
    const customerText = text('customer');
    const body = text('objection');
    const id = text('id');
    if (customerText === '' && body === '' && id === '') continue;

    const first = id === '' ? undefined : seenIds.firstOr(id, r + 1);
    if (first !== undefined) issue('id', 'duplicate-id', { first });
    const customer = customers.find(customerText);
    if (customer < 0) issue('customer', 'unknown-customer');

    /** A typed word of one of the tables; an unknown word is reported and read as blank. */
    const word = <K extends string>(k: Col, table: Record<K, string>, code: Issue['code']): K | null => {
      if (text(k) === '') return null;
      const found = wordOf(table, text(k));
      if (!found) issue(k, code);
      return found;
    };
    const plan = text('plan');
    const typed = word('status', STATUS_WORDS, 'unknown-objection-status');
    const type = word('type', OBJECTION_TYPE_WORDS, 'unknown-objection-type') ?? 'other';
    const resolution = word('resolution', RESOLUTION_WORDS, 'unknown-resolution');
    const blocking = valid('blocking', parseBoolean(cell('blocking')));
    const resolved = day('resolved');
    // A blank status reads from the row: resolved once a resolution or a resolved-on date is recorded, else
    // planned once a plan is written, else raised.
    const status =
      typed ?? (resolution !== null || resolved !== null ? 'resolved' : plan === '' ? 'raised' : 'planned');

    objections.push({
      row: r + 1,
      id,
      customerText,
      customer,
      type,
      text: body,
      owner: text('owner'),
      raised: day('raised'),
      status,
      plan,
      due: day('due'),
      resolution,
      resolved,
      reviewedBy: text('reviewedBy'),
      reviewedOn: day('reviewedOn'),
      blocking: blocking === true,
    });
  }
  return { objections, issues: log.list };
}

export function isOpenObjection(o: Objection): boolean {
  return o.status !== 'resolved' && o.status !== 'accepted';
}

/** Due before the as-of date and neither resolved nor accepted. */
export function isOverdue(o: Objection, asOf: Day): boolean {
  return isOpenObjection(o) && o.due !== null && o.due < asOf;
}

/** Raised more than `days` days ago and still without a plan. */
export function isUnplanned(o: Objection, asOf: Day, days: number): boolean {
  return isOpenObjection(o) && o.plan === '' && o.raised !== null && asOf - o.raised > days;
}

/** Resolved (or accepted) but nobody reviewed it: the supervision step is missing. */
export function isUnsupervised(o: Objection): boolean {
  return !isOpenObjection(o) && o.reviewedBy === '' && o.reviewedOn === null;
}
