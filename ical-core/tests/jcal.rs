//! jCal (RFC 7265): the ical.js parser fixtures, the RFC examples, and
//! round trips over the corpus under `testdata/ical/`.

// Helpers outside `#[test]` functions may unwrap, panic and index too: a failure
// there is a failed test (clippy.toml allows it only inside `#[test]`).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::fs;
use std::path::{Path, PathBuf};

mod common;

use kalends_ical_core::{Document, ParseOptions, jcal, parse_with};
use serde_json::{Value, json};

fn data(dir: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/jcal")
        .join(dir)
}

fn pairs(dir: &str) -> Vec<(String, String, Value)> {
    let mut out = Vec::new();
    let mut entries: Vec<_> = fs::read_dir(data(dir))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        if path.extension().and_then(|e| e.to_str()) != Some("ics") {
            continue;
        }
        let ics = fs::read_to_string(&path).unwrap();
        let json: Value =
            serde_json::from_str(&fs::read_to_string(path.with_extension("json")).unwrap())
                .unwrap();
        out.push((
            path.file_stem().unwrap().to_string_lossy().into_owned(),
            ics,
            json,
        ));
    }
    out
}

fn read(ics: &str) -> Document<'_> {
    let mut problems = Vec::new();
    parse_with(ics, &ParseOptions::lenient(), &mut problems).unwrap()
}

/// Where kalends deliberately differs from ical.js: (file, JSON pointer,
/// ical.js's value, ours, why).
const DIVERGENCES: &[(&str, &str, &str, &str)] = &[
    // ical.js turns an invalid BOOLEAN into `false`; kalends keeps the text
    // so that nothing is lost (RFC 7265 §5 keeps unparsed values too).
    ("boolean", "/1/2/3", "false", "\"MAYBE\""),
    // Likewise for an invalid FLOAT and INTEGER.
    ("float", "/1/1/3", "0.0", "\"my foo!\""),
    ("integer", "/1/1/3", "0", "\"foobar\""),
];

fn expected_for(name: &str, mut json: Value) -> Value {
    for (file, pointer, theirs, ours) in DIVERGENCES {
        if *file == name {
            let slot = json.pointer_mut(pointer).unwrap();
            assert_eq!(
                *slot,
                serde_json::from_str::<Value>(theirs).unwrap(),
                "{name}{pointer}"
            );
            *slot = serde_json::from_str(ours).unwrap();
        }
    }
    json
}

#[test]
fn icaljs_parser_fixtures_convert_to_their_json_and_back() {
    let cases = pairs("icaljs");
    assert_eq!(cases.len(), 21);
    let mut tree_identical = 0;
    for (name, ics, json) in cases {
        let expected = expected_for(&name, json);
        let doc = read(&ics);
        assert_eq!(doc.to_jcal_value(), expected, "{name}: iCalendar -> jCal");
        // jCal -> iCalendar -> jCal gives the same JSON.
        let back = jcal::from_jcal_value(&expected).unwrap();
        assert_eq!(
            back.to_jcal_value(),
            expected,
            "{name}: jCal -> iCalendar -> jCal"
        );
        // Reading the written iCalendar again gives the same tree.
        let text = back.to_string();
        assert_eq!(read(&text), back, "{name}: written iCalendar reads back");
        match common::first_difference(&doc, &back) {
            None => tree_identical += 1,
            Some(why) => eprintln!("{name}: {why}"),
        }
        assert_eq!(
            common::first_difference(
                &common::normalize::normalize(&doc),
                &common::normalize::normalize(&back)
            ),
            None,
            "{name}: the trees differ after normalisation"
        );
    }
    // Three trees differ after the round trip, as RFC 7265 makes them:
    // `base64` (VALUE=BINARY is written after the other parameters,
    // §3.5.1), `dates` (RDATE:20131210 gets VALUE=DATE, §3.5.1 step 3) and
    // `multivalue` (GEO 10.10 becomes the JSON number 10.1, §3.6.7).
    assert_eq!(tree_identical, 18);
}

#[test]
fn rfc_examples_convert_both_ways() {
    let cases = pairs("rfc");
    assert_eq!(cases.len(), 4);
    for (name, ics, json) in cases {
        let doc = read(&ics);
        assert_eq!(doc.to_jcal_value(), json, "{name}: iCalendar -> jCal");
        let back = jcal::from_jcal_value(&json).unwrap();
        assert_eq!(
            back.to_jcal_value(),
            json,
            "{name}: jCal -> iCalendar -> jCal"
        );
        if name != "rfc7265-s3" {
            // s3 has `ATTACH;VALUE=BINARY;ENCODING=BASE64`, whose VALUE is
            // written back after ENCODING.
            assert_eq!(back, doc, "{name}: jCal -> iCalendar gives the same tree");
        }
    }
}

