//! One RRULE applied to one DTSTART: the range-first API.
//!
//! [`Recurrence`] compiles a [`Recur`] against a DTSTART and a zone;
//! [`Recurrence::iter`], [`Recurrence::between`], [`Recurrence::after`] and
//! [`Recurrence::before`] expand it lazily. Rules without COUNT jump straight
//! to the period that holds a window's start, so the cost of a window does
//! not grow with its distance from DTSTART.
//!
//! ```
//! use kalends_ical_core::value::{DateOrDateTime, Recur};
//! use kalends_rrule::{Options, Recurrence, Zone};
//!
//! let rule = Recur::parse("FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1;COUNT=3")?;
//! let start = DateOrDateTime::parse("20240101T090000")?;
//! let berlin = Zone::iana("Europe/Berlin")?;
//! let r = Recurrence::new(&rule, start, Some(&berlin), &Options::default())?;
//! let got: Vec<String> = r.iter().map(|i| i.map(|i| i.to_string())).collect::<Result<_, _>>()?;
//! assert_eq!(got, ["20240101T090000", "20240131T090000", "20240229T090000"]);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::cmp::Ordering;
use std::fmt;

use jiff::Timestamp;
use kalends_ical_core::value::{Date, DateOrDateTime, DateTime, Frequency, Recur, Time, TimeForm};

use crate::calendar::{Calendar, CalendarSystem, Gregorian, calendar_for_rscale, civil_from_days};
use crate::engine::{Expander, MAX_DAY, MIN_DAY};
use crate::error::{Error, ErrorKind};
use crate::rule::{Seed, Spec};
use crate::zone::{LocalKind, Zone, ZoneCursor};

/// The work budget of one expansion (see the crate documentation).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Limits {
    /// Periods (years, months, … seconds; or skipped runs of them) examined
    /// in a row without a candidate before the expansion gives up with
    /// [`ErrorKind::BudgetExhausted`]. Default 50,000.
    pub max_empty_periods: u32,
    /// Candidates the engine may generate in one expansion, counting those
    /// skipped before a window, dropped in DST gaps or as duplicates.
    /// Default 1,000,000.
    pub max_instances: u64,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_empty_periods: 50_000,
            max_instances: 1_000_000,
        }
    }
}

/// What to do with an instance the rule puts at a local time that does not
/// exist in the zone (inside a spring-forward gap).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Nonexistent {
    /// Drop it, and do not count it for COUNT: RFC 5545 §3.3.10 ("such
    /// recurrence instances MUST be ignored and MUST NOT be counted").
    #[default]
    Drop,
    /// Keep it, read with the offset before the gap (RFC 5545 §3.3.5), so
    /// 02:30 becomes 03:30 after a one-hour gap. What most calendar
    /// applications do. An instance that lands at or before the previous one
    /// after the shift is dropped as a duplicate.
    ShiftForward,
}

/// Whether DTSTART is an instance when the rule does not generate it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum DtstartRule {
    /// Always the first instance, counted for COUNT: RFC 5545 §3.8.5.3 and
    /// RFC 8984 §4.3.3.1 ("always the first occurrence … even if it would
    /// normally not match the rule").
    #[default]
    Always,
    /// Only when the rule generates it: the reading of python-dateutil,
    /// ical.js and libical, and of RFC 8984 §4.3.4 for excluded rules
    /// (EXRULE).
    IfMatching,
}

/// Options of an expansion. Each tolerated deviation has its own name.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Instances in DST gaps: dropped (default) or shifted forward.
    pub nonexistent: Nonexistent,
    /// DTSTART as an instance: always (default) or only when it matches.
    pub dtstart: DtstartRule,
    /// Google Calendar quirk: a DATE-valued UNTIL with a DATE-TIME DTSTART
    /// (RFC 5545 §3.3.10 says they must have the same type) means the end
    /// of that day in DTSTART's zone. Off by default: the DATE is then read
    /// as the start (00:00:00) of that day.
    pub google_date_until: bool,
    /// The zone floating times and DATEs are placed in to compare them with
    /// instants (windows, merged calendars; RFC 4791 §9.9 uses the
    /// requester's zone). `None` reads them as UTC.
    pub floating_zone: Option<Zone>,
    /// The work budget.
    pub limits: Limits,
}

/// How an instance's time was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Form {
    /// A DATE (all-day).
    Date,
    /// A floating DATE-TIME.
    Floating,
    /// A UTC DATE-TIME.
    Utc,
    /// A DATE-TIME with a TZID.
    Zoned,
}

