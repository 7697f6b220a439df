//! Bounds that keep a browser tab alive. The engine runs in wasm32 (at most
//! 4 GB of address space, about 2 GB usable in a tab); a file or a view
//! beyond these bounds is refused with [`ErrorCode::TooLarge`] and a message
//! that gives the size, the limit and what to do, instead of allocating until
//! the tab dies. `docs/ROBUSTNESS.md` explains each number.
//!
//! Also here: how text from the file is echoed into messages ([`echo`]), so
//! that a 5 MB cell or a NUL byte never makes a message unreadable.

use crate::error::{Error, ErrorCode};

/// Largest file accepted, in bytes (256 MiB). A CSV file takes about twice its
/// size in memory once loaded (text + typed columns).
pub const MAX_BYTES: usize = 256 * 1024 * 1024;

/// Largest JSON text accepted, in bytes (32 MiB). JSON is parsed into a tree
/// of values first, which takes 10–30 times the text's size.
pub const MAX_JSON_BYTES: usize = 32 * 1024 * 1024;

/// Most columns a header may have. Funding sheets have tens; a wider header
/// is a broken export (or not a table), and each column costs work per row.
pub const MAX_COLUMNS: usize = 1_000;

/// Most cells (data rows × columns) a table may hold: 25 million, about
/// 425 MB at the worst (17 bytes per measure cell).
pub const MAX_CELLS: usize = 25_000_000;

/// Most bytes the typed columns of a table read in chunks may take (2 GiB).
/// The engine's memory cannot pass 4 GiB (wasm32), and the columns grow by
/// doubling, so a table much beyond half of that cannot be held.
pub const MAX_TABLE_BYTES: usize = 2 * 1024 * 1024 * 1024 - 1;

/// Most rows read (and lines listed) to check the sheet's own total rows
/// against the rows they cover, over all total rows and measures.
pub const MAX_TOTALS_WORK: usize = 2_000_000;

/// Most rows set aside (and lines of a count) a result or schema lists one
/// by one, the first by line; its counts stay exact (`setAsideTotal`,
/// `setAsideCounts`, `nulls.count`). A file of 150,000 unreadable amounts
/// listed them all in every result: 40 MB of JSON and half a second a click.
pub const LISTED: usize = 1_000;

/// Most figures (rows × columns of the result grid) one view may have.
pub const MAX_VIEW_CELLS: usize = 2_000_000;

/// Most characters of a cell or line quoted in a message.
pub const MAX_ECHO_CHARS: usize = 200;

/// Most characters of raw text kept beside a set-aside row or cell.
pub const MAX_RAW_CHARS: usize = 1_000;

/// Text from the file as it is quoted in a message: control characters made
/// visible (NUL as `␀`, …; line breaks and tabs as `↵` `→`), cut after
/// [`MAX_ECHO_CHARS`] characters with `…`.
///
/// # Example
/// ```
/// assert_eq!(aidstat::limits::echo("1\u{0}00"), "1␀00");
/// assert_eq!(aidstat::limits::echo(&"9".repeat(500)).chars().count(), 201);
/// ```
pub fn echo(text: &str) -> String {
    cut(text, MAX_ECHO_CHARS, true)
}

/// Raw text kept beside a set-aside row or cell: as written, cut after
/// [`MAX_RAW_CHARS`] characters with `…`.
pub(crate) fn raw(text: &str) -> String {
    cut(text, MAX_RAW_CHARS, false)
}

fn cut(text: &str, max: usize, visible: bool) -> String {
    let mut out = String::with_capacity(text.len().min(max * 4 + 4));
    for (i, c) in text.chars().enumerate() {
        if i == max {
            out.push('…');
            break;
        }
        out.push(if visible { shown(c) } else { c });
    }
    out
}

/// A control character as its visible picture (U+2400 block).
fn shown(c: char) -> char {
    match c {
        '\n' | '\r' => '↵',
        '\t' => '→',
        '\u{0}'..='\u{1f}' => char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}'),
        '\u{7f}' => '␡',
        c => c,
    }
}

