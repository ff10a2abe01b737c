// The three catalogues (server, sidebar, command line): every key in exactly one, asked for by the code of that
// bundle, in both languages with the same placeholders; and dist/Code.js carrying none of the sidebar's or the
// command line's own text.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLI_MESSAGES } from '../../src/i18n/cli-messages';
import { isReportTitle, MESSAGES, translator } from '../../src/i18n/messages';
import { SIDEBAR_MESSAGES } from '../../src/i18n/sidebar-messages';
import type { Entry } from '../../src/i18n/translate';

const CATALOGUES: Record<string, Record<string, Entry>> = {
  server: MESSAGES,
  sidebar: SIDEBAR_MESSAGES,
  cli: CLI_MESSAGES,
};

const SRC = join(__dirname, '../../src');

/** The TypeScript source of the given folders (or files) under src/, as one text. */
function sourceOf(...parts: string[]): string {
  return parts
    .flatMap((part) =>
      part.endsWith('.ts')
        ? [join(SRC, part)]
        : readdirSync(join(SRC, part))
            .filter((f) => f.endsWith('.ts'))
            .map((f) => join(SRC, part, f)),
    )
    .map((file) => readFileSync(file, 'utf8'))
    .join('\n');
}

/** Keys the source names literally or through a template prefix such as `type.${...}`. */
function unused(table: Record<string, Entry>, source: string): string[] {
  return Object.keys(table).filter(
    (key) =>
      !source.includes(`'${key}'`) && !source.includes(`\`${key.slice(0, key.lastIndexOf('.') + 1)}\${`),
  );
}

const placeholders = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('message catalogues', () => {
  it('hold each key in exactly one catalogue', () => {
    const seen = new Map<string, string>();
    for (const [name, table] of Object.entries(CATALOGUES))
      for (const key of Object.keys(table)) {
        expect([key, seen.get(key)]).toEqual([key, undefined]);
        seen.set(key, name);
      }
  });

  it('give every text in both languages with the same placeholders', () => {
    for (const table of Object.values(CATALOGUES))
      for (const [key, [zh, en]] of Object.entries(table)) {
        expect([key, en.length > 0, zh.length > 0]).toEqual([key, true, true]);
        expect([key, placeholders(zh)]).toEqual([key, placeholders(en)]);
      }
  });

  it('put Chinese first and English second, as every bilingual pair in the project does', () => {
    const cjk = /[\u3000-\u9fff\uff00-\uffef]/;
    // Texts that are rightly the same in both languages, or whose English quotes Chinese.
    const either = new Set([
      'check.none',
      'sidebar.template.meddpicc',
      'issue.bad-money',
      'issue.scaled-currency',
      'file.noStages',
      'file.noObjections',
    ]);
    const swapped: string[] = [];
    for (const table of Object.values(CATALOGUES))
      for (const [key, [zh, en]] of Object.entries(table))
        if (!either.has(key) && (!cjk.test(zh) || cjk.test(en))) swapped.push(key);
    expect(swapped).toEqual([]);
  });

  it('hold no text that the code showing it never asks for', () => {
    // A server text the server itself never shows belongs in the sidebar's or the command line's catalogue.
    expect(unused(MESSAGES, sourceOf('core', 'sheets', 'main.ts', 'i18n/messages.ts'))).toEqual([]);
    expect(unused(SIDEBAR_MESSAGES, sourceOf('sidebar'))).toEqual([]);
    expect(unused(CLI_MESSAGES, sourceOf('cli'))).toEqual([]);
  });

  it('leave the sidebar’s and the command line’s own text out of dist/Code.js', () => {
    const code = readFileSync(join(__dirname, '../../dist/Code.js'), 'utf8');
    const own = [...Object.keys(SIDEBAR_MESSAGES), ...Object.keys(CLI_MESSAGES)];
    expect(own.length).toBeGreaterThan(100);
    expect(own.filter((key) => code.includes(`"${key}"`))).toEqual([]);
    expect(code).toContain('"menu.inventory"');
    // Written by section, a catalogue's keys are not strings in the file: its texts are. Texts the server
    // also shows (the same words in two catalogues) are the server's.
    const server = new Set(Object.values(MESSAGES).flat());
    const texts = [...Object.values(SIDEBAR_MESSAGES), ...Object.values(CLI_MESSAGES)]
      .flat()
      .filter((text) => text.length > 12 && !server.has(text));
    expect(texts.length).toBeGreaterThan(100);
    expect(texts.filter((text) => code.includes(JSON.stringify(text)))).toEqual([]);
    expect(code).toContain(JSON.stringify(MESSAGES['report.summary'][1]));
  });
});

describe('isReportTitle', () => {
  it('knows the report title in either language, with a date, and nothing else', () => {
    for (const lang of ['zh', 'en'] as const)
      expect(isReportTitle(translator(lang)('report.title', { asOf: '2026-03-16' }))).toBe(true);
    for (const other of [
      'Customer inventory — as of 2026-3-16',
      'Customer inventory — as of someday',
      'Customer inventory — as of 2026-13-45',
      'Customer inventory — as of 2026-03-16 (copy)',
      'SKU',
      '',
    ])
      expect(isReportTitle(other)).toBe(false);
  });
});

describe('a count in a text', () => {
  it('takes the singular in English for exactly one ({n:one|other}), and reads naturally in Chinese', () => {
    const en = translator('en');
    const zh = translator('zh');
    expect(en('report.outOfTouchList', { n: 1 })).toBe('Customers not contacted for over 1 day');
    expect(en('report.outOfTouchList', { n: 14 })).toBe('Customers not contacted for over 14 days');
    expect(en('report.issueGroup', { n: 1, rows: '5' })).toBe('1 row: 5');
    expect(en('report.issueGroup', { n: 0, rows: '' })).toBe('0 rows: ');
    expect(zh('report.outOfTouchList', { n: 1 })).toBe('超过 1 天未联系的客户');
    // Chinese takes full-width punctuation (the objections' "by status" row).
    expect(zh('report.statusCount', { status: '已解决', n: 14 })).toBe('已解决：14');
  });
});
