//! Fuzz target `jscontact`: JSContact input (RFC 9553) converted to vCard
//! (RFC 9555). Must not panic; what converts writes vCard text that reads.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(cards) = kalends_vcard::jscontact::from_jscontact_json(text) else { return };
    let doc = kalends_vcard::Document::new(cards);
    let written = kalends_vcard::write(&doc);
    kalends_vcard::parse_with(&written, &kalends_vcard::ParseOptions::lenient(), &mut ())
        .unwrap_or_else(|e| panic!("vCard text converted from JSContact does not read: {e}"));
});