/// A size in bytes as people read it: `312.5 MB`, `900 KB`.
pub(crate) fn size_text(bytes: usize) -> String {
    const MB: u128 = 1024 * 1024;
    let b = bytes as u128;
    if b >= MB {
        // Tenths of a megabyte, rounded half up, in integers.
        let tenths = (b * 10 + MB / 2) / MB;
        format!("{}.{} MB", tenths / 10, tenths % 10)
    } else {
        format!("{} KB", bytes.div_ceil(1024))
    }
}

/// The file is larger than [`MAX_BYTES`].
///
/// # Example
/// ```
/// let e = aidstat::limits::file_too_large(300 * 1024 * 1024);
/// assert_eq!(e.code.as_str(), "too_large");
/// assert!(e.text.en.starts_with("the file is 300.0 MB, more than the 256.0 MB"));
/// ```
pub fn file_too_large(len: usize) -> Error {
    let (size, max) = (size_text(len), size_text(MAX_BYTES));
    Error::new(
        ErrorCode::TooLarge,
        format!("文件有 {size}，超过了浏览器页面能处理的上限 {max}；请把文件按年度或地区拆成几个较小的文件，或删去不需要的列后再打开"),
        format!("the file is {size}, more than the {max} a browser tab can handle; split it (by year or region) into smaller files, or remove the columns you do not need"),
    )
}

/// The JSON text is larger than [`MAX_JSON_BYTES`].
pub(crate) fn json_too_large(len: usize) -> Error {
    let (size, max) = (size_text(len), size_text(MAX_JSON_BYTES));
    Error::new(
        ErrorCode::TooLarge,
        format!("JSON 文件有 {size}，超过了 JSON 的上限 {max}（读入 JSON 所需的内存是文件的十几倍）；请另存为 CSV（上限 {}），或拆成几个较小的文件", size_text(MAX_BYTES)),
        format!("the JSON file is {size}, more than the {max} allowed for JSON (reading JSON takes over ten times its size in memory); save it as CSV (up to {}), or split it into smaller files", size_text(MAX_BYTES)),
    )
}

/// The header has more than [`MAX_COLUMNS`] columns.
pub(crate) fn too_many_columns(columns: usize, line: Option<u64>) -> Error {
    let at_zh = line.map_or(String::new(), |l| format!("第 {l} 行的"));
    let at_en = line.map_or(String::new(), |l| format!(" (line {l})"));
    Error::new(
        ErrorCode::TooLarge,
        format!("{at_zh}表头有 {columns} 列，超过了上限 {MAX_COLUMNS} 列；请删去不需要的列（或把表拆开）后再打开"),
        format!("the header{at_en} has {columns} columns, more than the limit of {MAX_COLUMNS}; remove the columns you do not need (or split the sheet) and open it again"),
    )
    .at(line, None)
}

/// The table would hold more than [`MAX_CELLS`] cells.
pub(crate) fn too_many_cells(rows: usize, columns: usize, line: u64) -> Error {
    Error::new(
        ErrorCode::TooLarge,
        format!("读到第 {line} 行时已有 {rows} 行 × {columns} 列，超过了浏览器页面能处理的 {MAX_CELLS} 个单元格；请把文件按年度或地区拆开，或删去不需要的列"),
        format!("by line {line} the table has {rows} rows × {columns} columns, more than the {MAX_CELLS} cells a browser tab can handle; split the file (by year or region) or remove the columns you do not need"),
    )
    .at(Some(line), None)
}

