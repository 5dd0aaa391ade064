//! Properties of the tree, the reader and the writer:
//!
//! - a generated tree (random component, property and parameter names,
//!   groups, values with special and non-ASCII characters, long values that
//!   fold, parameter values that need quotes or RFC 6868 escapes) is written
//!   deterministically, every line within 75 octets, and reads back (strict
//!   mode, nothing reported) as an equal tree whose own writing is the same
//!   text;
//! - arbitrary bytes never panic the reader in any mode, and the modes agree
//!   (the checks of the `tree` and `contentline` fuzz targets);
//! - arbitrary input that parses round-trips through the writer (the checks
//!   of the `roundtrip` fuzz target).

// Tests may unwrap, expect, panic and index (DEVELOPING.md); clippy's
// test allowances cover `#[test]` functions only, not their helpers.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

#[path = "../../fuzz/src/lib.rs"]
mod checks;

use kalends_ical_core::{
    Component, Document, Error, Parameter, ParseOptions, Property, parse_with, write,
};
use proptest::prelude::*;

/// A name as RFC 5545 §3.1 writes them (letters, digits, `-`), any case,
/// sometimes an `X-` name.
fn name() -> impl Strategy<Value = String> {
    prop_oneof![
        "[A-Za-z][A-Za-z0-9-]{0,11}",
        "X-[A-Z0-9-]{1,20}",
        Just("VEVENT".to_owned()),
        Just("SUMMARY".to_owned()),
    ]
}

/// A property name: any name but `BEGIN` and `END`, which would start or end
/// a component instead.
fn property_name() -> impl Strategy<Value = String> {
    name().prop_filter("BEGIN and END are not property names", |n| {
        !n.eq_ignore_ascii_case("BEGIN") && !n.eq_ignore_ascii_case("END")
    })
}

/// Characters that stress escaping, quoting, folding and UTF-8 boundaries.
const SPECIAL: &str = ",;:\"\\^='. \tnN";
const NON_ASCII: &[&str] = &["é", "ß", "日本語", "Ωμέγα", "🎉", "\u{a0}", "\u{feff}", "𝄞"];

/// Text made of plain ASCII, special characters and non-ASCII, up to `max`
/// pieces long (long enough to fold several times).
fn text(max: usize, newlines: bool) -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => "[a-zA-Z0-9 ]{1,8}",
        2 => proptest::sample::select(SPECIAL.chars().collect::<Vec<_>>()).prop_map(String::from),
        2 => proptest::sample::select(NON_ASCII).prop_map(str::to_owned),
        1 => if newlines { Just("\n".to_owned()).boxed() } else { Just("x".to_owned()).boxed() },
    ];
    proptest::collection::vec(piece, 0..max).prop_map(|v| v.concat())
}

fn parameter() -> impl Strategy<Value = Parameter<'static>> {
    prop_oneof![
        (name(), text(12, true)).prop_map(|(n, v)| Parameter::new(n, &v)),
        (name(), proptest::collection::vec(text(6, true), 1..4))
            .prop_map(|(n, vs)| Parameter::with_values(n, vs.iter().map(String::as_str))),
    ]
}

fn property() -> impl Strategy<Value = Property<'static>> {
    (
        proptest::option::weighted(0.15, "[a-z][a-z0-9-]{0,5}"),
        property_name(),
        proptest::collection::vec(parameter(), 0..4),
        prop_oneof![
            // TEXT, escaped by the tree (newlines included).
            text(60, true).prop_map(|t| (true, t)),
            // A value written as given: anything but control characters.
            text(60, false).prop_map(|t| (false, t)),
        ],
    )
        .prop_map(|(group, name, params, (is_text, value))| {
            let mut p = if is_text {
                Property::text(name, &value)
            } else {
                Property::new(name, value)
            };
            for param in params {
                p = p.with_param(param);
            }
            match group {
                Some(g) => p.with_group(g),
                None => p,
            }
        })
}

