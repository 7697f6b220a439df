//! 繁體中文 (Taiwan form) of the engine's own Chinese text: the messages of
//! errors, notes and findings, and the report paragraph.
//!
//! The engine writes simplified Chinese from templates; the characters of
//! those templates are mapped one by one to their Taiwan forms (with a few
//! words a character map gets wrong, e.g. 重复 → 重複), rows and columns are
//! said as Taiwan says them (行 → 列, 列 → 欄: 第 3 行 is 第 3 列 there), and
//! the template's quotation marks “…” become 「…」. What the file says is never changed:
//! text inside quotation marks is the file's (a column name, a raw cell, a
//! label), and is copied as written, and the report paragraph names the labels
//! it quotes without marks, so those are passed in as `keep`.
//!
//! The table (`table.rs`) is generated from the templates by
//! `scripts/hant-table.py`; `tests/hant.rs` fails when a template gains a
//! character the table does not know.

#![deny(missing_docs)]
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::unreachable,
        clippy::indexing_slicing
    )
)]

mod table;

use std::sync::OnceLock;

pub use table::SAME;

/// The Taiwan form of one simplified character (itself when it has none).
fn char_tw(c: char) -> char {
    static PAIRS: OnceLock<Vec<(char, char)>> = OnceLock::new();
    if c.is_ascii() {
        return c;
    }
    let pairs = PAIRS.get_or_init(|| table::FROM.chars().zip(table::TO.chars()).collect());
    match pairs.binary_search_by_key(&c, |p| p.0) {
        Ok(i) => pairs.get(i).map_or(c, |p| p.1),
        Err(_) => c,
    }
}

/// Engine text in Taiwan form; text inside “…” or 「…」 is copied as written.
///
/// # Example
/// ```
/// use aidstat_hant::hant;
/// assert_eq!(
///     hant("“资金项目”列没有注明单位，按原数显示；重复的行"),
///     "「资金项目」欄沒有註明單位，按原數顯示；重複的列"
/// );
/// ```
pub fn hant(zh: &str) -> String {
    hant_keeping(zh, &[])
}

/// Like [`hant`], and every text of `keep` found outside quotation marks is
/// copied as written too (the longest that starts at a place wins): the
/// labels a report paragraph names without quotation marks.
///
/// # Example
/// ```
/// use aidstat_hant::hant_keeping;
/// assert_eq!(
///     hant_keeping("教育帮扶最多，占50.60%；资金合计1,000.00万元", &["教育帮扶"]),
///     "教育帮扶最多，佔50.60%；資金合計1,000.00萬元"
/// );
/// ```
pub fn hant_keeping(zh: &str, keep: &[&str]) -> String {
    let mut keep: Vec<&str> = keep.iter().copied().filter(|k| !k.is_empty()).collect();
    keep.sort_by_key(|k| std::cmp::Reverse(k.len()));
    let mut out = String::with_capacity(zh.len());
    let mut rest = zh;
    // Inside quotation marks: the closing mark to look for.
    while let Some(c) = rest.chars().next() {
        if let Some(close) = match c {
            '“' => Some('”'),
            '「' => Some('」'),
            _ => None,
        } {
            let body = &rest[c.len_utf8()..];
            if let Some(end) = body.find(close) {
                out.push('「');
                out.push_str(&body[..end]);
                out.push('」');
                rest = &body[end + close.len_utf8()..];
                continue;
            }
        }
        if let Some(k) = keep.iter().find(|k| rest.starts_with(**k)) {
            out.push_str(k);
            rest = &rest[k.len()..];
            continue;
        }
        if let Some((from, to)) = table::PHRASES.iter().find(|(f, _)| rest.starts_with(f)) {
            out.push_str(to);
            rest = &rest[from.len()..];
            continue;
        }
        out.push(char_tw(c));
        rest = &rest[c.len_utf8()..];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_sorted_and_pairs_up() {
        let from: Vec<char> = table::FROM.chars().collect();
        let to: Vec<char> = table::TO.chars().collect();
        assert_eq!(from.len(), to.len());
        assert!(from.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(char_tw('万'), '萬');
        assert_eq!(char_tw('元'), '元');
    }

    #[test]
    fn quoted_file_text_and_kept_labels_stay_as_written() {
        // The file wrote a simplified label and a traditional one: both kept.
        assert_eq!(
            hant("“发展”与“發展”是同一类别"),
            "「发展」與「發展」是同一類別"
        );
        // An unclosed mark is template text.
        assert_eq!(hant("“数据"), "“數據");
        assert_eq!(
            hant_keeping("宝安区最多", &["宝安区", "宝安"]),
            "宝安区最多"
        );
        assert_eq!(hant("复制；合并；汇总"), "複製；合併；彙總");
        // Rows and columns in Taiwan's words; 列出 is "to list".
        assert_eq!(
            hant("第 3 行“金额”列；另有 2 处未列出"),
            "第 3 列「金额」欄；另有 2 處未列出"
        );
    }
}
