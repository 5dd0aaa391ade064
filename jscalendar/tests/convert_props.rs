//! Property tests of the conversion: generated iCalendar survives
//! iCalendar → JSCalendar → iCalendar as the same tree (modulo the listed
//! normalisations), generated JSCalendar survives JSCalendar → iCalendar →
//! JSCalendar unchanged, and the JSON text entry point takes any input
//! without panicking.

// Helpers outside `#[test]` functions may unwrap, panic and index too: a
// failure there is a failed test (clippy.toml allows it only inside `#[test]`).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use common::{diff_ncomp, normalize_calendar};
use kalends_jscalendar::Json;
use kalends_jscalendar::convert::{
    MAX_JSON_DEPTH, Profile, ical_to_jscal, jscal_text_to_ical, jscal_to_ical_as,
};
use proptest::collection::vec;
use proptest::option;
use proptest::prelude::*;
use serde_json::{Map, Value, json};

// ---------------------------------------------------------------------------
// Generated iCalendar.

fn text() -> impl Strategy<Value = String> {
    // Characters that need escaping in TEXT and quoting in parameters.
    "[a-zA-Z0-9 ,;:\\\\\"'éü€\n-]{0,24}"
}

fn param_text() -> impl Strategy<Value = String> {
    "[a-zA-Z0-9 ,;:'éü-]{1,16}"
}

fn escape(s: &str) -> String {
    kalends_ical_core::value::escape_text(s).into_owned()
}

fn quote(s: &str) -> String {
    let mut out = String::new();
    kalends_ical_core::contentline::encode_param_value(s, &mut out);
    out
}

prop_compose! {
    fn date_time()(y in 2000u32..2030, mo in 1u32..13, d in 1u32..29, h in 0u32..24,
                   mi in 0u32..60, form in 0u8..4) -> String {
        let base = format!("{y:04}{mo:02}{d:02}T{h:02}{mi:02}00");
        match form {
            0 => format!(";TZID=Europe/Berlin:{base}"),
            1 => format!(":{base}Z"),
            2 => format!(":{base}"),
            _ => format!(";VALUE=DATE:{y:04}{mo:02}{d:02}"),
        }
    }
}

fn attendee() -> impl Strategy<Value = String> {
    (
        "[a-z]{1,8}",
        option::of(param_text()),
        option::of(prop_oneof![
            Just("ACCEPTED"),
            Just("DECLINED"),
            Just("TENTATIVE"),
            Just("NEEDS-ACTION"),
            Just("X-ODD")
        ]),
        option::of(prop_oneof![
            Just("CHAIR"),
            Just("REQ-PARTICIPANT"),
            Just("OPT-PARTICIPANT"),
            Just("NON-PARTICIPANT")
        ]),
        option::of(prop_oneof![Just("TRUE"), Just("FALSE")]),
        option::of(prop_oneof![Just("INDIVIDUAL"), Just("ROOM"), Just("X-BOT")]),
        option::of(param_text()),
    )
        .prop_map(|(who, cn, ps, role, rsvp, cu, x)| {
            let mut line = "ATTENDEE".to_owned();
            if let Some(cn) = cn {
                line.push_str(&format!(";CN={}", quote(&cn)));
            }
            if let Some(ps) = ps {
                line.push_str(&format!(";PARTSTAT={ps}"));
            }
            if let Some(r) = role {
                line.push_str(&format!(";ROLE={r}"));
            }
            if let Some(r) = rsvp {
                line.push_str(&format!(";RSVP={r}"));
            }
            if let Some(c) = cu {
                line.push_str(&format!(";CUTYPE={c}"));
            }
            if let Some(x) = x {
                line.push_str(&format!(";X-NOTE={}", quote(&x)));
            }
            line.push_str(&format!(":mailto:{who}@example.com"));
            line
        })
}

