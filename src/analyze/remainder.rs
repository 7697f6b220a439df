//! Largest-remainder rounding of shares (SEMANTICS §2), only when asked for:
//! the displayed shares of each set that makes up a whole add up to exactly
//! 100 at the chosen precision, and the cells moved away from their plain
//! 四舍五入 text are flagged `nudged`.
//!
//! The sets: *grand* — every data cell of the grid; *row* — the value cells
//! of each data row; *column* — the data rows of each column; *parent* — the
//! children of each group in each column. Subtotal and total rows keep their
//! plain rounding. A set with a negative or empty share is left alone.

use std::str::FromStr;

use rust_decimal::{Decimal, RoundingStrategy};

use super::result::{Figure, ResultRow, Style};
use super::spec::ShareKind;

/// Applies largest-remainder rounding to the shares of `rows` in place.
/// `value_cols` is the number of value columns (the total column excluded).
pub(crate) fn apply(rows: &mut [ResultRow], share: ShareKind, value_cols: usize, dp: u32) {
    let data: Vec<usize> = (0..rows.len())
        .filter(|&i| rows.get(i).is_some_and(|r| r.kind == "data"))
        .collect();
    let mut sets: Vec<Vec<(usize, usize)>> = Vec::new();
    match share {
        ShareKind::Grand => sets.push(
            data.iter()
                .flat_map(|&r| (0..value_cols).map(move |c| (r, c)))
                .collect(),
        ),
        ShareKind::Row => sets.extend(
            data.iter()
                .map(|&r| (0..value_cols).map(|c| (r, c)).collect()),
        ),
        ShareKind::Column => {
            sets.extend((0..value_cols).map(|c| data.iter().map(|&r| (r, c)).collect()))
        }
        ShareKind::Parent => {
            // Children of one parent: data rows with the same keys above their level.
            let mut groups: Vec<(Vec<Option<String>>, Vec<usize>)> = Vec::new();
            for &r in &data {
                let Some(row) = rows.get(r) else { continue };
                let parent: Vec<Option<String>> = row
                    .keys
                    .iter()
                    .take(row.level.saturating_sub(1))
                    .cloned()
                    .collect();
                match groups.iter_mut().find(|(k, _)| *k == parent) {
                    Some((_, v)) => v.push(r),
                    None => groups.push((parent, vec![r])),
                }
            }
            for (_, members) in groups {
                sets.extend((0..value_cols).map(|c| members.iter().map(|&r| (r, c)).collect()));
            }
        }
        ShareKind::None => {}
    }
    for set in sets {
        nudge(rows, &set, dp);
    }
}

fn share_of(rows: &[ResultRow], (r, c): (usize, usize)) -> Option<Option<Decimal>> {
    let f = rows.get(r)?.cells.get(c)?.share.as_ref()?;
    Some(f.exact.as_deref().and_then(|e| Decimal::from_str(e).ok()))
}

fn nudge(rows: &mut [ResultRow], set: &[(usize, usize)], dp: u32) {
    // Cells without records take no part; any other empty or negative share spoils the set.
    let mut parts: Vec<((usize, usize), Decimal)> = Vec::new();
    for &at in set {
        match share_of(rows, at) {
            Some(Some(v)) if v >= Decimal::ZERO => parts.push((at, v)),
            Some(None)
                if rows
                    .get(at.0)
                    .and_then(|r| r.cells.get(at.1))
                    .is_some_and(|c| c.records == 0) => {}
            _ => return,
        }
    }
    if parts.is_empty() {
        return;
    }
    let scale = Decimal::from(10u64.pow(dp));
    let target = Decimal::ONE_HUNDRED * scale;
    let units: Vec<(Decimal, Decimal)> = parts
        .iter()
        .map(|(_, v)| {
            let q = *v * scale;
            let floor = q.round_dp_with_strategy(0, RoundingStrategy::ToZero);
            (floor, q - floor)
        })
        .collect();
    let floor_sum: Decimal = units.iter().map(|(f, _)| *f).sum();
    let Ok(deficit) = usize::try_from((target - floor_sum).round().mantissa()) else {
        return;
    };
    if deficit > parts.len() {
        return; // the set does not make up a whole
    }
    let mut order: Vec<usize> = (0..parts.len()).collect();
    crate::order::sort_by(&mut order, |&a, &b| {
        units[b].1.cmp(&units[a].1).then(a.cmp(&b))
    });
    for (rank, &i) in order.iter().enumerate() {
        let ((r, c), v) = parts[i];
        let shown = (units[i].0
            + if rank < deficit {
                Decimal::ONE
            } else {
                Decimal::ZERO
            })
            / scale;
        let plain = crate::format::round(v, dp);
        let Some(cell) = rows.get_mut(r).and_then(|row| row.cells.get_mut(c)) else {
            continue;
        };
        if shown != plain {
            let mut f = Figure::value(shown, Style::Percent(dp));
            f.exact = Some(crate::format::plain(v));
            cell.share = Some(f.flag("nudged"));
        }
    }
}
