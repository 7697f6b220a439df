// Charts that fit the view, drawn by a tree-shaken Apache ECharts: amounts as
// grouped or stacked bars, shares as 100 % stacked bars or a donut, growth as
// lines with gaps where there is no figure, CAGR / 年均 as bars per row.
// Figures are only turned into numbers for coordinates; every label and
// tooltip shows the engine's text. Tooltips are built here as DOM elements
// with text nodes (ECharts takes elements as well as HTML strings).
import * as echarts from 'echarts/core';
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer, SVGRenderer } from 'echarts/renderers';
import { h } from '../dom.js';
import { t } from '../i18n.js';
import { CELL_GROWTHS } from '../view.js';
import { columnLabel, figureText, figureTitle, growthLabel, resultSubtitle, resultTitle, valueLabel } from './labels.js';
import { summaryLabel } from './table.js';

echarts.use([AriaComponent, BarChart, LineChart, PieChart, GridComponent, LegendComponent, TitleComponent, TooltipComponent, CanvasRenderer, SVGRenderer]);

export const PALETTE = ['#2f5d9b', '#d9822b', '#3a9a6b', '#b8453d', '#7b5ea7', '#2b9bb0', '#c9a227', '#6c7a89', '#a0527f', '#5f8f3a', '#8c6d46', '#4d7fd1'];
const MAX_SERIES = 20;
const MAX_CATEGORIES = 40;
// Single quotes: the SVG export writes this into a double-quoted style attribute.
const FONT = "'Microsoft YaHei', 'PingFang SC', 'Noto Sans CJK SC', 'Source Han Sans SC', 'Hiragino Sans GB', system-ui, sans-serif";

