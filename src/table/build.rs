//! Loading: bytes → [`Table`]. Reads the first records to decide each
//! column's role and unit, then streams every record into typed columns,
//! setting aside the sheet's own total rows and rows with too many cells.

use std::collections::HashMap;

use csv::ByteRecord;
use rust_decimal::Decimal;
use rustc_hash::FxHashMap;

use super::schema::{
    infer_role, infer_unit, sample_of, unit_column, ColumnOverride, MeasureKind, Role, Sample,
    UnitSource,
};
use super::{
    totals, CellState, Column, ColumnData, Issue, Key, MeasureData, Table, Warning, BLANK_LABEL,
};
use crate::cell::{
    is_null_marker, parse_number, parse_period, parse_plain, total_marker, trim_cell, BadNumber,
    CellValue, Grain, MoneyUnit, Period, TotalLevel, Unit,
};
use crate::check::correct::{CellCorrection, Edits};
use crate::error::Result;
use crate::limits;
use crate::read::{self, csv::field_text, decode, Fields, ReadOptions, Row};

/// Records read per call of `Builder::drain_block`.
const DRAIN_BLOCK: usize = 8192;

/// Records looked at to infer roles and units.
const SAMPLE: usize = 10_000;

/// Everything that steers loading.
#[derive(Clone, Debug, Default)]
pub struct LoadOptions {
    /// Format, encoding, delimiter, header line.
    pub read: ReadOptions,
    /// Corrections per column, by header name.
    pub columns: HashMap<String, ColumnOverride>,
    /// Money unit for measure columns whose header names none.
    pub default_unit: Option<MoneyUnit>,
    /// Cells read as other text (a finding's fix; the original is reported).
    pub corrections: Vec<CellCorrection>,
    /// Labels unified: column name → (label as written → label to use).
    pub relabel: HashMap<String, HashMap<String, String>>,
}

/// Loads a file's bytes into a table.
///
/// # Example
/// ```
/// let csv = "年度,板块,金额(万元)\n2020,医疗帮扶,430\n2020,教育帮扶,148\n合计,,578\n";
/// let t = aidstat::table::load(csv.as_bytes(), &Default::default()).unwrap();
/// assert_eq!(t.len(), 2);
/// assert_eq!(t.total_rows.len(), 1);
/// ```
pub fn load(bytes: &[u8], opts: &LoadOptions) -> Result<Table> {
    let decoded = decode::decode(bytes, opts.read.encoding.as_deref())?;
    let mut source = read::open(&decoded, &opts.read)?;
    let (mut b, warnings) = begin(&mut source, opts, decoded.text.len(), Budget::Cells)?;
    b.drain(&mut source.rows, Budget::Cells)?;
    end(b, source.info, warnings)
}

/// The first part of loading: names, a sample of records to decide the
/// roles, and a [`Builder`] holding the sample's rows. `text_len` (bytes of
/// text the file probably holds) sizes the columns.
pub(super) fn begin(
    source: &mut read::Source<'_>,
    opts: &LoadOptions,
    text_len: usize,
    budget: Budget,
) -> Result<(Builder, Vec<Warning>)> {
    let mut warnings = Vec::new();
    let names = unique_names(&source.headers, &mut warnings);
    for name in opts.columns.keys().filter(|n| !names.contains(n)) {
        warnings.push(Warning::new(
            "unknown_override",
            format!("列设置中的“{name}”在文件里没有，已忽略"),
            format!("the column setting for \"{name}\" names no column of this file; ignored"),
        ));
    }

    // Buffer a sample to decide the roles.
    let mut sample: Vec<(u64, ByteRecord)> = Vec::new();
    let mut rec = Row::default();
    while sample.len() < SAMPLE {
        match source.rows.next_row(&mut rec) {
            Some(line) => sample.push((line, rec.to_record())),
            None => break,
        }
    }
    let unit_line = source.info.unit_line.as_ref().map(|u| u.2);
    let mut b = Builder::new(&names, &sample, unit_line, opts, &mut warnings);
    let mut rows = estimate_rows(text_len, &sample);
    if budget == Budget::Memory {
        // Never more room than the budget allows: a file too big for it is
        // refused with a message when the rows get there, not by a failed
        // allocation now.
        rows = rows.min(limits::MAX_TABLE_BYTES / b.row_bytes().max(1));
    }
    b.reserve(rows);
    for (line, r) in &sample {
        b.push(*line, r);
    }
    Ok((b, warnings))
}

/// The last part of loading: the columns made a table, its total rows
/// reconciled, the checks that need the whole table.
pub(super) fn end(mut b: Builder, info: read::SourceInfo, warnings: Vec<Warning>) -> Result<Table> {
    let edit_notes = b.edit_notes();
    let mut table = b.finish(info, warnings);
    table.warnings.extend(edit_notes);
    let (findings, unchecked) = totals::reconcile(&table);
    table.findings = findings;
    table.warnings.extend(unchecked);
    super::checks::after_load(table)
}

/// How big a table may grow while loading.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Budget {
    /// The whole file's text is held beside the table: [`limits::MAX_CELLS`].
    Cells,
    /// Only the table is held (a file read in chunks): [`limits::MAX_TABLE_BYTES`].
    Memory,
}

