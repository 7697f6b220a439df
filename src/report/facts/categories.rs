//! Facts about the categories: the largest, the leader of each period, the
//! largest rise and fall.

use rust_decimal::Decimal;

use super::{exact, mention, Largest, Lead, Move, Ranked, RiseFall};
use crate::analyze::result::{AnalysisResult, Figure};
use crate::analyze::spec::GrowthKind;
use crate::cell::Period;
use crate::report::view::{given, PeriodAt, Series, View};

/// The three largest categories by total, of two or more.
pub(super) fn largest<'r>(v: &View<'r>) -> Option<Largest<'r>> {
    let mut cats: Vec<(&Series<'r>, Decimal, &'r Figure)> = v
        .cats
        .iter()
        .filter_map(|s| s.total.and_then(|f| exact(f).map(|e| (s, e, f))))
        .collect();
    if cats.len() < 2 {
        return None;
    }
    crate::order::sort_by_key(&mut cats, |c| std::cmp::Reverse(c.1));
    let half = Decimal::from(50);
    let ranked = |(s, _, f): &(&Series<'r>, Decimal, &'r Figure)| Ranked {
        label: s.label,
        total: f,
        share: s.share,
    };
    let mut top = cats.iter().take(3).map(ranked);
    let first = top.next()?;
    let over_half = first
        .share
        .is_some_and(|sh| exact(sh).is_some_and(|e| e > half));
    Some(Largest {
        dim: v.cat_dim.unwrap_or(""),
        first,
        over_half,
        rest: top.collect(),
    })
}

/// The largest category of each period named (all up to six, else the first
/// and the last), where two or more categories have a figure and the view
/// gives the leader's share of the period.
pub(super) fn leaders<'r>(v: &View<'r>) -> Option<Vec<Lead<'r>>> {
    if v.cats.len() < 2 || v.at == PeriodAt::Nowhere {
        return None;
    }
    let mut out = Vec::new();
    for i in mention(v.periods.len(), 6) {
        let (Some(p), Some(Some(total))) = (v.periods.get(i), v.total.values.get(i)) else {
            continue;
        };
        let lead = v
            .cats
            .iter()
            .filter_map(|s| {
                let f = (*s.values.get(i)?)?;
                Some((exact(f)?, s, f))
            })
            .fold(
                None,
                |best: Option<(Decimal, &Series<'r>, &'r Figure)>, x| match best {
                    Some(b) if b.0 >= x.0 => Some(b),
                    _ => Some(x),
                },
            );
        let present = v
            .cats
            .iter()
            .filter(|s| s.values.get(i).is_some_and(Option::is_some))
            .count();
        let Some((_, s, f)) = lead.filter(|_| present >= 2) else {
            continue;
        };
        let Some(Some(sh)) = s.period_shares.get(i) else {
            continue;
        };
        out.push(Lead {
            period: *p,
            total,
            label: s.label,
            value: f,
            share: sh,
        });
    }
    (!out.is_empty()).then_some(out)
}

/// The largest rise and the largest fall of any category in any period.
pub(super) fn rise_fall<'r>(r: &AnalysisResult, v: &View<'r>) -> Option<RiseFall<'r>> {
    let growth = r.spec.growth;
    if !matches!(growth, GrowthKind::Rate | GrowthKind::Change) || v.cats.len() < 2 {
        return None;
    }
    let mut up: Option<(Decimal, &'r str, Period, &'r Figure)> = None;
    let mut down: Option<(Decimal, &'r str, Period, &'r Figure)> = None;
    for s in &v.cats {
        for (p, g) in v.periods.iter().zip(&s.growth) {
            let Some(g) = given(*g) else { continue };
            let Some(e) = exact(g) else { continue };
            if e > Decimal::ZERO && up.is_none_or(|u| e > u.0) {
                up = Some((e, s.label, *p, g));
            }
            if e < Decimal::ZERO && down.is_none_or(|d| e < d.0) {
                down = Some((e, s.label, *p, g));
            }
        }
    }
    if up.is_none() && down.is_none() {
        return None;
    }
    let moved = |(_, label, period, growth): (Decimal, &'r str, Period, &'r Figure)| Move {
        label,
        period,
        growth,
    };
    Some(RiseFall {
        rate: growth == GrowthKind::Rate,
        rise: up.map(moved),
        fall: down.map(moved),
    })
}
