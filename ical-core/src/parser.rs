//! Building the tree from content lines.

use std::borrow::Cow;

use crate::contentline::{ContentLine, ContentLines, excerpt};
use crate::error::{Error, ErrorKind, ErrorSink, Strict};
use crate::options::ParseOptions;
use crate::tree::{Component, Document, Property};

/// Reads a document with the default (strict RFC 5545) options; the first
/// problem is the error.
///
/// ```
/// let text = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//y//EN\r\nEND:VCALENDAR\r\n";
/// let doc = kalends_ical_core::parse(text)?;
/// assert_eq!(doc.calendar().and_then(|c| c.property("VERSION")).map(|p| p.value()), Some("2.0"));
/// assert_eq!(doc.to_string(), text);
/// # Ok::<(), kalends_ical_core::Error>(())
/// ```
pub fn parse(text: &str) -> Result<Document<'_>, Error> {
    parse_with(text, &ParseOptions::default(), &mut Strict)
}

/// Reads a document from bytes, which must be UTF-8 (RFC 5545 §3.1.4).
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
            let mut loc = crate::error::Location::from_span(valid, at..at);
            // Show the offending line up to the bad byte.
            loc.span = at..at + 1;
            Err(Error::new(
                ErrorKind::InvalidUtf8,
                format!(
                    "the input is not UTF-8: byte 0x{:02X} at offset {at} does not start or continue a character (RFC 5545 §3.1.4).",
                    bytes.get(at).copied().unwrap_or(0)
                ),
            )
            .with_location(loc))
        }
    }
}

/// Reads a document with `options`, sending problems to `sink`.
///
/// With [`Strict`] the first problem is returned as the error. With a
/// `Vec<Error>` every problem is collected and the parser recovers: a
/// line without a colon becomes a property with an empty value (its text is
/// kept, so it is written back unchanged), a stray `END` is skipped,
/// components left open at the end are closed. Limit errors always end the
/// parse.
///
/// ```
/// use kalends_ical_core::{parse_with, ErrorKind, ParseOptions};
/// let text = "BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VEVENT\nUID:1\n";
/// let mut problems = Vec::new();
/// let doc = parse_with(text, &ParseOptions::default(), &mut problems)?;
/// assert_eq!(doc.components[0].components().len(), 1);
/// let kinds: Vec<_> = problems.iter().map(|e| e.kind()).collect();
/// assert_eq!(kinds, [ErrorKind::BareLf, ErrorKind::MissingEnd, ErrorKind::MissingEnd]);
/// # Ok::<(), kalends_ical_core::Error>(())
/// ```
pub fn parse_with<'a, S: ErrorSink + ?Sized>(
    text: &'a str,
    options: &ParseOptions,
    sink: &mut S,
) -> Result<Document<'a>, Error> {
    let mut lines = ContentLines::new(text, options);
    let limits = &options.limits;
    let mut stack: Vec<Component<'a>> = Vec::new();
    let mut top: Vec<Component<'a>> = Vec::new();
    let mut count = 0usize;
    let mut end_of_last = 0usize;
    // Property counts of the last component closed at each depth.
    let mut last_len: Vec<usize> = Vec::new();

    while let Some(line) = lines.next_line(sink)? {
        end_of_last = line.span.end;
        if line.group.is_none() && line.name.eq_ignore_ascii_case("BEGIN") {
            if stack.len() >= limits.max_depth {
                return Err(lines.error_at(
                    ErrorKind::LimitExceeded,
                    format!(
                        "components are nested deeper than the limit of {}.",
                        limits.max_depth
                    ),
                    line.span,
                ));
            }
            count += 1;
            if count > limits.max_components {
                return Err(lines.error_at(
                    ErrorKind::LimitExceeded,
                    format!(
                        "the document has more than the limit of {} components.",
                        limits.max_components
                    ),
                    line.span,
                ));
            }
            if line.value.trim_matches([' ', '\t']).is_empty() {
                sink.report(lines.error_at(
                    ErrorKind::InvalidName,
                    "`BEGIN` has no component name after its colon.",
                    line.span.clone(),
                ))?;
            }
            let position = stack.last().map_or(0, |p| p.properties.len());
            // `BEGIN: VOTE` (VPOLL draft §3.4) names `VOTE`: white space
            // around a component name is not part of it.
            let mut c = Component::new(trim_cow(line.value));
            // Sibling components tend to be alike (10,000 VEVENTs of 15
            // properties): start with room for as many properties as the
            // last component closed at this depth had.
            c.properties
                .reserve(last_len.get(stack.len()).copied().unwrap_or(8).clamp(4, 64));
            c.position = position;
            c.raw_begin = Some(Cow::Borrowed(line.raw));
            c.span = line.span.start..line.span.end;
            stack.push(c);
        } else if line.group.is_none() && line.name.eq_ignore_ascii_case("END") {
            let depth = stack.len().saturating_sub(1);
            let closing = stack.last().map(|c| c.properties.len());
            end_component(text, &mut stack, &mut top, &line, sink)?;
            if let Some(n) = closing {
                if last_len.len() <= depth {
                    last_len.resize(depth + 1, 8);
                }
                if let Some(slot) = last_len.get_mut(depth) {
                    *slot = n;
                }
            }
        } else {
            let Some(current) = stack.last_mut() else {
                sink.report(lines.error_at(
                    ErrorKind::PropertyOutsideComponent,
                    format!(
                        "the property `{}` stands outside any component; a file starts with `BEGIN`.",
                        excerpt(&line.name)
                    ),
                    line.span.clone(),
                ))?;
                continue;
            };
            if current.properties.len() >= limits.max_properties_per_component {
                return Err(lines.error_at(
                    ErrorKind::LimitExceeded,
                    format!(
                        "the component `{}` has more than the limit of {} properties.",
                        excerpt(&current.name),
                        limits.max_properties_per_component
                    ),
                    line.span,
                ));
            }
            current.properties.push(Property {
                group: line.group,
                name: line.name,
                params: line.params,
                value: line.value,
                raw: Some(Cow::Borrowed(line.raw)),
                span: line.span,
            });
        }
    }

    while let Some(open) = stack.pop() {
        if !options.allow_missing_end {
            sink.report(lines.error_at(
                ErrorKind::MissingEnd,
                format!(
                    "the component `{}` is not closed: `END:{}` is missing.",
                    excerpt(&open.name),
                    excerpt(&open.name)
                ),
                open.span.start..open.span.start + 5,
            ))?;
        }
        attach(open, &mut stack, &mut top);
    }
    if top.is_empty() {
        sink.report(lines.error_at(
            ErrorKind::Empty,
            "the input has no component; an iCalendar file starts with `BEGIN:VCALENDAR`.",
            0..0,
        ))?;
    }
    let trailing = text.get(end_of_last..).unwrap_or("");
    let mut doc = Document::new(top);
    doc.trailing = Cow::Borrowed(trailing);
    Ok(doc)
}

