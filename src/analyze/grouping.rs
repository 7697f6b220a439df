//! One pass over the table: every row that the view uses goes into its leaf
//! group (row keys × column key); subtotals and the grand total are then
//! merged from the leaves, never re-read. The result owns everything it needs,
//! so it can be rendered again and again (share, growth, unit, precision)
//! without touching the table.

use std::collections::HashMap;

use rust_decimal::Decimal;
use rustc_hash::FxHashMap;

mod dense;

use dense::{dense_sums, kept, measure_cell, Columns};

use super::accumulators::{Acc, DistinctKey};
use super::spec::Aggregate;
use crate::cell::Period;
use crate::table::{ColumnData, Key, Table};

/// Where the period sits in the view.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PeriodAt {
    /// The column dimension is the period.
    Columns,
    /// The period is row dimension number `p` (0-based).
    Row(usize),
    /// The view has no period.
    Nowhere,
}

/// A group at some level: its key prefix and its accumulators per column
/// code (the last one is the total over all columns).
#[derive(Debug)]
pub struct Node {
    /// 0 = grand total, `depth` = leaf.
    pub level: usize,
    /// Key codes of the row dimensions above and at this level.
    pub prefix: Vec<u32>,
    /// One accumulator per column code, then the row total.
    pub accs: Vec<Acc>,
    /// Children in display order.
    pub children: Vec<usize>,
}

/// What to group: column indices and filters, resolved by the caller.
pub struct Plan<'a> {
    /// Row dimension columns.
    pub row_cols: &'a [usize],
    /// Column dimension.
    pub col: Option<usize>,
    /// Measure column (or the column counted by `distinct`).
    pub measure: Option<usize>,
    /// Keep masks per key column, indexed by code.
    pub masks: &'a [(usize, Vec<bool>)],
    /// The aggregate.
    pub aggregate: Aggregate,
    /// Where the period is.
    pub period_at: PeriodAt,
}

/// The groups of a view.
#[derive(Debug)]
pub struct Grid {
    /// Keys of each row dimension.
    pub row_keys: Vec<Vec<Key>>,
    /// Keys of the column dimension.
    pub col_keys: Option<Vec<Key>>,
    /// Where the period is.
    pub period_at: PeriodAt,
    /// Code of each period in the period column.
    pub period_code: HashMap<Period, u32>,
    /// All groups; the grand total is `node_of[(0, [])]`.
    pub nodes: Vec<Node>,
    /// Group by (level, prefix).
    pub node_of: FxHashMap<(usize, Vec<u32>), usize>,
    /// Column codes with records, in display order.
    pub col_order: Vec<u32>,
    /// Accumulators per node before the total: number of column codes (1 without columns).
    pub stride: usize,
    /// Totals per period code (for contribution and pull).
    pub period_totals: FxHashMap<u32, Acc>,
    /// The aggregate.
    pub aggregate: Aggregate,
}

/// What the pass over the rows saw, for the diagnostics.
#[derive(Default, Debug)]
pub struct Tally {
    /// Rows whose value went in.
    pub used: usize,
    /// Rows left out by filters.
    pub filtered: usize,
    /// Rows with a bad cell in a column the view reads.
    pub bad_rows: Vec<usize>,
    /// Lines of rows with a null measure.
    pub null_lines: Vec<u64>,
    /// Lines of approximate values used.
    pub approx_lines: Vec<u64>,
}

/// Leaf groups: a dense array when the key space is small, a hash map otherwise.
enum Leaves {
    Dense { radix: Vec<usize>, slot: Vec<u32> },
    Sparse(FxHashMap<Vec<u32>, u32>),
}

/// Largest dense key space (slots of 4 bytes).
const DENSE_LIMIT: usize = 1 << 20;

impl Leaves {
    fn new(sizes: &[usize]) -> Leaves {
        let product = sizes
            .iter()
            .try_fold(1usize, |a, &s| a.checked_mul(s.max(1)));
        match product {
            Some(n) if n <= DENSE_LIMIT => Leaves::Dense {
                radix: sizes.to_vec(),
                slot: vec![u32::MAX; n],
            },
            _ => Leaves::Sparse(FxHashMap::default()),
        }
    }

