//! The analysis spec: a plain JSON object naming rows, columns, measure,
//! aggregate, share, growth, unit and precision. Every field has a default.

use serde::{Deserialize, Serialize};

use crate::cell::MoneyUnit;
use crate::error::{Error, ErrorCode, Result};

macro_rules! named_enum {
    ($(#[$m:meta])* $name:ident, $what_zh:literal, $what_en:literal, { $($(#[$vm:meta])* $v:ident = $s:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum $name { $($(#[$vm])* $v),+ }
        impl $name {
            /// Every variant, in the order the page lists them.
            pub const ALL: &'static [$name] = &[$($name::$v),+];
            /// The name used in specs and results.
            ///
            /// # Example
            /// ```
            /// use aidstat::analyze::spec::{Aggregate, GrowthKind, ShareKind};
            /// assert_eq!(Aggregate::CountNonnull.as_str(), "count_nonnull");
            /// assert_eq!(ShareKind::Parent.as_str(), "parent");
            /// assert_eq!("cagr".parse::<GrowthKind>().unwrap().as_str(), "cagr");
            /// assert!("yoy".parse::<GrowthKind>().is_err());
            /// ```
            pub fn as_str(self) -> &'static str { match self { $($name::$v => $s),+ } }
        }
        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }
        impl std::str::FromStr for $name {
            type Err = Error;
            fn from_str(s: &str) -> Result<$name> {
                match s { $($s => Ok($name::$v),)+ _ => {
                    let names: Vec<&str> = $name::ALL.iter().map(|v| v.as_str()).collect();
                    Err(Error::new(
                        ErrorCode::UnknownOperation,
                        format!("没有“{}”这种{}，可选：{}", s, $what_zh, names.join("、")),
                        format!("unknown {} `{}`; use one of {}", $what_en, s, names.join(", ")),
                    ))
                }}
            }
        }
    };
}

named_enum!(
    /// How the records of a group become one figure (SEMANTICS §3).
    Aggregate, "汇总方式", "aggregate", {
        /// Sum of non-null values; missing when all are null.
        Sum = "sum",
        /// Number of records.
        Count = "count",
        /// Number of non-null values.
        CountNonnull = "count_nonnull",
        /// sum / count_nonnull.
        Mean = "mean",
        /// Smallest non-null value.
        Min = "min",
        /// Largest non-null value.
        Max = "max",
        /// Number of distinct values of the column.
        Distinct = "distinct",
    }
);

impl Aggregate {
    /// Whether parts add up to the whole, so that shares make sense.
    pub(crate) fn is_additive(self) -> bool {
        matches!(
            self,
            Aggregate::Sum | Aggregate::Count | Aggregate::CountNonnull
        )
    }

    /// Whether the figure is a count (no unit, no decimals).
    pub(crate) fn is_count(self) -> bool {
        matches!(
            self,
            Aggregate::Count | Aggregate::CountNonnull | Aggregate::Distinct
        )
    }
}

named_enum!(
    /// Share variants (SEMANTICS §4).
    ShareKind, "占比口径", "share", {
        /// No share.
        None = "none",
        /// cell / grand total.
        Grand = "grand",
        /// cell / total of its row.
        Row = "row",
        /// cell / total of its column.
        Column = "column",
        /// cell / subtotal of its immediate parent group.
        Parent = "parent",
    }
);

named_enum!(
    /// Growth variants (SEMANTICS §5).
    GrowthKind, "增长指标", "growth", {
        /// No growth.
        None = "none",
        /// 增减额: cur − prior.
        Change = "change",
        /// 增长率: (cur − prior) / |prior|.
        Rate = "rate",
        /// 发展速度: cur / prior (as 100% + rate when prior < 0).
        Speed = "speed",
        /// 定基指数: cur / base × 100.
        Index = "index",
        /// 年均增长率 over the view's first and last period.
        Cagr = "cagr",
        /// 年均: total / number of periods from first to last.
        Average = "average",
        /// 增长贡献率: Δpart / Δtotal.
        Contribution = "contribution",
        /// 拉动 (percentage points): Δpart / total_prior × 100.
        Pull = "pull",
    }
);

impl GrowthKind {
    /// Whether the figure is one per row (over its periods) rather than per cell.
    pub(crate) fn is_summary(self) -> bool {
        matches!(self, GrowthKind::Cagr | GrowthKind::Average)
    }
}

