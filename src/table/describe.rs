//! A table described for the analyst: what was understood of the file
//! (encoding, delimiter, header line, each column's role and unit, rows set
//! aside). The shape is `Schema` in `src/bindings/types.d.ts`.

use crate::message::Texts;
use serde::Serialize;

use super::{ColumnData, Table};
use crate::read::{Format, SourceInfo};

/// What was understood of a file.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Schema {
    /// Encoding, delimiter, header.
    pub source: SourceOut,
    /// The columns.
    pub columns: Vec<ColumnOut>,
    /// Data rows read.
    pub rows_read: usize,
    /// Rows loaded.
    pub rows_loaded: usize,
    /// Rows set aside at load: the first [`crate::limits::LISTED`].
    pub set_aside: Vec<SetAsideItem>,
    /// How many rows were set aside at load (all of them).
    pub set_aside_total: usize,
    /// The sheet's own total rows.
    pub total_rows: Vec<TotalRowOut>,
    /// Notes.
    pub warnings: Vec<Message>,
    /// The files of a combined table, each as it was read (empty for one file).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub files: Vec<FileOut>,
}

/// One file of a combined table, as it was read.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FileOut {
    /// The file's name as given.
    pub name: String,
    /// Its encoding, header, sheet.
    pub source: SourceOut,
    /// Its data rows read.
    pub rows_read: usize,
    /// Its rows loaded.
    pub rows_loaded: usize,
    /// Its rows set aside while loading.
    pub set_aside: usize,
}

/// The file's encoding and layout.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SourceOut {
    /// csv / json.
    pub format: &'static str,
    /// Encoding used.
    pub encoding: &'static str,
    /// Detected or given.
    pub encoding_detected: bool,
    /// BOM present.
    pub bom: bool,
    /// Undecodable byte sequences.
    pub decode_errors: usize,
    /// CSV delimiter.
    pub delimiter: Option<String>,
    /// Header line.
    pub header_line: Option<u64>,
    /// Lines skipped above the header.
    pub skipped_lines: Vec<LineText>,
    /// A unit stated above the header.
    pub unit_line: Option<UnitLine>,
    /// Blank lines below the header.
    pub blank_lines: usize,
    /// The sheet read, for a workbook.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sheet: Option<String>,
    /// Every worksheet of a workbook, in its order (empty for a text file).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub sheets: Vec<SheetOut>,
}

/// A worksheet of a workbook.
#[derive(Clone, Debug, Serialize)]
pub struct SheetOut {
    /// Its name on the tab.
    pub name: String,
    /// Rows of its used range.
    pub rows: u32,
    /// Columns of its used range.
    pub columns: u32,
    /// Hidden in the workbook.
    pub hidden: bool,
}

/// A line and its text.
#[derive(Clone, Debug, Serialize)]
pub struct LineText {
    /// Line.
    pub line: u64,
    /// Text.
    pub text: String,
}

/// A unit line.
#[derive(Clone, Debug, Serialize)]
pub struct UnitLine {
    /// Line.
    pub line: u64,
    /// Text.
    pub text: String,
    /// Unit.
    pub unit: &'static str,
}

/// One column as understood.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ColumnOut {
    /// Position.
    pub index: usize,
    /// Name.
    pub name: String,
    /// Role.
    pub role: &'static str,
    /// Measure kind.
    pub kind: Option<&'static str>,
    /// Unit.
    pub unit: Option<&'static str>,
    /// Where the unit came from.
    pub unit_source: Option<&'static str>,
    /// Grain of a period column.
    pub grain: Option<&'static str>,
    /// Distinct values.
    pub distinct: usize,
    /// Null cells.
    pub nulls: usize,
    /// Bad cells.
    pub bad: usize,
    /// Approximate values.
    pub approx: usize,
    /// Up to 5 values.
    pub sample: Vec<String>,
}

/// A total row of the sheet.
#[derive(Clone, Debug, Serialize)]
pub struct TotalRowOut {
    /// Line.
    pub line: u64,
    /// Marker as written.
    pub marker: String,
    /// Other key cells: column → value.
    pub keys: std::collections::BTreeMap<String, String>,
    /// Stated value per measure column.
    pub stated: std::collections::BTreeMap<String, Option<String>>,
}

