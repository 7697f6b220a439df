//! Calendar periods: a year, a quarter or a month, read from the many ways a
//! sheet writes them (`2020年`, `2020-03-15`, `2020年第一季度`, `二〇二〇年` …).
//!
//! Growth compares a period with its calendar predecessor ([`Period::prev`]),
//! never with whatever row happens to come before it.

use super::marker::is_null_marker;
use super::width::normalize;
use std::borrow::Cow;

/// The step of a period dimension.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Grain {
    /// Calendar years.
    Year,
    /// Calendar quarters.
    Quarter,
    /// Calendar months.
    Month,
}

/// One calendar period.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Period {
    /// A year, e.g. 2020.
    Year(i32),
    /// A quarter 1..=4 of a year.
    Quarter(i32, u8),
    /// A month 1..=12 of a year.
    Month(i32, u8),
}

impl Period {
    /// The calendar predecessor: 2020 → 2019, 2020Q1 → 2019Q4, 2020-01 → 2019-12.
    ///
    /// # Example
    /// ```
    /// use aidstat::cell::Period;
    /// assert_eq!(Period::Quarter(2020, 1).prev(), Period::Quarter(2019, 4));
    /// ```
    pub fn prev(self) -> Period {
        match self {
            Period::Year(y) => Period::Year(y.saturating_sub(1)),
            Period::Quarter(y, q) if q > 1 => Period::Quarter(y, q - 1),
            Period::Quarter(y, _) => Period::Quarter(y.saturating_sub(1), 4),
            Period::Month(y, m) if m > 1 => Period::Month(y, m - 1),
            Period::Month(y, _) => Period::Month(y.saturating_sub(1), 12),
        }
    }

    /// The label: "2020", "2020Q1" or "2020-03".
    ///
    /// # Example
    /// ```
    /// use aidstat::cell::Period;
    /// assert_eq!(Period::Quarter(2020, 1).label(), "2020Q1");
    /// assert_eq!(Period::Month(2020, 3).label(), "2020-03");
    /// ```
    pub fn label(self) -> String {
        match self {
            Period::Year(y) => y.to_string(),
            Period::Quarter(y, q) => format!("{y}Q{q}"),
            Period::Month(y, m) => format!("{y}-{m:02}"),
        }
    }

    /// The grain of the period.
    pub(crate) fn grain(self) -> Grain {
        match self {
            Period::Year(_) => Grain::Year,
            Period::Quarter(..) => Grain::Quarter,
            Period::Month(..) => Grain::Month,
        }
    }

    /// A position on the calendar such that consecutive periods of one grain
    /// differ by 1: the year, `year × 4 + quarter − 1` or `year × 12 + month − 1`.
    ///
    /// # Example
    /// ```
    /// use aidstat::cell::Period;
    /// assert_eq!(Period::Quarter(2020, 1).index(), 2020 * 4);
    /// assert_eq!(Period::Quarter(2019, 4).index(), 2020 * 4 - 1);
    /// assert_eq!(Period::Month(2020, 3).index(), 2020 * 12 + 2);
    /// ```
    pub fn index(self) -> i64 {
        match self {
            Period::Year(y) => i64::from(y),
            Period::Quarter(y, q) => i64::from(y) * 4 + i64::from(q) - 1,
            Period::Month(y, m) => i64::from(y) * 12 + i64::from(m) - 1,
        }
    }

