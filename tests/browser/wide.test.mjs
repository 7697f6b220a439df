// Years across the top in the page (issue #13): the wide GBK fixture
// (tests/data/wide/huadu_wide_gbk.csv: 板块 × 2022年, 2021年, 2020年, a 合计
// column and row) chosen in the file input gives the long demo's figures, and
// the switch in 数据识别 reads the columns as they are, and back.
// By hand: 医疗帮扶 2020 430.00; 2020 total 1,000.00; all 4,300.00.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { DATA, cell, changeAndWait, launch, openPage, outsideRequests, pageUrl, readTable, waitReady } from './helpers.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  if (browser) await browser.close();
});

describe('a table with the years across the top', () => {
  test('indicators down the side: growth per indicator, no total across them', async () => {
    const context = await browser.newContext();
    const log = await openPage(context, pageUrl());
    const { page } = log;
    await waitReady(page);
    await changeAndWait(page, () => page.setInputFiles('#file', join(DATA, 'wide/indicators_budget.csv')));
    const table = await readTable(page);
    // By hand: revenue over 2020–2022 1,000 + 1,100.25 + 1,200.50 = 3,300.75; across indicators nothing.
    assert.equal(cell(table, '一般公共预算收入（亿元）', '合计 数值').text, '3,300.75');
    assert.equal(cell(table, '合计', '2020 数值').text, '—');
    assert.match(await page.textContent('#diagnostics'), /不同指标不相加/);
    assert.doesNotMatch(await page.textContent('#paragraph-text'), /最多/);
    assert.deepEqual(outsideRequests(log.requests), []);
    assert.deepEqual(log.errors, []);
    await context.close();
  });

  test('is read as one measure by year; the switch reads the columns as they are', async () => {
    const context = await browser.newContext();
    const log = await openPage(context, pageUrl());
    const { page } = log;
    await waitReady(page);
    await changeAndWait(page, () => page.setInputFiles('#file', join(DATA, 'wide/huadu_wide_gbk.csv')));
    let table = await readTable(page);
    assert.deepEqual(table.figureColumns, ['2020 金额', '2021 金额', '2022 金额', '合计 金额']);
    assert.equal(cell(table, '医疗帮扶', '2020 金额').text, '430.00');
    assert.equal(cell(table, '合计', '2020 金额').text, '1,000.00');
    assert.equal(cell(table, '合计', '合计 金额').text, '4,300.00');
    assert.equal(cell(table, '老区建设', '2022 金额').text, '');
    await page.evaluate(() => { document.querySelector('#understood details').open = true; });
    assert.match(await page.textContent('#understood'), /按时期展开为“年度”/);

    await changeAndWait(page, () => page.click('#understood button[data-action="wide"]'));
    const names = await page.evaluate(() => [...document.querySelectorAll('#understood select[data-what="role"]')].map((s) => s.dataset.column));
    assert.deepEqual(names, ['板块', '2022年', '2021年', '2020年', '合计']);
    await page.evaluate(() => { document.querySelector('#understood details').open = true; });
    await changeAndWait(page, () => page.click('#understood button[data-action="wide"]'));
    // Back to one measure by year (the view keeps its rows; the total is the same).
    table = await readTable(page);
    const total = table.rows.find((r) => r.kind === 'total');
    assert.equal(total.cells[total.cells.length - 1].text, '4,300.00');
    assert.deepEqual(outsideRequests(log.requests), []);
    assert.deepEqual(log.errors, []);
    await context.close();
  });
});
