//! Reading and writing the generated 10,000-contact address book (issue 6,
//! "Performance"), with kalends and each crates.io peer side by side.
//!
//! Two criterion groups, each with one entry per library and the input's
//! size as throughput, so criterion reports MB/s beside the times:
//!
//! - `vcard_parse`: text to cards. calcard `Parser::entry` until
//!   `Entry::Eof` (its `VCard::parse` reads only the first card); ical 0.11
//!   `VcardParser` (every card collected); kalends `kalends_vcard::parse`.
//!   Dropping the result is inside the measurement for every library.
//! - `vcard_write`: cards to text, from cards parsed once beforehand, with
//!   each library's own serialiser: calcard `VCard::write_to` into one
//!   string, ical `Emitter::generate` (ical's `generator` feature covers
//!   `VcardContact` when its `vcard` feature is on), kalends
//!   `kalends_vcard::write`. kalends keeps the input text of unchanged
//!   lines and copies it; calcard and ical format every line from their
//!   model. `kalends-canonical` writes cards without the kept text (see
//!   `peers::kalends_vcard::canonical`), so every line is formatted: that
//!   is the like-for-like figure against the two peers.
//!
//! Both peers build here and read the whole address book: before timing,
//! each one's card count is checked to be 10,000 (the unit tests in
//! `src/peers.rs` check every property on a small book, and writing back).
//!
//! Run: `cargo bench -p kalends-benches --bench vcard`, then
//! `cargo run -p kalends-benches --bin ratios` for the ratios to kalends.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, SamplingMode, Throughput, criterion_group, criterion_main};
use kalends_benches::peers::{calcard_vcard, ical_vcard, kalends_vcard};
use kalends_benches::{CONTACTS_10K, contacts_10k};

/// The input size as criterion's byte throughput.
fn bytes(text: &str) -> Throughput {
    Throughput::Bytes(u64::try_from(text.len()).unwrap())
}

fn parse(c: &mut Criterion) {
    let text = contacts_10k();
    let mut group = c.benchmark_group("vcard_parse");
    // One parse takes tens of milliseconds: flat sampling runs the same
    // small number of iterations per sample.
    group.sampling_mode(SamplingMode::Flat);
    group.throughput(bytes(&text));

    // Every library must see the whole address book, or its time means
    // nothing.
    assert_eq!(
        calcard_vcard::card_count(&calcard_vcard::parse(&text).unwrap()),
        CONTACTS_10K
    );
    assert_eq!(
        ical_vcard::card_count(&ical_vcard::parse(&text).unwrap()),
        CONTACTS_10K
    );
    assert_eq!(
        kalends_vcard::card_count(&kalends_vcard::parse(&text).unwrap()),
        CONTACTS_10K
    );

    group.bench_function(kalends_vcard::NAME, |b| {
        b.iter(|| kalends_vcard::parse(black_box(&text)).unwrap())
    });
    group.bench_function(calcard_vcard::NAME, |b| {
        b.iter(|| calcard_vcard::parse(black_box(&text)).unwrap())
    });
    group.bench_function(ical_vcard::NAME, |b| {
        b.iter(|| ical_vcard::parse(black_box(&text)).unwrap())
    });
    group.finish();
}

fn write(c: &mut Criterion) {
    let text = contacts_10k();
    let mut group = c.benchmark_group("vcard_write");
    group.sampling_mode(SamplingMode::Flat);
    // The same throughput for every library: the size of the address book
    // as generated (each library's output differs a little).
    group.throughput(bytes(&text));

    let cards = kalends_vcard::parse(&text).unwrap();
    assert_eq!(kalends_vcard::write(&cards), text);
    group.bench_function(kalends_vcard::NAME, |b| {
        b.iter(|| kalends_vcard::write(black_box(&cards)))
    });
    let cards = kalends_vcard::canonical(cards);
    assert_eq!(kalends_vcard::write(&cards), text);
    group.bench_function(kalends_vcard::NAME_CANONICAL, |b| {
        b.iter(|| kalends_vcard::write(black_box(&cards)))
    });
    drop(cards);

    let cards = calcard_vcard::parse(&text).unwrap();
    group.bench_function(calcard_vcard::NAME, |b| {
        b.iter(|| calcard_vcard::write(black_box(&cards)).unwrap())
    });
    drop(cards);

    let cards = ical_vcard::parse(&text).unwrap();
    group.bench_function(ical_vcard::NAME, |b| {
        b.iter(|| ical_vcard::write(black_box(&cards)))
    });
    drop(cards);
    group.finish();
}

criterion_group! {
    name = benches;
    // Short measurements: seven entries on a loaded 2-core machine.
    config = Criterion::default()
        .sample_size(20)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5));
    targets = parse, write
}
criterion_main!(benches);
