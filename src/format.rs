//! Output: rounding 四舍五入 (half away from zero) at the precision asked for,
//! thousands separators, percentages. The only place a figure is rounded.

use rust_decimal::{Decimal, RoundingStrategy};

/// Rounds half away from zero to `dp` decimals; never gives `-0`.
///
/// # Example
/// ```
/// use rust_decimal::Decimal;
/// use std::str::FromStr;
/// let r = |s: &str| aidstat::format::round(Decimal::from_str(s).unwrap(), 2).to_string();
/// assert_eq!(r("0.125"), "0.13");
/// assert_eq!(r("-0.125"), "-0.13");
/// assert_eq!(r("-0.001"), "0.00");
/// ```
pub fn round(d: Decimal, dp: u32) -> Decimal {
    let mut r = d.round_dp_with_strategy(dp, RoundingStrategy::MidpointAwayFromZero);
    if r.is_zero() {
        r.set_sign_positive(true);
    }
    r.rescale(dp);
    r
}

/// An amount rounded to `dp` decimals with thousands separators: `1,433.33`.
///
/// # Example
/// ```
/// use rust_decimal::Decimal;
/// assert_eq!(aidstat::format::amount(Decimal::new(-143333333, 5), 2), "-1,433.33");
/// ```
pub fn amount(d: Decimal, dp: u32) -> String {
    group(&round(d, dp).to_string())
}

/// A percentage (already ×100) rounded to `dp` decimals with a `%` sign: `43.00%`.
///
/// # Example
/// ```
/// use rust_decimal::Decimal;
/// assert_eq!(aidstat::format::percent(Decimal::new(-428571, 4), 2), "-42.86%");
/// assert_eq!(aidstat::format::percent(Decimal::new(123456, 2), 1), "1,234.6%");
/// ```
pub fn percent(d: Decimal, dp: u32) -> String {
    format!("{}%", group(&round(d, dp).to_string()))
}

/// An exact value without trailing zeros and without grouping: `1433.3333`.
///
/// # Example
/// ```
/// use rust_decimal::Decimal;
/// assert_eq!(aidstat::format::plain(Decimal::new(14333333, 4)), "1433.3333");
/// assert_eq!(aidstat::format::plain(Decimal::new(430000, 3)), "430");
/// assert_eq!(aidstat::format::plain(Decimal::new(-0, 2)), "0");
/// ```
pub fn plain(d: Decimal) -> String {
    let mut n = d.normalize();
    if n.is_zero() {
        n.set_sign_positive(true);
    }
    n.to_string()
}

/// A decimal as its [`plain`] text, for serde (`#[serde(serialize_with)]`):
/// results carry exact figures as strings.
pub(crate) fn serialize_plain<S: serde::Serializer>(d: &Decimal, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&plain(*d))
}

/// Inserts thousands separators into a plain decimal string.
fn group(s: &str) -> String {
    let (sign, rest) = match s.strip_prefix('-') {
        Some(r) => ("-", r),
        None => ("", s),
    };
    let (int, frac) = match rest.find('.') {
        Some(i) => rest.split_at(i),
        None => (rest, ""),
    };
    let mut out = String::with_capacity(s.len() + int.len() / 3);
    out.push_str(sign);
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    out.push_str(frac);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn rounds_half_away_from_zero() {
        let rows = [
            ("0.125", 2, "0.13"),
            ("-0.125", 2, "-0.13"),
            ("0.115", 2, "0.12"),
            ("2.5", 0, "3"),
            ("-2.5", 0, "-3"),
            ("1433.333333", 2, "1,433.33"),
            ("1000000", 2, "1,000,000.00"),
            ("-0.004", 2, "0.00"),
            ("999.995", 2, "1,000.00"),
            ("43", 2, "43.00"),
            ("123456789.5", 0, "123,456,790"),
        ];
        for (input, dp, want) in rows {
            assert_eq!(amount(d(input), dp), want, "amount({input}, {dp})");
        }
        assert_eq!(percent(d("183.7837837837"), 2), "183.78%");
        assert_eq!(plain(d("4300.00")), "4300");
        assert_eq!(plain(d("-0.0")), "0");
    }
}
