//! The owner's side of a BASIC poll (draft-ietf-calext-vpoll-06 §3, §5.1,
//! §8): create, merge replies, change choices, complete, confirm, submit,
//! cancel, and the iTIP messages of each step.
//!
//! The [`Organizer`] keeps the poll as an iCalendar tree (a VCALENDAR with
//! the VPOLL and any VTIMEZONEs), so its state can be written out and read
//! back with [`Organizer::from_document`]. Every operation takes the
//! current time as an argument; nothing reads a clock and nothing is random.

use std::collections::BTreeSet;

use kalends_ical_core::value::DateTime;
use kalends_ical_core::{Component, Document, Parameter, Property};

use crate::error::{Error, ErrorKind, quote};
use crate::model::{
    Action, Method, ParticipantType, PollCompletion, PollStatus, normalize_address,
};
use crate::tally::Tally;
use crate::util::{self, bool_param, detach, dt_property};
use crate::view::{Participant, Poll, ReplyUrl, find_poll, is_choice_component, method};

/// The PRODID written when none is given.
pub const DEFAULT_PRODID: &str = "-//kalends//kalends-vpoll//EN";

/// A participant of a poll being created.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewParticipant {
    /// CALENDAR-ADDRESS, such as `mailto:eric@example.com`.
    pub address: String,
    /// NAME (RFC 7986), written as CN on the winning event's ATTENDEE.
    pub name: Option<String>,
    /// The PARTICIPANT's UID; derived from the poll UID and the address when `None`.
    pub uid: Option<String>,
    /// STAY-INFORMED=TRUE on CALENDAR-ADDRESS (draft §4.4.2).
    pub stay_informed: bool,
}

impl NewParticipant {
    /// A participant with only an address.
    pub fn new(address: impl Into<String>) -> NewParticipant {
        NewParticipant {
            address: address.into(),
            name: None,
            uid: None,
            stay_informed: false,
        }
    }

    /// Sets the UID (builder style).
    #[must_use]
    pub fn with_uid(mut self, uid: impl Into<String>) -> NewParticipant {
        self.uid = Some(uid.into());
        self
    }

    /// Sets NAME (builder style).
    #[must_use]
    pub fn with_name(mut self, name: impl Into<String>) -> NewParticipant {
        self.name = Some(name.into());
        self
    }

    /// Sets STAY-INFORMED=TRUE (builder style).
    #[must_use]
    pub fn staying_informed(mut self) -> NewParticipant {
        self.stay_informed = true;
        self
    }
}

#[derive(Debug, Clone)]
struct Entry {
    who: NewParticipant,
    owner: bool,
    voter: bool,
}

/// Builds a new BASIC poll; see [`Organizer::create`].
///
/// ```
/// use kalends_ical_core::{Component, Property};
/// use kalends_vpoll::{NewParticipant, PollBuilder};
/// let mut choice = Component::new("VEVENT");
/// choice.push(Property::new("UID", "c1@example.com"));
/// choice.push(Property::new("DTSTART", "20240108T090000Z"));
/// let organizer = PollBuilder::new("poll-1", "20240101T000000Z".parse()?)
///     .summary("Kick-off")
///     .voter(NewParticipant::new("mailto:ann@example.com"))
///     .owner(NewParticipant::new("mailto:bob@example.com"), true)
///     .choice(choice)
///     .build()?;
/// assert_eq!(organizer.poll().choices()?.len(), 1);
/// assert_eq!(organizer.poll().voters().count(), 2);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct PollBuilder {
    uid: String,
    dtstamp: DateTime,
    summary: Option<String>,
    description: Option<String>,
    participants: Vec<Entry>,
    choices: Vec<Component<'static>>,
    poll_properties: Vec<String>,
    completion: Option<PollCompletion>,
    dtstart: Option<DateTime>,
    dtend: Option<DateTime>,
    accept_response: Vec<String>,
    reply_url: Option<ReplyUrl>,
    prodid: String,
    time_zones: Vec<Component<'static>>,
}

impl PollBuilder {
    /// A poll with UID `uid` created at `dtstamp` (UTC).
    pub fn new(uid: impl Into<String>, dtstamp: DateTime) -> PollBuilder {
        PollBuilder {
            uid: uid.into(),
            dtstamp,
            summary: None,
            description: None,
            participants: Vec::new(),
            choices: Vec::new(),
            poll_properties: Vec::new(),
            completion: None,
            dtstart: None,
            dtend: None,
            accept_response: Vec::new(),
            reply_url: None,
            prodid: DEFAULT_PRODID.to_owned(),
            time_zones: Vec::new(),
        }
    }

    /// SUMMARY.
    #[must_use]
    pub fn summary(mut self, text: impl Into<String>) -> PollBuilder {
        self.summary = Some(text.into());
        self
    }

    /// DESCRIPTION.
    #[must_use]
    pub fn description(mut self, text: impl Into<String>) -> PollBuilder {
        self.description = Some(text.into());
        self
    }

    /// Adds a voter (PARTICIPANT-TYPE:VOTER).
    #[must_use]
    pub fn voter(mut self, who: NewParticipant) -> PollBuilder {
        self.participants.push(Entry {
            who,
            owner: false,
            voter: true,
        });
        self
    }

    /// Adds the owner (PARTICIPANT-TYPE:OWNER, or VOTER,OWNER when `votes`).
    #[must_use]
    pub fn owner(mut self, who: NewParticipant, votes: bool) -> PollBuilder {
        self.participants.push(Entry {
            who,
            owner: true,
            voter: votes,
        });
        self
    }

    /// Adds a choice (a VEVENT, VTODO, VJOURNAL, VFREEBUSY or VAVAILABILITY);
    /// choices get POLL-ITEM-IDs 1, 2, 3 … in the order added, replacing any
    /// POLL-ITEM-ID they carry.
    #[must_use]
    pub fn choice(mut self, component: Component<'_>) -> PollBuilder {
        self.choices.push(detach(&component));
        self
    }

    /// POLL-PROPERTIES: the properties that vary between choices (§4.5.5).
    #[must_use]
    pub fn poll_properties<I: IntoIterator<Item = S>, S: Into<String>>(
        mut self,
        names: I,
    ) -> PollBuilder {
        self.poll_properties = names.into_iter().map(Into::into).collect();
        self
    }

