//! The load options: how to read the file (format, encoding, delimiter,
//! header line), corrections per column, the default unit, and the
//! analyst's cell corrections and relabels; parsed from JSON for the JS API.

use std::collections::HashMap;

use super::edits::CellCorrection;
use crate::cell::{Grain, MoneyUnit, Unit};
use crate::error::Result;
use crate::read::{self, ReadOptions};
use crate::table::Role;

/// The analyst's correction of one column.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ColumnOverride {
    /// Role to use.
    pub role: Option<Role>,
    /// Unit to use (money or count).
    pub unit: Option<Unit>,
    /// Grain of a period column.
    pub grain: Option<Grain>,
}

/// Everything that steers loading.
#[derive(Clone, Debug, Default)]
pub struct LoadOptions {
    /// Format, encoding, delimiter, header line.
    pub read: ReadOptions,
    /// Corrections per column, by header name.
    pub columns: HashMap<String, ColumnOverride>,
    /// Money unit for measure columns whose header names none.
    pub default_unit: Option<MoneyUnit>,
    /// Cells read as other text (a finding's fix; the original is reported).
    pub corrections: Vec<CellCorrection>,
    /// Labels unified: column name → (label as written → label to use).
    pub relabel: HashMap<String, HashMap<String, String>>,
    /// Years across the top read as one measure by period (`load::wide`);
    /// `Some(false)` reads the columns as they are. Default: on.
    pub wide: Option<bool>,
    /// The columns to read as periods across the top, named by the analyst
    /// (`wide: { columns: [...] }`), when the headers do not say so themselves.
    pub wide_columns: Option<Vec<String>>,
    /// A workbook's sheet to read: its name, or its 0-based position among
    /// the worksheets. The Office module reads it; the core only checks it.
    pub sheet: Option<SheetRef>,
}

/// A sheet of a workbook, by name or by 0-based position.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SheetRef {
    /// The sheet's name on its tab.
    Name(String),
    /// Its 0-based position among the worksheets.
    Index(u32),
}

/// Load options as written in JSON (camelCase, every field optional).
#[derive(serde::Deserialize, Default)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct RawOptions {
    format: Option<String>,
    encoding: Option<String>,
    delimiter: Option<String>,
    header_line: Option<u64>,
    columns: Option<HashMap<String, RawOverride>>,
    default_unit: Option<String>,
    corrections: Option<Vec<CellCorrection>>,
    relabel: Option<HashMap<String, HashMap<String, String>>>,
    wide: Option<serde_json::Value>,
    sheet: Option<serde_json::Value>,
}

#[derive(serde::Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawOverride {
    role: Option<String>,
    unit: Option<String>,
    grain: Option<String>,
}

fn bad_option(zh: String, en: String) -> crate::error::Error {
    crate::error::Error::new(crate::error::ErrorCode::BadSpec, zh, en)
}

