// Loading data into the engine and analysing it: a view fitted to new data,
// the checks run slice by slice after the first figures, a view changed by
// the analyst.
import { t } from '../i18n.js';
import { autoPrecision, defaultSpec, engineSpec, fitSpec, specFits } from '../view.js';
import { clearResult, renderFindings, renderResult, renderSource, renderTableOnly } from './draw.js';
import { $, app, busy, clearError, progress, showError, status, writeHash } from './state.js';

export function loadOptions(read) {
  const opts = {};
  for (const k of ['encoding', 'delimiter', 'headerLine', 'defaultUnit']) if (read[k]) opts[k] = read[k];
  if (read.columns && Object.keys(read.columns).length) opts.columns = read.columns;
  // Accepted corrections of findings (ui/findings.js), kept in the hash with the rest.
  if (Array.isArray(read.corrections) && read.corrections.length) opts.corrections = read.corrections;
  if (read.relabel && typeof read.relabel === 'object' && Object.keys(read.relabel).length) opts.relabel = read.relabel;
  // Years across the top read as they stand (load option wide: false).
  if (read.wide === false) opts.wide = false;
  // A workbook's sheet, by name (ui/understood.js offers the sheets).
  if (typeof read.sheet === 'string' || Number.isInteger(read.sheet)) opts.sheet = read.sheet;
  return opts;
}

export function readFile(file) {
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
export async function loadSource(src, { read = {}, spec = null, notes = [] } = {}) {
  clearError();
  busy(+1);
  if (src.file) progress.show('reading', 0);
  else progress.show('parsing');
  try {
    const what = src.items ? { items: src.items } : src.file ? { file: src.file } : src.bytes ? { bytes: src.bytes } : { text: src.text };
    const res = await app.engine.load(what, loadOptions(read));
    app.previousKind = app.source ? app.source.kind : null;
    app.source = { kind: src.kind, name: src.name };
    if (src.kind !== 'file' && src.kind !== 'files') app.files = null;
    // 添加文件 is offered once a file is open.
    $('#add-file').hidden = src.kind !== 'file' && src.kind !== 'files';
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
export async function analyseNewData(notes = []) {
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
export function acceptSchema(res, wanted) {
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
export function showViewChanges(extra = []) {
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

export async function reread(read) {
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

/**
 * Runs the checks of the table just loaded, after its first result is shown,
 * one slice at a time: an analysis the analyst asks for meanwhile is answered
 * between two slices, so no control waits for the checks.
 */
export async function runChecks() {
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

/**
 * Computes the view and draws it; resolves true when it was drawn. With
 * `fresh` (new data), a failure clears the old figures, so the header and
 * the figures always belong to the same data.
 */
export async function analyse({ recovering = false, fresh = false } = {}) {
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

export function onSpecChange(spec) {
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
