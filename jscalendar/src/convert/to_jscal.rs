//! iCalendar → JSCalendar (draft-ietf-calext-jscalendar-icalendar §2).
//!
//! Each component is read in two passes: properties that convert on their
//! own go straight into the object (in the order they come), those that
//! depend on others (DTSTART, DTEND, DURATION, DUE, RECURRENCE-ID, RRULE,
//! EXRULE, RDATE, EXDATE, ORGANIZER, ATTENDEE, LOCATION, GEO, JSCAL-PROP)
//! are gathered first and converted afterwards. Whatever does not convert
//! exactly is carried (see [`Carry`]) so that the reverse direction
//! rebuilds the same tree.

use std::borrow::Cow;
use std::collections::HashMap;

use crate::json::{INDEX_FROM, Json, JsonObject, KeyIndex, Str};
use kalends_ical_core::value::{
    Date, DateOrDateTime, DateTime, Duration as IcalDuration, Recur, Time, TimeForm, WeekdayNum,
    unescape_text,
};
use kalends_ical_core::{Component, Document, Parameter, Property};
use serde_json::Number;

use super::names::Names;
use super::values::{
    KeyGen, KeyScratch, KeySet, Zones, carry_component, carry_property, from_local_seconds, is_id,
    local_seconds, local_text, utc_text, value_local_text,
};
use super::{Profile, occurrence_template};
use crate::error::{Error, ErrorKind, quote};
use crate::patch::pointer;

type Obj<'d> = JsonObject<'d>;
type Value<'d> = Json<'d>;

pub(crate) fn document<'d>(doc: &'d Document<'_>, profile: Profile) -> Result<Value<'d>, Error> {
    let mut groups = Vec::with_capacity(doc.components.len());
    for c in &doc.components {
        if !c.is("VCALENDAR") {
            return Err(Error::new(
                ErrorKind::Unsupported,
                format!(
                    "The top-level component `{}` is not a VCALENDAR: draft-ietf-calext-jscalendar-icalendar §2.1.1 converts iCalendar objects only.",
                    quote(c.name())
                ),
            ));
        }
        let mut conv = Conv::new(profile);
        groups.push(Json::Object(conv.calendar(c)));
    }
    match groups.len() {
        0 => Err(Error::new(
            ErrorKind::Unsupported,
            "The document has no VCALENDAR to convert (draft-ietf-calext-jscalendar-icalendar §2.1.1).",
        )),
        1 => Ok(groups.pop().unwrap_or(Json::Null)),
        _ => Ok(Json::Array(groups)),
    }
}

// ---------------------------------------------------------------------------
// Small builders.

fn s(v: impl Into<Str<'static>>) -> Value<'static> {
    Json::String(v.into())
}

/// A string value borrowing `v` from the document.
fn bs(v: &str) -> Value<'_> {
    Json::String(Str::borrowed(v))
}

/// A string value from text that borrows from the document or was made
/// for it (unescaped, decoded): borrowed stays borrowed.
fn bor(v: Cow<'_, str>) -> Value<'_> {
    Json::String(Str::from(v))
}

/// A string value copied from `v` (inline when short).
fn sc(v: &str) -> Value<'static> {
    Json::String(Str::copied(v))
}

/// A string value from text that may borrow: copied inline when short and
/// borrowed, the allocation kept when already owned.
fn own(v: Cow<'_, str>) -> Value<'static> {
    match v {
        Cow::Borrowed(b) => sc(b),
        Cow::Owned(o) => s(o),
    }
}

/// A JSON set (`{"a": true}`) of `items`.
fn set_of<I, T>(items: I) -> Value<'static>
where
    I: IntoIterator<Item = T>,
    T: Into<Str<'static>>,
{
    let items = items.into_iter();
    let mut m = Obj::with_capacity(items.size_hint().0);
    for i in items {
        m.insert(i, Json::Bool(true));
    }
    Json::Object(m)
}

/// A set (RFC 8984 §1.4: `String[Boolean]`, every value `true`) of
/// distinct constant members.
fn set_of_static(items: &[&'static str]) -> Value<'static> {
    let mut m = Obj::with_capacity(items.len());
    for i in items {
        m.push_new(*i, Json::Bool(true));
    }
    Json::Object(m)
}

/// An object of `@type` `t`, with room for the members such objects
/// usually get (small objects are the bulk of a converted calendar: room
/// they never use is memory the allocator must find and free).
fn typed(t: &'static str) -> Obj<'static> {
    let room = match t {
        "NDay" | "OffsetTrigger" | "AbsoluteTrigger" | "Relation" | "ICalProperty" => 3,
        "Location" | "VirtualLocation" | "ICalComponent" | "Link" | "Alert" => 4,
        _ => 8,
    };
    let mut m = Obj::with_capacity(room);
    m.push_new("@type", Json::String(Str::borrowed(t)));
    m
}

/// The parameters of `p` named in neither `consumed` nor `also`, in jCal
/// form (RFC 7265 §3.5): lower-case names, a string or an array of
/// strings. The values borrow from `p` (decoded ones are owned).
fn extra_params<'p>(p: &'p Property<'_>, consumed: &[&str], also: &[&str]) -> Obj<'p> {
    let mut m = Obj::new();
    let params = p.params();
    for (i, param) in params.iter().enumerate() {
        if consumed.iter().chain(also).any(|c| param.is(c)) {
            continue;
        }
        if m.is_empty() {
            // Room for this parameter and the rest, in one allocation (an
            // object that stays empty allocates nothing).
            m = Obj::with_capacity(params.len().saturating_sub(i));
        }
        let mut values = param.values();
        let v = match (values.next(), values.next()) {
            (Some(one), None) => bor(one),
            (first, second) => {
                let mut all: Vec<Value<'p>> = first.into_iter().chain(second).map(bor).collect();
                all.extend(values.map(bor));
                Json::Array(all)
            }
        };
        m.insert(Str::lowercase(param.name()), v);
    }
    m
}

/// An ICalProperty object (draft -11 §5.1.2, -25 §5.1.1).
fn ical_prop<'x>(name: &str, value_type: Option<&str>, params: Obj<'x>) -> Value<'x> {
    let mut m = typed("ICalProperty");
    m.push_new("name", Json::String(Str::lowercase(name)));
    if let Some(vt) = value_type {
        m.push_new("valueType", Json::String(Str::lowercase(vt)));
    }
    if !params.is_empty() {
        m.push_new("parameters", Json::Object(params));
    }
    Json::Object(m)
}

/// The VALUE parameter of `p`, lower case.
fn value_param(p: &Property<'_>) -> Option<String> {
    p.param_value("VALUE").map(|v| v.to_ascii_lowercase())
}

/// True when `p` has a parameter without a value, which jCal cannot carry.
fn has_bare_param(p: &Property<'_>) -> bool {
    p.params().iter().any(|param| param.raw_value().is_none())
}

/// True when `p`'s parameter `name` is `TRUE` (the DERIVED parameter, RFC 9073 §5.3).
fn param_true(p: &Property<'_>, name: &str) -> bool {
    p.param_value(name)
        .is_some_and(|v| v.eq_ignore_ascii_case("TRUE"))
}

/// A JSON number from an integer.
fn int(v: i64) -> Value<'static> {
    Json::Number(Number::from(v))
}

/// Where in its object a converted property went (`map`/`key`), rendered
/// as a JSON pointer without the leading `/` only when a note needs it.
#[derive(Clone, Copy)]
struct NotePath<'p>(&'static str, &'p str);

impl NotePath<'_> {
    fn render(self) -> String {
        let path = pointer::to_pointer([self.0, self.1]);
        path.trim_start_matches('/').to_owned()
    }
}

// ---------------------------------------------------------------------------
// The carrier of one object.

/// Indexes of the maps that an object's properties fill one at a time,
/// kept while they convert, so that thousands of values take linear time.
#[derive(Default)]
struct MapIndexes {
    keywords: KeyIndex,
    categories: KeyIndex,
    related: KeyIndex,
}

/// The first of many `parts` whose address is `v` (ASCII case ignored),
/// through `by_addr`, which is made on the first call and kept up to date
/// by the caller.
#[allow(
    clippy::box_collection,
    reason = "boxed so that the common case, no index, stays one word"
)]
#[cold]
fn first_with_address(
    parts: &[Part<'_, '_, '_>],
    by_addr: &mut Option<Box<HashMap<String, usize>>>,
    v: &str,
) -> Option<usize> {
    let m = by_addr.get_or_insert_with(|| {
        let mut m = HashMap::new();
        for (i, x) in parts.iter().enumerate() {
            if let Some(a) = x.addr {
                m.entry(a.to_ascii_lowercase()).or_insert(i);
            }
        }
        Box::new(m)
    });
    m.get(&v.to_ascii_lowercase()).copied()
}

/// What an object carries for the way back: unconverted properties and
/// components (jCal), and conversion notes (`convertedProperties`).
#[derive(Default)]
struct Carry<'d> {
    props: Vec<Value<'d>>,
    comps: Vec<Value<'d>>,
    converted: Obj<'d>,
    /// The keys of `converted`, once it has many (an object with thousands
    /// of noted overrides or participants).
    converted_index: KeyIndex,
    /// Write the ICalComponent even when empty (to name the component).
    force: bool,
}

impl<'d> Carry<'d> {
    fn prop(&mut self, p: &Property<'_>) {
        self.props.push(carry_property(p).into());
    }

    fn comp(&mut self, c: &Component<'_>) {
        self.comps.push(carry_component(c).into());
    }

    fn note(&mut self, path: impl Into<Str<'d>>, rec: Value<'d>) {
        self.converted
            .insert_indexed(&mut self.converted_index, path.into(), rec);
    }

    fn is_empty(&self) -> bool {
        self.props.is_empty() && self.comps.is_empty() && self.converted.is_empty()
    }

    fn finish(self, obj: &mut Obj<'d>, n: &Names, component: &str) {
        if self.is_empty() && !self.force {
            return;
        }
        let mut m = typed("ICalComponent");
        m.push_new("name", Json::String(Str::lowercase(component)));
        if !self.converted.is_empty() {
            m.push_new("convertedProperties", Json::Object(self.converted));
        }
        if !self.props.is_empty() {
            m.push_new("properties", Json::Array(self.props));
        }
        if !self.comps.is_empty() {
            m.push_new("components", Json::Array(self.comps));
        }
        obj.insert(n.comp, Json::Object(m));
    }
}

// ---------------------------------------------------------------------------
// Property names.

/// The properties this module knows by name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum P {
    Acknowledged,
    Action,
    Attach,
    Attendee,
    CalendarAddress,
    Categories,
    Class,
    Color,
    Comment,
    Concept,
    Conference,
    Coordinates,
    Created,
    Description,
    Dtend,
    Dtstamp,
    Dtstart,
    Due,
    Duration,
    EstimatedDuration,
    Exdate,
    Exrule,
    Geo,
    Image,
    JsId,
    JsProp,
    LastModified,
    Link,
    Location,
    LocationType,
    Method,
    Name,
    Organizer,
    ParticipantType,
    PercentComplete,
    Priority,
    Prodid,
    Rdate,
    RecurrenceId,
    RelatedTo,
    RequestStatus,
    Rrule,
    Sequence,
    ShowWithoutTime,
    Source,
    Status,
    StructuredData,
    StyledDescription,
    Summary,
    Transp,
    Trigger,
    Tzid,
    TzidAliasOf,
    Tzname,
    Tzoffsetfrom,
    Tzoffsetto,
    Tzuntil,
    Tzurl,
    Uid,
    Url,
    Other,
}

fn classify(name: &str, n: &Names) -> P {
    let mut buf = [0u8; 24];
    let Some(slot) = buf.get_mut(..name.len()) else {
        return P::Other;
    };
    for (d, s) in slot.iter_mut().zip(name.bytes()) {
        *d = s.to_ascii_uppercase();
    }
    let up: &[u8] = slot;
    if up == n.id.as_bytes() {
        return P::JsId;
    }
    if up == n.jsprop.as_bytes() {
        return P::JsProp;
    }
    match up {
        b"ACKNOWLEDGED" => P::Acknowledged,
        b"ACTION" => P::Action,
        b"ATTACH" => P::Attach,
        b"ATTENDEE" => P::Attendee,
        b"CALENDAR-ADDRESS" => P::CalendarAddress,
        b"CATEGORIES" => P::Categories,
        b"CLASS" => P::Class,
        b"COLOR" => P::Color,
        b"COMMENT" => P::Comment,
        b"CONCEPT" => P::Concept,
        b"CONFERENCE" => P::Conference,
        b"COORDINATES" => P::Coordinates,
        b"CREATED" => P::Created,
        b"DESCRIPTION" => P::Description,
        b"DTEND" => P::Dtend,
        b"DTSTAMP" => P::Dtstamp,
        b"DTSTART" => P::Dtstart,
        b"DUE" => P::Due,
        b"DURATION" => P::Duration,
        b"ESTIMATED-DURATION" => P::EstimatedDuration,
        b"EXDATE" => P::Exdate,
        b"EXRULE" => P::Exrule,
        b"GEO" => P::Geo,
        b"IMAGE" => P::Image,
        b"LAST-MODIFIED" => P::LastModified,
        b"LINK" => P::Link,
        b"LOCATION" => P::Location,
        b"LOCATION-TYPE" => P::LocationType,
        b"METHOD" => P::Method,
        b"NAME" => P::Name,
        b"ORGANIZER" => P::Organizer,
        b"PARTICIPANT-TYPE" => P::ParticipantType,
        b"PERCENT-COMPLETE" => P::PercentComplete,
        b"PRIORITY" => P::Priority,
        b"PRODID" => P::Prodid,
        b"RDATE" => P::Rdate,
        b"RECURRENCE-ID" => P::RecurrenceId,
        b"RELATED-TO" => P::RelatedTo,
        b"REQUEST-STATUS" => P::RequestStatus,
        b"RRULE" => P::Rrule,
        b"SEQUENCE" => P::Sequence,
        b"SHOW-WITHOUT-TIME" => P::ShowWithoutTime,
        b"SOURCE" => P::Source,
        b"STATUS" => P::Status,
        b"STRUCTURED-DATA" => P::StructuredData,
        b"STYLED-DESCRIPTION" => P::StyledDescription,
        b"SUMMARY" => P::Summary,
        b"TRANSP" => P::Transp,
        b"TRIGGER" => P::Trigger,
        b"TZID" => P::Tzid,
        b"TZID-ALIAS-OF" => P::TzidAliasOf,
        b"TZNAME" => P::Tzname,
        b"TZOFFSETFROM" => P::Tzoffsetfrom,
        b"TZOFFSETTO" => P::Tzoffsetto,
        b"TZUNTIL" => P::Tzuntil,
        b"TZURL" => P::Tzurl,
        b"UID" => P::Uid,
        b"URL" => P::Url,
        _ => P::Other,
    }
}

// ---------------------------------------------------------------------------
// Time zone references.

/// The time zone of a date-time property (draft §2.1.4).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Tz {
    /// DATE or floating DATE-TIME: `timeZone` not set.
    Floating,
    /// UTC (form #2): `Etc/UTC`.
    Utc,
    /// A TZID parameter (form #3), verbatim (inline when short: no
    /// allocation for the zone of each date-time).
    Tzid(Str<'static>),
}

impl Tz {
    fn of(p: &Property<'_>, v: &DateOrDateTime) -> Tz {
        match v {
            DateOrDateTime::Date(_) => Tz::Floating,
            DateOrDateTime::DateTime(dt) if dt.form == TimeForm::Utc => Tz::Utc,
            DateOrDateTime::DateTime(_) => match p.param_value("TZID") {
                Some(t) => Tz::Tzid(Str::from_cow(t)),
                None => Tz::Floating,
            },
        }
    }

    /// The TZID used for zone arithmetic (`None`: floating, read as UTC).
    fn zone_name(&self) -> Option<&str> {
        match self {
            Tz::Floating => None,
            Tz::Utc => Some("UTC"),
            Tz::Tzid(t) => Some(t.as_str()),
        }
    }
}

/// Parses a DATE or DATE-TIME property value, honouring VALUE=DATE and
/// VALUE=DATE-TIME.
fn date_value(p: &Property<'_>) -> Option<DateOrDateTime> {
    let v = DateOrDateTime::parse(p.value()).ok()?;
    match value_param(p).as_deref() {
        None => Some(v),
        Some("date") if v.is_date() => Some(v),
        Some("date-time") if !v.is_date() => Some(v),
        _ => None,
    }
}

/// The form iCalendar writes the object's date-times in (draft -25 §3.2),
/// shared with the reverse direction so that what it would choose can be
/// predicted: DATE when `showWithoutTime` is true, there is no time zone
/// and the time is midnight.
pub(crate) fn is_date_form(show_without_time: bool, floating: bool, t: Time) -> bool {
    show_without_time && floating && t == Time::MIDNIGHT
}

// ---------------------------------------------------------------------------
// The converter.

/// Kinds of calendar components converted to objects.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Kind {
    Event,
    Task,
}

struct Conv<'d> {
    _output: std::marker::PhantomData<&'d ()>,
    profile: Profile,
    n: &'static Names,
    zones: Zones,
    /// TZIDs of the calendar's VTIMEZONEs.
    defined: Vec<String>,
    /// TZIDs that entries refer to by a custom TimeZoneId (draft -11 §2.1.4).
    custom: Vec<String>,
    /// Where the keys of VALARMs, VLOCATIONs and PARTICIPANTs without one
    /// of their own are made.
    key_scratch: KeyScratch,
}

