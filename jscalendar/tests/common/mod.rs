//! Shared test helpers: reading the draft's elided examples (§1.3), comparing
//! JSON with its elision rules, and comparing iCalendar trees modulo the
//! normalisations of `kalends_jscalendar::convert::NORMALISATIONS`.

#![allow(
    dead_code,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::collections::BTreeMap;

use kalends_ical_core::value::{DateOrDateTime, Duration, Recur, TimeForm, default_value_type};
use kalends_ical_core::{Component, Property};
use kalends_jscalendar::Profile;
use kalends_rrule::ZoneResolver;
use serde_json::{Map, Value, json};

// ---------------------------------------------------------------------------
// iCalendar examples (draft §1.3.1).

/// A component of an example: what it states, and what it leaves open.
#[derive(Debug, Clone)]
pub struct ExComp {
    pub name: String,
    pub props: Vec<Property<'static>>,
    pub comps: Vec<ExComp>,
    /// `...` inside it, or implicit: other properties and components may be present.
    pub allow_any: bool,
}

impl ExComp {
    fn new(name: &str) -> ExComp {
        ExComp {
            name: name.to_ascii_uppercase(),
            props: Vec::new(),
            comps: Vec::new(),
            allow_any: false,
        }
    }

    fn has_prop(&self, name: &str) -> bool {
        self.props.iter().any(|p| p.is(name))
    }

    fn has_comp(&self, name: &str) -> bool {
        self.comps.iter().any(|c| c.name.eq_ignore_ascii_case(name))
    }
}

fn parse_property(line: &str) -> Property<'static> {
    let text = format!("BEGIN:X\r\n{line}\r\nEND:X\r\n");
    let doc = kalends_ical_core::parse(&text)
        .unwrap_or_else(|e| panic!("example line {line:?} does not parse: {e}"));
    doc.components[0].properties()[0].clone().into_owned()
}

/// Reads an iCalendar example into a VCALENDAR with the implicit
/// components of §1.3.1 added.
pub fn parse_ical_example(text: &str) -> ExComp {
    // Unfold: a line starting with one space continues the previous one.
    let mut lines: Vec<String> = Vec::new();
    for raw in text.lines() {
        if let Some(rest) = raw.strip_prefix(' ')
            && !lines.is_empty()
            && !raw.trim().is_empty()
        {
            lines.last_mut().unwrap().push_str(rest);
        } else {
            lines.push(raw.to_owned());
        }
    }
    let lines: Vec<&str> = lines
        .iter()
        .map(|l| l.trim())
        .filter(|l| !l.is_empty())
        .collect();
    let mut stack: Vec<ExComp> = vec![ExComp::new("")];
    for line in &lines {
        if *line == "..." {
            stack.last_mut().unwrap().allow_any = true;
            continue;
        }
        let upper = line.to_ascii_uppercase();
        if let Some(name) = upper.strip_prefix("BEGIN:") {
            stack.push(ExComp::new(name));
        } else if let Some(name) = upper.strip_prefix("END:") {
            let c = stack.pop().unwrap();
            assert_eq!(c.name, name, "END does not match BEGIN");
            stack.last_mut().unwrap().comps.push(c);
        } else {
            stack.last_mut().unwrap().props.push(parse_property(line));
        }
    }
    // Components left open by a final `...` are closed (§1.3.1).
    while stack.len() > 1 {
        let c = stack.pop().unwrap();
        stack.last_mut().unwrap().comps.push(c);
    }
    let mut root = stack.pop().unwrap();
    let top = if root.comps.len() == 1 && root.props.is_empty() {
        root.comps.pop().unwrap()
    } else if root.props.is_empty()
        && root.comps.iter().all(|c| {
            matches!(
                c.name.as_str(),
                "VEVENT" | "VTODO" | "VJOURNAL" | "VFREEBUSY" | "VTIMEZONE"
            )
        })
    {
        let mut cal = ExComp::new("VCALENDAR");
        cal.allow_any = true;
        cal.comps = root.comps;
        cal
    } else {
        let mut ev = ExComp::new("VEVENT");
        ev.allow_any = root.allow_any || root.comps.is_empty();
        ev.props = root.props;
        ev.comps = root.comps;
        ev
    };
    wrap(top)
}

/// Wraps a component in its implicit parents up to a VCALENDAR.
fn wrap(mut c: ExComp) -> ExComp {
    loop {
        let parent = match c.name.as_str() {
            "VCALENDAR" => return c,
            "DAYLIGHT" | "STANDARD" => "VTIMEZONE",
            "VALARM" | "VLOCATION" | "PARTICIPANT" | "VRESOURCE" => "VEVENT",
            _ => "VCALENDAR",
        };
        let mut p = ExComp::new(parent);
        p.allow_any = true;
        p.comps.push(c);
        c = p;
    }
}

/// The example as complete iCalendar text: the mandatory properties the
/// draft's test tool adds to every component that lacks them
/// (`rfctest/jsical.py`, `with_default_props`), with fixed values.
pub fn ical_example_text(e: &ExComp) -> String {
    let mut counter = 0usize;
    let mut c = e.clone();
    if c.name == "VCALENDAR" && c.comps.is_empty() {
        c.comps.push(ExComp::new("VEVENT"));
    }
    add_defaults(&mut c, &mut counter);
    let mut out = String::new();
    write_ex(&c, &mut out);
    out
}

