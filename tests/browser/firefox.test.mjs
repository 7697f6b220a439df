// The main paths in Firefox: Debian's stock firefox-esr (never a downloaded
// browser) driven through puppeteer-core's WebDriver BiDi. The single-file
// page opened as file://: the demo's figures, a GBK file chosen in the file
// input, a CSV export caught as the Blob the page makes (WebDriver has no
// download API). Figures by hand from the seed (花都区 → 清新区, 万元):
// 2020: 医疗 430 + 教育 148 + 招商 90 + 人才 14 + 老区 150 + 文体 168 = 1,000;
// 医疗 430 / 1,000 = 43.00 %.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';
import { pathToFileURL } from 'node:url';
import { BUILD, DATA, cell, DIST_HTML, ROOT, outsideRequests, pageUrl, readDecodingFiles, readTable, serveRoot } from './helpers.mjs';

const FIREFOX = process.env.FIREFOX_PATH || '/usr/bin/firefox-esr';
const GBK = join(DATA, 'huadu_gbk_title.csv');

let browser;
before(async () => {
  if (!existsSync(DIST_HTML)) throw new Error('dist/aidstat.html is missing: run scripts/build.sh');
  browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    // No network at all: no updates, no telemetry, no safe-browsing lists.
    extraPrefsFirefox: {
      'app.update.enabled': false,
      'browser.safebrowsing.malware.enabled': false,
      'browser.safebrowsing.phishing.enabled': false,
      'datareporting.policy.dataSubmissionEnabled': false,
      'network.captive-portal-service.enabled': false,
      'network.connectivity-service.enabled': false,
    },
  });
});
after(async () => {
  if (browser) await browser.close();
});

/** Waits for the page's own signal that a (new) result is drawn. */
async function ready(page, after = null) {
  await page.waitForFunction((a) => {
    const el = document.documentElement;
    return el.dataset.state === 'ready' && (a === null || Number(el.dataset.resultSeq || 0) > a);
  }, { timeout: 60000, polling: 100 }, after);
}

const seq = (page) => page.evaluate(() => Number(document.documentElement.dataset.resultSeq || 0));

async function open(url = pageUrl()) {
  const page = await browser.newPage();
  const log = { page, requests: [], errors: [] };
  page.on('request', (r) => log.requests.push(r.url()));
  page.on('pageerror', (e) => log.errors.push(String(e && e.message ? e.message : e)));
  await page.goto(url);
  await ready(page);
  return log;
}

describe('Firefox ESR (WebDriver BiDi)', () => {
  test('the demo, a GBK file through the file input, and a CSV export', async () => {
    const log = await open();
    const { page } = log;
    let table = await readTable(page);
    assert.equal(cell(table, '医疗帮扶', '2020 占比').text, '43.00%');
    assert.equal(cell(table, '合计', '2020 金额').text, '1,000.00');
    assert.equal(await page.evaluate(() => document.documentElement.dataset.engine), 'worker');
    // Firefox 153 has SIMD and DecompressionStream: the SIMD build, unless the scalar pass asks for the other.
    assert.equal(await page.evaluate(() => document.documentElement.dataset.engineBuild), BUILD);

    // Choosing a file, as a person does (the input is hidden behind 选择文件…).
    const before = await seq(page);
    const input = await page.$('#file');
    await input.uploadFile(GBK);
    await ready(page, before);
    const chips = await page.evaluate(() => document.querySelector('#source .chips').textContent);
    assert.match(chips, /GBK/);
    table = await readTable(page);
    assert.equal(cell(table, '医疗帮扶', '2020 金额').text, '430.00');
    assert.equal(cell(table, '合计', '合计 金额').text, '4,300.00');

    // The export: the Blob the page hands to the download link.
    await page.evaluate(() => {
      const make = URL.createObjectURL.bind(URL);
      URL.createObjectURL = (blob) => {
        window.__exported = blob;
        return make(blob);
      };
    });
    await page.click('#export-csv');
    await page.waitForFunction(() => !!window.__exported, { timeout: 10000 });
    const csv = await page.evaluate(async () => {
      const bytes = new Uint8Array(await window.__exported.arrayBuffer());
      return { bom: [...bytes.slice(0, 3)], text: new TextDecoder().decode(bytes.slice(3)) };
    });
    assert.deepEqual(csv.bom, [0xef, 0xbb, 0xbf]);
    const lines = csv.text.split('\r\n');
    assert.equal(lines[0], '板块,2020 金额（万元）,2021 金额（万元）,2022 金额（万元）,合计 金额（万元）');
    assert.ok(lines.includes('医疗帮扶,430.00,30.00,150.00,610.00'), csv.text);

    assert.deepEqual(outsideRequests(log.requests), [], 'a request left the page');
    assert.deepEqual(log.errors, [], 'page errors');
    await page.close();
  });

  test('a workbook (tests/workbooks/seed.xlsx) through the lazily started Office module', async () => {
    const log = await open();
    const { page } = log;
    const before = await seq(page);
    const input = await page.$('#file');
    await input.uploadFile(join(ROOT, 'tests/workbooks/seed.xlsx'));
    await ready(page, before);
    const chips = await page.evaluate(() => document.querySelector('#source').textContent);
    assert.match(chips, /工作表“明细”/);
    const table = await readTable(page);
    assert.equal(cell(table, '医疗帮扶', '2020 金额').text, '430.00');
    assert.equal(cell(table, '合计', '2020 金额').text, '1,000.00');
    assert.equal(cell(table, '合计', '合计 金额').text, '4,300.00');
    assert.deepEqual(outsideRequests(log.requests), [], 'a request left the page');
    assert.deepEqual(log.errors, [], 'page errors');
    await page.close();
  });

  test('every fixture, and each in GBK, Big5, mixed and broken, reads as natively (see decoding.test.mjs)', async () => {
    const nativeFile = join(ROOT, 'target/decoding/native.json');
    assert.ok(existsSync(nativeFile), 'target/decoding/native.json is missing: run `cargo test --test decoding` first');
    const native = JSON.parse(readFileSync(nativeFile, 'utf8'));
    const names = Object.keys(native);
    const server = await serveRoot();
    try {
      const page = await browser.newPage();
      await page.goto(`${server.origin}/pkg/package.json`);
      const got = await page.evaluate(readDecodingFiles, { names, build: BUILD });
      assert.equal(got.build, BUILD);
      for (const name of names) assert.deepEqual(got[name], native[name], name);
      await page.close();
    } finally {
      server.close();
    }
  });

  test('the developer page www/index.html from file:// shows the demo too', async () => {
    const log = await open(pathToFileURL(join(ROOT, 'www/index.html')).href);
    const table = await readTable(log.page);
    assert.equal(cell(table, '医疗帮扶', '2020 占比').text, '43.00%');
    assert.deepEqual(outsideRequests(log.requests), []);
    assert.deepEqual(log.errors, []);
    await log.page.close();
  });
});
