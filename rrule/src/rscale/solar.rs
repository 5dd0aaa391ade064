//! The calendars with Gregorian months and years that only number years
//! differently: `buddhist`, `roc` and `japanese`.
//!
//! ICU4X (and ICU4C) define these as the Gregorian calendar with other
//! eras, so they are computed with the Gregorian arithmetic of
//! [`crate::calendar`], the year shifted; the test suite checks them against
//! ICU4X's `Buddhist` and `Roc` and against ICU4C.
//!
//! Year numbers: `buddhist` counts the Buddhist Era (Gregorian + 543, as
//! ICU4X's extended year does); `roc` counts Minguo years (Gregorian − 1911,
//! 0 and negative before 1912, as ICU4X's extended year does); `japanese`
//! counts Gregorian years, because its eras change in the middle of a year
//! (ICU4X's and ICU4C's extended year for it is the Gregorian year too).
//! The year number never changes which days a rule selects.

use crate::calendar::{CalendarDate, CalendarSystem, Gregorian, MonthCode};

/// The Gregorian calendar with year `g + offset` for Gregorian year `g`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ShiftedGregorian {
    /// The CLDR name.
    pub(crate) name: &'static str,
    /// The calendar's year minus the Gregorian year.
    pub(crate) offset: i32,
}

impl ShiftedGregorian {
    #[inline]
    fn gregorian(&self, year: i32) -> i32 {
        year.saturating_sub(self.offset)
    }
}

impl CalendarSystem for ShiftedGregorian {
    fn name(&self) -> &str {
        self.name
    }

    #[inline]
    fn date_of_day(&self, day: i64) -> CalendarDate {
        let date = Gregorian.date_of_day(day);
        CalendarDate {
            year: date.year.saturating_add(self.offset),
            ..date
        }
    }

    #[inline]
    fn day_of_date(&self, year: i32, month: u8, day: u8) -> i64 {
        Gregorian.day_of_date(self.gregorian(year), month, day)
    }

    #[inline]
    fn months_in_year(&self, _year: i32) -> u8 {
        12
    }

    #[inline]
    fn days_in_month(&self, year: i32, month: u8) -> u8 {
        Gregorian.days_in_month(self.gregorian(year), month)
    }

    #[inline]
    fn days_in_year(&self, year: i32) -> u16 {
        Gregorian.days_in_year(self.gregorian(year))
    }

    #[inline]
    fn max_days_in_month(&self) -> u8 {
        31
    }

    #[inline]
    fn month_code(&self, year: i32, month: u8) -> MonthCode {
        Gregorian.month_code(self.gregorian(year), month)
    }

    #[inline]
    fn month_ordinal(&self, year: i32, code: MonthCode) -> Option<u8> {
        Gregorian.month_ordinal(self.gregorian(year), code)
    }

    #[inline]
    fn month_index(&self, year: i32, month: u8) -> i64 {
        Gregorian.month_index(self.gregorian(year), month)
    }

    #[inline]
    fn month_from_index(&self, index: i64) -> (i32, u8) {
        let (year, month) = Gregorian.month_from_index(index);
        (year.saturating_add(self.offset), month)
    }

    #[inline]
    fn year_start(&self, year: i32) -> i64 {
        Gregorian.year_start(self.gregorian(year))
    }
}
