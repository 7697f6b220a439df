//! Table + spec → result. Rows are grouped once into leaf groups (one pass
//! over the table); subtotals and totals are merged from the leaves; shares
//! and growth are computed from the groups' exact values; rounding happens
//! only when a figure becomes text ([`result::Figure`]).

pub mod group;
pub mod growth;
pub mod result;
pub mod spec;

use std::collections::{BTreeMap, HashMap};

use rust_decimal::Decimal;

use crate::cell::{MoneyUnit, Period, Unit};
use crate::error::{Error, ErrorCode, Result};
use crate::table::{CellState, ColumnData, Key, MeasureKind, Role, Table};
use group::{Acc, DistinctKey};
use result::*;
use spec::{Aggregate, GrowthKind, ShareKind, Spec};

/// Where the period sits in the view.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum PeriodAt {
    /// The column dimension is the period.
    Columns,
    /// The period is row dimension number `p` (0-based).
    Row(usize),
    /// The view has no period.
    Nowhere,
}

/// A group at some level: its key prefix and its accumulators per column
/// (the last one is the total over all columns).
struct Node {
    level: usize,
    prefix: Vec<u32>,
    accs: Vec<Acc>,
    children: Vec<usize>,
}

struct Grid<'t> {
    table: &'t Table,
    spec: &'t Spec,
    row_cols: Vec<usize>,
    row_keys: Vec<&'t [Key]>,
    col_keys: Option<&'t [Key]>,
    period_at: PeriodAt,
    period_keys: Option<&'t [Key]>,
    /// Code of each period in the period column.
    period_code: HashMap<Period, u32>,
    nodes: Vec<Node>,
    node_of: HashMap<(usize, Vec<u32>), usize>,
    /// Column codes in display order (without the total).
    col_order: Vec<u32>,
    /// Accumulators stride: number of column codes (1 without a column dimension).
    stride: usize,
    /// Totals per period code (contribution, pull).
    period_totals: HashMap<u32, Acc>,
    /// Output unit conversion: divide stored values by this.
    factor: Decimal,
}

