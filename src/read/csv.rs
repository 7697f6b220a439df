//! Delimited text: sniffs the delimiter among `,` tab `;` `|`, reads records
//! with the `csv` crate (quotes, embedded newlines, CRLF), and finds the
//! header row below any title lines and `单位：万元` lines.

use crate::message::Texts;
use std::collections::VecDeque;

use ::csv::{ByteRecord, ReaderBuilder};

use super::scan::Scan;
use super::{ReadOptions, Record, Rows, SourceInfo};
use crate::cell::{trim_cell, unit_of_line};
use crate::error::{Error, ErrorCode, Result};

/// Delimiters tried, in order of preference on a tie.
pub const DELIMITERS: [u8; 4] = [b',', b'\t', b';', b'|'];

/// How many records are looked at to find the header.
pub(super) const HEAD: usize = 64;

/// Line numbers of records. The `csv` crate reports a record's position
/// before the line breaks it skips (blank lines, the `\n` of a CRLF), so the
/// line breaks between that position and the record's first byte are added.
#[derive(Clone, Debug)]
pub(super) struct Lines<'t> {
    text: &'t [u8],
    /// Lines of the file before `text` (a later part of a file read in chunks).
    before: u64,
}

impl<'t> Lines<'t> {
    pub(super) fn new(text: &'t str) -> Lines<'t> {
        Lines {
            text: text.as_bytes(),
            before: 0,
        }
    }

    /// The 1-based line where the record read at `rec` starts.
    pub(super) fn of(&mut self, rec: &ByteRecord) -> u64 {
        let Some(pos) = rec.position() else { return 0 };
        let mut skipped = 0;
        let mut at = pos.byte() as usize;
        while let Some(b) = self.text.get(at).filter(|b| matches!(b, b'\r' | b'\n')) {
            skipped += u64::from(*b == b'\n');
            at += 1;
        }
        self.before + pos.line() + skipped
    }
}

/// Opens `text` as CSV: delimiter, header and the records below it.
pub(super) fn open<'t>(
    text: &'t str,
    opts: &ReadOptions,
    info: &mut SourceInfo,
) -> Result<(Vec<String>, Rows<'t>)> {
    let delimiter = match opts.delimiter {
        Some(d) if DELIMITERS.contains(&d) => d,
        Some(d) => {
            let shown = char::from(d);
            return Err(Error::new(
                ErrorCode::BadDelimiter,
                format!("分隔符“{shown}”不可用，可选：逗号、制表符、分号、竖线"),
                format!(
                    "delimiter \"{shown}\" is not supported; use comma, tab, semicolon or pipe"
                ),
            ));
        }
        None => sniff_delimiter(text),
    };
    info.delimiter = Some(delimiter);
    let mut reader = ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());

    let mut lines = Lines::new(text);
    let mut head: VecDeque<Record> = VecDeque::new();
    let mut rec = ByteRecord::new();
    while head.len() < HEAD {
        match reader.read_byte_record(&mut rec) {
            Ok(true) => head.push_back((lines.of(&rec), rec.clone())),
            _ => break,
        }
    }
    let headers = take_header(&mut head, opts.header_line, info)?;
    // Below the records read so far, text without a single quote character
    // is split directly: the same records the csv crate reads, much faster.
    let next = reader.position().clone();
    let rest = text.as_bytes().get(next.byte() as usize..).unwrap_or(&[]);
    let rows = if memchr::memchr(b'"', rest).is_none() {
        let plain = Plain {
            text: text.as_bytes(),
            at: next.byte() as usize,
            line: next.line(),
            delimiter,
            scan: Scan::default(),
        };
        Rows {
            pending: head,
            reader: None,
            plain: Some(plain),
        }
    } else {
        Rows {
            pending: head,
            reader: Some((reader, lines)),
            plain: None,
        }
    };
    Ok((headers, rows))
}

