//! Fuzz target `vcard`: the vCard reader (2.1, 3.0, 4.0) and the
//! conversions from what it reads. Reading must not panic; a card that
//! reads converts to jCard and JSContact without panicking, and the
//! written text reads back as the same cards.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let mut problems = Vec::new();
    let Ok(doc) =
        kalends_vcard::parse_bytes(data, &kalends_vcard::ParseOptions::lenient(), &mut problems)
    else {
        return;
    };
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = kalends_vcard::check(text);
    }
    let written = kalends_vcard::write(&doc);
    let again = kalends_vcard::parse_with(&written, &kalends_vcard::ParseOptions::lenient(), &mut ())
        .unwrap_or_else(|e| panic!("written vCard text does not read back: {e}"));
    assert_eq!(doc.cards.len(), again.cards.len(), "writing changed the number of cards");
    let _ = kalends_vcard::jcard::document_to_jcard(&doc);
    let _ = kalends_vcard::jscontact::document_to_jscontact(&doc);
    let _ = kalends_vcard::convert_document(&doc, kalends_vcard::Version::V3_0);
});
