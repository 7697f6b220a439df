//! Years across the top: a table whose headers are periods (`板块,2020年,
//! 2021年,2022年`, newest first too) holds one measure with the period as a
//! dimension. [`detect`] finds such columns in the header; [`Wide::unpivot`]
//! turns each record into one record per period column (label columns, the
//! period, the cell), so that everything after reads a long table. Each
//! record keeps its file line.
//!
//! Recognised headers: a period (`2020`, `2020年`, `2020年度`, `2021Q1`,
//! `2021年一季度`, `2021年1月`, `2021-03`), then optionally a measure word
//! (`2020年金额`) and a unit in brackets (`2020（万元）`). All period columns
//! must name the same measure word and unit, and be of one grain. A column
//! headed 合计 / 小计 / 总计 beside them is the sheet's own row total: it is
//! not a period and is left out (said in a warning). The load option
//! `wide: false` reads the columns as they are.

use crate::message::Texts;
use csv::ByteRecord;
use rust_decimal::Decimal;

use crate::cell::{
    parse_number, parse_period, to_halfwidth, total_marker, trim_cell, CellValue, Grain, Period,
};
use crate::read::{csv::field_text, Fields};
use crate::table::Warning;

/// The period columns of a wide table and how to read them.
#[derive(Clone, Debug, PartialEq)]
pub struct Wide {
    /// Columns kept as they are (labels), by index in the file.
    pub keep: Vec<usize>,
    /// Period columns: (index in the file, the period's label).
    pub periods: Vec<(usize, String)>,
    /// Total columns (合计 …), left out.
    pub totals: Vec<usize>,
    /// Rate columns of the same periods (`2020年占比`, `2021年增长%` beside
    /// `2020年金额` …): figures the file derived, left out (they do not add).
    pub rates: Vec<usize>,
    /// The name of the new period column (年度, or 时期 for quarters / months).
    pub period_name: String,
    /// The name of the new measure column (`金额(万元)` …).
    pub measure_name: String,
    /// Whether that name is the default (`金额`: the headers name no measure).
    pub default_name: bool,
}

/// What period columns name: the measure word, the unit, the grain.
type Named = (String, String, Grain);

/// The period, measure word and unit a header names, if it starts with a period.
fn header_period(header: &str) -> Option<(Period, String, String)> {
    let h = to_halfwidth(header.trim()).into_owned();
    // A unit in brackets at the end: 2020(万元).
    let (body, unit) = match h.strip_suffix(')').and_then(|r| r.rsplit_once('(')) {
        Some((b, u)) => (b.trim().to_string(), u.trim().to_string()),
        None => (h.clone(), String::new()),
    };
    // The longest start that is a period; the rest is the measure word.
    let ends: Vec<usize> = body
        .char_indices()
        .map(|(i, c)| i + c.len_utf8())
        .filter(|&e| e >= 4)
        .collect();
    for &end in ends.iter().rev() {
        let (start, rest) = body.split_at(end);
        if let Ok(Some(v)) = parse_period(start) {
            if !start.starts_with(|c: char| c.is_ascii_digit()) {
                continue;
            }
            let rest = rest.trim().trim_start_matches(['年', '度']).trim();
            if rest.chars().any(|c| c.is_ascii_digit()) {
                continue;
            }
            return v.at(v.finest()).map(|p| (p, rest.to_string(), unit));
        }
    }
    None
}

