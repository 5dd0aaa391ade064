//! The sub-objects of RFC 8984: Location, VirtualLocation, Link, Participant,
//! Alert and its triggers, Relation, RecurrenceRule, NDay, TimeZone and
//! TimeZoneRule.
//!
//! Conventions shared by every typed object of this crate:
//!
//! - One public field per property of RFC 8984, named in snake case
//!   (`relativeTo` is `relative_to`). An optional property is an `Option`:
//!   `None` means absent, and an absent property stays absent when written
//!   (defaults are never written out; `*_or_default` methods give the value
//!   RFC 8984 implies). A property present with its default value is kept
//!   and written back.
//! - `at_type` writes `@type` (see [`crate::tags`]).
//! - `extra` keeps every property this crate does not know (vendor-specific
//!   ones such as `example.com:foo`, later registrations, iCalendar
//!   carriers), in input order, written after the known ones.
//! - Output is deterministic: known properties in field order, then `extra`
//!   in its order; maps in their order.
//! - `null` for a property whose type is not nullable is read as absent.

use serde::de::{self, Deserializer};
use serde::ser::{SerializeMap, Serializer};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::enums::{
    AlertAction, Frequency, LinkDisplay, ParticipantKind, ParticipantRole, ParticipationStatus,
    Progress, RelationType, RelativeTo, ReplyMethod, ScheduleAgent, Skip, VirtualLocationFeature,
    Weekday,
};
use crate::map::{IdMap, OrderedMap, OrderedSet};
use crate::patch::PatchObject;
use crate::tags::{
    AbsoluteTriggerTag, AlertTag, LinkTag, LocationTag, NDayTag, OffsetTriggerTag, ParticipantTag,
    RecurrenceRuleTag, RelationTag, TimeZoneRuleTag, TimeZoneTag, VirtualLocationTag,
};
use crate::types::{Id, Int, LocalDateTime, SignedDuration, TimeZoneId, UnsignedInt, UtcDateTime};

/// Reads a `TimeZoneId|null` property: absent is `None`, `null` is
/// `Some(None)`, so `null` is written back as read.
pub(crate) fn nullable<'de, D, T>(deserializer: D) -> Result<Option<Option<T>>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<T>::deserialize(deserializer).map(Some)
}

// ---------------------------------------------------------------------------

/// A Relation (RFC 8984 §1.4.10): how a linked object relates to the
/// linking one, as a set of relation types (empty: unspecified).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Relation {
    /// `@type`: `Relation`.
    #[serde(rename = "@type", default)]
    pub at_type: RelationTag,
    /// `relation`: the relation types (default: empty).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub relation: Option<OrderedSet<RelationType>>,
    /// Properties this crate does not know, kept as read.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Relation {
    /// A Relation with the given relation types.
    pub fn of(types: impl IntoIterator<Item = RelationType>) -> Relation {
        Relation {
            relation: Some(types.into_iter().collect()),
            ..Relation::default()
        }
    }
}

/// A Link (RFC 8984 §1.4.11): an external resource.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Link {
    /// `@type`: `Link`.
    #[serde(rename = "@type", default)]
    pub at_type: LinkTag,
    /// `href` (mandatory): the URI of the resource.
    pub href: String,
    /// `cid`: a content-id (RFC 2392) for the resource.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cid: Option<String>,
    /// `contentType`: the media type of the resource.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub content_type: Option<String>,
    /// `size`: the size in octets when decoded.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub size: Option<UnsignedInt>,
    /// `rel`: a relation type of the IANA Link Relations registry.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rel: Option<String>,
    /// `display`: the purpose of an image (requires `rel` `icon`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub display: Option<LinkDisplay>,
    /// `title`: a plain-text description of the resource.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Properties this crate does not know, kept as read.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Link {
    /// A Link to `href` with nothing else set.
    pub fn new(href: impl Into<String>) -> Link {
        Link {
            at_type: LinkTag,
            href: href.into(),
            cid: None,
            content_type: None,
            size: None,
            rel: None,
            display: None,
            title: None,
            extra: Map::new(),
        }
    }
}

