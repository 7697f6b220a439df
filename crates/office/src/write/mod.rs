//! A view → the bytes of an `.xlsx` workbook, laid out as the page shows it:
//! a title row, a `单位：万元` row, the header (each period merged over its
//! 金额 / 占比 / 增长 sub-columns), the row labels, subtotal and total rows in
//! bold, panes frozen below the header and right of the labels, widths that
//! fit Chinese text; a second sheet 说明 with the source, the rows used and
//! set aside, the checks and the report paragraph. rust_xlsxwriter writes it.
//!
//! Figures are numbers, never text: each cell holds the double nearest the
//! exact figure, read from its decimal text ([`crate::number::excel_double`]),
//! with a number format showing the view's precision. An empty figure shows
//! what the page shows (—, 新增) with its reason as a cell note. Labels are
//! always written as text, so `=1+1` from a file is never a formula.

pub mod docx;
pub mod input;
mod notes;
pub mod words;

/// Text as GB18030 bytes, for a CSV export that older Excel and WPS open as
/// GBK (every character has a GB18030 code, so none is lost).
pub fn gb18030(text: &str) -> Vec<u8> {
    encoding_rs::GB18030.encode(text).0.into_owned()
}

use std::collections::HashMap;

use rust_xlsxwriter::{
    ColNum, Format, FormatAlign, FormatBorder, Note, RowNum, Workbook, Worksheet, XlsxError,
};

use crate::error::OfficeError;
use crate::number::excel_double;
use input::{Export, Figure, View};
use words::{Lang, Word};

/// Columns a worksheet can hold (XFD).
const EXCEL_COLUMNS: usize = 16_384;

/// Cell notes written at most (a note is heavy in the file; the rest are
/// counted on the 说明 sheet).
const MAX_NOTES: usize = 2_000;

/// Writes the workbook.
///
/// # Example
/// ```
/// use aidstat_office::write::{input::Export, write_xlsx};
/// let export: Export = serde_json::from_str(r#"{"result": {
///   "spec": {"precision": 2, "percentPrecision": 2, "unit": "万元"},
///   "measure": {"name": "金额", "kind": "money", "unit": "万元"},
///   "rowDims": ["板块"], "colDim": "年度",
///   "columns": [{"label": "2020", "kind": "value"}],
///   "rows": [{"kind": "data", "level": 1, "keys": ["医疗帮扶"], "label": "医疗帮扶",
///             "cells": [{"value": {"exact": "430", "text": "430.00"}}]}]
/// }}"#).unwrap();
/// let bytes = write_xlsx(&export).unwrap();
/// assert_eq!(&bytes[..2], b"PK");
/// ```
pub fn write_xlsx(export: &Export) -> Result<Vec<u8>, OfficeError> {
    let lang = Lang::of(export.lang.as_deref());
    let v = &export.result;
    let width = v.row_dims.len().max(1) + subs_of(v).len() * v.columns.len() + 1;
    if width > EXCEL_COLUMNS {
        return Err(OfficeError::write_failed(&format!(
            "the view needs {width} columns, more than Excel's {EXCEL_COLUMNS}; put fewer periods or categories across the top"
        )));
    }
    let mut book = Workbook::new();
    let mut counts = Counts::default();
    let sheet = book.add_worksheet();
    grid(sheet, export, lang, &mut counts).map_err(failed)?;
    let notes = book.add_worksheet();
    notes::notes_sheet(notes, export, lang, &counts).map_err(failed)?;
    book.save_to_buffer().map_err(failed)
}

fn failed(e: XlsxError) -> OfficeError {
    OfficeError::write_failed(&e.to_string())
}

/// What the grid sheet counted, for the notes sheet.
#[derive(Default)]
pub(crate) struct Counts {
    /// Amounts with more than 15 significant digits (rounded at the 15th).
    pub rounded: usize,
    /// Cell notes not written past [`MAX_NOTES`].
    pub notes_left_out: usize,
    /// Figures left blank (no records).
    pub blank: usize,
    notes: usize,
}

/// One sub-column of each column of the grid.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Sub {
    Value,
    Share,
    Growth,
}

