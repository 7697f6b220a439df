//! A workbook's sheet → header + records. The Office module (a second wasm
//! module, `crates/office`) reads the workbook and hands over the chosen
//! sheet's typed cells as an [`aidstat_cells::Book`]; from here on a sheet is
//! read as a CSV is: title rows and a `单位：万元` row above the header, the
//! header found the same way, one record per sheet row with the sheet's own
//! row number as its line.
//!
//! Merged cells are read as a person reads them (RULES.md, "Workbooks"): a
//! value merged down several rows of one column (a category or a year
//! written once beside its block) fills those rows; a merged area across
//! columns (a title, a header over sub-columns) stays one cell. An amount is
//! never copied: a merged number fills its rows only in a column of years.
//! Notes and signatures below the table (`注：…`, `填表人：…`) are not data.

use crate::message::Texts;
use std::collections::VecDeque;

use ::csv::ByteRecord;
use aidstat_cells::{Book, Cell, Grid, Kind};

use super::{csv, Format, Note, ReadOptions, Record, Rows, Source, SourceInfo};
use crate::cell::is_note_text;
use crate::error::{Error, ErrorCode, Result};
use crate::limits;

/// The workbook a table's records came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Workbook {
    /// `xlsx`, `xlsm`, `xlsb`, `xls` or `ods`.
    pub format: String,
    /// The sheet read.
    pub sheet: String,
    /// Every worksheet: name, visible, rows, columns.
    pub sheets: Vec<aidstat_cells::SheetInfo>,
    /// 0-based sheet column of the records' first field (to name cells as `F12`).
    pub first_column: u32,
}

impl Workbook {
    /// The cell reference Excel shows for a 1-based line and a 0-based field.
    ///
    /// # Example
    /// ```
    /// use aidstat::read::sheet::Workbook;
    /// let w = Workbook { format: "xlsx".into(), sheet: "明细".into(), sheets: vec![], first_column: 0 };
    /// assert_eq!(w.cell(12, 5), "F12");
    /// assert_eq!(w.cell(3, 27), "AB3");
    /// ```
    pub fn cell(&self, line: u64, field: usize) -> String {
        format!(
            "{}{line}",
            column_letters(self.first_column as usize + field)
        )
    }
}

/// `A` … `Z`, `AA` … as Excel names columns (0 is `A`).
fn column_letters(mut i: usize) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'A' + (i % 26) as u8);
        if i < 26 {
            break;
        }
        i = i / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// Opens the bytes the Office module made (a [`Book`]): the chosen sheet's
