//! DATE, TIME, DATE-TIME and UTC-OFFSET values (RFC 5545 §3.3.4, §3.3.5, §3.3.12, §3.3.14).
//!
//! The fixed-width forms are parsed byte by byte without allocating: they
//! are on the hot path of every DTSTART, RDATE and EXDATE. The letters `T`
//! and `Z` are accepted in either case, because ABNF literals are
//! case-insensitive (RFC 5234 §2.3); they are always written in upper case.

use std::fmt;
use std::str::FromStr;

use super::recur::Weekday;
use super::{invalid, out_of_range, quote};
use crate::Error;

/// A calendar date in the proleptic Gregorian calendar (RFC 5545 §3.3.4).
///
/// Always valid: the constructor checks the day against the month's length.
/// Years run from 0 to 9999, the range the four-digit grammar can spell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "DateFields"))]
pub struct Date {
    pub(crate) year: i16,
    pub(crate) month: u8,
    pub(crate) day: u8,
}

/// A time of day (RFC 5545 §3.3.12).
///
/// `second` may be 60 to represent a positive leap second, which the grammar
/// allows; conversions to types without leap seconds clamp it to 59.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "TimeFields"))]
pub struct Time {
    pub(crate) hour: u8,
    pub(crate) minute: u8,
    pub(crate) second: u8,
}

/// How a DATE-TIME relates to real time (RFC 5545 §3.3.5).
///
/// The third form of the RFC, local time with a time zone reference, is a
/// floating value plus the property's `TZID` parameter: the value itself
/// carries no zone, so it is [`TimeForm::Floating`] here and the zone is
/// resolved by whoever reads the parameter (see `kalends-rrule`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum TimeForm {
    /// Local ("floating") time, or local time to be read in the zone named by `TZID`.
    Floating,
    /// UTC, written with a trailing `Z`.
    Utc,
}

/// A TIME value: a time of day, floating or UTC (RFC 5545 §3.3.12).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct TimeValue {
    /// The time of day.
    pub time: Time,
    /// Floating or UTC.
    pub form: TimeForm,
}

/// A DATE-TIME value (RFC 5545 §3.3.5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct DateTime {
    /// The date part.
    pub date: Date,
    /// The time part.
    pub time: Time,
    /// Floating (possibly with a `TZID` on the property) or UTC.
    pub form: TimeForm,
}

/// A value that is either a DATE or a DATE-TIME, as DTSTART, DTEND, DUE,
/// RECURRENCE-ID, EXDATE, RDATE and UNTIL allow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum DateOrDateTime {
    /// An all-day DATE value.
    Date(Date),
    /// A DATE-TIME value.
    DateTime(DateTime),
}

/// A UTC-OFFSET value (RFC 5545 §3.3.14), in seconds east of UTC.
///
/// `-0000` is not allowed by the RFC and is rejected by the parser.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "UtcOffsetFields"))]
pub struct UtcOffset {
    pub(crate) seconds: i32,
}

// ---------------------------------------------------------------------------
// Calendar arithmetic helpers.

/// True when `year` is a leap year of the proleptic Gregorian calendar
/// (divisible by 4, except centuries not divisible by 400). Year 0 is a leap year.
pub const fn is_leap_year(year: i32) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

/// The number of days of `month` (1–12) in `year` of the proleptic Gregorian
/// calendar: 28 to 31. Returns 0 for a month outside 1–12.
pub const fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// The number of days of `year` in the proleptic Gregorian calendar: 365 or 366.
pub const fn days_in_year(year: i32) -> u16 {
    if is_leap_year(year) { 366 } else { 365 }
}

