// Header recognition: which column plays which role (PRODUCT 1.1). Exact dictionary matches only:
// a fuzzy guess would be a silent error.
import { normalizeKey, plainText } from './normalize';
import type { Role } from './types';

export interface HeaderInfo {
  /** normalizeKey of the header without its unit ('预计金额（万元）' → '预计金额'). */
  key: string;
  /** What a bare number in this column is multiplied by (10000 under 万元). */
  scale: number;
}

/** A trailing bracketed group: (…) […] {…} <…> 【…】 〔…〕 《…》 〈…〉 「…」. */
const TRAILING_GROUP = /[([{<【〔《〈「]([^()[\]{}<>【】〔〕《》〈〉「」]*)[)\]}>】〕》〉」]\s*$/;
/** A trailing unit after a separator: 'Amount USD', 'Value - in thousands', '金额/万元'. */
const TRAILING_UNIT =
  /(?:^|[\s,/_\-:;|])\s*(?:in\s+)?(usd|cny|rmb|eur|gbp|jpy|hkd|aud|cad|sgd|chf|\$|¥|€|£|%|k|\$k|000s|'000s?|thousands?|ten[\s-]?thousands?|millions?|mm|\$m|元|万|万元|亿|亿元|千元|百万|百万元|千万|千万元|人民币|单位[:：]?\s*\S+)\s*$/;
/** A Chinese scale word glued to the end of the key ('金额万元'), the longest that leaves a key before it. */
const CJK_SUFFIX = /.(百万元|千万元|万元|亿元|千元|百万|千万|万|亿)$/;
const UNIT_PREFIX = /^(?:单位|units|unit|in)/;
const DATE_HINT = /^[ymd年月日]+$/;

/** Scale of a unit text (normalized key), 1 for a unit that does not scale, 0 when it is no unit. */
function unitScale(unitKey: string): number {
  if (unitKey.length === 0) return 1; // only symbols: ($), (%), (*)
  // A unit word, else one after 单位/unit/in ('单位万元', 'inthousands'); a bare prefix leaves '', no unit.
  return scaleOf(unitKey) || scaleOf(unitKey.replace(UNIT_PREFIX, ''));
}

/** Unit words (normalized keys) by the scale they give; 1 is a unit that does not scale. */
const UNIT_WORDS: [number, string][] = [
  [10000, '万 万元 万人民币 人民币万元 tenthousand tenthousands tenthousandyuan'],
  [100000000, '亿 亿元'],
  [1000000, '百万 百万元 m mm million millions musd usdm'],
  [10000000, '千万 千万元'],
  [1000, '千 千元 k kusd usdk 000 000s thousand thousands'],
  [
    1,
    '元 人民币 人民币元 rmb cny usd eur gbp jpy hkd aud cad sgd chf inr krw twd currency companycurrency percent pct days day 天 必填 选填 可选 required optional',
  ],
];
const UNIT_SCALES = new Map(UNIT_WORDS.flatMap(([scale, words]) => words.split(' ').map((w) => [w, scale])));

function scaleOf(k: string): number {
  return UNIT_SCALES.get(k) ?? (DATE_HINT.test(k) ? 1 : 0);
}

/**
 * The header's matching key and scale: a unit in trailing brackets or after a separator is stripped and
 * read ('预计金额（万元）' → {key: '预计金额', scale: 10000}, 'Amount (USD)' → {key: 'amount', scale: 1}).
 * Brackets that hold no unit stay part of the key ('Stage (old)' → 'stageold').
 */
export function parseHeader(text: string): HeaderInfo {
  let s = plainText(text);
  let scale = 1;
  /** Drops the unit `m` found at the end of s; false when it is no unit or nothing would be left. */
  const dropUnit = (m: RegExpExecArray | null): boolean => {
    if (!m) return false;
    const u = unitScale(normalizeKey(m[1]));
    const rest = s.slice(0, m.index).trim();
    if (u === 0 || normalizeKey(rest).length === 0) return false;
    if (u !== 1) scale = u;
    s = rest;
    return true;
  };
  for (let guard = 0; guard < 4; guard++) if (!dropUnit(TRAILING_GROUP.exec(s))) break;
  dropUnit(TRAILING_UNIT.exec(s.toLowerCase()));
  let key = normalizeKey(s);
  const glued = CJK_SUFFIX.exec(key);
  if (glued) {
    scale = unitScale(glued[1]);
    key = key.slice(0, -glued[1].length);
  }
  return { key, scale };
}

/**
 * Header names per role, best first, separated by '|': the position in the list is the match priority
 * (lower wins when two columns claim one role, so 'Account Name' beats 'Name' for the customer). Matched by
 * parseHeader key, so case, spacing, punctuation and units do not matter ('deal_stage', 'DealStage' and
 * 'Deal - Stage' are all 'Deal Stage').
 */
export const ROLE_NAMES: Record<Role, string> = {
  id: 'ID|Opportunity ID|Deal ID|Lead ID|Record ID|hs_object_id|Opportunity Number|Deal Number|编号|商机编号|商机ID|机会编号|项目编号|线索编号|客户编号|客户ID|xml_id',
  customer:
    'Customer|Customer Name|Account|Account Name|Company|Company Name|Organization|Organisation|Organization Name|Organisation Name|Client|Client Name|Associated Company|partner_name|Deal - Organization|Partner|客户|客户名称|客户全称|客户单位|公司|公司名称|企业名称|单位|单位名称|甲方|Deal Name|Opportunity Name|Deal Title|Title|Opportunity|Deal|所属客户|关联客户|商机名称|项目名称|机会名称|商机|项目|Name|名称|AccountId|Company ID|partner_id',
  rep: 'Rep|Sales Rep|Sales Representative|Salesperson|Sales Agent|Owner|Opportunity Owner|Deal Owner|Owner Name|Assigned To|Account Executive|AE|Account Manager|Account Owner|Lead Owner|OwnerId|hubspot_owner_id|HubSpot Owner|user_id|销售|销售代表|销售人员|负责人|商机负责人|销售负责人|客户经理|跟进人|跟进人员|负责销售|业务员|所属销售|归属销售|归属人|所有者|拥有者',
  stage:
    'Stage|Deal Stage|Sales Stage|Opportunity Stage|Pipeline Stage|Stage Name|stage_id|阶段|销售阶段|商机阶段|当前阶段|项目阶段|机会阶段',
  status:
    'Status|State|Deal Status|Opportunity Status|Won/Lost|Outcome|状态|商机状态|跟进状态|项目状态|赢输状态',
  value:
    'Amount|Value|Deal Value|Deal Amount|Opportunity Amount|Contract Value|Deal Size|Close Value|Expected Revenue|planned_revenue|Revenue|金额|预计金额|商机金额|合同金额|项目金额|预估金额|销售金额|签约金额|成交金额|预计成交金额|预计收入',
  created:
    'Created|Created Date|Create Date|Created Time|Created On|Created At|Date Created|Creation Date|Deal created|Deal - Deal created|Engage Date|First Contact|First Contact Date|Open Date|date_open|创建日期|创建时间|首次接触|首次接触日期|首次接触时间|录入日期|录入时间|建档日期|立项日期|商机创建时间',
  expectedClose:
    'Expected Close|Expected Close Date|Deal - Expected close date|Close Date|Closing Date|Estimated Close Date|Target Close Date|Forecast Close Date|Expected Closing|Expected Closing Date|date_deadline|预计签约日期|预计签约时间|预计成交日期|预计成交时间|预计达成时间|预计达成日期|预计签单日期|预计签单时间|预计结单日期|预计结单时间|预计关闭日期|计划签约日期',
  closed:
    'Closed Date|Closed On|Date Closed|Actual Close Date|实际成交日期|实际成交时间|实际签约日期|Won Time|Deal - Won time|Won Date|Lost Time|Deal - Lost time|Lost Date|Deal closed on|hs_closed_won_date|成交日期|成交时间|签约日期|签约时间|关闭日期|关闭时间|结单日期|赢单日期|输单日期',
  lastContact:
    'Last Contact|Last Contacted|Last Contact Date|Last Activity|Last Activity Date|Last Activity Time|Deal - Last activity date|hs_lastactivitydate|notes_last_contacted|Last Interaction|Last Touch|最近跟进|最近跟进时间|最近跟进日期|最近联系|最近联系时间|最近联系日期|最后跟进|最后跟进时间|最后跟进日期|最后联系时间|最后一次跟进时间|最近一次跟进时间|上次跟进|上次跟进时间|上次联系时间',
  nextAction:
    'Next Step|Next Steps|Next Action|Next Activity|hs_next_step|下一步|下一步行动|下一步计划|下步计划|下一步工作|后续行动',
  nextActionDue:
    'Next Step Date|Next Step Due|Next Action Date|Next Action Due|Next Activity Date|Deal - Next activity date|notes_next_activity_date|hs_next_activity_date|Follow-up Date|下一步截止|下一步截止日期|下一步日期|下一步时间|计划日期|下次跟进|下次跟进时间|下次跟进日期|下次联系时间',
  stageEntered:
    'Stage Entered|Stage Entered Date|Entered Stage|Stage Entry Date|Stage Start|Stage Start Date|In Stage Since|Stage Changed|Stage Change Date|Last Stage Change|Deal - Last stage change|date_last_stage_update|进入阶段日期|进入阶段时间|阶段开始日期|阶段开始时间|阶段变更日期|阶段变更时间|阶段更新时间',
  lastUpdated:
    'Last Updated|Last Modified|Last Modified Date|Last Modified Time|Modified Time|Modified Date|Updated|Updated At|Update time|Deal - Update time|write_date|hs_lastmodifieddate|最后更新|最后更新时间|最后更新日期|更新时间|更新日期|修改时间|最后修改时间',
  resumeOn:
    'Resume On|Resume Date|Snooze Until|Snoozed Until|On Hold Until|Hold Until|Revisit Date|恢复日期|恢复跟进日期|搁置至|暂停至',
  support:
    'Support Needed|Support|Support Required|Needs Support|Help Needed|需要支持|支持需求|所需支持|支持',
  probability:
    'Probability|Win Probability|Win %|Deal Probability|Close Probability|hs_deal_stage_probability|Confidence|赢率|成交概率|赢单概率|赢单率|概率|成功率|把握度',
};

/**
 * A role as a Chinese user names it: its first Chinese header name (expectedClose → 预计签约日期), by which a
 * mapping row (映射:预计签约日期) names it too.
 */
export function chineseRoleName(role: Role): string {
  return ROLE_NAMES[role].split('|').find((name) => /[\u4e00-\u9fff]/.test(name)) ?? role;
}

/** Shared by every header that matches one name, so read-only. */
interface RoleMatch {
  readonly role: Role;
  readonly priority: number;
}

let roleIndex: Map<string, RoleMatch> | null = null;

/** Each name's parseHeader key with its role and priority; the first role to name a key keeps it. */
function buildIndex(): Map<string, RoleMatch> {
  const index = new Map<string, RoleMatch>();
  for (const [role, names] of Object.entries(ROLE_NAMES) as [Role, string][]) {
    names.split('|').forEach((name, priority) => {
      const key = parseHeader(name).key;
      if (!index.has(key)) index.set(key, { role, priority });
    });
  }
  return index;
}

/** The role a header names (exact dictionary match after parseHeader), priority lower = better; else null. */
export function matchRole(header: string): RoleMatch | null {
  if (!roleIndex) roleIndex = buildIndex();
  // No name has an empty key (a test checks), so a header without one finds nothing.
  return roleIndex.get(parseHeader(header).key) ?? null;
}
