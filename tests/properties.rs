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
use aidstat::load::{load, LoadOptions};
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

    /// Every group's sum, count and mean, and the lines of nulls and bad
    /// cells, worked out in the test by a plain map over the rows.
    #[test]
    fn group_sums_match_a_plain_tally(
        rows in prop::collection::vec((0usize..3, 0usize..4, prop::option::weighted(0.85, amount()), any::<bool>()), 1..60),
    ) {
        use std::collections::BTreeMap;
        let names = ["甲", "乙", "丙"];
        let mut csv = String::from("年度,单位名称,金额\n");
        // (records without bad cells, non-null values, sum, all records)
        let mut want: BTreeMap<(usize, usize), (u64, u64, Decimal, u64)> = BTreeMap::new();
        let mut nulls = Vec::new();
        let mut bad = Vec::new();
        for (i, (n, y, v, broken)) in rows.iter().enumerate() {
            let line = i as u64 + 2;
            let e = want.entry((*n, *y)).or_insert((0, 0, Decimal::ZERO, 0));
            e.3 += 1;
            match (v, broken) {
                (Some(_), true) => {
                    csv.push_str(&format!("{},{},12..5\n", 2020 + y, names[*n]));
                    bad.push(line);
                    continue;
                }
                (Some(v), false) => {
                    csv.push_str(&format!("{},{},{v}\n", 2020 + y, names[*n]));
                    e.0 += 1;
                    e.1 += 1;
                    e.2 += *v;
                }
                (None, _) => {
                    csv.push_str(&format!("{},{},\n", 2020 + y, names[*n]));
                    e.0 += 1;
                    nulls.push(line);
                }
            }
        }
        // Said to be a measure: a column of only blanks and bad cells would not look like one.
        let opts = LoadOptions::from_json(r#"{"columns":{"金额":{"role":"measure"}}}"#).unwrap();
        let t = load(csv.as_bytes(), &opts).unwrap();
        for agg in ["sum", "count", "mean"] {
            let spec = format!(r#"{{"rows":["单位名称"],"columns":"年度","aggregate":"{agg}","precision":4,"totals":false}}"#);
            let r = analyze(&t, &Spec::from_json(&spec).unwrap()).unwrap();
            let mut seen = 0;
            for row in r.rows.iter().filter(|row| row.kind == "data") {
                let n = names.iter().position(|x| *x == row.label).unwrap();
                for (col, c) in r.columns.iter().zip(&row.cells) {
                    let Ok(year) = col.label.parse::<usize>() else { continue };
                    let Some(&(kept, nonnull, sum, all)) = want.get(&(n, year - 2020)) else {
                        prop_assert_eq!(c.records, 0);
                        continue;
                    };
                    // Counting reads no amount, so a row with a bad amount is still a record.
                    let records = if agg == "count" { all } else { kept };
                    if records == 0 {
                        continue;
                    }
                    seen += 1;
                    prop_assert_eq!(c.records, records);
                    let got = c.value.exact.as_deref().map(|x| Decimal::from_str(x).unwrap());
                    let expect = match agg {
                        "count" => Some(Decimal::from(records)),
                        _ if nonnull == 0 => None,
                        "sum" => Some(sum),
                        _ => Some(sum / Decimal::from(nonnull)),
                    };
                    prop_assert_eq!(got, expect, "{} {} {}", agg, row.label, col.label);
                }
            }
            let groups = want.values().filter(|e| if agg == "count" { e.3 > 0 } else { e.0 > 0 }).count();
            prop_assert_eq!(seen, groups);
            // Counting records reads no amount: no null, no bad cell to report.
            if agg != "count" {
                prop_assert_eq!(&r.diagnostics.nulls.lines, &nulls);
                let set_aside: Vec<u64> = r.diagnostics.set_aside.iter().map(|s| s.line).collect();
                prop_assert_eq!(&set_aside, &bad);
            }
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

/// A figure as shown: its text and its reason.
type Shown = (String, Option<&'static str>);

/// Every row's label and each cell's value, share and growth: text and reason.
fn shown(r: &aidstat::analyze::result::AnalysisResult) -> Vec<(String, Vec<[Shown; 3]>)> {
    let f = |x: Option<&aidstat::analyze::result::Figure>| {
        x.map_or((String::new(), None), |x| (x.text.clone(), x.reason))
    };
    r.rows
        .iter()
        .map(|row| {
            (
                row.label.clone(),
                row.cells
                    .iter()
                    .map(|c| [f(Some(&c.value)), f(c.share.as_ref()), f(c.growth.as_ref())])
                    .collect(),
            )
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(120))]

    /// Issue #13: any long table (板块 × 年度, some cells missing, zeros and
    /// negatives too), pivoted wide (`2018(万元), 2019(万元), …`, years in
    /// either order, an empty cell where the long table has no row) and read
    /// back, gives the same figures, reasons and rows used. Only the lines differ.
    #[test]
    fn a_long_table_pivoted_wide_reads_back_the_same(
        cells in prop::collection::vec(prop::collection::vec(prop::option::of((-500_000i64..5_000_000i64, 0u32..=2)), 2..5), 1..6),
        first_year in 2010i32..2020,
        newest_first in any::<bool>(),
    ) {
        let years: Vec<i32> = (0..cells[0].len() as i32).map(|k| first_year + k).collect();
        let mut long = String::from("板块,年度,金额(万元)\n");
        let mut order = years.clone();
        if newest_first {
            order.reverse();
        }
        let mut wide = String::from("板块");
        for y in &order {
            wide.push_str(&format!(",{y}(万元)"));
        }
        wide.push('\n');
        for (i, row) in cells.iter().enumerate() {
            wide.push_str(&format!("类别{i}"));
            let by_year: Vec<Option<Decimal>> = years.iter().enumerate().map(|(k, _)| row.get(k).copied().flatten().map(|(m, s)| Decimal::new(m, s))).collect();
            for y in &order {
                let k = years.iter().position(|x| x == y).unwrap_or(0);
                match by_year.get(k).copied().flatten() {
                    Some(v) => wide.push_str(&format!(",{v}")),
                    None => wide.push(','),
                }
            }
            wide.push('\n');
            for (k, y) in years.iter().enumerate() {
                if let Some(v) = by_year.get(k).copied().flatten() {
                    long.push_str(&format!("类别{i},{y},{v}\n"));
                }
            }
        }
        // A long table needs a row; a wide one whose every cell is empty has none.
        prop_assume!(long.lines().count() > 1);
        let l = load(long.as_bytes(), &LoadOptions::default()).unwrap();
        let w = load(wide.as_bytes(), &LoadOptions::default()).unwrap();
        prop_assert!(w.warnings.iter().any(|x| x.code == "wide_unpivoted"), "{wide}");
        for spec in [
            r#"{"rows":["板块"],"columns":"年度","share":"column","growth":"rate"}"#,
            r#"{"rows":["板块"],"columns":"年度","growth":"cagr"}"#,
            r#"{"columns":"年度","growth":"index"}"#,
        ] {
            let s = Spec::from_json(spec).unwrap();
            let (a, b) = (analyze(&l, &s).unwrap(), analyze(&w, &s).unwrap());
            prop_assert_eq!(shown(&a), shown(&b), "{} | {} | {}", spec, long, wide);
            prop_assert_eq!(a.diagnostics.rows_used, b.diagnostics.rows_used);
            let summary = |r: &aidstat::analyze::result::AnalysisResult| r.rows.iter().map(|x| x.summary.as_ref().map(|f| (f.text.clone(), f.reason))).collect::<Vec<_>>();
            prop_assert_eq!(summary(&a), summary(&b));
        }
    }
}
