//! Objects with thousands of members convert both ways, exactly and in
//! linear time: participants, virtual locations, alerts, links, RDATEs and
//! EXDATEs (one property with many values and many properties), related
//! objects and keywords. Each of these used to be found among the earlier
//! ones by a scan, and some converted in quadratic time; the overrides of
//! a recurring event are covered in `expand.rs`. Timings stay out of tests:
//! a quadratic conversion of these sizes takes minutes in a debug build.

// Helpers outside `#[test]` functions may unwrap, panic and index too: a
// failure there is a failed test (clippy.toml allows it only inside `#[test]`).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use common::{diff_ncomp, normalize_calendar};
use kalends_jscalendar::Json;
use kalends_jscalendar::convert::{Profile, ical_to_jscal, jscal_to_ical_as};

const N: usize = 3_000;

fn day(i: usize) -> String {
    jiff::civil::date(2026, 1, 1)
        .checked_add(jiff::Span::new().days(i as i64))
        .unwrap()
        .strftime("%Y%m%d")
        .to_string()
}

fn big_event() -> String {
    let mut s = String::from(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//kalends//tests//EN\r\n\
         BEGIN:VEVENT\r\nUID:large@example.com\r\nDTSTAMP:20260101T000000Z\r\n\
         DTSTART:20260101T090000Z\r\nDURATION:PT1H\r\nSUMMARY:All hands\r\n\
         RRULE:FREQ=DAILY\r\nORGANIZER;CN=Org:mailto:org@example.com\r\n",
    );
    let mut many_rdates = String::from("RDATE:");
    for i in 0..N {
        s.push_str(&format!(
            "ATTENDEE;CN=P {i};PARTSTAT=ACCEPTED:mailto:p{i}@example.com\r\n\
             CONFERENCE;VALUE=URI;LABEL=Room {i}:https://meet.example/{i}\r\n\
             ATTACH:https://files.example/{i}.pdf\r\n\
             RELATED-TO:other-{i}@example.com\r\n\
             CATEGORIES:topic-{i}\r\n\
             EXDATE:{d}T090000Z\r\n\
             RDATE:{d}T130000Z\r\n",
            d = day(i)
        ));
        if i > 0 {
            many_rdates.push(',');
        }
        many_rdates.push_str(&format!("{}T170000Z", day(i)));
    }
    s.push_str(&many_rdates);
    s.push_str("\r\n");
    for i in 0..N {
        s.push_str(&format!(
            "BEGIN:VALARM\r\nACTION:DISPLAY\r\nDESCRIPTION:Alarm {i}\r\n\
             TRIGGER:-PT{i}M\r\nEND:VALARM\r\n"
        ));
    }
    s.push_str("END:VEVENT\r\nEND:VCALENDAR\r\n");
    s
}

fn count(event: &Json<'_>, map: &str) -> usize {
    event[map].as_object().map_or(0, |m| m.len())
}

#[test]
fn thousands_of_members_convert_both_ways() {
    let text = big_event();
    let doc = kalends_ical_core::parse(&text).unwrap();
    for profile in [Profile::Rfc8984, Profile::Bis] {
        let js = ical_to_jscal(&doc, profile).unwrap();
        let event = &js["entries"][0];
        // The organizer is a participant of its own.
        assert_eq!(count(event, "participants"), N + 1, "{profile}");
        assert_eq!(count(event, "virtualLocations"), N, "{profile}");
        assert_eq!(count(event, "alerts"), N, "{profile}");
        assert_eq!(count(event, "links"), N, "{profile}");
        assert_eq!(count(event, "relatedTo"), N, "{profile}");
        assert_eq!(count(event, "keywords"), N, "{profile}");
        // N EXDATEs, N RDATEs at 13:00 and N at 17:00.
        let overrides = event["recurrenceOverrides"].as_object().unwrap();
        assert_eq!(overrides.len(), 3 * N, "{profile}");
        let excluded = overrides
            .values()
            .filter(|v| v["excluded"] == Json::Bool(true))
            .count();
        assert_eq!(excluded, N, "{profile}");
        // Each participant is its own attendee.
        let names: std::collections::HashSet<&str> = event["participants"]
            .as_object()
            .unwrap()
            .values()
            .filter_map(|p| p["name"].as_str())
            .collect();
        assert_eq!(names.len(), N + 1, "{profile}");
        assert!(names.contains("P 2999"), "{profile}");

        let back = jscal_to_ical_as(&js, profile).unwrap();
        let mut diffs = Vec::new();
        diff_ncomp(
            &normalize_calendar(&doc.components[0]),
            &normalize_calendar(&back.components[0]),
            "",
            &mut diffs,
        );
        diffs.truncate(12);
        assert!(diffs.is_empty(), "{profile}: {diffs:#?}");
        // And the JSCalendar comes back the same from that iCalendar.
        assert_eq!(ical_to_jscal(&back, profile).unwrap(), js, "{profile}");
    }
}
