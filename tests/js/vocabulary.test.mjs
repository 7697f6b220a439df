// The page's spec vocabulary (www/src/view.js) is the engine's: every name
// and default the page uses is one the engine gives in specVocabulary().
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { initSync, specVocabulary } from '../../pkg/aidstat.js';
import { coreWasmFile } from '../../pkg/index.js';
import { AGGREGATES, GROWTHS, SHARES, UNITS, baseSpec } from '../../www/src/view.js';

const root = new URL('../../', import.meta.url);
// The build under test: SIMD unless AIDSTAT_BUILD=scalar (scripts/test.sh runs both).
initSync({ module: readFileSync(new URL(`pkg/${coreWasmFile(process.env.AIDSTAT_BUILD)}`, root)) });

test('the page uses the engine\'s names and defaults', () => {
  const v = specVocabulary();
  assert.deepEqual(AGGREGATES, v.aggregates);
  assert.deepEqual(SHARES, v.shares);
  assert.deepEqual(GROWTHS, v.growths);
  assert.deepEqual(UNITS, v.units);
  const b = baseSpec();
  for (const [k, want] of Object.entries(v.defaults)) assert.equal(b[k], want, k);
  // By hand: the sum of SEMANTICS §3 first; 四舍五入 to 2 decimals by default.
  assert.equal(v.defaults.aggregate, 'sum');
  assert.equal(v.defaults.precision, 2);
});
