// Tiny DOM helpers. Text always goes in through textContent: nothing read
// from a file is ever parsed as HTML (chart tooltips are built with h() too).

/**
 * Creates an element.
 * @example h('td', { class: 'num', title: '上年为0' }, '430.00')
 * @param {string} tag
 * @param {Record<string, any>} [attrs] `class`, `text`, `on<event>` handlers,
 *   `dataset` (object), boolean or string attributes; null/false are skipped.
 * @param {...(Node|string|null|undefined|false)} children
 */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  if (attrs) {
    for (const [key, value] of Object.entries(attrs)) {
      if (value === null || value === undefined || value === false) continue;
      if (key === 'class') el.className = value;
      else if (key === 'text') el.textContent = String(value);
      else if (key === 'dataset') Object.assign(el.dataset, value);
      else if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
      else if (key === 'value' || key === 'checked' || key === 'selected' || key === 'disabled' || key === 'hidden') el[key] = value;
      else el.setAttribute(key, value === true ? '' : String(value));
    }
  }
  append(el, children);
  return el;
}

/** Appends children (nodes or strings, nested arrays allowed; falsy skipped). */
export function append(parent, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(parent, child);
    else parent.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return parent;
}

/** Removes every child of an element. */
export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
}

/** Replaces the children of an element. */
export function replace(el, ...children) {
  clear(el);
  return append(el, children);
}

/** A `<select>` from [value, label] pairs. */
export function select(attrs, options, current) {
  const el = h('select', attrs);
  for (const [value, label, extra] of options) {
    const opt = h('option', { value, ...(extra || {}) }, label);
    if (value === current) opt.selected = true;
    el.append(opt);
  }
  if (current !== undefined) el.value = current;
  return el;
}

let idCounter = 0;
/** A page-unique id for label/for pairs. */
export function uid(prefix = 'a') {
  idCounter += 1;
  return `${prefix}-${idCounter}`;
}
