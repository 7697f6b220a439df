// The page's state and its signals: the one `app` object, the page's
// data-state for people and tests, the status line, the alert, the progress
// bar and the view in the URL hash.
import { h, replace } from '../dom.js';
import { engineMessage, getLang, t } from '../i18n.js';
import { Progress } from '../ui/progress.js';
import { formatHash } from '../view.js';

export const DEMO_NAME = 'huadu_qingxin.csv';

export const LANG_KEY = 'aidstat.lang';

export const MAX_TABLE_ROWS = 2000;

export const $ = (sel) => document.querySelector(sel);

export const app = {
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
  files: null, // the File objects loaded (one or several), for 添加文件

  chartView: null,
  cellNotes: null, // the note under the table of a tapped cell (ui/access.js)
  checks: { id: 0, state: 'none', list: [] }, // table.findings() of the loaded table
  report: [], // views added to the Word report (app/exports.js), in order
  busy: 0,
  recovering: false,
};

export function setState(state) {
  document.documentElement.dataset.state = state;
}

/** busy while work is under way; then error (an alert is shown), ready (a result is drawn) or booting. */
export function updateState() {
  if (app.busy > 0) setState('busy');
  else if (!$('#alert').hidden) setState('error');
  else setState(app.result ? 'ready' : 'booting');
}

export function busy(delta) {
  app.busy = Math.max(0, app.busy + delta);
  if (app.busy === 0) progress.hide();
  updateState();
}

export function status(text) {
  $('#status').textContent = text;
}

export function showError(err, { kept = false } = {}) {
  const box = $('#alert');
  const msg = err && err.code === 'engine_crashed' ? t('error.crashed') : engineMessage(err) || String(err && err.message ? err.message : err);
  let where = '';
  // The line, unless the message already names it.
  const named = err && err.line && (msg.includes(`第 ${err.line} 行`) || msg.includes(`line ${err.line}`));
  if (err && err.line && !named) where = t('error.at', { l: err.line, c: err.column ? t('error.atCol', { c: err.column }) : '' });
  // Shown first, then filled: a live region announces what is written into it.
  box.hidden = false;
  replace(box,
    h('strong', null, t('error.title')), ' ',
    h('span', { 'data-role': 'message' }, msg + where),
    kept ? h('span', null, ' ', t('error.keptPrevious')) : null,
    h('button', { type: 'button', class: 'btn btn-small', onclick: () => clearError({ refocus: true }) }, t('error.dismiss')));
  box.dataset.code = (err && err.code) || 'error';
  delete box.dataset.recovery;
  updateState();
}

/** Hides the alert; with `refocus` (its 关闭 button), the focus goes to 选择文件… instead of the page's top. */
export function clearError({ refocus = false } = {}) {
  const box = $('#alert');
  const inside = box.contains(document.activeElement);
  box.hidden = true;
  if (refocus && inside && $('#pick')) $('#pick').focus();
  updateState();
}

export function writeHash() {
  const hash = formatHash({ spec: app.spec, read: app.read, chart: app.chart.kind, swap: app.chart.swap, lang: getLang() });
  const url = `${location.pathname}${location.search}#${hash}`;
  try {
    history.replaceState(null, '', url);
  } catch (_) {
    location.replace(`#${hash}`);
  }
}

export const progress = new Progress($('#progress'), async () => {
  progress.hide();
  await app.engine.cancel();
});
