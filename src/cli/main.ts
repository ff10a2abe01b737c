// The command line: `pandian inventory <file.xlsx|file.csv>` runs the same core as the add-on on a
// workbook file and writes the report into a copy of it. Exit 0 on success (data issues are reported,
// not fatal), 1 when the file cannot be read or holds no customer tab, 2 on usage errors.
import { existsSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { dayFromIso, isoOfDay } from '../core/days';
import { findStagesTab, firstTab, runInventory, tabByName } from '../core/index';
import type { Inventory } from '../core/inventory';
import { firstRowText } from '../core/normalize';
import { columnLetter, locateColumns } from '../core/register';
import { buildReport } from '../core/report';
import { parseStages } from '../core/stage-model';
import { nameIn, OBJECTION_COLUMNS, TAB_NAMES } from '../core/tabs';
import { BAND_MIN_CLOSES, type Lang, ROLES, type Role, type SheetData } from '../core/types';
import { type CliKey, cliTranslator } from '../i18n/cli-messages';
import { issueMessage, langOfLocale, reportText } from '../i18n/messages';
import type { Params } from '../i18n/translate';
import { type FileErrorCause, fileError } from './csv';
import { inventoryJson } from './json';
import { EXCEL_CELL, openWorkbook, readWorkbook, refuseSameFile } from './workbook';

/** A usage error: its message's key, in the language of --lang when that was read, else the environment's. */
class UsageError extends Error {
  constructor(
    readonly key: CliKey,
    readonly params: Params = {},
    readonly lang?: Lang,
  ) {
    super(key);
  }
}

export interface CliIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  /** Whether stderr is a terminal (progress is shown only there). */
  stderrIsTty: boolean;
  env: Record<string, string | undefined>;
  /** Today's date as YYYY-MM-DD (the only use of the clock). */
  today: () => string;
}

function usage(lang: Lang): string {
  return cliTranslator(lang)('cli.usage', { roles: ROLES.join(', ') });
}

interface Options {
  file: string;
  out?: string;
  sheet?: string;
  stages?: string;
  objections?: string;
  mapping: Partial<Record<Role, string>>;
  asOf: string;
  lang: Lang;
  /** Whether --lang was given (it then wins over the workbook's Settings). */
  langGiven: boolean;
  json: boolean;
}

function parse(argv: string[], envLang: Lang, io: CliIo): Options | { help: Lang } {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        out: { type: 'string' },
        sheet: { type: 'string' },
        stages: { type: 'string' },
        objections: { type: 'string' },
        map: { type: 'string', multiple: true },
        'as-of': { type: 'string' },
        lang: { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    throw new UsageError('cli.badOption', { message: (e as Error).message });
  }
  const v = parsed.values as Record<string, string | string[] | boolean | undefined>;
  const lang = v.lang === undefined ? envLang : v.lang === 'zh' || v.lang === 'en' ? v.lang : null;
  if (!lang) throw new UsageError('cli.badLang', { value: String(v.lang) });
  if (v.help) return { help: lang };
  const fail = (key: CliKey, params?: Params) => new UsageError(key, params, lang);
  const [command, file, ...extra] = parsed.positionals;
  if (command !== 'inventory') throw command ? fail('cli.badCommand', { command }) : fail('cli.noCommand');
  if (!file) throw fail('cli.noFile');
  if (extra.length) throw fail('cli.extraArgument', { value: extra[0] });
  const asOf = (v['as-of'] as string | undefined) ?? io.today();
  if (dayFromIso(asOf) === null) throw fail('cli.badAsOf', { value: asOf });
  const mapping: Partial<Record<Role, string>> = {};
  for (const m of (v.map as string[] | undefined) ?? []) {
    const eq = m.indexOf('=');
    const role = m.slice(0, eq).trim() as Role;
    if (eq < 1 || !ROLES.includes(role) || m.slice(eq + 1).trim() === '') {
      throw fail('cli.badMap', { roles: ROLES.join(', '), value: m });
    }
    mapping[role] = m.slice(eq + 1).trim();
  }
  return {
    file,
    out: v.out as string | undefined,
    sheet: v.sheet as string | undefined,
    stages: v.stages as string | undefined,
    objections: v.objections as string | undefined,
    mapping,
    asOf,
    lang,
    langGiven: v.lang !== undefined,
    json: v.json === true,
  };
}

/** What a side file (--stages, --objections) is read for: how its tab is found, and whether core can use it. */
const SIDE_TABLES = {
  stages: {
    /** The tab named Stages (any case or spacing, either language), else one with a Stages header (core's). */
    find: (sheets: readonly SheetData[]) => findStagesTab(sheets),
    /** As core: a Stages tab without stages counts as none. */
    usable: (sheet: SheetData) => (parseStages(sheet)?.model.stages.length ?? 0) > 0,
    missing: 'file.noStages' as const,
  },
  objections: {
    find: (sheets: readonly SheetData[]) =>
      firstTab(sheets, (s) => s.name, 'objections') ?? sheets.find(SIDE_TABLES.objections.usable),
    /** As core's parseObjections: a header row with two Objections columns in the first 10 rows. */
    usable: (sheet: SheetData) => locateColumns(sheet.values, OBJECTION_COLUMNS) !== null,
    missing: 'file.noObjections' as const,
  },
};

