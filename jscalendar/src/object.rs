//! The JSCalendar objects of RFC 8984 §2: [`Event`], [`Task`] and [`Group`],
//! and [`Object`], which is any of them.
//!
//! See [`crate::model`] for the conventions every typed object follows
//! (`Option` fields, `extra`, defaults never written out).
//!
//! `uid`, `updated` and an Event's `start` are mandatory in RFC 8984 but
//! `Option`s here, so that objects converted from incomplete sources (an
//! iCalendar VEVENT without DTSTAMP, an iTIP VEVENT without DTSTART) can be
//! represented without inventing values; [`crate::validate()`] reports them
//! missing.

use std::fmt;

use serde::de::{self, Deserializer};
use serde::{Deserialize, Serialize, Serializer};
use serde_json::{Map, Value};

use crate::enums::{EventStatus, FreeBusyStatus, Privacy, Progress, ReplyMethod};
use crate::error::{Error, ErrorKind, quote};
use crate::map::{IdMap, OrderedMap, OrderedSet};
use crate::model::{
    Alert, Link, Location, Participant, RecurrenceRule, Relation, TimeZone, VirtualLocation,
    nullable,
};
use crate::patch::{PatchObject, is_localization_patch_applied, is_override_patch_applied};
use crate::tags::{EventTag, GroupTag, TaskTag};
use crate::types::{Duration, Int, LocalDateTime, TimeZoneId, UnsignedInt, UtcDateTime};
use crate::validate::{ObjectType, validate_as};

