//! Reading vCards on the shared content-line reader of `kalends-ical-core`.
//!
//! The reader of `kalends_ical_core::contentline` splits the input into
//! logical lines (names, parameters, values, spans, exact input text); this
//! module builds the vCard tree from them and adds what only vCard needs:
//!
//! - vCard 2.1 QUOTED-PRINTABLE soft line breaks (RFC 2045 §6.7 rule 5): a
//!   `=` at the end of a physical line continues the value on the next line,
//!   which need not start with whitespace. The shared reader sees such a
//!   continuation as a line of its own; this module joins it to the value
//!   and drops the problems the shared reader found in it.
//! - vCard 2.1 bare parameters (`TEL;HOME;VOICE:`) and the blank line that
//!   ends a 2.1 base64 block are accepted inside a card whose VERSION is
//!   2.1, and reported elsewhere unless the options allow them.

use std::borrow::Cow;
use std::ops::Range;

use kalends_ical_core::ParseOptions;
use kalends_ical_core::contentline::{ContentLine, ContentLines};

use crate::error::{Error, ErrorKind, ErrorSink, LineIndex, Strict, excerpt};
use crate::tree::{Document, Property, VCard};
use crate::version::Version;

/// Reads every vCard of `text` strictly: the first problem is the error.
///
/// ```
/// let text = "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Jane Doe\r\nEND:VCARD\r\n";
/// let doc = kalends_vcard::parse(text)?;
/// assert_eq!(doc.cards[0].property("FN").map(|p| p.value()), Some("Jane Doe"));
/// assert_eq!(doc.to_string(), text);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn parse(text: &str) -> Result<Document<'_>, Error> {
    parse_with(text, &ParseOptions::default(), &mut Strict)
}

/// Reads every vCard of `text` leniently ([`ParseOptions::lenient`]),
/// returning the document and every problem found. Only a resource limit
/// makes this fail.
///
/// ```
/// let (doc, problems) = kalends_vcard::parse_lenient("BEGIN:VCARD\nVERSION:3.0\nFN:Jo\nEND:VCARD\n")?;
/// assert_eq!(doc.cards.len(), 1);
/// assert!(problems.is_empty());
/// # Ok::<(), kalends_vcard::Error>(())
/// ```
pub fn parse_lenient(text: &str) -> Result<(Document<'_>, Vec<Error>), Error> {
    let mut problems = Vec::new();
    let doc = parse_with(text, &ParseOptions::lenient(), &mut problems)?;
    Ok((doc, problems))
}

/// Reads vCards from bytes. UTF-8 input is read in place. Other input (old
/// vCard 2.1 files in Latin-1 or Windows-1252) is reported as
/// [`ErrorKind::InvalidUtf8`] to `sink`; when the sink accepts the problem
/// the bytes are read as Windows-1252 and the document owns its text.
///
/// ```
/// use kalends_vcard::{parse_bytes, ParseOptions};
/// let mut problems = Vec::new();
/// let doc = parse_bytes(b"BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Jos\xe9\r\nEND:VCARD\r\n", &ParseOptions::lenient(), &mut problems)?;
/// assert_eq!(doc.cards[0].property("FN").map(|p| p.value()), Some("José"));
/// assert_eq!(problems.len(), 1);
/// # Ok::<(), kalends_vcard::Error>(())
/// ```
pub fn parse_bytes<'a, S: ErrorSink + ?Sized>(
    bytes: &'a [u8],
    options: &ParseOptions,
    sink: &mut S,
) -> Result<Document<'a>, Error> {
    match std::str::from_utf8(bytes) {
        Ok(text) => parse_with(text, options, sink),
        Err(e) => {
            let at = e.valid_up_to();
            let valid = std::str::from_utf8(bytes.get(..at).unwrap_or(&[])).unwrap_or("");
            let mut loc = kalends_ical_core::Location::from_span(valid, at..at);
            loc.span = at..at + 1;
            sink.report(
                Error::new(
                    ErrorKind::InvalidUtf8,
                    format!(
                        "the input is not UTF-8: byte 0x{:02X} at offset {at} does not start or continue a character (RFC 6350 §3.1); it is read as Windows-1252.",
                        bytes.get(at).copied().unwrap_or(0)
                    ),
                )
                .with_location(loc),
            )?;
            let decoded: String = bytes.iter().map(|&b| crate::codec::cp1252(b)).collect();
            Ok(parse_with(&decoded, options, sink)?.into_owned())
        }
    }
}