    /// POLL-COMPLETION (§4.5.2); not written when not set (CLIENT).
    #[must_use]
    pub fn completion(mut self, completion: PollCompletion) -> PollBuilder {
        self.completion = Some(completion);
        self
    }

    /// DTSTART of the voting period.
    #[must_use]
    pub fn voting_starts(mut self, at: DateTime) -> PollBuilder {
        self.dtstart = Some(at);
        self
    }

    /// DTEND of the voting period.
    #[must_use]
    pub fn voting_ends(mut self, at: DateTime) -> PollBuilder {
        self.dtend = Some(at);
        self
    }

    /// ACCEPT-RESPONSE: component types voters may reply with (§4.5.1).
    #[must_use]
    pub fn accept_response<I: IntoIterator<Item = S>, S: Into<String>>(
        mut self,
        names: I,
    ) -> PollBuilder {
        self.accept_response = names.into_iter().map(Into::into).collect();
        self
    }

    /// REPLY-URL with its REQUIRED parameter (§4.5.7).
    #[must_use]
    pub fn reply_url(mut self, uri: impl Into<String>, required: bool) -> PollBuilder {
        self.reply_url = Some(ReplyUrl {
            uri: uri.into(),
            required,
        });
        self
    }

    /// The PRODID of the stored calendar and of every message.
    #[must_use]
    pub fn prodid(mut self, prodid: impl Into<String>) -> PollBuilder {
        self.prodid = prodid.into();
        self
    }

    /// A VTIMEZONE the choices refer to.
    #[must_use]
    pub fn time_zone(mut self, vtimezone: Component<'_>) -> PollBuilder {
        self.time_zones.push(detach(&vtimezone));
        self
    }

    /// Builds the poll. Fails without exactly one owner, with two
    /// participants sharing an address, without a choice, with a choice
    /// that is not a VEVENT, VTODO, VJOURNAL, VFREEBUSY or VAVAILABILITY, or
    /// with a DTSTAMP that is not UTC.
    pub fn build(self) -> Result<Organizer, Error> {
        Organizer::create(self)
    }
}

/// Why a reply was not recorded; see [`ReplyOutcome`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub enum IgnoreReason {
    /// The reply answers an earlier version of the poll: its SEQUENCE is
    /// lower than the poll's (draft §8.2.3: a SEQUENCE change forces a revote).
    OlderSequence {
        /// The reply's SEQUENCE.
        reply: u32,
        /// The poll's SEQUENCE.
        poll: u32,
    },
    /// A later reply of the same voter is already recorded (its DTSTAMP is
    /// later, or equal and it wins the tie-break; see `DESIGN.md`).
    Stale {
        /// The reply's DTSTAMP.
        #[cfg_attr(
            feature = "serde",
            serde(serialize_with = "crate::util::serialize_display")
        )]
        reply: DateTime,
        /// The DTSTAMP of the recorded reply.
        #[cfg_attr(
            feature = "serde",
            serde(serialize_with = "crate::util::serialize_display")
        )]
        recorded: DateTime,
    },
    /// The same reply is already recorded.
    Duplicate,
    /// Voting is closed.
    PollClosed(PollStatus),
    /// The calendar address is not a voter of the poll, and
    /// [`ReplyPolicy::accept_uninvited`] is off (draft §8.3.3.8, §8.3.4:
    /// the owner decides about a "party crasher").
    UnknownVoter(String),
}

/// What [`Organizer::apply_reply`] did with one VPOLL of a REPLY.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub enum ReplyOutcome {
    /// The voter's votes were replaced by the reply's (draft §3.3: in BASIC
    /// mode each REPLY completely replaces that voter's voting record).
    Recorded {
        /// The voter's calendar address as the poll has it.
        voter: String,
        /// The number of VOTEs recorded.
        votes: usize,
        /// True when the voter was added by this reply (uninvited voter accepted).
        added: bool,
    },
    /// Nothing changed.
    Ignored {
        /// The voter's calendar address from the reply.
        voter: String,
        /// Why.
        reason: IgnoreReason,
    },
}

impl ReplyOutcome {
    /// True when the reply changed the poll.
    pub fn is_recorded(&self) -> bool {
        matches!(self, ReplyOutcome::Recorded { .. })
    }
}

/// How the organizer treats replies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct ReplyPolicy {
    /// Add a voter who replies without being invited (a forwarded poll,
    /// draft §8.3.3.8). Off by default: the owner "is not obligated to do
    /// anything with a REPLY from a new (uninvited) CU".
    pub accept_uninvited: bool,
}

impl ReplyPolicy {
    /// The default policy: uninvited voters are ignored.
    pub fn new() -> ReplyPolicy {
        ReplyPolicy::default()
    }

    /// Accepts uninvited voters (builder style).
    #[must_use]
    pub fn accepting_uninvited(mut self) -> ReplyPolicy {
        self.accept_uninvited = true;
        self
    }
}

/// The owner's copy of a poll and the operations on it.
#[derive(Debug, Clone)]
pub struct Organizer {
    /// A VCALENDAR with the VPOLL (and VTIMEZONEs), written canonically.
    calendar: Component<'static>,
    /// The next POLL-ITEM-ID to give out; ids are never reused (§5.1.1).
    next_item_id: i64,
    prodid: String,
}

fn require_utc(what: &str, at: DateTime) -> Result<(), Error> {
    if at.is_utc() {
        Ok(())
    } else {
        Err(Error::value(format!(
            "{what} must be a UTC date-time (RFC 5545 §3.8.7.2), found {}.",
            quote(&at.to_string())
        )))
    }
}

/// The UID of a participant derived from the poll UID and the address.
pub fn derive_participant_uid(poll_uid: &str, address: &str) -> String {
    format!(
        "{poll_uid}-{:016x}",
        util::fnv1a(&[poll_uid, &normalize_address(address)])
    )
}

fn participant_component(poll_uid: &str, e: &Entry) -> Component<'static> {
    let mut types = Vec::new();
    if e.voter {
        types.push("VOTER");
    }
    if e.owner {
        types.push("OWNER");
    }
    let mut c = Component::new("PARTICIPANT");
    c.push(Property::new("PARTICIPANT-TYPE", types.join(",")));
    let mut addr = Property::new("CALENDAR-ADDRESS", e.who.address.trim().to_owned());
    if e.who.stay_informed {
        addr = addr.with_param(bool_param("STAY-INFORMED", true));
    }
    c.push(addr);
    let uid = e
        .who
        .uid
        .clone()
        .unwrap_or_else(|| derive_participant_uid(poll_uid, &e.who.address));
    c.push(Property::new("UID", uid));
    if let Some(n) = &e.who.name {
        c.push(Property::text("NAME", n));
    }
    c
}