/// One instance: its local wall-clock time and its instant.
///
/// Ordered by instant, then local time. `Display` writes the iCalendar
/// form: `YYYYMMDD`, `YYYYMMDDTHHMMSS` (floating or zoned local time) or
/// `YYYYMMDDTHHMMSSZ`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Instance {
    local: i64,
    utc: i64,
    offset: i32,
    form: Form,
}

impl Instance {
    /// An instance from its parts: local seconds, instant, offset, form.
    pub(crate) fn from_parts(local: i64, utc: i64, offset: i32, form: Form) -> Instance {
        Instance {
            local,
            utc,
            offset,
            form,
        }
    }

    /// Local wall-clock time: seconds since 1970-01-01T00:00:00 local.
    pub fn local_seconds(&self) -> i64 {
        self.local
    }

    /// The instant, seconds since the Unix epoch. Floating times and DATEs
    /// are placed in [`Options::floating_zone`] (UTC by default).
    pub fn utc_seconds(&self) -> i64 {
        self.utc
    }

    /// The UTC offset of the local time, seconds east of UTC.
    pub fn offset_seconds(&self) -> i32 {
        self.offset
    }

    /// How the time is written.
    pub fn form(&self) -> Form {
        self.form
    }

    /// True for an all-day (DATE) instance.
    pub fn is_date(&self) -> bool {
        self.form == Form::Date
    }

    /// The instant as a jiff timestamp.
    pub fn timestamp(&self) -> Timestamp {
        Timestamp::from_second(self.utc).unwrap_or(Timestamp::UNIX_EPOCH)
    }

    /// The local date.
    pub fn date(&self) -> Date {
        let day = self.local.div_euclid(86_400);
        i32::try_from(day)
            .ok()
            .and_then(|d| Date::from_unix_days(d).ok())
            .unwrap_or(Date::MIN)
    }

    /// The local time of day (midnight for DATEs).
    pub fn time(&self) -> Time {
        let sod = self.local.rem_euclid(86_400);
        // sod < 86400: the narrowing casts are lossless.
        Time::new((sod / 3600) as u8, (sod / 60 % 60) as u8, (sod % 60) as u8)
            .unwrap_or(Time::MIDNIGHT)
    }

    /// The instance as an iCalendar value: a DATE, a floating DATE-TIME
    /// (also for zoned instances, whose TZID is the expansion's zone) or a
    /// UTC DATE-TIME.
    pub fn value(&self) -> DateOrDateTime {
        match self.form {
            Form::Date => DateOrDateTime::Date(self.date()),
            Form::Utc => {
                DateOrDateTime::DateTime(DateTime::new(self.date(), self.time(), TimeForm::Utc))
            }
            Form::Floating | Form::Zoned => DateOrDateTime::DateTime(DateTime::new(
                self.date(),
                self.time(),
                TimeForm::Floating,
            )),
        }
    }
}

impl PartialOrd for Instance {
    fn partial_cmp(&self, other: &Instance) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Instance {
    fn cmp(&self, other: &Instance) -> Ordering {
        (self.utc, self.local, self.form).cmp(&(other.utc, other.local, other.form))
    }
}

impl fmt::Display for Instance {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, m, d) = civil_from_days(self.local.div_euclid(86_400));
        write!(f, "{y:04}{m:02}{d:02}")?;
        if self.form == Form::Date {
            return Ok(());
        }
        let sod = self.local.rem_euclid(86_400);
        write!(f, "T{:02}{:02}{:02}", sod / 3600, sod / 60 % 60, sod % 60)?;
        if self.form == Form::Utc {
            f.write_str("Z")?;
        }
        Ok(())
    }
}

#[derive(Debug, Clone, Copy)]
enum Until {
    Local(i64),
    Utc(i64),
}

/// One RRULE compiled against one DTSTART, ready to expand.
#[derive(Debug, Clone)]
pub struct Recurrence {
    spec: Spec,
    calendar: Calendar,
    seed: Seed,
    zone: Zone,
    form: Form,
    dtstart: Instance,
    until: Option<Until>,
    count: Option<u32>,
    options: Options,
}

static GREGORIAN: Gregorian = Gregorian;

/// Local seconds of a DATE-TIME's wall clock (a leap second reads as :59).
pub(crate) fn local_seconds(dt: &DateTime) -> i64 {
    i64::from(dt.date.unix_days()) * 86_400 + i64::from(dt.time.seconds_from_midnight().min(86_399))
}

