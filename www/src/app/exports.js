// Exports of the view on screen: CSV (UTF-8 with a BOM, or GB18030), JSON,
// Excel, PNG and SVG of the chart; and the Word report of the views added to it.
import { csvUtf8, toCsv } from '../export/csv.js';
import { dataUrlToBlob, download, fileName } from '../export/download.js';
import { getLang, t } from '../i18n.js';
import { resultTitle } from '../render/labels.js';
import { tableRows } from '../render/table.js';
import { moved, renderReport } from '../ui/report.js';
import { $, app, progress, showError, status } from './state.js';

export async function exportCsv(encoding) {
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

/** The view on screen as an Excel workbook: figures as numbers, a 说明 sheet. */
export async function exportXlsx() {
  let bytes;
  try {
    bytes = await app.engine.xlsx(app.result, {
      title: resultTitle(app.result),
      lang: getLang(),
      paragraph: $('#paragraph-text').textContent || null,
      fileName: app.source ? app.source.name : null,
    });
  } catch (err) {
    showError(err, { kept: true });
    return;
  } finally {
    progress.hide();
  }
  const name = fileName(resultTitle(app.result), 'xlsx');
  download(name, bytes, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  status(t('export.done', { f: name }));
}

/** The view on screen as one entry of a Word report: what it shows now, its chart as a PNG. */
function reportItem() {
  const title = resultTitle(app.result);
  return {
    title,
    result: app.result,
    schema: app.schema,
    options: {
      title,
      paragraph: $('#paragraph-text').textContent || null,
      fileName: app.source ? app.source.name : null,
      chart: app.chartView ? app.chartView.exportImage('png') : null,
      caption: title,
      // The checks not accepted as corrections (accepted ones are gone from the list).
      findings: app.checks.state === 'done' ? app.checks.list : undefined,
    },
  };
}

/** Draws the report's list (after a change, or in another language). */
export function drawReport(focus) {
  renderReport($('#report'), app.report, {
    move: (i, delta) => {
      app.report = moved(app.report, i, delta);
      drawReport({ index: i + delta, action: delta < 0 ? 'up' : 'down' });
    },
    remove: (i) => {
      app.report = app.report.filter((_, k) => k !== i);
      drawReport({ index: Math.min(i, app.report.length - 1), action: 'remove' });
      if (!app.report.length) $('#report-add').focus();
    },
    clear: () => {
      app.report = [];
      drawReport();
      $('#report-add').focus();
    },
  });
  if (focus && focus.index >= 0) {
    const li = $('#report').querySelectorAll('li')[focus.index];
    const b = li && (li.querySelector(`[data-action="${focus.action}"]:not([disabled])`) || li.querySelector('button:not([disabled])'));
    if (b) b.focus();
  }
}

/** Adds the view on screen to the report. */
export function addToReport() {
  if (!app.result) return;
  app.report = [...app.report, reportItem()];
  drawReport();
  status(t('report.added', { v: app.report[app.report.length - 1].title, n: app.report.length }));
}

/** The report as a Word document: the views added to it, or else the view on screen. */
export async function exportDocx() {
  const items = app.report.length ? app.report : [reportItem()];
  let bytes;
  try {
    bytes = await app.engine.docx(items.map(({ result, schema, options }) => ({ result, schema, options })), { lang: getLang() });
  } catch (err) {
    showError(err, { kept: true });
    return;
  } finally {
    progress.hide();
  }
  const name = fileName(items.length > 1 ? t('report.fileName') : items[0].title, 'docx');
  download(name, bytes, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
  status(t('export.done', { f: name }));
}

export function exportJson() {
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

export function exportChart(type) {
  const out = app.chartView.exportImage(type);
  if (!out) return;
  const name = fileName(resultTitle(app.result), type);
  if (type === 'svg') download(name, out, 'image/svg+xml');
  else download(name, dataUrlToBlob(out));
  status(t('export.done', { f: name }));
}