/// A Location (RFC 8984 §4.2.5): a physical location.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Location {
    /// `@type`: `Location`.
    #[serde(rename = "@type", default)]
    pub at_type: LocationTag,
    /// `name`: the human-readable name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// `description`: instructions for accessing the location.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// `locationTypes`: types from the Location Types Registry (RFC 4589).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location_types: Option<OrderedSet<String>>,
    /// `relativeTo`: whether the object starts or ends here.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub relative_to: Option<RelativeTo>,
    /// `timeZone`: the time zone of the location (`Some(None)` is `null`).
    #[serde(
        default,
        deserialize_with = "nullable",
        skip_serializing_if = "Option::is_none"
    )]
    pub time_zone: Option<Option<TimeZoneId>>,
    /// `coordinates`: a `geo:` URI (RFC 5870).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub coordinates: Option<String>,
    /// `links`: external resources for the location.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub links: Option<IdMap<Link>>,
    /// Properties this crate does not know, kept as read.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A VirtualLocation (RFC 8984 §4.2.6): a video conference, chat room …
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct VirtualLocation {
    /// `@type`: `VirtualLocation`.
    #[serde(rename = "@type", default)]
    pub at_type: VirtualLocationTag,
    /// `name` (default: empty): the human-readable name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// `description`: instructions for accessing it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// `uri` (mandatory): how to connect.
    pub uri: String,
    /// `features`: the features it supports.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub features: Option<OrderedSet<VirtualLocationFeature>>,
    /// Properties this crate does not know, kept as read.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl VirtualLocation {
    /// A VirtualLocation for `uri` with nothing else set.
    pub fn new(uri: impl Into<String>) -> VirtualLocation {
        VirtualLocation {
            at_type: VirtualLocationTag,
            name: None,
            description: None,
            uri: uri.into(),
            features: None,
            extra: Map::new(),
        }
    }

    /// `name`, or the empty string RFC 8984 §4.2.6 implies.
    pub fn name_or_default(&self) -> &str {
        self.name.as_deref().unwrap_or("")
    }
}

/// A Participant (RFC 8984 §4.4.6).
///
/// `roles` is mandatory in RFC 8984 but an `Option` here, so that data
/// converted from sources without roles can be represented;
/// [`crate::validate()`] reports its absence.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Participant {
    /// `@type`: `Participant`.
    #[serde(rename = "@type", default)]
    pub at_type: ParticipantTag,
    /// `name`: the display name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// `email`: an addr-spec (RFC 5322 §3.4.1).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// `description`: a plain-text description.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// `sendTo`: how the participant receives invitations (method → URI).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub send_to: Option<OrderedMap<ReplyMethod, String>>,
    /// `kind`: what kind of entity this is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<ParticipantKind>,
    /// `roles` (mandatory in RFC 8984): the roles fulfilled.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub roles: Option<OrderedSet<ParticipantRole>>,
    /// `locationId`: where the participant attends.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location_id: Option<Id>,
    /// `language`: the preferred language (RFC 5646 tag).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// `participationStatus` (default `needs-action`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub participation_status: Option<ParticipationStatus>,
    /// `participationComment`: a note explaining the status.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub participation_comment: Option<String>,
    /// `expectReply` (default `false`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expect_reply: Option<bool>,
    /// `scheduleAgent` (default `server`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub schedule_agent: Option<ScheduleAgent>,
    /// `scheduleForceSend` (default `false`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub schedule_force_send: Option<bool>,
    /// `scheduleSequence` (default 0).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub schedule_sequence: Option<UnsignedInt>,
    /// `scheduleStatus`: status codes of the last scheduling message.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub schedule_status: Option<Vec<String>>,
    /// `scheduleUpdated`: when the participant last responded.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub schedule_updated: Option<UtcDateTime>,
    /// `sentBy`: the From address of the last iMIP update.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sent_by: Option<String>,
    /// `invitedBy`: the id of the participant who added this one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub invited_by: Option<Id>,
    /// `delegatedTo`: ids of the participants delegated to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub delegated_to: Option<OrderedSet<Id>>,
    /// `delegatedFrom`: ids of the participants this one acts for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub delegated_from: Option<OrderedSet<Id>>,
    /// `memberOf`: ids of group participants that caused the invitation.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub member_of: Option<OrderedSet<Id>>,
    /// `links`: external resources for the participant.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub links: Option<IdMap<Link>>,
    /// `progress` (participants of a Task only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub progress: Option<Progress>,
    /// `progressUpdated` (participants of a Task only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub progress_updated: Option<UtcDateTime>,
    /// `percentComplete` (participants of a Task only), 0–100.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub percent_complete: Option<UnsignedInt>,
    /// Properties this crate does not know, kept as read.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Participant {
    /// `participationStatus`, or `needs-action`.
    pub fn participation_status_or_default(&self) -> ParticipationStatus {
        self.participation_status.clone().unwrap_or_default()
    }

    /// `expectReply`, or `false`.
    pub fn expect_reply_or_default(&self) -> bool {
        self.expect_reply.unwrap_or(false)
    }

    /// `scheduleAgent`, or `server`.
    pub fn schedule_agent_or_default(&self) -> ScheduleAgent {
        self.schedule_agent.clone().unwrap_or_default()
    }

    /// `scheduleForceSend`, or `false`.
    pub fn schedule_force_send_or_default(&self) -> bool {
        self.schedule_force_send.unwrap_or(false)
    }

    /// `scheduleSequence`, or 0.
    pub fn schedule_sequence_or_default(&self) -> UnsignedInt {
        self.schedule_sequence.unwrap_or_default()
    }

    /// True when `roles` has `role`.
    pub fn has_role(&self, role: &ParticipantRole) -> bool {
        self.roles.as_ref().is_some_and(|r| r.contains(role))
    }
}

