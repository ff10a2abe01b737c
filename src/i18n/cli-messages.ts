// What only the command line prints, Chinese and English: only src/cli/ imports this, so it is bundled into
// dist/cli.js and not into dist/Code.js. Report labels, flags and data issues come from messages.ts, as in the add-on.
import type { Lang } from '../core/types';
import { MESSAGES, type MessageKey } from './messages';
import { lookup, type Params, sections } from './translate';

export const CLI_MESSAGES = sections({
  cli: {
    usage: [
      '用法：pandian inventory <文件.xlsx|文件.csv> [选项]\n\n选项：\n  --out 文件.xlsx       报告副本的保存位置（默认：输入文件旁的 <名称>-inventory.xlsx）\n  --sheet 名称          客户表（默认：按表头识别）\n  --stages 文件         阶段定义表（.csv 或 .xlsx）\n  --objections 文件     异议表（.csv 或 .xlsx）\n  --map 角色=表头       手动映射列，可重复。角色：{roles}\n  --as-of YYYY-MM-DD    盘点日期（默认：今天）\n  --lang zh|en          报告语言（默认：按系统环境）\n  --json                输出一个 JSON 文档而不是摘要\n',
      'Usage: pandian inventory <file.xlsx|file.csv> [options]\n\nOptions:\n  --out FILE.xlsx      where to write the copy with the report (default: <name>-inventory.xlsx beside the input)\n  --sheet NAME         the customer tab (default: found by its headers)\n  --stages FILE        a Stages table (.csv or .xlsx)\n  --objections FILE    an Objections table (.csv or .xlsx)\n  --map role=Header    map a column by hand; repeatable. Roles: {roles}\n  --as-of YYYY-MM-DD   the inventory date (default: today)\n  --lang zh|en         language of the report (default: from the environment)\n  --json               print one JSON document instead of the summary\n',
    ],
    badOption: ['选项有误：{message}', '{message}'],
    badLang: ['--lang 只能是 zh 或 en，而不是“{value}”', '--lang must be zh or en, not "{value}"'],
    noCommand: ['没有给出命令', 'no command given'],
    badCommand: ['未知命令“{command}”', 'unknown command "{command}"'],
    noFile: ['没有给出输入文件', 'no input file given'],
    extraArgument: ['多余的参数“{value}”', 'unexpected argument "{value}"'],
    badAsOf: [
      '--as-of 必须是 YYYY-MM-DD 格式的真实日期（1900 年至 2200 年），而不是“{value}”',
      '--as-of must be a real date as YYYY-MM-DD (years 1900 to 2200), not "{value}"',
    ],
    badMap: [
      '--map 的格式为 角色=表头，角色为 {roles} 之一；收到的是“{value}”',
      '--map takes role=Header with a role among {roles}; got "{value}"',
    ],
    outNotXlsx: ['--out 必须是 .xlsx 文件', '--out must name an .xlsx file'],
    heading: ['客户盘点：“{sheet}”表，截至 {asOf}', 'Customer inventory of "{sheet}" as of {asOf}'],
    totals: [
      '共 {customers} 个客户：进行中 {open}，赢单 {won}，输单 {lost}，搁置 {hold}',
      '{customers} {customers:customer|customers}: {open} open, {won} won, {lost} lost, {hold} on hold',
    ],
    noRows: [
      '表头在第 {header} 行，但其下没有客户行。',
      'The header is on row {header}, but no customer rows follow it.',
    ],
    emptyFile: ['{file} 是空的：没有任何数据。', '{file} is empty: it holds no data at all.'],
    topGaps: ['最常缺少的条件（缺少的在途客户数）：', 'Most-missing criteria (open customers lacking each):'],
    issues: ['{n} 个数据问题（见报告）', '{n} data {n:issue|issues} (listed in the report)'],
    stageLog: [
      '其中 {n} 行是客户较早的阶段：此表是阶段记录，每个客户按其最晚一行计。',
      '{n} of them are earlier stages: the tab is a stage log, and each customer counts at its latest row.',
    ],
    wrote: ['报告已写入 {path}', 'Report written to {path}'],
    reportTab: [
      '工作簿自带的“{kept}”表不是盘点报告，已原样保留；报告写在“{tab}”表。',
      'The workbook\'s own "{kept}" tab is not a Pandian report and is kept as it is; the report is the "{tab}" tab.',
    ],
    cellCut: [
      '第 {row} 行 {column} 列有 {length} 个字符，超出 Excel 单元格的上限：副本保留前 {max} 个（原文件不变）。',
      'row {row}, column {column}: {length} characters, more than an Excel cell holds; the copy keeps the first {max} (the input file is unchanged).',
    ],
    sameFile: [
      '输出文件 {path} 就是要读取的文件之一，写入会覆盖它：请换一个 --out',
      'the output {path} is one of the files read, and writing it would overwrite that file; choose another --out',
    ],
    mapMissing: [
      '--map {role}={header}：“{sheet}”表第 {row} 行的表头中没有这一列，未按它映射',
      '--map {role}={header}: the header row of "{sheet}" (row {row}) has no such column, so it is not mapped',
    ],
    replaced: ['已替换原有的文件 {path}', 'replaced the file that was at {path}'],
    reading: ['已读取 {rows} 行……', 'Read {rows} rows…'],
    computing: ['正在计算盘点……', 'Computing the inventory…'],
    writing: ['正在写入报告……', 'Writing the report…'],
    noCustomerSheet: [
      '在 {file} 中找不到客户表（工作表：{sheets}）。我在每个表的前 10 行中寻找包含客户或编号列、并至少还有一个已知列（销售、阶段、金额……）的表头行。可用 --sheet 指定表，或用 --map customer="你的表头" --map rep="你的表头" 映射列。',
      'no customer tab found in {file} (tabs: {sheets}). I look in the first 10 rows of each tab for a header row with a customer or id column and at least one more known column (rep, stage, amount…). Name the tab with --sheet, or map columns with --map customer="Your header" --map rep="Your header".',
    ],
    noHeaderIn: [
      '“{tab}”表中没有盘点认识的表头（第一行是：{reads}）。表头需要客户或编号列，并至少还有一个已知列（销售、阶段、金额……）；可用 --map customer="你的表头" --map rep="你的表头" 映射列。',
      'the tab "{tab}" has no header Pandian recognises (its first row reads: {reads}). It needs a customer or id column and one more known column (rep, stage, amount…); map yours with --map customer="Your header" --map rep="Your header".',
    ],
    sheetNotFound: [
      '{file} 中没有名为“{wanted}”的工作表（工作表：{sheets}）',
      'no tab named "{wanted}" in {file} (tabs: {sheets})',
    ],
  },
  // Errors of the files read and written (cause.key of csv.ts's fileError); {path} is the file's.
  file: {
    notFound: ['无法读取 {path}：文件不存在', 'Cannot read {path}: file not found'],
    isFolder: ['无法读取 {path}：这是一个文件夹', 'Cannot read {path}: it is a folder'],
    noPermission: ['无法读取 {path}：没有权限', 'Cannot read {path}: permission denied'],
    readFailed: ['无法读取 {path}：{why}', 'Cannot read {path}: {why}'],
    notText: [
      '无法读取 {path}：它不是文本文件（CSV/TSV）',
      'Cannot read {path}: it is not a text file (CSV/TSV)',
    ],
    openQuote: [
      '无法按 CSV 读取 {path}：第 {row} 行 {column} 列的引号（"）没有闭合。请补上或删去它，然后重新运行。',
      'Cannot read {path} as CSV: the quote (") that opens row {row}, column {column} is never closed. Close it or remove it, and run again.',
    ],
    badCsv: ['无法按 CSV 读取 {path}：{why}', 'Cannot read {path} as CSV: {why}'],
    oldExcel: [
      '{path} 是旧格式的 Excel 文件（{ext}）。请在 Excel 或 WPS 中打开，另存为 .xlsx（或 .csv），然后重新运行。',
      '{path} is an old-format Excel file ({ext}). Open it in Excel or WPS and save it as .xlsx (or .csv), then run again.',
    ],
    badType: [
      '不支持 {path} 的文件类型“{ext}”：请使用 .xlsx、.xlsm、.csv、.tsv 或 .txt 文件。',
      'Unsupported file type "{ext}" for {path}: use an .xlsx, .xlsm, .csv, .tsv or .txt file.',
    ],
    noType: [
      '{path} 没有扩展名，无法判断文件类型：请使用 .xlsx、.xlsm、.csv、.tsv 或 .txt 文件。',
      'Unsupported file type "(none)" for {path}: use an .xlsx, .xlsm, .csv, .tsv or .txt file.',
    ],
    locked: [
      '无法读取 {path}：这是设有密码的工作簿，或是改名为 .xlsx 的旧 .xls 文件。请在 Excel 中打开，取消密码或另存为 .xlsx，然后重新运行。',
      'Cannot read {path}: it is a password-protected workbook or an old .xls file renamed to .xlsx — open it in Excel, remove the password or save it as .xlsx, and run again',
    ],
    notWorkbook: [
      '无法读取 {path}：它不是 Excel 工作簿（或文件已损坏、不完整）',
      'Cannot read {path}: it is not an Excel workbook (or the file is damaged or truncated)',
    ],
    noWorksheets: [
      '无法读取 {path}：它不是 Excel 工作簿（其中没有工作表）',
      'Cannot read {path}: it is not an Excel workbook (it has no worksheets)',
    ],
    historyTab: [
      '无法读取 {path}：其中有名为“History”的工作表，这个名称被 Excel 保留，工作簿库拒绝读取。请重命名该表，然后重新运行。',
      'Cannot read {path}: it has a tab named "History", which Excel reserves and the workbook library refuses — rename that tab and run again',
    ],
    libraryRead: [
      '无法读取 {path}：工作簿库读取失败（{why}）。请在 Excel 或 WPS 中打开，重新另存为 .xlsx，然后重新运行。',
      'Cannot read {path}: the workbook library could not read it ({why}) — open it in Excel or WPS, save it again as .xlsx, and run again',
    ],
    tooManyCells: [
      '无法读取 {path}：“{sheet}”表的单元格一直延伸到 {cell}，共 {cells} 个单元格。请删除表格以外的零散内容，或将客户表另存为 .csv。',
      'Cannot read {path}: sheet "{sheet}" has cells as far as {cell}, {cells} cells in all. Delete stray values outside the table, or save the customer tab as .csv.',
    ],
    tooWide: [
      '无法写入 {path} 的副本：它有 {rows} 行 {cols} 列，超出 Excel 工作表的上限（{maxRows} 行，{maxCols} 列）。',
      'Cannot write a copy of {path}: it has {rows} rows and {cols} columns, more than an Excel sheet holds ({maxRows} rows, {maxCols} columns).',
    ],
    libraryWrite: [
      '无法写入 {path} 的副本：工作簿库出错（{why}）。请将客户表另存为 .csv，然后重新运行。',
      'Cannot write a copy of {path}: the workbook library failed ({why}). Save the customer tab as .csv and run again.',
    ],
    outNotXlsx: ['输出文件 {path} 必须以 .xlsx 结尾。', 'The output file {path} must end in .xlsx.'],
    badSheetName: [
      "“{name}”不能作为工作表名称：请用 1 至 31 个字符，不含 [ ] : * ? / \\，首尾不能是 '，也不能是“History”。",
      '"{name}" cannot be a sheet name: use 1-31 characters without [ ] : * ? / \\ or a leading/trailing \' (and not "History").',
    ],
    noFolder: ['无法写入 {path}：文件夹不存在', 'Cannot write {path}: the folder does not exist'],
    outIsFolder: ['无法写入 {path}：这是一个文件夹', 'Cannot write {path}: it is a folder'],
    outNoPermission: ['无法写入 {path}：没有权限', 'Cannot write {path}: permission denied'],
    outBusy: [
      '无法写入 {path}：文件是只读的，或已在其他程序中打开',
      'Cannot write {path}: the file is read-only or open in another program',
    ],
    writeFailed: ['无法写入 {path}：{why}', 'Cannot write {path}: {why}'],
    noStages: [
      '无法将 {path} 用作 --stages：其中没有阶段定义表（工作表：{tabs}；读取的是：{tab}）。我读取名为“阶段定义”或 Stages 的工作表，否则读取表头行有“阶段”列及“要素”或“承诺”列的表，再否则读取第一个工作表；其中需要有“阶段”列，且列下至少有一个阶段。',
      'Cannot use {path} for --stages: no Stages table in it (tabs: {tabs}; the tab read: {tab}). I read the tab named Stages or 阶段定义, else one whose header row has Stage and Elements or Commitments columns, else the first tab, and need a Stage column with at least one stage under it.',
    ],
    noObjections: [
      '无法将 {path} 用作 --objections：其中没有异议表（工作表：{tabs}；读取的是：{tab}）。我读取名为“异议”或 Objections 的工作表，否则读取前 10 行中有表头行、且至少有两个异议表列（客户、异议、状态、截止日期……）的第一个工作表。',
      'Cannot use {path} for --objections: no Objections table in it (tabs: {tabs}; the tab read: {tab}). I read the tab named Objections or 异议, else the first one with at least two Objections columns (Customer, Objection, Status, Due…) in a header row within its first 10 rows.',
    ],
  },
});

const ALL = { ...MESSAGES, ...CLI_MESSAGES };

export type CliKey = MessageKey | keyof typeof CLI_MESSAGES;

/** The command line's translator: its own text and the server's. */
export function cliTranslator(lang: Lang): (key: CliKey, params?: Params) => string {
  return lookup<CliKey>(ALL, lang);
}
