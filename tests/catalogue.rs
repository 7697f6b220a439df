//! The catalogue of bad inputs (docs/ROBUSTNESS.md): every file an analyst
//! may drop on the page that is not a clean table, each with the exact
//! outcome it must give. An outcome is either an error (code, Chinese and
//! English message, line and column) or a loaded table with its exact
//! diagnostics (rows set aside and cell problems with line and reason,
//! warnings with code and line). Table-driven: one row per input, and the
//! row's description names it in every failure.

#![allow(clippy::type_complexity)] // table rows are wide tuples

use std::time::{Duration, Instant};

use aidstat::analyze::{analyze, spec::Spec};
use aidstat::limits;
use aidstat::load::{load, LoadOptions};
use aidstat::read::{Format, ReadOptions};
use aidstat::table::Table;
use aidstat::{Error, ErrorCode};

/// What an input must give.
enum Want {
    /// An error, exactly.
    Error {
        code: ErrorCode,
        zh: String,
        en: String,
        line: Option<u64>,
        column: Option<u64>,
    },
    /// A table, with exactly these diagnostics.
    Table(Diag),
}

/// The diagnostics of a loaded table.
#[derive(Debug, Default, PartialEq)]
struct Diag {
    /// Data rows read below the header.
    rows_read: usize,
    /// Rows loaded (not set aside at load).
    loaded: usize,
    /// Rows set aside at load: (line, reason).
    set_aside: Vec<(u64, &'static str)>,
    /// Cell problems: (line, reason, English message).
    cells: Vec<(u64, &'static str, String)>,
    /// Warnings: (code, line).
    warnings: Vec<(&'static str, Option<u64>)>,
}

fn error(code: ErrorCode, zh: &str, en: &str, line: Option<u64>, column: Option<u64>) -> Want {
    Want::Error {
        code,
        zh: zh.to_string(),
        en: en.to_string(),
        line,
        column,
    }
}

fn diag(t: &Table) -> Diag {
    Diag {
        rows_read: t.rows_read,
        loaded: t.len(),
        set_aside: t.set_aside.iter().map(|i| (i.line, i.reason)).collect(),
        cells: t
            .cell_issues
            .iter()
            .map(|i| (i.line, i.reason, i.text.en.clone()))
            .collect(),
        warnings: t.warnings.iter().map(|w| (w.code, w.line)).collect(),
    }
}

fn check(what: &str, result: aidstat::Result<Table>, want: &Want) {
    match (result, want) {
        (
            Err(e),
            Want::Error {
                code,
                zh,
                en,
                line,
                column,
            },
        ) => {
            let got = (
                e.code,
                e.text.zh.as_str(),
                e.text.en.as_str(),
                e.line,
                e.column,
            );
            let want = (*code, zh.as_str(), en.as_str(), *line, *column);
            assert_eq!(got, want, "{what}");
        }
        (Ok(t), Want::Table(d)) => assert_eq!(&diag(&t), d, "{what}"),
        (Ok(t), Want::Error { code, en, .. }) => {
            panic!("{what}: loaded {:?}, wanted error {code:?} {en}", diag(&t))
        }
        (Err(e), Want::Table(d)) => panic!("{what}: error {e:?}, wanted {d:?}"),
    }
}

fn opts() -> LoadOptions {
    LoadOptions::default()
}

fn with_format(f: Format) -> LoadOptions {
    LoadOptions {
        read: ReadOptions {
            format: Some(f),
            ..ReadOptions::default()
        },
        ..LoadOptions::default()
    }
}

/// Runs `f`, asserting it takes well under a second natively (a debug
/// build, as `cargo test` makes, gets ten times as long).
fn quick<T>(what: &str, f: impl FnOnce() -> T) -> T {
    let budget = if cfg!(debug_assertions) {
        Duration::from_secs(10)
    } else {
        Duration::from_millis(1000)
    };
    let t0 = Instant::now();
    let out = f();
    let took = t0.elapsed();
    assert!(took < budget, "{what}: took {took:?}");
    out
}

// ---------------------------------------------------------------------------
// Limits: what a browser tab cannot hold is refused with a clear message.

#[test]
fn limits() {
    let wide_header: String = (0..10_000)
        .map(|i| format!("c{i}"))
        .collect::<Vec<_>>()
        .join(",");
    let wide = format!("{wide_header}\n{}\n", vec!["1"; 10_000].join(","));
    let rows: Vec<(&str, Vec<u8>, LoadOptions, Want)> = vec![
        (
            "a file of 320 MB",
            vec![0; limits::MAX_BYTES / 4 * 5],
            opts(),
            error(
                ErrorCode::TooLarge,
                "文件有 320.0 MB，超过了浏览器页面能处理的上限 256.0 MB；请把文件按年度或地区拆成几个较小的文件，或删去不需要的列后再打开",
                "the file is 320.0 MB, more than the 256.0 MB a browser tab can handle; split it (by year or region) into smaller files, or remove the columns you do not need",
                None,
                None,
            ),
        ),
        (
            "a JSON file of 40 MB",
            {
                let mut j = b"[".to_vec();
                j.resize(limits::MAX_JSON_BYTES / 4 * 5 - 1, b' ');
                j.push(b']');
                j
            },
            opts(),
            error(
                ErrorCode::TooLarge,
                "JSON 文件有 40.0 MB，超过了 JSON 的上限 32.0 MB（读入 JSON 所需的内存是文件的十几倍）；请另存为 CSV（上限 256.0 MB），或拆成几个较小的文件",
                "the JSON file is 40.0 MB, more than the 32.0 MB allowed for JSON (reading JSON takes over ten times its size in memory); save it as CSV (up to 256.0 MB), or split it into smaller files",
                None,
                None,
            ),
        ),
        (
            "a header of 10,000 columns",
            wide.into_bytes(),
            opts(),
            error(
                ErrorCode::TooLarge,
                "第 1 行的表头有 10000 列，超过了上限 1000 列；请删去不需要的列（或把表拆开）后再打开",
                "the header (line 1) has 10000 columns, more than the limit of 1000; remove the columns you do not need (or split the sheet) and open it again",
                Some(1),
                None,
            ),
        ),
        (
            "JSON records with 1,001 distinct keys",
            {
                let keys: Vec<String> = (0..1001).map(|i| format!("\"k{i}\":1")).collect();
                format!("[{{{}}}]", keys.join(",")).into_bytes()
            },
            opts(),
            error(
                ErrorCode::TooLarge,
                "JSON 的记录共有 1001 个不同的字段，超过了上限 1000 列；请删去不需要的字段后再打开",
                "the JSON records have 1001 distinct fields, more than the limit of 1000 columns; remove the fields you do not need and open it again",
                None,
                None,
            ),
        ),
        (
            "JSON columns that would lay out as 26 million cells",
            format!(
                "{{\"a\":[{}],{}}}",
                vec!["1"; 26_000].join(","),
                (0..999).map(|i| format!("\"c{i}\":[]")).collect::<Vec<_>>().join(",")
            )
            .into_bytes(),
            opts(),
            error(
                ErrorCode::TooLarge,
                "JSON 展开成表格后有 26000 行 × 1000 列，超过了浏览器页面能处理的 25000000 个单元格；请拆成几个较小的文件，或删去不需要的字段",
                "laid out as a table, the JSON has 26000 rows × 1000 columns, more than the 25000000 cells a browser tab can handle; split it into smaller files, or remove the fields you do not need",
                None,
                None,
            ),
        ),
    ];
    for (what, bytes, o, want) in rows {
        check(what, quick(what, || load(&bytes, &o)), &want);
    }
}

/// 25 million cells take a while to build: run with `--ignored`.
#[test]
#[ignore]
fn too_many_cells() {
    let header: Vec<String> = (0..1000).map(|i| format!("c{i}")).collect();
    let row = vec!["1"; 1000].join(",");
    let mut text = header.join(",");
    text.push('\n');
    for _ in 0..25_001 {
        text.push_str(&row);
        text.push('\n');
    }
    let e = load(text.as_bytes(), &opts()).unwrap_err();
    assert_eq!(
        (e.code, e.text.en.as_str(), e.line),
        (
            ErrorCode::TooLarge,
            "by line 25002 the table has 25001 rows × 1000 columns, more than the 25000000 cells a browser tab can handle; split the file (by year or region) or remove the columns you do not need",
            Some(25_002)
        )
    );
}

#[test]
fn a_view_too_large_is_refused() {
    let mut text = String::from("编号,项目,金额\n");
    for i in 0..1_500 {
        text.push_str(&format!("A{i},P{i},1\n"));
    }
    let t = load(text.as_bytes(), &opts()).unwrap();
    let spec = Spec::from_json(r#"{"rows":["编号"],"columns":"项目"}"#).unwrap();
    let e: Error = quick("1,500 × 1,500 view", || analyze(&t, &spec)).unwrap_err();
    assert_eq!(
        (e.code, e.text.zh.as_str(), e.text.en.as_str()),
        (
            ErrorCode::TooLarge,
            "这样分组会有多达 1500 行 × 1501 列的结果，超过了上限 2000000 个数；请减少行或列中的维度，或先用筛选缩小范围",
            "this grouping could give up to 1500 rows × 1501 columns, more than the limit of 2000000 figures; use fewer row or column dimensions, or filter first"
        )
    );
    // The same rows one way only are fine.
    let spec = Spec::from_json(r#"{"rows":["编号"]}"#).unwrap();
    assert_eq!(analyze(&t, &spec).unwrap().diagnostics.rows_used, 1_500);
}

// ---------------------------------------------------------------------------
// Cells and headers: the file loads; each problem is listed where it is.

#[test]
fn cells_and_headers() {
    let out_of_range = |line: u64, shown: &str| {
        (
            line,
            "out_of_range",
            format!("bad value \"{shown}\" in column \"金额(万元)\" at line {line}: beyond the exact range (28 significant digits)"),
        )
    };
    let rows: Vec<(&str, &str, Diag)> = vec![
        (
            "duplicate and empty header names",
            "年度,金额,金额,,\n2020,1,2,3,4\n2021,5,6,7,8\n",
            Diag {
                rows_read: 2,
                loaded: 2,
                warnings: vec![
                    ("duplicate_header", None),
                    ("empty_header", None),
                    ("empty_header", None),
                    ("unit_unknown", None),
                    ("unit_unknown", None),
                    ("unit_unknown", None),
                    ("unit_unknown", None),
                ],
                ..Diag::default()
            },
        ),
        (
            "headers that differ only in full-width vs half-width",
            "年度,金额（万元）,金额(万元),ＡＭＯＵＮＴ,amount\n2020,1,2,3,4\n2021,5,6,7,8\n",
            Diag {
                rows_read: 2,
                loaded: 2,
                warnings: vec![
                    ("unit_unknown", None),
                    ("unit_unknown", None),
                    ("similar_headers", None),
                    ("similar_headers", None),
                ],
                ..Diag::default()
            },
        ),
        (
            "no numeric column at all",
            "地区,板块\n清新区,教育帮扶\n清新区,医疗帮扶\n",
            Diag {
                rows_read: 2,
                loaded: 2,
                warnings: vec![("no_measure", None)],
                ..Diag::default()
            },
        ),
        (
            "an amount of 40 digits (beyond Decimal)",
            "年度,金额(万元)\n2020,1234567890123456789012345678901234567890\n2021,5\n",
            Diag {
                rows_read: 2,
                loaded: 2,
                cells: vec![out_of_range(2, "1234567890123456789012345678901234567890")],
                ..Diag::default()
            },
        ),
        (
            "Excel currency, spaces and trailing minus read; a double sign and a range are bad",
            "年度,金额(万元)\n2020,¥1,234.50\n2020,1 000\n2021,7.00-\n2021,(5)万元\n2022,-¥-1\n2022,100-200\n",
            Diag {
                rows_read: 6,
                loaded: 6,
                warnings: vec![("repaired_thousands", Some(2))],
                cells: vec![
                    (6, "bad_cell", "bad value \"-¥-1\" in column \"金额(万元)\" at line 6: not a number".into()),
                    (7, "bad_cell", "bad value \"100-200\" in column \"金额(万元)\" at line 7: not a number".into()),
                ],
                ..Diag::default()
            },
        ),
        (
            "1e400",
            "年度,金额(万元)\n2020,1e400\n2021,5\n",
            Diag {
                rows_read: 2,
                loaded: 2,
                cells: vec![out_of_range(2, "1e400")],
                ..Diag::default()
            },
        ),
    ];
    for (what, text, want) in rows {
        check(what, load(text.as_bytes(), &opts()), &Want::Table(want));
    }
}

// ---------------------------------------------------------------------------
// JSON that is not a table.

#[test]
fn json() {
    let rows: Vec<(&str, String, LoadOptions, Want)> = vec![
        (
            "JSON that is a scalar (read as JSON)",
            "42".into(),
            with_format(Format::Json),
            error(
                ErrorCode::JsonShape,
                "JSON 是单个值，不是表格：需要记录数组、列对象或 {columns, rows}",
                "the JSON is a single value, not a table: use an array of records, an object of columns or {columns, rows}",
                None,
                None,
            ),
        ),
    ];
    for (what, text, o, want) in rows {
        check(what, quick(what, || load(text.as_bytes(), &o)), &want);
    }
}

// ---------------------------------------------------------------------------
// Files with nothing to compute: an error that says so, never a table of
// zero rows (there is no cell to tell a measure from a label, and every
// figure would be empty).

#[test]
fn nothing_to_compute() {
    let header_only = |line: u64| {
        error(
            ErrorCode::EmptyFile,
            &format!("文件只有表头（第 {line} 行），下面没有数据行：请确认导出时包含了数据"),
            &format!("the file has a header (line {line}) but no data rows below it: check that the export included the data"),
            Some(line),
            None,
        )
    };
    let blank = || {
        error(
            ErrorCode::EmptyFile,
            "文件里只有空白（或字节顺序标记），没有数据：请确认选对了文件，或重新导出",
            "the file holds only white space (or a byte-order mark), no data: check that you chose the right file, or export it again",
            None,
            None,
        )
    };
    let no_records = || {
        error(
            ErrorCode::EmptyFile,
            "JSON 里没有数据记录：需要记录数组、列对象或 {columns, rows}，且至少有一条记录",
            "the JSON holds no records: it needs an array of records, an object of columns or {columns, rows}, with at least one record",
            None,
            None,
        )
    };
    let rows: Vec<(&str, Vec<u8>, LoadOptions, Want)> = vec![
        (
            "an empty file",
            vec![],
            opts(),
            error(
                ErrorCode::EmptyFile,
                "文件是空的（0 字节）：请确认选对了文件；如果是从其他软件导出的，请重新导出",
                "the file is empty (0 bytes): check that you chose the right file, or export it again",
                None,
                None,
            ),
        ),
        ("a UTF-8 BOM only", vec![0xef, 0xbb, 0xbf], opts(), blank()),
        ("a UTF-16 BOM only", vec![0xff, 0xfe], opts(), blank()),
        ("white space only", b" \r\n\t\n  \n".to_vec(), opts(), blank()),
        (
            "a header only",
            "年度,板块,金额(万元)\n".into(),
            opts(),
            header_only(1),
        ),
        (
            "a header and blank lines",
            "年度,板块,金额(万元)\r\n\r\n,,\r\n   \r\n".into(),
            opts(),
            header_only(1),
        ),
        (
            "a title, a unit line and a header, no data",
            "2020年帮扶资金表,,\n单位：万元,,\n年度,板块,金额\n".into(),
            opts(),
            header_only(3),
        ),
        (
            "a single value (a JSON scalar read as CSV)",
            b"42\n".to_vec(),
            opts(),
            error(
                ErrorCode::EmptyFile,
                "文件只有一个值“42”，不是表格：需要一行表头和至少一行数据",
                "the file holds a single value \"42\", not a table: it needs a header row and at least one data row",
                Some(1),
                None,
            ),
        ),
        ("JSON: an empty array", b"[]".to_vec(), opts(), no_records()),
        ("JSON: an empty object", b" {} ".to_vec(), opts(), no_records()),
        ("JSON: an empty wrapper", br#"{"data": []}"#.to_vec(), opts(), no_records()),
        ("JSON: records with no fields", b"[{}, {}]".to_vec(), opts(), no_records()),
        (
            "delimiters only",
            b",,,\n,,\n\n,\n".to_vec(),
            opts(),
            error(
                ErrorCode::NoHeader,
                "找不到表头行：文件里只有分隔符和空白，没有文字；请确认选对了文件",
                "no header row found: the file holds only delimiters and white space, no text; check that you chose the right file",
                None,
                None,
            ),
        ),
        (
            "a header line given beyond the file",
            "年度,金额\n2020,1\n".into(),
            LoadOptions {
                read: ReadOptions {
                    header_line: Some(9),
                    ..ReadOptions::default()
                },
                ..LoadOptions::default()
            },
            error(
                ErrorCode::NoHeader,
                "指定的表头行（第 9 行）不在文件的前 64 条记录中（读到第 2 行）：请检查行号，或留空让程序自动查找表头",
                "the header line given (line 9) is not among the file's first 64 records (they end at line 2): check the line number, or leave it empty to find the header automatically",
                Some(9),
                None,
            ),
        ),
    ];
    for (what, bytes, o, want) in rows {
        check(what, load(&bytes, &o), &want);
    }
}

#[test]
fn similar_headers_are_named_in_the_warning() {
    let t = load(
        "年度,金额（万元）,金额(万元)\n2020,1,2\n".as_bytes(),
        &opts(),
    )
    .unwrap();
    let w = t
        .warnings
        .iter()
        .find(|w| w.code == "similar_headers")
        .unwrap();
    assert_eq!(
        (w.text.zh.as_str(), w.text.en.as_str()),
        (
            "第 2 列“金额（万元）”、第 3 列“金额(万元)”的名字只差全角/半角、大小写或空格，容易混淆；分析时请用准确的列名",
            "column 2 \"金额（万元）\", column 3 \"金额(万元)\" differ only in full-width / half-width forms, case or spaces, and are easily confused; name them exactly in an analysis"
        )
    );
}

// ---------------------------------------------------------------------------
// Specs that cannot be run: the message names what is wrong and the choices.

#[test]
fn bad_specs() {
    let t = load(
        "年度,板块,金额（万元）,金额(万元)\n2020,教育,1,2\n2021,医疗,3,4\n".as_bytes(),
        &opts(),
    )
    .unwrap();
    let wide_header: Vec<String> = (0..40).map(|i| format!("c{i}")).collect();
    let wide = load(
        format!("{}\n{}\n", wide_header.join(","), vec!["1"; 40].join(",")).as_bytes(),
        &opts(),
    )
    .unwrap();
    let rows: Vec<(&str, &Table, &str, ErrorCode, &str, &str)> = vec![
        (
            "a spec that names a missing column",
            &t,
            r#"{"rows":["地区"]}"#,
            ErrorCode::UnknownColumn,
            "没有名为“地区”的列；现有的列：“年度”、“板块”、“金额（万元）”、“金额(万元)”",
            "no column named \"地区\"; the columns are: 年度, 板块, 金额（万元）, 金额(万元)",
        ),
        (
            "a missing measure, among 40 columns (the list is cut)",
            &wide,
            r#"{"measure":"金额"}"#,
            ErrorCode::UnknownColumn,
            "没有名为“金额”的列；现有的列：“c0”、“c1”、“c2”、“c3”、“c4”、“c5”、“c6”、“c7”、“c8”、“c9”、“c10”、“c11”、“c12”、“c13”、“c14”、“c15”、“c16”、“c17”、“c18”、“c19”、“c20”、“c21”、“c22”、“c23”、“c24”、“c25”、“c26”、“c27”、“c28”、“c29”……共 40 列",
            "no column named \"金额\"; the columns are: c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12, c13, c14, c15, c16, c17, c18, c19, c20, c21, c22, c23, c24, c25, c26, c27, c28, c29, … (40 columns)",
        ),
        (
            "a column named loosely when two columns read the same",
            &t,
            r#"{"measure":"金额 (万元)"}"#,
            ErrorCode::UnknownColumn,
            "列名“金额 (万元)”不确切：可以指第 3 列“金额（万元）”或第 4 列“金额(万元)”；请用其中一个准确的名字",
            "the column name \"金额 (万元)\" is ambiguous: it could be column 3 \"金额（万元）\" or column 4 \"金额(万元)\"; use one of these names exactly",
        ),
        (
            "an aggregate that does not exist",
            &t,
            r#"{"aggregate":"median"}"#,
            ErrorCode::UnknownOperation,
            "没有“median”这种汇总方式，可选：sum、count、count_nonnull、mean、min、max、distinct",
            "unknown aggregate `median`; use one of sum, count, count_nonnull, mean, min, max, distinct",
        ),
        (
            "a growth that does not exist",
            &t,
            r#"{"growth":"yoy"}"#,
            ErrorCode::UnknownOperation,
            "没有“yoy”这种增长指标，可选：none、change、rate、speed、index、cagr、average、contribution、pull",
            "unknown growth `yoy`; use one of none, change, rate, speed, index, cagr, average, contribution, pull",
        ),
        (
            "a sum of a text column",
            &t,
            r#"{"measure":"板块"}"#,
            ErrorCode::BadRequest,
            "“板块”不是数值列，不能做“sum”；可用“计数”或“去重计数”",
            "\"板块\" is not a numeric column, so `sum` does not apply; use count or distinct",
        ),
        (
            "grouping by a measure",
            &t,
            r#"{"rows":["金额(万元)"]}"#,
            ErrorCode::BadRequest,
            "“金额(万元)”是数值列（或已忽略），不能用来分组；如要按它分组，请在列设置中改为“维度”",
            "\"金额(万元)\" is a measure (or ignored) column and cannot group rows; mark it as a dimension to group by it",
        ),
    ];
    for (what, table, spec, code, zh, en) in rows {
        let e = Spec::from_json(spec)
            .and_then(|s| analyze(table, &s))
            .err()
            .unwrap_or_else(|| panic!("{what}: no error"));
        assert_eq!(
            (e.code, e.text.zh.as_str(), e.text.en.as_str()),
            (code, zh, en),
            "{what}"
        );
    }
    // Named exactly, each of the two similar columns is found.
    for (name, want) in [("金额（万元）", "1"), ("金额(万元)", "2")] {
        let spec = Spec::from_json(&format!(r#"{{"measure":"{name}","columns":"年度"}}"#)).unwrap();
        let r = analyze(&t, &spec).unwrap();
        assert_eq!(
            r.rows[0].cells[0].value.exact.as_deref(),
            Some(want),
            "{name}"
        );
    }
}

// ---------------------------------------------------------------------------
// Quotes that never close.

#[test]
fn unbalanced_quotes() {
    let swallowed = |line: u64, column: u64, last: u64| {
        let n = last - line;
        error(
            ErrorCode::BadCsv,
            &format!("第 {line} 行第 {column} 列的引号（\"）没有配对：从这里到文件末尾（第 {last} 行）会被读成一个单元格，其后 {n} 行的数据因此无法读取；请在该单元格的末尾补上引号，或重新导出文件"),
            &format!("the quote (\") that opens line {line}, column {column} is never closed: everything from there to the end of the file (line {last}) would be read as one cell, and the {n} lines after it with it; add the closing quote to that cell, or export the file again"),
            Some(line),
            Some(column),
        )
    };
    let mut five_mb = String::from("年度,板块,金额\n2020,\"");
    five_mb.push_str(&"教育帮扶 ".repeat(400_000));
    five_mb.push_str("\n2021,医疗,5\n");
    let rows: Vec<(&str, String, Want)> = vec![
        (
            "an unbalanced quote at the end of the last line",
            "年度,金额(万元)\n2020,100\n2021,\"200\n".into(),
            Want::Table(Diag {
                rows_read: 2,
                loaded: 2,
                warnings: vec![("unclosed_quote", Some(3))],
                ..Diag::default()
            }),
        ),
        (
            "an unbalanced quote that would swallow the rest of the file",
            "年度,金额(万元)\n2020,\"100\n2021,200\n2022,300\n\n".into(),
            swallowed(2, 2, 4),
        ),
        (
            "an unbalanced quote in a title line above the header",
            "\"2020年帮扶资金表\n年度,金额\n2020,1\n".into(),
            swallowed(1, 1, 3),
        ),
        (
            "a 5 MB cell whose quote never closes",
            five_mb,
            swallowed(2, 2, 3),
        ),
    ];
    for (what, text, want) in rows {
        check(what, quick(what, || load(text.as_bytes(), &opts())), &want);
    }
    let t = load(
        "年度,金额(万元)\n2020,100\n2021,\"200\n".as_bytes(),
        &opts(),
    )
    .unwrap();
    let w = t
        .warnings
        .iter()
        .find(|w| w.code == "unclosed_quote")
        .unwrap();
    assert_eq!(
        (w.text.zh.as_str(), w.text.en.as_str()),
        (
            "第 3 行第 2 列的引号（\"）没有配对，一直读到文件末尾；已按该单元格的内容读取，请核对",
            "the quote (\") that opens line 3, column 2 is never closed and runs to the end of the file; the cell was read as it stands, check it"
        )
    );
    assert_eq!(t.cell_issues.len(), 0, "the cell reads as 200");
}

// ---------------------------------------------------------------------------
// Encodings: bytes that do not decode, lines in two encodings.

fn gbk(text: &str) -> Vec<u8> {
    encoding_rs::GBK.encode(text).0.into_owned()
}

#[test]
fn encodings() {
    let table = "年度,板块,金额(万元)\n2020,教育帮扶,148\n2021,教育帮扶,420\n";
    let bad_utf8 = |prefix: &[u8]| {
        let mut b = prefix.to_vec();
        b.extend_from_slice(table.as_bytes());
        b.extend_from_slice("2022,医疗".as_bytes());
        b.push(0xff);
        b.extend_from_slice("帮扶,658\n".as_bytes());
        b
    };
    let decode_errors = |line: u64| Diag {
        rows_read: 3,
        loaded: 3,
        warnings: vec![("decode_errors", Some(line))],
        ..Diag::default()
    };
    let mut mixed = table.as_bytes().to_vec();
    mixed.extend_from_slice(&gbk("2022,医疗帮扶,658\n2022,产业合作,5\n"));
    mixed.extend_from_slice("2023,教育帮扶,30\n".as_bytes());
    let rows: Vec<(&str, Vec<u8>, LoadOptions, Diag)> = vec![
        (
            "invalid UTF-8 in a file declared UTF-8 by its BOM",
            bad_utf8(&[0xef, 0xbb, 0xbf]),
            opts(),
            decode_errors(4),
        ),
        (
            "invalid UTF-8 in a file declared UTF-8 in the options",
            bad_utf8(&[]),
            LoadOptions {
                read: ReadOptions {
                    encoding: Some("utf-8".into()),
                    ..ReadOptions::default()
                },
                ..LoadOptions::default()
            },
            decode_errors(4),
        ),
        (
            "invalid UTF-8 in an undeclared UTF-8 file (not taken for GBK)",
            bad_utf8(&[]),
            opts(),
            decode_errors(4),
        ),
        (
            "a file that mixes GBK and UTF-8 lines",
            mixed,
            opts(),
            Diag {
                rows_read: 5,
                loaded: 5,
                warnings: vec![("mixed_encoding", Some(4))],
                ..Diag::default()
            },
        ),
    ];
    for (what, bytes, o, want) in rows {
        let t = load(&bytes, &o);
        if let Ok(t) = &t {
            // Every label reads as written: nothing was decoded wrongly.
            let names: Vec<&str> = t.columns.iter().map(|c| c.name.as_str()).collect();
            assert_eq!(names, ["年度", "板块", "金额(万元)"], "{what}");
        }
        check(what, t, &Want::Table(want));
    }
    let t = load(&bad_utf8(&[0xef, 0xbb, 0xbf]), &opts()).unwrap();
    let w = &t.warnings[0];
    assert_eq!(
        (w.text.zh.as_str(), w.text.en.as_str()),
        (
            "有 1 处字节无法按 UTF-8 解码（第一处在第 4 行），显示为 �；如有乱码，请选择正确的编码（如 GBK、Big5）",
            "1 byte sequence(s) could not be decoded as UTF-8 (the first at line 4) and show as �; if text looks garbled, choose the right encoding (e.g. GBK or Big5)"
        )
    );
    let mut mixed = table.as_bytes().to_vec();
    mixed.extend_from_slice(&gbk("2022,医疗帮扶,658\n2022,产业合作,5\n"));
    let t = load(&mixed, &opts()).unwrap();
    let w = &t.warnings[0];
    assert_eq!(
        (w.text.zh.as_str(), w.text.en.as_str()),
        (
            "第 4、5 行是 GBK 编码，其余是 UTF-8（文件可能经不同软件编辑过）：已逐行按各自的编码读取；请核对这些行，最好把整个文件另存为 UTF-8",
            "lines 4, 5 are in GBK and the rest in UTF-8 (the file was probably edited with different programs): each line was read in its own encoding; check these lines, and save the whole file as UTF-8"
        )
    );
    let spec = Spec::from_json(r#"{"rows":["板块"]}"#).unwrap();
    let r = analyze(&t, &spec).unwrap();
    let labels: Vec<&str> = r.rows.iter().map(|r| r.label.as_str()).collect();
    assert_eq!(labels, ["教育帮扶", "医疗帮扶", "产业合作", "合计"]);
}

// ---------------------------------------------------------------------------
// NUL bytes, and files that are not text at all.

#[test]
fn nul_bytes_and_binary_files() {
    let interior =
        b"\xef\xbb\xbf\xe5\xb9\xb4\xe5\xba\xa6,amount\n2020,1\x0000\n2021,2\n2022,3\n".to_vec();
    let mut padded = "年度,金额(万元)\n2020,1\n2021,2\n".as_bytes().to_vec();
    padded.extend_from_slice(&[0; 300]);
    let rows: Vec<(&str, Vec<u8>, Want)> = vec![
        (
            "a NUL byte inside an amount",
            interior,
            Want::Table(Diag {
                rows_read: 3,
                loaded: 3,
                cells: vec![(
                    2,
                    "bad_cell",
                    "bad value \"1␀00\" in column \"amount\" at line 2: not a number".into(),
                )],
                warnings: vec![("unit_unknown", None), ("nul_bytes", Some(2))],
                ..Diag::default()
            }),
        ),
        (
            "NUL padding after the data",
            padded,
            Want::Table(Diag {
                rows_read: 2,
                loaded: 2,
                warnings: vec![("nul_bytes", None)],
                ..Diag::default()
            }),
        ),
    ];
    for (what, bytes, want) in rows {
        check(what, load(&bytes, &opts()), &want);
    }
    let t = load(
        &b"\xe5\xb9\xb4\xe5\xba\xa6,amount\n2020,1\x0000\n2021,2\n2022,3\n"[..],
        &opts(),
    )
    .unwrap();
    let w = t.warnings.iter().find(|w| w.code == "nul_bytes").unwrap();
    assert_eq!(
        (w.text.zh.as_str(), w.text.en.as_str()),
        (
            "文件中有 1 个空字节（NUL，第一个在第 2 行），显示为 ␀，含有它的单元格不能当作数字读取；文件可能已损坏，或编码不对（可试 UTF-16）",
            "the file holds 1 NUL byte(s) (the first at line 2), shown as ␀; a cell holding one cannot be read as a number. The file may be damaged, or in another encoding (try UTF-16)"
        )
    );

    // A workbook is not refused as "not text": Table.fromBytes names Table.open.
    let open_zh = "工作簿请用 Table.open 打开（它会载入读取工作簿的模块）";
    let open_en = "open a workbook with Table.open (it loads the workbook module)";
    for (bytes, zh, en) in [
        (
            b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00".to_vec(),
            format!("这是工作簿（.xlsx、.ods）或其他压缩文件，不是 CSV 或 JSON 文本：{open_zh}"),
            format!("this is a workbook (.xlsx, .ods) or another zip file, not CSV or JSON text: {open_en}"),
        ),
        (
            vec![0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0],
            format!("这是旧版 Excel 工作簿（.xls），不是 CSV 或 JSON 文本：{open_zh}"),
            format!("this is an old Excel workbook (.xls), not CSV or JSON text: {open_en}"),
        ),
    ] {
        check(
            "a workbook",
            load(&bytes, &opts()),
            &Want::Error { code: ErrorCode::Workbook, zh, en, line: None, column: None },
        );
    }
    let mut binary = vec![0x01u8, 0x02, 0x00, 0x00, 0x10, 0x00, 0x00, 0x00];
    binary.extend(std::iter::repeat_n([0x00u8, 0x00, 0x41, 0x00, 0x7f, 0x00], 100).flatten());
    let rows: Vec<(&str, Vec<u8>, String, String)> = vec![
        (
            "a PDF",
            b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n".to_vec(),
            "这是 PDF 文件，不是 CSV 或 JSON 文本：请找到表格的原始文件（Excel 或 CSV）再打开".into(),
            "this is a PDF file, not CSV or JSON text: find the table's original file (Excel or CSV) and open that".into(),
        ),
        (
            "a binary file with many NUL bytes",
            binary,
            "这是其他程序的文件（含有大量空字节），不是 CSV 或 JSON 文本：请选择 CSV 或 JSON 文件；Excel 表格请用“另存为”保存成“CSV UTF-8（逗号分隔）”".into(),
            "this is another program's file (it holds many NUL bytes), not CSV or JSON text: choose a CSV or JSON file; save an Excel sheet with Save As → “CSV UTF-8 (Comma delimited)”".into(),
        ),
    ];
    for (what, bytes, zh, en) in rows {
        check(
            what,
            load(&bytes, &opts()),
            &Want::Error {
                code: ErrorCode::NotText,
                zh,
                en,
                line: None,
                column: None,
            },
        );
    }

    // UTF-16 without a BOM, mostly Chinese: fewer NULs than ASCII text, still UTF-16.
    let text = "年度\t帮扶方\t受援方\t资金来源\t板块\t金额(万元)\r\n2020\t花都区\t清新区\t花都区专项\t教育帮扶\t148\r\n2021\t花都区\t清新区\t花都区专项\t教育帮扶\t420\r\n";
    let bytes: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let t = load(&bytes, &opts()).unwrap();
    assert_eq!((t.source.encoding, t.len()), ("UTF-16LE", 2));
}

// ---------------------------------------------------------------------------
// Years: 0 and 99999 are bad periods of the period column (never a measure
// of years summed); 二〇二〇年 is 2020.

#[test]
fn years() {
    let text = "年度,金额(万元)\n0,1\n99999,2\n二〇二〇年,3\n2021,4\n2020,5\n";
    let t = load(text.as_bytes(), &opts()).unwrap();
    assert_eq!(
        diag(&t),
        Diag {
            rows_read: 5,
            loaded: 5,
            cells: vec![
                (
                    2,
                    "bad_period",
                    "bad value \"0\" in column \"年度\" at line 2: year outside 1900 to 2100"
                        .into()
                ),
                (
                    3,
                    "bad_period",
                    "bad value \"99999\" in column \"年度\" at line 3: year outside 1900 to 2100"
                        .into()
                ),
            ],
            ..Diag::default()
        }
    );
    assert_eq!(t.columns[0].role, aidstat::table::Role::Period);
    let r = analyze(&t, &Spec::from_json(r#"{"columns":"年度"}"#).unwrap()).unwrap();
    let cols: Vec<(&str, Option<&str>)> = r
        .columns
        .iter()
        .zip(&r.rows[0].cells)
        .map(|(c, cell)| (c.label.as_str(), cell.value.exact.as_deref()))
        .collect();
    assert_eq!(
        cols,
        [
            ("2020", Some("8")),
            ("2021", Some("4")),
            ("合计", Some("12"))
        ]
    );
    let d = &r.diagnostics;
    let aside: Vec<(u64, &str)> = d.set_aside.iter().map(|s| (s.line, s.reason)).collect();
    assert_eq!(aside, [(2, "bad_period"), (3, "bad_period")]);
    // Without the period in the view the bad years do not matter: all five rows count.
    let r = analyze(&t, &Spec::default()).unwrap();
    assert_eq!(
        r.measure.name.as_deref(),
        Some("金额(万元)"),
        "the years are not the measure"
    );
    assert_eq!(r.rows[0].cells[0].value.exact.as_deref(), Some("15"));
    // A budget column named like a year (年度预算) keeps its amounts.
    let t = load("年度预算,板块\n1200,教育\n3400,医疗\n".as_bytes(), &opts()).unwrap();
    assert_eq!(t.columns[0].role, aidstat::table::Role::Measure);
}

// ---------------------------------------------------------------------------
// Pathological inputs finish quickly, with bounded memory.

#[test]
fn many_total_rows() {
    // 20,000 `2020, 合计` rows, each covering every 2020 row: checking them
    // all would read 400 million rows. The first 100 are checked.
    let mut text = String::from("年度,板块,金额\n");
    for i in 0..20_000 {
        text.push_str(&format!("2020,教育,{i}\n2020,合计,{i}\n"));
    }
    let t = quick("20,000 keyed total rows", || load(text.as_bytes(), &opts())).unwrap();
    assert_eq!(
        (t.len(), t.total_rows.len(), t.findings.len()),
        (20_000, 20_000, 100)
    );
    let w = t
        .warnings
        .iter()
        .find(|w| w.code == "totals_unchecked")
        .unwrap();
    assert_eq!(
        (w.line, w.text.en.as_str()),
        (
            Some(203),
            "too many total rows to check them all: the 19900 from line 203 on were not checked against the rows (they are still not added again)"
        )
    );
    // 20,000 `合计` rows, each after one data row: each covers its block.
    let mut text = String::from("年度,板块,金额\n");
    for i in 0..20_000 {
        text.push_str(&format!("2020,教育,{i}\n合计,,{i}\n"));
    }
    let t = quick("20,000 block total rows", || load(text.as_bytes(), &opts())).unwrap();
    assert_eq!(t.findings.len(), 20_000);
    assert!(t.findings.iter().all(|f| f.code == "total_ok"));
}

#[test]
fn pathological_inputs() {
    let deep = |open: &str, n: usize| open.repeat(n).into_bytes();
    let too_deep = |column: u64| {
        error(
            ErrorCode::BadJson,
            &format!("JSON 嵌套太深（超过 128 层，第 1 行第 {column} 列），无法读取：表格数据只需两三层（记录数组里的对象），请检查文件是怎样导出的"),
            &format!("the JSON is nested too deeply (over 128 levels, at line 1 column {column}): a table needs only two or three (objects in an array of records); check how the file was exported"),
            Some(1),
            Some(column),
        )
    };
    let wide_row = format!(
        "年度,板块,金额(万元)\n2020,教育,148\n2021,{}\n2022,医疗,30\n",
        vec!["9"; 10_000].join(",")
    );
    let mut big_amount = String::from("年度,板块,金额(万元)\n2020,教育,148\n2021,医疗,");
    big_amount.push_str(&"9".repeat(5 * 1024 * 1024));
    big_amount.push_str("\n2022,医疗,30\n");
    let mut big_label = String::from("年度,板块,金额(万元)\n2020,教育,148\n2021,");
    big_label.push_str(&"医".repeat(2 * 1024 * 1024));
    big_label.push_str(",5\n2022,医疗,30\n");
    let nines = "9".repeat(limits::MAX_ECHO_CHARS);
    let rows: Vec<(&str, Vec<u8>, Want)> = vec![
        ("JSON nested 100,000 deep (arrays)", deep("[", 100_000), too_deep(128)),
        (
            "JSON nested 100,000 deep (objects)",
            deep(r#"{"a":"#, 100_000),
            too_deep(636),
        ),
        (
            "NDJSON whose second line nests 100,000 deep",
            [br#"{"a":1}"#.to_vec(), b"\n".to_vec(), deep("[", 100_000)].concat(),
            error(
                ErrorCode::BadJson,
                "JSON 嵌套太深（超过 128 层，第 2 行第 128 列），无法读取：表格数据只需两三层（记录数组里的对象），请检查文件是怎样导出的",
                "the JSON is nested too deeply (over 128 levels, at line 2 column 128): a table needs only two or three (objects in an array of records); check how the file was exported",
                Some(2),
                Some(128),
            ),
        ),
        (
            "JSON with a syntax error",
            r#"[{"年度": 2020, "金额": 1}, {"年度": 2021 "金额": 2}]"#.as_bytes().to_vec(),
            error(
                ErrorCode::BadJson,
                "JSON 格式错误（第 1 行第 37 列）：expected `,` or `}`；请检查这里附近的括号、逗号和引号",
                "invalid JSON at line 1 column 37: expected `,` or `}`; check the brackets, commas and quotes near there",
                Some(1),
                Some(37),
            ),
        ),
        (
            "a row of 10,000 cells under a header of 3",
            wide_row.into_bytes(),
            Want::Table(Diag {
                rows_read: 3,
                loaded: 2,
                set_aside: vec![(3, "too_many_cells")],
                ..Diag::default()
            }),
        ),
        (
            "a 5 MB amount",
            big_amount.into_bytes(),
            Want::Table(Diag {
                rows_read: 3,
                loaded: 3,
                cells: vec![(
                    3,
                    "out_of_range",
                    format!("bad value \"{nines}…\" in column \"金额(万元)\" at line 3: beyond the exact range (28 significant digits)"),
                )],
                ..Diag::default()
            }),
        ),
        (
            "a 6 MB label",
            big_label.into_bytes(),
            Want::Table(Diag {
                rows_read: 3,
                loaded: 3,
                ..Diag::default()
            }),
        ),
    ];
    for (what, bytes, want) in rows {
        check(what, quick(what, || load(&bytes, &opts())), &want);
    }
    // What is kept of a long row beside its message is cut too.
    let t = load(
        format!(
            "年度,板块,金额\n2020,教育,1\n2020,{}\n",
            vec!["9"; 10_000].join(",")
        )
        .as_bytes(),
        &opts(),
    )
    .unwrap();
    let aside = &t.set_aside[0];
    assert_eq!(aside.raw.chars().count(), limits::MAX_RAW_CHARS + 1);
    assert_eq!(
        aside.text.en,
        "line 3 has 10001 cells, more than the header's 3; the row is not used"
    );
}
