//! The instances of recurring Events and Tasks in a window (RFC 8984
//! §4.3), expanded by `kalends-rrule`.
//!
//! ```
//! use kalends_jscalendar::expand::{ExpandOptions, expand};
//! use kalends_jscalendar::json::Json;
//!
//! let event = Json::parse(r#"{"@type": "Event", "uid": "u", "updated": "2024-01-01T00:00:00Z",
//!   "title": "Standup", "start": "2024-01-01T09:00:00", "timeZone": "Europe/Berlin",
//!   "duration": "PT15M",
//!   "recurrenceRules": [{"@type": "RecurrenceRule", "frequency": "daily", "count": 4}],
//!   "recurrenceOverrides": {
//!     "2024-01-02T09:00:00": {"title": "Standup (moved)", "start": "2024-01-02T10:00:00"},
//!     "2024-01-03T09:00:00": {"excluded": true}}}"#)?;
//! // 2024-01-01T00:00Z to 2024-01-05T00:00Z, in seconds since the epoch.
//! let got = expand(&event, 1_704_067_200, 1_704_412_800, &ExpandOptions::default())?;
//! let starts: Vec<&str> = got.iter().filter_map(|o| o.object.get("start")?.as_str()).collect();
//! assert_eq!(starts, ["2024-01-01T09:00:00", "2024-01-02T10:00:00", "2024-01-04T09:00:00"]);
//! assert_eq!(got[1].object.get("title").and_then(Json::as_str), Some("Standup (moved)"));
//! assert_eq!(got[1].recurrence_id.as_deref(), Some("2024-01-02T09:00:00"));
//! assert_eq!(got[0].start_utc, 1_704_096_000); // 08:00Z
//! assert_eq!(got[0].end_utc - got[0].start_utc, 15 * 60);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # How
//!
//! Each Event or Task is converted to iCalendar
//! ([`crate::convert::jscal_to_ical_as`], draft-ietf-calext-jscalendar-icalendar
//! §3): `recurrenceRules` (`recurrenceRule` in JSCalendar 2.0) become RRULEs,
//! `excludedRecurrenceRules` EXRULEs, the overrides RDATEs, EXDATEs and
//! RECURRENCE-ID components (draft §2.1.2), custom `timeZones` VTIMEZONEs
//! (draft -11 §2.2.5). `kalends-rrule` expands that calendar
//! ([`kalends_rrule::expand_calendar`]: RFC 5545 §3.3.10 rules, DST gaps and
//! overlaps, the RFC 4791 §9.9 window overlap test). Each occurrence then
//! becomes its JSCalendar object as RFC 8984 §4.3.5 describes: the
//! recurrence properties removed (with the conversion notes about them), `recurrenceId` (and
//! `recurrenceIdTimeZone`) set, `start` (a Task's `start` or `due`) moved
//! to the recurrence id, and the override's patch applied
//! ([`crate::PatchObject`], with the prefixes §4.3.5 ignores left out).
//!
//! Readings:
//!
//! - A cancelled occurrence (`"status": "cancelled"` in its patch) is an
//!   occurrence: JSCalendar keeps it, with its status; an excluded one
//!   (`"excluded": true`) is not.
//! - An Event or Task that does not recur is one occurrence, without
//!   `recurrenceId`; a Task with neither `start` nor `due` has none.
//! - Floating times (no `timeZone`) are placed in UTC to test the window
//!   ([`ExpandOptions::floating_zone`] changes that).

use std::collections::HashMap;

use jiff::Timestamp;
use kalends_ical_core::Component;
use kalends_rrule::Zone;

use crate::convert::values::{from_local_seconds, local_seconds, local_text, parse_js_date_time};
use crate::convert::{Profile, detect_profile, jscal_to_ical_as, occurrence_template};
use crate::error::{Error, ErrorKind};
use crate::json::{Json, JsonObject};
use crate::patch::{PatchObject, is_override_patch_applied};

/// Options of [`expand`].
#[derive(Debug, Clone)]
pub struct ExpandOptions {
    /// The most occurrences one call returns; more is an
    /// [`ErrorKind::LimitExceeded`] error. Default 100,000.
    pub max_occurrences: usize,
    /// The zone floating times are placed in for the window test (RFC 8984
    /// §1.4.4 leaves floating times unanchored). `None` (the default) is
    /// UTC. An IANA name.
    pub floating_zone: Option<String>,
}

impl Default for ExpandOptions {
    fn default() -> ExpandOptions {
        ExpandOptions {
            max_occurrences: 100_000,
            floating_zone: None,
        }
    }
}

/// One occurrence of an Event or Task.
#[derive(Debug, Clone, PartialEq)]
pub struct Occurrence {
    /// The recurrence id (a LocalDateTime in the object's time zone, RFC
    /// 8984 §4.3.1); `None` for an object that does not recur.
    pub recurrence_id: Option<String>,
    /// The start instant, seconds since the Unix epoch.
    pub start_utc: i64,
    /// The end instant (start plus `duration`; a Task's `due`), seconds
    /// since the Unix epoch.
    pub end_utc: i64,
    /// True when `recurrenceOverrides` has a patch for this occurrence.
    pub is_override: bool,
    /// The occurrence as a JSCalendar object (RFC 8984 §4.3.5).
    pub object: Json<'static>,
}

