//! Loading a file that arrives in chunks (the page reads `File.stream()` in
//! its worker), so that a file of hundreds of megabytes is never held whole:
//! only the table grows, the text passes through in parts of whole records.
//!
//! The file's start (its first [`HEAD_BYTES`], cut after its last complete
//! record) is read exactly as [`load`](super::load) reads a whole file: the
//! encoding is detected, the header found, the roles and units inferred from
//! the first records. Every later part is decoded in the encoding found at
//! the start (a part that is valid UTF-8 as it stands is taken as it is) and
//! its records go into the same columns, with their line numbers in the whole
//! file. A file smaller than the start, JSON and UTF-16 are gathered whole and
//! given to [`load`](super::load), so they read exactly as before.

use crate::message::Texts;
use encoding_rs::Encoding;

use super::builder::Builder;
use super::{begin, end, Budget, LoadOptions};
use crate::error::{Error, ErrorCode, Result};
use crate::limits;
use crate::read::{self, csv, decode, quotes, Format, Note, SourceInfo};
use crate::table::{Table, Warning};

/// Bytes of the file's start read as a whole file (encoding, header, roles).
pub const HEAD_BYTES: usize = 4 * 1024 * 1024;

/// Bytes gathered before a later part is read.
const PART_BYTES: usize = 1024 * 1024;

/// A file being loaded chunk by chunk.
///
/// # Example
/// ```
/// use aidstat::load::Loader;
/// let csv = "年度,板块,金额(万元)\n2020,医疗帮扶,430\n2020,教育帮扶,148\n";
/// let mut loader = Loader::new(Default::default(), Some(csv.len() as u64));
/// for chunk in csv.as_bytes().chunks(7) {
///     loader.push(chunk).unwrap();
/// }
/// let table = loader.finish().unwrap();
/// assert_eq!(table.len(), 2);
/// ```
pub struct Loader {
    opts: LoadOptions,
    /// The file's size, when known (for sizing the columns).
    size: Option<u64>,
    /// Bytes received and not yet read.
    buf: Vec<u8>,
    /// Bytes received in all.
    received: u64,
    state: State,
    /// [`HEAD_BYTES`] and [`PART_BYTES`], smaller in tests.
    head_bytes: usize,
    part_bytes: usize,
    /// After a look found no complete record, the size the gathered bytes
    /// must reach before looking again (twice as many), so that a record
    /// that never ends is not scanned again at every chunk.
    retry_at: usize,
}

enum State {
    /// Gathering the file's start.
    Head,
    /// Gathering the whole file (JSON, UTF-16), read at the end.
    Whole,
    /// Reading later parts into the table begun from the start.
    Body(Box<Body>),
    /// An error ended loading.
    Failed,
}

struct Body {
    builder: Builder,
    info: SourceInfo,
    warnings: Vec<Warning>,
    encoding: &'static Encoding,
    delimiter: u8,
    /// Line of the file where the next part starts.
    next_line: u64,
    /// Parts that had bytes that could not be decoded.
    parts_with_errors: usize,
}

impl Loader {
    /// A loader for a file of `size` bytes (when known). Push the file's
    /// chunks in order, then [`Loader::finish`]: the table is the one
    /// [`crate::load::load`] gives for the whole file.
    ///
    /// # Example
    /// ```
    /// use aidstat::load::{load, Loader};
    /// let csv = "年度,板块,金额(万元)\n2020,医疗帮扶,430\n2021,医疗帮扶,30\n".as_bytes();
    /// let mut l = Loader::new(Default::default(), Some(csv.len() as u64));
    /// for chunk in csv.chunks(7) {
    ///     l.push(chunk).unwrap();
    /// }
    /// assert_eq!(l.received(), csv.len() as u64);
    /// let t = l.finish().unwrap();
    /// assert_eq!(t.len(), 2);
    /// assert_eq!(t.lines, load(csv, &Default::default()).unwrap().lines);
    /// ```
    pub fn new(opts: LoadOptions, size: Option<u64>) -> Loader {
        Loader {
            opts,
            size,
            buf: Vec::new(),
            received: 0,
            state: State::Head,
            head_bytes: HEAD_BYTES,
            part_bytes: PART_BYTES,
            retry_at: 0,
        }
    }

