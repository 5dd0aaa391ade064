//! Converting the generated 10,000-event calendar to JSCalendar and back,
//! kalends beside calcard, in the same run (issue 7, "Performance": at
//! least 5x faster than calcard's conversion).
//!
//! Three kinds of criterion group, each with one entry per library, and
//! each run twice: `jscal_to`, `jscal_from` and `jscal_text` convert with
//! kalends' RFC 8984 profile (draft-ietf-calext-jscalendar-icalendar-11),
//! `jscal_to_bis`, `jscal_from_bis` and `jscal_text_bis` with its
//! JSCalendar 2.0 profile (the mapping of draft -25). calcard follows
//! draft -25, so the `_bis` groups compare the same mapping; the others
//! compare kalends' default profile with it. calcard's entries are the
//! same in both.
//!
//! - `jscal_to`: iCalendar tree to JSCalendar tree, from the calendar
//!   parsed once beforehand. `kalends` is
//!   `kalends_jscalendar::convert::ical_to_jscal`, which borrows the tree;
//!   `calcard` is `ICalendar::into_jscalendar` (its `jmap` feature), which
//!   consumes the tree, so each of its iterations gets a fresh clone made
//!   outside the measurement.
//! - `jscal_from`: JSCalendar tree back to an iCalendar tree, each library
//!   from its own output of `jscal_to`. `kalends` is
//!   `kalends_jscalendar::convert::jscal_to_ical_as` (borrows); `calcard`
//!   is `JSCalendar::into_icalendar` (consumes, so again a clone per
//!   iteration outside the measurement).
//! - `jscal_text`: the whole job a user runs, text to text both ways: the
//!   iCalendar text parsed, converted to JSCalendar and written as JSON
//!   text; that JSON text parsed, converted back and written as iCalendar
//!   text. Each library uses its own parser and writer (kalends:
//!   `kalends_ical_core::parse`, `Json::to_string`, `Json::parse`,
//!   `kalends_ical_core::write`; calcard: `ICalendar::parse`,
//!   `serde_json::to_string`, `JSCalendar::parse`, `ICalendar`'s
//!   `Display`). No clone is needed: both start from text.
//!
//! Dropping the result is inside the measurement of every entry. Before
//! timing, every JSCalendar output is checked to hold 10,000 `Event`
//! objects and every iCalendar output 10,000 `VEVENT`s, so no entry times
//! a conversion that silently did less.
//!
//! Run: `cargo bench -p kalends-benches --bench jscal`, then
//! `cargo run -p kalends-benches --bin ratios` for calcard / kalends.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::hint::black_box;
use std::time::Duration;

use calcard::icalendar::ICalendar;
use calcard::jscalendar::JSCalendar;
use criterion::{BatchSize, Criterion, SamplingMode, criterion_group, criterion_main};
use kalends_benches::peers::{calcard as calcard_peer, kalends};
use kalends_benches::{EVENTS_10K, calendar_10k};
use kalends_jscalendar::convert::{Profile, ical_to_jscal, jscal_to_ical_as};
use serde_json::Value;

/// calcard's JSCalendar tree, with `String` ids and blob ids.
type CalcardJscal = JSCalendar<'static, String, String>;

/// The number of JSON objects in `value` (at any depth) whose `@type` is
/// `Event`.
fn json_event_count(value: &Value) -> usize {
    match value {
        Value::Object(map) => {
            let own = usize::from(map.get("@type").and_then(Value::as_str) == Some("Event"));
            own + map.values().map(json_event_count).sum::<usize>()
        }
        Value::Array(items) => items.iter().map(json_event_count).sum(),
        _ => 0,
    }
}

/// calcard's conversion to JSCalendar.
fn calcard_to(calendar: ICalendar) -> CalcardJscal {
    calendar.into_jscalendar()
}

/// calcard's conversion back to iCalendar.
fn calcard_from(jscal: CalcardJscal) -> ICalendar {
    jscal.into_icalendar().unwrap()
}

/// The group name of `base` in `profile` (`_bis` for JSCalendar 2.0).
fn group_name(base: &str, profile: Profile) -> String {
    match profile {
        Profile::Bis => format!("{base}_bis"),
        Profile::Rfc8984 => base.to_owned(),
    }
}

/// The two profiles every group runs in.
const PROFILES: [Profile; 2] = [Profile::Rfc8984, Profile::Bis];

fn to_jscal(c: &mut Criterion) {
    for profile in PROFILES {
        to_jscal_in(c, profile);
    }
}

