// Word reports through the package entry (pkg/index.js): table.toDocx and
// reportDocx, read back by an independent reader (python-docx, in target/py,
// through tests/workbooks/read_docx.py). The seed figures are worked out by
// hand in tests/workbook.rs (医疗帮扶 430 万元 = 43 % of 2020's 1,000; 2021
// 30 万元, (30 − 430) / 430 = −93.02 %; 合计 1,000 / 2,100 / 1,200 / 4,300).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { deflateSync } from 'node:zlib';
import { initSync, initOffice, reportDocx, Table, coreWasmFile } from '../../pkg/index.js';

const root = new URL('../../', import.meta.url);
// The build under test: SIMD unless AIDSTAT_BUILD=scalar (scripts/test.sh runs both).
initSync({ module: readFileSync(new URL(`pkg/${coreWasmFile(process.env.AIDSTAT_BUILD)}`, root)) });
const book = (name) => new Uint8Array(readFileSync(new URL(`tests/workbooks/${name}`, root)));
const python = new URL('target/py/bin/python', root).pathname;

/** A valid PNG of w × h grey pixels, made here (no image library). */
function png(w, h) {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type, data) => {
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    out.write(type, 4, 'latin1');
    data.copy(out, 8);
    out.writeUInt32BE(crc(out.subarray(4, 8 + data.length)), 8 + data.length);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // greyscale
  const raw = Buffer.alloc((w + 1) * h, 0x80);
  for (let y = 0; y < h; y++) raw[y * (w + 1)] = 0;
  return new Uint8Array(Buffer.concat([Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]));
}

