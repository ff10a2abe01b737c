// The command line end to end: real files in, exit codes, the human summary, --json against the
// documented schema, the input never modified.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  linkSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import fsp from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv from 'ajv';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import type { InventoryJson } from '../../src/cli/json';
import { type CliIo, run } from '../../src/cli/main';
import { runInventory } from '../../src/core/index';

// Core as it is, with runInventory a spy, so that a test can give the command line an outcome it cannot provoke.
jest.mock('../../src/core/index', () => {
  const actual = jest.requireActual('../../src/core/index');
  return { ...actual, runInventory: jest.fn(actual.runInventory) };
});

const ROOT = join(__dirname, '../..');
const REAL = join(ROOT, '../shared/realdata');
const MAVEN = join(REAL, 'maven-crm-sales-opportunities/sales_pipeline.csv');
const MAVEN_US = join(
  REAL,
  'maven-crm-sales-opportunities/sales_pipeline.excel-resaved-us-dates.kisaraF-HEAD.csv',
);
const ZH_XLSX = join(REAL, 'zh-import-templates/zgh01640-crypto_Insight__商机导入模板.xlsx');
const ZH_CSV = join(REAL, 'zh-import-templates/zgh01640-crypto_Insight__商机导入模板__sheet-商机数据.csv');
const schema = JSON.parse(readFileSync(join(ROOT, 'schema/inventory.schema.json'), 'utf8'));
const validate = new Ajv({ allErrors: true }).compile(schema);

const tmp = mkdtempSync(join(tmpdir(), 'pandian-cli-'));

async function cli(
  args: string[],
  tty = false,
  env: CliIo['env'] = { LANG: 'en_US.UTF-8' },
): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = {
    stdout: (s) => {
      out += s;
    },
    stderr: (s) => {
      err += s;
    },
    stderrIsTty: tty,
    env,
    today: () => '2026-11-27',
  };
  const code = await run(args, io);
  return { code, out, err };
}

async function json(args: string[]): Promise<InventoryJson> {
  const r = await cli([...args, '--json']);
  expect(r.code).toBe(0);
  const doc = JSON.parse(r.out) as InventoryJson;
  expect(validate(doc)).toBe(true);
  return doc;
}

const sha = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');

describe('pandian inventory on the Maven CRM export', () => {
  const rows = parse(readFileSync(MAVEN), { relax_column_count: true }) as string[][];
  let doc: InventoryJson;
  beforeAll(async () => {
    doc = await json(['inventory', MAVEN, '--as-of', '2017-12-31', '--out', join(tmp, 'maven.xlsx')]);
  });

  it('counts open per agent as Prospecting + Engaging rows, and won and lost totals', () => {
    const expected: Record<string, number> = {};
    for (const r of rows.slice(1))
      if (r[4] === 'Prospecting' || r[4] === 'Engaging') expected[r[1]] = (expected[r[1]] ?? 0) + 1;
    const actual = Object.fromEntries(doc.reps.filter((r) => r.open > 0).map((r) => [r.rep, r.open]));
    expect(actual).toEqual(expected);
    expect(doc.totals.won).toBe(rows.filter((r) => r[4] === 'Won').length);
    expect(doc.totals.lost).toBe(rows.filter((r) => r[4] === 'Lost').length);
    expect(doc.source).toMatchObject({
      sheet: 'sales_pipeline',
      headerRow: 1,
      mapping: { customer: 'account', rep: 'sales_agent' },
    });
  });

  it('names the 1425 rows with no account, by sheet row', () => {
    const missing = doc.issues.filter((i) => i.code === 'missing-customer');
    expect(missing).toHaveLength(1425);
    expect(missing[0]).toMatchObject({ sheet: 'sales_pipeline', column: 'D (account)', value: '' });
    expect(rows[missing[0].row - 1][3]).toBe('');
  });

  it('gives the same figures from the Excel-resaved copy (M/D/YYYY)', async () => {
    const us = await json([
      'inventory',
      MAVEN_US,
      '--as-of',
      '2017-12-31',
      '--out',
      join(tmp, 'maven-us.xlsx'),
    ]);
    expect(us.totals).toEqual(doc.totals);
    expect(us.reps).toEqual(doc.reps);
    expect(us.results).toEqual(doc.results);
  });

  it('writes a copy with the Inventory tab and leaves the input byte-identical', async () => {
    const input = join(tmp, 'pipeline.csv');
    copyFileSync(MAVEN, input);
    const before = sha(input);
    const r = await cli(['inventory', input, '--as-of', '2017-12-31']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('8800 customers: 2089 open, 4238 won, 2473 lost');
    expect(r.out).toContain(join(tmp, 'pipeline-inventory.xlsx'));
    expect(sha(input)).toBe(before);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(tmp, 'pipeline-inventory.xlsx'));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['pipeline', 'Inventory']);
    expect(wb.getWorksheet('Inventory')!.getCell('A1').value).toBe('Customer inventory — as of 2017-12-31');
  });
});

describe('Chinese files', () => {
  it('reads the 商机 import template in xlsx, with its notes row and 万元 amounts', async () => {
    const doc = await json([
      'inventory',
      ZH_XLSX,
      '--as-of',
      '2026-06-30',
      '--lang',
      'zh',
      '--out',
      join(tmp, 'zh.xlsx'),
    ]);
    expect(doc.source.sheet).toBe('商机数据');
    expect(doc.issues[0]).toMatchObject({
      code: 'notes-row',
      row: 2,
      message: '表头下方的填写说明行：已跳过',
    });
    expect(doc.totals.customers).toBeGreaterThan(0);
    expect(doc.source.mapping.value).toBe('预计金额（万元）');
  });

  it('reads a GB18030 CSV the same as the UTF-8 one', async () => {
    const gb = join(tmp, 'gb.csv');
    writeFileSync(gb, iconv.encode(readFileSync(ZH_CSV, 'utf8').replace(/^\uFEFF/, ''), 'gb18030'));
    const a = await json(['inventory', ZH_CSV, '--as-of', '2026-06-30', '--out', join(tmp, 'a.xlsx')]);
    const b = await json(['inventory', gb, '--as-of', '2026-06-30', '--out', join(tmp, 'b.xlsx')]);
    expect(b.reps).toEqual(a.reps);
    expect(b.byStage).toEqual(a.byStage);
    expect(Object.keys(b.byStage).some((k) => /[\u4e00-\u9fff]/.test(k))).toBe(true);
  });
});

