//! Typed, read-only views over the ical-core tree: [`Poll`] (VPOLL),
//! [`Participant`] (PARTICIPANT), [`Vote`] (VOTE) and [`Choice`] (the
//! components sharing one POLL-ITEM-ID).
//!
//! The tree stays the source of truth: views borrow a [`Component`] and
//! decode values on request, so a poll read and written unchanged is
//! reproduced byte for byte.

use std::borrow::Cow;
use std::collections::BTreeMap;

use kalends_ical_core::value::{DateTime, Duration};
use kalends_ical_core::{Component, Document};

use crate::error::{Error, ErrorKind, quote};
use crate::model::{
    Kind, Method, ParticipantType, ParticipationStatus, PollCompletion, PollMode, PollStatus,
    Response, normalize_address, parse_bool,
};
use crate::util;

/// Component names that are choices when they stand in a VPOLL (draft
/// §4.6.1 `pollc`: `*eventc *todoc *journalc *freebusyc *availabilityc`).
pub const CHOICE_COMPONENTS: [&str; 5] =
    ["VEVENT", "VTODO", "VJOURNAL", "VFREEBUSY", "VAVAILABILITY"];

/// True for a component that is a choice when it stands in a VPOLL.
pub fn is_choice_component(c: &Component<'_>) -> bool {
    CHOICE_COMPONENTS.iter().any(|n| c.is(n))
}

/// The iTIP METHOD of a VCALENDAR, if it has one.
pub fn method(calendar: &Component<'_>) -> Option<Method> {
    util::value(calendar, "METHOD").map(Method::parse)
}

/// The UID of the VPOLL a component belongs to: its
/// `RELATED-TO;RELTYPE=POLL` (draft §4.2), as the winning event of a
/// confirmed poll carries it.
pub fn poll_link<'c>(component: &'c Component<'_>) -> Option<&'c str> {
    component
        .properties_named("RELATED-TO")
        .find(|p| {
            p.param_value("RELTYPE")
                .is_some_and(|t| t.trim().eq_ignore_ascii_case("POLL"))
        })
        .map(|p| p.value().trim())
}

/// The first VPOLL of a document: a top-level VPOLL, or one inside the first
/// VCALENDAR that has one.
pub fn find_poll<'c, 'a>(doc: &'c Document<'a>) -> Option<&'c Component<'a>> {
    doc.components.iter().find_map(|c| {
        if c.is("VPOLL") {
            Some(c)
        } else if c.is("VCALENDAR") {
            c.components_named("VPOLL").next()
        } else {
            None
        }
    })
}

/// A VPOLL (draft-ietf-calext-vpoll-06 §4.6.1).
///
/// ```
/// use kalends_vpoll::{Poll, PollStatus, PollMode};
/// let text = "BEGIN:VPOLL\r\nUID:p1\r\nDTSTAMP:20240101T000000Z\r\nPOLL-WINNER:2\r\n\
/// STATUS:CONFIRMED\r\nBEGIN:PARTICIPANT\r\nUID:v1\r\nPARTICIPANT-TYPE:VOTER,OWNER\r\n\
/// CALENDAR-ADDRESS:mailto:mike@example.com\r\nEND:PARTICIPANT\r\nEND:VPOLL\r\n";
/// let doc = kalends_ical_core::parse(text)?;
/// let poll = Poll::new(&doc.components[0])?;
/// assert_eq!(poll.uid(), Some("p1"));
/// assert_eq!(poll.status()?, PollStatus::Confirmed);
/// assert_eq!(poll.mode(), PollMode::Basic);
/// assert_eq!(poll.winner()?, Some(2));
/// assert_eq!(poll.owner().and_then(|o| o.calendar_address()), Some("mailto:mike@example.com"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy)]
pub struct Poll<'c, 'a> {
    component: &'c Component<'a>,
}

impl<'c, 'a> Poll<'c, 'a> {
    /// A view of `component`, which must be a VPOLL.
    pub fn new(component: &'c Component<'a>) -> Result<Poll<'c, 'a>, Error> {
        if component.is("VPOLL") {
            Ok(Poll { component })
        } else {
            Err(Error::new(
                ErrorKind::NotAPoll,
                format!(
                    "expected a VPOLL component, found {}.",
                    quote(component.name())
                ),
            ))
        }
    }

