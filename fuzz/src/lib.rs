//! The checks behind the fuzz targets, one public function per target.
//!
//! Each function takes the raw fuzz input and panics (through `assert!`)
//! when an invariant of `kalends-ical-core` does not hold. The same file is
//! compiled into `ical-core/tests/fuzz_regressions.rs` (and the proptest
//! suite) with `#[path]`, so a normal `cargo test` replays every saved crash
//! through exactly the checks the fuzzer ran. It therefore depends on
//! nothing but `kalends_ical_core` and `std`.
//!
//! Options are chosen per run from three sets: the default (strict RFC 5545)
//! options, [`ParseOptions::lenient`], and a set derived from the first input
//! byte (each quirk one bit, with small limits so that the limit paths are
//! reached by small inputs).
#![allow(dead_code)]

use std::ops::Range;

use kalends_ical_core::contentline::{ContentLine, ContentLines};
use kalends_ical_core::value::Recur;
use kalends_ical_core::{
    Component, Document, Error, ErrorKind, ErrorSink, ParseOptions, Strict, parse_bytes,
    parse_with, write,
};

/// The option sets every target runs: default, lenient, and one derived
/// from the first byte of the input.
pub fn option_sets(data: &[u8]) -> [ParseOptions; 3] {
    let bits = data.first().copied().unwrap_or(0);
    let mut mixed = ParseOptions::default();
    mixed.allow_bare_lf = bits & 1 != 0;
    mixed.allow_lf_folding = bits & 2 != 0;
    mixed.allow_missing_end = bits & 4 != 0;
    mixed.allow_lowercase_names = bits & 8 != 0;
    mixed.allow_blank_lines = bits & 16 != 0;
    mixed.allow_bare_parameters = bits & 32 != 0;
    mixed.limits.max_depth = 3;
    mixed.limits.max_components = 8;
    mixed.limits.max_properties_per_component = 8;
    mixed.limits.max_params_per_property = 3;
    mixed.limits.max_value_len = 48;
    [ParseOptions::default(), ParseOptions::lenient(), mixed]
}

// ---------------------------------------------------------------------------
// Errors

/// Every error that comes out of a document parse has a location inside the
/// input, a 1-based line and column, a whole-sentence message, and renders
/// without panicking.
pub fn check_error(error: &Error, input_len: usize) {
    let message = error.message();
    assert!(!message.is_empty(), "empty error message: {error:?}");
    assert!(
        message.ends_with('.'),
        "the message is not a whole sentence: {message:?}"
    );
    let location = error
        .location()
        .unwrap_or_else(|| panic!("error without a location: {error:?}"));
    assert!(
        location.span.start <= location.span.end && location.span.end <= input_len,
        "span {:?} outside the input of {input_len} bytes: {error:?}",
        location.span
    );
    assert!(location.line >= 1 && location.column >= 1, "{error:?}");
    assert!(!location.line_text.contains('\n'), "{error:?}");
    let rendered = error.render("fuzz.ics");
    assert!(rendered.starts_with("fuzz.ics:"), "{rendered}");
    let _ = error.to_string();
}

// ---------------------------------------------------------------------------
// contentline

/// One content line, owned, for comparing runs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// Group.
    pub group: Option<String>,
    /// Name.
    pub name: String,
    /// Parameters: name and raw value.
    pub params: Vec<(String, Option<String>)>,
    /// Value.
    pub value: String,
    /// Span in the input.
    pub span: Range<usize>,
    /// Raw text.
    pub raw: String,
}

impl Line {
    fn new(l: &ContentLine<'_>) -> Line {
        Line {
            group: l.group.as_deref().map(str::to_owned),
            name: l.name.to_string(),
            params: l
                .params
                .iter()
                .map(|p| (p.name().to_owned(), p.raw_value().map(str::to_owned)))
                .collect(),
            value: l.value.to_string(),
            span: l.span.clone(),
            raw: l.raw.to_owned(),
        }
    }

