//! The examples of RFC 8984 §6 parse, validate and write back as equal JSON.
//!
//! Data: `tests/data/rfc8984-section6-examples.json` (see the README there for
//! how the RFC's `"...": ""` placeholders are handled).

// Helpers outside `#[test]` functions may unwrap, panic and index too: a failure
// there is a failed test (clippy.toml allows it only inside `#[test]`).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use kalends_jscalendar::{
    ErrorKind, Event, LocalDateTime, Object, ObjectType, ParticipationStatus, validate, validate_as,
};
use serde_json::{Map, Value, json};

const DATA: &str = include_str!("data/rfc8984-section6-examples.json");

struct Example {
    source: String,
    object_type: ObjectType,
    json: Value,
    fill: Option<Map<String, Value>>,
    elided_problems: Vec<(String, String)>,
}

fn examples() -> Vec<Example> {
    let data: Value = serde_json::from_str(DATA).unwrap();
    data["examples"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| Example {
            source: e["source"].as_str().unwrap().to_owned(),
            object_type: match e["type"].as_str().unwrap() {
                "Event" => ObjectType::Event,
                "Task" => ObjectType::Task,
                "Group" => ObjectType::Group,
                other => panic!("unknown type {other}"),
            },
            json: e["json"].clone(),
            fill: e.get("fill").map(|f| f.as_object().unwrap().clone()),
            elided_problems: e
                .get("elided_problems")
                .map(|p| {
                    p.as_array()
                        .unwrap()
                        .iter()
                        .map(|pair| {
                            (
                                pair[0].as_str().unwrap().to_owned(),
                                pair[1].as_str().unwrap().to_owned(),
                            )
                        })
                        .collect()
                })
                .unwrap_or_default(),
        })
        .collect()
}

/// The example with the stand-ins for its elided mandatory properties.
fn completed(e: &Example) -> Value {
    let mut map = e.fill.clone().unwrap_or_default();
    for (k, v) in e.json.as_object().unwrap() {
        map.insert(k.clone(), v.clone());
    }
    Value::Object(map)
}

fn example(section: &str) -> Value {
    let e = examples()
        .into_iter()
        .find(|e| e.source.contains(&format!("§{section} ")))
        .unwrap();
    completed(&e)
}

#[test]
fn there_are_ten_examples_seven_elided() {
    let all = examples();
    assert_eq!(all.len(), 10);
    assert_eq!(all.iter().filter(|e| e.fill.is_some()).count(), 7);
}

#[test]
fn elided_examples_miss_exactly_the_elided_mandatory_properties() {
    for e in examples().iter().filter(|e| e.fill.is_some()) {
        let problems = validate_as(&e.json, e.object_type);
        let found: Vec<(String, String)> = problems
            .iter()
            .map(|p| (format!("{:?}", p.kind()), p.pointer().unwrap().to_owned()))
            .collect();
        assert_eq!(found, e.elided_problems, "{}", e.source);
        // Without `@type` the type cannot be told.
        let by_type = validate(&e.json);
        assert_eq!(by_type.len(), 1, "{}", e.source);
        assert_eq!(by_type[0].kind(), ErrorKind::MissingProperty);
        assert_eq!(by_type[0].pointer(), Some("/@type"));
    }
}

#[test]
fn every_example_is_valid_once_completed() {
    for e in examples() {
        let value = completed(&e);
        let problems = validate(&value);
        assert!(problems.is_empty(), "{}: {problems:#?}", e.source);
        assert!(
            validate_as(&value, e.object_type).is_empty(),
            "{}",
            e.source
        );
    }
}

#[test]
fn every_example_reads_and_writes_back_as_equal_json() {
    for e in examples() {
        let value = completed(&e);
        let object =
            Object::from_value(value.clone()).unwrap_or_else(|err| panic!("{}: {err}", e.source));
        assert_eq!(object.object_type(), e.object_type, "{}", e.source);
        assert_eq!(object.to_value().unwrap(), value, "{}", e.source);
        assert!(object.validate().is_empty(), "{}", e.source);

        // Deterministic bytes: writing twice, and reading the output back and
        // writing again, give the same text.
        let text = object.to_json().unwrap();
        assert_eq!(object.to_json().unwrap(), text, "{}", e.source);
        assert_eq!(
            Object::from_json(&text).unwrap().to_json().unwrap(),
            text,
            "{}",
            e.source
        );
        let pretty = object.to_json_pretty().unwrap();
        assert_eq!(
            Object::from_json(&pretty)
                .unwrap()
                .to_json_pretty()
                .unwrap(),
            pretty,
            "{}",
            e.source
        );
    }
}

#[test]
fn elided_examples_read_without_type_and_gain_it_when_written() {
    for e in examples()
        .iter()
        .filter(|e| e.fill.is_some() && e.object_type == ObjectType::Event)
    {
        let event = Event::from_value(e.json.clone()).unwrap();
        let mut expected = e.json.as_object().unwrap().clone();
        expected.insert("@type".into(), json!("Event"));
        assert_eq!(
            event.to_value().unwrap(),
            Value::Object(expected),
            "{}",
            e.source
        );
    }
}

#[test]
fn simple_event_bytes_are_fixed() {
    let object = Object::from_value(example("6.1")).unwrap();
    assert_eq!(
        object.to_json().unwrap(),
        r#"{"@type":"Event","uid":"a8df6573-0474-496d-8496-033ad45d7fea","updated":"2020-01-02T18:23:04Z","title":"Some event","start":"2020-01-15T13:00:00","duration":"PT1H","timeZone":"America/New_York"}"#
    );
}

