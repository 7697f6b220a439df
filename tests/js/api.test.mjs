// The engine through its JavaScript API (pkg/, as a portal imports it):
// the seed figures from the fixtures, errors as Error objects with codes,
// decimals as strings, a table analysed many times. Values worked out by hand
// (see tests/seeds.rs for the arithmetic).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { initSync, Loader, Table, version, warmUp } from '../../pkg/aidstat.js';
import * as core from '../../pkg/aidstat.js';
import { coreWasmFile, encodeGb18030, initOffice } from '../../pkg/index.js';

const root = new URL('../../', import.meta.url);
// The build under test: SIMD unless AIDSTAT_BUILD=scalar (scripts/test.sh runs both).
initSync({ module: readFileSync(new URL(`pkg/${coreWasmFile(process.env.AIDSTAT_BUILD)}`, root)) });
const fixture = (name) => new Uint8Array(readFileSync(new URL(`tests/data/${name}`, root)));

const cell = (result, row, col) => {
  const r = result.rows.find((x) => x.label === row);
  const c = result.columns.findIndex((x) => x.label === col);
  assert.ok(r && c >= 0, `cell ${row} / ${col}`);
  return r.cells[c];
};

test('warmUp reads its made-up file (4,000 rows by default) and keeps nothing', () => {
  assert.equal(warmUp(), 4000);
  assert.equal(warmUp(), 4000);
  assert.equal(warmUp(1000), 1000);
  // a file read after it is read as ever
  const t = Table.fromBytes(new TextEncoder().encode('年度,金额(万元)\n2020,1.5\n2021,2\n'));
  assert.equal(t.rowCount, 2);
  t.free();
});

test('seed figures through the JS API, from GBK with a title line', () => {
  const t = Table.fromBytes(fixture('huadu_gbk_title.csv'));
  const s = t.schema();
  assert.equal(s.source.encoding, 'GBK');
  assert.equal(s.source.headerLine, 3);
  assert.deepEqual(s.source.unitLine, { line: 2, text: '单位：万元', unit: '万元' });
  assert.deepEqual(s.columns.map((c) => c.role), ['period', 'dimension', 'dimension', 'dimension', 'dimension', 'measure']);
  assert.equal(t.rowCount, 19);

  const share = t.analyze({ rows: ['板块'], columns: '年度', share: 'column' });
  assert.equal(cell(share, '医疗帮扶', '2020').value.text, '430.00');
  assert.equal(cell(share, '医疗帮扶', '2020').value.exact, '430');
  assert.equal(cell(share, '医疗帮扶', '2020').share.text, '43.00%');
  assert.equal(cell(share, '合计', '合计').value.text, '4,300.00');

  const special = [{ column: '资金来源', keep: ['花都区专项'] }];
  const g = t.analyze({ rows: ['板块'], columns: '年度', growth: 'rate', filters: special });
  assert.equal(cell(g, '教育帮扶', '2021').growth.text, '183.78%');
  assert.equal(cell(g, '教育帮扶', '2022').growth.text, '56.67%');
  assert.equal(cell(g, '教育帮扶', '2020').growth.reason, 'no_prior');

  const c = t.analyze({ rows: ['板块'], columns: '年度', growth: 'cagr', filters: special });
  assert.equal(c.rows.find((r) => r.label === '教育帮扶').summary.text, '110.85%');
  assert.equal(c.summaryLabel, '年均增长率');

  const avg = t.analyze({ columns: '年度', growth: 'average' });
  assert.equal(avg.rows[0].summary.text, '1,433.33');
});

test('the same figures from Big5, UTF-16, 元 and JSON', () => {
  const forms = [
    ['huadu_big5_trad.csv', '板塊', '醫療幫扶'],
    ['huadu_utf16.txt', '板块', '医疗帮扶'],
    ['huadu_yuan.csv', '板块', '医疗帮扶'],
    ['huadu_mixed.json', '板块', '医疗帮扶'],
  ];
  for (const [file, cat, med] of forms) {
    const t = Table.fromBytes(fixture(file));
    const r = t.analyze({ rows: [cat], columns: '年度', share: 'column', unit: '万元' });
    assert.equal(cell(r, med, '2020').value.text, '430.00', file);
    assert.equal(cell(r, med, '2020').share.text, '43.00%', file);
    assert.equal(typeof cell(r, med, '2020').value.exact, 'string', `${file}: decimals cross as strings`);
  }
});

test('pasted tab-separated text', () => {
  const text = readFileSync(new URL('tests/data/huadu_utf8.csv', root), 'utf8').replaceAll(',', '\t');
  const t = Table.fromText(text);
  assert.equal(t.schema().source.delimiter, '\t');
  const r = t.analyze({ rows: ['板块'], columns: '年度', share: 'column' });
  assert.equal(cell(r, '医疗帮扶', '2020').share.text, '43.00%');
});

