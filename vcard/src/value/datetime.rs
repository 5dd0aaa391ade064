//! vCard date and time values (RFC 6350 §4.3) with their reduced and
//! truncated forms (`1985`, `1985-04`, `--0412`, `---12`, `T1030`, `-30`),
//! in the basic format of vCard 4.0 and the extended ISO 8601 format of
//! vCard 3.0 and jCard (RFC 7095 §3.5.3–3.5.7).
//!
//! Reading accepts both formats; [`fmt::Display`] writes the basic format
//! and the `*_extended` methods the extended one. Fractions of a second
//! (RFC 2426 allows them) are read and dropped.

use std::fmt::{self, Write as _};
use std::str::FromStr;

use crate::error::{Error, ErrorKind, excerpt};

/// A UTC offset (RFC 6350 §4.7): `-0500`, `+01`, `-05:00`. The minutes are
/// optional and kept absent when the input omitted them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct UtcOffset {
    /// True for offsets west of UTC (`-`).
    pub negative: bool,
    /// Hours, 0–23.
    pub hours: u8,
    /// Minutes, 0–59, when written.
    pub minutes: Option<u8>,
}

impl UtcOffset {
    /// The offset in minutes east of UTC.
    pub fn total_minutes(self) -> i32 {
        let m = i32::from(self.hours) * 60 + i32::from(self.minutes.unwrap_or(0));
        if self.negative { -m } else { m }
    }

    /// The extended form `-05:00` (jCard, vCard 3.0); `-05` when the
    /// minutes were not written.
    pub fn to_extended(self) -> String {
        let mut s = String::with_capacity(6);
        s.push(if self.negative { '-' } else { '+' });
        let _ = write!(s, "{:02}", self.hours);
        if let Some(m) = self.minutes {
            let _ = write!(s, ":{m:02}");
        }
        s
    }
}

impl fmt::Display for UtcOffset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}{:02}",
            if self.negative { '-' } else { '+' },
            self.hours
        )?;
        if let Some(m) = self.minutes {
            write!(f, "{m:02}")?;
        }
        Ok(())
    }
}

impl FromStr for UtcOffset {
    type Err = Error;

    /// Reads `+hh`, `+hhmm` or `+hh:mm` (RFC 6350 §4.7, RFC 2426 §4).
    fn from_str(s: &str) -> Result<UtcOffset, Error> {
        let mut c = Cursor::new(s, "UTC offset");
        let z = c.offset()?;
        c.end()?;
        z.ok_or_else(|| c.error("a UTC offset starts with `+` or `-`"))
    }
}

/// A time zone designator of a time: `Z` or an offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Zone {
    /// `Z`.
    Utc,
    /// `+hh[mm]` / `-hh[mm]`.
    Offset(UtcOffset),
}

impl Zone {
    fn write(self, f: &mut impl fmt::Write, extended: bool) -> fmt::Result {
        match self {
            Zone::Utc => f.write_char('Z'),
            Zone::Offset(o) if extended => f.write_str(&o.to_extended()),
            Zone::Offset(o) => write!(f, "{o}"),
        }
    }

    /// Minutes east of UTC (0 for `Z`).
    pub fn total_minutes(self) -> i32 {
        match self {
            Zone::Utc => 0,
            Zone::Offset(o) => o.total_minutes(),
        }
    }
}

/// A date, complete or reduced or truncated (RFC 6350 §4.3.1): year, month
/// and day, each optional in the combinations `YYYYMMDD`, `YYYY-MM`,
/// `YYYY`, `--MMDD`, `--MM`, `---DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Date {
    /// The year, 0–9999.
    pub year: Option<u16>,
    /// The month, 1–12.
    pub month: Option<u8>,
    /// The day of the month, 1–31 (checked against the month when known).
    pub day: Option<u8>,
}

impl Date {
    /// A complete date, checked.
    pub fn new(year: u16, month: u8, day: u8) -> Result<Date, Error> {
        let d = Date {
            year: Some(year),
            month: Some(month),
            day: Some(day),
        };
        d.check(&format!("{year:04}{month:02}{day:02}"))?;
        Ok(d)
    }

    /// True when year, month and day are all present.
    pub fn is_complete(&self) -> bool {
        self.year.is_some() && self.month.is_some() && self.day.is_some()
    }

