// <aidstat-view>: the aidstat table and chart as a custom element for
// portals. Shadow DOM keeps its styles in and the portal's out; it defines no
// global besides the element itself. The engine is the ES module of pkg/
// (wasm-pack --target web), loaded once for every element on the page.
//
//   <script type="module" src="aidstat-view.js"></script>
//   <aidstat-view src="funds.csv" spec='{"rows":["板块"],"columns":"年度"}' lang="zh-CN"></aidstat-view>
//
// Attributes: src (a data file's URL), spec (AnalysisSpec JSON), options
// (LoadOptions JSON), lang (zh-CN | zh-TW | en), show ("table chart", "table"
// or "chart"), chart (bar | stack | pct | donut | line | summary), wasm (the
// .wasm's URL; default: next to this script).
// Properties: data (string | ArrayBuffer | Uint8Array | Blob), spec, options
// (objects), and read-only schema, result. Method: toDocx(options) → the view
// shown as a Word report (.docx bytes, with its chart), options as table.toDocx's.
// Events (bubbling, composed): aidstat-load {schema}, aidstat-result
// {result, schema}, aidstat-error {code, messageZh, messageZhTw, messageEn, line, column, message}.
import init, { isWorkbook, Loader, specVocabulary, Table, warmUp } from 'aidstat-engine';
import CSS from './aidstat-view.css';
import { h, replace } from '../dom.js';
import { addReasons, engineMessage, setLang, t } from '../i18n.js';
import { renderTable } from '../render/table.js';
import { ChartView } from '../render/chart.js';
import { resultSubtitle, resultTitle } from '../render/labels.js';
import { defaultSpec } from '../view.js';
import { loadChunks } from '../engine/chunks.js';

const engines = new Map(); // wasm URL → init promise

function engineReady(wasmUrl) {
  const key = wasmUrl || '';
  if (!engines.has(key)) {
    engines.set(key, init(wasmUrl ? { module_or_path: wasmUrl } : undefined).then((x) => {
      addReasons(specVocabulary().reasons);
      // A small made-up file through the whole path first, so that the first
      // real one runs on optimised code (docs/PERFORMANCE.md, "JIT tiers").
      try {
        warmUp();
      } catch {
        // costs nothing but its purpose
      }
      return x;
    }));
  }
  return engines.get(key);
}

function parseJsonAttr(text) {
  if (text === null || text === undefined || text === '') return null;
  return JSON.parse(text);
}

function toBytes(data) {
  if (data instanceof Uint8Array) return data;
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  return null;
}

function errorDetail(e) {
  return {
    code: (e && e.code) || 'error',
    messageZh: (e && e.messageZh) || null,
    messageZhTw: (e && e.messageZhTw) || null,
    messageEn: (e && e.messageEn) || null,
    line: (e && e.line) ?? null,
    column: (e && e.column) ?? null,
    message: String((e && e.message) || e),
  };
}

