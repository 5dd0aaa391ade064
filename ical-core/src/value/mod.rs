//! Typed values of RFC 5545 §3.3, each with `parse` and `format`.
//!
//! The tree keeps every value as its original text; these types decode it on
//! request and encode it back. `format(parse(x)) == x` for every value in its
//! canonical form.
//!
//! | RFC 5545 value | here |
//! | --- | --- |
//! | BINARY (§3.3.1) | [`Binary`], [`decode_base64`], [`encode_base64`] |
//! | BOOLEAN (§3.3.2) | [`parse_boolean`], [`format_boolean`] |
//! | CAL-ADDRESS (§3.3.3) | [`CalAddress`] |
//! | DATE (§3.3.4) | [`Date`] |
//! | DATE-TIME (§3.3.5) | [`DateTime`], [`DateOrDateTime`] |
//! | DURATION (§3.3.6) | [`Duration`] |
//! | FLOAT (§3.3.7) | [`parse_float`], [`write_float`], [`Geo`] (RFC 5545 §3.8.1.6) |
//! | INTEGER (§3.3.8) | [`parse_integer`] |
//! | PERIOD (§3.3.9) | [`Period`] |
//! | RECUR (§3.3.10, RFC 7529 §4) | [`Recur`] |
//! | TEXT (§3.3.11) | [`unescape_text`], [`escape_text`], [`split_text_list`] |
//! | TIME (§3.3.12) | [`Time`], [`TimeValue`] |
//! | URI (§3.3.13) | [`Uri`] |
//! | UTC-OFFSET (§3.3.14) | [`UtcOffset`] |
//! | lists (RDATE, EXDATE) | [`DateList`], [`parse_list`], [`write_list`] |
//! | the VALUE parameter (§3.2.20) | [`ValueType`], [`default_value_type`] |
//!
//! Every parser returns [`crate::Error`] with [`crate::ErrorKind::InvalidValue`]
//! when the text does not match the grammar, [`crate::ErrorKind::OutOfRange`]
//! when it matches but a number is out of range, and
//! [`crate::ErrorKind::LimitExceeded`] when a limit below is exceeded. The
//! message quotes the input.
//!
//! # Conversions
//!
//! To and from jiff's types:
//!
//! | kalends | jiff | direction |
//! | --- | --- | --- |
//! | [`Date`] | [`jiff::civil::Date`] | `From` to jiff; `TryFrom` back (years 0–9999) |
//! | [`Time`] | [`jiff::civil::Time`] | `From` to jiff (leap second 60 becomes 59); `TryFrom` back (no fraction) |
//! | [`DateTime`] | [`jiff::civil::DateTime`] | `From` to jiff (the form is dropped); `TryFrom` back (floating) |
//! | [`DateTime`] (UTC) | [`jiff::Timestamp`] | `TryFrom` both ways (UTC only; no fraction) |
//! | [`UtcOffset`] | [`jiff::tz::Offset`] | `From` to jiff; `TryFrom` back (within ±23:59:59) |
//! | [`Duration`] | [`jiff::Span`] | `TryFrom` both ways (no years, months or fractions) |
//! | [`Duration`] (exact) | [`jiff::SignedDuration`] | `TryFrom` both ways (no weeks or days; no fraction) |
//! | [`Weekday`] | [`jiff::civil::Weekday`] | `From` both ways |
//!
//! Every fallible conversion fails with [`crate::ErrorKind::OutOfRange`].
//!
//! With the `chrono` feature, to and from chrono's types:
//!
//! | kalends | chrono | direction |
//! | --- | --- | --- |
//! | [`Date`] | `chrono::NaiveDate` | `From` to chrono; `TryFrom` back (years 0–9999) |
//! | [`Time`] | `chrono::NaiveTime` | `From` to chrono (a leap second stays one); `TryFrom` back (no fraction) |
//! | [`DateTime`] | `chrono::NaiveDateTime` | `From` to chrono (the form is dropped); `TryFrom` back (floating) |
//! | [`DateTime`] (UTC) | `chrono::DateTime<Utc>` | `TryFrom` both ways (UTC only; no fraction) |
//! | [`UtcOffset`] | `chrono::FixedOffset` | `From` both ways (both run to ±23:59:59) |
//! | [`Duration`] (exact) | `chrono::TimeDelta` | `TryFrom` both ways (no weeks or days; no fraction) |
//! | [`Weekday`] | `chrono::Weekday` | `From` both ways |
//!
//! chrono writes a leap second as second 59 with 1 000 000 000 or more
//! nanoseconds; a TIME with second 60 converts to exactly that and back.
//! Every fallible conversion fails with [`crate::ErrorKind::OutOfRange`].
//!
//! # Example
//!
//! ```
//! use kalends_ical_core::value::{DateTime, Duration, Recur};
//!
//! let start: DateTime = "19970714T173000Z".parse()?;
//! assert_eq!(start.date.month(), 7);
//! let length = Duration::parse("PT1H30M")?;
//! assert_eq!(length.exact_seconds(), 5400);
//! let rule = Recur::parse("FREQ=DAILY;COUNT=10;INTERVAL=2")?;
//! assert_eq!(rule.to_string(), "FREQ=DAILY;COUNT=10;INTERVAL=2");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod binary;
#[cfg(feature = "chrono")]
mod chrono_impls;
mod datetime;
mod duration;
mod jiff_impls;
mod list;
mod recur;
mod scalar;
mod text;
mod uri;
mod value_type;

