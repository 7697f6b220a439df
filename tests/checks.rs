//! The analyst's checks (src/check/, docs/CHECKS.md) on the samples, on the
//! seed 002 figures with their unit slip, and on one file built for each
//! finding (tests/data/checks/). Every expected value is worked out by hand
//! in the comments; none is copied from program output.

use aidstat::analyze::{analyze, spec::Spec};
use aidstat::check::label::{normalize, to_simplified};
use aidstat::check::{check, Correction, Finding, Severity};
use aidstat::load::{load, LoadOptions};
use aidstat::table::Table;

fn bytes(path: &str) -> Vec<u8> {
    let p = if path.starts_with('/') || path.starts_with("..") {
        format!("{}/{path}", env!("CARGO_MANIFEST_DIR"))
    } else {
        format!("{}/tests/data/{path}", env!("CARGO_MANIFEST_DIR"))
    };
    std::fs::read(&p).unwrap_or_else(|e| panic!("{p}: {e}"))
}

fn table_with(path: &str, opts: &LoadOptions) -> Table {
    load(&bytes(path), opts).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn table(path: &str) -> Table {
    table_with(path, &LoadOptions::default())
}

fn codes(f: &[Finding]) -> Vec<&'static str> {
    f.iter().map(|x| x.code).collect()
}

fn fig<'a>(f: &'a Finding, key: &str) -> &'a serde_json::Value {
    f.figures
        .get(key)
        .unwrap_or_else(|| panic!("{}: no figure {key}", f.code))
}

fn one<'a>(f: &'a [Finding], code: &str) -> &'a Finding {
    let all: Vec<&Finding> = f.iter().filter(|x| x.code == code).collect();
    assert_eq!(all.len(), 1, "one {code} in {:?}", codes(f));
    all[0]
}

/// Loads again with a finding's correction accepted.
fn accept(path: &str, fix: &Correction) -> Table {
    let mut opts = LoadOptions::default();
    fix.accept(&mut opts);
    table_with(path, &opts)
}

#[test]
fn the_demo_data_is_clean() {
    // huadu_qingxin.csv: no total rows, no duplicates, every category's years
    // are contiguous (老区建设 2020–21, 乡村振兴 2021–22, 文体交流 2020–21), one
    // spelling per label, no value 10³ away from agreeing peers.
    let t = table("huadu_utf8.csv");
    assert_eq!(codes(&check(&t)), Vec::<&str>::new());
    // The same data in traditional script (Big5) is clean too: every label is
    // traditional, so no two spellings meet in one column.
    assert_eq!(
        codes(&check(&table("huadu_big5_trad.csv"))),
        Vec::<&str>::new()
    );
}

#[test]
fn the_seed_figures_name_one_category_twice() {
    // seed_figures.csv: the 项目 column has 卫生帮扶 (line 4, seed 000: "卫生帮扶占了430万元")
    // and 医疗帮扶 (line 8, "医疗帮扶金额仍有150万元"): the same category by a common
    // synonym, to unify only when the analyst confirms. Its 宝安区 row is already
    // corrected to 亿元 in that file, so no unit slip remains.
    let t = table("seed_figures.csv");
    let f = check(&t);
    assert_eq!(codes(&f), vec!["label_synonym"]);
    let s = &f[0];
    assert_eq!(s.severity, Severity::Info);
    assert_eq!(s.lines, vec![4, 8]);
    assert_eq!(s.column.as_deref(), Some("项目"));
    assert_eq!(fig(s, "target"), "医疗帮扶");
    let fix = s.correction.as_ref().unwrap();
    assert_eq!(fix.relabel["项目"]["卫生帮扶"], "医疗帮扶");
}

