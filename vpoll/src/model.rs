//! The enumerated values of the VPOLL draft, of RFC 9073's PARTICIPANT as
//! the draft redefines it, and of RFC 9074.
//!
//! Every enumeration reads its value case-insensitively with surrounding
//! white space removed (the draft's own examples write `PARTICIPANT-TYPE:
//! VOTER` with a space after the colon, draft-ietf-calext-vpoll-06 §3.1), keeps
//! values it does not know in an `Other` variant, and writes the upper-case
//! token.

use std::fmt;

macro_rules! token_enum {
    (
        $(#[$meta:meta])*
        $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident => $text:literal, )*
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $( $(#[$vmeta])* $variant, )*
            /// A value this crate does not know (an iana-token or x-name),
            /// upper-cased.
            Other(String),
        }

        impl $name {
            /// Reads a value: case-insensitive, surrounding white space ignored.
            pub fn parse(s: &str) -> $name {
                let s = s.trim();
                $( if s.eq_ignore_ascii_case($text) { return $name::$variant; } )*
                $name::Other(s.to_ascii_uppercase())
            }

            /// The value as written.
            pub fn as_str(&self) -> &str {
                match self {
                    $( $name::$variant => $text, )*
                    $name::Other(s) => s,
                }
            }

            /// True for a value this crate knows.
            pub fn is_known(&self) -> bool {
                !matches!(self, $name::Other(_))
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        /// Serialized as the value written in iCalendar.
        #[cfg(feature = "serde")]
        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }
    };
}

token_enum! {
    /// POLL-MODE (draft-ietf-calext-vpoll-06 §4.5.4, §5): how votes produce a
    /// result. Absent means BASIC.
    PollMode {
        /// One outcome is chosen from the candidates (§5.1).
        Basic => "BASIC",
    }
}

token_enum! {
    /// POLL-COMPLETION (draft §4.5.2): who chooses and who submits the
    /// winner. Absent means CLIENT.
    PollCompletion {
        /// The server chooses and submits.
        Server => "SERVER",
        /// The client chooses, the server submits.
        ServerSubmit => "SERVER-SUBMIT",
        /// The server chooses, the client submits.
        ServerChoice => "SERVER-CHOICE",
        /// The client chooses and submits (the default).
        Client => "CLIENT",
    }
}

token_enum! {
    /// A value of PARTICIPANT-TYPE as the draft redefines it: multi-valued,
    /// with the RFC 8984 roles and VOTER (draft §4.1, §6.2).
    ParticipantType {
        /// Owner of the poll or event; maps to ORGANIZER (§6.2 Table 2).
        Owner => "OWNER",
        /// Required attendee; ROLE=REQ-PARTICIPANT.
        Attendee => "ATTENDEE",
        /// Optional attendee; ROLE=OPT-PARTICIPANT.
        Optional => "OPTIONAL",
        /// Informed only; ROLE=NON-PARTICIPANT.
        Informational => "INFORMATIONAL",
        /// Chair; ROLE=CHAIR.
        Chair => "CHAIR",
        /// A voter of a VPOLL (§4.1).
        Voter => "VOTER",
        /// RFC 9073 ACTIVE.
        Active => "ACTIVE",
        /// RFC 9073 INACTIVE.
        Inactive => "INACTIVE",
        /// RFC 9073 SPONSOR.
        Sponsor => "SPONSOR",
        /// RFC 9073 CONTACT.
        Contact => "CONTACT",
        /// RFC 9073 BOOKING-CONTACT.
        BookingContact => "BOOKING-CONTACT",
        /// RFC 9073 EMERGENCY-CONTACT.
        EmergencyContact => "EMERGENCY-CONTACT",
        /// RFC 9073 PUBLICITY-CONTACT.
        PublicityContact => "PUBLICITY-CONTACT",
        /// RFC 9073 PLANNER-CONTACT.
        PlannerContact => "PLANNER-CONTACT",
        /// RFC 9073 PERFORMER.
        Performer => "PERFORMER",
        /// RFC 9073 SPEAKER.
        Speaker => "SPEAKER",
    }
}

impl ParticipantType {
    /// The RFC 5545 ROLE this type maps to (draft §6.2 Tables 1 and 2), if any.
    pub fn role(&self) -> Option<&'static str> {
        match self {
            ParticipantType::Chair => Some("CHAIR"),
            ParticipantType::Attendee => Some("REQ-PARTICIPANT"),
            ParticipantType::Optional => Some("OPT-PARTICIPANT"),
            ParticipantType::Informational => Some("NON-PARTICIPANT"),
            _ => None,
        }
    }
}

token_enum! {
    /// KIND (draft §6.1): the kind of entity a participant is, CUTYPE's
    /// values aligned with RFC 8984.
    Kind {
        /// An individual.
        Individual => "INDIVIDUAL",
        /// A group of individuals.
        Group => "GROUP",
        /// A physical resource.
        Resource => "RESOURCE",
        /// A location resource, such as a room.
        Location => "LOCATION",
    }
}

token_enum! {
    /// PARTICIPATION-STATUS (draft §6.3): the PARTSTAT values.
    ParticipationStatus {
        /// No status set yet.
        NeedsAction => "NEEDS-ACTION",
        /// Will participate.
        Accepted => "ACCEPTED",
        /// Will not participate.
        Declined => "DECLINED",
        /// May participate.
        Tentative => "TENTATIVE",
        /// Delegated to PARTICIPATION-DELEGATED-TO.
        Delegated => "DELEGATED",
    }
}

token_enum! {
    /// An iTIP METHOD (RFC 5546 §1.4, draft §8.1 Table 4).
    Method {
        /// Unsolicited posting (owner).
        Publish => "PUBLISH",
        /// Invitation, update, completion or confirmation (owner).
        Request => "REQUEST",
        /// A voter's votes.
        Reply => "REPLY",
        /// Not supported for VPOLL (draft §8.1).
        Add => "ADD",
        /// Cancellation of the poll or removal of voters (owner).
        Cancel => "CANCEL",
        /// A voter asks for the current poll.
        Refresh => "REFRESH",
        /// Not supported for VPOLL (draft §8.1).
        Counter => "COUNTER",
        /// Not supported for VPOLL (draft §8.1).
        DeclineCounter => "DECLINECOUNTER",
        /// The current state of the poll, compactly (owner, draft §8.3.7).
        PollStatus => "POLLSTATUS",
    }
}

token_enum! {
    /// PROXIMITY (RFC 9074 §8.1): the location-based trigger of an alarm.
    Proximity {
        /// Arriving in the vicinity of a VLOCATION.
        Arrive => "ARRIVE",
        /// Leaving the vicinity of a VLOCATION.
        Depart => "DEPART",
        /// Connecting to a paired car.
        Connect => "CONNECT",
        /// Disconnecting from a paired car.
        Disconnect => "DISCONNECT",
    }
}

token_enum! {
    /// ACTION of a VALARM (RFC 5545 §3.8.6.1), with NONE.
    ///
    /// `NONE` is not in RFC 9074: it comes from draft-daboo-valarm-extensions
    /// (§11 of -04), an alarm that does nothing, used by Apple clients for
    /// "default alarm removed". RFC 5545 allows any iana-token action, so it is
    /// read as an alarm that never fires.
    AlarmAction {
        /// Play a sound.
        Audio => "AUDIO",
        /// Show DESCRIPTION.
        Display => "DISPLAY",
        /// Send an email.
        Email => "EMAIL",
        /// Do nothing (draft-daboo-valarm-extensions-04 §11).
        None => "NONE",
    }
}

/// STATUS of a VPOLL (draft §4.3). Absent means IN-PROCESS.
///
/// The life of a poll: IN-PROCESS → COMPLETED → CONFIRMED → SUBMITTED, or
/// CANCELLED from any state but CANCELLED; see [`PollStatus::allows`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PollStatus {
    /// Voting is open.
    InProcess,
    /// Voting is closed, nothing chosen yet.
    Completed,
    /// Voting is closed and the winner (POLL-WINNER) confirmed.
    Confirmed,
    /// The winning item has been submitted (sent as its own component).
    Submitted,
    /// The poll was cancelled.
    Cancelled,
}

