//! iCalendar (RFC 5545) ⇄ JSCalendar conversion, following
//! draft-ietf-calext-jscalendar-icalendar.
//!
//! Two profiles ([`Profile`]):
//!
//! - [`Profile::Rfc8984`] — draft -11, the last revision written against
//!   RFC 8984: `recurrenceRules`, `excludedRecurrenceRules`, `replyTo`,
//!   `requestStatus`, VTIMEZONE ⇄ `timeZones`, the carriers `iCalComponent`
//!   and `iCalProperty`, and the iCalendar properties `JSCAL-ID` and
//!   `JSCAL-PROP` with the parameters `JSCAL-ID` and `JSCAL-PATH`.
//! - [`Profile::Bis`] — draft -25, written against JSCalendar 2.0
//!   (draft-ietf-calext-jscalendarbis): `recurrenceRule`,
//!   `organizerCalendarAddress`, `mainLocationId`, `endTimeZone`,
//!   `showWithoutTime` ⇄ SHOW-WITHOUT-TIME, UUIDv5 keys (§2.1.3), the carrier
//!   `iCalendar` and the iCalendar properties `JSID` and `JSPROP` with the
//!   parameters `JSID` and `JSPTR`.
//!
//! ```
//! use kalends_jscalendar::convert::{ical_to_jscal, jscal_to_ical, Profile};
//!
//! let text = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Example//EN\r\n\
//! BEGIN:VEVENT\r\nUID:1@example.com\r\nDTSTAMP:20240101T120000Z\r\n\
//! DTSTART;TZID=Europe/Berlin:20240105T090000\r\nDURATION:PT1H\r\n\
//! SUMMARY:Standup\r\nRRULE:FREQ=WEEKLY;COUNT=3\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
//! let doc = kalends_ical_core::parse(text)?;
//!
//! let group = ical_to_jscal(&doc, Profile::Rfc8984)?;
//! let event = &group["entries"][0];
//! assert_eq!(event["start"], "2024-01-05T09:00:00");
//! assert_eq!(event["timeZone"], "Europe/Berlin");
//! assert_eq!(event["recurrenceRules"][0]["count"], 3);
//!
//! // And back: the same calendar (PRODID, VERSION and the event, with
//! // its properties in the order the converter writes them).
//! let back = jscal_to_ical(&group)?;
//! let vevent = back.components[0].components_named("VEVENT").next().ok_or("no VEVENT")?;
//! assert_eq!(vevent.property("DTSTART").map(|p| p.value()), Some("20240105T090000"));
//! assert_eq!(vevent.property("RRULE").map(|p| p.value()), Some("FREQ=WEEKLY;COUNT=3"));
//! assert_eq!(vevent.properties().len(), 6);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # What the conversion keeps
//!
//! iCalendar → JSCalendar → iCalendar gives the same tree, up to the
//! normalisations listed in [`NORMALISATIONS`]: every iCalendar element
//! without a JSCalendar counterpart travels in the draft's carriers
//! (unknown properties and components as jCal in `iCalComponent` /
//! `iCalendar`, unconverted parameters in `convertedProperties` and
//! `iCalProperty`), and the choices the reverse direction would otherwise
//! make differently (DTEND rather than DURATION, URL rather than ATTACH, a
//! DATE-TIME where a DATE would be chosen …) are recorded there too.
//! JSCalendar → iCalendar → JSCalendar keeps every property: what has no
//! iCalendar counterpart travels in `JSCAL-PROP` / `JSPROP`, and keys that
//! would not be regenerated travel in `JSCAL-ID` / `JSID`.
//!
//! # Readings of the drafts
//!
//! Each choice where the drafts leave room is written where the code makes
//! it; the main ones:
//!
//! - Ids (§2.1.3) are generated from the element's value: in draft -25 its
//!   UUIDv5 (§2.1.3), in draft -11 (which leaves them to the
//!   implementation) a 64-bit FNV-1a hash in 16 hex digits, much cheaper
//!   than SHA-1. VALARM, VLOCATION and PARTICIPANT components without a
//!   calendar address use their UID when it is a valid Id, else the hash
//!   of their sorted content lines, so keys do not depend on order. A key
//!   that is not the generated one travels in JSCAL-ID / JSID.
//! - A recurring main component (§2.1.2) is one with RRULE *or RDATE* and
//!   no RECURRENCE-ID; its overrides are PatchObjects against the
//!   occurrence the main component implies (`start` set to the recurrence
//!   id), so an override that only moves nothing has an empty patch.
//! - The DTSTAMP of an iTIP reply is not copied to a participant's
//!   `scheduleUpdated`, nor COMMENT to `participationComment` (draft -11
//!   §2.3.15, §2.3.9 say "might"): which participant replied is not known.
//! - A document with several VCALENDARs converts to a JSON array of Groups
//!   (§2.1.1 leaves it to the implementation).
mod names;
mod to_ical;
mod to_jscal;
mod uuid;
pub(crate) mod values;

