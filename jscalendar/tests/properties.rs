//! Properties: generated objects round-trip through serde, output is
//! byte-identical across serializations, and arbitrary JSON never panics.

// Helpers outside `#[test]` functions may unwrap, panic and index too: a failure
// there is a failed test (clippy.toml allows it only inside `#[test]`).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use kalends_jscalendar::{
    AbsoluteTrigger, Alert, Duration, DurationParts, Entry, Event, EventStatus, Frequency, Group,
    Id, Int, Link, LocalDateTime, Location, NDay, Object, OffsetTrigger, OrderedMap, OrderedSet,
    Participant, ParticipantRole, ParticipationStatus, PatchObject, RecurrenceRule, Relation,
    RelationType, Sign, SignedDuration, Skip, Task, TimeZone, TimeZoneId, TimeZoneRule, Trigger,
    UnknownTrigger, UnsignedInt, UtcDateTime, VirtualLocation, Weekday, validate, validate_as,
};
use proptest::collection::{btree_map, vec};
use proptest::option;
use proptest::prelude::*;
use serde_json::{Map, Value, json};

// ---------------------------------------------------------------------------
// Data types

fn id() -> impl Strategy<Value = Id> {
    "[A-Za-z0-9_-]{1,10}".prop_map(|s| Id::new(s).unwrap())
}

fn text() -> impl Strategy<Value = String> {
    "\\PC{0,16}"
}

fn fields() -> impl Strategy<Value = (u16, u8, u8, u8, u8, u8, u32)> {
    (
        0u16..=9999,
        1u8..=12,
        1u8..=28,
        0u8..=23,
        0u8..=59,
        0u8..=60,
        prop_oneof![Just(0u32), 1u32..1_000_000_000],
    )
}

fn local() -> impl Strategy<Value = LocalDateTime> {
    fields().prop_map(|(y, mo, d, h, mi, s, n)| {
        LocalDateTime::new(y, mo, d, h, mi, s)
            .unwrap()
            .with_nanosecond(n)
            .unwrap()
    })
}

fn utc() -> impl Strategy<Value = UtcDateTime> {
    fields().prop_map(|(y, mo, d, h, mi, s, n)| {
        UtcDateTime::new(y, mo, d, h, mi, s)
            .unwrap()
            .with_nanosecond(n)
            .unwrap()
    })
}

fn duration() -> impl Strategy<Value = Duration> {
    let part = || option::of(0u64..10_000);
    (
        part(),
        part(),
        part(),
        part(),
        part(),
        prop_oneof![Just(0u32), 1u32..1_000_000_000],
    )
        .prop_filter_map(
            "not a Duration",
            |(weeks, days, hours, minutes, seconds, nanoseconds)| {
                Duration::from_parts(DurationParts {
                    weeks,
                    days,
                    hours,
                    minutes,
                    seconds,
                    nanoseconds,
                })
                .ok()
            },
        )
}

fn signed_duration() -> impl Strategy<Value = SignedDuration> {
    (
        prop_oneof![Just(Sign::None), Just(Sign::Plus), Just(Sign::Minus)],
        duration(),
    )
        .prop_map(|(sign, d)| SignedDuration::new(sign, d))
}

fn tz() -> impl Strategy<Value = TimeZoneId> {
    prop_oneof![
        Just("America/New_York"),
        Just("Europe/Berlin"),
        Just("Etc/GMT+5"),
        Just("UTC"),
        Just("/Custom Zone"),
        Just("/a"),
    ]
    .prop_map(|s| s.parse().unwrap())
}

fn int() -> impl Strategy<Value = Int> {
    (-(1i64 << 53) + 1..(1i64 << 53)).prop_map(|i| Int::new(i).unwrap())
}

fn uint() -> impl Strategy<Value = UnsignedInt> {
    (0u64..(1u64 << 53)).prop_map(|u| UnsignedInt::new(u).unwrap())
}