    /// The logical line put back together from its parts, with or without
    /// the colon before the value.
    fn rebuild(&self, colon: bool) -> String {
        let mut out = String::new();
        if let Some(g) = &self.group {
            out.push_str(g);
            out.push('.');
        }
        out.push_str(&self.name);
        for (name, value) in &self.params {
            out.push(';');
            out.push_str(name);
            if let Some(v) = value {
                out.push('=');
                out.push_str(v);
            }
        }
        if colon {
            out.push(':');
        }
        out.push_str(&self.value);
        out
    }
}

/// Unfolds the text of one line's span: drops the final line ending and
/// every line ending (CRLF or LF) followed by one space or tab.
fn unfold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(nl) = rest.find('\n') {
        let (before, after) = rest.split_at(nl);
        let before = before.strip_suffix('\r').unwrap_or(before);
        out.push_str(before);
        let after = after.get(1..).unwrap_or("");
        rest = match after.as_bytes().first() {
            Some(b' ' | b'\t') => after.get(1..).unwrap_or(""),
            _ => {
                assert!(after.is_empty(), "a span runs past its line ending: {s:?}");
                ""
            }
        };
    }
    out.push_str(rest);
    out
}

/// Reads every line of `text` with `sink`; returns the lines read and how
/// the reader ended.
fn read_lines<S: ErrorSink>(
    text: &str,
    options: &ParseOptions,
    sink: &mut S,
) -> (Vec<Line>, Result<(), Error>) {
    let mut reader = ContentLines::new(text, options);
    let mut lines = Vec::new();
    loop {
        match reader.next_line(sink) {
            Ok(Some(l)) => lines.push(Line::new(&l)),
            Ok(None) => {
                assert_eq!(reader.position(), text.len());
                assert_eq!(reader.remainder(), "");
                return (lines, Ok(()));
            }
            Err(e) => return (lines, Err(e)),
        }
    }
}

/// Checks the lines of one complete (non-failing) read.
fn check_lines(text: &str, options: &ParseOptions, lines: &[Line], complete: bool) {
    let limits = &options.limits;
    let mut expected_start = 0usize;
    for line in lines {
        let span = line.span.clone();
        assert!(span.start < span.end && span.end <= text.len(), "{line:?}");
        let spanned = text
            .get(span.clone())
            .unwrap_or_else(|| panic!("span not on char boundaries: {line:?}"));
        // The raw text runs from the end of the previous line to the end of this one.
        assert_eq!(
            text.get(expected_start..span.end),
            Some(line.raw.as_str()),
            "raw text is not contiguous"
        );
        expected_start = span.end;
        assert!(line.value.len() <= limits.max_value_len);
        assert!(line.params.len() <= limits.max_params_per_property);
        // A line starting with a blank (a continuation with nothing before
        // it) is read without its leading blanks.
        let unfolded = unfold(spanned);
        let logical = unfolded.trim_start_matches([' ', '\t']);
        assert!(
            line.rebuild(true) == logical
                || (line.value.is_empty() && line.rebuild(false) == logical),
            "the parts of a line do not make up the line: {logical:?} vs {line:?}"
        );
    }
    if complete {
        // What follows the last line is only blank lines (or a lone BOM).
        let rest = text.get(expected_start..).unwrap_or("");
        let rest = if expected_start == 0 {
            rest.strip_prefix('\u{feff}').unwrap_or(rest)
        } else {
            rest
        };
        assert!(
            rest.bytes().all(|b| b == b'\r' || b == b'\n'),
            "text after the last line is not blank: {rest:?}"
        );
    }
}

