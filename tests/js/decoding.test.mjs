// The wasm build decodes legacy encodings with the platform's TextDecoder and
// guesses them without chardetng (src/read/guess.rs); the native build uses
// encoding_rs and chardetng. tests/decoding.rs (run first by scripts/test.sh)
// writes every text fixture, and each again in GBK, Big5, with a GBK line
// among UTF-8 ones and with a broken byte pair, into target/decoding/ with
// how the native build read it. Here the wasm build reads the fixtures as
// they are (in Node) and must show the same: schema (encoding, columns, rows,
// set-aside rows, notes), every column's values, or the same error.
// tests/browser/decoding.test.mjs reads all of them, the made-up ones too, in
// Chromium: Node's TextDecoder is ICU's, which departs from the WHATWG
// standard in Big5's HKSCS rows and GB18030's four-byte codes (docs/EMBED.md).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { initSync, Table } from '../../pkg/aidstat.js';
import { coreWasmFile } from '../../pkg/index.js';

const root = new URL('../../', import.meta.url);
initSync({ module: readFileSync(new URL(`pkg/${coreWasmFile(process.env.AIDSTAT_BUILD)}`, root)) });
const dir = new URL('target/decoding/', root);

test('every fixture reads in the wasm build as natively (Node\'s TextDecoder, the guess without chardetng)', () => {
  assert.ok(existsSync(new URL('native.json', dir)), 'target/decoding/native.json is missing: run `cargo test --test decoding` first');
  const native = JSON.parse(readFileSync(new URL('native.json', dir), 'utf8'));
  const names = Object.keys(native).filter((n) => !/\.(gbk|big5|mixed|broken)$/.test(n));
  assert.ok(names.length >= 19, `${names.length} files`);
  let legacy = 0;
  for (const name of names) {
    const bytes = new Uint8Array(readFileSync(new URL(name, dir)));
    const want = native[name];
    let got;
    try {
      const t = Table.fromBytes(bytes);
      const schema = t.schema();
      const values = {};
      for (const c of schema.columns) {
        try { values[c.name] = t.values(c.name); } catch { /* not a period or dimension */ }
      }
      got = { schema, values, rowCount: t.rowCount };
    } catch (e) {
      got = { error: { code: e.code, messageZh: e.messageZh, line: e.line } };
    }
    assert.deepEqual(got, want, name);
    if (got.schema && !/^UTF-(8|16)/.test(got.schema.source.encoding)) legacy += 1;
  }
  assert.ok(legacy >= 4, `${legacy} files in a legacy encoding`);
});