fn alarm() -> impl Strategy<Value = String> {
    (
        prop_oneof![Just("-PT15M"), Just("PT0S"), Just("-P1D"), Just("PT1H30M")],
        prop_oneof![Just(""), Just(";RELATED=END"), Just(";RELATED=START")],
        text(),
        option::of("[A-Z]{1,6}"),
    )
        .prop_map(|(trigger, related, desc, x)| {
            let mut s = format!(
                "BEGIN:VALARM\r\nACTION:DISPLAY\r\nTRIGGER{related}:{trigger}\r\nDESCRIPTION:{}\r\n",
                escape(&desc)
            );
            if let Some(x) = x {
                s.push_str(&format!("X-ALARM-NOTE:{x}\r\n"));
            }
            s.push_str("END:VALARM\r\n");
            s
        })
}

prop_compose! {
    fn vevent()(
        n in 0u32..1000,
        start in date_time(),
        len in prop_oneof![Just("DURATION:PT1H".to_owned()), Just("DURATION:P2D".to_owned()),
                           Just(String::new())],
        summary in option::of(text()),
        description in option::of(text()),
        location in option::of(text()),
        categories in vec("[A-Za-z0-9 ]{1,8}", 0..3),
        rrule in option::of(prop_oneof![
            Just("FREQ=DAILY;COUNT=5"),
            Just("FREQ=WEEKLY;BYDAY=MO,WE;INTERVAL=2"),
            Just("FREQ=MONTHLY;BYMONTHDAY=-1;COUNT=12"),
            Just("FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU"),
        ]),
        status in option::of(prop_oneof![Just("CONFIRMED"), Just("TENTATIVE"), Just("CANCELLED")]),
        class in option::of(prop_oneof![Just("PUBLIC"), Just("PRIVATE"), Just("CONFIDENTIAL")]),
        priority in option::of(0u8..10),
        organizer in option::of(("[a-z]{1,8}", option::of(param_text()))),
        attendees in vec(attendee(), 0..4),
        alarms in vec(alarm(), 0..3),
        xprops in vec(("[A-Z]{1,6}", option::of(param_text()), text()), 0..3),
        url in option::of("[a-z]{1,10}"),
    ) -> String {
        let mut s = String::from("BEGIN:VEVENT\r\n");
        s.push_str(&format!("UID:event-{n}@example.com\r\nDTSTAMP:20240101T000000Z\r\n"));
        s.push_str(&format!("DTSTART{start}\r\n"));
        if !len.is_empty() {
            s.push_str(&format!("{len}\r\n"));
        }
        if let Some(t) = summary {
            s.push_str(&format!("SUMMARY:{}\r\n", escape(&t)));
        }
        if let Some(t) = description {
            s.push_str(&format!("DESCRIPTION:{}\r\n", escape(&t)));
        }
        if let Some(t) = location {
            s.push_str(&format!("LOCATION:{}\r\n", escape(&t)));
        }
        if !categories.is_empty() {
            let items: Vec<String> = categories.iter().map(|c| escape(c)).collect();
            s.push_str(&format!("CATEGORIES:{}\r\n", items.join(",")));
        }
        if let Some(r) = rrule {
            s.push_str(&format!("RRULE:{r}\r\n"));
        }
        if let Some(v) = status {
            s.push_str(&format!("STATUS:{v}\r\n"));
        }
        if let Some(v) = class {
            s.push_str(&format!("CLASS:{v}\r\n"));
        }
        if let Some(v) = priority {
            s.push_str(&format!("PRIORITY:{v}\r\n"));
        }
        if let Some((who, cn)) = organizer {
            match cn {
                Some(cn) => s.push_str(&format!("ORGANIZER;CN={}:mailto:{who}@example.org\r\n",
                                                quote(&cn))),
                None => s.push_str(&format!("ORGANIZER:mailto:{who}@example.org\r\n")),
            }
        }
        for a in attendees {
            s.push_str(&a);
            s.push_str("\r\n");
        }
        for (name, param, value) in xprops {
            match param {
                Some(p) => s.push_str(&format!("X-{name};X-P={}:{}\r\n", quote(&p), escape(&value))),
                None => s.push_str(&format!("X-{name}:{}\r\n", escape(&value))),
            }
        }
        if let Some(u) = url {
            s.push_str(&format!("URL:https://example.com/{u}\r\n"));
        }
        for a in alarms {
            s.push_str(&a);
        }
        s.push_str("END:VEVENT\r\n");
        s
    }
}

fn calendar(events: Vec<String>) -> String {
    let mut s =
        String::from("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//kalends//proptest//EN\r\n");
    for e in events {
        s.push_str(&e);
    }
    s.push_str("END:VCALENDAR\r\n");
    s
}