impl PollStatus {
    /// Reads a STATUS value; `None` when it is not one of the five poll values.
    pub fn parse(s: &str) -> Option<PollStatus> {
        let s = s.trim();
        [
            PollStatus::InProcess,
            PollStatus::Completed,
            PollStatus::Confirmed,
            PollStatus::Submitted,
            PollStatus::Cancelled,
        ]
        .into_iter()
        .find(|v| s.eq_ignore_ascii_case(v.as_str()))
    }

    /// The value as written.
    pub fn as_str(self) -> &'static str {
        match self {
            PollStatus::InProcess => "IN-PROCESS",
            PollStatus::Completed => "COMPLETED",
            PollStatus::Confirmed => "CONFIRMED",
            PollStatus::Submitted => "SUBMITTED",
            PollStatus::Cancelled => "CANCELLED",
        }
    }

    /// True while voting is open.
    pub fn is_open(self) -> bool {
        self == PollStatus::InProcess
    }

    /// Whether `action` is allowed in this state, and the state it leads to.
    ///
    /// | from | allowed |
    /// | --- | --- |
    /// | IN-PROCESS | vote, change choices, complete, confirm, cancel |
    /// | COMPLETED | confirm, cancel |
    /// | CONFIRMED | submit, cancel |
    /// | SUBMITTED | cancel |
    /// | CANCELLED | nothing |
    ///
    /// Confirming straight from IN-PROCESS is allowed: the draft's own
    /// confirmation example (§3.5) follows a POLLSTATUS without a COMPLETED
    /// step, and closes voting by setting COMPLETED with the confirmation.
    /// Re-opening a closed poll is refused: the draft leaves it open
    /// (Appendix A, "Restarting a confirmed/completed VPOLL").
    pub fn allows(self, action: Action) -> Option<PollStatus> {
        use Action as A;
        use PollStatus as S;
        match (self, action) {
            (S::InProcess, A::Vote | A::ChangeChoices) => Some(S::InProcess),
            (S::InProcess, A::Complete) => Some(S::Completed),
            (S::InProcess | S::Completed, A::Confirm) => Some(S::Confirmed),
            (S::Confirmed, A::Submit) => Some(S::Submitted),
            (S::InProcess | S::Completed | S::Confirmed | S::Submitted, A::Cancel) => {
                Some(S::Cancelled)
            }
            _ => None,
        }
    }
}