/// An Event (RFC 8984 §2.1, §5.1): a scheduled amount of time on a calendar.
///
/// ```
/// use kalends_jscalendar::Event;
///
/// let event = Event::from_json(r#"{
///   "@type": "Event",
///   "uid": "a8df6573-0474-496d-8496-033ad45d7fea",
///   "updated": "2020-01-02T18:23:04Z",
///   "title": "Some event",
///   "start": "2020-01-15T13:00:00",
///   "timeZone": "America/New_York",
///   "duration": "PT1H"
/// }"#)?;
/// assert_eq!(event.title.as_deref(), Some("Some event"));
/// assert_eq!(event.status_or_default().as_str(), "confirmed");
/// assert!(event.validate().is_empty());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Event {
    /// `@type`: `Event`.
    #[serde(rename = "@type", default)]
    pub at_type: EventTag,
    /// `uid` (mandatory in RFC 8984, §4.1.2).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub uid: Option<String>,
    /// `relatedTo` (§4.1.3): related objects by UID.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub related_to: Option<OrderedMap<String, Relation>>,
    /// `prodId` (§4.1.4).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub prod_id: Option<String>,
    /// `created` (§4.1.5).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub created: Option<UtcDateTime>,
    /// `updated` (mandatory in RFC 8984, §4.1.6).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub updated: Option<UtcDateTime>,
    /// `sequence` (§4.1.7, default 0).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sequence: Option<UnsignedInt>,
    /// `method` (§4.1.8): the iTIP method, lower case.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub method: Option<String>,
    /// `title` (§4.2.1, default empty).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// `description` (§4.2.2, default empty).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// `descriptionContentType` (§4.2.3, default `text/plain`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description_content_type: Option<String>,
    /// `showWithoutTime` (§4.2.4, default `false`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub show_without_time: Option<bool>,
    /// `start` (mandatory in RFC 8984, §5.1.1).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start: Option<LocalDateTime>,
    /// `duration` (§5.1.2, default `PT0S`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub duration: Option<Duration>,
    /// `status` (§5.1.3, default `confirmed`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<EventStatus>,
    /// `timeZone` (§4.7.1, default `null`: floating). `Some(None)` is an explicit `null`.
    #[serde(
        default,
        deserialize_with = "nullable",
        skip_serializing_if = "Option::is_none"
    )]
    pub time_zone: Option<Option<TimeZoneId>>,
    /// `timeZones` (§4.7.2): custom time zones by id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time_zones: Option<OrderedMap<TimeZoneId, TimeZone>>,
    /// `locations` (§4.2.5).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub locations: Option<IdMap<Location>>,
    /// `virtualLocations` (§4.2.6).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub virtual_locations: Option<IdMap<VirtualLocation>>,
    /// `links` (§4.2.7).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub links: Option<IdMap<Link>>,
    /// `locale` (§4.2.8): an RFC 5646 language tag.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub locale: Option<String>,
    /// `keywords` (§4.2.9).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub keywords: Option<OrderedSet<String>>,
    /// `categories` (§4.2.10): URIs.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub categories: Option<OrderedSet<String>>,
    /// `color` (§4.2.11): a CSS color name or `#rrggbb`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub color: Option<String>,
    /// `recurrenceId` (§4.3.1): set on an occurrence of a recurring object.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recurrence_id: Option<LocalDateTime>,
    /// `recurrenceIdTimeZone` (§4.3.2, default `null`). `Some(None)` is an explicit `null`.
    #[serde(
        default,
        deserialize_with = "nullable",
        skip_serializing_if = "Option::is_none"
    )]
    pub recurrence_id_time_zone: Option<Option<TimeZoneId>>,
    /// `recurrenceRules` (§4.3.3).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recurrence_rules: Option<Vec<RecurrenceRule>>,
    /// `excludedRecurrenceRules` (§4.3.4).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub excluded_recurrence_rules: Option<Vec<RecurrenceRule>>,
    /// `recurrenceOverrides` (§4.3.5): patches by recurrence id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recurrence_overrides: Option<OrderedMap<LocalDateTime, PatchObject>>,
    /// `excluded` (§4.3.6, default `false`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub excluded: Option<bool>,
    /// `priority` (§4.4.1, default 0): 0 undefined, 1 highest … 9 lowest.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub priority: Option<Int>,
    /// `freeBusyStatus` (§4.4.2, default `busy`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub free_busy_status: Option<FreeBusyStatus>,
    /// `privacy` (§4.4.3, default `public`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub privacy: Option<Privacy>,
    /// `replyTo` (§4.4.4): how to reply to the organizer (method → URI).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reply_to: Option<OrderedMap<ReplyMethod, String>>,
    /// `sentBy` (§4.4.5).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sent_by: Option<String>,
    /// `participants` (§4.4.6).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub participants: Option<IdMap<Participant>>,
    /// `requestStatus` (§4.4.7).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request_status: Option<String>,
    /// `useDefaultAlerts` (§4.5.1, default `false`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub use_default_alerts: Option<bool>,
    /// `alerts` (§4.5.2).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alerts: Option<IdMap<Alert>>,
    /// `localizations` (§4.6.1): patches by language tag.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub localizations: Option<OrderedMap<String, PatchObject>>,
    /// Properties this crate does not know, kept as read.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A Task (RFC 8984 §2.2, §5.2): an action item or to-do.
