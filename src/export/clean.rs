//! The clean export: a loaded [`Table`] as UTF-8 CSV (no BOM, RFC 4180
//! quoting), one row per loaded record, in the columns [`super::layout`]
//! describes; and the rows and cells set aside, with their lines and raw text.

use std::io::Write;

use rust_decimal::Decimal;

use super::{layout, Layout, LayoutRole};
use crate::cell::{MoneyUnit, Period};
use crate::error::{Error, ErrorCode, Result};
use crate::table::{CellState, ColumnData, Key, MeasureData, Table};

/// The value of row `r` written in `unit` (money: from 元, exactly; None
/// for other measures: as stored), trailing zeros dropped; None for a null or
/// unreadable cell, or a value that would need more than 28 decimals.
pub(crate) fn measure_value(m: &MeasureData, r: usize, unit: Option<MoneyUnit>) -> Option<Decimal> {
    match m.states.get(r)? {
        CellState::Value | CellState::Approx => {}
        CellState::Null | CellState::Bad => return None,
    }
    let v = m.value(r)?;
    let v = match unit {
        Some(u) => {
            Decimal::try_from_i128_with_scale(v.mantissa(), v.scale() + u.exponent()).ok()?
        }
        None => v,
    };
    let mut v = v.normalize();
    if v.is_zero() {
        v.set_sign_positive(true);
    }
    Some(v)
}

fn write_error(e: impl std::fmt::Display) -> Error {
    Error::new(
        ErrorCode::BadRequest,
        format!("写出文件失败：{e}"),
        format!("could not write the file: {e}"),
    )
}

/// The key of row `r` of key column `i`.
fn key(table: &Table, i: usize, r: usize) -> Option<&Key> {
    match &table.columns.get(i)?.data {
        ColumnData::Keys { codes, keys } => keys.get(*codes.get(r)? as usize),
        _ => None,
    }
}

/// A dimension's label as written: empty for a blank cell.
fn label(k: Option<&Key>) -> &str {
    match k {
        Some(k) if !k.blank => k.label.as_str(),
        _ => "",
    }
}

/// Writes the clean table: every loaded row (rows set aside are not in it),
/// money in `unit` (None: each column's own unit). Returns the rows written.
///
/// # Example
/// ```
/// use aidstat::{cell::MoneyUnit, export::write_clean};
/// let csv = "年度,板块,金额(万元)\n2020,医疗帮扶,430.5\n2020,,—\n2021,教育帮扶,abc\n";
/// let t = aidstat::load::load(csv.as_bytes(), &Default::default()).unwrap();
/// let mut out = Vec::new();
/// assert_eq!(write_clean(&t, "a.csv", Some(MoneyUnit::Yuan), &mut out).unwrap(), 3);
/// assert_eq!(
///     String::from_utf8(out).unwrap(),
///     "来源文件,行号,板块,年度,金额(万元),金额(万元)_有误\n\
///      a.csv,2,医疗帮扶,2020,4305000,false\n\
///      a.csv,3,,2020,,false\n\
///      a.csv,4,教育帮扶,2021,,true\n"
/// );
/// ```
pub fn write_clean<W: Write>(
    table: &Table,
    source: &str,
    unit: Option<MoneyUnit>,
    out: W,
) -> Result<usize> {
    let l: Layout = layout(table, unit);
    let mut w = csv::WriterBuilder::new().from_writer(out);
    w.write_record(l.columns.iter().map(|c| c.name.as_str()))
        .map_err(write_error)?;
    let mut rec: Vec<String> = Vec::with_capacity(l.columns.len());
    for r in 0..table.len() {
        rec.clear();
        for c in &l.columns {
            let k = || c.column.and_then(|i| key(table, i, r));
            let period = || k().and_then(|k| k.period);
            let field = match &c.role {
                LayoutRole::Source => match c.column {
                    Some(i) => label(key(table, i, r)).to_string(),
                    None => source.to_string(),
                },
                LayoutRole::Line => table.lines.get(r).map_or(String::new(), u64::to_string),
                LayoutRole::Dimension => label(k()).to_string(),
                LayoutRole::Year { .. } => match period() {
                    Some(Period::Year(y) | Period::Quarter(y, _) | Period::Month(y, _)) => {
                        y.to_string()
                    }
                    None => String::new(),
                },
                LayoutRole::Quarter { .. } => match period() {
                    Some(Period::Quarter(_, q)) => q.to_string(),
                    Some(Period::Month(_, m)) => (m.div_ceil(3)).to_string(),
                    _ => String::new(),
                },
                LayoutRole::Month { .. } => match period() {
                    Some(Period::Month(_, m)) => m.to_string(),
                    _ => String::new(),
                },
                LayoutRole::Measure { unit, .. } => measure_field(table, c.column, r, *unit)?,
                LayoutRole::Bad { .. } => bad_cell(table, c.column, r).to_string(),
            };
            rec.push(field);
        }
        w.write_record(&rec).map_err(write_error)?;
    }
    w.flush().map_err(write_error)?;
    Ok(table.len())
}

