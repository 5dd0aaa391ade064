//! Enumerated parameter and property values. Each keeps a value it does
//! not know in `Other`, as written, so nothing is lost.

use std::fmt;

macro_rules! token_enum {
    (
        $(#[$meta:meta])*
        $name:ident, $spec:literal, [ $( $(#[$vmeta:meta])* $variant:ident = $text:literal ),+ $(,)? ]
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum $name {
            $( $(#[$vmeta])* $variant, )+
            /// Any other value (an `x-name` or a later `iana-token`), as written.
            Other(String),
        }

        impl $name {
            #[doc = concat!("Reads a value (case-insensitive, ", $spec, "); an unknown one becomes `Other`.")]
            pub fn parse(s: &str) -> $name {
                $( if s.eq_ignore_ascii_case($text) { return $name::$variant; } )+
                $name::Other(s.to_owned())
            }

            /// The value as written in iCalendar (upper case for the known ones).
            pub fn as_str(&self) -> &str {
                match self {
                    $( $name::$variant => $text, )+
                    $name::Other(s) => s,
                }
            }
        }

        impl fmt::Display for $name {
            /// Writes [`Self::as_str`].
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl From<&str> for $name {
            fn from(s: &str) -> $name {
                $name::parse(s)
            }
        }
    };
}

token_enum!(
    /// Calendar user type, the CUTYPE parameter (RFC 5545 §3.2.3).
    ///
    /// ```
    /// use kalends_ical_core::views::CuType;
    /// assert_eq!(CuType::parse("room"), CuType::Room);
    /// assert_eq!(CuType::parse("X-BOT").as_str(), "X-BOT");
    /// ```
    CuType, "RFC 5545 §3.2.3", [
        /// `INDIVIDUAL`, the default.
        Individual = "INDIVIDUAL",
        /// `GROUP`.
        Group = "GROUP",
        /// `RESOURCE`.
        Resource = "RESOURCE",
        /// `ROOM`.
        Room = "ROOM",
        /// `UNKNOWN`.
        Unknown = "UNKNOWN",
    ]
);

token_enum!(
    /// Participation role, the ROLE parameter (RFC 5545 §3.2.16).
    Role, "RFC 5545 §3.2.16", [
        /// `CHAIR`.
        Chair = "CHAIR",
        /// `REQ-PARTICIPANT`, the default.
        ReqParticipant = "REQ-PARTICIPANT",
        /// `OPT-PARTICIPANT`.
        OptParticipant = "OPT-PARTICIPANT",
        /// `NON-PARTICIPANT`.
        NonParticipant = "NON-PARTICIPANT",
    ]
);

token_enum!(
    /// Participation status, the PARTSTAT parameter (RFC 5545 §3.2.12).
    ///
    /// ```
    /// use kalends_ical_core::views::PartStat;
    /// assert_eq!(PartStat::parse("ACCEPTED"), PartStat::Accepted);
    /// assert_eq!(PartStat::parse("X-MAYBE"), PartStat::Other("X-MAYBE".into()));
    /// ```
    PartStat, "RFC 5545 §3.2.12", [
        /// `NEEDS-ACTION`, the default.
        NeedsAction = "NEEDS-ACTION",
        /// `ACCEPTED`.
        Accepted = "ACCEPTED",
        /// `DECLINED`.
        Declined = "DECLINED",
        /// `TENTATIVE` (VEVENT, VTODO).
        Tentative = "TENTATIVE",
        /// `DELEGATED` (VEVENT, VTODO).
        Delegated = "DELEGATED",
        /// `COMPLETED` (VTODO).
        Completed = "COMPLETED",
        /// `IN-PROCESS` (VTODO).
        InProcess = "IN-PROCESS",
    ]
);

token_enum!(
    /// Relationship type, the RELTYPE parameter (RFC 5545 §3.2.15, RFC 9253 §4–§5).
    RelType, "RFC 5545 §3.2.15, RFC 9253 §5", [
        /// `PARENT`, the default.
        Parent = "PARENT",
        /// `CHILD`.
        Child = "CHILD",
        /// `SIBLING`.
        Sibling = "SIBLING",
        /// `FINISHTOSTART` (RFC 9253 §4).
        FinishToStart = "FINISHTOSTART",
        /// `FINISHTOFINISH` (RFC 9253 §4).
        FinishToFinish = "FINISHTOFINISH",
        /// `STARTTOFINISH` (RFC 9253 §4).
        StartToFinish = "STARTTOFINISH",
        /// `STARTTOSTART` (RFC 9253 §4).
        StartToStart = "STARTTOSTART",
        /// `FIRST` (RFC 9253 §5).
        First = "FIRST",
        /// `NEXT` (RFC 9253 §5).
        Next = "NEXT",
        /// `DEPENDS-ON` (RFC 9253 §5).
        DependsOn = "DEPENDS-ON",
        /// `REFID` (RFC 9253 §5).
        Refid = "REFID",
        /// `CONCEPT` (RFC 9253 §5).
        Concept = "CONCEPT",
    ]
);

token_enum!(
    /// Free/busy time type, the FBTYPE parameter (RFC 5545 §3.2.9), also
    /// the BUSYTYPE property (RFC 7953 §3.2).
    FbType, "RFC 5545 §3.2.9", [
        /// `FREE`.
        Free = "FREE",
        /// `BUSY`, the default of FBTYPE.
        Busy = "BUSY",
        /// `BUSY-UNAVAILABLE`, the default of BUSYTYPE.
        BusyUnavailable = "BUSY-UNAVAILABLE",
        /// `BUSY-TENTATIVE`.
        BusyTentative = "BUSY-TENTATIVE",
    ]
);

token_enum!(
    /// Alarm trigger relationship, the RELATED parameter (RFC 5545 §3.2.14).
    Related, "RFC 5545 §3.2.14", [
        /// `START`, the default.
        Start = "START",
        /// `END`.
        End = "END",
    ]
);

token_enum!(
    /// Image display, the DISPLAY parameter (RFC 7986 §6.1).
    Display, "RFC 7986 §6.1", [
        /// `BADGE`, the default.
        Badge = "BADGE",
        /// `GRAPHIC`.
        Graphic = "GRAPHIC",
        /// `FULLSIZE`.
        Fullsize = "FULLSIZE",
        /// `THUMBNAIL`.
        Thumbnail = "THUMBNAIL",
    ]
);

token_enum!(
    /// Conference feature, the FEATURE parameter (RFC 7986 §6.3).
    Feature, "RFC 7986 §6.3", [
        /// `AUDIO`.
        Audio = "AUDIO",
        /// `CHAT`.
        Chat = "CHAT",
        /// `FEED`.
        Feed = "FEED",
        /// `MODERATOR`.
        Moderator = "MODERATOR",
        /// `PHONE`.
        Phone = "PHONE",
        /// `SCREEN`.
        Screen = "SCREEN",
        /// `VIDEO`.
        Video = "VIDEO",
    ]
);

token_enum!(
    /// Who schedules, the SCHEDULE-AGENT parameter (RFC 6638 §7.1).
    ScheduleAgent, "RFC 6638 §7.1", [
        /// `SERVER`, the default.
        Server = "SERVER",
        /// `CLIENT`.
        Client = "CLIENT",
        /// `NONE`.
        None = "NONE",
    ]
);

token_enum!(
    /// Event status, the STATUS property (RFC 5545 §3.8.1.11); also of
    /// VTODO, VJOURNAL and PARTICIPANT.
    ///
    /// ```
    /// use kalends_ical_core::views::Status;
    /// assert_eq!(Status::parse("cancelled"), Status::Cancelled);
    /// ```
    Status, "RFC 5545 §3.8.1.11", [
        /// `TENTATIVE` (VEVENT).
        Tentative = "TENTATIVE",
        /// `CONFIRMED` (VEVENT).
        Confirmed = "CONFIRMED",
        /// `CANCELLED`.
        Cancelled = "CANCELLED",
        /// `NEEDS-ACTION` (VTODO).
        NeedsAction = "NEEDS-ACTION",
        /// `COMPLETED` (VTODO).
        Completed = "COMPLETED",
        /// `IN-PROCESS` (VTODO).
        InProcess = "IN-PROCESS",
        /// `DRAFT` (VJOURNAL).
        Draft = "DRAFT",
        /// `FINAL` (VJOURNAL).
        Final = "FINAL",
    ]
);

token_enum!(
    /// Access classification, the CLASS property (RFC 5545 §3.8.1.3).
    Class, "RFC 5545 §3.8.1.3", [
        /// `PUBLIC`, the default.
        Public = "PUBLIC",
        /// `PRIVATE`.
        Private = "PRIVATE",
        /// `CONFIDENTIAL`.
        Confidential = "CONFIDENTIAL",
    ]
);

token_enum!(
    /// Time transparency, the TRANSP property (RFC 5545 §3.8.2.7).
    Transparency, "RFC 5545 §3.8.2.7", [
        /// `OPAQUE`, the default.
        Opaque = "OPAQUE",
        /// `TRANSPARENT`.
        Transparent = "TRANSPARENT",
    ]
);

token_enum!(
    /// Alarm action, the ACTION property (RFC 5545 §3.8.6.1).
    Action, "RFC 5545 §3.8.6.1", [
        /// `AUDIO`.
        Audio = "AUDIO",
        /// `DISPLAY`.
        Display = "DISPLAY",
        /// `EMAIL`.
        Email = "EMAIL",
    ]
);

token_enum!(
    /// iTIP method, the METHOD property (RFC 5545 §3.7.2, RFC 5546 §1.4).
    Method, "RFC 5546 §1.4", [
        /// `PUBLISH`.
        Publish = "PUBLISH",
        /// `REQUEST`.
        Request = "REQUEST",
        /// `REPLY`.
        Reply = "REPLY",
        /// `ADD`.
        Add = "ADD",
        /// `CANCEL`.
        Cancel = "CANCEL",
        /// `REFRESH`.
        Refresh = "REFRESH",
        /// `COUNTER`.
        Counter = "COUNTER",
        /// `DECLINECOUNTER`.
        DeclineCounter = "DECLINECOUNTER",
    ]
);

token_enum!(
    /// Participant type, the PARTICIPANT-TYPE property (RFC 9073 §6.2).
    ParticipantType, "RFC 9073 §6.2", [
        /// `ACTIVE`.
        Active = "ACTIVE",
        /// `INACTIVE`.
        Inactive = "INACTIVE",
        /// `SPONSOR`.
        Sponsor = "SPONSOR",
        /// `CONTACT`.
        Contact = "CONTACT",
        /// `BOOKING-CONTACT`.
        BookingContact = "BOOKING-CONTACT",
        /// `EMERGENCY-CONTACT`.
        EmergencyContact = "EMERGENCY-CONTACT",
        /// `PUBLICITY-CONTACT`.
        PublicityContact = "PUBLICITY-CONTACT",
        /// `PLANNER-CONTACT`.
        PlannerContact = "PLANNER-CONTACT",
        /// `PERFORMER`.
        Performer = "PERFORMER",
        /// `SPEAKER`.
        Speaker = "SPEAKER",
    ]
);

token_enum!(
    /// Resource type, the RESOURCE-TYPE property (RFC 9073 §6.3).
    ResourceType, "RFC 9073 §6.3", [
        /// `ROOM`.
        Room = "ROOM",
        /// `PROJECTOR`.
        Projector = "PROJECTOR",
        /// `REMOTE-CONFERENCE-AUDIO`.
        RemoteConferenceAudio = "REMOTE-CONFERENCE-AUDIO",
        /// `REMOTE-CONFERENCE-VIDEO`.
        RemoteConferenceVideo = "REMOTE-CONFERENCE-VIDEO",
    ]
);
