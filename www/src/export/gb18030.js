// A GB18030 encoder without a shipped table: the browser's own GB18030
// decoder (TextDecoder, in every current browser) is run once over every
// two-byte code and every four-byte BMP code, and its output inverted. The
// rest of Unicode (beyond U+FFFF) is algorithmic in GB18030.

let table = null; // Uint32Array(65536): 0 = none, ≤ 0xFFFF two bytes, else four bytes

function fourBytes(pointer) {
  const b4 = pointer % 10;
  const b3 = Math.floor(pointer / 10) % 126;
  const b2 = Math.floor(pointer / 1260) % 10;
  const b1 = Math.floor(pointer / 12600);
  return [0x81 + b1, 0x30 + b2, 0x81 + b3, 0x30 + b4];
}

function decodeEach(decoder, bytes, width, count, put) {
  const text = decoder.decode(bytes);
  if (text.length === count) {
    for (let i = 0; i < count; i += 1) put(i, text.charCodeAt(i));
    return;
  }
  // Some code did not decode to exactly one unit: go one by one.
  for (let i = 0; i < count; i += 1) {
    const one = decoder.decode(bytes.subarray(i * width, (i + 1) * width));
    if (one.length === 1) put(i, one.charCodeAt(0));
  }
}

function build() {
  const map = new Uint32Array(65536);
  const decoder = new TextDecoder('gb18030');
  // Four-byte codes of the BMP first, so that two-byte codes win where both decode to one character.
  const n4 = 39420;
  const four = new Uint8Array(n4 * 4);
  for (let p = 0; p < n4; p += 1) four.set(fourBytes(p), p * 4);
  decodeEach(decoder, four, 4, n4, (i, cu) => {
    if (cu !== 0xfffd && (cu < 0xd800 || cu > 0xdfff)) {
      const b = four.subarray(i * 4, i * 4 + 4);
      map[cu] = ((b[0] << 24) | (b[1] << 16) | (b[2] << 8) | b[3]) >>> 0;
    }
  });
  const pairs = [];
  for (let lead = 0x81; lead <= 0xfe; lead += 1) {
    for (let trail = 0x40; trail <= 0xfe; trail += 1) if (trail !== 0x7f) pairs.push(lead, trail);
  }
  const two = Uint8Array.from(pairs);
  decodeEach(decoder, two, 2, two.length / 2, (i, cu) => {
    if (cu !== 0xfffd && cu >= 0x80) map[cu] = (two[i * 2] << 8) | two[i * 2 + 1];
  });
  return map;
}

/**
 * Encodes text as GB18030 bytes.
 * @example encodeGb18030('医疗') // Uint8Array [0xd2, 0xbd, 0xc1, 0xc6]
 */
export function encodeGb18030(text) {
  if (!table) table = build();
  const out = [];
  for (const ch of String(text)) {
    const cp = ch.codePointAt(0);
    if (cp < 0x80) out.push(cp);
    else if (cp > 0xffff) out.push(...fourBytes(189000 + (cp - 0x10000)));
    else {
      const v = table[cp];
      if (v === 0) out.push(0x3f);
      else if (v <= 0xffff) out.push(v >> 8, v & 0xff);
      else out.push(v >>> 24, (v >> 16) & 0xff, (v >> 8) & 0xff, v & 0xff);
    }
  }
  return Uint8Array.from(out);
}
