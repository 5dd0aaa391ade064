//! Typed values of RFC 5545 §3.3, each with `parse` and `format`.
//!
//! The tree keeps every value as its original text; these types decode it on
//! request and encode it back. `format(parse(x)) == x` for every value in its
//! canonical form.

mod datetime;
mod duration;
mod recur;

pub use datetime::{Date, DateOrDateTime, DateTime, Time, TimeForm, TimeValue, UtcOffset};
pub use duration::{Duration, Period, PeriodEnd};
pub use recur::{Frequency, MonthNum, Recur, Skip, Weekday, WeekdayNum};
