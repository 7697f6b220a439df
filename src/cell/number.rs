//! Amounts as written in a cell: exact decimals with an optional unit suffix
//! and an optional qualifier (约, 余 …).
//!
//! Accepted forms, all exact: `1033.98`, `1,033.98`, `１０３３．９８`,
//! `+1033.98`, `-12`, `−12`, `(12)`, `1.23E+11`, `4.1565亿元`, `约950万元`,
//! `1400余万元`, `近3000人次`. The value is kept as written, in the unit
//! written (never converted here), and is never rounded: a number that does
//! not fit a [`Decimal`] exactly is [`BadNumber::OutOfRange`].

use super::marker::is_null_marker;
use super::unit::Unit;
use super::width::normalize;
use rust_decimal::Decimal;

/// A number read from a cell.
#[derive(Clone, Debug, PartialEq)]
pub struct Number {
    /// The number as written, not converted to 元.
    pub value: Decimal,
    /// The unit suffix written in the cell, if any (`万元` in `950万元`).
    pub unit: Option<Unit>,
    /// True when a qualifier such as 约, 近, 余 or 左右 was written.
    pub approx: bool,
}

/// What a measure cell holds.
#[derive(Clone, Debug, PartialEq)]
pub enum CellValue {
    /// A null marker or an empty cell: missing, never zero.
    Null,
    /// A number.
    Number(Number),
}

error_kind! {
    /// Why a cell could not be read as an amount.
    ///
    /// # Example
    /// ```
    /// use aidstat::cell::{parse_number, BadNumber};
    /// let e = parse_number("12美元").unwrap_err();
    /// assert_eq!(e, BadNumber::UnknownUnit);
    /// assert_eq!((e.code(), e.message_zh(), e.message_en()), ("unknown_unit", "无法识别的单位", "unknown unit"));
    /// assert_eq!(parse_number("12%"), Err(BadNumber::NotANumber));
    /// ```
    pub enum BadNumber {
        /// The text is not a number (garbage, a percentage, an Excel error value).
        NotANumber => ("bad_number", "不是数字", "not a number"),
        /// The number cannot be held exactly (more than 28–29 significant
        /// digits, or too large or too small).
        OutOfRange => (
            "out_of_range",
            "超出可精确表示的范围（最多28位有效数字）",
            "beyond the exact range (28 significant digits)"
        ),
        /// A number followed by a word that is not a known unit (`12美元`, `12kg`).
        UnknownUnit => ("unknown_unit", "无法识别的单位", "unknown unit"),
    }
}

/// Qualifiers that make a value approximate, longest first where one is the
/// start of another (超过 before 超). Traditional forms are included.
const QUALIFIERS: &[&str] = &[
    "大约", "大約", "超过", "超過", "左右", "以上", "约", "約", "近", "超", "逾", "余", "餘", "多",
];

/// The largest mantissa a [`Decimal`] holds: 2^96 − 1.
const MAX_MANTISSA: u128 = (1 << 96) - 1;

/// The largest scale a [`Decimal`] holds.
const MAX_SCALE: i64 = 28;

/// The hot path for plain cells: `-?[0-9]+(\.[0-9]+)?` with at most 18
/// digits, straight from bytes to mantissa and scale, no allocation. Anything
/// else (separators, units, spaces, full-width) returns `None` and goes to
/// [`parse_number`].
///
/// # Example
/// ```
/// use aidstat::cell::number::parse_plain;
/// assert_eq!(parse_plain(b"-1033.98"), Some((-103398, 2)));
/// assert_eq!(parse_plain(b"1,033.98"), None);
/// ```
#[inline]
pub fn parse_plain(bytes: &[u8]) -> Option<(i64, u32)> {
    let (neg, digits) = match bytes.split_first() {
        Some((b'-', rest)) => (true, rest),
        _ => (false, bytes),
    };
    if digits.is_empty() || digits.len() > 19 {
        return None;
    }
    let mut m: i64 = 0;
    let mut scale: Option<u32> = None;
    let mut n = 0u32;
    for &b in digits {
        match b {
            b'0'..=b'9' => {
                if n == 18 {
                    return None; // a 19th digit: not plain (and beyond i64)
                }
                m = m * 10 + i64::from(b - b'0');
                n += 1;
                if let Some(s) = scale.as_mut() {
                    *s += 1;
                }
            }
            b'.' if scale.is_none() => scale = Some(0),
            _ => return None,
        }
    }
    // At most 18 digits (fits i64 exactly); a trailing dot is not plain.
    if n == 0 || n > 18 || scale == Some(0) {
        return None;
    }
    Some((if neg { -m } else { m }, scale.unwrap_or(0)))
}

