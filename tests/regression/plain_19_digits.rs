//! Found by the `cell` fuzz target (smoke run on a fresh clone): the fast
//! path for plain cells accepted up to 19 characters and multiplied before
//! checking the digit count, so a 19-digit amount such as
//! `9903333330333333393` overflowed i64: a panic in debug builds (and in
//! the fuzzer), a wrapped value thrown away in release. It now stops at the
//! 19th digit and leaves the cell to the full parser, which reads it exactly.

use aidstat::cell::{parse_number, parse_plain, CellValue};
use aidstat::load::{load, LoadOptions};
use aidstat::table::MeasureKind;
use rust_decimal::Decimal;
use std::str::FromStr;

#[test]
fn nineteen_digits_go_to_the_full_parser() {
    for text in [
        "9903333330333333393",
        "9999999999999999999",
        "-9999999999999999999",
    ] {
        assert_eq!(parse_plain(text.as_bytes()), None, "{text}");
        let Ok(CellValue::Number(n)) = parse_number(text) else {
            panic!("{text}");
        };
        assert_eq!(n.value, Decimal::from_str(text).unwrap(), "{text}");
    }
    assert_eq!(
        parse_plain(b"999999999999999999"),
        Some((999_999_999_999_999_999, 0))
    );
    assert_eq!(
        parse_plain(b"99999999.9999999999"),
        Some((999_999_999_999_999_999, 10))
    );
}

#[test]
fn a_column_of_19_digit_amounts_loads() {
    let text = "年度,金额(元)\n2020,9903333330333333393\n2021,1\n";
    let t = load(text.as_bytes(), &LoadOptions::default()).unwrap();
    assert_eq!(t.columns[1].kind, Some(MeasureKind::Money));
    assert!(t.cell_issues.is_empty());
}
