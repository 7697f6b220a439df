// The view builder: rows, column, measure and aggregate, share, growth,
// unit and precision, subtotals, filters. Every control has a label; a
// change produces a new spec.
import { h, select, uid, replace } from '../dom.js';
import { t } from '../i18n.js';
import { AGGREGATES, GROWTHS, MAX_ROW_LEVELS, SHARES, baseSpec, hasPeriod } from '../view.js';

const DISPLAY_UNITS = ['元', '万元', '亿元'];

function field(label, control, hint) {
  const id = control.id || uid('f');
  control.id = id;
  return h('div', { class: 'field' }, h('label', { for: id }, label), control, hint ? h('p', { class: 'hint' }, hint) : null);
}

function check(label, checked, name) {
  const id = uid('c');
  return h('div', { class: 'field field-check' }, h('input', { type: 'checkbox', id, name, checked }), h('label', { for: id }, label));
}

export class Controls {
  /**
   * @param {HTMLFormElement} form
   * @param {(spec: object) => void} onChange
   * @param {() => void} onReset
   */
  constructor(form, onChange, onReset) {
    this.form = form;
    this.onChange = onChange;
    this.onReset = onReset;
    this.schema = null;
    this.values = {};
    form.addEventListener('submit', (e) => e.preventDefault());
    form.addEventListener('change', () => this.emit());
  }

  /** Draws the controls for a schema and a spec. */
  render(schema, values, spec) {
    this.schema = schema;
    this.values = values;
    const cols = schema.columns.filter((c) => c.role !== 'ignore');
    const dims = cols.filter((c) => c.role === 'dimension' || c.role === 'period');
    const measures = cols.filter((c) => c.role === 'measure');
    const none = ['', t('controls.none')];
    const dimOptions = dims.map((c) => [c.name, c.name]);

    const rows = [];
    for (let i = 0; i < MAX_ROW_LEVELS; i += 1) {
      const sel = select({ name: `row${i}` }, i === 0 ? [none, ...dimOptions] : [none, ...dimOptions], spec.rows[i] || '');
      rows.push(field(t(`controls.row${i + 1}`), sel));
    }
    const colSel = select({ name: 'columns' }, [none, ...dimOptions], spec.columns || '');

    const measureOptions = spec.aggregate === 'distinct' ? cols.map((c) => [c.name, c.name]) : measures.map((c) => [c.name, c.name]);
    const measureSel = select({ name: 'measure' }, measureOptions.length ? measureOptions : [none], spec.measure || (measureOptions[0] || none)[0]);
    const aggSel = select({ name: 'aggregate' }, AGGREGATES.map((a) => [a, t(`agg.${a}`)]), spec.aggregate);

    const shareSel = select({ name: 'share' }, SHARES.map((s) => [s, t(`share.${s}`)]), spec.share);
    const lr = check(t('controls.largestRemainder'), spec.largestRemainder, 'largestRemainder');

    const growthSel = select({ name: 'growth' }, GROWTHS.map((g) => [g, t(`growth.${g}`)]), spec.growth);
    const period = schema.columns.find((c) => c.role === 'period');
    const periodValues = period ? values[period.name] || period.sample : [];
    const baseSel = select({ name: 'basePeriod' }, [['', t('controls.basePeriodFirst')], ...periodValues.map((v) => [v, v])], spec.basePeriod || '');
    const baseField = field(t('controls.basePeriod'), baseSel);
    baseField.dataset.show = 'index';
    const periodHint = h('p', { class: 'hint hint-warn', 'data-role': 'period-hint', hidden: true }, t('controls.needPeriod'));

    const measureCol = schema.columns.find((c) => c.name === spec.measure) || measures[0];
    const fileUnit = measureCol && measureCol.unit ? measureCol.unit : '—';
    const unitSel = select({ name: 'unit' }, [['', t('controls.unitDefault', { u: fileUnit })], ...DISPLAY_UNITS.map((u) => [u, u])], spec.unit || '');
    const prec = h('input', { type: 'number', name: 'precision', min: 0, max: 10, step: 1, value: String(spec.precision), inputmode: 'numeric' });
    const pprec = h('input', { type: 'number', name: 'percentPrecision', min: 0, max: 10, step: 1, value: String(spec.percentPrecision), inputmode: 'numeric' });

    const filters = h('div', { class: 'filters' });
    for (const col of dims) {
      const list = values[col.name];
      if (!list || !list.length) continue;
      filters.append(this.filterBox(col.name, list, spec.filters.find((f) => f.column === col.name)));
    }

    replace(
      this.form,
      h('h2', { class: 'panel-title' }, t('controls.heading')),
      h('fieldset', null, h('legend', null, t('controls.layout')), ...rows, field(t('controls.columns'), colSel)),
      h('fieldset', null, h('legend', null, t('controls.measure')), field(t('controls.measureCol'), measureSel), field(t('controls.aggregate'), aggSel)),
      h('fieldset', null, h('legend', null, t('controls.share')), field(t('controls.shareKind'), shareSel), lr),
      h('fieldset', null, h('legend', null, t('controls.growth')), field(t('controls.growthKind'), growthSel), baseField, periodHint),
      h('fieldset', null, h('legend', null, t('controls.display')),
        field(t('controls.unit'), unitSel),
        h('div', { class: 'field-pair' }, field(t('controls.precision'), prec), field(t('controls.percentPrecision'), pprec)),
        check(t('controls.subtotals'), spec.subtotals, 'subtotals'),
        check(t('controls.totals'), spec.totals, 'totals')),
      filters.childNodes.length ? h('fieldset', { class: 'fs-filters' }, h('legend', null, t('controls.filters')), filters) : null,
      h('div', { class: 'panel-actions' }, h('button', { type: 'button', class: 'btn btn-quiet', onclick: () => this.onReset() }, t('controls.reset'))),
    );
    this.sync(spec);
  }

