//! Records → a typed, columnar table. Each column gets a role (period,
//! dimension, measure, ignore), key columns are interned to integer codes
//! once, and measure cells are parsed once into exact decimals (money in 元).
//! The sheet's own total rows are set aside here and reconciled ([`totals`]).

pub mod concat;
pub mod describe;
pub mod schema;
pub mod totals;

use crate::message::Texts;
use rust_decimal::Decimal;

use crate::cell::{Grain, Period, TotalLevel, Unit};
use crate::read::SourceInfo;

pub use schema::{MeasureKind, Role, UnitSource};
pub use totals::{Finding, TotalRow};

/// A loaded table: typed columns, one entry per loaded row in each.
#[derive(Debug)]
pub struct Table {
    /// What was learnt about the file.
    pub source: SourceInfo,
    /// The columns in file order.
    pub columns: Vec<Column>,
    /// 1-based line (CSV) or record number (JSON) of every loaded row.
    pub lines: Vec<u64>,
    /// Data rows read below the header, blank lines not counted.
    pub rows_read: usize,
    /// Blank lines below the header.
    pub blank_lines: usize,
    /// Rows set aside while loading (total rows, rows with too many cells).
    pub set_aside: Vec<Issue>,
    /// Problems with single cells of loaded rows (bad amounts, bad periods).
    pub cell_issues: Vec<Issue>,
    /// The file's own total rows.
    pub total_rows: Vec<TotalRow>,
    /// Reconciliation of the total rows against the sums.
    pub findings: Vec<Finding>,
    /// Things the analyst should know that are not tied to one row.
    pub warnings: Vec<Warning>,
    /// A column whose rows are different indicators, each with its unit in
    /// its label (`一般公共预算收入（亿元）`): figures of different indicators
    /// are never added together (`analyze` refuses or leaves totals empty).
    pub indicators: Option<usize>,
    /// The files of a combined table ([`concat`]), in order; empty for one file.
    pub files: Vec<concat::FilePart>,
}

impl Table {
    /// Number of loaded rows.
    ///
    /// # Example
    /// ```
    /// let csv = "年度,金额\n2020,430\n\n2021,\n合计,430\n";
    /// let t = aidstat::load::load(csv.as_bytes(), &Default::default()).unwrap();
    /// assert_eq!(t.len(), 2); // the blank line and the sheet's 合计 row are not rows
    /// ```
    pub fn len(&self) -> usize {
        self.lines.len()
    }

    /// Whether no row was loaded.
    ///
    /// # Example
    /// ```
    /// // A file whose only row is its own 合计 row: nothing to add up.
    /// let t = aidstat::load::load("年度,金额\n合计,430\n".as_bytes(), &Default::default()).unwrap();
    /// assert!(t.is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    /// The distinct values of a key column as shown in results: periods in
    /// calendar order, other values in the order first seen; blank last.
    /// The labels of the sheet's own total rows are not among them.
    ///
    /// # Example
    /// ```
    /// let csv = "年度,板块,金额\n2021,教育,2\n2020,医疗,1\n2020,,3\n合计,,6\n";
    /// let t = aidstat::load::load(csv.as_bytes(), &Default::default()).unwrap();
    /// assert_eq!(t.values(t.column("年度").unwrap()).unwrap(), vec!["2020", "2021"]);
    /// assert_eq!(t.values(t.column("板块").unwrap()).unwrap(), vec!["教育", "医疗", "(空白)"]);
    /// assert_eq!(t.values(t.column("金额").unwrap()), None); // a measure
    /// ```
    pub fn values(&self, column: usize) -> Option<Vec<String>> {
        let ColumnData::Keys { keys, codes } = &self.columns.get(column)?.data else {
            return None;
        };
        let used = used_codes(keys.len(), codes);
        let mut order: Vec<&Key> = keys
            .iter()
            .zip(&used)
            .filter(|(k, &u)| u && !k.bad)
            .map(|(k, _)| k)
            .collect();
        crate::order::sort_by_key(&mut order, |k| (k.blank, k.period));
        let mut seen = std::collections::HashSet::with_capacity(order.len());
        Some(
            order
                .into_iter()
                .filter(|k| seen.insert(k.label.as_str()))
                .map(|k| k.label.clone())
                .collect(),
        )
    }

