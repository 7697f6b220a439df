//! The second sheet, 说明 / Notes: where the figures came from and what to
//! know about them: the source, rows read, used and set aside (with their
//! lines), the unit and how figures are stored, the checks, and the report
//! paragraph. Every text is written as text.

use rust_xlsxwriter::{Format, FormatAlign, RowNum, Worksheet, XlsxError};

use super::input::{Export, Message};
use super::words::{Lang, Word};
use super::{default_title, unit_of, Counts};

/// Set-aside rows listed one by one at most (the count is always given).
const MAX_LISTED: usize = 1_000;

pub(super) fn notes_sheet(
    ws: &mut Worksheet,
    export: &Export,
    lang: Lang,
    counts: &Counts,
) -> Result<(), XlsxError> {
    let v = &export.result;
    ws.set_name(lang.word(Word::Notes))?;
    let bold = Format::new().set_bold();
    let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    let top = Format::new().set_align(FormatAlign::Top).set_bold();
    ws.set_column_width(0, 22)?;
    ws.set_column_width(1, 90)?;
    let mut r: RowNum = 0;
    let pair = |ws: &mut Worksheet, r: &mut RowNum, k: &str, val: &str| -> Result<(), XlsxError> {
        ws.write_string_with_format(*r, 0, k, &top)?;
        ws.write_string_with_format(*r, 1, val, &wrap)?;
        *r += 1;
        Ok(())
    };
    let title = export
        .title
        .clone()
        .unwrap_or_else(|| default_title(v, lang));
    pair(ws, &mut r, lang.word(Word::View), &title)?;
    if let Some(name) = &export.source.name {
        pair(ws, &mut r, lang.word(Word::File), name)?;
    }
    if let Some(fmt) = &export.source.format {
        pair(ws, &mut r, lang.word(Word::Format), fmt)?;
    }
    if let Some(sheet) = &export.source.sheet {
        pair(ws, &mut r, lang.word(Word::SheetRead), sheet)?;
    } else if let Some(enc) = &v.diagnostics.encoding {
        pair(ws, &mut r, lang.word(Word::Encoding), enc)?;
    }
    let d = &v.diagnostics;
    pair(
        ws,
        &mut r,
        lang.word(Word::RowsRead),
        &d.rows_read.to_string(),
    )?;
    pair(
        ws,
        &mut r,
        lang.word(Word::RowsUsed),
        &d.rows_used.to_string(),
    )?;
    let aside_lines: Vec<String> = d
        .set_aside
        .iter()
        .filter_map(|m| m.line)
        .map(|l| l.to_string())
        .take(200)
        .collect();
    let aside = match (d.aside_total(), aside_lines.is_empty()) {
        (0, _) => "0".to_string(),
        (n, true) => n.to_string(),
        (n, false) => format!(
            "{n}（{}：{}）",
            lang.word(Word::Line),
            aside_lines.join(lang.pick("、", "、", ", "))
        ),
    };
    pair(ws, &mut r, lang.word(Word::RowsAside), &aside)?;
    if d.filtered_out > 0 {
        pair(
            ws,
            &mut r,
            lang.word(Word::Filtered),
            &d.filtered_out.to_string(),
        )?;
    }
    if let Some(u) = unit_of(v) {
        pair(
            ws,
            &mut r,
            lang.word(Word::Unit).trim_end_matches(['：', ':', ' ']),
            &u,
        )?;
    }
    let mut rounding = lang.rounding(v.spec.precision.unwrap_or(2), counts.rounded);
    if counts.notes_left_out > 0 {
        rounding.push_str(&match lang {
            Lang::En => format!(
                "; {} more empty or flagged figures have no cell note",
                counts.notes_left_out
            ),
            Lang::ZhTw => format!(
                "；另有 {} 個空白或標記的數值未加註解",
                counts.notes_left_out
            ),
            Lang::ZhCn => format!(
                "；另有 {} 个空白或标记的数值未加批注",
                counts.notes_left_out
            ),
        });
    }
    pair(ws, &mut r, lang.word(Word::Rounding), &rounding)?;
    if counts.blank > 0 {
        let why = export
            .reasons
            .get("no_records")
            .map_or("no_records", String::as_str);
        pair(ws, &mut r, lang.word(Word::Blank), why)?;
    }
    let text = |m: &Message| m.text(lang);
    for (word, list) in [(Word::Findings, &v.findings), (Word::Warnings, &d.warnings)] {
        if !list.is_empty() {
            let all: Vec<String> = list.iter().map(text).collect();
            pair(ws, &mut r, lang.word(word), &all.join("\n"))?;
        }
    }
    let paragraph = export.paragraph.clone().or_else(|| {
        let p = v.paragraph.as_ref()?;
        match lang {
            Lang::En => p.en.clone(),
            Lang::ZhTw => p.zh_tw.clone().or_else(|| p.zh.clone()),
            Lang::ZhCn => p.zh.clone(),
        }
    });
    if let Some(p) = paragraph.filter(|p| !p.is_empty()) {
        pair(ws, &mut r, lang.word(Word::Paragraph), &p)?;
    }

    // The rows set aside, one by one.
    if !d.set_aside.is_empty() {
        r += 1;
        ws.write_string_with_format(r, 0, lang.word(Word::AsideList), &bold)?;
        r += 1;
        for (c, w) in [Word::Line, Word::Column, Word::Raw, Word::Why]
            .iter()
            .enumerate()
        {
            ws.write_string_with_format(r, c as u16, lang.word(*w), &bold)?;
        }
        r += 1;
        for m in d.set_aside.iter().take(MAX_LISTED) {
            match m.line {
                Some(l) => ws.write_number(r, 0, l as f64)?,
                None => ws.write_blank(r, 0, &Format::new())?,
            };
            ws.write_string(r, 1, m.column.as_deref().unwrap_or(""))?;
            ws.write_string(r, 2, m.raw.as_deref().unwrap_or(""))?;
            ws.write_string(r, 3, text(m))?;
            r += 1;
        }
        let listed = d.set_aside.len().min(MAX_LISTED) as u64;
        if d.aside_total() > listed {
            let more = d.aside_total() - listed;
            ws.write_string(
                r,
                3,
                &match lang {
                    Lang::En => format!("… and {more} more"),
                    Lang::ZhTw => format!("……另有 {more} 處"),
                    Lang::ZhCn => format!("……另有 {more} 处"),
                },
            )?;
        }
        ws.set_column_width(2, 24)?;
        ws.set_column_width(3, 60)?;
    }
    Ok(())
}
