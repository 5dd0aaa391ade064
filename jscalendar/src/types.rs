//! The data types of RFC 8984 §1.4, as newtypes that check their syntax.
//!
//! Every type parses with [`FromStr`] (or `new` for numbers), prints with
//! [`Display`](fmt::Display) and reads and writes itself with serde as the JSON
//! value RFC 8984 gives it. A value that does not match its syntax is
//! rejected with an [`Error`] of kind [`ErrorKind::InvalidValue`] or
//! [`ErrorKind::OutOfRange`] whose message quotes it.
//!
//! | RFC 8984 | type |
//! |---|---|
//! | §1.4.1 Id | [`Id`] |
//! | §1.4.2 Int | [`Int`] |
//! | §1.4.3 UnsignedInt | [`UnsignedInt`] |
//! | §1.4.4 UTCDateTime | [`UtcDateTime`] |
//! | §1.4.5 LocalDateTime | [`LocalDateTime`] |
//! | §1.4.6 Duration | [`Duration`] |
//! | §1.4.7 SignedDuration | [`SignedDuration`] |
//! | §1.4.8 TimeZoneId | [`TimeZoneId`] |
//! | §1.4.9 PatchObject | [`crate::PatchObject`] |
//! | §1.4.10 Relation | [`crate::Relation`] |

use std::borrow::Borrow;
use std::fmt;
use std::marker::PhantomData;
use std::str::FromStr;

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};

use crate::error::{Error, ErrorKind, quote};

/// Types written as one JSON string, parsed with `FromStr` and printed with `Display`.
pub(crate) trait TextValue: FromStr<Err = Error> + fmt::Display {
    /// What the visitor says it expects, e.g. "an RFC 8984 UTCDateTime string".
    const EXPECTING: &'static str;
}

pub(crate) struct TextVisitor<T>(PhantomData<T>);

impl<T> TextVisitor<T> {
    pub(crate) fn new() -> Self {
        TextVisitor(PhantomData)
    }
}

impl<T: TextValue> Visitor<'_> for TextVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(T::EXPECTING)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
        v.parse::<T>().map_err(|e| E::custom(e.message()))
    }
}

macro_rules! text_serde {
    ($ty:ty, $expecting:literal) => {
        impl TextValue for $ty {
            const EXPECTING: &'static str = $expecting;
        }

        impl Serialize for $ty {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_str(self)
            }
        }

        impl<'de> Deserialize<'de> for $ty {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                deserializer.deserialize_str(TextVisitor::<$ty>::new())
            }
        }
    };
}

// ---------------------------------------------------------------------------
// Id

/// An Id (RFC 8984 §1.4.1): 1 to 255 octets of the base64url alphabet
/// `A-Za-z0-9`, `-` and `_`, without padding.
///
/// ```
/// use kalends_jscalendar::Id;
/// let id: Id = "dG9tQGZvb2Jhci5xlLmNvbQ".parse()?;
/// assert_eq!(id.as_str(), "dG9tQGZvb2Jhci5xlLmNvbQ");
/// assert!("a b".parse::<Id>().is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Id(String);

impl Id {
    /// The longest Id in octets (RFC 8984 §1.4.1).
    pub const MAX_LEN: usize = 255;

    /// Checks `s` and wraps it.
    pub fn new(s: impl Into<String>) -> Result<Id, Error> {
        let s = s.into();
        check_id(&s)?;
        Ok(Id(s))
    }

    /// The Id as a string.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The Id as an owned string.
    pub fn into_string(self) -> String {
        self.0
    }
}

/// Checks the Id syntax of RFC 8984 §1.4.1.
pub(crate) fn check_id(s: &str) -> Result<(), Error> {
    if s.is_empty() {
        return Err(Error::new(
            ErrorKind::InvalidValue,
            "An Id must have at least one character (RFC 8984 §1.4.1), but this one is empty.",
        ));
    }
    if s.len() > Id::MAX_LEN {
        return Err(Error::new(
            ErrorKind::OutOfRange,
            format!(
                "The Id `{}` has {} octets, but RFC 8984 §1.4.1 allows at most 255.",
                quote(s),
                s.len()
            ),
        ));
    }
    if let Some(c) = s
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || *c == '-' || *c == '_'))
    {
        return Err(Error::new(
            ErrorKind::InvalidValue,
            format!(
                "The Id `{}` contains `{}`, but an Id has only the characters `A-Za-z0-9-_` (RFC 8984 §1.4.1).",
                quote(s),
                c.escape_debug()
            ),
        ));
    }
    Ok(())
}

impl FromStr for Id {
    type Err = Error;
    fn from_str(s: &str) -> Result<Id, Error> {
        Id::new(s)
    }
}

