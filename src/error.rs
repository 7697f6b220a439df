//! Errors that stop a whole operation (a file that cannot be read at all, a
//! spec that names a missing column). Problems with single cells are not
//! errors: they are set aside and reported in the result's diagnostics.
//!
//! Every error carries a stable machine-readable code, a message in Chinese
//! and in English, and the line / column it refers to where there is one.

use crate::message::Texts;
use std::fmt;

/// What went wrong, as a stable code the page and portals can switch on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorCode {
    /// The file has no bytes, or only a byte-order mark and white space.
    EmptyFile,
    /// No header row could be found.
    NoHeader,
    /// An encoding label given in the options is not known.
    UnknownEncoding,
    /// A delimiter given in the options is not one of `,` tab `;` `|`.
    BadDelimiter,
    /// The JSON text is not valid JSON.
    BadJson,
    /// The JSON is valid but not a table (a scalar, or records that are not objects or arrays).
    JsonShape,
    /// The spec names a column the table does not have.
    UnknownColumn,
    /// The spec names an aggregate, share or growth variant that does not exist.
    UnknownOperation,
    /// The spec is not valid JSON or has a field of the wrong type.
    BadSpec,
    /// The spec asks for something the data cannot give (e.g. sum of a text column).
    BadRequest,
    /// The file is larger than the engine can hold.
    TooLarge,
    /// The CSV text cannot be read as it stands (a quote that never closes
    /// would swallow the rest of the file).
    BadCsv,
    /// The file is not text: a PDF, an image, an archive.
    NotText,
    /// The file is a workbook, which `Table.fromBytes` does not read:
    /// `Table.open` does (it loads the Office module).
    Workbook,
    /// The cells handed over from the Office module cannot be read.
    BadWorkbook,
}

impl ErrorCode {
    /// The code as a string, e.g. `"empty_file"`.
    ///
    /// # Example
    /// ```
    /// use aidstat::ErrorCode;
    /// assert_eq!(ErrorCode::UnknownColumn.as_str(), "unknown_column");
    /// let e = aidstat::load::load(b"", &Default::default()).unwrap_err();
    /// assert_eq!(e.code.as_str(), "empty_file");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::EmptyFile => "empty_file",
            ErrorCode::NoHeader => "no_header",
            ErrorCode::UnknownEncoding => "unknown_encoding",
            ErrorCode::BadDelimiter => "bad_delimiter",
            ErrorCode::BadJson => "bad_json",
            ErrorCode::JsonShape => "json_shape",
            ErrorCode::UnknownColumn => "unknown_column",
            ErrorCode::UnknownOperation => "unknown_operation",
            ErrorCode::BadSpec => "bad_spec",
            ErrorCode::BadRequest => "bad_request",
            ErrorCode::TooLarge => "too_large",
            ErrorCode::BadCsv => "bad_csv",
            ErrorCode::NotText => "not_text",
            ErrorCode::Workbook => "workbook",
            ErrorCode::BadWorkbook => "bad_workbook",
        }
    }
}

/// An error that stops an operation, with its position and both messages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    /// Stable code.
    pub code: ErrorCode,
    /// Its words (zh-CN, zh-TW, en).
    pub text: Texts,
    /// 1-based line in the file, where it applies.
    pub line: Option<u64>,
    /// 1-based column, where it applies.
    pub column: Option<u64>,
}

impl Error {
    /// A new error with both messages and no position.
    ///
    /// # Example
    /// ```
    /// use aidstat::{Error, ErrorCode};
    /// let e = Error::new(ErrorCode::BadRequest, "没有可汇总的数值列", "no measure column to add up");
    /// assert_eq!((e.line, e.column), (None, None));
    /// assert_eq!(e.to_string(), "no measure column to add up");
    /// ```
    pub fn new(code: ErrorCode, zh: impl Into<String>, en: impl Into<String>) -> Error {
        Error {
            code,
            text: Texts::new(zh.into(), en.into()),
            line: None,
            column: None,
        }
    }

    /// The same error at a line (and column).
    pub(crate) fn at(mut self, line: Option<u64>, column: Option<u64>) -> Error {
        self.line = line;
        self.column = column;
        self
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.text.en)?;
        match (self.line, self.column) {
            (Some(l), Some(c)) => write!(f, " at line {l} column {c}"),
            (Some(l), None) => write!(f, " at line {l}"),
            _ => Ok(()),
        }
    }
}

impl std::error::Error for Error {}

/// Shorthand for results of this crate.
pub type Result<T> = std::result::Result<T, Error>;
