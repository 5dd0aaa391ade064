//! RECUR values: the RRULE grammar of RFC 5545 §3.3.10 with the RSCALE
//! extension of RFC 7529 (RSCALE, SKIP and leap months such as `5L`).

use std::fmt;
use std::str::FromStr;

use nom::Parser;
use nom::bytes::complete::{take, take_while1};
use nom::character::complete::one_of;
use nom::combinator::{all_consuming, map_opt, opt};

use super::datetime::DateOrDateTime;
use super::{MAX_BY_LIST_LEN, MAX_RECUR_LEN, invalid, limit, out_of_range, quote};
use crate::Error;

/// The FREQ rule part (RFC 5545 §3.3.10).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum Frequency {
    /// `SECONDLY`
    Secondly,
    /// `MINUTELY`
    Minutely,
    /// `HOURLY`
    Hourly,
    /// `DAILY`
    Daily,
    /// `WEEKLY`
    Weekly,
    /// `MONTHLY`
    Monthly,
    /// `YEARLY`
    Yearly,
}

/// A day of the week, as in BYDAY and WKST (RFC 5545 §3.3.10 `weekday`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum Weekday {
    /// `MO`
    Monday,
    /// `TU`
    Tuesday,
    /// `WE`
    Wednesday,
    /// `TH`
    Thursday,
    /// `FR`
    Friday,
    /// `SA`
    Saturday,
    /// `SU`
    Sunday,
}

/// One BYDAY entry: a weekday with an optional ordinal (`2TU`, `-1FR`, `SU`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct WeekdayNum {
    /// `None` for every such weekday in the period; otherwise ±1..=53, never 0.
    pub ordinal: Option<i8>,
    /// The day of the week.
    pub weekday: Weekday,
}

/// One BYMONTH entry: a month number with the RFC 7529 §4.2 leap flag
/// (`5L` is the leap month that follows month 5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct MonthNum {
    /// The month number, 1-based: 1..=12, or 1..=13 when RSCALE is present.
    pub number: u8,
    /// True for a leap month (`L` suffix, only with RSCALE).
    pub leap: bool,
}

/// The SKIP rule part of RFC 7529 §4.1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum Skip {
    /// `OMIT` (the default): invalid dates produce no instance.
    #[default]
    Omit,
    /// `BACKWARD`: an invalid date moves to the previous valid one.
    Backward,
    /// `FORWARD`: an invalid date moves to the next valid one.
    Forward,
}

/// A RECUR value (RFC 5545 §3.3.10, RFC 7529 §4).
///
/// Fields hold what the text said: a part that was absent is `None` or an
/// empty list, so formatting does not invent parts (`INTERVAL=1` is only
/// written when it was given). Parts are written in a canonical order (see
/// the sections below).
///
/// # Reading
///
/// [`Recur::parse`] takes the rule parts in any order, with names and
/// enumerated values (FREQ, WKST, SKIP, weekdays, the `L` of a leap month)
/// in any case. Each part may appear once; FREQ is required; UNTIL and COUNT
/// exclude each other; COUNT and INTERVAL are at least 1. Numbers are range
/// checked as RFC 5545 §3.3.10 says, with the wider ranges of RFC 7529 §4
/// when RSCALE is present (BYMONTH 1–13 and leap months, BYYEARDAY ±1–385,
/// BYWEEKNO ±1–56). Parts named `X-…` are kept in [`Recur::extensions`];
/// any other unknown part is an error. One trailing `;` is tolerated (some
/// producers write it); an empty part elsewhere is an error.
///
/// The rules of RFC 5545 §3.3.10 that tie BYxxx parts to FREQ (for example
/// "BYWEEKNO MUST NOT be used when FREQ is not YEARLY") are not checked by
/// the parser, because widely used producers and test suites break them and
/// the expansion is still well defined; [`Recur::check_constraints`] checks
/// them on request.
///
/// # Writing: the canonical order
///
/// [`Recur`]'s `Display` writes the parts that are present in this order:
///
/// `RSCALE`, `FREQ`, `UNTIL`, `COUNT`, `INTERVAL`, `BYSECOND`, `BYMINUTE`,
/// `BYHOUR`, `BYDAY`, `BYMONTHDAY`, `BYYEARDAY`, `BYWEEKNO`, `BYMONTH`,
/// `BYSETPOS`, `WKST`, `SKIP`, then the `X-` extensions in their original
/// order.
///
/// That is the order of the `recur-rule-part` alternatives in RFC 5545
/// §3.3.10, with RSCALE first and SKIP last as every example of RFC 7529
/// writes them. Names and enumerated values are written in upper case;
/// RSCALE and extensions are written as they were read. Nothing absent is
/// invented: `INTERVAL=1` is written only when it was given.
///
/// # Example
///
/// ```
/// use kalends_ical_core::value::{Frequency, Recur, Weekday};
///
/// let rule = Recur::parse("FREQ=MONTHLY;BYDAY=-1FR;COUNT=3")?;
/// assert_eq!(rule.freq, Frequency::Monthly);
/// assert_eq!(rule.by_day[0].weekday, Weekday::Friday);
/// assert_eq!(rule.by_day[0].ordinal, Some(-1));
/// assert_eq!(rule.to_string(), "FREQ=MONTHLY;COUNT=3;BYDAY=-1FR");
///
/// let hebrew = Recur::parse("RSCALE=HEBREW;FREQ=YEARLY;BYMONTH=5L;BYMONTHDAY=8;SKIP=FORWARD")?;
/// assert!(hebrew.is_rscale());
/// assert!(hebrew.by_month[0].leap);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Recur {
    /// FREQ, required.
    pub freq: Frequency,
    /// UNTIL: a DATE or DATE-TIME bound, inclusive.
    pub until: Option<DateOrDateTime>,
    /// COUNT: the number of instances, at least 1.
    pub count: Option<u32>,
    /// INTERVAL: at least 1; `None` means the default of 1.
    pub interval: Option<u32>,
    /// BYSECOND, 0..=60.
    pub by_second: Vec<u8>,
    /// BYMINUTE, 0..=59.
    pub by_minute: Vec<u8>,
    /// BYHOUR, 0..=23.
    pub by_hour: Vec<u8>,
    /// BYDAY.
    pub by_day: Vec<WeekdayNum>,
    /// BYMONTHDAY, ±1..=31 (wider ranges are not needed by any CLDR calendar).
    pub by_month_day: Vec<i8>,
    /// BYYEARDAY, ±1..=366 (±1..=385 with RSCALE, for lunisolar leap years).
    pub by_year_day: Vec<i16>,
    /// BYWEEKNO, ±1..=53 (±1..=56 with RSCALE).
    pub by_week_no: Vec<i8>,
    /// BYMONTH, with leap months when RSCALE is present.
    pub by_month: Vec<MonthNum>,
    /// BYSETPOS, ±1..=366.
    pub by_set_pos: Vec<i16>,
    /// WKST; `None` means the default of Monday.
    pub wkst: Option<Weekday>,
    /// RSCALE (RFC 7529 §4), as written (case is kept; compare case-insensitively).
    pub rscale: Option<String>,
    /// SKIP (RFC 7529 §4.1); only valid together with RSCALE.
    pub skip: Option<Skip>,
    /// Rule parts this crate does not know (`X-NAME=value`), kept in order so
    /// that nothing is lost.
    pub extensions: Vec<(String, String)>,
}

