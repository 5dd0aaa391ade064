//! Validation of VPOLL documents against draft-ietf-calext-vpoll-06, with
//! locations.
//!
//! [`validate`] walks every VPOLL of a document (top-level or inside a
//! VCALENDAR) and reports each broken rule as a [`Diagnostic`] with its
//! [`Rule`], a [`Severity`], a whole-sentence message and, for a document
//! read from text, the line and column. MUST-level rules are errors,
//! SHOULD-level rules and tolerated quirks are warnings. Where the draft
//! contradicts itself the rule's documentation says which reading is
//! checked (see also `DESIGN.md`).

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::ops::Range;

use kalends_ical_core::value::DateTime;
use kalends_ical_core::{Component, Document, Location, Property};

use crate::error::{Error, ErrorKind, quote};
use crate::model::{Method, PollMode, PollStatus, Response, normalize_address, parse_bool};
use crate::util;
use crate::view::{Participant, is_choice_component};

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub enum Severity {
    /// A SHOULD is not followed, or a quirk was tolerated.
    Warning,
    /// A MUST is broken.
    Error,
}

/// The rules checked. Each names the section it comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Rule {
    /// VPOLL has exactly one UID and one DTSTAMP (§4.6.1 `pollprop`).
    RequiredOnce,
    /// A property that may appear at most once appears more than once
    /// (§4.6.1, §4.6.2, §6.2, §6.8, RFC 9073 §7.1).
    AtMostOnce,
    /// DTEND and DURATION together, or DURATION without DTSTART (§4.6.1).
    EndAndDuration,
    /// DURATION of the voting period is not positive (§4.6.1).
    DurationNotPositive,
    /// DTEND is not later than DTSTART, or than CREATED without DTSTART (§4.6.1).
    EndBeforeStart,
    /// STATUS is not a VPOLL status (§4.3).
    PollStatusValue,
    /// POLL-WINNER without STATUS CONFIRMED (or SUBMITTED, which follows it) (§4.5.6, §5.1.2).
    WinnerWithoutConfirmed,
    /// A BASIC poll with STATUS CONFIRMED or SUBMITTED has no POLL-WINNER.
    ///
    /// Reading: §4.6.1 says POLL-WINNER "SHOULD appear once for the
    /// confirmation of a BASIC mode VPOLL", §5.1.1 and §5.1.2 say it "MUST be
    /// present". The mode-specific MUST of §5.1 is checked (an error).
    ConfirmedWithoutWinner,
    /// POLL-WINNER names no choice of the poll (§4.5.6).
    WinnerNotAChoice,
    /// A choice sub-component has no POLL-ITEM-ID (§4.5.3, §5.1.1, §8.1 REQUEST).
    MissingPollItemId,
    /// Components with different UIDs share a POLL-ITEM-ID in a BASIC poll.
    ///
    /// Reading: §4.5.3, §4.5.4 and §8.1 make "each set of components with the
    /// same POLL-ITEM-ID" one choice, while §5.1.1 asks for an id "unique
    /// within the context of the POLL". Sharing an id is read as one choice
    /// made of several components (a recurring event and its overrides share
    /// one UID); components with different UIDs sharing an id are reported as
    /// a warning, since the reader cannot tell an intended set from a reused id.
    SharedPollItemId,
    /// A VALARM in a VPOLL has a POLL-ITEM-ID (§4.6.1).
    PollItemIdOnAlarm,
    /// A value does not match its type: INTEGER POLL-ITEM-ID, POLL-WINNER,
    /// SEQUENCE; DATE-TIME DTSTAMP, DTSTART, DTEND, COMPLETED, CREATED;
    /// DURATION; TRUE/FALSE for REQUIRED, STAY-INFORMED, EXPECT-REPLY.
    ValueType,
    /// RESPONSE is not an integer from 0 to 100 (§4.5.8).
    ResponseRange,
    /// A VOTE lacks RESPONSE, or has a POLL-ITEM-ID twice (§4.6.2 `voteprop`).
    VoteProperties,
    /// A VOTE without POLL-ITEM-ID carries no alternative information
    /// (§3.6: "it MUST contain some alternative information").
    ///
    /// Reading: the `voteprop` ABNF makes POLL-ITEM-ID required, while §3.6
    /// and §4.6.2 allow a VOTE without it to propose a new choice or give
    /// availability. Such a VOTE is accepted when it has sub-components.
    EmptyAlternativeVote,
    /// A reply carries component types ACCEPT-RESPONSE does not list (§4.5.1:
    /// "If this property is not present voters are only allowed to respond to
    /// the choices in the request").
    ResponseNotAccepted,
    /// A VOTE outside a PARTICIPANT whose PARTICIPANT-TYPE includes VOTER (§4.6.2).
    VoteOutsideVoter,
    /// One voter has two VOTEs for the same POLL-ITEM-ID (§3.3: one vote per
    /// voter and choice).
    DuplicateVote,
    /// A VOTE names a POLL-ITEM-ID that no choice of the poll has (§4.6.2),
    /// checked only when the VPOLL carries its choices.
    VoteForUnknownChoice,
    /// A PARTICIPANT lacks PARTICIPANT-TYPE or UID (RFC 9073 §7.1, draft §6.2).
    ParticipantProperties,
    /// A voter has no CALENDAR-ADDRESS (draft §3.1, §7: a participant in
    /// group scheduling "MUST have a calendar address").
    VoterWithoutAddress,
    /// Two voters share a calendar address (§3.1: one PARTICIPANT per voter).
    DuplicateVoter,
    /// A parameter stands on a property the draft does not define it for:
    /// REQUIRED on REPLY-URL (§4.4.1), STAY-INFORMED on CALENDAR-ADDRESS in a
    /// PARTICIPANT (§4.4.2).
    ParameterPlacement,
    /// POLL-MODE is not BASIC: the BASIC rules were not applied (§5).
    UnknownPollMode,
    /// White space around a value, as the draft's own
    /// examples write (`PARTICIPANT-TYPE: VOTER`, `METHOD: REPLY`). Tolerated
    /// (trimmed) and reported as a warning.
    Whitespace,
    /// The iTIP method's property and component constraints (§8.1 Table 4,
    /// §8.3.2–§8.3.7 Tables 8–11).
    MethodConstraint,
    /// The METHOD is not supported for VPOLL: ADD, COUNTER, DECLINECOUNTER (§8.1).
    UnsupportedMethod,
}

