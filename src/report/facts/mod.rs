//! The facts stage: what the paragraph says, chosen from a result and in the
//! paragraph's order, before any language phrases it.
//!
//! A fact holds the result's own [`Figure`]s, labels, periods, and counts and
//! line numbers from its diagnostics; it never holds a number of its own
//! making. Whatever compares figures (the largest category, the largest rise,
//! more than half) compares their `exact` values here, so the phrasings only
//! word what was chosen.

mod categories;
mod patterns;
mod totals;

use std::str::FromStr;

use rust_decimal::Decimal;

use super::view;
use super::words::Words;
use crate::analyze::result::{AnalysisResult, Figure};
use crate::analyze::spec::Aggregate;
use crate::cell::{Grain, Period};

/// One sentence of the paragraph, as facts.
#[derive(Debug)]
pub(crate) enum Fact<'r> {
    /// The unit of money, which the English names once ahead (the Chinese
    /// writes it after every amount).
    Unit(&'r str),
    /// The span and the grand total, and the total per period.
    Total(Total<'r>),
    /// The average per period.
    Average(Average<'r>),
    /// The total's rate or change from one period to the next.
    Changes(Changes<'r>),
    /// The compound annual growth rate, and the category that grew fastest.
    Cagr(Cagr<'r>),
    /// The fixed-base index of the last period.
    Index(Index<'r>),
    /// The largest categories and their shares.
    Largest(Largest<'r>),
    /// The largest category of each period and its share.
    Leaders(Vec<Lead<'r>>),
    /// The largest rise and the largest fall of a category.
    RiseFall(RiseFall<'r>),
    /// Series that rose, fell or stayed flat every period; categories that
    /// start late or stop.
    Patterns(Patterns<'r>),
    /// What the reader should know about the data.
    Caveats(Caveats<'r>),
}

/// The span and the grand total.
#[derive(Debug)]
pub(crate) struct Total<'r> {
    /// The first and last period (the same when there is one), when the view has periods.
    pub(crate) span: Option<(Period, Period)>,
    /// How the figures aggregate (a sum, a mean…).
    pub(crate) aggregate: Aggregate,
    /// The grand total.
    pub(crate) total: &'r Figure,
    /// The totals of the periods to name (none when not worth naming).
    pub(crate) per_period: Vec<(Period, &'r Figure)>,
    /// Some periods between the first and the last were left unnamed.
    pub(crate) elided: bool,
}

/// The average per period.
#[derive(Debug)]
pub(crate) struct Average<'r> {
    /// The periods' step.
    pub(crate) grain: Grain,
    /// The average.
    pub(crate) average: &'r Figure,
}

/// Which way a figure moved.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Way {
    /// It rose.
    Up,
    /// It fell.
    Down,
    /// It stayed the same.
    Flat,
}

/// One period's move of the total.
#[derive(Debug)]
pub(crate) struct Step<'r> {
    /// The period.
    pub(crate) period: Period,
    /// Which way the total moved.
    pub(crate) way: Way,
    /// The rate or change, as the result shows it (signed).
    pub(crate) growth: &'r Figure,
}

/// The total's rate or change from period to period.
#[derive(Debug)]
pub(crate) struct Changes<'r> {
    /// A rate (%) rather than a change (an amount).
    pub(crate) rate: bool,
    /// The periods' step.
    pub(crate) grain: Grain,
    /// The moves, in period order (never empty).
    pub(crate) steps: Vec<Step<'r>>,
}

/// The compound annual growth rate.
#[derive(Debug)]
pub(crate) struct Cagr<'r> {
    /// The first and last period, when the view has periods.
    pub(crate) span: Option<(Period, Period)>,
    /// The total's rate.
    pub(crate) rate: &'r Figure,
    /// The category with the highest rate, and its rate (of two or more).
    pub(crate) fastest: Option<(&'r str, &'r Figure)>,
}

/// The fixed-base index of the last period.
#[derive(Debug)]
pub(crate) struct Index<'r> {
    /// The base period.
    pub(crate) base: Period,
    /// The last period.
    pub(crate) last: Period,
    /// Its index.
    pub(crate) index: &'r Figure,
}

/// A category with its total and share.
#[derive(Debug)]
pub(crate) struct Ranked<'r> {
    /// The category.
    pub(crate) label: &'r str,
    /// Its total.
    pub(crate) total: &'r Figure,
    /// Its share of the grand total, when the view gives it.
    pub(crate) share: Option<&'r Figure>,
}

/// The largest categories.
#[derive(Debug)]
pub(crate) struct Largest<'r> {
    /// The dimension the categories are of.
    pub(crate) dim: &'r str,
    /// The largest.
    pub(crate) first: Ranked<'r>,
    /// Its share is more than half.
    pub(crate) over_half: bool,
    /// The next largest (one or two).
    pub(crate) rest: Vec<Ranked<'r>>,
}

/// The largest category of one period.
#[derive(Debug)]
pub(crate) struct Lead<'r> {
    /// The period.
    pub(crate) period: Period,
    /// The period's total.
    pub(crate) total: &'r Figure,
    /// The category.
    pub(crate) label: &'r str,
    /// Its value in the period.
    pub(crate) value: &'r Figure,
    /// Its share of the period's total.
    pub(crate) share: &'r Figure,
}

/// A category's move in one period.
#[derive(Debug)]
pub(crate) struct Move<'r> {
    /// The category.
    pub(crate) label: &'r str,
    /// The period.
    pub(crate) period: Period,
    /// The rate or change, as the result shows it (signed).
    pub(crate) growth: &'r Figure,
}

