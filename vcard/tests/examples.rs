//! The examples of RFC 6350 and RFC 2426: every example property reads
//! strictly, writes back byte for byte and decodes to the transcribed value
//! (written as its jCard property, RFC 7095), and the full example cards
//! validate as the RFCs mean them to.
//!
//! Data: `tests/data/rfc-examples.json` (notes on every change made to an
//! example).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use kalends_vcard::jcard::{from_jcard, to_jcard};
use kalends_vcard::{Version, check, convert_version, parse};
use serde_json::{Value as Json, json};

fn data() -> Json {
    serde_json::from_str(include_str!("data/rfc-examples.json")).unwrap()
}

#[test]
fn example_properties_decode_and_round_trip() {
    let data = data();
    let cases = data["cases"].as_array().unwrap();
    let (mut v4, mut v3) = (0, 0);
    for case in cases {
        let source = case["source"].as_str().unwrap();
        let version = case["version"].as_str().unwrap();
        let text = format!(
            "BEGIN:VCARD\r\nVERSION:{version}\r\n{}\r\nEND:VCARD\r\n",
            case["vcard"].as_str().unwrap().replace('\n', "\r\n")
        );
        let doc = parse(&text).unwrap_or_else(|e| panic!("{source}: {e}"));
        assert_eq!(
            doc.to_string(),
            text,
            "{source}: not written back byte for byte"
        );
        let j = to_jcard(&doc.cards[0]);
        let props: Vec<Json> = j[1].as_array().unwrap()[1..].to_vec();
        assert_eq!(Json::Array(props), case["jcard"], "{source}");
        // jCard → vCard → jCard.
        let mut all = vec![json!(["version", {}, "text", version])];
        all.extend(case["jcard"].as_array().unwrap().iter().cloned());
        let jc = json!(["vcard", all]);
        let back = from_jcard(&jc).unwrap();
        assert_eq!(to_jcard(&back[0]), jc, "{source}: jCard round trip");
        if version == "4.0" { v4 += 1 } else { v3 += 1 }
    }
    println!("RFC 6350 examples: {v4}/{v4}; RFC 2426 examples: {v3}/{v3}");
}

fn card_text(key: &str) -> String {
    data()["cards"][key]["text"]
        .as_str()
        .unwrap()
        .replace('\n', "\r\n")
}

#[test]
fn rfc6350_author_card() {
    let text = card_text("rfc6350-8");
    let doc = parse(&text).unwrap();
    assert_eq!(doc.to_string(), text);
    assert!(check(&text).unwrap().is_empty());
    let c = &doc.cards[0];
    assert_eq!(c.formatted_name().unwrap(), "Simon Perreault");
    assert_eq!(c.name().unwrap().suffixes, ["ing. jr", "M.Sc."]);
    assert_eq!(c.bday().unwrap().to_extended(), "--02-03");
    let tels = c.properties_named("TEL").collect::<Vec<_>>();
    assert_eq!(tels[0].types(), ["work", "voice"]);
    assert_eq!(tels[0].pref(), Some(1));
    // Down to 3.0 and up again keeps what both versions have.
    let v3 = convert_version(c, Version::V3_0).unwrap();
    let back = convert_version(&v3.card, Version::V4_0).unwrap();
    assert_eq!(back.card.formatted_name(), c.formatted_name());
    assert_eq!(back.card.bday(), c.bday());
    assert_eq!(back.card.geos(), c.geos());
    let losses: Vec<_> = v3.losses.iter().map(|l| l.property.as_str()).collect();
    assert_eq!(
        losses,
        ["GENDER", "LANG", "LANG", "LANG", "TEL", "TEL"],
        "{:?}",
        v3.losses
    );
}

#[test]
fn rfc6350_group_example() {
    let text = card_text("rfc6350-6.6.5");
    let doc = parse(&text).unwrap();
    assert_eq!(doc.cards.len(), 3);
    assert!(check(&text).unwrap().is_empty());
    assert_eq!(doc.cards[0].kind().as_deref(), Some("group"));
    assert_eq!(
        doc.cards[0].members(),
        [doc.cards[1].uid().unwrap(), doc.cards[2].uid().unwrap()]
    );
}

#[test]
fn rfc2426_author_cards() {
    for key in ["rfc2426-author-1", "rfc2426-author-2"] {
        let text = card_text(key);
        let doc = parse(&text).unwrap();
        assert_eq!(doc.to_string(), text);
        // RFC 2426 §3.1.2 makes N mandatory; its own examples have none.
        let problems = check(&text).unwrap();
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0].message().contains("no N property"));
        assert_eq!(problems[0].line(), Some(1));
        let v4 = convert_version(&doc.cards[0], Version::V4_0).unwrap();
        assert!(v4.losses.is_empty());
        assert!(kalends_vcard::validate(&v4.card).is_empty());
    }
}
