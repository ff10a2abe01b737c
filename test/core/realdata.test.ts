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

  it('reads the same deals with numbered stages ("9 - Closed Won"): won and lost stay closed', () => {
    const values = csv('salesforce-de-sample-earthfink1982-powerbi/Opportunity.csv');
    const stage = values[0].indexOf('StageName');
    const names = [...new Set(values.slice(1).map((r) => r[stage]))];
    const numbered = values.map((r, i) =>
      i === 0 ? r : r.map((c, k) => (k === stage ? `${names.indexOf(c) + 1} - ${c}` : c)),
    );
    const plain = run('Opportunity', values, '2024-06-30').totals;
    const totals = run('Opportunity', numbered, '2024-06-30').totals;
    // Counted from the file: StageName Closed Won on 12 rows, Closed Lost on 8.
    expect([plain.open, plain.won, plain.lost]).toEqual([16, 12, 8]);
    expect([totals.open, totals.won, totals.lost]).toEqual([16, 12, 8]);
  });

  it('reads the Chinese template’s own status values 已赢单 and 已搁置', () => {
    const values = csv('zh-import-templates/zgh01640-crypto_Insight__商机导入模板__sheet-商机数据.csv');
    const status = values[0].indexOf('商机状态');
    expect(status).toBeGreaterThan(0);
    const rows = values.map((r, i) => (i === 3 ? r.map((c, k) => (k === status ? '已赢单' : c)) : r));
    const held = rows.map((r, i) => (i === 4 ? r.map((c, k) => (k === status ? '已搁置' : c)) : r));
    const out = runInventory({
      sheets: [{ name: '商机数据', values: held }],
      asOf: '2026-06-30',
      timeZone: 'UTC',
      lang: 'zh',
    });
    if (!out.ok) throw new Error('no inventory');
    expect(out.inventory.totals).toMatchObject({ won: 1, hold: 1 });
    expect(out.inventory.issues.filter((i) => i.code === 'unknown-status')).toEqual([]);
  });
});

describe('revops-challenge data.csv: a stage log, one row per stage per deal', () => {
  const rows = csv('abuggia-revops-challenge/data.csv');
  const inv = run('data', rows, '2019-01-01');
  // Independently: each company's rows in file order, its last row its current state.
  const [, ...body] = rows;
  const byCompany = new Map<string, string[][]>();
  for (const r of body) byCompany.set(r[0], [...(byCompany.get(r[0]) ?? []), r]);
  const last = [...byCompany.values()].map((deal) => deal[deal.length - 1]);
  const dayOf = (mdy: string) => {
    const [m, d, y] = mdy.split('/').map(Number);
    return Date.UTC(2000 + y, m - 1, d) / 86400000;
  };
  const amount = (text: string) => Number(text.replace(/[$,]/g, ''));

  it('counts each deal once, at its last stage', () => {
    const count = (stage: string) => last.filter((r) => r[1] === stage).length;
    expect(inv.totals).toEqual({
      customers: byCompany.size,
      open: last.length - count('WON') - count('LOST'),
      won: count('WON'),
      lost: count('LOST'),
      hold: 0,
    });
    expect(inv.totals.customers).toBeLessThan(body.length);
  });

  it('sums the won value, and times the sales cycle from a deal’s first row to its win', () => {
    const won = last.filter((r) => r[1] === 'WON');
    const wonValue = inv.results.periods.reduce((s, p) => s + p.wonValue, 0);
    expect(wonValue).toBeCloseTo(
      won.reduce((s, r) => s + amount(r[3]), 0),
      2,
    );
    // The sales cycle: first row to close, over the won deals.
    const cycles = [...byCompany.values()]
      .filter((deal) => deal[deal.length - 1][1] === 'WON')
      .map((deal) => dayOf(deal[deal.length - 1][2]) - dayOf(deal[0][2]));
    expect(inv.results.avgCycleDays).toBeCloseTo(cycles.reduce((s, d) => s + d, 0) / cycles.length, 6);
  });

  it('names every earlier row, and no last row, as an earlier stage', () => {
    const lastRows = new Set(last.map((r) => body.indexOf(r) + 2));
    const earlier = inv.issues.filter((i) => i.code === 'stage-log-row');
    expect(earlier).toHaveLength(body.length - byCompany.size);
    for (const i of earlier) {
      expect(lastRows.has(i.row)).toBe(false);
      expect(i).toMatchObject({ column: 'A (Company)', value: rows[i.row - 1][0] });
    }
  });
});