impl TryFrom<&str> for Id {
    type Error = Error;
    fn try_from(s: &str) -> Result<Id, Error> {
        Id::new(s)
    }
}

impl TryFrom<String> for Id {
    type Error = Error;
    fn try_from(s: String) -> Result<Id, Error> {
        Id::new(s)
    }
}

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl AsRef<str> for Id {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl Borrow<str> for Id {
    fn borrow(&self) -> &str {
        &self.0
    }
}

text_serde!(Id, "an RFC 8984 Id string");

// ---------------------------------------------------------------------------
// Int, UnsignedInt

/// The largest magnitude of an Int and the largest UnsignedInt: 2⁵³-1
/// (RFC 8984 §1.4.2, §1.4.3).
pub const MAX_SAFE_INTEGER: i64 = 9_007_199_254_740_991;

/// An Int (RFC 8984 §1.4.2): an integer from -2⁵³+1 to 2⁵³-1, a JSON number.
///
/// ```
/// use kalends_jscalendar::Int;
/// assert_eq!(Int::new(-3)?.get(), -3);
/// assert!(Int::new(1 << 53).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Int(i64);

impl Int {
    /// The smallest Int, -2⁵³+1.
    pub const MIN: Int = Int(-MAX_SAFE_INTEGER);
    /// The largest Int, 2⁵³-1.
    pub const MAX: Int = Int(MAX_SAFE_INTEGER);

    /// Checks the range and wraps `v`.
    pub fn new(v: i64) -> Result<Int, Error> {
        if (-MAX_SAFE_INTEGER..=MAX_SAFE_INTEGER).contains(&v) {
            Ok(Int(v))
        } else {
            Err(Error::new(
                ErrorKind::OutOfRange,
                format!("The Int `{v}` is outside -2⁵³+1 to 2⁵³-1 (RFC 8984 §1.4.2)."),
            ))
        }
    }

    /// The value.
    pub fn get(self) -> i64 {
        self.0
    }
}

impl From<i32> for Int {
    fn from(v: i32) -> Int {
        Int(i64::from(v))
    }
}

impl From<Int> for i64 {
    fn from(v: Int) -> i64 {
        v.0
    }
}

impl fmt::Display for Int {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl Serialize for Int {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_i64(self.0)
    }
}

impl<'de> Deserialize<'de> for Int {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let v = i64::deserialize(deserializer)?;
        Int::new(v).map_err(|e| de::Error::custom(e.message()))
    }
}

/// An UnsignedInt (RFC 8984 §1.4.3): an integer from 0 to 2⁵³-1, a JSON number.
///
/// ```
/// use kalends_jscalendar::UnsignedInt;
/// assert_eq!(UnsignedInt::new(7)?.get(), 7);
/// assert!(UnsignedInt::new(1 << 53).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct UnsignedInt(u64);

impl UnsignedInt {
    /// The largest UnsignedInt, 2⁵³-1.
    pub const MAX: UnsignedInt = UnsignedInt(MAX_SAFE_INTEGER.unsigned_abs());

    /// Checks the range and wraps `v`.
    pub fn new(v: u64) -> Result<UnsignedInt, Error> {
        if v <= MAX_SAFE_INTEGER.unsigned_abs() {
            Ok(UnsignedInt(v))
        } else {
            Err(Error::new(
                ErrorKind::OutOfRange,
                format!("The UnsignedInt `{v}` is above 2⁵³-1 (RFC 8984 §1.4.3)."),
            ))
        }
    }

    /// The value.
    pub fn get(self) -> u64 {
        self.0
    }
}

impl From<u32> for UnsignedInt {
    fn from(v: u32) -> UnsignedInt {
        UnsignedInt(u64::from(v))
    }
}

impl From<UnsignedInt> for u64 {
    fn from(v: UnsignedInt) -> u64 {
        v.0
    }
}

impl fmt::Display for UnsignedInt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl Serialize for UnsignedInt {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_u64(self.0)
    }
}

impl<'de> Deserialize<'de> for UnsignedInt {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let v = u64::deserialize(deserializer)?;
        UnsignedInt::new(v).map_err(|e| de::Error::custom(e.message()))
    }
}

// ---------------------------------------------------------------------------
// Date-times

/// The fields shared by [`UtcDateTime`] and [`LocalDateTime`]. Field order
/// gives chronological order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
struct Fields {
    year: u16,
    month: u8,
    day: u8,
    hour: u8,
    minute: u8,
    second: u8,
    nanosecond: u32,
}

fn is_leap_year(year: u16) -> bool {
    (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400)
}