impl Rule {
    /// A short stable identifier, such as `confirmed-without-winner`.
    pub fn code(self) -> &'static str {
        match self {
            Rule::RequiredOnce => "required-once",
            Rule::AtMostOnce => "at-most-once",
            Rule::EndAndDuration => "end-and-duration",
            Rule::DurationNotPositive => "duration-not-positive",
            Rule::EndBeforeStart => "end-before-start",
            Rule::PollStatusValue => "poll-status-value",
            Rule::WinnerWithoutConfirmed => "winner-without-confirmed",
            Rule::ConfirmedWithoutWinner => "confirmed-without-winner",
            Rule::WinnerNotAChoice => "winner-not-a-choice",
            Rule::MissingPollItemId => "missing-poll-item-id",
            Rule::SharedPollItemId => "shared-poll-item-id",
            Rule::PollItemIdOnAlarm => "poll-item-id-on-alarm",
            Rule::ValueType => "value-type",
            Rule::ResponseRange => "response-range",
            Rule::VoteProperties => "vote-properties",
            Rule::EmptyAlternativeVote => "empty-alternative-vote",
            Rule::ResponseNotAccepted => "response-not-accepted",
            Rule::VoteOutsideVoter => "vote-outside-voter",
            Rule::DuplicateVote => "duplicate-vote",
            Rule::VoteForUnknownChoice => "vote-for-unknown-choice",
            Rule::ParticipantProperties => "participant-properties",
            Rule::VoterWithoutAddress => "voter-without-address",
            Rule::DuplicateVoter => "duplicate-voter",
            Rule::ParameterPlacement => "parameter-placement",
            Rule::UnknownPollMode => "unknown-poll-mode",
            Rule::Whitespace => "whitespace",
            Rule::MethodConstraint => "method-constraint",
            Rule::UnsupportedMethod => "unsupported-method",
        }
    }
}

/// Serialized as its [`Rule::code`].
#[cfg(feature = "serde")]
impl serde::Serialize for Rule {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.code())
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// One finding of [`validate`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The rule broken.
    pub rule: Rule,
    /// Error (a MUST) or warning.
    pub severity: Severity,
    /// A whole sentence.
    pub message: String,
    /// Byte range in the source text (`None` for nodes built in code).
    pub span: Option<Range<usize>>,
    /// Line, column and line text, when the source text was given.
    pub location: Option<Location>,
}