// ---------------------------------------------------------------------------
// Frequency, Weekday, Skip, WeekdayNum, MonthNum

impl Frequency {
    /// Every frequency, from `SECONDLY` to `YEARLY`.
    pub const ALL: [Frequency; 7] = [
        Frequency::Secondly,
        Frequency::Minutely,
        Frequency::Hourly,
        Frequency::Daily,
        Frequency::Weekly,
        Frequency::Monthly,
        Frequency::Yearly,
    ];

    /// The RFC 5545 name, upper case: `DAILY`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Frequency::Secondly => "SECONDLY",
            Frequency::Minutely => "MINUTELY",
            Frequency::Hourly => "HOURLY",
            Frequency::Daily => "DAILY",
            Frequency::Weekly => "WEEKLY",
            Frequency::Monthly => "MONTHLY",
            Frequency::Yearly => "YEARLY",
        }
    }

    /// The frequency named `name`, in any case; `None` for another name.
    pub fn from_name(name: &str) -> Option<Frequency> {
        Frequency::ALL
            .into_iter()
            .find(|f| f.as_str().eq_ignore_ascii_case(name))
    }
}

impl fmt::Display for Frequency {
    /// Writes the RFC 5545 name, `DAILY`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Frequency {
    type Err = Error;
    /// Parses `SECONDLY` … `YEARLY`, in any case.
    fn from_str(s: &str) -> Result<Frequency, Error> {
        Frequency::from_name(s).ok_or_else(|| {
            invalid(format!(
                "expected a FREQ of SECONDLY, MINUTELY, HOURLY, DAILY, WEEKLY, MONTHLY or YEARLY \
                 (RFC 5545 §3.3.10), found {}.",
                quote(s)
            ))
        })
    }
}

impl Weekday {
    /// Every weekday, from Monday to Sunday.
    pub const ALL: [Weekday; 7] = [
        Weekday::Monday,
        Weekday::Tuesday,
        Weekday::Wednesday,
        Weekday::Thursday,
        Weekday::Friday,
        Weekday::Saturday,
        Weekday::Sunday,
    ];

    /// The weekday `index` days after Monday, modulo 7 (0 = Monday, 6 = Sunday).
    pub const fn from_monday_index(index: u8) -> Weekday {
        match index % 7 {
            0 => Weekday::Monday,
            1 => Weekday::Tuesday,
            2 => Weekday::Wednesday,
            3 => Weekday::Thursday,
            4 => Weekday::Friday,
            5 => Weekday::Saturday,
            _ => Weekday::Sunday,
        }
    }

    /// Days since Monday: 0 for Monday, 6 for Sunday.
    pub const fn monday_index(self) -> u8 {
        self as u8
    }

    /// The ISO 8601 number: 1 for Monday, 7 for Sunday.
    pub const fn iso_number(self) -> u8 {
        self as u8 + 1
    }

