//! Several files of one layout as one table (a roll-up of county files).
//!
//! Columns are matched by header name as shown, after trimming and folding
//! full-width characters, case and spaces; a money measure's unit in
//! brackets is not part of its name (`金额(万元)` and `金额(元)` are one
//! measure: the table keeps money in 元, so they add up, and the combined
//! column shows the first file's unit, which is said). A dimension
//! [`SOURCE_COLUMN`] names each row's file; each file's rows keep their own
//! lines. A column one file lacks is empty (null) on that file's rows, and
//! said. A file whose columns cannot be matched (a column that is a measure in
//! one file and a category in another, another period grain, no measure in
//! common) is refused by name, with the reason; the rest are combined. Every
//! file's notes, rows set aside and total rows stay, named by their file.

use std::collections::HashMap;

use rust_decimal::Decimal;

use crate::cell::{loose_name, Grain, Period, Unit};
use crate::error::{Error, ErrorCode, Result};
use crate::message::{Message, Texts};
use crate::read::SourceInfo;

mod notes;

use notes::{part_note, role_zh, tagged, unit_note};

use super::describe::SetAsideItem;
use super::{
    CellState, Column, ColumnData, Issue, Key, MeasureData, MeasureKind, Role, Table, TotalRow,
    BLANK_LABEL,
};

/// The name of the dimension that names each row's file.
pub const SOURCE_COLUMN: &str = "来源文件";

/// A file left out of a combined table, and why.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Refused {
    /// The file's name as given.
    pub name: String,
    /// Why (zh-CN, zh-TW, en).
    #[serde(flatten)]
    pub text: Texts,
}

/// One file of a combined table, as it was read.
#[derive(Debug)]
pub struct FilePart {
    /// The file's name as given.
    pub name: String,
    /// How it was read (encoding, header, sheet).
    pub source: SourceInfo,
    /// Its rows loaded.
    pub rows: usize,
    /// Its data rows read.
    pub rows_read: usize,
    /// Its rows set aside while loading.
    pub set_aside: usize,
}

/// A combined table and the files left out.
#[derive(Debug)]
pub struct Combined {
    /// The rows of every file combined.
    pub table: Table,
    /// The files whose columns could not be matched.
    pub refused: Vec<Refused>,
}

/// What a column of the combined table is.
struct Target {
    name: String,
    stem: String,
    role: Role,
    kind: Option<MeasureKind>,
    unit: Option<Unit>,
    unit_source: Option<super::UnitSource>,
    grain: Option<Grain>,
}

/// A column's name for matching: loose, and without a money unit in brackets.
fn stem(c: &Column) -> String {
    let n = loose_name(&c.name);
    if c.kind != Some(MeasureKind::Money) {
        return n;
    }
    for (open, close) in [('(', ')'), ('[', ']'), ('【', '】'), ('〔', '〕')] {
        if let Some(head) = n
            .strip_suffix(close)
            .and_then(|s| s.rfind(open).map(|i| &s[..i]))
        {
            if !head.is_empty() {
                return head.to_string();
            }
        }
    }
    n
}