fn ical_round_trip(text: &str, profile: Profile) -> Result<(), TestCaseError> {
    let doc = kalends_ical_core::parse(text)
        .map_err(|e| TestCaseError::fail(format!("generated text does not parse: {e}\n{text}")))?;
    let js = ical_to_jscal(&doc, profile).map_err(|e| TestCaseError::fail(e.to_string()))?;
    let back = jscal_to_ical_as(&js, profile).map_err(|e| TestCaseError::fail(e.to_string()))?;
    let mut diffs = Vec::new();
    let (a, b) = (doc.components.first(), back.components.first());
    prop_assert!(a.is_some() && b.is_some());
    if let (Some(a), Some(b)) = (a, b) {
        diff_ncomp(
            &normalize_calendar(a),
            &normalize_calendar(b),
            "",
            &mut diffs,
        );
    }
    prop_assert!(
        diffs.is_empty(),
        "{profile}: {}\n--- input\n{text}\n--- JSCalendar\n{}\n--- back\n{back}",
        diffs.join("\n"),
        js.to_json_pretty()
    );
    // The written text reads back as the same tree.
    let written = back.to_string();
    let reread =
        kalends_ical_core::parse(&written).map_err(|e| TestCaseError::fail(e.to_string()))?;
    prop_assert!(reread == back, "{written}");
    // And JSCalendar → iCalendar → JSCalendar is a fixpoint from there.
    let js2 = ical_to_jscal(&back, profile).map_err(|e| TestCaseError::fail(e.to_string()))?;
    let back2 = jscal_to_ical_as(&js2, profile).map_err(|e| TestCaseError::fail(e.to_string()))?;
    let js3 = ical_to_jscal(&back2, profile).map_err(|e| TestCaseError::fail(e.to_string()))?;
    prop_assert!(
        js2 == js3,
        "{}\n---\n{}",
        js2.to_json_pretty(),
        js3.to_json_pretty()
    );
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn generated_icalendar_round_trips(events in vec(vevent(), 1..4)) {
        let text = calendar(events);
        ical_round_trip(&text, Profile::Rfc8984)?;
        ical_round_trip(&text, Profile::Bis)?;
    }
}

// ---------------------------------------------------------------------------
// Generated JSCalendar.

fn js_text() -> impl Strategy<Value = String> {
    "[a-zA-Z0-9 ,;:\\\\\"'éü€\n-]{1,20}"
}

fn local_date_time() -> impl Strategy<Value = String> {
    (2000u32..2030, 1u32..13, 1u32..29, 0u32..24, 0u32..60)
        .prop_map(|(y, mo, d, h, mi)| format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:00"))
}

fn vendor_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        (-1000i64..1000).prop_map(|n| json!(n)),
        "[a-z ]{0,8}".prop_map(Value::String),
    ];
    leaf.prop_recursive(3, 12, 4, |inner| {
        prop_oneof![
            vec(inner.clone(), 0..3).prop_map(Value::Array),
            vec(("[a-z]{1,5}", inner), 0..3)
                .prop_map(|kv| Value::Object(kv.into_iter().collect::<Map<String, Value>>())),
        ]
    })
}

prop_compose! {
    fn participant()(
        name in option::of(js_text()),
        who in "[a-z]{1,8}",
        status in option::of(prop_oneof![Just("accepted"), Just("declined"), Just("tentative")]),
        optional in any::<bool>(),
        reply in option::of(any::<bool>()),
    ) -> Value {
        let mut p = json!({
            "@type": "Participant",
            "calendarAddress": format!("mailto:{who}@example.com"),
            "sendTo": {"imip": format!("mailto:{who}@example.com")},
            "roles": if optional { json!({"attendee": true, "optional": true}) }
                     else { json!({"attendee": true}) },
        });
        if let Some(n) = name { p["name"] = json!(n); }
        if let Some(s) = status { p["participationStatus"] = json!(s); }
        if let Some(r) = reply { p["expectReply"] = json!(r); }
        p
    }
}

