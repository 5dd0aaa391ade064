//! Year tables: the structure of each calendar year, computed once and
//! shared, so that the engine's hot loop never re-runs ICU4X.
//!
//! A [`YearInfo`] holds what every [`CalendarSystem`] method needs about one
//! year: its first day, the cumulative lengths of its months and which month
//! is the leap month. Years are computed 32 at a time, on first use, into a
//! process-wide table per calendar algorithm ([`YearTable`]); a lookup after
//! that is one atomic load and an array access. The tables cover the years
//! whose days fall in the Gregorian years −1 to 10001, a margin around the
//! engine's 0000–9999.
//!
//! Month numbering follows RFC 7529 §4.2: a year has regular months 1..N and
//! at most one leap month, which takes the code `NL` of the regular month N
//! it follows, and the months after it keep their regular numbers while
//! their ordinal position moves up by one.

use std::sync::OnceLock;

use crate::calendar::{CalendarDate, CalendarSystem, MonthCode, days_from_civil};

/// Years computed together on first use.
pub(crate) const CHUNK: usize = 32;

/// The first day number a table answers for: −0001-01-01. Days before it
/// are read as this day (a documented fallback; the engine stays in the
/// years 0000–9999).
pub(crate) const MIN_DAY: i64 = days_from_civil(-1, 1, 1);
/// The last day number a table answers for: 10001-12-31.
pub(crate) const MAX_DAY: i64 = days_from_civil(10_001, 12, 31);

/// The reference day of the lunation count: 2000-01-06, a new moon.
const LUNATION_EPOCH: i64 = days_from_civil(2000, 1, 6);
/// The mean lunation in parts of 1/25 920 day (29 d 12 h 793 parts, the
/// traditional Hebrew value, within a second of the astronomical mean).
const LUNATION_PARTS: i64 = 765_433;
/// Parts per day.
const PARTS_PER_DAY: i64 = 25_920;

/// The structure of one calendar year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct YearInfo {
    /// The day number of the first day of the year.
    pub(crate) start: i32,
    /// `ends[i]` is the number of days from the start of the year to the end
    /// of ordinal month `i + 1`; entries after the last month are unused.
    pub(crate) ends: [u16; 13],
    /// The number of months (1–13).
    pub(crate) months: u8,
    /// The ordinal of the leap month, 0 when the year has none.
    pub(crate) leap: u8,
}

/// What a lookup returns if the table cannot answer (never expected; keeps
/// the lookups total without a panic).
static FALLBACK: YearInfo = YearInfo::synthetic(0);

impl YearInfo {
    /// A stand-in year of twelve 30-day months starting on day `start`, used
    /// only if ICU4X returned something inconsistent for a year (never seen
    /// in the years tested), so that the table stays gap-free.
    pub(crate) const fn synthetic(start: i32) -> YearInfo {
        let mut ends = [0u16; 13];
        let mut i = 0;
        while i < 12 {
            #[allow(clippy::indexing_slicing)] // const loop, i < 12 < 13
            {
                ends[i] = 30 * (i as u16 + 1);
            }
            i += 1;
        }
        YearInfo {
            start,
            ends,
            months: 12,
            leap: 0,
        }
    }

    /// The number of days of the year.
    #[inline]
    pub(crate) fn len(&self) -> u16 {
        usize::from(self.months)
            .checked_sub(1)
            .and_then(|i| self.ends.get(i))
            .copied()
            .unwrap_or(0)
    }

    /// The day number just after the last day of the year.
    #[inline]
    pub(crate) fn end(&self) -> i64 {
        i64::from(self.start) + i64::from(self.len())
    }

    /// Days of the year before ordinal `month` (for `month` beyond the year,
    /// the whole year).
    #[inline]
    fn before(&self, month: u8) -> u16 {
        match month.checked_sub(2) {
            None => 0,
            Some(i) if i < self.months => self.ends.get(usize::from(i)).copied().unwrap_or(0),
            Some(_) => self.len(),
        }
    }

    /// Days of ordinal `month`, 0 outside the year.
    #[inline]
    fn month_len(&self, month: u8) -> u8 {
        if month == 0 || month > self.months {
            return 0;
        }
        let end = self.ends.get(usize::from(month - 1)).copied().unwrap_or(0);
        // Month lengths are at most 31 (checked when the year is built).
        u8::try_from(end.saturating_sub(self.before(month))).unwrap_or(0)
    }

