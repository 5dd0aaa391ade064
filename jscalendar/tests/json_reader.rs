//! `Json::parse` is a hand-written reader; these tests hold it to RFC
//! 8259's grammar by comparing it with serde_json (built here with
//! `float_roundtrip`, so both read numbers exactly): the same texts are
//! accepted, to the same values in the same member order, on generated
//! valid JSON, on valid JSON with one edit, and on token soup.

#![allow(clippy::unwrap_used)]

use kalends_jscalendar::ErrorKind;
use kalends_jscalendar::json::{Json, MAX_DEPTH};
use proptest::prelude::*;
use serde_json::Value;

/// Checks that kalends and serde_json agree on `text`: both reject it, or
/// both read the same value with members in the same order.
fn agree(text: &str) -> Result<(), TestCaseError> {
    let ours = Json::parse(text);
    let theirs = serde_json::from_str::<Value>(text);
    match (&ours, &theirs) {
        (Ok(a), Ok(b)) => {
            let a = a.to_value();
            prop_assert_eq!(&a, b, "{:?}", text);
            // `Value`'s equality ignores member order; the text does not.
            prop_assert_eq!(
                serde_json::to_string(&a).unwrap(),
                serde_json::to_string(b).unwrap()
            );
        }
        (Err(e), Err(_)) => {
            prop_assert_eq!(e.kind(), ErrorKind::Json, "{:?}: {}", text, e);
            prop_assert!(e.line().is_some() && e.column().is_some());
            prop_assert!(e.message().ends_with('.'));
        }
        _ => prop_assert!(
            false,
            "{:?}: kalends {:?}, serde_json {:?}",
            text,
            ours.map(|v| v.to_json()),
            theirs
        ),
    }
    Ok(())
}

/// Pieces of JSON text, valid and not.
fn token() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "{",
        "}",
        "[",
        "]",
        ",",
        ":",
        " ",
        "\n",
        "\t",
        "\r",
        "\u{b}",
        "\"a\"",
        "\"\"",
        "\"é📅\"",
        "\"\\n\\t\\\"\\\\\\/\\b\\f\\r\"",
        "\"\\u0041\\u00e9\\u20AC\"",
        "\"\\ud83d\\udcc5\"",
        "\"\\ud83d\"",
        "\"\\udcc5\"",
        "\"\\ud83d\\u0041\"",
        "\"\\u12\"",
        "\"\\x\"",
        "\"\u{1}\"",
        "\"\u{7f}\"",
        "\"",
        "\\",
        "0",
        "-0",
        "-",
        "01",
        "1.",
        ".5",
        "1.5",
        "-2.25e-3",
        "1E+2",
        "1e",
        "1e400",
        "-1e400",
        "18446744073709551615",
        "18446744073709551616",
        "-9223372036854775808",
        "-9223372036854775809",
        "123456789012345678901234567890",
        "true",
        "false",
        "null",
        "tru",
        "nul",
        "True",
        "NaN",
        "é",
    ])
}

