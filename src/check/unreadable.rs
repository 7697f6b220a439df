//! Rows the figures leave out because a cell could not be read.
//!
//! - `unreadable_cells`: a measure column with cells that are not amounts
//!   (or a period column with cells that are not periods). Their rows are
//!   kept out of every figure of that column, so the analyst must see them
//!   among the findings, not only in the reading summary. Error when they
//!   take out a whole category (every row of one label of a dimension
//!   column) or more than 1 % of the rows; a warning otherwise.
//! - `rows_set_aside`: rows set aside while loading because they have more
//!   cells than the header (the sheet's own total rows are reconciled
//!   apart). Error above 1 % of the rows read.
//!
//! No correction: only the source says what the cell should hold. One pass
//! over each column.

use super::{figures, key_columns, line_of, lines_text, measure_columns, Finding, Severity};
use crate::message::Texts;
use crate::table::{CellState, Role, Table};

/// Most raw texts quoted in a message.
const QUOTED: usize = 3;

/// Adds the findings of unreadable cells and rows set aside.
pub(crate) fn check(table: &Table, out: &mut Vec<Finding>) {
    let keys = key_columns(table);
    let n = table.len();
    // Bad cells of each measure column, and of each period column.
    let mut columns: Vec<(usize, String, Vec<usize>, bool)> = measure_columns(table)
        .iter()
        .map(|m| {
            // People in a money column (a per-row 单位 of 人) are kept apart
            // by rule, not unreadable: they are not counted here.
            let mut by_rule = vec![false; n];
            for i in &table.cell_issues {
                if i.column == Some(m.col.index) && i.reason == "unit_mismatch" {
                    if let Some(x) = i.row.and_then(|r| by_rule.get_mut(r)) {
                        *x = true;
                    }
                }
            }
            let bad = (0..n)
                .filter(|&r| matches!(m.states.get(r), Some(CellState::Bad)))
                .filter(|&r| !by_rule.get(r).copied().unwrap_or(false))
                .collect();
            (m.col.index, m.col.name.clone(), bad, false)
        })
        .collect();
    for k in keys.iter().filter(|k| k.role == Role::Period) {
        let bad = (0..n)
            .filter(|&r| {
                k.codes
                    .get(r)
                    .and_then(|&c| k.keys.get(c as usize))
                    .is_some_and(|key| key.bad)
            })
            .collect();
        columns.push((k.index, k.name.to_string(), bad, true));
    }
    for (index, name, bad, period) in columns.into_iter().filter(|c| !c.2.is_empty()) {
        if period {
            out.push(periods(table, index, &name, &bad));
            continue;
        }
        // Categories every row of which is among the bad ones.
        let mut lost: Vec<String> = Vec::new();
        for k in keys.iter().filter(|k| k.role == Role::Dimension) {
            let mut rows = vec![0usize; k.keys.len()];
            let mut gone = vec![0usize; k.keys.len()];
            for &c in k.codes {
                if let Some(x) = rows.get_mut(c as usize) {
                    *x += 1;
                }
            }
            for &r in &bad {
                if let Some(x) = k.codes.get(r).and_then(|&c| gone.get_mut(c as usize)) {
                    *x += 1;
                }
            }
            for (code, key) in k.keys.iter().enumerate() {
                let all = rows.get(code).copied().unwrap_or(0);
                if all > 0 && gone.get(code).copied() == Some(all) && lost.len() < 20 {
                    lost.push(format!("{}“{}”", k.name, key.label));
                }
            }
        }
        let lines: Vec<u64> = bad.iter().map(|&r| line_of(table, r)).collect();
        let (raws, quoted_zh, quoted_en) = quoted(table, index);
        let many = bad.len().saturating_mul(100) > n;
        let severity = if many || !lost.is_empty() {
            Severity::Error
        } else {
            Severity::Warning
        };
        let (lost_zh, lost_en) = if lost.is_empty() {
            (String::new(), String::new())
        } else {
            (
                format!("；{}因此完全没有数据", lost.join("、")),
                format!("; so {} has no figures at all", lost.join(", ")),
            )
        };
        out.push(Finding {
            code: "unreadable_cells",
            severity,
            text: Texts::new(format!(
                "“{name}”列有 {} 个单元格无法读取（第 {} 行，如 {quoted_zh}），这些行不参与该列的计算{lost_zh}；请在原表中更正",
                bad.len(),
                lines_text(&lines, "、")
            ), format!(
                "{} cells of \"{name}\" cannot be read (lines {}, e.g. {quoted_en}) and their rows are left out of its figures{lost_en}; correct them in the source",
                bad.len(),
                lines_text(&lines, ", ")
            )),
            lines,
            column: Some(name),
            figures: figures([
                ("rows", bad.len().into()),
                ("of", n.into()),
                ("raw", raws.into_iter().map(serde_json::Value::from).collect()),
                ("lost", lost.into_iter().map(serde_json::Value::from).collect()),
            ]),
            correction: None,
        });
    }
    rows_set_aside(table, out);
}

