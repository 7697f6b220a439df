//! A quoted CSV field that is never closed. The csv crate (like Excel) reads
//! everything from the opening quote to the end of the file as one cell: when
//! that is only the end of the last line, the cell is read as it stands and a
//! warning names it; when whole lines would vanish into the cell, reading
//! stops with an error that says where the quote opened.
//!
//! The scan follows the csv crate's rules: a quote opens a quoted field only
//! at the start of a field, `""` inside one is a literal quote, and a quote
//! anywhere else is a literal character. It jumps from quote to quote, so it
//! costs little even on a large file.

use crate::message::Texts;
use memchr::{memchr, memchr_iter, memrchr2};

use super::Note;
use crate::error::{Error, ErrorCode};

/// Where a quoted field opens that is never closed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Unclosed {
    /// 1-based line of the opening quote.
    pub line: u64,
    /// 1-based field (column) number of the opening quote.
    pub column: u64,
    /// Last line of the file holding anything but line breaks.
    pub last_line: u64,
}

impl Unclosed {
    /// Lines after the opening quote's line that would be read into the cell.
    pub(crate) fn lines_swallowed(&self) -> u64 {
        self.last_line.saturating_sub(self.line)
    }

    /// The error when lines would be swallowed.
    pub(crate) fn error(&self) -> Error {
        let Unclosed {
            line,
            column,
            last_line,
        } = *self;
        let n = self.lines_swallowed();
        Error::new(
            ErrorCode::BadCsv,
            format!("第 {line} 行第 {column} 列的引号（\"）没有配对：从这里到文件末尾（第 {last_line} 行）会被读成一个单元格，其后 {n} 行的数据因此无法读取；请在该单元格的末尾补上引号，或重新导出文件"),
            format!("the quote (\") that opens line {line}, column {column} is never closed: everything from there to the end of the file (line {last_line}) would be read as one cell, and the {n} lines after it with it; add the closing quote to that cell, or export the file again"),
        )
        .at(Some(line), Some(column))
    }

    /// The warning when only the end of the last line is in the cell.
    pub(crate) fn note(&self) -> Note {
        let Unclosed { line, column, .. } = *self;
        Note {
            code: "unclosed_quote",
            text: Texts::new(format!("第 {line} 行第 {column} 列的引号（\"）没有配对，一直读到文件末尾；已按该单元格的内容读取，请核对"), format!("the quote (\") that opens line {line}, column {column} is never closed and runs to the end of the file; the cell was read as it stands, check it")),
            line: Some(line),
        }
    }
}

/// The quoted field that runs to the end of `text`, if any.
///
/// # Example
/// ```
/// use aidstat::read::quotes::unclosed_quote;
/// assert_eq!(unclosed_quote("a,b\n1,\"2\n3,4\n", b',').map(|u| (u.line, u.column, u.last_line)), Some((2, 2, 3)));
/// assert_eq!(unclosed_quote("a,b\n1,\"2,\"\"x\"\"\"\n", b','), None);
/// assert_eq!(unclosed_quote("a,b\n1,2\"\n", b','), None); // a quote inside a field is a character
/// ```
pub fn unclosed_quote(text: &str, delimiter: u8) -> Option<Unclosed> {
    let b = text.as_bytes();
    let mut pos = 0; // outside any quoted field
    let mut record_start = 0;
    loop {
        let q = pos + memchr(b'"', b.get(pos..)?)?;
        let before = b.get(pos..q).unwrap_or(&[]);
        if let Some(nl) = memrchr2(b'\n', b'\r', before) {
            record_start = pos + nl + 1;
        }
        if !opens_field(b, q, delimiter) {
            pos = q + 1;
            continue;
        }
        match after_closing_quote(b, q) {
            Some(next) => pos = next,
            None => return Some(locate(b, q, record_start, delimiter)),
        }
    }
}

/// Whether the quote at `q` opens a quoted field: it is the field's first
/// character (elsewhere a quote is a literal character).
fn opens_field(b: &[u8], q: usize, delimiter: u8) -> bool {
    q == 0 || matches!(b.get(q - 1), Some(&c) if c == delimiter || c == b'\n' || c == b'\r')
}

