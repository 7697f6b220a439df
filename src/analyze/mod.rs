//! Table + spec → result, in two steps: [`group`] makes one pass over the
//! table into groups ([`grouping`]; what a group keeps: [`accumulators`]),
//! and [`Grouped::render`] turns the groups into the result grid with shares, growth, unit and rounding ([`render`]).
//! A page re-renders without re-grouping when only those change.

pub mod accumulators;
pub mod grouping;
pub mod growth;
mod indicators;
pub mod reasons;
pub mod remainder;
pub mod render;
pub mod result;
pub mod spec;

use crate::message::Texts;
use std::collections::BTreeMap;

use rust_decimal::Decimal;

use crate::cell::{MoneyUnit, Unit};
use crate::error::{Error, ErrorCode, Result};
use crate::limits;
use crate::table::{ColumnData, Key, MeasureKind, Role, Table};
use grouping::{Grid, PeriodAt, Plan, Tally};
use result::*;
use spec::{Aggregate, GrowthKind, ShareKind, Spec};

/// Runs one analysis on a loaded table: [`group`] then [`Grouped::render`].
///
/// # Example
/// ```
/// use aidstat::{table, analyze::{analyze, spec::Spec}};
/// let csv = "年度,板块,金额(万元)\n2020,医疗,430\n2020,教育,570\n2021,教育,600\n";
/// let t = aidstat::load::load(csv.as_bytes(), &Default::default()).unwrap();
/// let spec = Spec::from_json(r#"{"rows":["板块"],"columns":"年度","share":"column"}"#).unwrap();
/// let r = analyze(&t, &spec).unwrap();
/// assert_eq!(r.cell("医疗", "2020").unwrap().share.as_ref().unwrap().text, "43.00%");
/// ```
pub fn analyze(table: &Table, spec: &Spec) -> Result<AnalysisResult> {
    group(table, spec)?.render(spec)
}

/// The groups of a view, ready to be rendered with any share, growth, unit
/// or precision. Owns what it needs: the table may be dropped.
#[derive(Debug)]
pub struct Grouped {
    grid: Grid,
    base: Spec,
    measure_name: Option<String>,
    measure_kind: Option<MeasureKind>,
    source_unit: Option<Unit>,
    money: bool,
    diagnostics: Diagnostics,
    findings: Vec<crate::table::Finding>,
    indicators: Option<indicators::Place>,
}

