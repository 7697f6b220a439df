//! Corrections are load options. A finding's fix is a fragment of
//! [`LoadOptions`]: `corrections` replace one cell's raw text before it is
//! read (the original text is kept and reported as a `corrected` warning),
//! `relabel` unifies the labels of a dimension column. Accepting a fix is
//! loading again with the fragment merged in ([`Correction::accept`]); undoing
//! it is loading without it ([`Correction::undo`]).
//!
//! [`Edits`] applies them while a table is built (`load::builder`): a
//! corrected line is pushed as a new record before anything is typed, and a
//! relabel is applied where key cells are interned.

use crate::message::Texts;
use std::collections::{BTreeMap, HashMap};

use ::csv::ByteRecord;
use serde::{Deserialize, Serialize};

use super::infer::loose_name;
use super::LoadOptions;
use crate::read::{csv::field_text, Fields};
use crate::table::Warning;

/// Replace one cell's raw text before it is read.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CellCorrection {
    /// The file line (CSV) or record number (JSON) of the row.
    pub line: u64,
    /// The column's header name, as in the schema.
    pub column: String,
    /// The text to read instead, e.g. `2.7379亿元`; `""` makes the cell empty.
    pub value: String,
}

/// The load-option fragment that fixes a finding (`{corrections}` or `{relabel}`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Correction {
    /// Cells to read differently.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub corrections: Vec<CellCorrection>,
    /// Column name → (label as written → label to use).
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub relabel: BTreeMap<String, BTreeMap<String, String>>,
}

impl Correction {
    /// Merges the fix into load options (a correction of the same cell is replaced).
    ///
    /// # Example
    /// ```
    /// use aidstat::check::{CellCorrection, Correction};
    /// let fix = Correction {
    ///     corrections: vec![CellCorrection { line: 4, column: "金额".into(), value: "2.7379亿元".into() }],
    ///     ..Default::default()
    /// };
    /// let mut opts = aidstat::load::LoadOptions::default();
    /// fix.accept(&mut opts);
    /// assert_eq!(opts.corrections.len(), 1);
    /// fix.undo(&mut opts);
    /// assert!(opts.corrections.is_empty());
    /// ```
    pub fn accept(&self, opts: &mut LoadOptions) {
        for c in &self.corrections {
            opts.corrections
                .retain(|o| !(o.line == c.line && o.column == c.column));
            opts.corrections.push(c.clone());
        }
        for (col, map) in &self.relabel {
            let m = opts.relabel.entry(col.clone()).or_default();
            for (from, to) in map {
                m.insert(from.clone(), to.clone());
            }
        }
    }

    /// Removes the fix from load options.
    ///
    /// # Example
    /// ```
    /// use std::collections::BTreeMap;
    /// use aidstat::check::Correction;
    /// let fix = Correction {
    ///     relabel: BTreeMap::from([("板块".to_string(), BTreeMap::from([("醫療幫扶".to_string(), "医疗帮扶".to_string())]))]),
    ///     ..Default::default()
    /// };
    /// let mut opts = aidstat::load::LoadOptions::default();
    /// opts.relabel.entry("板块".into()).or_default().insert("教育".into(), "教育帮扶".into());
    /// fix.accept(&mut opts);
    /// assert_eq!(opts.relabel["板块"].len(), 2);
    /// fix.undo(&mut opts);
    /// assert_eq!(opts.relabel["板块"].len(), 1); // the relabel the fix did not add stays
    /// assert_eq!(opts.relabel["板块"]["教育"], "教育帮扶");
    /// ```
    pub fn undo(&self, opts: &mut LoadOptions) {
        opts.corrections.retain(|o| !self.corrections.contains(o));
        for (col, map) in &self.relabel {
            if let Some(m) = opts.relabel.get_mut(col) {
                for (from, to) in map {
                    if m.get(from) == Some(to) {
                        m.remove(from);
                    }
                }
                if m.is_empty() {
                    opts.relabel.remove(col);
                }
            }
        }
    }
}

/// Per line: (column index, text, applied).
type LineEdits = Vec<(usize, String, bool)>;
/// Per column: (column index, label → (label, rows changed)).
type ColumnRelabel = (usize, HashMap<String, (String, usize)>);

/// Corrections and relabels ready to apply while loading, with what was used.
///
/// Corrections: `load::builder` asks [`Edits::corrected`] for a line only when
/// the load has corrections at all ([`Edits::has_corrections`], decided once);
/// a corrected line is pushed as a `ByteRecord` with the new text. Relabels:
/// each key column's interner reads a label as another when it first meets
/// the text ([`Edits::relabels`]) and hands back its row counts
/// ([`Edits::relabelled`]), so rows without a correction cost nothing extra.
#[derive(Debug, Default)]
pub struct Edits {
    /// Line → (column index, text, applied).
    by_line: HashMap<u64, LineEdits>,
    /// Column index → (label → label, rows changed per label), by column name.
    relabel: Vec<ColumnRelabel>,
    names: Vec<String>,
    notes: Vec<Warning>,
}