/// The wide layout of a header, when two or more columns are periods of one
/// grain naming one measure, and another column holds labels.
///
/// # Example
/// ```
/// use aidstat::load::wide::detect;
/// let h: Vec<String> = ["板块", "2022年", "2021年", "2020年", "合计"].map(String::from).to_vec();
/// let w = detect(&h).unwrap();
/// assert_eq!(w.keep, vec![0]);
/// assert_eq!(w.periods, vec![(1, "2022".into()), (2, "2021".into()), (3, "2020".into())]);
/// assert_eq!(w.totals, vec![4]);
/// assert_eq!(w.period_name, "年度");
/// assert!(detect(&["年度".into(), "金额".into()]).is_none());
/// ```
pub fn detect(headers: &[String]) -> Option<Wide> {
    let mut keep = Vec::new();
    let mut totals = Vec::new();
    // Period columns grouped by the measure word, unit and grain they name.
    let mut groups: Vec<(Named, Vec<(usize, String)>)> = Vec::new();
    for (i, h) in headers.iter().enumerate() {
        match header_period(h) {
            Some((p, word, unit)) => {
                let this = (word, unit, p.grain());
                match groups.iter_mut().find(|(k, _)| *k == this) {
                    Some((_, cols)) => cols.push((i, p.label())),
                    None => groups.push((this, vec![(i, p.label())])),
                }
            }
            None if total_marker(to_halfwidth(h.trim()).as_ref()).is_some() => totals.push(i),
            None => keep.push(i),
        }
    }
    // One measure by period; rates of the same periods beside it (占比, 增长%)
    // are the file's derived figures, left out. Two measures that add
    // (金额 and 人数 by year) are not unpivoted (not yet).
    let (rate_groups, main): (Vec<_>, Vec<_>) = groups
        .into_iter()
        .partition(|((w, _, _), _)| !w.is_empty() && super::infer::is_rate_name(w));
    let [((word, unit, grain), periods)] = <[_; 1]>::try_from(main).ok()?;
    let rates: Vec<usize> = rate_groups
        .into_iter()
        .flat_map(|(_, cols)| cols.into_iter().map(|(i, _)| i))
        .collect();
    if periods.len() < 2 || keep.is_empty() {
        return None;
    }
    let default_name = word.is_empty();
    let word = if default_name {
        "金额".to_string()
    } else {
        word
    };
    let measure_name = if unit.is_empty() {
        word
    } else {
        format!("{word}({unit})")
    };
    let period_name = if grain == Grain::Year {
        "年度"
    } else {
        "时期"
    };
    let taken = |n: &str| keep.iter().any(|&k| headers.get(k).is_some_and(|h| h == n));
    Some(Wide {
        period_name: if taken(period_name) {
            format!("{period_name}(列)")
        } else {
            period_name.into()
        },
        measure_name,
        default_name,
        keep,
        periods,
        totals,
        rates,
    })
}

/// The wide layout of the columns the analyst names (`wide: { columns }`):
/// each named column is a period whose label is its period (`2020年` →
/// 2020) or, when it names none, its header as written; the other columns
/// are labels, a 合计 column a row total. A name the file lacks is an error.
///
/// # Example
/// ```
/// use aidstat::load::wide::named;
/// let h: Vec<String> = ["地区", "一季度", "二季度"].map(String::from).to_vec();
/// let w = named(&h, &["一季度".into(), "二季度".into()]).unwrap();
/// assert_eq!(w.periods, vec![(1, "一季度".into()), (2, "二季度".into())]);
/// assert_eq!(w.keep, vec![0]);
/// ```
pub fn named(headers: &[String], columns: &[String]) -> crate::error::Result<Wide> {
    let mut periods = Vec::new();
    for c in columns {
        let Some(i) = headers.iter().position(|h| h == c || h.trim() == c.trim()) else {
            return Err(crate::error::Error::new(
                crate::error::ErrorCode::UnknownColumn,
                format!("读取设置 wide 中的列“{c}”在文件里没有"),
                format!("the column \"{c}\" named in the load option wide is not in the file"),
            ));
        };
        let label = header_period(c).map_or_else(|| c.trim().to_string(), |(p, _, _)| p.label());
        periods.push((i, label));
    }
    let totals: Vec<usize> = (0..headers.len())
        .filter(|i| !periods.iter().any(|(p, _)| p == i))
        .filter(|&i| {
            headers
                .get(i)
                .is_some_and(|h| total_marker(to_halfwidth(h.trim()).as_ref()).is_some())
        })
        .collect();
    let keep: Vec<usize> = (0..headers.len())
        .filter(|i| !periods.iter().any(|(p, _)| p == i) && !totals.contains(i))
        .collect();
    if periods.is_empty() || keep.is_empty() {
        return Err(crate::error::Error::new(
            crate::error::ErrorCode::BadSpec,
            "读取设置 wide 需要至少一列时期和一列标签",
            "the load option wide needs at least one period column and one label column",
        ));
    }
    let grain = periods
        .iter()
        .find_map(|(_, l)| header_period(l).map(|(p, _, _)| p.grain()));
    let taken = |n: &str| keep.iter().any(|&k| headers.get(k).is_some_and(|h| h == n));
    let period_name = if grain == Some(Grain::Year) {
        "年度"
    } else {
        "时期"
    };
    Ok(Wide {
        period_name: if taken(period_name) {
            format!("{period_name}(列)")
        } else {
            period_name.into()
        },
        measure_name: if taken("金额") {
            "数值".into()
        } else {
            "金额".into()
        },
        default_name: true,
        keep,
        periods,
        totals,
        rates: Vec::new(),
    })
}

