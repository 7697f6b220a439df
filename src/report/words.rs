//! Words, units and small phrasing helpers of one result in one language.

use crate::analyze::spec::Aggregate;
use crate::table::schema::MeasureKind;
use std::str::FromStr;

use rust_decimal::Decimal;

use crate::analyze::result::{AnalysisResult, Figure};
use crate::cell::{period_zh, Grain, Period};

use super::view::View;
use super::Lang;

/// Words and units of one result in one language.
pub(super) struct Words<'r> {
    pub(super) lang: Lang,
    pub(super) r: &'r AnalysisResult,
    pub(super) unit: &'r str,
    pub(super) money: bool,
}

impl<'r> Words<'r> {
    pub(super) fn new(r: &'r AnalysisResult, lang: Lang) -> Words<'r> {
        Words {
            lang,
            r,
            unit: r.measure.unit.unwrap_or(""),
            money: r.measure.kind == Some(MeasureKind::Money)
                && !matches!(
                    r.spec.aggregate,
                    Aggregate::Count | Aggregate::CountNonnull | Aggregate::Distinct
                ),
        }
    }

    pub(super) fn zh(&self) -> bool {
        self.lang == Lang::Zh
    }

    /// An amount as shown, with its unit in Chinese (and for counts in English).
    pub(super) fn amt(&self, f: &Figure) -> String {
        self.amt_text(&f.text)
    }

    pub(super) fn amt_text(&self, text: &str) -> String {
        match (self.zh(), self.money, self.unit) {
            (_, _, "") => text.to_string(),
            (true, _, u) => format!("{text}{u}"),
            (false, true, _) => text.to_string(),
            (false, false, u) => format!("{text} {}", unit_en(u)),
        }
    }

    pub(super) fn unit_note(&self) -> Option<String> {
        (self.money && !self.unit.is_empty())
            .then(|| format!("Amounts are in {} ({}).", self.unit, unit_en(self.unit)))
    }

    pub(super) fn period(&self, p: Period) -> String {
        if self.zh() {
            period_zh(p)
        } else {
            p.label()
        }
    }

    /// 资金 / the funds; the measure's name for counts; 记录数 for record counts.
    pub(super) fn noun(&self) -> String {
        let name = self.r.measure.name.as_deref().unwrap_or("");
        let bare = name
            .split(['(', '（'])
            .next()
            .unwrap_or(name)
            .trim()
            .to_string();
        match (self.zh(), self.r.spec.aggregate) {
            (true, Aggregate::Count | Aggregate::CountNonnull) => "记录数".into(),
            (false, Aggregate::Count | Aggregate::CountNonnull) => "the number of records".into(),
            (true, _) if self.money => "资金".into(),
            (false, _) if self.money => "the funds".into(),
            (_, _) => bare,
        }
    }

    /// The filters, as a parenthesis after the noun.
    pub(super) fn scope(&self) -> String {
        let parts: Vec<String> = self
            .r
            .spec
            .filters
            .iter()
            .filter_map(|f| {
                let (keep, drop) = (f.keep.as_ref(), f.drop.as_ref());
                match (self.zh(), keep, drop) {
                    (true, Some(k), _) => Some(format!("{}为{}", f.column, k.join("、"))),
                    (true, None, Some(d)) => Some(format!("{}不含{}", f.column, d.join("、"))),
                    (false, Some(k), _) => Some(format!("{}: {}", f.column, k.join(", "))),
                    (false, None, Some(d)) => {
                        Some(format!("{} other than {}", f.column, d.join(", ")))
                    }
                    _ => None,
                }
            })
            .collect();
        match (parts.is_empty(), self.zh()) {
            (true, _) => String::new(),
            (false, true) => format!("（{}）", parts.join("，")),
            (false, false) => format!(" ({})", parts.join("; ")),
        }
    }

    pub(super) fn grain(&self, v: &View<'_>) -> Grain {
        v.periods.first().map_or(Grain::Year, |p| p.grain())
    }
}

pub(super) fn unit_en(u: &str) -> &str {
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

pub(super) fn exact(f: &Figure) -> Option<Decimal> {
    f.exact.as_deref().and_then(|e| Decimal::from_str(e).ok())
}

/// The text without its minus sign (after a word that says it fell).
pub(super) fn unsigned(f: &Figure) -> &str {
    f.text.strip_prefix('-').unwrap_or(&f.text)
}

/// `a、b和c` / `a, b and c`.
pub(super) fn list(items: &[String], lang: Lang) -> String {
    let (sep, and) = if lang == Lang::Zh {
        ("、", "和")
    } else {
        (", ", " and ")
    };
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{}{and}{last}", init.join(sep)),
    }
}

/// Indices to mention: all when few, else the first and the last.
pub(super) fn mention(n: usize, few: usize) -> Vec<usize> {
    if n <= few {
        (0..n).collect()
    } else {
        vec![0, n - 1]
    }
}

pub(super) fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

pub(super) fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 {
        one
    } else {
        many
    }
}