/// Days in `month` of `year` (proleptic Gregorian); 0 for a month outside 1–12.
fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// Days since 0000-03-01 shifted so that 1970-01-01 is 0 (H. Hinnant's
/// `days_from_civil`). Works on the proleptic Gregorian calendar.
fn days_from_civil(year: u16, month: u8, day: u8) -> i64 {
    let y = i64::from(year) - i64::from(month <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The inverse of [`days_from_civil`]; `None` outside years 0–9999.
fn civil_from_days(z: i64) -> Option<(u16, u8, u8)> {
    let z = z.checked_add(719_468)?;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    let year = u16::try_from(y).ok().filter(|y| *y <= 9999)?;
    Some((year, u8::try_from(m).ok()?, u8::try_from(d).ok()?))
}

impl Fields {
    fn check(self, what: &str) -> Result<Fields, Error> {
        let bad = |part: &str| {
            Err(Error::new(
                ErrorKind::OutOfRange,
                format!("The {what} has {part} out of range ({}).", self.describe()),
            ))
        };
        if self.year > 9999 {
            return bad("a year");
        }
        if !(1..=12).contains(&self.month) {
            return bad("a month");
        }
        if self.day < 1 || self.day > days_in_month(self.year, self.month) {
            return bad("a day");
        }
        if self.hour > 23 {
            return bad("an hour");
        }
        if self.minute > 59 {
            return bad("a minute");
        }
        if self.second > 60 {
            return bad("a second");
        }
        if self.nanosecond >= 1_000_000_000 {
            return bad("a fraction of a second");
        }
        Ok(self)
    }

    fn describe(&self) -> String {
        format!(
            "year {}, month {}, day {}, {:02}:{:02}:{:02}",
            self.year, self.month, self.day, self.hour, self.minute, self.second
        )
    }

    /// Seconds since 1970-01-01T00:00:00 on the wall clock (a leap second
    /// counts as the first second of the next minute).
    fn wall_seconds(&self) -> i64 {
        days_from_civil(self.year, self.month, self.day) * 86_400
            + i64::from(self.hour) * 3600
            + i64::from(self.minute) * 60
            + i64::from(self.second)
    }

    fn from_wall_seconds(secs: i64, nanosecond: u32) -> Option<Fields> {
        let days = secs.div_euclid(86_400);
        let rem = secs.rem_euclid(86_400);
        let (year, month, day) = civil_from_days(days)?;
        Some(Fields {
            year,
            month,
            day,
            hour: u8::try_from(rem / 3600).ok()?,
            minute: u8::try_from(rem % 3600 / 60).ok()?,
            second: u8::try_from(rem % 60).ok()?,
            nanosecond,
        })
    }

    fn write(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
            self.year, self.month, self.day, self.hour, self.minute, self.second
        )?;
        if self.nanosecond != 0 {
            let mut digits = format!("{:09}", self.nanosecond);
            while digits.ends_with('0') {
                digits.pop();
            }
            write!(f, ".{digits}")?;
        }
        Ok(())
    }
}

/// Reads exactly `n` ASCII digits at `pos`.
fn digits(b: &[u8], pos: usize, n: usize) -> Option<u32> {
    let part = b.get(pos..pos.checked_add(n)?)?;
    let mut v: u32 = 0;
    for &c in part {
        if !c.is_ascii_digit() {
            return None;
        }
        v = v.checked_mul(10)?.checked_add(u32::from(c - b'0'))?;
    }
    Some(v)
}

/// Parses `YYYY-MM-DDThh:mm:ss[.f+]` followed by `Z` when `utc`.
fn parse_date_time(s: &str, utc: bool) -> Result<Fields, Error> {
    let (what, section, example) = if utc {
        ("UTCDateTime", "§1.4.4", "2020-01-02T18:23:04Z")
    } else {
        ("LocalDateTime", "§1.4.5", "2020-01-02T18:23:04")
    };
    let syntax = |detail: &str| {
        Error::new(
            ErrorKind::InvalidValue,
            format!(
                "`{}` is not a {what} (RFC 8984 {section}, like `{example}`): {detail}.",
                quote(s)
            ),
        )
    };
    let b = s.as_bytes();
    let num = |pos: usize, n: usize, name: &str| {
        digits(b, pos, n).ok_or_else(|| {
            syntax(&format!(
                "expected {n} digits of the {name} at offset {pos}"
            ))
        })
    };
    let sep = |pos: usize, c: u8| {
        if b.get(pos) == Some(&c) {
            Ok(())
        } else {
            Err(syntax(&format!(
                "expected `{}` at offset {pos}",
                char::from(c)
            )))
        }
    };
    let year = num(0, 4, "year")?;
    sep(4, b'-')?;
    let month = num(5, 2, "month")?;
    sep(7, b'-')?;
    let day = num(8, 2, "day")?;
    sep(10, b'T')?;
    let hour = num(11, 2, "hour")?;
    sep(13, b':')?;
    let minute = num(14, 2, "minute")?;
    sep(16, b':')?;
    let second = num(17, 2, "second")?;
    let mut pos = 19;
    let mut nanosecond = 0u32;
    if b.get(pos) == Some(&b'.') {
        pos += 1;
        let start = pos;
        while b.get(pos).is_some_and(u8::is_ascii_digit) {
            pos += 1;
        }
        let frac = s.get(start..pos).unwrap_or("");
        nanosecond = parse_fraction(frac).map_err(&syntax)?;
    }
    if utc {
        match b.get(pos) {
            Some(b'Z') => pos += 1,
            Some(b'z') => return Err(syntax("the time offset must be an uppercase `Z`")),
            Some(_) => return Err(syntax(&format!("expected `Z` at offset {pos}"))),
            None => return Err(syntax("the time offset `Z` is missing")),
        }
    }
    if pos != b.len() {
        let rest = s.get(pos..).unwrap_or("");
        let detail = if !utc && (rest == "Z" || rest == "z") {
            "a LocalDateTime has no time offset, but this one ends in `Z`".to_owned()
        } else {
            format!("unexpected `{}` at offset {pos}", quote(rest))
        };
        return Err(syntax(&detail));
    }
    let to_u8 = |v: u32| u8::try_from(v).unwrap_or(u8::MAX);
    Fields {
        year: u16::try_from(year).unwrap_or(u16::MAX),
        month: to_u8(month),
        day: to_u8(day),
        hour: to_u8(hour),
        minute: to_u8(minute),
        second: to_u8(second),
        nanosecond,
    }
    .check(&format!("{what} `{}`", quote(s)))
}

/// Parses fraction digits (without the dot) to nanoseconds. The digits must
/// be 1 to 9, not all zero and without trailing zeros (RFC 8984 §1.4.4, §1.4.6).
fn parse_fraction(frac: &str) -> Result<u32, &'static str> {
    if frac.is_empty() {
        return Err("a `.` must be followed by digits");
    }
    if frac.bytes().all(|c| c == b'0') {
        return Err("a zero fraction of a second must be left out");
    }
    if frac.ends_with('0') {
        return Err("a fraction of a second must not have trailing zeros");
    }
    if frac.len() > 9 {
        return Err("a fraction of a second has at most nine digits here (nanoseconds)");
    }
    let mut nanos: u32 = 0;
    for c in frac.bytes() {
        nanos = nanos
            .saturating_mul(10)
            .saturating_add(u32::from(c.wrapping_sub(b'0')));
    }
    let scale = 9u32.saturating_sub(u32::try_from(frac.len()).unwrap_or(9));
    Ok(nanos.saturating_mul(10u32.saturating_pow(scale)))
}

