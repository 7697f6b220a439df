// Shared helpers of the browser tests: Debian's chromium driven by
// playwright-core (never a downloaded browser), the built page as a file://
// URL, a record of every request, screenshots as artifacts.
import { chromium } from 'playwright-core';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const DIST_HTML = join(ROOT, 'dist/aidstat.html');
export const DATA = join(ROOT, 'tests/data');
export const ARTIFACTS = join(ROOT, 'tests/browser/artifacts');
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const ALLOWED_SCHEMES = new Set(['file:', 'blob:', 'data:']);

/**
 * Launches headless chromium (a fresh profile: playwright gives every launch
 * its own temporary user data dir). `newContext()` gives each test its own
 * storage, so a language chosen in one test does not leak into the next.
 */
export async function launch({ needDist = true } = {}) {
  if (needDist && !existsSync(DIST_HTML)) throw new Error('dist/aidstat.html is missing: run `node www/build.mjs` (after scripts/build-wasm.sh)');
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-dev-shm-usage'],
  });
  const newContext = async () => {
    const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
    // The package entry and the element read this switch (src/bindings/simd.js); the page reads ?build=scalar.
    if (BUILD === 'scalar') await context.addInitScript(() => { globalThis.AIDSTAT_BUILD = 'scalar'; });
    return context;
  };
  return { browser, newContext, close: () => browser.close() };
}

/**
 * Opens a page and records its requests, console errors, page errors and dialogs.
 * @returns {Promise<{page, requests: string[], errors: string[], dialogs: string[]}>}
 */
export async function openPage(context, url = pageUrl()) {
  const page = await context.newPage();
  const log = { page, requests: [], errors: [], dialogs: [] };
  page.on('request', (r) => log.requests.push(r.url()));
  page.on('pageerror', (e) => log.errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') log.errors.push(`console: ${m.text()}`);
  });
  page.on('dialog', async (d) => {
    log.dialogs.push(`${d.type()}: ${d.message()}`);
    await d.dismiss();
  });
  // Workers' requests too.
  page.on('worker', (w) => log.requests.push(w.url()));
  await page.goto(url);
  return log;
}

/** 'scalar' when the suite runs against the scalar build (AIDSTAT_BUILD=scalar), else 'simd'. */
export const BUILD = process.env.AIDSTAT_BUILD === 'scalar' ? 'scalar' : 'simd';

/** The core's .wasm in pkg/ for the build under test. */
export const CORE_WASM = BUILD === 'scalar' ? 'aidstat_bg.wasm' : 'aidstat_simd_bg.wasm';

/** A URL of dist/aidstat.html; with AIDSTAT_BUILD=scalar it asks for the scalar build (?build=scalar). */
export function pageUrl(query = '', hash = '') {
  const q = BUILD === 'scalar' ? (query ? `${query}&build=scalar` : '?build=scalar') : query;
  return pathToFileURL(DIST_HTML).href + q + hash;
}

/** Requests whose scheme is not file:, blob: or data:. */
export function outsideRequests(requests) {
  return requests.filter((u) => !ALLOWED_SCHEMES.has(new URL(u).protocol));
}

/** Waits for the page's own signal that a new result is drawn. */
export async function waitReady(page, afterSeq = null) {
  await page.waitForFunction((after) => {
    const el = document.documentElement;
    if (el.dataset.state !== 'ready') return false;
    return after === null || Number(el.dataset.resultSeq || 0) > after;
  }, afterSeq, { timeout: 60000 });
}

export async function resultSeq(page) {
  return page.evaluate(() => Number(document.documentElement.dataset.resultSeq || 0));
}

/** Does something that changes the view, then waits for the new result. */
export async function changeAndWait(page, action) {
  const seq = await resultSeq(page);
  await action();
  await waitReady(page, seq);
}

/**
 * The result table as { header: string[][], rows: Map(label → Map(flatColumn → text)) }.
 * The row label is the data row's keys joined by " / " (or the subtotal / total label).
 */
