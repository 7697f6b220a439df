// 繁體中文 for the engine's Chinese text (the report paragraph, units): the
// engine writes simplified Chinese from templates, so the characters of those
// templates are mapped to their Taiwan forms here, one by one. The file's own
// labels (categories, periods: the result's keys and column labels) are left
// exactly as written, so a label is never changed on its way to the report.
// The map covers every character of src/report's templates that differs in
// traditional script (tests/browser/page-modules.test.mjs checks the list).

const MAP = {
  万: '萬', 与: '與', 个: '個', 为: '為', 亿: '億', 从: '從', 内: '內', 写: '寫', 减: '減', 别: '別',
  单: '單', 变: '變', 复: '複', 带: '帶', 对: '對', 录: '錄', 数: '數', 无: '無', 条: '條', 没: '沒',
  独: '獨', 环: '環', 筛: '篩', 约: '約', 细: '細', 计: '計', 记: '記', 识: '識', 说: '說', 资: '資',
  过: '過', 选: '選', 长: '長', 项: '項', 据: '據', 占: '佔', 们: '們', 额: '額', 总: '總', 于: '於',
  这: '這', 经: '經', 较: '較', 连: '連', 续: '續', 帮: '幫', 扶: '扶', 区: '區', 县: '縣', 国: '國',
};

/** The simplified characters this module maps (for tests). */
export const MAPPED = Object.keys(MAP);

/** One character in Taiwan form. */
function hant(c) {
  return MAP[c] || c;
}

/** A unit label in Taiwan form: 万元 → 萬元, 亿元 → 億元. */
export function unitHant(u) {
  return u ? [...String(u)].map(hant).join('') : u;
}

/** The labels of a result that must stay as written: keys, row and column labels. */
export function resultLabels(result) {
  const out = new Set();
  // Data rows and columns only: 合计 / 小计 are the engine's words, not the file's.
  for (const r of (result && result.rows) || []) {
    if (r.kind !== 'data') continue;
    if (r.label) out.add(String(r.label));
    for (const k of r.keys || []) if (k) out.add(String(k));
  }
  for (const c of (result && result.columns) || []) {
    if (c.kind === 'total') continue;
    if (c.label) out.add(String(c.label));
    if (c.key) out.add(String(c.key));
  }
  for (const d of [...((result && result.rowDims) || []), (result && result.colDim) || null]) if (d) out.add(String(d));
  return [...out].filter((l) => l.length > 0).sort((a, b) => b.length - a.length);
}

/**
 * Text written by the engine's templates, in Taiwan form, with every label in
 * `keep` copied as written (the longest label that starts at a place wins).
 * @example toHant('教育帮扶最多，占50.60%', ['教育帮扶']) // '教育帮扶最多，佔50.60%'
 */
export function toHant(text, keep = []) {
  const s = String(text || '');
  let out = '';
  let i = 0;
  while (i < s.length) {
    const label = keep.find((l) => s.startsWith(l, i));
    if (label) {
      out += label;
      i += label.length;
      continue;
    }
    const c = String.fromCodePoint(s.codePointAt(i));
    out += hant(c);
    i += c.length;
  }
  return out;
}
