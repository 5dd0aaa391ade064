//! The one error type of this crate.
//!
//! An [`Error`] has an [`ErrorKind`] and a message that is a whole sentence
//! quoting the offending input. Errors that come from decoding a value in
//! `kalends-ical-core` keep that error as their [`std::error::Error::source`].

use std::fmt;

/// What went wrong. Match on it or use the `is_*` predicates of [`Error`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// A value's text could not be decoded (the source error says why).
    /// Example: a DTSTART of `2024-01-01`.
    InvalidValue,
    /// A recurrence rule is inconsistent or has a part out of range.
    /// Example: `INTERVAL=0`, `BYSETPOS=0`, or a `Recur` built by hand with
    /// `BYHOUR=24`.
    InvalidRule,
    /// A TZID names no zone: not the calendar's own VTIMEZONE, not an IANA
    /// name, not a known alias. Example: `TZID=Mars/Olympus_Mons`.
    UnknownZone,
    /// A VTIMEZONE cannot be compiled. Example: a STANDARD observance
    /// without TZOFFSETTO.
    InvalidZone,
    /// The RSCALE of a rule names a calendar system this build does not
    /// support (RFC 7529 §6 lets the caller decide what to do).
    /// Example: `RSCALE=KLINGON`.
    UnsupportedCalendar,
    /// The work budget of an expansion ran out: too many periods examined
    /// without an instance, or too many instances produced (see
    /// [`crate::Limits`]). Example: `FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30`
    /// with a budget of 100 empty periods.
    BudgetExhausted,
    /// A date or time is outside the years 0000–9999 this crate works in.
    /// Example: a window ending in the year 12000.
    OutOfRange,
    /// A component lacks what its expansion needs. Example: a VEVENT with an
    /// RRULE but no DTSTART.
    InvalidComponent,
}

/// An error of zone resolution, rule compilation or expansion.
///
/// Cheap to move (one pointer). `Display` prints the message.
#[derive(Clone)]
pub struct Error {
    inner: Box<Inner>,
}

#[derive(Clone)]
struct Inner {
    kind: ErrorKind,
    message: String,
    source: Option<kalends_ical_core::Error>,
}

impl Error {
    /// An error of `kind` with a whole-sentence `message`.
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Error {
        Error {
            inner: Box::new(Inner {
                kind,
                message: message.into(),
                source: None,
            }),
        }
    }

    /// An [`ErrorKind::InvalidValue`] error wrapping an error of
    /// `kalends-ical-core`; `what` names the value (`"DTSTART"`).
    pub fn from_value(what: &str, source: kalends_ical_core::Error) -> Error {
        Error {
            inner: Box::new(Inner {
                kind: ErrorKind::InvalidValue,
                message: format!("the {what} value is invalid: {}", source.message()),
                source: Some(source),
            }),
        }
    }

    /// The kind.
    pub fn kind(&self) -> ErrorKind {
        self.inner.kind
    }

    /// The message: a whole sentence.
    pub fn message(&self) -> &str {
        &self.inner.message
    }

    /// True when the work budget ran out ([`ErrorKind::BudgetExhausted`]).
    pub fn is_budget(&self) -> bool {
        self.kind() == ErrorKind::BudgetExhausted
    }

    /// True when a TZID could not be resolved ([`ErrorKind::UnknownZone`]).
    pub fn is_unknown_zone(&self) -> bool {
        self.kind() == ErrorKind::UnknownZone
    }

    /// True for an error in the input values or rule
    /// ([`ErrorKind::InvalidValue`], [`ErrorKind::InvalidRule`],
    /// [`ErrorKind::OutOfRange`]).
    pub fn is_input(&self) -> bool {
        matches!(
            self.kind(),
            ErrorKind::InvalidValue | ErrorKind::InvalidRule | ErrorKind::OutOfRange
        )
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Error")
            .field("kind", &self.kind())
            .field("message", &self.message())
            .finish()
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.message())
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.inner
            .source
            .as_ref()
            .map(|e| e as &(dyn std::error::Error + 'static))
    }
}

impl From<kalends_ical_core::Error> for Error {
    fn from(source: kalends_ical_core::Error) -> Error {
        Error::from_value("input", source)
    }
}

/// Quotes `s` for a message: in backticks, control characters escaped, cut
/// after 64 characters.
pub(crate) fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len().min(140) + 2);
    out.push('`');
    for (count, c) in s.chars().enumerate() {
        if count == 64 {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn message_and_kind() {
        let e = Error::new(
            ErrorKind::UnknownZone,
            "the TZID `X` names no known time zone.",
        );
        assert!(e.is_unknown_zone());
        assert_eq!(e.to_string(), "the TZID `X` names no known time zone.");
        assert_eq!(quote("a\nb"), "`a\\nb`");
    }
}
