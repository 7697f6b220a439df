// The single-file page's defences, in headless chromium from file://:
// its Content-Security-Policy as built (and that the page works under it),
// CSV exports that a spreadsheet cannot run, and chart tooltips that show a
// label's HTML as text. (HTML in headers and table cells: page.test.mjs.)
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DIST_HTML, changeAndWait, launch, openPage, outsideRequests, pageUrl, readTable, cell, screenshot, waitReady } from './helpers.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  if (browser) await browser.close();
});

/** Opens the page with a recorder of CSP violations installed before any of its scripts run. */
async function open(query = '', { before: setup = null, ready = true } = {}) {
  const context = await browser.newContext();
  await context.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__violations.push(`${e.effectiveDirective} ${e.blockedURI} ${e.sample}`);
    });
  });
  if (setup) await context.addInitScript(setup);
  const log = await openPage(context, pageUrl(query));
  log.page.on('close', () => { context.close().catch(() => {}); });
  if (ready) await waitReady(log.page);
  return log;
}

const violations = (page) => page.evaluate(() => window.__violations);

function tempFile(name, text) {
  const file = join(mkdtempSync(join(tmpdir(), 'aidstat-sec-')), name);
  writeFileSync(file, text);
  return file;
}

/** The policy's directives: name → list of sources. */
function directives(policy) {
  const map = new Map();
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) map.set(name, sources);
  }
  return map;
}

/** One CSV line → cells (RFC 4180 quoting). */
function csvCells(line) {
  const cells = [];
  let i = 0;
  while (i <= line.length) {
    if (line[i] === '"') {
      let text = '';
      i += 1;
      while (i < line.length) {
        if (line[i] === '"' && line[i + 1] === '"') { text += '"'; i += 2; } else if (line[i] === '"') { i += 1; break; } else { text += line[i]; i += 1; }
      }
      cells.push(text);
      i += 1; // the comma
    } else {
      const end = line.indexOf(',', i);
      cells.push(line.slice(i, end < 0 ? line.length : end));
      i = end < 0 ? line.length + 1 : end + 1;
    }
  }
  return cells;
}

/** Non-white pixels of the chart's canvas. */
async function chartInk(page) {
  await page.waitForSelector('#chart[data-drawn=true]', { timeout: 30000 });
  return page.evaluate(() => {
    const canvas = document.querySelector('#chart canvas');
    const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
    let ink = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i + 3] > 0 && (data[i] < 230 || data[i + 1] < 230 || data[i + 2] < 230)) ink += 1;
    return ink;
  });
}

/**
 * Moves the mouse over the chart until ECharts shows a tooltip.
 * @param {(box: {width: number, height: number}) => Array<[number, number]>} points in the chart, in pixels
 */
async function hoverForTooltip(page, points) {
  await page.locator('#chart').scrollIntoViewIfNeeded();
  const box = await page.locator('#chart').boundingBox();
  for (const [x, y] of points(box)) {
    await page.mouse.move(box.x + x, box.y + y);
    try {
      await page.waitForSelector('#chart .chart-tip', { state: 'visible', timeout: 700 });
      return;
    } catch (_) { /* try the next point */ }
  }
  throw new Error('no tooltip appeared');
}

/** Points along the middle of a bar chart's plot, left to right. */
const acrossBars = ({ width, height }) => [0.25, 0.4, 0.5, 0.6, 0.75].map((f) => [width * f, height * 0.7]);

