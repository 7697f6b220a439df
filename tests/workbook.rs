//! Workbooks through the whole engine: tests/workbooks/seed.xlsx (made by
//! tests/workbooks/make.py with XlsxWriter, not by aidstat) read by the
//! Office module (`aidstat_office`), its cells loaded by the core.
//!
//! Expected values are worked out by hand from the rows make.py writes (the
//! seed data of tests/data/huadu_utf8.csv, see tests/seeds.rs):
//! 2020: 430 + 148 + 90 + 14 + 130 + 188 = 1000; 2021: 2100; 2022: 1200; all 4300.
//! 医疗 2020: 430 / 1000 = 43.00 %. 教育 special fund 148 → 420 → 658:
//! 183.78 %, 56.67 %, CAGR sqrt(658/148) − 1 = 110.85 %.
//! On sheet 2023: 0.1 + 0.2 as stored by Python is 0.30000000000000004, which
//! Excel shows as 0.3; 1033.98; one #DIV/0! cell.

use aidstat::analyze::{analyze, result::AnalysisResult, spec::Spec};
use aidstat::load::{load_sheet, LoadOptions};
use aidstat::table::{describe::describe, Table};
use aidstat_office::read::{read_book, SheetChoice};

fn workbook(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/workbooks/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn table(name: &str, sheet: SheetChoice) -> Table {
    let book = read_book(&workbook(name), &sheet).unwrap_or_else(|e| panic!("{name}: {e:?}"));
    load_sheet(&book.to_bytes(), &LoadOptions::default()).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn run(t: &Table, spec: &str) -> AnalysisResult {
    analyze(t, &Spec::from_json(spec).unwrap()).unwrap_or_else(|e| panic!("{spec}: {e}"))
}

/// The same workbook as XlsxWriter wrote it and as LibreOffice saved it again.
const FORMS: [(&str, &str); 4] = [
    ("seed.xlsx", "xlsx"),
    ("seed-libreoffice.xlsx", "xlsx"),
    ("seed-libreoffice.xls", "xls"),
    ("seed-libreoffice.ods", "ods"),
];

#[test]
fn seed_figures_from_every_workbook_format() {
    for (file, format) in FORMS {
        seed_figures(file, format);
    }
}

fn seed_figures(file: &str, format: &str) {
    let t = table(file, SheetChoice::First);
    let s = describe(&t);
    // The hidden 旧表 and the one-cell 封面 are passed over; 明细 is read.
    let wb = t.source.workbook.as_ref().unwrap();
    assert_eq!(
        (wb.format.as_str(), wb.sheet.as_str()),
        (format, "明细"),
        "{file}"
    );
    let sheets: Vec<(&str, bool)> = wb
        .sheets
        .iter()
        .map(|s| (s.name.as_str(), s.visible))
        .collect();
    assert_eq!(
        sheets,
        [
            ("旧表", false),
            ("封面", true),
            ("明细", true),
            ("2023", true)
        ]
    );
    // Title row 1 and 单位 row 2 (both merged across), header on row 3.
    assert_eq!(s.source.header_line, Some(3));
    assert_eq!(
        s.source.unit_line.as_ref().map(|u| (u.line, u.unit)),
        Some((2, "万元"))
    );
    assert_eq!(t.len(), 19);
    // The 合计 row (=SUM, cached 4300) is the sheet's own total, on row 23.
    assert_eq!(t.total_rows.len(), 1);
    assert_eq!(t.total_rows[0].line, 23);
    let codes: Vec<&str> = t.findings.iter().map(|f| f.code).collect();
    assert_eq!(codes, ["total_ok"], "the stated 4300 matches the 19 rows");
    if format == "ods" {
        // calamine gives no merged areas for .ods: the note says so, and the
        // years merged beside their blocks are empty below each block's first row.
        assert!(
            t.warnings.iter().any(|w| w.code == "no_merged_areas"),
            "{file}"
        );
        let year = s.columns.iter().find(|c| c.name == "年度").unwrap();
        assert_eq!((year.role, year.nulls), ("period", 16), "{file}");
        return;
    }
    // The merged year cells fill their blocks: the warning says so.
    let merged = t
        .warnings
        .iter()
        .find(|w| w.code == "merged_cells")
        .unwrap_or_else(|| panic!("{file}: merged note in {:?}", t.warnings));
    assert!(
        merged.text.zh.contains("A4:A9") && merged.text.zh.contains("2020"),
        "{}",
        merged.text.zh
    );

    let r = run(
        &t,
        r#"{"rows":["板块"],"columns":"年度","share":"column","unit":"万元"}"#,
    );
    let cell = r.cell("医疗帮扶", "2020").unwrap();
    assert_eq!(cell.value.text, "430.00");
    assert_eq!(cell.share.as_ref().unwrap().text, "43.00%");
    let totals: Vec<&str> = r
        .row("合计")
        .unwrap()
        .cells
        .iter()
        .map(|c| c.value.text.as_str())
        .collect();
    assert_eq!(totals, ["1,000.00", "2,100.00", "1,200.00", "4,300.00"]);
    // The text amount "950" counts.
    assert_eq!(r.cell("教育帮扶", "2021").unwrap().value.text, "1,370.00");

    let filter = r#""filters":[{"column":"资金来源","keep":["花都区专项"]}]"#;
    let g = run(
        &t,
        &format!(r#"{{"rows":["板块"],"columns":"年度","growth":"rate","unit":"万元",{filter}}}"#),
    );
    let growth: Vec<&str> = ["2020", "2021", "2022"]
        .iter()
        .map(|y| {
            g.cell("教育帮扶", y)
                .unwrap()
                .growth
                .as_ref()
                .unwrap()
                .text
                .as_str()
        })
        .collect();
    assert_eq!(growth, ["—", "183.78%", "56.67%"]);
    let c = run(
        &t,
        &format!(r#"{{"rows":["板块"],"columns":"年度","growth":"cagr","unit":"万元",{filter}}}"#),
    );
    assert_eq!(
        c.row("教育帮扶").unwrap().summary.as_ref().unwrap().text,
        "110.85%"
    );
}

#[test]
fn dates_numbers_and_error_cells_of_another_sheet() {
    let t = table("seed.xlsx", SheetChoice::Name("2023".into()));
    let r = run(&t, r#"{"rows":["板块"],"precision":2}"#);
    // 0.30000000000000004 as stored reads as 0.3; the #DIV/0! cell is set aside.
    assert_eq!(
        r.cell("医疗帮扶", "金额").map(|c| c.value.text.as_str()),
        Some("0.30")
    );
    assert_eq!(
        r.cell("教育帮扶", "金额").map(|c| c.value.text.as_str()),
        Some("1,033.98")
    );
    let r = run(&t, r#"{"rows":["板块"],"precision":4}"#);
    assert_eq!(
        r.cell("医疗帮扶", "金额").map(|c| c.value.text.as_str()),
        Some("0.3000")
    );
    let bad = r
        .diagnostics
        .set_aside
        .iter()
        .find(|i| i.raw == "#DIV/0!")
        .expect("the error cell is set aside");
    assert_eq!(
        (bad.line, bad.column.as_deref(), bad.cell.as_deref()),
        (3, Some("金额"), Some("C3"))
    );
    assert!(bad.text.zh.ends_with("（单元格 C3）"), "{}", bad.text.zh);
    assert_eq!(r.diagnostics.rows_used, 2);
    let s = describe(&t);
    // Dates are periods: 2023-03-15 … 2023-11-30.
    let period = s.columns.iter().find(|c| c.name == "日期").unwrap();
    assert_eq!((period.role, period.grain), ("period", Some("month")));
    assert_eq!(period.sample, ["2023-03", "2023-07", "2023-11"]);
    // By index: the fourth worksheet is 2023.
    let by_index = table("seed.xlsx", SheetChoice::Index(3));
    assert_eq!(by_index.source.workbook.unwrap().sheet, "2023");
}

#[test]
fn workbooks_that_cannot_be_read_say_why() {
    for (bytes, code) in [
        (b"PK\x03\x04\x14\x00\x06\x00".to_vec(), "bad_workbook"),
        (
            vec![0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0],
            "bad_workbook",
        ),
        (b"year,amount\n".to_vec(), "not_workbook"),
    ] {
        let e = read_book(&bytes, &SheetChoice::First).unwrap_err();
        assert_eq!(e.code, code);
        assert!(e.message_zh.contains("Excel"), "{}", e.message_zh);
    }
    let e = read_book(&workbook("seed.xlsx"), &SheetChoice::Name("2019".into())).unwrap_err();
    assert_eq!(e.code, "unknown_sheet");
    assert!(e.message_zh.contains("“明细”"), "{}", e.message_zh);
}

#[test]
fn web_pages_saved_as_xls_are_named() {
    for (text, what) in [
        ("<html xmlns:x=\"urn:schemas-microsoft-com:office:excel\"><body><table><tr><td>年度</td></tr></table>", "网页格式的表格（HTML）"),
        ("\u{feff}<table border=1><tr><td>年度</td><td>金额</td></tr></table>", "网页格式的表格（HTML）"),
        ("MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"----=_NextPart\"\r\n", "网页存档（MHTML）"),
        ("<?xml version=\"1.0\"?>\n<Workbook xmlns=\"urn:schemas-microsoft-com:office:spreadsheet\">", "Excel 2003 XML 表格"),
    ] {
        let e = aidstat::load::load(text.as_bytes(), &LoadOptions::default()).unwrap_err();
        assert_eq!(e.code.as_str(), "not_text");
        assert!(e.text.zh.contains(what) && e.text.zh.contains("另存为"), "{}", e.text.zh);
    }
}

/// tests/workbooks/office.xlsx, laid out as another office does (make.py,
/// `office`). By hand: 产业帮扶 120.5 + 80 + 约60 = 260.5 (approximate);
/// 教育帮扶 200 + 35.25 = 235.25; 合计 495.75. The two 小计 rows and the 合计
/// row match; the note and signature rows below the table are not data.
#[test]
fn a_workbook_from_another_office() {
    let t = table("office.xlsx", SheetChoice::First);
    let s = describe(&t);
    let wb = t.source.workbook.as_ref().unwrap();
    // The chart sheet is not a worksheet.
    assert_eq!(
        wb.sheets
            .iter()
            .map(|s| s.name.as_str())
            .collect::<Vec<_>>(),
        ["2023年"]
    );
    assert_eq!(s.source.header_line, Some(4));
    assert_eq!(
        s.source.unit_line.as_ref().map(|u| (u.line, u.unit)),
        Some((3, "万元"))
    );
    // The title merged over two rows is one title line, not two.
    assert_eq!(
        s.source
            .skipped_lines
            .iter()
            .map(|l| l.line)
            .collect::<Vec<_>>(),
        [1, 3]
    );
    assert_eq!(t.len(), 5);
    let totals: Vec<(u64, &str)> = t.findings.iter().map(|f| (f.line, f.code)).collect();
    assert_eq!(
        totals,
        [(8, "total_ok"), (12, "total_ok"), (14, "total_ok")]
    );
    let notes = t
        .warnings
        .iter()
        .find(|w| w.code == "notes_below")
        .expect("notes below the table");
    assert_eq!(notes.line, Some(16));
    assert!(
        notes
            .text
            .zh
            .contains("第 17 行“填表人：张三 审核人：李四”"),
        "{}",
        notes.text.zh
    );
    assert!(
        !t.warnings.iter().any(|w| w.code == "short_rows"),
        "{:?}",
        t.warnings
    );
    let r = run(&t, r#"{"rows":["项目类别"]}"#);
    let labels: Vec<&str> = r.rows.iter().map(|r| r.label.as_str()).collect();
    assert_eq!(labels, ["产业帮扶", "教育帮扶", "合计"]);
    let values: Vec<&str> = r
        .rows
        .iter()
        .map(|r| r.cells[0].value.text.as_str())
        .collect();
    assert_eq!(values, ["260.50", "235.25", "495.75"]);
    assert_eq!(r.diagnostics.approximate.lines, [7]);
    assert_eq!(r.diagnostics.rows_used, 5);
    // The dates are periods by month.
    let when = s.columns.iter().find(|c| c.name == "拨付日期").unwrap();
    assert_eq!((when.role, when.grain), ("period", Some("month")));
}

/// tests/workbooks/nocache.xlsx (openpyxl, which saves formulas without their
/// results): the formula cell is an unreadable cell that says so, never 0.
#[test]
fn formulas_saved_without_results_are_not_zero() {
    let t = table("nocache.xlsx", SheetChoice::First);
    assert!(
        t.warnings
            .iter()
            .any(|w| w.code == "uncomputed_formulas" && w.text.zh.starts_with("1 个公式单元格")),
        "{:?}",
        t.warnings
    );
    let r = run(&t, r#"{"rows":["板块"]}"#);
    let bad = r
        .diagnostics
        .set_aside
        .iter()
        .find(|i| i.line == 3)
        .expect("line 3 set aside");
    assert_eq!(bad.raw, "=100+48（公式没有保存计算结果）");
    assert_eq!(bad.cell.as_deref(), Some("C3"));
    // 医疗 430; 教育 only the 420 that was typed.
    let values: Vec<&str> = r
        .rows
        .iter()
        .map(|r| r.cells[0].value.text.as_str())
        .collect();
    assert_eq!(values, ["430.00", "420.00", "850.00"]);
}

/// tests/workbooks/encrypted.xlsx: seed.xlsx with the password "aidstat"
/// (msoffcrypto-tool 6.1.0, see README.md there): named, with what to do.
#[test]
fn an_encrypted_workbook_says_so() {
    let e = read_book(&workbook("encrypted.xlsx"), &SheetChoice::First).unwrap_err();
    assert_eq!(e.code, "encrypted_workbook");
    assert!(e.message_zh.contains("密码"), "{}", e.message_zh);
}

/// tests/workbooks/twoheader.xlsx: each year merged over 金额 / 占比 (two
/// header rows), 板块 merged down both. The years read as one measure by
/// year; the file's shares are rates, left out, and aidstat's own equal them:
/// 医疗 2020 430 / 1000 = 43.00 %, 2021 30 / 2100 = 1.43 %.
#[test]
fn two_header_rows_in_a_workbook() {
    let t = table("twoheader.xlsx", SheetChoice::First);
    assert!(
        t.warnings.iter().any(|w| w.code == "two_header_rows"),
        "{:?}",
        t.warnings
    );
    let names: Vec<&str> = t.columns.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["板块", "年度", "金额"]);
    let r = run(&t, r#"{"rows":["板块"],"columns":"年度","share":"column"}"#);
    let c = r.cell("医疗帮扶", "2021").unwrap();
    assert_eq!(
        (
            c.value.text.as_str(),
            c.share.as_ref().unwrap().text.as_str()
        ),
        ("30.00", "1.43%")
    );
    assert_eq!(r.cell("合计", "合计").unwrap().value.text, "4,300.00");
    assert_eq!(r.measure.unit, Some("万元"));
}