/**
 * The tab of a side file that core is to read as the Stages or Objections tab: the one named so, else one that
 * looks like one, else the first. A file with none that core can use is an error ('unreadable': exit 1) that
 * names the file and its tabs: the user asked for that table, and the report without it would mislead.
 */
async function sideSheet(path: string, id: keyof typeof SIDE_TABLES): Promise<SheetData> {
  const table = SIDE_TABLES[id];
  const sheets = await readWorkbook(path);
  const sheet = table.find(sheets) ?? sheets[0];
  if (table.usable(sheet)) return sheet;
  throw fileError('unreadable', table.missing, {
    path,
    tabs: sheets.map((s) => s.name).join(', '),
    tab: sheet.name,
  });
}

/**
 * The customer tab as core is to find it: --sheet. The one tab of a .csv named like a Pandian tab keeps its
 * extension ("Inventory.csv", see sheetNameOf), and --sheet may still name it by the file's base name.
 */
function customerSheetOf(
  named: string | undefined,
  input: string,
  sheets: readonly SheetData[],
): string | undefined {
  if (named === undefined || sheets.length !== 1 || sheets[0].name !== basename(input)) return named;
  return tabByName([{ name: basename(input, extname(input)) }], named) ? sheets[0].name : named;
}

function defaultOut(file: string): string {
  return join(dirname(file), `${basename(file, extname(file))}-inventory.xlsx`);
}

/** The columns s takes in a terminal: East Asian characters take two. */
function displayWidth(s: string): number {
  let width = 0;
  for (const ch of s)
    width +=
      /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch)
        ? 2
        : 1;
  return width;
}

function pad(s: string, n: number): string {
  return s + ' '.repeat(Math.max(1, n - displayWidth(s)));
}

/** The human summary: totals, per-rep concurrency, top gaps, data issue count, where the report went. */
export function summaryText(inv: Inventory, lang: Lang, outPath: string): string {
  const t = cliTranslator(lang);
  const lines: string[] = [];
  const { totals, table } = inv;
  const openNames = inv.stageAt.map((s) => s.name);
  lines.push(t('cli.heading', { sheet: table.sheet, asOf: isoOfDay(inv.asOf) }));
  lines.push(t('cli.totals', { ...totals }));
  if (totals.customers === 0) lines.push(t('cli.noRows', { header: table.headerRow }));
  lines.push('');
  const repName = (rep: string): string => rep || t('report.noRep');
  const repWidth = Math.max(12, ...inv.reps.map((r) => displayWidth(repName(r.rep)) + 2));
  const stageWidth = Math.max(8, ...openNames.map((n) => displayWidth(n) + 2));
  lines.push(
    pad(t('report.rep'), repWidth) +
      openNames.map((n) => pad(n, stageWidth)).join('') +
      pad(t('report.open'), 8) +
      t('report.flags'),
  );
  for (const r of inv.reps) {
    const flags = r.flags.map((f) => t(`flag.${f}` as never)).join(t('word.list'));
    const band = r.band ? `[${r.band.low}–${r.band.high ?? '∞'}]` : '';
    lines.push(
      pad(repName(r.rep), repWidth) +
        r.byStage.map((n) => pad(String(n), stageWidth)).join('') +
        (pad(String(r.open), 8) + [flags, band].filter(Boolean).join(' ')).trimEnd(),
    );
  }
  if (inv.noBand) lines.push(t('report.noBand', { n: BAND_MIN_CLOSES }));
  const top = inv.lacking.slice(0, 5);
  if (top.length) {
    lines.push('');
    lines.push(t('cli.topGaps'));
    for (const { criterion, customers } of top)
      lines.push(`  ${pad(table.criteria[criterion].criterion.name, 24)}${customers}`);
  }
  lines.push('');
  lines.push(t('cli.issues', { n: inv.issues.length }));
  const earlier = inv.issues.filter((i) => i.code === 'stage-log-row').length;
  if (earlier) lines.push(t('cli.stageLog', { n: earlier }));
  lines.push(t('cli.wrote', { path: outPath }));
  return `${lines.join('\n')}\n`;
}