macro_rules! date_time_common {
    ($ty:ident, $utc:expr, $name:literal) => {
        impl $ty {
            /// A date-time from its parts; the nanosecond is 0. Checks every
            /// range: year 0–9999, a day that exists in its month, hour 0–23,
            /// minute 0–59, second 0–60 (RFC 3339 §5.6 allows a leap second).
            pub fn new(
                year: u16,
                month: u8,
                day: u8,
                hour: u8,
                minute: u8,
                second: u8,
            ) -> Result<$ty, Error> {
                Fields {
                    year,
                    month,
                    day,
                    hour,
                    minute,
                    second,
                    nanosecond: 0,
                }
                .check(concat!("requested ", $name))
                .map($ty)
            }

            /// The same date-time with the fraction of a second set to
            /// `nanosecond` (below 1,000,000,000).
            pub fn with_nanosecond(self, nanosecond: u32) -> Result<$ty, Error> {
                Fields {
                    nanosecond,
                    ..self.0
                }
                .check(concat!("requested ", $name))
                .map($ty)
            }

            /// The year, 0–9999.
            pub fn year(&self) -> u16 {
                self.0.year
            }
            /// The month, 1–12.
            pub fn month(&self) -> u8 {
                self.0.month
            }
            /// The day of the month, 1–31.
            pub fn day(&self) -> u8 {
                self.0.day
            }
            /// The hour, 0–23.
            pub fn hour(&self) -> u8 {
                self.0.hour
            }
            /// The minute, 0–59.
            pub fn minute(&self) -> u8 {
                self.0.minute
            }
            /// The second, 0–60.
            pub fn second(&self) -> u8 {
                self.0.second
            }
            /// The fraction of a second in nanoseconds.
            pub fn nanosecond(&self) -> u32 {
                self.0.nanosecond
            }

            /// Seconds from `self` to `other` on the wall clock, ignoring
            /// fractions of a second.
            pub fn seconds_until(&self, other: &$ty) -> i64 {
                other.0.wall_seconds() - self.0.wall_seconds()
            }

            /// The date-time `seconds` later on the wall clock (earlier when
            /// negative), or `None` outside years 0–9999. A leap second is
            /// counted as the first second of the next minute.
            pub fn checked_add_seconds(&self, seconds: i64) -> Option<$ty> {
                let secs = self.0.wall_seconds().checked_add(seconds)?;
                Fields::from_wall_seconds(secs, self.0.nanosecond).map($ty)
            }
        }

        impl FromStr for $ty {
            type Err = Error;
            fn from_str(s: &str) -> Result<$ty, Error> {
                parse_date_time(s, $utc).map($ty)
            }
        }

        impl fmt::Display for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.write(f)?;
                if $utc { f.write_str("Z") } else { Ok(()) }
            }
        }

        impl fmt::Debug for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, concat!($name, "({})"), self)
            }
        }
    };
}