    /// Distinct values of a key column on the loaded rows (the labels of the
    /// sheet's own total rows, set aside, are not among them).
    ///
    /// # Example
    /// ```
    /// let csv = "年度,板块,金额\n2021,教育,2\n2020,医疗,1\n2020,,3\n合计,,6\n";
    /// let t = aidstat::load::load(csv.as_bytes(), &Default::default()).unwrap();
    /// assert_eq!(t.distinct(0), Some(2)); // 2020, 2021 (not 合计)
    /// assert_eq!(t.distinct(1), Some(3)); // 教育, 医疗 and the blank
    /// assert_eq!(t.distinct(2), None); // a measure
    /// ```
    pub fn distinct(&self, column: usize) -> Option<usize> {
        let ColumnData::Keys { keys, codes } = &self.columns.get(column)?.data else {
            return None;
        };
        Some(
            used_codes(keys.len(), codes)
                .into_iter()
                .filter(|&u| u)
                .count(),
        )
    }

    /// The column with this name (exact, then ignoring full-width / case /
    /// spaces when that names exactly one column).
    ///
    /// # Example
    /// ```
    /// let t = aidstat::load::load("年度,金额（万元）\n2020,1\n".as_bytes(), &Default::default()).unwrap();
    /// assert_eq!(t.column("金额(万元)"), Some(1));
    /// assert_eq!(t.column("地区"), None);
    /// ```
    pub fn column(&self, name: &str) -> Option<usize> {
        self.columns
            .iter()
            .position(|c| c.name == name)
            .or_else(|| match self.columns_like(name).as_slice() {
                [one] => Some(*one),
                _ => None,
            })
    }

    /// The columns whose names read as `name` when full-width / half-width,
    /// case and spaces are ignored.
    pub(crate) fn columns_like(&self, name: &str) -> Vec<usize> {
        let want = crate::cell::loose_name(name);
        (0..self.columns.len())
            .filter(|&i| {
                self.columns
                    .get(i)
                    .is_some_and(|c| crate::cell::loose_name(&c.name) == want)
            })
            .collect()
    }
}

/// One column of the table.
#[derive(Debug)]
pub struct Column {
    /// Header text (made unique).
    pub name: String,
    /// 0-based position in the file.
    pub index: usize,
    /// Period, dimension, measure or ignore.
    pub role: Role,
    /// Money, count or plain number, for measures.
    pub kind: Option<MeasureKind>,
    /// Unit of a measure, as the file states it.
    pub unit: Option<Unit>,
    /// Where the unit came from.
    pub unit_source: Option<UnitSource>,
    /// Calendar step of a period column.
    pub grain: Option<Grain>,
    /// The values.
    pub data: ColumnData,
    /// Null cells.
    pub nulls: usize,
    /// Cells that could not be read.
    pub bad: usize,
    /// Approximate values.
    pub approx: usize,
}

/// The values of a column.
#[derive(Debug)]
pub enum ColumnData {
    /// Period and dimension columns: one code per row into `keys`.
    Keys {
        /// Code of each row's value.
        codes: Vec<u32>,
        /// The distinct values.
        keys: Vec<Key>,
    },
    /// Measure columns.
    Measure(MeasureData),
    /// Ignored columns hold nothing.
    Ignored,
}

/// A distinct value of a key column.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Key {
    /// Label shown in results: the trimmed text, `"2020"` for a period,
    /// `(空白)` for a blank cell.
    pub label: String,
    /// The period, in a period column.
    pub period: Option<Period>,
    /// Whether the cell was blank / a null marker.
    pub blank: bool,
    /// Whether the cell could not be read as a period (period columns).
    pub bad: bool,
}

/// Label of a blank key cell, as Excel's pivot tables show it.
pub const BLANK_LABEL: &str = "(空白)";

/// Measure cells: an exact value and a state per row.
///
/// Values are kept as 64-bit mantissas at one scale for the whole column (8
/// bytes a cell, against 16 for a `Decimal`) while every value fits; a value
/// with more decimals rescales the column once, and a column with a value
/// that does not fit in 64 bits at the column's scale keeps `Decimal`s.
#[derive(Debug, Default)]
pub struct MeasureData {
    values: Values,
    /// State per row.
    pub states: Vec<CellState>,
}

