//! A whole BASIC poll, the draft's §3 scenario made complete: create, three
//! voters reply (Eric twice, Mike once plus a stale copy), POLLSTATUS,
//! tally, complete, confirm, submit. Every message is compared with an
//! expected file under `tests/data/run/` (written once by hand and checked
//! against draft-ietf-calext-vpoll-06 §3; the test never writes them).

// Test helpers outside `#[test]` functions may fail loudly too (clippy.toml
// allows this only inside them).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use kalends_ical_core::value::DateTime;
use kalends_ical_core::{Component, Document, Property};
use kalends_vpoll::{
    Action, Ballot, ErrorKind, IgnoreReason, NewParticipant, Organizer, PollBuilder,
    PollCompletion, PollStatus, ReplyOutcome, ReplyPolicy, Response, Rule, Severity, reply,
    validate,
};

const PRODID: &str = "-//Example//Example";
const CYRUS: &str = "mailto:cyrus@example.com";
const ERIC: &str = "mailto:eric@example.com";
const MIKE: &str = "mailto:mike@example.com";

fn at(s: &str) -> DateTime {
    s.parse().unwrap()
}

fn data(name: &str) -> String {
    let path = format!("{}/tests/data/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Compares a message with its expected file, and checks that the expected
/// file reads, validates without errors and writes back unchanged.
fn expect(name: &str, message: &Document<'_>) {
    let expected = data(&format!("run/{name}"));
    assert_eq!(
        message.to_string(),
        expected,
        "message differs from tests/data/run/{name}"
    );
    let doc = kalends_vpoll::read(&expected).unwrap();
    assert_eq!(doc.to_string(), expected);
    let errors: Vec<String> = validate(&doc, &expected)
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(ToString::to_string)
        .collect();
    assert!(errors.is_empty(), "{name}: {errors:#?}");
}

fn choice(n: u32, day: u32, summary: &str, room: &str) -> Component<'static> {
    let mut c = Component::new("VEVENT");
    c.push(Property::new("UID", format!("sched01-item{n}@example.com")));
    c.push(Property::new("DTSTAMP", "20120101T000000Z"));
    c.push(Property::new("DTSTART", format!("201201{day:02}T090000Z")));
    c.push(Property::new("DURATION", "PT8H"));
    c.push(Property::text("SUMMARY", summary));
    c.push(Property::text("LOCATION", room));
    c
}

fn create() -> Organizer {
    PollBuilder::new("sched01-1234567890", at("20120101T000000Z"))
        .prodid(PRODID)
        .summary("What to do this week")
        .voting_ends(at("20120102T000000Z"))
        .completion(PollCompletion::ServerSubmit)
        .poll_properties(["DTSTART", "LOCATION"])
        .voter(NewParticipant::new(CYRUS).with_uid("schedpart-7890123456"))
        .voter(NewParticipant::new(ERIC).with_uid("schedpart-0987654321"))
        .owner(
            NewParticipant::new(MIKE).with_uid("schedpart-1234567890"),
            true,
        )
        .choice(choice(1, 2, "Work on iTIP", "Room 1"))
        .choice(choice(2, 3, "Work on WebDAV", "Room 2"))
        .choice(choice(3, 4, "Work on VPOLL", "Room 1"))
        .build()
        .unwrap()
}

fn r(n: u8) -> Response {
    Response::new(n).unwrap()
}

fn recorded(outcomes: Vec<ReplyOutcome>, voter: &str, votes: usize) {
    assert_eq!(
        outcomes,
        [ReplyOutcome::Recorded {
            voter: voter.into(),
            votes,
            added: false
        }]
    );
}

#[test]
fn whole_poll() {
    let mut org = create();
    assert_eq!(org.status(), PollStatus::InProcess);

    // 1. The invitation (draft §3.1, complete).
    let request = org.request(at("20120101T000000Z")).unwrap();
    expect("01-request.ics", &request);

    // 2. Cyrus votes as in the draft's §3.3 example.
    let ballot = Ballot::new()
        .vote(1, r(50), Some("Work on iTIP"))
        .vote(2, r(100), Some("Work on WebDAV"))
        .vote(3, r(0), None);
    let cyrus = reply(
        &request,
        CYRUS,
        &ballot,
        at("20120101T010000Z"),
        Some(PRODID),
    )
    .unwrap();
    expect("02-reply-cyrus.ics", &cyrus);
    // It is the draft's example, without the white space after two colons.
    let draft = data("draft/3.3-reply.ics")
        .replace("METHOD: REPLY", "METHOD:REPLY")
        .replace("PARTICIPANT-TYPE: VOTER", "PARTICIPANT-TYPE:VOTER");
    assert_eq!(cyrus.to_string(), draft);
    recorded(
        org.apply_reply(&cyrus, ReplyPolicy::new()).unwrap(),
        CYRUS,
        3,
    );

    // 3. Eric votes for items 1 and 2, then again for item 3 only (§3.3:
    //    "the final outcome is one vote on item 3"), asking to stay informed.
    let eric1 = reply(
        &request,
        ERIC,
        &Ballot::new().vote(1, r(100), None).vote(2, r(100), None),
        at("20120101T011000Z"),
        Some(PRODID),
    )
    .unwrap();
    expect("03-reply-eric-1.ics", &eric1);
    recorded(
        org.apply_reply(&eric1, ReplyPolicy::new()).unwrap(),
        ERIC,
        2,
    );
    let eric2 = reply(
        &request,
        ERIC,
        &Ballot::new()
            .vote(3, r(90), None)
            .stay_informed(true)
            .comment("Only VPOLL for me"),
        at("20120101T012000Z"),
        Some(PRODID),
    )
    .unwrap();
    expect("04-reply-eric-2.ics", &eric2);
    recorded(
        org.apply_reply(&eric2, ReplyPolicy::new()).unwrap(),
        ERIC,
        1,
    );

    // 4. Mike (owner and voter) votes; a copy he made earlier arrives late
    //    and is ignored as stale.
    let mike = reply(
        &request,
        MIKE,
        &Ballot::new()
            .vote(1, r(50), Some("Work on iTIP"))
            .vote(2, r(100), Some("Work on WebDAV"))
            .vote(3, r(0), None),
        at("20120101T013000Z"),
        Some(PRODID),
    )
    .unwrap();
    expect("05-reply-mike.ics", &mike);
    let stale = reply(
        &request,
        MIKE,
        &Ballot::new()
            .vote(1, r(0), None)
            .vote(2, r(0), None)
            .vote(3, r(100), None),
        at("20120101T012500Z"),
        Some(PRODID),
    )
    .unwrap();
    expect("06-reply-mike-stale.ics", &stale);
    recorded(org.apply_reply(&mike, ReplyPolicy::new()).unwrap(), MIKE, 3);
    assert_eq!(
        org.apply_reply(&stale, ReplyPolicy::new()).unwrap(),
        [ReplyOutcome::Ignored {
            voter: MIKE.into(),
            reason: IgnoreReason::Stale {
                reply: at("20120101T012500Z"),
                recorded: at("20120101T013000Z")
            }
        }]
    );
    // The same reply twice changes nothing.
    assert_eq!(
        org.apply_reply(&mike, ReplyPolicy::new()).unwrap(),
        [ReplyOutcome::Ignored {
            voter: MIKE.into(),
            reason: IgnoreReason::Duplicate
        }]
    );

    // 5. The state of the poll to every voter (§3.4).
    expect(
        "07-pollstatus.ics",
        &org.poll_status(at("20120101T020000Z")).unwrap(),
    );

    // 6. The tally.
    let tally = org.tally();
    assert_eq!(tally.to_string(), data("run/08-tally.txt"));
    assert_eq!((tally.voters, tally.voted), (3, 3));
    assert_eq!(tally.leader, Some(2));
    let two = tally.choice(2).unwrap();
    assert_eq!(
        (two.yes, two.no, two.no_response, two.score),
        (2, 0, 1, 200)
    );
    let three = tally.choice(3).unwrap();
    assert_eq!(
        (three.yes, three.no, three.no_response, three.score),
        (1, 2, 0, 90)
    );

    // 7. Close voting, then confirm the leader (§3.5).
    expect(
        "09-request-completed.ics",
        &org.complete(at("20120101T023000Z")).unwrap(),
    );
    assert_eq!(org.status(), PollStatus::Completed);
    let late = org.apply_reply(&cyrus, ReplyPolicy::new()).unwrap();
    assert_eq!(
        late,
        [ReplyOutcome::Ignored {
            voter: CYRUS.into(),
            reason: IgnoreReason::PollClosed(PollStatus::Completed)
        }]
    );
    let err = org.complete(at("20120101T024000Z")).unwrap_err();
    assert_eq!(
        err.kind(),
        ErrorKind::IllegalTransition {
            from: PollStatus::Completed,
            action: Action::Complete
        }
    );
    let err = org.confirm(7, at("20120101T030000Z")).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::UnknownChoice { id: 7 });
    expect(
        "10-request-confirmed.ics",
        &org.confirm(2, at("20120101T030000Z")).unwrap(),
    );
    assert_eq!(org.status(), PollStatus::Confirmed);

    // 8. Submit: the winning VEVENT, ready to send (§5.1.2).
    let event = org.submit(at("20120101T040000Z")).unwrap();
    expect("11-event.ics", &event);
    let vevent = &event.calendar().unwrap().components()[0];
    assert_eq!(kalends_vpoll::poll_link(vevent), Some("sched01-1234567890"));
    assert_eq!(org.status(), PollStatus::Submitted);
    let err = org.confirm(2, at("20120101T050000Z")).unwrap_err();
    assert_eq!(
        err.transition(),
        Some((PollStatus::Submitted, Action::Confirm))
    );
    let err = org.submit(at("20120101T050000Z")).unwrap_err();
    assert!(err.is_illegal_transition());

    // 9. The organizer's stored poll, which reads back into the same state.
    let stored = org.to_document();
    expect("12-stored.ics", &stored);
    let again =
        Organizer::from_document(&kalends_vpoll::read(&stored.to_string()).unwrap()).unwrap();
    assert_eq!(again.status(), PollStatus::Submitted);
    assert_eq!(again.tally(), org.tally());
}