/// Days from 1970-01-01 to the given valid civil date (negative before it).
const fn days_from_civil(year: i32, month: u8, day: u8) -> i32 {
    // Shift the year to start in March so that the leap day is the last day.
    let y = if month <= 2 { year - 1 } else { year };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let year_of_era = y - era * 400; // 0..=399
    let m = month as i32;
    let month_from_march = if m > 2 { m - 3 } else { m + 9 }; // 0..=11
    let day_of_year = (153 * month_from_march + 2) / 5 + day as i32 - 1; // 0..=365
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The civil date of a day number from [`days_from_civil`].
const fn civil_from_days(days: i32) -> (i32, u8, u8) {
    let z = days + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let day_of_era = z - era * 146_097; // 0..=146096
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_from_march = (5 * day_of_year + 2) / 153;
    let day = (day_of_year - (153 * month_from_march + 2) / 5 + 1) as u8;
    let month = if month_from_march < 10 {
        month_from_march + 3
    } else {
        month_from_march - 9
    };
    let year = year_of_era + era * 400 + if month <= 2 { 1 } else { 0 };
    (year, month as u8, day)
}

// ---------------------------------------------------------------------------
// Byte-level helpers for the fixed-width forms.

#[inline]
fn digit(b: Option<&u8>) -> Option<u8> {
    let d = b?.wrapping_sub(b'0');
    if d < 10 { Some(d) } else { None }
}

#[inline]
fn two_digits(bytes: &[u8], at: usize) -> Option<u8> {
    let hi = digit(bytes.get(at))?;
    let lo = digit(bytes.get(at.checked_add(1)?))?;
    Some(hi * 10 + lo)
}

#[inline]
fn four_digits(bytes: &[u8], at: usize) -> Option<u16> {
    let hi = two_digits(bytes, at)?;
    let lo = two_digits(bytes, at.checked_add(2)?)?;
    Some(u16::from(hi) * 100 + u16::from(lo))
}

#[inline]
const fn ascii2(v: u8) -> [u8; 2] {
    [b'0' + (v / 10) % 10, b'0' + v % 10]
}

#[inline]
const fn ascii4(v: u16) -> [u8; 4] {
    let hi = ascii2((v / 100 % 100) as u8);
    let lo = ascii2((v % 100) as u8);
    [hi[0], hi[1], lo[0], lo[1]]
}

/// Writes ASCII bytes produced by this module.
fn write_ascii(f: &mut fmt::Formatter<'_>, bytes: &[u8]) -> fmt::Result {
    f.write_str(std::str::from_utf8(bytes).map_err(|_| fmt::Error)?)
}

fn push_ascii(out: &mut String, bytes: &[u8]) {
    out.extend(bytes.iter().map(|&b| char::from(b)));
}

/// Splits the eight bytes of a DATE into year, month and day, without range checks.
#[inline]
fn date_fields(bytes: &[u8]) -> Option<(u16, u8, u8)> {
    Some((
        four_digits(bytes, 0)?,
        two_digits(bytes, 4)?,
        two_digits(bytes, 6)?,
    ))
}

/// Splits the six bytes of a TIME (from `at`) into hour, minute and second.
#[inline]
fn time_fields(bytes: &[u8], at: usize) -> Option<(u8, u8, u8)> {
    Some((
        two_digits(bytes, at)?,
        two_digits(bytes, at.checked_add(2)?)?,
        two_digits(bytes, at.checked_add(4)?)?,
    ))
}

/// Range-checks date fields parsed from `input` (quoted in the error).
fn checked_date(year: u16, month: u8, day: u8, input: &str) -> Result<Date, Error> {
    if !(1..=12).contains(&month) {
        return Err(out_of_range(format!(
            "the month in {} is {month:02}, but months run from 01 to 12 (RFC 5545 §3.3.4).",
            quote(input)
        )));
    }
    let year = i16::try_from(year).unwrap_or(i16::MAX);
    let last = days_in_month(i32::from(year), month);
    if day == 0 || day > last {
        return Err(out_of_range(format!(
            "the day in {} is {day:02}, but month {month:02} of {year:04} has {last} days \
             (RFC 5545 §3.3.4).",
            quote(input)
        )));
    }
    Ok(Date { year, month, day })
}

/// Range-checks time fields parsed from `input` (quoted in the error).
fn checked_time(hour: u8, minute: u8, second: u8, input: &str) -> Result<Time, Error> {
    let (what, value, max) = if hour > 23 {
        ("hour", hour, 23)
    } else if minute > 59 {
        ("minute", minute, 59)
    } else if second > 60 {
        ("second", second, 60)
    } else {
        return Ok(Time {
            hour,
            minute,
            second,
        });
    };
    Err(out_of_range(format!(
        "the {what} in {} is {value:02}, but it runs from 00 to {max} (RFC 5545 §3.3.12).",
        quote(input)
    )))
}

// ---------------------------------------------------------------------------
// Date

impl Date {
    /// The first date the four-digit grammar can spell: 0000-01-01.
    pub const MIN: Date = Date {
        year: 0,
        month: 1,
        day: 1,
    };
    /// The last date the four-digit grammar can spell: 9999-12-31.
    pub const MAX: Date = Date {
        year: 9999,
        month: 12,
        day: 31,
    };

    /// A date, checked: `year` 0–9999, `month` 1–12, `day` within the month.
    ///
    /// Fails with [`crate::ErrorKind::OutOfRange`] otherwise.
    ///
    /// ```
    /// use kalends_ical_core::value::Date;
    /// assert!(Date::new(2024, 2, 29).is_ok());
    /// assert!(Date::new(2023, 2, 29).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(year: i16, month: u8, day: u8) -> Result<Date, Error> {
        if !(0..=9999).contains(&year) {
            return Err(out_of_range(format!(
                "the year {year} is out of range: a DATE spells years 0000 to 9999 \
                 (RFC 5545 §3.3.4)."
            )));
        }
        let last = days_in_month(i32::from(year), month);
        if last == 0 {
            return Err(out_of_range(format!(
                "the month {month} is out of range: months run from 1 to 12 (RFC 5545 §3.3.4)."
            )));
        }
        if day == 0 || day > last {
            return Err(out_of_range(format!(
                "the day {day} is out of range: month {month} of {year:04} has {last} days \
                 (RFC 5545 §3.3.4)."
            )));
        }
        Ok(Date { year, month, day })
    }

    /// Parses a DATE value, `YYYYMMDD` (RFC 5545 §3.3.4).
    ///
    /// ```
    /// use kalends_ical_core::value::Date;
    /// let d = Date::parse("19970714")?;
    /// assert_eq!((d.year(), d.month(), d.day()), (1997, 7, 14));
    /// assert_eq!(d.to_string(), "19970714");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn parse(s: &str) -> Result<Date, Error> {
        let bytes = s.as_bytes();
        match (bytes.len(), date_fields(bytes)) {
            (8, Some((y, m, d))) => checked_date(y, m, d, s),
            _ => Err(invalid(format!(
                "expected a DATE in the form YYYYMMDD (RFC 5545 §3.3.4), found {}.",
                quote(s)
            ))),
        }
    }

    /// The year, 0–9999.
    pub const fn year(self) -> i16 {
        self.year
    }

    /// The month, 1–12.
    pub const fn month(self) -> u8 {
        self.month
    }

    /// The day of the month, 1–31.
    pub const fn day(self) -> u8 {
        self.day
    }

    /// True when the date's year is a leap year.
    pub const fn is_leap_year(self) -> bool {
        is_leap_year(self.year as i32)
    }

    /// The number of days in the date's month.
    pub const fn days_in_month(self) -> u8 {
        days_in_month(self.year as i32, self.month)
    }

    /// The number of days in the date's year.
    pub const fn days_in_year(self) -> u16 {
        days_in_year(self.year as i32)
    }

    /// The day of the year, 1–366.
    pub const fn day_of_year(self) -> u16 {
        let first = days_from_civil(self.year as i32, 1, 1);
        (days_from_civil(self.year as i32, self.month, self.day) - first + 1) as u16
    }

    /// The day of the week.
    ///
    /// ```
    /// use kalends_ical_core::value::{Date, Weekday};
    /// assert_eq!(Date::new(1997, 9, 2)?.weekday(), Weekday::Tuesday);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub const fn weekday(self) -> Weekday {
        // 1970-01-01 was a Thursday (index 3 counting from Monday = 0).
        let index = (self.unix_days() + 3).rem_euclid(7);
        Weekday::from_monday_index(index as u8)
    }

    /// Days since 1970-01-01 (negative before it).
    pub const fn unix_days(self) -> i32 {
        days_from_civil(self.year as i32, self.month, self.day)
    }

    /// The date `days` days after 1970-01-01 (before it when negative).
    ///
    /// Fails with [`crate::ErrorKind::OutOfRange`] outside 0000-01-01 to 9999-12-31.
    pub fn from_unix_days(days: i32) -> Result<Date, Error> {
        if days < Date::MIN.unix_days() || days > Date::MAX.unix_days() {
            return Err(out_of_range(format!(
                "the day number {days} is outside the years 0000 to 9999 that a DATE can spell."
            )));
        }
        let (year, month, day) = civil_from_days(days);
        Ok(Date {
            year: year as i16,
            month,
            day,
        })
    }

    /// The date `days` days later (earlier when negative), or `None` when the
    /// result would leave the years 0000 to 9999.
    pub fn checked_add_days(self, days: i32) -> Option<Date> {
        Date::from_unix_days(self.unix_days().checked_add(days)?).ok()
    }

    /// This date at `time`, as a floating DATE-TIME.
    pub const fn at(self, time: Time) -> DateTime {
        DateTime {
            date: self,
            time,
            form: TimeForm::Floating,
        }
    }

    fn ascii(self) -> [u8; 8] {
        let [y0, y1, y2, y3] = ascii4(self.year.unsigned_abs());
        let [m0, m1] = ascii2(self.month);
        let [d0, d1] = ascii2(self.day);
        [y0, y1, y2, y3, m0, m1, d0, d1]
    }

    /// Appends the DATE text (`YYYYMMDD`) to `out`.
    pub fn write_to(&self, out: &mut String) {
        push_ascii(out, &self.ascii());
    }
}

