//! Reference calendars for the RSCALE rule tests, built without the crate's
//! calendar code where an arithmetic definition exists.
//!
//! - Hebrew: the molad of Tishri and the four postponements (Reingold &
//!   Dershowitz, "Calendrical Calculations", ch. 8), month lengths from the
//!   year length.
//! - Islamic civil: the tabular Hijri calendar, type II leap years, Friday
//!   epoch.
//! - Ethiopic: twelve 30-day months and a 13th of 5 or 6 days from the
//!   Julian-style epoch of Amete Mihret.
//! - Chinese: no arithmetic definition; the year structures are read from
//!   the crate's `CHINESE` calendar, which `tests/rscale_calendars.rs`
//!   checks against ICU4C 72 (every year of 1900–2200 but 27 listed ones,
//!   where ICU4C departs from the official tables or computes the
//!   astronomy with less precision) and against ICU4X every day.
//!
//! `tests/rscale_calendars.rs` checks the crate's Hebrew, Islamic civil and
//! Ethiopic calendars against the same arithmetic and against ICU4C, so the
//! two sources agree; here the arithmetic is the reference.

// Test helpers may unwrap, panic and index: a failure is a failed test.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    dead_code
)]

use kalends_rrule::calendar::{CalendarSystem, Gregorian, MonthCode};

/// A regular month code.
pub fn m(number: u8) -> MonthCode {
    MonthCode {
        number,
        leap: false,
    }
}

/// A leap month code (`NL`, RFC 7529 §4.2).
pub fn l(number: u8) -> MonthCode {
    MonthCode { number, leap: true }
}

/// The month code as RFC 7529 writes it.
pub fn code_text(c: MonthCode) -> String {
    format!("{}{}", c.number, if c.leap { "L" } else { "" })
}

/// The day number (days since 1970-01-01) of a Gregorian `yyyymmdd`.
pub fn day(ymd: u32) -> i64 {
    Gregorian.day_of_date(
        (ymd / 10_000) as i32,
        (ymd / 100 % 100) as u8,
        (ymd % 100) as u8,
    )
}

/// The Gregorian `yyyymmdd` of a day number.
pub fn ymd(day: i64) -> u32 {
    let d = Gregorian.date_of_day(day);
    d.year as u32 * 10_000 + u32::from(d.month) * 100 + u32::from(d.day)
}

/// One year: its number, its first day and its months in order.
#[derive(Debug, Clone)]
pub struct Year {
    pub year: i32,
    pub start: i64,
    pub months: Vec<(MonthCode, u8)>,
}

/// A date in a reference calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Fields {
    pub year: i32,
    /// The ordinal month, 1-based.
    pub ordinal: u8,
    pub code: MonthCode,
    pub day: u8,
}

impl std::fmt::Display for Fields {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}-{}-{}", self.year, code_text(self.code), self.day)
    }
}

/// A calendar as a list of consecutive years.
#[derive(Debug, Clone)]
pub struct RefCal {
    pub name: &'static str,
    pub years: Vec<Year>,
}

impl RefCal {
    fn new(name: &'static str, years: Vec<Year>) -> RefCal {
        for w in years.windows(2) {
            let len: i64 = w[0].months.iter().map(|&(_, d)| i64::from(d)).sum();
            assert_eq!(w[0].start + len, w[1].start, "{name} {}", w[0].year);
            assert_eq!(w[0].year + 1, w[1].year, "{name}");
        }
        RefCal { name, years }
    }

    /// The year numbered `year`.
    pub fn year(&self, year: i32) -> &Year {
        let first = self.years[0].year;
        let y = &self.years[usize::try_from(year - first).unwrap()];
        assert_eq!(y.year, year);
        y
    }

    /// True when `year` is in the table.
    pub fn has_year(&self, year: i32) -> bool {
        let first = self.years[0].year;
        (first..first + self.years.len() as i32).contains(&year)
    }

