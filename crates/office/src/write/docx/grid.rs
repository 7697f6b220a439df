//! A view's table for the Word report: its texts as shown, laid out as the
//! page lays them out, and its Word table with widths fitted to the page.

use std::collections::BTreeSet;

use docx_rs::{
    AlignmentType, Paragraph, Table, TableCell, TableLayoutType, TableRow, VAlignType, VMergeType,
    WidthType,
};

use super::super::input::{Export, Figure, View};
use super::super::words::{Lang, Word};
use super::super::{plain_name, subs_of, Sub};
use super::{run, TABLE_SIZE};

/// A view's table as texts: header rows with their spans, body rows.
pub(super) struct Grid {
    /// Header rows: (text, columns spanned, rows spanned: 2 = first of a
    /// vertical merge, 0 = covered by the cell above).
    pub(super) header: Vec<Vec<(String, usize, u8)>>,
    /// Body rows: bold, then (text, is a figure) per column.
    pub(super) body: Vec<(bool, Vec<(String, bool)>)>,
    /// Width of each column's widest text, in twips.
    pub(super) natural: Vec<usize>,
    /// Empty or flagged figures: (what they show, their reason or flag code).
    pub(super) legend: BTreeSet<(String, String)>,
}

impl Grid {
    pub(super) fn of(e: &Export, lang: Lang) -> Grid {
        let v: &View = &e.result;
        let dims = v.row_dims.len().max(1);
        let subs = subs_of(v);
        let two = subs.len() > 1;
        let summary = v.rows.iter().any(|r| r.summary.is_some());
        let ncols = dims + subs.len() * v.columns.len() + usize::from(summary);
        let mut g = Grid {
            header: Vec::new(),
            body: Vec::new(),
            natural: vec![0; ncols],
            legend: BTreeSet::new(),
        };
        let span: u8 = if two { 2 } else { 1 };
        let mut top: Vec<(String, usize, u8)> = Vec::new();
        let mut below: Vec<(String, usize, u8)> = Vec::new();
        for d in 0..dims {
            let name = v.row_dims.get(d).cloned().unwrap_or_default();
            g.see(d, &name);
            top.push((name, 1, span));
            below.push((String::new(), 1, 0));
        }
        let value_name = plain_name(&v.measure.name);
        let mut col = dims;
        for c in &v.columns {
            let label = if c.kind == "total" {
                lang.word(Word::Total).to_string()
            } else {
                c.label.clone()
            };
            if two {
                top.push((label, subs.len(), 1));
                for s in &subs {
                    let name = match s {
                        Sub::Value => value_name.clone(),
                        Sub::Share => lang.word(Word::Share).to_string(),
                        Sub::Growth => lang.word(Word::Growth).to_string(),
                    };
                    g.see(col, &name);
                    below.push((name, 1, 1));
                    col += 1;
                }
            } else {
                g.see(col, &label);
                top.push((label, 1, 1));
                col += 1;
            }
        }
        if summary {
            let label = v.summary_label.clone().unwrap_or_default();
            g.see(col, &label);
            top.push((label, 1, span));
            below.push((String::new(), 1, 0));
        }
        g.header.push(top);
        if two {
            g.header.push(below);
        }
        for row in &v.rows {
            let bold = row.kind != "data";
            let mut cells: Vec<(String, bool)> = Vec::with_capacity(ncols);
            for d in 0..dims {
                let key = row.keys.get(d).cloned().flatten();
                let text = match (row.kind.as_str(), key) {
                    ("total", _) if d == 0 => lang.word(Word::Total).to_string(),
                    (_, Some(k)) => k,
                    ("subtotal", None) if d == row.level as usize => {
                        lang.word(Word::Subtotal).to_string()
                    }
                    _ => String::new(),
                };
                g.see(d, &text);
                cells.push((text, false));
            }
            for cell in &row.cells {
                for s in &subs {
                    let fig = match s {
                        Sub::Value => Some(&cell.value),
                        Sub::Share => cell.share.as_ref(),
                        Sub::Growth => cell.growth.as_ref(),
                    };
                    let text = fig.map(|f| g.shown(f)).unwrap_or_default();
                    g.see(cells.len(), &text);
                    cells.push((text, true));
                }
            }
            if summary {
                let text = row.summary.as_ref().map(|f| g.shown(f)).unwrap_or_default();
                g.see(cells.len(), &text);
                cells.push((text, true));
            }
            g.body.push((bold, cells));
        }
        g
    }