/// Describes a loaded table.
///
/// # Example
/// ```
/// let csv = "资金表\n年度,板块,金额(万元)\n2020,医疗帮扶,430\n2020,教育帮扶,148\n2021,教育帮扶,420\n";
/// let t = aidstat::load::load(csv.as_bytes(), &Default::default()).unwrap();
/// let s = aidstat::table::describe::describe(&t);
/// assert_eq!((s.source.encoding, s.source.header_line), ("UTF-8", Some(2)));
/// let roles: Vec<&str> = s.columns.iter().map(|c| c.role).collect();
/// assert_eq!(roles, ["period", "dimension", "measure"]);
/// assert_eq!((s.columns[1].distinct, s.columns[2].unit), (2, Some("万元")));
/// assert_eq!(s.rows_loaded, 3);
/// ```
pub fn describe(t: &Table) -> Schema {
    let s = &t.source;
    let columns = t
        .columns
        .iter()
        .map(|c| {
            let (distinct, sample) = match &c.data {
                ColumnData::Keys { keys, codes } => {
                    // Labels of loaded rows only (not of the sheet's total rows).
                    let used = super::used_codes(keys.len(), codes);
                    let on_rows = || keys.iter().zip(&used).filter(|(_, &u)| u);
                    (
                        on_rows().count(),
                        on_rows()
                            .filter(|(k, _)| !k.blank)
                            .take(5)
                            .map(|(k, _)| k.label.clone())
                            .collect(),
                    )
                }
                _ => (0, Vec::new()),
            };
            ColumnOut {
                index: c.index,
                name: c.name.clone(),
                role: c.role.as_str(),
                kind: c.kind.map(|k| k.as_str()),
                unit: c.unit.map(|u| u.label()),
                unit_source: c.unit_source.map(|u| u.as_str()),
                grain: c.grain.map(|g| match g {
                    crate::cell::Grain::Year => "year",
                    crate::cell::Grain::Quarter => "quarter",
                    crate::cell::Grain::Month => "month",
                }),
                distinct,
                nulls: c.nulls,
                bad: c.bad,
                approx: c.approx,
                sample,
            }
        })
        .collect();
    let name = |i: usize| t.columns.get(i).map_or(String::new(), |c| c.name.clone());
    let label = |i: usize, code: u32| match t.columns.get(i).map(|c| &c.data) {
        Some(ColumnData::Keys { keys, .. }) => keys
            .get(code as usize)
            .map_or(String::new(), |k| k.label.clone()),
        _ => String::new(),
    };
    let total_rows = t
        .total_rows
        .iter()
        .map(|r| TotalRowOut {
            line: r.line,
            marker: r.marker.clone(),
            keys: r
                .keys
                .iter()
                .map(|&(i, c)| (name(i), label(i, c)))
                .collect(),
            stated: r
                .stated
                .iter()
                .map(|(i, _, raw)| (name(*i), Some(raw.clone()).filter(|x| !x.is_empty())))
                .collect(),
        })
        .collect();
    let item = |i: &super::Issue| SetAsideItem::from_issue(i, t);
    Schema {
        source: source_out(s, t.blank_lines),
        columns,
        rows_read: t.rows_read,
        rows_loaded: t.len(),
        set_aside: t
            .set_aside
            .iter()
            .take(crate::limits::LISTED)
            .map(item)
            .collect(),
        set_aside_total: t.set_aside.len(),
        total_rows,
        warnings: t.warnings.to_vec(),
        files: t
            .files
            .iter()
            .map(|f| FileOut {
                name: f.name.clone(),
                source: source_out(&f.source, 0),
                rows_read: f.rows_read,
                rows_loaded: f.rows,
                set_aside: f.set_aside,
            })
            .collect(),
    }
}

/// How one file was read, as the schema shows it.
fn source_out(s: &SourceInfo, blank_lines: usize) -> SourceOut {
    SourceOut {
        format: match s.format {
            Format::Csv => "csv",
            Format::Json => "json",
            Format::Sheet => match s.workbook.as_ref().map(|w| w.format.as_str()) {
                Some("xlsm") => "xlsm",
                Some("xlsb") => "xlsb",
                Some("xls") => "xls",
                Some("ods") => "ods",
                _ => "xlsx",
            },
        },
        encoding: s.encoding,
        encoding_detected: s.encoding_detected,
        bom: s.bom,
        decode_errors: s.decode_errors,
        delimiter: s.delimiter.map(|d| char::from(d).to_string()),
        header_line: s.header_line,
        skipped_lines: s
            .skipped_lines
            .iter()
            .map(|(l, t)| LineText {
                line: *l,
                text: t.clone(),
            })
            .collect(),
        unit_line: s.unit_line.as_ref().map(|(l, t, u)| UnitLine {
            line: *l,
            text: t.clone(),
            unit: u.label(),
        }),
        blank_lines,
        sheet: s.workbook.as_ref().map(|w| w.sheet.clone()),
        sheets: s.workbook.as_ref().map_or_else(Vec::new, |w| {
            w.sheets
                .iter()
                .map(|x| SheetOut {
                    name: x.name.clone(),
                    rows: x.rows,
                    columns: x.columns,
                    hidden: !x.visible,
                })
                .collect()
        }),
    }
}

/// A row or cell not used, with why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SetAsideItem {
    /// Line or record number.
    pub line: u64,
    /// Reason code.
    pub reason: &'static str,
    /// Column name.
    pub column: Option<String>,
    /// 1-based column number.
    pub column_number: Option<u64>,
    /// Raw text.
    pub raw: String,
    /// The cell as Excel names it (`F12`), for a workbook's sheet.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cell: Option<String>,
    /// Its words (zh-CN, zh-TW, en).
    #[serde(flatten)]
    pub text: Texts,
}

impl SetAsideItem {
    /// The item for a row or cell the table set aside.
    pub(crate) fn from_issue(i: &crate::table::Issue, table: &crate::table::Table) -> SetAsideItem {
        // A sheet read as it stands (not unpivoted): a column is the sheet's field.
        let wide = table.warnings.iter().any(|w| w.code == "wide_unpivoted");
        let cell = match (&table.source.workbook, i.column) {
            (Some(w), Some(c)) if !wide => Some(w.cell(i.line, c)),
            _ => None,
        };
        let text = match &cell {
            Some(c) => Texts::new(
                format!("{}（单元格 {c}）", i.text.zh),
                format!("{} (cell {c})", i.text.en),
            ),
            None => i.text.clone(),
        };
        SetAsideItem {
            cell,
            line: i.line,
            reason: i.reason,
            column: i
                .column
                .and_then(|c| table.columns.get(c))
                .map(|c| c.name.clone()),
            column_number: i.column.map(|c| c as u64 + 1),
            raw: i.raw.chars().take(500).collect(),
            text,
        }
    }
}

/// A note about the file or the analysis: the one message type.
pub use crate::message::Message;
