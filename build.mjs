// Builds what Apps Script and the command line run:
//   dist/Code.js         one file for Apps Script: a top-level stub per export of src/main.ts (carrying its
//                        JSDoc, also for re-exports, so @customfunction autocompletes), then the bundle they delegate to (see wrapModule).
//   dist/Sidebar.html    the sidebar: one self-contained page (script and style inlined, no CDN).
//   dist/appsscript.json the manifest.
//   dist/cli.js          the Node command line (bin/pandian.js loads it).
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { build, transform } from 'esbuild';
import ts from 'typescript';

const GLOBAL = 'Pandian';
// Apps Script's V8 runs ES2020 syntax (optional chaining, ??) as written; lowering it to es2019 added ~5 KB of
// helper temporaries to a file every custom-function cell loads. Class fields and later syntax stay lowered.
const TARGET = 'es2020';

/** The parameter names of a function declaration or expression, as written. */
function paramsOf(fn) {
  return fn.parameters.map((p) => (p.dotDotDotToken ? '...' : '') + p.name.getText());
}

/** The declaration of the function `name` that the module `file` exports as `export function name(`. */
function exportedDeclaration(file, name) {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2020, true);
  const fn = source.statements.find(
    (s) =>
      ts.isFunctionDeclaration(s) &&
      s.name?.text === name &&
      ts.getModifiers(s)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword),
  );
  if (!fn) throw new Error(`${file} does not export a function declaration ${name}`);
  return fn;
}

/**
 * Exported functions of src/main.ts with their JSDoc and parameter names, in source order: its own function
 * declarations, and the functions it re-exports (`export { f as NAME } from './module'`, or `export { f as NAME }`
 * for one of its own: the JSDoc on the specifier, the parameter names from f's declaration).
 */
function exportedFunctions(file) {
  const text = readFileSync(file, 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2020, true);
  const found = [];
  const jsdocOf = (node) => {
    const ranges = ts.getLeadingCommentRanges(text, node.getFullStart()) ?? [];
    const doc = ranges.filter((r) => text.slice(r.pos, r.pos + 3) === '/**').pop();
    // A specifier's JSDoc is indented inside `export { }`: the stub's sits at the top level.
    return doc ? text.slice(doc.pos, doc.end).replace(/\n[ \t]*\*/g, '\n *') : '';
  };
  for (const stmt of source.statements) {
    if (ts.isExportDeclaration(stmt) && stmt.exportClause && !stmt.isTypeOnly) {
      const module = stmt.moduleSpecifier ? join(dirname(file), `${stmt.moduleSpecifier.text}.ts`) : file;
      for (const spec of stmt.exportClause.elements) {
        const declaration = exportedDeclaration(module, (spec.propertyName ?? spec.name).text);
        found.push({ name: spec.name.text, params: paramsOf(declaration), doc: jsdocOf(spec) });
      }
      continue;
    }
    const exported = ts.getModifiers?.(stmt)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
    if (!exported) continue;
    if (ts.isFunctionDeclaration(stmt) && stmt.name) {
      found.push({ name: stmt.name.text, params: paramsOf(stmt), doc: jsdocOf(stmt) });
    } else if (ts.isVariableStatement(stmt)) {
      for (const decl of stmt.declarationList.declarations) {
        const init = decl.initializer;
        if (init && (ts.isArrowFunction(init) || ts.isFunctionExpression(init))) {
          found.push({ name: decl.name.getText(source), params: paramsOf(init), doc: jsdocOf(stmt) });
        } else {
          throw new Error(`src/main.ts exports ${decl.name.getText(source)}, which is not a function`);
        }
      }
    } else {
      throw new Error(
        `src/main.ts may only export and re-export functions (found: ${ts.SyntaxKind[stmt.kind]})`,
      );
    }
  }
  return found;
}

/**
 * A top-level function that Apps Script can call, delegating to the bundle. It keeps its JSDoc only when Sheets
 * reads it: `@customfunction` puts the function, its description and its `@param`s in the formula autocomplete.
 * Any other JSDoc (menu, trigger and sidebar handlers) is for readers of the TypeScript, and goes the way of
 * every other comment in the bundle (see tidy).
 */
function stub({ name, params, doc }) {
  const call = params.join(', ');
  const head = doc.includes('@customfunction') ? `${doc}\n` : '';
  return `${head}function ${name}(${params.join(', ')}) {\n\treturn ${GLOBAL}.${name}(${call});\n}\n`;
}

/** Words that must not survive into Apps Script: it has no modules and no Node globals. */
const FORBIDDEN = [
  /^\s*import\s/m,
  /^\s*export\s/m,
  /\brequire\s*\(/,
  /\bmodule\.exports\b/,
  /\bprocess\.(env|argv|exit)\b/,
];

/**
 * The bundle as one expression assigned to GLOBAL: esbuild's module output (top-level declarations, then one
 * `export { a, b as c }`) wrapped in an arrow function that returns the exports. esbuild's own IIFE format would
 * indent every line of the bundle by two more spaces (~13 KB of Code.js, which every custom-function cell and
 * trigger loads) and define each export through a getter; the code inside is the same, readable and unminified.
 */
function wrapModule(text) {
  const tail = /\nexport \{\n([^}]*)\};\n$/.exec(text);
  if (!tail) throw new Error('esbuild output does not end with one export list');
  const members = tail[1]
    .split(',')
    .map((m) => m.trim())
    .filter(Boolean)
    .map((m) => {
      const [local, , exported] = m.split(/\s+/);
      return exported ? `  ${exported}: ${local}` : `  ${local}`;
    });
  const body = text.slice(0, tail.index + 1);
  return `var ${GLOBAL} = (() => {\n${body}\nreturn {\n${members.join(',\n')}\n};\n})();\n`;
}