    /// The leaf id of `key`, creating it with `make` when new.
    #[inline]
    fn get_or_insert(&mut self, key: &[u32], mut make: impl FnMut() -> u32) -> u32 {
        match self {
            Leaves::Dense { radix, slot } => {
                let mut i = 0usize;
                for (k, r) in key.iter().zip(radix.iter()) {
                    i = i * r.max(&1) + *k as usize;
                }
                match slot.get_mut(i) {
                    Some(s) if *s != u32::MAX => *s,
                    Some(s) => {
                        *s = make();
                        *s
                    }
                    None => make(),
                }
            }
            Leaves::Sparse(map) => match map.get(key) {
                Some(&l) => l,
                None => {
                    let l = make();
                    map.insert(key.to_vec(), l);
                    l
                }
            },
        }
    }
}

fn key_column(t: &Table, i: usize) -> Option<(&[u32], &[Key])> {
    match t.columns.get(i).map(|c| &c.data) {
        Some(ColumnData::Keys { codes, keys }) => Some((codes.as_slice(), keys.as_slice())),
        _ => None,
    }
}

impl Grid {
    /// Groups the rows of `t` as `plan` says.
    pub(crate) fn fill(t: &Table, plan: &Plan<'_>) -> (Grid, Tally) {
        let row_codes: Vec<(&[u32], &[Key])> = plan
            .row_cols
            .iter()
            .filter_map(|&i| key_column(t, i))
            .collect();
        let col_codes = plan.col.and_then(|c| key_column(t, c));
        let mask_codes: Vec<(&[u32], &[bool])> = plan
            .masks
            .iter()
            .filter_map(|(i, m)| key_column(t, *i).map(|(c, _)| (c, m.as_slice())))
            .collect();
        let mdata = plan
            .measure
            .and_then(|m| match t.columns.get(m).map(|c| &c.data) {
                Some(ColumnData::Measure(d)) => Some(d),
                _ => None,
            });
        let distinct = plan.aggregate == Aggregate::Distinct;
        let distinct_codes = if distinct {
            plan.measure.and_then(|m| key_column(t, m))
        } else {
            None
        };
        let min_max = matches!(plan.aggregate, Aggregate::Min | Aggregate::Max);
        let stride = col_codes.map_or(1, |(_, k)| k.len().max(1));
        // Which codes are unreadable periods (empty when none is).
        let bad_key = |keys: &[Key]| match keys.iter().any(|k| k.bad) {
            true => keys.iter().map(|k| k.bad).collect::<Vec<bool>>(),
            false => Vec::new(),
        };
        let row_bad: Vec<Vec<bool>> = row_codes.iter().map(|(_, k)| bad_key(k)).collect();
        let col_bad: Vec<bool> = col_codes.map_or(Vec::new(), |(_, k)| bad_key(k));
        let mut tally = Tally::default();
        let sizes: Vec<usize> = row_codes.iter().map(|(_, k)| k.len()).collect();
        let no_bad = row_bad.iter().all(Vec::is_empty) && col_bad.is_empty();
        if !min_max && !distinct && no_bad {
            let cols = Columns {
                rows: &row_codes,
                col: col_codes.map(|(c, _)| c),
                masks: &mask_codes,
                measure: mdata,
                lines: &t.lines,
            };
            if let Some((leaf_keys, accs)) = dense_sums(&cols, &sizes, stride, t.len(), &mut tally)
            {
                return (
                    Grid::from_leaves(plan, &row_codes, col_codes, stride, leaf_keys, &accs),
                    tally,
                );
            }
        }
        let mut leaves = Leaves::new(&sizes);
        let mut leaf_keys: Vec<Vec<u32>> = Vec::new();
        let mut accs: Vec<Acc> = Vec::new();
        let mut key: Vec<u32> = Vec::with_capacity(row_codes.len());
        'rows: for r in 0..t.len() {
            if !kept(&mask_codes, r) {
                tally.filtered += 1;
                continue 'rows;
            }
            key.clear();
            for ((codes, _), bad) in row_codes.iter().zip(&row_bad) {
                let c = codes.get(r).copied().unwrap_or(0);
                if !bad.is_empty() && bad.get(c as usize).copied().unwrap_or(false) {
                    tally.bad_rows.push(r);
                    continue 'rows;
                }
                key.push(c);
            }
            let colpos = match col_codes {
                Some((codes, _)) => {
                    let c = codes.get(r).copied().unwrap_or(0);
                    if !col_bad.is_empty() && col_bad.get(c as usize).copied().unwrap_or(false) {
                        tally.bad_rows.push(r);
                        continue 'rows;
                    }
                    c as usize
                }
                None => 0,
            };
            let Some(value) = measure_cell(mdata, r, &t.lines, &mut tally) else {
                continue 'rows;
            };
            let leaf = leaves.get_or_insert(&key, || {
                leaf_keys.push(key.clone());
                accs.resize(accs.len() + stride, Acc::default());
                (leaf_keys.len() - 1) as u32
            });
            if let Some(acc) = accs.get_mut(leaf as usize * stride + colpos) {
                if min_max {
                    acc.update(value);
                } else {
                    acc.update_sum(value);
                }
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
        }

        (
            Grid::from_leaves(plan, &row_codes, col_codes, stride, leaf_keys, &accs),
            tally,
        )
    }

