//! Bytes → header + records. Decodes the text ([`decode`]), tells CSV from
//! JSON, finds the header row below any title lines ([`csv`]) or the columns
//! of a JSON table ([`json`]), and hands the records on one at a time.

pub mod csv;
pub mod decode;
#[cfg(any(test, target_arch = "wasm32"))]
mod guess;
pub mod json;
mod kind;
mod lossy;
pub use lossy::{set_platform_decoder, PlatformDecoder};
pub mod quotes;
mod scan;
pub mod sheet;

use crate::message::Texts;
use std::collections::VecDeque;

use ::csv::ByteRecord;

use crate::cell::Unit;
use crate::error::{Error, ErrorCode, Result};
use crate::limits;

/// How to read a file; `None` means detect.
#[derive(Clone, Debug, Default)]
pub struct ReadOptions {
    /// CSV or JSON; `None` sniffs.
    pub format: Option<Format>,
    /// An encoding label (`"gbk"`, `"big5"`, …); `None` detects.
    pub encoding: Option<String>,
    /// One of `,` `\t` `;` `|`; `None` sniffs.
    pub delimiter: Option<u8>,
    /// 1-based line of the header row; `None` detects.
    pub header_line: Option<u64>,
}

/// The two file formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Delimited text (comma, tab, semicolon or pipe).
    Csv,
    /// JSON: records, columns, `{columns, rows}` or NDJSON.
    Json,
    /// A workbook's sheet, read by the Office module ([`sheet`]).
    Sheet,
}

/// What was learnt about the file while reading it.
#[derive(Clone, Debug)]
pub struct SourceInfo {
    /// CSV or JSON.
    pub format: Format,
    /// Encoding used.
    pub encoding: &'static str,
    /// Detected (true) or given (false).
    pub encoding_detected: bool,
    /// Whether a byte-order mark was present.
    pub bom: bool,
    /// Malformed byte sequences replaced by U+FFFD.
    pub decode_errors: usize,
    /// The CSV delimiter.
    pub delimiter: Option<u8>,
    /// 1-based line of the header row (CSV).
    pub header_line: Option<u64>,
    /// Non-empty lines above the header: `(line, text)`.
    pub skipped_lines: Vec<(u64, String)>,
    /// A money unit stated above the header: `(line, text, unit)`.
    pub unit_line: Option<(u64, String, Unit)>,
    /// What the analyst should know about how the file was read (they
    /// become warnings of the table).
    pub notes: Vec<Note>,
    /// The workbook and sheet, when the records are a sheet's rows.
    pub workbook: Option<sheet::Workbook>,
}

/// A note about how the file was read (a quote that never closes, bytes
/// that could not be decoded, lines in another encoding, NUL bytes): the one
/// message type.
pub type Note = crate::message::Message;

/// The note that names the lines under a table that are notes or
/// signatures, not data (`found`: line and text, in order).
pub(crate) fn notes_below(found: &[(u64, String)]) -> Note {
    let zh: Vec<String> = found
        .iter()
        .map(|(l, t)| format!("第 {l} 行“{}”", limits::echo(t)))
        .collect();
    let en: Vec<String> = found
        .iter()
        .map(|(l, t)| format!("line {l} \"{}\"", limits::echo(t)))
        .collect();
    Note {
        code: "notes_below",
        text: Texts::new(
            format!(
                "表格下方的 {} 行是注释或签名，不作为数据读入：{}",
                found.len(),
                zh.join("；")
            ),
            format!(
                "{} line(s) below the table are notes or signatures, not data: {}",
                found.len(),
                en.join("; ")
            ),
        ),
        line: found.first().map(|(l, _)| *l),
    }
}

/// One record: its 1-based line in the file (record number for JSON) and its fields.
/// Fields are bytes of valid UTF-8 (the text was decoded first, and fields
/// are split at ASCII delimiters), so nothing is validated twice.
pub type Record = (u64, ByteRecord);

/// The fields of one record, wherever they are kept.
pub trait Fields {
    /// Number of fields.
    fn len(&self) -> usize;
    /// Field `i`'s bytes.
    fn get(&self, i: usize) -> Option<&[u8]>;
    /// Whether there is no field.
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// All fields in order.
    fn fields(&self) -> impl Iterator<Item = &[u8]> {
        (0..self.len()).filter_map(move |i| self.get(i))
    }
}

impl Fields for ByteRecord {
    fn len(&self) -> usize {
        ByteRecord::len(self)
    }
    fn get(&self, i: usize) -> Option<&[u8]> {
        ByteRecord::get(self, i)
    }
}

