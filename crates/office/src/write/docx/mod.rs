//! Views → the bytes of a Word report (`.docx`), written with docx-rs: for
//! each view a title, the source line (file, rows used of rows read, unit),
//! the report paragraph, the table as a real Word table (the header repeated
//! on every page, each period merged over its 金额 / 占比 / 增长 columns,
//! figures right-aligned as shown, subtotal and total rows bold), the chart
//! the caller drew with its caption, and the notes (rows set aside, the
//! checks not accepted, what an empty or flagged figure means).
//!
//! Every figure is the `text` the view shows: the document formats nothing
//! itself. A4 portrait, or landscape when a table is wider than a portrait
//! page. Fonts: 黑体 for titles, 仿宋 for the paragraph and 宋体 for the
//! tables and notes (the faces official reports use, present in Word and
//! WPS on every Chinese Windows), Times New Roman for Latin letters and digits.

use base64::Engine as _;
use docx_rs::{
    AlignmentType, BreakType, Docx, LineSpacing, PageMargin, PageOrientationType, Paragraph, Pic,
    Run, RunFonts,
};
use serde::Deserialize;

use super::input::{Export, Message};
use super::words::{Lang, Word};
use super::{default_title, unit_of};
use crate::error::OfficeError;
use grid::Grid;

mod grid;

/// Everything a report is made from: its views, in order.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Report {
    /// `zh-CN` (default), `zh-TW` or `en`.
    pub lang: Option<String>,
    /// The document's title (default: the first view's).
    pub title: Option<String>,
    /// The views.
    pub views: Vec<ReportView>,
}

/// One view of a report: what the workbook export takes, and its chart.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ReportView {
    /// The view and what the caller knows beside it.
    #[serde(flatten)]
    pub export: Export,
    /// The chart as the page drew it.
    pub chart: Option<Chart>,
    /// The checks' findings the analyst has not accepted as corrections
    /// (default: the view's own total-row findings).
    pub open_findings: Option<Vec<Message>>,
}

/// A chart image.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Chart {
    /// The PNG, base64.
    pub png: String,
    /// Its caption (default: the view's title).
    pub caption: Option<String>,
}

/// Twentieths of a point: the width of the text area of an A4 page with
/// 2.54 cm margins, portrait and landscape.
const A4_W: u32 = 11_906;
const A4_H: u32 = 16_838;
const MARGIN: i32 = 1_440;
const TEXT_PORTRAIT: usize = (A4_W as usize) - 2 * (MARGIN as usize);
const TEXT_LANDSCAPE: usize = (A4_H as usize) - 2 * (MARGIN as usize);

/// Font sizes in half-points: 三号 16 pt, 小四 12 pt, 五号 10.5 pt, 小五 9 pt.
const TITLE_SIZE: usize = 32;
const BODY_SIZE: usize = 24;
const TABLE_SIZE: usize = 21;
const NOTE_SIZE: usize = 18;

/// Set-aside rows listed at most per view (the count is always given).
const MAX_LISTED: usize = 50;