/// Rows a text of `len` bytes probably holds, from the sample's bytes per
/// row (an estimate for reserving memory, capped to stay harmless).
fn estimate_rows(len: usize, sample: &[(u64, ByteRecord)]) -> usize {
    let bytes: usize = sample
        .iter()
        .map(|(_, r)| r.as_slice().len() + r.len())
        .sum();
    match (bytes.checked_div(sample.len()), sample.len() < SAMPLE) {
        (_, true) => sample.len(),
        (Some(per_row), false) if per_row > 0 => (len / per_row).min(50_000_000),
        _ => 0,
    }
}

/// Names made unique and non-empty: an empty header becomes `列3`, a repeated
/// one `金额_2`.
fn unique_names(headers: &[String], warnings: &mut Vec<Warning>) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(headers.len());
    for (i, h) in headers.iter().enumerate() {
        let mut name = if h.is_empty() {
            warnings.push(Warning::new(
                "empty_header",
                format!("第 {} 列没有表头，命名为“列{}”", i + 1, i + 1),
                format!("column {} has no header; named \"列{}\"", i + 1, i + 1),
            ));
            format!("列{}", i + 1)
        } else {
            h.clone()
        };
        if out.contains(&name) {
            let base = name.clone();
            let mut k = 2;
            while out.contains(&name) {
                name = format!("{base}_{k}");
                k += 1;
            }
            warnings.push(Warning::new(
                "duplicate_header",
                format!("表头“{base}”重复，第 {} 列改称“{name}”", i + 1),
                format!(
                    "header \"{base}\" is repeated; column {} is named \"{name}\"",
                    i + 1
                ),
            ));
        }
        out.push(name);
    }
    out
}

/// Interns the values of one key column, keyed by the cell's bytes: each
/// distinct text is trimmed, checked for markers and parsed only once.
#[derive(Default)]
struct Interner {
    by_bytes: FxHashMap<Box<[u8]>, u32>,
    by_label: HashMap<String, u32>,
    keys: Vec<Key>,
    totals: Vec<Option<TotalLevel>>,
    /// Labels read as others (load option `relabel`); `None` for most columns.
    relabel: Option<Box<Relabel>>,
}

/// One column's relabels. A relabelled cell's bytes are kept apart from
/// `by_bytes`, so its rows are counted; every other cell costs nothing extra.
#[derive(Default)]
struct Relabel {
    /// (label as written, label to use, rows).
    pairs: Vec<(String, String, usize)>,
    /// Label as written → index in `pairs`.
    index: HashMap<String, usize>,
    /// Cells met: bytes → (code, index in `pairs`).
    seen: FxHashMap<Box<[u8]>, (u32, usize)>,
}

impl Relabel {
    fn new(pairs: Vec<(String, String)>) -> Relabel {
        let mut r = Relabel::default();
        for (from, to) in pairs {
            r.index.insert(from.clone(), r.pairs.len());
            r.pairs.push((from, to, 0));
        }
        r
    }

    /// One more row read with relabel `k`.
    fn count(&mut self, k: usize) {
        if let Some(p) = self.pairs.get_mut(k) {
            p.2 += 1;
        }
    }
}

impl Interner {
    /// Code of a raw cell.
    #[inline]
    fn code(&mut self, raw: &[u8], period: Option<Grain>) -> u32 {
        match self.by_bytes.get(raw) {
            Some(&c) => c,
            None => self.intern(raw, period),
        }
    }

    /// A cell not met before, or one that is relabelled.
    fn intern(&mut self, raw: &[u8], period: Option<Grain>) -> u32 {
        let written = trim_cell(field_text(raw));
        // (index in the relabels, label to use)
        let relabelled = match self.relabel.as_deref_mut() {
            Some(r) => {
                if let Some(&(code, k)) = r.seen.get(raw) {
                    r.count(k);
                    return code;
                }
                r.index
                    .get(written)
                    .and_then(|&k| Some((k, r.pairs.get(k)?.1.clone())))
            }
            None => None,
        };
        let text = relabelled.as_ref().map_or(written, |(_, to)| trim_cell(to));
        let total = total_marker(text);
        let mut key = Key {
            label: text.to_string(),
            period: None,
            blank: false,
            bad: false,
        };
        if total.is_none() && is_null_marker(text) {
            key.label = BLANK_LABEL.to_string();
            key.blank = true;
        } else if let (Some(grain), None) = (period, total) {
            match parse_period(text).map(|v| v.and_then(|v| v.at(grain))) {
                Ok(Some(p)) => {
                    key.label = p.label();
                    key.period = Some(p);
                }
                Ok(None) | Err(_) => key.bad = true, // not a period, or coarser than the grain
            }
        }
        let code = match self.by_label.get(&key.label) {
            Some(&c) if !key.bad => c,
            _ => {
                let c = self.keys.len() as u32;
                if !key.bad {
                    self.by_label.insert(key.label.clone(), c);
                }
                self.keys.push(key);
                self.totals.push(total);
                c
            }
        };
        match (relabelled, self.relabel.as_deref_mut()) {
            (Some((k, _)), Some(r)) => {
                r.seen.insert(raw.into(), (code, k));
                r.count(k);
            }
            _ => {
                self.by_bytes.insert(raw.into(), code);
            }
        }
        code
    }
}

