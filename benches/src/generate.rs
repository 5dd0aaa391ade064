//! The generated benchmark calendar.
//!
//! [`calendar`] writes an iCalendar stream (RFC 5545 §3.4) of one `VCALENDAR`
//! holding a `VTIMEZONE` for Europe/Berlin and `events` `VEVENT`s. Every event
//! carries the properties an invitation from a real client carries, so a
//! parser has to do all of its work: folded lines (RFC 5545 §3.1), quoted and
//! unquoted parameters (§3.2), escaped TEXT (§3.3.11), DATE-TIME with `TZID`
//! (§3.3.5), CAL-ADDRESS (§3.3.3) and, on some events, RECUR (§3.3.10) and a
//! nested `VALARM` (§3.6.6).
//!
//! The output is a pure function of `events`: no clock, no randomness, so
//! every run of every benchmark reads the same bytes.

/// The number of events in the calendar the benchmarks read and write.
pub const EVENTS_10K: usize = 10_000;

/// The time zone every `DTSTART`/`DTEND` refers to.
pub const TZID: &str = "Europe/Berlin";

/// Every event whose 1-based number is a multiple of this carries an `RRULE`.
pub const RRULE_EVERY: usize = 10;

/// Every event whose 1-based number is a multiple of this carries a `VALARM`.
pub const VALARM_EVERY: usize = 7;

/// RFC 5545 §3.1: content lines SHOULD NOT be longer than 75 octets,
/// excluding the line break.
const FOLD_AT: usize = 75;

/// The calendar of [`EVENTS_10K`] events the benchmarks use.
pub fn calendar_10k() -> String {
    calendar(EVENTS_10K)
}

/// How many of `events` generated events carry an `RRULE`.
pub fn rrule_count(events: usize) -> usize {
    events / RRULE_EVERY
}

/// How many of `events` generated events carry a `VALARM`.
pub fn valarm_count(events: usize) -> usize {
    events / VALARM_EVERY
}

/// A calendar of `events` `VEVENT`s after a Europe/Berlin `VTIMEZONE`.
///
/// Lines end in CRLF and are folded at 75 octets, never inside a UTF-8
/// sequence (RFC 5545 §3.1). Event `n` (1-based) has the UID
/// `event-<n>@bench.kalends.example`; every [`RRULE_EVERY`]th event has an
/// `RRULE`, every [`VALARM_EVERY`]th a `VALARM`.
pub fn calendar(events: usize) -> String {
    // About 940 octets per event; reserving avoids regrowing a 9 MB string.
    let mut out = String::with_capacity(events.saturating_mul(1_000).saturating_add(1_024));
    line(&mut out, "BEGIN:VCALENDAR");
    line(&mut out, "VERSION:2.0");
    line(&mut out, "PRODID:-//kalends//benches 1.0//EN");
    line(&mut out, "CALSCALE:GREGORIAN");
    line(&mut out, "METHOD:PUBLISH");
    timezone(&mut out);
    for n in 1..=events {
        event(&mut out, n);
    }
    line(&mut out, "END:VCALENDAR");
    out
}

/// The Europe/Berlin `VTIMEZONE` (RFC 5545 §3.6.5), with the EU rules in
/// force since 1996: summer time from the last Sunday of March, 02:00, to
/// the last Sunday of October, 03:00.
fn timezone(out: &mut String) {
    for text in [
        "BEGIN:VTIMEZONE",
        "TZID:Europe/Berlin",
        "X-LIC-LOCATION:Europe/Berlin",
        "BEGIN:DAYLIGHT",
        "TZOFFSETFROM:+0100",
        "TZOFFSETTO:+0200",
        "TZNAME:CEST",
        "DTSTART:19700329T020000",
        "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
        "END:DAYLIGHT",
        "BEGIN:STANDARD",
        "TZOFFSETFROM:+0200",
        "TZOFFSETTO:+0100",
        "TZNAME:CET",
        "DTSTART:19701025T030000",
        "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
        "END:STANDARD",
        "END:VTIMEZONE",
    ] {
        line(out, text);
    }
}

/// Topics cycled through the summaries and descriptions.
const TOPICS: [&str; 5] = [
    "Quarterly planning",
    "Design review",
    "Customer call",
    "Release retrospective",
    "Budget check-in",
];

/// Rooms cycled through the locations; one has non-ASCII text so that
/// folding must respect UTF-8 boundaries.
const ROOMS: [&str; 4] = [
    "Room 4.12\\, Building B\\; Main Campus",
    "Konferenzraum Großer Saal\\, Erdgeschoss",
    "Café Zürich\\, 2nd floor",
    "Online",
];

