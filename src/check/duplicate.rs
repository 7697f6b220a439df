//! The same record twice.
//!
//! - `duplicate_rows` (warning): rows equal in every key column (period and
//!   dimensions) and every measure, with a non-zero amount. The correction
//!   empties the amount of every copy after the first, so it is counted once
//!   (the emptied cells are then listed as nulls, never dropped silently).
//! - `near_duplicate` (info): rows with the same period, the same labels in
//!   every dimension once written alike (traditional → simplified, full-width
//!   → half-width, spaces removed, case ignored) and the same amount, that are
//!   not exact copies (another measure differs, or a label is written
//!   differently). No correction: which one is right needs the source.
//!
//! The amount is the first money column (else the first measure). Rows are
//! hashed once and sorted, so the check is one pass over the table.

use std::hash::{Hash, Hasher};

use rust_decimal::Decimal;

use super::correct::{CellCorrection, Correction};
use super::{dec, figures, key_columns, label, line_of, lines_text, measure_columns, row_label};
use super::{Finding, Fx, KeyCol, MeasureCol, Severity};
use crate::format::plain;
use crate::table::{Role, Table};

/// Adds the duplicate findings.
pub fn check(table: &Table, out: &mut Vec<Finding>) {
    let keys = key_columns(table);
    let measures = measure_columns(table);
    let Some(amount) = measures
        .iter()
        .find(|m| m.money_unit().is_some())
        .or_else(|| measures.first())
    else {
        return;
    };
    // Each key code's normalised group, per key column.
    let norm: Vec<Vec<u32>> = keys
        .iter()
        .map(|k| {
            if k.role == Role::Period {
                return (0..k.keys.len() as u32).collect();
            }
            let mut seen: Vec<String> = Vec::new();
            k.keys
                .iter()
                .map(|key| {
                    let n = label::normalize(&key.label);
                    match seen.iter().position(|s| *s == n) {
                        Some(i) => i as u32,
                        None => {
                            seen.push(n);
                            (seen.len() - 1) as u32
                        }
                    }
                })
                .collect()
        })
        .collect();
    let near_code = |k: usize, r: usize| -> u32 {
        let c = keys
            .get(k)
            .and_then(|kc| kc.codes.get(r))
            .copied()
            .unwrap_or(0);
        norm.get(k)
            .and_then(|n| n.get(c as usize))
            .copied()
            .unwrap_or(c)
    };

    let mut hashed: Vec<(u64, usize)> = Vec::new();
    for r in 0..table.len() {
        let Some(v) = amount.value(r).filter(|v| !v.is_zero()) else {
            continue;
        };
        let mut h = Fx::default();
        for k in 0..keys.len() {
            near_code(k, r).hash(&mut h);
        }
        v.normalize().serialize().hash(&mut h);
        hashed.push((h.finish(), r));
    }
    hashed.sort_unstable();

    for run in hashed
        .chunk_by(|a, b| a.0 == b.0)
        .filter(|run| run.len() >= 2)
    {
        let rows: Vec<usize> = run.iter().map(|x| x.1).collect();
        report_run(table, &keys, &measures, amount, &near_code, &rows, out);
    }
}

