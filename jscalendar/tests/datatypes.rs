//! Valid and invalid values of the RFC 8984 §1.4 data types.
//!
//! Data: `tests/data/datatypes.json`.

// Helpers outside `#[test]` functions may unwrap, panic and index too: a failure
// there is a failed test (clippy.toml allows it only inside `#[test]`).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::str::FromStr;

use kalends_jscalendar::{
    Duration, Error, ErrorKind, Id, Int, LocalDateTime, Sign, SignedDuration, TimeZoneId,
    UnsignedInt, UtcDateTime,
};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

const DATA: &str = include_str!("data/datatypes.json");

fn cases() -> Vec<Value> {
    let data: Value = serde_json::from_str(DATA).unwrap();
    data["cases"].as_array().unwrap().clone()
}

fn kind_name(k: ErrorKind) -> String {
    format!("{k:?}")
}

/// A text type: parse, print, read and write with serde.
fn check_text<T>(case: &Value)
where
    T: FromStr<Err = Error>
        + std::fmt::Display
        + Serialize
        + DeserializeOwned
        + PartialEq
        + std::fmt::Debug,
{
    let text = case["value"].as_str().unwrap();
    let source = case["source"].as_str().unwrap();
    let parsed = text.parse::<T>();
    let read = serde_json::from_value::<T>(case["value"].clone());
    if case["valid"].as_bool().unwrap() {
        let value = parsed.unwrap_or_else(|e| panic!("{source}: `{text}` should be valid: {e}"));
        assert_eq!(value.to_string(), text, "{source}: printed form");
        let read = read.unwrap_or_else(|e| panic!("{source}: `{text}` should read: {e}"));
        assert_eq!(read, value);
        assert_eq!(
            serde_json::to_value(&read).unwrap(),
            case["value"],
            "{source}: written form"
        );
    } else {
        let err = parsed
            .err()
            .unwrap_or_else(|| panic!("{source}: `{text}` should be invalid"));
        assert_eq!(
            kind_name(err.kind()),
            case["kind"].as_str().unwrap(),
            "{source}: `{text}`: {err}"
        );
        let message = err.message();
        assert!(
            message.ends_with('.'),
            "{source}: not a sentence: {message}"
        );
        assert!(
            message.starts_with(|c: char| c.is_uppercase() || c == '`'),
            "{source}: {message}"
        );
        if !text.is_empty() && text.chars().count() < 60 && !text.chars().any(char::is_control) {
            assert!(
                message.contains(&format!("`{text}`")),
                "{source}: message does not quote the input: {message}"
            );
        }
        assert!(read.is_err(), "{source}: serde should reject `{text}`");
    }
}

fn check_number<T: DeserializeOwned + Serialize>(
    case: &Value,
    new: impl Fn(&Value) -> Option<Result<(), Error>>,
) {
    let source = case["source"].as_str().unwrap();
    let read = serde_json::from_value::<T>(case["value"].clone());
    if case["valid"].as_bool().unwrap() {
        let v = read.unwrap_or_else(|e| panic!("{source}: {} should read: {e}", case["value"]));
        assert_eq!(serde_json::to_value(&v).unwrap(), case["value"]);
        assert!(new(&case["value"]).unwrap().is_ok());
    } else {
        assert!(read.is_err(), "{source}: {} should not read", case["value"]);
        match case["kind"].as_str().unwrap() {
            "OutOfRange" => {
                let err = new(&case["value"]).unwrap().unwrap_err();
                assert_eq!(err.kind(), ErrorKind::OutOfRange);
                assert!(
                    err.message().contains(&case["value"].to_string()),
                    "{}",
                    err.message()
                );
            }
            "Model" => {}
            other => panic!("unexpected kind {other}"),
        }
    }
}

#[test]
fn every_case() {
    let mut counts = std::collections::BTreeMap::new();
    for case in cases() {
        let ty = case["type"].as_str().unwrap();
        *counts.entry(ty.to_owned()).or_insert(0) += 1;
        match ty {
            "Id" => check_text::<Id>(&case),
            "UTCDateTime" => check_text::<UtcDateTime>(&case),
            "LocalDateTime" => check_text::<LocalDateTime>(&case),
            "Duration" => check_text::<Duration>(&case),
            "SignedDuration" => check_text::<SignedDuration>(&case),
            "TimeZoneId" => check_text::<TimeZoneId>(&case),
            "Int" => check_number::<Int>(&case, |v| v.as_i64().map(|i| Int::new(i).map(drop))),
            "UnsignedInt" => check_number::<UnsignedInt>(&case, |v| {
                v.as_u64().map(|u| UnsignedInt::new(u).map(drop))
            }),
            other => panic!("unknown type {other}"),
        }
    }
    // Every type has valid and invalid cases.
    assert_eq!(counts.len(), 8, "{counts:?}");
    assert!(cases().len() >= 120);
}

