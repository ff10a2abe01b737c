// Reading and writing spreadsheet files for the command line (src/cli/workbook.ts on exceljs,
// src/cli/csv.ts), and the demo workbook generator (scripts/make-sample.ts).
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, relative } from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { customersCsv, makeSample, writeSample } from '../../scripts/make-sample';
import { decodeText, detectDelimiter, parseDelimited } from '../../src/cli/csv';
import { openWorkbook, readWorkbook, writeWorkbookWithReport } from '../../src/cli/workbook';
import type { Cell, Report } from '../../src/core/types';

const REALDATA = join(__dirname, '../../../shared/realdata');
const MAVEN = join(REALDATA, 'maven-crm-sales-opportunities/sales_pipeline.csv');
const ZH_XLSX = join(REALDATA, 'zh-import-templates/zgh01640-crypto_Insight__商机导入模板.xlsx');
const ZH_XLSX_2 = join(REALDATA, 'zh-import-templates/Kevin-Hu88_lead-system__客户导入模板.xlsx');

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'pandian-workbook-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));
const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

async function codeOf(p: Promise<unknown>): Promise<string | undefined> {
  try {
    await p;
  } catch (e) {
    return (e as { cause?: { code?: string } }).cause?.code;
  }
  return 'no error';
}

/** An .xlsx with every kind of cell value exceljs can write, on two sheets. */
async function makeFixture(path: string, opts: { date1904?: boolean } = {}): Promise<void> {
  const wb = new ExcelJS.Workbook();
  if (opts.date1904) wb.properties.date1904 = true;
  const ws = wb.addWorksheet('数据');
  ws.getCell('A1').value = 'Name';
  ws.getCell('B1').value = 42;
  ws.getCell('C1').value = utc(2026, 5, 30);
  ws.getCell('C1').numFmt = 'yyyy-mm-dd';
  ws.getCell('D1').value = true;
  ws.getCell('E1').value = { richText: [{ text: 'Hello ' }, { font: { bold: true }, text: '世界' }] };
  ws.getCell('F1').value = { formula: 'B1*2', result: 84 };
  ws.getCell('G1').value = { formula: 'B1+1' } as ExcelJS.CellFormulaValue;
  ws.getCell('H1').value = { error: '#N/A' };
  ws.getCell('I1').value = { text: 'site', hyperlink: 'https://example.com' };
  ws.getCell('J1').value = { formula: 'C1+1', result: utc(2026, 5, 31) };
  ws.getCell('J1').numFmt = 'yyyy-mm-dd';
  ws.getCell('K1').value = { formula: '1/0', result: { error: '#DIV/0!' } };
  ws.getCell('L1').value = { formula: 'A1&"x"', result: 'Namex' };
  ws.getCell('M1').value = '=not a formula';
  ws.getCell('N1').value = { formula: 'D1=TRUE', result: true };
  ws.getCell('O1').value = { formula: 'ISNA(H1)', result: false };
  ws.fillFormula('P1:P2', 'B1*3', [126, 4.5]);
  ws.getCell('Q1').value = { formula: 'B1-42', result: 0 };
  ws.getCell('A2').value = 1.5;
  ws.getCell('B2').value = '  spaced  ';
  ws.getCell('C2').value = 45000;
  ws.getCell('C2').numFmt = '#,##0.00';
  ws.getCell('D2').value = 'a & <b> "c"';
  ws.getCell('A3').value = 'merged';
  ws.getCell('B3').value = 'hidden by the merge';
  ws.mergeCells('A3:C4');
  ws.getCell('D4').value = '✓';
  const second = wb.addWorksheet('客户');
  second.addRow(['客户名称', '金额']);
  second.addRow(['华东电力设计院', 680]);
  await wb.xlsx.writeFile(path);
}

