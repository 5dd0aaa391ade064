//! The one error type of this crate, and the sinks that decide whether a
//! problem stops a parse.
//!
//! An [`Error`] has a [`ErrorKind`], a message that is a whole sentence and
//! quotes the input, and (for problems found in a document) a [`Location`]:
//! byte span, 1-based line and column, and the offending line. Line and
//! column are computed only when an error is built, never on the hot path.

use std::fmt;
use std::ops::Range;

/// What went wrong, precisely. Match on it or use the `is_*` predicates of
/// [`Error`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The input is not valid UTF-8. Example: the byte `0xFF` in a value.
    InvalidUtf8,
    /// A content line has no `:` between its name and value. Example: `SUMMARY Lunch`.
    MissingColon,
    /// A property or parameter name has a character outside `ALPHA / DIGIT / "-"`.
    /// Example: `SUM MARY:x`.
    InvalidName,
    /// A parameter has no `=`. Example: `DTSTART;TZID:20240101T000000`.
    InvalidParameter,
    /// A quoted parameter value has no closing quote. Example: `ATTENDEE;CN="Jo:mailto:j@x`.
    UnterminatedQuote,
    /// A control character that the grammar does not allow. Example: a NUL byte in a value.
    ControlCharacter,
    /// A line ends in a bare LF where CRLF is required (RFC 5545 §3.1), and
    /// [`crate::ParseOptions::allow_bare_lf`] is off.
    BareLf,
    /// An empty line where a content line was expected, and
    /// [`crate::ParseOptions::allow_blank_lines`] is off.
    BlankLine,
    /// A continuation line (starting with a space or tab) before any content line.
    OrphanContinuation,
    /// `END:X` without a matching `BEGIN:X`. Example: `END:VEVENT` at top level.
    UnmatchedEnd,
    /// A component is not closed by the end of the input. Example: a file
    /// that stops after `BEGIN:VEVENT`.
    MissingEnd,
    /// A property outside any component. Example: `SUMMARY:x` before `BEGIN:VCALENDAR`.
    PropertyOutsideComponent,
    /// The input has no component at all. Example: an empty file.
    Empty,
    /// A name is not upper case and [`crate::ParseOptions::allow_lowercase_names`] is off.
    LowercaseName,
    /// A value does not match its value type's grammar. Example: `DTSTART:2024-01-01`.
    InvalidValue,
    /// A value is grammatical but out of range. Example: `BYMONTH=13` without RSCALE.
    OutOfRange,
    /// A resource limit of [`crate::Limits`] was exceeded. Example: components
    /// nested deeper than `max_depth`.
    LimitExceeded,
    /// An RFC 5545 rule about the structure or content of a component is
    /// broken. Example: a VEVENT without UID (reported by validators).
    Invalid,
}

/// Where in a document an error was found.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Location {
    /// Byte range in the input.
    pub span: Range<usize>,
    /// 1-based line number (physical lines, as an editor counts them).
    pub line: usize,
    /// 1-based column, counted in characters.
    pub column: usize,
    /// The text of the offending physical line, without its line ending.
    pub line_text: String,
}

impl Location {
    /// Computes the location of `span` in `source`. Cost is linear in the
    /// offset; call it only to build an error.
    pub fn from_span(source: &str, span: Range<usize>) -> Location {
        Location::from_span_after(source, span, LineStart::FIRST).0
    }

    /// Renders `message` at this location the way rustc does: the
    /// `origin:line:column:` head, the offending line, and carets under the
    /// span (see [`Error::render`]). Every crate's errors render through it.
    pub fn render(&self, origin: &str, message: &str) -> String {
        let gutter = self.line.to_string();
        let pad = " ".repeat(gutter.len());
        let caret_pad = " ".repeat(self.column.saturating_sub(1));
        let start: usize = self
            .line_text
            .chars()
            .take(self.column.saturating_sub(1))
            .map(char::len_utf8)
            .sum();
        let len = self.span.end.saturating_sub(self.span.start);
        let width = self.line_text.get(start..).map_or(1, |rest| {
            rest.get(..len.min(rest.len()))
                .map_or(1, |s| s.chars().count())
        });
        let carets = "^".repeat(width.max(1));
        format!(
            "{origin}:{}:{}: {message}\n{pad} |\n{gutter} | {}\n{pad} | {caret_pad}{carets}",
            self.line, self.column, self.line_text
        )
    }

