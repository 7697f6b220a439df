//! Facts about the total: its span and periods, the average, its trend.

use rust_decimal::Decimal;

use super::{exact, grain, mention, Average, Cagr, Changes, Fact, Index, Step, Total, Way};
use crate::analyze::result::{AnalysisResult, Figure};
use crate::analyze::spec::GrowthKind;
use crate::cell::Period;
use crate::report::view::{given, View};

/// The first and last period (the same when there is one).
fn span(v: &View<'_>) -> Option<(Period, Period)> {
    match (v.periods.first(), v.periods.last()) {
        (Some(a), Some(b)) if a != b => Some((*a, *b)),
        (Some(a), _) => Some((*a, *a)),
        _ => None,
    }
}

/// The span and the grand total; the periods' totals when the aggregate adds
/// up and there are two or more (all of them up to eight, else the first and
/// the last).
pub(super) fn total<'r>(r: &AnalysisResult, v: &View<'r>, additive: bool) -> Option<Total<'r>> {
    let t = v.total.total?;
    let per: Vec<(Period, &Figure)> = v
        .total
        .values
        .iter()
        .zip(&v.periods)
        .filter_map(|(f, p)| f.map(|f| (*p, f)))
        .collect();
    let shown: Vec<(Period, &Figure)> = if additive && per.len() >= 2 {
        mention(per.len(), 8)
            .into_iter()
            .filter_map(|i| per.get(i).copied())
            .collect()
    } else {
        Vec::new()
    };
    Some(Total {
        span: span(v),
        aggregate: r.spec.aggregate,
        total: t,
        elided: shown.len() != per.len(),
        per_period: shown,
    })
}

/// The average per period, when asked for.
pub(super) fn average<'r>(r: &AnalysisResult, v: &View<'r>) -> Option<Average<'r>> {
    if r.spec.growth != GrowthKind::Average || v.periods.is_empty() {
        return None;
    }
    Some(Average {
        grain: grain(v),
        average: v.total.summary?,
    })
}

/// The trend of the total: its moves per period, its CAGR, or its index.
pub(super) fn trend<'r>(r: &AnalysisResult, v: &View<'r>) -> Option<Fact<'r>> {
    let growth = r.spec.growth;
    match growth {
        GrowthKind::Rate | GrowthKind::Change => {
            let mut steps = Vec::new();
            for (p, g) in v.periods.iter().zip(&v.total.growth).skip(1) {
                let Some(g) = given(*g) else { continue };
                let Some(e) = exact(g) else { continue };
                let way = if e.is_zero() {
                    Way::Flat
                } else if e > Decimal::ZERO {
                    Way::Up
                } else {
                    Way::Down
                };
                steps.push(Step {
                    period: *p,
                    way,
                    growth: g,
                });
            }
            if steps.is_empty() {
                return None;
            }
            Some(Fact::Changes(Changes {
                rate: growth == GrowthKind::Rate,
                grain: grain(v),
                steps,
            }))
        }
        GrowthKind::Cagr => {
            let c = v.total.summary?;
            let fastest = v
                .cats
                .iter()
                .filter_map(|s| s.summary.and_then(|f| exact(f).map(|e| (e, s.label, f))))
                .max_by(|x, y| x.0.cmp(&y.0))
                .filter(|_| v.cats.len() >= 2)
                .map(|(_, label, f)| (label, f));
            Some(Fact::Cagr(Cagr {
                span: span(v),
                rate: c,
                fastest,
            }))
        }
        GrowthKind::Index => {
            let last = v.periods.last()?;
            let g = given(*v.total.growth.last()?)?;
            let base = r
                .spec
                .base_period
                .as_deref()
                .and_then(Period::parse_label)
                .or_else(|| v.periods.first().copied())?;
            Some(Fact::Index(Index {
                base,
                last: *last,
                index: g,
            }))
        }
        _ => None,
    }
}
