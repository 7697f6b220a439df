//! The Chinese phrasing of each fact, in the register of the seed reports:
//! every amount with its unit, periods as 2020年 / 2021年第1季度.

use super::facts::{
    Average, Cagr, Caveats, Changes, Fact, Index, Largest, Lead, Patterns, Ranked, RiseFall,
    Steady, Total, Way,
};
use super::words::{lines, unsigned, Words};
use crate::analyze::result::Figure;
use crate::analyze::spec::Aggregate;
use crate::cell::{period_zh, Grain, Period};

/// The sentence of a fact (none for the unit, which every amount carries).
pub(super) fn phrase(fact: &Fact<'_>, w: &Words<'_>) -> Option<String> {
    match fact {
        Fact::Unit(_) => None,
        Fact::Total(t) => Some(total(t, w)),
        Fact::Average(a) => Some(average(a, w)),
        Fact::Changes(c) => Some(changes(c, w)),
        Fact::Cagr(c) => Some(cagr(c)),
        Fact::Index(i) => Some(index(i)),
        Fact::Largest(l) => Some(largest(l, w)),
        Fact::Leaders(l) => Some(leaders(l, w)),
        Fact::RiseFall(m) => Some(rise_fall(m, w)),
        Fact::Patterns(p) => Some(patterns(p, w)),
        Fact::Caveats(c) => Some(caveats(c)),
    }
}

/// An amount as shown, with its unit.
fn amt(w: &Words<'_>, f: &Figure) -> String {
    amt_text(w, &f.text)
}

fn amt_text(w: &Words<'_>, text: &str) -> String {
    format!("{text}{}", w.unit)
}

fn period(p: Period) -> String {
    period_zh(p)
}

/// `a、b和c`.
fn list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{}和{last}", init.join("、")),
    }
}

/// 资金; the measure's name for counts; 记录数 for record counts.
fn noun(w: &Words<'_>) -> String {
    match w.r.spec.aggregate {
        Aggregate::Count | Aggregate::CountNonnull => "记录数".into(),
        _ if w.money => "资金".into(),
        _ => w.bare_name(),
    }
}

/// The filters, as a parenthesis after the noun.
fn scope(w: &Words<'_>) -> String {
    let parts: Vec<String> =
        w.r.spec
            .filters
            .iter()
            .filter_map(|f| match (f.keep.as_ref(), f.drop.as_ref()) {
                (Some(k), _) => Some(format!("{}为{}", f.column, k.join("、"))),
                (None, Some(d)) => Some(format!("{}不含{}", f.column, d.join("、"))),
                _ => None,
            })
            .collect();
    if parts.is_empty() {
        String::new()
    } else {
        format!("（{}）", parts.join("，"))
    }
}

/// 同比 for years, 环比 for quarters and months.
fn versus(g: Grain) -> &'static str {
    match g {
        Grain::Year => "同比",
        _ => "环比",
    }
}

fn total(t: &Total<'_>, w: &Words<'_>) -> String {
    let agg = match t.aggregate {
        Aggregate::Mean => "平均值为",
        Aggregate::Min => "最小值为",
        Aggregate::Max => "最大值为",
        Aggregate::Distinct => "不同值个数为",
        _ => "合计",
    };
    let head = match t.span.map(|(a, b)| (period(a), period(b))) {
        Some((a, b)) if a != b => format!("{a}至{b}，"),
        Some((a, _)) => format!("{a}，"),
        None => String::new(),
    };
    let mut s = format!("{head}{}{}{agg}{}", noun(w), scope(w), amt(w, t.total));
    if !t.per_period.is_empty() {
        let items: Vec<String> = t
            .per_period
            .iter()
            .map(|(p, f)| format!("{}{}", period(*p), amt(w, f)))
            .collect();
        let joined = if t.elided {
            items.join("，")
        } else {
            items.join("、")
        };
        s.push_str(&format!("，其中{joined}"));
    }
    s.push('。');
    s
}

fn average(a: &Average<'_>, w: &Words<'_>) -> String {
    let each = match a.grain {
        Grain::Year => "年",
        Grain::Quarter => "季度",
        Grain::Month => "月",
    };
    format!("平均每{each}{}。", amt(w, a.average))
}

fn changes(c: &Changes<'_>, w: &Words<'_>) -> String {
    let parts: Vec<String> = c
        .steps
        .iter()
        .map(|s| {
            let p = period(s.period);
            let x = if c.rate {
                unsigned(s.growth).to_string()
            } else {
                amt_text(w, unsigned(s.growth))
            };
            let word = match (s.way, c.rate) {
                (Way::Flat, _) => return format!("{p}与上期持平"),
                (Way::Up, true) => "增长",
                (Way::Up, false) => "增加",
                (Way::Down, true) => "下降",
                (Way::Down, false) => "减少",
            };
            format!("{p}{}{word}{x}", versus(c.grain))
        })
        .collect();
    format!("从变化看，{}。", parts.join("，"))
}

