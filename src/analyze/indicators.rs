//! Indicators down the side (a table's `indicators` column: each row a
//! different indicator with its unit in its label). Figures of different
//! indicators are never added: a view that would add them is refused, and a
//! view that lists them leaves the totals and shares across them empty
//! (reason `mixed_indicators`). Growth, CAGR and totals over the periods of
//! one indicator are computed as usual.

use super::result::{AnalysisResult, Figure};
use super::spec::ShareKind;
use crate::error::{Error, ErrorCode, Result};
use crate::table::{ColumnData, Table};

/// Where the indicators are in a view.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Place {
    /// Down the side, at this level of the rows (0 is the outermost).
    Row(usize),
    /// Across the top.
    Column,
    /// Filtered to one indicator: nothing is added across indicators.
    One,
}

/// Where the view puts the table's indicators; an error when it would add
/// different indicators together (they are neither rows nor columns, and
/// the filters keep more than one).
pub(crate) fn place(
    table: &Table,
    row_cols: &[usize],
    col: Option<usize>,
    masks: &[(usize, Vec<bool>)],
) -> Result<Option<Place>> {
    let Some(ind) = table.indicators else {
        return Ok(None);
    };
    if let Some(level) = row_cols.iter().position(|&c| c == ind) {
        return Ok(Some(Place::Row(level)));
    }
    if col == Some(ind) {
        return Ok(Some(Place::Column));
    }
    let Some(c) = table.columns.get(ind) else {
        return Ok(None);
    };
    let ColumnData::Keys { keys, .. } = &c.data else {
        return Ok(None);
    };
    let kept = match masks.iter().find(|(i, _)| *i == ind) {
        Some((_, mask)) => mask.iter().filter(|k| **k).count(),
        None => keys.len(),
    };
    if kept <= 1 {
        return Ok(Some(Place::One));
    }
    Err(Error::new(
        ErrorCode::BadRequest,
        format!("“{}”列的每一行是一个不同的指标（单位各异），不能相加：请把“{}”放在行或列中，或用筛选只保留一个指标", c.name, c.name),
        format!("each row of \"{}\" is a different indicator (with its own unit), and they cannot be added: put \"{}\" in the rows or the columns, or filter to one indicator", c.name, c.name),
    ))
}

/// Empties what would add different indicators: the total and subtotal
/// rows above the indicators' level (or the total column, when they are
/// across the top), and every share across them.
pub(crate) fn guard(r: &mut AnalysisResult, place: Place, share: ShareKind) {
    let mixed = || Figure::empty("mixed_indicators");
    // A share within one indicator: across the periods of its row (Row) or
    // its column (Column). Any other share compares different indicators.
    let share_ok = matches!(
        (place, share),
        (Place::Row(_), ShareKind::Row) | (Place::Column, ShareKind::Column) | (Place::One, _)
    );
    let total_col: Vec<bool> = r.columns.iter().map(|c| c.kind == "total").collect();
    for row in &mut r.rows {
        let across = match place {
            Place::Row(level) => row.keys.get(level).is_none_or(Option::is_none),
            _ => false,
        };
        if across {
            row.summary = row.summary.as_ref().map(|_| mixed());
        }
        for (i, cell) in row.cells.iter_mut().enumerate() {
            let in_total_col = place == Place::Column && total_col.get(i).copied().unwrap_or(false);
            if across || in_total_col {
                cell.value = mixed();
                cell.growth = cell.growth.as_ref().map(|_| mixed());
            }
            if !share_ok || across || in_total_col {
                cell.share = cell.share.as_ref().map(|_| mixed());
            }
        }
    }
}