    /// True for the forms allowed before a `T` in a DATE-TIME
    /// (`date-noreduc`: `YYYYMMDD`, `--MMDD`, `---DD`).
    pub fn is_noreduc(&self) -> bool {
        matches!(
            (self.year, self.month, self.day),
            (Some(_), Some(_), Some(_)) | (None, Some(_), Some(_)) | (None, None, Some(_))
        )
    }

    fn check(&self, input: &str) -> Result<(), Error> {
        let valid_shape = matches!(
            (
                self.year.is_some(),
                self.month.is_some(),
                self.day.is_some()
            ),
            (true, true, true)
                | (true, true, false)
                | (true, false, false)
                | (false, true, true)
                | (false, true, false)
                | (false, false, true)
        );
        if !valid_shape {
            return Err(invalid(
                input,
                "date",
                "a year cannot be followed by a day without a month",
            ));
        }
        if let Some(m) = self.month
            && !(1..=12).contains(&m)
        {
            return Err(Error::new(
                ErrorKind::InvalidValue,
                format!(
                    "the date `{}` has the month {m}; months are 1 to 12.",
                    excerpt(input)
                ),
            ));
        }
        if let Some(d) = self.day {
            let max = match self.month {
                Some(m) => days_in_month(self.year, m),
                None => 31,
            };
            if d == 0 || d > max {
                return Err(Error::new(
                    ErrorKind::InvalidValue,
                    format!(
                        "the date `{}` has the day {d}; that month has 1 to {max} days.",
                        excerpt(input)
                    ),
                ));
            }
        }
        Ok(())
    }

    /// The extended form (`1985-04-12`, `--04-12`, `---12`).
    pub fn to_extended(&self) -> String {
        let mut s = String::new();
        let _ = self.write(&mut s, true);
        s
    }

    fn write(&self, f: &mut impl fmt::Write, extended: bool) -> fmt::Result {
        let sep = if extended { "-" } else { "" };
        match (self.year, self.month, self.day) {
            (Some(y), Some(m), Some(d)) => write!(f, "{y:04}{sep}{m:02}{sep}{d:02}"),
            (Some(y), Some(m), None) => write!(f, "{y:04}-{m:02}"),
            (Some(y), None, _) => write!(f, "{y:04}"),
            (None, Some(m), Some(d)) => write!(f, "--{m:02}{sep}{d:02}"),
            (None, Some(m), None) => write!(f, "--{m:02}"),
            (None, None, Some(d)) => write!(f, "---{d:02}"),
            (None, None, None) => Ok(()),
        }
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write(f, false)
    }
}

impl FromStr for Date {
    type Err = Error;

    fn from_str(s: &str) -> Result<Date, Error> {
        let mut c = Cursor::new(s, "date");
        let d = c.date()?;
        c.end()?;
        Ok(d)
    }
}

/// A time, complete or reduced or truncated (RFC 6350 §4.3.2): `HHMMSS`,
/// `HHMM`, `HH`, `-MMSS`, `-MM`, `--SS`, each with an optional zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Time {
    /// Hour, 0–23.
    pub hour: Option<u8>,
    /// Minute, 0–59.
    pub minute: Option<u8>,
    /// Second, 0–60 (60 for a leap second).
    pub second: Option<u8>,
    /// `Z` or a UTC offset.
    pub zone: Option<Zone>,
}

impl Time {
    /// True when the hour is present (`time-notrunc`, allowed after a date).
    pub fn is_notrunc(&self) -> bool {
        self.hour.is_some()
    }

    /// The extended form (`23:20:50Z`, `-20:50`).
    pub fn to_extended(&self) -> String {
        let mut s = String::new();
        let _ = self.write(&mut s, true);
        s
    }

    fn write(&self, f: &mut impl fmt::Write, extended: bool) -> fmt::Result {
        let sep = if extended { ":" } else { "" };
        match (self.hour, self.minute, self.second) {
            (Some(h), Some(m), Some(s)) => write!(f, "{h:02}{sep}{m:02}{sep}{s:02}")?,
            (Some(h), Some(m), None) => write!(f, "{h:02}{sep}{m:02}")?,
            (Some(h), None, _) => write!(f, "{h:02}")?,
            (None, Some(m), Some(s)) => write!(f, "-{m:02}{sep}{s:02}")?,
            (None, Some(m), None) => write!(f, "-{m:02}")?,
            (None, None, Some(s)) => write!(f, "--{s:02}")?,
            (None, None, None) => {}
        }
        if let Some(z) = self.zone {
            z.write(f, extended)?;
        }
        Ok(())
    }
}

impl fmt::Display for Time {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write(f, false)
    }
}