/// Reads every vCard of `text` with `options`, sending problems to `sink`.
///
/// With [`Strict`] the first problem is the error; with a `Vec<Error>` every
/// problem is collected and the reader recovers (see
/// `kalends_ical_core::parse_with` for how). Limit errors always end the
/// parse. Text outside any card is reported and skipped.
pub fn parse_with<'a, S: ErrorSink + ?Sized>(
    text: &'a str,
    options: &ParseOptions,
    sink: &mut S,
) -> Result<Document<'a>, Error> {
    let mut reader_options = options.clone();
    reader_options.allow_bare_parameters = true;
    reader_options.allow_blank_lines = true;
    let builder = Builder {
        text,
        options,
        lines: ContentLines::new(text, &reader_options),
        stack: Vec::new(),
        top: Vec::new(),
        count: 0,
        end_of_last: 0,
        lookahead: None,
        line_index: LineIndex::default(),
    };
    builder.run(sink)
}

/// A card being built, with the problems whose report depends on its version.
struct Open<'a> {
    card: VCard<'a>,
    deferred: Vec<(ErrorKind, String, Range<usize>)>,
}

struct Builder<'a, 'o> {
    text: &'a str,
    options: &'o ParseOptions,
    lines: ContentLines<'a, 'o>,
    stack: Vec<Open<'a>>,
    top: Vec<VCard<'a>>,
    count: usize,
    end_of_last: usize,
    lookahead: Option<(ContentLine<'a>, Vec<kalends_ical_core::Error>)>,
    line_index: LineIndex,
}

impl<'a> Builder<'a, '_> {
    /// Reads one line, keeping the problems the shared reader found in it
    /// until we know whether the line is a QUOTED-PRINTABLE continuation.
    fn read(&mut self) -> Result<Option<(ContentLine<'a>, Vec<kalends_ical_core::Error>)>, Error> {
        if let Some(l) = self.lookahead.take() {
            return Ok(Some(l));
        }
        let mut problems: Vec<kalends_ical_core::Error> = Vec::new();
        match self.lines.next_line(&mut problems) {
            Ok(Some(line)) => Ok(Some((line, problems))),
            Ok(None) => Ok(None),
            Err(e) => Err(Error::from(e)),
        }
    }

    fn replay<S: ErrorSink + ?Sized>(
        problems: Vec<kalends_ical_core::Error>,
        sink: &mut S,
    ) -> Result<(), Error> {
        for p in problems {
            sink.report(Error::from(p))?;
        }
        Ok(())
    }

