//! Every iCalendar example of draft-ietf-calext-vpoll-06 and of RFC 9074
//! §6.1, §7.2 and §8.2, transcribed under `tests/data/draft/` and
//! `tests/data/rfc9074/` (CRLF, the documents' indentation removed, nothing
//! added): each reads, validates with the findings listed here, and writes
//! back byte for byte. Examples the documents elide (`BEGIN:VEVENT.......`)
//! are not iCalendar; their tests pin the located error instead.

// Test helpers outside `#[test]` functions may fail loudly too (clippy.toml
// allows this only inside them).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use kalends_ical_core::contentline::ContentLines;
use kalends_ical_core::value::DateTime;
use kalends_ical_core::{Component, ErrorKind as CoreKind, ParseOptions, Property, Strict};
use kalends_vpoll::{
    AlarmAction, AlarmRef, AlarmView, Diagnostic, Method, Poll, PollCompletion, Proximity, Related,
    Rule, Severity, Tally, Trigger, acknowledge, dismiss, method, read, read_with, snooze,
    validate,
};

fn data(name: &str) -> String {
    let path = format!("{}/tests/data/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn at(s: &str) -> DateTime {
    s.parse().unwrap()
}

fn blank_lines() -> ParseOptions {
    let mut o = ParseOptions::default();
    o.allow_blank_lines = true;
    o
}

/// (rule, severity, line) of each finding.
fn findings(found: &[Diagnostic]) -> Vec<(Rule, Severity, usize)> {
    found
        .iter()
        .map(|d| {
            (
                d.rule,
                d.severity,
                d.location.as_ref().map_or(0, |l| l.line),
            )
        })
        .collect()
}

const W: Severity = Severity::Warning;
const E: Severity = Severity::Error;

#[test]
fn draft_3_3_reply() {
    let text = data("draft/3.3-reply.ics");
    let doc = read(&text).unwrap();
    assert_eq!(doc.to_string(), text);
    assert_eq!(
        findings(&validate(&doc, &text)),
        [(Rule::Whitespace, W, 4), (Rule::Whitespace, W, 10)]
    );

    let cal = doc.calendar().unwrap();
    assert_eq!(method(cal), Some(Method::Reply));
    let poll = Poll::in_document(&doc).unwrap();
    assert_eq!(poll.uid(), Some("sched01-1234567890"));
    assert_eq!(poll.dtstamp().unwrap(), Some(at("20120101T010000Z")));
    let voters: Vec<_> = poll.voters().collect();
    assert_eq!(voters.len(), 1);
    assert_eq!(
        voters[0].calendar_address(),
        Some("mailto:cyrus@example.com")
    );
    let votes: Vec<(Option<i64>, u8, Vec<String>)> = voters[0]
        .votes()
        .map(|v| {
            (
                v.poll_item_id().unwrap(),
                v.response().unwrap().unwrap().value(),
                v.comments().into_iter().map(|c| c.into_owned()).collect(),
            )
        })
        .collect();
    assert_eq!(
        votes,
        [
            (Some(1), 50, vec!["Work on iTIP".to_owned()]),
            (Some(2), 100, vec!["Work on WebDAV".to_owned()]),
            (Some(3), 0, vec![])
        ]
    );
    // A REPLY carries no choices: every id voted on is counted.
    let tally = Tally::of(&poll);
    assert_eq!(tally.leader, Some(2));
    assert_eq!(tally.choices.len(), 3);
}

#[test]
fn draft_3_4_pollstatus() {
    let text = data("draft/3.4-pollstatus.ics");
    let doc = read(&text).unwrap();
    assert_eq!(doc.to_string(), text);
    let found = validate(&doc, &text);
    assert!(found.iter().all(|d| d.severity == W), "{found:#?}");
    let poll = Poll::in_document(&doc).unwrap();
    assert_eq!(poll.voters().count(), 3);
    assert_eq!(
        poll.owner().and_then(|o| o.calendar_address()),
        Some("mailto:mike@example.com")
    );
    let tally = Tally::of(&poll);
    assert_eq!(tally.leader, Some(2));
    assert_eq!(tally.choice(2).unwrap().score, 300);
}

/// §3.1 and §3.5 elide their choices (`BEGIN:VEVENT.......(with a
/// poll-item-id=1)`): the BEGIN names a component that END:VEVENT does not
/// close. Reading fails there, with the line.
#[test]
fn draft_3_1_and_3_5_elide_their_choices() {
    for (file, line) in [("draft/3.1-request.ics", 29), ("draft/3.5-confirm.ics", 20)] {
        let text = data(file);
        let err = read(&text).unwrap_err();
        assert_eq!(
            (err.kind(), err.line()),
            (kalends_vpoll::ErrorKind::Syntax, Some(line)),
            "{file}"
        );
        assert_eq!(err.location().unwrap().line_text, "END:VEVENT");
    }
}

#[test]
fn draft_4_5_2_poll_completion() {
    let text = data("draft/4.5.2-poll-completion.line");
    let options = ParseOptions::default();
    let mut lines = ContentLines::new(&text, &options);
    let line = lines.next_line(&mut Strict).unwrap().unwrap();
    assert_eq!(line.name, "POLL-COMPLETION");
    assert_eq!(
        PollCompletion::parse(&line.value),
        PollCompletion::ServerSubmit
    );
    assert!(lines.next_line(&mut Strict).unwrap().is_none());
    assert_eq!(line.raw, text);
}

#[test]
fn draft_9_3_1_calendar_data() {
    // Poll #2: the calendar-data a CalDAV server returns with only some
    // properties (§9.3.1), so the VPOLL has no DTSTAMP. Its `DURATION:PT4D`
    // puts days after the `T`, which RFC 5545 §3.3.6 does not allow (`P4D`).
    let text = data("draft/9.3.1-poll2.ics");
    let doc = read(&text).unwrap();
    assert_eq!(doc.to_string(), text);
    assert_eq!(
        findings(&validate(&doc, &text)),
        [(Rule::RequiredOnce, E, 3), (Rule::ValueType, E, 5)]
    );
    let poll = Poll::in_document(&doc).unwrap();
    assert_eq!(
        poll.duration().unwrap_err().kind(),
        kalends_vpoll::ErrorKind::Value
    );
    assert_eq!(poll.dtstart().unwrap(), Some(at("20121202T120000")));

    // Poll #3 has a blank line after BEGIN:VCALENDAR.
    let text = data("draft/9.3.1-poll3.ics");
    let err = read(&text).unwrap_err();
    assert_eq!(
        (err.kind(), err.line()),
        (kalends_vpoll::ErrorKind::Syntax, Some(2))
    );
    let doc = read_with(&text, &blank_lines(), &mut Strict).unwrap();
    assert_eq!(doc.to_string(), text);
    assert_eq!(
        findings(&validate(&doc, &text)),
        [(Rule::RequiredOnce, E, 5), (Rule::ValueType, E, 7)]
    );
}

/// Appendix A's REPLY with free-busy: `.......` stands for elided lines, and
/// the VPOLL's UID and DTSTAMP ended up inside the PARTICIPANTs.
#[test]
fn draft_appendix_a_reply_with_freebusy() {
    let text = data("draft/a-reply-freebusy.ics");
    assert_eq!(read(&text).unwrap_err().line(), Some(14));
    let mut problems = Vec::new();
    let doc = read_with(&text, &ParseOptions::default(), &mut problems).unwrap();
    let lines: Vec<_> = problems.iter().map(|e| (e.kind(), e.line())).collect();
    assert_eq!(
        lines,
        [
            (CoreKind::MissingColon, Some(14)),
            (CoreKind::MissingColon, Some(25))
        ]
    );
    assert_eq!(doc.to_string(), text);
    assert_eq!(
        findings(&validate(&doc, &text)),
        [
            (Rule::Whitespace, W, 4),
            (Rule::RequiredOnce, E, 5),
            (Rule::RequiredOnce, E, 5),
            (Rule::MethodConstraint, E, 5),
            (Rule::Whitespace, W, 7),
            (Rule::ResponseNotAccepted, E, 13),
            (Rule::Whitespace, W, 18),
            (Rule::ResponseNotAccepted, E, 24),
        ]
    );
}

// ---------------------------------------------------------------------------
// RFC 9074

fn event(name: &str) -> (String, Component<'static>) {
    let text = data(name);
    let doc = read_with(&text, &blank_lines(), &mut Strict).unwrap();
    assert_eq!(doc.to_string(), text, "{name} writes back");
    assert!(validate(&doc, &text).is_empty());
    let c = doc.components[0].clone().into_owned();
    (text, c)
}

fn alarms<'c>(c: &'c Component<'static>) -> Vec<AlarmView<'c, 'static>> {
    c.components_named("VALARM")
        .map(|a| AlarmView::new(a).unwrap())
        .collect()
}

