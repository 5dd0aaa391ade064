//! JSCalendar → iCalendar (draft-ietf-calext-jscalendar-icalendar §3).
//!
//! Every JSCalendar property is either converted by the tables of §3, or
//! written as `JSCAL-PROP` / `JSPROP` (§4.1.2), so that reading the result
//! back gives it again. Conversion notes (`convertedProperties`,
//! `iCalProperty`) choose the iCalendar property and add the parameters
//! the JSCalendar data cannot express; carried iCalendar data
//! (`iCalComponent` / `iCalendar`) is written back as it was.
//!
//! The result borrows from the JSCalendar input: a value or parameter that
//! needs no escaping, quoting or reformatting (a UID, a calendar address, a
//! CN, a TZID …) is a slice of the input's strings, and names are
//! `&'static`. JSON pointers and notes are looked up without building
//! strings, so an object without conversion notes costs no allocation
//! beyond its properties.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;

use crate::json::{INDEX_FROM, Json, JsonObject};
use kalends_ical_core::contentline::encoded_param_value;
use kalends_ical_core::value::{Date, Recur, Time, escape_text, escape_text_into};
use kalends_ical_core::{Component, Document, Parameter, Property};
use kalends_rrule::Zone;

use super::names::Names;
use super::to_jscal::is_date_form;
use super::values::{
    FNV_OFFSET, FNV_PRIME, KeyScratch, KeySet, Small, Zones, fnv_extend, from_local_seconds, is_id,
    local_seconds, parse_js_date_time, uncarry_component, uncarry_property,
};
use super::{Profile, occurrence_template};
use crate::error::{Error, ErrorKind, quote_json};
use crate::patch::pointer;

type Obj<'o> = JsonObject<'o>;
type Comp<'o> = Component<'o>;
type Prop<'o> = Property<'o>;

/// The PRODID written when the JSCalendar data names none (RFC 5545 §3.7.3
/// requires one).
pub(crate) const PRODID: &str = "-//kalends//kalends-jscalendar//EN";

pub(crate) fn document<'j>(value: &'j Json<'_>, profile: Profile) -> Result<Document<'j>, Error> {
    let mut j = J::new(profile);
    let mut calendars = Vec::new();
    match value {
        Json::Array(items) => {
            let mut loose: Vec<&'j Obj<'j>> = Vec::new();
            for item in items {
                let Json::Object(o) = item else {
                    return Err(not_jscal(item));
                };
                match o.get("@type").and_then(Json::as_str) {
                    Some("Group") => {
                        if !loose.is_empty() {
                            calendars.push(j.group(None, std::mem::take(&mut loose))?);
                        }
                        calendars.push(j.group(Some(o), group_entries(o))?);
                    }
                    Some("Event" | "Task") => loose.push(o),
                    _ => return Err(not_jscal(item)),
                }
            }
            if !loose.is_empty() {
                calendars.push(j.group(None, loose)?);
            }
        }
        Json::Object(o) => match o.get("@type").and_then(Json::as_str) {
            Some("Group") => calendars.push(j.group(Some(o), group_entries(o))?),
            Some("Event" | "Task") => calendars.push(j.group(None, vec![o])?),
            _ => return Err(not_jscal(value)),
        },
        other => return Err(not_jscal(other)),
    }
    Ok(Document::new(calendars))
}

/// The Events and Tasks of a Group (what is not an object is skipped).
fn group_entries<'o>(g: &'o Obj<'o>) -> Vec<&'o Obj<'o>> {
    g.get("entries")
        .and_then(Json::as_array)
        .map(|a| a.iter().filter_map(Json::as_object).collect())
        .unwrap_or_default()
}

fn not_jscal(v: &Json<'_>) -> Error {
    Error::new(
        ErrorKind::Unsupported,
        format!(
            "Expected a JSCalendar Group, Event or Task (an object with `@type`), found `{}`.",
            quote_json(&v.to_value())
        ),
    )
}

// ---------------------------------------------------------------------------
// Small builders.

fn prop<'o>(name: &'static str, value: impl Into<Cow<'o, str>>) -> Prop<'o> {
    Property::new(name, value)
}

/// A TEXT property: the input text itself when it needs no escaping.
fn text_prop<'o>(name: &'static str, text: &'o str) -> Prop<'o> {
    Property::new(name, text_value(text))
}

/// `text` escaped as TEXT (RFC 5545 §3.3.11): borrowed when nothing
/// needs escaping (the search reads eight bytes at a time).
fn text_value(text: &str) -> Cow<'_, str> {
    escape_text(text)
}

/// [`text_prop`] for text that may be owned.
fn text_prop_cow<'o>(name: &'static str, text: &Cow<'o, str>) -> Prop<'o> {
    match text {
        Cow::Borrowed(t) => text_prop(name, t),
        Cow::Owned(t) => Property::new(name, text_value(t).into_owned()),
    }
}

fn param<'o>(name: &'static str, value: &'o str) -> Parameter<'o> {
    Parameter::from_raw(name, Some(encoded_param_value(value)))
}

/// A parameter whose value is a token written here (`VALUE=DATE`,
/// `PARTSTAT=ACCEPTED` …): letters, digits and `-`, nothing to quote.
fn fixed_param(name: &'static str, value: &'static str) -> Parameter<'static> {
    Parameter::from_raw(name, Some(Cow::Borrowed(value)))
}

/// Adds `param` to `p`, making room for this one only when `p` has none:
/// most properties have one parameter, and a list of one is small enough
/// for the allocator's fast bins (a growing `Vec` would make room for
/// four).
fn push_param<'o>(p: &mut Prop<'o>, param: Parameter<'o>) {
    let params = p.params_mut();
    if params.capacity() == 0 {
        params.reserve_exact(1);
    }
    params.push(param);
}

/// [`param`] for a value that may be owned.
fn param_cow<'o>(name: &'static str, value: &Cow<'o, str>) -> Parameter<'o> {
    match value {
        Cow::Borrowed(v) => param(name, v),
        Cow::Owned(v) => {
            Parameter::from_raw(name, Some(Cow::Owned(encoded_param_value(v).into_owned())))
        }
    }
}

/// A multi-valued parameter (`MEMBER="a","b"`), each value encoded.
fn multi_param<'o, 'v>(
    name: impl Into<Cow<'o, str>>,
    values: impl IntoIterator<Item = &'v str>,
) -> Parameter<'o> {
    let mut raw = String::new();
    for (i, v) in values.into_iter().enumerate() {
        if i > 0 {
            raw.push(',');
        }
        kalends_ical_core::contentline::encode_param_value(v, &mut raw);
    }
    Parameter::from_raw(name, Some(Cow::Owned(raw)))
}

/// [`param`] for a value made here.
fn param_owned(name: &'static str, value: String) -> Parameter<'static> {
    let raw = match encoded_param_value(&value) {
        Cow::Owned(encoded) => encoded,
        Cow::Borrowed(_) => value,
    };
    Parameter::from_raw(name, Some(Cow::Owned(raw)))
}

/// [`multi_param`] of the values in upper case (FEATURE, RELTYPE …).
fn upper_multi_param<'o, 'v>(
    name: &'static str,
    values: impl IntoIterator<Item = &'v str>,
) -> Parameter<'o> {
    let mut raw = String::new();
    for (i, v) in values.into_iter().enumerate() {
        if i > 0 {
            raw.push(',');
        }
        kalends_ical_core::contentline::encode_param_value(&v.to_ascii_uppercase(), &mut raw);
    }
    Parameter::from_raw(name, Some(Cow::Owned(raw)))
}

/// A parameter that must be quoted (JSCAL-PATH, JSPTR: -11 §4.2.2).
fn quoted_param(name: &'static str, value: &str) -> Parameter<'static> {
    let mut raw = String::with_capacity(value.len().saturating_add(2));
    raw.push('"');
    for c in value.chars() {
        match c {
            '^' => raw.push_str("^^"),
            '"' => raw.push_str("^'"),
            '\n' => raw.push_str("^n"),
            c => raw.push(c),
        }
    }
    raw.push('"');
    Parameter::from_raw(name, Some(Cow::Owned(raw)))
}

/// The iCalendar parameter names a conversion note is likely to record,
/// upper-cased once here rather than for every note.
const PARAM_NAMES: &[&str] = &[
    "ALTREP",
    "CN",
    "CUTYPE",
    "DELEGATED-FROM",
    "DELEGATED-TO",
    "DIR",
    "DISPLAY",
    "EMAIL",
    "ENCODING",
    "FEATURE",
    "FMTTYPE",
    "FBTYPE",
    "LABEL",
    "LANGUAGE",
    "LINKREL",
    "MEMBER",
    "PARTSTAT",
    "RANGE",
    "RELATED",
    "RELTYPE",
    "ROLE",
    "RSVP",
    "SCHEDULE-AGENT",
    "SCHEDULE-FORCE-SEND",
    "SCHEDULE-STATUS",
    "SENT-BY",
    "TZID",
    "VALUE",
    "X-LIC-ERROR",
];

/// The value types (RFC 5545 §3.2.20) a note's `valueType` names.
const VALUE_TYPES: &[&str] = &[
    "BINARY",
    "BOOLEAN",
    "CAL-ADDRESS",
    "DATE",
    "DATE-TIME",
    "DURATION",
    "FLOAT",
    "INTEGER",
    "PERIOD",
    "RECUR",
    "TEXT",
    "TIME",
    "URI",
    "UTC-OFFSET",
];

/// `name` in upper case: a `&'static` name when `known` has it.
fn upper_in(known: &[&'static str], name: &str) -> Cow<'static, str> {
    // The names as jCal and JSCalendar write them: compared exactly first.
    let exact = match name {
        "cn" => Some("CN"),
        "sent-by" => Some("SENT-BY"),
        "tzid" => Some("TZID"),
        "language" => Some("LANGUAGE"),
        "accepted" => Some("ACCEPTED"),
        "needs-action" => Some("NEEDS-ACTION"),
        "declined" => Some("DECLINED"),
        "tentative" => Some("TENTATIVE"),
        "display" => Some("DISPLAY"),
        "date" => Some("DATE"),
        "date-time" => Some("DATE-TIME"),
        _ => None,
    };
    if let Some(n) = exact {
        return Cow::Borrowed(n);
    }
    match known.iter().find(|n| n.eq_ignore_ascii_case(name)) {
        Some(n) => Cow::Borrowed(n),
        None => Cow::Owned(name.to_ascii_uppercase()),
    }
}

fn str_of<'v>(o: &'v Obj<'v>, k: &str) -> Option<&'v str> {
    o.get(k).and_then(Json::as_str)
}

/// A JSON set (`{"a": true}`), if `v` is one: its members are the keys.
fn set_of<'v>(v: &'v Json<'v>) -> Option<&'v Obj<'v>> {
    let m = v.as_object()?;
    m.values()
        .all(|val| matches!(val, Json::Bool(true)))
        .then_some(m)
}

/// True for a JSON set with at least one member.
fn non_empty_set(v: &Json<'_>) -> bool {
    set_of(v).is_some_and(|m| !m.is_empty())
}

/// `YYYYMMDD` or `YYYYMMDDTHHMMSS[Z]` (RFC 5545 §3.3.4, §3.3.5), written
/// as `DateTime::write_to` writes it, into a string of the exact size (the
/// digits pushed as characters: no UTF-8 check of a byte buffer).
fn ical_dt(d: Date, t: Time, date: bool, utc: bool) -> String {
    fn two(out: &mut String, v: u8) {
        out.push(char::from(b'0'.saturating_add(v / 10 % 10)));
        out.push(char::from(b'0'.saturating_add(v % 10)));
    }
    let len = match (date, utc) {
        (true, _) => 8,
        (false, true) => 16,
        (false, false) => 15,
    };
    let mut s = String::with_capacity(len);
    let y = d.year().unsigned_abs();
    two(&mut s, u8::try_from(y / 100 % 100).unwrap_or(0));
    two(&mut s, u8::try_from(y % 100).unwrap_or(0));
    two(&mut s, d.month());
    two(&mut s, d.day());
    if !date {
        s.push('T');
        two(&mut s, t.hour());
        two(&mut s, t.minute());
        two(&mut s, t.second());
        if utc {
            s.push('Z');
        }
    }
    s
}

/// A UTCDateTime as an iCalendar UTC DATE-TIME.
fn ical_utc(v: &Json<'_>) -> Option<String> {
    let (d, t, z) = parse_js_date_time(v.as_str()?)?;
    if !z {
        return None;
    }
    Some(ical_dt(d, t, false, true))
}

/// True when `path` is the JSON pointer path (no leading `/`) of `segs`,
/// each escaped (RFC 6901 §3), as [`pointer::to_pointer`] writes it: the
/// lookup of a note without building its path.
fn path_is(path: &str, segs: &[&str]) -> bool {
    let mut rest = path.as_bytes();
    for (i, seg) in segs.iter().enumerate() {
        if i > 0 {
            match rest.split_first() {
                Some((b'/', r)) => rest = r,
                _ => return false,
            }
        }
        for &b in seg.as_bytes() {
            let want: &[u8] = match b {
                b'~' => b"~0",
                b'/' => b"~1",
                _ => std::slice::from_ref(&b),
            };
            match rest.strip_prefix(want) {
                Some(r) => rest = r,
                None => return false,
            }
        }
    }
    rest.is_empty()
}

/// The JSON pointer path (no leading `/`) of `segs`.
fn path_of(segs: &[&str]) -> String {
    let p = pointer::to_pointer(segs);
    p.strip_prefix('/').unwrap_or(&p).to_owned()
}

/// A conversion note (an ICalProperty).
#[derive(Clone, Copy)]
struct Note<'v> {
    rec: Option<&'v Obj<'v>>,
}

impl<'v> Note<'v> {
    fn none() -> Note<'v> {
        Note { rec: None }
    }

    fn of(v: Option<&'v Json<'v>>) -> Note<'v> {
        Note {
            rec: v.and_then(Json::as_object),
        }
    }

    fn exists(&self) -> bool {
        self.rec.is_some()
    }

    fn name(&self) -> Option<&'v str> {
        self.rec.and_then(|r| str_of(r, "name"))
    }

    /// True when the note names the property `name` (given in lower
    /// case), ignoring ASCII case.
    fn name_is(&self, name: &str) -> bool {
        match self.rec.and_then(|r| r.get("name")) {
            // Compared as bytes first: notes name properties in lower case.
            Some(Json::String(n)) => *n == name || n.as_str().eq_ignore_ascii_case(name),
            _ => false,
        }
    }

    fn value_type(&self) -> Option<&'v str> {
        self.rec.and_then(|r| str_of(r, "valueType"))
    }

    fn params(&self) -> Option<&'v Obj<'v>> {
        self.rec
            .and_then(|r| r.get("parameters"))
            .and_then(Json::as_object)
    }

    /// Adds the recorded parameters and VALUE to `p`: a recorded parameter
    /// replaces a derived one of the same name.
    fn apply<'o>(&self, p: &mut Prop<'o>)
    where
        'v: 'o,
    {
        let Some(rec) = self.rec else { return };
        if let Some(params) = rec.get("parameters").and_then(Json::as_object) {
            // Room for them, and no more (see `push_param`).
            p.params_mut().reserve_exact(params.len());
            for (k, v) in params {
                if !super::values::is_name(k) {
                    continue;
                }
                p.remove_param(k);
                let made = if let Some(s) = v.as_str() {
                    Parameter::from_raw(upper_in(PARAM_NAMES, k), Some(encoded_param_value(s)))
                } else if let Some(a) = v.as_array() {
                    multi_param(upper_in(PARAM_NAMES, k), a.iter().filter_map(Json::as_str))
                } else {
                    continue;
                };
                p.params_mut().push(made);
            }
        }
        if let Some(vt) = str_of(rec, "valueType")
            && super::values::is_name(vt)
        {
            p.remove_param("VALUE");
            // A name needs no quoting: the upper-cased text is the value.
            p.params_mut().push(Parameter::from_raw(
                "VALUE",
                Some(upper_in(VALUE_TYPES, vt)),
            ));
        }
    }
}

