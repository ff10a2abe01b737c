// Generates the demo workbook samples/pandian-demo.xlsx (and samples/pandian-demo-customers.csv): the
// customer inventory of a fictional East-China B2B sales team on 2026-11-27, with the Stages,
// Objections, History and Settings tabs. Deterministic: a seeded PRNG, a fixed as-of date, fixed
// workbook timestamps — running it twice gives the same cells (the .xlsx bytes may differ: exceljs
// stamps the zip entries with the time of writing).
//
// The data is coherent on purpose (criteria met up to the stage, dates increasing) and flawed on purpose,
// so every part of the inventory has something to show: declared stages ahead of and behind the
// evidence, a customer who jumped stages in one meeting, stalled customers, overdue and missing next
// actions, uneven rep loads (one overloaded, one nearly idle, one with nothing in the first two stages),
// support needs, wins spread over the last 12 months, and a handful of data problems for the issues list
// (an unknown stage, an impossible date, a missing customer name, a placeholder row, a totals row).
//
// Run: npm run sample (writes samples/).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { stagesGrid } from '../src/core/stage-grid';
import { HISTORY_COLUMNS, headersOf, OBJECTION_COLUMNS, SETTINGS_KEYS, TAB_NAMES } from '../src/core/tabs';
import { template } from '../src/core/templates';
import { mulberry32 } from '../test/support/random';

// ---- determinism ------------------------------------------------------------------------------------

const SEED = 20261127;
/** Days since 1970-01-01. */
type Day = number;
const dayOf = (y: number, m: number, d: number): Day => Date.UTC(y, m - 1, d) / 86400000;
const AS_OF: Day = dayOf(2026, 11, 27);
const FIXED_TIME = new Date(Date.UTC(2026, 10, 27, 9, 0, 0));
const toDate = (d: Day, minutes = 0) => new Date(d * 86400000 + minutes * 60000);
const iso = (d: Day) => toDate(d).toISOString().slice(0, 10);

