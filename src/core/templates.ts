// The built-in stage models offered by setup: B2B project sale, MEDDPICC, Funnel (and "From my data",
// which is derived from the sheet in stage-model.ts). Every name carries its other-language alias so a
// Chinese sheet and an English sheet are read by the same model.
import { nameIn } from './tabs';
import type { Criterion, Lang, Stage, StageKind, StageModel, TemplateId } from './types';

/** A bilingual word, 'zh|en' (the separator the Stages tab uses for aliases). */
type Bi = `${string}|${string}`;

interface StageSpec {
  name: Bi;
  /** Open unless said otherwise. */
  kind?: StageKind;
  elements?: readonly Bi[];
  commitments?: readonly Bi[];
  actions?: readonly Bi[];
  support?: readonly Bi[];
  maxDays?: number;
  probability?: number;
  guidance?: Bi;
}

const WON: StageSpec = { name: '赢单|Won', kind: 'won', probability: 1 };
const LOST: StageSpec = { name: '输单|Lost', kind: 'lost', probability: 0 };
const HOLD: StageSpec = { name: '搁置|On hold', kind: 'hold' };

/** The support functions the built-in models ask for, bilingual. */
const SUPPORT = {
  training: '培训|Training',
  marketing: '市场|Marketing',
  product: '产品|Product',
  service: '服务|Service',
  legal: '法务|Legal',
  finance: '财务|Finance',
} as const satisfies Record<string, Bi>;

const B2B: readonly StageSpec[] = [
  {
    name: '线索|Lead',
    elements: ['询价|Inquiry'],
    actions: ['确认关键联系人|Identify the key contact', '首次拜访|First visit'],
    support: [SUPPORT.marketing],
    maxDays: 14,
    probability: 0.05,
    guidance:
      '客户主动询价才算有效线索；没有询价就不要往下推。|A lead counts once the customer has asked for a price.',
  },
  {
    name: '需求确认|Discovery',
    elements: ['需求确认|Need confirmed', '决策流程|Decision process mapped'],
    actions: ['需求调研|Run a needs workshop', '画出决策链|Map the decision chain'],
    support: [SUPPORT.product],
    maxDays: 21,
    probability: 0.15,
    guidance:
      '确认客户要解决的问题、谁参与决策、按什么流程决策。|Confirm the problem to solve, who decides and how.',
  },
  {
    name: '预算确认|Budget',
    elements: ['预算确认|Budget confirmed'],
    commitments: ['预算审批承诺|Budget-approval path'],
    actions: ['与财务/经济决策人会面|Meet finance or the economic buyer'],
    support: [SUPPORT.finance],
    maxDays: 30,
    probability: 0.3,
    guidance:
      '预算不是“有钱”，而是客户承诺走预算审批的路径和时间。|Budget is a promise of the approval path and date, not just money.',
  },
  {
    name: '方案/招投标|Solution & tender',
    elements: ['方案认可|Solution accepted'],
    commitments: ['采购/招标流程确认|Procurement or tender path'],
    actions: ['方案演示|Present the solution', '准备投标文件|Prepare the tender documents'],
    support: [SUPPORT.product, SUPPORT.service, SUPPORT.training],
    maxDays: 45,
    probability: 0.5,
    guidance:
      '让客户认可方案，并确认采购或招标的方式和时间表。|Get the solution accepted and the buying route dated.',
  },
  {
    name: '商务审批|Negotiation & approval',
    commitments: ['采购审批承诺|Purchase-approval commitment', '合同条款确认|Contract terms agreed'],
    actions: ['商务谈判|Negotiate terms', '跟进审批|Follow the approval'],
    support: [SUPPORT.legal, SUPPORT.finance],
    maxDays: 30,
    probability: 0.75,
    guidance: '盯住审批节点：谁签字、何时签字。|Track each approval: who signs and when.',
  },
  WON,
  LOST,
  HOLD,
];

