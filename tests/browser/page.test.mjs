// The single-file page, opened from disk (file://) in headless Debian
// chromium, used the way an analyst uses it. Every expected figure is worked
// out by hand from tests/data/huadu_utf8.csv (amounts in 万元):
//   column totals 2020 1000 = 430+148+90+14+130+188, 2021 2100, 2022 1200, all 4300;
//   医疗帮扶 2020 430 → 43.00 % of the 2020 column;
//   教育帮扶 148 → 1370 (420 花都区专项 + 950 清远市争取) → 658;
//   only 花都区专项: 148 → 420 → 658, growth 272/148 = 183.78 %, 238/420 = 56.67 %,
//   CAGR sqrt(658/148) − 1 = 110.85 %; 4300 / 3 years = 1433.33.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  ARTIFACTS, DATA, ROOT, cell, changeAndWait, launch, openPage, outsideRequests, pageUrl, readTable, resultSeq, screenshot, waitReady, BUILD,
} from './helpers.mjs';

const GBK = join(DATA, 'huadu_gbk_title.csv');
const UTF8 = join(DATA, 'huadu_utf8.csv');

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  if (browser) await browser.close();
});

/** Opens the page from disk and waits for the demo to be analysed. */
async function open(query = '', hash = '') {
  const context = await browser.newContext();
  const log = await openPage(context, pageUrl(query, hash));
  log.page.on('close', () => { context.close().catch(() => {}); });
  await waitReady(log.page);
  return log;
}

function assertClean(log) {
  assert.deepEqual(outsideRequests(log.requests), [], 'a request left the page');
  assert.deepEqual(log.dialogs, [], 'a dialog opened');
  assert.deepEqual(log.errors, [], 'errors on the page');
}

async function chooseFile(page, path) {
  await changeAndWait(page, () => page.setInputFiles('#file', path));
}

async function setSelect(page, name, value) {
  await changeAndWait(page, () => page.selectOption(`#view-form [name="${name}"]`, value));
}

async function setNumber(page, name, value) {
  const input = page.locator(`#view-form [name="${name}"]`);
  await changeAndWait(page, async () => {
    await input.fill(String(value));
    await input.dispatchEvent('change');
  });
}

/** Keeps only some values of a column through the filter list. */
async function keepOnly(page, column, values) {
  const box = page.locator(`#view-form details.filter[data-column="${column}"]`);
  if (!(await box.evaluate((d) => d.open))) await box.locator('summary').click();
  const inputs = box.locator('input[type=checkbox]');
  for (let i = 0; i < await inputs.count(); i += 1) {
    const input = inputs.nth(i);
    const want = values.includes(await input.getAttribute('data-filter-value'));
    if ((await input.isChecked()) !== want) await changeAndWait(page, () => input.setChecked(want));
  }
}

/** Non-white pixels of the chart's canvas. */
async function chartInk(page) {
  await page.waitForSelector('#chart[data-drawn=true]', { timeout: 30000 });
  return page.evaluate(() => {
    const canvas = document.querySelector('#chart canvas');
    if (!canvas) return 0;
    const ctx = canvas.getContext('2d');
    const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
    let ink = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i + 3] > 0 && (data[i] < 230 || data[i + 1] < 230 || data[i + 2] < 230)) ink += 1;
    return ink;
  });
}

function assertAllSources(table) {
  assert.equal(cell(table, '合计', '2020 金额').text, '1,000.00');
  assert.equal(cell(table, '合计', '2021 金额').text, '2,100.00');
  assert.equal(cell(table, '合计', '2022 金额').text, '1,200.00');
  assert.equal(cell(table, '合计', '合计 金额').text, '4,300.00');
  assert.equal(cell(table, '医疗帮扶', '2020 金额').text, '430.00');
  assert.equal(cell(table, '教育帮扶', '2020 金额').text, '148.00');
  assert.equal(cell(table, '教育帮扶', '2021 金额').text, '1,370.00');
  assert.equal(cell(table, '教育帮扶', '2022 金额').text, '658.00');
}

