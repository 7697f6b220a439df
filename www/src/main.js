// The analyst's page: brings data in (demo, file, drop, paste), shows what
// was understood, builds the view, draws the table and the chart, exports.
import DEMO_CSV from 'virtual:demo';
import { Engine } from './engine/client.js';
import { h, replace } from './dom.js';
import { LANGS, engineMessage, getLang, setLang, t } from './i18n.js';
import { autoPrecision, defaultSpec, engineSpec, fitSpec, formatHash, parseHash, specFits } from './view.js';
import { renderTable, tableRows } from './render/table.js';
import { ChartView, chartKindLabel, chartKinds } from './render/chart.js';
import { resultSubtitle, resultTitle } from './render/labels.js';
import { csvUtf8, toCsv } from './export/csv.js';
import { dataUrlToBlob, download, fileName } from './export/download.js';
import { Controls } from './ui/controls.js';
import { Progress } from './ui/progress.js';
import { Understood, sourceChips, setAsideTable } from './ui/understood.js';
import { FindingsPanel, badgeTable } from './ui/findings.js';
import { closeOnEscape, focusableReasons, foldControls, setupCellNotes } from './ui/access.js';

const DEMO_NAME = 'huadu_qingxin.csv';
const LANG_KEY = 'aidstat.lang';
const MAX_TABLE_ROWS = 2000;

const $ = (sel) => document.querySelector(sel);

const app = {
  engine: null,
  source: null, // { kind: 'demo'|'file'|'paste', name }
  schema: null,
  values: {},
  read: {},
  spec: null,
  shownSpec: null, // the spec of the result drawn: drawn again after an engine crash
  result: null,
  chart: { kind: 'auto', swap: false },
  sort: null,
  seq: 0,
  pendingHash: null,
  pendingRead: null, // reading corrections from a saved link, used for the next file

  chartView: null,
  cellNotes: null, // the note under the table of a tapped cell (ui/access.js)
  checks: { id: 0, state: 'none', list: [] }, // table.findings() of the loaded table
  busy: 0,
  recovering: false,
};

/* ---------- page state, for people and for tests ---------- */

function setState(state) {
  document.documentElement.dataset.state = state;
}

/** busy while work is under way; then error (an alert is shown), ready (a result is drawn) or booting. */
function updateState() {
  if (app.busy > 0) setState('busy');
  else if (!$('#alert').hidden) setState('error');
  else setState(app.result ? 'ready' : 'booting');
}

function busy(delta) {
  app.busy = Math.max(0, app.busy + delta);
  if (app.busy === 0) progress.hide();
  updateState();
}

function status(text) {
  $('#status').textContent = text;
}

function showError(err, { kept = false } = {}) {
  const box = $('#alert');
  const msg = err && err.code === 'engine_crashed' ? t('error.crashed') : engineMessage(err) || String(err && err.message ? err.message : err);
  let where = '';
  // The line, unless the message already names it.
  const named = err && err.line && (msg.includes(`第 ${err.line} 行`) || msg.includes(`line ${err.line}`));
  if (err && err.line && !named) where = t('error.at', { l: err.line, c: err.column ? t('error.atCol', { c: err.column }) : '' });
  replace(box,
    h('strong', null, t('error.title')), ' ',
    h('span', { 'data-role': 'message' }, msg + where),
    kept ? h('span', null, ' ', t('error.keptPrevious')) : null,
    h('button', { type: 'button', class: 'btn btn-small', onclick: () => clearError() }, t('error.dismiss')));
  box.hidden = false;
  box.dataset.code = (err && err.code) || 'error';
  delete box.dataset.recovery;
  updateState();
}

function clearError() {
  $('#alert').hidden = true;
  updateState();
}

/* ---------- an engine crash ---------- */

/** Files above this size get a word about memory if loading them crashes the engine. */
const BIG_FILE_BYTES = 100 * 1024 * 1024;

const RECOVERED_DURING = { load: 'error.recoveredLoad', reload: 'error.recoveredReload' };

/**
 * The engine crashed (a wasm trap, e.g. a panic) and is restarting with the
 * last data that loaded (engine/client.js). Once it is back, the view last
 * drawn is computed again, so the analyst keeps the data, the view and the
 * figures; the alert says what happened. A crash while doing this is only
 * reported, never recovered from in a loop.
 * @param {Promise<{restored: boolean}>} recovery
 * @param {string|null} during the request that crashed
 */