    /// The two-letter RFC 5545 name, upper case: `MO`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Weekday::Monday => "MO",
            Weekday::Tuesday => "TU",
            Weekday::Wednesday => "WE",
            Weekday::Thursday => "TH",
            Weekday::Friday => "FR",
            Weekday::Saturday => "SA",
            Weekday::Sunday => "SU",
        }
    }

    /// The weekday named by its two-letter RFC 5545 name (`MO`), in any
    /// case; `None` for anything else.
    pub fn from_abbrev(name: &str) -> Option<Weekday> {
        Weekday::ALL
            .into_iter()
            .find(|w| w.as_str().eq_ignore_ascii_case(name))
    }

    /// The next day of the week (Sunday is followed by Monday).
    pub const fn succ(self) -> Weekday {
        Weekday::from_monday_index(self as u8 + 1)
    }
}

impl fmt::Display for Weekday {
    /// Writes the two-letter name, `MO`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Weekday {
    type Err = Error;
    /// Parses `MO` … `SU`, in any case.
    fn from_str(s: &str) -> Result<Weekday, Error> {
        Weekday::from_abbrev(s).ok_or_else(|| {
            invalid(format!(
                "expected a weekday of MO, TU, WE, TH, FR, SA or SU (RFC 5545 §3.3.10), found {}.",
                quote(s)
            ))
        })
    }
}

impl Skip {
    /// The RFC 7529 name, upper case: `OMIT`, `BACKWARD` or `FORWARD`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Skip::Omit => "OMIT",
            Skip::Backward => "BACKWARD",
            Skip::Forward => "FORWARD",
        }
    }

    /// The SKIP value named `name`, in any case; `None` for another name.
    pub fn from_name(name: &str) -> Option<Skip> {
        [Skip::Omit, Skip::Backward, Skip::Forward]
            .into_iter()
            .find(|s| s.as_str().eq_ignore_ascii_case(name))
    }
}

impl fmt::Display for Skip {
    /// Writes `OMIT`, `BACKWARD` or `FORWARD`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Skip {
    type Err = Error;
    /// Parses `OMIT`, `BACKWARD` or `FORWARD`, in any case.
    fn from_str(s: &str) -> Result<Skip, Error> {
        Skip::from_name(s).ok_or_else(|| {
            invalid(format!(
                "expected a SKIP of OMIT, BACKWARD or FORWARD (RFC 7529 §4.1), found {}.",
                quote(s)
            ))
        })
    }
}

impl WeekdayNum {
    /// Every `weekday` of the period (no ordinal): `MO`.
    pub const fn every(weekday: Weekday) -> WeekdayNum {
        WeekdayNum {
            ordinal: None,
            weekday,
        }
    }

    /// The `ordinal`th `weekday` of the period, counted from the end when
    /// negative: `nth(-1, Friday)` is `-1FR`.
    ///
    /// Fails with [`crate::ErrorKind::OutOfRange`] unless `ordinal` is ±1–53.
    pub fn nth(ordinal: i8, weekday: Weekday) -> Result<WeekdayNum, Error> {
        if ordinal == 0 || ordinal.unsigned_abs() > 53 {
            return Err(out_of_range(format!(
                "the BYDAY ordinal {ordinal} is out of range: it runs from 1 to 53 or -53 to -1 \
                 (RFC 5545 §3.3.10)."
            )));
        }
        Ok(WeekdayNum {
            ordinal: Some(ordinal),
            weekday,
        })
    }
}

impl fmt::Display for WeekdayNum {
    /// Writes `MO`, `2TU` or `-1FR`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(n) = self.ordinal {
            write!(f, "{n}")?;
        }
        f.write_str(self.weekday.as_str())
    }
}

impl MonthNum {
    /// A regular month: `5`.
    pub const fn regular(number: u8) -> MonthNum {
        MonthNum {
            number,
            leap: false,
        }
    }

    /// The leap month that follows month `number` (RFC 7529 §4.2): `5L`.
    pub const fn leap(number: u8) -> MonthNum {
        MonthNum { number, leap: true }
    }
}

impl fmt::Display for MonthNum {
    /// Writes `5` or `5L`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.number)?;
        if self.leap { f.write_str("L") } else { Ok(()) }
    }
}

// ---------------------------------------------------------------------------
// Parsing

/// The rule parts, for the duplicate check and messages.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Part {
    Freq,
    Until,
    Count,
    Interval,
    BySecond,
    ByMinute,
    ByHour,
    ByDay,
    ByMonthDay,
    ByYearDay,
    ByWeekNo,
    ByMonth,
    BySetPos,
    Wkst,
    Rscale,
    Skip,
}

impl Part {
    const ALL: [Part; 16] = [
        Part::Freq,
        Part::Until,
        Part::Count,
        Part::Interval,
        Part::BySecond,
        Part::ByMinute,
        Part::ByHour,
        Part::ByDay,
        Part::ByMonthDay,
        Part::ByYearDay,
        Part::ByWeekNo,
        Part::ByMonth,
        Part::BySetPos,
        Part::Wkst,
        Part::Rscale,
        Part::Skip,
    ];

    const fn name(self) -> &'static str {
        match self {
            Part::Freq => "FREQ",
            Part::Until => "UNTIL",
            Part::Count => "COUNT",
            Part::Interval => "INTERVAL",
            Part::BySecond => "BYSECOND",
            Part::ByMinute => "BYMINUTE",
            Part::ByHour => "BYHOUR",
            Part::ByDay => "BYDAY",
            Part::ByMonthDay => "BYMONTHDAY",
            Part::ByYearDay => "BYYEARDAY",
            Part::ByWeekNo => "BYWEEKNO",
            Part::ByMonth => "BYMONTH",
            Part::BySetPos => "BYSETPOS",
            Part::Wkst => "WKST",
            Part::Rscale => "RSCALE",
            Part::Skip => "SKIP",
        }
    }

    const fn bit(self) -> u32 {
        1 << (self as u32)
    }

    fn from_name(name: &str) -> Option<Part> {
        Part::ALL
            .into_iter()
            .find(|p| p.name().eq_ignore_ascii_case(name))
    }
}