    /// The grid made from its leaf groups: subtotals, totals and order.
    fn from_leaves(
        plan: &Plan<'_>,
        row_codes: &[(&[u32], &[Key])],
        col_codes: Option<(&[u32], &[Key])>,
        stride: usize,
        leaf_keys: Vec<Vec<u32>>,
        accs: &[Acc],
    ) -> Grid {
        let mut grid = Grid {
            row_keys: row_codes.iter().map(|(_, k)| k.to_vec()).collect(),
            col_keys: col_codes.map(|(_, k)| k.to_vec()),
            period_at: plan.period_at,
            period_code: HashMap::new(),
            nodes: Vec::new(),
            node_of: FxHashMap::default(),
            col_order: Vec::new(),
            stride,
            period_totals: FxHashMap::default(),
            aggregate: plan.aggregate,
        };
        if let Some(keys) = grid.period_keys() {
            let codes: Vec<(Period, u32)> = keys
                .iter()
                .enumerate()
                .filter_map(|(c, k)| k.period.map(|p| (p, c as u32)))
                .collect();
            grid.period_code.extend(codes);
        }
        grid.merge_up(leaf_keys, accs);
        grid.order();
        grid
    }

    /// Keys of the period column.
    pub(crate) fn period_keys(&self) -> Option<&[Key]> {
        match self.period_at {
            PeriodAt::Columns => self.col_keys.as_deref(),
            PeriodAt::Row(p) => self.row_keys.get(p).map(Vec::as_slice),
            PeriodAt::Nowhere => None,
        }
    }

