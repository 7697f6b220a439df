//! The paragraph that goes into the report, in Chinese (in the register of
//! the seed reports) and in English, written from one analysis result by
//! templates.
//!
//! Every number in the paragraph is a `text` of the result (the same
//! rounding, separators and unit the table shows), a period label, or a count
//! or line number from the result's diagnostics; the only change a template
//! makes to a figure is to drop its minus sign after a word that says
//! 下降 / fell. Ordering (the largest category, the largest rise) compares
//! the `exact` values. Which sentences a view gets (docs/CHECKS.md):
//!
//! | sentence | needs |
//! | --- | --- |
//! | span and total, total per period | a grand total (`totals`); periods in the view |
//! | average per period | `growth: "average"` |
//! | trend of the total | `growth: "rate"`, `"change"`, `"cagr"` or `"index"` |
//! | largest categories and shares | categories, an additive aggregate; shares when `share` gives the share of the grand total |
//! | leader of each period | period across (or down with categories across) and a share of the period's total |
//! | largest rise and fall | categories and `growth: "rate"` or `"change"` |
//! | steady rises, falls, flat series; categories that start late or stop | categories and three or more periods / any periods |
//! | data caveats | approximate values, total rows, rows set aside, nulls, filters |

pub mod view;

use std::str::FromStr;

use rust_decimal::Decimal;
use serde::Serialize;

use crate::analyze::result::{AnalysisResult, Figure};
use crate::cell::{Grain, Period};
use crate::cell::period_zh;
use view::{given, PeriodAt, Series, View};

/// The language of a paragraph.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    /// Simplified Chinese (zh-CN).
    Zh,
    /// English.
    En,
}

impl Lang {
    /// Reads a language tag: `zh`, `zh-CN`, `zh-Hans` → Chinese; `en…` → English.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let t = tag.to_ascii_lowercase();
        if t.starts_with("zh") {
            Some(Lang::Zh)
        } else if t.starts_with("en") {
            Some(Lang::En)
        } else {
            None
        }
    }
}

/// The paragraph in both languages, as the JSON result carries it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Paragraph {
    /// Chinese.
    pub zh: String,
    /// English.
    pub en: String,
}

/// Both paragraphs of a result.
pub fn paragraphs(result: &AnalysisResult) -> Paragraph {
    Paragraph {
        zh: paragraph(result, Lang::Zh),
        en: paragraph(result, Lang::En),
    }
}

/// The paragraph of a result in one language.
///
/// # Example
/// ```
/// use aidstat::{table, analyze::{analyze, spec::Spec}, report::{paragraph, Lang}};
/// let csv = "年度,板块,金额(万元)\n2020,医疗,430\n2020,教育,570\n2021,教育,600\n";
/// let t = aidstat::load::load(csv.as_bytes(), &Default::default()).unwrap();
/// let r = analyze(&t, &Spec::from_json(r#"{"columns":"年度"}"#).unwrap()).unwrap();
/// assert_eq!(
///     paragraph(&r, Lang::Zh),
///     "2020年至2021年，资金合计1,600.00万元，其中2020年1,000.00万元、2021年600.00万元。"
/// );
/// ```
pub fn paragraph(result: &AnalysisResult, lang: Lang) -> String {
    let w = Words::new(result, lang);
    let v = view::read(result);
    let additive = matches!(result.spec.aggregate, "sum" | "count" | "count_nonnull");
    let mut out: Vec<String> = Vec::new();
    if lang == Lang::En {
        if let Some(u) = w.unit_note() {
            out.push(u);
        }
    }
    out.extend(span_total(&w, &v, additive));
    if additive {
        out.extend(average(&w, &v));
        out.extend(trend(&w, &v));
        out.extend(largest(&w, &v));
        out.extend(leaders(&w, &v));
        out.extend(rises_falls(&w, &v));
        out.extend(patterns(&w, &v));
    }
    out.extend(caveats(&w, result));
    let sep = if lang == Lang::Zh { "" } else { " " };
    out.join(sep)
}

/// Words and units of one result in one language.
struct Words<'r> {
    lang: Lang,
    r: &'r AnalysisResult,
    unit: &'r str,
    money: bool,
}

