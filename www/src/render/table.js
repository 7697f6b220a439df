// The result table: one model, drawn as DOM (page and embed) and written as
// CSV. Data rows can be sorted within their group; subtotals and totals stay
// where they belong.
import { h } from '../dom.js';
import { reasonText, t } from '../i18n.js';
import { compareDecimal } from './decimal.js';
import { columnLabel, figureText, figureTitle, rowLabel, subColumns, subLabel, unitLabel } from './labels.js';

/** CSS class names, kept in one place. */
export const CLS = {
  table: 'as-table',
  num: 'as-num',
  empty: 'as-empty',
  isNew: 'as-new',
  repeat: 'as-repeat',
  data: 'as-row-data',
  subtotal: 'as-row-subtotal',
  total: 'as-row-total',
  totalCol: 'as-col-total',
  flag: 'as-flag',
  sort: 'as-sort',
  group: 'as-group-start',
};

/**
 * The leaf columns of a result, each with a way to read its figure from a row.
 * @returns {{type: string, label: string, flat: string, fig?: (row) => any, key?: number, colIndex?: number}[]}
 */
export function leafColumns(result) {
  const depth = result.rowDims.length;
  const leaves = [];
  if (depth === 0) leaves.push({ type: 'label', label: '', flat: '' });
  result.rowDims.forEach((name, i) => leaves.push({ type: 'dim', label: name, flat: name, key: i }));
  const unit = unitLabel(result.measure.unit);
  result.columns.forEach((col, ci) => {
    for (const sub of subColumns(result, col)) {
      const s = subLabel(sub, result);
      const withUnit = sub === 'value' && unit ? `${s}（${unit}）` : s;
      const flat = result.colDim ? `${columnLabel(col)} ${withUnit}` : (result.columns.length > 1 ? `${columnLabel(col)} ${withUnit}` : withUnit);
      leaves.push({
        type: sub,
        label: s,
        flat,
        colIndex: ci,
        colKind: col.kind,
        fig: (row) => (row.cells[ci] ? row.cells[ci][sub] : null),
      });
    }
  });
  const hasSummary = result.rows.some((r) => r.summary);
  if (hasSummary) {
    const label = summaryLabel(result);
    leaves.push({ type: 'summary', label, flat: label, fig: (row) => row.summary || null });
  }
  return leaves;
}

export function summaryLabel(result) {
  const g = result.spec.growth;
  const base = g === 'cagr' || g === 'average' ? t(`growth.${g}`) : result.summaryLabel || '';
  const p = result.periods || [];
  return p.length >= 2 ? t('result.summary', { l: base, a: p[0], b: p[p.length - 1] }) : base;
}

/** Sorts data rows within their groups. `sort` = {leaf, dir: 'asc'|'desc'} or null. */
export function sortRows(result, leaves, sort) {
  const rows = result.rows;
  if (!sort || !leaves[sort.leaf]) return rows;
  const leaf = leaves[sort.leaf];
  const depth = result.rowDims.length;
  if (depth === 0) return rows;
  const root = { children: [], map: new Map() };
  let subtotalFirst = null;
  const tail = [];
  for (const r of rows) {
    if (r.kind === 'total') {
      tail.push(r);
      continue;
    }
    const lvl = r.kind === 'data' ? depth : r.level;
    let node = root;
    for (let i = 0; i < lvl; i += 1) {
      const k = r.keys[i] === null || r.keys[i] === undefined ? '\u0000' : r.keys[i];
      let child = node.map.get(k);
      if (!child) {
        child = { key: k, children: [], map: new Map(), row: null, subtotal: null };
        node.map.set(k, child);
        node.children.push(child);
      }
      node = child;
    }
    if (r.kind === 'data') node.row = r;
    else {
      node.subtotal = r;
      if (subtotalFirst === null) subtotalFirst = node.children.length === 0;
    }
  }
  const dir = sort.dir === 'asc' ? 1 : -1;
  const valueOf = (node) => {
    const row = node.row || node.subtotal;
    if (!row) return null;
    if (leaf.type === 'dim') return { text: row.keys[leaf.key] ?? '' };
    const fig = leaf.fig(row);
    return fig && fig.exact !== null && fig.exact !== undefined ? { exact: fig.exact } : null;
  };
  const cmp = (a, b) => {
    const va = valueOf(a);
    const vb = valueOf(b);
    if (!va && !vb) return 0;
    if (!va) return 1;
    if (!vb) return -1;
    if (leaf.type === 'dim') return dir * va.text.localeCompare(vb.text, 'zh-Hans-CN');
    return dir * compareDecimal(va.exact, vb.exact);
  };
  const out = [];
  const walk = (node) => {
    const kids = node.children.slice().sort(cmp);
    for (const child of kids) {
      if (child.row) out.push(child.row);
      if (subtotalFirst && child.subtotal) out.push(child.subtotal);
      walk(child);
      if (!subtotalFirst && child.subtotal) out.push(child.subtotal);
    }
  };
  walk(root);
  out.push(...tail);
  return out.length === rows.length ? out : rows;
}

