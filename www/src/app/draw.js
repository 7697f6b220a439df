// Drawing what the engine answered: the source line and 数据识别, the result
// table, diagnostics, chart, report paragraph and the checks panel.
import { h, replace } from '../dom.js';
import { engineMessage, getLang, LANGS, t } from '../i18n.js';
import { chartKindLabel, chartKinds } from '../render/chart.js';
import { resultSubtitle, resultTitle } from '../render/labels.js';
import { renderTable } from '../render/table.js';
import { focusableReasons } from '../ui/access.js';
import { badgeTable } from '../ui/findings.js';
import { asideTotal, setAsideTable, sheetPicker, sourceChips } from '../ui/understood.js';
import { $, app, MAX_TABLE_ROWS, progress, status } from './state.js';

export function renderSource({ open } = {}) {
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
    h('ul', { class: 'chips', 'aria-label': t('understood.heading') }, sourceChips(s, app.read, diag).map((c) => h('li', null, c))),
    sheetPicker(s, (sheet) => app.understood.onRead({ sheet })));
  $('#demo-note').hidden = app.source.kind !== 'demo';
  app.understood.render(s, app.read, { open, diag });
}

export function renderResult() {
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

export function renderTableOnly() {
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

export function tableNote(table) {
  const shown = Number(table.dataset.rowsShown);
  const total = Number(table.dataset.rowsTotal);
  $('#table-note').textContent = shown < total ? t('result.truncated', { n: shown, m: total }) : '';
}

export function renderDiagnostics() {
  const d = app.result.diagnostics;
  const bits = [t('result.rows', { used: d.rowsUsed, read: d.rowsRead })];
  if (d.filteredOut) bits.push(t('result.filteredOut', { n: d.filteredOut }));
  if (d.setAside && d.setAside.length) bits.push(t('source.setAside', { n: asideTotal(d) }));
  if (d.nulls && d.nulls.count) bits.push(t('result.nulls', { n: d.nulls.count }));
  if (d.approximate && d.approximate.count) bits.push(t('result.approx', { n: d.approximate.count }));
  const parts = [h('p', { class: 'diag-line' }, bits.join(' · '))];
  const findings = app.result.findings || [];
  if (findings.length) {
    parts.push(h('h3', null, t('understood.findings')), h('ul', { class: 'findings' }, findings.map((f) => h('li', { class: `finding finding-${f.severity}` }, engineMessage(f)))));
  }
  if (d.setAside && d.setAside.length) {
    parts.push(h('details', { class: 'aside-details' }, h('summary', null, t('understood.setAside')), h('div', { class: 'table-scroll' }, setAsideTable(d.setAside, asideTotal(d)))));
  }
  if (d.warnings && d.warnings.length) parts.push(h('ul', { class: 'warnings' }, d.warnings.map((w) => h('li', null, engineMessage(w)))));
  replace($('#diagnostics'), ...parts);
}

export function renderChart() {
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
  const para = paragraphIn(r.paragraph, getLang());
  $('#chart-desc').textContent = drawn.empty ? notes[0] : t('chart.desc', { k: chartKindLabel(drawn.kind, r), p: [para, ...notes].filter(Boolean).join(' ') });
  replace($('#chart-notes'), ...notes.map((n) => h('span', null, n)));
  $('#chart-swap').disabled = !r.colDim || drawn.kind === 'donut' || drawn.kind === 'summary';
  for (const b of document.querySelectorAll('[data-needs-chart]')) b.disabled = drawn.empty;
}

/** The engine's paragraph in a language: zh, zhTw (template words in 繁體, the file's labels as written) or en. */
function paragraphIn(p, lang) {
  if (!p) return '';
  return (lang === 'en' ? p.en : lang === 'zh-TW' ? p.zhTw || p.zh : p.zh) || '';
}

/** The engine's paragraph of this view, in the page's language. */
export function renderParagraph() {
  const text = paragraphIn(app.result && app.result.paragraph, getLang());
  $('#paragraph-text').textContent = text;
  $('#paragraph').hidden = !text;
}

export function copyByTextarea(text) {
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

export async function copyParagraph() {
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

export function renderFindings() {
  app.findingsPanel.render({ state: app.checks.state, findings: app.checks.list, read: app.read, progress: app.checks.progress });
  $('#findings').dataset.state = app.checks.state;
}

/** No figures on screen (the data they came from is gone). */
export function clearResult() {
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

export function applyStaticText() {
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