use std::fmt;
use std::str::FromStr;

use kalends_ical_core::Document;
use serde_json::Value;

use crate::json::{Json, JsonObject};

use crate::error::{Error, ErrorKind};

pub use names::{JSCAL_NORMALISATIONS, NORMALISATIONS};

/// The members of a recurring object that its occurrences do not have
/// (RFC 8984 §4.3.5: an override patches the object without them; draft
/// -25 adds `recurrenceRule`).
pub(crate) const RECURRENCE_KEYS: &[&str] = &[
    "recurrenceRules",
    "recurrenceRule",
    "excludedRecurrenceRules",
    "recurrenceOverrides",
];

/// What every occurrence of the recurring object `main` starts from before
/// its start moves and its override applies (RFC 8984 §4.3.5): `main`
/// without [`RECURRENCE_KEYS`], and without the conversion notes about
/// them in its carrier `comp_key` (draft -11 §5.2 `convertedProperties`),
/// which describe members an occurrence does not have. Made once per
/// object: copying the whole object for each of thousands of overrides
/// would take quadratic time.
pub(crate) fn occurrence_template<'x>(main: &JsonObject<'x>, comp_key: &str) -> JsonObject<'x> {
    let mut template = main.clone_without(RECURRENCE_KEYS);
    let about_recurrence = |path: &str| {
        let first = path.split('/').next().unwrap_or(path);
        RECURRENCE_KEYS.contains(&first)
    };
    if let Some(comp) = template.get_mut(comp_key).and_then(Json::as_object_mut)
        && let Some(notes) = comp
            .get_mut("convertedProperties")
            .and_then(Json::as_object_mut)
        && notes.keys().any(about_recurrence)
    {
        let kept: JsonObject<'x> = std::mem::take(notes)
            .into_iter()
            .filter(|(k, _)| !about_recurrence(k))
            .collect();
        if kept.is_empty() {
            comp.remove("convertedProperties");
        } else {
            *notes = kept;
        }
    }
    template
}

/// Which revision of draft-ietf-calext-jscalendar-icalendar, and so which
/// JSCalendar, a conversion follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Profile {
    /// Draft -11, against RFC 8984 (the default).
    #[default]
    Rfc8984,
    /// Draft -25, against JSCalendar 2.0 (draft-ietf-calext-jscalendarbis),
    /// as Cyrus and calcard implement it.
    Bis,
}

impl Profile {
    /// `rfc8984` or `bis`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Profile::Rfc8984 => "rfc8984",
            Profile::Bis => "bis",
        }
    }
}

impl fmt::Display for Profile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Profile {
    type Err = Error;
    /// `rfc8984` (also `8984`, `11`) or `bis` (also `jscalendarbis`, `25`,
    /// `2.0`), ignoring ASCII case.
    fn from_str(s: &str) -> Result<Profile, Error> {
        match s.to_ascii_lowercase().as_str() {
            "rfc8984" | "8984" | "11" | "draft-11" => Ok(Profile::Rfc8984),
            "bis" | "jscalendarbis" | "25" | "draft-25" | "2.0" => Ok(Profile::Bis),
            _ => Err(Error::new(
                ErrorKind::InvalidValue,
                format!(
                    "`{}` is not a conversion profile; expected `rfc8984` or `bis`.",
                    crate::error::quote(s)
                ),
            )),
        }
    }
}

/// Converts an iCalendar document to JSCalendar (draft §2).
///
/// A document with one VCALENDAR gives a Group object; with several, a JSON
/// array of Groups. A top-level component other than VCALENDAR is an
/// [`ErrorKind::Unsupported`] error (the drafts define conversion of
/// iCalendar objects only, §2.1.1).
///
/// The result is a [`Json`] tree (write it with `to_string()`, or turn it
/// into a [`serde_json::Value`] with [`Json::to_value`], or use
/// [`ical_to_jscal_value`]). Nothing is lost: see the
/// [module documentation](self).
///
/// The tree borrows from `document`: text that needs no unescaping (a UID,
/// a calendar address, a CN, a SUMMARY without escapes …) is not copied.
/// [`Json::into_owned`] gives a tree that does not borrow.
pub fn ical_to_jscal<'d>(document: &'d Document<'_>, profile: Profile) -> Result<Json<'d>, Error> {
    to_jscal::document(document, profile)
}

/// [`ical_to_jscal`], as a [`serde_json::Value`].
pub fn ical_to_jscal_value(document: &Document<'_>, profile: Profile) -> Result<Value, Error> {
    ical_to_jscal(document, profile).map(|j| j.to_value())
}