    /// The RFC 7529 §4.2 code of ordinal `month`.
    #[inline]
    fn code(&self, month: u8) -> MonthCode {
        if self.leap == 0 || month < self.leap {
            MonthCode {
                number: month,
                leap: false,
            }
        } else {
            MonthCode {
                number: month - 1,
                leap: month == self.leap,
            }
        }
    }

    /// The ordinal month with `code`, if the year has it.
    #[inline]
    fn ordinal(&self, code: MonthCode) -> Option<u8> {
        let has_leap = self.leap != 0;
        if code.leap {
            return (has_leap && code.number.checked_add(1) == Some(self.leap))
                .then_some(self.leap);
        }
        let regular = self.months - u8::from(has_leap);
        if code.number == 0 || code.number > regular {
            None
        } else if has_leap && code.number >= self.leap {
            Some(code.number + 1)
        } else {
            Some(code.number)
        }
    }

    /// The ordinal month and day of the day `offset` days after the start.
    #[inline]
    fn month_day(&self, offset: u16) -> (u8, u8) {
        let mut before = 0u16;
        for (month, &end) in (1u8..).zip(self.ends.iter().take(usize::from(self.months))) {
            if offset < end {
                // offset - before < 31, see `month_len`.
                return (month, u8::try_from(offset - before + 1).unwrap_or(1));
            }
            before = end;
        }
        (self.months, self.month_len(self.months))
    }
}

/// How months are counted across years, for
/// [`CalendarSystem::month_index`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum MonthCount {
    /// Every year has this many months.
    Fixed(u8),
    /// Lunisolar: 12 or 13 months, each starting near a new moon; months
    /// are numbered by the mean lunation their first day falls in.
    Lunations,
}

/// The shape of a calendar: enough to estimate which year a day is in.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Shape {
    /// A year of the table.
    pub(crate) anchor_year: i32,
    /// A day near the start of `anchor_year`.
    pub(crate) anchor_day: i64,
    /// The mean year is `num / den` days.
    pub(crate) num: i64,
    /// See `num`.
    pub(crate) den: i64,
    /// How months are counted across years.
    pub(crate) months: MonthCount,
    /// The longest month.
    pub(crate) max_month: u8,
}

impl Shape {
    /// The table year that day `day` is in, within about a year.
    #[inline]
    pub(crate) fn estimate(&self, day: i64) -> i32 {
        let years = day
            .saturating_sub(self.anchor_day)
            .saturating_mul(self.den)
            .div_euclid(self.num);
        let year = i64::from(self.anchor_year).saturating_add(years);
        i32::try_from(year).unwrap_or(if year < 0 { i32::MIN } else { i32::MAX })
    }

    /// A day near the middle of table year `year`.
    pub(crate) fn middle_of(&self, year: i32) -> i64 {
        let years = i64::from(year) - i64::from(self.anchor_year);
        self.anchor_day + (years * self.num + self.num / 2).div_euclid(self.den)
    }

    /// The mean year length in whole days.
    pub(crate) fn mean_days(&self) -> i64 {
        self.num / self.den
    }
}

/// Computes the years of a table; implemented by the ICU4X bridge.
pub(crate) trait YearSource: Send + Sync {
    /// Fills `out` with the table years `first`, `first + 1`, ….
    fn fill(&self, shape: &Shape, first: i32, out: &mut [YearInfo; CHUNK]);
}

/// The cached years of one calendar algorithm, shared by every calendar
/// that uses it and filled lazily, [`CHUNK`] years at a time.
pub(crate) struct YearTable {
    source: Box<dyn YearSource>,
    shape: Shape,
    /// The first table year.
    first: i32,
    /// The number of years covered.
    count: i64,
    chunks: Box<[OnceLock<Box<[YearInfo; CHUNK]>>]>,
}

impl YearTable {
    /// A table covering the years of the days [`MIN_DAY`]..=[`MAX_DAY`].
    pub(crate) fn new(shape: Shape, source: Box<dyn YearSource>) -> YearTable {
        let first = shape.estimate(MIN_DAY).saturating_sub(3);
        let last = shape.estimate(MAX_DAY).saturating_add(3);
        let count = (i64::from(last) - i64::from(first) + 1).max(1);
        let n = usize::try_from(count).unwrap_or(0).div_ceil(CHUNK);
        let chunks = (0..n).map(|_| OnceLock::new()).collect();
        YearTable {
            source,
            shape,
            first,
            count,
            chunks,
        }
    }

