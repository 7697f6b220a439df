//! A spec resolved against a clean layout: which clean columns are the row
//! keys, the column key, the period and the measure, and the `src` rows
//! (filters and unreadable cells applied) every figure is computed from.

use super::expr::{ident, int, lit, pow10, text};
use super::Dialect;
use crate::analyze::spec::{Aggregate, Spec};
use crate::cell::{Grain, MoneyUnit, Period};
use crate::error::{Error, ErrorCode, Result};
use crate::export::{Layout, LayoutColumn, LayoutRole};
use crate::table::{MeasureKind, BLANK_LABEL};

/// A key column of the view: its label (NULL when blank) and, for a period,
/// its calendar index (consecutive periods differ by 1).
pub(crate) struct KeyExpr {
    pub name: String,
    pub label: String,
    pub pidx: Option<String>,
    pub bad: Option<String>,
}

/// Where the period is.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum At {
    Columns,
    Row(usize),
    Nowhere,
}

/// The base of the index.
pub(crate) enum Base {
    First,
    At(i64),
    Missing,
}

/// A spec resolved.
pub(crate) struct Plan {
    pub d: Dialect,
    pub rows: Vec<KeyExpr>,
    pub col: Option<KeyExpr>,
    pub at: At,
    pub aggregate: Aggregate,
    /// The value of a row (an integer expression, or a label for distinct).
    pub value: Option<String>,
    /// Whether `value` is a key label (distinct over a key column).
    pub value_is_key: bool,
    /// Figures are `n / d × 10^exp` (amounts: from the scaled integers to the unit shown).
    pub exp: i32,
    /// Decimals of amounts.
    pub amount_dp: u32,
    pub conds: Vec<String>,
    pub base: Base,
}

fn unknown(name: &str, layout: &Layout) -> Error {
    let names: Vec<&str> = layout.columns.iter().map(|c| c.name.as_str()).collect();
    Error::new(
        ErrorCode::UnknownColumn,
        format!("没有名为“{name}”的列；现有的列：“{}”", names.join("”、“")),
        format!(
            "no column named \"{name}\"; the columns are: {}",
            names.join(", ")
        ),
    )
}

fn refuse(zh: String, en: String) -> Error {
    Error::new(ErrorCode::BadRequest, zh, en)
}

/// `CAST(NULLIF(CAST(col AS text), '') AS ty)`: a clean field, empty as NULL.
fn field(d: Dialect, name: &str) -> String {
    format!("NULLIF(CAST({} AS {}), '')", ident(d, name), text(d))
}

fn not_bad(d: Dialect, flag: &LayoutColumn) -> String {
    format!("COALESCE({}, '') <> 'true'", field(d, &flag.name))
}

fn key_expr(d: Dialect, layout: &Layout, name: &str) -> Result<KeyExpr> {
    let c = layout.find(name).ok_or_else(|| unknown(name, layout))?;
    let bad = layout.bad_flag(&c.name).map(|f| not_bad(d, f));
    match &c.role {
        LayoutRole::Dimension | LayoutRole::Source => Ok(KeyExpr {
            name: name.to_string(),
            label: field(d, &c.name),
            pidx: None,
            bad,
        }),
        LayoutRole::Year { period, grain } => {
            let ty = match d {
                Dialect::DuckDb => "BIGINT",
                Dialect::Spark => "BIGINT",
            };
            let year = format!("CAST({} AS {ty})", field(d, &c.name));
            let ystr = format!("CAST({year} AS {})", text(d));
            let sub = |pred: fn(&LayoutRole, &str) -> bool| {
                layout
                    .with_role(|r| pred(r, period))
                    .map(|s| format!("CAST({} AS {ty})", field(d, &s.name)))
            };
            let (label, pidx) = match grain {
                Grain::Year => (ystr, year),
                Grain::Quarter => {
                    let q = sub(|r, p| matches!(r, LayoutRole::Quarter { period } if period == p))
                        .unwrap_or_else(|| "CAST(NULL AS BIGINT)".into());
                    (
                        format!("{ystr} || 'Q' || CAST({q} AS {})", text(d)),
                        format!("{year} * 4 + {q} - 1"),
                    )
                }
                Grain::Month => {
                    let m = sub(|r, p| matches!(r, LayoutRole::Month { period } if period == p))
                        .unwrap_or_else(|| "CAST(NULL AS BIGINT)".into());
                    (
                        format!("{ystr} || '-' || LPAD(CAST({m} AS {}), 2, '0')", text(d)),
                        format!("{year} * 12 + {m} - 1"),
                    )
                }
            };
            Ok(KeyExpr {
                name: name.to_string(),
                label,
                pidx: Some(pidx),
                bad,
            })
        }
        _ => Err(refuse(
            format!("“{name}”不是分类或时期列，不能用来分组或筛选"),
            format!(
                "\"{name}\" is not a dimension or period column and cannot group or filter rows"
            ),
        )),
    }
}