/// A table read in chunks would take more than [`MAX_TABLE_BYTES`].
pub(crate) fn table_too_large(rows: usize, row_bytes: usize, line: u64) -> Error {
    let size = size_text(rows.saturating_mul(row_bytes));
    let max = size_text(MAX_TABLE_BYTES);
    Error::new(
        ErrorCode::TooLarge,
        format!("读到第 {line} 行时，表格已有 {rows} 行、约占 {size} 内存，超过了上限 {max}：浏览器页面里的计算引擎最多只能使用 4 GB 内存，表格还要留出增长的余地。请把文件按年度或地区拆成几个文件，或在列设置中把不需要的列设为“忽略”（忽略的列不占内存）后再打开"),
        format!("by line {line} the table has {rows} rows taking about {size} of memory, more than the limit of {max}: the engine in a browser tab can use at most 4 GB of memory, and the table needs room to grow. Split the file (by year or region), or set the columns you do not need to \"ignore\" (ignored columns take no memory) and open it again"),
    )
    .at(Some(line), None)
}

/// A JSON table would hold more than [`MAX_CELLS`] cells (or more than
/// [`MAX_COLUMNS`] columns) once its records are laid out as rows.
pub(crate) fn json_too_many_cells(records: usize, columns: usize) -> Error {
    if columns > MAX_COLUMNS {
        return Error::new(
            ErrorCode::TooLarge,
            format!("JSON 的记录共有 {columns} 个不同的字段，超过了上限 {MAX_COLUMNS} 列；请删去不需要的字段后再打开"),
            format!("the JSON records have {columns} distinct fields, more than the limit of {MAX_COLUMNS} columns; remove the fields you do not need and open it again"),
        );
    }
    Error::new(
        ErrorCode::TooLarge,
        format!("JSON 展开成表格后有 {records} 行 × {columns} 列，超过了浏览器页面能处理的 {MAX_CELLS} 个单元格；请拆成几个较小的文件，或删去不需要的字段"),
        format!("laid out as a table, the JSON has {records} rows × {columns} columns, more than the {MAX_CELLS} cells a browser tab can handle; split it into smaller files, or remove the fields you do not need"),
    )
}

/// Whether `rows` rows of `columns` columns fit in [`MAX_CELLS`] (and the
/// columns in [`MAX_COLUMNS`]).
pub(crate) fn cells_fit(rows: usize, columns: usize) -> bool {
    columns <= MAX_COLUMNS && rows.saturating_mul(columns) <= MAX_CELLS
}

/// The view would have more than [`MAX_VIEW_CELLS`] figures.
pub(crate) fn view_too_large(rows: usize, columns: usize) -> Error {
    Error::new(
        ErrorCode::TooLarge,
        format!("这样分组会有多达 {rows} 行 × {columns} 列的结果，超过了上限 {MAX_VIEW_CELLS} 个数；请减少行或列中的维度，或先用筛选缩小范围"),
        format!("this grouping could give up to {rows} rows × {columns} columns, more than the limit of {MAX_VIEW_CELLS} figures; use fewer row or column dimensions, or filter first"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn echoes_are_short_and_visible() {
        let rows = [
            ("12..5", "12..5"),
            ("1\u{0}00", "1␀00"),
            ("a\tb\r\nc", "a→b↵↵c"),
            ("\u{7f}\u{1b}", "␡␛"),
        ];
        for (input, want) in rows {
            assert_eq!(echo(input), want, "{input:?}");
        }
        let long = "金".repeat(MAX_ECHO_CHARS + 10);
        let e = echo(&long);
        assert_eq!(e.chars().count(), MAX_ECHO_CHARS + 1);
        assert!(e.ends_with('…'));
        assert_eq!(
            raw(&long),
            long,
            "raw text under the raw limit is kept whole"
        );
        assert_eq!(raw(&"x".repeat(5000)).chars().count(), MAX_RAW_CHARS + 1);
    }

    #[test]
    fn sizes() {
        assert_eq!(size_text(0), "0 KB");
        assert_eq!(size_text(1000), "1 KB");
        assert_eq!(size_text(MAX_BYTES), "256.0 MB");
        assert_eq!(size_text(MAX_BYTES + MAX_BYTES / 4), "320.0 MB");
    }
}