///
/// ```
/// use kalends_jscalendar::Task;
/// let task = Task::from_json(r#"{"@type": "Task", "uid": "2a358cee", "updated": "2020-01-09T14:32:01Z",
///                               "title": "Buy groceries", "due": "2020-01-19T18:00:00"}"#)?;
/// assert_eq!(task.due.map(|d| d.hour()), Some(18));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Task {
    /// `@type`: `Task`.
    #[serde(rename = "@type", default)]
    pub at_type: TaskTag,
    /// `uid` (mandatory in RFC 8984, §4.1.2).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub uid: Option<String>,
    /// `relatedTo` (§4.1.3): related objects by UID.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub related_to: Option<OrderedMap<String, Relation>>,
    /// `prodId` (§4.1.4).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub prod_id: Option<String>,
    /// `created` (§4.1.5).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub created: Option<UtcDateTime>,
    /// `updated` (mandatory in RFC 8984, §4.1.6).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub updated: Option<UtcDateTime>,
    /// `sequence` (§4.1.7, default 0).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sequence: Option<UnsignedInt>,
    /// `method` (§4.1.8): the iTIP method, lower case.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub method: Option<String>,
    /// `title` (§4.2.1, default empty).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// `description` (§4.2.2, default empty).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// `descriptionContentType` (§4.2.3, default `text/plain`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description_content_type: Option<String>,
    /// `showWithoutTime` (§4.2.4, default `false`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub show_without_time: Option<bool>,
    /// `due` (§5.2.1).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub due: Option<LocalDateTime>,
    /// `start` (§5.2.2).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start: Option<LocalDateTime>,
    /// `estimatedDuration` (§5.2.3).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub estimated_duration: Option<Duration>,
    /// `percentComplete` (§5.2.4), 0–100.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub percent_complete: Option<UnsignedInt>,
    /// `progress` (§5.2.5).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub progress: Option<Progress>,
    /// `progressUpdated` (§5.2.6).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub progress_updated: Option<UtcDateTime>,
    /// `timeZone` (§4.7.1, default `null`: floating). `Some(None)` is an explicit `null`.
    #[serde(
        default,
        deserialize_with = "nullable",
        skip_serializing_if = "Option::is_none"
    )]
    pub time_zone: Option<Option<TimeZoneId>>,
    /// `timeZones` (§4.7.2): custom time zones by id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time_zones: Option<OrderedMap<TimeZoneId, TimeZone>>,
    /// `locations` (§4.2.5).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub locations: Option<IdMap<Location>>,
    /// `virtualLocations` (§4.2.6).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub virtual_locations: Option<IdMap<VirtualLocation>>,
    /// `links` (§4.2.7).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub links: Option<IdMap<Link>>,
    /// `locale` (§4.2.8): an RFC 5646 language tag.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub locale: Option<String>,
    /// `keywords` (§4.2.9).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub keywords: Option<OrderedSet<String>>,
    /// `categories` (§4.2.10): URIs.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub categories: Option<OrderedSet<String>>,
    /// `color` (§4.2.11): a CSS color name or `#rrggbb`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub color: Option<String>,
    /// `recurrenceId` (§4.3.1): set on an occurrence of a recurring object.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recurrence_id: Option<LocalDateTime>,
    /// `recurrenceIdTimeZone` (§4.3.2, default `null`). `Some(None)` is an explicit `null`.
    #[serde(
        default,
        deserialize_with = "nullable",
        skip_serializing_if = "Option::is_none"
    )]
    pub recurrence_id_time_zone: Option<Option<TimeZoneId>>,
    /// `recurrenceRules` (§4.3.3).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recurrence_rules: Option<Vec<RecurrenceRule>>,
    /// `excludedRecurrenceRules` (§4.3.4).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub excluded_recurrence_rules: Option<Vec<RecurrenceRule>>,
    /// `recurrenceOverrides` (§4.3.5): patches by recurrence id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recurrence_overrides: Option<OrderedMap<LocalDateTime, PatchObject>>,
    /// `excluded` (§4.3.6, default `false`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub excluded: Option<bool>,
    /// `priority` (§4.4.1, default 0): 0 undefined, 1 highest … 9 lowest.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub priority: Option<Int>,
    /// `freeBusyStatus` (§4.4.2, default `busy`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub free_busy_status: Option<FreeBusyStatus>,
    /// `privacy` (§4.4.3, default `public`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub privacy: Option<Privacy>,
    /// `replyTo` (§4.4.4): how to reply to the organizer (method → URI).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reply_to: Option<OrderedMap<ReplyMethod, String>>,
    /// `sentBy` (§4.4.5).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sent_by: Option<String>,
    /// `participants` (§4.4.6).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub participants: Option<IdMap<Participant>>,
    /// `requestStatus` (§4.4.7).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request_status: Option<String>,
    /// `useDefaultAlerts` (§4.5.1, default `false`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub use_default_alerts: Option<bool>,
    /// `alerts` (§4.5.2).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alerts: Option<IdMap<Alert>>,
    /// `localizations` (§4.6.1): patches by language tag.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub localizations: Option<OrderedMap<String, PatchObject>>,
    /// Properties this crate does not know, kept as read.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A Group (RFC 8984 §2.3, §5.3): a collection of Events and Tasks.
