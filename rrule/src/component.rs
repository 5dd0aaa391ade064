//! Occurrences of VEVENT, VTODO and VJOURNAL components, and of a whole
//! calendar over a window.
//!
//! A component's recurrence set is DTSTART (or, for a VTODO without one,
//! DUE) + RRULEs + RDATEs − EXRULEs − EXDATEs (RFC 5545 §3.8.5). Each
//! occurrence has the component's duration: from DTEND or DUE as an exact
//! duration, from DURATION as a nominal one (RFC 5545 §3.8.5.3: "the same
//! nominal duration will apply … the exact duration of each recurrence
//! instance will depend on its specific start time"); an RDATE PERIOD
//! brings its own end. Components with the same UID and a RECURRENCE-ID
//! override the occurrence they name (RFC 5545 §3.8.4.4); with
//! `RANGE=THISANDFUTURE` they also shift and re-time every later
//! occurrence. An override with `STATUS:CANCELLED` removes its occurrence.
//! An override whose RECURRENCE-ID the set does not generate is an extra
//! occurrence (RFC 8984 §4.3.5 reads such ids as additions).
//!
//! Windows use the overlap test of CalDAV time-range queries (RFC 4791
//! §9.9): an occurrence with a positive duration overlaps `[start, end)`
//! when it starts before `end` and ends after `start`; one without duration
//! when it starts in `[start, end)`; an all-day one without end lasts a day.

use std::borrow::Cow;
use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};

use jiff::Timestamp;
use kalends_ical_core::value::{DateOrDateTime, Duration, Period, PeriodEnd, Recur};
use kalends_ical_core::{Component, Property};

use crate::error::{Error, ErrorKind, quote};
use crate::recurrence::{Form, Instance, Options};
use crate::set::RecurrenceSet;
use crate::zone::{Zone, ZoneCursor, ZoneResolver};

/// Options of component and calendar expansion.
#[derive(Debug, Clone)]
pub struct ExpandOptions {
    /// Options of each recurrence (DST gaps, quirks, the floating zone, the
    /// work budget of each series).
    pub recurrence: Options,
    /// Keep occurrences that a `STATUS:CANCELLED` override (or a cancelled
    /// series) removes, marked [`Occurrence::cancelled`]. Off by default.
    pub include_cancelled: bool,
    /// The most occurrences one expansion returns before it fails with
    /// [`ErrorKind::BudgetExhausted`]. Default 10,000,000.
    pub max_occurrences: usize,
}

impl Default for ExpandOptions {
    fn default() -> ExpandOptions {
        ExpandOptions {
            recurrence: Options::default(),
            include_cancelled: false,
            max_occurrences: 10_000_000,
        }
    }
}

/// One occurrence of a component.
#[derive(Debug, Clone)]
pub struct Occurrence<'c, 'a> {
    /// The component that describes it: the series' master, or the
    /// override that replaces this occurrence.
    pub component: &'c Component<'a>,
    /// Its start.
    pub start: Instance,
    /// Its end: start plus the duration (equal to `start` when the
    /// component has none).
    pub end: Instance,
    /// The RECURRENCE-ID of this occurrence (its start as the rule
    /// generated it); `None` for a component that does not recur.
    pub recurrence_id: Option<Instance>,
    /// True when an override replaced the generated occurrence.
    pub is_override: bool,
    /// True when the occurrence is cancelled (only with
    /// [`ExpandOptions::include_cancelled`]).
    pub cancelled: bool,
}

impl Occurrence<'_, '_> {
    /// The UID of the component, if any.
    pub fn uid(&self) -> Option<&str> {
        self.component.property("UID").map(Property::value)
    }
}

/// How long each occurrence lasts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Length {
    /// No end: zero duration (an all-day one counts as one day in windows).
    None,
    /// Elapsed seconds (DTEND, DUE).
    Exact(i64),
    /// Nominal days on the wall clock, then elapsed seconds (DURATION).
    Nominal { days: i64, seconds: i64 },
}