/// The notes of a carrier with many, by path.
#[allow(
    clippy::box_collection,
    reason = "boxed so that the common case, no index, stays one word"
)]
#[cold]
fn index_notes<'v>(notes: &'v Obj<'v>) -> Box<HashMap<&'v str, &'v Json<'v>>> {
    Box::new(notes.iter().collect())
}

/// The carrier of one object: converted-property notes and carried data.
struct Carrier<'v> {
    conv: Option<&'v Obj<'v>>,
    /// `conv` by path, when it has many notes (thousands of overridden
    /// RDATEs), so that looking each one up stays linear in all.
    #[allow(
        clippy::box_collection,
        reason = "boxed so that the common case, no index, stays one word"
    )]
    conv_index: Option<Box<HashMap<&'v str, &'v Json<'v>>>>,
    props: &'v [Json<'v>],
    comps: &'v [Json<'v>],
    present: bool,
}

impl<'v> Carrier<'v> {
    fn of(obj: &'v Obj<'v>, n: &Names) -> Carrier<'v> {
        Carrier::of_member(obj.get(n.comp))
    }

    /// The carrier in member `c` of an object (its `iCalComponent` /
    /// `iCalendar`).
    fn of_member(c: Option<&'v Json<'v>>) -> Carrier<'v> {
        match c.and_then(Json::as_object) {
            Some(c) => {
                let conv = c.get("convertedProperties").and_then(Json::as_object);
                Carrier {
                    conv,
                    conv_index: conv
                        .filter(|notes| notes.len() >= INDEX_FROM)
                        .map(index_notes),
                    props: c
                        .get("properties")
                        .and_then(Json::as_array)
                        .map_or(&[], Vec::as_slice),
                    comps: c
                        .get("components")
                        .and_then(Json::as_array)
                        .map_or(&[], Vec::as_slice),
                    present: true,
                }
            }
            None => Carrier::empty(),
        }
    }

    /// The carrier of an object that has none.
    fn empty() -> Carrier<'v> {
        Carrier {
            conv: None,
            conv_index: None,
            props: &[],
            comps: &[],
            present: false,
        }
    }

    #[inline]
    fn note(&self, path: &str) -> Note<'v> {
        if let Some(index) = &self.conv_index {
            return Note::of(index.get(path).copied());
        }
        Note::of(self.conv.and_then(|c| c.get(path)))
    }

    /// `p` with the note at `path` applied.
    fn noted<'o>(&self, path: &str, mut p: Prop<'o>) -> Prop<'o>
    where
        'v: 'o,
    {
        self.note(path).apply(&mut p);
        p
    }

    /// The note at the JSON pointer path of `segs`, found without building
    /// the path.
    fn note_at(&self, segs: &[&str]) -> Note<'v> {
        if self.conv_index.is_some() {
            return self.note(&path_of(segs));
        }
        Note::of(
            self.conv
                .and_then(|c| c.iter().find(|(k, _)| path_is(k, segs)).map(|(_, v)| v)),
        )
    }

    /// True when the carried properties have one named `name`.
    fn carries(&self, name: &str) -> bool {
        self.props.iter().any(|p| {
            p.as_array()
                .and_then(|a| a.first())
                .and_then(Json::as_str)
                .is_some_and(|n| n.eq_ignore_ascii_case(name))
        })
    }

    /// The text of the first carried property named `name`.
    fn carried_text(&self, name: &str) -> Option<String> {
        self.props.iter().find_map(|p| {
            let n = p.as_array()?.first()?.as_str()?;
            if !n.eq_ignore_ascii_case(name) {
                return None;
            }
            uncarry_property(p).map(|q| q.text_value().into_owned())
        })
    }

    /// Writes the carried properties and components into `c`; those that
    /// do not read as iCalendar become JSCAL-PROPs of the whole carrier.
    fn write(&self, c: &mut Comp<'v>) -> bool {
        let mut ok = true;
        for p in self.props {
            if let Some(q) = carried_text_prop(p) {
                c.push(q);
                continue;
            }
            match uncarry_property(p) {
                Some(q) => c.push(q),
                None => ok = false,
            }
        }
        for sub in self.comps {
            match uncarry_component(sub, 1) {
                Some(q) => c.push_component(q),
                None => ok = false,
            }
        }
        ok
    }
}

/// A carried jCal property `["name", {}, "text", "value"]` (RFC 7265
/// §3.4) of a property whose default value type is TEXT, as
/// `uncarry_property` reads it, without the detour through
/// `serde_json`: the value escaped, no parameters.
fn carried_text_prop<'v>(p: &'v Json<'v>) -> Option<Prop<'v>> {
    let a = p.as_array()?;
    let (name, params, kind, value) = match a.as_slice() {
        [name, params, kind, value] => (name.as_str()?, params, kind.as_str()?, value.as_str()?),
        _ => return None,
    };
    if kind != "text" || !params.as_object()?.is_empty() {
        return None;
    }
    let name = match name {
        "description" => "DESCRIPTION",
        "summary" => "SUMMARY",
        "comment" => "COMMENT",
        "location" => "LOCATION",
        "contact" => "CONTACT",
        "tzname" => "TZNAME",
        _ => return None,
    };
    Some(Property::new(name, text_value(value)))
}

/// The JSCalendar keys a conversion has handled.
#[derive(Clone)]
struct SmallStrs<'s>(Small<&'s str, 16>);

impl<'s> SmallStrs<'s> {
    fn new() -> SmallStrs<'s> {
        SmallStrs(Small::new(""))
    }

    fn push(&mut self, s: &'s str) {
        self.0.push(s);
    }

    fn extend(&mut self, items: impl IntoIterator<Item = &'s str>) {
        for s in items {
            self.0.push(s);
        }
    }

    fn contains(&self, s: &str) -> bool {
        self.0.iter().any(|x| *x == s)
    }
}

/// The keys of one Id-keyed map as [`super::values::KeyGen`] generates
/// them, checked without allocating: the keys taken are borrowed, and a
/// draft -11 key (the 64-bit FNV-1a hash of its base in 16 hex digits) is
/// compared in place. Draft -25's UUIDv5 keys are made as `KeyGen` makes
/// them.
struct Keys<'k> {
    used: KeySet<&'k str, 8>,
    uuid: bool,
}

impl<'k> Keys<'k> {
    fn new(n: &Names) -> Keys<'k> {
        Keys {
            used: KeySet::new(""),
            uuid: n.uuid_keys,
        }
    }

    fn is_used(&self, key: &str) -> bool {
        self.used.contains(key.as_bytes())
    }

    /// True when `key` is the key generated for component `c` (VLOCATION,
    /// PARTICIPANT, VALARM): its UID when that is an Id not yet used, else
    /// from its content, as [`KeyScratch::base`] makes the base (in
    /// `scratch`, which keeps its buffers from one component to the next).
    fn predicts_component(
        &self,
        c: &Comp<'_>,
        n: &Names,
        key: &str,
        scratch: &mut KeyScratch,
    ) -> bool {
        if let Some(uid) = c.property("UID").map(|p| p.text_value())
            && is_id(&uid)
        {
            return if self.is_used(&uid) {
                self.predicts(&uid, false, key)
            } else {
                uid == key
            };
        }
        self.predicts(scratch.base(c, &[n.id, n.jsprop]), false, key)
    }

    fn take(&mut self, key: &'k str) {
        self.used.insert(key);
    }

    /// True when `key` is the key generated for `base` (ASCII-lower-cased
    /// first when `lower`), as `KeyGen::predict` makes it: the hash of the
    /// base, else, while that key is taken, of the base, a NUL and a
    /// counter from 1.
    fn predicts(&self, base: &str, lower: bool, key: &str) -> bool {
        if self.uuid {
            // Made as text on the stack, the base lower-cased as it is
            // hashed (no allocation).
            let base = base.as_bytes();
            let mut made = super::uuid::uuid_v5_key(&[base], lower);
            let mut n = 1u32;
            while self.used.contains(&made) {
                let mut buf = [0u8; 10];
                made = super::uuid::uuid_v5_key(&[base, b"\0", decimal(n, &mut buf)], lower);
                n = n.saturating_add(1);
            }
            return key.as_bytes() == made;
        }
        // Draft -11: 16 hex digits.
        if key.len() != 16 {
            return false;
        }
        let step = |h: u64, b: u8| (h ^ u64::from(b)).wrapping_mul(FNV_PRIME);
        let base_hash = fnv_extend(FNV_OFFSET, base.as_bytes(), lower);
        // The keys compared as 16-byte words (no call to `memcmp`).
        let mut digits = hex_digits(base_hash);
        let mut made = word16(&digits);
        let mut n = 1u32;
        while self
            .used
            .contains_by(&digits, |u| word16(u.as_bytes()) == made)
        {
            let mut buf = [0u8; 10];
            let h = decimal(n, &mut buf)
                .iter()
                .fold(base_hash.wrapping_mul(FNV_PRIME), |h, &b| step(h, b));
            digits = hex_digits(h);
            made = word16(&digits);
            n = n.saturating_add(1);
        }
        word16(key.as_bytes()) == made
    }
}

/// `h` in 16 lower-case hex digits, as `values::hex16` writes it, computed
/// eight digits at a time: each nibble is spread into a byte of its own,
/// then `'0'` is added, and `'a' - '0' - 10` more to the nibbles above 9.
fn hex_digits(h: u64) -> [u8; 16] {
    const NIBBLES: u64 = 0x0f0f_0f0f_0f0f_0f0f;
    const ONES: u64 = 0x0101_0101_0101_0101;
    let spread = |x: u64| -> u64 {
        // The 32 bits of `x`, one nibble a byte, the last nibble in the
        // lowest byte.
        let x = (x | (x << 16)) & 0x0000_ffff_0000_ffff;
        let x = (x | (x << 8)) & 0x00ff_00ff_00ff_00ff;
        (x | (x << 4)) & NIBBLES
    };
    let digits = |n: u64| -> [u8; 8] {
        // A nibble plus 6 reaches 16 (bit 4) from 10 on; no byte carries.
        let letters = (n.wrapping_add(ONES.wrapping_mul(6)) >> 4) & ONES;
        let ascii = n
            .wrapping_add(ONES.wrapping_mul(u64::from(b'0')))
            .wrapping_add(letters.wrapping_mul(u64::from(b'a' - b'0' - 10)));
        ascii.to_be_bytes()
    };
    let mut out = [0u8; 16];
    let (high, low) = out.split_at_mut(8);
    high.copy_from_slice(&digits(spread(h >> 32)));
    low.copy_from_slice(&digits(spread(h & 0xffff_ffff)));
    out
}

/// A draft -11 key (16 bytes) as one number, to compare keys without a
/// call to `memcmp`; `None` for text of another length.
fn word16(b: &[u8]) -> Option<u128> {
    <[u8; 16]>::try_from(b).ok().map(u128::from_ne_bytes)
}

/// The decimal digits of `n`, written at the end of `buf`.
fn decimal(mut n: u32, buf: &mut [u8; 10]) -> &[u8] {
    let mut at = buf.len();
    loop {
        at = at.saturating_sub(1);
        if let Some(slot) = buf.get_mut(at) {
            *slot = b'0'.saturating_add(u8::try_from(n % 10).unwrap_or(0));
        }
        n /= 10;
        if n == 0 || at == 0 {
            break;
        }
    }
    buf.get(at..).unwrap_or(&[])
}

// ---------------------------------------------------------------------------
// The converter.

struct J {
    profile: Profile,
    n: &'static Names,
    zones: Zones,
    /// The zone last looked up in `zones`: the objects of a calendar are
    /// mostly in one.
    last_zone: Option<(String, Option<Zone>)>,
    /// JSCalendar TimeZoneIds of custom zones → their iCalendar TZID.
    custom: Vec<(String, String)>,
    /// Buffers for the keys of components.
    scratch: KeyScratch,
}

/// What the object says about its time zone.
#[derive(Clone)]
struct ObjZone<'o> {
    /// The iCalendar TZID (`None`: floating).
    tzid: Option<Cow<'o, str>>,
    /// UTC (`Etc/UTC`): written with `Z`.
    utc: bool,
    /// Date-times are written as DATEs when at midnight (-25 §3.2).
    date_form: bool,
}

impl<'o> ObjZone<'o> {
    /// The zone its times are in, for [`J::utc_of`]: `UTC`, the TZID, or
    /// `None` (floating).
    fn zone_name(&self) -> Option<&str> {
        if self.utc {
            Some("UTC")
        } else {
            self.tzid.as_deref()
        }
    }
}

impl J {
    fn new(profile: Profile) -> J {
        J {
            profile,
            n: profile.names(),
            zones: Zones::new(),
            last_zone: None,
            custom: Vec::new(),
            scratch: KeyScratch::default(),
        }
    }

    fn rfc(&self) -> bool {
        self.profile == Profile::Rfc8984
    }

    /// The zone `tzid` names, as [`Zones::get`] finds it; borrowed from
    /// the last lookup (a clone would count a reference up and down).
    fn zone(&mut self, tzid: &str) -> Option<&Zone> {
        let known = matches!(&self.last_zone, Some((name, _)) if name == tzid);
        if !known {
            let z = self.zones.get(tzid);
            self.last_zone = Some((tzid.to_owned(), z));
        }
        self.last_zone.as_ref().and_then(|(_, z)| z.as_ref())
    }

    /// Instant (UTC seconds) of wall-clock `local` in `tz` (`None`:
    /// floating, read as UTC), as [`Zones::utc_of`].
    fn utc_of(&mut self, tz: Option<&str>, local: i64) -> i64 {
        match tz.and_then(|t| self.zone(t)) {
            Some(z) => z.resolve_local(local).utc,
            None => local,
        }
    }

    /// Wall clock of instant `utc` in `tz`, as [`Zones::local_of`].
    fn local_of(&mut self, tz: Option<&str>, utc: i64) -> i64 {
        match tz.and_then(|t| self.zone(t)) {
            Some(z) => z.to_local(utc),
            None => utc,
        }
    }