type NomError<'a> = nom::error::Error<&'a str>;

/// Runs `parser` over the whole of `input`; `None` unless it matches all of it.
fn run<'a, O, P>(parser: P, input: &'a str) -> Option<O>
where
    P: Parser<&'a str, Output = O, Error = NomError<'a>>,
{
    all_consuming(parser).parse(input).ok().map(|(_, out)| out)
}

fn is_digit(c: char) -> bool {
    c.is_ascii_digit()
}

fn is_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '-'
}

/// `name "=" value` of one rule part.
fn rule_part(input: &str) -> Option<(&str, &str)> {
    let (value, name) = take_while1::<_, _, NomError<'_>>(is_name_char)
        .parse(input)
        .ok()?;
    value.strip_prefix('=').map(|value| (name, value))
}

/// A number with an optional sign: `[+-]1*DIGIT`, as (negative, digits).
fn signed_number(input: &str) -> Option<(bool, &str)> {
    run((opt(one_of("+-")), take_while1(is_digit)), input)
        .map(|(sign, digits)| (sign == Some('-'), digits))
}

/// `1*DIGIT` without sign.
fn unsigned_number(input: &str) -> Option<&str> {
    run(take_while1(is_digit), input)
}

/// `[[plus / minus] ordwk] weekday`, as (negative, ordinal digits, weekday).
fn weekday_num(input: &str) -> Option<(Option<(bool, &str)>, Weekday)> {
    run(
        (
            opt((opt(one_of("+-")), take_while1(is_digit))),
            map_opt(take(2usize), Weekday::from_abbrev),
        ),
        input,
    )
    .map(|(ordinal, weekday)| {
        (
            ordinal.map(|(sign, digits)| (sign == Some('-'), digits)),
            weekday,
        )
    })
}

/// `1*2DIGIT ["L"]` (RFC 7529 §4.2), as (digits, leap).
fn month_num(input: &str) -> Option<(&str, bool)> {
    run((take_while1(is_digit), opt(one_of("Ll"))), input).map(|(d, l)| (d, l.is_some()))
}

/// The value of a digit string, saturating at `u32::MAX`.
fn digits_value(digits: &str) -> u32 {
    digits.bytes().fold(0u32, |acc, b| {
        acc.saturating_mul(10)
            .saturating_add(u32::from(b.wrapping_sub(b'0')))
    })
}

/// Context for the messages of one rule part.
struct Ctx<'a> {
    rule: &'a str,
    part: Part,
}

impl Ctx<'_> {
    fn grammar(&self, item: &str, expected: &str) -> Error {
        invalid(format!(
            "the {} value {} in the RECUR value {} is not {expected} ({}).",
            self.part.name(),
            quote(item),
            quote(self.rule),
            self.cite()
        ))
    }

    fn range(&self, item: &str, range: &str) -> Error {
        out_of_range(format!(
            "the {} value {} in the RECUR value {} is out of range: {range} ({}).",
            self.part.name(),
            quote(item),
            quote(self.rule),
            self.cite()
        ))
    }

    fn too_many_digits(&self, item: &str, max: usize) -> Error {
        invalid(format!(
            "the {} value {} in the RECUR value {} has more than {max} digits \
             (RFC 5545 §3.3.10).",
            self.part.name(),
            quote(item),
            quote(self.rule)
        ))
    }

    fn cite(&self) -> &'static str {
        match self.part {
            Part::Rscale | Part::Skip => "RFC 7529 §4",
            _ => "RFC 5545 §3.3.10",
        }
    }

    /// Splits a BYxxx list, enforcing [`MAX_BY_LIST_LEN`], and parses each item.
    fn list<T>(
        &self,
        value: &str,
        mut item: impl FnMut(&Self, &str) -> Result<T, Error>,
    ) -> Result<Vec<T>, Error> {
        let len = memchr::memchr_iter(b',', value.as_bytes())
            .count()
            .saturating_add(1);
        if len > MAX_BY_LIST_LEN {
            return Err(limit(format!(
                "the {} list in the RECUR value {} has {len} entries; at most {MAX_BY_LIST_LEN} \
                 are accepted.",
                self.part.name(),
                quote(self.rule)
            )));
        }
        let mut out = Vec::with_capacity(len);
        for piece in value.split(',') {
            out.push(item(self, piece)?);
        }
        Ok(out)
    }

    /// An unsigned BYxxx entry (`1*2DIGIT`), 0..=max.
    fn small_unsigned(&self, item: &str, max: u8, what: &str) -> Result<u8, Error> {
        let digits = unsigned_number(item)
            .ok_or_else(|| self.grammar(item, &format!("{what} written with one or two digits")))?;
        let value = digits_value(digits);
        if value > u32::from(max) {
            return Err(self.range(item, &format!("it runs from 0 to {max}")));
        }
        if digits.len() > 2 {
            return Err(self.too_many_digits(item, 2));
        }
        Ok(u8::try_from(value).unwrap_or(max))
    }

    /// A signed BYxxx entry (`[+-]1*nDIGIT`), ±1..=max, never 0.
    fn signed_nonzero(
        &self,
        item: &str,
        max: u16,
        max_digits: usize,
        what: &str,
    ) -> Result<i16, Error> {
        let (negative, digits) = signed_number(item)
            .ok_or_else(|| self.grammar(item, &format!("{what}, such as `1` or `-1`")))?;
        let value = digits_value(digits);
        if value == 0 || value > u32::from(max) {
            return Err(self.range(item, &format!("it runs from 1 to {max} or -{max} to -1")));
        }
        if digits.len() > max_digits {
            return Err(self.too_many_digits(item, max_digits));
        }
        let value = i16::try_from(value).unwrap_or(i16::MAX);
        Ok(if negative { -value } else { value })
    }

    /// COUNT or INTERVAL: `1*DIGIT`, at least 1.
    fn positive(&self, value: &str) -> Result<u32, Error> {
        let digits =
            unsigned_number(value).ok_or_else(|| self.grammar(value, "a positive integer"))?;
        match digits.parse::<u32>() {
            Ok(0) => Err(self.range(value, "it must be at least 1")),
            Ok(n) => Ok(n),
            Err(_) => Err(self.range(value, &format!("the largest accepted is {}", u32::MAX))),
        }
    }
}

