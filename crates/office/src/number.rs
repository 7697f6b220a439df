//! A stored double as the decimal Excel shows at full precision: the
//! shortest decimal that reads back as the same double, rounded 四舍五入
//! (half away from zero) at the 15th significant digit, which is as far as
//! Excel shows a number. `0.1 + 0.2` stored as `0.30000000000000004` reads
//! as `0.3`; `1033.98` as `1033.98`. The rounding is done on the digits, so
//! no floating-point arithmetic touches the figure.

/// Significant digits Excel shows.
pub const EXCEL_DIGITS: usize = 15;

/// The decimal text of a stored double (`None` for NaN and infinities,
/// which a workbook cannot hold as a number).
///
/// # Example
/// ```
/// use aidstat_office::number::excel_decimal;
/// assert_eq!(excel_decimal(0.1 + 0.2).as_deref(), Some("0.3"));
/// assert_eq!(excel_decimal(1033.98).as_deref(), Some("1033.98"));
/// assert_eq!(excel_decimal(-0.0).as_deref(), Some("0"));
/// assert_eq!(excel_decimal(2020.0).as_deref(), Some("2020"));
/// ```
pub fn excel_decimal(v: f64) -> Option<String> {
    if !v.is_finite() {
        return None;
    }
    // Rust prints the shortest text that reads back as `v`, never in exponent form.
    let shown = format!("{v}");
    let (negative, body) = match shown.strip_prefix('-') {
        Some(b) => (true, b),
        None => (false, shown.as_str()),
    };
    let (int, frac) = body.split_once('.').unwrap_or((body, ""));
    let mut digits: Vec<u8> = int
        .bytes()
        .chain(frac.bytes())
        .map(|b| b.wrapping_sub(b'0'))
        .collect();
    let mut point = int.len();
    let Some(first) = digits.iter().position(|&d| d != 0) else {
        return Some("0".into());
    };
    let keep = first + EXCEL_DIGITS;
    if let Some(&next) = digits.get(keep) {
        digits.truncate(keep);
        if next >= 5 {
            let mut i = keep;
            loop {
                if i == 0 {
                    digits.insert(0, 1);
                    point += 1;
                    break;
                }
                i -= 1;
                match digits.get_mut(i) {
                    Some(d) if *d == 9 => *d = 0,
                    Some(d) => {
                        *d += 1;
                        break;
                    }
                    None => break,
                }
            }
        }
    }
    while digits.len() < point {
        digits.push(0);
    }
    let (int_digits, frac_digits) = digits.split_at(point);
    let frac_end = frac_digits
        .iter()
        .rposition(|&d| d != 0)
        .map_or(0, |i| i + 1);
    let int_start = int_digits
        .iter()
        .position(|&d| d != 0)
        .unwrap_or(int_digits.len());
    let mut out = String::with_capacity(digits.len() + 2);
    if negative && (int_start < int_digits.len() || frac_end > 0) {
        out.push('-');
    }
    if int_start == int_digits.len() {
        out.push('0');
    }
    out.extend(
        int_digits
            .iter()
            .skip(int_start)
            .map(|&d| char::from(b'0' + d)),
    );
    if frac_end > 0 {
        out.push('.');
        out.extend(
            frac_digits
                .iter()
                .take(frac_end)
                .map(|&d| char::from(b'0' + d)),
        );
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::excel_decimal;

    #[test]
    fn what_excel_shows() {
        for (v, want) in [
            (0.1 + 0.2, "0.3"),
            (1033.98, "1033.98"),
            (430.0, "430"),
            (-7000.5, "-7000.5"),
            (1.0 / 3.0, "0.333333333333333"),
            (2.0 / 3.0, "0.666666666666667"),
            (123456789012345678.0, "123456789012346000"),
            (999999999999999.9, "1000000000000000"),
            (0.000001234, "0.000001234"),
            (41.565e7, "415650000"),
            (-0.00000000000000001, "-0.00000000000000001"),
            (1e21, "1000000000000000000000"),
            (0.0, "0"),
        ] {
            assert_eq!(excel_decimal(v).as_deref(), Some(want), "{v:?}");
        }
        assert_eq!(excel_decimal(f64::NAN), None);
        assert_eq!(excel_decimal(f64::INFINITY), None);
    }
}
