//! The query: groups at every level (`g`), the grid of aidstat's result
//! (`cells`: displayed rows × columns, empty cells included), and each
//! figure with the reason it is empty, from joins on `g`: the denominator
//! of a share, the calendar-prior period (index − 1) of a growth figure, the
//! totals of a period (contribution, pull), the view's first and last period
//! (index base, CAGR, average).

use super::expr::{ident, int, int_lit, lit, mul, mul_opt, prod, rounded, same, text, Ratio};
use super::plan::{At, Base, Plan};
use crate::analyze::spec::{Aggregate, GrowthKind, ShareKind, Spec};

/// `a` exists and has a value.
fn ok(a: &str) -> String {
    format!("({a}.lvl IS NOT NULL AND COALESCE({a}.nn, 0) > 0)")
}

/// Why `a` has no value.
fn why(a: &str) -> String {
    format!("(CASE WHEN {a}.lvl IS NULL THEN 'no_records' WHEN COALESCE({a}.nn, 0) = 0 THEN 'no_value' END)")
}

/// A figure: guards (condition → reason) before its value.
struct Fig {
    guards: Vec<(String, String)>,
    value: String,
}

impl Fig {
    fn sql(&self, name: &str) -> String {
        let mut v = String::from("CASE");
        let mut r = String::from("CASE");
        for (c, why) in &self.guards {
            v.push_str(&format!(" WHEN {c} THEN NULL"));
            r.push_str(&format!(" WHEN {c} THEN {why}"));
        }
        v.push_str(&format!(" ELSE {} END", self.value));
        r.push_str(" END");
        if self.guards.is_empty() {
            v = self.value.clone();
            r = "CAST(NULL AS STRING)".into();
        }
        format!("{v} AS {name},\n  {r} AS {name}_reason")
    }

    fn never(reason: &str) -> Fig {
        Fig {
            guards: vec![("TRUE".into(), lit(reason))],
            value: "NULL".into(),
        }
    }
}

/// a − b.
fn diff(a: &Ratio, b: &Ratio) -> Ratio {
    Ratio {
        num: format!(
            "({} - {})",
            mul_opt(&a.num, b.den.as_deref()),
            mul_opt(&b.num, a.den.as_deref())
        ),
        den: prod(&[a.den.as_deref(), b.den.as_deref()]),
    }
}

/// a / b.
fn div(a: &Ratio, b: &Ratio) -> Ratio {
    Ratio {
        num: mul_opt(&a.num, b.den.as_deref()),
        den: Some(mul_opt(&b.num, a.den.as_deref())),
    }
}

fn abs(a: &Ratio) -> Ratio {
    Ratio {
        num: format!("ABS({})", a.num),
        den: a.den.clone(),
    }
}

impl Plan {
    fn value_of(&self, a: &str) -> Ratio {
        Ratio {
            num: format!("{a}.n"),
            den: (self.aggregate == Aggregate::Mean).then(|| format!("{a}.d")),
        }
    }

    fn hundred(&self, r: Ratio) -> Ratio {
        Ratio {
            num: mul(&r.num, &int_lit(self.d, "100")),
            den: r.den,
        }
    }

    /// Every key of `a` equals the cell's, but key `skip`.
    fn keys(&self, a: &str, skip: Option<usize>) -> String {
        let mut parts = vec!["TRUE".to_string()];
        for i in (0..self.rows.len()).filter(|i| Some(*i) != skip) {
            parts.push(same(self.d, &format!("{a}.k{i}"), &format!("x.k{i}")));
        }
        parts.join(" AND ")
    }