    /// A JSCAL-PROP / JSPROP for `value` at `path` (-11 §4.1.2).
    fn jsprop(&self, path: &str, value: &Json<'_>) -> Option<Prop<'static>> {
        if value.is_null() {
            return None;
        }
        let json = serde_json::to_string(value).ok()?;
        let mut p = Property::new(self.n.jsprop, text_value(&json).into_owned());
        p.params_mut().push(quoted_param(self.n.path, path));
        Some(p)
    }

    fn push_jsprop(&self, c: &mut Comp<'_>, path: &str, value: &Json<'_>) {
        if let Some(p) = self.jsprop(path, value) {
            c.push(p);
        }
    }

    /// [`J::push_jsprop`] at the path of `segs`.
    fn push_jsprop_at(&self, c: &mut Comp<'_>, segs: &[&str], value: &Json<'_>) {
        if !value.is_null() {
            self.push_jsprop(c, &path_of(segs), value);
        }
    }

    /// The path of property `prop` of the object at `map/key` as written in
    /// the parent component's JSCAL-PROP: draft -25 from the parent, draft
    /// -11 from the object's key (Figure 91).
    fn sub_path(&self, map: &str, key: &str, prop: &str) -> String {
        if self.rfc() {
            path_of(&[key, prop])
        } else {
            path_of(&[map, key, prop])
        }
    }

    /// The iCalendar TZID of a JSCalendar TimeZoneId.
    fn tzid_of<'o>(&self, id: &'o str) -> Cow<'o, str> {
        if let Some((_, t)) = self.custom.iter().find(|(j, _)| j == id) {
            return Cow::Owned(t.clone());
        }
        Cow::Borrowed(id.strip_prefix('/').unwrap_or(id))
    }

    fn obj_zone<'o>(&self, o: &'o Obj<'o>) -> ObjZone<'o> {
        self.zone_of(&Members {
            time_zone: o.get("timeZone"),
            show_without_time: o.get("showWithoutTime"),
            start: o.get("start"),
            due: o.get("due"),
            ..Members::default()
        })
    }

    /// [`J::obj_zone`] from the members found by [`Members::of`].
    fn zone_of<'o>(&self, m: &Members<'o>) -> ObjZone<'o> {
        let tz = m.time_zone.and_then(Json::as_str);
        let utc = matches!(tz, Some("Etc/UTC" | "UTC" | "Etc/Zulu"));
        let show = matches!(m.show_without_time, Some(Json::Bool(true)));
        let midnight = tz.is_none()
            && m.start
                .and_then(Json::as_str)
                .or_else(|| m.due.and_then(Json::as_str))
                .and_then(parse_js_date_time)
                .is_some_and(|(_, t, _)| t == Time::MIDNIGHT);
        ObjZone {
            tzid: match tz {
                Some(t) if !utc => Some(self.tzid_of(t)),
                _ => None,
            },
            utc,
            date_form: midnight && is_date_form(show, true, Time::MIDNIGHT),
        }
    }

    /// [`J::date_time_prop`] for LocalDateTime text `v`.
    fn date_prop<'o>(
        &mut self,
        name: &'static str,
        v: &str,
        z: &ObjZone<'o>,
        note: Note<'o>,
    ) -> Option<Prop<'o>> {
        let (d, t, _) = parse_js_date_time(v)?;
        self.date_time_prop(name, d, t, z, note)
    }

    /// A DATE or DATE-TIME property for the LocalDateTime `d`, `t` in zone
    /// `z`: DATE when the object is in DATE form and the time is midnight;
    /// a note's valueType overrides; a note's TZID re-expresses the time
    /// there.
    fn date_time_prop<'o>(
        &mut self,
        name: &'static str,
        d: Date,
        t: Time,
        z: &ObjZone<'o>,
        note: Note<'o>,
    ) -> Option<Prop<'o>> {
        let mut date = z.date_form && t == Time::MIDNIGHT;
        let value_type = note.value_type();
        match value_type {
            Some(vt) if vt.eq_ignore_ascii_case("date") => date = true,
            Some(vt) if vt.eq_ignore_ascii_case("date-time") => date = false,
            _ => {}
        }
        if date && t != Time::MIDNIGHT {
            date = false;
        }
        let recorded_tz = note
            .params()
            .and_then(|m| m.iter().find(|(k, _)| k.eq_ignore_ascii_case("tzid")))
            .and_then(|(_, v)| v.as_str());
        let mut p;
        if date {
            p = prop(name, ical_dt(d, t, true, false));
            push_param(&mut p, fixed_param("VALUE", "DATE"));
        } else if let Some(rt) = recorded_tz.filter(|rt| !z.utc && z.tzid.as_deref() != Some(*rt)) {
            // Re-express in the recorded zone.
            let local = local_seconds(d, t);
            let utc = self.utc_of(z.zone_name(), local);
            let there = self.local_of(Some(rt), utc);
            let (d2, t2) = from_local_seconds(there)?;
            p = prop(name, ical_dt(d2, t2, false, false));
            push_param(&mut p, param("TZID", rt));
        } else if z.utc {
            p = prop(name, ical_dt(d, t, false, true));
        } else {
            p = prop(name, ical_dt(d, t, false, false));
            if let Some(tz) = &z.tzid {
                push_param(&mut p, param_cow("TZID", tz));
            }
        }
        note.apply(&mut p);
        if date && value_type.is_none() && p.params().iter().filter(|x| x.is("VALUE")).count() > 1 {
            p.remove_param("VALUE");
            p.params_mut().push(fixed_param("VALUE", "DATE"));
        }
        Some(p)
    }
}

// ---------------------------------------------------------------------------
// Group → VCALENDAR (§3.3).

impl J {
    /// A Group (`None`: Events and Tasks outside a Group) and its entries as
    /// one VCALENDAR.
    fn group<'o>(
        &mut self,
        g: Option<&'o Obj<'o>>,
        entries: Vec<&'o Obj<'o>>,
    ) -> Result<Comp<'o>, Error> {
        let rfc = self.rfc();
        let mut cal = Component::new("VCALENDAR");
        let carrier = match g {
            Some(g) => Carrier::of(g, self.n),
            None => Carrier::empty(),
        };
        let members = g.map(|g| g.iter()).into_iter().flatten();

        // PRODID: the Group's, else the first entry's (§3.3 remarks).
        let prodid = g
            .and_then(|g| str_of(g, "prodId"))
            .or_else(|| entries.iter().find_map(|e| str_of(e, "prodId")));
        let method = entries.iter().find_map(|e| str_of(e, "method"));
        cal.push(text_prop("PRODID", prodid.unwrap_or(PRODID)));
        if let Some(m) = method
            && !carrier.carries("METHOD")
        {
            cal.push(prop("METHOD", m.to_ascii_uppercase()));
        }

        // Time zones first: the entries need them for their arithmetic.
        let mut vtimezones: Vec<Comp<'o>> = Vec::new();
        if let Some(Json::Object(tzs)) = g.and_then(|g| g.get("timeZones")) {
            for (id, tz) in tzs {
                if let Some(o) = tz.as_object()
                    && let Some(vtz) = self.time_zone(o)
                {
                    if let Some(t) = str_of(o, "tzId") {
                        self.custom.push((id.to_owned(), t.to_owned()));
                    }
                    vtimezones.push(vtz);
                } else {
                    // Kept whole when it does not convert.
                    self.push_jsprop_at(&mut cal, &["timeZones", id], tz);
                }
            }
        }
        for e in &entries {
            if let Some(Json::Object(tzs)) = e.get("timeZones") {
                for (id, tz) in tzs {
                    if self.custom.iter().any(|(j, _)| j == id) {
                        continue;
                    }
                    if let Some(o) = tz.as_object()
                        && let Some(vtz) = self.time_zone(o)
                    {
                        if let Some(t) = str_of(o, "tzId") {
                            self.custom.push((id.to_owned(), t.to_owned()));
                        }
                        vtimezones.push(vtz);
                    }
                }
            }
        }
        let mut carried_cal = Component::new("VCALENDAR");
        let carried_ok = carrier.write(&mut carried_cal);
        if !vtimezones.is_empty() || carried_cal.components_named("VTIMEZONE").next().is_some() {
            let mut zone_cal = Component::new("VCALENDAR");
            for v in &vtimezones {
                zone_cal.push_component(v.clone());
            }
            for c in carried_cal.components() {
                if c.is("VTIMEZONE") {
                    zone_cal.push_component(c.clone());
                }
            }
            self.zones.load_calendar(&zone_cal);
        }

        let mut links = Keys::new(self.n);
        for (k, v) in members {
            match k {
                "@type" | "entries" | "prodId" | "timeZones" => {}
                "version" if !rfc && v.as_str() == Some("2.0") => {}
                "uid" if v.is_string() => {
                    cal.push(carrier.noted("uid", text_prop("UID", v.as_str().unwrap_or(""))));
                }
                "title" if v.is_string() => {
                    let mut p = text_prop("NAME", v.as_str().unwrap_or(""));
                    if !rfc && let Some(l) = g.and_then(|g| str_of(g, "locale")) {
                        p.params_mut().push(param("LANGUAGE", l));
                    }
                    carrier.note("title").apply(&mut p);
                    cal.push(p);
                }
                "locale" if !rfc && g.and_then(|g| g.get("title")).is_some_and(Json::is_string) => {
                }
                "description" if v.is_string() => {
                    cal.push(carrier.noted(
                        "description",
                        text_prop("DESCRIPTION", v.as_str().unwrap_or("")),
                    ));
                }
                "color" if v.is_string() => {
                    cal.push(carrier.noted("color", text_prop("COLOR", v.as_str().unwrap_or(""))));
                }
                "source" if v.is_string() => {
                    let mut p = prop("SOURCE", v.as_str().unwrap_or(""));
                    p.params_mut().push(fixed_param("VALUE", "URI"));
                    carrier.note("source").apply(&mut p);
                    cal.push(p);
                }
                "created" | "updated" if ical_utc(v).is_some() => {
                    let name = if k == "created" {
                        "CREATED"
                    } else {
                        "LAST-MODIFIED"
                    };
                    cal.push(carrier.noted(k, prop(name, ical_utc(v).unwrap_or_default())));
                }
                "keywords" | "categories" if non_empty_set(v) => push_set(&mut cal, k, v),
                "links" if v.is_object() => {
                    self.links(&mut cal, v, &carrier, &mut links, true);
                }
                _ if k == self.n.comp && v.is_object() && carried_ok => {}
                _ => self.push_jsprop(&mut cal, &pointer::escape(k), v),
            }
        }
        if !carrier.carries("VERSION") {
            cal.push(prop("VERSION", "2.0"));
        }
        for v in vtimezones {
            cal.push_component(v);
        }
        cal.properties_mut().append(carried_cal.properties_mut());
        cal.components_mut().append(carried_cal.components_mut());
        cal.components_mut().reserve(entries.len());
        for e in entries {
            self.entry(&mut cal, e, prodid, method)?;
        }
        Ok(cal)
    }
}

/// A Group's, Event's or Task's `keywords` as one CATEGORIES property,
/// or its `categories` as one CONCEPT property each (draft -11 §3.1,
/// §3.2; RFC 9253 §8.1 for CONCEPT).
fn push_set<'o>(c: &mut Component<'o>, k: &str, v: &'o Json<'o>) {
    let items = set_of(v).into_iter().flat_map(JsonObject::keys);
    if k == "keywords" {
        c.push(list_prop("CATEGORIES", items));
    } else {
        for item in items {
            c.push(prop("CONCEPT", item));
        }
    }
}

/// A TEXT list property (CATEGORIES, LOCATION-TYPE) of `items`.
fn list_prop<'o, 'v>(name: &'static str, items: impl Iterator<Item = &'v str>) -> Prop<'o> {
    let mut v = String::with_capacity(64);
    for (i, item) in items.enumerate() {
        if i > 0 {
            v.push(',');
        }
        escape_text_into(item, &mut v);
    }
    prop(name, v)
}

// ---------------------------------------------------------------------------
// Event → VEVENT, Task → VTODO (§3.2).

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Event,
    Task,
}

/// What an object converts with: the VCALENDAR's PRODID and METHOD, and
/// for an override its RECURRENCE-ID.
struct Ctx<'a> {
    prodid: Option<&'a str>,
    method: Option<&'a str>,
    recurrence_id: Option<(&'a str, ObjZone<'a>)>,
}

/// The upper-case form of an enumerated JSCalendar value the conversion
/// writes as an iCalendar one (STATUS, PARTSTAT, ACTION …).
fn upper_enum(v: &str) -> Cow<'static, str> {
    const KNOWN: &[&str] = &[
        "ACCEPTED",
        "CANCELLED",
        "CLIENT",
        "COMPLETED",
        "CONFIRMED",
        "DECLINED",
        "DELEGATED",
        "DISPLAY",
        "EMAIL",
        "FAILED",
        "IN-PROCESS",
        "NEEDS-ACTION",
        "NONE",
        "PUBLISH",
        "REPLY",
        "REQUEST",
        "SERVER",
        "TENTATIVE",
    ];
    upper_in(KNOWN, v)
}

