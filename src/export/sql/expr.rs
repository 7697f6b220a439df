//! Exact integer arithmetic in SQL: every figure is a ratio of integers
//! (sums of amounts scaled to integers, counts) times a power of ten, and is
//! rounded 四舍五入 by integer division, so no engine's decimal division (a
//! DOUBLE in DuckDB, six decimals in Spark) ever touches it.

use super::Dialect;

/// Quotes an identifier.
pub(crate) fn ident(d: Dialect, name: &str) -> String {
    match d {
        Dialect::DuckDb => format!("\"{}\"", name.replace('"', "\"\"")),
        Dialect::Spark => format!("`{}`", name.replace('`', "``")),
    }
}

/// A string literal.
pub(crate) fn lit(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

/// The text type.
pub(crate) fn text(d: Dialect) -> &'static str {
    match d {
        Dialect::DuckDb => "VARCHAR",
        Dialect::Spark => "STRING",
    }
}

/// The exact integer type of figures.
pub(crate) fn int(d: Dialect) -> &'static str {
    match d {
        Dialect::DuckDb => "HUGEINT",
        Dialect::Spark => "DECIMAL(38,0)",
    }
}

/// An integer literal of the exact integer type.
pub(crate) fn int_lit(d: Dialect, v: &str) -> String {
    format!("CAST('{v}' AS {})", int(d))
}

/// 10^k as an integer literal.
pub(crate) fn pow10(d: Dialect, k: u32) -> String {
    int_lit(d, &format!("1{}", "0".repeat(k as usize)))
}

/// Null-safe equality.
pub(crate) fn same(d: Dialect, a: &str, b: &str) -> String {
    match d {
        Dialect::DuckDb => format!("{a} IS NOT DISTINCT FROM {b}"),
        Dialect::Spark => format!("{a} <=> {b}"),
    }
}

/// ⌊a / b⌋ for a ≥ 0, b > 0, exactly.
fn idiv(d: Dialect, a: &str, b: &str) -> String {
    match d {
        Dialect::DuckDb => format!("(({a}) // ({b}))"),
        Dialect::Spark => format!("CAST((({a}) - ({a}) % ({b})) / ({b}) AS DECIMAL(38,0))"),
    }
}

/// A ratio of exact integers: `num / den` (den None: 1).
#[derive(Clone, Debug)]
pub(crate) struct Ratio {
    /// The numerator (an integer expression).
    pub num: String,
    /// The denominator (an integer expression), None for 1.
    pub den: Option<String>,
}

/// Multiplies two integer expressions.
pub(crate) fn mul(a: &str, b: &str) -> String {
    format!("({a}) * ({b})")
}

/// Multiplies an integer expression by an optional one.
pub(crate) fn mul_opt(a: &str, b: Option<&str>) -> String {
    match b {
        Some(b) => mul(a, b),
        None => a.to_string(),
    }
}

/// The product of optional factors (None when all are 1).
pub(crate) fn prod(parts: &[Option<&str>]) -> Option<String> {
    let mut out: Option<String> = None;
    for p in parts.iter().flatten() {
        out = Some(match out {
            Some(o) => mul(&o, p),
            None => (*p).to_string(),
        });
    }
    out
}

/// `r × 10^e` rounded half away from zero to `p` decimals, as DECIMAL(38, p).
pub(crate) fn rounded(d: Dialect, r: &Ratio, e: i32, p: u32) -> String {
    let shift = e + p as i32;
    let (num, den) = if shift >= 0 {
        let num = match shift {
            0 => r.num.clone(),
            s => mul(&r.num, &pow10(d, s.unsigned_abs())),
        };
        (num, r.den.clone())
    } else {
        let k = pow10(d, shift.unsigned_abs());
        (r.num.clone(), Some(mul_opt(&k, r.den.as_deref())))
    };
    let q = match den {
        None => num,
        Some(den) => {
            let two = int_lit(d, "2");
            let a = format!("{two} * ABS({num}) + ABS({den})");
            let b = format!("{two} * ABS({den})");
            let q = idiv(d, &a, &b);
            format!("(CASE WHEN ({num} < 0) = ({den} < 0) THEN {q} ELSE -{q} END)")
        }
    };
    scaled(d, &q, p)
}

/// An integer `q` read as `q / 10^p`: a DECIMAL(38, p), exactly.
pub(crate) fn scaled(d: Dialect, q: &str, p: u32) -> String {
    if p == 0 {
        return format!("CAST({q} AS DECIMAL(38,0))");
    }
    let unit = format!("0.{}1", "0".repeat(p as usize - 1));
    let w = 36 - p;
    let prod = format!(
        "CAST({q} AS DECIMAL({w},0)) * CAST('{unit}' AS DECIMAL({},{p}))",
        p + 1
    );
    match d {
        Dialect::DuckDb => format!("CAST({prod} AS DECIMAL(38,{p}))"),
        Dialect::Spark => format!("CAST({prod} AS DECIMAL(38,{p}))"),
    }
}
