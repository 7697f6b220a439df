//! What a file is when it is not text: a workbook, a PDF, an image, an
//! archive, another program's file, named by its first bytes (or its NUL
//! bytes), with what to do instead.

use crate::error::{Error, ErrorCode, Result};

/// Files that are not text, by their first bytes (or by their NUL bytes):
/// an error that names what the file is and what to do instead.
pub(super) fn not_text(bytes: &[u8], utf16: bool) -> Result<()> {
    const ORIGINAL_ZH: &str = "请找到表格的原始文件（Excel 或 CSV）再打开";
    const ORIGINAL_EN: &str = "find the table's original file (Excel or CSV) and open that";
    let workbook = |what_zh: &str, what_en: &str| {
        Err(Error::new(
            ErrorCode::Workbook,
            format!("这是{what_zh}，不是 CSV 或 JSON 文本：工作簿请用 Table.open 打开（它会载入读取工作簿的模块）"),
            format!("this is {what_en}, not CSV or JSON text: open a workbook with Table.open (it loads the workbook module)"),
        ))
    };
    let (what_zh, what_en, todo_zh, todo_en) = match bytes {
        [0x50, 0x4b, 0x03, 0x04, ..] => {
            return workbook(
                "工作簿（.xlsx、.ods）或其他压缩文件",
                "a workbook (.xlsx, .ods) or another zip file",
            )
        }
        [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ..] => {
            return workbook("旧版 Excel 工作簿（.xls）", "an old Excel workbook (.xls)")
        }
        [b'%', b'P', b'D', b'F', b'-', ..] => ("PDF 文件", "a PDF file", ORIGINAL_ZH, ORIGINAL_EN),
        [0x89, b'P', b'N', b'G', ..] | [0xff, 0xd8, 0xff, ..] | [b'G', b'I', b'F', b'8', ..] => {
            ("图片文件", "an image file", ORIGINAL_ZH, ORIGINAL_EN)
        }
        [0x1f, 0x8b, ..]
        | [b'R', b'a', b'r', b'!', ..]
        | [b'7', b'z', 0xbc, 0xaf, 0x27, 0x1c, ..] => (
            "压缩包",
            "a compressed archive",
            "请先解压，再打开其中的 CSV 或 JSON 文件",
            "extract it first, then open the CSV or JSON file inside",
        ),
        _ => {
            // Many NUL bytes, not in the pattern of UTF-16: a program's own
            // format. NUL padding after the data does not count.
            let end = bytes
                .iter()
                .rposition(|b| !matches!(b, 0 | b'\n' | b'\r' | b' '))
                .map_or(0, |i| i + 1);
            let sample = bytes.get(..end.min(4096)).unwrap_or(bytes);
            let nul = sample.iter().filter(|b| **b == 0).count();
            if utf16 || nul * 10 <= sample.len() {
                return Ok(());
            }
            (
                "其他程序的文件（含有大量空字节）",
                "another program's file (it holds many NUL bytes)",
                "请选择 CSV 或 JSON 文件；Excel 表格请用“另存为”保存成“CSV UTF-8（逗号分隔）”",
                "choose a CSV or JSON file; save an Excel sheet with Save As → “CSV UTF-8 (Comma delimited)”",
            )
        }
    };
    // A space between Chinese and a Latin word, as Chinese typesetting has it.
    let gap = if what_zh.starts_with(|c: char| c.is_ascii()) {
        " "
    } else {
        ""
    };
    Err(Error::new(
        ErrorCode::NotText,
        format!("这是{gap}{what_zh}，不是 CSV 或 JSON 文本：{todo_zh}"),
        format!("this is {what_en}, not CSV or JSON text: {todo_en}"),
    ))
}