/// header and records.
///
/// # Example
/// ```
/// use aidstat_cells::{Book, Cell, Grid, SheetInfo};
/// let mut grid = Grid::new(0, 0, 2);
/// for c in ["年度", "金额", "2020", "430"] {
///     grid.push(if c.starts_with('2') || c.starts_with('4') { Cell::number(c) } else { Cell::text(c) });
/// }
/// let sheets = vec![SheetInfo { name: "明细".into(), visible: true, rows: 2, columns: 2 }];
/// let book = Book { format: "xlsx".into(), sheets, chosen: 0, grid, notes: vec![] };
/// let source = aidstat::read::sheet::open(&book.to_bytes(), &Default::default()).unwrap();
/// assert_eq!(source.headers, ["年度", "金额"]);
/// assert_eq!(source.info.header_line, Some(1));
/// ```
pub fn open(bytes: &[u8], opts: &ReadOptions) -> Result<Source<'static>> {
    let mut book = Book::from_bytes(bytes).map_err(|why| {
        Error::new(
            ErrorCode::BadWorkbook,
            format!("工作表数据无法读取（{why}）：请确认页面和计算引擎是同一版本，再打开一次"),
            format!("the sheet's cells cannot be read ({why}): check that the page and the engine are of the same version, and open the file again"),
        )
    })?;
    if book.grid.cells.len() > limits::MAX_CELLS {
        let g = &book.grid;
        return Err(limits::too_many_cells(
            g.height(),
            g.width as usize,
            u64::from(g.first_row) + g.height() as u64,
        ));
    }
    let sheet = book
        .sheets
        .get(book.chosen as usize)
        .map_or_else(String::new, |s| s.name.clone());
    let mut notes = Vec::new();
    for n in &book.notes {
        if let Some(count) = n.strip_prefix("uncomputed_formulas:") {
            notes.push(Note {
                code: "uncomputed_formulas",
                text: Texts::new(format!("{count} 个公式单元格没有保存计算结果（文件可能由不计算公式的程序生成），按无法读取的单元格处理：请在 Excel 或 WPS 中打开它、重新计算并保存，再打开"), format!("{count} formula cell(s) were saved without their results (the file may come from a program that does not calculate); they count as unreadable cells: open it in Excel or WPS, recalculate, save it, and open it again")),
                line: None,
            });
        }
    }
    match fill_merged(&mut book.grid) {
        None => notes.push(Note {
            code: "no_merged_areas",
            text: Texts::new(format!("这种工作簿（.{}）读不出合并单元格：合并的类别或年度只在第一行有值，其下各行为空", book.format), format!("merged cells cannot be read from this kind of workbook (.{}): a merged category or year has its value in the first row only, the rows below are empty", book.format)),
            line: None,
        }),
        Some(f) if f.filled > 0 || f.kept > 0 => notes.push(f.note()),
        Some(_) => {}
    }
    if let Some(note) = notes_below(&mut book.grid) {
        notes.push(note);
    }
    let mut records = records(&book.grid);
    let mut head: VecDeque<Record> = records.drain(..records.len().min(csv::HEAD)).collect();
    let mut info = SourceInfo {
        format: Format::Sheet,
        encoding: "Unicode",
        encoding_detected: false,
        bom: false,
        decode_errors: 0,
        delimiter: None,
        header_line: None,
        skipped_lines: Vec::new(),
        unit_line: None,
        notes,
        workbook: Some(Workbook {
            format: book.format.clone(),
            sheet,
            sheets: book.sheets.clone(),
            first_column: book.grid.first_column,
        }),
    };
    if head.is_empty() {
        return Err(Error::new(
            ErrorCode::EmptyFile,
            "这个工作表是空的：请在工作簿里选另一个工作表",
            "this sheet is empty: choose another sheet of the workbook",
        ));
    }
    let headers = csv::take_header(&mut head, opts.header_line, &mut info)?;
    head.extend(records);
    if headers.len() > limits::MAX_COLUMNS {
        return Err(limits::too_many_columns(headers.len(), info.header_line));
    }
    Ok(Source {
        info,
        headers,
        rows: Rows {
            pending: head,
            reader: None,
            plain: None,
        },
    })
}

/// One record per sheet row that holds something, with the sheet's row
/// number, as wide as the sheet's used range (so a row's empty cells at the
/// end are empty cells, not missing ones).
fn records(grid: &Grid) -> Vec<Record> {
    let width = grid.width as usize;
    let mut out = Vec::with_capacity(grid.height());
    if width == 0 {
        return out;
    }
    for (r, row) in grid.cells.chunks(width).enumerate() {
        if row.iter().all(|c| c.kind == Kind::Empty) {
            continue;
        }
        let mut rec = ByteRecord::with_capacity(row.iter().map(|c| c.text.len()).sum(), row.len());
        for c in row {
            rec.push_field(c.text.as_bytes());
        }
        out.push((u64::from(grid.first_row) + r as u64 + 1, rec));
    }
    out
}

/// What filling the merged areas did.
struct Filled {
    /// Areas whose value now fills their rows.
    filled: usize,
    /// Merged numbers left in their first row (not in a column of years).
    kept: usize,
    /// The first area filled, as Excel names it (`A4:A9`) with its value.
    example: Option<(String, String)>,
}

impl Filled {
    fn note(&self) -> Note {
        let (ex_zh, ex_en) = match &self.example {
            Some((area, v)) => (
                format!("（如 {area} 的“{v}”）"),
                format!(" (e.g. \"{v}\" in {area})"),
            ),
            None => (String::new(), String::new()),
        };
        let (kept_zh, kept_en) = match self.kept {
            0 => (String::new(), String::new()),
            n => (
                format!("；另有 {n} 处合并的数值只计一次（不是年度列，不复制金额）"),
                format!("; {n} merged number(s) outside a column of years count once (an amount is never copied)"),
            ),
        };
        Note {
            code: "merged_cells",
            text: Texts::new(format!("{} 处纵向合并的单元格已按人读表的方式填入其下各行{ex_zh}{kept_zh}", self.filled), format!("{} merged cell(s) spanning rows fill the rows they span, as a person reads them{ex_en}{kept_en}", self.filled)),
            line: None,
        }
    }
}