fn add_defaults(c: &mut ExComp, counter: &mut usize) {
    *counter += 1;
    let n = *counter;
    let add = |c: &mut ExComp, name: &str, value: String| {
        if !c.has_prop(name) {
            c.props.push(Property::new(name.to_owned(), value));
        }
    };
    match c.name.as_str() {
        "VCALENDAR" => {
            add(c, "PRODID", "-//FOO//bar//EN".to_owned());
            add(c, "VERSION", "2.0".to_owned());
        }
        "VEVENT" | "VTODO" => {
            add(c, "DTSTAMP", "20060102T030405Z".to_owned());
            add(c, "UID", format!("00000000-0000-4000-8000-{n:012}"));
            if c.name == "VEVENT" {
                add(c, "DTSTART", "20060102T030405Z".to_owned());
            }
            if c.has_prop("ATTENDEE") {
                add(c, "ORGANIZER", format!("mailto:organizer-{n}@example.com"));
            } else if c.has_prop("ORGANIZER") && !c.has_comp("PARTICIPANT") {
                add(c, "ATTENDEE", format!("mailto:attendee-{n}@example.com"));
            }
        }
        "DAYLIGHT" | "STANDARD" => {
            add(c, "TZOFFSETFROM", "-0400".to_owned());
            add(c, "TZOFFSETTO", "-0300".to_owned());
            add(c, "DTSTART", "20010503T000000".to_owned());
        }
        "PARTICIPANT" => add(c, "UID", format!("00000000-0000-4000-9000-{n:012}")),
        "VTIMEZONE" => add(c, "TZID", format!("Zone{n}")),
        "VALARM" => add(c, "TRIGGER", "PT0S".to_owned()),
        _ => {}
    }
    for sub in &mut c.comps {
        add_defaults(sub, counter);
    }
}

fn write_ex(c: &ExComp, out: &mut String) {
    let mut comp = Component::new(c.name.clone());
    for p in &c.props {
        comp.push(p.clone());
    }
    let mut text = String::new();
    comp.write_to(&mut text);
    // Insert the sub-components before END.
    let end = format!("END:{}\r\n", c.name);
    let body = text.strip_suffix(&end).unwrap().to_owned();
    out.push_str(&body);
    for sub in &c.comps {
        write_ex(sub, out);
    }
    out.push_str(&end);
}

// ---------------------------------------------------------------------------
// JSCalendar examples (draft §1.3.2).

/// Reads a JSCalendar example as the Group it stands for, `"..."` keys kept.
pub fn parse_js_example(text: &str, profile: Profile) -> Value {
    let t = text.trim();
    let t = if t.starts_with('{') {
        t.to_owned()
    } else {
        format!("{{{t},\"...\": \"\"}}")
    };
    let mut v: Value =
        serde_json::from_str(&t).unwrap_or_else(|e| panic!("bad JSON example: {e}\n{t}"));
    if v.get("@type").is_none() {
        v["@type"] = json!("Event");
    }
    to_group(v, profile)
}

fn wrapper(ty: &str, key: &str, inner: Value) -> Value {
    let mut m = Map::new();
    m.insert("...".to_owned(), json!(""));
    m.insert("@type".to_owned(), json!(ty));
    m.insert(key.to_owned(), inner);
    Value::Object(m)
}

fn to_group(mut v: Value, profile: Profile) -> Value {
    loop {
        let ty = v["@type"].as_str().unwrap_or("").to_owned();
        v = match ty.as_str() {
            "Group" => return v,
            "AbsoluteTrigger" | "OffsetTrigger" => wrapper("Alert", "trigger", v),
            "Alert" => wrapper("Event", "alerts", json!({ "1": v })),
            "Event" | "Task" => wrapper("Group", "entries", json!([v])),
            "Link" => wrapper("Event", "links", json!({ "1": v })),
            "Location" => wrapper("Event", "locations", json!({ "1": v })),
            "Participant" => wrapper("Event", "participants", json!({ "1": v })),
            "VirtualLocation" => wrapper("Event", "virtualLocations", json!({ "1": v })),
            "RecurrenceRule" => match profile {
                Profile::Rfc8984 => wrapper("Event", "recurrenceRules", json!([v])),
                Profile::Bis => wrapper("Event", "recurrenceRule", v),
            },
            "TimeZone" => wrapper("Event", "timeZones", json!({ "/1": v })),
            other => panic!("no implicit parent for @type {other}"),
        };
    }
}

/// The example with its `"..."` keys replaced by the mandatory properties
/// they stand for (the draft's test tool, `with_default_props`).
pub fn js_example_complete(v: &Value, profile: Profile) -> Value {
    let mut v = v.clone();
    let mut n = 0usize;
    complete(&mut v, profile, &mut n);
    v
}