impl FromStr for Time {
    type Err = Error;

    fn from_str(s: &str) -> Result<Time, Error> {
        let mut c = Cursor::new(s, "time");
        let t = c.time()?;
        c.end()?;
        Ok(t)
    }
}

/// A DATE-AND-OR-TIME value (RFC 6350 §4.3.4): a date, a date with a time,
/// or a time after `T`. Also reads DATE, TIME and DATE-TIME values.
///
/// ```
/// use kalends_vcard::value::DateAndOrTime;
/// let v: DateAndOrTime = "--0412".parse()?;
/// assert_eq!(v.to_extended(), "--04-12");
/// let v: DateAndOrTime = "2009-08-08T14:30-05:00".parse()?;
/// assert_eq!(v.to_string(), "20090808T1430-0500");
/// let v: DateAndOrTime = "T1030".parse()?;
/// assert_eq!(v.to_extended(), "T10:30");
/// # Ok::<(), kalends_vcard::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DateAndOrTime {
    /// A date alone.
    Date(Date),
    /// A date (`date-noreduc`) with a time (`time-notrunc`).
    DateTime(Date, Time),
    /// A time alone (written after `T`).
    Time(Time),
}

impl DateAndOrTime {
    /// The extended form used by jCard (RFC 7095 §3.5.6).
    pub fn to_extended(&self) -> String {
        let mut s = String::new();
        let _ = self.write(&mut s, true);
        s
    }

    fn write(&self, f: &mut impl fmt::Write, extended: bool) -> fmt::Result {
        match self {
            DateAndOrTime::Date(d) => d.write(f, extended),
            DateAndOrTime::DateTime(d, t) => {
                d.write(f, extended)?;
                f.write_char('T')?;
                t.write(f, extended)
            }
            DateAndOrTime::Time(t) => {
                f.write_char('T')?;
                t.write(f, extended)
            }
        }
    }

    /// The date part, if any.
    pub fn date(&self) -> Option<Date> {
        match self {
            DateAndOrTime::Date(d) | DateAndOrTime::DateTime(d, _) => Some(*d),
            DateAndOrTime::Time(_) => None,
        }
    }

    /// The time part, if any.
    pub fn time(&self) -> Option<Time> {
        match self {
            DateAndOrTime::Time(t) | DateAndOrTime::DateTime(_, t) => Some(*t),
            DateAndOrTime::Date(_) => None,
        }
    }

    /// The value as a complete UTC timestamp when it is one: a complete date
    /// with hour, minute and second in `Z` (RFC 9555 §2.5.1 converts such a
    /// BDAY to a JSContact Timestamp).
    pub fn as_utc_timestamp(&self) -> Option<Timestamp> {
        match self {
            DateAndOrTime::DateTime(d, t) => {
                let ts = Timestamp {
                    year: d.year?,
                    month: d.month?,
                    day: d.day?,
                    hour: t.hour?,
                    minute: t.minute?,
                    second: t.second?,
                    zone: t.zone,
                };
                (t.zone == Some(Zone::Utc)).then_some(ts)
            }
            _ => None,
        }
    }
}

impl fmt::Display for DateAndOrTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write(f, false)
    }
}

impl FromStr for DateAndOrTime {
    type Err = Error;

    fn from_str(s: &str) -> Result<DateAndOrTime, Error> {
        let mut c = Cursor::new(s, "date-and-or-time");
        let v = if c.eat(b'T') {
            DateAndOrTime::Time(c.time()?)
        } else {
            let d = c.date()?;
            if c.eat(b'T') {
                if !d.is_noreduc() {
                    return Err(c.error("a date before `T` must be complete or truncated (`--MMDD`, `---DD`), not reduced"));
                }
                let t = c.time()?;
                if !t.is_notrunc() {
                    return Err(c.error("a time after a date must start with the hour"));
                }
                DateAndOrTime::DateTime(d, t)
            } else {
                DateAndOrTime::Date(d)
            }
        };
        c.end()?;
        Ok(v)
    }
}