#[test]
fn seed_002_unit_slip_is_found_named_and_fixed() {
    // The 合计 row (line 7) states 4.1565亿元 = 41565 万元 for 精准扶贫和新农村建设到位资金.
    // Its parts as written: 宝安区 2.7379万元 (line 4) + 4750 + 9436 = 14188.7379 万元,
    // short by 41565 − 14188.7379 = 27376.2621 万元.
    // Read 宝安区 as 2.7379亿元 = 27379 万元: 27379 + 4750 + 9436 = 41565, exactly.
    let path = "checks/seed002_unit_slip.csv";
    let t = table(path);
    let f = check(&t);
    assert_eq!(codes(&f), vec!["unit_slip"]);
    let s = &f[0];
    assert_eq!(s.severity, Severity::Error);
    assert_eq!(s.lines, vec![4, 7]);
    assert_eq!(s.column.as_deref(), Some("金额"));
    for (k, v) in [
        ("stated", "41565"),
        ("computed", "14188.7379"),
        ("difference", "27376.2621"),
        ("written", "2.7379"),
        ("corrected", "27379"),
        ("correctedText", "2.7379亿元"),
        ("factor", "10000"),
        ("unit", "万元"),
    ] {
        assert_eq!(fig(s, k), v, "figure {k}");
    }
    assert!(s.text.zh.contains("2.7379亿元"), "{}", s.text.zh);
    assert!(s.text.zh.contains("27376.2621万元"), "{}", s.text.zh);
    let fix = s.correction.as_ref().unwrap();
    assert_eq!(
        serde_json::to_string(fix).unwrap(),
        r#"{"corrections":[{"line":4,"column":"金额","value":"2.7379亿元"}]}"#
    );

    // Accepted: the total now matches, and the file's own text is reported.
    let fixed = accept(path, fix);
    let f2 = check(&fixed);
    assert_eq!(codes(&f2), vec!["total_ok"]);
    assert_eq!(fig(&f2[0], "computed"), "41565");
    let w = fixed
        .warnings
        .iter()
        .find(|w| w.code == "corrected")
        .expect("a corrected warning");
    assert_eq!(w.line, Some(4));
    assert!(w.text.zh.contains("2.7379亿元") && w.text.zh.contains("原文“2.7379万元”"));

    // Undone: the options are as before, and so is the finding.
    let mut opts = LoadOptions::default();
    fix.accept(&mut opts);
    fix.undo(&mut opts);
    assert!(opts.corrections.is_empty());
    assert_eq!(codes(&check(&table_with(path, &opts))), vec!["unit_slip"]);
}

#[test]
fn stated_totals_ok_off_and_a_slipped_total() {
    // totals.csv:
    // line 4  2020 小计 578: covers lines 2–3, 430 + 148 = 578 → total_ok;
    // line 7  2021 小计 500: covers lines 5–6, 420 + 30 = 450 → off by 50, and no
    //         part or total read 10⁴ / 10⁸ off gives 500 → total_mismatch;
    // line 10 2022 合计 0.0658: covers lines 8–9, 500 + 158 = 658; read as 0.0658亿元 =
    //         658 万元 it matches → unit_slip on the total row itself;
    // line 11 合计 1686: every row, 430+148+420+30+500+158 = 1686 → total_ok.
    let t = table("checks/totals.csv");
    let f = check(&t);
    assert_eq!(
        codes(&f),
        vec!["unit_slip", "total_mismatch", "total_ok", "total_ok"]
    );
    let slip = &f[0];
    assert_eq!(slip.lines, vec![10]);
    assert_eq!(fig(slip, "written"), "0.0658");
    assert_eq!(fig(slip, "corrected"), "658");
    assert_eq!(
        slip.correction.as_ref().unwrap().corrections[0].value,
        "0.0658亿元"
    );
    let off = &f[1];
    assert_eq!(off.severity, Severity::Warning);
    assert_eq!(off.lines, vec![7, 5, 6]);
    assert_eq!(
        (
            fig(off, "stated"),
            fig(off, "computed"),
            fig(off, "difference")
        ),
        (
            &serde_json::json!("500"),
            &serde_json::json!("450"),
            &serde_json::json!("50")
        )
    );
    assert!(off.correction.is_none());
    assert_eq!(f[2].lines, vec![4, 2, 3]);
    assert_eq!(f[3].lines, vec![11, 2, 3, 5, 6, 8, 9]);
}

