//! Workbook bytes → a [`Book`]: which format it is (from its bytes), every
//! worksheet's name, visibility and size, and the cells and merged areas of
//! the sheet chosen. calamine does the reading; here its values become the
//! texts the core reads ([`crate::number`] for numbers, ISO text for dates).

pub mod compound;

use std::io::Cursor;

use aidstat_cells::{Area, Book, Cell, Grid, Kind, SheetInfo};
use calamine::{Data, Ods, Range, Reader, SheetType, SheetVisible, Sheets, Xls, Xlsb, Xlsx};

use crate::error::OfficeError;
use crate::number::excel_decimal;

/// Which sheet to read.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum SheetChoice {
    /// The first visible sheet that holds a table (two rows and two columns at least).
    #[default]
    First,
    /// The sheet of this name.
    Name(String),
    /// The sheet at this 0-based position among the worksheets.
    Index(usize),
}

/// What the first bytes say the file is, if a workbook: `"zip"` (xlsx, xlsm,
/// xlsb, ods) or `"cfb"` (xls, or an encrypted xlsx).
///
/// # Example
/// ```
/// use aidstat_office::read::container;
/// assert_eq!(container(b"PK\x03\x04...."), Some("zip"));
/// assert_eq!(container(b"year,amount\n"), None);
/// ```
pub fn container(bytes: &[u8]) -> Option<&'static str> {
    match bytes {
        [0x50, 0x4b, 0x03, 0x04, ..] => Some("zip"),
        [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ..] => Some("cfb"),
        _ => None,
    }
}

/// Reads a workbook: the list of its worksheets and the chosen sheet's cells.
///
/// # Example
/// ```
/// use aidstat_office::read::{read_book, SheetChoice};
/// let err = read_book(b"PK\x03\x04 not really a zip", &SheetChoice::First).unwrap_err();
/// assert_eq!(err.code, "bad_workbook");
/// ```
pub fn read_book(bytes: &[u8], choice: &SheetChoice) -> Result<Book, OfficeError> {
    // calamine has panicked on damaged files (its .xls and compound-file
    // readers slice past the data it was given; tests/regression). Natively
    // such a panic becomes a damaged-workbook error here. In wasm a panic
    // aborts the module; the page and pkg/index.js then start a fresh
    // instance and say the same (engine/office.js).
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        read_book_inner(bytes, choice)
    }))
    .unwrap_or_else(|_| {
        Err(OfficeError::bad(
            "the reader stopped on this file's contents",
        ))
    })
}

fn read_book_inner(bytes: &[u8], choice: &SheetChoice) -> Result<Book, OfficeError> {
    let (mut sheets, format) = open(bytes)?;
    let listed: Vec<(String, bool)> = sheets
        .sheets_metadata()
        .iter()
        .filter(|s| s.typ == SheetType::WorkSheet)
        .map(|s| (s.name.clone(), s.visible == SheetVisible::Visible))
        .collect();
    if listed.is_empty() {
        return Err(OfficeError::empty());
    }
    let wanted = match choice {
        SheetChoice::First => None,
        SheetChoice::Name(n) => Some(
            listed
                .iter()
                .position(|(name, _)| name == n || name.trim() == n.trim())
                .ok_or_else(|| OfficeError::unknown_sheet(n, &listed))?,
        ),
        SheetChoice::Index(i) => Some(
            Some(*i)
                .filter(|i| *i < listed.len())
                .ok_or_else(|| OfficeError::unknown_sheet(&format!("{}", i + 1), &listed))?,
        ),
    };
    let mut infos = Vec::with_capacity(listed.len());
    let mut chosen: Option<(usize, Option<Range<Data>>)> = None;
    for (i, (name, visible)) in listed.iter().enumerate() {
        // A sheet's size without reading its cells where the format states it.
        let (size, range) = match declared_size(&mut sheets, name) {
            Some(size) => (size, None),
            None => {
                let range = sheets
                    .worksheet_range(name)
                    .map_err(|e| OfficeError::bad(&e.to_string()))?;
                (range.get_size(), Some(range))
            }
        };
        let (rows, columns) = size;
        infos.push(SheetInfo {
            name: name.clone(),
            visible: *visible,
            rows: u32::try_from(rows).unwrap_or(u32::MAX),
            columns: u32::try_from(columns).unwrap_or(u32::MAX),
        });
        let take = match wanted {
            Some(w) => w == i,
            // A table has a header and a row, and two columns at least.
            None => chosen.is_none() && *visible && rows >= 2 && columns >= 2,
        };
        if take {
            chosen = Some((i, range));
        }
    }
    let Some((index, range)) = chosen else {
        return Err(OfficeError::empty());
    };
    let range = match (range, listed.get(index)) {
        (Some(r), _) => r,
        (None, Some((n, _))) => sheets
            .worksheet_range(n)
            .map_err(|e| OfficeError::bad(&e.to_string()))?,
        (None, None) => return Err(OfficeError::empty()),
    };
    let name = listed
        .get(index)
        .map(|(n, _)| n.clone())
        .unwrap_or_default();
    let mut notes = Vec::new();
    let merged = merged_areas(&mut sheets, &name);
    if merged.is_none() {
        notes.push("no_merged_areas".to_string());
    }
    let mut grid = grid_of(&range);
    grid.merged = merged;
    uncomputed_formulas(&mut sheets, &name, &mut grid, &mut notes);
    Ok(Book {
        format: format.to_string(),
        sheets: infos,
        chosen: index as u32,
        grid,
        notes,
    })
}

