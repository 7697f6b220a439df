//! Units of measure: money units (元 … 亿元) that convert, count units
//! (人, 人次 …) that never do, and finding the unit a header or a title line
//! names.

use super::width::normalize;
use rust_decimal::Decimal;

/// A money unit: how many 元 one written unit stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum MoneyUnit {
    /// 元, 1.
    Yuan,
    /// 千元, 1 000 元.
    QianYuan,
    /// 万元, 10 000 元.
    WanYuan,
    /// 百万元, 1 000 000 元.
    BaiWanYuan,
    /// 千万元, 10 000 000 元.
    QianWanYuan,
    /// 亿元, 100 000 000 元.
    YiYuan,
}

/// Every accepted spelling of a money unit, in the form [`label_key`] gives:
/// ASCII lower case, single spaces.
const MONEY_LABELS: &[(&str, MoneyUnit)] = &[
    ("元", MoneyUnit::Yuan),
    ("yuan", MoneyUnit::Yuan),
    ("rmb", MoneyUnit::Yuan),
    ("cny", MoneyUnit::Yuan),
    ("千元", MoneyUnit::QianYuan),
    ("thousand yuan", MoneyUnit::QianYuan),
    ("万元", MoneyUnit::WanYuan),
    ("万", MoneyUnit::WanYuan),
    ("萬元", MoneyUnit::WanYuan),
    ("萬", MoneyUnit::WanYuan),
    ("10k yuan", MoneyUnit::WanYuan),
    ("10,000 yuan", MoneyUnit::WanYuan),
    ("ten thousand yuan", MoneyUnit::WanYuan),
    ("wan", MoneyUnit::WanYuan),
    ("百万元", MoneyUnit::BaiWanYuan),
    ("百万", MoneyUnit::BaiWanYuan),
    ("百萬元", MoneyUnit::BaiWanYuan),
    ("百萬", MoneyUnit::BaiWanYuan),
    ("million yuan", MoneyUnit::BaiWanYuan),
    ("千万元", MoneyUnit::QianWanYuan),
    ("千万", MoneyUnit::QianWanYuan),
    ("千萬元", MoneyUnit::QianWanYuan),
    ("千萬", MoneyUnit::QianWanYuan),
    ("10 million yuan", MoneyUnit::QianWanYuan),
    ("亿元", MoneyUnit::YiYuan),
    ("亿", MoneyUnit::YiYuan),
    ("億元", MoneyUnit::YiYuan),
    ("億", MoneyUnit::YiYuan),
    ("100m yuan", MoneyUnit::YiYuan),
    ("100 million yuan", MoneyUnit::YiYuan),
    ("yi", MoneyUnit::YiYuan),
];

/// A label as compared against the tables: trimmed, half-width, ASCII lower
/// case, inner whitespace runs collapsed to one space.
fn label_key(s: &str) -> String {
    normalize(s)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_ascii_lowercase()
}

impl MoneyUnit {
    /// The value of one unit in 元: 1, 1000, 10000, 1000000, 10000000 or
    /// 100000000.
    ///
    /// # Example
    /// ```
    /// use aidstat::cell::MoneyUnit;
    /// assert_eq!(MoneyUnit::WanYuan.factor(), rust_decimal::Decimal::from(10_000));
    /// ```
    pub fn factor(self) -> Decimal {
        Decimal::from(match self {
            MoneyUnit::Yuan => 1_i64,
            MoneyUnit::QianYuan => 1_000,
            MoneyUnit::WanYuan => 10_000,
            MoneyUnit::BaiWanYuan => 1_000_000,
            MoneyUnit::QianWanYuan => 10_000_000,
            MoneyUnit::YiYuan => 100_000_000,
        })
    }

    /// The power of ten of [`factor`](Self::factor): 0, 3, 4, 6, 7 or 8.
    pub(crate) fn exponent(self) -> u32 {
        match self {
            MoneyUnit::Yuan => 0,
            MoneyUnit::QianYuan => 3,
            MoneyUnit::WanYuan => 4,
            MoneyUnit::BaiWanYuan => 6,
            MoneyUnit::QianWanYuan => 7,
            MoneyUnit::YiYuan => 8,
        }
    }