impl fmt::Display for Date {
    /// Writes `YYYYMMDD`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_ascii(f, &self.ascii())
    }
}

impl FromStr for Date {
    type Err = Error;
    fn from_str(s: &str) -> Result<Date, Error> {
        Date::parse(s)
    }
}

// ---------------------------------------------------------------------------
// Time

impl Time {
    /// 00:00:00.
    pub const MIDNIGHT: Time = Time {
        hour: 0,
        minute: 0,
        second: 0,
    };

    /// A time of day, checked: `hour` 0–23, `minute` 0–59, `second` 0–60
    /// (60 is a positive leap second, RFC 5545 §3.3.12).
    ///
    /// Fails with [`crate::ErrorKind::OutOfRange`] otherwise.
    pub fn new(hour: u8, minute: u8, second: u8) -> Result<Time, Error> {
        checked_time(hour, minute, second, "").map_err(|_| {
            out_of_range(format!(
                "the time {hour:02}:{minute:02}:{second:02} is out of range: hours run from 0 \
                 to 23, minutes from 0 to 59, seconds from 0 to 60 (RFC 5545 §3.3.12)."
            ))
        })
    }

    /// Parses the six digits `HHMMSS` of a TIME without the UTC designator
    /// (RFC 5545 §3.3.12). Use [`TimeValue::parse`] for the full TIME value.
    pub fn parse(s: &str) -> Result<Time, Error> {
        let bytes = s.as_bytes();
        match (bytes.len(), time_fields(bytes, 0)) {
            (6, Some((h, m, sec))) => checked_time(h, m, sec, s),
            _ => Err(invalid(format!(
                "expected a time of day in the form HHMMSS (RFC 5545 §3.3.12), found {}.",
                quote(s)
            ))),
        }
    }

