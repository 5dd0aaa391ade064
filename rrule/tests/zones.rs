//! Zones compiled from VTIMEZONE components: against the IANA zone they
//! describe, and a zone that exists only as a VTIMEZONE.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use kalends_ical_core::value::{DateOrDateTime, Recur};
use kalends_rrule::zone::LocalKind;
use kalends_rrule::{Options, Recurrence, VTimeZone, Zone, ZoneResolver};

/// The VTIMEZONE example of RFC 5545 §3.6.5 (US Eastern, 1967 onwards, with
/// the 2007 rule change), under its own TZID.
const US_EASTERN: &str = "BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//kalends//tests//EN\r
BEGIN:VTIMEZONE\r
TZID:US-Eastern-VTIMEZONE\r
BEGIN:STANDARD\r
DTSTART:19671029T020000\r
RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10;UNTIL=20061029T060000Z\r
TZOFFSETFROM:-0400\r
TZOFFSETTO:-0500\r
TZNAME:EST\r
END:STANDARD\r
BEGIN:DAYLIGHT\r
DTSTART:19870405T020000\r
RRULE:FREQ=YEARLY;BYDAY=1SU;BYMONTH=4;UNTIL=20060402T070000Z\r
TZOFFSETFROM:-0500\r
TZOFFSETTO:-0400\r
TZNAME:EDT\r
END:DAYLIGHT\r
BEGIN:DAYLIGHT\r
DTSTART:20070311T020000\r
RRULE:FREQ=YEARLY;BYDAY=2SU;BYMONTH=3\r
TZOFFSETFROM:-0500\r
TZOFFSETTO:-0400\r
TZNAME:EDT\r
END:DAYLIGHT\r
BEGIN:STANDARD\r
DTSTART:20071104T020000\r
RRULE:FREQ=YEARLY;BYDAY=1SU;BYMONTH=11\r
TZOFFSETFROM:-0400\r
TZOFFSETTO:-0500\r
TZNAME:EST\r
END:STANDARD\r
END:VTIMEZONE\r
END:VCALENDAR\r
";

/// A zone that exists only as this VTIMEZONE: standard time +03:00, summer
/// time +04:30 (a 90-minute shift) from the first Sunday of April at 01:00
/// to the last Saturday of September at 03:00, plus one RDATE onset.
const ONLY_VTIMEZONE: &str = "BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//kalends//tests//EN\r
BEGIN:VTIMEZONE\r
TZID:Custom/Ninety\r
BEGIN:STANDARD\r
DTSTART:20000930T030000\r
RRULE:FREQ=YEARLY;BYMONTH=9;BYDAY=-1SA\r
TZOFFSETFROM:+0430\r
TZOFFSETTO:+0300\r
END:STANDARD\r
BEGIN:DAYLIGHT\r
DTSTART:20000402T010000\r
RRULE:FREQ=YEARLY;BYMONTH=4;BYDAY=1SU\r
TZOFFSETFROM:+0300\r
TZOFFSETTO:+0430\r
END:DAYLIGHT\r
END:VTIMEZONE\r
BEGIN:VEVENT\r
UID:ninety@example.com\r
DTSTAMP:20240101T000000Z\r
DTSTART;TZID=Custom/Ninety:20240405T013000\r
DURATION:PT30M\r
RRULE:FREQ=DAILY;COUNT=5\r
END:VEVENT\r
END:VCALENDAR\r
";

fn zone_from(text: &str) -> Zone {
    let doc = kalends_ical_core::parse(text).unwrap();
    let cal = doc.calendar().unwrap();
    let vtz = cal.components_named("VTIMEZONE").next().unwrap();
    Zone::from_vtimezone(VTimeZone::from_component(vtz).unwrap())
}

fn local(y: i16, m: u8, d: u8, h: i64, mi: i64) -> i64 {
    let date = kalends_ical_core::value::Date::new(y, m, d).unwrap();
    i64::from(date.unix_days()) * 86_400 + h * 3600 + mi * 60
}

#[test]
fn rfc_vtimezone_agrees_with_iana_new_york() {
    let vtz = zone_from(US_EASTERN);
    let iana = Zone::iana("America/New_York").unwrap();
    // Every 7 h 13 min from 1988 to 2040, local times and instants.
    let start = local(1988, 1, 1, 0, 0);
    let end = local(2040, 1, 1, 0, 0);
    let mut t = start;
    let mut checked = 0;
    while t < end {
        assert_eq!(vtz.resolve_local(t), iana.resolve_local(t), "local {t}");
        assert_eq!(vtz.offset_at(t), iana.offset_at(t), "instant {t}");
        t += 7 * 3600 + 13 * 60;
        checked += 1;
    }
    assert!(checked > 60_000);
    // The hours around each transition, minute by minute, in two years of
    // each rule.
    for (y, m, d) in [
        (1995, 4, 2),
        (1995, 10, 29),
        (2024, 3, 10),
        (2024, 11, 3),
        (2039, 3, 13),
    ] {
        let base = local(y, m, d, 0, 0);
        for minute in 0..(5 * 60) {
            let l = base + minute * 60;
            assert_eq!(
                vtz.resolve_local(l),
                iana.resolve_local(l),
                "{y}-{m}-{d} +{minute}min"
            );
        }
    }
}

