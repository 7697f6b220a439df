// Bringing data (file chooser, drop, paste, demo) and wiring the outputs and
// the language switch.
import DEMO_CSV from 'virtual:demo';
import { getLang, setLang, t } from '../i18n.js';
import { closeOnEscape } from '../ui/access.js';
import { loadSource, readFile } from './analysis.js';
import { applyStaticText, copyParagraph, renderChart, renderFindings, renderResult, renderSource } from './draw.js';
import { addToReport, drawReport, exportChart, exportCsv, exportDocx, exportJson, exportXlsx } from './exports.js';
import { $, app, busy, DEMO_NAME, LANG_KEY, progress, showError, writeHash } from './state.js';

/**
 * Files chosen or dropped: one is opened as it is; several are read into one
 * table (a column 来源文件 names each row's file), as are files added with
 * 添加文件 to those already open.
 */
export async function openFiles(files, { add = false } = {}) {
  if (!files.length) return;
  const before = add && app.files ? app.files : [];
  const all = [...before, ...files];
  if (all.length === 1) {
    await openFile(all[0]);
    if (app.source && app.source.kind === 'file') app.files = [all[0]];
    return;
  }
  busy(+1);
  try {
    app.loadingBytes = all.reduce((n, f) => n + f.size, 0);
    progress.show('reading', 0);
    const name = t('source.files', { n: all.length, first: all[0].name });
    await loadSource({ kind: 'files', name, items: all.map((f) => ({ file: f, name: f.name })) }, { read: app.pendingRead || {} });
    app.pendingRead = null;
    if (app.source && app.source.kind === 'files') app.files = all;
  } catch (err) {
    showError(err, { kept: !!app.result });
  } finally {
    busy(-1);
  }
}

export async function openFile(file) {
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
    if (app.source !== before && app.source.kind === 'file') app.files = [file];
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

export function openText(text) {
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

export function setupInputs() {
  const input = $('#file');
  $('#pick').addEventListener('click', () => input.click());
  input.addEventListener('change', () => {
    const files = input.files ? [...input.files] : [];
    openFiles(files).finally(() => {
      input.value = '';
    });
  });
  // 添加文件: more files into what is loaded (one table, by 来源文件).
  const more = $('#file-add');
  $('#add-file').addEventListener('click', () => more.click());
  more.addEventListener('change', () => {
    const files = more.files ? [...more.files] : [];
    openFiles(files, { add: true }).finally(() => {
      more.value = '';
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

export function setupOutputs() {
  $('#export-csv').addEventListener('click', () => exportCsv('utf-8'));
  $('#export-csv-gb').addEventListener('click', () => exportCsv('gb18030'));
  $('#export-json').addEventListener('click', exportJson);
  $('#export-xlsx').addEventListener('click', exportXlsx);
  $('#export-docx').addEventListener('click', exportDocx);
  $('#report-add').addEventListener('click', addToReport);
  $('#export-print').addEventListener('click', () => window.print());
  $('#export-png').addEventListener('click', () => exportChart('png'));
  $('#export-svg').addEventListener('click', () => exportChart('svg'));
  $('#paragraph-copy').addEventListener('click', copyParagraph);
  $('#chart-kind').addEventListener('change', (e) => {
    app.chart.kind = e.target.value;
    renderChart();
    writeHash();
  });
  // Decal patterns for colour-blind readers (kept for later charts and exports).
  $('#chart-decal').addEventListener('change', (e) => app.chartView.setDecal(e.target.checked));
  $('#chart-swap').addEventListener('change', (e) => {
    app.chart.swap = e.target.checked;
    renderChart();
    writeHash();
  });
  // A4 print: give the chart the printed width while printing.
  window.addEventListener('beforeprint', () => app.chartView.resize({ width: 680, height: 360 }));
  window.addEventListener('afterprint', () => app.chartView.resize());
}

export function setupLanguage() {
  $('#lang').addEventListener('change', (e) => {
    setLang(e.target.value);
    try {
      localStorage.setItem(LANG_KEY, getLang());
    } catch (_) { /* storage may be off for file:// */ }
    applyStaticText();
    drawReport();
    if (app.schema) {
      renderSource({ open: !!document.querySelector('#understood-details[open]') });
      app.controls.render(app.schema, app.values, app.spec);
    }
    if (app.result) renderResult();
    if (app.checks.state !== 'none') renderFindings();
    writeHash();
  });
}
