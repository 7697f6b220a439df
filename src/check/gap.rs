//! Gaps: a period missing inside a group's span.
//!
//! A group is the rows that share every dimension column (the same pair,
//! category, source …). When a group has records at periods before and after
//! a period of the calendar but none at it, the missing period is a
//! `period_gap` (info): a gap is not zero (SEMANTICS §5), so the period after
//! it has no growth rate, and a sum over the span lacks that period. One
//! finding per group lists every missing period. No correction: only the
//! source can fill a gap.

use crate::message::Texts;
use std::hash::Hasher;

use super::{figures, key_columns, line_of, lines_text, row_label, Finding, Fx, Severity};
use crate::cell::{period_zh, Grain, Period};
use crate::table::{Role, Table};

/// The period at a calendar index of a grain (the inverse of [`Period::index`]).
fn at_index(grain: Grain, i: i64) -> Option<Period> {
    let year = |y: i64| i32::try_from(y).ok();
    Some(match grain {
        Grain::Year => Period::Year(year(i)?),
        Grain::Quarter => Period::Quarter(year(i.div_euclid(4))?, (i.rem_euclid(4) + 1) as u8),
        Grain::Month => Period::Month(year(i.div_euclid(12))?, (i.rem_euclid(12) + 1) as u8),
    })
}

/// Keeps a group (its rows in period order) when a period is missing inside its span.
fn scan(
    rows: impl Iterator<Item = (Period, usize)> + Clone,
    found: &mut Vec<(usize, Vec<Period>, Vec<usize>)>,
) {
    let mut prev: Option<Period> = None;
    let mut gap = false;
    for (p, _) in rows.clone() {
        if let Some(q) = prev {
            gap |= q.grain() == p.grain() && p.index() - q.index() > 1;
        }
        prev = Some(p);
    }
    if gap {
        let mut present: Vec<Period> = rows.clone().map(|x| x.0).collect();
        present.dedup();
        let mut list: Vec<usize> = rows.map(|x| x.1).collect();
        list.sort_unstable();
        found.push((list.first().copied().unwrap_or(0), present, list));
    }
}

/// Adds the `period_gap` findings.
pub(crate) fn check(table: &Table, out: &mut Vec<Finding>) {
    let keys = key_columns(table);
    let Some(period) = keys.iter().find(|k| k.role == Role::Period) else {
        return;
    };
    let dims: Vec<_> = keys.iter().filter(|k| k.role == Role::Dimension).collect();
    // (hash of the group's codes, period, row), sorted: each group's rows are
    // one run, its periods in calendar order.
    let mut rows_by: Vec<(u64, Period, usize)> = Vec::with_capacity(table.len());
    for r in 0..table.len() {
        let Some(p) = period
            .codes
            .get(r)
            .and_then(|&c| period.keys.get(c as usize))
            .and_then(|k| k.period)
        else {
            continue;
        };
        let mut h = Fx::default();
        for d in &dims {
            h.write_u32(d.codes.get(r).copied().unwrap_or(0));
        }
        rows_by.push((h.finish(), p, r));
    }
    rows_by.sort_unstable();
    let same_group = |a: usize, b: usize| dims.iter().all(|d| d.codes.get(a) == d.codes.get(b));
    // Groups with a gap: (first row, periods present, rows).
    let mut found: Vec<(usize, Vec<Period>, Vec<usize>)> = Vec::new();
    for run in rows_by.chunk_by(|a, b| a.0 == b.0) {
        let head = run.first().map_or(0, |x| x.2);
        if run.iter().all(|x| same_group(head, x.2)) {
            scan(run.iter().map(|x| (x.1, x.2)), &mut found);
        } else {
            // A hash collision: split the run into groups of equal codes.
            let mut heads: Vec<usize> = Vec::new();
            for x in run {
                if !heads.iter().any(|&h| same_group(h, x.2)) {
                    heads.push(x.2);
                }
            }
            for h in heads {
                let rows = run.iter().filter(|x| same_group(h, x.2));
                scan(rows.map(|x| (x.1, x.2)), &mut found);
            }
        }
    }
    // Report in the order the groups first appear in the file.
    crate::order::sort_by_key(&mut found, |g| g.0);
    for (_, present, rows) in found {
        let (Some(&first), Some(&last)) = (present.first(), present.last()) else {
            continue;
        };
        let missing: Vec<Period> = (first.index() + 1..last.index())
            .filter_map(|i| at_index(first.grain(), i))
            .filter(|p| present.binary_search(p).is_err())
            .collect();
        let first_row = rows.first().copied().unwrap_or(0);
        let what = if dims.is_empty() {
            "全部记录".to_string()
        } else {
            row_label(&keys, first_row, Some(period.index))
        };
        let what_en = if dims.is_empty() {
            "all records".to_string()
        } else {
            what.clone()
        };
        let lines: Vec<u64> = rows.iter().map(|&r| line_of(table, r)).collect();
        let miss_zh: Vec<String> = missing.iter().map(|p| period_zh(*p)).collect();
        let miss_en: Vec<String> = missing.iter().map(|p| p.label()).collect();
        let after: Vec<String> = missing
            .iter()
            .filter_map(|p| {
                let next = at_index(p.grain(), p.index() + 1)?;
                present.binary_search(&next).is_ok().then_some(next)
            })
            .map(|p| p.label())
            .collect();
        let present_labels: Vec<serde_json::Value> =
            present.iter().map(|p| p.label().into()).collect();
        let (zh_after, en_after) = if after.is_empty() {
            (String::new(), String::new())
        } else {
            (
                format!("；空缺不按 0 计算，{} 的增长率因此为空", after.join("、")),
                format!(
                    "; a gap is not zero, so {} has no growth rate",
                    after.join(", ")
                ),
            )
        };
        out.push(Finding {
            code: "period_gap",
            severity: Severity::Info,
            text: Texts::new(
                format!(
                    "“{what}”有 {} 至 {} 的记录（第 {} 行），但缺 {}{zh_after}",
                    period_zh(first),
                    period_zh(last),
                    lines_text(&lines, "、"),
                    miss_zh.join("、"),
                ),
                format!(
                    "\"{what_en}\" has records from {} to {} (lines {}) but none for {}{en_after}",
                    first.label(),
                    last.label(),
                    lines_text(&lines, ", "),
                    miss_en.join(", "),
                ),
            ),
            lines,
            column: Some(period.name.to_string()),
            figures: figures([
                ("group", what_en.into()),
                (
                    "missing",
                    miss_en.into_iter().map(serde_json::Value::from).collect(),
                ),
                ("present", present_labels.into()),
            ]),
            correction: None,
        });
    }
}
