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

/// RFC 8984 §6: each example, completed, goes to iCalendar and back
/// (draft -11, the profile written against RFC 8984) as the same JSON, up
/// to the changes `kalends_jscalendar::convert::JSCAL_NORMALISATIONS` lists.
#[test]
fn every_example_survives_jscalendar_to_icalendar_and_back() {
    use kalends_jscalendar::convert::{Profile, ical_to_jscal_value, jscal_value_to_ical};
    let mut survived = 0;
    for e in examples() {
        let value = completed(&e);
        let ical = jscal_value_to_ical(&value, Profile::Rfc8984)
            .unwrap_or_else(|err| panic!("{}: {err}", e.source));
        let text = ical.to_string();
        let doc = kalends_ical_core::parse(&text).unwrap();
        assert_eq!(doc, ical, "{}", e.source);
        let back = ical_to_jscal_value(&doc, Profile::Rfc8984).unwrap();
        let mut got = if e.object_type == ObjectType::Group {
            back.clone()
        } else {
            back["entries"][0].clone()
        };
        let mut want = value.clone();
        materialize_overrides(&mut want);
        materialize_overrides(&mut got);
        normalize_round_trip(&want, &mut got);
        assert_eq!(
            got,
            want,
            "{}\n--- iCalendar\n{text}\n--- back\n{}",
            e.source,
            serde_json::to_string_pretty(&got).unwrap()
        );

        // What came back is valid JSCalendar. (The Group around an Event or
        // Task has no `uid` and `updated`: its VCALENDAR had neither, and
        // the draft invents none.)
        let entry = if e.object_type == ObjectType::Group {
            &back
        } else {
            &back["entries"][0]
        };
        let problems = validate(entry);
        assert!(problems.is_empty(), "{}: {problems:#?}", e.source);
        survived += 1;
    }
    println!("RFC 8984 §6: {survived}/10 examples survive JSCalendar -> iCalendar -> JSCalendar");
}

