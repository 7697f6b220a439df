//! What a result shows, read back as series: the total over the periods and
//! one series per category, each figure a reference to the result's own
//! [`Figure`] (so the paragraph can only quote what the table shows).
//!
//! Shapes understood (any other gives the total only):
//! - **period across**: `columns` is the period; the categories are the rows
//!   one level below the grand total (data rows, or the subtotals of the
//!   first row dimension);
//! - **period down**: `rows` is `[period]`, with no `columns`, or with a
//!   category dimension as `columns` (the categories are then the columns);
//! - **no period**: the categories are the rows one level below the grand
//!   total (or the columns, when there are no rows).

use crate::analyze::result::{AnalysisResult, Figure, ResultRow};
use crate::analyze::spec::ShareKind;
use crate::cell::Period;

/// One series: a category, or the total.
#[derive(Debug, Default)]
pub struct Series<'r> {
    /// The category's label.
    pub label: &'r str,
    /// Value per period (`None`: no cell, or no value).
    pub values: Vec<Option<&'r Figure>>,
    /// Growth per period, when the view has a per-cell growth.
    pub growth: Vec<Option<&'r Figure>>,
    /// Share of that period's total, per period, when the view's share means that.
    pub period_shares: Vec<Option<&'r Figure>>,
    /// Total over the view.
    pub total: Option<&'r Figure>,
    /// Share of the grand total, when the view's share means that.
    pub share: Option<&'r Figure>,
    /// CAGR or average over the periods, when asked for.
    pub summary: Option<&'r Figure>,
}

/// Where the period is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PeriodAt {
    /// `columns` is the period.
    Across,
    /// `rows` is `[period]`.
    Down,
    /// No period.
    Nowhere,
}

/// A result read back as series.
#[derive(Debug)]
pub struct View<'r> {
    /// Where the period is.
    pub at: PeriodAt,
    /// The periods, in order.
    pub periods: Vec<Period>,
    /// The total series.
    pub total: Series<'r>,
    /// The categories.
    pub cats: Vec<Series<'r>>,
    /// The dimension the categories are of.
    pub cat_dim: Option<&'r str>,
}

/// The figure when it holds a value.
pub(crate) fn given(f: Option<&Figure>) -> Option<&Figure> {
    f.filter(|f| f.exact.is_some())
}

fn value_of(row: &ResultRow, i: usize) -> Option<&Figure> {
    given(row.cells.get(i).map(|c| &c.value))
}

fn share_of(row: &ResultRow, i: usize) -> Option<&Figure> {
    given(row.cells.get(i).and_then(|c| c.share.as_ref()))
}

fn growth_of(row: &ResultRow, i: usize) -> Option<&Figure> {
    row.cells.get(i).and_then(|c| c.growth.as_ref())
}

fn key0(row: &ResultRow) -> &str {
    row.keys
        .first()
        .and_then(|k| k.as_deref())
        .unwrap_or(row.label.as_str())
}

/// A row of a view with the period across, as a series.
fn across<'r>(
    row: &'r ResultRow,
    value_cols: &[usize],
    total_col: Option<usize>,
    share: ShareKind,
) -> Series<'r> {
    Series {
        label: key0(row),
        values: value_cols.iter().map(|&i| value_of(row, i)).collect(),
        growth: value_cols.iter().map(|&i| growth_of(row, i)).collect(),
        period_shares: value_cols
            .iter()
            .map(|&i| {
                share_of(row, i).filter(|_| matches!(share, ShareKind::Column | ShareKind::Parent))
            })
            .collect(),
        total: total_col.and_then(|t| value_of(row, t)),
        share: total_col.and_then(|t| share_of(row, t)).filter(|_| {
            matches!(
                share,
                ShareKind::Grand | ShareKind::Column | ShareKind::Parent
            )
        }),
        summary: given(row.summary.as_ref()),
    }
}