    /// The cell's period index.
    fn xp(&self) -> Option<&'static str> {
        match self.at {
            At::Columns => Some("x.cp"),
            At::Row(_) => Some("x.rp"),
            At::Nowhere => None,
        }
    }

    /// The same cell at period `target`.
    fn at_period(&self, a: &str, target: &str) -> String {
        match self.at {
            At::Columns => format!(
                "{a}.lvl = x.lvl AND {a}.tc = 0 AND {} AND {a}.p = {target}",
                self.keys(a, None)
            ),
            At::Row(pos) => format!(
                "{a}.lvl = x.lvl AND {a}.tc = x.tc AND {} AND {} AND {a}.p = {target}",
                same(self.d, &format!("{a}.c"), "x.c"),
                self.keys(a, Some(pos))
            ),
            At::Nowhere => "FALSE".into(),
        }
    }

    /// The aggregate columns of a group.
    fn aggs(&self) -> String {
        let i = int(self.d);
        let (n, nn) = match self.aggregate {
            Aggregate::Sum | Aggregate::Mean => ("SUM(v)".to_string(), "COUNT(v)"),
            Aggregate::Min => ("MIN(v)".into(), "COUNT(v)"),
            Aggregate::Max => ("MAX(v)".into(), "COUNT(v)"),
            Aggregate::Count => (format!("CAST(COUNT(*) AS {i})"), "COUNT(*)"),
            Aggregate::CountNonnull => (format!("CAST(COUNT(v) AS {i})"), "COUNT(*)"),
            Aggregate::Distinct if self.value_is_key => (
                format!(
                    "CAST(COUNT(DISTINCT v) + MAX(CASE WHEN v IS NULL THEN 1 ELSE 0 END) AS {i})"
                ),
                "COUNT(*)",
            ),
            Aggregate::Distinct => (format!("CAST(COUNT(DISTINCT v) AS {i})"), "COUNT(*)"),
        };
        let d = match self.aggregate {
            Aggregate::Mean => format!(", CAST(COUNT(v) AS {i}) AS d"),
            _ => String::new(),
        };
        format!("{n} AS n{d}, {nn} AS nn")
    }

    /// The groups at every level, with and without the column key.
    fn groups(&self) -> String {
        let t = text(self.d);
        let n = self.rows.len();
        let tcs: &[u8] = if self.col.is_some() { &[0, 1] } else { &[1] };
        let mut parts = Vec::new();
        for l in 0..=n {
            for &tc in tcs {
                let mut sel = vec![format!("{l} AS lvl"), format!("{tc} AS tc")];
                let mut by: Vec<String> = Vec::new();
                for i in 0..n {
                    if i < l {
                        sel.push(format!("k{i}"));
                        by.push(format!("k{i}"));
                    } else {
                        sel.push(format!("CAST(NULL AS {t}) AS k{i}"));
                    }
                }
                if tc == 0 {
                    sel.push("c".into());
                    by.push("c".into());
                } else {
                    sel.push(format!("CAST(NULL AS {t}) AS c"));
                }
                let with_p = match self.at {
                    At::Columns => tc == 0,
                    At::Row(pos) => l > pos,
                    At::Nowhere => false,
                };
                if with_p {
                    sel.push("p".into());
                    by.push("p".into());
                } else {
                    sel.push("CAST(NULL AS BIGINT) AS p".into());
                }
                sel.push(self.aggs());
                let by = match by.is_empty() {
                    true => String::new(),
                    false => format!(" GROUP BY {}", by.join(", ")),
                };
                parts.push(format!(
                    "SELECT {} FROM src{by} HAVING COUNT(*) > 0",
                    sel.join(", ")
                ));
            }
        }
        parts.join("\n  UNION ALL ")
    }

    fn share(&self, kind: ShareKind, pp: u32) -> (Option<String>, Fig) {
        if !self.aggregate.is_additive() {
            return (None, Fig::never("not_additive"));
        }
        let on = match kind {
            ShareKind::Grand => "den.lvl = 0 AND den.tc = 1".to_string(),
            ShareKind::Row => format!(
                "den.lvl = x.lvl AND den.tc = 1 AND {}",
                self.keys("den", None)
            ),
            ShareKind::Column => format!(
                "den.lvl = 0 AND den.tc = x.tc AND {}",
                same(self.d, "den.c", "x.c")
            ),
            _ => {
                let mut on = format!(
                    "den.lvl = GREATEST(x.lvl - 1, 0) AND den.tc = x.tc AND {}",
                    same(self.d, "den.c", "x.c")
                );
                for i in 0..self.rows.len() {
                    let up = format!("CASE WHEN x.lvl - 1 > {i} THEN x.k{i} END");
                    on.push_str(&format!(" AND {}", same(self.d, &format!("den.k{i}"), &up)));
                }
                on
            }
        };
        let fig = Fig {
            guards: vec![
                (format!("NOT {}", ok("cur")), why("cur")),
                (format!("NOT {} OR den.n = 0", ok("den")), lit("zero_total")),
            ],
            value: rounded(
                self.d,
                &self.hundred(div(&self.value_of("cur"), &self.value_of("den"))),
                0,
                pp,
            ),
        };
        (Some(format!("LEFT JOIN g den ON {on}")), fig)
    }

    fn growth(&self, kind: GrowthKind, pp: u32, joins: &mut Vec<String>) -> Fig {
        let Some(xp) = self.xp() else {
            return Fig::never("no_period");
        };
        let (cur, pr) = (self.value_of("cur"), self.value_of("pr"));
        let mut guards = vec![
            (format!("{xp} IS NULL"), lit("no_period")),
            (format!("NOT {}", ok("cur")), lit("no_current")),
        ];
        if kind != GrowthKind::Index {
            joins.push(format!(
                "LEFT JOIN g pr ON {}",
                self.at_period("pr", &format!("{xp} - 1"))
            ));
            guards.push((format!("NOT {}", ok("pr")), lit("no_prior")));
        }
        let pt = |joins: &mut Vec<String>| {
            joins.push(format!("LEFT JOIN pt ptc ON ptc.p = {xp}"));
            joins.push(format!("LEFT JOIN pt ptp ON ptp.p = {xp} - 1"));
        };
        let value = match kind {
            GrowthKind::Change => rounded(self.d, &diff(&cur, &pr), self.exp, self.amount_dp),
            GrowthKind::Rate | GrowthKind::Speed => {
                guards.push(("pr.n = 0".into(), lit("zero_base")));
                let r = self.hundred(div(&diff(&cur, &pr), &abs(&pr)));
                let r = match kind {
                    GrowthKind::Speed => Ratio {
                        num: format!(
                            "({} + {})",
                            r.num,
                            mul(r.den.as_deref().unwrap_or("1"), &int_lit(self.d, "100"))
                        ),
                        den: r.den,
                    },
                    _ => r,
                };
                rounded(self.d, &r, 0, pp)
            }
            GrowthKind::Index => {
                let target = match self.base {
                    Base::First => Some("vp.pf".to_string()),
                    Base::At(i) => Some(i.to_string()),
                    Base::Missing => None,
                };
                match target {
                    Some(t) => {
                        joins.push(format!("LEFT JOIN g bs ON {}", self.at_period("bs", &t)));
                        guards.push((format!("NOT {}", ok("bs")), lit("no_base")));
                        guards.push(("bs.n = 0".into(), lit("zero_base")));
                    }
                    None => guards.push(("TRUE".into(), lit("no_base"))),
                }
                rounded(
                    self.d,
                    &self.hundred(div(&cur, &self.value_of("bs"))),
                    0,
                    pp,
                )
            }
            GrowthKind::Contribution => {
                pt(joins);
                let dt = diff(&self.value_of("ptc"), &self.value_of("ptp"));
                guards.push((format!("NOT {}", ok("ptc")), why("ptc")));
                guards.push((format!("NOT {}", ok("ptp")), lit("no_prior")));
                guards.push((format!("{} = 0", dt.num), lit("zero_total")));
                rounded(self.d, &self.hundred(div(&diff(&cur, &pr), &dt)), 0, pp)
            }
            GrowthKind::Pull => {
                pt(joins);
                let tp = self.value_of("ptp");
                guards.push((format!("NOT {}", ok("ptp")), lit("no_prior")));
                guards.push(("ptp.n = 0".into(), lit("zero_base")));
                rounded(
                    self.d,
                    &self.hundred(div(&diff(&cur, &pr), &abs(&tp))),
                    0,
                    pp,
                )
            }
            _ => return Fig::never("no_period"),
        };
        Fig { guards, value }
    }

    fn summary(&self, spec: &Spec, joins: &mut Vec<String>) -> Fig {
        let mut guards = vec![("vp.pf IS NULL".to_string(), lit("no_period"))];
        let end = |a: &str, t: &str| match self.at {
            At::Columns => format!(
                "{a}.lvl = x.lvl AND {a}.tc = 0 AND {} AND {a}.p = {t}",
                self.keys(a, None)
            ),
            At::Row(pos) => {
                let mut on =
                    format!("{a}.lvl = x.lvl + 1 AND x.lvl = {pos} AND {a}.tc = 1 AND {a}.p = {t}");
                for i in 0..pos {
                    on.push_str(&format!(
                        " AND {}",
                        same(self.d, &format!("{a}.k{i}"), &format!("x.k{i}"))
                    ));
                }
                on
            }
            At::Nowhere => "FALSE".into(),
        };
        match self.at {
            At::Nowhere => return Fig::never("no_period"),
            At::Row(pos) => guards.push((format!("x.lvl <> {pos}"), lit("no_period"))),
            At::Columns => {}
        }
        let pp = spec.percent_precision;
        let span = "(vp.pl - vp.pf)";
        if spec.growth == GrowthKind::Cagr {
            joins.push(format!("LEFT JOIN g sf ON {}", end("sf", "vp.pf")));
            joins.push(format!("LEFT JOIN g sl ON {}", end("sl", "vp.pl")));
            guards.push((
                format!("NOT {} OR NOT {}", ok("sf"), ok("sl")),
                lit("cagr_undefined"),
            ));
            guards.push((
                format!("{span} <= 0 OR sf.n <= 0 OR sl.n < 0"),
                lit("cagr_undefined"),
            ));
            let dbl = |e: &str| format!("CAST({e} AS DOUBLE)");
            let (fd, ld) = match self.aggregate {
                Aggregate::Mean => (dbl("sf.d"), dbl("sl.d")),
                _ => ("1".into(), "1".into()),
            };
            let ratio = format!("({} * {fd}) / ({} * {ld})", dbl("sl.n"), dbl("sf.n"));
            let v = format!("(POWER({ratio}, {} / {}) - 1) * 100", dbl("1"), dbl(span));
            return Fig {
                guards,
                value: format!(
                    "CASE WHEN sl.n = 0 THEN CAST(-100 AS DECIMAL(38,{pp})) ELSE CAST(ROUND({v}, {pp}) AS DECIMAL(38,{pp})) END"
                ),
            };
        }
        if !self.aggregate.is_additive() {
            return Fig::never("not_additive");
        }
        joins.push(format!(
            "LEFT JOIN g tot ON tot.lvl = x.lvl AND tot.tc = 1 AND {}",
            self.keys("tot", None)
        ));
        guards.push((format!("NOT {}", ok("tot")), why("tot")));
        let periods = format!("CAST({span} + 1 AS {})", int(self.d));
        let t = self.value_of("tot");
        let r = Ratio {
            num: t.num,
            den: prod(&[t.den.as_deref(), Some(periods.as_str())]),
        };
        Fig {
            guards,
            value: rounded(self.d, &r, self.exp, spec.precision),
        }
    }
}