/// The widest BYMONTH number (RFC 7529: 13 months in Hebrew, Ethiopic and Coptic years).
const RSCALE_MAX_MONTH: u8 = 13;
/// The widest BYYEARDAY magnitude with RSCALE (a Hebrew or Chinese leap year has up to 385 days).
const RSCALE_MAX_YEAR_DAY: u16 = 385;
/// The widest BYWEEKNO magnitude with RSCALE.
const RSCALE_MAX_WEEK_NO: u16 = 56;

impl Recur {
    /// A rule with only FREQ; every other part absent.
    pub fn new(freq: Frequency) -> Recur {
        Recur {
            freq,
            until: None,
            count: None,
            interval: None,
            by_second: Vec::new(),
            by_minute: Vec::new(),
            by_hour: Vec::new(),
            by_day: Vec::new(),
            by_month_day: Vec::new(),
            by_year_day: Vec::new(),
            by_week_no: Vec::new(),
            by_month: Vec::new(),
            by_set_pos: Vec::new(),
            wkst: None,
            rscale: None,
            skip: None,
            extensions: Vec::new(),
        }
    }

    /// Parses a RECUR value (RFC 5545 §3.3.10, RFC 7529 §4); see the
    /// [`Recur`] documentation for what is accepted.
    ///
    /// Errors: [`crate::ErrorKind::InvalidValue`] for text outside the
    /// grammar, a missing FREQ, a repeated part, UNTIL with COUNT, SKIP
    /// without RSCALE or an unknown part; [`crate::ErrorKind::OutOfRange`]
    /// for a number outside its range (including BYMONTH=13 or a leap month
    /// without RSCALE); [`crate::ErrorKind::LimitExceeded`] for a value
    /// longer than [`super::MAX_RECUR_LEN`] bytes or a list longer than
    /// [`super::MAX_BY_LIST_LEN`] entries.
    ///
    /// ```
    /// use kalends_ical_core::{ErrorKind, value::Recur};
    /// assert_eq!(Recur::parse("FREQ=DAILY;COUNT=10;INTERVAL=2")?.interval, Some(2));
    /// assert_eq!(Recur::parse("FREQ=YEARLY;BYMONTH=13").unwrap_err().kind(), ErrorKind::OutOfRange);
    /// assert!(Recur::parse("RSCALE=ETHIOPIC;FREQ=MONTHLY;BYMONTH=13").is_ok());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn parse(s: &str) -> Result<Recur, Error> {
        if s.len() > MAX_RECUR_LEN {
            return Err(limit(format!(
                "the RECUR value {} is {} bytes long; at most {MAX_RECUR_LEN} are accepted.",
                quote(s),
                s.len()
            )));
        }
        let body = s.strip_suffix(';').unwrap_or(s);
        if body.is_empty() {
            return Err(invalid(format!(
                "a RECUR value needs at least a FREQ part (RFC 5545 §3.3.10), found {}.",
                quote(s)
            )));
        }
        let mut seen = 0u32;
        let mut freq = None;
        let mut rule = Recur::new(Frequency::Yearly);
        for piece in body.split(';') {
            let Some((name, value)) = rule_part(piece) else {
                return Err(invalid(if piece.is_empty() {
                    format!(
                        "the RECUR value {} has an empty rule part (RFC 5545 §3.3.10).",
                        quote(s)
                    )
                } else {
                    format!(
                        "the rule part {} of the RECUR value {} is not of the form NAME=VALUE \
                         (RFC 5545 §3.3.10).",
                        quote(piece),
                        quote(s)
                    )
                }));
            };
            let Some(part) = Part::from_name(name) else {
                if name.len() > 2 && name.get(..2).is_some_and(|p| p.eq_ignore_ascii_case("X-")) {
                    if rule
                        .extensions
                        .iter()
                        .any(|(n, _)| n.eq_ignore_ascii_case(name))
                    {
                        return Err(invalid(format!(
                            "the rule part {name} appears more than once in the RECUR value {}; \
                             each part may appear once (RFC 5545 §3.3.10).",
                            quote(s)
                        )));
                    }
                    rule.extensions.push((name.to_owned(), value.to_owned()));
                    continue;
                }
                return Err(invalid(format!(
                    "the rule part {} of the RECUR value {} is unknown: only the parts of \
                     RFC 5545 §3.3.10 and RFC 7529 §4 and extensions named `X-…` are allowed.",
                    quote(piece),
                    quote(s)
                )));
            };
            if seen & part.bit() != 0 {
                return Err(invalid(format!(
                    "the rule part {} appears more than once in the RECUR value {}; each part \
                     may appear once (RFC 5545 §3.3.10).",
                    part.name(),
                    quote(s)
                )));
            }
            seen |= part.bit();
            let ctx = Ctx { rule: s, part };
            match part {
                Part::Freq => {
                    freq = Some(Frequency::from_name(value).ok_or_else(|| {
                        ctx.grammar(
                            value,
                            "one of SECONDLY, MINUTELY, HOURLY, DAILY, WEEKLY, MONTHLY or YEARLY",
                        )
                    })?);
                }
                Part::Until => {
                    rule.until = Some(DateOrDateTime::parse(value).map_err(|e| {
                        crate::Error::new(
                            e.kind(),
                            format!(
                                "the UNTIL value of the RECUR value {} is not a valid DATE or \
                                 DATE-TIME: {}",
                                quote(s),
                                e.message()
                            ),
                        )
                    })?);
                }
                Part::Count => rule.count = Some(ctx.positive(value)?),
                Part::Interval => rule.interval = Some(ctx.positive(value)?),
                Part::BySecond => {
                    rule.by_second = ctx.list(value, |c, i| c.small_unsigned(i, 60, "a second"))?;
                }
                Part::ByMinute => {
                    rule.by_minute = ctx.list(value, |c, i| c.small_unsigned(i, 59, "a minute"))?;
                }
                Part::ByHour => {
                    rule.by_hour = ctx.list(value, |c, i| c.small_unsigned(i, 23, "an hour"))?;
                }
                Part::ByDay => rule.by_day = ctx.list(value, parse_weekday_num)?,
                Part::ByMonthDay => {
                    rule.by_month_day = ctx.list(value, |c, i| {
                        c.signed_nonzero(i, 31, 2, "a day of the month")
                            .map(|v| i8::try_from(v).unwrap_or(i8::MAX))
                    })?;
                }
                Part::ByYearDay => {
                    rule.by_year_day = ctx.list(value, |c, i| {
                        c.signed_nonzero(i, RSCALE_MAX_YEAR_DAY, 3, "a day of the year")
                    })?;
                }
                Part::ByWeekNo => {
                    rule.by_week_no = ctx.list(value, |c, i| {
                        c.signed_nonzero(i, RSCALE_MAX_WEEK_NO, 2, "a week number")
                            .map(|v| i8::try_from(v).unwrap_or(i8::MAX))
                    })?;
                }
                Part::ByMonth => rule.by_month = ctx.list(value, parse_month_num)?,
                Part::BySetPos => {
                    rule.by_set_pos =
                        ctx.list(value, |c, i| c.signed_nonzero(i, 366, 3, "a set position"))?;
                }
                Part::Wkst => {
                    rule.wkst = Some(Weekday::from_abbrev(value).ok_or_else(|| {
                        ctx.grammar(value, "one of MO, TU, WE, TH, FR, SA or SU")
                    })?);
                }
                Part::Rscale => {
                    if !value.chars().all(is_name_char) || value.is_empty() {
                        return Err(ctx.grammar(
                            value,
                            "a calendar name made of letters, digits and `-`, such as `HEBREW`",
                        ));
                    }
                    rule.rscale = Some(value.to_owned());
                }
                Part::Skip => {
                    rule.skip =
                        Some(Skip::from_name(value).ok_or_else(|| {
                            ctx.grammar(value, "one of OMIT, BACKWARD or FORWARD")
                        })?);
                }
            }
        }
        let Some(freq) = freq else {
            return Err(invalid(format!(
                "the RECUR value {} has no FREQ part, which is required (RFC 5545 §3.3.10).",
                quote(s)
            )));
        };
        rule.freq = freq;
        if rule.until.is_some() && rule.count.is_some() {
            return Err(invalid(format!(
                "the RECUR value {} has both UNTIL and COUNT, which exclude each other \
                 (RFC 5545 §3.3.10).",
                quote(s)
            )));
        }
        if rule.rscale.is_none() {
            check_without_rscale(&rule, s)?;
        }
        Ok(rule)
    }

    /// True when RSCALE is present (RFC 7529): the BYxxx parts are then read
    /// in the named calendar.
    pub fn is_rscale(&self) -> bool {
        self.rscale.is_some()
    }

    /// True when the rule is read in the Gregorian calendar: no RSCALE, or
    /// RSCALE `GREGORIAN` (or its CLDR key `GREGORY`), in any case.
    pub fn is_gregorian(&self) -> bool {
        self.rscale.as_deref().is_none_or(|r| {
            r.eq_ignore_ascii_case("GREGORIAN") || r.eq_ignore_ascii_case("GREGORY")
        })
    }

    /// RSCALE in upper case, the form calendar names are compared in
    /// (RFC 7529 §4: names are case-insensitive).
    pub fn rscale_upper(&self) -> Option<String> {
        self.rscale.as_deref().map(str::to_ascii_uppercase)
    }

    /// INTERVAL, or its default of 1.
    pub fn interval_or_default(&self) -> u32 {
        self.interval.unwrap_or(1)
    }

    /// WKST, or its default of Monday.
    pub fn wkst_or_default(&self) -> Weekday {
        self.wkst.unwrap_or(Weekday::Monday)
    }

    /// SKIP, or its default of OMIT (RFC 7529 §4.1).
    pub fn skip_or_default(&self) -> Skip {
        self.skip.unwrap_or_default()
    }

    /// True when BYMONTH names a leap month (`5L`).
    pub fn has_leap_months(&self) -> bool {
        self.by_month.iter().any(|m| m.leap)
    }

    /// True when any BYxxx part is present.
    pub fn has_by_parts(&self) -> bool {
        !(self.by_second.is_empty()
            && self.by_minute.is_empty()
            && self.by_hour.is_empty()
            && self.by_day.is_empty()
            && self.by_month_day.is_empty()
            && self.by_year_day.is_empty()
            && self.by_week_no.is_empty()
            && self.by_month.is_empty()
            && self.by_set_pos.is_empty())
    }

    /// True when the rule has neither COUNT nor UNTIL, so it never ends.
    pub fn is_unbounded(&self) -> bool {
        self.count.is_none() && self.until.is_none()
    }

    /// Checks the rules of RFC 5545 §3.3.10 that tie BYxxx parts to FREQ,
    /// which [`Recur::parse`] does not enforce:
    ///
    /// - BYWEEKNO only with FREQ=YEARLY;
    /// - BYYEARDAY not with FREQ=DAILY, WEEKLY or MONTHLY;
    /// - BYMONTHDAY not with FREQ=WEEKLY;
    /// - BYDAY ordinals only with FREQ=MONTHLY or YEARLY, and not with
    ///   FREQ=YEARLY together with BYWEEKNO;
    /// - BYSETPOS only together with another BYxxx part.
    ///
    /// Fails with [`crate::ErrorKind::InvalidValue`] naming the first broken rule.
    pub fn check_constraints(&self) -> Result<(), Error> {
        use Frequency::{Daily, Monthly, Weekly, Yearly};
        let broken = if !self.by_week_no.is_empty() && self.freq != Yearly {
            Some("BYWEEKNO may only be used with FREQ=YEARLY")
        } else if !self.by_year_day.is_empty() && matches!(self.freq, Daily | Weekly | Monthly) {
            Some("BYYEARDAY may not be used with FREQ=DAILY, WEEKLY or MONTHLY")
        } else if !self.by_month_day.is_empty() && self.freq == Weekly {
            Some("BYMONTHDAY may not be used with FREQ=WEEKLY")
        } else if self.by_day.iter().any(|d| d.ordinal.is_some())
            && !(self.freq == Monthly || (self.freq == Yearly && self.by_week_no.is_empty()))
        {
            Some(
                "BYDAY ordinals may only be used with FREQ=MONTHLY, or FREQ=YEARLY without \
                 BYWEEKNO",
            )
        } else if !self.by_set_pos.is_empty()
            && self.by_second.is_empty()
            && self.by_minute.is_empty()
            && self.by_hour.is_empty()
            && self.by_day.is_empty()
            && self.by_month_day.is_empty()
            && self.by_year_day.is_empty()
            && self.by_week_no.is_empty()
            && self.by_month.is_empty()
        {
            Some("BYSETPOS may only be used together with another BYxxx part")
        } else {
            None
        };
        match broken {
            Some(rule) => Err(invalid(format!(
                "the RECUR value {} breaks a rule of RFC 5545 §3.3.10: {rule}.",
                quote(&self.to_string())
            ))),
            None => Ok(()),
        }
    }

    /// Appends the RECUR text, in the canonical order, to `out`.
    pub fn write_to(&self, out: &mut String) {
        use fmt::Write as _;
        // Writing to a String cannot fail.
        let _ = write!(out, "{self}");
    }
}

