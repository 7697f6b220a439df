//! The report paragraph (src/report/): from the demo data, the seed 002
//! figures (corrected), and a file with approximate, bad and empty cells.
//! Figures are worked out by hand from the data in the comments; the
//! sentences are the templates of docs/CHECKS.md. One test checks that every
//! number of every paragraph is a text the result shows.
//!
//! Demo data (tests/data/huadu_utf8.csv, a copy of ../shared/data/huadu_qingxin.csv, 万元), by 板块 and year:
//!   医疗帮扶 430 / 30 / 150 = 610      教育帮扶 148 / 1370 (420 + 950) / 658 = 2176
//!   招商推介  90 / 210 / 38 = 338      人才招聘 14 / 14 / 14 = 42
//!   老区建设 130 / 120 / —  = 250      文体交流 188 / 12 / —  = 200
//!   乡村振兴  —  / 344 / 340 = 684     合计 1000 / 2100 / 1200 = 4300

use aidstat::analyze::{analyze, result::AnalysisResult, spec::Spec};
use aidstat::check::{check, Correction};
use aidstat::load::{load, LoadOptions};
use aidstat::report::{paragraph, paragraphs, Lang};
use aidstat::table::Table;

fn demo() -> Table {
    let p = format!("{}/tests/data/huadu_utf8.csv", env!("CARGO_MANIFEST_DIR"));
    load(&std::fs::read(&p).unwrap(), &LoadOptions::default()).unwrap()
}

fn run(t: &Table, spec: &str) -> AnalysisResult {
    analyze(t, &Spec::from_json(spec).unwrap()).unwrap_or_else(|e| panic!("{spec}: {e}"))
}

/// The spec of the README example.
const README_SPEC: &str = r#"{"rows":["板块"],"columns":"年度","share":"column","growth":"rate"}"#;

#[test]
fn the_readme_paragraph_from_the_demo_data() {
    // Shares of the whole span (total column / 4300): 教育 2176 → 50.6047 % → 50.60 %
    // (more than half), 乡村振兴 684 → 15.907 % → 15.91 %, 医疗 610 → 14.186 % → 14.19 %.
    // Leader of each year (share of the year): 2020 医疗 430 / 1000 = 43.00 %;
    // 2021 教育 1370 / 2100 = 65.238 % → 65.24 %; 2022 教育 658 / 1200 = 54.833 % → 54.83 %.
    // Total growth: 2021 (2100 − 1000) / 1000 = 110.00 %; 2022 (1200 − 2100) / 2100 =
    // −42.857 % → 下降 42.86 %.
    // Largest rise of a category: 教育 2021 (1370 − 148) / 148 = 825.676 % → 825.68 %
    // (others: 医疗 2022 400.00 %, 招商 2021 133.33 %); largest fall: 文体 2021
    // (12 − 188) / 188 = −93.617 % → 93.62 % (医疗 2021 is −93.02 %).
    // 人才招聘 is 14 every year; 乡村振兴 starts in 2021; 老区建设 and 文体交流 have no 2022.
    let r = run(&demo(), README_SPEC);
    let zh = paragraph(&r, Lang::Zh);
    assert_eq!(
        zh,
        "2020年至2022年，资金合计4,300.00万元，其中2020年1,000.00万元、2021年2,100.00万元、2022年1,200.00万元。\
         从变化看，2021年同比增长110.00%，2022年同比下降42.86%。\
         按板块分，教育帮扶最多，为2,176.00万元，占50.60%，超过一半；其次是乡村振兴（684.00万元，占15.91%）和医疗帮扶（610.00万元，占14.19%）。\
         2020年的1,000.00万元中，医疗帮扶占430.00万元（43.00%）；2021年的2,100.00万元中，教育帮扶占1,370.00万元（65.24%）；2022年的1,200.00万元中，教育帮扶占658.00万元（54.83%）。\
         增幅最大的是2021年的教育帮扶（增长825.68%），降幅最大的是2021年的文体交流（下降93.62%）。\
         人才招聘每年均为14.00万元；乡村振兴自2021年起才有数据；2022年没有老区建设和文体交流的数据。"
    );
    let en = paragraph(&r, Lang::En);
    assert_eq!(
        en,
        "Amounts are in 万元 (ten thousand yuan). \
         From 2020 to 2022, the funds totalled 4,300.00: 1,000.00 in 2020, 2,100.00 in 2021 and 1,200.00 in 2022. \
         The total rose 110.00% in 2021 and fell 42.86% in 2022 (year on year). \
         By 板块, 教育帮扶 is the largest at 2,176.00 (50.60% of the total, more than half); next come 乡村振兴 (684.00, 15.91%) and 医疗帮扶 (610.00, 14.19%). \
         In 2020, 医疗帮扶 accounted for 430.00 of 1,000.00 (43.00%); in 2021, 教育帮扶 accounted for 1,370.00 of 2,100.00 (65.24%); in 2022, 教育帮扶 accounted for 658.00 of 1,200.00 (54.83%). \
         The largest rise was 教育帮扶 in 2021 (up 825.68%); the largest fall was 文体交流 in 2021 (down 93.62%). \
         人才招聘 was 14.00 every year; 乡村振兴 has figures only from 2021; there are no figures for 老区建设 and 文体交流 in 2022."
    );
    assert_eq!(paragraphs(&r).zh, zh);
}