/// A UTCDateTime (RFC 8984 §1.4.4): `YYYY-MM-DDThh:mm:ss[.fff]Z`, letters in
/// upper case, a fraction of a second only when non-zero and without
/// trailing zeros, at most nine fraction digits (nanoseconds; the RFC sets
/// no limit, this crate does).
///
/// Ordering is chronological.
///
/// ```
/// use kalends_jscalendar::UtcDateTime;
/// let t: UtcDateTime = "2010-10-10T10:10:10.003Z".parse()?;
/// assert_eq!(t.nanosecond(), 3_000_000);
/// assert_eq!(t.to_string(), "2010-10-10T10:10:10.003Z");
/// assert!("2010-10-10T10:10:10.000Z".parse::<UtcDateTime>().is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct UtcDateTime(Fields);

date_time_common!(UtcDateTime, true, "UTCDateTime");
text_serde!(UtcDateTime, "an RFC 8984 UTCDateTime string");

impl UtcDateTime {
    /// The same wall-clock fields as a [`LocalDateTime`] (the time in UTC,
    /// without the `Z`).
    pub fn to_local(self) -> LocalDateTime {
        LocalDateTime(self.0)
    }

    /// Seconds since 1970-01-01T00:00:00Z (negative before), ignoring the
    /// fraction; a leap second counts as the first second of the next minute.
    pub fn unix_seconds(&self) -> i64 {
        self.0.wall_seconds()
    }
}

/// A LocalDateTime (RFC 8984 §1.4.5): like [`UtcDateTime`] but without the
/// `Z`. The time zone comes from the object's `timeZone`; without one the
/// time is floating.
///
/// Ordering compares wall-clock fields.
///
/// ```
/// use kalends_jscalendar::LocalDateTime;
/// let t: LocalDateTime = "2006-01-02T15:04:05".parse()?;
/// assert_eq!((t.year(), t.hour()), (2006, 15));
/// assert!("2006-01-02T15:04:05Z".parse::<LocalDateTime>().is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct LocalDateTime(Fields);

date_time_common!(LocalDateTime, false, "LocalDateTime");
text_serde!(LocalDateTime, "an RFC 8984 LocalDateTime string");

impl LocalDateTime {
    /// Reads the wall-clock time as a time in UTC (RFC 8984 §4.7.2 does this
    /// for the `until` of a TimeZoneRule's recurrence rule).
    pub fn assume_utc(self) -> UtcDateTime {
        UtcDateTime(self.0)
    }
}

// ---------------------------------------------------------------------------
// Duration, SignedDuration

/// The parts of a [`Duration`]. A part that is `None` is absent from the
/// text (`PT1H` has hours but no minutes); `nanoseconds` is the fraction of
/// the seconds part.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct DurationParts {
    /// Weeks (`W`); a week is always seven days.
    pub weeks: Option<u64>,
    /// Days (`D`).
    pub days: Option<u64>,
    /// Hours (`H`).
    pub hours: Option<u64>,
    /// Minutes (`M` after `T`).
    pub minutes: Option<u64>,
    /// Whole seconds (`S`).
    pub seconds: Option<u64>,
    /// The fraction of the seconds, in nanoseconds (below 1,000,000,000;
    /// only with `seconds`).
    pub nanoseconds: u32,
}

impl DurationParts {
    /// Weeks and days as days (`7 × weeks + days`), `None` on overflow.
    pub fn calendar_days(&self) -> Option<u64> {
        self.weeks
            .unwrap_or(0)
            .checked_mul(7)?
            .checked_add(self.days.unwrap_or(0))
    }

    /// Hours, minutes and seconds as seconds, ignoring the fraction; `None`
    /// on overflow.
    pub fn clock_seconds(&self) -> Option<u64> {
        self.hours
            .unwrap_or(0)
            .checked_mul(3600)?
            .checked_add(self.minutes.unwrap_or(0).checked_mul(60)?)?
            .checked_add(self.seconds.unwrap_or(0))
    }