impl J {
    fn entry<'o>(
        &mut self,
        cal: &mut Comp<'o>,
        e: &'o Obj<'o>,
        prodid: Option<&'o str>,
        method: Option<&'o str>,
    ) -> Result<(), Error> {
        let kind = match str_of(e, "@type") {
            Some("Task") => Kind::Task,
            _ => Kind::Event,
        };
        let ctx = Ctx {
            prodid,
            method,
            recurrence_id: None,
        };
        let main = self.object(e, kind, &ctx);
        cal.push_component(main);
        // Overrides that are neither RDATE nor EXDATE are components (§3.2).
        let Some(Json::Object(overrides)) = e.get("recurrenceOverrides") else {
            return Ok(());
        };
        let z = self.obj_zone(e);
        let carrier = Carrier::of(e, self.n);
        let components: Vec<(&str, &Obj<'_>)> = overrides
            .iter()
            .filter_map(|(key, patch)| Some((key, patch.as_object()?)))
            .filter(|(key, pm)| override_kind(pm, &carrier, key) == OverrideKind::Component)
            .collect();
        let mut template = (!components.is_empty()).then(|| occurrence_template(e, self.n.comp));
        let last = components.len().saturating_sub(1);
        for (i, (key, pm)) in components.into_iter().enumerate() {
            // Each occurrence starts from a copy of the template; the last
            // takes the template itself.
            let base = if i == last {
                template.take()
            } else {
                template.clone()
            };
            let Some(mut base) = base else { continue };
            occurrence_times(&mut base, key, kind);
            if !apply_patch(&mut base, pm) {
                continue;
            }
            base.remove("recurrenceId");
            base.remove("recurrenceIdTimeZone");
            let ctx = Ctx {
                prodid,
                method,
                recurrence_id: Some((key, z.clone())),
            };
            // The occurrence is a temporary object: what it gives is copied.
            let c = self.object(&base, kind, &ctx).into_owned();
            cal.push_component(c);
        }
        Ok(())
    }

    /// One Event or Task as a VEVENT or VTODO.
    fn object<'o>(&mut self, o: &'o Obj<'o>, kind: Kind, ctx: &Ctx<'o>) -> Comp<'o> {
        let rfc = self.rfc();
        let task = kind == Kind::Task;
        let mut c = Component::new(if task { "VTODO" } else { "VEVENT" });
        c.properties_mut().reserve(o.len().saturating_add(4));
        let carrier = Carrier::of(o, self.n);
        // The members the arms below ask about, found in one pass.
        let m = Members::of(o);
        let z = self.zone_of(&m);
        let has_start = m.start.is_some();
        let has_due = m.due.is_some();
        let has_duration = m.duration.is_some();
        let has_recurrence_id = m.recurrence_id.is_some();
        let mut links = Keys::new(self.n);
        let mut handled_end = false;
        if let Some((rid, mz)) = &ctx.recurrence_id {
            // The override's RECURRENCE-ID: the key, in the main object's zone.
            let note = carrier.note("recurrenceId");
            if let Some(p) = self.date_prop("RECURRENCE-ID", rid, mz, note) {
                c.push(p);
            }
        }
        for (k, v) in o {
            match k {
                "@type" => {}
                "uid" if v.is_string() => {
                    c.push(carrier.noted("uid", text_prop("UID", v.as_str().unwrap_or(""))));
                }
                "updated" | "created" => match ical_utc(v) {
                    Some(t) => {
                        c.push(carrier.noted(
                            k,
                            prop(if k == "updated" { "DTSTAMP" } else { "CREATED" }, t),
                        ));
                    }
                    None => self.push_jsprop(&mut c, k, v),
                },
                "sequence" if v.as_u64().is_some() => {
                    c.push(carrier.noted("sequence", prop("SEQUENCE", v.to_string())));
                }
                "prodId"
                    if Some(v.as_str().unwrap_or("")) == ctx.prodid
                        || ctx.prodid.is_none() && v.is_string() => {}
                "method" if matches!(v, Json::String(m) if ctx.method.is_some_and(|cm| *m == cm)) =>
                    {}
                "title" if v.is_string() => {
                    let mut p = text_prop("SUMMARY", v.as_str().unwrap_or(""));
                    if !rfc && let Some(l) = str_of(o, "locale") {
                        p.params_mut().push(param("LANGUAGE", l));
                    }
                    carrier.note("title").apply(&mut p);
                    c.push(p);
                }
                "locale" if !rfc && o.get("title").is_some_and(Json::is_string) => {}
                "description" if v.is_string() => {
                    self.description(&mut c, o, &carrier);
                }
                // text/plain is the default (RFC 8984 §4.2.3); any other
                // type is written by `description`.
                "descriptionContentType" if o.get("description").is_some_and(Json::is_string) => {}
                "showWithoutTime" => {
                    let date_written = z.date_form;
                    match v {
                        Json::Bool(false) => {}
                        Json::Bool(true) if date_written => {}
                        Json::Bool(true) if !rfc => {
                            let mut p = prop("SHOW-WITHOUT-TIME", "TRUE");
                            p.params_mut().push(fixed_param("VALUE", "BOOLEAN"));
                            c.push(p);
                        }
                        _ => self.push_jsprop(&mut c, k, v),
                    }
                }
                "start" if v.is_string() => {
                    let parsed = v.as_str().and_then(parse_js_date_time);
                    let made = parsed.and_then(|(d, t, _)| {
                        self.date_time_prop("DTSTART", d, t, &z, carrier.note("start"))
                    });
                    if let (Some(p), Some((d, t, _))) = (made, parsed) {
                        c.push(p);
                        if !task {
                            handled_end = true;
                            self.event_end(&mut c, &m, d, t, &z, &carrier);
                        }
                    } else {
                        self.push_jsprop(&mut c, k, v);
                    }
                }
                "timeZone" | "recurrenceIdTimeZone" => {
                    let used = match k {
                        "timeZone" => has_start || has_due,
                        _ => has_recurrence_id,
                    };
                    if !used && !v.is_null() {
                        self.push_jsprop(&mut c, k, v);
                    }
                }
                "endTimeZone" if !rfc && has_duration && has_start => {}
                "duration" if task && v.is_string() => {
                    c.push(carrier.noted("duration", prop("DURATION", v.as_str().unwrap_or(""))));
                }
                "duration" if !task && has_start => {}
                "duration" if !task && v.is_string() && !handled_end => {
                    c.push(carrier.noted("duration", prop("DURATION", v.as_str().unwrap_or(""))));
                }
                "due" if task && v.is_string() => {
                    let note = carrier.note("due");
                    match self.date_prop("DUE", v.as_str().unwrap_or(""), &z, note) {
                        Some(p) => c.push(p),
                        None => self.push_jsprop(&mut c, k, v),
                    }
                }
                "estimatedDuration" if task && v.is_string() => {
                    c.push(carrier.noted(
                        "estimatedDuration",
                        prop("ESTIMATED-DURATION", v.as_str().unwrap_or("")),
                    ));
                }
                "percentComplete" if task && v.as_u64().is_some() => {
                    c.push(
                        carrier.noted("percentComplete", prop("PERCENT-COMPLETE", v.to_string())),
                    );
                }
                "status"
                    if !task
                        && v.as_str().is_some_and(|s| {
                            matches!(s, "tentative" | "confirmed" | "cancelled")
                        }) =>
                {
                    c.push(carrier.noted(
                        "status",
                        prop("STATUS", upper_enum(v.as_str().unwrap_or(""))),
                    ));
                }
                "progress"
                    if task
                        && v.as_str().is_some_and(|s| {
                            matches!(
                                s,
                                "needs-action"
                                    | "in-process"
                                    | "completed"
                                    | "cancelled"
                                    | "failed"
                            )
                        }) =>
                {
                    c.push(carrier.noted(
                        "progress",
                        prop("STATUS", upper_enum(v.as_str().unwrap_or(""))),
                    ));
                }
                "freeBusyStatus" if matches!(v.as_str(), Some("busy" | "free")) => {
                    let t = if v.as_str() == Some("busy") {
                        "OPAQUE"
                    } else {
                        "TRANSPARENT"
                    };
                    c.push(carrier.noted("freeBusyStatus", prop("TRANSP", t)));
                }
                "privacy" if matches!(v.as_str(), Some("public" | "private" | "secret")) => {
                    let t = match v.as_str() {
                        Some("public") => "PUBLIC",
                        Some("private") => "PRIVATE",
                        _ => "CONFIDENTIAL",
                    };
                    c.push(carrier.noted("privacy", prop("CLASS", t)));
                }
                "priority" if v.as_i64().is_some_and(|n| (0..=9).contains(&n)) => {
                    c.push(carrier.noted("priority", prop("PRIORITY", v.to_string())));
                }
                "color" if v.is_string() => {
                    c.push(carrier.noted("color", text_prop("COLOR", v.as_str().unwrap_or(""))));
                }
                "requestStatus" if rfc && v.is_string() => {
                    c.push(carrier.noted(
                        "requestStatus",
                        prop("REQUEST-STATUS", v.as_str().unwrap_or("")),
                    ));
                }
                "keywords" | "categories" if non_empty_set(v) => push_set(&mut c, k, v),
                "links" if v.is_object() => self.links(&mut c, v, &carrier, &mut links, false),
                "virtualLocations" if v.is_object() => self.virtual_locations(&mut c, v, &carrier),
                "relatedTo" if v.is_object() => self.related_to(&mut c, v, &carrier),
                "recurrenceId" if v.is_string() && ctx.recurrence_id.is_none() => {
                    let rz = match str_of(o, "recurrenceIdTimeZone") {
                        Some(t) => {
                            let utc = matches!(t, "Etc/UTC" | "UTC");
                            ObjZone {
                                tzid: (!utc).then(|| self.tzid_of(t)),
                                utc,
                                date_form: false,
                            }
                        }
                        None => ObjZone {
                            tzid: None,
                            utc: false,
                            date_form: z.date_form,
                        },
                    };
                    match self.date_prop(
                        "RECURRENCE-ID",
                        v.as_str().unwrap_or(""),
                        &rz,
                        carrier.note("recurrenceId"),
                    ) {
                        Some(p) => c.push(p),
                        None => self.push_jsprop(&mut c, k, v),
                    }
                }
                "recurrenceRules" | "excludedRecurrenceRules" if rfc => {
                    let name = if k == "recurrenceRules" {
                        "RRULE"
                    } else {
                        "EXRULE"
                    };
                    let rules: Option<Vec<Prop<'o>>> = v
                        .as_array()
                        .and_then(|a| a.iter().map(|r| self.rrule(name, r, &z)).collect());
                    match rules {
                        Some(ps) => c.properties_mut().extend(ps),
                        None => self.push_jsprop(&mut c, k, v),
                    }
                }
                "recurrenceRule" if !rfc => match self.rrule("RRULE", v, &z) {
                    Some(p) => c.push(p),
                    None => self.push_jsprop(&mut c, k, v),
                },
                "recurrenceOverrides" if v.is_object() => {
                    self.rdates_exdates(&mut c, v, &z, &carrier)
                }
                "locations" if v.is_object() => {
                    let has_end = has_start && has_duration;
                    self.locations(&mut c, o, v, &carrier, has_end);
                }
                "mainLocationId"
                    if !rfc
                        && v.as_str().is_some_and(|m| {
                            o.get("locations").and_then(|l| l.get(m)).is_some()
                        }) => {}
                "participants" | "replyTo" | "organizerCalendarAddress" => {}
                "sentBy" if !rfc && m.organizer.is_some() => {}
                // Default values (RFC 8984 §4.3.6, §4.5.1) say nothing.
                "excluded" | "useDefaultAlerts" if matches!(v, Json::Bool(false)) => {}
                "alerts" if v.is_object() => {
                    self.alerts(&mut c, v, str_of(o, "title").unwrap_or(""));
                }
                _ if k == self.n.comp && v.is_object() => {}
                _ => self.push_jsprop(&mut c, &pointer::escape(k), v),
            }
        }
        self.people(&mut c, &m, &carrier, kind);
        let carried_ok = carrier.write(&mut c);
        if !carried_ok && let Some(v) = o.get(self.n.comp) {
            self.push_jsprop(&mut c, self.n.comp, v);
        }
        c
    }

    /// DESCRIPTION or STYLED-DESCRIPTION (§3.2 remarks).
    fn description<'o>(&mut self, c: &mut Comp<'o>, o: &'o Obj<'o>, carrier: &Carrier<'o>) {
        let d = str_of(o, "description").unwrap_or("");
        let ct = str_of(o, "descriptionContentType");
        let note = carrier.note("description");
        let styled = match note.name() {
            Some(n) => n.eq_ignore_ascii_case("styled-description"),
            None => ct.is_some_and(|t| !t.eq_ignore_ascii_case("text/plain")),
        };
        let mut p = if styled {
            let mut p = text_prop("STYLED-DESCRIPTION", d);
            if let Some(t) = ct {
                p.params_mut().push(param("FMTTYPE", t));
            }
            if ct.is_some_and(|t| !t.eq_ignore_ascii_case("text/plain")) {
                p.params_mut().push(fixed_param("VALUE", "TEXT"));
            }
            p
        } else {
            text_prop("DESCRIPTION", d)
        };
        note.apply(&mut p);
        c.push(p);
    }

    /// DTEND or DURATION of an Event (§2.3.14, §2.3.18) that starts at
    /// `d`, `t`: DTEND when noted, when the end is in another zone
    /// (`endTimeZone`, or a Location with relativeTo `end` named `dtend`).
    fn event_end<'o>(
        &mut self,
        c: &mut Comp<'o>,
        o: &Members<'o>,
        d: Date,
        t: Time,
        z: &ObjZone<'o>,
        carrier: &Carrier<'o>,
    ) {
        let Some(dur) = o.duration.and_then(Json::as_str) else {
            return;
        };
        let note = carrier.note("duration");
        let end_tz: Option<(&'o str, Note<'o>)> = if self.rfc() {
            o.locations.and_then(Json::as_object).and_then(|m| {
                m.values().find_map(|l| {
                    let lo = l.as_object()?;
                    let named_dtend = lo
                        .get("iCalProperty")
                        .and_then(|p| p.get("name"))
                        .and_then(Json::as_str)
                        .is_some_and(|n| n.eq_ignore_ascii_case("dtend"));
                    if named_dtend && str_of(lo, "relativeTo") == Some("end") {
                        Some((str_of(lo, "timeZone")?, Note::of(lo.get("iCalProperty"))))
                    } else {
                        None
                    }
                })
            })
        } else {
            o.end_time_zone
                .and_then(Json::as_str)
                .map(|t| (t, Note::none()))
        };
        let dtend = end_tz.is_some() || note.name_is("dtend");
        if !dtend {
            let mut p = prop("DURATION", dur);
            note.apply(&mut p);
            c.push(p);
            return;
        }
        let Ok(parts) = dur.parse::<crate::types::Duration>().map(|x| x.parts()) else {
            let mut p = prop("DURATION", dur);
            note.apply(&mut p);
            c.push(p);
            return;
        };
        let days = parts
            .weeks
            .unwrap_or(0)
            .saturating_mul(7)
            .saturating_add(parts.days.unwrap_or(0));
        let secs = parts
            .hours
            .unwrap_or(0)
            .saturating_mul(3600)
            .saturating_add(parts.minutes.unwrap_or(0).saturating_mul(60))
            .saturating_add(parts.seconds.unwrap_or(0));
        let (Ok(days), Ok(secs)) = (i64::try_from(days), i64::try_from(secs)) else {
            return;
        };
        let local = local_seconds(d, t).saturating_add(days.saturating_mul(86_400));
        let end_utc = self.utc_of(z.zone_name(), local).saturating_add(secs);
        let ez = match end_tz {
            Some((id, _)) => {
                let utc = matches!(id, "Etc/UTC" | "UTC");
                ObjZone {
                    tzid: (!utc).then(|| self.tzid_of(id)),
                    utc,
                    date_form: z.date_form,
                }
            }
            None => ObjZone {
                tzid: z.tzid.clone(),
                utc: z.utc,
                date_form: z.date_form,
            },
        };
        let end_note = end_tz.map_or(note, |(_, n)| n);
        let end_local = if end_tz.is_some() || z.tzid.is_some() || z.utc {
            self.local_of(ez.zone_name(), end_utc)
        } else {
            local.saturating_add(secs)
        };
        let Some((ed, et)) = from_local_seconds(end_local) else {
            return;
        };
        if let Some(p) = self.date_time_prop("DTEND", ed, et, &ez, end_note) {
            c.push(p);
        }
        if end_tz.is_some() && !self.rfc() {
            // -25: parameters of DTEND are noted under "duration".
            if let Some(last) = c.properties_mut().last_mut() {
                note.apply(last);
            }
        }
    }
}

/// The members of an Event or Task that more than one part of the
/// conversion reads, found in one pass over the object rather than looked
/// up one by one.
#[derive(Default, Clone, Copy)]
struct Members<'o> {
    start: Option<&'o Json<'o>>,
    due: Option<&'o Json<'o>>,
    duration: Option<&'o Json<'o>>,
    recurrence_id: Option<&'o Json<'o>>,
    time_zone: Option<&'o Json<'o>>,
    show_without_time: Option<&'o Json<'o>>,
    end_time_zone: Option<&'o Json<'o>>,
    locations: Option<&'o Json<'o>>,
    participants: Option<&'o Json<'o>>,
    reply_to: Option<&'o Json<'o>>,
    organizer: Option<&'o Json<'o>>,
    sent_by: Option<&'o Json<'o>>,
}

impl<'o> Members<'o> {
    fn of(o: &'o Obj<'o>) -> Members<'o> {
        let mut m = Members::default();
        for (k, v) in o {
            let slot = match k {
                "start" => &mut m.start,
                "due" => &mut m.due,
                "duration" => &mut m.duration,
                "recurrenceId" => &mut m.recurrence_id,
                "timeZone" => &mut m.time_zone,
                "showWithoutTime" => &mut m.show_without_time,
                "endTimeZone" => &mut m.end_time_zone,
                "locations" => &mut m.locations,
                "participants" => &mut m.participants,
                "replyTo" => &mut m.reply_to,
                "organizerCalendarAddress" => &mut m.organizer,
                "sentBy" => &mut m.sent_by,
                _ => continue,
            };
            *slot = Some(v);
        }
        m
    }
}

/// How an override is written (§3.2 remarks).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum OverrideKind {
    /// An RDATE (an empty patch, or -25 a PERIOD's duration).
    Rdate,
    /// An EXDATE (`excluded: true` only).
    Exdate,
    /// An EXDATE, and JSCAL-PROPs for the other patches.
    ExdatePlus,
    /// A recurrence override component.
    Component,
}

fn override_kind(patch: &Obj<'_>, carrier: &Carrier<'_>, key: &str) -> OverrideKind {
    if patch.is_empty() {
        return OverrideKind::Rdate;
    }
    if patch.get("excluded") == Some(&Json::Bool(true)) {
        return if patch.len() == 1 {
            OverrideKind::Exdate
        } else {
            OverrideKind::ExdatePlus
        };
    }
    let note = carrier.note_at(&["recurrenceOverrides", key]);
    let period = note
        .value_type()
        .is_some_and(|v| v.eq_ignore_ascii_case("period"));
    if period && patch.len() == 1 && patch.get("duration").is_some_and(Json::is_string) {
        return OverrideKind::Rdate;
    }
    OverrideKind::Component
}

/// Applies a PatchObject (RFC 8984 §1.4.9) to `target`: each path sets its
/// value (`null` removes). False when a path is not a valid pointer, points
/// into an array or misses its parent; `target` is then partly patched, and
/// the caller drops it.
fn apply_patch<'j>(target: &mut Obj<'j>, patch: &Obj<'j>) -> bool {
    for (path, value) in patch {
        let Ok(segs) = pointer::parse_path(path) else {
            return false;
        };
        let Some((last, parents)) = segs.split_last() else {
            return false;
        };
        let mut cur = &mut *target;
        for seg in parents {
            match cur.get_mut(seg) {
                Some(Json::Object(m)) => cur = m,
                _ => return false,
            }
        }
        if value.is_null() {
            cur.remove(last);
        } else {
            cur.insert(last.clone(), value.clone());
        }
    }
    true
}