    /// Reads a label written by [`Period::label`]; None for any other text.
    ///
    /// # Example
    /// ```
    /// use aidstat::cell::Period;
    /// assert_eq!(Period::parse_label("2020-03"), Some(Period::Month(2020, 3)));
    /// assert_eq!(Period::parse_label("2020-3"), None);
    /// ```
    pub fn parse_label(s: &str) -> Option<Period> {
        let year = |y: &str| {
            y.strip_prefix('+')
                .is_none()
                .then(|| y.parse::<i32>().ok())?
        };
        let part = |p: &str, max: u8| {
            Some(p)
                .filter(|p| p.bytes().all(|b| b.is_ascii_digit()))
                .and_then(|p| p.parse::<u8>().ok())
                .filter(|n| (1..=max).contains(n))
        };
        if let Some((y, q)) = s.split_once('Q') {
            return Some(Period::Quarter(
                year(y)?,
                part(q, 4).filter(|_| q.len() == 1)?,
            ));
        }
        match s.rsplit_once('-') {
            Some((y, m)) if !y.is_empty() && m.len() == 2 => {
                Some(Period::Month(year(y)?, part(m, 12)?))
            }
            _ => year(s).map(Period::Year),
        }
    }
}

/// What a period cell says, as finely as it says it: a date gives its month
/// and quarter (the day is dropped), a quarter gives the quarter only.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PeriodValue {
    /// The calendar year.
    pub year: i32,
    /// The quarter 1..=4, when the cell gives one or a month.
    pub quarter: Option<u8>,
    /// The month 1..=12, when the cell gives one.
    pub month: Option<u8>,
}

impl PeriodValue {
    /// The finest grain the cell gives.
    ///
    /// # Example
    /// ```
    /// use aidstat::cell::{parse_period, Grain};
    /// let Ok(Some(v)) = parse_period("2020/3/15") else { panic!() };
    /// assert_eq!((v.quarter, v.month, v.finest()), (Some(1), Some(3), Grain::Month));
    /// let Ok(Some(y)) = parse_period("2020年度") else { panic!() };
    /// assert_eq!(y.finest(), Grain::Year);
    /// ```
    pub fn finest(self) -> Grain {
        match (self.quarter, self.month) {
            (_, Some(_)) => Grain::Month,
            (Some(_), None) => Grain::Quarter,
            (None, None) => Grain::Year,
        }
    }

    /// The period containing this value at `grain`; None when the cell is
    /// coarser than `grain` (a year asked for its month).
    ///
    /// # Example
    /// ```
    /// use aidstat::cell::{parse_period, Grain, Period};
    /// let Ok(Some(v)) = parse_period("2020-05-15") else { panic!() };
    /// assert_eq!(v.at(Grain::Quarter), Some(Period::Quarter(2020, 2)));
    /// ```
    pub fn at(self, grain: Grain) -> Option<Period> {
        match grain {
            Grain::Year => Some(Period::Year(self.year)),
            Grain::Quarter => self.quarter.map(|q| Period::Quarter(self.year, q)),
            Grain::Month => self.month.map(|m| Period::Month(self.year, m)),
        }
    }
}

error_kind! {
    /// Why a cell could not be read as a period.
    ///
    /// # Example
    /// ```
    /// use aidstat::cell::{parse_period, BadPeriod};
    /// let e = parse_period("1800年").unwrap_err();
    /// assert_eq!(e, BadPeriod::YearOutOfRange);
    /// assert_eq!(e.code(), "year_out_of_range");
    /// assert_eq!(e.message_zh(), "年份不在1900至2100之间");
    /// assert_eq!(e.to_string(), e.message_en());
    /// ```
    pub enum BadPeriod {
        /// Not a year, quarter, month or date (or an impossible one: `2020-13`).
        NotAPeriod => ("bad_period", "不是有效的年份、季度、月份或日期", "not a year, quarter, month or date"),
        /// A year outside 1900..=2100.
        YearOutOfRange => ("year_out_of_range", "年份不在1900至2100之间", "year outside 1900 to 2100"),
        /// A span such as `2013-2015`: several periods, not one.
        Range => ("period_range", "是一段时期，不是单个期间", "a span of periods, not one period"),
    }
}

/// Longest period cell read; anything longer is not a period.
const MAX_LEN: usize = 64;

/// Characters that join the two ends of a span (`2013-2015`, `2016～2020`).
const SPAN_JOINERS: &[char] = &['-', '~', '〜', '—', '–', '―', '至', '到'];