/// How a file's columns map onto the combined columns (`None`: not used),
/// the combined columns it adds, or why it cannot be combined.
fn match_part(
    targets: &[Target],
    t: &Table,
    first: bool,
) -> std::result::Result<(Vec<Option<usize>>, Vec<Target>), Texts> {
    let mut map = Vec::with_capacity(t.columns.len());
    let mut added: Vec<Target> = Vec::new();
    let mut taken = vec![false; targets.len()];
    let mut common_measure = false;
    for c in &t.columns {
        let s = stem(c);
        let hit = targets.iter().position(|x| x.stem == s);
        let Some(i) = hit else {
            if c.role == Role::Ignore || added.iter().any(|a| a.stem == s) {
                map.push(None);
                continue;
            }
            map.push(Some(targets.len() + added.len()));
            added.push(Target {
                name: c.name.clone(),
                stem: s,
                role: c.role,
                kind: c.kind,
                unit: c.unit,
                unit_source: c.unit_source,
                grain: c.grain,
            });
            continue;
        };
        let x = &targets[i];
        if c.role == Role::Ignore || x.role == Role::Ignore {
            map.push(None);
            continue;
        }
        if taken[i] {
            return Err(Texts::new(
                format!("有两列都对应“{}”", x.name),
                format!("two of its columns both match \"{}\"", x.name),
            ));
        }
        taken[i] = true;
        if c.role != x.role {
            return Err(Texts::new(
                format!(
                    "“{}”在这个文件中是{}，在前面的文件中是{}",
                    c.name,
                    role_zh(c.role),
                    role_zh(x.role)
                ),
                format!(
                    "\"{}\" is a {} column here and a {} column in the files before",
                    c.name,
                    c.role.as_str(),
                    x.role.as_str()
                ),
            ));
        }
        if c.role == Role::Measure && c.kind != x.kind {
            return Err(Texts::new(
                format!("“{}”在这个文件中不是同一种数值（金额、人数或其他）", c.name),
                format!(
                    "\"{}\" holds another kind of figure here (money, count or number)",
                    c.name
                ),
            ));
        }
        if c.role == Role::Period && c.grain != x.grain {
            return Err(Texts::new(
                format!("“{}”的时期粒度（年、季、月）与前面的文件不同", c.name),
                format!("\"{}\" has another calendar grain (year, quarter, month) than the files before", c.name),
            ));
        }
        common_measure |= c.role == Role::Measure;
        map.push(Some(i));
    }
    let has_measures = targets.iter().any(|x| x.role == Role::Measure);
    if !first && has_measures && !common_measure {
        return Err(Texts::new(
            "与前面的文件没有相同的数值列",
            "it has no measure column in common with the files before",
        ));
    }
    if !first && !taken.iter().any(|&t| t) {
        return Err(Texts::new(
            "与前面的文件没有相同的列",
            "it has no column in common with the files before",
        ));
    }
    Ok((map, added))
}

/// Combines the tables of several files (`(name, table)`, in order).
///
/// # Example
/// ```
/// use aidstat::{load::load, table::concat::concat};
/// let a = load("年度,板块,金额(万元)\n2020,医疗帮扶,430\n".as_bytes(), &Default::default()).unwrap();
/// let b = load("年度,板块,金额(元)\n2021,医疗帮扶,4730000\n".as_bytes(), &Default::default()).unwrap();
/// let bad = load("年度,金额\n医疗,2020\n".as_bytes(), &Default::default()).unwrap();
/// let c = concat(vec![("甲.csv".into(), a), ("乙.csv".into(), b), ("丙.csv".into(), bad)]).unwrap();
/// assert_eq!(c.table.len(), 2);
/// assert_eq!(c.table.columns[0].name, "来源文件");
/// assert_eq!(c.table.values(0).unwrap(), ["甲.csv", "乙.csv"]);
/// assert_eq!(c.refused[0].name, "丙.csv");
/// assert!(c.refused[0].text.zh.contains("“年度”"));
/// assert_eq!(c.table.lines, [2, 2]); // each file's own lines
/// ```
pub fn concat(parts: Vec<(String, Table)>) -> Result<Combined> {
    let mut targets: Vec<Target> = Vec::new();
    let mut accepted: Vec<(String, Table, Vec<Option<usize>>)> = Vec::new();
    let mut refused = Vec::new();
    for (name, t) in parts {
        match match_part(&targets, &t, accepted.is_empty()) {
            Ok((map, added)) => {
                targets.extend(added);
                accepted.push((name, t, map));
            }
            Err(text) => refused.push(Refused { name, text }),
        }
    }
    let source = accepted.first().map(|(_, t, _)| SourceInfo {
        workbook: None,
        ..t.source.clone()
    });
    let Some(source) = source else {
        let zh: Vec<String> = refused
            .iter()
            .map(|r| format!("“{}”（{}）", r.name, r.text.zh))
            .collect();
        let en: Vec<String> = refused
            .iter()
            .map(|r| format!("{} ({})", r.name, r.text.en))
            .collect();
        return Err(Error::new(
            ErrorCode::BadRequest,
            format!(
                "没有可以合并的文件{}",
                if zh.is_empty() {
                    String::new()
                } else {
                    format!("：{}", zh.join("；"))
                }
            ),
            format!(
                "no file to combine{}",
                if en.is_empty() {
                    String::new()
                } else {
                    format!(": {}", en.join("; "))
                }
            ),
        ));
    };
    let table = build(source, targets, accepted, &refused);
    Ok(Combined { table, refused })
}

/// The source column's name: 来源文件, or 来源文件_2 … when a file has one.
fn source_name(targets: &[Target]) -> String {
    let taken = |n: &str| targets.iter().any(|t| t.stem == loose_name(n));
    let mut name = SOURCE_COLUMN.to_string();
    let mut k = 2;
    while taken(&name) {
        name = format!("{SOURCE_COLUMN}_{k}");
        k += 1;
    }
    name
}

