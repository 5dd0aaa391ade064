//! Fuzz target `jcal`: jCal input (RFC 7265). Whatever reads must write
//! back and read again as the same tree.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(doc) = kalends_ical_core::jcal::from_jcal(text) else { return };
    let written = kalends_ical_core::jcal::to_jcal(&doc);
    let again = kalends_ical_core::jcal::from_jcal(&written)
        .unwrap_or_else(|e| panic!("jCal written by kalends does not read back: {e}\n{written}"));
    assert_eq!(doc, again, "jCal round trip changed the tree");
    // The iCalendar text of the tree reads too.
    let ics = kalends_ical_core::write(&doc);
    let _ = kalends_ical_core::parse_with(&ics, &kalends_ical_core::ParseOptions::lenient(), &mut ());
});