/// Moves `start` (or a Task's `due`) to `key` (see the other direction).
fn occurrence_times(base: &mut Obj<'_>, key: &str, kind: Kind) {
    let start = str_of(base, "start").map(str::to_owned);
    match (kind, start) {
        (Kind::Event, _) => {
            base.insert("start", Json::from(key.to_owned()));
        }
        (Kind::Task, Some(st)) => {
            base.insert("start", Json::from(key.to_owned()));
            if let Some(due) = str_of(base, "due").map(str::to_owned)
                && let (Some(a), Some(b), Some(k)) = (
                    parse_js_date_time(&st),
                    parse_js_date_time(&due),
                    parse_js_date_time(key),
                )
            {
                let shift = local_seconds(k.0, k.1).saturating_sub(local_seconds(a.0, a.1));
                if let Some((d, t)) =
                    from_local_seconds(local_seconds(b.0, b.1).saturating_add(shift))
                {
                    base.insert(
                        "due".to_owned(),
                        Json::from(super::values::local_text(d, t)),
                    );
                }
            }
        }
        (Kind::Task, None) => {
            if base.contains_key("due") {
                base.insert("due", Json::from(key.to_owned()));
            }
        }
    }
}

// ---------------------------------------------------------------------------
// Recurrence (§2.3.20, §2.3.21, §2.3.34, §2.3.38).

impl J {
    /// A RecurrenceRule as RRULE or EXRULE; `None` when it cannot be
    /// written exactly (it then travels as JSCAL-PROP).
    fn rrule<'o>(&mut self, name: &'static str, v: &Json<'_>, z: &ObjZone<'_>) -> Option<Prop<'o>> {
        let r = v.as_object()?;
        // The rule parts, `;`-separated, in the order of the members.
        let mut text = String::with_capacity(64);
        let upper = |text: &mut String, s: &str| {
            text.extend(s.chars().map(|c| c.to_ascii_uppercase()));
        };
        for (k, val) in r {
            if k != "@type" && !text.is_empty() {
                text.push(';');
            }
            match k {
                "@type" => {}
                "frequency" => {
                    text.push_str("FREQ=");
                    upper(&mut text, val.as_str()?);
                }
                "interval" => {
                    let _ = write!(text, "INTERVAL={}", val.as_u64()?);
                }
                "count" => {
                    let _ = write!(text, "COUNT={}", val.as_u64()?);
                }
                "rscale" => {
                    text.push_str("RSCALE=");
                    upper(&mut text, val.as_str()?);
                }
                "skip" => {
                    text.push_str("SKIP=");
                    upper(&mut text, val.as_str()?);
                }
                "firstDayOfWeek" => {
                    text.push_str("WKST=");
                    upper(&mut text, val.as_str()?);
                }
                "byDay" => {
                    text.push_str("BYDAY=");
                    for (i, d) in val.as_array()?.iter().enumerate() {
                        let d = d.as_object()?;
                        if d.keys()
                            .any(|k| !matches!(k, "@type" | "day" | "nthOfPeriod"))
                        {
                            return None;
                        }
                        if i > 0 {
                            text.push(',');
                        }
                        let day = str_of(d, "day")?;
                        if let Some(n) = d.get("nthOfPeriod") {
                            let _ = write!(text, "{}", n.as_i64()?);
                        }
                        upper(&mut text, day);
                    }
                }
                "byMonth" => {
                    text.push_str("BYMONTH=");
                    for (i, m) in val.as_array()?.iter().enumerate() {
                        if i > 0 {
                            text.push(',');
                        }
                        text.push_str(m.as_str()?);
                    }
                }
                "byMonthDay" | "byYearDay" | "byWeekNo" | "byHour" | "byMinute" | "bySecond"
                | "bySetPosition" => {
                    text.push_str(match k {
                        "byMonthDay" => "BYMONTHDAY=",
                        "byYearDay" => "BYYEARDAY=",
                        "byWeekNo" => "BYWEEKNO=",
                        "byHour" => "BYHOUR=",
                        "byMinute" => "BYMINUTE=",
                        "bySecond" => "BYSECOND=",
                        _ => "BYSETPOS=",
                    });
                    for (i, n) in val.as_array()?.iter().enumerate() {
                        if i > 0 {
                            text.push(',');
                        }
                        let _ = write!(text, "{}", n.as_i64()?);
                    }
                }
                "until" => {
                    let (d, t, _) = parse_js_date_time(val.as_str()?)?;
                    let until = if z.date_form && t == Time::MIDNIGHT {
                        ical_dt(d, t, true, false)
                    } else if z.utc || z.tzid.is_some() {
                        let utc = self.utc_of(z.zone_name(), local_seconds(d, t));
                        let (d2, t2) = from_local_seconds(utc)?;
                        ical_dt(d2, t2, false, true)
                    } else {
                        ical_dt(d, t, false, false)
                    };
                    text.push_str("UNTIL=");
                    text.push_str(&until);
                }
                _ => return None,
            }
        }
        let recur = Recur::parse(&text).ok()?;
        Some(prop(name, recur.to_string()))
    }

    /// A TimeZoneRule's RRULE: UNTIL is UTC (RFC 8984 §4.7.2).
    fn tz_rrule<'o>(&mut self, v: &Json<'_>) -> Option<Prop<'o>> {
        let z = ObjZone {
            tzid: None,
            utc: true,
            date_form: false,
        };
        self.rrule("RRULE", v, &z)
    }

    /// The RDATE and EXDATE entries of recurrenceOverrides (§3.2 remarks),
    /// one property per set of identical parameters.
    fn rdates_exdates<'o>(
        &mut self,
        c: &mut Comp<'o>,
        v: &'o Json<'o>,
        z: &ObjZone<'o>,
        carrier: &Carrier<'o>,
    ) {
        let Some(overrides) = v.as_object() else {
            return;
        };
        // (name, parameters, values), in order of first appearance.
        let mut groups: Vec<(&'static str, Vec<Parameter<'o>>, Vec<String>)> = Vec::new();
        let mut extra: Vec<(&str, &Json<'_>)> = Vec::new();
        for (key, patch) in overrides {
            let Some(pm) = patch.as_object() else {
                extra.push((key, patch));
                continue;
            };
            let note = carrier.note_at(&["recurrenceOverrides", key]);
            let kind = override_kind(pm, carrier, key);
            let (name, period_dur) = match kind {
                OverrideKind::Rdate => ("RDATE", pm.get("duration").and_then(Json::as_str)),
                OverrideKind::Exdate | OverrideKind::ExdatePlus => ("EXDATE", None),
                OverrideKind::Component => {
                    // A component; it also needs an RDATE when noted (§2.1.2).
                    if note.name().is_some_and(|n| n.eq_ignore_ascii_case("rdate")) {
                        ("RDATE", None)
                    } else {
                        continue;
                    }
                }
            };
            let Some(mut p) = self.date_prop(name, key, z, note) else {
                extra.push((key, patch));
                continue;
            };
            if let Some(d) = period_dur {
                let value = format!("{}/{}", p.value(), d);
                p.set_value(value);
                p.remove_param("VALUE");
                p.params_mut().push(fixed_param("VALUE", "PERIOD"));
            }
            if kind == OverrideKind::ExdatePlus {
                for (pk, pv) in pm {
                    if pk == "excluded" {
                        continue;
                    }
                    self.push_jsprop_at(c, &["recurrenceOverrides", key, pk], pv);
                }
            }
            let params: Vec<Parameter<'o>> = p.params().to_vec();
            match groups
                .iter_mut()
                .find(|(n, ps, _)| *n == name && *ps == params)
            {
                Some((_, _, values)) => values.push(p.value().to_owned()),
                None => groups.push((name, params, vec![p.value().to_owned()])),
            }
        }
        for (name, params, values) in groups {
            let mut p = prop(name, values.join(","));
            for x in params {
                p.params_mut().push(x);
            }
            c.push(p);
        }
        for (key, patch) in extra {
            self.push_jsprop_at(c, &["recurrenceOverrides", key], patch);
        }
    }
}

// ---------------------------------------------------------------------------
// Links (§3.4), VirtualLocations (§3.8), Relations.

impl J {
    fn links<'o>(
        &mut self,
        c: &mut Comp<'o>,
        v: &'o Json<'o>,
        carrier: &Carrier<'o>,
        keys: &mut Keys<'o>,
        group: bool,
    ) {
        let Some(links) = v.as_object() else { return };
        let mut url_done = false;
        for (key, l) in links {
            let Some(lo) = l.as_object() else {
                self.push_jsprop_at(c, &["links", key], l);
                continue;
            };
            let Some(href) = str_of(lo, "href") else {
                self.push_jsprop_at(c, &["links", key], l);
                continue;
            };
            let note = match self.n.prop {
                Some(pn) => Note::of(lo.get(pn)),
                None => carrier.note_at(&["links", key]),
            };
            let rel = str_of(lo, "rel");
            let name: &'static str = match note.name().map(str::to_ascii_uppercase).as_deref() {
                Some("ATTACH") => "ATTACH",
                Some("IMAGE") => "IMAGE",
                Some("URL") => "URL",
                Some("STRUCTURED-DATA") => "STRUCTURED-DATA",
                Some("LINK") => "LINK",
                _ if self.rfc() => {
                    if lo.contains_key("display") || rel == Some("icon") {
                        "IMAGE"
                    } else {
                        "ATTACH"
                    }
                }
                // A Link without rel is an ATTACH: LINK requires LINKREL
                // (RFC 9253 §8.2), which such a Link cannot give.
                _ => match rel {
                    Some("enclosure") | None => "ATTACH",
                    Some("icon") => "IMAGE",
                    Some("describedby") if !url_done => "URL",
                    _ => "LINK",
                },
            };
            if name == "URL" {
                url_done = true;
            }
            let _ = group;
            // The value: binary from a data: URL where the property allows it.
            let binary = matches!(name, "ATTACH" | "IMAGE" | "STRUCTURED-DATA")
                .then(|| data_url(href))
                .flatten()
                .filter(|_| {
                    note.value_type()
                        .is_none_or(|v| v.eq_ignore_ascii_case("binary"))
                });
            let mut p = match &binary {
                Some((_, data)) => {
                    let mut p = prop(name, *data);
                    p.params_mut().push(param("ENCODING", "BASE64"));
                    p.params_mut().push(fixed_param("VALUE", "BINARY"));
                    p
                }
                None => {
                    let mut p = prop(name, href);
                    if matches!(name, "IMAGE" | "LINK") {
                        p.params_mut().push(fixed_param("VALUE", "URI"));
                    }
                    p
                }
            };
            let mut done = SmallStrs::new();
            done.extend(["@type", "href"]);
            if let Some(pn) = self.n.prop {
                done.push(pn);
            }
            let fmt = str_of(lo, "contentType")
                .or_else(|| binary.as_ref().map(|(m, _)| *m).filter(|m| !m.is_empty()));
            if let Some(ct) = fmt
                && !(self.rfc() && name == "LINK")
            {
                p.params_mut().push(param("FMTTYPE", ct));
                done.push("contentType");
            }
            if let Some(sz) = lo.get("size").and_then(Json::as_u64) {
                p.params_mut().push(param_owned("SIZE", sz.to_string()));
                done.push("size");
            }
            match (self.rfc(), name) {
                (true, "IMAGE") => {
                    if let Some(d) = str_of(lo, "display") {
                        p.params_mut()
                            .push(param_owned("DISPLAY", d.to_ascii_uppercase()));
                        done.push("display");
                    }
                    match rel {
                        Some("icon") if lo.contains_key("display") || note.exists() => {
                            done.push("rel")
                        }
                        Some(r) if r != "icon" => {
                            p.params_mut().push(param("LINKREL", r));
                            done.push("rel");
                        }
                        _ => {}
                    }
                }
                (true, "ATTACH") => {
                    if let Some(r) = rel {
                        p.params_mut().push(param("LINKREL", r));
                        done.push("rel");
                    }
                }
                (false, _) => {
                    if name == "IMAGE"
                        && let Some(d) = lo.get("display").and_then(set_of)
                    {
                        p.params_mut().push(upper_multi_param("DISPLAY", d.keys()));
                        done.push("display");
                    }
                    let implied = match name {
                        "ATTACH" => Some("enclosure"),
                        "IMAGE" => Some("icon"),
                        "URL" => Some("describedby"),
                        _ => None,
                    };
                    match rel {
                        Some(r) if Some(r) == implied => done.push("rel"),
                        Some(r) if name == "LINK" => {
                            p.params_mut().push(param("LINKREL", r));
                            done.push("rel");
                        }
                        _ => {}
                    }
                    if let Some(t) = str_of(lo, "title") {
                        let tp = if matches!(name, "ATTACH" | "IMAGE") {
                            "FILENAME"
                        } else {
                            "LABEL"
                        };
                        p.params_mut().push(param(tp, t));
                        done.push("title");
                    }
                }
                _ => {}
            }
            note.apply(&mut p);
            // The key, when reading back would not give it.
            if !keys.predicts(&link_base(name, &p), false, key) {
                p.params_mut().push(param(self.n.id, key));
            }
            keys.take(key);
            c.push(p);
            for (k, val) in lo {
                if !done.contains(k) {
                    let path = self.sub_path("links", key, k);
                    self.push_jsprop(c, &path, val);
                }
            }
        }
    }

    fn virtual_locations<'o>(&mut self, c: &mut Comp<'o>, v: &'o Json<'o>, carrier: &Carrier<'o>) {
        let Some(m) = v.as_object() else { return };
        let mut keys = Keys::new(self.n);
        for (key, vl) in m {
            let (Some(vo), Some(uri)) = (vl.as_object(), vl.get("uri").and_then(Json::as_str))
            else {
                self.push_jsprop_at(c, &["virtualLocations", key], vl);
                continue;
            };
            let mut p = prop("CONFERENCE", uri);
            p.params_mut().push(fixed_param("VALUE", "URI"));
            let mut done = SmallStrs::new();
            done.extend(["@type", "uri"]);
            if let Some(f) = vo.get("features").and_then(set_of)
                && !f.is_empty()
            {
                p.params_mut().push(upper_multi_param("FEATURE", f.keys()));
                done.push("features");
            }
            if let Some(n) = str_of(vo, "name") {
                p.params_mut().push(param("LABEL", n));
                done.push("name");
            }
            let note = match self.n.prop {
                Some(pn) => {
                    done.push(pn);
                    Note::of(vo.get(pn))
                }
                None => carrier.note_at(&["virtualLocations", key]),
            };
            note.apply(&mut p);
            if !keys.predicts(uri, false, key) {
                p.params_mut().push(param(self.n.id, key));
            }
            keys.take(key);
            c.push(p);
            for (k, val) in vo {
                if !done.contains(k) {
                    let path = self.sub_path("virtualLocations", key, k);
                    self.push_jsprop(c, &path, val);
                }
            }
        }
    }

    fn related_to<'o>(&mut self, c: &mut Comp<'o>, v: &'o Json<'o>, carrier: &Carrier<'o>) {
        let Some(m) = v.as_object() else { return };
        for (uid, r) in m {
            let Some(ro) = r.as_object() else {
                self.push_jsprop_at(c, &["relatedTo", uid], r);
                continue;
            };
            let mut p = text_prop("RELATED-TO", uid);
            let mut done = SmallStrs::new();
            done.extend(["@type"]);
            if let Some(types) = ro.get("relation").and_then(set_of)
                && !types.is_empty()
            {
                p.params_mut()
                    .push(upper_multi_param("RELTYPE", types.keys()));
                done.push("relation");
            }
            let note = match self.n.prop {
                Some(pn) => {
                    done.push(pn);
                    Note::of(ro.get(pn))
                }
                None => carrier.note_at(&["relatedTo", uid]),
            };
            note.apply(&mut p);
            c.push(p);
            for (k, val) in ro {
                if !done.contains(k) {
                    let path = self.sub_path("relatedTo", uid, k);
                    self.push_jsprop(c, &path, val);
                }
            }
        }
    }
}

/// The media type and base64 data of a `data:…;base64,…` URL (RFC 2397).
fn data_url(href: &str) -> Option<(&str, &str)> {
    let rest = href.strip_prefix("data:")?;
    let (head, data) = rest.split_once(',')?;
    let media = head.strip_suffix(";base64")?;
    if media.contains(';') {
        return None;
    }
    Some((media, data))
}