/// Groups the table's rows as the spec's rows, columns, measure, aggregate
/// and filters say.
///
/// # Example
/// ```
/// use aidstat::analyze::{group, spec::Spec};
/// let csv = "年度,板块,金额(万元)\n2020,医疗帮扶,430\n2020,教育帮扶,570\n2021,教育帮扶,600\n";
/// let t = aidstat::load::load(csv.as_bytes(), &Default::default()).unwrap();
/// let g = group(&t, &Spec::from_json(r#"{"rows":["板块"],"columns":"年度"}"#).unwrap()).unwrap();
/// let e = group(&t, &Spec::from_json(r#"{"rows":["地区"]}"#).unwrap()).unwrap_err();
/// assert_eq!(e.code.as_str(), "unknown_column");
/// drop(t); // the groups own what they need
/// let r = g.render(g.spec()).unwrap();
/// assert_eq!(r.cell("教育帮扶", "合计").unwrap().value.text, "1,170.00");
/// ```
pub fn group(table: &Table, spec: &Spec) -> Result<Grouped> {
    let find = |name: &str| -> Result<usize> {
        table
            .column(name)
            .ok_or_else(|| unknown_column(table, name))
    };
    let key_column = |name: &str| -> Result<(usize, &[Key])> {
        let i = find(name)?;
        match table.columns.get(i).map(|c| &c.data) {
            Some(ColumnData::Keys { keys, .. }) => Ok((i, keys.as_slice())),
            _ => Err(Error::new(
                ErrorCode::BadRequest,
                format!("“{name}”是数值列（或已忽略），不能用来分组；如要按它分组，请在列设置中改为“维度”"),
                format!("\"{name}\" is a measure (or ignored) column and cannot group rows; mark it as a dimension to group by it"),
            )),
        }
    };

    let mut row_cols = Vec::new();
    for name in &spec.rows {
        let (i, _) = key_column(name)?;
        if row_cols.contains(&i) {
            return Err(Error::new(
                ErrorCode::BadSpec,
                format!("“{name}”在行中出现了两次"),
                format!("\"{name}\" appears twice among the rows"),
            ));
        }
        row_cols.push(i);
    }
    let col = spec
        .columns
        .as_deref()
        .map(key_column)
        .transpose()?
        .map(|(c, _)| c);
    if col.is_some_and(|c| row_cols.contains(&c)) {
        return Err(Error::new(
            ErrorCode::BadSpec,
            "同一列不能既作行又作列",
            "the same column cannot be both a row and the column dimension",
        ));
    }
    // At most one leaf per row and per key combination, each with a figure
    // per column value and the total: refuse a grid that cannot fit.
    let distinct = |i: usize| match table.columns.get(i).map(|c| &c.data) {
        Some(ColumnData::Keys { keys, .. }) => keys.len().max(1),
        _ => 1,
    };
    let leaves = row_cols
        .iter()
        .try_fold(1usize, |n, &i| n.checked_mul(distinct(i)))
        .unwrap_or(usize::MAX)
        .min(table.len().max(1));
    let width = col.map_or(1, distinct) + 1;
    if leaves.saturating_mul(width) > limits::MAX_VIEW_CELLS {
        return Err(limits::view_too_large(leaves, width));
    }

    let measure = match &spec.measure {
        Some(m) => Some(find(m)?),
        None if spec.aggregate == Aggregate::Count => None,
        None => table.columns.iter().position(|c| c.role == Role::Measure),
    };
    let measure_col = measure.and_then(|m| table.columns.get(m));
    match (spec.aggregate, measure_col) {
        (Aggregate::Count | Aggregate::Distinct, _) => {}
        (_, Some(c)) if matches!(c.data, ColumnData::Measure(_)) => {}
        (agg, Some(c)) => {
            return Err(Error::new(
                ErrorCode::BadRequest,
                format!(
                    "“{}”不是数值列，不能做“{}”；可用“计数”或“去重计数”",
                    c.name,
                    agg.as_str()
                ),
                format!(
                    "\"{}\" is not a numeric column, so `{}` does not apply; use count or distinct",
                    c.name,
                    agg.as_str()
                ),
            ))
        }
        (agg, None) => {
            return Err(Error::new(
                ErrorCode::BadRequest,
                format!("文件中没有数值列，不能做“{}”；可用“计数”", agg.as_str()),
                format!(
                    "the file has no numeric column, so `{}` does not apply; use count",
                    agg.as_str()
                ),
            ))
        }
    }

    let is_period = |i: usize| table.columns.get(i).is_some_and(|c| c.role == Role::Period);
    let period_at = match col {
        Some(c) if is_period(c) => PeriodAt::Columns,
        _ => row_cols
            .iter()
            .position(|&i| is_period(i))
            .map_or(PeriodAt::Nowhere, PeriodAt::Row),
    };

    let mut masks: Vec<(usize, Vec<bool>)> = Vec::new();
    for f in &spec.filters {
        let (i, keys) = key_column(&f.column)?;
        let mask = keys
            .iter()
            .map(|k| {
                let keep = f.keep.as_ref().is_none_or(|v| v.contains(&k.label));
                let drop = f.drop.as_ref().is_some_and(|v| v.contains(&k.label));
                keep && !drop
            })
            .collect();
        masks.push((i, mask));
    }

    let indicators = indicators::place(table, &row_cols, col, &masks)?;
    let plan = Plan {
        row_cols: &row_cols,
        col,
        measure,
        masks: &masks,
        aggregate: spec.aggregate,
        period_at,
    };
    let (grid, tally) = Grid::fill(table, &plan);
    Ok(Grouped {
        grid,
        base: spec.clone(),
        measure_name: measure_col.map(|c| c.name.clone()),
        measure_kind: measure_col.and_then(|c| c.kind),
        source_unit: measure_col.and_then(|c| c.unit),
        money: measure_col.is_some_and(|c| c.kind == Some(MeasureKind::Money))
            && !spec.aggregate.is_count(),
        diagnostics: diagnostics(table, measure, &row_cols, col, tally),
        findings: table.findings.clone(),
        indicators,
    })
}