/// The sub-columns of each column: the value, and a share and a growth
/// where the view has them.
pub(crate) fn subs_of(v: &View) -> Vec<Sub> {
    let mut subs = vec![Sub::Value];
    if v.rows
        .iter()
        .any(|r| r.cells.iter().any(|c| c.share.is_some()))
    {
        subs.push(Sub::Share);
    }
    if v.rows
        .iter()
        .any(|r| r.cells.iter().any(|c| c.growth.is_some()))
    {
        subs.push(Sub::Growth);
    }
    subs
}

/// The title the page would show, when none is given.
pub(crate) fn default_title(v: &View, lang: Lang) -> String {
    let measure = plain_name(&v.measure.name);
    let dims = v.row_dims.join(lang.pick("、", "、", ", "));
    let by = match (&v.col_dim, dims.is_empty()) {
        (Some(c), false) => format!("{dims} × {c}"),
        (Some(c), true) => c.clone(),
        (None, _) => dims,
    };
    match lang {
        Lang::En if by.is_empty() => measure,
        Lang::En => format!("{measure} by {by}"),
        _ if by.is_empty() => measure,
        _ => format!("{measure}：按{by}"),
    }
}

/// A measure's name without the unit written after it: `金额(万元)` → `金额`.
pub(crate) fn plain_name(name: &str) -> String {
    let cut = name
        .find(['(', '（'])
        .filter(|&i| i > 0)
        .unwrap_or(name.len());
    name.get(..cut).unwrap_or(name).trim().to_string()
}

/// The unit the figures are in, as the `单位：` row states it.
pub(crate) fn unit_of(v: &View) -> Option<String> {
    match v.measure.kind.as_deref() {
        Some("money") => v.spec.unit.clone().or_else(|| v.measure.unit.clone()),
        _ => v.measure.unit.clone(),
    }
}

/// Columns wide enough for their widest text (a CJK character is two).
#[derive(Default)]
struct Widths(HashMap<ColNum, usize>);

impl Widths {
    fn see(&mut self, col: ColNum, text: &str) {
        let w = text
            .chars()
            .map(|c| if c as u32 >= 0x2E80 { 2 } else { 1 })
            .sum::<usize>();
        let e = self.0.entry(col).or_insert(0);
        *e = (*e).max(w);
    }
    fn apply(&self, ws: &mut Worksheet) -> Result<(), XlsxError> {
        for (&c, &w) in &self.0 {
            ws.set_column_width(c, (w + 2).clamp(6, 60) as f64)?;
        }
        Ok(())
    }
}

/// The formats of the grid.
struct Formats {
    title: Format,
    plain: Format,
    header: Format,
    label: Format,
    label_bold: Format,
    empty: Format,
    empty_bold: Format,
    numbers: HashMap<(String, bool), Format>,
}

impl Formats {
    fn new() -> Formats {
        let border = |f: Format| f.set_border(FormatBorder::Thin);
        Formats {
            title: Format::new()
                .set_bold()
                .set_font_size(14)
                .set_align(FormatAlign::Center),
            plain: Format::new(),
            header: border(
                Format::new()
                    .set_bold()
                    .set_align(FormatAlign::Center)
                    .set_align(FormatAlign::VerticalCenter),
            ),
            label: border(Format::new()),
            label_bold: border(Format::new().set_bold()),
            empty: border(Format::new().set_align(FormatAlign::Right)),
            empty_bold: border(Format::new().set_bold().set_align(FormatAlign::Right)),
            numbers: HashMap::new(),
        }
    }
    fn number(&mut self, pattern: &str, bold: bool) -> &Format {
        self.numbers
            .entry((pattern.to_string(), bold))
            .or_insert_with(|| {
                let f = Format::new()
                    .set_num_format(pattern)
                    .set_border(FormatBorder::Thin);
                if bold {
                    f.set_bold()
                } else {
                    f
                }
            })
    }
}

