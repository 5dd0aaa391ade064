//! Validation of JSON against RFC 8984.
//!
//! [`validate()`] (and [`validate_as`], and the `validate` methods of the typed
//! objects) walk a JSON value and return every problem found, each an
//! [`Error`] with a JSON pointer to the offending value and a message that is
//! a whole sentence quoting the input. An empty list means the value is a
//! valid JSCalendar object. The order is fixed: depth first, the properties
//! of an object in the order of RFC 8984's sections (common properties
//! before type-specific ones), then the rules that relate several
//! properties.
//!
//! What is checked:
//!
//! - the JSON type of every property RFC 8984 defines for the object, and the
//!   syntax of its data type (§1.4: Id, Int, UnsignedInt, UTCDateTime,
//!   LocalDateTime, Duration, SignedDuration, TimeZoneId), including Ids used
//!   as map keys;
//! - mandatory properties, including `@type` and its value (§3.1); the
//!   pointer of a missing property is where it would be (`/uid`);
//! - ranges: `priority` 0–9, `percentComplete` 0–100, `interval` ≥ 1,
//!   `byHour` 0–23, `byMinute` 0–59, `bySecond` 0–60, non-zero
//!   `nthOfPeriod` and by-lists, and for the Gregorian `rscale` `byMonthDay`
//!   ±1–31, `byYearDay` ±1–366, `byWeekNo` ±1–53 and `byMonth` 1–12 without
//!   `L`;
//! - sets whose values must be `true`, lists that must not be empty, maps
//!   that must be omitted rather than empty (`links` of a Location or
//!   Participant, `replyTo`, `sendTo`, `delegatedTo`, `delegatedFrom`,
//!   `memberOf`);
//! - rules across properties: `count` with `until`; `recurrenceId` with
//!   `recurrenceRules` or `recurrenceOverrides`; `recurrenceIdTimeZone`
//!   without `recurrenceId` (and the reverse); a recurring Task without
//!   `start` or `due`; `replyTo` when a participant has `sendTo`; `display`
//!   without `rel` `icon`; `progress` only with `participationStatus`
//!   `accepted` and only on a Task's participants; participant ids in
//!   `delegatedTo`, `delegatedFrom`, `memberOf` and `invitedBy`; a Location
//!   with nothing but `relativeTo`; a TimeZone without rules; at most one
//!   rule in a TimeZoneRule; custom time zone ids that start with `/`, are
//!   defined (in the object or its Group) and are referenced (no orphans);
//! - PatchObjects (§1.4.9) in `recurrenceOverrides` and `localizations`:
//!   pointer syntax, prefix conflicts, pointers into arrays and missing
//!   parents (against the object the patch applies to), and the value of
//!   each patch checked as the property it sets (rule 4), `null` only for
//!   optional properties; an excluding override that patches more;
//!   localization patches under `recurrenceOverrides`. Patches RFC 8984
//!   says to ignore (§4.3.5 prefixes, §4.6.1 suffixes) are not checked
//!   beyond their syntax.
//! - light syntax checks of strings with a defined format: URIs have a
//!   scheme, `coordinates` is a `geo:` URI, emails have an `@`, media types
//!   are `type/subtype` (`descriptionContentType` a `text/` type with
//!   `charset=utf-8` if any), language tags, `method` and `rscale` in lower
//!   case, UTC offsets of TimeZoneRules, status codes.
//!
//! Not checked: whether an IANA time zone name exists, enumerated values
//! that RFC 8984 leaves open (a registered or vendor-specific value is
//! valid), CSS colors, and properties this crate does not know (unknown
//! properties are valid, RFC 8984 §3.3).

use std::collections::HashSet;
use std::fmt;

use serde_json::{Map, Value};

use crate::error::{Error, ErrorKind, quote, quote_json};
use crate::patch::pointer::{child, parse_path};
use crate::patch::{check_patch, is_localization_patch_applied, is_override_patch_applied};
use crate::types::{
    Duration, Id, LocalDateTime, MAX_SAFE_INTEGER, SignedDuration, UtcDateTime, check_id,
    check_time_zone_id, is_safe_char,
};

/// The type of a top-level JSCalendar object (RFC 8984 §2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ObjectType {
    /// `Event` (§2.1).
    Event,
    /// `Task` (§2.2).
    Task,
    /// `Group` (§2.3).
    Group,
}

impl ObjectType {
    /// The `@type` value.
    pub fn as_str(self) -> &'static str {
        match self {
            ObjectType::Event => "Event",
            ObjectType::Task => "Task",
            ObjectType::Group => "Group",
        }
    }

    fn kind(self) -> Kind {
        match self {
            ObjectType::Event => Kind::Event,
            ObjectType::Task => Kind::Task,
            ObjectType::Group => Kind::Group,
        }
    }
}

impl fmt::Display for ObjectType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Validates a JSCalendar object whose type is given by its `@type`.
///
/// Returns every problem (see the module docs for the order); empty when the
/// object is valid.
/// A value that is not an object, or has no or an unknown `@type`, gives one
/// problem.
///
/// ```
/// use kalends_jscalendar::{validate, ErrorKind};
/// use serde_json::json;
///
/// let problems = validate(&json!({
///     "@type": "Event",
///     "uid": "a8df6573-0474-496d-8496-033ad45d7fea",
///     "start": "2020-01-15T13:00:00",
///     "duration": "PT1H0S",
///     "locations": {"a b": {"@type": "Location", "name": "Room"}}
/// }));
/// let found: Vec<_> = problems.iter().map(|p| (p.kind(), p.pointer().unwrap_or(""))).collect();
/// assert_eq!(found, [
///     (ErrorKind::MissingProperty, "/updated"),
///     (ErrorKind::InvalidValue, "/locations/a b"),
///     (ErrorKind::InvalidValue, "/duration"),
/// ]);
/// ```
pub fn validate(value: &Value) -> Vec<Error> {
    let kind = match value.get("@type") {
        Some(Value::String(s)) if s == "Event" => ObjectType::Event,
        Some(Value::String(s)) if s == "Task" => ObjectType::Task,
        Some(Value::String(s)) if s == "Group" => ObjectType::Group,
        Some(Value::String(s)) => {
            return vec![Error::at(
                ErrorKind::InvalidValue,
                format!(
                    "The `@type` `{}` is not a JSCalendar object type; expected `Event`, `Task` or `Group` \
                     (RFC 8984 §2).",
                    quote(s)
                ),
                "/@type",
            )];
        }
        Some(other) => {
            return vec![Error::at(
                ErrorKind::WrongType,
                format!("`@type` must be a string, not {}.", describe(other)),
                "/@type",
            )];
        }
        None if value.is_object() => {
            return vec![Error::at(
                ErrorKind::MissingProperty,
                "The object has no `@type`, which RFC 8984 §3.1 makes mandatory; use `validate_as` to check it as \
                 a given type.",
                "/@type",
            )];
        }
        None => {
            return vec![Error::at(
                ErrorKind::WrongType,
                format!(
                    "A JSCalendar object is a JSON object, not {}.",
                    describe(value)
                ),
                "",
            )];
        }
    };
    validate_as(value, kind)
}

/// Validates `value` as a JSCalendar object of type `kind`, whatever its
/// `@type` says (a missing or different `@type` is one of the problems).
pub fn validate_as(value: &Value, kind: ObjectType) -> Vec<Error> {
    let mut v = Validator::default();
    v.object(value, kind.kind(), "");
    v.problems
}

// ---------------------------------------------------------------------------
// Schema

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Event,
    Task,
    Group,
    Location,
    VirtualLocation,
    Link,
    Participant { of_task: bool },
    Alert,
    OffsetTrigger,
    AbsoluteTrigger,
    Relation,
    RecurrenceRule,
    NDay,
    TimeZone,
    TimeZoneRule,
}

