//! Found by the `read_csv` fuzz target: a file whose lines end in a lone
//! `\r` (classic Mac OS; Excel's "CSV (Macintosh)") was read correctly, but
//! every record was reported at line 1, so every message pointed at line 1.

use aidstat::load::{load, LoadOptions};

#[test]
fn lone_cr_lines_are_numbered() {
    let text = "年度,板块,金额(万元)\r2020,教育,148\r2021,教育,12..5\r\r2022,教育,658\r";
    let t = load(text.as_bytes(), &LoadOptions::default()).unwrap();
    assert_eq!(t.source.header_line, Some(1));
    assert_eq!(t.lines, vec![2, 3, 5]);
    let bad: Vec<(u64, &str)> = t
        .cell_issues
        .iter()
        .map(|i| (i.line, i.raw.as_str()))
        .collect();
    assert_eq!(bad, vec![(3, "12..5")]);
}

#[test]
fn the_fuzzer_input_reads_in_order() {
    // The shape of the crash input: UTF-16LE with a BOM, a header ended by a
    // lone CR, then a record.
    let mut bytes = vec![0xff, 0xfe];
    for u in "年度\t金额\r2020\t1\r2021\t2".encode_utf16() {
        bytes.extend_from_slice(&u.to_le_bytes());
    }
    let t = load(&bytes, &LoadOptions::default()).unwrap();
    assert_eq!(t.source.header_line, Some(1));
    assert_eq!(t.lines, vec![2, 3]);
}