describe('a workbook with a tab of its own named Inventory', () => {
  it('keeps it as it is and writes the report as "Inventory (2)", regenerated there on the next run', async () => {
    const input = join(tmp, 'stock.xlsx');
    const wb = new ExcelJS.Workbook();
    const customers = wb.addWorksheet('Customers');
    for (const row of [
      ['Customer', 'Rep', 'Stage'],
      ['Acme', 'Ann', 'Lead'],
      ['Birch', 'Bo', 'Won'],
    ])
      customers.addRow(row);
    const stock = wb.addWorksheet('Inventory');
    stock.addRow(['SKU', 'Item', 'On hand']);
    stock.addRow(['A-1', 'Widget', 40]);
    await wb.xlsx.writeFile(input);
    const out = join(tmp, 'stock-out.xlsx');
    const r = await cli(['inventory', input, '--as-of', '2026-11-27', '--lang', 'en', '--out', out]);
    expect(r.code).toBe(0);
    expect(r.err).toContain(
      '"Inventory" tab is not a Pandian report and is kept as it is; the report is the "Inventory (2)" tab',
    );
    const copy = new ExcelJS.Workbook();
    await copy.xlsx.readFile(out);
    expect(copy.worksheets.map((w) => w.name)).toEqual(['Customers', 'Inventory', 'Inventory (2)']);
    expect(copy.getWorksheet('Inventory')!.getSheetValues().slice(1)).toEqual([
      [undefined, 'SKU', 'Item', 'On hand'],
      [undefined, 'A-1', 'Widget', 40],
    ]);
    expect(copy.getWorksheet('Inventory (2)')!.getCell('A1').value).toBe(
      'Customer inventory — as of 2026-11-27',
    );
    // The copy as input: its report is regenerated in place, and its own Inventory tab still kept.
    const again = join(tmp, 'stock-again.xlsx');
    const r2 = await cli(['inventory', out, '--as-of', '2026-11-28', '--lang', 'en', '--out', again]);
    expect(r2.code).toBe(0);
    const copy2 = new ExcelJS.Workbook();
    await copy2.xlsx.readFile(again);
    expect(copy2.worksheets.map((w) => w.name)).toEqual(['Customers', 'Inventory', 'Inventory (2)']);
    expect(copy2.getWorksheet('Inventory (2)')!.getCell('A1').value).toBe(
      'Customer inventory — as of 2026-11-28',
    );
  });
});

describe("a .csv named like one of Pandian's tabs", () => {
  const CSV = 'Customer,Rep,Stage,Notes\nAcme,Ann,Lead,call back\nBirch,Bo,Won,signed\nCedar,Ann,Lead,\n';
  const names = [
    'Inventory',
    'Settings',
    'Stages',
    'Objections',
    'History',
    'Change log',
    '盘点报告',
    '阶段定义',
  ];
  const dir = mkdtempSync(join(tmp, 'named-'));
  /** A run on `input` as of 2026-11-27, in English, into `out`. */
  const args = (input: string, out: string, ...more: string[]): string[] => [
    ...['inventory', input, ...more],
    ...['--as-of', '2026-11-27', '--lang', 'en', '--out', join(dir, out)],
  ];
  let expected: InventoryJson;
  beforeAll(async () => {
    const plain = join(dir, 'pipeline.csv');
    writeFileSync(plain, CSV);
    expected = await json(args(plain, 'plain.xlsx'));
  });

  it.each(names)(
    'reads %s.csv as the customer tab and as nothing else, with or without --sheet',
    async (name) => {
      const input = join(dir, `${name}.csv`);
      writeFileSync(input, CSV);
      for (const sheet of [[], ['--sheet', name]]) {
        const doc = await json(args(input, `${name}-out.xlsx`, ...sheet));
        // The tab keeps its extension: not skipped as a Pandian tab, nor read as the Stages, Objections, Settings
        // or History tab (no stage model made of its rows, no objection per customer).
        expect(doc.source.sheet).toBe(`${name}.csv`);
        expect(doc.totals).toEqual({ customers: 3, open: 2, won: 1, lost: 0, hold: 0 });
        expect(doc.stages).toEqual(expected.stages);
        expect(doc.objections).toEqual(expected.objections);
        expect(doc.issues).toEqual(expected.issues);
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.readFile(join(dir, `${name}-out.xlsx`));
        expect(wb.worksheets.map((w) => w.name)).toEqual([`${name}.csv`, 'Inventory']);
      }
    },
  );

  it('names the tab "Inventory.csv" in the summary, and --sheet Inventory still finds it', async () => {
    const input = join(dir, 'Inventory.csv');
    writeFileSync(input, CSV);
    for (const sheet of [[], ['--sheet', 'Inventory'], ['--sheet', 'Inventory.csv']]) {
      const r = await cli(args(input, 's.xlsx', ...sheet));
      expect(r.code).toBe(0);
      expect(r.out).toContain(
        'Customer inventory of "Inventory.csv" as of 2026-11-27\n3 customers: 2 open, 1 won',
      );
    }
    const wrong = await cli(args(input, 'w.xlsx', '--sheet', 'Pipeline'));
    expect(wrong.code).toBe(1);
    expect(wrong.err).toContain('no tab named "Pipeline" in');
  });
});

