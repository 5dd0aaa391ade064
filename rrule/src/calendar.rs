//! Calendar systems: the fields the recurrence engine works on.
//!
//! The engine never does Gregorian arithmetic itself. It generates candidate
//! dates from calendar *fields* — year, month (with the leap flag of RFC 7529
//! §4.2), day of month — through the [`CalendarSystem`] trait, and converts
//! them to and from *day numbers* (days since 1970-01-01, the same count as
//! `kalends_ical_core::value::Date::unix_days`) for ordering and weekdays.
//! [`Gregorian`] is the calendar of RFC 5545; other RFC 7529 calendars plug in
//! by implementing the trait and being returned by [`calendar_for_rscale`].
//!
//! ```
//! use kalends_rrule::calendar::{CalendarSystem, Gregorian};
//!
//! let day = Gregorian.day_of_date(2024, 2, 29);
//! let date = Gregorian.date_of_day(day);
//! assert_eq!((date.year, date.month, date.day), (2024, 2, 29));
//! assert_eq!(Gregorian.days_in_month(2023, 2), 28);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::fmt;
use std::sync::Arc;

use crate::error::Error;
#[cfg(not(feature = "rscale"))]
use crate::error::{ErrorKind, quote};

/// A month as RFC 7529 §4.2 names it: a number and a leap flag (`5L` is the
/// leap month that follows month 5). Gregorian months are never leap.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct MonthCode {
    /// The month number, 1-based.
    pub number: u8,
    /// True for a leap month.
    pub leap: bool,
}

/// A date as calendar fields. `month` is the *ordinal* month: the position
/// of the month in its year (1-based), which differs from the month code's
/// number after a leap month in lunisolar calendars.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CalendarDate {
    /// The year in the calendar's own era reckoning.
    pub year: i32,
    /// The ordinal month, 1-based.
    pub month: u8,
    /// The day of the month, 1-based.
    pub day: u8,
}

/// A calendar system the engine can expand rules in (RFC 7529 §3: "the
/// recurrence rule is evaluated in the calendar's fields").
///
/// Day numbers count days since 1970-01-01 in the proleptic Gregorian
/// calendar and are the common currency between calendars. Implementations
/// must be consistent: `date_of_day(day_of_date(y, m, d)) == (y, m, d)`
/// for every valid date, consecutive days have consecutive day numbers, and
/// `month_index` numbers months consecutively across years. Methods are
/// called with fields the calendar itself produced; for invalid fields they
/// may return any value but must not panic.
///
/// The engine covers the Gregorian years 0000–9999; a calendar only needs
/// to be correct for the day numbers of that range.
pub trait CalendarSystem: Send + Sync {
    /// The calendar's CLDR name, lower case (`"gregorian"`).
    fn name(&self) -> &str;

    /// The fields of the date with day number `day`.
    fn date_of_day(&self, day: i64) -> CalendarDate;

    /// The day number of a valid date.
    fn day_of_date(&self, year: i32, month: u8, day: u8) -> i64;

    /// The number of months of `year` (12 for Gregorian, 12 or 13 for
    /// Hebrew and Chinese, 13 for Coptic and Ethiopic).
    fn months_in_year(&self, year: i32) -> u8;

    /// The number of days of the ordinal `month` of `year`.
    fn days_in_month(&self, year: i32, month: u8) -> u8;

    /// The number of days of `year`.
    fn days_in_year(&self, year: i32) -> u16;

    /// The largest number of days any month can have (31 for Gregorian);
    /// used when a SKIP rule presumes the longest month (RFC 8984 §4.3.3.1).
    fn max_days_in_month(&self) -> u8;

    /// The RFC 7529 month code of the ordinal `month` of `year`.
    fn month_code(&self, year: i32, month: u8) -> MonthCode;

    /// The ordinal month of `year` that has month code `code`, or `None`
    /// when that month does not occur in `year` (a leap month in a common
    /// year, or a number beyond the year's months).
    fn month_ordinal(&self, year: i32, code: MonthCode) -> Option<u8>;

    /// A consecutive number for the ordinal `month` of `year`: the month
    /// after it has the number plus one, across year boundaries.
    fn month_index(&self, year: i32, month: u8) -> i64;

    /// The year and ordinal month numbered `index` by [`Self::month_index`].
    fn month_from_index(&self, index: i64) -> (i32, u8);

    /// The day number of the first day of `year`.
    fn year_start(&self, year: i32) -> i64 {
        self.day_of_date(year, 1, 1)
    }

    /// The day number of the first day of the ordinal `month` of `year`.
    fn month_start(&self, year: i32, month: u8) -> i64 {
        self.day_of_date(year, month, 1)
    }
}