async function recoverFromCrash(recovery, during) {
  const again = app.recovering;
  app.recovering = true;
  busy(+1);
  progress.show('restarting');
  let key = 'error.recovered';
  const more = [];
  try {
    const { restored } = await recovery;
    if (!restored) key = 'error.crashLost';
    else if (!again && app.shownSpec && app.schema) {
      if (JSON.stringify(app.spec) !== JSON.stringify(app.shownSpec)) {
        // The crash was in a new view: go back to the one on screen.
        app.spec = JSON.parse(JSON.stringify(app.shownSpec));
        app.controls.render(app.schema, app.values, app.spec);
        more.push('error.recoveredView');
      }
      await analyse({ recovering: true });
    }
  } catch (_) {
    key = 'error.crashDead';
  } finally {
    if (!again) app.recovering = false;
    busy(-1);
  }
  if (RECOVERED_DURING[during]) more.push(RECOVERED_DURING[during]);
  // A big file that crashed the engine while loading most likely ran it out of memory.
  const memory = during === 'load' && app.loadingBytes > BIG_FILE_BYTES ? ['error.crashMemory'] : [];
  showCrash(key, [...(key === 'error.recovered' ? more : []), ...memory]);
}

function showCrash(key, more) {
  const box = $('#alert');
  replace(box,
    h('strong', null, t('error.title')), ' ',
    h('span', { 'data-role': 'message' }, [key, ...more].map((k) => t(k)).join('')),
    h('button', { type: 'button', class: 'btn btn-small', onclick: () => clearError() }, t('error.dismiss')));
  box.hidden = false;
  box.dataset.code = 'engine_crashed';
  box.dataset.recovery = key.replace('error.', '');
  updateState();
}

/* ---------- static text ---------- */

function applyStaticText() {
  document.documentElement.lang = getLang();
  document.title = `${t('app.title')} · aidstat`;
  for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const el of document.querySelectorAll('[data-i18n-attr]')) {
    for (const pair of el.dataset.i18nAttr.split(';')) {
      const [attr, key] = pair.split(':');
      el.setAttribute(attr, t(key));
    }
  }
  const langSel = $('#lang');
  if (!langSel.options.length) for (const [code, name] of LANGS) langSel.append(h('option', { value: code }, name));
  langSel.value = getLang();
  if (app.engine) $('#engine-version').textContent = t('footer.version', { v: app.engine.version || '' }) + (app.engine.mode === 'main' ? ` ${t('status.mainThread')}` : '');
}

/* ---------- the hash ---------- */

function writeHash() {
  const hash = formatHash({ spec: app.spec, read: app.read, chart: app.chart.kind, swap: app.chart.swap, lang: getLang() });
  const url = `${location.pathname}${location.search}#${hash}`;
  try {
    history.replaceState(null, '', url);
  } catch (_) {
    location.replace(`#${hash}`);
  }
}

/* ---------- loading ---------- */

function loadOptions(read) {
  const opts = {};
  for (const k of ['encoding', 'delimiter', 'headerLine', 'defaultUnit']) if (read[k]) opts[k] = read[k];
  if (read.columns && Object.keys(read.columns).length) opts.columns = read.columns;
  // Accepted corrections of findings (ui/findings.js), kept in the hash with the rest.
  if (Array.isArray(read.corrections) && read.corrections.length) opts.corrections = read.corrections;
  if (read.relabel && typeof read.relabel === 'object' && Object.keys(read.relabel).length) opts.relabel = read.relabel;
  return opts;
}

function readFile(file) {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onprogress = (e) => {
      if (e.lengthComputable) progress.show('reading', e.loaded / e.total);
    };
    reader.onload = () => resolve(reader.result);
    reader.onerror = () => reject(reader.error || new Error('read failed'));
    progress.show('reading', 0);
    reader.readAsArrayBuffer(file);
  });
}

/**
 * Loads data into the engine and analyses it.
 * @param {{kind: string, name: string, file?: File, bytes?: ArrayBuffer, text?: string}} src
 */
