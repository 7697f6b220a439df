//! The JS API's operations in pure Rust (src/api.rs): a session renders a view
//! that groups like the last one from the kept groups, and gives exactly the
//! figures a fresh analysis gives; checks slice by slice equal checks at once.

use aidstat::analyze::{analyze, spec::Spec};
use aidstat::api::Session;
use aidstat::check::check;
use aidstat::load::{load, LoadOptions};

fn bytes(name: &str) -> Vec<u8> {
    std::fs::read(format!("{}/tests/data/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

#[test]
fn kept_groups_give_the_figures_of_a_fresh_analysis() {
    let b = bytes("huadu_utf8.csv");
    let s = Session::from_bytes(&b, "{}").unwrap();
    let t = load(&b, &LoadOptions::default()).unwrap();
    let specs = [
        r#"{"rows":["板块"],"columns":"年度","share":"column"}"#,
        r#"{"rows":["板块"],"columns":"年度","growth":"rate","unit":"亿元","precision":4}"#,
        r#"{"rows":["板块"],"columns":"年度","growth":"cagr","totals":false}"#,
        r#"{"rows":["资金来源"],"columns":"年度"}"#,
        r#"{"rows":["板块"],"columns":"年度","filters":[{"column":"资金来源","keep":["花都区专项"]}]}"#,
        r#"{"rows":["板块"],"columns":"年度","growth":"rate"}"#,
    ];
    for spec in specs {
        let got = serde_json::to_value(s.analyze(spec).unwrap()).unwrap();
        let fresh = analyze(&t, &Spec::from_json(spec).unwrap()).unwrap();
        let want = serde_json::to_value(aidstat::api::Analysis {
            paragraph: aidstat::report::paragraphs(&fresh),
            result: fresh,
        })
        .unwrap();
        assert_eq!(got, want, "{spec}");
    }
    // The seed figure, by hand: 2021 教育帮扶 1370 over 2020's 148 → 825.68 %.
    let a = s.analyze(specs[5]).unwrap();
    let edu = a
        .result
        .rows
        .iter()
        .find(|r| r.label == "教育帮扶")
        .unwrap();
    assert_eq!(edu.cells[1].growth.as_ref().unwrap().text, "825.68%");
}

#[test]
fn checks_in_slices_are_the_checks_at_once() {
    let b = bytes("checks/seed002_unit_slip.csv");
    let s = Session::from_bytes(&b, "{}").unwrap();
    let mut steps = 0;
    while !s.check_step().done {
        steps += 1;
    }
    assert!(steps >= 4);
    assert_eq!(s.findings(), check(s.table()).as_slice());
    assert_eq!(s.findings()[0].code, "unit_slip");
    // Text is read as UTF-8 whatever the options say.
    let p =
        Session::from_text("板块\t金额\n教育帮扶\t¥1,234.50\n", r#"{"encoding":"gbk"}"#).unwrap();
    assert_eq!(p.schema().source.encoding, "UTF-8");
    assert_eq!(p.values("板块").unwrap(), vec!["教育帮扶"]);
    assert_eq!(
        p.values("地区").unwrap_err().code.as_str(),
        "unknown_column"
    );
}
