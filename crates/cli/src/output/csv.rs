//! The page's CSV export (www/src/export/csv.js): UTF-8 with a BOM, CRLF,
//! quoted where needed, a cell a spreadsheet would run as a formula
//! (= + - @ tab CR at its start, unless a plain negative figure) after a `'`.

use serde_json::Value;

use crate::labels::{table_rows, Lang};

/// A negative figure as the page shows it: -12, -12.50, -93.02%, -1,234.50.
fn plain_negative(text: &str) -> bool {
    let Some(body) = text.strip_prefix('-') else {
        return false;
    };
    let body = body.strip_suffix('%').unwrap_or(body);
    let int = match body.split_once('.') {
        Some((i, f)) if !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()) => i,
        Some(_) => return false,
        None => body,
    };
    let groups: Vec<&str> = int.split(',').collect();
    let digits = |g: &&str| !g.is_empty() && g.bytes().all(|b| b.is_ascii_digit());
    if groups.len() == 1 {
        return digits(&groups[0]);
    }
    groups.iter().all(digits) && groups[0].len() <= 3 && groups[1..].iter().all(|g| g.len() == 3)
}

/// `=1+1` → `'=1+1`; `-12.50` stays a number.
pub fn neutralise(cell: &str) -> String {
    let starts = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if starts && !plain_negative(cell) {
        format!("'{cell}")
    } else {
        cell.to_string()
    }
}

fn quote(cell: &str) -> String {
    if cell.contains(['"', ',', '\r', '\n']) {
        format!("\"{}\"", cell.replace('"', "\"\""))
    } else {
        cell.to_string()
    }
}

/// Rows of strings → CSV text (no BOM).
pub fn to_csv(rows: &[Vec<String>]) -> String {
    let mut out = String::new();
    for row in rows {
        let cells: Vec<String> = row.iter().map(|c| quote(&neutralise(c))).collect();
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    }
    out
}

/// The view as the page's CSV bytes: a BOM, then the text.
pub fn csv_bytes(result: &Value, lang: &str) -> Vec<u8> {
    let text = to_csv(&table_rows(result, Lang::of(lang), true));
    let mut out = Vec::with_capacity(text.len() + 3);
    out.extend_from_slice(&[0xef, 0xbb, 0xbf]);
    out.extend_from_slice(text.as_bytes());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_guard_as_the_page() {
        assert_eq!(neutralise("=1+1"), "'=1+1");
        assert_eq!(neutralise("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(neutralise("+86"), "'+86");
        assert_eq!(neutralise("-12.50"), "-12.50");
        assert_eq!(neutralise("-1,234.50"), "-1,234.50");
        assert_eq!(neutralise("-93.02%"), "-93.02%");
        assert_eq!(neutralise("-1+2"), "'-1+2");
        assert_eq!(neutralise("-1,2"), "'-1,2");
        assert_eq!(neutralise("-"), "'-");
        assert_eq!(quote("a,b"), "\"a,b\"");
        assert_eq!(quote("say \"x\""), "\"say \"\"x\"\"\"");
    }
}
