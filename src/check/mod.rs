//! The analyst's checks: is the data right before the figures go out?
//!
//! [`check`] looks at a loaded [`Table`] and returns [`Finding`]s, each with a
//! severity, the lines involved, the figures that show it and, where one
//! exists, the [`Correction`] that fixes it. A correction is a fragment of
//! the load options (`corrections` or `relabel`, see [`crate::load::edits`]): accepting
//! it means loading again with it, undoing it means loading without it, so
//! every accepted fix is reproducible. The rules are in `docs/CHECKS.md`:
//!
//! | code | rule |
//! | --- | --- |
//! | `total_ok`, `total_mismatch` | the sheet's own total rows against the rows they cover ([`total`]) |
//! | `unit_slip` | a stated total that the parts meet exactly once one part (or the total) is read 10⁴ / 10⁸ times larger or smaller ([`total`]) |
//! | `unit_outlier` | a value ≥ 10³ away from peers that agree among themselves, about 10⁴ / 10⁸ off, and alone in its column ([`outlier`]) |
//! | `duplicate_rows`, `near_duplicate` | the same row twice; the same keys and amount with another difference ([`duplicate`]) |
//! | `period_gap` | a period missing inside a group's span ([`gap`]) |
//! | `label_variant`, `label_synonym` | one category written two ways; common synonyms to confirm ([`label`]) |
//! | `unreadable_cells`, `rows_set_aside` | rows left out of the figures: cells that are not amounts or periods, rows wider than the header ([`unreadable`]) |

pub mod duplicate;
pub mod gap;
pub mod label;
pub mod outlier;
pub mod total;
pub mod unreadable;

use crate::message::Texts;
use rust_decimal::Decimal;
use serde::Serialize;

use crate::cell::{MoneyUnit, Unit};
use crate::format;
use crate::table::{CellState, Column, ColumnData, Key, MeasureData, MeasureKind, Role, Table};

pub use crate::load::edits::{CellCorrection, Correction};

/// How much a finding matters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// A figure is wrong as the file stands (a stated total the parts meet
    /// exactly once one part's unit is changed).
    Error,
    /// Very likely wrong: a figure should be checked before it goes out.
    Warning,
    /// Worth knowing; not necessarily wrong.
    Info,
}

/// One finding of the checks.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Finding {
    /// Stable code: `total_ok`, `total_mismatch`, `unit_slip`, `unit_outlier`,
    /// `duplicate_rows`, `near_duplicate`, `period_gap`, `label_variant`,
    /// `label_synonym`, `unreadable_cells`, `rows_set_aside`, `truncated`.
    pub code: &'static str,
    /// error, warning or info.
    pub severity: Severity,
    /// Its words (zh-CN, zh-TW, en).
    #[serde(flatten)]
    pub text: Texts,
    /// The lines involved (file lines, or record numbers of JSON), the most
    /// telling first.
    pub lines: Vec<u64>,
    /// The column concerned, when one is.
    pub column: Option<String>,
    /// The figures that show it; decimals as exact strings in the column's unit.
    pub figures: serde_json::Map<String, serde_json::Value>,
    /// The load-option fragment that fixes it, when one can be suggested.
    pub correction: Option<Correction>,
}

/// Most findings of one code that are listed; the rest are counted in one
/// `truncated` finding, so that a noisy file does not bury the rest.
pub const MAX_PER_CODE: usize = 100;

/// Runs every check on a loaded table. Findings come most severe first, then
/// in the order of their first line.
///
/// # Example
/// ```
/// let csv = "帮扶方,项目,金额(万元)\n深圳市直单位,到位资金,4750\n深圳市国有企业,到位资金,9436\n宝安区,到位资金,2.7379\n合计,,41565\n";
/// let t = aidstat::load::load(csv.as_bytes(), &Default::default()).unwrap();
/// let f = aidstat::check::check(&t);
/// assert_eq!(f[0].code, "unit_slip");
/// assert_eq!(f[0].lines, vec![4, 5]);
/// assert_eq!(f[0].correction.as_ref().unwrap().corrections[0].value, "2.7379亿元");
/// ```
pub fn check(table: &Table) -> Vec<Finding> {
    Checker::new(table).finish(table)
}

