//! The cells of a workbook's sheet, as aidstat's Office module hands them to
//! its core: what each cell holds (text, a number as its exact decimal text,
//! a date, an error), the merged areas, and the list of the workbook's
//! sheets. The two wasm modules share no memory, so a [`Book`] crosses
//! between them as bytes ([`Book::to_bytes`], [`Book::from_bytes`]).
//!
//! This crate depends on nothing: the Office module writes it, the core reads it.
//!
//! # Example
//! ```
//! use aidstat_cells::{Book, Cell, Grid, SheetInfo};
//! let mut grid = Grid::new(0, 0, 2);
//! grid.push(Cell::text("年度"));
//! grid.push(Cell::text("金额"));
//! grid.push(Cell::number("2020"));
//! grid.push(Cell::number("1033.98"));
//! let book = Book {
//!     format: "xlsx".into(),
//!     sheets: vec![SheetInfo { name: "Sheet1".into(), visible: true, rows: 2, columns: 2 }],
//!     chosen: 0,
//!     grid,
//!     notes: vec![],
//! };
//! let back = Book::from_bytes(&book.to_bytes()).unwrap();
//! assert_eq!(back, book);
//! assert_eq!(back.grid.get(1, 1).unwrap().text, "1033.98");
//! ```

#![deny(missing_docs)]
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::unreachable,
        clippy::indexing_slicing
    )
)]

/// What a cell holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Nothing.
    Empty = 0,
    /// Text as typed.
    Text = 1,
    /// A number, as the exact decimal text Excel shows at full precision.
    Number = 2,
    /// A date (`2020-03-01`) or a date and time (`2020-03-01 12:30:00`).
    Date = 3,
    /// An error value (`#DIV/0!`, `#N/A`), or a formula with no cached value.
    Error = 4,
    /// TRUE or FALSE.
    Bool = 5,
}

impl Kind {
    fn from_byte(b: u8) -> Option<Kind> {
        Some(match b {
            0 => Kind::Empty,
            1 => Kind::Text,
            2 => Kind::Number,
            3 => Kind::Date,
            4 => Kind::Error,
            5 => Kind::Bool,
            _ => return None,
        })
    }
}

/// One cell.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cell {
    /// What it holds.
    pub kind: Kind,
    /// Its text (empty for [`Kind::Empty`]).
    pub text: String,
}

impl Cell {
    /// An empty cell.
    pub fn empty() -> Cell {
        Cell {
            kind: Kind::Empty,
            text: String::new(),
        }
    }
    /// A text cell.
    pub fn text(s: impl Into<String>) -> Cell {
        Cell {
            kind: Kind::Text,
            text: s.into(),
        }
    }
    /// A number cell, given its exact decimal text.
    pub fn number(s: impl Into<String>) -> Cell {
        Cell {
            kind: Kind::Number,
            text: s.into(),
        }
    }
}

/// A merged area, 0-based and inclusive, in the sheet's own coordinates.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Area {
    /// First row.
    pub top: u32,
    /// First column.
    pub left: u32,
    /// Last row.
    pub bottom: u32,
    /// Last column.
    pub right: u32,
}

/// The used range of one sheet, row by row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Grid {
    /// 0-based sheet row of the first row held (row 1 in Excel is 0).
    pub first_row: u32,
    /// 0-based sheet column of the first column held (A is 0).
    pub first_column: u32,
    /// Cells per row.
    pub width: u32,
    /// The cells, row by row (`width` per row).
    pub cells: Vec<Cell>,
    /// Merged areas; `None` when the reader cannot give them for this format.
    pub merged: Option<Vec<Area>>,
}

impl Grid {
    /// An empty grid starting at the given sheet row and column.
    pub fn new(first_row: u32, first_column: u32, width: u32) -> Grid {
        Grid {
            first_row,
            first_column,
            width,
            cells: Vec::new(),
            merged: Some(Vec::new()),
        }
    }
    /// Adds the next cell (row by row).
    pub fn push(&mut self, cell: Cell) {
        self.cells.push(cell);
    }
    /// Rows held.
    pub fn height(&self) -> usize {
        match self.width {
            0 => 0,
            w => self.cells.len().div_ceil(w as usize),
        }
    }
    /// The cell at a row and column of the grid (not of the sheet).
    pub fn get(&self, row: usize, column: usize) -> Option<&Cell> {
        if column >= self.width as usize {
            return None;
        }
        self.cells
            .get(row.checked_mul(self.width as usize)?.checked_add(column)?)
    }
}

/// One sheet of the workbook, as listed in the schema.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SheetInfo {
    /// Its name on the tab.
    pub name: String,
    /// Not hidden.
    pub visible: bool,
    /// Rows of its used range.
    pub rows: u32,
    /// Columns of its used range.
    pub columns: u32,
}

/// A workbook as the core needs it: every sheet's name and size, and the
/// cells of the one chosen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Book {
    /// `xlsx`, `xlsm`, `xlsb`, `xls` or `ods`.
    pub format: String,
    /// Every sheet, in the workbook's order.
    pub sheets: Vec<SheetInfo>,
    /// Index in `sheets` of the sheet whose cells these are.
    pub chosen: u32,
    /// The chosen sheet's cells.
    pub grid: Grid,
    /// Codes of what the reader could not do (e.g. `no_merged_areas`).
    pub notes: Vec<String>,
}

const MAGIC: &[u8; 6] = b"AIDC\x00\x01";