fn set_dtstamp(c: &mut Component<'static>, s: &str) {
    c.set(Property::new("DTSTAMP", s.to_owned()));
}

#[test]
fn rfc9074_6_1_acknowledged() {
    let text = data("rfc9074/6.1-acknowledged.line");
    let options = ParseOptions::default();
    let line = ContentLines::new(&text, &options)
        .next_line(&mut Strict)
        .unwrap()
        .unwrap();
    assert_eq!(
        line.value.parse::<DateTime>().unwrap(),
        at("20090604T084500Z")
    );
    assert_eq!(line.raw, text);
}

#[test]
fn rfc9074_7_2_examples_read() {
    let (_, step1) = event("rfc9074/7.2-step1.ics");
    let a = alarms(&step1);
    assert_eq!(a.len(), 1);
    assert_eq!(a[0].uid(), Some("8297C37D-BA2D-4476-91AE-C1EAA364F8E1"));
    assert_eq!(a[0].action(), Some(AlarmAction::Display));
    assert!(
        matches!(a[0].trigger().unwrap(), Trigger::Relative { related: Related::Start, offset } if offset.to_string() == "-PT15M")
    );
    assert_eq!(a[0].acknowledged().unwrap(), None);

    let (_, step2) = event("rfc9074/7.2-step2.ics");
    let a = alarms(&step2);
    assert_eq!(a[0].acknowledged().unwrap(), Some(at("20210302T151514Z")));
    assert_eq!(a[1].snoozes(), Some("8297C37D-BA2D-4476-91AE-C1EAA364F8E1"));
    assert_eq!(
        a[1].trigger().unwrap(),
        Trigger::Absolute(at("20210302T152000Z"))
    );
    assert_eq!(a[1].related_to()[0].reltype, "SNOOZE");

    let (_, step3) = event("rfc9074/7.2-step3.ics");
    assert_eq!(
        alarms(&step3)[1].uid(),
        Some("87D690A7-B5E8-4EB4-8500-491F50AFE394")
    );
    let (_, step4) = event("rfc9074/7.2-step4.ics");
    let a = alarms(&step4);
    assert_eq!(a[0].acknowledged().unwrap(), a[1].acknowledged().unwrap());
}

