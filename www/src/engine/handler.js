// The requests the page makes of the engine, answered the same way in the
// worker and, when no worker can start, on the main thread.
// `wb` is the wasm-bindgen namespace (Table, version) after initSync.
import { loadChunks } from './chunks.js';
import { isWorkbook, officeCall } from './office.js';
import { docxReport, docxView, xlsxExport } from '../../../src/bindings/xlsx-export.js';

/** Columns with at most this many distinct values get a full value list for filters. */
const MAX_FILTER_VALUES = 500;

/** An engine error as plain data (Error objects lose their extra fields in postMessage). */
export function errorData(e) {
  if (e && typeof e === 'object') {
    return {
      message: String(e.message || e),
      code: e.code || (e instanceof WebAssembly.RuntimeError ? 'engine_crashed' : 'error'),
      messageZh: e.messageZh || null,
      messageZhTw: e.messageZhTw || null,
      messageEn: e.messageEn || null,
      line: e.line ?? null,
      column: e.column ?? null,
      crashed: e instanceof WebAssembly.RuntimeError,
    };
  }
  return { message: String(e), code: 'error', messageZh: null, messageEn: null, line: null, column: null, crashed: false };
}

/** Every value of the dimension and period columns, in the engine's order, for the filter lists. */
function columnValues(table, schema) {
  const values = {};
  for (const col of schema.columns) {
    if (col.role !== 'dimension' && col.role !== 'period') continue;
    if (col.distinct > MAX_FILTER_VALUES) continue;
    try {
      values[col.name] = table.values(col.name);
    } catch (_) {
      values[col.name] = col.sample.slice();
    }
  }
  return values;
}

/** A browser's failure to read a file (a DOMException), not an engine error. */
function isReadError(e) {
  return !!e && typeof e === 'object' && !e.code && (e.name === 'NotReadableError' || e.name === 'NotFoundError' || e.name === 'SecurityError' || (typeof DOMException !== 'undefined' && e instanceof DOMException));
}

/** WebKit cannot read a File handed to a worker: the page then reads it itself and sends the bytes. */
function readFailed(e) {
  return Object.assign(new Error(String(e.message || e)), { code: 'worker_read_failed', messageZh: '工作线程无法读取这个文件', messageEn: 'the worker could not read this file' });
}

/**
 * Makes the request handler. Loads answer with a promise (a file streams in
 * asynchronously); the other requests answer at once.
 * @param {any} wb wasm-bindgen exports
 * @param {(phase: string, fraction?: number|null) => void} progress
 * @param {() => Promise<any>} [startOffice] starts the Office module (workbooks) and gives its namespace
 */