/// Reads one period cell.
///
/// Ok(None) for an empty cell or a null marker. Accepted, after trimming and
/// half-width conversion: years (`2020`, `2020年`, `2020年度`, Excel's `2020.0`,
/// `二〇二〇年`), months (`2020-03`, `2020/3`, `2020年3月`, `202003`, and
/// `2020.03` with exactly two digits after the dot), dates (`2020-03-15`,
/// `2020/3/15`, `2020.3.15`, `2020年3月15日`, `20200315`, with an optional time)
/// and quarters (`2020Q1`, `2020 Q1`, `2020-Q1`, `Q1 2020`, `2020年第一季度`,
/// `2020年1季度`). Years must lie in 1900..=2100.
///
/// # Example
/// ```
/// use aidstat::cell::{parse_period, BadPeriod, Grain};
/// let Ok(Some(v)) = parse_period("2020年第一季度") else { panic!() };
/// assert_eq!((v.year, v.finest()), (2020, Grain::Quarter));
/// assert_eq!(parse_period("2013-2015"), Err(BadPeriod::Range));
/// assert_eq!(parse_period("—"), Ok(None));
/// ```
pub fn parse_period(raw: &str) -> Result<Option<PeriodValue>, BadPeriod> {
    let norm = normalize(raw);
    if is_null_marker(&norm) {
        return Ok(None);
    }
    if norm.len() > MAX_LEN {
        return Err(BadPeriod::NotAPeriod);
    }
    let text = tens(&norm).to_ascii_lowercase();
    let is_span = text
        .char_indices()
        .filter(|(_, c)| SPAN_JOINERS.contains(c))
        .any(|(at, c)| {
            let (left, right) = (text.get(..at), text.get(at + c.len_utf8()..));
            left.zip(right)
                .is_some_and(|(l, r)| parse_single(l).is_ok() && parse_single(r).is_ok())
        });
    if is_span {
        return Err(BadPeriod::Range);
    }
    parse_single(&text).map(Some)
}

/// Writes the Chinese month numerals 十, 十一, 十二 as digits.
fn tens(s: &str) -> Cow<'_, str> {
    if s.contains('十') {
        Cow::Owned(
            s.replace("十一", "11")
                .replace("十二", "12")
                .replace('十', "10"),
        )
    } else {
        Cow::Borrowed(s)
    }
}

/// A piece of a period cell.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tok {
    /// A digit run (ASCII or Chinese numerals): its value (saturated) and length.
    Num(u32, usize),
    /// `-`, `/` or `.`.
    Sep(char),
    /// 年 or 年度.
    Year,
    /// 月.
    Month,
    /// 日, 号 or 號.
    Day,
    /// 季 or 季度.
    Quarter,
    /// The `q` of `2020Q1`.
    Q,
}

/// The value of an ASCII digit or a Chinese numeral 〇零一 … 九.
fn digit(c: char) -> Option<u32> {
    c.to_digit(10).or_else(|| match c {
        '零' => Some(0),
        _ => "〇一二三四五六七八九"
            .chars()
            .zip(0..)
            .find(|(n, _)| *n == c)
            .map(|(_, v)| v),
    })
}

/// Splits a lower-case period cell into pieces; spaces and 第 only separate.
fn tokens(s: &str) -> Result<Vec<Tok>, BadPeriod> {
    let mut out = Vec::new();
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        let tok = match c {
            '年' | '季' => {
                chars.next_if_eq(&'度');
                if c == '年' {
                    Tok::Year
                } else {
                    Tok::Quarter
                }
            }
            '月' => Tok::Month,
            '日' | '号' | '號' => Tok::Day,
            'q' => Tok::Q,
            '-' | '/' | '.' => Tok::Sep(c),
            '第' => continue,
            _ if c.is_whitespace() => continue,
            _ => {
                let first = digit(c).ok_or(BadPeriod::NotAPeriod)?;
                let (mut value, mut len) = (first, 1);
                while let Some(d) = chars.peek().copied().and_then(digit) {
                    chars.next();
                    value = value.saturating_mul(10).saturating_add(d);
                    len += 1;
                }
                Tok::Num(value, len)
            }
        };
        out.push(tok);
    }
    Ok(out)
}