/// The `contentline` target: the [`ContentLines`] reader over the input as
/// text (invalid UTF-8 replaced), with every option set and every sink.
///
/// - The collect-all and silent sinks read the same lines and end the same way;
///   only a limit can end them early.
/// - The strict sink reads the same lines up to its error, and its error is
///   the first one collected; without an error it read everything, and nothing
///   was collected.
/// - Lines are contiguous, their spans lie on character boundaries, their
///   parts put together give the unfolded line, limits are kept.
pub fn contentline(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    for options in option_sets(data) {
        let mut collected = Vec::new();
        let (lines_vec, end_vec) = read_lines(&text, &options, &mut collected);
        let (lines_silent, end_silent) = read_lines(&text, &options, &mut ());
        let (lines_strict, end_strict) = read_lines(&text, &options, &mut Strict);
        assert_eq!(lines_vec, lines_silent);
        assert_eq!(end_vec, end_silent);
        if let Err(e) = &end_vec {
            assert_eq!(e.kind(), ErrorKind::LimitExceeded, "{e:?}");
            check_error(e, text.len());
        }
        for e in &collected {
            assert_ne!(
                e.kind(),
                ErrorKind::LimitExceeded,
                "a limit was sent to the sink: {e:?}"
            );
            check_error(e, text.len());
        }
        check_lines(&text, &options, &lines_vec, end_vec.is_ok());
        assert!(lines_strict.len() <= lines_vec.len());
        assert_eq!(
            lines_strict.as_slice(),
            lines_vec.get(..lines_strict.len()).unwrap_or(&[])
        );
        match &end_strict {
            Ok(()) => {
                assert!(
                    collected.is_empty(),
                    "strict read succeeded but {collected:?} were collected"
                );
                assert_eq!(lines_strict, lines_vec);
            }
            Err(e) if e.kind() == ErrorKind::LimitExceeded => {
                assert!(collected.is_empty(), "{collected:?} before the limit {e:?}");
                assert_eq!(end_vec.as_ref().err(), Some(e));
            }
            Err(e) => assert_eq!(collected.first(), Some(e)),
        }
    }
}

// ---------------------------------------------------------------------------
// tree