#[derive(Debug)]
enum Values {
    /// `mantissa × 10^-scale` per row.
    Scaled { mantissas: Vec<i64>, scale: u32 },
    /// A `Decimal` per row.
    Wide(Vec<Decimal>),
}

impl Default for Values {
    fn default() -> Values {
        Values::Scaled {
            mantissas: Vec::new(),
            scale: 0,
        }
    }
}

impl MeasureData {
    /// Value of row `r` (money in 元, counts and plain numbers as written);
    /// zero where the state is not [`CellState::Value`] or
    /// [`CellState::Approx`].
    #[inline]
    pub(crate) fn value(&self, r: usize) -> Option<Decimal> {
        match &self.values {
            Values::Scaled { mantissas, scale } => {
                Decimal::try_new(*mantissas.get(r)?, *scale).ok()
            }
            Values::Wide(w) => w.get(r).copied(),
        }
    }

    /// The mantissas and their scale, when the column keeps them so.
    pub(crate) fn scaled(&self) -> Option<(&[i64], u32)> {
        match &self.values {
            Values::Scaled { mantissas, scale } => Some((mantissas, *scale)),
            Values::Wide(_) => None,
        }
    }

    /// Bytes a value takes.
    pub(crate) fn value_bytes(&self) -> usize {
        match self.values {
            Values::Scaled { .. } => std::mem::size_of::<i64>(),
            Values::Wide(_) => std::mem::size_of::<Decimal>(),
        }
    }

    /// Room for `rows` more rows, exactly.
    pub(crate) fn reserve_exact(&mut self, rows: usize) {
        match &mut self.values {
            Values::Scaled { mantissas, .. } => mantissas.reserve_exact(rows),
            Values::Wide(w) => w.reserve_exact(rows),
        }
        self.states.reserve_exact(rows);
    }

    /// Appends a row.
    pub(crate) fn push(&mut self, state: CellState, v: Decimal) {
        self.states.push(state);
        if let Values::Scaled { mantissas, scale } = &mut self.values {
            if v.scale() > *scale && !rescale(mantissas, scale, v.scale()) {
                self.widen();
            } else if let Some(m) = mantissa_at(v, *scale) {
                mantissas.push(m);
                return;
            } else {
                self.widen();
            }
        }
        if let Values::Wide(w) = &mut self.values {
            w.push(v);
        }
    }

    /// Appends an exact value given as `m × 10^-s` (`s` ≤ 18): straight to
    /// the column's mantissas when it fits at the column's scale, else as
    /// [`MeasureData::push`] would; false (nothing appended) when no
    /// `Decimal` has that scale.
    #[inline]
    pub(crate) fn push_plain(&mut self, m: i64, s: u32) -> bool {
        if let Values::Scaled { mantissas, scale } = &mut self.values {
            if let Some(m) = scale
                .checked_sub(s)
                .and_then(pow10)
                .and_then(|k| m.checked_mul(k))
            {
                self.states.push(CellState::Value);
                mantissas.push(m);
                return true;
            }
        }
        match Decimal::try_new(m, s) {
            Ok(v) => {
                self.push(CellState::Value, v);
                true
            }
            Err(_) => false,
        }
    }

    /// Keeps `Decimal`s from now on.
    fn widen(&mut self) {
        if let Values::Scaled { mantissas, scale } = &self.values {
            let wide = mantissas
                .iter()
                .map(|&m| Decimal::try_new(m, *scale).unwrap_or(Decimal::ZERO))
                .collect();
            self.values = Values::Wide(wide);
        }
    }
}

/// `v`'s mantissa at `scale` (not below `v`'s own), if it fits in 64 bits.
#[inline]
fn mantissa_at(v: Decimal, scale: u32) -> Option<i64> {
    let m = i64::try_from(v.mantissa()).ok()?;
    match scale.checked_sub(v.scale())? {
        0 => Some(m),
        d => m.checked_mul(pow10(d)?),
    }
}