/// Drops a trailing time of day (`2020-03-15 00:00:00`, `…T08:30`).
fn strip_time(s: &str) -> &str {
    match s.trim().rsplit_once([' ', 't']) {
        Some((date, time))
            if time.contains(':')
                && time
                    .chars()
                    .all(|c| c.is_ascii_digit() || c == ':' || c == '.') =>
        {
            date.trim_end()
        }
        _ => s,
    }
}

/// Reads one period (no span), checking the calendar.
fn parse_single(s: &str) -> Result<PeriodValue, BadPeriod> {
    use Tok::{Day, Month, Num, Quarter, Sep, Year, Q};
    let toks = tokens(strip_time(s))?;
    let small = |len: usize| (1..=2).contains(&len);
    // (year, quarter, month, day) as written; checked below.
    let (y, q, m, d) = match toks.as_slice() {
        [Num(n, 6)] => (n / 100, None, Some(n % 100), None),
        [Num(n, 8)] => (n / 10_000, None, Some(n / 100 % 100), Some(n % 100)),
        [Num(y, _)] | [Num(y, _), Year] | [Num(y, _), Sep('.'), Num(0, _)] => {
            (*y, None, None, None)
        }
        [Num(y, _), Sep('.'), Num(m, 2)] => (*y, None, Some(*m), None),
        [Num(y, _), Sep('-' | '/'), Num(m, l)] if small(*l) => (*y, None, Some(*m), None),
        [Num(y, _), Year, Num(m, l), Month] if small(*l) => (*y, None, Some(*m), None),
        [Num(y, _), Sep(a), Num(m, lm), Sep(b), Num(d, ld)]
            if a == b && small(*lm) && small(*ld) =>
        {
            (*y, None, Some(*m), Some(*d))
        }
        [Num(y, _), Year, Num(m, lm), Month, Num(d, ld), rest @ ..]
            if small(*lm) && small(*ld) && matches!(rest, [] | [Day]) =>
        {
            (*y, None, Some(*m), Some(*d))
        }
        [Num(y, _), Q, Num(q, 1)]
        | [Num(y, _), Sep('-'), Q, Num(q, 1)]
        | [Num(y, _), Year, Q, Num(q, 1)]
        | [Num(y, _), Year, Num(q, 1), Quarter]
        | [Q, Num(q, 1), Num(y, _)]
        | [Q, Num(q, 1), Sep(_), Num(y, _)] => (*y, Some(*q), None, None),
        _ => return Err(BadPeriod::NotAPeriod),
    };
    let year = i32::try_from(y)
        .ok()
        .filter(|y| (1900..=2100).contains(y))
        .ok_or(BadPeriod::YearOutOfRange)?;
    let in_range = |v: Option<u32>, max: u32| match v {
        None => Ok(None),
        Some(v) if (1..=max).contains(&v) => {
            u8::try_from(v).map(Some).map_err(|_| BadPeriod::NotAPeriod)
        }
        Some(_) => Err(BadPeriod::NotAPeriod),
    };
    let month = in_range(m, 12)?;
    let days = month.map_or(31, |m| days_in_month(year, m));
    in_range(d, days)?;
    let quarter = in_range(q, 4)?.or(month.map(|m| (m - 1) / 3 + 1));
    Ok(PeriodValue {
        year,
        quarter,
        month,
    })
}