/// The whole query.
pub(crate) fn query(p: &Plan, spec: &Spec, table: &str) -> String {
    let d = p.d;
    let t = text(d);
    let n = p.rows.len();
    let ks: String = (0..n).map(|i| format!("x.k{i}, ")).collect();
    let mut ctes = vec![
        format!("src AS (\n  {}\n)", p.src(table)),
        format!("g AS (\n  {}\n)", p.groups()),
        "vp AS (SELECT MIN(p) AS pf, MAX(p) AS pl FROM src)".to_string(),
    ];
    if matches!(spec.growth, GrowthKind::Contribution | GrowthKind::Pull) {
        ctes.push(format!(
            "pt AS (SELECT 0 AS lvl, p, {} FROM src WHERE p IS NOT NULL GROUP BY p)",
            p.aggs()
        ));
    }
    let shown = match n {
        0 => "TRUE".to_string(),
        _ => format!(
            "lvl = {n}{}{}",
            if spec.totals { " OR lvl = 0" } else { "" },
            if spec.subtotals {
                format!(" OR (lvl > 0 AND lvl < {n})")
            } else {
                String::new()
            }
        ),
    };
    let kn: String = (0..n).map(|i| format!("k{i}, ")).collect();
    ctes.push(format!(
        "nodes AS (SELECT lvl, {kn}p AS rp FROM g WHERE tc = 1 AND ({shown}))"
    ));
    let mut cells = Vec::new();
    if p.col.is_some() {
        ctes.push("cols AS (SELECT DISTINCT c, p AS cp FROM g WHERE lvl = 0 AND tc = 0)".into());
        cells.push(format!(
            "SELECT x.lvl, {ks}x.rp, y.c, y.cp, 0 AS tc FROM nodes x CROSS JOIN cols y"
        ));
    }
    if p.col.is_none() || spec.totals {
        cells.push(format!(
            "SELECT x.lvl, {ks}x.rp, CAST(NULL AS {t}) AS c, CAST(NULL AS BIGINT) AS cp, 1 AS tc FROM nodes x"
        ));
    }
    ctes.push(format!("cells AS (\n  {}\n)", cells.join("\n  UNION ALL ")));

    let mut joins = vec![format!(
        "LEFT JOIN g cur ON cur.lvl = x.lvl AND cur.tc = x.tc AND {} AND {}",
        p.keys("cur", None),
        same(d, "cur.c", "x.c")
    )];
    let mut out = vec!["x.lvl AS row_level".to_string()];
    for (i, k) in p.rows.iter().enumerate() {
        out.push(format!("x.k{i} AS {}", ident(d, &k.name)));
    }
    match &p.col {
        Some(c) => {
            out.push(format!("x.c AS {}", ident(d, &c.name)));
            out.push("(x.tc = 1) AS column_total".into());
        }
        None => out.push("FALSE AS column_total".into()),
    }
    let value = Fig {
        guards: vec![(format!("NOT {}", ok("cur")), why("cur"))],
        value: rounded(d, &p.value_of("cur"), p.exp, p.amount_dp),
    };
    out.push(value.sql("value"));
    if spec.share != ShareKind::None {
        let (join, fig) = p.share(spec.share, spec.percent_precision);
        joins.extend(join);
        out.push(fig.sql("share"));
    }
    if spec.growth.is_summary() {
        out.push(p.summary(spec, &mut joins).sql("summary"));
    } else if spec.growth != GrowthKind::None {
        out.push(
            p.growth(spec.growth, spec.percent_precision, &mut joins)
                .sql("growth"),
        );
    }
    let sql = format!(
        "WITH {}\nSELECT {}\nFROM cells x CROSS JOIN vp\n{}\nORDER BY row_level, column_total",
        ctes.join(",\n"),
        out.join(",\n  "),
        joins.join("\n")
    );
    match d {
        super::Dialect::DuckDb => sql.replace("CAST(NULL AS STRING)", "CAST(NULL AS VARCHAR)"),
        super::Dialect::Spark => sql,
    }
}