fn build(
    source: SourceInfo,
    targets: Vec<Target>,
    parts: Vec<(String, Table, Vec<Option<usize>>)>,
    refused: &[Refused],
) -> Table {
    let rows: usize = parts.iter().map(|(_, t, _)| t.len()).sum();
    let mut warnings = Vec::new();
    // Combined column 0 is the source; target i is column i + 1.
    let mut columns = vec![source_column(source_name(&targets), &parts, rows)];
    // For each part and each of its key columns: its key codes → combined codes.
    let mut code_maps: Vec<Vec<Vec<u32>>> = parts
        .iter()
        .map(|(_, t, _)| vec![Vec::new(); t.columns.len()])
        .collect();
    for (i, x) in targets.iter().enumerate() {
        columns.push(combined_column(
            i,
            x,
            &parts,
            rows,
            &mut code_maps,
            &mut warnings,
        ));
    }
    let mut out = Table {
        source,
        columns,
        lines: Vec::with_capacity(rows),
        rows_read: 0,
        blank_lines: 0,
        set_aside: Vec::new(),
        cell_issues: Vec::new(),
        total_rows: Vec::new(),
        findings: Vec::new(),
        warnings: Vec::new(),
        indicators: None,
        files: Vec::new(),
    };
    let mut offset = 0;
    for (p, (name, t, map)) in parts.into_iter().enumerate() {
        let col = |c: usize| map.get(c).copied().flatten().map(|i| i + 1);
        out.warnings.push(part_note(&name, &t));
        out.lines.extend_from_slice(&t.lines);
        out.rows_read += t.rows_read;
        out.blank_lines += t.blank_lines;
        for (list, into) in [(&t.set_aside, 0), (&t.cell_issues, 1)] {
            for i in list {
                let issue = Issue {
                    row: i.row.map(|r| r + offset),
                    column: i.column.and_then(col),
                    text: tagged(&name, &SetAsideItem::from_issue(i, &t).text),
                    ..i.clone()
                };
                if into == 0 {
                    out.set_aside.push(issue)
                } else {
                    out.cell_issues.push(issue)
                }
            }
        }
        let code = |c: usize, k: u32| {
            code_maps
                .get(p)
                .and_then(|m| m.get(c))
                .and_then(|m| m.get(k as usize))
                .copied()
        };
        for r in &t.total_rows {
            out.total_rows.push(TotalRow {
                keys: r
                    .keys
                    .iter()
                    .filter_map(|&(c, k)| Some((col(c)?, code(c, k)?)))
                    .collect(),
                stated: r
                    .stated
                    .iter()
                    .filter_map(|(c, v, raw)| Some((col(*c)?, *v, raw.clone())))
                    .collect(),
                position: r.position + offset,
                ..r.clone()
            });
        }
        for f in &t.findings {
            out.findings.push(super::Finding {
                text: tagged(&name, &f.text),
                ..f.clone()
            });
        }
        for w in &t.warnings {
            out.warnings.push(Message {
                text: tagged(&name, &w.text),
                ..w.clone()
            });
        }
        if out.indicators.is_none() {
            out.indicators = t.indicators.and_then(col);
        }
        offset += t.len();
        out.files.push(FilePart {
            name,
            rows: t.len(),
            rows_read: t.rows_read,
            set_aside: t.set_aside.len(),
            source: t.source,
        });
    }
    out.warnings.extend(warnings);
    for r in refused {
        out.warnings.push(Message {
            code: "file_refused",
            text: Texts::new(
                format!("未合并“{}”：{}", r.name, r.text.zh),
                format!("{} was not combined: {}", r.name, r.text.en),
            ),
            line: None,
        });
    }
    out
}

fn source_column(
    name: String,
    parts: &[(String, Table, Vec<Option<usize>>)],
    rows: usize,
) -> Column {
    let mut codes = Vec::with_capacity(rows);
    let mut keys: Vec<Key> = Vec::new();
    for (name, t, _) in parts {
        let code = match keys.iter().position(|k| &k.label == name) {
            Some(c) => c,
            None => {
                keys.push(Key {
                    label: name.clone(),
                    period: None,
                    blank: false,
                    bad: false,
                });
                keys.len() - 1
            }
        } as u32;
        codes.extend(std::iter::repeat_n(code, t.len()));
    }
    Column {
        name,
        index: 0,
        role: Role::Dimension,
        kind: None,
        unit: None,
        unit_source: None,
        grain: None,
        data: ColumnData::Keys { codes, keys },
        nulls: 0,
        bad: 0,
        approx: 0,
    }
}

