//! A likely unit slip without a stated total: a money value about 10⁴ or 10⁸
//! times away from its peers.
//!
//! Skewed but real data (amounts from 0.01 to 5000 in one column) must not
//! raise alarms, so a value is flagged only when all of these hold:
//! 1. it is *alone in its column*: at most 0.1 % of the column's other
//!    positive values (none in a file under 1000 rows) lie in its decade or
//!    the two next to it (⌊log10 v⌋ ± 1, read from the digits: no float);
//! 2. it has *peers that agree*: at least 2 rows that match it on every key
//!    column but one (the same category and source in other years, or the
//!    same year and item from other donors), whose positive values lie within
//!    a factor of 10 of each other;
//! 3. it is at least 10³ times below the smallest peer or above the largest;
//! 4. read 10⁴ or 10⁸ times larger (or smaller) it falls among its peers
//!    (between a tenth of the smallest and ten times the largest).
//!
//! The finding (`unit_outlier`, warning) names the value, the corrected
//! value and the peers, and carries the correction. Columns with more than 50
//! lone values are too spread out for the test and are skipped.

use crate::message::Texts;
use std::collections::HashMap;

use rust_decimal::Decimal;

use super::total::{corrected_text, factor_words, slip_factors};
use super::{dec, decade, figures, key_columns, line_of, lines_text, measure_columns, row_label};
use super::{Finding, KeyCol, MeasureCol, Severity};
use crate::format::plain;
use crate::load::edits::{CellCorrection, Correction};
use crate::table::Table;

/// Lone values beyond which a column is not tested.
const MAX_CANDIDATES: usize = 50;

/// Adds the `unit_outlier` findings.
pub(crate) fn check(table: &Table, out: &mut Vec<Finding>) {
    let keys = key_columns(table);
    if keys.is_empty() {
        return;
    }
    let flagged: Vec<u64> = out
        .iter()
        .filter(|f| f.code == "unit_slip")
        .flat_map(|f| f.lines.first().copied())
        .collect();
    for m in measure_columns(table) {
        if m.money_unit().is_none() {
            continue;
        }
        // Positive values per decade (⌊log10 v⌋).
        let mut per_decade: HashMap<i64, usize> = HashMap::new();
        let mut n = 0usize;
        for r in 0..table.len() {
            if let Some(v) = positive(&m, r) {
                *per_decade.entry(decade(v)).or_default() += 1;
                n += 1;
            }
        }
        if n < 3 {
            continue;
        }
        let allowed = n / 1000;
        let near = |d: i64| -> usize {
            (d - 1..=d + 1)
                .map(|x| per_decade.get(&x).copied().unwrap_or(0))
                .sum()
        };
        let lone: Vec<usize> = (0..table.len())
            .filter(|&r| positive(&m, r).is_some_and(|v| near(decade(v)) <= allowed + 1))
            .collect();
        if lone.len() > MAX_CANDIDATES {
            continue;
        }
        for r in lone {
            if flagged.contains(&line_of(table, r)) {
                continue;
            }
            if let Some(f) = test_row(table, &keys, &m, r) {
                out.push(f);
            }
        }
    }
}

fn positive(m: &MeasureCol<'_>, r: usize) -> Option<Decimal> {
    m.value(r).filter(|v| v.is_sign_positive() && !v.is_zero())
}