///
/// ```
/// use kalends_jscalendar::{Entry, Group};
/// let group = Group::from_json(r#"{"@type": "Group", "uid": "bf0ac22b", "updated": "2020-01-15T18:00:00Z",
///   "entries": [{"@type": "Task", "uid": "2a358cee", "updated": "2020-01-09T14:32:01Z"}]}"#)?;
/// assert!(matches!(group.entries.as_deref(), Some([Entry::Task(_)])));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Group {
    /// `@type`: `Group`.
    #[serde(rename = "@type", default)]
    pub at_type: GroupTag,
    /// `uid` (mandatory in RFC 8984, §4.1.2).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub uid: Option<String>,
    /// `prodId` (§4.1.4).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub prod_id: Option<String>,
    /// `created` (§4.1.5).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub created: Option<UtcDateTime>,
    /// `updated` (mandatory in RFC 8984, §4.1.6).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub updated: Option<UtcDateTime>,
    /// `title` (§4.2.1, default empty).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// `description` (§4.2.2, default empty).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// `descriptionContentType` (§4.2.3, default `text/plain`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description_content_type: Option<String>,
    /// `links` (§4.2.7).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub links: Option<IdMap<Link>>,
    /// `locale` (§4.2.8).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub locale: Option<String>,
    /// `keywords` (§4.2.9).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub keywords: Option<OrderedSet<String>>,
    /// `categories` (§4.2.10).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub categories: Option<OrderedSet<String>>,
    /// `color` (§4.2.11).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub color: Option<String>,
    /// `timeZones` (§4.7.2): time zones shared by the entries.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time_zones: Option<OrderedMap<TimeZoneId, TimeZone>>,
    /// `entries` (mandatory, §5.3.1).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub entries: Option<Vec<Entry>>,
    /// `source` (§5.3.2): a URI to fetch updates from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Properties this crate does not know, kept as read.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// An entry of a Group (RFC 8984 §5.3.1). An entry of another `@type` is
/// kept as JSON: RFC 8984 says to ignore it, and keeping it loses nothing.
#[derive(Debug, Clone, PartialEq)]
pub enum Entry {
    /// An Event.
    Event(Box<Event>),
    /// A Task.
    Task(Box<Task>),
    /// An entry whose `@type` is neither `Event` nor `Task` (or missing).
    Unknown(Value),
}

impl Serialize for Entry {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Entry::Event(e) => e.serialize(serializer),
            Entry::Task(t) => t.serialize(serializer),
            Entry::Unknown(v) => v.serialize(serializer),
        }
    }
}

impl<'de> Deserialize<'de> for Entry {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = Value::deserialize(deserializer)?;
        match value.get("@type").and_then(Value::as_str) {
            Some("Event") => serde_json::from_value(value)
                .map(|e| Entry::Event(Box::new(e)))
                .map_err(de::Error::custom),
            Some("Task") => serde_json::from_value(value)
                .map(|t| Entry::Task(Box::new(t)))
                .map_err(de::Error::custom),
            _ => Ok(Entry::Unknown(value)),
        }
    }
}

/// Any JSCalendar object: an Event, a Task or a Group, chosen by `@type`.
///
/// ```
/// use kalends_jscalendar::Object;
/// let object = Object::from_json(r#"{"@type": "Task", "uid": "x", "updated": "2020-01-09T14:32:01Z"}"#)?;
/// assert!(matches!(object, Object::Task(_)));
/// assert_eq!(object.to_json()?, r#"{"@type":"Task","uid":"x","updated":"2020-01-09T14:32:01Z"}"#);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub enum Object {
    /// An Event.
    Event(Box<Event>),
    /// A Task.
    Task(Box<Task>),
    /// A Group.
    Group(Box<Group>),
}

impl Object {
    /// Reads an object from JSON text. The `@type` decides the type; a
    /// missing or unknown `@type` is an [`ErrorKind::Model`] error.
    pub fn from_json(text: &str) -> Result<Object, Error> {
        let value: Value = serde_json::from_str(text).map_err(|e| Error::from_json(&e))?;
        Object::from_value(value)
    }

