// The Word report from the page, as an analyst makes one: add the demo view,
// change the view and add it too, move it up by keyboard, export, and read the
// download back with python-docx (tests/workbooks/read_docx.py): two views in
// the order chosen, each paragraph the one the page showed, its table's
// figures the page's, and the chart drawn as an image.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { changeAndWait, launch, openPage, outsideRequests, pageUrl, readTable, waitReady } from './helpers.mjs';

const BOOKS = fileURLToPath(new URL('../workbooks/', import.meta.url));
const python = fileURLToPath(new URL('../../target/py/bin/python', import.meta.url));

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  if (browser) await browser.close();
});

describe('the Word report', () => {
  test('two views added, reordered by keyboard and exported as one .docx', async () => {
    const context = await browser.newContext({ acceptDownloads: true });
    const log = await openPage(context, pageUrl());
    const { page } = log;
    await waitReady(page);
    const first = { title: await page.textContent('#result-title'), paragraph: await page.textContent('#paragraph-text'), table: await readTable(page) };
    await page.click('#report-add');
    assert.match(await page.textContent('#report'), /1\./);
    await changeAndWait(page, () => page.selectOption('#view-form [name="share"]', 'none'));
    const second = { title: await page.textContent('#result-title'), paragraph: await page.textContent('#paragraph-text') };
    await page.click('#report-add');
    assert.equal(await page.locator('#report li').count(), 2);
    // Move the second view up with the keyboard: its ↑ button, then Enter.
    await page.focus('#report li:nth-child(2) [data-action="up"]');
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement && document.activeElement.dataset.action), 'down', 'focus stays on the moved view');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-docx')]);
    assert.match(download.suggestedFilename(), /\.docx$/);
    const dir = mkdtempSync(join(tmpdir(), 'aidstat-page-docx-'));
    try {
      const file = join(dir, 'report.docx');
      await download.saveAs(file);
      const d = JSON.parse(execFileSync(python, [join(BOOKS, 'read_docx.py'), file], { encoding: 'utf8' }));
      // The moved view comes first: its paragraph, then the demo view's, as the page showed them.
      const paras = d.paragraphs;
      const a = paras.indexOf(second.paragraph);
      const b = paras.lastIndexOf(first.paragraph);
      assert.ok(a >= 0 && b > a, `${second.paragraph}\n${first.paragraph}\n---\n${paras.join('\n')}`);
      assert.equal(d.tables.length, 2);
      // The demo view's table (the second in the document) holds the figures the page's table shows.
      const shown = new Set(first.table.rows.flatMap((r) => r.cells.map((c) => c.text)));
      const written = d.tables[1].rows.slice(1).flatMap((r) => r.slice(1).map((c) => c.text)).filter((x) => /\d/.test(x));
      assert.ok(written.length > 0);
      for (const x of written) assert.ok(shown.has(x), `${x} is a figure of the page's table`);
      // Each view's chart, as drawn.
      assert.equal(d.images.length, 2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    assert.deepEqual(outsideRequests(log.requests), []);
    assert.deepEqual(log.errors, []);
    await context.close();
  });
});