impl Book {
    /// The book as bytes, to hand to the core.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(
            64 + self
                .grid
                .cells
                .iter()
                .map(|c| 5 + c.text.len())
                .sum::<usize>(),
        );
        out.extend_from_slice(MAGIC);
        put_str(&mut out, &self.format);
        put_u32(&mut out, self.sheets.len() as u32);
        for s in &self.sheets {
            put_str(&mut out, &s.name);
            out.push(u8::from(s.visible));
            put_u32(&mut out, s.rows);
            put_u32(&mut out, s.columns);
        }
        put_u32(&mut out, self.chosen);
        put_u32(&mut out, self.notes.len() as u32);
        for n in &self.notes {
            put_str(&mut out, n);
        }
        let g = &self.grid;
        put_u32(&mut out, g.first_row);
        put_u32(&mut out, g.first_column);
        put_u32(&mut out, g.width);
        match &g.merged {
            None => out.push(0),
            Some(areas) => {
                out.push(1);
                put_u32(&mut out, areas.len() as u32);
                for a in areas {
                    for v in [a.top, a.left, a.bottom, a.right] {
                        put_u32(&mut out, v);
                    }
                }
            }
        }
        put_u32(&mut out, g.cells.len() as u32);
        for c in &g.cells {
            out.push(c.kind as u8);
            if c.kind != Kind::Empty {
                put_str(&mut out, &c.text);
            }
        }
        out
    }

    /// Reads what [`Book::to_bytes`] wrote. Anything else is refused with a
    /// short reason (never a panic).
    pub fn from_bytes(bytes: &[u8]) -> Result<Book, String> {
        let mut r = Reader { bytes, at: 0 };
        if r.take(MAGIC.len())? != MAGIC {
            return Err(
                "not a sheet of cells from aidstat's Office module (or another version)".into(),
            );
        }
        let format = r.str()?;
        let n = r.u32()? as usize;
        let mut sheets = Vec::with_capacity(n.min(4096));
        for _ in 0..n {
            let name = r.str()?;
            let visible = r.byte()? != 0;
            sheets.push(SheetInfo {
                name,
                visible,
                rows: r.u32()?,
                columns: r.u32()?,
            });
        }
        let chosen = r.u32()?;
        let n = r.u32()? as usize;
        let mut notes = Vec::with_capacity(n.min(64));
        for _ in 0..n {
            notes.push(r.str()?);
        }
        let (first_row, first_column, width) = (r.u32()?, r.u32()?, r.u32()?);
        let merged = match r.byte()? {
            0 => None,
            _ => {
                let n = r.u32()? as usize;
                let mut areas = Vec::with_capacity(n.min(1 << 16));
                for _ in 0..n {
                    areas.push(Area {
                        top: r.u32()?,
                        left: r.u32()?,
                        bottom: r.u32()?,
                        right: r.u32()?,
                    });
                }
                Some(areas)
            }
        };
        let n = r.u32()? as usize;
        // At least one byte a cell: a count past the bytes left is corrupt.
        if n > bytes.len() - r.at {
            return Err("more cells announced than bytes left".into());
        }
        let mut cells = Vec::with_capacity(n);
        for _ in 0..n {
            let kind = Kind::from_byte(r.byte()?).ok_or("unknown cell kind")?;
            let text = if kind == Kind::Empty {
                String::new()
            } else {
                r.str()?
            };
            cells.push(Cell { kind, text });
        }
        if r.at != bytes.len() {
            return Err("bytes left after the last cell".into());
        }
        Ok(Book {
            format,
            sheets,
            chosen,
            grid: Grid {
                first_row,
                first_column,
                width,
                cells,
                merged,
            },
            notes,
        })
    }
}

fn put_u32(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}

fn put_str(out: &mut Vec<u8>, s: &str) {
    put_u32(out, s.len() as u32);
    out.extend_from_slice(s.as_bytes());
}

struct Reader<'b> {
    bytes: &'b [u8],
    at: usize,
}

impl<'b> Reader<'b> {
    fn take(&mut self, n: usize) -> Result<&'b [u8], String> {
        let end = self.at.checked_add(n).ok_or("the bytes end too soon")?;
        let s = self
            .bytes
            .get(self.at..end)
            .ok_or("the bytes end too soon")?;
        self.at = end;
        Ok(s)
    }
    fn byte(&mut self) -> Result<u8, String> {
        Ok(self.u8s::<1>()?[0])
    }
    fn u32(&mut self) -> Result<u32, String> {
        Ok(u32::from_le_bytes(self.u8s::<4>()?))
    }
    fn u8s<const N: usize>(&mut self) -> Result<[u8; N], String> {
        self.take(N)?
            .try_into()
            .map_err(|_| "the bytes end too soon".into())
    }
    fn str(&mut self) -> Result<String, String> {
        let n = self.u32()? as usize;
        String::from_utf8(self.take(n)?.to_vec()).map_err(|_| "a text that is not UTF-8".into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_truncated_and_foreign_bytes() {
        let mut g = Grid::new(2, 1, 1);
        g.push(Cell::text("医疗"));
        let book = Book {
            format: "xls".into(),
            sheets: vec![],
            chosen: 0,
            grid: g,
            notes: vec!["x".into()],
        };
        let bytes = book.to_bytes();
        for cut in 0..bytes.len() {
            assert!(Book::from_bytes(&bytes[..cut]).is_err(), "cut at {cut}");
        }
        assert!(Book::from_bytes(b"PK\x03\x04").is_err());
        assert_eq!(Book::from_bytes(&bytes).unwrap(), book);
    }
}