/// Reads one cell as a number.
///
/// Empty cells and null markers give [`CellValue::Null`]. See the module
/// documentation for the accepted forms.
///
/// # Example
/// ```
/// use aidstat::cell::{parse_number, CellValue, MoneyUnit, Unit};
/// use rust_decimal::Decimal;
/// let Ok(CellValue::Number(n)) = parse_number("约１，０３３．９８万元") else { panic!() };
/// assert_eq!(n.value, Decimal::new(103398, 2));
/// assert_eq!(n.unit, Some(Unit::Money(MoneyUnit::WanYuan)));
/// assert!(n.approx);
/// assert_eq!(parse_number("—"), Ok(CellValue::Null));
/// ```
pub fn parse_number(raw: &str) -> Result<CellValue, BadNumber> {
    let number = match plain(raw) {
        Some(value) => Number {
            value: value?,
            unit: None,
            approx: false,
        },
        None => {
            let norm = normalize(raw);
            let text = strip_quotes(&norm);
            if is_null_marker(text) {
                return Ok(CellValue::Null);
            }
            parse_text(text)?
        }
    };
    Ok(CellValue::Number(number))
}

/// The hot path: plain ASCII `-?digits[.digits]`, read without allocating.
/// None when `raw` has any other shape.
fn plain(raw: &str) -> Option<Result<Decimal, BadNumber>> {
    let (minus, unsigned) = match raw.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, raw),
    };
    let (int, frac) = unsigned.split_once('.').unwrap_or((unsigned, ""));
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let has_digit = !int.is_empty() || !frac.is_empty();
    (has_digit && all_digits(int) && all_digits(frac))
        .then(|| exact(int, frac, 0).map(|v| signed(minus, v)))
}

/// `value`, negated when `minus`; zero stays positive (`−0` is 0).
fn signed(minus: bool, value: Decimal) -> Decimal {
    if minus && !value.is_zero() {
        -value
    } else {
        value
    }
}

/// Removes one pair of literal double quotes left around a cell.
fn strip_quotes(s: &str) -> &str {
    s.strip_prefix('"')
        .and_then(|inner| inner.strip_suffix('"'))
        .map_or(s, str::trim)
}

/// Strips qualifiers (and spaces) from both ends of `s`, noting in `approx`
/// whether there were any.
fn strip_qualifiers<'a>(mut s: &'a str, approx: &mut bool) -> &'a str {
    loop {
        s = s.trim();
        let stripped = QUALIFIERS
            .iter()
            .find_map(|q| s.strip_prefix(q).or_else(|| s.strip_suffix(q)));
        match stripped {
            Some(rest) => {
                s = rest;
                *approx = true;
            }
            None => return s,
        }
    }
}

/// Currency signs written before an amount (Excel's currency format as
/// copied: `¥1,234.00`, full-width `￥`, `RMB 100`, `CNY 100`). A sign, not a
/// unit: the amount is in the unit the cell or column names.
const CURRENCY: [&str; 6] = ["\u{A5}", "\u{FFE5}", "RMB", "CNY", "rmb", "cny"];

/// Spaces written between groups of three digits (`1 000`, `1\u{A0}000`,
/// the narrow no-break space U+202F, the thin space U+2009).
const SPACE_SEPARATORS: [char; 4] = [' ', '\u{A0}', '\u{202F}', '\u{2009}'];

