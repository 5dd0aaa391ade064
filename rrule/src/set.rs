//! Recurrence sets (RFC 5545 §3.8.5): DTSTART + RRULEs + RDATEs − EXRULEs −
//! EXDATEs, merged into one ordered stream; and [`expand_rule`], the
//! one-call entry point of the command line.

use std::fmt;

use jiff::Timestamp;
use kalends_ical_core::value::{DateOrDateTime, Recur, TimeForm};

use crate::error::{Error, ErrorKind};
use crate::recurrence::{DtstartRule, Form, Instance, Iter, Options, Recurrence, local_seconds};
use crate::zone::{LocalKind, Zone};

/// An EXDATE, compared the way its value was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Exclusion {
    /// A UTC or zoned DATE-TIME: excludes the instance at this instant.
    Instant(i64),
    /// A floating DATE-TIME: excludes the instance at this local time.
    Local(i64),
    /// A DATE: excludes every instance on this local day.
    Day(i64),
}

/// DTSTART + RRULEs + RDATEs − EXRULEs − EXDATEs (RFC 5545 §3.8.5.1–3).
///
/// DTSTART is always an instance (RFC 5545 §3.8.5.3) unless an EXDATE or
/// EXRULE removes it. Each RRULE counts its own COUNT. An EXRULE's DTSTART
/// is excluded only if the EXRULE generates it (RFC 8984 §4.3.4). An EXDATE
/// that is a UTC or zoned DATE-TIME removes the instance at that instant; a
/// floating one the instance at that local time; a DATE every instance on
/// that local day (a reading: RFC 5545 wants EXDATE to have DTSTART's type,
/// and producers that write DATEs against DATE-TIMEs mean the whole day).
///
/// ```
/// use kalends_ical_core::value::{DateOrDateTime, Recur};
/// use kalends_rrule::{Options, RecurrenceSet};
///
/// let mut set = RecurrenceSet::new(DateOrDateTime::parse("20240101")?, None, &Options::default())?;
/// set.add_rrule(&Recur::parse("FREQ=DAILY;COUNT=4")?)?;
/// set.add_exdate(DateOrDateTime::parse("20240102")?, None);
/// set.add_rdate(DateOrDateTime::parse("20240110")?, None);
/// let days: Vec<String> = set.iter().map(|i| i.map(|i| i.to_string())).collect::<Result<_, _>>()?;
/// assert_eq!(days, ["20240101", "20240103", "20240104", "20240110"]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct RecurrenceSet {
    dtstart_value: DateOrDateTime,
    zone: Option<Zone>,
    options: Options,
    dtstart: Instance,
    rules: Vec<Recurrence>,
    exrules: Vec<Recurrence>,
    rdates: Vec<Instance>,
    exdates: Vec<Exclusion>,
}

impl RecurrenceSet {
    /// A set holding DTSTART only. `zone` is DTSTART's TZID zone, as for
    /// [`Recurrence::new`].
    pub fn new(
        dtstart: DateOrDateTime,
        zone: Option<&Zone>,
        options: &Options,
    ) -> Result<RecurrenceSet, Error> {
        let mut opts = options.clone();
        opts.dtstart = DtstartRule::Always;
        let base = Recurrence::new(
            &Recur::new(kalends_ical_core::value::Frequency::Daily),
            dtstart,
            zone,
            &opts,
        )?;
        Ok(RecurrenceSet {
            dtstart_value: dtstart,
            zone: zone.cloned(),
            options: opts,
            dtstart: base.dtstart(),
            rules: Vec::new(),
            exrules: Vec::new(),
            rdates: Vec::new(),
            exdates: Vec::new(),
        })
    }

    /// DTSTART as an instance.
    pub fn dtstart(&self) -> Instance {
        self.dtstart
    }

    /// Adds an RRULE.
    pub fn add_rrule(&mut self, rule: &Recur) -> Result<(), Error> {
        let r = Recurrence::new(rule, self.dtstart_value, self.zone.as_ref(), &self.options)?;
        self.rules.push(r);
        Ok(())
    }

    /// Adds an EXRULE (RFC 2445; deprecated by RFC 5545 but still read).
    pub fn add_exrule(&mut self, rule: &Recur) -> Result<(), Error> {
        let mut opts = self.options.clone();
        opts.dtstart = DtstartRule::IfMatching;
        let r = Recurrence::new(rule, self.dtstart_value, self.zone.as_ref(), &opts)?;
        self.exrules.push(r);
        Ok(())
    }

