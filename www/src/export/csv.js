// CSV for Excel and WPS: UTF-8 with a BOM (or GB18030 on request, encoded
// by the engine), CRLF, quoted where needed, and cells that Excel would run
// as a formula neutralised with a leading apostrophe.

// A negative figure as the page shows it: -12, -12.50, -93.02%, and with
// thousands separators -1,234.50 or -1,234.5%. A spreadsheet reads these as
// numbers, not formulas, so they keep their sign; "-1+2", "-1,2" and "-" do not
// match and are neutralised.
const PLAIN_NEGATIVE = /^-(\d{1,3}(,\d{3})+|\d+)(\.\d+)?%?$/;
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Makes a cell safe for spreadsheets: "=1+1" → "'=1+1"; "-12.50" and
 * "-1,234.50" stay numbers.
 * @example neutralise('@SUM(A1)') // "'@SUM(A1)"
 */
export function neutralise(cell) {
  const text = String(cell ?? '');
  if (FORMULA_START.test(text) && !PLAIN_NEGATIVE.test(text)) return `'${text}`;
  return text;
}

function quote(cell) {
  return /[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

/** Rows of strings → CSV text (no BOM). */
export function toCsv(rows) {
  return rows.map((row) => row.map((c) => quote(neutralise(c))).join(',')).join('\r\n') + '\r\n';
}

/** CSV bytes, UTF-8 with a BOM. */
export function csvUtf8(rows) {
  const text = toCsv(rows);
  const body = new TextEncoder().encode(text);
  const out = new Uint8Array(body.length + 3);
  out.set([0xef, 0xbb, 0xbf], 0);
  out.set(body, 3);
  return out;
}