    /// A loader with a smaller start and smaller parts, so that tests reach
    /// every path with small files.
    ///
    /// # Example
    /// ```
    /// use aidstat::load::{load, Loader};
    /// let csv = "年度,金额\n2020,430\n2021,30\n2022,12\n".as_bytes();
    /// let mut l = Loader::with_sizes(Default::default(), None, 16, 8);
    /// for chunk in csv.chunks(5) {
    ///     l.push(chunk).unwrap();
    /// }
    /// let t = l.finish().unwrap();
    /// assert_eq!(t.lines, [2, 3, 4]);
    /// assert_eq!(t.lines, load(csv, &Default::default()).unwrap().lines);
    /// ```
    #[doc(hidden)]
    pub fn with_sizes(opts: LoadOptions, size: Option<u64>, head: usize, part: usize) -> Loader {
        Loader {
            head_bytes: head.max(1),
            part_bytes: part.max(1),
            ..Loader::new(opts, size)
        }
    }

    /// Bytes received so far.
    ///
    /// # Example
    /// ```
    /// let mut l = aidstat::load::Loader::new(Default::default(), None);
    /// l.push("年度,金额\n".as_bytes()).unwrap();
    /// l.push(b"2020,430\n").unwrap();
    /// assert_eq!(l.received(), 14 + 9); // 年度 and 金额 are three bytes a character
    /// ```
    pub fn received(&self) -> u64 {
        self.received
    }

    /// Data rows read into the table so far (0 while the start is gathered).
    ///
    /// # Example
    /// ```
    /// use aidstat::load::Loader;
    /// let csv = "年度,金额\n2020,430\n2021,30\n2022,12\n".as_bytes();
    /// // A start of 16 bytes and parts of 8, so that this small file is read in parts.
    /// let mut l = Loader::with_sizes(Default::default(), None, 16, 8);
    /// l.push(&csv[..23]).unwrap(); // the header and 2020: the start is read
    /// assert_eq!(l.rows_read(), 1);
    /// l.push(&csv[23..]).unwrap(); // 2021 and 2022: one part
    /// assert_eq!(l.rows_read(), 3);
    /// assert_eq!(Loader::new(Default::default(), None).rows_read(), 0);
    /// ```
    pub fn rows_read(&self) -> usize {
        match &self.state {
            State::Body(b) => b.builder.rows_read(),
            _ => 0,
        }
    }

    /// Takes the next chunk of the file.
    ///
    /// # Example
    /// ```
    /// let csv = "年度,金额\n2020,430\n".as_bytes();
    /// let mut l = aidstat::load::Loader::new(Default::default(), None);
    /// l.push(&csv[..4]).unwrap(); // 年 and the first byte of 度
    /// l.push(&csv[4..]).unwrap();
    /// let t = l.finish().unwrap();
    /// assert_eq!(t.columns[0].name, "年度");
    /// assert_eq!(t.len(), 1);
    /// ```
    pub fn push(&mut self, chunk: &[u8]) -> Result<()> {
        let r = self.take(chunk);
        if r.is_err() {
            self.fail();
        }
        r
    }

    fn take(&mut self, chunk: &[u8]) -> Result<()> {
        self.received += chunk.len() as u64;
        match self.state {
            State::Failed => return Err(failed()),
            State::Whole if self.buf.len() + chunk.len() > limits::MAX_BYTES => {
                return Err(limits::file_too_large(
                    usize::try_from(self.received).unwrap_or(usize::MAX),
                ));
            }
            _ => {}
        }
        self.buf.extend_from_slice(chunk);
        if self.buf.len() < self.retry_at {
            return Ok(());
        }
        match self.state {
            State::Head if self.buf.len() >= self.head_bytes => self.start(),
            State::Body(_) if self.buf.len() >= self.part_bytes => self.part(false),
            _ => Ok(()),
        }
    }