#[test]
fn cancel_and_remove_voters() {
    let mut org = create();
    let cancel = org.remove_voters(&[ERIC], at("20120101T010000Z")).unwrap();
    expect("13-cancel-eric.ics", &cancel);
    assert!(org.poll().voter(ERIC).is_none());
    assert_eq!(org.sequence(), 0);

    let cancel = org.cancel(at("20120101T020000Z")).unwrap();
    expect("14-cancel.ics", &cancel);
    assert_eq!((org.status(), org.sequence()), (PollStatus::Cancelled, 1));
    let err = org.cancel(at("20120101T030000Z")).unwrap_err();
    assert_eq!(
        err.kind(),
        ErrorKind::IllegalTransition {
            from: PollStatus::Cancelled,
            action: Action::Cancel
        }
    );
    let err = org.confirm(1, at("20120101T030000Z")).unwrap_err();
    assert_eq!(
        err.transition(),
        Some((PollStatus::Cancelled, Action::Confirm))
    );
}

#[test]
fn changing_the_choices_forces_a_revote() {
    let mut org = create();
    let request0 = org.request(at("20120101T000000Z")).unwrap();
    let cyrus = reply(
        &request0,
        CYRUS,
        &Ballot::new().vote(1, r(100), None),
        at("20120101T010000Z"),
        None,
    )
    .unwrap();
    org.apply_reply(&cyrus, ReplyPolicy::new()).unwrap();
    assert_eq!(org.tally().choice(1).unwrap().yes, 1);

    // Replace choice 2 by a changed one: new id 4, SEQUENCE 1, votes dropped.
    let id = org
        .replace_choice(
            2,
            choice(4, 5, "Work on CalDAV", "Room 3"),
            at("20120101T020000Z"),
        )
        .unwrap();
    assert_eq!(id, 4);
    assert_eq!(org.sequence(), 1);
    assert_eq!(org.tally().voted, 0);
    let ids: Vec<i64> = org.poll().choices().unwrap().iter().map(|c| c.id).collect();
    assert_eq!(ids, [1, 3, 4]);

    // A reply to the old request is stale by SEQUENCE.
    let late = reply(
        &request0,
        ERIC,
        &Ballot::new().vote(1, r(100), None),
        at("20120101T030000Z"),
        None,
    )
    .unwrap();
    assert_eq!(
        org.apply_reply(&late, ReplyPolicy::new()).unwrap(),
        [ReplyOutcome::Ignored {
            voter: ERIC.into(),
            reason: IgnoreReason::OlderSequence { reply: 0, poll: 1 }
        }]
    );
    // A reply to the new request counts, and carries SEQUENCE:1.
    let request1 = org.request(at("20120101T020000Z")).unwrap();
    let eric = reply(
        &request1,
        ERIC,
        &Ballot::new().vote(4, r(95), None),
        at("20120101T030000Z"),
        None,
    )
    .unwrap();
    assert!(eric.to_string().contains("SEQUENCE:1\r\n"));
    assert!(org.apply_reply(&eric, ReplyPolicy::new()).unwrap()[0].is_recorded());
    // Voting on the removed choice is refused.
    let err = reply(
        &request1,
        ERIC,
        &Ballot::new().vote(2, r(95), None),
        at("20120101T030000Z"),
        None,
    )
    .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::UnknownChoice { id: 2 });

    // Ids are never reused, even after the highest is removed.
    org.remove_choice(4, at("20120101T040000Z")).unwrap();
    let id = org
        .add_choice(
            choice(5, 6, "Work on JSCalendar", "Room 2"),
            at("20120101T050000Z"),
        )
        .unwrap();
    assert_eq!(id, 5);
    assert_eq!(org.sequence(), 3);
    let found = validate(&org.to_document(), "");
    assert!(
        found.iter().all(|d| d.severity == Severity::Warning),
        "{found:#?}"
    );
}

