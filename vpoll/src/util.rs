//! Small helpers over the ical-core tree shared by the modules.

use std::borrow::Cow;

use kalends_ical_core::value::{Date, DateTime, Duration, Time, TimeForm};
use kalends_ical_core::{Component, Parameter, Property};

use crate::error::{Error, quote};

/// The trimmed raw value of the first property `name`.
pub(crate) fn value<'c>(c: &'c Component<'_>, name: &str) -> Option<&'c str> {
    c.property(name).map(|p| p.value().trim())
}

/// The decoded TEXT value of the first property `name`, trimmed.
pub(crate) fn text<'c>(c: &'c Component<'_>, name: &str) -> Option<Cow<'c, str>> {
    c.property(name).map(|p| match p.text_value() {
        Cow::Borrowed(s) => Cow::Borrowed(s.trim()),
        Cow::Owned(s) => Cow::Owned(s.trim().to_owned()),
    })
}

/// Splits a comma-separated list value (no TEXT escapes expected in tokens),
/// trimming each item and dropping empty ones.
pub(crate) fn tokens(value: &str) -> impl Iterator<Item = &str> {
    value.split(',').map(str::trim).filter(|s| !s.is_empty())
}

/// Every token of every property `name`.
pub(crate) fn all_tokens<'c>(c: &'c Component<'_>, name: &'c str) -> Vec<&'c str> {
    c.properties_named(name)
        .flat_map(|p| tokens(p.value()))
        .collect()
}

/// Reads an INTEGER property value.
pub(crate) fn integer(p: &Property<'_>) -> Result<i64, Error> {
    kalends_ical_core::value::parse_integer(p.value().trim())
        .map(i64::from)
        .map_err(|e| Error::from(e).prefixed(p.name()))
}

/// Reads a DATE-TIME property value (a DATE is read as its midnight).
pub(crate) fn date_time(p: &Property<'_>) -> Result<DateTime, Error> {
    let v = p.value().trim();
    if v.len() == 8 {
        return Date::parse(v)
            .map(|d| DateTime::new(d, Time::MIDNIGHT, TimeForm::Floating))
            .map_err(|e| Error::from(e).prefixed(p.name()));
    }
    DateTime::parse(v).map_err(|e| Error::from(e).prefixed(p.name()))
}

/// Reads a DURATION property value.
pub(crate) fn duration(p: &Property<'_>) -> Result<Duration, Error> {
    Duration::parse(p.value().trim()).map_err(|e| Error::from(e).prefixed(p.name()))
}

/// The first property `name` read as a DATE-TIME.
pub(crate) fn opt_date_time(c: &Component<'_>, name: &str) -> Result<Option<DateTime>, Error> {
    c.property(name).map(date_time).transpose()
}

/// A property with a DATE-TIME value.
pub(crate) fn dt_property(name: &'static str, at: DateTime) -> Property<'static> {
    Property::new(name, at.to_string())
}

/// A property with a list of parameter-free tokens.
pub(crate) fn list_property(name: &'static str, items: &[String]) -> Property<'static> {
    Property::new(name, items.join(","))
}

/// A boolean parameter value, `TRUE` or `FALSE`.
pub(crate) fn bool_param(name: &'static str, value: bool) -> Parameter<'static> {
    Parameter::new(name, if value { "TRUE" } else { "FALSE" })
}

/// Seconds since 1970-01-01T00:00:00 of a date-time read as UTC (the form is
/// ignored: callers pass UTC values).
pub(crate) fn unix_seconds(dt: DateTime) -> i64 {
    i64::from(dt.date.unix_days()) * 86_400
        + i64::from(dt.time.clamp_leap_second().seconds_from_midnight())
}

/// The UTC date-time `seconds` after the epoch, `None` outside years 0–9999.
pub(crate) fn from_unix_seconds(seconds: i64) -> Option<DateTime> {
    let days = seconds.div_euclid(86_400);
    let secs = seconds.rem_euclid(86_400);
    let date = Date::from_unix_days(i32::try_from(days).ok()?).ok()?;
    let h = u8::try_from(secs / 3600).ok()?;
    let m = u8::try_from(secs % 3600 / 60).ok()?;
    let s = u8::try_from(secs % 60).ok()?;
    Some(DateTime::new(date, Time::new(h, m, s).ok()?, TimeForm::Utc))
}

/// A 64-bit FNV-1a hash, for deterministic identifiers.
pub(crate) fn fnv1a(parts: &[&str]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            h ^= 0x1f;
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
        for b in part.bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    h
}

/// The message for a value the property `name` could not read.
pub(crate) fn bad_value(name: &str, value: &str, expected: &str) -> Error {
    Error::value(format!(
        "the {name} value {} is not {expected}.",
        quote(value)
    ))
}

impl Error {
    /// The same error with "in NAME: " in front of its message.
    pub(crate) fn prefixed(self, property: &str) -> Error {
        let message = format!("in {property}: {}", self.message());
        let location = self.location().cloned();
        Error::new(self.kind(), message).with_location(location)
    }
}

/// A deep copy of `c` that owns its text and is written canonically: every
/// property rebuilt from name, parameters and value (kept input text
/// dropped), every sub-component placed after the properties. Used for
/// components the organizer changes or copies into a message, so that a
/// property added later is never written after a sub-component.
pub(crate) fn detach(c: &Component<'_>) -> Component<'static> {
    let mut out = Component::new(c.name().trim().to_owned());
    for p in c.properties() {
        out.push(detach_property(p));
    }
    for child in c.components() {
        out.push_component(detach(child));
    }
    out
}

/// A copy of `p` that owns its text and is written canonically.
pub(crate) fn detach_property(p: &Property<'_>) -> Property<'static> {
    let mut q = Property::new(p.name().to_owned(), p.value().to_owned());
    for param in p.params() {
        q = q.with_param(param.clone().into_owned());
    }
    if let Some(g) = p.group() {
        q = q.with_group(g.to_owned());
    }
    q
}

/// Serializes a value with its `Display` form (date-times as `20240101T090000Z`).
#[cfg(feature = "serde")]
pub(crate) fn serialize_display<T: std::fmt::Display, S: serde::Serializer>(
    value: &T,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.collect_str(value)
}
