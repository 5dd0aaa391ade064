//! Recurrence expansion (issue 4, "Performance"): kalends beside the `rrule`
//! crate 0.14 and calcard, on the same rules and the same instants.
//!
//! Seven criterion groups:
//!
//! - `recur_<rule>`, one per rule of `recur_peers::RULES` (DAILY;
//!   WEEKLY;BYDAY=MO,WE,FR; MONTHLY;BYDAY=MO,…,FR;BYSETPOS=-1;
//!   YEARLY;BYMONTH=11;BYDAY=4TH; HOURLY;BYMINUTE=0,30): the first 1,000
//!   instances as UTC seconds, with entries `<library>/UTC` and
//!   `<library>/Berlin` (DTSTART in UTC or with `TZID=Europe/Berlin`).
//!   kalends `Recurrence::iter`; rrule `IntoIterator for &RRuleSet`; calcard
//!   `ICalendar::expand_dates` over a one-event calendar (its rule iterator
//!   is private; the entry includes reading the event's properties).
//!   Compiling the rule is outside the measurement for every library.
//! - `recur_window_daily`: `FREQ=DAILY` from 1970-01-01 09:00 Berlin, the
//!   instances in 1970 and in 2100 (365 each): kalends
//!   `Recurrence::between_seconds` (jumps to the window), rrule iterating
//!   from DTSTART (it has no range-first query).
//! - `recur_calendar_10k`: kalends `expand_calendar` over the generated
//!   10,000-event calendar for 2026 (parsed beforehand); throughput is the
//!   10,000 events, so the time per element is per event read. calcard's
//!   `expand_dates` has no window (it expands every series from its start
//!   up to a total count), so it has no entry.
//!
//! Before timing, every library's 1,000 instances (or window) are checked
//! to be kalends' with `recur_peers::agree` (the unit tests in
//! `src/recur_peers.rs` check the same): the same wall-clock times, and the
//! same instants before 2100 (the peers' chrono-tz data has no Berlin
//! summer time after 2099; the MONTHLY rule and the 2100 window reach it). Throughput is the number of instances, so criterion prints
//! instances per second beside the times.
//!
//! Run: `cargo bench -p kalends-benches --bench rrule`, then
//! `cargo run -p kalends-benches --bin ratios` for the ratios to kalends.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::hint::black_box;
use std::time::Duration;

use criterion::{
    BenchmarkId, Criterion, SamplingMode, Throughput, criterion_group, criterion_main,
};
use kalends_benches::recur_peers::{
    CALENDAR_YEAR, INSTANCES, RULES, WINDOW_RULE, WINDOW_ZONE, WINDOWS, ZONES, agree, calcard,
    kalends, rrule_crate, zone_label,
};
use kalends_benches::{EVENTS_10K, calendar_10k};

/// `n` instances as criterion's element throughput.
fn elements(n: usize) -> Throughput {
    Throughput::Elements(u64::try_from(n).unwrap())
}

fn per_instance(c: &mut Criterion) {
    for rule in RULES {
        let mut group = c.benchmark_group(format!("recur_{}", rule.id));
        group.throughput(elements(INSTANCES));
        for zone in ZONES {
            let label = zone_label(zone);
            let ours = kalends::compile(rule.dtstart, rule.rrule, zone).unwrap();
            let theirs = rrule_crate::compile(rule.dtstart, rule.rrule, zone).unwrap();
            let calcard_cal = calcard::compile(rule.dtstart, rule.rrule, zone).unwrap();

            // The same 1,000 instances from every library, or no timing.
            let expected = kalends::first(&ours, INSTANCES).unwrap();
            assert_eq!(expected.len(), INSTANCES);
            agree(&expected, &rrule_crate::first(&theirs, INSTANCES)).unwrap();
            agree(&expected, &calcard::first(&calcard_cal, INSTANCES).unwrap()).unwrap();

            group.bench_function(BenchmarkId::new(kalends::NAME, label), |b| {
                b.iter(|| kalends::first(black_box(&ours), INSTANCES).unwrap())
            });
            group.bench_function(BenchmarkId::new(rrule_crate::NAME, label), |b| {
                b.iter(|| rrule_crate::first(black_box(&theirs), INSTANCES))
            });
            group.bench_function(BenchmarkId::new(calcard::NAME, label), |b| {
                b.iter(|| calcard::first(black_box(&calcard_cal), INSTANCES).unwrap())
            });
        }
        group.finish();
    }
}

fn far_window(c: &mut Criterion) {
    let rule = WINDOW_RULE;
    let mut group = c.benchmark_group(format!("recur_{}", rule.id));
    let ours = kalends::compile(rule.dtstart, rule.rrule, WINDOW_ZONE).unwrap();
    let theirs = rrule_crate::compile(rule.dtstart, rule.rrule, WINDOW_ZONE).unwrap();
    for (label, start, end) in WINDOWS {
        let expected = kalends::window(&ours, start, end).unwrap();
        assert_eq!(expected.len(), 365, "{label}");
        agree(&expected, &rrule_crate::window(&theirs, start, end)).unwrap();
        group.throughput(elements(expected.len()));
        group.bench_function(BenchmarkId::new(kalends::NAME, label), |b| {
            b.iter(|| kalends::window(black_box(&ours), start, end).unwrap())
        });
        group.bench_function(BenchmarkId::new(rrule_crate::NAME, label), |b| {
            b.iter(|| rrule_crate::window(black_box(&theirs), start, end))
        });
    }
    group.finish();
}

fn calendar(c: &mut Criterion) {
    let text = calendar_10k();
    let document = kalends::parse(&text).unwrap();
    let (start, end) = CALENDAR_YEAR;
    let occurrences = kalends::expand(&document, start, end).unwrap().len();
    // All 10,000 events are read; 336 of them start in 2026 (28 days of
    // 12 months), and some series started earlier recur in 2026 too.
    assert!(occurrences > 336, "{occurrences}");

    let mut group = c.benchmark_group("recur_calendar_10k");
    // One expansion takes milliseconds: flat sampling.
    group.sampling_mode(SamplingMode::Flat);
    // Per element = per event read (every event is tested against the
    // window, not only the occurrences found).
    group.throughput(elements(EVENTS_10K));
    group.bench_function(kalends::NAME, |b| {
        b.iter(|| {
            kalends::expand(black_box(&document), start, end)
                .unwrap()
                .len()
        })
    });
    group.finish();
}

criterion_group! {
    name = benches;
    // Short measurements: the whole file runs in a few minutes on 2 cores.
    config = Criterion::default()
        .sample_size(20)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5));
    targets = per_instance, far_window, calendar
}
criterion_main!(benches);
