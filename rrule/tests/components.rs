//! Occurrences of components and calendars: ends, overrides (including
//! RANGE=THISANDFUTURE and cancelled ones), RDATE periods, EXDATE, windows.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use kalends_rrule::{ExpandOptions, Occurrence, expand_calendar, expand_calendar_lenient};

fn calendar(body: &str) -> String {
    format!(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//kalends//tests//EN\r\n{}END:VCALENDAR\r\n",
        body.replace('\n', "\r\n")
    )
}

/// `start/end` of each occurrence, with `!` for overrides.
fn show(occ: &[Occurrence<'_, '_>]) -> Vec<String> {
    occ.iter()
        .map(|o| {
            format!(
                "{}/{}{}",
                o.start,
                o.end,
                if o.is_override { "!" } else { "" }
            )
        })
        .collect()
}

fn expand(text: &str, from: &str, to: &str) -> Vec<String> {
    let doc = kalends_ical_core::parse(text).unwrap();
    let cal = doc.calendar().unwrap();
    show(
        &expand_calendar(
            cal,
            from.parse().unwrap(),
            to.parse().unwrap(),
            &ExpandOptions::default(),
        )
        .unwrap(),
    )
}

#[test]
fn dtend_duration_and_all_day_lengths() {
    let text = calendar(
        "BEGIN:VEVENT
UID:dtend
DTSTAMP:20240101T000000Z
DTSTART;TZID=America/New_York:20240308T233000
DTEND;TZID=America/New_York:20240309T023000
RRULE:FREQ=DAILY;COUNT=3
END:VEVENT
BEGIN:VEVENT
UID:duration
DTSTAMP:20240101T000000Z
DTSTART;TZID=America/New_York:20240309T120000
DURATION:P1D
RRULE:FREQ=DAILY;COUNT=2
END:VEVENT
BEGIN:VEVENT
UID:allday
DTSTAMP:20240101T000000Z
DTSTART;VALUE=DATE:20240320
END:VEVENT
",
    );
    let got = expand(&text, "2024-03-01T00:00Z", "2024-04-01T00:00Z");
    assert_eq!(
        got,
        [
            // DTEND: the same exact duration (3 h) for every occurrence, so
            // the one that spans the gap (02:00 EST to 03:00 EDT) ends at
            // 03:30 EDT.
            "20240308T233000/20240309T023000",
            // DURATION:P1D is nominal: noon to noon across the gap (23 h).
            "20240309T120000/20240310T120000",
            "20240309T233000/20240310T033000",
            "20240310T120000/20240311T120000",
            "20240310T233000/20240311T023000",
            "20240320/20240321",
        ]
    );
}

