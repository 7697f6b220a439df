//! One category written two ways.
//!
//! - `label_variant` (warning): labels of one dimension column that are the
//!   same once written alike: traditional → simplified, character by
//!   character ([`to_simplified`], the `fast2s` crate: 醫療幫扶 → 医疗帮扶),
//!   full-width → half-width,
//!   spaces removed, case ignored. As they stand they split one category in
//!   two. The correction relabels every variant to the label with the most
//!   rows (on a tie, the one already written in simplified, half-width form
//!   without spaces; then the first seen).
//! - `label_synonym` (info): labels that are common names of one category
//!   ([`SYNONYMS`], e.g. 卫生帮扶 / 医疗帮扶). Only the analyst can say they
//!   are the same, so this is info, and the correction is applied only when
//!   the analyst accepts it.

use crate::message::Texts;
use std::collections::HashMap;

use super::{figures, key_columns, Finding, KeyCol, Severity};
use crate::cell::to_halfwidth;
use crate::load::edits::Correction;
use crate::table::{Role, Table};

/// Names the seed reports use for one category; a label matches after
/// [`normalize`]. Each group's first name is the suggested one.
pub const SYNONYMS: &[&[&str]] = &[
    &["医疗帮扶", "卫生帮扶", "医疗卫生帮扶", "卫生健康帮扶"],
    &["人才招聘", "人才招聘会"],
    &["文体交流", "文化体育交流", "文化体育交流活动"],
    &["招商推介", "招商及推介会", "招商及宣传推介"],
    &["老区建设", "革命老区建设", "支持老区建设"],
];

/// Traditional → simplified, character by character (the `fast2s` crate's
/// table of 2 734 characters, MIT), with a few two-character exceptions
/// (乾隆 stays, 計畫 → 计划). Text without traditional characters comes back
/// unchanged.
///
/// # Example
/// ```
/// use aidstat::check::label::to_simplified;
/// assert_eq!(to_simplified("鄉村振興"), "乡村振兴");
/// assert_eq!(to_simplified("乡村振兴 2024"), "乡村振兴 2024");
/// ```
pub fn to_simplified(s: &str) -> String {
    if s.is_ascii() {
        s.to_owned()
    } else {
        fast2s::convert(s)
    }
}

/// The form labels are compared in: half-width, no spaces, simplified, lower case.
///
/// # Example
/// ```
/// use aidstat::check::label::normalize;
/// assert_eq!(normalize("醫療幫扶"), "医疗帮扶");
/// assert_eq!(normalize(" 医疗　帮扶 "), "医疗帮扶");
/// assert_eq!(normalize("ＡＢＣ区"), "abc区");
/// ```
pub fn normalize(label: &str) -> String {
    let half: String = to_halfwidth(label)
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '\u{200B}' | '\u{FEFF}'))
        .collect();
    to_simplified(&half).to_lowercase()
}

/// How `a` differs from `b`, in words.
fn how(a: &str, b: &str) -> (String, String) {
    let mut zh = Vec::new();
    let mut en = Vec::new();
    if to_simplified(a) != a || to_simplified(b) != b {
        zh.push("繁体/简体");
        en.push("traditional / simplified characters");
    }
    if to_halfwidth(a) != a || to_halfwidth(b) != b {
        zh.push("全角/半角");
        en.push("full-width / half-width forms");
    }
    if a.chars().any(char::is_whitespace) || b.chars().any(char::is_whitespace) {
        zh.push("空格");
        en.push("spaces");
    }
    if zh.is_empty() {
        zh.push("大小写");
        en.push("upper / lower case");
    }
    (zh.join("、"), en.join(", "))
}

/// The synonym group of a normalised label.
fn synonym_group(norm: &str) -> Option<usize> {
    SYNONYMS.iter().position(|g| g.contains(&norm))
}

/// Columns where every label is on one row only, with more labels than
/// this, are identifiers (项目编号), not categories: they are not compared.
const MAX_IDENTIFIER_FREE: usize = 1000;

