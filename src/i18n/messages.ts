// The server's catalogue of user-facing text, Chinese and English: menu, report labels, data issues, errors,
// setup and custom functions (the sidebar's server functions refuse by code, in words the page holds). Core
// speaks in codes; the shells turn codes into words. Text only the sidebar page shows is in sidebar-messages.ts,
// text only the command line prints in cli-messages.ts, so that dist/Code.js does not carry them (see
// translate.ts).
import type { Issue, Lang } from '../core/types';
import { type Entry, lookup, type Params } from './translate';

export const MESSAGES = {
  'menu.inventory': { en: 'Customer inventory', zh: '客户盘点' },
  'menu.sidebar': { en: 'Open sidebar', zh: '打开侧边栏' },
  'menu.setup': { en: 'Set up sheets…', zh: '创建表格…' },
  'menu.map': { en: 'Map columns…', zh: '映射列…' },
  'menu.settings': { en: 'Settings…', zh: '设置…' },
  'menu.refresh': { en: 'Refresh formulas', zh: '刷新公式' },
  'menu.help': { en: 'Help', zh: '帮助' },
  'help.title': { en: 'Pandian help', zh: '盘点帮助' },
  'help.body': {
    en: 'Pandian reads your customer tab and writes the Inventory report. Set up sheets creates the Stages, Objections and Settings tabs; Customer inventory writes the report; formulas such as =STAGE_GAP(A2:N2) show what a customer still lacks.',
    zh: '盘点读取客户表并生成盘点报告。“创建表格”会建立阶段定义、异议和设置表；“客户盘点”生成报告；=STAGE_GAP(A2:N2) 等公式显示客户还缺什么。',
  },
  'report.title': { en: 'Customer inventory — as of {asOf}', zh: '客户盘点 — 截至 {asOf}' },
  'report.source': {
    en: 'Source: tab "{sheet}", header on row {header}, {rows} customers',
    zh: '数据来源：“{sheet}”表，表头在第 {header} 行，共 {rows} 个客户',
  },
  'report.summary': { en: 'Summary', zh: '概览' },
  'report.customers': { en: 'Customers', zh: '客户数' },
  'report.open': { en: 'Open', zh: '进行中' },
  'report.won': { en: 'Won', zh: '赢单' },
  'report.lost': { en: 'Lost', zh: '输单' },
  'report.hold': { en: 'On hold', zh: '搁置' },
  'report.openValue': { en: 'Open pipeline value', zh: '在途金额' },
  'report.weighted': { en: 'Weighted pipeline', zh: '加权管道' },
  'report.winRate': { en: 'Win rate', zh: '赢率' },
  'report.cycle': { en: 'Average cycle (days)', zh: '平均周期（天）' },
  'report.velocity': { en: 'Sales velocity (value per day)', zh: '销售速度（每天金额）' },
  'report.coverage': { en: 'Coverage this period', zh: '本期覆盖率' },
  'report.coverageNeeded': { en: 'Coverage needed (1 ÷ win rate)', zh: '所需覆盖率（1 ÷ 赢率）' },
  'report.stalled': { en: 'Stalled customers', zh: '停滞客户' },
  'report.actionsOverdue': { en: 'Next action overdue', zh: '下一步已逾期' },
  'report.actionsMissing': { en: 'Next action missing', zh: '缺少下一步' },
  'report.objectionsOpen': { en: 'Open objections', zh: '未解决异议' },
  'report.objectionsOverdue': { en: 'Overdue objections', zh: '逾期异议' },
  'report.objectionsBlocking': { en: 'Blocking objections', zh: '阻塞异议' },
  'report.issues': { en: 'Data issues', zh: '数据问题' },
  'report.funnel': { en: 'Stage funnel', zh: '阶段漏斗' },
  'report.stage': { en: 'Stage', zh: '阶段' },
  'report.value': { en: 'Value', zh: '金额' },
  'report.concurrency': {
    en: 'Rep concurrency (open customers per stage)',
    zh: '销售并发量（各阶段在途客户）',
  },
  'report.rep': { en: 'Rep', zh: '销售' },
  'report.reps': { en: 'Reps', zh: '销售人数' },
  'report.noRep': { en: '(no rep)', zh: '（无负责人）' },
  'report.band': { en: 'WIP band', zh: '并发区间' },
  'report.flags': { en: 'Flags', zh: '提示' },
  'report.wonValue': { en: 'Won value', zh: '赢单金额' },
  'report.gaps': { en: 'Stage check and gaps', zh: '阶段核对与差距' },
  'report.row': { en: 'Row', zh: '行' },
  'report.customer': { en: 'Customer', zh: '客户' },
  'report.declared': { en: 'Declared stage', zh: '填报阶段' },
  'report.evidenced': { en: 'Evidenced stage', zh: '证据阶段' },
  'report.check': { en: 'Check', zh: '核对' },
  'report.nextStage': { en: 'Next stage', zh: '下一阶段' },
  'report.gap': { en: 'Still missing (▸ required actions)', zh: '仍缺（▸ 必做动作）' },
  'report.issueGroup': { en: '{n} rows: {rows}', zh: '共 {n} 行：{rows}' },
  'report.more': { en: '… and {n} more', zh: '……另有 {n} 条' },
  'report.stalledList': { en: 'Stalled customers', zh: '停滞客户' },
  'report.daysInStage': { en: 'Days in stage', zh: '本阶段天数' },
  'report.limit': { en: 'Max days', zh: '最长天数' },
  'report.daysSinceContact': { en: 'Days since contact', zh: '未联系天数' },
  'report.nextAction': { en: 'Next action', zh: '下一步' },
  'report.resumeDue': { en: 'On hold, resume was due {date}', zh: '搁置，应于 {date} 恢复' },
  'report.objections': { en: 'Objections', zh: '异议' },
  'report.objectionType': { en: 'Type', zh: '类型' },
  'report.total': { en: 'Total', zh: '合计' },
  'report.overdue': { en: 'Overdue', zh: '逾期' },
  'report.blocking': { en: 'Blocking', zh: '阻塞' },
  'report.byStatus': { en: 'By status', zh: '按状态' },
  'report.unplanned': { en: 'Unplanned', zh: '未计划' },
  'report.unsupervised': { en: 'Unsupervised', zh: '未督导' },
  'report.objection': { en: 'Objection', zh: '异议' },
  'report.owner': { en: 'Owner', zh: '负责人' },
  'report.due': { en: 'Due', zh: '截止' },
  'report.attention': { en: 'Needs attention', zh: '需关注' },
  'report.cohorts': { en: 'Same-stage cohorts', zh: '同阶段客户群' },
  'report.mostMissing': { en: 'Most-missing criterion', zh: '最常缺少的条件' },
  'report.lacking': { en: 'Customers lacking it', zh: '缺少该条件的客户数' },
  'report.resultsMonth': { en: 'Results per month', zh: '每月结果' },
  'report.resultsQuarter': { en: 'Results per quarter', zh: '每季度结果' },
  'report.period': { en: 'Period', zh: '期间' },
  'report.wins': { en: 'Wins', zh: '赢单数' },
  'report.headcount': { en: 'Headcount', zh: '人数' },
  'report.winsPerRep': { en: 'Wins per rep', zh: '人均赢单' },
  'report.target': { en: 'Wins target', zh: '赢单目标' },
  'report.balance': {
    en: 'Last period vs previous: headcount, productivity, output',
    zh: '本期对比上期：人数、人效、产出',
  },
  'report.balanceNote': {
    en: 'Output change = (1 + productivity) × (1 + headcount) − 1',
    zh: '产出变化 = (1 + 人效变化) × (1 + 人数变化) − 1',
  },
  'report.support': { en: 'Support needed (stage × function)', zh: '支持需求（阶段 × 职能）' },
  'report.dataIssues': { en: 'Data issues ({n})', zh: '数据问题（{n}）' },
  'report.sheet': { en: 'Tab', zh: '工作表' },
  'report.column': { en: 'Column', zh: '列' },
  'report.message': { en: 'What is wrong', zh: '问题' },
  'flag.below-band': { en: 'below band', zh: '低于区间' },
  'flag.above-band': { en: 'above band', zh: '高于区间' },
  'flag.hollow-early': { en: 'hollow early stages', zh: '前期阶段空缺' },
  'check.ahead': { en: 'ahead of evidence', zh: '超前（缺证据）' },
  'check.behind': { en: 'behind evidence', zh: '滞后（表格未更新）' },
  'check.match': { en: 'match', zh: '一致' },
  'check.none': { en: '—', zh: '—' },
  'action.ok': { en: 'ok', zh: '正常' },
  'action.missing': { en: 'missing', zh: '缺失' },
  'action.overdue': { en: 'overdue', zh: '逾期' },
  'attention.overdue': { en: 'overdue', zh: '逾期' },
  'attention.unplanned': { en: 'no plan', zh: '未计划' },
  'attention.unsupervised': { en: 'not reviewed', zh: '未督导' },
  'status.raised': { en: 'Raised', zh: '新提出' },
  'status.planned': { en: 'Planned', zh: '已计划' },
  'status.acting': { en: 'Acting', zh: '处理中' },
  'status.resolved': { en: 'Resolved', zh: '已解决' },
  'status.accepted': { en: 'Accepted', zh: '接受风险' },
  'type.budget': { en: 'Budget', zh: '预算' },
  'type.approval': { en: 'Approval', zh: '审批' },
  'type.procurement': { en: 'Procurement / tender', zh: '采购/招标' },
  'type.legal': { en: 'Legal', zh: '法务' },
  'type.finance': { en: 'Finance', zh: '财务' },
  'type.product': { en: 'Product', zh: '产品' },
  'type.price': { en: 'Price', zh: '价格' },
  'type.competition': { en: 'Competition', zh: '竞争' },
  'type.timing': { en: 'Timing', zh: '时机' },
  'type.relationship': { en: 'Relationship', zh: '关系' },
  'type.other': { en: 'Other', zh: '其他' },
  'resolution.responded': { en: 'Responded', zh: '应对' },
  'resolution.removed': { en: 'Removed', zh: '排除' },
  'resolution.improved': { en: 'Improved', zh: '优化' },
  'resolution.bypassed': { en: 'Bypassed', zh: '跨越' },
  'resolution.defeated': { en: 'Defeated', zh: '击碎' },
  'issue.title-row': { en: 'Title row above the header: skipped', zh: '表头上方的标题行：已跳过' },
  'issue.notes-row': { en: 'Notes row under the header: skipped', zh: '表头下方的填写说明行：已跳过' },
  'issue.blank-row': { en: 'Blank row: skipped', zh: '空行：已跳过' },
  'issue.placeholder-row': { en: 'Placeholder row: skipped', zh: '占位行：已跳过' },
  'issue.totals-row': { en: 'Totals row: skipped, not a customer', zh: '合计行：已跳过，不是客户' },
  'issue.missing-customer': {
    en: 'No customer name: the row is counted by its id',
    zh: '缺少客户名称：按编号计入',
  },
  'issue.missing-rep': { en: 'No rep: counted under "(no rep)"', zh: '缺少负责人：计入“（无负责人）”' },
  'issue.bad-date': {
    en: 'Not a date I can read (expected e.g. 2026-05-30)',
    zh: '无法识别的日期（应为如 2026-05-30）',
  },
  'issue.impossible-date': { en: 'This date does not exist', zh: '日期不存在' },
  'issue.bad-money': {
    en: 'Not an amount I can read (expected e.g. 22700 or 1.2万)',
    zh: '无法识别的金额（应为如 22700 或 1.2万）',
  },
  'issue.bad-number': { en: 'Not a number', zh: '不是数字' },
  'issue.bad-mark': {
    en: 'Not a met-mark: use a date, ✓ or yes, or leave blank',
    zh: '无法判断是否达成：请填日期、✓ 或“是”，未达成请留空',
  },
  'issue.error-value': { en: 'The cell holds a spreadsheet error', zh: '单元格是公式错误值' },
  'issue.unknown-stage': { en: 'Unknown stage{suggestion}', zh: '未知阶段{suggestion}' },
  'issue.unknown-status': {
    en: 'Unknown status (use open, won, lost or on hold)',
    zh: '未知状态（应为进行中、赢单、输单或搁置）',
  },
  'issue.duplicate-id': {
    en: 'Duplicate id (first on row {first})',
    zh: '编号重复（首次出现在第 {first} 行）',
  },
  'issue.duplicate-header': {
    en: 'Second column for the same role: "{used}" is used',
    zh: '同一角色有两列：使用“{used}”',
  },
  'issue.too-long': { en: 'Text too long: shortened in the report', zh: '文本过长：报告中已截断' },
  'issue.unknown-customer': { en: 'No customer with this name or id', zh: '找不到此名称或编号的客户' },
  'issue.unknown-objection-status': { en: 'Unknown objection status', zh: '未知异议状态' },
  'issue.unknown-objection-type': {
    en: 'Unknown objection type: counted as other',
    zh: '未知异议类型：计为“其他”',
  },
  'issue.unknown-resolution': {
    en: 'Unknown resolution (responded, removed, improved, bypassed, defeated)',
    zh: '未知解决方式（应对、排除、优化、跨越、击碎）',
  },
  'issue.stage-missing-order': {
    en: 'No order: placed at position {used}',
    zh: '缺少顺序：按第 {used} 位处理',
  },
  'issue.stage-duplicate': {
    en: 'Stage listed twice (first on row {first}): ignored',
    zh: '阶段重复（首次在第 {first} 行）：已忽略',
  },
  'issue.stage-alias-conflict': {
    en: 'Alias names another stage ({stage}): ignored',
    zh: '别名与其他阶段（{stage}）冲突：已忽略',
  },
  'issue.stage-bad-kind': {
    en: 'Unknown kind (use open, won, lost or hold)',
    zh: '未知类型（应为进行中、赢单、输单或搁置）',
  },
  'issue.bad-setting': {
    en: 'Setting "{setting}" has a value I cannot use: default kept',
    zh: '设置“{setting}”的值无法使用：保留默认值',
  },
  'issue.mapping-header-missing': {
    en: 'Mapped header for {role} not found in the header row',
    zh: '映射的 {role} 列在表头中找不到',
  },
  'error.title': { en: 'Pandian', zh: '盘点' },
  'error.unexpected': { en: 'Something went wrong: {message}', zh: '出错了：{message}' },
  'error.busy': {
    en: 'Another Pandian command is running in this spreadsheet. Try again in a moment.',
    zh: '此表格中正有另一个盘点命令在运行，请稍后再试。',
  },
  'error.noCustomerSheet': {
    en: 'No customer tab found. Pandian looks in the first 10 rows of each tab for a header with a customer (or id) column and one more known column such as rep, stage or amount. Name your tab in Settings ("Customer tab") or map columns there ("map:customer").',
    zh: '找不到客户表。盘点会在每个表的前 10 行中寻找包含客户（或编号）列、并至少还有一个已知列（如销售、阶段、金额）的表头。可在设置表中指定“客户表”，或用“映射:客户”映射列。',
  },
  'toast.inventory': {
    en: 'Inventory written in {seconds} s; {issues} data issues.',
    zh: '盘点报告已生成，用时 {seconds} 秒；{issues} 个数据问题。',
  },
  'fn.noHeader': {
    en: 'Pandian: no customer tab found (a header row with a customer or id column and one more known column).',
    zh: '盘点：找不到客户表（需要包含客户或编号列、并至少还有一个已知列的表头行）。',
  },
  'fn.tooWide': {
    en: 'Pandian: the range has {got} columns but the customer header has {width}; start the range at column A.',
    zh: '盘点：区域有 {got} 列，但客户表头只有 {width} 列；请从 A 列开始选取。',
  },
  'fn.unknownStage': { en: 'Pandian: unknown stage "{stage}"', zh: '盘点：未知阶段“{stage}”' },
  'fn.open': { en: '{n} open', zh: '{n} 个未解决' },
  'fn.overdue': { en: '{n} overdue', zh: '{n} 个逾期' },
  'fn.blocking': { en: 'blocking', zh: '阻塞' },
  'note.unknownStage': {
    en: '"{value}" is not a stage in the Stages tab.',
    zh: '“{value}”不是阶段定义表中的阶段。',
  },
  'note.unknownStageSuggest': {
    en: '"{value}" is not a stage in the Stages tab. Did you mean "{suggestion}"?',
    zh: '“{value}”不是阶段定义表中的阶段。是否应为“{suggestion}”？',
  },
  'history.protect': {
    en: 'Pandian history: append-only. Edit with care.',
    zh: '盘点变更记录：只追加，请谨慎修改。',
  },
  'setup.title': { en: 'Set up sheets', zh: '创建表格' },
  'setup.prompt': {
    en: 'Choose the stage model: 1 = B2B project sale (default), 2 = MEDDPICC, 3 = Funnel, 4 = From my data. Existing tabs are kept as they are.',
    zh: '选择阶段模型：1 = 项目型 B2B 销售（默认），2 = MEDDPICC，3 = 漏斗，4 = 按我的数据。已有的表保持不变。',
  },
  'setup.badChoice': { en: '"{value}" is not one of 1, 2, 3, 4.', zh: '“{value}”不是 1、2、3、4 之一。' },
  'setup.done': {
    en: 'Created: {created}\nKept as they were: {kept}',
    zh: '已创建：{created}\n保持不变：{kept}',
  },
  'setup.helpType': { en: 'Objection type', zh: '异议类型' },
  'setup.helpStatus': { en: 'Pick a status', zh: '选择状态' },
  'setup.helpResolution': { en: 'How the objection was overcome', zh: '异议如何被克服' },
  'setup.helpBlocking': { en: 'Does it block the next stage?', zh: '是否阻碍进入下一阶段？' },
  'setup.helpDate': { en: 'A date', zh: '日期' },
  'setup.helpStage': { en: 'A stage from the Stages tab', zh: '阶段定义表中的阶段' },
  'setup.helpCriterion': { en: 'The date it was met (or ✓ / yes)', zh: '达成日期（或 ✓ / 是）' },
  'map.title': { en: 'Columns of "{sheet}" (header on row {row})', zh: '“{sheet}”的列（表头在第 {row} 行）' },
  'map.howTo': {
    en: 'To change one, add a row to the Settings tab: "map:customer" | "Your header" (roles: id, customer, rep, stage, status, value, created, expectedClose, closed, lastContact, nextAction, nextActionDue, stageEntered, lastUpdated, resumeOn, support, probability).',
    zh: '如需修改，在设置表中加一行：“映射:客户” | “你的表头”（也可用英文角色名，如 map:customer）。',
  },
  'settings.missing': {
    en: 'There is no Settings tab yet: run Set up sheets first.',
    zh: '还没有设置表：请先运行“创建表格”。',
  },
  'toast.watchOn': {
    en: 'Watching changes: pastes and bulk edits are logged to History, the Inventory refreshes daily.',
    zh: '已开启变更监视：粘贴和批量修改会记入变更记录，盘点报告每天刷新。',
  },
  'toast.watchOff': {
    en: 'Change watching is off (Settings: Watch changes).',
    zh: '变更监视已关闭（设置：监视变更）。',
  },
  'toast.refreshed': { en: '{n} Pandian formulas recalculated.', zh: '已重新计算 {n} 个盘点公式。' },
  'sidebar.yes': { en: 'yes', zh: '是' },
  'sidebar.no': { en: 'no', zh: '否' },
} satisfies Record<string, Entry>;

export type MessageKey = keyof typeof MESSAGES;
export type Translate = (key: MessageKey, params?: Params) => string;

/** Chinese for zh* locales, English otherwise. */
export function langOfLocale(locale: string | undefined | null): Lang {
  return /^zh/i.test(locale ?? '') ? 'zh' : 'en';
}

/** A translator for one language; `{name}` in a text is replaced by params.name. */
export function translator(lang: Lang): Translate {
  return lookup(MESSAGES, lang);
}

/** The report's label lookup: core asks by key string; an unknown key shows as itself (and a test fails). */
export function reportText(lang: Lang): (key: string, params?: Params) => string {
  const t = translator(lang);
  return (key, params) => (key in MESSAGES ? t(key as MessageKey, params) : key);
}

/** One data issue in words. */
export function issueMessage(issue: Issue, lang: Lang): string {
  const t = translator(lang);
  const params: Params = { ...issue.params };
  if (issue.code === 'unknown-stage') {
    const s = issue.params?.suggestion;
    params.suggestion = s ? (lang === 'zh' ? `，是否应为“${s}”？` : ` — did you mean "${s}"?`) : '';
  }
  return t(`issue.${issue.code}` as MessageKey, params);
}
