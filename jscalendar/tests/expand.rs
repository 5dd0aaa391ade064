//! Instances in a window: a recurring Event or Task expands to the same
//! occurrences from its iCalendar form (kalends-rrule directly) and from its
//! JSCalendar form (`kalends_jscalendar::expand`), in both profiles.

// Helpers outside `#[test]` functions may unwrap, panic and index too: a
// failure there is a failed test (clippy.toml allows it only inside `#[test]`).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use kalends_jscalendar::Json;
use kalends_jscalendar::convert::{Profile, ical_to_jscal, jscal_to_ical_as};
use kalends_jscalendar::expand::{ExpandOptions, Occurrence, expand};

/// Seconds since the epoch of a UTC `YYYY-MM-DDTHH:MM:SSZ` text.
fn secs(text: &str) -> i64 {
    text.parse::<jiff::Timestamp>().unwrap().as_second()
}

/// (recurrence id as local seconds, start, end) of each occurrence.
type Row = (Option<i64>, i64, i64);

fn local_secs(text: &str) -> i64 {
    let dt: jiff::civil::DateTime = text.parse().unwrap();
    dt.to_zoned(jiff::tz::TimeZone::UTC)
        .unwrap()
        .timestamp()
        .as_second()
}

fn from_ical(text: &str, start: i64, end: i64) -> Vec<Row> {
    let doc = kalends_ical_core::parse(text).unwrap();
    let cal = doc.components.first().unwrap();
    let opts = kalends_rrule::ExpandOptions {
        include_cancelled: true,
        ..Default::default()
    };
    let got = kalends_rrule::expand_calendar(
        cal,
        jiff::Timestamp::from_second(start).unwrap(),
        jiff::Timestamp::from_second(end).unwrap(),
        &opts,
    )
    .unwrap();
    got.iter()
        .map(|o| {
            (
                o.recurrence_id.map(|r| r.local_seconds()),
                o.start.utc_seconds(),
                o.end.utc_seconds(),
            )
        })
        .collect()
}

fn rows(got: &[Occurrence]) -> Vec<Row> {
    got.iter()
        .map(|o| {
            (
                o.recurrence_id.as_deref().map(local_secs),
                o.start_utc,
                o.end_utc,
            )
        })
        .collect()
}

const SERIES: &str = "BEGIN:VCALENDAR\r\n\
VERSION:2.0\r\n\
PRODID:-//kalends//tests//EN\r\n\
BEGIN:VTIMEZONE\r\n\
TZID:Custom/Office\r\n\
BEGIN:STANDARD\r\n\
DTSTART:19701025T030000\r\n\
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\n\
TZOFFSETFROM:+0200\r\n\
TZOFFSETTO:+0100\r\n\
END:STANDARD\r\n\
BEGIN:DAYLIGHT\r\n\
DTSTART:19700329T020000\r\n\
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\n\
TZOFFSETFROM:+0100\r\n\
TZOFFSETTO:+0200\r\n\
END:DAYLIGHT\r\n\
END:VTIMEZONE\r\n\
BEGIN:VEVENT\r\n\
UID:weekly@example.com\r\n\
DTSTAMP:20240101T000000Z\r\n\
DTSTART;TZID=Custom/Office:20240318T090000\r\n\
DURATION:PT1H30M\r\n\
SUMMARY:Weekly review\r\n\
RRULE:FREQ=WEEKLY;BYDAY=MO,TH;UNTIL=20240430T235959Z\r\n\
EXDATE;TZID=Custom/Office:20240321T090000\r\n\
RDATE;TZID=Custom/Office:20240323T120000\r\n\
END:VEVENT\r\n\
BEGIN:VEVENT\r\n\
UID:weekly@example.com\r\n\
DTSTAMP:20240101T000000Z\r\n\
RECURRENCE-ID;TZID=Custom/Office:20240401T090000\r\n\
DTSTART;TZID=Custom/Office:20240401T140000\r\n\
DURATION:PT2H\r\n\
SUMMARY:Weekly review (afternoon)\r\n\
END:VEVENT\r\n\
BEGIN:VEVENT\r\n\
UID:weekly@example.com\r\n\
DTSTAMP:20240101T000000Z\r\n\
RECURRENCE-ID;TZID=Custom/Office:20240411T090000\r\n\
DTSTART;TZID=Custom/Office:20240411T090000\r\n\
DURATION:PT1H30M\r\n\
SUMMARY:Weekly review\r\n\
STATUS:CANCELLED\r\n\
END:VEVENT\r\n\
END:VCALENDAR\r\n";

