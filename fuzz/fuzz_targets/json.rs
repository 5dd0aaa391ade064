//! Fuzz target `json`: `kalends_jscalendar::json::Json::parse`, the
//! hand-written JSON reader, against serde_json (built with
//! `float_roundtrip`, as kalends-jscalendar builds it): both accept the
//! same texts, to the same values in the same order, and what reads writes
//! back text that reads to the same value.
#![no_main]

use kalends_jscalendar::json::Json;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let ours = Json::parse(text);
    let theirs = serde_json::from_str::<serde_json::Value>(text);
    match (&ours, &theirs) {
        (Ok(a), Ok(b)) => {
            let a = a.to_value();
            assert_eq!(&a, b, "values differ for {text:?}");
            assert_eq!(
                serde_json::to_string(&a).unwrap(),
                serde_json::to_string(b).unwrap(),
                "member order differs for {text:?}"
            );
        }
        (Err(e), Err(_)) => assert!(e.line().is_some(), "error without a place: {e}"),
        // The nesting limits differ by one level (128 here, 127 there).
        (Err(e), Ok(_)) if e.kind() == kalends_jscalendar::ErrorKind::LimitExceeded => {}
        (Ok(_), Err(e)) if e.to_string().contains("recursion limit") => {}
        _ => panic!("kalends {:?} / serde_json {theirs:?} for {text:?}", ours.map(|v| v.to_json())),
    }
    if let Ok(v) = ours {
        let written = v.to_json();
        let again = Json::parse(&written).unwrap_or_else(|e| panic!("{e}: {written}"));
        assert_eq!(again, v, "written text reads differently: {written}");
    }
});
