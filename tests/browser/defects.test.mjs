// The page's worst defects of issue #10, as a new analyst met them, in the
// single-file page opened from disk (Debian chromium):
//   1. a file with an id per row locked the page up (checks quadratic in the
//      rows; every click waited behind them);
//   2. amounts as Excel copies them (¥1,234.00, 1 000, 7,000.00-) were not
//      numbers, and a column forced to 数值 did not become one;
//   3. a view kept from one file broke the next (and across a reload), and
//      the header named the new file over the old figures.
// Expected figures are worked out here, independently of the engine (BigInt
// cents for the generated file, by hand for the small ones).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DATA, cell, changeAndWait, launch, openPage, outsideRequests, pageUrl, readTable, waitReady,
} from './helpers.mjs';

let browser;
let dir;
before(async () => {
  browser = await launch();
  dir = mkdtempSync(join(tmpdir(), 'aidstat-defects-'));
});
after(async () => {
  if (browser) await browser.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
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
}

/** The grand total of the amounts: the total row, in the last amount column. */
function grandAmount(table) {
  const total = table.rows.find((r) => r.kind === 'total');
  assert.ok(total, 'a total row');
  const cols = table.figureColumns;
  let i = cols.length - 1;
  while (i > 0 && !/金额$/.test(cols[i])) i -= 1;
  return total.cells[i].text;
}

/** 1,234,567.89 from a count of hundredths (BigInt). */
function cents(n) {
  const neg = n < 0n;
  const a = neg ? -n : n;
  const int = (a / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${neg ? '-' : ''}${int}.${(a % 100n).toString().padStart(2, '0')}`;
}

const CATS = ['教育帮扶', '医疗帮扶', '产业合作'];

describe('defects a new analyst met (#10 items 1–3)', () => {
  test('a 300,000-row file with an id per row: figures, the checks finish, a click answers meanwhile', async () => {
    const n = 300000;
    const lines = ['项目编号,年度,板块,金额(万元)'];
    const sums = new Map(CATS.map((c) => [c, 0n]));
    for (let i = 0; i < n; i += 1) {
      const c = (i * 37) % 100000; // hundredths of 万元
      const cat = CATS[i % 3];
      sums.set(cat, sums.get(cat) + BigInt(c));
      lines.push(`XM${String(i).padStart(8, '0')},${2018 + (i % 7)},${cat},${Math.floor(c / 100)}.${String(c % 100).padStart(2, '0')}`);
    }
    const file = join(dir, 'ids.csv');
    writeFileSync(file, `${lines.join('\n')}\n`);
    const log = await open();
    const { page } = log;
    await changeAndWait(page, () => page.setInputFiles('#file', file));
    let table = await readTable(page);
    for (const cat of CATS) assert.equal(cell(table, cat, '合计 金额').text, cents(sums.get(cat)), cat);
    // A control right after the first figures is answered, checks or not.
    await changeAndWait(page, () => page.selectOption('#view-form [name="share"]', 'grand'));
    table = await readTable(page);
    const total = [...sums.values()].reduce((a, b) => a + b, 0n);
    assert.equal(cell(table, '合计', '合计 金额').text, cents(total));
    // The checks end (they took over ten minutes here before, quadratic in the rows).
    await page.waitForSelector('#findings[data-state="done"]', { timeout: 60000 });
    assertClean(log);
    await page.close();
  });

  test('amounts with ¥, spaces and a trailing minus are numbers; a column forced to 数值 becomes one', async () => {
    const log = await open();
    const { page } = log;
    // 教育帮扶: 1,234,500.00 + 1,000 = 1,235,500.00; 医疗帮扶: 100 − 7,000.00 = −6,900.00;
    // 产业合作: −2,000.50 − 100 = −2,100.50; total 1,226,499.50.
    const tsv = [
      '板块\t金额\t编码',
      '教育帮扶\t¥1,234,500.00\t001',
      '医疗帮扶\t￥100\t002',
      '产业合作\t-¥2,000.50\t003',
      '教育帮扶\t1 000\t004',
      '医疗帮扶\t7,000.00-\t005',
      '产业合作\t¥-100\t006',
    ].join('\n');
    await page.click('#paste-toggle');
    await page.fill('#paste-text', tsv);
    await changeAndWait(page, () => page.click('#paste-go'));
    await changeAndWait(page, () => page.selectOption('#view-form [name="row0"]', '板块'));
    let table = await readTable(page);
    assert.equal(cell(table, '教育帮扶', '金额').text, '1,235,500.00');
    assert.equal(cell(table, '医疗帮扶', '金额').text, '-6,900.00');
    assert.equal(cell(table, '产业合作', '金额').text, '-2,100.50');
    assert.equal(cell(table, '合计', '金额').text, '1,226,499.50');
    assert.match(await page.textContent('#diagnostics'), /6\s*\/\s*6/);

    // Group by 编码, then force it to 数值: the view lets go of it and says so,
    // and 编码 is a measure one can choose.
    await changeAndWait(page, () => page.selectOption('#view-form [name="row0"]', '编码'));
    await page.evaluate(() => { document.querySelector('#understood details').open = true; });
    await changeAndWait(page, () => page.selectOption('#understood select[data-column="编码"][data-what="role"]', 'measure'));
    assert.equal(await page.locator('#alert').isHidden(), true, 'no error');
    const note = await page.textContent('#view-note');
    assert.match(note, /编码/);
    const measures = await page.locator('#view-form [name="measure"] option').allTextContents();
    assert.ok(measures.some((m) => m.includes('编码')), `measures: ${measures}`);
    table = await readTable(page);
    assert.equal(cell(table, '合计', '金额').text, '1,226,499.50');
    assertClean(log);
    await page.close();
  });

  test('a view from one file falls back on the next, column by column, and says so', async () => {
    const log = await open();
    const { page } = log;
    await changeAndWait(page, () => page.setInputFiles('#file', join(DATA, 'huadu_utf8.csv')));
    await changeAndWait(page, () => page.selectOption('#view-form [name="row0"]', '资金来源'));
    await changeAndWait(page, () => page.selectOption('#view-form [name="growth"]', 'rate'));
    // A file without 资金来源 (seed 002: 年度, 帮扶方, 受援方, 项目, 金额; one year).
    await changeAndWait(page, () => page.setInputFiles('#file', join(DATA, 'checks/seed002_unit_slip.csv')));
    assert.equal(await page.locator('#alert').isHidden(), true, 'no error');
    assert.match(await page.textContent('#source'), /seed002_unit_slip\.csv/);
    assert.match(await page.textContent('#view-note'), /资金来源/);
    // Its figures (as written, 合计 row set aside): 2.7379 + 4750 + 9436 + 23462 + 9200 + 3800 + 200 + 300 = 51,150.7379.
    assert.equal(grandAmount(await readTable(page)), '51,150.74');
    assertClean(log);
    await page.close();
  });

  test('a link with another file’s view and reading settings: the new file is read as it is', async () => {
    // The view and reading of a link made for a 40-line file with a header on line 40.
    const hash = `#rows=${encodeURIComponent('资金来源')}&cols=${encodeURIComponent('年度')}&read=${encodeURIComponent('{"headerLine":40}')}`;
    const log = await open(hash);
    const { page } = log;
    await changeAndWait(page, () => page.setInputFiles('#file', join(DATA, 'checks/seed002_unit_slip.csv')));
    assert.equal(await page.locator('#alert').isHidden(), true, 'no error');
    assert.match(await page.textContent('#source'), /seed002_unit_slip\.csv/);
    assert.match(await page.textContent('#view-note'), /读取设置/);
    assert.equal(grandAmount(await readTable(page)), '51,150.74');
    assertClean(log);
    await page.close();
  });
});