export async function readTable(page) {
  return page.evaluate(() => {
    const table = document.querySelector('#table-wrap table');
    if (!table) return null;
    const headRows = [...table.tHead.rows];
    // Flatten the header with its spans.
    const grid = [];
    headRows.forEach((tr, r) => {
      grid[r] = grid[r] || [];
      let c = 0;
      for (const th of tr.cells) {
        while (grid[r][c] !== undefined) c += 1;
        const text = th.textContent.replace(/[▲▼↕]/g, '').trim();
        for (let i = 0; i < th.colSpan; i += 1) {
          for (let j = 0; j < th.rowSpan; j += 1) {
            grid[r + j] = grid[r + j] || [];
            grid[r + j][c + i] = text;
          }
        }
        c += th.colSpan;
      }
    });
    const width = Math.max(...grid.map((g) => g.length));
    const columns = [];
    for (let c = 0; c < width; c += 1) {
      const parts = [];
      for (const g of grid) if (g[c] && parts[parts.length - 1] !== g[c]) parts.push(g[c]);
      columns.push(parts.join(' '));
    }
    const rows = [];
    for (const tr of table.tBodies[0].rows) {
      const heads = [...tr.cells].filter((c) => c.tagName === 'TH').map((c) => c.textContent.trim());
      const cells = [...tr.cells].filter((c) => c.tagName === 'TD').map((c) => ({ text: c.firstChild ? c.firstChild.textContent.trim() : '', title: c.getAttribute('title') || '' }));
      rows.push({ kind: tr.dataset.kind, label: heads.join(' / '), cells });
    }
    const figureColumns = columns.slice(columns.length - (rows[0] ? rows[0].cells.length : 0));
    return { columns, figureColumns, rows };
  });
}

/** One figure: table.rows with label → column name → text. */
export function cell(table, label, column) {
  const row = table.rows.find((r) => r.label === label);
  if (!row) throw new Error(`no row "${label}" in ${table.rows.map((r) => r.label).join(', ')}`);
  const i = table.figureColumns.indexOf(column);
  if (i < 0) throw new Error(`no column "${column}" in ${table.figureColumns.join(' | ')}`);
  return row.cells[i];
}

export async function screenshot(page, name, opts = {}) {
  mkdirSync(ARTIFACTS, { recursive: true });
  // Charts animate: wait until ECharts says it has finished drawing.
  await page.waitForFunction(() => [...document.querySelectorAll('#chart')].every((c) => c.dataset.drawn !== 'false'), null, { timeout: 30000 });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true, ...opts });
}

const SERVED_TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8', '.wasm': 'application/wasm', '.csv': 'text/csv; charset=utf-8', '.json': 'application/json' };

/** Serves the checkout (read-only) on 127.0.0.1: `{ origin, close() }`. */
export async function serveRoot() {
  const server = createServer((req, res) => {
    const path = normalize(join(ROOT, decodeURIComponent(new URL(req.url, 'http://x').pathname)));
    if (!path.startsWith(ROOT + sep) || !existsSync(path) || !statSync(path).isFile()) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': SERVED_TYPES[extname(path)] || 'application/octet-stream' });
    res.end(readFileSync(path));
  });
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  return { origin: `http://127.0.0.1:${server.address().port}`, close: () => server.close() };
}

/**
 * In a page of `serveRoot()`: imports the package, starts the build under
 * test, and reads each file of target/decoding/ as the JS API shows it (the
 * schema and every column's values, or the error). Runs in the browser.
 */
export async function readDecodingFiles({ names, build }) {
  const m = await import('/pkg/index.js');
  await m.default(build === 'scalar' ? { build: 'scalar' } : undefined);
  const out = { build: m.coreBuild() };
  for (const name of names) {
    const bytes = new Uint8Array(await (await fetch(`/target/decoding/${encodeURIComponent(name)}`)).arrayBuffer());
    try {
      const t = m.Table.fromBytes(bytes);
      const schema = t.schema();
      const values = {};
      for (const c of schema.columns) {
        try { values[c.name] = t.values(c.name); } catch { /* not a period or dimension */ }
      }
      out[name] = { schema, values, rowCount: t.rowCount };
    } catch (e) {
      out[name] = { error: { code: e.code, messageZh: e.messageZh, line: e.line } };
    }
  }
  return out;
}