/// How an entry's DTSTART (or DUE) set the object's time zone.
#[derive(Debug, Clone)]
struct ObjTz {
    tz: Tz,
    /// The way back writes the object's date-times as DATEs (when their
    /// time is midnight): showWithoutTime, floating, DTSTART at midnight.
    date_form: bool,
    /// The TZID was recorded (it is not the TimeZoneId): other date-times
    /// with the same TZID record it too.
    tzid_recorded: bool,
}

impl<'d> Conv<'d> {
    fn new(profile: Profile) -> Conv<'d> {
        Conv {
            _output: std::marker::PhantomData,
            profile,
            n: profile.names(),
            zones: Zones::new(),
            defined: Vec::new(),
            custom: Vec::new(),
            key_scratch: KeyScratch::default(),
        }
    }

    fn rfc(&self) -> bool {
        self.profile == Profile::Rfc8984
    }

    /// The JSCalendar TimeZoneId for `tzid`, and the TZID to record when the
    /// TimeZoneId does not give it back (draft §2.1.4). The TimeZoneId is
    /// inline when short (no allocation).
    fn time_zone_id(&mut self, tzid: &str) -> (Str<'static>, Option<String>) {
        if self.zones.is_iana(tzid) {
            return (Str::copied(tzid), None);
        }
        let defined = self.defined.iter().any(|d| d == tzid);
        if defined && self.rfc() {
            if !self.custom.iter().any(|c| c == tzid) {
                self.custom.push(tzid.to_owned());
            }
            return (Str::format(format_args!("/{tzid}")), None);
        }
        if let Some(iana) = self.zones.iana_for(tzid) {
            return (Str::from(iana), Some(tzid.to_owned()));
        }
        if defined && !self.custom.iter().any(|c| c == tzid) {
            self.custom.push(tzid.to_owned());
        }
        (Str::format(format_args!("/{tzid}")), None)
    }

    /// The wall clock of `v` (read in `from`) in the object's zone `to`.
    fn in_zone(&mut self, v: &DateOrDateTime, from: &Tz, to: &Tz) -> Option<(Date, Time)> {
        let dt = v.to_date_time();
        if v.is_date() || from == to || *from == Tz::Floating || *to == Tz::Floating {
            return Some((dt.date, dt.time));
        }
        let local = local_seconds(dt.date, dt.time);
        let utc = self.zones.utc_of(from.zone_name(), local);
        let there = self.zones.local_of(to.zone_name(), utc);
        from_local_seconds(there)
    }

    // -----------------------------------------------------------------------
    // VCALENDAR → Group (§2.1.1).

    fn calendar(&mut self, cal: &'d Component<'_>) -> Obj<'d> {
        self.zones.load_calendar(cal);
        for tz in cal.components_named("VTIMEZONE") {
            if let Some(id) = tz.property("TZID") {
                self.defined.push(id.value().to_owned());
            }
        }
        let mut group = typed("Group");
        if !self.rfc() {
            // JSCalendar 2.0 Groups say their version (draft -25 §1.3.2).
            group.insert("version", s("2.0"));
        }
        let mut carry = Carry::default();
        let mut links = KeyGen::new(self.n);
        let mut ix = MapIndexes::default();
        let mut method: Option<String> = None;
        let mut prodid: Option<String> = None;
        let mut method_prop: Option<&Property<'_>> = None;
        let mut jsprops: Vec<&Property<'_>> = Vec::new();
        let mut version_seen = false;
        for p in cal.properties() {
            if has_bare_param(p) {
                carry.prop(p);
                continue;
            }
            // VERSION:2.0 is what the way back always writes (RFC 5545 §3.7.4
            // requires it); only another VERSION needs carrying.
            if p.is("VERSION") && p.value() == "2.0" && p.params().is_empty() && !version_seen {
                version_seen = true;
                continue;
            }
            match classify(p.name(), self.n) {
                P::Prodid if prodid.is_none() && p.params().is_empty() => {
                    let v = p.text_value().into_owned();
                    group.insert("prodId", s(v.clone()));
                    prodid = Some(v);
                }
                P::Method if method.is_none() && p.params().is_empty() => {
                    method = Some(p.value().to_ascii_lowercase());
                    method_prop = Some(p);
                }
                P::Uid => self.text_into(&mut group, &mut carry, "uid", p),
                P::Name => self.text_with_locale(&mut group, &mut carry, "title", p, "NAME"),
                P::Description if !param_true(p, "DERIVED") => {
                    self.text_with_locale(&mut group, &mut carry, "description", p, "DESCRIPTION")
                }
                P::Color => self.text_into(&mut group, &mut carry, "color", p),
                P::Source => self.uri_into(&mut group, &mut carry, "source", p, Some("uri")),
                P::Created => self.utc_into(&mut group, &mut carry, "created", p),
                P::LastModified => self.utc_into(&mut group, &mut carry, "updated", p),
                P::Categories => {
                    self.set_into(&mut group, &mut carry, "keywords", &mut ix.keywords, p)
                }
                P::Concept => {
                    self.set_into(&mut group, &mut carry, "categories", &mut ix.categories, p)
                }
                P::Url => self.link(&mut group, &mut carry, &mut links, p),
                P::Attach | P::Image | P::Link if !self.rfc() => {
                    self.link(&mut group, &mut carry, &mut links, p)
                }
                P::JsProp => jsprops.push(p),
                _ => carry.prop(p),
            }
        }

        // Entries, grouped into main components and overrides (§2.1.2).
        let subs = cal.components();
        let mut mains: Vec<(usize, &str, Kind)> = Vec::new();
        let mut main_index: HashMap<(&str, Kind), usize> = HashMap::new();
        for (i, c) in subs.iter().enumerate() {
            let kind = if c.is("VEVENT") {
                Kind::Event
            } else if c.is("VTODO") {
                Kind::Task
            } else {
                continue;
            };
            if c.property("RECURRENCE-ID").is_none()
                && (c.property("RRULE").is_some() || c.property("RDATE").is_some())
                && let Some(uid) = c.property("UID").map(Property::value)
                && !main_index.contains_key(&(uid, kind))
            {
                main_index.insert((uid, kind), mains.len());
                mains.push((i, uid, kind));
            }
        }
        let mut entries: Vec<Value<'d>> = Vec::new();
        // Entry index of each main component.
        let mut main_entry: Vec<Option<usize>> = vec![None; mains.len()];
        let mut overrides: Vec<Vec<usize>> = vec![Vec::new(); mains.len()];
        let mut timezones: Vec<&Component<'_>> = Vec::new();
        let mut order: Vec<(usize, Kind, Option<usize>)> = Vec::new();
        for (i, c) in subs.iter().enumerate() {
            let kind = if c.is("VEVENT") {
                Kind::Event
            } else if c.is("VTODO") {
                Kind::Task
            } else if c.is("VTIMEZONE") {
                timezones.push(c);
                continue;
            } else {
                carry.comp(c);
                continue;
            };
            let uid = c.property("UID").map(Property::value);
            let main = uid.and_then(|u| main_index.get(&(u, kind)).copied());
            match main {
                Some(m) if mains.get(m).is_some_and(|(mi, _, _)| *mi != i) => {
                    if let Some(list) = overrides.get_mut(m) {
                        list.push(i);
                    }
                }
                Some(m) => order.push((i, kind, Some(m))),
                None => order.push((i, kind, None)),
            }
        }
        let mut head: Vec<(&'static str, Value<'d>)> = Vec::new();
        if let Some(pid) = &prodid {
            head.push(("prodId", Json::String(Str::shared(pid))));
        }
        if let Some(meth) = &method {
            head.push(("method", Json::String(Str::shared(meth))));
        }
        for (i, kind, main) in order {
            let Some(c) = subs.get(i) else { continue };
            let (mut obj, otz) = self.entry_tz(c, kind, &head);
            if let Some(m) = main {
                let ov: Vec<&Component<'_>> = overrides
                    .get(m)
                    .map(|l| l.iter().filter_map(|j| subs.get(*j)).collect())
                    .unwrap_or_default();
                let standalone = self.overrides(&mut obj, kind, &ov, &head, otz.as_ref());
                if let Some(slot) = main_entry.get_mut(m) {
                    *slot = Some(entries.len());
                }
                entries.push(Json::Object(obj));
                for sc in standalone {
                    let o = self.entry(sc, kind, &head);
                    entries.push(Json::Object(o));
                }
            } else {
                entries.push(Json::Object(obj));
            }
        }
        // METHOD goes to every entry (§2.3.27); without entries it is carried.
        if entries.is_empty()
            && let Some(p) = method_prop
        {
            carry.prop(p);
        }
        if !entries.is_empty() {
            group.insert("entries", Json::Array(entries));
        }

        // VTIMEZONE → timeZones (draft -11 §2.2.5) for the custom ids in use;
        // the others travel as jCal.
        let mut tzs = Obj::new();
        for tz in timezones {
            let tzid = tz.property("TZID").map(|p| p.value().to_owned());
            match tzid {
                // Draft -11 Figure 28 converts a VTIMEZONE that nothing
                // refers to as well (RFC 8984 §4.7.2 calls it orphaned).
                Some(id)
                    if self.rfc() && (self.custom.contains(&id) || !self.zones.is_iana(&id)) =>
                {
                    match self.time_zone(tz) {
                        Some(obj) if !tzs.contains_key(&format!("/{id}")) => {
                            tzs.insert(format!("/{id}"), Json::Object(obj));
                        }
                        _ => carry.comp(tz),
                    }
                }
                _ => carry.comp(tz),
            }
        }
        if !tzs.is_empty() {
            group.insert("timeZones", Json::Object(tzs));
        }
        self.apply_jsprops(&mut group, &mut carry, &jsprops, &[]);
        carry.finish(&mut group, self.n, cal.name());
        group
    }

    // -----------------------------------------------------------------------
    // Simple values.

    /// A TEXT property into `key` (first one wins, the others are carried).
    fn text_into(
        &mut self,
        obj: &mut Obj<'d>,
        carry: &mut Carry<'d>,
        key: &'static str,
        p: &'d Property<'_>,
    ) {
        if obj.contains_key(key) {
            carry.prop(p);
            return;
        }
        obj.push_new(key, bor(p.text_value()));
        self.note_own(carry, key, p, &[], None, None);
    }

    /// A TEXT property whose LANGUAGE converts to `locale` in draft -25
    /// (SUMMARY §2.3.42, NAME §2.3.28).
    fn text_with_locale(
        &mut self,
        obj: &mut Obj<'d>,
        carry: &mut Carry<'d>,
        key: &'static str,
        p: &'d Property<'_>,
        _what: &str,
    ) {
        if obj.contains_key(key) {
            carry.prop(p);
            return;
        }
        obj.push_new(key, bor(p.text_value()));
        let mut consumed: &[&str] = &[];
        if !self.rfc()
            && key == "title"
            && !obj.contains_key("locale")
            && let Some(lang) = p.param_value("LANGUAGE")
            && p.params().iter().filter(|x| x.is("LANGUAGE")).count() == 1
        {
            obj.push_new("locale", bor(lang));
            consumed = &["LANGUAGE"];
        }
        self.note_own(carry, key, p, consumed, None, None);
    }

    /// A URI property into `key`; `vt` is the VALUE the way back writes.
    fn uri_into(
        &mut self,
        obj: &mut Obj<'d>,
        carry: &mut Carry<'d>,
        key: &'static str,
        p: &Property<'_>,
        vt: Option<&str>,
    ) {
        if obj.contains_key(key) {
            carry.prop(p);
            return;
        }
        obj.push_new(key, sc(p.value()));
        self.note_own(carry, key, p, &[], vt, None);
    }

    /// A UTC DATE-TIME property into a UTCDateTime `key`.
    fn utc_into(
        &mut self,
        obj: &mut Obj<'d>,
        carry: &mut Carry<'d>,
        key: &'static str,
        p: &Property<'_>,
    ) {
        match DateTime::parse(p.value()) {
            Ok(dt) if dt.form == TimeForm::Utc && !obj.contains_key(key) => {
                obj.push_new(key, s(utc_text(dt.date, dt.time)));
                self.note_own(carry, key, p, &[], None, None);
            }
            _ => carry.prop(p),
        }
    }

    /// A list property (CATEGORIES, CONCEPT) into the set `key`. A property
    /// with parameters is carried whole: all of them merge into one set
    /// (§2.3.6), so the parameters would have no one place. `index` is the
    /// caller's for this set, which only this fills.
    fn set_into(
        &mut self,
        obj: &mut Obj<'d>,
        carry: &mut Carry<'d>,
        key: &'static str,
        index: &mut KeyIndex,
        p: &Property<'_>,
    ) {
        if !p.params().is_empty() || p.value().is_empty() {
            carry.prop(p);
            return;
        }
        // Room for a typical list (a handful of categories).
        if let Some(m) = obj.object_entry(key, || Obj::with_capacity(4)) {
            for v in kalends_ical_core::value::split_text_list(p.value()) {
                m.insert_indexed(index, Str::from_cow(v), Json::Bool(true));
            }
        }
    }

    /// Records, for a property that converted to `path` of this object,
    /// what the way back cannot derive: other parameters, a VALUE other
    /// than `vt`, and a property name other than the one it would choose.
    fn note_own(
        &mut self,
        carry: &mut Carry<'d>,
        path: &str,
        p: &Property<'_>,
        consumed: &[&str],
        vt: Option<&str>,
        name_needed: Option<bool>,
    ) {
        if name_needed != Some(true)
            && vt.is_none()
            && p.params().iter().all(|x| consumed.iter().any(|c| x.is(c)))
        {
            return;
        }
        let params = extra_params(p, consumed, &["VALUE"]).into_owned();
        let value = value_param(p);
        let value_type = if value.as_deref() != vt { value } else { None };
        if params.is_empty() && value_type.is_none() && name_needed != Some(true) {
            return;
        }
        carry.note(
            Str::copied(path),
            ical_prop(p.name(), value_type.as_deref(), params),
        );
    }

    /// Like [`Conv::note_own`], with the VALUE to record already decided.
    fn note_vt(
        &mut self,
        carry: &mut Carry<'d>,
        path: &str,
        p: &Property<'_>,
        consumed: &[&str],
        value_type: Option<String>,
        name_needed: bool,
    ) {
        let params = extra_params(p, consumed, &["VALUE"]).into_owned();
        if params.is_empty() && value_type.is_none() && !name_needed {
            return;
        }
        carry.note(
            Str::copied(path),
            ical_prop(p.name(), value_type.as_deref(), params),
        );
    }

    /// Records what the way back cannot derive for an object converted from
    /// a property: on the object's `iCalProperty` (draft -11 §5.1.2) or in
    /// the parent's `convertedProperties` at `path` (draft -25 §5.1.1).
    #[allow(clippy::too_many_arguments)]
    fn note_derived(
        &mut self,
        obj: &mut Obj<'d>,
        carry: &mut Carry<'d>,
        path: NotePath<'_>,
        p: &Property<'_>,
        consumed: &[&str],
        vt: Option<&str>,
        name_needed: bool,
    ) {
        if !name_needed
            && vt.is_none()
            && p.params()
                .iter()
                .all(|x| x.is(self.n.id) || consumed.iter().any(|c| x.is(c)))
        {
            return;
        }
        let params = extra_params(p, consumed, &["VALUE", self.n.id]).into_owned();
        let value = value_param(p);
        let value_type = if value.as_deref() != vt { value } else { None };
        if params.is_empty() && value_type.is_none() && !name_needed {
            return;
        }
        let rec = ical_prop(p.name(), value_type.as_deref(), params);
        match self.n.prop {
            Some(key) => {
                obj.insert(key, rec);
            }
            None => carry.note(Str::from(path.render()), rec),
        }
    }

    /// The key of an object converted from `p`: its key parameter if valid,
    /// else generated from `base`.
    fn prop_key(&self, keys: &mut KeyGen, p: &Property<'_>, base: &str) -> Str<'static> {
        let explicit = p
            .param_value(self.n.id)
            .filter(|k| is_id(k))
            .map(Cow::into_owned);
        keys.key(explicit.as_deref(), base)
    }

    // -----------------------------------------------------------------------
    // Links (ATTACH §2.3.3, IMAGE §2.3.23, URL §2.3.55, STRUCTURED-DATA
    // §2.3.42, LINK -25 §2.3.24).

    fn link(
        &mut self,
        obj: &mut Obj<'d>,
        carry: &mut Carry<'d>,
        keys: &mut KeyGen,
        p: &Property<'_>,
    ) {
        if has_bare_param(p) {
            carry.prop(p);
            return;
        }
        let kind = classify(p.name(), self.n);
        let vt = value_param(p);
        let binary = vt.as_deref() == Some("binary");
        // Which value types convert.
        let ok = match kind {
            P::Attach | P::Image => matches!(vt.as_deref(), None | Some("uri") | Some("binary")),
            P::Url => matches!(vt.as_deref(), None | Some("uri")),
            P::StructuredData => matches!(vt.as_deref(), Some("uri") | Some("binary")),
            P::Link => vt.as_deref() == Some("uri"),
            _ => false,
        };
        let encoding_ok = !binary
            || p.param_value("ENCODING")
                .is_some_and(|e| e.eq_ignore_ascii_case("BASE64"));
        if !ok || !encoding_ok || p.value().is_empty() {
            carry.prop(p);
            return;
        }
        let fmttype = p.param_value("FMTTYPE").map(Cow::into_owned);
        let href = if binary {
            format!(
                "data:{};base64,{}",
                fmttype.as_deref().unwrap_or(""),
                p.value()
            )
        } else {
            p.value().to_owned()
        };
        let key = self.prop_key(keys, p, &href);
        let mut link = typed("Link");
        link.insert("href", s(href));
        let mut consumed: Vec<&str> = vec![self.n.id];
        if binary {
            consumed.push("ENCODING");
        }
        if let Some(ct) = &fmttype
            && !(kind == P::Link && self.rfc())
        {
            link.insert("contentType", s(ct.clone()));
            consumed.push("FMTTYPE");
        }
        if let Some(size) = p.param_value("SIZE")
            && let Ok(n) = size.parse::<u64>()
            && n.to_string() == *size
            && n <= crate::types::MAX_SAFE_INTEGER.unsigned_abs()
        {
            link.insert("size", Json::Number(Number::from(n)));
            consumed.push("SIZE");
        }
        // The name the way back would choose, and the rel it implies.
        let chosen;
        if self.rfc() {
            if matches!(kind, P::Attach | P::Image)
                && let Some(rel) = p.param_value("LINKREL")
                && is_token(&rel)
                && !(kind == P::Image && rel.eq_ignore_ascii_case("icon"))
            {
                link.insert("rel", own(rel));
                consumed.push("LINKREL");
            }
            if kind == P::Image {
                let displays: Vec<Cow<'_, str>> = p
                    .params()
                    .iter()
                    .filter(|x| x.is("DISPLAY"))
                    .flat_map(Parameter::values)
                    .collect();
                if displays.len() == 1
                    && let Some(d) = displays.first()
                {
                    link.insert("display", Json::String(Str::lowercase(d)));
                    if !link.contains_key("rel") {
                        link.insert("rel", s("icon"));
                    }
                    consumed.push("DISPLAY");
                }
            }
            // Draft -11 names every property but ATTACH (§2.3.23, §2.3.42, §2.3.55).
            chosen = kind == P::Attach;
            let vt_back = match kind {
                P::StructuredData => None,
                _ if binary => Some("binary"),
                P::Image => Some("uri"),
                _ => None,
            };
            let mut vt_keep = vt_back;
            if kind == P::StructuredData {
                // The value type of STRUCTURED-DATA is always recorded (Figure 77).
                vt_keep = Some("");
            }
            let path = NotePath("links", key.as_str());
            self.note_derived(
                &mut link,
                carry,
                path,
                p,
                &consumed,
                vt_keep.filter(|v| !v.is_empty()),
                !chosen,
            );
        } else {
            let rel = match kind {
                P::Attach => Some(Cow::Borrowed("enclosure")),
                P::Image => Some(Cow::Borrowed("icon")),
                P::Url => Some(Cow::Borrowed("describedby")),
                _ => p.param_value("LINKREL").map(|r| Cow::Owned(r.into_owned())),
            };
            if kind == P::Link && rel.is_some() {
                consumed.push("LINKREL");
            }
            if let Some(r) = &rel {
                link.insert("rel", own(r.clone()));
            }
            if kind == P::Image {
                let displays: Vec<Cow<'_, str>> = p
                    .params()
                    .iter()
                    .filter(|x| x.is("DISPLAY"))
                    .flat_map(Parameter::values)
                    .collect();
                if !displays.is_empty() {
                    link.insert(
                        "display",
                        set_of(displays.iter().map(|d| d.to_ascii_lowercase())),
                    );
                    consumed.push("DISPLAY");
                }
            }
            let title_param = if matches!(kind, P::Attach | P::Image) {
                "FILENAME"
            } else {
                "LABEL"
            };
            if let Some(t) = p.param_value(title_param) {
                link.insert("title", own(t));
                consumed.push(title_param);
            }
            // The way back: ATTACH for enclosure, IMAGE for icon, URL for
            // describedby (if no URL yet), LINK otherwise (-25 §3.4).
            let url_taken = || {
                obj.get("links").and_then(Json::as_object).is_some_and(|m| {
                    m.values()
                        .any(|l| l.get("rel").and_then(Json::as_str) == Some("describedby"))
                })
            };
            let back = match rel.as_deref() {
                Some("enclosure") => P::Attach,
                Some("icon") => P::Image,
                Some("describedby") if !url_taken() => P::Url,
                _ => P::Link,
            };
            let vt_back = if binary {
                Some("binary")
            } else if matches!(back, P::Image | P::Link) {
                Some("uri")
            } else {
                None
            };
            let path = NotePath("links", key.as_str());
            self.note_derived(&mut link, carry, path, p, &consumed, vt_back, back != kind);
        }
        // A new key: `keys` has every key of the map, which only this fills.
        push_in(obj, "links", key, Json::Object(link));
    }
}

