// Workbooks through the package entry (pkg/index.js), as a portal uses it:
// Table.open reads a workbook through the Office module, which Node hands
// over with initOffice({ module }). The fixtures are made by XlsxWriter and
// LibreOffice (tests/workbooks/README.md); the figures are worked out by hand
// in tests/workbook.rs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initSync, initOffice, isWorkbook, Table, coreWasmFile } from '../../pkg/index.js';

const root = new URL('../../', import.meta.url);
// The build under test: SIMD unless AIDSTAT_BUILD=scalar (scripts/test.sh runs both).
initSync({ module: readFileSync(new URL(`pkg/${coreWasmFile(process.env.AIDSTAT_BUILD)}`, root)) });
const book = (name) => new Uint8Array(readFileSync(new URL(`tests/workbooks/${name}`, root)));

/** An .xlsx aidstat wrote, as openpyxl reads it (tests/workbooks/read_export.py). */
function readBack(bytes) {
  const dir = mkdtempSync(join(tmpdir(), 'aidstat-xlsx-'));
  try {
    const file = join(dir, 'view.xlsx');
    writeFileSync(file, bytes);
    const python = new URL('target/py/bin/python', root).pathname;
    return JSON.parse(execFileSync(python, [new URL('tests/workbooks/read_export.py', root).pathname, file], { encoding: 'utf8' }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const cell = (result, row, col) => {
  const r = result.rows.find((x) => x.label === row);
  const c = result.columns.findIndex((x) => x.label === col);
  assert.ok(r && c >= 0, `cell ${row} / ${col}`);
  return r.cells[c];
};

test('fromBytes refuses a workbook with a code that names Table.open', () => {
  assert.throws(() => Table.fromBytes(book('seed.xlsx')), (e) => e.code === 'workbook' && /Table\.open/.test(e.messageZh));
});

test('Table.open: the seed figures from .xlsx (XlsxWriter) and .xls (LibreOffice)', async () => {
  await initOffice({ module: readFileSync(new URL('pkg/office/aidstat_office_bg.wasm', root)) });
  for (const [file, format] of [['seed.xlsx', 'xlsx'], ['seed-libreoffice.xls', 'xls'], ['seed-libreoffice.xlsx', 'xlsx']]) {
    const bytes = book(file);
    assert.equal(isWorkbook(bytes), true);
    const t = await Table.open(bytes);
    const s = t.schema();
    assert.equal(s.source.format, format, file);
    assert.equal(s.source.sheet, '明细', file);
    assert.deepEqual(s.source.sheets.map((x) => [x.name, x.hidden]), [['旧表', true], ['封面', false], ['明细', false], ['2023', false]], file);
    assert.equal(s.source.headerLine, 3, file);
    assert.equal(s.source.unitLine.unit, '万元', file);
    assert.equal(t.rowCount, 19, file);
    assert.deepEqual(s.totalRows.map((r) => r.line), [23], file);

    const share = t.analyze({ rows: ['板块'], columns: '年度', share: 'column' });
    assert.equal(cell(share, '医疗帮扶', '2020').value.exact, '430', file);
    assert.equal(cell(share, '医疗帮扶', '2020').share.text, '43.00%', file);
    assert.equal(cell(share, '合计', '合计').value.text, '4,300.00', file);
    const special = [{ column: '资金来源', keep: ['花都区专项'] }];
    const g = t.analyze({ rows: ['板块'], columns: '年度', growth: 'rate', filters: special });
    assert.equal(cell(g, '教育帮扶', '2021').growth.text, '183.78%', file);
    const c = t.analyze({ rows: ['板块'], columns: '年度', growth: 'cagr', filters: special });
    assert.equal(c.rows.find((r) => r.label === '教育帮扶').summary.text, '110.85%', file);
    t.free();
  }
});

test('Table.open: a sheet by name, CSV bytes as fromBytes reads them, corrupt workbooks with a code', async () => {
  const t = await Table.open(book('seed.xlsx'), { sheet: '2023' });
  assert.equal(t.schema().source.sheet, '2023');
  const r = t.analyze({ rows: ['板块'], precision: 2 });
  assert.equal(cell(r, '医疗帮扶', '金额').value.exact, '0.3');
  assert.ok(r.diagnostics.setAside.some((i) => i.raw === '#DIV/0!' && i.line === 3));
  const csv = await Table.open(new TextEncoder().encode('年度,金额(万元)\n2020,430\n2021,30\n'));
  assert.equal(csv.schema().source.format, 'csv');
  await assert.rejects(Table.open(new Uint8Array([0x50, 0x4b, 3, 4, 0, 0, 0, 0])), (e) => e.code === 'bad_workbook' && /Excel/.test(e.messageZh));
  await assert.rejects(Table.open(book('seed.xlsx'), { sheet: '2019' }), (e) => e.code === 'unknown_sheet' && /明细/.test(e.messageZh));
});

test('toXlsx: the view as a workbook, read back by openpyxl', async () => {
  const t = await Table.open(book('seed.xlsx'));
  const spec = { rows: ['板块'], columns: '年度', share: 'column', growth: 'rate' };
  const bytes = await t.toXlsx(spec, { fileName: 'seed.xlsx' });
  try {
    const wb = readBack(bytes);
    assert.deepEqual(wb.sheets, ['汇总', '说明']);
    const c = wb.grid.cells;
    // Title, unit row, a two-row header: each year merged over 金额 / 占比 / 增长.
    assert.equal(c.A1[0], '金额：按板块 × 年度');
    assert.equal(c.A2[0], '单位：万元');
    assert.equal(c.A3[0], '板块');
    assert.deepEqual([c.B3[0], c.E3[0], c.H3[0], c.K3[0]], ['2020', '2021', '2022', '合计']);
    assert.deepEqual([c.B4[0], c.C4[0], c.D4[0]], ['金额', '占比', '增长']);
    for (const m of ['A1:M1', 'A2:M2', 'A3:A4', 'B3:D3', 'E3:G3', 'H3:J3', 'K3:M3']) assert.ok(wb.grid.merged.includes(m), `${m} in ${wb.grid.merged}`);
    assert.equal(wb.grid.freeze, 'B5');
    // 医疗帮扶 (row 5): 430 万元, 43 % of 2020 (0.43 as the cell's number), growth empty with its reason as a note.
    assert.equal(c.A5[0], '医疗帮扶');
    assert.deepEqual(c.B5.slice(0, 3), ['430', 'n', '#,##0.00']);
    assert.deepEqual(c.C5.slice(0, 3), ['0.43', 'n', '0.00%']);
    assert.deepEqual(c.D5.slice(0, 2), ['—', 's']);
    assert.equal(wb.grid.notes.D5, '上一期没有数据，无法比较');
    // 2021 医疗 30: growth (30 − 430) / 430 = −93.023255813953488…; the cell holds it to 15 digits.
    assert.deepEqual(c.G5.slice(0, 3), ['-0.930232558139535', 'n', '0.00%']);
    // The total row in bold: 1,000 / 2,100 / 1,200 / 4,300.
    const last = Object.keys(c).filter((k) => c[k][0] === '合计' && k.startsWith('A'))[0];
    const n = last.slice(1);
    assert.deepEqual([c[`B${n}`][0], c[`E${n}`][0], c[`H${n}`][0], c[`K${n}`][0]], ['1000', '2100', '1200', '4300']);
    assert.equal(c[`B${n}`][3], true);
    // The notes sheet: file, sheet, rows, the 合计 row set aside, the check, the paragraph.
    const notes = Object.fromEntries(wb.notes.filter((r) => r[0]).map((r) => [r[0], r[1]]));
    assert.equal(notes['来源文件'], 'seed.xlsx');
    assert.equal(notes['读取的工作表'], '明细');
    // 20 rows read below the header: 19 of data and the sheet's 合计 row (line 23), set aside.
    assert.equal(notes['读入行数'], '20');
    assert.equal(notes['参与计算'], '19');
    assert.equal(notes['另置（不参与计算）'], '1（行号：23）');
    assert.match(notes['核对结果'], /第 23 行“合计”的“金额” 4300万元 与所含 19 行之和相符/);
    assert.match(notes['报告段落'], /^2020年至2022年，资金合计4,300\.00万元/);
  } finally {
    t.free();
  }
});

test('toXlsx: labels that look like formulas stay text', async () => {
  const t = Table.fromBytes(new TextEncoder().encode('板块,金额(万元)\n=1+1,10\n+SUM(A1),20\n-cmd,30\n@x,40\n'));
  const bytes = await t.toXlsx({ rows: ['板块'] });
  const wb = readBack(bytes);
  const labels = Object.entries(wb.grid.cells).filter(([k]) => k.startsWith('A') && Number(k.slice(1)) >= 4).map(([, v]) => [v[0], v[1]]);
  for (const l of ['=1+1', '+SUM(A1)', '-cmd', '@x']) assert.ok(labels.some(([v, kind]) => v === l && kind === 's'), `${l} in ${JSON.stringify(labels)}`);
});

test('toXlsx: 1,500 rows set aside: the notes count all of them and list the first 1,000, then how many more', async () => {
  // 3,000 rows on lines 2–3001; the odd ones (lines 3, 5, …) have no number.
  const lines = ['年度,板块,金额(万元)'];
  for (let i = 0; i < 3000; i++) lines.push(i % 2 ? `2020,医疗帮扶,x${i}` : `2021,教育帮扶,${i}`);
  await initOffice({ module: readFileSync(new URL('pkg/office/aidstat_office_bg.wasm', root)) });
  const t = Table.fromBytes(new TextEncoder().encode(`${lines.join('\n')}\n`));
  const d = t.analyze({ rows: ['板块'] }).diagnostics;
  assert.equal(d.setAsideTotal, 1500);
  assert.equal(d.setAside.length, 1000);
  const bytes = await t.toXlsx({ rows: ['板块'] });
  const wb = readBack(bytes);
  const aside = wb.notes.find((r) => typeof r[1] === 'string' && /^1500（/.test(r[1]));
  assert.ok(aside, `the count of rows set aside: ${JSON.stringify(wb.notes.slice(0, 12))}`);
  const listed = wb.notes.filter((r) => typeof r[0] === 'number' && r[0] >= 3 && r[0] % 2 === 1 && /无法|不是|数/.test(String(r[3])));
  assert.equal(listed.length, 1000);
  assert.equal(listed[0][0], 3);
  assert.equal(listed[999][0], 3 + 2 * 999);
  assert.ok(wb.notes.some((r) => r[3] === '……另有 500 处'), 'the rest as a count');
});
