//! Loading in chunks (`load::Loader`, the page's path for big files) reads
//! the same table as loading the whole file, whatever the chunk sizes; line
//! numbers count from the file's start; and a big file's figures match sums
//! worked out independently.

use aidstat::analyze::{analyze, spec::Spec};
use aidstat::load::{load, LoadOptions, Loader};
use aidstat::table::{describe::describe, Table};

/// Everything a person sees of a table: its schema, the diagnostics and the
/// figures of a few views, as JSON.
fn fingerprint(t: &Table) -> String {
    let mut out = serde_json::to_string(&describe(t).columns).unwrap();
    let issues: Vec<(u64, &str, Option<usize>, &str)> = t
        .set_aside
        .iter()
        .chain(&t.cell_issues)
        .map(|i| (i.line, i.reason, i.column, i.raw.as_str()))
        .collect();
    out.push_str(&format!(
        "{issues:?} {:?} {} {}",
        t.lines, t.rows_read, t.blank_lines
    ));
    let warnings: Vec<&str> = t.warnings.iter().map(|w| w.code).collect();
    out.push_str(&format!("{warnings:?}"));
    for spec in [r#"{}"#, r#"{"growth":"rate"}"#, r#"{"share":"column"}"#] {
        if let Ok(r) = analyze(t, &Spec::from_json(spec).unwrap()) {
            out.push_str(&serde_json::to_string(&r).unwrap());
        }
    }
    out
}

fn dec(s: &str) -> rust_decimal::Decimal {
    s.parse().unwrap()
}

fn exact(f: &aidstat::analyze::result::Figure) -> rust_decimal::Decimal {
    dec(f.exact.as_deref().unwrap_or_else(|| panic!("{f:?}")))
}

/// Equal, or a failure that shows where they part.
fn same(got: &str, want: &str, what: &str) {
    if got != want {
        let at = got
            .bytes()
            .zip(want.bytes())
            .take_while(|(a, b)| a == b)
            .count();
        let from = at.saturating_sub(200);
        let show = |s: &str| {
            s.get(from..(at + 200).min(s.len()))
                .unwrap_or("")
                .to_string()
        };
        panic!(
            "{what}: differs at byte {at}\n got: …{}\nwant: …{}",
            show(got),
            show(want)
        );
    }
}

fn streamed(bytes: &[u8], head: usize, part: usize, chunk: usize) -> Table {
    let mut l = Loader::with_sizes(LoadOptions::default(), Some(bytes.len() as u64), head, part);
    for c in bytes.chunks(chunk.max(1)) {
        l.push(c).unwrap_or_else(|e| panic!("{e}"));
    }
    l.finish().unwrap_or_else(|e| panic!("{e}"))
}

/// The seed files and files with every kind of problem, made long enough
/// that the start is a small part of them.
fn files() -> Vec<(&'static str, Vec<u8>)> {
    let gbk = std::fs::read("tests/data/huadu_gbk_title.csv").unwrap();
    let big5 = std::fs::read("tests/data/huadu_big5_trad.csv").unwrap();
    let utf8 = std::fs::read("tests/data/huadu_utf8.csv").unwrap();
    let yuan = std::fs::read("tests/data/huadu_yuan.csv").unwrap();
    let body_of = |b: &[u8], skip: usize| -> Vec<u8> {
        let mut lines = b.split_inclusive(|&c| c == b'\n');
        let head: Vec<u8> = lines.by_ref().take(skip).flatten().copied().collect();
        let rest: Vec<u8> = lines.flatten().copied().collect();
        let mut out = head;
        for _ in 0..40 {
            out.extend_from_slice(&rest);
        }
        out
    };
    let problems = "年度,板块,金额(万元),备注\n\
        2020,医疗,430,\n\
        2020,教育,12..5,\"多行\n备注\"\n\
        \n\
        2020,招商,—,\n\
        2021,医疗\n\
        2021,教育,\"1,000\",\"引号\"\"内\"\"\"\n\
        2021,招商,50,extra,more\n\
        合计,,1480,\n\
        2022,医疗,5\"寸,\n\
        2022,教育,\"70\",\"a,b\"\r\n\
        2022,招商,8\r\n";
    let mut p = Vec::new();
    for _ in 0..30 {
        p.extend_from_slice(problems.as_bytes());
    }
    // A line in GBK inside a UTF-8 file.
    let mut mixed = body_of(&utf8, 1);
    mixed.extend_from_slice(b"2022,\xbb\xa8\xb6\xbc\xc7\xf8,\xc7\xe5\xd0\xc2\xc7\xf8,x,\xd2\xbd\xc1\xc6\xb0\xef\xb7\xf6,7\n");
    mixed.extend_from_slice(&body_of(&utf8, 1)[..]);
    vec![
        ("gbk with a title", body_of(&gbk, 3)),
        ("big5", body_of(&big5, 1)),
        ("utf-8", body_of(&utf8, 1)),
        ("yuan", body_of(&yuan, 1)),
        ("problems", p),
        ("gbk line in utf-8", mixed),
    ]
}