    /// The hour, 0–23.
    pub const fn hour(self) -> u8 {
        self.hour
    }

    /// The minute, 0–59.
    pub const fn minute(self) -> u8 {
        self.minute
    }

    /// The second, 0–60 (60 only for a leap second).
    pub const fn second(self) -> u8 {
        self.second
    }

    /// True for a leap second (second 60).
    pub const fn is_leap_second(self) -> bool {
        self.second == 60
    }

    /// Seconds since midnight: 0–86399, or up to 86400 for a leap second.
    pub const fn seconds_from_midnight(self) -> u32 {
        self.hour as u32 * 3600 + self.minute as u32 * 60 + self.second as u32
    }

    /// The same time with a leap second (60) replaced by 59, for types that
    /// have no leap seconds (RFC 5545 §3.3.5: implementations without leap
    /// seconds interpret 60 as 59).
    pub const fn clamp_leap_second(self) -> Time {
        if self.second == 60 {
            Time { second: 59, ..self }
        } else {
            self
        }
    }

    fn ascii(self) -> [u8; 6] {
        let [h0, h1] = ascii2(self.hour);
        let [m0, m1] = ascii2(self.minute);
        let [s0, s1] = ascii2(self.second);
        [h0, h1, m0, m1, s0, s1]
    }

    /// Appends `HHMMSS` to `out`.
    pub fn write_to(&self, out: &mut String) {
        push_ascii(out, &self.ascii());
    }
}

impl fmt::Display for Time {
    /// Writes `HHMMSS`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_ascii(f, &self.ascii())
    }
}

impl FromStr for Time {
    type Err = Error;
    fn from_str(s: &str) -> Result<Time, Error> {
        Time::parse(s)
    }
}

// ---------------------------------------------------------------------------
// TimeValue

impl TimeValue {
    /// A floating TIME.
    pub const fn floating(time: Time) -> TimeValue {
        TimeValue {
            time,
            form: TimeForm::Floating,
        }
    }

    /// A UTC TIME.
    pub const fn utc(time: Time) -> TimeValue {
        TimeValue {
            time,
            form: TimeForm::Utc,
        }
    }

