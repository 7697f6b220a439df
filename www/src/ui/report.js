// The report being put together: views the analyst added (each with its
// title, figures, paragraph and chart as they were on screen), in order,
// which the Word button writes as one document. A short list under the
// result's toolbar: move a view up or down, or take it out, by keyboard too.
import { h, replace } from '../dom.js';
import { t } from '../i18n.js';

/**
 * Draws the list into `el`. `items` are {title}; `on.move(i, delta)` and
 * `on.remove(i)` change it (the caller draws again).
 */
export function renderReport(el, items, on) {
  if (!items.length) {
    replace(el);
    el.hidden = true;
    return;
  }
  el.hidden = false;
  const last = items.length - 1;
  const rows = items.map((it, i) =>
    h(
      'li',
      { class: 'report-item' },
      h('span', { class: 'report-title' }, `${i + 1}. ${it.title}`),
      h('button', { type: 'button', class: 'btn btn-small', 'data-action': 'up', disabled: i === 0, 'aria-label': t('report.up', { v: it.title }), onclick: () => on.move(i, -1) }, '↑'),
      h('button', { type: 'button', class: 'btn btn-small', 'data-action': 'down', disabled: i === last, 'aria-label': t('report.down', { v: it.title }), onclick: () => on.move(i, 1) }, '↓'),
      h('button', { type: 'button', class: 'btn btn-small', 'data-action': 'remove', 'aria-label': t('report.remove', { v: it.title }), onclick: () => on.remove(i) }, '✕'),
    ),
  );
  replace(
    el,
    h('h3', { class: 'report-heading' }, t('report.heading', { n: items.length })),
    h('ol', { class: 'report-list' }, ...rows),
    h('button', { type: 'button', class: 'btn btn-small', 'data-action': 'clear', onclick: () => on.clear() }, t('report.clear')),
  );
}

/** The list with item `i` moved by `delta` (−1 up, +1 down). */
export function moved(items, i, delta) {
  const j = i + delta;
  if (j < 0 || j >= items.length) return items;
  const next = items.slice();
  [next[i], next[j]] = [next[j], next[i]];
  return next;
}