    /// Reads an object from a JSON value; see [`Self::from_json`].
    pub fn from_value(value: Value) -> Result<Object, Error> {
        let kind = match value.get("@type") {
            Some(Value::String(s)) => s.clone(),
            Some(other) => {
                return Err(Error::at(
                    ErrorKind::Model,
                    format!(
                        "The `@type` must be a string, not `{}`.",
                        crate::error::quote_json(other)
                    ),
                    "/@type",
                ));
            }
            None if value.is_object() => {
                return Err(Error::at(
                    ErrorKind::Model,
                    "The object has no `@type`, so it is not known whether it is an Event, a Task or a Group \
                     (RFC 8984 §3.1).",
                    "/@type",
                ));
            }
            None => {
                return Err(Error::at(
                    ErrorKind::Model,
                    format!(
                        "A JSCalendar object is a JSON object, not `{}`.",
                        crate::error::quote_json(&value)
                    ),
                    "",
                ));
            }
        };
        let read = |e: serde_json::Error| Error::from_json(&e);
        match kind.as_str() {
            "Event" => serde_json::from_value(value)
                .map(|e| Object::Event(Box::new(e)))
                .map_err(read),
            "Task" => serde_json::from_value(value)
                .map(|t| Object::Task(Box::new(t)))
                .map_err(read),
            "Group" => serde_json::from_value(value)
                .map(|g| Object::Group(Box::new(g)))
                .map_err(read),
            other => Err(Error::at(
                ErrorKind::Model,
                format!(
                    "The `@type` `{}` is not a JSCalendar object type; expected `Event`, `Task` or `Group`.",
                    quote(other)
                ),
                "/@type",
            )),
        }
    }

    /// The object as a JSON value.
    pub fn to_value(&self) -> Result<Value, Error> {
        serde_json::to_value(self).map_err(|e| Error::from_json(&e))
    }

    /// The object as compact JSON text. Deterministic: the same object always
    /// gives the same bytes.
    pub fn to_json(&self) -> Result<String, Error> {
        serde_json::to_string(self).map_err(|e| Error::from_json(&e))
    }

    /// The object as indented JSON text (two spaces), deterministic.
    pub fn to_json_pretty(&self) -> Result<String, Error> {
        serde_json::to_string_pretty(self).map_err(|e| Error::from_json(&e))
    }

    /// Which type of object this is.
    pub fn object_type(&self) -> ObjectType {
        match self {
            Object::Event(_) => ObjectType::Event,
            Object::Task(_) => ObjectType::Task,
            Object::Group(_) => ObjectType::Group,
        }
    }

    /// The `uid`, if set.
    pub fn uid(&self) -> Option<&str> {
        match self {
            Object::Event(e) => e.uid.as_deref(),
            Object::Task(t) => t.uid.as_deref(),
            Object::Group(g) => g.uid.as_deref(),
        }
    }

    /// Every RFC 8984 problem of the object; see [`crate::validate()`].
    pub fn validate(&self) -> Vec<Error> {
        match self.to_value() {
            Ok(v) => validate_as(&v, self.object_type()),
            Err(e) => vec![e],
        }
    }
}

impl Serialize for Object {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Object::Event(e) => e.serialize(serializer),
            Object::Task(t) => t.serialize(serializer),
            Object::Group(g) => g.serialize(serializer),
        }
    }
}

impl<'de> Deserialize<'de> for Object {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = Value::deserialize(deserializer)?;
        Object::from_value(value).map_err(|e| de::Error::custom(e.message()))
    }
}

impl From<Event> for Object {
    fn from(e: Event) -> Object {
        Object::Event(Box::new(e))
    }
}

impl From<Task> for Object {
    fn from(t: Task) -> Object {
        Object::Task(Box::new(t))
    }
}

impl From<Group> for Object {
    fn from(g: Group) -> Object {
        Object::Group(Box::new(g))
    }
}

impl fmt::Display for Object {
    /// Compact JSON.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = self.to_json().map_err(|_| fmt::Error)?;
        f.write_str(&text)
    }
}