/// A TIMESTAMP value (RFC 6350 §4.3.5): a complete date and time with an
/// optional zone. Also the REV and CREATED values.
///
/// ```
/// use kalends_vcard::value::Timestamp;
/// let ts: Timestamp = "19951031T222710Z".parse()?;
/// assert_eq!(ts.to_extended(), "1995-10-31T22:27:10Z");
/// let local: Timestamp = "20211022T140000-05".parse()?;
/// assert_eq!(local.to_utc_string(), "2021-10-22T19:00:00Z");
/// # Ok::<(), kalends_vcard::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Timestamp {
    /// Year.
    pub year: u16,
    /// Month, 1–12.
    pub month: u8,
    /// Day, 1–31.
    pub day: u8,
    /// Hour, 0–23.
    pub hour: u8,
    /// Minute, 0–59.
    pub minute: u8,
    /// Second, 0–60.
    pub second: u8,
    /// `Z`, an offset, or none (local time).
    pub zone: Option<Zone>,
}

impl Timestamp {
    /// The extended form `1995-10-31T22:27:10Z` (jCard, vCard 3.0).
    pub fn to_extended(&self) -> String {
        let mut s = format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
            self.year, self.month, self.day, self.hour, self.minute, self.second
        );
        if let Some(z) = self.zone {
            let _ = z.write(&mut s, true);
        }
        s
    }

    /// The instant as an RFC 3339 UTC string (`…Z`), the JSContact
    /// UTCDateTime (RFC 9553 §1.4.5). A time without zone is read as UTC
    /// (the reading chosen here: it has no other instant).
    pub fn to_utc_string(&self) -> String {
        let offset = self.zone.map_or(0, Zone::total_minutes);
        let days = days_from_civil(i64::from(self.year), self.month, self.day);
        let minutes =
            days * 1440 + i64::from(self.hour) * 60 + i64::from(self.minute) - i64::from(offset);
        let (y, m, d) = civil_from_days(minutes.div_euclid(1440));
        let rem = minutes.rem_euclid(1440);
        format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
            y,
            m,
            d,
            rem / 60,
            rem % 60,
            self.second
        )
    }

    /// Reads an RFC 3339 UTC date-time (`2022-11-23T15:01:32Z`), the
    /// JSContact UTCDateTime. Fractions of a second are dropped.
    pub fn from_utc_string(s: &str) -> Result<Timestamp, Error> {
        let ts: Timestamp = s.parse()?;
        if ts.zone.is_none() {
            return Err(invalid(
                s,
                "UTCDateTime",
                "a UTCDateTime ends with `Z` or an offset (RFC 9553 §1.4.5)",
            ));
        }
        Ok(ts)
    }

    /// The date part.
    pub fn date(&self) -> Date {
        Date {
            year: Some(self.year),
            month: Some(self.month),
            day: Some(self.day),
        }
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:04}{:02}{:02}T{:02}{:02}{:02}",
            self.year, self.month, self.day, self.hour, self.minute, self.second
        )?;
        if let Some(z) = self.zone {
            z.write(f, false)?;
        }
        Ok(())
    }
}

impl FromStr for Timestamp {
    type Err = Error;

    fn from_str(s: &str) -> Result<Timestamp, Error> {
        let v: DateAndOrTime = s.parse()?;
        match v {
            DateAndOrTime::DateTime(d, t) => {
                match (d.year, d.month, d.day, t.hour, t.minute, t.second) {
                    (
                        Some(year),
                        Some(month),
                        Some(day),
                        Some(hour),
                        Some(minute),
                        Some(second),
                    ) => Ok(Timestamp {
                        year,
                        month,
                        day,
                        hour,
                        minute,
                        second,
                        zone: t.zone,
                    }),
                    _ => Err(invalid(
                        s,
                        "timestamp",
                        "a timestamp needs a complete date and time",
                    )),
                }
            }
            _ => Err(invalid(
                s,
                "timestamp",
                "a timestamp needs a complete date and time",
            )),
        }
    }
}

fn invalid(input: &str, what: &str, why: &str) -> Error {
    Error::new(
        ErrorKind::InvalidValue,
        format!(
            "the {what} `{}` is not valid: {why} (RFC 6350 §4.3).",
            excerpt(input)
        ),
    )
}

fn is_leap(y: i64) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

/// Days in `month` of `year` (29 for February without a year).
pub(crate) fn days_in_month(year: Option<u16>, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 => match year {
            Some(y) if !is_leap(i64::from(y)) => 28,
            _ => 29,
        },
        _ => 0,
    }
}

/// Days since 1970-01-01 (H. Hinnant's algorithm).
fn days_from_civil(y: i64, m: u8, d: u8) -> i64 {
    let m = i64::from(m);
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// A small reader over the ASCII bytes of a value.
struct Cursor<'s> {
    s: &'s str,
    pos: usize,
    what: &'static str,
}