pub use binary::{Binary, decode_base64, encode_base64, encode_base64_into};
pub use datetime::{
    Date, DateOrDateTime, DateTime, Time, TimeForm, TimeValue, UtcOffset, days_in_month,
    days_in_year, is_leap_year,
};
pub use duration::{Duration, Period, PeriodEnd};
pub use list::{DateList, parse_list, write_list};
pub use recur::{Frequency, MonthNum, Recur, Skip, Weekday, WeekdayNum};
pub use scalar::{Geo, format_boolean, parse_boolean, parse_float, parse_integer, write_float};
pub use text::{
    SplitUnescaped, escape_text, escape_text_into, split_text_list, split_unescaped, unescape_text,
};
pub use uri::{CalAddress, Uri};
pub use value_type::{ValueType, default_value_type};

/// The longest RECUR value [`Recur::parse`] accepts, in bytes; longer values
/// fail with [`crate::ErrorKind::LimitExceeded`].
pub const MAX_RECUR_LEN: usize = 4096;

/// The most entries one BYxxx list of a RECUR value may have (366, the
/// number of distinct BYYEARDAY values in a Gregorian year); longer lists
/// fail with [`crate::ErrorKind::LimitExceeded`].
pub const MAX_BY_LIST_LEN: usize = 366;

/// The most entries a comma-separated list of DATE, DATE-TIME or PERIOD
/// values ([`DateList`], [`parse_list`]) may have; longer lists fail with
/// [`crate::ErrorKind::LimitExceeded`].
pub const MAX_LIST_LEN: usize = 65_536;

/// The longest input quoted in an error message, in characters; the rest is
/// replaced by `…`.
const QUOTE_LIMIT: usize = 64;

/// Quotes `s` for an error message: in backticks, control characters
/// escaped, cut after [`QUOTE_LIMIT`] characters.
pub(crate) fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len().min(QUOTE_LIMIT * 2) + 2);
    out.push('`');
    for (count, c) in s.chars().enumerate() {
        if count == QUOTE_LIMIT {
            out.push('…');
            break;
        }
        if c.is_control() {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out.push('`');
    out
}

/// An [`crate::ErrorKind::InvalidValue`] error.
pub(crate) fn invalid(message: String) -> crate::Error {
    crate::Error::new(crate::ErrorKind::InvalidValue, message)
}

/// An [`crate::ErrorKind::OutOfRange`] error.
pub(crate) fn out_of_range(message: String) -> crate::Error {
    crate::Error::new(crate::ErrorKind::OutOfRange, message)
}

/// An [`crate::ErrorKind::LimitExceeded`] error.
pub(crate) fn limit(message: String) -> crate::Error {
    crate::Error::new(crate::ErrorKind::LimitExceeded, message)
}

#[cfg(test)]
mod tests {
    use super::quote;

    #[test]
    fn quote_escapes_and_truncates() {
        assert_eq!(quote("a\nb"), "`a\\nb`");
        let long = "x".repeat(100);
        let q = quote(&long);
        assert!(q.ends_with("…`"));
        assert_eq!(q.chars().count(), 64 + 3);
    }
}