/// True for an iana-token (RFC 5545 §3.1): letters, digits and `-`.
fn is_token(s: &str) -> bool {
    super::values::is_name(s)
}

// ---------------------------------------------------------------------------
// VEVENT → Event, VTODO → Task (§2.2.3, §2.2.6).

/// The properties of an entry that convert together, gathered first.
#[derive(Default)]
struct Gathered<'c, 'a> {
    dtstart: Option<&'c Property<'a>>,
    dtend: Option<&'c Property<'a>>,
    /// DTEND came before DURATION (the first that converts wins).
    dtend_first: bool,
    duration: Option<&'c Property<'a>>,
    due: Option<&'c Property<'a>>,
    recurrence_id: Option<&'c Property<'a>>,
    show: Option<&'c Property<'a>>,
    rrules: Vec<&'c Property<'a>>,
    exrules: Vec<&'c Property<'a>>,
    rdates: Vec<&'c Property<'a>>,
    exdates: Vec<&'c Property<'a>>,
    organizer: Option<&'c Property<'a>>,
    attendees: Vec<&'c Property<'a>>,
    location: Option<&'c Property<'a>>,
    geo: Option<&'c Property<'a>>,
    jsprops: Vec<&'c Property<'a>>,
}

impl<'d> Conv<'d> {
    /// Converts a VEVENT or VTODO; `head` are properties set first (`prodId`,
    /// `method` of the VCALENDAR). Returns the object and its time zone.
    fn entry(
        &mut self,
        c: &'d Component<'_>,
        kind: Kind,
        head: &[(&'static str, Value<'d>)],
    ) -> Obj<'d> {
        self.entry_tz(c, kind, head).0
    }

    fn entry_tz(
        &mut self,
        c: &'d Component<'_>,
        kind: Kind,
        head: &[(&'static str, Value<'d>)],
    ) -> (Obj<'d>, Option<ObjTz>) {
        let task = kind == Kind::Task;
        let mut obj = Obj::with_capacity(16);
        // A fresh object and distinct head keys (`prodId`, `method`).
        obj.push_new("@type", s(if task { "Task" } else { "Event" }));
        for (k, v) in head {
            obj.push_new(*k, v.clone());
        }
        let mut carry = Carry::default();
        let mut links = KeyGen::new(self.n);
        let mut ix = MapIndexes::default();
        let mut vlocs = KeyGen::new(self.n);
        let mut conferences = KeyGen::new(self.n);
        let mut g = Gathered::default();
        let rfc = self.rfc();
        for p in c.properties() {
            if has_bare_param(p) {
                carry.prop(p);
                continue;
            }
            match classify(p.name(), self.n) {
                P::Uid => self.text_into(&mut obj, &mut carry, "uid", p),
                P::Dtstamp => self.utc_into(&mut obj, &mut carry, "updated", p),
                P::Created => self.utc_into(&mut obj, &mut carry, "created", p),
                P::Sequence => self.uint_into(&mut obj, &mut carry, "sequence", p, u64::MAX),
                P::Summary => self.text_with_locale(&mut obj, &mut carry, "title", p, "SUMMARY"),
                P::Description if !param_true(p, "DERIVED") => {
                    self.text_into(&mut obj, &mut carry, "description", p)
                }
                P::StyledDescription => self.styled(&mut obj, &mut carry, p),
                P::Class => self.enum_into(
                    &mut obj,
                    &mut carry,
                    "privacy",
                    p,
                    &[
                        ("PUBLIC", "public"),
                        ("PRIVATE", "private"),
                        ("CONFIDENTIAL", "secret"),
                    ],
                ),
                P::Status if task => self.enum_into(
                    &mut obj,
                    &mut carry,
                    "progress",
                    p,
                    &[
                        ("NEEDS-ACTION", "needs-action"),
                        ("IN-PROCESS", "in-process"),
                        ("COMPLETED", "completed"),
                        ("CANCELLED", "cancelled"),
                        ("FAILED", "failed"),
                    ],
                ),
                P::Status => self.enum_into(
                    &mut obj,
                    &mut carry,
                    "status",
                    p,
                    &[
                        ("TENTATIVE", "tentative"),
                        ("CONFIRMED", "confirmed"),
                        ("CANCELLED", "cancelled"),
                    ],
                ),
                P::Transp => self.enum_into(
                    &mut obj,
                    &mut carry,
                    "freeBusyStatus",
                    p,
                    &[("OPAQUE", "busy"), ("TRANSPARENT", "free")],
                ),
                P::Priority => self.uint_into(&mut obj, &mut carry, "priority", p, 9),
                P::Color => self.text_into(&mut obj, &mut carry, "color", p),
                P::Categories => {
                    self.set_into(&mut obj, &mut carry, "keywords", &mut ix.keywords, p)
                }
                P::Concept => {
                    self.set_into(&mut obj, &mut carry, "categories", &mut ix.categories, p)
                }
                P::Url | P::Attach | P::Image => self.link(&mut obj, &mut carry, &mut links, p),
                P::StructuredData if rfc => self.link(&mut obj, &mut carry, &mut links, p),
                P::Link if !rfc => self.link(&mut obj, &mut carry, &mut links, p),
                P::Conference => self.conference(&mut obj, &mut carry, &mut conferences, p),
                P::RelatedTo => self.related_to(&mut obj, &mut carry, &mut ix.related, p),
                P::RequestStatus if rfc && !obj.contains_key("requestStatus") => {
                    obj.insert("requestStatus", sc(p.value()));
                    self.note_own(&mut carry, "requestStatus", p, &[], None, None);
                }
                P::PercentComplete if task => {
                    self.uint_into(&mut obj, &mut carry, "percentComplete", p, 100)
                }
                P::EstimatedDuration if task => {
                    self.duration_into(&mut obj, &mut carry, "estimatedDuration", p)
                }
                P::ShowWithoutTime if !rfc && g.show.is_none() => g.show = Some(p),
                P::Dtstart if g.dtstart.is_none() => g.dtstart = Some(p),
                P::Dtend if !task && g.dtend.is_none() => {
                    g.dtend_first = g.duration.is_none();
                    g.dtend = Some(p)
                }
                P::Duration if g.duration.is_none() => g.duration = Some(p),
                P::Due if task && g.due.is_none() => g.due = Some(p),
                P::RecurrenceId if g.recurrence_id.is_none() => g.recurrence_id = Some(p),
                P::Rrule => g.rrules.push(p),
                P::Exrule if rfc => g.exrules.push(p),
                P::Rdate => g.rdates.push(p),
                P::Exdate => g.exdates.push(p),
                P::Organizer if g.organizer.is_none() => g.organizer = Some(p),
                P::Attendee => g.attendees.push(p),
                P::Location if !param_true(p, "DERIVED") && g.location.is_none() => {
                    g.location = Some(p)
                }
                P::Geo if !param_true(p, "DERIVED") && g.geo.is_none() => g.geo = Some(p),
                P::JsProp => g.jsprops.push(p),
                _ => carry.prop(p),
            }
        }

        let otz = self.start(&mut obj, &mut carry, &g, kind);
        if let Some(o) = &otz {
            if !task {
                self.event_end(&mut obj, &mut carry, &mut vlocs, &g, o);
            } else if let Some(d) = g.duration {
                self.duration_into(&mut obj, &mut carry, "duration", d);
            }
            if task && g.dtstart.is_some() {
                self.task_due(&mut obj, &mut carry, g.due, o);
            }
        } else {
            for p in [g.dtend, g.duration, g.due].into_iter().flatten() {
                carry.prop(p);
            }
        }
        if let Some(p) = g.recurrence_id {
            self.recurrence_id(&mut obj, &mut carry, p);
        }
        self.rules(&mut obj, &mut carry, &g, otz.as_ref());
        self.rdates_exdates(&mut obj, &mut carry, &g, otz.as_ref());

        // Locations: LOCATION/GEO, then VLOCATION components (§2.2.4, §2.3.22, §2.3.25).
        self.location_props(&mut obj, &mut carry, &mut vlocs, &g);
        let mut vloc_keys: Vec<(Str<'static>, String)> = Vec::new();
        for sub in c.components_named("VLOCATION") {
            match self.vlocation(sub, &mut vlocs) {
                Some((key, loc)) => {
                    if let Some(name) = loc.get("name").and_then(Json::as_str) {
                        vloc_keys.push((key.clone(), name.to_owned()));
                    }
                    insert_in(&mut obj, "locations", key, Json::Object(loc));
                }
                None => carry.comp(sub),
            }
        }
        if !rfc {
            self.main_location(&mut obj, &mut carry, c, &vloc_keys, &g);
        }

        // Participants (§2.3.4, §2.3.29, §2.2.1).
        self.participants(&mut obj, &mut carry, c, &g, kind);

        // Alerts (§2.2.2).
        self.alarms(&mut obj, &mut carry, c);

        for sub in c.components() {
            if !(sub.is("VALARM") || sub.is("VLOCATION") || sub.is("PARTICIPANT")) {
                carry.comp(sub);
            }
        }
        let jsprops = std::mem::take(&mut g.jsprops);
        self.apply_jsprops(
            &mut obj,
            &mut carry,
            &jsprops,
            &["links", "participants", "locations", "virtualLocations"],
        );
        carry.finish(&mut obj, self.n, c.name());
        (obj, otz)
    }

    /// An INTEGER property into `key` when it is 0..=`max`.
    fn uint_into(
        &mut self,
        obj: &mut Obj<'d>,
        carry: &mut Carry<'d>,
        key: &'static str,
        p: &Property<'_>,
        max: u64,
    ) {
        let v = p.value();
        match v.parse::<u64>() {
            Ok(n)
                if n <= max
                    && n <= crate::types::MAX_SAFE_INTEGER.unsigned_abs()
                    && n.to_string() == v
                    && !obj.contains_key(key) =>
            {
                obj.push_new(key, Json::Number(Number::from(n)));
                self.note_own(carry, key, p, &[], None, None);
            }
            _ => carry.prop(p),
        }
    }

    /// A DURATION property into a Duration `key`.
    fn duration_into(
        &mut self,
        obj: &mut Obj<'d>,
        carry: &mut Carry<'d>,
        key: &'static str,
        p: &Property<'_>,
    ) {
        match js_duration(p.value(), false) {
            Some(text) if !obj.contains_key(key) => {
                obj.push_new(key, s(text));
                self.note_own(carry, key, p, &[], None, None);
            }
            _ => carry.prop(p),
        }
    }

    /// An enumerated property into `key` by `table` (iCalendar value,
    /// JSCalendar value); other values are carried (§2.3.7, §2.3.40, §2.3.45).
    fn enum_into(
        &mut self,
        obj: &mut Obj<'d>,
        carry: &mut Carry<'d>,
        key: &'static str,
        p: &Property<'_>,
        table: &[(&str, &'static str)],
    ) {
        let v = p.value();
        match table.iter().find(|(i, _)| i.eq_ignore_ascii_case(v)) {
            Some((_, js)) if !obj.contains_key(key) => {
                obj.push_new(key, s(*js));
                self.note_own(carry, key, p, &[], None, None);
            }
            _ => carry.prop(p),
        }
    }

    /// STYLED-DESCRIPTION (§2.3.43): TEXT of a `text/*` type, not derived.
    fn styled(&mut self, obj: &mut Obj<'d>, carry: &mut Carry<'d>, p: &Property<'_>) {
        let fmt = p.param_value("FMTTYPE").map(Cow::into_owned);
        let text_value = matches!(value_param(p).as_deref(), Some("text") | None);
        let text_type = fmt.as_deref().is_none_or(|f| {
            f.len() > 5 && f.get(..5).is_some_and(|t| t.eq_ignore_ascii_case("text/"))
        });
        if !text_value || !text_type || param_true(p, "DERIVED") || obj.contains_key("description")
        {
            carry.prop(p);
            return;
        }
        obj.insert("description", own(p.text_value()));
        let plain = fmt
            .as_deref()
            .is_none_or(|f| f.eq_ignore_ascii_case("text/plain"));
        if let Some(f) = &fmt {
            obj.insert("descriptionContentType", s(f.clone()));
        }
        // The way back writes STYLED-DESCRIPTION with VALUE=TEXT for
        // anything but text/plain, and DESCRIPTION for text/plain.
        self.note_own(
            carry,
            "description",
            p,
            &["FMTTYPE"],
            if plain { None } else { Some("text") },
            Some(plain),
        );
    }

    /// CONFERENCE (§2.3.11) → a VirtualLocation. `keys` are those of the
    /// object's `virtualLocations`, which only this fills.
    fn conference(
        &mut self,
        obj: &mut Obj<'d>,
        carry: &mut Carry<'d>,
        keys: &mut KeyGen,
        p: &Property<'_>,
    ) {
        if !matches!(value_param(p).as_deref(), None | Some("uri")) || p.value().is_empty() {
            carry.prop(p);
            return;
        }
        let key = self.prop_key(keys, p, p.value());
        let mut vl = typed("VirtualLocation");
        let mut consumed: Vec<&str> = vec![self.n.id];
        if let Some(label) = p.param_value("LABEL") {
            vl.insert("name", own(label));
            consumed.push("LABEL");
        }
        vl.insert("uri", sc(p.value()));
        let features: Vec<String> = p
            .params()
            .iter()
            .filter(|x| x.is("FEATURE"))
            .flat_map(Parameter::values)
            .map(|f| f.to_ascii_lowercase())
            .collect();
        if !features.is_empty() && p.params().iter().filter(|x| x.is("FEATURE")).count() == 1 {
            vl.insert("features", set_of(features));
            consumed.push("FEATURE");
        }
        let path = NotePath("virtualLocations", key.as_str());
        self.note_derived(&mut vl, carry, path, p, &consumed, Some("uri"), false);
        // A new key: `keys` has every key of the map.
        push_in(obj, "virtualLocations", key, Json::Object(vl));
    }

    /// RELATED-TO in a VEVENT or VTODO (§2.3.36). `index` is the caller's
    /// for `relatedTo`, which only this fills.
    fn related_to(
        &mut self,
        obj: &mut Obj<'d>,
        carry: &mut Carry<'d>,
        index: &mut KeyIndex,
        p: &Property<'_>,
    ) {
        let uid = p.text_value();
        let taken = obj
            .get("relatedTo")
            .and_then(Json::as_object)
            .is_some_and(|m| m.contains_key_indexed(index, uid.as_ref()));
        let reltypes: Vec<&Parameter<'_>> = p.params().iter().filter(|x| x.is("RELTYPE")).collect();
        if uid.is_empty() || taken || reltypes.len() > 1 {
            carry.prop(p);
            return;
        }
        let mut rel = typed("Relation");
        if let Some(r) = reltypes.first() {
            let types: Vec<String> = r.values().map(|v| v.to_ascii_lowercase()).collect();
            rel.insert("relation", set_of(types));
        }
        let path = NotePath("relatedTo", uid.as_ref());
        self.note_derived(&mut rel, carry, path, p, &["RELTYPE"], None, false);
        if let Some(m) = obj.object_entry("relatedTo", Obj::new) {
            m.insert_indexed(index, Str::from(uid.into_owned()), Json::Object(rel));
        }
    }

    // -----------------------------------------------------------------------
    // Time.

    /// DTSTART (§2.3.16) — or DUE of a VTODO without DTSTART (§2.3.17) —
    /// with the object's time zone and showWithoutTime.
    fn start(
        &mut self,
        obj: &mut Obj<'d>,
        carry: &mut Carry<'d>,
        g: &Gathered<'_, '_>,
        kind: Kind,
    ) -> Option<ObjTz> {
        let (p, key) = match (g.dtstart, g.due, kind) {
            (Some(p), _, _) => (p, "start"),
            (None, Some(p), Kind::Task) => (p, "due"),
            _ => {
                if let Some(p) = g.show {
                    carry.prop(p);
                }
                return None;
            }
        };
        let Some(v) = date_value(p) else {
            carry.prop(p);
            if let Some(s) = g.show {
                carry.prop(s);
            }
            return None;
        };
        let tz = Tz::of(p, &v);
        obj.insert(key, s(value_local_text(&v)));
        let mut consumed: Vec<&str> = Vec::new();
        match &tz {
            Tz::Floating => {}
            Tz::Utc => {
                obj.insert("timeZone", s("Etc/UTC"));
            }
            Tz::Tzid(t) => {
                let (id, recorded) = self.time_zone_id(t);
                obj.insert("timeZone", s(id));
                if recorded.is_none() {
                    consumed.push("TZID");
                }
            }
        }
        let mut show = v.is_date();
        if let Some(sp) = g.show {
            // SHOW-WITHOUT-TIME (-25 §2.3.38): ignored for DATE values or FALSE.
            if !v.is_date()
                && sp.value().eq_ignore_ascii_case("TRUE")
                && sp.params().iter().all(|x| x.is("VALUE"))
            {
                show = true;
            } else {
                carry.prop(sp);
            }
        }
        if show {
            obj.insert("showWithoutTime", Json::Bool(true));
        }
        let t = v.to_date_time().time;
        let date_form = is_date_form(show, tz == Tz::Floating, t);
        let value_type = form_value_type(date_form, v.is_date(), value_param(p));
        let params = extra_params(p, &consumed, &["VALUE"]).into_owned();
        if !params.is_empty() || value_type.is_some() {
            carry.note(key, ical_prop(p.name(), value_type.as_deref(), params));
        }
        let tzid_recorded = matches!(tz, Tz::Tzid(_)) && !consumed.contains(&"TZID");
        Some(ObjTz {
            tz,
            date_form,
            tzid_recorded,
        })
    }

    /// DTEND (§2.3.14) or DURATION (§2.3.18) of a VEVENT.
    fn event_end(
        &mut self,
        obj: &mut Obj<'d>,
        carry: &mut Carry<'d>,
        locs: &mut KeyGen,
        g: &Gathered<'_, '_>,
        o: &ObjTz,
    ) {
        // The first of DTEND and DURATION that converts; the other is carried.
        let dur_ok = g
            .duration
            .is_some_and(|d| js_duration(d.value(), false).is_some());
        if let Some(d) = g.duration
            && (!g.dtend_first || g.dtend.is_none() || !self.dtend_converts(g, o))
            && dur_ok
        {
            self.duration_into(obj, carry, "duration", d);
            if let Some(p) = g.dtend {
                carry.prop(p);
            }
            return;
        }
        if let Some(d) = g.duration {
            carry.prop(d);
        }
        let Some(p) = g.dtend else { return };
        let (Some(start), Some(end)) = (g.dtstart.and_then(date_value), date_value(p)) else {
            carry.prop(p);
            return;
        };
        if start.is_date() != end.is_date() {
            carry.prop(p);
            return;
        }
        let end_tz = Tz::of(p, &end);
        if (end_tz == Tz::Floating) != (o.tz == Tz::Floating) {
            carry.prop(p);
            return;
        }
        let (sd, ed) = (start.to_date_time(), end.to_date_time());
        let duration = if start.is_date() {
            let days =
                i64::from(ed.date.unix_days()).saturating_sub(i64::from(sd.date.unix_days()));
            if days < 0 {
                carry.prop(p);
                return;
            }
            Str::format(format_args!("P{days}D"))
        } else {
            let s_utc = self
                .zones
                .utc_of(o.tz.zone_name(), local_seconds(sd.date, sd.time));
            let e_utc = self
                .zones
                .utc_of(end_tz.zone_name(), local_seconds(ed.date, ed.time));
            let secs = e_utc.saturating_sub(s_utc);
            if secs < 0 {
                carry.prop(p);
                return;
            }
            exact_duration(secs)
        };
        obj.insert("duration", s(duration));
        let end_form = o.date_form && ed.time == Time::MIDNIGHT;
        let vt = form_value_type(end_form, end.is_date(), value_param(p));
        if end_tz == o.tz {
            let consumed: &[&str] = if o.tzid_recorded { &[] } else { &["TZID"] };
            self.note_vt(carry, "duration", p, consumed, vt, true);
            return;
        }
        let end_id = match &end_tz {
            Tz::Floating => return,
            Tz::Utc => (Str::borrowed("Etc/UTC"), None),
            Tz::Tzid(t) => self.time_zone_id(t),
        };
        let consumed: &[&str] = if end_id.1.is_some() { &[] } else { &["TZID"] };
        let predicted_vt = if end_form { Some("date") } else { None };
        if self.rfc() {
            // Draft -11: a Location with timeZone and relativeTo end, named dtend.
            let key = locs.key(
                p.param_value(self.n.id).filter(|k| is_id(k)).as_deref(),
                &format!("dtend\n{}", end_id.0),
            );
            let mut loc = typed("Location");
            loc.insert("timeZone", s(end_id.0));
            loc.insert("relativeTo", s("end"));
            let path = NotePath("locations", key.as_str());
            self.note_derived(&mut loc, carry, path, p, consumed, predicted_vt, true);
            insert_in(obj, "locations", key, Json::Object(loc));
        } else {
            // Draft -25: endTimeZone implies DTEND (§2.3.14).
            obj.insert("endTimeZone", s(end_id.0));
            self.note_own(carry, "duration", p, consumed, predicted_vt, None);
        }
    }

    /// True when DTEND would convert (same value type as DTSTART, both
    /// floating or neither, not before DTSTART).
    fn dtend_converts(&mut self, g: &Gathered<'_, '_>, o: &ObjTz) -> bool {
        let (Some(start), Some(p)) = (g.dtstart.and_then(date_value), g.dtend) else {
            return false;
        };
        let Some(end) = date_value(p) else {
            return false;
        };
        if start.is_date() != end.is_date() {
            return false;
        }
        let end_tz = Tz::of(p, &end);
        if (end_tz == Tz::Floating) != (o.tz == Tz::Floating) {
            return false;
        }
        let (sd, ed) = (start.to_date_time(), end.to_date_time());
        let s_utc = self
            .zones
            .utc_of(o.tz.zone_name(), local_seconds(sd.date, sd.time));
        let e_utc = self
            .zones
            .utc_of(end_tz.zone_name(), local_seconds(ed.date, ed.time));
        e_utc >= s_utc
    }

    /// DUE of a VTODO that also has DTSTART: relative to DTSTART's zone (§2.3.17).
    fn task_due(
        &mut self,
        obj: &mut Obj<'d>,
        carry: &mut Carry<'d>,
        due: Option<&Property<'_>>,
        o: &ObjTz,
    ) {
        let Some(p) = due else { return };
        let Some(v) = date_value(p) else {
            carry.prop(p);
            return;
        };
        let tz = Tz::of(p, &v);
        if (tz == Tz::Floating) != (o.tz == Tz::Floating) && !v.is_date() {
            carry.prop(p);
            return;
        }
        let Some((d, t)) = self.in_zone(&v, &tz, &o.tz) else {
            carry.prop(p);
            return;
        };
        obj.insert("due", s(local_text(d, t)));
        let date_form = o.date_form && t == Time::MIDNIGHT;
        let consumed: &[&str] = if tz == o.tz && !o.tzid_recorded {
            &["TZID"]
        } else {
            &[]
        };
        let mut params = extra_params(p, consumed, &["VALUE"]).into_owned();
        if tz == Tz::Utc && o.tz != Tz::Utc {
            params.remove("tzid");
        }
        let vt = form_value_type(date_form, v.is_date(), value_param(p));
        if !params.is_empty() || vt.is_some() {
            carry.note("due", ical_prop(p.name(), vt.as_deref(), params));
        }
    }

    /// RECURRENCE-ID of a stand-alone instance (§2.3.35, §2.1.2).
    fn recurrence_id(&mut self, obj: &mut Obj<'d>, carry: &mut Carry<'d>, p: &Property<'_>) {
        let Some(v) = date_value(p) else {
            carry.prop(p);
            return;
        };
        let tz = Tz::of(p, &v);
        obj.insert("recurrenceId", s(value_local_text(&v)));
        let mut consumed: Vec<&str> = Vec::new();
        match &tz {
            Tz::Floating => {}
            Tz::Utc => {
                obj.insert("recurrenceIdTimeZone", s("Etc/UTC"));
            }
            Tz::Tzid(t) => {
                let (id, recorded) = self.time_zone_id(t);
                obj.insert("recurrenceIdTimeZone", s(id));
                if recorded.is_none() {
                    consumed.push("TZID");
                }
            }
        }
        let predicted = if v.is_date() { Some("date") } else { None };
        let actual = value_param(p);
        let params = extra_params(p, &consumed, &["VALUE"]).into_owned();
        let vt = if actual.as_deref() != predicted {
            actual
        } else {
            None
        };
        if !params.is_empty() || vt.is_some() {
            carry.note("recurrenceId", ical_prop(p.name(), vt.as_deref(), params));
        }
    }

    /// RRULE (§2.3.38) and EXRULE (-11 §2.3.21).
    fn rules(
        &mut self,
        obj: &mut Obj<'d>,
        carry: &mut Carry<'d>,
        g: &Gathered<'_, '_>,
        o: Option<&ObjTz>,
    ) {
        let mut rules = Vec::new();
        for p in &g.rrules {
            if !self.rfc() && !rules.is_empty() {
                carry.prop(p);
                continue;
            }
            match o.and_then(|o| self.recurrence_rule(p, Some(o))) {
                Some(r) => rules.push(Json::Object(r)),
                None => carry.prop(p),
            }
        }
        if !rules.is_empty() {
            if self.rfc() {
                obj.insert("recurrenceRules", Json::Array(rules));
            } else if let Some(r) = rules.pop() {
                obj.insert("recurrenceRule", r);
            }
        }
        let mut ex = Vec::new();
        for p in &g.exrules {
            match o.and_then(|o| self.recurrence_rule(p, Some(o))) {
                Some(r) => ex.push(Json::Object(r)),
                None => carry.prop(p),
            }
        }
        if !ex.is_empty() {
            obj.insert("excludedRecurrenceRules", Json::Array(ex));
        }
    }

    /// A RECUR value as a RecurrenceRule (§2.3.38, Table 21). `o` is the
    /// object's zone for UNTIL; `None` keeps UNTIL's wall clock (the
    /// TimeZoneRule reading of RFC 8984 §4.7.2).
    fn recurrence_rule(&mut self, p: &Property<'_>, o: Option<&ObjTz>) -> Option<Obj<'d>> {
        if !p.params().is_empty() {
            return None;
        }
        let r = Recur::parse(p.value()).ok()?;
        if !r.extensions.is_empty() {
            return None;
        }
        let mut m = typed("RecurrenceRule");
        m.insert("frequency", Json::String(Str::lowercase(r.freq.as_str())));
        if let Some(i) = r.interval {
            m.insert("interval", int(i64::from(i)));
        }
        if let Some(rs) = &r.rscale {
            m.insert("rscale", Json::String(Str::lowercase(rs)));
        }
        if let Some(sk) = r.skip {
            m.insert("skip", Json::String(Str::lowercase(sk.as_str())));
        }
        if let Some(w) = r.wkst {
            m.insert("firstDayOfWeek", Json::String(Str::lowercase(w.as_str())));
        }
        if !r.by_day.is_empty() {
            let days = r.by_day.iter().map(nday).collect();
            m.insert("byDay", Json::Array(days));
        }
        let nums = |v: Vec<i64>| Json::Array(v.into_iter().map(int).collect());
        if !r.by_month_day.is_empty() {
            m.insert(
                "byMonthDay",
                nums(r.by_month_day.iter().map(|x| i64::from(*x)).collect()),
            );
        }
        if !r.by_month.is_empty() {
            let months = r
                .by_month
                .iter()
                .map(|mn| {
                    s(if mn.leap {
                        format!("{}L", mn.number)
                    } else {
                        mn.number.to_string()
                    })
                })
                .collect();
            m.insert("byMonth", Json::Array(months));
        }
        if !r.by_year_day.is_empty() {
            m.insert(
                "byYearDay",
                nums(r.by_year_day.iter().map(|x| i64::from(*x)).collect()),
            );
        }
        if !r.by_week_no.is_empty() {
            m.insert(
                "byWeekNo",
                nums(r.by_week_no.iter().map(|x| i64::from(*x)).collect()),
            );
        }
        if !r.by_hour.is_empty() {
            m.insert(
                "byHour",
                nums(r.by_hour.iter().map(|x| i64::from(*x)).collect()),
            );
        }
        if !r.by_minute.is_empty() {
            m.insert(
                "byMinute",
                nums(r.by_minute.iter().map(|x| i64::from(*x)).collect()),
            );
        }
        if !r.by_second.is_empty() {
            m.insert(
                "bySecond",
                nums(r.by_second.iter().map(|x| i64::from(*x)).collect()),
            );
        }
        if !r.by_set_pos.is_empty() {
            m.insert(
                "bySetPosition",
                nums(r.by_set_pos.iter().map(|x| i64::from(*x)).collect()),
            );
        }
        if let Some(c) = r.count {
            m.insert("count", int(i64::from(c)));
        }
        if let Some(u) = r.until {
            let text = match (u, o) {
                (DateOrDateTime::DateTime(dt), Some(o))
                    if dt.form == TimeForm::Utc && o.tz != Tz::Utc =>
                {
                    let (d, t) = self.in_zone(&u, &Tz::Utc, &o.tz)?;
                    local_text(d, t)
                }
                _ => value_local_text(&u),
            };
            m.insert("until", s(text));
        }
        Some(m)
    }

    /// RDATE (§2.3.34) and EXDATE (§2.3.20) into recurrenceOverrides.
    fn rdates_exdates(
        &mut self,
        obj: &mut Obj<'d>,
        carry: &mut Carry<'d>,
        g: &Gathered<'_, '_>,
        o: Option<&ObjTz>,
    ) {
        if g.rdates.is_empty() && g.exdates.is_empty() {
            return;
        }
        let Some(o) = o else {
            for p in g.rdates.iter().chain(&g.exdates) {
                carry.prop(p);
            }
            return;
        };
        let mut overrides = Obj::new();
        // The keys of `overrides`, so that thousands of dates take linear
        // time.
        let mut taken: KeySet<Str<'static>, 8> = KeySet::new(Str::default());
        for (p, excluded) in g
            .rdates
            .iter()
            .map(|p| (p, false))
            .chain(g.exdates.iter().map(|p| (p, true)))
        {
            if !self.date_list(&mut overrides, &mut taken, carry, p, o, excluded) {
                carry.prop(p);
            }
        }
        if !overrides.is_empty() {
            obj.insert("recurrenceOverrides", Json::Object(overrides));
        }
    }

    /// One RDATE or EXDATE property; false (and nothing changed) when it
    /// cannot convert exactly. `taken` holds the keys of `overrides`.
    fn date_list(
        &mut self,
        overrides: &mut Obj<'d>,
        taken: &mut KeySet<Str<'static>, 8>,
        carry: &mut Carry<'d>,
        p: &Property<'_>,
        o: &ObjTz,
        excluded: bool,
    ) -> bool {
        let vt = value_param(p);
        let period = vt.as_deref() == Some("period");
        if period && (self.rfc() || excluded) {
            return false;
        }
        let mut items: Vec<(Str<'static>, Value<'d>)> = Vec::new();
        let mut mine: KeySet<Str<'static>, 8> = KeySet::new(Str::default());
        let mut tz_of_prop = None;
        let mut all_midnight = true;
        let mut all_dates = true;
        for raw in p.value().split(',') {
            let (start, patch) = if period {
                let Ok(per) = kalends_ical_core::value::Period::parse(raw) else {
                    return false;
                };
                let dur = match per.end {
                    kalends_ical_core::value::PeriodEnd::Duration(d) if !d.negative => {
                        js_duration(&d.to_string(), false)
                    }
                    kalends_ical_core::value::PeriodEnd::End(e) => {
                        let tz = if per.start.form == TimeForm::Utc {
                            Tz::Utc
                        } else {
                            Tz::of(p, &DateOrDateTime::DateTime(per.start))
                        };
                        let a = self.zones.utc_of(
                            tz.zone_name(),
                            local_seconds(per.start.date, per.start.time),
                        );
                        let b = self
                            .zones
                            .utc_of(tz.zone_name(), local_seconds(e.date, e.time));
                        if b < a {
                            None
                        } else {
                            Some(exact_duration(b.saturating_sub(a)))
                        }
                    }
                    _ => None,
                };
                let Some(dur) = dur else { return false };
                let mut patch = Obj::new();
                patch.insert("duration", s(dur));
                (DateOrDateTime::DateTime(per.start), Json::Object(patch))
            } else {
                let Ok(v) = DateOrDateTime::parse(raw) else {
                    return false;
                };
                match vt.as_deref() {
                    Some("date") if !v.is_date() => return false,
                    Some("date-time") if v.is_date() => return false,
                    None | Some("date") | Some("date-time") => {}
                    _ => return false,
                }
                let patch = if excluded {
                    let mut m = Obj::new();
                    m.insert("excluded", Json::Bool(true));
                    Json::Object(m)
                } else {
                    Json::Object(Obj::new())
                };
                (v, patch)
            };
            let tz = Tz::of(p, &start);
            tz_of_prop = Some(tz.clone());
            let Some((d, t)) = self.in_zone(&start, &tz, &o.tz) else {
                return false;
            };
            all_midnight &= t == Time::MIDNIGHT;
            all_dates &= start.is_date();
            let key = local_text(d, t);
            if taken.contains(key.as_bytes()) || mine.contains(key.as_bytes()) {
                return false;
            }
            mine.insert(key.clone());
            items.push((key, patch));
        }
        // What the way back writes: the object's zone, DATE when the object
        // is in DATE form; anything else is noted per key.
        let same_zone = !o.tzid_recorded
            && tz_of_prop
                .as_ref()
                .is_none_or(|t| *t == o.tz || *t == Tz::Floating && o.tz == Tz::Floating);
        let consumed: &[&str] = if same_zone { &["TZID"] } else { &[] };
        let mut params = extra_params(p, consumed, &["VALUE"]).into_owned();
        if tz_of_prop == Some(Tz::Utc) {
            params.remove("tzid");
        }
        let date_form = o.date_form && all_midnight;
        let predicted = if period {
            Some("period")
        } else if date_form {
            Some("date")
        } else {
            None
        };
        let value_type = if period {
            vt.clone()
        } else {
            form_value_type(date_form, all_dates, vt.clone())
        };
        let _ = predicted;
        let name_needed = period;
        for (key, patch) in items {
            if !params.is_empty() || value_type.is_some() || name_needed {
                let path = pointer::to_pointer(["recurrenceOverrides", key.as_str()]);
                carry.note(
                    path.trim_start_matches('/').to_owned(),
                    ical_prop(p.name(), value_type.as_deref(), params.clone()),
                );
            }
            // New: neither in `taken` nor twice in `items`.
            taken.insert(key.clone());
            overrides.push_new(key, patch);
        }
        true
    }
}

/// The VALUE to record for a DATE or DATE-TIME property: the way back
/// writes DATE (with VALUE=DATE) when `date_form`, else a DATE-TIME without
/// VALUE; a property written otherwise records its VALUE.
fn form_value_type(date_form: bool, is_date: bool, actual: Option<String>) -> Option<String> {
    let predicted = if date_form { Some("date") } else { None };
    if date_form != is_date {
        return Some(actual.unwrap_or_else(|| {
            if is_date {
                "date".to_owned()
            } else {
                "date-time".to_owned()
            }
        }));
    }
    if actual.as_deref() != predicted {
        actual
    } else {
        None
    }
}

/// An NDay (RFC 8984 §4.3.3) from a BYDAY entry.
fn nday(w: &WeekdayNum) -> Value<'static> {
    let mut m = typed("NDay");
    m.insert("day", Json::String(Str::lowercase(w.weekday.as_str())));
    if let Some(n) = w.ordinal {
        m.insert("nthOfPeriod", int(i64::from(n)));
    }
    Json::Object(m)
}

/// The JSCalendar Duration (or SignedDuration) text for an iCalendar
/// DURATION: the text itself when JSCalendar reads it, else the canonical
/// form. `None` for a value that does not parse, or a negative one when
/// `signed` is false.
pub(crate) fn js_duration(text: &str, signed: bool) -> Option<Str<'static>> {
    if signed {
        if text.parse::<crate::types::SignedDuration>().is_ok() {
            return Some(Str::copied(text));
        }
    } else if text.parse::<crate::types::Duration>().is_ok() {
        return Some(Str::copied(text));
    }
    let d = IcalDuration::parse(text).ok()?;
    if d.negative && !signed {
        return None;
    }
    Some(Str::format(format_args!("{d}")))
}

/// An exact duration of `secs` seconds: `PTnHnMnS` (RFC 8984 §1.4.6).
pub(crate) fn exact_duration(secs: i64) -> Str<'static> {
    let secs = secs.unsigned_abs();
    let (h, m, sec) = (secs / 3600, secs / 60 % 60, secs % 60);
    match (h > 0, m > 0, sec > 0) {
        (true, true, true) => Str::format(format_args!("PT{h}H{m}M{sec}S")),
        (true, true, false) => Str::format(format_args!("PT{h}H{m}M")),
        (true, false, true) => Str::format(format_args!("PT{h}H{sec}S")),
        (true, false, false) => Str::format(format_args!("PT{h}H")),
        (false, true, true) => Str::format(format_args!("PT{m}M{sec}S")),
        (false, true, false) => Str::format(format_args!("PT{m}M")),
        (false, false, _) => Str::format(format_args!("PT{sec}S")),
    }
}

