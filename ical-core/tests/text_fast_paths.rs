//! The fast paths of the TEXT and parameter helpers agree with plain
//! character-by-character reference implementations written here: TEXT
//! unescaping and escaping (RFC 5545 §3.3.11), parameter value encoding and
//! decoding (RFC 5545 §3.2, RFC 6868 §3), parameter name comparison and
//! `Property::param_value`. Each is checked over arbitrary strings and over
//! strings made mostly of the characters the helpers treat specially, and
//! on hand-written cases with literal expected results.

// Test helpers outside `#[test]` functions may fail loudly too (clippy.toml
// allows this only inside them).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::borrow::Cow;

use kalends_ical_core::contentline::{decode_rfc6868, encode_param_value};
use kalends_ical_core::value::{escape_text, escape_text_into, unescape_text};
use kalends_ical_core::{Parameter, Property};
use proptest::collection::vec;
use proptest::prelude::*;

// ---------------------------------------------------------------------------
// Reference implementations: one character at a time, no searching ahead.

/// RFC 5545 §3.3.11 unescaping as the library documents it: `\\`, `\;`,
/// `\,`, `\n`, `\N` decoded; any other backslash kept with what follows.
fn ref_unescape(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('\\') => out.push('\\'),
            Some(';') => out.push(';'),
            Some(',') => out.push(','),
            Some('n' | 'N') => out.push('\n'),
            Some(other) => {
                out.push('\\');
                out.push(other);
            }
            None => out.push('\\'),
        }
    }
    out
}

/// RFC 5545 §3.3.11 escaping: `\`, `;`, `,` get a backslash; LF, CR LF and
/// a lone CR are each written `\n`.
fn ref_escape(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("\\n");
            }
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out
}

/// One parameter value as written: quoted when it has `;`, `:` or `,`;
/// `^` → `^^`, `"` → `^'`, LF, CR LF and lone CR → `^n`.
fn ref_encode_param_value(value: &str) -> String {
    let quoted = value.chars().any(|c| c == ';' || c == ':' || c == ',');
    let mut out = String::new();
    if quoted {
        out.push('"');
    }
    let mut chars = value.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '^' => out.push_str("^^"),
            '"' => out.push_str("^'"),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("^n");
            }
            '\n' => out.push_str("^n"),
            c => out.push(c),
        }
    }
    if quoted {
        out.push('"');
    }
    out
}

/// RFC 6868 §3 decoding: `^n`/`^N` → LF, `^^` → `^`, `^'` → `"`, any other
/// `^` kept.
fn ref_decode_rfc6868(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '^' {
            out.push(c);
            continue;
        }
        match chars.peek() {
            Some('n' | 'N') => {
                out.push('\n');
                chars.next();
            }
            Some('^') => {
                out.push('^');
                chars.next();
            }
            Some('\'') => {
                out.push('"');
                chars.next();
            }
            _ => out.push('^'),
        }
    }
    out
}

/// The raw (still encoded) items of a parameter value: split at commas
/// outside quotes; a quoted item runs to its closing quote, anything
/// between that and the next comma is dropped; an unclosed quote runs to
/// the end.
fn ref_raw_items(raw: &str) -> Vec<String> {
    let mut items = Vec::new();
    let mut chars = raw.chars().peekable();
    loop {
        let mut item = String::new();
        let mut more = false;
        if chars.peek() == Some(&'"') {
            chars.next();
            let mut closed = false;
            for c in chars.by_ref() {
                if c == '"' {
                    closed = true;
                    break;
                }
                item.push(c);
            }
            if closed {
                for c in chars.by_ref() {
                    if c == ',' {
                        more = true;
                        break;
                    }
                }
            }
        } else {
            for c in chars.by_ref() {
                if c == ',' {
                    more = true;
                    break;
                }
                item.push(c);
            }
        }
        items.push(item);
        if !more {
            return items;
        }
    }
}

/// Parameter names compare equal ignoring ASCII case only.
fn ref_same_name(a: &str, b: &str) -> bool {
    let lower = |s: &str| -> Vec<u8> { s.bytes().map(|b| b.to_ascii_lowercase()).collect() };
    lower(a) == lower(b)
}

// ---------------------------------------------------------------------------
// Strategies

/// Characters the helpers treat specially, and neighbours of them.
const SPECIAL: &[char] = &[
    '\\', ',', ';', 'n', 'N', '"', '^', '\'', ':', '\n', '\r', '\t', '\0', '\u{7f}', 'é', '€',
    '📅', 'a', ' ',
];

