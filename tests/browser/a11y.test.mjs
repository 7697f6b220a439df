// A page everyone can use (issue #10): WCAG 2.1 AA as axe-core checks it, in
// the single-file page opened from disk (Debian chromium), in every state an
// analyst meets: the demo, a file loaded, an error, the checks panel, the
// paste panel, 繁體中文 and English, 数据识别 open, a 390 px phone. The
// page's CSP refuses injected scripts, so the audit's context bypasses it
// (security.test.mjs checks the CSP itself); axe.min.js comes from
// node_modules/axe-core (a pinned devDependency), never from the network.
// Then: the chart's ECharts aria label and the 图案填充 (decal) option, and
// the live regions that announce loading, a result and an error.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DATA, ROOT, changeAndWait, launch, openPage, outsideRequests, pageUrl, waitReady, CORE_WASM } from './helpers.mjs';
import { ariaOption, buildOption, labelInk, PALETTE } from '../../www/src/render/chart.js';
import { setLang, t } from '../../www/src/i18n.js';

const AXE = join(ROOT, 'node_modules/axe-core/axe.min.js');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const DESKTOP = { viewport: { width: 1366, height: 900 } };
const PHONE = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true };

let browser;
let dir;
before(async () => {
  if (!existsSync(AXE)) throw new Error('node_modules/axe-core is missing: run `npm install`');
  browser = await launch();
  dir = mkdtempSync(join(tmpdir(), 'aidstat-a11y-'));
});
after(async () => {
  if (browser) await browser.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function open(options = DESKTOP, hash = '') {
  // helpers' newContext() takes no options: bypassCSP lets the audit script in.
  const context = await browser.browser.newContext({ bypassCSP: true, locale: 'zh-CN', ...options });
  const log = await openPage(context, pageUrl('', hash));
  log.page.on('close', () => { context.close().catch(() => {}); });
  await waitReady(log.page);
  await settled(log.page);
  return log;
}

/** The checks done and the chart drawn: nothing is still moving on the page. */
async function settled(page) {
  await page.waitForFunction(() => {
    const f = document.querySelector('#findings');
    const chart = document.querySelector('#chart');
    return (!f || f.hidden || f.dataset.state !== 'pending') && (!chart || chart.dataset.drawn !== 'false');
  }, null, { timeout: 60000 });
}

function assertClean(log) {
  assert.deepEqual(outsideRequests(log.requests), [], 'a request left the page');
  assert.deepEqual(log.errors, [], 'console or page errors');
  assert.deepEqual(log.dialogs, [], 'a dialog was opened');
}

/** One line per violation: id, impact, help and the nodes it names (with axe's summary of what fails). */
function describeViolations(violations) {
  return violations.map((v) => {
    const nodes = v.nodes.slice(0, 8).map((n) => `    ${n.target.join(' ')}${n.failureSummary ? `: ${n.failureSummary.replace(/\s+/g, ' ').slice(0, 300)}` : ''}`);
    if (v.nodes.length > 8) nodes.push(`    … ${v.nodes.length - 8} more`);
    return `  ${v.id} (${v.impact}): ${v.help}\n${nodes.join('\n')}`;
  }).join('\n');
}

/** Runs axe (WCAG 2.0 / 2.1, A and AA) on the whole page and asserts no violation. */
async function audit(page, state) {
  await settled(page);
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.addScriptTag({ path: AXE });
  const result = await page.evaluate((values) => window.axe.run(document, { runOnly: { type: 'tag', values } }), TAGS);
  const violations = result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })) }));
  assert.ok(result.passes.length > 20, `${state}: axe ran (${result.passes.length} rules passed)`);
  assert.equal(violations.length, 0, `${state}: ${violations.length} WCAG 2.1 AA violation(s)\n${describeViolations(violations)}`);
}