/// Inserts `key: v` into the object-valued property `map` of `obj`.
fn insert_in<'x>(obj: &mut Obj<'x>, map: &'static str, key: impl Into<Str<'x>>, v: Value<'x>) {
    if let Some(m) = obj.object_entry(map, Obj::new) {
        m.insert(key, v);
    }
}

/// [`insert_in`] for a `key` the caller knows is new to `map` (made unique
/// by a [`KeyGen`] that has every key of the map): no search.
fn push_in<'x>(obj: &mut Obj<'x>, map: &'static str, key: impl Into<Str<'x>>, v: Value<'x>) {
    if let Some(m) = obj.object_entry(map, Obj::new) {
        m.push_new(key, v);
    }
}

/// A LocalDateTime of a UTC date-time for a given key text.
#[allow(dead_code)]
fn utc_key(d: Date, t: Time) -> Str<'static> {
    utc_text(d, t)
}

/// Reads TEXT that was escaped.
#[allow(dead_code)]
fn text(v: &str) -> Cow<'_, str> {
    unescape_text(v)
}

// ---------------------------------------------------------------------------
// Locations (§2.2.4, §2.3.14, §2.3.22, §2.3.25).

/// `geo:lat,lon` from a GEO value `lat;lon` (§2.3.22): the texts as written,
/// a leading `+` dropped.
fn geo_uri(value: &str) -> Option<String> {
    kalends_ical_core::value::Geo::parse(value).ok()?;
    let (a, b) = value.split_once(';')?;
    let a = a.strip_prefix('+').unwrap_or(a);
    let b = b.strip_prefix('+').unwrap_or(b);
    Some(format!("geo:{a},{b}"))
}

