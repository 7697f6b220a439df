// aidstat's package entry (pkg/index.js): the core engine (./aidstat.js),
// and the Office module (./office/), which is loaded only when a workbook is
// opened or an Excel file is written, so reading a CSV never pays for it.
//
//   import init, { Table } from 'aidstat';
//   await init();
//   const table = await Table.open(bytes);          // CSV, JSON, .xlsx, .xls, .ods …
//
// The core comes in two builds with one glue: `aidstat_simd_bg.wasm`
// (WebAssembly SIMD, faster) and `aidstat_bg.wasm` (scalar, for browsers
// without SIMD, such as older 360 browser cores). `init()` takes the SIMD one
// where the browser validates a SIMD instruction; `init({ build: 'scalar' })`
// forces the other (so does `globalThis.AIDSTAT_BUILD = 'scalar'`, set before
// init, for testing a whole page). `coreBuild()` says which one runs.
//
// Node, or a portal that fetches the .wasm files itself, hands both modules
// over explicitly: initSync({ module }) for the core (`coreWasmFile()` names
// the file to read), initOffice({ module }) for the Office module. Nothing
// here writes a global.
import * as core from './aidstat.js';
import initCore from './aidstat.js';
import { chooseBuild, simdSupported } from './simd.js';
import initOfficeAsync, { initSync as initOfficeSync, encodeGb18030 as officeGb18030, readWorkbook, writeDocx, writeXlsx } from './office/aidstat_office.js';
import { docxReport, docxView, xlsxExport } from './xlsx-export.js';

export * from './aidstat.js';

/** The core's file for this engine: `aidstat_simd_bg.wasm` or `aidstat_bg.wasm` (`build`: 'simd' | 'scalar' | 'auto'). */
export function coreWasmFile(build) {
  return chooseBuild(build) === 'simd' ? 'aidstat_simd_bg.wasm' : 'aidstat_bg.wasm';
}

export { simdSupported };

let running = null;

/** Which build of the core was started by `init()`: 'simd', 'scalar', or 'given' (a module or URL passed in). */
export function coreBuild() {
  return running;
}

/**
 * Starts the core. With no argument or `{ build }`, fetches the build this
 * browser runs best from beside this file; anything else (a URL, a
 * `WebAssembly.Module`, `{ module_or_path }`) goes to wasm-bindgen's init as it is.
 */
export default async function init(input) {
  // Only `{ build }` (or nothing) is ours; any other object goes to wasm-bindgen.
  const options = input === undefined || input === null
    || (typeof input === 'object' && Object.getPrototypeOf(input) === Object.prototype && Object.keys(input).every((k) => k === 'build'));
  if (options) {
    const build = chooseBuild(input ? input.build : undefined);
    const out = await initCore({ module_or_path: new URL(coreWasmFile(build), import.meta.url) });
    running = build;
    return out;
  }
  const out = await initCore(input);
  running = 'given';
  return out;
}

let office = null;
let broken = false; // the Office module trapped (a panic on a damaged file): it cannot be used again

function officeError(code, zh, en) {
  return Object.assign(new Error(zh), { code, messageZh: zh, messageEn: en, line: null, column: null });
}

/** Calls the Office module; a trap is reported as `code`, and the module is not used again. */
function officeCall(code, fn) {
  if (broken) {
    throw officeError('office_stopped', '读取工作簿的模块在之前的一个文件上出错，已停止：请重新载入页面后再打开工作簿', 'the workbook module failed on an earlier file and has stopped: reload the page and open the workbook again');
  }
  try {
    return fn();
  } catch (e) {
    if (!(e instanceof WebAssembly.RuntimeError)) throw e;
    broken = true;
    throw officeError(code, '无法读取这个工作簿，文件可能已损坏或不完整（读取程序在它上面出错）：请在 Excel 或 WPS 中打开它，重新保存后再打开', 'this workbook cannot be read; the file may be damaged or incomplete (the reader failed on it): open it in Excel or WPS, save it again, and open that file');
  }
}