/// Runs one analysis on a loaded table.
///
/// # Example
/// ```
/// use aidstat::{table, analyze::{analyze, spec::Spec}};
/// let csv = "年度,板块,金额(万元)\n2020,医疗,430\n2020,教育,570\n2021,教育,600\n";
/// let t = table::load(csv.as_bytes(), &Default::default()).unwrap();
/// let spec = Spec::from_json(r#"{"rows":["板块"],"columns":"年度","share":"column"}"#).unwrap();
/// let r = analyze(&t, &spec).unwrap();
/// assert_eq!(r.cell("医疗", "2020").unwrap().share.as_ref().unwrap().text, "43.00%");
/// ```
pub fn analyze(table: &Table, spec: &Spec) -> Result<AnalysisResult> {
    let find = |name: &str| -> Result<usize> {
        table.column(name).ok_or_else(|| {
            let names: Vec<&str> = table.columns.iter().map(|c| c.name.as_str()).collect();
            Error::new(
                ErrorCode::UnknownColumn,
                format!("没有名为“{name}”的列；现有的列：{}", names.join("、")),
                format!(
                    "no column named \"{name}\"; the columns are: {}",
                    names.join(", ")
                ),
            )
        })
    };
    let key_column = |name: &str| -> Result<(usize, &[Key])> {
        let i = find(name)?;
        match table.columns.get(i).map(|c| (&c.data, c.role)) {
            Some((ColumnData::Keys { keys, .. }, _)) => Ok((i, keys.as_slice())),
            _ => Err(Error::new(
                ErrorCode::BadRequest,
                format!("“{name}”是数值列（或已忽略），不能用来分组；如要按它分组，请在列设置中改为“维度”"),
                format!("\"{name}\" is a measure (or ignored) column and cannot group rows; mark it as a dimension to group by it"),
            )),
        }
    };

    let mut row_cols = Vec::new();
    let mut row_keys = Vec::new();
    for name in &spec.rows {
        let (i, k) = key_column(name)?;
        if row_cols.contains(&i) {
            return Err(Error::new(
                ErrorCode::BadSpec,
                format!("“{name}”在行中出现了两次"),
                format!("\"{name}\" appears twice among the rows"),
            ));
        }
        row_cols.push(i);
        row_keys.push(k);
    }
    let col = spec.columns.as_deref().map(key_column).transpose()?;
    if let Some((c, _)) = col {
        if row_cols.contains(&c) {
            return Err(Error::new(
                ErrorCode::BadSpec,
                "同一列不能既作行又作列",
                "the same column cannot be both a row and the column dimension",
            ));
        }
    }

    // The measure.
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
    let money = measure_col.is_some_and(|c| c.kind == Some(MeasureKind::Money))
        && !spec.aggregate.is_count();
    let source_unit = measure_col.and_then(|c| c.unit);
    let out_unit: Option<MoneyUnit> = if money {
        spec.unit.or(match source_unit {
            Some(Unit::Money(u)) => Some(u),
            _ => None,
        })
    } else {
        None
    };
    let mut warnings: Vec<Message> = Vec::new();
    if spec.unit.is_some() && !money {
        warnings.push(Message {
            code: "unit_ignored",
            message_zh: "所选单位只适用于金额，本结果不换算".into(),
            message_en: "the chosen unit applies to money only; these figures are not converted"
                .into(),
            line: None,
        });
    }

    // Where is the period?
    let is_period = |i: usize| table.columns.get(i).is_some_and(|c| c.role == Role::Period);
    let period_at = match col {
        Some((c, _)) if is_period(c) => PeriodAt::Columns,
        _ => row_cols
            .iter()
            .position(|&i| is_period(i))
            .map_or(PeriodAt::Nowhere, PeriodAt::Row),
    };
    let period_keys = match period_at {
        PeriodAt::Columns => col.map(|(_, k)| k),
        PeriodAt::Row(p) => row_keys.get(p).copied(),
        PeriodAt::Nowhere => None,
    };
    if spec.growth != GrowthKind::None && period_at == PeriodAt::Nowhere {
        warnings.push(Message {
            code: "no_period",
            message_zh: "增长指标需要把年度（时期）放在行或列中".into(),
            message_en: "growth needs the period (year) among the rows or as the columns".into(),
            line: None,
        });
    }

    // Filters: a keep mask per key column.
    let mut masks: Vec<(usize, Vec<bool>)> = Vec::new();
    for f in &spec.filters {
        let (i, keys) = key_column(&f.column)?;
        let mask = keys
            .iter()
            .map(|k| {
                let keep = f
                    .keep
                    .as_ref()
                    .is_none_or(|v| v.iter().any(|x| *x == k.label));
                let drop = f
                    .drop
                    .as_ref()
                    .is_some_and(|v| v.iter().any(|x| *x == k.label));
                keep && !drop
            })
            .collect();
        masks.push((i, mask));
    }

    let factor = out_unit.map_or(Decimal::ONE, MoneyUnit::factor);
    let mut grid = Grid {
        table,
        spec,
        row_cols,
        row_keys,
        col_keys: col.map(|(_, k)| k),
        period_at,
        period_keys,
        period_code: HashMap::new(),
        nodes: Vec::new(),
        node_of: HashMap::new(),
        col_order: Vec::new(),
        stride: col.map_or(1, |(_, k)| k.len().max(1)),
        period_totals: HashMap::new(),
        factor,
    };
    if let Some(keys) = period_keys {
        for (code, k) in keys.iter().enumerate() {
            if let Some(p) = k.period {
                grid.period_code.insert(p, code as u32);
            }
        }
    }
    let tally = grid.fill(col.map(|(c, _)| c), measure, &masks);
    grid.order_columns();

    let mut rows = Vec::new();
    let root = grid.node_of.get(&(0, Vec::new())).copied();
    if let Some(root) = root {
        grid.emit(root, &mut rows);
    }
    let summary_label = match spec.growth {
        GrowthKind::Cagr => Some("年均增长率"),
        GrowthKind::Average => Some("年均"),
        _ => None,
    };
    let periods = grid.view_periods();
    let periods_out = match (periods.first(), periods.last()) {
        (Some(a), Some(b)) if spec.growth.is_summary() => vec![a.1.label(), b.1.label()],
        _ => Vec::new(),
    };

    let mut columns: Vec<ResultColumn> = match grid.col_keys {
        Some(keys) => grid
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
            label: measure_col.map_or("记录数".to_string(), |c| c.name.clone()),
            kind: "value",
        }],
    };
    if grid.col_keys.is_some() && spec.totals {
        columns.push(ResultColumn {
            label: "合计".into(),
            kind: "total",
        });
    }

    let diagnostics = diagnostics(
        table,
        measure,
        &grid.row_cols,
        col.map(|(c, _)| c),
        tally,
        warnings,
    );
    Ok(AnalysisResult {
        spec: spec_out(spec, out_unit),
        measure: MeasureInfo {
            name: measure_col.map(|c| c.name.clone()),
            kind: measure_col.and_then(|c| c.kind).map(MeasureKind::as_str),
            unit: if spec.aggregate.is_count() {
                None
            } else {
                out_unit
                    .map(MoneyUnit::label)
                    .or(source_unit.map(|u| u.label()))
            },
            source_unit: source_unit.map(|u| u.label()),
        },
        row_dims: spec.rows.clone(),
        col_dim: spec.columns.clone(),
        columns,
        rows,
        summary_label,
        periods: periods_out,
        diagnostics,
        findings: table.findings.iter().map(finding_out).collect(),
    })
}

