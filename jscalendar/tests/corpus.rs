//! Every iCalendar file of the shared corpus (`testdata/ical/`) survives
//! iCalendar → JSCalendar → iCalendar as the same tree, in both profiles,
//! up to the normalisations of `convert::NORMALISATIONS` (implemented by
//! `common::normalize_calendar`):
//!
//! 1. order of properties, parameters and sub-components;
//! 2. ASCII case of names, unquoted parameter values and the enumerated
//!    values the draft lower-cases;
//! 3. parameter quoting and TEXT escaping;
//! 4. typed values compared by value;
//! 5. a VALUE parameter naming the default type;
//! 6. EXDATE, RDATE, RECURRENCE-ID, DUE, DTEND and UNTIL as instants;
//! 7. CATEGORIES-like lists and EXDATE/RDATE values as sets per component;
//! 8. PRODID and VERSION added to a VCALENDAR without them;
//! 9. parameters with their RFC 5545 default value;
//! 10. a parameter repeated on one property as one parameter with all the
//!     values (the jCal carriers).
//!
//! Files that are not iCalendar objects are counted apart: not UTF-8, not
//! readable even leniently, or without a VCALENDAR at the top (the drafts
//! convert iCalendar objects only, §2.1.1). The test also checks that the
//! conversion is deterministic, and that the JSCalendar it makes comes back
//! unchanged from iCalendar (JSCalendar → iCalendar → JSCalendar).

// Helpers outside `#[test]` functions may unwrap, panic and index too: a
// failure there is a failed test (clippy.toml allows it only inside `#[test]`).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::path::{Path, PathBuf};

use common::{diff_ncomp, normalize_calendar};
use kalends_ical_core::{ErrorKind, ParseOptions, parse_with};
use kalends_jscalendar::convert::{Profile, ical_to_jscal, jscal_text_to_ical, jscal_to_ical_as};

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            files(&p, out);
        } else if p.extension().is_some_and(|e| e == "ics") {
            out.push(p);
        }
    }
}

#[derive(Default)]
struct Counts {
    files: usize,
    not_utf8: usize,
    unreadable: usize,
    not_calendar: usize,
    converted: usize,
    same_tree: usize,
    js_stable: usize,
}

fn run(profile: Profile) -> (Counts, Vec<String>) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../testdata/ical");
    let mut paths = Vec::new();
    files(&root, &mut paths);
    let mut c = Counts::default();
    let mut failures = Vec::new();
    for path in paths {
        c.files += 1;
        let name = path.strip_prefix(&root).unwrap().display().to_string();
        let bytes = std::fs::read(&path).unwrap();
        let Ok(text) = std::str::from_utf8(&bytes) else {
            c.not_utf8 += 1;
            continue;
        };
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut sink: Vec<kalends_ical_core::Error> = Vec::new();
        let doc = match parse_with(text, &ParseOptions::lenient(), &mut sink) {
            Ok(d) => d,
            Err(e) => {
                assert_ne!(e.kind(), ErrorKind::LimitExceeded, "{name}");
                c.unreadable += 1;
                continue;
            }
        };
        if doc.components.is_empty() || doc.components.iter().any(|x| !x.is("VCALENDAR")) {
            c.not_calendar += 1;
            continue;
        }
        let js = match ical_to_jscal(&doc, profile) {
            Ok(v) => v,
            Err(e) => {
                failures.push(format!("{name}: to JSCalendar: {e}"));
                continue;
            }
        };
        c.converted += 1;
        // Deterministic: the same bytes again.
        let again = ical_to_jscal(&doc, profile).unwrap();
        assert_eq!(
            serde_json::to_string(&js).unwrap(),
            serde_json::to_string(&again).unwrap(),
            "{name}"
        );
        let back = match jscal_to_ical_as(&js, profile) {
            Ok(d) => d,
            Err(e) => {
                failures.push(format!("{name}: back to iCalendar: {e}"));
                continue;
            }
        };
        // The JSON text entry point gives the same tree and sees the profile.
        let text = js.to_json();
        let (from_text, seen) = jscal_text_to_ical(&text).unwrap();
        assert_eq!(from_text, back, "{name}");
        assert_eq!(seen, profile, "{name}");
        // The written text reads back as the same tree.
        let written = back.to_string();
        let mut sink2: Vec<kalends_ical_core::Error> = Vec::new();
        let reread = parse_with(&written, &ParseOptions::lenient(), &mut sink2)
            .unwrap_or_else(|e| panic!("{name}: output does not read: {e}\n{written}"));
        // Output is strict iCalendar unless the input was not.
        if sink.is_empty() {
            assert!(
                sink2.is_empty(),
                "{name}: output is not strict iCalendar: {sink2:?}\n{written}"
            );
        }
        assert_eq!(reread, back, "{name}");
        let mut diffs = Vec::new();
        if back.components.len() != doc.components.len() {
            diffs.push(format!(
                "{} calendars became {}",
                doc.components.len(),
                back.components.len()
            ));
        }
        for (a, b) in doc.components.iter().zip(&back.components) {
            diff_ncomp(
                &normalize_calendar(a),
                &normalize_calendar(b),
                "",
                &mut diffs,
            );
        }
        if diffs.is_empty() {
            c.same_tree += 1;
        } else {
            diffs.truncate(12);
            failures.push(format!("{name}:\n  {}", diffs.join("\n  ")));
        }
        // JSCalendar → iCalendar → JSCalendar gives the JSCalendar again,
        // once the iCalendar side has its normalised form (normalisation 8
        // adds PRODID and VERSION, which then show in the JSCalendar).
        let js2 = ical_to_jscal(&back, profile).unwrap();
        let back2 = jscal_to_ical_as(&js2, profile).unwrap();
        match ical_to_jscal(&back2, profile) {
            Ok(js3) if js3 == js2 => c.js_stable += 1,
            Ok(js3) => failures.push(format!(
                "{name}: JSCalendar differs after a round trip through iCalendar:\n{}\n---\n{}",
                serde_json::to_string(&js2).unwrap(),
                serde_json::to_string(&js3).unwrap()
            )),
            Err(e) => failures.push(format!("{name}: JSCalendar round trip: {e}")),
        }
    }
    (c, failures)
}

fn check(profile: Profile) {
    let (c, failures) = run(profile);
    println!(
        "{profile}: {} files; {} not UTF-8, {} unreadable, {} without a top-level VCALENDAR; {} converted; \
         {} same tree after iCalendar -> JSCalendar -> iCalendar; {} same JSCalendar after JSCalendar -> iCalendar -> JSCalendar",
        c.files, c.not_utf8, c.unreadable, c.not_calendar, c.converted, c.same_tree, c.js_stable
    );
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert_eq!(c.same_tree, c.converted);
}

#[test]
fn corpus_round_trip_rfc8984() {
    check(Profile::Rfc8984);
}

#[test]
fn corpus_round_trip_bis() {
    check(Profile::Bis);
}

/// The list above is the library's list.
#[test]
fn the_normalisations_are_the_listed_ones() {
    assert_eq!(kalends_jscalendar::convert::NORMALISATIONS.len(), 10);
}
