//! xCal (RFC 6321, RFC 7529 §8): the RFC examples both ways, and
//! iCalendar -> xCal -> iCalendar over the corpus under `testdata/ical/`.

// Helpers outside `#[test]` functions may unwrap, panic and index too: a failure
// there is a failed test (clippy.toml allows it only inside `#[test]`).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::fs;
use std::path::Path;

use kalends_ical_core::{Document, ErrorKind, parse, xcal};

mod common;

fn data(name: &str) -> String {
    fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/data/xcal")
            .join(name),
    )
    .unwrap()
}

#[test]
fn rfc_examples_convert_both_ways() {
    for name in ["rfc6321-b1", "rfc6321-b2", "rfc7529-s8", "rfc6321-s3"] {
        let ics = data(&format!("{name}.ics"));
        let xml = data(&format!("{name}.xml"));
        let doc = parse(&ics).unwrap();
        assert_eq!(doc.to_xcal().unwrap(), xml, "{name}: iCalendar -> xCal");
        let back = Document::from_xcal(&xml).unwrap();
        assert_eq!(
            common::first_difference(&doc, &back),
            None,
            "{name}: xCal -> iCalendar"
        );
        if name == "rfc6321-b1" || name == "rfc7529-s8" {
            // b2 is folded at other places than the writer folds; s3 has
            // `X-BINARY;VALUE=BINARY;ENCODING=BASE64`, whose VALUE is
            // written back after ENCODING.
            assert_eq!(back.to_string(), ics, "{name}: written back");
        }
    }
}

#[test]
fn layout_of_the_xml_does_not_matter() {
    let doc = Document::from_xcal(&data("rfc6321-b1-verbatim.xml")).unwrap();
    assert_eq!(doc, parse(&data("rfc6321-b1.ics")).unwrap());
}

#[test]
fn rfc6321_section_5_unknown_elements_are_taken_over() {
    let xml = r#"<icalendar xmlns="urn:ietf:params:xml:ns:icalendar-2.0"><vcalendar><properties>
        <x-property><unknown>20110512T120000Z</unknown></x-property>
        <dtstart><parameters><x-param><unknown>PT30M</unknown></x-param></parameters>
          <date-time>2011-05-12T13:00:00Z</date-time></dtstart>
        <x-list><text>a,b</text><text>c</text></x-list>
      </properties></vcalendar></icalendar>"#;
    assert_eq!(
        xcal::from_xcal(xml).unwrap().to_string(),
        "BEGIN:VCALENDAR\r\nX-PROPERTY:20110512T120000Z\r\nDTSTART;X-PARAM=PT30M:20110512T130000Z\r\n\
         X-LIST;VALUE=TEXT:a\\,b,c\r\nEND:VCALENDAR\r\n"
    );
}

#[test]
fn foreign_elements_under_properties_become_xml_properties() {
    // RFC 6321 §4.2.
    let xml = r#"<icalendar xmlns="urn:ietf:params:xml:ns:icalendar-2.0"><vcalendar><properties>
        <version><text>2.0</text></version>
        <kml xmlns="http://www.opengis.net/kml/2.2"><name>KML Sample</name></kml>
      </properties></vcalendar></icalendar>"#;
    let doc = xcal::from_xcal(xml).unwrap();
    let cal = doc.calendar().unwrap();
    assert_eq!(
        cal.property("XML").unwrap().text_value(),
        r#"<kml xmlns="http://www.opengis.net/kml/2.2"><name>KML Sample</name></kml>"#
    );
}

#[test]
fn entities_cdata_and_escaping() {
    let mut ics =
        String::from("BEGIN:VCALENDAR\r\nSUMMARY:a < b & c > \"d\" 'e'\\, f\r\nEND:VCALENDAR\r\n");
    let doc = parse(&ics).unwrap();
    let xml = doc.to_xcal().unwrap();
    assert!(
        xml.contains("<text>a &lt; b &amp; c &gt; &quot;d&quot; &apos;e&apos;, f</text>"),
        "{xml}"
    );
    assert_eq!(Document::from_xcal(&xml).unwrap(), doc);
    let cdata = r#"<icalendar xmlns="urn:ietf:params:xml:ns:icalendar-2.0"><vcalendar><properties>
        <summary><text><![CDATA[x < y]]> &#x41;</text></summary></properties></vcalendar></icalendar>"#;
    ics = xcal::from_xcal(cdata).unwrap().to_string();
    assert_eq!(
        ics,
        "BEGIN:VCALENDAR\r\nSUMMARY:x < y A\r\nEND:VCALENDAR\r\n"
    );
}

#[test]
fn malformed_xcal_is_an_error() {
    let err = xcal::from_xcal(
        "<icalendar xmlns=\"urn:ietf:params:xml:ns:icalendar-2.0\">\n<vcalendar>\n</icalendar>",
    )
    .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidValue);
    assert!(err.line().is_some());
    let err = xcal::from_xcal("<icalendar><vcalendar/></icalendar>").unwrap_err();
    assert!(err.message().contains("namespace"), "{err}");
    let err = xcal::from_xcal(
        r#"<icalendar xmlns="urn:ietf:params:xml:ns:icalendar-2.0"><vcalendar><properties><summary/></properties></vcalendar></icalendar>"#,
    )
    .unwrap_err();
    assert!(err.message().contains("no value element"), "{err}");
    let mut deep = String::from(r#"<icalendar xmlns="urn:ietf:params:xml:ns:icalendar-2.0">"#);
    for _ in 0..200 {
        deep.push_str("<x>");
    }
    assert_eq!(
        xcal::from_xcal(&deep).unwrap_err().kind(),
        ErrorKind::LimitExceeded
    );
}

#[test]
fn corpus_round_trip_through_xcal() {
    // Every corpus file comes back equal after the normalisation of
    // `common::normalize` (which lists the rules and their RFC sections),
    // except the listed files whose names are not iCalendar names.
    let counts =
        common::normalize::corpus_round_trip("xCal", |doc| Document::from_xcal(&doc.to_xcal()?));
    assert!(counts.files > 400, "{counts:?}");
}

proptest::proptest! {
    /// iCalendar -> xCal -> iCalendar is the identity on canonical trees.
    #[test]
    fn xcal_round_trip_is_the_identity(doc in common::documents()) {
        let back = Document::from_xcal(&doc.to_xcal().unwrap()).unwrap();
        proptest::prop_assert_eq!(common::first_difference(&doc, &back), None);
    }
}