class Rng {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  float(): number {
    return this.next();
  }
  /** Integer in [lo, hi]. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.next() * list.length)];
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  shuffle<T>(list: readonly T[]): T[] {
    const out = [...list];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [out[i], out[j]] = [out[j], out[i]];
    }
    return out;
  }
}

// ---- the team and its customers -----------------------------------------------------------------------

const MODEL = template('b2b', 'zh');
const OPEN_STAGES = MODEL.stages.filter((s) => s.kind === 'open');
/** Criteria in stage order, with the index (0-based) of the open stage they are an exit criterion of. */
const CRITERIA = OPEN_STAGES.flatMap((s, i) => s.criteria.map((c) => ({ name: c.name, stage: i })));
const WON = MODEL.stages.find((s) => s.kind === 'won')!.name;
const LOST = MODEL.stages.find((s) => s.kind === 'lost')!.name;
const HOLD = MODEL.stages.find((s) => s.kind === 'hold')!.name;
const STATUS = { open: '进行中', won: '赢单', lost: '输单', hold: '搁置' } as const;
const MANAGER = '周敏';

interface RepPlan {
  name: string;
  email: string;
  /** Open customers per open stage (线索, 需求确认, 预算确认, 方案/招投标, 商务审批). */
  open: [number, number, number, number, number];
  won: number;
  lost: number;
  hold: number;
}

const REPS: RepPlan[] = [
  { name: '王磊', email: 'wanglei@example.com', open: [8, 9, 8, 6, 4], won: 3, lost: 2, hold: 1 },
  { name: '李娜', email: 'lina@example.com', open: [3, 3, 3, 3, 2], won: 3, lost: 2, hold: 1 },
  { name: '张伟', email: 'zhangwei@example.com', open: [2, 3, 3, 3, 2], won: 3, lost: 2, hold: 0 },
  { name: '陈静', email: 'chenjing@example.com', open: [0, 0, 4, 3, 3], won: 3, lost: 1, hold: 1 },
  { name: '刘洋', email: 'liuyang@example.com', open: [3, 3, 2, 2, 2], won: 2, lost: 2, hold: 1 },
  { name: 'Emily Chen', email: 'emily.chen@example.com', open: [2, 3, 3, 2, 2], won: 2, lost: 1, hold: 1 },
  { name: 'David Wang', email: 'david.wang@example.com', open: [3, 2, 2, 2, 2], won: 1, lost: 1, hold: 1 },
  { name: 'Sarah Li', email: 'sarah.li@example.com', open: [1, 1, 1, 1, 0], won: 1, lost: 1, hold: 0 },
];

const FIXED_NAMES = [
  '华东电力设计院',
  '苏州工业园区管委会',
  '宁波港集团',
  'Pacific Logistics Ltd',
  'Nordic Medical Devices',
];
const CITIES = [
  '上海',
  '杭州',
  '南京',
  '苏州',
  '无锡',
  '常州',
  '宁波',
  '温州',
  '嘉兴',
  '绍兴',
  '合肥',
  '南通',
  '扬州',
  '镇江',
  '台州',
  '金华',
  '湖州',
  '徐州',
  '芜湖',
  '舟山',
];
const KINDS = [
  '轨道交通集团',
  '第一人民医院',
  '水务集团',
  '燃气有限公司',
  '城投集团',
  '智能制造有限公司',
  '化工集团',
  '钢铁股份有限公司',
  '汽车零部件有限公司',
  '国际物流园',
  '高新区管委会',
  '市政设计研究院',
  '环保科技有限公司',
  '新能源有限公司',
  '电子科技有限公司',
  '数据中心',
  '机场集团',
  '医药股份有限公司',
];
const ENGLISH_NAMES = [
  'Harbor Semiconductor Co.',
  'Atlas Engineering GmbH',
  'Bluewater Energy',
  'Summit Retail Group',
  'Orion Biotech',
  'Meridian Hotels Asia',
  'Crescent Foods',
  'Vertex Automotive Parts',
  'Greenfield Packaging',
  'Silverline Telecom',
  'Evergreen Chemicals',
  'Northstar Robotics',
  'Lumen Optics',
  'Keystone Construction',
  'Redwood Financial Services',
  'Apex Textiles',
  'Coastal Water Treatment',
  'Horizon Aviation Services',
  'Granite Industrial Supply',
  'Sunrise Education Group',
];

const NEXT_ZH = [
  '安排技术交流会',
  '发送方案建议书',
  '约见财务总监',
  '跟进招标公告',
  '提交正式报价',
  '邀请参观样板客户',
  '确认决策链',
  '准备投标文件',
  '催办合同审批',
  '高层拜访',
];
const NEXT_EN = [
  'Send proposal',
  'Schedule demo',
  'Follow up on tender timeline',
  'Call the CFO',
  'Site visit',
];
const SUPPORT_CHOICES = ['法务', '财务', '产品', '培训', '服务'];

type Mark = Day | '✓' | '是' | null;

interface Customer {
  id: string;
  name: string;
  rep: RepPlan;
  /** The declared stage, as the 销售阶段 cell shows it. */
  stage: string;
  status: string;
  amount: number | string;
  created: Day;
  expectedClose: Day | string | null;
  closed: Day | null;
  lastContact: Day | null;
  next: string;
  nextDue: Day | null;
  stageEntered: Day | null;
  resume: Day | null;
  support: string;
  marks: Mark[];
  /** Dates the declared stage changed, for History: [day, from, to]. */
  moves: [Day, string, string][];
}

const MAX_DAYS = OPEN_STAGES.map((s) => s.maxDays ?? 30);

/**
 * Start days of open stages 0..s, given the day stage s began: each earlier stage took a typical time
 * (a few days up to its stall threshold).
 */
function stageStarts(rng: Rng, s: number, start: Day): Day[] {
  const starts: Day[] = [];
  starts[s] = start;
  for (let k = s - 1; k >= 0; k--)
    starts[k] = starts[k + 1] - rng.int(Math.round(MAX_DAYS[k] * 0.4), MAX_DAYS[k] + 10);
  return starts;
}

/**
 * Exit criteria met in order: those of each stage k < s inside stage k (the last on the day stage k+1
 * began), then the first `extra` criteria of stage s between its start and `until`.
 */
function marksFor(starts: Day[], s: number, extra: number, until: Day): Mark[] {
  const marks: Mark[] = CRITERIA.map(() => null);
  for (let k = 0; k <= s && k < OPEN_STAGES.length; k++) {
    const idx = CRITERIA.map((c, i) => (c.stage === k ? i : -1)).filter((i) => i >= 0);
    if (k < s) {
      idx.forEach((i, j) => {
        marks[i] = starts[k] + Math.round(((starts[k + 1] - starts[k]) * (j + 1)) / idx.length);
      });
    } else {
      idx.slice(0, extra).forEach((i, j) => {
        marks[i] = starts[k] + Math.floor(((until - starts[k]) * (j + 1)) / (extra + 1));
      });
    }
  }
  return marks;
}

/** Some dated marks become ✓ or 是, as people type them. */
function roughen(rng: Rng, marks: Mark[]): Mark[] {
  return marks.map((m) => (m === null ? null : rng.chance(0.08) ? '✓' : rng.chance(0.04) ? '是' : m));
}

function customerNames(rng: Rng, n: number): string[] {
  const names = new Set(FIXED_NAMES);
  const english = rng.shuffle(ENGLISH_NAMES);
  let e = 0;
  while (names.size < n) {
    if (rng.chance(0.16) && e < english.length) names.add(english[e++]);
    else names.add(`${rng.pick(CITIES)}${rng.pick(KINDS)}`);
  }
  return rng.shuffle([...names]);
}

function buildCustomers(rng: Rng): Customer[] {
  const total = REPS.reduce((n, r) => n + r.open.reduce((a, b) => a + b, 0) + r.won + r.lost + r.hold, 0);
  const names = customerNames(rng, total + 1);
  let nameAt = 0;
  const list: Customer[] = [];
  const base = (rep: RepPlan, status: string): Customer => ({
    id: '',
    name: names[nameAt++],
    rep,
    stage: '',
    status,
    amount: rng.int(6, 120) * 5,
    created: AS_OF,
    expectedClose: null,
    closed: null,
    lastContact: null,
    next: '',
    nextDue: null,
    stageEntered: null,
    resume: null,
    support: '',
    marks: CRITERIA.map(() => null),
    moves: [],
  });
  /** Places a customer at open stage `s`, entered on `entered`, with `extra` criteria of it met since. */
  const place = (c: Customer, s: number, entered: Day, extra: number, until: Day) => {
    const starts = stageStarts(rng, s, entered);
    c.created = starts[0];
    c.marks = marksFor(starts, s, extra, until);
    c.stageEntered = entered;
    c.moves = [];
    for (let k = 1; k <= s; k++) {
      c.moves.push([starts[k], OPEN_STAGES[k - 1].name, k < OPEN_STAGES.length ? OPEN_STAGES[k].name : WON]);
    }
  };
  const remaining = (s: number) => MAX_DAYS.slice(s).reduce((a, b) => a + b, 0);

  for (const rep of REPS) {
    rep.open.forEach((count, s) => {
      for (let k = 0; k < count; k++) {
        const c = base(rep, STATUS.open);
        c.stage = OPEN_STAGES[s].name;
        place(
          c,
          s,
          AS_OF - rng.int(1, Math.round(MAX_DAYS[s] * 0.8)),
          rng.int(0, OPEN_STAGES[s].criteria.length - 1),
          AS_OF,
        );
        c.lastContact = AS_OF - (rng.chance(0.12) ? rng.int(16, 45) : rng.int(0, 10));
        c.next = /[A-Za-z]/.test(rep.name) && rng.chance(0.5) ? rng.pick(NEXT_EN) : rng.pick(NEXT_ZH);
        c.nextDue = AS_OF + rng.int(1, 21);
        c.expectedClose = AS_OF + Math.round(remaining(s) * (0.6 + rng.float() * 0.8));
        if (rng.chance(0.35)) {
          c.support = rng.shuffle(SUPPORT_CHOICES).slice(0, rng.int(1, 2)).join(',');
        }
        list.push(c);
      }
    });
    for (let k = 0; k < rep.won; k++) list.push(base(rep, STATUS.won));
    for (let k = 0; k < rep.lost; k++) list.push(base(rep, STATUS.lost));
    for (let k = 0; k < rep.hold; k++) list.push(base(rep, STATUS.hold));
  }

  // Wins spread over the last 12 months, after a full pass through the stages.
  const last = OPEN_STAGES.length;
  const won = rng.shuffle(list.filter((c) => c.status === STATUS.won));
  won.forEach((c, i) => {
    const closed = AS_OF - Math.round(((i + 0.5) * 355) / won.length) + rng.int(-4, 4);
    place(c, last, closed, 0, closed);
    c.stage = WON;
    c.closed = closed;
    c.lastContact = Math.min(AS_OF, closed + rng.int(0, 20));
    c.expectedClose = closed + rng.int(-10, 20);
    c.amount = rng.int(10, 90) * 5;
  });
  const lost = rng.shuffle(list.filter((c) => c.status === STATUS.lost));
  lost.forEach((c, i) => {
    const closed = AS_OF - Math.round(((i + 0.5) * 340) / lost.length) + rng.int(-3, 3);
    const reached = rng.int(1, 4);
    place(c, reached, closed - rng.int(5, MAX_DAYS[reached]), 0, closed);
    c.stage = LOST;
    c.moves.push([closed, OPEN_STAGES[reached].name, LOST]);
    c.closed = closed;
    c.stageEntered = closed;
    c.lastContact = closed;
    c.expectedClose = closed + rng.int(10, 60);
  });
  // On hold: parked at a middle stage; most resume later, one resume date already passed, one has none.
  const hold = list.filter((c) => c.status === STATUS.hold);
  hold.forEach((c, i) => {
    const s = 1 + (i % 3);
    place(c, s, AS_OF - rng.int(60, 150), 0, AS_OF);
    c.stage = i === hold.length - 1 ? HOLD : OPEN_STAGES[s].name;
    c.lastContact = AS_OF - rng.int(20, 50);
    c.resume = i === 0 ? AS_OF - 12 : i === 1 ? null : AS_OF + rng.int(20, 120);
    c.next = i === 1 ? '' : '约定恢复时间';
    c.nextDue = c.resume;
    c.expectedClose = AS_OF + rng.int(90, 200);
  });

  const open = list.filter((c) => c.status === STATUS.open);
  const stageIndex = (c: Customer) => OPEN_STAGES.findIndex((s) => s.name === c.stage);
  const flagged = new Set<Customer>();
  const take = (pool: Customer[], n: number) => {
    const out = rng.shuffle(pool.filter((c) => !flagged.has(c))).slice(0, n);
    for (const c of out) flagged.add(c);
    return out;
  };

  // One customer met inquiry, need, decision process, budget and the budget-approval path in one meeting:
  // the sheet jumped it from 线索 to 方案/招投标 the same day.
  const jumped = take(
    open.filter((c) => stageIndex(c) === 3 && c.rep.name === 'Emily Chen'),
    1,
  )[0];
  if (jumped) {
    const day = AS_OF - 9;
    jumped.created = day;
    jumped.marks = CRITERIA.map((cr) => (cr.stage < 3 ? day : null));
    jumped.stageEntered = day;
    jumped.moves = [[day, OPEN_STAGES[0].name, OPEN_STAGES[3].name]];
    jumped.lastContact = day;
  }
  // Declared ahead of the evidence: an exit criterion of an earlier stage is missing.
  for (const c of take(
    open.filter((c) => stageIndex(c) >= 2),
    6,
  )) {
    const s = stageIndex(c);
    const earlier = CRITERIA.map((cr, i) => (cr.stage < s && cr.stage >= s - 2 ? i : -1)).filter(
      (i) => i >= 0,
    );
    c.marks[rng.pick(earlier)] = null;
  }
  // Declared behind the evidence: the customer moved on, the sheet's stage was not updated.
  for (const c of take(
    open.filter((c) => stageIndex(c) <= 2 && c.rep.name !== '陈静'),
    5,
  )) {
    const s = stageIndex(c);
    const upTo = Math.min(s + rng.int(1, 2), OPEN_STAGES.length - 1);
    const idx = CRITERIA.map((cr, i) => (cr.stage >= s && cr.stage < upTo ? i : -1)).filter((i) => i >= 0);
    const from = c.stageEntered ?? AS_OF - 10;
    idx.forEach((i, j) => {
      c.marks[i] = from + Math.floor(((AS_OF - from) * (j + 1)) / (idx.length + 1));
    });
  }
  // Stalled: entered the stage long ago, nothing met since.
  for (const c of take(open, 12)) {
    const s = stageIndex(c);
    place(c, s, AS_OF - rng.int(MAX_DAYS[s] + 10, MAX_DAYS[s] + 110), 0, AS_OF);
    c.lastContact = AS_OF - rng.int(20, 60);
  }
  // Next actions overdue, or missing.
  for (const c of take(open, 12)) c.nextDue = AS_OF - rng.int(2, 30);
  for (const c of take(open, 9)) {
    c.next = '';
    c.nextDue = null;
  }
  // Expected close dates that slipped by.
  for (const c of rng.shuffle(open).slice(0, 8)) c.expectedClose = AS_OF - rng.int(3, 40);

  for (const c of list) if (c !== jumped) c.marks = roughen(rng, c.marks);
  // Ids in order of creation, as a sheet grows.
  list.sort((a, b) => a.created - b.created || a.name.localeCompare(b.name));
  list.forEach((c, i) => {
    c.id = `KH-${String(i + 1).padStart(3, '0')}`;
  });
  // Amounts typed as text.
  list[17].amount = '1,2 万';
  list[61].amount = '待定';
  return list;
}

// ---- the customer tab -----------------------------------------------------------------------------------

const CUSTOMER_HEADERS = [
  '编号',
  '客户名称',
  '销售代表',
  '销售阶段',
  '状态',
  '预计金额（万元）',
  '创建日期',
  '预计签约日期',
  '成交日期',
  '最近跟进',
  '下一步',
  '下一步截止',
  '进入阶段日期',
  '恢复日期',
  '需要支持',
  ...CRITERIA.map((c) => c.name),
];
const TITLE = '2026年第四季度客户盘点 — 华东区销售部';
/** Sheet row of the header (title row, blank row, header). */
const HEADER_ROW = 3;

type Value = string | number | Date | null | { formula: string; result: number };

function dayCell(d: Day | string | null): Value {
  return d === null ? null : typeof d === 'string' ? d : toDate(d);
}

interface CustomerTab {
  rows: Value[][];
  /** Sheet row of each customer (for History). */
  rowOf: Map<Customer, number>;
}

function customerTab(rng: Rng, customers: Customer[]): CustomerTab {
  const rows: Value[][] = [[TITLE], [], CUSTOMER_HEADERS];
  const rowOf = new Map<Customer, number>();
  const toRow = (c: Customer): Value[] => [
    c.id,
    c.name,
    c.rep.name,
    c.stage,
    c.status,
    c.amount,
    dayCell(c.created),
    dayCell(c.expectedClose),
    dayCell(c.closed),
    dayCell(c.lastContact),
    c.next || null,
    dayCell(c.nextDue),
    dayCell(c.stageEntered),
    dayCell(c.resume),
    c.support || null,
    ...c.marks.map((m) => (typeof m === 'number' ? toDate(m) : m)),
  ];
  customers.forEach((c, i) => {
    rows.push(toRow(c));
    rowOf.set(c, rows.length);
    // A placeholder row someone left in the middle of the list.
    if (i === 70) rows.push(['-', '-', '-', '-']);
  });
  const open = customers.filter((c) => c.status === STATUS.open);
  // An unknown stage value (a word the stage model does not know).
  const odd = open.filter((c) => c.rep.name === '张伟')[2];
  rows[rowOf.get(odd)! - 1][3] = '谈判中';
  // An impossible date typed as text.
  const bad = open.filter((c) => c.rep.name === '李娜')[4];
  rows[rowOf.get(bad)! - 1][7] = '2026-02-30';
  // A row without the customer's name.
  const id = `KH-${String(customers.length + 1).padStart(3, '0')}`;
  rows.push([
    id,
    null,
    '刘洋',
    OPEN_STAGES[1].name,
    STATUS.open,
    rng.int(10, 60) * 5,
    toDate(AS_OF - 20),
    toDate(AS_OF + 100),
    null,
    toDate(AS_OF - 3),
    '补充客户信息',
    toDate(AS_OF + 5),
    toDate(AS_OF - 12),
    null,
    null,
    toDate(AS_OF - 12),
  ]);
  // The totals row at the bottom.
  const first = HEADER_ROW + 1;
  const last = rows.length;
  const sum = rows.slice(HEADER_ROW).reduce((n, r) => n + (typeof r[5] === 'number' ? r[5] : 0), 0);
  rows.push([null, '合计', null, null, null, { formula: `SUM(F${first}:F${last})`, result: sum }]);
  return { rows, rowOf };
}

// ---- objections -------------------------------------------------------------------------------------

const OBJECTION_TEXT: Record<string, string[]> = {
  预算: ['今年预算已基本用完，要等明年一季度', '预算归口在集团，项目部无权决定', '预算额度只有报价的一半'],
  审批: ['需要集团总部审批，审批路径不清楚', '分管副总出差，审批会推迟', '审批需要三家比价材料'],
  '采购/招标': ['必须走公开招标，招标时间未定', '采购部要求先进入集采目录', '招标参数偏向竞品'],
  法务: ['对数据安全和保密条款有异议', '要求无限责任赔偿条款', '知识产权归属条款未谈妥'],
  财务: ['要求分三期付款，尾款一年后支付', '要求调整开票方式', '付款需要与验收节点挂钩'],
  产品: ['缺少与现有ERP系统的接口', '需要支持国产化操作系统', '报表功能不满足监管要求'],
  价格: ['报价比竞品高约20%', '要求年度维保费打折', '希望分期采购降低首付'],
  竞争: ['竞争对手已经做过免费试点', '现有供应商关系深厚', '竞品承诺更短交付周期'],
  时机: ['要等新领导到任后再决定', '年底封账，项目推迟到明年', '等待上级政策文件出台'],
  关系: ['关键联系人调岗，需要重新建立关系', '技术负责人对我们有顾虑', '决策人倾向于老供应商'],
  其他: ['组织架构调整中，项目暂停评估', '客户内部对项目范围有分歧'],
};
const OBJECTION_PLAN: Record<string, string> = {
  预算: '协助客户准备明年预算申报材料',
  审批: '画出审批链，约见分管领导',
  '采购/招标': '跟进招标计划，提前准备资质文件',
  法务: '法务与客户法务逐条沟通',
  财务: '提供分期付款方案，财务评审',
  产品: '组织产品经理做技术交流',
  价格: '申请特价审批，强调总拥有成本',
  竞争: '安排样板客户参观，突出差异',
  时机: '保持高层联系，锁定下次评审时间',
  关系: '安排高层拜访，重建信任',
  其他: '每两周跟进一次客户内部进展',
};
const RESOLUTIONS = ['应对', '排除', '优化', '跨越', '击碎'];
const OBJECTION_STATUS = {
  raised: '新提出',
  planned: '已计划',
  acting: '处理中',
  resolved: '已解决',
  accepted: '接受风险',
};

function objectionsTab(rng: Rng, customers: Customer[]): Value[][] {
  const rows: Value[][] = [headersOf(OBJECTION_COLUMNS, 'zh')];
  const open = rng.shuffle(customers.filter((c) => c.status === STATUS.open));
  const closed = rng.shuffle(customers.filter((c) => c.status !== STATUS.open));
  const types = Object.keys(OBJECTION_TEXT);
  type Kind =
    | 'overdue'
    | 'unplanned'
    | 'fresh'
    | 'planned'
    | 'unsupervised'
    | 'reviewed'
    | 'accepted'
    | 'unknown';
  const plan: Kind[] = [
    ...Array<Kind>(6).fill('overdue'),
    ...Array<Kind>(5).fill('unplanned'),
    ...Array<Kind>(2).fill('fresh'),
    ...Array<Kind>(9).fill('planned'),
    ...Array<Kind>(5).fill('unsupervised'),
    ...Array<Kind>(9).fill('reviewed'),
    ...Array<Kind>(3).fill('accepted'),
    'unknown',
  ];
  // Every type at least once.
  const typeOrder = rng.shuffle([...types, ...plan.slice(types.length).map(() => rng.pick(types))]);
  let o = 0;
  let k = 0;
  for (const [n, kind] of rng.shuffle(plan).entries()) {
    const resolvedKind = kind === 'unsupervised' || kind === 'reviewed';
    const c = resolvedKind && rng.chance(0.4) ? closed[k++ % closed.length] : open[o++ % open.length];
    const type = typeOrder[n];
    const raised =
      kind === 'fresh'
        ? AS_OF - rng.int(0, 2)
        : kind === 'unplanned'
          ? AS_OF - rng.int(5, 30)
          : AS_OF - rng.int(10, 120);
    const customer = kind === 'unknown' ? '常州新能源科技有限公司' : rng.chance(0.2) ? c.id : c.name;
    const stage =
      c.status === STATUS.open || c.status === STATUS.hold ? c.stage : OPEN_STAGES[rng.int(1, 4)].name;
    const status =
      kind === 'unplanned' || kind === 'fresh'
        ? OBJECTION_STATUS.raised
        : kind === 'overdue' || kind === 'planned' || kind === 'unknown'
          ? rng.pick([OBJECTION_STATUS.planned, OBJECTION_STATUS.acting])
          : kind === 'accepted'
            ? OBJECTION_STATUS.accepted
            : OBJECTION_STATUS.resolved;
    const hasPlan = status !== OBJECTION_STATUS.raised;
    const due =
      kind === 'overdue'
        ? Math.max(raised + 1, AS_OF - rng.int(2, 25))
        : hasPlan
          ? Math.max(
              raised + 7,
              AS_OF + (resolvedKind || kind === 'accepted' ? -rng.int(1, 10) : rng.int(3, 30)),
            )
          : null;
    const resolvedOn = resolvedKind ? Math.min(AS_OF - 1, raised + rng.int(5, 30)) : null;
    const blocking = ['overdue', 'planned', 'unplanned'].includes(kind) && rng.chance(0.35);
    rows.push([
      `YY-${String(rows.length).padStart(3, '0')}`,
      customer,
      stage,
      type,
      rng.pick(OBJECTION_TEXT[type]),
      c.rep.name,
      toDate(raised),
      status,
      hasPlan ? OBJECTION_PLAN[type] : null,
      due === null ? null : toDate(due),
      resolvedKind ? rng.pick(RESOLUTIONS) : null,
      resolvedOn === null ? null : toDate(resolvedOn),
      kind === 'reviewed' ? MANAGER : null,
      kind === 'reviewed' && resolvedOn !== null ? toDate(Math.min(AS_OF, resolvedOn + rng.int(1, 5))) : null,
      blocking ? '是' : '否',
    ]);
  }
  return rows;
}

// ---- history ------------------------------------------------------------------------------------------

const HISTORY_ROWS = 300;

function historyTab(rng: Rng, customers: Customer[], rowOf: Map<Customer, number>): Value[][] {
  const events: { when: number; row: Value[] }[] = [];
  const since = AS_OF - 365;
  for (const c of customers) {
    const row = rowOf.get(c) ?? null;
    const add = (day: Day, field: string, from: string, to: string) => {
      if (day < since || day > AS_OF) return;
      const minutes = 8 * 60 + 30 + rng.int(0, 9 * 60);
      events.push({
        when: day * 1440 + minutes,
        row: [toDate(day, minutes), c.rep.email, c.name, c.id, row, field, from, to, 'edit'],
      });
    };
    for (const [day, from, to] of c.moves) add(day, '销售阶段', from, to);
    c.marks.forEach((m, i) => {
      if (typeof m === 'number' && rng.chance(0.3)) add(m, CRITERIA[i].name, '', iso(m));
    });
  }
  // About 300 rows, spread over the year like the full log.
  const kept = rng.shuffle(events).slice(0, HISTORY_ROWS);
  kept.sort((a, b) => a.when - b.when || String(a.row[3]).localeCompare(String(b.row[3])));
  return [headersOf(HISTORY_COLUMNS, 'zh'), ...kept.map((e) => e.row)];
}

// ---- settings -----------------------------------------------------------------------------------------

function settingsTab(): Value[][] {
  const values: Partial<Record<keyof typeof SETTINGS_KEYS, Value>> = {
    lang: 'zh',
    template: 'b2b',
    customerSheet: TAB_NAMES.customers[0],
    period: 'month',
    winsTarget: 2,
    valueTarget: 3000000,
    unplannedDays: 3,
    contactDays: 14,
    trackEdits: '否',
  };
  const rows: Value[][] = [['设置', '值']];
  for (const [key, names] of Object.entries(SETTINGS_KEYS)) {
    rows.push([names[0], values[key as keyof typeof SETTINGS_KEYS] ?? null]);
  }
  return rows;
}

// ---- the workbook ---------------------------------------------------------------------------------------

/** The tabs of the demo workbook as rows of values (Dates at UTC midnight, one formula in the totals row). */
export function sampleTabs(): { name: string; rows: Value[][]; widths: number[]; header: number }[] {
  const rng = new Rng(SEED);
  const customers = buildCustomers(rng);
  const { rows, rowOf } = customerTab(rng, customers);
  return [
    {
      name: TAB_NAMES.customers[0],
      rows,
      widths: [9, 24, 11, 12, 8, 14, 11, 12, 11, 11, 20, 11, 12, 11, 12, ...CRITERIA.map(() => 11)],
      header: HEADER_ROW,
    },
    {
      name: TAB_NAMES.stages[0],
      rows: stagesGrid(MODEL, 'zh'),
      widths: [6, 12, 22, 8, 24, 24, 24, 12, 10, 8, 50],
      header: 1,
    },
    {
      name: TAB_NAMES.objections[0],
      rows: objectionsTab(rng, customers),
      widths: [8, 24, 12, 10, 32, 11, 11, 10, 30, 11, 10, 11, 8, 11, 6],
      header: 1,
    },
    {
      name: TAB_NAMES.history[0],
      rows: historyTab(rng, customers, rowOf),
      widths: [17, 24, 24, 9, 6, 18, 14, 14, 8],
      header: 1,
    },
    { name: TAB_NAMES.settings[0], rows: settingsTab(), widths: [16, 14], header: 1 },
  ];
}

/** The demo workbook, built in memory with exceljs. */
export async function makeSample(): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Pandian';
  wb.lastModifiedBy = 'Pandian';
  wb.created = FIXED_TIME;
  wb.modified = FIXED_TIME;
  wb.lastPrinted = FIXED_TIME;
  for (const tab of sampleTabs()) {
    const ws = wb.addWorksheet(tab.name, { views: [{ state: 'frozen', ySplit: tab.header }] });
    tab.widths.forEach((w, i) => {
      ws.getColumn(i + 1).width = w;
    });
    tab.rows.forEach((values, r) => {
      const row = ws.getRow(r + 1);
      values.forEach((v, c) => {
        if (v === null || v === '') return;
        const cell = row.getCell(c + 1);
        cell.value = v;
        if (v instanceof Date) cell.numFmt = v.getTime() % 86400000 === 0 ? 'yyyy-mm-dd' : 'yyyy-mm-dd hh:mm';
      });
    });
    const header = ws.getRow(tab.header);
    header.font = { bold: true };
    header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
    if (tab.name === TAB_NAMES.customers[0]) {
      ws.mergeCells(1, 1, 1, 8);
      ws.getCell(1, 1).font = { bold: true, size: 14 };
      const totals = ws.getRow(tab.rows.length);
      totals.font = { bold: true };
    }
    if (tab.name === TAB_NAMES.stages[0] || tab.name === TAB_NAMES.objections[0]) {
      ws.eachRow((row) => {
        row.alignment = { vertical: 'top', wrapText: true };
      });
    }
  }
  return wb;
}