    /// Parses a TIME value, `HHMMSS` or `HHMMSSZ` (RFC 5545 §3.3.12).
    ///
    /// ```
    /// use kalends_ical_core::value::{TimeForm, TimeValue};
    /// let t = TimeValue::parse("133000Z")?;
    /// assert_eq!((t.time.hour(), t.form), (13, TimeForm::Utc));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn parse(s: &str) -> Result<TimeValue, Error> {
        let bytes = s.as_bytes();
        let form = match (bytes.len(), bytes.get(6)) {
            (6, None) => TimeForm::Floating,
            (7, Some(b'Z' | b'z')) => TimeForm::Utc,
            _ => {
                return Err(invalid(format!(
                    "expected a TIME in the form HHMMSS or HHMMSSZ (RFC 5545 §3.3.12), found {}.",
                    quote(s)
                )));
            }
        };
        match time_fields(bytes, 0) {
            Some((h, m, sec)) => Ok(TimeValue {
                time: checked_time(h, m, sec, s)?,
                form,
            }),
            None => Err(invalid(format!(
                "expected a TIME in the form HHMMSS or HHMMSSZ (RFC 5545 §3.3.12), found {}.",
                quote(s)
            ))),
        }
    }

    /// True for the UTC form.
    pub const fn is_utc(&self) -> bool {
        matches!(self.form, TimeForm::Utc)
    }

    /// Appends the TIME text to `out`.
    pub fn write_to(&self, out: &mut String) {
        self.time.write_to(out);
        if self.is_utc() {
            out.push('Z');
        }
    }
}

impl fmt::Display for TimeValue {
    /// Writes `HHMMSS` or `HHMMSSZ`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_ascii(f, &self.time.ascii())?;
        if self.is_utc() {
            f.write_str("Z")
        } else {
            Ok(())
        }
    }
}

impl FromStr for TimeValue {
    type Err = Error;
    fn from_str(s: &str) -> Result<TimeValue, Error> {
        TimeValue::parse(s)
    }
}

// ---------------------------------------------------------------------------
// DateTime

impl DateTime {
    /// A DATE-TIME of the given form.
    pub const fn new(date: Date, time: Time, form: TimeForm) -> DateTime {
        DateTime { date, time, form }
    }

    /// A floating DATE-TIME (local time, or local time in a `TZID` zone).
    pub const fn floating(date: Date, time: Time) -> DateTime {
        DateTime {
            date,
            time,
            form: TimeForm::Floating,
        }
    }

    /// A UTC DATE-TIME.
    pub const fn utc(date: Date, time: Time) -> DateTime {
        DateTime {
            date,
            time,
            form: TimeForm::Utc,
        }
    }

    /// Parses a DATE-TIME value, `YYYYMMDDTHHMMSS` (floating) or
    /// `YYYYMMDDTHHMMSSZ` (UTC) (RFC 5545 §3.3.5).
    ///
    /// A UTC offset such as `19980119T230000-0800` is rejected, as the RFC
    /// requires.
    ///
    /// The letters `T` and `Z` are accepted in either case, because ABNF
    /// literals are case-insensitive (RFC 5234 §2.3); they are always
    /// written in upper case.
    ///
    /// ```
    /// use kalends_ical_core::value::DateTime;
    /// let dt = DateTime::parse("19970714T173000Z")?;
    /// assert!(dt.is_utc());
    /// assert_eq!(dt.time.hour(), 17);
    /// assert_eq!(dt.to_string(), "19970714T173000Z");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn parse(s: &str) -> Result<DateTime, Error> {
        let bytes = s.as_bytes();
        let form = match (bytes.len(), bytes.get(15)) {
            (15, None) => Some(TimeForm::Floating),
            (16, Some(b'Z' | b'z')) => Some(TimeForm::Utc),
            _ => None,
        };
        let fields = match (form, bytes.get(8)) {
            (Some(form), Some(b'T' | b't')) => date_fields(bytes)
                .zip(time_fields(bytes, 9))
                .map(|f| (f, form)),
            _ => None,
        };
        let Some((((y, mo, d), (h, mi, sec)), form)) = fields else {
            return Err(datetime_shape_error(s));
        };
        Ok(DateTime {
            date: checked_date(y, mo, d, s)?,
            time: checked_time(h, mi, sec, s)?,
            form,
        })
    }

    /// True for the UTC form.
    pub const fn is_utc(&self) -> bool {
        matches!(self.form, TimeForm::Utc)
    }

    /// True for the floating form (which includes local time with a `TZID`).
    pub const fn is_floating(&self) -> bool {
        matches!(self.form, TimeForm::Floating)
    }

    fn ascii(&self) -> ([u8; 16], usize) {
        let [y0, y1, y2, y3, m0, m1, d0, d1] = self.date.ascii();
        let [h0, h1, i0, i1, s0, s1] = self.time.ascii();
        let (z, len) = if self.is_utc() {
            (b'Z', 16)
        } else {
            (b' ', 15)
        };
        (
            [
                y0, y1, y2, y3, m0, m1, d0, d1, b'T', h0, h1, i0, i1, s0, s1, z,
            ],
            len,
        )
    }

    /// Appends the DATE-TIME text to `out`.
    pub fn write_to(&self, out: &mut String) {
        let (bytes, len) = self.ascii();
        push_ascii(out, bytes.get(..len).unwrap_or(&bytes));
    }
}