enum Slot {
    Keys {
        codes: Vec<u32>,
        interner: Interner,
        grain: Option<Grain>,
    },
    /// `per_row`: the row's unit comes from the unit column, where the cell names none.
    Measure {
        data: MeasureData,
        kind: MeasureKind,
        unit: Option<Unit>,
        per_row: bool,
    },
    Ignored,
}

pub(super) struct Builder {
    columns: Vec<Column>,
    slots: Vec<Slot>,
    width: usize,
    lines: Vec<u64>,
    rows_read: usize,
    blank_lines: usize,
    short_rows: usize,
    set_aside: Vec<Issue>,
    cell_issues: Vec<Issue>,
    total_rows: Vec<totals::TotalRow>,
    warnings: Vec<Warning>,
    delimiter: char,
    /// A column naming each row's unit.
    unit_col: Option<usize>,
    /// The current row's key codes, per column.
    codes: Vec<u32>,
    /// Corrections and relabels from the load options.
    edits: Edits,
    /// Whether any line has a correction (decided once, before the rows).
    corrections: bool,
}

impl Builder {
    fn new(
        names: &[String],
        sample: &[(u64, ByteRecord)],
        unit_line: Option<MoneyUnit>,
        opts: &LoadOptions,
        warnings: &mut Vec<Warning>,
    ) -> Builder {
        let mut columns = Vec::with_capacity(names.len());
        let mut slots = Vec::with_capacity(names.len());
        for (i, name) in names.iter().enumerate() {
            let cells = sample_of(
                sample
                    .iter()
                    .map(|(_, r)| field_text(r.get(i).unwrap_or(b""))),
            );
            let over = opts.columns.get(name).cloned().unwrap_or_default();
            let role = over.role.unwrap_or_else(|| infer_role(name, &cells));
            let mut col = Column {
                name: name.clone(),
                index: i,
                role,
                kind: None,
                unit: None,
                unit_source: None,
                grain: None,
                data: ColumnData::Ignored,
                nulls: 0,
                bad: 0,
                approx: 0,
            };
            let slot = match role {
                Role::Period => {
                    let grain = over.grain.unwrap_or_else(|| default_grain(&cells));
                    col.grain = Some(grain);
                    Slot::Keys {
                        codes: Vec::new(),
                        interner: Interner::default(),
                        grain: Some(grain),
                    }
                }
                Role::Dimension => Slot::Keys {
                    codes: Vec::new(),
                    interner: Interner::default(),
                    grain: None,
                },
                Role::Measure => {
                    let (kind, unit, source) = match over.unit {
                        Some(u @ Unit::Money(_)) => {
                            (MeasureKind::Money, Some(u), Some(UnitSource::User))
                        }
                        Some(u @ Unit::Count(_)) => {
                            (MeasureKind::Count, Some(u), Some(UnitSource::User))
                        }
                        None => infer_unit(name, &cells, unit_line, opts.default_unit),
                    };
                    if kind == MeasureKind::Number {
                        warnings.push(Warning::new(
                            "unit_unknown",
                            format!("“{name}”列没有注明单位，按原数显示；可在列设置中指定（元、万元、亿元）"),
                            format!("column \"{name}\" names no unit; figures are shown as written (set one: 元, 万元, 亿元)"),
                        ));
                    }
                    col.kind = Some(kind);
                    col.unit = unit;
                    col.unit_source = source;
                    Slot::Measure {
                        data: MeasureData::default(),
                        kind,
                        unit,
                        per_row: false,
                    }
                }
                Role::Ignore => Slot::Ignored,
            };
            columns.push(col);
            slots.push(slot);
        }
        let unit_col = Self::apply_unit_column(names, sample, &mut columns, &mut slots, warnings);
        let mut edits = Edits::new(opts, names);
        for (i, pairs) in edits.relabels() {
            match slots.get_mut(i) {
                Some(Slot::Keys { interner, .. }) => {
                    interner.relabel = Some(Box::new(Relabel::new(pairs)));
                }
                _ => edits.not_labels(i),
            }
        }
        let roles: Vec<Role> = columns.iter().map(|c| c.role).collect();
        if !roles.contains(&Role::Measure) && !names.is_empty() {
            warnings.push(Warning::new(
                "no_measure",
                "没有找到数值列：只能计数，不能求和；如有金额列，请在列设置中改为“数值”".into(),
                "no numeric column found: records can be counted but not summed; mark an amount column as a measure".into(),
            ));
        }
        Builder {
            columns,
            slots,
            width: names.len(),
            lines: Vec::new(),
            rows_read: 0,
            blank_lines: 0,
            short_rows: 0,
            set_aside: Vec::new(),
            cell_issues: Vec::new(),
            total_rows: Vec::new(),
            warnings: std::mem::take(warnings),
            delimiter: ',',
            unit_col,
            codes: vec![0; names.len()],
            corrections: edits.has_corrections(),
            edits,
        }
    }

