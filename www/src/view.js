// The view: an AnalysisSpec plus the page's own choices (chart, language,
// reading corrections), kept in the URL hash so a bookmark of the file://
// page reopens the same view after the file is dropped again.

export const AGGREGATES = ['sum', 'count', 'count_nonnull', 'mean', 'min', 'max', 'distinct'];
export const SHARES = ['none', 'grand', 'row', 'column', 'parent'];
export const GROWTHS = ['none', 'change', 'rate', 'speed', 'index', 'cagr', 'average', 'contribution', 'pull'];
/** Growth figures given per cell (the others give one summary per row). */
export const CELL_GROWTHS = ['change', 'rate', 'speed', 'index', 'contribution', 'pull'];
// The engine's names (specVocabulary(); tests/js/vocabulary.test.mjs keeps them equal).
export const UNITS = ['元', '千元', '万元', '百万元', '千万元', '亿元'];
export const MAX_ROW_LEVELS = 3;

/** The spec fields the page sets, with the engine's defaults. */
export function baseSpec() {
  return {
    rows: [],
    columns: null,
    measure: null,
    aggregate: 'sum',
    share: 'none',
    growth: 'none',
    basePeriod: null,
    unit: null,
    precision: 2,
    percentPrecision: 2,
    subtotals: true,
    totals: true,
    filters: [],
    largestRemainder: false,
  };
}

function intIn(text, lo, hi, fallback) {
  if (text === null || text === '' || !/^\d+$/.test(text)) return fallback;
  const n = Number(text);
  return n >= lo && n <= hi ? n : fallback;
}

function parseJson(text) {
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch (_) {
    return null;
  }
}

/**
 * Reads the hash. Unknown or malformed parts are ignored.
 * @returns {{spec: object|null, read: object|null, chart: string|null, swap: boolean, lang: string|null}}
 */