impl Diagnostic {
    /// True for an error.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// This finding as an [`Error`] of kind [`ErrorKind::Invalid`].
    pub fn to_error(&self) -> Error {
        Error::new(
            ErrorKind::Invalid,
            format!("{} [{}]", self.message, self.rule),
        )
        .with_location(self.location.clone())
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sev = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        match &self.location {
            Some(l) => write!(
                f,
                "line {}, column {}: {sev}[{}]: {}",
                l.line, l.column, self.rule, self.message
            ),
            None => write!(f, "{sev}[{}]: {}", self.rule, self.message),
        }
    }
}

/// Validates every VPOLL of `doc`. `source` is the text `doc` was read from
/// (for line and column); pass `""` for a document built in code. The
/// findings come in document order.
///
/// ```
/// use kalends_vpoll::{validate, Rule};
/// let text = "BEGIN:VPOLL\r\nUID:p\r\nDTSTAMP:20240101T000000Z\r\nPOLL-WINNER:1\r\n\
/// BEGIN:VEVENT\r\nUID:e\r\nPOLL-ITEM-ID:1\r\nEND:VEVENT\r\nEND:VPOLL\r\n";
/// let doc = kalends_ical_core::parse(text)?;
/// let found = validate(&doc, text);
/// assert_eq!(found.len(), 1);
/// assert_eq!(found[0].rule, Rule::WinnerWithoutConfirmed);
/// assert_eq!(found[0].location.as_ref().map(|l| l.line), Some(4));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn validate(doc: &Document<'_>, source: &str) -> Vec<Diagnostic> {
    let mut v = Validator {
        source,
        out: Vec::new(),
    };
    for top in &doc.components {
        if top.is("VPOLL") {
            v.poll(top, None);
        } else if top.is("VCALENDAR") {
            v.calendar(top);
        }
    }
    // In document order; findings without a location last.
    v.out
        .sort_by_key(|d| d.span.as_ref().map_or(usize::MAX, |s| s.start));
    v.out
}

/// Reads `text` (strict RFC 5545 with the draft examples' quirks tolerated,
/// see [`crate::read`]) and validates it. The entry point for fuzzing: text
/// in, result out.
pub fn check(text: &str) -> Result<Vec<Diagnostic>, Error> {
    let doc = crate::read(text)?;
    Ok(validate(&doc, text))
}

struct Validator<'s> {
    source: &'s str,
    out: Vec<Diagnostic>,
}

/// The span of a component's BEGIN line (for "missing property" findings).
fn begin_span(c: &Component<'_>) -> Range<usize> {
    let s = c.span();
    if s.is_empty() {
        return s;
    }
    let len = "BEGIN:".len() + c.name().len();
    s.start..s.start.saturating_add(len).min(s.end)
}

const ONCE_POLL: [&str; 18] = [
    "ACCEPT-RESPONSE",
    "CLASS",
    "CREATED",
    "COMPLETED",
    "DESCRIPTION",
    "DTSTART",
    "LAST-MODIFIED",
    "POLL-MODE",
    "POLL-PROPERTIES",
    "PRIORITY",
    "SEQUENCE",
    "STATUS",
    "SUMMARY",
    "URL",
    "DTEND",
    "DURATION",
    "POLL-WINNER",
    "POLL-COMPLETION",
];

const ONCE_PARTICIPANT: [&str; 17] = [
    "PARTICIPANT-TYPE",
    "UID",
    "CALENDAR-ADDRESS",
    "CREATED",
    "DESCRIPTION",
    "DTSTAMP",
    "GEO",
    "LAST-MODIFIED",
    "PRIORITY",
    "SEQUENCE",
    "STATUS",
    "SUMMARY",
    "URL",
    "KIND",
    "EXPECT-REPLY",
    "PARTICIPATION-STATUS",
    "LANG",
];