fn complete(v: &mut Value, profile: Profile, n: &mut usize) {
    match v {
        Value::Array(a) => {
            for x in a {
                complete(x, profile, n);
            }
        }
        Value::Object(m) => {
            if m.contains_key("@type") && m.contains_key("...") {
                m.shift_remove("...");
                *n += 1;
                let id = *n;
                let ty = m["@type"].as_str().unwrap_or("").to_owned();
                let mut add = |k: &str, val: Value| {
                    if !m.contains_key(k) {
                        m.insert(k.to_owned(), val);
                    }
                };
                match ty.as_str() {
                    "Alert" => add(
                        "trigger",
                        json!({"@type": "OffsetTrigger", "offset": "PT0S"}),
                    ),
                    "Event" => {
                        add("uid", json!(format!("00000000-0000-4000-a000-{id:012}")));
                        add("updated", json!("2006-01-02T03:04:05Z"));
                        add("start", json!("2006-01-02T03:04:05"));
                    }
                    "Task" => {
                        add("uid", json!(format!("00000000-0000-4000-a000-{id:012}")));
                        add("updated", json!("2006-01-02T03:04:05Z"));
                    }
                    "Group" => {
                        add("uid", json!(format!("00000000-0000-4000-b000-{id:012}")));
                        add("entries", json!([{"@type": "Event", "...": ""}]));
                        if profile == Profile::Bis {
                            add("version", json!("2.0"));
                        }
                    }
                    "Link" => add("href", json!(format!("https://example.com/{id}"))),
                    _ => {}
                }
            }
            // A "..." without @type (an elided ICalComponent part): dropped.
            m.shift_remove("...");
            for (_, x) in m.iter_mut() {
                complete(x, profile, n);
            }
        }
        _ => {}
    }
}

// ---------------------------------------------------------------------------
// JSON comparison with the elision rules (the draft's test tool,
// `JsonDiff`), reimplemented.

/// Removes default values and sorts what has no order, as the draft's test
/// tool does before comparing (defaults never carry meaning, §1.3.2).
pub fn normalize_json(v: &mut Value) {
    match v {
        Value::Array(a) => {
            for x in a {
                normalize_json(x);
            }
        }
        Value::Object(m) => {
            let ty = m
                .get("@type")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_owned();
            match ty.as_str() {
                "RecurrenceRule" => {
                    for k in [
                        "byMonthDay",
                        "byYearDay",
                        "byWeekNo",
                        "byHour",
                        "byMinute",
                        "bySecond",
                        "bySetPosition",
                    ] {
                        if let Some(Value::Array(a)) = m.get_mut(k) {
                            a.sort_by_key(|x| x.as_i64().unwrap_or(0));
                        }
                    }
                    if let Some(Value::Array(a)) = m.get_mut("byMonth") {
                        a.sort_by_key(|x| x.to_string());
                    }
                }
                "ICalComponent" => {
                    if let Some(Value::Array(a)) = m.get_mut("properties") {
                        a.sort_by_key(|p| {
                            format!(
                                "{}\u{0}{}\u{0}{}",
                                p[0],
                                p.get(3).map(Value::to_string).unwrap_or_default(),
                                p[2]
                            )
                        });
                    }
                    if let Some(Value::Array(a)) = m.get_mut("components") {
                        a.sort_by_key(|c| c[0].to_string());
                    }
                }
                "Group" => {
                    if let Some(Value::Array(a)) = m.get_mut("entries") {
                        a.sort_by_key(|e| (e["uid"].to_string(), e["start"].to_string()));
                    }
                }
                _ => {}
            }
            let keep_lz = m.shift_remove("localizations");
            let keep_ro = m.shift_remove("recurrenceOverrides");
            let common: &[(&str, Value)] = &[
                ("alerts", Value::Null),
                ("categories", Value::Null),
                ("description", json!("")),
                ("descriptionContentType", json!("text/plain")),
                ("duration", json!("PT0S")),
                ("excluded", json!(false)),
                ("freeBusyStatus", json!("busy")),
                ("keywords", Value::Null),
                ("links", Value::Null),
                ("locations", Value::Null),
                ("participants", Value::Null),
                ("priority", json!(0)),
                ("privacy", json!("public")),
                ("recurrenceIdTimeZone", Value::Null),
                ("recurrenceRules", Value::Null),
                ("relatedTo", Value::Null),
                ("sequence", json!(0)),
                ("showWithoutTime", json!(false)),
                ("status", json!("confirmed")),
                ("timeZone", Value::Null),
                ("timeZones", Value::Null),
                ("title", json!("")),
                ("useDefaultAlerts", json!(false)),
                ("virtualLocations", Value::Null),
            ];
            let defaults: Vec<(&str, Value)> = match ty.as_str() {
                "Event" | "Task" => common.to_vec(),
                "Alert" => vec![("action", json!("display"))],
                "OffsetTrigger" => vec![("relativeTo", json!("start"))],
                "Participant" => vec![
                    ("expectReply", json!(false)),
                    ("participationStatus", json!("needs-action")),
                    ("scheduleAgent", json!("server")),
                    ("scheduleForceSend", json!(false)),
                    ("scheduleSequence", json!(0)),
                ],
                "RecurrenceRule" => vec![
                    ("interval", json!(1)),
                    ("rscale", json!("gregorian")),
                    ("skip", json!("omit")),
                    ("firstDayOfWeek", json!("mo")),
                ],
                "Relation" => vec![("relation", json!({}))],
                "VirtualLocation" => vec![("name", json!(""))],
                _ => vec![],
            };
            for (k, d) in defaults {
                if m.get(k) == Some(&d) {
                    m.shift_remove(k);
                }
            }
            for (_, x) in m.iter_mut() {
                normalize_json(x);
            }
            if let Some(x) = keep_lz {
                m.insert("localizations".to_owned(), x);
            }
            if let Some(x) = keep_ro {
                m.insert("recurrenceOverrides".to_owned(), x);
            }
        }
        _ => {}
    }
}