/** Text of a figure for CSV: thousands separators dropped so Excel reads a number. */
export function csvFigure(fig) {
  const text = figureText(fig);
  if (/^[-+]?\d{1,3}(,\d{3})+(\.\d+)?%?$/.test(text)) return text.replace(/,/g, '');
  return text;
}

/**
 * The table as rows of plain strings (header first), for CSV. A figure
 * column in which some figure carries a flag (a negative base, approximate
 * values …) is followed by a column of its own holding those flags in words,
 * so the CSV keeps what the page's `*` says.
 */
export function tableRows(result, sort) {
  const leaves = leafColumns(result);
  const rows = sortRows(result, leaves, sort);
  const flagged = leaves.map((leaf) => typeof leaf.fig === 'function' && rows.some((row) => {
    const fig = leaf.fig(row);
    return fig && fig.flags && fig.flags.length;
  }));
  const head = [];
  leaves.forEach((l, i) => {
    head.push(l.flat);
    if (flagged[i]) head.push(`${l.flat} ${t('result.flag')}`);
  });
  const out = [head];
  for (const row of rows) {
    const line = [];
    leaves.forEach((leaf, i) => {
      if (leaf.type === 'label') line.push(rowLabel(row));
      else if (leaf.type === 'dim') {
        if (row.kind === 'data') line.push(row.keys[leaf.key] ?? '');
        else line.push(leaf.key === 0 ? rowLabel(row) : '');
      } else {
        const fig = leaf.fig(row);
        line.push(csvFigure(fig));
        if (flagged[i]) line.push(((fig && fig.flags) || []).map((f) => reasonText(f)).join('；'));
      }
    });
    out.push(line);
  }
  return out;
}

function figureCell(fig, leaf) {
  const text = figureText(fig);
  const title = figureTitle(fig);
  const cls = [CLS.num];
  if (leaf.colKind === 'total') cls.push(CLS.totalCol);
  if (fig && (fig.exact === null || fig.exact === undefined)) cls.push(CLS.empty);
  if (fig && fig.reason === 'zero_base' && fig.text === '新增') cls.push(CLS.isNew);
  // data-col names the column for the page's note of a tapped cell (main.js).
  const td = h('td', { class: cls.join(' '), title: title || null, dataset: title ? { col: leaf.flat } : null }, text);
  if (fig && fig.flags && fig.flags.length) {
    td.append(h('sup', { class: CLS.flag, 'aria-label': title }, '*'));
  }
  if (fig && fig.exact === null && title) td.setAttribute('aria-label', text ? `${text}：${title}` : title);
  return td;
}

/**
 * Draws the table.
 * @param {object} result AnalysisResult
 * @param {{sort?: {leaf: number, dir: string}|null, onSort?: (sort) => void, caption?: string}} [opts]
 */
