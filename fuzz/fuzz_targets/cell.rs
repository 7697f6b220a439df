//! The cell parsers: amounts (with units, qualifiers, full-width forms),
//! periods (years, quarters, months, dates, Chinese numerals), units in
//! headers and lines, null and total markers. Must not panic, and:
//! - the fast path for plain cells agrees with the full parser;
//! - a parsed amount, formatted, parses back to the same amount;
//! - a period's label reads back as the same period.
#![no_main]

use aidstat::cell::{
    is_null_marker, parse_number, parse_period, parse_plain, to_halfwidth, total_marker,
    trim_cell, unit_from_header, unit_from_line, CellValue, Grain, Period, Unit,
};
use aidstat::format;
use libfuzzer_sys::fuzz_target;
use rust_decimal::Decimal;

fuzz_target!(|data: &[u8]| {
    let s = String::from_utf8_lossy(data);
    let s = s.as_ref();
    let number = parse_number(s);
    if let Some((m, scale)) = parse_plain(data) {
        let Ok(CellValue::Number(n)) = &number else {
            panic!("plain {s:?} is {number:?} for the full parser");
        };
        assert_eq!(n.value, Decimal::new(m, scale), "plain {s:?}");
        assert!(n.unit.is_none() && !n.approx, "plain {s:?}");
    }
    if let Ok(CellValue::Number(n)) = &number {
        for dp in [0u32, 2, 28] {
            let shown = format::plain(n.value);
            let _ = format::amount(n.value, dp);
            let _ = format::percent(n.value, dp);
            let _ = format::round(n.value, dp);
            match parse_number(&shown) {
                Ok(CellValue::Number(back)) => assert_eq!(back.value, n.value, "{s:?} → {shown}"),
                other => panic!("{s:?} → {shown} → {other:?}"),
            }
        }
    }
    if let Ok(Some(v)) = parse_period(s) {
        for grain in [Grain::Year, Grain::Quarter, Grain::Month] {
            if let Some(p) = v.at(grain) {
                let label = p.label();
                assert_eq!(Period::parse_label(&label), Some(p), "{s:?} → {label}");
                let _ = p.prev().index();
            }
        }
    }
    let _ = unit_from_header(s).map(|u: Unit| u.label());
    let _ = unit_from_line(s);
    let _ = total_marker(s);
    let _ = is_null_marker(s);
    let _ = to_halfwidth(s);
    let _ = trim_cell(s);
    let _ = Unit::from_label(s);
});
