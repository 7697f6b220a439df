//! The words of a combined table: each file's messages named by its file,
//! what was read of each file, a measure shown in another file's unit.

use crate::cell::Unit;
use crate::message::{Message, Texts};
use crate::table::{Column, Role, Table};

pub(super) fn role_zh(r: Role) -> &'static str {
    match r {
        Role::Period => "时期列",
        Role::Dimension => "分类列",
        Role::Measure => "数值列",
        Role::Ignore => "未用列",
    }
}

/// A message of one file, named by its file.
pub(super) fn tagged(name: &str, t: &Texts) -> Texts {
    Texts::new(format!("“{name}”：{}", t.zh), format!("{name}: {}", t.en))
}

/// What was read of one file, as a note of the combined table.
pub(super) fn part_note(name: &str, t: &Table) -> Message {
    let s = &t.source;
    let sheet = s.workbook.as_ref().map(|w| w.sheet.as_str());
    let how_zh = match (sheet, s.header_line) {
        (Some(sh), _) => format!("工作表“{sh}”"),
        (None, Some(h)) => format!("{}编码，表头在第 {h} 行", s.encoding),
        (None, None) => format!("{}编码", s.encoding),
    };
    let how_en = match (sheet, s.header_line) {
        (Some(sh), _) => format!("sheet \"{sh}\""),
        (None, Some(h)) => format!("{}, header on line {h}", s.encoding),
        (None, None) => s.encoding.to_string(),
    };
    Message::new(
        "file_part",
        format!(
            "“{name}”：{how_zh}，读入 {} 行，用 {} 行，另有 {} 行未用",
            t.rows_read,
            t.len(),
            t.rows_read.saturating_sub(t.len())
        ),
        format!(
            "{name}: {how_en}; {} rows read, {} used, {} not used",
            t.rows_read,
            t.len(),
            t.rows_read.saturating_sub(t.len())
        ),
    )
}

pub(super) fn unit_note(name: &str, c: &Column, x_name: &str, x_unit: Option<Unit>) -> Message {
    let label = |u: Option<Unit>| u.map_or("元", |u| u.label());
    Message::new(
        "unit_converted",
        format!(
            "“{name}”的“{}”以{}计，与“{}”合为一列，按{}显示",
            c.name,
            label(c.unit),
            x_name,
            label(x_unit)
        ),
        format!(
            "{name}: \"{}\" is in {}; combined with \"{}\", shown in {}",
            c.name,
            label(c.unit),
            x_name,
            label(x_unit)
        ),
    )
}