#[test]
fn uninvited_voters_need_the_policy() {
    let mut org = create();
    let request = org.request(at("20120101T000000Z")).unwrap();
    // Forwarded to Jo, who is not a voter: build the reply from a copy of
    // the request where Jo is listed (what Jo's client would send, §8.3.3.8).
    let mut forwarded = org.clone();
    forwarded
        .add_voter(NewParticipant::new("mailto:jo@example.com").with_uid("schedpart-jo"))
        .unwrap();
    let jo = reply(
        &forwarded.request(at("20120101T000000Z")).unwrap(),
        "mailto:jo@example.com",
        &Ballot::new().vote(1, r(80), None),
        at("20120101T010000Z"),
        None,
    )
    .unwrap();
    assert_eq!(
        org.apply_reply(&jo, ReplyPolicy::new()).unwrap(),
        [ReplyOutcome::Ignored {
            voter: "mailto:jo@example.com".into(),
            reason: IgnoreReason::UnknownVoter("mailto:jo@example.com".into())
        }]
    );
    assert_eq!(
        org.apply_reply(&jo, ReplyPolicy::new().accepting_uninvited())
            .unwrap(),
        [ReplyOutcome::Recorded {
            voter: "mailto:jo@example.com".into(),
            votes: 1,
            added: true
        }]
    );
    assert_eq!(org.tally().choice(1).unwrap().yes_not_preferred, 1);
    assert_eq!(org.sequence(), 0);
    let _ = request;
}

