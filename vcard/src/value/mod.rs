//! vCard value types (RFC 6350 §4, RFC 2426 §4) and typed values.
//!
//! vCard's date and time forms differ from iCalendar's (truncated forms
//! such as `--0412`), so this crate has its own types rather than those of
//! `kalends_ical_core::value`.

mod datetime;
mod structured;

use std::fmt;

pub use datetime::{Date, DateAndOrTime, Time, Timestamp, UtcOffset, Zone};
pub use structured::{Address, ClientPidMap, Gender, Geo, Name, Organization};

/// A value data type, as named by the VALUE parameter (RFC 6350 §5.2) and
/// the third element of a jCard property (RFC 7095 §3.3).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ValueType {
    /// TEXT (RFC 6350 §4.1).
    Text,
    /// URI (§4.2).
    Uri,
    /// DATE (§4.3.1).
    Date,
    /// TIME (§4.3.2).
    Time,
    /// DATE-TIME (§4.3.3).
    DateTime,
    /// DATE-AND-OR-TIME (§4.3.4).
    DateAndOrTime,
    /// TIMESTAMP (§4.3.5).
    Timestamp,
    /// BOOLEAN (§4.4).
    Boolean,
    /// INTEGER (§4.5).
    Integer,
    /// FLOAT (§4.6).
    Float,
    /// UTC-OFFSET (§4.7).
    UtcOffset,
    /// LANGUAGE-TAG (§4.8).
    LanguageTag,
    /// vCard 3.0 BINARY (RFC 2426 §5.1, with `ENCODING=b`).
    Binary,
    /// vCard 3.0 PHONE-NUMBER (RFC 2426 §3.3.1).
    PhoneNumber,
    /// vCard 3.0 VCARD, the value of an inline AGENT (RFC 2426 §3.5.4).
    VCard,
    /// jCard's `unknown` (RFC 7095 §5).
    Unknown,
    /// Any other type name, kept in lowercase.
    Other(String),
}

impl ValueType {
    /// Reads a type name, ignoring case (`URL` and `CONTENT-ID`/`CID` of
    /// vCard 2.1 read as [`ValueType::Uri`]).
    pub fn from_name(name: &str) -> ValueType {
        match name.to_ascii_lowercase().as_str() {
            "text" => ValueType::Text,
            "uri" | "url" | "content-id" | "cid" => ValueType::Uri,
            "date" => ValueType::Date,
            "time" => ValueType::Time,
            "date-time" => ValueType::DateTime,
            "date-and-or-time" => ValueType::DateAndOrTime,
            "timestamp" => ValueType::Timestamp,
            "boolean" => ValueType::Boolean,
            "integer" => ValueType::Integer,
            "float" => ValueType::Float,
            "utc-offset" => ValueType::UtcOffset,
            "language-tag" => ValueType::LanguageTag,
            "binary" => ValueType::Binary,
            "phone-number" => ValueType::PhoneNumber,
            "vcard" => ValueType::VCard,
            "unknown" => ValueType::Unknown,
            other => ValueType::Other(other.to_owned()),
        }
    }

    /// The lowercase name (as jCard writes it).
    pub fn as_str(&self) -> &str {
        match self {
            ValueType::Text => "text",
            ValueType::Uri => "uri",
            ValueType::Date => "date",
            ValueType::Time => "time",
            ValueType::DateTime => "date-time",
            ValueType::DateAndOrTime => "date-and-or-time",
            ValueType::Timestamp => "timestamp",
            ValueType::Boolean => "boolean",
            ValueType::Integer => "integer",
            ValueType::Float => "float",
            ValueType::UtcOffset => "utc-offset",
            ValueType::LanguageTag => "language-tag",
            ValueType::Binary => "binary",
            ValueType::PhoneNumber => "phone-number",
            ValueType::VCard => "vcard",
            ValueType::Unknown => "unknown",
            ValueType::Other(s) => s,
        }
    }
}

impl fmt::Display for ValueType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A decoded property value (see [`crate::Property::typed_value`]).
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// One TEXT value, unescaped.
    Text(String),
    /// A comma-separated list of TEXT values (NICKNAME, CATEGORIES).
    TextList(Vec<String>),
    /// A structured value: components, each a list of values (N, ADR, ORG,
    /// GENDER, CLIENTPIDMAP).
    Structured(Vec<Vec<String>>),
    /// A URI, as written.
    Uri(String),
    /// A DATE, TIME, DATE-TIME or DATE-AND-OR-TIME.
    DateAndOrTime(DateAndOrTime),
    /// A TIMESTAMP.
    Timestamp(Timestamp),
    /// A BOOLEAN.
    Boolean(bool),
    /// An INTEGER (a list when the value has commas).
    Integer(Vec<i64>),
    /// A FLOAT (a list when the value has commas or, for vCard 3.0 GEO, semicolons).
    Float(Vec<f64>),
    /// A UTC-OFFSET.
    UtcOffset(UtcOffset),
    /// A LANGUAGE-TAG.
    LanguageTag(String),
    /// Decoded binary data (vCard 2.1 BASE64, 3.0 `ENCODING=b`).
    Binary(Vec<u8>),
    /// A value of unknown type, as written.
    Unknown(String),
}