    fn run<S: ErrorSink + ?Sized>(mut self, sink: &mut S) -> Result<Document<'a>, Error> {
        let text = self.text;
        let limits = &self.options.limits;
        while let Some((line, problems)) = self.read()? {
            Self::replay(problems, sink)?;
            self.end_of_last = line.span.end;
            // Blank lines skipped before this line are in its raw text.
            let skipped = line
                .raw
                .len()
                .saturating_sub(line.span.end.saturating_sub(line.span.start));
            let blank_before = skipped > 0
                && !(line.span.start == 3 && text.starts_with('\u{feff}') && skipped == 3);
            if blank_before && !self.options.allow_blank_lines {
                let at = line.span.end.saturating_sub(line.raw.len());
                let message =
                    "an empty line stands where a content line was expected (RFC 6350 §3.2 has no empty lines).".to_owned();
                match self.stack.last_mut() {
                    Some(open) => open.deferred.push((ErrorKind::Syntax, message, at..at)),
                    None => sink.report(Error::at(ErrorKind::Syntax, message, text, at..at))?,
                }
            }
            let is_begin = line.group.is_none() && line.name.eq_ignore_ascii_case("BEGIN");
            let is_end = line.group.is_none() && line.name.eq_ignore_ascii_case("END");
            if is_begin {
                if self.stack.len() >= limits.max_depth {
                    return Err(Error::at(
                        ErrorKind::LimitExceeded,
                        format!(
                            "vCards are nested deeper than the limit of {}.",
                            limits.max_depth
                        ),
                        text,
                        line.span,
                    ));
                }
                self.count += 1;
                if self.count > limits.max_components {
                    return Err(Error::at(
                        ErrorKind::LimitExceeded,
                        format!(
                            "the input has more than the limit of {} vCards.",
                            limits.max_components
                        ),
                        text,
                        line.span,
                    ));
                }
                if !line.value.eq_ignore_ascii_case("VCARD") {
                    sink.report(Error::at(
                        ErrorKind::Syntax,
                        format!("`BEGIN:{}` starts a component that is not a vCard; it is kept as it is.", excerpt(&line.value)),
                        text,
                        line.span.clone(),
                    ))?;
                }
                let position = self.stack.last().map_or(0, |p| p.card.properties.len());
                let mut card = VCard::named(line.value);
                card.position = position;
                card.raw_begin = Some(Cow::Borrowed(line.raw));
                card.span = line.span.clone();
                self.stack.push(Open {
                    card,
                    deferred: Vec::new(),
                });
            } else if is_end {
                self.end(&line, sink)?;
            } else {
                self.property(line, sink)?;
            }
        }
        while let Some(open) = self.stack.pop() {
            if !self.options.allow_missing_end {
                sink.report(Error::at(
                    ErrorKind::Syntax,
                    format!(
                        "the vCard is not closed: `END:{}` is missing.",
                        excerpt(&open.card.name)
                    ),
                    text,
                    open.card.span.start..open.card.span.start + 5,
                ))?;
            }
            self.close(open, sink)?;
        }
        if self.top.is_empty() {
            sink.report(Error::at(
                ErrorKind::Syntax,
                "the input has no vCard; a vCard starts with `BEGIN:VCARD`.",
                text,
                0..0,
            ))?;
        }
        let mut doc = Document::new(self.top);
        doc.trailing = Cow::Borrowed(text.get(self.end_of_last..).unwrap_or(""));
        Ok(doc)
    }

    fn property<S: ErrorSink + ?Sized>(
        &mut self,
        line: ContentLine<'a>,
        sink: &mut S,
    ) -> Result<(), Error> {
        let text = self.text;
        let limits = &self.options.limits;
        let Some(open) = self.stack.last_mut() else {
            return sink.report(Error::at(
                ErrorKind::Syntax,
                format!(
                    "the property `{}` stands outside any vCard; a vCard starts with `BEGIN:VCARD`.",
                    excerpt(&line.name)
                ),
                text,
                line.span.clone(),
            ));
        };
        if open.card.properties.len() >= limits.max_properties_per_component {
            return Err(Error::at(
                ErrorKind::LimitExceeded,
                format!(
                    "the vCard has more than the limit of {} properties.",
                    limits.max_properties_per_component
                ),
                text,
                line.span,
            ));
        }
        for p in line.params.iter().filter(|p| p.raw_value().is_none()) {
            open.deferred.push((
                ErrorKind::InvalidParameter,
                format!(
                    "the parameter `{}` has no `=` and no value; bare parameters belong to vCard 2.1 only.",
                    excerpt(p.name())
                ),
                line.span.clone(),
            ));
        }
        let raw_start = line.span.end.saturating_sub(line.raw.len());
        let mut property = Property {
            group: line.group,
            name: line.name,
            params: line.params,
            value: line.value,
            raw: Some(Cow::Borrowed(line.raw)),
            span: line.span,
        };
        if is_quoted_printable(&property) {
            self.join_soft_breaks(&mut property, raw_start)?;
        }
        if let Some(open) = self.stack.last_mut() {
            open.card.properties.push(property);
        }
        Ok(())
    }

    /// Joins the lines that QUOTED-PRINTABLE soft breaks continue, and
    /// recomputes the value from the physical text.
    fn join_soft_breaks(
        &mut self,
        property: &mut Property<'a>,
        raw_start: usize,
    ) -> Result<(), Error> {
        let text = self.text;
        let start = property.span.start;
        let mut end = property.span.end;
        let first_line_end = end;
        let mut joined = false;
        while physical_value_ends_with_soft_break(text.get(start..end).unwrap_or("")) {
            let Some((next, problems)) = self.read()? else {
                break;
            };
            let next_raw_start = next.span.end.saturating_sub(next.raw.len());
            let structural = next.group.is_none()
                && (next.name.eq_ignore_ascii_case("END")
                    || next.name.eq_ignore_ascii_case("BEGIN"))
                && !next.value.is_empty()
                && next.params.is_empty();
            if next_raw_start != end || structural {
                self.lookahead = Some((next, problems));
                break;
            }
            end = next.span.end;
            self.end_of_last = end;
            joined = true;
        }
        let physical = text.get(start..end).unwrap_or("");
        let first_logical = text.get(start..first_line_end).unwrap_or("");
        let prefix_len = core_logical_len(first_logical).saturating_sub(property.value.len());
        if let Some(value) = qp_value(physical, prefix_len)
            && (joined || value != *property.value)
        {
            property.value = Cow::Owned(value);
        }
        if joined {
            property.raw = Some(Cow::Borrowed(text.get(raw_start..end).unwrap_or("")));
            property.span = start..end;
        }
        Ok(())
    }

    fn end<S: ErrorSink + ?Sized>(
        &mut self,
        line: &ContentLine<'a>,
        sink: &mut S,
    ) -> Result<(), Error> {
        let text = self.text;
        let name: &str = &line.value;
        let Some(depth) = self
            .stack
            .iter()
            .rposition(|o| o.card.name.eq_ignore_ascii_case(name))
        else {
            return sink.report(Error::at(
                ErrorKind::Syntax,
                format!(
                    "`END:{}` has no matching `BEGIN:{}`.",
                    excerpt(name),
                    excerpt(name)
                ),
                text,
                line.span.clone(),
            ));
        };
        while self.stack.len() > depth + 1 {
            let Some(inner) = self.stack.pop() else { break };
            sink.report(Error::at(
                ErrorKind::Syntax,
                format!(
                    "the component `{}` is not closed before `END:{}`.",
                    excerpt(&inner.card.name),
                    excerpt(name)
                ),
                text,
                inner.card.span.start..inner.card.span.start + 5,
            ))?;
            self.close(inner, sink)?;
        }
        if let Some(mut open) = self.stack.pop() {
            open.card.raw_end = Some(Cow::Borrowed(line.raw));
            open.card.span.end = line.span.end;
            self.close(open, sink)?;
        }
        Ok(())
    }

    /// Reports the card's deferred problems unless it is a vCard 2.1, and
    /// attaches it to its parent.
    fn close<S: ErrorSink + ?Sized>(&mut self, open: Open<'a>, sink: &mut S) -> Result<(), Error> {
        let is_21 = open.card.declared_version() == Some(Version::V2_1)
            || self
                .stack
                .iter()
                .any(|o| o.card.declared_version() == Some(Version::V2_1));
        if !is_21 {
            for (kind, message, span) in open.deferred {
                let allowed = match kind {
                    ErrorKind::InvalidParameter => self.options.allow_bare_parameters,
                    _ => self.options.allow_blank_lines,
                };
                if !allowed {
                    let loc = self.line_index.locate(self.text, span);
                    sink.report(Error::new(kind, message).with_location(loc))?;
                }
            }
        }
        let card = open.card;
        match self.stack.last_mut() {
            Some(parent) => parent.card.nested.push(card),
            None => self.top.push(card),
        }
        Ok(())
    }
}