export function createHandler(wb, progress, startOffice) {
  let table = null;
  // What is loaded: [{ file?: File, bytes?: Uint8Array, text?: string, name?, workbook?: {bytes, sheet, cells} }]
  let sources = null;

  /** The workbook's bytes when the source is a workbook, else null. */
  async function workbookBytes(src) {
    if (src.workbook) return src.workbook.bytes;
    if (src.bytes) return isWorkbook(src.bytes) ? src.bytes : null;
    if (!src.file) return null;
    let head;
    try {
      head = new Uint8Array(await src.file.slice(0, 8).arrayBuffer());
    } catch (e) {
      if (isReadError(e)) throw readFailed(e);
      throw e;
    }
    if (!isWorkbook(head)) return null;
    progress('reading', null);
    return new Uint8Array(await src.file.arrayBuffer());
  }

  /** A workbook: the Office module reads the sheet's cells (once per sheet), the engine the rest. */
  async function openWorkbook(src, bytes, options) {
    const sheet = options && options.sheet !== undefined ? options.sheet : null;
    let cached = src.workbook && src.workbook.sheet === sheet ? src.workbook.cells : null;
    if (!cached) {
      if (!startOffice) throw Object.assign(new Error('no workbook module'), { code: 'no_workbook_support', messageZh: '这个页面不能读取工作簿：请把工作表另存为 CSV 再打开', messageEn: 'this page cannot read workbooks: save the sheet as CSV and open that' });
      progress('workbook', null);
      const office = await startOffice();
      cached = officeCall(startOffice, 'bad_workbook', () => office.readWorkbook(bytes, sheet === null ? undefined : sheet));
    }
    progress('parsing');
    const next = wb.Table.fromCells(cached, options || {});
    // Kept so that corrections and a changed unit re-read the cells, not the workbook.
    src.workbook = { bytes, sheet, cells: cached };
    return next;
  }

  /** One source as a table (not yet the page's). */
  async function openOne(src, options) {
    const book = await workbookBytes(src);
    if (book) return openWorkbook(src, book, options);
    if (src.file && typeof wb.Loader === 'function' && typeof src.file.stream === 'function') {
      let next;
      try {
        next = await loadChunks(wb.Loader, src.file.stream(), src.file.size, options, (f) => progress('reading', f));
      } catch (e) {
        // WebKit cannot read a File handed to a worker ("The I/O read operation
        // failed"): the page then reads it itself and sends the bytes.
        if (isReadError(e)) throw readFailed(e);
        throw e;
      }
      progress('parsing');
      return next;
    }
    if (src.file) {
      progress('reading', null);
      return wb.Table.fromBytes(new Uint8Array(await src.file.arrayBuffer()), options || {});
    }
    progress('parsing');
    return src.bytes ? wb.Table.fromBytes(src.bytes, options || {}) : wb.Table.fromText(src.text, options || {});
  }

  /** A file's error, named by the file when several are read together. */
  function named(e, name) {
    if (!e || typeof e !== 'object' || !name) return e;
    const zh = e.messageZh || String(e.message || e);
    return Object.assign(new Error(`${name}: ${e.message || e}`), {
      code: e.code || 'error',
      messageZh: `“${name}”：${zh}`,
      messageZhTw: e.messageZhTw ? `「${name}」：${e.messageZhTw}` : null,
      messageEn: `${name}: ${e.messageEn || e.message || e}`,
      line: e.line ?? null,
      column: e.column ?? null,
    });
  }

  /**
   * Opens the sources; several are combined into one table (Table.concat:
   * a column 来源文件, columns matched by name). A file that cannot be read
   * stops the load with its name; one whose columns cannot be matched is
   * left out and named in the notes.
   */
  async function open(srcs, options) {
    let next;
    if (srcs.length === 1) next = await openOne(srcs[0], options);
    else {
      const tables = [];
      try {
        for (const src of srcs) {
          try {
            tables.push(await openOne(src, options));
          } catch (e) {
            throw named(e, src.name);
          }
        }
      } catch (e) {
        for (const t of tables) t.free();
        throw e;
      }
      progress('parsing');
      next = wb.Table.concat(tables, srcs.map((s) => s.name || ''));
    }
    const schema = next.schema();
    const values = columnValues(next, schema);
    if (table) table.free();
    table = next;
    sources = srcs;
    return { schema, values, rowCount: next.rowCount };
  }

  return function handle(msg) {
    switch (msg.type) {
      case 'version':
        return {
          version: typeof wb.version === 'function' ? wb.version() : 'unknown',
          // The texts of the reasons of empty figures, for the page's words (i18n.addReasons).
          reasons: typeof wb.specVocabulary === 'function' ? wb.specVocabulary().reasons : {},
        };
      case 'load':
        // Several files at once: items [{file|bytes, name}], combined into one table.
        if (Array.isArray(msg.items)) {
          return open(msg.items.map((it) => (it.file ? { file: it.file, name: it.name } : { bytes: new Uint8Array(it.bytes), name: it.name })), msg.options);
        }
        if (msg.file) return open([{ file: msg.file }], msg.options);
        return open([msg.bytes ? { bytes: new Uint8Array(msg.bytes) } : { text: String(msg.text) }], msg.options);
      case 'reload':
        if (!sources) throw Object.assign(new Error('no data loaded'), { code: 'no_data', messageZh: '还没有载入数据', messageEn: 'no data loaded' });
        return open(sources, msg.options);
      case 'gb18030':
        // GB18030 text for the CSV export (the Office module holds the encoder, started on first use).
        return (async () => {
          if (!startOffice) throw Object.assign(new Error('no workbook module'), { code: 'unsupported', messageZh: '这个页面不能生成 GB18030 编码的 CSV：请改用 UTF-8 导出', messageEn: 'this page cannot write GB18030 CSV: export UTF-8 instead' });
          const office = await startOffice();
          return officeCall(startOffice, 'write_failed', () => office.encodeGb18030(String(msg.text)));
        })();
      case 'findings':
        // The checks, computed once per table by the engine (asked for after the first result is shown).
        if (!table) throw Object.assign(new Error('no data loaded'), { code: 'no_data', messageZh: '还没有载入数据', messageEn: 'no data loaded' });
        return typeof table.findings === 'function' ? table.findings() : [];
      case 'check-step':
        // One slice of the checks; the page asks for the next only after this
        // one has answered, so an analysis asked for meanwhile goes first.
        if (!table) throw Object.assign(new Error('no data loaded'), { code: 'no_data', messageZh: '还没有载入数据', messageEn: 'no data loaded' });
        if (typeof table.checkStep !== 'function') return { done: true, step: 1, steps: 1, findings: table.findings() };
        {
          const p = table.checkStep();
          return p.done ? { ...p, findings: table.findings() } : p;
        }
      case 'xlsx':
        // The view on screen as an .xlsx (the Office module, started on first use).
        return (async () => {
          if (!startOffice) throw Object.assign(new Error('no workbook module'), { code: 'no_workbook_support', messageZh: '这个页面不能生成 Excel 文件：请改用 CSV 导出', messageEn: 'this page cannot write Excel files: export CSV instead' });
          progress('workbook', null);
          const office = await startOffice();
          const schema = table ? table.schema() : null;
          const text = xlsxExport(msg.result, schema, msg.options || {}, wb.specVocabulary().reasons);
          return officeCall(startOffice, 'write_failed', () => office.writeXlsx(text));
        })();
      case 'docx':
        // Views as one Word report (the Office module, started on first use).
        return (async () => {
          if (!startOffice) throw Object.assign(new Error('no workbook module'), { code: 'no_workbook_support', messageZh: '这个页面不能生成 Word 文件', messageEn: 'this page cannot write Word files' });
          progress('workbook', null);
          const office = await startOffice();
          const reasons = wb.specVocabulary().reasons;
          const schema = table ? table.schema() : null;
          const views = (msg.views || []).map((v) => docxView(v.result, v.schema || schema, { lang: (msg.options || {}).lang, ...(v.options || {}) }, reasons));
          const text = docxReport(views, msg.options || {});
          return officeCall(startOffice, 'write_failed', () => office.writeDocx(text));
        })();
      case 'analyze':
        if (!table) throw Object.assign(new Error('no data loaded'), { code: 'no_data', messageZh: '还没有载入数据', messageEn: 'no data loaded' });
        progress('analysing');
        return table.analyze(msg.spec);
      case 'crash-test':
        // A deliberate panic (a wasm trap), only for testing the page's recovery (?debug=crash).
        wb.__panicForTest();
        return null;
      default:
        throw new Error(`unknown request ${msg.type}`);
    }
  };
}
