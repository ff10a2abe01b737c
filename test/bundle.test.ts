// dist/Code.js as Apps Script runs it: plain top-level functions with their JSDoc, no module syntax,
// no work at load time, and onOpen in AuthMode.NONE touching nothing but the menu.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { createSpreadsheet, loadBundle, openEvent } from './sandbox';

const ROOT = join(__dirname, '..');
const code = readFileSync(join(ROOT, 'dist/Code.js'), 'utf8');

/** Exported function names of src/main.ts (declared or re-exported), read with the TypeScript parser. */
function mainExports(): string[] {
  const text = readFileSync(join(ROOT, 'src/main.ts'), 'utf8');
  const source = ts.createSourceFile('main.ts', text, ts.ScriptTarget.ES2020, true);
  return source.statements.flatMap((s) => {
    if (ts.isExportDeclaration(s) && s.exportClause && ts.isNamedExports(s.exportClause))
      return s.exportClause.elements.map((e) => e.name.text);
    return ts.isFunctionDeclaration(s) &&
      s.name &&
      ts.getModifiers(s)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)
      ? [s.name.text]
      : [];
  });
}

/** The JSDoc block right above `function NAME(` in the bundle. */
function docOf(name: string): string {
  const at = code.indexOf(`\nfunction ${name}(`);
  const before = code.slice(0, at);
  const start = before.lastIndexOf('/**');
  const end = before.lastIndexOf('*/');
  return start >= 0 && end > start && before.slice(end + 2).trim() === '' ? before.slice(start, end + 2) : '';
}

describe('dist/Code.js', () => {
  const names = mainExports();

  it('declares every export of src/main.ts as a top-level function that Apps Script can call', () => {
    expect(names.length).toBeGreaterThanOrEqual(16);
    const { context } = loadBundle({ spreadsheet: createSpreadsheet() });
    for (const name of names) {
      expect(code).toMatch(new RegExp(`^function ${name}\\(`, 'm'));
      expect(typeof context[name]).toBe('function');
    }
  });

  it('keeps @customfunction and @param on every custom function stub', () => {
    const custom = names.filter((n) => /^[A-Z_]+$/.test(n));
    // Re-exported from one module, in the order the formatter sorts them: the set is what counts.
    expect([...custom].sort()).toEqual([
      'DAYS_IN_STAGE',
      'OBJECTION_STATUS',
      'REP_LOAD',
      'STAGE_CHECK',
      'STAGE_GAP',
      'STAGE_OF',
    ]);
    for (const name of custom) {
      expect(docOf(name)).toContain('@customfunction');
      expect(docOf(name)).toMatch(/@param \{[^}]+\} \w+/);
    }
    // Sheets reads no other stub's JSDoc; like every comment in the bundle, it stays in the TypeScript.
    for (const name of names.filter((n) => !custom.includes(n))) expect(docOf(name)).toBe('');
  });

  it('has no module syntax, Node globals or minified names', () => {
    expect(code).not.toMatch(/^\s*(import|export)\s/m);
    expect(code).not.toMatch(/\brequire\s*\(|\bmodule\.exports\b|\bprocess\.(env|argv|exit)\b/);
    for (const readable of [
      'evidenceReach',
      'openCustomers',
      'computeInventory',
      'buildReport',
      'writeReport',
    ]) {
      expect(code).toContain(`function ${readable}(`);
    }
  });

  it('does no work and calls no service while loading', () => {
    const { env } = loadBundle({ spreadsheet: createSpreadsheet() });
    expect(env.totalCalls()).toBe(0);
  });

  it('builds the bilingual add-on menu in AuthMode.NONE touching only the Ui service', () => {
    const { call, env } = loadBundle({ spreadsheet: createSpreadsheet() });
    call('onOpen', openEvent('NONE'));
    const services = Object.keys(env.calls()).map((k) => k.split('.')[0]);
    expect(new Set(services)).toEqual(new Set(['SpreadsheetApp', 'Ui', 'Menu']));
    const menu = env.ui.menus[0];
    expect(menu.items.map((i) => ('caption' in i ? i.caption : '—'))).toContain(
      '客户盘点 Customer inventory',
    );
  });

  it('builds the menu in the user’s language in other modes, and onInstall does the same', () => {
    const zh = loadBundle({ spreadsheet: createSpreadsheet(), locale: 'zh_CN' });
    zh.call('onInstall', openEvent('FULL'));
    const items = zh.env.ui.menus[0].items.flatMap((i) => ('caption' in i ? [i.caption] : []));
    expect(items).toEqual(['客户盘点', '打开侧边栏', '创建表格…', '映射列…', '设置…', '刷新公式', '帮助']);
    const en = loadBundle({ spreadsheet: createSpreadsheet(), locale: 'en_US' });
    en.call('onOpen', openEvent('LIMITED'));
    const fns = en.env.ui.menus[0].items.flatMap((i) => ('functionName' in i ? [i.functionName] : []));
    for (const fn of fns) expect(names).toContain(fn);
  });
});