fn parse_weekday_num(ctx: &Ctx<'_>, item: &str) -> Result<WeekdayNum, Error> {
    let (ordinal, weekday) = weekday_num(item).ok_or_else(|| {
        ctx.grammar(
            item,
            "a weekday with an optional ordinal, such as `MO`, `2TU` or `-1FR`",
        )
    })?;
    let ordinal = match ordinal {
        None => None,
        Some((negative, digits)) => {
            let value = digits_value(digits);
            if value == 0 || value > 53 {
                return Err(ctx.range(item, "the ordinal runs from 1 to 53 or -53 to -1"));
            }
            if digits.len() > 2 {
                return Err(ctx.too_many_digits(item, 2));
            }
            let value = i8::try_from(value).unwrap_or(i8::MAX);
            Some(if negative { -value } else { value })
        }
    };
    Ok(WeekdayNum { ordinal, weekday })
}

fn parse_month_num(ctx: &Ctx<'_>, item: &str) -> Result<MonthNum, Error> {
    let (digits, leap) = month_num(item).ok_or_else(|| {
        ctx.grammar(
            item,
            "a month number, such as `5`, or a leap month, such as `5L`",
        )
    })?;
    let value = digits_value(digits);
    if value == 0 || value > u32::from(RSCALE_MAX_MONTH) {
        return Err(ctx.range(item, "months run from 1 to 12, or to 13 with RSCALE"));
    }
    if digits.len() > 2 {
        return Err(ctx.too_many_digits(item, 2));
    }
    Ok(MonthNum {
        number: u8::try_from(value).unwrap_or(RSCALE_MAX_MONTH),
        leap,
    })
}