const FIXTURE_ROWS: Cell[][] = [
  [
    'Name',
    42,
    utc(2026, 5, 30),
    true,
    'Hello 世界',
    84,
    '',
    '#N/A',
    'site',
    utc(2026, 5, 31),
    '#DIV/0!',
    'Namex',
    '=not a formula',
    true,
    false,
    126,
    0,
  ],
  [1.5, '  spaced  ', 45000, 'a & <b> "c"', '', '', '', '', '', '', '', '', '', '', '', 4.5, ''],
  ['merged', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', ''],
  ['', '', '', '✓', '', '', '', '', '', '', '', '', '', '', '', '', ''],
];

describe('readWorkbook: .xlsx', () => {
  let fixture: string;
  beforeAll(async () => {
    fixture = join(dir, 'fixture.xlsx');
    await makeFixture(fixture);
  });

  it('reads every sheet in tab order with cell values', async () => {
    const sheets = await readWorkbook(fixture);
    expect(sheets.map((s) => s.name)).toEqual(['数据', '客户']);
    expect(sheets[0].values).toEqual(FIXTURE_ROWS);
    expect(sheets[1].values).toEqual([
      ['客户名称', '金额'],
      ['华东电力设计院', 680],
    ]);
  });

  it('reads dates of a 1904-date-system workbook', async () => {
    const path = join(dir, 'fixture1904.xlsx');
    await makeFixture(path, { date1904: true });
    const [sheet] = await readWorkbook(path);
    expect(sheet.values[0][2]).toEqual(utc(2026, 5, 30));
  });

  it('includes hidden sheets, in tab order, and drops trailing blank rows and columns', async () => {
    const path = join(dir, 'hidden.xlsx');
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('A').getCell('B2').value = 1;
    const hidden = wb.addWorksheet('B', { state: 'hidden' });
    hidden.getCell('A1').value = 'x';
    hidden.getCell('C5').value = ''; // blank text: not a value
    hidden.getCell('D6').numFmt = '0.00'; // styled but empty
    await wb.xlsx.writeFile(path);
    expect(await readWorkbook(path)).toEqual([
      {
        name: 'A',
        values: [
          ['', ''],
          ['', 1],
        ],
      },
      { name: 'B', values: [['x']] },
    ]);
  });

  const zh = existsSync(ZH_XLSX) ? it : it.skip;
  zh('reads a Chinese CRM import template: sheet names and the two-row header', async () => {
    const sheets = await readWorkbook(ZH_XLSX);
    expect(sheets.map((s) => s.name)).toEqual(['商机数据', '填写说明']);
    const [data, notes] = sheets;
    expect(data.values[0]).toEqual([
      '商机名称',
      '所属事业部',
      '指标类型',
      '所属年度',
      '所属季度',
      '预计金额（万元）',
      '商机阶段',
      '商机状态',
      '预计达成时间',
      '备注',
    ]);
    expect(data.values[1][0]).toBe('必填，项目或客户名称');
    expect(data.values[1][5]).toBe('必填，数字，单位万元');
    expect(data.values[2]).toEqual([
      '某市智慧城管平台',
      '智慧政务事业部',
      '合同',
      2026,
      'Q2',
      680,
      '报价',
      '进行中',
      '2026-05-30',
      '甲方签署中',
    ]);
    expect(data.values).toHaveLength(6);
    expect(notes.values[0]).toEqual(['字段', '必填', '有效值 / 格式', '说明']);
    expect(notes.values).toHaveLength(18);
  });

  const zh2 = existsSync(ZH_XLSX_2) ? it : it.skip;
  zh2('reads a second Chinese template (phone numbers stay text)', async () => {
    const [sheet, ...others] = await readWorkbook(ZH_XLSX_2);
    expect(others).toEqual([]);
    expect(sheet.name).toBe('客户导入模板');
    expect(sheet.values[0]).toEqual([
      '名称',
      '联系人',
      '电话',
      '邮箱',
      '微信',
      '地址',
      '类型',
      '区域',
      '需求',
      '备注',
    ]);
    expect(sheet.values[1].slice(0, 3)).toEqual(['XX小区物业管理处', '张经理', '13800138001']);
    expect(sheet.values).toHaveLength(4);
  });
});

describe('readWorkbook: delimited text', () => {
  const TEXT = '客户名称,销售代表,金额\r\n华东电力设计院,王磊,"1,200"\r\n苏州工业园区管委会,李娜,35\r\n';
  const EXPECTED = [
    ['客户名称', '销售代表', '金额'],
    ['华东电力设计院', '王磊', '1,200'],
    ['苏州工业园区管委会', '李娜', '35'],
  ];
  const encodings: [string, Buffer][] = [
    ['utf8', Buffer.from(TEXT, 'utf8')],
    ['utf8-bom', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TEXT, 'utf8')])],
    ['gb18030', iconv.encode(TEXT, 'gb18030')],
    ['utf16le-bom', Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(TEXT, 'utf-16le')])],
  ];

  it.each(encodings)('decodes %s to the same Chinese strings', async (name, bytes) => {
    const path = join(dir, `客户-${name}.csv`);
    writeFileSync(path, bytes);
    const sheets = await readWorkbook(path);
    expect(sheets).toEqual([{ name: `客户-${name}`, values: EXPECTED }]);
  });

  it('reads what Western Excel saves as "CSV (Comma delimited)": Windows-1252, accents intact', async () => {
    const path = join(dir, 'western.csv');
    const text = 'Customer,Rep,Stage\r\nCafé Noël,Renée Müller,Qualification\r\nJosé Peña,Zoë,Proposal\r\n';
    writeFileSync(path, iconv.encode(text, 'windows-1252'));
    expect((await readWorkbook(path))[0].values).toEqual([
      ['Customer', 'Rep', 'Stage'],
      ['Café Noël', 'Renée Müller', 'Qualification'],
      ['José Peña', 'Zoë', 'Proposal'],
    ]);
  });

  it('reads Excel "Unicode text" (UTF-16LE, tab-separated) saved as .txt', async () => {
    const path = join(dir, 'unicode.txt');
    const tsv = '客户名称\t销售代表\t金额\r\n华东电力设计院\t王磊\t1,200\r\n苏州工业园区管委会\t李娜\t35\r\n';
    writeFileSync(path, Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(tsv, 'utf-16le')]));
    expect((await readWorkbook(path))[0].values).toEqual(EXPECTED);
  });

  it('keeps cells as strings, blank lines as rows, pads short rows, drops trailing blank rows', () => {
    const rows = parseDelimited('a,b,c\n\n"x\ny",2026-05-30,=1+1\nshort\n,,\n\n');
    expect(rows).toEqual([
      ['a', 'b', 'c'],
      ['', '', ''],
      ['x\ny', '2026-05-30', '=1+1'],
      ['short', '', ''],
    ]);
  });

  it('detects the delimiter and the encoding', () => {
    expect(detectDelimiter('a;b;c\n1;2;3')).toBe(';');
    expect(detectDelimiter('a\tb,c\n')).toBe('\t');
    expect(detectDelimiter('"a,b";c;d')).toBe(';');
    expect(detectDelimiter('a,b', '.tsv')).toBe('\t');
    expect(decodeText(iconv.encode('王磊', 'gb18030')).encoding).toBe('gb18030');
    expect(decodeText(iconv.encode('王磊，A-1 华东', 'gb18030')).encoding).toBe('gb18030');
    expect(decodeText(iconv.encode('Renée', 'windows-1252')).encoding).toBe('windows-1252');
    expect(decodeText(Buffer.from('王磊')).encoding).toBe('utf-8');
  });

  it('detects the delimiter from the first ten lines, not from a title line above the table', () => {
    const rows = (d: string) => ['Customer', 'Rep', 'Stage', 'Value', 'Created', 'Notes'].join(d);
    const table = (d: string) => Array.from({ length: 9 }, () => rows(d)).join('\n');
    expect(detectDelimiter(`Pipeline export, Q4 2017\n${table(';')}\n`)).toBe(';');
    expect(detectDelimiter(`Pipeline export, Q4 2017\r\n\r\n${table('\t')}`)).toBe('\t');
    expect(detectDelimiter(`Exported; do not edit; v2\n${table(',')}`)).toBe(',');
    // Decimal commas in a semicolon file, and a quoted cell with commas and a line break.
    expect(detectDelimiter('Customer;Amount;Rep\nAcme;1,5;Ann\nBirch;2,25;Bo\n')).toBe(';');
    expect(detectDelimiter('Customer;Notes;Rep\nAcme;"called, no answer\nagain, later";Ann\n')).toBe(';');
  });

  const maven = existsSync(MAVEN) ? it : it.skip;
  maven('reads the Maven CRM sales pipeline (8,801 lines)', async () => {
    const [sheet] = await readWorkbook(MAVEN);
    expect(sheet.name).toBe('sales_pipeline');
    expect(sheet.values).toHaveLength(8801);
    expect(sheet.values[0]).toEqual([
      'opportunity_id',
      'sales_agent',
      'product',
      'account',
      'deal_stage',
      'engage_date',
      'close_date',
      'close_value',
    ]);
    expect(sheet.values[1]).toEqual([
      '1C1I7A6R',
      'Moses Frase',
      'GTX Plus Basic',
      'Cancity',
      'Won',
      '2016-10-20',
      '2017-03-01',
      '1054',
    ]);
    expect(sheet.values.every((r) => r.length === 8)).toBe(true);
  });
});

