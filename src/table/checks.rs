//! Checks of a loaded table as a whole, made once every row is in: a file
//! with no data row is an error (there is nothing to compute, and no cell to
//! tell a measure from a label).

use super::Table;
use crate::error::{Error, ErrorCode, Result};
use crate::limits::echo;
use crate::read::Format;

/// The table, or the error that stops it.
pub(crate) fn after_load(table: Table) -> Result<Table> {
    if table.rows_read == 0 {
        return Err(no_rows(&table));
    }
    Ok(table)
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
