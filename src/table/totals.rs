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

use rust_decimal::Decimal;

use super::{ColumnData, MeasureKind, Table};
use crate::cell::{TotalLevel, Unit};
use crate::format;

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
#[derive(Clone, Debug, PartialEq, Eq)]
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
    pub stated: Decimal,
    /// Sum of the covered rows, in the column's unit.
    pub computed: Decimal,
    /// stated − computed.
    pub difference: Decimal,
    /// The column's unit label.
    pub unit: Option<&'static str>,
    /// Lines of the covered rows.
    pub covered_lines: Vec<u64>,
    /// Message in Chinese.
    pub message_zh: String,
    /// Message in English.
    pub message_en: String,
}

/// Rows (indices) a total row covers.
pub fn covered_rows(table: &Table, t: &TotalRow) -> Vec<usize> {
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
    let bounds = |pred: &dyn Fn(&TotalRow) -> bool| -> (usize, usize) {
        let before = table
            .total_rows
            .iter()
            .filter(|o| o.line < t.line && o.keys.is_empty() && pred(o))
            .map(|o| o.position)
            .max()
            .unwrap_or(0);
        let after = table
            .total_rows
            .iter()
            .filter(|o| o.line > t.line && o.keys.is_empty() && pred(o))
            .map(|o| o.position)
            .min()
            .unwrap_or(table.len());
        (before, after)
    };
    let (before, after) = match t.level {
        TotalLevel::Sub => bounds(&|_| true),
        TotalLevel::Grand => bounds(&|o| o.level == TotalLevel::Grand),
    };
    if t.position > before {
        (before..t.position).collect()
    } else {
        (t.position..after).collect()
    }
}

/// Checks every stated total against the sum of the rows it covers.
pub fn reconcile(table: &Table) -> Vec<Finding> {
    let mut out = Vec::new();
    for t in &table.total_rows {
        let rows = covered_rows(table, t);
        for (col, stated, raw) in &t.stated {
            let (Some(column), Some(stated)) = (table.columns.get(*col), stated) else {
                continue;
            };
            let ColumnData::Measure(data) = &column.data else {
                continue;
            };
            let mut sum = Decimal::ZERO;
            let mut any = false;
            for &r in &rows {
                if let (Some(v), Some(s)) = (data.values.get(r), data.states.get(r)) {
                    if matches!(s, super::CellState::Value | super::CellState::Approx) {
                        sum = sum.checked_add(*v).unwrap_or(sum);
                        any = true;
                    }
                }
            }
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
            let lines: Vec<u64> = rows
                .iter()
                .filter_map(|&r| table.lines.get(r).copied())
                .collect();
            let name = &column.name;
            let (code, severity, zh, en) = if difference.is_zero() {
                (
                    "total_ok",
                    "info",
                    format!(
                        "第 {} 行“{}”的{name} {}{u} 与所含 {} 行之和相符",
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
                        "第 {} 行“{}”的{name}写作 {}{u}，所含 {} 行之和为 {}{u}，相差 {}{u}",
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
                message_zh: zh,
                message_en: en,
            });
        }
    }
    out
}