fn datetime_shape_error(s: &str) -> Error {
    let bytes = s.as_bytes();
    if bytes.len() > 15 && matches!(bytes.get(15), Some(b'+' | b'-')) {
        invalid(format!(
            "a DATE-TIME cannot carry a UTC offset (RFC 5545 §3.3.5): write UTC with a trailing \
             `Z` or use a TZID parameter, found {}.",
            quote(s)
        ))
    } else {
        invalid(format!(
            "expected a DATE-TIME in the form YYYYMMDDTHHMMSS or YYYYMMDDTHHMMSSZ \
             (RFC 5545 §3.3.5), found {}.",
            quote(s)
        ))
    }
}

impl fmt::Display for DateTime {
    /// Writes `YYYYMMDDTHHMMSS`, with a trailing `Z` for UTC.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (bytes, len) = self.ascii();
        write_ascii(f, bytes.get(..len).unwrap_or(&bytes))
    }
}

impl FromStr for DateTime {
    type Err = Error;
    fn from_str(s: &str) -> Result<DateTime, Error> {
        DateTime::parse(s)
    }
}

// ---------------------------------------------------------------------------
// DateOrDateTime

impl DateOrDateTime {
    /// Parses a DATE or a DATE-TIME, told apart by shape: eight characters
    /// are a DATE, anything else is read as a DATE-TIME.
    ///
    /// ```
    /// use kalends_ical_core::value::DateOrDateTime;
    /// assert!(DateOrDateTime::parse("20240101")?.is_date());
    /// assert!(!DateOrDateTime::parse("20240101T090000")?.is_date());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn parse(s: &str) -> Result<DateOrDateTime, Error> {
        if s.len() == 8 {
            Date::parse(s).map(DateOrDateTime::Date)
        } else if s.len() == 15 || s.len() == 16 {
            DateTime::parse(s).map(DateOrDateTime::DateTime)
        } else {
            Err(invalid(format!(
                "expected a DATE (YYYYMMDD) or a DATE-TIME (YYYYMMDDTHHMMSS, optionally with a \
                 trailing `Z`) (RFC 5545 §3.3.4, §3.3.5), found {}.",
                quote(s)
            )))
        }
    }

    /// The date part.
    pub const fn date(&self) -> Date {
        match self {
            DateOrDateTime::Date(d) => *d,
            DateOrDateTime::DateTime(dt) => dt.date,
        }
    }

    /// The time part, `None` for a DATE.
    pub const fn time(&self) -> Option<Time> {
        match self {
            DateOrDateTime::Date(_) => None,
            DateOrDateTime::DateTime(dt) => Some(dt.time),
        }
    }

    /// The form of a DATE-TIME, `None` for a DATE.
    pub const fn form(&self) -> Option<TimeForm> {
        match self {
            DateOrDateTime::Date(_) => None,
            DateOrDateTime::DateTime(dt) => Some(dt.form),
        }
    }

    /// True for a DATE.
    pub const fn is_date(&self) -> bool {
        matches!(self, DateOrDateTime::Date(_))
    }

    /// True for a UTC DATE-TIME.
    pub const fn is_utc(&self) -> bool {
        matches!(
            self,
            DateOrDateTime::DateTime(DateTime {
                form: TimeForm::Utc,
                ..
            })
        )
    }

    /// A DATE-TIME as is, a DATE at midnight (floating).
    pub const fn to_date_time(&self) -> DateTime {
        match self {
            DateOrDateTime::Date(d) => d.at(Time::MIDNIGHT),
            DateOrDateTime::DateTime(dt) => *dt,
        }
    }

    /// Appends the value's text to `out`.
    pub fn write_to(&self, out: &mut String) {
        match self {
            DateOrDateTime::Date(d) => d.write_to(out),
            DateOrDateTime::DateTime(dt) => dt.write_to(out),
        }
    }
}

impl From<Date> for DateOrDateTime {
    fn from(d: Date) -> DateOrDateTime {
        DateOrDateTime::Date(d)
    }
}