/// What the pass over the rows saw, for the diagnostics.
#[derive(Default)]
struct Tally {
    used: usize,
    filtered: usize,
    bad_rows: Vec<usize>,
    null_lines: Vec<u64>,
    approx_lines: Vec<u64>,
}

impl<'t> Grid<'t> {
    /// One pass over the table: every eligible row into its leaf group.
    fn fill(
        &mut self,
        col: Option<usize>,
        measure: Option<usize>,
        masks: &[(usize, Vec<bool>)],
    ) -> Tally {
        let t = self.table;
        let codes_of = |i: usize| match t.columns.get(i).map(|c| &c.data) {
            Some(ColumnData::Keys { codes, keys }) => Some((codes.as_slice(), keys.as_slice())),
            _ => None,
        };
        let row_codes: Vec<(&[u32], &[Key])> =
            self.row_cols.iter().filter_map(|&i| codes_of(i)).collect();
        let col_codes = col.and_then(codes_of);
        let mask_codes: Vec<(&[u32], &[bool])> = masks
            .iter()
            .filter_map(|(i, m)| codes_of(*i).map(|(c, _)| (c, m.as_slice())))
            .collect();
        let mdata = measure.and_then(|m| match t.columns.get(m).map(|c| &c.data) {
            Some(ColumnData::Measure(d)) => Some(d),
            _ => None,
        });
        let distinct_codes = if self.spec.aggregate == Aggregate::Distinct {
            measure.and_then(codes_of)
        } else {
            None
        };
        let distinct = self.spec.aggregate == Aggregate::Distinct;
        let period_pos = match self.period_at {
            PeriodAt::Row(p) => Some(p),
            _ => None,
        };
        let need_period_totals = matches!(
            self.spec.growth,
            GrowthKind::Contribution | GrowthKind::Pull
        );

        let mut tally = Tally::default();
        let mut leaf_of: HashMap<Vec<u32>, usize> = HashMap::new();
        let mut leaves: Vec<(Vec<u32>, Vec<Acc>)> = Vec::new();
        let mut key = Vec::with_capacity(row_codes.len());
        let stride = self.stride;
        'rows: for r in 0..t.len() {
            for (codes, mask) in &mask_codes {
                if !codes
                    .get(r)
                    .and_then(|&c| mask.get(c as usize))
                    .copied()
                    .unwrap_or(false)
                {
                    tally.filtered += 1;
                    continue 'rows;
                }
            }
            key.clear();
            for (codes, keys) in &row_codes {
                let c = codes.get(r).copied().unwrap_or(0);
                if keys.get(c as usize).is_some_and(|k| k.bad) {
                    tally.bad_rows.push(r);
                    continue 'rows;
                }
                key.push(c);
            }
            let colpos = match col_codes {
                Some((codes, keys)) => {
                    let c = codes.get(r).copied().unwrap_or(0);
                    if keys.get(c as usize).is_some_and(|k| k.bad) {
                        tally.bad_rows.push(r);
                        continue 'rows;
                    }
                    c as usize
                }
                None => 0,
            };
            let value = match mdata {
                Some(d) => match (d.states.get(r), d.values.get(r)) {
                    (Some(CellState::Value), Some(v)) => Some(*v),
                    (Some(CellState::Approx), Some(v)) => {
                        tally
                            .approx_lines
                            .push(t.lines.get(r).copied().unwrap_or(0));
                        Some(*v)
                    }
                    (Some(CellState::Bad), _) => {
                        tally.bad_rows.push(r);
                        continue 'rows;
                    }
                    _ => {
                        tally.null_lines.push(t.lines.get(r).copied().unwrap_or(0));
                        None
                    }
                },
                None => None,
            };
            if value.is_some() || mdata.is_none() {
                tally.used += 1;
            }
            let leaf = match leaf_of.get(key.as_slice()) {
                Some(&l) => l,
                None => {
                    leaf_of.insert(key.clone(), leaves.len());
                    leaves.push((key.clone(), vec![Acc::default(); stride]));
                    leaves.len() - 1
                }
            };
            if let Some(acc) = leaves.get_mut(leaf).and_then(|(_, a)| a.get_mut(colpos)) {
                acc.update(value);
                if distinct {
                    let k = match distinct_codes {
                        Some((codes, _)) => codes.get(r).map(|&c| DistinctKey::Code(c)),
                        None => value.map(|v| DistinctKey::Value(v.normalize())),
                    };
                    if let Some(k) = k {
                        acc.distinct.insert(k);
                    }
                }
            }
            if need_period_totals {
                let pcode = match (self.period_at, period_pos) {
                    (PeriodAt::Columns, _) => Some(colpos as u32),
                    (_, Some(p)) => key.get(p).copied(),
                    _ => None,
                };
                if let Some(pc) = pcode {
                    self.period_totals.entry(pc).or_default().update(value);
                }
            }
        }

