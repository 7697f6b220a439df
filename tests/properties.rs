//! Invariants over random data, through the whole engine (STYLE.md):
//! - the parts of a total add up to it exactly, so the shares' numerators sum
//!   to their denominator; the decimal shares sum to 100 % up to the last of
//!   their 28 significant digits;
//! - a series rebuilt from its changes is the series, exactly; rebuilt from
//!   its growth rates, it is the series to 1e-20 relative;
//! - formatting an amount and parsing the text returns the amount.

use std::str::FromStr;

use aidstat::analyze::{analyze, spec::Spec};
use aidstat::cell::{parse_number, CellValue};
use aidstat::table::{load, LoadOptions};
use proptest::prelude::*;
use rust_decimal::Decimal;

fn amount() -> impl Strategy<Value = Decimal> {
    (-10_000_000_000i64..10_000_000_000i64, 0u32..=4).prop_map(|(m, s)| Decimal::new(m, s))
}

fn positive() -> impl Strategy<Value = Decimal> {
    (1i64..10_000_000_000i64, 0u32..=4).prop_map(|(m, s)| Decimal::new(m, s))
}

fn exact(f: &aidstat::analyze::result::Figure) -> Decimal {
    Decimal::from_str(f.exact.as_deref().unwrap_or("NaN"))
        .unwrap_or_else(|_| panic!("no value: {f:?}"))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn shares_of_a_total_sum_to_one(parts in prop::collection::vec(positive(), 1..12)) {
        let mut csv = String::from("项目,金额\n");
        for (i, p) in parts.iter().enumerate() {
            csv.push_str(&format!("p{i},{p}\n"));
        }
        let t = load(csv.as_bytes(), &LoadOptions::default()).unwrap();
        let r = analyze(&t, &Spec::from_json(r#"{"rows":["项目"],"share":"grand","precision":4}"#).unwrap()).unwrap();
        let data: Vec<_> = r.rows.iter().filter(|row| row.kind == "data").collect();
        let total = exact(&r.rows.last().unwrap().cells[0].value);
        let values: Decimal = data.iter().map(|row| exact(&row.cells[0].value)).sum();
        prop_assert_eq!(values, total, "parts add up to the total exactly");
        prop_assert_eq!(total, parts.iter().copied().sum::<Decimal>());
        let shares: Decimal = data.iter().map(|row| exact(row.cells[0].share.as_ref().unwrap())).sum();
        let slack = Decimal::new(parts.len() as i64, 24);
        prop_assert!((shares - Decimal::ONE_HUNDRED).abs() <= slack, "shares sum to {}", shares);
    }

    #[test]
    fn a_series_rebuilt_from_its_growth_is_the_series(series in prop::collection::vec(positive(), 2..8)) {
        let mut csv = String::from("年度,金额\n");
        for (i, v) in series.iter().enumerate() {
            csv.push_str(&format!("{},{v}\n", 2000 + i));
        }
        let t = load(csv.as_bytes(), &LoadOptions::default()).unwrap();
        let run = |growth: &str| {
            let spec = format!(r#"{{"columns":"年度","growth":"{growth}","totals":false,"precision":4}}"#);
            analyze(&t, &Spec::from_json(&spec).unwrap()).unwrap()
        };
        let changes = run("change");
        let rates = run("rate");
        let (mut by_change, mut by_rate) = (series[0], series[0]);
        for (i, want) in series.iter().enumerate().skip(1) {
            by_change += exact(changes.rows[0].cells[i].growth.as_ref().unwrap());
            let rate = exact(rates.rows[0].cells[i].growth.as_ref().unwrap());
            by_rate *= Decimal::ONE + rate / Decimal::ONE_HUNDRED;
            prop_assert_eq!(by_change, *want, "rebuilt from changes, period {}", i);
            let rel = ((by_rate - want) / want).abs();
            prop_assert!(rel < Decimal::new(1, 20), "rebuilt from rates: {} vs {}", by_rate, want);
            by_rate = *want;
        }
    }

    #[test]
    fn formatting_then_parsing_returns_the_amount(d in amount()) {
        let text = aidstat::format::amount(d, 4);
        match parse_number(&text) {
            Ok(CellValue::Number(n)) => prop_assert_eq!(n.value, d, "{}", text),
            other => prop_assert!(false, "{} parsed as {:?}", text, other),
        }
    }

    #[test]
    fn loading_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        if let Ok(t) = load(&bytes, &LoadOptions::default()) {
            let cols: Vec<String> = t.columns.iter().map(|c| c.name.clone()).collect();
            for spec in [r#"{}"#.to_string(), format!(r#"{{"rows":{:?},"aggregate":"count","share":"grand","growth":"rate"}}"#, cols)] {
                if let Ok(s) = Spec::from_json(&spec) {
                    let _ = analyze(&t, &s);
                }
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    /// Quote-free text is split directly; it must give the records (and
    /// lines) the csv crate gives.
    #[test]
    fn quote_free_splitting_matches_the_csv_crate(
        text in "[a-c1-3 ,;\t\r\n年度]{0,80}",
        delim in prop::sample::select(vec![b',', b'\t', b';']),
    ) {
        let mut csv_reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).delimiter(delim).from_reader(text.as_bytes());
        let mut plain = aidstat::read::csv::Plain::new(text.as_bytes(), delim);
        let (mut a, mut b) = (csv::ByteRecord::new(), csv::ByteRecord::new());
        loop {
            let got_csv = csv_reader.read_byte_record(&mut a).unwrap();
            let got_plain = plain.next_into(&mut b);
            prop_assert_eq!(got_csv, got_plain.is_some(), "record count differs for {:?}", text);
            if !got_csv { break; }
            prop_assert_eq!(&a, &b, "fields differ for {:?}", text);
        }
    }
}