/// A workbook being read from bytes in memory.
type Workbook<'b> = Sheets<Cursor<&'b [u8]>>;

/// Opens the bytes with the reader their container calls for.
fn open(bytes: &[u8]) -> Result<(Workbook<'_>, &'static str), OfficeError> {
    let cursor = || Cursor::new(bytes);
    match container(bytes) {
        Some("zip") => {
            let xlsx = match Xlsx::new(cursor()) {
                Ok(x) => {
                    let macros = zip_has(bytes, b"xl/vbaProject.bin");
                    return Ok((Sheets::Xlsx(x), if macros { "xlsm" } else { "xlsx" }));
                }
                Err(e) => e,
            };
            if let Ok(x) = Xlsb::new(cursor()) {
                return Ok((Sheets::Xlsb(x), "xlsb"));
            }
            if let Ok(x) = Ods::new(cursor()) {
                return Ok((Sheets::Ods(x), "ods"));
            }
            Err(OfficeError::bad(&xlsx.to_string()))
        }
        Some(_) if !compound::sectors_inside(bytes) => Err(OfficeError::bad(
            "the file's sector tables point past its end: it is truncated or damaged",
        )),
        Some(_) if !compound::dimensions_plausible(bytes) => Err(OfficeError::bad(
            "a sheet declares more cells than an .xls can hold",
        )),
        Some(_) => match Xls::new(cursor()) {
            Ok(x) => Ok((Sheets::Xls(x), "xls")),
            Err(calamine::XlsError::Password) => Err(OfficeError::encrypted()),
            Err(e) => match Xlsx::new(cursor()) {
                // An encrypted .xlsx is a compound file holding the encrypted package.
                Err(calamine::XlsxError::Password) => Err(OfficeError::encrypted()),
                _ => Err(OfficeError::bad(&e.to_string())),
            },
        },
        None => Err(OfficeError::not_workbook()),
    }
}

/// The used range an `.xlsx` sheet states at its start (`<dimension
/// ref="A1:F23"/>`), read without parsing its cells; `None` for other formats
/// (their sheets are parsed when the workbook opens) or when none is stated.
fn declared_size(sheets: &mut Workbook<'_>, name: &str) -> Option<(usize, usize)> {
    let Sheets::Xlsx(x) = sheets else { return None };
    let d = x.worksheet_cells_reader(name).ok()?.dimensions();
    if d == calamine::Dimensions::default() {
        return None;
    }
    let rows = (d.end.0.checked_sub(d.start.0)? as usize).checked_add(1)?;
    let cols = (d.end.1.checked_sub(d.start.1)? as usize).checked_add(1)?;
    Some((rows, cols))
}

/// Whether a zip's central directory names `path` (a plain byte search:
/// entry names are stored as written).
fn zip_has(bytes: &[u8], path: &[u8]) -> bool {
    bytes.windows(path.len()).any(|w| w == path)
}