/// Keys that an i2j result may have although the expected object does not
/// show them: the mandatory properties the draft assumes every example has
/// (§1.3.1 "Implicit components … are assumed to contain all mandatory
/// properties"), and what they convert to.
const MANDATORY_JS: &[&str] = &[
    "uid",
    "updated",
    "start",
    "timeZone",
    "prodId",
    "showWithoutTime",
];

/// Compares `expected` (an example, `"..."` keys allowing more) with
/// `actual`; returns the differences.
pub fn diff_json(expected: &Value, actual: &Value) -> Vec<String> {
    let mut out = Vec::new();
    let mut ids = BTreeMap::new();
    diff_val(expected, actual, "", "", &mut out, &mut ids);
    out
}

const ID_MAPS: &[&str] = &[
    "alerts",
    "links",
    "locations",
    "virtualLocations",
    "participants",
];

fn obj_key(map: &str, v: &Value) -> Option<String> {
    match map {
        "alerts" => v["trigger"]
            .get("offset")
            .or_else(|| v["trigger"].get("when"))
            .map(Value::to_string),
        "links" => v.get("href").map(Value::to_string),
        "locations" => v.get("name").map(Value::to_string),
        "virtualLocations" => v.get("uri").map(Value::to_string),
        "participants" => v.get("calendarAddress").map(Value::to_string),
        _ => None,
    }
}

fn diff_val(
    a: &Value,
    b: &Value,
    path: &str,
    parent: &str,
    out: &mut Vec<String>,
    ids: &mut BTreeMap<String, String>,
) {
    match (a, b) {
        (Value::Object(am), Value::Object(bm)) => diff_obj(am, bm, path, parent, out, ids),
        (Value::Array(aa), Value::Array(ba)) => {
            if aa.len() != ba.len() {
                out.push(format!(
                    "{path}: {} items expected, {} found",
                    aa.len(),
                    ba.len()
                ));
            }
            for (i, (x, y)) in aa.iter().zip(ba).enumerate() {
                diff_val(x, y, &format!("{path}/{i}"), "", out, ids);
            }
        }
        _ => {
            if a != b {
                out.push(format!("{path}: expected {a}, found {b}"));
            }
        }
    }
}

fn diff_obj(
    a: &Map<String, Value>,
    b: &Map<String, Value>,
    path: &str,
    parent: &str,
    out: &mut Vec<String>,
    ids: &mut BTreeMap<String, String>,
) {
    let elided = a.contains_key("...");
    let is_calendar_object = matches!(
        a.get("@type").and_then(Value::as_str),
        Some("Event" | "Task")
    );
    // Pairs of (expected key, actual key).
    let mut pairs: Vec<(String, String)> = Vec::new();
    let mut missing: Vec<String> = Vec::new();
    let mut extra: Vec<String> = Vec::new();
    if ID_MAPS.contains(&parent) {
        let mut unmatched_b: Vec<&String> = b.keys().collect();
        let mut unmatched_a: Vec<&String> = Vec::new();
        if a.len() == 1 && b.len() == 1 {
            pairs.push((
                a.keys().next().unwrap().clone(),
                b.keys().next().unwrap().clone(),
            ));
            unmatched_b.clear();
        } else {
            for (ak, av) in a {
                let key = obj_key(parent, av);
                let found = key.and_then(|k| {
                    unmatched_b
                        .iter()
                        .position(|bk| obj_key(parent, &b[*bk]).as_deref() == Some(k.as_str()))
                });
                match found {
                    Some(i) => pairs.push((ak.clone(), unmatched_b.remove(i).clone())),
                    None => unmatched_a.push(ak),
                }
            }
            // The rest: the first actual entry that matches.
            for ak in unmatched_a {
                let pos = unmatched_b.iter().position(|bk| {
                    let mut o = Vec::new();
                    let mut i2 = ids.clone();
                    diff_val(&a[ak], &b[*bk], "", "", &mut o, &mut i2);
                    o.is_empty()
                });
                match pos {
                    Some(i) => pairs.push((ak.clone(), unmatched_b.remove(i).clone())),
                    None => missing.push(ak.clone()),
                }
            }
        }
        extra.extend(unmatched_b.into_iter().cloned());
        for (ak, bk) in &pairs {
            ids.insert(format!("{parent}:{ak}"), bk.clone());
        }
    } else {
        // Id maps first, so that references to their keys can be mapped.
        let mut keys: Vec<&String> = a.keys().filter(|k| *k != "...").collect();
        keys.sort_by_key(|k| !ID_MAPS.contains(&k.as_str()));
        for ak in keys {
            let bk = if parent == "relatedTo" && path.contains("/alerts/") {
                ids.get(&format!("alerts:{ak}"))
                    .cloned()
                    .unwrap_or_else(|| ak.clone())
            } else {
                ak.clone()
            };
            if b.contains_key(&bk) {
                pairs.push((ak.clone(), bk));
            } else {
                missing.push(ak.clone());
            }
        }
        for bk in b.keys() {
            if !pairs.iter().any(|(_, x)| x == bk) {
                extra.push(bk.clone());
            }
        }
    }
    for m in missing {
        out.push(format!("{path}/{m}: missing"));
    }
    if !elided {
        for e in extra {
            if is_calendar_object && MANDATORY_JS.contains(&e.as_str()) {
                continue;
            }
            out.push(format!("{path}/{e}: unexpected"));
        }
    }
    for (ak, bk) in pairs {
        let (av, bv) = (&a[&ak], &b[&bk]);
        if ak == "mainLocationId" {
            let mapped = av
                .as_str()
                .and_then(|k| ids.get(&format!("locations:{k}")))
                .cloned();
            if mapped.as_deref() != bv.as_str() {
                out.push(format!(
                    "{path}/{ak}: expected {av} (as {mapped:?}), found {bv}"
                ));
            }
            continue;
        }
        let p = if ID_MAPS.contains(&parent) || parent == "relatedTo" {
            format!("{path}/{bk}")
        } else {
            format!("{path}/{ak}")
        };
        diff_val(av, bv, &p, &ak, out, ids);
    }
}