        // Subtotals and totals, merged from the leaves.
        let depth = self.row_cols.len();
        for (lkey, accs) in leaves {
            let mut parent: Option<usize> = None;
            for level in 0..=depth {
                let prefix = lkey.get(..level).unwrap_or(&[]).to_vec();
                let id = match self.node_of.get(&(level, prefix.clone())) {
                    Some(&id) => id,
                    None => {
                        let id = self.nodes.len();
                        self.nodes.push(Node {
                            level,
                            prefix: prefix.clone(),
                            accs: vec![Acc::default(); stride + 1],
                            children: Vec::new(),
                        });
                        self.node_of.insert((level, prefix), id);
                        if let Some(p) = parent.and_then(|p| self.nodes.get_mut(p)) {
                            p.children.push(id);
                        }
                        id
                    }
                };
                if let Some(node) = self.nodes.get_mut(id) {
                    for (c, a) in accs.iter().enumerate() {
                        if a.records > 0 {
                            if let Some(slot) = node.accs.get_mut(c) {
                                slot.merge(a);
                            }
                            if let Some(total) = node.accs.get_mut(stride) {
                                total.merge(a);
                            }
                        }
                    }
                }
                parent = Some(id);
            }
        }
        // Children in display order: periods by the calendar, the rest as first seen.
        let period_pos = period_pos;
        let row_keys = self.row_keys.clone();
        let mut order: Vec<(usize, Vec<usize>)> = Vec::new();
        for (id, n) in self.nodes.iter().enumerate() {
            let mut kids = n.children.clone();
            let level = n.level;
            let keys = row_keys.get(level).copied().unwrap_or(&[]);
            let code_at = |k: &usize| {
                self.nodes
                    .get(*k)
                    .and_then(|c| c.prefix.get(level).copied())
                    .unwrap_or(0)
            };
            if period_pos == Some(level) {
                kids.sort_by_key(|k| {
                    (
                        keys.get(code_at(k) as usize).and_then(|x| x.period),
                        code_at(k),
                    )
                });
            } else {
                kids.sort_by_key(code_at);
            }
            order.push((id, kids));
        }
        for (id, kids) in order {
            if let Some(n) = self.nodes.get_mut(id) {
                n.children = kids;
            }
        }
        tally
    }

    /// Column codes with records, in display order.
    fn order_columns(&mut self) {
        let Some(keys) = self.col_keys else {
            self.col_order = vec![0];
            return;
        };
        let root = self
            .node_of
            .get(&(0, Vec::new()))
            .and_then(|&r| self.nodes.get(r));
        let mut used: Vec<u32> = (0..keys.len() as u32)
            .filter(|&c| {
                root.and_then(|n| n.accs.get(c as usize))
                    .is_some_and(|a| a.records > 0)
            })
            .collect();
        if self.period_at == PeriodAt::Columns {
            used.sort_by_key(|&c| (keys.get(c as usize).and_then(|k| k.period), c));
        }
        self.col_order = used;
    }

    /// The periods of the view, in calendar order: (code, period).
    fn view_periods(&self) -> Vec<(u32, Period)> {
        let Some(keys) = self.period_keys else {
            return Vec::new();
        };
        let mut out: Vec<(u32, Period)> = match self.period_at {
            PeriodAt::Columns => self
                .col_order
                .iter()
                .filter_map(|&c| keys.get(c as usize).and_then(|k| k.period).map(|p| (c, p)))
                .collect(),
            PeriodAt::Row(p) => {
                let mut seen: Vec<u32> = self
                    .nodes
                    .iter()
                    .filter(|n| n.level == p + 1)
                    .filter_map(|n| n.prefix.get(p).copied())
                    .collect();
                seen.sort_unstable();
                seen.dedup();
                seen.into_iter()
                    .filter_map(|c| keys.get(c as usize).and_then(|k| k.period).map(|p| (c, p)))
                    .collect()
            }
            PeriodAt::Nowhere => Vec::new(),
        };
        out.sort_by_key(|(_, p)| *p);
        out
    }

    /// Emits a node's rows: children first, then its own subtotal / total row.
    fn emit(&self, id: usize, out: &mut Vec<ResultRow>) {
        let Some(node) = self.nodes.get(id) else {
            return;
        };
        let depth = self.row_cols.len();
        if node.level == depth {
            out.push(self.row(id, if depth == 0 { "total" } else { "data" }));
            return;
        }
        for &k in &node.children {
            self.emit(k, out);
        }
        if node.level == 0 {
            if self.spec.totals {
                out.push(self.row(id, "total"));
            }
        } else if self.spec.subtotals {
            out.push(self.row(id, "subtotal"));
        }
    }

    fn label(&self, level: usize, code: u32) -> String {
        self.row_keys
            .get(level)
            .and_then(|k| k.get(code as usize))
            .map_or(String::new(), |k| k.label.clone())
    }

    fn row(&self, id: usize, kind: &'static str) -> ResultRow {
        let Some(node) = self.nodes.get(id) else {
            return ResultRow {
                kind,
                level: 0,
                keys: Vec::new(),
                label: String::new(),
                cells: Vec::new(),
                summary: None,
            };
        };
        let depth = self.row_cols.len();
        let keys: Vec<Option<String>> = (0..depth)
            .map(|l| node.prefix.get(l).map(|&c| self.label(l, c)))
            .collect();
        let label = match kind {
            "total" => "合计".to_string(),
            "subtotal" => format!(
                "{} 小计",
                keys.iter().flatten().last().cloned().unwrap_or_default()
            ),
            _ => keys.last().cloned().flatten().unwrap_or_default(),
        };
        let mut cols: Vec<usize> = self.col_order.iter().map(|&c| c as usize).collect();
        if self.col_keys.is_some() && self.spec.totals {
            cols.push(self.stride);
        }
        let cells = cols.iter().map(|&c| self.cell(node, c)).collect();
        let summary = self.spec.growth.is_summary().then(|| self.summary(node));
        ResultRow {
            kind,
            level: node.level,
            keys,
            label,
            cells,
            summary,
        }
    }

    fn raw(&self, node: &Node, c: usize) -> std::result::Result<Decimal, &'static str> {
        node.accs
            .get(c)
            .map_or(Err("no_records"), |a| a.evaluate(self.spec.aggregate))
    }

    fn amount_style(&self) -> Style {
        Style::Amount(if self.spec.aggregate.is_count() {
            0
        } else {
            self.spec.precision
        })
    }

    fn cell(&self, node: &Node, c: usize) -> ResultCell {
        let records = node.accs.get(c).map_or(0, |a| a.records);
        let value = match self.raw(node, c) {
            Ok(v) => match v.checked_div(self.factor) {
                Some(v) => Figure::value(v, self.amount_style()),
                None => Figure::empty("overflow"),
            },
            Err(r) => Figure::empty(r),
        };
        let share = (self.spec.share != ShareKind::None).then(|| self.share(node, c));
        let growth = (self.spec.growth != GrowthKind::None && !self.spec.growth.is_summary())
            .then(|| self.growth(node, c));
        ResultCell {
            value,
            share,
            growth,
            records,
        }
    }

    fn node(&self, level: usize, prefix: &[u32]) -> Option<&Node> {
        self.node_of
            .get(&(level, prefix.to_vec()))
            .and_then(|&i| self.nodes.get(i))
    }

    fn share(&self, node: &Node, c: usize) -> Figure {
        if !self.spec.aggregate.is_additive() {
            return Figure::empty("not_additive");
        }
        let root = self.node(0, &[]);
        let parent = if node.level == 0 {
            Some(node)
        } else {
            self.node(
                node.level - 1,
                node.prefix.get(..node.level - 1).unwrap_or(&[]),
            )
        };
        let (den_node, den_col) = match self.spec.share {
            ShareKind::Grand => (root, self.stride),
            ShareKind::Row => (Some(node), self.stride),
            ShareKind::Column => (root, c),
            ShareKind::Parent => (parent, c),
            ShareKind::None => return Figure::empty("zero_total"),
        };
        let num = match self.raw(node, c) {
            Ok(v) => v,
            Err(r) => return Figure::empty(r),
        };
        let den = den_node.map_or(Err("zero_total"), |n| self.raw(n, den_col));
        match den {
            Ok(d) if !d.is_zero() => match num
                .checked_div(d)
                .and_then(|s| s.checked_mul(Decimal::ONE_HUNDRED))
            {
                Some(s) => {
                    let f = Figure::value(s, Style::Percent(self.spec.percent_precision));
                    if num.is_sign_negative() && !num.is_zero() || s > Decimal::ONE_HUNDRED {
                        f.flag("negative_part")
                    } else {
                        f
                    }
                }
                None => Figure::empty("overflow"),
            },
            _ => Figure::empty("zero_total"),
        }
    }

    /// The period of a cell, and how to find the same cell at another period.
    fn period_of(&self, node: &Node, c: usize) -> Option<Period> {
        let keys = self.period_keys?;
        let code = match self.period_at {
            PeriodAt::Columns if c < self.stride && self.col_keys.is_some() => c as u32,
            PeriodAt::Row(p) if node.level > p => *node.prefix.get(p)?,
            _ => return None,
        };
        keys.get(code as usize)?.period
    }

    /// The raw value of the same cell at period `p`.
    fn at_period(
        &self,
        node: &Node,
        c: usize,
        p: Period,
    ) -> std::result::Result<Decimal, &'static str> {
        let code = *self.period_code.get(&p).ok_or("no_records")?;
        match self.period_at {
            PeriodAt::Columns => self.raw(node, code as usize),
            PeriodAt::Row(pos) => {
                let mut prefix = node.prefix.clone();
                if let Some(slot) = prefix.get_mut(pos) {
                    *slot = code;
                }
                self.node(node.level, &prefix)
                    .map_or(Err("no_records"), |n| self.raw(n, c))
            }
            PeriodAt::Nowhere => Err("no_period"),
        }
    }

    fn period_total(&self, p: Period) -> std::result::Result<Decimal, &'static str> {
        let code = self.period_code.get(&p).ok_or("no_records")?;
        self.period_totals
            .get(code)
            .map_or(Err("no_records"), |a| a.evaluate(self.spec.aggregate))
    }

    fn growth(&self, node: &Node, c: usize) -> Figure {
        let Some(p) = self.period_of(node, c) else {
            return Figure::empty("no_period");
        };
        let cur = match self.raw(node, c) {
            Ok(v) => v,
            Err(_) => return Figure::empty("no_current"),
        };
        let prior = || self.at_period(node, c, p.prev()).map_err(|_| "no_prior");
        let pct = Style::Percent(self.spec.percent_precision);
        let result: std::result::Result<(Decimal, Option<&'static str>, Style), &'static str> =
            (|| {
                Ok(match self.spec.growth {
                    GrowthKind::Change => {
                        let d = cur - prior()?;
                        (
                            d.checked_div(self.factor).ok_or("overflow")?,
                            None,
                            self.amount_style(),
                        )
                    }
                    GrowthKind::Rate => {
                        let (v, f) = growth::rate(cur, prior()?)?;
                        (v, f, pct)
                    }
                    GrowthKind::Speed => {
                        let (v, f) = growth::speed(cur, prior()?)?;
                        (v, f, pct)
                    }
                    GrowthKind::Index => {
                        let base = self.base_period().ok_or("no_base")?;
                        let b = self.at_period(node, c, base).map_err(|_| "no_base")?;
                        let (v, f) = growth::index(cur, b)?;
                        (v, f, pct)
                    }
                    GrowthKind::Contribution => {
                        let dp = cur - prior()?;
                        let dt = self.period_total(p)?
                            - self.period_total(p.prev()).map_err(|_| "no_prior")?;
                        let (v, f) = growth::contribution(dp, dt)?;
                        (v, f, pct)
                    }
                    GrowthKind::Pull => {
                        let dp = cur - prior()?;
                        let tp = self.period_total(p.prev()).map_err(|_| "no_prior")?;
                        let (v, f) = growth::pull(dp, tp)?;
                        (v, f, Style::Points(self.spec.percent_precision))
                    }
                    GrowthKind::None | GrowthKind::Cagr | GrowthKind::Average => {
                        return Err("no_period")
                    }
                })
            })();
        match result {
            Ok((v, flag, style)) => {
                let f = Figure::value(v, style);
                match flag {
                    Some(fl) => f.flag(fl),
                    None => f,
                }
            }
            Err("zero_base") => {
                let mut f = Figure::empty("zero_base");
                if cur > Decimal::ZERO && self.spec.growth != GrowthKind::Index {
                    f.text = "新增".into();
                }
                f
            }
            Err(r) => Figure::empty(r),
        }
    }

    fn base_period(&self) -> Option<Period> {
        match &self.spec.base_period {
            Some(label) => {
                let keys = self.period_keys?;
                keys.iter()
                    .find(|k| &k.label == label)
                    .and_then(|k| k.period)
            }
            None => self.view_periods().first().map(|(_, p)| *p),
        }
    }

    /// CAGR or average per period of a row, over the view's first and last period.
    fn summary(&self, node: &Node) -> Figure {
        let periods = self.view_periods();
        let (Some(&(_, first)), Some(&(_, last))) = (periods.first(), periods.last()) else {
            return Figure::empty("no_period");
        };
        // The series of this row: per column (period across), or its children (period down).
        let (total_node, series): (
            Option<&Node>,
            Box<dyn Fn(Period) -> std::result::Result<Decimal, &'static str>>,
        ) = match self.period_at {
            PeriodAt::Columns => (Some(node), Box::new(move |p| self.col_value(node, p))),
            PeriodAt::Row(pos) if node.level == pos => (
                Some(node),
                Box::new(move |p| {
                    let code = *self.period_code.get(&p).ok_or("no_records")?;
                    let mut prefix = node.prefix.clone();
                    prefix.push(code);
                    self.node(node.level + 1, &prefix)
                        .map_or(Err("no_records"), |n| self.raw(n, self.stride))
                }),
            ),
            _ => (None, Box::new(|_| Err("no_period"))),
        };
        let Some(total_node) = total_node else {
            return Figure::empty("no_period");
        };
        let span = last.index() - first.index();
        match self.spec.growth {
            GrowthKind::Cagr => {
                let (Ok(a), Ok(b)) = (series(first), series(last)) else {
                    return Figure::empty("cagr_undefined");
                };
                match growth::cagr(a, b, span) {
                    Ok((v, _)) => Figure::value(v, Style::Percent(self.spec.percent_precision)),
                    Err(r) => Figure::empty(r),
                }
            }
            _ => {
                if !self.spec.aggregate.is_additive() {
                    return Figure::empty("not_additive");
                }
                match self.raw(total_node, self.stride) {
                    Ok(total) => match total
                        .checked_div(Decimal::from(span + 1))
                        .and_then(|v| v.checked_div(self.factor))
                    {
                        Some(v) => Figure::value(v, Style::Amount(self.spec.precision)),
                        None => Figure::empty("overflow"),
                    },
                    Err(r) => Figure::empty(r),
                }
            }
        }
    }

    fn col_value(&self, node: &Node, p: Period) -> std::result::Result<Decimal, &'static str> {
        let code = self.period_code.get(&p).ok_or("no_records")?;
        self.raw(node, *code as usize)
    }
}