/// Methods Event, Task and Group share.
macro_rules! json_methods {
    ($ty:ident, $kind:expr) => {
        impl $ty {
            /// Reads the object from JSON text. Errors are [`ErrorKind::Json`]
            /// (not JSON) or [`ErrorKind::Model`] (wrong types or data-type
            /// syntax), with line and column.
            pub fn from_json(text: &str) -> Result<$ty, Error> {
                serde_json::from_str(text).map_err(|e| Error::from_json(&e))
            }

            /// Reads the object from a JSON value.
            pub fn from_value(value: Value) -> Result<$ty, Error> {
                serde_json::from_value(value).map_err(|e| Error::from_json(&e))
            }

            /// The object as a JSON value.
            pub fn to_value(&self) -> Result<Value, Error> {
                serde_json::to_value(self).map_err(|e| Error::from_json(&e))
            }

            /// The object as compact JSON text. Deterministic: the same object
            /// always gives the same bytes.
            pub fn to_json(&self) -> Result<String, Error> {
                serde_json::to_string(self).map_err(|e| Error::from_json(&e))
            }

            /// The object as indented JSON text (two spaces), deterministic.
            pub fn to_json_pretty(&self) -> Result<String, Error> {
                serde_json::to_string_pretty(self).map_err(|e| Error::from_json(&e))
            }

            /// Every RFC 8984 problem of the object, each with a JSON pointer;
            /// empty when it is valid. See [`crate::validate()`].
            pub fn validate(&self) -> Vec<Error> {
                match self.to_value() {
                    Ok(v) => validate_as(&v, $kind),
                    Err(e) => vec![e],
                }
            }

            /// A copy with `patch` applied (RFC 8984 §1.4.9). The patched JSON
            /// is read back, so a value of the wrong type (rule 4) is an
            /// [`ErrorKind::Model`] error.
            pub fn patched(&self, patch: &PatchObject) -> Result<$ty, Error> {
                let mut value = self.to_value()?;
                patch.apply_to(&mut value)?;
                $ty::from_value(value)
            }

            /// `title`, or the empty string.
            pub fn title_or_default(&self) -> &str {
                self.title.as_deref().unwrap_or("")
            }

            /// `description`, or the empty string.
            pub fn description_or_default(&self) -> &str {
                self.description.as_deref().unwrap_or("")
            }

            /// `descriptionContentType`, or `text/plain`.
            pub fn description_content_type_or_default(&self) -> &str {
                self.description_content_type
                    .as_deref()
                    .unwrap_or("text/plain")
            }
        }
    };
}

json_methods!(Event, ObjectType::Event);
json_methods!(Task, ObjectType::Task);
json_methods!(Group, ObjectType::Group);