async function loadSource(src, { read = {}, spec = null, notes = [] } = {}) {
  clearError();
  busy(+1);
  if (src.file) progress.show('reading', 0);
  else progress.show('parsing');
  try {
    const res = await app.engine.load(src.file ? { file: src.file } : src.bytes ? { bytes: src.bytes } : { text: src.text }, loadOptions(read));
    app.previousKind = app.source ? app.source.kind : null;
    app.source = { kind: src.kind, name: src.name };
    app.read = read;
    acceptSchema(res, spec);
    renderSource({ open: src.kind !== 'demo' && (res.schema.setAside.length > 0 || res.schema.warnings.length > 0) });
    app.controls.render(app.schema, app.values, app.spec);
    if (await analyseNewData(notes)) runChecks();
  } catch (err) {
    if (err && err.code === 'cancelled') status(t('progress.cancelled'));
    else showError(err, { kept: !!app.result });
  } finally {
    busy(-1);
  }
}

/**
 * Draws the view of data just (re)loaded; when the view kept from before
 * still fails on it, the default view. Says what was changed.
 */
async function analyseNewData(notes = []) {
  let ok = await analyse({ fresh: true });
  if (!ok) {
    const fallback = defaultSpec(app.schema);
    if (JSON.stringify(engineSpec(fallback)) !== JSON.stringify(engineSpec(app.spec))) {
      app.spec = fallback;
      app.viewChanges = [{ key: 'view.changed.default', params: {} }];
      app.controls.render(app.schema, app.values, app.spec);
      ok = await analyse({ fresh: true });
    }
  }
  showViewChanges(notes);
  return ok;
}

/**
 * Takes a new schema and chooses its view: the first of the wanted view, the
 * link's view and the view on screen that still fits, column by column
 * (view.js fitSpec), else the default view. What had to change is shown.
 */
function acceptSchema(res, wanted) {
  app.schema = res.schema;
  app.values = res.values || {};
  const candidates = [wanted, app.pendingHash, app.spec].filter(Boolean);
  // The demo is not the analyst's data: a view carries over to or from it only
  // whole (a bookmark's view then waits for the analyst's own file), unsaid.
  const fromDemo = (c) => app.source.kind === 'demo' || (c === app.spec && c !== wanted && app.previousKind === 'demo');
  let chosen = null;
  let from = null;
  let changes = [];
  let first = null;
  for (const c of candidates) {
    const fit = fromDemo(c) ? { spec: specFits(c, app.schema) ? c : null, changes: [] } : fitSpec(c, app.schema, app.values);
    if (!first) first = fit;
    if (fit.spec) {
      chosen = JSON.parse(JSON.stringify(fit.spec));
      from = c;
      changes = fit.changes;
      break;
    }
  }
  if (from && from === app.pendingHash) app.pendingHash = null;
  if (chosen) app.spec = chosen;
  else {
    app.spec = defaultSpec(app.schema);
    if (app.source.kind === 'demo') app.spec.share = 'column';
    if (first && first.changes.length) changes = [...first.changes, { key: 'view.changed.default', params: {} }];
  }
  app.viewChanges = changes;
  app.sort = null;
}

/** Says what was changed in the view (or the reading) for the data just loaded. */
function showViewChanges(extra = []) {
  const box = $('#view-note');
  const all = [...extra, ...(app.viewChanges || [])];
  if (!all.length) {
    box.hidden = true;
    box.textContent = '';
    return;
  }
  box.textContent = t('view.changed.intro') + all.map((c) => t(c.key, c.params)).join(t('punct.semicolon'));
  box.hidden = false;
}

async function reread(read) {
  clearError();
  busy(+1);
  progress.show('parsing');
  try {
    const res = await app.engine.reload(loadOptions(read));
    app.read = read;
    acceptSchema(res, app.spec);
    renderSource({ open: true });
    app.controls.render(app.schema, app.values, app.spec);
    if (await analyseNewData()) runChecks();
  } catch (err) {
    if (err && err.code !== 'cancelled') showError(err, { kept: true });
    else status(t('progress.cancelled'));
    // The reading options stay as they were; show them again.
    if (app.schema) renderSource({ open: true });
  } finally {
    busy(-1);
  }
}

/* ---------- checks ---------- */