describe('WCAG 2.1 AA (axe-core) in every state of the page', () => {
  test('the demo, 数据识别 open, the paste panel open', async () => {
    const log = await open();
    const { page } = log;
    await audit(page, 'the demo');
    await page.click('#understood-details > summary');
    assert.equal(await page.evaluate(() => document.querySelector('#understood-details').open), true);
    await audit(page, '数据识别 open');
    await page.click('#paste-toggle');
    await page.waitForSelector('#paste-panel:not([hidden])');
    await audit(page, 'the paste panel open');
    // Two row levels with subtotals: repeated labels (quieter grey) and subtotal rows.
    await changeAndWait(page, () => page.selectOption('#view-form [name="row1"]', '资金来源'));
    assert.equal(await page.isChecked('#view-form [name="subtotals"]'), true, 'subtotals are on by default');
    assert.ok(await page.locator('#table-wrap tbody th.as-repeat').count() > 0, 'repeated row labels');
    assert.ok(await page.locator('#table-wrap tr.as-row-subtotal').count() > 0, 'subtotal rows');
    await audit(page, 'two row levels with subtotals');
    // No row dimension: the corner header still has a name.
    await changeAndWait(page, () => page.selectOption('#view-form [name="row0"]', ''));
    await changeAndWait(page, () => page.selectOption('#view-form [name="row1"]', ''));
    assert.equal(await page.textContent('#table-wrap thead th.as-dim-head'), '项目');
    await audit(page, 'no row dimension');
    assertClean(log);
    await page.close();
  });

  test('a GBK file with title lines loaded, and its checks', async () => {
    const log = await open();
    const { page } = log;
    await changeAndWait(page, () => page.setInputFiles('#file', join(DATA, 'huadu_gbk_title.csv')));
    await page.waitForSelector('#findings[data-state="done"]', { timeout: 60000 });
    assert.match(await page.textContent('.source-name'), /huadu_gbk_title\.csv/);
    await audit(page, 'a file loaded');
    assertClean(log);
    await page.close();
  });

  test('an error: an empty file, then a file that is not a table', async () => {
    const log = await open();
    const { page } = log;
    const empty = join(dir, 'empty.csv');
    writeFileSync(empty, '');
    await page.setInputFiles('#file', empty);
    await page.waitForFunction(() => document.documentElement.dataset.state === 'error', null, { timeout: 60000 });
    assert.equal(await page.locator('#alert').isVisible(), true);
    await audit(page, 'an error (empty file)');
    const binary = join(dir, 'book.xlsx');
    writeFileSync(binary, Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]));
    await page.click('#alert button');
    await page.setInputFiles('#file', binary);
    await page.waitForFunction(() => document.documentElement.dataset.state === 'error', null, { timeout: 60000 });
    await audit(page, 'an error (a workbook)');
    // Console errors are allowed here? No: an error is shown in the page, not logged.
    assertClean(log);
    await page.close();
  });

  test('the checks panel open with a finding and its correction', async () => {
    const log = await open();
    const { page } = log;
    await changeAndWait(page, () => page.setInputFiles('#file', join(DATA, 'checks/seed002_unit_slip.csv')));
    await page.waitForSelector('#findings[data-state="done"]', { timeout: 60000 });
    await page.evaluate(() => { document.querySelector('#findings details').open = true; });
    assert.ok(await page.locator('#findings li[data-code] button[data-action="accept"]').count() >= 1, 'a correction to accept');
    await audit(page, 'the checks panel open');
    // Accepted: the list of accepted corrections with 撤销.
    await changeAndWait(page, () => page.click('#findings li[data-code="unit_slip"] button[data-action="accept"]'));
    await page.waitForSelector('#findings[data-state="done"] .accepted-list', { timeout: 60000 });
    await audit(page, 'a correction accepted');
    assertClean(log);
    await page.close();
  });

  test('繁體中文 and English', async () => {
    const log = await open();
    const { page } = log;
    for (const lang of ['zh-TW', 'en']) {
      await page.selectOption('#lang', lang);
      await page.waitForFunction((l) => document.documentElement.lang === l, lang);
      await page.evaluate(() => { document.querySelector('#understood-details').open = true; });
      await audit(page, `the page in ${lang}`);
    }
    assertClean(log);
    await page.close();
  });

  test('a phone (390 px): controls folded, then open', async () => {
    const log = await open(PHONE);
    const { page } = log;
    assert.equal(await page.evaluate(() => document.querySelector('#view-details').open), false, 'the controls are folded');
    await audit(page, 'a phone, controls folded');
    await page.click('#view-details > summary');
    await audit(page, 'a phone, controls open');
    await changeAndWait(page, () => page.setInputFiles('#file', join(DATA, 'huadu_gbk_title.csv')));
    await audit(page, 'a phone, a file loaded');
    assertClean(log);
    await page.close();
  });
});

