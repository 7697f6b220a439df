//! The result of an analysis, as it crosses into JavaScript: every figure an
//! exact decimal string, its rounded text, and the reason when it is empty.
//! The shapes follow `src/bindings/types.d.ts`.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::Serialize;

pub use crate::table::describe::{Message, SetAsideItem};

use crate::format;

/// One figure.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Figure {
    /// Exact value in display units, `None` when empty.
    pub exact: Option<String>,
    /// Text as shown, rounded.
    pub text: String,
    /// Why the figure is empty.
    pub reason: Option<&'static str>,
    /// Flags on a figure that is given.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub flags: Vec<&'static str>,
}

/// How a figure is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    /// An amount with `dp` decimals and thousands separators.
    Amount(u32),
    /// A percentage with `dp` decimals.
    Percent(u32),
    /// Percentage points with `dp` decimals (no `%`).
    Points(u32),
}

impl Figure {
    /// A figure with a value.
    pub(crate) fn value(v: Decimal, style: Style) -> Figure {
        let text = match style {
            Style::Amount(dp) | Style::Points(dp) => format::amount(v, dp),
            Style::Percent(dp) => format::percent(v, dp),
        };
        Figure {
            exact: Some(format::plain(v)),
            text,
            reason: None,
            flags: Vec::new(),
        }
    }

    /// An empty figure and its reason; `text` is "—" except where given.
    pub(crate) fn empty(reason: &'static str) -> Figure {
        let text = match reason {
            "no_records" => "",
            _ => "—",
        };
        Figure {
            exact: None,
            text: text.to_string(),
            reason: Some(reason),
            flags: Vec::new(),
        }
    }

    /// The same figure with a flag.
    pub(crate) fn flag(mut self, f: &'static str) -> Figure {
        if !self.flags.contains(&f) {
            self.flags.push(f);
        }
        self
    }
}

/// A column of the result grid.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ResultColumn {
    /// Label of the value, or 合计.
    pub label: String,
    /// `value` or `total`.
    pub kind: &'static str,
}

/// One cell: the value and the share / growth asked for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ResultCell {
    /// The aggregate.
    pub value: Figure,
    /// The share, when asked for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub share: Option<Figure>,
    /// The per-cell growth, when asked for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub growth: Option<Figure>,
    /// Records in the cell.
    pub records: u64,
}

/// One row of the result grid.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ResultRow {
    /// `data`, `subtotal` or `total`.
    pub kind: &'static str,
    /// 0 for the grand total, 1 for the first row level, …
    pub level: usize,
    /// Key labels, `None` above this row's level.
    pub keys: Vec<Option<String>>,
    /// First-column text.
    pub label: String,
    /// One per result column.
    pub cells: Vec<ResultCell>,
    /// CAGR or average per period, when asked for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<Figure>,
}

/// The measure the figures are of.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MeasureInfo {
    /// Column name.
    pub name: Option<String>,
    /// money, count, number.
    pub kind: Option<crate::table::schema::MeasureKind>,
    /// Unit the figures are shown in.
    pub unit: Option<&'static str>,
    /// Unit in the file.
    pub source_unit: Option<&'static str>,
}

/// A count with the lines it counts.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Lines {
    /// How many.
    pub count: usize,
    /// Their lines, the first [`crate::limits::LISTED`] of them.
    pub lines: Vec<u64>,
}

/// What every result carries beside its figures (SEMANTICS §7).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Diagnostics {
    /// Data rows read.
    pub rows_read: usize,
    /// Rows whose value went into the figures.
    pub rows_used: usize,
    /// The rows not used, with their reasons: the first
    /// [`crate::limits::LISTED`] by line.
    pub set_aside: Vec<SetAsideItem>,
    /// How many rows were not used (all of them).
    pub set_aside_total: usize,
    /// Count per reason.
    pub set_aside_counts: BTreeMap<&'static str, usize>,
    /// Rows whose measure is null.
    pub nulls: Lines,
    /// Approximate values used.
    pub approximate: Lines,
    /// Rows left out by filters.
    pub filtered_out: usize,
    /// Encoding of the file.
    pub encoding: &'static str,
    /// CSV delimiter.
    pub delimiter: Option<String>,
    /// Header line.
    pub header_line: Option<u64>,
    /// Notes.
    pub warnings: Vec<Message>,
}

/// The whole result.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AnalysisResult {
    /// The spec with defaults filled in, and the measure and unit it resolved.
    pub spec: crate::analyze::spec::Spec,
    /// The measure.
    pub measure: MeasureInfo,
    /// Row dimension names.
    pub row_dims: Vec<String>,
    /// Column dimension name.
    pub col_dim: Option<String>,
    /// Columns of the grid.
    pub columns: Vec<ResultColumn>,
    /// Rows of the grid.
    pub rows: Vec<ResultRow>,
    /// Label of the summary figure.
    pub summary_label: Option<&'static str>,
    /// First and last period of the view (for cagr / average).
    pub periods: Vec<String>,
    /// Diagnostics.
    pub diagnostics: Diagnostics,
    /// Reconciliation findings.
    pub findings: Vec<crate::table::Finding>,
}

impl AnalysisResult {
    /// The row whose label is `label`.
    ///
    /// # Example
    /// ```
    /// use aidstat::analyze::{analyze, spec::Spec};
    /// let csv = "板块,金额\n医疗帮扶,430\n教育帮扶,570\n教育帮扶,600\n";
    /// let t = aidstat::load::load(csv.as_bytes(), &Default::default()).unwrap();
    /// let r = analyze(&t, &Spec::from_json(r#"{"rows":["板块"]}"#).unwrap()).unwrap();
    /// let edu = r.row("教育帮扶").unwrap();
    /// assert_eq!((edu.cells[0].value.text.as_str(), edu.cells[0].records), ("1,170.00", 2));
    /// assert_eq!(r.row("合计").unwrap().kind, "total");
    /// assert!(r.row("文体交流").is_none());
    /// ```
    pub fn row(&self, label: &str) -> Option<&ResultRow> {
        self.rows.iter().find(|r| r.label == label)
    }

    /// Index of the column whose label is `label`.
    pub(crate) fn col(&self, label: &str) -> Option<usize> {
        self.columns.iter().position(|c| c.label == label)
    }

    /// The cell at row `row` and column `col` (labels).
    ///
    /// # Example
    /// ```
    /// use aidstat::analyze::{analyze, spec::Spec};
    /// let csv = "年度,板块,金额(万元)\n2020,教育帮扶,570\n2021,教育帮扶,600\n";
    /// let t = aidstat::load::load(csv.as_bytes(), &Default::default()).unwrap();
    /// let spec = r#"{"rows":["板块"],"columns":"年度","growth":"rate"}"#;
    /// let r = analyze(&t, &Spec::from_json(spec).unwrap()).unwrap();
    /// let c = r.cell("教育帮扶", "2021").unwrap();
    /// assert_eq!(c.value.text, "600.00");
    /// assert_eq!(c.growth.as_ref().unwrap().text, "5.26%"); // 30 / 570
    /// assert!(r.cell("教育帮扶", "2019").is_none());
    /// ```
    pub fn cell(&self, row: &str, col: &str) -> Option<&ResultCell> {
        let c = self.col(col)?;
        self.row(row)?.cells.get(c)
    }
}