/// The three steps of RFC 9074 §7.2 replayed with [`snooze`] and
/// [`dismiss`]: each result equals the RFC's next example.
#[test]
fn rfc9074_7_2_snooze_resnooze_dismiss() {
    let (_, mut event1) = event("rfc9074/7.2-step1.ics");
    let (_, step2) = event("rfc9074/7.2-step2.ics");
    let (_, step3) = event("rfc9074/7.2-step3.ics");
    let (_, step4) = event("rfc9074/7.2-step4.ics");

    // Snooze the alarm for 5 minutes.
    snooze(
        &mut event1,
        AlarmRef::Index(0),
        at("20210302T151514Z"),
        at("20210302T152000Z"),
        "DE7B5C34-83FF-47FE-BE9E-FF41AE6DD097",
        "unused",
    )
    .unwrap();
    set_dtstamp(&mut event1, "20210302T151516Z");
    assert_eq!(event1, step2, "\n{event1}");

    // The snooze alarm fires and is snoozed again.
    snooze(
        &mut event1,
        AlarmRef::Uid("DE7B5C34-83FF-47FE-BE9E-FF41AE6DD097"),
        at("20210302T152024Z"),
        at("20210302T152500Z"),
        "87D690A7-B5E8-4EB4-8500-491F50AFE394",
        "unused",
    )
    .unwrap();
    set_dtstamp(&mut event1, "20210302T152026Z");
    assert_eq!(event1, step3, "\n{event1}");

    // The second snooze alarm fires and is dismissed.
    dismiss(
        &mut event1,
        AlarmRef::Uid("87D690A7-B5E8-4EB4-8500-491F50AFE394"),
        at("20210302T152507Z"),
        false,
    )
    .unwrap();
    set_dtstamp(&mut event1, "20210302T152508Z");
    assert_eq!(event1, step4, "\n{event1}");

    // Removing the snooze alarm is the other way to dismiss it (§7 step 3b).
    let (_, mut other) = event("rfc9074/7.2-step3.ics");
    dismiss(&mut other, AlarmRef::Index(1), at("20210302T152507Z"), true).unwrap();
    let a = alarms(&other);
    assert_eq!(a.len(), 1);
    assert_eq!(a[0].acknowledged().unwrap(), Some(at("20210302T152507Z")));
}

#[test]
fn rfc9074_snooze_adds_a_missing_uid_and_keeps_vlocations_after_properties() {
    let (_, mut e) = event("rfc9074/7.2-step1.ics");
    e.components_mut()[0].remove("UID");
    snooze(
        &mut e,
        AlarmRef::Index(0),
        at("20210302T151514Z"),
        at("20210302T152000Z"),
        "s1",
        "orig-uid",
    )
    .unwrap();
    let a = alarms(&e);
    assert_eq!(a[0].uid(), Some("orig-uid"));
    assert_eq!(a[1].snoozes(), Some("orig-uid"));
    let err = acknowledge(&mut e, AlarmRef::Uid("nope"), at("20210302T151514Z")).unwrap_err();
    assert_eq!(err.kind(), kalends_vpoll::ErrorKind::UnknownAlarm);

    let text = data("rfc9074/8.2-proximity.ics");
    let mut alarm_parent = Component::new("VEVENT");
    alarm_parent.push_component(read(&text).unwrap().components[0].clone().into_owned());
    acknowledge(
        &mut alarm_parent,
        AlarmRef::Index(0),
        at("20210302T151514Z"),
    )
    .unwrap();
    let written = alarm_parent.to_string();
    assert!(
        written.find("ACKNOWLEDGED").unwrap() < written.find("BEGIN:VLOCATION").unwrap(),
        "{written}"
    );
}

#[test]
fn rfc9074_8_2_proximity() {
    let text = data("rfc9074/8.2-proximity.ics");
    let doc = read(&text).unwrap();
    assert_eq!(doc.to_string(), text);
    let a = AlarmView::new(&doc.components[0]).unwrap();
    assert_eq!(a.proximity(), Some(Proximity::Depart));
    assert!(a.is_proximity() && a.trigger_is_ignored());
    assert_eq!(a.location_urls(), ["geo:40.443,-79.945;u=10"]);
    assert_eq!(a.description().as_deref(), Some("Remember to buy milk"));
}
