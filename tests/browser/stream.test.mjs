// A file bigger than the engine's start (4 MB) chosen in the page: the worker
// reads it with File.stream() in chunks, the progress bar shows the reading,
// and the figures are the sums worked out by hand. Also on the main thread
// (?worker=off), and after a crash the streamed file is read again.
//
// The file: 300,000 rows (5.7 MB); row i (0-based) is year 2015 + i % 10,
// category c(i % 7), amount (i % 1000) + 0.25 (万元).
//   total: 300 × (0 + … + 999) + 300,000 × 0.25 = 149,850,000 + 75,000 = 149,925,000.00
//   2015 (i ≡ 0 mod 10): i % 1000 runs over 0, 10, …, 990, each 300 times:
//   300 × 10 × (0 + … + 99) = 14,850,000, plus 30,000 × 0.25 → 14,857,500.00
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { changeAndWait, launch, openPage, outsideRequests, pageUrl, readTable, waitReady } from './helpers.mjs';

const N = 300000;
const CATS = ['医疗', '教育', '产业', '乡村', '招商', '人才', '文化'];

let browser;
let file;
before(async () => {
  browser = await launch();
  const lines = ['year,category,amount_wan'];
  for (let i = 0; i < N; i += 1) lines.push(`${2015 + (i % 10)},${CATS[i % 7]},${i % 1000}.25`);
  file = join(mkdtempSync(join(tmpdir(), 'aidstat-stream-')), 'big.csv');
  writeFileSync(file, `${lines.join('\n')}\n`);
});
after(async () => {
  if (browser) await browser.close();
});

async function open(query = '') {
  const context = await browser.newContext();
  const log = await openPage(context, pageUrl(query, '#rows=year&measure=amount_wan'));
  // Every phase the progress bar showed.
  await log.page.evaluate(() => {
    window.__phases = [];
    const label = document.querySelector('#progress [data-role=label]');
    new MutationObserver(() => window.__phases.push(label.textContent)).observe(label, { childList: true, characterData: true, subtree: true });
  });
  await waitReady(log.page);
  return log;
}

function figure(table, label) {
  const row = table.rows.find((r) => r.label === label);
  assert.ok(row, `no row ${label} in ${table.rows.map((r) => r.label).join(', ')}`);
  return row.cells[0].text;
}

async function checkFigures(page) {
  const table = await readTable(page);
  assert.equal(figure(table, '合计'), '149,925,000.00');
  assert.equal(figure(table, '2015'), '14,857,500.00');
  const status = await page.locator('#status').textContent();
  assert.match(status, /300000\/300000/, status);
}

describe('a file read in chunks', () => {
  for (const [what, query] of [['in the worker', ''], ['on the main thread', '?worker=off']]) {
    test(what, async () => {
      const log = await open(query);
      const { page } = log;
      await changeAndWait(page, () => page.setInputFiles('#file', file));
      await checkFigures(page);
      const phases = await page.evaluate(() => window.__phases);
      assert.ok(phases.some((p) => /读取/.test(p)), `the progress bar showed the reading: ${phases.join(' | ')}`);
      assert.deepEqual(outsideRequests(log.requests), []);
      assert.deepEqual(log.errors, []);
      await page.close();
    });
  }

  test('after an engine crash the streamed file is read again', async () => {
    const context = await browser.newContext();
    const { page } = await openPage(context, pageUrl('?debug=crash', '#rows=year&measure=amount_wan'));
    await waitReady(page);
    await changeAndWait(page, () => page.setInputFiles('#file', file));
    await checkFigures(page);
    await page.evaluate(() => window.aidstatCrashTest());
    await page.waitForSelector('#alert[data-recovery=recovered]', { timeout: 60000 });
    await checkFigures(page);
    await page.close();
  });
});
