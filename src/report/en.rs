//! The English phrasing of each fact: money amounts without their unit,
//! which the paragraph names once ahead; other units in English words.

use super::facts::{
    Average, Cagr, Caveats, Changes, Fact, Index, Largest, Lead, Patterns, Ranked, RiseFall,
    Steady, Total, Way,
};
use super::words::{lines, unsigned, Words};
use crate::analyze::result::Figure;
use crate::analyze::spec::Aggregate;
use crate::cell::{Grain, Period};

/// The sentence of a fact (none for the CAGR of a view without periods).
pub(super) fn phrase(fact: &Fact<'_>, w: &Words<'_>) -> Option<String> {
    match fact {
        Fact::Unit(u) => Some(format!("Amounts are in {u} ({}).", unit_en(u))),
        Fact::Total(t) => Some(total(t, w)),
        Fact::Average(a) => Some(average(a, w)),
        Fact::Changes(c) => Some(changes(c, w)),
        Fact::Cagr(c) => cagr(c),
        Fact::Index(i) => Some(index(i)),
        Fact::Largest(l) => Some(largest(l, w)),
        Fact::Leaders(l) => Some(leaders(l, w)),
        Fact::RiseFall(m) => Some(rise_fall(m, w)),
        Fact::Patterns(p) => Some(patterns(p, w)),
        Fact::Caveats(c) => Some(caveats(c)),
    }
}

fn unit_en(u: &str) -> &str {
    match u {
        "元" => "yuan",
        "千元" => "thousand yuan",
        "万元" => "ten thousand yuan",
        "百万元" => "million yuan",
        "千万元" => "ten million yuan",
        "亿元" => "hundred million yuan",
        "人" | "名" => "persons",
        "人次" => "person-times",
        "个" | "個" => "units",
        "家" => "organisations",
        "所" => "institutions",
        "项" | "項" => "items",
        "次" => "times",
        other => other,
    }
}

/// An amount as shown: money bare (the unit is named ahead), others with
/// their unit in English.
fn amt(w: &Words<'_>, f: &Figure) -> String {
    amt_text(w, &f.text)
}

fn amt_text(w: &Words<'_>, text: &str) -> String {
    if w.unit.is_empty() || w.money {
        text.to_string()
    } else {
        format!("{text} {}", unit_en(w.unit))
    }
}

fn period(p: Period) -> String {
    p.label()
}

/// `a, b and c`.
fn list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 {
        one
    } else {
        many
    }
}

/// The funds; the measure's name; the number of records for record counts.
fn noun(w: &Words<'_>) -> String {
    match w.r.spec.aggregate {
        Aggregate::Count | Aggregate::CountNonnull => "the number of records".into(),
        _ if w.money => "the funds".into(),
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
                (Some(k), _) => Some(format!("{}: {}", f.column, k.join(", "))),
                (None, Some(d)) => Some(format!("{} other than {}", f.column, d.join(", "))),
                _ => None,
            })
            .collect();
    if parts.is_empty() {
        String::new()
    } else {
        format!(" ({})", parts.join("; "))
    }
}

fn versus(g: Grain) -> &'static str {
    match g {
        Grain::Year => "year on year",
        Grain::Quarter => "on the previous quarter",
        Grain::Month => "on the previous month",
    }
}

fn each(g: Grain) -> &'static str {
    match g {
        Grain::Year => "year",
        Grain::Quarter => "quarter",
        Grain::Month => "month",
    }
}

fn total(t: &Total<'_>, w: &Words<'_>) -> String {
    let agg = match t.aggregate {
        Aggregate::Mean => "averaged",
        Aggregate::Min => "were at least",
        Aggregate::Max => "were at most",
        Aggregate::Distinct => "had this many distinct values:",
        _ => "totalled",
    };
    let head = match t.span.map(|(a, b)| (period(a), period(b))) {
        Some((a, b)) if a != b => format!("From {a} to {b}, "),
        Some((a, _)) => format!("In {a}, "),
        None => String::new(),
    };
    let noun = noun(w);
    let subject = if head.is_empty() {
        capitalise(&noun)
    } else {
        noun
    };
    let mut s = format!("{head}{subject}{} {agg} {}", scope(w), amt(w, t.total));
    if !t.per_period.is_empty() {
        let items: Vec<String> = t
            .per_period
            .iter()
            .map(|(p, f)| format!("{} in {}", amt(w, f), period(*p)))
            .collect();
        s.push_str(&format!(": {}", list(&items)));
    }
    s.push('.');
    s
}

fn average(a: &Average<'_>, w: &Words<'_>) -> String {
    format!(
        "That is {} per {} on average.",
        amt(w, a.average),
        each(a.grain)
    )
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
                (Way::Flat, _) => return format!("was flat in {p}"),
                (Way::Up, true) => "rose",
                (Way::Up, false) => "grew by",
                (Way::Down, true) => "fell",
                (Way::Down, false) => "fell by",
            };
            format!("{word} {x} in {p}")
        })
        .collect();
    format!("The total {} ({}).", list(&parts), versus(c.grain))
}