/// The base of a Link's generated key: its href as the other direction
/// builds it.
fn link_base(_name: &str, p: &Prop<'_>) -> String {
    let binary = p
        .param_value("VALUE")
        .is_some_and(|v| v.eq_ignore_ascii_case("BINARY"));
    if binary {
        let fmt = p
            .param_value("FMTTYPE")
            .map(Cow::into_owned)
            .unwrap_or_default();
        format!("data:{fmt};base64,{}", p.value())
    } else {
        p.value().to_owned()
    }
}

// ---------------------------------------------------------------------------
// Locations (§3.5).

/// `(lat, lon)` of a `geo:` URI that GEO can carry exactly (§3.5 remarks).
fn plain_geo(uri: &str) -> Option<(&str, &str)> {
    let rest = uri.strip_prefix("geo:")?;
    if rest.contains(';') {
        return None;
    }
    let (a, b) = rest.split_once(',')?;
    if b.contains(',') {
        return None;
    }
    kalends_ical_core::value::Geo::parse(&format!("{a};{b}")).ok()?;
    Some((a, b))
}

impl J {
    fn locations<'o>(
        &mut self,
        c: &mut Comp<'o>,
        o: &'o Obj<'o>,
        v: &'o Json<'o>,
        carrier: &Carrier<'o>,
        has_end: bool,
    ) {
        let Some(m) = v.as_object() else { return };
        let rfc = self.rfc();
        let main_id = if rfc {
            None
        } else {
            str_of(o, "mainLocationId")
        };
        let mut loc_done = carrier.carries("LOCATION");
        let mut geo_done = carrier.carries("GEO");
        let mut keys = Keys::new(self.n);
        for (key, l) in m {
            let Some(lo) = l.as_object() else {
                self.push_jsprop_at(c, &["locations", key], l);
                continue;
            };
            let own = Carrier::of(lo, self.n);
            // Draft -11: the end time zone (§2.3.14), written as DTEND.
            if rfc
                && has_end
                && str_of(lo, "relativeTo") == Some("end")
                && lo
                    .get("iCalProperty")
                    .and_then(|p| p.get("name"))
                    .and_then(Json::as_str)
                    .is_some_and(|n| n.eq_ignore_ascii_case("dtend"))
                && let Some(tz) = str_of(lo, "timeZone")
            {
                let predicted = keys.predicts(&format!("dtend\n{tz}"), false, key);
                keys.take(key);
                if !predicted && let Some(p) = c.properties_mut().iter_mut().find(|p| p.is("DTEND"))
                {
                    p.params_mut().push(param(self.n.id, key));
                }
                for (k, val) in lo {
                    if !matches!(k, "@type" | "relativeTo" | "timeZone" | "iCalProperty") {
                        let path = self.sub_path("locations", key, k);
                        self.push_jsprop(c, &path, val);
                    }
                }
                continue;
            }
            let note = match self.n.prop {
                Some(pn) => Note::of(lo.get(pn)),
                None => carrier.note_at(&["locations", key]),
            };
            let geo_note = if rfc {
                note
            } else {
                carrier.note_at(&["locations", key, "coordinates"])
            };
            let name = str_of(lo, "name");
            let coords = str_of(lo, "coordinates");
            let plain = coords.and_then(plain_geo);
            let simple = lo
                .keys()
                .all(|k| matches!(k, "@type" | "name" | "coordinates") || Some(k) == self.n.prop);
            let vloc = own.present
                && lo
                    .get(self.n.comp)
                    .and_then(|x| x.get("name"))
                    .and_then(Json::as_str)
                    .is_some_and(|n| n.eq_ignore_ascii_case("vlocation"));
            let main = main_id == Some(key);
            if !vloc
                && simple
                && name.is_some()
                && !loc_done
                && (coords.is_none() || (plain.is_some() && !geo_done))
            {
                let mut p = text_prop("LOCATION", name.unwrap_or(""));
                note.apply(&mut p);
                if !keys.predicts(name.unwrap_or(""), false, key) {
                    p.params_mut().push(param(self.n.id, key));
                }
                keys.take(key);
                loc_done = true;
                if let Some((a, b)) = plain {
                    let mut g = prop("GEO", format!("{a};{b}"));
                    if !rfc {
                        geo_note.apply(&mut g);
                    }
                    if let Some(id) = p.param(self.n.id) {
                        g.params_mut().push(id.clone());
                    }
                    c.push(p);
                    c.push(g);
                    geo_done = true;
                } else {
                    c.push(p);
                }
                continue;
            }
            if !vloc && simple && name.is_none() && plain.is_some() && !geo_done && !main {
                let (a, b) = plain.unwrap_or(("", ""));
                let mut g = prop("GEO", format!("{a};{b}"));
                if rfc {
                    note.apply(&mut g);
                } else {
                    geo_note.apply(&mut g);
                }
                if !keys.predicts(g.value(), false, key) {
                    g.params_mut().push(param(self.n.id, key));
                }
                keys.take(key);
                c.push(g);
                geo_done = true;
                continue;
            }
            // A VLOCATION component.
            let mut comp = Component::new("VLOCATION");
            let mut done = SmallStrs::new();
            done.extend(["@type", self.n.comp]);
            if let Some(pn) = self.n.prop {
                done.push(pn);
            }
            if let Some(nm) = name {
                let mut p = text_prop("NAME", nm);
                own.note("name").apply(&mut p);
                comp.push(p);
                done.push("name");
            }
            if rfc && let Some(d) = str_of(lo, "description") {
                let mut p = text_prop("DESCRIPTION", d);
                own.note("description").apply(&mut p);
                comp.push(p);
                done.push("description");
            }
            if let Some(cu) = coords {
                let cnote = own.note("coordinates");
                let as_geo = if rfc {
                    plain.is_some()
                } else {
                    cnote.name().is_some_and(|n| n.eq_ignore_ascii_case("geo")) && plain.is_some()
                };
                if as_geo {
                    let (a, b) = plain.unwrap_or(("", ""));
                    let mut g = prop("GEO", format!("{a};{b}"));
                    cnote.apply(&mut g);
                    comp.push(g);
                    done.push("coordinates");
                } else if !rfc {
                    let mut g = prop("COORDINATES", cu);
                    g.params_mut().push(fixed_param("VALUE", "URI"));
                    cnote.apply(&mut g);
                    comp.push(g);
                    done.push("coordinates");
                } else if let Some((a, b)) = cu.strip_prefix("geo:").and_then(|r| {
                    let coords = r.split(';').next()?;
                    let mut it = coords.split(',');
                    Some((it.next()?, it.next()?))
                }) && !geo_done
                    && kalends_ical_core::value::Geo::parse(&format!("{a};{b}")).is_ok()
                {
                    // -11 Figure 86: a derived GEO in the parent, the exact
                    // value as JSCAL-PROP.
                    let mut g = prop("GEO", format!("{a};{b}"));
                    g.params_mut().push(fixed_param("DERIVED", "TRUE"));
                    c.push(g);
                    geo_done = true;
                }
            }
            if let Some(t) = lo.get("locationTypes").and_then(set_of)
                && !t.is_empty()
            {
                comp.push(list_prop("LOCATION-TYPE", t.keys()));
                done.push("locationTypes");
            }
            if let Some(ls) = lo.get("links").filter(|l| l.is_object()) {
                let mut lk = Keys::new(self.n);
                self.links(&mut comp, ls, &own, &mut lk, false);
                done.push("links");
            }
            for (k, val) in lo {
                if !done.contains(k) {
                    self.push_jsprop(&mut comp, &pointer::escape(k), val);
                }
            }
            if !own.write(&mut comp)
                && let Some(x) = lo.get(self.n.comp)
            {
                self.push_jsprop(&mut comp, self.n.comp, x);
            }
            if !own.present && comp.property("UID").is_none() {
                comp.push(text_prop("UID", key));
            }
            if !keys.predicts_component(&comp, self.n, key, &mut self.scratch) {
                comp.push(prop(self.n.id, key));
            }
            keys.take(key);
            if main
                && !loc_done
                && let Some(nm) = name
            {
                let mut p = text_prop("LOCATION", nm);
                p.params_mut().push(fixed_param("DERIVED", "TRUE"));
                c.push(p);
                loc_done = true;
            }
            c.push_component(comp);
        }
    }
}

// ---------------------------------------------------------------------------
// Participants (§3.6), ORGANIZER.

/// The calendar address of a participant: `calendarAddress`, else (-11) its
/// `sendTo` address.
fn participant_addr<'v>(p: &'v Obj<'_>) -> Option<&'v str> {
    send_to_addr(str_of(p, "calendarAddress"), p.get("sendTo"))
}

/// The calendar address, else (-11) the `sendTo` address.
fn send_to_addr<'v>(address: Option<&'v str>, send_to: Option<&'v Json<'_>>) -> Option<&'v str> {
    address.or_else(|| {
        let st = send_to?.as_object()?;
        st.get("imip")
            .or_else(|| st.get("other"))
            .or_else(|| st.values().next())
            .and_then(Json::as_str)
    })
}

fn is_mailto(a: &str) -> bool {
    match a.as_bytes().get(..7) {
        // Lower case, as almost every address has it, compared first.
        Some(b"mailto:") => true,
        Some(p) => p.eq_ignore_ascii_case(b"mailto:"),
        None => false,
    }
}

/// The members of a Participant (RFC 8984 §4.4.6) the conversion reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PK {
    Type,
    CalendarAddress,
    SendTo,
    Name,
    Kind,
    Roles,
    ParticipationStatus,
    Progress,
    ExpectReply,
    Email,
    DelegatedFrom,
    DelegatedTo,
    MemberOf,
    ScheduleAgent,
    ScheduleForceSend,
    ScheduleStatus,
    SentBy,
    Description,
    DescriptionContentType,
    Links,
    ParticipationComment,
    PercentComplete,
    ScheduleSequence,
    ScheduleUpdated,
    Locations,
    ICalComponent,
    ICalProperty,
    ICalendar,
}

/// How many [`PK`] there are.
const PK_COUNT: usize = 28;

impl PK {
    fn of(k: &str) -> Option<PK> {
        Some(match k {
            "@type" => PK::Type,
            "calendarAddress" => PK::CalendarAddress,
            "sendTo" => PK::SendTo,
            "name" => PK::Name,
            "kind" => PK::Kind,
            "roles" => PK::Roles,
            "participationStatus" => PK::ParticipationStatus,
            "progress" => PK::Progress,
            "expectReply" => PK::ExpectReply,
            "email" => PK::Email,
            "delegatedFrom" => PK::DelegatedFrom,
            "delegatedTo" => PK::DelegatedTo,
            "memberOf" => PK::MemberOf,
            "scheduleAgent" => PK::ScheduleAgent,
            "scheduleForceSend" => PK::ScheduleForceSend,
            "scheduleStatus" => PK::ScheduleStatus,
            "sentBy" => PK::SentBy,
            "description" => PK::Description,
            "descriptionContentType" => PK::DescriptionContentType,
            "links" => PK::Links,
            "participationComment" => PK::ParticipationComment,
            "percentComplete" => PK::PercentComplete,
            "scheduleSequence" => PK::ScheduleSequence,
            "scheduleUpdated" => PK::ScheduleUpdated,
            "locations" => PK::Locations,
            "iCalComponent" => PK::ICalComponent,
            "iCalProperty" => PK::ICalProperty,
            "iCalendar" => PK::ICalendar,
            _ => return None,
        })
    }

    const fn bit(self) -> u32 {
        1 << self as u32
    }
}

/// A set of [`PK`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Keyset(u32);

impl Keyset {
    fn of(keys: &[PK]) -> Keyset {
        Keyset(keys.iter().fold(0, |m, k| m | k.bit()))
    }

    fn add(&mut self, k: PK) {
        self.0 |= k.bit();
    }

    fn has(self, k: PK) -> bool {
        self.0 & k.bit() != 0
    }

    /// True when every member of `self` is in `other`.
    fn within(self, other: Keyset) -> bool {
        self.0 & !other.0 == 0
    }
}

/// A Participant's members, found in one pass: which are there, their
/// values, and whether there are others.
struct Fields<'o> {
    values: [Option<&'o Json<'o>>; PK_COUNT],
    present: Keyset,
    unknown: bool,
}

impl<'o> Fields<'o> {
    fn of(p: &'o Obj<'o>) -> Fields<'o> {
        let mut f = Fields {
            values: [None; PK_COUNT],
            present: Keyset::default(),
            unknown: false,
        };
        for (k, v) in p {
            match PK::of(k) {
                Some(id) => {
                    if let Some(slot) = f.values.get_mut(id as usize) {
                        *slot = Some(v);
                    }
                    f.present.add(id);
                }
                None => f.unknown = true,
            }
        }
        f
    }

    fn get(&self, k: PK) -> Option<&'o Json<'o>> {
        self.values.get(k as usize).copied().flatten()
    }

    fn str(&self, k: PK) -> Option<&'o str> {
        self.get(k).and_then(Json::as_str)
    }

    fn set(&self, k: PK) -> Option<&'o Obj<'o>> {
        self.get(k).and_then(set_of)
    }

    /// True when every member is in `keys`.
    fn only(&self, keys: Keyset) -> bool {
        !self.unknown && self.present.within(keys)
    }

    /// The calendar address, else (-11) the `sendTo` address.
    fn addr(&self) -> Option<&'o str> {
        send_to_addr(self.str(PK::CalendarAddress), self.get(PK::SendTo))
    }
}

impl J {
    /// The [`PK`] of the profile's ICalComponent and ICalProperty members.
    fn carrier_keys(&self) -> (PK, Option<PK>) {
        let comp = if self.rfc() {
            PK::ICalComponent
        } else {
            PK::ICalendar
        };
        (comp, self.n.prop.map(|_| PK::ICalProperty))
    }

