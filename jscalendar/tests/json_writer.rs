//! `Json::to_json` / `to_json_pretty` are a hand-written writer (it scans
//! strings eight bytes at a time); these tests hold it to serde_json's
//! output byte for byte, and to RFC 8259 §7's escapes.

#![allow(clippy::unwrap_used)]

use kalends_jscalendar::json::{Json, JsonObject};
use proptest::prelude::*;
use serde_json::Number;

/// serde_json's compact and pretty text of `v` (through its `Serialize`).
fn serde_texts(v: &Json<'_>) -> (String, String) {
    (
        serde_json::to_string(v).unwrap(),
        serde_json::to_string_pretty(v).unwrap(),
    )
}

#[test]
fn escapes_follow_rfc_8259() {
    let v = Json::from("a\"b\\c\nd\re\tf\u{8}g\u{c}h\u{0}i\u{1f}j\u{7f}kéz📅/");
    assert_eq!(
        v.to_json(),
        r#""a\"b\\c\nd\re\tf\bg\fh\u0000i\u001fj"#.to_owned() + "\u{7f}kéz📅/\""
    );
    assert_eq!(v.to_json(), serde_texts(&v).0);
}

#[test]
fn escapes_at_every_position_of_a_word() {
    // An escaped byte at each offset 0..=17, so it falls in every byte of
    // the eight-byte words and in the tail.
    for at in 0..18 {
        for special in ['"', '\\', '\n', '\u{1}', '\u{1f}'] {
            let mut text: String = "x".repeat(at);
            text.push(special);
            text.push_str("yyyyyyyyy");
            let v = Json::from(text.as_str());
            assert_eq!(v.to_json(), serde_texts(&v).0, "{text:?}");
        }
    }
}

#[test]
fn escapes_in_the_last_bytes_of_every_length() {
    // Every length 1..=25 with an escaped byte at every position, alone and
    // followed by a second one: the last 1 to 7 bytes of a string of eight
    // or more are checked as its overlapping last word, and the scan after
    // an escape starts mid-string.
    for len in 1..=25 {
        for at in 0..len {
            for special in ['"', '\\', '\n', '\u{1f}'] {
                let mut text: String = "x".repeat(len);
                text.replace_range(at..=at, special.encode_utf8(&mut [0; 4]));
                let v = Json::from(text.as_str());
                assert_eq!(v.to_json(), serde_texts(&v).0, "{text:?}");
                for second in at + 1..len {
                    let mut twice = text.clone();
                    twice.replace_range(second..=second, "\"");
                    let v = Json::from(twice.as_str());
                    assert_eq!(v.to_json(), serde_texts(&v).0, "{twice:?}");
                }
            }
        }
    }
}

#[test]
fn pretty_layout_matches_serde_json() {
    let mut inner = JsonObject::new();
    inner.insert("empty object", Json::Object(JsonObject::new()));
    inner.insert("empty array", Json::Array(Vec::new()));
    inner.insert(
        "list",
        Json::Array(vec![
            Json::Null,
            Json::Bool(true),
            Json::Number(Number::from(-3i64)),
        ]),
    );
    let mut outer = JsonObject::new();
    outer.insert("@type", Json::from("Event"));
    outer.insert("inner", Json::Object(inner));
    outer.insert("n", Json::Number(Number::from_f64(1.5e300).unwrap()));
    let v = Json::Object(outer);
    let (compact, pretty) = serde_texts(&v);
    assert_eq!(v.to_json(), compact);
    assert_eq!(v.to_json_pretty(), pretty);
    assert_eq!(v.to_string(), compact);
    assert!(pretty.contains("\n    \"empty object\": {},\n"), "{pretty}");
}

/// Strings from characters that exercise the escapes and UTF-8.
fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            Just('"'),
            Just('\\'),
            Just('\n'),
            Just('\u{0}'),
            Just('\u{1b}'),
            Just('\u{8}'),
            Just('\u{c}'),
            Just('\t'),
            Just('\r'),
            Just('\u{7f}'),
            Just('é'),
            Just('📅'),
            Just(' '),
            prop::char::range('a', 'z'),
        ],
        0..40,
    )
    .prop_map(|cs| cs.into_iter().collect())
}

fn value() -> impl Strategy<Value = Json<'static>> {
    let leaf = prop_oneof![
        Just(Json::Null),
        any::<bool>().prop_map(Json::Bool),
        any::<i64>().prop_map(|i| Json::Number(Number::from(i))),
        any::<u64>().prop_map(|u| Json::Number(Number::from(u))),
        any::<f64>()
            .prop_filter_map("finite", Number::from_f64)
            .prop_map(Json::Number),
        text().prop_map(Json::from),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Json::Array),
            prop::collection::vec((text(), inner), 0..6).prop_map(|entries| {
                let mut o = JsonObject::new();
                for (k, v) in entries {
                    o.insert(k, v);
                }
                Json::Object(o)
            }),
        ]
    })
}

proptest! {
    #[test]
    fn writer_matches_serde_json(v in value()) {
        let (compact, pretty) = serde_texts(&v);
        prop_assert_eq!(v.to_json(), compact);
        prop_assert_eq!(v.to_json_pretty(), pretty);
    }

    #[test]
    fn written_text_reads_back(v in value()) {
        let text = v.to_json();
        prop_assert_eq!(Json::parse(&text).unwrap(), v);
    }
}
