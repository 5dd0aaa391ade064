//! JSCalendar → iCalendar (draft-ietf-calext-jscalendar-icalendar §3).
//!
//! Every JSCalendar property is either converted by the tables of §3, or
//! written as `JSCAL-PROP` / `JSPROP` (§4.1.2), so that reading the result
//! back gives it again. Conversion notes (`convertedProperties`,
//! `iCalProperty`) choose the iCalendar property and add the parameters
//! the JSCalendar data cannot express; carried iCalendar data
//! (`iCalComponent` / `iCalendar`) is written back as it was.

use std::borrow::Cow;

use crate::json::{Json, JsonObject};
use kalends_ical_core::value::{
    Date, DateOrDateTime, DateTime, Duration as IcalDuration, Recur, Time, TimeForm, escape_text,
};
use kalends_ical_core::{Component, Document, Parameter, Property};

use super::Profile;
use super::names::Names;
use super::to_jscal::is_date_form;
use super::values::{
    ComponentKey, KeyGen, Zones, component_key_base, from_local_seconds, is_id, local_seconds,
    parse_js_date_time, uncarry_component, uncarry_property,
};
use crate::error::{Error, ErrorKind, quote_json};
use crate::patch::pointer;

type Obj<'j> = JsonObject<'j>;
type Comp = Component<'static>;
type Prop = Property<'static>;

/// The PRODID written when the JSCalendar data names none (RFC 5545 §3.7.3
/// requires one).
pub(crate) const PRODID: &str = "-//kalends//kalends-jscalendar//EN";