    /// A view of a component known to be a VPOLL.
    pub(crate) fn unchecked(component: &'c Component<'a>) -> Poll<'c, 'a> {
        Poll { component }
    }

    /// The first VPOLL of `doc` (see [`find_poll`]).
    pub fn in_document(doc: &'c Document<'a>) -> Result<Poll<'c, 'a>, Error> {
        find_poll(doc)
            .map(|component| Poll { component })
            .ok_or_else(|| Error::new(ErrorKind::NotAPoll, "the document has no VPOLL component."))
    }

    /// The component viewed.
    pub fn component(&self) -> &'c Component<'a> {
        self.component
    }

    /// UID (required, §4.6.1).
    pub fn uid(&self) -> Option<&'c str> {
        util::value(self.component, "UID")
    }

    /// DTSTAMP (required, §4.6.1).
    pub fn dtstamp(&self) -> Result<Option<DateTime>, Error> {
        util::opt_date_time(self.component, "DTSTAMP")
    }

    /// SEQUENCE; 0 when absent (RFC 5545 §3.8.7.4).
    pub fn sequence(&self) -> Result<u32, Error> {
        match self.component.property("SEQUENCE") {
            None => Ok(0),
            Some(p) => {
                let n = util::integer(p)?;
                u32::try_from(n)
                    .map_err(|_| util::bad_value("SEQUENCE", p.value(), "a non-negative integer"))
            }
        }
    }

    /// STATUS; IN-PROCESS when absent (draft §4.3). A STATUS that is not a
    /// poll status is an error of kind [`ErrorKind::Value`].
    pub fn status(&self) -> Result<PollStatus, Error> {
        match self.component.property("STATUS") {
            None => Ok(PollStatus::InProcess),
            Some(p) => PollStatus::parse(p.value()).ok_or_else(|| {
                util::bad_value(
                    "STATUS",
                    p.value(),
                    "a VPOLL status (IN-PROCESS, COMPLETED, CONFIRMED, SUBMITTED or CANCELLED, draft §4.3)",
                )
            }),
        }
    }

    /// POLL-MODE; BASIC when absent (§4.5.4).
    pub fn mode(&self) -> PollMode {
        util::value(self.component, "POLL-MODE").map_or(PollMode::Basic, PollMode::parse)
    }

    /// POLL-COMPLETION; CLIENT when absent (§4.5.2).
    pub fn completion(&self) -> PollCompletion {
        util::value(self.component, "POLL-COMPLETION")
            .map_or(PollCompletion::Client, PollCompletion::parse)
    }

    /// POLL-PROPERTIES: the property names that vary significantly (§4.5.5).
    pub fn poll_properties(&self) -> Vec<String> {
        util::all_tokens(self.component, "POLL-PROPERTIES")
            .into_iter()
            .map(str::to_ascii_uppercase)
            .collect()
    }

    /// ACCEPT-RESPONSE: the component types a reply may carry (§4.5.1).
    /// Empty when absent: voters may only vote on the choices.
    pub fn accept_response(&self) -> Vec<String> {
        util::all_tokens(self.component, "ACCEPT-RESPONSE")
            .into_iter()
            .map(str::to_ascii_uppercase)
            .collect()
    }

    /// POLL-WINNER: the POLL-ITEM-ID of the winner (§4.5.6).
    pub fn winner(&self) -> Result<Option<i64>, Error> {
        self.component
            .property("POLL-WINNER")
            .map(util::integer)
            .transpose()
    }

    /// REPLY-URL properties with their REQUIRED parameter (§4.5.7, §4.4.1).
    pub fn reply_urls(&self) -> Vec<ReplyUrl> {
        self.component
            .properties_named("REPLY-URL")
            .map(|p| ReplyUrl {
                uri: p.value().trim().to_owned(),
                required: p
                    .param_value("REQUIRED")
                    .and_then(|v| parse_bool(&v))
                    .unwrap_or(false),
            })
            .collect()
    }

    /// SUMMARY, decoded.
    pub fn summary(&self) -> Option<Cow<'c, str>> {
        util::text(self.component, "SUMMARY")
    }

    /// DESCRIPTION, decoded.
    pub fn description(&self) -> Option<Cow<'c, str>> {
        util::text(self.component, "DESCRIPTION")
    }

    /// COMPLETED: when voting closed.
    pub fn completed(&self) -> Result<Option<DateTime>, Error> {
        util::opt_date_time(self.component, "COMPLETED")
    }

    /// DTSTART: when the voting period opens (§2.2, §4.6.1); `None` means
    /// open from creation. The TZID parameter, if any, is not applied.
    pub fn dtstart(&self) -> Result<Option<DateTime>, Error> {
        util::opt_date_time(self.component, "DTSTART")
    }

    /// DTEND: when the voting period closes (§4.6.1).
    pub fn dtend(&self) -> Result<Option<DateTime>, Error> {
        util::opt_date_time(self.component, "DTEND")
    }

    /// DURATION of the voting period (only with DTSTART, §4.6.1).
    pub fn duration(&self) -> Result<Option<Duration>, Error> {
        self.component
            .property("DURATION")
            .map(util::duration)
            .transpose()
    }

    /// Every PARTICIPANT, in order.
    pub fn participants(&self) -> impl Iterator<Item = Participant<'c, 'a>> + 'c {
        self.component
            .components_named("PARTICIPANT")
            .map(|component| Participant { component })
    }

    /// The PARTICIPANTs whose PARTICIPANT-TYPE includes VOTER (§4.1).
    pub fn voters(&self) -> impl Iterator<Item = Participant<'c, 'a>> + 'c {
        self.participants().filter(Participant::is_voter)
    }

    /// The first PARTICIPANT whose PARTICIPANT-TYPE includes OWNER.
    pub fn owner(&self) -> Option<Participant<'c, 'a>> {
        self.participants().find(Participant::is_owner)
    }

    /// The voter PARTICIPANT with calendar address `address` (compared with
    /// [`normalize_address`]).
    pub fn voter(&self, address: &str) -> Option<Participant<'c, 'a>> {
        let want = normalize_address(address);
        self.voters().find(|p| {
            p.calendar_address()
                .is_some_and(|a| normalize_address(a) == want)
        })
    }

    /// The choices: the VEVENT, VTODO, VJOURNAL, VFREEBUSY and VAVAILABILITY
    /// sub-components grouped by POLL-ITEM-ID, in order of first appearance.
    ///
    /// Components sharing an id form one choice (draft §4.5.3, §8.1 Table 4:
    /// "each set of components with the same POLL-ITEM-ID value represents
    /// one overall set of items to be voted on"), such as a recurring event
    /// and its overrides. Components without a POLL-ITEM-ID are not choices
    /// (the validator reports them). A POLL-ITEM-ID that is not an integer is
    /// an error.
    pub fn choices(&self) -> Result<Vec<Choice<'c, 'a>>, Error> {
        let mut order: Vec<i64> = Vec::new();
        let mut groups: BTreeMap<i64, Vec<&'c Component<'a>>> = BTreeMap::new();
        for c in self
            .component
            .components()
            .iter()
            .filter(|c| is_choice_component(c))
        {
            let Some(p) = c.property("POLL-ITEM-ID") else {
                continue;
            };
            let id = util::integer(p)?;
            let group = groups.entry(id).or_default();
            if group.is_empty() {
                order.push(id);
            }
            group.push(c);
        }
        Ok(order
            .into_iter()
            .map(|id| Choice {
                id,
                components: groups.remove(&id).unwrap_or_default(),
            })
            .collect())
    }

    /// The choice with POLL-ITEM-ID `id`.
    pub fn choice(&self, id: i64) -> Result<Option<Choice<'c, 'a>>, Error> {
        Ok(self.choices()?.into_iter().find(|c| c.id == id))
    }

    /// The VALARM reminders of the poll (not choices, §4.6.1).
    pub fn alarms(&self) -> impl Iterator<Item = &'c Component<'a>> + 'c {
        self.component.components_named("VALARM")
    }
}