fn length_of(d: &Duration) -> Length {
    let sign: i64 = if d.negative { -1 } else { 1 };
    let days = sign * (i64::from(d.weeks) * 7 + i64::from(d.days));
    let seconds =
        sign * (i64::from(d.hours) * 3600 + i64::from(d.minutes) * 60 + i64::from(d.seconds));
    Length::Nominal { days, seconds }
}

fn component_error(c: &Component<'_>, message: String) -> Error {
    let uid = c
        .property("UID")
        .map_or_else(String::new, |p| format!(" (UID {})", quote(p.value())));
    Error::new(
        ErrorKind::InvalidComponent,
        format!("the {}{uid} {message}", c.name()),
    )
}

fn value_error(c: &Component<'_>, p: &Property<'_>, e: kalends_ical_core::Error) -> Error {
    let uid = c
        .property("UID")
        .map_or_else(String::new, |p| format!(" (UID {})", quote(p.value())));
    Error::from_value(&format!("{}{uid} {}", c.name(), p.name()), e)
}

/// The value and zone of a DATE / DATE-TIME property with its TZID.
fn date_prop(
    c: &Component<'_>,
    p: &Property<'_>,
    zones: &ZoneResolver,
) -> Result<(DateOrDateTime, Option<Zone>), Error> {
    let v = DateOrDateTime::parse(p.value().trim()).map_err(|e| value_error(c, p, e))?;
    let zone = match (v, p.param_value("TZID")) {
        (DateOrDateTime::DateTime(dt), Some(tzid))
            if dt.form == kalends_ical_core::value::TimeForm::Floating =>
        {
            Some(zones.resolve(&tzid)?)
        }
        _ => None,
    };
    Ok((v, zone))
}

/// The end of an occurrence starting at `start` and lasting `length`, in
/// the series' zone (through `zone`, its cursor).
fn end_of(start: &Instance, length: Length, zone: &mut ZoneCursor) -> Instance {
    match length {
        Length::None => *start,
        Length::Exact(secs) => {
            let utc = start.utc_seconds().saturating_add(secs);
            let (local, offset) = match start.form() {
                Form::Zoned => {
                    let o = zone.offset_at(utc);
                    (utc.saturating_add(i64::from(o)), o)
                }
                _ => (
                    start.local_seconds().saturating_add(secs),
                    start.offset_seconds(),
                ),
            };
            Instance::from_parts(local, utc, offset, start.form())
        }
        Length::Nominal { days, seconds } => {
            let wall = start
                .local_seconds()
                .saturating_add(days.saturating_mul(86_400));
            match start.form() {
                Form::Zoned => {
                    let utc = zone.resolve(wall).utc.saturating_add(seconds);
                    let o = zone.offset_at(utc);
                    Instance::from_parts(utc.saturating_add(i64::from(o)), utc, o, Form::Zoned)
                }
                form => {
                    let local = wall.saturating_add(seconds);
                    let utc = start
                        .utc_seconds()
                        .saturating_add(local - start.local_seconds());
                    Instance::from_parts(local, utc, start.offset_seconds(), form)
                }
            }
        }
    }
}

/// Moves `inst` by `delta` seconds of wall-clock time in `zone`.
fn shift(inst: &Instance, delta: i64, zone: &mut ZoneCursor) -> Instance {
    if delta == 0 {
        return *inst;
    }
    let local = inst.local_seconds().saturating_add(delta);
    match inst.form() {
        Form::Zoned => {
            let r = zone.resolve(local);
            Instance::from_parts(
                r.utc.saturating_add(i64::from(r.offset)),
                r.utc,
                r.offset,
                Form::Zoned,
            )
        }
        form => Instance::from_parts(
            local,
            inst.utc_seconds().saturating_add(delta),
            inst.offset_seconds(),
            form,
        ),
    }
}

