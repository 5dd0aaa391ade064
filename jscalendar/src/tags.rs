//! Zero-sized `@type` markers (RFC 8984 §3.1, §4.1.1).
//!
//! Each typed object has a public field `at_type` of one of these types. It
//! writes the object's `@type` (always, first) and, when reading, accepts the
//! right `@type` or none and rejects any other. An object read without
//! `@type` therefore gains it when written back: the one normalisation the
//! typed model makes. [`crate::validate()`] reports the missing `@type` of the
//! JSON it is given.

use std::fmt;

use serde::de::{Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};

macro_rules! type_tag {
    ($(#[$meta:meta])* $name:ident => $text:literal) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
        pub struct $name;

        impl $name {
            /// The `@type` value.
            pub const TYPE: &'static str = $text;
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str($text)
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct V;
                impl Visitor<'_> for V {
                    type Value = $name;
                    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                        f.write_str(concat!("the @type `", $text, "`"))
                    }
                    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<$name, E> {
                        if v == $text {
                            Ok($name)
                        } else {
                            Err(E::custom(format!(
                                concat!("expected the @type `", $text, "`, found `{}`"),
                                crate::error::quote(v)
                            )))
                        }
                    }
                }
                deserializer.deserialize_str(V)
            }
        }
    };
}

type_tag!(
    /// `@type` `Event` (RFC 8984 §2.1).
    EventTag => "Event"
);
type_tag!(
    /// `@type` `Task` (RFC 8984 §2.2).
    TaskTag => "Task"
);
type_tag!(
    /// `@type` `Group` (RFC 8984 §2.3).
    GroupTag => "Group"
);
type_tag!(
    /// `@type` `Location` (RFC 8984 §4.2.5).
    LocationTag => "Location"
);
type_tag!(
    /// `@type` `VirtualLocation` (RFC 8984 §4.2.6).
    VirtualLocationTag => "VirtualLocation"
);
type_tag!(
    /// `@type` `Link` (RFC 8984 §1.4.11).
    LinkTag => "Link"
);
type_tag!(
    /// `@type` `Participant` (RFC 8984 §4.4.6).
    ParticipantTag => "Participant"
);
type_tag!(
    /// `@type` `Alert` (RFC 8984 §4.5.2).
    AlertTag => "Alert"
);
type_tag!(
    /// `@type` `OffsetTrigger` (RFC 8984 §4.5.2).
    OffsetTriggerTag => "OffsetTrigger"
);
type_tag!(
    /// `@type` `AbsoluteTrigger` (RFC 8984 §4.5.2).
    AbsoluteTriggerTag => "AbsoluteTrigger"
);
type_tag!(
    /// `@type` `Relation` (RFC 8984 §1.4.10).
    RelationTag => "Relation"
);
type_tag!(
    /// `@type` `RecurrenceRule` (RFC 8984 §4.3.3).
    RecurrenceRuleTag => "RecurrenceRule"
);
type_tag!(
    /// `@type` `NDay` (RFC 8984 §4.3.3).
    NDayTag => "NDay"
);
type_tag!(
    /// `@type` `TimeZone` (RFC 8984 §4.7.2).
    TimeZoneTag => "TimeZone"
);
type_tag!(
    /// `@type` `TimeZoneRule` (RFC 8984 §4.7.2).
    TimeZoneRuleTag => "TimeZoneRule"
);