#[test]
fn unknown_properties_of_the_examples_are_kept() {
    // §6.3: "name" on a Group; §6.6: "rel" on a Location; §6.9: "title" on a Location.
    let Object::Group(group) = Object::from_value(example("6.3")).unwrap() else {
        panic!()
    };
    assert_eq!(group.extra.get("name"), Some(&json!("A simple group")));
    let event = Event::from_value(example("6.6")).unwrap();
    let locations = event.locations.unwrap();
    assert_eq!(
        locations.get("1").unwrap().extra.get("rel"),
        Some(&json!("start"))
    );
    let event = Event::from_value(example("6.9")).unwrap();
    assert_eq!(
        event
            .locations
            .unwrap()
            .get("mlab")
            .unwrap()
            .extra
            .get("title"),
        Some(&json!("Math lab room 1"))
    );
}

#[test]
fn localization_of_6_8() {
    let event = Event::from_value(example("6.8")).unwrap();
    assert_eq!(event.localization_tags().collect::<Vec<_>>(), ["de"]);
    let de = event.localized("DE").unwrap().unwrap();
    assert_eq!(
        de.title.as_deref(),
        Some("Live von der Music Bowl: The Band!")
    );
    assert_eq!(
        de.description.as_deref(),
        Some("Schau dir das größte Musikereignis an!")
    );
    assert_eq!(de.locale.as_deref(), Some("de"));
    let vloc = de.virtual_locations.as_ref().unwrap().get("vloc1").unwrap();
    assert_eq!(
        vloc.name.as_deref(),
        Some("Gratis Live-Stream aus der Music Bowl")
    );
    assert_eq!(vloc.uri, "https://stream.example.com/the_band_2020");
    // Everything else is unchanged.
    assert_eq!(de.start, event.start);
    assert_eq!(de.locations, event.locations);
    assert!(event.localized("fr").unwrap().is_none());
}

#[test]
fn overrides_of_6_9() {
    let event = Event::from_value(example("6.9")).unwrap();
    let id = |s: &str| s.parse::<LocalDateTime>().unwrap();
    assert_eq!(
        event.excluded_recurrence_ids().collect::<Vec<_>>(),
        [&id("2020-04-01T09:00:00")]
    );
    assert_eq!(
        event.overridden_recurrence_ids().collect::<Vec<_>>(),
        [&id("2020-01-07T14:00:00"), &id("2020-06-25T09:00:00")]
    );

    let intro = event.occurrence(&id("2020-01-07T14:00:00")).unwrap();
    assert_eq!(
        intro.title.as_deref(),
        Some("Introduction to Calculus I (optional)")
    );
    assert_eq!(intro.start, Some(id("2020-01-07T14:00:00")));
    assert_eq!(intro.duration, event.duration);
    assert_eq!(intro.recurrence_id, Some(id("2020-01-07T14:00:00")));
    assert_eq!(
        intro.recurrence_id_time_zone,
        Some(Some("Europe/London".parse().unwrap()))
    );
    assert!(intro.recurrence_rules.is_none() && intro.recurrence_overrides.is_none());
    assert!(intro.validate().is_empty(), "{:#?}", intro.validate());

    let exam = event.occurrence(&id("2020-06-25T09:00:00")).unwrap();
    assert_eq!(exam.title.as_deref(), Some("Calculus I Exam"));
    assert_eq!(exam.start, Some(id("2020-06-25T10:00:00")));
    assert_eq!(exam.duration.as_ref().map(|d| d.as_str()), Some("PT2H"));
    let locations = exam.locations.as_ref().unwrap();
    assert_eq!(
        locations.keys().map(|k| k.as_str()).collect::<Vec<_>>(),
        ["auditorium"]
    );

    let excluded = event.occurrence(&id("2020-04-01T09:00:00")).unwrap();
    assert!(excluded.excluded_or_default());
    assert_eq!(excluded.title.as_deref(), Some("Calculus I"));

    let plain = event.occurrence(&id("2020-01-15T09:00:00")).unwrap();
    assert_eq!(plain.title.as_deref(), Some("Calculus I"));
    assert_eq!(plain.start, Some(id("2020-01-15T09:00:00")));
}

#[test]
fn participant_override_of_6_10() {
    let event = Event::from_value(example("6.10")).unwrap();
    let id: LocalDateTime = "2020-03-04T09:00:00".parse().unwrap();
    let occurrence = event.occurrence(&id).unwrap();
    let participants = occurrence.participants.as_ref().unwrap();
    assert_eq!(
        participants
            .get("dG9tQGZvb2Jhci5xlLmNvbQ")
            .unwrap()
            .participation_status,
        Some(ParticipationStatus::Declined)
    );
    assert_eq!(
        participants
            .get("em9lQGZvb2GFtcGxlLmNvbQ")
            .unwrap()
            .participation_status,
        Some(ParticipationStatus::Accepted)
    );
    // The base event is unchanged.
    let base = event.participants.as_ref().unwrap();
    assert_eq!(
        base.get("dG9tQGZvb2Jhci5xlLmNvbQ")
            .unwrap()
            .participation_status,
        Some(ParticipationStatus::Accepted)
    );
}
