// Phones, touch, the keyboard and IE mode (issue #10), in the single-file page
// opened from disk (Debian chromium), done as a person does it:
//   1. a 390 px phone (touch): the result table within the first screen, its
//      corner header pinned with the row labels, a tapped cell's reason shown
//      in words, touch targets of at least 24 × 24 px;
//   2. the keyboard: the focus stays on a finding after 采纳更正 and 撤销, Esc
//      closes the paste panel, the chart is a tab stop with a text alternative;
//   3. IE mode (no script runs): a message to switch to 极速模式 or open the
//      file in Edge / Chrome, gone once the page has started.
// Figures are worked out by hand (see bigFile below and findings.test.mjs).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DATA, ROOT, cell, changeAndWait, launch, openPage, outsideRequests, pageUrl, readTable, screenshot, waitReady,
} from './helpers.mjs';

const SLIP = join(DATA, 'checks/seed002_unit_slip.csv');
const PHONE = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, locale: 'zh-CN' };
const DESKTOP = { viewport: { width: 1366, height: 900 }, locale: 'zh-CN' };

let browser;
let dir;
let wide;
before(async () => {
  browser = await launch();
  dir = mkdtempSync(join(tmpdir(), 'aidstat-access-'));
  wide = bigFile();
});
after(async () => {
  if (browser) await browser.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/**
 * 24 projects × 2019–2023 (项目 k, year y: 100k + 10(y − 2019) 万元), plus
 * 新项目 (0, 50, 80, 80, 100: its 2020 rate is 新增, the year before was 0) and
 * 后来项目 (from 2021: 60, 90, 90; its 2021 rate is —, no earlier year).
 * With growth rates it is wider and taller than a phone.
 */
function bigFile() {
  const lines = ['年度,板块,金额(万元)'];
  for (let k = 1; k <= 24; k += 1) {
    for (let y = 2019; y <= 2023; y += 1) lines.push(`${y},项目${String(k).padStart(2, '0')},${100 * k + 10 * (y - 2019)}`);
  }
  [0, 50, 80, 80, 100].forEach((v, i) => lines.push(`${2019 + i},新项目,${v}`));
  [60, 90, 90].forEach((v, i) => lines.push(`${2021 + i},后来项目,${v}`));
  const file = join(dir, 'projects.csv');
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

async function open(options = DESKTOP, hash = '') {
  const context = await browser.browser.newContext(options);
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

async function grandTotal(page) {
  const table = await readTable(page);
  const total = table.rows.find((r) => r.kind === 'total');
  assert.ok(total, 'the table has a total row');
  return total.cells[total.cells.length - 1].text;
}

/** What has the focus: its id, data-action, text, and whether it is in #findings. */
function focused(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    return { tag: el.tagName, id: el.id, action: el.dataset.action || '', text: el.textContent.trim(), inFindings: !!el.closest('#findings'), inAccepted: !!el.closest('.accepted-list'), code: el.closest('li[data-code]')?.dataset.code || '' };
  });
}

const box = (page, sel) => page.locator(sel).first().evaluate((el) => {
  const r = el.getBoundingClientRect();
  return { left: r.left, right: r.right, top: r.top, bottom: r.bottom, width: r.width, height: r.height };
});

describe('phones, touch, the keyboard and IE mode (#10)', () => {
  test('390 px phone: the result within the first screen, the controls folded; desktop unchanged', async () => {
    let log = await open(PHONE);
    let { page } = log;
    assert.equal(await page.evaluate(() => innerWidth), 390);
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 390, 'no sideways scrolling of the page');
    // The demo's first figures are on the first screen, without scrolling.
    assert.equal(await page.evaluate(() => document.querySelector('#view-details').open), false, 'the controls are folded');
    const firstRow = await box(page, '#table-wrap tbody tr');
    assert.ok(firstRow.bottom <= 844, `the first row of the table ends at ${firstRow.bottom}px`);
    assert.equal(cell(await readTable(page), '合计', '2020 金额').text, '1,000.00');
    // Tap the summary: the controls open, and a change is answered.
    await page.tap('#view-details > summary');
    assert.equal(await page.evaluate(() => document.querySelector('#view-details').open), true);
    await changeAndWait(page, () => page.selectOption('#view-form [name="share"]', 'none'));
    assert.equal(cell(await readTable(page), '合计', '2020 金额').text, '1,000.00');
    assert.equal(await page.locator('#view-form [name="share"]').inputValue(), 'none');
    await screenshot(page, '40-phone-390');
    assertClean(log);
    await page.close();

    // Desktop: the controls beside the result, always open, no summary.
    log = await open(DESKTOP);
    page = log.page;
    assert.equal(await page.evaluate(() => document.querySelector('#view-details').open), true);
    assert.equal(await page.locator('#view-details > summary').isVisible(), false);
    const panel = await box(page, '.panel');
    const content = await box(page, '.content');
    assert.ok(panel.right <= content.left, 'the controls are left of the result');
    assert.ok(Math.abs(panel.top - content.top) < 1, 'side by side');
    assert.equal(Math.round(panel.width), 290);
    assertClean(log);
    await page.close();
  });

  test('390 px: the column table of 数据识别 keeps its names whole and scrolls sideways with them pinned', async () => {
    const log = await open(PHONE);
    const { page } = log;
    await page.tap('#understood-details > summary');
    const lines = () => page.evaluate(() => {
      // Lines of each text: distinct tops of its characters' boxes.
      const count = (el) => {
        const r = document.createRange();
        r.selectNodeContents(el);
        return new Set([...r.getClientRects()].map((b) => Math.round(b.top))).size;
      };
      const t = document.querySelector('#understood-details .columns-table');
      return {
        names: Object.fromEntries([...t.querySelectorAll('tbody th[scope=row]')].map((th) => [th.textContent, count(th)])),
        heads: [...t.querySelectorAll('thead th')].map((th) => [th.textContent, count(th)]),
      };
    });
    const l = await lines();
    for (const name of ['年度', '帮扶方', '受援方', '资金来源', '板块']) assert.equal(l.names[name], 1, `${name} on one line: ${JSON.stringify(l.names)}`);
    assert.ok(l.names['金额(万元)'] <= 2, JSON.stringify(l.names));
    // 不同值 / 空 / 无法读取 breaks at its spaces only (three lines at most), never inside a word.
    assert.ok(l.heads.every(([, n]) => n <= 3), JSON.stringify(l.heads));
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 390, 'no sideways scrolling of the page');
    const name = page.locator('#understood-details .columns-table tbody th[scope=row]').first();
    const before = (await name.boundingBox()).x;
    await page.evaluate(() => { document.querySelector('#understood-details .table-scroll').scrollLeft = 200; });
    assert.ok(await page.evaluate(() => document.querySelector('#understood-details .table-scroll').scrollLeft) > 0, 'the table scrolls sideways');
    assert.equal((await name.boundingBox()).x, before, 'the column names stay in view');
    // A role changed there is answered as on a desktop.
    await changeAndWait(page, () => page.selectOption('#understood-details select[data-column="帮扶方"][data-what="role"]', 'ignore'));
    assert.equal(cell(await readTable(page), '合计', '2020 金额').text, '1,000.00');
    assertClean(log);
    await page.close();
  });

  test('390 px: the corner header stays with the pinned row labels; a tap shows why a figure is empty', async () => {
    const log = await open(PHONE);
    const { page } = log;
    await changeAndWait(page, () => page.setInputFiles('#file', wide));
    await page.tap('#view-details > summary');
    await changeAndWait(page, () => page.selectOption('#view-form [name="growth"]', 'rate'));
    const table = await readTable(page);
    assert.equal(cell(table, '项目01', '2020 增长率').text, '10.00%'); // 100 → 110
    assert.equal(cell(table, '项目24', '2023 金额').text, '2,440.00');
    assert.equal(cell(table, '项目24', '合计 金额').text, '12,100.00'); // 5 × 2400 + 100
    assert.equal(cell(table, '新项目', '2020 增长率').text, '新增');
    assert.equal(cell(table, '后来项目', '2021 增长率').text, '—');
    assert.equal(cell(table, '后来项目', '2022 增长率').text, '50.00%');

    // Fold the controls again, then scroll the table right and down, as a thumb does.
    await page.tap('#view-details > summary');
    const wrap = page.locator('#table-wrap');
    await wrap.scrollIntoViewIfNeeded();
    const before = await box(page, '#table-wrap thead tr:first-child th:nth-child(2)');
    await wrap.evaluate((el) => { el.scrollLeft = 400; el.scrollTop = 300; });
    await page.waitForFunction(() => document.querySelector('#table-wrap').scrollLeft >= 300 && document.querySelector('#table-wrap').scrollTop >= 200);
    const pos = await page.evaluate(() => {
      const w = document.querySelector('#table-wrap');
      const r = w.getBoundingClientRect();
      const corner = w.querySelector('thead tr:first-child th');
      const c = corner.getBoundingClientRect();
      // A row label that is on screen, well below the header.
      const label = [...w.querySelectorAll('tbody tr th')].map((th) => th.getBoundingClientRect()).find((b) => b.top > c.bottom + 40);
      const hit = document.elementFromPoint(c.left + c.width / 2, c.top + c.height / 2);
      return {
        innerLeft: r.left + w.clientLeft, innerTop: r.top + w.clientTop, corner: { left: c.left, top: c.top, width: c.width }, rowspan: corner.rowSpan,
        label: { left: label.left, width: label.width }, hitCorner: corner.contains(hit), bg: getComputedStyle(corner).backgroundColor,
        text: corner.textContent.replace(/[▲▼↕]/g, '').trim(),
      };
    });
    assert.equal(pos.text, '板块');
    assert.equal(pos.rowspan, 2);
    assert.ok(Math.abs(pos.corner.left - pos.innerLeft) < 1.5, `the corner is pinned left (${pos.corner.left} vs ${pos.innerLeft})`);
    assert.ok(Math.abs(pos.corner.top - pos.innerTop) < 1.5, `the corner is pinned on top (${pos.corner.top} vs ${pos.innerTop})`);
    assert.ok(Math.abs(pos.corner.left - pos.label.left) < 1 && Math.abs(pos.corner.width - pos.label.width) < 1, 'the corner lines up with the row labels');
    assert.ok(pos.hitCorner, 'nothing is drawn over the corner');
    assert.notEqual(pos.bg, 'rgba(0, 0, 0, 0)', 'the corner has a background');
    const after = await box(page, '#table-wrap thead tr:first-child th:nth-child(2)');
    assert.ok(after.left < before.left - 300, 'the year headers did scroll');

    // Tap the 新增 of 新项目: the reason in words under the table, in view.
    await wrap.evaluate((el) => { el.scrollLeft = 0; el.scrollTop = 0; });
    const fresh = page.locator('#table-wrap tr:has(th:text-is("新项目")) td[data-col="2020 增长率"]');
    assert.equal(await fresh.getAttribute('title'), '上年为 0，无法计算增长率');
    await fresh.tap();
    const note = page.locator('#cell-note');
    assert.equal(await note.textContent(), '新项目 · 2020 增长率：新增——上年为 0，无法计算增长率');
    const n = await box(page, '#cell-note');
    assert.ok(n.height > 10 && n.top >= 0 && n.bottom <= 844, `the note is on screen (${n.top}–${n.bottom})`);
    assert.equal(await page.getAttribute('#cell-note', 'role'), 'status');
    // Another cell: — with no earlier year.
    await page.locator('#table-wrap tr:has(th:text-is("后来项目")) td[data-col="2021 增长率"]').tap();
    assert.equal(await note.textContent(), '后来项目 · 2021 增长率：———上一期没有数据，无法比较');
    assert.match(await page.textContent('.legend'), /点按/);
    await screenshot(page, '41-phone-reason');
    assertClean(log);
    await page.close();
  });

  test('keyboard: Tab reaches a cell with a reason and Enter says it', async () => {
    const log = await open();
    const { page } = log;
    await changeAndWait(page, () => page.setInputFiles('#file', wide));
    await changeAndWait(page, () => page.selectOption('#view-form [name="growth"]', 'rate'));
    await page.focus('#table-wrap');
    let reached = null;
    for (let i = 0; i < 60 && !reached; i += 1) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(() => {
        const el = document.activeElement;
        return el.matches('#table-wrap td[title]') ? { col: el.dataset.col, text: el.textContent, title: el.title, row: el.closest('tr').querySelector('th').textContent } : null;
      });
    }
    assert.ok(reached, 'Tab reached a cell with a reason');
    // The first one: 项目01's 2019 rate, with no year before it.
    assert.deepEqual(reached, { col: '2019 增长率', text: '—', title: '上一期没有数据，无法比较', row: '项目01' });
    await page.keyboard.press('Enter');
    assert.equal(await page.textContent('#cell-note'), '项目01 · 2019 增长率：———上一期没有数据，无法比较');
    // A new view clears it.
    await changeAndWait(page, () => page.selectOption('#view-form [name="growth"]', 'none'));
    assert.equal(await page.textContent('#cell-note'), '');
    // Now only 后来项目's years before it began say why they are empty; only they are tab stops.
    const stops = await page.evaluate(() => [...document.querySelectorAll('#table-wrap td[tabindex="0"]')]
      .map((td) => `${td.closest('tr').querySelector('th').textContent} ${td.dataset.col}：${td.title}`));
    assert.deepEqual(stops, ['后来项目 2019 金额（万元）：没有记录', '后来项目 2019 占比：没有记录', '后来项目 2020 金额（万元）：没有记录', '后来项目 2020 占比：没有记录']);
    assertClean(log);
    await page.close();
  });

  test('390 px touch: checkboxes and small controls are at least 24 × 24 px', async () => {
    const log = await open(PHONE);
    const { page } = log;
    await page.tap('#view-details > summary');
    await page.locator('#view-form details.filter summary').first().tap();
    await page.tap('#understood-details > summary');
    const sizes = await page.evaluate(() => [...document.querySelectorAll('input:not([type=hidden]):not([type=file]), select, button, summary, [tabindex="0"]')]
      .filter((el) => el.getClientRects().length && getComputedStyle(el).visibility !== 'hidden')
      .map((el) => {
        const r = el.getBoundingClientRect();
        return { what: `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.name ? `[name=${el.name}]` : ''}${el.type === 'checkbox' ? '[checkbox]' : ''} ${el.textContent.trim().slice(0, 12)}`, w: r.width, h: r.height };
      }));
    const kinds = (re) => sizes.filter((s) => re.test(s.what)).length;
    assert.ok(kinds(/\[checkbox\]/) >= 4, 'filter, subtotal and chart checkboxes are measured');
    assert.ok(kinds(/^button/) >= 10 && kinds(/^select/) >= 5 && kinds(/^summary/) >= 3, 'buttons, selects, summaries measured');
    const small = sizes.filter((s) => s.w < 24 || s.h < 24);
    assert.deepEqual(small, [], 'targets under 24 × 24 px');
    const swap = await box(page, '#chart-swap');
    assert.ok(swap.width >= 24 && swap.height >= 24, `#chart-swap is ${swap.width} × ${swap.height}`);
    // The checkbox still works by touch.
    await changeAndWait(page, () => page.tap('#view-form [name="totals"]'));
    assert.equal((await readTable(page)).rows.some((r) => r.kind === 'total'), false);
    assertClean(log);
    await page.close();
  });

  test('keyboard: after 采纳更正 and 撤销 the focus stays on the finding', async () => {
    const log = await open();
    const { page } = log;
    await changeAndWait(page, () => page.setInputFiles('#file', SLIP));
    await page.waitForSelector('#findings[data-state="done"]', { timeout: 60000 });
    assert.equal(await grandTotal(page), '51,150.74');
    await page.focus('#findings li[data-code="unit_slip"] button[data-action="accept"]');
    await changeAndWait(page, () => page.keyboard.press('Enter'));
    await page.waitForSelector('#findings[data-state="done"]');
    assert.equal(await grandTotal(page), '78,527.00');
    let f = await focused(page);
    assert.deepEqual([f.tag, f.action, f.text, f.inAccepted], ['BUTTON', 'undo', '撤销', true], JSON.stringify(f));
    assert.match(await page.locator('#findings .accepted-list li').textContent(), /第 4 行.*2\.7379亿元/);
    // Enter again: Undo, and the focus is back on the finding's Accept.
    await changeAndWait(page, () => page.keyboard.press('Enter'));
    await page.waitForSelector('#findings[data-state="done"]');
    assert.equal(await grandTotal(page), '51,150.74');
    f = await focused(page);
    assert.deepEqual([f.tag, f.action, f.code, f.text], ['BUTTON', 'accept', 'unit_slip', '采纳更正'], JSON.stringify(f));
    // And once more, to be sure it was not luck.
    await changeAndWait(page, () => page.keyboard.press('Enter'));
    await page.waitForSelector('#findings[data-state="done"]');
    assert.equal(await grandTotal(page), '78,527.00');
    f = await focused(page);
    assert.equal(f.action, 'undo');
    assertClean(log);
    await page.close();
  });

  test('keyboard: Esc closes the paste panel and gives the focus back to 粘贴表格', async () => {
    const log = await open();
    const { page } = log;
    await page.focus('#paste-toggle');
    await page.keyboard.press('Enter');
    assert.equal(await page.locator('#paste-panel').isVisible(), true);
    assert.equal(await page.evaluate(() => document.activeElement.id), 'paste-text');
    await page.keyboard.type('板块\t金额\n甲\t1.5\n乙\t2\n');
    await page.keyboard.press('Escape');
    assert.equal(await page.locator('#paste-panel').isVisible(), false);
    assert.equal(await page.getAttribute('#paste-toggle', 'aria-expanded'), 'false');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'paste-toggle');
    // Open again: the text is kept; Esc from a button of the panel closes it too.
    await page.keyboard.press('Enter');
    assert.equal(await page.inputValue('#paste-text'), '板块\t金额\n甲\t1.5\n乙\t2\n');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'paste-go');
    await page.keyboard.press('Escape');
    assert.equal(await page.locator('#paste-panel').isVisible(), false);
    assert.equal(await page.evaluate(() => document.activeElement.id), 'paste-toggle');
    // And the pasted cells are read when asked for.
    await page.keyboard.press('Enter');
    await page.focus('#paste-go');
    await changeAndWait(page, () => page.keyboard.press('Enter'));
    const table = await readTable(page);
    assert.equal(cell(table, '甲', '金额').text, '1.50');
    assert.equal(cell(table, '合计', '金额').text, '3.50');
    assertClean(log);
    await page.close();
  });

  test('keyboard: the chart is a tab stop with a text alternative that follows the view', async () => {
    const log = await open();
    const { page } = log;
    await page.focus('#export-svg');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'chart');
    assert.equal(await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle), 'solid', 'a visible focus ring');
    const alt = () => page.evaluate(() => {
      const c = document.querySelector('#chart');
      const desc = document.getElementById(c.getAttribute('aria-describedby'));
      return { role: c.getAttribute('role'), label: c.getAttribute('aria-label'), desc: desc.textContent, hidden: desc.getBoundingClientRect().width <= 1, paragraph: document.querySelector('#paragraph-text').textContent, title: document.querySelector('#result-title').textContent, kind: c.dataset.kind };
    });
    let a = await alt();
    assert.equal(a.role, 'img');
    assert.equal(a.kind, 'pct');
    assert.ok(a.label.startsWith(`${a.title}。`), a.label);
    assert.ok(a.paragraph.length > 20);
    assert.equal(a.desc, `占比：百分比堆积柱状图。${a.paragraph}`);
    assert.ok(a.hidden, 'the description is for screen readers');
    // Another kind of chart, then another view: the text follows.
    await page.selectOption('#chart-kind', 'donut');
    await page.waitForSelector('#chart[data-kind=donut]');
    assert.ok((await alt()).desc.startsWith('占比：环形图。'));
    await changeAndWait(page, () => page.selectOption('#view-form [name="share"]', 'none'));
    a = await alt();
    assert.ok(a.paragraph.includes('1,000.00'), a.paragraph);
    assert.ok(a.desc.startsWith(`${a.kind === 'donut' ? '占比：环形图' : '柱状图（分组）'}。${a.paragraph}`), a.desc);
    await page.selectOption('#lang', 'en');
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    a = await alt();
    assert.ok(a.desc.endsWith(a.paragraph) && /^[a-z]/.test(a.desc), a.desc);
    assertClean(log);
    await page.close();
  });

  test('IE mode: with no script the page says to use 极速模式 or Edge / Chrome; hidden once the page runs', async () => {
    const context = await browser.browser.newContext({ ...DESKTOP, javaScriptEnabled: false });
    const log = await openPage(context, pageUrl());
    const { page } = log;
    const note = page.locator('#ie-note');
    await note.waitFor({ state: 'visible', timeout: 10000 });
    const text = await note.textContent();
    assert.match(text, /极速模式/);
    assert.match(text, /闪电图标/);
    assert.match(text, /Edge 或 Chrome/);
    assert.match(text, /compatibility \(IE\) mode/);
    const b = await box(page, '#ie-note');
    assert.ok(b.top < 5 && b.height > 60, 'at the top of the page');
    assert.equal(await page.locator('html').getAttribute('data-state'), null);
    await screenshot(page, '42-no-script', { fullPage: false });
    assertClean(log);
    await context.close();

    // The CSS that shows and hides it is plain enough for IE: no custom properties, no :not().
    const css = readFileSync(join(ROOT, 'www/aidstat.css'), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
    const rules = [...css.matchAll(/([^{}]*\.ie-note[^{}]*)\{([^}]*)\}/g)];
    assert.ok(rules.length >= 2);
    for (const [, sel, body] of rules) {
      assert.ok(!/:not\(/.test(sel) && !/var\(/.test(body), `IE cannot read: ${sel.trim()}`);
    }
    assert.ok(rules.some(([, sel, body]) => sel.trim() === 'html[data-state] .ie-note' && /display:\s*none/.test(body)));

    const on = await open();
    assert.equal(await on.page.locator('#ie-note').isVisible(), false);
    assert.equal(await on.page.evaluate(() => getComputedStyle(document.querySelector('#ie-note')).display), 'none');
    assertClean(on);
    await on.page.close();
  });
});