fn cagr(c: &Cagr<'_>) -> String {
    let mut s = format!("年均增长率为{}", c.rate.text);
    if let Some((label, f)) = c.fastest {
        s.push_str(&format!("，其中{label}最高，为{}", f.text));
    }
    s.push('。');
    s
}

fn index(i: &Index<'_>) -> String {
    format!(
        "以{}为基期，{}的定基指数为{}。",
        period(i.base),
        period(i.last),
        i.index.text
    )
}

fn largest(l: &Largest<'_>, w: &Words<'_>) -> String {
    let Ranked {
        label,
        total,
        share,
    } = &l.first;
    let first = match share {
        Some(sh) => format!(
            "{label}最多，为{}，占{}{}",
            amt(w, total),
            sh.text,
            if l.over_half { "，超过一半" } else { "" }
        ),
        None => format!("{label}最多，为{}", amt(w, total)),
    };
    let rest: Vec<String> = l
        .rest
        .iter()
        .map(|r| match r.share {
            Some(sh) => format!("{}（{}，占{}）", r.label, amt(w, r.total), sh.text),
            None => format!("{}（{}）", r.label, amt(w, r.total)),
        })
        .collect();
    format!("按{}分，{first}；其次是{}。", l.dim, list(&rest))
}

fn leaders(l: &[Lead<'_>], w: &Words<'_>) -> String {
    let parts: Vec<String> = l
        .iter()
        .map(|x| {
            format!(
                "{}的{}中，{}占{}（{}）",
                period(x.period),
                amt(w, x.total),
                x.label,
                amt(w, x.value),
                x.share.text
            )
        })
        .collect();
    format!("{}。", parts.join("；"))
}

fn rise_fall(m: &RiseFall<'_>, w: &Words<'_>) -> String {
    let x = |g: &Figure| {
        if m.rate {
            unsigned(g).to_string()
        } else {
            amt_text(w, unsigned(g))
        }
    };
    let (more, less) = if m.rate {
        (("增幅最大的是", "增长"), ("降幅最大的是", "下降"))
    } else {
        (("增加最多的是", "增加"), ("减少最多的是", "减少"))
    };
    let mut parts = Vec::new();
    for (mv, (lead, word)) in [(&m.rise, more), (&m.fall, less)] {
        if let Some(mv) = mv {
            parts.push(format!(
                "{lead}{}的{}（{word}{}）",
                period(mv.period),
                mv.label,
                x(mv.growth)
            ));
        }
    }
    format!("{}。", parts.join("，"))
}

fn patterns(p: &Patterns<'_>, w: &Words<'_>) -> String {
    let each = match p.grain {
        Grain::Year => "年",
        _ => "期",
    };
    let mut parts: Vec<String> = Vec::new();
    for s in &p.steady {
        match s {
            Steady::Moved {
                label,
                rose,
                path,
                elided,
            } => {
                let texts: Vec<&str> = path.iter().map(|f| f.text.as_str()).collect();
                let path = if *elided {
                    texts.join("→…→")
                } else {
                    texts.join("→")
                };
                let way = if *rose { "增长" } else { "下降" };
                parts.push(format!("{label}逐{each}{way}（{path}{}）", w.unit));
            }
            Steady::Flat { label, value } => {
                parts.push(format!("{label}每{each}均为{}", amt(w, value)));
            }
        }
    }
    for (label, from) in &p.late {
        parts.push(format!("{label}自{}起才有数据", period(*from)));
    }
    if let Some((labels, last)) = &p.stopped {
        let labels: Vec<String> = labels.iter().map(|l| l.to_string()).collect();
        parts.push(format!("{}没有{}的数据", period(*last), list(&labels)));
    }
    format!("{}。", parts.join("；"))
}

fn caveats(c: &Caveats<'_>) -> String {
    let mut parts = Vec::new();
    if let Some((n, l)) = c.approximate {
        parts.push(format!(
            "{n}项为约数（第{}行），按所写数值计入",
            lines(l, "、")
        ));
    }
    if let Some((n, off)) = c.total_rows {
        let off = match off {
            0 => String::new(),
            k => format!("，其中{k}行与明细之和不符"),
        };
        parts.push(format!("表内自带的{n}行合计已单独核对，未重复计入{off}"));
    }
    if !c.unreadable.is_empty() {
        parts.push(format!(
            "{}行因数据无法识别未计入（第{}行）",
            c.unreadable.len(),
            lines(&c.unreadable, "、")
        ));
    }
    if c.nulls > 0 {
        parts.push(format!("{}行数值为空，未计入", c.nulls));
    }
    if c.filtered_out > 0 {
        parts.push(format!("按筛选条件未计入{}行", c.filtered_out));
    }
    format!("数据说明：{}。", parts.join("；"))
}