    /// A figure's text as shown; its reason and flags go to the legend.
    fn shown(&mut self, f: &Figure) -> String {
        for code in f.reason.iter().chain(f.flags.iter()) {
            let shown = if f.exact.is_none() {
                f.text.clone()
            } else {
                String::new()
            };
            self.legend.insert((shown, code.clone()));
        }
        f.text.clone()
    }

    /// Notes a text's width in column `c`, at 10.5 pt: a CJK character is
    /// 210 twips, a digit or letter half that (Times New Roman's figures are
    /// half an em), `.` and `,` a quarter, `%` five sixths; a tenth more for
    /// bold and rounding, plus Word's default cell margins (108 twips each
    /// side). A cell narrower than its text wraps, which a figure must not.
    fn see(&mut self, c: usize, text: &str) {
        let w: usize = text
            .chars()
            .map(|ch| match ch {
                '.' | ',' | ' ' => 53,
                '%' => 175,
                c if c as u32 >= 0x2E80 => 210,
                _ => 105,
            })
            .sum::<usize>()
            * 11
            / 10
            + 216
            + 60;
        if let Some(n) = self.natural.get_mut(c) {
            *n = (*n).max(w).max(600);
        }
    }

    pub(super) fn natural_width(&self) -> usize {
        self.natural.iter().sum()
    }

    /// The Word table, its columns fitted to `text_width`.
    pub(super) fn table(&self, text_width: usize) -> Table {
        let total = self.natural_width().max(1);
        let widths: Vec<usize> = if total > text_width {
            self.natural
                .iter()
                .map(|w| w * text_width / total)
                .collect()
        } else {
            self.natural.clone()
        };
        let cell_par = |text: &str, right: bool, bold: bool, center: bool| {
            let mut r = run(text, TABLE_SIZE, "宋体");
            if bold {
                r = r.bold();
            }
            let align = if center {
                AlignmentType::Center
            } else if right {
                AlignmentType::Right
            } else {
                AlignmentType::Left
            };
            Paragraph::new().align(align).add_run(r)
        };
        let mut rows = Vec::new();
        for header in &self.header {
            let mut cells = Vec::new();
            let mut col = 0;
            for (text, span, down) in header {
                let w: usize = widths.iter().skip(col).take(*span).sum();
                let mut c = TableCell::new()
                    .width(w, WidthType::Dxa)
                    .vertical_align(VAlignType::Center)
                    .add_paragraph(cell_par(text, false, true, true));
                if *span > 1 {
                    c = c.grid_span(*span);
                }
                c = match down {
                    2 => c.vertical_merge(VMergeType::Restart),
                    0 => c.vertical_merge(VMergeType::Continue),
                    _ => c,
                };
                cells.push(c);
                col += span;
            }
            rows.push(TableRow::new(cells).cant_split());
        }
        for (bold, cells) in &self.body {
            let cells: Vec<TableCell> = cells
                .iter()
                .zip(&widths)
                .map(|((text, figure), w)| {
                    TableCell::new()
                        .width(*w, WidthType::Dxa)
                        .add_paragraph(cell_par(text, *figure, *bold, false))
                })
                .collect();
            rows.push(TableRow::new(cells));
        }
        Table::new(rows)
            .set_grid(widths)
            .layout(TableLayoutType::Fixed)
    }
}