/**
 * Runs the checks of the table just loaded, after its first result is shown,
 * one slice at a time: an analysis the analyst asks for meanwhile is answered
 * between two slices, so no control waits for the checks.
 */
async function runChecks() {
  const id = ++app.checks.id;
  app.checks.state = 'pending';
  app.checks.list = [];
  app.checks.progress = null;
  renderFindings();
  let state = 'done';
  let list = [];
  try {
    for (;;) {
      const got = await app.engine.checkStep();
      if (id !== app.checks.id) return; // another file, or another reading, since
      if (got.done) {
        list = Array.isArray(got.findings) ? got.findings : [];
        break;
      }
      app.checks.progress = { step: got.step, steps: got.steps };
      renderFindings();
      // Let queued clicks reach the engine before the next slice.
      await new Promise((r) => setTimeout(r, 0));
    }
  } catch (_) {
    state = 'failed';
  }
  if (id !== app.checks.id) return;
  app.checks.state = state;
  app.checks.list = list;
  app.checks.progress = null;
  renderFindings();
  if (app.result) renderTableOnly();
}

function renderFindings() {
  app.findingsPanel.render({ state: app.checks.state, findings: app.checks.list, read: app.read, progress: app.checks.progress });
  $('#findings').dataset.state = app.checks.state;
}

/* ---------- analysing ---------- */

/**
 * Computes the view and draws it; resolves true when it was drawn. With
 * `fresh` (new data), a failure clears the old figures, so the header and
 * the figures always belong to the same data.
 */
async function analyse({ recovering = false, fresh = false } = {}) {
  const seq = ++app.seq;
  busy(+1);
  progress.show('analysing');
  try {
    const spec = JSON.parse(JSON.stringify(app.spec));
    const result = await app.engine.analyze(engineSpec(spec));
    if (seq !== app.seq) return false;
    app.result = result;
    app.resultSchema = app.schema;
    app.shownSpec = spec;
    // After a crash the alert that says so stays up over the view drawn again.
    if (!recovering) clearError();
    renderResult();
    renderSource();
    writeHash();
    document.documentElement.dataset.resultSeq = String(seq);
    return true;
  } catch (err) {
    if (seq !== app.seq) return false;
    if (err && err.code === 'cancelled') status(t('progress.cancelled'));
    else {
      if (fresh) clearResult();
      showError(err, { kept: !fresh && !!app.result });
    }
    return false;
  } finally {
    busy(-1);
  }
}

/** No figures on screen (the data they came from is gone). */
function clearResult() {
  app.result = null;
  app.shownSpec = null;
  $('#result-title').textContent = t('result.heading');
  $('#result-sub').textContent = '';
  replace($('#table-wrap'), h('p', { class: 'hint' }, t('result.empty')));
  replace($('#diagnostics'));
  $('#table-note').textContent = '';
  $('#paragraph').hidden = true;
  if (app.cellNotes) app.cellNotes.clear();
  $('#chart-desc').textContent = '';
  if (app.chartView && typeof app.chartView.clear === 'function') app.chartView.clear();
  for (const b of document.querySelectorAll('[data-needs-result], [data-needs-chart]')) b.disabled = true;
}

function onSpecChange(spec) {
  const prev = app.spec;
  // Decimals the analyst has not set follow the measure: 0 for counts, 2 for amounts.
  let followed = false;
  if (prev && spec.precision === prev.precision && prev.precision === autoPrecision(prev, app.schema)) {
    const next = autoPrecision(spec, app.schema);
    followed = next !== spec.precision;
    spec.precision = next;
  }
  app.spec = spec;
  app.sort = null;
  if (prev && (followed || prev.measure !== spec.measure || (prev.aggregate === 'distinct') !== (spec.aggregate === 'distinct'))) {
    const focused = document.activeElement && document.activeElement.name;
    app.controls.render(app.schema, app.values, app.spec);
    if (focused) {
      const el = app.controls.form.elements.namedItem(focused);
      if (el && el.focus) el.focus();
    }
  }
  analyse();
}

/* ---------- drawing ---------- */