/// Writes the report.
///
/// # Example
/// ```
/// use aidstat_office::write::docx::{write_docx, Report};
/// let report: Report = serde_json::from_str(r#"{"views": [{"result": {
///   "spec": {"precision": 2, "percentPrecision": 2, "unit": "万元"},
///   "measure": {"name": "金额", "kind": "money", "unit": "万元"},
///   "rowDims": ["板块"], "colDim": "年度",
///   "columns": [{"label": "2020", "kind": "value"}],
///   "rows": [{"kind": "data", "level": 1, "keys": ["医疗帮扶"], "label": "医疗帮扶",
///             "cells": [{"value": {"exact": "430", "text": "430.00"}}]}]
/// }}]}"#).unwrap();
/// let bytes = write_docx(&report).unwrap();
/// assert_eq!(&bytes[..2], b"PK");
/// ```
pub fn write_docx(report: &Report) -> Result<Vec<u8>, OfficeError> {
    let lang = Lang::of(report.lang.as_deref());
    if report.views.is_empty() {
        return Err(OfficeError::write_failed("the report holds no view"));
    }
    let grids: Vec<Grid> = report
        .views
        .iter()
        .map(|v| Grid::of(&v.export, lang))
        .collect();
    let widest = grids.iter().map(Grid::natural_width).max().unwrap_or(0);
    let landscape = widest > TEXT_PORTRAIT;
    let text_width = if landscape {
        TEXT_LANDSCAPE
    } else {
        TEXT_PORTRAIT
    };
    let mut doc = Docx::new()
        .default_fonts(fonts("宋体"))
        .default_size(TABLE_SIZE)
        .page_margin(
            PageMargin::new()
                .top(MARGIN)
                .bottom(MARGIN)
                .left(MARGIN)
                .right(MARGIN),
        );
    doc = if landscape {
        doc.page_size(A4_H, A4_W)
            .page_orient(PageOrientationType::Landscape)
    } else {
        doc.page_size(A4_W, A4_H)
    };
    if let Some(t) = &report.title {
        doc = doc.add_paragraph(title(t, TITLE_SIZE + 4));
    }
    let mut figure_no = 0;
    for (i, (view, grid)) in report.views.iter().zip(&grids).enumerate() {
        let e = &view.export;
        let v = &e.result;
        let name = e.title.clone().unwrap_or_else(|| default_title(v, lang));
        let mut head = title(&name, TITLE_SIZE);
        if i > 0 {
            head = head.page_break_before(true);
        }
        doc = doc.add_paragraph(head);
        doc = doc.add_paragraph(text_para(&source_line(e, lang), NOTE_SIZE, "宋体"));
        if let Some(p) = paragraph_of(e, lang) {
            doc = doc.add_paragraph(
                text_para(&p, BODY_SIZE, "仿宋")
                    .line_spacing(LineSpacing::new().line(360).after(120)),
            );
        }
        doc = doc.add_table(grid.table(text_width));
        if let Some(chart) = &view.chart {
            if let Some((pic, w, h)) = picture(&chart.png) {
                figure_no += 1;
                let (emu_w, emu_h) = fit(w, h, text_width);
                doc = doc.add_paragraph(
                    Paragraph::new()
                        .align(AlignmentType::Center)
                        .add_run(Run::new().add_image(pic.size(emu_w, emu_h))),
                );
                let caption = chart.caption.clone().unwrap_or_else(|| name.clone());
                let label = match lang {
                    Lang::En => format!("Figure {figure_no}. {caption}"),
                    Lang::ZhTw => format!("圖{figure_no}　{caption}"),
                    Lang::ZhCn => format!("图{figure_no}　{caption}"),
                };
                doc = doc.add_paragraph(
                    text_para(&label, NOTE_SIZE, "宋体").align(AlignmentType::Center),
                );
            }
        }
        for line in notes(view, grid, lang) {
            doc = doc.add_paragraph(text_para(&line, NOTE_SIZE, "宋体"));
        }
    }
    let mut xml = doc.build();
    // docx-rs has no `tblHeader`: the header rows are the only rows written
    // with `cantSplit`, and get it beside that mark.
    xml.document = mark_header_rows(&xml.document);
    let mut out = std::io::Cursor::new(Vec::new());
    xml.pack(&mut out)
        .map_err(|e| OfficeError::write_failed(&e.to_string()))?;
    Ok(out.into_inner())
}

/// Writes the report from its JSON text (see [`Report`]).
pub fn write_docx_json(text: &str) -> Result<Vec<u8>, OfficeError> {
    let report: Report =
        serde_json::from_str(text).map_err(|e| OfficeError::bad_export(&e.to_string()))?;
    write_docx(&report)
}

/// `<w:cantSplit />` → `<w:cantSplit /><w:tblHeader />`.
fn mark_header_rows(document: &[u8]) -> Vec<u8> {
    let from: &[u8] = b"<w:cantSplit />";
    let to: &[u8] = b"<w:cantSplit /><w:tblHeader />";
    let mut out = Vec::with_capacity(document.len() + 1024);
    let mut rest = document;
    while let Some(i) = rest.windows(from.len()).position(|w| w == from) {
        out.extend_from_slice(rest.get(..i).unwrap_or_default());
        out.extend_from_slice(to);
        rest = rest.get(i + from.len()..).unwrap_or_default();
    }
    out.extend_from_slice(rest);
    out
}

/// Chinese in `east_asia`, Latin letters and digits in Times New Roman.
fn fonts(east_asia: &str) -> RunFonts {
    RunFonts::new()
        .east_asia(east_asia)
        .ascii("Times New Roman")
        .hi_ansi("Times New Roman")
}

fn run(text: &str, size: usize, face: &str) -> Run {
    Run::new().add_text(text).size(size).fonts(fonts(face))
}

fn title(text: &str, size: usize) -> Paragraph {
    Paragraph::new()
        .align(AlignmentType::Center)
        .line_spacing(LineSpacing::new().before(240).after(240))
        .add_run(run(text, size, "黑体").bold())
}

/// A paragraph; a line break in the text is a line break in Word.
fn text_para(text: &str, size: usize, face: &str) -> Paragraph {
    let mut p = Paragraph::new();
    for (i, line) in text.split('\n').enumerate() {
        let mut r = run(line, size, face);
        if i > 0 {
            r = Run::new().add_break(BreakType::TextWrapping);
            p = p.add_run(r);
            r = run(line, size, face);
        }
        p = p.add_run(r);
    }
    p
}

