//! Load + analyze: any bytes as a file, then one analysis whose spec is
//! derived from the table's own columns and from selector bytes at the start
//! of the input. Must not panic; every row read must be accounted for
//! (rowsRead = rowsUsed + nulls + setAside + filteredOut); the schema and the
//! result must serialise.
#![no_main]

use aidstat::analyze::spec::{Aggregate, GrowthKind, ShareKind, Spec};
use aidstat::analyze::{analyze, group};
use aidstat::load::{load, LoadOptions};
use aidstat::table::{describe::describe, ColumnData, Table};
use libfuzzer_sys::fuzz_target;
use serde_json::{json, Value};

fn pick<T: Copy>(all: &[T], b: u8) -> T {
    all[usize::from(b) % all.len()]
}

/// A spec from the selector bytes: rows, columns, measure and filters name
/// the table's columns (sometimes a column that does not exist).
fn spec_for(t: &Table, s: &[u8; 8]) -> Value {
    let names: Vec<&str> = t.columns.iter().map(|c| c.name.as_str()).collect();
    let name = |b: u8| -> String {
        if names.is_empty() || b == 0xff {
            "没有这列".to_string()
        } else {
            names[usize::from(b) % names.len()].to_string()
        }
    };
    let mut spec = json!({
        "aggregate": pick(Aggregate::ALL, s[0]).as_str(),
        "share": pick(ShareKind::ALL, s[1]).as_str(),
        "growth": pick(GrowthKind::ALL, s[1] >> 4).as_str(),
        "precision": s[2] % 11,
        "percentPrecision": (s[2] >> 4) % 11,
        "subtotals": s[3] & 1 == 1,
        "totals": s[3] & 2 == 2,
        "largestRemainder": s[3] & 4 == 4,
    });
    let rows: Vec<String> = match s[4] % 4 {
        0 => vec![],
        1 => vec![name(s[5])],
        _ => vec![name(s[5]), name(s[6])],
    };
    spec["rows"] = json!(rows);
    if s[4] & 0x10 != 0 {
        spec["columns"] = json!(name(s[7]));
    }
    if s[4] & 0x20 != 0 {
        spec["measure"] = json!(name(s[6] ^ s[7]));
    }
    if s[3] & 8 == 8 {
        spec["unit"] = json!(["元", "千元", "万元", "百万元", "亿元"][usize::from(s[3] >> 4) % 5]);
    }
    if s[4] & 0x40 != 0 {
        // Keep (or drop) the first value of some key column.
        if let Some(c) = t.columns.get(usize::from(s[7]) % t.columns.len().max(1)) {
            if let ColumnData::Keys { keys, .. } = &c.data {
                if let Some(k) = keys.first() {
                    let how = if s[4] & 0x80 != 0 { "keep" } else { "drop" };
                    spec["filters"] = json!([{ "column": c.name, how: [k.label] }]);
                }
            }
        }
    }
    if s[0] & 0x80 != 0 {
        if let Some(p) = t.columns.iter().find_map(|c| match &c.data {
            ColumnData::Keys { keys, .. } => keys.iter().find_map(|k| k.period),
            _ => None,
        }) {
            spec["basePeriod"] = json!(p.label());
        }
    }
    spec
}

fuzz_target!(|data: &[u8]| {
    if data.len() < 8 {
        return;
    }
    let (sel, bytes) = data.split_at(8);
    let mut s = [0u8; 8];
    s.copy_from_slice(sel);
    let Ok(t) = load(bytes, &LoadOptions::default()) else {
        return;
    };
    let schema = describe(&t);
    serde_json::to_string(&schema).expect("the schema serialises");
    let spec_json = spec_for(&t, &s).to_string();
    let Ok(spec) = Spec::from_json(&spec_json) else {
        return;
    };
    let Ok(r) = analyze(&t, &spec) else {
        return;
    };
    let d = &r.diagnostics;
    assert_eq!(
        d.rows_used + d.nulls.count + d.set_aside.len() + d.filtered_out,
        d.rows_read,
        "every row read is accounted for: {spec_json}"
    );
    serde_json::to_string(&r).expect("the result serialises");
    // Rendering the same groups again gives the same result.
    if let Ok(g) = group(&t, &spec) {
        assert_eq!(g.render(&spec).ok().as_ref(), Some(&r), "render is repeatable");
    }
});
