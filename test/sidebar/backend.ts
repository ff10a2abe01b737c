// The sidebar's local backend, shared by the browser tests and `npm run preview`: it serves dist/Sidebar.html
// with a google.script.run shim injected, and answers the shim's POST {fn, args} by calling that global of the
// built dist/Code.js in the test sandbox (the same server functions Apps Script runs) over a fake spreadsheet.
// Like google.script.run it passes JSON only: a Date (or any non-plain value) in either direction is a failure.
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { type FakeSpreadsheet, loadBundle, type Sandbox } from '../sandbox';

/** The project folder (this file also runs bundled into dist/preview.js): the nearest one with package.json. */
function projectRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}
const ROOT = projectRoot();

export interface BackendOptions {
  spreadsheet: FakeSpreadsheet;
  /** Pins the server's clock (ms since the epoch): `new Date()` and `Date.now()` in the bundle return it. */
  now?: number;
  /** Session.getActiveUserLocale() ('en' by default). */
  locale?: string;
  /** Server functions replaced by fakes (a function that does not exist yet, or a failure to provoke). */
  overrides?: Record<string, (...args: unknown[]) => unknown>;
  /** Milliseconds to wait before answering a server function (to watch progress and busy states). */
  latency?: Record<string, number>;
  /** Also serve the preview page (the customer tab beside the sidebar) at /. */
  preview?: boolean;
  /** Bind to this port (0 picks a free one). */
  port?: number;
}

export interface Backend {
  url: string;
  sidebarUrl: string;
  sandbox: Sandbox;
  /** Every call the page made, in order. */
  calls: { fn: string; args: unknown[] }[];
  close(): Promise<void>;
}

/** The shim Apps Script's HtmlService would provide: google.script.run with success and failure handlers. */
export const SHIM = `<script>
(function () {
  function hasDate(v) {
    if (v instanceof Date) return true;
    if (v && typeof v === 'object') for (var k in v) if (hasDate(v[k])) return true;
    return false;
  }
  function runner(success, failure) {
    return new Proxy({}, {
      get: function (_, name) {
        if (name === 'withSuccessHandler') return function (fn) { return runner(fn, failure); };
        if (name === 'withFailureHandler') return function (fn) { return runner(success, fn); };
        if (name === 'withUserObject') return function () { return runner(success, failure); };
        return function () {
          var args = Array.prototype.slice.call(arguments);
          var fail = function (message) { if (failure) failure(new Error(message)); };
          if (hasDate(args)) return fail('A Date cannot be passed to google.script.run');
          fetch('/rpc', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ fn: String(name), args: args }) })
            .then(function (r) { return r.json(); })
            .then(function (res) { if (res.ok) { if (success) success(res.value); } else fail(res.error); })
            .catch(function (e) { fail(String(e && e.message || e)); });
        };
      },
    });
  }
  window.google = { script: { run: runner(null, null), host: { close: function () {}, editor: { focus: function () {} } } } };
})();
</script>`;

/** Throws unless `value` is made of JSON types only (what google.script.run can carry). */
export function assertJson(value: unknown, path = 'result'): void {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`${path} is ${value}, which JSON cannot carry`);
    return;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) assertJson(value[i], `${path}[${i}]`);
    return;
  }
  if (typeof value === 'object' && Object.prototype.toString.call(value) === '[object Object]') {
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
      if (item !== undefined) assertJson(item, `${path}.${key}`);
    }
    return;
  }
  throw new Error(
    `${path} is a ${Object.prototype.toString.call(value)}, which google.script.run cannot carry`,
  );
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      body += chunk;
      if (body.length > 1_000_000) req.destroy(new Error('request too large'));
    });
    req.on('end', () => resolve(body));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, {
    'content-type': `${type}; charset=utf-8`,
    'cache-control': 'no-store',
    // As offline as the real sidebar must be: nothing may load from anywhere but this page.
    'content-security-policy':
      "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; img-src 'self'; frame-src 'self'",
  });
  res.end(body);
}

/** The sidebar page with the shim in front of its own script. */
export function sidebarPage(): string {
  const html = readFileSync(join(ROOT, 'dist/Sidebar.html'), 'utf8');
  return html.replace('<head>', () => `<head>\n${SHIM}`);
}

