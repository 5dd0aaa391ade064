//! DURATION and PERIOD values (RFC 5545 §3.3.6, §3.3.9).

use std::fmt;
use std::str::FromStr;

use nom::Parser;
use nom::branch::alt;
use nom::bytes::complete::{tag_no_case, take_while1};
use nom::character::complete::one_of;
use nom::combinator::{all_consuming, opt};
use nom::sequence::{preceded, terminated};

use super::datetime::{DateTime, TimeForm};
use super::{invalid, out_of_range, quote};
use crate::Error;

/// A DURATION value (RFC 5545 §3.3.6).
///
/// Kept in the units it was written in, because a day is not always
/// 24 hours: `P1D` across a DST change keeps the wall-clock time, `PT24H`
/// keeps the elapsed time (RFC 5545 §3.3.6). Weeks cannot be mixed with
/// other units in the grammar; `weeks` is non-zero only for `PnW` forms.
///
/// The DURATION grammar is followed exactly:
///
/// ```text
/// dur-value  = (["+"] / "-") "P" (dur-date / dur-time / dur-week)
/// dur-date   = dur-day [dur-time]
/// dur-time   = "T" (dur-hour / dur-minute / dur-second)
/// dur-week   = 1*DIGIT "W"
/// dur-hour   = 1*DIGIT "H" [dur-minute]
/// dur-minute = 1*DIGIT "M" [dur-second]
/// dur-second = 1*DIGIT "S"
/// dur-day    = 1*DIGIT "D"
/// ```
///
/// So `P1D`, `PT1H30M`, `P2W`, `-PT15M`, `P1DT2H` and `P15DT5H0M20S` are
/// read, and `P`, `PT`, `P1H`, `P1W2D`, `P1DT` and `PT1H20S` (hours then
/// seconds without minutes between them) are not. Letters are accepted in
/// either case (ABNF literals are case-insensitive, RFC 5234 §2.3) and
/// written in upper case.
///
/// ```
/// use kalends_ical_core::value::Duration;
/// let d = Duration::parse("P15DT5H0M20S")?;
/// assert_eq!((d.days, d.hours, d.minutes, d.seconds), (15, 5, 0, 20));
/// assert_eq!(d.nominal_days(), 15);
/// assert_eq!(d.exact_seconds(), 5 * 3600 + 20);
/// assert_eq!(d.to_string(), "P15DT5H0M20S");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Duration {
    /// True for a leading `-`.
    pub negative: bool,
    /// Weeks (only in the `PnW` form).
    pub weeks: u32,
    /// Nominal days.
    pub days: u32,
    /// Hours.
    pub hours: u32,
    /// Minutes.
    pub minutes: u32,
    /// Seconds.
    pub seconds: u32,
}

/// The end of a PERIOD: an explicit end or a duration from the start.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum PeriodEnd {
    /// `start/end`, the period-explicit form.
    End(DateTime),
    /// `start/duration`, the period-start form.
    Duration(Duration),
}

/// A PERIOD value (RFC 5545 §3.3.9).
///
/// ```
/// use kalends_ical_core::value::{Period, PeriodEnd};
/// let p = Period::parse("19970101T180000Z/PT5H30M")?;
/// assert!(matches!(p.end, PeriodEnd::Duration(d) if d.exact_seconds() == 19_800));
/// assert_eq!(p.to_string(), "19970101T180000Z/PT5H30M");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Period {
    /// The start.
    pub start: DateTime,
    /// The end or the duration.
    pub end: PeriodEnd,
}

// ---------------------------------------------------------------------------
// Duration

type NomError<'a> = nom::error::Error<&'a str>;

/// The digit strings of a DURATION, as matched by the grammar.
#[derive(Default)]
struct RawDuration<'a> {
    negative: bool,
    weeks: Option<&'a str>,
    days: Option<&'a str>,
    hours: Option<&'a str>,
    minutes: Option<&'a str>,
    seconds: Option<&'a str>,
}

fn number<'a>(unit: &'static str) -> impl Parser<&'a str, Output = &'a str, Error = NomError<'a>> {
    terminated(take_while1(|c: char| c.is_ascii_digit()), tag_no_case(unit))
}

/// `dur-time` without its `T`: (hours, minutes, seconds).
type TimeDigits<'a> = (Option<&'a str>, Option<&'a str>, Option<&'a str>);