    /// No record ends in the bytes gathered: look again when there are
    /// twice as many, and give up beyond [`limits::MAX_BYTES`] (a quote that
    /// never closes, or a file that is not a table).
    fn no_record_end(&mut self) -> Result<()> {
        if self.buf.len() > limits::MAX_BYTES {
            let line = match &self.state {
                State::Body(b) => b.next_line,
                _ => 1,
            };
            return Err(endless_record(line, self.buf.len()));
        }
        self.retry_at = self.buf.len().saturating_mul(2);
        Ok(())
    }

    /// Reads what is left and returns the table.
    ///
    /// # Example
    /// ```
    /// use aidstat::load::Loader;
    /// let mut l = Loader::new(Default::default(), None);
    /// l.push("项目,金额\na,1\nb,2".as_bytes()).unwrap(); // the last record has no line end
    /// assert_eq!(l.finish().unwrap().len(), 2);
    /// let empty = Loader::new(Default::default(), None).finish().unwrap_err();
    /// assert_eq!(empty.code.as_str(), "empty_file");
    /// ```
    pub fn finish(mut self) -> Result<Table> {
        match std::mem::replace(&mut self.state, State::Failed) {
            State::Failed => Err(failed()),
            State::Head | State::Whole => super::load(&self.buf, &self.opts),
            State::Body(body) => {
                self.state = State::Body(body);
                self.part(true)?;
                let State::Body(body) = std::mem::replace(&mut self.state, State::Failed) else {
                    return Err(failed());
                };
                let Body {
                    builder,
                    mut info,
                    warnings,
                    encoding,
                    parts_with_errors,
                    ..
                } = *body;
                if parts_with_errors > 1 {
                    info.notes
                        .push(all_decode_errors(info.decode_errors, encoding));
                }
                end(builder, info, warnings)
            }
        }
    }

    fn fail(&mut self) {
        self.state = State::Failed;
        self.buf = Vec::new();
    }

    /// Reads the file's start as a whole file, or decides to gather the
    /// whole file when it is JSON or UTF-16.
    fn start(&mut self) -> Result<()> {
        if self.read_whole() {
            self.state = State::Whole;
            return Ok(());
        }
        let delimiter = self.opts.read.delimiter.unwrap_or_else(|| {
            let head = self.buf.get(..self.buf.len().min(64 * 1024)).unwrap_or(&[]);
            csv::sniff_delimiter(&String::from_utf8_lossy(head))
        });
        let cut = quotes::complete_records(&self.buf, delimiter);
        if cut == 0 {
            return self.no_record_end(); // no record ends yet: gather more
        }
        self.retry_at = 0;
        let head = self.buf.get(..cut).unwrap_or(&[]);
        let decoded = decode::decode(head, self.opts.read.encoding.as_deref())?;
        let mut source = read::open(&decoded, &self.opts.read)?;
        let text_len = self
            .size
            .and_then(|s| usize::try_from(s).ok())
            .unwrap_or(cut);
        let (mut builder, warnings) = begin(&mut source, &self.opts, text_len, Budget::Memory)?;
        builder.drain(&mut source.rows, Budget::Memory)?;
        let info = source.info;
        let body = Body {
            builder,
            delimiter: info.delimiter.unwrap_or(delimiter),
            encoding: decode::encoding_named(info.encoding),
            parts_with_errors: usize::from(info.decode_errors > 0),
            info,
            warnings,
            next_line: 1 + memchr::memchr_iter(b'\n', decoded.text.as_bytes()).count() as u64,
        };
        drop(decoded);
        self.buf.drain(..cut);
        self.state = State::Body(Box::new(body));
        if self.buf.len() >= self.part_bytes {
            self.part(false)?;
        }
        Ok(())
    }

