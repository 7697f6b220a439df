//! Decoding + CSV reading: any bytes, any encoding label and delimiter the
//! options allow. Must not panic; records must come out in file order with
//! strictly increasing line numbers below the header.
#![no_main]

use aidstat::read::{self, decode, Fields, Format, ReadOptions, Row};
use libfuzzer_sys::fuzz_target;

const LABELS: [Option<&str>; 6] = [
    None,
    Some("utf-8"),
    Some("gbk"),
    Some("big5"),
    Some("utf-16le"),
    Some("utf-16be"),
];
const DELIMITERS: [Option<u8>; 6] = [None, None, Some(b','), Some(b'\t'), Some(b';'), Some(b'|')];

/// Valid UTF-8 as the decoder gives it back: NUL padding at the end (with
/// the spaces and line breaks among it) dropped, a lone CR made LF.
fn as_read(s: &str) -> String {
    let kept = s.trim_end_matches(|c: char| c == '\0' || c.is_whitespace());
    let s = if s[kept.len()..].contains('\0') { kept } else { s };
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    for (i, c) in s.char_indices() {
        if c == '\r' && b.get(i + 1) != Some(&b'\n') {
            out.push('\n');
        } else {
            out.push(c);
        }
    }
    out
}

fuzz_target!(|data: &[u8]| {
    let Some((&sel, bytes)) = data.split_first() else {
        return;
    };
    let label = LABELS[usize::from(sel & 0x7) % LABELS.len()];
    let delimiter = DELIMITERS[usize::from(sel >> 3 & 0x7) % DELIMITERS.len()];
    let header_line = (sel & 0xc0 == 0xc0).then_some(u64::from(sel & 0x3) + 1);
    let Ok(decoded) = decode::decode(bytes, label) else {
        return;
    };
    if label.is_none() && !decoded.bom {
        if let Ok(s) = std::str::from_utf8(bytes) {
            assert_eq!(decoded.text, as_read(s), "valid UTF-8 is read as it is");
        }
    }
    let opts = ReadOptions {
        format: Some(Format::Csv),
        encoding: None,
        delimiter,
        header_line,
    };
    let Ok(mut source) = read::open(&decoded, &opts) else {
        return;
    };
    let header = source.info.header_line.unwrap_or(0);
    let mut last = header;
    let mut row = Row::default();
    while let Some(line) = source.rows.next_row(&mut row) {
        assert!(line > last, "line {line} after line {last}");
        last = line;
        for f in row.fields() {
            assert!(std::str::from_utf8(f).is_ok(), "fields are UTF-8");
        }
    }
});