function renderSource({ open } = {}) {
  const s = app.schema;
  // Once a view of this data is drawn, its rows set aside are the ones counted.
  const diag = app.result && app.resultSchema === app.schema ? app.result.diagnostics : null;
  if (open === undefined) {
    const d = document.querySelector('#understood-details');
    open = !!(d && d.open);
  }
  const name = app.source.kind === 'demo' ? `${t('source.demo')} · ${app.source.name}` : app.source.kind === 'paste' ? t('source.paste') : app.source.name;
  replace($('#source'),
    h('span', { class: 'source-name' }, name),
    h('ul', { class: 'chips', 'aria-label': t('understood.heading') }, sourceChips(s, app.read, diag).map((c) => h('li', null, c))));
  $('#demo-note').hidden = app.source.kind !== 'demo';
  app.understood.render(s, app.read, { open, diag });
}

function renderResult() {
  const r = app.result;
  $('#result-title').textContent = resultTitle(r);
  $('#result-sub').textContent = resultSubtitle(r);
  if (app.cellNotes) app.cellNotes.clear();
  renderTableOnly();
  renderDiagnostics();
  renderChart();
  renderParagraph();
  for (const b of document.querySelectorAll('[data-needs-result]')) b.disabled = false;
  const d = r.diagnostics;
  status(`${t('status.ready')}${t('punct.colon')}${t('result.rows', { used: d.rowsUsed, read: d.rowsRead })}`);
}

function renderTableOnly() {
  const r = app.result;
  const table = renderTable(r, {
    sort: app.sort,
    maxRows: MAX_TABLE_ROWS,
    caption: `${resultTitle(r)}。${resultSubtitle(r)}`,
    onSort: (sort) => {
      app.sort = sort;
      renderTableOnly();
      const b = $('#table-wrap th[aria-sort] button');
      if (b) b.focus();
    },
  });
  badgeTable(table, app.checks.list, r);
  focusableReasons(table);
  replace($('#table-wrap'), table);
  tableNote(table);
}

function tableNote(table) {
  const shown = Number(table.dataset.rowsShown);
  const total = Number(table.dataset.rowsTotal);
  $('#table-note').textContent = shown < total ? t('result.truncated', { n: shown, m: total }) : '';
}

function renderDiagnostics() {
  const d = app.result.diagnostics;
  const bits = [t('result.rows', { used: d.rowsUsed, read: d.rowsRead })];
  if (d.filteredOut) bits.push(t('result.filteredOut', { n: d.filteredOut }));
  if (d.setAside && d.setAside.length) bits.push(t('source.setAside', { n: d.setAside.length }));
  if (d.nulls && d.nulls.count) bits.push(t('result.nulls', { n: d.nulls.count }));
  if (d.approximate && d.approximate.count) bits.push(t('result.approx', { n: d.approximate.count }));
  const parts = [h('p', { class: 'diag-line' }, bits.join(' · '))];
  const findings = app.result.findings || [];
  if (findings.length) {
    parts.push(h('h3', null, t('understood.findings')), h('ul', { class: 'findings' }, findings.map((f) => h('li', { class: `finding finding-${f.severity}` }, engineMessage(f)))));
  }
  if (d.setAside && d.setAside.length) {
    parts.push(h('details', { class: 'aside-details' }, h('summary', null, t('understood.setAside')), h('div', { class: 'table-scroll' }, setAsideTable(d.setAside))));
  }
  if (d.warnings && d.warnings.length) parts.push(h('ul', { class: 'warnings' }, d.warnings.map((w) => h('li', null, engineMessage(w)))));
  replace($('#diagnostics'), ...parts);
}

function renderChart() {
  const r = app.result;
  const kinds = chartKinds(r);
  const sel = $('#chart-kind');
  replace(sel, h('option', { value: 'auto' }, `${t('chart.auto')}${kinds[0] ? `（${chartKindLabel(kinds[0], r)}）` : ''}`), ...kinds.map((k) => h('option', { value: k }, chartKindLabel(k, r))));
  sel.value = kinds.includes(app.chart.kind) ? app.chart.kind : 'auto';
  $('#chart-swap').checked = app.chart.swap;
  const drawn = app.chartView.update(r, { kind: sel.value, swap: app.chart.swap });
  const host = $('#chart');
  host.dataset.kind = drawn.kind || 'none';
  host.setAttribute('aria-label', t('chart.aria', { t: resultTitle(r) }));
  const notes = drawn.empty ? [t('chart.none')] : drawn.notes;
  // The chart's text alternative (aria-describedby): its kind, the report paragraph and the notes.
  const para = r.paragraph ? (getLang() === 'en' ? r.paragraph.en : r.paragraph.zh) || '' : '';
  $('#chart-desc').textContent = drawn.empty ? notes[0] : t('chart.desc', { k: chartKindLabel(drawn.kind, r), p: [para, ...notes].filter(Boolean).join(' ') });
  replace($('#chart-notes'), ...notes.map((n) => h('span', null, n)));
  $('#chart-swap').disabled = !r.colDim || drawn.kind === 'donut' || drawn.kind === 'summary';
  for (const b of document.querySelectorAll('[data-needs-chart]')) b.disabled = drawn.empty;
}