describe('the page\'s defences', () => {
  test('a strict CSP, as built: hashes for inline code, no eval, no connection, and the page works under it', async () => {
    const html = readFileSync(DIST_HTML, 'utf8');
    const log = await open();
    const { page } = log;
    const policy = await page.evaluate(() => document.querySelector('meta[http-equiv="Content-Security-Policy"]').content);
    const d = directives(policy);
    assert.doesNotMatch(policy, /'unsafe-eval'/);
    assert.doesNotMatch(policy, /https?:|\*|'self'/, 'no remote or same-origin source');
    assert.deepEqual(d.get('default-src'), ["'none'"]);
    assert.deepEqual(d.get('connect-src'), ["'none'"]);
    const scriptSrc = d.get('script-src');
    assert.ok(!scriptSrc.includes("'unsafe-inline'"), 'no inline scripts but by hash');
    assert.ok(scriptSrc.includes("'wasm-unsafe-eval'"));
    assert.ok(scriptSrc.includes('blob:'), 'the main-thread fallback runs the glue from a blob: script');
    assert.deepEqual(d.get('worker-src'), ['blob:']);
    assert.ok(!d.get('style-src').includes("'unsafe-inline'"), 'styles by hash too');
    // Every inline element of the file is named by its hash, and nothing else is.
    const hashes = (tag) => [...html.matchAll(new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`, 'g'))]
      .map((m) => `'sha256-${createHash('sha256').update(m[1]).digest('base64')}'`);
    assert.deepEqual(scriptSrc.filter((s) => s.startsWith("'sha256-")).sort(), hashes('script').sort());
    assert.deepEqual(d.get('style-src').filter((s) => s.startsWith("'sha256-")).sort(), hashes('style').sort());
    assert.equal(hashes('script').length, 2);

    // The page works under it: the demo analysed, the chart drawn, a tooltip, exports.
    assert.equal(await page.evaluate(() => document.documentElement.dataset.engine), 'worker');
    assert.equal(cell(await readTable(page), '合计', '合计 金额').text, '4,300.00');
    assert.ok((await chartInk(page)) > 2000, 'the chart drew');
    await hoverForTooltip(page, acrossBars);
    for (const button of ['#export-csv', '#export-png', '#export-svg']) {
      await Promise.all([page.waitForEvent('download'), page.click(button)]);
    }
    await changeAndWait(page, () => page.selectOption('#view-form [name="growth"]', 'rate'));
    assert.deepEqual(await violations(page), [], 'no CSP violation while the page works');
    assert.deepEqual(log.errors, []);

    // What the policy is for: injected inline code does not run, neither does eval.
    await page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.__inlineRan = true;';
      document.body.append(s);
      const b = document.createElement('button');
      b.id = 'injected';
      b.setAttribute('onclick', 'window.__handlerRan = true');
      b.textContent = 'x';
      document.body.append(b);
    });
    await page.click('#injected');
    // A blob: script is allowed (the fallback needs it): from there, eval and new Function must throw.
    await page.evaluate(() => new Promise((resolve) => {
      const code = `
        try { eval('1'); window.__evalRan = true; } catch (e) { window.__evalError = e.name; }
        try { new Function('return 1')(); window.__functionRan = true; } catch (e) { window.__functionError = e.name; }
        try { setTimeout('window.__timerRan = true', 0); } catch (e) { /* refused quietly */ }`;
      const s = document.createElement('script');
      s.src = URL.createObjectURL(new Blob([code], { type: 'text/javascript' }));
      s.onload = resolve;
      document.body.append(s);
    }));
    await page.waitForTimeout(100);
    const ran = await page.evaluate(() => ({
      inline: window.__inlineRan, handler: window.__handlerRan, evalRan: window.__evalRan, functionRan: window.__functionRan, timer: window.__timerRan,
      evalError: window.__evalError, functionError: window.__functionError,
    }));
    assert.deepEqual(ran, { inline: undefined, handler: undefined, evalRan: undefined, functionRan: undefined, timer: undefined, evalError: 'EvalError', functionError: 'EvalError' });
    const refused = await violations(page);
    assert.ok(refused.some((v) => /^script-src-elem inline/.test(v)), `the inline script was refused: ${refused.join(' | ')}`);
    assert.ok(refused.some((v) => /^script-src-attr inline/.test(v)), 'the onclick attribute was refused');
    assert.ok(refused.some((v) => /^script-src eval/.test(v)), 'eval was refused');

    assert.deepEqual(outsideRequests(log.requests), [], 'a request left the page');
    await page.close();
  });

  test('the main-thread fallback works under the CSP too', async () => {
    const log = await open('?worker=off');
    const { page } = log;
    assert.equal(await page.evaluate(() => document.documentElement.dataset.engine), 'main');
    assert.equal(cell(await readTable(page), '合计', '合计 金额').text, '4,300.00');
    assert.deepEqual(await violations(page), []);
    assert.deepEqual(log.errors, []);
    assert.deepEqual(outsideRequests(log.requests), []);
    await page.close();
  });

  test('a browser too old for \'wasm-unsafe-eval\' is told so', async () => {
    // Chromium before 97 refuses to compile wasm under a CSP without 'unsafe-eval', with this message.
    const log = await open('', {
      ready: false,
      before: () => {
        WebAssembly.compile = () => Promise.reject(new WebAssembly.CompileError('WebAssembly.compile(): Wasm code generation disallowed by embedder'));
      },
    });
    const { page } = log;
    await page.waitForSelector('#alert[data-code="engine_start"]:not([hidden])');
    assert.match(await page.locator('#alert').textContent(), /浏览器的内核太旧.*Chrome 或 Edge 97 以上/);
    await page.close();
  });

  test('CSV exports: labels a spreadsheet would run start with \', negative figures stay numbers', async () => {
    // Hand-made: every dangerous label once; 退款 negative (−1234.5 then −12.5); +1+1 falls 20 → 5 (−75.00 %).
    const file = tempFile('formulas.csv', [
      '板块,年度,金额(万元)',
      '"=HYPERLINK(""http://x"",""y"")",2021,10',
      '+1+1,2021,20',
      '+1+1,2022,5',
      '-2+3,2021,30',
      '@SUM(A1),2021,40',
      '"\tTAB",2021,50',
      '"\rCR",2021,60',
      '退款,2021,-1234.5',
      '退款,2022,-12.5',
    ].join('\n'));
    const log = await open();
    const { page } = log;
    await changeAndWait(page, () => page.setInputFiles('#file', file));
    await changeAndWait(page, () => page.selectOption('#view-form [name="share"]', 'none'));
    await changeAndWait(page, () => page.selectOption('#view-form [name="growth"]', 'rate'));
    const table = await readTable(page);
    assert.equal(cell(table, '退款', '2021 金额').text, '-1,234.50');
    assert.equal(cell(table, '+1+1', '2022 增长率').text, '-75.00%');

    const save = async (selector) => {
      const [download] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
      return readFileSync(await download.path());
    };
    const utf8 = await save('#export-csv');
    const text = utf8.subarray(3).toString('utf8');
    const rows = text.split('\r\n').filter(Boolean).map(csvCells);
    const byLabel = new Map(rows.slice(1).map((r) => [r[0], r]));
    assert.equal(rows[0][0], '板块');
    for (const label of ['=HYPERLINK("http://x","y")', '+1+1', '-2+3', '@SUM(A1)']) {
      assert.ok(byLabel.has(`'${label}`), `${label} exported as '${label}: ${[...byLabel.keys()].join(' | ')}`);
    }
    // The engine trims white space around labels, so a leading tab or CR never reaches a cell.
    assert.ok(byLabel.has('TAB') && byLabel.has('CR'));
    for (const label of byLabel.keys()) assert.doesNotMatch(label, /^[=+\-@\t\r]/, `${JSON.stringify(label)} could run as a formula`);
    // Figures: separators dropped, the sign kept, no apostrophe.
    const columns = rows[0];
    const at = (label, column) => byLabel.get(label)[columns.indexOf(column)];
    assert.equal(at('退款', '2021 金额（万元）'), '-1234.50');
    assert.equal(at('退款', '2022 金额（万元）'), '-12.50');
    assert.equal(at('合计', '合计 金额（万元）'), '-1032.00'); // 10+20+5+30+40+50+60 − 1234.5 − 12.5
    assert.equal(at("'+1+1", '2022 增长率'), '-75.00%');
    assert.ok(!/(^|,)'-?\d/.test(text), 'no figure starts with an apostrophe');

    // The GB18030 export is the same text, through the same neutralising.
    const gb = await save('#export-csv-gb');
    assert.equal(new TextDecoder('gb18030').decode(gb), text);
    assert.deepEqual(log.errors, []);
    assert.deepEqual(outsideRequests(log.requests), []);
    await page.close();
  });

  test('chart tooltips show a label\'s HTML as text and run nothing', async () => {
    const img = '<img src=x onerror="window.__pwned=1">';
    const file = tempFile('tooltip.csv', [
      '板块,年度,金额(万元)',
      `"${img.replace(/"/g, '""')}",2021,10`,
      `"${img.replace(/"/g, '""')}",2022,12`,
      '<b>粗</b>,2021,20',
      '<b>粗</b>,2022,25',
    ].join('\n'));
    const log = await open();
    const { page } = log;
    await changeAndWait(page, () => page.setInputFiles('#file', file));
    await changeAndWait(page, () => page.selectOption('#view-form [name="share"]', 'none'));
    const tooltip = async () => page.evaluate(() => {
      const tip = document.querySelector('#chart .chart-tip');
      return { text: tip.textContent, elements: tip.querySelectorAll('img, b, script, [onerror]').length };
    });

    // Bars of the two labels by year: the axis tooltip lists both labels.
    await page.waitForSelector('#chart[data-drawn=true]');
    await hoverForTooltip(page, acrossBars);
    let tip = await tooltip();
    assert.ok(tip.text.includes(img), tip.text);
    assert.ok(tip.text.includes('<b>粗</b>'), tip.text);
    assert.equal(tip.elements, 0, 'no element made from a label');
    await screenshot(page, 'security-tooltip-axis');

    // A donut: the item tooltip names one slice.
    await page.selectOption('#chart-kind', 'donut');
    await page.waitForSelector('#chart[data-kind=donut][data-drawn=true]');
    await page.mouse.move(0, 0);
    // render/chart.js: centre at (50 %, 56 %), ring from 42 % to 68 % of half the smaller side.
    await hoverForTooltip(page, ({ width, height }) => {
      const r = 0.55 * (Math.min(width, height) / 2);
      return [0, 45, 90, 135, 180, 225, 270, 315].map((deg) => [width * 0.5 + r * Math.cos((deg * Math.PI) / 180), height * 0.56 + r * Math.sin((deg * Math.PI) / 180)]);
    });
    tip = await tooltip();
    assert.ok(tip.text.includes(img) || tip.text.includes('<b>粗</b>'), tip.text);
    assert.equal(tip.elements, 0, 'no element made from a label');

    assert.equal(await page.evaluate(() => window.__pwned), undefined, 'the onerror handler never ran');
    assert.equal(await page.evaluate(() => document.querySelectorAll('img').length), 0, 'no <img> anywhere');
    assert.deepEqual(await violations(page), []);
    assert.deepEqual(log.errors, []);
    assert.deepEqual(outsideRequests(log.requests), []);
    await page.close();
  });
});