impl<'d> Conv<'d> {
    fn location_props(
        &mut self,
        obj: &mut Obj<'d>,
        carry: &mut Carry<'d>,
        keys: &mut KeyGen,
        g: &Gathered<'d, '_>,
    ) {
        let geo = g.geo.and_then(|p| geo_uri(p.value()).map(|u| (p, u)));
        if let (Some(p), None) = (g.geo, &geo) {
            carry.prop(p);
        }
        let id_of = |p: &Property<'_>| {
            p.param_value(self.n.id)
                .filter(|k| is_id(k))
                .map(Cow::into_owned)
        };
        let geo_plain = geo
            .as_ref()
            .is_some_and(|(p, _)| p.params().iter().all(|x| x.is(self.n.id)));
        let merge = match (g.location, &geo) {
            (Some(l), Some((gp, _))) => geo_plain && (id_of(gp).is_none() || id_of(gp) == id_of(l)),
            _ => false,
        };
        if let Some(lp) = g.location {
            // Borrowed from the document unless unescaping made a copy.
            let name = lp.text_value();
            let key = keys.key(id_of(lp).as_deref(), &name);
            let mut loc = typed("Location");
            loc.push_new("name", bor(name));
            let path = NotePath("locations", key.as_str());
            self.note_derived(&mut loc, carry, path, lp, &[], None, false);
            if merge && let Some((gp, uri)) = &geo {
                loc.insert("coordinates", s(uri.clone()));
                if !self.rfc() {
                    let cpath = pointer::to_pointer(["locations", key.as_str(), "coordinates"]);
                    self.note_vt(
                        carry,
                        cpath.trim_start_matches('/'),
                        gp,
                        &[self.n.id],
                        None,
                        true,
                    );
                }
            }
            insert_in(obj, "locations", key, Json::Object(loc));
        }
        if !merge && let Some((gp, uri)) = geo {
            let key = keys.key(id_of(gp).as_deref(), gp.value());
            let mut loc = typed("Location");
            loc.insert("coordinates", s(uri));
            if self.rfc() {
                let path = NotePath("locations", key.as_str());
                self.note_derived(&mut loc, carry, path, gp, &[], None, false);
            } else {
                let cpath = pointer::to_pointer(["locations", key.as_str(), "coordinates"]);
                self.note_vt(
                    carry,
                    cpath.trim_start_matches('/'),
                    gp,
                    &[self.n.id],
                    None,
                    true,
                );
            }
            insert_in(obj, "locations", key, Json::Object(loc));
        }
    }

    /// A VLOCATION → a Location (§2.2.4); `None` when it cannot convert.
    fn vlocation(
        &mut self,
        c: &'d Component<'_>,
        keys: &mut KeyGen,
    ) -> Option<(Str<'static>, Obj<'d>)> {
        let rfc = self.rfc();
        let mut loc = typed("Location");
        let mut carry = Carry {
            force: true,
            ..Carry::default()
        };
        let mut links = KeyGen::new(self.n);
        let mut types = KeyIndex::default();
        let mut jsprops = Vec::new();
        let mut explicit: Option<String> = None;
        for p in c.properties() {
            if has_bare_param(p) {
                carry.prop(p);
                continue;
            }
            match classify(p.name(), self.n) {
                P::Name => self.text_into(&mut loc, &mut carry, "name", p),
                P::Description if rfc && !param_true(p, "DERIVED") => {
                    self.text_into(&mut loc, &mut carry, "description", p)
                }
                P::Geo if !loc.contains_key("coordinates") && !param_true(p, "DERIVED") => {
                    match geo_uri(p.value()) {
                        Some(u) => {
                            loc.insert("coordinates", s(u));
                            self.note_own(&mut carry, "coordinates", p, &[], None, Some(!rfc));
                        }
                        None => carry.prop(p),
                    }
                }
                P::Coordinates if !rfc && !loc.contains_key("coordinates") => {
                    self.uri_into(&mut loc, &mut carry, "coordinates", p, Some("uri"))
                }
                P::LocationType => {
                    self.set_into(&mut loc, &mut carry, "locationTypes", &mut types, p)
                }
                P::Attach | P::Image => self.link(&mut loc, &mut carry, &mut links, p),
                P::StructuredData if rfc => self.link(&mut loc, &mut carry, &mut links, p),
                P::Url | P::Link if !rfc => self.link(&mut loc, &mut carry, &mut links, p),
                P::JsId if explicit.is_none() && is_id(p.value()) && p.params().is_empty() => {
                    explicit = Some(p.value().to_owned());
                }
                P::JsProp => jsprops.push(p),
                _ => carry.prop(p),
            }
        }
        for sub in c.components() {
            carry.comp(sub);
        }
        self.apply_jsprops(&mut loc, &mut carry, &jsprops, &["links"]);
        carry.finish(&mut loc, self.n, c.name());
        let key = match explicit {
            Some(k) if !keys.is_used(&k) => {
                keys.take(&k);
                Str::from(k)
            }
            _ => component_key(c, keys, self.n, &mut self.key_scratch),
        };
        Some((key, loc))
    }

    /// mainLocationId (-25 §2.3.25): with several VLOCATIONs, the LOCATION
    /// property names the main one.
    fn main_location(
        &mut self,
        obj: &mut Obj<'d>,
        _carry: &mut Carry<'d>,
        _c: &Component<'_>,
        vlocs: &[(Str<'static>, String)],
        g: &Gathered<'_, '_>,
    ) {
        if vlocs.len() < 2 {
            return;
        }
        if g.location.is_some() {
            let key = obj
                .get("locations")
                .and_then(Json::as_object)
                .and_then(|m| {
                    m.iter()
                        .find(|(_, l)| l.get(self.n.comp).is_none() && l.get("name").is_some())
                })
                .map(|(k, _)| k.to_owned());
            if let Some(k) = key {
                obj.insert("mainLocationId", s(k));
            }
            return;
        }
        // A derived LOCATION that names a VLOCATION.
        if let Some(derived) = _c
            .properties_named("LOCATION")
            .find(|p| param_true(p, "DERIVED"))
        {
            let name = derived.text_value();
            if let Some((k, _)) = vlocs.iter().find(|(_, n)| *n == name) {
                obj.insert("mainLocationId", s(k.clone()));
            }
        }
    }
}

/// The key of a component without an explicit key: its UID when that is a
/// valid Id (draft -25 §2.2.2, §2.2.4), else made from its content (see
/// [`KeyScratch::base`]).
fn component_key(
    c: &Component<'_>,
    keys: &mut KeyGen,
    n: &Names,
    scratch: &mut KeyScratch,
) -> Str<'static> {
    if let Some(uid) = c.property("UID").map(|p| p.text_value())
        && is_id(&uid)
    {
        return keys.key(Some(&uid), &uid);
    }
    keys.key(None, scratch.base(c, &[n.id, n.jsprop]))
}

// ---------------------------------------------------------------------------
// Participants (§2.2.1, §2.3.4, §2.3.5, §2.3.29, §2.3.30).

/// A participant being built.
struct Part<'c, 'a, 'd> {
    key: Str<'static>,
    obj: Obj<'d>,
    /// The calendar address, lower case, for matching (RFC 3986 §6
    /// normalisation reduced to case).
    addr: Option<&'c str>,
    attendee: Option<&'c Property<'a>>,
    organizer: bool,
    /// The ATTENDEE parameters the participant gives back.
    consumed: Consumed,
    carry: Option<Carry<'d>>,
    /// What the ATTENDEE's parameters are, for the note on the way back
    /// (see [`AttendeeScan`]).
    attendee_params: ParamSet,
}

