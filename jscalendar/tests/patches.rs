//! PatchObject application (RFC 8984 §1.4.9), recurrence overrides (§4.3.5)
//! and localizations (§4.6.1).
//!
//! Data: `tests/data/patches.json`.

// Helpers outside `#[test]` functions may unwrap, panic and index too: a failure
// there is a failed test (clippy.toml allows it only inside `#[test]`).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use kalends_jscalendar::{ErrorKind, Event, LocalDateTime, PatchObject, Task};
use serde_json::{Value, json};

const DATA: &str = include_str!("data/patches.json");

#[test]
fn every_case() {
    let data: Value = serde_json::from_str(DATA).unwrap();
    let cases = data["cases"].as_array().unwrap();
    assert!(cases.len() >= 25);
    for case in cases {
        let name = case["name"].as_str().unwrap();
        let original = case["target"].clone();
        let mut target = original.clone();
        let result =
            PatchObject::from_map(case["patch"].as_object().unwrap().clone()).and_then(|p| {
                // Reading with serde gives the same PatchObject or the same error.
                let read = serde_json::from_value::<PatchObject>(case["patch"].clone()).unwrap();
                assert_eq!(read, p, "{name}");
                p.apply_to(&mut target)
            });
        match (case.get("result"), case.get("error"), result) {
            (Some(expected), None, Ok(())) => assert_eq!(&target, expected, "{name}"),
            (None, Some(expected), Err(e)) => {
                assert_eq!(
                    format!("{:?}", e.kind()),
                    expected["kind"].as_str().unwrap(),
                    "{name}: {e}"
                );
                assert_eq!(e.pointer(), expected["pointer"].as_str(), "{name}: {e}");
                assert!(e.is_patch(), "{name}");
                assert!(e.message().ends_with('.'), "{name}: {}", e.message());
                assert_eq!(
                    target, original,
                    "{name}: the target changed although the patch failed"
                );
            }
            (_, _, r) => panic!("{name}: unexpected outcome {r:?} (target {target})"),
        }
    }
}

#[test]
fn syntax_errors_are_reported_when_reading() {
    let e = serde_json::from_value::<PatchObject>(json!({"alerts": {}, "alerts/1/offset": "PT1M"}))
        .unwrap_err();
    assert!(e.to_string().contains("rule 3"), "{e}");
    let e = serde_json::from_value::<PatchObject>(json!({"a~x": 1})).unwrap_err();
    assert!(e.to_string().contains("RFC 6901"), "{e}");
}

#[test]
fn insert_keeps_the_rules() {
    let mut p = PatchObject::new();
    p.insert("locations/a/name", json!("x")).unwrap();
    assert_eq!(
        p.insert("locations", json!({})).unwrap_err().kind(),
        ErrorKind::PatchPrefixConflict
    );
    assert_eq!(
        p.insert("locations/a/name/first", json!(1))
            .unwrap_err()
            .kind(),
        ErrorKind::PatchPrefixConflict
    );
    assert_eq!(
        p.insert("x~y", json!(1)).unwrap_err().kind(),
        ErrorKind::InvalidPointer
    );
    assert_eq!(
        p.insert("locations/a/name", json!("y")).unwrap(),
        Some(json!("x"))
    );
    assert_eq!(p.insert("locations/b/name", json!("z")).unwrap(), None);
    assert_eq!(p.len(), 2);
    assert_eq!(p.remove("locations/b/name"), Some(json!("z")));
    assert_eq!(
        p.iter().map(|(k, _)| k).collect::<Vec<_>>(),
        ["locations/a/name"]
    );
}

#[test]
fn apply_where_skips_ignored_patches() {
    let patch: PatchObject =
        serde_json::from_value(json!({"uid": "other", "title": "x", "recurrenceRules/0/count": 2}))
            .unwrap();
    let mut target = json!({"uid": "u", "title": "t", "recurrenceRules": [{"frequency": "daily"}]});
    let Value::Object(map) = &mut target else {
        panic!()
    };
    patch
        .apply_where(map, kalends_jscalendar::patch::is_override_patch_applied)
        .unwrap();
    assert_eq!(
        target,
        json!({"uid": "u", "title": "x", "recurrenceRules": [{"frequency": "daily"}]})
    );
}

fn event() -> Event {
    Event::from_value(json!({
        "@type": "Event", "uid": "u", "updated": "2020-01-01T00:00:00Z",
        "title": "Standup", "start": "2020-01-06T09:00:00", "timeZone": "Europe/Vienna", "duration": "PT15M",
        "recurrenceRules": [{"@type": "RecurrenceRule", "frequency": "daily", "count": 10}],
        "recurrenceOverrides": {
            "2020-01-07T09:00:00": {"uid": "ignored", "@type": "Task", "timeZones": {}, "duration": "PT30M"},
            "2020-01-08T09:00:00": {"excluded": true},
            "2020-01-09T09:00:00": {"locations/nowhere/name": "x"},
            "2020-01-10T09:00:00": {"duration": 5}
        },
        "localizations": {
            "de": {"title": "Tägliche Besprechung", "duration": "PT1H", "uid": "x"},
            "fr": {"locations/nowhere/name": "x"}
        }
    }))
    .unwrap()
}