/// Recurrence rules cycled through the events that have one.
const RULES: [&str; 4] = [
    "FREQ=WEEKLY;BYDAY=MO,WE,FR;COUNT=12",
    "FREQ=MONTHLY;BYDAY=-1FR;UNTIL=20281231T230000Z",
    "FREQ=DAILY;INTERVAL=2;COUNT=30",
    "FREQ=YEARLY;BYMONTH=11;BYDAY=4TH",
];

/// Event `n`: 28 days a month, 12 months a year from 2026, 08:00 to 17:00,
/// one hour long (the dates need no calendar arithmetic and are all valid).
fn event(out: &mut String, n: usize) {
    let index = n.saturating_sub(1);
    let day = index % 28 + 1;
    let month = (index / 28) % 12 + 1;
    let year = 2026_usize.saturating_add(index / (28 * 12));
    let hour = 8 + index % 10;
    let topic = TOPICS
        .get(index % TOPICS.len())
        .copied()
        .unwrap_or_default();
    let room = ROOMS.get(index % ROOMS.len()).copied().unwrap_or_default();

    line(out, "BEGIN:VEVENT");
    line(out, &format!("UID:event-{n}@bench.kalends.example"));
    line(out, "DTSTAMP:20260101T080000Z");
    line(
        out,
        &format!("DTSTART;TZID={TZID}:{year:04}{month:02}{day:02}T{hour:02}0000"),
    );
    line(
        out,
        &format!(
            "DTEND;TZID={TZID}:{year:04}{month:02}{day:02}T{:02}0000",
            hour + 1
        ),
    );
    line(out, &format!("SUMMARY:{topic} #{n}"));
    line(
        out,
        &format!(
            "DESCRIPTION:Agenda for {topic} #{n}:\\n1. Review last week's actions\\, \
             owners and dates\\;\\n2. Decide on the open items\\, then assign them\\;\\n\
             3. Anything else. Notes: see the shared folder \\\\projects\\\\{n}\\, \
             and bring a laptop. Where: {room}. Grüße aus Köln — \
             Rückfragen gern über Jörg\\, Kosten: 12 € 📅."
        ),
    );
    line(out, &format!("LOCATION:{room}"));
    line(
        out,
        "ORGANIZER;CN=Alice Organizer;SENT-BY=\"mailto:assistant@example.com\":mailto:alice@example.com",
    );
    line(
        out,
        &format!(
            "ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;RSVP=TRUE;\
             CN=\"Doe, Jane\":mailto:jane.doe+{n}@example.com"
        ),
    );
    line(
        out,
        "ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=OPT-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=FALSE;\
         CN=Bob Example:mailto:bob@example.org",
    );
    line(out, "CATEGORIES:MEETING,WORK,PROJECT-KALENDS");
    if n.is_multiple_of(RRULE_EVERY) {
        let rule = RULES
            .get((n / RRULE_EVERY) % RULES.len())
            .copied()
            .unwrap_or_default();
        line(out, &format!("RRULE:{rule}"));
    }
    if n.is_multiple_of(VALARM_EVERY) {
        line(out, "BEGIN:VALARM");
        line(out, "ACTION:DISPLAY");
        line(out, &format!("DESCRIPTION:Reminder: {topic} #{n}"));
        line(out, "TRIGGER;RELATED=START:-PT15M");
        line(out, "END:VALARM");
    }
    line(out, "END:VEVENT");
}