impl Edits {
    /// Resolves the load options' corrections against the header names.
    pub(crate) fn new(opts: &LoadOptions, names: &[String]) -> Edits {
        let mut e = Edits {
            names: names.to_vec(),
            ..Edits::default()
        };
        if opts.corrections.is_empty() && opts.relabel.is_empty() {
            return e;
        }
        let find = |name: &str| {
            names.iter().position(|n| n == name).or_else(|| {
                let want = loose_name(name);
                names.iter().position(|n| loose_name(n) == want)
            })
        };
        for c in &opts.corrections {
            match find(&c.column) {
                Some(i) => e
                    .by_line
                    .entry(c.line)
                    .or_default()
                    .push((i, c.value.clone(), false)),
                None => e.notes.push(unused(c.line, &c.column)),
            }
        }
        let mut cols: Vec<(&String, &HashMap<String, String>)> = opts.relabel.iter().collect();
        crate::order::sort_by(&mut cols, |a, b| a.0.cmp(b.0));
        for (col, map) in cols {
            match find(col) {
                Some(i) => e.relabel.push((
                    i,
                    map.iter()
                        .map(|(f, t)| (f.clone(), (t.clone(), 0)))
                        .collect(),
                )),
                None => e.notes.push(Warning::new(
                    "relabel_unused",
                    format!("统一写法的设置未使用：没有“{col}”列"),
                    format!("relabel not used: there is no column \"{col}\""),
                )),
            }
        }
        e
    }

    /// Whether any line has a correction.
    pub(crate) fn has_corrections(&self) -> bool {
        !self.by_line.is_empty()
    }

    /// The record with this line's corrections applied, or `None` when the
    /// line has none. Short records are padded to the corrected column.
    pub(crate) fn corrected<F: Fields>(&mut self, line: u64, rec: &F) -> Option<ByteRecord> {
        let list = self.by_line.get_mut(&line)?;
        let width = list
            .iter()
            .map(|(i, _, _)| i + 1)
            .max()
            .unwrap_or(0)
            .max(rec.len());
        let mut out = ByteRecord::with_capacity(0, width);
        for j in 0..width {
            match list.iter().rev().find(|(i, _, _)| *i == j) {
                Some((_, text, _)) => out.push_field(text.as_bytes()),
                None => out.push_field(rec.get(j).unwrap_or(b"")),
            }
        }
        for (i, text, applied) in list.iter_mut() {
            *applied = true;
            let old = field_text(rec.get(*i).unwrap_or(b""));
            let name = self.names.get(*i).map_or("", String::as_str);
            self.notes.push(Warning {
                code: "corrected",
                text: Texts::new(format!("第 {line} 行“{name}”列按更正读作“{text}”（原文“{old}”）"), format!(
                    "line {line}, column \"{name}\": read as \"{text}\" by a correction (the file says \"{old}\")"
                )),
                line: Some(line),
            });
        }
        Some(out)
    }

    /// The relabels, per column index: (label as written, label to use).
    pub(crate) fn relabels(&self) -> Vec<(usize, Vec<(String, String)>)> {
        self.relabel
            .iter()
            .map(|(i, map)| {
                let pairs = map
                    .iter()
                    .map(|(from, (to, _))| (from.clone(), to.clone()))
                    .collect();
                (*i, pairs)
            })
            .collect()
    }

    /// Records that `n` rows of column `col` had `from` read as its new label.
    pub(crate) fn relabelled(&mut self, col: usize, from: &str, n: usize) {
        for (_, map) in self.relabel.iter_mut().filter(|(i, _)| *i == col) {
            if let Some((_, count)) = map.get_mut(from) {
                *count += n;
            }
        }
    }

    /// Drops the relabel of a column that has no labels (a measure, or
    /// ignored), with a `relabel_unused` warning.
    pub(crate) fn not_labels(&mut self, col: usize) {
        if !self.relabel.iter().any(|(i, _)| *i == col) {
            return;
        }
        self.relabel.retain(|(i, _)| *i != col);
        let name = self.names.get(col).map_or("", String::as_str);
        self.notes.push(Warning::new(
            "relabel_unused",
            format!("统一写法的设置未使用：“{name}”列不是分类列"),
            format!("relabel not used: column \"{name}\" holds no labels"),
        ));
    }

    /// What the edits did, as warnings: relabels with their row counts, and
    /// corrections that found no such line.
    pub(crate) fn notes(&mut self) -> Vec<Warning> {
        let mut notes = std::mem::take(&mut self.notes);
        for (i, map) in &self.relabel {
            let name = self.names.get(*i).map_or("", String::as_str);
            let mut pairs: Vec<(&String, &(String, usize))> = map.iter().collect();
            crate::order::sort(&mut pairs);
            for (from, (to, n)) in pairs {
                notes.push(Warning::new(
                    "relabelled",
                    format!("“{name}”列的“{from}”按设置统一为“{to}”（{n} 行）"),
                    format!("column \"{name}\": \"{from}\" read as \"{to}\" ({n} rows)"),
                ));
            }
        }
        let mut lines: Vec<(&u64, &LineEdits)> = self.by_line.iter().collect();
        crate::order::sort(&mut lines);
        for (line, list) in lines {
            for (i, _, applied) in list {
                if !applied {
                    let name = self.names.get(*i).map_or("", String::as_str);
                    notes.push(unused(*line, name));
                }
            }
        }
        notes
    }
}

fn unused(line: u64, column: &str) -> Warning {
    let mut w = Warning::new(
        "correction_unused",
        format!("更正未使用：没有第 {line} 行或“{column}”列"),
        format!("correction not used: there is no line {line} or no column \"{column}\""),
    );
    w.line = Some(line);
    w
}
