//! The alarm schedule: every alarm of a calendar that fires in a window.
//!
//! For each VEVENT and VTODO (with its recurrence instances and RECURRENCE-ID
//! overrides, expanded by `kalends-rrule` in the zones the calendar's
//! VTIMEZONEs or IANA names give), each VALARM fires at:
//!
//! - a relative TRIGGER: the instance's start (RELATED=START, the default)
//!   or end (RELATED=END) plus the offset (RFC 5545 §3.8.6.3). Days and
//!   weeks are nominal: they are added to the local wall-clock time in the
//!   instance's zone, so a `-P1D` alarm keeps its time of day across a DST
//!   change; hours, minutes and seconds are exact (RFC 5545 §3.3.6);
//! - an absolute TRIGGER (`VALUE=DATE-TIME`): that instant, once per
//!   component, not once per instance;
//! - then REPEAT more times, DURATION apart (RFC 5545 §3.8.6.2).
//!
//! A firing at or before the alarm's ACKNOWLEDGED time is left out (RFC 9074
//! §6.1: "if … the value of that property is greater than or equal to the
//! computed trigger time for the alarm, then the client SHOULD NOT trigger
//! the alarm"), unless [`ScheduleOptions::include_acknowledged`]; so a
//! snoozed alarm (acknowledged when snoozed, RFC 9074 §7) is replaced by its
//! snooze alarm, an ordinary sibling VALARM with an absolute trigger.
//! Alarms with ACTION:NONE never fire; proximity alarms (PROXIMITY, RFC 9074
//! §8) fire by location, not time, and are left out.
//!
//! Occurrences come from [`kalends_rrule::expand_calendar`]: RRULE, RDATE,
//! EXDATE, RECURRENCE-ID overrides (with `RANGE=THISANDFUTURE`), cancelled
//! overrides removed, each occurrence's end from DTEND, DUE or DURATION.
//! Readings: an occurrence's alarms are the VALARMs of the component that
//! describes it, so an override's alarms are its own (the override replaces
//! the instance, RFC 5545 §3.8.4.4); a VTODO without DTSTART has no start
//! for RELATED=START alarms, and one without DUE or DURATION no end for
//! RELATED=END alarms (RFC 5545 §3.8.6.3); absolute alarms of a cancelled
//! component do not fire.

use std::fmt;

use jiff::Timestamp;
use kalends_ical_core::value::{DateTime, Duration};
use kalends_ical_core::{Component, Document, Location};
use kalends_rrule::{ExpandOptions, Form, Instance, Options, Zone, ZoneResolver, expand_calendar};

use crate::alarm::{AlarmView, Related, Trigger};
use crate::error::{Error, ErrorKind, quote};
use crate::model::AlarmAction;
use crate::util;

/// Options of [`alarm_schedule`].
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct ScheduleOptions {
    /// The most firings returned; more is [`ErrorKind::LimitExceeded`].
    /// Default 10,000.
    pub max_firings: usize,
    /// Also list firings that ACKNOWLEDGED already covers (marked
    /// [`AlarmFiring::acknowledged`]). Default off.
    pub include_acknowledged: bool,
    /// The zone of floating times and DATEs. `None` (the default) reads them
    /// as UTC.
    pub floating_zone: Option<Zone>,
}

impl Default for ScheduleOptions {
    fn default() -> ScheduleOptions {
        ScheduleOptions {
            max_firings: 10_000,
            include_acknowledged: false,
            floating_zone: None,
        }
    }
}

