// Phones, touch and the keyboard (issue #10): the view controls fold away on
// a phone so the result is reached within the first screen; the reason of an
// empty or flagged figure (its title, a hover text a finger cannot show) is
// written under the table when the cell is tapped, clicked or opened with
// Enter; the Escape key closes a panel. Text only, through textContent.
import { t } from '../i18n.js';

/** Phones (and 200 % zoom of a small window): the width at which the controls fold. Keep in step with aidstat.css. */
export const NARROW = '(max-width: 640px)';

/** Cells and badges whose title explains something. */
const REASON = 'td[title], .cell-badge';

/**
 * The view controls' <details>: closed on a narrow screen (the result comes
 * first), open (its summary hidden by the CSS) on wider ones.
 */
export function foldControls(details, win = window) {
  if (!details || typeof win.matchMedia !== 'function') return;
  const mq = win.matchMedia(NARROW);
  const fit = () => {
    details.open = !mq.matches;
  };
  fit();
  if (typeof mq.addEventListener === 'function') mq.addEventListener('change', fit);
  else if (typeof mq.addListener === 'function') mq.addListener(fit);
}

/** Makes the cells and badges with a reason reachable by the keyboard. */
export function focusableReasons(table) {
  if (!table) return;
  for (const el of table.querySelectorAll(REASON)) {
    el.tabIndex = 0;
    if (el.classList.contains('cell-badge')) el.setAttribute('role', 'button');
  }
}

/** The text of an element without its badges and flag marks. */
function ownText(el) {
  let text = '';
  for (const node of el.childNodes) {
    if (node.nodeType === 3) text += node.textContent;
    else if (node.nodeType === 1 && !node.matches('.cell-badge, sup, .as-sort-mark')) text += node.textContent;
  }
  return text.trim();
}

/** What the note under the table says for a cell or a badge. */
export function reasonOf(el) {
  const why = el.getAttribute('title') || '';
  if (!el.matches('td')) return why;
  const tr = el.closest('tr');
  const row = tr ? [...tr.querySelectorAll('th')].map(ownText).filter(Boolean).join(' / ') : '';
  return t('result.cellNote', { r: row, c: el.dataset.col || '', v: ownText(el) || '—', why });
}

/**
 * A tap (a click) or Enter / Space on a cell with a reason writes the reason
 * into `note` (a live region under the table) and marks the cell.
 * @returns {{clear: () => void}}
 */
export function setupCellNotes(wrap, note) {
  let picked = null;
  const show = (el) => {
    if (picked && picked !== el) picked.classList.remove('as-picked');
    picked = el;
    if (el.matches('td')) el.classList.add('as-picked');
    note.textContent = reasonOf(el);
  };
  wrap.addEventListener('click', (e) => {
    const el = e.target instanceof Element ? e.target.closest(REASON) : null;
    if (el && wrap.contains(el)) show(el);
  });
  wrap.addEventListener('keydown', (e) => {
    if (e.key !== 'Enter' && e.key !== ' ') return;
    const el = e.target;
    if (!(el instanceof Element) || !el.matches(REASON)) return;
    e.preventDefault();
    show(el);
  });
  return {
    clear() {
      picked = null;
      note.textContent = '';
    },
  };
}

/** Calls `close` on Escape pressed in any of `elements` (not while an input method is composing). */
export function closeOnEscape(elements, isOpen, close) {
  for (const el of elements) {
    el.addEventListener('keydown', (e) => {
      if (e.key !== 'Escape' || e.isComposing || e.keyCode === 229 || !isOpen()) return;
      e.preventDefault();
      close();
    });
  }
}