/// One slice of the checks: each is near-linear in the rows, so a caller
/// (the page's worker) can run them one by one and answer an analysis the
/// analyst asks for between two slices.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Step {
    Totals,
    Unreadable,
    Outliers,
    Duplicates,
    Gaps,
    /// The label checks of one dimension column (its index in the table).
    Labels(usize),
}

/// The checks run slice by slice. [`check`] runs them all at once.
///
/// # Example
/// ```
/// use aidstat::check::Checker;
/// let csv = "帮扶方,项目,金额(万元)\n深圳市直单位,到位资金,4750\n深圳市国有企业,到位资金,9436\n宝安区,到位资金,2.7379\n合计,,41565\n";
/// let t = aidstat::load::load(csv.as_bytes(), &Default::default()).unwrap();
/// let mut c = Checker::new(&t);
/// let mut slices = 0;
/// while c.step(&t) {
///     slices += 1; // an analysis could run here
/// }
/// assert!(slices >= 5); // totals, outliers, duplicates, gaps, labels of 帮扶方 …
/// assert_eq!(c.progress(), (slices, slices));
/// assert!(c.done());
/// assert_eq!(c.finish(&t), aidstat::check::check(&t));
/// ```
#[derive(Debug)]
pub struct Checker {
    steps: Vec<Step>,
    next: usize,
    found: Vec<Finding>,
}

impl Checker {
    /// The checks of `table`, none run yet.
    ///
    /// # Example
    /// ```
    /// use aidstat::check::Checker;
    /// let csv = "年度,板块,金额(万元)\n2020,教育帮扶,148\n2020,医疗帮扶,430\n";
    /// let t = aidstat::load::load(csv.as_bytes(), &Default::default()).unwrap();
    /// // Totals, unreadable cells, outliers, duplicates, gaps, and the labels of 板块
    /// // (年度 is a period, 金额 a measure).
    /// assert_eq!(Checker::new(&t).progress(), (0, 6));
    /// ```
    pub fn new(table: &Table) -> Checker {
        let mut steps = vec![
            Step::Totals,
            Step::Unreadable,
            Step::Outliers,
            Step::Duplicates,
            Step::Gaps,
        ];
        steps.extend(
            key_columns(table)
                .iter()
                .filter(|k| k.role == Role::Dimension)
                .map(|k| Step::Labels(k.index)),
        );
        Checker {
            steps,
            next: 0,
            found: Vec::new(),
        }
    }

    /// Runs the next slice; `false` when there was none left.
    ///
    /// # Example
    /// ```
    /// use aidstat::check::Checker;
    /// let csv = "年度,板块,金额(万元)\n2020,教育帮扶,148\n2020,医疗帮扶,430\n";
    /// let t = aidstat::load::load(csv.as_bytes(), &Default::default()).unwrap();
    /// let mut c = Checker::new(&t);
    /// assert!((0..6).all(|_| c.step(&t)));
    /// assert!(!c.step(&t)); // none left
    /// ```
    pub fn step(&mut self, table: &Table) -> bool {
        let Some(&step) = self.steps.get(self.next) else {
            return false;
        };
        self.next += 1;
        let out = &mut self.found;
        match step {
            Step::Totals => total::check(table, out),
            Step::Unreadable => unreadable::check(table, out),
            Step::Outliers => outlier::check(table, out),
            Step::Duplicates => duplicate::check(table, out),
            Step::Gaps => gap::check(table, out),
            Step::Labels(col) => label::check_column(table, col, out),
        }
        true
    }

    /// Slices run so far and in all (for a progress bar).
    ///
    /// # Example
    /// ```
    /// use aidstat::check::Checker;
    /// let csv = "年度,板块,金额(万元)\n2020,教育帮扶,148\n2020,医疗帮扶,430\n";
    /// let t = aidstat::load::load(csv.as_bytes(), &Default::default()).unwrap();
    /// let mut c = Checker::new(&t);
    /// c.step(&t);
    /// c.step(&t);
    /// assert_eq!(c.progress(), (2, 6));
    /// ```
    pub fn progress(&self) -> (usize, usize) {
        (self.next, self.steps.len())
    }