export async function startBackend(options: BackendOptions): Promise<Backend> {
  const sandbox = loadBundle({
    spreadsheet: options.spreadsheet,
    codePath: join(ROOT, 'dist/Code.js'),
    locale: options.locale,
    now: options.now,
  });
  const calls: Backend['calls'] = [];
  const page = sidebarPage();

  const rpc = async (req: IncomingMessage, res: ServerResponse) => {
    let payload: { fn?: unknown; args?: unknown };
    try {
      payload = JSON.parse(await readBody(req));
    } catch {
      return send(res, 400, 'application/json', JSON.stringify({ ok: false, error: 'Bad request' }));
    }
    const fn = String(payload.fn);
    const args = Array.isArray(payload.args) ? payload.args : [];
    calls.push({ fn, args });
    try {
      const wait = options.latency?.[fn] ?? 0;
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      const override = options.overrides?.[fn];
      const value = override ? await override(...args) : sandbox.call(fn, ...args);
      const result = value === undefined ? null : value;
      assertJson(result);
      send(res, 200, 'application/json', JSON.stringify({ ok: true, value: result }));
    } catch (e) {
      const message =
        e instanceof Error || (e && typeof e === 'object' && 'message' in e)
          ? String((e as Error).message)
          : String(e);
      send(res, 200, 'application/json', JSON.stringify({ ok: false, error: message }));
    }
  };

  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method === 'POST' && path === '/rpc') {
      void rpc(req, res);
    } else if (path === '/favicon.ico') {
      res.writeHead(204).end();
    } else if (req.method === 'GET' && path === '/sidebar') {
      send(res, 200, 'text/html', page);
    } else if (options.preview && req.method === 'GET' && path === '/') {
      send(res, 200, 'text/html', previewPage());
    } else if (options.preview && req.method === 'GET' && path === '/sheet') {
      send(res, 200, 'application/json', JSON.stringify(sheetView(options.spreadsheet)));
    } else if (options.preview && req.method === 'POST' && path === '/select') {
      void readBody(req).then((body) => {
        try {
          const { sheet, row } = JSON.parse(body) as { sheet: string; row: number };
          options.spreadsheet.getSheetByName(sheet)?.getRange(row, 1).activate();
          send(res, 200, 'application/json', JSON.stringify({ ok: true }));
        } catch (e) {
          send(res, 400, 'application/json', JSON.stringify({ ok: false, error: String(e) }));
        }
      });
    } else {
      send(res, 404, 'text/plain', 'Not found');
    }
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    sidebarUrl: `${url}/sidebar`,
    sandbox,
    calls,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

// ---- The preview page: the spreadsheet's tabs as tables (click a row to select it) beside the sidebar ----

function sheetView(ss: FakeSpreadsheet): {
  active: { sheet: string; row: number };
  sheets: { name: string; rows: string[][] }[];
} {
  const active = ss.getActiveSheet();
  return {
    active: { sheet: active.getName(), row: ss.getActiveRange()?.getRow() ?? 1 },
    sheets: ss.getSheets().map((sheet) => ({
      name: sheet.getName(),
      rows: sheet.getLastRow() > 0 ? sheet.getDataRange().getDisplayValues().slice(0, 300) : [],
    })),
  };
}

function previewPage(): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Pandian sidebar preview</title>
<style>
  body { margin: 0; display: flex; height: 100vh; font: 12px/1.4 system-ui, sans-serif; color: #202124; }
  #sheet { flex: 1; overflow: auto; border-right: 1px solid #dadce0; }
  #bar { position: sticky; top: 0; background: #f8f9fa; padding: 6px; border-bottom: 1px solid #dadce0; display: flex; gap: 4px; flex-wrap: wrap; }
  #bar button[aria-pressed='true'] { font-weight: 700; }
  table { border-collapse: collapse; }
  td, th { border: 1px solid #e0e0e0; padding: 2px 6px; white-space: nowrap; max-width: 220px; overflow: hidden; text-overflow: ellipsis; }
  th { background: #f1f3f4; font-weight: 400; color: #5f6368; }
  tr.active td { background: #e8f0fe; }
  tr[data-row] { cursor: pointer; }
  iframe { width: 300px; border: 0; height: 100vh; flex: none; }
</style></head>
<body>
  <main id="sheet"><div id="bar" role="toolbar" aria-label="Tabs"></div><table id="grid"></table></main>
  <iframe src="/sidebar" title="Pandian sidebar"></iframe>
<script>
(function () {
  var shown = null, data = null;
  function cell(tag, text) { var el = document.createElement(tag); el.textContent = text; return el; }
  function draw() {
    var bar = document.getElementById('bar'), grid = document.getElementById('grid');
    bar.replaceChildren(); grid.replaceChildren();
    data.sheets.forEach(function (s) {
      var b = cell('button', s.name); b.type = 'button';
      b.setAttribute('aria-pressed', String(s.name === shown));
      b.onclick = function () { shown = s.name; select(s.name, 1); };
      bar.appendChild(b);
    });
    var sheet = data.sheets.filter(function (s) { return s.name === shown; })[0];
    if (!sheet) return;
    sheet.rows.forEach(function (row, i) {
      var tr = document.createElement('tr');
      tr.dataset.row = String(i + 1);
      if (data.active.sheet === shown && data.active.row === i + 1) tr.className = 'active';
      tr.appendChild(cell('th', String(i + 1)));
      row.forEach(function (v) { tr.appendChild(cell('td', v)); });
      tr.onclick = function () { select(shown, i + 1); };
      grid.appendChild(tr);
    });
  }
  function load() {
    return fetch('/sheet').then(function (r) { return r.json(); }).then(function (d) {
      data = d; if (!shown) shown = d.active.sheet; draw();
    });
  }
  function select(sheet, row) {
    fetch('/select', { method: 'POST', body: JSON.stringify({ sheet: sheet, row: row }) }).then(load);
  }
  load(); setInterval(load, 3000);
})();
</script></body></html>`;
}
