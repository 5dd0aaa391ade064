//! Large inputs convert in linear time: each test would take minutes if a
//! step were quadratic in the number of properties (no timing is asserted).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use kalends_vcard::jscontact::{from_jscontact, to_jscontact};
use kalends_vcard::{Version, check, convert_version, jcard, parse};

fn big_card(n: usize) -> String {
    let mut s = String::from("BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Big\r\n");
    for i in 0..n {
        s.push_str(&format!(
            "item{i}.TEL;TYPE=work:+1 555 {i}\r\nitem{i}.X-ABLabel:label {i}\r\n"
        ));
        s.push_str(&format!(
            "g{i}.ORG:Org {i}\r\ng{i}.TITLE:Title {i}\r\nGEO:geo:1,{}\r\nUID:dup\r\n",
            i % 90
        ));
        s.push_str(&format!("NOTE;ALTID={i};LANGUAGE=l{i}:note {i}\r\n"));
    }
    s.push_str("END:VCARD\r\n");
    s
}

#[test]
fn many_properties() {
    let text = big_card(5000);
    let doc = parse(&text).unwrap();
    let card = &doc.cards[0];
    let js = to_jscontact(card).unwrap();
    assert_eq!(js.phones.as_ref().unwrap().len(), 5000);
    let back = from_jscontact(&js).unwrap();
    assert!(back.properties().len() > 20_000);
    let j = jcard::to_jcard(card);
    assert_eq!(
        jcard::from_jcard(&j).unwrap()[0].properties().len(),
        card.properties().len()
    );
    let v3 = convert_version(card, Version::V3_0).unwrap();
    assert_eq!(v3.card.properties().len(), card.properties().len());
    let problems = check(&text).unwrap();
    assert_eq!(problems.len(), 4999, "every UID after the first");
}
