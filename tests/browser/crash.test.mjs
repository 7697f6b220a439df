// An engine crash does not kill the page. The page is opened with
// ?debug=crash, which gives it a hook (window.aidstatCrashTest) that makes the
// wasm panic on purpose (bindings::panic_for_test: a real trap, a
// WebAssembly.RuntimeError). The page must say so, start the engine again,
// load the same data with the same corrections, and draw the same view.
//
// Figures worked out by hand from tests/data/huadu_utf8.csv, with 金额
// corrected from 万元 to 元 and shown in 万元 with 4 decimals, rows by 资金来源:
//   花都区专项 2020: 430+148+90+14+130+188 = 1000 元 = 0.1000 万元
//              2021: 420+210+14+120+344+30+12 = 1150 元 = 0.1150 万元, growth 150/1000 = 15.00 %
//              2022: 658+150+14+340+38 = 1200 元 = 0.1200 万元, growth 50/1150 = 4.35 %
//   清远市争取 2021: 950 元 = 0.0950 万元
//   合计 2021: 2100 元 = 0.2100 万元, growth 1100/1000 = 110.00 %; 2022: −900/2100 = −42.86 %
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { DATA, cell, changeAndWait, launch, openPage, outsideRequests, pageUrl, readTable, resultSeq, screenshot, waitReady } from './helpers.mjs';

const UTF8 = join(DATA, 'huadu_utf8.csv');

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  if (browser) await browser.close();
});

async function open(query) {
  const context = await browser.newContext();
  const log = await openPage(context, pageUrl(query));
  log.workers = 0;
  log.page.on('worker', () => { log.workers += 1; });
  log.page.on('close', () => { context.close().catch(() => {}); });
  await waitReady(log.page);
  return log;
}

async function setSelect(page, name, value) {
  await changeAndWait(page, () => page.selectOption(`#view-form [name="${name}"]`, value));
}

/** Every control of the view form, by name (checkboxes as booleans). */
async function viewControls(page) {
  return page.evaluate(() => [...document.querySelector('#view-form').elements]
    .filter((el) => el.name)
    .map((el) => [el.name, el.type === 'checkbox' ? el.checked : el.value]));
}

/** The file, 金额 corrected to 元, rows by 资金来源, growth rate, shown in 万元 with 4 decimals. */
async function loadAndChooseView(page) {
  await changeAndWait(page, () => page.setInputFiles('#file', UTF8));
  await page.click('#understood-details > summary');
  await changeAndWait(page, () => page.selectOption('#understood select[aria-label^="“金额"][aria-label$="的单位"]', '元'));
  await setSelect(page, 'row0', '资金来源');
  await setSelect(page, 'growth', 'rate');
  await setSelect(page, 'unit', '万元');
  const input = page.locator('#view-form [name="precision"]');
  await changeAndWait(page, async () => {
    await input.fill('4');
    await input.dispatchEvent('change');
  });
}

function assertFigures(table) {
  assert.equal(cell(table, '花都区专项', '2020 金额').text, '0.1000');
  assert.equal(cell(table, '花都区专项', '2021 金额').text, '0.1150');
  assert.equal(cell(table, '花都区专项', '2022 金额').text, '0.1200');
  assert.equal(cell(table, '花都区专项', '2021 增长率').text, '15.00%');
  assert.equal(cell(table, '花都区专项', '2022 增长率').text, '4.35%');
  assert.equal(cell(table, '清远市争取', '2021 金额').text, '0.0950');
  assert.equal(cell(table, '合计', '2021 金额').text, '0.2100');
  assert.equal(cell(table, '合计', '2021 增长率').text, '110.00%');
  assert.equal(cell(table, '合计', '2022 增长率').text, '-42.86%');
}

/** Makes the engine panic and waits until the page has drawn the view again. */
async function crashAndRecover(page) {
  const seq = await resultSeq(page);
  await page.evaluate(() => window.aidstatCrashTest());
  await page.waitForSelector('#alert[data-recovery]:not([hidden])', { timeout: 60000 });
  await page.waitForFunction((s) => Number(document.documentElement.dataset.resultSeq) > s && document.documentElement.dataset.state !== 'busy', seq, { timeout: 60000 });
}

async function crashScenario(query, mode) {
  const log = await open(query);
  const { page } = log;
  assert.equal(await page.evaluate(() => document.documentElement.dataset.engine), mode);
  assert.equal(await page.evaluate(() => typeof window.aidstatCrashTest), 'function', '?debug=crash gives the hook');
  await loadAndChooseView(page);
  assertFigures(await readTable(page));
  const controls = await viewControls(page);
  const chartKind = await page.locator('#chart').getAttribute('data-kind');
  const workersBefore = log.workers;

  await crashAndRecover(page);
  const alert = page.locator('#alert');
  assert.equal(await alert.getAttribute('data-code'), 'engine_crashed');
  assert.equal(await alert.getAttribute('data-recovery'), 'recovered');
  assert.match(await alert.textContent(), /计算引擎出错，已自动重启；数据和视图已保留/);
  if (mode === 'worker') assert.equal(log.workers, workersBefore + 1, 'a new worker was started');
  // The same data (with its correction to 元), the same view, the same figures.
  assertFigures(await readTable(page));
  assert.deepEqual(await viewControls(page), controls, 'the view controls are unchanged');
  assert.equal(await page.locator('#chart').getAttribute('data-kind'), chartKind);
  assert.match(await page.locator('#understood-details').textContent(), /来自手动更正/);
  await screenshot(page, `crash-recovered-${mode}`);

  // The engine answers again: another view of the same data.
  await setSelect(page, 'growth', 'none');
  assert.equal(await alert.isHidden(), true, 'the next result clears the alert');
  const table = await readTable(page);
  assert.equal(cell(table, '花都区专项', '2021 金额').text, '0.1150');
  assert.equal(cell(table, '合计', '合计 金额').text, '0.4300');

  assert.deepEqual(outsideRequests(log.requests), [], 'a request left the page');
  assert.deepEqual(log.errors, [], 'errors on the page');
  await page.close();
}

describe('an engine panic does not kill the page', () => {
  test('in the worker: reported, restarted, data and view kept', () => crashScenario('?debug=crash', 'worker'));

  test('on the main thread (no worker): a fresh instance, data and view kept', () => crashScenario('?worker=off&debug=crash', 'main'));

  test('in English the message is English', async () => {
    const log = await open('?debug=crash');
    const { page } = log;
    await page.selectOption('#lang', 'en');
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    const before = await readTable(page);
    await crashAndRecover(page);
    assert.match(await page.locator('#alert').textContent(), /The engine failed and was restarted automatically; your data and view are kept\./);
    assert.deepEqual(await readTable(page), before);
    assert.ok(before.rows.some((r) => r.cells.some((c) => c.text === '4,300.00')), 'the demo total 4,300.00 (万元) is shown');
    await page.close();
  });

  test('without ?debug=crash the page has no crash hook', async () => {
    const log = await open('');
    assert.equal(await log.page.evaluate(() => typeof window.aidstatCrashTest), 'undefined');
    await log.page.close();
  });
});
