//! Files with problems still compute, and every empty figure says why
//! (SEMANTICS §5–§7). Expected values are worked out by hand in the comments.

#![allow(clippy::type_complexity)] // table-driven rows are wide tuples

use aidstat::analyze::{analyze, result::AnalysisResult, spec::Spec};
use aidstat::load::{load, LoadOptions};
use aidstat::table::Table;

fn table(text: &str) -> Table {
    load(text.as_bytes(), &LoadOptions::default()).unwrap_or_else(|e| panic!("{e}"))
}

fn run(t: &Table, spec: &str) -> AnalysisResult {
    analyze(t, &Spec::from_json(spec).unwrap()).unwrap_or_else(|e| panic!("{spec}: {e}"))
}

#[test]
fn bad_cells_ragged_rows_nulls_and_a_total_row() {
    let text = "年度,板块,金额(万元)\n\
                2020,医疗,430\n\
                2020,教育,12..5\n\
                2020,招商,—\n\
                2021,医疗\n\
                2021,教育,\"1,000\"\n\
                2021,招商,50,extra\n\
                合计,,1480\n";
    let t = table(text);
    // Lines 2..8 are 7 data rows: 1 total row and 1 over-long row set aside at load.
    assert_eq!(t.rows_read, 7);
    assert_eq!(t.len(), 5);
    let r = run(&t, r#"{"rows":["板块"]}"#);
    let d = &r.diagnostics;
    // Used: 430 (line 2) and 1,000 (line 6). Nulls: line 4 (—) and line 5 (missing cell).
    assert_eq!(d.rows_used, 2);
    assert_eq!(d.nulls.lines, vec![4, 5]);
    let reasons: Vec<(u64, &str)> = d.set_aside.iter().map(|s| (s.line, s.reason)).collect();
    assert_eq!(
        reasons,
        vec![(3, "bad_cell"), (7, "too_many_cells"), (8, "total_row")]
    );
    // Every row read is accounted for.
    assert_eq!(
        d.rows_used + d.nulls.count + d.set_aside.len() + d.filtered_out,
        d.rows_read
    );
    let bad = &d.set_aside[0];
    assert_eq!(
        (bad.column.as_deref(), bad.column_number, bad.raw.as_str()),
        (Some("金额(万元)"), Some(3), "12..5")
    );
    assert!(
        bad.text
            .en
            .contains("\"12..5\" in column \"金额(万元)\" at line 3"),
        "{}",
        bad.text.en
    );
    assert!(bad.text.zh.contains("第 3 行"), "{}", bad.text.zh);

    let cells: Vec<(&str, &str, Option<&str>)> = r
        .rows
        .iter()
        .map(|row| {
            (
                row.label.as_str(),
                row.cells[0].value.text.as_str(),
                row.cells[0].value.reason,
            )
        })
        .collect();
    assert_eq!(
        cells,
        vec![
            ("医疗", "430.00", None),
            ("教育", "1,000.00", None),
            ("招商", "—", Some("no_value")), // only a null: missing, not 0
            ("合计", "1,430.00", None),
        ]
    );
    // The sheet's 合计 says 1480; the rows it covers add up to 1430.
    assert_eq!(r.findings.len(), 1);
    // As the JSON result carries it: exact decimals as strings.
    let f = serde_json::to_value(&r.findings[0]).unwrap();
    assert_eq!(
        (&f["code"], &f["stated"], &f["computed"], &f["difference"]),
        (
            &"total_mismatch".into(),
            &"1480".into(),
            &"1430".into(),
            &"50".into()
        )
    );
}

#[test]
fn a_stated_total_reveals_a_unit_slip() {
    // Seed 002: 宝安区 "2.7379万元" where 2.7379亿元 is meant.
    // Parts as written: 4750 + 9436 + 2.7379 = 14188.7379 万元; stated 4.1565亿元 = 41565 万元.
    let text = "帮扶方,项目,金额(万元)\n深圳市直单位,到位资金,4750\n深圳市国有企业,到位资金,9436\n宝安区,到位资金,2.7379万元\n合计,,4.1565亿元\n";
    let t = table(text);
    let f = &t.findings[0];
    assert_eq!(f.code, "total_mismatch");
    assert_eq!(
        (
            f.stated.to_string(),
            f.computed.to_string(),
            f.difference.to_string()
        ),
        ("41565".into(), "14188.7379".into(), "27376.2621".into())
    );
    assert_eq!(f.covered_lines, vec![2, 3, 4]);
}

#[test]
fn subtotal_rows_cover_their_blocks() {
    // 小计 rows cover the rows since the previous total row; the 合计 covers all:
    // 1 + 2 = 3 (right), 4 ≠ 5 (off by 1), 1 + 2 + 4 = 7 (right).
    let text = "地区,项目,金额\n甲,a,1\n甲,b,2\n小计,,3\n乙,c,4\n小计,,5\n合计,,7\n";
    let t = table(text);
    let got: Vec<(&str, String, Vec<u64>)> = t
        .findings
        .iter()
        .map(|f| (f.code, f.difference.to_string(), f.covered_lines.clone()))
        .collect();
    assert_eq!(
        got,
        vec![
            ("total_ok", "0".to_string(), vec![2, 3]),
            ("total_mismatch", "1".to_string(), vec![5]),
            ("total_ok", "0".to_string(), vec![2, 3, 5]),
        ]
    );
    // The total rows' own labels are not values of the table: 地区 holds 甲
    // and 乙 (小计 and 合计 are set aside), so a filter list offers two, and
    // the schema counts two distinct values.
    let region = t.column("地区").unwrap();
    assert_eq!(t.values(region).unwrap(), vec!["甲", "乙"]);
    assert_eq!(t.distinct(region), Some(2));
    let schema = aidstat::table::describe::describe(&t);
    assert_eq!(schema.columns[0].distinct, 2);
    assert_eq!(schema.columns[0].sample, vec!["甲", "乙"]);
    // A total row keyed by year covers that year's rows only.
    let t = table("年度,板块,金额\n2020,a,1\n2021,a,2\n2020,b,3\n2020,合计,4\n");
    assert_eq!(t.findings[0].code, "total_ok");
    assert_eq!(t.findings[0].covered_lines, vec![2, 4]);
}

/// Growth reasons on one pivot. By hand (rate = (cur − prior) / |prior|):
/// A: 2019 0, 2020 5, 2021 10     → 2019 no_prior; 2020 zero_base 新增; 2021 100.00 %; 2022 no_current
/// B: 2019 −10, 2020 5, 2022 6    → 2020 (5+10)/10 = 150.00 % negative_base; 2022 no_prior (2021 is a gap)
/// C: 2020 null, 2021 3           → 2020 value no_value, growth no_current; 2021 no_prior
/// D: 2021 0, 2022 0              → 2022 zero_base shown as —
const GROWTH: &str = "年度,板块,金额\n2019,A,0\n2020,A,5\n2021,A,10\n2019,B,-10\n2020,B,5\n2022,B,6\n2020,C,—\n2021,C,3\n2021,D,0\n2022,D,0\n";

#[test]
fn growth_reasons() {
    let t = table(GROWTH);
    let r = run(&t, r#"{"rows":["板块"],"columns":"年度","growth":"rate"}"#);
    let g = |row: &str, col: &str| {
        let f = r
            .cell(row, col)
            .and_then(|c| c.growth.clone())
            .unwrap_or_else(|| panic!("{row} {col}"));
        (f.text, f.reason, f.flags)
    };
    let rows: [(&str, &str, &str, Option<&str>, Vec<&str>); 10] = [
        ("A", "2019", "—", Some("no_prior"), vec![]),
        ("A", "2020", "新增", Some("zero_base"), vec![]),
        ("A", "2021", "100.00%", None, vec![]),
        ("A", "2022", "—", Some("no_current"), vec![]),
        ("B", "2020", "150.00%", None, vec!["negative_base"]),
        ("B", "2022", "—", Some("no_prior"), vec![]),
        ("C", "2020", "—", Some("no_current"), vec![]),
        ("C", "2021", "—", Some("no_prior"), vec![]),
        ("D", "2021", "—", Some("no_prior"), vec![]),
        ("D", "2022", "—", Some("zero_base"), vec![]),
    ];
    for (row, col, text, reason, flags) in rows {
        assert_eq!(
            g(row, col),
            (text.to_string(), reason, flags),
            "{row} {col}"
        );
    }
    assert_eq!(r.cell("C", "2020").unwrap().value.reason, Some("no_value"));
    assert_eq!(
        r.cell("A", "2022").unwrap().value.reason,
        Some("no_records")
    );
    assert_eq!(
        r.cell("A", "2022").unwrap().value.text,
        "",
        "a pivot cell with no records is empty, not 0"
    );
    // The total column has no period: no growth there.
    assert_eq!(
        r.row("A")
            .unwrap()
            .cells
            .last()
            .unwrap()
            .growth
            .as_ref()
            .unwrap()
            .reason,
        Some("no_period")
    );
}

#[test]
fn other_growth_variants() {
    let t = table(GROWTH);
    let fig = |spec: &str, row: &str, col: &str| {
        let r = run(&t, spec);
        let f = r.cell(row, col).and_then(|c| c.growth.clone()).unwrap();
        (f.text, f.reason)
    };
    let base = r#"{"rows":["板块"],"columns":"年度","growth":"#;
    // change: A 2021 10 − 5 = 5; speed: 10 / 5 = 200 %; index (base 2020): A 2021 = 10/5×100 = 200 %
    assert_eq!(
        fig(&format!(r#"{base}"change"}}"#), "A", "2021"),
        ("5.00".into(), None)
    );
    assert_eq!(
        fig(&format!(r#"{base}"speed"}}"#), "A", "2021"),
        ("200.00%".into(), None)
    );
    assert_eq!(
        fig(
            &format!(r#"{base}"index","basePeriod":"2020"}}"#),
            "A",
            "2021"
        ),
        ("200.00%".into(), None)
    );
    // index with the default base (first period 2019): D has no 2019 → no_base; A 2019 is 0 → zero_base
    assert_eq!(
        fig(&format!(r#"{base}"index"}}"#), "D", "2022"),
        ("—".into(), Some("no_base"))
    );
    assert_eq!(
        fig(&format!(r#"{base}"index"}}"#), "A", "2021"),
        ("—".into(), Some("zero_base"))
    );
    // Totals per year: 2019 0 − 10 = −10, 2020 5 + 5 = 10 (C null), 2021 10 + 3 + 0 = 13, 2022 6 + 0 = 6.
    // contribution A 2021: Δ 5 / Δtotal (13 − 10 = 3) = 166.67 %; pull: 5 / 10 × 100 = 50.00 points
    assert_eq!(
        fig(&format!(r#"{base}"contribution"}}"#), "A", "2021"),
        ("166.67%".into(), None)
    );
    assert_eq!(
        fig(&format!(r#"{base}"pull"}}"#), "A", "2021"),
        ("50.00".into(), None)
    );
    // CAGR over 2019–2022: A starts at 0, B at −10, the total at −10: all undefined.
    let r = run(&t, &format!(r#"{base}"cagr"}}"#));
    for row in ["A", "B", "合计"] {
        assert_eq!(
            r.row(row).unwrap().summary.as_ref().unwrap().reason,
            Some("cagr_undefined"),
            "{row}"
        );
    }
    // No period in the view.
    let r = run(&t, r#"{"rows":["板块"],"growth":"rate"}"#);
    assert_eq!(
        r.rows[0].cells[0].growth.as_ref().unwrap().reason,
        Some("no_period")
    );
    assert!(r.diagnostics.warnings.iter().any(|w| w.code == "no_period"));
}

#[test]
fn growth_with_the_period_down_the_side() {
    // rows = [板块, 年度]: the prior cell is the same 板块 one year earlier.
    let t = table(GROWTH);
    let r = run(&t, r#"{"rows":["板块","年度"],"growth":"rate"}"#);
    let a2021 = r
        .rows
        .iter()
        .find(|row| row.keys == [Some("A".to_string()), Some("2021".to_string())])
        .unwrap();
    assert_eq!(a2021.cells[0].growth.as_ref().unwrap().text, "100.00%");
    let b2022 = r
        .rows
        .iter()
        .find(|row| row.keys == [Some("B".to_string()), Some("2022".to_string())])
        .unwrap();
    assert_eq!(
        b2022.cells[0].growth.as_ref().unwrap().reason,
        Some("no_prior")
    );
    // Years sort by the calendar inside each group, subtotal after them.
    let labels: Vec<&str> = r
        .rows
        .iter()
        .take(4)
        .map(|row| row.label.as_str())
        .collect();
    assert_eq!(labels, ["2019", "2020", "2021", "A 小计"]);
}

#[test]
fn share_reasons() {
    // Grand total 1 + (−1) = 0: every share is zero_total.
    let t = table("项目,金额\nx,1\ny,-1\n");
    let r = run(&t, r#"{"rows":["项目"],"share":"grand"}"#);
    assert!(r
        .rows
        .iter()
        .all(|row| row.cells[0].share.as_ref().unwrap().reason == Some("zero_total")));
    // Negative parts: 3 and −1 of 2 → 150.00 % and −50.00 %, both flagged.
    let t = table("项目,金额\nx,3\ny,-1\n");
    let r = run(&t, r#"{"rows":["项目"],"share":"grand"}"#);
    let s: Vec<(String, Vec<&str>)> = r
        .rows
        .iter()
        .map(|row| {
            row.cells[0]
                .share
                .clone()
                .map(|f| (f.text, f.flags))
                .unwrap()
        })
        .collect();
    assert_eq!(
        s,
        vec![
            ("150.00%".into(), vec!["negative_part"]),
            ("-50.00%".into(), vec!["negative_part"]),
            ("100.00%".into(), vec![])
        ]
    );
    // A mean does not add up: no share.
    let r = run(
        &t,
        r#"{"rows":["项目"],"share":"grand","aggregate":"mean"}"#,
    );
    assert_eq!(
        r.rows[0].cells[0].share.as_ref().unwrap().reason,
        Some("not_additive")
    );
}

#[test]
fn shares_of_row_column_parent() {
    // By hand: 甲 2020 a 1, b 3; 甲 2021 a 2; 乙 2020 c 4.
    // Column 2020 total 8; 甲 row total 6; 甲 subtotal 2020 = 4.
    let t = table("年度,地区,项目,金额\n2020,甲,a,1\n2020,甲,b,3\n2021,甲,a,2\n2020,乙,c,4\n");
    let spec =
        |share: &str| format!(r#"{{"rows":["地区","项目"],"columns":"年度","share":"{share}"}}"#);
    let share = |r: &AnalysisResult, row: &str, col: &str| {
        r.cell(row, col).unwrap().share.clone().unwrap().text
    };
    let r = run(&t, &spec("column"));
    assert_eq!(share(&r, "b", "2020"), "37.50%"); // 3 / 8
    assert_eq!(share(&r, "甲 小计", "2020"), "50.00%"); // 4 / 8, recomputed from the sums
    let r = run(&t, &spec("parent"));
    assert_eq!(share(&r, "b", "2020"), "75.00%"); // 3 / 4
    assert_eq!(share(&r, "甲 小计", "2020"), "50.00%"); // 4 / 8
    let r = run(&t, &spec("row"));
    assert_eq!(share(&r, "a", "2021"), "66.67%"); // 甲 a: 2 / (1 + 2)
    let r = run(&t, &spec("grand"));
    assert_eq!(share(&r, "c", "2020"), "40.00%"); // 4 / 10
    assert_eq!(share(&r, "合计", "合计"), "100.00%");
}

#[test]
fn aggregates() {
    // 甲: 1, 3, null; 乙: 4. mean 甲 = 4 / 2 = 2 (the null is not counted).
    let t = table("地区,金额\n甲,1\n甲,3\n甲,-\n乙,4\n");
    let rows = [
        ("sum", "4.00"),
        ("count", "3"),
        ("count_nonnull", "2"),
        ("mean", "2.00"),
        ("min", "1.00"),
        ("max", "3.00"),
        ("distinct", "2"),
    ];
    for (agg, want) in rows {
        let r = run(
            &t,
            &format!(r#"{{"rows":["地区"],"aggregate":"{agg}","measure":"金额"}}"#),
        );
        assert_eq!(r.row("甲").unwrap().cells[0].value.text, want, "{agg}");
    }
    // distinct of a dimension: 2 regions in all.
    let r = run(&t, r#"{"aggregate":"distinct","measure":"地区"}"#);
    assert_eq!(r.rows[0].cells[0].value.text, "2");
}

#[test]
fn spec_errors_are_clear() {
    let t = table("年度,板块,金额\n2020,a,1\n");
    let err = |spec: &str| {
        let e = Spec::from_json(spec)
            .and_then(|s| analyze(&t, &s))
            .unwrap_err();
        (e.code.as_str(), e.text.en)
    };
    assert_eq!(
        err(r#"{"rows":["地区"]}"#),
        (
            "unknown_column",
            "no column named \"地区\"; the columns are: 年度, 板块, 金额".to_string()
        )
    );
    assert_eq!(
        err(r#"{"aggregate":"median"}"#),
        ("unknown_operation", "unknown aggregate `median`; use one of sum, count, count_nonnull, mean, min, max, distinct".to_string())
    );
    assert_eq!(err(r#"{"rows":["金额"]}"#).0, "bad_request");
    assert_eq!(err(r#"{"precision":99}"#).0, "bad_spec");
    assert_eq!(err(r#"{"rowz":[]}"#).0, "bad_spec");
}

#[test]
fn approximate_values_are_used_and_counted() {
    let t = table("项目,金额(万元)\na,约950万元\nb,1400余万元\nc,50\n");
    let r = run(&t, r#"{}"#);
    assert_eq!(r.rows[0].cells[0].value.text, "2,400.00");
    assert_eq!(r.diagnostics.approximate.lines, vec![2, 3]);
}

#[test]
fn every_cell_form_of_semantics_section_1() {
    // Each form of 1033.98 in a 万元 column, one row each: the sum is 12 × 1033.98 = 12407.76.
    let forms = [
        "1033.98",
        "\"1,033.98\"",
        "１０３３．９８",
        " 1033.98 ",
        "1033.98万元",
        "+1033.98",
        "10339800元",
        "0.1033980亿元",
        "10339.8千元",
        "10.33980百万元",
        "1033.98萬元",
        "0.103398億元",
    ];
    let mut text = String::from("项目,金额(万元)\n");
    for (i, f) in forms.iter().enumerate() {
        text.push_str(&format!("r{i},{f}\n"));
    }
    let t = table(&text);
    let r = run(&t, r#"{"precision":2}"#);
    assert_eq!(r.diagnostics.set_aside, vec![], "no form is set aside");
    assert_eq!(r.rows[0].cells[0].value.exact.as_deref(), Some("12407.76"));
    // Negatives: −12 three ways.
    let t = table("项目,金额\na,-12\nb,−12\nc,(12)\n");
    assert_eq!(
        run(&t, "{}").rows[0].cells[0].value.exact.as_deref(),
        Some("-36")
    );
    // Null markers are missing, not zero.
    let t = table("项目,金额\na,\nb,-\nc,—\nd,－\ne,/\nf,无\ng,N/A\nh,NA\ni,null\nj,1\n");
    let r = run(&t, "{}");
    assert_eq!(r.diagnostics.nulls.count, 9);
    assert_eq!(r.rows[0].cells[0].value.exact.as_deref(), Some("1"));
}

#[test]
fn largest_remainder_makes_shares_add_to_100() {
    // Three equal parts: 33.333…% each; plain rounding shows 33.33 × 3 = 99.99.
    let t = table("项目,金额\na,1\nb,1\nc,1\n");
    let plain = run(&t, r#"{"rows":["项目"],"share":"grand"}"#);
    let texts = |r: &AnalysisResult| -> Vec<(String, Vec<&'static str>)> {
        r.rows
            .iter()
            .filter(|x| x.kind == "data")
            .map(|x| x.cells[0].share.clone().map(|f| (f.text, f.flags)).unwrap())
            .collect()
    };
    assert_eq!(
        texts(&plain),
        vec![
            ("33.33%".into(), vec![]),
            ("33.33%".into(), vec![]),
            ("33.33%".into(), vec![])
        ]
    );
    let lr = run(
        &t,
        r#"{"rows":["项目"],"share":"grand","largestRemainder":true}"#,
    );
    assert_eq!(
        texts(&lr),
        vec![
            ("33.34%".into(), vec!["nudged"]),
            ("33.33%".into(), vec![]),
            ("33.33%".into(), vec![])
        ]
    );
    // 1/6, 2/6, 3/6 at 0 decimals: 16.67 → 17, 33.33 → 33, 50 → 50 already add up: nothing nudged.
    let t = table("项目,金额\na,1\nb,2\nc,3\n");
    let lr = run(
        &t,
        r#"{"rows":["项目"],"share":"grand","percentPrecision":0,"largestRemainder":true}"#,
    );
    assert_eq!(
        texts(&lr),
        vec![
            ("17%".into(), vec![]),
            ("33%".into(), vec![]),
            ("50%".into(), vec![])
        ]
    );
}

#[test]
fn amounts_in_excel_and_accounting_forms() {
    // Cells as copied from Excel / WPS and accounting systems, each one
    // amount; a pasted table (tab-separated, as the clipboard gives it).
    // 1,234,500.00 + 1,234,500.00 − 100 − 100 + 1,000 + 1,000 + 1,000
    // − 7,000.00 − 100 (万元) − 50 (万元): the column is 元, so
    // 1234500 × 2 = 2469000; − 200 → 2468800; + 3000 → 2471800;
    // − 7000 → 2464800; −100万元 = −1,000,000 元 → 1464800;
    // −50万元 = −500,000 元 → 964800; −1,000,000元 → −35200.
    let forms = [
        "¥1,234,500.00",
        "￥1,234,500.00",
        "-¥100",
        "¥-100",
        "1 000",
        "1\u{A0}000",
        "1\u{202F}000",
        "7,000.00-",
        "(100)万元",
        "（50）万元",
        "(1,000,000)元",
    ];
    let mut text = String::from("项目\t金额(元)\n");
    for (i, f) in forms.iter().enumerate() {
        text.push_str(&format!("r{i}\t{f}\n"));
    }
    let t = table(&text);
    let r = run(&t, r#"{"precision":2}"#);
    assert_eq!(r.diagnostics.set_aside, vec![], "no form is set aside");
    assert_eq!(r.diagnostics.rows_used, forms.len());
    assert_eq!(r.rows[0].cells[0].value.exact.as_deref(), Some("-35200"));

    // A pasted column of ¥ amounts with no unit in its header is a measure
    // (not a grouping column): 1,234,500 + 100 + 2,000.50 = 1,236,600.50.
    let t = table("板块\t金额\n教育帮扶\t¥1,234,500.00\n医疗帮扶\t￥100\n产业合作\t¥2,000.50\n");
    let r = run(&t, r#"{"rows":["板块"]}"#);
    assert_eq!(r.diagnostics.rows_used, 3);
    let total = r.rows.iter().find(|x| x.label == "合计").unwrap();
    assert_eq!(total.cells[0].value.exact.as_deref(), Some("1236600.5"));
    // 约(1): approximately −1.
    let t = table("项目,金额\na,约(1)\nb,3\n");
    let r = run(&t, "{}");
    assert_eq!(r.rows[0].cells[0].value.exact.as_deref(), Some("2"));
    assert_eq!(r.diagnostics.approximate.count, 1);
}
