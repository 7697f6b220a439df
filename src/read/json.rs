//! JSON tables. Accepted shapes: an array of records (objects), an array of
//! arrays whose first row is the header, an object of columns
//! (`{"年度": [...], "金额": [...]}`), `{columns: [...], rows | data: [[...]]}`,
//! a single-key wrapper around any of these (`{"data": [...]}`), and NDJSON
//! (one record per line). Numbers keep their source text
//! (serde_json's `arbitrary_precision`), so no float ever sees an amount.

use csv::StringRecord;
use serde_json::{Map, Value};

use super::Record;
use crate::error::{Error, ErrorCode, Result};
use crate::limits;

/// Reads JSON text into header names and records (numbered from 1).
///
/// # Example
/// ```
/// let json = r#"[{"年度": 2020, "金额": 1033.98}, {"年度": 2021, "金额": "12万元"}]"#;
/// let (headers, records) = aidstat::read::json::read(json).unwrap();
/// assert_eq!(headers, ["年度", "金额"]);
/// assert_eq!(records[0].0, 1);
/// assert_eq!(records[0].1, vec!["2020", "1033.98"]); // the number's own text
/// assert_eq!(records[1].1, vec!["2021", "12万元"]);
/// ```
pub fn read(text: &str) -> Result<(Vec<String>, Vec<Record>)> {
    let mut values = Vec::new();
    for v in serde_json::Deserializer::from_str(text).into_iter::<Value>() {
        values.push(v.map_err(|e| bad_json(&e, text))?);
    }
    let value = match values.len() {
        0 => return Err(shape("JSON 里没有数据", "the JSON holds no data")),
        1 => values.pop().unwrap_or(Value::Null),
        _ => Value::Array(values), // NDJSON
    };
    table(value)
}

fn table(value: Value) -> Result<(Vec<String>, Vec<Record>)> {
    match value {
        Value::Array(items) => from_array(items),
        Value::Object(map) => from_object(map),
        _ => Err(shape(
            "JSON 是单个值，不是表格：需要记录数组、列对象或 {columns, rows}",
            "the JSON is a single value, not a table: use an array of records, an object of columns or {columns, rows}",
        )),
    }
}

fn from_array(items: Vec<Value>) -> Result<(Vec<String>, Vec<Record>)> {
    match items.first() {
        None => Ok((Vec::new(), Vec::new())),
        Some(Value::Object(_)) => {
            let mut headers: Vec<String> = Vec::new();
            let mut index = std::collections::HashMap::new();
            for item in &items {
                if let Value::Object(m) = item {
                    for k in m.keys() {
                        if !index.contains_key(k) {
                            index.insert(k.clone(), headers.len());
                            headers.push(k.clone());
                        }
                    }
                }
            }
            if !limits::cells_fit(items.len(), headers.len()) {
                return Err(limits::json_too_many_cells(items.len(), headers.len()));
            }
            let mut records = Vec::with_capacity(items.len());
            for (i, item) in items.into_iter().enumerate() {
                let n = i as u64 + 1;
                let Value::Object(m) = item else {
                    return Err(shape_at(
                        n,
                        "这条记录不是对象",
                        "this record is not an object",
                    ));
                };
                let mut cells = vec![String::new(); headers.len()];
                for (k, v) in m {
                    if let Some(slot) = index.get(&k).and_then(|&j| cells.get_mut(j)) {
                        *slot = cell_text(v);
                    }
                }
                records.push((n, StringRecord::from(cells).into_byte_record()));
            }
            Ok((headers, records))
        }
        Some(Value::Array(_)) => {
            let mut rows = items.into_iter();
            let header = match rows.next() {
                Some(Value::Array(h)) => h.into_iter().map(cell_text).collect(),
                _ => Vec::new(),
            };
            let mut records = Vec::new();
            for (i, row) in rows.enumerate() {
                let n = i as u64 + 2;
                let Value::Array(cells) = row else {
                    return Err(shape_at(n, "这一行不是数组", "this row is not an array"));
                };
                records.push((
                    n,
                    StringRecord::from(cells.into_iter().map(cell_text).collect::<Vec<_>>())
                        .into_byte_record(),
                ));
            }
            Ok((header, records))
        }
        Some(_) => Err(shape(
            "JSON 数组里是单个值，不是记录：需要对象数组或数组的数组",
            "the JSON array holds plain values, not records: use an array of objects or of arrays",
        )),
    }
}

