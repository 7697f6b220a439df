// The wasm build in Chromium decodes GBK, Big5 and the rest with the
// browser's TextDecoder and guesses the encoding without chardetng
// (src/read/guess.rs). tests/decoding.rs (run before the JS tests) writes
// every text fixture, and each again in GBK, in Big5 (Taiwan forms, HKSCS
// characters included), with a GBK line among UTF-8 ones and with a broken
// byte pair, into target/decoding/ with how the native build (encoding_rs,
// chardetng) read it. The package, imported by a page served from
// 127.0.0.1, reads the same bytes and must show the same: schema (encoding,
// columns, rows, rows set aside, notes), every column's values, or the
// same error.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import { BUILD, ROOT, launch } from './helpers.mjs';

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.wasm': 'application/wasm', '.json': 'application/json' };
let server;
let origin;
let browser;

before(async () => {
  server = createServer((req, res) => {
    const path = normalize(join(ROOT, decodeURIComponent(new URL(req.url, 'http://x').pathname)));
    if (!path.startsWith(ROOT + sep) || !existsSync(path) || !statSync(path).isFile()) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(path)] || 'application/octet-stream' });
    res.end(readFileSync(path));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${server.address().port}`;
  browser = await launch({ needDist: false });
});

after(async () => {
  if (browser) await browser.close();
  if (server) server.close();
});

test('every fixture, and each in GBK, Big5, mixed and broken, reads in Chromium as natively', async () => {
  const nativeFile = join(ROOT, 'target/decoding/native.json');
  assert.ok(existsSync(nativeFile), 'target/decoding/native.json is missing: run `cargo test --test decoding` first');
  const native = JSON.parse(readFileSync(nativeFile, 'utf8'));
  const names = Object.keys(native);
  assert.ok(names.length > 40, `${names.length} files`);
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${origin}/pkg/package.json`);
  const got = await page.evaluate(async ({ names, build }) => {
    const m = await import('/pkg/index.js');
    await m.default(build === 'scalar' ? { build: 'scalar' } : undefined);
    const out = { build: m.coreBuild() };
    for (const name of names) {
      const bytes = new Uint8Array(await (await fetch(`/target/decoding/${encodeURIComponent(name)}`)).arrayBuffer());
      try {
        const t = m.Table.fromBytes(bytes);
        const schema = t.schema();
        const values = {};
        for (const c of schema.columns) {
          try { values[c.name] = t.values(c.name); } catch { /* not a period or dimension */ }
        }
        out[name] = { schema, values, rowCount: t.rowCount };
      } catch (e) {
        out[name] = { error: { code: e.code, messageZh: e.messageZh, line: e.line } };
      }
    }
    return out;
  }, { names, build: BUILD });
  assert.equal(got.build, BUILD);
  let legacy = 0;
  for (const name of names) {
    assert.deepEqual(got[name], native[name], name);
    if (got[name].schema && !/^UTF-(8|16)/.test(got[name].schema.source.encoding)) legacy += 1;
  }
  assert.ok(legacy >= 30, `${legacy} files in a legacy encoding`);
  await context.close();
});