    /// Whether every slice has run.
    ///
    /// # Example
    /// ```
    /// use aidstat::check::Checker;
    /// let csv = "年度,板块,金额(万元)\n2020,教育帮扶,148\n2020,医疗帮扶,430\n";
    /// let t = aidstat::load::load(csv.as_bytes(), &Default::default()).unwrap();
    /// let mut c = Checker::new(&t);
    /// assert!(!c.done());
    /// while c.step(&t) {}
    /// assert!(c.done());
    /// ```
    pub fn done(&self) -> bool {
        self.next >= self.steps.len()
    }

    /// The findings, most severe first, then in the order of their first
    /// line (the slices not run yet are run first).
    ///
    /// # Example
    /// ```
    /// use aidstat::check::Checker;
    /// let csv = "年度,板块,金额(万元)\n2020,教育帮扶,148\n2020,教育帮扶,148\n";
    /// let t = aidstat::load::load(csv.as_bytes(), &Default::default()).unwrap();
    /// let mut c = Checker::new(&t);
    /// c.step(&t); // the stated totals (there are none)
    /// let found = c.finish(&t); // the other five slices run here
    /// assert_eq!(found.len(), 1);
    /// assert_eq!((found[0].code, found[0].lines.as_slice()), ("duplicate_rows", &[2, 3][..]));
    /// ```
    pub fn finish(mut self, table: &Table) -> Vec<Finding> {
        while self.step(table) {}
        let mut all = std::mem::take(&mut self.found);
        crate::order::sort_by_key(&mut all, |f| {
            (f.severity, f.lines.first().copied().unwrap_or(0))
        });
        cap(all)
    }
}

/// Keeps at most [`MAX_PER_CODE`] findings of each code.
fn cap(all: Vec<Finding>) -> Vec<Finding> {
    let mut seen: Vec<(&'static str, usize, Severity)> = Vec::new();
    let mut out = Vec::with_capacity(all.len());
    for f in all {
        match seen.iter_mut().find(|(c, ..)| *c == f.code) {
            Some((_, n, _)) if *n >= MAX_PER_CODE => *n += 1,
            Some((_, n, _)) => {
                *n += 1;
                out.push(f);
            }
            None => {
                seen.push((f.code, 1, f.severity));
                out.push(f);
            }
        }
    }
    for (code, n, severity) in seen {
        if n > MAX_PER_CODE {
            let more = n - MAX_PER_CODE;
            let mut figures = serde_json::Map::new();
            figures.insert("code".into(), code.into());
            figures.insert("more".into(), more.into());
            out.push(Finding {
                code: "truncated",
                severity,
                text: Texts::new(
                    format!("“{code}”类问题另有 {more} 处未列出"),
                    format!("{more} more findings of kind \"{code}\" are not listed"),
                ),
                lines: Vec::new(),
                column: None,
                figures,
                correction: None,
            });
        }
    }
    out
}

/// A key column (period or dimension) of the table.
pub(crate) struct KeyCol<'t> {
    pub index: usize,
    pub name: &'t str,
    pub role: Role,
    pub codes: &'t [u32],
    pub keys: &'t [Key],
}

/// The key columns, in file order.
pub(crate) fn key_columns(table: &Table) -> Vec<KeyCol<'_>> {
    table
        .columns
        .iter()
        .filter_map(|c| match (&c.data, c.role) {
            (ColumnData::Keys { codes, keys }, Role::Period | Role::Dimension) => Some(KeyCol {
                index: c.index,
                name: &c.name,
                role: c.role,
                codes,
                keys,
            }),
            _ => None,
        })
        .collect()
}

/// A measure column with its values.
pub(crate) struct MeasureCol<'t> {
    pub col: &'t Column,
    pub data: &'t MeasureData,
    pub states: &'t [CellState],
}