function readBack(bytes) {
  const dir = mkdtempSync(join(tmpdir(), 'aidstat-docx-'));
  try {
    const file = join(dir, 'report.docx');
    writeFileSync(file, bytes);
    return JSON.parse(execFileSync(python, [new URL('tests/workbooks/read_docx.py', root).pathname, file], { encoding: 'utf8' }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await initOffice({ module: readFileSync(new URL('pkg/office/aidstat_office_bg.wasm', root)) });

test('toDocx: the seed view as a Word report, read back by python-docx', async () => {
  const t = await Table.open(book('seed.xlsx'));
  const spec = { rows: ['板块'], columns: '年度', share: 'column', growth: 'rate' };
  const shown = t.analyze(spec);
  const bytes = await t.toDocx(spec, { fileName: 'seed.xlsx', chart: png(1200, 600) });
  assert.equal(String.fromCharCode(bytes[0], bytes[1]), 'PK');
  const d = readBack(bytes);
  // Title, source line, the paragraph as the view gives it.
  assert.equal(d.paragraphs[0], '金额：按板块 × 年度');
  assert.equal(d.paragraphs[1], '数据来源：seed.xlsx（工作表 明细）；读入 20 行，参与计算 19 行；单位：万元');
  assert.equal(d.paragraphs[2], shown.paragraph.zh);
  assert.match(d.paragraphs[2], /^2020年至2022年，资金合计4,300\.00万元/);
  // The table: a two-row header repeated on each page, 板块 merged down, each year over 金额 / 占比 / 增长.
  const [tab] = d.tables;
  assert.deepEqual(tab.header.slice(0, 3), [true, true, false]);
  const [h1, h2] = tab.rows;
  assert.deepEqual(h1.map((c) => [c.text, c.span, c.vmerge]), [['板块', 1, 'restart'], ['2020', 3, null], ['2021', 3, null], ['2022', 3, null], ['合计', 3, null]]);
  assert.deepEqual(h2.map((c) => c.text), ['', '金额', '占比', '增长', '金额', '占比', '增长', '金额', '占比', '增长', '金额', '占比', '增长']);
  assert.equal(h2[0].vmerge, 'continue');
  // 医疗帮扶: 430.00, 43.00 %, no growth (—), then 2021: 30.00, growth −93.02 %; figures right-aligned.
  const med = tab.rows.find((r) => r[0].text === '医疗帮扶');
  assert.deepEqual(med.slice(0, 7).map((c) => c.text), ['医疗帮扶', '430.00', '43.00%', '—', '30.00', med[5].text, '-93.02%']);
  assert.equal(med[1].align, 'right');
  assert.equal(med[0].bold, false);
  // The total row, bold: 1,000.00 / 2,100.00 / 1,200.00 / 4,300.00.
  const total = tab.rows[tab.rows.length - 1];
  assert.deepEqual([0, 1, 4, 7, 10].map((i) => total[i].text), ['合计', '1,000.00', '2,100.00', '1,200.00', '4,300.00']);
  assert.ok(total.every((c) => c.bold));
  // Every figure of the table is a text of the view.
  const texts = new Set(shown.rows.flatMap((r) => r.cells.flatMap((c) => [c.value, c.share, c.growth].filter(Boolean).map((f) => f.text))));
  for (const row of tab.rows.slice(2)) for (const c of row.slice(1)) assert.ok(texts.has(c.text), c.text);
  // The chart at 16 cm, its aspect kept (1200 × 600 → 16 × 8 cm), with a caption.
  assert.deepEqual(d.images, [[5760000, 2880000]]);
  assert.ok(d.paragraphs.includes('图1　金额：按板块 × 年度'), d.paragraphs.join('\n'));
  // Notes: the sheet's 合计 row set aside, the check, what — means.
  const notes = d.paragraphs.join('\n');
  assert.match(notes, /另置 1 处（不参与计算）/);
  assert.match(notes, /第 23 行“合计”的“金额” 4300万元 与所含 19 行之和相符/);
  assert.match(notes, /—：上一期没有数据，无法比较/);
  // Thirteen columns are wider than a portrait page: A4 landscape. 黑体 titles, 仿宋 paragraph, 宋体 tables.
  assert.deepEqual(d.page, { width_mm: 297, height_mm: 210, landscape: true });
  assert.deepEqual(d.fonts, ['仿宋', '宋体', '黑体']);
  // Five columns fit a portrait page; English words, the file's labels as written.
  const narrow = readBack(await t.toDocx({ rows: ['板块'], columns: '年度' }, { lang: 'en' }));
  assert.deepEqual(narrow.page, { width_mm: 210, height_mm: 297, landscape: false });
  const last = narrow.tables[0].rows[narrow.tables[0].rows.length - 1];
  assert.deepEqual(narrow.tables[0].rows[0].map((c) => c.text), ['板块', '2020', '2021', '2022', 'Total']);
  assert.deepEqual(last.map((c) => c.text), ['Total', '1,000.00', '2,100.00', '1,200.00', '4,300.00']);
  assert.equal(narrow.paragraphs[2], shownEn(t));
  assert.deepEqual(narrow.images, []);
  t.free();
});

const shownEn = (t) => t.analyze({ rows: ['板块'], columns: '年度' }).paragraph.en;

test('reportDocx: two views in one document, in 繁體中文; a wide table turns the page', async () => {
  const t = await Table.open(book('seed.xlsx'));
  // 16 counties across (and 合计): wider than a portrait page.
  const rows = ['年度,县,金额(万元)'];
  for (let i = 1; i <= 16; i++) rows.push(`2020,第${i}县,10`, `2021,第${i}县,12`);
  const wide = Table.fromBytes(new TextEncoder().encode(rows.join('\n')));
  const bytes = await reportDocx(
    [
      { table: t, spec: { rows: ['板块'], columns: '年度' }, title: '分板块资金', fileName: 'seed.xlsx' },
      { table: wide, spec: { rows: ['年度'], columns: '县' }, title: '各县' },
    ],
    { lang: 'zh-TW', title: '對口幫扶資金報告' },
  );
  const d = readBack(bytes);
  assert.equal(d.paragraphs[0], '對口幫扶資金報告');
  // The caller's titles as given; the report's own words in 繁體, the sheet's name as written.
  assert.equal(d.paragraphs[1], '分板块资金');
  assert.equal(d.paragraphs[2], '資料來源：seed.xlsx（工作表 明细）；讀入 20 列，參與計算 19 列；單位：萬元');
  assert.ok(d.paragraphs.includes('各县'));
  assert.equal(d.tables.length, 2);
  // 繁體: the table's own words (合計); the file's labels as written (医疗帮扶).
  const first = d.tables[0];
  assert.equal(first.rows[first.rows.length - 1][0].text, '合計');
  assert.ok(first.rows.some((r) => r[0].text === '医疗帮扶'));
  assert.equal(d.page.landscape, true, 'a table wider than a portrait page turns the whole report');
  assert.deepEqual([d.page.width_mm, d.page.height_mm], [297, 210]);
  t.free();
  wide.free();
});
