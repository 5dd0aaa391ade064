//! The one error type of this crate, and the sinks that decide whether a
//! problem stops a parse.
//!
//! An [`Error`] has an [`ErrorKind`], a message that is a whole sentence
//! quoting the input, and (for problems found in a document) a
//! [`Location`] with byte span, 1-based line and column and the offending
//! line. Problems of the shared content-line layer
//! (`kalends_ical_core::Error`) convert into this type with their kind kept
//! in [`Error::syntax_kind`].

use std::fmt;
use std::ops::Range;

pub use kalends_ical_core::{Location, Strict};

/// What went wrong. Match on it or use the `is_*` predicates of [`Error`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The content-line or component syntax is broken; the precise kind of
    /// the shared reader is in [`Error::syntax_kind`]. Example: `FN Jane`
    /// (no colon).
    Syntax,
    /// The input is not UTF-8 (RFC 6350 §3.1). Example: the byte `0xE9` of a
    /// Latin-1 vCard 2.1 file.
    InvalidUtf8,
    /// A value does not match its value type's grammar. Example:
    /// `BDAY:1985-13-45`, or `=4G` in a QUOTED-PRINTABLE value.
    InvalidValue,
    /// A parameter is not allowed or malformed. Example: `PREF=0`, or a bare
    /// `TEL;HOME:` parameter in a vCard 4.0.
    InvalidParameter,
    /// A resource limit was exceeded. Example: a value longer than
    /// `Limits::max_value_len`.
    LimitExceeded,
    /// A rule of RFC 6350 about the content of a vCard is broken (reported by
    /// [`crate::validate`]). Example: a vCard 4.0 without FN.
    Invalid,
    /// A jCard or JSContact input is not valid JSON or does not have the
    /// shape RFC 7095 / RFC 9553 define. Example: `["vcard", {}]`.
    Json,
    /// The input uses something this crate cannot decode. Example:
    /// `CHARSET=SHIFT_JIS` on a QUOTED-PRINTABLE value.
    Unsupported,
}

/// An error of any layer of this crate.
///
/// Cheap to move (one pointer). `Display` prints `line L, column C:
/// message` when there is a location; [`Error::render`] prints the rustc
/// style form with the line and a caret.
#[derive(Clone, PartialEq, Eq)]
pub struct Error {
    inner: Box<Inner>,
}

#[derive(Clone, PartialEq, Eq)]
struct Inner {
    kind: ErrorKind,
    syntax: Option<kalends_ical_core::ErrorKind>,
    message: String,
    location: Option<Location>,
}

impl Error {
    /// An error without a location.
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Error {
        Error {
            inner: Box::new(Inner {
                kind,
                syntax: None,
                message: message.into(),
                location: None,
            }),
        }
    }

    /// An error at `span` of `source`.
    pub fn at(
        kind: ErrorKind,
        message: impl Into<String>,
        source: &str,
        span: Range<usize>,
    ) -> Error {
        Error::new(kind, message).with_location(Location::from_span(source, span))
    }

    /// The same error placed at `location`.
    #[must_use]
    pub fn with_location(mut self, location: Location) -> Error {
        self.inner.location = Some(location);
        self
    }

    /// The kind.
    pub fn kind(&self) -> ErrorKind {
        self.inner.kind
    }

    /// For [`ErrorKind::Syntax`], [`ErrorKind::InvalidUtf8`] and
    /// [`ErrorKind::LimitExceeded`] errors of the shared content-line reader:
    /// its precise kind.
    pub fn syntax_kind(&self) -> Option<kalends_ical_core::ErrorKind> {
        self.inner.syntax
    }

    /// The message: a whole sentence, without location.
    pub fn message(&self) -> &str {
        &self.inner.message
    }

    /// Where the error was found, when known.
    pub fn location(&self) -> Option<&Location> {
        self.inner.location.as_ref()
    }

    /// 1-based line, when known.
    pub fn line(&self) -> Option<usize> {
        self.location().map(|l| l.line)
    }

    /// 1-based column, when known.
    pub fn column(&self) -> Option<usize> {
        self.location().map(|l| l.column)
    }

    /// True for [`ErrorKind::LimitExceeded`].
    pub fn is_limit(&self) -> bool {
        self.kind() == ErrorKind::LimitExceeded
    }

    /// True for [`ErrorKind::Syntax`] and [`ErrorKind::InvalidUtf8`].
    pub fn is_syntax(&self) -> bool {
        matches!(self.kind(), ErrorKind::Syntax | ErrorKind::InvalidUtf8)
    }

    /// True for [`ErrorKind::InvalidValue`] and [`ErrorKind::InvalidParameter`].
    pub fn is_value(&self) -> bool {
        matches!(
            self.kind(),
            ErrorKind::InvalidValue | ErrorKind::InvalidParameter
        )
    }

    /// Renders the error like rustc, with `origin` (a file name) in front.
    ///
    /// ```
    /// let err = kalends_vcard::parse("BEGIN:VCARD\r\nFN Jane\r\nEND:VCARD\r\n").unwrap_err();
    /// assert!(err.render("a.vcf").starts_with("a.vcf:2:3: "));
    /// ```
    pub fn render(&self, origin: &str) -> String {
        match self.location() {
            Some(loc) => loc.render(origin, self.message()),
            None => format!("{origin}: {}", self.message()),
        }
    }
}

