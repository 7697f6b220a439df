//! What stops reading a workbook, as the core's errors are: a stable code
//! and a message in Chinese and English that says what to do.

/// An error of the Office module.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OfficeError {
    /// Stable code: `encrypted_workbook`, `bad_workbook`, `empty_workbook`,
    /// `unknown_sheet`, `not_workbook`, `bad_result`.
    pub code: &'static str,
    /// Message for the analyst, in Chinese.
    pub message_zh: String,
    /// The same in English.
    pub message_en: String,
}

const RESAVE_ZH: &str = "请在 Excel 或 WPS 中打开它，重新保存（或“另存为”CSV UTF-8）后再打开";
const RESAVE_EN: &str =
    "open it in Excel or WPS, save it again (or Save As CSV UTF-8), and open that file";

impl OfficeError {
    fn new(code: &'static str, zh: String, en: String) -> OfficeError {
        OfficeError {
            code,
            message_zh: zh,
            message_en: en,
        }
    }

    /// A workbook that needs a password to open.
    pub fn encrypted() -> OfficeError {
        OfficeError::new(
            "encrypted_workbook",
            "这个工作簿设了打开密码（已加密），无法读取：请在 Excel 或 WPS 中输入密码打开，在“文件 → 信息 → 保护工作簿”里取消密码后保存，再打开它".into(),
            "this workbook is protected with a password (encrypted) and cannot be read: open it in Excel or WPS with its password, remove the password (File → Info → Protect Workbook), save it, and open it again".into(),
        )
    }

    /// Bytes that look like a workbook but cannot be read.
    pub fn bad(detail: &str) -> OfficeError {
        let detail: String = detail.chars().take(200).collect();
        OfficeError::new(
            "bad_workbook",
            format!("无法读取这个工作簿，文件可能已损坏或不完整（{detail}）：{RESAVE_ZH}"),
            format!("this workbook cannot be read; the file may be damaged or incomplete ({detail}): {RESAVE_EN}"),
        )
    }

    /// A workbook with no worksheet that holds cells.
    pub fn empty() -> OfficeError {
        OfficeError::new(
            "empty_workbook",
            "这个工作簿里没有可见的、有数据的工作表：请确认选对了文件，或在 Excel 中取消隐藏工作表".into(),
            "this workbook has no visible worksheet with data: check that you chose the right file, or unhide the sheet in Excel".into(),
        )
    }

    /// A sheet name or number the workbook does not have.
    pub fn unknown_sheet(asked: &str, listed: &[(String, bool)]) -> OfficeError {
        let names: Vec<String> = listed.iter().map(|(n, _)| format!("“{n}”")).collect();
        OfficeError::new(
            "unknown_sheet",
            format!("工作簿里没有工作表“{asked}”；有：{}", names.join("、")),
            format!(
                "the workbook has no sheet \"{asked}\"; it has: {}",
                names.join(", ")
            ),
        )
    }

    /// The workbook could not be written.
    pub fn write_failed(detail: &str) -> OfficeError {
        let detail: String = detail.chars().take(200).collect();
        OfficeError::new(
            "write_failed",
            format!("无法生成 Excel 文件（{detail}）：请换一个视图再试，或改用 CSV 导出"),
            format!("the Excel file could not be made ({detail}): try another view, or export CSV"),
        )
    }

    /// What was given to write is not a view.
    pub fn bad_export(detail: &str) -> OfficeError {
        let detail: String = detail.chars().take(200).collect();
        OfficeError::new(
            "bad_result",
            format!("要写入 Excel 的内容不是一个视图的结果（{detail}）：请确认页面和计算引擎是同一版本"),
            format!("what was given to write is not a view's result ({detail}): check that the page and the engine are of the same version"),
        )
    }

    /// Bytes that are not a workbook at all.
    pub fn not_workbook() -> OfficeError {
        OfficeError::new(
            "not_workbook",
            "这不是 Excel / WPS / LibreOffice 工作簿（.xlsx、.xls、.ods）".into(),
            "this is not an Excel / WPS / LibreOffice workbook (.xlsx, .xls, .ods)".into(),
        )
    }
}