    /// Adds an RDATE start (for a PERIOD, its start). `zone` is the TZID
    /// zone of a floating DATE-TIME.
    pub fn add_rdate(&mut self, value: DateOrDateTime, zone: Option<&Zone>) {
        let inst = self.instance_of(value, zone);
        let at = self.rdates.partition_point(|i| i < &inst);
        if self.rdates.get(at) != Some(&inst) {
            self.rdates.insert(at, inst);
        }
    }

    /// Adds an EXDATE. `zone` is the TZID zone of a floating DATE-TIME.
    pub fn add_exdate(&mut self, value: DateOrDateTime, zone: Option<&Zone>) {
        let ex = match value {
            DateOrDateTime::Date(d) => Exclusion::Day(i64::from(d.unix_days())),
            DateOrDateTime::DateTime(dt) => match (dt.form, zone) {
                (TimeForm::Utc, _) => Exclusion::Instant(local_seconds(&dt)),
                (TimeForm::Floating, Some(z)) if !z.is_floating() => {
                    Exclusion::Instant(z.resolve_local(local_seconds(&dt)).utc)
                }
                (TimeForm::Floating, _) => Exclusion::Local(local_seconds(&dt)),
            },
        };
        let at = self.exdates.partition_point(|e| e < &ex);
        if self.exdates.get(at) != Some(&ex) {
            self.exdates.insert(at, ex);
        }
    }

    /// The instance a DATE or DATE-TIME value denotes in this set.
    pub fn instance_of(&self, value: DateOrDateTime, zone: Option<&Zone>) -> Instance {
        let floating = self.options.floating_zone.clone().unwrap_or_else(Zone::utc);
        match value {
            DateOrDateTime::Date(d) => {
                let local = i64::from(d.unix_days()) * 86_400;
                let r = floating.resolve_local(local);
                Instance::from_parts(local, r.utc, r.offset, Form::Date)
            }
            DateOrDateTime::DateTime(dt) => {
                let local = local_seconds(&dt);
                match (dt.form, zone) {
                    (TimeForm::Utc, _) => Instance::from_parts(local, local, 0, Form::Utc),
                    (TimeForm::Floating, Some(z)) if z.is_utc() => {
                        Instance::from_parts(local, local, 0, Form::Utc)
                    }
                    (TimeForm::Floating, Some(z)) if !z.is_floating() => {
                        let r = z.resolve_local(local);
                        let shown = if r.kind == LocalKind::Gap {
                            r.utc + i64::from(r.offset)
                        } else {
                            local
                        };
                        Instance::from_parts(shown, r.utc, r.offset, Form::Zoned)
                    }
                    (TimeForm::Floating, _) => {
                        let r = floating.resolve_local(local);
                        Instance::from_parts(local, r.utc, r.offset, Form::Floating)
                    }
                }
            }
        }
    }

    /// True when EXDATEs exclude `inst`.
    fn exdated(&self, inst: &Instance) -> bool {
        if self.exdates.is_empty() {
            return false;
        }
        let probes = [
            Exclusion::Instant(inst.utc_seconds()),
            Exclusion::Local(inst.local_seconds()),
            Exclusion::Day(inst.local_seconds().div_euclid(86_400)),
        ];
        probes.iter().any(|p| self.exdates.binary_search(p).is_ok())
    }

    /// Every instance, in order.
    pub fn iter(&self) -> SetIter<'_> {
        SetIter::new(self, i64::MIN, i64::MAX)
    }

    /// The instances that start in `[start, end)`.
    pub fn between(&self, start: Timestamp, end: Timestamp) -> SetIter<'_> {
        SetIter::new(self, start.as_second(), end.as_second())
    }

    /// [`RecurrenceSet::between`] with seconds since the epoch.
    pub fn between_seconds(&self, start: i64, end: i64) -> SetIter<'_> {
        SetIter::new(self, start, end)
    }
}

/// One stream of a merge: an iterator and its next item.
struct Stream<'s> {
    iter: Iter<'s>,
    head: Option<Instance>,
}

