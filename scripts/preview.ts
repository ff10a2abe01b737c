// npm run preview: the sidebar in a local browser tab, offline, against the same server functions Apps Script runs
// (dist/Code.js in the test sandbox) over an in-memory spreadsheet filled from a workbook (the demo by default).
// The page shows the workbook's tabs beside the 300 px sidebar; click a row to select it.
//   npm run preview -- [file.xlsx|file.csv] [--port 8390] [--lang zh|en] [--as-of YYYY-MM-DD]
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import { readWorkbook } from '../src/cli/workbook';
import { dayFromIso } from '../src/core/days';
import { createSpreadsheet } from '../test/sandbox';
import { startBackend } from '../test/sidebar/backend';
import { fixtureSheets } from '../test/sidebar/fixtures';

function option(args: string[], name: string): string | undefined {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const valued = new Set(['--port', '--lang', '--as-of']);
  const file =
    args.find((a, i) => !a.startsWith('--') && !valued.has(args[i - 1] ?? '')) ?? 'samples/pandian-demo.xlsx';
  const lang = option(args, '--lang') === 'zh' ? 'zh' : option(args, '--lang') === 'en' ? 'en' : undefined;
  const asOf = option(args, '--as-of');
  const day = asOf ? dayFromIso(asOf) : null;
  if (asOf && day === null) throw new Error(`--as-of ${asOf}: expected YYYY-MM-DD`);

  let sheets: Record<string, unknown[][]>;
  if (existsSync(file)) {
    sheets = Object.fromEntries((await readWorkbook(file)).map((s) => [s.name, s.values as unknown[][]]));
  } else {
    console.warn(`${file} not found: showing the built-in example instead.`);
    sheets = fixtureSheets(lang ?? 'en');
  }
  const spreadsheet = createSpreadsheet({
    name: basename(file),
    timeZone: 'UTC',
    locale: lang === 'zh' ? 'zh_CN' : 'en_US',
    sheets,
  });
  spreadsheet.getSheets()[0].getRange(2, 1).activate();

  const port = Number(option(args, '--port') ?? 8390);
  const backend = await startBackend({
    spreadsheet,
    preview: true,
    port,
    locale: lang === 'zh' ? 'zh_CN' : 'en',
    now: day === null ? undefined : day * 86400000 + 12 * 3600000,
  });
  console.log(
    `Pandian sidebar preview of ${file}: ${backend.url}/  (the sidebar alone: ${backend.sidebarUrl})`,
  );
  console.log('Ctrl-C stops it.');
  const stop = () => {
    void backend.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
