//! Loading: bytes → [`Table`]. The stage between reading records
//! (`read/`) and the typed table (`table/`): reads the first records to decide
//! each column's role and unit ([`infer`]), then streams every record into
//! typed columns ([`builder`]), interning labels once ([`intern`]), applying
//! the analyst's corrections and relabels ([`edits`]), setting aside the
//! sheet's own total rows and rows with too many cells, and checking the
//! whole table at the end ([`after`]). [`stream`] does the same for a file
//! that arrives in chunks. The options are in [`options`].
//!
//! A new source of records (a workbook's sheet, a second file) plugs in as a
//! [`read::Source`]: everything after the records is shared.

pub mod after;
pub mod builder;
pub mod edits;
pub mod infer;
pub mod intern;
pub mod options;
pub mod stream;
pub mod wide;

use csv::ByteRecord;

use crate::error::Result;
use crate::limits;
use crate::read::{self, decode, Row};
use crate::table::{totals, Table, Warning};

use builder::Builder;
pub use edits::{CellCorrection, Correction};
pub use options::{ColumnOverride, LoadOptions, SheetRef};
pub use stream::Loader;

/// Records looked at to infer roles and units.
const SAMPLE: usize = 10_000;

/// Loads a file's bytes into a table.
///
/// # Example
/// ```
/// let csv = "年度,板块,金额(万元)\n2020,医疗帮扶,430\n2020,教育帮扶,148\n合计,,578\n";
/// let t = aidstat::load::load(csv.as_bytes(), &Default::default()).unwrap();
/// assert_eq!(t.len(), 2);
/// assert_eq!(t.total_rows.len(), 1);
/// ```
pub fn load(bytes: &[u8], opts: &LoadOptions) -> Result<Table> {
    let decoded = decode::decode(bytes, opts.read.encoding.as_deref())?;
    let mut source = read::open(&decoded, &opts.read)?;
    let (mut b, warnings) = begin(&mut source, opts, decoded.text.len(), Budget::Cells)?;
    b.drain(&mut source.rows, Budget::Cells)?;
    end(b, source.info, warnings)
}

/// Loads a workbook's sheet: the bytes the Office module made of its cells
/// (see [`read::sheet`]). Everything after the records is as for a CSV.
///
/// # Example
/// ```
/// use aidstat_cells::{Book, Cell, Grid, SheetInfo};
/// let mut grid = Grid::new(0, 0, 2);
/// grid.push(Cell::text("板块"));
/// grid.push(Cell::text("金额(万元)"));
/// grid.push(Cell::text("医疗帮扶"));
/// grid.push(Cell::number("430"));
/// let sheets = vec![SheetInfo { name: "明细".into(), visible: true, rows: 2, columns: 2 }];
/// let book = Book { format: "xlsx".into(), sheets, chosen: 0, grid, notes: vec![] };
/// let t = aidstat::load::load_sheet(&book.to_bytes(), &Default::default()).unwrap();
/// assert_eq!(t.len(), 1);
/// ```
pub fn load_sheet(cells: &[u8], opts: &LoadOptions) -> Result<Table> {
    let mut source = read::sheet::open(cells, &opts.read)?;
    let (mut b, warnings) = begin(&mut source, opts, cells.len(), Budget::Cells)?;
    b.drain(&mut source.rows, Budget::Cells)?;
    end(b, source.info, warnings)
}