/// A record being read: copied into a `ByteRecord` (quoted CSV, JSON), or
/// field bounds into the text itself (quote-free text: nothing is copied).
#[derive(Debug, Default)]
pub struct Row<'t> {
    rec: ByteRecord,
    text: &'t [u8],
    bounds: Vec<(usize, usize)>,
    sliced: bool,
}

impl Row<'_> {
    /// An owned copy of the fields.
    pub(crate) fn to_record(&self) -> ByteRecord {
        if self.sliced {
            self.fields().collect()
        } else {
            self.rec.clone()
        }
    }
}

impl Fields for Row<'_> {
    #[inline]
    fn len(&self) -> usize {
        if self.sliced {
            self.bounds.len()
        } else {
            self.rec.len()
        }
    }
    #[inline]
    fn get(&self, i: usize) -> Option<&[u8]> {
        if self.sliced {
            self.bounds.get(i).and_then(|&(a, b)| self.text.get(a..b))
        } else {
            self.rec.get(i)
        }
    }
}

/// The records below the header, handed out one at a time so a big file is
/// never held as text and as a table at once.
pub struct Rows<'t> {
    pending: VecDeque<Record>,
    reader: Option<(::csv::Reader<&'t [u8]>, csv::Lines<'t>)>,
    /// Quote-free text is split directly (see [`csv::Plain`]).
    plain: Option<csv::Plain<'t>>,
}

impl<'t> Rows<'t> {
    /// Reads the next record into `row` and returns its line, or `None` at the end.
    ///
    /// # Example
    /// ```
    /// use aidstat::read::{decode::decode, open, Fields, ReadOptions, Row};
    /// let d = decode("板块,金额\n教育帮扶,\"1,033.98\"\n医疗帮扶,430\n".as_bytes(), None).unwrap();
    /// let mut rows = open(&d, &ReadOptions::default()).unwrap().rows;
    /// let mut row = Row::default();
    /// assert_eq!(rows.next_row(&mut row), Some(2));
    /// assert_eq!(row.get(1), Some(&b"1,033.98"[..])); // quotes removed
    /// assert_eq!(rows.next_row(&mut row), Some(3));
    /// assert_eq!(rows.next_row(&mut row), None);
    /// ```
    #[inline]
    pub fn next_row(&mut self, row: &mut Row<'t>) -> Option<u64> {
        if let Some(plain) = self.plain.as_mut().filter(|_| self.pending.is_empty()) {
            row.sliced = true;
            row.text = plain.text();
            return plain.next_bounds(&mut row.bounds);
        }
        row.sliced = false;
        self.next_into(&mut row.rec)
    }

    /// Reads the next record into `out` and returns its line, or `None` at the end.
    pub(crate) fn next_into(&mut self, out: &mut ByteRecord) -> Option<u64> {
        if let Some((line, rec)) = self.pending.pop_front() {
            *out = rec;
            return Some(line);
        }
        if let Some(plain) = self.plain.as_mut() {
            return plain.next_into(out);
        }
        let (reader, lines) = self.reader.as_mut()?;
        // With `flexible` and text already valid UTF-8, reading cannot fail;
        // should it ever, the rest of the file is treated as ended.
        match reader.read_byte_record(out) {
            Ok(true) => Some(lines.of(out)),
            _ => None,
        }
    }
}

/// A file opened for reading: what was learnt, the header names, the records.
pub struct Source<'t> {
    /// Encoding, delimiter, header line, skipped lines.
    pub info: SourceInfo,
    /// Header cells, as written (trimmed).
    pub headers: Vec<String>,
    /// The data records.
    pub rows: Rows<'t>,
}

