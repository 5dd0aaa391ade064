//! The voter's side: a REPLY built from a REQUEST and the voter's
//! responses (draft-ietf-calext-vpoll-06 §3.3, §8.3.4), and a REFRESH
//! (§8.3.6).

use std::collections::BTreeSet;

use kalends_ical_core::value::DateTime;
use kalends_ical_core::{Component, Document, Property};

use crate::error::{Error, ErrorKind, quote};
use crate::model::{Action, Method, Response};
use crate::organizer::{DEFAULT_PRODID, message_polls};
use crate::util::{self, bool_param, detach, detach_property, dt_property};
use crate::view::{Poll, method};

/// One vote of a [`Ballot`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BallotVote {
    /// The POLL-ITEM-ID voted on.
    pub id: i64,
    /// The RESPONSE, 0–100.
    pub response: Response,
    /// A COMMENT on this vote.
    pub comment: Option<String>,
}

/// What a voter answers: a vote per choice, and optionally a comment to
/// the owner, the STAY-INFORMED wish and alternative information.
///
/// ```
/// use kalends_vpoll::{Ballot, Response};
/// let ballot = Ballot::new()
///     .vote(1, Response::new(50).ok_or("range")?, Some("Work on iTIP"))
///     .vote(2, Response::new(100).ok_or("range")?, None);
/// assert_eq!(ballot.votes.len(), 2);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Ballot {
    /// The votes, written in this order.
    pub votes: Vec<BallotVote>,
    /// A COMMENT in the PARTICIPANT: a message to the owner (§8.3.4).
    pub comment: Option<String>,
    /// STAY-INFORMED on the CALENDAR-ADDRESS (§4.4.2); `None` keeps what the
    /// REQUEST says.
    pub stay_informed: Option<bool>,
    /// Alternative information (VFREEBUSY, VAVAILABILITY …), sent in a VOTE
    /// without POLL-ITEM-ID (§3.6) when ACCEPT-RESPONSE allows its type.
    pub alternatives: Vec<Component<'static>>,
}

impl Ballot {
    /// An empty ballot.
    pub fn new() -> Ballot {
        Ballot::default()
    }

    /// Adds a vote (builder style).
    #[must_use]
    pub fn vote(mut self, id: i64, response: Response, comment: Option<&str>) -> Ballot {
        self.votes.push(BallotVote {
            id,
            response,
            comment: comment.map(str::to_owned),
        });
        self
    }

    /// Sets the comment to the owner (builder style).
    #[must_use]
    pub fn comment(mut self, text: impl Into<String>) -> Ballot {
        self.comment = Some(text.into());
        self
    }

    /// Sets STAY-INFORMED (builder style).
    #[must_use]
    pub fn stay_informed(mut self, flag: bool) -> Ballot {
        self.stay_informed = Some(flag);
        self
    }

    /// Adds alternative information (builder style).
    #[must_use]
    pub fn alternative(mut self, component: Component<'_>) -> Ballot {
        self.alternatives.push(detach(&component));
        self
    }
}