/// Whether labels with these row counts (one count per code) are an
/// identifier: more than [`MAX_IDENTIFIER_FREE`] labels, none on two rows.
fn identifier(rows: &[usize]) -> bool {
    rows.iter().filter(|&&n| n > 0).count() > MAX_IDENTIFIER_FREE && rows.iter().all(|&n| n <= 1)
}

/// Whether a key column is an identifier (项目编号: every label on one row).
pub(crate) fn is_identifier(k: &KeyCol<'_>) -> bool {
    if k.keys.len() <= MAX_IDENTIFIER_FREE {
        return false;
    }
    let mut rows = vec![0usize; k.keys.len()];
    for &c in k.codes {
        if let Some(n) = rows.get_mut(c as usize) {
            *n += 1;
        }
    }
    identifier(&rows)
}

/// Adds the label findings of one dimension column (its index in the table).
pub(crate) fn check_column(table: &Table, column: usize, out: &mut Vec<Finding>) {
    for k in key_columns(table) {
        if k.role != Role::Dimension || k.index != column {
            continue;
        }
        let mut rows = vec![0usize; k.keys.len()];
        for &c in k.codes {
            if let Some(n) = rows.get_mut(c as usize) {
                *n += 1;
            }
        }
        if identifier(&rows) {
            continue;
        }
        // (normalised form, codes with rows), in first-seen order.
        let mut groups: Vec<(String, Vec<usize>)> = Vec::new();
        let mut index: HashMap<String, usize> = HashMap::new();
        for (code, key) in k.keys.iter().enumerate() {
            if key.blank || key.bad || rows.get(code).copied().unwrap_or(0) == 0 {
                continue;
            }
            let n = normalize(&key.label);
            match index.get(&n) {
                Some(&g) => {
                    if let Some((_, codes)) = groups.get_mut(g) {
                        codes.push(code);
                    }
                }
                None => {
                    index.insert(n.clone(), groups.len());
                    groups.push((n, vec![code]));
                }
            }
        }
        // The findings' code lists: variants, then synonym groups.
        let mut found: Vec<(Vec<usize>, Option<usize>)> = groups
            .iter()
            .filter(|(_, c)| c.len() >= 2)
            .map(|(_, c)| (c.clone(), None))
            .collect();
        for gi in 0..SYNONYMS.len() {
            let codes: Vec<usize> = groups
                .iter()
                .filter(|(n, _)| synonym_group(n) == Some(gi))
                .flat_map(|(_, c)| c.iter().copied())
                .collect();
            if groups
                .iter()
                .filter(|(n, _)| synonym_group(n) == Some(gi))
                .count()
                >= 2
            {
                found.push((codes, Some(gi)));
            }
        }
        let lines = lines_of_findings(table, &k, &found);
        for ((codes, syn), lines) in found.iter().zip(lines) {
            out.push(match syn.and_then(|gi| SYNONYMS.get(gi)) {
                None => variant(&k, codes, &rows, lines),
                Some(names) => synonym(&k, codes, &rows, names, lines),
            });
        }
    }
}

/// The file lines of each finding's codes, in one pass over the column (a
/// code may be in a variant finding and a synonym finding both).
fn lines_of_findings(
    table: &Table,
    k: &KeyCol<'_>,
    found: &[(Vec<usize>, Option<usize>)],
) -> Vec<Vec<u64>> {
    let mut of_code: HashMap<usize, Vec<usize>> = HashMap::new();
    for (i, (codes, _)) in found.iter().enumerate() {
        for &c in codes {
            of_code.entry(c).or_default().push(i);
        }
    }
    let mut lines = vec![Vec::new(); found.len()];
    if of_code.is_empty() {
        return lines;
    }
    for (r, &c) in k.codes.iter().enumerate() {
        for &i in of_code.get(&(c as usize)).into_iter().flatten() {
            if let Some(l) = lines.get_mut(i) {
                l.push(super::line_of(table, r));
            }
        }
    }
    lines
}