/// Opens decoded text: finds the format, the header and the records.
///
/// # Example
/// ```
/// use aidstat::cell::{MoneyUnit, Unit};
/// use aidstat::read::{decode::decode, open, Format, ReadOptions};
/// let text = "花都区对口帮扶资金表\n单位：万元\n年度,板块,金额\n2020,教育帮扶,148\n";
/// let d = decode(text.as_bytes(), None).unwrap();
/// let s = open(&d, &ReadOptions::default()).unwrap();
/// assert_eq!((s.info.format, s.info.delimiter, s.info.header_line), (Format::Csv, Some(b','), Some(3)));
/// assert_eq!(s.headers, ["年度", "板块", "金额"]);
/// assert_eq!(s.info.unit_line.map(|(line, _, u)| (line, u)), Some((2, Unit::Money(MoneyUnit::WanYuan))));
/// ```
pub fn open<'t>(decoded: &'t decode::Decoded<'_>, opts: &ReadOptions) -> Result<Source<'t>> {
    let text: &'t str = decoded.text.as_ref();
    if text.is_empty() && !decoded.bom {
        return Err(Error::new(
            ErrorCode::EmptyFile,
            "文件是空的（0 字节）：请确认选对了文件；如果是从其他软件导出的，请重新导出",
            "the file is empty (0 bytes): check that you chose the right file, or export it again",
        ));
    }
    if text
        .trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}')
        .is_empty()
    {
        return Err(Error::new(
            ErrorCode::EmptyFile,
            "文件里只有空白（或字节顺序标记），没有数据：请确认选对了文件，或重新导出",
            "the file holds only white space (or a byte-order mark), no data: check that you chose the right file, or export it again",
        ));
    }
    if let Some(e) = web_export(text) {
        return Err(e);
    }
    let format = opts.format.unwrap_or_else(|| sniff_format(text));
    let mut info = SourceInfo {
        format,
        encoding: decoded.encoding,
        encoding_detected: decoded.detected,
        bom: decoded.bom,
        decode_errors: decoded.errors,
        delimiter: None,
        header_line: None,
        skipped_lines: Vec::new(),
        unit_line: None,
        notes: decoded.notes.clone(),
        workbook: None,
    };
    if format == Format::Csv && memchr::memchr(b'"', text.as_bytes()).is_some() {
        let delimiter = match opts.delimiter {
            Some(d) => Some(d).filter(|d| csv::DELIMITERS.contains(d)),
            None => Some(csv::sniff_delimiter(text)),
        };
        if let Some(u) = delimiter.and_then(|d| quotes::unclosed_quote(text, d)) {
            if u.lines_swallowed() > 0 {
                return Err(u.error());
            }
            info.notes.push(u.note());
        }
    }
    if format == Format::Json && text.len() > limits::MAX_JSON_BYTES {
        return Err(limits::json_too_large(text.len()));
    }
    let source = match format {
        Format::Json => {
            let (headers, records) = json::read(text)?;
            Ok(Source {
                info,
                headers,
                rows: Rows {
                    pending: records.into(),
                    reader: None,
                    plain: None,
                },
            })
        }
        Format::Sheet => Err(Error::new(
            ErrorCode::Workbook,
            "工作表要由 Table.open 读取（它会载入读取工作簿的模块）",
            "a sheet is read by Table.open (it loads the workbook module)",
        )),
        Format::Csv => csv::open(text, opts, &mut info).map(|(headers, rows)| Source {
            info,
            headers,
            rows,
        }),
    }?;
    if source.headers.len() > limits::MAX_COLUMNS {
        return Err(limits::too_many_columns(
            source.headers.len(),
            source.info.header_line,
        ));
    }
    Ok(source)
}

/// A "workbook" that is really a web page, a web archive or Excel 2003 XML:
/// what many government systems and financial terminals save as `.xls`.
/// It is named precisely, with what to do (reading its first table would
/// need an HTML parser; not built).
fn web_export(text: &str) -> Option<Error> {
    let head: String = text
        .trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}')
        .chars()
        .take(512)
        .collect::<String>()
        .to_ascii_lowercase();
    let what = if head.starts_with("mime-version:") {
        ("网页存档（MHTML）", "a web archive (MHTML)")
    } else if head.starts_with("<html")
        || head.starts_with("<!doctype html")
        || head.starts_with("<table")
    {
        ("网页格式的表格（HTML）", "an HTML table")
    } else if head.starts_with("<?xml")
        && head.contains("urn:schemas-microsoft-com:office:spreadsheet")
    {
        ("Excel 2003 XML 表格", "an Excel 2003 XML spreadsheet")
    } else {
        return None;
    };
    Some(Error::new(
        ErrorCode::NotText,
        format!("这个文件是{}，不是真正的 Excel 工作簿或 CSV（许多系统导出的 .xls 是这样）：请用 Excel 或 WPS 打开它，“另存为” Excel 工作簿（.xlsx）或“CSV UTF-8（逗号分隔）”后再打开", what.0),
        format!("this file is {}, not a real Excel workbook or CSV (many systems export such .xls files): open it in Excel or WPS, Save As an Excel workbook (.xlsx) or “CSV UTF-8 (Comma delimited)”, and open that", what.1),
    ))
}

/// JSON when the first visible character opens an array or object and the
/// text is not a delimited table that happens to start with a bracket.
pub(crate) fn sniff_format(text: &str) -> Format {
    let t = text.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
    match t.chars().next() {
        Some('[') | Some('{') => Format::Json,
        _ => Format::Csv,
    }
}