    /// True when every part is zero.
    pub fn is_zero(&self) -> bool {
        self.calendar_days() == Some(0) && self.clock_seconds() == Some(0) && self.nanoseconds == 0
    }
}

/// A Duration (RFC 8984 §1.4.6): the ISO 8601 subset
/// `P[nW][nD][T[nH][nM][n[.f]S]]` of the RFC's ABNF: weeks may be followed by
/// days; hours, minutes and seconds appear in that order without gaps (no
/// seconds after hours without minutes); a fraction of a second only when
/// non-zero and without trailing zeros.
///
/// The text is kept as read, so leading zeros (`PT01H`, which the ABNF
/// allows) are written back unchanged; equality compares the text (`P1D` and
/// `PT24H` differ, as they do in RFC 8984).
///
/// ```
/// use kalends_jscalendar::Duration;
/// let d: Duration = "P1W2DT3H".parse()?;
/// assert_eq!(d.parts().calendar_days(), Some(9));
/// assert_eq!(d.parts().clock_seconds(), Some(3 * 3600));
/// assert!("PT1H1S".parse::<Duration>().is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Duration {
    text: String,
    parts: DurationParts,
}

impl Duration {
    /// `PT0S`, the default `duration` of an Event (RFC 8984 §5.1.2).
    pub fn zero() -> Duration {
        Duration {
            text: "PT0S".to_owned(),
            parts: DurationParts {
                seconds: Some(0),
                ..DurationParts::default()
            },
        }
    }

    /// Builds the text for `parts` and checks that it is a Duration.
    pub fn from_parts(parts: DurationParts) -> Result<Duration, Error> {
        let mut text = String::from("P");
        if let Some(w) = parts.weeks {
            text.push_str(&format!("{w}W"));
        }
        if let Some(d) = parts.days {
            text.push_str(&format!("{d}D"));
        }
        if parts.hours.is_some() || parts.minutes.is_some() || parts.seconds.is_some() {
            text.push('T');
        }
        if let Some(h) = parts.hours {
            text.push_str(&format!("{h}H"));
        }
        if let Some(m) = parts.minutes {
            text.push_str(&format!("{m}M"));
        }
        match parts.seconds {
            Some(s) if parts.nanoseconds != 0 => {
                let mut frac = format!("{:09}", parts.nanoseconds);
                while frac.ends_with('0') {
                    frac.pop();
                }
                text.push_str(&format!("{s}.{frac}S"));
            }
            Some(s) => text.push_str(&format!("{s}S")),
            None if parts.nanoseconds != 0 => {
                return Err(Error::new(
                    ErrorKind::InvalidValue,
                    "A Duration with a fraction of a second needs a seconds part (RFC 8984 §1.4.6).",
                ));
            }
            None => {}
        }
        text.parse()
    }

    /// The parts.
    pub fn parts(&self) -> DurationParts {
        self.parts
    }

    /// The text, e.g. `PT1H30M`.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// True when every part is zero (`PT0S`, `P0D`, …).
    pub fn is_zero(&self) -> bool {
        self.parts.is_zero()
    }
}

impl Default for Duration {
    /// `PT0S`.
    fn default() -> Duration {
        Duration::zero()
    }
}