/// Takes the header from the first records (at most [`HEAD`] of them): the
/// title and `单位：万元` lines above it go into `info`, the header's cells
/// are returned, and `head` keeps the records below it.
pub(super) fn take_header(
    head: &mut VecDeque<Record>,
    header_line: Option<u64>,
    info: &mut SourceInfo,
) -> Result<Vec<String>> {
    let at = header_index(head, header_line).ok_or_else(|| match header_line {
        Some(given) => {
            let last = head.back().map_or(0, |(l, _)| *l);
            Error::new(
                ErrorCode::NoHeader,
                format!("指定的表头行（第 {given} 行）不在文件的前 {HEAD} 条记录中（读到第 {last} 行）：请检查行号，或留空让程序自动查找表头"),
                format!("the header line given (line {given}) is not among the file's first {HEAD} records (they end at line {last}): check the line number, or leave it empty to find the header automatically"),
            )
            .at(Some(given), None)
        }
        None => Error::new(
            ErrorCode::NoHeader,
            "找不到表头行：文件里只有分隔符和空白，没有文字；请确认选对了文件",
            "no header row found: the file holds only delimiters and white space, no text; check that you chose the right file",
        ),
    })?;
    for (line, r) in head.drain(..at) {
        let text: Vec<&str> = r
            .iter()
            .map(|c| trim_cell(field_text(c)))
            .filter(|c| !c.is_empty())
            .collect();
        if text.is_empty() {
            continue;
        }
        let joined = text.join(" ");
        if info.unit_line.is_none() {
            if let Some(u) = unit_of_line(&joined) {
                info.unit_line = Some((line, joined.clone(), u));
            }
        }
        info.skipped_lines.push((line, joined));
    }
    let (line, header) = head
        .pop_front()
        .ok_or_else(|| Error::new(ErrorCode::NoHeader, "找不到表头行", "no header row found"))?;
    info.header_line = Some(line);
    let top: Vec<String> = header
        .iter()
        .map(|h| trim_cell(field_text(h)).to_string())
        .collect();
    if header_line.is_none() {
        if let Some(joined) = head
            .front()
            .and_then(|(l, sub)| two_rows(&top, sub).map(|j| (*l, j)))
        {
            let (sub_line, names) = joined;
            head.pop_front();
            info.notes.push(super::Note {
                code: "two_header_rows",
                text: Texts::new(format!("第 {line}、{sub_line} 行是两行表头（上行的年份跨在下行的小标题上），已合并为“{}”等列名", names.iter().filter(|n| !top.contains(n)).take(3).cloned().collect::<Vec<_>>().join("”“")), format!("lines {line} and {sub_line} are two header rows (the years above span the sub-headings below); joined into column names such as \"{}\"", names.iter().filter(|n| !top.contains(n)).take(3).cloned().collect::<Vec<_>>().join("\", \""))),
                line: Some(line),
            });
            return Ok(names);
        }
    }
    Ok(top)
}

/// Two header rows: a top row whose headings span several columns (written
/// once, the cells after it empty, as a merged cell is exported) over a row of
/// sub-headings (`金额, 占比, 金额, 占比`) with no number in it. Returns the
/// joined names (`2020年金额`, `2020年占比`, …; a column with one heading keeps it),
/// or `None` when `sub` is not such a row.
fn two_rows(top: &[String], sub: &ByteRecord) -> Option<Vec<String>> {
    let sub: Vec<&str> = sub.iter().map(|c| trim_cell(field_text(c))).collect();
    let width = top.len().max(sub.len());
    fn at<'a>(v: &[&'a str], i: usize) -> &'a str {
        v.get(i).copied().unwrap_or("")
    }
    let top_s: Vec<&str> = top.iter().map(String::as_str).collect();
    // A span: a sub-heading under an empty top cell that follows a filled one.
    let spans = (1..width).any(|i| {
        at(&top_s, i).is_empty()
            && !at(&sub, i).is_empty()
            && (0..i)
                .rev()
                .map(|k| at(&top_s, k))
                .find(|t| !t.is_empty())
                .is_some()
    });
    let filled = sub.iter().filter(|c| !c.is_empty()).count();
    let numbers = sub.iter().any(|c| {
        matches!(
            crate::cell::parse_number(c),
            Ok(crate::cell::CellValue::Number(_))
        )
    });
    let short = sub.iter().all(|c| c.chars().count() <= 16);
    if !spans || filled < 2 || numbers || !short {
        return None;
    }
    let mut names = Vec::with_capacity(width);
    let mut above = "";
    for i in 0..width {
        let t = at(&top_s, i);
        if !t.is_empty() {
            above = t;
        }
        let b = at(&sub, i);
        names.push(match (t.is_empty(), b.is_empty()) {
            // Under a span: the heading above, then the sub-heading.
            (true, false) if !above.is_empty() => format!("{above}{b}"),
            (false, false) if t != b => format!("{t}{b}"),
            (true, false) => b.to_string(),
            _ => t.to_string(),
        });
    }
    Some(names)
}

/// The records of a later part of a file read in chunks: `text` holds whole
/// records, the first starting at line `first_line`; there is no header.
pub(crate) fn part_rows(text: &str, delimiter: u8, first_line: u64) -> Rows<'_> {
    if memchr::memchr(b'"', text.as_bytes()).is_none() {
        return Rows {
            pending: VecDeque::new(),
            reader: None,
            plain: Some(Plain {
                text: text.as_bytes(),
                at: 0,
                line: first_line,
                delimiter,
                scan: Scan::default(),
            }),
        };
    }
    let reader = ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let lines = Lines {
        text: text.as_bytes(),
        before: first_line.saturating_sub(1),
    };
    Rows {
        pending: VecDeque::new(),
        reader: Some((reader, lines)),
        plain: None,
    }
}

