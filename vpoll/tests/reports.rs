//! What users read: validation messages, the poll summary of `kalends poll`
//! (text and JSON) and the alarm list of `kalends alarms`.

// Test helpers outside `#[test]` functions may fail loudly too (clippy.toml
// allows this only inside them).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use kalends_ical_core::ParseOptions;
use kalends_vpoll::{ScheduleOptions, alarm_schedule_text, read_with, summarize_text, validate};

fn data(name: &str) -> String {
    std::fs::read_to_string(format!("{}/tests/data/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

#[test]
fn validation_messages() {
    let text = data("draft/a-reply-freebusy.ics");
    let doc = read_with(&text, &ParseOptions::default(), &mut Vec::new()).unwrap();
    let lines: Vec<String> = validate(&doc, &text)
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        lines,
        [
            "line 4, column 1: warning[whitespace]: the METHOD value ` REPLY` has white space around it; it is read as `REPLY`.",
            "line 5, column 1: error[required-once]: the VPOLL has no UID; it is required (draft §4.6.1).",
            "line 5, column 1: error[required-once]: the VPOLL has no DTSTAMP; it is required (draft §4.6.1).",
            "line 5, column 1: error[method-constraint]: a METHOD:REPLY VPOLL has exactly one PARTICIPANT, the voter replying (draft §8.1 Table 4, §8.3.4 Table 8); found 2.",
            "line 7, column 1: warning[whitespace]: the PARTICIPANT-TYPE value ` OWNER` has white space around it; it is read as `OWNER`.",
            "line 13, column 1: error[response-not-accepted]: the reply carries a VFREEBUSY but the poll's ACCEPT-RESPONSE does not list it (draft §4.5.1).",
            "line 18, column 1: warning[whitespace]: the PARTICIPANT-TYPE value ` VOTER` has white space around it; it is read as `VOTER`.",
            "line 24, column 1: error[response-not-accepted]: the reply carries a VFREEBUSY but the poll's ACCEPT-RESPONSE does not list it (draft §4.5.1).",
        ]
    );

    let bad = "BEGIN:VPOLL\r\nUID:p\r\nDTSTAMP:20240101T000000Z\r\nSTATUS:CONFIRMED\r\n\
               BEGIN:PARTICIPANT\r\nUID:a\r\nPARTICIPANT-TYPE:VOTER\r\nCALENDAR-ADDRESS:mailto:a@x\r\n\
               BEGIN:VOTE\r\nPOLL-ITEM-ID:1\r\nRESPONSE:150\r\nEND:VOTE\r\nEND:PARTICIPANT\r\n\
               BEGIN:VEVENT\r\nUID:e\r\nPOLL-ITEM-ID:1\r\nEND:VEVENT\r\n\
               BEGIN:VALARM\r\nPOLL-ITEM-ID:2\r\nEND:VALARM\r\nEND:VPOLL\r\n";
    let doc = kalends_vpoll::read(bad).unwrap();
    let found = validate(&doc, bad);
    let lines: Vec<String> = found.iter().map(ToString::to_string).collect();
    assert_eq!(
        lines,
        [
            "line 4, column 1: error[confirmed-without-winner]: a confirmed BASIC poll must have a POLL-WINNER (draft §5.1.1, §5.1.2).",
            "line 11, column 1: error[response-range]: RESPONSE must be an integer from 0 to 100 (draft-ietf-calext-vpoll-06 §4.5.8), found `150`.",
            "line 19, column 1: error[poll-item-id-on-alarm]: a VALARM in a VPOLL is a reminder, not a choice, and must not have a POLL-ITEM-ID (draft §4.6.1).",
        ]
    );
    let err = found[0].to_error();
    assert_eq!(err.kind(), kalends_vpoll::ErrorKind::Invalid);
    assert_eq!(err.line(), Some(4));
}

#[test]
fn poll_summary_text() {
    let summary = summarize_text(&data("run/12-stored.ics")).unwrap();
    assert_eq!(
        summary.to_string(),
        "poll sched01-1234567890 (What to do this week)\n\
         status SUBMITTED, sequence 0, mode BASIC, completion SERVER-SUBMIT\n\
         owner mailto:mike@example.com\n\
         winner 2\n\
         3 voters, 3 voted\n\
         choice  score  yes  yes-np  maybe   no  none  summary\n     \
         1    100    0       0      2    0     1  Work on iTIP\n     \
         2    200    2       0      0    0     1  Work on WebDAV\n     \
         3     90    1       0      0    2     0  Work on VPOLL\n\
         leader: 2\n"
    );
}

#[cfg(feature = "json")]
#[test]
fn poll_summary_json() {
    let json = summarize_text(&data("run/12-stored.ics"))
        .unwrap()
        .to_json();
    for needle in [
        "\"status\": \"SUBMITTED\"",
        "\"completion\": \"SERVER-SUBMIT\"",
        "\"winner\": 2",
        "\"leader\": 2",
        "\"score\": 200",
        "\"diagnostics\": []",
    ] {
        assert!(json.contains(needle), "{needle} not in {json}");
    }
}

#[test]
fn alarm_lines() {
    let text = data("alarms/ack-repeat.ics");
    let got = alarm_schedule_text(
        &text,
        "20240602T000000Z".parse().unwrap(),
        "20240603T090000Z".parse().unwrap(),
        &ScheduleOptions::default(),
    )
    .unwrap();
    let lines: Vec<String> = got.iter().map(ToString::to_string).collect();
    assert_eq!(
        lines,
        [
            "20240602T070000Z EMAIL pills@example.com alarm 1 (pills-email): Pills",
            "20240603T082000Z AUDIO pills@example.com [20240603T080000Z] alarm 0 (pills-alarm) repeat 2: Pills",
        ]
    );
    #[cfg(feature = "json")]
    {
        let json = kalends_vpoll::firings_to_json(&got);
        assert!(json.contains("\"at\": \"20240602T070000Z\""), "{json}");
        assert!(json.contains("\"action\": \"EMAIL\""), "{json}");
    }
}