/// Appends `text` as one content line, folded at 75 octets: the first
/// physical line holds up to 75 octets, each continuation line a space and
/// up to 74 more (RFC 5545 §3.1). A character is never split.
fn line(out: &mut String, text: &str) {
    let mut width = 0_usize;
    for ch in text.chars() {
        let len = ch.len_utf8();
        if width.saturating_add(len) > FOLD_AT {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(ch);
        width = width.saturating_add(len);
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The physical lines of `text`, without their CRLF.
    fn physical_lines(text: &str) -> Vec<&str> {
        let body = text.strip_suffix("\r\n").unwrap();
        body.split("\r\n").collect()
    }

    /// The logical lines (RFC 5545 §3.1 unfolding).
    fn unfold(text: &str) -> String {
        text.replace("\r\n ", "")
    }

    #[test]
    fn counts_at_ten_thousand() {
        let text = calendar_10k();
        assert_eq!(text.matches("BEGIN:VEVENT\r\n").count(), 10_000);
        assert_eq!(text.matches("END:VEVENT\r\n").count(), 10_000);
        assert_eq!(text.matches("\r\nRRULE:").count(), 1_000 + 2);
        assert_eq!(rrule_count(EVENTS_10K), 1_000);
        assert_eq!(text.matches("BEGIN:VALARM\r\n").count(), 1_428);
        assert_eq!(valarm_count(EVENTS_10K), 1_428);
        assert_eq!(text.matches("BEGIN:VTIMEZONE\r\n").count(), 1);
        // About 9 MB: large enough that per-call overhead does not matter.
        assert!(text.len() > 9_000_000, "{}", text.len());
    }

    #[test]
    fn is_deterministic() {
        assert_eq!(calendar(50), calendar(50));
    }

    #[test]
    fn starts_and_ends_as_a_calendar() {
        let text = calendar(3);
        assert!(text.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
        assert!(text.ends_with("END:VEVENT\r\nEND:VCALENDAR\r\n"));
        assert!(!text.replace("\r\n", "").contains('\n'), "bare LF");
        assert!(!text.replace("\r\n", "").contains('\r'), "bare CR");
    }

    #[test]
    fn folds_at_75_octets() {
        let text = calendar(140);
        let lines = physical_lines(&text);
        assert!(
            lines.iter().all(|l| l.len() <= 75),
            "a line is longer than 75 octets"
        );
        // Folding happened: continuation lines exist and the long lines fill
        // the first physical line exactly, except where a multi-byte
        // character would have crossed the limit.
        let continuations = lines.iter().filter(|l| l.starts_with(' ')).count();
        assert!(continuations > 140 * 5, "{continuations}");
        assert!(lines.iter().any(|l| l.len() == 75));
    }

    #[test]
    fn folds_before_a_character_that_would_cross_75_octets() {
        let text = calendar(1_000);
        let lines = physical_lines(&text);
        // A line cut short because the next character is multi-byte: the
        // continuation starts with that character.
        let cut_short = lines
            .windows(2)
            .filter(|pair| {
                let next = pair[1].strip_prefix(' ').unwrap_or("");
                pair[0].len() < 75
                    && pair[1].starts_with(' ')
                    && next
                        .chars()
                        .next()
                        .is_some_and(|c| c.len_utf8() > 1 && pair[0].len() + c.len_utf8() > 75)
            })
            .count();
        assert!(cut_short > 0);
        // Every physical line is valid UTF-8 on its own (no split sequence).
        assert!(
            lines
                .iter()
                .all(|l| std::str::from_utf8(l.as_bytes()).is_ok())
        );
    }

    #[test]
    fn unfolded_lines_are_the_intended_ones() {
        let text = unfold(&calendar(14));
        let lines = physical_lines(&text);
        assert!(lines.contains(&"UID:event-7@bench.kalends.example"));
        assert!(lines.contains(&"DTSTART;TZID=Europe/Berlin:20260107T140000"));
        assert!(lines.contains(&"DTEND;TZID=Europe/Berlin:20260107T150000"));
        assert!(lines.contains(&"LOCATION:Konferenzraum Großer Saal\\, Erdgeschoss"));
        assert!(lines.contains(
            &"ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;RSVP=TRUE;\
              CN=\"Doe, Jane\":mailto:jane.doe+7@example.com"
        ));
        assert!(lines.contains(&"RRULE:FREQ=MONTHLY;BYDAY=-1FR;UNTIL=20281231T230000Z"));
        assert!(lines.contains(&"TRIGGER;RELATED=START:-PT15M"));
        let description = lines
            .iter()
            .find(|l| l.starts_with("DESCRIPTION:Agenda for Design review #2:"))
            .unwrap();
        assert!(description.len() > 150);
        for escape in ["\\,", "\\;", "\\n", "\\\\"] {
            assert!(description.contains(escape), "{escape}");
        }
    }

    #[test]
    fn dates_stay_valid() {
        let text = unfold(&calendar(EVENTS_10K));
        for l in physical_lines(&text) {
            if let Some(value) = l.strip_prefix("DTSTART;TZID=Europe/Berlin:") {
                let month: u32 = value[4..6].parse().unwrap();
                let day: u32 = value[6..8].parse().unwrap();
                assert!(
                    (1..=12).contains(&month) && (1..=28).contains(&day),
                    "{value}"
                );
            }
        }
        assert!(text.contains("DTSTART;TZID=Europe/Berlin:20551004T170000"));
    }
}
