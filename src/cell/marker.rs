//! Marker cells: the words that mean "nothing here" and the labels of total
//! rows a spreadsheet carries itself (合计, 小计, Total …).

use super::width::normalize;

/// Which kind of total row a label announces.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TotalLevel {
    /// A grand total: 合计, 总计, 共计, Total, Grand total …
    Grand,
    /// A subtotal of a group: 小计, Subtotal …
    Sub,
}

/// Grand-total labels, compared without spaces and in ASCII lower case.
const GRAND: &[&str] = &[
    "合计",
    "总计",
    "共计",
    "总合计",
    "合計",
    "總計",
    "共計",
    "總合計",
    "total",
    "grandtotal",
    "sumtotal",
    "totals",
];

/// Subtotal labels, compared without spaces and in ASCII lower case.
const SUB: &[&str] = &["小计", "小計", "subtotal", "sub-total"];

/// Null labels, compared in ASCII lower case after half-width conversion
/// (so `－` and `／` are covered by `-` and `/`).
const NULLS: &[&str] = &[
    "", "-", "--", "—", "——", "/", "无", "無", "n/a", "na", "null", "#n/a",
];

/// The total level a dimension cell announces, if it is one of the listed
/// total labels.
///
/// The label is compared after trimming, half-width conversion, removing
/// inner spaces (`合  计`) and one trailing colon, ignoring ASCII case. A longer
/// label that merely contains a total word (`合计支出项目`) is not a marker.
///
/// # Example
/// ```
/// use aidstat::cell::{total_marker, TotalLevel};
/// assert_eq!(total_marker("合　计："), Some(TotalLevel::Grand));
/// assert_eq!(total_marker("Sub-total"), Some(TotalLevel::Sub));
/// assert_eq!(total_marker("合计支出项目"), None);
/// ```
pub fn total_marker(s: &str) -> Option<TotalLevel> {
    let norm = normalize(s);
    let mut key: String = norm
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| c.to_ascii_lowercase())
        .collect();
    if key.ends_with(':') {
        key.pop();
    }
    if GRAND.contains(&key.as_str()) {
        Some(TotalLevel::Grand)
    } else if SUB.contains(&key.as_str()) {
        Some(TotalLevel::Sub)
    } else {
        None
    }
}

/// True when a cell means "no value": empty or blank, `-`, `--`, `—`, `——`,
/// `－`, `/`, `／`, `无`, `無`, `N/A`, `NA`, `null`, `#N/A` (ASCII case ignored).
///
/// A null is missing, never zero.
///
/// # Example
/// ```
/// use aidstat::cell::is_null_marker;
/// assert!(is_null_marker(" — "));
/// assert!(is_null_marker("#N/A"));
/// assert!(!is_null_marker("0"));
/// ```
pub fn is_null_marker(s: &str) -> bool {
    let norm = normalize(s);
    // Every null label is at most 6 bytes long; skip lowering longer cells.
    norm.len() <= 6 && NULLS.contains(&norm.to_ascii_lowercase().as_str())
}

/// How a note or a signature under a table begins (Chinese; English is
/// compared in lower case).
const NOTE_STARTS: [&str; 24] = [
    "注：",
    "注:",
    "注1",
    "注 ",
    "备注：",
    "備註：",
    "说明：",
    "說明：",
    "附注",
    "资料来源",
    "資料來源",
    "数据来源",
    "數據來源",
    "来源：",
    "填表人",
    "填报人",
    "制表人",
    "制表：",
    "审核人",
    "審核人",
    "负责人",
    "負責人",
    "联系人",
    "填表日期",
];
const NOTE_STARTS_EN: [&str; 5] = ["note:", "notes:", "note ", "data source", "source:"];

/// Whether a text begins as a note or a signature under a table does
/// (`注：…`, `数据来源：…`, `Note: …`, `Data Sources：…`, `填表人：张三`).
///
/// # Example
/// ```
/// use aidstat::cell::is_note_text;
/// assert!(is_note_text("Note: The data of 2018 are preliminary."));
/// assert!(is_note_text("注：1. 数据来源于各单位报送"));
/// assert!(is_note_text("填表人：张三"));
/// assert!(!is_note_text("注册资本"));
/// assert!(!is_note_text("医疗帮扶"));
/// ```
pub fn is_note_text(s: &str) -> bool {
    let t = s.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{3000}');
    if t.as_bytes().first().is_some_and(u8::is_ascii) {
        let head: String = t.chars().take(12).collect::<String>().to_ascii_lowercase();
        let head = head.replace('：', ":");
        return NOTE_STARTS_EN.iter().any(|m| head.starts_with(m));
    }
    // Most labels start with another character: one comparison for them.
    let first = t.chars().next().unwrap_or(' ');
    NOTE_STARTS.iter().any(|m| m.starts_with(first)) && NOTE_STARTS.iter().any(|m| t.starts_with(m))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn total_marker_table() {
        use TotalLevel::{Grand, Sub};
        let rows = [
            ("合计", Some(Grand)),
            ("合  计", Some(Grand)),
            ("合　计", Some(Grand)),
            (" 总计 ", Some(Grand)),
            ("共计", Some(Grand)),
            ("总合计", Some(Grand)),
            ("合計", Some(Grand)),
            ("總計", Some(Grand)),
            ("共計", Some(Grand)),
            ("合计：", Some(Grand)),
            ("合计:", Some(Grand)),
            ("Total", Some(Grand)),
            ("TOTAL", Some(Grand)),
            ("Ｔｏｔａｌ", Some(Grand)),
            ("Grand total", Some(Grand)),
            ("Sum total", Some(Grand)),
            ("Totals", Some(Grand)),
            ("小计", Some(Sub)),
            ("小 计", Some(Sub)),
            ("小計", Some(Sub)),
            ("Subtotal", Some(Sub)),
            ("Sub-total", Some(Sub)),
            ("Sub total", Some(Sub)),
            ("sub total:", Some(Sub)),
            ("", None),
            (":", None),
            ("合计支出项目", None),
            ("总计划", None),
            ("全年合计", None),
            ("医疗帮扶", None),
            ("合计：：", None),
            ("\0合计", None),
        ];
        for (input, expected) in rows {
            assert_eq!(total_marker(input), expected, "input {input:?}");
        }
    }

    #[test]
    fn null_marker_table() {
        let rows = [
            ("", true),
            ("   ", true),
            ("　", true),
            ("-", true),
            ("--", true),
            ("—", true),
            ("——", true),
            ("－", true),
            ("/", true),
            ("／", true),
            ("无", true),
            ("無", true),
            ("N/A", true),
            ("n/a", true),
            ("NA", true),
            ("na", true),
            ("null", true),
            ("NULL", true),
            ("#N/A", true),
            (" - ", true),
            ("0", false),
            ("None", false),
            ("---", false),
            ("无数据", false),
            ("#DIV/0!", false),
            ("nan", false),
            ("\0", false),
        ];
        for (input, expected) in rows {
            assert_eq!(is_null_marker(input), expected, "input {input:?}");
        }
    }
}
