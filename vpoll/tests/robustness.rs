//! The text entry points never panic: the test files, mutated at random,
//! go through `check`, `summarize_text`, `Organizer::from_text`,
//! `Organizer::apply_reply_text` and `alarm_schedule_text`, which may fail
//! but must return.

// Test helpers outside `#[test]` functions may fail loudly too (clippy.toml
// allows this only inside them).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use kalends_vpoll::{
    Organizer, ReplyPolicy, ScheduleOptions, alarm_schedule_text, check, summarize_text,
};
use proptest::prelude::*;

const FILES: [&str; 9] = [
    "run/01-request.ics",
    "run/02-reply-cyrus.ics",
    "run/07-pollstatus.ics",
    "run/12-stored.ics",
    "draft/3.3-reply.ics",
    "alarms/override.ics",
    "alarms/dst.ics",
    "alarms/ack-repeat.ics",
    "alarms/todo.ics",
];

fn data(name: &str) -> String {
    std::fs::read_to_string(format!("{}/tests/data/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

/// Pieces that make interesting iCalendar: names, separators, numbers.
const PIECES: [&str; 24] = [
    ":",
    ";",
    ",",
    "=",
    "\"",
    "\r\n",
    "\r\n ",
    "BEGIN:VOTE\r\n",
    "END:VPOLL\r\n",
    "POLL-ITEM-ID:",
    "RESPONSE:",
    "-1",
    "101",
    "99999999999",
    "STATUS:CONFIRMED\r\n",
    "POLL-WINNER:3\r\n",
    "SEQUENCE:",
    "TRIGGER:-P",
    "REPEAT:4000000000\r\n",
    "DURATION:PT0S\r\n",
    "RRULE:FREQ=SECONDLY\r\n",
    "TZID=",
    "Z",
    "é",
];

fn mutate(text: &str, edits: &[(usize, usize, usize)]) -> String {
    let mut s: Vec<char> = text.chars().collect();
    for &(pos, cut, piece) in edits {
        let at = pos % (s.len() + 1);
        let end = (at + cut % 8).min(s.len());
        s.splice(at..end, PIECES[piece % PIECES.len()].chars());
    }
    s.into_iter().collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn entry_points_never_panic(
        file in 0usize..FILES.len(),
        edits in prop::collection::vec((any::<usize>(), any::<usize>(), any::<usize>()), 0..6),
    ) {
        let text = mutate(&data(FILES[file]), &edits);
        let _ = check(&text);
        let _ = summarize_text(&text);
        let mut options = ScheduleOptions::default();
        options.max_firings = 1000;
        let _ = alarm_schedule_text(&text, "20000101T000000Z".parse().unwrap(), "20300101T000000Z".parse().unwrap(), &options);
        if let Ok(mut org) = Organizer::from_text(&data("run/01-request.ics")) {
            let _ = org.apply_reply_text(&text, ReplyPolicy::new().accepting_uninvited());
            let _ = org.tally();
        }
        if let Ok(org) = Organizer::from_text(&text) {
            let _ = org.tally();
            let _ = org.poll_status("20200101T000000Z".parse().unwrap());
        }
    }
}