/// JSON without floats (serde_json does not promise exact float round trips
/// without its `float_roundtrip` feature).
fn json_value() -> BoxedStrategy<Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|i| json!(i)),
        any::<u64>().prop_map(|u| json!(u)),
        text().prop_map(Value::String),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            vec(inner.clone(), 0..4).prop_map(Value::Array),
            btree_map("[a-z@]{0,4}", inner, 0..4)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
    .boxed()
}

/// Vendor properties (never the name of a known property).
fn extra() -> impl Strategy<Value = Map<String, Value>> {
    vec(("example\\.com:[a-z]{1,5}", json_value()), 0..3).prop_map(|kv| kv.into_iter().collect())
}

fn set<T: Eq + std::hash::Hash + Clone + std::fmt::Debug>(
    item: impl Strategy<Value = T>,
) -> impl Strategy<Value = OrderedSet<T>> {
    vec(item, 0..4).prop_map(|v| v.into_iter().collect())
}

fn id_map<T: std::fmt::Debug>(
    item: impl Strategy<Value = T>,
) -> impl Strategy<Value = OrderedMap<Id, T>> {
    vec((id(), item), 0..3).prop_map(|v| v.into_iter().collect())
}

fn patch() -> BoxedStrategy<PatchObject> {
    let paths = vec(
        prop_oneof![
            Just("title"),
            Just("duration"),
            Just("excluded"),
            Just("participants/p1/participationStatus"),
            Just("locations/l~11/name"),
            Just("example.com:x"),
        ],
        0..4,
    );
    (paths, vec(json_value(), 4))
        .prop_map(|(paths, values)| {
            let mut p = PatchObject::new();
            for (path, value) in paths.into_iter().zip(values) {
                p.insert(path, value).unwrap();
            }
            p
        })
        .boxed()
}

// ---------------------------------------------------------------------------
// Objects

fn link() -> BoxedStrategy<Link> {
    (
        "https://[a-z]{1,8}\\.example/[a-z]{0,5}",
        option::of(text()),
        option::of(uint()),
        option::of(Just("icon")),
        extra(),
    )
        .prop_map(|(href, title, size, rel, extra)| Link {
            title,
            size,
            rel: rel.map(str::to_owned),
            extra,
            ..Link::new(href)
        })
        .boxed()
}

fn location() -> BoxedStrategy<Location> {
    (
        option::of(text()),
        option::of(text()),
        option::of(set(prop_oneof![
            Just("hotel".to_owned()),
            Just("office".to_owned())
        ])),
        option::of(option::of(tz())),
        option::of(id_map(link())),
        extra(),
    )
        .prop_map(
            |(name, description, location_types, time_zone, links, extra)| Location {
                name,
                description,
                location_types,
                time_zone,
                links,
                extra,
                ..Location::default()
            },
        )
        .boxed()
}

fn virtual_location() -> BoxedStrategy<VirtualLocation> {
    ("tel:\\+1-[0-9]{3}", option::of(text()), extra())
        .prop_map(|(uri, name, extra)| VirtualLocation {
            name,
            extra,
            ..VirtualLocation::new(uri)
        })
        .boxed()
}

fn participant() -> BoxedStrategy<Participant> {
    (
        option::of(text()),
        option::of(set(prop_oneof![
            Just(ParticipantRole::Attendee),
            Just(ParticipantRole::Owner),
            Just(ParticipantRole::Other("example.com:role".into())),
        ])),
        option::of(prop_oneof![
            Just(ParticipationStatus::Accepted),
            Just(ParticipationStatus::Other("example.com:maybe".into())),
        ]),
        option::of(any::<bool>()),
        option::of(set(id())),
        option::of(vec("[0-9]\\.[0-9]", 0..2)),
        option::of(utc()),
        extra(),
    )
        .prop_map(
            |(
                name,
                roles,
                participation_status,
                expect_reply,
                delegated_to,
                schedule_status,
                schedule_updated,
                extra,
            )| {
                Participant {
                    name,
                    roles,
                    participation_status,
                    expect_reply,
                    delegated_to,
                    schedule_status,
                    schedule_updated,
                    extra,
                    ..Participant::default()
                }
            },
        )
        .boxed()
}