/// An OffsetTrigger (RFC 8984 §4.5.2): fire at an offset from the start or
/// end of the object.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OffsetTrigger {
    /// `@type`: `OffsetTrigger`.
    #[serde(rename = "@type", default)]
    pub at_type: OffsetTriggerTag,
    /// `offset` (mandatory): negative is before the time, positive after.
    pub offset: SignedDuration,
    /// `relativeTo` (default `start`): `start` or `end`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub relative_to: Option<RelativeTo>,
    /// Properties this crate does not know, kept as read.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl OffsetTrigger {
    /// A trigger at `offset` from the start.
    pub fn new(offset: SignedDuration) -> OffsetTrigger {
        OffsetTrigger {
            at_type: OffsetTriggerTag,
            offset,
            relative_to: None,
            extra: Map::new(),
        }
    }

    /// `relativeTo`, or `start`.
    pub fn relative_to_or_default(&self) -> RelativeTo {
        self.relative_to.clone().unwrap_or_default()
    }
}

/// An AbsoluteTrigger (RFC 8984 §4.5.2): fire at a UTC time.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AbsoluteTrigger {
    /// `@type`: `AbsoluteTrigger`.
    #[serde(rename = "@type", default)]
    pub at_type: AbsoluteTriggerTag,
    /// `when` (mandatory).
    pub when: UtcDateTime,
    /// Properties this crate does not know, kept as read.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl AbsoluteTrigger {
    /// A trigger at `when`.
    pub fn new(when: UtcDateTime) -> AbsoluteTrigger {
        AbsoluteTrigger {
            at_type: AbsoluteTriggerTag,
            when,
            extra: Map::new(),
        }
    }
}

/// An UnknownTrigger (RFC 8984 §4.5.2): a trigger whose `@type` is neither
/// `OffsetTrigger` nor `AbsoluteTrigger`, kept as read ("MUST preserve").
#[derive(Debug, Clone, PartialEq)]
pub struct UnknownTrigger {
    /// The `@type` value.
    pub type_name: String,
    /// The other properties, in input order.
    pub properties: Map<String, Value>,
}

/// The `trigger` of an Alert (RFC 8984 §4.5.2).
///
/// Reading dispatches on `@type`. A trigger without `@type` (invalid in RFC
/// 8984, reported by [`crate::validate()`]) is read as an OffsetTrigger when it
/// has `offset` and as an AbsoluteTrigger when it has `when`.
#[derive(Debug, Clone, PartialEq)]
pub enum Trigger {
    /// An [`OffsetTrigger`].
    Offset(OffsetTrigger),
    /// An [`AbsoluteTrigger`].
    Absolute(AbsoluteTrigger),
    /// An [`UnknownTrigger`].
    Unknown(UnknownTrigger),
}

impl Serialize for Trigger {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Trigger::Offset(t) => t.serialize(serializer),
            Trigger::Absolute(t) => t.serialize(serializer),
            Trigger::Unknown(t) => {
                let mut map = serializer.serialize_map(Some(t.properties.len() + 1))?;
                map.serialize_entry("@type", &t.type_name)?;
                for (k, v) in &t.properties {
                    if k != "@type" {
                        map.serialize_entry(k, v)?;
                    }
                }
                map.end()
            }
        }
    }
}