impl Recurrence {
    /// Compiles `rule` for DTSTART `dtstart`.
    ///
    /// `zone` is the zone of a floating DATE-TIME DTSTART with a TZID
    /// (already resolved, see [`crate::ZoneResolver`]); it is ignored for
    /// DATE and UTC values. Without a zone a floating DTSTART stays floating.
    ///
    /// UNTIL is compared in UTC when DTSTART has a zone or is UTC, and as
    /// local wall-clock time when DTSTART is floating or a DATE (a UTC
    /// UNTIL then loses its `Z`); a floating UNTIL with a zoned DTSTART is
    /// read in DTSTART's zone; a DATE UNTIL with a DATE-TIME DTSTART is the
    /// start of that day, or its end with [`Options::google_date_until`].
    ///
    /// Fails with [`ErrorKind::InvalidRule`] for inconsistent parts and
    /// [`ErrorKind::UnsupportedCalendar`] for an unknown RSCALE.
    pub fn new(
        rule: &Recur,
        dtstart: DateOrDateTime,
        zone: Option<&Zone>,
        options: &Options,
    ) -> Result<Recurrence, Error> {
        let calendar = match &rule.rscale {
            None => Calendar::Gregorian,
            Some(name) => calendar_for_rscale(name)?,
        };
        Recurrence::with_calendar(rule, dtstart, zone, calendar, options)
    }

    /// [`Recurrence::new`] in an explicit calendar system, whatever the
    /// rule's RSCALE says: the hook for calendars that
    /// [`crate::calendar::calendar_for_rscale`] does not know.
    pub fn with_calendar(
        rule: &Recur,
        dtstart: DateOrDateTime,
        zone: Option<&Zone>,
        calendar: Calendar,
        options: &Options,
    ) -> Result<Recurrence, Error> {
        let floating_zone = options.floating_zone.clone().unwrap_or_else(Zone::utc);
        let (form, local, zone, hms) = match dtstart {
            DateOrDateTime::Date(d) => (
                Form::Date,
                i64::from(d.unix_days()) * 86_400,
                floating_zone,
                (0, 0, 0),
            ),
            DateOrDateTime::DateTime(dt) => {
                let hms = (dt.time.hour(), dt.time.minute(), dt.time.second().min(59));
                let local = local_seconds(&dt);
                match (dt.form, zone) {
                    (TimeForm::Utc, _) => (Form::Utc, local, Zone::utc(), hms),
                    (TimeForm::Floating, Some(z)) if z.is_utc() => {
                        (Form::Utc, local, Zone::utc(), hms)
                    }
                    (TimeForm::Floating, Some(z)) if !z.is_floating() => {
                        (Form::Zoned, local, z.clone(), hms)
                    }
                    (TimeForm::Floating, _) => (Form::Floating, local, floating_zone, hms),
                }
            }
        };
        let day = local.div_euclid(86_400);
        if !(MIN_DAY..=MAX_DAY).contains(&day) {
            return Err(Error::new(
                ErrorKind::OutOfRange,
                "DTSTART lies outside the years 0000 to 9999.",
            ));
        }
        let date = match &calendar {
            Calendar::Gregorian => GREGORIAN.date_of_day(day),
            Calendar::Other(c) => c.date_of_day(day),
        };
        let seed = Seed {
            day,
            date,
            hour: hms.0,
            minute: hms.1,
            second: hms.2,
            is_date: form == Form::Date,
        };
        let mut spec = match &calendar {
            Calendar::Gregorian => Spec::compile(rule, &seed, &GREGORIAN)?,
            Calendar::Other(c) => Spec::compile(rule, &seed, c.as_ref())?,
        };
        spec.never = spec.impossible(calendar.is_gregorian());
        let resolved = zone.resolve_local(local);
        let dtstart = Instance {
            local: if form == Form::Zoned {
                resolved.utc + i64::from(resolved.offset)
            } else {
                local
            },
            utc: resolved.utc,
            offset: resolved.offset,
            form,
        };
        let until = rule.until.map(|u| match (form, u) {
            (Form::Date, DateOrDateTime::Date(d)) => {
                Until::Local(i64::from(d.unix_days()) * 86_400)
            }
            (Form::Date | Form::Floating, DateOrDateTime::DateTime(dt)) => {
                Until::Local(local_seconds(&dt))
            }
            (_, DateOrDateTime::Date(d)) => {
                let start = i64::from(d.unix_days()) * 86_400;
                Until::Local(if options.google_date_until {
                    start + 86_399
                } else {
                    start
                })
            }
            (Form::Utc, DateOrDateTime::DateTime(dt)) => Until::Utc(local_seconds(&dt)),
            (Form::Zoned, DateOrDateTime::DateTime(dt)) => match dt.form {
                TimeForm::Utc => Until::Utc(local_seconds(&dt)),
                TimeForm::Floating => Until::Local(local_seconds(&dt)),
            },
        });
        Ok(Recurrence {
            spec,
            calendar,
            seed,
            zone,
            form,
            dtstart,
            until,
            count: rule.count,
            options: options.clone(),
        })
    }