#[test]
fn rfc7265_section_5_3_unknown_values_are_taken_over_unprocessed() {
    let doc = jcal::from_jcal_value(&json!(["vcalendar", [
        ["x-coffee-data", {}, "unknown", "Stenophylla;Guinea\\,Africa"],
        ["percent-complete", {}, "integer", 95],
        ["dtstart", {"x-slack": "30.3"}, "date", "2011-05-12"]
    ], []]))
    .unwrap();
    assert_eq!(
        doc.to_string(),
        "BEGIN:VCALENDAR\r\nX-COFFEE-DATA:Stenophylla;Guinea\\,Africa\r\nPERCENT-COMPLETE:95\r\n\
         DTSTART;X-SLACK=30.3;VALUE=DATE:20110512\r\nEND:VCALENDAR\r\n"
    );
}

#[test]
fn single_values_may_be_arrays_of_one() {
    // RFC 7265 §3.5.2 and §3.6.10: a parser understands both forms.
    let doc = jcal::from_jcal_value(&json!(["vcalendar", [
        ["attendee", {"delegated-to": ["mailto:a@example.org"]}, "cal-address", "mailto:b@example.org"],
        ["rrule", {}, "recur", {"freq": "WEEKLY", "byday": ["MO"], "bymonth": [1]}]
    ], []]))
    .unwrap();
    assert_eq!(
        doc.to_string(),
        "BEGIN:VCALENDAR\r\nATTENDEE;DELEGATED-TO=\"mailto:a@example.org\":mailto:b@example.org\r\n\
         RRULE:FREQ=WEEKLY;BYDAY=MO;BYMONTH=1\r\nEND:VCALENDAR\r\n"
    );
}