impl Grouped {
    /// The spec the groups were made with.
    ///
    /// # Example
    /// ```
    /// use aidstat::analyze::{group, spec::Spec};
    /// let t = aidstat::load::load("年度,金额\n2020,1\n".as_bytes(), &Default::default()).unwrap();
    /// let g = group(&t, &Spec::from_json(r#"{"columns":"年度","share":"row"}"#).unwrap()).unwrap();
    /// assert_eq!(g.spec().columns.as_deref(), Some("年度"));
    /// assert_eq!(g.spec().share.as_str(), "row");
    /// ```
    pub fn spec(&self) -> &Spec {
        &self.base
    }

    /// Renders the groups with `spec`'s share, growth, unit, precision,
    /// subtotals and totals. Its grouping fields (rows, columns, measure,
    /// aggregate, filters) must be those the groups were made with.
    ///
    /// # Example
    /// ```
    /// use aidstat::analyze::{group, spec::Spec};
    /// let csv = "年度,板块,金额(万元)\n2020,医疗帮扶,430\n2020,教育帮扶,570\n";
    /// let t = aidstat::load::load(csv.as_bytes(), &Default::default()).unwrap();
    /// let g = group(&t, &Spec::from_json(r#"{"rows":["板块"]}"#).unwrap()).unwrap();
    /// let r = g.render(&Spec::from_json(r#"{"rows":["板块"],"share":"grand"}"#).unwrap()).unwrap();
    /// assert_eq!(r.rows[0].cells[0].share.as_ref().unwrap().text, "43.00%");
    /// assert!(g.render(&Spec::from_json(r#"{"rows":["年度"]}"#).unwrap()).is_err());
    /// ```
    pub fn render(&self, spec: &Spec) -> Result<AnalysisResult> {
        if !spec.same_grouping(&self.base) {
            return Err(Error::new(
                ErrorCode::BadSpec,
                "行、列、数值、汇总方式或筛选已改变，需要重新分组",
                "rows, columns, measure, aggregate or filters changed: group again",
            ));
        }
        let out_unit: Option<MoneyUnit> = if self.money {
            spec.unit.or(match self.source_unit {
                Some(Unit::Money(u)) => Some(u),
                _ => None,
            })
        } else {
            None
        };
        let mut diagnostics = self.diagnostics.clone();
        if spec.unit.is_some() && !self.money {
            diagnostics.warnings.push(Message {
                code: "unit_ignored",
                text: Texts::new(
                    "所选单位只适用于金额，本结果不换算",
                    "the chosen unit applies to money only; these figures are not converted",
                ),
                line: None,
            });
        }
        if spec.growth != GrowthKind::None && self.grid.period_at == PeriodAt::Nowhere {
            diagnostics.warnings.push(Message {
                code: "no_period",
                text: Texts::new(
                    "增长指标需要把年度（时期）放在行或列中",
                    "growth needs the period (year) among the rows or as the columns",
                ),
                line: None,
            });
        }
        let r = render::Render {
            grid: &self.grid,
            spec,
            factor: out_unit.map_or(Decimal::ONE, MoneyUnit::factor),
        };
        let mut rows = r.rows();
        if spec.largest_remainder && spec.share != ShareKind::None {
            remainder::apply(
                &mut rows,
                spec.share,
                self.grid.col_order.len(),
                spec.percent_precision,
            );
        }
        let periods = self.grid.view_periods();
        let periods_out = match (periods.first(), periods.last()) {
            (Some(a), Some(b)) if spec.growth.is_summary() => vec![a.1.label(), b.1.label()],
            _ => Vec::new(),
        };
        let mut columns: Vec<ResultColumn> = match &self.grid.col_keys {
            Some(keys) => self
                .grid
                .col_order
                .iter()
                .map(|&c| ResultColumn {
                    label: keys
                        .get(c as usize)
                        .map_or(String::new(), |k| k.label.clone()),
                    kind: "value",
                })
                .collect(),
            None => vec![ResultColumn {
                label: self.measure_name.clone().unwrap_or_else(|| "记录数".into()),
                kind: "value",
            }],
        };
        if self.grid.col_keys.is_some() && spec.totals {
            columns.push(ResultColumn {
                label: "合计".into(),
                kind: "total",
            });
        }
        let mut result = AnalysisResult {
            spec: spec_out(spec, out_unit, self.measure_name.as_ref()),
            measure: MeasureInfo {
                name: self.measure_name.clone(),
                kind: self.measure_kind,
                unit: if spec.aggregate.is_count() {
                    None
                } else {
                    out_unit
                        .map(MoneyUnit::label)
                        .or(self.source_unit.map(|u| u.label()))
                },
                source_unit: self.source_unit.map(|u| u.label()),
            },
            row_dims: spec.rows.clone(),
            col_dim: spec.columns.clone(),
            columns,
            rows,
            summary_label: match spec.growth {
                GrowthKind::Cagr => Some("年均增长率"),
                GrowthKind::Average => Some("年均"),
                _ => None,
            },
            periods: periods_out,
            diagnostics,
            findings: self.findings.clone(),
        };
        if let Some(place) = self.indicators {
            indicators::guard(&mut result, place, spec.share);
        }
        Ok(result)
    }
}