fn trigger() -> BoxedStrategy<Trigger> {
    prop_oneof![
        (signed_duration(), extra()).prop_map(|(o, extra)| Trigger::Offset(OffsetTrigger {
            extra,
            ..OffsetTrigger::new(o)
        })),
        utc().prop_map(|w| Trigger::Absolute(AbsoluteTrigger::new(w))),
        ("example\\.com:[A-Z][a-z]{1,5}", extra()).prop_map(|(type_name, properties)| {
            Trigger::Unknown(UnknownTrigger {
                type_name,
                properties,
            })
        }),
    ]
    .boxed()
}

fn alert() -> BoxedStrategy<Alert> {
    (
        trigger(),
        option::of(utc()),
        option::of(vec(("[a-z]{1,4}", set(Just(RelationType::Parent))), 0..2)),
        extra(),
    )
        .prop_map(|(trigger, acknowledged, related, extra)| Alert {
            acknowledged,
            related_to: related.map(|r| {
                r.into_iter()
                    .map(|(k, rel)| {
                        (
                            k,
                            Relation {
                                relation: Some(rel),
                                ..Relation::default()
                            },
                        )
                    })
                    .collect()
            }),
            extra,
            ..Alert::new(trigger)
        })
        .boxed()
}

fn rule() -> BoxedStrategy<RecurrenceRule> {
    (
        prop_oneof![
            Just(Frequency::Yearly),
            Just(Frequency::Weekly),
            Just(Frequency::Secondly)
        ],
        option::of(uint()),
        option::of(prop_oneof![
            Just("gregorian".to_owned()),
            Just("hebrew".to_owned())
        ]),
        option::of(prop_oneof![Just(Skip::Omit), Just(Skip::Forward)]),
        option::of(prop_oneof![Just(Weekday::Monday), Just(Weekday::Sunday)]),
        option::of(vec(
            (
                prop_oneof![Just(Weekday::Friday), Just(Weekday::Tuesday)],
                option::of(int()),
            )
                .prop_map(|(d, n)| NDay {
                    nth_of_period: n,
                    ..NDay::every(d)
                }),
            0..3,
        )),
        option::of(vec(int(), 1..3)),
        option::of(vec("[0-9]{1,2}L?", 1..3)),
        option::of(vec(uint(), 1..3)),
        (option::of(uint()), option::of(local()), extra()),
    )
        .prop_map(
            |(
                frequency,
                interval,
                rscale,
                skip,
                wkst,
                by_day,
                by_month_day,
                by_month,
                by_hour,
                (count, until, extra),
            )| {
                RecurrenceRule {
                    interval,
                    rscale,
                    skip,
                    first_day_of_week: wkst,
                    by_day,
                    by_month_day,
                    by_month,
                    by_hour,
                    count,
                    until,
                    extra,
                    ..RecurrenceRule::new(frequency)
                }
            },
        )
        .boxed()
}

fn time_zone() -> BoxedStrategy<TimeZone> {
    (
        "[A-Za-z/ ]{1,10}",
        option::of(utc()),
        vec(
            (
                local(),
                "[+-][01][0-9][0-5][0-9]",
                option::of(vec(rule(), 0..2)),
                option::of(set(text())),
            )
                .prop_map(|(start, from, rules, names)| TimeZoneRule {
                    recurrence_rules: rules,
                    names,
                    ..TimeZoneRule::new(start, from.clone(), from)
                }),
            0..2,
        ),
    )
        .prop_map(|(tz_id, updated, standard)| TimeZone {
            updated,
            standard: Some(standard),
            ..TimeZone::new(tz_id)
        })
        .boxed()
}

/// Properties Event and Task share, generated once.
#[derive(Debug, Clone)]
struct Common {
    uid: Option<String>,
    updated: Option<UtcDateTime>,
    title: Option<String>,
    sequence: Option<UnsignedInt>,
    priority: Option<Int>,
    time_zone: Option<Option<TimeZoneId>>,
    time_zones: Option<OrderedMap<TimeZoneId, TimeZone>>,
    locations: Option<OrderedMap<Id, Location>>,
    virtual_locations: Option<OrderedMap<Id, VirtualLocation>>,
    participants: Option<OrderedMap<Id, Participant>>,
    alerts: Option<OrderedMap<Id, Alert>>,
    rules: Option<Vec<RecurrenceRule>>,
    overrides: Option<OrderedMap<LocalDateTime, PatchObject>>,
    localizations: Option<OrderedMap<String, PatchObject>>,
    keywords: Option<OrderedSet<String>>,
    extra: Map<String, Value>,
}