fn message(prodid: &str, method: Method) -> Component<'static> {
    let mut cal = Component::new("VCALENDAR");
    cal.push(Property::new("VERSION", "2.0"));
    cal.push(Property::new("PRODID", prodid.to_owned()));
    cal.push(Property::new("METHOD", method.as_str().to_owned()));
    cal
}

fn set_sequence(c: &mut Component<'static>, n: u32) {
    c.set(Property::new("SEQUENCE", n.to_string()));
}

/// A participant as the owner sends it: without the COMMENTs the voter
/// addressed to the owner (§8.3.4), and, when `votes` is false, without
/// the votes and the DTSTAMP of the reply they came from.
fn outgoing_participant(p: &Component<'_>, votes: bool) -> Component<'static> {
    let mut c = detach(p);
    c.remove("COMMENT");
    if !votes {
        c.components_mut().retain(|s| !s.is("VOTE"));
        c.remove("DTSTAMP");
    }
    c
}

/// A VPOLL as the owner sends it: participants through [`outgoing_participant`].
fn outgoing_poll(poll: &Component<'_>) -> Component<'static> {
    let mut out = Component::new("VPOLL");
    for p in poll.properties() {
        out.push(util::detach_property(p));
    }
    for c in poll.components() {
        out.push_component(if c.is("PARTICIPANT") {
            outgoing_participant(c, true)
        } else {
            detach(c)
        });
    }
    out
}

impl Organizer {
    /// Creates a poll from `builder` (see [`PollBuilder::build`]).
    pub fn create(b: PollBuilder) -> Result<Organizer, Error> {
        require_utc("DTSTAMP", b.dtstamp)?;
        let owners = b.participants.iter().filter(|e| e.owner).count();
        if owners != 1 {
            return Err(Error::invalid(format!(
                "a poll needs exactly one owner (draft §8.3.7: the owner PARTICIPANT must be present), found {owners}."
            )));
        }
        let mut seen = BTreeSet::new();
        for e in &b.participants {
            if !seen.insert(normalize_address(&e.who.address)) {
                return Err(Error::invalid(format!(
                    "the calendar address {} is given twice; each voter has one PARTICIPANT (draft §3.1).",
                    quote(&e.who.address)
                )));
            }
        }
        if b.choices.is_empty() {
            return Err(Error::invalid(
                "a poll needs at least one choice to vote on.",
            ));
        }
        if let Some(c) = b.choices.iter().find(|c| !is_choice_component(c)) {
            return Err(Error::invalid(format!(
                "a {} cannot be a choice; choices are VEVENT, VTODO, VJOURNAL, VFREEBUSY or VAVAILABILITY (draft §4.6.1).",
                quote(c.name())
            )));
        }

        let mut poll = Component::new("VPOLL");
        poll.push(Property::new("UID", b.uid.clone()));
        poll.push(dt_property("DTSTAMP", b.dtstamp));
        poll.push(Property::new("SEQUENCE", "0"));
        if let Some(s) = &b.summary {
            poll.push(Property::text("SUMMARY", s));
        }
        if let Some(d) = &b.description {
            poll.push(Property::text("DESCRIPTION", d));
        }
        if let Some(s) = b.dtstart {
            poll.push(dt_property("DTSTART", s));
        }
        if let Some(e) = b.dtend {
            poll.push(dt_property("DTEND", e));
        }
        poll.push(Property::new("POLL-MODE", "BASIC"));
        if let Some(c) = &b.completion {
            poll.push(Property::new("POLL-COMPLETION", c.as_str().to_owned()));
        }
        if !b.poll_properties.is_empty() {
            poll.push(util::list_property("POLL-PROPERTIES", &b.poll_properties));
        }
        if !b.accept_response.is_empty() {
            poll.push(util::list_property("ACCEPT-RESPONSE", &b.accept_response));
        }
        if let Some(r) = &b.reply_url {
            let mut p = Property::new("REPLY-URL", r.uri.clone());
            if r.required {
                p = p.with_param(bool_param("REQUIRED", true));
            }
            poll.push(p);
        }
        for e in &b.participants {
            poll.push_component(participant_component(&b.uid, e));
        }
        let mut next = 1i64;
        for mut c in b.choices {
            c.remove("POLL-ITEM-ID");
            c.push(Property::new("POLL-ITEM-ID", next.to_string()));
            next = next.saturating_add(1);
            poll.push_component(c);
        }

        let mut cal = Component::new("VCALENDAR");
        cal.push(Property::new("VERSION", "2.0"));
        cal.push(Property::new("PRODID", b.prodid.clone()));
        for tz in b.time_zones {
            cal.push_component(tz);
        }
        cal.push_component(poll);
        Ok(Organizer {
            calendar: cal,
            next_item_id: next,
            prodid: b.prodid,
        })
    }

    /// Takes over a stored poll: the first VPOLL of `doc`, with the VTIMEZONEs
    /// of its VCALENDAR. The copy is written canonically from then on.
    ///
    /// POLL-ITEM-IDs are given out from one above the highest present; ids
    /// of choices removed before the poll was stored cannot be known (see
    /// `DESIGN.md`).
    pub fn from_document(doc: &Document<'_>) -> Result<Organizer, Error> {
        let poll = find_poll(doc).ok_or_else(|| {
            Error::new(ErrorKind::NotAPoll, "the document has no VPOLL component.")
        })?;
        let view = Poll::new(poll)?;
        if view.uid().is_none() {
            return Err(Error::invalid("the VPOLL has no UID (draft §4.6.1)."));
        }
        view.status()?;
        let max = view.choices()?.iter().map(|c| c.id).max().unwrap_or(0);
        let host = doc
            .components
            .iter()
            .find(|c| c.is("VCALENDAR") && c.components_named("VPOLL").next().is_some());
        let prodid = host
            .and_then(|c| util::value(c, "PRODID"))
            .unwrap_or(DEFAULT_PRODID)
            .to_owned();
        let mut cal = Component::new("VCALENDAR");
        cal.push(Property::new("VERSION", "2.0"));
        cal.push(Property::new("PRODID", prodid.clone()));
        if let Some(h) = host {
            for tz in h.components_named("VTIMEZONE") {
                cal.push_component(detach(tz));
            }
        }
        let mut stored = detach(poll);
        stored.set_name("VPOLL");
        cal.push_component(stored);
        Ok(Organizer {
            calendar: cal,
            next_item_id: max.saturating_add(1),
            prodid,
        })
    }

    /// Reads a stored poll from text (see [`Organizer::from_document`]).
    pub fn from_text(text: &str) -> Result<Organizer, Error> {
        let doc = crate::read(text)?;
        Organizer::from_document(&doc)
    }

    /// The stored calendar: VCALENDAR with the VPOLL.
    pub fn calendar(&self) -> &Component<'static> {
        &self.calendar
    }

    /// The stored calendar as a document, to write out.
    pub fn to_document(&self) -> Document<'static> {
        Document::new(vec![self.calendar.clone()])
    }

    fn vpoll(&self) -> &Component<'static> {
        // Present by construction; an empty VPOLL stands in if it is not.
        self.calendar
            .components()
            .iter()
            .find(|c| c.is("VPOLL"))
            .unwrap_or(&self.calendar)
    }

    fn vpoll_mut(&mut self) -> Result<&mut Component<'static>, Error> {
        self.calendar
            .components_mut()
            .iter_mut()
            .find(|c| c.is("VPOLL"))
            .ok_or_else(|| {
                Error::new(
                    ErrorKind::NotAPoll,
                    "the organizer's calendar has lost its VPOLL.",
                )
            })
    }

    /// A view of the poll.
    pub fn poll(&self) -> Poll<'_, 'static> {
        // `vpoll` is a VPOLL by construction.
        Poll::unchecked(self.vpoll())
    }

    /// The poll's UID.
    pub fn uid(&self) -> &str {
        self.poll().uid().unwrap_or("")
    }

    /// The poll's state.
    pub fn status(&self) -> PollStatus {
        self.poll().status().unwrap_or(PollStatus::InProcess)
    }

    /// The poll's SEQUENCE.
    pub fn sequence(&self) -> u32 {
        self.poll().sequence().unwrap_or(0)
    }

    /// The tally of the recorded votes.
    pub fn tally(&self) -> Tally {
        Tally::of(&self.poll())
    }

    fn transition(&self, action: Action) -> Result<PollStatus, Error> {
        let from = self.status();
        from.allows(action).ok_or_else(|| {
            Error::new(
                ErrorKind::IllegalTransition { from, action },
                format!(
                    "cannot {} a poll whose STATUS is {from} (draft §3.5, §4.3).",
                    action.verb()
                ),
            )
        })
    }

    fn stamp(&mut self, now: DateTime) -> Result<(), Error> {
        require_utc("the time given", now)?;
        self.vpoll_mut()?.set(dt_property("DTSTAMP", now));
        Ok(())
    }

    fn bump_sequence(&mut self) -> Result<(), Error> {
        let n = self.sequence().saturating_add(1);
        set_sequence(self.vpoll_mut()?, n);
        Ok(())
    }

    /// Drops every recorded vote (after a change of choices, draft §8.2.3).
    fn clear_votes(&mut self) -> Result<(), Error> {
        for p in self
            .vpoll_mut()?
            .components_mut()
            .iter_mut()
            .filter(|c| c.is("PARTICIPANT"))
        {
            p.components_mut().retain(|c| !c.is("VOTE"));
            p.remove("DTSTAMP");
        }
        Ok(())
    }

    // ------------------------------------------------------------------
    // Messages.

    fn time_zones_for<'s>(&'s self, comps: &[&Component<'_>]) -> Vec<&'s Component<'static>> {
        let mut ids = BTreeSet::new();
        fn collect(c: &Component<'_>, ids: &mut BTreeSet<String>) {
            for p in c.properties() {
                if let Some(t) = p.param_value("TZID") {
                    ids.insert(t.into_owned());
                }
            }
            for s in c.components() {
                collect(s, ids);
            }
        }
        for c in comps {
            collect(c, &mut ids);
        }
        self.calendar
            .components_named("VTIMEZONE")
            .filter(|tz| util::value(tz, "TZID").is_some_and(|t| ids.contains(t)))
            .collect()
    }

    /// The METHOD:REQUEST with the poll's full current state (draft
    /// §8.3.3): every property, participant (with recorded votes) and
    /// choice, stamped `now`. This is the invitation, and the answer to a
    /// REFRESH (§8.3.6).
    pub fn request(&self, now: DateTime) -> Result<Document<'static>, Error> {
        require_utc("the time given", now)?;
        let mut poll = outgoing_poll(self.vpoll());
        poll.set(dt_property("DTSTAMP", now));
        Ok(self.wrap(Method::Request, poll))
    }

    fn wrap(&self, method: Method, poll: Component<'static>) -> Document<'static> {
        let mut cal = message(&self.prodid, method);
        for tz in self.time_zones_for(&[&poll]) {
            cal.push_component(detach(tz));
        }
        cal.push_component(poll);
        Document::new(vec![cal])
    }

    /// The REQUEST that closes or confirms the poll, shaped like the
    /// draft's confirmation example (§3.5): the VPOLL's properties, the
    /// owner PARTICIPANT without votes, and every choice.
    fn closing_request(&self, now: DateTime) -> Document<'static> {
        let src = self.vpoll();
        let mut poll = Component::new("VPOLL");
        for p in src.properties() {
            poll.push(util::detach_property(p));
        }
        poll.set(dt_property("DTSTAMP", now));
        for c in src.components() {
            if c.is("PARTICIPANT") {
                if Participant::new(c).is_some_and(|p| p.is_owner()) {
                    poll.push_component(outgoing_participant(c, false));
                }
            } else {
                poll.push_component(detach(c));
            }
        }
        self.wrap(Method::Request, poll)
    }

    /// The METHOD:POLLSTATUS message (draft §3.4, §8.3.7 Table 11): UID,
    /// DTSTAMP, SEQUENCE, SUMMARY (empty when the poll has none, "can be
    /// null"), DTSTART and COMPLETED when present, and every voter and the
    /// owner with their recorded votes; no choices.
    pub fn poll_status(&self, now: DateTime) -> Result<Document<'static>, Error> {
        require_utc("the time given", now)?;
        let src = self.vpoll();
        let mut poll = Component::new("VPOLL");
        poll.push(Property::new("UID", self.uid().to_owned()));
        poll.push(dt_property("DTSTAMP", now));
        poll.push(Property::new("SEQUENCE", self.sequence().to_string()));
        poll.push(
            src.property("SUMMARY")
                .map_or_else(|| Property::new("SUMMARY", ""), util::detach_property),
        );
        for name in ["DTSTART", "COMPLETED"] {
            if let Some(p) = src.property(name) {
                poll.push(util::detach_property(p));
            }
        }
        for c in src.components_named("PARTICIPANT") {
            if Participant::new(c).is_some_and(|p| p.is_voter() || p.is_owner()) {
                poll.push_component(outgoing_participant(c, true));
            }
        }
        Ok(self.wrap(Method::PollStatus, poll))
    }

    fn cancel_message(
        &self,
        now: DateTime,
        participants: Vec<Component<'static>>,
    ) -> Document<'static> {
        let mut poll = Component::new("VPOLL");
        poll.push(Property::new("UID", self.uid().to_owned()));
        poll.push(dt_property("DTSTAMP", now));
        poll.push(Property::new("SEQUENCE", self.sequence().to_string()));
        for p in participants {
            poll.push_component(p);
        }
        self.wrap(Method::Cancel, poll)
    }

    // ------------------------------------------------------------------
    // Replies.

    /// Records a voter's METHOD:REPLY (draft §3.3, §8.3.4), one outcome per
    /// VPOLL in the reply (normally one; see `DESIGN.md` on Table 4 vs Table 8).
    ///
    /// - A reply replaces everything the voter voted before (BASIC, §3.3).
    /// - A reply whose SEQUENCE is lower than the poll's answers an older
    ///   version and is ignored (§8.2.3); a higher SEQUENCE is an error.
    /// - Of two replies of one voter, the one with the later DTSTAMP wins,
    ///   whatever order they arrive in; on equal DTSTAMPs the reply whose
    ///   VOTEs written canonically sort last wins, so the result never
    ///   depends on arrival order.
    /// - A closed poll records nothing ([`IgnoreReason::PollClosed`]).
    ///
    /// Errors: not a REPLY, another poll's UID, no DTSTAMP, not exactly one
    /// PARTICIPANT, no CALENDAR-ADDRESS, a RESPONSE outside 0–100, a vote for
    /// an unknown POLL-ITEM-ID, two votes for one choice.
    pub fn apply_reply(
        &mut self,
        reply: &Document<'_>,
        policy: ReplyPolicy,
    ) -> Result<Vec<ReplyOutcome>, Error> {
        let (cal, polls) = message_polls(reply)?;
        match cal.and_then(method) {
            Some(Method::Reply) => {}
            Some(m) => {
                return Err(Error::new(
                    ErrorKind::WrongMethod,
                    format!("expected a METHOD:REPLY, found METHOD:{m}."),
                ));
            }
            None => {
                return Err(Error::new(
                    ErrorKind::WrongMethod,
                    "the reply has no METHOD; expected METHOD:REPLY.",
                ));
            }
        }
        let mut out = Vec::with_capacity(polls.len());
        for p in polls {
            out.push(self.apply_one(p, policy)?);
        }
        Ok(out)
    }

    /// Reads `text` and records it as a REPLY (see [`Organizer::apply_reply`]).
    pub fn apply_reply_text(
        &mut self,
        text: &str,
        policy: ReplyPolicy,
    ) -> Result<Vec<ReplyOutcome>, Error> {
        let doc = crate::read(text)?;
        self.apply_reply(&doc, policy)
    }

    fn apply_one(
        &mut self,
        reply: &Component<'_>,
        policy: ReplyPolicy,
    ) -> Result<ReplyOutcome, Error> {
        let view = Poll::new(reply)?;
        let uid = view.uid().ok_or_else(|| {
            Error::invalid("the reply's VPOLL has no UID (draft §8.3.4 Table 8).")
        })?;
        if uid != self.uid() {
            return Err(Error::new(
                ErrorKind::WrongPoll,
                format!(
                    "the reply is for the poll {}, not {}.",
                    quote(uid),
                    quote(self.uid())
                ),
            ));
        }
        let stamp = view.dtstamp()?.ok_or_else(|| {
            Error::invalid("the reply's VPOLL has no DTSTAMP (draft §8.3.4 Table 8).")
        })?;
        let parts: Vec<Participant<'_, '_>> = view.participants().collect();
        let [part] = parts.as_slice() else {
            return Err(Error::invalid(format!(
                "a REPLY's VPOLL has exactly one PARTICIPANT, the voter replying (draft §8.1 Table 4); found {}.",
                parts.len()
            )));
        };
        let address = part
            .calendar_address()
            .ok_or_else(|| {
                Error::invalid("the replying PARTICIPANT has no CALENDAR-ADDRESS (draft §3.3).")
            })?
            .to_owned();

        // Votes: check before changing anything.
        let known: BTreeSet<i64> = self.poll().choices()?.iter().map(|c| c.id).collect();
        let mut ids = BTreeSet::new();
        for v in part.votes() {
            v.response()?;
            if let Some(id) = v.poll_item_id()? {
                if !known.contains(&id) {
                    return Err(Error::new(
                        ErrorKind::UnknownChoice { id },
                        format!(
                            "the reply votes on POLL-ITEM-ID {id}, which names no choice of the poll."
                        ),
                    ));
                }
                if !ids.insert(id) {
                    return Err(Error::invalid(format!(
                        "the reply has two VOTEs for POLL-ITEM-ID {id}; one voter has one vote per choice (draft §3.3)."
                    )));
                }
                if v.response()?.is_none() {
                    return Err(Error::invalid(format!(
                        "the VOTE for POLL-ITEM-ID {id} has no RESPONSE (draft §4.6.2)."
                    )));
                }
            }
        }

        let status = self.status();
        if !status.is_open() {
            return Ok(ReplyOutcome::Ignored {
                voter: address,
                reason: IgnoreReason::PollClosed(status),
            });
        }
        let (reply_seq, poll_seq) = (view.sequence()?, self.sequence());
        if reply_seq < poll_seq {
            return Ok(ReplyOutcome::Ignored {
                voter: address,
                reason: IgnoreReason::OlderSequence {
                    reply: reply_seq,
                    poll: poll_seq,
                },
            });
        }
        if reply_seq > poll_seq {
            return Err(Error::invalid(format!(
                "the reply has SEQUENCE {reply_seq} but the poll is at {poll_seq}; a reply carries the sequence of the request it answers (draft §8.3.4 Table 8)."
            )));
        }

        // The new voting record, in the §3.6 form: alternative information
        // that the reply puts directly in the PARTICIPANT (Appendix A) or the
        // VPOLL (§8.3.4 Table 8) is wrapped in a VOTE without POLL-ITEM-ID.
        let mut votes: Vec<Component<'static>> =
            part.votes().map(|v| detach(v.component())).collect();
        let loose: Vec<&Component<'_>> = part
            .component()
            .components()
            .iter()
            .chain(reply.components().iter())
            .filter(|c| c.is("VFREEBUSY") || c.is("VAVAILABILITY"))
            .collect();
        if !loose.is_empty() {
            let mut v = Component::new("VOTE");
            for c in loose {
                v.push_component(detach(c));
            }
            votes.push(v);
        }
        let key = votes_key(&votes);

        let want = normalize_address(&address);
        let vpoll = self.vpoll_mut()?;
        let slot = vpoll.components_mut().iter_mut().position(|c| {
            Participant::new(c).is_some_and(|p| {
                p.is_voter()
                    && p.calendar_address()
                        .is_some_and(|a| normalize_address(a) == want)
            })
        });
        let added = slot.is_none();
        let index = match slot {
            Some(i) => i,
            None if policy.accept_uninvited => {
                let mut c = Component::new("PARTICIPANT");
                c.push(Property::new("PARTICIPANT-TYPE", "VOTER"));
                if let Some(a) = part.component().property("CALENDAR-ADDRESS") {
                    c.push(util::detach_property(a));
                }
                let uid = part
                    .uid()
                    .map_or_else(|| derive_participant_uid(uid, &address), str::to_owned);
                c.push(Property::new("UID", uid));
                vpoll.push_component(c);
                vpoll.components().len().saturating_sub(1)
            }
            None => {
                return Ok(ReplyOutcome::Ignored {
                    voter: address.clone(),
                    reason: IgnoreReason::UnknownVoter(address),
                });
            }
        };
        let Some(stored) = vpoll.components_mut().get_mut(index) else {
            return Err(Error::invalid("the voter's PARTICIPANT vanished."));
        };
        if let Some(recorded) = Participant::new(stored).and_then(|p| p.dtstamp().ok().flatten()) {
            let stored_votes: Vec<Component<'static>> =
                stored.components_named("VOTE").map(detach).collect();
            let stored_key = votes_key(&stored_votes);
            if stamp < recorded || (stamp == recorded && key < stored_key) {
                return Ok(ReplyOutcome::Ignored {
                    voter: address,
                    reason: IgnoreReason::Stale {
                        reply: stamp,
                        recorded,
                    },
                });
            }
            if stamp == recorded && key == stored_key {
                return Ok(ReplyOutcome::Ignored {
                    voter: address,
                    reason: IgnoreReason::Duplicate,
                });
            }
        }

        // Record: replace the votes, the reply's DTSTAMP (RFC 9073 §7.1.1),
        // the voter's comments (§8.3.4) and STAY-INFORMED (§4.4.2).
        let count = votes.len();
        let mut rebuilt = detach(stored);
        rebuilt.components_mut().retain(|c| !c.is("VOTE"));
        rebuilt.set(dt_property("DTSTAMP", stamp));
        rebuilt.remove("COMMENT");
        for c in part.component().properties_named("COMMENT") {
            rebuilt.push(util::detach_property(c));
        }
        // The reply is authoritative for STAY-INFORMED (the voter's wish;
        // absent means FALSE), so the result does not depend on which of a
        // voter's replies came first.
        let flag = part
            .component()
            .property("CALENDAR-ADDRESS")
            .and_then(|a| a.param_value("STAY-INFORMED"))
            .and_then(|v| crate::model::parse_bool(&v))
            .unwrap_or(false);
        if let Some(a) = rebuilt.property_mut("CALENDAR-ADDRESS") {
            a.remove_param("STAY-INFORMED");
            if flag {
                a.set_param(bool_param("STAY-INFORMED", true));
            }
        }
        for v in votes {
            rebuilt.push_component(v);
        }
        *stored = rebuilt;
        Ok(ReplyOutcome::Recorded {
            voter: address,
            votes: count,
            added,
        })
    }

    /// Answers a voter's METHOD:REFRESH (draft §8.3.6): the full REQUEST, or
    /// the CANCEL when the poll was cancelled.
    pub fn answer_refresh(
        &self,
        refresh: &Document<'_>,
        now: DateTime,
    ) -> Result<Document<'static>, Error> {
        let (cal, polls) = message_polls(refresh)?;
        if cal.and_then(method) != Some(Method::Refresh) {
            return Err(Error::new(
                ErrorKind::WrongMethod,
                "expected a METHOD:REFRESH.",
            ));
        }
        let [poll] = polls.as_slice() else {
            return Err(Error::invalid(
                "a REFRESH carries a single VPOLL (draft §8.3.6 Table 10).",
            ));
        };
        let view = Poll::new(poll)?;
        if view.uid() != Some(self.uid()) {
            return Err(Error::new(
                ErrorKind::WrongPoll,
                "the REFRESH is for another poll.",
            ));
        }
        let asker = view
            .participants()
            .next()
            .and_then(|p| p.calendar_address())
            .unwrap_or("");
        if self.poll().voter(asker).is_none() {
            return Err(Error::new(
                ErrorKind::UnknownVoter,
                format!(
                    "{} is not a voter of the poll (draft §8.3.6 Table 10).",
                    quote(asker)
                ),
            ));
        }
        if self.status() == PollStatus::Cancelled {
            return Ok(self.cancel_message(now, Vec::new()));
        }
        self.request(now)
    }

    // ------------------------------------------------------------------
    // Voters and choices.

    /// Adds a voter. The SEQUENCE does not change (draft §8.2.3: "New voter -
    /// no sequence change"); send them [`Organizer::request`].
    pub fn add_voter(&mut self, who: NewParticipant) -> Result<(), Error> {
        self.transition(Action::ChangeChoices)?;
        if self.poll().participants().any(|p| {
            p.calendar_address()
                .is_some_and(|a| normalize_address(a) == normalize_address(&who.address))
        }) {
            return Err(Error::invalid(format!(
                "{} is already a participant of the poll.",
                quote(&who.address)
            )));
        }
        let uid = self.uid().to_owned();
        let c = participant_component(
            &uid,
            &Entry {
                who,
                owner: false,
                voter: true,
            },
        );
        self.vpoll_mut()?.push_component(c);
        Ok(())
    }

    /// Removes voters and returns the METHOD:CANCEL that tells them (draft
    /// §8.3.5 Table 9: "any included participants are being removed from the
    /// poll"). The SEQUENCE does not change, as for a new voter (§8.2.3).
    pub fn remove_voters(
        &mut self,
        addresses: &[&str],
        now: DateTime,
    ) -> Result<Document<'static>, Error> {
        self.transition(Action::ChangeChoices)?;
        require_utc("the time given", now)?;
        let wanted: BTreeSet<String> = addresses.iter().map(|a| normalize_address(a)).collect();
        let is_target = |c: &Component<'_>| {
            Participant::new(c).is_some_and(|p| {
                p.is_voter()
                    && !p.is_owner()
                    && p.calendar_address()
                        .is_some_and(|a| wanted.contains(&normalize_address(a)))
            })
        };
        let removed: Vec<Component<'static>> = self
            .vpoll()
            .components()
            .iter()
            .filter(|c| is_target(c))
            .map(|c| outgoing_participant(c, false))
            .collect();
        if removed.len() != wanted.len() {
            return Err(Error::new(
                ErrorKind::UnknownVoter,
                "not every address given is a voter of the poll (the owner cannot be removed).",
            ));
        }
        self.vpoll_mut()?.components_mut().retain(|c| !is_target(c));
        self.stamp(now)?;
        Ok(self.cancel_message(now, removed))
    }

    /// Adds a choice with the next unused POLL-ITEM-ID and returns the id.
    /// The SEQUENCE goes up and every recorded vote is dropped (draft
    /// §8.2.3: adding a poll item bumps the sequence and forces a revote).
    pub fn add_choice(&mut self, component: Component<'_>, now: DateTime) -> Result<i64, Error> {
        self.transition(Action::ChangeChoices)?;
        let id = self.push_choice(component)?;
        self.changed(now)?;
        Ok(id)
    }

    fn push_choice(&mut self, component: Component<'_>) -> Result<i64, Error> {
        if !is_choice_component(&component) {
            return Err(Error::invalid(format!(
                "a {} cannot be a choice.",
                quote(component.name())
            )));
        }
        let id = self.next_item_id;
        self.next_item_id = id.saturating_add(1);
        let mut c = detach(&component);
        c.remove("POLL-ITEM-ID");
        c.push(Property::new("POLL-ITEM-ID", id.to_string()));
        self.vpoll_mut()?.push_component(c);
        Ok(id)
    }

    fn remove_choice_components(&mut self, id: i64) -> Result<(), Error> {
        let before = self.vpoll().components().len();
        self.vpoll_mut()?.components_mut().retain(|c| {
            !(is_choice_component(c)
                && c.property("POLL-ITEM-ID")
                    .and_then(|p| util::integer(p).ok())
                    == Some(id))
        });
        if self.vpoll().components().len() == before {
            return Err(Error::new(
                ErrorKind::UnknownChoice { id },
                format!("the poll has no choice {id}."),
            ));
        }
        Ok(())
    }

    fn changed(&mut self, now: DateTime) -> Result<(), Error> {
        self.stamp(now)?;
        self.bump_sequence()?;
        self.clear_votes()
    }

    /// Removes a choice; its POLL-ITEM-ID is never given out again (§5.1.1).
    /// SEQUENCE goes up and votes are dropped, as for [`Organizer::add_choice`].
    pub fn remove_choice(&mut self, id: i64, now: DateTime) -> Result<(), Error> {
        self.transition(Action::ChangeChoices)?;
        self.remove_choice_components(id)?;
        self.changed(now)
    }

    /// Replaces a choice by a changed one under a new POLL-ITEM-ID ("to
    /// force a re-vote on a component due to a significant change, the
    /// POLL-ITEM-ID MUST change", §4.5.3) and returns the new id.
    pub fn replace_choice(
        &mut self,
        id: i64,
        component: Component<'_>,
        now: DateTime,
    ) -> Result<i64, Error> {
        self.transition(Action::ChangeChoices)?;
        if !is_choice_component(&component) {
            return Err(Error::invalid(format!(
                "a {} cannot be a choice.",
                quote(component.name())
            )));
        }
        self.remove_choice_components(id)?;
        let new = self.push_choice(component)?;
        self.changed(now)?;
        Ok(new)
    }

    // ------------------------------------------------------------------
    // State machine.

    /// Closes voting: STATUS:COMPLETED and COMPLETED:`now` (draft §3.5,
    /// §8.3.3.4). Returns the REQUEST that tells the voters.
    pub fn complete(&mut self, now: DateTime) -> Result<Document<'static>, Error> {
        let next = self.transition(Action::Complete)?;
        self.stamp(now)?;
        let poll = self.vpoll_mut()?;
        poll.set(Property::new("STATUS", next.as_str()));
        poll.set(dt_property("COMPLETED", now));
        Ok(self.closing_request(now))
    }

    /// Confirms `winner`: STATUS:CONFIRMED and POLL-WINNER (draft §3.5,
    /// §5.1.2, §8.3.3.3); COMPLETED is set to `now` if voting was still open.
    /// Returns the confirmation REQUEST with every choice.
    pub fn confirm(&mut self, winner: i64, now: DateTime) -> Result<Document<'static>, Error> {
        let next = self.transition(Action::Confirm)?;
        if self.poll().choice(winner)?.is_none() {
            return Err(Error::new(
                ErrorKind::UnknownChoice { id: winner },
                format!(
                    "cannot confirm {winner}: no choice of the poll has that POLL-ITEM-ID (draft §4.5.6)."
                ),
            ));
        }
        self.stamp(now)?;
        let poll = self.vpoll_mut()?;
        if poll.property("COMPLETED").is_none() {
            poll.set(dt_property("COMPLETED", now));
        }
        poll.set(Property::new("STATUS", next.as_str()));
        poll.set(Property::new("POLL-WINNER", winner.to_string()));
        Ok(self.closing_request(now))
    }

    /// Submits the winner: STATUS:SUBMITTED (draft §3.5, §4.3) and returns
    /// the winning component ready to send (see [`Organizer::winning_event`]).
    pub fn submit(&mut self, now: DateTime) -> Result<Document<'static>, Error> {
        let next = self.transition(Action::Submit)?;
        let message = self.winning_event(now)?;
        self.stamp(now)?;
        self.vpoll_mut()?
            .set(Property::new("STATUS", next.as_str()));
        Ok(message)
    }

    /// Cancels the poll: SEQUENCE goes up (draft §8.3.5), STATUS:CANCELLED.
    /// Returns the METHOD:CANCEL for every voter (Table 9: UID, DTSTAMP,
    /// SEQUENCE and no PARTICIPANT, "the entire poll is cancelled").
    pub fn cancel(&mut self, now: DateTime) -> Result<Document<'static>, Error> {
        let next = self.transition(Action::Cancel)?;
        self.stamp(now)?;
        self.bump_sequence()?;
        self.vpoll_mut()?
            .set(Property::new("STATUS", next.as_str()));
        Ok(self.cancel_message(now, Vec::new()))
    }

    /// The winning component(s) of a confirmed poll, ready to send (draft
    /// §5.1.2): a VCALENDAR with METHOD:REQUEST (PUBLISH for a winner that is
    /// not a VEVENT or VTODO), the VTIMEZONEs it needs, and each component
    /// of the winning choice with POLL-ITEM-ID removed, DTSTAMP `now`,
    /// `RELATED-TO;RELTYPE=POLL:<poll uid>` (§4.2), and — when it has no
    /// ORGANIZER and no ATTENDEE — an ORGANIZER from the owner and an
    /// ATTENDEE for every voter:
    ///
    /// - ROLE from PARTICIPANT-TYPE by §6.2 Table 2 (CHAIR, ATTENDEE →
    ///   REQ-PARTICIPANT, OPTIONAL → OPT-PARTICIPANT, INFORMATIONAL →
    ///   NON-PARTICIPANT), REQ-PARTICIPANT for a plain voter (§3: "the voters
    ///   will all be potential attendees");
    /// - ROLE=NON-PARTICIPANT for a voter with STAY-INFORMED=TRUE (§4.4.2);
    /// - PARTSTAT=ACCEPTED for the owner when they vote, NEEDS-ACTION and
    ///   RSVP=TRUE for the others (RSVP omitted for non-participants);
    /// - CN from the PARTICIPANT's NAME (§7.1).
    pub fn winning_event(&self, now: DateTime) -> Result<Document<'static>, Error> {
        require_utc("the time given", now)?;
        let poll = self.poll();
        let winner = poll.winner()?.ok_or_else(|| {
            Error::invalid("the poll has no POLL-WINNER; confirm it first (draft §5.1.2).")
        })?;
        let choice = poll.choice(winner)?.ok_or_else(|| {
            Error::new(
                ErrorKind::UnknownChoice { id: winner },
                format!("POLL-WINNER {winner} names no choice."),
            )
        })?;
        let scheduled = choice
            .components
            .iter()
            .all(|c| c.is("VEVENT") || c.is("VTODO"));
        let method = if scheduled {
            Method::Request
        } else {
            Method::Publish
        };
        let mut cal = message(&self.prodid, method);
        for tz in self.time_zones_for(&choice.components) {
            cal.push_component(detach(tz));
        }
        for src in &choice.components {
            let mut c = detach(src);
            c.remove("POLL-ITEM-ID");
            c.set(dt_property("DTSTAMP", now));
            if scheduled && c.property("ORGANIZER").is_none() && c.property("ATTENDEE").is_none() {
                add_organizer_and_attendees(&mut c, &poll);
            }
            let linked = c.properties_named("RELATED-TO").any(|r| {
                r.param_value("RELTYPE")
                    .is_some_and(|t| t.eq_ignore_ascii_case("POLL"))
                    && r.value().trim() == self.uid()
            });
            if !linked {
                c.push(
                    Property::new("RELATED-TO", self.uid().to_owned())
                        .with_param(Parameter::new("RELTYPE", "POLL")),
                );
            }
            cal.push_component(c);
        }
        Ok(Document::new(vec![cal]))
    }
}