test('errors are Error objects with a code, both messages and a position', () => {
  const t = Table.fromBytes(fixture('huadu_utf8.csv'));
  assert.throws(() => t.analyze({ rows: ['地区'] }), (e) => {
    assert.ok(e instanceof Error);
    assert.equal(e.code, 'unknown_column');
    assert.match(e.messageZh, /没有名为“地区”的列/);
    assert.match(e.messageEn, /no column named "地区"/);
    return true;
  });
  assert.throws(() => t.analyze({ aggregate: 'median' }), (e) => e.code === 'unknown_operation');
  assert.throws(() => Table.fromBytes(new Uint8Array(0)), (e) => e.code === 'empty_file' && /空/.test(e.messageZh));
  assert.throws(() => Table.fromText('[{"a":1},'), (e) => e.code === 'bad_json' && e.line === 1 && typeof e.column === 'number');
  assert.throws(() => Table.fromBytes(fixture('huadu_utf8.csv'), { encoding: 'klingon' }), (e) => e.code === 'unknown_encoding');
  // The table survives errors and keeps working.
  assert.equal(t.analyze({}).rows[0].cells[0].value.text, '4,300.00');
});

test('a bad file still computes and says what it set aside', () => {
  const t = Table.fromText('年度,板块,金额(万元)\n2020,医疗,430\n2020,教育,12..5\n2020,招商,—\n合计,,500\n');
  const r = t.analyze({ rows: ['板块'] });
  assert.equal(r.diagnostics.rowsRead, 4);
  assert.equal(r.diagnostics.rowsUsed, 1);
  assert.deepEqual(r.diagnostics.setAside.map((s) => [s.line, s.reason, s.raw]), [[3, 'bad_cell', '12..5'], [5, 'total_row', '合计,,500']]);
  assert.deepEqual(r.diagnostics.nulls, { count: 1, lines: [4] });
  assert.equal(r.findings[0].code, 'total_mismatch');
  assert.equal(r.findings[0].difference, '70');
});

test('load options: encoding, header line and column overrides', () => {
  const t = Table.fromBytes(fixture('huadu_gbk_title.csv'), { encoding: 'gb18030', columns: { 金额: { unit: '元' } } });
  assert.equal(t.schema().source.encodingDetected, false);
  const r = t.analyze({ unit: '元' });
  assert.equal(r.rows[0].cells[0].value.text, '4,300.00', 'the column read as 元 by the analyst');
  const asDim = Table.fromBytes(fixture('huadu_utf8.csv'), { columns: { 年度: { role: 'dimension' } } });
  assert.equal(asDim.schema().columns[0].role, 'dimension');
});

test('version and GB18030 encoding (in the Office module: the core carries no encoder)', async () => {
  assert.match(version(), /^\d+\.\d+\.\d+$/);
  assert.equal(core.encodeGb18030, undefined);
  await initOffice({ module: readFileSync(new URL('pkg/office/aidstat_office_bg.wasm', root)) });
  // 金额 from the GB2312 table by hand; € is A2 E3 in GB18030 (0x80 only in GBK).
  assert.deepEqual([...(await encodeGb18030('金额'))], [0xbd, 0xf0, 0xb6, 0xee]);
  assert.deepEqual([...(await encodeGb18030('€'))], [0xa2, 0xe3]);
});

test('group once, render many: share and growth from the same groups', () => {
  const t = Table.fromBytes(fixture('huadu_utf8.csv'));
  const g = t.group({ rows: ['板块'], columns: '年度', filters: [{ column: '资金来源', keep: ['花都区专项'] }] });
  assert.equal(cell(g.render(), '教育帮扶', '2021').value.text, '420.00');
  // 2020 special fund total is 1000; 医疗 430 of it.
  assert.equal(cell(g.render({ share: 'column' }), '医疗帮扶', '2020').share.text, '43.00%');
  assert.equal(cell(g.render({ growth: 'rate' }), '教育帮扶', '2022').growth.text, '56.67%');
  assert.equal(cell(g.render({ unit: '亿元', precision: 4 }), '教育帮扶', '2021').value.text, '0.0420');
  assert.throws(() => g.render({ rows: ['受援方'] }), (e) => e.code === 'bad_spec');
});

test('values of a column, the resolved measure, unknown overrides', () => {
  const t = Table.fromBytes(fixture('huadu_utf8.csv'), { columns: { 地区: { role: 'dimension' } } });
  assert.deepEqual(t.values('年度'), ['2020', '2021', '2022']);
  assert.deepEqual(t.values('资金来源'), ['花都区专项', '清远市争取']);
  assert.throws(() => t.values('金额(万元)'), (e) => e.code === 'bad_request');
  assert.equal(t.analyze({}).spec.measure, '金额(万元)');
  assert.ok(t.schema().warnings.some((w) => w.code === 'unknown_override' && /地区/.test(w.messageZh)));
});

