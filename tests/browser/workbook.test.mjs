// A workbook in the page (issue #12): tests/workbooks/seed.xlsx (XlsxWriter:
// merged title and 单位 rows, years merged beside their blocks, formula and
// text amounts, a =SUM() 合计 row, a hidden sheet and a cover sheet) chosen
// in the file input of dist/aidstat.html as file://. The Office module is
// started only then. By hand (tests/workbook.rs): 医疗帮扶 2020 430.00,
// 2020 total 1,000.00, all 4,300.00; on sheet 2023 医疗帮扶 0.30 and 1,033.98.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { cell, changeAndWait, launch, openPage, outsideRequests, pageUrl, readTable, waitReady } from './helpers.mjs';

const BOOKS = fileURLToPath(new URL('../workbooks/', import.meta.url));

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  if (browser) await browser.close();
});

describe('a workbook chosen in the page', () => {
  test('a damaged workbook the reader trips over: a clear message, and the next workbook opens', async () => {
    const context = await browser.newContext();
    const log = await openPage(context, pageUrl());
    const { page } = log;
    await waitReady(page);
    // calamine 0.38 panics on this file (tests/regression): in wasm a trap of the Office module.
    await page.setInputFiles('#file', fileURLToPath(new URL('../regression/data/xls_sheet_past_stream.xls', import.meta.url)));
    await page.waitForSelector('#alert:not([hidden])');
    const alert = await page.textContent('#alert');
    assert.match(alert, /无法读取这个工作簿，文件可能已损坏或不完整/);
    assert.doesNotMatch(alert, /计算引擎出错/);
    await changeAndWait(page, () => page.setInputFiles('#file', join(BOOKS, 'seed.xlsx')));
    const table = await readTable(page);
    assert.equal(cell(table, '合计', '合计 金额').text, '4,300.00');
    assert.deepEqual(log.errors, []);
    await context.close();
  });

  for (const mode of ['worker', 'main']) {
    test(`gives the seed figures, and another sheet when picked (${mode})`, async () => {
      const context = await browser.newContext();
      const log = await openPage(context, pageUrl(mode === 'main' ? '?worker=off' : ''));
      const { page } = log;
      await waitReady(page);
      await changeAndWait(page, () => page.setInputFiles('#file', join(BOOKS, 'seed.xlsx')));
      const chips = await page.textContent('#source');
      assert.match(chips, /工作簿（\.xlsx）/);
      assert.match(chips, /工作表“明细”/);
      assert.match(chips, /第 3 行为表头/);
      const table = await readTable(page);
      assert.equal(cell(table, '医疗帮扶', '2020 金额').text, '430.00');
      assert.equal(cell(table, '合计', '2020 金额').text, '1,000.00');
      assert.equal(cell(table, '合计', '合计 金额').text, '4,300.00');
      // The sheet picker lists every sheet, the hidden one marked.
      const options = await page.$$eval('#source select[name="sheet"] option', (os) => os.map((o) => o.textContent));
      assert.deepEqual(options, ['旧表（2 行 × 2 列）（隐藏）', '封面（1 行 × 1 列）', '明细（23 行 × 6 列）', '2023（4 行 × 3 列）']);
      await changeAndWait(page, () => page.selectOption('#source select[name="sheet"]', '2023'));
      assert.match(await page.textContent('#source'), /工作表“2023”/);
      const other = await readTable(page);
      const flat = JSON.stringify(other);
      assert.match(flat, /1,033\.98/);

      // Back to 明细, and its view exported as Excel: read back by openpyxl.
      await changeAndWait(page, () => page.selectOption('#source select[name="sheet"]', '明细'));
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-xlsx')]);
      assert.match(download.suggestedFilename(), /\.xlsx$/);
      const dir = mkdtempSync(join(tmpdir(), 'aidstat-page-xlsx-'));
      try {
        const file = join(dir, 'view.xlsx');
        await download.saveAs(file);
        const python = fileURLToPath(new URL('../../target/py/bin/python', import.meta.url));
        const wb = JSON.parse(execFileSync(python, [join(BOOKS, 'read_export.py'), file], { encoding: 'utf8' }));
        assert.deepEqual(wb.sheets, ['汇总', '说明']);
        const cells = Object.values(wb.grid.cells);
        // The figures as numbers with the view's format: 430 (医疗 2020) and 4,300 (the grand total).
        assert.ok(cells.some((c) => c[0] === '430' && c[1] === 'n' && c[2] === '#,##0.00'), JSON.stringify(wb.grid.cells));
        assert.ok(cells.some((c) => c[0] === '4300' && c[1] === 'n' && c[3] === true));
        const notes = Object.fromEntries(wb.notes.filter((r) => r[0]).map((r) => [r[0], r[1]]));
        assert.equal(notes['来源文件'], 'seed.xlsx');
        assert.equal(notes['读取的工作表'], '明细');
        // The paragraph as the page shows it.
        assert.equal(notes['报告段落'], await page.textContent('#paragraph-text'));
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
      assert.deepEqual(outsideRequests(log.requests), []);
      assert.deepEqual(log.errors, []);
      await context.close();
    });
  }
});