describe('readWorkbook: errors', () => {
  it('a missing file is unreadable', async () => {
    expect(await codeOf(readWorkbook(join(dir, 'nope.xlsx')))).toBe('unreadable');
    expect(await codeOf(readWorkbook(join(dir, 'nope.csv')))).toBe('unreadable');
  });

  it('a quote never closed names the row and column it opens, not the line where the file ends', async () => {
    const path = join(dir, 'open-quote.csv');
    writeFileSync(path, 'Customer,Rep,Stage\r\nAcme,Ann,Lead\r\n\r\nBeta,"Bob,Lead\r\nGamma,Cy,Lead\r\n');
    await expect(readWorkbook(path)).rejects.toThrow(
      `Cannot read ${path} as CSV: the quote (") that opens row 4, column B is never closed. Close it or remove it, and run again.`,
    );
    expect(await codeOf(readWorkbook(path))).toBe('unreadable');
  });

  it('a text file named .xlsx is unreadable, with the file named in the message', async () => {
    const path = join(dir, 'fake.xlsx');
    writeFileSync(path, 'name,rep\nA,B\n');
    await expect(readWorkbook(path)).rejects.toThrow(/fake\.xlsx.*not an Excel workbook/);
    expect(await codeOf(readWorkbook(path))).toBe('unreadable');
  });

  it('an encrypted workbook or a renamed .xls says so', async () => {
    const path = join(dir, 'locked.xlsx');
    writeFileSync(path, Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(504)]));
    await expect(readWorkbook(path)).rejects.toThrow(/locked\.xlsx.*password-protected/);
    expect(await codeOf(readWorkbook(path))).toBe('unreadable');
  });

  it('a truncated .xlsx, an empty file or a folder is unreadable', async () => {
    const good = join(dir, 'good.xlsx');
    await makeFixture(good);
    const cut = join(dir, 'cut.xlsx');
    const bytes = readFileSync(good);
    writeFileSync(cut, bytes.subarray(0, bytes.length >> 1));
    expect(await codeOf(readWorkbook(cut))).toBe('unreadable');
    const empty = join(dir, 'empty.xlsx');
    writeFileSync(empty, '');
    expect(await codeOf(readWorkbook(empty))).toBe('unreadable');
    const folder = join(dir, 'folder.xlsx');
    mkdirSync(folder);
    expect(await codeOf(readWorkbook(folder))).toBe('unreadable');
  });

  it('other extensions are unsupported; .xls says to save as .xlsx or .csv', async () => {
    await expect(readWorkbook(join(dir, 'old.xls'))).rejects.toThrow(/\.xlsx.*\.csv/);
    expect(await codeOf(readWorkbook(join(dir, 'old.xls')))).toBe('unsupported');
    expect(await codeOf(readWorkbook(join(dir, 'sheet.ods')))).toBe('unsupported');
    expect(await codeOf(readWorkbook(join(dir, 'noext')))).toBe('unsupported');
  });
});