impl Kind {
    fn type_name(self) -> &'static str {
        match self {
            Kind::Event => "Event",
            Kind::Task => "Task",
            Kind::Group => "Group",
            Kind::Location => "Location",
            Kind::VirtualLocation => "VirtualLocation",
            Kind::Link => "Link",
            Kind::Participant { .. } => "Participant",
            Kind::Alert => "Alert",
            Kind::OffsetTrigger => "OffsetTrigger",
            Kind::AbsoluteTrigger => "AbsoluteTrigger",
            Kind::Relation => "Relation",
            Kind::RecurrenceRule => "RecurrenceRule",
            Kind::NDay => "NDay",
            Kind::TimeZone => "TimeZone",
            Kind::TimeZoneRule => "TimeZoneRule",
        }
    }

    fn section(self) -> &'static str {
        match self {
            Kind::Event => "§2.1, §4, §5.1",
            Kind::Task => "§2.2, §4, §5.2",
            Kind::Group => "§2.3, §5.3",
            Kind::Location => "§4.2.5",
            Kind::VirtualLocation => "§4.2.6",
            Kind::Link => "§1.4.11",
            Kind::Participant { .. } => "§4.4.6",
            Kind::Alert | Kind::OffsetTrigger | Kind::AbsoluteTrigger => "§4.5.2",
            Kind::Relation => "§1.4.10",
            Kind::RecurrenceRule | Kind::NDay => "§4.3.3",
            Kind::TimeZone | Kind::TimeZoneRule => "§4.7.2",
        }
    }

    fn article(self) -> &'static str {
        match self {
            Kind::Event
            | Kind::Alert
            | Kind::OffsetTrigger
            | Kind::AbsoluteTrigger
            | Kind::NDay => "an",
            _ => "a",
        }
    }
}

/// The type of a property value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ty {
    Str,
    Bool,
    /// The literal `true` (a set member).
    True,
    UInt,
    UIntMax(u64),
    Int,
    IntRange(i64, i64),
    Utc,
    Local,
    Duration,
    SignedDuration,
    TzIdOrNull,
    Id,
    LangTag,
    Uri,
    GeoUri,
    Email,
    MediaType,
    TextMediaType,
    LowerStr,
    UtcOffset,
    ReqStatus,
    Closed(&'static [&'static str]),
    Obj(Kind),
    IdMap(Kind),
    /// `Id[Link]` that must be omitted rather than empty.
    Links,
    TzMap,
    Array(Kind),
    StrArray,
    StatusCodes,
    StrSet,
    /// `Id[Boolean]` of participant ids, omitted rather than empty.
    ParticipantIdSet,
    /// `String[String]` of methods to URIs, omitted rather than empty.
    MethodMap,
    RelationMap,
    Overrides,
    TzRuleOverrides,
    Localizations,
    Trigger,
    Entries,
    NonZeroInts,
    UIntList(u64),
    ByMonth,
}

#[derive(Debug, Clone, Copy)]
struct Prop {
    name: &'static str,
    ty: Ty,
    mandatory: bool,
}

const fn opt(name: &'static str, ty: Ty) -> Prop {
    Prop {
        name,
        ty,
        mandatory: false,
    }
}

const fn req(name: &'static str, ty: Ty) -> Prop {
    Prop {
        name,
        ty,
        mandatory: true,
    }
}

const FREQUENCIES: &[&str] = &[
    "yearly", "monthly", "weekly", "daily", "hourly", "minutely", "secondly",
];
const SKIPS: &[&str] = &["omit", "backward", "forward"];
const DAYS: &[&str] = &["mo", "tu", "we", "th", "fr", "sa", "su"];
const TRIGGER_RELATIVE: &[&str] = &["start", "end"];

/// Properties of Event and Task (RFC 8984 §4), except `participants`.
const COMMON: &[Prop] = &[
    req("uid", Ty::Str),
    opt("relatedTo", Ty::RelationMap),
    opt("prodId", Ty::Str),
    opt("created", Ty::Utc),
    req("updated", Ty::Utc),
    opt("sequence", Ty::UInt),
    opt("method", Ty::LowerStr),
    opt("title", Ty::Str),
    opt("description", Ty::Str),
    opt("descriptionContentType", Ty::TextMediaType),
    opt("showWithoutTime", Ty::Bool),
    opt("locations", Ty::IdMap(Kind::Location)),
    opt("virtualLocations", Ty::IdMap(Kind::VirtualLocation)),
    opt("links", Ty::IdMap(Kind::Link)),
    opt("locale", Ty::LangTag),
    opt("keywords", Ty::StrSet),
    opt("categories", Ty::StrSet),
    opt("color", Ty::Str),
    opt("recurrenceId", Ty::Local),
    opt("recurrenceIdTimeZone", Ty::TzIdOrNull),
    opt("recurrenceRules", Ty::Array(Kind::RecurrenceRule)),
    opt("excludedRecurrenceRules", Ty::Array(Kind::RecurrenceRule)),
    opt("recurrenceOverrides", Ty::Overrides),
    opt("excluded", Ty::Bool),
    opt("priority", Ty::IntRange(0, 9)),
    opt("freeBusyStatus", Ty::Str),
    opt("privacy", Ty::Str),
    opt("replyTo", Ty::MethodMap),
    opt("sentBy", Ty::Email),
    opt("requestStatus", Ty::ReqStatus),
    opt("useDefaultAlerts", Ty::Bool),
    opt("alerts", Ty::IdMap(Kind::Alert)),
    opt("localizations", Ty::Localizations),
    opt("timeZone", Ty::TzIdOrNull),
    opt("timeZones", Ty::TzMap),
];

const EVENT: &[Prop] = &[
    req("start", Ty::Local),
    opt("duration", Ty::Duration),
    opt("status", Ty::Str),
    opt(
        "participants",
        Ty::IdMap(Kind::Participant { of_task: false }),
    ),
];

const TASK: &[Prop] = &[
    opt("due", Ty::Local),
    opt("start", Ty::Local),
    opt("estimatedDuration", Ty::Duration),
    opt("percentComplete", Ty::UIntMax(100)),
    opt("progress", Ty::Str),
    opt("progressUpdated", Ty::Utc),
    opt(
        "participants",
        Ty::IdMap(Kind::Participant { of_task: true }),
    ),
];

const GROUP: &[Prop] = &[
    req("uid", Ty::Str),
    opt("prodId", Ty::Str),
    opt("created", Ty::Utc),
    req("updated", Ty::Utc),
    opt("title", Ty::Str),
    opt("description", Ty::Str),
    opt("descriptionContentType", Ty::TextMediaType),
    opt("links", Ty::IdMap(Kind::Link)),
    opt("locale", Ty::LangTag),
    opt("keywords", Ty::StrSet),
    opt("categories", Ty::StrSet),
    opt("color", Ty::Str),
    opt("timeZones", Ty::TzMap),
    req("entries", Ty::Entries),
    opt("source", Ty::Uri),
];

const LOCATION: &[Prop] = &[
    opt("name", Ty::Str),
    opt("description", Ty::Str),
    opt("locationTypes", Ty::StrSet),
    opt("relativeTo", Ty::Str),
    opt("timeZone", Ty::TzIdOrNull),
    opt("coordinates", Ty::GeoUri),
    opt("links", Ty::Links),
];

const VIRTUAL_LOCATION: &[Prop] = &[
    opt("name", Ty::Str),
    opt("description", Ty::Str),
    req("uri", Ty::Uri),
    opt("features", Ty::StrSet),
];

const LINK: &[Prop] = &[
    req("href", Ty::Uri),
    opt("cid", Ty::Str),
    opt("contentType", Ty::MediaType),
    opt("size", Ty::UInt),
    opt("rel", Ty::Str),
    opt("display", Ty::Str),
    opt("title", Ty::Str),
];

const PARTICIPANT: &[Prop] = &[
    opt("name", Ty::Str),
    opt("email", Ty::Email),
    opt("description", Ty::Str),
    opt("sendTo", Ty::MethodMap),
    opt("kind", Ty::Str),
    req("roles", Ty::StrSet),
    opt("locationId", Ty::Id),
    opt("language", Ty::LangTag),
    opt("participationStatus", Ty::Str),
    opt("participationComment", Ty::Str),
    opt("expectReply", Ty::Bool),
    opt("scheduleAgent", Ty::Str),
    opt("scheduleForceSend", Ty::Bool),
    opt("scheduleSequence", Ty::UInt),
    opt("scheduleStatus", Ty::StatusCodes),
    opt("scheduleUpdated", Ty::Utc),
    opt("sentBy", Ty::Email),
    opt("invitedBy", Ty::Id),
    opt("delegatedTo", Ty::ParticipantIdSet),
    opt("delegatedFrom", Ty::ParticipantIdSet),
    opt("memberOf", Ty::ParticipantIdSet),
    opt("links", Ty::Links),
    opt("progress", Ty::Str),
    opt("progressUpdated", Ty::Utc),
    opt("percentComplete", Ty::UIntMax(100)),
];

const ALERT: &[Prop] = &[
    req("trigger", Ty::Trigger),
    opt("acknowledged", Ty::Utc),
    opt("relatedTo", Ty::RelationMap),
    opt("action", Ty::Str),
];

