// The server's catalogue of user-facing text, Chinese and English: menu, report labels, data issues, errors,
// setup and custom functions (the sidebar's server functions refuse by code, in words the page holds). Core
// speaks in codes; the shells turn codes into words. Text only the sidebar page shows is in sidebar-messages.ts,
// text only the command line prints in cli-messages.ts, so that dist/Code.js does not carry them (see
// translate.ts).
import type { Issue, Lang } from '../core/types';
import { type Entry, lookup, type Params } from './translate';

export const MESSAGES = {
  'menu.inventory': ['Customer inventory', '客户盘点'],
  'menu.sidebar': ['Open sidebar', '打开侧边栏'],
  'menu.setup': ['Set up sheets…', '创建表格…'],
  'menu.map': ['Map columns…', '映射列…'],
  'menu.settings': ['Settings…', '设置…'],
  'menu.refresh': ['Refresh formulas', '刷新公式'],
  'menu.help': ['Help', '帮助'],
  'help.title': ['Pandian help', '盘点帮助'],
  'help.body': [
    'Pandian reads your customer tab and writes the Inventory report. Set up sheets creates the Stages, Objections and Settings tabs; Customer inventory writes the report; formulas such as =STAGE_GAP(A2:N2) show what a customer still lacks.',
    '盘点读取客户表并生成盘点报告。“创建表格”会建立阶段定义、异议和设置表；“客户盘点”生成报告；=STAGE_GAP(A2:N2) 等公式显示客户还缺什么。',
  ],
  'report.title': ['Customer inventory — as of {asOf}', '客户盘点 — 截至 {asOf}'],
  'report.source': [
    'Source: tab "{sheet}", header on row {header}, {rows} customers',
    '数据来源：“{sheet}”表，表头在第 {header} 行，共 {rows} 个客户',
  ],
  'report.summary': ['Summary', '概览'],
  'report.customers': ['Customers', '客户数'],
  'report.open': ['Open', '进行中'],
  'report.won': ['Won', '赢单'],
  'report.lost': ['Lost', '输单'],
  'report.hold': ['On hold', '搁置'],
  'report.openValue': ['Open pipeline value', '在途金额'],
  'report.weighted': ['Weighted pipeline', '加权管道'],
  'report.winRate': ['Win rate', '赢率'],
  'report.cycle': ['Average cycle (days)', '平均周期（天）'],
  'report.velocity': ['Sales velocity (value per day)', '销售速度（每天金额）'],
  'report.coverage': ['Coverage this period', '本期覆盖率'],
  'report.coverageNeeded': ['Coverage needed (1 ÷ win rate)', '所需覆盖率（1 ÷ 赢率）'],
  'report.stalled': ['Stalled customers', '停滞客户'],
  'report.actionsOverdue': ['Next action overdue', '下一步已逾期'],
  'report.actionsMissing': ['Next action missing', '缺少下一步'],
  'report.objectionsOpen': ['Open objections', '未解决异议'],
  'report.objectionsOverdue': ['Overdue objections', '逾期异议'],
  'report.objectionsBlocking': ['Blocking objections', '阻塞异议'],
  'report.issues': ['Data issues', '数据问题'],
  'report.funnel': ['Stage funnel', '阶段漏斗'],
  'report.stage': ['Stage', '阶段'],
  'report.value': ['Value', '金额'],
  'report.concurrency': ['Rep concurrency (open customers per stage)', '销售并发量（各阶段在途客户）'],
  'report.rep': ['Rep', '销售'],
  'report.reps': ['Reps', '销售人数'],
  'report.noRep': ['(no rep)', '（无负责人）'],
  'report.band': ['WIP band', '并发区间'],
  'report.flags': ['Flags', '提示'],
  'report.wonValue': ['Won value', '赢单金额'],
  'report.gaps': ['Stage check and gaps', '阶段核对与差距'],
  'report.row': ['Row', '行'],
  'report.customer': ['Customer', '客户'],
  'report.declared': ['Declared stage', '填报阶段'],
  'report.evidenced': ['Evidenced stage', '证据阶段'],
  'report.check': ['Check', '核对'],
  'report.nextStage': ['Next stage', '下一阶段'],
  'report.gap': ['Still missing (▸ required actions)', '仍缺（▸ 必做动作）'],
  'report.issueGroup': ['{n} rows: {rows}', '共 {n} 行：{rows}'],
  'report.more': ['… and {n} more', '……另有 {n} 条'],
  'report.daysInStage': ['Days in stage', '本阶段天数'],
  'report.limit': ['Max days', '最长天数'],
  'report.daysSinceContact': ['Days since contact', '未联系天数'],
  'report.nextAction': ['Next action', '下一步'],
  'report.resumeDue': ['On hold, resume was due {date}', '搁置，应于 {date} 恢复'],
  'report.objections': ['Objections', '异议'],
  'report.objectionType': ['Type', '类型'],
  'report.total': ['Total', '合计'],
  'report.overdue': ['Overdue', '逾期'],
  'report.blocking': ['Blocking', '阻塞'],
  'report.byStatus': ['By status', '按状态'],
  'report.unplanned': ['Unplanned', '未计划'],
  'report.unsupervised': ['Unsupervised', '未督导'],
  'report.objection': ['Objection', '异议'],
  'report.owner': ['Owner', '负责人'],
  'report.due': ['Due', '截止'],
  'report.attention': ['Needs attention', '需关注'],
  'report.cohorts': ['Same-stage cohorts', '同阶段客户群'],
  'report.mostMissing': ['Most-missing criterion', '最常缺少的条件'],
  'report.lacking': ['Customers lacking it', '缺少该条件的客户数'],
  'report.resultsMonth': ['Results per month', '每月结果'],
  'report.resultsQuarter': ['Results per quarter', '每季度结果'],
  'report.period': ['Period', '期间'],
  'report.wins': ['Wins', '赢单数'],
  'report.headcount': ['Headcount', '人数'],
  'report.winsPerRep': ['Wins per rep', '人均赢单'],
  'report.target': ['Wins target', '赢单目标'],
  'report.balance': [
    'Last period vs previous: headcount, productivity, output',
    '本期对比上期：人数、人效、产出',
  ],
  'report.balanceNote': [
    'Output change = (1 + productivity) × (1 + headcount) − 1',
    '产出变化 = (1 + 人效变化) × (1 + 人数变化) − 1',
  ],
  'report.support': ['Support needed (stage × function)', '支持需求（阶段 × 职能）'],
  'report.dataIssues': ['Data issues ({n})', '数据问题（{n}）'],
  'report.sheet': ['Tab', '工作表'],
  'report.column': ['Column', '列'],
  'report.message': ['What is wrong', '问题'],
  'flag.below-band': ['below band', '低于区间'],
  'flag.above-band': ['above band', '高于区间'],
  'flag.hollow-early': ['hollow early stages', '前期阶段空缺'],
  'check.ahead': ['ahead of evidence', '超前（缺证据）'],
  'check.behind': ['behind evidence', '滞后（表格未更新）'],
  'check.match': ['match', '一致'],
  'check.none': ['—', '—'],
  'action.ok': ['ok', '正常'],
  'action.missing': ['missing', '缺失'],
  'action.overdue': ['overdue', '逾期'],
  'attention.overdue': ['overdue', '逾期'],
  'attention.unplanned': ['no plan', '未计划'],
  'attention.unsupervised': ['not reviewed', '未督导'],
  'status.raised': ['Raised', '新提出'],
  'status.planned': ['Planned', '已计划'],
  'status.acting': ['Acting', '处理中'],
  'status.resolved': ['Resolved', '已解决'],
  'status.accepted': ['Accepted', '接受风险'],
  'type.budget': ['Budget', '预算'],
  'type.approval': ['Approval', '审批'],
  'type.procurement': ['Procurement / tender', '采购/招标'],
  'type.legal': ['Legal', '法务'],
  'type.finance': ['Finance', '财务'],
  'type.product': ['Product', '产品'],
  'type.price': ['Price', '价格'],
  'type.competition': ['Competition', '竞争'],
  'type.timing': ['Timing', '时机'],
  'type.relationship': ['Relationship', '关系'],
  'type.other': ['Other', '其他'],
  'resolution.responded': ['Responded', '应对'],
  'resolution.removed': ['Removed', '排除'],
  'resolution.improved': ['Improved', '优化'],
  'resolution.bypassed': ['Bypassed', '跨越'],
  'resolution.defeated': ['Defeated', '击碎'],
  'issue.title-row': ['Title row above the header: skipped', '表头上方的标题行：已跳过'],
  'issue.notes-row': ['Notes row under the header: skipped', '表头下方的填写说明行：已跳过'],
  'issue.blank-row': ['Blank row: skipped', '空行：已跳过'],
  'issue.placeholder-row': ['Placeholder row: skipped', '占位行：已跳过'],
  'issue.totals-row': ['Totals row: skipped, not a customer', '合计行：已跳过，不是客户'],
  'issue.missing-customer': ['No customer name: the row is counted by its id', '缺少客户名称：按编号计入'],
  'issue.missing-rep': ['No rep: counted under "(no rep)"', '缺少负责人：计入“（无负责人）”'],
  'issue.bad-date': [
    'Not a date I can read (expected e.g. 2026-05-30)',
    '无法识别的日期（应为如 2026-05-30）',
  ],
  'issue.impossible-date': ['This date does not exist', '日期不存在'],
  'issue.bad-money': [
    'Not an amount I can read (expected e.g. 22700 or 1.2万)',
    '无法识别的金额（应为如 22700 或 1.2万）',
  ],
  'issue.bad-number': ['Not a number', '不是数字'],
  'issue.bad-mark': [
    'Not a met-mark: use a date, ✓ or yes, or leave blank',
    '无法判断是否达成：请填日期、✓ 或“是”，未达成请留空',
  ],
  'issue.error-value': ['The cell holds a spreadsheet error', '单元格是公式错误值'],
  'issue.unknown-stage': ['Unknown stage', '未知阶段'],
  // unknown-stage when the reader found a near stage name (see issueMessage)
  'issue.unknown-stage-suggest': [
    'Unknown stage — did you mean "{suggestion}"?',
    '未知阶段，是否应为“{suggestion}”？',
  ],
  'issue.unknown-status': [
    'Unknown status (use open, won, lost or on hold)',
    '未知状态（应为进行中、赢单、输单或搁置）',
  ],
  'issue.duplicate-id': ['Duplicate id (first on row {first})', '编号重复（首次出现在第 {first} 行）'],
  'issue.duplicate-header': [
    'Second column for the same role: "{used}" is used',
    '同一角色有两列：使用“{used}”',
  ],
  'issue.too-long': ['Text too long: shortened in the report', '文本过长：报告中已截断'],
  'issue.unknown-customer': ['No customer with this name or id', '找不到此名称或编号的客户'],
  'issue.unknown-objection-status': ['Unknown objection status', '未知异议状态'],
  'issue.unknown-objection-type': ['Unknown objection type: counted as other', '未知异议类型：计为“其他”'],
  'issue.unknown-resolution': [
    'Unknown resolution (responded, removed, improved, bypassed, defeated)',
    '未知解决方式（应对、排除、优化、跨越、击碎）',
  ],
  'issue.stage-missing-order': ['No order: placed at position {used}', '缺少顺序：按第 {used} 位处理'],
  'issue.stage-duplicate': [
    'Stage listed twice (first on row {first}): ignored',
    '阶段重复（首次在第 {first} 行）：已忽略',
  ],
  'issue.stage-alias-conflict': [
    'Alias names another stage ({stage}): ignored',
    '别名与其他阶段（{stage}）冲突：已忽略',
  ],
  'issue.stage-bad-kind': [
    'Unknown kind (use open, won, lost or hold)',
    '未知类型（应为进行中、赢单、输单或搁置）',
  ],
  'issue.bad-setting': [
    'Setting "{setting}" has a value I cannot use: default kept',
    '设置“{setting}”的值无法使用：保留默认值',
  ],
  'issue.mapping-header-missing': [
    'Mapped header for {role} not found in the header row',
    '映射的 {role} 列在表头中找不到',
  ],
  'error.title': ['Pandian', '盘点'],
  'error.unexpected': ['Something went wrong: {message}', '出错了：{message}'],
  'error.busy': [
    'Another Pandian command is running in this spreadsheet. Try again in a moment.',
    '此表格中正有另一个盘点命令在运行，请稍后再试。',
  ],
  'error.noCustomerSheet': [
    'No customer tab found. Pandian looks in the first 10 rows of each tab for a header with a customer (or id) column and one more known column such as rep, stage or amount. Name your tab in Settings ("Customer tab") or map columns there ("map:customer").',
    '找不到客户表。盘点会在每个表的前 10 行中寻找包含客户（或编号）列、并至少还有一个已知列（如销售、阶段、金额）的表头。可在设置表中指定“客户表”，或用“映射:客户”映射列。',
  ],
  'toast.inventory': [
    'Inventory written in {seconds} s; {issues} data issues.',
    '盘点报告已生成，用时 {seconds} 秒；{issues} 个数据问题。',
  ],
  'fn.noHeader': [
    'Pandian: no customer tab found (a header row with a customer or id column and one more known column).',
    '盘点：找不到客户表（需要包含客户或编号列、并至少还有一个已知列的表头行）。',
  ],
  'fn.tooWide': [
    'Pandian: the range has {got} columns but the customer header has {width}; start the range at column A.',
    '盘点：区域有 {got} 列，但客户表头只有 {width} 列；请从 A 列开始选取。',
  ],
  'fn.unknownStage': ['Pandian: unknown stage "{stage}"', '盘点：未知阶段“{stage}”'],
  'fn.open': ['{n} open', '{n} 个未解决'],
  'fn.overdue': ['{n} overdue', '{n} 个逾期'],
  'fn.blocking': ['blocking', '阻塞'],
  'note.unknownStage': ['"{value}" is not a stage in the Stages tab.', '“{value}”不是阶段定义表中的阶段。'],
  'note.unknownStageSuggest': [
    '"{value}" is not a stage in the Stages tab. Did you mean "{suggestion}"?',
    '“{value}”不是阶段定义表中的阶段。是否应为“{suggestion}”？',
  ],
  'history.protect': ['Pandian history: append-only. Edit with care.', '盘点变更记录：只追加，请谨慎修改。'],
  'setup.title': ['Set up sheets', '创建表格'],
  'setup.prompt': [
    'Choose the stage model: 1 = B2B project sale (default), 2 = MEDDPICC, 3 = Funnel, 4 = From my data. Existing tabs are kept as they are.',
    '选择阶段模型：1 = 项目型 B2B 销售（默认），2 = MEDDPICC，3 = 漏斗，4 = 按我的数据。已有的表保持不变。',
  ],
  'setup.badChoice': ['"{value}" is not one of 1, 2, 3, 4.', '“{value}”不是 1、2、3、4 之一。'],
  'setup.done': ['Created: {created}\nKept as they were: {kept}', '已创建：{created}\n保持不变：{kept}'],
  'setup.helpType': ['Objection type', '异议类型'],
  'setup.helpStatus': ['Pick a status', '选择状态'],
  'setup.helpResolution': ['How the objection was overcome', '异议如何被克服'],
  'setup.helpBlocking': ['Does it block the next stage?', '是否阻碍进入下一阶段？'],
  'setup.helpDate': ['A date', '日期'],
  'setup.helpStage': ['A stage from the Stages tab', '阶段定义表中的阶段'],
  'setup.helpCriterion': ['The date it was met (or ✓ / yes)', '达成日期（或 ✓ / 是）'],
  'map.title': ['Columns of "{sheet}" (header on row {row})', '“{sheet}”的列（表头在第 {row} 行）'],
  'map.howTo': [
    'To change one, add a row to the Settings tab: "map:customer" | "Your header" (roles: id, customer, rep, stage, status, value, created, expectedClose, closed, lastContact, nextAction, nextActionDue, stageEntered, lastUpdated, resumeOn, support, probability).',
    '如需修改，在设置表中加一行：“映射:客户” | “你的表头”（也可用英文角色名，如 map:customer）。',
  ],
  'settings.missing': [
    'There is no Settings tab yet: run Set up sheets first.',
    '还没有设置表：请先运行“创建表格”。',
  ],
  'toast.watchOn': [
    'Watching changes: pastes and bulk edits are logged to History, the Inventory refreshes daily.',
    '已开启变更监视：粘贴和批量修改会记入变更记录，盘点报告每天刷新。',
  ],
  'toast.watchOff': [
    'Change watching is off (Settings: Watch changes).',
    '变更监视已关闭（设置：监视变更）。',
  ],
  'toast.refreshed': ['{n} Pandian formulas recalculated.', '已重新计算 {n} 个盘点公式。'],
  'word.yes': ['yes', '是'],
  'word.no': ['no', '否'],
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
  return lookup<string>(MESSAGES, lang);
}

/** One data issue in words; an unknown stage with a suggestion asks whether that stage was meant. */
export function issueMessage(issue: Issue, lang: Lang): string {
  const key =
    issue.code === 'unknown-stage' && issue.params?.suggestion
      ? 'issue.unknown-stage-suggest'
      : `issue.${issue.code}`;
  return translator(lang)(key as MessageKey, issue.params);
}