#[test]
fn date_time_fields_and_order() {
    let t: UtcDateTime = "2010-10-10T10:10:10.003Z".parse().unwrap();
    assert_eq!(
        (
            t.year(),
            t.month(),
            t.day(),
            t.hour(),
            t.minute(),
            t.second()
        ),
        (2010, 10, 10, 10, 10, 10)
    );
    assert_eq!(t.nanosecond(), 3_000_000);
    assert_eq!(t.unix_seconds(), 1_286_705_410);
    assert_eq!(
        UtcDateTime::new(1970, 1, 1, 0, 0, 0)
            .unwrap()
            .unix_seconds(),
        0
    );
    let a: LocalDateTime = "2020-01-08T09:00:00".parse().unwrap();
    let b: LocalDateTime = "2020-06-24T09:00:00".parse().unwrap();
    assert!(a < b);
    assert_eq!(a.seconds_until(&b), 168 * 86_400);
    assert_eq!(a.checked_add_seconds(168 * 86_400), Some(b));
    assert_eq!(a.checked_add_seconds(i64::MAX), None);
    assert_eq!(
        LocalDateTime::new(2020, 2, 29, 23, 59, 59)
            .unwrap()
            .with_nanosecond(500)
            .unwrap()
            .to_string(),
        "2020-02-29T23:59:59.0000005"
    );
    assert_eq!(
        LocalDateTime::new(2021, 2, 29, 0, 0, 0).unwrap_err().kind(),
        ErrorKind::OutOfRange
    );
    assert_eq!(t.to_local().to_string(), "2010-10-10T10:10:10.003");
    assert_eq!(t.to_local().assume_utc(), t);
}

#[test]
fn duration_parts() {
    let d: Duration = "P2W3DT4H5M6.7S".parse().unwrap();
    let p = d.parts();
    assert_eq!(
        (
            p.weeks,
            p.days,
            p.hours,
            p.minutes,
            p.seconds,
            p.nanoseconds
        ),
        (Some(2), Some(3), Some(4), Some(5), Some(6), 700_000_000)
    );
    assert_eq!(p.calendar_days(), Some(17));
    assert_eq!(p.clock_seconds(), Some(4 * 3600 + 5 * 60 + 6));
    assert!("PT0S".parse::<Duration>().unwrap().is_zero());
    assert!("P0D".parse::<Duration>().unwrap().is_zero());
    assert_eq!(Duration::from_parts(p).unwrap(), d);
    assert_eq!(Duration::zero().as_str(), "PT0S");
    // P1D and PT24H are different durations (RFC 8984 §1.4.6).
    assert_ne!(
        "P1D".parse::<Duration>().unwrap(),
        "PT24H".parse::<Duration>().unwrap()
    );
    let s: SignedDuration = "+PT15M".parse().unwrap();
    assert_eq!(s.sign(), Sign::Plus);
    assert!(!s.is_negative());
    assert_eq!(
        SignedDuration::new(Sign::Minus, "PT5M".parse().unwrap()).to_string(),
        "-PT5M"
    );
}

#[test]
fn duration_from_invalid_parts() {
    use kalends_jscalendar::DurationParts;
    assert!(Duration::from_parts(DurationParts::default()).is_err());
    let hours_and_seconds = DurationParts {
        hours: Some(1),
        seconds: Some(1),
        ..DurationParts::default()
    };
    assert_eq!(
        Duration::from_parts(hours_and_seconds).unwrap_err().kind(),
        ErrorKind::InvalidValue
    );
    let fraction_only = DurationParts {
        minutes: Some(1),
        nanoseconds: 5,
        ..DurationParts::default()
    };
    assert!(Duration::from_parts(fraction_only).is_err());
}

#[test]
fn messages_quote_the_input() {
    let e = "2019-02-29T00:00:00Z".parse::<UtcDateTime>().unwrap_err();
    assert_eq!(
        e.message(),
        "The UTCDateTime `2019-02-29T00:00:00Z` has a day out of range (year 2019, month 2, day 29, 00:00:00)."
    );
    let e = "PT1H1S".parse::<Duration>().unwrap_err();
    assert_eq!(
        e.message(),
        "`PT1H1S` is not a Duration (RFC 8984 §1.4.6, like `PT1H30M`): seconds cannot follow hours without minutes."
    );
    let e = "a b".parse::<Id>().unwrap_err();
    assert_eq!(
        e.message(),
        "The Id `a b` contains ` `, but an Id has only the characters `A-Za-z0-9-_` (RFC 8984 §1.4.1)."
    );
    let e = "2006-01-02T15:04:05Z".parse::<LocalDateTime>().unwrap_err();
    assert_eq!(
        e.message(),
        "`2006-01-02T15:04:05Z` is not a LocalDateTime (RFC 8984 §1.4.5, like `2020-01-02T18:23:04`): a LocalDateTime \
         has no time offset, but this one ends in `Z`."
    );
}

#[test]
fn time_zone_id_kinds() {
    assert!("/x".parse::<TimeZoneId>().unwrap().is_custom());
    assert!(!"UTC".parse::<TimeZoneId>().unwrap().is_custom());
    let v = serde_json::to_value("Europe/Vienna".parse::<TimeZoneId>().unwrap()).unwrap();
    assert_eq!(v, json!("Europe/Vienna"));
}
