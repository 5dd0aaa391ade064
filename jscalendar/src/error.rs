//! The one error type of this crate.
//!
//! An [`Error`] has an [`ErrorKind`], a message that is a whole sentence and
//! quotes the offending input, and where there is one a location: a JSON
//! pointer ([RFC 6901]) into the object that was validated or patched, or the
//! line and column of a JSON syntax error.
//!
//! Validation ([`crate::validate()`]) returns every problem it finds as a list
//! of errors, each with a pointer.
//!
//! [RFC 6901]: https://www.rfc-editor.org/rfc/rfc6901

use std::fmt;

/// What went wrong, precisely. Match on it or use the `is_*` predicates of
/// [`Error`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The input is not JSON. Example: `{"@type": "Event",}`.
    Json,
    /// The input is JSON but does not fit the typed object model. Example:
    /// `{"@type": "Event", "title": 5}` read as an [`crate::Event`].
    Model,
    /// A JSON value has the wrong JSON type for its property. Example:
    /// `"sequence": "1"` (a string where RFC 8984 §4.1.7 wants an UnsignedInt).
    WrongType,
    /// A mandatory property is missing. Example: an Event without `uid`
    /// (RFC 8984 §4.1.2).
    MissingProperty,
    /// A value does not match the syntax of its data type (RFC 8984 §1.4).
    /// Example: the UTCDateTime `2020-01-02T18:23:04.000Z` (zero fraction).
    InvalidValue,
    /// A value is well-formed but out of range. Example: `"priority": 10`
    /// (RFC 8984 §4.4.1 allows 0 to 9), or an Int above 2⁵³-1.
    OutOfRange,
    /// A rule of RFC 8984 that relates several properties is broken.
    /// Example: a RecurrenceRule with both `count` and `until` (§4.3.3).
    Invalid,
    /// A PatchObject key is not a valid JSON pointer (RFC 6901 §3, RFC 8984
    /// §1.4.9). Example: the key `title~2`.
    InvalidPointer,
    /// A PatchObject patch points inside an array, which RFC 8984 §1.4.9
    /// rule 1 forbids. Example: `recurrenceRules/0/count`.
    PatchInsideArray,
    /// A part of a patch's pointer before the last one does not exist on the
    /// patched object (RFC 8984 §1.4.9 rule 2). Example:
    /// `locations/nowhere/name` on an object without location `nowhere`.
    PatchMissingParent,
    /// A patch's pointer passes through a value that is not a JSON object.
    /// Example: `title/x` where `title` is a string.
    PatchNotAnObject,
    /// One patch's pointer is a prefix of another's (RFC 8984 §1.4.9 rule 3).
    /// Example: `alerts` and `alerts/1/offset` in one PatchObject.
    PatchPrefixConflict,
    /// Something asked for does not exist. Example: a localization for a
    /// language tag the object has no patch for.
    NotFound,
    /// The input cannot be converted. Example: an iCalendar document whose
    /// top-level component is a VEVENT rather than a VCALENDAR
    /// (draft-ietf-calext-jscalendar-icalendar §2.1.1), or JSON that is not
    /// a JSCalendar object.
    Unsupported,
    /// A limit was exceeded. Example: JSON nested deeper than
    /// [`crate::convert::MAX_JSON_DEPTH`], or an expansion over its budget.
    LimitExceeded,
    /// Recurrence expansion failed (an error of `kalends-rrule`, quoted).
    /// Example: a rule with an unknown RSCALE.
    Expansion,
}

/// Where an error was found.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorLocation {
    /// A JSON pointer (RFC 6901) into the JSON value that was validated,
    /// patched or read; `""` is the whole value.
    Pointer(String),
    /// 1-based line and column in JSON text (for [`ErrorKind::Json`] and
    /// [`ErrorKind::Model`] errors from text input).
    Text {
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
    },
}

/// An error of any part of this crate: reading, data types, patches and
/// validation.
///
/// Cheap to move (one pointer). `Display` prints `at POINTER: message` (or
/// `line L, column C: message`) when there is a location.
#[derive(Clone, PartialEq, Eq)]
pub struct Error {
    inner: Box<Inner>,
}

#[derive(Clone, PartialEq, Eq)]
struct Inner {
    kind: ErrorKind,
    message: String,
    location: Option<ErrorLocation>,
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

    /// An error at the JSON pointer `pointer`.
    pub fn at(kind: ErrorKind, message: impl Into<String>, pointer: impl Into<String>) -> Error {
        Error::new(kind, message).with_pointer(pointer)
    }

    /// The same error, placed at `pointer` (replacing any earlier location).
    #[must_use]
    pub fn with_pointer(mut self, pointer: impl Into<String>) -> Error {
        self.inner.location = Some(ErrorLocation::Pointer(pointer.into()));
        self
    }

