//! Reading and writing the typed model: what is kept, what is rejected, and
//! how errors look.

// Helpers outside `#[test]` functions may unwrap, panic and index too: a failure
// there is a failed test (clippy.toml allows it only inside `#[test]`).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use kalends_jscalendar::{
    Entry, ErrorKind, Event, EventStatus, Frequency, Group, Object, ParticipantRole, Task, Trigger,
};
use serde_json::{Value, json};

fn base() -> Value {
    json!({"@type": "Event", "uid": "u", "updated": "2020-01-01T00:00:00Z", "start": "2020-01-01T09:00:00"})
}

fn with(key: &str, value: Value) -> Value {
    let mut v = base();
    v[key] = value;
    v
}

#[test]
fn syntax_errors_have_line_and_column() {
    let e = Event::from_json("{\n  \"@type\": \"Event\",\n}").unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Json);
    assert_eq!((e.line(), e.column()), (Some(3), Some(1)));
    assert!(
        e.message().starts_with("The input is not valid JSON: "),
        "{}",
        e.message()
    );
    assert!(e.message().ends_with('.'));
}

#[test]
fn data_type_errors_name_the_value() {
    let text = "{\"@type\": \"Event\",\n \"start\": \"2020-01-01 09:00:00\"}";
    let e = Event::from_json(text).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Model);
    assert_eq!(e.line(), Some(2));
    assert_eq!(
        e.message(),
        "The input does not fit the JSCalendar object model: `2020-01-01 09:00:00` is not a LocalDateTime (RFC 8984 \
         §1.4.5, like `2020-01-02T18:23:04`): expected `T` at offset 10."
    );
    assert_eq!(e.to_string(), format!("line 2, column 31: {}", e.message()));
}

#[test]
fn wrong_type_tag_is_rejected() {
    let e = Event::from_value(with("@type", json!("Task"))).unwrap_err();
    assert!(
        e.message()
            .contains("expected the @type `Event`, found `Task`"),
        "{}",
        e.message()
    );
    let e = Object::from_value(with("@type", json!("Journal"))).unwrap_err();
    assert_eq!((e.kind(), e.pointer()), (ErrorKind::Model, Some("/@type")));
    let e = Object::from_value(json!({"title": "x"})).unwrap_err();
    assert_eq!(e.pointer(), Some("/@type"));
    let e = Object::from_value(json!([1])).unwrap_err();
    assert_eq!(e.pointer(), Some(""));
}

#[test]
fn closed_enums_reject_unknown_values_open_ones_keep_them() {
    let rule = json!([{"@type": "RecurrenceRule", "frequency": "fortnightly"}]);
    let e = Event::from_value(with("recurrenceRules", rule)).unwrap_err();
    assert!(
        e.message().contains("`fortnightly` is not a frequency"),
        "{}",
        e.message()
    );
    let e = Event::from_value(with("status", json!("example.com:postponed"))).unwrap();
    assert_eq!(
        e.status,
        Some(EventStatus::Other("example.com:postponed".into()))
    );
    assert_eq!(
        e.to_value().unwrap()["status"],
        json!("example.com:postponed")
    );
}

#[test]
fn sets_must_hold_true() {
    let v = with("keywords", json!({"a": false}));
    assert_eq!(Event::from_value(v).unwrap_err().kind(), ErrorKind::Model);
}

#[test]
fn nulls() {
    // `timeZone` is TimeZoneId|null: null is kept.
    let e = Event::from_value(with("timeZone", Value::Null)).unwrap();
    assert_eq!(e.time_zone, Some(None));
    assert_eq!(e.time_zone_id(), None);
    assert_eq!(e.to_value().unwrap()["timeZone"], Value::Null);
    // `title` is not nullable: null reads as absent.
    let e = Event::from_value(with("title", Value::Null)).unwrap();
    assert_eq!(e.title, None);
    assert!(e.to_value().unwrap().get("title").is_none());
    // Vendor properties keep their nulls.
    let e = Event::from_value(with("example.com:x", Value::Null)).unwrap();
    assert_eq!(e.to_value().unwrap()["example.com:x"], Value::Null);
}

#[test]
fn unknown_things_are_kept_in_order() {
    let mut v = base();
    v["example.com:b"] = json!(1);
    v["example.com:a"] = json!({"nested": [1, 2.5, "x"]});
    v["alerts"] = json!({"a": {"@type": "Alert", "trigger": {"@type": "example.com:Geofence", "radius": 10},
                                "example.com:sound": "bell"}});
    v["locations"] = json!({"l": {"@type": "Location", "name": "x", "rel": "start"}});
    let e = Event::from_value(v.clone()).unwrap();
    let Trigger::Unknown(t) = &e.alerts.as_ref().unwrap().get("a").unwrap().trigger else {
        panic!()
    };
    assert_eq!(t.type_name, "example.com:Geofence");
    assert_eq!(t.properties.get("radius"), Some(&json!(10)));
    let out = e.to_json().unwrap();
    assert_eq!(serde_json::from_str::<Value>(&out).unwrap(), v);
    // Known properties first (field order), then vendor ones in input order.
    let b = out.find("example.com:b").unwrap();
    let a = out.find("example.com:a").unwrap();
    let alerts = out.find("\"alerts\"").unwrap();
    assert!(alerts < b && b < a, "{out}");
}