/// Methods Event and Task share: defaults, recurrence overrides and
/// localizations.
macro_rules! calendar_methods {
    ($ty:ident) => {
        impl $ty {
            /// `sequence`, or 0.
            pub fn sequence_or_default(&self) -> UnsignedInt {
                self.sequence.unwrap_or_default()
            }

            /// `priority`, or 0 (undefined).
            pub fn priority_or_default(&self) -> Int {
                self.priority.unwrap_or_default()
            }

            /// `showWithoutTime`, or `false`.
            pub fn show_without_time_or_default(&self) -> bool {
                self.show_without_time.unwrap_or(false)
            }

            /// `freeBusyStatus`, or `busy`.
            pub fn free_busy_status_or_default(&self) -> FreeBusyStatus {
                self.free_busy_status.clone().unwrap_or_default()
            }

            /// `privacy`, or `public`.
            pub fn privacy_or_default(&self) -> Privacy {
                self.privacy.clone().unwrap_or_default()
            }

            /// `useDefaultAlerts`, or `false`.
            pub fn use_default_alerts_or_default(&self) -> bool {
                self.use_default_alerts.unwrap_or(false)
            }

            /// `excluded`, or `false`.
            pub fn excluded_or_default(&self) -> bool {
                self.excluded.unwrap_or(false)
            }

            /// The time zone: `None` for floating time (absent or `null`).
            pub fn time_zone_id(&self) -> Option<&TimeZoneId> {
                self.time_zone.as_ref().and_then(Option::as_ref)
            }

            /// `recurrenceRules`, or no rules.
            pub fn recurrence_rules_or_empty(&self) -> &[RecurrenceRule] {
                self.recurrence_rules.as_deref().unwrap_or(&[])
            }

            /// `excludedRecurrenceRules` (RFC 8984 §4.3.4), or no rules.
            pub fn excluded_recurrence_rules_or_empty(&self) -> &[RecurrenceRule] {
                self.excluded_recurrence_rules.as_deref().unwrap_or(&[])
            }

            /// True when the object has recurrence rules or overrides.
            pub fn is_recurring(&self) -> bool {
                !self.recurrence_rules_or_empty().is_empty()
                    || self
                        .recurrence_overrides
                        .as_ref()
                        .is_some_and(|o| !o.is_empty())
            }

            /// The patch of `recurrenceOverrides` for `recurrence_id`.
            pub fn recurrence_override(
                &self,
                recurrence_id: &LocalDateTime,
            ) -> Option<&PatchObject> {
                self.recurrence_overrides
                    .as_ref()
                    .and_then(|o| o.get(recurrence_id))
            }

            /// The recurrence ids whose override excludes the occurrence
            /// (`excluded: true`, RFC 8984 §4.3.5 — iCalendar's EXDATE).
            pub fn excluded_recurrence_ids(&self) -> impl Iterator<Item = &LocalDateTime> {
                self.recurrence_overrides
                    .iter()
                    .flat_map(|o| o.iter())
                    .filter(|(_, p)| p.is_exclusion())
                    .map(|(id, _)| id)
            }

            /// The recurrence ids whose override does not exclude the
            /// occurrence: changed occurrences and, when the id is not
            /// generated by the rules, extra ones (iCalendar's RDATE).
            pub fn overridden_recurrence_ids(&self) -> impl Iterator<Item = &LocalDateTime> {
                self.recurrence_overrides
                    .iter()
                    .flat_map(|o| o.iter())
                    .filter(|(_, p)| !p.is_exclusion())
                    .map(|(id, _)| id)
            }

            /// The language tags of `localizations`, in order.
            pub fn localization_tags(&self) -> impl Iterator<Item = &str> {
                self.localizations
                    .iter()
                    .flat_map(|l| l.keys())
                    .map(String::as_str)
            }

            /// The object localized into `language_tag` (RFC 8984 §4.6.1): the
            /// matching `localizations` patch (tags compare ignoring ASCII
            /// case, RFC 5646 §2.1.1) applied to the object, `locale` set to
            /// the tag. Patches whose last part is not `title`, `description`
            /// or `name` are ignored, as the RFC requires. `Ok(None)` when
            /// there is no patch for the tag; there is no fallback from
            /// `de-AT` to `de`.
            pub fn localized(&self, language_tag: &str) -> Result<Option<$ty>, Error> {
                let Some((tag, patch)) = self
                    .localizations
                    .iter()
                    .flat_map(|l| l.iter())
                    .find(|(tag, _)| tag.eq_ignore_ascii_case(language_tag))
                else {
                    return Ok(None);
                };
                let Value::Object(mut map) = self.to_value()? else {
                    return Err(not_an_object());
                };
                let at = crate::pointer::child("/localizations", tag);
                patch
                    .apply_where(&mut map, is_localization_patch_applied)
                    .map_err(|e| e.within(&at))?;
                map.insert("locale".to_owned(), Value::String(tag.clone()));
                $ty::from_value(Value::Object(map)).map(Some)
            }
        }
    };
}

calendar_methods!(Event);
calendar_methods!(Task);

fn not_an_object() -> Error {
    Error::new(
        ErrorKind::Model,
        "The object did not serialize to a JSON object.",
    )
}

/// Builds the JSON of one occurrence (RFC 8984 §4.3.5): the object without
/// its recurrence properties, `recurrenceId` and `recurrenceIdTimeZone` set,
/// and the override patch applied without its ignored prefixes.
fn occurrence_value(
    value: Value,
    recurrence_id: &LocalDateTime,
    patch: Option<&PatchObject>,
) -> Result<Value, Error> {
    let Value::Object(mut map) = value else {
        return Err(not_an_object());
    };
    let time_zone = map.get("timeZone").cloned().unwrap_or(Value::Null);
    for key in [
        "recurrenceRules",
        "excludedRecurrenceRules",
        "recurrenceOverrides",
    ] {
        map.shift_remove(key);
    }
    map.insert(
        "recurrenceId".to_owned(),
        Value::String(recurrence_id.to_string()),
    );
    map.insert("recurrenceIdTimeZone".to_owned(), time_zone);
    if let Some(patch) = patch {
        let at = crate::pointer::child("/recurrenceOverrides", &recurrence_id.to_string());
        patch
            .apply_where(&mut map, is_override_patch_applied)
            .map_err(|e| e.within(&at))?;
    }
    Ok(Value::Object(map))
}

