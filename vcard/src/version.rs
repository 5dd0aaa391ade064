//! The three vCard versions.

use std::fmt;
use std::str::FromStr;

use crate::error::{Error, ErrorKind, excerpt};

/// A vCard version: the value of the VERSION property (RFC 6350 §6.7.9,
/// RFC 2426 §3.6.9, vCard 2.1 §2.1.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Version {
    /// vCard 2.1 (versit Consortium, 1996): bare parameters, QUOTED-PRINTABLE, CHARSET.
    V2_1,
    /// vCard 3.0 (RFC 2426).
    V3_0,
    /// vCard 4.0 (RFC 6350).
    V4_0,
}

impl Version {
    /// The VERSION value: `2.1`, `3.0` or `4.0`.
    pub fn as_str(self) -> &'static str {
        match self {
            Version::V2_1 => "2.1",
            Version::V3_0 => "3.0",
            Version::V4_0 => "4.0",
        }
    }

    /// Reads a VERSION value (surrounding whitespace ignored; `3` and `4` are
    /// accepted for `3.0` and `4.0`).
    pub fn from_value(s: &str) -> Option<Version> {
        match s.trim() {
            "2.1" => Some(Version::V2_1),
            "3.0" | "3" => Some(Version::V3_0),
            "4.0" | "4" => Some(Version::V4_0),
            _ => None,
        }
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Version {
    type Err = Error;

    fn from_str(s: &str) -> Result<Version, Error> {
        Version::from_value(s).ok_or_else(|| {
            Error::new(
                ErrorKind::InvalidValue,
                format!(
                    "`{}` is not a vCard version; the versions are `2.1`, `3.0` and `4.0`.",
                    excerpt(s)
                ),
            )
        })
    }
}