/// `v` in upper case, copied only when it is not already.
fn upper(v: Cow<'_, str>) -> Cow<'_, str> {
    if v.bytes().any(|b| b.is_ascii_lowercase()) {
        Cow::Owned(v.to_ascii_uppercase())
    } else {
        v
    }
}

/// Sets `k` of a participant to `val`; a `roles` set is merged, the new
/// roles first.
fn put_field<'x>(obj: &mut Obj<'x>, (k, val): (&'static str, Value<'x>)) {
    if k == "roles" {
        let entry = obj.object_entry("roles", Obj::new);
        if let (Some(dst), Json::Object(src)) = (entry, val) {
            let mut merged: Obj<'x> = src;
            for (rk, rv) in std::mem::take(dst) {
                merged.insert(rk, rv);
            }
            *dst = merged;
        }
        return;
    }
    obj.insert(k, val);
}

/// The ATTENDEE parameters a participant may give back: those of Table 15
/// / 12 and DELEGATED-FROM, DELEGATED-TO, MEMBER. A parameter's place here
/// is its bit in a [`ParamSet`] and in [`Consumed`]; the first eight are
/// the single values [`AttendeeScan`] reads.
const ATTENDEE_PARAMS: [&str; 12] = [
    "CN",
    "CUTYPE",
    "PARTSTAT",
    "ROLE",
    "RSVP",
    "EMAIL",
    "SCHEDULE-AGENT",
    "SENT-BY",
    "SCHEDULE-STATUS",
    "DELEGATED-FROM",
    "DELEGATED-TO",
    "MEMBER",
];
const A_CN: usize = 0;
const A_CUTYPE: usize = 1;
const A_PARTSTAT: usize = 2;
const A_ROLE: usize = 3;
const A_RSVP: usize = 4;
const A_EMAIL: usize = 5;
const A_SCHEDULE_AGENT: usize = 6;
const A_SENT_BY: usize = 7;
const A_SCHEDULE_STATUS: usize = 8;
const A_DELEGATED_FROM: usize = 9;
const A_DELEGATED_TO: usize = 10;
const A_MEMBER: usize = 11;

/// The bit of [`ATTENDEE_PARAMS`]`[j]`.
const fn bit(j: usize) -> u16 {
    1 << j
}

/// Which of [`ATTENDEE_PARAMS`] a property has (one bit each), and whether
/// it has a parameter of another name (the key parameter aside).
#[derive(Clone, Copy, Default)]
struct ParamSet {
    names: u16,
    other: bool,
}

/// The parameters an ATTENDEE's participant gives back, as bits of
/// [`ATTENDEE_PARAMS`].
#[derive(Clone, Copy, Default)]
struct Consumed(u16);

impl Consumed {
    fn push(&mut self, j: usize) {
        self.0 |= bit(j);
    }

    /// True when every parameter of `set` is given back.
    fn covers(self, set: ParamSet) -> bool {
        !set.other && set.names & !self.0 == 0
    }

    /// The names of the parameters given back, in a buffer, and how many.
    fn names(self) -> ([&'static str; 12], usize) {
        let mut out = [""; 12];
        let mut len = 0usize;
        for (j, name) in ATTENDEE_PARAMS.iter().enumerate() {
            if self.0 & bit(j) != 0
                && let Some(slot) = out.get_mut(len)
            {
                *slot = name;
                len = len.saturating_add(1);
            }
        }
        (out, len)
    }
}

/// One pass over an ATTENDEE's parameters: its key parameter, the single
/// values the participant reads, and which parameters there are. (Reading
/// each parameter by name would search the list a dozen times.)
struct AttendeeScan<'p> {
    /// The first value of the first key parameter, as
    /// [`Property::param_value`] reads it.
    id: Option<Cow<'p, str>>,
    /// The value of each of the first eight [`ATTENDEE_PARAMS`] that occurs
    /// once with one value.
    singles: [Option<Cow<'p, str>>; 8],
    /// The parameters there are.
    set: ParamSet,
    /// The [`ATTENDEE_PARAMS`] that occur more than once.
    repeated: u16,
}

impl<'p> AttendeeScan<'p> {
    fn of(p: &'p Property<'_>, id_name: &str) -> AttendeeScan<'p> {
        let mut scan = AttendeeScan {
            id: None,
            singles: Default::default(),
            set: ParamSet::default(),
            repeated: 0,
        };
        let mut id_seen = false;
        for x in p.params() {
            if x.is(id_name) {
                if !id_seen {
                    id_seen = true;
                    scan.id = x.value();
                }
                continue;
            }
            let Some(j) = ATTENDEE_PARAMS.iter().position(|n| x.is(n)) else {
                scan.set.other = true;
                continue;
            };
            let b = bit(j);
            if scan.set.names & b != 0 {
                scan.repeated |= b;
                if let Some(slot) = scan.singles.get_mut(j) {
                    *slot = None;
                }
                continue;
            }
            scan.set.names |= b;
            if let Some(slot) = scan.singles.get_mut(j) {
                let mut vs = x.values();
                *slot = match (vs.next(), vs.next()) {
                    (Some(v), None) => Some(v),
                    _ => None,
                };
            }
        }
        scan
    }

    /// Takes the single value of [`ATTENDEE_PARAMS`]`[j]`.
    fn one(&mut self, j: usize) -> Option<Cow<'p, str>> {
        self.singles.get_mut(j).and_then(Option::take)
    }

    /// True when [`ATTENDEE_PARAMS`]`[j]` occurs exactly once.
    fn once(&self, j: usize) -> bool {
        self.set.names & bit(j) != 0 && self.repeated & bit(j) == 0
    }
}

/// The first ORGANIZER parameters named as the key parameter, `CN`,
/// `EMAIL` and `SENT-BY` (as [`Property::param`] finds each), found in one
/// pass.
struct OrganizerScan<'p, 'a> {
    id: Option<&'p Parameter<'a>>,
    cn: Option<&'p Parameter<'a>>,
    email: Option<&'p Parameter<'a>>,
    sent_by: Option<&'p Parameter<'a>>,
}

impl<'p, 'a> OrganizerScan<'p, 'a> {
    fn of(p: &'p Property<'a>, id_name: &str) -> OrganizerScan<'p, 'a> {
        let mut scan = OrganizerScan {
            id: None,
            cn: None,
            email: None,
            sent_by: None,
        };
        for x in p.params() {
            let slot = if x.is(id_name) {
                &mut scan.id
            } else if x.is("CN") {
                &mut scan.cn
            } else if x.is("EMAIL") {
                &mut scan.email
            } else if x.is("SENT-BY") {
                &mut scan.sent_by
            } else {
                continue;
            };
            if slot.is_none() {
                *slot = Some(x);
            }
        }
        scan
    }
}

/// The ORGANIZER parameters the way back derives (at most CN, EMAIL and
/// SENT-BY), each with its value.
#[derive(Default)]
struct Predicted<'o> {
    items: [(&'static str, &'o str); 3],
    len: usize,
}

impl<'o> Predicted<'o> {
    fn push(&mut self, name: &'static str, value: &'o str) {
        if let Some(slot) = self.items.get_mut(self.len) {
            *slot = (name, value);
            self.len = self.len.saturating_add(1);
        }
    }

    fn as_slice(&self) -> &[(&'static str, &'o str)] {
        self.items.get(..self.len).unwrap_or(&[])
    }
}

fn addr_key(a: &str) -> String {
    a.to_ascii_lowercase()
}