// ---------------------------------------------------------------------------
// iCalendar trees modulo the normalisations.

/// A property in normal form.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct NProp {
    pub name: String,
    pub params: Vec<(String, Vec<String>)>,
    pub value: String,
}

/// A component in normal form.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct NComp {
    pub name: String,
    pub props: Vec<NProp>,
    pub comps: Vec<NComp>,
}

/// Enumerated values converted in lower case by the draft.
const ENUM_VALUES: &[&str] = &[
    "METHOD",
    "STATUS",
    "TRANSP",
    "CLASS",
    "ACTION",
    "VERSION",
    "CALSCALE",
    "PARTICIPANT-TYPE",
    "SHOW-WITHOUT-TIME",
];
/// Lists merged into one set per component.
const SET_LISTS: &[&str] = &["CATEGORIES", "CONCEPT", "LOCATION-TYPE", "PARTICIPANT-TYPE"];
/// TEXT properties (compared unescaped).
const TEXT_PROPS: &[&str] = &[
    "SUMMARY",
    "DESCRIPTION",
    "LOCATION",
    "COMMENT",
    "UID",
    "NAME",
    "CONTACT",
    "PRODID",
    "COLOR",
    "TZNAME",
    "RELATED-TO",
    "STYLED-DESCRIPTION",
    "X-WR-CALNAME",
    "X-WR-CALDESC",
];
/// Date-times compared as instants (normalisation 6), with EXDATE/RDATE as sets.
const INSTANT_PROPS: &[&str] = &["EXDATE", "RDATE", "RECURRENCE-ID", "DUE", "DTEND"];

struct Ctx<'z> {
    zones: &'z ZoneResolver,
    /// DTSTART's TZID of the component (floating values are read there).
    tzid: Option<String>,
}

fn instant(v: &DateOrDateTime, tzid: Option<&str>, ctx: &Ctx<'_>) -> String {
    match v {
        DateOrDateTime::Date(d) => format!("D{d}"),
        DateOrDateTime::DateTime(dt) => {
            let local = i64::from(dt.date.unix_days()) * 86_400
                + i64::from(dt.time.clamp_leap_second().seconds_from_midnight());
            if dt.form == TimeForm::Utc {
                return format!("I{local}");
            }
            let tz = tzid.map(str::to_owned).or_else(|| ctx.tzid.clone());
            match tz.and_then(|t| ctx.zones.resolve(&t).ok()) {
                Some(z) => format!("I{}", z.resolve_local(local).utc),
                // Floating: read as UTC (kalends-rrule's default).
                None => format!("I{local}"),
            }
        }
    }
}

