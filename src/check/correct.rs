//! Corrections are load options. A finding's fix is a fragment of
//! [`LoadOptions`]: `corrections` replace one cell's raw text before it is
//! read (the original text is kept and reported as a `corrected` warning),
//! `relabel` unifies the labels of a dimension column. Accepting a fix is
//! loading again with the fragment merged in ([`Correction::accept`]); undoing
//! it is loading without it ([`Correction::undo`]).
//!
//! [`Edits`] applies them while a table is built, in one place
//! (`table::build`, where a record's fields are taken, before typing).

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};

use crate::cell::trim_cell;
use crate::table::schema::loose_name;
use crate::table::{LoadOptions, Warning};

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
    /// let mut opts = aidstat::table::LoadOptions::default();
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
#[derive(Debug, Default)]
pub struct Edits {
    /// Line → (column index, text, applied).
    by_line: HashMap<u64, LineEdits>,
    /// Column index → (label → label, rows changed per label).
    relabel: Vec<ColumnRelabel>,
    names: Vec<String>,
    notes: Vec<Warning>,
}

impl Edits {
    /// Resolves the load options' corrections against the header names.
    pub fn new(opts: &LoadOptions, names: &[String]) -> Edits {
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
        cols.sort_by(|a, b| a.0.cmp(b.0));
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

    /// The record's fields with the edits applied, or `None` when nothing changes.
    pub fn apply(&mut self, line: u64, fields: &[&str]) -> Option<Vec<String>> {
        if self.by_line.is_empty() && self.relabel.is_empty() {
            return None;
        }
        let mut out: Option<Vec<String>> = None;
        if let Some(list) = self.by_line.get_mut(&line) {
            for (i, text, applied) in list.iter_mut() {
                let Some(old) = fields.get(*i) else { continue };
                let cells =
                    out.get_or_insert_with(|| fields.iter().map(|s| s.to_string()).collect());
                if let Some(cell) = cells.get_mut(*i) {
                    *cell = text.clone();
                }
                *applied = true;
                let name = self.names.get(*i).map_or("", String::as_str);
                self.notes.push(Warning {
                    code: "corrected",
                    message_zh: format!(
                        "第 {line} 行“{name}”列按更正读作“{text}”（原文“{old}”）"
                    ),
                    message_en: format!(
                        "line {line}, column \"{name}\": read as \"{text}\" by a correction (the file says \"{old}\")"
                    ),
                    line: Some(line),
                });
            }
        }
        for (i, map) in self.relabel.iter_mut() {
            let current = out
                .as_ref()
                .and_then(|o| o.get(*i).map(String::as_str))
                .or_else(|| fields.get(*i).copied());
            let Some((to, n)) = current.and_then(|c| map.get_mut(trim_cell(c))) else {
                continue;
            };
            *n += 1;
            let to = to.clone();
            let cells = out.get_or_insert_with(|| fields.iter().map(|s| s.to_string()).collect());
            if let Some(cell) = cells.get_mut(*i) {
                *cell = to;
            }
        }
        out
    }

    /// What the edits did, as warnings: relabels with their row counts, and
    /// corrections that found no such line.
    pub fn notes(&mut self) -> Vec<Warning> {
        let mut notes = std::mem::take(&mut self.notes);
        for (i, map) in &self.relabel {
            let name = self.names.get(*i).map_or("", String::as_str);
            let mut pairs: Vec<(&String, &(String, usize))> = map.iter().collect();
            pairs.sort();
            for (from, (to, n)) in pairs {
                notes.push(Warning::new(
                    "relabelled",
                    format!("“{name}”列的“{from}”按设置统一为“{to}”（{n} 行）"),
                    format!("column \"{name}\": \"{from}\" read as \"{to}\" ({n} rows)"),
                ));
            }
        }
        let mut lines: Vec<(&u64, &LineEdits)> = self.by_line.iter().collect();
        lines.sort();
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
