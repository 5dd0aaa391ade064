//! The VALUE parameter (RFC 5545 §3.2.20) and the default value type of
//! each property.

use std::fmt;
use std::str::FromStr;

use super::{invalid, quote};
use crate::Error;

/// A value type, as named by the VALUE parameter (RFC 5545 §3.2.20, §3.3).
///
/// ```
/// use kalends_ical_core::value::ValueType;
/// assert_eq!(ValueType::from_name("date-time"), ValueType::DateTime);
/// assert_eq!(ValueType::from_name("X-THING"), ValueType::Other("X-THING".into()));
/// assert_eq!(ValueType::UtcOffset.as_str(), "UTC-OFFSET");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum ValueType {
    /// `BINARY` (RFC 5545 §3.3.1).
    Binary,
    /// `BOOLEAN` (RFC 5545 §3.3.2).
    Boolean,
    /// `CAL-ADDRESS` (RFC 5545 §3.3.3).
    CalAddress,
    /// `DATE` (RFC 5545 §3.3.4).
    Date,
    /// `DATE-TIME` (RFC 5545 §3.3.5).
    DateTime,
    /// `DURATION` (RFC 5545 §3.3.6).
    Duration,
    /// `FLOAT` (RFC 5545 §3.3.7).
    Float,
    /// `INTEGER` (RFC 5545 §3.3.8).
    Integer,
    /// `PERIOD` (RFC 5545 §3.3.9).
    Period,
    /// `RECUR` (RFC 5545 §3.3.10).
    Recur,
    /// `TEXT` (RFC 5545 §3.3.11).
    Text,
    /// `TIME` (RFC 5545 §3.3.12).
    Time,
    /// `URI` (RFC 5545 §3.3.13).
    Uri,
    /// `UTC-OFFSET` (RFC 5545 §3.3.14).
    UtcOffset,
    /// `UID`, the UID of another component (RFC 9253 §7).
    Uid,
    /// `XML-REFERENCE`, a URI with an XPointer anchor (RFC 9253 §7).
    XmlReference,
    /// Any other name (an `x-name` or a future `iana-token`), as written.
    Other(String),
}

/// The known value types and their names.
const NAMES: [(ValueType, &str); 16] = [
    (ValueType::Binary, "BINARY"),
    (ValueType::Boolean, "BOOLEAN"),
    (ValueType::CalAddress, "CAL-ADDRESS"),
    (ValueType::Date, "DATE"),
    (ValueType::DateTime, "DATE-TIME"),
    (ValueType::Duration, "DURATION"),
    (ValueType::Float, "FLOAT"),
    (ValueType::Integer, "INTEGER"),
    (ValueType::Period, "PERIOD"),
    (ValueType::Recur, "RECUR"),
    (ValueType::Text, "TEXT"),
    (ValueType::Time, "TIME"),
    (ValueType::Uri, "URI"),
    (ValueType::UtcOffset, "UTC-OFFSET"),
    (ValueType::Uid, "UID"),
    (ValueType::XmlReference, "XML-REFERENCE"),
];

impl ValueType {
    /// The value type named `name`, in any case; an unknown name becomes
    /// [`ValueType::Other`] with the name as written.
    pub fn from_name(name: &str) -> ValueType {
        NAMES
            .iter()
            .find(|(_, n)| n.eq_ignore_ascii_case(name))
            .map_or_else(|| ValueType::Other(name.to_owned()), |(t, _)| t.clone())
    }

    /// The name, upper case for the known types (`DATE-TIME`), as written
    /// for [`ValueType::Other`].
    pub fn as_str(&self) -> &str {
        match self {
            ValueType::Other(name) => name,
            known => NAMES
                .iter()
                .find(|(t, _)| t == known)
                .map_or("", |(_, n)| n),
        }
    }

    /// True for every type but [`ValueType::Other`].
    pub fn is_known(&self) -> bool {
        !matches!(self, ValueType::Other(_))
    }
}

impl fmt::Display for ValueType {
    /// Writes the name, as [`ValueType::as_str`] gives it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for ValueType {
    type Err = Error;
    /// Parses a VALUE parameter: an `iana-token` or `x-name`, that is one or
    /// more letters, digits and `-` (RFC 5545 §3.2.20). Known names in any
    /// case map to their variant; others become [`ValueType::Other`].
    fn from_str(s: &str) -> Result<ValueType, Error> {
        if s.is_empty() || !s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') {
            return Err(invalid(format!(
                "expected a value type name made of letters, digits and `-` such as `DATE-TIME` \
                 (RFC 5545 §3.2.20), found {}.",
                quote(s)
            )));
        }
        Ok(ValueType::from_name(s))
    }
}