/// Up to [`QUOTED`] raw texts of a column's unreadable cells (people in a
/// money column, kept apart by rule, are not among them), and as quoted in
/// Chinese and English messages.
fn quoted(table: &Table, index: usize) -> (Vec<String>, String, String) {
    let raws: Vec<String> = table
        .cell_issues
        .iter()
        .filter(|i| i.column == Some(index) && i.reason != "unit_mismatch")
        .take(QUOTED)
        .map(|i| i.raw.clone())
        .collect();
    let zh = raws
        .iter()
        .map(|r| format!("“{r}”"))
        .collect::<Vec<_>>()
        .join("、");
    let en = raws
        .iter()
        .map(|r| format!("\"{r}\""))
        .collect::<Vec<_>>()
        .join(", ");
    (raws, zh, en)
}

/// The finding of cells of a period column that are not periods: their rows
/// are left out of views by period (a warning: other views use them).
fn periods(table: &Table, index: usize, name: &str, bad: &[usize]) -> Finding {
    let lines: Vec<u64> = bad.iter().map(|&r| line_of(table, r)).collect();
    let (raws, quoted_zh, quoted_en) = quoted(table, index);
    Finding {
        code: "unreadable_cells",
        severity: Severity::Warning,
        text: Texts::new(format!(
            "“{name}”列有 {} 个单元格不是可识别的时期（第 {} 行，如 {quoted_zh}），按时期分析时这些行不参与计算",
            bad.len(),
            lines_text(&lines, "、")
        ), format!(
            "{} cells of \"{name}\" are not periods (lines {}, e.g. {quoted_en}); views by period leave their rows out",
            bad.len(),
            lines_text(&lines, ", ")
        )),
        lines,
        column: Some(name.to_string()),
        figures: figures([
            ("rows", bad.len().into()),
            ("of", table.len().into()),
            ("raw", raws.into_iter().map(serde_json::Value::from).collect()),
            ("lost", serde_json::Value::Array(Vec::new())),
        ]),
        correction: None,
    }
}

/// The finding of rows wider than the header, set aside while loading.
fn rows_set_aside(table: &Table, out: &mut Vec<Finding>) {
    let aside: Vec<u64> = table
        .set_aside
        .iter()
        .filter(|i| i.reason == "too_many_cells")
        .map(|i| i.line)
        .collect();
    if !aside.is_empty() {
        let read = table.rows_read.max(1);
        let severity = if aside.len().saturating_mul(100) > read {
            Severity::Error
        } else {
            Severity::Warning
        };
        out.push(Finding {
            code: "rows_set_aside",
            severity,
            text: Texts::new(format!(
                "有 {} 行的单元格比表头多，无法对齐各列（第 {} 行），已另置、不参与计算；请检查这些行中未加引号的逗号",
                aside.len(),
                lines_text(&aside, "、")
            ), format!(
                "{} rows have more cells than the header and cannot be aligned (lines {}); they are set aside and not used: check them for unquoted commas",
                aside.len(),
                lines_text(&aside, ", ")
            )),
            lines: aside.clone(),
            column: None,
            figures: figures([("rows", aside.len().into()), ("of", table.rows_read.into())]),
            correction: None,
        });
    }
}
