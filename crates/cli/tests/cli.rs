//! The built `aidstat` binary, run as a user runs it.
//!
//! The seed figures, worked out by hand from tests/data/huadu_gbk_title.csv
//! (GBK, a title line and a `单位：万元` line above the header; the same rows
//! as tests/data/huadu_utf8.csv):
//! - 2020: 430 + 148 + 90 + 14 + 130 + 188 = 1000;
//!   2021: 420 + 950 + 210 + 14 + 120 + 344 + 30 + 12 = 2100;
//!   2022: 658 + 150 + 14 + 340 + 38 = 1200; all years 4300.
//! - 教育帮扶 2021: 420 (花都区专项) + 950 (清远市争取) = 1370; all years
//!   148 + 1370 + 658 = 2176, 2176 / 4300 = 50.60 %.
//! - 医疗帮扶 2020 share of the year: 430 / 1000 = 43.00 %; its 2021 rate
//!   (30 − 430) / 430 = −93.02 %.
//!
//! Against tests/data/seed_figures.csv (the figures the source text states,
//! 000_68a45aa4d2d12b49.txt): 帮扶专项资金 3350 万元 = the 花都区专项 rows,
//! 4300 − 950 = 3350; 争取市级帮扶资金 950 = the one 清远市争取 row; 教育帮扶
//! 148 / 420 / 658 in 2020 / 2021 / 2022 = the 花都区专项 教育帮扶 rows;
//! 卫生帮扶 430 (2020) and 医疗帮扶 150 (2022); 老区建设 2020-2021 250 =
//! 130 + 120; 乡村振兴 2021-2022 684 = 344 + 340; 招商推介 90 and 210; 人才招聘会 14.

use std::path::PathBuf;
use std::process::{Command, Output};

use unicode_width::UnicodeWidthStr;

const BIN: &str = env!("CARGO_BIN_EXE_aidstat");

fn data(name: &str) -> String {
    format!("{}/../../tests/data/{name}", env!("CARGO_MANIFEST_DIR"))
}

fn gbk() -> String {
    data("huadu_gbk_title.csv")
}

