// The page's pure modules under node (no browser): exact sorting of decimal
// strings, CSV safety for Excel, the view in the URL hash, and the table
// model built from a real engine result (pkg/, the same wasm as the page).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, CORE_WASM } from './helpers.mjs';
import { compareDecimal } from '../../www/src/render/decimal.js';
import { csvUtf8, neutralise, toCsv } from '../../www/src/export/csv.js';
import { baseSpec, defaultSpec, formatHash, parseHash, specFits } from '../../www/src/view.js';
import { csvFigure, leafColumns, sortRows, tableRows } from '../../www/src/render/table.js';
import { measureName } from '../../www/src/render/labels.js';
import { acceptedEntries, isAccepted, mergeCorrection } from '../../www/src/ui/findings.js';

test('decimal strings compare exactly', () => {
  const rows = [
    ['1', '2', -1], ['10', '9', 1], ['-1', '1', -1], ['-10', '-9', -1], ['0.1', '0.10', 0],
    ['-0', '0', 0], ['1433.333333333333333333333333', '1433.333333333333333333333334', -1],
    ['99999999999999999999.5', '99999999999999999999.49', 1], ['+5', '5', 0], ['0.000', '-0.0', 0],
  ];
  for (const [a, b, want] of rows) assert.equal(Math.sign(compareDecimal(a, b)), want, `${a} vs ${b}`);
});

test('CSV cells that a spreadsheet would run are neutralised; plain negatives stay numbers', () => {
  const rows = [
    ['=1+1', "'=1+1"], ['+86 10', "'+86 10"], ['@SUM(A1)', "'@SUM(A1)"], ['\tx', "'\tx"], ['\rx', "'\rx"],
    ['-12', '-12'], ['-12.50', '-12.50'], ['-93.02%', '-93.02%'], ['-', "'-"], ['-1+2', "'-1+2"],
    ['医疗帮扶', '医疗帮扶'], ['430.00', '430.00'], ['', ''],
    // Negative figures with thousands separators are numbers too; near misses are not.
    ['-1,234.50', '-1,234.50'], ['-1,234', '-1,234'], ['-12,345,678.9', '-12,345,678.9'], ['-1,234.5%', '-1,234.5%'],
    ['-1,2', "'-1,2"], ['-1234,567', "'-1234,567"], ['-,123', "'-,123"], ['-1,234.', "'-1,234."], ['-1.2.3', "'-1.2.3"],
    ['-2+3', "'-2+3"], ['+1+1', "'+1+1"], ['=HYPERLINK("http://x","y")', '\'=HYPERLINK("http://x","y")'],
    ['-12.5', '-12.5'], ['-0.00%', '-0.00%'], ['--1', "'--1"], ['-1e5', "'-1e5"],
  ];
  for (const [cell, want] of rows) assert.equal(neutralise(cell), want, JSON.stringify(cell));
  assert.equal(toCsv([['a,b', 'say "hi"', 'x\ny']]), '"a,b","say ""hi""","x\ny"\r\n');
  const bytes = csvUtf8([['板块'], ['医疗帮扶']]);
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  assert.equal(Buffer.from(bytes.subarray(3)).toString('utf8'), '板块\r\n医疗帮扶\r\n');
});

test('figures in CSV lose their thousands separators only', () => {
  const rows = [['1,433.33', '1433.33'], ['4,300,000.00', '4300000.00'], ['-1,000', '-1000'], ['43.00%', '43.00%'], ['新增', '新增'], ['—', '—'], ['', '']];
  for (const [text, want] of rows) assert.equal(csvFigure({ text, exact: null, reason: null }), want);
});

test('the view survives the URL hash', () => {
  const spec = baseSpec();
  Object.assign(spec, {
    rows: ['资金来源', '板块'], columns: '年度', measure: '金额', share: 'parent', growth: 'index', basePeriod: '2021',
    unit: '亿元', precision: 4, percentPrecision: 1, subtotals: false, totals: false, largestRemainder: true,
    filters: [{ column: '资金来源', keep: ['花都区专项', 'a,b&c=d#e'] }, { column: '板块', drop: ['人才招聘'] }],
  });
  const read = { encoding: 'gbk', headerLine: 3, columns: { 金额: { unit: '元' } } };
  const hash = formatHash({ spec, read, chart: 'line', swap: true, lang: 'en' });
  const back = parseHash(`#${hash}`);
  assert.deepEqual(back.spec, spec);
  assert.deepEqual(back.read, read);
  assert.equal(back.chart, 'line');
  assert.equal(back.swap, true);
  assert.equal(back.lang, 'en');
  // Junk is ignored, not thrown.
  const junk = parseHash('#rows=板块&share=bogus&dp=99&filter=%7Bnot-json&read=%5B1%5D');
  assert.equal(junk.spec.share, 'none');
  assert.equal(junk.spec.precision, 2);
  assert.deepEqual(junk.spec.filters, []);
  assert.equal(junk.read, null);
  assert.equal(parseHash('').spec, null);
});

test('measure names lose their unit only', () => {
  assert.equal(measureName('金额(万元)'), '金额');
  assert.equal(measureName('金額（萬元）'), '金額');
  assert.equal(measureName('amount (10k yuan)'), 'amount');
  assert.equal(measureName('人数(人次)'), '人数');
  assert.equal(measureName('项目(一期)'), '项目(一期)');
});