/// A REPLY-URL (draft §4.5.7).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct ReplyUrl {
    /// The URI.
    pub uri: String,
    /// REQUIRED=TRUE: replies MUST go through this service, not iTIP (§4.4.1).
    pub required: bool,
}

/// One choice of a poll: every component with one POLL-ITEM-ID.
#[derive(Debug, Clone)]
pub struct Choice<'c, 'a> {
    /// The POLL-ITEM-ID.
    pub id: i64,
    /// The components, in document order (at least one).
    pub components: Vec<&'c Component<'a>>,
}

impl<'c> Choice<'c, '_> {
    /// The SUMMARY of the first component that has one.
    pub fn summary(&self) -> Option<Cow<'c, str>> {
        self.components
            .iter()
            .find_map(|c| util::text(c, "SUMMARY"))
    }
}

/// A PARTICIPANT (RFC 9073 §7.1) with the draft's §6 properties.
#[derive(Debug, Clone, Copy)]
pub struct Participant<'c, 'a> {
    component: &'c Component<'a>,
}

impl<'c, 'a> Participant<'c, 'a> {
    /// A view of `component`, which must be a PARTICIPANT.
    pub fn new(component: &'c Component<'a>) -> Option<Participant<'c, 'a>> {
        component
            .is("PARTICIPANT")
            .then_some(Participant { component })
    }

