//! Zones compiled from a VTIMEZONE (RFC 5545 §3.6.5).
//!
//! Each STANDARD or DAYLIGHT observance has onsets: its DTSTART, the
//! instances of its RRULE and its RDATEs, all local times in the offset
//! TZOFFSETFROM that is in effect before the onset. An onset's instant is
//! therefore its local time minus TZOFFSETFROM; the RRULE is expanded in
//! that fixed offset, which compares its UNTIL (UTC, as RFC 5545 §3.6.5
//! requires) exactly. Bounded observances are expanded once when the zone is
//! compiled; unbounded RRULEs are evaluated on demand (with the engine's
//! `after` and `before`), so the zone is valid for any year.

use kalends_ical_core::Component;
use kalends_ical_core::value::{DateOrDateTime, DateTime, Period, Recur, TimeForm, UtcOffset};

use super::{Transition, Zone};
use crate::error::{Error, ErrorKind, quote};
use crate::recurrence::{Options, Recurrence, local_seconds};

/// The kind of an observance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ObservanceKind {
    /// `STANDARD`.
    Standard,
    /// `DAYLIGHT`.
    Daylight,
}

/// One STANDARD or DAYLIGHT sub-component of a VTIMEZONE.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Observance {
    /// STANDARD or DAYLIGHT.
    pub kind: ObservanceKind,
    /// DTSTART: the first onset, local time in `offset_from`.
    pub dtstart: DateTime,
    /// TZOFFSETFROM, seconds east of UTC.
    pub offset_from: i32,
    /// TZOFFSETTO, seconds east of UTC.
    pub offset_to: i32,
    /// RRULEs giving further onsets.
    pub rrules: Vec<Recur>,
    /// RDATEs giving further onsets (local in `offset_from`, or UTC).
    pub rdates: Vec<DateTime>,
}

#[derive(Debug, Clone)]
struct RuleOnsets {
    rule: Recurrence,
    from: i32,
    to: i32,
}

/// A zone defined by a VTIMEZONE.
#[derive(Debug, Clone)]
pub struct VTimeZone {
    tzid: String,
    /// Onsets of bounded observances, sorted by instant.
    finite: Vec<Transition>,
    /// Unbounded RRULEs.
    rules: Vec<RuleOnsets>,
    /// The offset before the first onset.
    initial: i32,
}

/// The most onsets a bounded observance may produce.
const MAX_FINITE_ONSETS: usize = 100_000;

impl VTimeZone {
    /// Compiles the observances of a VTIMEZONE with TZID `tzid`.
    ///
    /// Fails with [`ErrorKind::InvalidZone`] when there is no observance or
    /// an RRULE cannot be compiled.
    pub fn new(tzid: impl Into<String>, observances: Vec<Observance>) -> Result<VTimeZone, Error> {
        let tzid = tzid.into();
        if observances.is_empty() {
            return Err(Error::new(
                ErrorKind::InvalidZone,
                format!(
                    "the VTIMEZONE {} has no STANDARD or DAYLIGHT observance.",
                    quote(&tzid)
                ),
            ));
        }
        let mut finite = Vec::new();
        let mut rules = Vec::new();
        let mut earliest: Option<(i64, i32)> = None;
        for obs in &observances {
            let from = obs.offset_from;
            let to = obs.offset_to;
            let start_local = local_seconds(&obs.dtstart);
            let start_utc = match obs.dtstart.form {
                TimeForm::Utc => start_local,
                TimeForm::Floating => start_local - i64::from(from),
            };
            if earliest.is_none_or(|(at, _)| start_utc < at) {
                earliest = Some((start_utc, from));
            }
            finite.push(Transition {
                at: start_utc,
                before: from,
                after: to,
            });
            for rd in &obs.rdates {
                let l = local_seconds(rd);
                let at = match rd.form {
                    TimeForm::Utc => l,
                    TimeForm::Floating => l - i64::from(from),
                };
                finite.push(Transition {
                    at,
                    before: from,
                    after: to,
                });
            }
            let fixed = Zone::fixed(from).map_err(|e| zone_error(&tzid, &e))?;
            let local_start = DateTime::new(obs.dtstart.date, obs.dtstart.time, TimeForm::Floating);
            for rrule in &obs.rrules {
                let rule = Recurrence::new(
                    rrule,
                    DateOrDateTime::DateTime(local_start),
                    Some(&fixed),
                    &Options::default(),
                )
                .map_err(|e| zone_error(&tzid, &e))?;
                if rule.is_bounded() {
                    for inst in rule.iter() {
                        let inst = inst.map_err(|e| zone_error(&tzid, &e))?;
                        finite.push(Transition {
                            at: inst.utc_seconds(),
                            before: from,
                            after: to,
                        });
                        if finite.len() > MAX_FINITE_ONSETS {
                            return Err(Error::new(
                                ErrorKind::InvalidZone,
                                format!(
                                    "the VTIMEZONE {} has more than {MAX_FINITE_ONSETS} onsets.",
                                    quote(&tzid)
                                ),
                            ));
                        }
                    }
                } else {
                    rules.push(RuleOnsets { rule, from, to });
                }
            }
        }
        finite.sort_by_key(|t| t.at);
        finite.dedup_by_key(|t| t.at);
        let initial = earliest.map_or(0, |(_, from)| from);
        Ok(VTimeZone {
            tzid,
            finite,
            rules,
            initial,
        })
    }