/// One alarm firing.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct AlarmFiring {
    /// When it fires (UTC).
    #[cfg_attr(
        feature = "serde",
        serde(serialize_with = "crate::util::serialize_display")
    )]
    pub at: DateTime,
    /// `VEVENT` or `VTODO`.
    pub component: String,
    /// The component's UID.
    pub uid: Option<String>,
    /// The instance of a recurring component, as its RECURRENCE-ID would be
    /// written (`20240105T090000` local, `…Z` UTC, or a DATE); `None` for a
    /// component that does not recur and for absolute triggers.
    pub instance: Option<String>,
    /// The component's SUMMARY.
    pub summary: Option<String>,
    /// The alarm's position among its component's VALARMs (0-based).
    pub alarm: usize,
    /// The alarm's UID (RFC 9074 §4).
    pub alarm_uid: Option<String>,
    /// The alarm's ACTION.
    pub action: AlarmAction,
    /// The alarm's DESCRIPTION.
    pub description: Option<String>,
    /// 0 for the trigger itself, n for the n-th REPEAT.
    pub repetition: u32,
    /// For a snooze alarm, the UID of the alarm it snoozes (RFC 9074 §7).
    pub snoozes: Option<String>,
    /// True when ACKNOWLEDGED covers this firing (only listed with
    /// [`ScheduleOptions::include_acknowledged`]).
    pub acknowledged: bool,
}

impl fmt::Display for AlarmFiring {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} {} {}",
            self.at,
            self.action,
            self.uid.as_deref().unwrap_or("-")
        )?;
        if let Some(i) = &self.instance {
            write!(f, " [{i}]")?;
        }
        write!(f, " alarm {}", self.alarm)?;
        if let Some(u) = &self.alarm_uid {
            write!(f, " ({u})")?;
        }
        if self.repetition > 0 {
            write!(f, " repeat {}", self.repetition)?;
        }
        if let Some(s) = &self.snoozes {
            write!(f, " snooze of {s}")?;
        }
        if self.acknowledged {
            f.write_str(" acknowledged")?;
        }
        if let Some(s) = self.summary.as_deref().or(self.description.as_deref()) {
            write!(f, ": {s}")?;
        }
        Ok(())
    }
}

/// Every alarm of `doc` that fires in `[from, to)` (both UTC), in time
/// order (then by component UID, instance, alarm and repetition). See the
/// module documentation for the rules.
///
/// ```
/// use kalends_vpoll::{alarm_schedule, ScheduleOptions};
/// let text = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:standup\r\n\
/// DTSTART;TZID=Europe/Berlin:20240330T090000\r\nRRULE:FREQ=DAILY;COUNT=3\r\n\
/// BEGIN:VALARM\r\nACTION:DISPLAY\r\nDESCRIPTION:Standup\r\nTRIGGER:-PT10M\r\nEND:VALARM\r\n\
/// END:VEVENT\r\nEND:VCALENDAR\r\n";
/// let doc = kalends_ical_core::parse(text)?;
/// let fired = alarm_schedule(&doc, "20240301T000000Z".parse()?, "20240410T000000Z".parse()?,
///                            &ScheduleOptions::default())?;
/// let at: Vec<String> = fired.iter().map(|f| f.at.to_string()).collect();
/// // 08:50 Berlin: CET (UTC+1) on 30 March, CEST (UTC+2) from 31 March.
/// assert_eq!(at, ["20240330T075000Z", "20240331T065000Z", "20240401T065000Z"]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn alarm_schedule(
    doc: &Document<'_>,
    from: DateTime,
    to: DateTime,
    options: &ScheduleOptions,
) -> Result<Vec<AlarmFiring>, Error> {
    schedule(doc, "", from, to, options)
}

/// Reads `text` and lists its alarms (the entry point of `kalends alarms
/// FILE --from --to`); errors carry the line of the component at fault.
pub fn alarm_schedule_text(
    text: &str,
    from: DateTime,
    to: DateTime,
    options: &ScheduleOptions,
) -> Result<Vec<AlarmFiring>, Error> {
    let doc = crate::read(text)?;
    schedule(&doc, text, from, to, options)
}