/// Days in a month of the Gregorian calendar.
fn days_in_month(year: i32, month: u8) -> u32 {
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Chinese label of a period: 2020年, 2020年第1季度, 2020年3月.
///
/// # Example
/// ```
/// use aidstat::cell::{period_zh, Period};
/// assert_eq!(period_zh(Period::Quarter(2020, 1)), "2020年第1季度");
/// ```
pub fn period_zh(p: Period) -> String {
    match p {
        Period::Year(y) => format!("{y}年"),
        Period::Quarter(y, q) => format!("{y}年第{q}季度"),
        Period::Month(y, m) => format!("{y}年{m}月"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn year(y: i32) -> Result<Option<PeriodValue>, BadPeriod> {
        Ok(Some(PeriodValue {
            year: y,
            quarter: None,
            month: None,
        }))
    }

    fn quarter(y: i32, q: u8) -> Result<Option<PeriodValue>, BadPeriod> {
        Ok(Some(PeriodValue {
            year: y,
            quarter: Some(q),
            month: None,
        }))
    }

    fn month(y: i32, m: u8) -> Result<Option<PeriodValue>, BadPeriod> {
        Ok(Some(PeriodValue {
            year: y,
            quarter: Some((m - 1) / 3 + 1),
            month: Some(m),
        }))
    }

    #[test]
    fn parse_period_table() {
        use BadPeriod::*;
        let rows = [
            // years
            ("2020", year(2020)),
            (" 2020 ", year(2020)),
            ("２０２０", year(2020)),
            ("2020年", year(2020)),
            ("2020年度", year(2020)),
            ("2020 年", year(2020)),
            ("2020.0", year(2020)),
            ("2020.00", year(2020)),
            ("二〇二〇年", year(2020)),
            ("二零二零年", year(2020)),
            ("一九九九年", year(1999)),
            ("1900", year(1900)),
            ("2100", year(2100)),
            // months
            ("2020-03", month(2020, 3)),
            ("2020-3", month(2020, 3)),
            ("2020/3", month(2020, 3)),
            ("2020年3月", month(2020, 3)),
            ("2020年03月", month(2020, 3)),
            ("二〇二〇年三月", month(2020, 3)),
            ("二〇二〇年十月", month(2020, 10)),
            ("二〇二〇年十一月", month(2020, 11)),
            ("二〇二〇年十二月", month(2020, 12)),
            ("2020.03", month(2020, 3)),
            ("2020.12", month(2020, 12)),
            ("202003", month(2020, 3)),
            // dates
            ("2020-03-15", month(2020, 3)),
            ("2020/3/15", month(2020, 3)),
            ("2020.3.15", month(2020, 3)),
            ("2020年3月15日", month(2020, 3)),
            ("2020年3月15号", month(2020, 3)),
            ("2020-03-15 00:00:00", month(2020, 3)),
            ("2020/3/15 0:00", month(2020, 3)),
            ("2020-03-15T08:30:00", month(2020, 3)),
            ("20200315", month(2020, 3)),
            ("2020-12-31", month(2020, 12)),
            ("2020-02-29", month(2020, 2)),
            ("2000-02-29", month(2000, 2)),
            ("2020-07-01", month(2020, 7)),
            // quarters
            ("2020Q1", quarter(2020, 1)),
            ("2020q4", quarter(2020, 4)),
            ("2020 Q1", quarter(2020, 1)),
            ("2020-Q2", quarter(2020, 2)),
            ("Q1 2020", quarter(2020, 1)),
            ("Q3-2020", quarter(2020, 3)),
            ("2020年Q1", quarter(2020, 1)),
            ("2020年第一季度", quarter(2020, 1)),
            ("2020年一季度", quarter(2020, 1)),
            ("2020年1季度", quarter(2020, 1)),
            ("2020年第1季度", quarter(2020, 1)),
            ("2020年第四季度", quarter(2020, 4)),
            ("2020年第二季", quarter(2020, 2)),
            ("２０２０Ｑ１", quarter(2020, 1)),
            // null
            ("", Ok(None)),
            ("  ", Ok(None)),
            ("-", Ok(None)),
            ("—", Ok(None)),
            ("无", Ok(None)),
            // years out of range
            ("0", Err(YearOutOfRange)),
            ("99999", Err(YearOutOfRange)),
            ("1066", Err(YearOutOfRange)),
            ("1899", Err(YearOutOfRange)),
            ("2101年", Err(YearOutOfRange)),
            ("20年", Err(YearOutOfRange)),
            ("43905", Err(YearOutOfRange)),
            ("99999999999999999999", Err(YearOutOfRange)),
            ("1066-13", Err(YearOutOfRange)),
            // impossible calendar values
            ("2020-13", Err(NotAPeriod)),
            ("2020-00", Err(NotAPeriod)),
            ("2020-02-30", Err(NotAPeriod)),
            ("2019-02-29", Err(NotAPeriod)),
            ("1900-02-29", Err(NotAPeriod)),
            ("2020-04-31", Err(NotAPeriod)),
            ("2020-03-00", Err(NotAPeriod)),
            ("2020Q5", Err(NotAPeriod)),
            ("2020Q0", Err(NotAPeriod)),
            ("2020年第五季度", Err(NotAPeriod)),
            ("2020年13月", Err(NotAPeriod)),
            ("20201315", Err(NotAPeriod)),
            // not periods
            ("2020.3", Err(NotAPeriod)),
            ("2020.5", Err(NotAPeriod)),
            ("2020.13", Err(NotAPeriod)),
            ("2020-03/15", Err(NotAPeriod)),
            ("15/3/2020", Err(NotAPeriod)),
            ("FY2020", Err(NotAPeriod)),
            ("abc", Err(NotAPeriod)),
            ("2020年上半年", Err(NotAPeriod)),
            ("-2020", Err(NotAPeriod)),
            ("2020\0", Err(NotAPeriod)),
            ("💰", Err(NotAPeriod)),
            ("2020 2021", Err(NotAPeriod)),
            ("Q12020", Err(NotAPeriod)),
            // spans
            ("2013-2015", Err(Range)),
            ("2013—2015年", Err(Range)),
            ("2016～2020", Err(Range)),
            ("2016~2020", Err(Range)),
            ("2013年-2015年", Err(Range)),
            ("2013年至2015年", Err(Range)),
            ("2013 - 2015", Err(Range)),
            ("2020Q1-2020Q3", Err(Range)),
            ("2020年1月-2020年3月", Err(Range)),
            ("20200101-20201231", Err(Range)),
        ];
        for (input, expected) in rows {
            assert_eq!(parse_period(input), expected, "input {input:?}");
        }
    }

    #[test]
    fn long_and_odd_inputs() {
        assert_eq!(
            parse_period(&"2".repeat(5 << 20)),
            Err(BadPeriod::NotAPeriod)
        );
        assert_eq!(parse_period(&"-".repeat(60)), Err(BadPeriod::NotAPeriod));
        assert_eq!(parse_period("十"), Err(BadPeriod::YearOutOfRange));
    }

    #[test]
    fn period_methods() {
        use Period::{Month, Quarter, Year};
        let rows = [
            (Year(2020), Year(2019), "2020", Grain::Year, 2020),
            (
                Quarter(2020, 1),
                Quarter(2019, 4),
                "2020Q1",
                Grain::Quarter,
                8080,
            ),
            (
                Quarter(2020, 3),
                Quarter(2020, 2),
                "2020Q3",
                Grain::Quarter,
                8082,
            ),
            (
                Month(2020, 1),
                Month(2019, 12),
                "2020-01",
                Grain::Month,
                24240,
            ),
            (
                Month(2020, 3),
                Month(2020, 2),
                "2020-03",
                Grain::Month,
                24242,
            ),
            (
                Month(2020, 12),
                Month(2020, 11),
                "2020-12",
                Grain::Month,
                24251,
            ),
        ];
        for (p, prev, label, grain, index) in rows {
            assert_eq!(p.prev(), prev, "prev of {p:?}");
            assert_eq!(p.label(), label, "label of {p:?}");
            assert_eq!(p.grain(), grain, "grain of {p:?}");
            assert_eq!(p.index(), index, "index of {p:?}");
            assert_eq!(p.index() - p.prev().index(), 1, "index step of {p:?}");
            assert_eq!(Period::parse_label(label), Some(p), "label {label:?}");
        }
        assert_eq!(Year(i32::MIN).prev(), Year(i32::MIN));
        assert!(Year(2019) < Year(2020) && Month(2020, 2) < Month(2020, 10));
    }

    #[test]
    fn parse_label_table() {
        use Period::{Month, Quarter, Year};
        let rows = [
            ("2020", Some(Year(2020))),
            ("2020Q4", Some(Quarter(2020, 4))),
            ("2020-12", Some(Month(2020, 12))),
            ("-5", Some(Year(-5))),
            ("-5-03", Some(Month(-5, 3))),
            ("2020Q5", None),
            ("2020Q01", None),
            ("2020q1", None),
            ("2020-3", None),
            ("2020-13", None),
            ("2020-00", None),
            ("2020-+1", None),
            ("+2020", None),
            ("2020年", None),
            ("", None),
            ("Q1", None),
        ];
        for (input, expected) in rows {
            assert_eq!(Period::parse_label(input), expected, "input {input:?}");
        }
    }

    #[test]
    fn period_value_grains() {
        let rows = [
            ("2020", Grain::Year, [Some(Period::Year(2020)), None, None]),
            (
                "2020Q2",
                Grain::Quarter,
                [
                    Some(Period::Year(2020)),
                    Some(Period::Quarter(2020, 2)),
                    None,
                ],
            ),
            (
                "2020-05-15",
                Grain::Month,
                [
                    Some(Period::Year(2020)),
                    Some(Period::Quarter(2020, 2)),
                    Some(Period::Month(2020, 5)),
                ],
            ),
        ];
        for (input, finest, at) in rows {
            let Ok(Some(v)) = parse_period(input) else {
                panic!("input {input:?} did not parse");
            };
            assert_eq!(v.finest(), finest, "input {input:?}");
            let got = [Grain::Year, Grain::Quarter, Grain::Month].map(|g| v.at(g));
            assert_eq!(got, at, "input {input:?}");
        }
    }

    #[test]
    fn error_messages() {
        for kind in [
            BadPeriod::NotAPeriod,
            BadPeriod::YearOutOfRange,
            BadPeriod::Range,
        ] {
            assert!(
                !kind.message_zh().is_empty() && kind.to_string() == kind.message_en(),
                "{kind:?}"
            );
        }
        let codes = [
            BadPeriod::NotAPeriod,
            BadPeriod::YearOutOfRange,
            BadPeriod::Range,
        ]
        .map(BadPeriod::code);
        assert_eq!(codes, ["bad_period", "year_out_of_range", "period_range"]);
    }

    proptest::proptest! {
        #[test]
        fn never_panics(s in "\\PC*") {
            let _ = parse_period(&s);
        }

        #[test]
        fn never_panics_period_like(s in "[0-9年月日季度第一二三四五六七八九十〇零qQ .:/~—-]{0,20}") {
            let _ = parse_period(&s);
        }

        #[test]
        fn label_round_trips(y in 1900_i32..=2100, q in 1_u8..=4, m in 1_u8..=12) {
            for p in [Period::Year(y), Period::Quarter(y, q), Period::Month(y, m)] {
                proptest::prop_assert_eq!(Period::parse_label(&p.label()), Some(p));
                let parsed = parse_period(&p.label()).ok().flatten().and_then(|v| v.at(p.grain()));
                proptest::prop_assert_eq!(parsed, Some(p));
            }
        }
    }
}