#[test]
fn overrides_move_cancel_and_thisandfuture() {
    let text = calendar(
        "BEGIN:VEVENT
UID:s
DTSTAMP:20240101T000000Z
DTSTART;TZID=Europe/Berlin:20240101T090000
DTEND;TZID=Europe/Berlin:20240101T100000
RRULE:FREQ=WEEKLY;COUNT=6
EXDATE;TZID=Europe/Berlin:20240122T090000
END:VEVENT
BEGIN:VEVENT
UID:s
DTSTAMP:20240101T000000Z
RECURRENCE-ID;TZID=Europe/Berlin:20240108T090000
DTSTART;TZID=Europe/Berlin:20240109T140000
DTEND;TZID=Europe/Berlin:20240109T143000
SUMMARY:moved
END:VEVENT
BEGIN:VEVENT
UID:s
DTSTAMP:20240101T000000Z
RECURRENCE-ID;TZID=Europe/Berlin:20240115T090000
STATUS:CANCELLED
END:VEVENT
BEGIN:VEVENT
UID:s
DTSTAMP:20240101T000000Z
RECURRENCE-ID;RANGE=THISANDFUTURE;TZID=Europe/Berlin:20240129T090000
DTSTART;TZID=Europe/Berlin:20240129T110000
DTEND;TZID=Europe/Berlin:20240129T113000
SUMMARY:later
END:VEVENT
",
    );
    let got = expand(&text, "2024-01-01T00:00Z", "2024-03-01T00:00Z");
    assert_eq!(
        got,
        [
            "20240101T090000/20240101T100000",
            "20240109T140000/20240109T143000!",
            // 15 January is cancelled, 22 January excluded.
            "20240129T110000/20240129T113000!",
            "20240205T110000/20240205T113000!",
        ]
    );
    // The moved occurrence keeps its RECURRENCE-ID and its component.
    let doc = kalends_ical_core::parse(&text).unwrap();
    let occ = expand_calendar(
        doc.calendar().unwrap(),
        "2024-01-09T00:00Z".parse().unwrap(),
        "2024-01-10T00:00Z".parse().unwrap(),
        &ExpandOptions::default(),
    )
    .unwrap();
    assert_eq!(occ.len(), 1);
    assert_eq!(occ[0].recurrence_id.unwrap().to_string(), "20240108T090000");
    assert_eq!(
        occ[0].component.property("SUMMARY").unwrap().value(),
        "moved"
    );
    // With include_cancelled the cancelled one comes back, marked.
    let opts = ExpandOptions {
        include_cancelled: true,
        ..ExpandOptions::default()
    };
    let occ = expand_calendar(
        doc.calendar().unwrap(),
        "2024-01-15T00:00Z".parse().unwrap(),
        "2024-01-16T00:00Z".parse().unwrap(),
        &opts,
    )
    .unwrap();
    assert_eq!(occ.len(), 1);
    assert!(occ[0].cancelled);
}

#[test]
fn override_moved_into_the_window_from_outside() {
    let text = calendar(
        "BEGIN:VEVENT
UID:m
DTSTAMP:20240101T000000Z
DTSTART:20240101T090000Z
DURATION:PT1H
RRULE:FREQ=MONTHLY;COUNT=12
END:VEVENT
BEGIN:VEVENT
UID:m
DTSTAMP:20240101T000000Z
RECURRENCE-ID:20240601T090000Z
DTSTART:20240315T120000Z
DURATION:PT1H
END:VEVENT
",
    );
    let got = expand(&text, "2024-03-10T00:00Z", "2024-03-20T00:00Z");
    assert_eq!(got, ["20240315T120000Z/20240315T130000Z!"]);
    // And its original slot in June is empty.
    let got = expand(&text, "2024-06-01T00:00Z", "2024-06-02T00:00Z");
    assert!(got.is_empty(), "{got:?}");
}

#[test]
fn rdate_periods_and_dates() {
    let text = calendar(
        "BEGIN:VEVENT
UID:r
DTSTAMP:20240101T000000Z
DTSTART:20240101T090000Z
DTEND:20240101T100000Z
RDATE;VALUE=PERIOD:20240105T120000Z/PT3H,20240107T080000Z/20240107T083000Z
RDATE:20240110T090000Z
END:VEVENT
",
    );
    let got = expand(&text, "2024-01-01T00:00Z", "2024-02-01T00:00Z");
    assert_eq!(
        got,
        [
            "20240101T090000Z/20240101T100000Z",
            "20240105T120000Z/20240105T150000Z",
            "20240107T080000Z/20240107T083000Z",
            "20240110T090000Z/20240110T100000Z",
        ]
    );
}

#[test]
fn overlap_test_of_caldav() {
    let text = calendar(
        "BEGIN:VEVENT
UID:o
DTSTAMP:20240101T000000Z
DTSTART:20240101T090000Z
DTEND:20240101T100000Z
END:VEVENT
BEGIN:VEVENT
UID:z
DTSTAMP:20240101T000000Z
DTSTART:20240101T100000Z
END:VEVENT
",
    );
    // Ends at the window's start: no overlap. Zero duration at the start: in.
    assert_eq!(
        expand(&text, "2024-01-01T10:00Z", "2024-01-01T11:00Z"),
        ["20240101T100000Z/20240101T100000Z"]
    );
    // Starts at the window's end: no overlap.
    assert!(expand(&text, "2024-01-01T08:00Z", "2024-01-01T09:00Z").is_empty());
    // Inside.
    assert_eq!(
        expand(&text, "2024-01-01T09:30Z", "2024-01-01T09:31Z"),
        ["20240101T090000Z/20240101T100000Z"]
    );
}

