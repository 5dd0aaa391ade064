//! DATE, TIME, DATE-TIME and UTC-OFFSET values (RFC 5545 §3.3.4, §3.3.5, §3.3.12, §3.3.14).

/// A calendar date in the proleptic Gregorian calendar (RFC 5545 §3.3.4).
///
/// Always valid: the constructor checks the day against the month's length.
/// Years run from 0 to 9999, the range the four-digit grammar can spell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Date {
    pub(crate) year: i16,
    pub(crate) month: u8,
    pub(crate) day: u8,
}

/// A time of day (RFC 5545 §3.3.12).
///
/// `second` may be 60 to represent a positive leap second, which the grammar
/// allows; conversions to types without leap seconds clamp it to 59.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Time {
    pub(crate) hour: u8,
    pub(crate) minute: u8,
    pub(crate) second: u8,
}

/// How a DATE-TIME relates to real time (RFC 5545 §3.3.5).
///
/// The third form of the RFC, local time with a time zone reference, is a
/// floating value plus the property's `TZID` parameter: the value itself
/// carries no zone, so it is [`TimeForm::Floating`] here and the zone is
/// resolved by whoever reads the parameter (see `kalends-rrule`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum TimeForm {
    /// Local ("floating") time, or local time to be read in the zone named by `TZID`.
    Floating,
    /// UTC, written with a trailing `Z`.
    Utc,
}

/// A TIME value: a time of day, floating or UTC (RFC 5545 §3.3.12).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct TimeValue {
    /// The time of day.
    pub time: Time,
    /// Floating or UTC.
    pub form: TimeForm,
}

/// A DATE-TIME value (RFC 5545 §3.3.5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct DateTime {
    /// The date part.
    pub date: Date,
    /// The time part.
    pub time: Time,
    /// Floating (possibly with a `TZID` on the property) or UTC.
    pub form: TimeForm,
}

/// A value that is either a DATE or a DATE-TIME, as DTSTART, DTEND, DUE,
/// RECURRENCE-ID, EXDATE, RDATE and UNTIL allow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum DateOrDateTime {
    /// An all-day DATE value.
    Date(Date),
    /// A DATE-TIME value.
    DateTime(DateTime),
}

/// A UTC-OFFSET value (RFC 5545 §3.3.14), in seconds east of UTC.
///
/// `-0000` is not allowed by the RFC and is rejected by the parser.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct UtcOffset {
    pub(crate) seconds: i32,
}