impl LoadOptions {
    /// Parses load options from JSON text (`LoadOptions` in types.d.ts).
    ///
    /// # Example
    /// ```
    /// let o = aidstat::load::LoadOptions::from_json(r#"{"encoding":"gbk","delimiter":"\t","columns":{"金额":{"unit":"万元"}}}"#).unwrap();
    /// assert_eq!(o.read.delimiter, Some(b'\t'));
    /// ```
    pub fn from_json(text: &str) -> Result<LoadOptions> {
        let raw: RawOptions = if text.trim().is_empty() || text.trim() == "null" {
            RawOptions::default()
        } else {
            serde_json::from_str(text).map_err(|e| {
                bad_option(
                    format!("读取设置有误：{e}"),
                    format!("invalid load options: {e}"),
                )
            })?
        };
        let format = match raw.format.as_deref() {
            None | Some("auto") | Some("") => None,
            Some("csv") => Some(read::Format::Csv),
            Some("json") => Some(read::Format::Json),
            Some(f) => {
                return Err(bad_option(
                    format!("不认识的格式“{f}”，可选 auto、csv、json"),
                    format!("unknown format \"{f}\"; use auto, csv or json"),
                ))
            }
        };
        let delimiter = match raw.delimiter.as_deref() {
            None | Some("") | Some("auto") => None,
            Some("\\t") | Some("tab") => Some(b'\t'),
            Some(d) if d.len() == 1 => d.bytes().next(),
            Some(d) => {
                return Err(bad_option(
                    format!("分隔符“{d}”应为一个字符"),
                    format!("delimiter \"{d}\" must be one character"),
                ))
            }
        };
        let unit = |u: &str| {
            Unit::from_label(u).ok_or_else(|| {
                bad_option(
                    format!("不认识的单位“{u}”"),
                    format!("unknown unit \"{u}\""),
                )
            })
        };
        let mut columns = HashMap::new();
        for (name, o) in raw.columns.unwrap_or_default() {
            let role = match o.role.as_deref() {
                None => None,
                Some(r) => Some(Role::from_name(r).ok_or_else(|| {
                    bad_option(
                        format!("不认识的列角色“{r}”，可选 period、dimension、measure、ignore"),
                        format!(
                            "unknown column role \"{r}\"; use period, dimension, measure or ignore"
                        ),
                    )
                })?),
            };
            let grain = match o.grain.as_deref() {
                None => None,
                Some("year") => Some(Grain::Year),
                Some("quarter") => Some(Grain::Quarter),
                Some("month") => Some(Grain::Month),
                Some(g) => {
                    return Err(bad_option(
                        format!("不认识的时间粒度“{g}”"),
                        format!("unknown grain \"{g}\"; use year, quarter or month"),
                    ))
                }
            };
            columns.insert(
                name,
                ColumnOverride {
                    role,
                    unit: o.unit.as_deref().map(unit).transpose()?,
                    grain,
                },
            );
        }
        let default_unit = match raw.default_unit.as_deref().filter(|u| !u.is_empty()) {
            None => None,
            Some(u) => Some(MoneyUnit::from_label(u).ok_or_else(|| {
                bad_option(
                    format!("不认识的金额单位“{u}”"),
                    format!("unknown money unit \"{u}\""),
                )
            })?),
        };
        let (wide, wide_columns) = match raw.wide {
            None | Some(serde_json::Value::Null) => (None, None),
            Some(serde_json::Value::Bool(b)) => (Some(b), None),
            Some(serde_json::Value::Object(o)) => match o.get("columns").and_then(|c| c.as_array())
            {
                Some(cols) if cols.iter().all(|c| c.is_string()) && o.len() == 1 => (
                    Some(true),
                    Some(
                        cols.iter()
                            .filter_map(|c| c.as_str().map(str::to_string))
                            .collect(),
                    ),
                ),
                _ => {
                    return Err(bad_option(
                        "读取设置 wide 应为 true、false 或 {\"columns\": [列名…]}".into(),
                        "the load option wide must be true, false or {\"columns\": [names…]}"
                            .into(),
                    ))
                }
            },
            Some(_) => {
                return Err(bad_option(
                    "读取设置 wide 应为 true、false 或 {\"columns\": [列名…]}".into(),
                    "the load option wide must be true, false or {\"columns\": [names…]}".into(),
                ))
            }
        };
        let sheet = match raw.sheet {
            None | Some(serde_json::Value::Null) => None,
            Some(serde_json::Value::String(n)) => Some(SheetRef::Name(n)),
            Some(serde_json::Value::Number(n)) if n.as_u64().is_some_and(|i| i < u64::from(u32::MAX)) => {
                Some(SheetRef::Index(n.as_u64().map_or(0, |i| i as u32)))
            }
            Some(other) => {
                return Err(bad_option(
                    format!("工作表设置“{other}”有误：请写工作表的名称，或从 0 数起的序号"),
                    format!("the sheet option \"{other}\" is invalid: give the sheet's name, or its 0-based position"),
                ))
            }
        };
        Ok(LoadOptions {
            read: ReadOptions {
                format,
                encoding: raw.encoding,
                delimiter,
                header_line: raw.header_line,
            },
            columns,
            default_unit,
            corrections: raw.corrections.unwrap_or_default(),
            relabel: raw.relabel.unwrap_or_default(),
            wide,
            wide_columns,
            sheet,
        })
    }
}
