//! Fuzz target `jscalendar`: JSCalendar input (RFC 8984), read as objects
//! and converted to iCalendar. What reads writes back the same bytes on a
//! second round; what converts writes iCalendar text that reads.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok((doc, _profile)) = kalends_jscalendar::convert::jscal_text_to_ical(text) {
        let ics = kalends_ical_core::write(&doc);
        kalends_ical_core::parse_with(&ics, &kalends_ical_core::ParseOptions::lenient(), &mut ())
            .unwrap_or_else(|e| panic!("iCalendar converted from JSCalendar does not read: {e}\n{ics}"));
    }
    let Ok(object) = kalends_jscalendar::Object::from_json(text) else { return };
    let _ = object.validate();
    let Ok(first) = object.to_json() else { return };
    let again = kalends_jscalendar::Object::from_json(&first)
        .unwrap_or_else(|e| panic!("JSCalendar written by kalends does not read back: {e}\n{first}"));
    let second = again.to_json().unwrap_or_else(|e| panic!("second write failed: {e}"));
    assert_eq!(first, second, "JSCalendar output is not stable");
});