/// Index of the header among the first records: the given line, or the first
/// row that has at least two cells and at least half as many filled cells as
/// the fullest row (title and unit lines have one). A broken row more than
/// twice as full as the most common width does not count as the fullest.
fn header_index(head: &VecDeque<Record>, given: Option<u64>) -> Option<usize> {
    if let Some(line) = given {
        return head.iter().position(|(l, _)| *l >= line);
    }
    let filled = |r: &ByteRecord| {
        r.iter()
            .filter(|c| !trim_cell(field_text(c)).is_empty())
            .count()
    };
    let counts: Vec<usize> = head.iter().map(|(_, r)| filled(r)).collect();
    let mut widths: Vec<(usize, usize)> = Vec::new(); // (filled, records), rows of 2+
    for &n in counts.iter().filter(|n| **n >= 2) {
        match widths.iter_mut().find(|(w, _)| *w == n) {
            Some(e) => e.1 += 1,
            None => widths.push((n, 1)),
        }
    }
    // The most common width (the narrower on a tie).
    let typical = widths
        .iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
        .map_or(usize::MAX, |w| w.0);
    let widest = counts
        .iter()
        .copied()
        .filter(|&n| n <= typical.saturating_mul(2))
        .max()?;
    if widest <= 1 {
        return head.iter().position(|(_, r)| filled(r) == 1);
    }
    head.iter().position(|(_, r)| {
        let n = filled(r);
        n >= 2 && n * 2 >= widest
    })
}

/// Records of text that holds no quote character: a record ends at `\n`,
/// `\r` or `\r\n`, blank lines are skipped, fields end at the delimiter.
/// That is exactly what the csv crate reads from such text (a property test
/// checks it); this reader only skips the quote-handling state machine.
#[derive(Clone, Debug)]
pub struct Plain<'t> {
    text: &'t [u8],
    at: usize,
    line: u64,
    delimiter: u8,
    scan: Scan,
}

impl<'t> Plain<'t> {
    /// A reader of the whole of `text` (which must hold no `"`).
    ///
    /// # Example
    /// ```
    /// use aidstat::read::csv::Plain;
    /// let mut rec = csv::ByteRecord::new();
    /// assert_eq!(Plain::new(b"a;b\n", b';').next_into(&mut rec), Some(1));
    /// assert_eq!(rec, vec!["a", "b"]);
    /// ```
    pub fn new(text: &'t [u8], delimiter: u8) -> Plain<'t> {
        Plain {
            text,
            at: 0,
            line: 1,
            delimiter,
            scan: Scan::default(),
        }
    }

    /// The text being read.
    pub(crate) fn text(&self) -> &'t [u8] {
        self.text
    }

    /// Reads the next record's field bounds (byte ranges of the text) and
    /// returns its line: one pass that finds delimiters and the line end.
    #[inline]
    pub(crate) fn next_bounds(&mut self, bounds: &mut Vec<(usize, usize)>) -> Option<u64> {
        // Skip line breaks (the end of the previous record and blank lines).
        while let Some(&b) = self
            .text
            .get(self.at)
            .filter(|b| matches!(b, b'\r' | b'\n'))
        {
            self.line += u64::from(b == b'\n');
            self.at += 1;
        }
        let text = self.text;
        if self.at >= text.len() {
            return None;
        }
        bounds.clear();
        let d = self.delimiter;
        let mut start = self.at;
        let mut end = text.len();
        while let Some(at) = self.scan.next(text, start, d) {
            if text.get(at) == Some(&d) {
                bounds.push((start, at));
                start = at + 1;
            } else {
                end = at;
                break;
            }
        }
        bounds.push((start, end));
        self.at = end;
        Some(self.line)
    }

    /// Reads the next record into `out` and returns its line.
    ///
    /// # Example
    /// ```
    /// use aidstat::read::csv::Plain;
    /// let mut p = Plain::new(b"a,b\r\n\r\n1,,2\n", b',');
    /// let mut rec = csv::ByteRecord::new();
    /// assert_eq!(p.next_into(&mut rec), Some(1));
    /// assert_eq!(p.next_into(&mut rec), Some(3)); // the blank line 2 is skipped
    /// assert_eq!(rec, vec!["1", "", "2"]);
    /// assert_eq!(p.next_into(&mut rec), None);
    /// ```
    pub fn next_into(&mut self, out: &mut ByteRecord) -> Option<u64> {
        let mut bounds = Vec::new();
        let line = self.next_bounds(&mut bounds)?;
        out.clear();
        for (a, b) in bounds {
            out.push_field(self.text.get(a..b).unwrap_or(&[]));
        }
        Some(line)
    }
}

