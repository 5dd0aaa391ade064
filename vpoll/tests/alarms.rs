//! The alarm schedule: a recurring event with an override, a DST change,
//! acknowledged alarms, an alarm snoozed twice (RFC 9074 §7.2), absolute
//! triggers, REPEAT, ACTION:NONE and proximity alarms, a to-do, and a
//! real-world calendar. Expected times are worked out by hand in the
//! comments.

// Test helpers outside `#[test]` functions may fail loudly too (clippy.toml
// allows this only inside them).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use kalends_ical_core::value::DateTime;
use kalends_ical_core::{Component, ParseOptions, Strict};
use kalends_vpoll::{
    AlarmAction, AlarmFiring, AlarmRef, ErrorKind, ScheduleOptions, alarm_schedule,
    alarm_schedule_text, read_with, snooze, snooze_uid,
};

fn data(name: &str) -> String {
    let path = format!("{}/tests/data/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn at(s: &str) -> DateTime {
    s.parse().unwrap()
}

fn run(text: &str, from: &str, to: &str) -> Vec<AlarmFiring> {
    alarm_schedule_text(text, at(from), at(to), &ScheduleOptions::default()).unwrap()
}

/// (time, instance, description or alarm UID) of each firing.
fn brief(f: &[AlarmFiring]) -> Vec<(String, String, String)> {
    f.iter()
        .map(|f| {
            (
                f.at.to_string(),
                f.instance.clone().unwrap_or_default(),
                f.description
                    .clone()
                    .or_else(|| f.alarm_uid.clone())
                    .unwrap_or_default(),
            )
        })
        .collect()
}

fn row(a: &str, i: &str, d: &str) -> (String, String, String) {
    (a.into(), i.into(), d.into())
}

/// Weekly at 10:00 Berlin (CET, UTC+1) on 8, 15, 22, 29 January 2024; the
/// 29th is excluded; the 15th is moved to the 16th at 14:00–15:00 with its
/// own alarm, 5 minutes before its end.
#[test]
fn recurring_event_with_an_override() {
    let got = run(
        &data("alarms/override.ics"),
        "20240101T000000Z",
        "20240201T000000Z",
    );
    assert_eq!(
        brief(&got),
        [
            row(
                "20240108T084500Z",
                "20240108T100000",
                "Weekly in 15 minutes"
            ),
            row(
                "20240116T135500Z",
                "20240115T100000",
                "Moved meeting ends in 5 minutes"
            ),
            row(
                "20240122T084500Z",
                "20240122T100000",
                "Weekly in 15 minutes"
            ),
        ]
    );
    assert_eq!(got[1].summary.as_deref(), Some("Weekly (moved)"));
    assert_eq!(got[1].alarm_uid.as_deref(), Some("moved-alarm"));
}

/// Daily at 09:00 in the calendar's own US-Eastern VTIMEZONE on 9, 10 and 11
/// March 2024; DST starts on the 10th at 02:00 (EST −5 → EDT −4).
/// - −PT15M: 08:45 local: 13:45Z, then 12:45Z twice.
/// - −P1D (nominal): 09:00 local the day before: 8th 14:00Z (EST), 9th
///   14:00Z (EST), 10th 13:00Z (EDT).
/// - RELATED=END +PT1H after a 30-minute event: 10:30 local.
#[test]
fn daylight_saving_change() {
    let text = data("alarms/dst.ics");
    let expected = [
        row("20240308T140000Z", "20240309T090000", "Tomorrow"),
        row("20240309T134500Z", "20240309T090000", "In 15 minutes"),
        row("20240309T140000Z", "20240310T090000", "Tomorrow"),
        row("20240309T153000Z", "20240309T090000", "Ended an hour ago"),
        row("20240310T124500Z", "20240310T090000", "In 15 minutes"),
        row("20240310T130000Z", "20240311T090000", "Tomorrow"),
        row("20240310T143000Z", "20240310T090000", "Ended an hour ago"),
        row("20240311T124500Z", "20240311T090000", "In 15 minutes"),
        row("20240311T143000Z", "20240311T090000", "Ended an hour ago"),
    ];
    assert_eq!(
        brief(&run(&text, "20240301T000000Z", "20240401T000000Z")),
        expected
    );

    // The same with the IANA zone instead of the calendar's VTIMEZONE.
    let start = text.find("BEGIN:VTIMEZONE").unwrap();
    let end = text.find("END:VTIMEZONE\r\n").unwrap() + "END:VTIMEZONE\r\n".len();
    let iana =
        format!("{}{}", &text[..start], &text[end..]).replace("US-Eastern", "America/New_York");
    assert_eq!(
        brief(&run(&iana, "20240301T000000Z", "20240401T000000Z")),
        expected
    );

    // The window is half-open: [from, to).
    let got = run(&text, "20240309T140000Z", "20240310T124500Z");
    assert_eq!(brief(&got), expected[2..4]);
}

/// Daily at 08:00Z, 1–5 June 2024, an AUDIO alarm at the start repeated
/// twice 10 minutes apart and acknowledged on 3 June at 08:10Z; an EMAIL
/// alarm with an absolute trigger (once, not per instance); ACTION:NONE and
/// a proximity alarm, which never fire by time.
#[test]
fn acknowledged_absolute_and_repeated() {
    let text = data("alarms/ack-repeat.ics");
    let got = run(&text, "19760101T000000Z", "20250101T000000Z");
    let times: Vec<(String, u32, AlarmAction)> = got
        .iter()
        .map(|f| (f.at.to_string(), f.repetition, f.action.clone()))
        .collect();
    assert_eq!(
        times,
        [
            ("20240602T070000Z".to_owned(), 0, AlarmAction::Email),
            ("20240603T082000Z".to_owned(), 2, AlarmAction::Audio),
            ("20240604T080000Z".to_owned(), 0, AlarmAction::Audio),
            ("20240604T081000Z".to_owned(), 1, AlarmAction::Audio),
            ("20240604T082000Z".to_owned(), 2, AlarmAction::Audio),
            ("20240605T080000Z".to_owned(), 0, AlarmAction::Audio),
            ("20240605T081000Z".to_owned(), 1, AlarmAction::Audio),
            ("20240605T082000Z".to_owned(), 2, AlarmAction::Audio),
        ]
    );
    assert_eq!(got[0].instance, None);
    assert_eq!(got[1].instance.as_deref(), Some("20240603T080000Z"));

    let mut all = ScheduleOptions::default();
    all.include_acknowledged = true;
    let got =
        alarm_schedule_text(&text, at("19760101T000000Z"), at("20250101T000000Z"), &all).unwrap();
    // 5 days of 3 AUDIO firings and the EMAIL; the first 2 days and 08:00,
    // 08:10 of the third are acknowledged.
    assert_eq!(got.len(), 16);
    assert_eq!(got.iter().filter(|f| f.acknowledged).count(), 8);
    assert!(
        got.iter()
            .all(|f| f.alarm_uid.as_deref() != Some("pills-none"))
    );
    assert!(
        got.iter()
            .all(|f| f.alarm_uid.as_deref() != Some("pills-depart"))
    );
}

/// RFC 9074 §7.2: the alarm 15 minutes before 10:30 New York (15:30Z) fires
/// at 15:15Z; snoozed, the original is acknowledged and the snooze fires at
/// 15:20Z; snoozed again, at 15:25Z; dismissed, nothing fires.
#[test]
fn snoozed_twice() {
    let blank = {
        let mut o = ParseOptions::default();
        o.allow_blank_lines = true;
        o
    };
    let schedule = |name: &str| {
        let text = data(name);
        let doc = read_with(&text, &blank, &mut Strict).unwrap();
        alarm_schedule(
            &doc,
            at("20210302T000000Z"),
            at("20210303T000000Z"),
            &ScheduleOptions::default(),
        )
        .unwrap()
    };
    let orig = "8297C37D-BA2D-4476-91AE-C1EAA364F8E1";
    let s1 = schedule("rfc9074/7.2-step1.ics");
    assert_eq!(brief(&s1), [row("20210302T151500Z", "", "Event reminder")]);
    assert_eq!(s1[0].alarm_uid.as_deref(), Some(orig));
    let s2 = schedule("rfc9074/7.2-step2.ics");
    assert_eq!(brief(&s2), [row("20210302T152000Z", "", "Event reminder")]);
    assert_eq!(s2[0].snoozes.as_deref(), Some(orig));
    let s3 = schedule("rfc9074/7.2-step3.ics");
    assert_eq!(brief(&s3), [row("20210302T152500Z", "", "Event reminder")]);
    assert_eq!(
        s3[0].alarm_uid.as_deref(),
        Some("87D690A7-B5E8-4EB4-8500-491F50AFE394")
    );
    assert!(schedule("rfc9074/7.2-step4.ics").is_empty());

    // The same two snoozes made with `snooze`, on a daily event: only the
    // snoozed instance's alarm is replaced; the next day's fires as usual.
    let text = data("rfc9074/7.2-step1.ics").replace(
        "SUMMARY:Meeting",
        "SUMMARY:Meeting\r\nRRULE:FREQ=DAILY;COUNT=2",
    );
    let doc = read_with(&text, &blank, &mut Strict).unwrap();
    let mut event: Component<'static> = doc.components[0].clone().into_owned();
    let first = at("20210302T152000Z");
    snooze(
        &mut event,
        AlarmRef::Uid(orig),
        at("20210302T151514Z"),
        first,
        &snooze_uid(orig, first),
        "x",
    )
    .unwrap();
    let second = at("20210302T152500Z");
    snooze(
        &mut event,
        AlarmRef::Index(1),
        at("20210302T152024Z"),
        second,
        &snooze_uid(orig, second),
        "x",
    )
    .unwrap();
    let text = format!("BEGIN:VCALENDAR\r\n{event}END:VCALENDAR\r\n");
    let doc = read_with(&text, &blank, &mut Strict).unwrap();
    let got = alarm_schedule(
        &doc,
        at("20210302T000000Z"),
        at("20210304T000000Z"),
        &ScheduleOptions::default(),
    )
    .unwrap();
    assert_eq!(
        brief(&got),
        [
            row("20210302T152500Z", "", "Event reminder"),
            row("20210303T151500Z", "20210303T103000", "Event reminder"),
        ]
    );
    assert_eq!(
        got[0].alarm_uid.as_deref(),
        Some("8297C37D-BA2D-4476-91AE-C1EAA364F8E1-snooze-20210302T152500Z")
    );
}

/// A to-do with DUE only: RELATED=END is relative to DUE; a RELATED=START
/// alarm needs a DTSTART (RFC 5545 §3.8.6.3) and does not fire.
#[test]
fn todo_due() {
    let got = run(
        &data("alarms/todo.ics"),
        "20240601T000000Z",
        "20240701T000000Z",
    );
    assert_eq!(
        brief(&got),
        [row("20240609T170000Z", "", "Report due in a day")]
    );
    assert_eq!(got[0].component, "VTODO");
}

/// Cyrus IMAP's alert test calendar (testdata/ical/cyrus/alerts.ics): event
/// at 16:00 Vienna (CEST, 14:00Z) on 28 September 2016.
/// - EMAIL −PT5M: 13:55Z;
/// - absolute 13:55Z acknowledged at 14:00:05Z: left out;
/// - PT10M: 14:10Z;
/// - two "snoozed" copies related with RELTYPE=PARENT and without RELTYPE
///   (not RFC 9074 snoozes): 15:00:05Z each;
/// - ACTION:NONE: never.
#[test]
fn cyrus_alerts() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../testdata/ical/cyrus/alerts.ics"
    );
    let text = std::fs::read_to_string(path).unwrap();
    // The file ends its lines with bare LFs.
    let mut lf = ParseOptions::default();
    lf.allow_bare_lf = true;
    let doc = read_with(&text, &lf, &mut Strict).unwrap();
    let got = alarm_schedule(
        &doc,
        at("20160901T000000Z"),
        at("20161001T000000Z"),
        &ScheduleOptions::default(),
    )
    .unwrap();
    let rows: Vec<(String, usize, Option<String>)> = got
        .iter()
        .map(|f| (f.at.to_string(), f.alarm, f.snoozes.clone()))
        .collect();
    assert_eq!(
        rows,
        [
            ("20160928T135500Z".to_owned(), 0, None),
            ("20160928T141000Z".to_owned(), 2, None),
            ("20160928T150005Z".to_owned(), 3, None),
            ("20160928T150005Z".to_owned(), 4, None),
        ]
    );
}

#[test]
fn limits_and_errors() {
    let text = data("alarms/ack-repeat.ics").replace("COUNT=5", "COUNT=5000");
    let mut small = ScheduleOptions::default();
    small.max_firings = 100;
    let err = alarm_schedule_text(
        &text,
        at("20240101T000000Z"),
        at("20400101T000000Z"),
        &small,
    )
    .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::LimitExceeded);

    // An endless rule is expanded only near the window.
    let endless = data("alarms/ack-repeat.ics").replace(";COUNT=5", "");
    let got = run(&endless, "21000101T000000Z", "21000102T000000Z");
    assert_eq!(got.len(), 3);
    assert_eq!(got[0].at, at("21000101T080000Z"));

    let err = alarm_schedule_text(&text, at("20240101T000000"), at("20240102T000000Z"), &small)
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Value);

    let bad = data("alarms/override.ics").replace(
        "Europe/Berlin:20240108T100000",
        "Mars/Olympus:20240108T100000",
    );
    let err = alarm_schedule_text(&bad, at("20240101T000000Z"), at("20240201T000000Z"), &small)
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Recurrence);
    assert!(err.message().contains("Mars/Olympus"), "{err}");
    assert_eq!(err.line(), Some(1));
}