#[test]
fn chunks_read_the_same_table_as_the_whole_file() {
    for (what, bytes) in files() {
        let whole = fingerprint(&load(&bytes, &LoadOptions::default()).unwrap());
        // The start must hold the header and enough of the body to detect the
        // encoding; parts and chunks as small as one byte.
        for (head, part, chunk) in [
            (2048, 1, 1),
            (2048, 100, 7),
            (3000, 4096, 333),
            (2048, 64, 65536),
        ] {
            let t = streamed(&bytes, head, part, chunk);
            same(
                &fingerprint(&t),
                &whole,
                &format!("{what}: head {head}, part {part}, chunk {chunk}"),
            );
        }
    }
}

#[test]
fn small_files_json_and_utf16_are_read_whole() {
    // (file, start size): JSON and UTF-16 are gathered whole whatever the
    // start's size; a CSV file smaller than the start is read whole.
    for (path, head) in [
        ("tests/data/huadu_mixed.json", 16),
        ("tests/data/huadu_utf16.txt", 16),
        (
            "tests/data/seed_figures.csv",
            aidstat::load::stream::HEAD_BYTES,
        ),
    ] {
        let bytes = std::fs::read(path).unwrap();
        let whole = fingerprint(&load(&bytes, &LoadOptions::default()).unwrap());
        let t = streamed(&bytes, head, 8, 5);
        same(&fingerprint(&t), &whole, path);
    }
}

#[test]
fn a_quote_left_open_is_reported_at_its_line_in_the_file() {
    let mut text = String::from("年度,板块,金额(万元)\n");
    for i in 0..200 {
        text.push_str(&format!("2020,板块{i},{i}\n"));
    }
    text.push_str("2021,\"医疗,5\n2021,教育,6\n"); // line 202 opens a quote that never closes
    let mut l = Loader::with_sizes(LoadOptions::default(), None, 512, 64);
    let mut err = None;
    for c in text.as_bytes().chunks(50) {
        if let Err(e) = l.push(c) {
            err = Some(e);
            break;
        }
    }
    let e = match err {
        Some(e) => e,
        None => l.finish().unwrap_err(),
    };
    assert_eq!((e.line, e.column), (Some(202), Some(2)), "{e}");
    assert!(
        e.text.zh.contains("第 202 行第 2 列的引号"),
        "{}",
        e.text.zh
    );
}

/// 300,000 rows whose sums are known in closed form: row i (0-based) is
/// year 2015 + i % 10, category c(i % 7), amount (i % 1000) + 0.25 万元.
#[test]
fn a_big_file_in_chunks_gives_the_sums_worked_out_by_hand() {
    const N: u64 = 300_000;
    let cats = ["医疗", "教育", "产业", "乡村", "招商", "人才", "文化"];
    let mut text = String::from("year,category,amount_wan\n");
    for i in 0..N {
        text.push_str(&format!(
            "{},{},{}.25\n",
            2015 + i % 10,
            cats[(i % 7) as usize],
            i % 1000
        ));
    }
    let mut l = Loader::with_sizes(
        LoadOptions::default(),
        Some(text.len() as u64),
        64 * 1024,
        16 * 1024,
    );
    for c in text.as_bytes().chunks(65536) {
        l.push(c).unwrap();
    }
    let t = l.finish().unwrap();
    assert_eq!(t.len(), N as usize);
    // Last row: line N + 1.
    assert_eq!(t.lines.last(), Some(&(N + 1)));
    // Total: sum over i of (i % 1000) = 300 × (0 + … + 999) = 300 × 499,500;
    // plus 0.25 × 300,000 = 75,000. In 万元: 149,850,000 + 75,000.
    let r = analyze(
        &t,
        &Spec::from_json(r#"{"rows":["year"],"precision":2}"#).unwrap(),
    )
    .unwrap();
    let total = r.rows.iter().find(|row| row.kind == "total").unwrap();
    assert_eq!(exact(&total.cells[0].value), dec("149925000"));
    // Year 2015 is i ≡ 0 (mod 10): i % 1000 runs over 0, 10, …, 990, each
    // 300 times: 300 × 10 × (0 + … + 99) = 14,850,000; plus 30,000 × 0.25.
    let y2015 = r.rows.iter().find(|row| row.label == "2015").unwrap();
    assert_eq!(exact(&y2015.cells[0].value), dec("14857500"));
    assert_eq!(y2015.cells[0].records, 30_000);
}

/// A quote that opens early and never closes: every later line is part of
/// that one cell, no part can be cut, and the error names the quote's line
/// (the gathered bytes are looked at again only when they have doubled).
#[test]
fn a_quote_that_never_closes_early_in_a_long_file() {
    let mut text = String::from("年度,板块,金额(万元)\n2020,医疗,1\n2020,\"教育,2\n");
    for i in 0..200_000 {
        text.push_str(&format!("2021,板块{i},{i}\n"));
    }
    let mut l = Loader::with_sizes(LoadOptions::default(), None, 1024, 1024);
    let mut err = None;
    for c in text.as_bytes().chunks(4096) {
        if let Err(e) = l.push(c) {
            err = Some(e);
            break;
        }
    }
    let e = err.unwrap_or_else(|| l.finish().unwrap_err());
    assert_eq!((e.line, e.column), (Some(3), Some(2)), "{e}");
}