describe('a delimited file with a title line above the table', () => {
  it.each([
    ['semicolon', ';'],
    ['tab', '\t'],
  ])('reads a %s-separated .csv under "Pipeline export, Q4 2017"', async (name, d) => {
    const input = join(tmp, `titled-${name}.csv`);
    const rows = [
      ['Customer', 'Rep', 'Stage', 'Amount', 'Created', 'Closed'],
      ['Acme', 'Ann', 'Lead', '1200,50', '2017-10-02', ''],
      ['Birch', 'Bo', 'Won', '800', '2017-09-01', '2017-11-15'],
      ['Cedar', 'Ann', 'Lost', '50', '2017-08-01', '2017-12-01'],
      ['Dune', 'Bo', 'Lead', '75', '2017-11-20', ''],
    ];
    writeFileSync(input, `Pipeline export, Q4 2017\n${rows.map((r) => r.join(d)).join('\n')}\n`);
    const doc = await json([
      'inventory',
      input,
      '--as-of',
      '2017-12-31',
      '--out',
      join(tmp, `titled-${name}.xlsx`),
    ]);
    expect(doc.source).toMatchObject({ sheet: `titled-${name}`, headerRow: 2 });
    expect(doc.source.mapping).toMatchObject({ customer: 'Customer', rep: 'Rep', stage: 'Stage' });
    expect(doc.totals).toMatchObject({ customers: 4, open: 2, won: 1, lost: 1 });
  });
});

describe('--stages and --objections from a workbook of several tabs', () => {
  const dir = mkdtempSync(join(tmp, 'side-'));
  const customers = join(dir, 'customers.csv');
  writeFileSync(customers, 'Customer,Rep,Stage\nAcme,Ann,Lead\nBirch,Bo,Won\nCedar,Ann,Proposal\n');
  const README = [['This workbook holds our sales process.'], ['Edit the other tab.']];
  const STAGES = [
    ['Order', 'Stage', 'Kind', 'Exit elements'],
    [1, 'Lead', 'open', 'Budget'],
    [2, 'Proposal', 'open', 'Decision maker'],
    [3, 'Won', 'won', ''],
    [4, 'Lost', 'lost', ''],
  ];
  const OBJECTIONS = [
    ['Customer', 'Objection', 'Type', 'Status'],
    ['Acme', 'Too expensive', 'price', 'open'],
  ];
  /** An .xlsx in the temp folder with these tabs, in this order. */
  async function book(name: string, tabs: Record<string, (string | number)[][]>): Promise<string> {
    const wb = new ExcelJS.Workbook();
    for (const [tab, rows] of Object.entries(tabs)) {
      const ws = wb.addWorksheet(tab);
      for (const row of rows) ws.addRow(row);
    }
    const path = join(dir, name);
    await wb.xlsx.writeFile(path);
    return path;
  }
  const withSide = (...more: string[]) =>
    cli([
      'inventory',
      customers,
      ...more,
      '--as-of',
      '2026-11-27',
      '--lang',
      'en',
      '--out',
      join(dir, 'out.xlsx'),
    ]);

  it('reads the tab named like Stages or Objections (any case, either language), not the first tab', async () => {
    for (const [stagesTab, objectionsTab] of [
      ['STAGES', 'objections'],
      ['阶段定义', '异议'],
    ]) {
      const stages = await book('stages.xlsx', { 'Read me': README, [stagesTab]: STAGES });
      const objections = await book('objections.xlsx', { 'Read me': README, [objectionsTab]: OBJECTIONS });
      const r = await withSide('--stages', stages, '--objections', objections, '--json');
      expect(r.code).toBe(0);
      const doc = JSON.parse(r.out) as InventoryJson;
      expect(doc.stages.map((s) => s.name)).toEqual(['Lead', 'Proposal', 'Won', 'Lost']);
      expect(doc.objections).toMatchObject({ open: 1, byType: { price: 1 } });
    }
  });

  it('else reads a tab whose header looks like a Stages or Objections table', async () => {
    const stages = await book('renamed-stages.xlsx', { 'Read me': README, 'Sales process': STAGES });
    const objections = await book('renamed-objections.xlsx', { 'Read me': README, 'Q4 list': OBJECTIONS });
    const doc = await json([
      'inventory',
      customers,
      '--stages',
      stages,
      '--objections',
      objections,
      '--as-of',
      '2026-11-27',
      '--out',
      join(dir, 'renamed.xlsx'),
    ]);
    expect(doc.stages.map((s) => s.name)).toEqual(['Lead', 'Proposal', 'Won', 'Lost']);
    expect(doc.objections.open).toBe(1);
  });

  it('exits 1 naming the file and its tabs when the file holds no such table, and writes no report', async () => {
    rmSync(join(dir, 'out.xlsx'), { force: true });
    const none = await book('notes.xlsx', {
      'Read me': README,
      Notes: [
        ['Owner', 'Topic'],
        ['Ann', 'pricing'],
      ],
    });
    for (const option of ['--stages', '--objections']) {
      const r = await withSide(option, none);
      expect(r.code).toBe(1);
      expect(r.err).toContain(
        `Cannot use ${none} for ${option}: no ${option === '--stages' ? 'Stages' : 'Objections'} table in it`,
      );
      expect(r.err).toContain('(tabs: Read me, Notes; the tab read: Read me)');
      expect(r.err).not.toMatch(/\n\s+at /);
    }
    // A Stages tab with a header and no stage under it is none either.
    const empty = await book('empty-stages.xlsx', { 'Read me': README, Stages: [STAGES[0]] });
    const r = await withSide('--stages', empty);
    expect(r.code).toBe(1);
    expect(r.err).toContain('(tabs: Read me, Stages; the tab read: Stages)');
    expect(existsSync(join(dir, 'out.xlsx'))).toBe(false);
  });
});

