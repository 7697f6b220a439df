// Labels of a result in the current language. The engine's own words
// (合计, 小计, 新增) are put in the interface language here; every label that
// comes from the file is used as text, never as HTML.
import { t, getLang, reasonText } from '../i18n.js';
import { CELL_GROWTHS } from '../view.js';
import { unitHant } from './hant.js';

/** A unit as the interface writes it: 萬元 in 繁體中文, else as the engine gives it. */
export function unitLabel(u) {
  return getLang() === 'zh-TW' ? unitHant(u) : u;
}

/** "金额(万元)" → "金额": the unit is shown apart, in the unit the figures are in. */
export function measureName(name) {
  if (!name) return '';
  const stripped = name.replace(/\s*[（(][^（）()]*(元|萬|万|亿|億|人|次|个|個|unit|yuan)[^（）()]*[）)]\s*$/i, '');
  return stripped || name;
}

/** What a figure column holds, e.g. "金额", "平均值". */
export function valueLabel(result) {
  const agg = result.spec.aggregate || 'sum';
  if (agg !== 'sum') return t(`agg.${agg}`);
  return result.measure && result.measure.kind === 'money' ? t('col.value') : measureName(result.measure && result.measure.name) || t('col.number');
}

export function growthLabel(kind) {
  return t(`growth.${kind}`).replace(/（.*）$|\s*\(.*\)$/, '');
}

export function columnLabel(col) {
  return col.kind === 'total' ? t('col.total') : col.label;
}

/** The first-column text of a subtotal or total row. */
export function rowLabel(row) {
  if (row.kind === 'total') return t('row.total');
  if (row.kind === 'subtotal') {
    const key = row.keys[row.level - 1];
    return key !== null && key !== undefined ? t('row.subtotal', { k: key }) : row.label;
  }
  return row.label;
}

/** The text to show for a figure. */
export function figureText(fig) {
  if (!fig) return '';
  if (fig.text === '新增' && getLang() === 'en') return t('fig.new');
  return fig.text;
}

/** The hover text of a figure: why it is empty, and its flags. */
export function figureTitle(fig) {
  if (!fig) return '';
  const parts = [];
  if (fig.reason) parts.push(reasonText(fig.reason));
  for (const flag of fig.flags || []) parts.push(reasonText(flag));
  return parts.join('；');
}

/**
 * Kinds of figure columns under a result column: the value, then the share
 * and the growth when asked for. The total column has no growth along the
 * periods, so it gets none.
 */
export function subColumns(result, col = null) {
  const spec = result.spec;
  const subs = ['value'];
  if (spec.share && spec.share !== 'none') subs.push('share');
  if (CELL_GROWTHS.includes(spec.growth) && !(col && col.kind === 'total' && result.colDim)) subs.push('growth');
  return subs;
}

export function subLabel(sub, result) {
  if (sub === 'value') return valueLabel(result);
  if (sub === 'share') return t('col.share');
  const g = result.spec.growth;
  if (g === 'index' && result.spec.basePeriod) return `${growthLabel(g)}（${result.spec.basePeriod}=100）`;
  return growthLabel(g);
}

/** The caption of a result: what, by what. */
export function resultTitle(result) {
  const m = result.spec.aggregate === 'sum' || !result.spec.aggregate
    ? measureName(result.measure.name) || t('col.value')
    : `${measureName(result.measure.name) || ''}${result.measure.name ? ' · ' : ''}${t(`agg.${result.spec.aggregate}`)}`;
  const by = result.rowDims.join(t('result.by'));
  if (!by && !result.colDim) return t('result.titleTotal', { m });
  const full = result.colDim ? (by ? by + t('result.cross') + result.colDim : result.colDim) : by;
  return t('result.title', { m, by: full });
}

/** Second caption line: unit, share, growth, filters. */
export function resultSubtitle(result) {
  const parts = [];
  if (result.measure.unit) parts.push(t('result.unit', { u: unitLabel(result.measure.unit) }));
  const spec = result.spec;
  const colon = t('punct.colon');
  if (spec.share && spec.share !== 'none') parts.push(`${t('controls.share')}${colon}${t(`share.${spec.share}`)}`);
  if (spec.growth && spec.growth !== 'none') parts.push(`${t('controls.growth')}${colon}${t(`growth.${spec.growth}`)}`);
  for (const f of spec.filters || []) {
    if (f.keep) parts.push(t('result.filters', { f: `${f.column} = ${f.keep.join(' / ')}` }));
    else if (f.drop) parts.push(t('result.filters', { f: `${f.column}${colon}${t('result.excluding', { v: f.drop.join(' / ') })}` }));
  }
  return parts.join(' · ');
}
