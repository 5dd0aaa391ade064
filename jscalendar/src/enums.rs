//! The enumerated string values of RFC 8984.
//!
//! Most enumerations are open: RFC 8984 allows "another value registered in
//! the IANA JSCalendar Enum Values registry, or a vendor-specific value"
//! (§3.3, §8.4). Their Rust enums have an `Other(String)` variant that keeps
//! such a value as read; `Other` never holds a known value (equality and
//! hashing compare the text, so `Other("confirmed")` equals `Confirmed`).
//!
//! Three enumerations are closed ("MUST be one of the following values"):
//! [`Frequency`], [`Skip`] and [`Weekday`] (RFC 8984 §4.3.3). Reading an
//! unknown value for them is an error.
//!
//! Values are case-sensitive (RFC 8984 §3).

use std::fmt;
use std::hash::{Hash, Hasher};
use std::str::FromStr;

use serde::de::{Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};

use crate::error::{Error, ErrorKind, quote};

macro_rules! open_enum {
    (
        $(#[$meta:meta])*
        $name:ident, $section:literal {
            $( $(#[$vmeta:meta])* $variant:ident => $text:literal, )*
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone)]
        pub enum $name {
            $( $(#[$vmeta])* $variant, )*
            /// A value RFC 8984 does not define here: registered later or
            /// vendor-specific (`example.com:value`, RFC 8984 §3.3).
            Other(String),
        }

        impl $name {
            /// Every value RFC 8984 defines, in the RFC's order.
            pub const KNOWN: &'static [&'static str] = &[$($text),*];

            /// The value as written in JSON.
            pub fn as_str(&self) -> &str {
                match self {
                    $( $name::$variant => $text, )*
                    $name::Other(s) => s,
                }
            }

            /// The value for `s`; unknown text becomes [`Self::Other`].
            pub fn parse(s: &str) -> $name {
                match s {
                    $( $text => $name::$variant, )*
                    other => $name::Other(other.to_owned()),
                }
            }

            /// True when RFC 8984 defines this value.
            pub fn is_known(&self) -> bool {
                Self::KNOWN.contains(&self.as_str())
            }
        }

        impl From<&str> for $name {
            fn from(s: &str) -> $name {
                $name::parse(s)
            }
        }

        impl From<String> for $name {
            fn from(s: String) -> $name {
                match s.as_str() {
                    $( $text => $name::$variant, )*
                    _ => $name::Other(s),
                }
            }
        }

        impl FromStr for $name {
            type Err = std::convert::Infallible;
            fn from_str(s: &str) -> Result<$name, Self::Err> {
                Ok($name::parse(s))
            }
        }

        impl PartialEq for $name {
            fn eq(&self, other: &$name) -> bool {
                self.as_str() == other.as_str()
            }
        }

        impl Eq for $name {}

        impl Hash for $name {
            fn hash<H: Hasher>(&self, state: &mut H) {
                self.as_str().hash(state);
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct V;
                impl Visitor<'_> for V {
                    type Value = $name;
                    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                        f.write_str(concat!("a string (", $section, ")"))
                    }
                    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<$name, E> {
                        Ok($name::parse(v))
                    }
                    fn visit_string<E: serde::de::Error>(self, v: String) -> Result<$name, E> {
                        Ok($name::from(v))
                    }
                }
                deserializer.deserialize_str(V)
            }
        }
    };
}

macro_rules! closed_enum {
    (
        $(#[$meta:meta])*
        $name:ident, $what:literal, $section:literal {
            $( $(#[$vmeta:meta])* $variant:ident => $text:literal, )*
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $( $(#[$vmeta])* $variant, )*
        }

        impl $name {
            /// Every value, in the RFC's order.
            pub const ALL: &'static [$name] = &[$($name::$variant),*];

            /// The value as written in JSON.
            pub fn as_str(self) -> &'static str {
                match self {
                    $( $name::$variant => $text, )*
                }
            }
        }

        impl FromStr for $name {
            type Err = Error;
            fn from_str(s: &str) -> Result<$name, Error> {
                match s {
                    $( $text => Ok($name::$variant), )*
                    other => Err(Error::new(
                        ErrorKind::InvalidValue,
                        format!(
                            concat!("`{}` is not a ", $what, " (RFC 8984 ", $section, "); expected one of {}."),
                            quote(other),
                            [$(concat!("`", $text, "`")),*].join(", ")
                        ),
                    )),
                }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct V;
                impl Visitor<'_> for V {
                    type Value = $name;
                    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                        f.write_str(concat!("a ", $what, " string (", $section, ")"))
                    }
                    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<$name, E> {
                        v.parse().map_err(|e: Error| E::custom(e.message()))
                    }
                }
                deserializer.deserialize_str(V)
            }
        }
    };
}

open_enum! {
    /// The `status` of an Event (RFC 8984 §5.1.3); default `confirmed`.
    EventStatus, "RFC 8984 §5.1.3" {
        /// The event is definitely happening.
        Confirmed => "confirmed",
        /// The event has been cancelled.
        Cancelled => "cancelled",
        /// The event may happen.
        Tentative => "tentative",
    }
}

impl Default for EventStatus {
    /// `confirmed` (RFC 8984 §5.1.3).
    fn default() -> Self {
        EventStatus::Confirmed
    }
}

open_enum! {
    /// The `freeBusyStatus` of an Event or Task (RFC 8984 §4.4.2); default `busy`.
    FreeBusyStatus, "RFC 8984 §4.4.2" {
        /// Ignored when calculating whether the user is busy.
        Free => "free",
        /// Included when calculating whether the user is busy.
        Busy => "busy",
    }
}

impl Default for FreeBusyStatus {
    /// `busy` (RFC 8984 §4.4.2).
    fn default() -> Self {
        FreeBusyStatus::Busy
    }
}

open_enum! {
    /// The `privacy` of an Event or Task (RFC 8984 §4.4.3); default `public`.
    /// A value not understood is to be treated as `private`.
    Privacy, "RFC 8984 §4.4.3" {
        /// Full details are visible to those the calendar is shared with.
        Public => "public",
        /// Only the time and basic metadata are shared.
        Private => "private",
        /// The object is hidden completely.
        Secret => "secret",
    }
}

impl Default for Privacy {
    /// `public` (RFC 8984 §4.4.3).
    fn default() -> Self {
        Privacy::Public
    }
}

open_enum! {
    /// The `progress` of a Task or of a Task's participant (RFC 8984 §5.2.5).
    Progress, "RFC 8984 §5.2.5" {
        /// The task needs action.
        NeedsAction => "needs-action",
        /// The task is in process.
        InProcess => "in-process",
        /// The task is completed.
        Completed => "completed",
        /// The task failed.
        Failed => "failed",
        /// The task was cancelled.
        Cancelled => "cancelled",
    }
}

open_enum! {
    /// A participant's `participationStatus` (RFC 8984 §4.4.6); default `needs-action`.
    ParticipationStatus, "RFC 8984 §4.4.6" {
        /// No status has been set yet.
        NeedsAction => "needs-action",
        /// The participant will participate.
        Accepted => "accepted",
        /// The participant will not participate.
        Declined => "declined",
        /// The participant may participate.
        Tentative => "tentative",
        /// The participant delegated their attendance (see `delegatedTo`).
        Delegated => "delegated",
    }
}

impl Default for ParticipationStatus {
    /// `needs-action` (RFC 8984 §4.4.6).
    fn default() -> Self {
        ParticipationStatus::NeedsAction
    }
}

open_enum! {
    /// A participant's `kind` (RFC 8984 §4.4.6).
    ParticipantKind, "RFC 8984 §4.4.6" {
        /// A single person.
        Individual => "individual",
        /// A collection of people invited as a whole.
        Group => "group",
        /// A physical location that needs to be scheduled.
        Location => "location",
        /// A non-human resource other than a location.
        Resource => "resource",
    }
}

open_enum! {
    /// A role in a participant's `roles` (RFC 8984 §4.4.6).
    ParticipantRole, "RFC 8984 §4.4.6" {
        /// An owner of the object.
        Owner => "owner",
        /// Expected to be present.
        Attendee => "attendee",
        /// Involvement is optional.
        Optional => "optional",
        /// Copied for information, not expected to attend.
        Informational => "informational",
        /// In charge of the event or task when it occurs.
        Chair => "chair",
        /// May be contacted for information.
        Contact => "contact",
    }
}

open_enum! {
    /// A participant's `scheduleAgent` (RFC 8984 §4.4.6); default `server`.
    ScheduleAgent, "RFC 8984 §4.4.6" {
        /// The calendar server sends scheduling messages.
        Server => "server",
        /// The calendar client sends scheduling messages.
        Client => "client",
        /// No scheduling messages are sent.
        None => "none",
    }
}

impl Default for ScheduleAgent {
    /// `server` (RFC 8984 §4.4.6).
    fn default() -> Self {
        ScheduleAgent::Server
    }
}

open_enum! {
    /// An alert's `action` (RFC 8984 §4.5.2); default `display`.
    AlertAction, "RFC 8984 §4.5.2" {
        /// Displayed as appropriate for the device and user context.
        Display => "display",
        /// An email is sent to the user.
        Email => "email",
    }
}

impl Default for AlertAction {
    /// `display` (RFC 8984 §4.5.2).
    fn default() -> Self {
        AlertAction::Display
    }
}

open_enum! {
    /// The `relativeTo` of an OffsetTrigger (RFC 8984 §4.5.2; default
    /// `start`) or of a Location (§4.2.5).
    RelativeTo, "RFC 8984 §4.5.2, §4.2.5" {
        /// The start of the event or task.
        Start => "start",
        /// The end or due time of the event or task.
        End => "end",
    }
}

impl Default for RelativeTo {
    /// `start` (the default of an OffsetTrigger, RFC 8984 §4.5.2).
    fn default() -> Self {
        RelativeTo::Start
    }
}

open_enum! {
    /// A Link's `display` (RFC 8984 §1.4.11).
    LinkDisplay, "RFC 8984 §1.4.11" {
        /// An image displayed alongside the title.
        Badge => "badge",
        /// A full image replacement for the object.
        Graphic => "graphic",
        /// An image used to enhance the object.
        Fullsize => "fullsize",
        /// A smaller variant of `fullsize`.
        Thumbnail => "thumbnail",
    }
}

open_enum! {
    /// A feature in a VirtualLocation's `features` (RFC 8984 §4.2.6).
    VirtualLocationFeature, "RFC 8984 §4.2.6" {
        /// Audio conferencing.
        Audio => "audio",
        /// Chat or instant messaging.
        Chat => "chat",
        /// Blog or atom feed.
        Feed => "feed",
        /// Moderator-specific features.
        Moderator => "moderator",
        /// Phone conferencing.
        Phone => "phone",
        /// Screen sharing.
        Screen => "screen",
        /// Video conferencing.
        Video => "video",
    }
}

open_enum! {
    /// A relation type in a Relation's `relation` (RFC 8984 §1.4.10).
    RelationType, "RFC 8984 §1.4.10" {
        /// The linked object is the first in a series.
        First => "first",
        /// The linked object is next in a series.
        Next => "next",
        /// The linked object is a subpart of the linking object.
        Child => "child",
        /// The linking object is a subpart of the linked object.
        Parent => "parent",
    }
}

open_enum! {
    /// A method key of `replyTo` (RFC 8984 §4.4.4) or of a participant's
    /// `sendTo` (§4.4.6). Keys contain only ASCII letters and digits.
    ReplyMethod, "RFC 8984 §4.4.4" {
        /// iMIP (RFC 6047); the URI is a `mailto:` URI.
        Imip => "imip",
        /// A web page for replies (`replyTo` only); the URI uses `https:`.
        Web => "web",
        /// Another method; the URI identifies the party.
        OtherMethod => "other",
    }
}

closed_enum! {
    /// A RecurrenceRule's `frequency` (RFC 8984 §4.3.3), the FREQ of
    /// iCalendar in lower case.
    Frequency, "frequency", "§4.3.3" {
        /// `yearly`
        Yearly => "yearly",
        /// `monthly`
        Monthly => "monthly",
        /// `weekly`
        Weekly => "weekly",
        /// `daily`
        Daily => "daily",
        /// `hourly`
        Hourly => "hourly",
        /// `minutely`
        Minutely => "minutely",
        /// `secondly`
        Secondly => "secondly",
    }
}

closed_enum! {
    /// A RecurrenceRule's `skip` (RFC 8984 §4.3.3, the SKIP of RFC 7529);
    /// default `omit`.
    Skip, "skip value", "§4.3.3" {
        /// Invalid dates are left out.
        Omit => "omit",
        /// Invalid dates move to the previous valid date.
        Backward => "backward",
        /// Invalid dates move to the next valid date.
        Forward => "forward",
    }
}

impl Default for Skip {
    /// `omit` (RFC 8984 §4.3.3).
    fn default() -> Self {
        Skip::Omit
    }
}

closed_enum! {
    /// A day of the week: a RecurrenceRule's `firstDayOfWeek` (default
    /// `mo`) and an NDay's `day` (RFC 8984 §4.3.3).
    Weekday, "day of the week", "§4.3.3" {
        /// Monday, `mo`.
        Monday => "mo",
        /// Tuesday, `tu`.
        Tuesday => "tu",
        /// Wednesday, `we`.
        Wednesday => "we",
        /// Thursday, `th`.
        Thursday => "th",
        /// Friday, `fr`.
        Friday => "fr",
        /// Saturday, `sa`.
        Saturday => "sa",
        /// Sunday, `su`.
        Sunday => "su",
    }
}

impl Default for Weekday {
    /// `mo`, the default `firstDayOfWeek` (RFC 8984 §4.3.3).
    fn default() -> Self {
        Weekday::Monday
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn open_enum_other_equals_known() {
        assert_eq!(
            EventStatus::Other("confirmed".into()),
            EventStatus::Confirmed
        );
        assert_eq!(
            EventStatus::parse("example.com:x").as_str(),
            "example.com:x"
        );
        assert!(!EventStatus::parse("example.com:x").is_known());
        assert_eq!(ReplyMethod::parse("other"), ReplyMethod::OtherMethod);
    }

    #[test]
    fn closed_enum_rejects_unknown() {
        let e = "Weekly".parse::<Frequency>().unwrap_err();
        assert_eq!(e.kind(), ErrorKind::InvalidValue);
        assert!(e.message().contains("`Weekly`"), "{}", e.message());
        assert_eq!("su".parse::<Weekday>().unwrap(), Weekday::Sunday);
    }
}
