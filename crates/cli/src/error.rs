//! What stops a command: the API's errors (code and message) as they are,
//! the Office module's, and the command line's own (a file that cannot be
//! read, a usage slip), shown on stderr in the language asked for.

use aidstat::message::Texts;
use aidstat_office::OfficeError;

/// An error with a stable code and its words.
#[derive(Debug)]
pub struct CliError {
    /// The API's code (`unknown_column`, `bad_workbook` …) or the command line's (`io`, `usage`).
    pub code: String,
    pub text: Texts,
    pub line: Option<u64>,
    pub column: Option<u64>,
    /// 1 for bad input or spec, 2 for usage.
    pub exit: u8,
}

impl CliError {
    pub fn new(code: &str, zh: impl Into<String>, en: impl Into<String>) -> CliError {
        CliError {
            code: code.to_string(),
            text: Texts::new(zh, en),
            line: None,
            column: None,
            exit: 1,
        }
    }

    /// A slip in the command line's use (exit code 2, as clap's own).
    pub fn usage(zh: &str, en: &str) -> CliError {
        CliError {
            exit: 2,
            ..CliError::new("usage", zh, en)
        }
    }

    /// A file that could not be opened or read, named.
    pub fn io(path: &str, e: &std::io::Error) -> CliError {
        let (zh, en) = match e.kind() {
            std::io::ErrorKind::NotFound => ("没有这个文件", "no such file"),
            std::io::ErrorKind::PermissionDenied => ("没有读取权限", "permission denied"),
            std::io::ErrorKind::IsADirectory => {
                ("这是一个文件夹，不是文件", "is a directory, not a file")
            }
            _ => ("无法读取", "cannot be read"),
        };
        CliError::new(
            "io",
            format!("“{path}”{zh}（{e}）"),
            format!("\"{path}\": {en} ({e})"),
        )
    }

    /// A file that could not be written, named.
    pub fn write(path: &str, e: &std::io::Error) -> CliError {
        CliError::new(
            "io",
            format!("无法写入“{path}”（{e}）"),
            format!("cannot write \"{path}\" ({e})"),
        )
    }

    /// The message as shown: `aidstat: [code] message (line N)`.
    pub fn show(&self, lang: &str) -> String {
        let en = lang.to_ascii_lowercase().starts_with("en");
        let at = match (self.line, self.column, en) {
            (Some(l), Some(c), true) => format!(" (line {l}, column {c})"),
            (Some(l), None, true) => format!(" (line {l})"),
            (Some(l), Some(c), false) => format!("（第 {l} 行第 {c} 列）"),
            (Some(l), None, false) => format!("（第 {l} 行）"),
            _ => String::new(),
        };
        format!("aidstat: [{}] {}{at}", self.code, self.text.get(lang))
    }

    /// The same error, said of one file among several.
    pub fn in_file(mut self, path: &str) -> CliError {
        self.text = Texts::new(
            format!("{}：{}", path, self.text.zh),
            format!("{}: {}", path, self.text.en),
        );
        self
    }
}

impl From<aidstat::Error> for CliError {
    fn from(e: aidstat::Error) -> CliError {
        CliError {
            code: e.code.as_str().to_string(),
            text: e.text,
            line: e.line,
            column: e.column,
            exit: 1,
        }
    }
}

impl From<OfficeError> for CliError {
    fn from(e: OfficeError) -> CliError {
        CliError::new(e.code, e.message_zh, e.message_en)
    }
}
