//! The clean export: figures worked out by hand from small files.

use aidstat::cell::{Grain, MoneyUnit};
use aidstat::export::{layout, write_clean, write_rejects, LayoutRole};
use aidstat::load::load;

fn clean(bytes: &[u8], unit: Option<MoneyUnit>) -> (usize, String) {
    let t = load(bytes, &Default::default()).unwrap();
    let mut out = Vec::new();
    let n = write_clean(&t, "f.csv", unit, &mut out).unwrap();
    (n, String::from_utf8(out).unwrap())
}

#[test]
fn gbk_with_a_title_and_a_unit_line_is_clean_utf8_in_yuan() {
    let bytes = std::fs::read("tests/data/huadu_gbk_title.csv").unwrap();
    let (n, text) = clean(&bytes, Some(MoneyUnit::Yuan));
    assert!(!text.starts_with('\u{feff}'));
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(n, lines.len() - 1);
    assert_eq!(
        lines[0],
        "来源文件,行号,帮扶方,受援方,资金来源,板块,年度,金额"
    );
    // Line 4 of the file (after the title and unit lines and the header): 430 万元.
    assert_eq!(
        lines[1],
        "f.csv,4,花都区,清新区,花都区专项,医疗帮扶,2020,4300000"
    );
    // The column's own unit when none is asked for.
    let (_, own) = clean(&bytes, None);
    assert_eq!(
        own.lines().nth(1),
        Some("f.csv,4,花都区,清新区,花都区专项,医疗帮扶,2020,430")
    );
}

#[test]
fn wan_to_yuan_and_yi_is_exact() {
    let csv = "年度,板块,金额(万元)\n2020,医疗,430.5\n2020,教育,0.0001\n2021,教育,-12.34\n";
    let (_, yuan) = clean(csv.as_bytes(), Some(MoneyUnit::Yuan));
    let vals: Vec<&str> = yuan
        .lines()
        .skip(1)
        .map(|l| l.rsplit(',').next().unwrap())
        .collect();
    assert_eq!(vals, ["4305000", "1", "-123400"]);
    let (_, yi) = clean(csv.as_bytes(), Some(MoneyUnit::YiYuan));
    let vals: Vec<&str> = yi
        .lines()
        .skip(1)
        .map(|l| l.rsplit(',').next().unwrap())
        .collect();
    assert_eq!(vals, ["0.04305", "0.00000001", "-0.001234"]);
    let t = load(csv.as_bytes(), &Default::default()).unwrap();
    let l = layout(&t, Some(MoneyUnit::YiYuan));
    let m = l.find("金额(万元)").unwrap();
    assert_eq!(
        m.role,
        LayoutRole::Measure {
            kind: aidstat::table::MeasureKind::Money,
            unit: Some(MoneyUnit::YiYuan),
            source_unit: Some(MoneyUnit::WanYuan),
            scale: 8
        }
    );
}

#[test]
fn quarters_give_year_and_quarter_and_counts_stay_as_stored() {
    let csv = "季度,项目,人数(人)\n2021年第一季度,培训,12\n2021Q4,培训,3\n2022Q1,,7\n";
    let (_, text) = clean(csv.as_bytes(), Some(MoneyUnit::Yuan));
    assert_eq!(
        text,
        "来源文件,行号,项目,季度,季度_季度,人数(人)\n\
         f.csv,2,培训,2021,1,12\n\
         f.csv,3,培训,2021,4,3\n\
         f.csv,4,,2022,1,7\n"
    );
    let t = load(csv.as_bytes(), &Default::default()).unwrap();
    let l = layout(&t, None);
    assert_eq!(l.grain, Some(Grain::Quarter));
    assert!(l.columns.iter().any(|c| c.role
        == LayoutRole::Quarter {
            period: "季度".into()
        }));
}

#[test]
fn a_bad_cell_is_empty_flagged_and_in_the_rejects_with_line_and_raw_text() {
    let csv = "年度,板块,金额\n2020,医疗帮扶,430\n2021,教育帮扶,12元5\n合计,,442\n";
    let t = load(csv.as_bytes(), &Default::default()).unwrap();
    let mut out = Vec::new();
    assert_eq!(write_clean(&t, "f.csv", None, &mut out).unwrap(), 2);
    let text = String::from_utf8(out).unwrap();
    assert_eq!(
        text,
        "来源文件,行号,板块,年度,金额,金额_有误\nf.csv,2,医疗帮扶,2020,430,false\nf.csv,3,教育帮扶,2021,,true\n"
    );
    let mut rej = Vec::new();
    assert_eq!(write_rejects(&t, "f.csv", &mut rej).unwrap(), 2);
    let mut r = csv::Reader::from_reader(rej.as_slice());
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    assert_eq!(
        (&rows[0][1], &rows[0][2], &rows[0][4]),
        ("3", "bad_cell", "12元5")
    );
    assert_eq!((&rows[1][1], &rows[1][2]), ("4", "total_row"));
}

#[test]
fn labels_are_written_as_they_are_quoted_when_needed() {
    let csv = "板块,金额\n\"=SUM(A1), \"\"x\"\"\",1\n+冲销,2\n";
    let (_, text) = clean(csv.as_bytes(), None);
    assert_eq!(
        text,
        "来源文件,行号,板块,金额\nf.csv,2,\"=SUM(A1), \"\"x\"\"\",1\nf.csv,3,+冲销,2\n"
    );
}