    /// Compiles a VTIMEZONE component (RFC 5545 §3.6.5): its TZID and its
    /// STANDARD and DAYLIGHT sub-components with DTSTART, TZOFFSETFROM,
    /// TZOFFSETTO, RRULE and RDATE (DATE-TIME or PERIOD starts).
    ///
    /// Fails with [`ErrorKind::InvalidZone`] when a required property is
    /// missing or a value does not parse.
    ///
    /// ```
    /// use kalends_rrule::{VTimeZone, Zone};
    ///
    /// let text = "BEGIN:VCALENDAR\r\nBEGIN:VTIMEZONE\r\nTZID:Custom\r\n\
    /// BEGIN:STANDARD\r\nDTSTART:19701025T030000\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\n\
    /// RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\nEND:STANDARD\r\n\
    /// BEGIN:DAYLIGHT\r\nDTSTART:19700329T020000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\n\
    /// RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\nEND:DAYLIGHT\r\nEND:VTIMEZONE\r\nEND:VCALENDAR\r\n";
    /// let doc = kalends_ical_core::parse(text)?;
    /// let vtz = doc.calendar().ok_or("no calendar")?.components().first().ok_or("no zone")?;
    /// let zone = Zone::from_vtimezone(VTimeZone::from_component(vtz)?);
    /// assert_eq!(zone.offset_at(1_719_835_200), 7200); // 2024-07-01T12:00Z: summer time
    /// assert_eq!(zone.offset_at(1_704_110_400), 3600); // 2024-01-01T12:00Z
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_component(component: &Component<'_>) -> Result<VTimeZone, Error> {
        let tzid = component
            .property("TZID")
            .map(|p| p.value().to_owned())
            .ok_or_else(|| {
                Error::new(ErrorKind::InvalidZone, "a VTIMEZONE has no TZID property.")
            })?;
        let bad = |what: &str, value: &str| {
            Error::new(
                ErrorKind::InvalidZone,
                format!(
                    "the VTIMEZONE {} has an invalid {what} {}.",
                    quote(&tzid),
                    quote(value)
                ),
            )
        };
        let missing = |what: &str| {
            Error::new(
                ErrorKind::InvalidZone,
                format!(
                    "an observance of the VTIMEZONE {} has no {what}.",
                    quote(&tzid)
                ),
            )
        };
        let mut observances = Vec::new();
        for sub in component.components() {
            let kind = if sub.is("STANDARD") {
                ObservanceKind::Standard
            } else if sub.is("DAYLIGHT") {
                ObservanceKind::Daylight
            } else {
                continue;
            };
            let dtstart = sub.property("DTSTART").ok_or_else(|| missing("DTSTART"))?;
            let dtstart =
                DateTime::parse(dtstart.value()).map_err(|_| bad("DTSTART", dtstart.value()))?;
            let offset = |name: &str| -> Result<i32, Error> {
                let p = sub.property(name).ok_or_else(|| missing(name))?;
                UtcOffset::parse(p.value())
                    .map(UtcOffset::seconds)
                    .map_err(|_| bad(name, p.value()))
            };
            let offset_from = offset("TZOFFSETFROM")?;
            let offset_to = offset("TZOFFSETTO")?;
            let mut rrules = Vec::new();
            for p in sub.properties_named("RRULE") {
                rrules.push(Recur::parse(p.value()).map_err(|_| bad("RRULE", p.value()))?);
            }
            let mut rdates = Vec::new();
            for p in sub.properties_named("RDATE") {
                for item in p.value().split(',') {
                    let dt = if item.contains('/') {
                        Period::parse(item).map(|per| per.start)
                    } else {
                        DateTime::parse(item)
                    };
                    rdates.push(dt.map_err(|_| bad("RDATE", item))?);
                }
            }
            observances.push(Observance {
                kind,
                dtstart,
                offset_from,
                offset_to,
                rrules,
                rdates,
            });
        }
        VTimeZone::new(tzid, observances)
    }