/// A value made of `depth` levels at most, as text with varied spacing.
fn valid_text() -> impl Strategy<Value = String> {
    let leaf = prop::sample::select(vec![
        "null",
        "true",
        "false",
        "0",
        "-0",
        "-0.0",
        "42",
        "-17",
        "3.5",
        "6.02e23",
        "1E-7",
        "18446744073709551615",
        "18446744073709551616",
        "-9223372036854775808",
        "-9223372036854775809",
        "\"\"",
        "\"plain text\"",
        "\"Grüße 📅\"",
        "\"line\\nbreak \\\"quoted\\\" back\\\\slash\"",
        "\"\\u00e9\\ud83d\\udcc5\\u0000\\/\"",
        "\"0123456789abcdef0123456789\"",
    ])
    .prop_map(str::to_owned);
    leaf.prop_recursive(5, 64, 6, |inner| {
        let space = prop::sample::select(vec!["", " ", "\n  ", "\t", "\r\n"]);
        prop_oneof![
            (prop::collection::vec(inner.clone(), 0..6), space.clone())
                .prop_map(|(items, s)| { format!("[{s}{}{s}]", items.join(&format!("{s},{s}"))) }),
            (
                prop::collection::vec(
                    (
                        prop::sample::select(vec!["a", "b", "@type", "é", "a\\u0062", "x y"]),
                        inner
                    ),
                    0..6
                ),
                space
            )
                .prop_map(|(members, s)| {
                    let members: Vec<String> = members
                        .iter()
                        .map(|(k, v)| format!("\"{k}\"{s}:{s}{v}"))
                        .collect();
                    format!("{{{s}{}{s}}}", members.join(","))
                }),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn valid_json_reads_as_serde_json_reads_it(text in valid_text()) {
        prop_assert!(Json::parse(&text).is_ok(), "{:?}", text);
        agree(&text)?;
    }

    #[test]
    fn one_edit_is_judged_as_serde_json_judges_it(
        text in valid_text(),
        at in any::<prop::sample::Index>(),
        insert in token(),
        delete in 0usize..3,
    ) {
        let chars: Vec<char> = text.chars().collect();
        let i = at.index(chars.len() + 1);
        let mut edited: String = chars.iter().take(i).collect();
        edited.push_str(insert);
        edited.extend(chars.iter().skip(i + delete));
        agree(&edited)?;
    }

    #[test]
    fn token_soup_is_judged_as_serde_json_judges_it(
        tokens in prop::collection::vec(token(), 0..12),
    ) {
        agree(&tokens.concat())?;
    }
}

#[test]
fn strings_without_escapes_are_borrowed() {
    let v = Json::parse(r#"{"title": "Lunch", "escaped": "a\nb"}"#).unwrap();
    let o = v.as_object().unwrap();
    match o.get("title").unwrap() {
        Json::String(s) => assert!(s.is_borrowed()),
        other => panic!("{other:?}"),
    }
    assert_eq!(o.get("escaped").unwrap().as_str(), Some("a\nb"));
}

#[test]
fn duplicate_names_keep_the_last_value_at_the_first_place() {
    let v = Json::parse(r#"{"a": 1, "b": 2, "a": 3}"#).unwrap();
    assert_eq!(v.to_json(), r#"{"a":3,"b":2}"#);
}

#[test]
fn many_names_are_told_apart() {
    // Far more names than the 64 bits an object keeps of its names so far:
    // different names share bits, and only equal names are duplicates.
    let names: Vec<String> = (0..300).map(|i| format!("n{i}")).collect();
    let mut members: Vec<String> = names.iter().map(|n| format!("\"{n}\":1")).collect();
    members.extend(names.iter().step_by(7).map(|n| format!("\"{n}\":2")));
    let text = format!("{{{}}}", members.join(","));
    agree(&text).unwrap();
    let v = Json::parse(&text).unwrap();
    let o = v.as_object().unwrap();
    assert_eq!(o.len(), names.len());
    for (i, n) in names.iter().enumerate() {
        let expected = if i % 7 == 0 { 2 } else { 1 };
        assert_eq!(o.get(n).unwrap().as_u64(), Some(expected), "{n}");
    }
}

#[test]
fn duplicates_are_found_before_and_after_an_object_keeps_an_index() {
    // Small objects look for an earlier equal name through 64 bits; from
    // 48 members on, through an index. Duplicates on both sides of that
    // point, of names from both sides, keep the last value at the first's
    // place, as serde_json does.
    let mut members: Vec<String> = Vec::new();
    for i in 0..120 {
        members.push(format!("\"k{i}\":{i}"));
        if i == 20 || i == 47 || i == 48 || i == 100 {
            members.push(format!("\"k{}\":\"again {i}\"", i / 2));
            members.push(format!("\"k{i}\":\"self {i}\""));
        }
    }
    let text = format!("{{{}}}", members.join(","));
    agree(&text).unwrap();
    let v = Json::parse(&text).unwrap();
    let o = v.as_object().unwrap();
    assert_eq!(o.len(), 120);
    assert_eq!(o.get("k10").unwrap().as_str(), Some("again 20"));
    assert_eq!(o.get("k50").unwrap().as_str(), Some("again 100"));
    assert_eq!(o.get("k48").unwrap().as_str(), Some("self 48"));
    assert_eq!(o.get("k100").unwrap().as_str(), Some("self 100"));
    assert_eq!(o.iter().nth(10).unwrap().0, "k10");
}

#[test]
fn one_huge_object_is_read_in_linear_time() {
    // 200,000 names of one length, first and last byte: comparing each new
    // name with all earlier ones would take some 2 * 10^10 comparisons.
    let n = 200_000;
    let mut text = String::from("{");
    for i in 0..n {
        text.push_str(&format!("\"a{i:07}0\":{i},"));
    }
    text.push_str("\"a00000070\":\"last\"}");
    let v = Json::parse(&text).unwrap();
    let o = v.as_object().unwrap();
    assert_eq!(o.len(), n);
    assert_eq!(o.iter().nth(7).unwrap().1.as_str(), Some("last"));
}

#[test]
fn errors_say_where_and_what() {
    let e = Json::parse("{\n  \"a\": [1, 2,]\n}").unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Json);
    assert_eq!((e.line(), e.column()), (Some(2), Some(14)));
    assert_eq!(
        e.message(),
        "The input is not valid JSON: a trailing comma before `]`."
    );

    // Columns count characters, not bytes.
    let e = Json::parse("[\"é📅\" x]").unwrap_err();
    assert_eq!((e.line(), e.column()), (Some(1), Some(7)));
    assert_eq!(
        e.message(),
        "The input is not valid JSON: expected `,` or `]` after an array element, found `x`."
    );

    let e = Json::parse("\"\\ud83d\"").unwrap_err();
    assert!(e.message().contains("leading surrogate"), "{}", e.message());
    let e = Json::parse("{\"a\" 1}").unwrap_err();
    assert_eq!(
        e.message(),
        "The input is not valid JSON: expected `:` after an object member name, found `1`."
    );
    let e = Json::parse("[1] [").unwrap_err();
    assert_eq!(
        e.message(),
        "The input is not valid JSON: trailing characters after the JSON value."
    );
    let e = Json::parse("\"abc").unwrap_err();
    assert_eq!(
        e.message(),
        "The input is not valid JSON: a string is not closed."
    );
    assert_eq!(e.column(), Some(1));
}

#[test]
fn numbers_keep_integers_exact() {
    let v = Json::parse("[18446744073709551615, -9223372036854775808, 0, -0, 1.0]").unwrap();
    let a = v.as_array().unwrap();
    assert_eq!(a[0].as_u64(), Some(u64::MAX));
    assert_eq!(a[1].as_i64(), Some(i64::MIN));
    assert_eq!(a[2].as_u64(), Some(0));
    assert_eq!(
        v.to_json(),
        "[18446744073709551615,-9223372036854775808,0,-0.0,1.0]"
    );
    let e = Json::parse("1e400").unwrap_err();
    assert!(e.message().contains("out of the range"), "{}", e.message());
}

#[test]
fn nesting_is_limited() {
    let ok = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
    assert!(Json::parse(&ok).is_ok());
    // Far deeper than a thread's stack could take by recursion.
    let deep = "[".repeat(1_000_000);
    let e = Json::parse(&deep).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::LimitExceeded);
    assert_eq!(e.column(), Some(MAX_DEPTH + 1));
    let deep = "{\"a\":".repeat(MAX_DEPTH + 1);
    assert_eq!(
        Json::parse(&deep).unwrap_err().kind(),
        ErrorKind::LimitExceeded
    );
}
