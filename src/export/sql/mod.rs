//! An analysis spec as one SQL query over the clean table ([`super::clean`]),
//! in DuckDB's or Spark's dialect, whose rows are the figures of aidstat's
//! result grid: one row per (row, column) of the grid with `row_level`, the
//! row keys, the column key, `column_total`, `value` and `reason`, and
//! `share`, `growth` or `summary` with their reasons when asked for.
//!
//! Every figure is computed as aidstat computes it: exact integer sums
//! (amounts scaled to integers), shares and rates as ratios of integers
//! rounded 四舍五入 by integer division ([`expr`]), growth against the
//! calendar-prior period by a join on the period index − 1 ([`figures`]).
//! The rules are in docs/RULES.md, "The clean export and SQL".

mod expr;
mod figures;
mod plan;

use std::str::FromStr;

use crate::analyze::spec::Spec;
use crate::error::{Error, ErrorCode, Result};

use super::Layout;

/// The SQL dialect.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dialect {
    /// DuckDB (≥ 1.0).
    DuckDb,
    /// Spark SQL (≥ 3.4).
    Spark,
}

impl FromStr for Dialect {
    type Err = Error;
    fn from_str(s: &str) -> Result<Dialect> {
        match s.trim().to_ascii_lowercase().as_str() {
            "duckdb" => Ok(Dialect::DuckDb),
            "spark" => Ok(Dialect::Spark),
            _ => Err(Error::new(
                ErrorCode::UnknownOperation,
                format!("不支持的 SQL 方言“{s}”，可选：duckdb、spark"),
                format!("unknown SQL dialect \"{s}\"; use duckdb or spark"),
            )),
        }
    }
}

/// Renders `spec` as one SELECT over the clean table named `table` (loaded
/// with every column as text, as `write_clean` wrote it), whose rows are the
/// figures of aidstat's result for the same spec.
///
/// # Example
/// ```
/// use aidstat::{analyze::spec::Spec, export::{layout, sql::{render, Dialect}}};
/// let csv = "年度,板块,金额(万元)\n2020,医疗帮扶,430\n2021,医疗帮扶,473\n";
/// let t = aidstat::load::load(csv.as_bytes(), &Default::default()).unwrap();
/// let spec = Spec::from_json(r#"{"rows":["板块"],"columns":"年度","growth":"rate"}"#).unwrap();
/// let sql = render(&spec, &layout(&t, None), "duckdb".parse().unwrap(), "clean").unwrap();
/// assert!(sql.starts_with("WITH src AS") && sql.contains("FROM \"clean\""));
/// let spark = render(&spec, &layout(&t, None), Dialect::Spark, "clean").unwrap();
/// assert!(spark.contains("`板块`"));
/// let bad = Spec::from_json(r#"{"rows":["地区"]}"#).unwrap();
/// assert_eq!(render(&bad, &layout(&t, None), Dialect::Spark, "clean").unwrap_err().code.as_str(), "unknown_column");
/// ```
pub fn render(spec: &Spec, layout: &Layout, dialect: Dialect, table: &str) -> Result<String> {
    let p = plan::Plan::new(spec, layout, dialect)?;
    Ok(figures::query(&p, spec, table))
}
