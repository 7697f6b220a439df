//! Several files as one table: a GBK file, a UTF-8 file in 元, a workbook;
//! a missing column; a file that cannot be combined. The figures are the
//! seed's, by hand: 2020 430+148+90+14+318 = 1,000; 2021 2,100; 2022
//! 658+150+14+340+38 = 1,200 万元; 4,300 in all (tests/data/seed_figures.csv).

use aidstat::analyze::result::AnalysisResult;
use aidstat::api::Session;
use aidstat::table::Table;
use aidstat_office::read::{read_book, SheetChoice};

fn data(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn table(bytes: &[u8]) -> Table {
    Session::from_bytes(bytes, "{}").unwrap().into_table()
}

/// The lines of a UTF-8 CSV whose year is in `years`, with its header.
fn lines_of(text: &str, years: &[&str]) -> String {
    let mut out = String::new();
    for (i, l) in text.lines().enumerate() {
        if i == 0 || years.iter().any(|y| l.starts_with(y)) {
            out.push_str(l);
            out.push('\n');
        }
    }
    out
}

fn cell(r: &AnalysisResult, row: &str, col: &str) -> String {
    r.cell(row, col)
        .unwrap_or_else(|| panic!("no cell {row} × {col}"))
        .value
        .text
        .clone()
}

/// 2020–2021 from a GBK file with a title and a 单位：万元 line, 2022 from a
/// UTF-8 file in 元 with a 金额(元) header and no 资金来源 column.
fn two_files() -> (Session, Vec<aidstat::table::concat::Refused>) {
    let utf8 = String::from_utf8(data("data/huadu_utf8.csv")).unwrap();
    let early = lines_of(&utf8, &["2020", "2021"]);
    let early = format!(
        "2020—2021年花都区对口帮扶清新区资金表\n单位：万元\n{}",
        early.replace("金额(万元)", "金额")
    );
    let (gbk, _, bad) = encoding_rs::GBK.encode(&early);
    assert!(!bad);
    let yuan = String::from_utf8(data("data/huadu_yuan.csv")).unwrap();
    let late: String = lines_of(&yuan, &["2022"])
        .lines()
        .map(|l| {
            // Drop the 资金来源 field (the 4th); amounts are quoted "1,500,000".
            let mut f: Vec<&str> = l.splitn(5, ',').collect();
            f.remove(3);
            f.join(",") + "\n"
        })
        .collect();
    let parts = vec![
        ("花都2020-2021.csv".to_string(), table(&gbk)),
        ("花都2022.csv".to_string(), table(late.as_bytes())),
    ];
    Session::concat(parts).unwrap()
}

#[test]
fn two_files_of_one_layout_give_the_seed_figures() {
    let (s, refused) = two_files();
    assert!(refused.is_empty());
    let t = s.table();
    assert_eq!(t.len(), 19);
    assert_eq!(t.columns[0].name, "来源文件");
    // Each file keeps its own lines: the GBK file's data starts on line 4.
    assert_eq!(t.lines.first(), Some(&4));
    assert_eq!(t.lines.get(14), Some(&2));
    let a = s
        .analyze(r#"{"rows":["板块"],"columns":"年度"}"#)
        .unwrap()
        .result;
    assert_eq!(cell(&a, "合计", "2020"), "1,000.00");
    assert_eq!(cell(&a, "合计", "2021"), "2,100.00");
    assert_eq!(cell(&a, "合计", "2022"), "1,200.00");
    assert_eq!(cell(&a, "合计", "合计"), "4,300.00");
    assert_eq!(cell(&a, "医疗帮扶", "2022"), "150.00");
    assert_eq!(a.diagnostics.rows_used, 19);
    // By file: 1,000 + 2,100 = 3,100 and 1,200.
    let f = s
        .analyze(r#"{"rows":["来源文件"],"share":"column"}"#)
        .unwrap()
        .result;
    assert_eq!(cell(&f, "花都2020-2021.csv", "金额"), "3,100.00");
    assert_eq!(cell(&f, "花都2022.csv", "金额"), "1,200.00");
    // 1,200 / 4,300 = 27.906…%
    let share = f
        .cell("花都2022.csv", "金额")
        .unwrap()
        .share
        .as_ref()
        .unwrap()
        .text
        .clone();
    assert_eq!(share, "27.91%");
}

#[test]
fn the_missing_column_and_the_unit_are_said_and_each_file_is_described() {
    let (s, _) = two_files();
    let w = &s.table().warnings;
    let missing = w
        .iter()
        .find(|m| m.code == "column_missing")
        .expect("column_missing");
    assert!(
        missing.text.zh.contains("“花都2022.csv”没有“资金来源”列"),
        "{}",
        missing.text.zh
    );
    let unit = w
        .iter()
        .find(|m| m.code == "unit_converted")
        .expect("unit_converted");
    assert!(
        unit.text.zh.contains("“金额(元)”以元计"),
        "{}",
        unit.text.zh
    );
    assert!(unit.text.zh.contains("按万元显示"), "{}", unit.text.zh);
    // The rows without 资金来源 are one blank group of 1,200.
    let a = s.analyze(r#"{"rows":["资金来源"]}"#).unwrap().result;
    assert_eq!(cell(&a, "(空白)", "金额"), "1,200.00");
    // 2020–2021: 花都区专项 2,150 and 清远市争取 950 (by hand from the seed rows).
    assert_eq!(cell(&a, "花都区专项", "金额"), "2,150.00");
    assert_eq!(cell(&a, "清远市争取", "金额"), "950.00");
    // Each file's reading stays visible: the GBK file's encoding and header line.
    let schema = s.schema();
    assert_eq!(schema.files.len(), 2);
    assert_eq!(schema.files[0].source.encoding, "GBK");
    assert_eq!(schema.files[0].source.header_line, Some(3));
    assert_eq!(schema.files[0].rows_loaded, 14);
    assert_eq!(schema.files[1].source.encoding, "UTF-8");
    let note = w.iter().find(|m| m.code == "file_part").unwrap();
    assert_eq!(
        note.text.zh,
        "“花都2020-2021.csv”：GBK编码，表头在第 3 行，读入 14 行，用 14 行，另有 0 行未用"
    );
}

#[test]
fn a_file_whose_columns_do_not_match_is_refused_by_name_and_the_rest_combine() {
    let a = table("年度,板块,金额\n2020,医疗,430\n".as_bytes());
    // 金额 holds words here: a category, not a measure.
    let b = table("年度,板块,金额\n2021,医疗,很多\n2021,教育,不少\n".as_bytes());
    let c = table("项目,备注\n甲,乙\n".as_bytes());
    let d = table("年度,板块,金额\n2021,医疗,473\n".as_bytes());
    let parts = vec![
        ("a.csv".into(), a),
        ("b.csv".into(), b),
        ("c.csv".into(), c),
        ("d.csv".into(), d),
    ];
    let (s, refused) = Session::concat(parts).unwrap();
    let names: Vec<&str> = refused.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names, ["b.csv", "c.csv"]);
    assert!(
        refused[0]
            .text
            .zh
            .contains("“金额”在这个文件中是分类列，在前面的文件中是数值列"),
        "{}",
        refused[0].text.zh
    );
    assert!(
        refused[1].text.zh.contains("没有相同的数值列"),
        "{}",
        refused[1].text.zh
    );
    let a = s.analyze(r#"{"rows":["板块"]}"#).unwrap().result;
    assert_eq!(cell(&a, "医疗", "金额"), "903.00");
    assert!(s
        .table()
        .warnings
        .iter()
        .any(|w| w.code == "file_refused" && w.text.zh.contains("未合并“b.csv”")));
    // Nothing left to combine: one clear error.
    let only_bad = vec![("c.csv".to_string(), table("项目,备注\n甲,乙\n".as_bytes()))];
    assert!(
        Session::concat(only_bad).is_ok(),
        "one file alone is its own layout"
    );
    assert_eq!(
        Session::concat(vec![]).unwrap_err().code.as_str(),
        "bad_request"
    );
}

#[test]
fn a_workbook_and_a_csv_combine_and_their_set_aside_rows_are_named_by_file() {
    let book = read_book(
        &data("workbooks/seed-libreoffice.xlsx"),
        &SheetChoice::First,
    )
    .unwrap();
    let sheet = Session::from_cells(&book.to_bytes(), "{}").unwrap();
    let sheet_rows = sheet.table().len();
    let sheet_total = sheet.analyze("{}").unwrap().result;
    let csv = table("年度,帮扶方,受援方,资金来源,板块,金额(万元)\n2023,花都区,清新区,花都区专项,医疗帮扶,100\n2023,花都区,清新区,花都区专项,教育帮扶,十万\n".as_bytes());
    let parts = vec![
        ("seed.xlsx".to_string(), sheet.into_table()),
        ("2023.csv".to_string(), csv),
    ];
    let (s, refused) = Session::concat(parts).unwrap();
    assert!(refused.is_empty(), "{refused:?}");
    assert_eq!(s.table().len(), sheet_rows + 2);
    let by_file = s.analyze(r#"{"rows":["来源文件"]}"#).unwrap().result;
    let measure = &by_file.columns[0].label;
    assert_eq!(cell(&by_file, "2023.csv", measure), "100.00");
    assert_eq!(
        cell(&by_file, "seed.xlsx", measure),
        sheet_total.rows.last().unwrap().cells[0].value.text
    );
    // The unreadable 十万 is a cell issue named by its file.
    let bad = s
        .table()
        .cell_issues
        .iter()
        .find(|i| i.raw == "十万")
        .expect("十万 set aside");
    assert!(bad.text.zh.starts_with("“2023.csv”："), "{}", bad.text.zh);
    assert_eq!(bad.line, 3);
}