fn common() -> BoxedStrategy<Common> {
    (
        (
            option::of(text()),
            option::of(utc()),
            option::of(text()),
            option::of(uint()),
            option::of(int()),
        ),
        (
            option::of(option::of(tz())),
            option::of(vec((tz(), time_zone()), 0..2).prop_map(|v| v.into_iter().collect())),
        ),
        (
            option::of(id_map(location())),
            option::of(id_map(virtual_location())),
            option::of(id_map(participant())),
            option::of(id_map(alert())),
        ),
        (
            option::of(vec(rule(), 0..2)),
            option::of(vec((local(), patch()), 0..3).prop_map(|v| v.into_iter().collect())),
            option::of(
                vec(("[a-z]{2}(-[A-Z]{2})?", patch()), 0..2).prop_map(|v| v.into_iter().collect()),
            ),
            option::of(set(text())),
            extra(),
        ),
    )
        .prop_map(
            |(
                (uid, updated, title, sequence, priority),
                (time_zone, time_zones),
                (locations, virtual_locations, participants, alerts),
                (rules, overrides, localizations, keywords, extra),
            )| Common {
                uid,
                updated,
                title,
                sequence,
                priority,
                time_zone,
                time_zones,
                locations,
                virtual_locations,
                participants,
                alerts,
                rules,
                overrides,
                localizations,
                keywords,
                extra,
            },
        )
        .boxed()
}

fn event() -> BoxedStrategy<Event> {
    (
        common(),
        option::of(local()),
        option::of(duration()),
        option::of(prop_oneof![
            Just(EventStatus::Tentative),
            Just(EventStatus::Other("example.com:s".into()))
        ]),
        option::of(any::<bool>()),
    )
        .prop_map(|(c, start, duration, status, show_without_time)| Event {
            uid: c.uid,
            updated: c.updated,
            title: c.title,
            sequence: c.sequence,
            priority: c.priority,
            time_zone: c.time_zone,
            time_zones: c.time_zones,
            locations: c.locations,
            virtual_locations: c.virtual_locations,
            participants: c.participants,
            alerts: c.alerts,
            recurrence_rules: c.rules,
            recurrence_overrides: c.overrides,
            localizations: c.localizations,
            keywords: c.keywords,
            extra: c.extra,
            start,
            duration,
            status,
            show_without_time,
            ..Event::default()
        })
        .boxed()
}

fn task() -> BoxedStrategy<Task> {
    (
        common(),
        option::of(local()),
        option::of(local()),
        option::of(duration()),
        option::of(uint()),
    )
        .prop_map(
            |(c, start, due, estimated_duration, percent_complete)| Task {
                uid: c.uid,
                updated: c.updated,
                title: c.title,
                time_zone: c.time_zone,
                participants: c.participants,
                alerts: c.alerts,
                recurrence_rules: c.rules,
                recurrence_overrides: c.overrides,
                extra: c.extra,
                start,
                due,
                estimated_duration,
                percent_complete,
                ..Task::default()
            },
        )
        .boxed()
}

fn group() -> BoxedStrategy<Group> {
    (
        option::of(text()),
        option::of(utc()),
        vec(
            prop_oneof![
                event().prop_map(|e| Entry::Event(Box::new(e))),
                task().prop_map(|t| Entry::Task(Box::new(t))),
                json_value()
                    .prop_map(|v| Entry::Unknown(json!({"@type": "example.com:Note", "v": v}))),
            ],
            0..3,
        ),
        extra(),
    )
        .prop_map(|(uid, updated, entries, extra)| Group {
            uid,
            updated,
            entries: Some(entries),
            extra,
            ..Group::default()
        })
        .boxed()
}