/// The weekday of day number `day`: 0 = Monday … 6 = Sunday.
/// 1970-01-01 was a Thursday.
#[inline]
pub fn weekday_of(day: i64) -> u8 {
    // rem_euclid(7) is 0..=6, so the cast is lossless.
    (day.wrapping_add(3)).rem_euclid(7) as u8
}

/// The proleptic Gregorian calendar of RFC 5545 (and of RFC 7529's
/// `GREGORIAN`, `GREGORY` and `ISO8601`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Gregorian;

/// True for a Gregorian leap year.
#[inline]
pub(crate) const fn is_leap(year: i32) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

/// Days of a Gregorian month (0 for a month outside 1–12).
#[inline]
pub(crate) const fn gregorian_days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// Day number of a Gregorian date (days from 1970-01-01), valid for any
/// `i32` year without overflow in `i64`.
#[inline]
pub(crate) const fn days_from_civil(year: i32, month: u8, day: u8) -> i64 {
    let y = if month <= 2 {
        year as i64 - 1
    } else {
        year as i64
    };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let m = month as i64;
    let mp = if m > 2 { m - 3 } else { m + 9 };
    let doy = (153 * mp + 2) / 5 + day as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Gregorian fields of a day number; years beyond `i32` saturate.
#[inline]
pub(crate) const fn civil_from_days(day: i64) -> (i32, u8, u8) {
    let z = day.saturating_add(719_468);
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let y = if m <= 2 { y + 1 } else { y };
    let y = if y > i32::MAX as i64 {
        i32::MAX
    } else if y < i32::MIN as i64 {
        i32::MIN
    } else {
        y as i32
    };
    (y, m, d)
}

impl CalendarSystem for Gregorian {
    fn name(&self) -> &str {
        "gregorian"
    }

    #[inline]
    fn date_of_day(&self, day: i64) -> CalendarDate {
        let (year, month, day) = civil_from_days(day);
        CalendarDate { year, month, day }
    }

    #[inline]
    fn day_of_date(&self, year: i32, month: u8, day: u8) -> i64 {
        days_from_civil(year, month, day)
    }

    #[inline]
    fn months_in_year(&self, _year: i32) -> u8 {
        12
    }

    #[inline]
    fn days_in_month(&self, year: i32, month: u8) -> u8 {
        gregorian_days_in_month(year, month)
    }

    #[inline]
    fn days_in_year(&self, year: i32) -> u16 {
        if is_leap(year) { 366 } else { 365 }
    }

    #[inline]
    fn max_days_in_month(&self) -> u8 {
        31
    }

    #[inline]
    fn month_code(&self, _year: i32, month: u8) -> MonthCode {
        MonthCode {
            number: month,
            leap: false,
        }
    }

    #[inline]
    fn month_ordinal(&self, _year: i32, code: MonthCode) -> Option<u8> {
        (!code.leap && (1..=12).contains(&code.number)).then_some(code.number)
    }

    #[inline]
    fn month_index(&self, year: i32, month: u8) -> i64 {
        i64::from(year) * 12 + i64::from(month) - 1
    }

    #[inline]
    fn month_from_index(&self, index: i64) -> (i32, u8) {
        let year = index.div_euclid(12);
        let month = index.rem_euclid(12) as u8 + 1;
        (
            i32::try_from(year).unwrap_or(if year < 0 { i32::MIN } else { i32::MAX }),
            month,
        )
    }

    #[inline]
    fn year_start(&self, year: i32) -> i64 {
        days_from_civil(year, 1, 1)
    }
}

/// The calendar a rule is expanded in: Gregorian (statically dispatched, the
/// fast path) or any other [`CalendarSystem`].
#[derive(Clone)]
pub enum Calendar {
    /// The Gregorian calendar.
    Gregorian,
    /// Another calendar system.
    Other(Arc<dyn CalendarSystem>),
}

impl fmt::Debug for Calendar {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Calendar::Gregorian => f.write_str("Gregorian"),
            Calendar::Other(c) => write!(f, "Calendar({})", c.name()),
        }
    }
}

impl Calendar {
    /// The calendar's CLDR name.
    pub fn name(&self) -> &str {
        match self {
            Calendar::Gregorian => "gregorian",
            Calendar::Other(c) => c.name(),
        }
    }

    /// True for the Gregorian calendar.
    pub fn is_gregorian(&self) -> bool {
        matches!(self, Calendar::Gregorian)
    }
}