/// `#,##0.00` for two decimals; `0.00%` for a percentage.
fn pattern(decimals: u32, percent: bool) -> String {
    let frac = if decimals > 0 {
        format!(".{}", "0".repeat(decimals.min(15) as usize))
    } else {
        String::new()
    };
    if percent {
        format!("0{frac}%")
    } else {
        format!("#,##0{frac}")
    }
}

/// How a growth or summary figure is stored: a percentage (shown `12.50%`)
/// as its hundredth with a percent format, anything else as it is, each with
/// the decimals shown.
fn as_shown(fig: &Figure) -> (i64, String) {
    let percent = fig.text.ends_with('%');
    (
        if percent { 2 } else { 0 },
        pattern(shown_decimals(&fig.text), percent),
    )
}

/// Decimals of a shown figure (`1,234.5` → 1, `12.50%` → 2).
fn shown_decimals(text: &str) -> u32 {
    let t = text.trim_end_matches('%');
    t.split_once('.').map_or(0, |(_, f)| {
        f.chars().take_while(char::is_ascii_digit).count() as u32
    })
}

/// The grid sheet.
fn grid(
    ws: &mut Worksheet,
    export: &Export,
    lang: Lang,
    counts: &mut Counts,
) -> Result<(), XlsxError> {
    let v = &export.result;
    ws.set_name(lang.word(Word::Sheet))?;
    let mut f = Formats::new();
    let mut widths = Widths::default();
    let dims = v.row_dims.len().max(1) as ColNum;
    let summary = v.rows.iter().any(|r| r.summary.is_some());
    let subs = subs_of(v);
    let per = subs.len() as ColNum;
    let last_col = dims + per * v.columns.len() as ColNum + ColNum::from(summary) - 1;
    let two = per > 1;
    let data_start: RowNum = if two { 4 } else { 3 };

    // Title and unit, each merged across the table.
    let title = export
        .title
        .clone()
        .unwrap_or_else(|| default_title(v, lang));
    across(ws, 0, last_col, &title, &f.title)?;
    if let Some(u) = unit_of(v) {
        across(
            ws,
            1,
            last_col,
            &format!("{}{u}", lang.word(Word::Unit)),
            &f.plain,
        )?;
    }

    // The header: row dimensions, then each column over its sub-columns.
    for d in 0..dims {
        let name = v.row_dims.get(d as usize).map_or("", String::as_str);
        down(ws, 2, if two { 3 } else { 2 }, d, name, &f.header)?;
        widths.see(d, name);
    }
    let value_name = plain_name(&v.measure.name);
    let mut col = dims;
    for c in &v.columns {
        let label = if c.kind == "total" {
            lang.word(Word::Total)
        } else {
            c.label.as_str()
        };
        if two {
            if per > 1 {
                ws.merge_range(2, col, 2, col + per - 1, label, &f.header)?;
            }
            for (i, s) in subs.iter().enumerate() {
                let name = match s {
                    Sub::Value => value_name.as_str(),
                    Sub::Share => lang.word(Word::Share),
                    Sub::Growth => lang.word(Word::Growth),
                };
                ws.write_string_with_format(3, col + i as ColNum, name, &f.header)?;
                widths.see(col + i as ColNum, name);
            }
        } else {
            ws.write_string_with_format(2, col, label, &f.header)?;
            widths.see(col, label);
        }
        col += per;
    }
    if summary {
        let label = v.summary_label.as_deref().unwrap_or("");
        down(ws, 2, if two { 3 } else { 2 }, col, label, &f.header)?;
        widths.see(col, label);
    }

    // The rows.
    let value_pattern = pattern(v.spec.precision.unwrap_or(2), false);
    let percent_pattern = pattern(v.spec.percent_precision.unwrap_or(2), true);
    for (i, row) in v.rows.iter().enumerate() {
        let r = data_start + i as RowNum;
        let bold = row.kind != "data";
        for d in 0..dims {
            let key = row.keys.get(d as usize).cloned().flatten();
            let text = match (row.kind.as_str(), key) {
                ("total", _) if d == 0 => lang.word(Word::Total).to_string(),
                (_, Some(k)) => k,
                ("subtotal", None) if d == row.level as ColNum => {
                    lang.word(Word::Subtotal).to_string()
                }
                _ => String::new(),
            };
            let fmt = if bold { &f.label_bold } else { &f.label };
            ws.write_string_with_format(r, d, &text, fmt)?;
            widths.see(d, &text);
        }
        let mut col = dims;
        for cell in &row.cells {
            for (k, s) in subs.iter().enumerate() {
                let c = col + k as ColNum;
                let (fig, shift, pat) = match s {
                    Sub::Value => (Some(&cell.value), 0, value_pattern.clone()),
                    Sub::Share => (cell.share.as_ref(), 2, percent_pattern.clone()),
                    Sub::Growth => match cell.growth.as_ref() {
                        Some(g) => {
                            let (shift, pat) = as_shown(g);
                            (Some(g), shift, pat)
                        }
                        None => (None, 0, String::new()),
                    },
                };
                let Some(fig) = fig else {
                    ws.write_blank(r, c, if bold { &f.empty_bold } else { &f.empty })?;
                    continue;
                };
                figure(
                    ws,
                    (r, c),
                    fig,
                    shift,
                    &pat,
                    bold,
                    &mut f,
                    export,
                    counts,
                    *s == Sub::Value,
                )?;
                widths.see(c, &fig.text);
            }
            col += per;
        }
        if let Some(fig) = &row.summary {
            let (shift, pat) = as_shown(fig);
            figure(
                ws,
                (r, col),
                fig,
                shift,
                &pat,
                bold,
                &mut f,
                export,
                counts,
                false,
            )?;
            widths.see(col, &fig.text);
        }
    }
    widths.apply(ws)?;
    ws.set_freeze_panes(data_start, dims)?;
    Ok(())
}