const OFFSET_TRIGGER: &[Prop] = &[
    req("offset", Ty::SignedDuration),
    opt("relativeTo", Ty::Closed(TRIGGER_RELATIVE)),
];

const ABSOLUTE_TRIGGER: &[Prop] = &[req("when", Ty::Utc)];

const RELATION: &[Prop] = &[opt("relation", Ty::StrSet)];

const RECURRENCE_RULE: &[Prop] = &[
    req("frequency", Ty::Closed(FREQUENCIES)),
    opt("interval", Ty::UInt),
    opt("rscale", Ty::LowerStr),
    opt("skip", Ty::Closed(SKIPS)),
    opt("firstDayOfWeek", Ty::Closed(DAYS)),
    opt("byDay", Ty::Array(Kind::NDay)),
    opt("byMonthDay", Ty::NonZeroInts),
    opt("byMonth", Ty::ByMonth),
    opt("byYearDay", Ty::NonZeroInts),
    opt("byWeekNo", Ty::NonZeroInts),
    opt("byHour", Ty::UIntList(23)),
    opt("byMinute", Ty::UIntList(59)),
    opt("bySecond", Ty::UIntList(60)),
    opt("bySetPosition", Ty::NonZeroInts),
    opt("count", Ty::UInt),
    opt("until", Ty::Local),
];

const NDAY: &[Prop] = &[req("day", Ty::Closed(DAYS)), opt("nthOfPeriod", Ty::Int)];

const TIME_ZONE: &[Prop] = &[
    req("tzId", Ty::Str),
    opt("updated", Ty::Utc),
    opt("url", Ty::Uri),
    opt("validUntil", Ty::Utc),
    opt("aliases", Ty::StrSet),
    opt("standard", Ty::Array(Kind::TimeZoneRule)),
    opt("daylight", Ty::Array(Kind::TimeZoneRule)),
];

const TIME_ZONE_RULE: &[Prop] = &[
    req("start", Ty::Local),
    req("offsetFrom", Ty::UtcOffset),
    req("offsetTo", Ty::UtcOffset),
    opt("recurrenceRules", Ty::Array(Kind::RecurrenceRule)),
    opt("recurrenceOverrides", Ty::TzRuleOverrides),
    opt("names", Ty::StrSet),
    opt("comments", Ty::StrArray),
];

/// The property tables of `kind`, searched in order.
fn tables(kind: Kind) -> [&'static [Prop]; 2] {
    match kind {
        Kind::Event => [COMMON, EVENT],
        Kind::Task => [COMMON, TASK],
        Kind::Group => [GROUP, &[]],
        Kind::Location => [LOCATION, &[]],
        Kind::VirtualLocation => [VIRTUAL_LOCATION, &[]],
        Kind::Link => [LINK, &[]],
        Kind::Participant { .. } => [PARTICIPANT, &[]],
        Kind::Alert => [ALERT, &[]],
        Kind::OffsetTrigger => [OFFSET_TRIGGER, &[]],
        Kind::AbsoluteTrigger => [ABSOLUTE_TRIGGER, &[]],
        Kind::Relation => [RELATION, &[]],
        Kind::RecurrenceRule => [RECURRENCE_RULE, &[]],
        Kind::NDay => [NDAY, &[]],
        Kind::TimeZone => [TIME_ZONE, &[]],
        Kind::TimeZoneRule => [TIME_ZONE_RULE, &[]],
    }
}

fn lookup(kind: Kind, name: &str) -> Option<Prop> {
    tables(kind)
        .into_iter()
        .flatten()
        .find(|p| p.name == name)
        .copied()
}

// ---------------------------------------------------------------------------
// Helpers

/// Describes a JSON value for a message: "the number `5`", "null", …
fn describe(v: &Value) -> String {
    match v {
        Value::Null => "null".to_owned(),
        Value::Bool(b) => format!("the boolean `{b}`"),
        Value::Number(n) => format!("the number `{n}`"),
        Value::String(s) => format!("the string \"{}\"", quote(s)),
        Value::Array(_) => format!("the array `{}`", quote_json(v)),
        Value::Object(_) => format!("the object `{}`", quote_json(v)),
    }
}

/// The last part of a pointer, for messages ("`duration`").
fn name_of(ptr: &str) -> String {
    let last = ptr.rsplit('/').next().unwrap_or("");
    last.replace("~1", "/").replace("~0", "~")
}

fn is_lang_tag(s: &str) -> bool {
    let mut parts = s.split('-');
    let first_ok = parts
        .next()
        .is_some_and(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphabetic()));
    first_ok
        && parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

fn uri_scheme(s: &str) -> Option<&str> {
    let (scheme, _) = s.split_once(':')?;
    let mut chars = scheme.chars();
    let ok = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    ok.then_some(scheme)
}

fn is_token(s: &str) -> bool {
    !s.is_empty()
        && s.chars().all(|c| {
            c.is_ascii_graphic()
                && !matches!(
                    c,
                    '(' | ')'
                        | '<'
                        | '>'
                        | '@'
                        | ','
                        | ';'
                        | ':'
                        | '\\'
                        | '"'
                        | '/'
                        | '['
                        | ']'
                        | '?'
                        | '='
                )
        })
}

/// `type/subtype *(; param)`; returns the type on success.
fn media_type(s: &str) -> Option<&str> {
    let essence = s.split(';').next()?.trim();
    let (ty, sub) = essence.split_once('/')?;
    (is_token(ty) && is_token(sub)).then_some(ty)
}

fn is_utc_offset(s: &str) -> bool {
    let b = s.as_bytes();
    let sign_ok = matches!(b.first(), Some(b'+' | b'-'));
    let digits = s.get(1..).unwrap_or("");
    if !sign_ok
        || !(digits.len() == 4 || digits.len() == 6)
        || !digits.bytes().all(|c| c.is_ascii_digit())
    {
        return false;
    }
    let field = |i: usize| {
        digits
            .get(i..i + 2)
            .and_then(|d| d.parse::<u8>().ok())
            .unwrap_or(99)
    };
    let in_range = field(0) <= 23 && field(2) <= 59 && (digits.len() == 4 || field(4) <= 59);
    let negative_zero = b.first() == Some(&b'-') && digits.bytes().all(|c| c == b'0');
    in_range && !negative_zero
}

/// `statcode = 1DIGIT 1*2("." 1*3DIGIT)` (RFC 5545 §3.8.8.3).
fn is_statcode(s: &str) -> bool {
    let mut parts = s.split('.');
    let first_ok = parts
        .next()
        .is_some_and(|p| p.len() == 1 && p.bytes().all(|c| c.is_ascii_digit()));
    let rest: Vec<&str> = parts.collect();
    first_ok
        && (1..=2).contains(&rest.len())
        && rest
            .iter()
            .all(|p| (1..=3).contains(&p.len()) && p.bytes().all(|c| c.is_ascii_digit()))
}

fn is_gregorian(rule: &Map<String, Value>) -> bool {
    match rule.get("rscale") {
        None => true,
        Some(Value::String(s)) => s == "gregorian" || s == "gregory",
        Some(_) => false,
    }
}

// ---------------------------------------------------------------------------
// The validator

#[derive(Clone, Copy, PartialEq, Eq)]
enum PatchContext {
    Override,
    Localization,
}

#[derive(Default)]
struct Validator<'a> {
    problems: Vec<Error>,
    /// Custom time zone ids defined by the enclosing objects.
    tz_scopes: Vec<HashSet<&'a str>>,
    /// Time zone ids referenced so far.
    tz_refs: Vec<String>,
    /// Participant ids of the Event or Task being checked.
    participant_ids: HashSet<String>,
    /// The Event or Task patches apply to; `None` inside patch values.
    base: Option<&'a Map<String, Value>>,
    /// The kind of `base`.
    base_kind: Option<Kind>,
}

impl<'a> Validator<'a> {
    fn push(&mut self, kind: ErrorKind, ptr: &str, message: String) {
        self.problems.push(Error::at(kind, message, ptr));
    }

    fn wrong_type(&mut self, ptr: &str, expected: &str, found: &Value) {
        let message = if ptr.is_empty() {
            format!("The value must be {expected}, not {}.", describe(found))
        } else {
            format!(
                "`{}` must be {expected}, not {}.",
                name_of(ptr),
                describe(found)
            )
        };
        self.push(ErrorKind::WrongType, ptr, message);
    }

