//! Conversions between the value types and chrono's, behind the `chrono`
//! feature (tabled in the `value` module docs).

use chrono::{Datelike, Offset as _, Timelike, Utc};

use super::datetime::{Date, DateTime, Time, TimeForm, UtcOffset};
use super::duration::Duration;
use super::out_of_range;
use super::recur::Weekday;
use crate::Error;

const NANOS_PER_SECOND: u32 = 1_000_000_000;

impl From<Date> for chrono::NaiveDate {
    fn from(d: Date) -> chrono::NaiveDate {
        // Every Date (years 0–9999, checked day) is a valid chrono date.
        chrono::NaiveDate::from_ymd_opt(i32::from(d.year), u32::from(d.month), u32::from(d.day))
            .unwrap_or_default()
    }
}

impl TryFrom<chrono::NaiveDate> for Date {
    type Error = Error;
    /// Fails for years outside 0–9999, which a DATE cannot spell.
    fn try_from(d: chrono::NaiveDate) -> Result<Date, Error> {
        let year = i16::try_from(d.year()).map_err(|_| {
            out_of_range(format!(
                "the date {d} is outside the years 0000 to 9999 that a DATE can spell \
                 (RFC 5545 §3.3.4)."
            ))
        })?;
        Date::new(year, d.month() as u8, d.day() as u8)
    }
}

impl From<Time> for chrono::NaiveTime {
    /// A leap second (60) becomes chrono's leap second: 59 and one second's
    /// worth of nanoseconds.
    fn from(t: Time) -> chrono::NaiveTime {
        let (second, nano) = if t.is_leap_second() {
            (59, NANOS_PER_SECOND)
        } else {
            (t.second, 0)
        };
        chrono::NaiveTime::from_hms_nano_opt(
            u32::from(t.hour),
            u32::from(t.minute),
            u32::from(second),
            nano,
        )
        .unwrap_or_default()
    }
}

impl TryFrom<chrono::NaiveTime> for Time {
    type Error = Error;
    /// chrono's leap second becomes second 60. Fails for any other fraction
    /// of a second, which a TIME cannot spell.
    fn try_from(t: chrono::NaiveTime) -> Result<Time, Error> {
        let second = match t.nanosecond() {
            0 => t.second(),
            NANOS_PER_SECOND if t.second() == 59 => 60,
            _ => {
                return Err(out_of_range(format!(
                    "the time {t} has a fraction of a second, which a TIME cannot carry \
                     (RFC 5545 §3.3.12)."
                )));
            }
        };
        Time::new(t.hour() as u8, t.minute() as u8, second as u8)
    }
}

impl From<DateTime> for chrono::NaiveDateTime {
    /// The civil date and time; the form (floating or UTC) is dropped.
    fn from(dt: DateTime) -> chrono::NaiveDateTime {
        chrono::NaiveDateTime::new(dt.date.into(), dt.time.into())
    }
}

impl TryFrom<chrono::NaiveDateTime> for DateTime {
    type Error = Error;
    /// A floating DATE-TIME. Fails for years outside 0–9999 or a fraction of a second.
    fn try_from(dt: chrono::NaiveDateTime) -> Result<DateTime, Error> {
        Ok(DateTime::floating(
            dt.date().try_into()?,
            dt.time().try_into()?,
        ))
    }
}

impl TryFrom<DateTime> for chrono::DateTime<Utc> {
    type Error = Error;
    /// Only a UTC DATE-TIME names an instant; a floating one fails.
    fn try_from(dt: DateTime) -> Result<chrono::DateTime<Utc>, Error> {
        if dt.form != TimeForm::Utc {
            return Err(out_of_range(format!(
                "the floating DATE-TIME {dt} names no instant without a time zone \
                 (RFC 5545 §3.3.5)."
            )));
        }
        Ok(chrono::NaiveDateTime::from(dt).and_utc())
    }
}

impl TryFrom<chrono::DateTime<Utc>> for DateTime {
    type Error = Error;
    /// A UTC DATE-TIME. Fails for years outside 0–9999 or a fraction of a second.
    fn try_from(dt: chrono::DateTime<Utc>) -> Result<DateTime, Error> {
        let floating = DateTime::try_from(dt.naive_utc())?;
        Ok(DateTime {
            form: TimeForm::Utc,
            ..floating
        })
    }
}

impl From<UtcOffset> for chrono::FixedOffset {
    fn from(o: UtcOffset) -> chrono::FixedOffset {
        // ±23:59:59 is exactly chrono's range.
        chrono::FixedOffset::east_opt(o.seconds).unwrap_or_else(|| Utc.fix())
    }
}

impl From<chrono::FixedOffset> for UtcOffset {
    fn from(o: chrono::FixedOffset) -> UtcOffset {
        // chrono's range (exclusive ±24 h) is exactly the UTC-OFFSET range.
        UtcOffset {
            seconds: o.local_minus_utc(),
        }
    }
}

