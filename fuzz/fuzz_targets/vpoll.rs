//! Fuzz target `vpoll`: VPOLL input (draft-ietf-calext-vpoll). Checking,
//! summarising and loading a poll as its organizer must not panic.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let _ = kalends_vpoll::check(text);
    let _ = kalends_vpoll::summarize_text(text);
    if let Ok(org) = kalends_vpoll::Organizer::from_text(text) {
        let _ = org.tally();
    }
});
