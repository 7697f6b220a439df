#!/usr/bin/env node
// A big file in the page, as an analyst opens it: dist/aidstat.html as a
// file:// URL in Debian's headless Chromium, the file chosen in the file
// input, read by the worker chunk by chunk (File.stream()). Checks every
// figure of year × category against the harness's exact answer and reports
// the time to the first figures and the browser's peak memory.
//
//   node bench/big-file.mjs                 10,000,000 rows (623 MB)
//   node bench/big-file.mjs --rows 1000000
//   node bench/big-file.mjs --csv FILE      any file: prints what the page shows (figures unchecked)
//
// The data comes from the shared harness's generator (../shared/bench, or
// the copy bench/run.sh makes in target/bench-harness when it is read-only).
// A run by hand, not a test: it takes minutes and needs several GB of memory.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { launch, openPage, pageUrl, readTable, ROOT, waitReady } from '../tests/browser/helpers.mjs';

const args = process.argv.slice(2);
const arg = (name, def) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : def;
};
const rows = Number(arg('--rows', '10000000'));
const harness = resolve(arg('--harness', existsSync(join(ROOT, 'target/bench-harness')) ? join(ROOT, 'target/bench-harness') : join(ROOT, '../shared/bench')));

const given = arg('--csv', null);
const csv = given ? resolve(given) : join(harness, `data/funding_${rows}.csv`);
const expectedPath = join(harness, `data/funding_${rows}.expected.json`);
if (!given && (!existsSync(csv) || !existsSync(expectedPath))) {
  process.stdout.write(`generating ${rows} rows with ${harness}/gen-data.mjs …\n`);
  const r = spawnSync(process.execPath, [join(harness, 'gen-data.mjs'), '--rows', String(rows)], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(1);
}
const expected = given ? { cells: [] } : JSON.parse(readFileSync(expectedPath, 'utf8'));
const size = statSync(csv).size;

/** Sum of the resident memory of every chromium process, in MB. */
function chromiumRss() {
  try {
    const out = execFileSync('ps', ['-C', 'chromium', '-o', 'rss='], { encoding: 'utf8' });
    return out.split('\n').filter(Boolean).reduce((a, kb) => a + Number(kb), 0) / 1024;
  } catch (_) {
    return 0;
  }
}

/** Cents as the page shows an amount with two decimals: 22660594311 → "226,605,943.11". */
function shown(cents) {
  const s = String(cents).padStart(3, '0');
  const whole = s.slice(0, -2).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${whole}.${s.slice(-2)}`;
}

const { newContext, close } = await launch();
let peak = 0;
const sampler = setInterval(() => {
  peak = Math.max(peak, chromiumRss());
}, 250);
try {
  const context = await newContext();
  const { page, errors, requests } = await openPage(context, pageUrl('', '#rows=category&cols=year&measure=amount_wan'));
  await waitReady(page);
  const before = chromiumRss();
  const seq = await page.evaluate(() => Number(document.documentElement.dataset.resultSeq || 0));
  const t0 = Date.now();
  let lastShown = '';
  const watch = setInterval(async () => {
    const label = await page.evaluate(() => {
      const p = document.querySelector('#progress');
      return p && !p.hidden ? `${p.querySelector('[data-role=label]').textContent} ${Math.round((p.querySelector('progress').value || 0) * 100)}%` : '';
    }).catch(() => '');
    if (label && label !== lastShown) {
      lastShown = label;
      process.stdout.write(`  ${((Date.now() - t0) / 1000).toFixed(1)} s  ${label}\n`);
    }
  }, 1000);
  await page.setInputFiles('#file', csv);
  await page.waitForFunction((after) => {
    const el = document.documentElement;
    return (el.dataset.state === 'ready' && Number(el.dataset.resultSeq || 0) > after) || !!document.querySelector('#alert:not([hidden])');
  }, seq, { timeout: 30 * 60 * 1000, polling: 500 });
  clearInterval(watch);
  const seconds = (Date.now() - t0) / 1000;
  const error = await page.evaluate(() => {
    const e = document.querySelector('#alert:not([hidden])');
    return e ? e.textContent : null;
  });
  if (error) {
    process.stdout.write(`\nafter ${seconds.toFixed(1)} s the page shows: ${error.replace(/\s+/g, ' ')}\nchromium RSS: ${before.toFixed(0)} MB before, peak ${peak.toFixed(0)} MB\n`);
    process.exitCode = given ? 0 : 1;
  } else {
    // A click right after the first figures (the checks may still run), then the checks' end.
    const tClick = Date.now();
    const seq2 = await page.evaluate(() => Number(document.documentElement.dataset.resultSeq || 0));
    await page.selectOption('#view-form [name="share"]', 'grand');
    await waitReady(page, seq2);
    const clickMs = Date.now() - tClick;
    const pendingAtClick = await page.evaluate(() => document.querySelector('#findings')?.dataset.state);
    await page.selectOption('#view-form [name="share"]', 'none');
    await page.waitForSelector('#findings[data-state="done"], #findings[data-state="failed"]', { timeout: 30 * 60 * 1000 });
    const checksSeconds = (Date.now() - t0) / 1000 - seconds;
    const findings = await page.evaluate(() => document.querySelector('#findings summary')?.textContent || '');
    await waitReady(page);
    const table = await readTable(page);
    let checked = 0;
    const wrong = [];
    for (const c of expected.cells) {
      const col = table.figureColumns.findIndex((name) => name === String(c.year) || name.startsWith(`${c.year} `));
      const row = table.rows.find((r) => r.label === c.category);
      const got = row && col >= 0 ? row.cells[col].text : '(missing)';
      if (got !== shown(c.sum_cents)) wrong.push(`${c.year} ${c.category}: ${got} ≠ ${shown(c.sum_cents)}`);
      checked += 1;
    }
    const status = await page.evaluate(() => document.querySelector('#source-summary, #status')?.textContent || '');
    process.stdout.write(`\n${given ? csv : `${rows.toLocaleString('en')} rows`}, ${(size / 1024 / 1024).toFixed(1)} MB: first figures after ${seconds.toFixed(1)} s\n`);
    process.stdout.write(`a control changed right after: answered in ${clickMs} ms (checks then ${pendingAtClick})\n`);
    process.stdout.write(`checks done ${checksSeconds.toFixed(1)} s after the first figures: ${findings.replace(/\s+/g, ' ').trim()}\n`);
    process.stdout.write(`chromium RSS: ${before.toFixed(0)} MB before, peak ${peak.toFixed(0)} MB\n`);
    process.stdout.write(`figures checked against the harness's exact sums: ${checked - wrong.length}/${checked} equal\n`);
    if (status) process.stdout.write(`page: ${status.replace(/\s+/g, ' ').slice(0, 300)}\n`);
    if (wrong.length) process.stdout.write(`${wrong.slice(0, 10).join('\n')}\n`);
    const outside = requests.filter((u) => !/^(file|blob|data):/.test(u));
    if (outside.length || errors.length) process.stdout.write(`requests outside: ${outside.length}, page errors: ${errors.join('; ')}\n`);
    process.exitCode = wrong.length || outside.length ? 1 : 0;
  }
} finally {
  clearInterval(sampler);
  await close();
}