#[test]
fn the_seed_000_figures_of_the_special_fund() {
    // Special fund only (资金来源 = 花都区专项; the 950 of 清远市争取 is filtered out):
    // 1000 / 1150 / 1200 = 3350 (seed 000: 帮扶专项资金3350万元).
    // CAGR of the total: (1200 / 1000)^(1/2) − 1 = 9.5445 % → 9.54 %;
    // 教育 148 → 420 → 658: (658 / 148)^(1/2) − 1 = 110.85 % (SEMANTICS §5), the highest.
    // By 板块 (no share asked): 教育 148 + 420 + 658 = 1226, 乡村振兴 684, 医疗 610.
    // 教育 rises every year: the seed's "逐年增长".
    let r = run(
        &demo(),
        r#"{"rows":["板块"],"columns":"年度","growth":"cagr","filters":[{"column":"资金来源","keep":["花都区专项"]}]}"#,
    );
    assert_eq!(
        paragraph(&r, Lang::Zh),
        "2020年至2022年，资金（资金来源为花都区专项）合计3,350.00万元，其中2020年1,000.00万元、2021年1,150.00万元、2022年1,200.00万元。\
         年均增长率为9.54%，其中教育帮扶最高，为110.85%。\
         按板块分，教育帮扶最多，为1,226.00万元；其次是乡村振兴（684.00万元）和医疗帮扶（610.00万元）。\
         教育帮扶逐年增长（148.00→420.00→658.00万元）；人才招聘每年均为14.00万元；乡村振兴自2021年起才有数据；2022年没有老区建设和文体交流的数据。\
         数据说明：按筛选条件未计入1行。"
    );
    assert!(paragraph(&r, Lang::En).contains(
        "The compound annual growth rate from 2020 to 2022 was 9.54%; 教育帮扶 grew fastest, at 110.85%."
    ));
    assert!(paragraph(&r, Lang::En).ends_with("Notes on the data: 1 row is outside the filters."));
}