/// Reads a result back as series.
pub(crate) fn read<'r>(r: &'r AnalysisResult) -> View<'r> {
    let value_cols: Vec<usize> = (0..r.columns.len())
        .filter(|&i| r.columns.get(i).is_some_and(|c| c.kind == "value"))
        .collect();
    let total_col = r.columns.iter().position(|c| c.kind == "total");
    let share = r.spec.share;
    let root = r.rows.iter().find(|x| x.kind == "total" && x.level == 0);
    let depth = r.row_dims.len();
    let level_one: Vec<&ResultRow> = r
        .rows
        .iter()
        .filter(|x| x.level == 1 && x.kind == if depth == 1 { "data" } else { "subtotal" })
        .collect();
    let col_periods: Option<Vec<Period>> = value_cols
        .iter()
        .map(|&i| r.columns.get(i).and_then(|c| Period::parse_label(&c.label)))
        .collect();
    let row_periods: Option<Vec<Period>> = if depth == 1 {
        level_one
            .iter()
            .map(|x| Period::parse_label(key0(x)))
            .collect()
    } else {
        None
    };

    match (col_periods, row_periods) {
        (Some(periods), _) if r.col_dim.is_some() && !periods.is_empty() => {
            // Period across: one series per row.
            let series = |row: &'r ResultRow| across(row, &value_cols, total_col, share);
            let mut total = root.map(series).unwrap_or_default();
            total.label = "合计";
            View {
                at: PeriodAt::Across,
                periods,
                total,
                cats: level_one.iter().map(|x| series(x)).collect(),
                cat_dim: r.row_dims.first().map(String::as_str),
            }
        }
        (_, Some(periods)) if !periods.is_empty() => {
            // Period down: the total per period is the row's total column
            // (or its only column); categories are the columns.
            let tc = if r.col_dim.is_some() {
                total_col
            } else {
                value_cols.first().copied()
            };
            let total = Series {
                label: "合计",
                values: level_one
                    .iter()
                    .map(|x| tc.and_then(|t| value_of(x, t)))
                    .collect(),
                growth: level_one
                    .iter()
                    .map(|x| tc.and_then(|t| growth_of(x, t)))
                    .collect(),
                period_shares: Vec::new(),
                total: root.and_then(|x| tc.and_then(|t| value_of(x, t))),
                share: None,
                summary: root.and_then(|x| given(x.summary.as_ref())),
            };
            let cats = if r.col_dim.is_some() {
                value_cols
                    .iter()
                    .map(|&j| Series {
                        label: r.columns.get(j).map_or("", |c| c.label.as_str()),
                        values: level_one.iter().map(|x| value_of(x, j)).collect(),
                        growth: level_one.iter().map(|x| growth_of(x, j)).collect(),
                        period_shares: level_one
                            .iter()
                            .map(|x| share_of(x, j).filter(|_| share == ShareKind::Row))
                            .collect(),
                        total: root.and_then(|x| value_of(x, j)),
                        share: root
                            .and_then(|x| share_of(x, j))
                            .filter(|_| matches!(share, ShareKind::Row | ShareKind::Grand)),
                        summary: None,
                    })
                    .collect()
            } else {
                Vec::new()
            };
            View {
                at: PeriodAt::Down,
                periods,
                total,
                cats,
                cat_dim: r.col_dim.as_deref(),
            }
        }
        _ => {
            // No period: totals per category.
            let tc = total_col.or_else(|| value_cols.first().copied());
            let total = Series {
                label: "合计",
                total: root.and_then(|x| tc.and_then(|t| value_of(x, t))),
                ..Series::default()
            };
            let (cats, cat_dim) = if depth >= 1 {
                let shared = matches!(
                    share,
                    ShareKind::Grand | ShareKind::Column | ShareKind::Parent
                );
                (
                    level_one
                        .iter()
                        .map(|x| Series {
                            label: key0(x),
                            total: tc.and_then(|t| value_of(x, t)),
                            share: tc.and_then(|t| share_of(x, t)).filter(|_| shared),
                            ..Series::default()
                        })
                        .collect(),
                    r.row_dims.first().map(String::as_str),
                )
            } else {
                (
                    value_cols
                        .iter()
                        .map(|&j| Series {
                            label: r.columns.get(j).map_or("", |c| c.label.as_str()),
                            total: root.and_then(|x| value_of(x, j)),
                            share: root
                                .and_then(|x| share_of(x, j))
                                .filter(|_| matches!(share, ShareKind::Row | ShareKind::Grand)),
                            ..Series::default()
                        })
                        .collect(),
                    r.col_dim.as_deref(),
                )
            };
            View {
                at: PeriodAt::Nowhere,
                periods: Vec::new(),
                total,
                cats: if r.col_dim.is_some() || depth >= 1 {
                    cats
                } else {
                    Vec::new()
                },
                cat_dim,
            }
        }
    }
}