/// Strings mostly of [`SPECIAL`] characters, with some arbitrary ones, long
/// enough to cross several eight-byte words.
fn special_string() -> impl Strategy<Value = String> {
    vec(
        prop_oneof![
            4 => proptest::sample::select(SPECIAL),
            1 => any::<char>(),
        ],
        0..80,
    )
    .prop_map(|chars| chars.into_iter().collect())
}

/// Arbitrary strings or special-biased ones.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![any::<String>(), special_string()]
}

/// Parameter names: a few real ones in mixed case, near misses, non-ASCII
/// letters whose case ASCII folding does not touch, and arbitrary strings.
fn param_name() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => proptest::sample::select(&[
            "CN", "cn", "Cn", "CO", "ROLE", "role", "RSVP", "PARTSTAT", "partStat", "PARTSTAU",
            "TZID", "X-A", "x-a", "X_A", "ÄB", "äb", "",
        ][..])
        .prop_map(str::to_owned),
        1 => any::<String>(),
    ]
}

// ---------------------------------------------------------------------------
// Properties

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn unescape_matches_reference(s in text()) {
        let got = unescape_text(&s);
        let expected = ref_unescape(&s);
        prop_assert_eq!(got.as_ref(), expected.as_str());
        prop_assert_eq!(matches!(got, Cow::Borrowed(_)), !s.contains('\\'));
    }

    #[test]
    fn escape_matches_reference(s in text()) {
        let expected = ref_escape(&s);
        let got = escape_text(&s);
        prop_assert_eq!(got.as_ref(), expected.as_str());
        prop_assert_eq!(
            matches!(got, Cow::Borrowed(_)),
            !s.contains(['\\', ';', ',', '\n', '\r'])
        );
    }

    #[test]
    fn escape_into_appends_the_reference(prefix in text(), s in text()) {
        let mut out = prefix.clone();
        escape_text_into(&s, &mut out);
        prop_assert_eq!(out, format!("{prefix}{}", ref_escape(&s)));
    }

    #[test]
    fn escape_then_unescape_gives_the_text_with_cr_as_lf(s in text()) {
        let lf_only = s.replace("\r\n", "\n").replace('\r', "\n");
        let escaped = escape_text(&s);
        let round_trip = unescape_text(&escaped);
        prop_assert_eq!(round_trip.as_ref(), lf_only.as_str());
    }

    #[test]
    fn encode_param_value_matches_reference(prefix in text(), value in text()) {
        let mut out = prefix.clone();
        encode_param_value(&value, &mut out);
        prop_assert_eq!(out, format!("{prefix}{}", ref_encode_param_value(&value)));
    }

    #[test]
    fn decode_rfc6868_matches_reference(s in text()) {
        let got = decode_rfc6868(&s);
        let expected = ref_decode_rfc6868(&s);
        prop_assert_eq!(got.as_ref(), expected.as_str());
        prop_assert_eq!(matches!(got, Cow::Borrowed(_)), !s.contains('^'));
    }

    #[test]
    fn param_values_match_reference(raw in text()) {
        let p = Parameter::from_raw("X", Some(Cow::Owned(raw.clone())));
        let got: Vec<Cow<'_, str>> = p.values().collect();
        let raw_items = ref_raw_items(&raw);
        let expected: Vec<String> = raw_items.iter().map(|i| ref_decode_rfc6868(i)).collect();
        prop_assert_eq!(&got, &expected);
        for (item, raw_item) in got.iter().zip(&raw_items) {
            prop_assert_eq!(matches!(item, Cow::Borrowed(_)), !raw_item.contains('^'));
        }
        prop_assert_eq!(p.value().map(Cow::into_owned), expected.first().cloned());
    }

    #[test]
    fn written_values_read_back(values in vec(text(), 1..4)) {
        // A CR is written as a line break, so it reads back as LF.
        let values: Vec<String> = values
            .iter()
            .map(|v| v.replace("\r\n", "\n").replace('\r', "\n"))
            .collect();
        let p = Parameter::with_values("X", values.iter().map(String::as_str));
        let got: Vec<Cow<'_, str>> = p.values().collect();
        prop_assert_eq!(got, values);
    }

    #[test]
    fn is_matches_reference(a in param_name(), b in param_name()) {
        let p = Parameter::from_raw(a.clone(), None);
        prop_assert_eq!(p.is(&b), ref_same_name(&a, &b));
    }

    #[test]
    fn param_value_matches_reference(
        params in vec((param_name(), text()), 0..6),
        name in param_name(),
    ) {
        let mut prop = Property::new("ATTENDEE", "mailto:a@example.com");
        for (n, raw) in &params {
            prop = prop.with_param(Parameter::from_raw(n.clone(), Some(Cow::Owned(raw.clone()))));
        }
        let expected = params
            .iter()
            .find(|(n, _)| ref_same_name(n, &name))
            .map(|(_, raw)| ref_decode_rfc6868(&ref_raw_items(raw)[0]));
        prop_assert_eq!(prop.param_value(&name).map(Cow::into_owned), expected);
    }
}