/** White or black, whichever reads better on a series colour (labels inside stacked bars, WCAG 4.5:1). */
export function labelInk(color) {
  const m = /^#([0-9a-f]{6})$/i.exec(color || '');
  if (!m) return '#fff';
  const lin = (i) => {
    const c = parseInt(m[1].slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const l = 0.2126 * lin(0) + 0.7152 * lin(2) + 0.0722 * lin(4);
  return 1.05 / (l + 0.05) >= (l + 0.05) / 0.05 ? '#fff' : '#000';
}

/**
 * ECharts' own accessibility (AriaComponent): role=img and the chart's
 * aria-label on its container, and, on request, decal patterns on bars and
 * slices so series are told apart without colour. ECharts writes the label
 * again on every redraw (a resize too), so it is the one the page and the
 * embed give the chart: the result's title and where its figures are
 * (`chart.aria`). The page's report paragraph is the chart's description
 * (aria-describedby → #chart-desc); `description` replaces the label where
 * a caller has no such description (the paragraph then belongs in it).
 */
export function ariaOption(result, { decal = false, description = null } = {}) {
  const label = description || t('chart.aria', { t: resultTitle(result) });
  return { enabled: true, label: { enabled: true, description: label }, decal: { show: !!decal } };
}

function num(fig) {
  if (!fig || fig.exact === null || fig.exact === undefined) return null;
  const n = Number(fig.exact);
  return Number.isFinite(n) ? n : null;
}

function point(fig) {
  const value = num(fig);
  return { value: value === null ? '-' : value, text: fig ? figureText(fig) || (fig.reason ? t('chart.gap') : '') : '', note: figureTitle(fig) };
}

function rowPath(row) {
  const keys = row.keys.filter((k) => k !== null && k !== undefined);
  return keys.length ? keys.join(' / ') : row.label;
}

/** The charts this result can be drawn as, with the one to use by default first. */
export function chartKinds(result) {
  const kinds = [];
  const spec = result.spec;
  const hasData = result.rows.some((r) => r.kind === 'data');
  if (!hasData) return kinds;
  if (result.rows.some((r) => r.summary)) kinds.push('summary');
  if (CELL_GROWTHS.includes(spec.growth)) kinds.push('line');
  if (spec.share && spec.share !== 'none') kinds.push(result.colDim ? 'pct' : 'donut', result.colDim ? 'donut' : 'pct');
  kinds.push('bar', 'stack');
  if (!kinds.includes('donut')) kinds.push('donut');
  return kinds;
}

export function chartKindLabel(kind, result) {
  if (kind === 'summary') return t('chart.summary', { l: t(`growth.${result.spec.growth}`) });
  return t(`chart.${kind}`);
}

/** A series' colour square, coloured through the CSSOM (the page's CSP refuses style="" in markup). */
function swatch(color) {
  const el = h('span', { 'aria-hidden': 'true' });
  el.style.cssText = 'display:inline-block;width:10px;height:10px;border-radius:5px;margin-right:4px;vertical-align:baseline';
  if (typeof color === 'string') el.style.backgroundColor = color;
  return el;
}

function tipNote(text) {
  const el = h('span', null, ` （${text}）`);
  el.style.color = '#6b7785';
  return el;
}

// Tooltips are DOM elements, not HTML strings: every label and figure goes in
// as text (h() uses textContent), so a label such as <img onerror=…> is shown, never parsed.
function tooltipAxis(params) {
  const list = Array.isArray(params) ? params : [params];
  if (!list.length) return '';
  const tip = h('div', { class: 'chart-tip' }, h('strong', null, String(list[0].axisValueLabel ?? list[0].name ?? '')));
  for (const p of list) {
    const d = p.data || {};
    tip.append(h('div', null, swatch(p.color), String(p.seriesName ?? ''), '：', h('strong', null, String(d.text ?? '')), d.note ? tipNote(d.note) : null));
  }
  return tip;
}

function tooltipItem(p) {
  const d = p.data || {};
  return h('div', { class: 'chart-tip' }, swatch(p.color), String(p.name ?? ''), '：', h('strong', null, String(d.text ?? '')), d.share ? `（${d.share}）` : null);
}

/** Keeps the largest data rows (by their total figure) when there are too many to draw. */
function limitRows(rows, result, limit) {
  if (rows.length <= limit) return { rows, truncated: false };
  const ti = result.columns.findIndex((c) => c.kind === 'total');
  const ci = ti >= 0 ? ti : result.columns.length - 1;
  const keyed = rows.map((r, i) => ({ r, i, v: num(r.cells[ci] && r.cells[ci].value) ?? -Infinity }));
  keyed.sort((a, b) => b.v - a.v || a.i - b.i);
  return { rows: keyed.slice(0, limit).sort((a, b) => a.i - b.i).map((k) => k.r), truncated: true };
}

function baseOption() {
  return {
    color: PALETTE,
    textStyle: { fontFamily: FONT },
    // No motion for people who asked their system for less.
    animation: !(typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches),
    animationDuration: 300,
    grid: { left: 16, right: 24, top: 48, bottom: 16, containLabel: true },
    legend: { type: 'scroll', top: 8, left: 'center', textStyle: { color: '#33404d' } },
    tooltip: { confine: true, backgroundColor: '#fff', borderColor: '#c5cdd8', textStyle: { color: '#1f2933', fontFamily: FONT } },
  };
}

function categoryAxis(labels, vertical = true) {
  return {
    type: 'category',
    data: labels,
    axisLabel: { color: '#33404d', interval: 0, rotate: vertical && labels.length > 8 ? 30 : 0, hideOverlap: true },
    axisTick: { alignWithLabel: true },
    axisLine: { lineStyle: { color: '#8a96a3' } },
  };
}

function valueAxis(percent) {
  return {
    type: 'value',
    axisLabel: { color: '#5b6773', formatter: percent ? '{value}%' : undefined },
    splitLine: { lineStyle: { color: '#e3e8ee' } },
  };
}

/**
 * The ECharts option for a result.
 * @returns {{option: object|null, notes: string[]}}
 */
export function buildOption(result, kind, { swap = false, title = false, decal = false, description = null } = {}) {
  const notes = [];
  const kinds = chartKinds(result);
  if (!kinds.length) return { option: null, notes };
  if (!kinds.includes(kind)) kind = kinds[0];
  const limited = limitRows(result.rows.filter((r) => r.kind === 'data'), result, kind === 'donut' || kind === 'summary' ? MAX_CATEGORIES : MAX_SERIES);
  const dataRows = limited.rows;
  if (limited.truncated) notes.push(t('chart.truncated', { n: dataRows.length }));
  const valueCols = result.columns.map((c, i) => ({ c, i })).filter(({ c }) => c.kind === 'value');
  const cols = result.colDim && valueCols.length ? valueCols : [{ c: result.columns[result.columns.length - 1], i: result.columns.length - 1 }];
  const opt = baseOption();
  if (title) {
    opt.title = { text: resultTitle(result), subtext: resultSubtitle(result), left: 'center', top: 4, textStyle: { fontSize: 15, color: '#1f2933' }, subtextStyle: { color: '#5b6773' } };
    opt.legend.top = 52;
    opt.grid.top = 92;
  }
  const unit = result.measure.unit ? `（${result.measure.unit}）` : '';

  // A matrix of figures: rows × columns, drawn with either along the axis.
  const matrix = (pick, percent, stack) => {
    // Share of the row total adds up to 100 % along a row: rows go on the axis.
    const turned = kind === 'pct' && result.spec.share === 'row' ? !swap : swap;
    const byColumns = result.colDim ? !turned : false;
    const across = byColumns ? cols.map(({ c }) => columnLabel(c)) : dataRows.map(rowPath);
    const series = byColumns
      ? dataRows.map((row) => ({ name: rowPath(row), data: cols.map(({ i }) => point(pick(row.cells[i]))) }))
      : cols.map(({ c, i }) => ({ name: result.colDim ? columnLabel(c) : valueLabel(result) + unit, data: dataRows.map((row) => point(pick(row.cells[i]))) }));
    opt.xAxis = categoryAxis(across);
    opt.yAxis = valueAxis(percent);
    opt.tooltip.trigger = 'axis';
    opt.tooltip.axisPointer = { type: kind === 'line' ? 'line' : 'shadow' };
    opt.tooltip.formatter = tooltipAxis;
    const few = across.length * (stack ? 1 : series.length) <= 14;
    // In a stack, a label only where the segment is tall enough to hold it.
    let minLabel = 0;
    if (stack) {
      const sums = across.map((_, j) => series.reduce((acc, s) => acc + Math.max(0, typeof s.data[j].value === 'number' ? s.data[j].value : 0), 0));
      minLabel = 0.045 * Math.max(0, ...sums);
    }
    opt.series = series.map((s, si) => ({
      name: s.name,
      type: kind === 'line' ? 'line' : 'bar',
      stack: stack ? 'all' : undefined,
      data: s.data,
      connectNulls: false,
      barMaxWidth: 48,
      symbolSize: 7,
      emphasis: { focus: 'series' },
      label: {
        show: kind === 'pct' || (few && kind !== 'line'),
        position: stack ? 'inside' : 'top',
        color: stack ? labelInk(PALETTE[si % PALETTE.length]) : '#33404d',
        fontSize: 11,
        formatter: (p) => (typeof p.value === 'number' && Math.abs(p.value) >= minLabel ? (p.data && p.data.text) || '' : ''),
      },
      labelLayout: { hideOverlap: true },
    }));
    if (series.length === 1 && !result.colDim) opt.legend.show = false;
  };

  if (kind === 'bar' || kind === 'stack') {
    matrix((cell) => cell && cell.value, false, kind === 'stack');
  } else if (kind === 'pct') {
    matrix((cell) => cell && cell.share, true, true);
    opt.yAxis.max = (extent) => (extent.max <= 100.5 ? 100 : null);
    opt.yAxis.min = (extent) => (extent.min >= 0 ? 0 : null);
  } else if (kind === 'line') {
    matrix((cell) => cell && cell.growth, ['rate', 'contribution', 'speed'].includes(result.spec.growth), false);
    opt.series.forEach((s) => Object.assign(s, { showSymbol: true }));
    // Leading periods where nothing can be compared (the first year) are left off the axis.
    if (result.colDim && !(swap)) {
      let skip = 0;
      while (skip < opt.xAxis.data.length - 1 && opt.series.every((s) => s.data[skip].value === '-')) skip += 1;
      if (skip) {
        opt.xAxis.data = opt.xAxis.data.slice(skip);
        opt.series.forEach((s) => { s.data = s.data.slice(skip); });
      }
    }
  } else if (kind === 'summary') {
    const labels = dataRows.map(rowPath);
    opt.yAxis = { ...categoryAxis(labels, false), inverse: true };
    opt.xAxis = valueAxis(result.spec.growth === 'cagr');
    opt.tooltip.trigger = 'axis';
    opt.tooltip.axisPointer = { type: 'shadow' };
    opt.tooltip.formatter = tooltipAxis;
    opt.legend.show = false;
    opt.series = [{
      name: summaryLabel(result),
      type: 'bar',
      barMaxWidth: 28,
      data: dataRows.map((row) => point(row.summary)),
      label: { show: true, position: 'right', color: '#33404d', fontSize: 11, formatter: (p) => (p.data && p.data.text) || '' },
    }];
  } else if (kind === 'donut') {
    const ti = result.columns.findIndex((c) => c.kind === 'total');
    const ci = ti >= 0 ? ti : result.columns.length - 1;
    const slices = [];
    let negatives = false;
    dataRows.forEach((row) => {
      const cell = row.cells[ci];
      const v = num(cell && cell.value);
      if (v === null || v === 0) return;
      if (v < 0) {
        negatives = true;
        return;
      }
      slices.push({ name: rowPath(row), value: v, text: figureText(cell.value), share: cell.share ? figureText(cell.share) : '' });
    });
    if (negatives) notes.push(t('chart.negativeLeftOut'));
    opt.tooltip.trigger = 'item';
    opt.tooltip.formatter = tooltipItem;
    opt.legend.type = 'scroll';
    opt.series = [{
      name: valueLabel(result),
      type: 'pie',
      radius: ['42%', '68%'],
      center: ['50%', title ? '60%' : '56%'],
      avoidLabelOverlap: true,
      itemStyle: { borderColor: '#fff', borderWidth: 2 },
      label: { formatter: (p) => `${p.name}\n${p.data.share || p.data.text}`, color: '#33404d', fontSize: 11 },
      data: slices,
    }];
  }
  opt.aria = ariaOption(result, { decal, description });
  return { option: opt, notes, kind };
}

/** One chart on the page (or in an embed's shadow root). */
export class ChartView {
  constructor(container) {
    this.container = container;
    this.chart = null;
    this.last = null;
    this.decal = false;
    if (typeof ResizeObserver !== 'undefined') {
      this.observer = new ResizeObserver(() => this.chart && this.chart.resize());
      this.observer.observe(container);
    }
  }

  /** Draws nothing (no result on screen). */
  clear() {
    this.last = null;
    if (this.chart) this.chart.clear();
    this.container.dataset.drawn = 'empty';
  }

  /**
   * Draws a result; returns the notes to show under the chart and the kind drawn.
   * `decal`: patterns on bars and slices (for colour-blind readers); left out, the last choice holds.
   * `description`: the chart's aria-label, when not the default (`ariaOption`).
   */
  update(result, { kind = 'auto', swap = false, decal = this.decal, description = null } = {}) {
    const kinds = chartKinds(result);
    const chosen = kind === 'auto' || !kinds.includes(kind) ? kinds[0] : kind;
    this.decal = !!decal;
    const built = buildOption(result, chosen, { swap, decal: this.decal, description });
    this.last = { result, kind: chosen, swap, requested: kind, description };
    if (!built.option) {
      if (this.chart) this.chart.clear();
      this.container.dataset.drawn = 'empty';
      return { kind: null, notes: [], empty: true };
    }
    if (!this.chart) {
      this.chart = echarts.init(this.container, null, { renderer: 'canvas' });
      // A signal for people's scripts and tests: the chart has finished drawing.
      this.chart.on('finished', () => {
        this.container.dataset.drawn = 'true';
      });
    }
    this.container.dataset.drawn = 'false';
    this.chart.setOption(built.option, { notMerge: true });
    return { kind: built.kind || chosen, notes: built.notes, empty: false };
  }

  /** Patterns on or off (the page's 图案填充 box): the chart on screen is drawn again with it. */
  setDecal(on) {
    this.decal = !!on;
    if (!this.last) return null;
    const { result, requested, swap, description } = this.last;
    return this.update(result, { kind: requested, swap, decal: this.decal, description });
  }

  resize(size) {
    if (this.chart) this.chart.resize(size);
  }

  /** Renders the current chart off screen with its title, for export. */
  exportImage(type, host = document.body) {
    if (!this.last) return null;
    const { result, kind, swap, description } = this.last;
    const { option } = buildOption(result, kind, { swap, title: true, decal: this.decal, description });
    if (!option) return null;
    option.animation = false;
    option.backgroundColor = '#ffffff';
    const width = Math.max(720, Math.min(1400, this.container.clientWidth || 960));
    const height = Math.max(420, Math.round(width * 0.56));
    const div = document.createElement('div');
    div.style.cssText = `position:absolute;left:-10000px;top:0;width:${width}px;height:${height}px;`;
    host.append(div);
    const chart = echarts.init(div, null, { renderer: type === 'svg' ? 'svg' : 'canvas', width, height });
    try {
      chart.setOption(option);
      if (type === 'svg') return chart.renderToSVGString();
      return chart.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#ffffff' });
    } finally {
      chart.dispose();
      div.remove();
    }
  }

  dispose() {
    if (this.observer) this.observer.disconnect();
    if (this.chart) this.chart.dispose();
    this.chart = null;
  }
}