fn tmp(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("aidstat-cli");
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

fn run(args: &[&str]) -> Output {
    Command::new(BIN).args(args).output().unwrap()
}

fn stdout(o: &Output) -> String {
    assert!(
        o.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

fn json(args: &[&str]) -> serde_json::Value {
    serde_json::from_str(&stdout(&run(args))).unwrap()
}

/// The row of a result by its label, and its cells' value texts.
fn texts(result: &serde_json::Value, label: &str) -> Vec<String> {
    let row = result["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["label"] == label)
        .unwrap_or_else(|| panic!("no row {label}"));
    row["cells"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["value"]["text"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn seed_figures_from_the_gbk_file() {
    let a = json(&[
        "analyze",
        &gbk(),
        "--rows",
        "板块",
        "--columns",
        "年度",
        "--share",
        "column",
        "--growth",
        "rate",
        "--format",
        "json",
    ]);
    assert_eq!(
        texts(&a, "合计"),
        ["1,000.00", "2,100.00", "1,200.00", "4,300.00"]
    );
    assert_eq!(
        texts(&a, "教育帮扶"),
        ["148.00", "1,370.00", "658.00", "2,176.00"]
    );
    let med = a["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["label"] == "医疗帮扶")
        .unwrap();
    assert_eq!(med["cells"][0]["share"]["text"], "43.00%");
    assert_eq!(med["cells"][1]["growth"]["text"], "-93.02%");
    assert_eq!(a["diagnostics"]["rowsRead"], 19);
    assert_eq!(a["diagnostics"]["encoding"], "GBK");

    // The seed file's own figures: 帮扶专项资金 3350 and 争取市级帮扶资金 950.
    let by_source = json(&["analyze", &gbk(), "--rows", "资金来源", "--format", "json"]);
    assert_eq!(texts(&by_source, "花都区专项"), ["3,350.00"]);
    assert_eq!(texts(&by_source, "清远市争取"), ["950.00"]);
    // 教育帮扶 of the 花都区专项 only: 148, 420, 658 (and the 亿元 unit: 0.1226).
    let edu = json(&[
        "analyze",
        &gbk(),
        "--rows",
        "板块",
        "--columns",
        "年度",
        "--filter",
        "资金来源=花都区专项",
        "--filter",
        "板块=教育帮扶|医疗帮扶",
        "--format",
        "json",
    ]);
    assert_eq!(
        texts(&edu, "教育帮扶"),
        ["148.00", "420.00", "658.00", "1,226.00"]
    );
    assert_eq!(
        texts(&edu, "医疗帮扶"),
        ["430.00", "30.00", "150.00", "610.00"]
    );
    assert_eq!(edu["diagnostics"]["filteredOut"], 19 - 6);
    let dropped = json(&[
        "analyze",
        &gbk(),
        "--rows",
        "板块",
        "--filter",
        "资金来源!=花都区专项",
        "--unit",
        "亿元",
        "--precision",
        "4",
        "--format",
        "json",
    ]);
    assert_eq!(texts(&dropped, "教育帮扶"), ["0.0950"]);
}

#[test]
fn json_is_the_apis_result() {
    let out = stdout(&run(&[
        "analyze",
        &gbk(),
        "--rows",
        "板块",
        "--columns",
        "年度",
        "--format",
        "json",
    ]));
    let bytes = std::fs::read(gbk()).unwrap();
    let s = aidstat::api::Session::from_bytes(&bytes, "{}").unwrap();
    let a = s.analyze(r#"{"rows":["板块"],"columns":"年度"}"#).unwrap();
    assert_eq!(out, format!("{}\n", serde_json::to_string(&a).unwrap()));
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    for key in [
        "spec",
        "measure",
        "rowDims",
        "colDim",
        "columns",
        "rows",
        "diagnostics",
        "findings",
        "paragraph",
    ] {
        assert!(v.get(key).is_some(), "{key}");
    }
    assert!(v["paragraph"]["zh"]
        .as_str()
        .unwrap()
        .contains("4,300.00万元"));
    assert!(v["paragraph"]["zhTw"].is_string() && v["paragraph"]["en"].is_string());
    // Exact figures stay decimal text, never floats.
    assert_eq!(v["rows"][0]["cells"][0]["value"]["exact"], "430");
}

#[test]
fn csv_as_the_page_exports_it() {
    let out = run(&[
        "analyze",
        &gbk(),
        "--rows",
        "板块",
        "--columns",
        "年度",
        "--format",
        "csv",
    ])
    .stdout;
    assert_eq!(&out[..3], b"\xef\xbb\xbf");
    let text = String::from_utf8(out[3..].to_vec()).unwrap();
    let lines: Vec<&str> = text.split("\r\n").collect();
    assert_eq!(
        lines[0],
        "板块,2020 金额（万元）,2021 金额（万元）,2022 金额（万元）,合计 金额（万元）"
    );
    assert_eq!(lines[1], "医疗帮扶,430.00,30.00,150.00,610.00");
    assert!(lines.contains(&"教育帮扶,148.00,1370.00,658.00,2176.00"));
    assert!(lines.contains(&"合计,1000.00,2100.00,1200.00,4300.00"));
    assert_eq!(lines.last(), Some(&""), "CRLF after the last row");

    // A label that a spreadsheet would run is neutralised; a negative rate is not.
    let f = tmp("formula.csv");
    std::fs::write(
        &f,
        "年度,板块,金额(万元)\n2020,=1+1,10\n2021,=1+1,5\n2020,\"a,b\",1\n",
    )
    .unwrap();
    let out = run(&[
        "analyze",
        f.to_str().unwrap(),
        "--rows",
        "板块",
        "--columns",
        "年度",
        "--growth",
        "rate",
        "--format",
        "csv",
        "--out",
        tmp("formula.out.csv").to_str().unwrap(),
    ]);
    assert!(out.status.success());
    let text =
        String::from_utf8(std::fs::read(tmp("formula.out.csv")).unwrap()[3..].to_vec()).unwrap();
    assert!(
        text.contains("\r\n'=1+1,10.00,—,5.00,-50.00%,15.00\r\n"),
        "{text}"
    );
    assert!(text.contains("\r\n\"a,b\",1.00,"), "{text}");
}

#[test]
fn xlsx_needs_out_and_is_a_workbook() {
    let no_out = run(&["analyze", &gbk(), "--rows", "板块", "--format", "xlsx"]);
    assert_eq!(no_out.status.code(), Some(2));
    assert!(stderr(&no_out).contains("--out"));
    let path = tmp("view.xlsx");
    let _ = std::fs::remove_file(&path);
    let o = run(&[
        "analyze",
        &gbk(),
        "--rows",
        "板块",
        "--columns",
        "年度",
        "--format",
        "xlsx",
        "--out",
        path.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let bytes = std::fs::read(&path).unwrap();
    assert_eq!(&bytes[..4], b"PK\x03\x04");
    let has = |name: &[u8]| bytes.windows(name.len()).any(|w| w == name);
    assert!(has(b"xl/worksheets/sheet1.xml") && has(b"xl/worksheets/sheet2.xml"));
    // Read back through the Office module and the core: the same figures.
    let back = run(&["inspect", path.to_str().unwrap(), "--json"]);
    let schema: serde_json::Value = serde_json::from_str(&stdout(&back)).unwrap();
    assert_eq!(schema["source"]["format"], "xlsx");
}

#[test]
fn table_aligns_chinese_by_display_width() {
    let out = stdout(&run(&[
        "analyze",
        &gbk(),
        "--rows",
        "板块",
        "--columns",
        "年度",
    ]));
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "金额：按板块 × 年度");
    assert_eq!(lines[1], "来源：huadu_gbk_title.csv（csv，GBK）");
    assert_eq!(lines[2], "单位：万元");
    let grid: Vec<&str> = lines[4..]
        .iter()
        .take_while(|l| !l.is_empty())
        .copied()
        .collect();
    assert_eq!(grid.len(), 2 + 7 + 1, "header, rule, seven 板块, 合计");
    assert!(grid[0].starts_with("板块      2020 金额（万元）"));
    // Figures are right-aligned: every line of the grid ends at the same display column.
    let width = grid[1].width();
    for l in &grid {
        assert_eq!(l.width(), width, "{l}");
    }
    assert!(grid[2].starts_with("医疗帮扶  ") && grid[2].ends_with("610.00"));
    assert!(
        out.contains("按板块分，教育帮扶最多，为2,176.00万元；"),
        "{out}"
    );
    assert!(out.ends_with("使用 19/19 行；搁置 0 行；筛掉 0 行；数值为空 0 行\n"));
    let en = stdout(&run(&["analyze", &gbk(), "--rows", "板块", "--lang", "en"]));
    assert!(
        en.starts_with("金额 by 板块\nsource: huadu_gbk_title.csv (csv, GBK)\nunit: 万元\n"),
        "{en}"
    );
}

#[test]
fn errors_in_three_languages() {
    let zh = run(&["analyze", &gbk(), "--rows", "地区"]);
    assert_eq!(zh.status.code(), Some(1));
    assert!(
        stderr(&zh).starts_with("aidstat: [unknown_column] 没有名为“地区”的列"),
        "{}",
        stderr(&zh)
    );
    let en = run(&["analyze", &gbk(), "--rows", "地区", "--lang", "en"]);
    assert_eq!(en.status.code(), Some(1));
    assert!(stderr(&en).starts_with("aidstat: [unknown_column] no column named \"地区\""));
    let tw = run(&["--lang", "zh-TW", "analyze", &gbk(), "--rows", "地区"]);
    assert!(stderr(&tw).contains("「地区」"), "{}", stderr(&tw));
    let spec = run(&["analyze", &gbk(), "--growth", "fast"]);
    assert_eq!(spec.status.code(), Some(1));
    assert!(
        stderr(&spec).contains("[unknown_operation]"),
        "{}",
        stderr(&spec)
    );
}

#[test]
fn files_that_cannot_be_read_are_named() {
    let missing = run(&["inspect", "/no/such/file.csv"]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(stderr(&missing).contains("“/no/such/file.csv”没有这个文件"));
    let dir = run(&["inspect", env!("CARGO_MANIFEST_DIR"), "--lang", "en"]);
    assert_eq!(dir.status.code(), Some(1));
    assert!(stderr(&dir).contains("is a directory"), "{}", stderr(&dir));
    // A file that says it is a workbook and is not one.
    let junk = tmp("junk.xlsx");
    std::fs::write(&junk, b"PK\x03\x04 not a zip at all").unwrap();
    let bad = run(&["inspect", junk.to_str().unwrap()]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(stderr(&bad).contains("[bad_workbook]"), "{}", stderr(&bad));
    // Without read permission (as root chmod 000 still reads: then skipped).
    let locked = tmp("locked.csv");
    std::fs::write(&locked, "年度,金额\n2020,1\n").unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
        if std::fs::read(&locked).is_err() {
            let o = run(&["inspect", locked.to_str().unwrap()]);
            assert_eq!(o.status.code(), Some(1));
            assert!(stderr(&o).contains("没有读取权限"), "{}", stderr(&o));
        }
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o644)).unwrap();
    }
    // Not a table at all.
    let empty = tmp("empty.csv");
    std::fs::write(&empty, b"").unwrap();
    assert!(stderr(&run(&["inspect", empty.to_str().unwrap()])).contains("[empty_file]"));
}

#[test]
fn usage_slips_exit_2() {
    assert_eq!(run(&[]).status.code(), Some(2));
    assert_eq!(run(&["analyze"]).status.code(), Some(2));
    assert_eq!(run(&["frobnicate"]).status.code(), Some(2));
    assert_eq!(
        run(&["analyze", &gbk(), "--format", "pdf"]).status.code(),
        Some(2)
    );
    let spec = tmp("spec.json");
    std::fs::write(&spec, r#"{"rows":["板块"]}"#).unwrap();
    let sql = run(&[
        "sql",
        &gbk(),
        "--spec",
        spec.to_str().unwrap(),
        "--dialect",
        "oracle",
        "--table",
        "t",
    ]);
    assert_eq!(sql.status.code(), Some(2));
    assert!(stderr(&sql).contains("duckdb"));
    // Several files are one table (files.rs has the figures): the same file
    // twice is two parts, named by path.
    let two = run(&["inspect", &gbk(), &gbk(), "--json"]);
    assert_eq!(two.status.code(), Some(0));
    let schema: serde_json::Value = serde_json::from_slice(&two.stdout).unwrap();
    assert_eq!(schema["files"].as_array().map(Vec::len), Some(2));
}

#[test]
fn inspect_and_check() {
    let schema = json(&["inspect", &gbk(), "--json"]);
    assert_eq!(schema["source"]["encoding"], "GBK");
    assert_eq!(schema["source"]["headerLine"], 3);
    let names: Vec<&str> = schema["columns"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        ["年度", "帮扶方", "受援方", "资金来源", "板块", "金额"]
    );
    assert_eq!(schema["columns"][5]["unit"], "万元");
    let pretty = stdout(&run(&["inspect", &gbk()]));
    assert!(pretty.starts_with("{\n  \"source\""));

    let dup = tmp("dup.csv");
    std::fs::write(
        &dup,
        "年度,板块,金额(万元)\n2020,教育帮扶,148\n2020,教育帮扶,148\n",
    )
    .unwrap();
    let found = json(&["check", dup.to_str().unwrap(), "--json"]);
    assert_eq!(found[0]["code"], "duplicate_rows");
    let text = stdout(&run(&["check", dup.to_str().unwrap()]));
    assert!(text.starts_with("[warning] duplicate_rows: "), "{text}");
    assert!(text.contains("修正（加入 --options）: {"), "{text}");
}

#[test]
fn a_workbook_is_known_by_its_bytes() {
    let src = format!(
        "{}/../../tests/workbooks/seed.xlsx",
        env!("CARGO_MANIFEST_DIR")
    );
    let renamed = tmp("seed.dat");
    std::fs::copy(&src, &renamed).unwrap();
    let a = json(&[
        "analyze",
        renamed.to_str().unwrap(),
        "--columns",
        "年度",
        "--format",
        "json",
    ]);
    let total = a["rows"].as_array().unwrap().last().unwrap();
    assert_eq!(total["cells"][3]["value"]["text"], "4,300.00");
    let s = json(&[
        "inspect",
        renamed.to_str().unwrap(),
        "--sheet",
        "2023",
        "--json",
    ]);
    assert_eq!(s["source"]["sheet"], "2023");
    let unknown = run(&["inspect", renamed.to_str().unwrap(), "--sheet", "无此表"]);
    assert!(stderr(&unknown).contains("[unknown_sheet]"));
    assert!(stderr(&run(&["inspect", &gbk(), "--sheet", "x"])).contains("--sheet"));
}

#[test]
fn a_file_of_several_chunks_is_read_whole() {
    // 19 seed rows (4300 万元, see the top of this file) written 45,000 times:
    // about 0.5 MB per 1,000 copies, so 22 MB: the CLI's 8 MB chunk three times.
    let src = std::fs::read_to_string(data("huadu_utf8.csv")).unwrap();
    let (head, rows) = src.split_once('\n').unwrap();
    let copies = 45_000u64;
    let mut text = format!("{head}\n");
    for _ in 0..copies {
        text.push_str(rows);
    }
    let path = tmp("chunks.csv");
    std::fs::write(&path, &text).unwrap();
    assert!(text.len() > 2 * 8 * 1024 * 1024, "{} bytes", text.len());
    let o = run(&[
        "analyze",
        path.to_str().unwrap(),
        "--columns",
        "年度",
        "--format",
        "json",
        "--progress",
    ]);
    let a: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(a["diagnostics"]["rowsRead"], 19 * copies);
    // 4300 × 45,000 = 193,500,000; 2021: 2100 × 45,000 = 94,500,000.
    assert_eq!(
        texts(&a, "合计"),
        [
            "45,000,000.00",
            "94,500,000.00",
            "54,000,000.00",
            "193,500,000.00"
        ]
    );
    let err = stderr(&o);
    assert!(
        err.starts_with("读入 ") && err.trim_end().ends_with(" MB"),
        "{err}"
    );
}

#[test]
fn clean_and_sql() {
    let (out, rej) = (tmp("clean.csv"), tmp("rejects.csv"));
    let o = run(&[
        "clean",
        &gbk(),
        "--unit",
        "万元",
        "--out",
        out.to_str().unwrap(),
        "--rejects",
        rej.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = std::fs::read_to_string(&out).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0],
        "来源文件,行号,帮扶方,受援方,资金来源,板块,年度,金额"
    );
    // The header is on line 3 of the file: the first record is line 4.
    assert_eq!(
        lines[1],
        "huadu_gbk_title.csv,4,花都区,清新区,花都区专项,医疗帮扶,2020,430"
    );
    assert_eq!(lines.len(), 1 + 19);
    assert!(stderr(&o).contains("写出 19 行"));
    let spec = tmp("sql-spec.json");
    std::fs::write(&spec, r#"{"rows":["板块"],"columns":"年度","unit":"万元"}"#).unwrap();
    let sql = stdout(&run(&[
        "sql",
        &gbk(),
        "--spec",
        spec.to_str().unwrap(),
        "--dialect",
        "duckdb",
        "--table",
        "clean",
    ]));
    assert!(sql.contains("FROM \"clean\""), "{sql}");
}
