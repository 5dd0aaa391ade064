//! RSCALE expansion (issue 5, "Performance"): each non-Gregorian rule of
//! RFC 7529 beside the Gregorian rule of the same shape, both with kalends.
//!
//! One criterion group per shape, `rscale_<id>` (see
//! `recur_peers::RSCALE_RULES`), with the entries `gregorian` and the
//! calendar's name:
//!
//! - `RSCALE=HEBREW;FREQ=YEARLY;BYMONTH=5L;BYMONTHDAY=8;SKIP=FORWARD` beside
//!   `FREQ=YEARLY;BYMONTH=5;BYMONTHDAY=8`;
//! - `RSCALE=CHINESE;FREQ=MONTHLY` beside `FREQ=MONTHLY`;
//! - `RSCALE=ISLAMIC-CIVIL;FREQ=MONTHLY;BYMONTHDAY=1` beside
//!   `FREQ=MONTHLY;BYMONTHDAY=1`;
//! - `RSCALE=ETHIOPIC;FREQ=MONTHLY;BYMONTH=13` beside
//!   `FREQ=MONTHLY;BYMONTH=12` (one instance a year: 1,000 years).
//!
//! Each entry times the first 1,000 instances (`Recurrence::iter`, as UTC
//! seconds) of a rule compiled beforehand, DTSTART in UTC. No crates.io
//! library expands RSCALE rules, so there is no peer; `ratios` divides the
//! calendar's entry by `gregorian`.
//!
//! Run: `cargo bench -p kalends-benches --bench rscale`, then
//! `cargo run -p kalends-benches --bin ratios`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use kalends_benches::recur_peers::{INSTANCES, RSCALE_RULES, UTC, kalends};

fn rscale(c: &mut Criterion) {
    for case in RSCALE_RULES {
        let mut group = c.benchmark_group(format!("rscale_{}", case.id));
        group.throughput(Throughput::Elements(u64::try_from(INSTANCES).unwrap()));
        for (name, rule) in [("gregorian", case.gregorian), (case.calendar, case.rscale)] {
            let r = kalends::compile(rule.dtstart, rule.rrule, UTC).unwrap();
            // Both shapes really produce 1,000 instances.
            assert_eq!(kalends::first(&r, INSTANCES).unwrap().len(), INSTANCES);
            group.bench_function(name, |b| {
                b.iter(|| kalends::first(black_box(&r), INSTANCES).unwrap())
            });
        }
        group.finish();
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(20)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5));
    targets = rscale
}
criterion_main!(benches);
