//! Reading and writing the generated 10,000-event calendar (issue 2, item 9),
//! with kalends and each crates.io peer side by side.
//!
//! Two criterion groups, each with one entry per library and the input's
//! size as throughput, so criterion reports MB/s beside the times:
//!
//! - `ical_parse`: text to tree. calcard `ICalendar::parse`; icalendar
//!   `unfold` + `read_calendar` (its parser needs unfolded input, so the
//!   unfolding is part of its parse); ical 0.11 `IcalParser` (all calendars
//!   collected); ical-rs `IcalCst::parse`, and `ical-rs+decode` which adds
//!   its typed `decode`; kalends `kalends_ical_core::parse`. Dropping the
//!   result is inside the measurement for every library.
//! - `ical_write`: tree to text, from a tree parsed once beforehand, with
//!   each library's own serialiser: calcard and icalendar `Display`, ical
//!   `Emitter::generate`, ical-rs `IcalCst` `Display`, kalends
//!   `kalends_ical_core::write`. kalends and ical-rs keep the input text of
//!   unchanged lines and copy it; calcard, icalendar and ical format every
//!   line from their model. `kalends-canonical` writes a tree without the
//!   kept text (`Document::into_owned`), so every line is formatted: that is
//!   the like-for-like figure against those three.
//!
//! All four peers build here and read the whole calendar: before timing,
//! each one's `VEVENT` count is checked to be 10,000 (the unit tests in
//! `src/peers.rs` check the same on a small calendar, and writing back).
//!
//! Run: `cargo bench -p kalends-benches --bench ical_parse`, then
//! `cargo run -p kalends-benches --bin ratios` for the ratios to kalends.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, SamplingMode, Throughput, criterion_group, criterion_main};
use kalends_benches::peers::{calcard, ical, ical_rs, icalendar, kalends};
use kalends_benches::{EVENTS_10K, calendar_10k};

/// The input size as criterion's byte throughput.
fn bytes(text: &str) -> Throughput {
    Throughput::Bytes(u64::try_from(text.len()).unwrap())
}

fn parse(c: &mut Criterion) {
    let text = calendar_10k();
    let mut group = c.benchmark_group("ical_parse");
    // One parse takes tens to hundreds of milliseconds: flat sampling runs
    // the same small number of iterations per sample.
    group.sampling_mode(SamplingMode::Flat);
    group.throughput(bytes(&text));

    // Every library must see the whole calendar, or its time means nothing.
    assert_eq!(
        calcard::event_count(&calcard::parse(&text).unwrap()),
        EVENTS_10K
    );
    let unfolded = icalendar::unfold(&text);
    assert_eq!(
        icalendar::event_count(&icalendar::parse(&unfolded).unwrap()),
        EVENTS_10K
    );
    drop(unfolded);
    assert_eq!(ical::event_count(&ical::parse(&text).unwrap()), EVENTS_10K);
    let tree = ical_rs::parse(&text).unwrap();
    assert_eq!(ical_rs::event_count(&tree), EVENTS_10K);
    assert_eq!(
        ical_rs::decoded_event_count(&ical_rs::decode(&tree)),
        EVENTS_10K
    );
    drop(tree);

    assert_eq!(
        kalends::event_count(&kalends::parse(&text).unwrap()),
        EVENTS_10K
    );

    group.bench_function(kalends::NAME, |b| {
        b.iter(|| kalends::parse(black_box(&text)).unwrap())
    });
    group.bench_function(calcard::NAME, |b| {
        b.iter(|| calcard::parse(black_box(&text)).unwrap())
    });
    group.bench_function(icalendar::NAME, |b| {
        b.iter(|| {
            let unfolded = icalendar::unfold(black_box(&text));
            icalendar::parse(&unfolded).unwrap().components.len()
        })
    });
    group.bench_function(ical::NAME, |b| {
        b.iter(|| ical::parse(black_box(&text)).unwrap())
    });
    group.bench_function(ical_rs::NAME, |b| {
        b.iter(|| ical_rs::parse(black_box(&text)).unwrap())
    });
    group.bench_function(ical_rs::NAME_DECODED, |b| {
        b.iter(|| {
            let tree = ical_rs::parse(black_box(&text)).unwrap();
            ical_rs::decode(&tree).components.len()
        })
    });
    group.finish();
}

fn write(c: &mut Criterion) {
    let text = calendar_10k();
    let mut group = c.benchmark_group("ical_write");
    group.sampling_mode(SamplingMode::Flat);
    // The same throughput for every library: the size of the calendar
    // written, as generated (each library's output differs a little).
    group.throughput(bytes(&text));

    let tree = kalends::parse(&text).unwrap();
    group.bench_function(kalends::NAME, |b| {
        b.iter(|| kalends::write(black_box(&tree)))
    });
    let tree = kalends::canonical(tree);
    group.bench_function(kalends::NAME_CANONICAL, |b| {
        b.iter(|| kalends::write(black_box(&tree)))
    });
    drop(tree);

    let tree = calcard::parse(&text).unwrap();
    group.bench_function(calcard::NAME, |b| {
        b.iter(|| calcard::write(black_box(&tree)))
    });
    drop(tree);

    let unfolded = icalendar::unfold(&text);
    let tree = icalendar::parse(&unfolded).unwrap();
    group.bench_function(icalendar::NAME, |b| {
        b.iter(|| icalendar::write(black_box(&tree)))
    });
    drop(tree);
    drop(unfolded);

    let tree = ical::parse(&text).unwrap();
    group.bench_function(ical::NAME, |b| b.iter(|| ical::write(black_box(&tree))));
    drop(tree);

    let tree = ical_rs::parse(&text).unwrap();
    group.bench_function(ical_rs::NAME, |b| {
        b.iter(|| ical_rs::write(black_box(&tree)))
    });
    drop(tree);
    group.finish();
}

criterion_group! {
    name = benches;
    // Short measurements: the whole file runs in a few minutes on 2 cores.
    config = Criterion::default()
        .sample_size(20)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5));
    targets = parse, write
}
criterion_main!(benches);