impl Event {
    /// `duration`, or `PT0S`.
    pub fn duration_or_default(&self) -> Duration {
        self.duration.clone().unwrap_or_default()
    }

    /// `status`, or `confirmed`.
    pub fn status_or_default(&self) -> EventStatus {
        self.status.clone().unwrap_or_default()
    }

    /// The occurrence of this recurring Event at `recurrence_id` (RFC 8984
    /// §4.3.5): the Event with `start` set to `recurrence_id`,
    /// `recurrenceId` and `recurrenceIdTimeZone` (the Event's time zone, or
    /// `null`) set, the recurrence properties removed, and its override patch
    /// (if any) applied. Patches to the prefixes §4.3.5 lists are ignored;
    /// a patched `start` wins over the recurrence id. Whether the id is
    /// generated by the rules is not checked (that needs expansion). An
    /// excluded occurrence comes back with `excluded: true`.
    ///
    /// ```
    /// use kalends_jscalendar::{Event, LocalDateTime};
    /// let event = Event::from_json(r#"{"@type": "Event", "uid": "u", "updated": "2020-01-02T18:23:04Z",
    ///   "title": "Calculus I", "start": "2020-01-08T09:00:00", "timeZone": "Europe/London",
    ///   "recurrenceRules": [{"@type": "RecurrenceRule", "frequency": "weekly"}],
    ///   "recurrenceOverrides": {"2020-06-24T09:00:00": {"title": "Calculus I Exam",
    ///                                                   "start": "2020-06-24T10:00:00"}}}"#)?;
    /// let exam = event.occurrence(&"2020-06-24T09:00:00".parse()?)?;
    /// assert_eq!(exam.title.as_deref(), Some("Calculus I Exam"));
    /// assert_eq!(exam.start, Some("2020-06-24T10:00:00".parse::<LocalDateTime>()?));
    /// assert_eq!(exam.recurrence_id, Some("2020-06-24T09:00:00".parse()?));
    /// assert!(exam.recurrence_rules.is_none());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn occurrence(&self, recurrence_id: &LocalDateTime) -> Result<Event, Error> {
        let mut base = self.clone();
        base.start = Some(*recurrence_id);
        base.recurrence_overrides = None;
        let value = occurrence_value(
            base.to_value()?,
            recurrence_id,
            self.recurrence_override(recurrence_id),
        )?;
        Event::from_value(value)
    }
}

impl Task {
    /// `percentComplete` as a number, if set.
    pub fn percent_complete_value(&self) -> Option<u64> {
        self.percent_complete.map(UnsignedInt::get)
    }

    /// The occurrence of this recurring Task at `recurrence_id` (RFC 8984
    /// §4.3.5). A Task recurs by its `start` if set, else by its `due`
    /// (§4.3.3): that property is set to `recurrence_id`. When both are set,
    /// `due` moves by the same wall-clock amount as `start`, keeping the
    /// task's length (reading chosen: §4.3.5 names only "the start (or due)
    /// date-time"). Otherwise as [`Event::occurrence`].
    pub fn occurrence(&self, recurrence_id: &LocalDateTime) -> Result<Task, Error> {
        let mut base = self.clone();
        match (self.start, self.due) {
            (Some(start), due) => {
                base.start = Some(*recurrence_id);
                if let Some(due) = due {
                    let shift = start.seconds_until(recurrence_id);
                    base.due = Some(due.checked_add_seconds(shift).ok_or_else(|| {
                        Error::new(
                            ErrorKind::OutOfRange,
                            format!("Moving the due date-time `{due}` to the occurrence leaves years 0–9999."),
                        )
                    })?);
                }
            }
            (None, Some(_)) => base.due = Some(*recurrence_id),
            (None, None) => {}
        }
        base.recurrence_overrides = None;
        let value = occurrence_value(
            base.to_value()?,
            recurrence_id,
            self.recurrence_override(recurrence_id),
        )?;
        Task::from_value(value)
    }
}