fn from_object(mut map: Map<String, Value>) -> Result<(Vec<String>, Vec<Record>)> {
    // {columns: [...], rows|data: [[...]]}
    if let Some(Value::Array(cols)) = map.get("columns") {
        let headers: Vec<String> = cols.iter().cloned().map(cell_text).collect();
        let body = map.remove("rows").or_else(|| map.remove("data"));
        if let Some(Value::Array(rows)) = body {
            if !limits::cells_fit(rows.len(), headers.len()) {
                return Err(limits::json_too_many_cells(rows.len(), headers.len()));
            }
            let mut records = Vec::with_capacity(rows.len());
            for (i, row) in rows.into_iter().enumerate() {
                let n = i as u64 + 1;
                let cells: Vec<String> = match row {
                    Value::Array(c) => c.into_iter().map(cell_text).collect(),
                    Value::Object(m) => headers
                        .iter()
                        .map(|h| m.get(h).cloned().map(cell_text).unwrap_or_default())
                        .collect(),
                    _ => return Err(shape_at(n, "这一行不是数组", "this row is not an array")),
                };
                records.push((n, StringRecord::from(cells).into_byte_record()));
            }
            return Ok((headers, records));
        }
    }
    // A single-key wrapper: {"data": [...]}
    if map.len() == 1 {
        if let Some((_, inner)) = map.iter().next() {
            if matches!(inner, Value::Array(a) if a.iter().all(|v| v.is_object() || v.is_array())) {
                let inner = map
                    .into_iter()
                    .next()
                    .map(|(_, v)| v)
                    .unwrap_or(Value::Null);
                return table(inner);
            }
        }
    }
    // An object of columns.
    if !map.is_empty() && map.values().all(Value::is_array) {
        let headers: Vec<String> = map.keys().cloned().collect();
        let cols: Vec<Vec<Value>> = map
            .into_iter()
            .map(|(_, v)| match v {
                Value::Array(a) => a,
                _ => Vec::new(),
            })
            .collect();
        let len = cols.iter().map(Vec::len).max().unwrap_or(0);
        if !limits::cells_fit(len, headers.len()) {
            return Err(limits::json_too_many_cells(len, headers.len()));
        }
        let mut iters: Vec<_> = cols.into_iter().map(Vec::into_iter).collect();
        let mut records = Vec::with_capacity(len);
        for i in 0..len {
            let cells: Vec<String> = iters
                .iter_mut()
                .map(|it| it.next().map(cell_text).unwrap_or_default())
                .collect();
            records.push((i as u64 + 1, StringRecord::from(cells).into_byte_record()));
        }
        return Ok((headers, records));
    }
    // One record on its own.
    from_array(vec![Value::Object(map)])
}

/// The text of a JSON cell: strings as they are, numbers as written, null empty.
fn cell_text(v: Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s,
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        other => other.to_string(),
    }
}

fn bad_json(e: &serde_json::Error, text: &str) -> Error {
    // serde_json counts columns in bytes; an editor counts characters.
    let line = e.line();
    let column = text
        .split('\n')
        .nth(line.saturating_sub(1))
        .map_or(e.column(), |l| {
            let mut end = e.column().min(l.len());
            while !l.is_char_boundary(end) {
                end -= 1;
            }
            l.get(..end).map_or(end, |p| p.chars().count())
        });
    let text = e.to_string();
    // serde_json ends its message with the position, given here apart.
    let what = text
        .rsplit_once(" at line ")
        .map_or(text.as_str(), |(m, _)| m);
    let (zh, en) = if what.contains("recursion limit") {
        (
            format!("JSON 嵌套太深（超过 128 层，第 {line} 行第 {column} 列），无法读取：表格数据只需两三层（记录数组里的对象），请检查文件是怎样导出的"),
            format!("the JSON is nested too deeply (over 128 levels, at line {line} column {column}): a table needs only two or three (objects in an array of records); check how the file was exported"),
        )
    } else {
        (
            format!("JSON 格式错误（第 {line} 行第 {column} 列）：{what}；请检查这里附近的括号、逗号和引号"),
            format!("invalid JSON at line {line} column {column}: {what}; check the brackets, commas and quotes near there"),
        )
    };
    Error::new(ErrorCode::BadJson, zh, en).at(Some(line as u64), Some(column as u64))
}

fn shape(zh: &str, en: &str) -> Error {
    Error::new(ErrorCode::JsonShape, zh, en)
}

fn shape_at(record: u64, zh: &str, en: &str) -> Error {
    Error::new(
        ErrorCode::JsonShape,
        format!("第 {record} 条：{zh}"),
        format!("record {record}: {en}"),
    )
    .at(Some(record), None)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(text: &str) -> (Vec<String>, Vec<Vec<String>>) {
        let (h, r) = read(text).unwrap();
        (
            h,
            r.into_iter()
                .map(|(_, rec)| {
                    rec.iter()
                        .map(|f| String::from_utf8_lossy(f).into_owned())
                        .collect()
                })
                .collect(),
        )
    }

    #[test]
    fn shapes() {
        let want = (
            vec!["y".to_string(), "v".to_string()],
            vec![
                vec!["2020".to_string(), "1.10".to_string()],
                vec!["2021".to_string(), "".to_string()],
            ],
        );
        let rows = [
            r#"[{"y":2020,"v":1.10},{"y":2021,"v":null}]"#,
            r#"{"y":[2020,2021],"v":[1.10,null]}"#,
            r#"{"columns":["y","v"],"rows":[[2020,1.10],[2021,null]]}"#,
            r#"{"data":[{"y":2020,"v":1.10},{"y":2021}]}"#,
            "{\"y\":2020,\"v\":1.10}\n{\"y\":2021,\"v\":null}\n",
            r#"[["y","v"],[2020,1.10],[2021,null]]"#,
        ];
        for text in rows {
            assert_eq!(cells(text), want, "shape {text}");
        }
    }

    #[test]
    fn numbers_keep_their_text() {
        let (_, r) = cells(r#"[{"v": 0.1}, {"v": 12345678901234567890.123456789}]"#);
        assert_eq!(
            r,
            vec![
                vec!["0.1".to_string()],
                vec!["12345678901234567890.123456789".to_string()]
            ]
        );
    }

    #[test]
    fn errors() {
        let rows = [
            ("42", ErrorCode::JsonShape),
            ("[1,2]", ErrorCode::JsonShape),
            ("[{\"a\":1},", ErrorCode::BadJson),
        ];
        for (text, code) in rows {
            assert_eq!(read(text).unwrap_err().code, code, "text {text}");
        }
        let deep = "[".repeat(100_000);
        let e = read(&deep).unwrap_err();
        assert_eq!(e.code, ErrorCode::BadJson);
        assert!(e.text.en.contains("nested too deeply"), "{}", e.text.en);
    }
}
