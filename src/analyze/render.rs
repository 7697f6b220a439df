//! Groups → the result grid: each group's value in the chosen unit, its
//! share and growth, subtotal and total rows, all from the groups' exact
//! values; text rounded only here.

use rust_decimal::Decimal;

use super::grouping::{Grid, Node, PeriodAt};
use super::growth;
use super::result::{Figure, ResultCell, ResultRow, Style};
use super::spec::{GrowthKind, ShareKind, Spec};
use crate::cell::Period;

/// A grid being rendered with one spec.
pub struct Render<'g> {
    /// The groups.
    pub grid: &'g Grid,
    /// Share, growth, precision, subtotals.
    pub spec: &'g Spec,
    /// Stored values are divided by this for display (元 → the chosen unit).
    pub factor: Decimal,
}

/// A row's value at a period.
type Series<'a> = Box<dyn Fn(Period) -> Result<Decimal, &'static str> + 'a>;

impl Render<'_> {
    /// All rows in display order.
    pub(crate) fn rows(&self) -> Vec<ResultRow> {
        let mut out = Vec::new();
        if let Some(&root) = self.grid.node_of.get(&(0, Vec::new())) {
            self.emit(root, &mut out);
        }
        out
    }

    /// A node's rows: children first, then its own subtotal / total row.
    fn emit(&self, id: usize, out: &mut Vec<ResultRow>) {
        let Some(node) = self.grid.nodes.get(id) else {
            return;
        };
        let depth = self.grid.row_keys.len();
        if node.level == depth {
            out.push(self.row(node, if depth == 0 { "total" } else { "data" }));
            return;
        }
        for &k in &node.children {
            self.emit(k, out);
        }
        if node.level == 0 {
            if self.spec.totals {
                out.push(self.row(node, "total"));
            }
        } else if self.spec.subtotals {
            out.push(self.row(node, "subtotal"));
        }
    }

    fn label(&self, level: usize, code: u32) -> String {
        self.grid
            .row_keys
            .get(level)
            .and_then(|k| k.get(code as usize))
            .map_or(String::new(), |k| k.label.clone())
    }

    fn row(&self, node: &Node, kind: &'static str) -> ResultRow {
        let depth = self.grid.row_keys.len();
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
        let mut cols: Vec<usize> = self.grid.col_order.iter().map(|&c| c as usize).collect();
        if self.grid.col_keys.is_some() && self.spec.totals {
            cols.push(self.grid.stride);
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

    fn amount_style(&self) -> Style {
        Style::Amount(if self.grid.aggregate.is_count() {
            0
        } else {
            self.spec.precision
        })
    }

    fn amount(&self, v: Decimal) -> Figure {
        match v.checked_div(self.factor) {
            Some(v) => Figure::value(v, self.amount_style()),
            None => Figure::empty("overflow"),
        }
    }

    fn cell(&self, node: &Node, c: usize) -> ResultCell {
        let records = node.accs.get(c).map_or(0, |a| a.records);
        let value = match self.grid.raw(node, c) {
            Ok(v) => self.amount(v),
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

    fn share(&self, node: &Node, c: usize) -> Figure {
        if !self.grid.aggregate.is_additive() {
            return Figure::empty("not_additive");
        }
        let g = self.grid;
        let parent = match node.level {
            0 => Some(node),
            l => g.node(l - 1, node.prefix.get(..l - 1).unwrap_or(&[])),
        };
        let (den_node, den_col) = match self.spec.share {
            ShareKind::Grand => (g.root(), g.stride),
            ShareKind::Row => (Some(node), g.stride),
            ShareKind::Column => (g.root(), c),
            ShareKind::Parent => (parent, c),
            ShareKind::None => return Figure::empty("zero_total"),
        };
        let num = match g.raw(node, c) {
            Ok(v) => v,
            Err(r) => return Figure::empty(r),
        };
        match den_node.map_or(Err("zero_total"), |n| g.raw(n, den_col)) {
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

    /// The period of a cell.
    fn period_of(&self, node: &Node, c: usize) -> Option<Period> {
        let keys = self.grid.period_keys()?;
        let code = match self.grid.period_at {
            PeriodAt::Columns if c < self.grid.stride => c as u32,
            PeriodAt::Row(p) if node.level > p => *node.prefix.get(p)?,
            _ => return None,
        };
        keys.get(code as usize)?.period
    }

    /// The value of the same cell at period `p`.
    fn at_period(&self, node: &Node, c: usize, p: Period) -> Result<Decimal, &'static str> {
        let g = self.grid;
        let code = *g.period_code.get(&p).ok_or("no_records")?;
        match g.period_at {
            PeriodAt::Columns => g.raw(node, code as usize),
            PeriodAt::Row(pos) => {
                let mut prefix = node.prefix.clone();
                if let Some(slot) = prefix.get_mut(pos) {
                    *slot = code;
                }
                g.node(node.level, &prefix)
                    .map_or(Err("no_records"), |n| g.raw(n, c))
            }
            PeriodAt::Nowhere => Err("no_period"),
        }
    }

    fn growth(&self, node: &Node, c: usize) -> Figure {
        let Some(p) = self.period_of(node, c) else {
            return Figure::empty("no_period");
        };
        let Ok(cur) = self.grid.raw(node, c) else {
            return Figure::empty("no_current");
        };
        let prior = || self.at_period(node, c, p.prev()).map_err(|_| "no_prior");
        let pct = Style::Percent(self.spec.percent_precision);
        let g = self.grid;
        let result: Result<(Decimal, Option<&'static str>, Style), &'static str> = (|| {
            let with = |r: growth::Growth, style: Style| r.map(|(v, f)| (v, f, style));
            match self.spec.growth {
                GrowthKind::Change => {
                    let d = cur - prior()?;
                    Ok((
                        d.checked_div(self.factor).ok_or("overflow")?,
                        None,
                        self.amount_style(),
                    ))
                }
                GrowthKind::Rate => with(growth::rate(cur, prior()?), pct),
                GrowthKind::Speed => with(growth::speed(cur, prior()?), pct),
                GrowthKind::Index => {
                    let base = self.base_period().ok_or("no_base")?;
                    let b = self.at_period(node, c, base).map_err(|_| "no_base")?;
                    with(growth::index(cur, b), pct)
                }
                GrowthKind::Contribution => {
                    let dp = cur - prior()?;
                    let dt =
                        g.period_total(p)? - g.period_total(p.prev()).map_err(|_| "no_prior")?;
                    with(growth::contribution(dp, dt), pct)
                }
                GrowthKind::Pull => {
                    let dp = cur - prior()?;
                    let tp = g.period_total(p.prev()).map_err(|_| "no_prior")?;
                    with(
                        growth::pull(dp, tp),
                        Style::Points(self.spec.percent_precision),
                    )
                }
                GrowthKind::None | GrowthKind::Cagr | GrowthKind::Average => Err("no_period"),
            }
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
            Some(label) => self
                .grid
                .period_keys()?
                .iter()
                .find(|k| &k.label == label)
                .and_then(|k| k.period),
            None => self.grid.view_periods().first().map(|(_, p)| *p),
        }
    }

    /// CAGR or average per period of a row, over the view's first and last period.
    fn summary(&self, node: &Node) -> Figure {
        let g = self.grid;
        let periods = g.view_periods();
        let (Some(&(_, first)), Some(&(_, last))) = (periods.first(), periods.last()) else {
            return Figure::empty("no_period");
        };
        // The series of this row: per column (period across), or its children (period down).
        let series: Series<'_> = match g.period_at {
            PeriodAt::Columns => Box::new(move |p| {
                let code = g.period_code.get(&p).ok_or("no_records")?;
                g.raw(node, *code as usize)
            }),
            PeriodAt::Row(pos) if node.level == pos => Box::new(move |p| {
                let code = *g.period_code.get(&p).ok_or("no_records")?;
                let mut prefix = node.prefix.clone();
                prefix.push(code);
                g.node(node.level + 1, &prefix)
                    .map_or(Err("no_records"), |n| g.raw(n, g.stride))
            }),
            _ => return Figure::empty("no_period"),
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
            _ if !g.aggregate.is_additive() => Figure::empty("not_additive"),
            _ => match g.raw(node, g.stride) {
                Ok(total) => match total.checked_div(Decimal::from(span + 1)) {
                    Some(v) => Figure::value(
                        v.checked_div(self.factor).unwrap_or(v),
                        Style::Amount(self.spec.precision),
                    ),
                    None => Figure::empty("overflow"),
                },
                Err(r) => Figure::empty(r),
            },
        }
    }
}