/// Serialized as the STATUS value (`IN-PROCESS` …).
#[cfg(feature = "serde")]
impl serde::Serialize for PollStatus {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl fmt::Display for PollStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A move asked of a poll; see [`PollStatus::allows`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub enum Action {
    /// Record a voter's REPLY.
    Vote,
    /// Add, remove or replace a choice.
    ChangeChoices,
    /// Close voting (STATUS:COMPLETED, draft §8.3.3.4).
    Complete,
    /// Confirm the winner (STATUS:CONFIRMED + POLL-WINNER, draft §8.3.3.3).
    Confirm,
    /// Submit the winning component (STATUS:SUBMITTED, draft §4.3).
    Submit,
    /// Cancel the poll (METHOD:CANCEL, draft §8.3.5).
    Cancel,
}

impl Action {
    /// A lower-case verb for messages.
    pub fn verb(self) -> &'static str {
        match self {
            Action::Vote => "vote in",
            Action::ChangeChoices => "change the choices of",
            Action::Complete => "complete",
            Action::Confirm => "confirm",
            Action::Submit => "submit",
            Action::Cancel => "cancel",
        }
    }
}

impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.verb())
    }
}

/// A RESPONSE value, 0 to 100 (draft §4.5.8).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Response(u8);

impl Response {
    /// A response, `None` above 100.
    pub fn new(value: u8) -> Option<Response> {
        (value <= 100).then_some(Response(value))
    }

    /// Reads an INTEGER value in 0..=100.
    pub fn parse(s: &str) -> Result<Response, crate::Error> {
        let n = kalends_ical_core::value::parse_integer(s.trim()).map_err(crate::Error::from)?;
        u8::try_from(n).ok().and_then(Response::new).ok_or_else(|| {
            crate::Error::value(format!(
                "RESPONSE must be an integer from 0 to 100 (draft-ietf-calext-vpoll-06 §4.5.8), found {}.",
                crate::error::quote(s)
            ))
        })
    }

    /// The number.
    pub fn value(self) -> u8 {
        self.0
    }

    /// The band the draft's convention puts this response in (§4.5.8).
    pub fn band(self) -> ResponseBand {
        match self.0 {
            0..=39 => ResponseBand::No,
            40..=79 => ResponseBand::Maybe,
            80..=89 => ResponseBand::YesNotPreferred,
            _ => ResponseBand::Yes,
        }
    }
}

