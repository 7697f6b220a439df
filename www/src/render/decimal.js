// Comparing decimal strings exactly (for sorting); no float is involved.

function parse(s) {
  let text = String(s).trim();
  let neg = false;
  if (text.startsWith('-')) {
    neg = true;
    text = text.slice(1);
  } else if (text.startsWith('+')) text = text.slice(1);
  const [intPart = '', fracPart = ''] = text.split('.');
  const int = intPart.replace(/^0+/, '');
  const frac = fracPart.replace(/0+$/, '');
  if (!int && !frac) neg = false;
  return { neg, int, frac };
}

function compareAbs(a, b) {
  if (a.int.length !== b.int.length) return a.int.length < b.int.length ? -1 : 1;
  if (a.int !== b.int) return a.int < b.int ? -1 : 1;
  const n = Math.max(a.frac.length, b.frac.length);
  const fa = a.frac.padEnd(n, '0');
  const fb = b.frac.padEnd(n, '0');
  if (fa === fb) return 0;
  return fa < fb ? -1 : 1;
}

/**
 * Compares two decimal strings.
 * @example compareDecimal('-0.5', '0.25') // -1
 */
export function compareDecimal(a, b) {
  const pa = parse(a);
  const pb = parse(b);
  if (pa.neg !== pb.neg) return pa.neg ? -1 : 1;
  const m = compareAbs(pa, pb);
  return pa.neg ? -m : m;
}