impl From<DateTime> for DateOrDateTime {
    fn from(dt: DateTime) -> DateOrDateTime {
        DateOrDateTime::DateTime(dt)
    }
}

impl fmt::Display for DateOrDateTime {
    /// Writes the DATE or DATE-TIME text.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DateOrDateTime::Date(d) => d.fmt(f),
            DateOrDateTime::DateTime(dt) => dt.fmt(f),
        }
    }
}

impl FromStr for DateOrDateTime {
    type Err = Error;
    fn from_str(s: &str) -> Result<DateOrDateTime, Error> {
        DateOrDateTime::parse(s)
    }
}

// ---------------------------------------------------------------------------
// UtcOffset

/// The largest magnitude of a UTC-OFFSET: 23:59:59, the most `hhmmss` can spell.
const MAX_OFFSET_SECONDS: i32 = 23 * 3600 + 59 * 60 + 59;

impl UtcOffset {
    /// UTC itself, written `+0000`.
    pub const UTC: UtcOffset = UtcOffset { seconds: 0 };

    /// An offset of `seconds` east of UTC (negative west of it).
    ///
    /// Fails with [`crate::ErrorKind::OutOfRange`] beyond ±23:59:59, the most
    /// the grammar can spell (RFC 5545 §3.3.14).
    pub fn from_seconds(seconds: i32) -> Result<UtcOffset, Error> {
        if (-MAX_OFFSET_SECONDS..=MAX_OFFSET_SECONDS).contains(&seconds) {
            Ok(UtcOffset { seconds })
        } else {
            Err(out_of_range(format!(
                "the UTC offset of {seconds} seconds is out of range: a UTC-OFFSET runs from \
                 -23:59:59 to +23:59:59 (RFC 5545 §3.3.14)."
            )))
        }
    }

    /// An offset from hours, minutes and seconds, all with the same sign.
    ///
    /// Fails with [`crate::ErrorKind::OutOfRange`] when a part is out of
    /// range (minutes and seconds 0–59 in magnitude) or the signs differ.
    pub fn from_hms(hours: i8, minutes: i8, seconds: i8) -> Result<UtcOffset, Error> {
        let signs_agree = (hours >= 0 && minutes >= 0 && seconds >= 0)
            || (hours <= 0 && minutes <= 0 && seconds <= 0);
        if !signs_agree || minutes.unsigned_abs() > 59 || seconds.unsigned_abs() > 59 {
            return Err(out_of_range(format!(
                "the UTC offset {hours}h {minutes}m {seconds}s is out of range: minutes and \
                 seconds run from 0 to 59 and all parts share one sign (RFC 5545 §3.3.14)."
            )));
        }
        UtcOffset::from_seconds(
            i32::from(hours) * 3600 + i32::from(minutes) * 60 + i32::from(seconds),
        )
    }

    /// Parses a UTC-OFFSET value, `+hhmm`, `-hhmm`, `+hhmmss` or `-hhmmss`
    /// (RFC 5545 §3.3.14). `-0000` and `-000000` are rejected, as are
    /// seconds of 60.
    ///
    /// ```
    /// use kalends_ical_core::value::UtcOffset;
    /// assert_eq!(UtcOffset::parse("-0500")?.seconds(), -5 * 3600);
    /// assert_eq!(UtcOffset::parse("+0100")?.to_string(), "+0100");
    /// assert!(UtcOffset::parse("-0000").is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn parse(s: &str) -> Result<UtcOffset, Error> {
        let bytes = s.as_bytes();
        let negative = match bytes.first() {
            Some(b'+') => false,
            Some(b'-') => true,
            _ => return Err(offset_shape_error(s)),
        };
        let (h, m, sec) = match bytes.len() {
            5 => two_digits(bytes, 1)
                .zip(two_digits(bytes, 3))
                .map(|(h, m)| (h, m, 0)),
            7 => time_fields(bytes, 1),
            _ => None,
        }
        .ok_or_else(|| offset_shape_error(s))?;
        if h > 23 || m > 59 || sec > 59 {
            return Err(out_of_range(format!(
                "the UTC offset {} is out of range: hours run from 00 to 23, minutes and seconds \
                 from 00 to 59 (RFC 5545 §3.3.14).",
                quote(s)
            )));
        }
        let magnitude = i32::from(h) * 3600 + i32::from(m) * 60 + i32::from(sec);
        if negative && magnitude == 0 {
            return Err(invalid(format!(
                "the UTC offset {} is not allowed: write a zero offset as `+0000` \
                 (RFC 5545 §3.3.14).",
                quote(s)
            )));
        }
        Ok(UtcOffset {
            seconds: if negative { -magnitude } else { magnitude },
        })
    }

    /// Seconds east of UTC (negative west of it).
    pub const fn seconds(self) -> i32 {
        self.seconds
    }

    /// True for a zero offset.
    pub const fn is_utc(self) -> bool {
        self.seconds == 0
    }

    fn ascii(self) -> ([u8; 7], usize) {
        let sign = if self.seconds < 0 { b'-' } else { b'+' };
        let magnitude = self.seconds.unsigned_abs();
        let h = (magnitude / 3600).min(99) as u8;
        let m = (magnitude / 60 % 60) as u8;
        let s = (magnitude % 60) as u8;
        let [h0, h1] = ascii2(h);
        let [m0, m1] = ascii2(m);
        let [s0, s1] = ascii2(s);
        ([sign, h0, h1, m0, m1, s0, s1], if s == 0 { 5 } else { 7 })
    }

    /// Appends the UTC-OFFSET text to `out`.
    pub fn write_to(&self, out: &mut String) {
        let (bytes, len) = self.ascii();
        push_ascii(out, bytes.get(..len).unwrap_or(&bytes));
    }
}

