// The server's catalogue of user-facing text, Chinese and English: menu, report labels, data issues, errors,
// setup and custom functions (the sidebar's server functions refuse by code, in words the page holds). Core
// speaks in codes; the shells turn codes into words. Text only the sidebar page shows is in sidebar-messages.ts,
// text only the command line prints in cli-messages.ts, so that dist/Code.js does not carry them (see
// translate.ts).
import { dayFromIso } from '../core/days';
import type { Issue, Lang } from '../core/types';
import { lookup, type Params, sections } from './translate';

export const MESSAGES = sections({
  menu: {
    inventory: ['客户盘点', 'Customer inventory'],
    sidebar: ['打开侧边栏', 'Open sidebar'],
    setup: ['创建表格…', 'Set up sheets…'],
    map: ['映射列…', 'Map columns…'],
    settings: ['设置…', 'Settings…'],
    refresh: ['刷新公式', 'Refresh formulas'],
    help: ['帮助', 'Help'],
  },
  help: {
    title: ['盘点帮助', 'Pandian help'],
    body: [
      '盘点读取客户表并生成盘点报告。“创建表格”会建立阶段定义、异议和设置表；“客户盘点”生成报告；=STAGE_GAP(A2:N2) 等公式显示客户还缺什么。',
      'Pandian reads your customer tab and writes the Inventory report. Set up sheets creates the Stages, Objections and Settings tabs; Customer inventory writes the report; formulas such as =STAGE_GAP(A2:N2) show what a customer still lacks.',
    ],
  },
  report: {
    title: ['客户盘点 — 截至 {asOf}', 'Customer inventory — as of {asOf}'],
    source: [
      '数据来源：“{sheet}”表，表头在第 {header} 行，共 {rows} 个客户',
      'Source: tab "{sheet}", header on row {header}, {rows} {rows:customer|customers}',
    ],
    summary: ['概览', 'Summary'],
    customers: ['客户数', 'Customers'],
    open: ['进行中', 'Open'],
    won: ['赢单', 'Won'],
    lost: ['输单', 'Lost'],
    hold: ['搁置', 'On hold'],
    openValue: ['在途金额', 'Open pipeline value'],
    weighted: ['加权在途金额', 'Weighted pipeline'],
    winRate: ['赢率', 'Win rate'],
    cycle: ['平均周期（天）', 'Average cycle (days)'],
    velocity: ['销售速度（每天金额）', 'Sales velocity (value per day)'],
    coverage: ['本期覆盖率', 'Coverage this period'],
    coverageNeeded: ['所需覆盖率（1 ÷ 赢率）', 'Coverage needed (1 ÷ win rate)'],
    stalled: ['停滞客户', 'Stalled customers'],
    outOfTouch: ['久未联系的客户', 'Customers out of touch'],
    outOfTouchList: ['超过 {n} 天未联系的客户', 'Customers not contacted for over {n} {n:day|days}'],
    holdNoResume: ['搁置，未定恢复日期', 'On hold, no resume date'],
    actionsOverdueList: ['下一步已逾期的客户', 'Customers whose next action is overdue'],
    actionsOverdue: ['下一步已逾期', 'Next action overdue'],
    actionsMissing: ['缺少下一步', 'Next action missing'],
    objectionsOpen: ['未解决异议', 'Open objections'],
    objectionsOverdue: ['逾期异议', 'Overdue objections'],
    objectionsBlocking: ['阻塞异议', 'Blocking objections'],
    issues: ['数据问题', 'Data issues'],
    funnel: ['阶段漏斗', 'Stage funnel'],
    stage: ['阶段', 'Stage'],
    value: ['金额', 'Value'],
    concurrency: ['销售并发量（各阶段在途客户）', 'Rep concurrency (open customers per stage)'],
    rep: ['销售', 'Rep'],
    reps: ['销售人数', 'Reps'],
    noRep: ['（无负责人）', '(no rep)'],
    band: ['并发区间', 'WIP band'],
    noBand: [
      '无并发区间：可在设置表填写“并发下限”“并发上限”；有创建日期和至少 {n} 个赢单或输单的客户时，盘点会自动推算。',
      'No WIP band: set "WIP low" and "WIP high" in Settings, or Pandian derives one once there are created dates and at least {n} won or lost deals.',
    ],
    flags: ['提示', 'Flags'],
    wonValue: ['赢单金额', 'Won value'],
    gaps: ['阶段核对与差距', 'Stage check and gaps'],
    row: ['行', 'Row'],
    customer: ['客户', 'Customer'],
    declared: ['填报阶段', 'Declared stage'],
    evidenced: ['证据阶段', 'Evidenced stage'],
    check: ['核对', 'Check'],
    nextStage: ['下一阶段', 'Next stage'],
    gap: ['仍缺（▸ 必做动作）', 'Still missing (▸ required actions)'],
    issueGroup: ['共 {n} 行：{rows}', '{n} {n:row|rows}: {rows}'],
    more: ['……另有 {n} 条', '… and {n} more'],
    daysInStage: ['本阶段天数', 'Days in stage'],
    limit: ['最长天数', 'Max days'],
    daysSinceContact: ['未联系天数', 'Days since contact'],
    nextAction: ['下一步', 'Next action'],
    resumeDue: ['搁置，应于 {date} 恢复', 'On hold, resume was due {date}'],
    objections: ['异议', 'Objections'],
    objectionType: ['类型', 'Type'],
    unresolved: ['未解决', 'Open'],
    total: ['合计', 'Total'],
    overdue: ['逾期', 'Overdue'],
    blocking: ['阻塞', 'Blocking'],
    noValues: ['在途客户都没有金额', 'No open customer has an amount'],
    assumedProbability: [
      '{n} 个在途客户没有赢率，按阶段位置推算（共 N 个阶段时，第 k 个阶段按 k ÷ (N + 1)）；可在阶段定义表填写“赢率”',
      "{n} open {n:customer|customers} with no probability, assumed from the stage's place (stage k of N counts k ÷ (N + 1)); set a Probability per stage in Stages",
    ],
    noStallLimit: [
      '没有停滞期限：可在阶段定义表填写“最长天数”，或在设置表填写“默认停滞天数”',
      'No stall limit: set Max days per stage in Stages, or Default stall days in Settings',
    ],
    noContactColumn: ['客户表没有最近联系日期列', 'The customer tab has no last-contact column'],
    byStatus: ['按状态', 'By status'],
    statusCount: ['{status}：{n}', '{status}: {n}'],
    unplanned: ['未计划', 'Unplanned'],
    unsupervised: ['未督导', 'Unsupervised'],
    objection: ['异议', 'Objection'],
    owner: ['负责人', 'Owner'],
    due: ['截止', 'Due'],
    attention: ['需关注', 'Needs attention'],
    cohorts: ['同阶段客户群', 'Same-stage cohorts'],
    mostMissing: ['最常缺少的条件', 'Most-missing criterion'],
    lacking: ['缺少该条件的客户数', 'Customers lacking it'],
    resultsMonth: ['每月结果', 'Results per month'],
    resultsQuarter: ['每季度结果', 'Results per quarter'],
    period: ['期间', 'Period'],
    wins: ['赢单数', 'Wins'],
    losses: ['输单数', 'Lost'],
    headcount: ['人数', 'Headcount'],
    winsPerRep: ['人均赢单', 'Wins per rep'],
    target: ['团队赢单目标', 'Team wins target'],
    perRepTarget: ['每人目标', 'Target per rep'],
    repWins: ['每位销售各期赢单数', 'Wins per rep and period'],
    repWonValue: ['每位销售各期赢单金额', 'Won value per rep and period'],
    headcountChange: ['人数变化', 'Headcount change'],
    productivity: ['人效变化', 'Productivity change'],
    output: ['产出变化', 'Output change'],
    balance: [
      '{period} 对比 {before}：人数、人效、产出',
      '{period} vs {before}: headcount, productivity, output',
    ],
    balanceNote: [
      '产出变化 = (1 + 人效变化) × (1 + 人数变化) − 1',
      'Output change = (1 + productivity) × (1 + headcount) − 1',
    ],
    support: ['支持需求（阶段 × 职能）', 'Support needed (stage × function)'],
    dataIssues: ['数据问题（{n}）', 'Data issues ({n})'],
    sheet: ['工作表', 'Tab'],
    column: ['列', 'Column'],
    cell: ['单元格内容', 'Cell value'],
    message: ['问题', 'What is wrong'],
  },
  flag: {
    'below-band': ['低于区间', 'below band'],
    'above-band': ['高于区间', 'above band'],
    'hollow-early': ['前期阶段空缺', 'hollow early stages'],
  },
  check: {
    ahead: ['超前（缺证据）', 'ahead of evidence'],
    behind: ['滞后（表格未更新）', 'behind evidence'],
    match: ['一致', 'match'],
    none: ['—', '—'],
  },
  action: {
    ok: ['正常', 'ok'],
    missing: ['缺失', 'missing'],
    overdue: ['逾期', 'overdue'],
  },
  attention: {
    overdue: ['逾期', 'overdue'],
    unplanned: ['未计划', 'no plan'],
    unsupervised: ['未督导', 'not reviewed'],
  },
  status: {
    raised: ['新提出', 'Raised'],
    planned: ['已计划', 'Planned'],
    acting: ['处理中', 'Acting'],
    resolved: ['已解决', 'Resolved'],
    accepted: ['接受风险', 'Accepted'],
  },
  type: {
    budget: ['预算', 'Budget'],
    approval: ['审批', 'Approval'],
    procurement: ['采购/招标', 'Procurement / tender'],
    legal: ['法务', 'Legal'],
    finance: ['财务', 'Finance'],
    product: ['产品', 'Product'],
    price: ['价格', 'Price'],
    competition: ['竞争', 'Competition'],
    timing: ['时机', 'Timing'],
    relationship: ['关系', 'Relationship'],
    other: ['其他', 'Other'],
  },
  resolution: {
    responded: ['应对', 'Responded'],
    removed: ['排除', 'Removed'],
    improved: ['优化', 'Improved'],
    bypassed: ['跨越', 'Bypassed'],
    defeated: ['击碎', 'Defeated'],
  },
  issue: {
    'title-row': ['表头上方的标题行：已跳过', 'Title row above the header: skipped'],
    'notes-row': ['表头下方的填写说明行：已跳过', 'Notes row under the header: skipped'],
    'blank-row': ['空行：已跳过', 'Blank row: skipped'],
    'placeholder-row': ['占位行：已跳过', 'Placeholder row: skipped'],
    'totals-row': ['合计行：已跳过，不是客户', 'Totals row: skipped, not a customer'],
    'stage-log-row': [
      '此客户较早的阶段：它在表中有更晚的记录，以最晚一行为当前状态',
      'Earlier stage of a customer with a later row: its latest row is its current state',
    ],
    'unnamed-row': ['既没有客户名称也没有编号：已跳过', 'Neither a customer name nor an id: skipped'],
    'missing-customer': ['缺少客户名称：按编号计入', 'No customer name: the row is counted by its id'],
    'missing-rep': ['缺少负责人：计入“（无负责人）”', 'No rep: counted under "(no rep)"'],
    'missing-stage': [
      '缺少阶段：按已达成的条件计入相应阶段，没有则计入第一阶段',
      'No stage: counted at the stage its met criteria reach, else at the first stage',
    ],
    'missing-close': [
      '已赢单或输单，但没有关闭日期：不计入各期结果（赢单也不计入平均周期）',
      'Won or lost with no close date: left out of the results per period (and, if won, of the average cycle)',
    ],
    'close-before-created': [
      '关闭日期早于创建日期：不计入平均周期',
      'Closed before it was created: left out of the average cycle',
    ],
    'rep-variant': ['负责人的另一种写法：计入“{as}”', 'The rep written another way: counted as "{as}"'],
    'bad-date': ['无法识别的日期（应为如 2026-05-30）', 'Not a date I can read (expected e.g. 2026-05-30)'],
    'impossible-date': ['日期不存在', 'This date does not exist'],
    'bad-money': [
      '无法识别的金额（应为如 22700 或 1.2万）',
      'Not an amount I can read (expected e.g. 22700 or 1.2万)',
    ],
    'ambiguous-amount': [
      '金额有两种读法：点号可能是千位分隔，也可能是小数点（请写作 1234 或 1.234,00）',
      'Amount reads two ways: the dot may group thousands or be a decimal point (write 1234 or 1.234,00)',
    ],
    'scaled-currency': [
      '表头给了单位（如万元），此金额却写了货币符号：是否按表头的单位？请只写数字，或写作 1200元',
      'The header gives a unit (万元, $k…) but this amount names a currency: in that unit or not? Write the bare number, or 1200元',
    ],
    'mixed-currency': [
      '币种与本列多数金额不同：不计入合计（不同币种相加没有意义）',
      "A currency other than most of the column's amounts: left out of the totals (dollars and euros do not add up)",
    ],
    'negative-amount': ['金额为负数：不计入合计', 'Negative amount: left out of the totals'],
    'bad-number': ['不是数字', 'Not a number'],
    'bad-percent': [
      '不是 0 到 100% 之间的比例（应为如 45% 或 0.45）',
      'Not a percentage from 0 to 100% (expected e.g. 45% or 0.45)',
    ],
    'bad-mark': [
      '无法判断是否达成：请填日期、✓ 或“是”，未达成请留空',
      'Not a met-mark: use a date, ✓ or yes, or leave blank',
    ],
    'bad-yes-no': [
      '不是“是”或“否”：阻塞填“是”，不阻塞填“否”或留空',
      'Not yes or no: write yes if it blocks, no or nothing if not',
    ],
    'error-value': ['单元格是公式错误值', 'The cell holds a spreadsheet error'],
    'unknown-stage': ['未知阶段', 'Unknown stage'],
    // unknown-stage when the reader found a near stage name (see issueMessage)
    'unknown-stage-suggest': [
      '未知阶段，是否应为“{suggestion}”？',
      'Unknown stage — did you mean "{suggestion}"?',
    ],
    'unknown-status': [
      '未知状态（应为进行中、赢单、输单或搁置）',
      'Unknown status (use open, won, lost or on hold)',
    ],
    'history-not-ours': [
      '此表沿用变更记录的名称，但开头几行没有“时间”“用户”等列：盘点不会写入它，因此不记录变更。请将它改名以保留为您自己的表，盘点随后另建变更记录',
      "This tab has the change log's name but not its columns (When, Who…) in its first rows: Pandian writes nothing into it, so no edits are logged. Rename it to keep it as yours; Pandian then makes its own change log",
    ],
    'duplicate-id': ['编号重复（首次出现在第 {first} 行）', 'Duplicate id (first on row {first})'],
    'duplicate-header': ['同一角色有两列：使用“{used}”', 'Second column for the same role: "{used}" is used'],
    'too-long': ['文本过长：报告中已截断', 'Text too long: shortened in the report'],
    'unknown-customer': ['找不到此名称或编号的客户', 'No customer with this name or id'],
    'unknown-objection-status': [
      '未知异议状态（新提出、已计划、处理中、已解决、接受风险）：按本行判断，如同留空',
      'Unknown objection status (raised, planned, acting, resolved, accepted): read from the row, as a blank one is',
    ],
    'unknown-objection-type': ['未知异议类型：计为“其他”', 'Unknown objection type: counted as other'],
    'unknown-resolution': [
      '未知解决方式（应对、排除、优化、跨越、击碎）',
      'Unknown resolution (responded, removed, improved, bypassed, defeated)',
    ],
    'stage-missing-order': ['缺少顺序：按第 {used} 位处理', 'No order: placed at position {used}'],
    'stage-duplicate': [
      '阶段重复（首次在第 {first} 行）：已忽略',
      'Stage listed twice (first on row {first}): ignored',
    ],
    'stage-alias-conflict': [
      '别名与其他阶段（{stage}）冲突：已忽略',
      'Alias names another stage ({stage}): ignored',
    ],
    'stage-bad-kind': [
      '未知类型（应为进行中、赢单、输单或搁置）',
      'Unknown kind (use open, won, lost or hold)',
    ],
    'bad-setting': [
      '设置“{setting}”的值无法使用：保留默认值',
      'Setting "{setting}" has a value I cannot use: default kept',
    ],
    'mapping-header-missing': [
      '映射的 {role} 列在表头中找不到',
      'Mapped header for {role} not found in the header row',
    ],
  },
  error: {
    title: ['盘点', 'Pandian'],
    unexpected: ['出错了：{message}', 'Something went wrong: {message}'],
    busy: [
      '此表格中正有另一个盘点命令在运行，请稍后再试。',
      'Another Pandian command is running in this spreadsheet. Try again in a moment.',
    ],
    notOurReport: [
      '“{tab}”表不是盘点写的（A1 单元格为“{value}”），客户盘点不会覆盖它。请给该表改名后再运行客户盘点，报告会写入一个新表。',
      'The tab "{tab}" was not written by Pandian (its cell A1 holds "{value}"), so Customer inventory will not overwrite it. Rename that tab and run Customer inventory again: the report then goes to a new tab.',
    ],
    noCustomerSheet: [
      '找不到客户表。盘点会在每个表的前 10 行中寻找包含客户（或编号）列、并至少还有一个已知列（如销售、阶段、金额）的表头。可在设置表中指定“客户表”，或用“映射:客户”映射列。',
      'No customer tab found. Pandian looks in the first 10 rows of each tab for a header with a customer (or id) column and one more known column such as rep, stage or amount. Name your tab in Settings ("Customer tab") or map columns there ("map:customer").',
    ],
    noHeaderIn: [
      '设置表指定的“{tab}”表中没有盘点认识的表头（第一行是：{reads}）。表头需要客户或编号列，并至少还有一个已知列；可在设置表中用“映射:客户”等行映射列。',
      'The tab "{tab}" that Settings names has no header Pandian recognises (its first row reads: {reads}). It needs a customer or id column and one more known column; map yours in Settings ("map:customer").',
    ],
    sheetNotFound: [
      '没有名为“{wanted}”的表，而设置表的“客户表”指定了它（名称不区分大小写、空格和标点）。现有的表：{sheets}。请改正该设置，或给客户表改名。',
      'No tab is named "{wanted}", the tab Settings names as the customer tab ("Customer tab"; case, spaces and punctuation do not matter). Tabs: {sheets}. Correct the setting or rename your customer tab.',
    ],
  },
  toast: {
    inventory: [
      '盘点报告已生成，用时 {seconds} 秒；{issues} 个数据问题。',
      'Inventory written in {seconds} s; {issues} data {issues:issue|issues}.',
    ],
    watchOn: [
      '已开启变更监视：粘贴和批量修改会记入变更记录，盘点报告每天刷新。',
      'Watching changes: pastes and bulk edits are logged to History, the Inventory refreshes daily.',
    ],
    watchOff: ['变更监视已关闭（设置：监视变更）。', 'Change watching is off (Settings: Watch changes).'],
    refreshed: ['已重新计算 {n} 个盘点公式。', '{n} Pandian {n:formula|formulas} recalculated.'],
  },
  fn: {
    noHeader: [
      '盘点：找不到客户表（需要包含客户或编号列、并至少还有一个已知列的表头行）。',
      'Pandian: no customer tab found (a header row with a customer or id column and one more known column).',
    ],
    tooWide: [
      '盘点：区域有 {got} 列，但客户表头只有 {width} 列；请从 A 列开始选取。',
      'Pandian: the range has {got} columns but the customer header has {width}; start the range at column A.',
    ],
    tooNarrow: [
      '盘点：区域只有 {got} 列，但客户表的“{column}”在 {letter} 列；请选取到 {letter} 列。',
      'Pandian: the range has {got} columns but the customer tab\'s "{column}" is in column {letter}; extend the range to column {letter}.',
    ],
    oneColumn: [
      '盘点：{fn} 只接受一个单元格或一列单元格，该区域有 {got} 列。',
      'Pandian: {fn} takes one cell or one column of cells; the range has {got} columns.',
    ],
    oneCell: ['盘点：阶段只能是一个单元格。', 'Pandian: the stage must be one cell.'],
    unknownStage: ['盘点：未知阶段“{stage}”', 'Pandian: unknown stage "{stage}"'],
    closedStage: [
      '盘点：“{stage}”不是进行中的阶段；REP_LOAD 只计进行中的客户',
      'Pandian: "{stage}" is not an open stage; REP_LOAD counts open customers',
    ],
    open: ['{n} 个未解决', '{n} open'],
    overdue: ['{n} 个逾期', '{n} overdue'],
    blocking: ['阻塞', 'blocking'],
  },
  note: {
    unknownStage: [
      '盘点：“{value}”不是阶段定义表中的阶段。',
      'Pandian: "{value}" is not a stage in the Stages tab.',
    ],
    unknownStageSuggest: [
      '盘点：“{value}”不是阶段定义表中的阶段。是否应为“{suggestion}”？',
      'Pandian: "{value}" is not a stage in the Stages tab. Did you mean "{suggestion}"?',
    ],
  },
  history: {
    protect: ['盘点变更记录：只追加，请谨慎修改。', 'Pandian history: append-only. Edit with care.'],
  },
  setup: {
    title: ['创建表格', 'Set up sheets'],
    prompt: [
      '选择阶段模型：1 = 项目型 B2B 销售（默认），2 = MEDDPICC，3 = 漏斗，4 = 按我的数据。已有的表保持不变。',
      'Choose the stage model: 1 = B2B project sale (default), 2 = MEDDPICC, 3 = Funnel, 4 = From my data. Existing tabs are kept as they are.',
    ],
    badChoice: ['“{value}”不是 1、2、3、4 之一。', '"{value}" is not one of 1, 2, 3, 4.'],
    done: ['已创建：{created}\n保持不变：{kept}', 'Created: {created}\nKept as they were: {kept}'],
    settingsNotOurs: [
      '“{sheet}”表是您自己的表，不是盘点的设置表（没有“设置 | 值”表头）：盘点没有设置表。请将它改名，再运行“创建表格”。',
      'The tab "{sheet}" is yours, not Pandian\'s Settings (no Setting | Value header), so Pandian has no Settings tab. Rename it, then run Set up sheets again.',
    ],
    helpType: ['异议类型', 'Objection type'],
    helpStatus: ['选择状态', 'Pick a status'],
    helpResolution: ['异议如何被克服', 'How the objection was overcome'],
    helpBlocking: ['是否阻碍进入下一阶段？', 'Does it block the next stage?'],
    helpDate: ['日期', 'A date'],
    helpStage: ['阶段定义表中的阶段', 'A stage from the Stages tab'],
    helpCriterion: ['达成日期（或 ✓ / 是）', 'The date it was met (or ✓ / yes)'],
  },
  map: {
    title: ['“{sheet}”的列（表头在第 {row} 行）', 'Columns of "{sheet}" (header on row {row})'],
    noHeader: [
      '{role} → “{header}”：客户表中没有这个表头',
      '{role} → "{header}": the tab has no such header',
    ],
    noRole: ['“{key}”：不是盘点认识的角色', '"{key}": not a role Pandian knows'],
    howTo: [
      '如需修改，在设置表中加一行：“映射:客户” | “你的表头”（角色：{roles}；也可用英文角色名，如 map:customer）。',
      'To change one, add a row to the Settings tab: "map:customer" | "Your header" (roles: {roles}).',
    ],
  },
  settings: {
    missing: ['还没有设置表：请先运行“创建表格”。', 'There is no Settings tab yet: run Set up sheets first.'],
    badWatch: [
      '“{tab}”表第 {row} 行的“监视变更”值“{value}”无法识别（应为 是 或 否）：变更监视保持原样。',
      'Watch changes in "{tab}", row {row}, reads "{value}", which is neither yes nor no: change watching is left as it was.',
    ],
  },
  word: {
    yes: ['是', 'yes'],
    no: ['否', 'no'],
    // Separators of a list in running text: of names or flags (、), and of the gap's criteria and actions (；)
    list: ['、', ', '],
    items: ['；', '; '],
  },
});

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

/** Whether a cell holds the title of a Pandian report, in either language, with its as-of day. */
export function isReportTitle(text: string): boolean {
  return MESSAGES['report.title'].some((title) => {
    const [before, after] = title.split('{asOf}');
    return (
      text.startsWith(before) &&
      text.endsWith(after) &&
      dayFromIso(text.slice(before.length, text.length - after.length)) !== null
    );
  });
}

/**
 * Whether a tab under the report's name may be written over: it holds a Pandian report (its A1, as text, is the
 * title) or nothing. A tab of the user's own under that name is never cleared.
 */
export function isReportTab(a1: string, empty: boolean): boolean {
  return isReportTitle(a1.trim()) || (a1 === '' && empty);
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