pub(crate) fn document(value: &Json<'_>, profile: Profile) -> Result<Document<'static>, Error> {
    let mut j = J::new(profile);
    let mut calendars = Vec::new();
    match value {
        Json::Array(items) => {
            let mut loose: Vec<&Obj<'_>> = Vec::new();
            for item in items {
                let Json::Object(o) = item else {
                    return Err(not_jscal(item));
                };
                match o.get("@type").and_then(Json::as_str) {
                    Some("Group") => {
                        if !loose.is_empty() {
                            calendars.push(j.loose(&std::mem::take(&mut loose))?);
                        }
                        calendars.push(j.group(o)?);
                    }
                    Some("Event" | "Task") => loose.push(o),
                    _ => return Err(not_jscal(item)),
                }
            }
            if !loose.is_empty() {
                calendars.push(j.loose(&loose)?);
            }
        }
        Json::Object(o) => match o.get("@type").and_then(Json::as_str) {
            Some("Group") => calendars.push(j.group(o)?),
            Some("Event" | "Task") => calendars.push(j.loose(&[o])?),
            _ => return Err(not_jscal(value)),
        },
        other => return Err(not_jscal(other)),
    }
    Ok(Document::new(calendars))
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

fn prop(name: &'static str, value: impl Into<Cow<'static, str>>) -> Prop {
    Property::new(name, value)
}

fn text_prop(name: &'static str, text: &str) -> Prop {
    Property::new(name, escape_text(text).into_owned())
}

fn param(name: &'static str, value: &str) -> Parameter<'static> {
    let mut raw = String::with_capacity(value.len().saturating_add(2));
    kalends_ical_core::contentline::encode_param_value(value, &mut raw);
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

fn str_of<'v>(o: &'v Obj<'v>, k: &str) -> Option<&'v str> {
    o.get(k).and_then(Json::as_str)
}

/// The members of a JSON set (`{"a": true}`), if it is one.
fn set_members<'v>(v: &'v Json<'_>) -> Option<Vec<&'v str>> {
    let m = v.as_object()?;
    let mut out = Vec::with_capacity(m.len());
    for (k, val) in m {
        if val != &Json::Bool(true) {
            return None;
        }
        out.push(k);
    }
    Some(out)
}

/// `YYYYMMDD` or `YYYYMMDDTHHMMSS[Z]`.
fn ical_dt(d: Date, t: Time, date: bool, utc: bool) -> String {
    let mut s = String::with_capacity(16);
    if date {
        d.write_to(&mut s);
    } else {
        DateTime::new(
            d,
            t,
            if utc {
                TimeForm::Utc
            } else {
                TimeForm::Floating
            },
        )
        .write_to(&mut s);
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
    fn apply(&self, p: &mut Prop) {
        if let Some(params) = self.params() {
            for (k, v) in params {
                if !super::values::is_name(k) {
                    continue;
                }
                p.remove_param(k);
                let values: Vec<&str> = match v {
                    Json::String(s) => vec![s.as_ref()],
                    Json::Array(a) => a.iter().filter_map(Json::as_str).collect(),
                    _ => continue,
                };
                p.params_mut()
                    .push(Parameter::with_values(k.to_ascii_uppercase(), values).into_owned());
            }
        }
        if let Some(vt) = self.value_type()
            && super::values::is_name(vt)
        {
            p.remove_param("VALUE");
            p.params_mut()
                .push(param("VALUE", &vt.to_ascii_uppercase()));
        }
    }
}

/// The carrier of one object: converted-property notes and carried data.
struct Carrier<'v> {
    conv: Option<&'v Obj<'v>>,
    props: Vec<&'v Json<'v>>,
    comps: Vec<&'v Json<'v>>,
    present: bool,
}

impl<'v> Carrier<'v> {
    fn of(obj: &'v Obj<'v>, n: &Names) -> Carrier<'v> {
        let c = obj.get(n.comp).and_then(Json::as_object);
        Carrier {
            conv: c
                .and_then(|c| c.get("convertedProperties"))
                .and_then(Json::as_object),
            props: c
                .and_then(|c| c.get("properties"))
                .and_then(Json::as_array)
                .map(|a| a.iter().collect())
                .unwrap_or_default(),
            comps: c
                .and_then(|c| c.get("components"))
                .and_then(Json::as_array)
                .map(|a| a.iter().collect())
                .unwrap_or_default(),
            present: c.is_some(),
        }
    }

    fn note(&self, path: &str) -> Note<'v> {
        Note::of(self.conv.and_then(|c| c.get(path)))
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
    fn write(&self, c: &mut Comp) -> bool {
        let mut ok = true;
        for p in &self.props {
            match uncarry_property(p) {
                Some(q) => c.push(q),
                None => ok = false,
            }
        }
        for sub in &self.comps {
            match uncarry_component(sub, 1) {
                Some(q) => c.push_component(q),
                None => ok = false,
            }
        }
        ok
    }
}

// ---------------------------------------------------------------------------
// The converter.

struct J {
    profile: Profile,
    n: &'static Names,
    zones: Zones,
    /// JSCalendar TimeZoneIds of custom zones → their iCalendar TZID.
    custom: Vec<(String, String)>,
}

/// What the object says about its time zone.
#[derive(Clone)]
struct ObjZone {
    /// The iCalendar TZID (`None`: floating).
    tzid: Option<String>,
    /// UTC (`Etc/UTC`): written with `Z`.
    utc: bool,
    /// Date-times are written as DATEs when at midnight (-25 §3.2).
    date_form: bool,
}

impl J {
    fn new(profile: Profile) -> J {
        J {
            profile,
            n: profile.names(),
            zones: Zones::new(),
            custom: Vec::new(),
        }
    }

    fn rfc(&self) -> bool {
        self.profile == Profile::Rfc8984
    }

    /// A JSCAL-PROP / JSPROP for `value` at `path` (-11 §4.1.2).
    fn jsprop(&self, path: &str, value: &Json<'_>) -> Option<Prop> {
        if value.is_null() {
            return None;
        }
        let json = serde_json::to_string(value).ok()?;
        let mut p = Property::new(self.n.jsprop, escape_text(&json).into_owned());
        p.params_mut().push(quoted_param(self.n.path, path));
        Some(p)
    }

    fn push_jsprop(&self, c: &mut Comp, path: &str, value: &Json<'_>) {
        if let Some(p) = self.jsprop(path, value) {
            c.push(p);
        }
    }

    /// The path of property `prop` of the object at `map/key` as written in
    /// the parent component's JSCAL-PROP: draft -25 from the parent, draft
    /// -11 from the object's key (Figure 91).
    fn sub_path(&self, map: &str, key: &str, prop: &str) -> String {
        let p = if self.rfc() {
            pointer::to_pointer([key, prop])
        } else {
            pointer::to_pointer([map, key, prop])
        };
        p.trim_start_matches('/').to_owned()
    }

    /// The iCalendar TZID of a JSCalendar TimeZoneId.
    fn tzid_of(&self, id: &str) -> String {
        if let Some((_, t)) = self.custom.iter().find(|(j, _)| j == id) {
            return t.clone();
        }
        id.strip_prefix('/').unwrap_or(id).to_owned()
    }

    fn obj_zone(&self, o: &Obj<'_>) -> ObjZone {
        let tz = match o.get("timeZone") {
            Some(Json::String(t)) => Some(t.as_ref()),
            _ => None,
        };
        let utc = matches!(tz, Some("Etc/UTC" | "UTC" | "Etc/Zulu"));
        let show = o.get("showWithoutTime") == Some(&Json::Bool(true));
        let start = str_of(o, "start")
            .or_else(|| str_of(o, "due"))
            .and_then(parse_js_date_time);
        let midnight = start.is_some_and(|(_, t, _)| t == Time::MIDNIGHT);
        ObjZone {
            tzid: match tz {
                Some(t) if !utc => Some(self.tzid_of(t)),
                _ => None,
            },
            utc,
            date_form: tz.is_none() && midnight && is_date_form(show, true, Time::MIDNIGHT),
        }
    }

    /// A DATE or DATE-TIME property for LocalDateTime `v` in zone `z`:
    /// DATE when the object is in DATE form and `v` is at midnight; a note's
    /// valueType overrides; a note's TZID re-expresses the time there.
    fn date_prop(
        &mut self,
        name: &'static str,
        v: &str,
        z: &ObjZone,
        note: Note<'_>,
    ) -> Option<Prop> {
        let (d, t, _) = parse_js_date_time(v)?;
        let mut date = z.date_form && t == Time::MIDNIGHT;
        match note.value_type() {
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
            p.params_mut().push(param("VALUE", "DATE"));
        } else if let Some(rt) = recorded_tz.filter(|rt| !z.utc && z.tzid.as_deref() != Some(*rt)) {
            // Re-express in the recorded zone.
            let local = local_seconds(d, t);
            let from = if z.utc {
                Some("UTC".to_owned())
            } else {
                z.tzid.clone()
            };
            let utc = self.zones.utc_of(from.as_deref(), local);
            let there = self.zones.local_of(Some(rt), utc);
            let (d2, t2) = from_local_seconds(there)?;
            p = prop(name, ical_dt(d2, t2, false, false));
            p.params_mut().push(param("TZID", rt));
        } else if z.utc {
            p = prop(name, ical_dt(d, t, false, true));
        } else {
            p = prop(name, ical_dt(d, t, false, false));
            if let Some(tz) = &z.tzid {
                p.params_mut().push(param("TZID", tz));
            }
        }
        note.apply(&mut p);
        if date
            && note.value_type().is_none()
            && p.params().iter().filter(|x| x.is("VALUE")).count() > 1
        {
            p.remove_param("VALUE");
            p.params_mut().push(param("VALUE", "DATE"));
        }
        Some(p)
    }
}

// ---------------------------------------------------------------------------
// Group → VCALENDAR (§3.3).

impl J {
    /// Events and Tasks outside a Group: one VCALENDAR.
    fn loose(&mut self, entries: &[&Obj<'_>]) -> Result<Comp, Error> {
        let mut group = Obj::new();
        group.insert("@type", Json::from("Group"));
        group.insert(
            "entries".to_owned(),
            Json::Array(entries.iter().map(|e| Json::Object((*e).clone())).collect()),
        );
        self.group(&group)
    }

    fn group(&mut self, g: &Obj<'_>) -> Result<Comp, Error> {
        let rfc = self.rfc();
        let mut cal = Component::new("VCALENDAR");
        let carrier = Carrier::of(g, self.n);
        let entries: Vec<&Obj<'_>> = g
            .get("entries")
            .and_then(Json::as_array)
            .map(|a| a.iter().filter_map(Json::as_object).collect())
            .unwrap_or_default();

        // PRODID: the Group's, else the first entry's (§3.3 remarks).
        let prodid =
            str_of(g, "prodId").or_else(|| entries.iter().find_map(|e| str_of(e, "prodId")));
        let method = entries.iter().find_map(|e| str_of(e, "method"));
        cal.push(text_prop("PRODID", prodid.unwrap_or(PRODID)));
        if let Some(m) = method
            && !carrier.carries("METHOD")
        {
            cal.push(prop("METHOD", m.to_ascii_uppercase()));
        }

        // Time zones first: the entries need them for their arithmetic.
        let mut vtimezones: Vec<Comp> = Vec::new();
        if let Some(Json::Object(tzs)) = g.get("timeZones") {
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
                    cal.push_opt(self.jsprop(&format!("timeZones/{}", pointer::escape(id)), tz));
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
        let mut zone_cal = Component::new("VCALENDAR");
        for v in &vtimezones {
            zone_cal.push_component(v.clone());
        }
        let mut carried_cal = Component::new("VCALENDAR");
        let carried_ok = carrier.write(&mut carried_cal);
        for c in carried_cal.components() {
            if c.is("VTIMEZONE") {
                zone_cal.push_component(c.clone());
            }
        }
        self.zones.load_calendar(&zone_cal);

        let mut links = KeyGen::new(self.n);
        for (k, v) in g {
            match k {
                "@type" | "entries" | "prodId" | "timeZones" => {}
                "version" if !rfc && v.as_str() == Some("2.0") => {}
                "uid" if v.is_string() => {
                    let mut p = text_prop("UID", v.as_str().unwrap_or(""));
                    carrier.note("uid").apply(&mut p);
                    cal.push(p);
                }
                "title" if v.is_string() => {
                    let mut p = text_prop("NAME", v.as_str().unwrap_or(""));
                    if !rfc && let Some(l) = str_of(g, "locale") {
                        p.params_mut().push(param("LANGUAGE", l));
                    }
                    carrier.note("title").apply(&mut p);
                    cal.push(p);
                }
                "locale" if !rfc && g.get("title").is_some_and(Json::is_string) => {}
                "description" if v.is_string() => {
                    let mut p = text_prop("DESCRIPTION", v.as_str().unwrap_or(""));
                    carrier.note("description").apply(&mut p);
                    cal.push(p);
                }
                "color" if v.is_string() => {
                    let mut p = text_prop("COLOR", v.as_str().unwrap_or(""));
                    carrier.note("color").apply(&mut p);
                    cal.push(p);
                }
                "source" if v.is_string() => {
                    let mut p = prop("SOURCE", v.as_str().unwrap_or("").to_owned());
                    p.params_mut().push(param("VALUE", "URI"));
                    carrier.note("source").apply(&mut p);
                    cal.push(p);
                }
                "created" | "updated" if ical_utc(v).is_some() => {
                    let name = if k == "created" {
                        "CREATED"
                    } else {
                        "LAST-MODIFIED"
                    };
                    let mut p = prop(name, ical_utc(v).unwrap_or_default());
                    carrier.note(k).apply(&mut p);
                    cal.push(p);
                }
                "keywords" if set_members(v).is_some_and(|m| !m.is_empty()) => {
                    cal.push(list_prop("CATEGORIES", &set_members(v).unwrap_or_default()));
                }
                "categories" if set_members(v).is_some_and(|m| !m.is_empty()) => {
                    for c in set_members(v).unwrap_or_default() {
                        cal.push(prop("CONCEPT", c.to_owned()));
                    }
                }
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
        for c in carried_cal.properties() {
            cal.push(c.clone());
        }
        for c in carried_cal.components() {
            cal.push_component(c.clone());
        }
        for e in entries {
            self.entry(&mut cal, e, prodid, method)?;
        }
        Ok(cal)
    }
}

/// Extension to push an optional property.
trait PushOpt {
    fn push_opt(&mut self, p: Option<Prop>);
}

impl PushOpt for Comp {
    fn push_opt(&mut self, p: Option<Prop>) {
        if let Some(p) = p {
            self.push(p);
        }
    }
}

/// A TEXT list property (CATEGORIES, LOCATION-TYPE) of `items`.
fn list_prop(name: &'static str, items: &[&str]) -> Prop {
    let mut v = String::new();
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            v.push(',');
        }
        v.push_str(&escape_text(item));
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
    recurrence_id: Option<(&'a str, ObjZone)>,
}

/// Properties of a main object that an occurrence does not have.
const RECURRENCE_KEYS: &[&str] = &[
    "recurrenceRules",
    "recurrenceRule",
    "excludedRecurrenceRules",
    "recurrenceOverrides",
];

impl J {
    fn entry(
        &mut self,
        cal: &mut Comp,
        e: &Obj<'_>,
        prodid: Option<&str>,
        method: Option<&str>,
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
        for (key, patch) in overrides {
            let Some(pm) = patch.as_object() else {
                continue;
            };
            if override_kind(pm, &carrier, key) != OverrideKind::Component {
                continue;
            }
            let mut base = e.clone();
            for k in RECURRENCE_KEYS {
                base.remove(k);
            }
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
            let c = self.object(&base, kind, &ctx);
            cal.push_component(c);
        }
        Ok(())
    }

    /// One Event or Task as a VEVENT or VTODO.
    fn object(&mut self, o: &Obj<'_>, kind: Kind, ctx: &Ctx<'_>) -> Comp {
        let rfc = self.rfc();
        let task = kind == Kind::Task;
        let mut c = Component::new(if task { "VTODO" } else { "VEVENT" });
        c.properties_mut().reserve(o.len().saturating_add(4));
        let carrier = Carrier::of(o, self.n);
        let z = self.obj_zone(o);
        let title = str_of(o, "title").unwrap_or("");
        let mut links = KeyGen::new(self.n);
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
                    let mut p = text_prop("UID", v.as_str().unwrap_or(""));
                    carrier.note("uid").apply(&mut p);
                    c.push(p);
                }
                "updated" if ical_utc(v).is_some() => {
                    let mut p = prop("DTSTAMP", ical_utc(v).unwrap_or_default());
                    carrier.note("updated").apply(&mut p);
                    c.push(p);
                }
                "created" if ical_utc(v).is_some() => {
                    let mut p = prop("CREATED", ical_utc(v).unwrap_or_default());
                    carrier.note("created").apply(&mut p);
                    c.push(p);
                }
                "sequence" if v.as_u64().is_some() => {
                    let mut p = prop("SEQUENCE", v.to_string());
                    carrier.note("sequence").apply(&mut p);
                    c.push(p);
                }
                "prodId"
                    if Some(v.as_str().unwrap_or("")) == ctx.prodid
                        || ctx.prodid.is_none() && v.is_string() => {}
                "method" if v.as_str().is_some_and(|m| Some(m) == ctx.method) => {}
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
                "descriptionContentType" if o.get("description").is_some_and(Json::is_string) => {
                    let ct = v.as_str().unwrap_or("");
                    let styled = carrier
                        .note("description")
                        .name()
                        .is_some_and(|n| n.eq_ignore_ascii_case("styled-description"));
                    // text/plain is the default (RFC 8984 §4.2.3): nothing to keep.
                    let _ = (ct, styled);
                }
                "showWithoutTime" => {
                    let date_written = z.date_form;
                    match v {
                        Json::Bool(false) => {}
                        Json::Bool(true) if date_written => {}
                        Json::Bool(true) if !rfc => {
                            let mut p = prop("SHOW-WITHOUT-TIME", "TRUE");
                            p.params_mut().push(param("VALUE", "BOOLEAN"));
                            c.push(p);
                        }
                        _ => self.push_jsprop(&mut c, k, v),
                    }
                }
                "start" if v.is_string() => {
                    if let Some(p) = self.date_prop(
                        "DTSTART",
                        v.as_str().unwrap_or(""),
                        &z,
                        carrier.note("start"),
                    ) {
                        c.push(p);
                        if !task {
                            handled_end = true;
                            self.event_end(&mut c, o, &z, &carrier);
                        }
                    } else {
                        self.push_jsprop(&mut c, k, v);
                    }
                }
                "timeZone" | "recurrenceIdTimeZone" => {
                    let used = match k {
                        "timeZone" => o.contains_key("start") || o.contains_key("due"),
                        _ => o.contains_key("recurrenceId"),
                    };
                    if !used && !v.is_null() {
                        self.push_jsprop(&mut c, k, v);
                    }
                }
                "endTimeZone" if !rfc && o.contains_key("duration") && o.contains_key("start") => {}
                "duration" if task && v.is_string() => {
                    let mut p = prop("DURATION", v.as_str().unwrap_or("").to_owned());
                    carrier.note("duration").apply(&mut p);
                    c.push(p);
                }
                "duration" if !task && o.contains_key("start") => {}
                "duration" if !task && v.is_string() && !handled_end => {
                    let mut p = prop("DURATION", v.as_str().unwrap_or("").to_owned());
                    carrier.note("duration").apply(&mut p);
                    c.push(p);
                }
                "due" if task && v.is_string() => {
                    let note = carrier.note("due");
                    match self.date_prop("DUE", v.as_str().unwrap_or(""), &z, note) {
                        Some(p) => c.push(p),
                        None => self.push_jsprop(&mut c, k, v),
                    }
                }
                "estimatedDuration" if task && v.is_string() => {
                    let mut p = prop("ESTIMATED-DURATION", v.as_str().unwrap_or("").to_owned());
                    carrier.note("estimatedDuration").apply(&mut p);
                    c.push(p);
                }
                "percentComplete" if task && v.as_u64().is_some() => {
                    let mut p = prop("PERCENT-COMPLETE", v.to_string());
                    carrier.note("percentComplete").apply(&mut p);
                    c.push(p);
                }
                "status"
                    if !task
                        && v.as_str().is_some_and(|s| {
                            matches!(s, "tentative" | "confirmed" | "cancelled")
                        }) =>
                {
                    let mut p = prop("STATUS", v.as_str().unwrap_or("").to_ascii_uppercase());
                    carrier.note("status").apply(&mut p);
                    c.push(p);
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
                    let mut p = prop("STATUS", v.as_str().unwrap_or("").to_ascii_uppercase());
                    carrier.note("progress").apply(&mut p);
                    c.push(p);
                }
                "freeBusyStatus" if matches!(v.as_str(), Some("busy" | "free")) => {
                    let t = if v.as_str() == Some("busy") {
                        "OPAQUE"
                    } else {
                        "TRANSPARENT"
                    };
                    let mut p = prop("TRANSP", t);
                    carrier.note("freeBusyStatus").apply(&mut p);
                    c.push(p);
                }
                "privacy" if matches!(v.as_str(), Some("public" | "private" | "secret")) => {
                    let t = match v.as_str() {
                        Some("public") => "PUBLIC",
                        Some("private") => "PRIVATE",
                        _ => "CONFIDENTIAL",
                    };
                    let mut p = prop("CLASS", t);
                    carrier.note("privacy").apply(&mut p);
                    c.push(p);
                }
                "priority" if v.as_i64().is_some_and(|n| (0..=9).contains(&n)) => {
                    let mut p = prop("PRIORITY", v.to_string());
                    carrier.note("priority").apply(&mut p);
                    c.push(p);
                }
                "color" if v.is_string() => {
                    let mut p = text_prop("COLOR", v.as_str().unwrap_or(""));
                    carrier.note("color").apply(&mut p);
                    c.push(p);
                }
                "requestStatus" if rfc && v.is_string() => {
                    let mut p = prop("REQUEST-STATUS", v.as_str().unwrap_or("").to_owned());
                    carrier.note("requestStatus").apply(&mut p);
                    c.push(p);
                }
                "keywords" if set_members(v).is_some_and(|m| !m.is_empty()) => {
                    c.push(list_prop("CATEGORIES", &set_members(v).unwrap_or_default()));
                }
                "categories" if set_members(v).is_some_and(|m| !m.is_empty()) => {
                    for cat in set_members(v).unwrap_or_default() {
                        c.push(prop("CONCEPT", cat.to_owned()));
                    }
                }
                "links" if v.is_object() => self.links(&mut c, v, &carrier, &mut links, false),
                "virtualLocations" if v.is_object() => self.virtual_locations(&mut c, v, &carrier),
                "relatedTo" if v.is_object() => self.related_to(&mut c, v, &carrier),
                "recurrenceId" if v.is_string() && ctx.recurrence_id.is_none() => {
                    let rz = match o.get("recurrenceIdTimeZone") {
                        Some(Json::String(t)) => ObjZone {
                            tzid: if matches!(t.as_ref(), "Etc/UTC" | "UTC") {
                                None
                            } else {
                                Some(self.tzid_of(t))
                            },
                            utc: matches!(t.as_ref(), "Etc/UTC" | "UTC"),
                            date_form: false,
                        },
                        _ => ObjZone {
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
                    let rules: Option<Vec<Prop>> = v
                        .as_array()
                        .and_then(|a| a.iter().map(|r| self.rrule(name, r, &z)).collect());
                    match rules {
                        Some(ps) => {
                            for p in ps {
                                c.push(p);
                            }
                        }
                        None => self.push_jsprop(&mut c, k, v),
                    }
                }
                "recurrenceRule" if !rfc => match self.rrule("RRULE", v, &z) {
                    Some(p) => c.push(p),
                    None => self.push_jsprop(&mut c, k, v),
                },
                "recurrenceOverrides" if v.is_object() => {
                    self.rdates_exdates(&mut c, o, v, &z, &carrier)
                }
                "locations" if v.is_object() => self.locations(&mut c, o, v, &carrier, &z),
                "mainLocationId"
                    if !rfc
                        && v.as_str().is_some_and(|m| {
                            o.get("locations").and_then(|l| l.get(m)).is_some()
                        }) => {}
                "participants" | "replyTo" | "organizerCalendarAddress" => {}
                "sentBy" if !rfc && o.contains_key("organizerCalendarAddress") => {}
                // Default values (RFC 8984 §4.3.6, §4.5.1) say nothing.
                "excluded" | "useDefaultAlerts" if v == &Json::Bool(false) => {}
                "alerts" if v.is_object() => self.alerts(&mut c, v, title),
                _ if k == self.n.comp && v.is_object() => {}
                _ => self.push_jsprop(&mut c, &pointer::escape(k), v),
            }
        }
        if !handled_end && !task && o.contains_key("duration") && !o.contains_key("start") {
            // Nothing: the "duration" arm wrote DURATION.
        }
        self.people(&mut c, o, &carrier, kind);
        let carried_ok = carrier.write(&mut c);
        if !carried_ok && let Some(v) = o.get(self.n.comp) {
            self.push_jsprop(&mut c, self.n.comp, v);
        }
        c
    }

    /// DESCRIPTION or STYLED-DESCRIPTION (§3.2 remarks).
    fn description(&mut self, c: &mut Comp, o: &Obj<'_>, carrier: &Carrier<'_>) {
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
                p.params_mut().push(param("VALUE", "TEXT"));
            }
            p
        } else {
            text_prop("DESCRIPTION", d)
        };
        note.apply(&mut p);
        c.push(p);
    }

    /// DTEND or DURATION of an Event (§2.3.14, §2.3.18): DTEND when noted,
    /// when the end is in another zone (`endTimeZone`, or a Location with
    /// relativeTo `end` named `dtend`).
    fn event_end(&mut self, c: &mut Comp, o: &Obj<'_>, z: &ObjZone, carrier: &Carrier<'_>) {
        let Some(dur) = str_of(o, "duration") else {
            return;
        };
        let note = carrier.note("duration");
        let end_tz: Option<(String, Note<'_>)> = if self.rfc() {
            o.get("locations").and_then(Json::as_object).and_then(|m| {
                m.values().find_map(|l| {
                    let lo = l.as_object()?;
                    let named_dtend = lo
                        .get("iCalProperty")
                        .and_then(|p| p.get("name"))
                        .and_then(Json::as_str)
                        .is_some_and(|n| n.eq_ignore_ascii_case("dtend"));
                    if named_dtend && str_of(lo, "relativeTo") == Some("end") {
                        Some((
                            str_of(lo, "timeZone")?.to_owned(),
                            Note::of(lo.get("iCalProperty")),
                        ))
                    } else {
                        None
                    }
                })
            })
        } else {
            str_of(o, "endTimeZone").map(|t| (t.to_owned(), Note::none()))
        };
        let dtend =
            end_tz.is_some() || note.name().is_some_and(|n| n.eq_ignore_ascii_case("dtend"));
        if !dtend {
            let mut p = prop("DURATION", dur.to_owned());
            note.apply(&mut p);
            c.push(p);
            return;
        }
        let Some((d, t, _)) = str_of(o, "start").and_then(parse_js_date_time) else {
            return;
        };
        let Ok(parts) = dur.parse::<crate::types::Duration>().map(|x| x.parts()) else {
            let mut p = prop("DURATION", dur.to_owned());
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
        let from = if z.utc {
            Some("UTC".to_owned())
        } else {
            z.tzid.clone()
        };
        let local = local_seconds(d, t).saturating_add(days.saturating_mul(86_400));
        let end_utc = self
            .zones
            .utc_of(from.as_deref(), local)
            .saturating_add(secs);
        let (end_tzid, end_utc_form, end_note) = match &end_tz {
            Some((id, n)) => {
                let utc = matches!(id.as_str(), "Etc/UTC" | "UTC");
                (if utc { None } else { Some(self.tzid_of(id)) }, utc, *n)
            }
            None => (z.tzid.clone(), z.utc, note),
        };
        let zone_name = if end_utc_form {
            Some("UTC".to_owned())
        } else {
            end_tzid.clone()
        };
        let end_local = if end_tz.is_some() || z.tzid.is_some() || z.utc {
            self.zones.local_of(zone_name.as_deref(), end_utc)
        } else {
            local.saturating_add(secs)
        };
        let Some((ed, et)) = from_local_seconds(end_local) else {
            return;
        };
        let text = format!("{}", DateTime::new(ed, et, TimeForm::Floating));
        let ez = ObjZone {
            tzid: end_tzid,
            utc: end_utc_form,
            date_form: z.date_form,
        };
        let local_text = super::values::local_text(ed, et);
        let _ = text;
        if let Some(p) = self.date_prop("DTEND", &local_text, &ez, end_note) {
            c.push(p);
        }
        if end_tz.is_some() && note.exists() && self.rfc() {
            // The note of a same-zone DTEND does not apply here.
        }
        if end_tz.is_some() && !self.rfc() {
            // -25: parameters of DTEND are noted under "duration".
            if let Some(last) = c.properties_mut().last_mut() {
                note.apply(last);
            }
        }
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
    let path = pointer::to_pointer(["recurrenceOverrides", key]);
    let note = carrier.note(path.trim_start_matches('/'));
    let period = note
        .value_type()
        .is_some_and(|v| v.eq_ignore_ascii_case("period"));
    if period && patch.len() == 1 && patch.get("duration").is_some_and(Json::is_string) {
        return OverrideKind::Rdate;
    }
    OverrideKind::Component
}

/// Applies a PatchObject (RFC 8984 §1.4.9) to `target`: each path sets its
/// value (`null` removes). False, with `target` unchanged, when a path is
/// not a valid pointer, points into an array or misses its parent.
fn apply_patch<'j>(target: &mut Obj<'j>, patch: &Obj<'j>) -> bool {
    let mut work = target.clone();
    for (path, value) in patch {
        let Ok(segs) = pointer::parse_path(path) else {
            return false;
        };
        let Some((last, parents)) = segs.split_last() else {
            return false;
        };
        let mut cur = &mut work;
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
    *target = work;
    true
}

/// Moves `start` (or a Task's `due`) to `key` (see the other direction).
fn occurrence_times(base: &mut Obj, key: &str, kind: Kind) {
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
    fn rrule(&mut self, name: &'static str, v: &Json<'_>, z: &ObjZone) -> Option<Prop> {
        let r = v.as_object()?;
        let mut parts: Vec<String> = Vec::new();
        for (k, val) in r {
            match k {
                "@type" => {}
                "frequency" => parts.push(format!("FREQ={}", val.as_str()?.to_ascii_uppercase())),
                "interval" => parts.push(format!("INTERVAL={}", val.as_u64()?)),
                "count" => parts.push(format!("COUNT={}", val.as_u64()?)),
                "rscale" => parts.push(format!("RSCALE={}", val.as_str()?.to_ascii_uppercase())),
                "skip" => parts.push(format!("SKIP={}", val.as_str()?.to_ascii_uppercase())),
                "firstDayOfWeek" => {
                    parts.push(format!("WKST={}", val.as_str()?.to_ascii_uppercase()))
                }
                "byDay" => {
                    let mut items = Vec::new();
                    for d in val.as_array()? {
                        let d = d.as_object()?;
                        if d.keys()
                            .any(|k| !matches!(k, "@type" | "day" | "nthOfPeriod"))
                        {
                            return None;
                        }
                        let day = str_of(d, "day")?.to_ascii_uppercase();
                        match d.get("nthOfPeriod") {
                            Some(n) => items.push(format!("{}{day}", n.as_i64()?)),
                            None => items.push(day),
                        }
                    }
                    parts.push(format!("BYDAY={}", items.join(",")));
                }
                "byMonth" => {
                    let items: Option<Vec<String>> = val
                        .as_array()?
                        .iter()
                        .map(|m| m.as_str().map(str::to_owned))
                        .collect();
                    parts.push(format!("BYMONTH={}", items?.join(",")));
                }
                "byMonthDay" | "byYearDay" | "byWeekNo" | "byHour" | "byMinute" | "bySecond"
                | "bySetPosition" => {
                    let name = match k {
                        "byMonthDay" => "BYMONTHDAY",
                        "byYearDay" => "BYYEARDAY",
                        "byWeekNo" => "BYWEEKNO",
                        "byHour" => "BYHOUR",
                        "byMinute" => "BYMINUTE",
                        "bySecond" => "BYSECOND",
                        _ => "BYSETPOS",
                    };
                    let items: Option<Vec<String>> = val
                        .as_array()?
                        .iter()
                        .map(|n| n.as_i64().map(|n| n.to_string()))
                        .collect();
                    parts.push(format!("{name}={}", items?.join(",")));
                }
                "until" => {
                    let (d, t, _) = parse_js_date_time(val.as_str()?)?;
                    let text = if z.date_form && t == Time::MIDNIGHT {
                        ical_dt(d, t, true, false)
                    } else if z.utc || z.tzid.is_some() {
                        let from = if z.utc {
                            Some("UTC".to_owned())
                        } else {
                            z.tzid.clone()
                        };
                        let utc = self.zones.utc_of(from.as_deref(), local_seconds(d, t));
                        let (d2, t2) = from_local_seconds(utc)?;
                        ical_dt(d2, t2, false, true)
                    } else {
                        ical_dt(d, t, false, false)
                    };
                    parts.push(format!("UNTIL={text}"));
                }
                _ => return None,
            }
        }
        let text = parts.join(";");
        let recur = Recur::parse(&text).ok()?;
        Some(prop(name, recur.to_string()))
    }

    /// A TimeZoneRule's RRULE: UNTIL is UTC (RFC 8984 §4.7.2).
    fn tz_rrule(&mut self, v: &Json<'_>) -> Option<Prop> {
        let z = ObjZone {
            tzid: None,
            utc: true,
            date_form: false,
        };
        self.rrule("RRULE", v, &z)
    }

    /// The RDATE and EXDATE entries of recurrenceOverrides (§3.2 remarks),
    /// one property per set of identical parameters.
    fn rdates_exdates(
        &mut self,
        c: &mut Comp,
        o: &Obj<'_>,
        v: &Json<'_>,
        z: &ObjZone,
        carrier: &Carrier<'_>,
    ) {
        let Some(overrides) = v.as_object() else {
            return;
        };
        // (name, parameters, values), in order of first appearance.
        let mut groups: Vec<(&'static str, Vec<Parameter<'static>>, Vec<String>)> = Vec::new();
        let mut extra: Vec<(&str, &Json<'_>)> = Vec::new();
        for (key, patch) in overrides {
            let Some(pm) = patch.as_object() else {
                extra.push((key, patch));
                continue;
            };
            let path = pointer::to_pointer(["recurrenceOverrides", key]);
            let note = carrier.note(path.trim_start_matches('/'));
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
                p.params_mut().push(param("VALUE", "PERIOD"));
            }
            if kind == OverrideKind::ExdatePlus {
                for (pk, pv) in pm {
                    if pk == "excluded" {
                        continue;
                    }
                    let jp = pointer::to_pointer(["recurrenceOverrides", key, pk]);
                    self.push_jsprop(c, jp.trim_start_matches('/'), pv);
                }
            }
            let params: Vec<Parameter<'static>> = p.params().to_vec();
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
        let _ = o;
        for (key, patch) in extra {
            let jp = pointer::to_pointer(["recurrenceOverrides", key]);
            self.push_jsprop(c, jp.trim_start_matches('/'), patch);
        }
    }
}

// ---------------------------------------------------------------------------
// Links (§3.4), VirtualLocations (§3.8), Relations.

impl J {
    fn links(
        &mut self,
        c: &mut Comp,
        v: &Json<'_>,
        carrier: &Carrier<'_>,
        keys: &mut KeyGen,
        group: bool,
    ) {
        let Some(links) = v.as_object() else { return };
        let mut url_done = false;
        for (key, l) in links {
            let Some(lo) = l.as_object() else {
                self.push_jsprop(
                    c,
                    pointer::to_pointer(["links", key]).trim_start_matches('/'),
                    l,
                );
                continue;
            };
            let Some(href) = str_of(lo, "href") else {
                let jp = pointer::to_pointer(["links", key]);
                self.push_jsprop(c, jp.trim_start_matches('/'), l);
                continue;
            };
            let path = pointer::to_pointer(["links", key]);
            let note = match self.n.prop {
                Some(pn) => Note::of(lo.get(pn)),
                None => carrier.note(path.trim_start_matches('/')),
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
                    let mut p = prop(name, (*data).to_owned());
                    p.params_mut().push(param("ENCODING", "BASE64"));
                    p.params_mut().push(param("VALUE", "BINARY"));
                    p
                }
                None => {
                    let mut p = prop(name, href.to_owned());
                    if matches!(name, "IMAGE" | "LINK") {
                        p.params_mut().push(param("VALUE", "URI"));
                    }
                    p
                }
            };
            let mut done: Vec<&str> = Vec::with_capacity(24);
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
                p.params_mut().push(param("SIZE", &sz.to_string()));
                done.push("size");
            }
            match (self.rfc(), name) {
                (true, "IMAGE") => {
                    if let Some(d) = str_of(lo, "display") {
                        p.params_mut()
                            .push(param("DISPLAY", &d.to_ascii_uppercase()));
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
                        && let Some(d) = lo.get("display").and_then(set_members)
                    {
                        let up: Vec<String> = d.iter().map(|x| x.to_ascii_uppercase()).collect();
                        p.params_mut().push(
                            Parameter::with_values("DISPLAY", up.iter().map(String::as_str))
                                .into_owned(),
                        );
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
            let predicted = keys.predict(&link_base(name, &p));
            if *key != predicted {
                p.params_mut().push(param(self.n.id, key));
            }
            keys.take(key);
            c.push(p);
            for (k, val) in lo {
                if !done.contains(&k) {
                    let path = self.sub_path("links", key, k);
                    self.push_jsprop(c, &path, val);
                }
            }
        }
    }

    fn virtual_locations(&mut self, c: &mut Comp, v: &Json<'_>, carrier: &Carrier<'_>) {
        let Some(m) = v.as_object() else { return };
        let mut keys = KeyGen::new(self.n);
        for (key, vl) in m {
            let (Some(vo), Some(uri)) = (vl.as_object(), vl.get("uri").and_then(Json::as_str))
            else {
                let jp = pointer::to_pointer(["virtualLocations", key]);
                self.push_jsprop(c, jp.trim_start_matches('/'), vl);
                continue;
            };
            let mut p = prop("CONFERENCE", uri.to_owned());
            p.params_mut().push(param("VALUE", "URI"));
            let mut done: Vec<&str> = Vec::with_capacity(24);
            done.extend(["@type", "uri"]);
            if let Some(f) = vo.get("features").and_then(set_members)
                && !f.is_empty()
            {
                let up: Vec<String> = f.iter().map(|x| x.to_ascii_uppercase()).collect();
                p.params_mut().push(
                    Parameter::with_values("FEATURE", up.iter().map(String::as_str)).into_owned(),
                );
                done.push("features");
            }
            if let Some(n) = str_of(vo, "name") {
                p.params_mut().push(param("LABEL", n));
                done.push("name");
            }
            let path = pointer::to_pointer(["virtualLocations", key]);
            let note = match self.n.prop {
                Some(pn) => {
                    done.push(pn);
                    Note::of(vo.get(pn))
                }
                None => carrier.note(path.trim_start_matches('/')),
            };
            note.apply(&mut p);
            if *key != keys.predict(uri) {
                p.params_mut().push(param(self.n.id, key));
            }
            keys.take(key);
            c.push(p);
            for (k, val) in vo {
                if !done.contains(&k) {
                    let path = self.sub_path("virtualLocations", key, k);
                    self.push_jsprop(c, &path, val);
                }
            }
        }
    }

    fn related_to(&mut self, c: &mut Comp, v: &Json<'_>, carrier: &Carrier<'_>) {
        let Some(m) = v.as_object() else { return };
        for (uid, r) in m {
            let Some(ro) = r.as_object() else {
                let jp = pointer::to_pointer(["relatedTo", uid]);
                self.push_jsprop(c, jp.trim_start_matches('/'), r);
                continue;
            };
            let mut p = text_prop("RELATED-TO", uid);
            let mut done: Vec<&str> = Vec::with_capacity(24);
            done.extend(["@type"]);
            if let Some(types) = ro.get("relation").and_then(set_members) {
                if !types.is_empty() {
                    let up: Vec<String> = types.iter().map(|x| x.to_ascii_uppercase()).collect();
                    p.params_mut().push(
                        Parameter::with_values("RELTYPE", up.iter().map(String::as_str))
                            .into_owned(),
                    );
                }
                if !types.is_empty() {
                    done.push("relation");
                }
            }
            let path = pointer::to_pointer(["relatedTo", uid]);
            let note = match self.n.prop {
                Some(pn) => {
                    done.push(pn);
                    Note::of(ro.get(pn))
                }
                None => carrier.note(path.trim_start_matches('/')),
            };
            note.apply(&mut p);
            c.push(p);
            for (k, val) in ro {
                if !done.contains(&k) {
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
fn link_base(_name: &str, p: &Prop) -> String {
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
    fn locations(
        &mut self,
        c: &mut Comp,
        o: &Obj<'_>,
        v: &Json<'_>,
        carrier: &Carrier<'_>,
        z: &ObjZone,
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
        let mut keys = KeyGen::new(self.n);
        let has_end = o.contains_key("start") && o.contains_key("duration");
        let _ = z;
        for (key, l) in m {
            let Some(lo) = l.as_object() else {
                let jp = pointer::to_pointer(["locations", key]);
                self.push_jsprop(c, jp.trim_start_matches('/'), l);
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
                let predicted = keys.predict(&format!("dtend\n{tz}"));
                keys.take(key);
                if *key != predicted
                    && let Some(p) = c.properties_mut().iter_mut().find(|p| p.is("DTEND"))
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
            let path = pointer::to_pointer(["locations", key]);
            let note = match self.n.prop {
                Some(pn) => Note::of(lo.get(pn)),
                None => carrier.note(path.trim_start_matches('/')),
            };
            let cpath = pointer::to_pointer(["locations", key, "coordinates"]);
            let geo_note = if rfc {
                note
            } else {
                carrier.note(cpath.trim_start_matches('/'))
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
                if *key != keys.predict(name.unwrap_or("")) {
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
                if *key != keys.predict(g.value()) {
                    g.params_mut().push(param(self.n.id, key));
                }
                keys.take(key);
                c.push(g);
                geo_done = true;
                continue;
            }
            // A VLOCATION component.
            let mut comp = Component::new("VLOCATION");
            let mut done: Vec<&str> = Vec::with_capacity(24);
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
                    let mut g = prop("COORDINATES", cu.to_owned());
                    g.params_mut().push(param("VALUE", "URI"));
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
                    g.params_mut().push(param("DERIVED", "TRUE"));
                    c.push(g);
                    geo_done = true;
                }
            }
            if let Some(t) = lo.get("locationTypes").and_then(set_members)
                && !t.is_empty()
            {
                comp.push(list_prop("LOCATION-TYPE", &t));
                done.push("locationTypes");
            }
            if let Some(ls) = lo.get("links").filter(|l| l.is_object()) {
                let mut lk = KeyGen::new(self.n);
                self.links(&mut comp, ls, &own, &mut lk, false);
                done.push("links");
            }
            for (k, val) in lo {
                if !done.contains(&k) {
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
            let predicted = match component_key_base(&comp, &[self.n.id, self.n.jsprop]) {
                ComponentKey::Exact(u) => {
                    if keys.is_used(&u) {
                        keys.predict(&u)
                    } else {
                        u
                    }
                }
                ComponentKey::Hashed(b) => keys.predict(&b),
            };
            if *key != predicted {
                comp.push(prop(self.n.id, key.to_owned()));
            }
            keys.take(key);
            if main
                && !loc_done
                && let Some(nm) = name
            {
                let mut p = text_prop("LOCATION", nm);
                p.params_mut().push(param("DERIVED", "TRUE"));
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
    str_of(p, "calendarAddress").or_else(|| {
        let st = p.get("sendTo")?.as_object()?;
        st.get("imip")
            .or_else(|| st.get("other"))
            .or_else(|| st.values().next())
            .and_then(Json::as_str)
    })
}

fn is_mailto(a: &str) -> bool {
    a.len() >= 7
        && a.get(..7)
            .is_some_and(|p| p.eq_ignore_ascii_case("mailto:"))
}

impl J {
    fn people(&mut self, c: &mut Comp, o: &Obj<'_>, carrier: &Carrier<'_>, kind: Kind) {
        let rfc = self.rfc();
        let parts = o.get("participants").and_then(Json::as_object);
        // The organizer's address (-11 §3.2 remarks on replyTo; -25 organizerCalendarAddress).
        let mut reply_extra: Vec<(&str, &Json<'_>)> = Vec::new();
        let org: Option<String> = if rfc {
            match o.get("replyTo").and_then(Json::as_object) {
                Some(rt) => {
                    let candidates: Vec<(&str, &str)> = rt
                        .iter()
                        .filter(|(m, _)| *m != "web")
                        .filter_map(|(m, v)| Some((m, v.as_str()?)))
                        .collect();
                    let chosen = if candidates.len() == 1 {
                        candidates.first().copied()
                    } else {
                        candidates
                            .iter()
                            .find(|(_, v)| {
                                parts.is_some_and(|ps| {
                                    ps.values().any(|p| {
                                        p.get("calendarAddress").and_then(Json::as_str) == Some(*v)
                                    })
                                })
                            })
                            .or_else(|| candidates.iter().find(|(m, _)| *m == "imip"))
                            .or_else(|| candidates.first())
                            .copied()
                    };
                    for (m, v) in rt {
                        let implied = chosen.is_some_and(|(cm, cv)| {
                            cm == m && v.as_str() == Some(cv) && (cm == "imip") == is_mailto(cv)
                        });
                        if !implied {
                            reply_extra.push((m, v));
                        }
                    }
                    chosen.map(|(_, v)| v.to_owned())
                }
                None => None,
            }
        } else {
            str_of(o, "organizerCalendarAddress").map(str::to_owned)
        };
        let org_note = carrier.note(if rfc {
            "replyTo"
        } else {
            "organizerCalendarAddress"
        });
        let mut keys = KeyGen::new(self.n);
        let org_key: Option<&str> = org.as_ref().and_then(|a| {
            parts?.iter().find_map(|(k, p)| {
                let pa = participant_addr(p.as_object()?)?;
                pa.eq_ignore_ascii_case(a).then_some(k)
            })
        });
        let org_part = org_key
            .and_then(|k| parts?.get(k))
            .and_then(Json::as_object);
        let fully_org = |p: &Obj<'_>| -> bool {
            let roles_ok = match p.get("roles") {
                None => true,
                Some(r) => set_members(r).is_some_and(|m| m.iter().all(|x| *x == "owner")),
            };
            let keys_ok = p.keys().all(|k| {
                matches!(k, "@type" | "calendarAddress" | "roles" | "name")
                    || (!rfc && matches!(k, "email" | "sentBy"))
            });
            roles_ok && keys_ok
        };
        if let Some(a) = &org {
            let mut p = prop("ORGANIZER", a.clone());
            if org_note.exists() {
                org_note.apply(&mut p);
            } else if let Some(op) = org_part {
                if rfc {
                    if fully_org(op)
                        && let Some(n) = str_of(op, "name")
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
                        && let Some(sb) = str_of(o, "sentBy")
                    {
                        p.params_mut().push(param("SENT-BY", sb));
                    }
                }
            } else if !rfc && let Some(sb) = str_of(o, "sentBy") {
                p.params_mut().push(param("SENT-BY", sb));
            }
            if let Some(k) = org_key {
                if *k != keys.predict(&a.to_ascii_lowercase()) {
                    p.params_mut().push(param(self.n.id, k));
                }
                keys.take(k);
            }
            c.push(p);
        } else if !rfc && let Some(sb) = o.get("sentBy") {
            self.push_jsprop(c, "sentBy", sb);
        }
        for (m, v) in reply_extra {
            let jp = pointer::to_pointer(["replyTo", m]);
            self.push_jsprop(c, jp.trim_start_matches('/'), v);
        }
        let Some(parts) = parts else { return };
        // Participants referenced by others' DELEGATED-* or MEMBER: -11
        // creates them again when reading.
        let mut referenced: Vec<&str> = Vec::new();
        for p in parts.values() {
            for k in ["delegatedTo", "delegatedFrom", "memberOf"] {
                if let Some(ids) = p.get(k).and_then(set_members) {
                    referenced.extend(ids);
                }
            }
        }
        let addr_of = |id: &str| -> Option<String> {
            parts
                .get(id)
                .and_then(Json::as_object)
                .and_then(participant_addr)
                .map(str::to_owned)
        };
        let mut orphans: Vec<(&str, &Json<'_>)> = Vec::new();
        let mut emitted_any = org_key.is_some();
        let mut comps: Vec<Comp> = Vec::new();
        for (key, pv) in parts {
            let Some(p) = pv.as_object() else {
                orphans.push((key, pv));
                continue;
            };
            let own = Carrier::of(p, self.n);
            let is_org = Some(key) == org_key;
            let addr = participant_addr(p);
            let from_comp_addr = own
                .note("calendarAddress")
                .name()
                .is_some_and(|n| n.eq_ignore_ascii_case("calendar-address"));
            let noted_attendee = !rfc
                && carrier
                    .note(pointer::to_pointer(["participants", key]).trim_start_matches('/'))
                    .name()
                    .is_some_and(|n| n.eq_ignore_ascii_case("attendee"));
            let attendee = if is_org && fully_org(p) && !noted_attendee {
                false
            } else if rfc {
                p.get("sendTo")
                    .is_some_and(|s| s.as_object().is_some_and(|m| !m.is_empty()))
            } else {
                p.contains_key("calendarAddress") && !from_comp_addr
            };
            let mut done: Vec<&str> = Vec::with_capacity(24);
            done.extend(["@type", self.n.comp]);
            if let Some(pn) = self.n.prop {
                done.push(pn);
            }
            let roles: Vec<&str> = p.get("roles").and_then(set_members).unwrap_or_default();
            let mut left_roles: Vec<&str> = Vec::new();
            if is_org && fully_org(p) && !noted_attendee {
                done.extend(["calendarAddress", "roles", "name"]);
                if !rfc {
                    done.extend(["email", "sentBy"]);
                }
                if p.keys().all(|k| done.contains(&k)) {
                    continue;
                }
            }
            if attendee {
                let a = addr.unwrap_or("");
                let mut ap = prop("ATTENDEE", a.to_owned());
                ap.params_mut().reserve(8);
                done.push("calendarAddress");
                if rfc {
                    let implied = p.get("sendTo").and_then(Json::as_object).is_some_and(|m| {
                        m.len() == 1
                            && m.iter().all(|(k, v)| {
                                v.as_str() == Some(a) && (k == "imip") == is_mailto(a)
                            })
                    });
                    if implied {
                        done.push("sendTo");
                    }
                }
                let mut add = |name: &'static str, v: &str| ap.params_mut().push(param(name, v));
                if let Some(n) = str_of(p, "name") {
                    add("CN", n);
                    done.push("name");
                }
                if let Some(k) = str_of(p, "kind") {
                    let cu = match k {
                        "individual" => Some("INDIVIDUAL"),
                        "group" => Some("GROUP"),
                        "resource" => Some("RESOURCE"),
                        "location" => Some("ROOM"),
                        _ => None,
                    };
                    if let Some(cu) = cu {
                        add("CUTYPE", cu);
                        done.push("kind");
                    }
                }
                let ps = str_of(p, "participationStatus");
                let progress = str_of(p, "progress").filter(|_| kind == Kind::Task);
                let from_progress = match progress {
                    Some("completed") => Some("COMPLETED"),
                    Some("in-process") => Some("IN-PROCESS"),
                    Some("failed") => Some("FAILED"),
                    _ => None,
                };
                match (from_progress, ps) {
                    (Some(fp), None | Some("accepted")) => {
                        add("PARTSTAT", fp);
                        done.push("progress");
                        if ps.is_some() {
                            done.push("participationStatus");
                        }
                    }
                    (_, Some(st))
                        if matches!(
                            st,
                            "needs-action" | "accepted" | "declined" | "tentative" | "delegated"
                        ) =>
                    {
                        add("PARTSTAT", &st.to_ascii_uppercase());
                        done.push("participationStatus");
                    }
                    _ => {}
                }
                let mut ex: Vec<&str> =
                    roles.iter().copied().filter(|r| *r != "attendee").collect();
                if is_org {
                    ex.retain(|r| *r != "owner");
                }
                let role = ex.iter().find_map(|r| match *r {
                    "chair" => Some(("chair", "CHAIR")),
                    "optional" => Some(("optional", "OPT-PARTICIPANT")),
                    "informational" => Some(("informational", "NON-PARTICIPANT")),
                    "owner" if !rfc => Some(("owner", "OWNER")),
                    _ => None,
                });
                if let Some((r, v)) = role {
                    add("ROLE", v);
                    ex.retain(|x| *x != r);
                }
                left_roles = ex;
                let roles_implied = if rfc {
                    // -11: the attendee role is implied, owner when organizer.
                    roles.contains(&"attendee") || role.is_some_and(|(r, _)| r == "informational")
                } else {
                    true
                };
                if (left_roles.is_empty() || rfc) && roles_implied {
                    done.push("roles");
                }
                match p.get("expectReply") {
                    Some(Json::Bool(true)) => {
                        add("RSVP", "TRUE");
                        done.push("expectReply");
                    }
                    Some(Json::Bool(false)) => {
                        add("RSVP", "FALSE");
                        done.push("expectReply");
                    }
                    _ => {}
                }
                if let Some(e) = str_of(p, "email") {
                    add("EMAIL", e);
                    done.push("email");
                }
                for (k, pn) in [
                    ("delegatedFrom", "DELEGATED-FROM"),
                    ("delegatedTo", "DELEGATED-TO"),
                    ("memberOf", "MEMBER"),
                ] {
                    if let Some(ids) = p.get(k).and_then(set_members) {
                        let addrs: Option<Vec<String>> = ids.iter().map(|id| addr_of(id)).collect();
                        if let Some(addrs) = addrs
                            && !addrs.is_empty()
                        {
                            ap.params_mut().push(
                                Parameter::with_values(pn, addrs.iter().map(String::as_str))
                                    .into_owned(),
                            );
                            done.push(k);
                        }
                    }
                }
                let mut add = |name: &'static str, v: &str| ap.params_mut().push(param(name, v));
                if rfc {
                    if let Some(sa) = str_of(p, "scheduleAgent")
                        && matches!(sa, "server" | "client" | "none")
                    {
                        add("SCHEDULE-AGENT", &sa.to_ascii_uppercase());
                        done.push("scheduleAgent");
                    }
                    if p.get("scheduleForceSend") == Some(&Json::Bool(true)) {
                        add("SCHEDULE-FORCE-SEND", "REQUEST");
                        done.push("scheduleForceSend");
                    }
                    if let Some(st) = p.get("scheduleStatus").and_then(Json::as_array) {
                        let codes: Option<Vec<&str>> = st.iter().map(Json::as_str).collect();
                        if let Some(codes) = codes
                            && !codes.is_empty()
                        {
                            ap.params_mut().push(
                                Parameter::with_values("SCHEDULE-STATUS", codes).into_owned(),
                            );
                            done.push("scheduleStatus");
                        }
                    }
                } else if let Some(sb) = str_of(p, "sentBy") {
                    add("SENT-BY", sb);
                    done.push("sentBy");
                }
                let path = pointer::to_pointer(["participants", key]);
                let note = match self.n.prop {
                    Some(pn) => Note::of(p.get(pn)),
                    None => carrier.note(path.trim_start_matches('/')),
                };
                note.apply(&mut ap);
                if !is_org {
                    if *key != keys.predict(&a.to_ascii_lowercase()) {
                        ap.params_mut().push(param(self.n.id, key));
                    }
                    keys.take(key);
                }
                c.push(ap);
                emitted_any = true;
            } else if !is_org {
                left_roles = roles.clone();
                if roles.is_empty() {
                    done.push("roles");
                }
            }
            // The PARTICIPANT component (Table 34 / 31).
            let comp_keys = if rfc {
                &[
                    "description",
                    "links",
                    "participationComment",
                    "percentComplete",
                    "scheduleSequence",
                    "scheduleUpdated",
                    "locations",
                ][..]
            } else {
                &[
                    "description",
                    "descriptionContentType",
                    "links",
                    "percentComplete",
                ][..]
            };
            // A participant made for a DELEGATED-*, MEMBER reference (-11
            // §2.3.4) is made again from that reference.
            let recreated = rfc
                && !attendee
                && !is_org
                && referenced.contains(&key)
                && p.keys().all(|k| matches!(k, "@type" | "calendarAddress"));
            let needs_comp = !recreated
                && (own.present
                    || comp_keys.iter().any(|k| p.contains_key(k))
                    || (rfc && !left_roles.is_empty())
                    || (!attendee && !is_org && p.keys().any(|k| !done.contains(&k))));
            if recreated {
                continue;
            }
            if !needs_comp {
                for (k, val) in p {
                    if !done.contains(&k) {
                        let path = self.sub_path("participants", key, k);
                        self.push_jsprop(c, &path, val);
                    }
                }
                if !attendee && !is_org && !referenced.contains(&key) {
                    orphans.push((key, pv));
                }
                continue;
            }
            let mut pc = Component::new("PARTICIPANT");
            // The address ties the component to its ATTENDEE when read
            // back (§2.3.29); an attendee's may come from `sendTo`.
            let comp_addr = str_of(p, "calendarAddress").or(if attendee { addr } else { None });
            if let Some(a) = comp_addr
                && !own.carries("CALENDAR-ADDRESS")
            {
                let mut cp = prop("CALENDAR-ADDRESS", a.to_owned());
                if !attendee {
                    own.note("calendarAddress").apply(&mut cp);
                }
                pc.push(cp);
                done.push("calendarAddress");
            }
            if !attendee && let Some(n) = str_of(p, "name") {
                let mut sp = text_prop("SUMMARY", n);
                own.note("name").apply(&mut sp);
                pc.push(sp);
                done.push("name");
            }
            if p.get("description").is_some_and(Json::is_string) {
                self.description(&mut pc, p, &own);
                done.push("description");
                if !rfc {
                    done.push("descriptionContentType");
                }
            }
            if rfc {
                for (k, name, utc) in [
                    ("participationComment", "COMMENT", false),
                    ("scheduleUpdated", "DTSTAMP", true),
                ] {
                    if let Some(v) = p.get(k) {
                        let q = if utc {
                            ical_utc(v).map(|t| prop(name, t))
                        } else {
                            v.as_str().map(|t| text_prop(name, t))
                        };
                        if let Some(mut q) = q {
                            own.note(k).apply(&mut q);
                            pc.push(q);
                            done.push(k);
                        }
                    }
                }
                if let Some(n) = p.get("scheduleSequence").and_then(Json::as_u64) {
                    let mut q = prop("SEQUENCE", n.to_string());
                    own.note("scheduleSequence").apply(&mut q);
                    pc.push(q);
                    done.push("scheduleSequence");
                }
                for r in &left_roles {
                    pc.push(prop("PARTICIPANT-TYPE", r.to_ascii_uppercase()));
                }
                if !done.contains(&"roles") {
                    done.push("roles");
                }
            }
            if let Some(n) = p.get("percentComplete").and_then(Json::as_u64) {
                let mut q = prop("PERCENT-COMPLETE", n.to_string());
                own.note("percentComplete").apply(&mut q);
                pc.push(q);
                done.push("percentComplete");
            }
            if let Some(ls) = p.get("links").filter(|l| l.is_object()) {
                let mut lk = KeyGen::new(self.n);
                self.links(&mut pc, ls, &own, &mut lk, false);
                done.push("links");
            }
            if rfc && let Some(Json::Object(locs)) = p.get("locations") {
                let mut all = true;
                let mut lk = KeyGen::new(self.n);
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
                            if *lkey != lk.predict(g.value()) {
                                g.params_mut().push(param(self.n.id, lkey));
                            }
                            lk.take(lkey);
                            pc.push(g);
                        }
                        _ => all = false,
                    }
                }
                if all {
                    done.push("locations");
                }
            }
            for (k, val) in p {
                if !done.contains(&k) {
                    self.push_jsprop(&mut pc, &pointer::escape(k), val);
                }
            }
            if !own.write(&mut pc)
                && let Some(x) = p.get(self.n.comp)
            {
                self.push_jsprop(&mut pc, self.n.comp, x);
            }
            if !own.present && pc.property("UID").is_none() {
                pc.push(text_prop("UID", key));
            }
            if !attendee && !is_org {
                let predicted = match str_of(p, "calendarAddress") {
                    Some(a) => keys.predict(&a.to_ascii_lowercase()),
                    None => match component_key_base(&pc, &[self.n.id, self.n.jsprop]) {
                        ComponentKey::Exact(u) if !keys.is_used(&u) => u,
                        ComponentKey::Exact(u) => keys.predict(&u),
                        ComponentKey::Hashed(b) => keys.predict(&b),
                    },
                };
                if *key != predicted {
                    pc.push(prop(self.n.id, key.to_owned()));
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
                    let jp = pointer::to_pointer(["participants", k]);
                    self.push_jsprop(c, jp.trim_start_matches('/'), v);
                }
            } else {
                let m: Obj = orphans
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
    fn alerts(&mut self, c: &mut Comp, v: &Json<'_>, title: &str) {
        let Some(m) = v.as_object() else { return };
        // The UID of each alert that another relates to (§3.1 remarks).
        let mut uids: Vec<(&str, String)> = Vec::new();
        for (key, a) in m {
            let Some(ao) = a.as_object() else { continue };
            let carried = Carrier::of(ao, self.n).carried_text("UID");
            let targeted = m.values().any(|other| {
                other
                    .get("relatedTo")
                    .and_then(Json::as_object)
                    .is_some_and(|r| r.contains_key(key))
            });
            match carried {
                Some(u) => uids.push((key, u)),
                None if targeted => uids.push((key, key.to_owned())),
                None => {}
            }
        }
        let mut keys = KeyGen::new(self.n);
        for (key, a) in m {
            let Some(ao) = a.as_object() else {
                let jp = pointer::to_pointer(["alerts", key]);
                self.push_jsprop(c, jp.trim_start_matches('/'), a);
                continue;
            };
            let own = Carrier::of(ao, self.n);
            let mut al = Component::new("VALARM");
            let mut done: Vec<&str> = Vec::with_capacity(24);
            done.extend(["@type", self.n.comp]);
            match str_of(ao, "action") {
                Some(act @ ("display" | "email")) => {
                    let mut p = prop("ACTION", act.to_ascii_uppercase());
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
                            let mut p = prop("TRIGGER", off.to_owned());
                            match str_of(t, "relativeTo") {
                                Some("end") => p.params_mut().push(param("RELATED", "END")),
                                Some("start") => p.params_mut().push(param("RELATED", "START")),
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
                            p.params_mut().push(param("VALUE", "DATE-TIME"));
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
                    let uid = uids
                        .iter()
                        .find(|(k, _)| *k == target)
                        .map(|(_, u)| u.clone());
                    let (Some(uid), Some(ro)) = (uid, r.as_object()) else {
                        all = false;
                        continue;
                    };
                    let mut p = text_prop("RELATED-TO", &uid);
                    if let Some(types) = ro.get("relation").and_then(set_members)
                        && !types.is_empty()
                    {
                        let up: Vec<String> =
                            types.iter().map(|x| x.to_ascii_uppercase()).collect();
                        p.params_mut().push(
                            Parameter::with_values("RELTYPE", up.iter().map(String::as_str))
                                .into_owned(),
                        );
                    }
                    let rpath = pointer::to_pointer(["relatedTo", target]);
                    let note = match self.n.prop {
                        Some(pn) => Note::of(ro.get(pn)),
                        None => own.note(rpath.trim_start_matches('/')),
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
                if !done.contains(&k) {
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
                al.push(text_prop("UID", u));
            }
            let predicted = match component_key_base(&al, &[self.n.id, self.n.jsprop]) {
                ComponentKey::Exact(u) if !keys.is_used(&u) => u,
                ComponentKey::Exact(u) => keys.predict(&u),
                ComponentKey::Hashed(b) => keys.predict(&b),
            };
            if *key != predicted {
                al.push(prop(self.n.id, key.to_owned()));
            }
            keys.take(key);
            c.push_component(al);
        }
    }

    // -----------------------------------------------------------------------
    // TimeZone → VTIMEZONE (-11 §3.7).

    fn time_zone(&mut self, o: &Obj<'_>) -> Option<Comp> {
        let mut c = Component::new("VTIMEZONE");
        let own = Carrier::of(o, self.n);
        c.push(prop("TZID", str_of(o, "tzId")?.to_owned()));
        let mut rules: Vec<Comp> = Vec::new();
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
                    let mut p = prop("TZURL", v.as_str().unwrap_or("").to_owned());
                    own.note("url").apply(&mut p);
                    c.push(p);
                }
                "aliases" if set_members(v).is_some() => {
                    for a in set_members(v).unwrap_or_default() {
                        c.push(prop("TZID-ALIAS-OF", a.to_owned()));
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

    fn tz_rule(&mut self, name: &'static str, o: &Obj<'_>) -> Option<Comp> {
        let mut c = Component::new(name);
        let own = Carrier::of(o, self.n);
        // A rule without its mandatory properties is written without them
        // (what is there is kept).
        if let Some(v) = o.get("start") {
            let (d, t, _) = parse_js_date_time(v.as_str()?)?;
            c.push(prop("DTSTART", ical_dt(d, t, false, false)));
        }
        if let Some(v) = o.get("offsetFrom") {
            c.push(prop("TZOFFSETFROM", v.as_str()?.to_owned()));
        }
        if let Some(v) = o.get("offsetTo") {
            c.push(prop("TZOFFSETTO", v.as_str()?.to_owned()));
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
                    for n in set_members(v)? {
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

#[allow(dead_code)]
fn unused(_: IcalDuration, _: DateOrDateTime, _: Date, _: &str) -> Result<(), Error> {
    let _ = is_id("x");
    Ok(())
}