fn dur_time(input: &str) -> nom::IResult<&str, TimeDigits<'_>> {
    let second = |i| number("S").parse(i);
    let minute = |i| (number("M"), opt(second)).parse(i);
    let hour = |i| (number("H"), opt(minute)).parse(i);
    preceded(
        tag_no_case("T"),
        alt((
            hour.map(|(h, m)| {
                let (m, s) = m.map_or((None, None), |(m, s)| (Some(m), s));
                (Some(h), m, s)
            }),
            minute.map(|(m, s)| (None, Some(m), s)),
            second.map(|s| (None, None, Some(s))),
        )),
    )
    .parse(input)
}

fn dur_value(input: &str) -> Option<RawDuration<'_>> {
    let week = number("W").map(|w| RawDuration {
        weeks: Some(w),
        ..RawDuration::default()
    });
    let date = (number("D"), opt(dur_time)).map(|(d, t)| {
        let (hours, minutes, seconds) = t.unwrap_or_default();
        RawDuration {
            days: Some(d),
            hours,
            minutes,
            seconds,
            ..RawDuration::default()
        }
    });
    let time = dur_time.map(|(hours, minutes, seconds)| RawDuration {
        hours,
        minutes,
        seconds,
        ..RawDuration::default()
    });
    let mut parser = all_consuming((
        opt(one_of("+-")),
        preceded(tag_no_case("P"), alt((week, date, time))),
    ));
    let (_, (sign, raw)) = parser.parse(input).ok()?;
    Some(RawDuration {
        negative: sign == Some('-'),
        ..raw
    })
}

impl Duration {
    /// The zero duration, written `PT0S`.
    pub const ZERO: Duration = Duration {
        negative: false,
        weeks: 0,
        days: 0,
        hours: 0,
        minutes: 0,
        seconds: 0,
    };

    /// A positive duration of `weeks` weeks (`PnW`).
    pub const fn from_weeks(weeks: u32) -> Duration {
        Duration {
            weeks,
            ..Duration::ZERO
        }
    }

    /// A positive duration of `days` nominal days (`PnD`).
    pub const fn from_days(days: u32) -> Duration {
        Duration {
            days,
            ..Duration::ZERO
        }
    }

    /// A positive exact duration of hours, minutes and seconds (`PTnHnMnS`).
    pub const fn from_hms(hours: u32, minutes: u32, seconds: u32) -> Duration {
        Duration {
            hours,
            minutes,
            seconds,
            ..Duration::ZERO
        }
    }

    /// An exact duration of `seconds` seconds (negative for a negative
    /// duration), split into hours, minutes and seconds.
    pub fn from_exact_seconds(seconds: i64) -> Result<Duration, Error> {
        let magnitude = seconds.unsigned_abs();
        let hours = u32::try_from(magnitude / 3600).map_err(|_| {
            out_of_range(format!(
                "a duration of {seconds} seconds is too long: at most {} hours can be written.",
                u32::MAX
            ))
        })?;
        Ok(Duration {
            negative: seconds < 0,
            hours,
            minutes: (magnitude / 60 % 60) as u32,
            seconds: (magnitude % 60) as u32,
            ..Duration::ZERO
        })
    }