/// The overlap test of RFC 4791 §9.9 for `[start, end)`.
fn overlaps(kind: Kind, s: &Instance, e: &Instance, length: Length, start: i64, end: i64) -> bool {
    let (su, eu) = (s.utc_seconds(), e.utc_seconds());
    match (kind, length) {
        (Kind::Todo, Length::None) if s == e => start <= su && end > su,
        (Kind::Todo, _) => (start < eu || start <= su) && (end > su || end >= eu),
        (_, Length::None) if s.is_date() => start < su.saturating_add(86_400) && end > su,
        _ if eu > su => start < eu && end > su,
        _ => start <= su && end > su,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Kind {
    Event,
    Todo,
    Journal,
}

/// A component's series: its recurrence set and how long occurrences last.
struct Series<'c, 'a> {
    master: &'c Component<'a>,
    kind: Kind,
    set: RecurrenceSet,
    zone: Zone,
    length: Length,
    periods: HashMap<i64, Instance>,
    recurs: bool,
    cancelled: bool,
}

fn is_cancelled(c: &Component<'_>) -> bool {
    c.property("STATUS")
        .is_some_and(|p| p.value().trim().eq_ignore_ascii_case("CANCELLED"))
}

fn kind_of(c: &Component<'_>) -> Option<Kind> {
    if c.is("VEVENT") {
        Some(Kind::Event)
    } else if c.is("VTODO") {
        Some(Kind::Todo)
    } else if c.is("VJOURNAL") {
        Some(Kind::Journal)
    } else {
        None
    }
}

/// A component's start, its zone, its length and whether the start is DUE.
type Anchor = (DateOrDateTime, Option<Zone>, Length, bool);

/// The start of `c` and its length: DTSTART (DUE for a VTODO without one),
/// DTEND / DUE / DURATION. `None` when it has neither DTSTART nor DUE.
fn start_and_length(
    c: &Component<'_>,
    kind: Kind,
    zones: &ZoneResolver,
) -> Result<Option<Anchor>, Error> {
    let start_prop = c.property("DTSTART");
    let due_prop = c.property("DUE");
    let (anchor, from_due) = match (start_prop, due_prop, kind) {
        (Some(p), _, _) => (p, false),
        (None, Some(p), Kind::Todo) => (p, true),
        _ => return Ok(None),
    };
    let (start, zone) = date_prop(c, anchor, zones)?;
    let end_prop = match kind {
        Kind::Event => c.property("DTEND"),
        Kind::Todo if !from_due => due_prop,
        _ => None,
    };
    let length = if let Some(p) = end_prop {
        let (end, end_zone) = date_prop(c, p, zones)?;
        let opts = Options::default();
        let set = RecurrenceSet::new(start, zone.as_ref(), &opts)?;
        let s = set.instance_of(start, zone.as_ref());
        let e = set.instance_of(end, end_zone.as_ref().or(zone.as_ref()));
        let secs = match (start, end) {
            (DateOrDateTime::Date(_), _) | (_, DateOrDateTime::Date(_)) => {
                e.local_seconds() - s.local_seconds()
            }
            _ => e.utc_seconds() - s.utc_seconds(),
        };
        Length::Exact(secs.max(0))
    } else if let Some(p) = c.property("DURATION").filter(|_| kind != Kind::Journal) {
        let d = Duration::parse(p.value().trim()).map_err(|e| value_error(c, p, e))?;
        length_of(&d)
    } else if start.is_date() && kind == Kind::Event {
        // RFC 5545 §3.6.1: an all-day VEVENT without DTEND lasts one day.
        Length::Nominal {
            days: 1,
            seconds: 0,
        }
    } else {
        Length::None
    };
    Ok(Some((start, zone, length, from_due)))
}

impl<'c, 'a> Series<'c, 'a> {
    fn new(
        master: &'c Component<'a>,
        zones: &ZoneResolver,
        options: &Options,
    ) -> Result<Option<Self>, Error> {
        let Some(kind) = kind_of(master) else {
            return Ok(None);
        };
        let Some((start, zone, length, _)) = start_and_length(master, kind, zones)? else {
            if master.property("RRULE").is_some() || master.property("RDATE").is_some() {
                return Err(component_error(
                    master,
                    "has an RRULE or RDATE but no DTSTART.".into(),
                ));
            }
            return Ok(None);
        };
        let mut set = RecurrenceSet::new(start, zone.as_ref(), options)?;
        let mut recurs = false;
        for p in master.properties_named("RRULE") {
            let rule = Recur::parse(p.value().trim()).map_err(|e| value_error(master, p, e))?;
            set.add_rrule(&rule)?;
            recurs = true;
        }
        for p in master.properties_named("EXRULE") {
            let rule = Recur::parse(p.value().trim()).map_err(|e| value_error(master, p, e))?;
            set.add_exrule(&rule)?;
        }
        let series_zone = zone
            .clone()
            .or_else(|| options.floating_zone.clone())
            .unwrap_or_else(Zone::utc);
        let mut periods = HashMap::new();
        for p in master.properties_named("RDATE") {
            recurs = true;
            let z = p
                .param_value("TZID")
                .map(|t| zones.resolve(&t))
                .transpose()?;
            for item in p
                .value()
                .split(',')
                .map(str::trim)
                .filter(|i| !i.is_empty())
            {
                if item.contains('/') {
                    let per = Period::parse(item).map_err(|e| value_error(master, p, e))?;
                    let s = set.instance_of(DateOrDateTime::DateTime(per.start), z.as_ref());
                    let e = match per.end {
                        PeriodEnd::End(end) => {
                            set.instance_of(DateOrDateTime::DateTime(end), z.as_ref())
                        }
                        PeriodEnd::Duration(d) => {
                            end_of(&s, length_of(&d), &mut ZoneCursor::new(&series_zone))
                        }
                    };
                    set.add_rdate(DateOrDateTime::DateTime(per.start), z.as_ref());
                    periods.insert(s.utc_seconds(), e);
                } else {
                    let v = DateOrDateTime::parse(item).map_err(|e| value_error(master, p, e))?;
                    set.add_rdate(v, z.as_ref());
                }
            }
        }
        for p in master.properties_named("EXDATE") {
            let z = p
                .param_value("TZID")
                .map(|t| zones.resolve(&t))
                .transpose()?;
            for item in p
                .value()
                .split(',')
                .map(str::trim)
                .filter(|i| !i.is_empty())
            {
                let v = DateOrDateTime::parse(item).map_err(|e| value_error(master, p, e))?;
                set.add_exdate(v, z.as_ref());
            }
        }
        Ok(Some(Series {
            master,
            kind,
            set,
            zone: series_zone,
            length,
            periods,
            recurs,
            cancelled: is_cancelled(master),
        }))
    }

    /// The longest an occurrence can last, in seconds (for window margins).
    fn max_length(&self) -> i64 {
        let l = |len: Length| match len {
            Length::None => 86_400,
            Length::Exact(s) => s,
            Length::Nominal { days, seconds } => days
                .saturating_mul(86_400)
                .saturating_add(seconds)
                .saturating_add(7200),
        };
        let periods = self
            .periods
            .iter()
            .map(|(s, e)| e.utc_seconds() - s)
            .max()
            .unwrap_or(0);
        l(self.length).max(periods).max(0)
    }

    fn end_for(&self, start: &Instance, zone: &mut ZoneCursor) -> Instance {
        if !self.periods.is_empty()
            && let Some(e) = self.periods.get(&start.utc_seconds())
        {
            return *e;
        }
        end_of(start, self.length, zone)
    }
}

/// An override of one occurrence.
struct Override<'c, 'a> {
    component: &'c Component<'a>,
    /// The RECURRENCE-ID as an instance of the series.
    rid: Instance,
    start: Instance,
    length: Length,
    future: bool,
    cancelled: bool,
}

fn make_override<'c, 'a>(
    series: &Series<'c, 'a>,
    c: &'c Component<'a>,
    zones: &ZoneResolver,
) -> Result<Override<'c, 'a>, Error> {
    let Some(p) = c.property("RECURRENCE-ID") else {
        return Err(component_error(c, "has no RECURRENCE-ID.".into()));
    };
    let (v, z) = date_prop(c, p, zones)?;
    let rid = series.set.instance_of(v, z.as_ref());
    let future = p
        .param_value("RANGE")
        .is_some_and(|r| r.eq_ignore_ascii_case("THISANDFUTURE"));
    let (start, length) = match start_and_length(c, series.kind, zones)? {
        Some((s, sz, len, _)) => (series.set.instance_of(s, sz.as_ref()), len),
        None => (rid, series.length),
    };
    // An override without an end of its own keeps the series' length.
    let has_end = c.property("DTEND").is_some()
        || c.property("DUE").is_some()
        || c.property("DURATION").is_some();
    let length = if has_end { length } else { series.length };
    Ok(Override {
        component: c,
        rid,
        start,
        length,
        future,
        cancelled: is_cancelled(c),
    })
}

/// The occurrences of one series (a master and its overrides) that overlap
/// `[start, end)` (seconds since the epoch), appended to `out`.
fn expand_series<'c, 'a>(
    series: &Series<'c, 'a>,
    overrides: &[&'c Component<'a>],
    zones: &ZoneResolver,
    start: i64,
    end: i64,
    options: &ExpandOptions,
    out: &mut Vec<Occurrence<'c, 'a>>,
) -> Result<(), Error> {
    let mut cursor = ZoneCursor::new(&series.zone);
    let mut exact: HashMap<i64, Override<'c, 'a>> = HashMap::new();
    let mut future: Vec<Override<'c, 'a>> = Vec::new();
    for c in overrides {
        let o = make_override(series, c, zones)?;
        if o.future {
            future.push(o);
        } else {
            exact.insert(o.rid.utc_seconds(), o);
        }
    }
    future.sort_by_key(|o| o.rid.utc_seconds());
    let keep = |cancelled: bool| !cancelled || options.include_cancelled;

    if !series.recurs {
        let s = series.set.dtstart();
        let (component, s2, len, is_override, cancelled) = match exact.remove(&s.utc_seconds()) {
            Some(o) => (
                o.component,
                o.start,
                o.length,
                true,
                o.cancelled || series.cancelled,
            ),
            None => (series.master, s, series.length, false, series.cancelled),
        };
        let e = end_of(&s2, len, &mut cursor);
        if keep(cancelled) && overlaps(series.kind, &s2, &e, len, start, end) {
            let rid = is_override.then_some(s);
            out.push(Occurrence {
                component,
                start: s2,
                end: e,
                recurrence_id: rid,
                is_override,
                cancelled,
            });
        }
        return Ok(());
    }

    // Generate the original starts that can reach the window, allowing for
    // durations and THISANDFUTURE shifts.
    let shifts = future
        .iter()
        .map(|o| o.start.local_seconds() - o.rid.local_seconds());
    let (mut ahead, mut behind) = (0i64, 0i64);
    for d in shifts {
        ahead = ahead.max(d);
        behind = behind.max(-d);
    }
    let longest = future
        .iter()
        .map(|o| length_secs(o.length))
        .fold(series.max_length(), i64::max);
    let gen_start = start
        .saturating_sub(longest)
        .saturating_sub(ahead)
        .saturating_sub(86_400);
    let gen_end = end.saturating_add(behind).saturating_add(86_400);
    for inst in series.set.between_seconds(gen_start, gen_end) {
        let rid = inst?;
        if exact.contains_key(&rid.utc_seconds()) {
            continue;
        }
        let governing = future
            .iter()
            .rev()
            .find(|o| o.rid.utc_seconds() <= rid.utc_seconds());
        let (component, s, e, len, is_override, cancelled) = match governing {
            Some(o) => {
                let delta = o.start.local_seconds() - o.rid.local_seconds();
                let s = shift(&rid, delta, &mut cursor);
                let e = end_of(&s, o.length, &mut cursor);
                (
                    o.component,
                    s,
                    e,
                    o.length,
                    true,
                    o.cancelled || series.cancelled,
                )
            }
            None => (
                series.master,
                rid,
                series.end_for(&rid, &mut cursor),
                series.length,
                false,
                series.cancelled,
            ),
        };
        if keep(cancelled) && overlaps(series.kind, &s, &e, len, start, end) {
            out.push(Occurrence {
                component,
                start: s,
                end: e,
                recurrence_id: Some(rid),
                is_override,
                cancelled,
            });
            if out.len() > options.max_occurrences {
                return Err(too_many(options));
            }
        }
    }
    for o in exact.into_values() {
        let e = end_of(&o.start, o.length, &mut cursor);
        let cancelled = o.cancelled || series.cancelled;
        if keep(cancelled) && overlaps(series.kind, &o.start, &e, o.length, start, end) {
            out.push(Occurrence {
                component: o.component,
                start: o.start,
                end: e,
                recurrence_id: Some(o.rid),
                is_override: true,
                cancelled,
            });
        }
    }
    Ok(())
}

fn length_secs(l: Length) -> i64 {
    match l {
        Length::None => 0,
        Length::Exact(s) => s.max(0),
        Length::Nominal { days, seconds } => days
            .saturating_mul(86_400)
            .saturating_add(seconds)
            .saturating_add(7200)
            .max(0),
    }
}

fn too_many(options: &ExpandOptions) -> Error {
    Error::new(
        ErrorKind::BudgetExhausted,
        format!(
            "the window holds more than {} occurrences, the work budget (max_occurrences).",
            options.max_occurrences
        ),
    )
}

/// The occurrences of one component with its overrides (components with
/// the same UID and a RECURRENCE-ID) that overlap `[start, end)`, in order
/// of start. TZIDs are resolved with `zones`.
pub fn expand_component<'c, 'a>(
    master: &'c Component<'a>,
    overrides: &[&'c Component<'a>],
    zones: &ZoneResolver,
    start: Timestamp,
    end: Timestamp,
    options: &ExpandOptions,
) -> Result<Vec<Occurrence<'c, 'a>>, Error> {
    let mut out = Vec::new();
    if let Some(series) = Series::new(master, zones, &options.recurrence)? {
        expand_series(
            &series,
            overrides,
            zones,
            start.as_second(),
            end.as_second(),
            options,
            &mut out,
        )?;
    }
    sort(&mut out);
    Ok(out)
}

/// Orders by start, then end; ties keep the calendar's order (stable sort).
fn sort(out: &mut [Occurrence<'_, '_>]) {
    let key = |o: &Occurrence<'_, '_>| (o.start.utc_seconds(), o.end.utc_seconds());
    if out.is_sorted_by_key(key) {
        return;
    }
    // Sort small keys (the index keeps ties in calendar order), then apply
    // the permutation in place, cycle by cycle: each occurrence moves once.
    let mut keys: Vec<(i64, i64, usize)> = out
        .iter()
        .enumerate()
        .map(|(i, o)| (o.start.utc_seconds(), o.end.utc_seconds(), i))
        .collect();
    keys.sort_unstable();
    let mut order: Vec<usize> = keys.into_iter().map(|k| k.2).collect();
    for i in 0..order.len() {
        let mut j = i;
        while let Some(slot) = order.get_mut(j) {
            let k = *slot;
            *slot = j;
            if k == i || k == j || k >= out.len() {
                break;
            }
            out.swap(j, k);
            j = k;
        }
    }
}

/// Groups the VEVENT, VTODO and VJOURNAL children of `calendar` into series
/// (by UID) and expands each over `[start, end)`.
fn expand_all<'c, 'a>(
    calendar: &'c Component<'a>,
    start: i64,
    end: i64,
    options: &ExpandOptions,
    mut on_error: impl FnMut(Error) -> Result<(), Error>,
) -> Result<Vec<Occurrence<'c, 'a>>, Error> {
    let zones = ZoneResolver::from_calendar(calendar);
    let mut masters: Vec<&'c Component<'a>> = Vec::new();
    let mut by_uid: HashMap<(Cow<'_, str>, Kind), Vec<&'c Component<'a>>> = HashMap::new();
    let mut orphans: Vec<&'c Component<'a>> = Vec::new();
    for c in calendar.components() {
        let Some(kind) = kind_of(c) else { continue };
        let uid = c.property("UID").map(|p| Cow::Borrowed(p.value()));
        match (c.property("RECURRENCE-ID"), uid) {
            (None, _) => masters.push(c),
            (Some(_), Some(uid)) => by_uid.entry((uid, kind)).or_default().push(c),
            (Some(_), None) => orphans.push(c),
        }
    }
    let mut out = Vec::new();
    // Each series' occurrences form a run of `out`, sorted, merged below.
    let mut runs: Vec<(usize, usize)> = Vec::new();
    for master in masters {
        let key = (
            master
                .property("UID")
                .map_or(Cow::Borrowed(""), |p| Cow::Borrowed(p.value())),
            kind_of(master).unwrap_or(Kind::Event),
        );
        let overrides = if master.property("UID").is_some() {
            by_uid.remove(&key).unwrap_or_default()
        } else {
            Vec::new()
        };
        let before = out.len();
        let result =
            Series::new(master, &zones, &options.recurrence).and_then(|series| match series {
                Some(s) => expand_series(&s, &overrides, &zones, start, end, options, &mut out),
                None => Ok(()),
            });
        if let Err(e) = result {
            out.truncate(before);
            if e.is_budget() {
                return Err(e);
            }
            on_error(e)?;
        }
        if out.len() > before {
            runs.push((before, out.len()));
        }
    }
    // Overrides without a master are occurrences of their own.
    orphans.extend(by_uid.into_values().flatten());
    for c in orphans {
        let before = out.len();
        let result = Series::new(c, &zones, &options.recurrence).and_then(|series| match series {
            Some(mut s) => {
                s.recurs = false;
                let rid = c
                    .property("RECURRENCE-ID")
                    .map(|p| date_prop(c, p, &zones))
                    .transpose()?
                    .map(|(v, z)| s.set.instance_of(v, z.as_ref()));
                expand_series(&s, &[], &zones, start, end, options, &mut out)?;
                for o in out.iter_mut().skip(before) {
                    o.recurrence_id = rid;
                    o.is_override = true;
                }
                Ok(())
            }
            None => Ok(()),
        });
        if let Err(e) = result {
            out.truncate(before);
            on_error(e)?;
        }
        if out.len() > before {
            runs.push((before, out.len()));
        }
    }
    if out.len() > options.max_occurrences {
        return Err(too_many(options));
    }
    Ok(merge_runs(out, &runs))
}

/// Sorts each run of `out` and merges the runs by start, then end; ties
/// keep the calendar's order. Each occurrence moves once, in sequence.
fn merge_runs<'c, 'a>(
    mut out: Vec<Occurrence<'c, 'a>>,
    runs: &[(usize, usize)],
) -> Vec<Occurrence<'c, 'a>> {
    for &(a, b) in runs {
        if let Some(run) = out.get_mut(a..b) {
            sort(run);
        }
    }
    if runs.len() <= 1 {
        return out;
    }
    let key = |o: &Occurrence<'_, '_>| (o.start.utc_seconds(), o.end.utc_seconds());
    let mut heap: BinaryHeap<Reverse<(i64, i64, usize)>> = BinaryHeap::with_capacity(runs.len());
    let mut pos: Vec<usize> = runs.iter().map(|r| r.0).collect();
    for (i, &(a, _)) in runs.iter().enumerate() {
        if let Some(o) = out.get(a) {
            let (s, e) = key(o);
            heap.push(Reverse((s, e, i)));
        }
    }
    let total = out.len();
    let mut slots: Vec<Option<Occurrence<'c, 'a>>> = out.into_iter().map(Some).collect();
    let mut merged = Vec::with_capacity(total);
    while let Some(Reverse((_, _, run))) = heap.pop() {
        let (Some(p), Some(&(_, end))) = (pos.get_mut(run), runs.get(run)) else {
            continue;
        };
        if let Some(o) = slots.get_mut(*p).and_then(Option::take) {
            merged.push(o);
        }
        *p += 1;
        if *p < end
            && let Some(Some(o)) = slots.get(*p)
        {
            let (s, e) = key(o);
            heap.push(Reverse((s, e, run)));
        }
    }
    merged
}

/// Every occurrence of the VEVENTs, VTODOs and VJOURNALs of `calendar`
/// (a VCALENDAR) that overlaps `[start, end)`, as one stream ordered by
/// start. TZIDs resolve to the calendar's own VTIMEZONEs first, then to
/// IANA names and aliases ([`ZoneResolver::from_calendar`]). The first
/// component that cannot be expanded (an unknown TZID, an invalid RRULE)
/// ends the expansion with its error; see [`expand_calendar_lenient`].
///
/// ```
/// use kalends_rrule::{ExpandOptions, expand_calendar};
///
/// let text = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//EN\r\n\
/// BEGIN:VEVENT\r\nUID:a\r\nDTSTAMP:20240101T000000Z\r\n\
/// DTSTART;TZID=Europe/Berlin:20240101T090000\r\nDURATION:PT1H\r\n\
/// RRULE:FREQ=WEEKLY;COUNT=3\r\nEND:VEVENT\r\n\
/// BEGIN:VEVENT\r\nUID:a\r\nDTSTAMP:20240101T000000Z\r\n\
/// RECURRENCE-ID;TZID=Europe/Berlin:20240108T090000\r\nSTATUS:CANCELLED\r\n\
/// DTSTART;TZID=Europe/Berlin:20240108T090000\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
/// let doc = kalends_ical_core::parse(text)?;
/// let cal = doc.calendar().ok_or("no calendar")?;
/// let got = expand_calendar(cal, "2024-01-01T00:00Z".parse()?, "2024-02-01T00:00Z".parse()?,
///                           &ExpandOptions::default())?;
/// let starts: Vec<String> = got.iter().map(|o| o.start.to_string()).collect();
/// assert_eq!(starts, ["20240101T090000", "20240115T090000"]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn expand_calendar<'c, 'a>(
    calendar: &'c Component<'a>,
    start: Timestamp,
    end: Timestamp,
    options: &ExpandOptions,
) -> Result<Vec<Occurrence<'c, 'a>>, Error> {
    expand_all(calendar, start.as_second(), end.as_second(), options, Err)
}

/// [`expand_calendar`] that skips the components it cannot expand and
/// returns their errors beside the occurrences of the others. A work
/// budget error still ends the expansion.
pub fn expand_calendar_lenient<'c, 'a>(
    calendar: &'c Component<'a>,
    start: Timestamp,
    end: Timestamp,
    options: &ExpandOptions,
) -> Result<(Vec<Occurrence<'c, 'a>>, Vec<Error>), Error> {
    let mut problems = Vec::new();
    let out = expand_all(calendar, start.as_second(), end.as_second(), options, |e| {
        problems.push(e);
        Ok(())
    })?;
    Ok((out, problems))
}