impl Validator<'_> {
    fn push(&mut self, rule: Rule, severity: Severity, message: String, span: Range<usize>) {
        let (span, location) = if span.is_empty() && span.start == 0 {
            (None, None)
        } else {
            let loc =
                (!self.source.is_empty()).then(|| Location::from_span(self.source, span.clone()));
            (Some(span), loc)
        };
        self.out.push(Diagnostic {
            rule,
            severity,
            message,
            span,
            location,
        });
    }

    fn error(&mut self, rule: Rule, message: String, span: Range<usize>) {
        self.push(rule, Severity::Error, message, span);
    }

    fn warning(&mut self, rule: Rule, message: String, span: Range<usize>) {
        self.push(rule, Severity::Warning, message, span);
    }

    fn whitespace(&mut self, p: &Property<'_>) {
        let v = p.value();
        if !v.is_empty() && v.trim() != v {
            self.warning(
                Rule::Whitespace,
                format!(
                    "the {} value {} has white space around it; it is read as {}.",
                    p.name(),
                    quote(v),
                    quote(v.trim())
                ),
                p.span(),
            );
        }
    }

    fn once(&mut self, c: &Component<'_>, names: &[&str]) {
        for name in names {
            let mut props = c.properties_named(name);
            let _first = props.next();
            if let Some(second) = props.next() {
                self.error(
                    Rule::AtMostOnce,
                    format!(
                        "{} appears more than once in {}; it may appear at most once.",
                        name,
                        c.name()
                    ),
                    second.span(),
                );
            }
        }
    }

    fn integer(&mut self, p: &Property<'_>) -> Option<i64> {
        match util::integer(p) {
            Ok(n) => Some(n),
            Err(e) => {
                self.error(Rule::ValueType, e.message().to_owned(), p.span());
                None
            }
        }
    }

    fn date_time(&mut self, c: &Component<'_>, name: &str) -> Option<(DateTime, Option<String>)> {
        let p = c.property(name)?;
        match util::date_time(p) {
            Ok(dt) => Some((dt, p.param_value("TZID").map(|t| t.into_owned()))),
            Err(e) => {
                self.error(Rule::ValueType, e.message().to_owned(), p.span());
                None
            }
        }
    }

    fn boolean_param(&mut self, p: &Property<'_>, name: &str) {
        if let Some(v) = p.param_value(name)
            && parse_bool(&v).is_none()
        {
            self.error(
                Rule::ValueType,
                format!(
                    "the {name} parameter must be TRUE or FALSE (draft §4.4), found {}.",
                    quote(&v)
                ),
                p.span(),
            );
        }
    }

    fn calendar(&mut self, cal: &Component<'_>) {
        let polls: Vec<&Component<'_>> = cal.components_named("VPOLL").collect();
        if polls.is_empty() {
            return;
        }
        let method_prop = cal.property("METHOD");
        if let Some(p) = method_prop {
            self.whitespace(p);
        }
        let method = method_prop.map(|p| Method::parse(p.value()));
        if let (Some(m), Some(p)) = (&method, method_prop) {
            self.method_level(m, p, cal, &polls);
        }
        for poll in polls {
            self.poll(poll, method.as_ref());
        }
    }

    fn method_level(
        &mut self,
        m: &Method,
        p: &Property<'_>,
        cal: &Component<'_>,
        polls: &[&Component<'_>],
    ) {
        match m {
            Method::Add | Method::Counter | Method::DeclineCounter => {
                self.error(
                    Rule::UnsupportedMethod,
                    format!("METHOD:{m} is not supported for VPOLL (draft §8.1 Table 4)."),
                    p.span(),
                );
            }
            Method::Request | Method::Refresh if polls.len() > 1 => {
                self.error(
                    Rule::MethodConstraint,
                    format!(
                        "a METHOD:{m} carries a single VPOLL (draft §8.3.3, §8.3.6), found {}.",
                        polls.len()
                    ),
                    begin_span(cal),
                );
            }
            Method::Reply | Method::Cancel | Method::PollStatus => {
                // Reading: Table 4 says a REPLY has "a single VPOLL", Table 8
                // allows 1+ with the same UID; several are accepted when they
                // share the UID.
                let uids: BTreeSet<&str> =
                    polls.iter().filter_map(|c| util::value(c, "UID")).collect();
                if uids.len() > 1 {
                    self.error(
                        Rule::MethodConstraint,
                        format!("all VPOLLs of a METHOD:{m} must have the same UID (draft §8.3.4–§8.3.7)."),
                        begin_span(cal),
                    );
                }
            }
            _ => {}
        }
    }

    #[allow(clippy::too_many_lines)]
    fn poll(&mut self, poll: &Component<'_>, method: Option<&Method>) {
        for name in ["UID", "DTSTAMP"] {
            if poll.property(name).is_none() {
                self.error(
                    Rule::RequiredOnce,
                    format!("the VPOLL has no {name}; it is required (draft §4.6.1)."),
                    begin_span(poll),
                );
            }
        }
        self.once(poll, &["UID", "DTSTAMP"]);
        self.once(poll, &ONCE_POLL);
        for p in poll.properties() {
            self.whitespace(p);
        }

        let mode = util::value(poll, "POLL-MODE").map_or(PollMode::Basic, PollMode::parse);
        let basic = mode == PollMode::Basic;
        if !basic && let Some(p) = poll.property("POLL-MODE") {
            self.warning(
                Rule::UnknownPollMode,
                format!(
                    "POLL-MODE {} is not BASIC; the BASIC rules (draft §5.1) were not checked.",
                    quote(p.value())
                ),
                p.span(),
            );
        }

        // Values.
        if let Some(p) = poll.property("SEQUENCE")
            && let Some(n) = self.integer(p)
            && n < 0
        {
            self.error(
                Rule::ValueType,
                format!("SEQUENCE must not be negative, found {n}."),
                p.span(),
            );
        }
        let stamp = self.date_time(poll, "DTSTAMP");
        if let (Some((dt, _)), Some(p)) = (stamp, poll.property("DTSTAMP"))
            && !dt.is_utc()
        {
            self.error(
                Rule::ValueType,
                format!(
                    "DTSTAMP must be in UTC (RFC 5545 §3.8.7.2), found {}.",
                    quote(p.value())
                ),
                p.span(),
            );
        }
        let start = self.date_time(poll, "DTSTART");
        let end = self.date_time(poll, "DTEND");
        let created = self.date_time(poll, "CREATED");
        let _ = self.date_time(poll, "COMPLETED");

        // DTEND / DURATION (§4.6.1).
        if let Some(d) = poll.property("DURATION") {
            if poll.property("DTEND").is_some() {
                self.error(
                    Rule::EndAndDuration,
                    "the VPOLL has both DTEND and DURATION; only one may appear (draft §4.6.1)."
                        .into(),
                    d.span(),
                );
            }
            if poll.property("DTSTART").is_none() {
                self.error(
                    Rule::EndAndDuration,
                    "the VPOLL has DURATION without DTSTART; DURATION may only appear with DTSTART (draft §4.6.1)."
                        .into(),
                    d.span(),
                );
            }
            match util::duration(d) {
                Ok(dur) if dur.is_negative() || dur.is_zero() => self.error(
                    Rule::DurationNotPositive,
                    format!(
                        "the voting period's DURATION must be positive (draft §4.6.1), found {}.",
                        quote(d.value())
                    ),
                    d.span(),
                ),
                Ok(_) => {}
                Err(e) => self.error(Rule::ValueType, e.message().to_owned(), d.span()),
            }
        }
        if let (Some((e, etz)), Some(p)) = (&end, poll.property("DTEND")) {
            let (base, base_tz, base_name) = match (&start, &created) {
                (Some((s, stz)), _) => (Some(*s), stz.clone(), "DTSTART"),
                (None, Some((c, ctz))) => (Some(*c), ctz.clone(), "CREATED"),
                _ => (None, None, ""),
            };
            // Compared only when both are in the same frame (both UTC, or
            // both local in the same TZID): other pairs need zone data.
            if let Some(b) = base
                && b.form == e.form
                && base_tz == *etz
                && *e <= b
            {
                self.error(
                    Rule::EndBeforeStart,
                    format!(
                        "the VPOLL's DTEND {} is not later than its {base_name} (draft §4.6.1).",
                        quote(p.value())
                    ),
                    p.span(),
                );
            }
        }

        // STATUS and POLL-WINNER.
        let status = match poll.property("STATUS") {
            None => Some(PollStatus::InProcess),
            Some(p) => {
                let s = PollStatus::parse(p.value());
                if s.is_none() {
                    self.error(
                        Rule::PollStatusValue,
                        format!(
                            "STATUS {} is not a VPOLL status: IN-PROCESS, COMPLETED, CONFIRMED, SUBMITTED or CANCELLED (draft §4.3).",
                            quote(p.value())
                        ),
                        p.span(),
                    );
                }
                s
            }
        };
        let winner = poll
            .property("POLL-WINNER")
            .and_then(|p| self.integer(p).map(|n| (n, p)));
        let confirmed = matches!(status, Some(PollStatus::Confirmed | PollStatus::Submitted));
        if let Some((_, p)) = winner
            && !confirmed
            && basic
        {
            self.error(
                Rule::WinnerWithoutConfirmed,
                "POLL-WINNER appears but STATUS is not CONFIRMED (draft §4.5.6, §5.1.2).".into(),
                p.span(),
            );
        }
        if basic && confirmed && poll.property("POLL-WINNER").is_none() {
            let span = poll
                .property("STATUS")
                .map_or_else(|| begin_span(poll), Property::span);
            self.error(
                Rule::ConfirmedWithoutWinner,
                "a confirmed BASIC poll must have a POLL-WINNER (draft §5.1.1, §5.1.2).".into(),
                span,
            );
        }

        // Choices.
        let mut choice_uids: BTreeMap<i64, Vec<Option<String>>> = BTreeMap::new();
        let mut has_choices = false;
        for c in poll.components() {
            if is_choice_component(c) {
                has_choices = true;
                match c.property("POLL-ITEM-ID") {
                    None if basic => self.error(
                        Rule::MissingPollItemId,
                        format!(
                            "the {} choice has no POLL-ITEM-ID (draft §4.5.3, §5.1.1).",
                            c.name()
                        ),
                        begin_span(c),
                    ),
                    None => {}
                    Some(p) => {
                        self.whitespace(p);
                        if let Some(id) = self.integer(p) {
                            choice_uids
                                .entry(id)
                                .or_default()
                                .push(util::value(c, "UID").map(str::to_owned));
                        }
                        let mut ids = c.properties_named("POLL-ITEM-ID");
                        let _ = ids.next();
                        if let Some(second) = ids.next() {
                            self.error(
                                Rule::AtMostOnce,
                                format!("the {} choice has more than one POLL-ITEM-ID.", c.name()),
                                second.span(),
                            );
                        }
                    }
                }
                if method == Some(&Method::PollStatus) {
                    self.warning(
                        Rule::MethodConstraint,
                        format!(
                            "a POLLSTATUS should not carry the poll's choices (draft §8.3.7), found a {}.",
                            c.name()
                        ),
                        begin_span(c),
                    );
                }
            } else if c.is("VALARM") {
                if let Some(p) = c.property("POLL-ITEM-ID") {
                    self.error(
                        Rule::PollItemIdOnAlarm,
                        "a VALARM in a VPOLL is a reminder, not a choice, and must not have a POLL-ITEM-ID (draft §4.6.1)."
                            .into(),
                        p.span(),
                    );
                }
            } else if c.is("VOTE") {
                self.error(
                    Rule::VoteOutsideVoter,
                    "a VOTE stands directly in the VPOLL; votes belong in a voter's PARTICIPANT (draft §4.6.2).".into(),
                    begin_span(c),
                );
            }
        }
        if basic {
            for (id, uids) in &choice_uids {
                let distinct: BTreeSet<&Option<String>> = uids.iter().collect();
                if distinct.len() > 1 {
                    let span = poll
                        .components()
                        .iter()
                        .filter(|c| is_choice_component(c))
                        .filter(|c| {
                            c.property("POLL-ITEM-ID")
                                .and_then(|p| util::integer(p).ok())
                                == Some(*id)
                        })
                        .nth(1)
                        .map_or_else(|| begin_span(poll), begin_span);
                    self.warning(
                        Rule::SharedPollItemId,
                        format!(
                            "POLL-ITEM-ID {id} is shared by components with different UIDs; they are read as one choice, but a BASIC poll's ids should be unique (draft §5.1.1)."
                        ),
                        span,
                    );
                }
            }
        }
        if let Some((w, p)) = winner
            && has_choices
            && !choice_uids.contains_key(&w)
        {
            self.error(
                Rule::WinnerNotAChoice,
                format!("POLL-WINNER {w} matches the POLL-ITEM-ID of no choice (draft §4.5.6)."),
                p.span(),
            );
        }

        // Participants and votes.
        let accepted: BTreeSet<String> = util::all_tokens(poll, "ACCEPT-RESPONSE")
            .into_iter()
            .map(str::to_ascii_uppercase)
            .collect();
        let known: Option<BTreeSet<i64>> =
            has_choices.then(|| choice_uids.keys().copied().collect());
        let mut voters: BTreeMap<String, Range<usize>> = BTreeMap::new();
        let mut owners = 0usize;
        let mut voter_count = 0usize;
        let participants: Vec<&Component<'_>> = poll.components_named("PARTICIPANT").collect();
        for c in &participants {
            let part = Participant::new(c);
            let Some(part) = part else { continue };
            self.participant(c, &part, &accepted, known.as_ref(), method);
            if part.is_owner() {
                owners += 1;
            }
            if part.is_voter() {
                voter_count += 1;
                if let Some(a) = c.property("CALENDAR-ADDRESS") {
                    let key = normalize_address(a.value());
                    if voters.insert(key, a.span()).is_some() {
                        self.error(
                            Rule::DuplicateVoter,
                            format!(
                                "two voters have the calendar address {} (draft §3.1).",
                                quote(a.value().trim())
                            ),
                            a.span(),
                        );
                    }
                }
            }
        }
        if let Some(m) = method {
            self.poll_method(m, poll, participants.len(), voter_count, owners);
        }
    }

    fn participant(
        &mut self,
        c: &Component<'_>,
        part: &Participant<'_, '_>,
        accepted: &BTreeSet<String>,
        known: Option<&BTreeSet<i64>>,
        method: Option<&Method>,
    ) {
        for name in ["PARTICIPANT-TYPE", "UID"] {
            if c.property(name).is_none() {
                self.error(
                    Rule::ParticipantProperties,
                    format!(
                        "the PARTICIPANT has no {name}; it is required (RFC 9073 §7.1, draft §6.2)."
                    ),
                    begin_span(c),
                );
            }
        }
        self.once(c, &ONCE_PARTICIPANT);
        for p in c.properties() {
            self.whitespace(p);
            if p.is("EXPECT-REPLY") && parse_bool(p.value()).is_none() {
                self.error(
                    Rule::ValueType,
                    format!(
                        "EXPECT-REPLY must be TRUE or FALSE (draft §6.8), found {}.",
                        quote(p.value())
                    ),
                    p.span(),
                );
            }
            if p.param("STAY-INFORMED").is_some() {
                self.boolean_param(p, "STAY-INFORMED");
                if !p.is("CALENDAR-ADDRESS") {
                    self.warning(
                        Rule::ParameterPlacement,
                        format!("STAY-INFORMED is defined on CALENDAR-ADDRESS (draft §4.4.2), found on {}.", p.name()),
                        p.span(),
                    );
                }
            }
        }
        let voter = part.is_voter();
        if voter && c.property("CALENDAR-ADDRESS").is_none() {
            self.error(
                Rule::VoterWithoutAddress,
                "the voter has no CALENDAR-ADDRESS; it identifies the voter (draft §3.1, §7)."
                    .into(),
                begin_span(c),
            );
        }
        let mut seen: BTreeMap<i64, ()> = BTreeMap::new();
        for v in c.components_named("VOTE") {
            if !voter {
                self.error(
                    Rule::VoteOutsideVoter,
                    "a VOTE stands in a PARTICIPANT whose PARTICIPANT-TYPE does not include VOTER (draft §4.6.2).".into(),
                    begin_span(v),
                );
            }
            self.vote(v, accepted, known, &mut seen);
        }
        // Reading: Appendix A puts a voter's VFREEBUSY directly in the
        // PARTICIPANT; §3.6 puts it in a VOTE without POLL-ITEM-ID. Both are
        // accepted; the first needs ACCEPT-RESPONSE like the second.
        if method == Some(&Method::Reply) {
            for sub in c.components().iter().filter(|s| is_choice_component(s)) {
                self.accepted(sub, accepted);
            }
        }
    }

    fn accepted(&mut self, sub: &Component<'_>, accepted: &BTreeSet<String>) {
        if !accepted.contains(&sub.name().trim().to_ascii_uppercase()) {
            self.error(
                Rule::ResponseNotAccepted,
                format!(
                    "the reply carries a {} but the poll's ACCEPT-RESPONSE does not list it (draft §4.5.1).",
                    sub.name()
                ),
                begin_span(sub),
            );
        }
    }

    fn vote(
        &mut self,
        v: &Component<'_>,
        accepted: &BTreeSet<String>,
        known: Option<&BTreeSet<i64>>,
        seen: &mut BTreeMap<i64, ()>,
    ) {
        for p in v.properties() {
            self.whitespace(p);
        }
        let ids: Vec<&Property<'_>> = v.properties_named("POLL-ITEM-ID").collect();
        if let Some(extra) = ids.get(1) {
            self.error(
                Rule::VoteProperties,
                "the VOTE has more than one POLL-ITEM-ID (draft §4.6.2).".into(),
                extra.span(),
            );
        }
        if let Some(extra) = v.properties_named("RESPONSE").nth(1) {
            self.error(
                Rule::VoteProperties,
                "the VOTE has more than one RESPONSE (draft §4.6.2).".into(),
                extra.span(),
            );
        }
        match ids.first() {
            None => {
                if v.components().is_empty() {
                    self.error(
                        Rule::EmptyAlternativeVote,
                        "a VOTE without POLL-ITEM-ID must carry alternative information, such as a VFREEBUSY (draft §3.6)."
                            .into(),
                        begin_span(v),
                    );
                }
                for sub in v.components() {
                    self.accepted(sub, accepted);
                }
            }
            Some(p) => {
                if let Some(id) = self.integer(p) {
                    if seen.insert(id, ()).is_some() {
                        self.error(
                            Rule::DuplicateVote,
                            format!("the voter has two VOTEs for POLL-ITEM-ID {id} (draft §3.3)."),
                            p.span(),
                        );
                    }
                    if let Some(k) = known
                        && !k.contains(&id)
                    {
                        self.warning(
                            Rule::VoteForUnknownChoice,
                            format!("the VOTE is for POLL-ITEM-ID {id}, which no choice of the poll has (draft §4.6.2)."),
                            p.span(),
                        );
                    }
                }
                let response = v.property("RESPONSE");
                let param = p.param_value("RESPONSE");
                match (response, param) {
                    (Some(r), _) => {
                        if let Err(e) = Response::parse(r.value()) {
                            self.error(Rule::ResponseRange, e.message().to_owned(), r.span());
                        }
                    }
                    (None, Some(value)) => {
                        if let Err(e) = Response::parse(&value) {
                            self.error(Rule::ResponseRange, e.message().to_owned(), p.span());
                        }
                    }
                    (None, None) => self.error(
                        Rule::VoteProperties,
                        "the VOTE has a POLL-ITEM-ID but no RESPONSE (draft §4.6.2).".into(),
                        begin_span(v),
                    ),
                }
            }
        }
    }

    fn poll_method(
        &mut self,
        m: &Method,
        poll: &Component<'_>,
        participants: usize,
        voters: usize,
        owners: usize,
    ) {
        let here = begin_span(poll);
        let require = |v: &mut Self, names: &[&str], table: &str| {
            for name in names {
                if poll.property(name).is_none() {
                    v.error(
                        Rule::MethodConstraint,
                        format!("a METHOD:{m} VPOLL must have {name} (draft {table})."),
                        here.clone(),
                    );
                }
            }
        };
        match m {
            Method::Reply if participants != 1 => {
                self.error(
                    Rule::MethodConstraint,
                    format!(
                        "a METHOD:REPLY VPOLL has exactly one PARTICIPANT, the voter replying (draft §8.1 Table 4, §8.3.4 Table 8); found {participants}."
                    ),
                    here,
                );
            }
            Method::Cancel => require(self, &["SEQUENCE"], "§8.3.5 Table 9"),
            Method::Refresh if participants != 1 => {
                self.error(
                    Rule::MethodConstraint,
                    format!(
                        "a METHOD:REFRESH VPOLL has exactly one PARTICIPANT, the voter asking (draft §8.3.6 Table 10); found {participants}."
                    ),
                    here,
                );
            }
            Method::PollStatus => {
                require(self, &["SUMMARY"], "§8.3.7 Table 11");
                if participants == 0 {
                    self.error(
                        Rule::MethodConstraint,
                        "a METHOD:POLLSTATUS VPOLL lists the voters with their votes (draft §8.3.7 Table 11); it has no PARTICIPANT."
                            .into(),
                        here.clone(),
                    );
                }
                if owners == 0 {
                    self.error(
                        Rule::MethodConstraint,
                        "one PARTICIPANT of a METHOD:POLLSTATUS must be the owner (draft §8.1 Table 4).".into(),
                        here.clone(),
                    );
                }
                const ALLOWED: [&str; 6] = [
                    "UID",
                    "DTSTAMP",
                    "SEQUENCE",
                    "SUMMARY",
                    "DTSTART",
                    "COMPLETED",
                ];
                for p in poll.properties() {
                    if !ALLOWED.iter().any(|a| p.is(a)) && !p.name().starts_with(['X', 'x']) {
                        self.warning(
                            Rule::MethodConstraint,
                            format!(
                                "a METHOD:POLLSTATUS VPOLL carries only UID, DTSTAMP, SEQUENCE, SUMMARY, DTSTART and COMPLETED (draft §8.3.7 Table 11); found {}.",
                                p.name()
                            ),
                            p.span(),
                        );
                    }
                }
            }
            Method::Publish => {
                if owners == 0 {
                    self.error(
                        Rule::MethodConstraint,
                        "a METHOD:PUBLISH VPOLL must have an owner PARTICIPANT (draft §8.3.2)."
                            .into(),
                        here.clone(),
                    );
                }
                if voters > 0 {
                    self.error(
                        Rule::MethodConstraint,
                        "a METHOD:PUBLISH VPOLL must not list voters (draft §8.3.2).".into(),
                        here,
                    );
                }
            }
            _ => {}
        }
    }
}