fn trim_cow(s: Cow<'_, str>) -> Cow<'_, str> {
    let trimmed = s.trim_matches([' ', '\t']);
    if trimmed.len() == s.len() {
        return s;
    }
    match s {
        Cow::Borrowed(b) => Cow::Borrowed(b.trim_matches([' ', '\t'])),
        Cow::Owned(o) => Cow::Owned(o.trim_matches([' ', '\t']).to_owned()),
    }
}

fn attach<'a>(mut c: Component<'a>, stack: &mut [Component<'a>], top: &mut Vec<Component<'a>>) {
    // A sub-component that came after all of its parent's properties is
    // written after them whatever is added later; only sub-components that
    // really stood between properties keep their place among them.
    for child in &mut c.components {
        if child.position >= c.properties.len() {
            child.position = usize::MAX;
        }
    }
    match stack.last_mut() {
        Some(parent) => {
            c.span.end = c.span.end.max(c.span.start);
            parent.components.push(c);
        }
        None => top.push(c),
    }
}

fn end_component<'a, S: ErrorSink + ?Sized>(
    text: &'a str,
    stack: &mut Vec<Component<'a>>,
    top: &mut Vec<Component<'a>>,
    line: &ContentLine<'a>,
    sink: &mut S,
) -> Result<(), Error> {
    let name: &str = line.value.trim_matches([' ', '\t']);
    let Some(depth) = stack
        .iter()
        .rposition(|c| c.name.eq_ignore_ascii_case(name))
    else {
        let open = stack
            .last()
            .map(|c| format!(" (the open component is `{}`)", excerpt(&c.name)))
            .unwrap_or_default();
        return sink.report(Error::at(
            ErrorKind::UnmatchedEnd,
            format!(
                "`END:{}` has no matching `BEGIN:{}`{open}.",
                excerpt(name),
                excerpt(name)
            ),
            text,
            line.span.clone(),
        ));
    };
    // Close the components opened after the one this END names.
    while stack.len() > depth + 1 {
        let Some(inner) = stack.pop() else { break };
        sink.report(Error::at(
            ErrorKind::MissingEnd,
            format!(
                "the component `{}` is not closed before `END:{}`.",
                excerpt(&inner.name),
                excerpt(name)
            ),
            text,
            inner.span.start..inner.span.start + 5,
        ))?;
        attach(inner, stack, top);
    }
    if let Some(mut c) = stack.pop() {
        c.raw_end = Some(Cow::Borrowed(line.raw));
        c.span.end = line.span.end;
        attach(c, stack, top);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const CAL: &str = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//kalends//test//EN\r\nBEGIN:VEVENT\r\nUID:1\r\nDTSTART:20240101T090000Z\r\nBEGIN:VALARM\r\nACTION:DISPLAY\r\nTRIGGER:-PT15M\r\nEND:VALARM\r\nSUMMARY:after the alarm\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";

    #[test]
    fn builds_the_tree() {
        let doc = parse(CAL).unwrap();
        let cal = doc.calendar().unwrap();
        assert_eq!(cal.properties().len(), 2);
        let ev = &cal.components()[0];
        assert!(ev.is("vevent"));
        assert_eq!(ev.properties().len(), 3);
        assert_eq!(
            ev.components()[0].property("TRIGGER").unwrap().value(),
            "-PT15M"
        );
        assert_eq!(
            ev.span(),
            CAL.find("BEGIN:VEVENT").unwrap()..CAL.find("END:VCALENDAR").unwrap()
        );
    }

    #[test]
    fn writes_back_byte_for_byte_with_interleaving() {
        assert_eq!(parse(CAL).unwrap().to_string(), CAL);
    }

    #[test]
    fn added_properties_go_before_trailing_components() {
        let mut doc = parse(CAL).unwrap();
        let event = &mut doc.components[0].components_mut()[0];
        event.push(Property::new("LOCATION", "here"));
        let text = doc.to_string();
        let alarm = text.find("BEGIN:VALARM").unwrap();
        // SUMMARY stood after the VALARM in the input and stays there; the
        // new property goes after the last property, which follows the alarm.
        assert!(text.find("SUMMARY:after the alarm").unwrap() > alarm);
        assert!(text.find("LOCATION:here").unwrap() > alarm);
        let mut cal = parse("BEGIN:A\r\nX:1\r\nBEGIN:B\r\nEND:B\r\nEND:A\r\n").unwrap();
        cal.components[0].push(Property::new("Y", "2"));
        assert_eq!(
            cal.to_string(),
            "BEGIN:A\r\nX:1\r\nY:2\r\nBEGIN:B\r\nEND:B\r\nEND:A\r\n"
        );
    }

    #[test]
    fn component_names_ignore_surrounding_white_space() {
        let text = "BEGIN: VOTE\r\nEND:VOTE \r\n";
        let doc = parse(text).unwrap();
        assert_eq!(doc.components[0].name(), "VOTE");
        assert_eq!(doc.to_string(), text);
    }

    #[test]
    fn unmatched_end_is_reported() {
        let err = parse("BEGIN:VCALENDAR\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n").unwrap_err();
        assert_eq!(err.kind(), ErrorKind::UnmatchedEnd);
        assert_eq!(err.line(), Some(2));
    }

    #[test]
    fn missing_end_recovers_in_collect_mode() {
        let mut errors = Vec::new();
        let doc = parse_with(
            "BEGIN:A\r\nBEGIN:B\r\nX:1\r\nEND:A\r\n",
            &ParseOptions::default(),
            &mut errors,
        )
        .unwrap();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].kind(), ErrorKind::MissingEnd);
        assert_eq!(
            doc.components[0].components()[0]
                .property("X")
                .unwrap()
                .value(),
            "1"
        );
    }

    #[test]
    fn property_outside_component() {
        let err = parse("SUMMARY:x\r\n").unwrap_err();
        assert_eq!(err.kind(), ErrorKind::PropertyOutsideComponent);
    }

    #[test]
    fn empty_input() {
        assert_eq!(parse("").unwrap_err().kind(), ErrorKind::Empty);
    }

    #[test]
    fn depth_limit() {
        let text = "BEGIN:A\r\n".repeat(40);
        let err = parse_with(&text, &ParseOptions::lenient(), &mut ()).unwrap_err();
        assert!(err.is_limit());
        assert_eq!(err.line(), Some(33));
    }

    #[test]
    fn invalid_utf8_has_a_location() {
        let err = parse_bytes(
            b"BEGIN:A\r\nX:\xff\r\n",
            &ParseOptions::default(),
            &mut Strict,
        )
        .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidUtf8);
        assert_eq!((err.line(), err.column()), (Some(2), Some(3)));
    }

    #[test]
    fn equality_ignores_raw_text() {
        let folded = "BEGIN:A\r\nX;P=\"v\":ab\r\n c\r\nEND:A\r\n";
        let plain = "begin:a\r\nx;p=v:abc\r\nend:a\r\n";
        assert_eq!(parse(folded).unwrap(), parse(plain).unwrap());
    }
}
