// Several files as one table (issue #14), in the single-file page opened from
// disk: two files chosen at once (a GBK file with a title and 单位：万元, and
// a UTF-8 file in 元 without 资金来源), then a third added with 添加文件.
// Figures by hand from the seed: 2020 1,000, 2021 2,100, 2022 1,200 万元.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DATA, changeAndWait, launch, openPage, outsideRequests, readTable, cell, waitReady } from './helpers.mjs';

let browser;
let dir;
before(async () => {
  browser = await launch();
  dir = mkdtempSync(join(tmpdir(), 'aidstat-files-'));
});
after(async () => {
  if (browser) await browser.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('several files', () => {
  test('two files at once are one table by 来源文件; a third is added', async () => {
    const context = await browser.browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 900 } });
    const log = await openPage(context);
    const { page } = log;
    await waitReady(page);
    assert.equal(await page.locator('#add-file').isHidden(), true, '添加文件 waits for a file');
    // 2022 only, in 元, without the 资金来源 column.
    const yuan = readFileSync(join(DATA, 'huadu_yuan.csv'), 'utf8').split('\n');
    const late = [yuan[0], ...yuan.filter((l) => l.startsWith('2022'))]
      .map((l) => { const f = l.split(','); f.splice(3, 1); return f.join(','); }).join('\n');
    const file2022 = join(dir, '花都2022.csv');
    writeFileSync(file2022, `${late}\n`);
    await changeAndWait(page, () => page.setInputFiles('#file', [join(DATA, 'huadu_gbk_title.csv'), file2022]));
    assert.match(await page.textContent('#source'), /2 个文件/);
    let table = await readTable(page);
    const total = table.rows.find((r) => r.kind === 'total');
    assert.ok(total, 'a total row');
    const text = total.cells.map((c) => c.text);
    // 4,300 from the GBK file and 1,200 from the 2022 file; 2022: 1,200 + 1,200.
    assert.ok(text.includes('5,500.00'), text.join(' | '));
    assert.ok(text.includes('2,400.00'), text.join(' | '));
    // What was read of each file, and the column one of them lacks.
    await page.click('#understood summary');
    const understood = await page.textContent('#understood');
    assert.match(understood, /huadu_gbk_title\.csv”：GBK编码，表头在第 3 行/);
    assert.match(understood, /“花都2022\.csv”没有“资金来源”列/);
    // 来源文件 is a dimension the view can use.
    assert.ok((await page.locator('option', { hasText: '来源文件' }).count()) > 0, '来源文件 offered');
    // 添加文件: the full UTF-8 seed file joins the two.
    assert.equal(await page.locator('#add-file').isVisible(), true);
    await changeAndWait(page, () => page.setInputFiles('#file-add', join(DATA, 'huadu_utf8.csv')));
    assert.match(await page.textContent('#source'), /3 个文件/);
    table = await readTable(page);
    const all = table.rows.find((r) => r.kind === 'total').cells.map((c) => c.text);
    assert.ok(all.includes('9,800.00'), all.join(' | '));
    assert.deepEqual(outsideRequests(log.requests), []);
    assert.deepEqual(log.errors, []);
    await context.close();
  });
});