describe('the summary', () => {
  it('sizes the rep column to the widest name, the no-rep label included', async () => {
    const csv = join(tmp, 'no-rep.csv');
    writeFileSync(
      csv,
      'ID,Customer,Rep,Stage\n1,Acme,Ann,Discovery\n2,Birch,,Discovery\n3,Cedar,Ann,Proposal\n',
    );
    const r = await cli([
      'inventory',
      csv,
      '--as-of',
      '2026-11-27',
      '--lang',
      'zh',
      '--out',
      join(tmp, 'nr.xlsx'),
    ]);
    expect(r.code).toBe(0);
    const lines = r.out.split('\n');
    // （无负责人） is six wide characters: twelve columns, then two blanks, where the header's 销售 has ten.
    expect(lines).toContain('销售          Discovery  Proposal   进行中  提示');
    expect(lines).toContain('（无负责人）  1          0          1');
    // No closed deals: no band, and the line after the table says how to get one.
    expect(lines[lines.indexOf('（无负责人）  1          0          1') + 1]).toBe(
      '无并发区间：可在设置表填写“并发下限”“并发上限”；有创建日期和至少 10 个赢单或输单的客户时，盘点会自动推算。',
    );
  });
});

describe('the summary of a very small file', () => {
  const summary = async (name: string, text: string) => {
    const csv = join(tmp, name);
    writeFileSync(csv, text);
    return cli(['inventory', csv, '--as-of', '2026-11-27', '--out', join(tmp, `${name}.xlsx`)]);
  };

  it('says "1 customer" and "1 data issue", in the singular', async () => {
    const r = await summary('single.csv', 'Customer,Rep,Stage\nAcme,,Discovery\n');
    expect(r.out).toContain('1 customer: 1 open, 0 won, 0 lost, 0 on hold');
    expect(r.out).toContain('1 data issue (listed in the report)');
  });

  it('says when no customer rows follow the header, and when the file is empty', async () => {
    const header = await summary('header-only.csv', 'Customer,Rep,Stage\n');
    expect(header.code).toBe(0);
    expect(header.out).toContain(
      '0 customers: 0 open, 0 won, 0 lost, 0 on hold\nThe header is on row 1, but no customer rows follow it.',
    );
    const empty = await summary('nothing.csv', '');
    expect(empty.code).toBe(1);
    expect(empty.err).toBe(`pandian: ${join(tmp, 'nothing.csv')} is empty: it holds no data at all.\n`);
  });
});

describe('the results per period in the copy', () => {
  it('show wins per rep in a format of up to two places (0.0#: 0.13 and 0.14, not both 0.1), beside the team’s wins target', async () => {
    const out = join(tmp, 'demo-results.xlsx');
    const demo = join(ROOT, 'samples/pandian-demo.xlsx');
    const r = await cli(['inventory', demo, '--lang', 'en', '--as-of', '2026-11-27', '--out', out]);
    expect(r.code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.getWorksheet('Inventory')!;
    let head = 0;
    ws.eachRow((row, n) => {
      if (!head && row.getCell(8).value === 'Wins per rep') head = n;
    });
    expect(ws.getRow(head).getCell(9).value).toBe('Team wins target');
    const perRep = ws.getRow(head + 1).getCell(8);
    expect(typeof perRep.value).toBe('number');
    expect(perRep.numFmt).toBe('0.0#');
  });
});

describe('a stage log (the revops-challenge export: a row per stage per deal)', () => {
  const LOG = join(REAL, 'abuggia-revops-challenge/data.csv');

  it('counts each deal once and says how many rows are earlier stages', async () => {
    const r = await cli(['inventory', LOG, '--as-of', '2019-01-01', '--out', join(tmp, 'log.xlsx')]);
    expect(r.code).toBe(0);
    const lines = r.out.split('\n');
    expect(lines).toContain('56 customers: 0 open, 18 won, 38 lost, 0 on hold');
    expect(lines).toContain(
      '142 of them are earlier stages: the tab is a stage log, and each customer counts at its latest row.',
    );
    const doc = await json(['inventory', LOG, '--as-of', '2019-01-01', '--out', join(tmp, 'log2.xlsx')]);
    expect(doc.source.mapping).toMatchObject({ customer: 'Company', stage: 'Stage', stageEntered: 'Date' });
    expect(doc.issues.filter((i) => i.code === 'stage-log-row')).toHaveLength(142);
  });
});

describe('language', () => {
  const SAMPLE = join(ROOT, 'samples/pandian-demo.xlsx');

  it('follows the workbook Settings (语言 zh) unless --lang says otherwise', async () => {
    const settings = await cli(['inventory', SAMPLE, '--as-of', '2026-11-27', '--out', join(tmp, 'l1.xlsx')]);
    expect(settings.out).toContain('客户盘点：“客户盘点”表，截至 2026-11-27\n共 148 个客户');
    expect(settings.out).not.toContain('无并发区间');
    // Columns by display width (a Chinese character takes two), and the WIP band after the flags, if any.
    const lines = settings.out.split('\n');
    expect(lines).toContain(
      '销售        线索         需求确认     预算确认     方案/招投标  商务审批     进行中  提示',
    );
    expect(lines).toContain(
      '李娜        3            3            3            3            2            14      [10–17]',
    );
    expect(lines).toContain(
      '王磊        7            9            9            6            4            35      高于区间 [10–17]',
    );
    const en = await cli([
      'inventory',
      SAMPLE,
      '--as-of',
      '2026-11-27',
      '--lang',
      'en',
      '--out',
      join(tmp, 'l2.xlsx'),
    ]);
    expect(en.out).toContain('148 customers: 112 open, 18 won, 12 lost, 6 on hold');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(tmp, 'l2.xlsx'));
    expect(wb.getWorksheet('Inventory')?.getCell('A1').value).toBe('Customer inventory — as of 2026-11-27');
  });
});