    /// The component viewed.
    pub fn component(&self) -> &'c Component<'a> {
        self.component
    }

    /// UID (required by RFC 9073).
    pub fn uid(&self) -> Option<&'c str> {
        util::value(self.component, "UID")
    }

    /// CALENDAR-ADDRESS, trimmed: identifies the voter (draft §3.1, §7).
    pub fn calendar_address(&self) -> Option<&'c str> {
        util::value(self.component, "CALENDAR-ADDRESS")
    }

    /// PARTICIPANT-TYPE values (multi-valued, draft §6.2).
    pub fn types(&self) -> Vec<ParticipantType> {
        util::all_tokens(self.component, "PARTICIPANT-TYPE")
            .into_iter()
            .map(ParticipantType::parse)
            .collect()
    }

    /// True when PARTICIPANT-TYPE includes `t`.
    pub fn has_type(&self, t: &ParticipantType) -> bool {
        util::all_tokens(self.component, "PARTICIPANT-TYPE")
            .into_iter()
            .any(|v| ParticipantType::parse(v) == *t)
    }

    /// True for a voter (PARTICIPANT-TYPE includes VOTER, draft §4.1).
    pub fn is_voter(&self) -> bool {
        self.has_type(&ParticipantType::Voter)
    }

    /// True for the owner (PARTICIPANT-TYPE includes OWNER, draft §6.2).
    pub fn is_owner(&self) -> bool {
        self.has_type(&ParticipantType::Owner)
    }

    /// STAY-INFORMED on CALENDAR-ADDRESS (draft §4.4.2); FALSE when absent
    /// or not a boolean.
    pub fn stay_informed(&self) -> bool {
        self.component
            .property("CALENDAR-ADDRESS")
            .and_then(|p| p.param_value("STAY-INFORMED"))
            .and_then(|v| parse_bool(&v))
            .unwrap_or(false)
    }

    /// NAME (RFC 7986 §5.1), the participant's display name (draft §7.1: CN → NAME).
    pub fn name(&self) -> Option<Cow<'c, str>> {
        util::text(self.component, "NAME")
    }

    /// KIND (draft §6.1).
    pub fn kind(&self) -> Option<Kind> {
        util::value(self.component, "KIND").map(Kind::parse)
    }

    /// PARTICIPATION-STATUS (draft §6.3).
    pub fn participation_status(&self) -> Option<ParticipationStatus> {
        util::value(self.component, "PARTICIPATION-STATUS").map(ParticipationStatus::parse)
    }

    /// EXPECT-REPLY (draft §6.8); `None` when absent or not TRUE/FALSE.
    pub fn expect_reply(&self) -> Option<bool> {
        util::value(self.component, "EXPECT-REPLY").and_then(parse_bool)
    }

    /// PARTICIPATION-DELEGATED-FROM addresses (draft §6.4).
    pub fn delegated_from(&self) -> Vec<&'c str> {
        util::all_tokens(self.component, "PARTICIPATION-DELEGATED-FROM")
    }

    /// PARTICIPATION-DELEGATED-TO addresses (draft §6.5).
    pub fn delegated_to(&self) -> Vec<&'c str> {
        util::all_tokens(self.component, "PARTICIPATION-DELEGATED-TO")
    }

    /// MEMBER-OF addresses (draft §6.6).
    pub fn member_of(&self) -> Vec<&'c str> {
        util::all_tokens(self.component, "MEMBER-OF")
    }

    /// LANG (draft §6.7).
    pub fn lang(&self) -> Option<&'c str> {
        util::value(self.component, "LANG")
    }

    /// DTSTAMP: in the organizer's copy, the DTSTAMP of the voter's last
    /// recorded REPLY (RFC 9073 §7.1.1 suggests keeping it here).
    pub fn dtstamp(&self) -> Result<Option<DateTime>, Error> {
        util::opt_date_time(self.component, "DTSTAMP")
    }

    /// COMMENT values, decoded (a voter's message to the owner, draft §8.3.4).
    pub fn comments(&self) -> Vec<Cow<'c, str>> {
        self.component
            .properties_named("COMMENT")
            .map(|p| p.text_value())
            .collect()
    }

    /// The VOTE sub-components.
    pub fn votes(&self) -> impl Iterator<Item = Vote<'c, 'a>> + 'c {
        self.component
            .components_named("VOTE")
            .map(|component| Vote { component })
    }
}