fn param_list(p: &Property<'_>, drop_value_default: bool) -> Vec<(String, Vec<String>)> {
    let name = p.name().to_ascii_uppercase();
    let mut out: Vec<(String, Vec<String>)> = Vec::new();
    for param in p.params() {
        let pn = param.name().to_ascii_uppercase();
        // Enumerated parameter values compare ignoring case (RFC 5545 §3.2);
        // free text (CN, TZID, addresses …) as written, quoted or not.
        let enumerated = matches!(
            pn.as_str(),
            "PARTSTAT"
                | "ROLE"
                | "CUTYPE"
                | "RSVP"
                | "VALUE"
                | "ENCODING"
                | "RELATED"
                | "RELTYPE"
                | "FBTYPE"
                | "RANGE"
                | "FEATURE"
                | "DISPLAY"
                | "DERIVED"
                | "SCHEDULE-AGENT"
                | "SCHEDULE-FORCE-SEND"
        );
        let mut values: Vec<String> = param
            .values()
            .map(|v| {
                if enumerated {
                    v.to_ascii_uppercase()
                } else {
                    v.into_owned()
                }
            })
            .collect();
        if pn == "VALUE" && drop_value_default {
            let v = values.first().cloned().unwrap_or_default();
            // VALUE=DATE on a value that is a DATE by its form.
            if v == "DATE"
                && p.value()
                    .split(',')
                    .all(|x| x.len() == 8 && x.bytes().all(|b| b.is_ascii_digit()))
            {
                continue;
            }
            let default = default_value_type(&name).map(|t| t.as_str().to_ascii_uppercase());
            let implied = default.as_deref() == Some(v.as_str())
                || (v == "URI" && matches!(name.as_str(), "IMAGE" | "CONFERENCE" | "SOURCE"))
                || (v == "BOOLEAN" && name == "SHOW-WITHOUT-TIME")
                || (v == "TEXT" && name == "STYLED-DESCRIPTION");
            if implied {
                continue;
            }
        }
        if matches!(pn.as_str(), "FEATURE" | "DISPLAY" | "RELTYPE") {
            values.sort();
        }
        // Normalisation 9: a parameter with its RFC 5545 default value
        // (§3.2.3, §3.2.12, §3.2.14, §3.2.15, §3.2.16, §3.2.17).
        let default = match pn.as_str() {
            "PARTSTAT" => Some("NEEDS-ACTION"),
            "ROLE" => Some("REQ-PARTICIPANT"),
            "RSVP" => Some("FALSE"),
            "CUTYPE" => Some("INDIVIDUAL"),
            "RELATED" => Some("START"),
            "RELTYPE" => Some("PARENT"),
            _ => None,
        };
        if default.is_some() && values.len() == 1 && values.first().map(String::as_str) == default {
            continue;
        }
        // A repeated parameter is one parameter with all the values.
        match out.iter_mut().find(|(n, _)| *n == pn) {
            Some((_, vs)) => vs.extend(values),
            None => out.push((pn, values)),
        }
    }
    out.sort();
    out
}

fn norm_value(p: &Property<'_>, ctx: &Ctx<'_>) -> String {
    let name = p.name().to_ascii_uppercase();
    let v = p.value();
    let is_date_prop = matches!(
        name.as_str(),
        "DTSTART"
            | "DTEND"
            | "DUE"
            | "RECURRENCE-ID"
            | "EXDATE"
            | "RDATE"
            | "DTSTAMP"
            | "CREATED"
            | "LAST-MODIFIED"
            | "ACKNOWLEDGED"
            | "COMPLETED"
            | "TZUNTIL"
    );
    if TEXT_PROPS.contains(&name.as_str()) {
        return p.text_value().into_owned();
    }
    if ENUM_VALUES.contains(&name.as_str()) {
        return v.to_ascii_uppercase();
    }
    if matches!(name.as_str(), "RRULE" | "EXRULE") {
        if let Ok(mut r) = Recur::parse(v) {
            if let Some(u) = r.until.take() {
                // A DATE UNTIL is midnight of that day (as kalends-rrule reads it).
                let u = DateOrDateTime::DateTime(u.to_date_time());
                let until = instant(&u, None, ctx);
                r.rscale = r.rscale.map(|s| s.to_ascii_uppercase());
                return format!("{r} UNTIL {until}");
            }
            r.rscale = r.rscale.map(|s| s.to_ascii_uppercase());
            return r.to_string();
        }
        return v.to_owned();
    }
    if (matches!(name.as_str(), "DURATION" | "ESTIMATED-DURATION")
        || (name == "TRIGGER" && (!v.contains('T') || v.starts_with(['P', '-', '+', 'p']))))
        && let Ok(d) = Duration::parse(v)
    {
        let days = i64::from(d.weeks) * 7 + i64::from(d.days);
        let secs = i64::from(d.hours) * 3600 + i64::from(d.minutes) * 60 + i64::from(d.seconds);
        return format!("{}{days}D{secs}S", if d.negative { "-" } else { "+" });
    }
    if matches!(
        name.as_str(),
        "SEQUENCE" | "PRIORITY" | "PERCENT-COMPLETE" | "REPEAT"
    ) && let Ok(n) = v.trim().parse::<i64>()
    {
        return n.to_string();
    }
    if name == "GEO"
        && let Ok(g) = kalends_ical_core::value::Geo::parse(v)
    {
        return g.to_string();
    }
    if name == "RDATE" && v.contains('/') {
        let mut out: Vec<String> = Vec::new();
        for item in v.split(',') {
            if let Ok(per) = kalends_ical_core::value::Period::parse(item) {
                let start = DateOrDateTime::DateTime(per.start);
                let tz = p.param_value("TZID");
                let s = instant(&start, tz.as_deref(), ctx);
                let e = match per.end {
                    kalends_ical_core::value::PeriodEnd::End(e) => {
                        let e = instant(&DateOrDateTime::DateTime(e), tz.as_deref(), ctx);
                        let (a, b) = (
                            s[1..].parse::<i64>().unwrap_or(0),
                            e[1..].parse::<i64>().unwrap_or(0),
                        );
                        (b - a).to_string()
                    }
                    kalends_ical_core::value::PeriodEnd::Duration(d) => {
                        d.exact_seconds().to_string()
                    }
                };
                out.push(format!("{s}/{e}"));
            } else {
                out.push(item.to_owned());
            }
        }
        return out.join(",");
    }
    if is_date_prop {
        let tz = p.param_value("TZID");
        let mut items: Vec<String> = v
            .split(',')
            .map(|item| match DateOrDateTime::parse(item) {
                Ok(d) if INSTANT_PROPS.contains(&name.as_str()) => instant(&d, tz.as_deref(), ctx),
                Ok(d) => d.to_string(),
                Err(_) => item.to_owned(),
            })
            .collect();
        items.sort();
        return items.join(",");
    }
    v.to_owned()
}