/// The condition of one filter on a key's label.
fn filter_cond(k: &KeyExpr, keep: Option<&[String]>, drop: Option<&[String]>) -> String {
    let within = |list: &[String]| {
        let named: Vec<String> = list
            .iter()
            .filter(|v| *v != BLANK_LABEL)
            .map(|v| lit(v))
            .collect();
        let mut parts = Vec::new();
        if !named.is_empty() {
            parts.push(format!(
                "COALESCE({} IN ({}), FALSE)",
                k.label,
                named.join(", ")
            ));
        }
        if list.iter().any(|v| v == BLANK_LABEL) {
            parts.push(format!("({} IS NULL)", k.label));
        }
        match parts.is_empty() {
            true => "FALSE".to_string(),
            false => format!("({})", parts.join(" OR ")),
        }
    };
    let mut conds = Vec::new();
    if let Some(list) = keep {
        // An unreadable period (its label is its raw text) is never kept.
        conds.push(match &k.bad {
            Some(ok) => format!("({ok} AND {})", within(list)),
            None => within(list),
        });
    }
    if let Some(list) = drop {
        conds.push(match &k.bad {
            Some(ok) => format!("(NOT ({ok}) OR NOT {})", within(list)),
            None => format!("NOT {}", within(list)),
        });
    }
    conds.join(" AND ")
}