/// A VOTE (draft §4.6.2).
#[derive(Debug, Clone, Copy)]
pub struct Vote<'c, 'a> {
    component: &'c Component<'a>,
}

impl<'c, 'a> Vote<'c, 'a> {
    /// A view of `component`, which must be a VOTE.
    pub fn new(component: &'c Component<'a>) -> Option<Vote<'c, 'a>> {
        component.is("VOTE").then_some(Vote { component })
    }

    /// The component viewed.
    pub fn component(&self) -> &'c Component<'a> {
        self.component
    }

    /// POLL-ITEM-ID: the choice voted on; `None` for a VOTE that carries
    /// alternative information instead (draft §3.6).
    pub fn poll_item_id(&self) -> Result<Option<i64>, Error> {
        self.component
            .property("POLL-ITEM-ID")
            .map(util::integer)
            .transpose()
    }

    /// RESPONSE, 0 to 100 (draft §4.5.8).
    ///
    /// Reading: RESPONSE is a property of VOTE (§4.5.8 ABNF, §4.6.2), but the
    /// draft's prose (§4.5.8 "can be specified on the POLL-ITEM-ID property",
    /// §8.1 Table 4 "POLL-ITEM-ID properties with a RESPONSE param") still
    /// describes it as a parameter of POLL-ITEM-ID, as earlier revisions
    /// had it. Both are accepted on input; the property wins.
    pub fn response(&self) -> Result<Option<Response>, Error> {
        if let Some(p) = self.component.property("RESPONSE") {
            return Response::parse(p.value()).map(Some);
        }
        match self
            .component
            .property("POLL-ITEM-ID")
            .and_then(|p| p.param_value("RESPONSE"))
        {
            Some(v) => Response::parse(&v).map(Some),
            None => Ok(None),
        }
    }

    /// COMMENT values, decoded.
    pub fn comments(&self) -> Vec<Cow<'c, str>> {
        self.component
            .properties_named("COMMENT")
            .map(|p| p.text_value())
            .collect()
    }

    /// Sub-components: alternative information such as VFREEBUSY or
    /// VAVAILABILITY, or a proposed new choice (draft §3.6).
    pub fn alternatives(&self) -> &'c [Component<'a>] {
        self.component.components()
    }
}