    /// Every money unit, smallest first.
    pub const ALL: [MoneyUnit; 6] = [
        MoneyUnit::Yuan,
        MoneyUnit::QianYuan,
        MoneyUnit::WanYuan,
        MoneyUnit::BaiWanYuan,
        MoneyUnit::QianWanYuan,
        MoneyUnit::YiYuan,
    ];

    /// The simplified Chinese label: "元", "千元", "万元", "百万元", "千万元" or
    /// "亿元".
    ///
    /// # Example
    /// ```
    /// use aidstat::cell::MoneyUnit;
    /// assert_eq!(MoneyUnit::YiYuan.label(), "亿元");
    /// assert_eq!(MoneyUnit::from_label("萬").map(MoneyUnit::label), Some("万元"));
    /// ```
    pub fn label(self) -> &'static str {
        match self {
            MoneyUnit::Yuan => "元",
            MoneyUnit::QianYuan => "千元",
            MoneyUnit::WanYuan => "万元",
            MoneyUnit::BaiWanYuan => "百万元",
            MoneyUnit::QianWanYuan => "千万元",
            MoneyUnit::YiYuan => "亿元",
        }
    }

    /// Reads a money unit label: simplified (万元, 万, 亿 …), traditional
    /// (萬元, 億 …) or English ("10k yuan", "million yuan", "RMB" …), after
    /// trimming and half-width conversion, ignoring ASCII case.
    ///
    /// # Example
    /// ```
    /// use aidstat::cell::MoneyUnit;
    /// assert_eq!(MoneyUnit::from_label("萬元"), Some(MoneyUnit::WanYuan));
    /// assert_eq!(MoneyUnit::from_label("10K Yuan"), Some(MoneyUnit::WanYuan));
    /// assert_eq!(MoneyUnit::from_label("美元"), None);
    /// ```
    pub fn from_label(s: &str) -> Option<MoneyUnit> {
        let key = label_key(s);
        MONEY_LABELS
            .iter()
            .find(|(l, _)| *l == key)
            .map(|&(_, u)| u)
    }
}

/// Count units, longest first so that a suffix match takes 人次 before 人.
/// Traditional forms (個, 項) are read as their simplified twins.
pub const COUNT_UNITS: &[&str] = &[
    "万人次",
    "万人",
    "萬人",
    "人次",
    "人",
    "名",
    "个",
    "個",
    "家",
    "所",
    "期",
    "宗",
    "项",
    "項",
    "次",
];

/// English names of count units, as statistics exports write them
/// (`(10000 persons)`), with the Chinese unit they stand for.
const COUNT_ALIASES: &[(&str, &str)] = &[
    ("persons", "人"),
    ("person", "人"),
    ("people", "人"),
    ("10000 persons", "万人"),
    ("10,000 persons", "万人"),
    ("10 thousand persons", "万人"),
    ("ten thousand persons", "万人"),
    ("person-times", "人次"),
    ("10000 person-times", "万人次"),
];

/// The unit of a measure: money (converted between units) or a count
/// (never converted).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Unit {
    /// A money unit.
    Money(MoneyUnit),
    /// A count unit, as its simplified label from [`COUNT_UNITS`] ("人次", "个" …).
    Count(&'static str),
}