/// Parses the Duration `s`, which is `full` without its first `shift`
/// characters (the sign of a SignedDuration); messages quote `full`.
fn parse_duration(s: &str, full: &str, shift: usize, what: &str) -> Result<DurationParts, Error> {
    let syntax = |detail: &str| {
        Error::new(
            ErrorKind::InvalidValue,
            format!(
                "`{}` is not a {what} (RFC 8984 §1.4.6, like `PT1H30M`): {detail}.",
                quote(full)
            ),
        )
    };
    let b = s.as_bytes();
    if b.first() != Some(&b'P') {
        return Err(syntax("it must start with `P`"));
    }
    let mut parts = DurationParts::default();
    let mut pos = 1;
    let mut in_time = false;
    let mut any = false;
    let mut any_time = false;
    // Order of the parts seen so far: W=1, D=2, H=3, M=4, S=5.
    let mut last = 0u8;
    while pos < b.len() {
        if b.get(pos) == Some(&b'T') {
            if in_time {
                return Err(syntax("`T` appears twice"));
            }
            in_time = true;
            pos += 1;
            continue;
        }
        let start = pos;
        while b.get(pos).is_some_and(u8::is_ascii_digit) {
            pos += 1;
        }
        if pos == start {
            let found = s.get(pos..).and_then(|r| r.chars().next()).unwrap_or(' ');
            return Err(syntax(&format!(
                "expected a number at offset {}, found `{}`",
                pos + shift,
                found.escape_debug()
            )));
        }
        let number = s.get(start..pos).unwrap_or("");
        let value: u64 = number.parse().map_err(|_| {
            Error::new(
                ErrorKind::OutOfRange,
                format!(
                    "The {what} `{}` has the number `{}`, which is too large.",
                    quote(full),
                    quote(number)
                ),
            )
        })?;
        let mut nanos = 0u32;
        if b.get(pos) == Some(&b'.') {
            pos += 1;
            let fstart = pos;
            while b.get(pos).is_some_and(u8::is_ascii_digit) {
                pos += 1;
            }
            nanos = parse_fraction(s.get(fstart..pos).unwrap_or("")).map_err(&syntax)?;
            if b.get(pos) != Some(&b'S') {
                return Err(syntax("only seconds may have a fraction"));
            }
        }
        let Some(&designator) = b.get(pos) else {
            return Err(syntax(
                "the last number has no designator (`W`, `D`, `H`, `M` or `S`)",
            ));
        };
        pos += 1;
        let (rank, slot) = match (designator, in_time) {
            (b'W', false) => (1, &mut parts.weeks),
            (b'D', false) => (2, &mut parts.days),
            (b'H', true) => (3, &mut parts.hours),
            (b'M', true) => (4, &mut parts.minutes),
            (b'S', true) => (5, &mut parts.seconds),
            (b'H' | b'M' | b'S', false) => {
                return Err(syntax("hours, minutes and seconds must follow `T`"));
            }
            (b'W' | b'D', true) => return Err(syntax("weeks and days must come before `T`")),
            (other, _) => {
                return Err(syntax(&format!(
                    "`{}` is not a designator",
                    char::from(other).escape_debug()
                )));
            }
        };
        if rank <= last {
            return Err(syntax("its parts are out of order or repeated"));
        }
        if rank == 5 && last == 3 {
            return Err(syntax("seconds cannot follow hours without minutes"));
        }
        *slot = Some(value);
        last = rank;
        any = true;
        if in_time {
            any_time = true;
        }
        if rank == 5 {
            parts.nanoseconds = nanos;
        }
    }
    if !any {
        return Err(syntax("it has no parts"));
    }
    if in_time && !any_time {
        return Err(syntax("`T` must be followed by hours, minutes or seconds"));
    }
    Ok(parts)
}

impl FromStr for Duration {
    type Err = Error;
    fn from_str(s: &str) -> Result<Duration, Error> {
        let parts = parse_duration(s, s, 0, "Duration")?;
        Ok(Duration {
            text: s.to_owned(),
            parts,
        })
    }
}

impl fmt::Display for Duration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl fmt::Debug for Duration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Duration({})", self.text)
    }
}

text_serde!(Duration, "an RFC 8984 Duration string");

/// The sign written in front of a [`SignedDuration`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Sign {
    /// No sign: at or after the associated time.
    #[default]
    None,
    /// `+`: at or after the associated time.
    Plus,
    /// `-`: at or before the associated time.
    Minus,
}

/// A SignedDuration (RFC 8984 §1.4.7): a [`Duration`] with an optional `+`
/// or `-` in front. The sign is kept as written (`+PT5M` and `PT5M` mean the
/// same but are written back as read).
///
/// ```
/// use kalends_jscalendar::SignedDuration;
/// let d: SignedDuration = "-PT15M".parse()?;
/// assert!(d.is_negative());
/// assert_eq!(d.duration().parts().minutes, Some(15));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct SignedDuration {
    sign: Sign,
    duration: Duration,
}

impl SignedDuration {
    /// A SignedDuration from its sign and magnitude.
    pub fn new(sign: Sign, duration: Duration) -> SignedDuration {
        SignedDuration { sign, duration }
    }

    /// The sign as written.
    pub fn sign(&self) -> Sign {
        self.sign
    }

    /// The magnitude.
    pub fn duration(&self) -> &Duration {
        &self.duration
    }

    /// True for a `-` sign (even on a zero duration).
    pub fn is_negative(&self) -> bool {
        self.sign == Sign::Minus
    }
}

impl FromStr for SignedDuration {
    type Err = Error;
    fn from_str(s: &str) -> Result<SignedDuration, Error> {
        let (sign, rest) = if let Some(r) = s.strip_prefix('-') {
            (Sign::Minus, r)
        } else if let Some(r) = s.strip_prefix('+') {
            (Sign::Plus, r)
        } else {
            (Sign::None, s)
        };
        let parts = parse_duration(rest, s, s.len() - rest.len(), "SignedDuration")?;
        Ok(SignedDuration {
            sign,
            duration: Duration {
                text: rest.to_owned(),
                parts,
            },
        })
    }
}

impl fmt::Display for SignedDuration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.sign {
            Sign::None => {}
            Sign::Plus => f.write_str("+")?,
            Sign::Minus => f.write_str("-")?,
        }
        f.write_str(&self.duration.text)
    }
}

