//! Column roles and units inferred from the header text and a sample of the
//! cells (the analyst may override them: `load::ColumnOverride`).

use crate::cell::{
    is_null_marker, parse_number, parse_period, total_marker, unit_from_header, CellValue,
    MoneyUnit, Unit,
};
use crate::table::{MeasureKind, Role, UnitSource};

pub(crate) use crate::cell::loose_name;

const PERIOD_WORDS: [&str; 14] = [
    "年度", "年份", "年", "期间", "时期", "时间", "日期", "月份", "季度", "year", "date", "period",
    "month", "quarter",
];
const ID_WORDS: [&str; 10] = [
    "代码", "编码", "编号", "序号", "邮编", "电话", "code", "id", "no.", "序",
];
const COUNT_WORDS: [&str; 10] = [
    "人数",
    "人次",
    "次数",
    "个数",
    "数量",
    "件数",
    "户数",
    "项目数",
    "家数",
    "count",
];

fn has_word(name: &str, words: &[&str]) -> bool {
    let n = loose_name(name);
    words.iter().any(|w| n.contains(w))
}

/// Whether a header names a period (年度, year, 日期 …).
pub(crate) fn is_period_header(name: &str) -> bool {
    let n = loose_name(name);
    // "年" alone must be the whole word or its end (年度/年份 are covered), not 年龄 etc.
    PERIOD_WORDS.iter().any(|w| {
        if *w == "年" {
            n == "年" || n.ends_with("年")
        } else {
            n.contains(w)
        }
    })
}

/// A column's sample: its distinct cell texts with how often each occurs.
pub type Sample<'a> = [(&'a str, usize)];