    /// Reads every remaining record of `rows` into the columns, refusing to
    /// grow beyond `budget`.
    pub(super) fn drain(&mut self, rows: &mut read::Rows<'_>, budget: Budget) -> Result<()> {
        let mut rec = Row::default();
        // In blocks, each a call of its own: a wasm engine that starts on
        // baseline code moves a function to optimised code between calls,
        // never during one (docs/PERFORMANCE.md, "JIT tiers").
        while self.drain_block(rows, &mut rec, budget)? {}
        Ok(())
    }

    /// Reads up to [`DRAIN_BLOCK`] records; whether there may be more.
    #[inline(never)]
    fn drain_block<'t>(
        &mut self,
        rows: &mut read::Rows<'t>,
        rec: &mut Row<'t>,
        budget: Budget,
    ) -> Result<bool> {
        for _ in 0..DRAIN_BLOCK {
            let Some(line) = rows.next_row(rec) else {
                return Ok(false);
            };
            self.push(line, &*rec);
            // The memory bound is checked every 4,096 rows: never far past it.
            if budget == Budget::Cells || self.rows_read % 4096 == 0 {
                self.check_size(line, budget)?;
            }
        }
        Ok(true)
    }

    /// An error when the table has grown beyond `budget`.
    fn check_size(&mut self, line: u64, budget: Budget) -> Result<()> {
        match budget {
            Budget::Cells
                if self.rows_read.saturating_mul(self.width.max(1)) > limits::MAX_CELLS =>
            {
                Err(limits::too_many_cells(self.rows_read, self.width, line))
            }
            Budget::Memory
                if self.lines.len().saturating_mul(self.row_bytes()) > limits::MAX_TABLE_BYTES =>
            {
                Err(limits::table_too_large(
                    self.lines.len(),
                    self.row_bytes(),
                    line,
                ))
            }
            Budget::Memory => {
                self.grow_within_budget();
                Ok(())
            }
            _ => Ok(()),
        }
    }

    /// Before the columns fill up, room for half as many rows again, but
    /// never beyond the memory budget: doubling a column of a gigabyte could
    /// ask for more than the 4 GB a wasm32 engine can have, and fail where the
    /// budget check would have given a clear message.
    fn grow_within_budget(&mut self) {
        const STEP: usize = 4096;
        let len = self.lines.len();
        if self.lines.capacity().saturating_sub(len) >= STEP {
            return;
        }
        let most = limits::MAX_TABLE_BYTES / self.row_bytes().max(1);
        let extra = (len / 2).min(most.saturating_sub(len)).max(STEP);
        self.reserve(extra);
    }

    /// Bytes one loaded row takes in the columns.
    pub(super) fn row_bytes(&self) -> usize {
        let per_slot: usize = self
            .slots
            .iter()
            .map(|s| match s {
                Slot::Keys { .. } => std::mem::size_of::<u32>(),
                Slot::Measure { data, .. } => data.value_bytes() + std::mem::size_of::<CellState>(),
                Slot::Ignored => 0,
            })
            .sum();
        std::mem::size_of::<u64>() + per_slot
    }

    /// Rows read so far (blank lines not counted).
    pub(super) fn rows_read(&self) -> usize {
        self.rows_read
    }

    /// Room for `rows` more rows in every column (exactly), so they are not
    /// copied as they grow.
    pub(super) fn reserve(&mut self, rows: usize) {
        self.lines.reserve_exact(rows);
        for slot in &mut self.slots {
            match slot {
                Slot::Keys { codes, .. } => codes.reserve_exact(rows),
                Slot::Measure { data, .. } => data.reserve_exact(rows),
                Slot::Ignored => {}
            }
        }
    }

    /// A dimension column whose cells are unit words gives each row its unit,
    /// for the measures whose header and the analyst name none.
    fn apply_unit_column(
        names: &[String],
        sample: &[(u64, ByteRecord)],
        columns: &mut [Column],
        slots: &mut [Slot],
        warnings: &mut Vec<Warning>,
    ) -> Option<usize> {
        let (at, units) = columns
            .iter()
            .filter(|c| c.role == Role::Dimension)
            .find_map(|c| {
                let cells = sample_of(
                    sample
                        .iter()
                        .map(|(_, r)| field_text(r.get(c.index).unwrap_or(b""))),
                );
                unit_column(&cells).map(|u| (c.index, u))
            })?;
        let money = units.iter().find(|u| matches!(u, Unit::Money(_))).copied();
        let count = units.iter().find(|u| matches!(u, Unit::Count(_))).copied();
        let mut used = false;
        for (col, slot) in columns.iter_mut().zip(slots.iter_mut()) {
            let Slot::Measure {
                kind,
                unit,
                per_row,
                ..
            } = slot
            else {
                continue;
            };
            if matches!(col.unit_source, Some(UnitSource::Header | UnitSource::User)) {
                continue;
            }
            let (k, u) = match (money, count) {
                (Some(m), _) => (MeasureKind::Money, m),
                (None, Some(c)) => (MeasureKind::Count, c),
                (None, None) => continue,
            };
            (*kind, *unit, *per_row) = (k, Some(u), true);
            (col.kind, col.unit, col.unit_source) = (Some(k), Some(u), Some(UnitSource::Column));
            used = true;
        }
        if !used {
            return None;
        }
        let name = names.get(at).map_or("", String::as_str);
        warnings.retain(|w| w.code != "unit_unknown");
        warnings.push(Warning::new(
            "unit_column",
            format!("按“{name}”列读取每行的单位（万元、亿元等），金额统一换算；单位为人、人次等的行不计入金额"),
            format!("each row's unit is read from column \"{name}\" and amounts are converted; rows counted in people or other counts are not added to money"),
        ));
        Some(at)
    }

    fn push<F: Fields>(&mut self, line: u64, rec: &F) {
        if is_blank(rec) {
            self.blank_lines += 1;
            return;
        }
        self.rows_read += 1;
        if rec.len() > self.width
            && rec
                .fields()
                .skip(self.width)
                .any(|c| !trim_cell(field_text(c)).is_empty())
        {
            match self.repair_thousands(rec) {
                Some(fixed) => {
                    self.warnings.push(Warning {
                        code: "repaired_thousands",
                        message_zh: format!("第 {line} 行：金额中的千位逗号未加引号，已按一个数读取"),
                        message_en: format!("line {line}: an amount's thousands comma was not quoted; read as one number"),
                        line: Some(line),
                    });
                    return self.push_fields(line, &ByteRecord::from(fixed));
                }
                None => {
                    let raw = limits::raw(&self.joined(rec));
                    self.set_aside.push(Issue {
                        line,
                        row: None,
                        reason: "too_many_cells",
                        column: None,
                        message_zh: format!("第 {line} 行有 {} 个单元格，比表头多（表头 {} 列），整行未用", rec.len(), self.width),
                        message_en: format!(
                            "line {line} has {} cells, more than the header's {}; the row is not used",
                            rec.len(),
                            self.width
                        ),
                        raw,
                    });
                    return;
                }
            }
        }
        if rec.len() < self.width {
            self.short_rows += 1;
        }
        self.push_fields(line, rec);
    }

    /// The row's text as in the file, for messages.
    fn joined<F: Fields>(&self, rec: &F) -> String {
        rec.fields()
            .map(field_text)
            .collect::<Vec<_>>()
            .join(&self.delimiter.to_string())
    }

    /// An unquoted `1,033.98` splits one amount into two cells. When exactly
    /// one measure column can absorb the extra cells as thousands groups, do so.
    fn repair_thousands<F: Fields>(&self, rec: &F) -> Option<Vec<String>> {
        let extra = rec.len().checked_sub(self.width)?;
        let cells: Vec<&str> = rec.fields().map(field_text).collect();
        let mut found = None;
        for (m, slot) in self.slots.iter().enumerate() {
            if !matches!(slot, Slot::Measure { .. }) {
                continue;
            }
            let parts = cells.get(m..=m + extra)?;
            let groups_ok = parts.iter().skip(1).enumerate().all(|(k, p)| {
                let digits = if k + 1 == extra {
                    p.split('.').next().unwrap_or("")
                } else {
                    p
                };
                digits.len() == 3 && digits.bytes().all(|b| b.is_ascii_digit())
            });
            let head_ok = parts.first().is_some_and(|h| {
                // `-¥1`, `¥-1`, `(1`: a sign, a currency sign, a bracket.
                let h = h.trim_start_matches(['-', '+', '\u{2212}', '(', '（']);
                let h = h.trim_start_matches(['\u{A5}', '\u{FFE5}']).trim_start();
                let h = h.trim_start_matches(['-', '+', '\u{2212}']);
                (1..=3).contains(&h.len()) && h.bytes().all(|b| b.is_ascii_digit())
            });
            if groups_ok && head_ok {
                if found.is_some() {
                    return None; // ambiguous
                }
                found = Some(m);
            }
        }
        let m = found?;
        let mut out: Vec<String> = cells.get(..m)?.iter().map(|c| c.to_string()).collect();
        out.push(cells.get(m..=m + extra)?.join(","));
        out.extend(cells.get(m + extra + 1..)?.iter().map(|c| c.to_string()));
        Some(out)
    }

    /// One record of the right width: the load's corrections for its line,
    /// if any, replace cells before anything is typed.
    #[inline]
    fn push_fields<F: Fields>(&mut self, line: u64, rec: &F) {
        if self.corrections {
            if let Some(fixed) = self.edits.corrected(line, rec) {
                return self.push_typed(line, &fixed);
            }
        }
        self.push_typed(line, rec)
    }

    /// Types one record's cells into the columns (or into a total row).
    fn push_typed<F: Fields>(&mut self, line: u64, rec: &F) {
        let row = self.lines.len();
        // Intern every key cell once; a total marker in any makes a total row.
        let mut level = None;
        for (i, (slot, code_out)) in self.slots.iter_mut().zip(self.codes.iter_mut()).enumerate() {
            if let Slot::Keys {
                interner, grain, ..
            } = slot
            {
                let code = interner.code(rec.get(i).unwrap_or(b""), *grain);
                *code_out = code;
                if let Some(l) = interner.totals.get(code as usize).copied().flatten() {
                    level = Some(match (level, l) {
                        (Some(TotalLevel::Grand), _) | (_, TotalLevel::Grand) => TotalLevel::Grand,
                        _ => TotalLevel::Sub,
                    });
                }
            }
        }
        if let Some(level) = level {
            self.push_total(line, level, rec, row);
            return;
        }
        self.lines.push(line);
        let row_unit = self.row_unit(rec);
        for (i, (slot, col)) in self
            .slots
            .iter_mut()
            .zip(self.columns.iter_mut())
            .enumerate()
        {
            let raw = rec.get(i).unwrap_or(b"");
            match slot {
                Slot::Keys {
                    codes, interner, ..
                } => {
                    let code = self.codes.get(i).copied().unwrap_or(0);
                    codes.push(code);
                    let Some(k) = interner.keys.get(code as usize) else {
                        continue;
                    };
                    if k.blank {
                        col.nulls += 1;
                    } else if k.bad {
                        col.bad += 1;
                        let text = field_text(raw);
                        let (zh, en) = match parse_period(trim_cell(text)).err() {
                            Some(b) => (b.message_zh(), b.message_en()),
                            None => ("比所选的时间粒度粗", "coarser than the chosen period grain"),
                        };
                        self.cell_issues.push(issue(
                            line,
                            Some(row),
                            "bad_period",
                            i,
                            &col.name,
                            text,
                            zh,
                            en,
                        ));
                    }
                }
                Slot::Measure {
                    data,
                    kind,
                    unit,
                    per_row,
                } => {
                    let fast = if *per_row {
                        None
                    } else {
                        fast_value(raw, *kind, *unit)
                    };
                    let (state, value) = match fast {
                        Some(v) => v,
                        None => match measure_value(
                            field_text(raw),
                            *kind,
                            *unit,
                            row_unit.filter(|_| *per_row),
                        ) {
                            Ok(v) => v,
                            Err((reason, zh, en)) => {
                                let text = field_text(raw);
                                self.cell_issues.push(issue(
                                    line,
                                    Some(row),
                                    reason,
                                    i,
                                    &col.name,
                                    text,
                                    &zh,
                                    &en,
                                ));
                                (CellState::Bad, Decimal::ZERO)
                            }
                        },
                    };
                    match state {
                        CellState::Null => col.nulls += 1,
                        CellState::Bad => col.bad += 1,
                        CellState::Approx => col.approx += 1,
                        CellState::Value => {}
                    }
                    data.push(state, value);
                }
                Slot::Ignored => {}
            }
        }
    }

    /// The unit the unit column names for this row.
    fn row_unit<F: Fields>(&self, rec: &F) -> Option<Unit> {
        self.unit_col
            .and_then(|c| rec.get(c))
            .and_then(|u| Unit::from_label(field_text(u)))
    }

    fn push_total<F: Fields>(&mut self, line: u64, level: TotalLevel, rec: &F, row: usize) {
        let row_unit = self.row_unit(rec);
        let mut keys = Vec::new();
        let mut stated = Vec::new();
        let mut marker = String::new();
        for (i, slot) in self.slots.iter().enumerate() {
            let raw = field_text(rec.get(i).unwrap_or(b""));
            match slot {
                Slot::Keys { interner, .. } => {
                    let code = self.codes.get(i).copied().unwrap_or(0);
                    let is_marker = interner
                        .totals
                        .get(code as usize)
                        .copied()
                        .flatten()
                        .is_some();
                    match interner.keys.get(code as usize) {
                        Some(_) if is_marker && marker.is_empty() => {
                            marker = trim_cell(raw).to_string()
                        }
                        Some(_) if is_marker => {}
                        Some(k) if !k.blank => keys.push((i, code)),
                        _ => {}
                    }
                }
                Slot::Measure {
                    kind,
                    unit,
                    per_row,
                    ..
                } => {
                    let value =
                        match measure_value(raw, *kind, *unit, row_unit.filter(|_| *per_row)) {
                            Ok((CellState::Value | CellState::Approx, v)) => Some(v),
                            _ => None,
                        };
                    stated.push((i, value, trim_cell(raw).to_string()));
                }
                Slot::Ignored => {}
            }
        }
        let raw = self.joined(rec);
        self.set_aside.push(Issue {
            line,
            row: None,
            reason: "total_row",
            column: None,
            message_zh: format!("第 {line} 行是表内的“{marker}”行，不重复相加，已与明细核对"),
            message_en: format!("line {line} is the sheet's own \"{marker}\" row: not added again, checked against the rows"),
            raw,
        });
        self.total_rows.push(totals::TotalRow {
            line,
            marker,
            level,
            keys,
            stated,
            position: row,
        });
    }

    /// What the corrections and relabels did, as warnings.
    fn edit_notes(&mut self) -> Vec<Warning> {
        for (i, slot) in self.slots.iter().enumerate() {
            if let Slot::Keys {
                interner: Interner {
                    relabel: Some(r), ..
                },
                ..
            } = slot
            {
                for (from, _, n) in &r.pairs {
                    self.edits.relabelled(i, from, *n);
                }
            }
        }
        self.edits.notes()
    }

    fn finish(mut self, source: read::SourceInfo, mut warnings: Vec<Warning>) -> Table {
        self.delimiter = source.delimiter.map_or(',', char::from);
        warnings.append(&mut self.warnings);
        if self.short_rows > 0 {
            warnings.push(Warning::new(
                "short_rows",
                format!(
                    "{} 行的单元格比表头少，缺的单元格按空值处理",
                    self.short_rows
                ),
                format!(
                    "{} rows have fewer cells than the header; the missing cells count as empty",
                    self.short_rows
                ),
            ));
        }
        for (col, slot) in self.columns.iter_mut().zip(self.slots) {
            col.data = match slot {
                Slot::Keys {
                    codes, interner, ..
                } => ColumnData::Keys {
                    codes,
                    keys: interner.keys,
                },
                Slot::Measure { data, .. } => ColumnData::Measure(data),
                Slot::Ignored => ColumnData::Ignored,
            };
        }
        Table {
            source,
            columns: self.columns,
            lines: self.lines,
            rows_read: self.rows_read,
            blank_lines: self.blank_lines,
            set_aside: self.set_aside,
            cell_issues: self.cell_issues,
            total_rows: self.total_rows,
            findings: Vec::new(),
            warnings,
        }
    }
}