fn measure_field(
    table: &Table,
    column: Option<usize>,
    r: usize,
    unit: Option<MoneyUnit>,
) -> Result<String> {
    let Some(c) = column.and_then(|i| table.columns.get(i)) else {
        return Ok(String::new());
    };
    let ColumnData::Measure(m) = &c.data else {
        return Ok(String::new());
    };
    match m.states.get(r) {
        Some(CellState::Value | CellState::Approx) => match measure_value(m, r, unit) {
            Some(v) => Ok(v.to_string()),
            None => {
                let line = table.lines.get(r).copied().unwrap_or(0);
                Err(Error::new(
                    ErrorCode::BadRequest,
                    format!("第 {line} 行“{}”的数值换算后超过 28 位小数，无法精确写出；请选用较小的单位", c.name),
                    format!("line {line}: the value of \"{}\" would need more than 28 decimals in this unit; choose a smaller unit", c.name),
                ))
            }
        },
        _ => Ok(String::new()),
    }
}

fn bad_cell(table: &Table, column: Option<usize>, r: usize) -> bool {
    let Some(c) = column.and_then(|i| table.columns.get(i)) else {
        return false;
    };
    match &c.data {
        ColumnData::Keys { codes, keys } => codes
            .get(r)
            .and_then(|&k| keys.get(k as usize))
            .is_some_and(|k| k.bad),
        ColumnData::Measure(m) => m.states.get(r) == Some(&CellState::Bad),
        ColumnData::Ignored => false,
    }
}

/// Writes the rows set aside while loading and the unreadable cells of
/// loaded rows: `来源文件,行号,原因,说明,原文` (reason code, its Chinese
/// text, the raw text), by line. Returns the rows written.
///
/// # Example
/// ```
/// use aidstat::export::write_rejects;
/// let csv = "年度,板块,金额\n2020,医疗帮扶,430\n2021,教育帮扶,abc\n合计,,430\n";
/// let t = aidstat::load::load(csv.as_bytes(), &Default::default()).unwrap();
/// let mut out = Vec::new();
/// assert_eq!(write_rejects(&t, "a.csv", &mut out).unwrap(), 2);
/// let text = String::from_utf8(out).unwrap();
/// assert!(text.starts_with("来源文件,行号,原因,说明,原文\na.csv,3,bad_cell,"));
/// assert!(text.contains("a.csv,4,total_row,"));
/// ```
pub fn write_rejects<W: Write>(table: &Table, source: &str, out: W) -> Result<usize> {
    let source_dim = super::source_dimension(table);
    let mut issues: Vec<&crate::table::Issue> =
        table.set_aside.iter().chain(&table.cell_issues).collect();
    crate::order::sort_by_key(&mut issues, |i| i.line);
    let mut w = csv::WriterBuilder::new().from_writer(out);
    w.write_record(["来源文件", "行号", "原因", "说明", "原文"])
        .map_err(write_error)?;
    for i in &issues {
        let src = match (source_dim, i.row) {
            (Some(c), Some(r)) => label(key(table, c, r)).to_string(),
            _ => source.to_string(),
        };
        let line = i.line.to_string();
        w.write_record([src.as_str(), &line, i.reason, &i.text.zh, &i.raw])
            .map_err(write_error)?;
    }
    w.flush().map_err(write_error)?;
    Ok(issues.len())
}
