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

use crate::message::Texts;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};

use rust_decimal::Decimal;

use super::{dec, figures, key_columns, label, line_of, lines_text, measure_columns, row_label};
use super::{Finding, Fx, KeyCol, MeasureCol, Severity};
use crate::format::plain;
use crate::load::edits::{CellCorrection, Correction};
use crate::table::{Role, Table};

/// Adds the duplicate findings.
pub(crate) fn check(table: &Table, out: &mut Vec<Finding>) {
    let keys = key_columns(table);
    let measures = measure_columns(table);
    let Some(amount) = measures
        .iter()
        .find(|m| m.money_unit().is_some())
        .or_else(|| measures.first())
    else {
        return;
    };
    // Each key code's normalised group, per key column (one normalisation
    // and one hash lookup per distinct label).
    let norm: Vec<Vec<u32>> = keys
        .iter()
        .map(|k| {
            if k.role == Role::Period || label::is_identifier(k) {
                return (0..k.keys.len() as u32).collect();
            }
            let mut seen: HashMap<String, u32> = HashMap::with_capacity(k.keys.len());
            k.keys
                .iter()
                .map(|key| {
                    let next = seen.len() as u32;
                    *seen.entry(label::normalize(&key.label)).or_insert(next)
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

    // (hash of the near key, hash of the whole row, row): sorted, rows that
    // may be near copies form one run, and exact copies within it are adjacent.
    let mut hashed: Vec<(u64, u64, usize)> = Vec::new();
    for r in 0..table.len() {
        let Some(v) = amount.value(r).filter(|v| !v.is_zero()) else {
            continue;
        };
        let mut h = Fx::default();
        for k in 0..keys.len() {
            near_code(k, r).hash(&mut h);
        }
        v.normalize().serialize().hash(&mut h);
        let mut e = Fx::default();
        for k in &keys {
            k.codes.get(r).hash(&mut e);
        }
        for m in &measures {
            m.states.get(r).map(|s| *s as u8).hash(&mut e);
            if let Some(x) = m.value(r) {
                x.normalize().serialize().hash(&mut e);
            }
        }
        hashed.push((h.finish(), e.finish(), r));
    }
    hashed.sort_unstable();

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
    for run in hashed
        .chunk_by(|a, b| a.0 == b.0)
        .filter(|run| run.len() >= 2)
    {
        // A run is one near group unless two groups' hashes collide.
        for group in split(run, |x| x.2, near_eq) {
            if group.len() < 2 {
                continue;
            }
            // Within the near group, exact copies: runs of one row hash.
            let mut exact_groups = 0usize;
            for same_hash in group.chunk_by(|a, b| a.1 == b.1) {
                for mut copies in split(same_hash, |x| x.2, exact_eq) {
                    exact_groups += 1;
                    if copies.len() >= 2 {
                        copies.sort_unstable_by_key(|x| x.2);
                        let rows: Vec<usize> = copies.iter().map(|x| x.2).collect();
                        out.push(exact(table, &keys, amount, &rows));
                    }
                }
            }
            if exact_groups >= 2 {
                let mut rows: Vec<usize> = group.iter().map(|x| x.2).collect();
                rows.sort_unstable();
                out.push(near(table, &keys, &measures, amount, &rows));
            }
        }
    }
}

/// Splits rows of one hash into groups that are `eq` to each other, in the
/// rows' order. Equal hashes nearly always mean equal rows, so this is one
/// comparison a row; only a collision adds a group to compare with.
fn split<T: Copy>(
    items: &[T],
    row: impl Fn(&T) -> usize,
    eq: impl Fn(usize, usize) -> bool,
) -> Vec<Vec<T>> {
    let mut groups: Vec<Vec<T>> = Vec::new();
    for &x in items {
        let r = row(&x);
        match groups
            .iter_mut()
            .find(|g| g.first().is_some_and(|h| eq(row(h), r)))
        {
            Some(g) => g.push(x),
            None => groups.push(vec![x]),
        }
    }
    groups
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
        text: Texts::new(format!(
            "第 {} 行完全相同（“{what}”，{shown}），疑为重复录入，合计时会重复计入；如确属重复，可接受更正，将后 {later} 行的“{name}”置空",
            lines_text(&lines, "、")
        ), format!(
            "lines {} are identical ({what}, {shown}) and would be counted twice; if they are one record, accept the correction to empty \"{name}\" in the later {later}",
            lines_text(&lines, ", ")
        )),
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
        text: Texts::new(format!(
            "第 {} 行的时期、各项分类和金额相同（“{what}”，{shown}），只有“{}”不同，请核对是否重复",
            lines_text(&lines, "、"),
            differ.join("”“")
        ), format!(
            "lines {} have the same period, labels and amount ({what}, {shown}) and differ only in \"{}\": please check they are not one record twice",
            lines_text(&lines, ", "),
            differ.join("\", \"")
        )),
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
