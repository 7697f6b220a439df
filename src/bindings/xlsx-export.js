// What the Office module's writeXlsx is given: a view (what table.analyze
// returned) with what the caller knows beside it. Shared by the package
// entry (pkg/index.js, Table.prototype.toXlsx) and the page's engine
// (www/src/engine/handler.js); it imports nothing.

/**
 * @param {object} result what `table.analyze(spec)` returned
 * @param {object} schema what `table.schema()` returned
 * @param {{title?: string, lang?: string, paragraph?: string, fileName?: string}} options
 * @param {Record<string, Record<string, string>>} reasons `specVocabulary().reasons`
 * @returns {string} the JSON text writeXlsx reads
 */
export function xlsxExport(result, schema, options, reasons) {
  const lang = options.lang === 'zh-TW' || options.lang === 'en' ? options.lang : 'zh-CN';
  const texts = {};
  for (const [code, t] of Object.entries(reasons || {})) texts[code] = t[lang] || t['zh-CN'];
  const source = schema && schema.source ? schema.source : {};
  return JSON.stringify({
    result,
    title: options.title || null,
    lang,
    paragraph: options.paragraph || null,
    source: { name: options.fileName || null, format: source.format || null, sheet: source.sheet ?? null },
    reasons: texts,
  });
}

/** A PNG given as bytes, a base64 string or a data: URL, as base64. */
function pngBase64(png) {
  if (!png) return null;
  if (typeof png === 'string') return png.replace(/^data:image\/png;base64,/, '');
  const bytes = png instanceof Uint8Array ? png : new Uint8Array(png);
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

/**
 * One view of a Word report: what writeXlsx is given, and the chart.
 * @param {object} result what `table.analyze(spec)` returned
 * @param {object} schema what `table.schema()` returned
 * @param {{title?: string, lang?: string, paragraph?: string, fileName?: string,
 *   chart?: Uint8Array|string, caption?: string, findings?: object[]}} options
 * @param {Record<string, Record<string, string>>} reasons `specVocabulary().reasons`
 */
export function docxView(result, schema, options, reasons) {
  const view = JSON.parse(xlsxExport(result, schema, options, reasons));
  const png = pngBase64(options.chart);
  if (png) view.chart = { png, caption: options.caption || null };
  if (Array.isArray(options.findings)) view.openFindings = options.findings;
  return view;
}

/**
 * What writeDocx reads: the report's views in order.
 * @param {object[]} views from `docxView`
 * @param {{lang?: string, title?: string}} options
 * @returns {string} JSON text
 */
export function docxReport(views, options = {}) {
  const lang = options.lang === 'zh-TW' || options.lang === 'en' ? options.lang : 'zh-CN';
  return JSON.stringify({ lang, title: options.title || null, views });
}