#[test]
fn peer_outliers_about_ten_thousand_times_off() {
    // unit_outlier.csv, 金额(万元):
    // 教育帮扶 区专项 120, 148, 0.042 (line 4), 658: the peers 120–658 agree within
    //   a factor of 10; 0.042 × 1000 = 42 ≤ 120; × 10⁴ = 420 lies among them;
    //   nothing else in the column is within a decade of it → 0.042亿元 (420 万元).
    // 医疗帮扶 区专项 300, 320, 3200000 (line 8), 310: 3200000 ≥ 320 × 1000;
    //   ÷ 10⁴ = 320 → 3200000元 (320 万元), entered in 元 in a 万元 column.
    // Not flagged: 人才招聘 1.5 every year (small but agreeing), 产业共建 8, 5000,
    //   2600, 40 (skewed: its peers do not agree within a factor of 10).
    let t = table("checks/unit_outlier.csv");
    let f = check(&t);
    assert_eq!(codes(&f), vec!["unit_outlier", "unit_outlier"]);
    let low = &f[0];
    assert_eq!(low.severity, Severity::Warning);
    assert_eq!(low.lines, vec![4, 2, 3, 5]);
    assert_eq!(fig(low, "written"), "0.042");
    assert_eq!(fig(low, "corrected"), "420");
    assert_eq!(fig(low, "correctedText"), "0.042亿元");
    assert_eq!(fig(low, "peerMin"), "120");
    assert_eq!(fig(low, "peerMax"), "658");
    assert_eq!(fig(low, "along"), "年度");
    let high = &f[1];
    assert_eq!(high.lines, vec![8, 6, 7, 9]);
    assert_eq!(fig(high, "corrected"), "320");
    assert_eq!(
        high.correction.as_ref().unwrap().corrections[0].value,
        "3200000元"
    );

    // Both accepted: 教育帮扶 2021 is 420 and 医疗帮扶 2021 is 320 万元.
    let mut opts = LoadOptions::default();
    for x in &f {
        x.correction.as_ref().unwrap().accept(&mut opts);
    }
    let fixed = table_with("checks/unit_outlier.csv", &opts);
    assert!(check(&fixed).is_empty());
    let r = analyze(
        &fixed,
        &Spec::from_json(r#"{"rows":["板块"],"columns":"年度"}"#).unwrap(),
    )
    .unwrap();
    assert_eq!(r.cell("教育帮扶", "2021").unwrap().value.text, "420.00");
    assert_eq!(r.cell("医疗帮扶", "2021").unwrap().value.text, "320.00");
}

/// Deterministic skewed amounts like the benchmark data (gen-data.mjs):
/// cents = 1 + ⌊u² × 500000⌋, 0.01 to 5000.00 万元, over random keys.
fn skewed_csv(rows: usize) -> String {
    let mut s: u64 = 0x2024_0601;
    let mut next = move || {
        // xorshift64*
        s ^= s >> 12;
        s ^= s << 25;
        s ^= s >> 27;
        s.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 11
    };
    let unit = |x: u64| x % 1_000_000;
    let mut out = String::from("year,donor,category,source,amount_wan\n");
    for _ in 0..rows {
        let y = 2015 + next() % 10;
        let d = next() % 20;
        let c = next() % 8;
        let src = next() % 3;
        let u = unit(next()); // u / 10⁶ in [0, 1)
        let cents = 1 + u * u * 500_000 / 1_000_000_000_000;
        out.push_str(&format!(
            "{y},D{d},C{c},S{src},{}.{:02}\n",
            cents / 100,
            cents % 100
        ));
    }
    out
}

#[test]
fn skewed_real_looking_data_raises_no_unit_alarm() {
    // 20,000 rows, amounts 0.01–5000 in one column, skewed towards small ones:
    // small values are common, not lone, and their peers never agree within a
    // factor of 10, so neither unit check fires.
    let csv = skewed_csv(20_000);
    let t = load(csv.as_bytes(), &LoadOptions::default()).unwrap();
    assert_eq!(t.len(), 20_000);
    let f = check(&t);
    for code in [
        "unit_slip",
        "unit_outlier",
        "label_variant",
        "label_synonym",
    ] {
        assert!(!codes(&f).contains(&code), "{code} in {:?}", codes(&f));
    }
}

#[test]
fn duplicates_exact_and_near() {
    // duplicates.csv: lines 2 and 4 are the same record (2021 花都区 清新区 教育帮扶
    // 420 万元, 94 人次); lines 5 and 6 have the same keys and 38 万元 but 5 vs 7 人次.
    let path = "checks/duplicates.csv";
    let f = check(&table(path));
    assert_eq!(codes(&f), vec!["duplicate_rows", "near_duplicate"]);
    let d = &f[0];
    assert_eq!(d.severity, Severity::Warning);
    assert_eq!(d.lines, vec![2, 4]);
    assert_eq!(fig(d, "amount"), "420");
    assert_eq!(
        serde_json::to_string(d.correction.as_ref().unwrap()).unwrap(),
        r#"{"corrections":[{"line":4,"column":"金额(万元)","value":""}]}"#
    );
    let n = &f[1];
    assert_eq!(n.severity, Severity::Info);
    assert_eq!(n.lines, vec![5, 6]);
    assert_eq!(fig(n, "differIn"), &serde_json::json!(["人次"]));
    assert!(n.correction.is_none());

    // Accepted: line 4's amount is empty (counted as a null), 2021 = 420 + 30 = 450.
    let fixed = accept(path, d.correction.as_ref().unwrap());
    assert_eq!(codes(&check(&fixed)), vec!["near_duplicate"]);
    let r = analyze(&fixed, &Spec::from_json(r#"{"columns":"年度"}"#).unwrap()).unwrap();
    assert_eq!(r.cell("合计", "2021").unwrap().value.text, "450.00");
    assert_eq!(r.diagnostics.nulls.lines, vec![4]);
}

#[test]
fn a_missing_year_inside_a_span() {
    // gaps.csv: 教育帮扶 has 2019, 2020 and 2022 (lines 2–4) but no 2021; 医疗帮扶
    // has all four years; 乡村振兴 starts in 2021 (a late start is not a gap).
    let t = table("checks/gaps.csv");
    let f = check(&t);
    assert_eq!(codes(&f), vec!["period_gap"]);
    let g = &f[0];
    assert_eq!(g.severity, Severity::Info);
    assert_eq!(g.lines, vec![2, 3, 4]);
    assert_eq!(fig(g, "group"), "教育帮扶");
    assert_eq!(fig(g, "missing"), &serde_json::json!(["2021"]));
    assert!(g.text.zh.contains("缺 2021年"), "{}", g.text.zh);
    assert!(g.correction.is_none());
    // The gap is why 2022 has no growth rate (SEMANTICS §5: a gap is not zero).
    let r = analyze(
        &t,
        &Spec::from_json(r#"{"rows":["板块"],"columns":"年度","growth":"rate"}"#).unwrap(),
    )
    .unwrap();
    let c = r.cell("教育帮扶", "2022").unwrap();
    assert_eq!(c.growth.as_ref().unwrap().reason, Some("no_prior"));
}

#[test]
fn traditional_labels_simplified() {
    // (traditional, simplified): each simplified form typed from the 简化字总表,
    // not from program output.
    let rows: &[(&str, &str)] = &[
        ("醫療幫扶", "医疗帮扶"),
        ("教育幫扶", "教育帮扶"),
        ("鄉村振興", "乡村振兴"),
        ("老區建設", "老区建设"),
        ("文體交流", "文体交流"),
        ("資金來源", "资金来源"),
        ("花都區專項", "花都区专项"),
        ("清遠市爭取", "清远市争取"),
        ("萬", "万"),
        ("億", "亿"),
        // Already simplified, or no Chinese at all: unchanged.
        ("医疗帮扶", "医疗帮扶"),
        ("A类 2024", "A类 2024"),
    ];
    for &(traditional, simplified) in rows {
        assert_eq!(to_simplified(traditional), simplified, "{traditional}");
        assert_eq!(
            normalize(traditional),
            normalize(simplified),
            "{traditional}"
        );
    }
}

#[test]
fn labels_written_differently_and_synonyms() {
    // labels.csv:
    // 资金来源: A类 (lines 2, 3, 5) and full-width Ａ类 (line 4) → unify as A类 (3 rows vs 1);
    // 板块: 医疗帮扶 (line 2) and traditional 醫療幫扶 (line 4): 1 row each, the tie goes
    //   to the simplified form; 教育帮扶 (lines 3, 7) and 教育　帮扶 with an
    //   ideographic space (line 5) → 教育帮扶; and 卫生帮扶 (line 6), a common
    //   synonym of 医疗帮扶 → info, to unify only if the analyst confirms.
    let path = "checks/labels.csv";
    let f = check(&table(path));
    assert_eq!(
        codes(&f),
        vec![
            "label_variant",
            "label_variant",
            "label_variant",
            "label_synonym"
        ]
    );
    let by_target = |t: &str, code: &str| {
        f.iter()
            .find(|x| x.code == code && fig(x, "target") == t)
            .unwrap_or_else(|| panic!("{code} → {t}"))
    };
    let a = by_target("A类", "label_variant");
    assert_eq!(a.column.as_deref(), Some("资金来源"));
    assert_eq!(a.lines, vec![2, 3, 4, 5]);
    assert!(a.text.zh.contains("全角/半角"), "{}", a.text.zh);
    let med = by_target("医疗帮扶", "label_variant");
    assert_eq!(med.lines, vec![2, 4]);
    assert!(med.text.zh.contains("繁体/简体"), "{}", med.text.zh);
    assert_eq!(
        serde_json::to_string(med.correction.as_ref().unwrap()).unwrap(),
        r#"{"relabel":{"板块":{"醫療幫扶":"医疗帮扶"}}}"#
    );
    let edu = by_target("教育帮扶", "label_variant");
    assert_eq!(edu.lines, vec![3, 5, 7]);
    assert!(edu.text.zh.contains("空格"), "{}", edu.text.zh);
    let syn = one(&f, "label_synonym");
    assert_eq!(syn.severity, Severity::Info);
    assert_eq!(syn.lines, vec![2, 4, 6]);
    let map = &syn.correction.as_ref().unwrap().relabel["板块"];
    assert_eq!(map["卫生帮扶"], "医疗帮扶");

    // The three variants accepted: 医疗帮扶 = 430 + 30 = 460, 教育帮扶 = 148 + 420 + 658
    // = 1226; 卫生帮扶 (150) stays apart until the synonym is confirmed.
    let mut opts = LoadOptions::default();
    for x in f.iter().filter(|x| x.code == "label_variant") {
        x.correction.as_ref().unwrap().accept(&mut opts);
    }
    let fixed = table_with(path, &opts);
    let spec = Spec::from_json(r#"{"rows":["板块"]}"#).unwrap();
    let r = analyze(&fixed, &spec).unwrap();
    let labels: Vec<(&str, &str)> = r
        .rows
        .iter()
        .map(|x| (x.label.as_str(), x.cells[0].value.text.as_str()))
        .collect();
    assert_eq!(
        labels,
        vec![
            ("医疗帮扶", "460.00"),
            ("教育帮扶", "1,226.00"),
            ("卫生帮扶", "150.00"),
            ("合计", "1,836.00")
        ]
    );
    assert_eq!(codes(&check(&fixed)), vec!["label_synonym"]);
    let relabelled: Vec<&str> = fixed
        .warnings
        .iter()
        .filter(|w| w.code == "relabelled")
        .map(|w| w.text.zh.as_str())
        .collect();
    assert!(
        relabelled.contains(&"“板块”列的“醫療幫扶”按设置统一为“医疗帮扶”（1 行）"),
        "{relabelled:?}"
    );
    // The synonym confirmed too: 医疗帮扶 = 460 + 150 = 610.
    syn.correction.as_ref().unwrap().accept(&mut opts);
    let both = table_with(path, &opts);
    assert!(check(&both).is_empty());
    let r = analyze(&both, &spec).unwrap();
    assert_eq!(
        r.cell("医疗帮扶", "金额(万元)").unwrap().value.text,
        "610.00"
    );
}

#[test]
fn corrections_from_json_and_unused_ones_are_reported() {
    let opts = LoadOptions::from_json(
        r#"{"corrections":[{"line":4,"column":"金额","value":"2.7379亿元"},{"line":99,"column":"金额","value":"1"}],
            "relabel":{"帮扶方":{"宝安区":"深圳市宝安区"},"地区":{"a":"b"}}}"#,
    )
    .unwrap();
    let t = table_with("checks/seed002_unit_slip.csv", &opts);
    let codes: Vec<&str> = t.warnings.iter().map(|w| w.code).collect();
    for c in [
        "corrected",
        "correction_unused",
        "relabel_unused",
        "relabelled",
    ] {
        assert!(codes.contains(&c), "{c} in {codes:?}");
    }
    let unused = t
        .warnings
        .iter()
        .find(|w| w.code == "correction_unused")
        .unwrap();
    assert_eq!(unused.line, Some(99));
    // 宝安区 is read as 深圳市宝安区 on its 4 rows (lines 4, 10, 11, 12).
    let r = analyze(&t, &Spec::from_json(r#"{"rows":["帮扶方"]}"#).unwrap()).unwrap();
    assert!(r.row("深圳市宝安区").is_some() && r.row("宝安区").is_none());
    assert!(t.warnings.iter().any(|w| w.code == "relabelled"
        && w.text.zh == "“帮扶方”列的“宝安区”按设置统一为“深圳市宝安区”（4 行）"));
    // A bad shape is an error that says what is wrong.
    assert!(LoadOptions::from_json(r#"{"corrections":[{"line":"x"}]}"#).is_err());
}

#[test]
fn findings_serialise_in_the_declared_shape() {
    // types.d.ts: { code, severity, messageZh, messageZhTw, messageEn, lines, column, figures, correction }.
    let f = check(&table("checks/gaps.csv"));
    let v = serde_json::to_value(&f[0]).unwrap();
    let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(
        keys,
        vec![
            "code",
            "severity",
            "messageZh",
            "messageZhTw",
            "messageEn",
            "lines",
            "column",
            "figures",
            "correction"
        ]
    );
    assert_eq!(v["severity"], "info");
    assert_eq!(v["correction"], serde_json::Value::Null);
}

#[test]
fn corrections_and_relabels_on_every_record_path() {
    // Five rows, after `n` filler rows (2019, 其他, 1), quote-free or with one
    // quoted cell. With no filler every row is in the sample (byte records);
    // after 10 000 filler rows they are past it: field bounds into the text
    // when the text has no quote, byte records of the csv reader when it has.
    //   line n+2: 醫療幫扶 10 → relabelled 医疗帮扶
    //   line n+3: 医疗帮扶 20
    //   line n+4: 教育帮扶 30, corrected to 醫療幫扶, then relabelled 医疗帮扶
    //   line n+5: 醫療幫扶 40 → relabelled 医疗帮扶
    //   line n+6: 教育帮扶 and no amount (a short row), corrected to 5
    // 医疗帮扶 = 10 + 20 + 30 + 40 = 100; 教育帮扶 = 5; with the filler, 其他 =
    // 10 000 comes first (first seen). The relabel of the amount column does
    // nothing: amounts are not labels (10 stays 10).
    let spec = Spec::from_json(r#"{"rows":["板块"]}"#).unwrap();
    for n in [0u64, 10_000] {
        for quote in ["", "\""] {
            let mut text = String::from("年度,板块,金额(万元)\n");
            for _ in 0..n {
                text.push_str("2019,其他,1\n");
            }
            text.push_str(&format!(
                "2020,{quote}醫療幫扶{quote},10\n2020,医疗帮扶,20\n2021,教育帮扶,30\n2021,醫療幫扶,40\n2022,教育帮扶\n"
            ));
            let opts = LoadOptions::from_json(&format!(
                r#"{{"corrections":[{{"line":{},"column":"金额(万元)","value":"5"}},
                                   {{"line":{},"column":"板块","value":"醫療幫扶"}}],
                    "relabel":{{"板块":{{"醫療幫扶":"医疗帮扶"}},"金额(万元)":{{"10":"11"}}}}}}"#,
                n + 6,
                n + 4
            ))
            .unwrap();
            let t = load(text.as_bytes(), &opts).unwrap();
            let r = analyze(&t, &spec).unwrap();
            let labels: Vec<(&str, &str)> = r
                .rows
                .iter()
                .map(|x| (x.label.as_str(), x.cells[0].value.text.as_str()))
                .collect();
            let mut want = vec![("医疗帮扶", "100.00"), ("教育帮扶", "5.00")];
            let mut values = vec!["医疗帮扶", "教育帮扶"];
            if n > 0 {
                want.insert(0, ("其他", "10,000.00"));
                want.push(("合计", "10,105.00"));
                values.insert(0, "其他");
            } else {
                want.push(("合计", "105.00"));
            }
            assert_eq!(labels, want, "n = {n}, quote = {quote}");
            assert_eq!(t.values(1).unwrap(), values);
            let said = |code: &str| -> Vec<&str> {
                t.warnings
                    .iter()
                    .filter(|w| w.code == code)
                    .map(|w| w.text.zh.as_str())
                    .collect()
            };
            assert_eq!(
                said("relabelled"),
                vec!["“板块”列的“醫療幫扶”按设置统一为“医疗帮扶”（3 行）"]
            );
            assert_eq!(
                said("relabel_unused"),
                vec!["统一写法的设置未使用：“金额(万元)”列不是分类列"]
            );
            assert_eq!(
                said("corrected"),
                vec![
                    format!(
                        "第 {} 行“板块”列按更正读作“醫療幫扶”（原文“教育帮扶”）",
                        n + 4
                    ),
                    format!("第 {} 行“金额(万元)”列按更正读作“5”（原文“”）", n + 6)
                ]
            );
        }
    }
}

/// A file of `n` rows with a unique 项目编号 per row (ids X00000000…), the
/// year cycling 2018–2024, the category cycling through three, amount = row + 1.
fn id_csv(n: usize, extra: &str) -> String {
    let cats = ["教育帮扶", "医疗帮扶", "产业合作"];
    let mut s = String::from("项目编号,年度,板块,金额(万元)\n");
    for i in 0..n {
        s.push_str(&format!(
            "X{i:08},{},{},{}\n",
            2018 + i % 7,
            cats[i % 3],
            i + 1
        ));
    }
    s.push_str(extra);
    s
}

#[test]
fn checks_on_an_id_column_are_near_linear_and_still_find() {
    // 200,000 rows with an id per row: all pairs would be 2·10¹⁰ comparisons
    // (the page's lock-up); one hash pass finds the same things. Lines: the
    // header is line 1, row i is line i + 2, so the extra rows are lines
    // 200,002 (a copy of row 0: X00000000,2018,教育帮扶,1) and 200,003 (row 1
    // written 醫療幫扶 instead of 医疗帮扶, another id).
    let n = 200_000;
    let csv = id_csv(n, "X00000000,2018,教育帮扶,1\nY1,2019,醫療幫扶,2\n");
    let t = load(csv.as_bytes(), &LoadOptions::default()).unwrap();
    assert_eq!(t.len(), n + 2);
    let f = check(&t);
    let dup = one(&f, "duplicate_rows");
    assert_eq!(dup.lines, vec![2, 200_002]);
    let variant = one(&f, "label_variant");
    assert_eq!(variant.column.as_deref(), Some("板块"));
    // 医疗帮扶 is on rows i ≡ 1 (mod 3): 66,667 of them, and 醫療幫扶 once.
    assert_eq!(variant.lines.len(), 66_667 + 1);
    assert_eq!(fig(variant, "target"), "医疗帮扶");
    // The id column is not compared as a category: no variant of it.
    assert!(f.iter().all(|x| x.column.as_deref() != Some("项目编号")));
}

#[test]
fn the_same_keys_and_amount_on_every_row_is_one_near_group() {
    // 50,000 rows: 2020, 教育帮扶, 100 万元, and a head count that differs on
    // every row. One near_duplicate of all 50,000 lines (2 … 50,001), no
    // exact copy; the old pairwise split was quadratic here.
    let n = 50_000;
    let mut csv = String::from("年度,板块,金额(万元),人数\n");
    for i in 0..n {
        csv.push_str(&format!("2020,教育帮扶,100,{i}\n"));
    }
    let t = load(csv.as_bytes(), &LoadOptions::default()).unwrap();
    let f = check(&t);
    let near = one(&f, "near_duplicate");
    assert_eq!(near.lines.len(), n);
    assert_eq!(near.lines.first(), Some(&2));
    assert_eq!(near.lines.last(), Some(&(n as u64 + 1)));
    assert_eq!(fig(near, "differIn"), &serde_json::json!(["人数"]));
    assert!(f.iter().all(|x| x.code != "duplicate_rows"));
}

#[test]
fn checks_run_slice_by_slice_give_the_same_findings() {
    use aidstat::check::Checker;
    for path in [
        "huadu_utf8.csv",
        "checks/seed002_unit_slip.csv",
        "checks/duplicates.csv",
        "checks/labels.csv",
        "checks/gaps.csv",
        "checks/totals.csv",
        "checks/unit_outlier.csv",
    ] {
        let t = table(path);
        let mut c = Checker::new(&t);
        let mut slices = 0;
        while c.step(&t) {
            slices += 1;
        }
        // totals, outliers, duplicates, gaps, then one slice per dimension column.
        assert!(slices >= 4, "{path}");
        assert_eq!(c.finish(&t), check(&t), "{path}");
    }
}

#[test]
fn unreadable_cells_are_findings() {
    // 7 rows (lines 2–8); 3 amounts cannot be read: 产业合作 (lines 4, 6)
    // loses every row, 医疗帮扶 (line 3) one of two. 3 of 7 > 1 %, and a
    // category is gone: an error.
    let csv = "年度,板块,金额(万元)\n2020,教育帮扶,10\n2020,医疗帮扶,abc\n2020,产业合作,#REF!\n2021,医疗帮扶,5\n2021,产业合作,十二\n2021,人才招聘,3\n2021,教育帮扶,1.5\n";
    let t = table_with_text(csv);
    let f = check(&t);
    let u = one(&f, "unreadable_cells");
    assert_eq!(u.severity, Severity::Error);
    assert_eq!(u.lines, vec![3, 4, 6]);
    assert_eq!(u.column.as_deref(), Some("金额(万元)"));
    assert_eq!(fig(u, "rows"), 3);
    assert_eq!(fig(u, "of"), 7);
    assert_eq!(fig(u, "lost"), &serde_json::json!(["板块“产业合作”"]));
    assert_eq!(fig(u, "raw"), &serde_json::json!(["abc", "#REF!", "十二"]));
    assert!(u.text.zh.contains("第 3、4、6 行"), "{}", u.text.zh);

    // One bad cell in 200 rows, no category lost: 0.5 %, a warning.
    let mut csv = String::from("年度,板块,金额(万元)\n");
    for i in 0..200 {
        let v = if i == 10 {
            "x".to_string()
        } else {
            format!("{}", i + 1)
        };
        csv.push_str(&format!("{},{},{v}\n", 2020 + i % 2, ["甲", "乙"][i % 2]));
    }
    let f = check(&table_with_text(&csv));
    let u = one(&f, "unreadable_cells");
    assert_eq!(u.severity, Severity::Warning);
    assert_eq!(u.lines, vec![12]);

    // A row wider than the header (line 3) is set aside while loading: 1 of 3 rows.
    let f = check(&table_with_text(
        "年度,板块,金额\n2020,甲,1\n2020,乙,2,3,4\n2021,甲,5\n",
    ));
    let a = one(&f, "rows_set_aside");
    assert_eq!(a.severity, Severity::Error);
    assert_eq!(a.lines, vec![3]);
    // The demo data has neither.
    assert!(check(&table("huadu_utf8.csv"))
        .iter()
        .all(|x| x.code != "unreadable_cells" && x.code != "rows_set_aside"));
}

fn table_with_text(text: &str) -> Table {
    load(text.as_bytes(), &LoadOptions::default()).unwrap()
}