fn object() -> BoxedStrategy<Object> {
    prop_oneof![
        event().prop_map(Object::from),
        task().prop_map(Object::from),
        group().prop_map(Object::from)
    ]
    .boxed()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn objects_round_trip_through_serde(o in object()) {
        let text = o.to_json().unwrap();
        let back = Object::from_json(&text).unwrap();
        prop_assert_eq!(&back, &o);
        // Through a JSON value too.
        prop_assert_eq!(Object::from_value(o.to_value().unwrap()).unwrap(), o.clone());
        // Validation never panics on generated objects.
        let _ = o.validate();
    }

    #[test]
    fn output_is_byte_identical(o in object()) {
        let first = o.to_json().unwrap();
        prop_assert_eq!(&o.clone().to_json().unwrap(), &first);
        let again = Object::from_json(&first).unwrap().to_json().unwrap();
        prop_assert_eq!(&again, &first);
        let pretty = o.to_json_pretty().unwrap();
        prop_assert_eq!(Object::from_json(&pretty).unwrap().to_json_pretty().unwrap(), pretty);
    }

    #[test]
    fn events_round_trip(e in event()) {
        let back = Event::from_json(&e.to_json().unwrap()).unwrap();
        prop_assert_eq!(back, e);
    }

    #[test]
    fn data_types_round_trip(l in local(), u in utc(), d in duration(), s in signed_duration()) {
        prop_assert_eq!(l.to_string().parse::<LocalDateTime>().unwrap(), l);
        prop_assert_eq!(u.to_string().parse::<UtcDateTime>().unwrap(), u);
        prop_assert_eq!(d.to_string().parse::<Duration>().unwrap(), d.clone());
        prop_assert_eq!(Duration::from_parts(d.parts()).unwrap(), d);
        prop_assert_eq!(s.to_string().parse::<SignedDuration>().unwrap(), s);
        prop_assert_eq!(l.to_string().len() >= 19, true);
    }
}

// ---------------------------------------------------------------------------
// Arbitrary input never panics

const KEYS: &[&str] = &[
    "@type",
    "uid",
    "updated",
    "created",
    "start",
    "due",
    "duration",
    "title",
    "timeZone",
    "timeZones",
    "locations",
    "virtualLocations",
    "participants",
    "alerts",
    "trigger",
    "offset",
    "when",
    "recurrenceRules",
    "recurrenceOverrides",
    "excludedRecurrenceRules",
    "recurrenceId",
    "recurrenceIdTimeZone",
    "localizations",
    "entries",
    "links",
    "roles",
    "sendTo",
    "replyTo",
    "delegatedTo",
    "byDay",
    "byMonth",
    "byMonthDay",
    "frequency",
    "count",
    "until",
    "interval",
    "day",
    "nthOfPeriod",
    "standard",
    "daylight",
    "offsetFrom",
    "tzId",
    "relatedTo",
    "relation",
    "keywords",
    "priority",
    "excluded",
    "progress",
    "percentComplete",
    "display",
    "rel",
    "href",
    "uri",
];

const STRINGS: &[&str] = &[
    "Event",
    "Task",
    "Group",
    "Location",
    "Participant",
    "Alert",
    "OffsetTrigger",
    "AbsoluteTrigger",
    "RecurrenceRule",
    "NDay",
    "TimeZone",
    "TimeZoneRule",
    "Link",
    "VirtualLocation",
    "Relation",
    "2020-01-01T00:00:00",
    "2020-01-01T00:00:00Z",
    "PT1H",
    "-PT5M",
    "/tz",
    "Europe/Berlin",
    "weekly",
    "mo",
    "5L",
    "p1",
    "a/b",
    "title",
    "locations/l/name",
    "x~1",
    "accepted",
    "icon",
    "geo:1,2",
    "mailto:a@b",
];