impl Plan {
    pub(crate) fn new(spec: &Spec, layout: &Layout, d: Dialect) -> Result<Plan> {
        if let Some(ind) = &layout.indicators {
            return Err(refuse(
                format!("“{ind}”列是不同的指标（各有单位），SQL 导出暂不支持指标表"),
                format!("\"{ind}\" holds different indicators, each with its unit: the SQL export does not support indicator tables yet"),
            ));
        }
        if spec.largest_remainder && spec.share != crate::analyze::spec::ShareKind::None {
            return Err(refuse(
                "SQL 导出不支持最大余额法调整占比".into(),
                "the SQL export does not support largest-remainder shares".into(),
            ));
        }
        let mut rows = Vec::new();
        for name in &spec.rows {
            rows.push(key_expr(d, layout, name)?);
        }
        let col = spec
            .columns
            .as_deref()
            .map(|c| key_expr(d, layout, c))
            .transpose()?;
        let at = match &col {
            Some(c) if c.pidx.is_some() => At::Columns,
            _ => rows
                .iter()
                .position(|k| k.pidx.is_some())
                .map_or(At::Nowhere, At::Row),
        };
        let mut conds: Vec<String> = rows
            .iter()
            .chain(&col)
            .filter_map(|k| k.bad.clone())
            .collect();
        for f in &spec.filters {
            let k = key_expr(d, layout, &f.column)?;
            conds.push(filter_cond(&k, f.keep.as_deref(), f.drop.as_deref()));
        }
        let measure = match &spec.measure {
            Some(m) => Some(layout.find(m).ok_or_else(|| unknown(m, layout))?),
            None if spec.aggregate == Aggregate::Count => None,
            None => layout.with_role(|r| matches!(r, LayoutRole::Measure { .. })),
        };
        let (mut value, mut value_is_key, mut exp) = (None, false, 0i32);
        match measure.map(|m| (m, &m.role)) {
            Some((
                m,
                LayoutRole::Measure {
                    kind,
                    unit,
                    source_unit,
                    scale,
                },
            )) => {
                let s = *scale;
                value = Some(format!(
                    "CAST(CAST({} AS DECIMAL(38,{s})) * {} AS {})",
                    field(d, &m.name),
                    pow10(d, s),
                    int(d)
                ));
                if let Some(flag) = layout.bad_flag(&m.name) {
                    conds.push(not_bad(d, flag));
                }
                let e = |u: Option<MoneyUnit>| u.map_or(0, |u| u.exponent() as i32);
                exp = if *kind == MeasureKind::Money {
                    e(*unit) - s as i32 - e(spec.unit.or(*source_unit))
                } else {
                    -(s as i32)
                };
            }
            Some((m, _)) if matches!(spec.aggregate, Aggregate::Count | Aggregate::Distinct) => {
                if spec.aggregate == Aggregate::Distinct {
                    if layout.bad_flag(&m.name).is_some() {
                        return Err(refuse(
                            format!("“{}”有无法读取的期间，SQL 导出不能对它去重计数", m.name),
                            format!("\"{}\" has unreadable periods: the SQL export cannot count its distinct values", m.name),
                        ));
                    }
                    let k = key_expr(d, layout, &m.name)?;
                    value = Some(k.pidx.unwrap_or(k.label));
                    value_is_key = true;
                }
            }
            Some((m, _)) => {
                return Err(refuse(
                    format!(
                        "“{}”不是数值列，不能做“{}”；可用“计数”或“去重计数”",
                        m.name,
                        spec.aggregate.as_str()
                    ),
                    format!(
                    "\"{}\" is not a numeric column, so `{}` does not apply; use count or distinct",
                    m.name,
                    spec.aggregate.as_str()
                ),
                ))
            }
            None if spec.aggregate == Aggregate::Count => {}
            None => {
                return Err(refuse(
                    format!(
                        "文件中没有数值列，不能做“{}”；可用“计数”",
                        spec.aggregate.as_str()
                    ),
                    format!(
                        "the file has no numeric column, so `{}` does not apply; use count",
                        spec.aggregate.as_str()
                    ),
                ))
            }
        }
        if spec.aggregate.is_count() {
            exp = 0;
        }
        let base = match &spec.base_period {
            None => Base::First,
            Some(label) => match (Period::parse_label(label), layout.grain) {
                (Some(p), Some(g)) if p.grain() == g => Base::At(p.index()),
                _ => Base::Missing,
            },
        };
        Ok(Plan {
            d,
            rows,
            col,
            at,
            aggregate: spec.aggregate,
            value,
            value_is_key,
            exp,
            amount_dp: if spec.aggregate.is_count() {
                0
            } else {
                spec.precision
            },
            conds,
            base,
        })
    }

    /// The `src` CTE: one row per record the view uses.
    pub(crate) fn src(&self, table: &str) -> String {
        let t = text(self.d);
        let mut sel: Vec<String> = self
            .rows
            .iter()
            .enumerate()
            .map(|(i, k)| format!("{} AS k{i}", k.label))
            .collect();
        sel.push(match &self.col {
            Some(c) => format!("{} AS c", c.label),
            None => format!("CAST(NULL AS {t}) AS c"),
        });
        let p = match self.at {
            At::Columns => self.col.as_ref().and_then(|c| c.pidx.clone()),
            At::Row(i) => self.rows.get(i).and_then(|k| k.pidx.clone()),
            At::Nowhere => None,
        };
        sel.push(format!(
            "{} AS p",
            p.unwrap_or_else(|| "CAST(NULL AS BIGINT)".into())
        ));
        sel.push(format!(
            "{} AS v",
            self.value
                .clone()
                .unwrap_or_else(|| format!("CAST(NULL AS {})", int(self.d)))
        ));
        let wh = match self.conds.is_empty() {
            true => String::new(),
            false => format!("\n  WHERE {}", self.conds.join("\n    AND ")),
        };
        format!(
            "SELECT {}\n  FROM {}{wh}",
            sel.join(",\n    "),
            ident(self.d, table)
        )
    }
}
