//! Conversions between the value types and jiff's (tabled in the `value` module docs).

use super::datetime::{Date, DateTime, Time, TimeForm, UtcOffset};
use super::duration::Duration;
use super::out_of_range;
use super::recur::Weekday;
use crate::Error;

impl From<Date> for jiff::civil::Date {
    fn from(d: Date) -> jiff::civil::Date {
        // Every Date (years 0–9999, checked day) is a valid jiff date.
        jiff::civil::Date::new(d.year, d.month as i8, d.day as i8).unwrap_or_default()
    }
}

impl TryFrom<jiff::civil::Date> for Date {
    type Error = Error;
    /// Fails for years outside 0–9999, which a DATE cannot spell.
    fn try_from(d: jiff::civil::Date) -> Result<Date, Error> {
        Date::new(d.year(), d.month().unsigned_abs(), d.day().unsigned_abs())
    }
}

impl From<Time> for jiff::civil::Time {
    /// A leap second (60) becomes 59: jiff has no leap seconds.
    fn from(t: Time) -> jiff::civil::Time {
        let t = t.clamp_leap_second();
        jiff::civil::Time::new(t.hour as i8, t.minute as i8, t.second as i8, 0).unwrap_or_default()
    }
}

impl TryFrom<jiff::civil::Time> for Time {
    type Error = Error;
    /// Fails when the time has a fraction of a second, which TIME cannot spell.
    fn try_from(t: jiff::civil::Time) -> Result<Time, Error> {
        if t.subsec_nanosecond() != 0 {
            return Err(out_of_range(format!(
                "the time {t} has a fraction of a second, which a TIME cannot carry \
                 (RFC 5545 §3.3.12)."
            )));
        }
        Time::new(
            t.hour().unsigned_abs(),
            t.minute().unsigned_abs(),
            t.second().unsigned_abs(),
        )
    }
}

impl From<DateTime> for jiff::civil::DateTime {
    /// The civil date and time; the form (floating or UTC) is dropped.
    fn from(dt: DateTime) -> jiff::civil::DateTime {
        jiff::civil::DateTime::from_parts(dt.date.into(), dt.time.into())
    }
}

impl TryFrom<jiff::civil::DateTime> for DateTime {
    type Error = Error;
    /// A floating DATE-TIME. Fails for years outside 0–9999 or a fraction of a second.
    fn try_from(dt: jiff::civil::DateTime) -> Result<DateTime, Error> {
        Ok(DateTime::floating(
            dt.date().try_into()?,
            dt.time().try_into()?,
        ))
    }
}

impl TryFrom<DateTime> for jiff::Timestamp {
    type Error = Error;
    /// Only a UTC DATE-TIME names an instant; a floating one fails.
    fn try_from(dt: DateTime) -> Result<jiff::Timestamp, Error> {
        if dt.form != TimeForm::Utc {
            return Err(out_of_range(format!(
                "the floating DATE-TIME {dt} names no instant without a time zone \
                 (RFC 5545 §3.3.5)."
            )));
        }
        jiff::tz::Offset::UTC
            .to_timestamp(dt.into())
            .map_err(|e| out_of_range(format!("the DATE-TIME {dt} is outside jiff's range: {e}.")))
    }
}

impl TryFrom<jiff::Timestamp> for DateTime {
    type Error = Error;
    /// A UTC DATE-TIME. Fails for years outside 0–9999 or a fraction of a second.
    fn try_from(ts: jiff::Timestamp) -> Result<DateTime, Error> {
        let civil = jiff::tz::Offset::UTC.to_datetime(ts);
        let floating = DateTime::try_from(civil)?;
        Ok(DateTime {
            form: TimeForm::Utc,
            ..floating
        })
    }
}

impl From<UtcOffset> for jiff::tz::Offset {
    fn from(o: UtcOffset) -> jiff::tz::Offset {
        // ±23:59:59 is within jiff's ±25:59:59.
        jiff::tz::Offset::from_seconds(o.seconds).unwrap_or(jiff::tz::Offset::UTC)
    }
}

impl TryFrom<jiff::tz::Offset> for UtcOffset {
    type Error = Error;
    /// Fails beyond ±23:59:59, which a UTC-OFFSET cannot spell.
    fn try_from(o: jiff::tz::Offset) -> Result<UtcOffset, Error> {
        UtcOffset::from_seconds(o.seconds())
    }
}

impl TryFrom<Duration> for jiff::Span {
    type Error = Error;
    /// Each unit maps to the same unit of the span (weeks, days, hours,
    /// minutes, seconds), so nominal days stay days. Fails when a unit is
    /// beyond jiff's limits.
    fn try_from(d: Duration) -> Result<jiff::Span, Error> {
        let overflow = |e: jiff::Error| {
            out_of_range(format!(
                "the DURATION {d} is beyond the limits of jiff::Span: {e}."
            ))
        };
        let span = jiff::Span::new()
            .try_weeks(d.weeks)
            .and_then(|s| s.try_days(d.days))
            .and_then(|s| s.try_hours(d.hours))
            .and_then(|s| s.try_minutes(d.minutes))
            .and_then(|s| s.try_seconds(d.seconds))
            .map_err(overflow)?;
        Ok(if d.negative { span.negate() } else { span })
    }
}

