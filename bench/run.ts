// `npm run bench`: speed, memory, bundle cost and service calls, measured against the targets, printed
// as one table and written to bench/results.json. Memory figures come from child processes (one per
// measurement) so each has its own peak RSS. Not part of `npm test`: figures depend on the machine.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { basename, join } from 'node:path';
import ExcelJS from 'exceljs';
import { run as cliRun } from '../src/cli/main';
import { runInventory } from '../src/core/index';
import { buildReport } from '../src/core/report';
import { stagesGrid } from '../src/core/stage-grid';
import type { Cell } from '../src/core/types';
import { issueMessage, reportText } from '../src/i18n/messages';
import { createSpreadsheet, editEvent, loadBundle, openEvent } from '../test/sandbox';
import { customerGrid, MODEL } from './generate';

const ROOT = join(__dirname, '..');
const MAVEN = join(ROOT, '../shared/realdata/maven-crm-sales-opportunities/sales_pipeline.csv');
const STAGES = stagesGrid(MODEL, 'en');

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const mb = (bytes: number): number => Math.round((bytes / 1048576) * 10) / 10;
/** A grid's size as the RSS it added: for 1,000 rows that is within the noise of RSS itself (even below 0). */
const gridText = (gridMB: number): string => (gridMB < 1 ? 'sub-1 MB' : `${gridMB} MB`);
const maxRssBytes = (): number => process.resourceUsage().maxRSS * 1024;

/** Child: the full model + report on an n-row grid; median of runs, baseline pass, memory. */
function childCore(n: number): object {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const before = process.memoryUsage().rss;
  const grid = customerGrid(n);
  gc?.();
  const gridBytes = process.memoryUsage().rss - before;
  const rssWithGrid = process.memoryUsage().rss;
  const sheets = [
    { name: 'Customers', values: grid },
    { name: 'Stages', values: STAGES },
  ];
  const runs = n >= 100000 ? 5 : 9;
  const times: number[] = [];
  const baselines: number[] = [];
  for (let i = 0; i < runs; i++) {
    // Baseline: one pass that merely touches every cell of the same grid.
    let t0 = performance.now();
    let touched = 0;
    for (const row of grid) for (const cell of row) if (cell !== '' && cell !== null) touched++;
    baselines.push(performance.now() - t0);
    t0 = performance.now();
    const out = runInventory({ sheets, asOf: '2026-11-27', timeZone: 'Asia/Shanghai', lang: 'en' });
    if (!out.ok || touched === 0) throw new Error('bench: no inventory');
    buildReport(out.inventory, reportText('en'), (issue) => issueMessage(issue, 'en'));
    times.push(performance.now() - t0);
  }
  const peakExtra = Math.max(0, maxRssBytes() - rssWithGrid);
  return {
    rows: n,
    medianMs: median(times),
    baselineMs: median(baselines),
    ratio: median(times) / median(baselines),
    gridMB: mb(gridBytes),
    peakExtraMB: mb(peakExtra),
    memoryRatio: gridBytes > 0 ? peakExtra / gridBytes : null,
  };
}

/** Child: the command line end to end on a file, time and peak memory. */
async function childCli(file: string): Promise<object> {
  const t0 = performance.now();
  let out = '';
  const code = await cliRun(
    ['inventory', file, '--as-of', '2026-11-27', '--json', '--out', join(tmpdir(), 'pandian-bench-out.xlsx')],
    {
      stdout: (s) => {
        out += s;
      },
      stderr: () => undefined,
      stderrIsTty: false,
      env: {},
      today: () => '2026-11-27',
    },
  );
  if (code !== 0) throw new Error(`bench: cli exit ${code}`);
  return {
    // The file's name only: the results are committed, and a path would describe this machine.
    file: basename(file),
    ms: performance.now() - t0,
    peakRssMB: mb(maxRssBytes()),
    customers: JSON.parse(out).totals.customers,
  };
}