impl Unit {
    /// The label: the money unit's label or the count word.
    ///
    /// # Example
    /// ```
    /// use aidstat::cell::{MoneyUnit, Unit};
    /// assert_eq!(Unit::Money(MoneyUnit::QianYuan).label(), "千元");
    /// assert_eq!(Unit::from_label("個").map(|u| u.label()), Some("个"));
    /// ```
    pub fn label(&self) -> &'static str {
        match self {
            Unit::Money(m) => m.label(),
            Unit::Count(c) => c,
        }
    }

    /// Reads a money label (see [`MoneyUnit::from_label`]) or a count word
    /// from [`COUNT_UNITS`]; 個 and 項 give "个" and "项".
    ///
    /// # Example
    /// ```
    /// use aidstat::cell::{MoneyUnit, Unit};
    /// assert_eq!(Unit::from_label("亿元"), Some(Unit::Money(MoneyUnit::YiYuan)));
    /// assert_eq!(Unit::from_label("個"), Some(Unit::Count("个")));
    /// ```
    pub fn from_label(s: &str) -> Option<Unit> {
        if let Some(m) = MoneyUnit::from_label(s) {
            return Some(Unit::Money(m));
        }
        let key = normalize(s);
        if let Some(&c) = COUNT_UNITS.iter().find(|c| **c == key) {
            return Some(match c {
                "個" => Unit::Count("个"),
                "項" => Unit::Count("项"),
                "萬人" => Unit::Count("万人"),
                _ => Unit::Count(c),
            });
        }
        let key = label_key(s);
        COUNT_ALIASES
            .iter()
            .find(|(a, _)| *a == key)
            .map(|&(_, c)| Unit::Count(c))
    }
}

/// Words that introduce a unit statement (`单位：万元`, `Unit: yuan`), lower case.
const UNIT_WORDS: &[&str] = &["单位", "單位", "units", "unit"];

/// The text following each unit statement in a lower-case key: a unit word,
/// then a colon or whitespace (or both), then the returned rest.
fn unit_statements(key: &str) -> impl Iterator<Item = &str> + '_ {
    UNIT_WORDS.iter().flat_map(move |word| {
        key.match_indices(word).filter_map(move |(at, w)| {
            let rest = key.get(at + w.len()..)?;
            let after_space = rest.trim_start();
            let spaced = after_space.len() < rest.len();
            match after_space.strip_prefix(':') {
                Some(after_colon) => Some(after_colon.trim_start()),
                None if spaced => Some(after_space),
                None => None,
            }
        })
    })
}

/// The contents of every innermost bracket pair `()`, `[]`, `【】` in `s`,
/// in the order the pairs close.
fn bracketed(s: &str) -> impl Iterator<Item = &str> + '_ {
    const PAIRS: [(char, char); 3] = [('(', ')'), ('[', ']'), ('【', '】')];
    let mut open: [Option<usize>; 3] = [None; 3];
    s.char_indices().filter_map(move |(i, c)| {
        let (kind, opens) = PAIRS
            .iter()
            .enumerate()
            .find_map(|(k, &(o, cl))| (c == o || c == cl).then_some((k, c == o)))?;
        let slot = open.get_mut(kind)?;
        if opens {
            *slot = Some(i + c.len_utf8());
            None
        } else {
            s.get(slot.take()?..i)
        }
    })
}

/// Header endings that name a unit on their own (`投资额万元`, `帮扶人次`),
/// longest first; a bare 元 or 人 ending is too weak to count.
const HEADER_ENDINGS: &[&str] = &[
    "百万元",
    "千万元",
    "百萬元",
    "千萬元",
    "万元",
    "萬元",
    "亿元",
    "億元",
    "千元",
    "人次",
];

