//! Property tests: round trips of every layer, and no panic on any input.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use kalends_vcard::codec::{base64_decode, base64_encode, qp_decode, qp_encode};
use kalends_vcard::jcard::{from_jcard, to_jcard};
use kalends_vcard::jscontact::{from_jscontact, to_jscontact};
use kalends_vcard::text::{escape, format_structured, parse_structured, unescape};
use kalends_vcard::value::{Date, DateAndOrTime, Time, UtcOffset, Zone};
use kalends_vcard::{
    Parameter, ParseOptions, Property, VCard, Version, parse, parse_lenient, parse_with,
};
use proptest::prelude::*;

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 128,
        ..ProptestConfig::default()
    }
}

/// Text without CR (a lone CR reads back as a newline) and without control
/// characters other than newline and tab.
fn text() -> impl Strategy<Value = String> {
    proptest::string::string_regex("[ -~\u{a0}-\u{17f}\u{4e00}-\u{4e10}\n\t]{0,40}").unwrap()
}

fn date() -> impl Strategy<Value = Date> {
    (
        proptest::option::of(0u16..=9999),
        proptest::option::of(1u8..=12),
        proptest::option::of(1u8..=28),
    )
        .prop_filter_map("valid shape", |(year, month, day)| {
            let ok = matches!(
                (year.is_some(), month.is_some(), day.is_some()),
                (true, true, true)
                    | (true, true, false)
                    | (true, false, false)
                    | (false, true, true)
                    | (false, true, false)
                    | (false, false, true)
            );
            ok.then_some(Date { year, month, day })
        })
}

fn zone() -> impl Strategy<Value = Option<Zone>> {
    prop_oneof![
        Just(None),
        Just(Some(Zone::Utc)),
        (any::<bool>(), 0u8..=23, proptest::option::of(0u8..=59)).prop_map(
            |(negative, hours, minutes)| Some(Zone::Offset(UtcOffset {
                negative,
                hours,
                minutes
            }))
        ),
    ]
}

fn time() -> impl Strategy<Value = Time> {
    (
        proptest::option::of(0u8..=23),
        proptest::option::of(0u8..=59),
        proptest::option::of(0u8..=60),
        zone(),
    )
        .prop_filter_map("valid shape", |(hour, minute, second, zone)| {
            let ok = matches!(
                (hour.is_some(), minute.is_some(), second.is_some()),
                (true, true, true)
                    | (true, true, false)
                    | (true, false, false)
                    | (false, true, true)
                    | (false, true, false)
                    | (false, false, true)
            );
            ok.then_some(Time {
                hour,
                minute,
                second,
                zone,
            })
        })
}

fn date_and_or_time() -> impl Strategy<Value = DateAndOrTime> {
    prop_oneof![
        date().prop_map(DateAndOrTime::Date),
        time().prop_map(DateAndOrTime::Time),
        (date(), time())
            .prop_filter("noreduc date, notrunc time", |(d, t)| d.is_noreduc()
                && t.is_notrunc())
            .prop_map(|(d, t)| DateAndOrTime::DateTime(d, t)),
    ]
}

const NAMES: [&str; 22] = [
    "FN",
    "NOTE",
    "TITLE",
    "EMAIL",
    "TEL",
    "X-FOO",
    "X-ABLABEL",
    "CATEGORIES",
    "NICKNAME",
    "ORG",
    "N",
    "ADR",
    "URL",
    "ROLE",
    "BDAY",
    "ANNIVERSARY",
    "TZ",
    "GEO",
    "IMPP",
    "KIND",
    "RELATED",
    "GENDER",
];

const DATES: [&str; 8] = [
    "19850412",
    "--0412",
    "---12",
    "1985",
    "1985-04",
    "T1030",
    "19531015T231000Z",
    "20090808T1430-0500",
];

fn property() -> impl Strategy<Value = Property<'static>> {
    (
        proptest::sample::select(&NAMES[..]),
        proptest::option::of(proptest::string::string_regex("item[0-9]").unwrap()),
        proptest::collection::vec(
            (
                proptest::sample::select(
                    &[
                        "TYPE",
                        "PREF",
                        "X-PARAM",
                        "LANGUAGE",
                        "LABEL",
                        "ALTID",
                        "PROP-ID",
                        "SORT-AS",
                        "MEDIATYPE",
                    ][..],
                ),
                text(),
            ),
            0..3,
        ),
        proptest::collection::vec(text(), 1..4),
    )
        .prop_map(|(name, group, params, values)| {
            let v = Version::V4_0;
            let value = match name {
                "N" | "ADR" | "ORG" => format_structured(
                    &values.iter().map(|x| vec![x.clone()]).collect::<Vec<_>>(),
                    v,
                ),
                "CATEGORIES" | "NICKNAME" => kalends_vcard::text::format_list(&values, v),
                "URL" | "IMPP" | "RELATED" => format!("https://example.com/{}", values[0].len()),
                "BDAY" | "ANNIVERSARY" => DATES[values[0].len() % DATES.len()].to_owned(),
                "TZ" => {
                    ["-0500", "Europe/Berlin", "+0530", "Etc/UTC"][values[0].len() % 4].to_owned()
                }
                "GEO" => format!("geo:{}.5,-{}.25", values[0].len() % 90, values[0].len()),
                "KIND" => ["individual", "group", "org"][values[0].len() % 3].to_owned(),
                _ => escape(&values[0], v).into_owned(),
            };
            let mut p = Property::new(name, value);
            for (n, val) in params {
                p = p.with_param(Parameter::new(n, &val));
            }
            if let Some(g) = group {
                p = p.with_group(g);
            }
            p
        })
}