impl<'s> Stream<'s> {
    fn new(iter: Iter<'s>) -> Result<Stream<'s>, Error> {
        let mut s = Stream { iter, head: None };
        s.advance()?;
        Ok(s)
    }

    fn advance(&mut self) -> Result<(), Error> {
        self.head = self.iter.next().transpose()?;
        Ok(())
    }
}

/// The lazy expansion of a [`RecurrenceSet`]; yields instances in order
/// without duplicates, or one error (then ends).
pub struct SetIter<'s> {
    set: &'s RecurrenceSet,
    rules: Vec<Stream<'s>>,
    exrules: Vec<Stream<'s>>,
    rdate_pos: usize,
    dtstart_pending: bool,
    start: i64,
    end: i64,
    last: Option<i64>,
    error: Option<Error>,
    done: bool,
}

impl fmt::Debug for SetIter<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SetIter")
            .field("start", &self.start)
            .field("end", &self.end)
            .finish_non_exhaustive()
    }
}

impl<'s> SetIter<'s> {
    fn new(set: &'s RecurrenceSet, start: i64, end: i64) -> SetIter<'s> {
        let mut it = SetIter {
            set,
            rules: Vec::with_capacity(set.rules.len()),
            exrules: Vec::with_capacity(set.exrules.len()),
            rdate_pos: set.rdates.partition_point(|i| i.utc_seconds() < start),
            dtstart_pending: set.dtstart.utc_seconds() >= start && set.dtstart.utc_seconds() < end,
            start,
            end,
            last: None,
            error: None,
            done: start >= end,
        };
        for r in &set.rules {
            match Stream::new(r.between_seconds(start, end)) {
                Ok(s) => it.rules.push(s),
                Err(e) => it.error = Some(e),
            }
        }
        for r in &set.exrules {
            match Stream::new(r.between_seconds(start, end)) {
                Ok(s) => it.exrules.push(s),
                Err(e) => it.error = Some(e),
            }
        }
        it
    }

    /// The smallest head of all sources, without consuming it.
    fn peek_min(&self) -> Option<Instance> {
        let mut best: Option<Instance> = None;
        let mut consider = |i: Instance| {
            if best.is_none_or(|b| i < b) {
                best = Some(i);
            }
        };
        if self.dtstart_pending {
            consider(self.set.dtstart);
        }
        if let Some(r) = self
            .set
            .rdates
            .get(self.rdate_pos)
            .filter(|r| r.utc_seconds() < self.end)
        {
            consider(*r);
        }
        for s in &self.rules {
            if let Some(h) = s.head {
                consider(h);
            }
        }
        best
    }

    /// Consumes every head at instant `utc`.
    fn consume(&mut self, utc: i64) -> Result<(), Error> {
        if self.dtstart_pending && self.set.dtstart.utc_seconds() == utc {
            self.dtstart_pending = false;
        }
        while self
            .set
            .rdates
            .get(self.rdate_pos)
            .is_some_and(|r| r.utc_seconds() <= utc)
        {
            self.rdate_pos += 1;
        }
        for s in &mut self.rules {
            while s.head.is_some_and(|h| h.utc_seconds() <= utc) {
                s.advance()?;
            }
        }
        Ok(())
    }

    /// True when an EXRULE generates instant `utc`.
    fn exruled(&mut self, utc: i64) -> Result<bool, Error> {
        let mut hit = false;
        for s in &mut self.exrules {
            while s.head.is_some_and(|h| h.utc_seconds() < utc) {
                s.advance()?;
            }
            if s.head.is_some_and(|h| h.utc_seconds() == utc) {
                hit = true;
            }
        }
        Ok(hit)
    }
}

impl Iterator for SetIter<'_> {
    type Item = Result<Instance, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        if let Some(e) = self.error.take() {
            self.done = true;
            return Some(Err(e));
        }
        loop {
            if self.done {
                return None;
            }
            let Some(inst) = self.peek_min() else {
                self.done = true;
                return None;
            };
            let utc = inst.utc_seconds();
            if let Err(e) = self.consume(utc) {
                self.done = true;
                return Some(Err(e));
            }
            if utc >= self.end {
                self.done = true;
                return None;
            }
            if utc < self.start || self.last.is_some_and(|l| utc <= l) {
                continue;
            }
            self.last = Some(utc);
            match self.exruled(utc) {
                Ok(true) => continue,
                Ok(false) => {}
                Err(e) => {
                    self.done = true;
                    return Some(Err(e));
                }
            }
            if self.set.exdated(&inst) {
                continue;
            }
            return Some(Ok(inst));
        }
    }
}