fn norm_prop(p: &Property<'_>, ctx: &Ctx<'_>) -> NProp {
    let name = p.name().to_ascii_uppercase();
    let mut params = param_list(p, true);
    if INSTANT_PROPS.contains(&name.as_str()) {
        // The zone is part of the instant.
        params.retain(|(n, _)| n != "TZID");
    }
    NProp {
        name,
        params,
        value: norm_value(p, ctx),
    }
}

/// The normal form of a component (and its sub-components).
pub fn normalize_comp(c: &Component<'_>, zones: &ZoneResolver) -> NComp {
    let ctx = Ctx {
        zones,
        tzid: c
            .property("DTSTART")
            .and_then(|p| p.param_value("TZID"))
            .map(|t| t.into_owned()),
    };
    let mut props: Vec<NProp> = Vec::new();
    let mut sets: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut instants: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for p in c.properties() {
        let name = p.name().to_ascii_uppercase();
        let plain = param_list(p, true).is_empty();
        if SET_LISTS.contains(&name.as_str()) && plain {
            let e = sets.entry(name.clone()).or_default();
            for v in kalends_ical_core::value::split_text_list(p.value()) {
                let v = if name == "PARTICIPANT-TYPE" {
                    v.to_ascii_uppercase()
                } else {
                    v.into_owned()
                };
                if !e.contains(&v) {
                    e.push(v);
                }
            }
            continue;
        }
        if matches!(name.as_str(), "EXDATE" | "RDATE") {
            let np = norm_prop(p, &ctx);
            if np.params.iter().all(|(n, _)| n == "VALUE") {
                let e = instants.entry(name.clone()).or_default();
                for v in np.value.split(',') {
                    if !e.contains(&v.to_owned()) {
                        e.push(v.to_owned());
                    }
                }
                continue;
            }
            props.push(np);
            continue;
        }
        props.push(norm_prop(p, &ctx));
    }
    for (name, mut values) in sets {
        values.sort();
        props.push(NProp {
            name,
            params: Vec::new(),
            value: values.join(","),
        });
    }
    for (name, mut values) in instants {
        values.sort();
        props.push(NProp {
            name,
            params: Vec::new(),
            value: values.join(","),
        });
    }
    props.sort();
    let mut comps: Vec<NComp> = c
        .components()
        .iter()
        .map(|s| normalize_comp(s, zones))
        .collect();
    comps.sort();
    NComp {
        name: c.name().to_ascii_uppercase(),
        props,
        comps,
    }
}

/// The normal form of a VCALENDAR, with normalisation 8: the PRODID and
/// VERSION a conversion adds when there were none.
pub fn normalize_calendar(c: &Component<'_>) -> NComp {
    let zones = ZoneResolver::from_calendar(c);
    let mut n = normalize_comp(c, &zones);
    n.props.retain(|p| {
        !(p.name == "PRODID" && p.value == "-//kalends//kalends-jscalendar//EN"
            || p.name == "VERSION" && p.value == "2.0" && p.params.is_empty())
    });
    n
}

/// The differences between two normal forms, as readable lines.
pub fn diff_ncomp(a: &NComp, b: &NComp, path: &str, out: &mut Vec<String>) {
    let here = format!("{path}/{}", a.name);
    for p in &a.props {
        if !b.props.contains(p) {
            out.push(format!("{here}: lost {p:?}"));
        }
    }
    for p in &b.props {
        if !a.props.contains(p) {
            out.push(format!("{here}: gained {p:?}"));
        }
    }
    let mut rest: Vec<&NComp> = b.comps.iter().collect();
    for c in &a.comps {
        if let Some(i) = rest.iter().position(|x| *x == c) {
            rest.remove(i);
            continue;
        }
        match rest.iter().position(|x| x.name == c.name) {
            Some(i) => {
                let other = rest.remove(i);
                diff_ncomp(c, other, &here, out);
            }
            None => out.push(format!("{here}: lost component {}", c.name)),
        }
    }
    for c in rest {
        out.push(format!("{here}: gained component {}", c.name));
    }
}

// ---------------------------------------------------------------------------
// iCalendar example vs output (j2i).