const PKG = join(ROOT, 'pkg/aidstat.js');
test('the table model of a real result: columns, CSV rows, sorting within groups', { skip: !existsSync(PKG) && 'pkg/ not built' }, async () => {
  const { initSync, Table } = await import(PKG);
  initSync({ module: readFileSync(join(ROOT, 'pkg', CORE_WASM)) });
  const table = Table.fromBytes(readFileSync(join(ROOT, 'tests/data/huadu_gbk_title.csv')));
  const schema = table.schema();
  const spec = defaultSpec(schema);
  assert.deepEqual([spec.rows, spec.columns, spec.measure], [['板块'], '年度', '金额']);
  assert.equal(specFits(spec, schema), true);
  assert.equal(specFits({ ...spec, rows: ['无此列'] }, schema), false);

  const r = table.analyze({ rows: ['资金来源', '板块'], columns: '年度', share: 'column', growth: 'rate' });
  const leaves = leafColumns(r);
  assert.deepEqual(leaves.map((l) => l.flat), [
    '资金来源', '板块',
    '2020 金额（万元）', '2020 占比', '2020 增长率',
    '2021 金额（万元）', '2021 占比', '2021 增长率',
    '2022 金额（万元）', '2022 占比', '2022 增长率',
    '合计 金额（万元）', '合计 占比',
  ]);
  const rows = tableRows(r, null);
  assert.deepEqual(rows[2], ['花都区专项', '教育帮扶', '148.00', '14.80%', '—', '420.00', '20.00%', '183.78%', '658.00', '54.83%', '56.67%', '1226.00', '28.51%']);
  assert.deepEqual(rows.at(-1), ['合计', '', '1000.00', '100.00%', '—', '2100.00', '100.00%', '110.00%', '1200.00', '100.00%', '-42.86%', '4300.00', '100.00%']);

  // Sorted by the total, largest first: groups by their subtotal, rows within their group.
  const totalLeaf = leaves.findIndex((l) => l.flat === '合计 金额（万元）');
  const sorted = sortRows(r, leaves, { leaf: totalLeaf, dir: 'desc' });
  assert.equal(sorted.length, r.rows.length);
  const labels = sorted.map((row) => (row.kind === 'data' ? row.keys.join('/') : `${row.kind}:${row.keys.filter(Boolean).join('/')}`));
  assert.deepEqual(labels.slice(0, 3), ['花都区专项/教育帮扶', '花都区专项/乡村振兴', '花都区专项/医疗帮扶']);
  assert.ok(labels.indexOf('subtotal:花都区专项') < labels.indexOf('清远市争取/教育帮扶'));
  assert.equal(labels.at(-1), 'total:');
  // Rows with no figure go last, whichever the direction.
  const y2022 = leaves.findIndex((l) => l.flat === '2022 金额（万元）');
  const asc = sortRows(r, leaves, { leaf: y2022, dir: 'asc' }).filter((row) => row.kind === 'data' && row.keys[0] === '花都区专项');
  assert.deepEqual(asc.map((row) => row.keys[1]).slice(-2).sort(), ['文体交流', '老区建设']);
  table.free();
});

test('a finding\'s correction merges into the reading options, is recognised as accepted, and undoes entry by entry', () => {
  const read = { columns: { 金额: { unit: '万元' } }, corrections: [{ line: 4, column: '金额', value: 'x' }, { line: 9, column: '金额', value: '' }] };
  const fix = { corrections: [{ line: 4, column: '金额', value: '2.7379亿元' }] };
  const merged = mergeCorrection(read, fix);
  assert.deepEqual(merged.corrections, [{ line: 9, column: '金额', value: '' }, { line: 4, column: '金额', value: '2.7379亿元' }], 'same line and column replaced');
  assert.deepEqual(merged.columns, read.columns);
  assert.equal(read.corrections[0].value, 'x', 'the old options are not changed');
  assert.ok(isAccepted(merged, fix));
  assert.ok(!isAccepted(read, fix));
  const withRelabel = mergeCorrection(merged, { relabel: { 板块: { 醫療幫扶: '医疗帮扶' } } });
  const again = mergeCorrection(withRelabel, { relabel: { 板块: { '教育 帮扶': '教育帮扶' } } });
  assert.deepEqual(again.relabel, { 板块: { 醫療幫扶: '医疗帮扶', '教育 帮扶': '教育帮扶' } });
  const entries = acceptedEntries(again);
  assert.equal(entries.length, 4);
  const undoSlip = entries[1].undo;
  assert.deepEqual(undoSlip.corrections, [{ line: 9, column: '金额', value: '' }]);
  assert.deepEqual(undoSlip.relabel, again.relabel);
  const undoLast = acceptedEntries(mergeCorrection({}, fix))[0].undo;
  assert.deepEqual(undoLast, {}, 'undoing the only correction leaves no empty list behind');
  const relabelOnly = acceptedEntries({ relabel: { 板块: { a: 'b' } } })[0].undo;
  assert.deepEqual(relabelOnly, {});
});