    /// The same error with `prefix` put in front of its pointer; an error
    /// without a location gets `prefix` as its pointer. Used when a value
    /// checked on its own is part of a larger document.
    #[must_use]
    pub fn within(mut self, prefix: &str) -> Error {
        let pointer = match self.inner.location.take() {
            Some(ErrorLocation::Pointer(p)) => format!("{prefix}{p}"),
            _ => prefix.to_owned(),
        };
        self.inner.location = Some(ErrorLocation::Pointer(pointer));
        self
    }

    /// The precise kind.
    pub fn kind(&self) -> ErrorKind {
        self.inner.kind
    }

    /// The message: a whole sentence, without location.
    pub fn message(&self) -> &str {
        &self.inner.message
    }

    /// Where the error was found, when known.
    pub fn location(&self) -> Option<&ErrorLocation> {
        self.inner.location.as_ref()
    }

    /// The JSON pointer of the error, when it has one.
    pub fn pointer(&self) -> Option<&str> {
        match self.location() {
            Some(ErrorLocation::Pointer(p)) => Some(p),
            _ => None,
        }
    }

    /// 1-based line in JSON text, when known.
    pub fn line(&self) -> Option<usize> {
        match self.location() {
            Some(ErrorLocation::Text { line, .. }) => Some(*line),
            _ => None,
        }
    }

    /// 1-based column in JSON text, when known.
    pub fn column(&self) -> Option<usize> {
        match self.location() {
            Some(ErrorLocation::Text { column, .. }) => Some(*column),
            _ => None,
        }
    }

    /// True for an error from reading JSON ([`ErrorKind::Json`] or [`ErrorKind::Model`]).
    pub fn is_read(&self) -> bool {
        matches!(self.kind(), ErrorKind::Json | ErrorKind::Model)
    }

    /// True for an error in a single value ([`ErrorKind::InvalidValue`],
    /// [`ErrorKind::OutOfRange`] or [`ErrorKind::WrongType`]).
    pub fn is_value(&self) -> bool {
        matches!(
            self.kind(),
            ErrorKind::InvalidValue | ErrorKind::OutOfRange | ErrorKind::WrongType
        )
    }

    /// True for an invalid PatchObject or patch (RFC 8984 §1.4.9).
    pub fn is_patch(&self) -> bool {
        matches!(
            self.kind(),
            ErrorKind::InvalidPointer
                | ErrorKind::PatchInsideArray
                | ErrorKind::PatchMissingParent
                | ErrorKind::PatchNotAnObject
                | ErrorKind::PatchPrefixConflict
        )
    }

    /// The same error, placed at 1-based `line` and `column` of JSON text.
    pub(crate) fn with_text_location(mut self, line: usize, column: usize) -> Error {
        self.inner.location = Some(ErrorLocation::Text { line, column });
        self
    }

    /// Converts a `serde_json` error, keeping its line and column.
    pub(crate) fn from_json(err: &serde_json::Error) -> Error {
        use serde_json::error::Category;
        let (kind, what) = match err.classify() {
            Category::Data => (ErrorKind::Model, "does not fit the JSCalendar object model"),
            Category::Syntax | Category::Eof | Category::Io => {
                (ErrorKind::Json, "is not valid JSON")
            }
        };
        let text = err.to_string();
        let detail = sentence_part(&text);
        let mut e = Error::new(kind, format!("The input {what}: {detail}."));
        if err.line() > 0 {
            e.inner.location = Some(ErrorLocation::Text {
                line: err.line(),
                column: err.column(),
            });
        }
        e
    }
}

/// Strips serde_json's trailing " at line L column C" and a final period.
fn sentence_part(s: &str) -> &str {
    let s = match s.rfind(" at line ") {
        Some(i) => s.get(..i).unwrap_or(s),
        None => s,
    };
    s.trim_end_matches('.')
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.location() {
            Some(ErrorLocation::Pointer(p)) => write!(f, "at `{p}`: {}", self.message()),
            Some(ErrorLocation::Text { line, column }) => {
                write!(f, "line {line}, column {column}: {}", self.message())
            }
            None => f.write_str(self.message()),
        }
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Error")
            .field("kind", &self.kind())
            .field("message", &self.message())
            .field("location", &self.location())
            .finish()
    }
}

impl std::error::Error for Error {}

/// Quotes an input for a message: at most 60 characters, cut on a character
/// boundary with `…` when longer.
pub(crate) fn quote(s: &str) -> String {
    const MAX: usize = 60;
    if s.chars().count() <= MAX {
        s.to_owned()
    } else {
        let mut out: String = s.chars().take(MAX).collect();
        out.push('…');
        out
    }
}

/// Quotes a JSON value for a message (compact JSON, shortened like [`quote`]).
pub(crate) fn quote_json(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::Object(m) if m.is_empty() => "{}".to_owned(),
        serde_json::Value::Object(_) => "{…}".to_owned(),
        serde_json::Value::Array(a) if a.is_empty() => "[]".to_owned(),
        serde_json::Value::Array(_) => "[…]".to_owned(),
        serde_json::Value::String(s) => format!("\"{}\"", quote(s)),
        _ => quote(&v.to_string()),
    }
}