/// The calendar system an RSCALE value names (RFC 7529 §4, §5). Names are
/// compared case-insensitively; CLDR aliases are equivalent.
///
/// With the default `rscale` feature every CLDR calendar of
/// [`crate::rscale`] is known; without it only `GREGORIAN` and its aliases
/// `GREGORY` and `ISO8601` (whose rules RFC 5545 already follows: weeks by
/// WKST, week 1 with four days). Any other name fails with
/// [`crate::ErrorKind::UnsupportedCalendar`], so the caller can apply
/// RFC 7529 §6 (reject the component, or treat it as non-recurring). This
/// function is the single place where further calendars are plugged in.
///
/// ```
/// use kalends_rrule::calendar::calendar_for_rscale;
///
/// assert!(calendar_for_rscale("gregorian")?.is_gregorian());
/// assert!(calendar_for_rscale("KLINGON").is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn calendar_for_rscale(name: &str) -> Result<Calendar, Error> {
    #[cfg(feature = "rscale")]
    {
        crate::rscale::calendar(name)
    }
    #[cfg(not(feature = "rscale"))]
    {
        let known = ["GREGORIAN", "GREGORY", "ISO8601"];
        if known.iter().any(|k| k.eq_ignore_ascii_case(name)) {
            return Ok(Calendar::Gregorian);
        }
        Err(Error::new(
            ErrorKind::UnsupportedCalendar,
            format!(
                "the RSCALE {} names a calendar system this build does not support.",
                quote(name)
            ),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_round_trip_over_the_range() {
        let start = days_from_civil(0, 1, 1);
        let end = days_from_civil(9999, 12, 31);
        let mut expected = (0, 1, 1);
        for day in start..=end {
            let got = civil_from_days(day);
            assert_eq!(got, expected, "day {day}");
            assert_eq!(days_from_civil(got.0, got.1, got.2), day);
            let (y, m, d) = expected;
            expected = if d < gregorian_days_in_month(y, m) {
                (y, m, d + 1)
            } else if m < 12 {
                (y, m + 1, 1)
            } else {
                (y + 1, 1, 1)
            };
        }
    }

    #[test]
    fn epoch_and_weekday() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(weekday_of(0), 3);
        assert_eq!(weekday_of(days_from_civil(1997, 9, 2)), 1);
        assert_eq!(weekday_of(-1), 2);
    }

    /// The Gregorian calendar behind the trait object: the dynamic path of
    /// the engine must give what the static one gives.
    struct Boxed;

    impl CalendarSystem for Boxed {
        fn name(&self) -> &str {
            "boxed-gregorian"
        }
        fn date_of_day(&self, day: i64) -> CalendarDate {
            Gregorian.date_of_day(day)
        }
        fn day_of_date(&self, year: i32, month: u8, day: u8) -> i64 {
            Gregorian.day_of_date(year, month, day)
        }
        fn months_in_year(&self, year: i32) -> u8 {
            Gregorian.months_in_year(year)
        }
        fn days_in_month(&self, year: i32, month: u8) -> u8 {
            Gregorian.days_in_month(year, month)
        }
        fn days_in_year(&self, year: i32) -> u16 {
            Gregorian.days_in_year(year)
        }
        fn max_days_in_month(&self) -> u8 {
            31
        }
        fn month_code(&self, year: i32, month: u8) -> MonthCode {
            Gregorian.month_code(year, month)
        }
        fn month_ordinal(&self, year: i32, code: MonthCode) -> Option<u8> {
            Gregorian.month_ordinal(year, code)
        }
        fn month_index(&self, year: i32, month: u8) -> i64 {
            Gregorian.month_index(year, month)
        }
        fn month_from_index(&self, index: i64) -> (i32, u8) {
            Gregorian.month_from_index(index)
        }
    }

    #[test]
    fn dynamic_calendar_path_matches_gregorian() {
        use crate::{Options, Recurrence};
        use kalends_ical_core::value::{DateOrDateTime, Recur};
        let start = DateOrDateTime::parse("19970902T090000").unwrap();
        for rule in [
            "FREQ=YEARLY;BYMONTH=11;BYDAY=4TH;COUNT=20",
            "FREQ=MONTHLY;BYMONTHDAY=-1,15;COUNT=30",
            "FREQ=YEARLY;BYWEEKNO=1,53;BYDAY=TU,SA;COUNT=30",
            "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,FR;COUNT=30",
            "FREQ=YEARLY;BYYEARDAY=-1,100;COUNT=30",
        ] {
            let r = Recur::parse(rule).unwrap();
            let opts = Options::default();
            let a: Vec<_> = Recurrence::new(&r, start, None, &opts)
                .unwrap()
                .iter()
                .map(Result::unwrap)
                .collect();
            let dynamic = Calendar::Other(Arc::new(Boxed));
            let b: Vec<_> = Recurrence::with_calendar(&r, start, None, dynamic, &opts)
                .unwrap()
                .iter()
                .map(Result::unwrap)
                .collect();
            assert_eq!(a, b, "{rule}");
            assert_eq!(a.len(), if rule.contains("COUNT=20") { 20 } else { 30 });
        }
    }

    #[test]
    fn month_index_round_trip() {
        for idx in [-25, -1, 0, 11, 12, 24_299] {
            let (y, m) = Gregorian.month_from_index(idx);
            assert_eq!(Gregorian.month_index(y, m), idx);
        }
    }
}
