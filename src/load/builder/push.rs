//! Typing one record: its key cells interned, its amounts read, a total
//! row set aside, a row with too many cells repaired or set aside.

use crate::message::Texts;
use csv::ByteRecord;
use rust_decimal::Decimal;

use super::{Builder, Slot};
use crate::cell::{
    parse_number, parse_period, parse_plain, trim_cell, BadNumber, CellValue, TotalLevel, Unit,
};
use crate::limits;
use crate::read::{csv::field_text, Fields};
use crate::table::{totals, CellState, Issue, MeasureKind, Warning};

/// The text of a note row: its filled cells, trimmed, joined by spaces.
pub(super) fn note_text(rec: &ByteRecord) -> String {
    rec.iter()
        .map(|c| trim_cell(field_text(c)))
        .filter(|c| !c.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether a record reads as a note or a signature under a table: its first
/// filled cell begins as one (`注：`, `Note:`, `填表人：`) and none of its
/// cells is a number.
fn is_note_row<F: Fields>(rec: &F) -> bool {
    // Most rows start with a digit or a letter no marker starts with: that
    // byte is not padding, so it is the first filled cell's first byte.
    if let Some(&b) = rec.get(0).and_then(<[u8]>::first) {
        if b.is_ascii_alphanumeric() && !matches!(b, b'N' | b'n' | b'D' | b'd' | b'S' | b's') {
            return false;
        }
    }
    let mut filled = rec
        .fields()
        .map(|c| trim_cell(field_text(c)))
        .filter(|c| !c.is_empty());
    let Some(first) = filled.next() else {
        return false;
    };
    // Cheap test first: every marker starts with a CJK character or N / D / S / n / d / s.
    let lead = first.as_bytes().first().copied().unwrap_or(0);
    if !(lead >= 0xE0 || matches!(lead, b'N' | b'n' | b'D' | b'd' | b'S' | b's')) {
        return false;
    }
    crate::cell::is_note_text(first)
        && filled.all(|c| !matches!(parse_number(c), Ok(CellValue::Number(_))))
}

impl Builder {
    pub(crate) fn push<F: Fields>(&mut self, line: u64, rec: &F) {
        if is_blank(rec) {
            self.blank_lines += 1;
            return;
        }
        if is_note_row(rec) {
            self.held.push((line, rec.fields().collect()));
            return;
        }
        if !self.held.is_empty() {
            // Rows that looked like notes, with data below them: rows after all.
            for (l, r) in std::mem::take(&mut self.held) {
                self.push_row(l, &r);
            }
        }
        self.push_row(line, rec);
    }

    fn push_row<F: Fields>(&mut self, line: u64, rec: &F) {
        if let Some((w, file_width)) = self.wide.take() {
            self.push_wide(line, rec, &w, file_width);
            self.wide = Some((w, file_width));
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
                        text: Texts::new(format!("第 {line} 行：金额中的千位逗号未加引号，已按一个数读取"), format!("line {line}: an amount's thousands comma was not quoted; read as one number")),
                        line: Some(line),
                    });
                    return self.push_fields(line, &ByteRecord::from(fixed));
                }
                None => {
                    self.set_row_aside(line, rec, "too_many_cells", format!("第 {line} 行有 {} 个单元格，比表头多（表头 {} 列），整行未用", rec.len(), self.width), format!("line {line} has {} cells, more than the header's {}; the row is not used", rec.len(), self.width ));
                    return;
                }
            }
        }
        if rec.len() < self.width {
            self.short_rows += 1;
        }
        self.push_fields(line, rec);
    }

    /// A record of a wide table: one record per period column (each counted
    /// as a row read, as in the long table it stands for); a record wider
    /// than the file's header is set aside whole.
    fn push_wide<F: Fields>(
        &mut self,
        line: u64,
        rec: &F,
        w: &super::super::wide::Wide,
        file_width: usize,
    ) {
        let extra = rec.len() > file_width
            && rec
                .fields()
                .skip(file_width)
                .any(|c| !trim_cell(field_text(c)).is_empty());
        if extra {
            self.rows_read += 1;
            self.set_row_aside(line, rec, "too_many_cells", format!("第 {line} 行有 {} 个单元格，比表头多（表头 {file_width} 列），整行未用", rec.len()), format!("line {line} has {} cells, more than the header's {file_width}; the row is not used", rec.len()));
            return;
        }
        let long = w.unpivot(rec);
        if long.is_empty() {
            // Labels without a single figure (a note under the table, a
            // heading row): said, never dropped silently.
            self.rows_read += 1;
            self.set_row_aside(
                line,
                rec,
                "no_values",
                format!("第 {line} 行在各时期列中都没有数值，未用"),
                format!("line {line} has no figure in any period column; not used"),
            );
            return;
        }
        // The row's own 合计 column against its periods (a finding when they differ).
        if let Some((stated, computed)) = w.row_total(rec) {
            if stated == computed {
                self.row_totals.0 += 1;
            } else {
                self.row_totals.1.push((line, stated, computed));
            }
        }
        for r in long {
            self.rows_read += 1;
            self.push_fields(line, &r);
        }
    }

    /// A whole row set aside with its reason: listed with its line and
    /// text (as many characters as a message quotes), never dropped silently.
    fn set_row_aside<F: Fields>(
        &mut self,
        line: u64,
        rec: &F,
        reason: &'static str,
        zh: String,
        en: String,
    ) {
        let raw = limits::raw(&self.joined(rec));
        self.set_aside.push(Issue {
            line,
            row: None,
            reason,
            column: None,
            text: Texts::new(zh, en),
            raw,
        });
    }

    /// The row's text as in the file, for messages.
    pub(crate) fn joined<F: Fields>(&self, rec: &F) -> String {
        rec.fields()
            .map(field_text)
            .collect::<Vec<_>>()
            .join(&self.delimiter.to_string())
    }

    /// An unquoted `1,033.98` splits one amount into two cells. When exactly
    /// one measure column can absorb the extra cells as thousands groups, do so.
    pub(crate) fn repair_thousands<F: Fields>(&self, rec: &F) -> Option<Vec<String>> {
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
    pub(crate) fn push_fields<F: Fields>(&mut self, line: u64, rec: &F) {
        if self.corrections {
            if let Some(fixed) = self.edits.corrected(line, rec) {
                return self.push_typed(line, &fixed);
            }
        }
        self.push_typed(line, rec)
    }

    /// Types one record's cells into the columns (or into a total row).
    pub(crate) fn push_typed<F: Fields>(&mut self, line: u64, rec: &F) {
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
                    if !*per_row {
                        match plain_value(raw, *kind, *unit) {
                            Some(None) => {
                                col.nulls += 1;
                                data.push(CellState::Null, Decimal::ZERO);
                                continue;
                            }
                            Some(Some((m, s))) if data.push_plain(m, s) => continue,
                            _ => {}
                        }
                    }
                    let (state, value) = match measure_value(
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
    pub(crate) fn row_unit<F: Fields>(&self, rec: &F) -> Option<Unit> {
        self.unit_col
            .and_then(|c| rec.get(c))
            .and_then(|u| Unit::from_label(field_text(u)))
    }

    pub(crate) fn push_total<F: Fields>(
        &mut self,
        line: u64,
        level: TotalLevel,
        rec: &F,
        row: usize,
    ) {
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
        self.set_row_aside(line, rec, "total_row", format!("第 {line} 行是表内的“{marker}”行，不重复相加，已与明细核对"), format!("line {line} is the sheet's own \"{marker}\" row: not added again, checked against the rows"));
        self.total_rows.push(totals::TotalRow {
            line,
            marker,
            level,
            keys,
            stated,
            position: row,
        });
    }
}

/// Grain of a period column: the finest one every sampled value can give.
/// Whether every cell of a record is empty or white space.
fn is_blank<F: Fields>(rec: &F) -> bool {
    rec.fields()
        .all(|f| !f.iter().any(|b| b.is_ascii_alphanumeric()))
        && rec.fields().all(|c| trim_cell(field_text(c)).is_empty())
}

/// A plain ASCII cell read straight from its bytes, as a mantissa and a
/// scale (money in 元: scaled by the unit's power of ten); `Some(None)` for
/// an empty cell, `None` sends the cell to the full parser.
#[inline]
fn plain_value(raw: &[u8], kind: MeasureKind, unit: Option<Unit>) -> Option<Option<(i64, u32)>> {
    if raw.is_empty() {
        return Some(None);
    }
    let (m, s) = parse_plain(raw)?;
    let k = match (kind, unit) {
        (MeasureKind::Money, Some(Unit::Money(u))) => u.exponent(),
        _ => 0,
    };
    // 64-bit arithmetic only (128-bit multiplication is a library call in wasm32).
    Some(Some(if k >= s {
        (m.checked_mul(crate::table::pow10(k - s)?)?, 0)
    } else {
        (m, s - k)
    }))
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
        text: Texts::new(
            format!("第 {line} 行“{name}”列的“{shown}”：{zh}"),
            format!("bad value \"{shown}\" in column \"{name}\" at line {line}: {en}"),
        ),
        raw: limits::raw(raw),
    }
}