test('a file pushed into a Loader in chunks: a 5 MB GBK file, figures worked out by hand', () => {
  // huadu_gbk_title.csv: 3 lines above the data, 19 data rows totalling 4,300 万元;
  // 医疗帮扶 2020 is 430. The data rows repeated 6,000 times (114,000 rows,
  // over the 4 MB start): total 25,800,000, 医疗帮扶 2020 2,580,000.
  const bytes = fixture('huadu_gbk_title.csv');
  const nl = [];
  bytes.forEach((b, i) => { if (b === 10) nl.push(i); });
  const head = bytes.subarray(0, nl[2] + 1);
  const body = bytes.subarray(nl[2] + 1);
  const big = new Uint8Array(head.length + body.length * 6000);
  big.set(head, 0);
  for (let k = 0; k < 6000; k += 1) big.set(body, head.length + k * body.length);
  assert.ok(big.length > 4 * 1024 * 1024, `${big.length} bytes`);

  const loader = new Loader({}, big.length);
  for (let at = 0; at < big.length; at += 65536) loader.push(big.subarray(at, at + 65536));
  assert.equal(loader.received, big.length);
  const t = loader.finish();
  assert.equal(t.rowCount, 114000);
  const s = t.schema();
  assert.equal(s.source.encoding, 'GBK');
  assert.equal(s.source.headerLine, 3);
  const r = t.analyze({ rows: ['板块'], columns: '年度' });
  assert.equal(cell(r, '医疗帮扶', '2020').value.text, '2,580,000.00');
  assert.equal(cell(r, '合计', '合计').value.text, '25,800,000.00');
  assert.equal(r.diagnostics.rowsUsed, 114000);
  t.free();
});

test('a Loader reports errors as fromBytes does, with the line in the whole file', () => {
  const text = `年度,板块,金额(万元)\n${'2020,医疗,1\n'.repeat(400000)}2021,"教育,2\n2021,医疗,3\n`;
  const bytes = new TextEncoder().encode(text);
  const loader = new Loader({}, bytes.length);
  let error = null;
  try {
    for (let at = 0; at < bytes.length; at += 1 << 20) loader.push(bytes.subarray(at, at + (1 << 20)));
    loader.finish();
  } catch (e) {
    error = e;
  }
  assert.ok(error, 'an unclosed quote that swallows a line is an error');
  assert.equal(error.code, 'bad_csv');
  assert.equal(error.line, 400002);
  assert.equal(error.column, 2);
});

test('the TypeScript declarations let the load options be left out, as JavaScript may', () => {
  const dts = readFileSync(new URL('pkg/aidstat.d.ts', root), 'utf8');
  assert.match(dts, /static fromBytes\(bytes: Uint8Array, options\?: LoadOptions\): Table;/);
  assert.match(dts, /static fromText\(text: string, options\?: LoadOptions\): Table;/);
  assert.match(dts, /constructor\(options\?: LoadOptions, size\?: number \| null\);/);
  // And they may: no options at all.
  const l = new Loader();
  l.push(new TextEncoder().encode('年度,金额(万元)\n2020,1\n'));
  assert.equal(l.finish().rowCount, 1);
});

test('Table.concat: a GBK file and a file in 元 are one table by 来源文件', () => {
  // 4,300 万元 in the GBK file; 4,300,000 … 元 in huadu_yuan.csv (the same seed, 4,300 万元).
  const a = Table.fromBytes(fixture('huadu_gbk_title.csv'));
  const b = Table.fromBytes(fixture('huadu_yuan.csv'));
  const t = Table.concat([a, b], ['甲.csv', '乙.csv']);
  assert.equal(t.rowCount, 38);
  const s = t.schema();
  assert.equal(s.columns[0].name, '来源文件');
  assert.deepEqual(s.files.map((f) => [f.name, f.source.encoding, f.rowsLoaded]), [['甲.csv', 'GBK', 19], ['乙.csv', 'UTF-8', 19]]);
  const r = t.analyze({ rows: ['来源文件'], columns: '年度' });
  assert.equal(cell(r, '甲.csv', '2021').value.text, '2,100.00');
  assert.equal(cell(r, '乙.csv', '2021').value.text, '2,100.00');
  assert.equal(cell(r, '合计', '合计').value.text, '8,600.00');
  assert.equal(cell(r, '合计', '合计').value.exact, '8600');
  assert.ok(s.warnings.some((w) => w.code === 'unit_converted'));
  // The tables were taken.
  assert.throws(() => a.schema());
});

test('table.toSql renders the view for DuckDB and Spark (the figures are checked in DuckDB by tests/sql.rs)', () => {
  const t = Table.fromBytes(fixture('huadu_gbk_title.csv'));
  const duck = t.toSql({ rows: ['板块'], columns: '年度', share: 'column' }, 'duckdb', 'clean');
  assert.match(duck, /SELECT/);
  assert.match(duck, /"clean"/);
  assert.match(duck, /"板块"/);
  const spark = t.toSql({ rows: ['板块'], columns: '年度', growth: 'rate' }, 'spark', 'clean', '元');
  assert.match(spark, /`clean`/);
  assert.throws(() => t.toSql({}, 'oracle', 'clean'), (e) => e.code === 'unknown_operation');
});