impl fmt::Debug for SignedDuration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SignedDuration({self})")
    }
}

text_serde!(SignedDuration, "an RFC 8984 SignedDuration string");

// ---------------------------------------------------------------------------
// TimeZoneId

/// A TimeZoneId (RFC 8984 §1.4.8): an IANA time zone name or the id of a
/// custom time zone of the object's `timeZones` (§4.7.2).
///
/// Syntax checked here (whether an IANA name exists needs a time-zone
/// database and is not checked):
/// - a custom id starts with `/` and is a `paramtext` of RFC 5545 §3.1 (no
///   control characters, `"`, `,`, `:` or `;`);
/// - any other id is a time zone database name: parts separated by `/`, each
///   part non-empty, not `.` or `..`, made of ASCII letters, digits, `.`, `_`,
///   `-` and `+` (the rules of the tz database's Theory file).
///
/// ```
/// use kalends_jscalendar::TimeZoneId;
/// assert!(!"America/New_York".parse::<TimeZoneId>()?.is_custom());
/// assert!("/Custom Zone 1".parse::<TimeZoneId>()?.is_custom());
/// assert!("W. Europe Standard Time".parse::<TimeZoneId>().is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TimeZoneId(String);

impl TimeZoneId {
    /// Checks `s` and wraps it.
    pub fn new(s: impl Into<String>) -> Result<TimeZoneId, Error> {
        let s = s.into();
        check_time_zone_id(&s)?;
        Ok(TimeZoneId(s))
    }

    /// The id as a string.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The id as an owned string.
    pub fn into_string(self) -> String {
        self.0
    }

    /// True for the id of a custom time zone (it starts with `/`).
    pub fn is_custom(&self) -> bool {
        self.0.starts_with('/')
    }
}

/// True for a `paramtext` character of RFC 5545 §3.1 (SAFE-CHAR).
pub(crate) fn is_safe_char(c: char) -> bool {
    !(matches!(c, '"' | ',' | ':' | ';') || (c.is_ascii_control() && c != '\t'))
}

pub(crate) fn check_time_zone_id(s: &str) -> Result<(), Error> {
    let bad = |detail: String| {
        Err(Error::new(
            ErrorKind::InvalidValue,
            format!(
                "`{}` is not a TimeZoneId (RFC 8984 §1.4.8): {detail}.",
                quote(s)
            ),
        ))
    };
    if s.is_empty() {
        return bad("it is empty".to_owned());
    }
    if s.starts_with('/') {
        if let Some(c) = s.chars().find(|c| !is_safe_char(*c)) {
            return bad(format!(
                "a custom time zone id is an RFC 5545 paramtext, which excludes `{}`",
                c.escape_debug()
            ));
        }
        return Ok(());
    }
    for part in s.split('/') {
        if part.is_empty() {
            return bad("a time zone name has no empty parts between `/`".to_owned());
        }
        if part == "." || part == ".." {
            return bad(format!("a time zone name has no part `{part}`"));
        }
        if let Some(c) = part
            .chars()
            .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-' | '+')))
        {
            return bad(format!(
                "a time zone name has only ASCII letters, digits, `.`, `_`, `-` and `+` between its `/`, \
                 found `{}` (a custom time zone id starts with `/`)",
                c.escape_debug()
            ));
        }
    }
    Ok(())
}

impl FromStr for TimeZoneId {
    type Err = Error;
    fn from_str(s: &str) -> Result<TimeZoneId, Error> {
        TimeZoneId::new(s)
    }
}

impl TryFrom<&str> for TimeZoneId {
    type Error = Error;
    fn try_from(s: &str) -> Result<TimeZoneId, Error> {
        TimeZoneId::new(s)
    }
}

impl fmt::Display for TimeZoneId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl AsRef<str> for TimeZoneId {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl Borrow<str> for TimeZoneId {
    fn borrow(&self) -> &str {
        &self.0
    }
}

text_serde!(TimeZoneId, "an RFC 8984 TimeZoneId string");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_round_trip() {
        for days in [-719_528, -1, 0, 1, 10_957, 2_932_896] {
            let (y, m, d) = civil_from_days(days).unwrap();
            assert_eq!(days_from_civil(y, m, d), days);
        }
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
        assert!(civil_from_days(2_932_897).is_none());
    }

    #[test]
    fn fraction() {
        assert_eq!(parse_fraction("003"), Ok(3_000_000));
        assert_eq!(parse_fraction("123456789"), Ok(123_456_789));
        assert!(parse_fraction("1234567891").is_err());
        assert!(parse_fraction("10").is_err());
        assert!(parse_fraction("0").is_err());
    }
}
