//! URI and CAL-ADDRESS values (RFC 5545 §3.3.13, §3.3.3).

use std::fmt;
use std::str::FromStr;

use super::{invalid, quote};
use crate::Error;

/// A URI value (RFC 5545 §3.3.13), kept as written.
///
/// The check is deliberately loose, because real calendars carry URIs that
/// a strict RFC 3986 parser rejects (spaces in `mailto:` display names,
/// unencoded non-ASCII in paths): a URI needs a scheme as RFC 3986 §3.1
/// defines it (`ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )`) followed by
/// `:`, and no control characters. The text is kept exactly as written.
///
/// ```
/// use kalends_ical_core::value::Uri;
/// let uri = Uri::parse("http://example.com/my-report.txt")?;
/// assert_eq!(uri.scheme(), "http");
/// assert_eq!(uri.as_str(), "http://example.com/my-report.txt");
/// assert!(Uri::parse("example.com/no-scheme").is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "String", into = "String"))]
pub struct Uri {
    text: String,
    /// Length of the scheme, before the `:`.
    scheme_len: usize,
}

/// The length of the scheme of `s` when `s` passes the loose URI check.
fn check_uri(s: &str, what: &str, section: &str) -> Result<usize, Error> {
    let scheme_len = s.find(':').filter(|&n| {
        let scheme = s.as_bytes().get(..n).unwrap_or(&[]);
        scheme.first().is_some_and(u8::is_ascii_alphabetic)
            && scheme
                .iter()
                .all(|&b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.'))
    });
    let Some(scheme_len) = scheme_len else {
        return Err(invalid(format!(
            "expected {what} starting with a scheme such as `mailto:` or `https:` \
             ({section}, RFC 3986 §3.1), found {}.",
            quote(s)
        )));
    };
    if s.chars().any(char::is_control) {
        return Err(invalid(format!(
            "{what} may not contain control characters ({section}), found {}.",
            quote(s)
        )));
    }
    Ok(scheme_len)
}

impl Uri {
    /// Checks and keeps a URI value; see [`Uri`] for what is checked.
    pub fn parse(s: &str) -> Result<Uri, Error> {
        let scheme_len = check_uri(s, "a URI", "RFC 5545 §3.3.13")?;
        Ok(Uri {
            text: s.to_owned(),
            scheme_len,
        })
    }

    /// The text, as written.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The scheme, as written (compare it case-insensitively).
    pub fn scheme(&self) -> &str {
        self.text.get(..self.scheme_len).unwrap_or("")
    }

    /// Everything after the scheme's `:`.
    pub fn rest(&self) -> &str {
        self.text.get(self.scheme_len + 1..).unwrap_or("")
    }

    /// True when the scheme is `scheme`, in any case.
    pub fn has_scheme(&self, scheme: &str) -> bool {
        self.scheme().eq_ignore_ascii_case(scheme)
    }

    /// The text, as written.
    pub fn into_string(self) -> String {
        self.text
    }
}

impl fmt::Display for Uri {
    /// Writes the text as it was read.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl FromStr for Uri {
    type Err = Error;
    fn from_str(s: &str) -> Result<Uri, Error> {
        Uri::parse(s)
    }
}

impl TryFrom<String> for Uri {
    type Error = Error;
    fn try_from(text: String) -> Result<Uri, Error> {
        let scheme_len = check_uri(&text, "a URI", "RFC 5545 §3.3.13")?;
        Ok(Uri { text, scheme_len })
    }
}

impl From<Uri> for String {
    fn from(uri: Uri) -> String {
        uri.text
    }
}

impl AsRef<str> for Uri {
    fn as_ref(&self) -> &str {
        &self.text
    }
}

/// A CAL-ADDRESS value (RFC 5545 §3.3.3): a URI, usually `mailto:`.
///
/// ```
/// use kalends_ical_core::value::CalAddress;
/// let a = CalAddress::parse("mailto:jane_doe@example.com")?;
/// assert_eq!(a.email(), Some("jane_doe@example.com"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "String", into = "String"))]
pub struct CalAddress(Uri);

impl CalAddress {
    /// Checks and keeps a CAL-ADDRESS value, as [`Uri::parse`] checks a URI.
    pub fn parse(s: &str) -> Result<CalAddress, Error> {
        let scheme_len = check_uri(s, "a CAL-ADDRESS", "RFC 5545 §3.3.3")?;
        Ok(CalAddress(Uri {
            text: s.to_owned(),
            scheme_len,
        }))
    }

    /// The text, as written.
    pub fn as_str(&self) -> &str {
        self.0.as_str()
    }

    /// The address as a URI.
    pub fn uri(&self) -> &Uri {
        &self.0
    }

    /// For a `mailto:` address (scheme in any case), the e-mail address
    /// after the scheme; `None` for other schemes.
    pub fn email(&self) -> Option<&str> {
        if self.0.has_scheme("mailto") {
            Some(self.0.rest())
        } else {
            None
        }
    }
}

impl fmt::Display for CalAddress {
    /// Writes the text as it was read.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl FromStr for CalAddress {
    type Err = Error;
    fn from_str(s: &str) -> Result<CalAddress, Error> {
        CalAddress::parse(s)
    }
}

impl TryFrom<String> for CalAddress {
    type Error = Error;
    fn try_from(text: String) -> Result<CalAddress, Error> {
        let scheme_len = check_uri(&text, "a CAL-ADDRESS", "RFC 5545 §3.3.3")?;
        Ok(CalAddress(Uri { text, scheme_len }))
    }
}

impl From<CalAddress> for String {
    fn from(address: CalAddress) -> String {
        address.0.text
    }
}

impl From<CalAddress> for Uri {
    fn from(address: CalAddress) -> Uri {
        address.0
    }
}

impl From<Uri> for CalAddress {
    fn from(uri: Uri) -> CalAddress {
        CalAddress(uri)
    }
}

impl AsRef<str> for CalAddress {
    fn as_ref(&self) -> &str {
        self.0.as_str()
    }
}