impl TryFrom<Duration> for chrono::TimeDelta {
    type Error = Error;
    /// The exact part. Fails when the duration has weeks or days, whose
    /// length depends on the time zone (RFC 5545 §3.3.6).
    fn try_from(d: Duration) -> Result<chrono::TimeDelta, Error> {
        if d.weeks != 0 || d.days != 0 {
            return Err(out_of_range(format!(
                "the DURATION {d} has nominal weeks or days, which are not an exact length of \
                 time (RFC 5545 §3.3.6)."
            )));
        }
        chrono::TimeDelta::try_seconds(d.exact_seconds()).ok_or_else(|| {
            out_of_range(format!(
                "the DURATION {d} is beyond the limits of chrono::TimeDelta."
            ))
        })
    }
}

impl TryFrom<chrono::TimeDelta> for Duration {
    type Error = Error;
    /// Hours, minutes and seconds. Fails for a fraction of a second.
    fn try_from(d: chrono::TimeDelta) -> Result<Duration, Error> {
        if d.subsec_nanos() != 0 {
            return Err(out_of_range(format!(
                "the duration {d} has a fraction of a second, which a DURATION cannot carry \
                 (RFC 5545 §3.3.6)."
            )));
        }
        Duration::from_exact_seconds(d.num_seconds())
    }
}

impl From<Weekday> for chrono::Weekday {
    fn from(w: Weekday) -> chrono::Weekday {
        match w {
            Weekday::Monday => chrono::Weekday::Mon,
            Weekday::Tuesday => chrono::Weekday::Tue,
            Weekday::Wednesday => chrono::Weekday::Wed,
            Weekday::Thursday => chrono::Weekday::Thu,
            Weekday::Friday => chrono::Weekday::Fri,
            Weekday::Saturday => chrono::Weekday::Sat,
            Weekday::Sunday => chrono::Weekday::Sun,
        }
    }
}

impl From<chrono::Weekday> for Weekday {
    fn from(w: chrono::Weekday) -> Weekday {
        Weekday::from_monday_index(w.num_days_from_monday() as u8)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        let d = Date::parse("19970714").unwrap();
        let c = chrono::NaiveDate::from(d);
        assert_eq!(c, chrono::NaiveDate::from_ymd_opt(1997, 7, 14).unwrap());
        assert_eq!(Date::try_from(c).unwrap(), d);
        assert_eq!(Weekday::from(c.weekday()), d.weekday());
        assert!(Date::try_from(chrono::NaiveDate::from_ymd_opt(-1, 1, 1).unwrap()).is_err());
        assert!(Date::try_from(chrono::NaiveDate::from_ymd_opt(10_000, 1, 1).unwrap()).is_err());
    }

    #[test]
    fn leap_seconds_survive_the_round_trip() {
        let t = Time::new(23, 59, 60).unwrap();
        let c = chrono::NaiveTime::from(t);
        assert_eq!(c.second(), 59);
        assert_eq!(c.nanosecond(), NANOS_PER_SECOND);
        assert_eq!(Time::try_from(c).unwrap(), t);
        let fraction = chrono::NaiveTime::from_hms_milli_opt(1, 2, 3, 4).unwrap();
        assert!(Time::try_from(fraction).is_err());
    }

    #[test]
    fn date_times() {
        let utc = DateTime::parse("19970714T173000Z").unwrap();
        let c = chrono::DateTime::<Utc>::try_from(utc).unwrap();
        assert_eq!(c.timestamp(), 868_901_400);
        assert_eq!(DateTime::try_from(c).unwrap(), utc);
        let floating = DateTime::parse("19970714T133000").unwrap();
        assert!(chrono::DateTime::<Utc>::try_from(floating).is_err());
        let naive = chrono::NaiveDateTime::from(floating);
        assert_eq!(naive.to_string(), "1997-07-14 13:30:00");
        assert_eq!(DateTime::try_from(naive).unwrap(), floating);
    }

    #[test]
    fn offsets_and_durations() {
        let o = UtcOffset::parse("+053045").unwrap();
        let c = chrono::FixedOffset::from(o);
        assert_eq!(c.local_minus_utc(), 5 * 3600 + 30 * 60 + 45);
        assert_eq!(UtcOffset::from(c), o);

        let d = Duration::parse("-PT1H30M").unwrap();
        let delta = chrono::TimeDelta::try_from(d).unwrap();
        assert_eq!(delta.num_seconds(), -5400);
        assert_eq!(Duration::try_from(delta).unwrap(), d);
        assert!(chrono::TimeDelta::try_from(Duration::parse("P1D").unwrap()).is_err());
        assert!(Duration::try_from(chrono::TimeDelta::milliseconds(1500)).is_err());
    }

    #[test]
    fn weekdays() {
        for w in Weekday::ALL {
            assert_eq!(Weekday::from(chrono::Weekday::from(w)), w);
        }
    }
}
