// Workbooks through the package entry (pkg/index.js), as a portal uses it:
// Table.open reads a workbook through the Office module, which Node hands
// over with initOffice({ module }). The fixtures are made by XlsxWriter and
// LibreOffice (tests/workbooks/README.md); the figures are worked out by hand
// in tests/workbook.rs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { initSync, initOffice, isWorkbook, Table } from '../../pkg/index.js';

const root = new URL('../../', import.meta.url);
initSync({ module: readFileSync(new URL('pkg/aidstat_bg.wasm', root)) });
const book = (name) => new Uint8Array(readFileSync(new URL(`tests/workbooks/${name}`, root)));

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