#[test]
fn group_entries_of_unknown_type_are_kept() {
    let g = Group::from_value(
        json!({"@type": "Group", "uid": "g", "updated": "2020-01-01T00:00:00Z", "entries": [
            {"@type": "example.com:Note", "text": "hi"},
            {"@type": "Task", "uid": "t", "updated": "2020-01-01T00:00:00Z"},
            {"no": "type"}
        ]}),
    )
    .unwrap();
    let entries = g.entries.as_deref().unwrap();
    assert!(matches!(&entries[0], Entry::Unknown(v) if v["text"] == json!("hi")));
    assert!(matches!(&entries[1], Entry::Task(t) if t.uid.as_deref() == Some("t")));
    assert!(matches!(&entries[2], Entry::Unknown(_)));
    assert_eq!(Group::from_json(&g.to_json().unwrap()).unwrap(), g);
}

#[test]
fn defaults_are_neither_written_nor_dropped() {
    let e = Event::from_value(base()).unwrap();
    assert_eq!(e.duration_or_default().as_str(), "PT0S");
    assert_eq!(e.free_busy_status_or_default().as_str(), "busy");
    assert_eq!(e.privacy_or_default().as_str(), "public");
    assert_eq!(e.sequence_or_default().get(), 0);
    assert_eq!(e.description_content_type_or_default(), "text/plain");
    assert_eq!(e.to_value().unwrap(), base());
    let explicit = with("duration", json!("PT0S"));
    assert_eq!(
        Event::from_value(explicit.clone())
            .unwrap()
            .to_value()
            .unwrap(),
        explicit
    );

    let rule =
        json!([{"@type": "RecurrenceRule", "frequency": "monthly", "interval": 1, "skip": "omit"}]);
    let e = Event::from_value(with("recurrenceRules", rule.clone())).unwrap();
    let r = &e.recurrence_rules_or_empty()[0];
    assert_eq!(r.frequency, Frequency::Monthly);
    assert_eq!(
        (r.interval_or_default(), r.rscale_or_default()),
        (1, "gregorian")
    );
    assert_eq!(r.first_day_of_week_or_default().as_str(), "mo");
    assert_eq!(e.to_value().unwrap()["recurrenceRules"], rule);

    let t = Task::from_value(
        json!({"@type": "Task", "participants": {"p": {"@type": "Participant",
        "roles": {"attendee": true, "example.com:scribe": true}}}}),
    )
    .unwrap();
    let p = t.participants.as_ref().unwrap().get("p").unwrap();
    assert_eq!(p.participation_status_or_default().as_str(), "needs-action");
    assert!(p.has_role(&ParticipantRole::Attendee));
    assert!(p.has_role(&ParticipantRole::Other("example.com:scribe".into())));
    assert_eq!(p.schedule_agent_or_default().as_str(), "server");
}

#[test]
fn triggers_without_type_are_inferred() {
    let alerts = json!({"a": {"@type": "Alert", "trigger": {"offset": "-PT5M"}},
                        "b": {"@type": "Alert", "trigger": {"when": "2020-01-01T08:00:00Z"}}});
    let e = Event::from_value(with("alerts", alerts)).unwrap();
    let alerts = e.alerts.as_ref().unwrap();
    assert!(matches!(
        alerts.get("a").unwrap().trigger,
        Trigger::Offset(_)
    ));
    assert!(matches!(
        alerts.get("b").unwrap().trigger,
        Trigger::Absolute(_)
    ));
    let bad = json!({"a": {"@type": "Alert", "trigger": {"x": 1}}});
    assert!(Event::from_value(with("alerts", bad)).is_err());
}

#[test]
fn duplicate_keys_keep_the_last_value_like_serde_json() {
    let text = r#"{"@type":"Event","keywords":{"a":true,"b":true,"a":true},
                   "locations":{"x":{"@type":"Location","name":"1"},"x":{"@type":"Location","name":"2"}}}"#;
    let e = Event::from_json(text).unwrap();
    assert_eq!(e.keywords.as_ref().unwrap().len(), 2);
    assert_eq!(
        e.locations
            .as_ref()
            .unwrap()
            .get("x")
            .unwrap()
            .name
            .as_deref(),
        Some("2")
    );
}

#[test]
fn object_display_is_compact_json() {
    let o = Object::from_value(base()).unwrap();
    assert_eq!(o.to_string(), o.to_json().unwrap());
    assert_eq!(o.uid(), Some("u"));
}