    /// Parses a DURATION value (RFC 5545 §3.3.6); see the
    /// [`Duration`] documentation for the grammar.
    ///
    /// Fails with [`crate::ErrorKind::InvalidValue`] outside the grammar and
    /// with [`crate::ErrorKind::OutOfRange`] for a number above `u32::MAX`.
    ///
    /// ```
    /// use kalends_ical_core::value::Duration;
    /// assert_eq!(Duration::parse("-PT15M")?.exact_seconds(), -900);
    /// assert_eq!(Duration::parse("P2W")?.nominal_days(), 14);
    /// assert!(Duration::parse("P1H").is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn parse(s: &str) -> Result<Duration, Error> {
        let raw = dur_value(s).ok_or_else(|| {
            invalid(format!(
                "expected a DURATION such as `P1D`, `PT1H30M`, `P2W` or `-PT15M` \
                 (RFC 5545 §3.3.6), found {}.",
                quote(s)
            ))
        })?;
        let value = |digits: Option<&str>| -> Result<u32, Error> {
            match digits {
                None => Ok(0),
                Some(d) => d.parse::<u32>().map_err(|_| {
                    out_of_range(format!(
                        "the number {} in the DURATION {} is too large: at most {} is accepted.",
                        quote(d),
                        quote(s),
                        u32::MAX
                    ))
                }),
            }
        };
        Ok(Duration {
            negative: raw.negative,
            weeks: value(raw.weeks)?,
            days: value(raw.days)?,
            hours: value(raw.hours)?,
            minutes: value(raw.minutes)?,
            seconds: value(raw.seconds)?,
        })
    }

    /// True when every unit is zero (whatever the sign).
    pub const fn is_zero(&self) -> bool {
        self.weeks == 0
            && self.days == 0
            && self.hours == 0
            && self.minutes == 0
            && self.seconds == 0
    }

    /// True for a negative, non-zero duration.
    pub const fn is_negative(&self) -> bool {
        self.negative && !self.is_zero()
    }

    /// The nominal part in days, signed: weeks × 7 + days. Added to a date
    /// in local time, it keeps the wall-clock time (RFC 5545 §3.3.6).
    pub const fn nominal_days(&self) -> i64 {
        let days = self.weeks as i64 * 7 + self.days as i64;
        if self.negative { -days } else { days }
    }

    /// The exact part in seconds, signed: hours × 3600 + minutes × 60 + seconds.
    /// It is added as elapsed time (RFC 5545 §3.3.6).
    pub const fn exact_seconds(&self) -> i64 {
        let seconds = self.hours as i64 * 3600 + self.minutes as i64 * 60 + self.seconds as i64;
        if self.negative { -seconds } else { seconds }
    }

    /// The whole duration in seconds with every day taken as 86 400 seconds
    /// — right for UTC and floating times, not across a DST change in a zone.
    pub const fn total_seconds_assuming_24h_days(&self) -> i64 {
        self.nominal_days() * 86_400 + self.exact_seconds()
    }

    /// The same duration with the opposite sign.
    #[must_use]
    pub const fn negated(self) -> Duration {
        Duration {
            negative: !self.negative,
            ..self
        }
    }

    /// Appends the DURATION text to `out`.
    pub fn write_to(&self, out: &mut String) {
        use fmt::Write as _;
        // Writing to a String cannot fail.
        let _ = write!(out, "{self}");
    }
}

impl fmt::Display for Duration {
    /// Writes the shortest form the grammar allows: `PnW` when only weeks
    /// are set; otherwise `PnD` and/or `T` with hours, minutes and seconds
    /// from the first non-zero unit to the last (so `P15DT5H0M20S` keeps its
    /// `0M`, as the grammar requires). Weeks together with other units
    /// cannot be written in the grammar and are written as 7 days each.
    /// A zero duration is `PT0S`; a leading `-` is kept.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.negative {
            f.write_str("-")?;
        }
        f.write_str("P")?;
        let has_time = self.hours != 0 || self.minutes != 0 || self.seconds != 0;
        if self.weeks != 0 && self.days == 0 && !has_time {
            return write!(f, "{}W", self.weeks);
        }
        let days = u64::from(self.weeks) * 7 + u64::from(self.days);
        if days != 0 {
            write!(f, "{days}D")?;
        }
        if !has_time {
            return if days == 0 {
                f.write_str("T0S")
            } else {
                Ok(())
            };
        }
        f.write_str("T")?;
        let units = [(self.hours, 'H'), (self.minutes, 'M'), (self.seconds, 'S')];
        let first = units.iter().position(|(v, _)| *v != 0).unwrap_or(0);
        let last = units.iter().rposition(|(v, _)| *v != 0).unwrap_or(2);
        for (value, unit) in units
            .iter()
            .skip(first)
            .take(last.saturating_sub(first) + 1)
        {
            write!(f, "{value}{unit}")?;
        }
        Ok(())
    }
}

impl FromStr for Duration {
    type Err = Error;
    fn from_str(s: &str) -> Result<Duration, Error> {
        Duration::parse(s)
    }
}

// ---------------------------------------------------------------------------
// Period

impl Period {
    /// A period-explicit value, `start/end`.
    pub const fn explicit(start: DateTime, end: DateTime) -> Period {
        Period {
            start,
            end: PeriodEnd::End(end),
        }
    }

    /// A period-start value, `start/duration`.
    pub const fn with_duration(start: DateTime, duration: Duration) -> Period {
        Period {
            start,
            end: PeriodEnd::Duration(duration),
        }
    }