const MEDDPICC: readonly StageSpec[] = [
  {
    name: '资格确认|Qualify',
    elements: ['痛点确认|Identified pain', '量化指标|Metrics'],
    actions: ['发现会议|Discovery call'],
    maxDays: 21,
    probability: 0.1,
  },
  {
    name: '支持者|Champion',
    elements: ['内部支持者|Champion', '经济决策人|Economic buyer'],
    actions: ['测试支持者|Test the champion'],
    maxDays: 30,
    probability: 0.25,
  },
  {
    name: '评估|Evaluate',
    elements: ['决策标准|Decision criteria', '竞争态势|Competition'],
    actions: ['技术验证|Technical validation'],
    support: [SUPPORT.product],
    maxDays: 45,
    probability: 0.45,
  },
  {
    name: '决策|Decide',
    elements: ['决策流程|Decision process', '合同流程|Paper process'],
    actions: ['共同行动计划|Mutual action plan'],
    support: [SUPPORT.legal],
    maxDays: 30,
    probability: 0.65,
  },
  {
    name: '签约|Commit',
    commitments: ['签约日期确认|Signature date agreed'],
    actions: ['跟进签字|Chase the signature'],
    support: [SUPPORT.legal, SUPPORT.finance],
    maxDays: 21,
    probability: 0.85,
  },
  WON,
  LOST,
  HOLD,
];

const FUNNEL: readonly StageSpec[] = [
  { name: '线索|Lead', probability: 0.05 },
  { name: '已联系|Contacted', probability: 0.1 },
  { name: '合格|Qualified', probability: 0.25 },
  { name: '报价|Proposal', probability: 0.5 },
  { name: '成交|Won', kind: 'won', probability: 1 },
  { name: '流失|Lost', kind: 'lost', probability: 0 },
];

const SPECS: Record<Exclude<TemplateId, 'data'>, readonly StageSpec[]> = {
  b2b: B2B,
  meddpicc: MEDDPICC,
  funnel: FUNNEL,
};

/** A built-in stage model in one language (names) with the other language as aliases. */
export function template(id: Exclude<TemplateId, 'data'>, lang: Lang): StageModel {
  const other = lang === 'zh' ? 'en' : 'zh';
  const word = (bi: Bi): string => nameIn(bi.split('|'), lang);
  const named = (bi: Bi) => ({ name: word(bi), aliases: [nameIn(bi.split('|'), other)] });
  const criteria = (list: readonly Bi[] = [], kind: Criterion['kind']): Criterion[] =>
    list.map((bi) => ({ ...named(bi), kind }));
  const stages: Stage[] = SPECS[id].map((spec, n) => ({
    order: n + 1,
    ...named(spec.name),
    kind: spec.kind ?? 'open',
    criteria: [...criteria(spec.elements, 'element'), ...criteria(spec.commitments, 'commitment')],
    actions: (spec.actions ?? []).map(word),
    support: (spec.support ?? []).map(word),
    maxDays: spec.maxDays,
    probability: spec.probability,
    guidance: spec.guidance ? word(spec.guidance) : '',
    row: 0,
  }));
  return { source: id, stages };
}

/**
 * Words that mark a stage or status value as open, terminal or paused, in both languages (normalized keys,
 * separated by spaces, English first). No word is in two lists (a test checks).
 */
export const KIND_WORDS: Record<StageKind, string> = {
  open: 'open active inprogress ongoing pipeline 进行中 跟进中 推进中 开放 有效',
  won: 'won closedwon closewon win wonclosed signed success successful dealwon 赢单 已赢单 赢 签约 已签约 成交 已成交 已完成 完成 中标 已中标 签单 已签单',
  lost: 'lost closedlost closelost loss lose dead dropped disqualified dealost deallost closedlostnotqualified cancelled canceled cancel abandoned 输单 丢单 已输单 已丢单 失败 流失 已流失 未中标 关闭 已关闭 取消 已取消 放弃 已放弃 作废 已作废',
  hold: 'onhold hold paused pause snoozed dormant deferred 搁置 已搁置 搁置中 暂停 暂停中 挂起 冻结 暂缓',
};

/** The kind each KIND_WORDS word names. */
export const KIND_OF_WORD = new Map(
  (Object.keys(KIND_WORDS) as StageKind[]).flatMap((kind) =>
    KIND_WORDS[kind].split(' ').map((word) => [word, kind] as const),
  ),
);