/// Undoes the JSCAL_NORMALISATIONS in `got` where `want` shows the original.
fn normalize_round_trip(want: &Value, got: &mut Value) {
    let (Some(w), Some(g)) = (want.as_object(), got.as_object_mut()) else {
        return;
    };
    // 1. Entries gain the VCALENDAR's PRODID.
    if !w.contains_key("prodId") {
        g.remove("prodId");
    }
    // 2. Alerts gain ACTION and DESCRIPTION (RFC 5545 §3.6.6).
    let title = w
        .get("title")
        .and_then(Value::as_str)
        .filter(|t| !t.is_empty())
        .unwrap_or("Reminder")
        .to_owned();
    if let (Some(Value::Object(wa)), Some(Value::Object(ga))) =
        (w.get("alerts"), g.get_mut("alerts"))
    {
        for (k, a) in ga.iter_mut() {
            let before = wa.get(k);
            let Some(m) = a.as_object_mut() else { continue };
            if before.and_then(|b| b.get("action")).is_none()
                && m.get("action") == Some(&json!("display"))
            {
                m.remove("action");
            }
            if before.and_then(|b| b.get("iCalComponent")).is_none()
                && m.get("iCalComponent").and_then(|c| c.get("properties"))
                    == Some(&json!([["description", {}, "text", title]]))
            {
                m.remove("iCalComponent");
            }
        }
    }
    // 3. A Location or Participant that became a VLOCATION or PARTICIPANT
    //    component records that component's UID, which RFC 9073 §7.1, §7.2
    //    require and the way back gives it (its key).
    for map in ["locations", "participants"] {
        if let (Some(Value::Object(wm)), Some(Value::Object(gm))) = (w.get(map), g.get_mut(map)) {
            for (k, v) in gm.iter_mut() {
                let before = wm.get(k);
                let Some(m) = v.as_object_mut() else { continue };
                if before.and_then(|b| b.get("iCalComponent")).is_none()
                    && m.get("iCalComponent").and_then(|c| c.get("properties"))
                        == Some(&json!([["uid", {}, "text", k]]))
                {
                    m.remove("iCalComponent");
                }
            }
        }
    }
    // 5. Draft -11 §2.3.29: the ORGANIZER (from `replyTo`) always becomes
    //    a Participant with the owner role too.
    let reply: Vec<Value> = g
        .get("replyTo")
        .and_then(Value::as_object)
        .map(|m| m.values().cloned().collect())
        .unwrap_or_default();
    let known: Vec<String> = w
        .get("participants")
        .and_then(Value::as_object)
        .map(|m| m.keys().cloned().collect())
        .unwrap_or_default();
    if let Some(Value::Object(gp)) = g.get_mut("participants") {
        gp.retain(|k, p| {
            let added = !known.contains(k)
                && p.as_object().is_some_and(|m| m.len() == 3)
                && p.get("roles") == Some(&json!({"owner": true}))
                && p.get("calendarAddress").is_some_and(|a| reply.contains(a));
            !added
        });
        if gp.is_empty() && !w.contains_key("participants") {
            g.remove("participants");
        }
    }
    // 6. Draft -11 §2.3.4: an ATTENDEE's address is the participant's
    //    calendarAddress too.
    if let (Some(Value::Object(wp)), Some(Value::Object(gp))) =
        (w.get("participants"), g.get_mut("participants"))
    {
        for (k, p) in gp.iter_mut() {
            let Some(m) = p.as_object_mut() else { continue };
            let had = wp
                .get(k)
                .is_some_and(|b| b.get("calendarAddress").is_some());
            let sent: Vec<Value> = m
                .get("sendTo")
                .and_then(Value::as_object)
                .map(|s| s.values().cloned().collect())
                .unwrap_or_default();
            if !had && m.get("calendarAddress").is_some_and(|a| sent.contains(a)) {
                m.remove("calendarAddress");
            }
        }
    }
    // Recurse into the entries of a Group and the overrides.
    if let (Some(Value::Array(we)), Some(Value::Array(ge))) =
        (w.get("entries"), g.get_mut("entries"))
    {
        for (a, b) in we.iter().zip(ge.iter_mut()) {
            normalize_round_trip(a, b);
        }
    }
    if let (Some(Value::Object(wo)), Some(Value::Object(go))) = (
        w.get("recurrenceOverrides"),
        g.get_mut("recurrenceOverrides"),
    ) {
        for (k, b) in go.iter_mut() {
            if let Some(a) = wo.get(k) {
                normalize_round_trip(a, b);
            }
        }
    }
}

/// 4. Override patches are recomputed against the occurrence (draft
///    §2.1.2), so an equivalent PatchObject may come back (`locations`
///    whole, or key by key). Compare what they give: each patch is replaced
///    by the occurrence it makes (RFC 8984 §4.3.5).
fn materialize_overrides(v: &mut Value) {
    if let Some(Value::Array(entries)) = v.get_mut("entries") {
        entries.iter_mut().for_each(materialize_overrides);
        return;
    }
    let Some(obj) = v.as_object() else { return };
    let Some(Value::Object(overrides)) = obj.get("recurrenceOverrides") else {
        return;
    };
    let mut base = obj.clone();
    for k in [
        "recurrenceRules",
        "excludedRecurrenceRules",
        "recurrenceOverrides",
    ] {
        base.remove(k);
    }
    let mut out = Map::new();
    for (k, patch) in overrides {
        if patch.get("excluded") == Some(&json!(true)) {
            out.insert(k.clone(), patch.clone());
            continue;
        }
        let mut occurrence = base.clone();
        occurrence.insert("start".to_owned(), json!(k));
        kalends_jscalendar::PatchObject::from_map(patch.as_object().unwrap().clone())
            .unwrap()
            .apply_to_object(&mut occurrence)
            .unwrap();
        out.insert(k.clone(), Value::Object(occurrence));
    }
    v["recurrenceOverrides"] = Value::Object(out);
}
