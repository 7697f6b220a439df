// The data checks panel and the report paragraph, in the single-file page
// opened from disk. Figures worked out by hand from
// tests/data/checks/seed002_unit_slip.csv (unit line 万元, one year 2018,
// the file's own 合计 row on line 7 is set aside):
//   as written: 2.7379 (2.7379万元) + 4750 + 9436 + 23462 (2.3462亿元) + 9200
//               + 3800 + 200 + 300 = 51150.7379 → 51,150.74 万元;
//   corrected (2.7379亿元 = 27379万元): 27379 + 4750 + 9436 + 23462 + 9200
//               + 3800 + 200 + 300 = 78527 → 78,527.00 万元
//   (and 27379 + 4750 + 9436 = 41565 = the stated 4.1565亿元).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import {
  DATA, changeAndWait, launch, openPage, outsideRequests, pageUrl, readTable, screenshot, waitReady,
} from './helpers.mjs';

const SLIP = join(DATA, 'checks/seed002_unit_slip.csv');
const BEFORE = '51,150.74';
const AFTER = '78,527.00';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  if (browser) await browser.close();
});

async function open(hash = '') {
  const context = await browser.newContext();
  const log = await openPage(context, pageUrl('', hash));
  log.page.on('close', () => { context.close().catch(() => {}); });
  await waitReady(log.page);
  return log;
}

function assertClean(log) {
  assert.deepEqual(outsideRequests(log.requests), [], 'a request left the page');
  assert.deepEqual(log.errors, [], 'console or page errors');
  assert.deepEqual(log.dialogs, [], 'a dialog was opened');
}

async function loadSlip(page) {
  await changeAndWait(page, () => page.setInputFiles('#file', SLIP));
  await page.waitForSelector('#findings[data-state="done"]', { timeout: 60000 });
}

async function grandTotal(page) {
  const table = await readTable(page);
  const total = table.rows.find((r) => r.kind === 'total');
  assert.ok(total, 'the table has a total row');
  return total.cells[total.cells.length - 1].text;
}

describe('data checks and the report paragraph', () => {
  test('a unit slip is found; Accept changes the total, Undo brings it back; the paragraph follows', async () => {
    const log = await open();
    const { page } = log;
    await loadSlip(page);

    const slip = page.locator('#findings li[data-code="unit_slip"]');
    assert.equal(await slip.count(), 1);
    assert.equal(await slip.getAttribute('data-severity'), 'error');
    const msg = await slip.textContent();
    assert.match(msg, /2\.7379/);
    assert.match(msg, /第 4、7 行/);
    assert.equal(await page.getAttribute('#findings summary [data-severity="error"]', 'data-count'), '1');
    // The measure's finding is marked on the table's corner header.
    assert.equal(await page.locator('#table-wrap thead .cell-badge[data-codes~="unit_slip"]').count(), 1);

    assert.equal(await grandTotal(page), BEFORE);
    assert.ok((await page.textContent('#paragraph-text')).includes(BEFORE), 'the paragraph carries the table total');

    // Accept the suggested correction: the same bytes are read again with it.
    await changeAndWait(page, () => page.click('#findings li[data-code="unit_slip"] button[data-action="accept"]'));
    await page.waitForSelector('#findings[data-state="done"]');
    assert.equal(await grandTotal(page), AFTER);
    assert.ok((await page.textContent('#paragraph-text')).includes(AFTER), 'the paragraph follows the corrected view');
    assert.equal(await page.locator('#findings li[data-code="unit_slip"]').count(), 0, 'the slip is gone once corrected');
    const accepted = await page.textContent('#findings .accepted-list');
    assert.match(accepted, /2\.7379亿元/);
    const hash = decodeURIComponent(await page.evaluate(() => location.hash));
    assert.match(hash, /"corrections":\[\{"line":4,"column":"金额","value":"2\.7379亿元"\}\]/);
    await screenshot(page, '30-findings');

    // Undo.
    await changeAndWait(page, () => page.click('#findings .accepted-list button[data-action="undo"]'));
    await page.waitForSelector('#findings[data-state="done"]');
    assert.equal(await grandTotal(page), BEFORE);
    assert.equal(await page.locator('#findings li[data-code="unit_slip"]').count(), 1);
    assert.equal(await page.locator('#findings .accepted-list').count(), 0);
    assert.ok(!decodeURIComponent(await page.evaluate(() => location.hash)).includes('corrections'));

    // Copy: the status line says so (clipboard or the textarea fallback).
    await page.click('#paragraph-copy');
    await page.waitForFunction(() => /复制/.test(document.querySelector('#status').textContent));
    assertClean(log);
    await page.close();
  });

  test('a bookmark with an accepted correction reapplies it; English messages and paragraph', async () => {
    const read = JSON.stringify({ corrections: [{ line: 4, column: '金额', value: '2.7379亿元' }] });
    const log = await open(`#lang=en&read=${encodeURIComponent(read)}`);
    const { page } = log;
    await loadSlip(page);
    assert.equal(await grandTotal(page), AFTER);
    assert.equal(await page.locator('#findings li[data-code="unit_slip"]').count(), 0);
    assert.match(await page.textContent('#findings .accepted-list'), /line 4/);
    assert.match(await page.textContent('#findings .accepted-list button'), /Undo/);
    const para = await page.textContent('#paragraph-text');
    assert.ok(para.includes(AFTER), para);
    assert.match(para, /[A-Za-z]{4}/, 'the English paragraph');

    await changeAndWait(page, () => page.click('#findings .accepted-list button[data-action="undo"]'));
    await page.waitForSelector('#findings[data-state="done"]');
    const slip = await page.textContent('#findings li[data-code="unit_slip"]');
    assert.match(slip, /2\.7379/);
    assert.match(slip, /lines 4, 7/);
    assert.match(await page.textContent('#findings li[data-code="unit_slip"] button'), /Accept/);

    // 繁體中文: the interface, the engine's message and the paragraph's template
    // text and units in Taiwan form; the file's labels (「…」 in a message) as written.
    await page.selectOption('#lang', 'zh-TW');
    assert.match(await page.textContent('#findings li[data-code="unit_slip"] button'), /採納更正/);
    const slipTw = await page.textContent('#findings li[data-code="unit_slip"]');
    assert.match(slipTw, /疑為單位錯誤/);
    assert.match(slipTw, /第 4 列「金额」的/, slipTw);
    assert.ok((await page.textContent('#paragraph-text')).includes(`資金合計${BEFORE}萬元`));
    assertClean(log);
    await page.close();
  });
});