    /// The ordinal of month `code` in `year`, if the year has it.
    pub fn ordinal(&self, year: i32, code: MonthCode) -> Option<u8> {
        self.year(year)
            .months
            .iter()
            .position(|&(c, _)| c == code)
            .map(|i| i as u8 + 1)
    }

    /// The length of the ordinal month.
    pub fn len(&self, year: i32, ordinal: u8) -> u8 {
        self.year(year).months[usize::from(ordinal) - 1].1
    }

    /// The code of the ordinal month.
    pub fn code(&self, year: i32, ordinal: u8) -> MonthCode {
        self.year(year).months[usize::from(ordinal) - 1].0
    }

    /// Number of months of `year`.
    pub fn months(&self, year: i32) -> u8 {
        self.year(year).months.len() as u8
    }

    /// The first day of the ordinal month.
    pub fn month_start(&self, year: i32, ordinal: u8) -> i64 {
        let y = self.year(year);
        y.start
            + y.months[..usize::from(ordinal) - 1]
                .iter()
                .map(|&(_, d)| i64::from(d))
                .sum::<i64>()
    }

    /// The fields of `(year, ordinal, day)`.
    pub fn fields(&self, year: i32, ordinal: u8, day: u8) -> Fields {
        Fields {
            year,
            ordinal,
            code: self.code(year, ordinal),
            day,
        }
    }

    /// The day number of valid fields.
    pub fn day_of(&self, f: Fields) -> i64 {
        assert!(f.day >= 1 && f.day <= self.len(f.year, f.ordinal), "{f:?}");
        self.month_start(f.year, f.ordinal) + i64::from(f.day) - 1
    }

    /// The fields of a day number.
    pub fn date_of(&self, d: i64) -> Fields {
        let i = self.years.partition_point(|y| y.start <= d);
        assert!(
            i > 0 && i < self.years.len(),
            "{}: day {d} outside the table",
            self.name
        );
        let y = &self.years[i - 1];
        let mut start = y.start;
        for (k, &(code, len)) in y.months.iter().enumerate() {
            if d < start + i64::from(len) {
                return Fields {
                    year: y.year,
                    ordinal: k as u8 + 1,
                    code,
                    day: (d - start + 1) as u8,
                };
            }
            start += i64::from(len);
        }
        panic!("{}: day {d} beyond year {}", self.name, y.year)
    }

    /// The month after the ordinal month (the next year's first month
    /// after the last).
    pub fn next_month(&self, year: i32, ordinal: u8) -> (i32, u8) {
        if ordinal < self.months(year) {
            (year, ordinal + 1)
        } else {
            (year + 1, 1)
        }
    }

    /// The month before the ordinal month.
    pub fn prev_month(&self, year: i32, ordinal: u8) -> (i32, u8) {
        if ordinal > 1 {
            (year, ordinal - 1)
        } else {
            (year - 1, self.months(year - 1))
        }
    }

    /// The year holding day `d`.
    pub fn year_of(&self, d: i64) -> i32 {
        self.date_of(d).year
    }
}

/// The day number of Tishri 1 of Hebrew year `y`.
pub fn hebrew_new_year(y: i64) -> i64 {
    fn elapsed(y: i64) -> i64 {
        let months = (235 * y - 234).div_euclid(19);
        let parts = 12_084 + 13_753 * months;
        let days = 29 * months + parts.div_euclid(25_920);
        if (3 * (days + 1)).rem_euclid(7) < 3 {
            days + 1
        } else {
            days
        }
    }
    let correction = if elapsed(y + 1) - elapsed(y) == 356 {
        2
    } else if elapsed(y) - elapsed(y - 1) == 382 {
        1
    } else {
        0
    };
    // R.D. −1 373 427 is Tishri 1 of year 1; R.D. 719 163 is 1970-01-01.
    -1_373_427 + elapsed(y) + correction - 719_163
}

