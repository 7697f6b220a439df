//! Growth along the period (SEMANTICS §5), as small exact functions of
//! (current, prior) that return a value or the reason there is none. The
//! lookup of the prior period by the calendar is done by the caller.

use rust_decimal::{Decimal, MathematicalOps};

/// Result of a growth figure: the value and its flags, or the reason it is empty.
pub type Growth = Result<(Decimal, Option<&'static str>), &'static str>;

const HUNDRED: Decimal = Decimal::ONE_HUNDRED;

/// 增长率 in percent: (cur − prior) / prior × 100; |prior| when prior < 0.
///
/// # Example
/// ```
/// use aidstat::analyze::growth::rate;
/// use rust_decimal::Decimal;
/// let (r, _) = rate(Decimal::from(420), Decimal::from(148)).unwrap();
/// assert_eq!(aidstat::format::percent(r, 2), "183.78%");
/// assert_eq!(rate(Decimal::from(5), Decimal::ZERO), Err("zero_base"));
/// ```
pub fn rate(cur: Decimal, prior: Decimal) -> Growth {
    if prior.is_zero() {
        return Err("zero_base");
    }
    let flag = prior.is_sign_negative().then_some("negative_base");
    let v = (cur - prior)
        .checked_div(prior.abs())
        .and_then(|r| r.checked_mul(HUNDRED))
        .ok_or("overflow")?;
    Ok((v, flag))
}

/// 发展速度 in percent: cur / prior × 100 (100 % + rate when prior < 0, so
/// that speed and rate always differ by exactly 100 points).
pub(crate) fn speed(cur: Decimal, prior: Decimal) -> Growth {
    let (r, flag) = rate(cur, prior)?;
    Ok((r + HUNDRED, flag))
}

/// 定基指数: cur / base × 100.
pub(crate) fn index(cur: Decimal, base: Decimal) -> Growth {
    if base.is_zero() {
        return Err("zero_base");
    }
    let flag = base.is_sign_negative().then_some("negative_base");
    let v = cur
        .checked_div(base)
        .and_then(|r| r.checked_mul(HUNDRED))
        .ok_or("overflow")?;
    Ok((v, flag))
}

/// 增长贡献率 in percent: Δpart / Δtotal × 100.
pub(crate) fn contribution(d_part: Decimal, d_total: Decimal) -> Growth {
    if d_total.is_zero() {
        return Err("zero_total");
    }
    let v = d_part
        .checked_div(d_total)
        .and_then(|r| r.checked_mul(HUNDRED))
        .ok_or("overflow")?;
    Ok((v, None))
}

/// 拉动 in percentage points: Δpart / total_prior × 100.
pub(crate) fn pull(d_part: Decimal, total_prior: Decimal) -> Growth {
    if total_prior.is_zero() {
        return Err("zero_base");
    }
    let flag = total_prior.is_sign_negative().then_some("negative_base");
    let v = d_part
        .checked_div(total_prior.abs())
        .and_then(|r| r.checked_mul(HUNDRED))
        .ok_or("overflow")?;
    Ok((v, flag))
}

/// 年均增长率 in percent: ((last / first)^(1/n) − 1) × 100, n periods apart.
///
/// # Example
/// ```
/// use aidstat::analyze::growth::cagr;
/// use rust_decimal::Decimal;
/// let (c, _) = cagr(Decimal::from(148), Decimal::from(658), 2).unwrap();
/// assert_eq!(aidstat::format::percent(c, 2), "110.85%");
/// ```
pub fn cagr(first: Decimal, last: Decimal, n: i64) -> Growth {
    if n <= 0 || first <= Decimal::ZERO || last.is_sign_negative() && !last.is_zero() {
        return Err("cagr_undefined");
    }
    if last.is_zero() {
        return Ok((-HUNDRED, None));
    }
    let ratio = last.checked_div(first).ok_or("overflow")?;
    let n = u32::try_from(n).map_err(|_| "cagr_undefined")?;
    let root = nth_root(ratio, n).ok_or("overflow")?;
    Ok(((root - Decimal::ONE) * HUNDRED, None))
}

/// The positive n-th root of x > 0, by bisection on exact decimals: about
/// 25 significant digits, far inside the 1e-9 the contract asks for.
pub(crate) fn nth_root(x: Decimal, n: u32) -> Option<Decimal> {
    if x <= Decimal::ZERO || n == 0 {
        return None;
    }
    if n == 1 || x == Decimal::ONE {
        return Some(x);
    }
    let (mut lo, mut hi) = if x > Decimal::ONE {
        (Decimal::ONE, x)
    } else {
        (x, Decimal::ONE)
    };
    let tiny = Decimal::new(1, 27);
    for _ in 0..200 {
        let mid = (lo + hi) / Decimal::TWO;
        if mid == lo || mid == hi || hi - lo <= tiny * hi {
            break;
        }
        // An overflowing power is certainly above x.
        match mid.checked_powu(u64::from(n)) {
            Some(p) if p <= x => lo = mid,
            _ => hi = mid,
        }
    }
    Some((lo + hi) / Decimal::TWO)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::percent;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn seed_figures() {
        // 教育 148 → 420 → 658 (SEMANTICS §5)
        assert_eq!(percent(rate(d("420"), d("148")).unwrap().0, 2), "183.78%");
        assert_eq!(percent(rate(d("658"), d("420")).unwrap().0, 2), "56.67%");
        assert_eq!(
            percent(cagr(d("148"), d("658"), 2).unwrap().0, 2),
            "110.85%"
        );
    }

    #[test]
    fn reasons() {
        assert_eq!(rate(d("1"), d("0")), Err("zero_base"));
        assert_eq!(
            rate(d("5"), d("-10")),
            Ok((d("150"), Some("negative_base")))
        );
        assert_eq!(
            speed(d("5"), d("-10")),
            Ok((d("250"), Some("negative_base")))
        );
        assert_eq!(speed(d("150"), d("100")), Ok((d("150"), None)));
        assert_eq!(index(d("150"), d("0")), Err("zero_base"));
        assert_eq!(cagr(d("0"), d("5"), 2), Err("cagr_undefined"));
        assert_eq!(cagr(d("5"), d("-1"), 2), Err("cagr_undefined"));
        assert_eq!(cagr(d("5"), d("6"), 0), Err("cagr_undefined"));
        assert_eq!(cagr(d("5"), d("0"), 3), Ok((d("-100"), None)));
        assert_eq!(contribution(d("5"), d("0")), Err("zero_total"));
        assert_eq!(pull(d("5"), d("0")), Err("zero_base"));
    }

    #[test]
    fn roots_are_accurate() {
        // (x, n, root) worked out independently
        let rows = [
            ("4", 2, "2"),
            ("27", 3, "3"),
            ("0.25", 2, "0.5"),
            ("1024", 10, "2"),
            ("2", 2, "1.41421356237309504880168872"),
        ];
        for (x, n, want) in rows {
            let got = nth_root(d(x), n).unwrap();
            let err = ((got - d(want)) / d(want)).abs();
            assert!(err < d("1e-20"), "root({x}, {n}) = {got}, want {want}");
        }
        // 1% a month over 20 years: (1.01^240)^(1/240) = 1.01
        let big = d("1.01").checked_powu(240).unwrap();
        let r = nth_root(big, 240).unwrap();
        assert!(((r - d("1.01")) / d("1.01")).abs() < d("1e-15"), "{r}");
    }
}