prop_compose! {
    fn event(profile_bis: bool)(
        n in 0u32..1000,
        title in option::of(js_text()),
        description in option::of(js_text()),
        start in local_date_time(),
        zone in prop_oneof![Just(None), Just(Some("Europe/Berlin")), Just(Some("America/New_York")),
                            Just(Some("Etc/UTC"))],
        duration in option::of(prop_oneof![Just("PT1H"), Just("P1D"), Just("PT30M"), Just("P1W")]),
        status in option::of(prop_oneof![Just("confirmed"), Just("tentative"), Just("cancelled")]),
        priority in option::of(0u8..10),
        keywords in vec("[A-Za-z0-9]{1,8}", 0..3),
        location in option::of(js_text()),
        participants in vec(participant(), 0..3),
        frequency in option::of(prop_oneof![Just("daily"), Just("weekly"), Just("monthly")]),
        count in option::of(1u32..20),
        vendor in option::of(vendor_value()),
        alert in option::of(prop_oneof![Just("-PT15M"), Just("PT0S"), Just("-P1D")]),
    ) -> Value {
        let mut e = json!({
            "@type": "Event",
            "uid": format!("uid-{n}"),
            "updated": "2024-01-01T00:00:00Z",
            "start": start,
        });
        if let Some(t) = title { e["title"] = json!(t); }
        if let Some(t) = description { e["description"] = json!(t); }
        if let Some(z) = zone { e["timeZone"] = json!(z); }
        if let Some(d) = duration { e["duration"] = json!(d); }
        if let Some(s) = status { e["status"] = json!(s); }
        if let Some(p) = priority { e["priority"] = json!(p); }
        if !keywords.is_empty() {
            e["keywords"] = Value::Object(keywords.iter().map(|k| (k.clone(), json!(true))).collect());
        }
        if let Some(l) = location {
            e["locations"] = json!({"loc1": {"@type": "Location", "name": l}});
        }
        if !participants.is_empty() && !profile_bis {
            let mut m = Map::new();
            for (i, p) in participants.into_iter().enumerate() {
                m.insert(format!("p{i}"), p);
            }
            // Draft -11 gives the ORGANIZER an owner participant.
            m.insert("owner".to_owned(), json!({"@type": "Participant",
                "calendarAddress": "mailto:owner@example.com", "roles": {"owner": true}}));
            e["participants"] = Value::Object(m);
            e["replyTo"] = json!({"imip": "mailto:owner@example.com"});
        }
        if let Some(f) = frequency {
            let mut rule = json!({"@type": "RecurrenceRule", "frequency": f});
            if let Some(c) = count { rule["count"] = json!(c); }
            if profile_bis { e["recurrenceRule"] = rule; } else { e["recurrenceRules"] = json!([rule]); }
        }
        // A null value cannot travel (JSCAL-PROP, draft -11 §4.1.2).
        if let Some(v) = vendor.filter(|v| !v.is_null()) { e["example.com:extra"] = v; }
        if let Some(a) = alert {
            e["alerts"] = json!({"a1": {"@type": "Alert",
                                         "trigger": {"@type": "OffsetTrigger", "offset": a}}});
        }
        e
    }
}

