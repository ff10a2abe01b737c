// The tabs Pandian reads and writes besides the customer tab: their default names and column headers in
// both languages. Setup writes these headers; the readers recognise either language (and the aliases).

/** [zh, en, ...more accepted aliases] */
export type Names = readonly string[];

/** Each entry's Names, from the way the tables below write them: 'zh|en|more aliases' (as ROLE_NAMES does). */
export function namesOf<K extends string>(table: Record<K, string>): Record<K, Names> {
  const names = {} as Record<K, Names>;
  for (const key in table) names[key] = table[key].split('|');
  return names;
}

export const TAB_NAMES = namesOf({
  customers: '客户盘点|Customers',
  stages: '阶段定义|Stages',
  objections: '异议|Objections',
  history: '变更记录|Change log|History',
  inventory: '盘点报告|Inventory',
  settings: '设置|Settings',
  /** Hidden: the change watcher's copy of the watched cells. */
  snapshot: '盘点快照|Pandian snapshot',
});

export type TabId = keyof typeof TAB_NAMES;

export const STAGE_COLUMNS = namesOf({
  order: '顺序|Order|序号|No|#',
  stage: '阶段|Stage|阶段名称|Name',
  aliases: '别名|Aliases|Alias|Also called',
  kind: '类型|Kind|Type',
  elements: '要素|Elements|Exit elements|关键要素',
  commitments: '承诺|Commitments|Exit commitments|客户承诺',
  actions: '必做动作|Actions|Required actions|动作',
  support: '支持|Support|需要支持|Support functions',
  maxDays: '最长天数|Max days|Stall days|停留上限',
  probability: '赢率|Probability|Win %|Win probability',
  guidance: '指导|Guidance|说明|Notes',
});

export const OBJECTION_COLUMNS = namesOf({
  id: '编号|ID|异议编号',
  customer: '客户|Customer|客户名称|Account|Customer ID',
  stage: '提出阶段|Stage raised|阶段|Stage',
  type: '类型|Type|异议类型',
  objection: '异议|Objection|异议内容|Description',
  owner: '负责人|Owner',
  raised: '提出日期|Raised on|Raised|提出时间',
  status: '状态|Status',
  plan: '应对计划|Plan|Response plan|计划',
  due: '截止日期|Due|Due date|截止',
  resolution: '解决方式|Resolution|处理方式',
  resolved: '解决日期|Resolved on|Resolved',
  reviewedBy: '复核人|Reviewed by|督导人',
  reviewedOn: '复核日期|Reviewed on|督导日期',
  blocking: '阻塞|Blocking|是否阻塞',
});

export const HISTORY_COLUMNS = namesOf({
  when: '时间|When',
  who: '用户|Who',
  customer: '客户|Customer',
  id: '编号|ID',
  row: '行|Row',
  field: '字段|Field',
  old: '原值|Old',
  new: '新值|New',
  source: '来源|Source',
});

/** The Settings tab's two columns. */
export const SETTINGS_COLUMNS = namesOf({
  key: '设置|Setting',
  value: '值|Value',
});

export const SETTINGS_KEYS = namesOf({
  lang: '语言|Language',
  template: '模板|Template',
  customerSheet: '客户表|Customer tab',
  period: '周期|Period',
  wipLow: '并发下限|WIP low',
  wipHigh: '并发上限|WIP high',
  winsTarget: '每期赢单目标|Wins target per rep',
  valueTarget: '每期金额目标|Value target per rep',
  unplannedDays: '异议未计划天数|Unplanned objection days',
  stallDays: '默认停滞天数|Default stall days',
  contactDays: '未联系天数|No-contact days',
  trackEdits: '记录变更|Track edits',
  watchChanges: '监视变更|Watch changes',
  headcountBefore: '上期人数|Headcount last period',
});

/** Settings rows whose key starts with one of these prefixes map a role to a header, e.g. "map:customer". */
export const MAPPING_PREFIXES = ['映射:', 'map:'] as const;

/** The name of a [zh, en, ...] list in a language. */
export function nameIn(names: Names, lang: 'zh' | 'en'): string {
  return names[lang === 'zh' ? 0 : 1];
}

/** The header of `cols` in a language (setup writes these). */
export function headersOf(cols: Record<string, Names>, lang: 'zh' | 'en'): string[] {
  return Object.values(cols).map((names) => nameIn(names, lang));
}
