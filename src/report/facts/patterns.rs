//! Facts about patterns (steady rises, late starts) and the data caveats.

use rust_decimal::Decimal;

use super::{exact, grain, Caveats, Patterns, Steady};
use crate::analyze::result::{AnalysisResult, Figure};
use crate::report::view::{Series, View};

/// Up to three categories that rose, fell or stayed flat every period (of
/// three or more); up to three that start after the first period; those with
/// no figure in the last.
pub(super) fn patterns<'r>(v: &View<'r>) -> Option<Patterns<'r>> {
    if v.cats.is_empty() || v.periods.len() < 2 {
        return None;
    }
    let n = v.periods.len();
    let mut steady: Vec<Steady<'r>> = Vec::new();
    if n >= 3 {
        for s in &v.cats {
            if steady.len() >= 3 {
                break;
            }
            let vals: Option<Vec<(&'r Figure, Decimal)>> = s
                .values
                .iter()
                .map(|f| f.and_then(|f| exact(f).map(|e| (f, e))))
                .collect();
            let Some(vals) = vals.filter(|x| x.len() == n) else {
                continue;
            };
            let rising = vals.windows(2).all(|p| matches!(p, [a, b] if b.1 > a.1));
            let falling = vals.windows(2).all(|p| matches!(p, [a, b] if b.1 < a.1));
            let flat = vals.windows(2).all(|p| matches!(p, [a, b] if b.1 == a.1));
            if rising || falling {
                let elided = n > 5;
                let path = if elided {
                    vals.first()
                        .into_iter()
                        .chain(vals.last())
                        .map(|x| x.0)
                        .collect()
                } else {
                    vals.iter().map(|x| x.0).collect()
                };
                steady.push(Steady::Moved {
                    label: s.label,
                    rose: rising,
                    path,
                    elided,
                });
            } else if flat {
                if let Some(f) = vals.first().map(|x| x.0) {
                    steady.push(Steady::Flat {
                        label: s.label,
                        value: f,
                    });
                }
            }
        }
    }
    // Categories that start after the first period, or stop before the last.
    let first_at = |s: &Series<'_>| s.values.iter().position(Option::is_some);
    let late: Vec<(&'r str, _)> = v
        .cats
        .iter()
        .filter_map(|s| {
            let i = first_at(s).filter(|&i| i > 0)?;
            Some((s.label, *v.periods.get(i)?))
        })
        .take(3)
        .collect();
    let stopped: Vec<&'r str> = v
        .cats
        .iter()
        .filter(|s| s.values.last().is_some_and(Option::is_none) && first_at(s).is_some())
        .map(|s| s.label)
        .collect();
    let stopped = match (stopped.is_empty(), v.periods.last()) {
        (false, Some(last)) => Some((stopped, *last)),
        _ => None,
    };
    if steady.is_empty() && late.is_empty() && stopped.is_none() {
        return None;
    }
    Some(Patterns {
        grain: grain(v),
        steady,
        late,
        stopped,
    })
}

/// Approximate values, the sheet's total rows, rows set aside or empty, and
/// rows left out by the filters.
pub(super) fn caveats(r: &AnalysisResult) -> Option<Caveats<'_>> {
    let d = &r.diagnostics;
    let approximate =
        (d.approximate.count > 0).then_some((d.approximate.count, d.approximate.lines.as_slice()));
    let totals = d.set_aside_counts.get("total_row").copied().unwrap_or(0);
    let total_rows = (totals > 0).then(|| {
        let off = r
            .findings
            .iter()
            .filter(|f| f.code == "total_mismatch")
            .count();
        (totals, off)
    });
    let mut unreadable: Vec<u64> = d
        .set_aside
        .iter()
        .filter(|s| s.reason != "total_row")
        .map(|s| s.line)
        .collect();
    unreadable.dedup();
    let c = Caveats {
        approximate,
        total_rows,
        unreadable,
        nulls: d.nulls.count,
        filtered_out: d.filtered_out,
    };
    let any = c.approximate.is_some()
        || c.total_rows.is_some()
        || !c.unreadable.is_empty()
        || c.nulls > 0
        || c.filtered_out > 0;
    any.then_some(c)
}
