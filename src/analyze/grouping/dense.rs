//! The fast pass: sums, counts and means of a small key space in flat arrays,
//! and the per-row helpers both passes share (a row's measure cell, its
//! state, whether the filters keep it).

use rust_decimal::Decimal;

use super::Tally;
use crate::analyze::accumulators::Acc;
use crate::table::{CellState, Key, MeasureData};

/// The columns one pass reads.
pub(super) struct Columns<'a> {
    pub(super) rows: &'a [(&'a [u32], &'a [Key])],
    pub(super) col: Option<&'a [u32]>,
    pub(super) masks: &'a [(&'a [u32], &'a [bool])],
    pub(super) measure: Option<&'a MeasureData>,
    pub(super) lines: &'a [u64],
}

/// Largest number of leaf cells (leaf groups × column codes) summed in
/// dense arrays; beyond, the general pass is used.
const DENSE_CELLS: usize = 1 << 16;

/// Sums, counts and means (the aggregates a click asks for most) in one pass
/// with every leaf cell at a fixed place of flat arrays: no lookup, no
/// accumulator structs in the loop. `None` when the key space is too large
/// (the general pass then does the work). Rows whose measure cell is bad are
/// left out and listed, nulls counted, approximate values listed, exactly as
/// in the general pass.
pub(super) fn dense_sums(
    c: &Columns<'_>,
    sizes: &[usize],
    stride: usize,
    len: usize,
    tally: &mut Tally,
) -> Option<(Vec<Vec<u32>>, Vec<Acc>)> {
    let radix: Vec<usize> = sizes.iter().map(|s| (*s).max(1)).collect();
    let slots = radix.iter().try_fold(1usize, |a, &r| a.checked_mul(r))?;
    let cells = slots.checked_mul(stride)?;
    if cells > DENSE_CELLS {
        return None;
    }
    let mut records = vec![0u64; cells];
    let mut nonnull = vec![0u64; cells];
    let mut ints = vec![0i128; cells];
    let mut decs = vec![Decimal::ZERO; cells];
    let mut overflow = vec![false; cells];
    let scaled = c.measure.and_then(MeasureData::scaled);
    'rows: for r in 0..len {
        if !kept(c.masks, r) {
            tally.filtered += 1;
            continue 'rows;
        }
        let mut slot = 0usize;
        for ((codes, _), r_) in c.rows.iter().zip(&radix) {
            slot = slot * r_ + codes.get(r).copied().unwrap_or(0) as usize;
        }
        let colpos = c
            .col
            .map_or(0, |codes| codes.get(r).copied().unwrap_or(0) as usize);
        let at = slot * stride + colpos;
        let Some(has) = measure_state(c.measure, r, c.lines, tally) else {
            continue 'rows;
        };
        if let Some(n) = records.get_mut(at) {
            *n += 1;
        }
        if !has {
            continue 'rows;
        }
        if let Some(n) = nonnull.get_mut(at) {
            *n += 1;
        }
        // A column kept as mantissas at one scale: their sum is exact in
        // 128 bits (no overflow below 2^64 rows), scaled once at the end.
        let added = match scaled {
            Some((m, _)) => ints.get_mut(at).map(|s| {
                s.checked_add(i128::from(m.get(r).copied().unwrap_or(0)))
                    .map(|x| *s = x)
            }),
            None => match c.measure.and_then(|d| d.value(r)) {
                Some(v) if v.scale() == 0 => ints
                    .get_mut(at)
                    .map(|s| s.checked_add(v.mantissa()).map(|x| *s = x)),
                Some(v) => decs.get_mut(at).map(|s| s.checked_add(v).map(|x| *s = x)),
                None => Some(Some(())),
            },
        };
        if let (Some(None), Some(o)) = (added, overflow.get_mut(at)) {
            *o = true;
        }
    }
    // The leaves that have records, in key order, with their accumulators.
    let mut leaf_keys = Vec::new();
    let mut accs = Vec::new();
    for s in 0..slots {
        let range = s * stride..(s + 1) * stride;
        if !records
            .get(range.clone())
            .is_some_and(|r| r.iter().any(|&n| n > 0))
        {
            continue;
        }
        let mut key = vec![0u32; radix.len()];
        let mut rest = s;
        for (k, r_) in key.iter_mut().zip(&radix).rev() {
            *k = (rest % r_) as u32;
            rest /= r_;
        }
        leaf_keys.push(key);
        for i in range {
            let int = ints.get(i).copied().unwrap_or(0);
            // Mantissas at the column's scale become a decimal sum here.
            let (sum, int_sum, too_big) = match scaled {
                Some((_, scale)) => match Decimal::try_from_i128_with_scale(int, scale) {
                    Ok(d) => (d, 0, false),
                    Err(_) => (Decimal::ZERO, 0, true),
                },
                None => (decs.get(i).copied().unwrap_or(Decimal::ZERO), int, false),
            };
            accs.push(Acc {
                records: records.get(i).copied().unwrap_or(0),
                nonnull: nonnull.get(i).copied().unwrap_or(0),
                sum,
                int_sum,
                overflow: too_big || overflow.get(i).copied().unwrap_or(false),
                ..Acc::default()
            });
        }
    }
    Some((leaf_keys, accs))
}

/// Row `r`'s measure value as the pass uses it, tallied (see
/// [`measure_state`]): `None` when the row is left out, `Some(None)` for a
/// null or when the view has no measure.
#[inline]
pub(super) fn measure_cell(
    measure: Option<&MeasureData>,
    r: usize,
    lines: &[u64],
    tally: &mut Tally,
) -> Option<Option<Decimal>> {
    let has = measure_state(measure, r, lines, tally)?;
    Some(measure.filter(|_| has).and_then(|d| d.value(r)))
}

/// Row `r`'s measure cell as the pass uses it, tallied: `None` when the row
/// is left out (a bad cell, listed); `Some(false)` for a null (its line
/// listed) or when the view has no measure; `Some(true)` for a value
/// (approximate ones used and their lines listed). Rows that count towards
/// the result are counted used.
#[inline]
pub(super) fn measure_state(
    measure: Option<&MeasureData>,
    r: usize,
    lines: &[u64],
    tally: &mut Tally,
) -> Option<bool> {
    let Some(d) = measure else {
        tally.used += 1;
        return Some(false);
    };
    let line = || lines.get(r).copied().unwrap_or(0);
    match d.states.get(r) {
        Some(CellState::Value) => {
            tally.used += 1;
            Some(true)
        }
        Some(CellState::Approx) => {
            tally.approx_lines.push(line());
            tally.used += 1;
            Some(true)
        }
        Some(CellState::Bad) => {
            tally.bad_rows.push(r);
            None
        }
        _ => {
            tally.null_lines.push(line());
            Some(false)
        }
    }
}

/// Whether row `r` passes every filter (a keep mask per key column, by code).
#[inline]
pub(super) fn kept(masks: &[(&[u32], &[bool])], r: usize) -> bool {
    masks.iter().all(|(codes, mask)| {
        codes
            .get(r)
            .and_then(|&c| mask.get(c as usize))
            .copied()
            .unwrap_or(false)
    })
}
