//! The real-world corpus under `testdata/ical/` (sources and licences in
//! `testdata/README.md`):
//!
//! - every file reads without panic in lenient mode;
//! - every well-formed file (strict options, nothing reported to a
//!   collecting sink) writes back byte for byte;
//! - every file that parses in lenient mode survives read → write → read
//!   as an equal tree, both with the kept input text and written
//!   canonically (every node's kept text dropped).
//!
//! Files that cannot do one of these are listed below with the reason; the
//! test fails if the list is wrong in either direction.

// Tests may unwrap, expect, panic and index (DEVELOPING.md); clippy's
// test allowances cover `#[test]` functions only, not their helpers.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::{Path, PathBuf};

use kalends_ical_core::{
    Component, Document, Error, ErrorKind, ParseOptions, parse_bytes, parse_with, write,
};

/// Files that do not parse at all, even leniently, and why. Paths are
/// relative to `testdata/ical/`.
const NOT_PARSED: &[(&str, ErrorKind, &str)] = &[
    (
        "calcard/049.ics",
        ErrorKind::InvalidUtf8,
        "ISO-8859-1 text; RFC 5545 §3.1.4 makes UTF-8 the only charset and the reader does not guess others",
    ),
    (
        "calcard/050.ics",
        ErrorKind::InvalidUtf8,
        "ISO-8859-1 text, as 049.ics",
    ),
    (
        "calcard/168.ics",
        ErrorKind::InvalidUtf8,
        "ISO-8859-1 text (= ical4j/valid/1106817412.ics)",
    ),
    (
        "ical4j/valid/1106817412.ics",
        ErrorKind::InvalidUtf8,
        "ISO-8859-1 text (= calcard/168.ics)",
    ),
];

/// The number of `.ics` files under `testdata/ical/` (see `testdata/README.md`).
const FILES: usize = 469;

/// How many of them strict mode reads without reporting anything. Of the
/// other 229, when written: 202 first fail on bare LF line ends, 16 on blank
/// lines, 4 are not UTF-8, and 7 have broken syntax (missing colon or END,
/// bad names, a control character); `kalends check` lists each file's
/// problems. A change in this number means the reader became stricter or
/// more lenient: find out why, then update it.
const WELL_FORMED: usize = 240;

fn corpus_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../testdata/ical")
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let entries =
        std::fs::read_dir(dir).unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()));
    for entry in entries {
        let path = entry.unwrap().path();
        if path.is_dir() {
            collect(&path, out);
        } else if path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("ics"))
        {
            out.push(path);
        }
    }
}

/// A copy of `doc` with every node's kept input text dropped, so that the
/// writer writes all of it canonically.
fn canonical(doc: &Document<'_>) -> Document<'static> {
    fn strip(c: &mut Component<'static>) {
        let name = c.name().to_owned();
        c.set_name(name);
        for p in c.properties_mut() {
            p.params_mut();
        }
        for child in c.components_mut() {
            strip(child);
        }
    }
    let mut components: Vec<Component<'static>> = doc
        .components
        .iter()
        .cloned()
        .map(Component::into_owned)
        .collect();
    for c in &mut components {
        strip(c);
    }
    Document::new(components)
}

/// The first line where two texts differ, for messages.
fn first_difference(a: &str, b: &str) -> String {
    let line = a
        .lines()
        .zip(b.lines())
        .position(|(x, y)| x != y)
        .unwrap_or(a.lines().count().min(b.lines().count()));
    format!(
        "line {}: {:?} vs {:?}",
        line + 1,
        a.lines().nth(line).unwrap_or(""),
        b.lines().nth(line).unwrap_or("")
    )
}

#[derive(Default)]
struct Counts {
    files: usize,
    read_without_panic: usize,
    parsed_lenient: usize,
    well_formed: usize,
    byte_identical: usize,
    round_trip: usize,
}

#[test]
fn corpus_reads_writes_and_round_trips() {
    let root = corpus_root();
    let mut files = Vec::new();
    collect(&root, &mut files);
    files.sort();
    assert_eq!(
        files.len(),
        FILES,
        "the corpus under {} changed; update FILES (and testdata/README.md)",
        root.display()
    );

    let mut counts = Counts::default();
    let mut not_parsed: Vec<(String, ErrorKind)> = Vec::new();
    let mut failures: Vec<String> = Vec::new();
    for path in &files {
        let name = path
            .strip_prefix(&root)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let bytes = std::fs::read(path).unwrap();
        counts.files += 1;

        // 1. Lenient reading never panics.
        let lenient = ParseOptions::lenient();
        let read = std::panic::catch_unwind(|| {
            let mut problems: Vec<Error> = Vec::new();
            parse_bytes(&bytes, &lenient, &mut problems).map(Document::into_owned)
        });
        let Ok(read) = read else {
            failures.push(format!("{name}: lenient reading panicked"));
            continue;
        };
        counts.read_without_panic += 1;
        let doc = match read {
            Ok(doc) => doc,
            Err(e) => {
                not_parsed.push((name.clone(), e.kind()));
                continue;
            }
        };
        counts.parsed_lenient += 1;

        // 2. Well-formed files write back byte for byte.
        let mut problems: Vec<Error> = Vec::new();
        if let Ok(strict) = parse_bytes(&bytes, &ParseOptions::strict(), &mut problems)
            && problems.is_empty()
        {
            counts.well_formed += 1;
            let written = write(&strict);
            if written.as_bytes() == bytes.as_slice() {
                counts.byte_identical += 1;
            } else {
                let text = String::from_utf8_lossy(&bytes);
                failures.push(format!(
                    "{name}: well-formed but not written back byte for byte ({})",
                    first_difference(&text, &written)
                ));
            }
        }

        // 3. Read -> write -> read gives the same tree, kept text and canonical.
        let mut ok = true;
        for (how, written) in [
            ("kept-text", write(&doc)),
            ("canonical", write(&canonical(&doc))),
        ] {
            match parse_with(&written, &lenient, &mut ()) {
                Ok(again) if again == doc => {}
                Ok(_) => {
                    ok = false;
                    failures.push(format!("{name}: the {how} write changed the tree"));
                }
                Err(e) => {
                    ok = false;
                    failures.push(format!("{name}: the {how} write does not read back: {e}"));
                }
            }
        }
        if ok {
            counts.round_trip += 1;
        }
    }

    eprintln!(
        "corpus: {} files, {} read without panic, {} parsed (lenient), {} well-formed, {} byte-identical, {} round-trip",
        counts.files,
        counts.read_without_panic,
        counts.parsed_lenient,
        counts.well_formed,
        counts.byte_identical,
        counts.round_trip
    );

    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
    let expected: Vec<(String, ErrorKind)> = NOT_PARSED
        .iter()
        .map(|(name, kind, _)| ((*name).to_owned(), *kind))
        .collect();
    assert_eq!(
        not_parsed, expected,
        "the files that do not parse are not the listed ones"
    );
    assert_eq!(counts.read_without_panic, counts.files);
    assert_eq!(counts.byte_identical, counts.well_formed);
    assert_eq!(counts.round_trip, counts.parsed_lenient);
    assert_eq!(counts.parsed_lenient + NOT_PARSED.len(), counts.files);
    assert_eq!(
        counts.well_formed, WELL_FORMED,
        "the number of well-formed files changed"
    );
}
