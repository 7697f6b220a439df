#!/usr/bin/env node
// Builds the page in its three forms, from the engine that
// scripts/build-wasm.sh made:
//   target/page/{engine,aidstat}.js           the scripts of www/index.html (open it after building)
//   dist/aidstat.html                           one self-contained offline file
//   dist/embed/aidstat-view.js + .wasm          the <aidstat-view> element for portals
//   dist/README.txt, dist/THIRD_PARTY_NOTICES.txt, dist/demo/…  the rest of a release zip
//
// Run from anywhere: node www/build.mjs
// AIDSTAT_ENGINE_ROOT=/path overrides where pkg/ and target/nomod/ are looked for.
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const WWW = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(WWW, '..');
const ENGINE_ROOT = resolve(process.env.AIDSTAT_ENGINE_ROOT || ROOT);
const NOMOD_JS = join(ENGINE_ROOT, 'target/nomod/aidstat.js');
const NOMOD_WASM = join(ENGINE_ROOT, 'target/nomod/aidstat_bg.wasm');
const NOMOD_SIMD = join(ENGINE_ROOT, 'target/nomod/aidstat_simd_bg.wasm');
const OFFICE_JS = join(ENGINE_ROOT, 'target/nomod/aidstat_office.js');
const OFFICE_WASM = join(ENGINE_ROOT, 'target/nomod/aidstat_office_bg.wasm');
const PKG_JS = join(ENGINE_ROOT, 'pkg/aidstat.js');
const PKG_INDEX = join(ENGINE_ROOT, 'pkg/index.js');
const PKG_OFFICE_WASM = join(ENGINE_ROOT, 'pkg/office/aidstat_office_bg.wasm');
const PKG_WASM = join(ENGINE_ROOT, 'pkg/aidstat_bg.wasm');
const PKG_SIMD = join(ENGINE_ROOT, 'pkg/aidstat_simd_bg.wasm');
const OUT_WWW = join(ROOT, 'target/page');
const DIST = join(ROOT, 'dist');
const DEMO = join(WWW, 'demo/huadu_qingxin.csv');
const TARGET = ['es2020'];

const say = (msg) => process.stdout.write(`[page] ${msg}\n`);
const kib = (n) => `${(n / 1024).toFixed(0)} KiB`;

function fail(msg) {
  process.stderr.write(`[page] error: ${msg}\n`);
  process.exit(1);
}

function cargoVersion() {
  try {
    const m = /^version\s*=\s*"([^"]+)"/m.exec(readFileSync(join(ROOT, 'Cargo.toml'), 'utf8'));
    return m ? m[1] : '0.0.0';
  } catch (_) {
    return '0.0.0';
  }
}