    /// Subtotals and totals, merged from the leaves.
    fn merge_up(&mut self, leaf_keys: Vec<Vec<u32>>, accs: &[Acc]) {
        let depth = self.row_keys.len();
        let stride = self.stride;
        for (l, lkey) in leaf_keys.into_iter().enumerate() {
            let leaf_accs = accs.get(l * stride..(l + 1) * stride).unwrap_or(&[]);
            // Totals per period, for contribution and pull.
            for (c, a) in leaf_accs.iter().enumerate().filter(|(_, a)| a.records > 0) {
                let code = match self.period_at {
                    PeriodAt::Columns => Some(c as u32),
                    PeriodAt::Row(p) => lkey.get(p).copied(),
                    PeriodAt::Nowhere => None,
                };
                if let Some(code) = code {
                    self.period_totals.entry(code).or_default().merge(a);
                }
            }
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
                    for (c, a) in leaf_accs.iter().enumerate() {
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
    }

    /// Children and columns in display order: periods by the calendar, the
    /// rest in the order first seen in the file (their codes).
    fn order(&mut self) {
        let period_pos = match self.period_at {
            PeriodAt::Row(p) => Some(p),
            _ => None,
        };
        let mut orders: Vec<Vec<usize>> = Vec::with_capacity(self.nodes.len());
        for n in &self.nodes {
            let level = n.level;
            let keys = self.row_keys.get(level).map_or(&[][..], Vec::as_slice);
            let code_at = |k: &usize| {
                self.nodes
                    .get(*k)
                    .and_then(|c| c.prefix.get(level).copied())
                    .unwrap_or(0)
            };
            let mut kids = n.children.clone();
            if period_pos == Some(level) {
                crate::order::sort_by_key(&mut kids, |k| {
                    (
                        keys.get(code_at(k) as usize).and_then(|x| x.period),
                        code_at(k),
                    )
                });
            } else {
                crate::order::sort_by_key(&mut kids, code_at);
            }
            orders.push(kids);
        }
        for (n, kids) in self.nodes.iter_mut().zip(orders) {
            n.children = kids;
        }
        let root = self.root();
        self.col_order = match &self.col_keys {
            None => vec![0],
            Some(keys) => {
                let mut used: Vec<u32> = (0..keys.len() as u32)
                    .filter(|&c| {
                        root.and_then(|n| n.accs.get(c as usize))
                            .is_some_and(|a| a.records > 0)
                    })
                    .collect();
                if self.period_at == PeriodAt::Columns {
                    crate::order::sort_by_key(&mut used, |&c| {
                        (keys.get(c as usize).and_then(|k| k.period), c)
                    });
                }
                used
            }
        };
    }

    /// The grand total group.
    pub(crate) fn root(&self) -> Option<&Node> {
        self.node_of
            .get(&(0, Vec::new()))
            .and_then(|&r| self.nodes.get(r))
    }

    /// The group at `level` with `prefix`.
    pub(crate) fn node(&self, level: usize, prefix: &[u32]) -> Option<&Node> {
        self.node_of
            .get(&(level, prefix.to_vec()))
            .and_then(|&i| self.nodes.get(i))
    }

    /// The periods of the view, in calendar order: (code, period).
    pub(crate) fn view_periods(&self) -> Vec<(u32, Period)> {
        let Some(keys) = self.period_keys() else {
            return Vec::new();
        };
        let codes: Vec<u32> = match self.period_at {
            PeriodAt::Columns => self.col_order.clone(),
            PeriodAt::Row(p) => {
                let mut seen: Vec<u32> = self
                    .nodes
                    .iter()
                    .filter(|n| n.level == p + 1)
                    .filter_map(|n| n.prefix.get(p).copied())
                    .collect();
                seen.sort_unstable();
                seen.dedup();
                seen
            }
            PeriodAt::Nowhere => Vec::new(),
        };
        let mut out: Vec<(u32, Period)> = codes
            .into_iter()
            .filter_map(|c| keys.get(c as usize).and_then(|k| k.period).map(|p| (c, p)))
            .collect();
        crate::order::sort_by_key(&mut out, |(_, p)| *p);
        out
    }

    /// The aggregate of a group in column `c` (or `stride` for the row total).
    pub(crate) fn raw(&self, node: &Node, c: usize) -> Result<Decimal, &'static str> {
        node.accs
            .get(c)
            .map_or(Err("no_records"), |a| a.evaluate(self.aggregate))
    }

    /// The aggregate of all rows of period `p` in the view.
    pub(crate) fn period_total(&self, p: Period) -> Result<Decimal, &'static str> {
        let code = self.period_code.get(&p).ok_or("no_records")?;
        self.period_totals
            .get(code)
            .map_or(Err("no_records"), |a| a.evaluate(self.aggregate))
    }
}