// ---------------------------------------------------------------------------
// Hand-written cases

/// The DESCRIPTION of the benchmark calendar (benches/src/generate.rs),
/// as written and as decoded.
const DESCRIPTION_ESCAPED: &str = "Agenda for Design review #2:\\n1. Review last week's actions\\, \
owners and dates\\;\\n2. Decide on the open items\\, then assign them\\;\\n\
3. Anything else. Notes: see the shared folder \\\\projects\\\\2\\, \
and bring a laptop. Where: Room 3B. Grüße aus Köln — \
Rückfragen gern über Jörg\\, Kosten: 12 € 📅.";
const DESCRIPTION: &str = "Agenda for Design review #2:\n1. Review last week's actions, \
owners and dates;\n2. Decide on the open items, then assign them;\n\
3. Anything else. Notes: see the shared folder \\projects\\2, \
and bring a laptop. Where: Room 3B. Grüße aus Köln — \
Rückfragen gern über Jörg, Kosten: 12 € 📅.";

#[test]
fn unescape_cases() {
    let cases: &[(&str, &str)] = &[
        ("", ""),
        (
            "plain text, no escapes; here",
            "plain text, no escapes; here",
        ),
        (r"a\nb\Nc\,d\;e\\f", "a\nb\nc,d;e\\f"),
        // Unknown escapes and a trailing lone backslash are kept.
        (r"C:\temp", r"C:\temp"),
        (r"a\:b", r"a\:b"),
        ("end\\", "end\\"),
        ("\\", "\\"),
        // `\\` then a lone `\`.
        ("\\\\\\", "\\\\"),
        // An escaped backslash before `n` is not a line break.
        (r"\\n", r"\n"),
        (r"\é\📅", r"\é\📅"),
        // Escapes on both sides of an eight-byte word boundary.
        (r"1234567\,\;8", "1234567,;8"),
        (DESCRIPTION_ESCAPED, DESCRIPTION),
    ];
    for &(input, expected) in cases {
        assert_eq!(unescape_text(input), expected, "{input:?}");
    }
    assert!(matches!(unescape_text("no escapes"), Cow::Borrowed(_)));
}

#[test]
fn escape_cases() {
    let cases: &[(&str, &str)] = &[
        ("", ""),
        ("plain é 📅", "plain é 📅"),
        ("a, b; c\\d\ne", r"a\, b\; c\\d\ne"),
        ("a\r\nb\rc\nd", r"a\nb\nc\nd"),
        ("\r\r\n\n", r"\n\n\n"),
        ("12345678,", r"12345678\,"),
        ("1234567\r\n8", r"1234567\n8"),
        (DESCRIPTION, DESCRIPTION_ESCAPED),
    ];
    for &(input, expected) in cases {
        assert_eq!(escape_text(input), expected, "{input:?}");
        let mut out = String::from(">");
        escape_text_into(input, &mut out);
        assert_eq!(out, format!(">{expected}"), "{input:?}");
    }
    assert!(matches!(escape_text("no specials: here"), Cow::Borrowed(_)));
}

#[test]
fn escape_at_every_position_across_words() {
    // Every escaped byte, a control character passed over and a multi-byte
    // character, in pairs, at every offset across the 8-byte words the
    // scanner reads.
    let pieces = [
        "\\", ";", ",", "\n", "\r", "\r\n", "\u{1}", "\u{e9}", "ab", "x",
    ];
    for len in 0..24 {
        for (i, piece) in pieces.iter().enumerate() {
            for other in pieces.iter().skip(i) {
                let s = format!(
                    "{}{piece}{}{other}{}",
                    "a".repeat(len),
                    "b".repeat(len % 5),
                    "c".repeat(len % 3)
                );
                let expected = ref_escape(&s);
                assert_eq!(escape_text(&s), expected, "{s:?}");
                let mut out = String::from("<");
                escape_text_into(&s, &mut out);
                assert_eq!(out, format!("<{expected}"), "{s:?}");
            }
        }
    }
}

