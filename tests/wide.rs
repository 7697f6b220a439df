//! Years across the top (load::wide): a 板块 × 年 table reads as the long table
//! it stands for. tests/data/wide/huadu_wide_gbk.csv (written by
//! make_fixtures.py from the demo's rows): GBK, a title and a 单位 line,
//! years newest first, a 合计 column and a 合计 row, three empty cells.

use aidstat::analyze::{analyze, result::AnalysisResult, spec::Spec};
use aidstat::load::{load, LoadOptions};
use aidstat::table::Table;

fn file(name: &str) -> Vec<u8> {
    std::fs::read(format!("{}/tests/data/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

fn run(t: &Table, spec: &str) -> AnalysisResult {
    analyze(t, &Spec::from_json(spec).unwrap()).unwrap()
}

/// A row's label and its cells' (value, share, growth) texts.
type Row = (String, Vec<(String, String, String)>);

/// Every row's label and figures.
fn figures(r: &AnalysisResult) -> Vec<Row> {
    let t = |f: &Option<aidstat::analyze::result::Figure>| {
        f.as_ref().map_or(String::new(), |f| f.text.clone())
    };
    r.rows
        .iter()
        .map(|row| {
            (
                row.label.clone(),
                row.cells
                    .iter()
                    .map(|c| (c.value.text.clone(), t(&c.share), t(&c.growth)))
                    .collect(),
            )
        })
        .collect()
}

#[test]
fn a_wide_table_gives_the_figures_of_the_long_one() {
    let wide = load(&file("wide/huadu_wide_gbk.csv"), &LoadOptions::default()).unwrap();
    let long = load(&file("huadu_utf8.csv"), &LoadOptions::default()).unwrap();
    let names: Vec<&str> = wide.columns.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["板块", "年度", "金额"]);
    assert!(wide
        .warnings
        .iter()
        .any(|w| w.code == "wide_unpivoted" && w.text.zh.contains("合计")));
    // 7 categories × 3 years − 3 empty cells = 18 records, as the long file's
    // 18 rows... the long file has 19 (教育帮扶 2021 from two sources); by
    // category and year the cells are the same.
    assert_eq!(wide.len(), 18);
    for (spec_w, spec_l) in [
        (
            r#"{"rows":["板块"],"columns":"年度","share":"column"}"#,
            r#"{"rows":["板块"],"columns":"年度","share":"column"}"#,
        ),
        (
            r#"{"rows":["板块"],"columns":"年度","growth":"rate"}"#,
            r#"{"rows":["板块"],"columns":"年度","growth":"rate"}"#,
        ),
        (
            r#"{"rows":["板块"],"columns":"年度","growth":"cagr"}"#,
            r#"{"rows":["板块"],"columns":"年度","growth":"cagr"}"#,
        ),
        (
            r#"{"rows":["年度"],"share":"grand"}"#,
            r#"{"rows":["年度"],"share":"grand"}"#,
        ),
    ] {
        let (w, l) = (run(&wide, spec_w), run(&long, spec_l));
        assert_eq!(figures(&w), figures(&l), "{spec_w}");
        assert_eq!(w.summary_label, l.summary_label);
    }
    // The seed figures, by hand: 2020 医疗 430 / 1000 = 43.00 %; 4,300.00 in all;
    // 教育 (1370 − 148) / 148 = 825.68 %; CAGR 教育 √(658 / 148) − 1 = 110.85 %.
    let r = run(
        &wide,
        r#"{"rows":["板块"],"columns":"年度","share":"column"}"#,
    );
    let med = r.rows.iter().find(|x| x.label == "医疗帮扶").unwrap();
    assert_eq!(med.cells[0].share.as_ref().unwrap().text, "43.00%");
    let total = r.rows.iter().find(|x| x.kind == "total").unwrap();
    assert_eq!(total.cells.last().unwrap().value.text, "4,300.00");
    assert_eq!(r.measure.unit, Some("万元"));
    let g = run(
        &wide,
        r#"{"rows":["板块"],"columns":"年度","growth":"rate"}"#,
    );
    let edu = g.rows.iter().find(|x| x.label == "教育帮扶").unwrap();
    assert_eq!(edu.cells[1].growth.as_ref().unwrap().text, "825.68%");
    let c = run(
        &wide,
        r#"{"rows":["板块"],"columns":"年度","growth":"cagr"}"#,
    );
    let edu = c.rows.iter().find(|x| x.label == "教育帮扶").unwrap();
    assert_eq!(edu.summary.as_ref().unwrap().text, "110.85%");
    // The sheet's 合计 row is checked per year: 1200, 2100 and 1000 are right.
    let ok: Vec<&str> = wide.findings.iter().map(|f| f.code).collect();
    assert_eq!(ok, ["total_ok", "total_ok", "total_ok"]);
}

#[test]
fn wide_false_reads_the_columns_as_they_are_and_other_shapes_stay_long() {
    let opts = LoadOptions::from_json(r#"{"wide":false}"#).unwrap();
    let t = load(&file("wide/huadu_wide_gbk.csv"), &opts).unwrap();
    assert_eq!(t.columns.len(), 5);
    assert!(t.warnings.iter().all(|w| w.code != "wide_unpivoted"));
    // One year column is not a wide table; neither is 年度 + 金额.
    let one = load("板块,2020年\n教育,1\n".as_bytes(), &LoadOptions::default()).unwrap();
    assert_eq!(one.columns.len(), 2);
    // Quarters across, a row with no figure (line 4) set aside, said, and a
    // note under the table (line 5) that is not a row.
    let q = load(
        "项目,2021Q1,2021Q2\n甲,1,2\n乙,,3\n丙,,\n注：单位为万元,,\n".as_bytes(),
        &LoadOptions::default(),
    )
    .unwrap();
    let names: Vec<&str> = q.columns.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["项目", "时期", "金额"]);
    assert_eq!(q.len(), 3);
    assert_eq!(
        q.set_aside
            .iter()
            .map(|i| (i.line, i.reason))
            .collect::<Vec<_>>(),
        vec![(4, "no_values")]
    );
    let note = q.warnings.iter().find(|w| w.code == "notes_below").unwrap();
    assert_eq!(note.line, Some(5));
}

#[test]
fn a_wide_file_read_in_chunks_is_the_same_table() {
    let b = file("wide/huadu_wide_gbk.csv");
    let whole = load(&b, &LoadOptions::default()).unwrap();
    // A start of 160 bytes holds the title, the unit line, the header and a
    // row (the reading decisions); the rest arrives in parts of `size`.
    for size in [1, 7, 64, 4096] {
        let mut l = aidstat::load::Loader::with_sizes(
            LoadOptions::default(),
            Some(b.len() as u64),
            160,
            size,
        );
        for c in b.chunks(size) {
            l.push(c).unwrap();
        }
        let t = l.finish().unwrap();
        assert_eq!(t.lines, whole.lines, "chunks of {size}");
        assert_eq!(t.len(), 18);
        let spec = r#"{"rows":["板块"],"columns":"年度","share":"column"}"#;
        assert_eq!(
            figures(&run(&t, spec)),
            figures(&run(&whole, spec)),
            "chunks of {size}"
        );
    }
}

/// tests/data/wide/stats_bureau_population.csv: a statistics-bureau export
/// (the layout of data.stats.gov.cn's CSV): years newest first, the 2018
/// column empty, the unit only in the title line `(10000 persons)`, and a
/// `Note:` and a `Data Sources：` line under the table. By hand (Python
/// `Decimal`): 2015 total 11,160.17 万人, Beijing 2188.3 / 11160.17 = 19.61 %;
/// Beijing 2016 (2172.9 − 2188.3) / 2188.3 = −0.70 %; CAGR 2015–2017
/// sqrt(2170.7 / 2188.3) − 1 = −0.40 %, Hebei 0.64 %.
#[test]
fn a_statistics_bureau_export_newest_first_with_notes_below() {
    let t = load(
        &file("wide/stats_bureau_population.csv"),
        &LoadOptions::default(),
    )
    .unwrap();
    let s = aidstat::table::describe::describe(&t);
    // The notes under the table are skipped like title lines, never regions.
    let notes = t
        .warnings
        .iter()
        .find(|w| w.code == "notes_below")
        .expect("notes below");
    assert!(
        notes
            .text
            .zh
            .contains("Note: The data of 2018 are preliminary."),
        "{}",
        notes.text.zh
    );
    assert!(
        notes
            .text
            .zh
            .contains("Data Sources：National Bureau of Statistics"),
        "{}",
        notes.text.zh
    );
    assert!(s.set_aside.is_empty(), "{:?}", s.set_aside);
    // The unit from the title line: 万人, a count (never converted, never money).
    let m = s.columns.iter().find(|c| c.role == "measure").unwrap();
    assert_eq!(
        (m.kind, m.unit, m.unit_source),
        (Some("count"), Some("万人"), Some("unit_line"))
    );
    let region = s.columns.iter().find(|c| c.name == "Region").unwrap();
    assert_eq!(region.distinct, 3);

    let share = run(
        &t,
        r#"{"rows":["Region"],"columns":"年度","share":"column"}"#,
    );
    assert_eq!(share.measure.unit, Some("万人"));
    let c = share.cell("Beijing", "2015").unwrap();
    assert_eq!(
        (
            c.value.text.as_str(),
            c.share.as_ref().unwrap().text.as_str()
        ),
        ("2,188.30", "19.61%")
    );
    assert_eq!(share.cell("合计", "2015").unwrap().value.text, "11,160.17");
    let growth = run(
        &t,
        r#"{"rows":["Region"],"columns":"年度","growth":"rate"}"#,
    );
    assert_eq!(
        growth
            .cell("Beijing", "2016")
            .unwrap()
            .growth
            .as_ref()
            .unwrap()
            .text,
        "-0.70%"
    );
    let cagr = run(
        &t,
        r#"{"rows":["Region"],"columns":"年度","growth":"cagr"}"#,
    );
    assert_eq!(
        cagr.row("Beijing").unwrap().summary.as_ref().unwrap().text,
        "-0.40%"
    );
    assert_eq!(
        cagr.row("Hebei").unwrap().summary.as_ref().unwrap().text,
        "0.64%"
    );
}

/// tests/data/wide/indicators_budget.csv: indicators down the side, each with
/// its unit in its label (亿元, 亿元, 万人), years across the top newest
/// first, a source line under the table. By hand (Python `Decimal`):
/// revenue 2021 (1100.25 − 1000) / 1000 = 10.03 %, 2022 9.11 %, CAGR
/// sqrt(1200.5 / 1000) − 1 = 9.57 %; population CAGR 0.41 %; revenue over
/// the three years 3,300.75. Revenue, expenditure and people are never added.
#[test]
fn indicators_down_the_side_are_never_added_together() {
    let t = load(&file("wide/indicators_budget.csv"), &LoadOptions::default()).unwrap();
    assert!(
        t.warnings.iter().any(|w| w.code == "indicators"),
        "{:?}",
        t.warnings
    );
    let s = aidstat::table::describe::describe(&t);
    let m = s.columns.iter().find(|c| c.role == "measure").unwrap();
    assert_eq!(
        (m.name.as_str(), m.kind, m.unit),
        ("数值", Some("number"), None)
    );
    assert!(
        !t.warnings.iter().any(|w| w.code == "unit_unknown"),
        "{:?}",
        t.warnings
    );

    let g = run(&t, r#"{"rows":["指标"],"columns":"年度","growth":"rate"}"#);
    let rev = "一般公共预算收入（亿元）";
    let growth: Vec<&str> = ["2021", "2022"]
        .iter()
        .map(|y| {
            g.cell(rev, y)
                .unwrap()
                .growth
                .as_ref()
                .unwrap()
                .text
                .as_str()
        })
        .collect();
    assert_eq!(growth, ["10.03%", "9.11%"]);
    // Over the years of one indicator: a total; across indicators: none.
    assert_eq!(g.cell(rev, "合计").unwrap().value.text, "3,300.75");
    let total = g.row("合计").unwrap();
    for c in &total.cells {
        assert_eq!(
            (c.value.exact.as_deref(), c.value.reason),
            (None, Some("mixed_indicators"))
        );
    }
    let c = run(&t, r#"{"rows":["指标"],"columns":"年度","growth":"cagr"}"#);
    assert_eq!(c.row(rev).unwrap().summary.as_ref().unwrap().text, "9.57%");
    assert_eq!(
        c.row("年末常住人口（万人）")
            .unwrap()
            .summary
            .as_ref()
            .unwrap()
            .text,
        "0.41%"
    );
    // A share of the year compares indicators: empty; within a row (over the years) it is one indicator's.
    let col = run(&t, r#"{"rows":["指标"],"columns":"年度","share":"column"}"#);
    assert_eq!(
        col.cell(rev, "2020")
            .unwrap()
            .share
            .as_ref()
            .unwrap()
            .reason,
        Some("mixed_indicators")
    );
    let row = run(&t, r#"{"rows":["指标"],"columns":"年度","share":"row"}"#);
    // 1000 / 3300.75 = 30.30 %
    assert_eq!(
        row.cell(rev, "2020").unwrap().share.as_ref().unwrap().text,
        "30.30%"
    );
    // A view by year alone would add them: refused, naming the column.
    let e = analyze(&t, &Spec::from_json(r#"{"columns":"年度"}"#).unwrap()).unwrap_err();
    assert_eq!(e.code.as_str(), "bad_request");
    assert!(
        e.text.zh.contains("“指标”列的每一行是一个不同的指标"),
        "{}",
        e.text.zh
    );
    // Filtered to one indicator, it is fine.
    let one = run(
        &t,
        &format!(r#"{{"columns":"年度","filters":[{{"column":"指标","keep":["{rev}"]}}]}}"#),
    );
    assert_eq!(one.cell("合计", "合计").unwrap().value.text, "3,300.75");
    // The source line under the table is a note, not an indicator.
    assert!(t.warnings.iter().any(|w| w.code == "notes_below"));
    // The paragraph of the view says nothing of a total across indicators.
    let p = aidstat::report::paragraphs(&g);
    assert!(
        !p.zh.contains("合计—") && !p.zh.contains("资金合计"),
        "{}",
        p.zh
    );
    // Nor which indicator is "largest": 亿元 and 万人 do not compare. Rates do.
    assert!(!p.zh.contains("最多"), "{}", p.zh);
    assert!(
        p.zh.contains("增幅最大的是2021年的一般公共预算收入（亿元）（增长10.03%）"),
        "{}",
        p.zh
    );
}

/// JSON whose keys are periods reads as the long table, as a CSV does. By
/// hand: 医疗 2021 (30 − 430) / 430 = −93.02 %; 2020 total 430 + 148 = 578.
#[test]
fn json_with_periods_as_keys_is_unpivoted() {
    let json = r#"[{"板块":"医疗帮扶","2020年":430,"2021年":30},{"板块":"教育帮扶","2020年":148,"2021年":"420"}]"#;
    let t = load(json.as_bytes(), &LoadOptions::default()).unwrap();
    assert!(
        t.warnings.iter().any(|w| w.code == "wide_unpivoted"),
        "{:?}",
        t.warnings
    );
    let r = run(&t, r#"{"rows":["板块"],"columns":"年度","growth":"rate"}"#);
    assert_eq!(
        r.cell("医疗帮扶", "2021")
            .unwrap()
            .growth
            .as_ref()
            .unwrap()
            .text,
        "-93.02%"
    );
    assert_eq!(r.cell("合计", "2020").unwrap().value.text, "578.00");
}

/// A 合计 column beside the years is each row's own total: checked row by
/// row. By hand: 医疗 430 + 30 = 460 (as stated); 教育 148 + 420 = 568,
/// stated 570, a difference of 2.
#[test]
fn a_total_column_is_checked_row_by_row() {
    let t = load(
        "板块,2020年,2021年,合计\n医疗帮扶,430,30,460\n教育帮扶,148,420,570\n".as_bytes(),
        &LoadOptions::default(),
    )
    .unwrap();
    let f: Vec<(u64, &str, String, String)> = t
        .findings
        .iter()
        .map(|f| (f.line, f.code, f.stated.to_string(), f.computed.to_string()))
        .collect();
    assert_eq!(f, [(3, "total_mismatch", "570".into(), "568".into())]);
    assert!(
        t.findings[0].text.zh.contains("相差 2"),
        "{}",
        t.findings[0].text.zh
    );
    // The demo's wide form: every row's 合计 equals its years.
    let demo = load(&file("wide/huadu_wide_gbk.csv"), &LoadOptions::default()).unwrap();
    assert!(
        demo.warnings.iter().any(|w| w.code == "row_totals_ok"),
        "{:?}",
        demo.warnings
    );
    assert!(
        !demo.findings.iter().any(|f| f.code == "total_mismatch"),
        "{:?}",
        demo.findings
    );
}

/// Figures that must not be added: a rate the file states (`增减%`), and,
/// beside years across the top, a cumulative column or a stated growth rate.
/// They are left out with a note; the figures that add are unchanged. By
/// hand: 本年 430 + 148 = 578; 2021年1月 + 2021年2月 for 医疗 10 + 20 = 30.
#[test]
fn rates_and_cumulative_figures_are_not_added() {
    let t = load(
        "项目,本年,上年同期,增减%\n医疗,430,400,7.5\n教育,148,200,-26\n".as_bytes(),
        &LoadOptions::default(),
    )
    .unwrap();
    let roles: Vec<(&str, &str)> = t
        .columns
        .iter()
        .map(|c| (c.name.as_str(), c.role.as_str()))
        .collect();
    assert_eq!(
        roles,
        [
            ("项目", "dimension"),
            ("本年", "measure"),
            ("上年同期", "measure"),
            ("增减%", "ignore")
        ]
    );
    assert!(t
        .warnings
        .iter()
        .any(|w| w.code == "derived_column" && w.text.zh.starts_with("“增减%”是文件自带的比率")));
    let r = run(&t, r#"{"rows":["项目"],"measure":"本年"}"#);
    assert_eq!(r.row("合计").unwrap().cells[0].value.text, "578.00");

    let m = load(
        "项目,2021年1月,2021年2月,1-2月累计\n医疗,10,20,30\n教育,5,6,11\n".as_bytes(),
        &LoadOptions::default(),
    )
    .unwrap();
    let cum = m.columns.iter().find(|c| c.name == "1-2月累计").unwrap();
    assert_eq!(cum.role.as_str(), "ignore");
    let r = run(&m, r#"{"rows":["项目"]}"#);
    assert_eq!(r.row("医疗").unwrap().cells[0].value.text, "30.00");
    // Two cumulative columns of two years, with nothing beside them, are the figures.
    let y = load(
        "项目,2021年1-6月累计,2020年1-6月累计\n医疗,10,20\n".as_bytes(),
        &LoadOptions::default(),
    )
    .unwrap();
    assert!(
        y.columns
            .iter()
            .filter(|c| c.role.as_str() == "measure")
            .count()
            == 2
    );
}

/// Two header rows in a CSV (the years written once over 金额 / 占比, as
/// Excel exports merged cells): joined, the years unpivoted, the file's
/// shares left out as rates. By hand: 教育 2021 2070 / 2100 = 98.57 %.
#[test]
fn two_header_rows_in_a_csv() {
    let csv = "单位：万元\n板块,2020年,,2021年,\n,金额,占比,金额,占比\n医疗帮扶,430,43%,30,1.43%\n教育帮扶,570,57%,2070,98.57%\n";
    let t = load(csv.as_bytes(), &LoadOptions::default()).unwrap();
    let note = t
        .warnings
        .iter()
        .find(|w| w.code == "two_header_rows")
        .expect("two header rows");
    assert_eq!(note.line, Some(2));
    let wide = t
        .warnings
        .iter()
        .find(|w| w.code == "wide_unpivoted")
        .unwrap();
    assert!(
        wide.text
            .zh
            .contains("“2020年占比”“2021年占比”是文件自带的比率"),
        "{}",
        wide.text.zh
    );
    let r = run(&t, r#"{"rows":["板块"],"columns":"年度","share":"column"}"#);
    assert_eq!(
        r.cell("教育帮扶", "2021")
            .unwrap()
            .share
            .as_ref()
            .unwrap()
            .text,
        "98.57%"
    );
    assert_eq!(t.lines.first(), Some(&4), "the first data row is line 4");
}

/// `wide: { columns }` names the periods across the top when the headers do
/// not say so (一季度, 二季度), and `wide: true` is the default. By hand:
/// 甲 一季度 + 二季度 = 10 + 20 = 30.
#[test]
fn the_analyst_names_the_columns_across_the_top() {
    let csv = "地区,一季度,二季度\n甲,10,20\n乙,5,6\n";
    assert!(load(csv.as_bytes(), &LoadOptions::default())
        .unwrap()
        .warnings
        .iter()
        .all(|w| w.code != "wide_unpivoted"));
    let opts = LoadOptions::from_json(r#"{"wide":{"columns":["一季度","二季度"]}}"#).unwrap();
    let t = load(csv.as_bytes(), &opts).unwrap();
    let names: Vec<&str> = t.columns.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["地区", "时期", "金额"]);
    let r = run(&t, r#"{"rows":["地区"]}"#);
    assert_eq!(r.row("甲").unwrap().cells[0].value.text, "30.00");
    let e = load(
        csv.as_bytes(),
        &LoadOptions::from_json(r#"{"wide":{"columns":["三季度"]}}"#).unwrap(),
    )
    .unwrap_err();
    assert_eq!(e.code.as_str(), "unknown_column");
    assert!(LoadOptions::from_json(r#"{"wide":"yes"}"#).is_err());
    assert!(LoadOptions::from_json(r#"{"wide":true}"#).is_ok());
}

/// A current / prior pair (`本年累计, 上年同期, 增减%`) with the year in the
/// title reads as two calendar years, so aidstat computes the growth itself;
/// the file's own rate is left out. By hand: 医疗 (430 − 400) / 400 = 7.50 %,
/// 教育 (148 − 200) / 200 = −26.00 %. Without a year they stay two measures.
#[test]
fn a_current_and_prior_pair_with_the_year_in_the_title() {
    let csv = "2023年1-6月对口帮扶资金完成情况\n单位：万元\n项目,本年累计,上年同期,增减%\n医疗,430,400,7.5\n教育,148,200,-26\n";
    let t = load(csv.as_bytes(), &LoadOptions::default()).unwrap();
    let note = t
        .warnings
        .iter()
        .find(|w| w.code == "current_prior")
        .expect("current / prior note");
    assert!(
        note.text.zh.contains("读作 2023 年与 2022 年的同期数"),
        "{}",
        note.text.zh
    );
    let names: Vec<&str> = t.columns.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["项目", "年度", "金额"]);
    let r = run(&t, r#"{"rows":["项目"],"columns":"年度","growth":"rate"}"#);
    assert_eq!(
        r.cell("医疗", "2023")
            .unwrap()
            .growth
            .as_ref()
            .unwrap()
            .text,
        "7.50%"
    );
    assert_eq!(
        r.cell("教育", "2023")
            .unwrap()
            .growth
            .as_ref()
            .unwrap()
            .text,
        "-26.00%"
    );
    assert_eq!(r.measure.unit, Some("万元"));
    let plain = load(
        "项目,本年,上年同期\n医疗,430,400\n".as_bytes(),
        &LoadOptions::default(),
    )
    .unwrap();
    assert_eq!(
        plain
            .columns
            .iter()
            .filter(|c| c.role.as_str() == "measure")
            .count(),
        2
    );
}