function child(args: string[]): Record<string, number | string | null> {
  const text = execFileSync(
    process.execPath,
    ['--expose-gc', '--max-old-space-size=8192', __filename, ...args],
    {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  return JSON.parse(text.trim().split('\n').pop()!);
}

/** Custom function through the bundle: load + STAGE_GAP over a 10,000-row range. */
function customFunction(rows: number): number {
  const grid = customerGrid(rows);
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const spreadsheet = createSpreadsheet({ sheets: { Customers: grid.slice(0, 11), Stages: STAGES } });
    // Each run is a new vm context, as each Apps Script execution is: the runs before it are garbage by then,
    // and collecting them is not this run's work, so it happens before the clock starts.
    (globalThis as { gc?: () => void }).gc?.();
    const t0 = performance.now();
    const sandbox = loadBundle({ spreadsheet, mode: 'custom-function' });
    const result = sandbox.call('STAGE_GAP', grid.slice(1)) as unknown[][];
    times.push(performance.now() - t0);
    if (result.length !== rows) throw new Error('bench: STAGE_GAP answered the wrong number of rows');
  }
  return median(times);
}

function coldStart(): number {
  const times: number[] = [];
  for (let i = 0; i < 21; i++) {
    const spreadsheet = createSpreadsheet();
    const t0 = performance.now();
    loadBundle({ spreadsheet }).call('onOpen', openEvent('LIMITED'));
    times.push(performance.now() - t0);
  }
  return median(times);
}

function spreadsheetWith(rows: number): ReturnType<typeof createSpreadsheet> {
  return createSpreadsheet({
    timeZone: 'Asia/Shanghai',
    sheets: {
      Customers: customerGrid(rows),
      Stages: STAGES,
      Objections: [['ID', 'Customer', 'Type', 'Objection', 'Status', 'Due']],
      History: [['When', 'Who', 'Customer', 'ID', 'Row', 'Field', 'Old', 'New', 'Source']],
      Settings: [
        ['Setting', 'Value'],
        ['Track edits', 'yes'],
      ],
    },
  });
}

/** Service calls of Customer inventory on a new Inventory tab, then of the usual run, a regeneration. */
function inventoryCalls(rows: number): { calls: number; again: number; ms: number } {
  const sandbox = loadBundle({ spreadsheet: spreadsheetWith(rows) });
  const t0 = performance.now();
  sandbox.call('menuInventory');
  const ms = performance.now() - t0;
  const calls = sandbox.env.totalCalls();
  sandbox.env.resetCalls();
  sandbox.call('menuInventory');
  return { calls, again: sandbox.env.totalCalls(), ms };
}

/**
 * Service calls of one single-cell stage edit: the first (reads and caches the header), the next, and one
 * far below the header (which reads the header row apart from the edited row to check it).
 */
function editCalls(rows: number): { first: number; next: number; far: number } {
  const spreadsheet = spreadsheetWith(rows);
  const sandbox = loadBundle({ spreadsheet });
  const counts: number[] = [];
  for (const [a1, value, oldValue] of [
    ['D5', 'Budget', 'Lead'],
    ['D6', 'Discovery', 'Lead'],
    [`D${rows - 10}`, 'Budget', 'Lead'],
  ]) {
    spreadsheet.getSheetByName('Customers')!.getRange(a1).setValue(value);
    sandbox.env.resetCalls();
    sandbox.call('onEdit', editEvent(spreadsheet, `Customers!${a1}`, { value, oldValue }));
    counts.push(sandbox.env.totalCalls());
  }
  return { first: counts[0], next: counts[1], far: counts[2] };
}

/** Service calls of one sidebar poll of row `row` (a warm cache: the page polls every few seconds). */
function sidebarCalls(rows: number, row: number): number {
  const spreadsheet = spreadsheetWith(rows);
  const sheet = spreadsheet.getSheetByName('Customers')!;
  spreadsheet.setActiveRange(sheet.getRange(`B${row}`));
  const sandbox = loadBundle({ spreadsheet });
  // As the page polls: with the language sidebarStart gave it.
  sandbox.call('sidebarCustomer', 'en');
  sandbox.env.resetCalls();
  sandbox.call('sidebarCustomer', 'en');
  return sandbox.env.totalCalls();
}

/**
 * The same inventory written the usual way: a getValue per cell read, a setValue per report cell.
 * Runs against the same fake services with the same counter.
 */
function naiveCalls(rows: number): number {
  const spreadsheet = spreadsheetWith(rows);
  const { env } = loadBundle({ spreadsheet });
  const app = env.globals.SpreadsheetApp;
  const ss = app.getActiveSpreadsheet()!;
  const sheet = ss.getSheetByName('Customers')!;
  const lastRow = sheet.getLastRow();
  const lastCol = sheet.getLastColumn();
  const grid: Cell[][] = [];
  for (let r = 1; r <= lastRow; r++) {
    const row: Cell[] = [];
    for (let c = 1; c <= lastCol; c++) row.push(sheet.getRange(r, c).getValue() as Cell);
    grid.push(row);
  }
  const stages = ss.getSheetByName('Stages')!;
  const stageGrid: Cell[][] = [];
  for (let r = 1; r <= stages.getLastRow(); r++) {
    const row: Cell[] = [];
    for (let c = 1; c <= stages.getLastColumn(); c++) row.push(stages.getRange(r, c).getValue() as Cell);
    stageGrid.push(row);
  }
  const out = runInventory({
    sheets: [
      { name: 'Customers', values: grid },
      { name: 'Stages', values: stageGrid },
    ],
    asOf: '2026-11-27',
    timeZone: 'Asia/Shanghai',
    lang: 'en',
  });
  if (!out.ok) throw new Error('bench: naive inventory failed');
  const report = buildReport(out.inventory, reportText('en'), (i) => issueMessage(i, 'en'));
  const target = ss.insertSheet('Naive inventory');
  const maxRows = target.getMaxRows();
  if (report.rows.length > maxRows) target.insertRowsAfter(maxRows, report.rows.length - maxRows);
  report.rows.forEach((row, r) => {
    row.forEach((cell, c) => {
      if (cell !== null)
        target.getRange(r + 1, c + 1).setValue(typeof cell === 'object' ? JSON.stringify(cell) : cell);
    });
  });
  return env.totalCalls();
}

async function bigXlsx(rows: number): Promise<string> {
  const dir = join(tmpdir(), 'pandian-bench');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `customers-${rows}.xlsx`);
  if (existsSync(path)) return path;
  const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useStyles: true });
  const sheet = writer.addWorksheet('Customers');
  for (const row of customerGrid(rows)) sheet.addRow(row).commit();
  const stages = writer.addWorksheet('Stages');
  for (const row of STAGES) stages.addRow(row).commit();
  await writer.commit();
  return path;
}

