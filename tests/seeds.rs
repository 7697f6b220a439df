//! The seed figures (SEMANTICS.md, seed 000) through the whole engine, from
//! every form of the same data: UTF-8, GBK with title lines, Big5 with
//! traditional labels, UTF-16 tab-separated, 元 with thousands separators,
//! JSON with mixed units.
//!
//! Expected values are worked out by hand from tests/data/huadu_utf8.csv:
//! 2020: 医疗 430 + 教育 148 + 招商 90 + 人才 14 + 老区 130 + 文体 188 = 1000
//! 2021: 教育 420 + 950 + 招商 210 + 人才 14 + 老区 120 + 乡村 344 + 医疗 30 + 文体 12 = 2100
//! 2022: 教育 658 + 医疗 150 + 人才 14 + 乡村 340 + 招商 38 = 1200; all: 4300
//! 医疗 2020 share of the year: 430 / 1000 = 43.00 %
//! 教育 (special fund only) 148 → 420 → 658: 272/148 = 183.78 %, 238/420 = 56.67 %,
//! CAGR sqrt(658/148) − 1 = 110.85 %; 4300 / 3 years = 1433.33.

#![allow(clippy::type_complexity)] // table-driven rows are wide tuples

use aidstat::analyze::{analyze, result::AnalysisResult, spec::Spec};
use aidstat::load::{load, LoadOptions};
use aidstat::table::Table;

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/data/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn table(name: &str) -> Table {
    load(&fixture(name), &LoadOptions::default()).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn run(t: &Table, spec: &str) -> AnalysisResult {
    analyze(t, &Spec::from_json(spec).unwrap()).unwrap_or_else(|e| panic!("{spec}: {e}"))
}

/// (file, year col, category col, source col, 医疗 label, 教育 label, special-fund label, encoding)
const FORMS: [(&str, &str, &str, &str, &str, &str, &str, &str); 6] = [
    (
        "huadu_utf8.csv",
        "年度",
        "板块",
        "资金来源",
        "医疗帮扶",
        "教育帮扶",
        "花都区专项",
        "UTF-8",
    ),
    (
        "huadu_gbk_title.csv",
        "年度",
        "板块",
        "资金来源",
        "医疗帮扶",
        "教育帮扶",
        "花都区专项",
        "GBK",
    ),
    (
        "huadu_big5_trad.csv",
        "年度",
        "板塊",
        "資金來源",
        "醫療幫扶",
        "教育幫扶",
        "花都區專項",
        "Big5",
    ),
    (
        "huadu_utf16.txt",
        "年度",
        "板块",
        "资金来源",
        "医疗帮扶",
        "教育帮扶",
        "花都区专项",
        "UTF-16LE",
    ),
    (
        "huadu_yuan.csv",
        "年度",
        "板块",
        "资金来源",
        "医疗帮扶",
        "教育帮扶",
        "花都区专项",
        "UTF-8",
    ),
    (
        "huadu_mixed.json",
        "年度",
        "板块",
        "资金来源",
        "医疗帮扶",
        "教育帮扶",
        "花都区专项",
        "UTF-8",
    ),
];

#[test]
fn seed_figures_from_every_form() {
    for (file, year, cat, source, med, edu, special, enc) in FORMS {
        let t = table(file);
        assert_eq!(t.source.encoding, enc, "{file}: encoding");
        assert_eq!(t.len(), 19, "{file}: 19 data rows");

        // Share of the year (column share), in 万元.
        let r = run(
            &t,
            &format!(r#"{{"rows":["{cat}"],"columns":"{year}","share":"column","unit":"万元"}}"#),
        );
        let cell = r
            .cell(med, "2020")
            .unwrap_or_else(|| panic!("{file}: no 医疗 2020 cell"));
        assert_eq!(cell.value.text, "430.00", "{file}: 医疗 2020");
        assert_eq!(
            cell.share.as_ref().unwrap().text,
            "43.00%",
            "{file}: 医疗 2020 share"
        );
        let total = r.row("合计").unwrap();
        let texts: Vec<&str> = total.cells.iter().map(|c| c.value.text.as_str()).collect();
        assert_eq!(
            texts,
            ["1,000.00", "2,100.00", "1,200.00", "4,300.00"],
            "{file}: totals"
        );
        assert_eq!(
            r.cell(edu, "2021").unwrap().value.text,
            "1,370.00",
            "{file}: 教育 2021 all sources"
        );

        // Growth of the special fund's education money.
        let g = run(
            &t,
            &format!(
                r#"{{"rows":["{cat}"],"columns":"{year}","growth":"rate","unit":"万元","filters":[{{"column":"{source}","keep":["{special}"]}}]}}"#
            ),
        );
        let growth: Vec<String> = ["2020", "2021", "2022"]
            .iter()
            .map(|y| {
                g.cell(edu, y)
                    .unwrap()
                    .growth
                    .as_ref()
                    .unwrap()
                    .text
                    .clone()
            })
            .collect();
        assert_eq!(growth, ["—", "183.78%", "56.67%"], "{file}: 教育 growth");
        assert_eq!(
            g.cell(edu, "2020").unwrap().growth.as_ref().unwrap().reason,
            Some("no_prior"),
            "{file}"
        );
        assert_eq!(
            g.row("合计").unwrap().cells.last().unwrap().value.text,
            "3,350.00",
            "{file}: special fund total"
        );
        assert_eq!(
            g.diagnostics.filtered_out, 1,
            "{file}: the 950 from 清远市争取 is filtered out"
        );

        let c = run(
            &t,
            &format!(
                r#"{{"rows":["{cat}"],"columns":"{year}","growth":"cagr","unit":"万元","filters":[{{"column":"{source}","keep":["{special}"]}}]}}"#
            ),
        );
        assert_eq!(
            c.row(edu).unwrap().summary.as_ref().unwrap().text,
            "110.85%",
            "{file}: CAGR"
        );
        assert_eq!(c.periods, ["2020", "2022"], "{file}: CAGR span");

        let a = run(
            &t,
            &format!(r#"{{"columns":"{year}","growth":"average","unit":"万元"}}"#),
        );
        assert_eq!(a.rows.len(), 1, "{file}: one total row");
        assert_eq!(
            a.rows[0].summary.as_ref().unwrap().text,
            "1,433.33",
            "{file}: 年均"
        );
    }
}

#[test]
fn units_convert_exactly() {
    let t = table("huadu_utf8.csv");
    let rows = [
        ("元", "43,000,000.00"),
        ("万元", "4,300.00"),
        ("亿元", "0.43"),
        ("千元", "43,000.00"),
    ];
    for (unit, want) in rows {
        let r = run(&t, &format!(r#"{{"unit":"{unit}"}}"#));
        assert_eq!(r.rows[0].cells[0].value.text, want, "unit {unit}");
        assert_eq!(r.measure.unit, Some(unit), "unit {unit}");
    }
    // 4300 万元 in 亿元 at 4 decimals, and the exact value.
    let r = run(&t, r#"{"unit":"亿元","precision":4}"#);
    assert_eq!(r.rows[0].cells[0].value.text, "0.4300");
    assert_eq!(r.rows[0].cells[0].value.exact.as_deref(), Some("0.43"));
}

#[test]
fn understood_what_the_file_says() {
    let t = table("huadu_gbk_title.csv");
    assert_eq!(t.source.header_line, Some(3));
    assert_eq!(t.source.skipped_lines.len(), 2);
    assert_eq!(
        t.source.unit_line.as_ref().map(|u| u.2.label()),
        Some("万元")
    );
    let amount = &t.columns[5];
    assert_eq!(
        (amount.name.as_str(), amount.unit.map(|u| u.label())),
        ("金额", Some("万元"))
    );
    assert_eq!(t.lines.first(), Some(&4), "first data row is line 4");

    let t = table("huadu_utf16.txt");
    assert_eq!(t.source.delimiter, Some(b'\t'));
    assert!(t.source.bom);

    // The 元 file's own 合计 row is set aside and checked: 43,000,000 元 = the sum.
    let t = table("huadu_yuan.csv");
    assert_eq!(t.total_rows.len(), 1);
    assert_eq!(t.findings.len(), 1);
    assert_eq!(t.findings[0].code, "total_ok");
    assert_eq!(t.findings[0].stated.to_string(), "43000000");
    assert_eq!(t.findings[0].covered_lines.len(), 19);
}

#[test]
fn a_unit_column_gives_each_row_its_unit() {
    // seed_figures.csv: 数值 with a 单位 column of 万元 / 亿元 / 人 / 人次. By hand, in 万元:
    // 龙川县 41565 + 23462 + 4750 + 9436 + 27379 + 9200 + 3800 + 200 + 300 = 120092
    // 始兴县 4768 + 1250000 = 1254768; 平塘县 1033.98 + 2225.5 = 3259.48 (21人, 5人, 4600人次 set aside)
    // 白云区 6411.38 (43人 set aside); all: 1392972.36
    let t = table("seed_figures.csv");
    let value = &t.columns[4];
    assert_eq!(value.unit_source, Some(aidstat::table::UnitSource::Column));
    let r = run(&t, r#"{"rows":["受援方"],"unit":"万元"}"#);
    let v = |row: &str| r.row(row).unwrap().cells[0].value.text.clone();
    assert_eq!(v("龙川县"), "120,092.00");
    assert_eq!(v("始兴县"), "1,254,768.00");
    assert_eq!(v("平塘县"), "3,259.48");
    assert_eq!(v("白云区"), "6,411.38");
    assert_eq!(v("合计"), "1,392,972.36");
    let lines: Vec<(u64, &str)> = r
        .diagnostics
        .set_aside
        .iter()
        .map(|s| (s.line, s.reason))
        .collect();
    assert_eq!(
        lines,
        vec![
            (32, "unit_mismatch"),
            (33, "unit_mismatch"),
            (34, "unit_mismatch"),
            (35, "unit_mismatch")
        ]
    );
    assert_eq!(r.diagnostics.rows_used, 30);
    // 期间 holds spans (2020-2022): it is a dimension, not a period.
    assert_eq!(t.columns[0].role, aidstat::table::Role::Dimension);
}