/* ---------- the paragraph for the report ---------- */

/** The engine's paragraph of this view (zh for 简体 and 繁體, en for English). */
function renderParagraph() {
  const p = app.result && app.result.paragraph;
  const text = p ? (getLang() === 'en' ? p.en : p.zh) || '' : '';
  $('#paragraph-text').textContent = text;
  $('#paragraph').hidden = !text;
}

function copyByTextarea(text) {
  const ta = h('textarea', { readonly: true, class: 'visually-hidden' });
  ta.value = text;
  document.body.append(ta);
  ta.select();
  let ok = false;
  try {
    ok = document.execCommand('copy');
  } catch (_) {
    ok = false;
  }
  ta.remove();
  return ok;
}

async function copyParagraph() {
  const text = $('#paragraph-text').textContent;
  if (!text) return;
  let ok = false;
  try {
    if (navigator.clipboard && navigator.clipboard.writeText) {
      await navigator.clipboard.writeText(text);
      ok = true;
    }
  } catch (_) {
    ok = false;
  }
  if (!ok) ok = copyByTextarea(text);
  if (!ok) {
    // Leave the text selected so Ctrl+C works.
    const range = document.createRange();
    range.selectNodeContents($('#paragraph-text'));
    const sel = window.getSelection();
    sel.removeAllRanges();
    sel.addRange(range);
  }
  status(t(ok ? 'paragraph.copied' : 'paragraph.copyFailed'));
}

/* ---------- exports ---------- */

async function exportCsv(encoding) {
  const rows = tableRows(app.result, app.sort);
  let bytes;
  try {
    bytes = encoding === 'gb18030' ? await app.engine.encodeGb18030(toCsv(rows)) : csvUtf8(rows);
  } catch (err) {
    showError(err, { kept: true });
    return;
  }
  const name = fileName(resultTitle(app.result), encoding === 'gb18030' ? 'gb18030.csv' : 'csv');
  download(name, bytes, `text/csv;charset=${encoding === 'gb18030' ? 'gb18030' : 'utf-8'}`);
  status(t('export.done', { f: name }));
}

function exportJson() {
  const doc = {
    generator: `aidstat ${app.engine.version || ''}`.trim(),
    source: app.source ? { name: app.source.name, kind: app.source.kind, ...app.schema.source } : null,
    result: app.result,
    // The file's checks (table.findings()), when they have been computed.
    findings: app.checks.state === 'done' ? app.checks.list : null,
  };
  const name = fileName(resultTitle(app.result), 'json');
  download(name, JSON.stringify(doc, null, 2), 'application/json');
  status(t('export.done', { f: name }));
}

function exportChart(type) {
  const out = app.chartView.exportImage(type);
  if (!out) return;
  const name = fileName(resultTitle(app.result), type);
  if (type === 'svg') download(name, out, 'image/svg+xml');
  else download(name, dataUrlToBlob(out));
  status(t('export.done', { f: name }));
}

/* ---------- bringing data ---------- */

/**
 * Several files chosen or dropped at once: until several-file loads land,
 * the first is read and the page says which ones were not.
 */
async function openFiles(files) {
  if (!files.length) return;
  await openFile(files[0]);
  if (files.length > 1 && app.source && app.source.name === files[0].name) {
    const rest = files.slice(1).map((f) => f.name).join(t('punct.listSep'));
    const box = $('#view-note');
    const line = t('data.oneFileOnly', { f: files[0].name, n: files.length - 1, rest });
    box.textContent = box.hidden || !box.textContent ? line : `${box.textContent}${t('punct.semicolon')}${line}`;
    box.hidden = false;
  }
}