/// The year a title line states (`2023年1-6月帮扶资金完成情况` → 2023).
///
/// # Example
/// ```
/// use aidstat::load::wide::stated_year;
/// assert_eq!(stated_year("2023年1-6月对口帮扶资金完成情况表"), Some(2023));
/// assert_eq!(stated_year("单位：万元"), None);
/// ```
pub fn stated_year(line: &str) -> Option<i32> {
    let h = to_halfwidth(line).into_owned();
    let b = h.as_bytes();
    (0..b.len().saturating_sub(4)).find_map(|i| {
        let digits = b.get(i..i + 4)?;
        let before_digit = i > 0 && b.get(i - 1).is_some_and(u8::is_ascii_digit);
        if before_digit
            || !digits.iter().all(u8::is_ascii_digit)
            || !h.get(i + 4..)?.starts_with('年')
        {
            return None;
        }
        let y: i32 = std::str::from_utf8(digits).ok()?.parse().ok()?;
        (1900..=2100).contains(&y).then_some(y)
    })
}

/// Headers of this period and of the same period a year before.
const CURRENT: [&str; 6] = ["本年", "本期", "当年", "今年", "本年累计", "本年实际"];
const PRIOR: [&str; 6] = [
    "上年同期",
    "去年同期",
    "上年",
    "同期",
    "上年累计",
    "上年实际",
];

/// A current / prior pair (`本年, 上年同期`) read as two calendar years when
/// a title line states the year: the prior column is the year before.
/// Without a year the two stay measures (aidstat's growth needs calendar
/// periods); a rate beside them (`增减%`) is left out as a rate either way.
///
/// # Example
/// ```
/// use aidstat::load::wide::current_prior;
/// let h: Vec<String> = ["项目", "本年", "上年同期", "增减%"].map(String::from).to_vec();
/// let w = current_prior(&h, Some(2023)).unwrap();
/// assert_eq!(w.periods, vec![(2, "2022".into()), (1, "2023".into())]);
/// assert_eq!(w.rates, vec![3]);
/// assert!(current_prior(&h, None).is_none());
/// ```
pub fn current_prior(headers: &[String], year: Option<i32>) -> Option<Wide> {
    let year = year?;
    let find = |words: &[&str]| {
        headers
            .iter()
            .position(|h| words.contains(&to_halfwidth(h.trim()).as_ref()))
    };
    let (cur, prior) = (find(&CURRENT)?, find(&PRIOR)?);
    let rates: Vec<usize> = (0..headers.len())
        .filter(|&i| {
            i != cur
                && i != prior
                && headers
                    .get(i)
                    .is_some_and(|h| super::infer::is_rate_name(h))
        })
        .collect();
    let keep: Vec<usize> = (0..headers.len())
        .filter(|i| *i != cur && *i != prior && !rates.contains(i))
        .collect();
    if keep.is_empty() {
        return None;
    }
    let taken = |n: &str| keep.iter().any(|&k| headers.get(k).is_some_and(|h| h == n));
    Some(Wide {
        period_name: if taken("年度") {
            "年度(列)".into()
        } else {
            "年度".into()
        },
        measure_name: if taken("金额") {
            "数值".into()
        } else {
            "金额".into()
        },
        default_name: true,
        keep,
        periods: vec![(prior, (year - 1).to_string()), (cur, year.to_string())],
        totals: Vec::new(),
        rates,
    })
}

impl Wide {
    /// A table of counts (its unit line states 人, 万人 …): the measure is
    /// named 数值, not 金额, when the headers name none.
    pub(crate) fn counts(&mut self) {
        if self.default_name {
            self.measure_name = self.measure_name.replacen("金额", "数值", 1);
        }
    }

    /// The column names after unpivoting: the label columns, the period, the measure.
    pub(crate) fn names(&self, headers: &[String]) -> Vec<String> {
        let mut out: Vec<String> = self
            .keep
            .iter()
            .map(|&k| headers.get(k).cloned().unwrap_or_default())
            .collect();
        out.push(self.period_name.clone());
        out.push(self.measure_name.clone());
        out
    }

    /// One record per period column with a cell: the label cells, the
    /// period, the cell. An empty cell is no record, as in the long table
    /// (a null marker such as `—` is a record with a null).
    pub(crate) fn unpivot<F: Fields>(&self, rec: &F) -> Vec<ByteRecord> {
        let cells: Vec<&[u8]> = rec.fields().collect();
        let cell = |i: usize| cells.get(i).copied().unwrap_or(b"");
        self.periods
            .iter()
            .filter(|(i, _)| !trim_cell(field_text(cell(*i))).is_empty())
            .map(|(i, label)| {
                let mut r = ByteRecord::new();
                for &k in &self.keep {
                    r.push_field(cell(k));
                }
                r.push_field(label.as_bytes());
                r.push_field(cell(*i));
                r
            })
            .collect()
    }

