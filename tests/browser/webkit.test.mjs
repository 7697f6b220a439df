// The main paths in WebKit: Debian's webkit2gtk-driver (WebKitWebDriver)
// with its MiniBrowser, on a virtual display (Xvfb), through
// selenium-webdriver; never a downloaded browser. The single-file page as
// file://: the demo's figures, a GBK file chosen in the file input, a CSV
// export caught as the Blob the page makes. Figures by hand as in
// firefox.test.mjs (2020: 医疗 430 of 1,000 = 43.00 %; 医疗 430 + 30 + 150 = 610).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { Builder, By } from 'selenium-webdriver';
import { DATA, DIST_HTML, cell, pageUrl, readTable } from './helpers.mjs';

const MINIBROWSER = process.env.MINIBROWSER_PATH || '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';
const GBK = join(DATA, 'huadu_gbk_title.csv');

/** A free TCP port on loopback. */
function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

let xvfb = null;
let driverProcess = null;
let driver = null;

before(async () => {
  if (!existsSync(DIST_HTML)) throw new Error('dist/aidstat.html is missing: run scripts/build.sh');
  if (!existsSync(MINIBROWSER)) throw new Error(`${MINIBROWSER} is missing: scripts/setup.sh installs webkit2gtk-driver`);
  const env = { ...process.env };
  if (!env.DISPLAY) {
    // A display of our own (the test command runs headless).
    const display = `:${200 + Math.floor(Math.random() * 500)}`;
    xvfb = spawn('Xvfb', [display, '-screen', '0', '1366x900x24', '-nolisten', 'tcp'], { stdio: 'ignore' });
    env.DISPLAY = display;
    await sleep(800);
  }
  const port = await freePort();
  driverProcess = spawn('WebKitWebDriver', [`--port=${port}`], { env, stdio: 'ignore' });
  await sleep(800);
  const caps = {
    browserName: 'MiniBrowser',
    'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation'] },
  };
  for (let i = 0; ; i += 1) {
    try {
      driver = await new Builder().usingServer(`http://127.0.0.1:${port}`).withCapabilities(caps).build();
      break;
    } catch (e) {
      if (i >= 10) throw e;
      await sleep(500);
    }
  }
});

after(async () => {
  if (driver) await driver.quit().catch(() => {});
  if (driverProcess) driverProcess.kill();
  if (xvfb) xvfb.kill();
});

const script = (fn, ...args) => driver.executeScript(fn, ...args);

/** Waits for a (new) result: `<html data-state=ready>` and a larger result number. */
async function ready(after = 0) {
  let last = null;
  try {
    await driver.wait(async () => {
      last = await script(() => [document.documentElement.dataset.state, document.documentElement.dataset.resultSeq, document.querySelector("#alert").textContent]);
      return last[0] === 'ready' && Number(last[1] || 0) > after;
    }, 60000);
  } catch (e) {
    throw new Error(`the page did not get ready: ${JSON.stringify(last)}`);
  }
}

/** The result table as the other tests read it (helpers.readTable through WebDriver). */
function table() {
  return readTable({ evaluate: (fn) => driver.executeScript(`return (${fn.toString()})()`) });
}

describe('WebKit (WebKitGTK MiniBrowser through WebDriver)', () => {
  test('the demo, a GBK file through the file input, and a CSV export', async () => {
    await driver.get(pageUrl());
    await ready();
    assert.equal(await script(() => document.documentElement.dataset.engine), 'worker');
    assert.equal(cell(await table(), '医疗帮扶', '2020 占比').text, '43.00%');

    // Choose the file: the input sits behind the 选择文件… button.
    const before = await script(() => Number(document.documentElement.dataset.resultSeq || 0));
    await script(() => document.querySelector('#file').removeAttribute('hidden'));
    await driver.findElement(By.css('#file')).sendKeys(GBK);
    await ready(before);
    assert.match(await script(() => document.querySelector('#source .chips').textContent), /GBK/);
    const t = await table();
    assert.equal(cell(t, '医疗帮扶', '2020 金额').text, '430.00');
    assert.equal(cell(t, '合计', '合计 金额').text, '4,300.00');

    // The export: the Blob handed to the download link.
    await script(() => {
      const make = URL.createObjectURL.bind(URL);
      URL.createObjectURL = (blob) => {
        window.__exported = blob;
        return make(blob);
      };
    });
    await driver.findElement(By.css('#export-csv')).click();
    await driver.wait(async () => script(() => !!window.__exported), 10000);
    const csv = await driver.executeAsyncScript((done) => {
      window.__exported.arrayBuffer().then((b) => {
        const bytes = new Uint8Array(b);
        done({ bom: [...bytes.slice(0, 3)], text: new TextDecoder().decode(bytes.slice(3)) });
      });
    });
    assert.deepEqual(csv.bom, [0xef, 0xbb, 0xbf]);
    const lines = csv.text.split('\r\n');
    assert.equal(lines[0], '板块,2020 金额（万元）,2021 金额（万元）,2022 金额（万元）,合计 金额（万元）');
    assert.ok(lines.includes('医疗帮扶,430.00,30.00,150.00,610.00'), csv.text);
  });
});
