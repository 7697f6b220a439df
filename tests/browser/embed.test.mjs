// The <aidstat-view> element in a portal page served from 127.0.0.1:
// figures in its shadow root, the portal's CSS kept out, events, no request
// beyond the portal's own server.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CORE_WASM, ROOT, launch, openPage, screenshot, serveRoot } from './helpers.mjs';

let server;
let origin;
let browser;

before(async () => {
  assert.ok(existsSync(join(ROOT, 'dist/embed/aidstat-view.js')), 'dist/embed/aidstat-view.js is missing: run `node www/build.mjs`');
  server = await serveRoot();
  origin = server.origin;
  browser = await launch({ needDist: false });
});

after(async () => {
  if (browser) await browser.close();
  if (server) server.close();
});

/** The shadow table of an element as rows of texts. */
function shadowTable(page, id) {
  return page.evaluate((elId) => {
    const table = document.getElementById(elId).shadowRoot.querySelector('table');
    return [...table.tBodies[0].rows].map((tr) => [...tr.cells].map((c) => (c.firstChild ? c.firstChild.textContent.trim() : '')));
  }, id);
}

test('the embed example works in a page served from 127.0.0.1', async () => {
  const context = await browser.newContext({ viewport: { width: 1000, height: 900 } });
  const log = await openPage(context, `${origin}/examples/embed/index.html`);
  const { page } = log;
  const ready = (id) => page.waitForFunction((elId) => document.getElementById(elId)?.dataset.state === 'ready', id, { timeout: 60000 });
  await ready('by-year');
  await ready('growth-view');

  // Column-share view from attributes.
  let rows = await shadowTable(page, 'by-year');
  const medical = rows.find((r) => r[0] === '医疗帮扶');
  assert.deepEqual(medical.slice(1, 3), ['430.00', '43.00%']);
  const total = rows.find((r) => r[0] === '合计');
  assert.deepEqual([total[1], total[3], total[5], total[7]], ['1,000.00', '2,100.00', '1,200.00', '4,300.00']);

  // Growth view from properties: special fund only.
  rows = await shadowTable(page, 'growth-view');
  const edu = rows.find((r) => r[0] === '教育帮扶');
  assert.deepEqual(edu.slice(1, 7), ['148.00', '—', '420.00', '183.78%', '658.00', '56.67%']);

  // The portal's `table { border: 3px solid red }` does not reach the shadow table.
  const border = await page.evaluate(() => getComputedStyle(document.getElementById('by-year').shadowRoot.querySelector('table')).borderTopWidth);
  assert.notEqual(border, '3px');
  // Nor do the element's styles leak out: the portal's own table rule still applies to its tables.
  assert.equal(await page.evaluate(() => document.querySelectorAll('body > main > table').length), 0);

  // Changing a property re-analyses and fires aidstat-result.
  const seen = page.evaluate(() => new Promise((resolve) => document.addEventListener('aidstat-result', (e) => resolve(e.target.id), { once: true })));
  await page.selectOption('#growth', 'cagr');
  assert.equal(await seen, 'growth-view');
  await ready('growth-view');
  rows = await shadowTable(page, 'growth-view');
  assert.equal(rows.find((r) => r[0] === '教育帮扶').at(-1), '110.85%');

  // An error comes out as an event with the engine's code.
  const failed = page.evaluate(() => new Promise((resolve) => {
    document.addEventListener('aidstat-error', (e) => resolve(e.detail), { once: true });
    const el = document.getElementById('growth-view');
    el.spec = { rows: ['没有这一列'] };
  }));
  const detail = await failed;
  assert.ok(detail.code && detail.code !== 'error', `a stable code: ${detail.code}`);
  assert.ok(detail.messageZh);

  // Data inside the element, English labels, table only.
  const inline = await page.evaluate(async () => {
    const el = document.createElement('aidstat-view');
    el.id = 'inline';
    el.setAttribute('lang', 'en');
    el.setAttribute('show', 'table');
    el.setAttribute('spec', JSON.stringify({ rows: ['板块'], unit: '元', precision: 0 }));
    const data = document.createElement('script');
    data.type = 'text/csv';
    data.textContent = '\n年度,板块,金额(万元)\n2020,医疗帮扶,430\n2021,医疗帮扶,30\n2020,教育帮扶,148\n';
    el.append(data);
    const done = new Promise((resolve) => el.addEventListener('aidstat-result', resolve, { once: true }));
    document.querySelector('main').append(el);
    await done;
    const rows = [...el.shadowRoot.querySelector('tbody').rows].map((tr) => [...tr.cells].map((c) => c.textContent.trim()));
    return { rows, chartHidden: el.shadowRoot.querySelector('.chart').hidden };
  });
  assert.deepEqual(inline.rows, [['医疗帮扶', '4,600,000'], ['教育帮扶', '1,480,000'], ['Total', '6,080,000']]);
  assert.equal(inline.chartHidden, true);

  // A Blob (a File from a portal's own input) is read in chunks through the
  // engine's Loader: 4.8 MB in GBK, over the engine's 4 MB start. 300,000 rows
  // alternating 2020 医疗帮扶 1 and 2021 教育帮扶 2 (万元): 150,000 and 300,000.
  const blob = await page.evaluate(async () => {
    const gbk = { 年度: [0xc4, 0xea, 0xb6, 0xc8], 板块: [0xb0, 0xe5, 0xbf, 0xe9], 金额: [0xbd, 0xf0, 0xb6, 0xee], 医疗帮扶: [0xd2, 0xbd, 0xc1, 0xc6, 0xb0, 0xef, 0xb7, 0xf6], 教育帮扶: [0xbd, 0xcc, 0xd3, 0xfd, 0xb0, 0xef, 0xb7, 0xf6] };
    const ascii = (t) => [...t].map((c) => c.charCodeAt(0));
    const parts = [new Uint8Array([...gbk.年度, 0x2c, ...gbk.板块, 0x2c, ...gbk.金额, 0x0a])];
    const a = new Uint8Array([...ascii('2020,'), ...gbk.医疗帮扶, ...ascii(',1\n')]);
    const b = new Uint8Array([...ascii('2021,'), ...gbk.教育帮扶, ...ascii(',2\n')]);
    for (let i = 0; i < 150000; i += 1) parts.push(a, b);
    const el = document.createElement('aidstat-view');
    el.setAttribute('show', 'table');
    el.setAttribute('spec', JSON.stringify({ rows: ['板块'], precision: 0 }));
    el.options = { columns: { 金额: { role: 'measure', unit: '万元' } } };
    const done = new Promise((resolve, reject) => {
      el.addEventListener('aidstat-result', resolve, { once: true });
      el.addEventListener('aidstat-error', (e) => reject(new Error(JSON.stringify(e.detail))), { once: true });
    });
    document.querySelector('main').append(el);
    el.data = new Blob(parts);
    await done;
    return { size: el.data.size, rows: [...el.shadowRoot.querySelector('tbody').rows].map((tr) => [...tr.cells].map((c) => c.textContent.trim())) };
  });
  assert.ok(blob.size > 4 * 1024 * 1024, `${blob.size} bytes`);
  assert.deepEqual(blob.rows, [['医疗帮扶', '150,000'], ['教育帮扶', '300,000'], ['合计', '450,000']]);

  // A workbook (tests/workbooks/seed.xlsx) as the element's src: the Office
  // module is fetched from beside the element's script, and the seed figures
  // come out (tests/workbook.rs): 2020 total 1,000, all 4,300.
  const book = await page.evaluate(async (src) => {
    const el = document.createElement('aidstat-view');
    el.setAttribute('show', 'table');
    el.setAttribute('spec', JSON.stringify({ columns: '年度' }));
    const done = new Promise((resolve, reject) => {
      el.addEventListener('aidstat-result', resolve, { once: true });
      el.addEventListener('aidstat-error', (e) => reject(new Error(JSON.stringify(e.detail))), { once: true });
    });
    el.setAttribute('src', src);
    document.querySelector('main').append(el);
    await done;
    return [...el.shadowRoot.querySelector('tbody').rows].map((tr) => [...tr.cells].map((c) => c.textContent.trim()));
  }, `${origin}/tests/workbooks/seed.xlsx`);
  assert.deepEqual(book, [['合计', '1,000.00', '2,100.00', '1,200.00', '4,300.00']]);
  assert.ok(log.requests.some((u) => u.endsWith('/dist/embed/aidstat_office_bg.wasm')), 'the Office module fetched beside the element');
  // The core's build under test, chosen by the package entry (SIMD where it validates).
  const core = log.requests.filter((u) => /\/dist\/embed\/aidstat(_simd)?_bg\.wasm$/.test(u));
  assert.deepEqual(core.map((u) => u.split('/').pop()), [CORE_WASM], 'one core fetched, the build under test');

  // Charts drew inside the shadow roots.
  await page.waitForFunction(() => document.getElementById('by-year').shadowRoot.querySelector('.chart')?.dataset.drawn === 'true');
  assert.ok(await page.evaluate(() => !!document.getElementById('by-year').shadowRoot.querySelector('.chart canvas')));
  // No globals besides the element.
  assert.equal(await page.evaluate(() => typeof window.wasm_bindgen === 'undefined' && typeof window.AIDSTAT_ENGINE === 'undefined' && typeof window.echarts === 'undefined'), true);

  await screenshot(page, '20-embed');
  const foreign = log.requests.filter((u) => !u.startsWith(origin) && !/^(data|blob):/.test(u));
  assert.deepEqual(foreign, [], 'requests beyond the portal');
  assert.deepEqual(log.errors, []);
  await context.close();
});