fn hostile_json() -> impl Strategy<Value = Value> {
    let string = prop_oneof![
        proptest::sample::select(STRINGS).prop_map(str::to_owned),
        "\\PC{0,8}"
    ];
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|i| json!(i)),
        any::<u64>().prop_map(|u| json!(u)),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(|f| json!(f)),
        string.clone().prop_map(Value::String),
    ];
    let key = prop_oneof![
        3 => proptest::sample::select(KEYS).prop_map(str::to_owned),
        1 => string,
    ];
    leaf.prop_recursive(6, 96, 6, move |inner| {
        prop_oneof![
            vec(inner.clone(), 0..5).prop_map(Value::Array),
            vec((key.clone(), inner), 0..7).prop_map(|kv| Value::Object(kv.into_iter().collect())),
        ]
    })
}

fn exercise(value: &Value) {
    let _ = validate(value);
    for t in [
        kalends_jscalendar::ObjectType::Event,
        kalends_jscalendar::ObjectType::Task,
        kalends_jscalendar::ObjectType::Group,
    ] {
        let _ = validate_as(value, t);
    }
    if let Ok(o) = Object::from_value(value.clone()) {
        let text = o.to_json().unwrap();
        assert_eq!(Object::from_json(&text).unwrap().to_json().unwrap(), text);
        let _ = o.validate();
    }
    if let Ok(e) = Event::from_value(value.clone()) {
        let _ = e.validate();
        for id in e.recurrence_overrides.iter().flat_map(|o| o.keys()) {
            let _ = e.occurrence(id);
        }
        for tag in e.localization_tags().map(str::to_owned).collect::<Vec<_>>() {
            let _ = e.localized(&tag);
        }
    }
    if let Ok(t) = Task::from_value(value.clone()) {
        for id in t.recurrence_overrides.iter().flat_map(|o| o.keys()) {
            let _ = t.occurrence(id);
        }
    }
    let _ = Group::from_value(value.clone());
    if let Value::Object(m) = value
        && let Ok(p) = PatchObject::from_map(m.clone())
    {
        let mut target = value.clone();
        let _ = p.apply_to(&mut target);
    }
    let _ = Object::from_json(&value.to_string());
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_json_never_panics(value in hostile_json()) {
        exercise(&value);
    }

    #[test]
    fn valid_objects_with_one_property_replaced_never_panic(
        key in proptest::sample::select(KEYS),
        nested in any::<bool>(),
        replacement in hostile_json(),
    ) {
        let mut value = json!({
            "@type": "Event", "uid": "u", "updated": "2020-01-01T00:00:00Z", "start": "2020-01-08T09:00:00",
            "timeZone": "/tz", "timeZones": {"/tz": {"@type": "TimeZone", "tzId": "X", "standard": [
                {"@type": "TimeZoneRule", "start": "1970-01-01T00:00:00", "offsetFrom": "+0100", "offsetTo": "+0100"}]}},
            "replyTo": {"imip": "mailto:o@example.com"},
            "participants": {"p1": {"@type": "Participant", "roles": {"attendee": true}, "sendTo": {"imip": "mailto:a@example.com"}}},
            "alerts": {"a1": {"@type": "Alert", "trigger": {"@type": "OffsetTrigger", "offset": "-PT5M"}}},
            "recurrenceRules": [{"@type": "RecurrenceRule", "frequency": "weekly", "byDay": [{"@type": "NDay", "day": "we"}]}],
            "recurrenceOverrides": {"2020-01-15T09:00:00": {"title": "x", "participants/p1/participationStatus": "declined"}},
            "localizations": {"de": {"title": "y"}}
        });
        prop_assert!(validate(&value).is_empty(), "{:?}", validate(&value));
        if nested {
            value["participants"]["p1"][key] = replacement;
        } else {
            value[key] = replacement;
        }
        exercise(&value);
    }

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,64}") {
        let _ = Object::from_json(&text);
        let _ = Event::from_json(&text);
        let _ = text.parse::<Duration>();
        let _ = text.parse::<SignedDuration>();
        let _ = text.parse::<LocalDateTime>();
        let _ = text.parse::<UtcDateTime>();
        let _ = text.parse::<TimeZoneId>();
        let _ = text.parse::<Id>();
        let _ = kalends_jscalendar::pointer::parse_path(&text);
    }
}