/// Reads a normalized, non-null cell: qualifiers, `(…)` for a negative (a
/// unit may follow it: `(100)万元`), a sign and a currency sign in either
/// order (`-¥100`, `¥-100`), the digits, a trailing minus (`7,000.00-`),
/// then an optional unit.
fn parse_text(s: &str) -> Result<Number, BadNumber> {
    let mut approx = false;
    let s = strip_qualifiers(s, &mut approx);
    let (paren, s, after) = match s.strip_prefix('(').and_then(|r| r.split_once(')')) {
        Some((inner, after)) => (true, inner, after),
        None => (false, s, ""),
    };
    let s = strip_qualifiers(s, &mut approx);
    let (sign, s) = split_sign(s, &['+', '-', '\u{2212}']);
    let (currency, s) = match CURRENCY.iter().find_map(|c| s.strip_prefix(c)) {
        Some(rest) => (true, rest.trim_start()),
        None => (false, s),
    };
    let (sign, s) = match (sign, currency) {
        (None, true) => split_sign(s, &['+', '-', '\u{2212}']),
        _ => (sign, s),
    };
    if paren && sign.is_some() {
        return Err(BadNumber::NotANumber);
    }
    let (body, rest) = scan(s)?;
    // A trailing minus (accounting exports): the last character, no other sign.
    let (trailing_minus, rest) = match rest.trim_end().strip_suffix(['-', '\u{2212}']) {
        Some(before) if sign.is_none() && !paren && before.trim().is_empty() => (true, ""),
        _ => (false, rest),
    };
    let unit_text = strip_qualifiers(rest, &mut approx);
    let after = strip_qualifiers(after, &mut approx);
    let unit_text = match (unit_text, after) {
        (u, "") => u,
        ("", a) => a,
        _ => return Err(BadNumber::NotANumber), // a unit inside and after the brackets
    };
    let unit = match unit_text {
        "" => None,
        text => Some(Unit::from_label(text).ok_or(
            if text.chars().all(|c| c.is_alphabetic() || c == ' ') {
                BadNumber::UnknownUnit
            } else {
                BadNumber::NotANumber
            },
        )?),
    };
    let value = exact(body.int, body.frac, body.exp)?;
    let minus = paren || trailing_minus || matches!(sign, Some('-' | '\u{2212}'));
    Ok(Number {
        value: signed(minus, value),
        unit,
        approx,
    })
}

/// Splits `s` before its first character that fails `keep`.
fn split_while(s: &str, keep: impl Fn(char) -> bool) -> (&str, &str) {
    s.split_at(s.find(|c: char| !keep(c)).unwrap_or(s.len()))
}

/// Splits off a leading sign character, if `s` starts with one of `signs`.
fn split_sign<'a>(s: &'a str, signs: &[char]) -> (Option<char>, &'a str) {
    match s.strip_prefix(signs) {
        Some(rest) => (s.chars().next(), rest),
        None => (None, s),
    }
}

/// The digits of a number: integer part (possibly with thousands commas),
/// fraction digits and the decimal exponent.
struct Body<'a> {
    int: &'a str,
    frac: &'a str,
    exp: i64,
}

/// Splits `s` at the longest digit run `int[.frac][e±exp]` at its start;
/// the rest is returned for the unit. Thousands separators (commas, or one
/// kind of space) must be well formed: a separator is taken only before
/// exactly three digits, so `950 万元` keeps its unit.
fn scan(s: &str) -> Result<(Body<'_>, &str), BadNumber> {
    let int_end = int_part_end(s);
    let (int, rest) = s.split_at(int_end);
    let (frac, rest) = match rest.strip_prefix('.') {
        Some(after) => split_while(after, |c| c.is_ascii_digit()),
        None => ("", rest),
    };
    if (int.is_empty() && frac.is_empty()) || !grouped_well(int) {
        return Err(BadNumber::NotANumber);
    }
    let (exp, rest) = exponent(rest).unwrap_or((0, rest));
    Ok((Body { int, frac, exp }, rest))
}

/// The byte length of the integer part at the start of `s`: digits, and
/// separators (`,` or one kind of space) each followed by three digits and
/// then no further digit.
fn int_part_end(s: &str) -> usize {
    let bytes = s.as_bytes();
    let digits_from = |i: usize| {
        bytes
            .get(i..)
            .map_or(0, |b| b.iter().take_while(|b| b.is_ascii_digit()).count())
    };
    let mut end = digits_from(0);
    if end == 0 {
        return 0;
    }
    let mut sep: Option<char> = None;
    while let Some(c) = s.get(end..).and_then(|r| r.chars().next()) {
        if !(c == ',' || SPACE_SEPARATORS.contains(&c)) || sep.is_some_and(|k| k != c) {
            break;
        }
        let next = end + c.len_utf8();
        let run = digits_from(next);
        // A comma always belongs to the number (a bad group is an error);
        // a space only when it separates a group of exactly three.
        if c != ',' && run != 3 {
            break;
        }
        if run == 0 {
            break;
        }
        sep = Some(c);
        end = next + run;
    }
    end
}

