//! RECUR values: the RRULE grammar of RFC 5545 §3.3.10 with the RSCALE
//! extension of RFC 7529 (RSCALE, SKIP and leap months such as `5L`).

use super::datetime::DateOrDateTime;

/// The FREQ rule part (RFC 5545 §3.3.10).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum Frequency {
    /// `SECONDLY`
    Secondly,
    /// `MINUTELY`
    Minutely,
    /// `HOURLY`
    Hourly,
    /// `DAILY`
    Daily,
    /// `WEEKLY`
    Weekly,
    /// `MONTHLY`
    Monthly,
    /// `YEARLY`
    Yearly,
}

/// A day of the week, as in BYDAY and WKST (RFC 5545 §3.3.10 `weekday`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum Weekday {
    /// `MO`
    Monday,
    /// `TU`
    Tuesday,
    /// `WE`
    Wednesday,
    /// `TH`
    Thursday,
    /// `FR`
    Friday,
    /// `SA`
    Saturday,
    /// `SU`
    Sunday,
}

/// One BYDAY entry: a weekday with an optional ordinal (`2TU`, `-1FR`, `SU`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct WeekdayNum {
    /// `None` for every such weekday in the period; otherwise ±1..=53, never 0.
    pub ordinal: Option<i8>,
    /// The day of the week.
    pub weekday: Weekday,
}

/// One BYMONTH entry: a month number with the RFC 7529 §4.2 leap flag
/// (`5L` is the leap month that follows month 5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct MonthNum {
    /// The month number, 1-based: 1..=12, or 1..=13 when RSCALE is present.
    pub number: u8,
    /// True for a leap month (`L` suffix, only with RSCALE).
    pub leap: bool,
}

/// The SKIP rule part of RFC 7529 §4.1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum Skip {
    /// `OMIT` (the default): invalid dates produce no instance.
    #[default]
    Omit,
    /// `BACKWARD`: an invalid date moves to the previous valid one.
    Backward,
    /// `FORWARD`: an invalid date moves to the next valid one.
    Forward,
}

/// A RECUR value (RFC 5545 §3.3.10, RFC 7529 §4).
///
/// Fields hold what the text said: a part that was absent is `None` or an
/// empty list, so formatting does not invent parts (`INTERVAL=1` is only
/// written when it was given). Parts are written in a canonical order.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Recur {
    /// FREQ, required.
    pub freq: Frequency,
    /// UNTIL: a DATE or DATE-TIME bound, inclusive.
    pub until: Option<DateOrDateTime>,
    /// COUNT: the number of instances, at least 1.
    pub count: Option<u32>,
    /// INTERVAL: at least 1; `None` means the default of 1.
    pub interval: Option<u32>,
    /// BYSECOND, 0..=60.
    pub by_second: Vec<u8>,
    /// BYMINUTE, 0..=59.
    pub by_minute: Vec<u8>,
    /// BYHOUR, 0..=23.
    pub by_hour: Vec<u8>,
    /// BYDAY.
    pub by_day: Vec<WeekdayNum>,
    /// BYMONTHDAY, ±1..=31 (wider ranges are not needed by any CLDR calendar).
    pub by_month_day: Vec<i8>,
    /// BYYEARDAY, ±1..=366 (±1..=385 with RSCALE, for lunisolar leap years).
    pub by_year_day: Vec<i16>,
    /// BYWEEKNO, ±1..=53 (±1..=56 with RSCALE).
    pub by_week_no: Vec<i8>,
    /// BYMONTH, with leap months when RSCALE is present.
    pub by_month: Vec<MonthNum>,
    /// BYSETPOS, ±1..=366.
    pub by_set_pos: Vec<i16>,
    /// WKST; `None` means the default of Monday.
    pub wkst: Option<Weekday>,
    /// RSCALE (RFC 7529 §4), as written (case is kept; compare case-insensitively).
    pub rscale: Option<String>,
    /// SKIP (RFC 7529 §4.1); only valid together with RSCALE.
    pub skip: Option<Skip>,
    /// Rule parts this crate does not know (`X-NAME=value`), kept in order so
    /// that nothing is lost.
    pub extensions: Vec<(String, String)>,
}
