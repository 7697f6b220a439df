// The checks and the paragraph through the JavaScript API (pkg/): findings
// with their corrections, accepting one as a load option and undoing it, and
// the paragraph in the result. Values worked out by hand in tests/checks.rs
// and tests/report.rs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { initSync, Table } from '../../pkg/aidstat.js';
import { coreWasmFile } from '../../pkg/index.js';

const root = new URL('../../', import.meta.url);
// The build under test: SIMD unless AIDSTAT_BUILD=scalar (scripts/test.sh runs both).
initSync({ module: readFileSync(new URL(`pkg/${coreWasmFile(process.env.AIDSTAT_BUILD)}`, root)) });
const fixture = (name) => new Uint8Array(readFileSync(new URL(`tests/data/${name}`, root)));

test('seed 002: the unit slip, its correction accepted and undone', () => {
  const bytes = fixture('checks/seed002_unit_slip.csv');
  const t = Table.fromBytes(bytes, {});
  const f = t.findings();
  assert.deepEqual(f.map((x) => x.code), ['unit_slip']);
  const slip = f[0];
  assert.equal(slip.severity, 'error');
  assert.deepEqual(slip.lines, [4, 7]);
  // 2.7379 + 4750 + 9436 = 14188.7379; stated 41565; 41565 − 14188.7379 = 27376.2621.
  assert.equal(slip.figures.computed, '14188.7379');
  assert.equal(slip.figures.difference, '27376.2621');
  assert.equal(slip.figures.correctedText, '2.7379亿元');
  assert.deepEqual(slip.correction, { corrections: [{ line: 4, column: '金额', value: '2.7379亿元' }] });

  // Every result carries the paragraph; the checks are asked for once, and kept.
  const r = t.analyze({ rows: ['帮扶方'] });
  assert.deepEqual(t.findings(), f);
  assert.equal(typeof r.paragraph.zh, 'string');
  assert.equal(r.findings[0].code, 'total_mismatch'); // the old shape, unchanged

  // Accept: the correction is a load option.
  const opts = { corrections: [...slip.correction.corrections] };
  const fixed = Table.fromBytes(bytes, opts);
  assert.deepEqual(fixed.findings().map((x) => x.code), ['total_ok']);
  assert.ok(fixed.schema().warnings.some((w) => w.code === 'corrected' && w.line === 4));
  // Undo: load without it.
  const undone = Table.fromBytes(bytes, { corrections: [] });
  assert.deepEqual(undone.findings().map((x) => x.code), ['unit_slip']);
});

test('labels written two ways are unified by relabel', () => {
  const bytes = fixture('checks/labels.csv');
  const t = Table.fromBytes(bytes);
  const med = t.findings().find((x) => x.code === 'label_variant' && x.figures.target === '医疗帮扶');
  assert.deepEqual(med.correction, { relabel: { 板块: { 醫療幫扶: '医疗帮扶' } } });
  const fixed = Table.fromBytes(bytes, { relabel: med.correction.relabel });
  const r = fixed.analyze({ rows: ['板块'] });
  // 医疗帮扶 430 + 醫療幫扶 30 = 460.
  assert.equal(r.rows.find((x) => x.label === '医疗帮扶').cells[0].value.text, '460.00');
});

test('the paragraph of the demo view', () => {
  const t = Table.fromBytes(fixture('huadu_utf8.csv'));
  const r = t.analyze({ rows: ['板块'], columns: '年度', share: 'column', growth: 'rate' });
  assert.ok(r.paragraph.zh.startsWith('2020年至2022年，资金合计4,300.00万元，其中2020年1,000.00万元、2021年2,100.00万元、2022年1,200.00万元。'));
  assert.ok(r.paragraph.zh.includes('2020年的1,000.00万元中，医疗帮扶占430.00万元（43.00%）'));
  assert.ok(r.paragraph.en.startsWith('Amounts are in 万元 (ten thousand yuan). From 2020 to 2022, the funds totalled 4,300.00'));
  assert.deepEqual(t.findings(), []);
});

test('grouped results carry the paragraph too', () => {
  const t = Table.fromBytes(fixture('checks/seed002_unit_slip.csv'));
  const spec = { rows: ['帮扶方'] };
  const g = t.group(spec);
  const a = t.analyze(spec);
  const r = g.render();
  assert.deepEqual(t.findings().map((x) => x.code), ['unit_slip']);
  assert.deepEqual(r.paragraph, a.paragraph);
  assert.deepEqual(r, a);
});

test('checkStep runs the checks slice by slice; analyses answer between slices', () => {
  const bytes = fixture('checks/seed002_unit_slip.csv');
  const t = Table.fromBytes(bytes);
  const seen = [];
  for (let p = t.checkStep(); ; p = t.checkStep()) {
    seen.push(p.step);
    // An analysis between two slices gives its figures at once.
    assert.equal(t.analyze({ rows: ['帮扶方'] }).diagnostics.rowsRead, 9); // lines 4–12
    if (p.done) {
      assert.equal(p.step, p.steps);
      break;
    }
  }
  // totals, unreadable cells, outliers, duplicates, gaps, then the labels of 帮扶方, 受援方 and 项目.
  assert.deepEqual(seen, [1, 2, 3, 4, 5, 6, 7, 8]);
  assert.deepEqual(t.findings().map((x) => x.code), ['unit_slip']);
  assert.deepEqual(t.checkStep(), { done: true, step: 1, steps: 1 });
  // The same as all at once.
  assert.deepEqual(t.findings(), Table.fromBytes(bytes).findings());
});