    /// DTSTART as an instance (resolved in its zone as RFC 5545 §3.3.5 says).
    pub fn dtstart(&self) -> Instance {
        self.dtstart
    }

    /// The zone instances are computed in (UTC for UTC and, without
    /// [`Options::floating_zone`], for floating values).
    pub fn zone(&self) -> &Zone {
        &self.zone
    }

    /// The calendar the rule is expanded in.
    pub fn calendar(&self) -> &Calendar {
        &self.calendar
    }

    /// True when the rule has COUNT or UNTIL.
    pub fn is_bounded(&self) -> bool {
        self.count.is_some() || self.until.is_some()
    }

    /// The frequency of the rule.
    pub fn frequency(&self) -> Frequency {
        self.spec.freq
    }

    /// Every instance, in order, from DTSTART.
    pub fn iter(&self) -> Iter<'_> {
        Iter::new(self, i64::MIN, i64::MAX)
    }

    /// The instances that start in `[start, end)`, lazily, in order.
    ///
    /// Without COUNT the expansion starts at the period holding `start`;
    /// with COUNT it must count from DTSTART.
    pub fn between(&self, start: Timestamp, end: Timestamp) -> Iter<'_> {
        Iter::new(self, start.as_second(), end.as_second())
    }

    /// [`Recurrence::between`] with instants in seconds since the epoch.
    pub fn between_seconds(&self, start: i64, end: i64) -> Iter<'_> {
        Iter::new(self, start, end)
    }

    /// The first instance strictly after `t`.
    pub fn after(&self, t: Timestamp) -> Result<Option<Instance>, Error> {
        self.after_seconds(t.as_second())
    }

    /// [`Recurrence::after`] with seconds since the epoch.
    pub fn after_seconds(&self, t: i64) -> Result<Option<Instance>, Error> {
        Iter::new(self, t.saturating_add(1), i64::MAX)
            .next()
            .transpose()
    }

    /// The last instance strictly before `t`.
    pub fn before(&self, t: Timestamp) -> Result<Option<Instance>, Error> {
        self.before_seconds(t.as_second())
    }

    /// [`Recurrence::before`] with seconds since the epoch.
    ///
    /// Without COUNT it searches windows ending at `t` that grow fourfold
    /// until one holds an instance or reaches DTSTART.
    pub fn before_seconds(&self, t: i64) -> Result<Option<Instance>, Error> {
        let first = self.dtstart.utc;
        if t <= first {
            return Ok(None);
        }
        if self.count.is_some() {
            let mut last = None;
            for inst in Iter::new(self, i64::MIN, t) {
                last = Some(inst?);
            }
            return Ok(last);
        }
        let unit: i64 = match self.spec.freq {
            Frequency::Yearly => 366 * 86_400,
            Frequency::Monthly => 31 * 86_400,
            Frequency::Weekly => 7 * 86_400,
            Frequency::Daily => 86_400,
            Frequency::Hourly => 3600,
            Frequency::Minutely => 60,
            Frequency::Secondly => 1,
        };
        let mut span = unit
            .saturating_mul(self.spec.interval)
            .saturating_mul(2)
            .max(86_400);
        loop {
            let start = t.saturating_sub(span);
            let from = if start <= first { i64::MIN } else { start };
            let mut last = None;
            for inst in Iter::new(self, from, t) {
                last = Some(inst?);
            }
            if last.is_some() || from == i64::MIN {
                return Ok(last);
            }
            span = span.saturating_mul(4);
        }
    }
}