/// Distinct values of `cells` with their counts, in first-seen order.
pub(crate) fn sample_of<'a>(cells: impl IntoIterator<Item = &'a str>) -> Vec<(&'a str, usize)> {
    let mut index: rustc_hash::FxHashMap<&'a str, usize> = Default::default();
    let mut out: Vec<(&'a str, usize)> = Vec::new();
    for c in cells {
        match index.get(c) {
            Some(&i) => {
                if let Some(e) = out.get_mut(i) {
                    e.1 += 1;
                }
            }
            None => {
                index.insert(c, out.len());
                out.push((c, 1));
            }
        }
    }
    out
}

/// Infers a column's role from its header and a sample of its cells.
pub(crate) fn infer_role(name: &str, sample: &Sample<'_>) -> Role {
    let cells: Vec<(&str, usize)> = sample
        .iter()
        .copied()
        .filter(|(c, _)| !is_null_marker(c) && total_marker(c).is_none())
        .collect();
    let total: usize = cells.iter().map(|(_, n)| n).sum();
    if total == 0 {
        return Role::Dimension;
    }
    let count = |pred: &dyn Fn(&str) -> bool| -> usize {
        cells.iter().filter(|(c, _)| pred(c)).map(|(_, n)| n).sum()
    };
    let is_period = |c: &str| matches!(parse_period(c), Ok(Some(_)));
    if is_period_header(name) {
        let periods = count(&is_period);
        if periods * 10 >= total * 8 {
            return Role::Period;
        }
        // Years gone wrong (0, 99999, 1800) among real ones: still the period
        // column, whose bad cells are listed; never a measure of years summed.
        let out_of_range =
            count(&|c| matches!(parse_period(c), Err(crate::cell::BadPeriod::YearOutOfRange)));
        if periods * 2 >= total && (periods + out_of_range) * 10 >= total * 8 {
            return Role::Period;
        }
        // Spans such as 2013-2015 are labels, not calendar periods.
        if cells
            .iter()
            .any(|(c, _)| matches!(parse_period(c), Err(crate::cell::BadPeriod::Range)))
        {
            return Role::Dimension;
        }
    } else {
        // Without a period header, only cells that all say they are periods (2020年, 2020-03) count.
        let bare_year =
            |c: &str| c.trim().len() == 4 && c.trim().bytes().all(|b| b.is_ascii_digit());
        if cells.iter().all(|(c, _)| is_period(c)) && !cells.iter().all(|(c, _)| bare_year(c)) {
            return Role::Period;
        }
    }
    if has_word(name, &ID_WORDS) {
        return Role::Dimension;
    }
    if count(&|c| matches!(parse_number(c), Ok(CellValue::Number(_)))) * 2 >= total {
        Role::Measure
    } else {
        Role::Dimension
    }
}

/// A name that says its figures are rates or shares: `%`, ending in 率,
/// 占比, 比重, 同比, 环比, 增减幅, 增幅, 增速, 百分比, or the words percent,
/// share, rate, ratio.
pub(crate) fn is_rate_name(name: &str) -> bool {
    let n = loose_name(name);
    let english = n
        .split(|c: char| !c.is_ascii_alphanumeric())
        .any(|w| matches!(w, "percent" | "share" | "rate" | "ratio"));
    n.contains('%')
        || n.ends_with('率')
        || english
        || [
            "占比",
            "比重",
            "同比",
            "环比",
            "增减幅",
            "增幅",
            "增速",
            "百分比",
        ]
        .iter()
        .any(|w| n.contains(w))
}

/// A numeric column that must not be summed with the rest, so is left out
/// (the analyst may still make it a measure): a rate or share the file
/// states (`增减%`, `同比增长(%)`, `占比`, `完成率`: aidstat computes its own),
/// and, in a table with the periods across the top, a cumulative figure beside
/// them (`1-6月累计`) or any figure beside them (it would repeat on every
/// period's record).
pub(crate) fn derived(name: &str, beside_periods: bool) -> Option<crate::table::Warning> {
    let n = loose_name(name);
    let rate = is_rate_name(name);
    // A cumulative column is the figure itself unless it stands beside periods.
    let cumulative =
        beside_periods && (n.contains("累计") || n.contains("累計") || n.contains("cumulative"));
    let (zh, en) = if rate {
        ("是文件自带的比率或占比，不能相加（增长与占比由 aidstat 按数值重新计算）", "is a rate or share the file states; rates do not add up (aidstat computes growth and shares from the figures)")
    } else if cumulative {
        (
            "是累计数，与各期数值相加会重复计算",
            "is a cumulative figure; adding it to the periods' figures would count them twice",
        )
    } else if beside_periods {
        ("在按年份展开后会在每一年的记录上重复出现，相加会重复计算", "would repeat on every year's record once the years are laid out, so adding it would count it several times")
    } else {
        return None;
    };
    Some(crate::table::Warning::new(
        "derived_column",
        format!("“{name}”{zh}：未作为数值列读入；如需要，可在列设置中改为“数值”"),
        format!("\"{name}\" {en}: not read as a measure; make it a measure in the column settings if needed"),
    ))
}

/// Whether a column names each row's unit: nearly all its filled cells are
/// unit words (万元, 亿元, 人, 人次 …). Returns the units seen, most common first.
pub(crate) fn unit_column(sample: &Sample<'_>) -> Option<Vec<Unit>> {
    let cells: Vec<(&str, usize)> = sample
        .iter()
        .copied()
        .filter(|(c, _)| !is_null_marker(c))
        .collect();
    let total: usize = cells.iter().map(|(_, n)| n).sum();
    if total == 0 {
        return None;
    }
    let mut counts: Vec<(Unit, usize)> = Vec::new();
    let mut unknown = 0usize;
    for (c, n) in &cells {
        match Unit::from_label(c) {
            Some(u) => match counts.iter_mut().find(|(v, _)| *v == u) {
                Some(e) => e.1 += n,
                None => counts.push((u, *n)),
            },
            None => {
                unknown += n;
                if unknown * 10 > total {
                    return None;
                }
            }
        }
    }
    crate::order::sort_by_key(&mut counts, |(_, n)| std::cmp::Reverse(*n));
    Some(counts.into_iter().map(|(u, _)| u).collect())
}

/// Kind and unit of a measure column, from its header, a unit line, the
/// load's default unit, or the units its cells carry.
pub(crate) fn infer_unit(
    name: &str,
    sample: &Sample<'_>,
    unit_line: Option<Unit>,
    default_unit: Option<MoneyUnit>,
) -> (MeasureKind, Option<Unit>, Option<UnitSource>) {
    match unit_from_header(name) {
        Some(u @ Unit::Money(_)) => return (MeasureKind::Money, Some(u), Some(UnitSource::Header)),
        Some(u @ Unit::Count(_)) => return (MeasureKind::Count, Some(u), Some(UnitSource::Header)),
        None => {}
    }
    let mut counts: Vec<(Unit, usize)> = Vec::new();
    for (c, k) in sample {
        if let Ok(CellValue::Number(n)) = parse_number(c) {
            if let Some(u) = n.unit {
                match counts.iter_mut().find(|(v, _)| *v == u) {
                    Some(e) => e.1 += k,
                    None => counts.push((u, *k)),
                }
            }
        }
    }
    let commonest = counts.iter().max_by_key(|(_, n)| *n).map(|(u, _)| *u);
    if let (None, Some(u @ Unit::Count(_))) = (commonest, unit_line) {
        // A count stated above the header (`(10000 persons)`): a count column.
        return (MeasureKind::Count, Some(u), Some(UnitSource::UnitLine));
    }
    if has_word(name, &COUNT_WORDS) || matches!(commonest, Some(Unit::Count(_))) {
        let unit = commonest.filter(|u| matches!(u, Unit::Count(_)));
        return (MeasureKind::Count, unit, unit.map(|_| UnitSource::Cells));
    }
    if let Some(Unit::Money(u)) = unit_line {
        return (
            MeasureKind::Money,
            Some(Unit::Money(u)),
            Some(UnitSource::UnitLine),
        );
    }
    if let Some(u) = default_unit {
        return (
            MeasureKind::Money,
            Some(Unit::Money(u)),
            Some(UnitSource::Default),
        );
    }
    if let Some(u @ Unit::Money(_)) = commonest {
        return (MeasureKind::Money, Some(u), Some(UnitSource::Cells));
    }
    (MeasureKind::Number, None, None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles() {
        let rows: [(&str, &[&str], Role); 9] = [
            ("年度", &["2020", "2021"], Role::Period),
            ("year", &["2020", "2021"], Role::Period),
            ("时间", &["2020年", "2021年"], Role::Period),
            ("x", &["2020年", "2021年"], Role::Period),
            ("金额", &["2020", "2021"], Role::Measure),
            ("板块", &["教育帮扶", "医疗帮扶"], Role::Dimension),
            ("金额(万元)", &["430", "约950万元", "-"], Role::Measure),
            ("行政区划代码", &["441803", "441802"], Role::Dimension),
            ("期间", &["2013-2015", "2020"], Role::Dimension),
        ];
        for (name, sample, want) in rows {
            assert_eq!(
                infer_role(name, &sample_of(sample.iter().copied())),
                want,
                "column {name}"
            );
        }
    }

    #[test]
    fn units() {
        let wan = Some(Unit::Money(MoneyUnit::WanYuan));
        assert_eq!(
            infer_unit("金额(万元)", &sample_of(["1"]), None, None),
            (MeasureKind::Money, wan, Some(UnitSource::Header))
        );
        assert_eq!(
            infer_unit(
                "金额",
                &sample_of(["1"]),
                Some(Unit::Money(MoneyUnit::WanYuan)),
                None
            )
            .2,
            Some(UnitSource::UnitLine)
        );
        assert_eq!(
            infer_unit("金额", &sample_of(["1万元", "2万元", "3"]), None, None),
            (MeasureKind::Money, wan, Some(UnitSource::Cells))
        );
        assert_eq!(
            infer_unit(
                "帮扶人数",
                &sample_of(["12"]),
                Some(Unit::Money(MoneyUnit::WanYuan)),
                None
            )
            .0,
            MeasureKind::Count
        );
        assert_eq!(
            infer_unit("金额", &sample_of(["1"]), None, None),
            (MeasureKind::Number, None, None)
        );
    }
}