/// Fills each merged area one column wide that spans rows with its top
/// value (`None` when the reader gave no merged areas).
fn fill_merged(grid: &mut Grid) -> Option<Filled> {
    let areas = grid.merged.take()?;
    let mut done = Filled {
        filled: 0,
        kept: 0,
        example: None,
    };
    let width = grid.width as usize;
    let height = grid.height();
    let mut year_columns: Vec<Option<bool>> = vec![None; width];
    for a in &areas {
        // Only an area one column wide and several rows high: a title or a
        // header over sub-columns (wider) stays one cell.
        if a.bottom <= a.top || a.right != a.left {
            continue;
        }
        let (Some(col), Some(top)) = (
            a.left.checked_sub(grid.first_column),
            a.top.checked_sub(grid.first_row),
        ) else {
            continue;
        };
        let (col, top) = (col as usize, top as usize);
        let bottom = ((a.bottom - grid.first_row) as usize).min(height.saturating_sub(1));
        let Some(value) = grid
            .get(top, col)
            .filter(|c| c.kind != Kind::Empty)
            .cloned()
        else {
            continue;
        };
        if value.kind == Kind::Number {
            let years = match year_columns.get(col).copied().flatten() {
                Some(y) => y,
                None => {
                    let y = is_year_column(grid, col);
                    if let Some(slot) = year_columns.get_mut(col) {
                        *slot = Some(y);
                    }
                    y
                }
            };
            if !years {
                done.kept += 1;
                continue;
            }
        }
        for r in top + 1..=bottom {
            if let Some(cell) = grid
                .cells
                .get_mut(r * width + col)
                .filter(|c| c.kind == Kind::Empty)
            {
                *cell = value.clone();
            }
        }
        done.filled += 1;
        if done.example.is_none() {
            let letters = column_letters(a.left as usize);
            done.example = Some((
                format!("{letters}{}:{letters}{}", a.top + 1, a.bottom + 1),
                value.text.clone(),
            ));
        }
    }
    Some(done)
}

/// A column whose numbers are all whole years (1900 to 2100).
fn is_year_column(grid: &Grid, col: usize) -> bool {
    let width = grid.width as usize;
    grid.cells
        .iter()
        .skip(col)
        .step_by(width.max(1))
        .filter(|c: &&Cell| c.kind == Kind::Number)
        .all(|c| {
            c.text
                .parse::<u32>()
                .is_ok_and(|y| (1900..=2100).contains(&y))
        })
}

/// The rows below the table that are notes or signatures (`注：1. …`,
/// `填表人：张三　审核人：李四`): rows at the end that hold no number and
/// whose first text begins as a note does. They are emptied (so they are not
/// records) and named in a note.
fn notes_below(grid: &mut Grid) -> Option<Note> {
    let width = grid.width as usize;
    if width == 0 {
        return None;
    }
    let mut found: Vec<(u64, String)> = Vec::new();
    let rows = grid.height();
    for r in (0..rows).rev() {
        let Some(row) = grid
            .cells
            .get(r * width..((r + 1) * width).min(grid.cells.len()))
        else {
            break;
        };
        let filled: Vec<&Cell> = row.iter().filter(|c| c.kind != Kind::Empty).collect();
        if filled.is_empty() {
            continue;
        }
        let first = filled.first().map_or("", |c| c.text.trim());
        let note = filled
            .iter()
            .all(|c| c.kind == Kind::Text || c.kind == Kind::Date)
            && is_note_text(first);
        if !note {
            break;
        }
        let text: Vec<&str> = filled.iter().map(|c| c.text.trim()).collect();
        found.push((u64::from(grid.first_row) + r as u64 + 1, text.join(" ")));
        for c in grid.cells.iter_mut().skip(r * width).take(width) {
            *c = Cell::empty();
        }
    }
    if found.is_empty() {
        return None;
    }
    found.reverse();
    Some(super::notes_below(&found))
}
