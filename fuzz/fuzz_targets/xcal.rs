//! Fuzz target `xcal`: xCal input (RFC 6321). Whatever reads must write
//! back and read again as the same tree.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(doc) = kalends_ical_core::xcal::from_xcal(text) else { return };
    let Ok(written) = kalends_ical_core::xcal::to_xcal(&doc) else { return };
    let again = kalends_ical_core::xcal::from_xcal(&written)
        .unwrap_or_else(|e| panic!("xCal written by kalends does not read back: {e}\n{written}"));
    assert_eq!(doc, again, "xCal round trip changed the tree");
});
