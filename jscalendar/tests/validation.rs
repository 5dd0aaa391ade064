//! Validation problems and their JSON pointers.
//!
//! Data: `tests/data/validation.json`: each case has the JSON, optionally the
//! type to check it as, and the exact list of `[kind, pointer]` problems.

// Helpers outside `#[test]` functions may unwrap, panic and index too: a failure
// there is a failed test (clippy.toml allows it only inside `#[test]`).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use kalends_jscalendar::{Event, ObjectType, validate, validate_as};
use serde_json::{Value, json};

const DATA: &str = include_str!("data/validation.json");

fn problems_of(case: &Value) -> Vec<(String, String)> {
    let json = &case["json"];
    let problems = match case.get("type").and_then(Value::as_str) {
        Some("Event") => validate_as(json, ObjectType::Event),
        Some("Task") => validate_as(json, ObjectType::Task),
        Some("Group") => validate_as(json, ObjectType::Group),
        Some(other) => panic!("unknown type {other}"),
        None => validate(json),
    };
    for p in &problems {
        let m = p.message();
        assert!(
            m.ends_with('.') && m.starts_with(|c: char| c.is_uppercase() || c == '`'),
            "not a sentence: {m}"
        );
    }
    problems
        .iter()
        .map(|p| (format!("{:?}", p.kind()), p.pointer().unwrap().to_owned()))
        .collect()
}

#[test]
fn every_case() {
    let data: Value = serde_json::from_str(DATA).unwrap();
    let mut failures = Vec::new();
    for case in data["cases"].as_array().unwrap() {
        let expected: Vec<(String, String)> = case["problems"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| {
                (
                    p[0].as_str().unwrap().to_owned(),
                    p[1].as_str().unwrap().to_owned(),
                )
            })
            .collect();
        let found = problems_of(case);
        if found != expected {
            failures.push(format!(
                "{} ({}):\n  expected {expected:?}\n  found    {found:?}",
                case["name"], case["source"]
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_pointer_resolves_or_names_a_missing_member() {
    let data: Value = serde_json::from_str(DATA).unwrap();
    for case in data["cases"].as_array().unwrap() {
        for (kind, pointer) in problems_of(case) {
            if kind == "MissingProperty" {
                let parent = pointer.rsplit_once('/').unwrap().0;
                assert!(case["json"].pointer(parent).is_some(), "{pointer}");
            } else {
                assert!(
                    case["json"].pointer(&pointer).is_some(),
                    "{}: {pointer} does not resolve",
                    case["name"]
                );
            }
        }
    }
}

#[test]
fn messages() {
    let problems = validate(&json!({
        "@type": "Event", "uid": "u", "updated": "2020-01-01T00:00:00Z", "start": "2020-01-01T00:00:00",
        "priority": 10, "title": 5,
        "recurrenceRules": [{"@type": "RecurrenceRule", "frequency": "daily", "count": 2, "until": "2020-02-01T00:00:00"}]
    }));
    let messages: Vec<String> = problems.iter().map(ToString::to_string).collect();
    assert_eq!(
        messages,
        [
            "at `/title`: `title` must be a string, not the number `5`.",
            "at `/recurrenceRules/0/until`: A RecurrenceRule must not have both `count` and `until` (RFC 8984 §4.3.3).",
            "at `/priority`: `priority` is `10`, but it must be from 0 to 9 (RFC 8984).",
        ]
    );
}

#[test]
fn typed_objects_validate_their_json() {
    let mut event = Event::default();
    assert_eq!(event.validate().len(), 3);
    event.uid = Some("u".into());
    event.updated = Some("2020-01-01T00:00:00Z".parse().unwrap());
    event.start = Some("2020-01-01T00:00:00".parse().unwrap());
    assert!(event.validate().is_empty());
    event.time_zone = Some(Some("/nowhere".parse().unwrap()));
    let problems = event.validate();
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].pointer(), Some("/timeZone"));
}
