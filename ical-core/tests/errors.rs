//! Snapshots of the rendered error messages (`Error::render`), one per
//! error kind the reader produces, each from a small input.
//!
//! The snapshots are inline and written by hand; a test run never rewrites
//! them (CI runs with `CI=true`, which makes insta fail instead).

// Tests may unwrap, expect, panic and index (DEVELOPING.md); clippy's
// test allowances cover `#[test]` functions only, not their helpers.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use kalends_ical_core::value::Recur;
use kalends_ical_core::{Error, ErrorKind, ParseOptions, Strict, parse_bytes, parse_with};

/// The error strict mode stops at, checked against the first problem the
/// collect-all mode reports (or the error it ends with, for limits and UTF-8).
fn first_error(input: &[u8], options: &ParseOptions) -> Error {
    let error = parse_bytes(input, options, &mut Strict).unwrap_err();
    let mut collected = Vec::new();
    match parse_bytes(input, options, &mut collected) {
        Ok(_) => assert_eq!(collected.first(), Some(&error)),
        Err(fatal) => assert_eq!(collected.first().unwrap_or(&fatal), &error),
    }
    error
}

fn render(input: &[u8], kind: ErrorKind) -> String {
    render_with(input, &ParseOptions::default(), kind)
}

fn render_with(input: &[u8], options: &ParseOptions, kind: ErrorKind) -> String {
    let error = first_error(input, options);
    assert_eq!(error.kind(), kind, "{error:?}");
    error.render("test.ics")
}

