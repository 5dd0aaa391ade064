//! Comma-separated lists of values, as RDATE and EXDATE carry
//! (RFC 5545 §3.8.5.1, §3.8.5.2; "If the property permits, multiple values
//! are specified by a COMMA-separated list", §3.3.4, §3.3.5, §3.3.9).

use std::fmt;

use super::datetime::{Date, DateOrDateTime, DateTime};
use super::duration::Period;
use super::value_type::ValueType;
use super::{MAX_LIST_LEN, invalid, limit, quote};
use crate::Error;

/// Parses a comma-separated list with `parse` for each item.
///
/// Fails with the first item's error, or with
/// [`crate::ErrorKind::LimitExceeded`] for more than [`super::MAX_LIST_LEN`]
/// items. Only for value types whose text has no escaped commas (not TEXT:
/// use [`super::split_text_list`] for that).
///
/// ```
/// use kalends_ical_core::value::{Date, parse_list};
/// let dates = parse_list("19970714,19970715", Date::parse)?;
/// assert_eq!(dates.len(), 2);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn parse_list<T>(
    s: &str,
    mut parse: impl FnMut(&str) -> Result<T, Error>,
) -> Result<Vec<T>, Error> {
    let len = memchr::memchr_iter(b',', s.as_bytes())
        .count()
        .saturating_add(1);
    if len > MAX_LIST_LEN {
        return Err(limit(format!(
            "the list {} has {len} values; at most {MAX_LIST_LEN} are accepted.",
            quote(s)
        )));
    }
    let mut out = Vec::with_capacity(len);
    for item in s.split(',') {
        out.push(parse(item)?);
    }
    Ok(out)
}

/// Appends `items`, separated by commas, to `out`.
pub fn write_list<T: fmt::Display>(items: &[T], out: &mut String) {
    use fmt::Write as _;
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        // Writing to a String cannot fail.
        let _ = write!(out, "{item}");
    }
}

/// The value of an RDATE or EXDATE property: a list of DATEs, DATE-TIMEs
/// or (RDATE only) PERIODs, all of one type, chosen by the VALUE parameter
/// (RFC 5545 §3.8.5.1, §3.8.5.2).
///
/// ```
/// use kalends_ical_core::value::{DateList, ValueType};
/// let list = DateList::parse("19970714T123000Z,19970715T123000Z", &ValueType::DateTime)?;
/// assert_eq!(list.len(), 2);
/// assert_eq!(list.to_string(), "19970714T123000Z,19970715T123000Z");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum DateList {
    /// `VALUE=DATE`.
    Dates(Vec<Date>),
    /// `VALUE=DATE-TIME`, the default.
    DateTimes(Vec<DateTime>),
    /// `VALUE=PERIOD` (RDATE only).
    Periods(Vec<Period>),
}

impl DateList {
    /// Parses a list of the given value type, which must be
    /// [`ValueType::Date`], [`ValueType::DateTime`] or [`ValueType::Period`].
    pub fn parse(s: &str, value_type: &ValueType) -> Result<DateList, Error> {
        match value_type {
            ValueType::Date => parse_list(s, Date::parse).map(DateList::Dates),
            ValueType::DateTime => parse_list(s, DateTime::parse).map(DateList::DateTimes),
            ValueType::Period => parse_list(s, Period::parse).map(DateList::Periods),
            other => Err(invalid(format!(
                "a list of dates has VALUE=DATE, DATE-TIME or PERIOD (RFC 5545 §3.8.5.1), not \
                 {} (for the list {}).",
                quote(other.as_str()),
                quote(s)
            ))),
        }
    }

    /// The value type of the items.
    pub fn value_type(&self) -> ValueType {
        match self {
            DateList::Dates(_) => ValueType::Date,
            DateList::DateTimes(_) => ValueType::DateTime,
            DateList::Periods(_) => ValueType::Period,
        }
    }

    /// The number of items.
    pub fn len(&self) -> usize {
        match self {
            DateList::Dates(v) => v.len(),
            DateList::DateTimes(v) => v.len(),
            DateList::Periods(v) => v.len(),
        }
    }

    /// True when the list has no item (never the case for a parsed list).
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The DATE and DATE-TIME items, or the starts of the PERIODs.
    pub fn starts(&self) -> Vec<DateOrDateTime> {
        match self {
            DateList::Dates(v) => v.iter().copied().map(DateOrDateTime::Date).collect(),
            DateList::DateTimes(v) => v.iter().copied().map(DateOrDateTime::DateTime).collect(),
            DateList::Periods(v) => v
                .iter()
                .map(|p| DateOrDateTime::DateTime(p.start))
                .collect(),
        }
    }

    /// Appends the list's text to `out`.
    pub fn write_to(&self, out: &mut String) {
        match self {
            DateList::Dates(v) => write_list(v, out),
            DateList::DateTimes(v) => write_list(v, out),
            DateList::Periods(v) => write_list(v, out),
        }
    }
}

impl fmt::Display for DateList {
    /// Writes the items separated by commas.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut s = String::new();
        self.write_to(&mut s);
        f.write_str(&s)
    }
}