impl MeasureCol<'_> {
    /// The value of row `r`, when it holds one (exact or approximate).
    pub(crate) fn value(&self, r: usize) -> Option<Decimal> {
        match self.states.get(r) {
            Some(CellState::Value | CellState::Approx) => self.data.value(r),
            _ => None,
        }
    }

    /// Whether row `r` holds an approximate value.
    pub(crate) fn approx(&self, r: usize) -> bool {
        matches!(self.states.get(r), Some(CellState::Approx))
    }

    /// The money unit of the column (元 when it names none).
    pub(crate) fn money_unit(&self) -> Option<MoneyUnit> {
        match (self.col.kind, self.col.unit) {
            (Some(MeasureKind::Money), Some(Unit::Money(u))) => Some(u),
            (Some(MeasureKind::Money), _) => Some(MoneyUnit::Yuan),
            _ => None,
        }
    }

    /// A stored value in the column's own unit (money is stored in 元).
    pub(crate) fn shown(&self, v: Decimal) -> Decimal {
        let f = self.money_unit().map_or(Decimal::ONE, MoneyUnit::factor);
        v.checked_div(f).unwrap_or(v).normalize()
    }

    /// The unit label of the column ("" when none).
    pub(crate) fn unit_label(&self) -> &'static str {
        self.col.unit.map_or("", |u| u.label())
    }
}

/// The measure columns, in file order.
pub(crate) fn measure_columns(table: &Table) -> Vec<MeasureCol<'_>> {
    table
        .columns
        .iter()
        .filter_map(|c| match &c.data {
            ColumnData::Measure(d) => Some(MeasureCol {
                col: c,
                data: d,
                states: &d.states,
            }),
            _ => None,
        })
        .collect()
}

/// The key labels of row `r`, joined with " / ", leaving out column `skip`.
pub(crate) fn row_label(keys: &[KeyCol<'_>], r: usize, skip: Option<usize>) -> String {
    keys.iter()
        .filter(|k| Some(k.index) != skip)
        .filter_map(|k| {
            k.codes
                .get(r)
                .and_then(|&c| k.keys.get(c as usize))
                .map(|k| k.label.as_str())
        })
        .collect::<Vec<_>>()
        .join(" / ")
}

/// The file line of row `r`.
pub(crate) fn line_of(table: &Table, r: usize) -> u64 {
    table.lines.get(r).copied().unwrap_or(0)
}

/// Lines joined for a message: `3、7` / `3, 7`, at most ten then `…`.
pub(crate) fn lines_text(lines: &[u64], sep: &str) -> String {
    let mut s: Vec<String> = lines.iter().take(10).map(u64::to_string).collect();
    if lines.len() > 10 {
        s.push("…".into());
    }
    s.join(sep)
}

/// A figures map from pairs.
pub(crate) fn figures<const N: usize>(
    pairs: [(&str, serde_json::Value); N],
) -> serde_json::Map<String, serde_json::Value> {
    pairs.into_iter().map(|(k, v)| (k.to_string(), v)).collect()
}

/// A small fast hasher (FxHash's mixing) for grouping rows by their codes;
/// every group found by hash is checked for exact equality afterwards.
#[derive(Default)]
pub(crate) struct Fx(u64);

impl Fx {
    fn add(&mut self, w: u64) {
        self.0 = (self.0.rotate_left(5) ^ w).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

impl std::hash::Hasher for Fx {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut b = [0u8; 8];
            b.iter_mut().zip(chunk).for_each(|(d, s)| *d = *s);
            self.add(u64::from_le_bytes(b));
        }
    }
    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }
}

/// The decade of a positive value: ⌊log10 v⌋, from its digits (no float).
pub(crate) fn decade(v: Decimal) -> i64 {
    let digits = v.mantissa().unsigned_abs().checked_ilog10().unwrap_or(0);
    i64::from(digits) - i64::from(v.scale())
}

/// A decimal as a JSON string value.
pub(crate) fn dec(v: Decimal) -> serde_json::Value {
    serde_json::Value::String(format::plain(v))
}
