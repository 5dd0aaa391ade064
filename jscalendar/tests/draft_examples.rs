//! The paired iCalendar/JSCalendar examples of draft-ietf-calext-
//! jscalendar-icalendar -11 (RFC 8984 profile, 89 pairs) and -25 (JSCalendar
//! 2.0 profile, 88 pairs), converted in both directions.
//!
//! iCalendar → JSCalendar: the iCalendar example, completed with the
//! mandatory properties the draft's test tool adds (§1.3.1), is converted
//! and compared as JSON with the JSCalendar example, whose `"..."` keys
//! allow more properties (§1.3.2). Keys of Id maps are paired by content,
//! as the draft's tool pairs them (ids are the implementation's choice,
//! §2.1.3), and default values are ignored.
//!
//! JSCalendar → iCalendar: the JSCalendar example, completed with the
//! mandatory properties its `"..."` stand for, is converted and compared as
//! a tree with the iCalendar example: its `...` lines allow more properties
//! and components, mandatory properties may be added (§1.3.1), values
//! compare by value (the normalisations of `convert::NORMALISATIONS`).
//!
//! A pair that does not pass is listed in `KNOWN` below with the reason;
//! the test fails both when a listed pair passes and when an unlisted one
//! fails, so the list is exact.

// Helpers outside `#[test]` functions may unwrap, panic and index too: a
// failure there is a failed test (clippy.toml allows it only inside `#[test]`).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use common::{
    diff_ical, diff_json, ical_example_text, js_example_complete, normalize_json,
    parse_ical_example, parse_js_example,
};
use kalends_jscalendar::convert::{Profile, ical_to_jscal_value, jscal_value_to_ical};
use serde_json::Value;

const DRAFT_11: &str = include_str!("data/draft-11-examples.json");
const DRAFT_25: &str = include_str!("data/draft-25-examples.json");

/// Pairs that do not pass, with the reason: (profile, direction, anchor, reason).
///
/// None is a divergence of the conversion from the draft's rules: the
/// JSCalendar → iCalendar ones elide (with `"..."`) JSCalendar data that the
/// iCalendar example states, so no conversion can produce it; the two
/// iCalendar → JSCalendar ones are figures that contradict the draft's text.
const KNOWN: &[(&str, &str, &str, &str)] = &[
    (
        "draft-11",
        "jscal-to-ical",
        "test-ical-comp-vlocation",
        "-11 §2.2.4 Figure 12: the Link's `...` elides its iCalProperty (name structured-data); without it §3.4 chooses ATTACH, the example states STRUCTURED-DATA",
    ),
    (
        "draft-11",
        "jscal-to-ical",
        "test-ical-prop-jscal-prop-valarm",
        "-11 §4.1.2 Figure 91: the Link's `...` elides its href, which the example's ATTACH states",
    ),
    (
        "draft-11",
        "jscal-to-ical",
        "test-ical-prop-participant-type",
        "-11 §2.3.30 Figure 63: RSVP=YES is not a BOOLEAN (RFC 5545 §3.2.17), and the participant's `...` elides what would give it",
    ),
    (
        "draft-11",
        "jscal-to-ical",
        "test-ical-prop-related-to-valarm",
        "-11 §2.3.36 Figure 70: the Alerts' `...` elide acknowledged, action and the carried DESCRIPTION and UID that the VALARMs state",
    ),
    (
        "draft-25",
        "ical-to-jscal",
        "test-ical-prop-attach-uri",
        "-25 §2.3.3 Figure 17 shows no rel, but §2.3.3 says ATTACH sets rel `enclosure` (kept: the way back needs it to choose ATTACH, §3.4)",
    ),
    (
        "draft-25",
        "ical-to-jscal",
        "test-ical-param-jsid-attach",
        "-25 §4.2.1 Figure 92 shows no rel, but §2.3.3 says ATTACH sets rel `enclosure`",
    ),
    (
        "draft-25",
        "jscal-to-ical",
        "test-ical-prop-related-to-valarm",
        "-25 §2.3.35 Figure 71: the Alerts' `...` elide action and acknowledged, which the VALARMs state",
    ),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Direction {
    ToJs,
    ToIcal,
}

fn run_case(case: &Value, profile: Profile, dir: Direction) -> Result<(), String> {
    let ical = case["icalendar"].as_str().unwrap();
    let js = case["jscalendar"].as_str().unwrap();
    let ex = parse_ical_example(ical);
    let jx = parse_js_example(js, profile);
    match dir {
        Direction::ToJs => {
            let text = ical_example_text(&ex);
            let doc = kalends_ical_core::parse(&text)
                .map_err(|e| format!("input does not parse: {e}\n{text}"))?;
            let mut got = ical_to_jscal_value(&doc, profile).map_err(|e| e.to_string())?;
            let mut want = jx;
            normalize_json(&mut got);
            normalize_json(&mut want);
            let d = diff_json(&want, &got);
            if d.is_empty() {
                Ok(())
            } else {
                Err(format!(
                    "{}\n--- input\n{text}\n--- got\n{}",
                    d.join("\n"),
                    serde_json::to_string_pretty(&got).unwrap()
                ))
            }
        }
        Direction::ToIcal => {
            let input = js_example_complete(&jx, profile);
            let doc = jscal_value_to_ical(&input, profile).map_err(|e| e.to_string())?;
            let cal = doc.components.first().ok_or("no VCALENDAR")?;
            let ids: &[&str] = match profile {
                Profile::Rfc8984 => &["JSCAL-ID"],
                Profile::Bis => &["JSID"],
            };
            let d = diff_ical(&ex, cal, ids);
            if d.is_empty() {
                Ok(())
            } else {
                Err(format!(
                    "{}\n--- input\n{}\n--- got\n{}",
                    d.join("\n"),
                    serde_json::to_string_pretty(&input).unwrap(),
                    doc
                ))
            }
        }
    }
}

fn run(data: &str, profile: Profile, label: &str) {
    let data: Value = serde_json::from_str(data).unwrap();
    let cases = data["cases"].as_array().unwrap();
    let mut report = Vec::new();
    let mut unexpected = Vec::new();
    for dir in [Direction::ToJs, Direction::ToIcal] {
        let dname = match dir {
            Direction::ToJs => "ical-to-jscal",
            Direction::ToIcal => "jscal-to-ical",
        };
        let mut pass = 0;
        for case in cases {
            let anchor = case["anchor"].as_str().unwrap();
            let known = KNOWN
                .iter()
                .find(|(p, d, a, _)| *p == label && *d == dname && *a == anchor);
            let result = std::panic::catch_unwind(|| run_case(case, profile, dir))
                .unwrap_or_else(|_| Err("panicked".to_owned()));
            match (result, known) {
                (Ok(()), None) => pass += 1,
                (Ok(()), Some(_)) => unexpected.push(format!(
                    "{label} {dname} {anchor}: listed as failing but passes"
                )),
                (Err(_), Some(_)) => {}
                (Err(e), None) => unexpected.push(format!("{label} {dname} {anchor}: {e}")),
            }
        }
        report.push(format!(
            "{label} {dname}: {pass}/{} pairs pass",
            cases.len()
        ));
    }
    for r in &report {
        println!("{r}");
    }
    assert!(
        unexpected.is_empty(),
        "{}\n\n{}",
        unexpected.join("\n\n========\n"),
        report.join("\n")
    );
}

#[test]
fn draft_11_examples_rfc8984_profile() {
    run(DRAFT_11, Profile::Rfc8984, "draft-11");
}

#[test]
fn draft_25_examples_bis_profile() {
    run(DRAFT_25, Profile::Bis, "draft-25");
}