impl<'r> Words<'r> {
    fn new(r: &'r AnalysisResult, lang: Lang) -> Words<'r> {
        Words {
            lang,
            r,
            unit: r.measure.unit.unwrap_or(""),
            money: r.measure.kind == Some("money")
                && !matches!(r.spec.aggregate, "count" | "count_nonnull" | "distinct"),
        }
    }

    fn zh(&self) -> bool {
        self.lang == Lang::Zh
    }

    /// An amount as shown, with its unit in Chinese (and for counts in English).
    fn amt(&self, f: &Figure) -> String {
        self.amt_text(&f.text)
    }

    fn amt_text(&self, text: &str) -> String {
        match (self.zh(), self.money, self.unit) {
            (_, _, "") => text.to_string(),
            (true, _, u) => format!("{text}{u}"),
            (false, true, _) => text.to_string(),
            (false, false, u) => format!("{text} {}", unit_en(u)),
        }
    }

    fn unit_note(&self) -> Option<String> {
        (self.money && !self.unit.is_empty())
            .then(|| format!("Amounts are in {} ({}).", self.unit, unit_en(self.unit)))
    }

    fn period(&self, p: Period) -> String {
        if self.zh() {
            period_zh(p)
        } else {
            p.label()
        }
    }

    /// 资金 / the funds; the measure's name for counts; 记录数 for record counts.
    fn noun(&self) -> String {
        let name = self.r.measure.name.as_deref().unwrap_or("");
        let bare = name
            .split(['(', '（'])
            .next()
            .unwrap_or(name)
            .trim()
            .to_string();
        match (self.zh(), self.r.spec.aggregate) {
            (true, "count" | "count_nonnull") => "记录数".into(),
            (false, "count" | "count_nonnull") => "the number of records".into(),
            (true, _) if self.money => "资金".into(),
            (false, _) if self.money => "the funds".into(),
            (_, _) => bare,
        }
    }

    /// The filters, as a parenthesis after the noun.
    fn scope(&self) -> String {
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

    fn grain(&self, v: &View<'_>) -> Grain {
        v.periods.first().map_or(Grain::Year, |p| p.grain())
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

fn exact(f: &Figure) -> Option<Decimal> {
    f.exact.as_deref().and_then(|e| Decimal::from_str(e).ok())
}

/// The text without its minus sign (after a word that says it fell).
fn unsigned(f: &Figure) -> &str {
    f.text.strip_prefix('-').unwrap_or(&f.text)
}

/// `a、b和c` / `a, b and c`.
fn list(items: &[String], lang: Lang) -> String {
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
fn mention(n: usize, few: usize) -> Vec<usize> {
    if n <= few {
        (0..n).collect()
    } else {
        vec![0, n - 1]
    }
}

fn span_total(w: &Words<'_>, v: &View<'_>, additive: bool) -> Option<String> {
    let t = v.total.total?;
    let noun = w.noun();
    let scope = w.scope();
    let agg_zh = match w.r.spec.aggregate {
        "mean" => "平均值为",
        "min" => "最小值为",
        "max" => "最大值为",
        "distinct" => "不同值个数为",
        _ => "合计",
    };
    let agg_en = match w.r.spec.aggregate {
        "mean" => "averaged",
        "min" => "were at least",
        "max" => "were at most",
        "distinct" => "had this many distinct values:",
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

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

fn average(w: &Words<'_>, v: &View<'_>) -> Option<String> {
    if w.r.spec.growth != "average" || v.periods.is_empty() {
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
fn versus(w: &Words<'_>, v: &View<'_>) -> &'static str {
    match (w.zh(), w.grain(v)) {
        (true, Grain::Year) => "同比",
        (true, _) => "环比",
        (false, Grain::Year) => "year on year",
        (false, Grain::Quarter) => "on the previous quarter",
        (false, Grain::Month) => "on the previous month",
    }
}

fn trend(w: &Words<'_>, v: &View<'_>) -> Option<String> {
    let growth = w.r.spec.growth;
    match growth {
        "rate" | "change" => {
            let mut zh = Vec::new();
            let mut en = Vec::new();
            for (p, g) in v.periods.iter().zip(&v.total.growth).skip(1) {
                let Some(g) = given(*g) else { continue };
                let Some(e) = exact(g) else { continue };
                let p = w.period(*p);
                let x = if growth == "rate" {
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
                        if growth == "rate" { "增长" } else { "增加" }
                    ));
                    en.push(format!(
                        "{} {x} in {p}",
                        if growth == "rate" { "rose" } else { "grew by" }
                    ));
                } else {
                    zh.push(format!(
                        "{p}{}{}{x}",
                        versus(w, v),
                        if growth == "rate" { "下降" } else { "减少" }
                    ));
                    en.push(format!(
                        "{} {x} in {p}",
                        if growth == "rate" { "fell" } else { "fell by" }
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
        "cagr" => {
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
        "index" => {
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

fn largest(w: &Words<'_>, v: &View<'_>) -> Option<String> {
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

fn leaders(w: &Words<'_>, v: &View<'_>) -> Option<String> {
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

fn rises_falls(w: &Words<'_>, v: &View<'_>) -> Option<String> {
    let growth = w.r.spec.growth;
    if !matches!(growth, "rate" | "change") || v.cats.len() < 2 {
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
        if growth == "rate" {
            unsigned(g).to_string()
        } else {
            w.amt_text(unsigned(g))
        }
    };
    let mut zh = Vec::new();
    let mut en = Vec::new();
    let (more_zh, less_zh) = if growth == "rate" {
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

fn patterns(w: &Words<'_>, v: &View<'_>) -> Option<String> {
    if v.cats.is_empty() || v.periods.len() < 2 {
        return None;
    }
    let n = v.periods.len();
    let each_zh = match w.grain(v) {
        Grain::Year => "年",
        _ => "期",
    };
    let each_en = match w.grain(v) {
        Grain::Year => "year",
        Grain::Quarter => "quarter",
        Grain::Month => "month",
    };
    let mut zh: Vec<String> = Vec::new();
    let mut en: Vec<String> = Vec::new();
    let mut found = 0;
    if n >= 3 {
        for s in &v.cats {
            if found >= 3 {
                break;
            }
            let vals: Option<Vec<(&Figure, Decimal)>> = s
                .values
                .iter()
                .map(|f| f.and_then(|f| exact(f).map(|e| (f, e))))
                .collect();
            let Some(vals) = vals.filter(|x| x.len() == n) else {
                continue;
            };
            let rising = vals.windows(2).all(|p| matches!(p, [a, b] if b.1 > a.1));
            let falling = vals.windows(2).all(|p| matches!(p, [a, b] if b.1 < a.1));
            let flat = vals.windows(2).all(|p| matches!(p, [a, b] if b.1 == a.1));
            let path = if n <= 5 {
                vals.iter()
                    .map(|(f, _)| f.text.clone())
                    .collect::<Vec<_>>()
                    .join("→")
            } else {
                format!(
                    "{}→…→{}",
                    vals.first().map_or("", |x| x.0.text.as_str()),
                    vals.last().map_or("", |x| x.0.text.as_str())
                )
            };
            let unit = if w.zh() {
                w.amt_text("").to_string()
            } else {
                String::new()
            };
            if rising || falling {
                let (dz, de) = if rising {
                    ("增长", "rose")
                } else {
                    ("下降", "fell")
                };
                zh.push(format!("{}逐{each_zh}{dz}（{path}{unit}）", s.label));
                en.push(format!(
                    "{} {de} every {each_en} ({})",
                    s.label,
                    path.replace('→', " → ")
                ));
                found += 1;
            } else if flat {
                let f = vals.first().map(|x| x.0);
                if let Some(f) = f {
                    zh.push(format!("{}每{each_zh}均为{}", s.label, w.amt(f)));
                    en.push(format!("{} was {} every {each_en}", s.label, w.amt(f)));
                    found += 1;
                }
            }
        }
    }
    // Categories that start after the first period, or stop before the last.
    let first_at = |s: &Series<'_>| s.values.iter().position(Option::is_some);
    let late: Vec<(String, String)> = v
        .cats
        .iter()
        .filter_map(|s| {
            let i = first_at(s).filter(|&i| i > 0)?;
            Some((s.label.to_string(), w.period(*v.periods.get(i)?)))
        })
        .collect();
    for (label, p) in late.iter().take(3) {
        zh.push(format!("{label}自{p}起才有数据"));
        en.push(format!("{label} has figures only from {p}"));
    }
    let stopped: Vec<String> = v
        .cats
        .iter()
        .filter(|s| s.values.last().is_some_and(Option::is_none) && first_at(s).is_some())
        .map(|s| s.label.to_string())
        .collect();
    if let (false, Some(last)) = (stopped.is_empty(), v.periods.last()) {
        zh.push(format!(
            "{}没有{}的数据",
            w.period(*last),
            list(&stopped, Lang::Zh)
        ));
        en.push(format!(
            "there are no figures for {} in {}",
            list(&stopped, Lang::En),
            w.period(*last)
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

fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 {
        one
    } else {
        many
    }
}

fn caveats(w: &Words<'_>, r: &AnalysisResult) -> Option<String> {
    let d = &r.diagnostics;
    let lines = |l: &[u64], sep: &str| -> String {
        let mut s: Vec<String> = l.iter().take(10).map(u64::to_string).collect();
        if l.len() > 10 {
            s.push("…".into());
        }
        s.join(sep)
    };
    let mut zh = Vec::new();
    let mut en = Vec::new();
    let lines_en = |l: &[u64]| format!("{} {}", plural(l.len(), "line", "lines"), lines(l, ", "));
    if d.approximate.count > 0 {
        zh.push(format!(
            "{}项为约数（第{}行），按所写数值计入",
            d.approximate.count,
            lines(&d.approximate.lines, "、")
        ));
        en.push(format!(
            "{} approximate {} counted as written ({})",
            d.approximate.count,
            plural(d.approximate.count, "value is", "values are"),
            lines_en(&d.approximate.lines)
        ));
    }
    let totals = d.set_aside_counts.get("total_row").copied().unwrap_or(0);
    if totals > 0 {
        let off = r
            .findings
            .iter()
            .filter(|f| f.code == "total_mismatch")
            .count();
        let (mz, me) = match off {
            0 => (String::new(), String::new()),
            1 => (
                "，其中1行与明细之和不符".to_string(),
                " (1 disagrees with the rows it covers)".to_string(),
            ),
            n => (
                format!("，其中{n}行与明细之和不符"),
                format!(" ({n} disagree with the rows they cover)"),
            ),
        };
        zh.push(format!(
            "表内自带的{totals}行合计已单独核对，未重复计入{mz}"
        ));
        en.push(format!(
            "the sheet's own {totals} total {} checked apart and not counted again{me}",
            plural(totals, "row is", "rows are")
        ));
    }
    let mut other: Vec<u64> = d
        .set_aside
        .iter()
        .filter(|s| s.reason != "total_row")
        .map(|s| s.line)
        .collect();
    other.dedup();
    if !other.is_empty() {
        zh.push(format!(
            "{}行因数据无法识别未计入（第{}行）",
            other.len(),
            lines(&other, "、")
        ));
        en.push(format!(
            "{} {} left out ({})",
            other.len(),
            plural(
                other.len(),
                "row with an unreadable cell is",
                "rows with unreadable cells are"
            ),
            lines_en(&other)
        ));
    }
    if d.nulls.count > 0 {
        zh.push(format!("{}行数值为空，未计入", d.nulls.count));
        en.push(format!(
            "{} {} not counted",
            d.nulls.count,
            plural(
                d.nulls.count,
                "row with no value is",
                "rows with no value are"
            )
        ));
    }
    if d.filtered_out > 0 {
        zh.push(format!("按筛选条件未计入{}行", d.filtered_out));
        en.push(format!(
            "{} {} outside the filters",
            d.filtered_out,
            plural(d.filtered_out, "row is", "rows are")
        ));
    }
    if zh.is_empty() {
        return None;
    }
    Some(if w.zh() {
        format!("数据说明：{}。", zh.join("；"))
    } else {
        format!("Notes on the data: {}.", en.join("; "))
    })
}