/// 10^k when it fits in 64 bits (a table: no loop, no 128-bit arithmetic).
#[inline]
pub(crate) fn pow10(k: u32) -> Option<i64> {
    const P: [i64; 19] = {
        let mut p = [1i64; 19];
        let mut i = 1;
        while i < 19 {
            p[i] = p[i - 1] * 10;
            i += 1;
        }
        p
    };
    P.get(k as usize).copied()
}

/// Brings every mantissa from `scale` to `to`, if all still fit in 64 bits
/// (nothing changes when one would not).
fn rescale(mantissas: &mut [i64], scale: &mut u32, to: u32) -> bool {
    let Some(k) = to.checked_sub(*scale).and_then(|d| 10i64.checked_pow(d)) else {
        return false;
    };
    if mantissas.iter().any(|m| m.checked_mul(k).is_none()) {
        return false;
    }
    for m in mantissas.iter_mut() {
        *m *= k;
    }
    *scale = to;
    true
}

/// What a measure cell holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CellState {
    /// An exact value.
    Value,
    /// An approximate value (约, 近, 超 …): used, and counted in the warnings.
    Approx,
    /// Missing (null marker or empty): not summed, counted apart.
    Null,
    /// Could not be read: the row is kept out of calculations on this column.
    Bad,
}

/// A row or cell set aside, with where it is and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Issue {
    /// 1-based line (CSV) or record number (JSON).
    pub line: u64,
    /// Index of the loaded row it belongs to (cell issues), if any.
    pub row: Option<usize>,
    /// Stable reason code: `total_row`, `bad_cell`, `bad_period`, `too_many_cells`,
    /// `unit_mismatch`, `out_of_range`, `unknown_unit`.
    pub reason: &'static str,
    /// Column index, when a cell is meant.
    pub column: Option<usize>,
    /// Raw text of the cell (or the row).
    pub raw: String,
    /// Its words (zh-CN, zh-TW, en).
    pub text: Texts,
}

/// A note about the whole file: the one message type.
pub type Warning = crate::message::Message;

/// Level of a total row, re-exported for the totals module.
pub type Level = TotalLevel;

/// Which of `n` key codes a loaded row holds.
fn used_codes(n: usize, codes: &[u32]) -> Vec<bool> {
    let mut used = vec![false; n];
    for &c in codes {
        if let Some(u) = used.get_mut(c as usize) {
            *u = true;
        }
    }
    used
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn measure_values_keep_their_exact_value_through_rescaling_and_widening() {
        let mut m = MeasureData::default();
        let pushed = ["430", "12.5", "0", "-3.125", "1000000"];
        for v in pushed {
            m.push(CellState::Value, d(v));
        }
        // One scale for the column: 3 decimals (from -3.125), 8 bytes a value.
        assert_eq!(
            m.scaled().map(|(v, s)| (v.to_vec(), s)),
            Some((vec![430_000, 12_500, 0, -3_125, 1_000_000_000], 3))
        );
        assert_eq!(m.value_bytes(), 8);
        // 9,223,372,036,854,775,807 does not fit at 3 decimals: Decimals from now on.
        m.push(CellState::Value, d("9223372036854775807"));
        m.push(CellState::Null, Decimal::ZERO);
        m.push(CellState::Value, d("0.0000001"));
        assert!(m.scaled().is_none());
        assert_eq!(m.value_bytes(), 16);
        let want = [
            "430",
            "12.5",
            "0",
            "-3.125",
            "1000000",
            "9223372036854775807",
            "0",
            "0.0000001",
        ];
        for (r, w) in want.iter().enumerate() {
            assert_eq!(m.value(r), Some(d(w)), "row {r}");
        }
        assert_eq!(m.states.len(), 8);
        assert_eq!(m.value(8), None);
    }

    #[test]
    fn a_scale_beyond_64_bits_widens_without_losing_values() {
        let mut m = MeasureData::default();
        m.push(CellState::Value, d("123456789012"));
        // 20 decimals: 123456789012 × 10^20 does not fit in 64 bits.
        m.push(CellState::Value, d("0.00000000000000000001"));
        assert!(m.scaled().is_none());
        assert_eq!(m.value(0), Some(d("123456789012")));
        assert_eq!(m.value(1), Some(d("0.00000000000000000001")));
    }
}
