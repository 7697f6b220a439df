// Makes the demo's Word report the way an analyst does (the page in headless
// Chromium: add the view, export Word), then renders it with LibreOffice
// headless and pdftoppm to PNGs under docs/, so a reader sees the document.
//
//   bash scripts/build.sh && node scripts/render-report.mjs
//
// Needs Debian's libreoffice-writer-nogui, poppler-utils and fonts-noto-cjk
// (apt-get install libreoffice-writer-nogui poppler-utils fonts-noto-cjk; not
// needed by the tests). LibreOffice substitutes Noto
// CJK for 宋体 / 仿宋 / 黑体; Word and WPS on Windows use the faces named.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { launch, openPage, pageUrl, waitReady } from '../tests/browser/helpers.mjs';

const docs = fileURLToPath(new URL('../docs/', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'aidstat-render-'));
const browser = await launch();
try {
  const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 } });
  const { page } = await openPage(context, pageUrl());
  await waitReady(page);
  await page.click('#report-add');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-docx')]);
  const file = join(dir, 'report.docx');
  await download.saveAs(file);
  execFileSync('soffice', ['--headless', '--convert-to', 'pdf', '--outdir', dir, file], { stdio: 'inherit' });
  execFileSync('pdftoppm', ['-png', '-r', '70', '-f', '1', '-l', '2', join(dir, 'report.pdf'), join(dir, 'page')]);
  for (const f of readdirSync(dir).filter((x) => /^page-\d+\.png$/.test(x))) {
    const n = Number(f.match(/\d+/)[0]);
    renameSync(join(dir, f), join(docs, `report-demo-${n}.png`));
    console.log(`docs/report-demo-${n}.png`);
  }
} finally {
  await browser.close();
  rmSync(dir, { recursive: true, force: true });
}