    fn string(&mut self, v: &'a Value, ptr: &str, expected: &str) -> Option<&'a str> {
        match v {
            Value::String(s) => Some(s),
            other => {
                self.wrong_type(ptr, expected, other);
                None
            }
        }
    }

    fn parsed<T: std::str::FromStr<Err = Error>>(
        &mut self,
        v: &'a Value,
        ptr: &str,
        expected: &str,
    ) -> Option<T> {
        let s = self.string(v, ptr, expected)?;
        match s.parse::<T>() {
            Ok(t) => Some(t),
            Err(e) => {
                self.problems.push(e.within(ptr));
                None
            }
        }
    }

    fn unsigned(&mut self, v: &Value, ptr: &str) -> Option<u64> {
        const EXPECTED: &str = "an UnsignedInt (a JSON integer from 0 to 2⁵³-1, RFC 8984 §1.4.3)";
        let Value::Number(n) = v else {
            self.wrong_type(ptr, EXPECTED, v);
            return None;
        };
        if let Some(u) = n.as_u64() {
            if u > MAX_SAFE_INTEGER.unsigned_abs() {
                self.push(
                    ErrorKind::OutOfRange,
                    ptr,
                    format!(
                        "`{}` is `{u}`, above 2⁵³-1, the largest UnsignedInt (RFC 8984 §1.4.3).",
                        name_of(ptr)
                    ),
                );
                return None;
            }
            return Some(u);
        }
        if n.is_i64() {
            self.push(
                ErrorKind::OutOfRange,
                ptr,
                format!(
                    "`{}` is `{n}`, but an UnsignedInt is not negative (RFC 8984 §1.4.3).",
                    name_of(ptr)
                ),
            );
        } else {
            self.wrong_type(ptr, EXPECTED, v);
        }
        None
    }

    fn int(&mut self, v: &Value, ptr: &str) -> Option<i64> {
        const EXPECTED: &str = "an Int (a JSON integer from -2⁵³+1 to 2⁵³-1, RFC 8984 §1.4.2)";
        let Value::Number(n) = v else {
            self.wrong_type(ptr, EXPECTED, v);
            return None;
        };
        match n.as_i64() {
            Some(i) if (-MAX_SAFE_INTEGER..=MAX_SAFE_INTEGER).contains(&i) => Some(i),
            Some(_) => {
                self.out_of_int_range(ptr, n);
                None
            }
            None if n.is_u64() => {
                self.out_of_int_range(ptr, n);
                None
            }
            None => {
                self.wrong_type(ptr, EXPECTED, v);
                None
            }
        }
    }

    fn out_of_int_range(&mut self, ptr: &str, n: &serde_json::Number) {
        self.push(
            ErrorKind::OutOfRange,
            ptr,
            format!(
                "`{}` is `{n}`, outside -2⁵³+1 to 2⁵³-1 (RFC 8984 §1.4.2).",
                name_of(ptr)
            ),
        );
    }

    fn time_zone_ref(&mut self, v: &'a Value, ptr: &str) {
        let Some(s) = self.string(v, ptr, "a TimeZoneId string (RFC 8984 §1.4.8)") else {
            return;
        };
        if let Err(e) = check_time_zone_id(s) {
            self.problems.push(e.within(ptr));
            return;
        }
        self.tz_refs.push(s.to_owned());
        if s.starts_with('/') && !self.tz_scopes.iter().any(|scope| scope.contains(s)) {
            self.push(
                ErrorKind::Invalid,
                ptr,
                format!(
                    "The custom time zone `{}` is not defined in the `timeZones` of the object or its Group \
                     (RFC 8984 §1.4.8, §4.7.2).",
                    quote(s)
                ),
            );
        }
    }

    fn non_empty(&mut self, len: usize, ptr: &str, what: &str) {
        if len == 0 {
            self.push(
                ErrorKind::Invalid,
                ptr,
                format!(
                    "`{}` must {what} (RFC 8984), but it is empty.",
                    name_of(ptr)
                ),
            );
        }
    }

    fn set(&mut self, v: &'a Value, ptr: &str) -> Option<&'a Map<String, Value>> {
        let Value::Object(m) = v else {
            self.wrong_type(ptr, "a set (a JSON object whose values are `true`)", v);
            return None;
        };
        for (k, member) in m {
            self.value(member, Ty::True, &child(ptr, k));
        }
        Some(m)
    }

    /// Checks `v` as a value of type `ty` at `ptr`.
    fn value(&mut self, v: &'a Value, ty: Ty, ptr: &str) {
        match ty {
            Ty::Str => {
                self.string(v, ptr, "a string");
            }
            Ty::Bool => {
                if !v.is_boolean() {
                    self.wrong_type(ptr, "a boolean", v);
                }
            }
            Ty::True => {
                if v != &Value::Bool(true) {
                    let message = format!(
                        "The set member `{}` must have the value `true` (RFC 8984 §1.3), not {}.",
                        name_of(ptr),
                        describe(v)
                    );
                    let kind = if v.is_boolean() {
                        ErrorKind::InvalidValue
                    } else {
                        ErrorKind::WrongType
                    };
                    self.push(kind, ptr, message);
                }
            }
            Ty::UInt => {
                self.unsigned(v, ptr);
            }
            Ty::UIntMax(max) => {
                if let Some(u) = self.unsigned(v, ptr)
                    && u > max
                {
                    self.push(
                        ErrorKind::OutOfRange,
                        ptr,
                        format!(
                            "`{}` is `{u}`, but it must be at most {max} (RFC 8984).",
                            name_of(ptr)
                        ),
                    );
                }
            }
            Ty::Int => {
                self.int(v, ptr);
            }
            Ty::IntRange(min, max) => {
                if let Some(i) = self.int(v, ptr)
                    && !(min..=max).contains(&i)
                {
                    self.push(
                        ErrorKind::OutOfRange,
                        ptr,
                        format!(
                            "`{}` is `{i}`, but it must be from {min} to {max} (RFC 8984).",
                            name_of(ptr)
                        ),
                    );
                }
            }
            Ty::Utc => {
                self.parsed::<UtcDateTime>(v, ptr, "a UTCDateTime string (RFC 8984 §1.4.4)");
            }
            Ty::Local => {
                self.parsed::<LocalDateTime>(v, ptr, "a LocalDateTime string (RFC 8984 §1.4.5)");
            }
            Ty::Duration => {
                self.parsed::<Duration>(v, ptr, "a Duration string (RFC 8984 §1.4.6)");
            }
            Ty::SignedDuration => {
                self.parsed::<SignedDuration>(v, ptr, "a SignedDuration string (RFC 8984 §1.4.7)");
            }
            Ty::TzIdOrNull => {
                if !v.is_null() {
                    self.time_zone_ref(v, ptr);
                }
            }
            Ty::Id => {
                self.parsed::<Id>(v, ptr, "an Id string (RFC 8984 §1.4.1)");
            }
            Ty::LangTag => {
                if let Some(s) = self.string(v, ptr, "a language tag string (RFC 5646)")
                    && !is_lang_tag(s)
                {
                    self.push(
                        ErrorKind::InvalidValue,
                        ptr,
                        format!(
                            "`{}` is not a language tag (RFC 5646), such as `en` or `de-AT`.",
                            quote(s)
                        ),
                    );
                }
            }
            Ty::Uri => {
                if let Some(s) = self.string(v, ptr, "a URI string (RFC 3986)") {
                    self.uri(s, ptr);
                }
            }
            Ty::GeoUri => {
                if let Some(s) = self.string(v, ptr, "a geo: URI string (RFC 5870)")
                    && !uri_scheme(s).is_some_and(|sc| sc.eq_ignore_ascii_case("geo"))
                {
                    self.push(
                        ErrorKind::InvalidValue,
                        ptr,
                        format!(
                            "`{}` is not a `geo:` URI (RFC 8984 §4.2.5, RFC 5870).",
                            quote(s)
                        ),
                    );
                }
            }
            Ty::Email => {
                if let Some(s) = self.string(v, ptr, "an email address string (RFC 5322 addr-spec)")
                {
                    let ok = s.rsplit_once('@').is_some_and(|(local, domain)| {
                        !local.is_empty()
                            && !domain.is_empty()
                            && !domain.contains(char::is_whitespace)
                    });
                    if !ok {
                        self.push(
                            ErrorKind::InvalidValue,
                            ptr,
                            format!(
                                "`{}` is not an email address (RFC 5322 §3.4.1 addr-spec).",
                                quote(s)
                            ),
                        );
                    }
                }
            }
            Ty::MediaType => {
                if let Some(s) = self.string(v, ptr, "a media type string (RFC 6838)")
                    && media_type(s).is_none()
                {
                    self.bad_media_type(s, ptr);
                }
            }
            Ty::TextMediaType => {
                if let Some(s) = self.string(v, ptr, "a media type string (RFC 6838)") {
                    self.text_media_type(s, ptr);
                }
            }
            Ty::LowerStr => {
                if let Some(s) = self.string(v, ptr, "a lower-case string")
                    && s.chars().any(char::is_uppercase)
                {
                    self.push(
                        ErrorKind::InvalidValue,
                        ptr,
                        format!(
                            "`{}` is `{}`, but RFC 8984 wants it in lower case.",
                            name_of(ptr),
                            quote(s)
                        ),
                    );
                }
            }
            Ty::UtcOffset => {
                if let Some(s) = self.string(v, ptr, "a UTC offset string such as `-0500`")
                    && !is_utc_offset(s)
                {
                    self.push(
                        ErrorKind::InvalidValue,
                        ptr,
                        format!(
                            "`{}` is not a UTC offset of RFC 5545 §3.3.14 (`+hhmm` or `-hhmm[ss]`, not `-0000`).",
                            quote(s)
                        ),
                    );
                }
            }
            Ty::ReqStatus => {
                if let Some(s) = self.string(v, ptr, "a request status string")
                    && !s.split_once(';').is_some_and(|(code, _)| is_statcode(code))
                {
                    self.push(
                        ErrorKind::InvalidValue,
                        ptr,
                        format!(
                            "`{}` is not a request status `statcode;statdesc[;extdata]` (RFC 8984 §4.4.7).",
                            quote(s)
                        ),
                    );
                }
            }
            Ty::Closed(values) => {
                if let Some(s) = self.string(v, ptr, "a string")
                    && !values.contains(&s)
                {
                    let list: Vec<String> = values.iter().map(|x| format!("`{x}`")).collect();
                    self.push(
                        ErrorKind::InvalidValue,
                        ptr,
                        format!(
                            "`{}` is `{}`, but RFC 8984 allows only {}.",
                            name_of(ptr),
                            quote(s),
                            list.join(", ")
                        ),
                    );
                }
            }
            Ty::Obj(kind) => self.object(v, kind, ptr),
            Ty::IdMap(kind) => self.id_map(v, kind, ptr),
            Ty::Links => {
                if let Some(m) = v.as_object() {
                    self.non_empty(m.len(), ptr, "be omitted rather than empty");
                }
                self.id_map(v, Kind::Link, ptr);
            }
            Ty::TzMap => self.time_zones(v, ptr),
            Ty::Array(kind) => {
                if let Value::Array(items) = v {
                    for (i, item) in items.iter().enumerate() {
                        self.object(item, kind, &child(ptr, &i.to_string()));
                    }
                } else {
                    self.wrong_type(ptr, &format!("an array of {} objects", kind.type_name()), v);
                }
            }
            Ty::StrArray | Ty::StatusCodes => {
                let Value::Array(items) = v else {
                    self.wrong_type(ptr, "an array of strings", v);
                    return;
                };
                for (i, item) in items.iter().enumerate() {
                    let at = child(ptr, &i.to_string());
                    if let Some(s) = self.string(item, &at, "a string")
                        && ty == Ty::StatusCodes
                        && !is_statcode(s)
                    {
                        self.push(
                            ErrorKind::InvalidValue,
                            &at,
                            format!(
                                "`{}` is not a status code such as `2.0` (RFC 5545 §3.8.8.3).",
                                quote(s)
                            ),
                        );
                    }
                }
            }
            Ty::StrSet => {
                self.set(v, ptr);
            }
            Ty::ParticipantIdSet => {
                if let Some(m) = self.set(v, ptr) {
                    self.non_empty(m.len(), ptr, "be omitted rather than empty");
                    for k in m.keys() {
                        let at = child(ptr, k);
                        if let Err(e) = check_id(k) {
                            self.problems.push(e.within(&at));
                        } else if !self.participant_ids.contains(k.as_str()) {
                            self.push(
                                ErrorKind::Invalid,
                                &at,
                                format!("`{}` is not the id of a participant of the object (RFC 8984 §4.4.6).", quote(k)),
                            );
                        }
                    }
                }
            }
            Ty::MethodMap => self.methods(v, ptr),
            Ty::RelationMap => {
                if let Value::Object(m) = v {
                    for (k, rel) in m {
                        self.object(rel, Kind::Relation, &child(ptr, k));
                    }
                } else {
                    self.wrong_type(ptr, "a JSON object of Relation objects", v);
                }
            }
            Ty::Overrides => self.overrides(v, ptr),
            Ty::TzRuleOverrides => {
                let Value::Object(m) = v else {
                    self.wrong_type(ptr, "a JSON object of empty PatchObjects", v);
                    return;
                };
                for (k, patch) in m {
                    let at = child(ptr, k);
                    if let Err(e) = k.parse::<LocalDateTime>() {
                        self.problems.push(e.within(&at));
                    }
                    if patch.as_object().is_none_or(|p| !p.is_empty()) {
                        self.push(
                            ErrorKind::Invalid,
                            &at,
                            format!(
                                "The recurrence override of a TimeZoneRule must be the empty object `{{}}` (RFC 8984 \
                                 §4.7.2), not {}.",
                                describe(patch)
                            ),
                        );
                    }
                }
            }
            Ty::Localizations => {
                let Value::Object(m) = v else {
                    self.wrong_type(ptr, "a JSON object of PatchObjects by language tag", v);
                    return;
                };
                for (tag, patch) in m {
                    let at = child(ptr, tag);
                    if !is_lang_tag(tag) {
                        self.push(
                            ErrorKind::InvalidValue,
                            &at,
                            format!(
                                "The localization key `{}` is not a language tag (RFC 5646).",
                                quote(tag)
                            ),
                        );
                    }
                    self.patch_object(patch, &at, PatchContext::Localization);
                }
            }
            Ty::Trigger => self.trigger(v, ptr),
            Ty::Entries => self.entries(v, ptr),
            Ty::NonZeroInts => {
                let Value::Array(items) = v else {
                    self.wrong_type(ptr, "an array of Ints", v);
                    return;
                };
                self.non_empty(items.len(), ptr, "have at least one entry if present");
                for (i, item) in items.iter().enumerate() {
                    let at = child(ptr, &i.to_string());
                    if self.int(item, &at) == Some(0) {
                        self.push(
                            ErrorKind::OutOfRange,
                            &at,
                            format!(
                                "`{}` has the value 0, which is not allowed (RFC 8984 §4.3.3).",
                                name_of(ptr)
                            ),
                        );
                    }
                }
            }
            Ty::UIntList(max) => {
                let Value::Array(items) = v else {
                    self.wrong_type(ptr, "an array of UnsignedInts", v);
                    return;
                };
                self.non_empty(items.len(), ptr, "have at least one entry if present");
                for (i, item) in items.iter().enumerate() {
                    let at = child(ptr, &i.to_string());
                    if let Some(u) = self.unsigned(item, &at)
                        && u > max
                    {
                        self.push(
                            ErrorKind::OutOfRange,
                            &at,
                            format!(
                                "`{}` has `{u}`, but its values are 0 to {max} (RFC 8984 §4.3.3).",
                                name_of(ptr)
                            ),
                        );
                    }
                }
            }
            Ty::ByMonth => {
                let Value::Array(items) = v else {
                    self.wrong_type(ptr, "an array of month strings such as \"3\" or \"5L\"", v);
                    return;
                };
                self.non_empty(items.len(), ptr, "have at least one entry if present");
                for (i, item) in items.iter().enumerate() {
                    let at = child(ptr, &i.to_string());
                    if let Some(s) =
                        self.string(item, &at, "a month string such as \"3\" or \"5L\"")
                    {
                        let digits = s.strip_suffix('L').unwrap_or(s);
                        let ok = !digits.is_empty()
                            && digits.bytes().all(|c| c.is_ascii_digit())
                            && digits.parse::<u32>().is_ok_and(|n| n >= 1);
                        if !ok {
                            self.push(
                                ErrorKind::InvalidValue,
                                &at,
                                format!(
                                    "`{}` is not a month: a number from 1 with an optional upper-case `L` suffix \
                                     (RFC 8984 §4.3.3).",
                                    quote(s)
                                ),
                            );
                        }
                    }
                }
            }
        }
    }

    fn uri(&mut self, s: &str, ptr: &str) {
        if uri_scheme(s).is_none() || s.contains(|c: char| c.is_whitespace() || c.is_control()) {
            self.push(
                ErrorKind::InvalidValue,
                ptr,
                format!("`{}` is not a URI (RFC 3986): it needs a scheme such as `https:` and no spaces.", quote(s)),
            );
        }
    }

    fn bad_media_type(&mut self, s: &str, ptr: &str) {
        self.push(
            ErrorKind::InvalidValue,
            ptr,
            format!(
                "`{}` is not a media type `type/subtype` (RFC 6838).",
                quote(s)
            ),
        );
    }

    fn text_media_type(&mut self, s: &str, ptr: &str) {
        let Some(ty) = media_type(s) else {
            self.bad_media_type(s, ptr);
            return;
        };
        if !ty.eq_ignore_ascii_case("text") {
            self.push(
                ErrorKind::InvalidValue,
                ptr,
                format!(
                    "`{}` is not a `text/` media type, which RFC 8984 §4.2.3 requires.",
                    quote(s)
                ),
            );
        }
        for param in s.split(';').skip(1) {
            if let Some((name, value)) = param.split_once('=')
                && name.trim().eq_ignore_ascii_case("charset")
                && !value.trim().trim_matches('"').eq_ignore_ascii_case("utf-8")
            {
                self.push(
                    ErrorKind::InvalidValue,
                    ptr,
                    format!(
                        "The charset of `{}` must be `utf-8` (RFC 8984 §4.2.3).",
                        quote(s)
                    ),
                );
            }
        }
    }

    fn id_map(&mut self, v: &'a Value, kind: Kind, ptr: &str) {
        let Value::Object(m) = v else {
            self.wrong_type(
                ptr,
                &format!("a JSON object of {} objects by Id", kind.type_name()),
                v,
            );
            return;
        };
        for (k, item) in m {
            let at = child(ptr, k);
            if let Err(e) = check_id(k) {
                self.problems.push(e.within(&at));
            }
            self.object(item, kind, &at);
        }
    }

    fn methods(&mut self, v: &'a Value, ptr: &str) {
        let Value::Object(m) = v else {
            self.wrong_type(ptr, "a JSON object of URIs by method", v);
            return;
        };
        self.non_empty(m.len(), ptr, "be omitted rather than empty");
        for (method, uri) in m {
            let at = child(ptr, method);
            if method.is_empty() || !method.chars().all(|c| c.is_ascii_alphanumeric()) {
                self.push(
                    ErrorKind::InvalidValue,
                    &at,
                    format!(
                        "The method `{}` must have only ASCII letters and digits (RFC 8984 §4.4.4).",
                        quote(method)
                    ),
                );
            }
            let Some(s) = self.string(uri, &at, "a URI string") else {
                continue;
            };
            self.uri(s, &at);
            let want = match method.as_str() {
                "imip" => Some("mailto"),
                "web" => Some("https"),
                _ => None,
            };
            if let (Some(want), Some(scheme)) = (want, uri_scheme(s))
                && !scheme.eq_ignore_ascii_case(want)
            {
                self.push(
                    ErrorKind::InvalidValue,
                    &at,
                    format!(
                        "The `{method}` method needs a `{want}:` URI (RFC 8984 §4.4.4), not `{}`.",
                        quote(s)
                    ),
                );
            }
        }
    }

    fn time_zones(&mut self, v: &'a Value, ptr: &str) {
        let Value::Object(m) = v else {
            self.wrong_type(ptr, "a JSON object of TimeZone objects by TimeZoneId", v);
            return;
        };
        for (k, tz) in m {
            let at = child(ptr, k);
            if !k.starts_with('/') {
                self.push(
                    ErrorKind::InvalidValue,
                    &at,
                    format!(
                        "The custom time zone id `{}` must start with `/` (RFC 8984 §4.7.2).",
                        quote(k)
                    ),
                );
            } else if let Some(c) = k.chars().find(|c| !is_safe_char(*c)) {
                self.push(
                    ErrorKind::InvalidValue,
                    &at,
                    format!(
                        "The custom time zone id `{}` must be an RFC 5545 paramtext, which excludes `{}` (RFC 8984 \
                         §4.7.2).",
                        quote(k),
                        c.escape_debug()
                    ),
                );
            }
            self.object(tz, Kind::TimeZone, &at);
        }
    }

    fn trigger(&mut self, v: &'a Value, ptr: &str) {
        let Value::Object(m) = v else {
            self.wrong_type(ptr, "a trigger object", v);
            return;
        };
        match m.get("@type") {
            Some(Value::String(s)) if s == "OffsetTrigger" => {
                self.object(v, Kind::OffsetTrigger, ptr)
            }
            Some(Value::String(s)) if s == "AbsoluteTrigger" => {
                self.object(v, Kind::AbsoluteTrigger, ptr)
            }
            // An UnknownTrigger: kept, not checked (RFC 8984 §4.5.2).
            Some(Value::String(_)) => {}
            Some(other) => self.wrong_type(&child(ptr, "@type"), "a string", other),
            None => self.push(
                ErrorKind::MissingProperty,
                &child(ptr, "@type"),
                "The trigger has no `@type`, which RFC 8984 §4.5.2 makes mandatory.".to_owned(),
            ),
        }
    }

    fn entries(&mut self, v: &'a Value, ptr: &str) {
        let Value::Array(items) = v else {
            self.wrong_type(ptr, "an array of Event and Task objects", v);
            return;
        };
        for (i, item) in items.iter().enumerate() {
            let at = child(ptr, &i.to_string());
            match item.get("@type") {
                Some(Value::String(s)) if s == "Event" => self.object(item, Kind::Event, &at),
                Some(Value::String(s)) if s == "Task" => self.object(item, Kind::Task, &at),
                // "Implementations MUST ignore entries of unknown type" (§5.3.1).
                Some(Value::String(_)) => {}
                Some(other) => self.wrong_type(&child(&at, "@type"), "a string", other),
                None if item.is_object() => self.push(
                    ErrorKind::MissingProperty,
                    &child(&at, "@type"),
                    "The Group entry has no `@type`, so it is neither an Event nor a Task (RFC 8984 §5.3.1)."
                        .to_owned(),
                ),
                None => self.wrong_type(&at, "an Event or Task object", item),
            }
        }
    }

    /// Checks an object of `kind` at `ptr`.
    fn object(&mut self, v: &'a Value, kind: Kind, ptr: &str) {
        let Value::Object(m) = v else {
            self.wrong_type(
                ptr,
                &format!("{} {} object", kind.article(), kind.type_name()),
                v,
            );
            return;
        };
        match m.get("@type") {
            Some(Value::String(s)) if s == kind.type_name() => {}
            Some(Value::String(s)) => self.push(
                ErrorKind::InvalidValue,
                &child(ptr, "@type"),
                format!("The `@type` here must be `{}`, not `{}` (RFC 8984 {}).", kind.type_name(), quote(s), kind.section()),
            ),
            Some(other) => self.wrong_type(&child(ptr, "@type"), "a string", other),
            None => self.push(
                ErrorKind::MissingProperty,
                &child(ptr, "@type"),
                format!(
                    "The {} has no `@type`, which RFC 8984 §4.1.1 makes mandatory (it must be `{}`).",
                    kind.type_name(),
                    kind.type_name()
                ),
            ),
        }

        let top = matches!(kind, Kind::Event | Kind::Task | Kind::Group);
        let scope: HashSet<&'a str> = match m.get("timeZones") {
            Some(Value::Object(tz)) if top => tz.keys().map(String::as_str).collect(),
            _ => HashSet::new(),
        };
        let refs_mark = self.tz_refs.len();
        let mut saved = None;
        if top {
            self.tz_scopes.push(scope);
        }
        if matches!(kind, Kind::Event | Kind::Task) {
            let ids = match m.get("participants") {
                Some(Value::Object(p)) => p.keys().cloned().collect(),
                _ => HashSet::new(),
            };
            saved = Some((
                std::mem::replace(&mut self.participant_ids, ids),
                self.base.replace(m),
                self.base_kind.replace(kind),
            ));
        }

        for prop in tables(kind).into_iter().flatten() {
            match m.get(prop.name) {
                Some(value) => self.value(value, prop.ty, &child(ptr, prop.name)),
                None if prop.mandatory => self.push(
                    ErrorKind::MissingProperty,
                    &child(ptr, prop.name),
                    format!(
                        "The {} has no `{}`, which RFC 8984 makes mandatory ({}).",
                        kind.type_name(),
                        prop.name,
                        kind.section()
                    ),
                ),
                None => {}
            }
        }
        self.rules(m, kind, ptr);

        if top {
            self.orphans(m, ptr, refs_mark);
            self.tz_scopes.pop();
        }
        if let Some((ids, base, base_kind)) = saved {
            self.participant_ids = ids;
            self.base = base;
            self.base_kind = base_kind;
        }
    }

    /// Time zones defined but not referenced (RFC 8984 §4.7.2).
    fn orphans(&mut self, m: &Map<String, Value>, ptr: &str, refs_mark: usize) {
        let Some(Value::Object(defined)) = m.get("timeZones") else {
            return;
        };
        let used: HashSet<&str> = self
            .tz_refs
            .get(refs_mark..)
            .unwrap_or_default()
            .iter()
            .map(String::as_str)
            .collect();
        let orphans: Vec<&String> = defined
            .keys()
            .filter(|id| !used.contains(id.as_str()))
            .collect();
        for id in orphans {
            {
                self.push(
                    ErrorKind::Invalid,
                    &child(&child(ptr, "timeZones"), id),
                    format!(
                        "The time zone `{}` is not used by any property of the object; RFC 8984 §4.7.2 does not \
                         allow orphaned time zones.",
                        quote(id)
                    ),
                );
            }
        }
    }

    /// Rules across properties of one object.
    fn rules(&mut self, m: &'a Map<String, Value>, kind: Kind, ptr: &str) {
        let at = |name: &str| child(ptr, name);
        match kind {
            Kind::Event | Kind::Task => {
                if m.contains_key("recurrenceId") {
                    for forbidden in ["recurrenceRules", "recurrenceOverrides"] {
                        if m.contains_key(forbidden) {
                            self.push(
                                ErrorKind::Invalid,
                                &at(forbidden),
                                format!(
                                    "An object with `recurrenceId` is one occurrence and must not have `{forbidden}` \
                                     (RFC 8984 §4.3.1)."
                                ),
                            );
                        }
                    }
                    if !m.contains_key("recurrenceIdTimeZone") {
                        self.push(
                            ErrorKind::MissingProperty,
                            &at("recurrenceIdTimeZone"),
                            "An object with `recurrenceId` must also have `recurrenceIdTimeZone` (RFC 8984 §4.3.2)."
                                .to_owned(),
                        );
                    }
                } else if m.contains_key("recurrenceIdTimeZone") {
                    self.push(
                        ErrorKind::Invalid,
                        &at("recurrenceIdTimeZone"),
                        "`recurrenceIdTimeZone` must not be set without `recurrenceId` (RFC 8984 §4.3.2).".to_owned(),
                    );
                }
                let has_send_to = match m.get("participants") {
                    Some(Value::Object(ps)) => ps.values().any(|p| p.get("sendTo").is_some()),
                    _ => false,
                };
                // An empty `replyTo` is reported by its own check.
                if has_send_to && !m.contains_key("replyTo") {
                    self.push(
                        ErrorKind::MissingProperty,
                        &at("replyTo"),
                        "A participant has `sendTo`, so `replyTo` must define at least one reply method (RFC 8984 \
                         §4.4.6)."
                            .to_owned(),
                    );
                }
                if kind == Kind::Task
                    && m.contains_key("recurrenceRules")
                    && !m.contains_key("start")
                    && !m.contains_key("due")
                {
                    self.push(
                        ErrorKind::Invalid,
                        &at("recurrenceRules"),
                        "A Task with neither `start` nor `due` must not have `recurrenceRules` (RFC 8984 §4.3.3)."
                            .to_owned(),
                    );
                }
            }
            Kind::Location => {
                if !m.keys().any(|k| k != "@type" && k != "relativeTo") {
                    self.push(
                        ErrorKind::Invalid,
                        ptr,
                        "A Location must have at least one property other than `relativeTo` (RFC 8984 §4.2.5)."
                            .to_owned(),
                    );
                }
            }
            Kind::Link => {
                if m.contains_key("display") && m.get("rel").and_then(Value::as_str) != Some("icon")
                {
                    self.push(
                        ErrorKind::Invalid,
                        &at("display"),
                        "A Link with `display` must have `rel` set to `icon` (RFC 8984 §1.4.11)."
                            .to_owned(),
                    );
                }
            }
            Kind::Participant { of_task } => {
                if let Some(Value::Object(roles)) = m.get("roles")
                    && roles.is_empty()
                {
                    self.push(
                        ErrorKind::Invalid,
                        &at("roles"),
                        "A Participant must have at least one role (RFC 8984 §4.4.6).".to_owned(),
                    );
                }
                if !of_task {
                    for name in ["progress", "progressUpdated", "percentComplete"] {
                        if m.contains_key(name) {
                            self.push(
                                ErrorKind::Invalid,
                                &at(name),
                                format!("`{name}` is only allowed for participants of a Task (RFC 8984 §4.4.6)."),
                            );
                        }
                    }
                }
                let status = m
                    .get("participationStatus")
                    .and_then(Value::as_str)
                    .unwrap_or("needs-action");
                if m.contains_key("progress") && status != "accepted" {
                    self.push(
                        ErrorKind::Invalid,
                        &at("progress"),
                        format!(
                            "`progress` must not be set when `participationStatus` is `{}`; only `accepted` allows \
                             it (RFC 8984 §4.4.6).",
                            quote(status)
                        ),
                    );
                }
                if let Some(Value::String(by)) = m.get("invitedBy")
                    && check_id(by).is_ok()
                    && self.base.is_some()
                    && !self.participant_ids.contains(by.as_str())
                {
                    self.push(
                        ErrorKind::Invalid,
                        &at("invitedBy"),
                        format!(
                            "`{}` is not the id of a participant of the object (RFC 8984 §4.4.6).",
                            quote(by)
                        ),
                    );
                }
            }
            Kind::RecurrenceRule => self.rule(m, ptr),
            Kind::NDay => {
                if m.get("nthOfPeriod").and_then(Value::as_i64) == Some(0) {
                    self.push(
                        ErrorKind::OutOfRange,
                        &at("nthOfPeriod"),
                        "`nthOfPeriod` must not be zero (RFC 8984 §4.3.3).".to_owned(),
                    );
                }
            }
            Kind::TimeZone => {
                if let Some(Value::String(tz_id)) = m.get("tzId")
                    && let Some(c) = tz_id.chars().find(|c| !is_safe_char(*c))
                {
                    self.push(
                        ErrorKind::InvalidValue,
                        &at("tzId"),
                        format!(
                            "The tzId `{}` must be an RFC 5545 paramtext, which excludes `{}` (RFC 8984 §4.7.2).",
                            quote(tz_id),
                            c.escape_debug()
                        ),
                    );
                }
                let rules = |name: &str| m.get(name).and_then(Value::as_array).map_or(0, Vec::len);
                if rules("standard") + rules("daylight") == 0 {
                    self.push(
                        ErrorKind::Invalid,
                        ptr,
                        "A TimeZone must define at least one rule in `standard` or `daylight` (RFC 8984 §4.7.2)."
                            .to_owned(),
                    );
                }
            }
            Kind::TimeZoneRule => {
                if let Some(Value::Array(rules)) = m.get("recurrenceRules")
                    && rules.len() > 1
                {
                    self.push(
                        ErrorKind::Invalid,
                        &at("recurrenceRules"),
                        format!(
                            "A TimeZoneRule allows at most one recurrence rule (RFC 8984 §4.7.2), but it has {}.",
                            rules.len()
                        ),
                    );
                }
            }
            Kind::Group
            | Kind::VirtualLocation
            | Kind::Alert
            | Kind::OffsetTrigger
            | Kind::AbsoluteTrigger
            | Kind::Relation => {}
        }
    }

    /// Rules of one RecurrenceRule (RFC 8984 §4.3.3).
    fn rule(&mut self, m: &Map<String, Value>, ptr: &str) {
        if m.get("interval").and_then(Value::as_u64) == Some(0) {
            self.push(
                ErrorKind::OutOfRange,
                &child(ptr, "interval"),
                "`interval` must be at least 1 (RFC 8984 §4.3.3).".to_owned(),
            );
        }
        if m.contains_key("count") && m.contains_key("until") {
            self.push(
                ErrorKind::Invalid,
                &child(ptr, "until"),
                "A RecurrenceRule must not have both `count` and `until` (RFC 8984 §4.3.3)."
                    .to_owned(),
            );
        }
        if !is_gregorian(m) {
            return;
        }
        for (name, max) in [("byMonthDay", 31), ("byYearDay", 366), ("byWeekNo", 53)] {
            let Some(Value::Array(items)) = m.get(name) else {
                continue;
            };
            for (i, item) in items.iter().enumerate() {
                if let Some(n) = item.as_i64()
                    && n != 0
                    && n.unsigned_abs() > max
                {
                    self.push(
                        ErrorKind::OutOfRange,
                        &child(&child(ptr, name), &i.to_string()),
                        format!(
                            "`{name}` has `{n}`, but in the Gregorian calendar its values are 1 to {max} and -{max} \
                             to -1 (RFC 8984 §4.3.3)."
                        ),
                    );
                }
            }
        }
        if let Some(Value::Array(items)) = m.get("byMonth") {
            for (i, item) in items.iter().enumerate() {
                let Some(s) = item.as_str() else {
                    continue;
                };
                let leap = s.ends_with('L');
                let n = s.trim_end_matches('L').parse::<u32>().unwrap_or(1);
                if leap || n > 12 {
                    self.push(
                        ErrorKind::OutOfRange,
                        &child(&child(ptr, "byMonth"), &i.to_string()),
                        format!(
                            "`byMonth` has `{}`, but the Gregorian calendar has months 1 to 12 and no leap months \
                             (RFC 8984 §4.3.3, RFC 7529).",
                            quote(s)
                        ),
                    );
                }
            }
        }
    }

    /// Checks recurrence overrides (RFC 8984 §4.3.5).
    fn overrides(&mut self, v: &'a Value, ptr: &str) {
        let Value::Object(m) = v else {
            self.wrong_type(ptr, "a JSON object of PatchObjects by LocalDateTime", v);
            return;
        };
        for (k, patch) in m {
            let at = child(ptr, k);
            if let Err(e) = k.parse::<LocalDateTime>() {
                self.problems.push(e.within(&at));
            }
            self.patch_object(patch, &at, PatchContext::Override);
        }
    }

    /// Checks one PatchObject (RFC 8984 §1.4.9) at `ptr`.
    fn patch_object(&mut self, v: &'a Value, ptr: &str, context: PatchContext) {
        let Value::Object(m) = v else {
            self.wrong_type(ptr, "a PatchObject (a JSON object)", v);
            return;
        };
        // Pointer syntax.
        let mut parsed: Vec<(Vec<String>, &'a String, &'a Value)> = Vec::with_capacity(m.len());
        for (path, value) in m {
            match parse_path(path) {
                Ok(segments) => parsed.push((segments, path, value)),
                Err(e) => self.problems.push(e.within(&child(ptr, path))),
            }
        }
        // Rule 3: after sorting, each path's extensions follow it directly.
        let mut sorted: Vec<&(Vec<String>, &String, &Value)> = parsed.iter().collect();
        sorted.sort_by(|a, b| a.0.cmp(&b.0));
        for (i, (prefix, prefix_path, _)) in sorted.iter().map(|p| (&p.0, p.1, p.2)).enumerate() {
            for (segments, path, _) in sorted.iter().skip(i + 1).map(|p| (&p.0, p.1, p.2)) {
                if !segments.starts_with(prefix) {
                    break;
                }
                self.push(
                    ErrorKind::PatchPrefixConflict,
                    &child(ptr, path),
                    format!(
                        "The patches `{}` and `{}` conflict: one pointer is a prefix of the other (RFC 8984 §1.4.9 \
                         rule 3).",
                        quote(prefix_path),
                        quote(path)
                    ),
                );
            }
        }
        if context == PatchContext::Override
            && m.get("excluded") == Some(&Value::Bool(true))
            && m.len() > 1
        {
            let others: Vec<String> = m
                .keys()
                .filter(|k| *k != "excluded")
                .take(3)
                .map(|k| format!("`{}`", quote(k)))
                .collect();
            self.push(
                ErrorKind::Invalid,
                ptr,
                format!(
                    "An override that excludes an occurrence must not patch anything else (RFC 8984 §4.3.5), but \
                     this one also patches {}.",
                    others.join(", ")
                ),
            );
        }

        // Participant ids as the patch leaves them, for delegatedTo and the like.
        let touches_participants = parsed.iter().any(|(segments, _, _)| {
            segments.len() <= 2 && segments.first().is_some_and(|f| f == "participants")
        });
        let saved_ids = touches_participants.then(|| self.participant_ids.clone());
        for (segments, _, value) in &parsed {
            match segments.as_slice() {
                [p] if p == "participants" => {
                    self.participant_ids = value
                        .as_object()
                        .map(|o| o.keys().cloned().collect())
                        .unwrap_or_default();
                }
                [p, id] if p == "participants" => {
                    if value.is_null() {
                        self.participant_ids.remove(id);
                    } else {
                        self.participant_ids.insert(id.clone());
                    }
                }
                _ => {}
            }
        }

        let base = self.base.take();
        let root = self.base_kind;
        for (segments, path, value) in &parsed {
            let at = child(ptr, path);
            let applied = match context {
                PatchContext::Override => is_override_patch_applied(segments),
                PatchContext::Localization => {
                    if segments.first().is_some_and(|f| f == "recurrenceOverrides") {
                        self.push(
                            ErrorKind::Invalid,
                            &at,
                            format!(
                                "The localization patch `{}` must not start with `recurrenceOverrides`; localize an \
                                 override in its own `localizations` (RFC 8984 §4.6.1).",
                                quote(path)
                            ),
                        );
                        continue;
                    }
                    is_localization_patch_applied(segments)
                }
            };
            if !applied {
                continue;
            }
            if let Some(base) = base
                && let Err(e) = check_patch(base, path, segments)
            {
                self.problems.push(e.within(ptr));
                continue;
            }
            if let Some(root) = root {
                self.patch_value(segments, value, &at, root);
            }
        }
        self.base = base;
        if let Some(ids) = saved_ids {
            self.participant_ids = ids;
        }
    }

    /// Rule 4 of RFC 8984 §1.4.9: checks `value` as the property the path
    /// `segments` sets on an object of kind `root`. Paths into properties
    /// this crate does not know are not checked.
    fn patch_value(&mut self, segments: &[String], value: &'a Value, ptr: &str, root: Kind) {
        let mut ty = Ty::Obj(root);
        let mut mandatory = false;
        for segment in segments {
            let next = match ty {
                Ty::Obj(kind) => lookup(kind, segment).map(|p| (p.ty, p.mandatory)),
                Ty::IdMap(kind) => {
                    if let Err(e) = check_id(segment) {
                        self.problems.push(e.within(ptr));
                        return;
                    }
                    Some((Ty::Obj(kind), false))
                }
                Ty::Links => Some((Ty::Obj(Kind::Link), false)),
                Ty::TzMap => Some((Ty::Obj(Kind::TimeZone), false)),
                Ty::RelationMap => Some((Ty::Obj(Kind::Relation), false)),
                Ty::StrSet | Ty::ParticipantIdSet => Some((Ty::True, false)),
                Ty::MethodMap => Some((Ty::Uri, false)),
                Ty::Trigger => match segment.as_str() {
                    "offset" => Some((Ty::SignedDuration, false)),
                    "relativeTo" => Some((Ty::Closed(TRIGGER_RELATIVE), false)),
                    "when" => Some((Ty::Utc, false)),
                    _ => None,
                },
                _ => None,
            };
            match next {
                Some((t, m)) => {
                    ty = t;
                    mandatory = m;
                }
                None => return,
            }
        }
        if value.is_null() {
            if mandatory {
                self.push(
                    ErrorKind::Invalid,
                    ptr,
                    format!(
                        "The patch removes `{}`, which is mandatory; `null` is only allowed for optional properties \
                         (RFC 8984 §1.4.9 rule 4).",
                        segments.last().map_or("", String::as_str)
                    ),
                );
            }
            return;
        }
        self.value(value, ty, ptr);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn helpers() {
        assert!(is_lang_tag("de-AT"));
        assert!(is_lang_tag("zh-Hant-TW"));
        assert!(!is_lang_tag("de_AT"));
        assert!(!is_lang_tag(""));
        assert!(is_utc_offset("-0400"));
        assert!(is_utc_offset("+053000"));
        assert!(!is_utc_offset("-0000"));
        assert!(!is_utc_offset("0400"));
        assert!(!is_utc_offset("+2400"));
        assert!(is_statcode("2.0"));
        assert!(is_statcode("3.1.4"));
        assert!(!is_statcode("2"));
        assert!(!is_statcode("2.0.0.0"));
        assert_eq!(media_type("text/html; charset=utf-8"), Some("text"));
        assert_eq!(media_type("text"), None);
        assert_eq!(uri_scheme("mailto:a@b"), Some("mailto"));
        assert_eq!(uri_scheme("://x"), None);
    }
}
