// "What was understood": encoding, delimiter, header line, each column's
// role and unit, rows set aside and why, with the corrections an analyst can
// make (a role, a unit, how to read the file).
import { h, select, uid, replace } from '../dom.js';
import { t, engineMessage, has } from '../i18n.js';
import { UNITS } from '../view.js';

const ROLES = ['period', 'dimension', 'measure', 'ignore'];
const COUNT_UNITS = ['人', '人次', '个', '项'];
const ENCODINGS = ['utf-8', 'gbk', 'gb18030', 'big5', 'utf-16le', 'utf-16be'];
const DELIMITERS = [',', '\t', ';', '|'];
const MAX_LISTED = 200;

function delimiterName(d) {
  return has(`delim.${d}`) ? t(`delim.${d}`) : JSON.stringify(d);
}

/** Short chips describing how the file was read. */
export function sourceChips(schema, read = {}, diag = null) {
  const s = schema.source;
  const chips = [];
  if (s.sheet !== undefined) {
    chips.push(t('source.workbook', { f: s.format }), t('source.sheet', { s: s.sheet }));
  } else if (s.encodingDetected) chips.push(`${s.encoding}（${t('source.detected')}）`);
  else if (read.encoding) chips.push(`${s.encoding}（${t('source.given')}）`);
  else chips.push(s.encoding);
  if (s.format === 'json') chips.push(t('fmt.json'));
  else if (s.delimiter) chips.push(delimiterName(s.delimiter));
  if (s.headerLine) chips.push(t('source.header', { n: s.headerLine }));
  if (s.skippedLines && s.skippedLines.length) chips.push(t('source.skipped', { n: s.skippedLines.length }));
  if (s.unitLine) chips.push(t('source.unitLine', { u: s.unitLine.unit }));
  chips.push(t('source.loaded', { n: schema.rowsLoaded }));
  // The rows the view on screen set aside (the file's plus the bad cells of its
  // measure), so every count of them on the page is one number.
  const aside = diag ? diag.setAside : schema.setAside;
  if (aside.length) chips.push(t('source.setAside', { n: asideTotal(diag || schema) }));
  if (s.decodeErrors) chips.push(t('source.decodeErrors', { n: s.decodeErrors }));
  return chips;
}

function reasonOf(item) {
  const msg = engineMessage(item);
  if (msg) return msg;
  return has(`aside.${item.reason}`) ? t(`aside.${item.reason}`) : item.reason;
}

/** How many rows were set aside: the engine lists the first 1,000 and counts them all. */
export function asideTotal(d) {
  return Math.max(d.setAside.length, Number.isInteger(d.setAsideTotal) ? d.setAsideTotal : 0);
}

/** The rows set aside as a table (the first MAX_LISTED), `total` counting all of them. */
export function setAsideTable(items, total = items.length) {
  const body = items.slice(0, MAX_LISTED).map((it) => h('tr', null,
    h('td', { class: 'as-num' }, String(it.line)),
    h('td', null, reasonOf(it)),
    h('td', null, it.column || ''),
    h('td', { class: 'raw' }, h('code', null, it.raw || ''))));
  return [
    h('table', { class: 'plain' },
      h('thead', null, h('tr', null, ...['line', 'reason', 'column', 'raw'].map((k) => h('th', { scope: 'col' }, t(`understood.th.${k}`))))),
      h('tbody', null, body)),
    total > body.length ? h('p', { class: 'hint' }, t('understood.more', { n: total - body.length })) : null,
  ];
}

/**
 * A workbook of several sheets: a labelled list of them (hidden ones marked),
 * the one read chosen; `onPick(name)` when another is chosen. Null otherwise.
 */
