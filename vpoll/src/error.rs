//! The one error type of this crate.
//!
//! An [`Error`] has an [`ErrorKind`] (with the typed details of a refused
//! poll move), a message that is a whole sentence quoting the input, and a
//! [`Location`] when the problem was found in a document read from text.

use std::fmt;

pub use kalends_ical_core::Location;

use crate::model::{Action, PollStatus};

/// What went wrong.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The text is not iCalendar: a content line or component problem found
    /// by `kalends-ical-core`. Example: `SUMMARY Lunch` (no colon).
    Syntax,
    /// A value does not match its type. Example: `RESPONSE:yes` (RESPONSE is
    /// an INTEGER, draft-ietf-calext-vpoll-06 §4.5.8).
    Value,
    /// A rule of the draft or of RFC 5545/9074 is broken in a way that stops
    /// the operation. Example: a REPLY whose VPOLL has no UID.
    Invalid,
    /// The document has no VPOLL where one is needed. Example: a file with
    /// only a VEVENT given to [`crate::Organizer::from_document`].
    NotAPoll,
    /// A message is about another poll. Example: a REPLY whose UID is not the
    /// organizer's poll UID.
    WrongPoll,
    /// A message has the wrong iTIP METHOD for the operation. Example: a
    /// POLLSTATUS given to [`crate::Organizer::apply_reply`].
    WrongMethod,
    /// A calendar address is not a voter of the poll. Example: building a
    /// reply for `mailto:x@example.com` from a REQUEST that does not list it.
    UnknownVoter,
    /// A POLL-ITEM-ID names no choice of the poll. Example: `POLL-WINNER:7`
    /// in a poll with choices 1 to 3.
    UnknownChoice {
        /// The POLL-ITEM-ID that matched nothing.
        id: i64,
    },
    /// The poll state machine refuses the move (draft §3.5, §4.3).
    /// Example: confirming a poll that was cancelled.
    IllegalTransition {
        /// The state the poll was in.
        from: PollStatus,
        /// What was asked of it.
        action: Action,
    },
    /// A VALARM named by UID or index does not exist. Example: snoozing the
    /// UID `nope` in an event without such an alarm.
    UnknownAlarm,
    /// A resource limit was exceeded. Example: an alarm schedule with more
    /// firings than [`crate::ScheduleOptions::max_firings`].
    LimitExceeded,
    /// Time-zone or recurrence expansion failed in `kalends-rrule`.
    /// Example: a TZID that names no zone.
    Recurrence,
}

/// An error of this crate.
///
/// Cheap to move (one pointer). `Display` prints `line L, column C: message`
/// when the error has a location, otherwise the message.
#[derive(Clone, PartialEq, Eq)]
pub struct Error {
    inner: Box<Inner>,
}

#[derive(Clone, PartialEq, Eq)]
struct Inner {
    kind: ErrorKind,
    message: String,
    location: Option<Location>,
}

impl Error {
    /// An error without a location.
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Error {
        Error {
            inner: Box::new(Inner {
                kind,
                message: message.into(),
                location: None,
            }),
        }
    }

    /// The same error placed at `location`.
    #[must_use]
    pub fn with_location(mut self, location: Option<Location>) -> Error {
        self.inner.location = location;
        self
    }

    /// The kind.
    pub fn kind(&self) -> ErrorKind {
        self.inner.kind
    }

    /// The message: a whole sentence, without location.
    pub fn message(&self) -> &str {
        &self.inner.message
    }

    /// Where the problem was found, when it came from a document read from text.
    pub fn location(&self) -> Option<&Location> {
        self.inner.location.as_ref()
    }

    /// 1-based line, when known.
    pub fn line(&self) -> Option<usize> {
        self.location().map(|l| l.line)
    }

    /// True when the poll state machine refused a move.
    pub fn is_illegal_transition(&self) -> bool {
        matches!(self.kind(), ErrorKind::IllegalTransition { .. })
    }

    /// The refused move: the state the poll was in and the action asked.
    pub fn transition(&self) -> Option<(PollStatus, Action)> {
        match self.kind() {
            ErrorKind::IllegalTransition { from, action } => Some((from, action)),
            _ => None,
        }
    }

    pub(crate) fn invalid(message: impl Into<String>) -> Error {
        Error::new(ErrorKind::Invalid, message)
    }

    pub(crate) fn value(message: impl Into<String>) -> Error {
        Error::new(ErrorKind::Value, message)
    }
}

impl From<kalends_ical_core::Error> for Error {
    fn from(e: kalends_ical_core::Error) -> Error {
        let kind = if e.is_limit() {
            ErrorKind::LimitExceeded
        } else if e.is_value() {
            ErrorKind::Value
        } else if e.kind() == kalends_ical_core::ErrorKind::Invalid {
            ErrorKind::Invalid
        } else {
            ErrorKind::Syntax
        };
        Error::new(kind, e.message()).with_location(e.location().cloned())
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut d = f.debug_struct("Error");
        d.field("kind", &self.kind())
            .field("message", &self.message());
        if let Some(loc) = self.location() {
            d.field("line", &loc.line).field("column", &loc.column);
        }
        d.finish()
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.location() {
            Some(loc) => write!(
                f,
                "line {}, column {}: {}",
                loc.line,
                loc.column,
                self.message()
            ),
            None => f.write_str(self.message()),
        }
    }
}

impl std::error::Error for Error {}

/// Quotes `s` for a message: in backticks, control characters escaped, cut
/// after 64 characters.
pub(crate) fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len().min(130) + 2);
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
