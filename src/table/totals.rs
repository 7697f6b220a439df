//! The sheet's own total rows (合计 / 总计 / 小计 / Total …): set aside at
//! load, never summed again, and checked against the rows they cover.
//!
//! Which rows a total row covers:
//! - its other key cells, where filled, must match (a `2020, 合计` row covers
//!   the 2020 rows); such a row covers all matching rows of the file;
//! - a row with no other key cell covers a block: a 小计 the rows since the
//!   previous total row of any level, a 合计 the rows since the previous
//!   合计; a total row that stands before its block (at the top) covers the
//!   rows after it, up to the next total row of that level.

use crate::message::Texts;
use rust_decimal::Decimal;

use super::{ColumnData, MeasureKind, Table, Warning};
use crate::cell::{TotalLevel, Unit};
use crate::format;
use crate::limits;

/// One total row of the sheet.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TotalRow {
    /// 1-based line.
    pub line: u64,
    /// The marker as written: 合计, 小计, Total …
    pub marker: String,
    /// Grand total or subtotal.
    pub level: TotalLevel,
    /// Its other filled key cells: (column index, key code).
    pub keys: Vec<(usize, u32)>,
    /// Stated value per measure column: (column index, value in the table's
    /// storage unit, raw text).
    pub stated: Vec<(usize, Option<Decimal>, String)>,
    /// Number of data rows loaded before it.
    pub position: usize,
}

/// A reconciliation result: a stated total against the computed sum.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Finding {
    /// `total_mismatch` or `total_ok`.
    pub code: &'static str,
    /// `error`, `warning` or `info`.
    pub severity: &'static str,
    /// Line of the total row.
    pub line: u64,
    /// The measure column checked.
    pub column: String,
    /// Stated value, in the column's unit.
    #[serde(serialize_with = "crate::format::serialize_plain")]
    pub stated: Decimal,
    /// Sum of the covered rows, in the column's unit.
    #[serde(serialize_with = "crate::format::serialize_plain")]
    pub computed: Decimal,
    /// stated − computed.
    #[serde(serialize_with = "crate::format::serialize_plain")]
    pub difference: Decimal,
    /// The column's unit label.
    pub unit: Option<&'static str>,
    /// Lines of the covered rows.
    pub covered_lines: Vec<u64>,
    /// Its words (zh-CN, zh-TW, en).
    #[serde(flatten)]
    pub text: Texts,
}

/// Which rows each total row covers, worked out once for all of them (one
/// pass each way over the total rows), so that asking for many total rows is
/// not quadratic.
pub struct Coverage {
    bounds: Vec<(usize, usize)>,
    at: std::collections::HashMap<u64, usize>,
}

impl Coverage {
    /// The coverage of every total row of `table`.
    pub(crate) fn new(table: &Table) -> Coverage {
        let at = table
            .total_rows
            .iter()
            .enumerate()
            .map(|(k, t)| (t.line, k))
            .rev() // the first total row of a line wins
            .collect();
        Coverage {
            bounds: block_bounds(table),
            at,
        }
    }

    /// The total row of a file line.
    pub(crate) fn total_at<'t>(&self, table: &'t Table, line: u64) -> Option<&'t TotalRow> {
        self.at.get(&line).and_then(|&k| table.total_rows.get(k))
    }

    /// Rows (indices) a total row covers.
    pub(crate) fn rows(&self, table: &Table, t: &TotalRow) -> Vec<usize> {
        let bounds = self.at.get(&t.line).and_then(|&k| self.bounds.get(k));
        covered_within(table, t, bounds.copied())
    }
}

/// For each total row, the positions of the nearest total rows without other
/// keys before and after it (of any level for a 小计, of the 合计 level for a
/// 合计): one pass each way, so that a sheet of many total rows is not read
/// once per total row.
fn block_bounds(table: &Table) -> Vec<(usize, usize)> {
    let rows = &table.total_rows;
    let mut out = vec![(0, table.len()); rows.len()];
    let nearest = |seen: (Option<usize>, Option<usize>), t: &TotalRow| match t.level {
        TotalLevel::Sub => seen.0,
        TotalLevel::Grand => seen.1,
    };
    let see = |seen: &mut (Option<usize>, Option<usize>), t: &TotalRow| {
        if t.keys.is_empty() {
            seen.0 = Some(t.position);
            if t.level == TotalLevel::Grand {
                seen.1 = Some(t.position);
            }
        }
    };
    let mut seen = (None, None);
    for (t, b) in rows.iter().zip(out.iter_mut()) {
        b.0 = nearest(seen, t).unwrap_or(0);
        see(&mut seen, t);
    }
    let mut seen = (None, None);
    for (t, b) in rows.iter().zip(out.iter_mut()).rev() {
        b.1 = nearest(seen, t).unwrap_or(table.len());
        see(&mut seen, t);
    }
    out
}