impl TryFrom<jiff::Span> for Duration {
    type Error = Error;
    /// Fails when the span has years, months or units below a second, which
    /// a DURATION cannot spell, or a unit beyond `u32`.
    fn try_from(span: jiff::Span) -> Result<Duration, Error> {
        if span.get_years() != 0
            || span.get_months() != 0
            || span.get_milliseconds() != 0
            || span.get_microseconds() != 0
            || span.get_nanoseconds() != 0
        {
            return Err(out_of_range(format!(
                "the span {span} has years, months or fractions of a second, which a DURATION \
                 cannot carry (RFC 5545 §3.3.6)."
            )));
        }
        let unit = |v: i64| {
            u32::try_from(v.unsigned_abs()).map_err(|_| {
                out_of_range(format!(
                    "the span {span} has a unit too large for a DURATION."
                ))
            })
        };
        Ok(Duration {
            negative: span.is_negative(),
            weeks: unit(span.get_weeks().into())?,
            days: unit(span.get_days().into())?,
            hours: unit(span.get_hours().into())?,
            minutes: unit(span.get_minutes())?,
            seconds: unit(span.get_seconds())?,
        })
    }
}

impl TryFrom<Duration> for jiff::SignedDuration {
    type Error = Error;
    /// The exact part. Fails when the duration has weeks or days, whose
    /// length depends on the time zone (RFC 5545 §3.3.6); use
    /// [`Duration::total_seconds_assuming_24h_days`] to take them as 24 hours.
    fn try_from(d: Duration) -> Result<jiff::SignedDuration, Error> {
        if d.weeks != 0 || d.days != 0 {
            return Err(out_of_range(format!(
                "the DURATION {d} has nominal weeks or days, which are not an exact length of \
                 time (RFC 5545 §3.3.6)."
            )));
        }
        Ok(jiff::SignedDuration::from_secs(d.exact_seconds()))
    }
}

impl TryFrom<jiff::SignedDuration> for Duration {
    type Error = Error;
    /// Hours, minutes and seconds. Fails for a fraction of a second.
    fn try_from(d: jiff::SignedDuration) -> Result<Duration, Error> {
        if d.subsec_nanos() != 0 {
            return Err(out_of_range(format!(
                "the duration {d:?} has a fraction of a second, which a DURATION cannot carry \
                 (RFC 5545 §3.3.6)."
            )));
        }
        Duration::from_exact_seconds(d.as_secs())
    }
}

impl From<Weekday> for jiff::civil::Weekday {
    fn from(w: Weekday) -> jiff::civil::Weekday {
        match w {
            Weekday::Monday => jiff::civil::Weekday::Monday,
            Weekday::Tuesday => jiff::civil::Weekday::Tuesday,
            Weekday::Wednesday => jiff::civil::Weekday::Wednesday,
            Weekday::Thursday => jiff::civil::Weekday::Thursday,
            Weekday::Friday => jiff::civil::Weekday::Friday,
            Weekday::Saturday => jiff::civil::Weekday::Saturday,
            Weekday::Sunday => jiff::civil::Weekday::Sunday,
        }
    }
}

impl From<jiff::civil::Weekday> for Weekday {
    fn from(w: jiff::civil::Weekday) -> Weekday {
        match w {
            jiff::civil::Weekday::Monday => Weekday::Monday,
            jiff::civil::Weekday::Tuesday => Weekday::Tuesday,
            jiff::civil::Weekday::Wednesday => Weekday::Wednesday,
            jiff::civil::Weekday::Thursday => Weekday::Thursday,
            jiff::civil::Weekday::Friday => Weekday::Friday,
            jiff::civil::Weekday::Saturday => Weekday::Saturday,
            jiff::civil::Weekday::Sunday => Weekday::Sunday,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_weekdays_agree_with_jiff() {
        let mut d = Date::new(1899, 12, 25).unwrap();
        for _ in 0..2000 {
            let j: jiff::civil::Date = d.into();
            assert_eq!(Weekday::from(j.weekday()), d.weekday());
            assert_eq!(j.day_of_year() as u16, d.day_of_year());
            assert_eq!(Date::try_from(j).unwrap(), d);
            d = d.checked_add_days(97).unwrap();
        }
    }

    #[test]
    fn utc_date_time_to_timestamp_and_back() {
        let dt = DateTime::parse("19970714T173000Z").unwrap();
        let ts = jiff::Timestamp::try_from(dt).unwrap();
        assert_eq!(ts.as_second(), 868_901_400);
        assert_eq!(DateTime::try_from(ts).unwrap(), dt);
        assert!(jiff::Timestamp::try_from(DateTime::parse("19970714T173000").unwrap()).is_err());
    }

    #[test]
    fn leap_second_is_clamped() {
        let t = Time::new(23, 59, 60).unwrap();
        assert_eq!(jiff::civil::Time::from(t), jiff::civil::time(23, 59, 59, 0));
    }

    #[test]
    fn durations() {
        let d = Duration::parse("-P1DT2H").unwrap();
        let span = jiff::Span::try_from(d).unwrap();
        assert_eq!((span.get_days(), span.get_hours()), (-1, -2));
        assert_eq!(Duration::try_from(span).unwrap(), d);
        assert!(jiff::SignedDuration::try_from(d).is_err());
        let exact = Duration::parse("PT1H30M").unwrap();
        let sd = jiff::SignedDuration::try_from(exact).unwrap();
        assert_eq!(sd.as_secs(), 5400);
        assert_eq!(Duration::try_from(sd).unwrap(), exact);
        assert!(Duration::try_from(jiff::Span::new().months(1)).is_err());
    }

    #[test]
    fn offsets() {
        let o = UtcOffset::parse("-0430").unwrap();
        let j = jiff::tz::Offset::from(o);
        assert_eq!(j.seconds(), -16_200);
        assert_eq!(UtcOffset::try_from(j).unwrap(), o);
        assert!(UtcOffset::try_from(jiff::tz::Offset::MAX).is_err());
    }
}