describe('the Chinese summary', () => {
  it('lists a rep’s two flags with 、, as the report does', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(ROOT, 'samples/pandian-demo.xlsx'));
    wb.getWorksheet('设置')!.getCell('B6').value = 11; // 并发下限: 陈静's 10 open fall below it
    const input = join(tmp, 'band11.xlsx');
    await wb.xlsx.writeFile(input);
    const r = await cli(['inventory', input, '--as-of', '2026-11-27', '--out', join(tmp, 'band11-out.xlsx')]);
    expect(r.out.split('\n').find((l) => l.startsWith('陈静'))).toMatch(
      / 10 +低于区间、前期阶段空缺 \[11–∞\]$/,
    );
  });
});

describe('progress', () => {
  it('shows reading, computing and writing on a terminal for a large file, and nothing with --json', async () => {
    const shown = await cli(
      ['inventory', MAVEN, '--as-of', '2017-12-31', '--out', join(tmp, 'p1.xlsx')],
      true,
    );
    expect(shown.err.split('\n').filter(Boolean)).toEqual([
      'Read 8801 rows…',
      'Computing the inventory…',
      'Writing the report…',
    ]);
    const quiet = await cli(
      ['inventory', MAVEN, '--as-of', '2017-12-31', '--json', '--out', join(tmp, 'p2.xlsx')],
      true,
    );
    expect(quiet.err).toBe('');
    const piped = await cli(['inventory', MAVEN, '--as-of', '2017-12-31', '--out', join(tmp, 'p3.xlsx')]);
    expect(piped.err).toBe('');
  });

  it('stays silent on a small file', async () => {
    const small = join(tmp, 'small.csv');
    writeFileSync(small, 'Customer,Rep,Stage\nAcme,Ann,Won\n');
    expect((await cli(['inventory', small, '--out', join(tmp, 'small.xlsx')], true)).err).toBe('');
  });
});