async function openFile(file) {
  if (!file) return;
  busy(+1);
  try {
    const read = app.pendingRead || {};
    app.pendingRead = null;
    app.loadingBytes = file.size;
    // The engine reads the file itself, chunk by chunk (File.stream()), so a
    // file of hundreds of megabytes is never held whole; old browsers read it at once.
    const load = async (r, notes = []) => {
      if (typeof file.stream === 'function') {
        progress.show('reading', 0);
        await loadSource({ kind: 'file', name: file.name, file }, { read: r, notes });
      } else {
        const bytes = await readFile(file);
        await loadSource({ kind: 'file', name: file.name, bytes }, { read: r, notes });
      }
    };
    const before = app.source;
    await load(read);
    // The reading settings of the link were for another file: read this one as it is.
    if (app.source === before && Object.keys(read).length && !$('#alert').hidden) {
      await load({}, [{ key: 'view.changed.readOptions', params: {} }]);
    }
  } catch (err) {
    showError(err, { kept: !!app.result });
  } finally {
    busy(-1);
  }
}

function openText(text) {
  if (!text || !text.trim()) {
    showError({ code: 'empty_paste', messageZh: t('paste.empty', null, 'zh-CN'), messageEn: t('paste.empty', null, 'en') });
    return Promise.resolve();
  }
  return loadSource({ kind: 'paste', name: t('source.paste'), text }, { read: {} }).then(() => {
    if (app.source && app.source.kind === 'paste' && $('#alert').hidden) {
      $('#paste-panel').hidden = true;
      $('#paste-toggle').setAttribute('aria-expanded', 'false');
    }
  });
}

function setupInputs() {
  const input = $('#file');
  $('#pick').addEventListener('click', () => input.click());
  input.addEventListener('change', () => {
    const files = input.files ? [...input.files] : [];
    openFiles(files).finally(() => {
      input.value = '';
    });
  });
  $('#demo').addEventListener('click', () => loadSource({ kind: 'demo', name: DEMO_NAME, text: DEMO_CSV }, { read: {} }));

  const panel = $('#paste-panel');
  $('#paste-toggle').addEventListener('click', () => {
    panel.hidden = !panel.hidden;
    $('#paste-toggle').setAttribute('aria-expanded', String(!panel.hidden));
    if (!panel.hidden) $('#paste-text').focus();
  });
  $('#paste-go').addEventListener('click', () => openText($('#paste-text').value));
  const closePaste = () => {
    panel.hidden = true;
    $('#paste-toggle').setAttribute('aria-expanded', 'false');
    $('#paste-toggle').focus();
  };
  $('#paste-close').addEventListener('click', closePaste);
  closeOnEscape([panel, $('#paste-toggle')], () => !panel.hidden, closePaste);

  // Cells pasted anywhere on the page (outside a text field) are analysed at once.
  document.addEventListener('paste', (e) => {
    const target = e.target;
    if (target instanceof HTMLElement && target.closest('input, textarea, select, [contenteditable]')) return;
    const text = e.clipboardData ? e.clipboardData.getData('text/plain') : '';
    if (!text || !/[\t\n]/.test(text)) return;
    e.preventDefault();
    openText(text);
  });

  // Drag and drop anywhere on the window.
  let depth = 0;
  const hasFiles = (e) => e.dataTransfer && [...e.dataTransfer.types].includes('Files');
  window.addEventListener('dragenter', (e) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    depth += 1;
    document.body.classList.add('dragging');
  });
  window.addEventListener('dragover', (e) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
  });
  window.addEventListener('dragleave', () => {
    depth = Math.max(0, depth - 1);
    if (depth === 0) document.body.classList.remove('dragging');
  });
  window.addEventListener('drop', (e) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    depth = 0;
    document.body.classList.remove('dragging');
    openFiles([...e.dataTransfer.files]);
  });
}