fn component() -> impl Strategy<Value = Component<'static>> {
    let leaf = (name(), proptest::collection::vec(property(), 0..5)).prop_map(|(n, props)| {
        let mut c = Component::new(n);
        for p in props {
            c.push(p);
        }
        c
    });
    leaf.prop_recursive(3, 12, 3, |inner| {
        (
            name(),
            proptest::collection::vec(property(), 0..4),
            proptest::collection::vec(inner, 0..3),
        )
            .prop_map(|(n, props, children)| {
                let mut c = Component::new(n);
                for p in props {
                    c.push(p);
                }
                for child in children {
                    c.push_component(child);
                }
                c
            })
    })
}

fn document() -> impl Strategy<Value = Document<'static>> {
    proptest::collection::vec(component(), 1..3).prop_map(Document::new)
}

/// Input that looks like iCalendar often enough to get past the first line:
/// fragments of content lines, line ends of every kind, folds, quotes.
fn calendarish() -> impl Strategy<Value = Vec<u8>> {
    let fragment = prop_oneof![
        Just(&b"BEGIN:"[..]),
        Just(&b"END:"[..]),
        Just(&b"VCALENDAR"[..]),
        Just(&b"VEVENT"[..]),
        Just(&b"SUMMARY"[..]),
        Just(&b"item1."[..]),
        Just(&b":"[..]),
        Just(&b";"[..]),
        Just(&b"="[..]),
        Just(&b","[..]),
        Just(&b"\""[..]),
        Just(&b"^"[..]),
        Just(&b"\\"[..]),
        Just(&b"\r\n"[..]),
        Just(&b"\n"[..]),
        Just(&b"\r"[..]),
        Just(&b" "[..]),
        Just(&b"\t"[..]),
        Just(&b"\r\n "[..]),
        Just(&b"\xc3\xa9"[..]),
        Just(&b"\xef\xbb\xbf"[..]),
        Just(&b"\xff"[..]),
        Just(&b"\0"[..]),
        Just(&b"x"[..]),
    ];
    proptest::collection::vec(fragment, 0..64).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn generated_trees_round_trip(doc in document()) {
        let text = write(&doc);
        prop_assert_eq!(&text, &write(&doc.clone()), "writing is not deterministic");
        for line in text.split("\r\n") {
            prop_assert!(line.len() <= 75, "line of {} octets: {:?}", line.len(), line);
        }
        prop_assert!(text.ends_with("\r\n"));
        let mut problems: Vec<Error> = Vec::new();
        let back = parse_with(&text, &ParseOptions::strict(), &mut problems);
        prop_assert!(problems.is_empty(), "problems reading {:?}: {:?}", text, problems);
        let back = back.unwrap();
        prop_assert_eq!(&back, &doc, "text: {:?}", text);
        // The re-read tree keeps its input text: writing it gives the same text.
        prop_assert_eq!(write(&back), text);
    }

    #[test]
    fn parameter_values_survive_quoting_and_escaping(values in proptest::collection::vec(text(10, true), 1..4)) {
        let p = Parameter::with_values("X-P", values.iter().map(String::as_str));
        let decoded: Vec<String> = p.values().map(|v| v.into_owned()).collect();
        prop_assert_eq!(decoded, values);
    }

    #[test]
    fn text_values_survive_escaping(value in text(40, true)) {
        let p = Property::text("DESCRIPTION", &value);
        prop_assert_eq!(p.text_value(), value.as_str());
    }

    #[test]
    fn arbitrary_bytes_never_panic(data in proptest::collection::vec(any::<u8>(), 0..512)) {
        checks::tree(&data);
        checks::contentline(&data);
    }

    #[test]
    fn calendar_like_bytes_never_panic(data in calendarish()) {
        checks::tree(&data);
        checks::contentline(&data);
    }

    #[test]
    fn arbitrary_input_that_parses_round_trips(data in calendarish()) {
        checks::roundtrip(&data);
    }

    #[test]
    fn written_generated_trees_pass_every_check(doc in document()) {
        let text = write(&doc);
        checks::tree(text.as_bytes());
        checks::roundtrip(text.as_bytes());
    }
}
