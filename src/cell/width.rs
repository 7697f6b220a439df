//! Character width and padding: full-width ASCII forms typed with a Chinese
//! input method, and the invisible spaces spreadsheets leave around a cell.

use std::borrow::Cow;

/// Maps one full-width ASCII form (U+FF01..=U+FF5E) to its ASCII twin and the
/// ideographic space U+3000 to `' '`; every other character is returned as is.
fn halfwidth_char(c: char) -> char {
    match c {
        '\u{3000}' => ' ',
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(u32::from(c) - 0xFEE0).unwrap_or(c),
        _ => c,
    }
}

/// Converts full-width ASCII forms (`１０３３．９８`, `（`, `：`) to ASCII and the
/// ideographic space to a plain space.
///
/// Returns the input borrowed when nothing needs to change, so the common
/// ASCII case does not allocate.
///
/// # Example
/// ```
/// use aidstat::cell::to_halfwidth;
/// assert_eq!(to_halfwidth("１，０３３．９８"), "1,033.98");
/// assert!(matches!(to_halfwidth("1033.98"), std::borrow::Cow::Borrowed(_)));
/// ```
pub fn to_halfwidth(s: &str) -> Cow<'_, str> {
    if s.chars().all(|c| halfwidth_char(c) == c) {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(s.chars().map(halfwidth_char).collect())
    }
}

/// True for the characters [`trim_cell`] removes: ASCII whitespace, the
/// ideographic space, the no-break space, the byte-order mark and the
/// zero-width space.
fn is_cell_padding(c: char) -> bool {
    c.is_ascii_whitespace() || matches!(c, '\u{3000}' | '\u{A0}' | '\u{FEFF}' | '\u{200B}')
}

/// Trims the padding a cell may carry at either end: ASCII whitespace,
/// U+3000 (ideographic space), U+00A0 (no-break space), U+FEFF (byte-order
/// mark) and U+200B (zero-width space).
///
/// # Example
/// ```
/// use aidstat::cell::trim_cell;
/// assert_eq!(trim_cell("\u{FEFF}　金额 \u{A0}"), "金额");
/// ```
pub fn trim_cell(s: &str) -> &str {
    s.trim_matches(is_cell_padding)
}

/// Half-width, then trimmed: the form every cell parser starts from.
pub(crate) fn normalize(s: &str) -> Cow<'_, str> {
    match to_halfwidth(s) {
        Cow::Borrowed(b) => Cow::Borrowed(trim_cell(b)),
        Cow::Owned(o) => Cow::Owned(trim_cell(&o).to_owned()),
    }
}

/// A name compared loosely: half-width, lower case, no spaces.
pub(crate) fn loose_name(s: &str) -> String {
    to_halfwidth(s)
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn halfwidth_table() {
        let rows = [
            ("", ""),
            ("abc 123", "abc 123"),
            ("１０３３．９８", "1033.98"),
            ("１，０３３．９８", "1,033.98"),
            ("（万元）", "(万元)"),
            ("单位：万元", "单位:万元"),
            ("！～", "!~"),
            ("Ａｂｃ", "Abc"),
            ("　", " "),
            ("【万元】", "【万元】"),
            ("－１２", "-12"),
            ("／", "/"),
            ("\u{FF00}\u{FF5F}", "\u{FF00}\u{FF5F}"),
        ];
        for (input, expected) in rows {
            assert_eq!(to_halfwidth(input), expected, "input {input:?}");
        }
    }

    #[test]
    fn halfwidth_borrows_when_unchanged() {
        for input in ["", "1033.98", "金额(万元)", "【】"] {
            assert!(
                matches!(to_halfwidth(input), Cow::Borrowed(_)),
                "input {input:?}"
            );
        }
        assert!(matches!(to_halfwidth("１"), Cow::Owned(_)));
    }

    #[test]
    fn trim_table() {
        let rows = [
            ("", ""),
            ("   ", ""),
            (" 1033.98 ", "1033.98"),
            ("\t金额\r\n", "金额"),
            ("　金额　", "金额"),
            ("\u{A0}x\u{A0}", "x"),
            ("\u{FEFF}金额", "金额"),
            ("\u{200B}金额\u{200B}", "金额"),
            ("合  计", "合  计"),
            ("\u{2003}x", "\u{2003}x"),
        ];
        for (input, expected) in rows {
            assert_eq!(trim_cell(input), expected, "input {input:?}");
        }
    }

    #[test]
    fn normalize_table() {
        for (input, expected) in [("　１２　", "12"), (" 12 ", "12"), ("\u{3000}", "")] {
            assert_eq!(normalize(input), expected, "input {input:?}");
        }
    }
}