fn diagnostics(
    table: &Table,
    measure: Option<usize>,
    row_cols: &[usize],
    col: Option<usize>,
    tally: Tally,
) -> Diagnostics {
    let item = |i: &crate::table::Issue| SetAsideItem::from_issue(i, table);
    // Every row set aside is counted; the first LISTED by line are listed.
    // A row is set aside at load (`table.set_aside`), or by this view for
    // bad cells in the columns it reads (`table.cell_issues` of the rows the
    // tally set aside): one item per row, however many of its cells are bad,
    // further bad cells added to its message.
    let used_cols: Vec<usize> = row_cols.iter().copied().chain(col).chain(measure).collect();
    let mut bad = tally.bad_rows;
    bad.sort_unstable();
    let mut counts: BTreeMap<&'static str, usize> = BTreeMap::new();
    // (line, 0 = at load / 1 = a cell of this view, index of the issue)
    let mut all: Vec<(u64, u8, usize)> = Vec::with_capacity(table.set_aside.len());
    for (k, i) in table.set_aside.iter().enumerate() {
        *counts.entry(i.reason).or_default() += 1;
        all.push((i.line, 0, k));
    }
    let cell_issue_of = |i: &crate::table::Issue| {
        i.row
            .filter(|r| bad.binary_search(r).is_ok())
            .filter(|_| i.column.is_some_and(|c| used_cols.contains(&c)))
    };
    let mut rows_seen: std::collections::BTreeSet<usize> = Default::default();
    // Further bad cells of those rows: (row, issue).
    let mut further: Vec<(usize, usize)> = Vec::new();
    for (k, i) in table.cell_issues.iter().enumerate() {
        let Some(row) = cell_issue_of(i) else {
            continue;
        };
        if rows_seen.insert(row) {
            *counts.entry(i.reason).or_default() += 1;
            all.push((i.line, 1, k));
        } else {
            further.push((row, k));
        }
    }
    let total = all.len();
    // By line, stably (at-load items came first), as the list always was.
    crate::order::sort_by_key(&mut all, |x| x.0);
    all.truncate(crate::limits::LISTED);
    let mut set_aside: Vec<SetAsideItem> = Vec::with_capacity(all.len());
    let mut listed_row: BTreeMap<usize, usize> = BTreeMap::new();
    for &(_, kind, k) in &all {
        let issue = if kind == 0 {
            table.set_aside.get(k)
        } else {
            table.cell_issues.get(k)
        };
        if let Some(i) = issue {
            if let Some(row) = i.row.filter(|_| kind == 1) {
                listed_row.insert(row, set_aside.len());
            }
            set_aside.push(item(i));
        }
    }
    for (row, i) in further
        .iter()
        .filter_map(|&(row, k)| Some((row, table.cell_issues.get(k)?)))
    {
        if let Some(first) = listed_row.get(&row).and_then(|&n| set_aside.get_mut(n)) {
            first.text.zh.push_str(&format!("；另：{}", i.text.zh));
            first.text.en.push_str(&format!("; also: {}", i.text.en));
        }
    }
    let warnings: Vec<Message> = table.warnings.to_vec();
    Diagnostics {
        rows_read: table.rows_read,
        rows_used: tally.used,
        set_aside,
        set_aside_total: total,
        set_aside_counts: counts,
        nulls: listed(tally.null_lines),
        approximate: listed(tally.approx_lines),
        filtered_out: tally.filtered,
        encoding: table.source.encoding,
        delimiter: table.source.delimiter.map(|d| char::from(d).to_string()),
        header_line: table.source.header_line,
        warnings,
    }
}