enum Engine<'r> {
    Gregorian(Expander<'r, Gregorian>),
    Other(Expander<'r, dyn CalendarSystem>),
}

impl Engine<'_> {
    #[inline(always)]
    fn peek_uniform(&self) -> Option<i64> {
        match self {
            Engine::Gregorian(e) => e.peek_uniform(),
            Engine::Other(_) => None,
        }
    }

    #[inline(always)]
    fn advance_uniform(&mut self) {
        if let Engine::Gregorian(e) = self {
            e.advance_uniform();
        }
    }

    #[inline]
    fn next_local(&mut self) -> Result<Option<i64>, Error> {
        match self {
            Engine::Gregorian(e) => e.next_local(),
            Engine::Other(e) => e.next_local(),
        }
    }

    fn seek(&mut self, local: i64) {
        match self {
            Engine::Gregorian(e) => e.seek(local),
            Engine::Other(e) => e.seek(local),
        }
    }

    fn skip_to(&mut self, local: i64) {
        match self {
            Engine::Gregorian(e) => e.skip_to(local),
            Engine::Other(e) => e.skip_to(local),
        }
    }
}

/// The lazy expansion of a [`Recurrence`] over a window; yields instances
/// in order, or one error (then ends).
pub struct Iter<'r> {
    rec: &'r Recurrence,
    engine: Engine<'r>,
    cursor: ZoneCursor,
    /// Instances COUNT still allows (`u64::MAX` without COUNT).
    remaining: u64,
    /// Candidates the budget still allows.
    budget: u64,
    /// The instant of the last instance (`i64::MIN` before the first).
    last_key: i64,
    pending_dtstart: bool,
    dtstart_emitted: bool,
    /// DTSTART's local time as the engine generates it.
    dt_local: i64,
    /// UNTIL as a local bound (`i64::MAX` where it does not apply); the UTC
    /// bound is folded into `stop_utc`.
    until_local: i64,
    /// Drop instances in DST gaps (zoned, `Nonexistent::Drop`).
    drop_gaps: bool,
    /// Shift gap instances (zoned, `Nonexistent::ShiftForward`).
    shift_gaps: bool,
    /// DATE instances: the engine's local times are cut to their day.
    dates: bool,
    start: i64,
    end: i64,
    /// First instant that ends the expansion: min(UNTIL + 1, end).
    stop_utc: i64,
    /// Candidates may still be at or before DTSTART (cleared once one is after).
    near_dtstart: bool,
    /// Candidates may still be before `start`.
    before_start: bool,
    done: bool,
}

impl fmt::Debug for Iter<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Iter")
            .field("start", &self.start)
            .field("end", &self.end)
            .finish_non_exhaustive()
    }
}

impl<'r> Iter<'r> {
    fn new(rec: &'r Recurrence, start: i64, end: i64) -> Iter<'r> {
        let max_empty = rec.options.limits.max_empty_periods;
        let engine = match &rec.calendar {
            Calendar::Gregorian => {
                Engine::Gregorian(Expander::new(&rec.spec, &GREGORIAN, &rec.seed, max_empty))
            }
            Calendar::Other(c) => {
                Engine::Other(Expander::new(&rec.spec, c.as_ref(), &rec.seed, max_empty))
            }
        };
        let (until_local, until_utc) = match rec.until {
            Some(Until::Local(u)) => (u, i64::MAX),
            Some(Until::Utc(u)) => (i64::MAX, u),
            None => (i64::MAX, i64::MAX),
        };
        let zoned = rec.form == Form::Zoned;
        let mut it = Iter {
            rec,
            engine,
            cursor: ZoneCursor::new(&rec.zone),
            remaining: rec.count.map_or(u64::MAX, u64::from),
            budget: rec.options.limits.max_instances,
            last_key: i64::MIN,
            pending_dtstart: rec.options.dtstart == DtstartRule::Always,
            dtstart_emitted: false,
            dt_local: rec.seed.day * 86_400
                + i64::from(rec.seed.hour) * 3600
                + i64::from(rec.seed.minute) * 60
                + i64::from(rec.seed.second),
            until_local,
            drop_gaps: zoned && rec.options.nonexistent == Nonexistent::Drop,
            shift_gaps: zoned && rec.options.nonexistent == Nonexistent::ShiftForward,
            dates: rec.form == Form::Date,
            start,
            end,
            stop_utc: until_utc.saturating_add(1).min(end),
            near_dtstart: true,
            before_start: start > i64::MIN,
            done: start >= end,
        };
        if rec.count.is_none() && start > rec.dtstart.utc {
            it.pending_dtstart = false;
            let mut local = rec.zone.to_local(start);
            if rec.options.nonexistent == Nonexistent::ShiftForward && rec.zone.has_transitions() {
                let margin = rec.zone.offset_at(start)
                    - rec.zone.offset_at(start.saturating_sub(2 * 86_400));
                local = local.saturating_sub(i64::from(margin.max(0)));
            }
            // A rule whose DTSTART lies after the local start is not seeked.
            if local > rec.dtstart.local {
                it.engine.seek(local);
            }
        }
        it
    }

    fn budget_error(&self) -> Error {
        Error::new(
            ErrorKind::BudgetExhausted,
            format!(
                "the expansion generated more than {} candidate instances, the work budget (max_instances).",
                self.rec.options.limits.max_instances
            ),
        )
    }
}

impl Iterator for Iter<'_> {
    type Item = Result<Instance, Error>;