/// Grain of a period column: the finest one every sampled value can give.
/// Whether every cell of a record is empty or white space.
fn is_blank<F: Fields>(rec: &F) -> bool {
    rec.fields()
        .all(|f| !f.iter().any(|b| b.is_ascii_alphanumeric()))
        && rec.fields().all(|c| trim_cell(field_text(c)).is_empty())
}

/// A plain ASCII cell read straight from its bytes; `None` sends it to the
/// full parser. Money is scaled to 元 by the unit's power of ten.
#[inline]
fn fast_value(raw: &[u8], kind: MeasureKind, unit: Option<Unit>) -> Option<(CellState, Decimal)> {
    if raw.is_empty() {
        return Some((CellState::Null, Decimal::ZERO));
    }
    let (m, s) = parse_plain(raw)?;
    let k = match (kind, unit) {
        (MeasureKind::Money, Some(Unit::Money(u))) => u.exponent(),
        _ => 0,
    };
    // 64-bit arithmetic only (128-bit multiplication is a library call in wasm32).
    let v = if k >= s {
        Decimal::try_new(m.checked_mul(10i64.checked_pow(k - s)?)?, 0)
    } else {
        Decimal::try_new(m, s - k)
    };
    v.ok().map(|v| (CellState::Value, v))
}

fn default_grain(cells: &Sample<'_>) -> Grain {
    let mut grain = Grain::Month;
    for (c, _) in cells {
        if let Ok(Some(v)) = parse_period(c) {
            grain = grain.min(v.finest());
        }
    }
    grain
}