impl<'d> Conv<'d> {
    fn participants<'a>(
        &mut self,
        obj: &mut Obj<'d>,
        carry: &mut Carry<'d>,
        c: &'d Component<'a>,
        g: &Gathered<'d, 'a>,
        kind: Kind,
    ) {
        let rfc = self.rfc();
        let mut keys = KeyGen::new(self.n);
        let mut parts: Vec<Part<'_, '_, 'd>> =
            Vec::with_capacity(g.attendees.len().saturating_add(1));

        // ORGANIZER first, so that it leads the map.
        let organizer = g.organizer.filter(|p| !p.value().is_empty());
        if let Some(p) = g.organizer
            && organizer.is_none()
        {
            carry.prop(p);
        }
        if let Some(p) = organizer {
            let v = p.value();
            let scan = OrganizerScan::of(p, self.n.id);
            let sent_by = scan.sent_by.and_then(Parameter::value);
            // Nothing else sets these members of a new entry.
            if rfc {
                let mut reply = Obj::with_capacity(1);
                reply.push_new(reply_method(v), bs(v));
                obj.push_new("replyTo", Json::Object(reply));
            } else {
                obj.push_new("organizerCalendarAddress", bs(v));
                if let Some(sb) = &sent_by {
                    obj.push_new("sentBy", bor(sb.clone()));
                }
            }
            let has_params = scan.cn.is_some() || scan.email.is_some() || scan.sent_by.is_some();
            let attendee_too = || {
                g.attendees
                    .iter()
                    .any(|a| a.value().eq_ignore_ascii_case(v))
            };
            let owner_attendee = || {
                g.attendees.iter().any(|a| {
                    a.param_value("ROLE")
                        .is_some_and(|r| r.eq_ignore_ascii_case("OWNER"))
                        && !a.value().eq_ignore_ascii_case(v)
                })
            };
            if rfc || has_params || attendee_too() || !owner_attendee() {
                let explicit = scan.id.and_then(Parameter::value).filter(|k| is_id(k));
                let key = keys.key_lower(explicit.as_deref(), v);
                let mut po = typed("Participant");
                po.push_new("calendarAddress", bs(v));
                if let Some(cn) = scan.cn.and_then(Parameter::value) {
                    po.push_new("name", bor(cn));
                }
                if !rfc {
                    if let Some(e) = scan.email.and_then(Parameter::value) {
                        po.push_new("email", bor(e));
                    }
                    if let Some(sb) = sent_by {
                        po.push_new("sentBy", bor(sb));
                    }
                }
                po.push_new("roles", set_of_static(&["owner"]));
                parts.push(Part {
                    key,
                    obj: po,
                    addr: Some(v),
                    attendee: None,
                    organizer: true,
                    consumed: Consumed::default(),
                    carry: None,
                    attendee_params: ParamSet::default(),
                });
            }
        }

        // ATTENDEEs. Once there are many participants, the first with each
        // address (in ASCII lower case) is found through a hash map, so
        // that thousands of attendees take linear time.
        let mut by_addr: Option<Box<HashMap<String, usize>>> = None;
        for p in &g.attendees {
            let v = p.value();
            let mut scan = AttendeeScan::of(p, self.n.id);
            let mut existing = if by_addr.is_none() && parts.len() < INDEX_FROM {
                parts
                    .iter()
                    .position(|x| x.addr.is_some_and(|a| a.eq_ignore_ascii_case(v)))
            } else {
                first_with_address(&parts, &mut by_addr, v)
            };
            if existing.is_some_and(|i| parts.get(i).is_some_and(|x| x.attendee.is_some())) {
                // A second ATTENDEE with the same address is its own
                // participant when it names an unused key, as the way back
                // writes two participants with one address; else it is
                // carried.
                let own_key = scan
                    .id
                    .as_ref()
                    .is_some_and(|k| is_id(k) && !keys.is_used(k));
                if own_key {
                    existing = None;
                } else {
                    carry.prop(p);
                    continue;
                }
            }
            if v.is_empty() {
                carry.prop(p);
                continue;
            }
            let part = match existing {
                Some(i) => match parts.get_mut(i) {
                    Some(x) => x,
                    None => continue,
                },
                None => {
                    let explicit = scan.id.take().filter(|k| is_id(k));
                    let key = keys.key_lower(explicit.as_deref(), v);
                    if let Some(m) = &mut by_addr {
                        m.entry(v.to_ascii_lowercase()).or_insert(parts.len());
                    }
                    parts.push(Part {
                        key,
                        obj: typed("Participant"),
                        addr: Some(v),
                        attendee: None,
                        organizer: false,
                        consumed: Consumed::default(),
                        carry: None,
                        attendee_params: ParamSet::default(),
                    });
                    match parts.last_mut() {
                        Some(x) => x,
                        None => continue,
                    }
                }
            };
            if part.organizer {
                // The organizer's CN, EMAIL and SENT-BY give way to the ATTENDEE's.
                for k in ["name", "email", "sentBy"] {
                    part.obj.remove(k);
                }
            }
            part.attendee_params = scan.set;
            part.consumed = self.attendee_fields(p, &mut scan, kind, &mut part.obj);
            part.attendee = Some(p);
        }

        // PARTICIPANT components.
        for sub in c.components_named("PARTICIPANT") {
            let addr = sub.property("CALENDAR-ADDRESS").map(|p| p.value());
            let existing = addr.and_then(|a| {
                parts.iter().position(|x| {
                    x.addr.is_some_and(|xa| xa.eq_ignore_ascii_case(a)) && x.carry.is_none()
                })
            });
            match existing {
                Some(i) => {
                    if let Some(part) = parts.get_mut(i) {
                        let mut pc = Carry {
                            force: true,
                            ..Carry::default()
                        };
                        self.participant_comp(&mut part.obj, &mut pc, sub, true);
                        part.carry = Some(pc);
                    }
                }
                None => {
                    let mut po = typed("Participant");
                    let mut pc = Carry {
                        force: true,
                        ..Carry::default()
                    };
                    self.participant_comp(&mut po, &mut pc, sub, false);
                    let explicit = sub
                        .property(self.n.id)
                        .filter(|p| is_id(p.value()) && p.params().is_empty())
                        .map(|p| p.value().to_owned());
                    let key = match (&explicit, addr) {
                        (Some(k), _) if !keys.is_used(k) => keys.key(Some(k), k),
                        (_, Some(a)) => keys.key_lower(None, a),
                        _ => component_key(sub, &mut keys, self.n, &mut self.key_scratch),
                    };
                    parts.push(Part {
                        key,
                        obj: po,
                        addr,
                        attendee: None,
                        organizer: false,
                        consumed: Consumed::default(),
                        carry: Some(pc),
                        attendee_params: ParamSet::default(),
                    });
                }
            }
        }

        // DELEGATED-FROM, DELEGATED-TO and MEMBER name participants by
        // address (§2.3.4); draft -11 creates the ones missing.
        let mut created: Vec<(Str<'static>, Obj<'d>)> = Vec::new();
        const REFS: u16 = bit(A_DELEGATED_FROM) | bit(A_DELEGATED_TO) | bit(A_MEMBER);
        let any_refs = parts
            .iter()
            .any(|x| x.attendee.is_some() && x.attendee_params.names & REFS != 0);
        let index: Vec<(&str, Str<'static>, String)> = parts
            .iter()
            .filter(|_| any_refs)
            .filter_map(|x| {
                let a = x.addr?;
                let exact = x
                    .obj
                    .get("calendarAddress")
                    .and_then(Json::as_str)?
                    .to_owned();
                Some((a, x.key.clone(), exact))
            })
            .collect();
        for i in 0..if any_refs { parts.len() } else { 0 } {
            let Some(p) = parts.get(i).and_then(|x| x.attendee) else {
                continue;
            };
            for (j, key) in [
                (A_DELEGATED_FROM, "delegatedFrom"),
                (A_DELEGATED_TO, "delegatedTo"),
                (A_MEMBER, "memberOf"),
            ] {
                let param = ATTENDEE_PARAMS.get(j).copied().unwrap_or_default();
                let values: Vec<String> = p
                    .params()
                    .iter()
                    .filter(|x| x.is(param))
                    .flat_map(Parameter::values)
                    .map(Cow::into_owned)
                    .collect();
                if values.is_empty() || p.params().iter().filter(|x| x.is(param)).count() > 1 {
                    continue;
                }
                let mut ids = Vec::new();
                let mut exact = true;
                let mut ok = true;
                for v in &values {
                    let ak = addr_key(v);
                    if let Some((_, k, e)) =
                        index.iter().find(|(a, _, _)| a.eq_ignore_ascii_case(&ak))
                    {
                        exact &= e == v;
                        ids.push(k.clone());
                    } else if let Some((k, _)) = created.iter().find(|(_, o)| {
                        o.get("calendarAddress")
                            .and_then(Json::as_str)
                            .map(addr_key)
                            == Some(ak.clone())
                    }) {
                        ids.push(k.clone());
                    } else if rfc {
                        let k = keys.key(None, &ak);
                        let mut po = typed("Participant");
                        po.insert("calendarAddress", s(v.clone()));
                        created.push((k.clone(), po));
                        ids.push(k);
                    } else {
                        ok = false;
                    }
                }
                if !ok {
                    continue;
                }
                if let Some(part) = parts.get_mut(i) {
                    part.obj.insert(key, set_of(ids));
                    if exact {
                        part.consumed.push(j);
                    }
                }
            }
        }

        // The organizer's parameters: recorded in full unless the way back
        // derives them exactly (see the module notes).
        if let Some(p) = organizer {
            let org_part = parts.iter().find(|x| x.organizer);
            let predicted =
                self.predicted_organizer_params(org_part.map(|x| (&x.obj, x.attendee.is_some())));
            let predicted = predicted.as_slice();
            // The same parameters, each with one value, in any order.
            let mut actual = 0usize;
            let mut same = true;
            for x in p.params().iter().filter(|x| !x.is(self.n.id)) {
                actual = actual.saturating_add(1);
                let mut vs = x.values();
                let matched = match (vs.next(), vs.next()) {
                    (Some(v), None) => predicted.iter().any(|(n, pv)| x.is(n) && *pv == v),
                    _ => false,
                };
                if !matched {
                    same = false;
                    break;
                }
            }
            let same = same
                && actual == predicted.len()
                && predicted.iter().all(|(n, pv)| {
                    p.params()
                        .iter()
                        .any(|x| x.is(n) && x.value().is_some_and(|v| v == *pv))
                });
            if !same {
                let params = extra_params(p, &[self.n.id, "VALUE"], &[]);
                let path = if rfc {
                    "replyTo"
                } else {
                    "organizerCalendarAddress"
                };
                carry.note(
                    path,
                    ical_prop("organizer", value_param(p).as_deref(), params),
                );
            }
        }

        if parts.is_empty() && created.is_empty() {
            return;
        }
        let mut map = Obj::with_capacity(parts.len().saturating_add(created.len()));
        for part in parts {
            let Part {
                key,
                obj: mut pobj,
                attendee,
                consumed,
                carry: pcarry,
                organizer: is_org,
                attendee_params,
                ..
            } = part;
            if let Some(p) = attendee {
                // -25: an organizer that is also an ATTENDEE but has nothing
                // that only an ATTENDEE gives would come back as the
                // ORGANIZER alone; the note names the ATTENDEE.
                let name_needed = !rfc && is_org && organizer_only(&pobj);
                // The scan of the ATTENDEE tells when every parameter comes
                // back (the first test of `note_derived`) without a search.
                if name_needed || !consumed.covers(attendee_params) {
                    let path = NotePath("participants", key.as_str());
                    let (names, len) = consumed.names();
                    self.note_derived(
                        &mut pobj,
                        carry,
                        path,
                        p,
                        names.get(..len).unwrap_or(&[]),
                        None,
                        name_needed,
                    );
                }
            }
            if let Some(pc) = pcarry {
                pc.finish(&mut pobj, self.n, "participant");
            }
            // Keys from one KeyGen are distinct.
            map.push_new(key, Json::Object(pobj));
        }
        for (k, o) in created {
            map.push_new(k, Json::Object(o));
        }
        obj.push_new("participants", Json::Object(map));
    }

    /// The ORGANIZER parameters the way back derives from the organizer's
    /// participant: draft -11 its CN when it is not also an attendee, draft
    /// -25 its CN, EMAIL and SENT-BY.
    fn predicted_organizer_params<'o>(&self, part: Option<(&'o Obj<'d>, bool)>) -> Predicted<'o> {
        let mut out = Predicted::default();
        let Some((obj, attendee)) = part else {
            return out;
        };
        let get = |k: &str| obj.get(k).and_then(Json::as_str);
        if self.rfc() {
            if !attendee && let Some(n) = get("name") {
                out.push("CN", n);
            }
        } else {
            for (k, pn) in [("name", "CN"), ("email", "EMAIL"), ("sentBy", "SENT-BY")] {
                if let Some(v) = get(k) {
                    out.push(pn, v);
                }
            }
        }
        out
    }

    /// The Participant properties of an ATTENDEE (Table 15 / 12) and the
    /// parameters they give back exactly; `scan` is of `p`.
    fn attendee_fields(
        &mut self,
        p: &'d Property<'_>,
        scan: &mut AttendeeScan<'d>,
        kind: Kind,
        into: &mut Obj<'d>,
    ) -> Consumed {
        let rfc = self.rfc();
        let v = p.value();
        let mut consumed = Consumed::default();
        // A participant made for this ATTENDEE has only its `@type`: its
        // members are appended without a search. One shared with the
        // ORGANIZER has members to replace or merge with.
        let fresh = into.len() <= 1;
        let put = |into: &mut Obj<'d>, k: &'static str, val: Value<'d>| {
            if fresh {
                into.push_new(k, val);
            } else {
                put_field(into, (k, val));
            }
        };
        put(into, "calendarAddress", bs(v));
        if let Some(cn) = scan.one(A_CN) {
            put(into, "name", bor(cn));
            consumed.push(A_CN);
        }
        if let Some(cu) = scan.one(A_CUTYPE) {
            let kind_v = [
                ("INDIVIDUAL", "individual"),
                ("GROUP", "group"),
                ("RESOURCE", "resource"),
                ("ROOM", "location"),
            ]
            .iter()
            .find(|(i, _)| cu.eq_ignore_ascii_case(i))
            .map(|(_, j)| *j);
            if let Some(k) = kind_v {
                put(into, "kind", s(k));
                consumed.push(A_CUTYPE);
            }
        }
        if let Some(ps) = scan.one(A_PARTSTAT) {
            let up = upper(ps);
            let (status, progress) = match up.as_ref() {
                "NEEDS-ACTION" => (Some("needs-action"), None),
                "ACCEPTED" => (Some("accepted"), None),
                "DECLINED" => (Some("declined"), None),
                "TENTATIVE" => (Some("tentative"), None),
                "DELEGATED" => (Some("delegated"), None),
                "COMPLETED" if kind == Kind::Task => (Some("accepted"), Some("completed")),
                "IN-PROCESS" if kind == Kind::Task => (Some("accepted"), Some("in-process")),
                "FAILED" if kind == Kind::Task => (Some("accepted"), Some("failed")),
                _ => (None, None),
            };
            if let Some(st) = status {
                put(into, "participationStatus", s(st));
                if let Some(pr) = progress {
                    put(into, "progress", s(pr));
                }
                consumed.push(A_PARTSTAT);
            }
        }
        let role = scan.one(A_ROLE).map(upper);
        let roles: Option<&[&'static str]> = match role.as_deref() {
            None if rfc => Some(&["attendee"]),
            None => None,
            Some("CHAIR") => Some(&["attendee", "chair"]),
            Some("OPT-PARTICIPANT") => Some(&["attendee", "optional"]),
            Some("NON-PARTICIPANT") => Some(&["informational"]),
            Some("OWNER") if !rfc => Some(&["owner"]),
            // REQ-PARTICIPANT is the default the way back leaves out
            // (normalisation 9); other values are recorded as they are.
            Some(_) => Some(&["attendee"]),
        };
        if let Some(r) = roles {
            put(into, "roles", set_of_static(r));
        }
        if matches!(
            role.as_deref(),
            Some("CHAIR" | "OPT-PARTICIPANT" | "NON-PARTICIPANT" | "REQ-PARTICIPANT")
        ) || (!rfc && role.as_deref() == Some("OWNER"))
        {
            consumed.push(A_ROLE);
        }
        if let Some(r) = scan.one(A_RSVP) {
            if r.eq_ignore_ascii_case("TRUE") {
                put(into, "expectReply", Json::Bool(true));
                consumed.push(A_RSVP);
            } else if r.eq_ignore_ascii_case("FALSE") {
                put(into, "expectReply", Json::Bool(false));
                consumed.push(A_RSVP);
            }
        }
        if let Some(e) = scan.one(A_EMAIL) {
            put(into, "email", bor(e));
            consumed.push(A_EMAIL);
        }
        if rfc {
            if let Some(a) = scan.one(A_SCHEDULE_AGENT) {
                let up = a.to_ascii_uppercase();
                if matches!(up.as_str(), "SERVER" | "CLIENT" | "NONE") {
                    put(into, "scheduleAgent", Json::String(Str::lowercase(&up)));
                    consumed.push(A_SCHEDULE_AGENT);
                }
            }
            // One SCHEDULE-STATUS parameter with at least one value.
            if scan.once(A_SCHEDULE_STATUS) {
                let status: Vec<Value<'d>> = p
                    .params()
                    .iter()
                    .filter(|x| x.is("SCHEDULE-STATUS"))
                    .flat_map(Parameter::values)
                    .map(own)
                    .collect();
                if !status.is_empty() {
                    put(into, "scheduleStatus", Json::Array(status));
                    consumed.push(A_SCHEDULE_STATUS);
                }
            }
        } else if let Some(sb) = scan.one(A_SENT_BY) {
            put(into, "sentBy", bor(sb));
            consumed.push(A_SENT_BY);
        }
        if rfc {
            let mut send = Obj::with_capacity(1);
            send.push_new(reply_method(v), bs(v));
            put(into, "sendTo", Json::Object(send));
        }
        consumed
    }

    /// The properties of a PARTICIPANT component (Table 3) into `po`.
    fn participant_comp(
        &mut self,
        po: &mut Obj<'d>,
        carry: &mut Carry<'d>,
        c: &'d Component<'_>,
        merged: bool,
    ) {
        let rfc = self.rfc();
        let mut links = KeyGen::new(self.n);
        let mut locs = KeyGen::new(self.n);
        let mut jsprops = Vec::new();
        for p in c.properties() {
            if has_bare_param(p) {
                carry.prop(p);
                continue;
            }
            match classify(p.name(), self.n) {
                P::CalendarAddress => {
                    let same = po.get("calendarAddress").and_then(Json::as_str) == Some(p.value());
                    if merged && same && p.params().is_empty() {
                        continue;
                    }
                    if po.contains_key("calendarAddress") || p.value().is_empty() {
                        carry.prop(p);
                        continue;
                    }
                    po.insert("calendarAddress", sc(p.value()));
                    self.note_own(carry, "calendarAddress", p, &[], None, Some(!rfc));
                }
                P::Description if !param_true(p, "DERIVED") => {
                    self.text_into(po, carry, "description", p)
                }
                P::StyledDescription if !rfc => self.styled(po, carry, p),
                P::Summary => self.text_into(po, carry, "name", p),
                P::Comment if rfc => self.text_into(po, carry, "participationComment", p),
                P::Dtstamp if rfc => self.utc_into(po, carry, "scheduleUpdated", p),
                P::Sequence if rfc => self.uint_into(po, carry, "scheduleSequence", p, u64::MAX),
                P::PercentComplete => self.uint_into(po, carry, "percentComplete", p, 100),
                P::ParticipantType if rfc && p.params().is_empty() && !p.value().is_empty() => {
                    if let Some(m) = po.object_entry("roles", Obj::new) {
                        m.insert(Str::lowercase(p.value()), Json::Bool(true));
                    }
                }
                P::Attach | P::Url => self.link(po, carry, &mut links, p),
                P::StructuredData if rfc => self.link(po, carry, &mut links, p),
                P::Link if !rfc => self.link(po, carry, &mut links, p),
                P::Geo if rfc && !param_true(p, "DERIVED") => match geo_uri(p.value()) {
                    Some(u) => {
                        let key = locs.key(
                            p.param_value(self.n.id).filter(|k| is_id(k)).as_deref(),
                            p.value(),
                        );
                        let mut loc = typed("Location");
                        loc.insert("coordinates", s(u));
                        let path = NotePath("locations", key.as_str());
                        self.note_derived(&mut loc, carry, path, p, &[], None, false);
                        insert_in(po, "locations", key, Json::Object(loc));
                    }
                    None => carry.prop(p),
                },
                P::JsId => {}
                P::JsProp => jsprops.push(p),
                _ => carry.prop(p),
            }
        }
        for sub in c.components() {
            carry.comp(sub);
        }
        // A JSCAL-ID that is not the participant's key is carried.
        self.apply_jsprops(po, carry, &jsprops, &["links", "locations"]);
    }
}

/// True when a -25 organizer's Participant has only what ORGANIZER gives
/// (-25 §3.6: "fully represented by the ORGANIZER property").
pub(crate) fn organizer_only<'x>(p: &Obj<'x>) -> bool {
    let roles_ok = match p.get("roles") {
        None => true,
        Some(Json::Object(r)) => r.keys().all(|k| k == "owner"),
        Some(_) => false,
    };
    roles_ok
        && p.keys().all(|k| {
            matches!(
                k,
                "@type" | "calendarAddress" | "roles" | "name" | "email" | "sentBy"
            )
        })
}

/// `imip` for a `mailto:` address, else `other` (§2.3.4, §2.3.29).
fn reply_method(addr: &str) -> &'static str {
    // The seven bytes compared at once, in lower case.
    let Some(&(mut head)) = addr.as_bytes().first_chunk::<7>() else {
        return "other";
    };
    head.make_ascii_lowercase();
    if head == *b"mailto:" { "imip" } else { "other" }
}

// ---------------------------------------------------------------------------
// Alerts (§2.2.2, §2.3.1, §2.3.2, §2.3.36, §2.3.46).