#[test]
fn recurring_event_with_overrides_expands_alike_from_both_forms() {
    let (start, end) = (secs("2024-03-01T00:00:00Z"), secs("2024-05-01T00:00:00Z"));
    let want = from_ical(SERIES, start, end);
    // 7 Mondays and 6 Thursdays from 18 March to 29 April, less the EXDATE,
    // plus the RDATE: the DST change on 31 March is crossed.
    assert_eq!(want.len(), 13, "{want:?}");
    for profile in [Profile::Rfc8984, Profile::Bis] {
        let doc = kalends_ical_core::parse(SERIES).unwrap();
        let js = ical_to_jscal(&doc, profile).unwrap();
        let got = expand(&js, start, end, &ExpandOptions::default()).unwrap();
        assert_eq!(rows(&got), want, "{profile}: {}", js.to_json_pretty());
        // The override patches are applied.
        let moved = got
            .iter()
            .find(|o| o.recurrence_id.as_deref() == Some("2024-04-01T09:00:00"))
            .unwrap();
        assert!(moved.is_override);
        assert_eq!(
            moved.object.get("title").and_then(Json::as_str),
            Some("Weekly review (afternoon)")
        );
        assert_eq!(
            moved.object.get("start").and_then(Json::as_str),
            Some("2024-04-01T14:00:00")
        );
        assert!(moved.object.get("recurrenceOverrides").is_none());
        let cancelled = got
            .iter()
            .find(|o| o.recurrence_id.as_deref() == Some("2024-04-11T09:00:00"))
            .unwrap();
        assert_eq!(
            cancelled.object.get("status").and_then(Json::as_str),
            Some("cancelled")
        );
        // Converting the JSCalendar form back gives a calendar that expands
        // alike too.
        let back = jscal_to_ical_as(&js, profile).unwrap();
        assert_eq!(from_ical(&back.to_string(), start, end), want, "{profile}");
    }
}