impl<'de> Deserialize<'de> for Trigger {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let mut map = Map::<String, Value>::deserialize(deserializer)?;
        let kind = match map.get("@type") {
            Some(Value::String(s)) => s.clone(),
            Some(_) => return Err(de::Error::custom("the @type of a trigger must be a string")),
            None if map.contains_key("offset") => "OffsetTrigger".to_owned(),
            None if map.contains_key("when") => "AbsoluteTrigger".to_owned(),
            None => {
                return Err(de::Error::custom(
                    "a trigger needs an @type (RFC 8984 §4.5.2), and this one has neither `offset` nor `when`",
                ));
            }
        };
        match kind.as_str() {
            "OffsetTrigger" => serde_json::from_value(Value::Object(map))
                .map(Trigger::Offset)
                .map_err(de::Error::custom),
            "AbsoluteTrigger" => serde_json::from_value(Value::Object(map))
                .map(Trigger::Absolute)
                .map_err(de::Error::custom),
            _ => {
                map.shift_remove("@type");
                Ok(Trigger::Unknown(UnknownTrigger {
                    type_name: kind,
                    properties: map,
                }))
            }
        }
    }
}

/// An Alert (RFC 8984 §4.5.2): a reminder.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Alert {
    /// `@type`: `Alert`.
    #[serde(rename = "@type", default)]
    pub at_type: AlertTag,
    /// `trigger` (mandatory): when the alert fires.
    pub trigger: Trigger,
    /// `acknowledged`: when the user last dismissed it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub acknowledged: Option<UtcDateTime>,
    /// `relatedTo`: relations to other alerts of the object (by alert id).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub related_to: Option<OrderedMap<String, Relation>>,
    /// `action` (default `display`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub action: Option<AlertAction>,
    /// Properties this crate does not know, kept as read.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Alert {
    /// An alert with `trigger` and nothing else set.
    pub fn new(trigger: Trigger) -> Alert {
        Alert {
            at_type: AlertTag,
            trigger,
            acknowledged: None,
            related_to: None,
            action: None,
            extra: Map::new(),
        }
    }

    /// `action`, or `display`.
    pub fn action_or_default(&self) -> AlertAction {
        self.action.clone().unwrap_or_default()
    }
}

/// An NDay (RFC 8984 §4.3.3): a day of the week, optionally the nth in the
/// period (the BYDAY of iCalendar).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NDay {
    /// `@type`: `NDay`.
    #[serde(rename = "@type", default)]
    pub at_type: NDayTag,
    /// `day` (mandatory).
    pub day: Weekday,
    /// `nthOfPeriod`: non-zero; negative counts from the end.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nth_of_period: Option<Int>,
    /// Properties this crate does not know, kept as read.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl NDay {
    /// Every `day` of the period.
    pub fn every(day: Weekday) -> NDay {
        NDay {
            at_type: NDayTag,
            day,
            nth_of_period: None,
            extra: Map::new(),
        }
    }

    /// The `nth` `day` of the period.
    pub fn nth(nth: Int, day: Weekday) -> NDay {
        NDay {
            nth_of_period: Some(nth),
            ..NDay::every(day)
        }
    }
}

/// A RecurrenceRule (RFC 8984 §4.3.3): the RECUR value of iCalendar with
/// RSCALE and SKIP (RFC 7529).
///
/// Number lists are kept as read; ranges that depend on `rscale` are checked
/// by [`crate::validate()`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RecurrenceRule {
    /// `@type`: `RecurrenceRule`.
    #[serde(rename = "@type", default)]
    pub at_type: RecurrenceRuleTag,
    /// `frequency` (mandatory).
    pub frequency: Frequency,
    /// `interval` (default 1).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub interval: Option<UnsignedInt>,
    /// `rscale` (default `gregorian`): a CLDR calendar name in lower case.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rscale: Option<String>,
    /// `skip` (default `omit`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub skip: Option<Skip>,
    /// `firstDayOfWeek` (default `mo`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first_day_of_week: Option<Weekday>,
    /// `byDay`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub by_day: Option<Vec<NDay>>,
    /// `byMonthDay`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub by_month_day: Option<Vec<Int>>,
    /// `byMonth`: month numbers as strings, `L` suffix for leap months.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub by_month: Option<Vec<String>>,
    /// `byYearDay`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub by_year_day: Option<Vec<Int>>,
    /// `byWeekNo`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub by_week_no: Option<Vec<Int>>,
    /// `byHour`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub by_hour: Option<Vec<UnsignedInt>>,
    /// `byMinute`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub by_minute: Option<Vec<UnsignedInt>>,
    /// `bySecond`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub by_second: Option<Vec<UnsignedInt>>,
    /// `bySetPosition`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub by_set_position: Option<Vec<Int>>,
    /// `count` (not with `until`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub count: Option<UnsignedInt>,
    /// `until` (not with `count`), in the object's time zone.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub until: Option<LocalDateTime>,
    /// Properties this crate does not know, kept as read.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl RecurrenceRule {
    /// A rule with `frequency` and nothing else set.
    pub fn new(frequency: Frequency) -> RecurrenceRule {
        RecurrenceRule {
            at_type: RecurrenceRuleTag,
            frequency,
            interval: None,
            rscale: None,
            skip: None,
            first_day_of_week: None,
            by_day: None,
            by_month_day: None,
            by_month: None,
            by_year_day: None,
            by_week_no: None,
            by_hour: None,
            by_minute: None,
            by_second: None,
            by_set_position: None,
            count: None,
            until: None,
            extra: Map::new(),
        }
    }

    /// `interval`, or 1.
    pub fn interval_or_default(&self) -> u64 {
        self.interval.map_or(1, UnsignedInt::get)
    }

    /// `rscale`, or `gregorian`.
    pub fn rscale_or_default(&self) -> &str {
        self.rscale.as_deref().unwrap_or("gregorian")
    }

    /// `skip`, or `omit`.
    pub fn skip_or_default(&self) -> Skip {
        self.skip.unwrap_or_default()
    }

    /// `firstDayOfWeek`, or `mo`.
    pub fn first_day_of_week_or_default(&self) -> Weekday {
        self.first_day_of_week.unwrap_or_default()
    }
}