#[test]
fn vtimezone_zone_expands_like_iana_new_york() {
    let vtz = zone_from(US_EASTERN);
    let iana = Zone::iana("America/New_York").unwrap();
    let rule = Recur::parse("FREQ=DAILY;BYHOUR=1,2,3;BYMINUTE=30;COUNT=400").unwrap();
    let start = DateOrDateTime::parse("20240301T013000").unwrap();
    let a = Recurrence::new(&rule, start, Some(&vtz), &Options::default()).unwrap();
    let b = Recurrence::new(&rule, start, Some(&iana), &Options::default()).unwrap();
    let a: Vec<_> = a.iter().map(|i| i.unwrap()).collect();
    let b: Vec<_> = b.iter().map(|i| i.unwrap()).collect();
    assert_eq!(a, b);
    assert_eq!(a.len(), 400);
}

#[test]
fn zone_defined_only_by_a_vtimezone() {
    let zone = zone_from(ONLY_VTIMEZONE);
    assert_eq!(zone.name(), Some("Custom/Ninety"));
    // 2024: summer time from Sunday 7 April 01:00 (+03:00) to Saturday
    // 28 September 03:00 (+04:30).
    let gap = zone.resolve_local(local(2024, 4, 7, 1, 45));
    assert_eq!(gap.kind, LocalKind::Gap);
    assert_eq!(
        gap.utc,
        local(2024, 4, 6, 22, 45),
        "read with +03:00, the offset before the gap"
    );
    let fold = zone.resolve_local(local(2024, 9, 28, 2, 0));
    assert_eq!(fold.kind, LocalKind::Fold);
    assert_eq!(
        fold.utc,
        local(2024, 9, 27, 21, 30),
        "the first occurrence, at +04:30"
    );
    assert_eq!(zone.offset_at(local(2024, 7, 1, 0, 0)), 16_200);
    assert_eq!(zone.offset_at(local(2024, 12, 1, 0, 0)), 10_800);
    // Valid in any year: the RRULEs have no end.
    assert_eq!(zone.offset_at(local(2391, 7, 1, 0, 0)), 16_200);
    assert_eq!(zone.offset_at(local(2391, 1, 1, 0, 0)), 10_800);
}

#[test]
fn events_in_a_vtimezone_only_zone_drop_the_gap() {
    let doc = kalends_ical_core::parse(ONLY_VTIMEZONE).unwrap();
    let cal = doc.calendar().unwrap();
    let got = kalends_rrule::expand_calendar(
        cal,
        "2024-04-01T00:00Z".parse().unwrap(),
        "2024-05-01T00:00Z".parse().unwrap(),
        &kalends_rrule::ExpandOptions::default(),
    )
    .unwrap();
    let starts: Vec<String> = got.iter().map(|o| o.start.to_string()).collect();
    // 2024-04-07T01:30 lies in the gap (01:00 to 02:30): dropped, not counted.
    assert_eq!(
        starts,
        [
            "20240405T013000",
            "20240406T013000",
            "20240408T013000",
            "20240409T013000",
            "20240410T013000"
        ]
    );
    let utc: Vec<String> = got
        .iter()
        .map(|o| o.start.timestamp().strftime("%Y%m%dT%H%M%SZ").to_string())
        .collect();
    assert_eq!(
        utc,
        [
            "20240404T223000Z",
            "20240405T223000Z",
            "20240407T210000Z",
            "20240408T210000Z",
            "20240409T210000Z"
        ]
    );
    // DURATION:PT30M is exact elapsed time.
    assert!(
        got.iter()
            .all(|o| o.end.utc_seconds() - o.start.utc_seconds() == 1800)
    );
}

#[test]
fn calendar_vtimezone_takes_precedence_over_iana() {
    // A VTIMEZONE named like an IANA zone but with other rules wins.
    let text = ONLY_VTIMEZONE.replace("Custom/Ninety", "Europe/Berlin");
    let doc = kalends_ical_core::parse(&text).unwrap();
    let resolver = ZoneResolver::from_calendar(doc.calendar().unwrap());
    let z = resolver.resolve("Europe/Berlin").unwrap();
    assert_eq!(z.offset_at(local(2024, 12, 1, 0, 0)), 10_800);
    // Not in the calendar: IANA, then aliases; unknown: an error.
    assert_eq!(
        resolver.resolve("Europe/Paris").unwrap().name(),
        Some("Europe/Paris")
    );
    assert!(
        resolver
            .resolve("Nowhere/Special")
            .unwrap_err()
            .is_unknown_zone()
    );
}

#[test]
fn broken_vtimezone_is_a_typed_error() {
    let text = ONLY_VTIMEZONE.replace("TZOFFSETTO:+0430\r\n", "");
    let doc = kalends_ical_core::parse(&text).unwrap();
    let cal = doc.calendar().unwrap();
    let vtz = cal.components_named("VTIMEZONE").next().unwrap();
    let e = VTimeZone::from_component(vtz).unwrap_err();
    assert_eq!(e.kind(), kalends_rrule::ErrorKind::InvalidZone);
    assert!(e.message().contains("TZOFFSETTO"), "{}", e.message());
    // Expanding the event that uses it reports that error, not UTC.
    let err = kalends_rrule::expand_calendar(
        cal,
        "2024-04-01T00:00Z".parse().unwrap(),
        "2024-05-01T00:00Z".parse().unwrap(),
        &kalends_rrule::ExpandOptions::default(),
    )
    .unwrap_err();
    assert_eq!(err.kind(), kalends_rrule::ErrorKind::InvalidZone);
}