type BadCell = (&'static str, String, String);

/// Reads a measure cell: its state and its value (money in 元).
fn measure_value(
    raw: &str,
    kind: MeasureKind,
    unit: Option<Unit>,
    row_unit: Option<Unit>,
) -> std::result::Result<(CellState, Decimal), BadCell> {
    let n = match parse_number(raw) {
        Ok(CellValue::Null) => return Ok((CellState::Null, Decimal::ZERO)),
        Ok(CellValue::Number(n)) => n,
        Err(b) => {
            let reason = match b {
                BadNumber::OutOfRange => "out_of_range",
                BadNumber::UnknownUnit => "unknown_unit",
                _ => "bad_cell",
            };
            return Err((
                reason,
                b.message_zh().to_string(),
                b.message_en().to_string(),
            ));
        }
    };
    let state = if n.approx {
        CellState::Approx
    } else {
        CellState::Value
    };
    // The cell's own unit, else the row's (from a unit column), else the column's.
    let cell_unit = n.unit.or(row_unit);
    let mismatch = || {
        let u = cell_unit.map_or("", |u| u.label());
        let (zh, en) = match kind {
            MeasureKind::Money => ("不是金额，不与金额相加", "not money, so not added to money"),
            _ => ("是金额，本列不是金额", "is money, and this column is not"),
        };
        (
            "unit_mismatch",
            format!("单位为“{u}”，{zh}"),
            format!("the unit \"{u}\" is {en}"),
        )
    };
    let value = match (kind, cell_unit) {
        (MeasureKind::Money, Some(Unit::Money(u))) => n.value.checked_mul(u.factor()),
        (MeasureKind::Money, None) => match unit {
            Some(Unit::Money(u)) => n.value.checked_mul(u.factor()),
            _ => Some(n.value),
        },
        (MeasureKind::Count, Some(Unit::Count(_)) | None) => Some(n.value),
        (MeasureKind::Number, None) => Some(n.value),
        _ => return Err(mismatch()),
    };
    value.map(|v| (state, v)).ok_or_else(|| {
        (
            "out_of_range",
            BadNumber::OutOfRange.message_zh().to_string(),
            BadNumber::OutOfRange.message_en().to_string(),
        )
    })
}

#[allow(clippy::too_many_arguments)]
fn issue(
    line: u64,
    row: Option<usize>,
    reason: &'static str,
    col: usize,
    name: &str,
    raw: &str,
    zh: &str,
    en: &str,
) -> Issue {
    let shown = limits::echo(raw);
    Issue {
        line,
        row,
        reason,
        column: Some(col),
        message_zh: format!("第 {line} 行“{name}”列的“{shown}”：{zh}"),
        message_en: format!("bad value \"{shown}\" in column \"{name}\" at line {line}: {en}"),
        raw: limits::raw(raw),
    }
}

/// The period of a key, for callers that only hold a code.
pub fn key_period(keys: &[Key], code: u32) -> Option<Period> {
    keys.get(code as usize).and_then(|k| k.period)
}

/// Load options as written in JSON (camelCase, every field optional).
#[derive(serde::Deserialize, Default)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct RawOptions {
    format: Option<String>,
    encoding: Option<String>,
    delimiter: Option<String>,
    header_line: Option<u64>,
    columns: Option<HashMap<String, RawOverride>>,
    default_unit: Option<String>,
    corrections: Option<Vec<CellCorrection>>,
    relabel: Option<HashMap<String, HashMap<String, String>>>,
}