#[test]
fn jscalendar_event_expands_as_rfc_8984_describes() {
    // RFC 8984 §6.5 (recurring event with overrides), in a window.
    let event = Json::parse(
        r#"{
      "@type": "Event",
      "uid": "a8df6573-0474-496d-8496-033ad45d7fea",
      "updated": "2020-01-14T09:00:00Z",
      "title": "Calculus I",
      "start": "2020-01-08T09:00:00",
      "timeZone": "Europe/London",
      "duration": "PT1H30M",
      "locations": {"mlab": {"@type": "Location", "title": "Math lab room 1"}},
      "recurrenceRules": [{"@type": "RecurrenceRule", "frequency": "weekly",
                           "until": "2020-06-24T09:00:00"}],
      "recurrenceOverrides": {
        "2020-01-07T14:00:00": {"title": "Introduction to Calculus I (optional)"},
        "2020-04-01T09:00:00": {"excluded": true},
        "2020-06-25T09:00:00": {"title": "Calculus I Exam", "start": "2020-06-25T10:00:00",
                                "duration": "PT2H",
                                "locations": {"auditorium": {"@type": "Location",
                                                             "title": "Big Auditorium"}}}
      }
    }"#,
    )
    .unwrap();
    let all = expand(
        &event,
        secs("2020-01-01T00:00:00Z"),
        secs("2020-07-01T00:00:00Z"),
        &ExpandOptions::default(),
    )
    .unwrap();
    // 25 Wednesdays from 8 January to 24 June, less 1 April, plus the two
    // extra occurrences.
    assert_eq!(all.len(), 26);
    let first = all.first().unwrap();
    assert_eq!(
        first.recurrence_id.as_deref(),
        Some("2020-01-07T14:00:00"),
        "{first:?}"
    );
    assert_eq!(
        first.object.get("title").and_then(Json::as_str),
        Some("Introduction to Calculus I (optional)")
    );
    // London is UTC in winter, UTC+1 from 29 March.
    let second = all.get(1).unwrap();
    assert_eq!(second.start_utc, secs("2020-01-08T09:00:00Z"));
    assert_eq!(second.end_utc, secs("2020-01-08T10:30:00Z"));
    assert!(
        !all.iter()
            .any(|o| o.recurrence_id.as_deref() == Some("2020-04-01T09:00:00"))
    );
    let april = all
        .iter()
        .find(|o| o.recurrence_id.as_deref() == Some("2020-04-08T09:00:00"))
        .unwrap();
    assert_eq!(april.start_utc, secs("2020-04-08T08:00:00Z"));
    let exam = all.last().unwrap();
    assert_eq!(exam.recurrence_id.as_deref(), Some("2020-06-25T09:00:00"));
    assert_eq!(exam.start_utc, secs("2020-06-25T09:00:00Z"));
    assert_eq!(exam.end_utc, secs("2020-06-25T11:00:00Z"));
    assert_eq!(
        exam.object.get("title").and_then(Json::as_str),
        Some("Calculus I Exam")
    );
    assert_eq!(
        exam.object
            .get("recurrenceIdTimeZone")
            .and_then(Json::as_str),
        Some("Europe/London")
    );
    let locations = exam
        .object
        .get("locations")
        .and_then(Json::as_object)
        .unwrap();
    // The patch replaces the whole `locations` map (RFC 8984 §6.5).
    assert_eq!(locations.keys().collect::<Vec<_>>(), ["auditorium"]);
    // A narrower window.
    let june = expand(
        &event,
        secs("2020-06-17T00:00:00Z"),
        secs("2020-06-25T09:30:00Z"),
        &ExpandOptions::default(),
    )
    .unwrap();
    let ids: Vec<&str> = june
        .iter()
        .filter_map(|o| o.recurrence_id.as_deref())
        .collect();
    assert_eq!(
        ids,
        [
            "2020-06-17T09:00:00",
            "2020-06-24T09:00:00",
            "2020-06-25T09:00:00"
        ]
    );
}

#[test]
fn group_time_zones_and_tasks() {
    // A draft -11 Group whose custom time zone serves its entries, and a
    // recurring Task with a due date-time.
    let group = Json::parse(
        r#"{"@type": "Group", "uid": "g", "updated": "2024-01-01T00:00:00Z",
      "timeZones": {"/Fixed": {"@type": "TimeZone", "tzId": "Fixed",
        "standard": [{"@type": "TimeZoneRule", "start": "1970-01-01T00:00:00",
                      "offsetFrom": "+0300", "offsetTo": "+0300"}]}},
      "entries": [
        {"@type": "Event", "uid": "e", "updated": "2024-01-01T00:00:00Z",
         "start": "2024-02-01T10:00:00", "timeZone": "/Fixed", "duration": "PT1H",
         "recurrenceRules": [{"@type": "RecurrenceRule", "frequency": "monthly", "count": 3}]},
        {"@type": "Task", "uid": "t", "updated": "2024-01-01T00:00:00Z",
         "start": "2024-02-05T08:00:00", "due": "2024-02-05T12:00:00",
         "timeZone": "Etc/UTC",
         "recurrenceRules": [{"@type": "RecurrenceRule", "frequency": "weekly", "count": 2}]}
      ]}"#,
    )
    .unwrap();
    let got = expand(
        &group,
        secs("2024-01-01T00:00:00Z"),
        secs("2025-01-01T00:00:00Z"),
        &ExpandOptions::default(),
    )
    .unwrap();
    let summary: Vec<(i64, i64)> = got.iter().map(|o| (o.start_utc, o.end_utc)).collect();
    assert_eq!(
        summary,
        [
            (secs("2024-02-01T07:00:00Z"), secs("2024-02-01T08:00:00Z")),
            (secs("2024-02-05T08:00:00Z"), secs("2024-02-05T12:00:00Z")),
            (secs("2024-02-12T08:00:00Z"), secs("2024-02-12T12:00:00Z")),
            (secs("2024-03-01T07:00:00Z"), secs("2024-03-01T08:00:00Z")),
            (secs("2024-04-01T07:00:00Z"), secs("2024-04-01T08:00:00Z")),
        ]
    );
    let task = got.get(2).unwrap();
    assert_eq!(
        task.object.get("due").and_then(Json::as_str),
        Some("2024-02-12T12:00:00")
    );
}

