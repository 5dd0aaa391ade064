//! Helpers shared by the integration tests.

// Helpers outside `#[test]` functions may unwrap, panic and index too: a failure
// there is a failed test (clippy.toml allows it only inside `#[test]`).
#![allow(
    dead_code,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::fs;
use std::path::{Path, PathBuf};

use kalends_ical_core::{Component, Document, Property};

pub mod normalize;

/// Every `.ics` file of the corpus under `testdata/ical/` that is UTF-8.
pub fn corpus() -> Vec<(PathBuf, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../testdata/ical");
    let mut files = Vec::new();
    let mut dirs = vec![root];
    while let Some(dir) = dirs.pop() {
        let Ok(entries) = fs::read_dir(dir) else {
            continue;
        };
        for entry in entries {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().and_then(|e| e.to_str()) == Some("ics")
                && let Ok(text) = fs::read_to_string(&path)
            {
                files.push((path, text));
            }
        }
    }
    files.sort();
    files
}

fn show(p: &Property<'_>) -> String {
    let mut s = String::new();
    kalends_ical_core::write_property(p, &mut s);
    let s = s.replace("\r\n ", "").replace("\r\n\t", "");
    let s = s.trim_end();
    if s.chars().count() > 90 {
        s.chars().take(90).collect::<String>() + "…"
    } else {
        s.to_owned()
    }
}

/// The first difference between two trees, in words, or `None`.
pub fn first_difference(a: &Document<'_>, b: &Document<'_>) -> Option<String> {
    if a.components.len() != b.components.len() {
        return Some(format!(
            "{} vs {} top-level components",
            a.components.len(),
            b.components.len()
        ));
    }
    a.components
        .iter()
        .zip(&b.components)
        .find_map(|(x, y)| component_difference(x, y))
}

fn component_difference(a: &Component<'_>, b: &Component<'_>) -> Option<String> {
    if !a.name().eq_ignore_ascii_case(b.name()) {
        return Some(format!("component {} vs {}", a.name(), b.name()));
    }
    if a.properties().len() != b.properties().len() {
        return Some(format!(
            "{}: {} vs {} properties",
            a.name(),
            a.properties().len(),
            b.properties().len()
        ));
    }
    for (p, q) in a.properties().iter().zip(b.properties()) {
        if p != q {
            return Some(format!("{}: `{}` vs `{}`", a.name(), show(p), show(q)));
        }
    }
    if a.components().len() != b.components().len() {
        return Some(format!(
            "{}: {} vs {} sub-components",
            a.name(),
            a.components().len(),
            b.components().len()
        ));
    }
    a.components()
        .iter()
        .zip(b.components())
        .find_map(|(x, y)| component_difference(x, y))
}

/// A proptest strategy for documents whose every property has a value of
/// its type, in canonical form (so that jCal and xCal keep them exactly).
pub fn documents() -> impl proptest::strategy::Strategy<Value = Document<'static>> {
    use kalends_ical_core::Parameter;
    use proptest::prelude::*;

    let text = "[ -~àéЖ€\n]{0,24}";
    let property = prop_oneof![
        (
            prop::sample::select(vec!["SUMMARY", "DESCRIPTION", "COMMENT", "LOCATION"]),
            text
        )
            .prop_map(|(n, t)| Property::text(n, &t)),
        ("[ -~]{0,24}").prop_map(|v| Property::new("X-RAW", v)),
        (prop::collection::vec(text, 1..4)).prop_map(|items| {
            let escaped: Vec<String> = items
                .iter()
                .map(|s| kalends_ical_core::value::escape_text(s).into_owned())
                .collect();
            Property::new("CATEGORIES", escaped.join(","))
        }),
        (
            1900u16..2100,
            1u8..13,
            1u8..29,
            0u8..24,
            0u8..60,
            any::<bool>()
        )
            .prop_map(|(y, m, d, h, mi, z)| {
                Property::new(
                    "DTSTART",
                    format!(
                        "{y:04}{m:02}{d:02}T{h:02}{mi:02}00{}",
                        if z { "Z" } else { "" }
                    ),
                )
            }),
        (1900u16..2100, 1u8..13, 1u8..29).prop_map(|(y, m, d)| Property::new(
            "DTEND",
            format!("{y:04}{m:02}{d:02}")
        )
        .with_param(Parameter::new("VALUE", "DATE"))),
        (0i32..10).prop_map(|p| Property::new("PRIORITY", p.to_string())),
        (-89i32..90, -179i32..180).prop_map(|(a, b)| Property::new("GEO", format!("{a}.5;{b}.25"))),
        (
            prop::sample::select(vec!["DAILY", "WEEKLY", "MONTHLY"]),
            1u32..10
        )
            .prop_map(|(f, c)| Property::new("RRULE", format!("FREQ={f};COUNT={c};BYMONTH=1,5L"))),
        ("[ -~]{0,12}", "[a-z]{1,8}").prop_map(|(cn, user)| {
            Property::new("ATTENDEE", format!("mailto:{user}@example.com"))
                .with_param(Parameter::new("CN", &cn))
                .with_param(Parameter::with_values(
                    "DELEGATED-TO",
                    ["mailto:a@example.com", "mailto:b@example.com"],
                ))
        }),
        (-12i32..13).prop_map(|h| Property::new(
            "TZOFFSETFROM",
            format!("{}{:02}30", if h < 0 { "-" } else { "+" }, h.abs())
        )),
    ];
    let event = prop::collection::vec(property, 0..8).prop_map(|props| {
        let mut c = Component::new("VEVENT");
        for p in props {
            c.push(p);
        }
        c
    });
    prop::collection::vec(event, 0..3).prop_map(|events| {
        let mut cal = Component::new("VCALENDAR");
        cal.push(Property::new("VERSION", "2.0"));
        for e in events {
            cal.push_component(e);
        }
        Document::new(vec![cal])
    })
}
