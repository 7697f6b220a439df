//! The view as an aligned text table for a terminal: the title, the source,
//! the unit line, the grid (widths by display columns, so 医疗帮扶 takes
//! eight), the paragraph and how many rows were used and set aside.

use aidstat::table::describe::Schema;
use serde_json::Value;
use unicode_width::UnicodeWidthStr;

use crate::labels::{leaf_columns, subtitle, table_rows, title, Lang, Leaf};

/// `text` padded to `width` display columns, on the left or the right.
pub fn pad(text: &str, width: usize, right: bool) -> String {
    let fill = " ".repeat(width.saturating_sub(text.width()));
    if right {
        format!("{fill}{text}")
    } else {
        format!("{text}{fill}")
    }
}

/// Rows of cells → aligned lines; the columns marked `right` are right-aligned.
/// The first row is the header, underlined.
pub fn align(rows: &[Vec<String>], right: &[bool]) -> String {
    let ncols = rows.iter().map(Vec::len).max().unwrap_or(0);
    let mut widths = vec![0usize; ncols];
    for row in rows {
        for (w, c) in widths.iter_mut().zip(row) {
            *w = (*w).max(c.width());
        }
    }
    let mut out = String::new();
    for (i, row) in rows.iter().enumerate() {
        let cells: Vec<String> = widths
            .iter()
            .enumerate()
            .map(|(j, w)| {
                let c = row.get(j).map_or("", String::as_str);
                pad(c, *w, right.get(j).copied().unwrap_or(false))
            })
            .collect();
        out.push_str(cells.join("  ").trim_end());
        out.push('\n');
        if i == 0 {
            let rules: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
            out.push_str(&rules.join("  "));
            out.push('\n');
        }
    }
    out
}

fn count(v: &Value) -> u64 {
    v.as_u64().unwrap_or(0)
}

/// The whole text.
pub fn render(r: &Value, schema: &Schema, name: &str, lang: &str) -> String {
    let l = Lang::of(lang);
    let mut out = String::new();
    out.push_str(&title(r, l));
    out.push('\n');
    let src = &schema.source;
    let mut about = vec![src.format.to_string(), src.encoding.to_string()];
    if let Some(sheet) = &src.sheet {
        about.push(sheet.clone());
    }
    out.push_str(&match l {
        Lang::Zh => format!("来源：{name}（{}）\n", about.join("，")),
        Lang::Tw => format!("來源：{name}（{}）\n", about.join("，")),
        Lang::En => format!("source: {name} ({})\n", about.join(", ")),
    });
    let sub = subtitle(r, l);
    if !sub.is_empty() {
        out.push_str(&sub);
        out.push('\n');
    }
    out.push('\n');
    let right: Vec<bool> = leaf_columns(r, l)
        .iter()
        .flat_map(|(leaf, _)| match leaf {
            Leaf::Label | Leaf::Dim(_) => [false],
            _ => [true],
        })
        .collect();
    out.push_str(&align(&table_rows(r, l, false), &right));
    let p = &r["paragraph"];
    let key = match l {
        Lang::Zh => "zh",
        Lang::Tw => "zhTw",
        Lang::En => "en",
    };
    if let Some(text) = p.get(key).and_then(Value::as_str).filter(|t| !t.is_empty()) {
        out.push('\n');
        out.push_str(text);
        out.push('\n');
    }
    let d = &r["diagnostics"];
    let (read, used, filtered) = (
        count(&d["rowsRead"]),
        count(&d["rowsUsed"]),
        count(&d["filteredOut"]),
    );
    let aside: u64 = d["setAsideCounts"]
        .as_object()
        .map_or(0, |m| m.values().map(count).sum());
    let nulls = count(&d["nulls"]["count"]);
    out.push('\n');
    out.push_str(&match l {
        Lang::Zh => format!("使用 {used}/{read} 行；搁置 {aside} 行；筛掉 {filtered} 行；数值为空 {nulls} 行\n"),
        Lang::Tw => format!("使用 {used}/{read} 列；擱置 {aside} 列；篩掉 {filtered} 列；數值為空 {nulls} 列\n"),
        Lang::En => format!("{used} of {read} rows used; {aside} set aside; {filtered} filtered out; {nulls} with an empty value\n"),
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_takes_two_columns() {
        let rows = vec![
            vec!["板块".to_string(), "金额".to_string()],
            vec!["医疗帮扶".to_string(), "430.00".to_string()],
            vec!["ab".to_string(), "1.00".to_string()],
        ];
        let text = align(&rows, &[false, true]);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "板块        金额"); // 金额 right-aligned too
        assert_eq!(lines[1], "--------  ------");
        assert_eq!(lines[2], "医疗帮扶  430.00");
        assert_eq!(lines[3], "ab          1.00");
    }
}