/// Builds the METHOD:REPLY of voter `voter` to `request` (a METHOD:REQUEST
/// or METHOD:POLLSTATUS of the poll), stamped `now` (UTC).
///
/// The reply follows the draft's example (§3.3): VERSION, PRODID,
/// METHOD:REPLY, and a VPOLL with UID, DTSTAMP, SEQUENCE (only when not 0,
/// Table 8), SUMMARY, and the voter's PARTICIPANT (PARTICIPANT-TYPE,
/// CALENDAR-ADDRESS and UID as the request has them) holding one VOTE per
/// ballot vote (POLL-ITEM-ID, RESPONSE, COMMENT).
///
/// Errors: the request is not a REQUEST or POLLSTATUS
/// ([`ErrorKind::WrongMethod`]), voting is closed
/// ([`ErrorKind::IllegalTransition`]), the voter is not listed
/// ([`ErrorKind::UnknownVoter`]), a vote names no choice of the request
/// ([`ErrorKind::UnknownChoice`], checked when the request carries its
/// choices), two votes for one choice, or alternative information that
/// ACCEPT-RESPONSE does not allow (§4.5.1).
pub fn reply(
    request: &Document<'_>,
    voter: &str,
    ballot: &Ballot,
    now: DateTime,
    prodid: Option<&str>,
) -> Result<Document<'static>, Error> {
    if !now.is_utc() {
        return Err(Error::value(
            "the reply's DTSTAMP must be a UTC date-time (RFC 5545 §3.8.7.2).",
        ));
    }
    let (cal, polls) = message_polls(request)?;
    match cal.and_then(method) {
        Some(Method::Request | Method::PollStatus) | None => {}
        Some(m) => {
            return Err(Error::new(
                ErrorKind::WrongMethod,
                format!("a voter replies to a METHOD:REQUEST, found METHOD:{m}."),
            ));
        }
    }
    let [poll] = polls.as_slice() else {
        return Err(Error::invalid(
            "a REQUEST carries a single VPOLL (draft §8.3.3).",
        ));
    };
    let view = Poll::new(poll)?;
    let uid = view
        .uid()
        .ok_or_else(|| Error::invalid("the request's VPOLL has no UID (draft §4.6.1)."))?;
    let status = view.status()?;
    if !status.is_open() {
        return Err(Error::new(
            ErrorKind::IllegalTransition {
                from: status,
                action: Action::Vote,
            },
            format!("cannot vote in a poll whose STATUS is {status}."),
        ));
    }
    let me = view.voter(voter).ok_or_else(|| {
        Error::new(
            ErrorKind::UnknownVoter,
            format!(
                "{} is not a voter of the poll {}.",
                quote(voter),
                quote(uid)
            ),
        )
    })?;
    let choices = view.choices()?;
    let mut ids = BTreeSet::new();
    for v in &ballot.votes {
        if !choices.is_empty() && !choices.iter().any(|c| c.id == v.id) {
            return Err(Error::new(
                ErrorKind::UnknownChoice { id: v.id },
                format!("the poll has no choice with POLL-ITEM-ID {}.", v.id),
            ));
        }
        if !ids.insert(v.id) {
            return Err(Error::invalid(format!(
                "the ballot votes twice on POLL-ITEM-ID {}.",
                v.id
            )));
        }
    }
    let accepted = view.accept_response();
    for a in &ballot.alternatives {
        if !accepted.iter().any(|t| a.is(t)) {
            return Err(Error::invalid(format!(
                "the poll does not accept a {} in replies: ACCEPT-RESPONSE does not list it (draft §4.5.1).",
                quote(a.name())
            )));
        }
    }

    let mut vpoll = Component::new("VPOLL");
    vpoll.push(Property::new("UID", uid.to_owned()));
    vpoll.push(dt_property("DTSTAMP", now));
    let seq = view.sequence()?;
    if seq != 0 {
        vpoll.push(Property::new("SEQUENCE", seq.to_string()));
    }
    if let Some(s) = poll.property("SUMMARY") {
        vpoll.push(detach_property(s));
    }

    let mut part = Component::new("PARTICIPANT");
    match me.component().property("PARTICIPANT-TYPE") {
        Some(t) => part.push(Property::new(
            "PARTICIPANT-TYPE",
            t.value().trim().to_owned(),
        )),
        None => part.push(Property::new("PARTICIPANT-TYPE", "VOTER")),
    }
    if let Some(a) = me.component().property("CALENDAR-ADDRESS") {
        let mut a = detach_property(a);
        a.set_value(a.value().trim().to_owned());
        if let Some(flag) = ballot.stay_informed {
            a.remove_param("STAY-INFORMED");
            if flag {
                a.set_param(bool_param("STAY-INFORMED", true));
            }
        }
        part.push(a);
    }
    if let Some(u) = util::value(me.component(), "UID") {
        part.push(Property::new("UID", u.to_owned()));
    }
    if let Some(c) = &ballot.comment {
        part.push(Property::text("COMMENT", c));
    }
    for v in &ballot.votes {
        let mut vote = Component::new("VOTE");
        vote.push(Property::new("POLL-ITEM-ID", v.id.to_string()));
        vote.push(Property::new("RESPONSE", v.response.to_string()));
        if let Some(c) = &v.comment {
            vote.push(Property::text("COMMENT", c));
        }
        part.push_component(vote);
    }
    if !ballot.alternatives.is_empty() {
        let mut vote = Component::new("VOTE");
        for a in &ballot.alternatives {
            vote.push_component(a.clone());
        }
        part.push_component(vote);
    }
    vpoll.push_component(part);

    let mut out = Component::new("VCALENDAR");
    out.push(Property::new("VERSION", "2.0"));
    out.push(Property::new(
        "PRODID",
        prodid.unwrap_or(DEFAULT_PRODID).to_owned(),
    ));
    out.push(Property::new("METHOD", "REPLY"));
    out.push_component(vpoll);
    Ok(Document::new(vec![out]))
}

/// Builds a voter's METHOD:REFRESH for the poll of `request` (draft §8.3.6
/// Table 10): a VPOLL with UID, DTSTAMP and the voter's PARTICIPANT only.
pub fn refresh(
    request: &Document<'_>,
    voter: &str,
    now: DateTime,
    prodid: Option<&str>,
) -> Result<Document<'static>, Error> {
    if !now.is_utc() {
        return Err(Error::value(
            "the DTSTAMP must be a UTC date-time (RFC 5545 §3.8.7.2).",
        ));
    }
    let (_, polls) = message_polls(request)?;
    let view = Poll::new(
        polls
            .first()
            .copied()
            .ok_or_else(|| Error::new(ErrorKind::NotAPoll, "no VPOLL."))?,
    )?;
    let uid = view
        .uid()
        .ok_or_else(|| Error::invalid("the VPOLL has no UID (draft §4.6.1)."))?;
    let me = view.voter(voter).ok_or_else(|| {
        Error::new(
            ErrorKind::UnknownVoter,
            format!("{} is not a voter of the poll.", quote(voter)),
        )
    })?;
    let mut part = Component::new("PARTICIPANT");
    for name in ["PARTICIPANT-TYPE", "CALENDAR-ADDRESS", "UID"] {
        if let Some(p) = me.component().property(name) {
            part.push(detach_property(p));
        }
    }
    let mut vpoll = Component::new("VPOLL");
    vpoll.push(Property::new("UID", uid.to_owned()));
    vpoll.push(dt_property("DTSTAMP", now));
    vpoll.push_component(part);
    let mut out = Component::new("VCALENDAR");
    out.push(Property::new("VERSION", "2.0"));
    out.push(Property::new(
        "PRODID",
        prodid.unwrap_or(DEFAULT_PRODID).to_owned(),
    ));
    out.push(Property::new("METHOD", "REFRESH"));
    out.push_component(vpoll);
    Ok(Document::new(vec![out]))
}