    /// The TZID.
    pub fn tzid(&self) -> &str {
        &self.tzid
    }

    /// The UTC offset at instant `utc`.
    pub(crate) fn offset_at(&self, utc: i64) -> i32 {
        self.prev_transition(utc).map_or(self.initial, |t| t.after)
    }

    /// The last onset at or before `utc`.
    pub(crate) fn prev_transition(&self, utc: i64) -> Option<Transition> {
        let idx = self.finite.partition_point(|t| t.at <= utc);
        let mut best = idx.checked_sub(1).and_then(|i| self.finite.get(i)).copied();
        for r in &self.rules {
            if let Ok(Some(inst)) = r.rule.before_seconds(utc.saturating_add(1)) {
                let at = inst.utc_seconds();
                if best.is_none_or(|b| at > b.at) {
                    best = Some(Transition {
                        at,
                        before: r.from,
                        after: r.to,
                    });
                }
            }
        }
        best
    }

    /// The onsets in `[lo, hi)`, in order, at most `max` of them.
    pub(crate) fn transitions_between(&self, lo: i64, hi: i64, max: usize) -> Vec<Transition> {
        let mut out: Vec<Transition> = self
            .finite
            .iter()
            .filter(|t| t.at >= lo && t.at < hi)
            .copied()
            .collect();
        for r in &self.rules {
            for inst in r.rule.between_seconds(lo, hi) {
                let Ok(inst) = inst else { break };
                out.push(Transition {
                    at: inst.utc_seconds(),
                    before: r.from,
                    after: r.to,
                });
                if out.len() > max.saturating_mul(2) {
                    break;
                }
            }
        }
        out.sort_by_key(|t| t.at);
        out.dedup_by_key(|t| t.at);
        out.truncate(max);
        out
    }

    /// The first onset after `utc`.
    pub(crate) fn next_transition(&self, utc: i64) -> Option<Transition> {
        let idx = self.finite.partition_point(|t| t.at <= utc);
        let mut best = self.finite.get(idx).copied();
        for r in &self.rules {
            if let Ok(Some(inst)) = r.rule.after_seconds(utc) {
                let at = inst.utc_seconds();
                if best.is_none_or(|b| at < b.at) {
                    best = Some(Transition {
                        at,
                        before: r.from,
                        after: r.to,
                    });
                }
            }
        }
        best
    }
}

fn zone_error(tzid: &str, e: &Error) -> Error {
    Error::new(
        ErrorKind::InvalidZone,
        format!(
            "the VTIMEZONE {} cannot be compiled: {}",
            quote(tzid),
            e.message()
        ),
    )
}