export function sheetPicker(schema, onPick) {
  const s = schema.source;
  if (s.sheet === undefined || !Array.isArray(s.sheets) || s.sheets.length < 2) return null;
  const sel = select({ name: 'sheet', id: uid('sheet') }, s.sheets.map((x) => {
    const size = t('understood.sheetSize', { s: x.name, r: x.rows, c: x.columns });
    return [x.name, x.hidden ? t('understood.sheetHidden', { s: size }) : size];
  }), s.sheet);
  sel.addEventListener('change', () => onPick(sel.value));
  return h('span', { class: 'sheet-picker' }, h('label', { for: sel.id }, t('understood.sheet')), ' ', sel);
}

export class Understood {
  /**
   * @param {HTMLElement} root container
   * @param {(read: object) => void} onRead called with new reading options
   */
  constructor(root, onRead) {
    this.root = root;
    this.onRead = onRead;
    this.read = {};
  }

  /**
   * @param {object} schema
   * @param {object} read the reading options
   * @param {{open?: boolean, diag?: object|null}} [opts] `diag`: the diagnostics of the view on screen
   */
  render(schema, read, { open = false, diag = null } = {}) {
    this.read = JSON.parse(JSON.stringify(read || {}));
    const s = schema.source;
    const details = h('details', { class: 'understood', open: open || null, id: 'understood-details' },
      h('summary', null, t('understood.summary', { n: schema.columns.length })));

    // How the file is read.
    const enc = select({ name: 'encoding' }, [['', t('understood.auto')], ...ENCODINGS.map((e) => [e, e.toUpperCase()])], this.read.encoding || '');
    const delim = select({ name: 'delimiter' }, [['', t('understood.auto')], ...DELIMITERS.map((d) => [d, delimiterName(d)])], this.read.delimiter || '');
    const header = h('input', { type: 'number', name: 'headerLine', min: 1, step: 1, value: this.read.headerLine ? String(this.read.headerLine) : '', placeholder: s.headerLine ? String(s.headerLine) : '', inputmode: 'numeric' });
    const defUnit = select({ name: 'defaultUnit' }, [['', t('understood.auto')], ...UNITS.map((u) => [u, u])], this.read.defaultUnit || '');
    const labelled = (text, control) => {
      control.id = uid('r');
      return h('div', { class: 'field' }, h('label', { for: control.id }, text), control);
    };
    const book = s.sheet !== undefined;
    const readForm = h('div', { class: 'read-options' },
      book ? null : labelled(t('understood.encoding'), enc),
      s.format === 'json' || book ? null : labelled(t('understood.delimiter'), delim),
      s.format === 'json' ? null : labelled(t('understood.headerLine'), header),
      labelled(t('understood.defaultUnit'), defUnit),
      h('div', { class: 'read-actions' },
        h('button', { type: 'button', class: 'btn', onclick: () => {
          const next = { ...this.read };
          for (const [k, el] of [['encoding', enc], ['delimiter', delim], ['defaultUnit', defUnit]]) {
            if (el.value) next[k] = el.value;
            else delete next[k];
          }
          const n = Number.parseInt(header.value, 10);
          if (Number.isInteger(n) && n > 0) next.headerLine = n;
          else delete next.headerLine;
          this.onRead(next);
        } }, t('understood.reread')),
        Object.keys(this.read).length ? h('button', { type: 'button', class: 'btn btn-quiet', onclick: () => this.onRead({}) }, t('understood.resetOverrides')) : null));

    // Years across the top were read as one measure by period: a switch to undo it (and back).
    const unpivoted = (schema.warnings || []).find((w) => w.code === 'wide_unpivoted');
    if (unpivoted || this.read.wide === false) {
      const next = { ...this.read };
      if (unpivoted) next.wide = false;
      else delete next.wide;
      readForm.append(h('p', { class: 'wide-note' },
        unpivoted ? engineMessage(unpivoted) : t('understood.wideOff'), ' ',
        h('button', { type: 'button', class: 'btn btn-small', dataset: { action: 'wide' }, onclick: () => this.onRead(next) },
          t(unpivoted ? 'understood.wideUndo' : 'understood.wideRedo'))));
    }

    // Each column: role and unit, with what was seen in it.
    const colRows = schema.columns.map((c) => {
      const roleSel = select({ 'aria-label': t('understood.roleOf', { c: c.name }), dataset: { column: c.name, what: 'role' } }, ROLES.map((r) => [r, t(`role.${r}`)]), c.role);
      let unitCell = '';
      if (c.role === 'measure') {
        const units = [...UNITS, ...COUNT_UNITS];
        const opts = [['', t('unit.none')], ...units.map((u) => [u, u])];
        if (c.unit && !units.includes(c.unit)) opts.push([c.unit, c.unit]);
        const unitSel = select({ 'aria-label': t('understood.unitOf', { c: c.name }), dataset: { column: c.name, what: 'unit' } }, opts, c.unit || '');
        unitCell = h('div', null, unitSel, c.unitSource ? h('span', { class: 'hint' }, t('understood.col.unitFrom', { s: t(`unitSource.${c.unitSource}`) })) : null);
      }
      const stats = `${c.distinct} / ${c.nulls} / ${c.bad}${c.approx ? ` · ≈${c.approx}` : ''}`;
      return h('tr', { class: c.bad ? 'has-bad' : null },
        h('th', { scope: 'row' }, c.name),
        h('td', null, roleSel),
        h('td', null, unitCell),
        h('td', { class: 'as-num' }, stats),
        h('td', { class: 'sample' }, c.sample.join('、')));
    });
    const colTable = h('table', { class: 'plain columns-table' },
      h('thead', null, h('tr', null, ...['name', 'role', 'unit', 'stats', 'sample'].map((k) => h('th', { scope: 'col' }, t(`understood.col.${k}`))))),
      h('tbody', null, colRows));
    colTable.addEventListener('change', (e) => {
      const el = e.target;
      if (!(el instanceof HTMLSelectElement) || !el.dataset.column) return;
      const next = JSON.parse(JSON.stringify(this.read));
      next.columns = next.columns || {};
      const entry = next.columns[el.dataset.column] || {};
      if (el.dataset.what === 'role') entry.role = el.value;
      else if (el.value) entry.unit = el.value;
      else delete entry.unit;
      next.columns[el.dataset.column] = entry;
      this.onRead(next);
    });

    const parts = [h('div', { class: 'table-scroll' }, colTable), h('h3', null, t('understood.reading')), readForm];
    if (s.skippedLines && s.skippedLines.length) {
      parts.push(h('h3', null, t('understood.skippedLines')), h('ul', { class: 'lines' }, s.skippedLines.map((l) => h('li', null, h('span', { class: 'line-no' }, t('understood.line', { n: l.line })), ' ', h('code', null, l.text)))));
    }
    parts.push(h('h3', null, t('understood.setAside')));
    const aside = diag ? diag.setAside : schema.setAside;
    if (aside.length) parts.push(h('div', { class: 'table-scroll' }, setAsideTable(aside, asideTotal(diag || schema))));
    else if (diag && diag.rowsUsed < diag.rowsRead) parts.push(h('p', { class: 'hint' }, t('understood.noneSetAsideSome', { used: diag.rowsUsed, read: diag.rowsRead })));
    else parts.push(h('p', { class: 'hint' }, t('understood.noneSetAside')));
    if (schema.warnings && schema.warnings.length) {
      parts.push(h('h3', null, t('understood.warnings')), h('ul', { class: 'warnings' }, schema.warnings.map((w) => {
        const msg = engineMessage(w);
        // The line, unless the message already names it ("第 2 行：第 2 行…" otherwise).
        const named = w.line && (msg.includes(`第 ${w.line} 行`) || msg.includes(`第 ${w.line} 列`) || msg.includes(`line ${w.line}`));
        return h('li', null, w.line && !named ? `${t('understood.line', { n: w.line })}${t('punct.colon')}` : '', msg);
      })));
    }
    details.append(h('div', { class: 'understood-body' }, parts));
    replace(this.root, details);
  }
}
