// Exports of the view on screen: CSV (UTF-8 with a BOM, or GB18030), JSON,
// PNG and SVG of the chart.
import { csvUtf8, toCsv } from '../export/csv.js';
import { dataUrlToBlob, download, fileName } from '../export/download.js';
import { getLang, t } from '../i18n.js';
import { resultTitle } from '../render/labels.js';
import { tableRows } from '../render/table.js';
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