/**
 * Starts the Office module (once). With no argument it is fetched from
 * beside this file (`office/aidstat_office_bg.wasm`); `{ module }` takes a
 * compiled `WebAssembly.Module` or the file's bytes and starts at once.
 */
export function initOffice(input) {
  if (office) return office;
  if (input && input.module !== undefined) {
    const m = input.module;
    initOfficeSync({ module: m instanceof WebAssembly.Module ? m : new WebAssembly.Module(m) });
    office = Promise.resolve();
  } else {
    office = initOfficeAsync(input === undefined ? undefined : input).then(() => undefined);
    office.catch(() => { office = null; });
  }
  return office;
}

/** Whether the bytes start as a workbook does (a zip or an OLE compound file). */
export function isWorkbook(bytes) {
  const b = bytes;
  return b.length >= 4 && ((b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04)
    || (b.length >= 8 && b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0 && b[4] === 0xa1 && b[5] === 0xb1 && b[6] === 0x1a && b[7] === 0xe1));
}

async function bytesOf(data) {
  if (data instanceof Uint8Array) return data;
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  if (data && typeof data.arrayBuffer === 'function') return new Uint8Array(await data.arrayBuffer());
  return new Uint8Array(data);
}

/**
 * Reads any supported file: CSV or JSON text as `Table.fromBytes` does, a
 * workbook (.xlsx, .xlsm, .xlsb, .xls, .ods) through the Office module,
 * starting it first if needed. `options.sheet` picks a sheet.
 */
core.Table.open = async function open(data, options) {
  const bytes = await bytesOf(data);
  if (!isWorkbook(bytes)) return core.Table.fromBytes(bytes, options);
  await initOffice();
  const cells = officeCall('bad_workbook', () => readWorkbook(bytes, options ? options.sheet : undefined));
  return core.Table.fromCells(cells, options);
};

/**
 * The view `table.analyze(spec)` gives, as the bytes of an .xlsx workbook:
 * the same figures and rounding, as numbers with their formats, and a 说明
 * sheet with the source, the rows used and set aside, the checks and the
 * paragraph. `options`: `title`, `lang` ('zh-CN', 'zh-TW', 'en'),
 * `paragraph` (as shown), `fileName`.
 */
core.Table.prototype.toXlsx = async function toXlsx(spec, options = {}) {
  await initOffice();
  const result = this.analyze(spec);
  const text = xlsxExport(result, this.schema(), options, core.specVocabulary().reasons);
  return officeCall('write_failed', () => writeXlsx(text));
};

/**
 * The view as a Word report (`.docx` bytes): its title, the source line, the
 * paragraph, the table, the chart (`options.chart`: a PNG as bytes, base64 or
 * a data: URL) and the notes. `options`: as `toXlsx`, plus `chart`, `caption`
 * and `findings` (the checks not accepted; default: the view's own).
 */
core.Table.prototype.toDocx = async function toDocx(spec, options = {}) {
  return reportDocx([{ table: this, spec, ...options }], options);
};

/**
 * Text as GB18030 bytes, for a CSV export that older Excel and WPS open as
 * GBK. The encoder is in the Office module (started first if needed), so
 * that the core carries no encoding tables.
 */
export async function encodeGb18030(text) {
  await initOffice();
  return officeCall('write_failed', () => officeGb18030(String(text)));
}

/**
 * Several views as one Word report, in order: `items` are
 * `{table, spec, title?, paragraph?, fileName?, chart?, caption?, findings?}`;
 * `options`: `lang`, `title` (the document's).
 */
export async function reportDocx(items, options = {}) {
  await initOffice();
  const reasons = core.specVocabulary().reasons;
  const views = items.map((it) => docxView(it.table.analyze(it.spec), it.table.schema(), { lang: options.lang, ...it }, reasons));
  const text = docxReport(views, options);
  return officeCall('write_failed', () => writeDocx(text));
}
