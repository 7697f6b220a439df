//! The builder: records in, typed columns out. `Builder::new` decides each
//! column's slot from a sample (roles and units, [`super::infer`]); the
//! `push` module types each record.

mod push;

use crate::message::Texts;
use csv::ByteRecord;

use super::edits::Edits;
use super::infer::{infer_role, infer_unit, sample_of, unit_column, Sample};
use super::intern::{Interner, Relabel};
use super::wide::Wide;
use super::{Budget, LoadOptions};
use crate::cell::{parse_period, Grain, Unit};
use crate::error::Result;
use crate::limits;
use crate::read::{self, csv::field_text, Row};
use crate::table::{
    totals, CellState, Column, ColumnData, Issue, MeasureData, MeasureKind, Role, Table,
    UnitSource, Warning,
};

/// Records read per call of `Builder::drain_block`.
const DRAIN_BLOCK: usize = 8192;

pub(crate) enum Slot {
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

pub(crate) struct Builder {
    columns: Vec<Column>,
    slots: Vec<Slot>,
    width: usize,
    lines: Vec<u64>,
    rows_read: usize,
    blank_lines: usize,
    short_rows: usize,
    /// Rows that read as notes (`注：…`, `Note: …`), held until a data row
    /// follows (then they are rows) or the file ends (then they are notes below the table).
    held: Vec<(u64, csv::ByteRecord)>,
    /// A wide table's 合计 column checked per row: rows that match, and (line, stated, computed) of those that do not.
    pub(crate) row_totals: (
        usize,
        Vec<(u64, rust_decimal::Decimal, rust_decimal::Decimal)>,
    ),
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
    /// Years across the top: each record becomes one record per period
    /// column (with the file's width, for rows that are too wide).
    wide: Option<(Wide, usize)>,
}

impl Builder {
    /// `repeated`: how many names at the start are a wide table's label
    /// columns, whose figures repeat on every period's record (0 for a long table).
    pub(crate) fn new(
        names: &[String],
        sample: &[(u64, ByteRecord)],
        unit_line: Option<Unit>,
        opts: &LoadOptions,
        repeated: usize,
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
            let mut role = over.role.unwrap_or_else(|| infer_role(name, &cells));
            if over.role.is_none() && role == Role::Measure {
                if let Some(w) = super::infer::derived(name, i < repeated) {
                    warnings.push(w);
                    role = Role::Ignore;
                }
            }
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
                "没有找到数值列：只能计数，不能求和；如有金额列，请在列设置中改为“数值”",
                "no numeric column found: records can be counted but not summed; mark an amount column as a measure",
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
            held: Vec::new(),
            row_totals: (0, Vec::new()),
            set_aside: Vec::new(),
            cell_issues: Vec::new(),
            total_rows: Vec::new(),
            warnings: std::mem::take(warnings),
            delimiter: ',',
            unit_col,
            codes: vec![0; names.len()],
            corrections: edits.has_corrections(),
            wide: None,
            edits,
        }
    }

    /// Reads every remaining record of `rows` into the columns, refusing to
    /// grow beyond `budget`.
    pub(crate) fn drain(&mut self, rows: &mut read::Rows<'_>, budget: Budget) -> Result<()> {
        let mut rec = Row::default();
        // In blocks, each a call of its own: a wasm engine that starts on
        // baseline code moves a function to optimised code between calls,
        // never during one (docs/PERFORMANCE.md, "JIT tiers").
        while self.drain_block(rows, &mut rec, budget)? {}
        Ok(())
    }

    /// Reads up to [`DRAIN_BLOCK`] records; whether there may be more.
    #[inline(never)]
    pub(crate) fn drain_block<'t>(
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
    pub(crate) fn check_size(&mut self, line: u64, budget: Budget) -> Result<()> {
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
    pub(crate) fn grow_within_budget(&mut self) {
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
    pub(crate) fn row_bytes(&self) -> usize {
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
    pub(crate) fn rows_read(&self) -> usize {
        self.rows_read
    }

    /// Room for `rows` more rows in every column (exactly), so they are not
    /// copied as they grow.
    pub(crate) fn reserve(&mut self, rows: usize) {
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
    pub(crate) fn apply_unit_column(
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
}

impl Builder {
    /// Reads each record of a file `file_width` wide as the wide layout `w`.
    pub(crate) fn set_wide(&mut self, w: Wide, file_width: usize) {
        self.wide = Some((w, file_width));
    }

    /// What the corrections and relabels did, as warnings.
    pub(crate) fn edit_notes(&mut self) -> Vec<Warning> {
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

    pub(crate) fn finish(mut self, source: read::SourceInfo, mut warnings: Vec<Warning>) -> Table {
        self.delimiter = source.delimiter.map_or(',', char::from);
        warnings.append(&mut self.warnings);
        if !self.held.is_empty() {
            let found: Vec<(u64, String)> = self
                .held
                .iter()
                .map(|(l, r)| (*l, push::note_text(r)))
                .collect();
            let n = read::notes_below(&found);
            warnings.push(Warning {
                code: n.code,
                text: Texts::new(n.text.zh, n.text.en),
                line: n.line,
            });
        }
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
            indicators: None,
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
            files: Vec::new(),
        }
    }
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