/// The narrower RFC 5545 ranges that apply when RSCALE is absent.
fn check_without_rscale(rule: &Recur, s: &str) -> Result<(), Error> {
    if rule.skip.is_some() {
        return Err(invalid(format!(
            "the RECUR value {} has SKIP without RSCALE; SKIP is only allowed together with \
             RSCALE (RFC 7529 §4.1).",
            quote(s)
        )));
    }
    let range = |part: &str, item: String, what: &str| {
        out_of_range(format!(
            "the {part} value `{item}` in the RECUR value {} is out of range: {what} \
             (RFC 5545 §3.3.10); the wider ranges of RFC 7529 §4 need RSCALE.",
            quote(s)
        ))
    };
    if let Some(m) = rule.by_month.iter().find(|m| m.leap || m.number > 12) {
        let what = if m.leap {
            "leap months are only allowed with RSCALE"
        } else {
            "months run from 1 to 12"
        };
        return Err(range("BYMONTH", m.to_string(), what));
    }
    if let Some(d) = rule.by_year_day.iter().find(|d| d.unsigned_abs() > 366) {
        return Err(range(
            "BYYEARDAY",
            d.to_string(),
            "it runs from 1 to 366 or -366 to -1",
        ));
    }
    if let Some(w) = rule.by_week_no.iter().find(|w| w.unsigned_abs() > 53) {
        return Err(range(
            "BYWEEKNO",
            w.to_string(),
            "it runs from 1 to 53 or -53 to -1",
        ));
    }
    Ok(())
}