/// Rows a total row covers, its block bounds known.
fn covered_within(table: &Table, t: &TotalRow, bounds: Option<(usize, usize)>) -> Vec<usize> {
    let codes_of = |col: usize| match table.columns.get(col).map(|c| &c.data) {
        Some(ColumnData::Keys { codes, .. }) => Some(codes),
        _ => None,
    };
    let matches = |row: usize| {
        t.keys.iter().all(|&(col, code)| {
            codes_of(col)
                .and_then(|c| c.get(row))
                .is_some_and(|&v| v == code)
        })
    };
    if !t.keys.is_empty() {
        return (0..table.len()).filter(|&r| matches(r)).collect();
    }
    let (before, after) = bounds.unwrap_or((0, table.len()));
    if t.position > before {
        (before..t.position).collect()
    } else {
        (t.position..after).collect()
    }
}

/// Checks every stated total against the sum of the rows it covers. The
/// work is bounded (rows read and lines listed, [`limits::MAX_TOTALS_WORK`]): a
/// sheet with more total rows than that allows gets a `totals_unchecked`
/// warning for the rest, which are still set aside, never added again.
pub(crate) fn reconcile(table: &Table) -> (Vec<Finding>, Option<Warning>) {
    let mut out = Vec::new();
    let bounds = block_bounds(table);
    let mut work = 0usize;
    for (k, t) in table.total_rows.iter().enumerate() {
        let rows_read = if t.keys.is_empty() {
            let (b, a) = bounds.get(k).copied().unwrap_or((0, table.len()));
            a.saturating_sub(b)
        } else {
            table.len()
        };
        work = work.saturating_add(rows_read.saturating_mul(t.stated.len().max(1)));
        if work > limits::MAX_TOTALS_WORK {
            let n = table.total_rows.len() - k;
            return (
                out,
                Some(Warning {
                    code: "totals_unchecked",
                    text: Texts::new(format!("表内合计、小计行太多：从第 {} 行起的 {n} 行没有与明细核对（它们仍不重复相加）", t.line), format!("too many total rows to check them all: the {n} from line {} on were not checked against the rows (they are still not added again)", t.line)),
                    line: Some(t.line),
                }),
            );
        }
        let rows = covered_within(table, t, bounds.get(k).copied());
        let lines: Vec<u64> = rows
            .iter()
            .filter_map(|&r| table.lines.get(r).copied())
            .collect();
        for (col, stated, raw) in &t.stated {
            let (Some(column), Some(stated)) = (table.columns.get(*col), stated) else {
                continue;
            };
            let ColumnData::Measure(data) = &column.data else {
                continue;
            };
            let mut sum = Some(Decimal::ZERO);
            let mut any = false;
            for &r in &rows {
                if let (Some(v), Some(s)) = (data.value(r), data.states.get(r)) {
                    if matches!(s, super::CellState::Value | super::CellState::Approx) {
                        sum = sum.and_then(|s| s.checked_add(v));
                        any = true;
                    }
                }
            }
            // A sum beyond the decimal range cannot be checked exactly.
            let Some(sum) = sum else { continue };
            if !any && raw.is_empty() {
                continue;
            }
            let factor = match (column.kind, column.unit) {
                (Some(MeasureKind::Money), Some(Unit::Money(u))) => u.factor(),
                _ => Decimal::ONE,
            };
            let shown = |v: Decimal| v.checked_div(factor).unwrap_or(v).normalize();
            let (stated_u, computed_u) = (shown(*stated), shown(sum));
            let difference = (stated_u - computed_u).normalize();
            let unit = column.unit.map(|u| u.label());
            let u = unit.unwrap_or("");
            let lines = lines.clone();
            let name = &column.name;
            let (code, severity, zh, en) = if difference.is_zero() {
                (
                    "total_ok",
                    "info",
                    format!(
                        "第 {} 行“{}”的“{name}” {}{u} 与所含 {} 行之和相符",
                        t.line,
                        t.marker,
                        format::plain(stated_u),
                        lines.len()
                    ),
                    format!(
                        "line {} \"{}\": {name} {}{u} matches the sum of its {} rows",
                        t.line,
                        t.marker,
                        format::plain(stated_u),
                        lines.len()
                    ),
                )
            } else {
                (
                    "total_mismatch",
                    "warning",
                    format!(
                        "第 {} 行“{}”的“{name}”写作 {}{u}，所含 {} 行之和为 {}{u}，相差 {}{u}",
                        t.line,
                        t.marker,
                        format::plain(stated_u),
                        lines.len(),
                        format::plain(computed_u),
                        format::plain(difference)
                    ),
                    format!(
                        "line {} \"{}\": {name} is stated as {}{u} but its {} rows add up to {}{u}, a difference of {}{u}",
                        t.line,
                        t.marker,
                        format::plain(stated_u),
                        lines.len(),
                        format::plain(computed_u),
                        format::plain(difference)
                    ),
                )
            };
            out.push(Finding {
                code,
                severity,
                line: t.line,
                column: name.clone(),
                stated: stated_u,
                computed: computed_u,
                difference,
                unit,
                covered_lines: lines,
                text: Texts::new(zh, en),
            });
        }
    }
    (out, None)
}