/// True when `int` has no separators, or separators between groups of
/// exactly three digits after a first group of one to three digits not
/// starting with 0.
fn grouped_well(int: &str) -> bool {
    let is_sep = |c: char| c == ',' || SPACE_SEPARATORS.contains(&c);
    let mut groups = int.split(is_sep);
    let first = groups.next().unwrap_or("");
    !int.contains(is_sep)
        || ((1..=3).contains(&first.len())
            && !first.starts_with('0')
            && groups.all(|g| g.len() == 3))
}

/// Reads `e±digits` at the start of `s`, saturating huge exponents.
fn exponent(s: &str) -> Option<(i64, &str)> {
    let rest = s.strip_prefix(['e', 'E'])?;
    let (sign, rest) = split_sign(rest, &['+', '-']);
    let (digits, rest) = split_while(rest, |c| c.is_ascii_digit());
    if digits.is_empty() {
        return None;
    }
    let magnitude = digits.bytes().fold(0_i64, |acc, b| {
        acc.saturating_mul(10).saturating_add(i64::from(b - b'0'))
    });
    Some((
        if sign == Some('-') {
            -magnitude
        } else {
            magnitude
        },
        rest,
    ))
}

/// `m × 10^n` if it fits a [`Decimal`] mantissa.
fn times_pow10(m: u128, n: i64) -> Option<u128> {
    if m == 0 {
        return Some(0);
    }
    let power = 10_u128.checked_pow(u32::try_from(n).ok()?)?;
    m.checked_mul(power).filter(|v| *v <= MAX_MANTISSA)
}