fn diagnostics(
    table: &Table,
    measure: Option<usize>,
    row_cols: &[usize],
    col: Option<usize>,
    tally: Tally,
    mut warnings: Vec<Message>,
) -> Diagnostics {
    let name_of = |i: usize| table.columns.get(i).map(|c| c.name.clone());
    let item = |i: &crate::table::Issue| SetAsideItem {
        line: i.line,
        reason: i.reason,
        column: i.column.and_then(name_of),
        column_number: i.column.map(|c| c as u64 + 1),
        raw: i.raw.chars().take(500).collect(),
        message_zh: i.message_zh.clone(),
        message_en: i.message_en.clone(),
    };
    let mut set_aside: Vec<SetAsideItem> = table.set_aside.iter().map(item).collect();
    // Cell issues of the columns this view reads, for the rows it set aside.
    let used_cols: Vec<usize> = row_cols.iter().copied().chain(col).chain(measure).collect();
    let mut bad = tally.bad_rows;
    bad.sort_unstable();
    for i in &table.cell_issues {
        if i.column.is_some_and(|c| used_cols.contains(&c))
            && i.row.is_some_and(|r| bad.binary_search(&r).is_ok())
        {
            set_aside.push(item(i));
        }
    }
    set_aside.sort_by_key(|s| s.line);
    let mut counts: BTreeMap<&'static str, usize> = BTreeMap::new();
    for s in &set_aside {
        *counts.entry(s.reason).or_default() += 1;
    }
    let mut all_warnings: Vec<Message> = table
        .warnings
        .iter()
        .map(|w| Message {
            code: w.code,
            message_zh: w.message_zh.clone(),
            message_en: w.message_en.clone(),
            line: w.line,
        })
        .collect();
    all_warnings.append(&mut warnings);
    Diagnostics {
        rows_read: table.rows_read,
        rows_used: tally.used,
        set_aside,
        set_aside_counts: counts,
        nulls: Lines {
            count: tally.null_lines.len(),
            lines: tally.null_lines,
        },
        approximate: Lines {
            count: tally.approx_lines.len(),
            lines: tally.approx_lines,
        },
        filtered_out: tally.filtered,
        encoding: table.source.encoding,
        delimiter: table.source.delimiter.map(|d| char::from(d).to_string()),
        header_line: table.source.header_line,
        warnings: all_warnings,
    }
}