/// The Hebrew calendar from its arithmetic rules, for Anno Mundi `years`.
pub fn hebrew(years: std::ops::RangeInclusive<i32>) -> RefCal {
    let mut out = Vec::new();
    for y in years {
        let y64 = i64::from(y);
        let start = hebrew_new_year(y64);
        let len = hebrew_new_year(y64 + 1) - start;
        let leap = (7 * y64 + 1).rem_euclid(19) < 7;
        // Heshvan and Kislev: 29/29 deficient, 29/30 regular, 30/30 complete.
        let (heshvan, kislev) = match len % 10 {
            3 => (29, 29),
            4 => (29, 30),
            5 => (30, 30),
            _ => panic!("Hebrew year {y} has {len} days"),
        };
        let mut months = vec![(m(1), 30), (m(2), heshvan), (m(3), kislev), (m(4), 29)];
        months.push((m(5), 30));
        if leap {
            months.push((l(5), 30));
        }
        months.extend([
            (m(6), 29),
            (m(7), 30),
            (m(8), 29),
            (m(9), 30),
            (m(10), 29),
            (m(11), 30),
            (m(12), 29),
        ]);
        out.push(Year {
            year: y,
            start,
            months,
        });
    }
    RefCal::new("hebrew", out)
}

/// The tabular Islamic civil calendar (type II leap years 2, 5, 7, 10,
/// 13, 16, 18, 21, 24, 26, 29 of 30; epoch Friday 16 July 622 Julian,
/// R.D. 227 015) for Anno Hegirae `years`.
pub fn islamic_civil(years: std::ops::RangeInclusive<i32>) -> RefCal {
    let mut out = Vec::new();
    for y in years {
        let y64 = i64::from(y);
        let start = 227_015 - 1 + 354 * (y64 - 1) + (3 + 11 * y64).div_euclid(30) + 1 - 719_163;
        let leap = (14 + 11 * y64).rem_euclid(30) < 11;
        let months = (1..=12u8)
            .map(|k| {
                (
                    m(k),
                    if k % 2 == 1 || (k == 12 && leap) {
                        30
                    } else {
                        29
                    },
                )
            })
            .collect();
        out.push(Year {
            year: y,
            start,
            months,
        });
    }
    RefCal::new("islamic-civil", out)
}

/// The Ethiopic calendar (Amete Mihret; epoch 29 August 8 Julian, R.D.
/// 2796) for `years`: twelve 30-day months and a 13th of 6 days in a year
/// that leaves remainder 3 divided by 4, else 5.
pub fn ethiopic(years: std::ops::RangeInclusive<i32>) -> RefCal {
    let mut out = Vec::new();
    for y in years {
        let y64 = i64::from(y);
        let start = 2_796 - 1 + 365 * (y64 - 1) + y64.div_euclid(4) + 1 - 719_163;
        let mut months: Vec<(MonthCode, u8)> = (1..=12u8).map(|k| (m(k), 30)).collect();
        months.push((m(13), if y64.rem_euclid(4) == 3 { 6 } else { 5 }));
        out.push(Year {
            year: y,
            start,
            months,
        });
    }
    RefCal::new("ethiopic", out)
}

/// The year structures of a crate calendar (used for Chinese, see the
/// module documentation).
pub fn from_system(
    name: &'static str,
    cal: &dyn CalendarSystem,
    years: std::ops::RangeInclusive<i32>,
) -> RefCal {
    let out = years
        .map(|y| Year {
            year: y,
            start: cal.year_start(y),
            months: (1..=cal.months_in_year(y))
                .map(|k| (cal.month_code(y, k), cal.days_in_month(y, k)))
                .collect(),
        })
        .collect();
    RefCal::new(name, out)
}

/// The reference calendar of `name` covering the Gregorian years
/// 1898–2202.
pub fn reference(name: &str) -> RefCal {
    match name {
        "hebrew" => hebrew(5658..=5963),
        "islamic-civil" => islamic_civil(1315..=1630),
        "ethiopic" => ethiopic(1890..=2195),
        "chinese" => {
            let c = kalends_rrule::rscale::rscale_calendar("chinese").unwrap();
            // ICU epoch: related Gregorian year + 2637.
            from_system("chinese", c.as_ref(), 4534..=4839)
        }
        other => panic!("no reference for {other}"),
    }
}
