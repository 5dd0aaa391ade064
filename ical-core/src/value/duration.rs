//! DURATION and PERIOD values (RFC 5545 §3.3.6, §3.3.9).

use super::datetime::DateTime;

/// A DURATION value (RFC 5545 §3.3.6).
///
/// Kept in the units it was written in, because a day is not always
/// 24 hours: `P1D` across a DST change keeps the wall-clock time, `PT24H`
/// keeps the elapsed time (RFC 5545 §3.3.6). Weeks cannot be mixed with
/// other units in the grammar; `weeks` is non-zero only for `PnW` forms.
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Period {
    /// The start.
    pub start: DateTime,
    /// The end or the duration.
    pub end: PeriodEnd,
}