fn finding_out(f: &crate::table::Finding) -> FindingOut {
    use crate::format::plain;
    FindingOut {
        code: f.code,
        severity: f.severity,
        line: f.line,
        column: f.column.clone(),
        stated: plain(f.stated),
        computed: plain(f.computed),
        difference: plain(f.difference),
        unit: f.unit,
        covered_lines: f.covered_lines.clone(),
        message_zh: f.message_zh.clone(),
        message_en: f.message_en.clone(),
    }
}

fn spec_out(s: &Spec, unit: Option<MoneyUnit>) -> SpecOut {
    SpecOut {
        rows: s.rows.clone(),
        columns: s.columns.clone(),
        measure: s.measure.clone(),
        aggregate: s.aggregate.as_str(),
        share: s.share.as_str(),
        growth: s.growth.as_str(),
        base_period: s.base_period.clone(),
        unit: unit.map(MoneyUnit::label),
        precision: s.precision,
        percent_precision: s.percent_precision,
        subtotals: s.subtotals,
        totals: s.totals,
        filters: s
            .filters
            .iter()
            .map(|f| FilterOut {
                column: f.column.clone(),
                keep: f.keep.clone(),
                drop: f.drop.clone(),
            })
            .collect(),
        largest_remainder: s.largest_remainder,
    }
}