export function renderTable(result, opts = {}) {
  const leaves = leafColumns(result);
  const depth = result.rowDims.length;
  const subs = subColumns(result);
  const sort = opts.sort || null;
  const twoLevels = !!result.colDim || (subs.length > 1 && result.columns.length > 1);
  const table = h('table', { class: CLS.table });
  if (opts.caption) table.append(h('caption', { class: 'as-visually-hidden' }, opts.caption));
  const thead = h('thead');

  const sortHeader = (leafIndex, text, attrs = {}) => {
    const leaf = leaves[leafIndex];
    const active = sort && sort.leaf === leafIndex;
    const th = h('th', { scope: 'col', ...attrs, 'aria-sort': active ? (sort.dir === 'asc' ? 'ascending' : 'descending') : null });
    if (opts.onSort && leaf.type !== 'label' && depth > 0) {
      const next = !active ? { leaf: leafIndex, dir: leaf.type === 'dim' ? 'asc' : 'desc' } : sort.dir === (leaf.type === 'dim' ? 'asc' : 'desc') ? { leaf: leafIndex, dir: leaf.type === 'dim' ? 'desc' : 'asc' } : null;
      const btn = h('button', { type: 'button', class: CLS.sort, title: t('result.sortBy', { c: leaf.flat }), onclick: () => opts.onSort(next) }, text);
      btn.append(h('span', { class: 'as-sort-mark', 'aria-hidden': 'true' }, active ? (sort.dir === 'asc' ? '▲' : '▼') : '↕'));
      th.append(btn);
    } else if (leaf.type === 'label') th.append(h('span', { class: 'as-visually-hidden' }, t('result.rowHead')));
    else th.append(text);
    return th;
  };

  if (twoLevels) {
    const top = h('tr');
    const bottom = h('tr');
    let li = 0;
    for (; li < leaves.length && (leaves[li].type === 'dim' || leaves[li].type === 'label'); li += 1) {
      top.append(sortHeader(li, leaves[li].label, { rowspan: 2, class: 'as-dim-head' }));
    }
    result.columns.forEach((col) => {
      const n = subColumns(result, col).length;
      top.append(h('th', { scope: 'colgroup', colspan: n, class: `as-col-head${col.kind === 'total' ? ` ${CLS.totalCol}` : ''}` }, columnLabel(col)));
      for (let s = 0; s < n; s += 1, li += 1) {
        bottom.append(sortHeader(li, leaves[li].label, { class: `as-sub-head${col.kind === 'total' ? ` ${CLS.totalCol}` : ''}` }));
      }
    });
    for (; li < leaves.length; li += 1) top.append(sortHeader(li, leaves[li].label, { rowspan: 2, class: 'as-summary-head' }));
    thead.append(top, bottom);
  } else {
    const tr = h('tr');
    leaves.forEach((leaf, i) => {
      const text = leaf.type === 'value' && result.measure.unit ? `${leaf.label}（${result.measure.unit}）` : leaf.label;
      tr.append(sortHeader(i, text, { class: leaf.type === 'dim' || leaf.type === 'label' ? 'as-dim-head' : 'as-sub-head' }));
    });
    thead.append(tr);
  }
  table.append(thead);

  const tbody = h('tbody');
  let prevKeys = [];
  const all = sortRows(result, leaves, sort);
  // A table of many thousand rows would freeze the page: draw the first ones
  // (the totals always), the export holds them all.
  const max = opts.maxRows || Infinity;
  const shown = all.length > max ? [...all.slice(0, max), ...all.filter((r) => r.kind === 'total')] : all;
  table.dataset.rowsShown = String(Math.min(all.length, max));
  table.dataset.rowsTotal = String(all.length);
  for (const row of shown) {
    const tr = h('tr', { class: row.kind === 'data' ? CLS.data : row.kind === 'subtotal' ? CLS.subtotal : CLS.total, dataset: { level: String(row.level), kind: row.kind } });
    if (row.kind === 'data') {
      if (depth === 0) tr.append(h('th', { scope: 'row' }, row.label));
      let same = true;
      result.rowDims.forEach((_, i) => {
        const key = row.keys[i] ?? '';
        same = same && i < depth - 1 && prevKeys[i] === key;
        const th = h('th', { scope: 'row', class: same ? CLS.repeat : null }, key);
        tr.append(th);
      });
      if (prevKeys[0] !== undefined && prevKeys[0] !== (row.keys[0] ?? '')) tr.classList.add(CLS.group);
      prevKeys = row.keys.map((k) => k ?? '');
    } else {
      tr.append(h('th', { scope: 'row', colspan: Math.max(depth, 1), class: `as-level-${row.level}` }, rowLabel(row)));
      prevKeys = [];
    }
    for (const leaf of leaves) {
      if (leaf.type === 'dim' || leaf.type === 'label') continue;
      tr.append(figureCell(leaf.fig(row), leaf));
    }
    tbody.append(tr);
  }
  table.append(tbody);
  return table;
}