/// Properties and their default value types.
const DEFAULTS: &[(&str, ValueType)] = &[
    // RFC 5545 §3.7: calendar properties.
    ("CALSCALE", ValueType::Text),
    ("METHOD", ValueType::Text),
    ("PRODID", ValueType::Text),
    ("VERSION", ValueType::Text),
    // RFC 5545 §3.8.1: descriptive.
    ("ATTACH", ValueType::Uri),
    ("CATEGORIES", ValueType::Text),
    ("CLASS", ValueType::Text),
    ("COMMENT", ValueType::Text),
    ("DESCRIPTION", ValueType::Text),
    ("GEO", ValueType::Float),
    ("LOCATION", ValueType::Text),
    ("PERCENT-COMPLETE", ValueType::Integer),
    ("PRIORITY", ValueType::Integer),
    ("RESOURCES", ValueType::Text),
    ("STATUS", ValueType::Text),
    ("SUMMARY", ValueType::Text),
    // RFC 5545 §3.8.2: date and time.
    ("COMPLETED", ValueType::DateTime),
    ("DTEND", ValueType::DateTime),
    ("DUE", ValueType::DateTime),
    ("DTSTART", ValueType::DateTime),
    ("DURATION", ValueType::Duration),
    ("FREEBUSY", ValueType::Period),
    ("TRANSP", ValueType::Text),
    // RFC 5545 §3.8.3: time zone.
    ("TZID", ValueType::Text),
    ("TZNAME", ValueType::Text),
    ("TZOFFSETFROM", ValueType::UtcOffset),
    ("TZOFFSETTO", ValueType::UtcOffset),
    ("TZURL", ValueType::Uri),
    // RFC 5545 §3.8.4: relationship.
    ("ATTENDEE", ValueType::CalAddress),
    ("CONTACT", ValueType::Text),
    ("ORGANIZER", ValueType::CalAddress),
    ("RECURRENCE-ID", ValueType::DateTime),
    ("RELATED-TO", ValueType::Text),
    ("URL", ValueType::Uri),
    ("UID", ValueType::Text),
    // RFC 5545 §3.8.5: recurrence (EXRULE is RFC 2445 §4.8.5.2, dropped by
    // RFC 5545 but still met in old files).
    ("EXDATE", ValueType::DateTime),
    ("RDATE", ValueType::DateTime),
    ("RRULE", ValueType::Recur),
    ("EXRULE", ValueType::Recur),
    // RFC 5545 §3.8.6: alarm.
    ("ACTION", ValueType::Text),
    ("REPEAT", ValueType::Integer),
    ("TRIGGER", ValueType::Duration),
    // RFC 5545 §3.8.7: change management.
    ("CREATED", ValueType::DateTime),
    ("DTSTAMP", ValueType::DateTime),
    ("LAST-MODIFIED", ValueType::DateTime),
    ("SEQUENCE", ValueType::Integer),
    // RFC 5545 §3.8.8: miscellaneous.
    ("REQUEST-STATUS", ValueType::Text),
    // RFC 7986 §5.
    ("NAME", ValueType::Text),
    ("REFRESH-INTERVAL", ValueType::Duration),
    ("SOURCE", ValueType::Uri),
    ("COLOR", ValueType::Text),
    ("IMAGE", ValueType::Uri),
    ("CONFERENCE", ValueType::Uri),
    // RFC 7953 §3.2 (VAVAILABILITY).
    ("BUSYTYPE", ValueType::Text),
    // RFC 7808 §7 (time zone distribution).
    ("TZID-ALIAS-OF", ValueType::Text),
    ("TZUNTIL", ValueType::DateTime),
    // RFC 9073 §6.
    ("LOCATION-TYPE", ValueType::Text),
    ("PARTICIPANT-TYPE", ValueType::Text),
    ("RESOURCE-TYPE", ValueType::Text),
    ("CALENDAR-ADDRESS", ValueType::CalAddress),
    // RFC 9074 §6.1, §8.1.
    ("ACKNOWLEDGED", ValueType::DateTime),
    ("PROXIMITY", ValueType::Text),
    // RFC 9253 §8.
    ("CONCEPT", ValueType::Uri),
    ("REFID", ValueType::Text),
    // draft-ietf-calext-vpoll-06 §4.5.
    ("ACCEPT-RESPONSE", ValueType::Text),
    ("POLL-COMPLETION", ValueType::Text),
    ("POLL-ITEM-ID", ValueType::Integer),
    ("POLL-MODE", ValueType::Text),
    ("POLL-PROPERTIES", ValueType::Text),
    ("POLL-WINNER", ValueType::Integer),
    ("REPLY-URL", ValueType::Uri),
    ("RESPONSE", ValueType::Integer),
];

/// The default value type of the property `name` (in any case): the type
/// of its value when no VALUE parameter is given.
///
/// Covers RFC 5545 §3.7–§3.8, RFC 7986 §5, RFC 7953 §3.2, RFC 7808 §7,
/// RFC 9073 §6, RFC 9074 §6.1 and §8.1, RFC 9253 §8 and
/// draft-ietf-calext-vpoll-06 §4.5. GEO gives [`ValueType::Float`] (its
/// value is two FLOATs, see [`super::Geo`]). Returns `None` for unknown
/// and `X-` properties, and for the properties that have no default
/// because their VALUE parameter is required: STYLED-DESCRIPTION and
/// STRUCTURED-DATA (RFC 9073 §6.5, §6.6) and LINK (RFC 9253 §8.2).
///
/// ```
/// use kalends_ical_core::value::{ValueType, default_value_type};
/// assert_eq!(default_value_type("dtstart"), Some(ValueType::DateTime));
/// assert_eq!(default_value_type("REFRESH-INTERVAL"), Some(ValueType::Duration));
/// assert_eq!(default_value_type("X-WR-CALNAME"), None);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn default_value_type(property_name: &str) -> Option<ValueType> {
    DEFAULTS
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case(property_name))
        .map(|(_, t)| t.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_known_name_round_trips() {
        for (t, name) in &NAMES {
            assert_eq!(&ValueType::from_name(name), t);
            assert_eq!(
                ValueType::from_name(&name.to_ascii_lowercase()).as_str(),
                *name
            );
        }
    }

    #[test]
    fn no_property_is_listed_twice() {
        for (i, (a, _)) in DEFAULTS.iter().enumerate() {
            assert!(DEFAULTS.iter().skip(i + 1).all(|(b, _)| a != b), "{a}");
        }
    }
}