/// 数据来源：帮扶资金.xlsx（工作表 2023）；读入 19 行，参与计算 19 行；单位：万元
fn source_line(e: &Export, lang: Lang) -> String {
    let d = &e.result.diagnostics;
    let sep = lang.pick("；", "；", "; ");
    let mut parts = Vec::new();
    if let Some(name) = &e.source.name {
        let sheet = e
            .source
            .sheet
            .as_ref()
            .map(|s| match lang {
                Lang::En => format!(" (sheet {s})"),
                _ => format!("（{}{s}）", lang.pick("工作表 ", "工作表 ", "")),
            })
            .unwrap_or_default();
        parts.push(format!(
            "{}{name}{sheet}",
            lang.pick("数据来源：", "資料來源：", "Source: ")
        ));
    }
    parts.push(match lang {
        Lang::En => format!("{} of {} rows used", d.rows_used, d.rows_read),
        Lang::ZhTw => format!("讀入 {} 列，參與計算 {} 列", d.rows_read, d.rows_used),
        Lang::ZhCn => format!("读入 {} 行，参与计算 {} 行", d.rows_read, d.rows_used),
    });
    if let Some(u) = unit_of(&e.result) {
        let u = if lang == Lang::ZhTw {
            aidstat_hant::hant(&u)
        } else {
            u
        };
        parts.push(format!("{}{u}", lang.word(Word::Unit)));
    }
    parts.join(sep)
}

/// The paragraph as shown, else the view's own in the language.
fn paragraph_of(e: &Export, lang: Lang) -> Option<String> {
    e.paragraph
        .clone()
        .or_else(|| {
            let p = e.result.paragraph.as_ref()?;
            match lang {
                Lang::En => p.en.clone(),
                Lang::ZhTw => p.zh_tw.clone().or_else(|| p.zh.clone()),
                Lang::ZhCn => p.zh.clone(),
            }
        })
        .filter(|p| !p.is_empty())
}

/// The PNG's bytes and its size in pixels (from its IHDR chunk).
fn picture(b64: &str) -> Option<(Pic, u32, u32)> {
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(b64.trim().trim_start_matches("data:image/png;base64,"))
        .ok()?;
    if bytes.get(..8)? != b"\x89PNG\r\n\x1a\n" || bytes.get(12..16)? != b"IHDR" {
        return None;
    }
    let be = |i: usize| -> Option<u32> {
        Some(u32::from_be_bytes(bytes.get(i..i + 4)?.try_into().ok()?))
    };
    let (w, h) = (be(16)?, be(20)?);
    if w == 0 || h == 0 {
        return None;
    }
    Some((Pic::new_with_dimensions(bytes, w, h), w, h))
}

/// The picture's size in EMU: the text width at most, its aspect kept.
fn fit(w: u32, h: u32, text_width: usize) -> (u32, u32) {
    // 1 twip = 635 EMU; a chart drawn at 2× for print is shown at 16 cm.
    let max_w = (text_width as u64 * 635).min(16 * 360_000);
    let emu_w = max_w;
    let emu_h = max_w * u64::from(h) / u64::from(w);
    (emu_w as u32, emu_h as u32)
}

/// The notes under a view: rows set aside, the checks, what an empty or
/// flagged figure means.
fn notes(view: &ReportView, grid: &Grid, lang: Lang) -> Vec<String> {
    let e = &view.export;
    let d = &e.result.diagnostics;
    let text = |m: &Message| m.text(lang);
    let mut out = vec![lang.pick("注：", "註：", "Notes:").to_string()];
    let mut n = 0;
    let mut push = |s: String| {
        n += 1;
        out.push(format!("{n}. {s}"));
    };
    if !d.set_aside.is_empty() {
        let total = d.aside_total() as usize;
        let mut s = match lang {
            Lang::En => format!(
                "{} rows or cells were set aside and are not in the figures:",
                total
            ),
            Lang::ZhTw => format!("另置 {} 處（不參與計算）：", total),
            Lang::ZhCn => format!("另置 {} 处（不参与计算）：", total),
        };
        for m in d.set_aside.iter().take(MAX_LISTED) {
            s.push('\n');
            s.push_str(&text(m));
        }
        let listed = d.set_aside.len().min(MAX_LISTED);
        if total > listed {
            s.push('\n');
            s.push_str(&match lang {
                Lang::En => format!(
                    "… and {} more (the Excel export lists up to 1,000)",
                    total - listed
                ),
                Lang::ZhTw => format!(
                    "……另有 {} 處（Excel 匯出的說明表列出至多 1,000 處）",
                    total - listed
                ),
                Lang::ZhCn => format!(
                    "……另有 {} 处（Excel 导出的说明表列出至多 1,000 处）",
                    total - listed
                ),
            });
        }
        push(s);
    }
    if d.filtered_out > 0 {
        push(match lang {
            Lang::En => format!(
                "{} rows are left out by the view's filters.",
                d.filtered_out
            ),
            Lang::ZhTw => format!("按篩選條件未計入 {} 列。", d.filtered_out),
            Lang::ZhCn => format!("按筛选条件未计入 {} 行。", d.filtered_out),
        });
    }
    let findings: &[Message] = view.open_findings.as_deref().unwrap_or(&e.result.findings);
    for f in findings {
        push(text(f));
    }
    for w in &d.warnings {
        push(text(w));
    }
    for (shown, code) in &grid.legend {
        let why = e.reasons.get(code).map_or(code.as_str(), String::as_str);
        push(if shown.is_empty() {
            format!(
                "{}{}{why}",
                lang.word(Word::Blank),
                lang.pick("：", "：", ": ")
            )
        } else {
            format!("{shown}{}{why}", lang.pick("：", "：", ": "))
        });
    }
    if out.len() == 1 {
        out.clear();
    }
    out
}