fn offset_shape_error(s: &str) -> Error {
    invalid(format!(
        "expected a UTC-OFFSET in the form +hhmm, -hhmm, +hhmmss or -hhmmss (RFC 5545 §3.3.14), \
         found {}.",
        quote(s)
    ))
}

impl fmt::Display for UtcOffset {
    /// Writes `±hhmm`, or `±hhmmss` when the seconds are not zero; a zero
    /// offset is `+0000`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (bytes, len) = self.ascii();
        write_ascii(f, bytes.get(..len).unwrap_or(&bytes))
    }
}

impl FromStr for UtcOffset {
    type Err = Error;
    fn from_str(s: &str) -> Result<UtcOffset, Error> {
        UtcOffset::parse(s)
    }
}

// ---------------------------------------------------------------------------
// serde: deserialise through the checked constructors, so that the
// invariants hold for deserialised values too.

#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
struct DateFields {
    year: i16,
    month: u8,
    day: u8,
}

#[cfg(feature = "serde")]
impl TryFrom<DateFields> for Date {
    type Error = Error;
    fn try_from(f: DateFields) -> Result<Date, Error> {
        Date::new(f.year, f.month, f.day)
    }
}

#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
struct TimeFields {
    hour: u8,
    minute: u8,
    second: u8,
}

#[cfg(feature = "serde")]
impl TryFrom<TimeFields> for Time {
    type Error = Error;
    fn try_from(f: TimeFields) -> Result<Time, Error> {
        Time::new(f.hour, f.minute, f.second)
    }
}

#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
struct UtcOffsetFields {
    seconds: i32,
}

#[cfg(feature = "serde")]
impl TryFrom<UtcOffsetFields> for UtcOffset {
    type Error = Error;
    fn try_from(f: UtcOffsetFields) -> Result<UtcOffset, Error> {
        UtcOffset::from_seconds(f.seconds)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_numbers_round_trip_over_the_whole_range() {
        let mut days = Date::MIN.unix_days();
        let mut expected = Date::MIN;
        while days <= Date::MAX.unix_days() {
            let d = Date::from_unix_days(days).unwrap();
            assert_eq!(d, expected);
            assert_eq!(d.unix_days(), days);
            days += 1;
            expected = if expected.day < expected.days_in_month() {
                Date {
                    day: expected.day + 1,
                    ..expected
                }
            } else if expected.month < 12 {
                Date {
                    month: expected.month + 1,
                    day: 1,
                    ..expected
                }
            } else {
                Date {
                    year: expected.year + 1,
                    month: 1,
                    day: 1,
                }
            };
        }
        assert_eq!(Date::new(1970, 1, 1).unwrap().unix_days(), 0);
        assert_eq!(Date::new(2000, 3, 1).unwrap().unix_days(), 11_017);
    }

    #[test]
    fn day_of_year_and_weekday() {
        assert_eq!(Date::new(2024, 12, 31).unwrap().day_of_year(), 366);
        assert_eq!(Date::new(2023, 3, 1).unwrap().day_of_year(), 60);
        assert_eq!(Date::new(0, 1, 1).unwrap().weekday(), Weekday::Saturday);
        assert_eq!(Date::new(9999, 12, 31).unwrap().weekday(), Weekday::Friday);
    }
}
