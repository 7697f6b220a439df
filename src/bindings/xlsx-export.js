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