/// A filter on a key column's values (as shown: labels).
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Filter {
    /// Column name.
    pub column: String,
    /// Keep only these values.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub keep: Option<Vec<String>>,
    /// Drop these values.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub drop: Option<Vec<String>>,
}

/// The spec as written in JSON (camelCase; every field optional).
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct RawSpec {
    rows: Option<Vec<String>>,
    columns: Option<String>,
    measure: Option<String>,
    aggregate: Option<String>,
    share: Option<String>,
    growth: Option<String>,
    base_period: Option<String>,
    unit: Option<String>,
    precision: Option<u32>,
    percent_precision: Option<u32>,
    subtotals: Option<bool>,
    totals: Option<bool>,
    filters: Option<Vec<Filter>>,
    largest_remainder: Option<bool>,
}

/// A spec with every default filled in. A result echoes it back with the
/// measure and the unit it resolved (JSON: camelCase, enums by name, the unit
/// by its label).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Spec {
    /// Columns down the side.
    pub rows: Vec<String>,
    /// Column across the top.
    pub columns: Option<String>,
    /// Measure column (None: count records).
    pub measure: Option<String>,
    /// Aggregate.
    pub aggregate: Aggregate,
    /// Share variant.
    pub share: ShareKind,
    /// Growth variant.
    pub growth: GrowthKind,
    /// Base period label for the index.
    pub base_period: Option<String>,
    /// Output money unit (None: the measure's unit).
    #[serde(serialize_with = "unit_label")]
    pub unit: Option<MoneyUnit>,
    /// Decimals of amounts.
    pub precision: u32,
    /// Decimals of percentages.
    pub percent_precision: u32,
    /// Subtotal rows.
    pub subtotals: bool,
    /// Grand total row and total column.
    pub totals: bool,
    /// Filters.
    pub filters: Vec<Filter>,
    /// Largest-remainder rounding of shares.
    pub largest_remainder: bool,
}

impl Default for Spec {
    fn default() -> Spec {
        Spec {
            rows: Vec::new(),
            columns: None,
            measure: None,
            aggregate: Aggregate::Sum,
            share: ShareKind::None,
            growth: GrowthKind::None,
            base_period: None,
            unit: None,
            precision: 2,
            percent_precision: 2,
            subtotals: true,
            totals: true,
            filters: Vec::new(),
            largest_remainder: false,
        }
    }
}

/// Most decimals a figure may be shown with.
pub const MAX_PRECISION: u32 = 10;

/// A spec's JSON text as an object (`null` or empty: no field), to merge
/// one spec's fields into another's before parsing.
///
/// # Example
/// ```
/// use aidstat::analyze::spec::spec_object;
/// assert_eq!(spec_object(r#"{"share":"row"}"#).unwrap().len(), 1);
/// assert!(spec_object("").unwrap().is_empty());
/// assert_eq!(spec_object("[1]").unwrap_err().code.as_str(), "bad_spec");
/// ```
pub fn spec_object(text: &str) -> Result<serde_json::Map<String, serde_json::Value>> {
    let text = if text.trim().is_empty() { "null" } else { text };
    match serde_json::from_str::<serde_json::Value>(text) {
        Ok(serde_json::Value::Object(m)) => Ok(m),
        Ok(serde_json::Value::Null) => Ok(serde_json::Map::new()),
        Ok(_) => Err(Error::new(
            ErrorCode::BadSpec,
            "分析设置应为一个对象",
            "an analysis spec must be an object",
        )),
        Err(e) => Err(Error::new(
            ErrorCode::BadSpec,
            format!("分析设置有误：{e}"),
            format!("invalid analysis spec: {e}"),
        )),
    }
}

impl Spec {
    /// Whether two specs group the rows alike (rows, columns, measure,
    /// aggregate, filters): then the groups of one render the other.
    ///
    /// # Example
    /// ```
    /// use aidstat::analyze::spec::Spec;
    /// let a = Spec::from_json(r#"{"rows":["板块"],"share":"grand"}"#).unwrap();
    /// let b = Spec::from_json(r#"{"rows":["板块"],"growth":"rate","unit":"亿元"}"#).unwrap();
    /// let c = Spec::from_json(r#"{"rows":["年度"]}"#).unwrap();
    /// assert!(a.same_grouping(&b) && !a.same_grouping(&c));
    /// ```
    pub fn same_grouping(&self, other: &Spec) -> bool {
        (
            &self.rows,
            &self.columns,
            &self.measure,
            self.aggregate,
            &self.filters,
        ) == (
            &other.rows,
            &other.columns,
            &other.measure,
            other.aggregate,
            &other.filters,
        )
    }

