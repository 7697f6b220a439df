//! Several files at once: `aidstat analyze A B` reads them as one table. The
//! seed's figures by hand (tests/data/seed_figures.csv): 2020 1,000, 2021
//! 2,100, 2022 658+150+14+340+38 = 1,200, 4,300 万元 in all.

use std::path::PathBuf;
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_aidstat");

fn data(name: &str) -> PathBuf {
    PathBuf::from(format!(
        "{}/../../tests/data/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
}

fn tmp(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("aidstat-cli-files");
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

fn run(args: &[&str]) -> Output {
    Command::new(BIN).args(args).output().unwrap()
}

/// The lines of a file (any ASCII-compatible encoding) except data lines starting with `drop`.
fn without(bytes: &[u8], keep: impl Fn(&[u8]) -> bool) -> Vec<u8> {
    let mut out = Vec::new();
    for line in bytes.split(|&b| b == b'\n') {
        if !line.is_empty() && keep(line) {
            out.extend_from_slice(line);
            out.push(b'\n');
        }
    }
    out
}

/// The GBK file's 2020–2021 rows (still GBK, with its title and 单位：万元), and
/// the 元 file's 2022 rows.
fn two_files() -> (String, String) {
    let gbk = std::fs::read(data("huadu_gbk_title.csv")).unwrap();
    let early = tmp("early_gbk.csv");
    std::fs::write(&early, without(&gbk, |l| !l.starts_with(b"2022"))).unwrap();
    let yuan = std::fs::read(data("huadu_yuan.csv")).unwrap();
    let late = tmp("late_yuan.csv");
    std::fs::write(
        &late,
        without(&yuan, |l| !l.starts_with(b"202") || l.starts_with(b"2022")),
    )
    .unwrap();
    (early.display().to_string(), late.display().to_string())
}

fn row(result: &serde_json::Value, label: &str) -> Vec<String> {
    let r = result["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["label"] == label);
    let r = r.unwrap_or_else(|| panic!("no row {label}"));
    r["cells"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["value"]["text"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn a_gbk_file_and_a_file_in_yuan_give_the_seed_figures() {
    let (early, late) = two_files();
    let o = run(&[
        "analyze",
        &early,
        &late,
        "--rows",
        "板块",
        "--columns",
        "年度",
        "--format",
        "json",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let r: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(
        row(&r, "合计"),
        ["1,000.00", "2,100.00", "1,200.00", "4,300.00"]
    );
    assert_eq!(row(&r, "医疗帮扶"), ["430.00", "30.00", "150.00", "610.00"]);
    assert_eq!(r["diagnostics"]["rowsUsed"], 19);
    // By file: 3,100 in the GBK file, 1,200 in the other; the unit is the first file's.
    let o = run(&[
        "analyze",
        &early,
        &late,
        "--rows",
        "来源文件",
        "--format",
        "csv",
    ]);
    let text = String::from_utf8(o.stdout).unwrap();
    assert!(text.contains("early_gbk.csv,3100.00"), "{text}");
    assert!(text.contains("late_yuan.csv,1200.00"), "{text}");
    // What was read of each file.
    let o = run(&["inspect", &early, &late, "--json"]);
    let s: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(s["files"][0]["source"]["encoding"], "GBK");
    assert_eq!(s["files"][1]["source"]["encoding"], "UTF-8");
    assert_eq!(s["files"][0]["rowsLoaded"], 14);
    assert_eq!(s["files"][1]["rowsLoaded"], 5);
}

#[test]
fn a_file_that_does_not_match_is_named_and_the_rest_computed() {
    let (early, late) = two_files();
    let odd = tmp("odd.csv");
    std::fs::write(&odd, "项目,备注\n甲,乙\n").unwrap();
    let o = run(&[
        "analyze",
        &early,
        odd.to_str().unwrap(),
        &late,
        "--format",
        "csv",
    ]);
    assert!(o.status.success());
    let err = String::from_utf8(o.stderr).unwrap();
    assert!(
        err.contains("未合并“odd.csv”：与前面的文件没有相同的数值列"),
        "{err}"
    );
    let text = String::from_utf8(o.stdout).unwrap();
    assert!(text.contains("4300.00"), "{text}");
    // Two files of the same name: named by their paths.
    let dir = tmp("again");
    std::fs::create_dir_all(&dir).unwrap();
    let again = dir.join("early_gbk.csv");
    std::fs::copy(&early, &again).unwrap();
    let o = run(&[
        "analyze",
        &early,
        again.to_str().unwrap(),
        "--rows",
        "来源文件",
        "--format",
        "csv",
    ]);
    let text = String::from_utf8(o.stdout).unwrap();
    assert!(
        text.contains(&format!("{},3100.00", again.display())),
        "{text}"
    );
}

#[test]
fn a_workbook_and_a_csv_at_once() {
    let book = format!(
        "{}/../../tests/workbooks/seed-libreoffice.xlsx",
        env!("CARGO_MANIFEST_DIR")
    );
    let csv = tmp("2023.csv");
    std::fs::write(&csv, "年度,帮扶方,受援方,资金来源,板块,金额(万元)\n2023,花都区,清新区,花都区专项,医疗帮扶,100\n2023,花都区,清新区,花都区专项,教育帮扶,23.5\n").unwrap();
    let alone = run(&["analyze", &book, "--format", "json"]);
    let alone: serde_json::Value = serde_json::from_slice(&alone.stdout).unwrap();
    let book_total =
        alone["rows"].as_array().unwrap().last().unwrap()["cells"][0]["value"]["text"].clone();
    let o = run(&[
        "analyze",
        &book,
        csv.to_str().unwrap(),
        "--rows",
        "来源文件",
        "--format",
        "json",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let r: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(row(&r, "2023.csv"), ["123.50"]); // 100 + 23.5
    assert_eq!(
        serde_json::Value::String(row(&r, "seed-libreoffice.xlsx")[0].clone()),
        book_total
    );
}