/// The largest rise and fall (at least one of them).
#[derive(Debug)]
pub(crate) struct RiseFall<'r> {
    /// Rates (%) rather than changes (amounts).
    pub(crate) rate: bool,
    /// The largest rise.
    pub(crate) rise: Option<Move<'r>>,
    /// The largest fall.
    pub(crate) fall: Option<Move<'r>>,
}

/// A series that moved the same way every period.
#[derive(Debug)]
pub(crate) enum Steady<'r> {
    /// It rose (or fell) every period.
    Moved {
        /// The category.
        label: &'r str,
        /// It rose rather than fell.
        rose: bool,
        /// Its values: all of them, or the first and the last when `elided`.
        path: Vec<&'r Figure>,
        /// The values between the first and the last are left out.
        elided: bool,
    },
    /// It was the same every period.
    Flat {
        /// The category.
        label: &'r str,
        /// Its value.
        value: &'r Figure,
    },
}

/// Patterns of the categories (at least one of them).
#[derive(Debug)]
pub(crate) struct Patterns<'r> {
    /// The periods' step.
    pub(crate) grain: Grain,
    /// Series that rose, fell or stayed flat every period (up to three).
    pub(crate) steady: Vec<Steady<'r>>,
    /// Categories with no figure before a period, and that period (up to three).
    pub(crate) late: Vec<(&'r str, Period)>,
    /// Categories with no figure in the last period, and that period.
    pub(crate) stopped: Option<(Vec<&'r str>, Period)>,
}

/// Caveats about the data (at least one of them).
#[derive(Debug)]
pub(crate) struct Caveats<'r> {
    /// Approximate values: how many, and their lines.
    pub(crate) approximate: Option<(usize, &'r [u64])>,
    /// The sheet's own total rows, and how many of them disagree with the rows they cover.
    pub(crate) total_rows: Option<(usize, usize)>,
    /// The lines of rows set aside for an unreadable cell.
    pub(crate) unreadable: Vec<u64>,
    /// Rows with no value.
    pub(crate) nulls: usize,
    /// Rows left out by the filters.
    pub(crate) filtered_out: usize,
}

/// The exact value of a figure.
pub(super) fn exact(f: &Figure) -> Option<Decimal> {
    f.exact.as_deref().and_then(|e| Decimal::from_str(e).ok())
}

/// The facts of a result, in paragraph order.
pub(crate) fn facts(result: &AnalysisResult) -> Vec<Fact<'_>> {
    let w = Words::new(result);
    let v = view::read(result);
    let additive = result.spec.aggregate.is_additive();
    let mut out: Vec<Fact<'_>> = Vec::new();
    if w.money && !w.unit.is_empty() {
        out.push(Fact::Unit(w.unit));
    }
    out.extend(totals::total(result, &v, additive).map(Fact::Total));
    if additive {
        out.extend(totals::average(result, &v).map(Fact::Average));
        out.extend(totals::trend(result, &v));
        // Different indicators (亿元 beside 万人) have no largest or leader:
        // their levels are not comparable, only their rates.
        let mixed = result.rows.iter().any(|r| {
            r.cells
                .iter()
                .any(|c| c.value.reason == Some("mixed_indicators"))
        });
        if !mixed {
            out.extend(categories::largest(&v).map(Fact::Largest));
            out.extend(categories::leaders(&v).map(Fact::Leaders));
        }
        out.extend(categories::rise_fall(result, &v).map(Fact::RiseFall));
        out.extend(patterns::patterns(&v).map(Fact::Patterns));
    }
    out.extend(patterns::caveats(result).map(Fact::Caveats));
    out
}

/// The step of a view's periods (years when it has none).
fn grain(v: &view::View<'_>) -> Grain {
    v.periods.first().map_or(Grain::Year, |p| p.grain())
}

/// Indices to mention: all when few, else the first and the last.
fn mention(n: usize, few: usize) -> Vec<usize> {
    if n <= few {
        (0..n).collect()
    } else {
        vec![0, n - 1]
    }
}
