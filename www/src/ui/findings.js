// The analyst's checks (`table.findings()`): a collapsible panel with counts
// by severity, each finding with its message, lines and — when the engine
// offers one — a correction accepted with one click. Accepted corrections live
// in the reading options (`read.corrections`, `read.relabel`), so they are
// kept in the URL hash like every other reading correction, and each can be
// undone. Badges mark the table where a finding can be placed honestly.
import { h, replace } from '../dom.js';
import { t, engineMessage } from '../i18n.js';

const SEVERITIES = ['error', 'warning', 'info'];

function clone(x) {
  return JSON.parse(JSON.stringify(x || {}));
}

/** Reading options with a finding's correction merged in (corrections replace one of the same line and column). */
export function mergeCorrection(read, fix) {
  const next = clone(read);
  if (fix && Array.isArray(fix.corrections) && fix.corrections.length) {
    const list = (next.corrections || []).filter((c) => !fix.corrections.some((f) => f.line === c.line && f.column === c.column));
    next.corrections = [...list, ...fix.corrections.map((c) => ({ line: c.line, column: c.column, value: c.value }))];
  }
  if (fix && fix.relabel && typeof fix.relabel === 'object') {
    next.relabel = next.relabel || {};
    for (const [col, map] of Object.entries(fix.relabel)) next.relabel[col] = { ...(next.relabel[col] || {}), ...map };
  }
  return next;
}

/** Whether every entry of a correction is already in the reading options. */
export function isAccepted(read, fix) {
  if (!fix) return false;
  const cs = (read && read.corrections) || [];
  const okC = (fix.corrections || []).every((f) => cs.some((c) => c.line === f.line && c.column === f.column && c.value === f.value));
  const rl = (read && read.relabel) || {};
  const okR = Object.entries(fix.relabel || {}).every(([col, map]) => Object.entries(map).every(([from, to]) => rl[col] && rl[col][from] === to));
  return okC && okR;
}

/** A name for a correction (its first entry), shared by its Accept and its Undo button, to keep the keyboard focus. */
export function fixKey(fix) {
  if (!fix) return '';
  const c = Array.isArray(fix.corrections) ? fix.corrections[0] : null;
  if (c) return `cell|${c.line}|${c.column}`;
  for (const [col, map] of Object.entries(fix.relabel || {})) {
    const from = Object.keys(map || {})[0];
    if (from !== undefined) return `relabel|${col}|${from}`;
  }
  return '';
}

/** The accepted corrections, one entry each, with the reading options that undo it. */
export function acceptedEntries(read) {
  const out = [];
  const cs = (read && read.corrections) || [];
  cs.forEach((c, i) => {
    const next = clone(read);
    next.corrections.splice(i, 1);
    if (!next.corrections.length) delete next.corrections;
    out.push({ kind: 'cell', key: `cell|${c.line}|${c.column}`, text: t('findings.acceptedCell', { l: c.line, c: c.column, v: c.value === '' ? t('findings.empty') : c.value }), undo: next });
  });
  for (const [col, map] of Object.entries((read && read.relabel) || {})) {
    for (const [from, to] of Object.entries(map || {})) {
      const next = clone(read);
      delete next.relabel[col][from];
      if (!Object.keys(next.relabel[col]).length) delete next.relabel[col];
      if (!Object.keys(next.relabel).length) delete next.relabel;
      out.push({ kind: 'relabel', key: `relabel|${col}|${from}`, text: t('findings.acceptedRelabel', { c: col, a: from, b: to }), undo: next });
    }
  }
  return out;
}

function linesText(lines) {
  if (!lines || !lines.length) return '';
  const shown = lines.slice(0, 12).join(t('result.by'));
  return t('findings.lines', { l: lines.length > 12 ? `${shown}…` : shown });
}

export class FindingsPanel {
  /**
   * @param {HTMLElement} root
   * @param {(read: object) => void} onRead called with the new reading options (accept / undo)
   */
  constructor(root, onRead) {
    this.root = root;
    this.onRead = onRead;
    this.open = true;
    // The button to focus once the panel is drawn again after an Accept or an Undo (`data-focus`).
    this.want = null;
  }

  /** Accept or Undo: the same bytes are read again and the panel redrawn; the focus moves to the counterpart. */
  pick(read, want) {
    this.want = want;
    this.onRead(read);
  }

  /**
   * Puts the focus back after the panel was redrawn: on the button asked for
   * (Undo after Accept, Accept after Undo), else on the one that had it,
   * else on the panel's summary, so it never falls to the top of the page.
   * The focus is moved only when it was in the panel or lost (on <body>).
   */
  restoreFocus(had, lost, state) {
    const want = this.want;
    if (state === 'done' || state === 'failed' || state === 'none') this.want = null;
    if (!lost || (!want && !had)) return;
    const find = (key) => [...this.root.querySelectorAll('[data-focus]')].find((el) => el.dataset.focus === key) || null;
    const target = (want && find(want)) || (had && find(had));
    if (target) {
      target.focus();
      if (target.dataset.focus === want) this.want = null;
    }
    if (document.activeElement !== target) {
      const summary = find('summary');
      if (summary) summary.focus();
    }
  }

