//! JSCalendar (RFC 8984) objects: a typed model with lossless, deterministic
//! serde, validation with JSON-pointer locations, and PatchObject
//! application.
//!
//! ```
//! use kalends_jscalendar::{Event, ErrorKind};
//!
//! let text = r#"{
//!   "@type": "Event",
//!   "uid": "a8df6573-0474-496d-8496-033ad45d7fea",
//!   "updated": "2020-01-02T18:23:04Z",
//!   "title": "Some event",
//!   "start": "2020-01-15T13:00:00",
//!   "timeZone": "America/New_York",
//!   "duration": "PT1H",
//!   "example.com:color-scheme": {"dark": true}
//! }"#;
//!
//! // Read: data types are checked (a bad date-time is an error with line and column).
//! let event = Event::from_json(text)?;
//! assert_eq!(event.duration_or_default().as_str(), "PT1H");
//! assert_eq!(event.status_or_default().as_str(), "confirmed"); // RFC 8984 default
//!
//! // Validate: every RFC 8984 problem, each with a JSON pointer.
//! assert!(event.validate().is_empty());
//!
//! // Write: the same JSON back, vendor property included, in a fixed key order.
//! let written = event.to_json()?;
//! let original: serde_json::Value = serde_json::from_str(text)?;
//! assert_eq!(serde_json::from_str::<serde_json::Value>(&written)?, original);
//! assert_eq!(Event::from_json(&written)?.to_json()?, written);
//!
//! // Invalid JSON is reported with all its problems.
//! let problems = kalends_jscalendar::validate(&serde_json::json!({
//!     "@type": "Event", "uid": "x", "updated": "2020-01-02T18:23:04.000Z"
//! }));
//! assert_eq!(problems.len(), 2);
//! assert_eq!(problems[0].pointer(), Some("/updated"));
//! assert_eq!(problems[0].kind(), ErrorKind::InvalidValue);
//! assert_eq!(problems[1].pointer(), Some("/start"));
//! assert_eq!(problems[1].kind(), ErrorKind::MissingProperty);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # The parts
//!
//! - **Objects** — [`Event`], [`Task`], [`Group`] (and [`Object`], any of
//!   them by `@type`) with every sub-object of RFC 8984: [`Location`],
//!   [`VirtualLocation`], [`Link`], [`Participant`], [`Alert`] with
//!   [`Trigger`] ([`OffsetTrigger`], [`AbsoluteTrigger`],
//!   [`UnknownTrigger`]), [`Relation`], [`RecurrenceRule`] (with `rscale`
//!   and `skip`), [`NDay`], [`TimeZone`], [`TimeZoneRule`].
//! - **Data types** of RFC 8984 §1.4 — [`Id`], [`Int`], [`UnsignedInt`],
//!   [`UtcDateTime`], [`LocalDateTime`], [`Duration`], [`SignedDuration`],
//!   [`TimeZoneId`], [`PatchObject`] — each checks its syntax when parsed or
//!   read. Enumerated values are in [`enums`]: open ones keep unknown values
//!   (`Other`), the closed ones ([`Frequency`], [`Skip`], [`Weekday`]) reject
//!   them.
//! - **Validation** — [`validate()`] / [`validate_as`] check JSON against RFC
//!   8984 and return every problem; see [`mod@validate`] for the list.
//! - **Patches** — [`PatchObject::apply_to`] (RFC 8984 §1.4.9, all or
//!   nothing); [`Event::occurrence`] / [`Task::occurrence`] build one
//!   occurrence from `recurrenceOverrides` (§4.3.5);
//!   [`Event::localized`] applies `localizations` (§4.6.1);
//!   [`Event::excluded_recurrence_ids`] and
//!   [`Event::excluded_recurrence_rules_or_empty`] give the exclusions.
//! - **Conversion** — [`mod@convert`]: iCalendar ⇄ JSCalendar following
//!   draft-ietf-calext-jscalendar-icalendar, in two profiles
//!   ([`Profile::Rfc8984`]: draft -11; [`Profile::Bis`]: draft -25,
//!   JSCalendar 2.0). [`ical_to_jscal`] (from a `kalends_ical_core`
//!   document), [`jscal_to_ical`] / [`jscal_to_ical_as`] (to one),
//!   [`jscal_text_to_ical`] (JSON text, the entry point for untrusted
//!   input), [`detect_profile`]. iCalendar → JSCalendar → iCalendar gives
//!   the same tree up to [`convert::NORMALISATIONS`].
//! - **Instances** — [`expand()`]: the occurrences of Events and Tasks in a
//!   window, through `kalends-rrule`, overrides applied (RFC 8984 §4.3).
//! - **Untyped JSON** — [`Json`] / [`JsonObject`]: the insertion-ordered
//!   JSON tree the conversion reads and writes, cheaper than
//!   `serde_json::Value` (strings may borrow, members keep their order
//!   without hashing).
//!
//! # Reading and writing: what is kept, what is normalised
//!
//! - Every property is kept. Unknown and vendor-specific properties
//!   (`example.com:foo`) land in each object's `extra` map and are written
//!   back in their input order after the known properties. An entry of a
//!   Group with an unknown `@type` and an [`UnknownTrigger`] are kept whole.
//! - Defaults are never written out and never dropped: an absent property
//!   stays absent, a property present with its default value (`"duration":
//!   "PT0S"`, `"status": "confirmed"`, `"interval": 1`, …) is written back.
//!   The `*_or_default` methods give the value RFC 8984 implies.
//! - `@type` is always written. An object read without it (RFC 8984 requires
//!   it everywhere except in a PatchObject) gains it: the one change reading
//!   and writing can make to valid-looking input. [`validate()`] on the JSON
//!   reports the missing `@type`.
//! - `null` for `timeZone` and `recurrenceIdTimeZone` (whose type is
//!   `TimeZoneId|null`) is kept; `null` for a property whose type is not
//!   nullable is read as absent.
//! - Output is deterministic: the same object gives the same bytes on every
//!   run and platform. Known properties come in a fixed order (the order of
//!   the struct fields), maps keep their insertion order; no hash map is
//!   iterated. Reading and writing again gives the same bytes.
//!
//! # Strictness of the typed model
//!
//! Reading into the typed model checks JSON types, the syntax of the data
//! types of §1.4, that set values are `true`, and the closed enumerations.
//! It does not check mandatory properties (`uid`, `updated`, an Event's
//! `start` and a Participant's `roles` are `Option`s so that incomplete
//! objects, such as those converted from iCalendar without DTSTAMP, can be
//! represented), ranges or rules between properties: [`validate()`] does.
//! Properties that mean nothing without a value are plain fields: a Link's
//! `href`, a VirtualLocation's `uri`, a RecurrenceRule's `frequency`, an
//! NDay's `day`, an Alert's `trigger`, a trigger's `offset` / `when`, a
//! TimeZone's `tzId`, a TimeZoneRule's `start`, `offsetFrom`, `offsetTo`.
//!
//! # Readings of RFC 8984
//!
//! - §4.3.5 "starts with one of the following prefixes" and §4.6.1 "end with
//!   one of the following suffixes" compare whole path parts (`uid` but not
//!   `uidx`; `title` but not `subtitle`).
//! - §4.3.2 "MUST be set" for `recurrenceIdTimeZone` counts an explicit
//!   `null` as set (the type is `TimeZoneId|null`; `null` is the floating
//!   case).
//! - A UTCDateTime or LocalDateTime has at most nine fraction digits; a
//!   second of 60 is accepted (RFC 3339 allows a leap second).
//! - Language tags in `localizations` match ignoring ASCII case (RFC 5646
//!   §2.1.1).
//!
//! # Errors
//!
//! One error type, [`Error`], with an [`ErrorKind`], a whole-sentence message
//! quoting the input and, where there is one, an [`ErrorLocation`]: a JSON pointer
//! or a line and column.
#![cfg_attr(docsrs, feature(doc_auto_cfg))]