/// The occurrences of `value` that overlap `[start_utc, end_utc)` (seconds
/// since the Unix epoch), ordered by start, then end.
///
/// `value` is an Event, a Task, a Group (its entries; the Group's
/// `timeZones` serve them all) or a JSON array of these; other entries are
/// skipped. The profile (RFC 8984 or JSCalendar 2.0) is detected
/// ([`detect_profile`]).
///
/// Errors: [`ErrorKind::Unsupported`] for other JSON, [`ErrorKind::Expansion`]
/// when `kalends-rrule` cannot expand a rule (quoted), and
/// [`ErrorKind::LimitExceeded`] past [`ExpandOptions::max_occurrences`] or
/// the expansion's work budget.
pub fn expand(
    value: &Json<'_>,
    start_utc: i64,
    end_utc: i64,
    options: &ExpandOptions,
) -> Result<Vec<Occurrence>, Error> {
    let profile = detect_profile(value);
    let mut out = Vec::new();
    let mut ctx = Expansion {
        profile,
        start: timestamp(start_utc)?,
        end: timestamp(end_utc)?,
        options,
        out: &mut out,
    };
    ctx.value(value, None, 0)?;
    out.sort_by_key(|o| (o.start_utc, o.end_utc));
    Ok(out)
}

fn timestamp(secs: i64) -> Result<Timestamp, Error> {
    Timestamp::from_second(secs).map_err(|e| {
        Error::new(
            ErrorKind::OutOfRange,
            format!("The window bound {secs} is not a time jiff can represent: {e}."),
        )
    })
}

struct Expansion<'o, 'v> {
    profile: Profile,
    start: Timestamp,
    end: Timestamp,
    options: &'o ExpandOptions,
    out: &'v mut Vec<Occurrence>,
}

impl Expansion<'_, '_> {
    fn value(
        &mut self,
        value: &Json<'_>,
        group: Option<&JsonObject<'_>>,
        depth: usize,
    ) -> Result<(), Error> {
        if depth > 2 {
            return Ok(());
        }
        match value {
            Json::Array(items) => {
                for item in items {
                    self.value(item, group, depth.saturating_add(1))?;
                }
                Ok(())
            }
            Json::Object(o) => match o.get("@type").and_then(Json::as_str) {
                Some("Group") => {
                    if let Some(Json::Array(entries)) = o.get("entries") {
                        for e in entries {
                            if let Some(obj) = e.as_object()
                                && matches!(
                                    obj.get("@type").and_then(Json::as_str),
                                    Some("Event" | "Task")
                                )
                            {
                                self.object(obj, Some(o))?;
                            }
                        }
                    }
                    Ok(())
                }
                Some("Event" | "Task") => self.object(o, group),
                _ => Err(unsupported()),
            },
            _ => Err(unsupported()),
        }
    }