export function parseHash(hash) {
  const params = new URLSearchParams(String(hash || '').replace(/^#/, ''));
  const out = { spec: null, read: null, chart: params.get('chart'), swap: params.get('swap') === '1', lang: params.get('lang') };
  const rows = params.getAll('rows').filter(Boolean).slice(0, MAX_ROW_LEVELS);
  const cols = params.get('cols');
  if (rows.length || cols) {
    const spec = baseSpec();
    spec.rows = rows;
    spec.columns = cols || null;
    spec.measure = params.get('measure') || null;
    const agg = params.get('agg');
    if (AGGREGATES.includes(agg)) spec.aggregate = agg;
    const share = params.get('share');
    if (SHARES.includes(share)) spec.share = share;
    const growth = params.get('growth');
    if (GROWTHS.includes(growth)) spec.growth = growth;
    spec.basePeriod = params.get('base') || null;
    const unit = params.get('unit');
    if (UNITS.includes(unit)) spec.unit = unit;
    spec.precision = intIn(params.get('dp'), 0, 10, 2);
    spec.percentPrecision = intIn(params.get('pdp'), 0, 10, 2);
    spec.subtotals = params.get('subtotals') !== '0';
    spec.totals = params.get('totals') !== '0';
    spec.largestRemainder = params.get('lr') === '1';
    for (const f of params.getAll('filter')) {
      const v = parseJson(f);
      if (Array.isArray(v) && typeof v[0] === 'string' && (v[1] === 'keep' || v[1] === 'drop') && Array.isArray(v[2])) {
        spec.filters.push({ column: v[0], [v[1]]: v[2].map(String) });
      }
    }
    out.spec = spec;
  }
  const read = parseJson(params.get('read'));
  if (read && typeof read === 'object' && !Array.isArray(read)) out.read = read;
  return out;
}

/** Writes the hash for a view. */
export function formatHash({ spec, read, chart, swap, lang }) {
  const params = new URLSearchParams();
  if (spec) {
    for (const r of spec.rows || []) params.append('rows', r);
    if (spec.columns) params.set('cols', spec.columns);
    if (spec.measure) params.set('measure', spec.measure);
    if (spec.aggregate && spec.aggregate !== 'sum') params.set('agg', spec.aggregate);
    if (spec.share && spec.share !== 'none') params.set('share', spec.share);
    if (spec.growth && spec.growth !== 'none') params.set('growth', spec.growth);
    if (spec.basePeriod) params.set('base', spec.basePeriod);
    if (spec.unit) params.set('unit', spec.unit);
    if (spec.precision !== 2) params.set('dp', String(spec.precision));
    if (spec.percentPrecision !== 2) params.set('pdp', String(spec.percentPrecision));
    if (spec.subtotals === false) params.set('subtotals', '0');
    if (spec.totals === false) params.set('totals', '0');
    if (spec.largestRemainder) params.set('lr', '1');
    for (const f of spec.filters || []) {
      if (f.keep) params.append('filter', JSON.stringify([f.column, 'keep', f.keep]));
      else if (f.drop) params.append('filter', JSON.stringify([f.column, 'drop', f.drop]));
    }
  }
  if (read && Object.keys(read).length) params.set('read', JSON.stringify(read));
  if (chart && chart !== 'auto') params.set('chart', chart);
  if (swap) params.set('swap', '1');
  if (lang && lang !== 'zh-CN') params.set('lang', lang);
  return params.toString();
}

/** True when every column the spec names exists in the schema with a usable role. */
export function specFits(spec, schema) {
  if (!spec || !schema) return false;
  const names = new Map(schema.columns.map((c) => [c.name, c]));
  const usable = (n) => names.has(n) && names.get(n).role !== 'ignore';
  if (!spec.rows.every(usable)) return false;
  if (spec.columns && !usable(spec.columns)) return false;
  if (spec.measure && !usable(spec.measure)) return false;
  if (!spec.filters.every((f) => names.has(f.column))) return false;
  return spec.rows.length > 0 || !!spec.columns;
}

/** Aggregates that need a measure column (the others count records or values). */
const MEASURE_AGGREGATES = ['sum', 'mean', 'min', 'max'];

/**
 * The part of a view that fits a schema, column by column: rows and columns
 * that are still dimensions or periods stay, a measure that is still a
 * measure stays (else the first one), filters keep only values the file has,
 * a base period the file lacks is dropped, a money unit is dropped for a
 * count measure. What had to change is listed in `changes`, as
 * `{ key, params }` for the page's messages (i18n `view.changed.*`). When
 * none of its rows is left, `spec` is null (use the default view).
 * @param {object} spec the view wanted
 * @param {{columns: {name: string, role: string, kind: string|null}[]}} schema
 * @param {Record<string, string[]>} [values] each key column's values, when listed
 * @returns {{spec: object|null, changes: {key: string, params: object}[]}}
 */
export function fitSpec(spec, schema, values = {}) {
  if (!spec || !schema) return { spec: null, changes: [] };
  const byName = new Map(schema.columns.map((c) => [c.name, c]));
  const isKey = (n) => byName.has(n) && (byName.get(n).role === 'dimension' || byName.get(n).role === 'period');
  const out = JSON.parse(JSON.stringify({ ...baseSpec(), ...spec }));
  const changes = [];
  const seen = new Set();
  out.rows = out.rows.filter((r) => {
    const ok = isKey(r) && !seen.has(r);
    if (!ok && !seen.has(r)) changes.push({ key: 'view.changed.row', params: { c: r } });
    seen.add(r);
    return ok;
  });
  if (out.columns && (!isKey(out.columns) || out.rows.includes(out.columns))) {
    // The period across the top is what most views have: another name for it is taken.
    const period = schema.columns.find((c) => c.role === 'period' && !out.rows.includes(c.name));
    changes.push(period ? { key: 'view.changed.columnTo', params: { c: out.columns, to: period.name } } : { key: 'view.changed.column', params: { c: out.columns } });
    out.columns = period ? period.name : null;
  }
  // The rows are what a view is about: with none of them left, it is another view.
  if ((spec.rows && spec.rows.length && !out.rows.length) || (!out.rows.length && !out.columns)) return { spec: null, changes };
  const measures = schema.columns.filter((c) => c.role === 'measure');
  if (out.measure && !measures.some((c) => c.name === out.measure)) {
    const next = measures[0] ? measures[0].name : null;
    changes.push({ key: next ? 'view.changed.measure' : 'view.changed.noMeasure', params: { c: out.measure, to: next } });
    out.measure = next;
  }
  if (!out.measure && measures.length && out.aggregate !== 'count') out.measure = measures[0].name;
  if (!measures.length && MEASURE_AGGREGATES.includes(out.aggregate)) {
    changes.push({ key: 'view.changed.aggregate', params: {} });
    out.aggregate = 'count';
  }
  out.filters = out.filters.filter((f) => {
    if (!isKey(f.column)) {
      changes.push({ key: 'view.changed.filter', params: { c: f.column } });
      return false;
    }
    const have = values[f.column];
    if (!Array.isArray(have)) return true;
    const set = new Set(have);
    if (f.keep) {
      const keep = f.keep.filter((v) => set.has(v));
      if (keep.length !== f.keep.length) changes.push({ key: 'view.changed.filterValues', params: { c: f.column } });
      if (!keep.length) return false;
      f.keep = keep;
    } else if (f.drop) {
      f.drop = f.drop.filter((v) => set.has(v));
      if (!f.drop.length) return false;
    }
    return true;
  });
  const period = [out.columns, ...out.rows].find((n) => n && byName.get(n).role === 'period');
  if (out.basePeriod && (!period || (Array.isArray(values[period]) && !values[period].includes(out.basePeriod)))) {
    changes.push({ key: 'view.changed.base', params: { p: out.basePeriod } });
    out.basePeriod = null;
  }
  const measure = out.measure ? byName.get(out.measure) : null;
  if (out.unit && (!measure || measure.kind !== 'money')) {
    changes.push({ key: 'view.changed.unit', params: { u: out.unit } });
    out.unit = null;
  }
  return { spec: out, changes };
}

/**
 * The decimals a view's amounts default to: none for head counts and record
 * counts (7 人, not 7.00人), two otherwise (a mean of counts keeps two).
 */
export function autoPrecision(spec, schema) {
  if (['count', 'count_nonnull', 'distinct'].includes(spec.aggregate)) return 0;
  const m = schema && spec.measure ? schema.columns.find((c) => c.name === spec.measure) : null;
  if (m && m.kind === 'count' && ['sum', 'min', 'max'].includes(spec.aggregate)) return 0;
  return 2;
}

/** A sensible first view of a schema: the main category down the side, the year across. */
export function defaultSpec(schema) {
  const spec = baseSpec();
  const cols = schema.columns;
  const period = cols.find((c) => c.role === 'period');
  const dims = cols.filter((c) => c.role === 'dimension');
  const varied = dims.filter((c) => c.distinct > 1 && c.distinct <= 60);
  // Among few-valued categories the richest (else among those of at most
  // 10,000 values); else (ids, free text) the period down the side, or the
  // category with the fewest values.
  const listable = varied.length ? varied : dims.filter((c) => c.distinct <= 10000);
  let pick = listable.reduce((best, c) => (!best || c.distinct > best.distinct ? c : best), null);
  if (!pick && !period) pick = dims.reduce((best, c) => (!best || c.distinct < best.distinct ? c : best), null);
  if (pick) spec.rows = [pick.name];
  else if (period) spec.rows = [period.name];
  if (period && spec.rows[0] !== period.name) spec.columns = period.name;
  const measure = cols.find((c) => c.role === 'measure');
  if (measure) spec.measure = measure.name;
  else spec.aggregate = 'count';
  spec.precision = autoPrecision(spec, schema);
  return spec;
}

/** The spec as sent to the engine (a copy, with empty optional fields dropped). */
export function engineSpec(spec) {
  const out = { ...spec, rows: spec.rows.slice(), filters: spec.filters.map((f) => ({ ...f })) };
  if (!out.basePeriod) delete out.basePeriod;
  if (!out.unit) delete out.unit;
  if (!out.measure) out.measure = null;
  return out;
}

/** Whether the view has the period among its rows or as its columns. */
export function hasPeriod(spec, schema) {
  const period = new Set(schema.columns.filter((c) => c.role === 'period').map((c) => c.name));
  return spec.rows.some((r) => period.has(r)) || (spec.columns && period.has(spec.columns));
}