  /**
   * @param {{state: 'pending'|'done'|'failed'|'none', findings: any[], read: object,
   *   progress?: {step: number, steps: number}|null}} s
   */
  render({ state, findings = [], read = {}, progress = null }) {
    const prev = this.root.querySelector('details');
    if (prev) this.open = prev.open;
    const active = document.activeElement;
    const inside = !!active && this.root.contains(active);
    const had = inside ? active.dataset.focus || 'summary' : null;
    const lost = inside || !active || active === document.body;
    this.root.hidden = state === 'none';
    if (state === 'none') {
      replace(this.root);
      this.restoreFocus(null, false, state);
      return;
    }
    const counts = { error: 0, warning: 0, info: 0 };
    for (const f of findings) if (f.severity in counts) counts[f.severity] += 1;
    const head = [h('span', { class: 'findings-title' }, t('findings.heading'))];
    if (state === 'pending') {
      const of = progress && progress.steps ? ` ${progress.step}/${progress.steps}` : '';
      head.push(h('span', { class: 'hint', role: 'status' }, t('findings.pending') + of));
    }
    else if (state === 'failed') head.push(h('span', { class: 'hint' }, t('findings.failed')));
    else {
      for (const sev of SEVERITIES) {
        head.push(h('span', { class: `sev sev-${sev}${counts[sev] ? '' : ' sev-zero'}`, dataset: { severity: sev, count: String(counts[sev]) } }, t(`findings.count.${sev}`, { n: counts[sev] })));
      }
    }
    const body = [];
    if (state === 'done' && !findings.length) body.push(h('p', { class: 'hint' }, t('findings.none')));
    if (findings.length) {
      body.push(h('ul', { class: 'check-list' }, findings.map((f) => {
        const accepted = isAccepted(read, f.correction);
        return h('li', { class: `check check-${f.severity}`, dataset: { code: f.code, severity: f.severity } },
          h('span', { class: `sev sev-${f.severity}` }, t(`findings.sev.${f.severity}`)), ' ',
          h('span', { class: 'check-msg' }, engineMessage(f)),
          f.lines && f.lines.length ? h('span', { class: 'check-lines' }, ` ${linesText(f.lines)}`) : null,
          f.correction && !accepted ? h('button', {
            type: 'button',
            class: 'btn btn-small check-accept',
            dataset: { action: 'accept', focus: `accept:${fixKey(f.correction)}` },
            onclick: () => this.pick(mergeCorrection(read, f.correction), `undo:${fixKey(f.correction)}`),
          }, t('findings.accept')) : null,
          accepted ? h('span', { class: 'hint' }, ` ${t('findings.isAccepted')}`) : null);
      })));
    }
    const accepted = acceptedEntries(read);
    if (accepted.length) {
      body.push(h('h3', null, t('findings.accepted')),
        h('ul', { class: 'accepted-list' }, accepted.map((a) => h('li', { dataset: { kind: a.kind } },
          h('span', null, a.text), ' ',
          h('button', { type: 'button', class: 'btn btn-small btn-quiet', dataset: { action: 'undo', focus: `undo:${a.key}` }, onclick: () => this.pick(a.undo, `accept:${a.key}`) }, t('findings.undo'))))));
    }
    const details = h('details', { class: 'findings-details', open: this.open || null },
      h('summary', { dataset: { focus: 'summary' } }, ...head),
      h('div', { class: 'findings-body' }, body));
    replace(this.root, details);
    this.restoreFocus(had, lost, state);
  }
}

/**
 * Marks the table where a finding can be placed: the row label of a category
 * a label finding names, and the top-left header cell for findings about the
 * measure column (unit slips, outliers, totals), since the result keeps no file
 * line per cell.
 */
export function badgeTable(table, findings, result) {
  if (!table || !findings || !findings.length || !result) return;
  const rowDims = result.rowDims || [];
  const byLabel = new Map();
  const measureFindings = [];
  for (const f of findings) {
    if ((f.code === 'label_variant' || f.code === 'label_synonym') && f.column && rowDims.includes(f.column)) {
      const rows = f.figures && f.figures.rows;
      const labels = rows && typeof rows === 'object' ? Object.keys(rows) : [];
      for (const l of labels) {
        if (!byLabel.has(l)) byLabel.set(l, []);
        byLabel.get(l).push(f);
      }
    } else if (f.column && result.measure && f.column === result.measure.name && f.severity !== 'info') {
      measureFindings.push(f);
    }
  }
  const badge = (list) => {
    const worst = SEVERITIES.find((s) => list.some((f) => f.severity === s)) || 'info';
    const text = list.map((f) => engineMessage(f)).join('\n');
    return h('span', { class: `cell-badge sev-${worst}`, title: text, 'aria-label': text, dataset: { codes: list.map((f) => f.code).join(' ') } }, '!');
  };
  if (byLabel.size && table.tBodies[0]) {
    for (const tr of table.tBodies[0].rows) {
      for (const th of tr.querySelectorAll('th')) {
        const list = byLabel.get(th.textContent.trim());
        if (list) th.append(' ', badge(list));
      }
    }
  }
  if (measureFindings.length && table.tHead && table.tHead.rows[0]) {
    const corner = table.tHead.rows[0].cells[0];
    if (corner) corner.append(' ', badge(measureFindings));
  }
}