    /// Parses a PERIOD value (RFC 5545 §3.3.9): `start/end` or
    /// `start/duration`, where start and end are DATE-TIMEs.
    ///
    /// The RFC requires the start to be before the end and the duration to
    /// be positive. This parser rejects a negative duration and an end
    /// earlier than the start when both have the same form (both UTC or
    /// both floating; a floating end cannot be compared with a UTC start
    /// without a time zone). A zero-length period is accepted.
    ///
    /// ```
    /// use kalends_ical_core::value::Period;
    /// let p = Period::parse("19970101T180000Z/19970102T070000Z")?;
    /// assert_eq!(p.to_string(), "19970101T180000Z/19970102T070000Z");
    /// assert!(Period::parse("19970101T180000Z/-PT1H").is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn parse(s: &str) -> Result<Period, Error> {
        let Some((start, end)) = s.split_once('/') else {
            return Err(invalid(format!(
                "expected a PERIOD of the form start/end or start/duration (RFC 5545 §3.3.9), \
                 found {}.",
                quote(s)
            )));
        };
        let context = |e: Error| {
            Error::new(
                e.kind(),
                format!("the PERIOD {} is not valid: {}", quote(s), e.message()),
            )
        };
        let start = DateTime::parse(start).map_err(context)?;
        let looks_like_duration = matches!(end.as_bytes().first(), Some(b'P' | b'p' | b'+' | b'-'));
        let end = if looks_like_duration {
            let duration = Duration::parse(end).map_err(context)?;
            if duration.is_negative() {
                return Err(out_of_range(format!(
                    "the PERIOD {} has a negative duration; a period-start value needs a \
                     positive one (RFC 5545 §3.3.9).",
                    quote(s)
                )));
            }
            PeriodEnd::Duration(duration)
        } else {
            let end = DateTime::parse(end).map_err(context)?;
            if end.form == start.form && (end.date, end.time) < (start.date, start.time) {
                return Err(out_of_range(format!(
                    "the PERIOD {} ends before it starts (RFC 5545 §3.3.9).",
                    quote(s)
                )));
            }
            PeriodEnd::End(end)
        };
        Ok(Period { start, end })
    }

    /// The explicit end, when the period was written with one.
    pub const fn end_date_time(&self) -> Option<DateTime> {
        match self.end {
            PeriodEnd::End(end) => Some(end),
            PeriodEnd::Duration(_) => None,
        }
    }

    /// The duration, when the period was written with one.
    pub const fn duration(&self) -> Option<Duration> {
        match self.end {
            PeriodEnd::End(_) => None,
            PeriodEnd::Duration(d) => Some(d),
        }
    }

    /// True when the start is in UTC.
    pub const fn is_utc(&self) -> bool {
        matches!(self.start.form, TimeForm::Utc)
    }

    /// Appends the PERIOD text to `out`.
    pub fn write_to(&self, out: &mut String) {
        self.start.write_to(out);
        out.push('/');
        match &self.end {
            PeriodEnd::End(end) => end.write_to(out),
            PeriodEnd::Duration(d) => d.write_to(out),
        }
    }
}

impl fmt::Display for Period {
    /// Writes `start/end` or `start/duration`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/", self.start)?;
        match &self.end {
            PeriodEnd::End(end) => end.fmt(f),
            PeriodEnd::Duration(d) => d.fmt(f),
        }
    }
}

impl FromStr for Period {
    type Err = Error;
    fn from_str(s: &str) -> Result<Period, Error> {
        Period::parse(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grammar_shapes() {
        for ok in [
            "P1D", "PT1H30M", "P2W", "-PT15M", "P1DT2H", "+P1D", "PT1M2S", "p1dt2h",
        ] {
            assert!(Duration::parse(ok).is_ok(), "{ok}");
        }
        for bad in [
            "P", "PT", "P1H", "P1W2D", "P1DT", "PT1H20S", "1D", "P-1D", "P1D2H", "",
        ] {
            assert!(Duration::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn weeks_mixed_with_days_are_written_as_days() {
        let d = Duration {
            weeks: 1,
            days: 2,
            ..Duration::ZERO
        };
        assert_eq!(d.to_string(), "P9D");
        assert_eq!(Duration::from_hms(1, 0, 5).to_string(), "PT1H0M5S");
        assert_eq!(Duration::ZERO.to_string(), "PT0S");
    }
}