impl<'d> Conv<'d> {
    fn alarms(&mut self, obj: &mut Obj<'d>, carry: &mut Carry<'d>, c: &Component<'_>) {
        let alarms: Vec<&Component<'_>> = c.components_named("VALARM").collect();
        if alarms.is_empty() {
            return;
        }
        let mut keys = KeyGen::new(self.n);
        let mut ids: Vec<(Str<'static>, Option<String>)> = Vec::with_capacity(alarms.len());
        for a in &alarms {
            let explicit = a
                .property(self.n.id)
                .filter(|p| is_id(p.value()) && p.params().is_empty())
                .map(|p| p.value().to_owned());
            let key = match explicit {
                Some(k) if !keys.is_used(&k) => {
                    keys.take(&k);
                    Str::from(k)
                }
                _ => component_key(a, &mut keys, self.n, &mut self.key_scratch),
            };
            let uid = a.property("UID").map(|p| p.text_value().into_owned());
            ids.push((key, uid));
        }
        let mut map = Obj::with_capacity(alarms.len());
        for (a, (key, _)) in alarms.iter().zip(&ids) {
            match self.valarm(a, key, &ids) {
                // A new key: `keys` made each one unique.
                Some(alert) => map.push_new(key.clone(), Json::Object(alert)),
                None => carry.comp(a),
            }
        }
        if !map.is_empty() {
            obj.insert("alerts", Json::Object(map));
        }
    }

    fn valarm(
        &mut self,
        a: &Component<'_>,
        key: &str,
        ids: &[(Str<'static>, Option<String>)],
    ) -> Option<Obj<'d>> {
        let mut alert = typed("Alert");
        let mut carry = Carry::default();
        let mut jsprops = Vec::new();
        let mut has_description = false;
        let mut has_action = false;
        let mut id_used = false;
        for p in a.properties() {
            if has_bare_param(p) {
                carry.prop(p);
                continue;
            }
            match classify(p.name(), self.n) {
                P::Trigger if !alert.contains_key("trigger") => {
                    let trig = self.trigger(p, &mut carry)?;
                    alert.insert("trigger", Json::Object(trig));
                }
                P::Action => {
                    has_action = true;
                    self.enum_into(
                        &mut alert,
                        &mut carry,
                        "action",
                        p,
                        &[("DISPLAY", "display"), ("EMAIL", "email")],
                    );
                }
                P::Acknowledged => self.utc_into(&mut alert, &mut carry, "acknowledged", p),
                P::RelatedTo => {
                    let uid = p.text_value();
                    let target = ids
                        .iter()
                        .find(|(_, u)| u.as_deref() == Some(uid.as_ref()))
                        .map(|(k, _)| k.clone());
                    let reltypes: Vec<&Parameter<'_>> =
                        p.params().iter().filter(|x| x.is("RELTYPE")).collect();
                    let taken = target.as_ref().is_some_and(|t| {
                        alert
                            .get("relatedTo")
                            .and_then(Json::as_object)
                            .is_some_and(|m| m.contains_key(t))
                    });
                    match target {
                        Some(t) if !taken && reltypes.len() <= 1 => {
                            let mut rel = typed("Relation");
                            if let Some(r) = reltypes.first() {
                                let types: Vec<String> =
                                    r.values().map(|v| v.to_ascii_lowercase()).collect();
                                rel.insert("relation", set_of(types));
                            }
                            let path = NotePath("relatedTo", t.as_str());
                            self.note_derived(
                                &mut rel,
                                &mut carry,
                                path,
                                p,
                                &["RELTYPE"],
                                None,
                                false,
                            );
                            insert_in(&mut alert, "relatedTo", t, Json::Object(rel));
                        }
                        _ => carry.prop(p),
                    }
                }
                P::JsId if !id_used && p.value() == key && p.params().is_empty() => id_used = true,
                P::JsProp => jsprops.push(p),
                P::Description => {
                    has_description = true;
                    carry.prop(p);
                }
                _ => carry.prop(p),
            }
        }
        if !alert.contains_key("trigger") {
            return None;
        }
        for sub in a.components() {
            carry.comp(sub);
        }
        // The way back adds ACTION and DESCRIPTION to an Alert without an
        // iCalComponent; mark those that had none.
        carry.force = !has_description || !has_action;
        self.apply_jsprops(&mut alert, &mut carry, &jsprops, &[]);
        carry.finish(&mut alert, self.n, a.name());
        Some(alert)
    }

    /// TRIGGER → an OffsetTrigger or AbsoluteTrigger (§2.3.46).
    fn trigger(&mut self, p: &Property<'_>, carry: &mut Carry<'d>) -> Option<Obj<'d>> {
        let vt = value_param(p);
        let absolute = match vt.as_deref() {
            Some("date-time") => true,
            Some("duration") | None => false,
            _ => return None,
        };
        if absolute {
            let dt = DateTime::parse(p.value()).ok()?;
            if dt.form != TimeForm::Utc {
                return None;
            }
            let mut t = typed("AbsoluteTrigger");
            t.insert("when", s(utc_text(dt.date, dt.time)));
            self.note_own(carry, "trigger", p, &[], Some("date-time"), None);
            return Some(t);
        }
        let offset = js_duration(p.value(), true)?;
        let mut t = typed("OffsetTrigger");
        t.insert("offset", s(offset));
        let mut consumed: Vec<&str> = Vec::new();
        let related: Vec<&Parameter<'_>> = p.params().iter().filter(|x| x.is("RELATED")).collect();
        if let [r] = related.as_slice()
            && let Some(v) = r.value()
        {
            match v.to_ascii_uppercase().as_str() {
                "END" => {
                    t.insert("relativeTo", s("end"));
                    consumed.push("RELATED");
                }
                "START" => {
                    t.insert("relativeTo", s("start"));
                    consumed.push("RELATED");
                }
                _ => {}
            }
        }
        self.note_own(carry, "trigger", p, &consumed, None, None);
        Some(t)
    }

    // -----------------------------------------------------------------------
    // JSCAL-PROP / JSPROP (-11 §4.1.2, -25 §4.1.2).

    /// Applies the JSCAL-PROP properties of a component as a PatchObject
    /// that only adds; what cannot be applied is carried. `maps` are the
    /// Id maps of objects converted from properties, searched when the
    /// pointer's first part is such an object's key (the form of draft -11
    /// Figure 91).
    fn apply_jsprops(
        &mut self,
        obj: &mut Obj<'d>,
        carry: &mut Carry<'d>,
        props: &[&Property<'_>],
        maps: &[&str],
    ) {
        for p in props {
            if !self.apply_jsprop(obj, p, maps) {
                carry.prop(p);
            }
        }
    }

    fn apply_jsprop(&self, obj: &mut Obj<'d>, p: &Property<'_>, maps: &[&str]) -> bool {
        let paths: Vec<&Parameter<'_>> = p.params().iter().filter(|x| x.is(self.n.path)).collect();
        let ([path_param], true) = (paths.as_slice(), p.params().len() == 1) else {
            return false;
        };
        let Some(path) = path_param.value() else {
            return false;
        };
        let text = p.text_value();
        let Ok(value) = serde_json::from_str::<serde_json::Value>(&text).map(Json::from) else {
            return false;
        };
        if value.is_null() {
            return false;
        }
        let Ok(segs) = pointer::parse_path(path.trim_start_matches('/')) else {
            return false;
        };
        if add_at(obj, &segs, &value) {
            return true;
        }
        if self.rfc() && segs.len() >= 2 {
            for m in maps {
                if let Some(Json::Object(inner)) = obj.get_mut(m)
                    && let Some(first) = segs.first()
                    && let Some(Json::Object(target)) = inner.get_mut(first)
                    && add_at(target, segs.get(1..).unwrap_or(&[]), &value)
                {
                    return true;
                }
            }
        }
        false
    }
}

/// Sets `value` at `segs` below `obj` if the parent exists and the
/// property does not (-11 §4.1.2: "only new properties").
fn add_at<'x>(obj: &mut Obj<'x>, segs: &[String], value: &Value<'x>) -> bool {
    let Some((last, parents)) = segs.split_last() else {
        return false;
    };
    let mut cur = obj;
    for seg in parents {
        match cur.get_mut(seg) {
            Some(Json::Object(m)) => cur = m,
            _ => return false,
        }
    }
    if cur.contains_key(last) {
        return false;
    }
    cur.insert(last.clone(), value.clone());
    true
}

// ---------------------------------------------------------------------------
// Recurrence overrides (§2.1.2).

impl<'d> Conv<'d> {
    /// Converts the override components of `main` into its
    /// `recurrenceOverrides`; returns those that must stay stand-alone
    /// entries (an unreadable RECURRENCE-ID, or one that an EXDATE excludes).
    fn overrides<'a>(
        &mut self,
        main: &mut Obj<'d>,
        kind: Kind,
        comps: &[&'d Component<'a>],
        head: &[(&'static str, Value<'d>)],
        otz: Option<&ObjTz>,
    ) -> Vec<&'d Component<'a>> {
        let mut standalone = Vec::new();
        let Some(otz) = otz else {
            return comps.to_vec();
        };
        // What recurrenceOverrides holds so far (RDATE and EXDATE entries),
        // indexed, so that thousands of overrides cost linear time.
        let mut seen: HashMap<String, Seen> = main
            .get("recurrenceOverrides")
            .and_then(Json::as_object)
            .map(|m| {
                m.iter()
                    .map(|(k, v)| {
                        let rdate = match v {
                            Json::Object(m) => {
                                m.is_empty() || (m.len() == 1 && m.contains_key("duration"))
                            }
                            _ => false,
                        };
                        (k.to_owned(), if rdate { Seen::Rdate } else { Seen::Taken })
                    })
                    .collect()
            })
            .unwrap_or_default();
        // First the overrides as objects, then (once the main object has
        // all its notes) each as a patch of the occurrence it replaces.
        let mut found: Vec<(Str<'d>, Obj<'d>)> = Vec::new();
        let mut rdates: Vec<String> = Vec::new();
        for c in comps {
            let Some(rp) = c.property("RECURRENCE-ID") else {
                standalone.push(*c);
                continue;
            };
            let Some(rid) = date_value(rp) else {
                standalone.push(*c);
                continue;
            };
            // A RECURRENCE-ID floating where the main component is not (or
            // the other way) cannot be written back in the main
            // component's form; it stays a stand-alone instance.
            let rtz = Tz::of(rp, &rid);
            if (rtz == Tz::Floating) != (otz.tz == Tz::Floating) && !rid.is_date() {
                standalone.push(*c);
                continue;
            }
            let Some((d, t)) = self.in_zone(&rid, &rtz, &otz.tz) else {
                standalone.push(*c);
                continue;
            };
            let key = local_text(d, t);
            // An override of an RDATE replaces its entry (and is noted as
            // one); a second override of one occurrence, or one of an
            // excluded occurrence, stays a stand-alone instance.
            match seen.get_mut(key.as_str()) {
                Some(Seen::Taken) => {
                    standalone.push(*c);
                    continue;
                }
                Some(slot) => {
                    *slot = Seen::Taken;
                    rdates.push(key.as_str().to_owned());
                }
                None => {
                    seen.insert(key.as_str().to_owned(), Seen::Taken);
                }
            }
            let mut ov = self.entry(c, kind, head);
            ov.remove("recurrenceId");
            ov.remove("recurrenceIdTimeZone");
            // The way back writes RECURRENCE-ID in the main object's form;
            // another form is noted in the override.
            let vt = form_value_type(
                otz.date_form && t == Time::MIDNIGHT,
                rid.is_date(),
                value_param(rp),
            );
            if let Some(vt) = vt {
                let mut rec = Obj::new();
                rec.insert("@type", s("ICalProperty"));
                rec.insert("name", s("recurrence-id"));
                rec.insert("valueType", s(vt));
                note_obj(&mut ov, self.n, "recurrenceId", rec);
            }
            found.push((key, ov));
        }
        if found.is_empty() {
            return standalone;
        }
        // The occurrences the main object implies (RFC 8984 §4.3.5) differ
        // only in their start (and a Task's due): the rest is made once.
        // It leaves out notes about `recurrenceOverrides` (such as those the
        // overridden RDATEs get below), which an occurrence does not have.
        let mut template = Some(occurrence_template(main, self.n.comp));
        notes_in(main, self.n, "recurrenceOverrides", &rdates, "rdate");
        let last = found.len().saturating_sub(1);
        let patches = found.into_iter().enumerate().map(|(i, (key, ov))| {
            // A copy of the template for each but the last, which takes it.
            let base = if i == last {
                template.take()
            } else {
                template.clone()
            };
            let mut base = base.unwrap_or_default();
            occurrence_times(&mut base, &key, kind);
            let mut patch = Obj::new();
            diff(&base, &ov, "", &mut patch);
            (key, Json::Object(patch))
        });
        if let Some(m) = main.object_entry("recurrenceOverrides", Obj::new) {
            m.extend(patches);
        }
        standalone
    }
}

/// What an entry of `recurrenceOverrides` holds while the overrides are
/// converted.
enum Seen {
    /// An RDATE's entry, which an override may replace.
    Rdate,
    /// An EXDATE's entry, or one an override has taken.
    Taken,
}

/// Moves `start` (or a Task's `due`) to the recurrence id `key`; a Task
/// with both moves `due` by as much as `start` (as [`crate::Task::occurrence`]).
fn occurrence_times<'x>(base: &mut Obj<'x>, key: &str, kind: Kind) {
    let start = base.get("start").and_then(Json::as_str).map(str::to_owned);
    match (kind, start) {
        (Kind::Event, _) => {
            base.insert("start", sc(key));
        }
        (Kind::Task, Some(st)) => {
            base.insert("start", sc(key));
            if let Some(due) = base.get("due").and_then(Json::as_str).map(str::to_owned)
                && let (Some(a), Some(b), Some(k)) = (
                    super::values::parse_js_date_time(&st),
                    super::values::parse_js_date_time(&due),
                    super::values::parse_js_date_time(key),
                )
            {
                let shift = local_seconds(k.0, k.1).saturating_sub(local_seconds(a.0, a.1));
                if let Some((d, t)) =
                    from_local_seconds(local_seconds(b.0, b.1).saturating_add(shift))
                {
                    base.insert("due", s(local_text(d, t)));
                }
            }
        }
        (Kind::Task, None) => {
            if base.contains_key("due") {
                base.insert("due", sc(key));
            }
        }
    }
}

/// The PatchObject that turns `base` into `target` (RFC 8984 §1.4.9):
/// nested objects are patched by path, everything else replaced.
pub(crate) fn diff<'x>(base: &Obj<'x>, target: &Obj<'x>, prefix: &str, out: &mut Obj<'x>) {
    for (k, tv) in target {
        let path = format!("{prefix}{}", pointer::escape(k));
        match base.get(k) {
            Some(bv) if bv == tv => {}
            Some(Json::Object(bm)) if !bm.is_empty() => {
                if let Json::Object(tm) = tv
                    && !tm.is_empty()
                    && bm.get("@type") == tm.get("@type")
                {
                    diff(bm, tm, &format!("{path}/"), out);
                } else {
                    out.insert(path, tv.clone());
                }
            }
            _ => {
                out.insert(path, tv.clone());
            }
        }
    }
    for k in base.keys() {
        if !target.contains_key(k) {
            out.insert(format!("{prefix}{}", pointer::escape(k)), Json::Null);
        }
    }
}

/// Sets the conversion note at `path` of a finished object (merging into an
/// existing note).
fn note_obj<'x>(obj: &mut Obj<'x>, n: &Names, path: &str, rec: Obj<'x>) {
    let kind = match obj.get("@type").and_then(Json::as_str) {
        Some("Task") => "vtodo",
        _ => "vevent",
    };
    let comp = obj.object_entry(n.comp, || {
        let mut m = typed("ICalComponent");
        m.insert("name", s(kind));
        m
    });
    if let Some(cm) = comp
        && let Some(conv) = cm.object_entry("convertedProperties", Obj::new)
    {
        match conv.get_mut(path) {
            Some(Json::Object(existing)) => {
                for (k, v) in rec {
                    if k != "@type" && k != "name" {
                        existing.insert(k, v);
                    }
                }
            }
            _ => {
                conv.insert(path.to_owned(), Json::Object(rec));
            }
        }
    }
}

/// Adds a conversion note `{name}` for `map/key` of each of `keys` to the
/// object's carrier after the object was finished, in linear time.
fn notes_in<'x>(obj: &mut Obj<'x>, n: &Names, map: &str, keys: &[String], name: &str) {
    if keys.is_empty() {
        return;
    }
    let kind = match obj.get("@type").and_then(Json::as_str) {
        Some("Task") => "vtodo",
        _ => "vevent",
    };
    let comp = obj.object_entry(n.comp, || {
        let mut m = typed("ICalComponent");
        m.insert("name", s(kind));
        m
    });
    if let Some(cm) = comp
        && let Some(conv) = cm.object_entry("convertedProperties", Obj::new)
    {
        conv.extend(keys.iter().map(|key| {
            let path = pointer::to_pointer([map, key.as_str()]);
            (
                path.trim_start_matches('/').to_owned(),
                ical_prop(name, None, Obj::new()),
            )
        }));
    }
}

// ---------------------------------------------------------------------------
// VTIMEZONE → TimeZone (draft -11 §2.2.5).

impl<'d> Conv<'d> {
    fn time_zone(&mut self, c: &Component<'_>) -> Option<Obj<'d>> {
        let mut tz = typed("TimeZone");
        let mut carry = Carry::default();
        let mut standard = Vec::new();
        let mut daylight = Vec::new();
        for p in c.properties() {
            if has_bare_param(p) {
                carry.prop(p);
                continue;
            }
            match classify(p.name(), self.n) {
                P::Tzid if !tz.contains_key("tzId") && p.params().is_empty() => {
                    tz.insert("tzId", sc(p.value()));
                }
                P::LastModified => self.utc_into(&mut tz, &mut carry, "updated", p),
                P::Tzurl => self.uri_into(&mut tz, &mut carry, "url", p, None),
                P::Tzuntil => self.utc_into(&mut tz, &mut carry, "validUntil", p),
                P::TzidAliasOf if p.params().is_empty() && !p.value().is_empty() => {
                    match tz.object_entry("aliases", Obj::new) {
                        Some(m) if !m.contains_key(p.value()) => {
                            m.insert(Str::copied(p.value()), Json::Bool(true));
                        }
                        _ => carry.prop(p),
                    }
                }
                _ => carry.prop(p),
            }
        }
        tz.get("tzId")?;
        for sub in c.components() {
            let std = sub.is("STANDARD");
            if std || sub.is("DAYLIGHT") {
                match self.tz_rule(sub) {
                    Some(r) if std => standard.push(Json::Object(r)),
                    Some(r) => daylight.push(Json::Object(r)),
                    None => return None,
                }
            } else {
                carry.comp(sub);
            }
        }
        if standard.is_empty() && daylight.is_empty() {
            return None;
        }
        if !standard.is_empty() {
            tz.insert("standard", Json::Array(standard));
        }
        if !daylight.is_empty() {
            tz.insert("daylight", Json::Array(daylight));
        }
        carry.finish(&mut tz, self.n, c.name());
        Some(tz)
    }

    /// STANDARD or DAYLIGHT → a TimeZoneRule (Table 10).
    fn tz_rule(&mut self, c: &Component<'_>) -> Option<Obj<'d>> {
        let mut r = typed("TimeZoneRule");
        let mut carry = Carry::default();
        let mut rules = Vec::new();
        let mut overrides = Obj::new();
        for p in c.properties() {
            if has_bare_param(p) {
                carry.prop(p);
                continue;
            }
            match classify(p.name(), self.n) {
                P::Dtstart if !r.contains_key("start") && p.params().is_empty() => {
                    let dt = DateTime::parse(p.value())
                        .ok()
                        .filter(|d| d.form == TimeForm::Floating)?;
                    r.insert("start", s(local_text(dt.date, dt.time)));
                }
                P::Tzoffsetfrom if !r.contains_key("offsetFrom") && p.params().is_empty() => {
                    kalends_ical_core::value::UtcOffset::parse(p.value()).ok()?;
                    r.insert("offsetFrom", sc(p.value()));
                }
                P::Tzoffsetto if !r.contains_key("offsetTo") && p.params().is_empty() => {
                    kalends_ical_core::value::UtcOffset::parse(p.value()).ok()?;
                    r.insert("offsetTo", sc(p.value()));
                }
                P::Rrule if rules.is_empty() => match self.recurrence_rule(p, None) {
                    Some(rule) => rules.push(Json::Object(rule)),
                    None => carry.prop(p),
                },
                P::Rdate if p.params().is_empty() => {
                    let mut ok = true;
                    let mut keys = Vec::new();
                    for raw in p.value().split(',') {
                        match DateTime::parse(raw) {
                            Ok(dt) if dt.form == TimeForm::Floating => {
                                let k = local_text(dt.date, dt.time);
                                if overrides.contains_key(&k) || keys.contains(&k) {
                                    ok = false;
                                }
                                keys.push(k);
                            }
                            _ => ok = false,
                        }
                    }
                    if ok {
                        for k in keys {
                            overrides.insert(k, Json::Object(Obj::new()));
                        }
                    } else {
                        carry.prop(p);
                    }
                }
                P::Tzname if p.params().is_empty() && !p.value().is_empty() => {
                    let name = p.text_value().into_owned();
                    match r.object_entry("names", Obj::new) {
                        Some(m) if !m.contains_key(&name) => {
                            m.insert(name, Json::Bool(true));
                        }
                        _ => carry.prop(p),
                    }
                }
                P::Comment if p.params().is_empty() => {
                    if let Some(a) = r.array_entry("comments") {
                        a.push(own(p.text_value()));
                    }
                }
                _ => carry.prop(p),
            }
        }
        if !(r.contains_key("start") && r.contains_key("offsetFrom") && r.contains_key("offsetTo"))
        {
            return None;
        }
        if !rules.is_empty() {
            r.insert("recurrenceRules", Json::Array(rules));
        }
        if !overrides.is_empty() {
            r.insert("recurrenceOverrides", Json::Object(overrides));
        }
        for sub in c.components() {
            carry.comp(sub);
        }
        carry.finish(&mut r, self.n, c.name());
        Some(r)
    }
}