    fn people<'o>(&mut self, c: &mut Comp<'o>, o: &Members<'o>, carrier: &Carrier<'o>, kind: Kind) {
        let rfc = self.rfc();
        let parts = o.participants.and_then(Json::as_object);
        // The organizer's address (-11 §3.2 remarks on replyTo; -25 organizerCalendarAddress).
        let mut reply_extra: Vec<(&str, &Json<'_>)> = Vec::new();
        let org: Option<&'o str> = if rfc {
            match o.reply_to.and_then(Json::as_object) {
                Some(rt) => {
                    let candidates = || {
                        rt.iter()
                            .filter(|(m, _)| *m != "web")
                            .filter_map(|(m, v)| Some((m, v.as_str()?)))
                    };
                    let chosen = if candidates().nth(1).is_none() {
                        candidates().next()
                    } else {
                        candidates()
                            .find(|(_, v)| {
                                parts.is_some_and(|ps| {
                                    ps.values().any(|p| {
                                        p.get("calendarAddress").and_then(Json::as_str) == Some(*v)
                                    })
                                })
                            })
                            .or_else(|| candidates().find(|(m, _)| *m == "imip"))
                            .or_else(|| candidates().next())
                    };
                    for (m, v) in rt {
                        let implied = chosen.is_some_and(|(cm, cv)| {
                            cm == m && v.as_str() == Some(cv) && (cm == "imip") == is_mailto(cv)
                        });
                        if !implied {
                            reply_extra.push((m, v));
                        }
                    }
                    chosen.map(|(_, v)| v)
                }
                None => None,
            }
        } else {
            o.organizer.and_then(Json::as_str)
        };
        let org_note = carrier.note(if rfc {
            "replyTo"
        } else {
            "organizerCalendarAddress"
        });
        let mut keys = Keys::new(self.n);
        let org_key: Option<&'o str> = org.and_then(|a| {
            parts?.iter().find_map(|(k, p)| {
                let pa = participant_addr(p.as_object()?)?;
                pa.eq_ignore_ascii_case(a).then_some(k)
            })
        });
        // A participant that is the organizer and nothing more.
        let org_members = if rfc {
            Keyset::of(&[PK::Type, PK::CalendarAddress, PK::Roles, PK::Name])
        } else {
            Keyset::of(&[
                PK::Type,
                PK::CalendarAddress,
                PK::Roles,
                PK::Name,
                PK::Email,
                PK::SentBy,
            ])
        };
        let fully_org = |f: &Fields<'_>| -> bool {
            let roles_ok = match f.get(PK::Roles) {
                None => true,
                Some(r) => set_of(r).is_some_and(|m| m.keys().all(|x| x == "owner")),
            };
            roles_ok && f.only(org_members)
        };
        if let Some(a) = org {
            let mut p = prop("ORGANIZER", a);
            let org_part = org_key
                .and_then(|k| parts?.get(k))
                .and_then(Json::as_object);
            if org_note.exists() {
                org_note.apply(&mut p);
            } else if let Some(op) = org_part {
                if rfc {
                    let of = Fields::of(op);
                    if fully_org(&of)
                        && let Some(n) = of.str(PK::Name)
                    {
                        p.params_mut().push(param("CN", n));
                    }
                } else {
                    for (k, pn) in [("name", "CN"), ("email", "EMAIL"), ("sentBy", "SENT-BY")] {
                        if let Some(v) = str_of(op, k) {
                            p.params_mut().push(param(pn, v));
                        }
                    }
                    if p.param("SENT-BY").is_none()
                        && let Some(sb) = o.sent_by.and_then(Json::as_str)
                    {
                        p.params_mut().push(param("SENT-BY", sb));
                    }
                }
            } else if !rfc && let Some(sb) = o.sent_by.and_then(Json::as_str) {
                p.params_mut().push(param("SENT-BY", sb));
            }
            if let Some(k) = org_key {
                if !keys.predicts(a, true, k) {
                    p.params_mut().push(param(self.n.id, k));
                }
                keys.take(k);
            }
            c.push(p);
        } else if !rfc && let Some(sb) = o.sent_by {
            self.push_jsprop(c, "sentBy", sb);
        }
        for (m, v) in reply_extra {
            self.push_jsprop_at(c, &["replyTo", m], v);
        }
        let Some(parts) = parts else { return };
        // Participants referenced by others' DELEGATED-* or MEMBER: -11
        // creates them again when reading.
        let referenced = |key: &str| -> bool {
            parts.values().any(|p| {
                ["delegatedTo", "delegatedFrom", "memberOf"]
                    .iter()
                    .any(|k| {
                        p.get(k)
                            .and_then(set_of)
                            .is_some_and(|ids| ids.keys().any(|id| id == key))
                    })
            })
        };
        let addr_of = |id: &str| -> Option<&'o str> {
            parts
                .get(id)
                .and_then(Json::as_object)
                .and_then(participant_addr)
        };
        let (comp_key, prop_key) = self.carrier_keys();
        // The members the PARTICIPANT component is for (Table 34 / 31).
        let comp_members = if rfc {
            Keyset::of(&[
                PK::Description,
                PK::Links,
                PK::ParticipationComment,
                PK::PercentComplete,
                PK::ScheduleSequence,
                PK::ScheduleUpdated,
                PK::Locations,
            ])
        } else {
            Keyset::of(&[
                PK::Description,
                PK::DescriptionContentType,
                PK::Links,
                PK::PercentComplete,
            ])
        };
        let mut orphans: Vec<(&str, &Json<'_>)> = Vec::new();
        let mut emitted_any = org_key.is_some();
        let mut comps: Vec<Comp<'o>> = Vec::new();
        for (key, pv) in parts {
            let Some(p) = pv.as_object() else {
                orphans.push((key, pv));
                continue;
            };
            let f = Fields::of(p);
            let own = Carrier::of_member(f.get(comp_key));
            let is_org = Some(key) == org_key;
            let addr = f.addr();
            let from_comp_addr = own.note("calendarAddress").name_is("calendar-address");
            let noted_attendee =
                !rfc && carrier.note_at(&["participants", key]).name_is("attendee");
            let org_only = is_org && fully_org(&f) && !noted_attendee;
            let attendee = if org_only {
                false
            } else if rfc {
                f.get(PK::SendTo)
                    .is_some_and(|s| s.as_object().is_some_and(|m| !m.is_empty()))
            } else {
                f.present.has(PK::CalendarAddress) && !from_comp_addr
            };
            let mut done = Keyset::of(&[PK::Type, comp_key]);
            if let Some(pk) = prop_key {
                done.add(pk);
            }
            let roles = f.set(PK::Roles);
            let role_list = || roles.into_iter().flat_map(JsonObject::keys);
            // The roles PARTICIPANT-TYPE is written for, when there is a
            // PARTICIPANT: none, all, or all but those ATTENDEE implies.
            let mut left_roles: Option<(bool, Option<&str>)> = None;
            if org_only {
                done.add(PK::CalendarAddress);
                done.add(PK::Roles);
                done.add(PK::Name);
                if !rfc {
                    done.add(PK::Email);
                    done.add(PK::SentBy);
                }
                if f.only(done) {
                    continue;
                }
            }
            if attendee {
                let a = addr.unwrap_or("");
                let mut ap = prop("ATTENDEE", a);
                ap.params_mut().reserve(8);
                done.add(PK::CalendarAddress);
                if rfc {
                    let implied = f
                        .get(PK::SendTo)
                        .and_then(Json::as_object)
                        .is_some_and(|m| {
                            m.len() == 1
                                && m.iter().all(|(k, v)| {
                                    v.as_str() == Some(a) && (k == "imip") == is_mailto(a)
                                })
                        });
                    if implied {
                        done.add(PK::SendTo);
                    }
                }
                let params = ap.params_mut();
                if let Some(n) = f.str(PK::Name) {
                    params.push(param("CN", n));
                    done.add(PK::Name);
                }
                if let Some(k) = f.str(PK::Kind) {
                    let cu = match k {
                        "individual" => Some("INDIVIDUAL"),
                        "group" => Some("GROUP"),
                        "resource" => Some("RESOURCE"),
                        "location" => Some("ROOM"),
                        _ => None,
                    };
                    if let Some(cu) = cu {
                        params.push(fixed_param("CUTYPE", cu));
                        done.add(PK::Kind);
                    }
                }
                let ps = f.str(PK::ParticipationStatus);
                let progress = f.str(PK::Progress).filter(|_| kind == Kind::Task);
                let from_progress = match progress {
                    Some("completed") => Some("COMPLETED"),
                    Some("in-process") => Some("IN-PROCESS"),
                    Some("failed") => Some("FAILED"),
                    _ => None,
                };
                match (from_progress, ps) {
                    (Some(fp), None | Some("accepted")) => {
                        params.push(fixed_param("PARTSTAT", fp));
                        done.add(PK::Progress);
                        if ps.is_some() {
                            done.add(PK::ParticipationStatus);
                        }
                    }
                    (_, Some(st))
                        if matches!(
                            st,
                            "needs-action" | "accepted" | "declined" | "tentative" | "delegated"
                        ) =>
                    {
                        params.push(Parameter::from_raw("PARTSTAT", Some(upper_enum(st))));
                        done.add(PK::ParticipationStatus);
                    }
                    _ => {}
                }
                // The roles ATTENDEE does not imply by itself.
                let extra = |r: &str| r != "attendee" && !(is_org && r == "owner");
                let role = role_list().filter(|r| extra(r)).find_map(|r| match r {
                    "chair" => Some(("chair", "CHAIR")),
                    "optional" => Some(("optional", "OPT-PARTICIPANT")),
                    "informational" => Some(("informational", "NON-PARTICIPANT")),
                    "owner" if !rfc => Some(("owner", "OWNER")),
                    _ => None,
                });
                if let Some((_, v)) = role {
                    params.push(fixed_param("ROLE", v));
                }
                let role_name = role.map(|(r, _)| r);
                let left_empty = !role_list().any(|r| extra(r) && Some(r) != role_name);
                left_roles = Some((true, role_name));
                let roles_implied = if rfc {
                    // -11: the attendee role is implied, owner when organizer.
                    role_list().any(|r| r == "attendee")
                        || role.is_some_and(|(r, _)| r == "informational")
                } else {
                    true
                };
                if (left_empty || rfc) && roles_implied {
                    done.add(PK::Roles);
                }
                match f.get(PK::ExpectReply) {
                    Some(Json::Bool(true)) => {
                        params.push(fixed_param("RSVP", "TRUE"));
                        done.add(PK::ExpectReply);
                    }
                    Some(Json::Bool(false)) => {
                        params.push(fixed_param("RSVP", "FALSE"));
                        done.add(PK::ExpectReply);
                    }
                    _ => {}
                }
                if let Some(e) = f.str(PK::Email) {
                    params.push(param("EMAIL", e));
                    done.add(PK::Email);
                }
                for (k, pn) in [
                    (PK::DelegatedFrom, "DELEGATED-FROM"),
                    (PK::DelegatedTo, "DELEGATED-TO"),
                    (PK::MemberOf, "MEMBER"),
                ] {
                    if let Some(ids) = f.set(k)
                        && !ids.is_empty()
                        && ids.keys().all(|id| addr_of(id).is_some())
                    {
                        params.push(multi_param(pn, ids.keys().filter_map(&addr_of)));
                        done.add(k);
                    }
                }
                if rfc {
                    if let Some(sa) = f.str(PK::ScheduleAgent)
                        && matches!(sa, "server" | "client" | "none")
                    {
                        params.push(Parameter::from_raw("SCHEDULE-AGENT", Some(upper_enum(sa))));
                        done.add(PK::ScheduleAgent);
                    }
                    if matches!(f.get(PK::ScheduleForceSend), Some(Json::Bool(true))) {
                        params.push(fixed_param("SCHEDULE-FORCE-SEND", "REQUEST"));
                        done.add(PK::ScheduleForceSend);
                    }
                    if let Some(st) = f.get(PK::ScheduleStatus).and_then(Json::as_array)
                        && !st.is_empty()
                        && st.iter().all(Json::is_string)
                    {
                        params.push(multi_param(
                            "SCHEDULE-STATUS",
                            st.iter().filter_map(Json::as_str),
                        ));
                        done.add(PK::ScheduleStatus);
                    }
                } else if let Some(sb) = f.str(PK::SentBy) {
                    params.push(param("SENT-BY", sb));
                    done.add(PK::SentBy);
                }
                let note = match prop_key {
                    Some(pk) => Note::of(f.get(pk)),
                    None => carrier.note_at(&["participants", key]),
                };
                note.apply(&mut ap);
                if !is_org {
                    if !keys.predicts(a, true, key) {
                        ap.params_mut().push(param(self.n.id, key));
                    }
                    keys.take(key);
                }
                c.push(ap);
                emitted_any = true;
            } else if !is_org {
                left_roles = Some((false, None));
                if roles.is_none_or(JsonObject::is_empty) {
                    done.add(PK::Roles);
                }
            }
            // The roles left for PARTICIPANT-TYPE.
            let left = |r: &str| match left_roles {
                None => false,
                Some((false, _)) => true,
                Some((true, role)) => {
                    r != "attendee" && !(is_org && r == "owner") && Some(r) != role
                }
            };
            // A participant made for a DELEGATED-*, MEMBER reference (-11
            // §2.3.4) is made again from that reference.
            let recreated = rfc
                && !attendee
                && !is_org
                && f.only(Keyset::of(&[PK::Type, PK::CalendarAddress]))
                && referenced(key);
            if recreated {
                continue;
            }
            let needs_comp = own.present
                || f.present.0 & comp_members.0 != 0
                || (rfc && role_list().any(left))
                || (!attendee && !is_org && !f.only(done));
            if !needs_comp {
                if !f.only(done) {
                    for (k, val) in p {
                        if !PK::of(k).is_some_and(|id| done.has(id)) {
                            let path = self.sub_path("participants", key, k);
                            self.push_jsprop(c, &path, val);
                        }
                    }
                }
                if !attendee && !is_org && !referenced(key) {
                    orphans.push((key, pv));
                }
                continue;
            }
            let mut pc = Component::new("PARTICIPANT");
            // The address ties the component to its ATTENDEE when read
            // back (§2.3.29); an attendee's may come from `sendTo`.
            let comp_addr = f
                .str(PK::CalendarAddress)
                .or(if attendee { addr } else { None });
            if let Some(a) = comp_addr
                && !own.carries("CALENDAR-ADDRESS")
            {
                let mut cp = prop("CALENDAR-ADDRESS", a);
                if !attendee {
                    own.note("calendarAddress").apply(&mut cp);
                }
                pc.push(cp);
                done.add(PK::CalendarAddress);
            }
            if !attendee && let Some(n) = f.str(PK::Name) {
                let mut sp = text_prop("SUMMARY", n);
                own.note("name").apply(&mut sp);
                pc.push(sp);
                done.add(PK::Name);
            }
            if f.get(PK::Description).is_some_and(Json::is_string) {
                self.description(&mut pc, p, &own);
                done.add(PK::Description);
                if !rfc {
                    done.add(PK::DescriptionContentType);
                }
            }
            if rfc {
                for (k, name, utc) in [
                    (PK::ParticipationComment, "COMMENT", false),
                    (PK::ScheduleUpdated, "DTSTAMP", true),
                ] {
                    if let Some(v) = f.get(k) {
                        let q = if utc {
                            ical_utc(v).map(|t| prop(name, t))
                        } else {
                            v.as_str().map(|t| text_prop(name, t))
                        };
                        if let Some(mut q) = q {
                            let note_key = if utc {
                                "scheduleUpdated"
                            } else {
                                "participationComment"
                            };
                            own.note(note_key).apply(&mut q);
                            pc.push(q);
                            done.add(k);
                        }
                    }
                }
                if let Some(n) = f.get(PK::ScheduleSequence).and_then(Json::as_u64) {
                    let mut q = prop("SEQUENCE", n.to_string());
                    own.note("scheduleSequence").apply(&mut q);
                    pc.push(q);
                    done.add(PK::ScheduleSequence);
                }
                for r in role_list().filter(|r| left(r)) {
                    pc.push(prop("PARTICIPANT-TYPE", r.to_ascii_uppercase()));
                }
                done.add(PK::Roles);
            }
            if let Some(n) = f.get(PK::PercentComplete).and_then(Json::as_u64) {
                let mut q = prop("PERCENT-COMPLETE", n.to_string());
                own.note("percentComplete").apply(&mut q);
                pc.push(q);
                done.add(PK::PercentComplete);
            }
            if let Some(ls) = f.get(PK::Links).filter(|l| l.is_object()) {
                let mut lk = Keys::new(self.n);
                self.links(&mut pc, ls, &own, &mut lk, false);
                done.add(PK::Links);
            }
            if rfc && let Some(Json::Object(locs)) = f.get(PK::Locations) {
                let mut all = true;
                let mut lk = Keys::new(self.n);
                for (lkey, l) in locs {
                    let plain = l
                        .get("coordinates")
                        .and_then(Json::as_str)
                        .and_then(plain_geo);
                    match plain {
                        Some((a, b))
                            if l.as_object().is_some_and(|m| {
                                m.keys()
                                    .all(|k| matches!(k, "@type" | "coordinates" | "iCalProperty"))
                            }) =>
                        {
                            let mut g = prop("GEO", format!("{a};{b}"));
                            Note::of(l.get("iCalProperty")).apply(&mut g);
                            if !lk.predicts(g.value(), false, lkey) {
                                g.params_mut().push(param(self.n.id, lkey));
                            }
                            lk.take(lkey);
                            pc.push(g);
                        }
                        _ => all = false,
                    }
                }
                if all {
                    done.add(PK::Locations);
                }
            }
            for (k, val) in p {
                if !PK::of(k).is_some_and(|id| done.has(id)) {
                    self.push_jsprop(&mut pc, &pointer::escape(k), val);
                }
            }
            if !own.write(&mut pc)
                && let Some(x) = f.get(comp_key)
            {
                self.push_jsprop(&mut pc, self.n.comp, x);
            }
            if !own.present && pc.property("UID").is_none() {
                pc.push(text_prop("UID", key));
            }
            if !attendee && !is_org {
                let predicted = match f.str(PK::CalendarAddress) {
                    Some(a) => keys.predicts(a, true, key),
                    None => keys.predicts_component(&pc, self.n, key, &mut self.scratch),
                };
                if !predicted {
                    pc.push(prop(self.n.id, key));
                }
                keys.take(key);
            }
            comps.push(pc);
            emitted_any = true;
        }
        for pc in comps {
            c.push_component(pc);
        }
        if !orphans.is_empty() {
            if emitted_any {
                for (k, v) in orphans {
                    self.push_jsprop_at(c, &["participants", k], v);
                }
            } else {
                let m: Obj<'_> = orphans
                    .into_iter()
                    .map(|(k, v)| (k.to_owned(), v.clone()))
                    .collect();
                self.push_jsprop(c, "participants", &Json::Object(m));
            }
        }
    }
}

