// The sidebar may only call what Apps Script exposes: every server function of src/sheets/sidebar-api.ts (and the
// other files' functions the client calls) must be a global of dist/Code.js, or google.script.run cannot reach it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { createSpreadsheet, loadBundle } from '../sandbox';

function exportedFunctions(file: string): string[] {
  const text = readFileSync(join(__dirname, '..', '..', file), 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2020, true);
  return source.statements.flatMap((s) =>
    ts.isFunctionDeclaration(s) &&
    s.name &&
    ts.getModifiers(s)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)
      ? [s.name.text]
      : [],
  );
}

it('exposes every sidebar server function as an Apps Script global', () => {
  const names = exportedFunctions('src/sheets/sidebar-api.ts');
  expect(names).toContain('sidebarCustomer');
  const { context } = loadBundle({ spreadsheet: createSpreadsheet() });
  const missing = names.filter((name) => typeof (context as Record<string, unknown>)[name] !== 'function');
  expect(missing).toEqual([]);
});
