//! Reading and writing the generated 10,000-event calendar as iCalendar,
//! jCal (RFC 7265) and xCal (RFC 6321), in the same run, so that the jCal
//! and xCal times can be divided by the iCalendar ones (issue 3, "Done
//! when": jCal writing and reading with the ratio against iCalendar).
//!
//! Two criterion groups, each with one entry per format (`ics`, `jcal`,
//! `xcal`) and that format's text size as throughput:
//!
//! - `jcal_read`: text to tree. `ics` is `kalends_ical_core::parse`
//!   (strict; the tree borrows from the text), `jcal` is
//!   `Document::from_jcal` (JSON text to tree, owned), `xcal` is
//!   `Document::from_xcal` (XML text to tree, owned).
//! - `jcal_write`: tree to text, from the tree parsed once beforehand.
//!   `ics` is `kalends_ical_core::write` of a tree whose kept input text is
//!   dropped (see [`canonical`]), so every line is formatted and folded
//!   rather than copied; `jcal` is `Document::to_jcal` (pretty-printed
//!   JSON), `xcal` is `Document::to_xcal` (indented XML).
//!
//! Dropping the result is inside the measurement of every entry. Before
//! timing, each output is read back and its `VEVENT` count checked to be
//! 10,000, so no entry times a conversion that silently did less.
//!
//! Run: `cargo bench -p kalends-benches --bench jcal`, then
//! `cargo run -p kalends-benches --bin ratios`: with no `kalends` entry in
//! these groups, it divides by the fastest entry (`ics`), which gives
//! jCal / iCalendar and xCal / iCalendar directly.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, SamplingMode, Throughput, criterion_group, criterion_main};
use kalends_benches::peers::kalends;
use kalends_benches::{EVENTS_10K, calendar_10k};
use kalends_ical_core::{Component, Document};

/// A text's size as criterion's byte throughput.
fn bytes(text: &str) -> Throughput {
    Throughput::Bytes(u64::try_from(text.len()).unwrap())
}

/// The tree with its kept input text dropped, so every line is formatted.
fn canonical(document: Document<'_>) -> Document<'static> {
    kalends::canonical(document)
}

/// True when no property of `c` or below keeps its input text.
fn no_raw_text(c: &Component<'_>) -> bool {
    c.properties().iter().all(|p| p.raw().is_none()) && c.components().iter().all(no_raw_text)
}

/// The inputs of every entry, each checked to hold the whole calendar.
struct Inputs {
    ics: String,
    jcal: String,
    xcal: String,
}

fn inputs() -> Inputs {
    let ics = calendar_10k();
    let doc = kalends::parse(&ics).unwrap();
    assert_eq!(kalends::event_count(&doc), EVENTS_10K);
    let jcal = doc.to_jcal();
    let xcal = doc.to_xcal().unwrap();
    let from_jcal = Document::from_jcal(&jcal).unwrap();
    assert_eq!(kalends::event_count(&from_jcal), EVENTS_10K);
    let from_xcal = Document::from_xcal(&xcal).unwrap();
    assert_eq!(kalends::event_count(&from_xcal), EVENTS_10K);
    // The generated calendar is canonical iCalendar (VALUE only where
    // needed, TEXT escaped canonically), so both come back identical.
    assert!(from_jcal == doc && from_xcal == doc);
    drop(doc);
    Inputs { ics, jcal, xcal }
}

fn read(c: &mut Criterion) {
    let inputs = inputs();
    let mut group = c.benchmark_group("jcal_read");
    // One read takes tens to hundreds of milliseconds: flat sampling runs
    // the same small number of iterations per sample.
    group.sampling_mode(SamplingMode::Flat);

    group.throughput(bytes(&inputs.ics));
    group.bench_function("ics", |b| {
        b.iter(|| kalends::parse(black_box(&inputs.ics)).unwrap())
    });
    group.throughput(bytes(&inputs.jcal));
    group.bench_function("jcal", |b| {
        b.iter(|| Document::from_jcal(black_box(&inputs.jcal)).unwrap())
    });
    group.throughput(bytes(&inputs.xcal));
    group.bench_function("xcal", |b| {
        b.iter(|| Document::from_xcal(black_box(&inputs.xcal)).unwrap())
    });
    group.finish();
}

fn write(c: &mut Criterion) {
    let inputs = inputs();
    let doc = kalends::parse(&inputs.ics).unwrap();
    let tree = canonical(doc.clone());
    assert!(tree.components.iter().all(no_raw_text));
    let written = kalends::write(&tree);
    assert_eq!(kalends::parse(&written).unwrap(), doc);

    let mut group = c.benchmark_group("jcal_write");
    group.sampling_mode(SamplingMode::Flat);
    group.throughput(bytes(&written));
    group.bench_function("ics", |b| b.iter(|| kalends::write(black_box(&tree))));
    group.throughput(bytes(&inputs.jcal));
    group.bench_function("jcal", |b| b.iter(|| black_box(&doc).to_jcal()));
    group.throughput(bytes(&inputs.xcal));
    group.bench_function("xcal", |b| b.iter(|| black_box(&doc).to_xcal().unwrap()));
    group.finish();
}

criterion_group! {
    name = benches;
    // Short measurements: six entries on a loaded 2-core machine.
    config = Criterion::default()
        .sample_size(20)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5));
    targets = read, write
}
criterion_main!(benches);
