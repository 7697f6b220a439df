//! Checks of a loaded table as a whole, made once every row is in: a file
//! with no data row is an error (there is nothing to compute, and no cell to
//! tell a measure from a label); headers that differ only in full-width /
//! half-width forms, case or spaces are reported, since a spec that names
//! one loosely could mean either.

use super::infer::loose_name;
use crate::cell::{unit_from_header, Unit};
use crate::error::{Error, ErrorCode, Result};
use crate::limits::echo;
use crate::message::Texts;
use crate::read::Format;
use crate::table::{ColumnData, MeasureKind, Role, Table, Warning};

/// The table, or the error that stops it.
pub(crate) fn after_load(mut table: Table) -> Result<Table> {
    if table.rows_read == 0 {
        return Err(no_rows(&table));
    }
    for n in &table.source.notes {
        table.warnings.push(Warning {
            code: n.code,
            text: Texts::new(n.text.zh.clone(), n.text.en.clone()),
            line: n.line,
        });
    }
    similar_headers(&mut table);
    indicators(&mut table);
    Ok(table)
}

/// Labels an indicators column may have at most.
const MAX_INDICATORS: usize = 500;

/// A label that names something and its unit: `一般公共预算收入（亿元）`, not `亿元`.
fn names_unit(label: &str) -> bool {
    Unit::from_label(label).is_none() && unit_from_header(label).is_some()
}

/// Indicators down the side: a label column most of whose labels carry a
/// unit (`一般公共预算收入（亿元）`, `Resident Population(10000 persons)`)
/// names different indicators. Their figures are never added together, and
/// each keeps the unit its label gives, so the measure has no unit of its own.
fn indicators(table: &mut Table) {
    let found = table.columns.iter().position(|c| {
        let ColumnData::Keys { keys, .. } = &c.data else {
            return false;
        };
        // Indicator tables are short: a column of many labels (an id, a list of
        // projects) is not looked at, so the check stays cheap on any file.
        if c.role != Role::Dimension || keys.len() < 2 || keys.len() > MAX_INDICATORS {
            return false;
        }
        let with_unit = keys.iter().filter(|k| names_unit(&k.label)).count();
        with_unit >= 2 && with_unit * 2 >= keys.len()
    });
    let Some(i) = found else { return };
    table.indicators = Some(i);
    let name = table
        .columns
        .get(i)
        .map_or(String::new(), |c| c.name.clone());
    let example = match table.columns.get(i).map(|c| &c.data) {
        Some(ColumnData::Keys { keys, .. }) => keys
            .iter()
            .find(|k| names_unit(&k.label))
            .map_or(String::new(), |k| k.label.clone()),
        _ => String::new(),
    };
    // The years' figures unpivoted under the default name 金额 are not money here: 数值.
    let renamed = table.warnings.iter().any(|w| w.code == "wide_unpivoted")
        && table
            .columns
            .iter()
            .any(|c| c.role == Role::Measure && c.name == "金额")
        && !table.columns.iter().any(|c| c.name == "数值");
    for c in table.columns.iter_mut().filter(|c| c.role == Role::Measure) {
        c.kind = Some(MeasureKind::Number);
        c.unit = None;
        c.unit_source = None;
        if renamed && c.name == "金额" {
            c.name = "数值".into();
        }
    }
    // Each indicator's unit is in its name: no column unit is missing.
    table.warnings.retain(|w| w.code != "unit_unknown");
    if renamed {
        for w in table
            .warnings
            .iter_mut()
            .filter(|w| w.code == "wide_unpivoted")
        {
            w.text.zh = w.text.zh.replace("“金额”", "“数值”");
            w.text.en = w.text.en.replace("\"金额\"", "\"数值\"");
        }
    }
    table.warnings.push(Warning::new(
        "indicators",
        format!("“{name}”列的每一行是一个指标，单位写在指标名中（如“{}”）：各指标按原数显示，不同指标不相加，也不计算跨指标的合计与占比", echo(&example)),
        format!("each row of \"{name}\" is an indicator with its unit in its name (e.g. \"{}\"): figures are shown as written, and different indicators are never added together (no total or share across them)", echo(&example)),
    ));
}

/// A file with a header and nothing below it.
fn no_rows(t: &Table) -> Error {
    if t.source.format == Format::Json {
        return Error::new(
            ErrorCode::EmptyFile,
            "JSON 里没有数据记录：需要记录数组、列对象或 {columns, rows}，且至少有一条记录",
            "the JSON holds no records: it needs an array of records, an object of columns or {columns, rows}, with at least one record",
        );
    }
    let line = t.source.header_line;
    let at = line.unwrap_or(1);
    match t.columns.as_slice() {
        [only] if t.source.skipped_lines.is_empty() => {
            let v = echo(&only.name);
            Error::new(
                ErrorCode::EmptyFile,
                format!("文件只有一个值“{v}”，不是表格：需要一行表头和至少一行数据"),
                format!("the file holds a single value \"{v}\", not a table: it needs a header row and at least one data row"),
            )
            .at(line, None)
        }
        _ => Error::new(
            ErrorCode::EmptyFile,
            format!("文件只有表头（第 {at} 行），下面没有数据行：请确认导出时包含了数据"),
            format!("the file has a header (line {at}) but no data rows below it: check that the export included the data"),
        )
        .at(line, None),
    }
}

/// One warning per group of headers that read the same loosely.
fn similar_headers(t: &mut Table) {
    let loose: Vec<String> = t.columns.iter().map(|c| loose_name(&c.name)).collect();
    let mut seen = vec![false; loose.len()];
    for (i, name) in loose.iter().enumerate() {
        if seen.get(i).copied().unwrap_or(true) {
            continue;
        }
        let group: Vec<usize> = (i..loose.len())
            .filter(|&j| loose.get(j) == Some(name))
            .collect();
        if group.len() < 2 {
            continue;
        }
        for &j in &group {
            if let Some(s) = seen.get_mut(j) {
                *s = true;
            }
        }
        let list = |sep: &str, col: &dyn Fn(usize, &str) -> String| {
            group
                .iter()
                .filter_map(|&j| t.columns.get(j).map(|c| col(j + 1, &c.name)))
                .collect::<Vec<_>>()
                .join(sep)
        };
        let zh = list("、", &|n, c| format!("第 {n} 列“{}”", echo(c)));
        let en = list(", ", &|n, c| format!("column {n} \"{}\"", echo(c)));
        t.warnings.push(Warning::new(
            "similar_headers",
            format!("{zh}的名字只差全角/半角、大小写或空格，容易混淆；分析时请用准确的列名"),
            format!("{en} differ only in full-width / half-width forms, case or spaces, and are easily confused; name them exactly in an analysis"),
        ));
    }
}