export class AidstatView extends HTMLElement {
  static get observedAttributes() {
    return ['src', 'spec', 'options', 'lang', 'show', 'chart', 'wasm'];
  }

  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open' });
    this._title = h('h3', { part: 'title' });
    this._sub = h('p', { part: 'subtitle' });
    this._error = h('div', { class: 'error', role: 'alert', part: 'error', hidden: true });
    this._busy = h('div', { class: 'busy', role: 'status', 'aria-live': 'polite' });
    this._tableWrap = h('div', { class: 'table-wrap', part: 'table', tabindex: '0', role: 'region' });
    this._chartBox = h('div', { class: 'chart', part: 'chart', role: 'img' });
    this._notes = h('p', { class: 'notes' });
    root.append(h('style', null, CSS), h('div', { class: 'head' }, this._title, this._sub), this._error, this._busy, this._tableWrap, this._chartBox, this._notes);
    this._chart = null;
    this._table = null;
    this._data = null;
    this._spec = null;
    this._options = null;
    this._schema = null;
    this._result = null;
    this._sort = null;
    this._pending = null;
    this._dataVersion = 0;
    this._loadedVersion = -1;
  }

  connectedCallback() {
    this.dataset.state = this.dataset.state || 'loading';
    this._schedule(true);
  }

  disconnectedCallback() {
    if (this._chart) this._chart.dispose();
    this._chart = null;
    if (this._table) this._table.free();
    this._table = null;
    this._loadedVersion = -1;
  }

  attributeChangedCallback(name, oldValue, newValue) {
    if (oldValue === newValue) return;
    if (name === 'src' || name === 'options' || name === 'wasm') this._dataVersion += 1;
    this._schedule(name === 'src' || name === 'options');
  }

  /** The data: text, bytes or a Blob / File. Setting it reloads. */
  get data() {
    return this._data;
  }

  set data(value) {
    this._data = value;
    this._dataVersion += 1;
    this._schedule(true);
  }

  /** The AnalysisSpec (object). Falls back to the `spec` attribute, then to a default view. */
  get spec() {
    return this._spec || parseJsonAttr(this.getAttribute('spec'));
  }

  set spec(value) {
    this._spec = value ? JSON.parse(JSON.stringify(value)) : null;
    this._schedule(false);
  }

  /** LoadOptions (object). */
  get options() {
    return this._options || parseJsonAttr(this.getAttribute('options')) || {};
  }

  set options(value) {
    this._options = value || null;
    this._dataVersion += 1;
    this._schedule(true);
  }

  get schema() {
    return this._schema;
  }

  get result() {
    return this._result;
  }

  /**
   * The view shown as a Word report: the bytes of a .docx with its title, the
   * source line, the paragraph, the table, the chart as drawn and the notes.
   * `options`: title, paragraph, fileName, caption (as table.toDocx's).
   */
  async toDocx(options = {}) {
    if (!this._table || !this._result) throw Object.assign(new Error('no data loaded'), { code: 'no_data', messageZh: '还没有载入数据', messageEn: 'no data loaded' });
    const chart = this._chart ? this._chart.exportImage('png') : null;
    return this._table.toDocx(this._shownSpec, { lang: this._lang(), title: resultTitle(this._result), chart, ...options });
  }

  /** Reloads and re-analyses; resolves with the result. */
  refresh() {
    this._dataVersion += 1;
    return this._run();
  }

  _schedule() {
    if (this._pending) return;
    this._pending = Promise.resolve().then(() => {
      this._pending = null;
      if (this.isConnected) this._run();
    });
  }

  _lang() {
    return setLang(this.getAttribute('lang') || 'zh-CN');
  }

  async _source() {
    if (this._data !== null && this._data !== undefined) {
      if (typeof this._data === 'string') return { text: this._data };
      if (typeof Blob !== 'undefined' && this._data instanceof Blob) {
        // A workbook is read whole (Table.open starts the Office module); text streams in.
        const head = new Uint8Array(await this._data.slice(0, 8).arrayBuffer());
        if (isWorkbook(head)) return { bytes: new Uint8Array(await this._data.arrayBuffer()) };
        if (typeof this._data.stream === 'function') return { stream: this._data.stream(), size: this._data.size };
        return { bytes: new Uint8Array(await this._data.arrayBuffer()) };
      }
      const bytes = toBytes(this._data);
      if (bytes) return { bytes };
      throw Object.assign(new Error('data must be a string, an ArrayBuffer, a Uint8Array or a Blob'), { code: 'bad_data' });
    }
    const src = this.getAttribute('src');
    if (src) {
      const response = await fetch(new URL(src, document.baseURI));
      if (!response.ok) throw Object.assign(new Error(`cannot fetch ${src}: HTTP ${response.status}`), { code: 'fetch_failed', messageZh: `无法读取数据文件 ${src}（HTTP ${response.status}）`, messageEn: `cannot fetch ${src} (HTTP ${response.status})` });
      const book = /\.(xlsx|xlsm|xlsb|xls|ods)([?#]|$)/i.test(src) || /spreadsheet|ms-excel|officedocument/i.test(response.headers.get('content-type') || '');
      if (!book && response.body && typeof response.body.getReader === 'function') {
        const length = Number(response.headers.get('content-length'));
        return { stream: response.body, size: Number.isSafeInteger(length) && length > 0 ? length : undefined };
      }
      return { bytes: new Uint8Array(await response.arrayBuffer()) };
    }
    // Inline data: <aidstat-view><script type="text/csv">…</script></aidstat-view>
    const inline = this.querySelector('script[type="text/csv"], script[type="application/json"], script[type="text/plain"]');
    if (inline) return { text: inline.textContent.replace(/^\s*\n/, '') };
    return null;
  }

  async _run() {
    const token = Symbol('run');
    this._token = token;
    this.dataset.state = 'loading';
    this._lang();
    this._busy.textContent = t('progress.analysing');
    try {
      await engineReady(this.getAttribute('wasm'));
      if (this._loadedVersion !== this._dataVersion || !this._table) {
        const version = this._dataVersion;
        const src = await this._source();
        if (this._token !== token) return null;
        if (!src) {
          this._busy.textContent = '';
          this.dataset.state = 'empty';
          return null;
        }
        const opts = this.options;
        let table;
        if (src.stream) table = await loadChunks(Loader, src.stream, src.size, opts);
        else table = src.bytes ? await Table.open(src.bytes, opts) : Table.fromText(src.text, opts);
        if (this._token !== token) {
          table.free(); // a newer run started while the file streamed in
          return null;
        }
        if (this._table) this._table.free();
        this._table = table;
        this._schema = table.schema();
        this._loadedVersion = version;
        this._sort = null;
        this.dispatchEvent(new CustomEvent('aidstat-load', { bubbles: true, composed: true, detail: { schema: this._schema } }));
      }
      const spec = this.spec || defaultSpec(this._schema);
      const result = this._table.analyze(spec);
      if (this._token !== token) return null;
      this._result = result;
      this._shownSpec = spec;
      this._draw();
      this._error.hidden = true;
      this._busy.textContent = '';
      this.dataset.state = 'ready';
      this.dispatchEvent(new CustomEvent('aidstat-result', { bubbles: true, composed: true, detail: { result, schema: this._schema } }));
      return result;
    } catch (e) {
      if (this._token !== token) return null;
      const detail = errorDetail(e);
      this._lang();
      this._error.textContent = `${t('error.title')}${t('punct.colon')}${engineMessage(detail) || detail.message}${detail.line ? t('error.at', { l: detail.line, c: '' }) : ''}`;
      this._error.hidden = false;
      this._busy.textContent = '';
      this.dataset.state = 'error';
      this.dispatchEvent(new CustomEvent('aidstat-error', { bubbles: true, composed: true, detail }));
      return null;
    }
  }

  _draw() {
    this._lang();
    const r = this._result;
    const show = (this.getAttribute('show') || 'table chart').split(/\s+/);
    this._title.textContent = resultTitle(r);
    this._sub.textContent = resultSubtitle(r);
    this._tableWrap.setAttribute('aria-label', t('result.tableLabel'));
    this._tableWrap.hidden = !show.includes('table');
    if (show.includes('table')) {
      replace(this._tableWrap, renderTable(r, {
        sort: this._sort,
        caption: resultTitle(r),
        onSort: (sort) => {
          this._sort = sort;
          this._draw();
        },
      }));
    }
    this._chartBox.hidden = !show.includes('chart');
    if (show.includes('chart')) {
      if (!this._chart) this._chart = new ChartView(this._chartBox);
      const drawn = this._chart.update(r, { kind: this.getAttribute('chart') || 'auto' });
      this._chartBox.dataset.kind = drawn.kind || 'none';
      this._chartBox.setAttribute('aria-label', t('chart.aria', { t: resultTitle(r) }));
      this._notes.textContent = drawn.empty ? t('chart.none') : drawn.notes.join(' · ');
    } else this._notes.textContent = '';
  }
}

if (!customElements.get('aidstat-view')) customElements.define('aidstat-view', AidstatView);
