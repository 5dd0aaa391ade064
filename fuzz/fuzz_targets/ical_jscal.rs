//! iCalendar → JSCalendar → iCalendar (`convert::ical_to_jscal` and
//! `jscal_to_ical_as`) in both profiles, on any calendar the lenient
//! reader accepts.
//!
//! Checks: no panic; the conversion is deterministic (two runs write the
//! same JSON); the JSON it writes reads back as the same value; that value
//! converts back to iCalendar whose text the lenient reader accepts.

#![no_main]

use kalends_ical_core::{ParseOptions, parse_with, write};
use kalends_jscalendar::Json;
use kalends_jscalendar::convert::{Profile, ical_to_jscal, jscal_to_ical_as};

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let Ok(doc) = parse_with(&text, &ParseOptions::lenient(), &mut ()) else {
        return;
    };
    for profile in [Profile::Rfc8984, Profile::Bis] {
        let Ok(js) = ical_to_jscal(&doc, profile) else { continue };
        let json = js.to_json();
        let again = ical_to_jscal(&doc, profile)
            .unwrap_or_else(|e| panic!("{profile}: a second conversion failed: {e}"));
        assert_eq!(again.to_json(), json, "{profile}: the conversion is not deterministic");
        let read = Json::parse(&json)
            .unwrap_or_else(|e| panic!("{profile}: converted JSON does not read: {e}\n{json}"));
        assert!(read == js, "{profile}: converted JSON reads as another value\n{json}");
        if let Ok(back) = jscal_to_ical_as(&read, profile) {
            let ics = write(&back);
            parse_with(&ics, &ParseOptions::lenient(), &mut ()).unwrap_or_else(|e| {
                panic!("{profile}: iCalendar converted back does not read: {e}\n{ics}")
            });
        }
    }
});