/// Mandatory properties (RFC 5545 §3.6, RFC 9073 §7) the output may have
/// although the example does not show them (§1.3.1).
fn mandatory(comp: &str) -> &'static [&'static str] {
    match comp {
        // UID: what the Group's mandatory uid (RFC 8984 §4.1.2) converts to.
        "VCALENDAR" => &["PRODID", "VERSION", "UID"],
        "VEVENT" => &["UID", "DTSTAMP", "DTSTART"],
        "VTODO" => &["UID", "DTSTAMP"],
        "VALARM" => &["ACTION", "TRIGGER", "DESCRIPTION", "SUMMARY", "ATTENDEE"],
        "PARTICIPANT" => &["UID", "PARTICIPANT-TYPE"],
        "VLOCATION" => &["UID"],
        "VTIMEZONE" => &["TZID"],
        "STANDARD" | "DAYLIGHT" => &["DTSTART", "TZOFFSETFROM", "TZOFFSETTO"],
        _ => &[],
    }
}

/// Compares an example component with output; returns the differences.
pub fn diff_ical(e: &ExComp, a: &Component<'_>, id_names: &[&str]) -> Vec<String> {
    let zones = ZoneResolver::new();
    let mut out = Vec::new();
    diff_excomp(e, a, "", id_names, &zones, &mut out);
    out
}

fn prop_matches(e: &Property<'_>, a: &Property<'_>, id_names: &[&str], ctx: &Ctx<'_>) -> bool {
    let ne = norm_prop(e, ctx);
    let mut na = norm_prop(a, ctx);
    // A key parameter is written where the example's ids are not the ones
    // the conversion would make; the example does not show it.
    if !ne
        .params
        .iter()
        .any(|(n, _)| id_names.contains(&n.as_str()))
    {
        na.params.retain(|(n, _)| !id_names.contains(&n.as_str()));
    }
    ne == na
}

fn diff_excomp(
    e: &ExComp,
    a: &Component<'_>,
    path: &str,
    id_names: &[&str],
    zones: &ZoneResolver,
    out: &mut Vec<String>,
) {
    let here = format!("{path}/{}", e.name);
    if !a.is(&e.name) {
        out.push(format!("{here}: found {}", a.name()));
        return;
    }
    let ctx = Ctx {
        zones,
        tzid: a
            .property("DTSTART")
            .and_then(|p| p.param_value("TZID"))
            .map(|t| t.into_owned()),
    };
    // Properties, by name.
    let mut names: Vec<String> = e
        .props
        .iter()
        .map(|p| p.name().to_ascii_uppercase())
        .collect();
    names.dedup();
    names.sort();
    names.dedup();
    for name in &names {
        let exp: Vec<&Property<'_>> = e.props.iter().filter(|p| p.is(name)).collect();
        let mut act: Vec<&Property<'_>> = a.properties().iter().filter(|p| p.is(name)).collect();
        if SET_LISTS.contains(&name.as_str()) {
            let collect = |ps: &[&Property<'_>]| {
                let mut v: Vec<String> = ps
                    .iter()
                    .flat_map(|p| {
                        kalends_ical_core::value::split_text_list(p.value())
                            .map(|s| s.to_ascii_uppercase())
                            .collect::<Vec<_>>()
                    })
                    .collect();
                v.sort();
                v.dedup();
                v
            };
            if collect(&exp) != collect(&act) {
                out.push(format!(
                    "{here}: {name} values differ: expected {:?}, found {:?}",
                    collect(&exp),
                    collect(&act)
                ));
            }
            continue;
        }
        for ep in &exp {
            match act
                .iter()
                .position(|ap| prop_matches(ep, ap, id_names, &ctx))
            {
                Some(i) => {
                    act.remove(i);
                }
                None => out.push(format!(
                    "{here}: expected {}, found {:?}",
                    write_prop(ep),
                    a.properties()
                        .iter()
                        .filter(|p| p.is(name))
                        .map(write_prop)
                        .collect::<Vec<_>>()
                )),
            }
        }
        for ap in act {
            out.push(format!("{here}: unexpected {}", write_prop(ap)));
        }
    }
    for ap in a.properties() {
        let n = ap.name().to_ascii_uppercase();
        if names.contains(&n) || e.allow_any || mandatory(&e.name).contains(&n.as_str()) {
            continue;
        }
        if id_names.contains(&n.as_str()) {
            continue;
        }
        out.push(format!("{here}: unexpected {}", write_prop(ap)));
    }
    // Components: each expected one matches one actual one.
    let mut rest: Vec<&Component<'_>> = a.components().iter().collect();
    for ec in &e.comps {
        let pos = rest.iter().position(|ac| {
            let mut o = Vec::new();
            diff_excomp(ec, ac, &here, id_names, zones, &mut o);
            o.is_empty()
        });
        match pos {
            Some(i) => {
                rest.remove(i);
            }
            None => match rest.iter().position(|ac| ac.is(&ec.name)) {
                Some(i) => {
                    let ac = rest.remove(i);
                    diff_excomp(ec, ac, &here, id_names, zones, out);
                }
                None => out.push(format!("{here}: missing component {}", ec.name)),
            },
        }
    }
    if !e.allow_any {
        for ac in rest {
            out.push(format!("{here}: unexpected component {}", ac.name()));
        }
    }
}

fn write_prop(p: &Property<'_>) -> String {
    let mut c = Component::new("X");
    c.push(p.clone());
    let s = c.to_string();
    s.trim_start_matches("BEGIN:X\r\n")
        .trim_end_matches("END:X\r\n")
        .trim_end()
        .to_owned()
}