/// Parses a DTSTART or window bound: `YYYYMMDD`, `YYYYMMDDTHHMMSS` or
/// `YYYYMMDDTHHMMSSZ`.
fn parse_value(what: &str, text: &str) -> Result<DateOrDateTime, Error> {
    DateOrDateTime::parse(text.trim()).map_err(|e| Error::from_value(what, e))
}

/// Expands one rule: the entry point of `kalends rrule`.
///
/// - `dtstart`: `YYYYMMDD`, `YYYYMMDDTHHMMSS` (floating, or local in `tz`)
///   or `YYYYMMDDTHHMMSSZ`.
/// - `rrule`: the RECUR value (`FREQ=…`), with or without `RRULE:` in front.
/// - `tz`: the zone of a floating DTSTART, resolved by [`Zone::resolve`]
///   (IANA names and aliases). Unknown names fail with
///   [`ErrorKind::UnknownZone`].
/// - `limit`: at most this many instances.
/// - `between`: a window `[start, end)` of two values in the same forms as
///   `dtstart`; floating bounds are read in `tz` (or UTC).
///
/// A rule with neither COUNT nor UNTIL needs a `limit` or a window;
/// otherwise this fails with [`ErrorKind::InvalidRule`] at once instead of
/// running into the work budget. Instances print with `Display` as
/// `YYYYMMDD`, `YYYYMMDDTHHMMSS` (local) or `YYYYMMDDTHHMMSSZ`.
///
/// ```
/// use kalends_rrule::expand_rule;
///
/// let got = expand_rule("20240310T023000", "FREQ=DAILY", Some("America/New_York"),
///                       None, Some(("20240309", "20240312")))?;
/// let text: Vec<String> = got.iter().map(|i| i.to_string()).collect();
/// // 2024-03-10T02:30 does not exist in New York: DTSTART is read as 03:30
/// // (RFC 5545 §3.3.5); later instances at 02:30 would be dropped.
/// assert_eq!(text, ["20240310T033000", "20240311T023000"]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn expand_rule(
    dtstart: &str,
    rrule: &str,
    tz: Option<&str>,
    limit: Option<usize>,
    between: Option<(&str, &str)>,
) -> Result<Vec<Instance>, Error> {
    let options = Options::default();
    expand_rule_with(dtstart, rrule, tz, limit, between, &options)
}

/// [`expand_rule`] with explicit [`Options`].
pub fn expand_rule_with(
    dtstart: &str,
    rrule: &str,
    tz: Option<&str>,
    limit: Option<usize>,
    between: Option<(&str, &str)>,
    options: &Options,
) -> Result<Vec<Instance>, Error> {
    let start = parse_value("DTSTART", dtstart)?;
    let text = rrule.trim();
    let text = text
        .get(..6)
        .filter(|p| p.eq_ignore_ascii_case("RRULE:"))
        .and_then(|_| text.get(6..))
        .unwrap_or(text);
    let rule = Recur::parse(text).map_err(|e| Error::from_value("RRULE", e))?;
    let zone = tz.map(Zone::resolve).transpose()?;
    let mut opts = options.clone();
    if opts.floating_zone.is_none() {
        opts.floating_zone.clone_from(&zone);
    }
    let rec = Recurrence::new(&rule, start, zone.as_ref(), &opts)?;
    let window = match between {
        Some((a, b)) => {
            let a = parse_value("window start", a)?;
            let b = parse_value("window end", b)?;
            let set = RecurrenceSet::new(start, zone.as_ref(), &opts)?;
            Some((
                set.instance_of(a, zone.as_ref()).utc_seconds(),
                set.instance_of(b, zone.as_ref()).utc_seconds(),
            ))
        }
        None => None,
    };
    if window.is_none() && limit.is_none() && !rec.is_bounded() {
        return Err(Error::new(
            ErrorKind::InvalidRule,
            "the rule has neither COUNT nor UNTIL, so it never ends: give a limit or a window.",
        ));
    }
    let iter = match window {
        Some((a, b)) => rec.between_seconds(a, b),
        None => rec.iter(),
    };
    let mut out = Vec::new();
    for inst in iter.take(limit.unwrap_or(usize::MAX)) {
        out.push(inst?);
    }
    Ok(out)
}