#[test]
fn average_per_year_and_the_period_down_the_side() {
    // 4300 / 3 years = 1433.33 (seed 000: 平均每年使用资金超过1400万元).
    let t = demo();
    let r = run(&t, r#"{"columns":"年度","growth":"average"}"#);
    assert_eq!(
        paragraph(&r, Lang::Zh),
        "2020年至2022年，资金合计4,300.00万元，其中2020年1,000.00万元、2021年2,100.00万元、2022年1,200.00万元。平均每年1,433.33万元。"
    );
    assert!(paragraph(&r, Lang::En).ends_with("That is 1,433.33 per year on average."));
    // Years down the side, change: 2100 − 1000 = 1100; 1200 − 2100 = −900 → 减少 900.
    let r = run(&t, r#"{"rows":["年度"],"growth":"change"}"#);
    assert!(paragraph(&r, Lang::Zh)
        .ends_with("从变化看，2021年同比增加1,100.00万元，2022年同比减少900.00万元。"));
    assert!(paragraph(&r, Lang::En).ends_with(
        "The total grew by 1,100.00 in 2021 and fell by 900.00 in 2022 (year on year)."
    ));
    // Years down, categories across with the share of the row (= of the year):
    // the same leaders as across: 2020 医疗 43.00 %, …; shares of the whole from the 合计 row.
    let r = run(&t, r#"{"rows":["年度"],"columns":"板块","share":"row"}"#);
    let zh = paragraph(&r, Lang::Zh);
    assert!(
        zh.contains("2020年的1,000.00万元中，医疗帮扶占430.00万元（43.00%）"),
        "{zh}"
    );
    assert!(
        zh.contains("按板块分，教育帮扶最多，为2,176.00万元，占50.60%，超过一半"),
        "{zh}"
    );
    // No period: the total and the largest categories (share of the grand total).
    let r = run(&t, r#"{"rows":["板块"],"share":"grand"}"#);
    assert_eq!(
        paragraph(&r, Lang::Zh),
        "资金合计4,300.00万元。按板块分，教育帮扶最多，为2,176.00万元，占50.60%，超过一半；其次是乡村振兴（684.00万元，占15.91%）和医疗帮扶（610.00万元，占14.19%）。"
    );
    // A view in 亿元 with 4 decimals says so: 4300 万元 = 0.43 亿元.
    let r = run(&t, r#"{"columns":"年度","unit":"亿元","precision":4}"#);
    assert!(paragraph(&r, Lang::Zh)
        .starts_with("2020年至2022年，资金合计0.4300亿元，其中2020年0.1000亿元"));
}

#[test]
fn seed_002_corrected_in_the_paragraph() {
    // After the unit slip is accepted (tests/checks.rs): 宝安区 27379, 深圳市直单位 4750,
    // 深圳市国有企业 9436 万元, together 41565 = the stated 4.1565亿元.
    // Shares: 27379 / 41565 = 65.8703 % → 65.87 %; 9436 / 41565 = 22.7018 % → 22.70 %;
    // 4750 / 41565 = 11.4279 % → 11.43 %. The 合计 row is set aside and matches;
    // the five other items (lines 8–12) are outside the filter.
    let path = format!(
        "{}/tests/data/checks/seed002_unit_slip.csv",
        env!("CARGO_MANIFEST_DIR")
    );
    let bytes = std::fs::read(&path).unwrap();
    let t = load(&bytes, &LoadOptions::default()).unwrap();
    let fix: Correction = check(&t)[0].correction.clone().unwrap();
    let mut opts = LoadOptions::default();
    fix.accept(&mut opts);
    let t = load(&bytes, &opts).unwrap();
    let r = run(
        &t,
        r#"{"rows":["帮扶方"],"share":"grand","filters":[{"column":"项目","keep":["精准扶贫和新农村建设到位资金"]}]}"#,
    );
    assert_eq!(
        paragraph(&r, Lang::Zh),
        "资金（项目为精准扶贫和新农村建设到位资金）合计41,565.00万元。\
         按帮扶方分，宝安区最多，为27,379.00万元，占65.87%，超过一半；其次是深圳市国有企业（9,436.00万元，占22.70%）和深圳市直单位（4,750.00万元，占11.43%）。\
         数据说明：表内自带的1行合计已单独核对，未重复计入；按筛选条件未计入5行。"
    );
}

#[test]
fn data_caveats() {
    // Line 3 约148 (approximate, used), line 5 abc (bad cell: the row is set aside),
    // line 6 — (null), line 7 合计 1000 against 430 + 148 + 420 = 998 (off by 2).
    // 2020: 430 + 148 = 578; 2021: 420; all: 998. 医疗帮扶 2021 is set aside, so the
    // view has no 2021 figure for it.
    let csv = "年度,板块,金额(万元)\n2020,医疗帮扶,430\n2020,教育帮扶,约148\n2021,教育帮扶,420\n2021,医疗帮扶,abc\n2021,招商推介,—\n合计,,1000\n";
    let t = load(csv.as_bytes(), &LoadOptions::default()).unwrap();
    let r = run(&t, r#"{"rows":["板块"],"columns":"年度"}"#);
    assert_eq!(
        paragraph(&r, Lang::Zh),
        "2020年至2021年，资金合计998.00万元，其中2020年578.00万元、2021年420.00万元。\
         按板块分，教育帮扶最多，为568.00万元；其次是医疗帮扶（430.00万元）。\
         2021年没有医疗帮扶的数据。\
         数据说明：1项为约数（第3行），按所写数值计入；表内自带的1行合计已单独核对，未重复计入，其中1行与明细之和不符；1行因数据无法识别未计入（第5行）；1行数值为空，未计入。"
    );
    assert!(paragraph(&r, Lang::En).ends_with(
        "Notes on the data: 1 approximate value is counted as written (line 3); the sheet's own 1 total row is checked apart and not counted again (1 disagrees with the rows it covers); 1 row with an unreadable cell is left out (line 5); 1 row with no value is not counted."
    ));
}

/// Number-like tokens of a text: digits with `,` `.` inside, and a `%` after.
fn numbers(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for c in s.chars() {
        if c.is_ascii_digit() || (!cur.is_empty() && (c == ',' || c == '.' || c == '%')) {
            cur.push(c);
            if c == '%' {
                out.push(std::mem::take(&mut cur));
            }
        } else if !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out.into_iter()
        .map(|t| t.trim_end_matches([',', '.']).to_string())
        .collect()
}

/// Every text the result shows: figures (with and without a minus sign),
/// labels, and the diagnostics' counts and lines.
fn shown(r: &AnalysisResult) -> Vec<String> {
    let mut s: Vec<String> = Vec::new();
    let fig = |s: &mut Vec<String>, t: &str| {
        s.push(t.to_string());
        s.push(t.trim_start_matches('-').to_string());
    };
    for row in &r.rows {
        for c in &row.cells {
            fig(&mut s, &c.value.text);
            if let Some(x) = &c.share {
                fig(&mut s, &x.text);
            }
            if let Some(x) = &c.growth {
                fig(&mut s, &x.text);
            }
        }
        if let Some(x) = &row.summary {
            fig(&mut s, &x.text);
        }
        s.push(row.label.clone());
    }
    for c in &r.columns {
        s.push(c.label.clone());
    }
    let d = &r.diagnostics;
    for n in [
        d.approximate.count,
        d.nulls.count,
        d.filtered_out,
        d.set_aside.len(),
    ] {
        s.push(n.to_string());
    }
    for n in d.set_aside_counts.values() {
        s.push(n.to_string());
    }
    for l in d.approximate.lines.iter().chain(&d.nulls.lines) {
        s.push(l.to_string());
    }
    for x in &d.set_aside {
        s.push(x.line.to_string());
    }
    s.push(r.findings.len().to_string());
    s
}

#[test]
fn every_number_in_a_paragraph_is_shown_by_its_table() {
    let t = demo();
    let specs = [
        README_SPEC,
        r#"{"rows":["板块"],"columns":"年度","growth":"cagr","filters":[{"column":"资金来源","keep":["花都区专项"]}]}"#,
        r#"{"rows":["板块"],"columns":"年度","growth":"change","share":"grand"}"#,
        r#"{"rows":["资金来源","板块"],"columns":"年度","share":"parent","growth":"rate"}"#,
        r#"{"columns":"年度","growth":"average","unit":"元","precision":0}"#,
        r#"{"rows":["年度"],"columns":"板块","share":"row","growth":"rate","percentPrecision":1}"#,
        r#"{"rows":["年度"],"growth":"index","basePeriod":"2021"}"#,
        r#"{"rows":["板块"],"aggregate":"count","share":"grand"}"#,
        r#"{"rows":["板块"],"aggregate":"mean"}"#,
    ];
    for spec in specs {
        let r = run(&t, spec);
        let ok = shown(&r);
        for lang in [Lang::Zh, Lang::En] {
            let p = paragraph(&r, lang);
            assert!(!p.is_empty(), "{spec}");
            for n in numbers(&p) {
                assert!(
                    ok.contains(&n),
                    "{spec} {lang:?}: {n} is not shown by the table in\n{p}"
                );
            }
        }
    }
}