/// Splits a run of equal hashes into groups of near-equal rows, then each
/// group into exact copies.
fn report_run(
    table: &Table,
    keys: &[KeyCol<'_>],
    measures: &[MeasureCol<'_>],
    amount: &MeasureCol<'_>,
    near_code: &dyn Fn(usize, usize) -> u32,
    rows: &[usize],
    out: &mut Vec<Finding>,
) {
    let near_eq = |a: usize, b: usize| {
        (0..keys.len()).all(|k| near_code(k, a) == near_code(k, b))
            && amount.value(a).map(|v| v.normalize()) == amount.value(b).map(|v| v.normalize())
    };
    let exact_eq = |a: usize, b: usize| {
        keys.iter().all(|k| k.codes.get(a) == k.codes.get(b))
            && measures.iter().all(|m| {
                m.states.get(a) == m.states.get(b)
                    && m.value(a).map(|v| v.normalize()) == m.value(b).map(|v| v.normalize())
            })
    };
    let mut left: Vec<usize> = rows.to_vec();
    left.sort_unstable();
    while let Some(&first) = left.first() {
        let (group, rest): (Vec<usize>, Vec<usize>) =
            left.iter().partition(|&&r| near_eq(first, r));
        left = rest;
        if group.len() < 2 {
            continue;
        }
        // Exact copies within the near group.
        let mut pending = group.clone();
        let mut exact_groups: Vec<Vec<usize>> = Vec::new();
        while let Some(&a) = pending.first() {
            let (same, rest): (Vec<usize>, Vec<usize>) =
                pending.iter().partition(|&&r| exact_eq(a, r));
            pending = rest;
            exact_groups.push(same);
        }
        for g in exact_groups.iter().filter(|g| g.len() >= 2) {
            out.push(exact(table, keys, amount, g));
        }
        if exact_groups.len() >= 2 {
            out.push(near(table, keys, measures, amount, &group));
        }
    }
}

fn exact(table: &Table, keys: &[KeyCol<'_>], amount: &MeasureCol<'_>, g: &[usize]) -> Finding {
    let lines: Vec<u64> = g.iter().map(|&r| line_of(table, r)).collect();
    let first = g.first().copied().unwrap_or(0);
    let what = row_label(keys, first, None);
    let v = amount.value(first).unwrap_or(Decimal::ZERO);
    let shown = format!("{}{}", plain(amount.shown(v)), amount.unit_label());
    let later = lines.len() - 1;
    let name = &amount.col.name;
    Finding {
        code: "duplicate_rows",
        severity: Severity::Warning,
        message_zh: format!(
            "第 {} 行完全相同（{what}，{shown}），疑为重复录入，合计时会重复计入；如确属重复，可接受更正，将后 {later} 行的“{name}”置空",
            lines_text(&lines, "、")
        ),
        message_en: format!(
            "lines {} are identical ({what}, {shown}) and would be counted twice; if they are one record, accept the correction to empty \"{name}\" in the later {later}",
            lines_text(&lines, ", ")
        ),
        lines: lines.clone(),
        column: Some(name.clone()),
        figures: figures([
            ("copies", g.len().into()),
            ("amount", dec(amount.shown(v))),
            ("unit", amount.unit_label().into()),
            ("keys", what.into()),
        ]),
        correction: Some(Correction {
            corrections: lines
                .iter()
                .skip(1)
                .map(|&line| CellCorrection {
                    line,
                    column: name.clone(),
                    value: String::new(),
                })
                .collect(),
            ..Correction::default()
        }),
    }
}

fn near(
    table: &Table,
    keys: &[KeyCol<'_>],
    measures: &[MeasureCol<'_>],
    amount: &MeasureCol<'_>,
    g: &[usize],
) -> Finding {
    let lines: Vec<u64> = g.iter().map(|&r| line_of(table, r)).collect();
    let first = g.first().copied().unwrap_or(0);
    let differ: Vec<&str> = keys
        .iter()
        .filter(|k| g.iter().any(|&r| k.codes.get(r) != k.codes.get(first)))
        .map(|k| k.name)
        .chain(
            measures
                .iter()
                .filter(|m| {
                    g.iter().any(|&r| {
                        m.value(r).map(|v| v.normalize()) != m.value(first).map(|v| v.normalize())
                    })
                })
                .map(|m| m.col.name.as_str()),
        )
        .collect();
    let what = row_label(keys, first, None);
    let v = amount.value(first).unwrap_or(Decimal::ZERO);
    let shown = format!("{}{}", plain(amount.shown(v)), amount.unit_label());
    Finding {
        code: "near_duplicate",
        severity: Severity::Info,
        message_zh: format!(
            "第 {} 行的时期、各项分类和金额相同（{what}，{shown}），只有“{}”不同，请核对是否重复",
            lines_text(&lines, "、"),
            differ.join("”“")
        ),
        message_en: format!(
            "lines {} have the same period, labels and amount ({what}, {shown}) and differ only in \"{}\": please check they are not one record twice",
            lines_text(&lines, ", "),
            differ.join("\", \"")
        ),
        lines,
        column: Some(amount.col.name.clone()),
        figures: figures([
            ("rows", g.len().into()),
            ("amount", dec(amount.shown(v))),
            ("unit", amount.unit_label().into()),
            ("keys", what.into()),
            ("differIn", differ.into_iter().map(serde_json::Value::from).collect()),
        ]),
        correction: None,
    }
}