/// The firings as a JSON array (feature `json`), for `kalends alarms --json`.
#[cfg(feature = "json")]
pub fn firings_to_json(firings: &[AlarmFiring]) -> String {
    serde_json::to_string_pretty(firings).unwrap_or_default()
}

fn rrule_error(e: &kalends_rrule::Error) -> Error {
    Error::new(ErrorKind::Recurrence, e.message())
}

/// A point in time with the zone its wall clock is read in.
#[derive(Debug, Clone)]
struct Timed {
    utc: i64,
    local: i64,
    zone: Zone,
}

impl Timed {
    fn of(inst: &Instance, zone: Zone) -> Timed {
        Timed {
            utc: inst.utc_seconds(),
            local: inst.local_seconds(),
            zone,
        }
    }

    /// `self + d`: days and weeks on the wall clock, the rest exactly.
    fn add(&self, d: &Duration) -> Timed {
        let sign: i64 = if d.negative { -1 } else { 1 };
        let days = i64::from(d.weeks)
            .saturating_mul(7)
            .saturating_add(i64::from(d.days));
        let mut utc = self.utc;
        if days != 0 {
            let local = self
                .local
                .saturating_add(sign.saturating_mul(days).saturating_mul(86_400));
            utc = self.zone.resolve_local(local).utc;
        }
        let exact = i64::from(d.hours)
            .saturating_mul(3600)
            .saturating_add(i64::from(d.minutes).saturating_mul(60))
            .saturating_add(i64::from(d.seconds));
        utc = utc.saturating_add(sign.saturating_mul(exact));
        Timed {
            utc,
            local: self.zone.to_local(utc),
            zone: self.zone.clone(),
        }
    }
}

struct Ctx<'o> {
    floating: Zone,
    options: &'o ScheduleOptions,
    expand: ExpandOptions,
    from: i64,
    to: i64,
}

fn timestamp(seconds: i64) -> Timestamp {
    let clamped = seconds.clamp(Timestamp::MIN.as_second(), Timestamp::MAX.as_second());
    Timestamp::from_second(clamped).unwrap_or(Timestamp::UNIX_EPOCH)
}

fn schedule(
    doc: &Document<'_>,
    source: &str,
    from: DateTime,
    to: DateTime,
    options: &ScheduleOptions,
) -> Result<Vec<AlarmFiring>, Error> {
    for (name, t) in [("the window's start", from), ("the window's end", to)] {
        if !t.is_utc() {
            return Err(Error::value(format!(
                "{name} must be a UTC date-time, found {}.",
                quote(&t.to_string())
            )));
        }
    }
    let floating = options.floating_zone.clone().unwrap_or_else(Zone::utc);
    let expand = ExpandOptions {
        recurrence: Options {
            floating_zone: Some(floating.clone()),
            ..Options::default()
        },
        ..ExpandOptions::default()
    };
    let ctx = Ctx {
        floating,
        options,
        expand,
        from: util::unix_seconds(from),
        to: util::unix_seconds(to),
    };

    let mut out = Vec::new();
    let mut loose = Component::new("VCALENDAR");
    for top in &doc.components {
        if top.is("VCALENDAR") {
            calendar_firings(&ctx, top, &mut out).map_err(|e| locate(e, source, top))?;
        } else if top.is("VEVENT") || top.is("VTODO") {
            // Components outside a VCALENDAR (as RFC 9074 prints its
            // examples) are read as one calendar.
            loose.push_component(top.clone());
        }
    }
    if !loose.components().is_empty() {
        calendar_firings(&ctx, &loose, &mut out)?;
    }
    out.sort_by(|a, b| {
        (a.at, &a.uid, &a.instance, a.alarm, a.repetition).cmp(&(
            b.at,
            &b.uid,
            &b.instance,
            b.alarm,
            b.repetition,
        ))
    });
    Ok(out)
}

fn too_many(max: usize) -> Error {
    Error::new(
        ErrorKind::LimitExceeded,
        format!("the schedule has more than the limit of {max} alarm firings; narrow the window."),
    )
}