/// Just after the quote that closes the quoted field opened at `q` (`""`
/// inside is a literal quote); `None` when it never closes.
fn after_closing_quote(b: &[u8], q: usize) -> Option<usize> {
    let mut at = q + 1;
    loop {
        let i = memchr(b'"', b.get(at..)?)?;
        if b.get(at + i + 1) == Some(&b'"') {
            at += i + 2;
        } else {
            return Some(at + i + 1);
        }
    }
}

/// Where the last complete record of `b` ends: just after the last `\n`
/// that is not inside a quoted field (0 when there is none). `b` must start
/// at the start of a record. Used to cut a file read in chunks into parts
/// that hold whole records, with the same quoting rules as above.
///
/// # Example
/// ```
/// use aidstat::read::quotes::complete_records;
/// assert_eq!(complete_records(b"a,b\n1,2\n3,", b','), 8);
/// assert_eq!(complete_records(b"a,b\n1,\"2\n3\",4\n5,\"6\n", b','), 14);
/// assert_eq!(complete_records(b"a,b", b','), 0);
/// ```
pub fn complete_records(b: &[u8], delimiter: u8) -> usize {
    let mut pos = 0; // outside any quoted field
    let mut end = 0;
    loop {
        let rest = b.get(pos..).unwrap_or(&[]);
        let q = memchr(b'"', rest).map(|i| pos + i);
        // Line breaks before the next quote (or the end) end records.
        let upto = b.get(pos..q.unwrap_or(b.len())).unwrap_or(&[]);
        if let Some(nl) = memchr::memrchr(b'\n', upto) {
            end = pos + nl + 1;
        }
        let Some(q) = q else { return end };
        if !opens_field(b, q, delimiter) {
            pos = q + 1;
            continue;
        }
        match after_closing_quote(b, q) {
            Some(next) => pos = next,
            None => return end,
        }
    }
}

/// Line and field of the quote at `q`, whose record starts at `record_start`.
fn locate(b: &[u8], q: usize, record_start: usize, delimiter: u8) -> Unclosed {
    let line = 1 + memchr_iter(b'\n', b.get(..q).unwrap_or(&[])).count() as u64;
    let content_end = b
        .iter()
        .rposition(|c| !matches!(c, b'\n' | b'\r'))
        .map_or(0, |i| i + 1);
    let last_line = 1 + memchr_iter(b'\n', b.get(..content_end).unwrap_or(&[])).count() as u64;
    // Delimiters outside quotes between the record's start and the quote.
    let seg = b.get(record_start..q).unwrap_or(&[]);
    let (mut column, mut quoted, mut i) = (1, false, 0);
    while let Some(&c) = seg.get(i) {
        if quoted {
            if c == b'"' {
                if seg.get(i + 1) == Some(&b'"') {
                    i += 1; // `""`: a literal quote
                } else {
                    quoted = false;
                }
            }
        } else if c == delimiter {
            column += 1;
        } else if c == b'"' && (i == 0 || seg.get(i - 1) == Some(&delimiter)) {
            quoted = true;
        }
        i += 1;
    }
    Unclosed {
        line,
        column,
        last_line: last_line.max(line),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_quote_that_never_closes() {
        // (text, (line, column, last line) or None)
        type Where = Option<(u64, u64, u64)>;
        let rows: [(&str, Where); 9] = [
            ("a,b\n1,2\n", None),
            ("a,b\n1,\"2\"\n", None),
            ("a,b\n1,\"2\n", Some((2, 2, 2))),
            ("a,b\n1,\"2\n\n\n", Some((2, 2, 2))),
            ("a,b\r\n\"x,y\",\"2\r\n3,4\r\n5,6", Some((2, 2, 4))),
            ("a,b\n\"1\n2\",3\n4,\"5\n6,7\n", Some((4, 2, 5))),
            ("a,b\n1,\"say \"\"hi\"\"\"\n2,\"\"\"\n", Some((3, 2, 3))),
            ("a;b\n1;\"2\n", Some((2, 2, 2))),
            ("\"", Some((1, 1, 1))),
        ];
        for (text, want) in rows {
            let d = if text.contains(';') { b';' } else { b',' };
            let got = unclosed_quote(text, d).map(|u| (u.line, u.column, u.last_line));
            assert_eq!(got, want, "{text:?}");
        }
    }
}