/// True when the property's value is QUOTED-PRINTABLE (`ENCODING=QUOTED-PRINTABLE`
/// or the vCard 2.1 bare `QUOTED-PRINTABLE` parameter).
pub(crate) fn is_quoted_printable(p: &Property<'_>) -> bool {
    p.params.iter().any(|param| match param.raw_value() {
        None => param.is("QUOTED-PRINTABLE"),
        Some(_) => {
            param.is("ENCODING")
                && param
                    .value()
                    .is_some_and(|v| v.eq_ignore_ascii_case("QUOTED-PRINTABLE"))
        }
    })
}

/// Splits physical text into lines without their line endings.
fn physical_lines(physical: &str) -> impl Iterator<Item = &str> {
    let trimmed = physical
        .strip_suffix('\n')
        .map_or(physical, |s| s.strip_suffix('\r').unwrap_or(s));
    trimmed
        .split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
}

fn physical_value_ends_with_soft_break(physical: &str) -> bool {
    physical_lines(physical)
        .last()
        .is_some_and(|l| l.ends_with('='))
}

/// The length of the logical line the shared reader makes of `physical`
/// (folds of a line ending and one space or tab removed).
fn core_logical_len(physical: &str) -> usize {
    physical_lines(physical)
        .enumerate()
        .map(|(i, l)| {
            if i == 0 {
                l.len()
            } else {
                l.len().saturating_sub(1)
            }
        })
        .sum()
}