fn add_organizer_and_attendees(c: &mut Component<'static>, poll: &Poll<'_, '_>) {
    let with_cn = |mut p: Property<'static>, part: &Participant<'_, '_>| {
        if let Some(n) = part.name() {
            p = p.with_param(Parameter::new("CN", &n));
        }
        p
    };
    if let Some(owner) = poll.owner()
        && let Some(a) = owner.calendar_address()
    {
        c.push(with_cn(Property::new("ORGANIZER", a.to_owned()), &owner));
    }
    for v in poll.voters() {
        let Some(a) = v.calendar_address() else {
            continue;
        };
        let role = if v.stay_informed() {
            "NON-PARTICIPANT"
        } else {
            [
                ParticipantType::Chair,
                ParticipantType::Attendee,
                ParticipantType::Optional,
                ParticipantType::Informational,
            ]
            .iter()
            .find(|t| v.has_type(t))
            .and_then(ParticipantType::role)
            .unwrap_or("REQ-PARTICIPANT")
        };
        let mut p = with_cn(Property::new("ATTENDEE", a.to_owned()), &v)
            .with_param(Parameter::new("ROLE", role));
        if v.is_owner() {
            p = p.with_param(Parameter::new("PARTSTAT", "ACCEPTED"));
        } else {
            p = p.with_param(Parameter::new("PARTSTAT", "NEEDS-ACTION"));
            if role != "NON-PARTICIPANT" {
                p = p.with_param(Parameter::new("RSVP", "TRUE"));
            }
        }
        c.push(p);
    }
}

/// A sort key of a voting record: its VOTEs written canonically.
fn votes_key(votes: &[Component<'static>]) -> String {
    let mut s = String::new();
    for v in votes {
        v.write_to(&mut s);
    }
    s
}

/// The VCALENDAR (if any) and the VPOLLs of an iTIP message.
pub(crate) fn message_polls<'c, 'a>(
    doc: &'c Document<'a>,
) -> Result<(Option<&'c Component<'a>>, Vec<&'c Component<'a>>), Error> {
    for top in &doc.components {
        if top.is("VCALENDAR") {
            let polls: Vec<_> = top.components_named("VPOLL").collect();
            if !polls.is_empty() {
                return Ok((Some(top), polls));
            }
        }
    }
    let bare: Vec<_> = doc.components.iter().filter(|c| c.is("VPOLL")).collect();
    if bare.is_empty() {
        Err(Error::new(
            ErrorKind::NotAPoll,
            "the message has no VPOLL component.",
        ))
    } else {
        Ok((None, bare))
    }
}