#[test]
fn malformed_jcal_is_a_located_error() {
    let err = jcal::from_jcal("[\"vcalendar\",\n  [}").unwrap_err();
    assert_eq!(err.kind(), kalends_ical_core::ErrorKind::InvalidValue);
    assert_eq!(err.line(), Some(2));
    let err = jcal::from_jcal(r#"["vcalendar", [["summary", {}, "text"]], []]"#).unwrap_err();
    assert!(err.message().contains("at least one value"), "{err}");
    let err = jcal::from_jcal(r#"["vcal endar", [], []]"#).unwrap_err();
    assert_eq!(err.kind(), kalends_ical_core::ErrorKind::InvalidName);
    let mut deep = String::new();
    for _ in 0..40 {
        deep.push_str(r#"["x", [], ["#);
    }
    deep.push_str(r#"["x", [], []]"#);
    for _ in 0..40 {
        deep.push_str("]]");
    }
    assert_eq!(
        jcal::from_jcal(&deep).unwrap_err().kind(),
        kalends_ical_core::ErrorKind::LimitExceeded
    );
}

#[test]
fn corpus_round_trip_through_jcal() {
    // Every corpus file comes back equal after the normalisation of
    // `common::normalize` (which lists the rules and their RFC sections),
    // except the listed files whose names are not iCalendar names.
    let counts =
        common::normalize::corpus_round_trip("jCal", |doc| Document::from_jcal(&doc.to_jcal()));
    assert!(counts.files > 400, "{counts:?}");
}

#[test]
fn floats_come_back_without_an_exponent() {
    // RFC 5545 §3.3.7: a FLOAT is `["+" / "-"] 1*DIGIT ["." 1*DIGIT]`, with
    // no exponent, though JSON numbers may have one (RFC 8259 §6).
    let doc = read("BEGIN:VCALENDAR\r\nGEO:0.0000001;-0.00001\r\nEND:VCALENDAR\r\n");
    let back = Document::from_jcal(&doc.to_jcal()).unwrap();
    assert_eq!(
        back.to_string(),
        "BEGIN:VCALENDAR\r\nGEO:0.0000001;-0.00001\r\nEND:VCALENDAR\r\n"
    );
    let doc =
        jcal::from_jcal(r#"["vcalendar", [["x-f", {"x-p": 2.5E+21}, "float", 1.5e-9, 12E2]], []]"#)
            .unwrap();
    assert_eq!(
        doc.to_string(),
        "BEGIN:VCALENDAR\r\nX-F;X-P=2500000000000000000000;VALUE=FLOAT:0.0000000015,1200.0\r\nEND:VCALENDAR\r\n"
    );
}

/// `normalize` equates exactly the spellings its rules name, and keeps
/// apart what differs in meaning.
#[test]
fn normalisation_rules() {
    use common::normalize::normalize;
    let same = |a: &str, b: &str| {
        let wrap = |p: &str| format!("BEGIN:VCALENDAR\r\n{p}\r\nEND:VCALENDAR\r\n");
        let (a, b) = (wrap(a), wrap(b));
        normalize(&read(&a)) == normalize(&read(&b))
    };
    // Rule 1: VALUE equal to the default is dropped, its place is free,
    // its case is not significant; a VALUE that is not the default stays.
    assert!(same(
        "URL;VALUE=URI:http://a.example/",
        "URL:http://a.example/"
    ));
    assert!(same(
        "RDATE;VALUE=PERIOD;TZID=X:20231213T120000/PT1H",
        "RDATE;TZID=X;VALUE=period:20231213T120000/PT1H"
    ));
    assert!(!same("X-A;VALUE=URI:x", "X-A:x"));
    assert!(!same(
        "DTSTART;VALUE=DATE:20240101",
        "DTSTART;VALUE=DATE-TIME:20240101"
    ));
    // Rule 2: a DATE without VALUE=DATE is a DATE; a TRIGGER date-time
    // without VALUE=DATE-TIME is a DATE-TIME.
    assert!(same("DTSTART:20240101", "DTSTART;VALUE=DATE:20240101"));
    assert!(same(
        "EXDATE:20240101,20240102",
        "EXDATE;VALUE=DATE:20240101,20240102"
    ));
    assert!(!same(
        "EXDATE:20240101,20240102T100000",
        "EXDATE;VALUE=DATE:20240101,20240102T100000"
    ));
    assert!(!same("CREATED:20240101", "CREATED;VALUE=DATE:20240101"));
    assert!(same(
        "TRIGGER:19980403T120000Z",
        "TRIGGER;VALUE=DATE-TIME:19980403T120000Z"
    ));
    assert!(!same("TRIGGER:-PT5M", "TRIGGER;VALUE=DATE-TIME:-PT5M"));
    // Rule 3: TEXT compared decoded, list and part structure kept; other
    // types and unknown properties compared as written.
    assert!(same("SUMMARY:a, b\\Nc", "SUMMARY:a\\, b\\nc"));
    assert!(same("X-A;VALUE=TEXT:a,b", "X-A;VALUE=TEXT:a\\,b"));
    assert!(!same("SUMMARY:a, b", "SUMMARY:a\\, c"));
    assert!(!same("CATEGORIES:a,b", "CATEGORIES:a\\,b"));
    assert!(same("CATEGORIES:a\\Nb,c", "CATEGORIES:a\\nb,c"));
    assert!(!same("REQUEST-STATUS:2.0;a;b", "REQUEST-STATUS:2.0;a\\;b"));
    assert!(!same(
        "URL:http://a.example/a,b",
        "URL:http://a.example/a\\,b"
    ));
    assert!(!same("X-A:a,b", "X-A:a\\,b"));
    // Rule 4: numbers compared as numbers, exactly.
    assert!(same("GEO:10.10;-010.050", "GEO:10.1;-10.05"));
    assert!(same("PRIORITY:+05", "PRIORITY:5"));
    assert!(!same("GEO:10.1;10.05", "GEO:10.11;10.05"));
    assert!(!same("GEO:1.00000000000000000001;2", "GEO:1;2"));
    assert!(!same("X-A:10.10", "X-A:10.1"));
    // Rule 5: a repeated parameter is one multi-valued parameter, in the
    // place of the first; other parameters keep their values and order.
    assert!(same(
        "RELATED-TO;RELTYPE=A;X-P=1;RELTYPE=B:x",
        "RELATED-TO;RELTYPE=A,B;X-P=1:x"
    ));
    assert!(!same(
        "RELATED-TO;RELTYPE=A,B:x",
        "RELATED-TO;RELTYPE=B,A:x"
    ));
    assert!(!same(
        "ATTENDEE;CN=a;ROLE=CHAIR:x",
        "ATTENDEE;ROLE=CHAIR;CN=a:x"
    ));
}

proptest::proptest! {
    /// iCalendar -> jCal -> iCalendar is the identity on canonical trees.
    #[test]
    fn jcal_round_trip_is_the_identity(doc in common::documents()) {
        let back = Document::from_jcal(&doc.to_jcal()).unwrap();
        proptest::prop_assert_eq!(common::first_difference(&doc, &back), None);
    }
}