/// The QUOTED-PRINTABLE value of a property from its physical text: the
/// first `prefix_len` logical bytes are the name and parameters; in the
/// value a `=` at the end of a physical line is a soft break (removed with
/// the line ending and one space or tab that folds the next line), any
/// other line ending with its space or tab is a fold.
fn qp_value(physical: &str, prefix_len: usize) -> Option<String> {
    let mut out = String::new();
    let mut logical = 0usize;
    let mut in_value = false;
    for (i, line) in physical_lines(physical).enumerate() {
        let mut piece = line;
        if i > 0 {
            let soft = in_value && out.ends_with('=');
            if soft {
                out.pop();
            }
            if let Some(rest) = piece.strip_prefix([' ', '\t']) {
                piece = rest;
            } else if !soft {
                return None;
            }
        }
        if in_value {
            out.push_str(piece);
        } else if logical + piece.len() >= prefix_len {
            let cut = prefix_len - logical;
            out.push_str(piece.get(cut..)?);
            in_value = true;
        } else {
            logical += piece.len();
        }
    }
    in_value.then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn soft_breaks_without_whitespace_are_joined() {
        let text = "BEGIN:VCARD\r\nVERSION:2.1\r\nNOTE;ENCODING=QUOTED-PRINTABLE:line one=0D=0A=\r\nline two=\r\n=0D=0Aend\r\nTEL:1\r\nEND:VCARD\r\n";
        let doc = parse(text).unwrap();
        let card = &doc.cards[0];
        assert_eq!(card.properties().len(), 3);
        assert_eq!(
            card.properties()[1].value(),
            "line one=0D=0Aline two=0D=0Aend"
        );
        assert_eq!(card.properties()[2].value(), "1");
        assert_eq!(doc.to_string(), text);
    }

    #[test]
    fn soft_break_followed_by_fold() {
        let text =
            "BEGIN:VCARD\nVERSION:2.1\nLABEL;QUOTED-PRINTABLE:a=0D=0A=\n Baytown\nEND:VCARD\n";
        let doc = parse_with(text, &ParseOptions::lenient(), &mut Strict).unwrap();
        assert_eq!(doc.cards[0].properties()[1].value(), "a=0D=0ABaytown");
        assert_eq!(doc.to_string(), text);
    }

    #[test]
    fn bare_parameters_only_in_21() {
        let v21 = "BEGIN:VCARD\r\nVERSION:2.1\r\nTEL;HOME;VOICE:1\r\nEND:VCARD\r\n";
        assert!(parse(v21).is_ok());
        let v40 = "BEGIN:VCARD\r\nVERSION:4.0\r\nTEL;HOME:1\r\nEND:VCARD\r\n";
        let err = parse(v40).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidParameter);
        assert_eq!(err.line(), Some(3));
    }

    #[test]
    fn blank_line_after_base64_in_21() {
        let text = "BEGIN:VCARD\r\nVERSION:2.1\r\nPHOTO;ENCODING=BASE64;JPEG:\r\n  SGVs\r\n  bG8=\r\n\r\nFN:x\r\nEND:VCARD\r\n";
        let doc = parse(text).unwrap();
        assert_eq!(doc.to_string(), text);
        assert_eq!(doc.cards[0].properties()[1].value(), " SGVs bG8=");
    }

    #[test]
    fn missing_end_and_limits() {
        let mut errors = Vec::new();
        let doc = parse_with(
            "BEGIN:VCARD\r\nFN:x\r\n",
            &ParseOptions::default(),
            &mut errors,
        )
        .unwrap();
        assert_eq!(doc.cards.len(), 1);
        assert_eq!(errors.len(), 1);
        let deep = "BEGIN:VCARD\r\n".repeat(40);
        assert!(
            parse_with(&deep, &ParseOptions::lenient(), &mut ())
                .unwrap_err()
                .is_limit()
        );
    }

    #[test]
    fn empty_input() {
        assert_eq!(parse("").unwrap_err().kind(), ErrorKind::Syntax);
    }
}