/// The merged areas of a sheet, where the format's reader gives them.
fn merged_areas(sheets: &mut Workbook<'_>, name: &str) -> Option<Vec<Area>> {
    let dims = match sheets {
        Sheets::Xlsx(x) => x.merge_cells_by_sheet_name(name).ok()?,
        Sheets::Xls(x) => x.merge_cells_by_sheet_name(name).ok()?,
        Sheets::Xlsb(_) | Sheets::Ods(_) => return None,
    };
    Some(
        dims.iter()
            .map(|d| Area {
                top: d.start.0,
                left: d.start.1,
                bottom: d.end.0,
                right: d.end.1,
            })
            .collect(),
    )
}

/// Cells read beside their formulas at most (a second pass over the sheet).
const MAX_FORMULA_CELLS: usize = 2_000_000;

/// A formula saved without its result (a file written by a program that does
/// not calculate, such as openpyxl) reads as an empty cell: it becomes an
/// error cell that says so, never a silent blank or 0.
fn uncomputed_formulas(
    sheets: &mut Workbook<'_>,
    name: &str,
    grid: &mut Grid,
    notes: &mut Vec<String>,
) {
    if grid.cells.len() > MAX_FORMULA_CELLS || matches!(sheets, Sheets::Ods(_)) {
        return;
    }
    let Ok(formulas) = sheets.worksheet_formula(name) else {
        return;
    };
    let Some((top, left)) = formulas.start() else {
        return;
    };
    let width = grid.width as usize;
    let mut found = 0;
    for (r, c, f) in formulas.used_cells() {
        let (row, col) = (top as usize + r, left as usize + c);
        let (Some(gr), Some(gc)) = (
            row.checked_sub(grid.first_row as usize),
            col.checked_sub(grid.first_column as usize),
        ) else {
            continue;
        };
        if gc >= width || f.is_empty() {
            continue;
        }
        if let Some(cell) = grid
            .cells
            .get_mut(gr * width + gc)
            .filter(|c| c.kind == Kind::Empty)
        {
            *cell = Cell {
                kind: Kind::Error,
                text: format!("={}（公式没有保存计算结果）", f.trim_start_matches('=')),
            };
            found += 1;
        }
    }
    if found > 0 {
        notes.push(format!("uncomputed_formulas:{found}"));
    }
}

/// The used range as a grid of typed cells.
fn grid_of(range: &Range<Data>) -> Grid {
    let (first_row, first_column) = range.start().unwrap_or((0, 0));
    let width = u32::try_from(range.width()).unwrap_or(u32::MAX);
    let mut grid = Grid::new(first_row, first_column, width);
    grid.cells.reserve(range.width() * range.height());
    for row in range.rows() {
        for v in row {
            grid.push(cell_of(v));
        }
    }
    grid
}

/// One value as the core reads it.
fn cell_of(v: &Data) -> Cell {
    let (kind, text) = match v {
        Data::Empty => return Cell::empty(),
        Data::String(s) if s.is_empty() => return Cell::empty(),
        Data::String(s) => (Kind::Text, s.clone()),
        Data::Int(i) => (Kind::Number, i.to_string()),
        Data::Float(f) => match excel_decimal(*f) {
            Some(t) => (Kind::Number, t),
            None => (Kind::Error, "#NUM!".to_string()),
        },
        Data::Bool(b) => (Kind::Bool, if *b { "TRUE" } else { "FALSE" }.to_string()),
        Data::DateTime(d) if d.is_datetime() => {
            let (y, mo, da, h, mi, s, _) = d.to_ymd_hms_milli();
            let text = if (h, mi, s) == (0, 0, 0) {
                format!("{y:04}-{mo:02}-{da:02}")
            } else {
                format!("{y:04}-{mo:02}-{da:02} {h:02}:{mi:02}:{s:02}")
            };
            (Kind::Date, text)
        }
        // A duration ([h]:mm) is a number of days.
        Data::DateTime(d) => match excel_decimal(d.as_f64()) {
            Some(t) => (Kind::Number, t),
            None => (Kind::Error, "#NUM!".to_string()),
        },
        Data::DateTimeIso(s) => (Kind::Date, s.clone()),
        Data::DurationIso(s) => (Kind::Text, s.clone()),
        Data::Error(e) => (Kind::Error, e.to_string()),
    };
    Cell { kind, text }
}