/// The unit a column header names, if any.
///
/// Looked for, in order: the whole header as a money label (`万元`); text in
/// `()`, `（）`, `[]` or `【】` (`金额(万元)`, `帮扶人数(人)`, `金额(单位：万元)`);
/// a unit statement (`金额 单位：万元`); the text after the last `/` or `:`
/// (`资金/万元`); the suffixes `_wan`, `_yuan`, `_yi` (`amount_wan`); an
/// ending 万元, 亿元, 千元 (and their 百万/千万 and traditional forms) or 人次.
///
/// # Example
/// ```
/// use aidstat::cell::{unit_from_header, MoneyUnit, Unit};
/// assert_eq!(unit_from_header("金额（万元）"), Some(Unit::Money(MoneyUnit::WanYuan)));
/// assert_eq!(unit_from_header("amount (10k yuan)"), Some(Unit::Money(MoneyUnit::WanYuan)));
/// assert_eq!(unit_from_header("帮扶人次"), Some(Unit::Count("人次")));
/// assert_eq!(unit_from_header("帮扶人"), None);
/// ```
pub fn unit_from_header(header: &str) -> Option<Unit> {
    let key = label_key(header);
    let named =
        |s: &str| Unit::from_label(s).or_else(|| unit_statements(s).find_map(Unit::from_label));
    if let Some(m) = MoneyUnit::from_label(&key) {
        return Some(Unit::Money(m));
    }
    let found = bracketed(&key)
        .find_map(named)
        .or_else(|| unit_statements(&key).find_map(Unit::from_label))
        .or_else(|| {
            let tail = key
                .rsplit(['/', ':'])
                .next()
                .filter(|t| t.len() < key.len())?;
            Unit::from_label(tail)
        })
        .or_else(|| {
            [
                ("_wan", MoneyUnit::WanYuan),
                ("_yuan", MoneyUnit::Yuan),
                ("_yi", MoneyUnit::YiYuan),
            ]
            .into_iter()
            .find(|(suffix, _)| key.ends_with(suffix))
            .map(|(_, m)| Unit::Money(m))
        })
        .or_else(|| {
            let ending = HEADER_ENDINGS.iter().find(|e| key.ends_with(*e))?;
            Unit::from_label(ending)
        });
    found
}

/// The money unit at the start of `s`: the longest label `s` starts with.
/// An English label must not run on into a letter or digit (`yi` in `yield`).
fn money_prefix(s: &str) -> Option<MoneyUnit> {
    MONEY_LABELS
        .iter()
        .filter(|(label, _)| {
            s.strip_prefix(label).is_some_and(|rest| {
                !label.is_ascii() || !rest.starts_with(|c: char| c.is_ascii_alphanumeric())
            })
        })
        .max_by_key(|(label, _)| label.len())
        .map(|&(_, m)| m)
}

/// The money unit stated on a line above a header, such as `单位：万元`,
/// `（单位：万元）`, `單位：萬元`, `金额单位：亿元`, `Unit: 10k yuan` or
/// `单位：万元　　填报日期：2021-03-01` (text after the unit is allowed).
///
/// The unit word must be followed by a colon or a space, so a title such as
/// `各帮扶单位万元以上项目` states nothing. `人民币` before the unit is skipped
/// (`单位：人民币万元`).
///
/// # Example
/// ```
/// use aidstat::cell::{unit_from_line, MoneyUnit};
/// assert_eq!(unit_from_line("（单位：万元）"), Some(MoneyUnit::WanYuan));
/// assert_eq!(unit_from_line("2020年帮扶资金表"), None);
/// ```
pub fn unit_from_line(line: &str) -> Option<MoneyUnit> {
    let key = label_key(line);
    let found = unit_statements(&key).find_map(|rest| {
        let rest = rest.strip_prefix("人民币").unwrap_or(rest).trim_start();
        money_prefix(rest)
    });
    found
}