/// A count and its first lines.
fn listed(mut lines: Vec<u64>) -> Lines {
    let count = lines.len();
    lines.truncate(crate::limits::LISTED);
    Lines { count, lines }
}

/// The spec as the result echoes it: defaults filled in, the measure and
/// the unit it resolved.
fn spec_out(s: &Spec, unit: Option<MoneyUnit>, measure: Option<&String>) -> Spec {
    Spec {
        measure: measure.cloned(),
        unit,
        ..s.clone()
    }
}

/// A spec names a column the table does not have, or names it loosely and
/// several columns read the same: say which columns there are.
fn unknown_column(table: &Table, name: &str) -> Error {
    const SHOWN: usize = 30;
    let shown = limits::echo(name);
    let like = table.columns_like(name);
    if like.len() > 1 {
        let cols: Vec<(usize, &str)> = like
            .iter()
            .filter_map(|&i| table.columns.get(i).map(|c| (i + 1, c.name.as_str())))
            .collect();
        let zh: Vec<String> = cols
            .iter()
            .map(|(n, c)| format!("第 {n} 列“{c}”"))
            .collect();
        let en: Vec<String> = cols
            .iter()
            .map(|(n, c)| format!("column {n} \"{c}\""))
            .collect();
        return Error::new(
            ErrorCode::UnknownColumn,
            format!("列名“{shown}”不确切：可以指{}；请用其中一个准确的名字", zh.join("或")),
            format!("the column name \"{shown}\" is ambiguous: it could be {}; use one of these names exactly", en.join(" or ")),
        );
    }
    let names: Vec<&str> = table
        .columns
        .iter()
        .take(SHOWN)
        .map(|c| c.name.as_str())
        .collect();
    let (more_zh, more_en) = match table.columns.len() {
        n if n > SHOWN => (format!("……共 {n} 列"), format!(", … ({n} columns)")),
        _ => (String::new(), String::new()),
    };
    Error::new(
        ErrorCode::UnknownColumn,
        format!(
            "没有名为“{shown}”的列；现有的列：“{}”{more_zh}",
            names.join("”、“")
        ),
        format!(
            "no column named \"{shown}\"; the columns are: {}{more_en}",
            names.join(", ")
        ),
    )
}