export async function run(argv: string[], io: CliIo): Promise<number> {
  const envLang = langOfLocale(io.env.LC_ALL || io.env.LC_MESSAGES || io.env.LANG);
  const usageError = ({ key, params, lang = envLang }: UsageError): number => {
    io.stderr(`pandian: ${cliTranslator(lang)(key, params)}\n\n${usage(lang)}`);
    return 2;
  };
  let options: Options | { help: Lang };
  try {
    options = parse(argv, envLang, io);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    return usageError(e);
  }
  if ('help' in options) {
    io.stdout(usage(options.help));
    return 0;
  }
  const { lang } = options;
  const t = cliTranslator(lang);
  const input = resolve(options.file);
  const out = resolve(options.out ?? defaultOut(options.file));
  if (extname(out).toLowerCase() !== '.xlsx') {
    io.stderr(`pandian: ${t('cli.outNotXlsx')}\n`);
    return 2;
  }
  try {
    // Not over the input, nor over a --stages or --objections file: the user's own files, by any path or link.
    for (const file of [input, options.stages, options.objections])
      if (file !== undefined) await refuseSameFile(resolve(file), out);
    const quiet = options.json || !io.stderrIsTty;
    let progressShown = false;
    const progress = (key: 'cli.reading' | 'cli.computing' | 'cli.writing', rows?: number): void => {
      if (quiet) return;
      if (rows !== undefined && rows < 5000) return;
      if (rows === undefined && !progressShown) return;
      progressShown = true;
      io.stderr(`${t(key, { rows: rows ?? 0 })}\n`);
    };
    const book = await openWorkbook(input);
    const { sheets } = book;
    const rows = sheets.reduce((n, s) => n + s.values.length, 0);
    progress('cli.reading', rows);
    const outcome = runInventory({
      sheets,
      asOf: options.asOf,
      timeZone: 'UTC',
      lang,
      langOverride: options.langGiven ? lang : undefined,
      customerSheet: customerSheetOf(options.sheet, input, sheets),
      mapping: options.mapping,
      stagesSheet: options.stages ? await sideSheet(options.stages, 'stages') : undefined,
      objectionsSheet: options.objections ? await sideSheet(options.objections, 'objections') : undefined,
    });
    // parse() checks --as-of as core does: this is only a safety net, and never told as a missing tab.
    if (!outcome.ok && outcome.code === 'bad-as-of')
      return usageError(new UsageError('cli.badAsOf', { value: outcome.wanted ?? options.asOf }, lang));
    const named =
      !outcome.ok && outcome.code === 'no-customer-sheet' && sheets.find((s) => s.name === outcome.wanted);
    if (named) {
      io.stderr(`pandian: ${t('cli.noHeaderIn', { tab: named.name, reads: firstRowText(named.values) })}\n`);
      return 1;
    }
    if (!outcome.ok) {
      io.stderr(
        `pandian: ${t(
          rows === 0
            ? 'cli.emptyFile'
            : outcome.code === 'customer-sheet-not-found'
              ? 'cli.sheetNotFound'
              : 'cli.noCustomerSheet',
          {
            file: options.file,
            sheets: outcome.sheets.join(', '),
            wanted: outcome.wanted ?? '',
          },
        )}\n`,
      );
      return 1;
    }
    progress('cli.computing');
    const reportLang = outcome.lang;
    const report = buildReport(outcome.inventory, reportText(reportLang), (issue) =>
      issueMessage(issue, reportLang),
    );
    progress('cli.writing');
    const wanted = nameIn(TAB_NAMES.inventory, reportLang);
    const replaced = existsSync(out);
    const tab = await book.saveWithReport(out, wanted, report);
    if (replaced) io.stderr(`pandian: ${t('cli.replaced', { path: out })}\n`);
    if (tab !== wanted) io.stderr(`pandian: ${t('cli.reportTab', { kept: wanted, tab })}\n`);
    for (const { code, sheet, row, value, params } of outcome.inventory.issues)
      if (code === 'mapping-header-missing' && options.mapping[params?.role as Role] === value)
        io.stderr(
          `pandian: ${t('cli.mapMissing', { role: String(params?.role), header: value, sheet, row })}\n`,
        );
    for (const { row, col, length } of book.cut)
      io.stderr(
        `pandian: ${t('cli.cellCut', { row, column: columnLetter(col), length, max: EXCEL_CELL })}\n`,
      );
    if (options.json)
      io.stdout(`${JSON.stringify(inventoryJson(outcome.inventory, options.file, reportLang), null, 2)}\n`);
    else io.stdout(summaryText(outcome.inventory, reportLang, out));
    return 0;
  } catch (e) {
    // A file error is said in the language of --lang, from its key; refusing to overwrite a file read is a usage error.
    const cause = (e as { cause?: FileErrorCause }).cause;
    if (!cause?.key) throw e;
    io.stderr(`pandian: ${t(cause.key, cause.params)}\n`);
    return cause.code === 'same-file' ? 2 : 1;
  }
}

/** Node entry (bin/pandian.js). */
export function main(): void {
  const io: CliIo = {
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    stderrIsTty: process.stderr.isTTY === true,
    env: process.env,
    today: () => {
      const d = new Date();
      return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    },
  };
  // A reader that stops early (`| head`) closes the pipe: the rest of the output is not wanted, which is no error.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
  });
  run(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`pandian: unexpected error: ${(e as Error)?.stack ?? e}\n`);
      process.exitCode = 3;
    },
  );
}