/// Converts JSCalendar to iCalendar (draft §3), detecting the profile with
/// [`detect_profile`].
///
/// `value` is a Group, an Event, a Task, or a JSON array of them; Events
/// and Tasks outside a Group go into one VCALENDAR, each Group makes its
/// own.
///
/// The document borrows from `value`: a property value or parameter that
/// needs no escaping or quoting (a UID, a calendar address, a CN, a TZID
/// …) is not copied. [`Document::into_owned`] gives one that does not
/// borrow.
pub fn jscal_to_ical<'j>(value: &'j Json<'_>) -> Result<Document<'j>, Error> {
    jscal_to_ical_as(value, detect_profile(value))
}

/// Converts JSCalendar to iCalendar following `profile` (the document
/// borrows from `value`, as with [`jscal_to_ical`]).
pub fn jscal_to_ical_as<'j>(value: &'j Json<'_>, profile: Profile) -> Result<Document<'j>, Error> {
    to_ical::document(value, profile)
}

/// [`jscal_to_ical_as`] for a [`serde_json::Value`], giving a document that
/// owns its text.
pub fn jscal_value_to_ical(value: &Value, profile: Profile) -> Result<Document<'static>, Error> {
    jscal_to_ical_as(&Json::from_value(value), profile).map(Document::into_owned)
}

/// Reads JSCalendar JSON text and converts it to iCalendar, returning the
/// profile it was read as ([`detect_profile`]). This is the entry point for
/// untrusted input: the JSON nesting is limited to [`MAX_JSON_DEPTH`] (an
/// [`ErrorKind::LimitExceeded`] error beyond), and any JSON is accepted
/// without panicking.
///
/// ```
/// use kalends_jscalendar::convert::{jscal_text_to_ical, Profile};
/// let (doc, profile) = jscal_text_to_ical(r#"{"@type": "Event", "uid": "x",
///     "updated": "2024-01-01T00:00:00Z", "start": "2024-01-05T09:00:00",
///     "recurrenceRule": {"@type": "RecurrenceRule", "frequency": "daily"}}"#)?;
/// assert_eq!(profile, Profile::Bis);
/// assert!(doc.to_string().contains("RRULE:FREQ=DAILY\r\n"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn jscal_text_to_ical(text: &str) -> Result<(Document<'static>, Profile), Error> {
    let value = crate::json::parse_limited(text, MAX_JSON_DEPTH, || {
        Error::new(
            ErrorKind::LimitExceeded,
            format!("The JSON input is nested deeper than the limit of {MAX_JSON_DEPTH}."),
        )
    })?;
    let profile = detect_profile(&value);
    let doc = jscal_to_ical_as(&value, profile)?.into_owned();
    Ok((doc, profile))
}

/// The deepest JSON nesting [`jscal_text_to_ical`] reads.
pub const MAX_JSON_DEPTH: usize = 64;

/// Which profile JSCalendar data follows, judged by the properties only one
/// of them has (draft -11 vs -25 tables, `jsical-11-vs-25`): `recurrenceRule`,
/// `organizerCalendarAddress`, `mainLocationId`, `endTimeZone`, `iCalendar`,
/// a Group `version` of `2.0` mean [`Profile::Bis`]; `recurrenceRules`,
/// `excludedRecurrenceRules`, `replyTo`, `requestStatus`, `timeZones`,
/// `iCalComponent`, `iCalProperty`, a participant's `sendTo` mean
/// [`Profile::Rfc8984`]. The first object (in document order) that has one
/// decides; data with none of them is read as [`Profile::Rfc8984`].
pub fn detect_profile(value: &Json<'_>) -> Profile {
    fn walk(v: &Json<'_>, depth: usize) -> Option<Profile> {
        if depth > MAX_JSON_DEPTH {
            return None;
        }
        match v {
            Json::Object(m) => {
                for (k, child) in m {
                    match k {
                        "recurrenceRule"
                        | "organizerCalendarAddress"
                        | "mainLocationId"
                        | "endTimeZone"
                        | "iCalendar" => return Some(Profile::Bis),
                        "version" if child.as_str() == Some("2.0") => return Some(Profile::Bis),
                        "recurrenceRules"
                        | "excludedRecurrenceRules"
                        | "replyTo"
                        | "requestStatus"
                        | "timeZones"
                        | "iCalComponent"
                        | "iCalProperty"
                        | "sendTo" => return Some(Profile::Rfc8984),
                        _ => {}
                    }
                }
                for (k, child) in m {
                    // Patches and localizations say nothing about the profile.
                    if k == "recurrenceOverrides" || k == "localizations" {
                        continue;
                    }
                    if let Some(p) = walk(child, depth.saturating_add(1)) {
                        return Some(p);
                    }
                }
                None
            }
            Json::Array(a) => a.iter().find_map(|c| walk(c, depth.saturating_add(1))),
            _ => None,
        }
    }
    walk(value, 0).unwrap_or_default()
}