#[test]
fn encode_param_value_cases() {
    let cases: &[(&str, &str)] = &[
        ("", ""),
        ("INDIVIDUAL", "INDIVIDUAL"),
        ("Doe, Jane", "\"Doe, Jane\""),
        (
            "mailto:assistant@example.com",
            "\"mailto:assistant@example.com\"",
        ),
        ("a;b", "\"a;b\""),
        // Encoded characters alone do not make the value quoted.
        ("a^b\nc", "a^^b^nc"),
        ("a\r\nb\rc", "a^nb^nc"),
        // RFC 6868 §4 example.
        ("George Herman \"Babe\" Ruth", "George Herman ^'Babe^' Ruth"),
        ("Say \"hi\"; ok", "\"Say ^'hi^'; ok\""),
        ("Grüße, Köln", "\"Grüße, Köln\""),
    ];
    for &(input, expected) in cases {
        let mut out = String::new();
        encode_param_value(input, &mut out);
        assert_eq!(out, expected, "{input:?}");
    }
}

#[test]
fn decode_and_split_cases() {
    assert_eq!(decode_rfc6868("a^b^^c"), "a^b^c");
    assert_eq!(decode_rfc6868("^^^"), "^^");
    assert_eq!(decode_rfc6868("x^"), "x^");
    assert_eq!(decode_rfc6868("^N^n^'"), "\n\n\"");
    assert_eq!(decode_rfc6868("^é"), "^é");
    // RFC 6868 §4 example.
    assert_eq!(
        decode_rfc6868("Pittsburgh Pirates^n115 Federal St^nPittsburgh, PA 15212"),
        "Pittsburgh Pirates\n115 Federal St\nPittsburgh, PA 15212"
    );
    let values = |raw: &'static str| -> Vec<String> {
        Parameter::from_raw("X", Some(Cow::Borrowed(raw)))
            .values()
            .map(Cow::into_owned)
            .collect()
    };
    assert_eq!(values(""), [""]);
    assert_eq!(values("INDIVIDUAL"), ["INDIVIDUAL"]);
    assert_eq!(values("work,voice"), ["work", "voice"]);
    assert_eq!(values("a,,b,"), ["a", "", "b", ""]);
    assert_eq!(values("\"Doe, Jane\""), ["Doe, Jane"]);
    assert_eq!(
        values("\"mailto:a@x\",\"mailto:b@x\""),
        ["mailto:a@x", "mailto:b@x"]
    );
    assert_eq!(values("\"x\"junk,y"), ["x", "y"]);
    assert_eq!(values("\"unterminated, still"), ["unterminated, still"]);
    assert_eq!(values("\"a,^nb\",c^N"), ["a,\nb", "c\n"]);
    assert_eq!(values("\"a^\"b\""), ["a^"]);
    assert_eq!(Parameter::bare("HOME").values().count(), 0);
}

#[test]
fn name_and_param_value_cases() {
    let p = Parameter::from_raw("PartStat", Some(Cow::Borrowed("ACCEPTED")));
    assert!(p.is("PARTSTAT"));
    assert!(p.is("partstat"));
    assert!(!p.is("PARTSTA"));
    assert!(!p.is("PARTSTAU"));
    assert!(!p.is(""));
    assert!(!Parameter::bare("Ä").is("ä"));

    let prop = Property::new("ATTENDEE", "mailto:jane@example.com")
        .with_param(Parameter::from_raw(
            "CUTYPE",
            Some(Cow::Borrowed("INDIVIDUAL")),
        ))
        .with_param(Parameter::from_raw(
            "cn",
            Some(Cow::Borrowed("\"Doe, Jane\"")),
        ))
        .with_param(Parameter::from_raw("CN", Some(Cow::Borrowed("Second"))))
        .with_param(Parameter::bare("X-BARE"))
        .with_param(Parameter::from_raw(
            "X-NOTE",
            Some(Cow::Borrowed("^'quoted^',two")),
        ));
    assert_eq!(prop.param_value("CN").as_deref(), Some("Doe, Jane"));
    assert_eq!(prop.param_value("cutype").as_deref(), Some("INDIVIDUAL"));
    assert_eq!(prop.param_value("X-NOTE").as_deref(), Some("\"quoted\""));
    assert_eq!(prop.param_value("X-BARE"), None);
    assert_eq!(prop.param_value("ROLE"), None);
    assert!(matches!(prop.param_value("CUTYPE"), Some(Cow::Borrowed(_))));
}