fn locate(e: Error, source: &str, c: &Component<'_>) -> Error {
    if e.location().is_some() || source.is_empty() || c.span().is_empty() {
        return e;
    }
    let s = c.span();
    let begin = s.start..s.start.saturating_add(6).min(s.end);
    e.with_location(Some(Location::from_span(source, begin)))
}

/// The widest span, in seconds, between an occurrence's start or end and
/// the firings of the relative alarms of `components`: (earliest, latest),
/// with a two-day margin for nominal days across DST changes.
fn reach<'c, 'a: 'c>(
    components: impl Iterator<Item = &'c Component<'a>>,
) -> Result<(i64, i64), Error> {
    let (mut lo, mut hi) = (0i64, 0i64);
    for c in components {
        for a in c.components_named("VALARM").filter_map(AlarmView::new) {
            let Ok(Trigger::Relative { offset, .. }) = a.trigger() else {
                continue;
            };
            let first = offset.total_seconds_assuming_24h_days();
            let step = a
                .duration()?
                .map_or(0, |d| d.total_seconds_assuming_24h_days());
            let last = first.saturating_add(step.saturating_mul(i64::from(a.repeat()?)));
            lo = lo.min(first).min(last);
            hi = hi.max(first).max(last);
        }
    }
    const MARGIN: i64 = 2 * 86_400;
    Ok((lo.saturating_sub(MARGIN), hi.saturating_add(MARGIN)))
}

/// The zone an instance's wall clock is read in.
fn zone_of(ctx: &Ctx<'_>, zones: &ZoneResolver, comp: &Component<'_>, inst: &Instance) -> Zone {
    match inst.form() {
        Form::Utc => Zone::utc(),
        Form::Date | Form::Floating => ctx.floating.clone(),
        Form::Zoned => comp
            .property("DTSTART")
            .or_else(|| comp.property("DUE"))
            .and_then(|p| p.param_value("TZID"))
            .and_then(|t| zones.resolve(t.trim()).ok())
            .or_else(|| Zone::fixed(inst.offset_seconds()).ok())
            .unwrap_or_else(Zone::utc),
    }
}

fn is_cancelled(c: &Component<'_>) -> bool {
    util::value(c, "STATUS").is_some_and(|s| s.eq_ignore_ascii_case("CANCELLED"))
}

