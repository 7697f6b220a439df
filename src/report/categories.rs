//! Sentences about the categories: the largest, the leader of each period, the largest rise and fall.

use crate::analyze::spec::GrowthKind;
use rust_decimal::Decimal;

use super::view::{given, PeriodAt, Series, View};
use super::words::{capitalise, exact, list, mention, unsigned, Words};
use super::Lang;
use crate::analyze::result::Figure;
use crate::cell::Period;

pub(super) fn largest(w: &Words<'_>, v: &View<'_>) -> Option<String> {
    let mut cats: Vec<(&Series<'_>, Decimal, &Figure)> = v
        .cats
        .iter()
        .filter_map(|s| s.total.and_then(|f| exact(f).map(|e| (s, e, f))))
        .collect();
    if cats.len() < 2 {
        return None;
    }
    cats.sort_by_key(|c| std::cmp::Reverse(c.1));
    let dim = v.cat_dim.unwrap_or("");
    let top: Vec<&(&Series<'_>, Decimal, &Figure)> = cats.iter().take(3).collect();
    let half = Decimal::from(50);
    let desc = |i: usize, (s, _, f): &(&Series<'_>, Decimal, &Figure)| -> String {
        let share = s.share;
        let over_half = share.is_some_and(|sh| exact(sh).is_some_and(|e| e > half));
        match (w.zh(), share, i) {
            (true, Some(sh), 0) => format!(
                "{}最多，为{}，占{}{}",
                s.label,
                w.amt(f),
                sh.text,
                if over_half { "，超过一半" } else { "" }
            ),
            (true, None, 0) => format!("{}最多，为{}", s.label, w.amt(f)),
            (true, Some(sh), _) => format!("{}（{}，占{}）", s.label, w.amt(f), sh.text),
            (true, None, _) => format!("{}（{}）", s.label, w.amt(f)),
            (false, Some(sh), 0) => format!(
                "{} is the largest at {} ({} of the total{})",
                s.label,
                w.amt(f),
                sh.text,
                if over_half { ", more than half" } else { "" }
            ),
            (false, None, 0) => format!("{} is the largest at {}", s.label, w.amt(f)),
            (false, Some(sh), _) => format!("{} ({}, {})", s.label, w.amt(f), sh.text),
            (false, None, _) => format!("{} ({})", s.label, w.amt(f)),
        }
    };
    let first = top.first().map(|c| desc(0, c)).unwrap_or_default();
    let rest: Vec<String> = top.iter().skip(1).map(|c| desc(1, c)).collect();
    Some(if w.zh() {
        format!("按{dim}分，{first}；其次是{}。", list(&rest, Lang::Zh))
    } else {
        format!("By {dim}, {first}; next come {}.", list(&rest, Lang::En))
    })
}

pub(super) fn leaders(w: &Words<'_>, v: &View<'_>) -> Option<String> {
    if v.cats.len() < 2 || v.at == PeriodAt::Nowhere {
        return None;
    }
    let mut zh = Vec::new();
    let mut en = Vec::new();
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
                |best: Option<(Decimal, &Series<'_>, &Figure)>, x| match best {
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
        let p = w.period(*p);
        zh.push(format!(
            "{p}的{}中，{}占{}（{}）",
            w.amt(total),
            s.label,
            w.amt(f),
            sh.text
        ));
        en.push(format!(
            "in {p}, {} accounted for {} of {} ({})",
            s.label,
            w.amt(f),
            w.amt(total),
            sh.text
        ));
    }
    if zh.is_empty() {
        return None;
    }
    Some(if w.zh() {
        format!("{}。", zh.join("；"))
    } else {
        format!("{}.", capitalise(&en.join("; ")))
    })
}

pub(super) fn rises_falls(w: &Words<'_>, v: &View<'_>) -> Option<String> {
    let growth = w.r.spec.growth;
    if !matches!(growth, GrowthKind::Rate | GrowthKind::Change) || v.cats.len() < 2 {
        return None;
    }
    let mut up: Option<(Decimal, &str, Period, &Figure)> = None;
    let mut down: Option<(Decimal, &str, Period, &Figure)> = None;
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
    let x = |g: &Figure| {
        if growth == GrowthKind::Rate {
            unsigned(g).to_string()
        } else {
            w.amt_text(unsigned(g))
        }
    };
    let mut zh = Vec::new();
    let mut en = Vec::new();
    let (more_zh, less_zh) = if growth == GrowthKind::Rate {
        (("增幅最大的是", "增长"), ("降幅最大的是", "下降"))
    } else {
        (("增加最多的是", "增加"), ("减少最多的是", "减少"))
    };
    if let Some((_, label, p, g)) = up {
        zh.push(format!(
            "{}{}的{label}（{}{}）",
            more_zh.0,
            w.period(p),
            more_zh.1,
            x(g)
        ));
        en.push(format!(
            "the largest rise was {label} in {} (up {})",
            w.period(p),
            x(g)
        ));
    }
    if let Some((_, label, p, g)) = down {
        zh.push(format!(
            "{}{}的{label}（{}{}）",
            less_zh.0,
            w.period(p),
            less_zh.1,
            x(g)
        ));
        en.push(format!(
            "the largest fall was {label} in {} (down {})",
            w.period(p),
            x(g)
        ));
    }
    if zh.is_empty() {
        return None;
    }
    Some(if w.zh() {
        format!("{}。", zh.join("，"))
    } else {
        format!("{}.", capitalise(&en.join("; ")))
    })
}