/// The `tree` target: [`parse_bytes`] over the raw input with the strict,
/// collect-all and silent sinks, for every option set.
///
/// - Collect-all and silent build equal trees (or fail with the same limit
///   or UTF-8 error).
/// - Strict succeeds exactly when nothing was collected, with the same tree;
///   otherwise its error is the first one collected.
/// - A document strict mode accepts writes back byte for byte (unless
///   `allow_missing_end` closed components silently).
pub fn tree(data: &[u8]) {
    for options in option_sets(data) {
        let mut collected = Vec::new();
        let vec = parse_bytes(data, &options, &mut collected);
        let silent = parse_bytes(data, &options, &mut ());
        let strict = parse_bytes(data, &options, &mut Strict);
        for e in &collected {
            assert_ne!(
                e.kind(),
                ErrorKind::LimitExceeded,
                "a limit was sent to the sink: {e:?}"
            );
            check_error(e, data.len());
        }
        match (&vec, &silent) {
            (Ok(a), Ok(b)) => {
                assert_eq!(a, b);
                // Writing never panics, and is deterministic.
                assert_eq!(write(a), write(a));
            }
            (Err(a), Err(b)) => {
                assert_eq!(a, b);
                assert!(
                    matches!(a.kind(), ErrorKind::LimitExceeded | ErrorKind::InvalidUtf8),
                    "a recovering parse failed with {a:?}"
                );
                check_error(a, data.len());
            }
            _ => panic!("collect-all {vec:?} but silent {silent:?}"),
        }
        match &strict {
            Ok(doc) => {
                assert!(
                    collected.is_empty(),
                    "strict parse succeeded but {collected:?} were collected"
                );
                assert_eq!(Some(doc), vec.as_ref().ok());
                if !options.allow_missing_end {
                    assert_eq!(
                        write(doc).as_bytes(),
                        data,
                        "a well-formed document is not written back byte for byte"
                    );
                }
            }
            Err(e) => {
                check_error(e, data.len());
                if matches!(e.kind(), ErrorKind::LimitExceeded | ErrorKind::InvalidUtf8) {
                    assert!(collected.is_empty(), "{collected:?} before {e:?}");
                    assert_eq!(vec.as_ref().err(), Some(e));
                } else {
                    assert_eq!(collected.first(), Some(e));
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------
// recur

/// The `recur` target: [`Recur::parse`] over the input as text. A rule that
/// parses formats to text that parses to the same rule and formats the same
/// again; a rule that does not parse fails with a value or limit error whose
/// message is a sentence. The helper methods never panic.
pub fn recur(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    match Recur::parse(&text) {
        Ok(rule) => {
            let formatted = rule.to_string();
            let again = Recur::parse(&formatted).unwrap_or_else(|e| {
                panic!("{text:?} formats to {formatted:?}, which fails: {e:?}")
            });
            assert_eq!(again, rule, "{text:?} -> {formatted:?}");
            assert_eq!(again.to_string(), formatted);
            assert_eq!(formatted.parse::<Recur>().ok(), Some(rule.clone()));
            let _ = rule.check_constraints();
            let _ = (
                rule.is_rscale(),
                rule.is_gregorian(),
                rule.rscale_upper(),
                rule.interval_or_default(),
                rule.wkst_or_default(),
                rule.skip_or_default(),
                rule.has_leap_months(),
                rule.has_by_parts(),
                rule.is_unbounded(),
            );
        }
        Err(e) => {
            assert!(
                matches!(
                    e.kind(),
                    ErrorKind::InvalidValue | ErrorKind::OutOfRange | ErrorKind::LimitExceeded
                ),
                "{e:?}"
            );
            assert!(
                e.message().ends_with('.'),
                "not a sentence: {:?}",
                e.message()
            );
            let _ = e.render("fuzz.ics");
        }
    }
}

// ---------------------------------------------------------------------------
// roundtrip

/// Drops the kept input text of every node, so that the writer writes the
/// whole tree canonically.
pub fn canonical(doc: &Document<'_>) -> Document<'static> {
    fn strip(c: &mut Component<'static>) {
        let name = c.name().to_owned();
        c.set_name(name);
        for p in c.properties_mut() {
            p.params_mut();
        }
        for child in c.components_mut() {
            strip(child);
        }
    }
    let mut components: Vec<Component<'static>> = doc
        .components
        .iter()
        .cloned()
        .map(Component::into_owned)
        .collect();
    for c in &mut components {
        strip(c);
    }
    Document::new(components)
}

/// Canonical output folds every property line at 75 octets (BEGIN and END
/// lines are not folded).
fn check_folding(text: &str) {
    for line in text.split("\r\n") {
        if !line.starts_with("BEGIN:") && !line.starts_with("END:") {
            assert!(line.len() <= 75, "line of {} octets: {line:?}", line.len());
        }
    }
}

/// The `roundtrip` target: for input (as text, invalid UTF-8 replaced) that
/// parses, with the default and the lenient options and the silent sink,
/// `parse(write(parse(x))) == parse(x)` as trees, both for the kept-text
/// writer and for the canonical writer (every node's kept text dropped).
/// Canonical output of a document strict mode accepts is accepted by
/// strict mode again, and canonical writing is deterministic.
pub fn roundtrip(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    for options in [ParseOptions::default(), ParseOptions::lenient()] {
        let Ok(doc) = parse_with(&text, &options, &mut ()) else {
            continue;
        };
        let kept = write(&doc);
        let reread = parse_with(&kept, &options, &mut ())
            .unwrap_or_else(|e| panic!("written text fails to parse: {e:?}\n{kept:?}"));
        assert_eq!(reread, doc, "kept-text write changed the tree: {kept:?}");

        let canon = canonical(&doc);
        let written = write(&canon);
        assert_eq!(written, write(&canon));
        check_folding(&written);
        let reread = parse_with(&written, &options, &mut ())
            .unwrap_or_else(|e| panic!("canonical text fails to parse: {e:?}\n{written:?}"));
        assert_eq!(reread, doc, "canonical write changed the tree: {written:?}");
        // Writing the re-read tree canonically gives the same text again.
        assert_eq!(write(&canonical(&reread)), written);
        if parse_with(&text, &options, &mut Strict).is_ok()
            && let Err(e) = parse_with(&written, &options, &mut Strict)
        {
            panic!(
                "canonical text of a well-formed document is not well-formed: {e:?}\n{written:?}"
            );
        }
    }
}

/// Runs the check of the named target; `None` for an unknown name.
pub fn run(target: &str, data: &[u8]) -> Option<()> {
    match target {
        "contentline" => contentline(data),
        "tree" => tree(data),
        "recur" => recur(data),
        "roundtrip" => roundtrip(data),
        _ => return None,
    }
    Some(())
}