#[test]
fn floating_events_use_the_floating_zone() {
    let text = calendar(
        "BEGIN:VEVENT
UID:f
DTSTAMP:20240101T000000Z
DTSTART:20240101T090000
DURATION:PT1H
RRULE:FREQ=DAILY;COUNT=2
END:VEVENT
",
    );
    let doc = kalends_ical_core::parse(&text).unwrap();
    let mut opts = ExpandOptions::default();
    opts.recurrence.floating_zone = Some(kalends_rrule::Zone::iana("Asia/Tokyo").unwrap());
    // 09:00 in Tokyo is 00:00Z.
    let occ = expand_calendar(
        doc.calendar().unwrap(),
        "2024-01-02T00:00Z".parse().unwrap(),
        "2024-01-02T00:30Z".parse().unwrap(),
        &opts,
    )
    .unwrap();
    assert_eq!(show(&occ), ["20240102T090000/20240102T100000"]);
}

#[test]
fn calendar_stream_is_time_ordered_across_components() {
    let text = calendar(
        "BEGIN:VEVENT
UID:a
DTSTAMP:20240101T000000Z
DTSTART:20240101T120000Z
RRULE:FREQ=DAILY;COUNT=3
END:VEVENT
BEGIN:VTODO
UID:b
DTSTAMP:20240101T000000Z
DUE:20240102T060000Z
RRULE:FREQ=DAILY;COUNT=3
END:VTODO
BEGIN:VJOURNAL
UID:c
DTSTAMP:20240101T000000Z
DTSTART;VALUE=DATE:20240102
END:VJOURNAL
",
    );
    let got = expand(&text, "2024-01-01T00:00Z", "2024-01-10T00:00Z");
    assert_eq!(
        got,
        [
            "20240101T120000Z/20240101T120000Z",
            "20240102/20240102",
            "20240102T060000Z/20240102T060000Z",
            "20240102T120000Z/20240102T120000Z",
            "20240103T060000Z/20240103T060000Z",
            "20240103T120000Z/20240103T120000Z",
            "20240104T060000Z/20240104T060000Z",
        ]
    );
}

#[test]
fn unknown_tzid_is_an_error_or_a_skipped_component() {
    let text = calendar(
        "BEGIN:VEVENT
UID:bad
DTSTAMP:20240101T000000Z
DTSTART;TZID=Mars/Olympus_Mons:20240101T090000
END:VEVENT
BEGIN:VEVENT
UID:good
DTSTAMP:20240101T000000Z
DTSTART;TZID=Eastern Standard Time:20240101T090000
END:VEVENT
",
    );
    let doc = kalends_ical_core::parse(&text).unwrap();
    let cal = doc.calendar().unwrap();
    let (from, to) = (
        "2024-01-01T00:00Z".parse().unwrap(),
        "2024-01-02T00:00Z".parse().unwrap(),
    );
    let err = expand_calendar(cal, from, to, &ExpandOptions::default()).unwrap_err();
    assert!(err.is_unknown_zone());
    let (occ, problems) =
        expand_calendar_lenient(cal, from, to, &ExpandOptions::default()).unwrap();
    assert_eq!(problems.len(), 1);
    assert_eq!(occ.len(), 1);
    assert_eq!(occ[0].start.timestamp().to_string(), "2024-01-01T14:00:00Z");
}

#[test]
fn far_window_of_an_unbounded_series() {
    let text = calendar(
        "BEGIN:VEVENT
UID:far
DTSTAMP:20240101T000000Z
DTSTART;TZID=Europe/Berlin:19700101T090000
DURATION:PT15M
RRULE:FREQ=DAILY
END:VEVENT
",
    );
    let got = expand(&text, "2100-03-27T00:00Z", "2100-03-30T00:00Z");
    assert_eq!(
        got,
        [
            "21000327T090000/21000327T091500",
            "21000328T090000/21000328T091500",
            "21000329T090000/21000329T091500"
        ]
    );
}