#[test]
fn invalid_utf8() {
    let input = b"BEGIN:VCALENDAR\r\nSUMMARY:caf\xe9 au lait\r\nEND:VCALENDAR\r\n";
    insta::assert_snapshot!(render(input, ErrorKind::InvalidUtf8), @r"
    test.ics:2:12: the input is not UTF-8: byte 0xE9 at offset 28 does not start or continue a character (RFC 5545 §3.1.4).
      |
    2 | SUMMARY:caf
      |            ^
    ");
}

#[test]
fn missing_colon() {
    let input = b"BEGIN:VCALENDAR\r\nSUMMARY Lunch\r\nEND:VCALENDAR\r\n";
    insta::assert_snapshot!(render(input, ErrorKind::MissingColon), @r"
    test.ics:2:8: the content line `SUMMARY Lunch` has no `:` between its name and its value.
      |
    2 | SUMMARY Lunch
      |        ^
    ");
}

#[test]
fn invalid_name_character() {
    let input = b"BEGIN:VCALENDAR\r\nSUM/MARY:Lunch\r\nEND:VCALENDAR\r\n";
    insta::assert_snapshot!(render(input, ErrorKind::InvalidName), @r"
    test.ics:2:4: the name `SUM/MARY` has a character that is not a letter, digit or `-`.
      |
    2 | SUM/MARY:Lunch
      |    ^
    ");
}

#[test]
fn invalid_name_missing() {
    let input = b"BEGIN:VCALENDAR\r\n;LANGUAGE=en:Lunch\r\nEND:VCALENDAR\r\n";
    insta::assert_snapshot!(render(input, ErrorKind::InvalidName), @r"
    test.ics:2:1: the content line `;LANGUAGE=en:Lunch` has no name before its `;`.
      |
    2 | ;LANGUAGE=en:Lunch
      | ^
    ");
}

#[test]
fn invalid_parameter_name() {
    let input = b"BEGIN:VCALENDAR\r\nSUMMARY;LAN GUAGE=en:Lunch\r\nEND:VCALENDAR\r\n";
    insta::assert_snapshot!(render(input, ErrorKind::InvalidName), @r"
    test.ics:2:12: the parameter name `LAN GUAGE` has a character that is not a letter, digit or `-`.
      |
    2 | SUMMARY;LAN GUAGE=en:Lunch
      |            ^
    ");
}

#[test]
fn begin_without_a_name() {
    insta::assert_snapshot!(render(b"BEGIN:\r\nEND:\r\n", ErrorKind::InvalidName), @r"
    test.ics:1:1: `BEGIN` has no component name after its colon.
      |
    1 | BEGIN:
      | ^^^^^^
    ");
}

#[test]
fn parameter_without_equals() {
    let input = b"BEGIN:VEVENT\r\nDTSTART;TZID:20240101T090000\r\nEND:VEVENT\r\n";
    insta::assert_snapshot!(render(input, ErrorKind::InvalidParameter), @r"
    test.ics:2:9: the parameter `TZID` has no `=` and no value.
      |
    2 | DTSTART;TZID:20240101T090000
      |         ^^^^
    ");
}

#[test]
fn parameter_with_empty_name() {
    let input = b"BEGIN:VEVENT\r\nSUMMARY;=en:Lunch\r\nEND:VEVENT\r\n";
    insta::assert_snapshot!(render(input, ErrorKind::InvalidParameter), @r"
    test.ics:2:9: the property `SUMMARY` has an empty parameter name.
      |
    2 | SUMMARY;=en:Lunch
      |         ^
    ");
}

#[test]
fn parameter_with_text_after_its_closing_quote() {
    let input = b"BEGIN:VEVENT\r\nATTENDEE;CN=\"Jo\"hn:mailto:jo@example.com\r\nEND:VEVENT\r\n";
    insta::assert_snapshot!(render(input, ErrorKind::InvalidParameter), @r#"
    test.ics:2:17: the quoted value of parameter `CN` is followed by `h` instead of `,`, `;` or `:`.
      |
    2 | ATTENDEE;CN="Jo"hn:mailto:jo@example.com
      |                 ^
    "#);
}

#[test]
fn parameter_with_a_quote_inside() {
    let input = b"BEGIN:VEVENT\r\nATTENDEE;CN=Jo\"hn:mailto:jo@example.com\r\nEND:VEVENT\r\n";
    insta::assert_snapshot!(render(input, ErrorKind::InvalidParameter), @r#"
    test.ics:2:15: the value of parameter `CN` has a `"` inside it; quotes may only surround a whole value.
      |
    2 | ATTENDEE;CN=Jo"hn:mailto:jo@example.com
      |               ^
    "#);
}

#[test]
fn unterminated_quote() {
    let input = b"BEGIN:VEVENT\r\nATTENDEE;CN=\"Jo:mailto:jo@example.com\r\nEND:VEVENT\r\n";
    insta::assert_snapshot!(render(input, ErrorKind::UnterminatedQuote), @r#"
    test.ics:2:13: the quoted value of parameter `CN` has no closing `"`.
      |
    2 | ATTENDEE;CN="Jo:mailto:jo@example.com
      |             ^
    "#);
}

#[test]
fn control_character() {
    // The column counts characters (`é` is one), not bytes. The offending
    // line is shown as it is, control character included (U+0001 below).
    let input = "BEGIN:VEVENT\r\nSUMMARY:Café\u{1}Lunch\r\nEND:VEVENT\r\n";
    insta::assert_snapshot!(
        render(input.as_bytes(), ErrorKind::ControlCharacter),
        @"test.ics:2:13: the value of `SUMMARY` has the control character U+0001, which RFC 5545 §3.1 does not allow.\n  |\n2 | SUMMARY:Café\u{1}Lunch\n  |             ^"
    );
}

#[test]
fn bare_lf_line_end() {
    let input = b"BEGIN:VCALENDAR\nVERSION:2.0\nEND:VCALENDAR\n";
    insta::assert_snapshot!(render(input, ErrorKind::BareLf), @r"
    test.ics:1:16: a line ends with a bare LF; RFC 5545 §3.1 requires CRLF (allow_bare_lf accepts this; later lines are not reported again).
      |
    1 | BEGIN:VCALENDAR
      |                ^
    ");
}

#[test]
fn bare_lf_fold() {
    let input = b"BEGIN:VEVENT\r\nSUMMARY:Lunch\n  with Jo\r\nEND:VEVENT\r\n";
    insta::assert_snapshot!(render(input, ErrorKind::BareLf), @r"
    test.ics:2:14: a line is folded with a bare LF; RFC 5545 §3.1 folds with CRLF followed by a space (allow_lf_folding accepts this).
      |
    2 | SUMMARY:Lunch
      |              ^
    ");
}

#[test]
fn blank_line() {
    // The offending line is empty, so its gutter line ends in a space.
    let input = b"BEGIN:VCALENDAR\r\n\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n";
    insta::assert_snapshot!(
        render(input, ErrorKind::BlankLine),
        @"\ntest.ics:2:1: an empty line stands where a content line was expected (RFC 5545 §3.1 has no empty lines).\n  |\n2 | \n  | ^\n"
    );
}

#[test]
fn orphan_continuation() {
    let input = b" BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n";
    insta::assert_snapshot!(render(input, ErrorKind::OrphanContinuation), @r"
    test.ics:1:1: a continuation line (starting with a space or tab) has no content line before it to continue.
      |
    1 |  BEGIN:VCALENDAR
      | ^^^^^^^^^^^^^^^^
    ");
}

#[test]
fn unmatched_end() {
    let input = b"BEGIN:VCALENDAR\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    insta::assert_snapshot!(render(input, ErrorKind::UnmatchedEnd), @r"
    test.ics:2:1: `END:VEVENT` has no matching `BEGIN:VEVENT` (the open component is `VCALENDAR`).
      |
    2 | END:VEVENT
      | ^^^^^^^^^^
    ");
}

#[test]
fn missing_end_at_the_end_of_the_input() {
    let input = b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n";
    insta::assert_snapshot!(render(input, ErrorKind::MissingEnd), @r"
    test.ics:1:1: the component `VCALENDAR` is not closed: `END:VCALENDAR` is missing.
      |
    1 | BEGIN:VCALENDAR
      | ^^^^^
    ");
}

#[test]
fn missing_end_before_the_end_of_the_parent() {
    let input = b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:1\r\nEND:VCALENDAR\r\n";
    insta::assert_snapshot!(render(input, ErrorKind::MissingEnd), @r"
    test.ics:2:1: the component `VEVENT` is not closed before `END:VCALENDAR`.
      |
    2 | BEGIN:VEVENT
      | ^^^^^
    ");
}

#[test]
fn property_outside_component() {
    let input = b"VERSION:2.0\r\nBEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n";
    insta::assert_snapshot!(render(input, ErrorKind::PropertyOutsideComponent), @r"
    test.ics:1:1: the property `VERSION` stands outside any component; a file starts with `BEGIN`.
      |
    1 | VERSION:2.0
      | ^^^^^^^^^^^
    ");
}

#[test]
fn empty_input() {
    insta::assert_snapshot!(
        render(b"", ErrorKind::Empty),
        @"\ntest.ics:1:1: the input has no component; an iCalendar file starts with `BEGIN:VCALENDAR`.\n  |\n1 | \n  | ^\n"
    );
}

#[test]
fn lowercase_name_when_not_allowed() {
    let mut options = ParseOptions::default();
    options.allow_lowercase_names = false;
    let input = b"BEGIN:VCALENDAR\r\nversion:2.0\r\nEND:VCALENDAR\r\n";
    insta::assert_snapshot!(render_with(input, &options, ErrorKind::LowercaseName), @r"
    test.ics:2:1: the name `version` is not in upper case.
      |
    2 | version:2.0
      | ^^^^^^^
    ");
}

#[test]
fn limit_nesting_depth() {
    let mut options = ParseOptions::default();
    options.limits.max_depth = 2;
    let input = b"BEGIN:A\r\nBEGIN:B\r\nBEGIN:C\r\nEND:C\r\nEND:B\r\nEND:A\r\n";
    insta::assert_snapshot!(render_with(input, &options, ErrorKind::LimitExceeded), @r"
    test.ics:3:1: components are nested deeper than the limit of 2.
      |
    3 | BEGIN:C
      | ^^^^^^^
    ");
}

#[test]
fn limit_components() {
    let mut options = ParseOptions::default();
    options.limits.max_components = 1;
    let input = b"BEGIN:A\r\nEND:A\r\nBEGIN:B\r\nEND:B\r\n";
    insta::assert_snapshot!(render_with(input, &options, ErrorKind::LimitExceeded), @r"
    test.ics:3:1: the document has more than the limit of 1 components.
      |
    3 | BEGIN:B
      | ^^^^^^^
    ");
}

#[test]
fn limit_properties_per_component() {
    let mut options = ParseOptions::default();
    options.limits.max_properties_per_component = 1;
    let input = b"BEGIN:A\r\nX:1\r\nY:2\r\nEND:A\r\n";
    insta::assert_snapshot!(render_with(input, &options, ErrorKind::LimitExceeded), @r"
    test.ics:3:1: the component `A` has more than the limit of 1 properties.
      |
    3 | Y:2
      | ^^^
    ");
}

#[test]
fn limit_parameters_per_property() {
    let mut options = ParseOptions::default();
    options.limits.max_params_per_property = 1;
    let input = b"BEGIN:A\r\nX;P=1;Q=2:v\r\nEND:A\r\n";
    insta::assert_snapshot!(render_with(input, &options, ErrorKind::LimitExceeded), @r"
    test.ics:2:7: the property `X` has more than the limit of 1 parameters.
      |
    2 | X;P=1;Q=2:v
      |       ^
    ");
}

#[test]
fn limit_value_length() {
    let mut options = ParseOptions::default();
    options.limits.max_value_len = 8;
    let input = b"BEGIN:A\r\nSUMMARY:0123456789\r\nEND:A\r\n";
    insta::assert_snapshot!(render_with(input, &options, ErrorKind::LimitExceeded), @r"
    test.ics:2:9: a value is longer than the limit of 8 bytes.
      |
    2 | SUMMARY:0123456789
      |         ^
    ");
}

#[test]
fn limit_folded_line_length() {
    // A folded line is cut off while it is being unfolded; the carets cover
    // the first physical line of the span.
    let mut options = ParseOptions::default();
    options.limits.max_value_len = 8;
    let input = b"BEGIN:A\r\nSUMMARY:0123\r\n 456789\r\nEND:A\r\n";
    insta::assert_snapshot!(render_with(input, &options, ErrorKind::LimitExceeded), @r"
    test.ics:2:1: a content line is longer than the limit of 8 bytes.
      |
    2 | SUMMARY:0123
      | ^^^^^^^^^^^^
    ");
}

#[test]
fn a_value_error_has_no_location() {
    let error = Recur::parse("FREQ=YEARLY;BYMONTH=13").unwrap_err();
    assert_eq!(error.kind(), ErrorKind::OutOfRange);
    insta::assert_snapshot!(
        error.render("test.ics"),
        @"test.ics: the BYMONTH value `13` in the RECUR value `FREQ=YEARLY;BYMONTH=13` is out of range: months run from 1 to 12 (RFC 5545 §3.3.10); the wider ranges of RFC 7529 §4 need RSCALE."
    );
}

#[test]
fn collect_all_mode_reports_every_problem_in_order() {
    let input =
        "BEGIN:VCALENDAR\r\nSUMMARY Lunch\r\nEND:VEVENT\r\nDTSTART;TZID:20240105T090000\r\n";
    let mut problems = Vec::new();
    parse_with(input, &ParseOptions::default(), &mut problems).unwrap();
    let rendered: Vec<String> = problems.iter().map(|e| e.render("test.ics")).collect();
    insta::assert_snapshot!(rendered.join("\n\n"), @r"
    test.ics:2:8: the content line `SUMMARY Lunch` has no `:` between its name and its value.
      |
    2 | SUMMARY Lunch
      |        ^

    test.ics:3:1: `END:VEVENT` has no matching `BEGIN:VEVENT` (the open component is `VCALENDAR`).
      |
    3 | END:VEVENT
      | ^^^^^^^^^^

    test.ics:4:9: the parameter `TZID` has no `=` and no value.
      |
    4 | DTSTART;TZID:20240105T090000
      |         ^^^^

    test.ics:1:1: the component `VCALENDAR` is not closed: `END:VCALENDAR` is missing.
      |
    1 | BEGIN:VCALENDAR
      | ^^^^^
    ");
}