    /// Like [`Location::from_span`], counting lines from `hint`, a known line
    /// start at or before the span (so that a reader reporting problems in
    /// order does linear work in all). Returns the location and the start
    /// of its line, the hint for the next call.
    pub(crate) fn from_span_after(
        source: &str,
        span: Range<usize>,
        hint: LineStart,
    ) -> (Location, LineStart) {
        let start = floor_char_boundary(source, span.start.min(source.len()));
        let end = floor_char_boundary(source, span.end.clamp(start, source.len()));
        let hint = if hint.offset <= start && source.is_char_boundary(hint.offset) {
            hint
        } else {
            LineStart::FIRST
        };
        let before = source.get(hint.offset..start).unwrap_or("");
        let line = hint.line + memchr::memchr_iter(b'\n', before.as_bytes()).count();
        let line_start = before
            .rfind('\n')
            .map_or(hint.offset, |i| hint.offset + i + 1);
        let column = source
            .get(line_start..start)
            .map_or(0, |s| s.chars().count())
            + 1;
        let rest = source.get(line_start..).unwrap_or("");
        let line_end = rest.find('\n').unwrap_or(rest.len());
        let line_text = rest
            .get(..line_end)
            .unwrap_or("")
            .trim_end_matches('\r')
            .to_owned();
        let location = Location {
            span: start..end,
            line,
            column,
            line_text,
        };
        (
            location,
            LineStart {
                offset: line_start,
                line,
            },
        )
    }
}

/// A known line start: byte offset and 1-based line number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct LineStart {
    pub(crate) offset: usize,
    pub(crate) line: usize,
}

impl LineStart {
    pub(crate) const FIRST: LineStart = LineStart { offset: 0, line: 1 };
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// An error of any layer: content lines, values, tree, validation.
///
/// Cheap to move (one pointer). The message is a whole sentence that quotes
/// the input. `Display` prints `line L, column C: message`; [`Error::render`]
/// prints the rustc-style form with the line and a caret.
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
    /// An error without a location, such as a value parsed on its own.
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Error {
        Error {
            inner: Box::new(Inner {
                kind,
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
        Error {
            inner: Box::new(Inner {
                kind,
                message: message.into(),
                location: Some(Location::from_span(source, span)),
            }),
        }
    }

    /// The same error, placed at `location` (replacing any earlier location).
    #[must_use]
    pub fn with_location(mut self, location: Location) -> Error {
        self.inner.location = Some(location);
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

    /// Where the error was found, when it came from a document.
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

    /// True for a resource-limit error ([`ErrorKind::LimitExceeded`]).
    pub fn is_limit(&self) -> bool {
        self.kind() == ErrorKind::LimitExceeded
    }

    /// True for an error in a value ([`ErrorKind::InvalidValue`] or [`ErrorKind::OutOfRange`]).
    pub fn is_value(&self) -> bool {
        matches!(self.kind(), ErrorKind::InvalidValue | ErrorKind::OutOfRange)
    }

    /// True for an error in the content-line or component syntax.
    pub fn is_syntax(&self) -> bool {
        !self.is_value() && !self.is_limit() && self.kind() != ErrorKind::Invalid
    }

    /// Renders the error the way rustc does, with `origin` (a file name) in front:
    ///
    /// ```text
    /// cal.ics:3:8: a content line needs a `:` between its name and its value.
    ///   |
    /// 3 | SUMMARY Lunch
    ///   |        ^
    /// ```
    pub fn render(&self, origin: &str) -> String {
        match self.location() {
            Some(loc) => loc.render(origin, self.message()),
            None => format!("{origin}: {}", self.message()),
        }
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

/// Where a parser sends the problems it finds; the sink decides whether the
/// parse stops. One parser serves every mode:
///
/// - [`Strict`]: the first problem ends the parse with that error.
/// - `Vec<Error>`: every problem is collected, the parser recovers and goes on.
/// - `()`: problems are ignored silently, the parser recovers.
///
/// Limits ([`ErrorKind::LimitExceeded`]) always end the parse, whatever the sink.
pub trait ErrorSink {
    /// Takes one problem. Returning `Err` stops the parse with that error.
    fn report(&mut self, error: Error) -> Result<(), Error>;
}

/// The sink that stops at the first problem.
#[derive(Debug, Clone, Copy, Default)]
pub struct Strict;

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn location_is_one_based_and_counts_characters() {
        let src = "A:1\r\nBÉ:é x\r\n";
        let at = src.find('x').unwrap();
        let loc = Location::from_span(src, at..at + 1);
        assert_eq!((loc.line, loc.column), (2, 6));
        assert_eq!(loc.line_text, "BÉ:é x");
    }

    #[test]
    fn render_points_at_the_span() {
        let src = "BEGIN:VCALENDAR\r\nSUMMARY Lunch\r\n";
        let e = Error::at(ErrorKind::MissingColon, "no colon.", src, 24..25);
        assert_eq!(
            e.render("cal.ics"),
            "cal.ics:2:8: no colon.\n  |\n2 | SUMMARY Lunch\n  |        ^"
        );
    }

    #[test]
    fn spans_past_the_end_are_clamped() {
        let loc = Location::from_span("ab", 10..20);
        assert_eq!((loc.line, loc.column, loc.span), (1, 3, 2..2));
    }
}
