//! Sentences about the total: its span and periods, the average, its trend.

use crate::analyze::spec::{Aggregate, GrowthKind};
use rust_decimal::Decimal;

use super::view::{given, View};
use super::words::{capitalise, exact, list, mention, unsigned, Words};
use super::Lang;
use crate::analyze::result::Figure;
use crate::cell::{Grain, Period};

pub(super) fn span_total(w: &Words<'_>, v: &View<'_>, additive: bool) -> Option<String> {
    let t = v.total.total?;
    let noun = w.noun();
    let scope = w.scope();
    let agg_zh = match w.r.spec.aggregate {
        Aggregate::Mean => "平均值为",
        Aggregate::Min => "最小值为",
        Aggregate::Max => "最大值为",
        Aggregate::Distinct => "不同值个数为",
        _ => "合计",
    };
    let agg_en = match w.r.spec.aggregate {
        Aggregate::Mean => "averaged",
        Aggregate::Min => "were at least",
        Aggregate::Max => "were at most",
        Aggregate::Distinct => "had this many distinct values:",
        _ => "totalled",
    };
    let span = match (v.periods.first(), v.periods.last()) {
        (Some(a), Some(b)) if a != b => Some((w.period(*a), w.period(*b))),
        (Some(a), _) => Some((w.period(*a), w.period(*a))),
        _ => None,
    };
    let per: Vec<(String, &Figure)> = v
        .total
        .values
        .iter()
        .zip(&v.periods)
        .filter_map(|(f, p)| f.map(|f| (w.period(*p), f)))
        .collect();
    let shown: Vec<&(String, &Figure)> = if additive && per.len() >= 2 {
        mention(per.len(), 8)
            .into_iter()
            .filter_map(|i| per.get(i))
            .collect()
    } else {
        Vec::new()
    };
    if w.zh() {
        let head = match &span {
            Some((a, b)) if a != b => format!("{a}至{b}，"),
            Some((a, _)) => format!("{a}，"),
            None => String::new(),
        };
        let mut s = format!("{head}{noun}{scope}{agg_zh}{}", w.amt(t));
        if !shown.is_empty() {
            let items: Vec<String> = shown
                .iter()
                .map(|(p, f)| format!("{p}{}", w.amt(f)))
                .collect();
            let joined = if shown.len() == per.len() {
                items.join("、")
            } else {
                items.join("，")
            };
            s.push_str(&format!("，其中{joined}"));
        }
        s.push('。');
        Some(s)
    } else {
        let head = match &span {
            Some((a, b)) if a != b => format!("From {a} to {b}, "),
            Some((a, _)) => format!("In {a}, "),
            None => String::new(),
        };
        let subject = if head.is_empty() {
            capitalise(&noun)
        } else {
            noun
        };
        let mut s = format!("{head}{subject}{scope} {agg_en} {}", w.amt(t));
        if !shown.is_empty() {
            let items: Vec<String> = shown
                .iter()
                .map(|(p, f)| format!("{} in {p}", w.amt(f)))
                .collect();
            s.push_str(&format!(": {}", list(&items, Lang::En)));
        }
        s.push('.');
        Some(s)
    }
}

pub(super) fn average(w: &Words<'_>, v: &View<'_>) -> Option<String> {
    if w.r.spec.growth != GrowthKind::Average || v.periods.is_empty() {
        return None;
    }
    let a = v.total.summary?;
    Some(match (w.zh(), w.grain(v)) {
        (true, Grain::Year) => format!("平均每年{}。", w.amt(a)),
        (true, Grain::Quarter) => format!("平均每季度{}。", w.amt(a)),
        (true, Grain::Month) => format!("平均每月{}。", w.amt(a)),
        (false, g) => format!(
            "That is {} per {} on average.",
            w.amt(a),
            match g {
                Grain::Year => "year",
                Grain::Quarter => "quarter",
                Grain::Month => "month",
            }
        ),
    })
}