fn calendar_firings(
    ctx: &Ctx<'_>,
    cal: &Component<'_>,
    out: &mut Vec<AlarmFiring>,
) -> Result<(), Error> {
    let comps = || {
        cal.components()
            .iter()
            .filter(|c| c.is("VEVENT") || c.is("VTODO"))
    };
    let zones = ZoneResolver::from_calendar(cal);
    let (lo, hi) = reach(comps())?;
    let start = ctx.from.saturating_sub(hi);
    let end = ctx.to.saturating_sub(lo);
    let occurrences = expand_calendar(cal, timestamp(start), timestamp(end), &ctx.expand)
        .map_err(|e| rrule_error(&e))?;

    // Relative triggers: per occurrence.
    for occ in occurrences
        .iter()
        .filter(|o| o.component.is("VEVENT") || o.component.is("VTODO"))
    {
        let comp = occ.component;
        let todo = comp.is("VTODO");
        // A VTODO without DTSTART is placed at its DUE: it has no start to
        // relate to, and its end is DUE (RFC 5545 §3.8.6.3).
        let has_start = !todo || comp.property("DTSTART").is_some();
        let has_end =
            !todo || comp.property("DUE").is_some() || comp.property("DURATION").is_some();
        let label = occ.recurrence_id.map(|r| r.to_string());
        let zone = zone_of(ctx, &zones, comp, &occ.start);
        for (index, alarm) in comp.components_named("VALARM").enumerate() {
            let Some(view) = AlarmView::new(alarm) else {
                continue;
            };
            if skipped(&view) {
                continue;
            }
            let Trigger::Relative { offset, related } = view.trigger()? else {
                continue;
            };
            let base = match related {
                Related::Start if has_start => Timed::of(&occ.start, zone.clone()),
                Related::End if has_end => Timed::of(&occ.end, zone.clone()),
                _ => continue,
            };
            fire(
                ctx,
                comp,
                &view,
                index,
                label.clone(),
                base.add(&offset),
                out,
            )?;
        }
    }

    // Absolute triggers: once per component.
    let cancelled_series: Vec<&str> = comps()
        .filter(|c| c.property("RECURRENCE-ID").is_none() && is_cancelled(c))
        .filter_map(|c| util::value(c, "UID"))
        .collect();
    for comp in comps() {
        if is_cancelled(comp)
            || util::value(comp, "UID").is_some_and(|u| cancelled_series.contains(&u))
        {
            continue;
        }
        let label = util::value(comp, "RECURRENCE-ID").map(str::to_owned);
        for (index, alarm) in comp.components_named("VALARM").enumerate() {
            let Some(view) = AlarmView::new(alarm) else {
                continue;
            };
            if skipped(&view) {
                continue;
            }
            let Trigger::Absolute(at) = view.trigger()? else {
                continue;
            };
            let local = util::unix_seconds(at);
            let t = if at.is_utc() {
                Timed {
                    utc: local,
                    local,
                    zone: Zone::utc(),
                }
            } else {
                // RFC 5545 §3.8.6.3 wants UTC; a floating value is read in
                // the floating zone.
                Timed {
                    utc: ctx.floating.resolve_local(local).utc,
                    local,
                    zone: ctx.floating.clone(),
                }
            };
            fire(ctx, comp, &view, index, label.clone(), t, out)?;
        }
    }
    Ok(())
}

/// ACTION:NONE and proximity alarms never fire by time.
fn skipped(view: &AlarmView<'_, '_>) -> bool {
    view.action() == Some(AlarmAction::None) || view.is_proximity()
}

/// Adds the firings of one alarm from its first trigger time `first`.
fn fire(
    ctx: &Ctx<'_>,
    comp: &Component<'_>,
    view: &AlarmView<'_, '_>,
    index: usize,
    label: Option<String>,
    first: Timed,
    out: &mut Vec<AlarmFiring>,
) -> Result<(), Error> {
    let ack = view.acknowledged()?.map(util::unix_seconds);
    let repeat = view.repeat()?;
    let step = view.duration()?;
    let mut t = first;
    let mut k = 0u32;
    loop {
        if t.utc >= ctx.to {
            break;
        }
        if t.utc >= ctx.from {
            let acknowledged = ack.is_some_and(|a| a >= t.utc);
            if !acknowledged || ctx.options.include_acknowledged {
                let Some(at) = util::from_unix_seconds(t.utc) else {
                    break;
                };
                out.push(AlarmFiring {
                    at,
                    component: comp.name().to_ascii_uppercase(),
                    uid: util::value(comp, "UID").map(str::to_owned),
                    instance: label.clone(),
                    summary: util::text(comp, "SUMMARY").map(|s| s.into_owned()),
                    alarm: index,
                    alarm_uid: view.uid().map(str::to_owned),
                    action: view.action().unwrap_or(AlarmAction::Other(String::new())),
                    description: view.description().map(|s| s.into_owned()),
                    repetition: k,
                    snoozes: view.snoozes().map(str::to_owned),
                    acknowledged,
                });
                if out.len() > ctx.options.max_firings {
                    return Err(too_many(ctx.options.max_firings));
                }
            }
        }
        if k >= repeat {
            break;
        }
        let Some(d) = &step else { break };
        let next = t.add(d);
        if next.utc <= t.utc {
            break;
        }
        t = next;
        k = k.saturating_add(1);
    }
    Ok(())
}