pub mod convert;
pub mod enums;
pub mod error;
pub mod expand;
pub mod json;
pub mod map;
pub mod model;
pub mod object;
pub mod patch;
pub mod tags;
pub mod types;
pub mod validate;

pub use convert::{
    Profile, detect_profile, ical_to_jscal, ical_to_jscal_value, jscal_text_to_ical, jscal_to_ical,
    jscal_to_ical_as, jscal_value_to_ical,
};
pub use expand::{ExpandOptions, Occurrence, expand};
pub use json::{Json, JsonObject};

pub use enums::{
    AlertAction, EventStatus, FreeBusyStatus, Frequency, LinkDisplay, ParticipantKind,
    ParticipantRole, ParticipationStatus, Privacy, Progress, RelationType, RelativeTo, ReplyMethod,
    ScheduleAgent, Skip, VirtualLocationFeature, Weekday,
};
pub use error::{Error, ErrorKind, ErrorLocation};
pub use map::{IdMap, OrderedMap, OrderedSet};
pub use model::{
    AbsoluteTrigger, Alert, Link, Location, NDay, OffsetTrigger, Participant, RecurrenceRule,
    Relation, TimeZone, TimeZoneRule, Trigger, UnknownTrigger, VirtualLocation,
};
pub use object::{Entry, Event, Group, Object, Task};
pub use patch::{PatchObject, pointer};
pub use types::{
    Duration, DurationParts, Id, Int, LocalDateTime, MAX_SAFE_INTEGER, Sign, SignedDuration,
    TimeZoneId, UnsignedInt, UtcDateTime,
};
pub use validate::{ObjectType, validate, validate_as};
