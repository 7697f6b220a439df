//! What the writer is given: a view as the core's JS API returns it
//! (`table.analyze(spec)`, with its figures as exact decimal text), and what
//! the page or the portal knows beside it (the title it shows, the file's
//! name, the texts of the reasons). Only the fields the workbook needs are
//! read; anything else in the JSON is ignored.

use std::collections::HashMap;

use serde::Deserialize;

/// Everything the workbook is made from.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Export {
    /// The view, as `table.analyze(spec)` gives it.
    pub result: View,
    /// The view's title as the page shows it (default: made from the view).
    pub title: Option<String>,
    /// `zh-CN` (default), `zh-TW` or `en`: the language of the headers and notes.
    pub lang: Option<String>,
    /// The report paragraph as shown (default: the view's own, in Chinese or English).
    pub paragraph: Option<String>,
    /// Where the data came from.
    pub source: Source,
    /// The text of each reason code (`no_prior` → 上一期没有数据…), for cell notes.
    pub reasons: HashMap<String, String>,
}

/// Where the data came from.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Source {
    /// The file's name.
    pub name: Option<String>,
    /// `csv`, `json`, `xlsx`, …
    pub format: Option<String>,
    /// The sheet read, for a workbook.
    pub sheet: Option<String>,
}

/// The view.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct View {
    /// The spec with defaults filled in.
    pub spec: Spec,
    /// The measure.
    pub measure: Measure,
    /// Row dimension names.
    pub row_dims: Vec<String>,
    /// Column dimension name.
    pub col_dim: Option<String>,
    /// The grid's columns.
    pub columns: Vec<Column>,
    /// The grid's rows.
    pub rows: Vec<Row>,
    /// Label of the summary figure (年均增长率 …).
    pub summary_label: Option<String>,
    /// Rows read, used, set aside.
    pub diagnostics: Diagnostics,
    /// Reconciliation findings.
    pub findings: Vec<Message>,
    /// The report paragraph.
    pub paragraph: Option<Paragraph>,
}

/// The parts of the spec the layout needs.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Spec {
    /// Decimals of amounts.
    pub precision: Option<u32>,
    /// Decimals of percentages.
    pub percent_precision: Option<u32>,
    /// The unit figures are shown in.
    pub unit: Option<String>,
}

/// The measure.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Measure {
    /// Column name.
    pub name: String,
    /// `money`, `count` or `number`.
    pub kind: Option<String>,
    /// Unit shown.
    pub unit: Option<String>,
}

/// A column of the grid.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct Column {
    /// Label (a period, a category, 合计).
    pub label: String,
    /// `value` or `total`.
    pub kind: String,
}

/// A row of the grid.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct Row {
    /// `data`, `subtotal` or `total`.
    pub kind: String,
    /// Depth: 0 for the grand total.
    pub level: u32,
    /// One key per row dimension (`null` above the row's level).
    pub keys: Vec<Option<String>>,
    /// The row's label as shown.
    pub label: String,
    /// One cell per column.
    pub cells: Vec<Cell>,
    /// The summary figure (CAGR, average).
    pub summary: Option<Figure>,
}

/// A cell: its value and, as asked, its share and growth.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct Cell {
    /// The value.
    pub value: Figure,
    /// Its share.
    pub share: Option<Figure>,
    /// Its growth.
    pub growth: Option<Figure>,
}

/// One figure: exact decimal text, the text shown, why it is empty or flagged.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct Figure {
    /// Exact decimal (`"430"`, `"43.00"`), `null` when there is no figure.
    pub exact: Option<String>,
    /// As shown (`430.00`, `43.00%`, `—`, `新增`).
    pub text: String,
    /// Reason code of an empty figure.
    pub reason: Option<String>,
    /// Codes of what a given figure should carry with it (a negative base,
    /// approximate values, a share nudged to add up).
    pub flags: Vec<String>,
}

/// Rows read, used and set aside.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Diagnostics {
    /// Data rows read.
    pub rows_read: u64,
    /// Rows in the figures.
    pub rows_used: u64,
    /// Rows and cells not used, with why (the engine lists the first 1,000).
    pub set_aside: Vec<Message>,
    /// How many rows were not used, all of them (absent: as many as listed).
    pub set_aside_total: Option<u64>,
    /// Rows left out by the view's filters.
    pub filtered_out: u64,
    /// The file's encoding.
    pub encoding: Option<String>,
    /// How the file was read.
    pub warnings: Vec<Message>,
}

impl Diagnostics {
    /// How many rows were set aside: the total the engine gives, never fewer
    /// than it listed.
    pub fn aside_total(&self) -> u64 {
        let listed = self.set_aside.len() as u64;
        self.set_aside_total.unwrap_or(listed).max(listed)
    }
}

/// A message with its position, in Chinese and English.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Message {
    /// Line (sheet row) it is about.
    pub line: Option<u64>,
    /// Column it is about.
    pub column: Option<String>,
    /// The cell's text as written.
    pub raw: Option<String>,
    /// In Chinese.
    pub message_zh: String,
    /// In Chinese, Taiwan form.
    pub message_zh_tw: Option<String>,
    /// In English.
    pub message_en: String,
}

impl Message {
    /// Its text in a language (the Taiwan form when the view carries one).
    pub fn text(&self, lang: super::words::Lang) -> String {
        use super::words::Lang;
        match lang {
            Lang::En => self.message_en.clone(),
            Lang::ZhTw => self
                .message_zh_tw
                .clone()
                .unwrap_or_else(|| self.message_zh.clone()),
            Lang::ZhCn => self.message_zh.clone(),
        }
    }
}

/// The report paragraph.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct Paragraph {
    /// In Chinese.
    pub zh: Option<String>,
    /// In Chinese, Taiwan form.
    #[serde(rename = "zhTw")]
    pub zh_tw: Option<String>,
    /// In English.
    pub en: Option<String>,
}