    /// The structure of table year `year` (the nearest covered year when
    /// `year` is outside the table).
    #[inline]
    pub(crate) fn year(&self, year: i32) -> &YearInfo {
        let idx = (i64::from(year) - i64::from(self.first)).clamp(0, self.count - 1);
        // idx is in 0..count, which fits in usize (count came from a usize).
        let idx = usize::try_from(idx).unwrap_or(0);
        let Some(chunk) = self.chunks.get(idx / CHUNK) else {
            return &FALLBACK;
        };
        let years = chunk.get_or_init(|| {
            let start = self
                .first
                .saturating_add(i32::try_from(idx / CHUNK * CHUNK).unwrap_or(0));
            let mut out = Box::new([FALLBACK; CHUNK]);
            self.source.fill(&self.shape, start, &mut out);
            out
        });
        years.get(idx % CHUNK).unwrap_or(&FALLBACK)
    }

    /// The table year and structure of the year containing day `day`
    /// (clamped to [`MIN_DAY`]..=[`MAX_DAY`]).
    #[inline]
    pub(crate) fn year_of_day(&self, day: i64) -> (i32, &YearInfo) {
        let day = day.clamp(MIN_DAY, MAX_DAY);
        let mut year = self.shape.estimate(day);
        let mut info = self.year(year);
        // The estimate is within a year or so; a few steps always suffice
        // inside the table.
        for _ in 0..8 {
            if day < i64::from(info.start) {
                year = year.saturating_sub(1);
            } else if day >= info.end() {
                year = year.saturating_add(1);
            } else {
                break;
            }
            info = self.year(year);
        }
        (year, info)
    }
}

/// A calendar backed by a [`YearTable`]: the RSCALE calendars other than
/// the Gregorian-month ones.
pub(crate) struct TableCalendar {
    /// The CLDR name.
    pub(crate) name: &'static str,
    /// The shared year table.
    pub(crate) table: &'static YearTable,
    /// The calendar's year number minus the table year.
    pub(crate) offset: i32,
}

impl TableCalendar {
    #[inline]
    fn info(&self, year: i32) -> &YearInfo {
        self.table.year(year.saturating_sub(self.offset))
    }

    /// The month after (`year`, `month`).
    fn next_month(&self, year: i32, month: u8) -> (i32, u8) {
        if month < self.months_in_year(year) {
            (year, month + 1)
        } else {
            (year.saturating_add(1), 1)
        }
    }

    /// The month before (`year`, `month`).
    fn prev_month(&self, year: i32, month: u8) -> (i32, u8) {
        if month > 1 {
            (year, month - 1)
        } else {
            let y = year.saturating_sub(1);
            (y, self.months_in_year(y))
        }
    }
}

impl CalendarSystem for TableCalendar {
    fn name(&self) -> &str {
        self.name
    }

    #[inline]
    fn date_of_day(&self, day: i64) -> CalendarDate {
        let (year, info) = self.table.year_of_day(day);
        let offset = day.clamp(MIN_DAY, MAX_DAY) - i64::from(info.start);
        let (month, day) = info.month_day(u16::try_from(offset).unwrap_or(0));
        CalendarDate {
            year: year.saturating_add(self.offset),
            month,
            day,
        }
    }

    #[inline]
    fn day_of_date(&self, year: i32, month: u8, day: u8) -> i64 {
        let info = self.info(year);
        i64::from(info.start) + i64::from(info.before(month)) + i64::from(day) - 1
    }

    #[inline]
    fn months_in_year(&self, year: i32) -> u8 {
        self.info(year).months
    }

    #[inline]
    fn days_in_month(&self, year: i32, month: u8) -> u8 {
        self.info(year).month_len(month)
    }

    #[inline]
    fn days_in_year(&self, year: i32) -> u16 {
        self.info(year).len()
    }

    #[inline]
    fn max_days_in_month(&self) -> u8 {
        self.table.shape.max_month
    }

    #[inline]
    fn month_code(&self, year: i32, month: u8) -> MonthCode {
        self.info(year).code(month)
    }

    #[inline]
    fn month_ordinal(&self, year: i32, code: MonthCode) -> Option<u8> {
        self.info(year).ordinal(code)
    }