function setupOutputs() {
  $('#export-csv').addEventListener('click', () => exportCsv('utf-8'));
  $('#export-csv-gb').addEventListener('click', () => exportCsv('gb18030'));
  $('#export-json').addEventListener('click', exportJson);
  $('#export-print').addEventListener('click', () => window.print());
  $('#export-png').addEventListener('click', () => exportChart('png'));
  $('#export-svg').addEventListener('click', () => exportChart('svg'));
  $('#paragraph-copy').addEventListener('click', copyParagraph);
  $('#chart-kind').addEventListener('change', (e) => {
    app.chart.kind = e.target.value;
    renderChart();
    writeHash();
  });
  $('#chart-swap').addEventListener('change', (e) => {
    app.chart.swap = e.target.checked;
    renderChart();
    writeHash();
  });
  // A4 print: give the chart the printed width while printing.
  window.addEventListener('beforeprint', () => app.chartView.resize({ width: 680, height: 360 }));
  window.addEventListener('afterprint', () => app.chartView.resize());
}

function setupLanguage() {
  $('#lang').addEventListener('change', (e) => {
    setLang(e.target.value);
    try {
      localStorage.setItem(LANG_KEY, getLang());
    } catch (_) { /* storage may be off for file:// */ }
    applyStaticText();
    if (app.schema) {
      renderSource({ open: !!document.querySelector('#understood-details[open]') });
      app.controls.render(app.schema, app.values, app.spec);
    }
    if (app.result) renderResult();
    if (app.checks.state !== 'none') renderFindings();
    writeHash();
  });
}

/* ---------- start ---------- */

const progress = new Progress($('#progress'), async () => {
  progress.hide();
  await app.engine.cancel();
});

async function boot() {
  setState('booting');
  const hash = parseHash(location.hash);
  let stored = null;
  try {
    stored = localStorage.getItem(LANG_KEY);
  } catch (_) { /* ignore */ }
  setLang(hash.lang || stored || 'zh-CN');
  app.pendingHash = hash.spec;
  app.pendingRead = hash.read;
  if (hash.chart) app.chart.kind = hash.chart;
  app.chart.swap = hash.swap;
  applyStaticText();

  app.controls = new Controls($('#view-form'), onSpecChange, () => onSpecChange(defaultSpec(app.schema)));
  app.understood = new Understood($('#understood'), (read) => reread(read));
  app.findingsPanel = new FindingsPanel($('#findings'), (read) => reread(read));
  app.chartView = new ChartView($('#chart'));
  app.cellNotes = setupCellNotes($('#table-wrap'), $('#cell-note'));
  foldControls($('#view-details'));
  setupInputs();
  setupOutputs();
  setupLanguage();
  window.addEventListener('hashchange', () => {
    const next = parseHash(location.hash);
    if (next.spec && app.schema && specFits(next.spec, app.schema)) {
      app.spec = next.spec;
      app.controls.render(app.schema, app.values, app.spec);
      analyse();
    }
  });

  const assets = self.AIDSTAT_ENGINE;
  if (!assets) {
    showError({ code: 'no_engine', messageZh: t('error.noBuild', null, 'zh-CN'), messageEn: t('error.noBuild', null, 'en') });
    return;
  }
  progress.show('starting');
  try {
    const preferWorker = !/[?&]worker=off\b/.test(location.search);
    app.engine = new Engine(assets, { onProgress: (phase, fraction = null) => progress.show(phase, fraction), preferWorker, onCrash: recoverFromCrash });
    await app.engine.start();
    document.documentElement.dataset.engine = app.engine.mode;
    // ?debug=crash: a hook for tests/browser/crash.test.mjs to make the engine panic (docs/PAGE.md).
    if (/[?&]debug=crash\b/.test(location.search)) window.aidstatCrashTest = () => app.engine.crashTest().catch(() => {});
  } catch (err) {
    progress.hide();
    const m = (err && err.message) || String(err);
    // Chromium before 97 compiles wasm under a CSP only with 'unsafe-eval', which the page does not allow.
    const key = /disallowed by embedder|Content Security Policy|unsafe-eval/i.test(m) ? 'error.engineOld' : 'error.engine';
    showError({ code: 'engine_start', messageZh: t(key, { m }, 'zh-CN'), messageEn: t(key, { m }, 'en') });
    return;
  }
  applyStaticText();
  // The first screen: the demo, analysed (in the view of the link, if it fits).
  await loadSource({ kind: 'demo', name: DEMO_NAME, text: DEMO_CSV }, { read: {}, spec: hash.spec });
}

boot();
