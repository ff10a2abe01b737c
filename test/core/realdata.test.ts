// The engine on real third-party exports (../shared/realdata), with expectations computed independently.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { runInventory } from '../../src/core/index';
import type { Inventory } from '../../src/core/inventory';

const REAL = join(__dirname, '../../../shared/realdata');
const csv = (path: string): string[][] =>
  parse(readFileSync(join(REAL, path)), { relax_column_count: true, bom: true }) as string[][];

function run(name: string, values: string[][], asOf = '2017-12-31'): Inventory {
  const out = runInventory({ sheets: [{ name, values }], asOf, timeZone: 'UTC', lang: 'en' });
  if (!out.ok) throw new Error(`no inventory: ${out.code}`);
  return out.inventory;
}

describe('Maven CRM sales_pipeline.csv (8800 deals)', () => {
  const rows = csv('maven-crm-sales-opportunities/sales_pipeline.csv');
  const inv = run('sales_pipeline', rows);

  it('finds the roles without a mapping', () => {
    const { roles, headers } = inv.table;
    const header = (role: keyof typeof roles): string => headers[roles[role]!];
    expect(header('customer')).toBe('account');
    expect(header('rep')).toBe('sales_agent');
    expect(header('stage')).toBe('deal_stage');
    expect(header('value')).toBe('close_value');
    expect(header('id')).toBe('opportunity_id');
  });

  it('adopts Prospecting, Engaging, Won, Lost with Won and Lost terminal', () => {
    expect(inv.table.model.stages.map((s) => [s.name, s.kind])).toEqual([
      ['Prospecting', 'open'],
      ['Engaging', 'open'],
      ['Won', 'won'],
      ['Lost', 'lost'],
    ]);
  });

  it('counts open per agent as that agent’s Prospecting + Engaging rows, and won/lost totals', () => {
    const expected = new Map<string, number>();
    let won = 0;
    let lost = 0;
    for (const r of rows.slice(1)) {
      if (r[4] === 'Prospecting' || r[4] === 'Engaging') expected.set(r[1], (expected.get(r[1]) ?? 0) + 1);
      if (r[4] === 'Won') won++;
      if (r[4] === 'Lost') lost++;
    }
    const actual = new Map(inv.reps.filter((r) => r.open > 0).map((r) => [r.rep, r.open]));
    expect(actual).toEqual(expected);
    expect(inv.totals).toMatchObject({ customers: 8800, won, lost, open: rows.length - 1 - won - lost });
  });

  it('names the 1425 rows with no account, with their sheet rows', () => {
    const missing = inv.issues.filter((i) => i.code === 'missing-customer');
    const expectedRows = rows.flatMap((r, i) => (i > 0 && r[3] === '' ? [i + 1] : []));
    expect(missing).toHaveLength(1425);
    expect(missing.map((i) => i.row)).toEqual(expectedRows);
    expect(missing[0].column).toBe('D (account)');
  });

  it('gives the same figures from the Excel-resaved copy with M/D/YYYY dates', () => {
    const resaved = run(
      'resaved',
      csv('maven-crm-sales-opportunities/sales_pipeline.excel-resaved-us-dates.kisaraF-HEAD.csv'),
    );
    expect(resaved.totals).toEqual(inv.totals);
    expect(resaved.reps.map((r) => [r.rep, r.open, r.won, r.lost, r.wonValue])).toEqual(
      inv.reps.map((r) => [r.rep, r.open, r.won, r.lost, r.wonValue]),
    );
    expect(resaved.results.periods).toEqual(inv.results.periods);
    expect(resaved.issues.filter((i) => i.code !== 'missing-customer')).toEqual([]);
  });
});

describe('Chinese 商机 import template', () => {
  const values = csv('zh-import-templates/zgh01640-crypto_Insight__商机导入模板__sheet-商机数据.csv');
  const out = runInventory({
    sheets: [{ name: '商机数据', values }],
    asOf: '2026-06-30',
    timeZone: 'Asia/Shanghai',
    lang: 'zh',
  });

  it('reads the 2-row header (notes row skipped) with 万元 amounts', () => {
    if (!out.ok) throw new Error('no inventory');
    const inv = out.inventory;
    expect(inv.table.headerRow).toBe(1);
    expect(inv.issues[0]).toMatchObject({ code: 'notes-row', row: 2 });
    const first = inv.table.customers[0];
    expect(first).toMatchObject({ row: 3, name: '某市智慧城管平台', stageText: '报价', value: 6800000 });
    expect(inv.table.headers[inv.table.roles.value!]).toBe('预计金额（万元）');
  });
});

describe('Salesforce Opportunity export', () => {
  it('recognises the Opportunity columns', () => {
    const values = csv('salesforce-de-sample-earthfink1982-powerbi/Opportunity.csv');
    const inv = run('Opportunity', values, '2024-06-30');
    const { roles, headers } = inv.table;
    const named = Object.fromEntries(Object.entries(roles).map(([role, c]) => [role, headers[c as number]]));
    expect(named).toMatchObject({
      id: 'Id',
      customer: 'Name',
      stage: 'StageName',
      value: 'Amount',
      expectedClose: 'CloseDate',
    });
    expect(inv.table.model.stages.find((s) => s.name === 'Closed Won')?.kind).toBe('won');
    expect(inv.totals.customers).toBe(values.length - 1);
  });
});