fn card() -> impl Strategy<Value = VCard<'static>> {
    proptest::collection::vec(property(), 0..8).prop_map(|props| {
        let mut c = VCard::new(Version::V4_0);
        for p in props {
            c.push(p);
        }
        c
    })
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn text_escape_round_trips(s in text()) {
        for v in [Version::V3_0, Version::V4_0] {
            let escaped = escape(&s, v);
            prop_assert_eq!(unescape(&escaped, v), s.as_str());
        }
    }

    #[test]
    fn structured_round_trips(comps in proptest::collection::vec(proptest::collection::vec(text(), 1..3), 1..6)) {
        let v = Version::V4_0;
        prop_assert_eq!(parse_structured(&format_structured(&comps, v), true, v), comps);
    }

    #[test]
    fn date_and_or_time_round_trips(d in date_and_or_time()) {
        prop_assert_eq!(d.to_string().parse::<DateAndOrTime>().unwrap(), d);
        prop_assert_eq!(d.to_extended().parse::<DateAndOrTime>().unwrap(), d);
    }

    #[test]
    fn base64_round_trips(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
        prop_assert_eq!(base64_decode(&base64_encode(&bytes)).unwrap(), bytes);
    }

    #[test]
    fn quoted_printable_round_trips(s in text()) {
        let decoded = qp_decode(&qp_encode(&s)).unwrap();
        prop_assert_eq!(String::from_utf8(decoded).unwrap(), s.replace('\n', "\r\n"));
    }

    #[test]
    fn built_cards_write_and_read_back(c in card()) {
        let text = c.to_string();
        let doc = parse(&text).unwrap();
        prop_assert_eq!(&doc.cards[0], &c);
        prop_assert_eq!(doc.to_string(), text);
    }

    #[test]
    fn version_21_cards_write_and_read_back(notes in proptest::collection::vec(text(), 1..4)) {
        let mut c = VCard::new(Version::V2_1);
        for n in &notes {
            c.push(Property::text("NOTE", n, Version::V2_1));
        }
        let text = c.to_string();
        let doc = parse(&text).unwrap();
        let back: Vec<String> = doc.cards[0].notes();
        let expected: Vec<String> = notes.iter().map(|n| n.replace('\n', "\r\n")).collect();
        prop_assert_eq!(back, expected);
    }

    #[test]
    fn any_input_reads_without_panic_and_reads_back_the_same(s in "(BEGIN:VCARD\r?\n|END:VCARD\r?\n|[A-Z;=:.,\"\\\\ \r\n\t-]{0,12}|VERSION:2.1\r\n|X:=\r\n){0,12}") {
        if let Ok((doc, _)) = parse_lenient(&s) {
            let written = doc.to_string();
            let (again, _) = parse_lenient(&written).unwrap();
            prop_assert_eq!(again, doc);
        }
    }

    #[test]
    fn jcard_round_trips(c in card()) {
        let j = to_jcard(&c);
        let back = from_jcard(&j).unwrap();
        prop_assert_eq!(to_jcard(&back[0]), j);
    }

    #[test]
    fn jscontact_round_trips(c in card()) {
        let first = to_jscontact(&c).unwrap();
        let v = from_jscontact(&first).unwrap();
        let text = v.to_string();
        let reread = parse_with(&text, &ParseOptions::lenient(), &mut ()).unwrap();
        let second = to_jscontact(&reread.cards[0]).unwrap();
        let mut a = serde_json::to_value(&first).unwrap();
        let mut b = serde_json::to_value(&second).unwrap();
        a.as_object_mut().unwrap().remove("uid");
        b.as_object_mut().unwrap().remove("uid");
        prop_assert_eq!(a, b);
    }

    #[test]
    fn json_entry_points_never_panic(s in "\\PC{0,80}") {
        let _ = kalends_vcard::jcard::from_jcard_str(&s);
        let _ = kalends_vcard::jscontact::from_jscontact_str(&s);
        let _ = kalends_vcard::parse_bytes(s.as_bytes(), &ParseOptions::lenient(), &mut ());
    }
}