/** A cell as the sheet displays it (dates as yyyy-mm-dd, formulas as their result). */
function displayText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) {
    const s = v.toISOString();
    return v.getTime() % 86400000 === 0 ? s.slice(0, 10) : `${s.slice(0, 10)} ${s.slice(11, 16)}`;
  }
  if (typeof v === 'object') {
    if ('result' in v) return displayText(v.result as ExcelJS.CellValue);
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('text' in v) return String(v.text);
    return '';
  }
  return String(v);
}

/** The customer tab as CSV text (no BOM; CRLF line ends, as Excel writes). */
export function customersCsv(wb: ExcelJS.Workbook): string {
  const ws = wb.getWorksheet(TAB_NAMES.customers[0])!;
  const rows: string[][] = [];
  const width = ws.columnCount;
  for (let r = 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const cells: string[] = [];
    for (let c = 1; c <= width; c++) {
      const cell = row.getCell(c);
      cells.push(cell.isMerged && cell.master !== cell ? '' : displayText(cell.value));
    }
    rows.push(cells);
  }
  return stringify(rows, { record_delimiter: 'windows' });
}

/** Writes samples/pandian-demo.xlsx and samples/pandian-demo-customers.csv into `dir`. */
export async function writeSample(dir: string): Promise<{ xlsx: string; csv: string }> {
  mkdirSync(dir, { recursive: true });
  const wb = await makeSample();
  const xlsx = join(dir, 'pandian-demo.xlsx');
  const csv = join(dir, 'pandian-demo-customers.csv');
  await wb.xlsx.writeFile(xlsx);
  writeFileSync(csv, `\ufeff${customersCsv(wb)}`, 'utf8');
  return { xlsx, csv };
}

if (require.main === module) {
  writeSample(resolve(process.argv[2] ?? 'samples')).then(
    ({ xlsx, csv }) => {
      process.stdout.write(`wrote ${xlsx}\nwrote ${csv}\n`);
    },
    (e: unknown) => {
      process.stderr.write(`${(e as Error).stack ?? e}\n`);
      process.exitCode = 1;
    },
  );
}