/// A TimeZoneRule (RFC 8984 §4.7.2): a STANDARD or DAYLIGHT sub-component of
/// a VTIMEZONE.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TimeZoneRule {
    /// `@type`: `TimeZoneRule`.
    #[serde(rename = "@type", default)]
    pub at_type: TimeZoneRuleTag,
    /// `start` (mandatory): DTSTART.
    pub start: LocalDateTime,
    /// `offsetFrom` (mandatory): TZOFFSETFROM, e.g. `-0500`.
    pub offset_from: String,
    /// `offsetTo` (mandatory): TZOFFSETTO.
    pub offset_to: String,
    /// `recurrenceRules`: at most one RRULE; its `until` is in UTC.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recurrence_rules: Option<Vec<RecurrenceRule>>,
    /// `recurrenceOverrides`: RDATEs, each with an empty PatchObject.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recurrence_overrides: Option<OrderedMap<LocalDateTime, PatchObject>>,
    /// `names`: TZNAMEs.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub names: Option<OrderedSet<String>>,
    /// `comments`: COMMENTs, in order.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub comments: Option<Vec<String>>,
    /// Properties this crate does not know, kept as read.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl TimeZoneRule {
    /// A rule with its mandatory properties.
    pub fn new(
        start: LocalDateTime,
        offset_from: impl Into<String>,
        offset_to: impl Into<String>,
    ) -> TimeZoneRule {
        TimeZoneRule {
            at_type: TimeZoneRuleTag,
            start,
            offset_from: offset_from.into(),
            offset_to: offset_to.into(),
            recurrence_rules: None,
            recurrence_overrides: None,
            names: None,
            comments: None,
            extra: Map::new(),
        }
    }
}

/// A TimeZone (RFC 8984 §4.7.2): a custom time zone, the VTIMEZONE of
/// iCalendar.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TimeZone {
    /// `@type`: `TimeZone`.
    #[serde(rename = "@type", default)]
    pub at_type: TimeZoneTag,
    /// `tzId` (mandatory): TZID.
    pub tz_id: String,
    /// `updated`: LAST-MODIFIED.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub updated: Option<UtcDateTime>,
    /// `url`: TZURL.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// `validUntil`: TZUNTIL (RFC 7808).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub valid_until: Option<UtcDateTime>,
    /// `aliases`: TZID-ALIAS-OF (RFC 7808).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub aliases: Option<OrderedSet<String>>,
    /// `standard`: STANDARD sub-components, in order.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub standard: Option<Vec<TimeZoneRule>>,
    /// `daylight`: DAYLIGHT sub-components, in order.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub daylight: Option<Vec<TimeZoneRule>>,
    /// Properties this crate does not know, kept as read.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl TimeZone {
    /// A time zone with `tz_id` and nothing else set.
    pub fn new(tz_id: impl Into<String>) -> TimeZone {
        TimeZone {
            at_type: TimeZoneTag,
            tz_id: tz_id.into(),
            updated: None,
            url: None,
            valid_until: None,
            aliases: None,
            standard: None,
            daylight: None,
            extra: Map::new(),
        }
    }
}