#[test]
fn single_objects_floating_times_and_errors() {
    let one = Json::parse(
        r#"{"@type": "Event", "uid": "x", "updated": "2024-01-01T00:00:00Z",
            "start": "2024-03-01T09:00:00", "duration": "PT1H"}"#,
    )
    .unwrap();
    let got = expand(
        &one,
        secs("2024-03-01T00:00:00Z"),
        secs("2024-03-02T00:00:00Z"),
        &ExpandOptions::default(),
    )
    .unwrap();
    assert_eq!(got.len(), 1);
    assert!(got.first().unwrap().recurrence_id.is_none());
    assert_eq!(got.first().unwrap().start_utc, secs("2024-03-01T09:00:00Z"));
    // Floating times placed in another zone.
    let opts = ExpandOptions {
        floating_zone: Some("America/New_York".to_owned()),
        ..ExpandOptions::default()
    };
    let got = expand(
        &one,
        secs("2024-03-01T00:00:00Z"),
        secs("2024-03-02T00:00:00Z"),
        &opts,
    )
    .unwrap();
    assert_eq!(got.first().unwrap().start_utc, secs("2024-03-01T14:00:00Z"));
    // Outside the window: nothing.
    let none = expand(
        &one,
        secs("2024-04-01T00:00:00Z"),
        secs("2024-04-02T00:00:00Z"),
        &ExpandOptions::default(),
    )
    .unwrap();
    assert!(none.is_empty());
    // Not an Event: an error.
    let err = expand(
        &Json::parse(r#"{"@type": "Location"}"#).unwrap(),
        0,
        1,
        &ExpandOptions::default(),
    )
    .unwrap_err();
    assert_eq!(err.kind(), kalends_jscalendar::ErrorKind::Unsupported);
    // The budget.
    let daily = Json::parse(
        r#"{"@type": "Event", "uid": "d", "updated": "2024-01-01T00:00:00Z",
            "start": "2024-01-01T09:00:00", "timeZone": "Europe/Paris",
            "recurrenceRules": [{"@type": "RecurrenceRule", "frequency": "daily"}]}"#,
    )
    .unwrap();
    let small = ExpandOptions {
        max_occurrences: 10,
        ..ExpandOptions::default()
    };
    let err = expand(
        &daily,
        secs("2024-01-01T00:00:00Z"),
        secs("2025-01-01T00:00:00Z"),
        &small,
    )
    .unwrap_err();
    assert_eq!(err.kind(), kalends_jscalendar::ErrorKind::LimitExceeded);
}