// ---------------------------------------------------------------------------
// Alerts (§3.1).

impl J {
    fn alerts<'o>(&mut self, c: &mut Comp<'o>, v: &'o Json<'o>, title: &'o str) {
        let Some(m) = v.as_object() else { return };
        // The UID of each alert that another relates to (§3.1 remarks).
        let mut uids: Vec<(&str, Cow<'o, str>)> = Vec::new();
        // The keys some alert's relatedTo names, collected once.
        let related: HashSet<&str> = m
            .values()
            .filter_map(|other| other.get("relatedTo").and_then(Json::as_object))
            .flat_map(|r| r.keys())
            .collect();
        for (key, a) in m {
            let Some(ao) = a.as_object() else { continue };
            let carried = Carrier::of(ao, self.n).carried_text("UID");
            let targeted = related.contains(key);
            match carried {
                Some(u) => uids.push((key, Cow::Owned(u))),
                None if targeted => uids.push((key, Cow::Borrowed(key))),
                None => {}
            }
        }
        let mut keys = Keys::new(self.n);
        for (key, a) in m {
            let Some(ao) = a.as_object() else {
                self.push_jsprop_at(c, &["alerts", key], a);
                continue;
            };
            let own = Carrier::of(ao, self.n);
            let mut al = Component::new("VALARM");
            let mut done = SmallStrs::new();
            done.extend(["@type", self.n.comp]);
            match str_of(ao, "action") {
                Some(act @ ("display" | "email")) => {
                    let mut p = prop("ACTION", upper_enum(act));
                    own.note("action").apply(&mut p);
                    al.push(p);
                    done.push("action");
                }
                _ if !own.present => al.push(prop("ACTION", "DISPLAY")),
                _ => {}
            }
            if let Some(t) = ao.get("trigger").and_then(Json::as_object) {
                let note = own.note("trigger");
                match str_of(t, "@type") {
                    Some("OffsetTrigger")
                        if t.keys()
                            .all(|k| matches!(k, "@type" | "offset" | "relativeTo")) =>
                    {
                        if let Some(off) = str_of(t, "offset") {
                            let mut p = prop("TRIGGER", off);
                            match str_of(t, "relativeTo") {
                                Some("end") => p.params_mut().push(fixed_param("RELATED", "END")),
                                Some("start") => {
                                    p.params_mut().push(fixed_param("RELATED", "START"))
                                }
                                _ => {}
                            }
                            if t.get("relativeTo")
                                .is_none_or(|r| matches!(r.as_str(), Some("start" | "end")))
                            {
                                note.apply(&mut p);
                                al.push(p);
                                done.push("trigger");
                            }
                        }
                    }
                    Some("AbsoluteTrigger") if t.keys().all(|k| matches!(k, "@type" | "when")) => {
                        if let Some(w) = t.get("when").and_then(ical_utc) {
                            let mut p = prop("TRIGGER", w);
                            p.params_mut().push(fixed_param("VALUE", "DATE-TIME"));
                            note.apply(&mut p);
                            al.push(p);
                            done.push("trigger");
                        }
                    }
                    _ => {}
                }
            }
            if let Some(ack) = ao.get("acknowledged").and_then(ical_utc) {
                let mut p = prop("ACKNOWLEDGED", ack);
                own.note("acknowledged").apply(&mut p);
                al.push(p);
                done.push("acknowledged");
            }
            if let Some(Json::Object(rel)) = ao.get("relatedTo") {
                let mut all = true;
                for (target, r) in rel {
                    let uid = uids.iter().find(|(k, _)| *k == target).map(|(_, u)| u);
                    let (Some(uid), Some(ro)) = (uid, r.as_object()) else {
                        all = false;
                        continue;
                    };
                    let mut p = text_prop_cow("RELATED-TO", uid);
                    if let Some(types) = ro.get("relation").and_then(set_of)
                        && !types.is_empty()
                    {
                        p.params_mut()
                            .push(upper_multi_param("RELTYPE", types.keys()));
                    }
                    let note = match self.n.prop {
                        Some(pn) => Note::of(ro.get(pn)),
                        None => own.note_at(&["relatedTo", target]),
                    };
                    note.apply(&mut p);
                    al.push(p);
                }
                if all {
                    done.push("relatedTo");
                }
            }
            // An Alert without iCalendar data gets the DESCRIPTION that
            // RFC 5545 §3.6.6 requires.
            if !own.present {
                al.push(text_prop(
                    "DESCRIPTION",
                    if title.is_empty() { "Reminder" } else { title },
                ));
            }
            for (k, val) in ao {
                if !done.contains(k) {
                    self.push_jsprop(&mut al, &pointer::escape(k), val);
                }
            }
            if !own.write(&mut al)
                && let Some(x) = ao.get(self.n.comp)
            {
                self.push_jsprop(&mut al, self.n.comp, x);
            }
            if al.property("UID").is_none()
                && let Some((_, u)) = uids.iter().find(|(k, _)| *k == key)
            {
                al.push(text_prop_cow("UID", u));
            }
            if !keys.predicts_component(&al, self.n, key, &mut self.scratch) {
                al.push(prop(self.n.id, key));
            }
            keys.take(key);
            c.push_component(al);
        }
    }

    // -----------------------------------------------------------------------
    // TimeZone → VTIMEZONE (-11 §3.7).

    fn time_zone<'o>(&mut self, o: &'o Obj<'o>) -> Option<Comp<'o>> {
        let mut c = Component::new("VTIMEZONE");
        let own = Carrier::of(o, self.n);
        c.push(prop("TZID", str_of(o, "tzId")?));
        let mut rules: Vec<Comp<'o>> = Vec::new();
        for (k, v) in o {
            match k {
                "@type" | "tzId" => {}
                "updated" | "validUntil" if ical_utc(v).is_some() => {
                    let name = if k == "updated" {
                        "LAST-MODIFIED"
                    } else {
                        "TZUNTIL"
                    };
                    let mut p = prop(name, ical_utc(v).unwrap_or_default());
                    own.note(k).apply(&mut p);
                    c.push(p);
                }
                "url" if v.is_string() => {
                    let mut p = prop("TZURL", v.as_str().unwrap_or(""));
                    own.note("url").apply(&mut p);
                    c.push(p);
                }
                "aliases" if set_of(v).is_some() => {
                    for a in set_of(v).into_iter().flat_map(JsonObject::keys) {
                        c.push(prop("TZID-ALIAS-OF", a));
                    }
                }
                "standard" | "daylight" if v.is_array() => {
                    let name = if k == "standard" {
                        "STANDARD"
                    } else {
                        "DAYLIGHT"
                    };
                    for r in v.as_array().map(Vec::as_slice).unwrap_or_default() {
                        rules.push(self.tz_rule(name, r.as_object()?)?);
                    }
                }
                _ if k == self.n.comp => {}
                _ => self.push_jsprop(&mut c, &pointer::escape(k), v),
            }
        }
        own.write(&mut c);
        for r in rules {
            c.push_component(r);
        }
        Some(c)
    }

    fn tz_rule<'o>(&mut self, name: &'static str, o: &'o Obj<'o>) -> Option<Comp<'o>> {
        let mut c = Component::new(name);
        let own = Carrier::of(o, self.n);
        // A rule without its mandatory properties is written without them
        // (what is there is kept).
        if let Some(v) = o.get("start") {
            let (d, t, _) = parse_js_date_time(v.as_str()?)?;
            c.push(prop("DTSTART", ical_dt(d, t, false, false)));
        }
        if let Some(v) = o.get("offsetFrom") {
            c.push(prop("TZOFFSETFROM", v.as_str()?));
        }
        if let Some(v) = o.get("offsetTo") {
            c.push(prop("TZOFFSETTO", v.as_str()?));
        }
        for (k, v) in o {
            match k {
                "@type" | "start" | "offsetFrom" | "offsetTo" => {}
                "recurrenceRules" => {
                    for r in v.as_array()? {
                        c.push(self.tz_rrule(r)?);
                    }
                }
                "recurrenceOverrides" => {
                    let mut values = Vec::new();
                    for key in v.as_object()?.keys() {
                        let (d, t, _) = parse_js_date_time(key)?;
                        values.push(ical_dt(d, t, false, false));
                    }
                    if !values.is_empty() {
                        c.push(prop("RDATE", values.join(",")));
                    }
                }
                "names" => {
                    for n in set_of(v)?.keys() {
                        c.push(text_prop("TZNAME", n));
                    }
                }
                "comments" => {
                    for n in v.as_array()? {
                        c.push(text_prop("COMMENT", n.as_str()?));
                    }
                }
                _ if k == self.n.comp => {}
                _ => self.push_jsprop(&mut c, &pointer::escape(k), v),
            }
        }
        own.write(&mut c);
        Some(c)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::convert::values::KeyGen;

    /// `Keys` predicts the keys `KeyGen` makes, in both profiles, for
    /// lower-cased bases and when earlier keys are taken.
    #[test]
    fn keys_agree_with_keygen() {
        for profile in [Profile::Rfc8984, Profile::Bis] {
            let n = profile.names();
            let bases = ["mailto:A@example.com", "x", "", "Konferenzraum Großer Saal"];
            let mut keygen = KeyGen::new(n);
            let mut lowering = KeyGen::new(n);
            let mut made: Vec<String> = Vec::new();
            // Three rounds: later ones collide with the keys taken before.
            for _ in 0..3 {
                for b in bases {
                    let key = keygen.key(None, &b.to_ascii_lowercase());
                    // Lower-casing in place gives the same key.
                    assert_eq!(lowering.key_lower(None, b), key, "{profile}: {b}");
                    made.push(key.into_string());
                }
            }
            let mut keys = Keys::new(n);
            let mut i = 0;
            for _ in 0..3 {
                for b in bases {
                    let k = made[i].as_str();
                    assert!(keys.predicts(b, true, k), "{profile}: {b}");
                    assert!(
                        !keys.predicts(b, true, "0000000000000000"),
                        "{profile}: {b}"
                    );
                    keys.take(k);
                    i += 1;
                }
            }
        }
    }

    /// The word-at-a-time hash equals FNV-1a over the bytes one by one,
    /// lower-cased or not, for every byte value and length.
    #[test]
    fn hex_digits_match_hex16() {
        for h in [
            0,
            1,
            9,
            10,
            15,
            0x0123_4567_89ab_cdef,
            0xfedc_ba98_7654_3210,
            u64::MAX,
            0xa0b0_c0d0_e0f0_9080,
        ] {
            assert_eq!(hex_digits(h), crate::convert::values::hex16(h), "{h:x}");
            assert_eq!(hex_digits(h).as_slice(), format!("{h:016x}").as_bytes());
        }
    }

    #[test]
    fn dates_are_written_as_ical_text() {
        let d = Date::new(2026, 1, 2).unwrap();
        let t = Time::new(9, 5, 7).unwrap();
        assert_eq!(ical_dt(d, t, true, false), "20260102");
        assert_eq!(ical_dt(d, t, false, false), "20260102T090507");
        assert_eq!(ical_dt(d, t, false, true), "20260102T090507Z");
    }

    #[test]
    fn fnv_matches_the_plain_fold() {
        let all: Vec<u8> = (0..=255u8).chain((0..=255u8).rev()).collect();
        for len in 0..40 {
            for start in (0..all.len() - len).step_by(7) {
                let bytes = &all[start..start + len];
                for lower in [false, true] {
                    let plain = bytes.iter().fold(FNV_OFFSET, |h, &b| {
                        let b = if lower { b.to_ascii_lowercase() } else { b };
                        (h ^ u64::from(b)).wrapping_mul(FNV_PRIME)
                    });
                    assert_eq!(
                        fnv_extend(FNV_OFFSET, bytes, lower),
                        plain,
                        "{bytes:?} {lower}"
                    );
                }
            }
        }
    }

    /// `encoded_param_value` writes what `encode_param_value` writes,
    /// borrowing when that is the value itself.
    #[test]
    fn param_raw_matches_the_encoder() {
        let values = [
            "",
            "plain",
            "Doe, Jane",
            "mailto:assistant@example.com",
            "a;b",
            "caret^here",
            "quote\"d",
            "line\nbreak",
            "cr\rhere",
            "Europe/Berlin",
            "Konferenzraum Großer Saal: 2nd floor, room ^4",
            "0123456789abcdef0123456789abcdef,",
            "01234567",
            "0123456:",
        ];
        for v in values {
            let mut want = String::new();
            kalends_ical_core::contentline::encode_param_value(v, &mut want);
            let got = encoded_param_value(v);
            assert_eq!(got, want, "{v}");
            assert_eq!(matches!(got, Cow::Borrowed(_)), want == v, "{v}");
        }
    }

    /// The fast path for carried TEXT properties reads what the jCal
    /// reader reads.
    #[test]
    fn carried_text_properties_read_as_jcal_reads_them() {
        for name in [
            "description",
            "summary",
            "comment",
            "location",
            "contact",
            "tzname",
        ] {
            for value in ["Reminder: a, b; c\\d\ne", "plain"] {
                let v = serde_json::json!([name, {}, "text", value]);
                let j = Json::from_value(&v);
                let fast = carried_text_prop(&j).unwrap();
                let slow = uncarry_property(&j).unwrap();
                assert_eq!(fast, slow, "{name}");
                assert_eq!(fast.value(), slow.value(), "{name}");
                assert_eq!(fast.name(), slow.name(), "{name}");
                assert!(
                    fast.params().is_empty() && slow.params().is_empty(),
                    "{name}"
                );
            }
        }
        let with_param = serde_json::json!(["description", {"language": "de"}, "text", "x"]);
        assert!(carried_text_prop(&Json::from_value(&with_param)).is_none());
        let other_type = serde_json::json!(["description", {}, "uri", "x"]);
        assert!(carried_text_prop(&Json::from_value(&other_type)).is_none());
    }

    #[test]
    fn paths_match_without_building() {
        assert!(path_is("participants/a~1b~0c", &["participants", "a/b~c"]));
        assert!(path_is("uid", &["uid"]));
        assert!(!path_is("participants/ab", &["participants", "a"]));
        assert!(!path_is("participants/a", &["participants", "a", "b"]));
        assert!(!path_is("participants", &["participants", "a"]));
        assert_eq!(path_of(&["links", "a/b"]), "links/a~1b");
    }

    #[test]
    fn values_are_borrowed_when_they_need_no_escaping() {
        assert!(matches!(
            encoded_param_value("Bob Example"),
            Cow::Borrowed(_)
        ));
        assert_eq!(encoded_param_value("Doe, Jane"), "\"Doe, Jane\"");
        assert_eq!(encoded_param_value("a\"b^c"), "a^'b^^c");
        assert!(matches!(text_value("plain"), Cow::Borrowed(_)));
        assert_eq!(text_value("a,b;c\\d\r\ne\nf"), "a\\,b\\;c\\\\d\\ne\\nf");
        let d = Date::new(2026, 1, 14).unwrap();
        let t = Time::new(9, 5, 7).unwrap();
        assert_eq!(ical_dt(d, t, false, true), "20260114T090507Z");
        assert_eq!(ical_dt(d, t, false, false), "20260114T090507");
        assert_eq!(ical_dt(d, t, true, false), "20260114");
    }
}