    #[inline]
    fn next(&mut self) -> Option<Self::Item> {
        if let Some(inst) = self.next_hot() {
            return Some(Ok(inst));
        }
        self.next_cold()
    }
}

impl Iter<'_> {
    /// The hot path: a uniform rule's next candidate when nothing
    /// but the common checks applies; `None` defers to `next_cold`.
    #[inline(always)]
    fn next_hot(&mut self) -> Option<Instance> {
        if self.done
            || self.pending_dtstart
            || self.dates
            || self.remaining == 0
            || self.budget == 0
        {
            return None;
        }
        let local = self.engine.peek_uniform()?;
        if local <= self.dt_local {
            return None;
        }
        let (utc, offset) = self.cursor.resolve_cached(local)?;
        if utc <= self.last_key
            || local > self.until_local
            || utc >= self.stop_utc
            || utc < self.start
        {
            return None;
        }
        self.engine.advance_uniform();
        self.budget -= 1;
        self.remaining -= 1;
        self.last_key = utc;
        Some(Instance {
            local,
            utc,
            offset,
            form: self.rec.form,
        })
    }

    #[inline(never)]
    fn next_cold(&mut self) -> Option<Result<Instance, Error>> {
        if self.done {
            return None;
        }
        if self.pending_dtstart {
            self.pending_dtstart = false;
            self.dtstart_emitted = true;
            let d = self.rec.dtstart;
            self.remaining = self.remaining.saturating_sub(1);
            self.last_key = d.utc;
            if d.utc >= self.end {
                self.done = true;
                return None;
            }
            if d.utc >= self.start {
                return Some(Ok(d));
            }
        }
        loop {
            if self.remaining == 0 {
                self.done = true;
                return None;
            }
            let local = match self.engine.next_local() {
                Ok(Some(l)) => l,
                Ok(None) => {
                    self.done = true;
                    return None;
                }
                Err(e) => {
                    self.done = true;
                    return Some(Err(e));
                }
            };
            if self.budget == 0 {
                self.done = true;
                return Some(Err(self.budget_error()));
            }
            self.budget -= 1;
            let local = if self.dates {
                let day_start = local - local.rem_euclid(86_400);
                if self.rec.spec.freq < Frequency::Daily {
                    // Reading: a DATE instance of a sub-daily rule stands for
                    // every candidate of its day; go on with the next day.
                    self.engine.skip_to(day_start.saturating_add(86_400));
                }
                day_start
            } else {
                local
            };
            if self.near_dtstart {
                if local <= self.dt_local && (local < self.dt_local || self.dtstart_emitted) {
                    continue;
                }
                if local > self.dt_local {
                    self.near_dtstart = false;
                }
            }
            let r = self.cursor.resolve(local);
            let shown = if r.kind == LocalKind::Gap {
                if self.drop_gaps {
                    continue;
                }
                if self.shift_gaps {
                    r.utc + i64::from(r.offset)
                } else {
                    local
                }
            } else {
                local
            };
            let utc = r.utc;
            if utc <= self.last_key {
                continue;
            }
            if local > self.until_local || utc >= self.stop_utc {
                self.done = true;
                return None;
            }
            self.last_key = utc;
            self.remaining -= 1;
            if self.near_dtstart && local == self.dt_local {
                self.dtstart_emitted = true;
            }
            if self.before_start {
                if utc < self.start {
                    continue;
                }
                self.before_start = false;
            }
            return Some(Ok(Instance {
                local: shown,
                utc,
                offset: r.offset,
                form: self.rec.form,
            }));
        }
    }
}