/// A daily series from 2026-01-01 with `n` RECURRENCE-ID overrides (each
/// an hour later, with its own title) and `rdates` RDATEs at noon, each of
/// them overridden too.
fn big_series(n: usize, rdates: usize) -> String {
    let day = |i: usize| {
        jiff::civil::date(2026, 1, 1)
            .checked_add(jiff::Span::new().days(i as i64))
            .unwrap()
            .strftime("%Y%m%d")
            .to_string()
    };
    let mut s = String::from(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//kalends//tests//EN\r\n\
         BEGIN:VEVENT\r\nUID:big@example.com\r\nDTSTAMP:20260101T000000Z\r\n\
         DTSTART;TZID=Europe/Berlin:20260101T090000\r\nDURATION:PT1H\r\n\
         SUMMARY:main\r\nRRULE:FREQ=DAILY\r\n",
    );
    for i in 0..rdates {
        s.push_str(&format!("RDATE;TZID=Europe/Berlin:{}T120000\r\n", day(i)));
    }
    s.push_str("END:VEVENT\r\n");
    let mut add = |rid: String, start: String, title: String| {
        s.push_str(&format!(
            "BEGIN:VEVENT\r\nUID:big@example.com\r\nDTSTAMP:20260101T000000Z\r\n\
             RECURRENCE-ID;TZID=Europe/Berlin:{rid}\r\n\
             DTSTART;TZID=Europe/Berlin:{start}\r\nDURATION:PT1H\r\n\
             SUMMARY:{title}\r\nEND:VEVENT\r\n"
        ));
    };
    for i in 0..n {
        add(
            format!("{}T090000", day(i)),
            format!("{}T100000", day(i)),
            format!("o{i}"),
        );
    }
    for i in 0..rdates {
        add(
            format!("{}T120000", day(i)),
            format!("{}T130000", day(i)),
            format!("r{i}"),
        );
    }
    s.push_str("END:VCALENDAR\r\n");
    s
}

#[test]
fn thousands_of_overrides_convert_and_expand_in_linear_time() {
    // Each override used to copy the whole main object, overrides and all,
    // and to look up its key among all the others: quadratic time (48 s
    // for 32,000 overrides to JSCalendar, 146 s back).
    let (n, rdates) = (6_000, 600);
    let text = big_series(n, rdates);
    let (start, end) = (secs("2026-01-01T00:00:00Z"), secs("2043-01-01T00:00:00Z"));
    let want = from_ical(&text, start, end);
    let doc = kalends_ical_core::parse(&text).unwrap();
    for profile in [Profile::Rfc8984, Profile::Bis] {
        let js = ical_to_jscal(&doc, profile).unwrap();
        let event = &js["entries"][0];
        let overrides = event["recurrenceOverrides"].as_object().unwrap();
        assert_eq!(overrides.len(), n + rdates, "{profile}");
        // Every override is a patch of its own occurrence.
        for (key, patch) in overrides {
            let days = (local_secs(key) - local_secs("2026-01-01T00:00:00")) / 86_400;
            let (prefix, hour) = if key.ends_with("T12:00:00") {
                ("r", "13")
            } else {
                ("o", "10")
            };
            assert_eq!(
                patch["title"],
                Json::from(format!("{prefix}{days}")),
                "{profile} {key}"
            );
            let start = patch["start"].as_str().unwrap();
            assert_eq!(start, format!("{}T{hour}:00:00", &key[..10]), "{profile}");
        }
        // The overridden RDATEs: `rdate` notes of the main object.
        assert_eq!(
            event[if profile == Profile::Bis {
                "iCalendar"
            } else {
                "iCalComponent"
            }]["convertedProperties"]
                .as_object()
                .unwrap()
                .keys()
                .filter(|k| k.ends_with("T12:00:00"))
                .count(),
            rdates,
            "{profile}"
        );
        // The JSCalendar form expands to the same occurrences...
        let got = expand(&js, start, end, &ExpandOptions::default()).unwrap();
        assert_eq!(rows(&got), want, "{profile}");
        let titled = got
            .iter()
            .filter(|o| o.is_override)
            .filter(|o| {
                let title = o.object["title"].as_str().unwrap();
                let rid = o.recurrence_id.as_deref().unwrap();
                let days = (local_secs(rid) - local_secs("2026-01-01T00:00:00")) / 86_400;
                let prefix = if rid.ends_with("T12:00:00") { "r" } else { "o" };
                title == format!("{prefix}{days}")
            })
            .count();
        assert_eq!(titled, n + rdates, "{profile}");
        // ...and converts back to a calendar that does.
        let back = jscal_to_ical_as(&js, profile).unwrap();
        assert_eq!(back.components[0].components().len(), 1 + n + rdates);
        assert_eq!(from_ical(&back.to_string(), start, end), want, "{profile}");
    }
}