/// A field's text. Fields of decoded text split at ASCII delimiters are
/// always valid UTF-8; should one not be, it reads as empty.
pub(crate) fn field_text(b: &[u8]) -> &str {
    std::str::from_utf8(b).unwrap_or("")
}

/// Picks the delimiter that splits the first lines most consistently.
pub(crate) fn sniff_delimiter(text: &str) -> u8 {
    let sample = text.get(..text.len().min(64 * 1024)).unwrap_or(text);
    let lines: Vec<&str> = sample
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(40)
        .collect();
    let mut best = (b',', 0usize, 0usize);
    for d in DELIMITERS {
        let counts: Vec<usize> = lines.iter().map(|l| count_outside_quotes(l, d)).collect();
        let mut modes: Vec<(usize, usize)> = Vec::new();
        for c in counts.iter().copied().filter(|c| *c > 0) {
            match modes.iter_mut().find(|(v, _)| *v == c) {
                Some(m) => m.1 += 1,
                None => modes.push((c, 1)),
            }
        }
        // The most common count; ties go to the wider split.
        let Some((mode, agree)) = modes.into_iter().max_by_key(|(v, n)| (*n, *v)) else {
            continue;
        };
        if (agree, mode) > (best.1, best.2) {
            best = (d, agree, mode);
        }
    }
    best.0
}

fn count_outside_quotes(line: &str, d: u8) -> usize {
    let mut quoted = false;
    let mut n = 0;
    for b in line.bytes() {
        if b == b'"' {
            quoted = !quoted;
        } else if b == d && !quoted {
            n += 1;
        }
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_delimiters() {
        let rows = [
            ("a,b,c\n1,2,3\n", b','),
            ("a\tb\tc\n1\t2\t3\n", b'\t'),
            ("a;b;c\n1;2;3\n", b';'),
            ("a|b|c\n1|2|3\n", b'|'),
            // commas inside quoted amounts do not fool it
            ("年度\t金额\n2020\t\"1,033.98\"\n2021\t\"2,000\"\n", b'\t'),
            // a title line padded by Excel
            ("标题,,,\n单位：万元,,,\na,b,c,d\n1,2,3,4\n", b','),
            ("single\ncolumn\n", b','),
        ];
        for (text, want) in rows {
            assert_eq!(sniff_delimiter(text), want, "text {text:?}");
        }
    }

    type Opened = (SourceInfo, Vec<String>, Vec<(u64, Vec<String>)>);

    fn open_text(text: &str) -> Opened {
        let decoded = super::super::decode::decode(text.as_bytes(), None).unwrap();
        let src = super::super::open(&decoded, &ReadOptions::default()).unwrap();
        let mut rows = src.rows;
        let mut out = Vec::new();
        let mut rec = ByteRecord::new();
        while let Some(line) = rows.next_into(&mut rec) {
            out.push((
                line,
                rec.iter().map(|f| field_text(f).to_string()).collect(),
            ));
        }
        (src.info, src.headers, out)
    }

    #[test]
    fn finds_header_below_title_and_unit_lines() {
        let text = "2020年帮扶资金表,,,\n单位：万元,,,\n\n年度,板块,来源,金额\n2020,教育,区,148\r\n2021,\"医\n疗\",区,30\n";
        let (info, headers, rows) = open_text(text);
        assert_eq!(headers, vec!["年度", "板块", "来源", "金额"]);
        assert_eq!(info.header_line, Some(4));
        assert_eq!(info.skipped_lines.len(), 2);
        assert_eq!(info.unit_line.as_ref().map(|u| u.0), Some(2));
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].0, 5);
        assert_eq!(
            rows[1].0, 6,
            "a record with an embedded newline reports its first line"
        );
        assert_eq!(rows[1].1[1], "医\n疗");
    }

    #[test]
    fn line_numbers_survive_blank_lines_and_crlf() {
        let text = "a,b\r\n\r\n1,2\r\n\r\n\r\n3,\"x\r\ny\"\r\n4,5\r\n";
        let (info, _, rows) = open_text(text);
        assert_eq!(info.header_line, Some(1));
        let lines: Vec<u64> = rows.iter().map(|r| r.0).collect();
        assert_eq!(lines, vec![3, 6, 8]);
    }
}