    /// The occurrences of one Event or Task of `group`.
    fn object(&mut self, o: &JsonObject<'_>, group: Option<&JsonObject<'_>>) -> Result<(), Error> {
        let task = o.get("@type").and_then(Json::as_str) == Some("Task");
        // The property the recurrence is anchored on (RFC 8984 §4.3.3).
        let anchor = if task && !o.contains_key("start") {
            "due"
        } else {
            "start"
        };
        if !o.get(anchor).is_some_and(Json::is_string) {
            return Ok(());
        }
        // The object alone in its Group, which has what the calendar holds
        // for all entries: custom time zones (`timeZones`, or VTIMEZONEs in
        // the Group's iCalendar carrier).
        let mut alone = JsonObject::with_capacity(group.map_or(2, JsonObject::len));
        match group {
            Some(g) => {
                for (k, v) in g {
                    if k != "entries" {
                        alone.insert(k.to_owned(), v.clone());
                    }
                }
            }
            None => {
                alone.insert("@type", Json::from("Group"));
            }
        }
        alone.insert("entries", Json::Array(vec![Json::Object(o.clone())]));
        let alone = Json::Object(alone);
        let doc = jscal_to_ical_as(&alone, self.profile)?;
        let Some(cal) = doc.components.first() else {
            return Ok(());
        };
        let mut rr = kalends_rrule::ExpandOptions {
            include_cancelled: true,
            max_occurrences: self.options.max_occurrences,
            ..kalends_rrule::ExpandOptions::default()
        };
        if let Some(name) = &self.options.floating_zone {
            rr.recurrence.floating_zone = Some(Zone::resolve(name).map_err(|e| {
                Error::new(
                    ErrorKind::Expansion,
                    format!("The floating zone `{name}` is not known: {e}"),
                )
            })?);
        }
        let occurrences =
            kalends_rrule::expand_calendar(cal, self.start, self.end, &rr).map_err(rrule_error)?;
        // The overrides by local time (the first of keys that name the
        // same time wins), so that each occurrence finds its own in
        // constant time.
        let mut overrides: HashMap<i64, (&str, &Json<'_>)> = HashMap::new();
        if let Some(m) = o.get("recurrenceOverrides").and_then(Json::as_object) {
            for (k, v) in m {
                if let Some((d, t, _)) = parse_js_date_time(k) {
                    overrides.entry(local_seconds(d, t)).or_insert((k, v));
                }
            }
        }
        // The object without its recurrence, which each occurrence starts
        // from (RFC 8984 §4.3.5), made once.
        let mut template: Option<JsonObject<'static>> = None;
        for occ in &occurrences {
            if self.out.len() >= self.options.max_occurrences {
                return Err(Error::new(
                    ErrorKind::LimitExceeded,
                    format!(
                        "The window holds more than {} occurrences (ExpandOptions::max_occurrences).",
                        self.options.max_occurrences
                    ),
                ));
            }
            if !is_main_kind(occ.component) {
                continue;
            }
            let (rid, patch) = match occ.recurrence_id {
                Some(r) => {
                    let local = r.local_seconds();
                    let key = overrides.get(&local);
                    let text = match key {
                        Some((k, _)) => (*k).to_owned(),
                        None => match from_local_seconds(local) {
                            Some((d, t)) => local_text(d, t).into_string(),
                            None => continue,
                        },
                    };
                    (Some(text), key.map(|(_, p)| *p))
                }
                None => (None, None),
            };
            let object = match &rid {
                Some(id) => {
                    let base = template
                        .get_or_insert_with(|| {
                            occurrence_template(o, self.profile.names().comp).into_owned()
                        })
                        .clone();
                    occurrence_object(base, id, anchor, patch)?
                }
                None => Json::Object(o.clone()).into_owned(),
            };
            self.out.push(Occurrence {
                recurrence_id: rid,
                start_utc: occ.start.utc_seconds(),
                end_utc: occ.end.utc_seconds(),
                is_override: patch.is_some(),
                object,
            });
        }
        Ok(())
    }
}

fn is_main_kind(c: &Component<'_>) -> bool {
    c.is("VEVENT") || c.is("VTODO")
}

fn unsupported() -> Error {
    Error::new(
        ErrorKind::Unsupported,
        "Only Events, Tasks, Groups and arrays of them have occurrences (RFC 8984 §4.3)."
            .to_owned(),
    )
}

fn rrule_error(e: kalends_rrule::Error) -> Error {
    let kind = if e.kind() == kalends_rrule::ErrorKind::BudgetExhausted {
        ErrorKind::LimitExceeded
    } else {
        ErrorKind::Expansion
    };
    Error::new(kind, format!("The recurrence cannot be expanded: {e}"))
}

/// The occurrence at recurrence id `rid` (RFC 8984 §4.3.5) of the object
/// whose members other than its recurrence are `base`.
fn occurrence_object(
    mut base: JsonObject<'static>,
    rid: &str,
    anchor: &str,
    patch: Option<&Json<'_>>,
) -> Result<Json<'static>, Error> {
    // A Task with both start and due keeps its length (the reading of
    // `Task::occurrence`).
    if anchor == "start"
        && let (Some(start), Some(due)) = (
            base.get("start").and_then(Json::as_str),
            base.get("due").and_then(Json::as_str),
        )
        && let (Some(s), Some(d), Some(r)) = (
            parse_js_date_time(start),
            parse_js_date_time(due),
            parse_js_date_time(rid),
        )
    {
        let shift = local_seconds(r.0, r.1).saturating_sub(local_seconds(s.0, s.1));
        if let Some((dd, dt)) = from_local_seconds(local_seconds(d.0, d.1).saturating_add(shift)) {
            base.insert("due", Json::from(local_text(dd, dt)));
        }
    }
    base.insert(anchor.to_owned(), Json::from(rid.to_owned()));
    let tz = base.get("timeZone").cloned().unwrap_or(Json::Null);
    base.insert("recurrenceId", Json::from(rid.to_owned()));
    base.insert("recurrenceIdTimeZone", tz);
    let Some(patch) = patch else {
        return Ok(Json::Object(base));
    };
    let serde_json::Value::Object(map) = patch.to_value() else {
        return Err(Error::new(
            ErrorKind::WrongType,
            format!("The override `{rid}` is not a PatchObject (RFC 8984 §4.3.5)."),
        ));
    };
    let patch = PatchObject::from_map(map)?;
    let serde_json::Value::Object(mut target) = Json::Object(base).to_value() else {
        return Err(unsupported());
    };
    let at = crate::patch::pointer::child("/recurrenceOverrides", rid);
    patch
        .apply_where(&mut target, is_override_patch_applied)
        .map_err(|e| e.within(&at))?;
    Ok(Json::from(serde_json::Value::Object(target)))
}