fn cagr(c: &Cagr<'_>) -> Option<String> {
    let (a, b) = c.span?;
    let mut s = format!(
        "The compound annual growth rate from {} to {} was {}",
        period(a),
        period(b),
        c.rate.text
    );
    if let Some((label, f)) = c.fastest {
        s.push_str(&format!("; {label} grew fastest, at {}", f.text));
    }
    s.push('.');
    Some(s)
}

fn index(i: &Index<'_>) -> String {
    format!(
        "With {} as the base, the index for {} is {}.",
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
            "{label} is the largest at {} ({} of the total{})",
            amt(w, total),
            sh.text,
            if l.over_half { ", more than half" } else { "" }
        ),
        None => format!("{label} is the largest at {}", amt(w, total)),
    };
    let rest: Vec<String> = l
        .rest
        .iter()
        .map(|r| match r.share {
            Some(sh) => format!("{} ({}, {})", r.label, amt(w, r.total), sh.text),
            None => format!("{} ({})", r.label, amt(w, r.total)),
        })
        .collect();
    format!("By {}, {first}; next come {}.", l.dim, list(&rest))
}

fn leaders(l: &[Lead<'_>], w: &Words<'_>) -> String {
    let parts: Vec<String> = l
        .iter()
        .map(|x| {
            format!(
                "in {}, {} accounted for {} of {} ({})",
                period(x.period),
                x.label,
                amt(w, x.value),
                amt(w, x.total),
                x.share.text
            )
        })
        .collect();
    format!("{}.", capitalise(&parts.join("; ")))
}

fn rise_fall(m: &RiseFall<'_>, w: &Words<'_>) -> String {
    let x = |g: &Figure| {
        if m.rate {
            unsigned(g).to_string()
        } else {
            amt_text(w, unsigned(g))
        }
    };
    let mut parts = Vec::new();
    for (mv, (what, way)) in [(&m.rise, ("rise", "up")), (&m.fall, ("fall", "down"))] {
        if let Some(mv) = mv {
            parts.push(format!(
                "the largest {what} was {} in {} ({way} {})",
                mv.label,
                period(mv.period),
                x(mv.growth)
            ));
        }
    }
    format!("{}.", capitalise(&parts.join("; ")))
}

fn patterns(p: &Patterns<'_>, w: &Words<'_>) -> String {
    let each = each(p.grain);
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
                let way = if *rose { "rose" } else { "fell" };
                parts.push(format!(
                    "{label} {way} every {each} ({})",
                    path.replace('→', " → ")
                ));
            }
            Steady::Flat { label, value } => {
                parts.push(format!("{label} was {} every {each}", amt(w, value)));
            }
        }
    }
    for (label, from) in &p.late {
        parts.push(format!("{label} has figures only from {}", period(*from)));
    }
    if let Some((labels, last)) = &p.stopped {
        let labels: Vec<String> = labels.iter().map(|l| l.to_string()).collect();
        parts.push(format!(
            "there are no figures for {} in {}",
            list(&labels),
            period(*last)
        ));
    }
    format!("{}.", capitalise(&parts.join("; ")))
}

fn caveats(c: &Caveats<'_>) -> String {
    let lines_en = |l: &[u64]| format!("{} {}", plural(l.len(), "line", "lines"), lines(l, ", "));
    let mut parts = Vec::new();
    if let Some((n, l)) = c.approximate {
        parts.push(format!(
            "{n} approximate {} counted as written ({})",
            plural(n, "value is", "values are"),
            lines_en(l)
        ));
    }
    if let Some((n, off)) = c.total_rows {
        let off = match off {
            0 => String::new(),
            1 => " (1 disagrees with the rows it covers)".to_string(),
            k => format!(" ({k} disagree with the rows they cover)"),
        };
        parts.push(format!(
            "the sheet's own {n} total {} checked apart and not counted again{off}",
            plural(n, "row is", "rows are")
        ));
    }
    if !c.unreadable.is_empty() {
        let n = c.unreadable.len();
        parts.push(format!(
            "{n} {} left out ({})",
            plural(
                n,
                "row with an unreadable cell is",
                "rows with unreadable cells are"
            ),
            lines_en(&c.unreadable)
        ));
    }
    if c.nulls > 0 {
        parts.push(format!(
            "{} {} not counted",
            c.nulls,
            plural(c.nulls, "row with no value is", "rows with no value are")
        ));
    }
    if c.filtered_out > 0 {
        parts.push(format!(
            "{} {} outside the filters",
            c.filtered_out,
            plural(c.filtered_out, "row is", "rows are")
        ));
    }
    format!("Notes on the data: {}.", parts.join("; "))
}