/** JSON text that is also safe inside an HTML <script> element. */
function scriptSafeJson(value) {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** esbuild plugin: `virtual:*` modules made here (the worker's code, the demo data). */
function virtualModules(map) {
  return {
    name: 'aidstat-virtual',
    setup(b) {
      b.onResolve({ filter: /^virtual:/ }, (args) => ({ path: args.path, namespace: 'aidstat-virtual' }));
      b.onLoad({ filter: /.*/, namespace: 'aidstat-virtual' }, (args) => {
        if (!(args.path in map)) return { errors: [{ text: `unknown virtual module ${args.path}` }] };
        return { contents: `export default ${JSON.stringify(map[args.path])};`, loader: 'js' };
      });
    },
  };
}

async function bundle(options) {
  const result = await build({
    bundle: true,
    write: false,
    minify: true,
    legalComments: 'none',
    target: TARGET,
    logLevel: 'warning',
    charset: 'utf8',
    ...options,
  });
  return result.outputFiles[0].text;
}

/** Refuses text that would end an inline <script> early. */
function assertInlineSafe(name, text) {
  if (/<\/script/i.test(text) || /<!--/.test(text)) fail(`${name} contains "</script" or "<!--" and cannot be inlined`);
}

/** `'sha256-…'` of an inline element's text, as a CSP source. */
function cspHash(text) {
  // The browser hashes the element's text after the parser has turned CRLF and CR into LF.
  const parsed = text.replace(/\r\n?/g, '\n');
  return `'sha256-${createHash('sha256').update(parsed, 'utf8').digest('base64')}'`;
}

/**
 * The Content-Security-Policy of dist/aidstat.html, given the text of its
 * inline <script> and <style> elements (each is allowed by its hash).
 * - Nothing may connect anywhere or load from outside: default-src,
 *   connect-src, font-src, form-action and base-uri are 'none'.
 * - Scripts: the inline ones by hash only (no 'unsafe-inline', so an injected
 *   inline script or on…= attribute does not run; no 'unsafe-eval', so no
 *   eval / new Function). 'wasm-unsafe-eval' lets WebAssembly compile.
 *   blob: stays for two reasons: the worker is a Blob URL (worker-src), and
 *   when no worker can start, engine/client.js runs the wasm-bindgen glue on
 *   the main thread through a <script src="blob:…">. Only the page's own code
 *   can make a blob URL, so blob: lets nothing in from a file or the network.
 *   Chromium before 97 (older 360 browser cores) compiles WebAssembly under a
 *   CSP only with 'unsafe-eval'; there the engine does not start.
 * - Styles: the inline <style> by hash only. The page and ECharts set styles
 *   through the CSSOM (element.style), which a CSP does not restrict, and the
 *   chart's HTML tooltips carry classes, not style="" (render/chart.js).
 * - Images: data: and blob: (the favicon, chart exports).
 */
function contentSecurityPolicy({ scripts, styles }) {
  return [
    "default-src 'none'",
    `script-src ${scripts.map(cspHash).join(' ')} 'wasm-unsafe-eval' blob:`,
    'worker-src blob:',
    `style-src ${styles.map(cspHash).join(' ')}`,
    'img-src data: blob:',
    "font-src 'none'",
    "connect-src 'none'",
    "form-action 'none'",
    "base-uri 'none'",
  ].join('; ');
}

const NOTICE = `/*! aidstat page ${cargoVersion()} | MIT OR Apache-2.0 | includes Apache ECharts (Apache-2.0, https://echarts.apache.org), zrender (BSD-3-Clause), tslib (0BSD); see THIRD_PARTY_NOTICES.txt */\n`;

async function main() {
  for (const f of [NOMOD_JS, NOMOD_WASM]) {
    if (!existsSync(f)) fail(`${relative(ROOT, f)} is missing: build the engine first (scripts/build-wasm.sh)`);
  }
  const glue = readFileSync(NOMOD_JS, 'utf8');
  if (!/\bwasm_bindgen\b/.test(glue) || !/initSync/.test(glue)) fail(`${relative(ROOT, NOMOD_JS)} does not look like wasm-bindgen --target no-modules output`);
  const wasm = readFileSync(NOMOD_WASM);
  const demo = readFileSync(DEMO, 'utf8');
  mkdirSync(OUT_WWW, { recursive: true });

  // 1. The worker's code (appended to the glue at run time).
  const workerCode = await bundle({ entryPoints: [join(WWW, 'src/engine/worker.js')], format: 'iife' });

  // 2. The page's script: one classic IIFE with ECharts inside.
  const pageJs = NOTICE + await bundle({
    entryPoints: [join(WWW, 'src/main.js')],
    format: 'iife',
    plugins: [virtualModules({ 'virtual:worker-code': workerCode, 'virtual:demo': demo })],
  });

  // 3. The engine as a classic script: glue text and wasm bytes (base64).
  //    The Office module (workbooks) rides along gzip-compressed: the page
  //    inflates it (DecompressionStream) only when a workbook is opened.
  let office = 'null';
  if (existsSync(OFFICE_JS) && existsSync(OFFICE_WASM)) {
    const officeGlue = readFileSync(OFFICE_JS, 'utf8');
    if (!/\baidstat_office\b/.test(officeGlue)) fail(`${relative(ROOT, OFFICE_JS)} does not define aidstat_office (wasm-bindgen --no-modules-global aidstat_office)`);
    const gz = gzipSync(readFileSync(OFFICE_WASM), { level: 9 });
    office = `{glue: ${scriptSafeJson(officeGlue)}, wasm: "${gz.toString('base64')}"}`;
    say(`Office module ${kib(statSync(OFFICE_WASM).size)}, ${kib(gz.length)} gzip`);
  } else {
    process.stderr.write(`[page] warning: ${relative(ROOT, OFFICE_JS)} is missing; the page will not open workbooks (run scripts/build-wasm.sh)\n`);
  }
  // The SIMD build of the core rides along gzip-compressed too: a browser with
  // SIMD also has DecompressionStream; one without takes the scalar build as it is.
  let simd = 'null';
  if (existsSync(NOMOD_SIMD)) {
    const gz = gzipSync(readFileSync(NOMOD_SIMD), { level: 9 });
    simd = `"${gz.toString('base64')}"`;
    say(`SIMD core ${kib(statSync(NOMOD_SIMD).size)}, ${kib(gz.length)} gzip`);
  } else {
    process.stderr.write(`[page] warning: ${relative(ROOT, NOMOD_SIMD)} is missing; the page runs the scalar build only (run scripts/build-wasm.sh)\n`);
  }
  const engineJs = `/*! aidstat engine ${cargoVersion()} (wasm-bindgen no-modules glue + wasm, base64; SIMD build and Office module gzip + base64) */\n`
    + `self.AIDSTAT_ENGINE = {version: ${scriptSafeJson(cargoVersion())}, glue: ${scriptSafeJson(glue)}, wasm: "${wasm.toString('base64')}", simd: ${simd}, office: ${office}};\n`;

  writeFileSync(join(OUT_WWW, 'aidstat.js'), pageJs);
  writeFileSync(join(OUT_WWW, 'engine.js'), engineJs);
  say(`target/page/aidstat.js ${kib(pageJs.length)}, target/page/engine.js ${kib(engineJs.length)} (wasm ${kib(wasm.length)})`);

  // 4. dist/aidstat.html: everything inline.
  const css = readFileSync(join(WWW, 'aidstat.css'), 'utf8');
  let html = readFileSync(join(WWW, 'index.html'), 'utf8');
  assertInlineSafe('page script', pageJs);
  assertInlineSafe('engine script', engineJs);
  // The text of each inline element, exactly as it goes into the file: the CSP names their hashes.
  const style = `\n${css.replace(/<\/style/gi, '<\\/style')}`;
  const engineScript = `\n${engineJs}`;
  const pageScript = `\n${pageJs}`;
  const swaps = [
    ['<link rel="stylesheet" href="aidstat.css">', `<style>${style}</style>`],
    ['<script src="../target/page/engine.js"></script>', `<script>${engineScript}</script>`],
    ['<script src="../target/page/aidstat.js"></script>', `<script>${pageScript}</script>`],
    // No request can leave the single file, and no code runs but the page's own.
    ['<!-- aidstat:csp -->', `<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy({ scripts: [engineScript, pageScript], styles: [style] })}">`],
  ];
  // Whatever else the template holds would be refused by that policy: say so now, not in the browser.
  const rest = swaps.reduce((text, [from]) => text.replace(from, ''), html);
  if (/<script|<style/i.test(rest)) fail('www/index.html has a <script> or <style> that the build does not inline and hash');
  if (/<[^>]*\s(on[a-z]+|style)\s*=/i.test(rest)) fail('www/index.html has an on…= or style= attribute, which the CSP refuses: use addEventListener or aidstat.css');
  for (const [from, to] of swaps) {
    if (!html.includes(from)) fail(`www/index.html lacks ${from}`);
    html = html.replace(from, () => to);
  }
  rmSync(DIST, { recursive: true, force: true });
  mkdirSync(join(DIST, 'demo'), { recursive: true });
  writeFileSync(join(DIST, 'aidstat.html'), html);
  copyFileSync(DEMO, join(DIST, 'demo/huadu_qingxin.csv'));
  say(`dist/aidstat.html ${kib(statSync(join(DIST, 'aidstat.html')).size)}`);

  // 5. The custom element for portals, from pkg/ (wasm-pack --target web).
  if (existsSync(PKG_JS) && existsSync(PKG_WASM)) {
    mkdirSync(join(DIST, 'embed'), { recursive: true });
    const embedJs = NOTICE + await bundle({
      entryPoints: [join(WWW, 'src/embed/aidstat-view.js')],
      format: 'esm',
      alias: { 'aidstat-engine': existsSync(PKG_INDEX) ? PKG_INDEX : PKG_JS },
      loader: { '.css': 'text' },
    });
    writeFileSync(join(DIST, 'embed/aidstat-view.js'), embedJs);
    copyFileSync(PKG_WASM, join(DIST, 'embed/aidstat_bg.wasm'));
    if (existsSync(PKG_SIMD)) copyFileSync(PKG_SIMD, join(DIST, 'embed/aidstat_simd_bg.wasm'));
    if (existsSync(PKG_OFFICE_WASM)) copyFileSync(PKG_OFFICE_WASM, join(DIST, 'embed/aidstat_office_bg.wasm'));
    say(`dist/embed/aidstat-view.js ${kib(embedJs.length)} + aidstat_simd_bg.wasm + aidstat_bg.wasm`);
  } else {
    process.stderr.write(`[page] warning: ${relative(ROOT, PKG_JS)} is missing; dist/embed/ not built (run scripts/build-wasm.sh)\n`);
  }

  // 6. The rest of the release folder.
  writeFileSync(join(DIST, 'README.txt'), readFileSync(join(WWW, 'dist-README.txt'), 'utf8').replace('{version}', cargoVersion()));
  const notices = ['echarts', 'zrender', 'tslib'].map((pkg) => {
    const dir = join(ROOT, 'node_modules', pkg);
    const license = ['LICENSE', 'LICENSE.txt', 'LICENSE.md'].map((f) => join(dir, f)).find(existsSync);
    const notice = existsSync(join(dir, 'NOTICE')) ? readFileSync(join(dir, 'NOTICE'), 'utf8') : '';
    const version = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).version;
    return `==== ${pkg} ${version} ====\n${notice}${notice ? '\n' : ''}${license ? readFileSync(license, 'utf8') : ''}`;
  });
  writeFileSync(join(DIST, 'THIRD_PARTY_NOTICES.txt'), `aidstat bundles these libraries in aidstat.html and embed/aidstat-view.js.\n\n${notices.join('\n\n')}`);
  say('done');
}

main().catch((e) => fail(e && e.stack ? e.stack : String(e)));
