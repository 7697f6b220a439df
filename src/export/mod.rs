//! A loaded table as a dataset any engine can ingest ([`clean`]: one row per
//! loaded record, labels as results show them, amounts as exact decimal
//! text), and an analysis spec as one SQL query over it ([`sql`]). The
//! columns of the clean table are described by a [`Layout`], derived from the
//! table without writing a row, so that the SQL can be rendered from it alone.

pub mod clean;
pub mod sql;

pub use clean::{write_clean, write_rejects};

use crate::cell::{Grain, MoneyUnit, Unit};
use crate::table::{CellState, ColumnData, MeasureKind, Role, Table};

/// Name of the source-file column of the clean table (and of a combined
/// table's first dimension).
pub const SOURCE: &str = "来源文件";
/// Name of the line column.
pub const LINE: &str = "行号";
/// Suffix of the quarter column of a period column.
pub const QUARTER_SUFFIX: &str = "_季度";
/// Suffix of the month column of a period column.
pub const MONTH_SUFFIX: &str = "_月";
/// Suffix of the flag column saying a cell of that column could not be read.
pub const BAD_SUFFIX: &str = "_有误";

/// The columns of a clean table, in order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Layout {
    /// Every column of the clean CSV, in order.
    pub columns: Vec<LayoutColumn>,
    /// The grain of the (first) period column, if any.
    pub grain: Option<Grain>,
    /// The column of indicators (rows that must never be added), if any.
    pub indicators: Option<String>,
}

/// One column of the clean table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LayoutColumn {
    /// Its header in the clean CSV.
    pub name: String,
    /// What it holds.
    pub role: LayoutRole,
    /// Index of the table column it comes from (None for 来源文件 given as an
    /// argument and for 行号).
    pub column: Option<usize>,
}

/// What a clean column holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LayoutRole {
    /// The source file name.
    Source,
    /// The row's line in its file.
    Line,
    /// A dimension's label (empty for a blank cell).
    Dimension,
    /// The integer year of a period column.
    Year {
        /// The period column's header.
        period: String,
        /// Its grain.
        grain: Grain,
    },
    /// The quarter 1–4 of a period column by quarter.
    Quarter {
        /// The period column's header.
        period: String,
    },
    /// The month 1–12 of a period column by month.
    Month {
        /// The period column's header.
        period: String,
    },
    /// A measure's value as exact decimal text (empty: null or unreadable).
    Measure {
        /// Money, count or number.
        kind: MeasureKind,
        /// The money unit the values are written in (None: not money, or
        /// money without a unit, i.e. 元).
        unit: Option<MoneyUnit>,
        /// The column's own money unit (the unit results use by default).
        source_unit: Option<MoneyUnit>,
        /// Most decimals a written value has.
        scale: u32,
    },
    /// `true` where the cell of that column could not be read (the row is
    /// then set aside by a view that reads the column), else `false`.
    Bad {
        /// The column's header (the period or measure column).
        of: String,
    },
}

impl Layout {
    /// The clean column named `name` (exact, then ignoring full-width /
    /// case / spaces when that names one column).
    ///
    /// # Example
    /// ```
    /// let t = aidstat::load::load("年度,金额（万元）\n2020,1\n".as_bytes(), &Default::default()).unwrap();
    /// let l = aidstat::export::layout(&t, None);
    /// assert_eq!(l.find("金额(万元)").map(|c| c.name.as_str()), Some("金额（万元）"));
    /// assert!(l.find("地区").is_none());
    /// ```
    pub fn find(&self, name: &str) -> Option<&LayoutColumn> {
        self.columns.iter().find(|c| c.name == name).or_else(|| {
            let want = crate::cell::loose_name(name);
            let like: Vec<&LayoutColumn> = self
                .columns
                .iter()
                .filter(|c| crate::cell::loose_name(&c.name) == want)
                .collect();
            match like.as_slice() {
                [one] => Some(*one),
                _ => None,
            }
        })
    }

    /// The column with this role.
    pub(crate) fn with_role(&self, pred: impl Fn(&LayoutRole) -> bool) -> Option<&LayoutColumn> {
        self.columns.iter().find(|c| pred(&c.role))
    }

    /// The bad-cell flag column of the column `of`, if it has one.
    pub(crate) fn bad_flag(&self, of: &str) -> Option<&LayoutColumn> {
        self.with_role(|r| matches!(r, LayoutRole::Bad { of: o } if o == of))
    }
}

/// The money unit a measure is written in: `unit`, else the column's own.
pub(crate) fn written_unit(
    col: &crate::table::Column,
    unit: Option<MoneyUnit>,
) -> Option<MoneyUnit> {
    match (col.kind, col.unit) {
        (Some(MeasureKind::Money), Some(Unit::Money(u))) => Some(unit.unwrap_or(u)),
        (Some(MeasureKind::Money), _) => Some(unit.unwrap_or(MoneyUnit::Yuan)),
        _ => None,
    }
}

