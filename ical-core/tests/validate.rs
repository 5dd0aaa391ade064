//! Validation: one fixture per rule under `tests/data/validate/`, each
//! with the problems it must produce (rule, severity, line).

// Helpers outside `#[test]` functions may unwrap, panic and index too: a failure
// there is a failed test (clippy.toml allows it only inside `#[test]`).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::fs;
use std::path::Path;

use kalends_ical_core::validate::{Rule, Severity, ValidateOptions, validate, validate_with};
use kalends_ical_core::{ErrorKind, parse};

use Rule::*;
use Severity::{Error, Warning};

fn check(file: &str, expected: &[(Rule, Severity, usize)]) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/validate")
        .join(file);
    let text = fs::read_to_string(path).unwrap();
    let doc = parse(&text).unwrap();
    let problems = validate(&doc, Some(&text));
    let found: Vec<_> = problems
        .iter()
        .map(|p| (p.rule, p.severity, p.line().unwrap()))
        .collect();
    assert_eq!(found, expected, "{file}: {problems:#?}");
    for p in &problems {
        assert!(
            p.message.ends_with('.') || p.message.ends_with(')'),
            "{}",
            p.message
        );
        assert!(p.message.contains("RFC"), "{}", p.message);
        assert_eq!(p.to_error().kind(), ErrorKind::Invalid);
    }
}

#[test]
fn a_valid_calendar_has_no_problem() {
    check("valid.ics", &[]);
}

#[test]
fn required_properties() {
    // RFC 5545 §3.6: PRODID in VCALENDAR; §3.6.1: DTSTAMP in VEVENT.
    check(
        "required.ics",
        &[(Required, Error, 1), (Required, Error, 3)],
    );
}

#[test]
fn once_only_properties() {
    // RFC 5545 §3.6.1: SUMMARY MUST NOT occur twice; RRULE SHOULD NOT.
    check(
        "once-only.ics",
        &[(OnceOnly, Error, 9), (OnceOnly, Warning, 11)],
    );
}

#[test]
fn dtend_and_duration_together() {
    // RFC 5545 §3.6.1.
    check("end-and-duration.ics", &[(EndAndDuration, Error, 9)]);
}

#[test]
fn dtend_before_dtstart_and_due_of_another_type() {
    // RFC 5545 §3.8.2.2, §3.8.2.3.
    check(
        "end-before-start.ics",
        &[(EndBeforeStart, Error, 8), (EndBeforeStart, Error, 14)],
    );
}

#[test]
fn value_type_not_allowed_or_missing() {
    // RFC 5545 §3.8.2.4 (DTSTART is DATE-TIME or DATE), RFC 9253 §8.2 (LINK needs VALUE).
    check(
        "value-type.ics",
        &[(ValueType, Error, 7), (ValueType, Error, 8)],
    );
}

#[test]
fn values_that_do_not_match_their_type() {
    // A DATE without VALUE=DATE (RFC 5545 §3.8.2.4), PRIORITY not an INTEGER
    // (§3.8.1.9), GEO out of range (§3.8.1.6).
    check(
        "invalid-value.ics",
        &[
            (InvalidValue, Error, 7),
            (InvalidValue, Error, 8),
            (InvalidValue, Error, 9),
        ],
    );
}

#[test]
fn parameter_not_defined_for_the_property() {
    // CN is for ATTENDEE/ORGANIZER (RFC 5545 §3.2.2), PARTSTAT for ATTENDEE
    // (§3.2.12); X- properties are not checked.
    check(
        "parameter.ics",
        &[(Parameter, Warning, 7), (Parameter, Warning, 8)],
    );
}

#[test]
fn until_of_another_kind_than_dtstart() {
    // RFC 5545 §3.3.10: DATE DTSTART needs a DATE UNTIL; a UTC DTSTART needs a UTC UNTIL.
    check(
        "until-kind.ics",
        &[(UntilKind, Error, 8), (UntilKind, Error, 14)],
    );
}

#[test]
fn tzid_without_vtimezone() {
    check("unknown-timezone.ics", &[(UnknownTimeZone, Warning, 16)]);
    // With a callback that knows the zone, nothing is reported.
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/validate/unknown-timezone.ics");
    let text = fs::read_to_string(path).unwrap();
    let doc = parse(&text).unwrap();
    let known = |tz: &str| tz == "Nowhere/Special";
    assert!(
        validate_with(
            &doc,
            Some(&text),
            &ValidateOptions {
                is_known_zone: Some(&known)
            }
        )
        .is_empty()
    );
}

#[test]
fn itip_method_rules() {
    // RFC 5546 §1.4 (one component type) and §3.2.2 (REQUEST of a VEVENT
    // needs at least one ATTENDEE); the VTODO lacks ATTENDEE, DTSTART,
    // ORGANIZER, PRIORITY, SUMMARY (§3.4.2).
    check(
        "itip.ics",
        &[
            (Itip, Error, 4),
            (Itip, Error, 5),
            (Itip, Error, 12),
            (Itip, Error, 12),
            (Itip, Error, 12),
            (Itip, Error, 12),
            (Itip, Error, 12),
        ],
    );
}

#[test]
fn alarm_rules() {
    // RFC 5545 §3.6.6: REPEAT needs DURATION; DISPLAY needs DESCRIPTION.
    check(
        "alarm.ics",
        &[(EndAndDuration, Error, 11), (Required, Error, 8)],
    );
}

#[test]
fn extension_components() {
    // RFC 7953 §3.1: AVAILABLE needs DTSTART; VAVAILABILITY's DURATION needs
    // DTSTART. RFC 9073 §7.1: PARTICIPANT needs PARTICIPANT-TYPE; §7.2:
    // VLOCATION needs UID.
    check(
        "extensions.ics",
        &[
            (EndAndDuration, Error, 7),
            (Required, Error, 8),
            (Required, Error, 17),
            (Required, Error, 20),
        ],
    );
}

#[test]
fn time_zone_structure() {
    // RFC 5545 §3.6.5: a VTIMEZONE needs STANDARD or DAYLIGHT, which need TZOFFSETTO.
    check(
        "timezone.ics",
        &[(Required, Error, 4), (Required, Error, 9)],
    );
}

#[test]
fn problems_without_source_have_spans_but_no_lines() {
    let text = fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/validate/required.ics"),
    )
    .unwrap();
    let doc = parse(&text).unwrap();
    let problems = validate(&doc, None);
    assert_eq!(problems.len(), 2);
    assert!(
        problems
            .iter()
            .all(|p| p.location.is_none() && p.span.end > p.span.start)
    );
    assert!(
        problems[0]
            .to_string()
            .starts_with("error: VCALENDAR has no PRODID"),
        "{}",
        problems[0]
    );
}