/// The first part of loading: names, a sample of records to decide the
/// roles, and a [`Builder`] holding the sample's rows. `text_len` (bytes of
/// text the file probably holds) sizes the columns.
pub(crate) fn begin(
    source: &mut read::Source<'_>,
    opts: &LoadOptions,
    text_len: usize,
    budget: Budget,
) -> Result<(Builder, Vec<Warning>)> {
    let mut warnings = Vec::new();
    let file_names = unique_names(&source.headers, &mut warnings);
    let mut wide = match (opts.wide, &opts.wide_columns) {
        (Some(false), _) => None,
        (_, Some(named)) => Some(wide::named(&file_names, named)?),
        _ => wide::detect(&file_names).or_else(|| {
            // 本年 / 上年同期 with the year stated above the header (`2023年1-6月…`).
            let (line, year) = source
                .info
                .skipped_lines
                .iter()
                .find_map(|(l, t)| wide::stated_year(t).map(|y| (*l, y)))?;
            let w = wide::current_prior(&file_names, Some(year))?;
            let name = |i: usize| w.periods.get(i).and_then(|(k, _)| file_names.get(*k)).cloned().unwrap_or_default();
            let (prior, cur) = (name(0), name(1));
            warnings.push(Warning::new(
                "current_prior",
                format!("“{cur}”与“{prior}”按第 {line} 行标题中的年份读作 {year} 年与 {} 年的同期数，可计算同比", year - 1),
                format!("\"{cur}\" and \"{prior}\" are read as the same span of {year} and {}, from the year in the title on line {line}, so year-on-year growth can be computed", year - 1),
            ));
            Some(w)
        }),
    };
    if let (Some(w), Some((_, _, crate::cell::Unit::Count(_)))) =
        (wide.as_mut(), &source.info.unit_line)
    {
        w.counts();
    }
    let names = match &wide {
        Some(w) => {
            warnings.push(w.note(&file_names));
            w.names(&file_names)
        }
        None => file_names.clone(),
    };
    for name in opts.columns.keys().filter(|n| !names.contains(n)) {
        warnings.push(Warning::new(
            "unknown_override",
            format!("列设置中的“{name}”在文件里没有，已忽略"),
            format!("the column setting for \"{name}\" names no column of this file; ignored"),
        ));
    }

    // Buffer a sample to decide the roles.
    let mut sample: Vec<(u64, ByteRecord)> = Vec::new();
    let mut rec = Row::default();
    while sample.len() < SAMPLE {
        match source.rows.next_row(&mut rec) {
            Some(line) => sample.push((line, rec.to_record())),
            None => break,
        }
    }
    let unit_line = source.info.unit_line.as_ref().map(|u| u.2);
    let long_sample: Vec<(u64, ByteRecord)>;
    let inferred_from = match &wide {
        Some(w) => {
            long_sample = sample
                .iter()
                .flat_map(|(l, r)| w.unpivot(r).into_iter().map(move |x| (*l, x)))
                .collect();
            &long_sample
        }
        None => &sample,
    };
    let repeated = wide.as_ref().map_or(0, |w| w.keep.len());
    let mut b = Builder::new(
        &names,
        inferred_from,
        unit_line,
        opts,
        repeated,
        &mut warnings,
    );
    if let Some(w) = wide {
        b.set_wide(w, file_names.len());
    }
    let mut rows = estimate_rows(text_len, &sample);
    if budget == Budget::Memory {
        // Never more room than the budget allows: a file too big for it is
        // refused with a message when the rows get there, not by a failed
        // allocation now.
        rows = rows.min(limits::MAX_TABLE_BYTES / b.row_bytes().max(1));
    }
    b.reserve(rows);
    for (line, r) in &sample {
        b.push(*line, r);
    }
    Ok((b, warnings))
}

/// The last part of loading: the columns made a table, its total rows
/// reconciled, the checks that need the whole table.
pub(crate) fn end(mut b: Builder, info: read::SourceInfo, warnings: Vec<Warning>) -> Result<Table> {
    let edit_notes = b.edit_notes();
    let row_totals = std::mem::take(&mut b.row_totals);
    let mut table = b.finish(info, warnings);
    table.warnings.extend(edit_notes);
    let (findings, unchecked) = totals::reconcile(&table);
    table.findings = findings;
    table.warnings.extend(unchecked);
    wide::row_total_findings(&mut table, row_totals);
    after::after_load(table)
}

/// How big a table may grow while loading.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Budget {
    /// The whole file's text is held beside the table: [`limits::MAX_CELLS`].
    Cells,
    /// Only the table is held (a file read in chunks): [`limits::MAX_TABLE_BYTES`].
    Memory,
}

/// Rows a text of `len` bytes probably holds, from the sample's bytes per
/// row (an estimate for reserving memory, capped to stay harmless).
fn estimate_rows(len: usize, sample: &[(u64, ByteRecord)]) -> usize {
    let bytes: usize = sample
        .iter()
        .map(|(_, r)| r.as_slice().len() + r.len())
        .sum();
    match (bytes.checked_div(sample.len()), sample.len() < SAMPLE) {
        (_, true) => sample.len(),
        (Some(per_row), false) if per_row > 0 => (len / per_row).min(50_000_000),
        _ => 0,
    }
}

/// Names made unique and non-empty: an empty header becomes `列3`, a repeated
/// one `金额_2`.
fn unique_names(headers: &[String], warnings: &mut Vec<Warning>) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(headers.len());
    for (i, h) in headers.iter().enumerate() {
        let mut name = if h.is_empty() {
            warnings.push(Warning::new(
                "empty_header",
                format!("第 {} 列没有表头，命名为“列{}”", i + 1, i + 1),
                format!("column {} has no header; named \"列{}\"", i + 1, i + 1),
            ));
            format!("列{}", i + 1)
        } else {
            h.clone()
        };
        if out.contains(&name) {
            let base = name.clone();
            let mut k = 2;
            while out.contains(&name) {
                name = format!("{base}_{k}");
                k += 1;
            }
            warnings.push(Warning::new(
                "duplicate_header",
                format!("表头“{base}”重复，第 {} 列改称“{name}”", i + 1),
                format!(
                    "header \"{base}\" is repeated; column {} is named \"{name}\"",
                    i + 1
                ),
            ));
        }
        out.push(name);
    }
    out
}
