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
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUILD, ROOT, launch, readDecodingFiles, serveRoot } from './helpers.mjs';

let server;
let browser;

before(async () => {
  server = await serveRoot();
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
  await page.goto(`${server.origin}/pkg/package.json`);
  const got = await page.evaluate(readDecodingFiles, { names, build: BUILD });
  assert.equal(got.build, BUILD);
  let legacy = 0;
  for (const name of names) {
    assert.deepEqual(got[name], native[name], name);
    if (got[name].schema && !/^UTF-(8|16)/.test(got[name].schema.source.encoding)) legacy += 1;
  }
  assert.ok(legacy >= 30, `${legacy} files in a legacy encoding`);
  await context.close();
});