describe('writeWorkbookWithReport', () => {
  const report = (title: string): Report => ({
    rows: [
      [title, null, null, null],
      ['客户', '金额', '日期', '比例'],
      [{ text: '=HYPERLINK("x")' }, 1234.5, { day: 20000 }, 0.25],
      ['=1+1', 0, null, true],
      [{ text: '华东电力设计院' }, 99, { day: 20001 }, 1],
    ],
    width: 4,
    formats: [
      { rect: { row: 0, col: 0, rows: 1, cols: 4 }, kind: 'title' },
      { rect: { row: 1, col: 0, rows: 1, cols: 4 }, kind: 'header' },
      { rect: { row: 2, col: 1, rows: 3, cols: 1 }, kind: 'money' },
      { rect: { row: 2, col: 3, rows: 3, cols: 1 }, kind: 'percent' },
      { rect: { row: 2, col: 1, rows: 3, cols: 1 }, kind: 'heat' },
      { rect: { row: 3, col: 0, rows: 1, cols: 1 }, kind: 'bad' },
    ],
    charts: [
      {
        id: 'funnel',
        kind: 'bar',
        data: { row: 1, col: 0, rows: 4, cols: 2 },
      },
    ],
    columnWidths: [140, 70, 84, 56],
    frozenRows: 2,
  });

  const load = async (path: string) => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    return wb;
  };

  let input: string;
  beforeAll(async () => {
    input = join(dir, 'input.xlsx');
    await makeFixture(input);
  });

  it('adds the report to a copy and leaves the input byte-identical', async () => {
    const out = join(dir, 'out.xlsx');
    const before = sha(input);
    await writeWorkbookWithReport({
      inputPath: input,
      outPath: out,
      sheetName: '盘点报告',
      report: report('盘点'),
    });
    expect(sha(input)).toBe(before);

    const wb = await load(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['数据', '客户', '盘点报告']);
    const ws = wb.getWorksheet('盘点报告')!;
    // User text that looks like a formula is stored as text, never as a formula.
    for (const ref of ['A3', 'A4']) {
      expect(ws.getCell(ref).type).toBe(ExcelJS.ValueType.String);
      expect(ws.getCell(ref).formula).toBeUndefined();
    }
    expect(ws.getCell('A3').value).toBe('=HYPERLINK("x")');
    expect(ws.getCell('A4').value).toBe('=1+1');
    expect(ws.getCell('C3').value).toEqual(utc(2024, 10, 4));
    expect(ws.getCell('C3').numFmt).toBe('yyyy-mm-dd');
    expect(ws.getCell('B3').value).toBe(1234.5);
    expect(ws.getCell('B3').numFmt).toBe('#,##0');
    expect(ws.getCell('D3').numFmt).toBe('0%');
    expect(ws.getCell('D4').value).toBe(true);
    expect(ws.getCell('C4').value).toBeNull();
    expect(ws.getCell('A1').font.bold).toBe(true);
    expect(ws.getCell('A1').font.size).toBe(14);
    expect(ws.getCell('A2').font.bold).toBe(true);
    expect(ws.getCell('A2').border.bottom?.style).toBe('thin');
    expect((ws.getCell('A2').fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFD9D9D9');
    expect((ws.getCell('A4').fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFFFC7CE');
    // Heat: 99 of max 1234.5 is the lightest step, 1234.5 the strongest, 0 none.
    expect((ws.getCell('B3').fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFA9D08E');
    expect((ws.getCell('B5').fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFE2EFDA');
    expect((ws.getCell('B4').fill as ExcelJS.FillPattern | undefined)?.pattern ?? 'none').toBe('none');
    expect(ws.getColumn(1).width).toBe(20);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });

    // The input's sheets come through unchanged; the report reads back with our reader too.
    const [a, b, r] = await readWorkbook(out);
    expect([a, b]).toEqual(await readWorkbook(input));
    expect(r.values[2]).toEqual(['=HYPERLINK("x")', 1234.5, utc(2024, 10, 4), 0.25]);
  });

  it('opens once and saves from the same load (openWorkbook)', async () => {
    const out = join(dir, 'opened.xlsx');
    const book = await openWorkbook(input);
    expect(book.sheets).toEqual(await readWorkbook(input));
    await book.saveWithReport(out, 'Inventory', report('t'));
    expect((await readWorkbook(out)).map((s) => s.name)).toEqual(['数据', '客户', 'Inventory']);
  });

  it('replaces an existing report sheet (any case) at its position instead of adding a second one', async () => {
    // A report is known by its title in A1 (a sheet of the user's own under the name is kept: cli.test.ts).
    const [first1, second1] = ['2026-01-01', '2026-02-01'].map((d) => `客户盘点 — 截至 ${d}`);
    const [a, b] = ['2026-01-01', '2026-02-01'].map((d) => `Customer inventory — as of ${d}`);
    const first = join(dir, 'first.xlsx');
    const moved = join(dir, 'moved.xlsx');
    const second = join(dir, 'second.xlsx');
    await writeWorkbookWithReport({
      inputPath: input,
      outPath: first,
      sheetName: '盘点报告',
      report: report(first1),
    });
    // The user adds a tab after the report.
    const wb = await load(first);
    wb.addWorksheet('备注').getCell('A1').value = 'note';
    await wb.xlsx.writeFile(moved);
    await writeWorkbookWithReport({
      inputPath: moved,
      outPath: second,
      sheetName: '盘点报告',
      report: report(second1),
    });
    const sheets = await readWorkbook(second);
    expect(sheets.map((s) => s.name)).toEqual(['数据', '客户', '盘点报告', '备注']);
    expect(sheets[2].values[0][0]).toBe(second1);
    expect(sheets[3].values).toEqual([['note']]);

    const lower = join(dir, 'lower.xlsx');
    const upper = join(dir, 'upper.xlsx');
    await writeWorkbookWithReport({
      inputPath: input,
      outPath: lower,
      sheetName: 'inventory',
      report: report(a),
    });
    await writeWorkbookWithReport({
      inputPath: lower,
      outPath: upper,
      sheetName: 'Inventory',
      report: report(b),
    });
    const again = await readWorkbook(upper);
    expect(again.map((s) => s.name)).toEqual(['数据', '客户', 'Inventory']);
    expect(again[2].values[0][0]).toBe(b);
  });

  it('writes day cells in the 1904 date system of the input', async () => {
    const in1904 = join(dir, 'in1904.xlsx');
    const out = join(dir, 'out1904.xlsx');
    await makeFixture(in1904, { date1904: true });
    await writeWorkbookWithReport({
      inputPath: in1904,
      outPath: out,
      sheetName: 'Inventory',
      report: report('t'),
    });
    const sheets = await readWorkbook(out);
    expect(sheets[0].values[0][2]).toEqual(utc(2026, 5, 30));
    expect(sheets[2].values[2][2]).toEqual(utc(2024, 10, 4));
  });

  it('refuses to write to the input file, by any path', async () => {
    const call = (outPath: string) =>
      writeWorkbookWithReport({ inputPath: input, outPath, sheetName: '盘点报告', report: report('x') });
    const before = sha(input);
    expect(await codeOf(call(input))).toBe('same-file');
    expect(await codeOf(call(relative(process.cwd(), input)))).toBe('same-file');
    expect(await codeOf(call(join(dir, '.', basename(input))))).toBe('same-file');
    const link = join(dir, 'link.xlsx');
    symlinkSync(input, link);
    expect(await codeOf(call(link))).toBe('same-file');
    const book = await openWorkbook(input);
    expect(await codeOf(book.saveWithReport(input, '盘点报告', report('x')))).toBe('same-file');
    expect(sha(input)).toBe(before);
  });

  it('turns a CSV into a new workbook with the CSV sheet (strings) and the report', async () => {
    const csv = join(dir, '客户清单.csv');
    writeFileSync(csv, iconv.encode('客户名称,金额,备注\r\n宁波港集团,680,=1+1\r\n', 'gb18030'));
    const before = sha(csv);
    const out = join(dir, 'from-csv.xlsx');
    await writeWorkbookWithReport({
      inputPath: csv,
      outPath: out,
      sheetName: '盘点报告',
      report: report('x'),
    });
    expect(sha(csv)).toBe(before);
    const sheets = await readWorkbook(out);
    expect(sheets.map((s) => s.name)).toEqual(['客户清单', '盘点报告']);
    expect(sheets[0].values).toEqual([
      ['客户名称', '金额', '备注'],
      ['宁波港集团', '680', '=1+1'],
    ]);
    const ws = (await load(out)).getWorksheet('客户清单')!;
    expect(ws.getCell('B2').type).toBe(ExcelJS.ValueType.String);
    expect(ws.getCell('C2').type).toBe(ExcelJS.ValueType.String);
    expect(ws.getCell('C2').formula).toBeUndefined();
  });

  it('rejects a bad output extension or sheet name, and a missing output folder is unwritable', async () => {
    const base = { inputPath: input, report: report('x') };
    expect(
      await codeOf(writeWorkbookWithReport({ ...base, outPath: join(dir, 'o.csv'), sheetName: 'R' })),
    ).toBe('unsupported');
    expect(
      await codeOf(writeWorkbookWithReport({ ...base, outPath: join(dir, 'o.xlsm'), sheetName: 'R' })),
    ).toBe('unsupported');
    expect(
      await codeOf(writeWorkbookWithReport({ ...base, outPath: join(dir, 'o.xlsx'), sheetName: 'a/b' })),
    ).toBe('unsupported');
    expect(
      await codeOf(
        writeWorkbookWithReport({ ...base, outPath: join(dir, 'no-such-dir', 'o.xlsx'), sheetName: 'R' }),
      ),
    ).toBe('unwritable');
    mkdirSync(join(dir, 'out-folder.xlsx'));
    await expect(
      writeWorkbookWithReport({ ...base, outPath: join(dir, 'out-folder.xlsx'), sheetName: 'R' }),
    ).rejects.toThrow(`Cannot write ${join(dir, 'out-folder.xlsx')}: it is a folder`);
  });
});

describe('the demo workbook (scripts/make-sample.ts)', () => {
  const values = (wb: ExcelJS.Workbook) =>
    wb.worksheets.map((ws) => [ws.name, JSON.stringify(ws.getSheetValues())]);

  it('is deterministic', async () => {
    const [a, b] = await Promise.all([makeSample(), makeSample()]);
    expect(values(a)).toEqual(values(b));
    expect(customersCsv(a)).toBe(customersCsv(b));
  });

  it('writes the same cells twice, and reads back with the expected shape', async () => {
    const d1 = join(dir, 'sample1');
    const d2 = join(dir, 'sample2');
    const one = await writeSample(d1);
    const two = await writeSample(d2);
    const sheets = await readWorkbook(one.xlsx);
    expect(await readWorkbook(two.xlsx)).toEqual(sheets);
    expect(sha(one.csv)).toBe(sha(two.csv));
    expect(readFileSync(one.csv).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(one.xlsx);
    expect(wb.created).toEqual(new Date(Date.UTC(2026, 10, 27, 9, 0, 0)));
    expect(wb.modified).toEqual(wb.created);

    expect(sheets.map((s) => s.name)).toEqual(['客户盘点', '阶段定义', '异议', '变更记录', '设置']);
    const [customers, stages, objections, history, settings] = sheets;
    expect(customers.values[0][0]).toBe('2026年第四季度客户盘点 — 华东区销售部');
    const header = customers.values[2];
    expect(header.slice(0, 15)).toEqual([
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
    ]);
    expect(header.slice(15)).toEqual([
      '询价',
      '需求确认',
      '决策流程',
      '预算确认',
      '预算审批承诺',
      '方案认可',
      '采购/招标流程确认',
      '采购审批承诺',
      '合同条款确认',
    ]);
    const rows = customers.values.slice(3);
    const reps = new Set(rows.map((r) => r[2]).filter((v) => v !== '' && v !== '-'));
    expect(reps.size).toBe(8);
    expect(rows.length).toBeGreaterThanOrEqual(140);
    expect(rows.length).toBeLessThanOrEqual(160);
    expect(rows[rows.length - 1][1]).toBe('合计');
    expect(rows.some((r) => r[3] === '谈判中')).toBe(true);
    expect(rows.some((r) => r[7] === '2026-02-30')).toBe(true);
    expect(rows.filter((r) => r[15] instanceof Date).length).toBeGreaterThan(100);
    expect(stages.values[1][1]).toBe('线索');
    expect(objections.values.length - 1).toBeGreaterThanOrEqual(30);
    expect(history.values.length - 1).toBeGreaterThanOrEqual(250);
    expect(history.values[1][0]).toBeInstanceOf(Date);
    expect(settings.values).toContainEqual(['每期金额目标', 3000000]);
    expect(settings.values).toContainEqual(['并发下限', '']);

    // The CSV is the customer tab as displayed.
    const [csv] = await readWorkbook(one.csv);
    expect(csv.values.length).toBe(customers.values.length);
    expect(csv.values[2]).toEqual(header);
  });
});