fn to_jscal_in(c: &mut Criterion, profile: Profile) {
    let text = calendar_10k();
    let doc = kalends::parse(&text).unwrap();
    assert_eq!(kalends::event_count(&doc), EVENTS_10K);
    let ical = calcard_peer::parse(&text).unwrap();
    assert_eq!(calcard_peer::event_count(&ical), EVENTS_10K);

    let ours = ical_to_jscal(&doc, profile).unwrap();
    assert_eq!(json_event_count(&ours.to_value()), EVENTS_10K);
    let theirs = calcard_to(ical.clone());
    let theirs = serde_json::to_value(&theirs.0).unwrap();
    assert_eq!(json_event_count(&theirs), EVENTS_10K);

    let mut group = c.benchmark_group(group_name("jscal_to", profile));
    // One conversion takes tens to hundreds of milliseconds: flat sampling
    // runs the same small number of iterations per sample.
    group.sampling_mode(SamplingMode::Flat);
    group.bench_function("kalends", |b| {
        b.iter(|| ical_to_jscal(black_box(&doc), profile).unwrap())
    });
    group.bench_function("calcard", |b| {
        b.iter_batched(
            || ical.clone(),
            // Dropped here, so the drop is timed as kalends' is.
            |calendar| drop(black_box(calcard_to(black_box(calendar)))),
            BatchSize::LargeInput,
        )
    });
    group.finish();
}

fn from_jscal(c: &mut Criterion) {
    for profile in PROFILES {
        from_jscal_in(c, profile);
    }
}

fn from_jscal_in(c: &mut Criterion, profile: Profile) {
    let text = calendar_10k();
    let doc = kalends::parse(&text).unwrap();
    let ours = ical_to_jscal(&doc, profile).unwrap();
    let theirs = calcard_to(calcard_peer::parse(&text).unwrap());

    let back = jscal_to_ical_as(&ours, profile).unwrap();
    assert_eq!(kalends::event_count(&back), EVENTS_10K);
    let theirs_back = calcard_from(theirs.clone());
    assert_eq!(calcard_peer::event_count(&theirs_back), EVENTS_10K);

    let mut group = c.benchmark_group(group_name("jscal_from", profile));
    group.sampling_mode(SamplingMode::Flat);
    group.bench_function("kalends", |b| {
        b.iter(|| jscal_to_ical_as(black_box(&ours), profile).unwrap())
    });
    group.bench_function("calcard", |b| {
        b.iter_batched(
            || theirs.clone(),
            |jscal| drop(black_box(calcard_from(black_box(jscal)))),
            BatchSize::LargeInput,
        )
    });
    group.finish();
}

/// kalends' text round trip in the RFC 8984 profile
/// ([`kalends::jscal_text_round_trip`]).
fn kalends_text(ics: &str) -> (String, String) {
    kalends::jscal_text_round_trip(ics, Profile::Rfc8984).unwrap()
}

/// kalends' text round trip in the JSCalendar 2.0 profile.
fn kalends_text_bis(ics: &str) -> (String, String) {
    kalends::jscal_text_round_trip(ics, Profile::Bis).unwrap()
}

/// calcard's text round trip ([`calcard_peer::jscal_text_round_trip`]).
fn calcard_text(ics: &str) -> (String, String) {
    calcard_peer::jscal_text_round_trip(ics).unwrap()
}

fn text_round_trip(c: &mut Criterion) {
    for profile in PROFILES {
        text_round_trip_in(c, profile);
    }
}

fn text_round_trip_in(c: &mut Criterion, profile: Profile) {
    let text = calendar_10k();
    let ours: fn(&str) -> (String, String) = match profile {
        Profile::Bis => kalends_text_bis,
        Profile::Rfc8984 => kalends_text,
    };
    for (name, run) in [("kalends", ours), ("calcard", calcard_text)] {
        let (json, back) = run(&text);
        let value: Value = serde_json::from_str(&json).unwrap();
        assert_eq!(json_event_count(&value), EVENTS_10K, "{name} JSON");
        assert_eq!(
            back.matches("BEGIN:VEVENT").count(),
            EVENTS_10K,
            "{name} iCalendar"
        );
    }

    let mut group = c.benchmark_group(group_name("jscal_text", profile));
    group.sampling_mode(SamplingMode::Flat);
    group.bench_function("kalends", |b| b.iter(|| ours(black_box(&text))));
    group.bench_function("calcard", |b| b.iter(|| calcard_text(black_box(&text))));
    group.finish();
}

criterion_group! {
    name = benches;
    // Short measurements: twelve entries on a loaded 2-core machine.
    config = Criterion::default()
        .sample_size(20)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5));
    targets = to_jscal, from_jscal, text_round_trip
}
criterion_main!(benches);