fn id(s: &str) -> LocalDateTime {
    s.parse().unwrap()
}

#[test]
fn occurrences_ignore_the_listed_prefixes() {
    let e = event();
    let o = e.occurrence(&id("2020-01-07T09:00:00")).unwrap();
    assert_eq!(o.uid.as_deref(), Some("u"));
    assert_eq!(o.duration.as_ref().map(|d| d.as_str()), Some("PT30M"));
    assert!(o.time_zones.is_none());
    assert_eq!(
        o.recurrence_id_time_zone,
        Some(Some("Europe/Vienna".parse().unwrap()))
    );
    // The occurrence inherits everything else, the bad `fr` localization too.
    let problems = o.validate();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(
        problems[0].pointer(),
        Some("/localizations/fr/locations~1nowhere~1name")
    );
}

#[test]
fn invalid_override_patches_are_errors_with_their_place() {
    let e = event();
    let err = e.occurrence(&id("2020-01-09T09:00:00")).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::PatchMissingParent);
    assert_eq!(
        err.pointer(),
        Some("/recurrenceOverrides/2020-01-09T09:00:00/locations~1nowhere~1name")
    );
    // Rule 4: a value of the wrong type fails when the occurrence is read back.
    let err = e.occurrence(&id("2020-01-10T09:00:00")).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Model);
}

#[test]
fn excluded_and_floating_occurrences() {
    let mut e = event();
    assert_eq!(
        e.excluded_recurrence_ids().collect::<Vec<_>>(),
        [&id("2020-01-08T09:00:00")]
    );
    e.time_zone = None;
    let o = e.occurrence(&id("2020-01-08T09:00:00")).unwrap();
    assert_eq!(o.excluded, Some(true));
    // Floating: recurrenceIdTimeZone is null (RFC 8984 §4.3.2).
    assert_eq!(o.recurrence_id_time_zone, Some(None));
    assert!(
        o.to_json()
            .unwrap()
            .contains(r#""recurrenceIdTimeZone":null"#)
    );
}

#[test]
fn localizations_patch_only_title_description_and_name() {
    let e = event();
    let de = e.localized("de").unwrap().unwrap();
    assert_eq!(de.title.as_deref(), Some("Tägliche Besprechung"));
    assert_eq!(
        de.duration, e.duration,
        "`duration` does not end in title, description or name"
    );
    assert_eq!(de.uid.as_deref(), Some("u"));
    assert_eq!(de.locale.as_deref(), Some("de"));
    let err = e.localized("fr").unwrap_err();
    assert_eq!(err.kind(), ErrorKind::PatchMissingParent);
    assert_eq!(
        err.pointer(),
        Some("/localizations/fr/locations~1nowhere~1name")
    );
    assert!(e.localized("es").unwrap().is_none());
}

#[test]
fn patched_typed_objects() {
    let e = event();
    let p: PatchObject = serde_json::from_value(json!({"title": "Retro", "color": "red"})).unwrap();
    let patched = e.patched(&p).unwrap();
    assert_eq!(patched.title.as_deref(), Some("Retro"));
    assert_eq!(patched.color.as_deref(), Some("red"));
    let bad: PatchObject = serde_json::from_value(json!({"start": "tomorrow"})).unwrap();
    assert_eq!(e.patched(&bad).unwrap_err().kind(), ErrorKind::Model);
    let vendor: PatchObject = serde_json::from_value(json!({"example.com:x": [1]})).unwrap();
    assert_eq!(
        e.patched(&vendor).unwrap().extra.get("example.com:x"),
        Some(&json!([1]))
    );
}

#[test]
fn task_occurrences_move_start_and_due_together() {
    let t = Task::from_value(json!({
        "@type": "Task", "uid": "t", "updated": "2020-01-01T00:00:00Z",
        "start": "2020-01-06T09:00:00", "due": "2020-01-07T17:00:00",
        "recurrenceRules": [{"@type": "RecurrenceRule", "frequency": "weekly"}]
    }))
    .unwrap();
    let o = t.occurrence(&id("2020-01-13T09:00:00")).unwrap();
    assert_eq!(o.start, Some(id("2020-01-13T09:00:00")));
    assert_eq!(o.due, Some(id("2020-01-14T17:00:00")));
    let due_only =
        Task::from_value(json!({"@type": "Task", "due": "2020-01-07T17:00:00"})).unwrap();
    let o = due_only.occurrence(&id("2020-01-14T17:00:00")).unwrap();
    assert_eq!((o.start, o.due), (None, Some(id("2020-01-14T17:00:00"))));
}