/** The chart's canvas as a data URL (ECharts draws on one canvas here). */
function chartPixels(page) {
  return page.evaluate(() => {
    const c = document.querySelector('#chart canvas');
    return c ? c.toDataURL() : '';
  });
}

describe('the chart for screen readers and colour-blind readers', () => {
  test('ECharts aria: role=img, the page\'s label kept through a resize, the paragraph as its description', async () => {
    const log = await open();
    const { page } = log;
    const read = () => page.evaluate(() => {
      const c = document.querySelector('#chart');
      return { role: c.getAttribute('role'), label: c.getAttribute('aria-label'), desc: document.getElementById(c.getAttribute('aria-describedby')).textContent, title: document.querySelector('#result-title').textContent, paragraph: document.querySelector('#paragraph-text').textContent };
    });
    const before = await read();
    assert.equal(before.role, 'img');
    assert.equal(before.label, `${before.title}。图表，数据见上方结果表。`);
    assert.ok(before.paragraph && before.desc.includes(before.paragraph), 'the description carries the report paragraph');
    // ECharts writes its aria-label again on every redraw: it is the same label.
    await page.setViewportSize({ width: 1000, height: 900 });
    await page.waitForFunction(() => document.querySelector('#chart').dataset.drawn === 'true');
    await page.waitForTimeout(300);
    assert.equal((await read()).label, before.label, 'the label after a resize');
    // The 图案填充 box: labelled, next to the chart type, in every language.
    assert.equal(await page.textContent('label[for="chart-decal"]'), '图案填充');
    await page.selectOption('#lang', 'en');
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    assert.equal(await page.textContent('label[for="chart-decal"]'), 'Patterns');
    assertClean(log);
    await page.close();
  });

  test('图案填充 draws the chart with patterns', async () => {
    const log = await open();
    const { page } = log;
    const plain = await chartPixels(page);
    await page.check('#chart-decal');
    const changed = await page.waitForFunction((p) => {
      const c = document.querySelector('#chart canvas');
      return document.querySelector('#chart').dataset.drawn === 'true' && c && c.toDataURL() !== p;
    }, plain, { timeout: 10000 }).then(() => true, () => false);
    assert.ok(changed, 'ticking 图案填充 redraws the chart with patterns');
    await page.uncheck('#chart-decal');
    await page.waitForFunction((p) => document.querySelector('#chart').dataset.drawn === 'true' && document.querySelector('#chart canvas').toDataURL() === p, plain, { timeout: 10000 });
    assertClean(log);
    await page.close();
  });

  const PKG = join(ROOT, 'pkg/aidstat.js');
  test('the chart option: aria enabled with the label, decal on request, readable labels inside stacks', { skip: !existsSync(PKG) && 'pkg/ not built' }, async () => {
    const { initSync, Table } = await import(PKG);
    initSync({ module: readFileSync(join(ROOT, 'pkg', CORE_WASM)) });
    const table = Table.fromBytes(readFileSync(join(DATA, 'huadu_gbk_title.csv')));
    const r = table.analyze({ rows: ['板块'], columns: '年度' });
    setLang('zh-CN');
    const plain = buildOption(r, 'stack').option;
    assert.deepEqual(plain.aria, { enabled: true, label: { enabled: true, description: t('chart.aria', { t: '金额：按板块 × 年度' }) }, decal: { show: false } });
    assert.equal(buildOption(r, 'stack', { decal: true }).option.aria.decal.show, true);
    assert.equal(ariaOption(r, { description: 'x' }).label.description, 'x');
    // Labels inside stacked bars: white or black, whichever gives 4.5:1 on the series colour.
    const lum = (hex) => {
      const c = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((x) => (x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4));
      return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
    };
    for (const color of PALETTE) {
      const ink = labelInk(color) === '#fff' ? 1 : 0;
      const [hi, lo] = [ink, lum(color)].sort((a, b) => b - a);
      assert.ok((hi + 0.05) / (lo + 0.05) >= 4.5, `${color} with ${labelInk(color)}`);
    }
    plain.series.forEach((s, i) => assert.equal(s.label.color, labelInk(PALETTE[i % PALETTE.length]), s.name));
  });
});