#[derive(serde::Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawOverride {
    role: Option<String>,
    unit: Option<String>,
    grain: Option<String>,
}

fn bad_option(zh: String, en: String) -> crate::error::Error {
    crate::error::Error::new(crate::error::ErrorCode::BadSpec, zh, en)
}

impl LoadOptions {
    /// Parses load options from JSON text (`LoadOptions` in types.d.ts).
    ///
    /// # Example
    /// ```
    /// let o = aidstat::table::LoadOptions::from_json(r#"{"encoding":"gbk","delimiter":"\t","columns":{"金额":{"unit":"万元"}}}"#).unwrap();
    /// assert_eq!(o.read.delimiter, Some(b'\t'));
    /// ```
    pub fn from_json(text: &str) -> Result<LoadOptions> {
        let raw: RawOptions = if text.trim().is_empty() || text.trim() == "null" {
            RawOptions::default()
        } else {
            serde_json::from_str(text).map_err(|e| {
                bad_option(
                    format!("读取设置有误：{e}"),
                    format!("invalid load options: {e}"),
                )
            })?
        };
        let format = match raw.format.as_deref() {
            None | Some("auto") | Some("") => None,
            Some("csv") => Some(read::Format::Csv),
            Some("json") => Some(read::Format::Json),
            Some(f) => {
                return Err(bad_option(
                    format!("不认识的格式“{f}”，可选 auto、csv、json"),
                    format!("unknown format \"{f}\"; use auto, csv or json"),
                ))
            }
        };
        let delimiter = match raw.delimiter.as_deref() {
            None | Some("") | Some("auto") => None,
            Some("\\t") | Some("tab") => Some(b'\t'),
            Some(d) if d.len() == 1 => d.bytes().next(),
            Some(d) => {
                return Err(bad_option(
                    format!("分隔符“{d}”应为一个字符"),
                    format!("delimiter \"{d}\" must be one character"),
                ))
            }
        };
        let unit = |u: &str| {
            Unit::from_label(u).ok_or_else(|| {
                bad_option(
                    format!("不认识的单位“{u}”"),
                    format!("unknown unit \"{u}\""),
                )
            })
        };
        let mut columns = HashMap::new();
        for (name, o) in raw.columns.unwrap_or_default() {
            let role = match o.role.as_deref() {
                None => None,
                Some(r) => Some(Role::from_name(r).ok_or_else(|| {
                    bad_option(
                        format!("不认识的列角色“{r}”，可选 period、dimension、measure、ignore"),
                        format!(
                            "unknown column role \"{r}\"; use period, dimension, measure or ignore"
                        ),
                    )
                })?),
            };
            let grain = match o.grain.as_deref() {
                None => None,
                Some("year") => Some(Grain::Year),
                Some("quarter") => Some(Grain::Quarter),
                Some("month") => Some(Grain::Month),
                Some(g) => {
                    return Err(bad_option(
                        format!("不认识的时间粒度“{g}”"),
                        format!("unknown grain \"{g}\"; use year, quarter or month"),
                    ))
                }
            };
            columns.insert(
                name,
                ColumnOverride {
                    role,
                    unit: o.unit.as_deref().map(unit).transpose()?,
                    grain,
                },
            );
        }
        let default_unit = match raw.default_unit.as_deref().filter(|u| !u.is_empty()) {
            None => None,
            Some(u) => Some(MoneyUnit::from_label(u).ok_or_else(|| {
                bad_option(
                    format!("不认识的金额单位“{u}”"),
                    format!("unknown money unit \"{u}\""),
                )
            })?),
        };
        Ok(LoadOptions {
            read: ReadOptions {
                format,
                encoding: raw.encoding,
                delimiter,
                header_line: raw.header_line,
            },
            columns,
            default_unit,
            corrections: raw.corrections.unwrap_or_default(),
            relabel: raw.relabel.unwrap_or_default(),
        })
    }
}