    #[inline]
    fn month_index(&self, year: i32, month: u8) -> i64 {
        match self.table.shape.months {
            MonthCount::Fixed(n) => {
                i64::from(year)
                    .saturating_mul(i64::from(n))
                    .saturating_add(i64::from(month))
                    - 1
            }
            MonthCount::Lunations => {
                // Every month starts within a few days of a mean new moon,
                // so rounding to the nearest mean lunation numbers months
                // consecutively.
                let start = self.month_start(year, month);
                (start - LUNATION_EPOCH)
                    .saturating_mul(PARTS_PER_DAY)
                    .saturating_add(LUNATION_PARTS / 2)
                    .div_euclid(LUNATION_PARTS)
            }
        }
    }

    fn month_from_index(&self, index: i64) -> (i32, u8) {
        match self.table.shape.months {
            MonthCount::Fixed(n) => {
                let n = i64::from(n.max(1));
                let year = index.div_euclid(n);
                // rem_euclid(n) < n <= 255.
                let month = u8::try_from(index.rem_euclid(n) + 1).unwrap_or(1);
                (
                    i32::try_from(year).unwrap_or(if year < 0 { i32::MIN } else { i32::MAX }),
                    month,
                )
            }
            MonthCount::Lunations => {
                let approx =
                    i128::from(index) * i128::from(LUNATION_PARTS) / i128::from(PARTS_PER_DAY);
                let approx =
                    i64::try_from(approx).unwrap_or(if index < 0 { MIN_DAY } else { MAX_DAY });
                let date = self.date_of_day(LUNATION_EPOCH.saturating_add(approx));
                let (mut year, mut month) = (date.year, date.month);
                for _ in 0..4 {
                    let k = self.month_index(year, month);
                    if k == index {
                        break;
                    }
                    (year, month) = if k < index {
                        self.next_month(year, month)
                    } else {
                        self.prev_month(year, month)
                    };
                }
                (year, month)
            }
        }
    }

    #[inline]
    fn year_start(&self, year: i32) -> i64 {
        i64::from(self.info(year).start)
    }

    #[inline]
    fn month_start(&self, year: i32, month: u8) -> i64 {
        let info = self.info(year);
        i64::from(info.start) + i64::from(info.before(month))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hebrew_like() -> YearInfo {
        // 13 months, leap month at ordinal 6 (code 5L).
        let lens = [30u16, 29, 30, 29, 30, 30, 29, 30, 29, 30, 29, 30, 29];
        let mut ends = [0u16; 13];
        let mut total = 0;
        for (e, l) in ends.iter_mut().zip(lens) {
            total += l;
            *e = total;
        }
        YearInfo {
            start: 100,
            ends,
            months: 13,
            leap: 6,
        }
    }

    #[test]
    fn codes_and_ordinals_round_trip() {
        let y = hebrew_like();
        let codes: Vec<MonthCode> = (1..=13).map(|m| y.code(m)).collect();
        assert_eq!(
            codes[4],
            MonthCode {
                number: 5,
                leap: false
            }
        );
        assert_eq!(
            codes[5],
            MonthCode {
                number: 5,
                leap: true
            }
        );
        assert_eq!(
            codes[6],
            MonthCode {
                number: 6,
                leap: false
            }
        );
        assert_eq!(
            codes[12],
            MonthCode {
                number: 12,
                leap: false
            }
        );
        for m in 1..=13 {
            assert_eq!(y.ordinal(y.code(m)), Some(m));
        }
        assert_eq!(
            y.ordinal(MonthCode {
                number: 4,
                leap: true
            }),
            None
        );
        assert_eq!(
            y.ordinal(MonthCode {
                number: 13,
                leap: false
            }),
            None
        );
        assert_eq!(
            y.ordinal(MonthCode {
                number: 0,
                leap: false
            }),
            None
        );
        assert_eq!(y.len(), 384);
        assert_eq!(y.month_day(0), (1, 1));
        assert_eq!(y.month_day(383), (13, 29));
        assert_eq!(y.month_day(150), (6, 3));
        assert_eq!(y.month_len(6), 30);
        assert_eq!(y.month_len(14), 0);
        assert_eq!(y.before(14), 384);
    }

    #[test]
    fn synthetic_year_is_consistent() {
        let y = YearInfo::synthetic(7);
        assert_eq!(y.len(), 360);
        assert_eq!(y.month_day(359), (12, 30));
        assert_eq!(
            y.ordinal(MonthCode {
                number: 12,
                leap: false
            }),
            Some(12)
        );
    }
}