  filterBox(column, list, filter) {
    const kept = (v) => (filter ? (filter.keep ? filter.keep.includes(v) : !(filter.drop || []).includes(v)) : true);
    const boxes = list.map((v) => {
      const id = uid('v');
      return h('li', null, h('input', { type: 'checkbox', id, checked: kept(v), dataset: { filterColumn: column, filterValue: v } }), h('label', { for: id }, v));
    });
    const count = h('span', { class: 'filter-count' });
    const details = h('details', { class: 'filter', open: filter ? true : null, dataset: { column } },
      h('summary', null, h('span', { class: 'filter-name' }, column), ' ', count),
      h('div', { class: 'filter-tools' },
        h('button', { type: 'button', class: 'btn btn-small', onclick: () => this.setAll(details, true) }, t('controls.filterAll')),
        h('button', { type: 'button', class: 'btn btn-small', onclick: () => this.setAll(details, false) }, t('controls.filterNone'))),
      h('ul', { class: 'filter-values' }, boxes));
    return details;
  }

  setAll(details, on) {
    for (const box of details.querySelectorAll('input[type=checkbox]')) box.checked = on;
    this.emit();
  }

  /** Shows and hides the controls that depend on the spec. */
  sync(spec) {
    const f = this.form;
    const base = f.querySelector('[data-show=index]');
    if (base) base.hidden = spec.growth !== 'index';
    const hint = f.querySelector('[data-role=period-hint]');
    if (hint && this.schema) hint.hidden = spec.growth === 'none' || hasPeriod(spec, this.schema);
    const measureCol = this.schema && this.schema.columns.find((c) => c.name === spec.measure);
    const unit = f.elements.namedItem('unit');
    if (unit) unit.disabled = !measureCol || measureCol.kind !== 'money' || ['count', 'count_nonnull', 'distinct'].includes(spec.aggregate);
    const lr = f.elements.namedItem('largestRemainder');
    if (lr) lr.disabled = spec.share === 'none';
    for (const details of f.querySelectorAll('details.filter')) {
      const boxes = [...details.querySelectorAll('input[type=checkbox]')];
      const k = boxes.filter((b) => b.checked).length;
      details.querySelector('.filter-count').textContent = t('controls.filterCount', { k, n: boxes.length });
      details.classList.toggle('filter-active', k !== boxes.length);
    }
  }

  /** The spec the form shows. */
  read() {
    const f = this.form.elements;
    const val = (name) => (f.namedItem(name) ? f.namedItem(name).value : '');
    const spec = baseSpec();
    const rows = [];
    for (let i = 0; i < MAX_ROW_LEVELS; i += 1) {
      const v = val(`row${i}`);
      if (v && !rows.includes(v)) rows.push(v);
    }
    spec.rows = rows;
    spec.columns = val('columns') || null;
    if (spec.columns && rows.includes(spec.columns)) spec.columns = null;
    spec.aggregate = val('aggregate') || 'sum';
    spec.measure = val('measure') || null;
    spec.share = val('share') || 'none';
    spec.largestRemainder = !!(f.namedItem('largestRemainder') && f.namedItem('largestRemainder').checked) && spec.share !== 'none';
    spec.growth = val('growth') || 'none';
    spec.basePeriod = spec.growth === 'index' ? val('basePeriod') || null : null;
    spec.unit = val('unit') || null;
    const int = (name, d) => {
      const n = Number.parseInt(val(name), 10);
      return Number.isInteger(n) && n >= 0 && n <= 10 ? n : d;
    };
    spec.precision = int('precision', 2);
    spec.percentPrecision = int('percentPrecision', 2);
    spec.subtotals = !!(f.namedItem('subtotals') && f.namedItem('subtotals').checked);
    spec.totals = !!(f.namedItem('totals') && f.namedItem('totals').checked);
    for (const details of this.form.querySelectorAll('details.filter')) {
      const boxes = [...details.querySelectorAll('input[type=checkbox]')];
      const keep = boxes.filter((b) => b.checked).map((b) => b.dataset.filterValue);
      if (keep.length !== boxes.length) spec.filters.push({ column: details.dataset.column, keep });
    }
    return spec;
  }

  emit() {
    const spec = this.read();
    this.sync(spec);
    this.onChange(spec);
  }
}