type KeyId = (String, Option<Period>, bool, bool);

/// Combined column `i` (target `x`) over every part's rows.
fn combined_column(
    i: usize,
    x: &Target,
    parts: &[(String, Table, Vec<Option<usize>>)],
    rows: usize,
    code_maps: &mut [Vec<Vec<u32>>],
    warnings: &mut Vec<Message>,
) -> Column {
    let mut nulls = 0;
    let (mut bad, mut approx) = (0, 0);
    let mut missing_in = Vec::new();
    fn own<'t>(t: &'t Table, map: &[Option<usize>], i: usize) -> Option<(usize, &'t Column)> {
        let c = map.iter().position(|m| *m == Some(i))?;
        Some((c, t.columns.get(c)?))
    }
    let data = match x.role {
        Role::Ignore => ColumnData::Ignored,
        Role::Measure => {
            let mut m = MeasureData::default();
            m.reserve_exact(rows);
            for (name, t, map) in parts {
                let src = own(t, map, i).and_then(|(_, c)| match &c.data {
                    ColumnData::Measure(d) => Some((c, d)),
                    _ => None,
                });
                let Some((c, d)) = src else {
                    missing_in.push(name.as_str());
                    nulls += t.len();
                    for _ in 0..t.len() {
                        m.push(CellState::Null, Decimal::ZERO);
                    }
                    continue;
                };
                (nulls, bad, approx) = (nulls + c.nulls, bad + c.bad, approx + c.approx);
                if c.unit != x.unit && x.kind == Some(MeasureKind::Money) {
                    warnings.push(unit_note(name, c, &x.name, x.unit));
                }
                for r in 0..t.len() {
                    let state = d.states.get(r).copied().unwrap_or(CellState::Null);
                    m.push(state, d.value(r).unwrap_or(Decimal::ZERO));
                }
            }
            ColumnData::Measure(m)
        }
        Role::Period | Role::Dimension => {
            let mut keys: Vec<Key> = Vec::new();
            let mut index: HashMap<KeyId, u32> = HashMap::new();
            let mut intern = |k: &Key| -> u32 {
                let id = (k.label.clone(), k.period, k.blank, k.bad);
                *index.entry(id).or_insert_with(|| {
                    keys.push(k.clone());
                    (keys.len() - 1) as u32
                })
            };
            let blank = Key {
                label: BLANK_LABEL.to_string(),
                period: None,
                blank: true,
                bad: false,
            };
            let mut codes = Vec::with_capacity(rows);
            for (p, (name, t, map)) in parts.iter().enumerate() {
                match own(t, map, i).map(|(pc, c)| (pc, c, &c.data)) {
                    Some((
                        pc,
                        c,
                        ColumnData::Keys {
                            codes: local,
                            keys: lk,
                        },
                    )) => {
                        (nulls, bad) = (nulls + c.nulls, bad + c.bad);
                        let remap: Vec<u32> = lk.iter().map(&mut intern).collect();
                        codes.extend(
                            local
                                .iter()
                                .map(|&k| remap.get(k as usize).copied().unwrap_or(0)),
                        );
                        if let Some(slot) = code_maps.get_mut(p).and_then(|m| m.get_mut(pc)) {
                            *slot = remap;
                        }
                    }
                    _ => {
                        missing_in.push(name.as_str());
                        nulls += t.len();
                        let b = intern(&blank);
                        codes.extend(std::iter::repeat_n(b, t.len()));
                    }
                }
            }
            ColumnData::Keys { codes, keys }
        }
    };
    if !missing_in.is_empty() && x.role != Role::Ignore {
        let files: Vec<String> = missing_in.iter().map(|n| format!("“{n}”")).collect();
        warnings.push(Message::new(
            "column_missing",
            format!(
                "{}没有“{}”列，这些文件的行在该列为空",
                files.join("、"),
                x.name
            ),
            format!(
                "{} have no column \"{}\": it is empty on their rows",
                missing_in.join(", "),
                x.name
            ),
        ));
    }
    Column {
        name: x.name.clone(),
        index: i + 1,
        role: x.role,
        kind: x.kind,
        unit: x.unit,
        unit_source: x.unit_source,
        grain: x.grain,
        data,
        nulls,
        bad,
        approx,
    }
}