/// Tests one lone value against its peers along each key column in turn.
fn test_row(table: &Table, keys: &[KeyCol<'_>], m: &MeasureCol<'_>, r: usize) -> Option<Finding> {
    let v = m.value(r)?;
    let thousand = Decimal::from(1000);
    let ten = Decimal::TEN;
    for along in keys {
        let peers: Vec<usize> = (0..table.len())
            .filter(|&q| q != r)
            .filter(|&q| {
                keys.iter()
                    .filter(|k| k.index != along.index)
                    .all(|k| k.codes.get(q) == k.codes.get(r))
            })
            .filter(|&q| {
                m.value(q)
                    .is_some_and(|x| x.is_sign_positive() && !x.is_zero())
            })
            .collect();
        if peers.len() < 2 {
            continue;
        }
        let vals: Vec<Decimal> = peers.iter().filter_map(|&q| m.value(q)).collect();
        let (lo, hi) = match (vals.iter().min(), vals.iter().max()) {
            (Some(a), Some(b)) => (*a, *b),
            _ => continue,
        };
        if lo.checked_mul(ten).is_none_or(|x| hi > x) {
            continue; // the peers do not agree among themselves
        }
        let below = v.checked_mul(thousand).is_some_and(|x| x <= lo);
        let above = hi.checked_mul(thousand).is_some_and(|x| v >= x);
        if !below && !above {
            continue;
        }
        let fits = slip_factors().into_iter().find(|&k| {
            (k > Decimal::ONE) == below
                && v.checked_mul(k).is_some_and(|c| {
                    c.checked_mul(ten).is_some_and(|c10| c10 >= lo)
                        && hi.checked_mul(ten).is_some_and(|h10| c <= h10)
                })
        });
        let Some(k) = fits else { continue };
        return Some(finding(table, keys, m, r, along, &peers, (lo, hi), k));
    }
    None
}

#[allow(clippy::too_many_arguments)]
fn finding(
    table: &Table,
    keys: &[KeyCol<'_>],
    m: &MeasureCol<'_>,
    r: usize,
    along: &KeyCol<'_>,
    peers: &[usize],
    (lo, hi): (Decimal, Decimal),
    k: Decimal,
) -> Finding {
    let v = m.value(r).unwrap_or_default();
    let line = line_of(table, r);
    let u = m.unit_label();
    let name = &m.col.name;
    let text = corrected_text(m, v, k, m.approx(r));
    let corrected = m.shown(v.checked_mul(k).unwrap_or(v));
    let peer_lines: Vec<u64> = peers.iter().map(|&q| line_of(table, q)).collect();
    let group = row_label(keys, r, Some(along.index));
    let (wzh, wen) = factor_words(k);
    let below = k > Decimal::ONE;
    let (rel_zh, rel_en) = if below {
        (
            format!("约为其{wzh}分之一"),
            format!("about one {wen}th of them"),
        )
    } else {
        (format!("约为其{wzh}倍"), format!("about {wen} times them"))
    };
    let along_name = along.name;
    let zh = format!(
        "第 {line} 行“{name}”的 {}{u} 与“{group}”在其他“{along_name}”的 {} 行（第 {} 行，{}～{}{u}）相比{rel_zh}，疑为单位错误，可能应为 {text}（{}{u}）",
        plain(m.shown(v)),
        peers.len(),
        lines_text(&peer_lines, "、"),
        plain(m.shown(lo)),
        plain(m.shown(hi)),
        plain(corrected),
    );
    let en = format!(
        "line {line}: {}{u} in \"{name}\" is {rel_en} compared with the {} rows of \"{group}\" at other values of \"{along_name}\" (lines {}, {}–{}{u}); likely a unit slip, perhaps {text} ({}{u}) was meant",
        plain(m.shown(v)),
        peers.len(),
        lines_text(&peer_lines, ", "),
        plain(m.shown(lo)),
        plain(m.shown(hi)),
        plain(corrected),
    );
    let mut lines = vec![line];
    lines.extend(&peer_lines);
    Finding {
        code: "unit_outlier",
        severity: Severity::Warning,
        text: Texts::new(zh, en),
        lines,
        column: Some(name.clone()),
        figures: figures([
            ("written", dec(m.shown(v))),
            ("corrected", dec(corrected)),
            ("correctedText", text.clone().into()),
            ("factor", dec(k)),
            ("unit", u.into()),
            ("peerMin", dec(m.shown(lo))),
            ("peerMax", dec(m.shown(hi))),
            ("along", along_name.into()),
            ("group", group.into()),
        ]),
        correction: Some(Correction {
            corrections: vec![CellCorrection {
                line,
                column: name.clone(),
                value: text,
            }],
            ..Correction::default()
        }),
    }
}