async function main(): Promise<void> {
  const [mode, arg] = process.argv.slice(2);
  if (mode === 'core') {
    console.log(JSON.stringify(childCore(Number(arg))));
    return;
  }
  if (mode === 'cli') {
    console.log(JSON.stringify(await childCli(arg)));
    return;
  }

  const results: Record<string, unknown> = {
    machine: {
      cpus: cpus().length,
      cpu: cpus()[0]?.model ?? '',
      memoryGB: Math.round(totalmem() / 1073741824),
      node: process.version,
    },
  };
  const rows: [string, string, string, string][] = [];
  const line = (what: string, figure: string, target: string, ok: boolean): void => {
    rows.push([what, figure, target, ok ? 'ok' : 'MISSED']);
  };

  const core = [1000, 10000, 100000].map((n) => child(['core', String(n)]));
  results.core = core;
  for (const c of core) {
    const n = Number(c.rows);
    line(
      `core model + report, ${n.toLocaleString('en')} rows x 25`,
      `${Number(c.medianMs).toFixed(0)} ms (x${Number(c.ratio).toFixed(1)} of one pass; +${c.peakExtraMB} MB peak over a ${gridText(Number(c.gridMB))} grid)`,
      n === 100000 ? '< 1000 ms, ratio < 10, memory < 5x grid' : '—',
      n !== 100000 || (Number(c.medianMs) < 1000 && Number(c.ratio) < 10 && Number(c.memoryRatio) < 5),
    );
  }

  const gapMs = customFunction(10000);
  results.customFunctionMs = gapMs;
  line(
    'STAGE_GAP over 10,000 rows via dist/Code.js (incl. load)',
    `${gapMs.toFixed(0)} ms`,
    '< 300 ms',
    gapMs < 300,
  );

  const bundleKB = statSync(join(ROOT, 'dist/Code.js')).size / 1024;
  results.bundleKB = bundleKB;
  line('dist/Code.js size', `${bundleKB.toFixed(1)} KB`, '< 150 KB', bundleKB < 150);
  const cold = coldStart();
  results.coldStartMs = cold;
  line('cold start: fresh context, load, onOpen', `${cold.toFixed(1)} ms`, '< 30 ms', cold < 30);

  const small = inventoryCalls(100);
  const large = inventoryCalls(50000);
  results.inventoryCalls = {
    rows100: small.calls,
    rows50000: large.calls,
    again100: small.again,
    again50000: large.again,
    ms50000: large.ms,
  };
  line(
    'service calls: Customer inventory, 100 rows',
    `${small.calls} new tab, ${small.again} regenerated`,
    '< 40, equal at 50,000',
    small.calls < 40 && small.again < 40,
  );
  line(
    'service calls: Customer inventory, 50,000 rows',
    `${large.calls} new tab, ${large.again} regenerated (${(large.ms / 1000).toFixed(1)} s in the sandbox)`,
    `= ${small.calls}, ${small.again}`,
    large.calls === small.calls && large.again === small.again,
  );
  const edit = editCalls(50000);
  results.onEditCalls = edit;
  line(
    'service calls: one onEdit (50,000 rows)',
    `${edit.next}; 200+ rows below the header ${edit.far} (the first edit: ${edit.first})`,
    '< 10',
    edit.next < 10 && edit.far < 10,
  );
  const side = sidebarCalls(50000, 7);
  const sideFar = sidebarCalls(50000, 40000);
  results.sidebarRefreshCalls = side;
  results.sidebarRefreshCallsFar = sideFar;
  line(
    'service calls: one sidebar refresh (50,000 rows)',
    `${side}; 200+ rows below the header ${sideFar}`,
    '< 10',
    side < 10 && sideFar < 10,
  );
  const naive = naiveCalls(1000);
  const pandian = inventoryCalls(1000).calls;
  results.naive = { rows: 1000, naiveCalls: naive, pandianCalls: pandian };
  line(
    'naive per-cell script, 1,000 rows',
    `${naive.toLocaleString('en')} calls vs Pandian ${pandian}`,
    `saves ${(naive - pandian).toLocaleString('en')}`,
    true,
  );

  const maven = child(['cli', MAVEN]);
  const xlsx = await bigXlsx(100000);
  const big = child(['cli', xlsx]);
  results.cli = { maven, big };
  line(
    'CLI: Maven CSV (8,800 rows) read + compute + write xlsx',
    `${(Number(maven.ms) / 1000).toFixed(2)} s, ${maven.peakRssMB} MB peak RSS`,
    '—',
    true,
  );
  line(
    'CLI: generated 100,000-row xlsx end to end',
    `${(Number(big.ms) / 1000).toFixed(1)} s, ${big.peakRssMB} MB peak RSS`,
    '—',
    true,
  );

  const width = rows.reduce((w, r) => r.map((c, i) => Math.max(w[i] ?? 0, c.length)), [] as number[]);
  const fmt = (r: string[]): string => r.map((c, i) => c.padEnd(width[i])).join('  ');
  console.log(fmt(['measure', 'figure', 'target', '']));
  for (const r of rows) console.log(fmt(r));
  console.log(
    `\nmachine: ${(results.machine as { cpu: string }).cpu}, ${cpus().length} cores, Node ${process.version}`,
  );
  writeFileSync(join(ROOT, 'bench/results.json'), `${JSON.stringify(results, null, 2)}\n`);
  console.log('written: bench/results.json');
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