/// Describes the clean table of `table` with money in `unit` (None: each
/// column's own unit), without writing a row.
///
/// # Example
/// ```
/// use aidstat::export::{layout, LayoutRole};
/// let csv = "季度,板块,金额(万元)\n2021Q1,教育,430.5\n2021Q2,,1\n";
/// let t = aidstat::load::load(csv.as_bytes(), &Default::default()).unwrap();
/// let l = layout(&t, Some(aidstat::cell::MoneyUnit::Yuan));
/// let names: Vec<&str> = l.columns.iter().map(|c| c.name.as_str()).collect();
/// assert_eq!(names, ["来源文件", "行号", "板块", "季度", "季度_季度", "金额(万元)"]);
/// assert!(matches!(l.columns[5].role, LayoutRole::Measure { scale: 0, .. }));
/// ```
pub fn layout(table: &Table, unit: Option<MoneyUnit>) -> Layout {
    let mut used: Vec<String> = Vec::new();
    let mut unique = |name: String| -> String {
        let mut n = name.clone();
        let mut k = 2;
        while used.contains(&n) {
            n = format!("{name}_{k}");
            k += 1;
        }
        used.push(n.clone());
        n
    };
    let source_dim = source_dimension(table);
    let mut columns = vec![
        LayoutColumn {
            name: unique(SOURCE.into()),
            role: LayoutRole::Source,
            column: source_dim,
        },
        LayoutColumn {
            name: unique(LINE.into()),
            role: LayoutRole::Line,
            column: None,
        },
    ];
    for (i, c) in table.columns.iter().enumerate() {
        if c.role == Role::Dimension && Some(i) != source_dim {
            columns.push(LayoutColumn {
                name: unique(c.name.clone()),
                role: LayoutRole::Dimension,
                column: Some(i),
            });
        }
    }
    let mut grain = None;
    for (i, c) in table.columns.iter().enumerate() {
        if c.role != Role::Period {
            continue;
        }
        let g = c.grain.unwrap_or(Grain::Year);
        grain = grain.or(Some(g));
        let year = LayoutRole::Year {
            period: c.name.clone(),
            grain: g,
        };
        columns.push(LayoutColumn {
            name: unique(c.name.clone()),
            role: year,
            column: Some(i),
        });
        let sub = match g {
            Grain::Year => None,
            Grain::Quarter => Some((
                QUARTER_SUFFIX,
                LayoutRole::Quarter {
                    period: c.name.clone(),
                },
            )),
            Grain::Month => Some((
                MONTH_SUFFIX,
                LayoutRole::Month {
                    period: c.name.clone(),
                },
            )),
        };
        if let Some((suffix, role)) = sub {
            columns.push(LayoutColumn {
                name: unique(format!("{}{suffix}", c.name)),
                role,
                column: Some(i),
            });
        }
    }
    for (i, c) in table.columns.iter().enumerate() {
        let ColumnData::Measure(m) = &c.data else {
            continue;
        };
        let kind = c.kind.unwrap_or(MeasureKind::Number);
        let written = written_unit(c, unit);
        let source_unit = match c.unit {
            Some(Unit::Money(u)) if kind == MeasureKind::Money => Some(u),
            _ => None,
        };
        let scale = (0..m.states.len())
            .filter_map(|r| clean::measure_value(m, r, written))
            .map(|v| v.scale())
            .max()
            .unwrap_or(0);
        columns.push(LayoutColumn {
            name: unique(c.name.clone()),
            role: LayoutRole::Measure {
                kind,
                unit: written,
                source_unit,
                scale,
            },
            column: Some(i),
        });
    }
    for (i, c) in table.columns.iter().enumerate() {
        if has_bad(table, i) {
            columns.push(LayoutColumn {
                name: unique(format!("{}{BAD_SUFFIX}", c.name)),
                role: LayoutRole::Bad { of: c.name.clone() },
                column: Some(i),
            });
        }
    }
    Layout {
        columns,
        grain,
        indicators: table
            .indicators
            .and_then(|i| table.columns.get(i))
            .map(|c| c.name.clone()),
    }
}

/// A combined table's own 来源文件 dimension, if it has one.
fn source_dimension(table: &Table) -> Option<usize> {
    table
        .columns
        .iter()
        .position(|c| c.name == SOURCE && c.role == Role::Dimension)
}

/// Whether a loaded row has an unreadable cell in column `i` (a period that
/// could not be read, a measure cell that could not be read).
pub(crate) fn has_bad(table: &Table, i: usize) -> bool {
    match table.columns.get(i).map(|c| (&c.data, c.role)) {
        Some((ColumnData::Keys { codes, keys }, Role::Period)) => codes
            .iter()
            .any(|&k| keys.get(k as usize).is_some_and(|k| k.bad)),
        Some((ColumnData::Measure(m), _)) => m.states.contains(&CellState::Bad),
        _ => false,
    }
}
