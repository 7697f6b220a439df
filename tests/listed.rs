//! A result lists the first 1,000 rows set aside (by line) and counts all of
//! them: a file of many unreadable amounts must not put every one of them
//! into every result (docs/RULES.md, "Rows set aside").

use aidstat::api::Session;

/// 3,000 data rows (lines 2–3001): every odd one has an unreadable amount;
/// then the file's own total row (line 3002).
fn file() -> String {
    let mut csv = String::from("年度,板块,金额(万元)\n");
    for i in 0..3000 {
        if i % 2 == 1 {
            csv.push_str(&format!("2020,医疗帮扶,x{i}\n"));
        } else {
            csv.push_str(&format!("2021,教育帮扶,{i}\n"));
        }
    }
    csv.push_str("合计,,2249250\n");
    csv
}

#[test]
fn the_first_thousand_listed_all_counted() {
    let s = Session::from_bytes(file().as_bytes(), "{}").unwrap();
    let a = s.analyze(r#"{"rows":["板块"],"columns":"年度"}"#).unwrap();
    let d = &a.result.diagnostics;
    // 1,500 unreadable amounts and the total row.
    assert_eq!(d.set_aside_total, 1501);
    assert_eq!(d.set_aside_counts.values().sum::<usize>(), 1501);
    assert_eq!(d.set_aside_counts.get("total_row"), Some(&1));
    assert_eq!(d.rows_used, 1500);
    assert_eq!(d.set_aside.len(), 1000);
    // The first by line: the odd rows i = 1, 3, … are on lines 3, 5, …
    let lines: Vec<u64> = d.set_aside.iter().map(|x| x.line).collect();
    let want: Vec<u64> = (0..1000).map(|k| 3 + 2 * k).collect();
    assert_eq!(lines, want);
    // 0 + 2 + … + 2998 = 2 × (0 + … + 1499) = 1499 × 1500
    let total = a.result.cell("合计", "合计").map(|c| c.value.text.clone());
    assert_eq!(total.as_deref(), Some("2,248,500.00"));
    // The schema lists what was set aside at load (the total row) and counts it.
    let schema = s.schema();
    assert_eq!(schema.set_aside_total, 1);
    assert_eq!(schema.set_aside.len(), 1);
    assert_eq!(schema.set_aside[0].line, 3002);
}

#[test]
fn counts_of_blank_amounts_stay_exact_with_their_lines_cut() {
    let mut csv = String::from("年度,板块,金额(万元)\n");
    for i in 0..2500 {
        csv.push_str(if i % 2 == 0 {
            "2020,医疗帮扶,\n"
        } else {
            "2020,医疗帮扶,1\n"
        });
    }
    let s = Session::from_bytes(csv.as_bytes(), "{}").unwrap();
    let d = s
        .analyze(r#"{"rows":["板块"]}"#)
        .unwrap()
        .result
        .diagnostics;
    assert_eq!(d.nulls.count, 1250);
    assert_eq!(d.nulls.lines.len(), 1000);
    assert_eq!(d.nulls.lines.first(), Some(&2));
    assert_eq!(d.nulls.lines.last(), Some(&(2 + 2 * 999)));
}
