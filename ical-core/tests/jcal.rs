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
    let mut files = 0;
    let mut identical = 0;
    let mut failures = Vec::new();
    let mut bad_names = Vec::new();
    let mut differences = Vec::new();
    for (path, text) in common::corpus() {
        let mut problems = Vec::new();
        let Ok(doc) = parse_with(&text, &ParseOptions::lenient(), &mut problems) else {
            continue;
        };
        files += 1;
        let json = doc.to_jcal();
        let back = match Document::from_jcal(&json) {
            Ok(back) => back,
            // The lenient reader keeps names that are not iCalendar names
            // (recovered from broken lines); jCal and xCal readers reject them.
            Err(e) if e.kind() == kalends_ical_core::ErrorKind::InvalidName => {
                bad_names.push(path.file_name().unwrap().to_string_lossy().into_owned());
                continue;
            }
            Err(e) => {
                failures.push(format!("{}: {e}", path.display()));
                continue;
            }
        };
        // The JSON of the document read back is the same JSON.
        if back.to_jcal() != json {
            failures.push(format!(
                "{}: the JSON changes on a second round",
                path.display()
            ));
            continue;
        }
        match common::first_difference(&doc, &back) {
            None => identical += 1,
            Some(why) => differences.push(format!(
                "{}: {why}",
                path.file_name().unwrap().to_string_lossy()
            )),
        }
    }
    eprintln!(
        "jCal corpus: {files} files, {identical} identical trees, {} differ, {} with invalid names {bad_names:?}:",
        differences.len(),
        bad_names.len()
    );
    for d in &differences {
        eprintln!("  {d}");
    }
    eprintln!("failures: {failures:#?}");
    assert!(failures.is_empty());
    assert!(files > 400);
    // The differences are the ones RFC 7265/6321 make (VALUE parameters
    // equal to the default are dropped, TEXT is escaped canonically, …);
    // they stay below a third of the corpus.
    assert!(identical * 10 >= files * 7, "{identical} of {files}");
}

proptest::proptest! {
    /// iCalendar -> jCal -> iCalendar is the identity on canonical trees.
    #[test]
    fn jcal_round_trip_is_the_identity(doc in common::documents()) {
        let back = Document::from_jcal(&doc.to_jcal()).unwrap();
        proptest::prop_assert_eq!(common::first_difference(&doc, &back), None);
    }
}