/// The label with the most rows; on a tie, the one in clean form; then the first.
fn target(k: &KeyCol<'_>, codes: &[usize], rows: &[usize]) -> usize {
    let label = |c: usize| k.keys.get(c).map_or("", |key| key.label.as_str());
    let clean = |c: usize| {
        let l = label(c);
        !l.chars().any(char::is_whitespace) && to_halfwidth(l) == l && to_simplified(l) == l
    };
    let mut best = codes.first().copied().unwrap_or(0);
    for &c in codes {
        let (n, b) = (
            rows.get(c).copied().unwrap_or(0),
            rows.get(best).copied().unwrap_or(0),
        );
        if n > b || (n == b && clean(c) && !clean(best)) {
            best = c;
        }
    }
    best
}

fn relabel(k: &KeyCol<'_>, codes: &[usize], to: usize) -> Correction {
    let label = |c: usize| k.keys.get(c).map_or(String::new(), |key| key.label.clone());
    let map = codes
        .iter()
        .filter(|&&c| c != to)
        .map(|&c| (label(c), label(to)))
        .collect();
    let mut fix = Correction::default();
    fix.relabel.insert(k.name.to_string(), map);
    fix
}

fn counts(k: &KeyCol<'_>, codes: &[usize], rows: &[usize]) -> (String, String, serde_json::Value) {
    let label = |c: usize| k.keys.get(c).map_or("", |key| key.label.as_str());
    let n = |c: usize| rows.get(c).copied().unwrap_or(0);
    let zh: Vec<String> = codes
        .iter()
        .map(|&c| format!("“{}”（{} 行）", label(c), n(c)))
        .collect();
    let en: Vec<String> = codes
        .iter()
        .map(|&c| format!("\"{}\" ({} rows)", label(c), n(c)))
        .collect();
    let map: serde_json::Map<String, serde_json::Value> = codes
        .iter()
        .map(|&c| (label(c).to_string(), n(c).into()))
        .collect();
    (zh.join("、"), en.join(", "), map.into())
}

fn variant(k: &KeyCol<'_>, codes: &[usize], rows: &[usize], lines: Vec<u64>) -> Finding {
    let to = target(k, codes, rows);
    let label = |c: usize| k.keys.get(c).map_or("", |key| key.label.as_str());
    let other = codes.iter().copied().find(|&c| c != to).unwrap_or(to);
    let (how_zh, how_en) = how(label(other), label(to));
    let (list_zh, list_en, per_label) = counts(k, codes, rows);
    let name = k.name;
    Finding {
        code: "label_variant",
        severity: Severity::Warning,
        text: Texts::new(format!(
            "“{name}”列的{list_zh}是同一类别的不同写法（{how_zh}），现按不同类别分别汇总；建议统一为“{}”",
            label(to)
        ), format!(
            "in column \"{name}\", {list_en} are one category written differently ({how_en}) and are now summed apart; unify them as \"{}\"",
            label(to)
        )),
        lines,
        column: Some(name.to_string()),
        figures: figures([("rows", per_label), ("target", label(to).into())]),
        correction: Some(relabel(k, codes, to)),
    }
}

fn synonym(
    k: &KeyCol<'_>,
    codes: &[usize],
    rows: &[usize],
    names: &[&str],
    lines: Vec<u64>,
) -> Finding {
    let label = |c: usize| k.keys.get(c).map_or("", |key| key.label.as_str());
    // The suggested name when present, else the label with the most rows.
    let preferred = names.first().copied().unwrap_or("");
    let to = codes
        .iter()
        .copied()
        .find(|&c| normalize(label(c)) == preferred)
        .unwrap_or_else(|| target(k, codes, rows));
    let (list_zh, list_en, per_label) = counts(k, codes, rows);
    let name = k.name;
    Finding {
        code: "label_synonym",
        severity: Severity::Info,
        text: Texts::new(format!(
            "“{name}”列的{list_zh}常指同一类别；如确认是同一类别，可统一为“{}”",
            label(to)
        ), format!(
            "in column \"{name}\", {list_en} often name one category; if they do here, unify them as \"{}\"",
            label(to)
        )),
        lines,
        column: Some(name.to_string()),
        figures: figures([("rows", per_label), ("target", label(to).into())]),
        correction: Some(relabel(k, codes, to)),
    }
}
