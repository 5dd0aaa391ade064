//! Properties of merging replies and tallying: a voter is never counted
//! twice, and neither the tally nor the stored poll depends on the order
//! replies arrive in.

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
    Ballot, NewParticipant, Organizer, Poll, PollBuilder, ReplyPolicy, Response, Tally, reply,
};
use proptest::prelude::*;

const VOTERS: [&str; 4] = [
    "mailto:ann@example.com",
    "mailto:bob@example.com",
    "mailto:cy@example.com",
    "mailto:di@example.com",
];

fn at(minute: u32) -> DateTime {
    format!("20240101T10{minute:02}00Z").parse().unwrap()
}

fn poll(choices: usize) -> Organizer {
    let mut b = PollBuilder::new("prop-poll", at(0))
        .owner(NewParticipant::new(VOTERS[0]), true)
        .voter(NewParticipant::new(VOTERS[1]))
        .voter(NewParticipant::new(VOTERS[2]))
        .voter(NewParticipant::new(VOTERS[3]));
    for n in 0..choices {
        let mut c = Component::new("VEVENT");
        c.push(Property::new("UID", format!("c{n}")));
        b = b.choice(c);
    }
    b.build().unwrap()
}

/// One reply: voter, minute of its DTSTAMP, a response (or none) per choice.
type Spec = (usize, u32, Vec<Option<u8>>);

fn build(request: &Document<'_>, spec: &Spec) -> Document<'static> {
    let (voter, minute, responses) = spec;
    let mut ballot = Ballot::new();
    for (i, r) in responses.iter().enumerate() {
        if let Some(r) = r {
            ballot = ballot.vote(i as i64 + 1, Response::new(*r).unwrap(), None);
        }
    }
    reply(request, VOTERS[*voter], &ballot, at(*minute), None).unwrap()
}

fn specs() -> impl Strategy<Value = (usize, Vec<Spec>, Vec<Spec>)> {
    (1usize..=4).prop_flat_map(|choices| {
        let one = (
            0usize..4,
            1u32..8,
            prop::collection::vec(prop::option::of(0u8..=100), choices),
        );
        prop::collection::vec(one, 0..12)
            .prop_flat_map(move |v| (Just(choices), Just(v.clone()), Just(v).prop_shuffle()))
    })
}

fn run(choices: usize, replies: &[Spec]) -> Organizer {
    let mut org = poll(choices);
    let request = org.request(at(0)).unwrap();
    for s in replies {
        org.apply_reply(&build(&request, s), ReplyPolicy::new())
            .unwrap();
    }
    org
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn tally_does_not_depend_on_arrival_order((choices, replies, shuffled) in specs()) {
        let a = run(choices, &replies);
        let b = run(choices, &shuffled);
        prop_assert_eq!(a.tally(), b.tally());
        prop_assert_eq!(a.to_document().to_string(), b.to_document().to_string());
    }

    #[test]
    fn no_voter_counts_twice((choices, replies, _) in specs()) {
        let org = run(choices, &replies);
        let tally = org.tally();
        prop_assert_eq!(tally.voters, 4);
        prop_assert!(tally.voted <= tally.voters);
        for c in &tally.choices {
            prop_assert_eq!(c.votes() + c.no_response, tally.voters);
            prop_assert!(c.score <= 100 * c.votes());
        }
        // Each voter's record is the reply with the latest DTSTAMP.
        for (v, address) in VOTERS.iter().enumerate() {
            let latest = replies.iter().filter(|s| s.0 == v).map(|s| s.1).max();
            let recorded = org.poll().voter(address).unwrap().dtstamp().unwrap();
            prop_assert_eq!(recorded, latest.map(at));
        }
    }

    /// A document that lists one voter several times (addresses differing in
    /// case) counts that voter once.
    #[test]
    fn duplicate_participants_count_once(copies in 1usize..4, response in 0u8..=100) {
        let mut text = String::from("BEGIN:VPOLL\r\nUID:p\r\nDTSTAMP:20240101T000000Z\r\n");
        for n in 0..copies {
            let address = if n % 2 == 0 { "mailto:Ann@Example.com" } else { "MAILTO:ann@example.com" };
            text.push_str(&format!(
                "BEGIN:PARTICIPANT\r\nUID:u{n}\r\nPARTICIPANT-TYPE:VOTER\r\nCALENDAR-ADDRESS:{address}\r\n\
                 BEGIN:VOTE\r\nPOLL-ITEM-ID:1\r\nRESPONSE:{response}\r\nEND:VOTE\r\n\
                 BEGIN:VOTE\r\nPOLL-ITEM-ID:1\r\nRESPONSE:{response}\r\nEND:VOTE\r\nEND:PARTICIPANT\r\n"
            ));
        }
        text.push_str("BEGIN:VEVENT\r\nUID:e\r\nPOLL-ITEM-ID:1\r\nEND:VEVENT\r\nEND:VPOLL\r\n");
        let doc = kalends_ical_core::parse(&text).unwrap();
        let tally = Tally::of(&Poll::new(&doc.components[0]).unwrap());
        prop_assert_eq!(tally.voters, 1);
        prop_assert_eq!(tally.choices[0].votes(), 1);
        prop_assert_eq!(tally.choices[0].score, u32::from(response));
        prop_assert_eq!(tally.uncounted.len(), 2 * copies - 1);
    }
}
