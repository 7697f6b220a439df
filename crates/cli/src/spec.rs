//! The view asked for on the command line → the API's spec JSON: a spec
//! file if given, then each option over it.

use aidstat::cell::MoneyUnit;
use serde_json::{json, Map, Value};

use crate::args::View;
use crate::error::CliError;

/// A spec file's text, the path named when it cannot be read.
pub fn read_spec_file(path: &str) -> Result<String, CliError> {
    std::fs::read_to_string(path).map_err(|e| CliError::io(path, &e))
}

/// The spec as JSON text for `Session::analyze`.
pub fn spec_json(v: &View) -> Result<String, CliError> {
    let mut spec = match &v.spec {
        None => Map::new(),
        Some(path) => match serde_json::from_str::<Value>(&read_spec_file(path)?) {
            Ok(Value::Object(m)) => m,
            Ok(_) => {
                return Err(CliError::new(
                    "bad_spec",
                    format!("“{path}”不是 JSON 对象"),
                    format!("\"{path}\" is not a JSON object"),
                ))
            }
            Err(e) => {
                return Err(CliError::new(
                    "bad_spec",
                    format!("“{path}”不是有效的 JSON：{e}"),
                    format!("\"{path}\" is not valid JSON: {e}"),
                ))
            }
        },
    };
    let rows: Vec<&String> = v.rows.iter().filter(|r| !r.trim().is_empty()).collect();
    if !rows.is_empty() {
        spec.insert("rows".into(), json!(rows));
    }
    let texts = [
        ("columns", &v.columns),
        ("measure", &v.measure),
        ("aggregate", &v.aggregate),
        ("share", &v.share),
        ("growth", &v.growth),
        ("unit", &v.unit),
    ];
    for (key, value) in texts {
        if let Some(s) = value {
            spec.insert(key.into(), json!(s));
        }
    }
    if let Some(p) = v.precision {
        spec.insert("precision".into(), json!(p));
    }
    if !v.filters.is_empty() {
        let mut list = match spec.remove("filters") {
            Some(Value::Array(a)) => a,
            _ => Vec::new(),
        };
        for f in &v.filters {
            list.push(filter(f)?);
        }
        spec.insert("filters".into(), Value::Array(list));
    }
    Ok(Value::Object(spec).to_string())
}

/// `列=值1|值2` keeps, `列!=值` drops.
///
/// `资金来源=花都区专项` → `{"column":"资金来源","keep":["花都区专项"]}`.
fn filter(text: &str) -> Result<Value, CliError> {
    let (column, values, keep) = if let Some((c, v)) = text.split_once("!=") {
        (c, v, false)
    } else if let Some((c, v)) = text.split_once('=') {
        (c, v, true)
    } else {
        return Err(CliError::new(
            "bad_spec",
            format!("筛选“{text}”应写成 列=值1|值2 或 列!=值"),
            format!("filter \"{text}\" should read COLUMN=V1|V2 or COLUMN!=V"),
        ));
    };
    let column = column.trim();
    if column.is_empty() {
        return Err(CliError::new(
            "bad_spec",
            format!("筛选“{text}”没有写列名"),
            format!("filter \"{text}\" names no column"),
        ));
    }
    let values: Vec<&str> = values.split('|').collect();
    let key = if keep { "keep" } else { "drop" };
    Ok(json!({"column": column, key: values}))
}

/// A money unit named on the command line (`万元`), if any.
pub fn money_unit(label: Option<&str>) -> Result<Option<MoneyUnit>, CliError> {
    match label {
        None => Ok(None),
        Some(l) => MoneyUnit::from_label(l.trim()).map(Some).ok_or_else(|| {
            let known: Vec<&str> = MoneyUnit::ALL.iter().map(|u| u.label()).collect();
            CliError::new(
                "bad_spec",
                format!("不认识的金额单位“{l}”（可用：{}）", known.join("、")),
                format!("unknown money unit \"{l}\" (known: {})", known.join(", ")),
            )
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_keep_and_drop() {
        assert_eq!(
            filter("资金来源=花都区专项|清远市争取").unwrap(),
            json!({"column": "资金来源", "keep": ["花都区专项", "清远市争取"]})
        );
        assert_eq!(
            filter("板块!=医疗帮扶").unwrap(),
            json!({"column": "板块", "drop": ["医疗帮扶"]})
        );
        assert!(filter("板块").is_err());
    }
}
