//! Numbers between a workbook's doubles and exact decimal text, done on the
//! digits so that no floating-point arithmetic touches a figure.
//!
//! Reading: a stored double is the decimal Excel shows at full precision,
//! the shortest decimal that reads back as the same double, rounded 四舍五入
//! (half away from zero) at the 15th significant digit, which is as far as
//! Excel shows a number. `0.1 + 0.2` stored as `0.30000000000000004` reads
//! as `0.3`; `1033.98` as `1033.98`.
//!
//! Writing: an exact figure becomes the double nearest its decimal text
//! (rounded first at the 15th significant digit, as Excel would show it).

/// Significant digits Excel shows.
pub const EXCEL_DIGITS: usize = 15;

/// A decimal as its digits: `negative`, the digits, and how many of them
/// stand before the decimal point (`point` may be below 0 or past the end).
#[derive(Clone, Debug, PartialEq, Eq)]
struct Digits {
    negative: bool,
    digits: Vec<u8>,
    point: i64,
}

impl Digits {
    /// Plain decimal text: `-12.5`, `0.003`, `430` (no exponent).
    fn parse(text: &str) -> Option<Digits> {
        let (negative, body) = match text.strip_prefix('-') {
            Some(b) => (true, b),
            None => (false, text),
        };
        let (int, frac) = body.split_once('.').unwrap_or((body, ""));
        if int.is_empty() && frac.is_empty() {
            return None;
        }
        if !int.bytes().chain(frac.bytes()).all(|b| b.is_ascii_digit()) {
            return None;
        }
        let digits = int.bytes().chain(frac.bytes()).map(|b| b - b'0').collect();
        Some(Digits {
            negative,
            digits,
            point: int.len() as i64,
        })
    }

    /// Rounds half away from zero to `sig` significant digits; whether a
    /// non-zero digit was dropped.
    fn round_to(&mut self, sig: usize) -> bool {
        let Some(first) = self.digits.iter().position(|&d| d != 0) else {
            return false;
        };
        let keep = first + sig;
        let Some(&next) = self.digits.get(keep) else {
            return false;
        };
        let dropped = self.digits.iter().skip(keep).any(|&d| d != 0);
        self.digits.truncate(keep);
        if next >= 5 {
            let mut i = keep;
            loop {
                if i == 0 {
                    self.digits.insert(0, 1);
                    self.point += 1;
                    break;
                }
                i -= 1;
                match self.digits.get_mut(i) {
                    Some(d) if *d == 9 => *d = 0,
                    Some(d) => {
                        *d += 1;
                        break;
                    }
                    None => break,
                }
            }
        }
        dropped
    }

    /// Plain decimal text without needless zeros (`-0` is `0`).
    fn to_text(&self) -> String {
        let mut digits = self.digits.clone();
        let mut point = self.point;
        while point < 0 {
            digits.insert(0, 0);
            point += 1;
        }
        let point = point as usize;
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
        if self.negative && (int_start < int_digits.len() || frac_end > 0) {
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
        out
    }
}

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
    let mut d = Digits::parse(&format!("{v}"))?;
    d.round_to(EXCEL_DIGITS);
    Some(d.to_text())
}

/// The double a workbook cell stores for an exact decimal figure, divided
/// by 10^`shift` on the digits first (a percentage `43` is the cell value
/// `0.43`, shift 2). The text is rounded 四舍五入 at the 15th significant
/// digit and then read as the nearest double; the flag says whether that
/// rounding dropped a digit. `None` for text that is not a plain decimal.
///
/// # Example
/// ```
/// use aidstat_office::number::excel_double;
/// assert_eq!(excel_double("430", 0), Some((430.0, false)));
/// assert_eq!(excel_double("43", 2), Some((0.43, false)));
/// assert_eq!(excel_double("14.18604651162790697674418605", 2), Some((0.141860465116279, true)));
/// assert_eq!(excel_double("1,000", 0), None);
/// ```
pub fn excel_double(exact: &str, shift: i64) -> Option<(f64, bool)> {
    let mut d = Digits::parse(exact.trim())?;
    d.point -= shift;
    let rounded = d.round_to(EXCEL_DIGITS);
    d.to_text()
        .parse::<f64>()
        .ok()
        .filter(|f| f.is_finite())
        .map(|f| (f, rounded))
}

#[cfg(test)]
mod tests {
    use super::{excel_decimal, excel_double};

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

    #[test]
    fn doubles_from_exact_text() {
        assert_eq!(
            excel_double("-93.02325581395348837209302326", 2),
            Some((-0.930232558139535, true))
        );
        assert_eq!(excel_double("0.005", 2), Some((0.00005, false)));
        assert_eq!(
            excel_double("123456789012345.65", 0),
            Some((123456789012346.0, true))
        );
        assert_eq!(excel_double("-0", 0), Some((0.0, false)));
        assert_eq!(excel_double("", 0), None);
        assert_eq!(excel_double("1e5", 0), None);
    }
}