impl<'s> Cursor<'s> {
    fn new(s: &'s str, what: &'static str) -> Cursor<'s> {
        Cursor { s, pos: 0, what }
    }

    fn peek(&self) -> Option<u8> {
        self.s.as_bytes().get(self.pos).copied()
    }

    fn peek_at(&self, n: usize) -> Option<u8> {
        self.s.as_bytes().get(self.pos + n).copied()
    }

    fn eat(&mut self, b: u8) -> bool {
        if self.peek() == Some(b) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn error(&self, why: &str) -> Error {
        invalid(self.s, self.what, why)
    }

    fn digits_ahead(&self) -> usize {
        self.s
            .as_bytes()
            .get(self.pos..)
            .map_or(0, |r| r.iter().take_while(|b| b.is_ascii_digit()).count())
    }

    fn number(&mut self, n: usize) -> Result<u16, Error> {
        let mut v: u16 = 0;
        for _ in 0..n {
            match self.peek() {
                Some(b) if b.is_ascii_digit() => {
                    v = v * 10 + u16::from(b - b'0');
                    self.pos += 1;
                }
                _ => return Err(self.error(&format!("expected {n} digits at offset {}", self.pos))),
            }
        }
        Ok(v)
    }

    fn two(&mut self) -> Result<u8, Error> {
        self.number(2).map(|v| v as u8)
    }

    fn end(&self) -> Result<(), Error> {
        if self.pos == self.s.len() {
            Ok(())
        } else {
            Err(self.error(&format!(
                "unexpected `{}` at offset {}",
                excerpt(self.s.get(self.pos..).unwrap_or("")),
                self.pos
            )))
        }
    }

    fn date(&mut self) -> Result<Date, Error> {
        let mut d = Date {
            year: None,
            month: None,
            day: None,
        };
        if self.s.get(self.pos..).is_some_and(|r| r.starts_with("---")) {
            self.pos += 3;
            d.day = Some(self.two()?);
        } else if self.s.get(self.pos..).is_some_and(|r| r.starts_with("--")) {
            self.pos += 2;
            d.month = Some(self.two()?);
            let dash =
                self.peek() == Some(b'-') && self.peek_at(1).is_some_and(|b| b.is_ascii_digit());
            if dash {
                self.pos += 1;
                d.day = Some(self.two()?);
            } else if self.digits_ahead() >= 2 {
                d.day = Some(self.two()?);
            }
        } else {
            d.year = Some(self.number(4)?);
            if self.peek() == Some(b'-') {
                self.pos += 1;
                d.month = Some(self.two()?);
                if self.eat(b'-') {
                    d.day = Some(self.two()?);
                }
            } else if self.digits_ahead() >= 4 {
                d.month = Some(self.two()?);
                d.day = Some(self.two()?);
            }
        }
        d.check(self.s)?;
        Ok(d)
    }

    fn time(&mut self) -> Result<Time, Error> {
        let mut t = Time {
            hour: None,
            minute: None,
            second: None,
            zone: None,
        };
        if self.s.get(self.pos..).is_some_and(|r| r.starts_with("--")) {
            self.pos += 2;
            t.second = Some(self.two()?);
        } else if self.eat(b'-') {
            t.minute = Some(self.two()?);
            self.eat(b':');
            if self.digits_ahead() >= 2 {
                t.second = Some(self.two()?);
            }
        } else {
            t.hour = Some(self.two()?);
            let colon = self.peek() == Some(b':');
            if colon {
                self.pos += 1;
            }
            if colon || self.digits_ahead() >= 2 {
                t.minute = Some(self.two()?);
                let colon = self.peek() == Some(b':');
                if colon {
                    self.pos += 1;
                }
                if colon || self.digits_ahead() >= 2 {
                    t.second = Some(self.two()?);
                }
            }
        }
        if t.second.is_some() && matches!(self.peek(), Some(b'.' | b',')) {
            self.pos += 1;
            let n = self.digits_ahead();
            if n == 0 {
                return Err(self.error("a decimal fraction of a second needs digits"));
            }
            self.pos += n;
        }
        if t.hour.is_some_and(|h| h > 23)
            || t.minute.is_some_and(|m| m > 59)
            || t.second.is_some_and(|s| s > 60)
        {
            return Err(self.error("hour, minute or second out of range"));
        }
        t.zone = if self.eat(b'Z') || self.eat(b'z') {
            Some(Zone::Utc)
        } else {
            self.offset()?.map(Zone::Offset)
        };
        Ok(t)
    }

    fn offset(&mut self) -> Result<Option<UtcOffset>, Error> {
        let negative = match self.peek() {
            Some(b'+') => false,
            Some(b'-') => true,
            _ => return Ok(None),
        };
        self.pos += 1;
        let hours = self.two()?;
        let colon = self.eat(b':');
        let minutes = if colon || self.digits_ahead() >= 2 {
            Some(self.two()?)
        } else {
            None
        };
        if hours > 23 || minutes.is_some_and(|m| m > 59) {
            return Err(self.error("the UTC offset is out of range"));
        }
        Ok(Some(UtcOffset {
            negative,
            hours,
            minutes,
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc6350_date_forms() {
        // RFC 6350 §4.3.1 examples.
        for (basic, ext) in [
            ("19850412", "1985-04-12"),
            ("1985-04", "1985-04"),
            ("1985", "1985"),
            ("--0412", "--04-12"),
            ("--04", "--04"),
            ("---12", "---12"),
        ] {
            let d: Date = basic.parse().unwrap();
            assert_eq!(d.to_string(), basic);
            assert_eq!(d.to_extended(), ext);
            assert_eq!(ext.parse::<Date>().unwrap(), d);
        }
    }

    #[test]
    fn rfc6350_time_forms() {
        // RFC 6350 §4.3.2 examples and RFC 7095 §3.5.4 table.
        for (basic, ext) in [
            ("102200", "10:22:00"),
            ("1022", "10:22"),
            ("10", "10"),
            ("-2200", "-22:00"),
            ("--00", "--00"),
            ("102200Z", "10:22:00Z"),
            ("102200-0800", "10:22:00-08:00"),
            ("232050+04", "23:20:50+04"),
        ] {
            let t: Time = basic.parse().unwrap();
            assert_eq!(t.to_string(), basic);
            assert_eq!(t.to_extended(), ext);
            assert_eq!(ext.parse::<Time>().unwrap(), t);
        }
    }

    #[test]
    fn rfc7095_date_time_table() {
        for (basic, ext) in [
            ("19850412T232050", "1985-04-12T23:20:50"),
            ("19850412T232050Z", "1985-04-12T23:20:50Z"),
            ("19850412T232050+0400", "1985-04-12T23:20:50+04:00"),
            ("19850412T232050+04", "1985-04-12T23:20:50+04"),
            ("19850412T2320", "1985-04-12T23:20"),
            ("19850412T23", "1985-04-12T23"),
            ("--0412T2320", "--04-12T23:20"),
            ("---12T2320", "---12T23:20"),
            ("T102200Z", "T10:22:00Z"),
        ] {
            let v: DateAndOrTime = basic.parse().unwrap();
            assert_eq!(v.to_string(), basic);
            assert_eq!(v.to_extended(), ext);
            assert_eq!(ext.parse::<DateAndOrTime>().unwrap(), v);
        }
    }

    #[test]
    fn invalid_values() {
        for bad in [
            "1985-13",
            "19850230",
            "--1301",
            "1985T10",
            "19850412T-20",
            "abc",
            "19850412T25",
            "---32",
            "2024-0",
        ] {
            assert!(bad.parse::<DateAndOrTime>().is_err(), "{bad}");
        }
        assert!("19960229".parse::<Date>().is_ok());
        assert!("19970229".parse::<Date>().is_err());
        assert!("--0229".parse::<Date>().is_ok());
    }

    #[test]
    fn timestamps_and_utc() {
        let ts: Timestamp = "19961022T140000-0500".parse().unwrap();
        assert_eq!(ts.to_utc_string(), "1996-10-22T19:00:00Z");
        let ts: Timestamp = "20000101T003000+0100".parse().unwrap();
        assert_eq!(ts.to_utc_string(), "1999-12-31T23:30:00Z");
        assert!("19961022".parse::<Timestamp>().is_err());
        let ts: Timestamp = "1953-10-15T23:10:00.5Z".parse().unwrap();
        assert_eq!(ts.to_string(), "19531015T231000Z");
    }

    #[test]
    fn offsets() {
        let o: UtcOffset = "-0500".parse().unwrap();
        assert_eq!(
            (o.to_string(), o.to_extended(), o.total_minutes()),
            ("-0500".into(), "-05:00".into(), -300)
        );
        assert_eq!("+01".parse::<UtcOffset>().unwrap().to_extended(), "+01");
        assert!("0500".parse::<UtcOffset>().is_err());
    }
}