/// Writes `;NAME=a,b,c` when `items` is not empty.
fn write_list<T: fmt::Display>(f: &mut fmt::Formatter<'_>, name: &str, items: &[T]) -> fmt::Result {
    let mut items = items.iter();
    let Some(first) = items.next() else {
        return Ok(());
    };
    write!(f, ";{name}={first}")?;
    for item in items {
        write!(f, ",{item}")?;
    }
    Ok(())
}

impl fmt::Display for Recur {
    /// Writes the rule in the canonical order of the
    /// [`Recur`] documentation. The value is not validated: a rule
    /// built by hand with out-of-range numbers is written as it is.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(rscale) = &self.rscale {
            write!(f, "RSCALE={rscale};")?;
        }
        write!(f, "FREQ={}", self.freq)?;
        if let Some(until) = &self.until {
            write!(f, ";UNTIL={until}")?;
        }
        if let Some(count) = self.count {
            write!(f, ";COUNT={count}")?;
        }
        if let Some(interval) = self.interval {
            write!(f, ";INTERVAL={interval}")?;
        }
        write_list(f, "BYSECOND", &self.by_second)?;
        write_list(f, "BYMINUTE", &self.by_minute)?;
        write_list(f, "BYHOUR", &self.by_hour)?;
        write_list(f, "BYDAY", &self.by_day)?;
        write_list(f, "BYMONTHDAY", &self.by_month_day)?;
        write_list(f, "BYYEARDAY", &self.by_year_day)?;
        write_list(f, "BYWEEKNO", &self.by_week_no)?;
        write_list(f, "BYMONTH", &self.by_month)?;
        write_list(f, "BYSETPOS", &self.by_set_pos)?;
        if let Some(wkst) = self.wkst {
            write!(f, ";WKST={wkst}")?;
        }
        if let Some(skip) = self.skip {
            write!(f, ";SKIP={skip}")?;
        }
        for (name, value) in &self.extensions {
            write!(f, ";{name}={value}")?;
        }
        Ok(())
    }
}

impl FromStr for Recur {
    type Err = Error;
    fn from_str(s: &str) -> Result<Recur, Error> {
        Recur::parse(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorKind;

    #[test]
    fn parts_are_case_insensitive_and_unordered() {
        let r = Recur::parse("count=3;byday=mo,-1fr;freq=monthly;wkst=su").unwrap();
        assert_eq!(r.freq, Frequency::Monthly);
        assert_eq!(r.to_string(), "FREQ=MONTHLY;COUNT=3;BYDAY=MO,-1FR;WKST=SU");
    }

    #[test]
    fn rscale_comes_after_widened_parts() {
        // The range check waits until every part has been read.
        let r = Recur::parse("BYMONTH=13;FREQ=MONTHLY;RSCALE=ETHIOPIC").unwrap();
        assert_eq!(r.to_string(), "RSCALE=ETHIOPIC;FREQ=MONTHLY;BYMONTH=13");
        let e = Recur::parse("BYMONTH=13;FREQ=MONTHLY").unwrap_err();
        assert_eq!(e.kind(), ErrorKind::OutOfRange);
    }

    #[test]
    fn weekday_helpers() {
        assert_eq!(Weekday::Sunday.succ(), Weekday::Monday);
        assert_eq!(Weekday::from_monday_index(9), Weekday::Wednesday);
        assert_eq!(Weekday::Sunday.iso_number(), 7);
    }
}