describe('errors and usage', () => {
  it('exits 2 on usage errors with the usage text, never a stack trace', async () => {
    for (const args of [
      [],
      ['bogus'],
      ['inventory'],
      ['inventory', MAVEN, '--as-of', '31/12/2017'],
      ['inventory', MAVEN, '--map', 'nosuchrole=x'],
      ['inventory', MAVEN, '--lang', 'fr'],
    ]) {
      const r = await cli(args);
      expect(r.code).toBe(2);
      expect(r.err).toContain('Usage: pandian inventory');
      expect(r.err).not.toMatch(/\n\s+at /);
    }
  });

  it('speaks the language --lang gives in its help and usage errors, whatever the environment', async () => {
    const help = await cli(['inventory', '--lang', 'zh', '--help']);
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/^用法：pandian inventory/);
    for (const [args, message] of [
      [['inventory', '--lang=zh'], '没有给出输入文件'],
      [['inventory', MAVEN, '--lang', 'zh', '--as-of', '2024-02-30'], '而不是“2024-02-30”'],
      [['inventory', MAVEN, '--lang', 'zh', '--map', 'nosuchrole=x'], '收到的是“nosuchrole=x”'],
    ] as const) {
      const r = await cli([...args]);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(new RegExp(`^pandian: .*${message}\n\n用法：pandian inventory`));
    }
  });

  it('exits 2 on an impossible --as-of date, naming the option and the value', async () => {
    const csv = join(tmp, 'as-of.csv');
    writeFileSync(csv, 'Customer,Rep,Stage\nAcme,Ann,Lead\n');
    for (const day of ['2024-02-30', '2024-13-45', '0000-00-00', '1899-12-31']) {
      const r = await cli(['inventory', csv, '--as-of', day, '--out', join(tmp, 'as-of.xlsx')]);
      expect(r.code).toBe(2);
      expect(r.err).toContain(`--as-of must be a real date as YYYY-MM-DD (years 1900 to 2200), not "${day}"`);
      expect(r.err).toContain('Usage: pandian inventory');
      expect(r.err).not.toContain('no customer tab found');
    }
    expect(existsSync(join(tmp, 'as-of.xlsx'))).toBe(false);
  });

  it("tells core's bad-as-of outcome as a usage error about --as-of, not as a missing customer tab", async () => {
    const csv = join(tmp, 'as-of-core.csv');
    writeFileSync(csv, 'Customer,Rep,Stage\nAcme,Ann,Lead\n');
    jest
      .mocked(runInventory)
      .mockReturnValueOnce({ ok: false, code: 'bad-as-of', sheets: ['as-of-core'], wanted: '2024-01-01' });
    const r = await cli(['inventory', csv, '--as-of', '2024-01-01', '--out', join(tmp, 'as-of-core.xlsx')]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(
      '--as-of must be a real date as YYYY-MM-DD (years 1900 to 2200), not "2024-01-01"',
    );
    expect(r.err).not.toContain('no customer tab found');
  });

  it('exits 1 when the file cannot be read or has no customer tab, saying what it looked for', async () => {
    const missing = await cli(['inventory', join(tmp, 'nope.csv')]);
    expect(missing.code).toBe(1);
    const notes = join(tmp, 'notes.csv');
    writeFileSync(notes, 'hello,world\nfoo,bar\n');
    const none = await cli(['inventory', notes]);
    expect(none.code).toBe(1);
    expect(none.err).toContain('no customer tab found');
    expect(none.err).toContain('--map customer=');
  });

  it('exits 1 with a message, not a crash, when a .csv is wider than an Excel sheet', async () => {
    const wide = join(tmp, 'wide.csv');
    const extra = Array.from({ length: 16382 }, (_, i) => `c${i}`);
    writeFileSync(wide, `Customer,Rep,Stage,${extra.join(',')}\nAcme,Ann,Lead\n`);
    const r = await cli(['inventory', wide, '--as-of', '2026-11-27']);
    expect(r.code).toBe(1);
    expect(r.err).toBe(
      `pandian: Cannot write a copy of ${wide}: it has 2 rows and 16385 columns, more than an Excel sheet holds (1048576 rows, 16384 columns).\n`,
    );
    expect(existsSync(join(tmp, 'wide-inventory.xlsx'))).toBe(false);
  });

  it('exits 1 naming the --sheet tab and what its first row reads when that tab has no header it knows', async () => {
    const r = await cli(['inventory', join(ROOT, 'samples/pandian-demo.xlsx'), '--sheet', '阶段定义']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(
      /^pandian: the tab "阶段定义" has no header Pandian recognises \(its first row reads: 顺序 \| 阶段 \| 别名 \| .*\)\. .*--map customer="Your header"/,
    );
    expect(r.err).not.toContain('no customer tab found');
  });

  it('exits 2 and writes nothing when --out is the input, a --stages or --objections file, or a link to one', async () => {
    const input = join(tmp, 'own.xlsx');
    const stages = join(tmp, 'own-stages.xlsx');
    const objections = join(tmp, 'own-objections.xlsx');
    for (const f of [input, stages, objections]) copyFileSync(join(ROOT, 'samples/pandian-demo.xlsx'), f);
    linkSync(input, join(tmp, 'own-hard.xlsx'));
    symlinkSync(stages, join(tmp, 'own-sym.xlsx'));
    const before = [input, stages, objections].map(sha);
    for (const out of [input, stages, objections, join(tmp, 'own-hard.xlsx'), join(tmp, 'own-sym.xlsx')]) {
      const r = await cli(['inventory', input, '--stages', stages, '--objections', objections, '--out', out]);
      expect(r.code).toBe(2);
      expect(r.err).toBe(
        `pandian: the output ${out} is one of the files read, and writing it would overwrite that file; choose another --out\n`,
      );
    }
    expect([input, stages, objections].map(sha)).toEqual(before);
  });

  it('says so when the report replaces a file that was there, such as the default output name', async () => {
    const input = join(tmp, 'replace.csv');
    writeFileSync(input, 'Customer,Rep,Stage\nAcme,Ann,Lead\n');
    const out = join(tmp, 'replace-inventory.xlsx');
    const first = await cli(['inventory', input, '--as-of', '2026-11-27']);
    expect(first).toMatchObject({ code: 0, err: '' });
    writeFileSync(out, 'a file of the user’s own');
    const again = await cli(['inventory', input, '--as-of', '2026-11-27']);
    expect(again.code).toBe(0);
    expect(again.err).toBe(`pandian: replaced the file that was at ${out}\n`);
  });

  it('honours --map for headers it would not recognise', async () => {
    const odd = join(tmp, 'odd.csv');
    writeFileSync(odd, 'Client,Seller,Phase\nAcme,Ann,Won\nBeta,Bob,Talking\n');
    const doc = await json([
      'inventory',
      odd,
      '--map',
      'customer=Client',
      '--map',
      'rep=Seller',
      '--map',
      'stage=Phase',
      '--out',
      join(tmp, 'odd.xlsx'),
    ]);
    expect(doc.totals).toMatchObject({ customers: 2, won: 1, open: 1 });
  });

  it('says on stderr when a --map header is not in the header row, naming the option, tab and row', async () => {
    const odd = join(tmp, 'odd-typo.csv');
    writeFileSync(odd, 'Title line\nCustomer,Seller,Stage\nAcme,Ann,Won\n');
    const r = await cli(['inventory', odd, '--map', 'rep=Sellr', '--map', 'stage=Stage', '--json']);
    expect(r.code).toBe(0);
    expect(r.err).toBe(
      'pandian: --map rep=Sellr: the header row of "odd-typo" (row 2) has no such column, so it is not mapped\n',
    );
  });

  it('runs as the installed bin and prints exactly one JSON document', () => {
    const r = spawnSync(
      process.execPath,
      [
        join(ROOT, 'bin/pandian.js'),
        'inventory',
        MAVEN,
        '--as-of',
        '2017-12-31',
        '--json',
        '--out',
        join(tmp, 'bin.xlsx'),
      ],
      {
        encoding: 'utf8',
      },
    );
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(validate(JSON.parse(r.stdout))).toBe(true);
  });
});

describe('a reader that stops early', () => {
  it('closing the pipe (| head) ends the command quietly, without a stack trace', () => {
    const r = spawnSync(
      'sh',
      [
        '-c',
        `"${process.execPath}" "${join(ROOT, 'bin/pandian.js')}" inventory "${MAVEN}" --as-of 2017-12-31 --json --out "${join(tmp, 'pipe.xlsx')}" | head -c 10`,
      ],
      { encoding: 'utf8' },
    );
    expect(r.stdout).toBe('{\n  "asOf"');
    expect(r.stderr).toBe('');
  });
});

describe('a .csv cell longer than an Excel cell holds', () => {
  it('the copy keeps its first 32,767 characters and the command line says so, naming row and column', async () => {
    const input = join(tmp, 'long-notes.csv');
    const notes = 'n'.repeat(50000);
    writeFileSync(input, `Customer,Rep,Stage,Notes\nAcme,Ann,Lead,${notes}\nBirch,Bo,Lead,short\n`);
    const out = join(tmp, 'long-notes.xlsx');
    const r = await cli(['inventory', input, '--as-of', '2026-11-27', '--out', out]);
    expect(r.code).toBe(0);
    expect(r.err).toContain(
      'row 2, column D: 50000 characters, more than an Excel cell holds; the copy keeps the first 32767',
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const copy = wb.getWorksheet('long-notes')!;
    expect(String(copy.getCell('D2').value)).toBe(notes.slice(0, 32767));
    expect(copy.getCell('D3').value).toBe('short');
    expect(readFileSync(input, 'utf8')).toContain(notes); // the input is unchanged
  });
});

describe('file errors', () => {
  const dir = join(tmp, 'file-errors');
  const at = (name: string) => join(dir, name);
  const csv = at('good.csv');
  const fail = (code: string) => Object.assign(new Error(code), { code });
  const VIA = ' or save it as .xlsx, and run again';
  const TYPES = '.xlsx、.xlsm、.csv、.tsv 或 .txt 文件。';
  // Each case: the command line's arguments, what to do first (a failure of the file system), its exit status,
  // and the message in Chinese and in English.
  const cases: [string, string[], (() => void) | null, number, string, string][] = [
    [
      'missing',
      [at('客户.csv')],
      null,
      1,
      `无法读取 ${at('客户.csv')}：文件不存在`,
      `Cannot read ${at('客户.csv')}: file not found`,
    ],
    [
      'folder',
      [at('folder.csv')],
      null,
      1,
      `无法读取 ${at('folder.csv')}：这是一个文件夹`,
      `Cannot read ${at('folder.csv')}: it is a folder`,
    ],
    [
      'not readable',
      [csv],
      () => jest.spyOn(fsp, 'readFile').mockRejectedValueOnce(fail('EACCES')),
      1,
      `无法读取 ${csv}：没有权限`,
      `Cannot read ${csv}: permission denied`,
    ],
    [
      'unreadable for another reason',
      [csv],
      () => jest.spyOn(fsp, 'readFile').mockRejectedValueOnce(fail('EMFILE')),
      1,
      `无法读取 ${csv}：EMFILE`,
      `Cannot read ${csv}: EMFILE`,
    ],
    [
      'binary',
      [at('binary.csv')],
      null,
      1,
      `无法读取 ${at('binary.csv')}：它不是文本文件（CSV/TSV）`,
      `Cannot read ${at('binary.csv')}: it is not a text file (CSV/TSV)`,
    ],
    [
      'open quote',
      [at('quote.csv')],
      null,
      1,
      `无法按 CSV 读取 ${at('quote.csv')}：第 2 行 B 列的引号（"）没有闭合。请补上或删去它，然后重新运行。`,
      `Cannot read ${at('quote.csv')} as CSV: the quote (") that opens row 2, column B is never closed. Close it or remove it, and run again.`,
    ],
    [
      'old Excel',
      [at('old.xls')],
      null,
      1,
      `${at('old.xls')} 是旧格式的 Excel 文件（.xls）。请在 Excel 或 WPS 中打开，另存为 .xlsx（或 .csv），然后重新运行。`,
      `${at('old.xls')} is an old-format Excel file (.xls). Open it in Excel or WPS and save it as .xlsx (or .csv), then run again.`,
    ],
    [
      'other type',
      [at('sheet.ods')],
      null,
      1,
      `不支持 ${at('sheet.ods')} 的文件类型“.ods”：请使用 ${TYPES}`,
      `Unsupported file type ".ods" for ${at('sheet.ods')}: use an .xlsx, .xlsm, .csv, .tsv or .txt file.`,
    ],
    [
      'no extension',
      [at('noext')],
      null,
      1,
      `${at('noext')} 没有扩展名，无法判断文件类型：请使用 ${TYPES}`,
      `Unsupported file type "(none)" for ${at('noext')}: use an .xlsx, .xlsm, .csv, .tsv or .txt file.`,
    ],
    [
      'locked',
      [at('locked.xlsx')],
      null,
      1,
      `无法读取 ${at('locked.xlsx')}：这是设有密码的工作簿，或是改名为 .xlsx 的旧 .xls 文件。请在 Excel 中打开，取消密码或另存为 .xlsx，然后重新运行。`,
      `Cannot read ${at('locked.xlsx')}: it is a password-protected workbook or an old .xls file renamed to .xlsx — open it in Excel, remove the password${VIA}`,
    ],
    [
      'not a workbook',
      [at('fake.xlsx')],
      null,
      1,
      `无法读取 ${at('fake.xlsx')}：它不是 Excel 工作簿（或文件已损坏、不完整）`,
      `Cannot read ${at('fake.xlsx')}: it is not an Excel workbook (or the file is damaged or truncated)`,
    ],
    [
      'no worksheets',
      [at('none.xlsx')],
      null,
      1,
      `无法读取 ${at('none.xlsx')}：它不是 Excel 工作簿（其中没有工作表）`,
      `Cannot read ${at('none.xlsx')}: it is not an Excel workbook (it has no worksheets)`,
    ],
    [
      'too many cells',
      [at('far.xlsx')],
      null,
      1,
      `无法读取 ${at('far.xlsx')}：“Far”表的单元格一直延伸到 XFD1048576，共 17179869184 个单元格。请删除表格以外的零散内容，或将客户表另存为 .csv。`,
      `Cannot read ${at('far.xlsx')}: sheet "Far" has cells as far as XFD1048576, 17179869184 cells in all. Delete stray values outside the table, or save the customer tab as .csv.`,
    ],
    [
      'too wide',
      [at('wide.csv'), '--out', at('wide.xlsx')],
      null,
      1,
      `无法写入 ${at('wide.csv')} 的副本：它有 2 行 16385 列，超出 Excel 工作表的上限（1048576 行，16384 列）。`,
      `Cannot write a copy of ${at('wide.csv')}: it has 2 rows and 16385 columns, more than an Excel sheet holds (1048576 rows, 16384 columns).`,
    ],
    [
      'no output folder',
      [csv, '--out', at('nowhere/o.xlsx')],
      null,
      1,
      `无法写入 ${at('nowhere/o.xlsx')}：文件夹不存在`,
      `Cannot write ${at('nowhere/o.xlsx')}: the folder does not exist`,
    ],
    [
      'output a folder',
      [csv, '--out', at('out-folder.xlsx')],
      null,
      1,
      `无法写入 ${at('out-folder.xlsx')}：这是一个文件夹`,
      `Cannot write ${at('out-folder.xlsx')}: it is a folder`,
    ],
    [
      'output not writable',
      [csv, '--out', at('o.xlsx')],
      () => jest.spyOn(fsp, 'writeFile').mockRejectedValueOnce(fail('EACCES')),
      1,
      `无法写入 ${at('o.xlsx')}：没有权限`,
      `Cannot write ${at('o.xlsx')}: permission denied`,
    ],
    [
      'output open elsewhere',
      [csv, '--out', at('o.xlsx')],
      () => jest.spyOn(fsp, 'writeFile').mockRejectedValueOnce(fail('EBUSY')),
      1,
      `无法写入 ${at('o.xlsx')}：文件是只读的，或已在其他程序中打开`,
      `Cannot write ${at('o.xlsx')}: the file is read-only or open in another program`,
    ],
    [
      'output unwritable for another reason',
      [csv, '--out', at('o.xlsx')],
      () => jest.spyOn(fsp, 'writeFile').mockRejectedValueOnce(fail('ENOSPC')),
      1,
      `无法写入 ${at('o.xlsx')}：ENOSPC`,
      `Cannot write ${at('o.xlsx')}: ENOSPC`,
    ],
    [
      'output is the input',
      [csv, '--out', at('same.xlsx'), '--stages', at('same.xlsx')],
      null,
      2,
      `输出文件 ${at('same.xlsx')} 就是要读取的文件之一，写入会覆盖它：请换一个 --out`,
      `the output ${at('same.xlsx')} is one of the files read, and writing it would overwrite that file; choose another --out`,
    ],
    [
      'no Stages table',
      [csv, '--out', at('o.xlsx'), '--stages', at('notes.csv')],
      null,
      1,
      `无法将 ${at('notes.csv')} 用作 --stages：其中没有阶段定义表（工作表：notes；读取的是：notes）。我读取名为“阶段定义”或 Stages 的工作表，否则读取表头行有“阶段”列及“要素”或“承诺”列的表，再否则读取第一个工作表；其中需要有“阶段”列，且列下至少有一个阶段。`,
      `Cannot use ${at('notes.csv')} for --stages: no Stages table in it (tabs: notes; the tab read: notes). I read the tab named Stages or 阶段定义, else one whose header row has Stage and Elements or Commitments columns, else the first tab, and need a Stage column with at least one stage under it.`,
    ],
    [
      'no Objections table',
      [csv, '--out', at('o.xlsx'), '--objections', at('notes.csv')],
      null,
      1,
      `无法将 ${at('notes.csv')} 用作 --objections：其中没有异议表（工作表：notes；读取的是：notes）。我读取名为“异议”或 Objections 的工作表，否则读取前 10 行中有表头行、且至少有两个异议表列（客户、异议、状态、截止日期……）的第一个工作表。`,
      `Cannot use ${at('notes.csv')} for --objections: no Objections table in it (tabs: notes; the tab read: notes). I read the tab named Objections or 异议, else the first one with at least two Objections columns (Customer, Objection, Status, Due…) in a header row within its first 10 rows.`,
    ],
  ];

  beforeAll(async () => {
    mkdirSync(dir);
    mkdirSync(at('folder.csv'));
    mkdirSync(at('out-folder.xlsx'));
    writeFileSync(csv, 'Customer,Rep,Stage\nAcme,Ann,Lead\n');
    writeFileSync(at('binary.csv'), Buffer.from('504b0304000000001400060008000000', 'hex'));
    writeFileSync(at('quote.csv'), 'Customer,Rep,Stage\nAcme,"Ann,Lead\n');
    writeFileSync(
      at('locked.xlsx'),
      Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(504)]),
    );
    writeFileSync(at('fake.xlsx'), 'name,rep\nA,B\n');
    writeFileSync(at('notes.csv'), 'Owner,Topic\nAnn,pricing\n');
    const extra = Array.from({ length: 16382 }, (_, i) => `c${i}`);
    writeFileSync(at('wide.csv'), `Customer,Rep,Stage,${extra.join(',')}\nAcme,Ann,Lead\n`);
    await new ExcelJS.Workbook().xlsx.writeFile(at('none.xlsx'));
    const far = new ExcelJS.Workbook();
    const ws = far.addWorksheet('Far');
    ws.getCell('A1').value = 'Customer';
    ws.getCell('XFD1048576').value = 'stray';
    await far.xlsx.writeFile(at('far.xlsx'));
    copyFileSync(csv, at('same.xlsx'));
  });
  afterEach(() => jest.restoreAllMocks());

  const run = async (args: string[], before: (() => void) | null, lang: string[], env?: CliIo['env']) => {
    before?.();
    return cli(['inventory', ...args, '--as-of', '2026-11-27', ...lang], false, env);
  };

  it.each(cases)(
    'are said in Chinese with --lang zh, with no English sentence: %s',
    async (_, args, before, code, zh) => {
      const r = await run(args, before, ['--lang', 'zh']);
      expect([r.code, r.err]).toEqual([code, `pandian: ${zh}\n`]);
      // The file's own name and a system error's code are all the Latin letters left, but option and file-type names.
      expect(r.err.split(dir).join('')).not.toMatch(/[A-Za-z]{2,}[ ,]+[A-Za-z]{2,}/);
    },
  );

  it.each(cases)('are unchanged in English: %s', async (_, args, before, code, __, en) => {
    const r = await run(args, before, []);
    expect([r.code, r.err]).toEqual([code, `pandian: ${en}\n`]);
  });

  it("follow the environment's language when --lang is not given", async () => {
    const r = await run([at('客户.csv')], null, [], { LANG: 'zh_CN.UTF-8' });
    expect(r.err).toBe(`pandian: 无法读取 ${at('客户.csv')}：文件不存在\n`);
  });
});
