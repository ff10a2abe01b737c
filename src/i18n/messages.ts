// The one catalogue of user-facing text, Chinese and English. Core speaks in codes; the shells (menu,
// report labels, sidebar, command line) turn codes into words here.
import type { Issue, Lang } from '../core/types';

type Entry = { en: string; zh: string };

const MESSAGES = {
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
  'report.source': { en: 'Source: tab "{sheet}", header on row {header}, {rows} customers', zh: '数据来源：“{sheet}”表，表头在第 {header} 行，共 {rows} 个客户' },
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
  'report.concurrency': { en: 'Rep concurrency (open customers per stage)', zh: '销售并发量（各阶段在途客户）' },
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
  'report.winsChart': { en: 'Wins per period', zh: '每期赢单' },
  'report.balance': { en: 'Last period vs previous: headcount, productivity, output', zh: '本期对比上期：人数、人效、产出' },
  'report.balanceNote': { en: 'Output change = (1 + productivity) × (1 + headcount) − 1', zh: '产出变化 = (1 + 人效变化) × (1 + 人数变化) − 1' },
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
  'issue.missing-customer': { en: 'No customer name: the row is counted by its id', zh: '缺少客户名称：按编号计入' },
  'issue.missing-rep': { en: 'No rep: counted under "(no rep)"', zh: '缺少负责人：计入“（无负责人）”' },
  'issue.bad-date': { en: 'Not a date I can read (expected e.g. 2026-05-30)', zh: '无法识别的日期（应为如 2026-05-30）' },
  'issue.impossible-date': { en: 'This date does not exist', zh: '日期不存在' },
  'issue.bad-money': { en: 'Not an amount I can read (expected e.g. 22700 or 1.2万)', zh: '无法识别的金额（应为如 22700 或 1.2万）' },
  'issue.bad-number': { en: 'Not a number', zh: '不是数字' },
  'issue.bad-mark': { en: 'Not a met-mark: use a date, ✓ or yes, or leave blank', zh: '无法判断是否达成：请填日期、✓ 或“是”，未达成请留空' },
  'issue.error-value': { en: 'The cell holds a spreadsheet error', zh: '单元格是公式错误值' },
  'issue.unknown-stage': { en: 'Unknown stage{suggestion}', zh: '未知阶段{suggestion}' },
  'issue.unknown-status': { en: 'Unknown status (use open, won, lost or on hold)', zh: '未知状态（应为进行中、赢单、输单或搁置）' },
  'issue.duplicate-id': { en: 'Duplicate id (first on row {first})', zh: '编号重复（首次出现在第 {first} 行）' },
  'issue.duplicate-header': { en: 'Second column for the same role: "{used}" is used', zh: '同一角色有两列：使用“{used}”' },
  'issue.too-long': { en: 'Text too long: shortened in the report', zh: '文本过长：报告中已截断' },
  'issue.unknown-customer': { en: 'No customer with this name or id', zh: '找不到此名称或编号的客户' },
  'issue.unknown-objection-status': { en: 'Unknown objection status', zh: '未知异议状态' },
  'issue.unknown-objection-type': { en: 'Unknown objection type: counted as other', zh: '未知异议类型：计为“其他”' },
  'issue.unknown-resolution': { en: 'Unknown resolution (responded, removed, improved, bypassed, defeated)', zh: '未知解决方式（应对、排除、优化、跨越、击碎）' },
  'issue.stage-missing-order': { en: 'No order: placed at position {used}', zh: '缺少顺序：按第 {used} 位处理' },
  'issue.stage-duplicate': { en: 'Stage listed twice (first on row {first}): ignored', zh: '阶段重复（首次在第 {first} 行）：已忽略' },
  'issue.stage-alias-conflict': { en: 'Alias names another stage ({stage}): ignored', zh: '别名与其他阶段（{stage}）冲突：已忽略' },
  'issue.stage-bad-kind': { en: 'Unknown kind (use open, won, lost or hold)', zh: '未知类型（应为进行中、赢单、输单或搁置）' },
  'issue.bad-setting': { en: 'Setting "{setting}" has a value I cannot use: default kept', zh: '设置“{setting}”的值无法使用：保留默认值' },
  'issue.mapping-header-missing': { en: 'Mapped header for {role} not found in the header row', zh: '映射的 {role} 列在表头中找不到' },
  'cli.usage': {
    en: 'Usage: pandian inventory <file.xlsx|file.csv> [options]\n\nOptions:\n  --out FILE.xlsx      where to write the copy with the report (default: <name>-inventory.xlsx beside the input)\n  --sheet NAME         the customer tab (default: found by its headers)\n  --stages FILE        a Stages table (.csv or .xlsx)\n  --objections FILE    an Objections table (.csv or .xlsx)\n  --map role=Header    map a column by hand; repeatable. Roles: {roles}\n  --as-of YYYY-MM-DD   the inventory date (default: today)\n  --lang zh|en         language of the report (default: from the environment)\n  --json               print one JSON document instead of the summary\n',
    zh: '用法：pandian inventory <文件.xlsx|文件.csv> [选项]\n\n选项：\n  --out 文件.xlsx       报告副本的保存位置（默认：输入文件旁的 <名称>-inventory.xlsx）\n  --sheet 名称          客户表（默认：按表头识别）\n  --stages 文件         阶段定义表（.csv 或 .xlsx）\n  --objections 文件     异议表（.csv 或 .xlsx）\n  --map 角色=表头       手动映射列，可重复。角色：{roles}\n  --as-of YYYY-MM-DD    盘点日期（默认：今天）\n  --lang zh|en          报告语言（默认：按系统环境）\n  --json                输出一个 JSON 文档而不是摘要\n',
  },
  'cli.heading': { en: 'Customer inventory of "{sheet}" as of {asOf}', zh: '“{sheet}”客户盘点，截至 {asOf}' },
  'cli.totals': {
    en: '{customers} customers: {open} open, {won} won, {lost} lost, {hold} on hold',
    zh: '共 {customers} 个客户：进行中 {open}，赢单 {won}，输单 {lost}，搁置 {hold}',
  },
  'cli.topGaps': { en: 'Most-missing criteria (open customers lacking each):', zh: '最常缺少的条件（缺少的在途客户数）：' },
  'cli.issues': { en: '{n} data issues (listed in the report)', zh: '{n} 个数据问题（见报告）' },
  'cli.wrote': { en: 'Report written to {path}', zh: '报告已写入 {path}' },
  'cli.sameFile': { en: 'the output would overwrite the input file; choose another --out', zh: '输出会覆盖输入文件，请换一个 --out' },
  'cli.reading': { en: 'Read {rows} rows…', zh: '已读取 {rows} 行……' },
  'cli.computing': { en: 'Computing the inventory…', zh: '正在计算盘点……' },
  'cli.writing': { en: 'Writing the report…', zh: '正在写入报告……' },
  'cli.noCustomerSheet': {
    en: 'no customer tab found in {file} (tabs: {sheets}). I look in the first 10 rows of each tab for a header row with a customer or id column and at least one more known column (rep, stage, amount…). Name the tab with --sheet, or map columns with --map customer="Your header" --map rep="Your header".',
    zh: '在 {file} 中找不到客户表（工作表：{sheets}）。我在每个表的前 10 行中寻找包含客户或编号列、并至少还有一个已知列（销售、阶段、金额……）的表头行。可用 --sheet 指定表，或用 --map customer="你的表头" --map rep="你的表头" 映射列。',
  },
  'cli.sheetNotFound': { en: 'no tab named "{wanted}" in {file} (tabs: {sheets})', zh: '{file} 中没有名为“{wanted}”的工作表（工作表：{sheets}）' },
} satisfies Record<string, Entry>;

export type MessageKey = keyof typeof MESSAGES;
export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/** Chinese for zh* locales, English otherwise. */
export function langOfLocale(locale: string | undefined | null): Lang {
  return /^zh/i.test(locale ?? '') ? 'zh' : 'en';
}

/** A translator for one language; `{name}` in a text is replaced by params.name. */
export function translator(lang: Lang): Translate {
  return (key, params) => {
    const text = MESSAGES[key][lang];
    return params ? text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m)) : text;
  };
}

/** The report's label lookup: core asks by key string; an unknown key shows as itself (and a test fails). */
export function reportText(lang: Lang): (key: string, params?: Record<string, string | number>) => string {
  const t = translator(lang);
  return (key, params) => (key in MESSAGES ? t(key as MessageKey, params) : key);
}

/** One data issue in words. */
export function issueMessage(issue: Issue, lang: Lang): string {
  const t = translator(lang);
  const params: Record<string, string | number> = { ...issue.params };
  if (issue.code === 'unknown-stage') {
    const s = issue.params?.suggestion;
    params.suggestion = s ? (lang === 'zh' ? `，是否应为“${s}”？` : ` — did you mean "${s}"?`) : '';
  }
  return t(`issue.${issue.code}` as MessageKey, params);
}