impl From<kalends_ical_core::Error> for Error {
    fn from(e: kalends_ical_core::Error) -> Error {
        use kalends_ical_core::ErrorKind as K;
        let kind = match e.kind() {
            K::InvalidUtf8 => ErrorKind::InvalidUtf8,
            K::LimitExceeded => ErrorKind::LimitExceeded,
            K::InvalidValue | K::OutOfRange => ErrorKind::InvalidValue,
            K::Invalid => ErrorKind::Invalid,
            K::InvalidParameter | K::UnterminatedQuote => ErrorKind::Syntax,
            _ => ErrorKind::Syntax,
        };
        Error {
            inner: Box::new(Inner {
                kind,
                syntax: Some(e.kind()),
                message: e.message().to_owned(),
                location: e.location().cloned(),
            }),
        }
    }
}

impl From<serde_json::Error> for Error {
    fn from(e: serde_json::Error) -> Error {
        let mut message = e.to_string();
        if !message.ends_with('.') {
            message.push('.');
        }
        Error::new(
            ErrorKind::Json,
            format!("the JSON input is not valid: {message}"),
        )
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut d = f.debug_struct("Error");
        d.field("kind", &self.kind())
            .field("message", &self.message());
        if let Some(k) = self.syntax_kind() {
            d.field("syntax", &k);
        }
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

/// Where a reader or validator sends the problems it finds; the sink decides
/// whether the work stops.
///
/// - [`Strict`]: the first problem is returned as the error.
/// - `Vec<Error>`: every problem is collected and the reader recovers.
/// - `()`: problems are ignored and the reader recovers.
///
/// Limit errors ([`ErrorKind::LimitExceeded`]) always end a parse.
pub trait ErrorSink {
    /// Takes one problem. Returning `Err` stops the work with that error.
    fn report(&mut self, error: Error) -> Result<(), Error>;
}

impl ErrorSink for Strict {
    fn report(&mut self, error: Error) -> Result<(), Error> {
        Err(error)
    }
}

impl ErrorSink for Vec<Error> {
    fn report(&mut self, error: Error) -> Result<(), Error> {
        self.push(error);
        Ok(())
    }
}

impl ErrorSink for () {
    fn report(&mut self, _error: Error) -> Result<(), Error> {
        Ok(())
    }
}

impl<S: ErrorSink + ?Sized> ErrorSink for &mut S {
    fn report(&mut self, error: Error) -> Result<(), Error> {
        (**self).report(error)
    }
}

/// Line starts of a source, built on first use, so that reporting many
/// problems in a large input costs one pass over it rather than one pass
/// per problem (`Location::from_span` counts lines from the start).
#[derive(Debug, Default)]
pub(crate) struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    /// The location of `span` in `src`, as `Location::from_span` computes it.
    pub(crate) fn locate(&mut self, src: &str, span: Range<usize>) -> Location {
        if self.starts.is_empty() {
            self.starts.push(0);
            self.starts.extend(
                src.bytes()
                    .enumerate()
                    .filter(|(_, b)| *b == b'\n')
                    .map(|(i, _)| i + 1),
            );
        }
        let mut start = span.start.min(src.len());
        while start > 0 && !src.is_char_boundary(start) {
            start -= 1;
        }
        let mut end = span.end.clamp(start, src.len());
        while end > start && !src.is_char_boundary(end) {
            end -= 1;
        }
        let line = self.starts.partition_point(|&l| l <= start);
        let line_start = self
            .starts
            .get(line.saturating_sub(1))
            .copied()
            .unwrap_or(0);
        let column = src.get(line_start..start).map_or(0, |t| t.chars().count()) + 1;
        let rest = src.get(line_start..).unwrap_or("");
        let line_text = rest
            .get(..rest.find('\n').unwrap_or(rest.len()))
            .unwrap_or("")
            .trim_end_matches('\r')
            .to_owned();
        Location {
            span: start..end,
            line: line.max(1),
            column,
            line_text,
        }
    }
}

/// At most 60 characters of `s`, for quoting in messages.
pub(crate) fn excerpt(s: &str) -> std::borrow::Cow<'_, str> {
    match s.char_indices().nth(60) {
        Some((i, _)) => std::borrow::Cow::Owned(format!("{}…", s.get(..i).unwrap_or(""))),
        None => std::borrow::Cow::Borrowed(s),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn core_errors_keep_their_kind_and_location() {
        let core = kalends_ical_core::parse("BEGIN:VCARD\r\nFN Jane\r\nEND:VCARD\r\n").unwrap_err();
        let e = Error::from(core);
        assert_eq!(e.kind(), ErrorKind::Syntax);
        assert_eq!(
            e.syntax_kind(),
            Some(kalends_ical_core::ErrorKind::MissingColon)
        );
        assert_eq!(e.line(), Some(2));
    }

    #[test]
    fn render_points_at_the_span() {
        let src = "BEGIN:VCARD\r\nBDAY:1985-13\r\n";
        let e = Error::at(ErrorKind::InvalidValue, "bad month.", src, 23..25);
        assert_eq!(
            e.render("a.vcf"),
            "a.vcf:2:11: bad month.\n  |\n2 | BDAY:1985-13\n  |           ^^"
        );
    }
}
