//! VPOLL consensus scheduling (draft-ietf-calext-vpoll-06) and the VALARM
//! extensions of RFC 9074, over the `kalends-ical-core` tree.
//!
//! - **Model**: typed views [`Poll`], [`Participant`], [`Vote`], [`Choice`]
//!   and the draft's values ([`PollStatus`], [`PollMode`], [`Response`] …).
//! - **Validation**: [`validate`] reports every broken rule of the draft as
//!   a [`Diagnostic`] with its location.
//! - **Behaviour** (BASIC mode): [`PollBuilder`] creates a poll, [`reply`]
//!   builds a voter's REPLY, the [`Organizer`] merges replies (stale ones by
//!   SEQUENCE and DTSTAMP are ignored), tallies ([`Tally`]), moves through
//!   IN-PROCESS → COMPLETED → CONFIRMED → SUBMITTED or CANCELLED (illegal
//!   moves are typed errors), and writes the iTIP messages REQUEST, REPLY,
//!   POLLSTATUS, CANCEL and the winning event.
//! - **Alarms** (RFC 9074): [`AlarmView`] (UID, RELATED-TO, ACKNOWLEDGED,
//!   PROXIMITY with VLOCATION, ACTION:NONE), [`acknowledge`], [`snooze`],
//!   [`dismiss`], and [`alarm_schedule`]: every alarm that fires in a window.
//!
//! Nothing here reads a clock or draws a random number: the current time
//! and new UIDs are arguments (or derived from the input deterministically).
//! The readings chosen where the draft contradicts itself are in
//! `DESIGN.md`.
//!
//! ```
//! use kalends_ical_core::{Component, Property};
//! use kalends_vpoll::{reply, Ballot, NewParticipant, PollBuilder, ReplyPolicy, Response};
//!
//! let at = |s: &str| s.parse::<kalends_ical_core::value::DateTime>();
//! let mut monday = Component::new("VEVENT");
//! monday.push(Property::new("UID", "mon@example.com"));
//! monday.push(Property::new("DTSTART", "20240108T090000Z"));
//! let mut tuesday = Component::new("VEVENT");
//! tuesday.push(Property::new("UID", "tue@example.com"));
//! tuesday.push(Property::new("DTSTART", "20240109T090000Z"));
//!
//! let mut organizer = PollBuilder::new("poll-1@example.com", at("20240101T000000Z")?)
//!     .summary("Kick-off")
//!     .voter(NewParticipant::new("mailto:ann@example.com"))
//!     .owner(NewParticipant::new("mailto:bob@example.com"), false)
//!     .choice(monday)
//!     .choice(tuesday)
//!     .build()?;
//! let request = organizer.request(at("20240101T000000Z")?)?;
//!
//! let ballot = Ballot::new()
//!     .vote(1, Response::new(20).ok_or("range")?, None)
//!     .vote(2, Response::new(95).ok_or("range")?, None);
//! let answer = reply(&request, "mailto:ann@example.com", &ballot, at("20240102T080000Z")?, None)?;
//! organizer.apply_reply(&answer, ReplyPolicy::new())?;
//!
//! let tally = organizer.tally();
//! assert_eq!(tally.leader, Some(2));
//! organizer.confirm(2, at("20240103T000000Z")?)?;
//! let invitation = organizer.submit(at("20240103T000100Z")?)?;
//! assert!(invitation.to_string().contains("ATTENDEE;ROLE=REQ-PARTICIPANT"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![cfg_attr(docsrs, feature(doc_auto_cfg))]

mod alarm;
mod error;
mod model;
mod organizer;
mod schedule;
mod summary;
mod tally;
mod util;
mod validate;
mod view;
mod voter;

pub use alarm::{
    AlarmRef, AlarmView, IGNORED_TRIGGER, Related, Relation, Trigger, acknowledge, dismiss, snooze,
    snooze_uid,
};
pub use error::{Error, ErrorKind, Location};
pub use model::{
    Action, AlarmAction, Kind, Method, ParticipantType, ParticipationStatus, PollCompletion,
    PollMode, PollStatus, Proximity, Response, ResponseBand, normalize_address, parse_bool,
};
pub use organizer::{
    DEFAULT_PRODID, IgnoreReason, NewParticipant, Organizer, PollBuilder, ReplyOutcome,
    ReplyPolicy, derive_participant_uid,
};
#[cfg(feature = "json")]
pub use schedule::firings_to_json;
pub use schedule::{AlarmFiring, ScheduleOptions, alarm_schedule, alarm_schedule_text};
pub use summary::{PollSummary, summarize, summarize_text};
pub use tally::{ChoiceTally, Tally, Uncounted, UncountedVote};
pub use validate::{Diagnostic, Rule, Severity, check, validate};
pub use view::{
    CHOICE_COMPONENTS, Choice, Participant, Poll, ReplyUrl, Vote, find_poll, is_choice_component,
    method, poll_link,
};
pub use voter::{Ballot, BallotVote, refresh, reply};

use kalends_ical_core::{Document, ErrorSink, ParseOptions, Strict};

/// Reads iCalendar text with the default (strict RFC 5545) options of
/// `kalends-ical-core`; the first problem is the error.
pub fn read(text: &str) -> Result<Document<'_>, Error> {
    read_with(text, &ParseOptions::default(), &mut Strict)
}

/// Reads iCalendar text with `options`, sending problems to `sink` (see
/// [`kalends_ical_core::parse_with`]).
pub fn read_with<'a, S: ErrorSink + ?Sized>(
    text: &'a str,
    options: &ParseOptions,
    sink: &mut S,
) -> Result<Document<'a>, Error> {
    kalends_ical_core::parse_with(text, options, sink).map_err(Error::from)
}