/// The exact value of `int.frac × 10^exp` (commas in `int` skipped), keeping
/// the written scale when it fits and dropping only trailing zeros when it
/// does not. Never rounds: a value with no exact [`Decimal`] is an error.
fn exact(int: &str, frac: &str, exp: i64) -> Result<Decimal, BadNumber> {
    let frac_len = i64::try_from(frac.len()).map_err(|_| BadNumber::OutOfRange)?;
    let scale = frac_len.saturating_sub(exp);
    let mut mantissa: u128 = 0;
    let mut zeros: i64 = 0; // trailing zeros not yet multiplied in
    for b in int.bytes().filter(u8::is_ascii_digit).chain(frac.bytes()) {
        if b == b'0' {
            zeros += i64::from(mantissa != 0);
            continue;
        }
        mantissa = times_pow10(mantissa, zeros.saturating_add(1))
            .and_then(|m| m.checked_add(u128::from(b - b'0')))
            .filter(|m| *m <= MAX_MANTISSA)
            .ok_or(BadNumber::OutOfRange)?;
        zeros = 0;
    }
    let (mantissa, scale) = if mantissa == 0 {
        (0, scale.clamp(0, MAX_SCALE))
    } else if let Some(written) =
        times_pow10(mantissa, zeros).filter(|_| (0..=MAX_SCALE).contains(&scale))
    {
        (written, scale)
    } else {
        let shift = zeros.saturating_sub(scale);
        match times_pow10(mantissa, shift) {
            Some(whole) => (whole, 0),
            None if (-MAX_SCALE..0).contains(&shift) => (mantissa, -shift),
            None => return Err(BadNumber::OutOfRange),
        }
    };
    let mantissa = i128::try_from(mantissa).map_err(|_| BadNumber::OutOfRange)?;
    let scale = u32::try_from(scale).map_err(|_| BadNumber::OutOfRange)?;
    Decimal::try_from_i128_with_scale(mantissa, scale).map_err(|_| BadNumber::OutOfRange)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cell::unit::MoneyUnit;
    use proptest::prelude::*;
    use std::str::FromStr;

    fn dec(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    fn num(value: &str, unit: Option<Unit>, approx: bool) -> Result<CellValue, BadNumber> {
        Ok(CellValue::Number(Number {
            value: dec(value),
            unit,
            approx,
        }))
    }

    const WAN: Option<Unit> = Some(Unit::Money(MoneyUnit::WanYuan));
    const YI: Option<Unit> = Some(Unit::Money(MoneyUnit::YiYuan));

    #[test]
    fn same_value_many_forms() {
        for input in [
            "1033.98",
            "1,033.98",
            "\"1,033.98\"",
            "１０３３．９８",
            "１，０３３．９８",
            " 1033.98 ",
            "　1033.98\u{A0}",
            "+1033.98",
            "＋1033.98",
            "1033.980",
            "103398e-2",
            "1.03398E+3",
        ] {
            assert_eq!(
                parse_number(input),
                num("1033.98", None, false),
                "input {input:?}"
            );
        }
        assert_eq!(parse_number("1033.98万元"), num("1033.98", WAN, false));
    }

    #[test]
    fn number_table() {
        use BadNumber::*;
        let count = |c| Some(Unit::Count(c));
        let money = |m| Some(Unit::Money(m));
        let rows: &[(&str, Result<CellValue, BadNumber>)] = &[
            // negatives
            ("-12", num("-12", None, false)),
            ("−12", num("-12", None, false)),
            ("－12", num("-12", None, false)),
            ("－１２", num("-12", None, false)),
            ("(12)", num("-12", None, false)),
            ("（12）", num("-12", None, false)),
            ("(1,234.50)", num("-1234.50", None, false)),
            ("(12万元)", num("-12", WAN, false)),
            ("-0", num("0", None, false)),
            ("−0", num("0", None, false)),
            ("-0.00", num("0.00", None, false)),
            // accounting negatives with a unit after the brackets
            ("(100)万元", num("-100", WAN, false)),
            (
                "(1,000,000)元",
                num("-1000000", money(MoneyUnit::Yuan), false),
            ),
            ("（50）万元", num("-50", WAN, false)),
            ("约(1)", num("-1", None, true)),
            ("(12万元)万元", Err(NotANumber)),
            // currency signs (Excel's currency format, as copied)
            ("¥1,234,500.00", num("1234500.00", None, false)),
            ("￥1,234,500.00", num("1234500.00", None, false)),
            ("-¥100", num("-100", None, false)),
            ("¥-100", num("-100", None, false)),
            ("¥ 100", num("100", None, false)),
            ("(¥100)", num("-100", None, false)),
            ("¥100万元", num("100", WAN, false)),
            ("RMB 100", num("100", None, false)),
            ("CNY 1,000.5", num("1000.5", None, false)),
            ("RMB-100", num("-100", None, false)),
            ("RMBX", Err(NotANumber)),
            ("-¥-100", Err(NotANumber)),
            ("¥", Err(NotANumber)),
            // spaces between groups of three
            ("1 000", num("1000", None, false)),
            ("1\u{A0}000", num("1000", None, false)),
            ("1\u{202F}234\u{202F}567.5", num("1234567.5", None, false)),
            ("12 345 678", num("12345678", None, false)),
            ("950 万元", num("950", WAN, false)),
            ("1 000 万元", num("1000", WAN, false)),
            ("1 00", Err(NotANumber)),
            ("1,000 000", Err(NotANumber)),
            ("0 001", Err(NotANumber)),
            // a trailing minus
            ("7,000.00-", num("-7000.00", None, false)),
            ("12-", num("-12", None, false)),
            ("-12-", Err(NotANumber)),
            ("(12)-", Err(NotANumber)),
            ("100-200", Err(NotANumber)),
            ("(-12)", Err(NotANumber)),
            ("(+12)", Err(NotANumber)),
            ("--12", Err(NotANumber)),
            ("+-12", Err(NotANumber)),
            ("- 12", Err(NotANumber)),
            // units
            ("4.1565亿元", num("4.1565", YI, false)),
            ("950万", num("950", WAN, false)),
            ("950 万元", num("950", WAN, false)),
            ("950萬元", num("950", WAN, false)),
            ("12元", num("12", money(MoneyUnit::Yuan), false)),
            ("12千元", num("12", money(MoneyUnit::QianYuan), false)),
            ("12百万元", num("12", money(MoneyUnit::BaiWanYuan), false)),
            ("12千万", num("12", money(MoneyUnit::QianWanYuan), false)),
            ("2.7379億", num("2.7379", YI, false)),
            ("12 yuan", num("12", money(MoneyUnit::Yuan), false)),
            ("1,000.5万", num("1000.5", WAN, false)),
            ("30人次", num("30", count("人次"), false)),
            ("30人", num("30", count("人"), false)),
            ("5個", num("5", count("个"), false)),
            ("3项", num("3", count("项"), false)),
            ("12美元", Err(UnknownUnit)),
            ("12kg", Err(UnknownUnit)),
            ("12eur", Err(UnknownUnit)),
            ("12万美元", Err(UnknownUnit)),
            ("12万元/人", Err(NotANumber)),
            // qualifiers
            ("约950万元", num("950", WAN, true)),
            ("約950萬元", num("950", WAN, true)),
            ("大约950万元", num("950", WAN, true)),
            ("1400余万元", num("1400", WAN, true)),
            ("超过1400万", num("1400", WAN, true)),
            ("超1400万", num("1400", WAN, true)),
            ("逾1400万", num("1400", WAN, true)),
            ("近3000人次", num("3000", count("人次"), true)),
            ("3000多人次", num("3000", count("人次"), true)),
            ("1000万元左右", num("1000", WAN, true)),
            ("1000万元以上", num("1000", WAN, true)),
            ("约 1000 万元 左右", num("1000", WAN, true)),
            ("约-12", num("-12", None, true)),
            ("1400余", num("1400", None, true)),
            ("约", Err(NotANumber)),
            ("约万元", Err(NotANumber)),
            // separators
            ("1,000,000", num("1000000", None, false)),
            ("12,345,678.9", num("12345678.9", None, false)),
            ("1,0,3", Err(NotANumber)),
            ("1,03", Err(NotANumber)),
            ("1,0000", Err(NotANumber)),
            ("1000,", Err(NotANumber)),
            (",100", Err(NotANumber)),
            ("0,123", Err(NotANumber)),
            ("1,,000", Err(NotANumber)),
            ("1,000.000,1", Err(NotANumber)),
            // decimals and exponents
            ("0.1", num("0.1", None, false)),
            (".5", num("0.5", None, false)),
            ("5.", num("5", None, false)),
            ("007", num("7", None, false)),
            ("1.5E+3", num("1500", None, false)),
            ("1e3", num("1000", None, false)),
            ("2.5e-2", num("0.025", None, false)),
            ("1.23E+11", num("123000000000", None, false)),
            ("0e400", num("0", None, false)),
            ("1e-28", num("0.0000000000000000000000000001", None, false)),
            ("1e400", Err(OutOfRange)),
            ("1e-29", Err(OutOfRange)),
            ("1e99999999999999999999999", Err(OutOfRange)),
            ("1e-99999999999999999999999", Err(OutOfRange)),
            ("1e", Err(UnknownUnit)),
            ("1e+", Err(NotANumber)),
            (
                "79228162514264337593543950335",
                num("79228162514264337593543950335", None, false),
            ),
            ("79228162514264337593543950336", Err(OutOfRange)),
            ("1234567890123456789012345678901234567890", Err(OutOfRange)),
            ("0.12345678901234567890123456789", Err(OutOfRange)),
            (
                "1.0000000000000000000000000000000000",
                num("1", None, false),
            ),
            (
                "1000000000000000000000000000.000000",
                num("1000000000000000000000000000", None, false),
            ),
            // null
            ("", Ok(CellValue::Null)),
            ("   ", Ok(CellValue::Null)),
            ("-", Ok(CellValue::Null)),
            ("—", Ok(CellValue::Null)),
            ("－", Ok(CellValue::Null)),
            ("/", Ok(CellValue::Null)),
            ("无", Ok(CellValue::Null)),
            ("N/A", Ok(CellValue::Null)),
            ("null", Ok(CellValue::Null)),
            ("#N/A", Ok(CellValue::Null)),
            ("\"\"", Ok(CellValue::Null)),
            // garbage
            ("万元", Err(NotANumber)),
            ("()", Err(NotANumber)),
            (".", Err(NotANumber)),
            ("-.", Err(NotANumber)),
            ("12..5", Err(NotANumber)),
            ("1.2.3", Err(NotANumber)),
            ("12%", Err(NotANumber)),
            ("12％", Err(NotANumber)),
            ("#DIV/0!", Err(NotANumber)),
            ("#VALUE!", Err(NotANumber)),
            ("#REF!", Err(NotANumber)),
            ("abc", Err(NotANumber)),
            ("12 34", Err(NotANumber)),
            ("$12", Err(NotANumber)),
            ("12\0", Err(NotANumber)),
            ("\0", Err(NotANumber)),
            ("1\u{0}2", Err(NotANumber)),
            ("💰12", Err(NotANumber)),
            ("12💰", Err(NotANumber)),
            ("\u{FFFD}\u{FFFD}", Err(NotANumber)),
            ("\"12", Err(NotANumber)),
        ];
        for (input, expected) in rows {
            assert_eq!(&parse_number(input), expected, "input {input:?}");
        }
    }

    #[test]
    fn scale_kept_as_written() {
        for (input, scale) in [
            ("1033.980", 3),
            ("1.50", 2),
            ("1e3", 0),
            ("0.00", 2),
            ("2.5e-2", 3),
        ] {
            let Ok(CellValue::Number(n)) = parse_number(input) else {
                panic!("input {input:?} did not parse");
            };
            assert_eq!(n.value.scale(), scale, "input {input:?}");
        }
    }

    #[test]
    fn huge_inputs_return_quickly() {
        let start = std::time::Instant::now();
        for big in [
            "9".repeat(5 << 20),
            format!("1{}", "0".repeat(5 << 20)),
            format!("0.{}1", "0".repeat(5 << 20)),
        ] {
            assert_eq!(
                parse_number(&big),
                Err(BadNumber::OutOfRange),
                "length {}",
                big.len()
            );
        }
        let long_zero = format!("0.{}", "0".repeat(5 << 20));
        assert_eq!(parse_number(&long_zero), num("0", None, false));
        assert!(start.elapsed().as_secs() < 5, "took {:?}", start.elapsed());
    }

    #[test]
    fn error_messages() {
        let rows = [
            (
                BadNumber::NotANumber,
                "bad_number",
                "不是数字",
                "not a number",
            ),
            (
                BadNumber::OutOfRange,
                "out_of_range",
                "超出可精确表示的范围（最多28位有效数字）",
                "beyond the exact range (28 significant digits)",
            ),
            (
                BadNumber::UnknownUnit,
                "unknown_unit",
                "无法识别的单位",
                "unknown unit",
            ),
        ];
        for (kind, code, zh, en) in rows {
            assert_eq!(
                (kind.code(), kind.message_zh(), kind.message_en()),
                (code, zh, en),
                "{kind:?}"
            );
            assert_eq!(kind.to_string(), en, "{kind:?}");
        }
    }

    /// Writes `d` with a comma between each group of three integer digits.
    fn with_thousands(d: Decimal) -> String {
        let text = d.abs().to_string();
        let (int, frac) = text
            .split_once('.')
            .map_or((text.as_str(), None), |(i, f)| (i, Some(f)));
        let mut grouped = String::new();
        for (i, c) in int.chars().enumerate() {
            if i > 0 && (int.len() - i) % 3 == 0 {
                grouped.push(',');
            }
            grouped.push(c);
        }
        let sign = if d.is_sign_negative() && !d.is_zero() {
            "-"
        } else {
            ""
        };
        match frac {
            Some(f) => format!("{sign}{grouped}.{f}"),
            None => format!("{sign}{grouped}"),
        }
    }

    fn decimal() -> impl Strategy<Value = Decimal> {
        (any::<i64>(), 0_u32..=10).prop_map(|(m, s)| Decimal::new(m, s))
    }

    fn parsed(s: &str) -> Option<Decimal> {
        match parse_number(s) {
            Ok(CellValue::Number(Number {
                value,
                unit: None,
                approx: false,
            })) => Some(value),
            _ => None,
        }
    }

    proptest! {
        #[test]
        fn display_round_trips(d in decimal()) {
            let back = parsed(&d.to_string());
            prop_assert_eq!(back, Some(d));
            prop_assert_eq!(back.map(|b| b.scale()), Some(d.scale()));
        }

        #[test]
        fn thousands_round_trip(d in decimal()) {
            let text = with_thousands(d);
            prop_assert_eq!(parsed(&text), Some(d), "text {}", text);
            let accounting = format!("({})", with_thousands(d.abs()));
            prop_assert_eq!(parsed(&accounting), Some(if d.is_zero() { d } else { -d.abs() }));
        }

        #[test]
        fn never_panics(s in ".*") {
            let _ = parse_number(&s);
        }

        #[test]
        fn never_panics_unicode(s in "\\PC*") {
            let _ = parse_number(&s);
        }

        #[test]
        fn never_panics_number_like(s in "[-+−()（）0-9０-９,，.．eE 约余万元亿人次%\"]{0,24}") {
            let _ = parse_number(&s);
        }
    }
}