describe('every status change is said in a live region', () => {
  test('loading (the progress phase), done (#status) and an error (#alert, role=alert)', async () => {
    const log = await open();
    const { page } = log;
    const roles = await page.evaluate(() => ['#status', '#progress-live', '#alert', '#cell-note'].map((s) => {
      const el = document.querySelector(s);
      return [s, el.getAttribute('role'), el.getAttribute('aria-live'), getComputedStyle(el).display !== 'none' || el.hidden];
    }));
    assert.deepEqual(roles.map((r) => r.slice(0, 2)), [['#status', 'status'], ['#progress-live', 'status'], ['#alert', 'alert'], ['#cell-note', 'status']]);
    // The live regions for progress and the view note are rendered while empty (announced when they change).
    assert.equal(await page.evaluate(() => getComputedStyle(document.querySelector('#progress-live')).display), 'block');
    assert.equal(await page.evaluate(() => document.querySelector('#view-note').parentElement.getAttribute('role')), 'status');
    // What the regions said while a file of 1,500,000 rows was read (on a CPU slowed down 4×, so the bar shows).
    await page.evaluate(() => {
      window.said = [];
      for (const id of ['progress-live', 'status']) {
        const el = document.getElementById(id);
        new MutationObserver(() => { if (el.textContent) window.said.push(`${id}: ${el.textContent}`); }).observe(el, { childList: true, characterData: true, subtree: true });
      }
    });
    const lines = ['年度,板块,金额(万元)'];
    for (let i = 0; i < 1500000; i += 1) lines.push(`${2018 + (i % 5)},板块${i % 7},${i % 1000}.5`);
    const big = join(dir, 'big.csv');
    writeFileSync(big, `${lines.join('\n')}\n`);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    await changeAndWait(page, () => page.setInputFiles('#file', big));
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    const said = await page.evaluate(() => window.said);
    assert.ok(said.some((s) => /^progress-live: 正在(读取文件|解析|计算)…$/.test(s)), `the progress was said: ${said.join(' | ')}`);
    assert.match(said[said.length - 1], /^status: 已完成：使用 1500000\/1500000 行$/);
    assert.equal(await page.textContent('#progress-live'), '', 'the progress region is emptied when done');
    // An error: the alert (role=alert) holds the message.
    await page.setInputFiles('#file', { name: 'empty.csv', mimeType: 'text/csv', buffer: Buffer.alloc(0) });
    await page.waitForFunction(() => document.documentElement.dataset.state === 'error', null, { timeout: 60000 });
    assert.ok((await page.textContent('#alert [data-role="message"]')).length > 4, 'the alert says what went wrong');
    assertClean(log);
    await page.close();
  });
});