impl fmt::Display for Response {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// The response bands of draft §4.5.8: 0–39 NO, 40–79 MAYBE, 80–89 YES but
/// not preferred, 90–100 YES.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub enum ResponseBand {
    /// 0–39.
    No,
    /// 40–79.
    Maybe,
    /// 80–89.
    YesNotPreferred,
    /// 90–100.
    Yes,
}

impl ResponseBand {
    /// A label for reports: `no`, `maybe`, `yes-not-preferred`, `yes`.
    pub fn label(self) -> &'static str {
        match self {
            ResponseBand::No => "no",
            ResponseBand::Maybe => "maybe",
            ResponseBand::YesNotPreferred => "yes-not-preferred",
            ResponseBand::Yes => "yes",
        }
    }
}

/// Reads a TRUE/FALSE parameter or property value (REQUIRED, STAY-INFORMED,
/// EXPECT-REPLY; draft §4.4, §6.8), case-insensitively.
pub fn parse_bool(s: &str) -> Option<bool> {
    let s = s.trim();
    if s.eq_ignore_ascii_case("TRUE") {
        Some(true)
    } else if s.eq_ignore_ascii_case("FALSE") {
        Some(false)
    } else {
        None
    }
}

/// A calendar address in the form used to compare voters: surrounding white
/// space removed and, for `mailto:` addresses, lower-cased entirely (mail
/// domains are case-insensitive and calendar servers compare local parts
/// case-insensitively in practice); for other schemes only the scheme is
/// lower-cased.
pub fn normalize_address(address: &str) -> String {
    let a = address.trim();
    match a.split_once(':') {
        Some((scheme, rest)) if scheme.eq_ignore_ascii_case("mailto") => {
            format!("mailto:{}", rest.trim().to_lowercase())
        }
        Some((scheme, rest)) => format!("{}:{rest}", scheme.to_ascii_lowercase()),
        None => a.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bands_follow_the_draft() {
        let band = |n| Response::new(n).unwrap().band();
        assert_eq!(band(0), ResponseBand::No);
        assert_eq!(band(39), ResponseBand::No);
        assert_eq!(band(40), ResponseBand::Maybe);
        assert_eq!(band(79), ResponseBand::Maybe);
        assert_eq!(band(80), ResponseBand::YesNotPreferred);
        assert_eq!(band(89), ResponseBand::YesNotPreferred);
        assert_eq!(band(90), ResponseBand::Yes);
        assert_eq!(band(100), ResponseBand::Yes);
        assert!(Response::new(101).is_none());
        assert!(Response::parse("101").is_err());
        assert!(Response::parse("-1").is_err());
        assert_eq!(Response::parse(" 50").unwrap().value(), 50);
    }

    #[test]
    fn tokens_read_case_insensitively_and_trimmed() {
        assert_eq!(ParticipantType::parse(" voter"), ParticipantType::Voter);
        assert_eq!(
            ParticipantType::parse("x-judge"),
            ParticipantType::Other("X-JUDGE".into())
        );
        assert_eq!(
            PollCompletion::parse(" SERVER-SUBMIT").as_str(),
            "SERVER-SUBMIT"
        );
        assert_eq!(PollStatus::parse("in-process"), Some(PollStatus::InProcess));
        assert_eq!(PollStatus::parse("TENTATIVE"), None);
    }

    #[test]
    fn state_machine() {
        use Action as A;
        use PollStatus as S;
        assert_eq!(S::InProcess.allows(A::Complete), Some(S::Completed));
        assert_eq!(S::Completed.allows(A::Confirm), Some(S::Confirmed));
        assert_eq!(S::Confirmed.allows(A::Submit), Some(S::Submitted));
        assert_eq!(S::Submitted.allows(A::Cancel), Some(S::Cancelled));
        assert_eq!(S::Completed.allows(A::Vote), None);
        assert_eq!(S::Completed.allows(A::Complete), None);
        assert_eq!(S::InProcess.allows(A::Submit), None);
        assert_eq!(S::Cancelled.allows(A::Cancel), None);
        assert_eq!(S::Confirmed.allows(A::Confirm), None);
    }

    #[test]
    fn addresses_compare_case_insensitively() {
        assert_eq!(
            normalize_address(" MAILTO:Eric@Example.com "),
            "mailto:eric@example.com"
        );
        assert_eq!(
            normalize_address("HTTPS://x.example/A"),
            "https://x.example/A"
        );
    }
}