#[test]
fn malformed_replies_are_errors() {
    let mut org = create();
    let request = org.request(at("20120101T000000Z")).unwrap();
    let good = reply(
        &request,
        CYRUS,
        &Ballot::new().vote(1, r(50), None),
        at("20120101T010000Z"),
        None,
    )
    .unwrap();
    let text = good.to_string();

    let wrong_uid = text.replace("UID:sched01-1234567890", "UID:other");
    let err = org
        .apply_reply_text(&wrong_uid, ReplyPolicy::new())
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::WrongPoll);

    let bad_response = text.replace("RESPONSE:50", "RESPONSE:150");
    let err = org
        .apply_reply_text(&bad_response, ReplyPolicy::new())
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Value);

    let unknown = text.replace("POLL-ITEM-ID:1", "POLL-ITEM-ID:9");
    let err = org
        .apply_reply_text(&unknown, ReplyPolicy::new())
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::UnknownChoice { id: 9 });

    let not_reply = text.replace("METHOD:REPLY", "METHOD:POLLSTATUS");
    let err = org
        .apply_reply_text(&not_reply, ReplyPolicy::new())
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::WrongMethod);

    let future = text.replace(
        "DTSTAMP:20120101T010000Z\r\n",
        "DTSTAMP:20120101T010000Z\r\nSEQUENCE:4\r\n",
    );
    let err = org
        .apply_reply_text(&future, ReplyPolicy::new())
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Invalid);

    // The RESPONSE parameter form of the draft's prose (§4.5.8) is read too.
    let param_form = text.replace(
        "POLL-ITEM-ID:1\r\nRESPONSE:50\r\n",
        "POLL-ITEM-ID;RESPONSE=85:1\r\n",
    );
    assert!(
        org.apply_reply_text(&param_form, ReplyPolicy::new())
            .unwrap()[0]
            .is_recorded()
    );
    assert_eq!(org.tally().choice(1).unwrap().yes_not_preferred, 1);
    let found = validate(&org.to_document(), "");
    assert!(
        found.iter().all(|d| d.rule != Rule::VoteProperties),
        "{found:#?}"
    );
}