/**
 * The bundle as Apps Script loads it, still unminified: every name and statement as esbuild wrote it, but indented
 * with tabs instead of two spaces and without comments (JSDoc of internal functions, esbuild's PURE annotations),
 * which the TypeScript source keeps for its readers; the `// src/...` line before each module stays, so the file
 * can still be read module by module. Comments and template-literal text are found through the TypeScript parser,
 * never by pattern, and the result is checked against the input: both minify to the same program.
 */
async function tidy(text) {
  const source = ts.createSourceFile('bundle.js', text, ts.ScriptTarget.ES2020, true, ts.ScriptKind.JS);
  const literalKinds = new Set([
    ts.SyntaxKind.NoSubstitutionTemplateLiteral,
    ts.SyntaxKind.TemplateHead,
    ts.SyntaxKind.TemplateMiddle,
    ts.SyntaxKind.TemplateTail,
    ts.SyntaxKind.StringLiteral,
  ]);
  const edits = []; // [from, to, replacement] over `text`
  const insideLiteral = new Set(); // offsets of line starts that lie inside a multi-line literal
  const dropComment = (pos, end) => {
    if (text.startsWith('// src/', pos)) return;
    const lineStart = text.lastIndexOf('\n', pos - 1) + 1;
    const lineEnd = text.indexOf('\n', end);
    const alone = !text.slice(lineStart, pos).trim() && !text.slice(end, lineEnd).trim();
    if (alone) edits.push([lineStart, lineEnd + 1, '']);
    else edits.push([pos, text[end] === ' ' ? end + 1 : end, '']);
  };
  const visit = (node) => {
    ts.forEachLeadingCommentRange(text, node.pos, dropComment);
    ts.forEachTrailingCommentRange(text, node.end, dropComment);
    if (literalKinds.has(node.kind)) {
      let newline = text.indexOf('\n', node.getStart(source));
      while (newline !== -1 && newline < node.end) {
        insideLiteral.add(newline + 1);
        newline = text.indexOf('\n', newline + 1);
      }
    }
    for (const child of node.getChildren(source)) visit(child);
  };
  visit(source);
  for (let lineStart = 0; lineStart !== -1; ) {
    if (!insideLiteral.has(lineStart)) {
      let spaces = 0;
      while (text[lineStart + spaces] === ' ') spaces++;
      const levels = Math.floor(spaces / 2);
      if (levels) edits.push([lineStart, lineStart + levels * 2, '\t'.repeat(levels)]);
    }
    const next = text.indexOf('\n', lineStart);
    lineStart = next === -1 ? -1 : next + 1;
  }
  // Same start: the longer edit (a whole comment line) wins over re-indenting that line.
  edits.sort((x, y) => x[0] - y[0] || y[1] - x[1]);
  let out = '';
  let at = 0;
  for (const [from, to, replacement] of edits) {
    if (from < at) continue; // a comment reported twice, or a line already removed
    out += text.slice(at, from) + replacement;
    at = to;
  }
  out += text.slice(at);
  const [before, after] = await Promise.all([text, out].map((code) => transform(code, { minify: true })));
  if (before.code !== after.code) throw new Error('tidying dist/Code.js changed its program');
  return out;
}

async function buildAppsScript() {
  const exportsList = exportedFunctions('src/main.ts');
  const result = await build({
    entryPoints: ['src/main.ts'],
    bundle: true,
    format: 'esm',
    target: TARGET,
    platform: 'neutral',
    mainFields: ['module', 'main'],
    minify: false,
    legalComments: 'none',
    charset: 'utf8',
    write: false,
    logLevel: 'warning',
  });
  const bundle = await tidy(wrapModule(result.outputFiles[0].text));
  const header =
    '// Pandian (盘点) for Google Sheets. Generated by build.mjs from src/ - edit the TypeScript, not this file.\n' +
    '// The functions below are the only globals Apps Script sees; each delegates into the bundle after them.\n\n';
  const code = `${header}${exportsList.map(stub).join('\n')}\n${bundle}`;
  for (const pattern of FORBIDDEN) {
    if (pattern.test(bundle))
      throw new Error(`dist/Code.js would contain ${pattern}: Apps Script cannot run it`);
  }
  writeFileSync('dist/Code.js', code);
  return { exports: exportsList.length, bytes: Buffer.byteLength(code) };
}

async function buildSidebar() {
  const result = await build({
    entryPoints: ['src/sidebar/sidebar.ts'],
    bundle: true,
    format: 'iife',
    target: 'es2019',
    minify: false,
    legalComments: 'none',
    charset: 'utf8',
    write: false,
    logLevel: 'warning',
  });
  const script = result.outputFiles[0].text.replace(/<\/script/gi, '<\\/script');
  const css = readFileSync('src/sidebar/sidebar.css', 'utf8');
  const html = readFileSync('src/sidebar/sidebar.html', 'utf8')
    .replace('/*STYLE*/', () => css)
    .replace('/*SCRIPT*/', () => script);
  writeFileSync('dist/Sidebar.html', html);
}

async function buildCli() {
  await build({
    entryPoints: ['src/cli/main.ts'],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    packages: 'external',
    outfile: 'dist/cli.js',
    charset: 'utf8',
    logLevel: 'warning',
  });
}

mkdirSync('dist', { recursive: true });
const only = process.argv[2];
if (!only || only === 'gas') {
  const info = await buildAppsScript();
  await buildSidebar();
  copyFileSync('appsscript.json', 'dist/appsscript.json');
  if (!process.env.QUIET)
    console.log(`dist/Code.js: ${info.exports} globals, ${(info.bytes / 1024).toFixed(1)} KB`);
}
if (!only || only === 'cli') await buildCli();