    /// A spec patched: the fields of `patch` (JSON) replace those of `base` (JSON).
    ///
    /// # Example
    /// ```
    /// use aidstat::analyze::spec::{Spec, ShareKind};
    /// let s = Spec::patched(r#"{"rows":["板块"],"share":"grand"}"#, r#"{"share":"row"}"#).unwrap();
    /// assert_eq!((s.rows.len(), s.share), (1, ShareKind::Row));
    /// ```
    pub fn patched(base: &str, patch: &str) -> Result<Spec> {
        let mut merged = spec_object(base)?;
        merged.extend(spec_object(patch)?);
        Spec::from_json(&serde_json::Value::Object(merged).to_string())
    }

    /// Parses a spec from JSON text.
    ///
    /// # Example
    /// ```
    /// use aidstat::analyze::spec::{Spec, ShareKind};
    /// let s = Spec::from_json(r#"{"rows":["板块"],"columns":"年度","share":"column"}"#).unwrap();
    /// assert_eq!(s.share, ShareKind::Column);
    /// assert_eq!(s.precision, 2);
    /// assert!(Spec::from_json(r#"{"aggregate":"median"}"#).is_err());
    /// ```
    pub fn from_json(text: &str) -> Result<Spec> {
        let raw: RawSpec = serde_json::from_str(text).map_err(|e| {
            Error::new(
                ErrorCode::BadSpec,
                format!("分析设置有误：{e}"),
                format!("invalid analysis spec: {e}"),
            )
        })?;
        let d = Spec::default();
        let precision = |p: Option<u32>, dflt: u32| -> Result<u32> {
            match p {
                Some(p) if p > MAX_PRECISION => Err(Error::new(
                    ErrorCode::BadSpec,
                    format!("小数位数 {p} 太大，最多 {MAX_PRECISION} 位"),
                    format!("precision {p} is too large; at most {MAX_PRECISION}"),
                )),
                Some(p) => Ok(p),
                None => Ok(dflt),
            }
        };
        let unit = match raw.unit.as_deref().map(str::trim).filter(|u| !u.is_empty()) {
            None => None,
            Some(u) => Some(MoneyUnit::from_label(u).ok_or_else(|| {
                Error::new(
                    ErrorCode::UnknownOperation,
                    format!("不认识的金额单位“{u}”，可选：元、千元、万元、百万元、亿元"),
                    format!("unknown money unit \"{u}\"; use 元, 千元, 万元, 百万元 or 亿元"),
                )
            })?),
        };
        Ok(Spec {
            rows: raw.rows.unwrap_or_default(),
            columns: raw.columns.filter(|c| !c.is_empty()),
            measure: raw.measure.filter(|m| !m.is_empty()),
            aggregate: raw
                .aggregate
                .as_deref()
                .map_or(Ok(d.aggregate), str::parse)?,
            share: raw.share.as_deref().map_or(Ok(d.share), str::parse)?,
            growth: raw.growth.as_deref().map_or(Ok(d.growth), str::parse)?,
            base_period: raw.base_period.filter(|b| !b.is_empty()),
            unit,
            precision: precision(raw.precision, d.precision)?,
            percent_precision: precision(raw.percent_precision, d.percent_precision)?,
            subtotals: raw.subtotals.unwrap_or(d.subtotals),
            totals: raw.totals.unwrap_or(d.totals),
            filters: raw.filters.unwrap_or_default(),
            largest_remainder: raw.largest_remainder.unwrap_or(d.largest_remainder),
        })
    }
}

/// A money unit by its label (`万元`), as results show it.
fn unit_label<S: serde::Serializer>(
    u: &Option<MoneyUnit>,
    s: S,
) -> std::result::Result<S::Ok, S::Error> {
    match u {
        Some(u) => s.serialize_str(u.label()),
        None => s.serialize_none(),
    }
}