    /// Whether the file must be read whole: JSON (one value) and UTF-16
    /// (whose line breaks are two bytes).
    fn read_whole(&self) -> bool {
        let b = &self.buf;
        let label = self
            .opts
            .read
            .encoding
            .as_deref()
            .unwrap_or("")
            .to_ascii_lowercase();
        let utf16 = label.starts_with("utf-16")
            || matches!(Encoding::for_bom(b), Some((e, _)) if e != encoding_rs::UTF_8)
            || decode::looks_utf16(b);
        // The format as a whole file's is sniffed, from the start's first bytes.
        let json = match self.opts.read.format {
            Some(f) => f == Format::Json,
            None => {
                let start = b.get(..b.len().min(1024)).unwrap_or(b);
                read::sniff_format(&String::from_utf8_lossy(start)) == Format::Json
            }
        };
        utf16 || json
    }

    /// Reads the complete records gathered (all of them when `last`).
    fn part(&mut self, last: bool) -> Result<()> {
        let State::Body(body) = &mut self.state else {
            return Ok(());
        };
        let cut = if last {
            self.buf.len()
        } else {
            quotes::complete_records(&self.buf, body.delimiter)
        };
        if cut == 0 {
            return self.no_record_end();
        }
        self.retry_at = 0;
        let bytes = self.buf.get(..cut).unwrap_or(&[]);
        let decoded = decode::decode_part(bytes, body.encoding, body.next_line);
        let text: &str = decoded.text.as_ref();
        if decoded.errors > 0 {
            body.parts_with_errors += 1;
            body.info.decode_errors += decoded.errors;
        }
        for note in decoded.notes.iter() {
            if !body.info.notes.iter().any(|n| n.code == note.code) {
                body.info.notes.push(note.clone());
            }
        }
        if last {
            if let Some(mut u) = quotes::unclosed_quote(text, body.delimiter) {
                u.line += body.next_line - 1;
                u.last_line += body.next_line - 1;
                if u.lines_swallowed() > 0 {
                    return Err(u.error());
                }
                body.info.notes.push(u.note());
            }
        }
        let mut rows = csv::part_rows(text, body.delimiter, body.next_line);
        body.builder.drain(&mut rows, Budget::Memory)?;
        body.next_line += memchr::memchr_iter(b'\n', text.as_bytes()).count() as u64;
        drop(decoded);
        self.buf.drain(..cut);
        Ok(())
    }
}

/// The note when several parts had bytes that could not be decoded (each
/// part's first note names only its own).
fn all_decode_errors(n: usize, encoding: &'static Encoding) -> Note {
    let name = encoding.name();
    Note {
        code: "decode_errors_total",
        text: Texts::new(
            format!("全文共有 {n} 处字节无法按 {name} 解码，显示为 �"),
            format!("in all, {n} byte sequence(s) could not be decoded as {name} and show as �"),
        ),
        line: None,
    }
}

/// A record that runs on for more than [`limits::MAX_BYTES`].
fn endless_record(line: u64, len: usize) -> Error {
    let size = limits::size_text(len);
    Error::new(
        ErrorCode::BadCsv,
        format!("从第 {line} 行起的一条记录已有 {size} 仍没有结束：多半是这一行附近某个引号（\"）没有配对，或者文件不是表格。请检查这一行，或重新导出文件"),
        format!("the record starting at line {line} runs on for {size} without ending: most likely a quote (\") near that line is never closed, or the file is not a table. Check that line, or export the file again"),
    )
    .at(Some(line), None)
}

fn failed() -> Error {
    Error::new(
        ErrorCode::BadRequest,
        "读取已因前面的错误停止，请重新打开文件",
        "loading stopped at an earlier error; open the file again",
    )
}