/// The unit a line above the header states: a money unit as
/// [`unit_from_line`] reads it, a count (`单位：人`), or a unit in brackets in
/// a title (`一般公共预算收入（亿元）`, `Resident Population (year-end)(10000 persons)`).
///
/// # Example
/// ```
/// use aidstat::cell::{unit_of_line, MoneyUnit, Unit};
/// assert_eq!(unit_of_line("单位：万元"), Some(Unit::Money(MoneyUnit::WanYuan)));
/// assert_eq!(unit_of_line("Indicators：Resident Population (year-end)(10000 persons)"), Some(Unit::Count("万人")));
/// assert_eq!(unit_of_line("资金明细表（2020—2022年）"), None);
/// ```
pub fn unit_of_line(line: &str) -> Option<Unit> {
    if let Some(m) = unit_from_line(line) {
        return Some(Unit::Money(m));
    }
    let key = label_key(line);
    let found = unit_statements(&key)
        .find_map(|rest| Unit::from_label(rest.split_whitespace().next().unwrap_or(rest)))
        .or_else(|| bracketed(&key).find_map(Unit::from_label));
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use MoneyUnit::*;

    const ALL: [MoneyUnit; 6] = MoneyUnit::ALL;

    #[test]
    fn factor_and_label() {
        let expected = [
            (Yuan, 1_i64, "元"),
            (QianYuan, 1_000, "千元"),
            (WanYuan, 10_000, "万元"),
            (BaiWanYuan, 1_000_000, "百万元"),
            (QianWanYuan, 10_000_000, "千万元"),
            (YiYuan, 100_000_000, "亿元"),
        ];
        for (unit, factor, label) in expected {
            assert_eq!(unit.factor(), Decimal::from(factor), "factor of {unit:?}");
            assert_eq!(unit.label(), label, "label of {unit:?}");
            assert_eq!(MoneyUnit::from_label(label), Some(unit), "label {label:?}");
        }
        assert_eq!(ALL.len(), expected.len());
    }

    #[test]
    fn money_from_label_table() {
        let rows = [
            ("元", Some(Yuan)),
            ("千元", Some(QianYuan)),
            ("万元", Some(WanYuan)),
            ("万", Some(WanYuan)),
            ("百万元", Some(BaiWanYuan)),
            ("百万", Some(BaiWanYuan)),
            ("千万元", Some(QianWanYuan)),
            ("千万", Some(QianWanYuan)),
            ("亿元", Some(YiYuan)),
            ("亿", Some(YiYuan)),
            ("萬", Some(WanYuan)),
            ("萬元", Some(WanYuan)),
            ("億", Some(YiYuan)),
            ("億元", Some(YiYuan)),
            ("百萬元", Some(BaiWanYuan)),
            ("千萬元", Some(QianWanYuan)),
            ("yuan", Some(Yuan)),
            ("RMB", Some(Yuan)),
            ("cny", Some(Yuan)),
            ("Thousand Yuan", Some(QianYuan)),
            ("10k yuan", Some(WanYuan)),
            ("10K  YUAN", Some(WanYuan)),
            ("10,000 yuan", Some(WanYuan)),
            ("ten thousand yuan", Some(WanYuan)),
            ("wan", Some(WanYuan)),
            ("million yuan", Some(BaiWanYuan)),
            ("10 million yuan", Some(QianWanYuan)),
            ("100m yuan", Some(YiYuan)),
            ("100 million yuan", Some(YiYuan)),
            ("yi", Some(YiYuan)),
            (" 万元 ", Some(WanYuan)),
            ("　万元", Some(WanYuan)),
            ("ｙｕａｎ", Some(Yuan)),
            ("", None),
            ("美元", None),
            ("万万", None),
            ("人", None),
            ("kg", None),
        ];
        for (input, expected) in rows {
            assert_eq!(MoneyUnit::from_label(input), expected, "input {input:?}");
        }
    }

    #[test]
    fn unit_from_label_table() {
        let rows = [
            ("万元", Some(Unit::Money(WanYuan))),
            ("人次", Some(Unit::Count("人次"))),
            ("人", Some(Unit::Count("人"))),
            ("名", Some(Unit::Count("名"))),
            ("个", Some(Unit::Count("个"))),
            ("個", Some(Unit::Count("个"))),
            ("家", Some(Unit::Count("家"))),
            ("所", Some(Unit::Count("所"))),
            ("期", Some(Unit::Count("期"))),
            ("宗", Some(Unit::Count("宗"))),
            ("项", Some(Unit::Count("项"))),
            ("項", Some(Unit::Count("项"))),
            ("次", Some(Unit::Count("次"))),
            (" 人次 ", Some(Unit::Count("人次"))),
            ("人人", None),
            ("", None),
        ];
        for (input, expected) in rows {
            assert_eq!(Unit::from_label(input), expected, "input {input:?}");
            if let Some(unit) = expected {
                assert_eq!(
                    Unit::from_label(unit.label()),
                    expected,
                    "label of {input:?}"
                );
            }
        }
        for (i, long) in COUNT_UNITS.iter().enumerate() {
            for short in COUNT_UNITS.iter().skip(i + 1) {
                assert!(!short.ends_with(long), "{long} must come after {short}");
            }
        }
    }

    #[test]
    fn unit_from_header_table() {
        let money = |m| Some(Unit::Money(m));
        let rows = [
            ("金额(万元)", money(WanYuan)),
            ("金额（万元）", money(WanYuan)),
            ("金额 (万元)", money(WanYuan)),
            ("金额[万元]", money(WanYuan)),
            ("金额［万元］", money(WanYuan)),
            ("金额【亿元】", money(YiYuan)),
            ("金额(单位：万元)", money(WanYuan)),
            ("资金/万元", money(WanYuan)),
            ("资金：万元", money(WanYuan)),
            ("资金:元", money(Yuan)),
            ("amount (10k yuan)", money(WanYuan)),
            ("Amount (Million Yuan)", money(BaiWanYuan)),
            ("帮扶人数(人)", Some(Unit::Count("人"))),
            ("培训(人次)", Some(Unit::Count("人次"))),
            ("项目数（個）", Some(Unit::Count("个"))),
            ("金额 单位：万元", money(WanYuan)),
            ("金額 單位：萬元", money(WanYuan)),
            ("amount_wan", money(WanYuan)),
            ("AMOUNT_YUAN", money(Yuan)),
            ("amount_yi", money(YiYuan)),
            ("投资额万元", money(WanYuan)),
            ("投资额百万元", money(BaiWanYuan)),
            ("投资额千万元", money(QianWanYuan)),
            ("投资额千元", money(QianYuan)),
            ("投资亿元", money(YiYuan)),
            ("投資萬元", money(WanYuan)),
            ("帮扶人次", Some(Unit::Count("人次"))),
            ("万元", money(WanYuan)),
            ("2020年(万元)", money(WanYuan)),
            ("资金(区专项)(万元)", money(WanYuan)),
            ("帮扶人", None),
            ("投资元", None),
            ("金额", None),
            ("占比(%)", None),
            ("资金(区专项)", None),
            ("受援方/帮扶方", None),
            ("人", None),
            ("名", None),
            ("(", None),
            (")(", None),
            ("", None),
            ("单位", None),
            ("帮扶单位", None),
        ];
        for (input, expected) in rows {
            assert_eq!(unit_from_header(input), expected, "input {input:?}");
        }
    }

    #[test]
    fn unit_from_line_table() {
        let rows = [
            ("单位：万元", Some(WanYuan)),
            ("单位:万元", Some(WanYuan)),
            ("单位: 万元", Some(WanYuan)),
            ("单位 万元", Some(WanYuan)),
            ("（单位：万元）", Some(WanYuan)),
            ("單位：萬元", Some(WanYuan)),
            ("金额单位：亿元", Some(YiYuan)),
            ("Unit: 10k yuan", Some(WanYuan)),
            ("Units: yuan", Some(Yuan)),
            ("UNIT: Yuan", Some(Yuan)),
            ("单位：万元　　填报日期：2021-03-01", Some(WanYuan)),
            ("填报单位：花都区协作办　单位：万元", Some(WanYuan)),
            ("单位：元", Some(Yuan)),
            ("单位：百万元", Some(BaiWanYuan)),
            ("单位：千万元", Some(QianWanYuan)),
            ("单位：人民币万元", Some(WanYuan)),
            ("单位：万元人民币", Some(WanYuan)),
            ("单位：亿", Some(YiYuan)),
            ("unit: yield", None),
            ("单位：人", None),
            ("各帮扶单位万元以上项目", None),
            ("2020年帮扶资金表", None),
            ("community: yuan", None),
            ("单位：", None),
            ("", None),
            ("万元", None),
        ];
        for (input, expected) in rows {
            assert_eq!(unit_from_line(input), expected, "input {input:?}");
        }
    }
}