/// 同比 for years, 环比 for quarters and months.
pub(super) fn versus(w: &Words<'_>, v: &View<'_>) -> &'static str {
    match (w.zh(), w.grain(v)) {
        (true, Grain::Year) => "同比",
        (true, _) => "环比",
        (false, Grain::Year) => "year on year",
        (false, Grain::Quarter) => "on the previous quarter",
        (false, Grain::Month) => "on the previous month",
    }
}

pub(super) fn trend(w: &Words<'_>, v: &View<'_>) -> Option<String> {
    let growth = w.r.spec.growth;
    match growth {
        GrowthKind::Rate | GrowthKind::Change => {
            let mut zh = Vec::new();
            let mut en = Vec::new();
            for (p, g) in v.periods.iter().zip(&v.total.growth).skip(1) {
                let Some(g) = given(*g) else { continue };
                let Some(e) = exact(g) else { continue };
                let p = w.period(*p);
                let x = if growth == GrowthKind::Rate {
                    unsigned(g).to_string()
                } else {
                    w.amt_text(unsigned(g))
                };
                if e.is_zero() {
                    zh.push(format!("{p}与上期持平"));
                    en.push(format!("was flat in {p}"));
                } else if e > Decimal::ZERO {
                    zh.push(format!(
                        "{p}{}{}{x}",
                        versus(w, v),
                        if growth == GrowthKind::Rate {
                            "增长"
                        } else {
                            "增加"
                        }
                    ));
                    en.push(format!(
                        "{} {x} in {p}",
                        if growth == GrowthKind::Rate {
                            "rose"
                        } else {
                            "grew by"
                        }
                    ));
                } else {
                    zh.push(format!(
                        "{p}{}{}{x}",
                        versus(w, v),
                        if growth == GrowthKind::Rate {
                            "下降"
                        } else {
                            "减少"
                        }
                    ));
                    en.push(format!(
                        "{} {x} in {p}",
                        if growth == GrowthKind::Rate {
                            "fell"
                        } else {
                            "fell by"
                        }
                    ));
                }
            }
            if zh.is_empty() {
                return None;
            }
            Some(if w.zh() {
                format!("从变化看，{}。", zh.join("，"))
            } else {
                format!("The total {} ({}).", list(&en, Lang::En), versus(w, v))
            })
        }
        GrowthKind::Cagr => {
            let c = v.total.summary?;
            let fastest = v
                .cats
                .iter()
                .filter_map(|s| s.summary.and_then(|f| exact(f).map(|e| (e, s.label, f))))
                .max_by(|x, y| x.0.cmp(&y.0))
                .filter(|_| v.cats.len() >= 2);
            Some(if w.zh() {
                let mut s = format!("年均增长率为{}", c.text);
                if let Some((_, label, f)) = fastest {
                    s.push_str(&format!("，其中{label}最高，为{}", f.text));
                }
                s.push('。');
                s
            } else {
                let (a, b) = (v.periods.first()?, v.periods.last()?);
                let mut s = format!(
                    "The compound annual growth rate from {} to {} was {}",
                    w.period(*a),
                    w.period(*b),
                    c.text
                );
                if let Some((_, label, f)) = fastest {
                    s.push_str(&format!("; {label} grew fastest, at {}", f.text));
                }
                s.push('.');
                s
            })
        }
        GrowthKind::Index => {
            let last = v.periods.last()?;
            let g = given(*v.total.growth.last()?)?;
            let base =
                w.r.spec
                    .base_period
                    .as_deref()
                    .and_then(Period::parse_label)
                    .or_else(|| v.periods.first().copied())?;
            Some(if w.zh() {
                format!(
                    "以{}为基期，{}的定基指数为{}。",
                    w.period(base),
                    w.period(*last),
                    g.text
                )
            } else {
                format!(
                    "With {} as the base, the index for {} is {}.",
                    w.period(base),
                    w.period(*last),
                    g.text
                )
            })
        }
        _ => None,
    }
}