/// One figure: a number with its format, or the text shown with its reason as a note.
#[allow(clippy::too_many_arguments)]
fn figure(
    ws: &mut Worksheet,
    (r, c): (RowNum, ColNum),
    fig: &Figure,
    shift: i64,
    pat: &str,
    bold: bool,
    f: &mut Formats,
    export: &Export,
    counts: &mut Counts,
    amount: bool,
) -> Result<(), XlsxError> {
    match fig.exact.as_deref().and_then(|e| excel_double(e, shift)) {
        Some((x, rounded)) => {
            ws.write_number_with_format(r, c, x, f.number(pat, bold))?;
            if rounded && amount {
                counts.rounded += 1;
            }
        }
        None => {
            ws.write_string_with_format(
                r,
                c,
                &fig.text,
                if bold { &f.empty_bold } else { &f.empty },
            )?;
        }
    }
    let codes: Vec<&str> = fig
        .reason
        .iter()
        .chain(fig.flags.iter())
        .map(String::as_str)
        .collect();
    if !codes.is_empty() {
        if counts.notes >= MAX_NOTES {
            counts.notes_left_out += 1;
        } else {
            let texts: Vec<&str> = codes
                .iter()
                .map(|c| export.reasons.get(*c).map_or(*c, String::as_str))
                .collect();
            let note = Note::new(texts.join("；"))
                .set_author("aidstat")
                .add_author_prefix(false);
            ws.insert_note(r, c, &note)?;
            counts.notes += 1;
        }
    }
    Ok(())
}

/// A text merged across columns 0..=`last` of a row (or written, for one column).
fn across(
    ws: &mut Worksheet,
    row: RowNum,
    last: ColNum,
    text: &str,
    fmt: &Format,
) -> Result<(), XlsxError> {
    if last > 0 {
        ws.merge_range(row, 0, row, last, text, fmt)?;
    } else {
        ws.write_string_with_format(row, 0, text, fmt)?;
    }
    Ok(())
}

/// A text merged down rows `top..=bottom` of a column.
fn down(
    ws: &mut Worksheet,
    top: RowNum,
    bottom: RowNum,
    col: ColNum,
    text: &str,
    fmt: &Format,
) -> Result<(), XlsxError> {
    if bottom > top {
        ws.merge_range(top, col, bottom, col, text, fmt)?;
    } else {
        ws.write_string_with_format(top, col, text, fmt)?;
    }
    Ok(())
}