    /// A row's own total (its first 合计 column) against the sum of its
    /// period cells: `(stated, computed)` when both are plain numbers without
    /// units of their own; `None` when the row states no total or a cell
    /// cannot be compared (a bad cell, an approximate value, a cell with a unit).
    pub(crate) fn row_total<F: Fields>(&self, rec: &F) -> Option<(Decimal, Decimal)> {
        let &t = self.totals.first()?;
        let plain = |b: &[u8]| -> Option<Option<Decimal>> {
            let text = trim_cell(field_text(b));
            if text.is_empty() {
                return Some(None);
            }
            match parse_number(text) {
                Ok(CellValue::Number(n)) if n.unit.is_none() && !n.approx => Some(Some(n.value)),
                Ok(CellValue::Null) => Some(None),
                _ => None,
            }
        };
        let stated = plain(rec.get(t).unwrap_or(b""))??;
        let mut computed = Decimal::ZERO;
        for (i, _) in &self.periods {
            if let Some(v) = plain(rec.get(*i).unwrap_or(b""))? {
                computed = computed.checked_add(v)?;
            }
        }
        Some((stated, computed))
    }

    /// What was done, for the schema's warnings.
    pub(crate) fn note(&self, headers: &[String]) -> Warning {
        let name = |i: usize| headers.get(i).map_or("", String::as_str);
        let cols: Vec<&str> = self.periods.iter().map(|(i, _)| name(*i)).collect();
        let (first, last) = (
            cols.first().copied().unwrap_or(""),
            cols.last().copied().unwrap_or(""),
        );
        let totals: Vec<&str> = self.totals.iter().map(|&i| name(i)).collect();
        let rates: Vec<&str> = self.rates.iter().map(|&i| name(i)).collect();
        let (rzh, ren) = if rates.is_empty() {
            (String::new(), String::new())
        } else {
            (
                format!("；“{}”是文件自带的比率，不能相加，未读入", rates.join("”“")),
                format!(
                    "; \"{}\" are rates the file states, which do not add up; not read",
                    rates.join("\", \"")
                ),
            )
        };
        let (tzh, ten) = if totals.is_empty() {
            (String::new(), String::new())
        } else {
            (
                format!("；“{}”列是各行的合计，未计入", totals.join("”“")),
                format!(
                    "; column \"{}\" is each row's total and is not counted",
                    totals.join("\", \"")
                ),
            )
        };
        Warning::new(
            "wide_unpivoted",
            format!(
                "{first}–{last} 共 {} 列按时期展开为“{}”，数值为“{}”{tzh}{rzh}；如不需要，可在读取设置中关闭",
                cols.len(),
                self.period_name,
                self.measure_name
            ),
            format!(
                "the {} columns {first}–{last} were read as one measure \"{}\" by \"{}\"{ten}{ren}; turn this off in the reading settings",
                cols.len(),
                self.measure_name,
                self.period_name
            ),
        )
    }
}

/// The findings of a wide table's 合计 column checked row by row: each row
/// whose stated total differs from the sum of its periods is a
/// `total_mismatch`; when every row checked matches, one `total_ok` says so.
pub(crate) fn row_total_findings(
    table: &mut crate::table::Table,
    (ok, wrong): (usize, Vec<(u64, Decimal, Decimal)>),
) {
    use crate::table::totals::Finding;
    let column = table
        .columns
        .iter()
        .find(|c| c.role == crate::table::Role::Measure)
        .map_or_else(String::new, |c| c.name.clone());
    let unit = table
        .columns
        .iter()
        .find(|c| c.role == crate::table::Role::Measure)
        .and_then(|c| c.unit)
        .map(|u| u.label());
    let u = unit.unwrap_or("");
    for (line, stated, computed) in &wrong {
        let difference = *stated - *computed;
        table.findings.push(Finding {
            code: "total_mismatch",
            severity: "warning",
            line: *line,
            column: column.clone(),
            stated: *stated,
            computed: *computed,
            difference,
            unit,
            covered_lines: vec![*line],
            text: Texts::new(format!("第 {line} 行的“合计”列写作 {stated}{u}，各时期之和为 {computed}{u}，相差 {difference}{u}"), format!("line {line}: the 合计 column states {stated}{u} but the periods add up to {computed}{u}, a difference of {difference}{u}")),
        });
    }
    if ok > 0 && wrong.is_empty() {
        table.warnings.push(Warning::new(
            "row_totals_ok",
            format!("{ok} 行的“合计”列与各时期之和相符"),
            format!("in {ok} rows the 合计 column equals the sum of the periods"),
        ));
    }
}
