//! The sheet's own total rows (SEMANTICS §6), and the unit slip a stated
//! total reveals.
//!
//! Every reconciliation of `table::totals` becomes a finding: `total_ok`
//! (info) or `total_mismatch` (warning, with the stated value, the sum and
//! the difference). A mismatch is then tested for a unit slip, exactly: if
//! reading one covered part 10⁴ or 10⁸ times larger or smaller (万元 ↔ 亿元,
//! 元 ↔ 万元, 元 ↔ 亿元) makes the parts add up to the stated value to the
//! last digit, or reading the stated value so does, the finding is a
//! `unit_slip` (error) that names the part, its value as read, the corrected
//! value, and carries the correction. When more than one part would fit, the
//! candidates are listed and no correction is offered.

use crate::message::Texts;
use rust_decimal::Decimal;

use super::{dec, figures, line_of, measure_columns, Finding, MeasureCol, Severity};
use crate::cell::MoneyUnit;
use crate::format::plain;
use crate::load::edits::{CellCorrection, Correction};
use crate::table::totals::Coverage;
use crate::table::Table;

/// The factors a unit slip can have: 万元 ↔ 亿元 and 元 ↔ 万元 (10⁴), 元 ↔ 亿元 (10⁸).
pub(crate) fn slip_factors() -> [Decimal; 4] {
    let e4 = Decimal::from(10_000);
    let e8 = Decimal::from(100_000_000);
    [e4, e8, Decimal::ONE / e4, Decimal::ONE / e8]
}

/// The text a slipped cell should have held: its digits with the unit that
/// makes its value `k` times larger (`2.7379` in 万元, ×10⁴ → `2.7379亿元`);
/// when no unit does, the corrected value in the column's unit (`27379万元`).
pub(crate) fn corrected_text(
    m: &MeasureCol<'_>,
    stored: Decimal,
    k: Decimal,
    approx: bool,
) -> String {
    let unit = m.money_unit().unwrap_or(MoneyUnit::Yuan);
    let digits = m.shown(stored);
    let target = unit.factor().checked_mul(k);
    let units = [
        MoneyUnit::Yuan,
        MoneyUnit::QianYuan,
        MoneyUnit::WanYuan,
        MoneyUnit::BaiWanYuan,
        MoneyUnit::QianWanYuan,
        MoneyUnit::YiYuan,
    ];
    let prefix = if approx { "约" } else { "" };
    match units.iter().find(|u| Some(u.factor()) == target) {
        Some(u) => format!("{prefix}{}{}", plain(digits), u.label()),
        None => format!(
            "{prefix}{}{}",
            plain(digits.checked_mul(k).unwrap_or(digits)),
            unit.label()
        ),
    }
}

/// "一万" / "ten thousand" style words for a slip factor (or its inverse).
pub(crate) fn factor_words(k: Decimal) -> (&'static str, &'static str) {
    let k = if k < Decimal::ONE {
        Decimal::ONE.checked_div(k).unwrap_or(k)
    } else {
        k
    };
    if k == Decimal::from(10_000) {
        ("一万", "ten thousand")
    } else {
        ("一亿", "a hundred million")
    }
}

/// Adds the total-row findings.
pub(crate) fn check(table: &Table, out: &mut Vec<Finding>) {
    let measures = measure_columns(table);
    let coverage = Coverage::new(table);
    for f in &table.findings {
        let Some(t) = coverage.total_at(table, f.line) else {
            continue;
        };
        let Some(m) = measures.iter().find(|m| m.col.name == f.column) else {
            continue;
        };
        let mut lines = vec![f.line];
        lines.extend(&f.covered_lines);
        let mut figs = figures([
            ("stated", dec(f.stated)),
            ("computed", dec(f.computed)),
            ("difference", dec(f.difference)),
            ("unit", f.unit.map_or(serde_json::Value::Null, Into::into)),
            ("totalLine", f.line.into()),
            ("marker", t.marker.clone().into()),
        ]);
        if f.code == "total_ok" {
            out.push(Finding {
                code: "total_ok",
                severity: Severity::Info,
                text: Texts::new(f.text.zh.clone(), f.text.en.clone()),
                lines,
                column: Some(f.column.clone()),
                figures: figs,
                correction: None,
            });
            continue;
        }
        let stated = t
            .stated
            .iter()
            .find(|(c, ..)| *c == m.col.index)
            .and_then(|(_, v, _)| *v);
        let rows = coverage.rows(table, t);
        let slips = match (stated, m.money_unit()) {
            (Some(stated), Some(_)) => find_slips(m, &rows, stated),
            _ => Vec::new(),
        };
        match slips.as_slice() {
            [one] => out.push(slip_finding(table, m, t.line, &t.marker, f, one, figs)),
            _ => {
                let (mut zh, mut en) = (f.text.zh.clone(), f.text.en.clone());
                if slips.len() > 1 {
                    let cands: Vec<u64> = slips
                        .iter()
                        .map(|s| s.row.map_or(t.line, |r| line_of(table, r)))
                        .collect();
                    zh.push_str(&format!(
                        "；改动第 {} 行中任一行的单位都能对上，请核对",
                        super::lines_text(&cands, "、")
                    ));
                    en.push_str(&format!(
                        "; changing the unit of any one of lines {} would make it add up: please check",
                        super::lines_text(&cands, ", ")
                    ));
                    figs.insert(
                        "slipCandidates".into(),
                        cands.into_iter().map(serde_json::Value::from).collect(),
                    );
                }
                out.push(Finding {
                    code: "total_mismatch",
                    severity: Severity::Warning,
                    text: Texts::new(zh, en),
                    lines,
                    column: Some(f.column.clone()),
                    figures: figs,
                    correction: None,
                })
            }
        }
    }
}