describe('the page from file://', () => {
  test('first screen: the demo, analysed, with a chart', async () => {
    const log = await open();
    const { page } = log;
    assert.equal(await page.evaluate(() => document.documentElement.dataset.engine), 'worker');
    // The build under test: SIMD in this Chromium, scalar with ?build=scalar (AIDSTAT_BUILD=scalar).
    assert.equal(await page.evaluate(() => document.documentElement.dataset.engineBuild), BUILD);
    assert.equal(await page.locator('#demo-note').isVisible(), true);
    const table = await readTable(page);
    assertAllSources(table);
    assert.equal(cell(table, '医疗帮扶', '2020 占比').text, '43.00%');
    assert.ok((await chartInk(page)) > 2000, 'the chart drew');
    await screenshot(page, '01-first-screen');
    assertClean(log);
    await page.close();
  });

  test('a GBK file with a title line, through the file input; shares, growth, units', async () => {
    const log = await open();
    const { page } = log;
    await chooseFile(page, GBK);
    const chips = await page.locator('#source .chips').textContent();
    assert.match(chips, /GBK/);
    assert.match(chips, /第 3 行为表头/);
    assert.match(chips, /单位行：万元/);
    let table = await readTable(page);
    assert.deepEqual(table.figureColumns, ['2020 金额', '2021 金额', '2022 金额', '合计 金额']);
    assertAllSources(table);
    assert.ok((await chartInk(page)) > 2000, 'the bar chart drew');

    // Share of the column (year) total.
    await setSelect(page, 'share', 'column');
    table = await readTable(page);
    assert.equal(cell(table, '医疗帮扶', '2020 占比').text, '43.00%');
    assert.equal(cell(table, '合计', '2020 占比').text, '100.00%');
    assert.equal(await page.locator('#chart').getAttribute('data-kind'), 'pct');
    assert.ok((await chartInk(page)) > 2000, 'the 100 % bars drew');
    await screenshot(page, '02-gbk-share');

    // Only the district's special fund; growth rate.
    await setSelect(page, 'share', 'none');
    await keepOnly(page, '资金来源', ['花都区专项']);
    table = await readTable(page);
    assert.equal(cell(table, '教育帮扶', '2020 金额').text, '148.00');
    assert.equal(cell(table, '教育帮扶', '2021 金额').text, '420.00');
    assert.equal(cell(table, '教育帮扶', '2022 金额').text, '658.00');
    await setSelect(page, 'growth', 'rate');
    table = await readTable(page);
    assert.equal(cell(table, '教育帮扶', '2021 增长率').text, '183.78%');
    assert.equal(cell(table, '教育帮扶', '2022 增长率').text, '56.67%');
    const first = cell(table, '教育帮扶', '2020 增长率');
    assert.equal(first.text, '—');
    assert.match(first.title, /上一期没有数据/);
    // 乡村振兴 has no 2020 figure: 2021 cannot be compared.
    assert.match(cell(table, '乡村振兴', '2021 增长率').title, /上一期没有数据/);
    assert.equal(await page.locator('#chart').getAttribute('data-kind'), 'line');
    assert.ok((await chartInk(page)) > 1000, 'the growth lines drew');
    await screenshot(page, '03-growth-rate');

    await setSelect(page, 'growth', 'cagr');
    table = await readTable(page);
    assert.equal(cell(table, '教育帮扶', '年均增长率（2020—2022）').text, '110.85%');
    assert.equal(await page.locator('#chart').getAttribute('data-kind'), 'summary');
    await screenshot(page, '04-cagr');

    // All sources again: average per year of the grand total.
    await keepOnly(page, '资金来源', ['花都区专项', '清远市争取']);
    await setSelect(page, 'growth', 'average');
    table = await readTable(page);
    assert.equal(cell(table, '合计', '年均值（2020—2022）').text, '1,433.33');

    // Units.
    await setSelect(page, 'growth', 'none');
    await setSelect(page, 'unit', '元');
    table = await readTable(page);
    assert.equal(cell(table, '医疗帮扶', '2020 金额').text, '4,300,000.00');
    assert.match(await page.locator('#result-sub').textContent(), /单位：元/);
    await setSelect(page, 'unit', '亿元');
    await setNumber(page, 'precision', 4);
    table = await readTable(page);
    assert.equal(cell(table, '合计', '合计 金额').text, '0.4300');
    assertClean(log);
    await page.close();
  });

  test('pasting cells copied from a spreadsheet gives the same figures', async () => {
    const log = await open();
    const { page } = log;
    const tsv = readFileSync(UTF8, 'utf8').trim().split(/\r?\n/).map((l) => l.split(',').join('\t')).join('\n');
    await page.click('#paste-toggle');
    await page.fill('#paste-text', tsv);
    await changeAndWait(page, () => page.click('#paste-go'));
    assert.match(await page.locator('#source').textContent(), /粘贴的表格/);
    assert.match(await page.locator('#source .chips').textContent(), /制表符分隔/);
    assertAllSources(await readTable(page));
    await screenshot(page, '05-pasted');

    // A paste anywhere on the page (Ctrl+V outside a field) works too.
    await changeAndWait(page, () => page.evaluate((text) => {
      const data = new DataTransfer();
      data.setData('text/plain', text);
      document.body.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, tsv.replace('年度', '年份')));
    const table = await readTable(page);
    assert.equal(table.rows.length, 8);
    assertAllSources(table);
    assertClean(log);
    await page.close();
  });

  test('other files: Big5, UTF-16 with tabs, JSON with mixed units, 元 with its own total row', async () => {
    const log = await open();
    const { page } = log;
    await chooseFile(page, join(DATA, 'huadu_big5_trad.csv'));
    assert.match(await page.locator('#source .chips').textContent(), /Big5/);
    let table = await readTable(page);
    assert.equal(cell(table, '醫療幫扶', '2020 金额').text, '430.00');
    assert.equal(cell(table, '合计', '合计 金额').text, '4,300.00');

    await chooseFile(page, join(DATA, 'huadu_utf16.txt'));
    assert.match(await page.locator('#source .chips').textContent(), /UTF-16LE.*制表符分隔/);
    assertAllSources(await readTable(page));

    await chooseFile(page, join(DATA, 'huadu_mixed.json'));
    assert.match(await page.locator('#source .chips').textContent(), /JSON/);
    assertAllSources(await readTable(page));

    await chooseFile(page, join(DATA, 'huadu_yuan.csv'));
    assert.match(await page.locator('#source .chips').textContent(), /另置 1 行/);
    table = await readTable(page);
    assert.equal(cell(table, '医疗帮扶', '2020 金额').text, '4,300,000.00');
    assert.equal(cell(table, '合计', '合计 金额').text, '43,000,000.00', 'the file\'s own 合计 row is not added again');
    // The set-aside row and the check of the file's total are shown.
    await page.click('#understood-details > summary');
    const aside = await page.locator('#understood-details').textContent();
    assert.match(aside, /合计,,,,,43,000,000/);
    assert.match(await page.locator('#diagnostics').textContent(), /相符/);
    await setSelect(page, 'unit', '万元');
    assertAllSources(await readTable(page));
    await screenshot(page, '12-yuan-total-row');
    assertClean(log);
    await page.close();
  });

  test('correcting a column\'s unit and role', async () => {
    const log = await open();
    const { page } = log;
    await chooseFile(page, GBK);
    await page.click('#understood-details > summary');
    // Say the amounts were in 元, not 万元 (the unit line was wrong).
    await changeAndWait(page, () => page.selectOption('select[aria-label="“金额”的单位"]', '元'));
    assert.match(await page.locator('#understood-details').textContent(), /来自手动更正/);
    let table = await readTable(page);
    assert.equal(cell(table, '医疗帮扶', '2020 金额').text, '430.00');
    assert.match(await page.locator('#result-sub').textContent(), /单位：元/);
    await setSelect(page, 'unit', '万元');
    table = await readTable(page);
    assert.equal(cell(table, '医疗帮扶', '2020 金额').text, '0.04');
    // 帮扶方 ignored: it leaves the lists of dimensions.
    await changeAndWait(page, () => page.selectOption('select[aria-label="“帮扶方”的作用"]', 'ignore'));
    assert.equal(await page.locator('#view-form [name=row0] option[value="帮扶方"]').count(), 0);
    assert.match(decodeURIComponent(page.url()), /read=/, 'the corrections are in the link');
    await screenshot(page, '13-corrections');
    assertClean(log);
    await page.close();
  });

  test('exports: CSV with a BOM, GB18030, JSON, PNG and SVG', async () => {
    const log = await open();
    const { page } = log;
    await chooseFile(page, GBK);
    await setSelect(page, 'share', 'column');
    const save = async (selector) => {
      const [download] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
      return { name: download.suggestedFilename(), bytes: readFileSync(await download.path()) };
    };
    const csv = await save('#export-csv');
    assert.match(csv.name, /\.csv$/);
    assert.deepEqual([...csv.bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 BOM');
    const text = csv.bytes.subarray(3).toString('utf8');
    const lines = text.split('\r\n');
    assert.equal(lines[0], '板块,2020 金额（万元）,2020 占比,2021 金额（万元）,2021 占比,2022 金额（万元）,2022 占比,合计 金额（万元）,合计 占比');
    assert.equal(lines[1], '医疗帮扶,430.00,43.00%,30.00,1.43%,150.00,12.50%,610.00,14.19%');
    assert.ok(lines.includes('教育帮扶,148.00,14.80%,1370.00,65.24%,658.00,54.83%,2176.00,50.60%'), text);
    assert.ok(lines.includes('合计,1000.00,100.00%,2100.00,100.00%,1200.00,100.00%,4300.00,100.00%'), text);
    writeFileSync(join(ARTIFACTS, 'export.csv'), csv.bytes);

    const gb = await save('#export-csv-gb');
    assert.notDeepEqual([...gb.bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'no BOM in GB18030');
    assert.equal(new TextDecoder('gb18030').decode(gb.bytes), text, 'GB18030 holds the same text');
    assert.ok(gb.bytes.includes(Buffer.from([0xd2, 0xbd, 0xc1, 0xc6])), '医疗 in GB18030');

    await page.waitForSelector('#findings[data-state="done"]');
    const json = JSON.parse((await save('#export-json')).bytes.toString('utf8'));
    assert.equal(json.source.encoding, 'GBK');
    const total = json.result.rows.find((r) => r.kind === 'total');
    assert.match(total.cells[3].value.exact, /^4300(\.0*)?$/);
    // The paragraph and the file's checks travel in the JSON export too.
    assert.ok(json.result.paragraph.zh.includes('4,300.00'), json.result.paragraph.zh);
    assert.ok(Array.isArray(json.findings), 'findings exported');

    const png = await save('#export-png');
    assert.deepEqual([...png.bytes.subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47], 'PNG signature');
    writeFileSync(join(ARTIFACTS, 'export-chart.png'), png.bytes);
    const svg = (await save('#export-svg')).bytes.toString('utf8');
    assert.match(svg, /^<svg/);
    assert.ok((svg.match(/<path/g) || []).length > 10, 'bars in the SVG');
    assert.match(svg, /医疗帮扶/);
    writeFileSync(join(ARTIFACTS, 'export-chart.svg'), svg);
    assertClean(log);
    await page.close();
  });

  test('a file whose header and cells hold HTML shows them as text and runs nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aidstat-xss-'));
    const file = join(dir, 'xss.csv');
    writeFileSync(file, [
      '年度,<img src=x onerror=alert(1)>,金额(万元)',
      '2020,<img src=x onerror=alert(1)>,10',
      '2021,<img src=x onerror=alert(1)>,20',
      '2021,<script>alert(2)</script>,5',
      '2022,<b onmouseover=alert(3)>粗体</b>,7',
    ].join('\n'));
    const log = await open();
    const { page } = log;
    const scripts = await page.evaluate(() => document.scripts.length);
    await chooseFile(page, file);
    const table = await readTable(page);
    assert.equal(table.columns[0], '<img src=x onerror=alert(1)>');
    assert.equal(cell(table, '<img src=x onerror=alert(1)>', '2020 金额').text, '10.00');
    assert.equal(cell(table, '<script>alert(2)</script>', '2021 金额').text, '5.00');
    await page.click('#understood-details > summary');
    await page.locator('#view-form details.filter summary').first().click();
    // Hover the chart so that tooltips draw the labels.
    const box = await page.locator('#chart').boundingBox();
    for (let x = box.x + 40; x < box.x + box.width - 20; x += 60) await page.mouse.move(x, box.y + box.height / 2);
    await page.waitForTimeout(300); // let a tooltip render, if any
    assert.equal(await page.evaluate(() => document.querySelectorAll('img, [onerror], [onmouseover]').length), 0, 'no element made from file text');
    assert.equal(await page.evaluate(() => [...document.querySelectorAll('b')].some((b) => b.textContent === '粗体')), false);
    // The tooltip shows the label as text.
    assert.match(await page.locator('#chart').textContent(), /<img src=x onerror=alert\(1\)>|<script>|<b onmouseover/);
    assert.equal(await page.evaluate(() => document.scripts.length), scripts, 'no script added');
    assert.equal(await page.evaluate(() => document.body.innerText.includes('<img src=x onerror=alert(1)>')), true);
    await screenshot(page, '06-html-as-text');
    assertClean(log);
    await page.close();
  });

  test('empty figures say why on hover: 新增 after a zero year, — with no prior year', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aidstat-reasons-'));
    const file = join(dir, 'reasons.csv');
    writeFileSync(file, '年度,板块,金额(万元)\n2020,甲,0\n2021,甲,5\n2020,乙,0\n2021,乙,0\n2021,丙,3\n2020,丁,-4\n2021,丁,2\n');
    const log = await open();
    const { page } = log;
    await chooseFile(page, file);
    await setSelect(page, 'growth', 'rate');
    const table = await readTable(page);
    const fresh = cell(table, '甲', '2021 增长率');
    assert.equal(fresh.text, '新增');
    assert.match(fresh.title, /上年为 0，无法计算增长率/);
    const none = cell(table, '乙', '2021 增长率');
    assert.equal(none.text, '—');
    assert.match(none.title, /上年为 0/);
    assert.match(cell(table, '丙', '2021 增长率').title, /上一期没有数据/);
    // A negative prior year: the rate uses its absolute value, and says so.
    assert.equal(cell(table, '丁', '2021 增长率').text, '150.00%');
    assert.match(cell(table, '丁', '2021 增长率').title, /绝对值/);
    await page.selectOption('#lang', 'en');
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    await setSelect(page, 'growth', 'rate');
    const en = await readTable(page);
    assert.equal(cell(en, '甲', '2021 growth rate').text, 'new');
    assert.match(cell(en, '甲', '2021 growth rate').title, /previous year is 0/);
    assertClean(log);
    await page.close();
  });

  test('a donut of shares', async () => {
    const log = await open();
    const { page } = log;
    await setSelect(page, 'columns', '');
    await page.selectOption('#chart-kind', 'donut');
    await page.waitForSelector('#chart[data-kind=donut][data-drawn=true]');
    assert.ok((await chartInk(page)) > 2000);
    await screenshot(page, '14-donut');
    assertClean(log);
    await page.close();
  });

  test('the view is kept in the URL hash and reopens after the file is dropped again', async () => {
    let log = await open();
    let { page } = log;
    await chooseFile(page, GBK);
    await keepOnly(page, '资金来源', ['花都区专项']);
    await setSelect(page, 'growth', 'rate');
    await setNumber(page, 'percentPrecision', 1);
    const url = page.url();
    assert.match(decodeURIComponent(url), /growth=rate/);
    assert.match(decodeURIComponent(url), /花都区专项/);
    await page.close();

    // A bookmark of the file:// page: the demo (whose amount column is named
    // differently) opens in its own view, and dropping the file again brings the saved view back.
    log = await open('', new URL(url).hash);
    page = log.page;
    assert.equal(await page.locator('#view-form [name=growth]').inputValue(), 'none');
    await chooseFile(page, GBK);
    const table = await readTable(page);
    assert.equal(cell(table, '教育帮扶', '2021 金额').text, '420.00');
    assert.equal(cell(table, '教育帮扶', '2022 增长率').text, '56.7%');
    assert.equal(await page.locator('#view-form [name=growth]').inputValue(), 'rate');
    assertClean(log);
    await page.close();
  });

  test('sorting, subtotals and the keyboard', async () => {
    const log = await open();
    const { page } = log;
    await setSelect(page, 'row0', '资金来源');
    await setSelect(page, 'row1', '板块');
    let table = await readTable(page);
    assert.equal(cell(table, '花都区专项 小计', '合计 金额').text, '3,350.00');
    assert.equal(cell(table, '清远市争取 小计', '合计 金额').text, '950.00');
    // Sort by the total, descending: within 花都区专项, 医疗帮扶 (610) comes first.
    await page.locator('#table-wrap thead button', { hasText: '金额' }).last().focus();
    await page.keyboard.press('Enter');
    table = await readTable(page);
    const labels = table.rows.map((r) => r.label);
    assert.equal(labels[0], '花都区专项 / 教育帮扶');
    assert.equal(labels.at(-1), '合计');
    assert.ok(labels.indexOf('花都区专项 小计') < labels.indexOf('清远市争取 / 教育帮扶'));
    assert.equal(await page.locator('#table-wrap th[aria-sort=descending]').count(), 1);
    await changeAndWait(page, () => page.locator('#view-form [name=subtotals]').setChecked(false));
    table = await readTable(page);
    assert.equal(table.rows.filter((r) => r.kind === 'subtotal').length, 0);
    // Every control of the form has a label.
    const unlabelled = await page.evaluate(() => [...document.querySelectorAll('select, input, textarea')]
      .filter((el) => el.type !== 'hidden' && el.type !== 'file' && !(el.labels && el.labels.length) && !el.getAttribute('aria-label'))
      .map((el) => el.name || el.id));
    assert.deepEqual(unlabelled, []);
    assertClean(log);
    await page.close();
  });

  test('languages: 繁體中文 and English', async () => {
    const log = await open();
    const { page } = log;
    await page.selectOption('#lang', 'en');
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    assert.match(await page.locator('h1').textContent(), /Paired-assistance/);
    let table = await readTable(page);
    assert.equal(cell(table, 'Total', '2020 amount').text, '1,000.00');
    await screenshot(page, '07-english');
    await page.selectOption('#lang', 'zh-TW');
    await page.waitForFunction(() => document.documentElement.lang === 'zh-TW');
    assert.match(await page.locator('h1').textContent(), /對口幫扶/);
    table = await readTable(page);
    assert.equal(cell(table, '合計', '2020 金額').text, '1,000.00');
    assertClean(log);
    await page.close();
  });

  test('readable at an 800 px portal column and at 200 % zoom; a clean A4 print', async () => {
    const log = await open();
    const { page } = log;
    await page.setViewportSize({ width: 800, height: 900 });
    await page.waitForFunction(() => document.documentElement.scrollWidth <= 800);
    await screenshot(page, '08-width-800');
    // 200 % zoom of a 1280 px window: 640 CSS px.
    await page.setViewportSize({ width: 640, height: 800 });
    await page.waitForFunction(() => document.documentElement.scrollWidth <= 640);
    await screenshot(page, '09-zoom-200');
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.emulateMedia({ media: 'print' });
    await screenshot(page, '10-print');
    assert.equal(await page.locator('.panel').isVisible(), false, 'controls are not printed');
    await page.emulateMedia({ media: 'screen' });
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    writeFileSync(join(ARTIFACTS, 'print.pdf'), pdf);
    assert.ok(pdf.length > 20000);
    assertClean(log);
    await page.close();
  });

  test('a big file is parsed in the worker, with progress and a working cancel', async () => {
    const log = await open();
    const { page } = log;
    const before = await resultSeq(page);
    const firstTotal = cell(await readTable(page), '合计', '合计 金额').text;
    // About 60 MB, dropped on the page.
    await page.evaluate(() => {
      const cats = ['医疗帮扶', '教育帮扶', '招商推介', '人才招聘', '老区建设', '文体交流', '乡村振兴'];
      const parts = ['年度,帮扶方,受援方,资金来源,板块,金额(万元)\n'];
      for (let i = 0; i < 1000000; i += 1) parts.push(`${2015 + (i % 8)},花都区,清新区,花都区专项,${cats[i % 7]},${(i % 997) + 0.25}\n`);
      const file = new File(parts, 'big.csv', { type: 'text/csv' });
      const data = new DataTransfer();
      data.items.add(file);
      window.dispatchEvent(new DragEvent('dragenter', { dataTransfer: data, bubbles: true, cancelable: true }));
      window.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    });
    await page.waitForSelector('#progress:not([hidden])', { timeout: 10000 });
    await screenshot(page, '11-progress', { fullPage: false });
    // The tab stays responsive while the worker parses.
    const t0 = Date.now();
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r())));
    assert.ok(Date.now() - t0 < 1000, 'main thread is free');
    await page.click('#cancel');
    await page.waitForFunction(() => document.documentElement.dataset.state === 'ready' && document.querySelector('#progress').hidden);
    assert.match(await page.locator('#status').textContent(), /已取消/);
    assert.equal(await resultSeq(page), before, 'the previous result stays');
    // The engine was restarted with the previous data and still answers.
    await setSelect(page, 'share', 'none');
    assert.equal(cell(await readTable(page), '合计', '合计 金额').text, firstTotal);
    assertClean(log);
    await page.close();
  });

  test('the developer page www/index.html works from file:// after the build', async () => {
    const context = await browser.newContext();
    const log = await openPage(context, pathToFileURL(join(ROOT, 'www/index.html')).href);
    await waitReady(log.page);
    assertAllSources(await readTable(log.page));
    assertClean(log);
    await context.close();
  });

  test('a view of thousands of rows draws the first 2000 and exports all', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aidstat-many-'));
    const file = join(dir, 'many.csv');
    const lines = ['项目,年度,金额(万元)'];
    for (let i = 0; i < 3000; i += 1) lines.push(`项目${String(i).padStart(4, '0')},2021,${i}`);
    writeFileSync(file, lines.join('\n'));
    const log = await open();
    const { page } = log;
    await chooseFile(page, file);
    assert.equal(await page.locator('#table-wrap tbody tr').count(), 2001);
    assert.match(await page.locator('#table-note').textContent(), /前 2000 行（共 3001 行）/);
    assert.equal(cell(await readTable(page), '合计', '2021 金额').text, '4,498,500.00');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-csv')]);
    const csv = readFileSync(await download.path(), 'utf8');
    assert.equal(csv.trim().split('\r\n').length, 1 + 3001);
    assertClean(log);
    await page.close();
  });

  test('without a worker the page computes on the main thread', async () => {
    const log = await open('?worker=off');
    const { page } = log;
    assert.equal(await page.evaluate(() => document.documentElement.dataset.engine), 'main');
    await chooseFile(page, GBK);
    assertAllSources(await readTable(page));
    assertClean(log);
    await page.close();
  });
});