fn js_round_trip(event: &Value, profile: Profile) -> Result<(), TestCaseError> {
    let group = json!({"@type": "Group", "entries": [event]});
    let input = Json::from_value(&group);
    let ical = jscal_to_ical_as(&input, profile).map_err(|e| TestCaseError::fail(e.to_string()))?;
    let text = ical.to_string();
    let reread = kalends_ical_core::parse(&text).map_err(|e| TestCaseError::fail(e.to_string()))?;
    let back = ical_to_jscal(&reread, profile).map_err(|e| TestCaseError::fail(e.to_string()))?;
    let got = back.to_value();
    let mut entry = got
        .get("entries")
        .and_then(|e| e.get(0))
        .cloned()
        .unwrap_or(Value::Null);
    // Normalisation 8: the VCALENDAR gained a PRODID, which every entry
    // then carries (draft §2.3.33).
    if event.get("prodId").is_none()
        && let Some(m) = entry.as_object_mut()
    {
        m.remove("prodId");
    }
    // An Alert gains what RFC 5545 §3.6.6 requires of a VALARM: ACTION
    // (read back as `"action": "display"`, the RFC 8984 §4.5.2 default)
    // and DESCRIPTION (the title, or "Reminder"; read back into the
    // carrier, as draft -11 Figure 79 shows).
    let carrier = match profile {
        Profile::Rfc8984 => "iCalComponent",
        Profile::Bis => "iCalendar",
    };
    let title = event
        .get("title")
        .and_then(Value::as_str)
        .unwrap_or("Reminder");
    if let Some(Value::Object(alerts)) = entry.get_mut("alerts") {
        for (k, a) in alerts.iter_mut() {
            let before = event.get("alerts").and_then(|m| m.get(k));
            let Some(m) = a.as_object_mut() else { continue };
            if before.and_then(|b| b.get("action")).is_none()
                && m.get("action") == Some(&json!("display"))
            {
                m.remove("action");
            }
            if before.and_then(|b| b.get(carrier)).is_none()
                && m.get(carrier).and_then(|c| c.get("properties"))
                    == Some(&json!([["description", {}, "text", title]]))
            {
                m.remove(carrier);
            }
        }
    }
    prop_assert!(
        &entry == event,
        "{profile}:\n--- input\n{}\n--- iCalendar\n{text}\n--- back\n{}",
        serde_json::to_string_pretty(event).unwrap_or_default(),
        serde_json::to_string_pretty(&entry).unwrap_or_default()
    );
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn generated_jscalendar_round_trips_rfc8984(e in event(false)) {
        js_round_trip(&e, Profile::Rfc8984)?;
    }

    #[test]
    fn generated_jscalendar_round_trips_bis(e in event(true)) {
        js_round_trip(&e, Profile::Bis)?;
    }
}

// ---------------------------------------------------------------------------
// Any JSON into the text entry point.

fn any_json() -> impl Strategy<Value = Value> {
    let keys = prop_oneof![
        Just("@type".to_owned()),
        Just("entries".to_owned()),
        Just("start".to_owned()),
        Just("timeZone".to_owned()),
        Just("recurrenceRules".to_owned()),
        Just("recurrenceRule".to_owned()),
        Just("recurrenceOverrides".to_owned()),
        Just("participants".to_owned()),
        Just("alerts".to_owned()),
        Just("locations".to_owned()),
        Just("iCalComponent".to_owned()),
        Just("iCalendar".to_owned()),
        Just("convertedProperties".to_owned()),
        Just("properties".to_owned()),
        Just("trigger".to_owned()),
        Just("duration".to_owned()),
        "[a-zA-Z:/~]{1,6}",
    ];
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        any::<f64>().prop_map(|f| json!(f)),
        prop_oneof![
            Just("Event".to_owned()),
            Just("Task".to_owned()),
            Just("Group".to_owned()),
            Just("Participant".to_owned()),
            Just("2024-01-01T09:00:00".to_owned()),
            Just("PT1H".to_owned()),
            Just("Europe/Berlin".to_owned()),
            ".{0,12}",
        ]
        .prop_map(Value::String),
    ];
    leaf.prop_recursive(6, 64, 6, move |inner| {
        prop_oneof![
            vec(inner.clone(), 0..5).prop_map(Value::Array),
            vec((keys.clone(), inner), 0..6)
                .prop_map(|kv| Value::Object(kv.into_iter().collect::<Map<String, Value>>())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn any_json_converts_or_fails_cleanly(v in any_json()) {
        let text = v.to_string();
        if let Ok((doc, _)) = jscal_text_to_ical(&text) {
            // What is written reads back.
            let written = doc.to_string();
            prop_assert!(kalends_ical_core::parse(&written).is_ok() || doc.components.is_empty(),
                         "{written}");
        }
    }

    #[test]
    fn any_text_converts_or_fails_cleanly(s in ".{0,64}") {
        let _ = jscal_text_to_ical(&s);
    }
}

#[test]
fn deep_json_is_refused() {
    let deep = format!(
        "{}{}",
        "[".repeat(MAX_JSON_DEPTH + 1),
        "]".repeat(MAX_JSON_DEPTH + 1)
    );
    let err = jscal_text_to_ical(&deep).unwrap_err();
    assert_eq!(err.kind(), kalends_jscalendar::ErrorKind::LimitExceeded);
}