/// One way a unit slip explains a stated total: row `row` (or the total
/// itself when `None`) read `k` times larger.
struct Slip {
    row: Option<usize>,
    value: Decimal,
    k: Decimal,
    approx: bool,
}

fn find_slips(m: &MeasureCol<'_>, rows: &[usize], stated: Decimal) -> Vec<Slip> {
    let mut sum = Decimal::ZERO;
    for &r in rows {
        if let Some(v) = m.value(r) {
            sum = match sum.checked_add(v) {
                Some(s) => s,
                None => return Vec::new(),
            };
        }
    }
    let mut out = Vec::new();
    for k in slip_factors() {
        for &r in rows {
            let Some(v) = m.value(r).filter(|v| !v.is_zero()) else {
                continue;
            };
            let fixed = v
                .checked_mul(k)
                .and_then(|vk| sum.checked_sub(v).and_then(|s| s.checked_add(vk)));
            if fixed == Some(stated) {
                out.push(Slip {
                    row: Some(r),
                    value: v,
                    k,
                    approx: m.approx(r),
                });
            }
        }
        if !stated.is_zero() && stated.checked_mul(k) == Some(sum) {
            out.push(Slip {
                row: None,
                value: stated,
                k,
                approx: false,
            });
        }
    }
    out
}

fn slip_finding(
    table: &Table,
    m: &MeasureCol<'_>,
    total_line: u64,
    marker: &str,
    f: &crate::table::Finding,
    s: &Slip,
    mut figs: serde_json::Map<String, serde_json::Value>,
) -> Finding {
    let u = m.unit_label();
    let name = &m.col.name;
    let fixed_text = corrected_text(m, s.value, s.k, s.approx);
    let corrected = m.shown(s.value.checked_mul(s.k).unwrap_or(s.value));
    let written = m.shown(s.value);
    let line = s.row.map_or(total_line, |r| line_of(table, r));
    let (wzh, wen) = factor_words(s.k);
    let bigger = s.k > Decimal::ONE;
    figs.insert("line".into(), line.into());
    figs.insert("written".into(), dec(written));
    figs.insert("corrected".into(), dec(corrected));
    figs.insert("correctedText".into(), fixed_text.clone().into());
    figs.insert("factor".into(), dec(s.k));
    let (zh, en) = match s.row {
        Some(_) => (
            format!(
                "第 {line} 行“{name}”的 {}{u} 疑为单位错误：若按 {fixed_text}（{}{u}，{}{wzh}倍）计，所含 {} 行之和正好等于第 {total_line} 行“{marker}”所写的 {}{u}（现相差 {}{u}）",
                plain(written),
                plain(corrected),
                if bigger { "放大" } else { "缩小" },
                f.covered_lines.len(),
                plain(f.stated),
                plain(f.difference),
            ),
            format!(
                "line {line}: {}{u} in \"{name}\" looks like a unit slip: read as {fixed_text} ({}{u}, {wen} times {}), the {} rows add up exactly to the {}{u} stated by the \"{marker}\" row at line {total_line} (now {}{u} apart)",
                plain(written),
                plain(corrected),
                if bigger { "larger" } else { "smaller" },
                f.covered_lines.len(),
                plain(f.stated),
                plain(f.difference),
            ),
        ),
        None => (
            format!(
                "第 {line} 行“{marker}”所写的“{name}” {}{u} 疑为单位错误：若按 {fixed_text}（{}{u}）计，正好等于所含 {} 行之和",
                plain(written),
                plain(corrected),
                f.covered_lines.len(),
            ),
            format!(
                "line {line}: the \"{marker}\" row's {}{u} in \"{name}\" looks like a unit slip: read as {fixed_text} ({}{u}) it equals the sum of its {} rows exactly",
                plain(written),
                plain(corrected),
                f.covered_lines.len(),
            ),
        ),
    };
    let mut lines = vec![line];
    if line != total_line {
        lines.push(total_line);
    }
    Finding {
        code: "unit_slip",
        severity: Severity::Error,
        text: Texts::new(zh, en),
        lines,
        column: Some(name.clone()),
        figures: figs,
        correction: Some(Correction {
            corrections: vec![CellCorrection {
                line,
                column: name.clone(),
                value: fixed_text,
            }],
            ..Correction::default()
        }),
    }
}
