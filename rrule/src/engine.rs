//! The expansion engine: RFC 5545 §3.3.10 period by period, in local time.
//!
//! A *period* is one year (or week-numbering year), month, week, day, hour,
//! minute or second, numbered by an integer index. The periods of a rule are
//! `base + n × INTERVAL`, where `base` holds DTSTART. For each period the
//! engine builds the sorted candidate *days* (at most 371, in a buffer
//! reused for the whole expansion) and crosses them lazily with the sorted
//! times of day (never materialised: a flat index is decoded into day, hour,
//! minute and second). BYSETPOS selects flat indexes of that product.
//!
//! Candidate days are generated from the most selective part present
//! (BYYEARDAY, then BYMONTHDAY, then BYDAY, then BYWEEKNO, then BYMONTH) and
//! tested against the others; at the day level every BYxxx of the expand /
//! limit table of RFC 5545 §3.3.10 amounts to this intersection. Parts the
//! table marks N/A (BYYEARDAY with DAILY, WEEKLY or MONTHLY; BYMONTHDAY with
//! WEEKLY; BYWEEKNO with anything but YEARLY) are read as limits.
//!
//! The engine returns local times as seconds since 1970-01-01T00:00:00 of
//! the local wall clock; zones, UNTIL, COUNT and windows are applied by
//! [`crate::recurrence`].

use kalends_ical_core::value::{Frequency, Skip};

use crate::calendar::{CalendarSystem, MonthCode, days_from_civil, weekday_of};
use crate::error::{Error, ErrorKind};
use crate::rule::{NthScope, Seed, Spec};

/// The first day number the engine produces: 0000-01-01.
pub(crate) const MIN_DAY: i64 = days_from_civil(0, 1, 1);
/// The last day number the engine produces: 9999-12-31.
pub(crate) const MAX_DAY: i64 = days_from_civil(9999, 12, 31);
/// The first local time after 9999-12-31.
const MAX_LOCAL: i64 = (MAX_DAY + 1) * 86_400;

const C_MONTH: u8 = 1;
const C_WEEK: u8 = 2;
const C_YDAY: u8 = 4;
const C_MDAY: u8 = 8;
const C_DAY: u8 = 16;

/// The outcome of testing a day against the day-level parts.
#[derive(PartialEq, Eq)]
enum DayCheck {
    Pass,
    /// BYMONTH failed: no day of this month can pass.
    FailMonth,
    Fail,
}

/// The lazy expansion of one rule from one DTSTART, in local time.
pub(crate) struct Expander<'a, C: ?Sized> {
    spec: &'a Spec,
    cal: &'a C,
    /// Day-level parts present, as `C_*` flags.
    present: u8,
    /// A day number whose weekday is WKST.
    wk_anchor: i64,
    /// The period of DTSTART.
    base: i64,
    /// The current period.
    period: i64,
    loaded: bool,
    finished: bool,
    /// Candidate days of the current period, sorted, unique.
    days: Vec<i64>,
    /// Selected flat indexes (BYSETPOS), sorted, unique.
    sel: Vec<u64>,
    /// Next flat index (without BYSETPOS) or next position in `sel`.
    pos: u64,
    /// Number of flat candidates: days × times of day.
    total: u64,
    /// Seconds each time-of-day axis (hour, minute, second) contributes,
    /// by index; an axis that the period itself fixes is `[0]`. Never
    /// crossed into one list: a candidate's time of day is the sum of one
    /// entry of each, chosen by a mixed-radix counter.
    hsec: Vec<i64>,
    msec: Vec<i64>,
    ssec: Vec<i64>,
    /// Seconds the axes fixed by a sub-daily period contribute.
    fixed_base: i64,
    /// Times of day per day: the product of the axes' lengths.
    tod_n: u64,
    /// The sequential position: candidate day and time-of-day counters.
    di: usize,
    hi: usize,
    mi: usize,
    si: usize,
    /// The uniform path, for rules whose every period has the same
    /// candidates (DAILY and shorter without day-level parts, limits or
    /// BYSETPOS; WEEKLY with only plain BYDAY): the seconds from one
    /// period's start to the next; candidates are then computed without
    /// loading periods.
    ustep: Option<i64>,
    /// The current period's start, in local seconds (uniform path).
    ustart: i64,
    /// Offsets of the candidate days within a uniform period, in seconds.
    udays: Vec<i64>,
    /// The one candidate's offset when a uniform period has exactly one.
    usingle: Option<i64>,
    /// MONTHLY BYSETPOS over plain weekdays only: select by walking.
    scan_setpos: bool,
    /// The current period's `sel` was filled by its generator.
    preselected: bool,
    /// A buffer of `select_weekdays`, kept for the whole expansion.
    picks: Vec<(i64, u64)>,
    /// After a seek: skip candidate days before this one.
    seek_day: Option<i64>,
    /// Periods examined in a row without a candidate.
    empty_run: u32,
    max_empty: u32,
}

impl<'a, C: CalendarSystem + ?Sized> Expander<'a, C> {
    /// An expansion of `spec` from `seed` in calendar `cal`, giving up after
    /// `max_empty` periods in a row without a candidate.
    pub(crate) fn new(spec: &'a Spec, cal: &'a C, seed: &Seed, max_empty: u32) -> Self {
        let mut present = 0;
        if !spec.months.is_empty() {
            present |= C_MONTH;
        }
        if !spec.week_nos.is_empty() {
            present |= C_WEEK;
        }
        if !spec.year_days.is_empty() {
            present |= C_YDAY;
        }
        if !spec.month_days.is_empty() {
            present |= C_MDAY;
        }
        if spec.has_by_day {
            present |= C_DAY;
        }
        let wk_anchor = i64::from(spec.wkst).wrapping_sub(3).rem_euclid(7);
        let mut e = Expander {
            spec,
            cal,
            present,
            wk_anchor,
            base: 0,
            period: 0,
            loaded: false,
            finished: spec.never,
            days: Vec::with_capacity(if spec.freq >= Frequency::Monthly {
                32
            } else {
                8
            }),
            sel: Vec::new(),
            pos: 0,
            total: 0,
            hsec: Vec::new(),
            msec: Vec::new(),
            ssec: Vec::new(),
            fixed_base: 0,
            tod_n: 0,
            di: 0,
            hi: 0,
            mi: 0,
            si: 0,
            ustep: None,
            ustart: 0,
            udays: Vec::new(),
            usingle: None,
            scan_setpos: spec.freq == Frequency::Monthly
                && present == C_DAY
                && spec.day_nth.is_empty()
                && !spec.set_pos.is_empty(),
            preselected: false,
            picks: Vec::new(),
            seek_day: None,
            empty_run: 0,
            max_empty,
        };
        let sod = i64::from(seed.hour) * 3600
            + i64::from(seed.minute) * 60
            + i64::from(seed.second.min(59));
        e.base = e.period_of(seed.day, sod);
        e.period = e.base;
        // The time-of-day axes below the period's own unit.
        let secs = |list: &[u8], unit: i64| -> Vec<i64> {
            list.iter().map(|&v| i64::from(v) * unit).collect()
        };
        let zero = || vec![0i64];
        (e.hsec, e.msec, e.ssec) = match spec.freq {
            Frequency::Secondly => (zero(), zero(), zero()),
            Frequency::Minutely => (zero(), zero(), secs(&spec.seconds, 1)),
            Frequency::Hourly => (zero(), secs(&spec.minutes, 60), secs(&spec.seconds, 1)),
            _ => (
                secs(&spec.hours, 3600),
                secs(&spec.minutes, 60),
                secs(&spec.seconds, 1),
            ),
        };
        e.tod_n = (e.hsec.len() * e.msec.len() * e.ssec.len()) as u64;
        let limits = match spec.freq {
            Frequency::Hourly => spec.has_hours,
            Frequency::Minutely => spec.has_hours || spec.has_minutes,
            Frequency::Secondly => spec.has_hours || spec.has_minutes || spec.has_seconds,
            _ => false,
        };
        let uniform_len = match spec.freq {
            _ if !spec.set_pos.is_empty() || limits || e.tod_n == 0 => None,
            Frequency::Weekly if present == C_DAY => Some(7 * 86_400),
            Frequency::Daily if present == 0 => Some(86_400),
            Frequency::Hourly if present == 0 => Some(3600),
            Frequency::Minutely if present == 0 => Some(60),
            Frequency::Secondly if present == 0 => Some(1),
            _ => None,
        };
        if let Some(len) = uniform_len {
            if spec.freq == Frequency::Weekly {
                let mut wd = spec.wkst;
                for k in 0..7 {
                    if spec.day_plain & (1 << wd) != 0 {
                        e.udays.push(k * 86_400);
                    }
                    wd = if wd == 6 { 0 } else { wd + 1 };
                }
            } else {
                e.udays.push(0);
            }
            if !e.udays.is_empty() {
                e.ustep = spec.interval.checked_mul(len);
                e.ustart = e.period_start(e.period);
                if e.udays.len() == 1 && e.tod_n == 1 {
                    e.usingle = e.udays.first().map(|d| d + e.tod_now());
                }
            }
        }
        e
    }

    /// Seconds of the day at the time-of-day counters.
    #[inline]
    fn tod_now(&self) -> i64 {
        self.fixed_base
            + self.hsec.get(self.hi).copied().unwrap_or(0)
            + self.msec.get(self.mi).copied().unwrap_or(0)
            + self.ssec.get(self.si).copied().unwrap_or(0)
    }

    /// Steps the time-of-day counters; true when they wrapped to the next day.
    #[inline]
    fn advance_tod(&mut self) -> bool {
        self.si += 1;
        if self.si < self.ssec.len() {
            return false;
        }
        self.si = 0;
        self.mi += 1;
        if self.mi < self.msec.len() {
            return false;
        }
        self.mi = 0;
        self.hi += 1;
        if self.hi < self.hsec.len() {
            return false;
        }
        self.hi = 0;
        true
    }

    /// Resets the sequential position to the period's first candidate.
    fn rewind(&mut self) {
        self.di = 0;
        self.hi = 0;
        self.mi = 0;
        self.si = 0;
        self.pos = 0;
    }

    /// The local seconds at which period `p` of a uniform rule starts.
    fn period_start(&self, p: i64) -> i64 {
        match self.spec.freq {
            Frequency::Weekly => self
                .wk_anchor
                .saturating_add(p.saturating_mul(7))
                .saturating_mul(86_400),
            Frequency::Daily => p.saturating_mul(86_400),
            Frequency::Hourly => p.saturating_mul(3600),
            Frequency::Minutely => p.saturating_mul(60),
            _ => p,
        }
    }

    /// True at the period's first candidate.
    fn at_start(&self) -> bool {
        self.di == 0 && self.hi == 0 && self.mi == 0 && self.si == 0 && self.pos == 0
    }

    /// The index of the period holding local day `day` at `sod` seconds.
    fn period_of(&self, day: i64, sod: i64) -> i64 {
        match self.spec.freq {
            Frequency::Yearly => {
                let y = self.cal.date_of_day(day).year;
                if self.spec.week_year {
                    if day < self.week1_start(y) {
                        i64::from(y) - 1
                    } else if day >= self.week1_start(y.saturating_add(1)) {
                        i64::from(y) + 1
                    } else {
                        i64::from(y)
                    }
                } else {
                    i64::from(y)
                }
            }
            Frequency::Monthly => {
                let d = self.cal.date_of_day(day);
                self.cal.month_index(d.year, d.month)
            }
            Frequency::Weekly => (day - self.wk_anchor).div_euclid(7),
            Frequency::Daily => day,
            Frequency::Hourly => day * 24 + sod / 3600,
            Frequency::Minutely => day * 1440 + sod / 60,
            Frequency::Secondly => day * 86_400 + sod,
        }
    }

    /// The first day of the week-numbering year `year` (week 1 is the first
    /// week, starting on WKST, with at least four days in `year`).
    fn week1_start(&self, year: i32) -> i64 {
        let ys = self.cal.year_start(year);
        let back = (i64::from(weekday_of(ys)) - i64::from(self.spec.wkst)).rem_euclid(7);
        let ws = ys - back;
        if 7 - back >= 4 { ws } else { ws + 7 }
    }

    /// The first aligned period (`base + n × INTERVAL`) at or after `target`.
    fn align_up(&self, target: i64) -> Option<i64> {
        if target <= self.base {
            return Some(self.base);
        }
        let iv = self.spec.interval;
        let off = target.checked_sub(self.base)?;
        let n = off.checked_add(iv - 1)? / iv;
        self.base.checked_add(n.checked_mul(iv)?)
    }

    /// Positions the expansion at the aligned period holding local time
    /// `local` (or at DTSTART's period if that is later); candidates of that
    /// period on days before `local`'s day are skipped.
    pub(crate) fn seek(&mut self, local: i64) {
        let day = local.div_euclid(86_400);
        let sod = local.rem_euclid(86_400);
        if day > MAX_DAY {
            self.finished = true;
            return;
        }
        let p = self.period_of(day.max(MIN_DAY), sod);
        if p <= self.base {
            return;
        }
        let iv = self.spec.interval;
        let n = (p - self.base) / iv;
        let Some(mut aligned) = n.checked_mul(iv).and_then(|x| x.checked_add(self.base)) else {
            self.finished = true;
            return;
        };
        // SKIP=FORWARD (RFC 7529 §4.1) moves a date past its month's end
        // (or a missing leap month) into the next month or year, which is
        // the next period when INTERVAL is 1: start one period earlier so
        // that the moves that land in `local`'s period are not missed (the
        // earlier period's own candidates fall before `local`'s day and
        // are skipped).
        if iv == 1
            && aligned == p
            && aligned > self.base
            && self.spec.skip == Skip::Forward
            && matches!(self.spec.freq, Frequency::Yearly | Frequency::Monthly)
            && !self.spec.week_year
        {
            aligned -= 1;
        }
        self.move_to(aligned, day);
    }

    /// Positions the expansion at the first aligned period that starts at
    /// or after local time `local`.
    pub(crate) fn skip_to(&mut self, local: i64) {
        let day = local.div_euclid(86_400);
        if day > MAX_DAY {
            self.finished = true;
            return;
        }
        let p = self.period_of(day.max(MIN_DAY), local.rem_euclid(86_400));
        match self.align_up(p) {
            Some(aligned) => self.move_to(aligned, day),
            None => self.finished = true,
        }
    }

    /// Moves to period `aligned` unless that would go back.
    fn move_to(&mut self, aligned: i64, day: i64) {
        if aligned > self.period || (aligned == self.period && !self.loaded && self.at_start()) {
            self.period = aligned;
            self.loaded = false;
            self.seek_day = Some(day);
            self.rewind();
            self.ustart = self.period_start(aligned);
        }
    }

    /// The next candidate in local seconds, `Ok(None)` at the end of the
    /// representable range, or the budget error.
    #[inline]
    pub(crate) fn next_local(&mut self) -> Result<Option<i64>, Error> {
        match self.ustep {
            Some(step) => Ok(self.next_uniform(step)),
            None => self.next_loaded(),
        }
    }

    /// The next candidate of a uniform rule without changing
    /// state; `None` defers to `next_local`.
    #[inline(always)]
    pub(crate) fn peek_uniform(&self) -> Option<i64> {
        if self.finished {
            return None;
        }
        self.ustep?;
        if let Some(offset) = self.usingle {
            if self.di > 0 {
                return None;
            }
            let local = self.ustart + offset;
            return (local < MAX_LOCAL).then_some(local);
        }
        let day_offset = *self.udays.get(self.di)?;
        let local = self.ustart + day_offset + self.tod_now();
        (local < MAX_LOCAL).then_some(local)
    }

    /// Consumes the candidate `peek_uniform` returned.
    #[inline(always)]
    pub(crate) fn advance_uniform(&mut self) {
        let Some(step) = self.ustep else { return };
        if self.usingle.is_some() {
            match self.ustart.checked_add(step) {
                Some(next) => self.ustart = next,
                None => self.di = 1,
            }
            self.period = self.period.saturating_add(self.spec.interval);
            return;
        }
        if self.advance_tod() {
            self.di += 1;
            if self.di >= self.udays.len() {
                self.di = 0;
                match self.ustart.checked_add(step) {
                    Some(next) => self.ustart = next,
                    None => self.finished = true,
                }
                self.period = self.period.saturating_add(self.spec.interval);
            }
        }
    }

    /// The next candidate of a uniform rule (see `ustep`).
    #[inline]
    fn next_uniform(&mut self, step: i64) -> Option<i64> {
        if self.finished {
            return None;
        }
        if let Some(offset) = self.usingle {
            // One candidate per period at a fixed offset: DAILY at one time.
            // `ustart` stays below MAX_LOCAL plus one step, far from overflow.
            let local = self.ustart + offset;
            if local >= MAX_LOCAL || self.di > 0 {
                self.finished = true;
                return None;
            }
            match self.ustart.checked_add(step) {
                Some(next) => self.ustart = next,
                None => self.di = 1,
            }
            self.period = self.period.saturating_add(self.spec.interval);
            return Some(local);
        }
        if self.di >= self.udays.len() {
            self.di = 0;
            match self.ustart.checked_add(step) {
                Some(next) => self.ustart = next,
                None => {
                    self.finished = true;
                    return None;
                }
            }
            self.period = self.period.saturating_add(self.spec.interval);
        }
        let day_offset = self.udays.get(self.di).copied().unwrap_or(0);
        let local = self.ustart + day_offset + self.tod_now();
        if local >= MAX_LOCAL {
            self.finished = true;
            return None;
        }
        if self.advance_tod() {
            self.di += 1;
        }
        Some(local)
    }

    /// The next candidate of the current period, loading periods as needed.
    #[inline(never)]
    fn next_loaded(&mut self) -> Result<Option<i64>, Error> {
        loop {
            if self.finished {
                return Ok(None);
            }
            if !self.loaded {
                self.load()?;
                continue;
            }
            if let Some(local) = self.take() {
                self.empty_run = 0;
                return Ok(Some(local));
            }
            match self.period.checked_add(self.spec.interval) {
                Some(p) => {
                    self.period = p;
                    self.loaded = false;
                }
                None => self.finished = true,
            }
        }
    }

    fn count_empty(&mut self) -> Result<(), Error> {
        self.empty_run = self.empty_run.saturating_add(1);
        if self.empty_run > self.max_empty {
            self.finished = true;
            return Err(Error::new(
                ErrorKind::BudgetExhausted,
                format!(
                    "the rule produced no instance in {} periods in a row; it may never match, and the work budget (max_empty_periods) is exhausted.",
                    self.max_empty
                ),
            ));
        }
        Ok(())
    }

    /// Fills the candidates of the current period (moving on past periods
    /// that cannot have any, for sub-daily rules).
    fn load(&mut self) -> Result<(), Error> {
        self.days.clear();
        self.sel.clear();
        self.rewind();
        self.total = 0;
        self.preselected = false;
        match self.spec.freq {
            Frequency::Yearly => self.load_yearly(),
            Frequency::Monthly => self.load_monthly(),
            Frequency::Weekly => self.load_weekly(),
            Frequency::Daily => self.load_daily(),
            _ => {
                if !self.load_subdaily()? {
                    return Ok(());
                }
            }
        }
        if self.finished {
            return Ok(());
        }
        let tod_n = self.tod_n;
        self.total = (self.days.len() as u64).saturating_mul(tod_n);
        if !self.spec.set_pos.is_empty() && !self.preselected {
            let total = self.total as i64;
            for &p in &self.spec.set_pos {
                let idx = if p > 0 {
                    i64::from(p) - 1
                } else {
                    total + i64::from(p)
                };
                if (0..total).contains(&idx) {
                    self.sel.push(idx as u64);
                }
            }
            self.sel.sort_unstable();
            self.sel.dedup();
        }
        if let Some(seek_day) = self.seek_day.take()
            && tod_n > 0
        {
            let first = self.days.partition_point(|&d| d < seek_day) as u64;
            if self.spec.set_pos.is_empty() {
                self.di = first as usize;
            } else {
                self.pos = self.sel.partition_point(|&k| k / tod_n < first) as u64;
            }
        }
        self.loaded = true;
        let has = if self.spec.set_pos.is_empty() {
            self.total > 0
        } else {
            !self.sel.is_empty()
        };
        if !has {
            self.count_empty()?;
        }
        Ok(())
    }

    /// Seconds of the day of the `ti`-th time of day of the current period.
    #[inline]
    fn tod_secs(&self, ti: u64) -> i64 {
        let ns = (self.ssec.len() as u64).max(1);
        let nm = (self.msec.len() as u64).max(1);
        let si = ti % ns;
        let mi = (ti / ns) % nm;
        let hi = ti / (ns * nm);
        let at = |list: &[i64], i: u64| list.get(i as usize).copied().unwrap_or(0);
        self.fixed_base + at(&self.hsec, hi) + at(&self.msec, mi) + at(&self.ssec, si)
    }

    /// The next candidate of the loaded period.
    #[inline]
    fn take(&mut self) -> Option<i64> {
        let (day, sod) = if self.spec.set_pos.is_empty() {
            let day = *self.days.get(self.di)?;
            let sod = self.tod_now();
            if self.advance_tod() {
                self.di += 1;
            }
            (day, sod)
        } else {
            let k = *self.sel.get(self.pos as usize)?;
            self.pos += 1;
            let tod_n = self.tod_n.max(1);
            (
                *self.days.get((k / tod_n) as usize)?,
                self.tod_secs(k % tod_n),
            )
        };
        if day > MAX_DAY {
            self.finished = true;
            return None;
        }
        Some(day * 86_400 + sod)
    }

    // ------------------------------------------------------------------
    // Day-level tests.

    /// Tests day `day` against the day-level parts in `flags`.
    fn check_day(&self, day: i64, flags: u8) -> DayCheck {
        let flags = flags & self.present;
        if flags == 0 {
            return DayCheck::Pass;
        }
        let s = self.spec;
        let date = self.cal.date_of_day(day);
        if flags & C_MONTH != 0 && !s.month_ok(self.cal.month_code(date.year, date.month)) {
            return DayCheck::FailMonth;
        }
        let mlen = i64::from(self.cal.days_in_month(date.year, date.month));
        let mday = i64::from(date.day);
        if flags & C_MDAY != 0 {
            let pos = s.mday_pos & (1u64 << (mday & 63)) != 0;
            let neg_n = mlen + 1 - mday;
            let neg = (1..64).contains(&neg_n) && s.mday_neg & (1u64 << neg_n) != 0;
            if !pos && !neg {
                return DayCheck::Fail;
            }
        }
        let need_year =
            flags & C_YDAY != 0 || (flags & C_DAY != 0 && s.nth_scope == NthScope::Year);
        let (yday, ylen) = if need_year {
            let ys = self.cal.year_start(date.year);
            (day - ys + 1, i64::from(self.cal.days_in_year(date.year)))
        } else {
            (0, 0)
        };
        if flags & C_YDAY != 0 {
            let pos = usize::try_from(yday).is_ok_and(|n| s.yday_pos.has(n));
            let neg = usize::try_from(ylen + 1 - yday).is_ok_and(|n| s.yday_neg.has(n));
            if !pos && !neg {
                return DayCheck::Fail;
            }
        }
        if flags & C_WEEK != 0 && !self.week_ok(day, date.year) {
            return DayCheck::Fail;
        }
        if flags & C_DAY != 0 {
            let wd = weekday_of(day);
            if s.day_plain & (1 << wd) == 0 {
                let (idx, len) = match s.nth_scope {
                    NthScope::Month => (mday, mlen),
                    NthScope::Year => (yday, ylen),
                    NthScope::None => (0, 0),
                };
                let pos_n = (idx - 1) / 7 + 1;
                let neg_n = -((len - idx) / 7 + 1);
                let hit = s
                    .day_nth
                    .iter()
                    .any(|&(n, w)| w == wd && (i64::from(n) == pos_n || i64::from(n) == neg_n));
                if !hit {
                    return DayCheck::Fail;
                }
            }
        }
        DayCheck::Pass
    }

    /// True when `day` (in calendar year `year`) lies in a week BYWEEKNO names,
    /// counting weeks in the week-numbering year that holds it.
    fn week_ok(&self, day: i64, year: i32) -> bool {
        let mut wy = year;
        let mut w1 = self.week1_start(wy);
        if day < w1 {
            wy = wy.saturating_sub(1);
            w1 = self.week1_start(wy);
        } else {
            let next = self.week1_start(wy.saturating_add(1));
            if day >= next {
                w1 = next;
                wy = wy.saturating_add(1);
            }
        }
        let nweeks = (self.week1_start(wy.saturating_add(1)) - w1) / 7;
        let week = (day - w1) / 7 + 1;
        let neg = nweeks + 1 - week;
        ((1..64).contains(&week) && self.spec.week_pos & (1u64 << week) != 0)
            || ((1..64).contains(&neg) && self.spec.week_neg & (1u64 << neg) != 0)
    }

    /// Keeps the days that pass the `flags` tests; sorts and removes
    /// duplicates when the generator may have produced them (`unsorted`).
    fn finish_days(&mut self, flags: u8, unsorted: bool) {
        if unsorted {
            self.days.sort_unstable();
            self.days.dedup();
        }
        if flags & self.present != 0 {
            let mut days = std::mem::take(&mut self.days);
            days.retain(|&d| self.check_day(d, flags) == DayCheck::Pass);
            self.days = days;
        }
    }

    // ------------------------------------------------------------------
    // Generators.

    /// Pushes the days of `[start, start + len)` that BYDAY names; numbered
    /// entries count within that range. Returns true when the days pushed
    /// may be out of order or repeated.
    fn push_weekdays(&mut self, start: i64, len: i64) -> bool {
        let end = start + len;
        let plain = self.spec.day_plain;
        if plain != 0 {
            let mut wd = weekday_of(start);
            for d in start..end {
                if plain & (1 << wd) != 0 {
                    self.days.push(d);
                }
                wd = if wd == 6 { 0 } else { wd + 1 };
            }
        }
        let nth = &self.spec.day_nth;
        if !nth.is_empty() {
            let first_wd = i64::from(weekday_of(start));
            let last = end - 1;
            let last_wd = i64::from(weekday_of(last));
            for &(n, wd) in nth {
                let n = i64::from(n);
                let d = if n > 0 {
                    start + (i64::from(wd) - first_wd).rem_euclid(7) + 7 * (n - 1)
                } else {
                    last - (last_wd - i64::from(wd)).rem_euclid(7) - 7 * (-n - 1)
                };
                if (start..end).contains(&d) {
                    self.days.push(d);
                }
            }
        }
        plain != 0 && !nth.is_empty() || nth.len() > 1
    }

    /// Pushes the days BYMONTHDAY names in the month starting at `ms` with
    /// `mlen` days, applying SKIP (RFC 7529 §4.1) to the days it lacks.
    /// Returns true when the days pushed may be out of order or repeated
    /// (negative and positive values, or a day moved by SKIP).
    ///
    /// Reading: a day is invalid past the month's end (`BYMONTHDAY=31` in a
    /// 30-day month) or, counted from the end, before its start
    /// (`BYMONTHDAY=-31` in a 30-day month). RFC 7529 §4.1 moves an invalid
    /// day-of-month to the next (FORWARD) or previous (BACKWARD) valid one:
    /// past the end that is the first day of the next month or the last
    /// day of this one (RFC 8984 §4.3.3.1 step 2.2), before the start the
    /// first day of this month or the last day of the previous one (as
    /// libical does).
    fn push_month_days(&mut self, ms: i64, mlen: i64) -> bool {
        let mut moved = self.spec.month_days.first().is_some_and(|&d| d < 0)
            && self.spec.month_days.last().is_some_and(|&d| d > 0);
        for &v in &self.spec.month_days {
            let v = i64::from(v);
            let d = if v > 0 { v } else { mlen + 1 + v };
            if (1..=mlen).contains(&d) {
                self.days.push(ms + d - 1);
                continue;
            }
            let past_end = d > mlen;
            match (self.spec.skip, past_end) {
                (Skip::Omit, _) => {}
                (Skip::Forward, true) => self.days.push(ms + mlen),
                (Skip::Forward, false) => self.days.push(ms),
                (Skip::Backward, true) => self.days.push(ms + mlen - 1),
                (Skip::Backward, false) => self.days.push(ms - 1),
            }
            moved |= self.spec.skip != Skip::Omit;
        }
        moved
    }

    /// The months of `year` BYMONTH names (all months when there is no
    /// BYMONTH), as `(year, ordinal month)` in order. A leap month missing
    /// from `year` is omitted, or with SKIP moved to the month after it
    /// (FORWARD; the first month of the next year after the last month) or
    /// to the regular month of the same number (BACKWARD): RFC 7529 §4.1,
    /// RFC 8984 §4.3.3.1 step 2.1. A regular month number the calendar
    /// lacks (`BYMONTH=13` in a 12-month calendar) is never valid and is
    /// omitted ("this only applies to calendar systems with leap months").
    fn months_of(&self, year: i32, out: &mut [(i32, u8); 32]) -> usize {
        let n = self.cal.months_in_year(year);
        let mut len = 0;
        let mut push = |m: (i32, u8), out: &mut [(i32, u8); 32]| {
            if let Some(slot) = out.get_mut(len) {
                *slot = m;
                len += 1;
            }
        };
        if self.spec.months.is_empty() {
            for m in 1..=n {
                push((year, m), out);
            }
            return len;
        }
        for &code in &self.spec.months {
            if let Some(m) = self.cal.month_ordinal(year, code) {
                push((year, m), out);
                continue;
            }
            if !code.leap {
                continue;
            }
            let regular = |number: u8| MonthCode {
                number,
                leap: false,
            };
            match self.spec.skip {
                Skip::Omit => {}
                Skip::Forward => {
                    let next = code
                        .number
                        .checked_add(1)
                        .and_then(|k| self.cal.month_ordinal(year, regular(k)));
                    match next {
                        Some(m) => push((year, m), out),
                        None => {
                            let y = year.saturating_add(1);
                            if let Some(m) = self.cal.month_ordinal(y, regular(1)) {
                                push((y, m), out);
                            }
                        }
                    }
                }
                Skip::Backward => {
                    if let Some(m) = self.cal.month_ordinal(year, regular(code.number)) {
                        push((year, m), out);
                    }
                }
            }
        }
        let Some(slice) = out.get_mut(..len) else {
            return 0;
        };
        slice.sort_unstable();
        // SKIP can map two codes to one month: keep each month once.
        let mut kept: usize = 0;
        for i in 0..slice.len() {
            let (Some(&m), prev) = (
                slice.get(i),
                kept.checked_sub(1).and_then(|k| slice.get(k)).copied(),
            ) else {
                continue;
            };
            if prev != Some(m) {
                if let Some(slot) = slice.get_mut(kept) {
                    *slot = m;
                }
                kept += 1;
            }
        }
        kept
    }

    fn load_yearly(&mut self) {
        let Ok(year) = i32::try_from(self.period) else {
            self.finished = true;
            return;
        };
        if self.spec.week_year {
            let ws = self.week1_start(year);
            if ws > MAX_DAY {
                self.finished = true;
                return;
            }
            let we = self.week1_start(year.saturating_add(1));
            let nweeks = (we - ws) / 7;
            let mixed = self.spec.week_nos.first().is_some_and(|&w| w < 0)
                && self.spec.week_nos.last().is_some_and(|&w| w > 0);
            for &w in &self.spec.week_nos {
                let w = i64::from(w);
                let idx = if w > 0 { w } else { nweeks + 1 + w };
                if !(1..=nweeks).contains(&idx) {
                    continue;
                }
                let start = ws + 7 * (idx - 1);
                self.push_week(start);
            }
            self.finish_days(C_MONTH | C_YDAY | C_MDAY, mixed);
            return;
        }
        let ys = self.cal.year_start(year);
        if ys > MAX_DAY {
            self.finished = true;
            return;
        }
        let ylen = i64::from(self.cal.days_in_year(year));
        let s = self.spec;
        if !s.year_days.is_empty() {
            let mixed = s.year_days.first().is_some_and(|&d| d < 0)
                && s.year_days.last().is_some_and(|&d| d > 0);
            for &v in &s.year_days {
                let v = i64::from(v);
                let d = if v > 0 { v } else { ylen + 1 + v };
                if (1..=ylen).contains(&d) {
                    self.days.push(ys + d - 1);
                }
            }
            self.finish_days(C_MONTH | C_MDAY | C_DAY, mixed);
            return;
        }
        let mut months = [(0i32, 0u8); 32];
        let nm = self.months_of(year, &mut months);
        let months = months.get(..nm).unwrap_or(&[]);
        // Months are in order and disjoint, so per-month runs in order stay
        // in order; a SKIP move can reach the next month.
        let mut unsorted = false;
        if !s.month_days.is_empty() {
            for &(y, m) in months {
                let ms = self.cal.month_start(y, m);
                let mlen = i64::from(self.cal.days_in_month(y, m));
                unsorted |= self.push_month_days(ms, mlen);
            }
            self.finish_days(C_DAY, unsorted || s.skip != Skip::Omit);
            return;
        }
        if s.has_by_day {
            if s.nth_scope == NthScope::Year {
                unsorted = self.push_weekdays(ys, ylen);
            } else {
                for &(y, m) in months {
                    let ms = self.cal.month_start(y, m);
                    let mlen = i64::from(self.cal.days_in_month(y, m));
                    unsorted |= self.push_weekdays(ms, mlen);
                }
            }
            self.finish_days(0, unsorted);
            return;
        }
        for &(y, m) in months {
            let ms = self.cal.month_start(y, m);
            let mlen = i64::from(self.cal.days_in_month(y, m));
            self.days.extend(ms..ms + mlen);
        }
        self.finish_days(0, false);
    }

    fn load_monthly(&mut self) {
        let (year, month) = self.cal.month_from_index(self.period);
        let ms = self.cal.month_start(year, month);
        if ms > MAX_DAY {
            self.finished = true;
            return;
        }
        if !self.spec.month_ok(self.cal.month_code(year, month)) {
            return;
        }
        let mlen = i64::from(self.cal.days_in_month(year, month));
        if self.scan_setpos {
            self.select_weekdays(ms, mlen);
        } else if !self.spec.month_days.is_empty() {
            let unsorted = self.push_month_days(ms, mlen);
            self.finish_days(C_DAY | C_YDAY | C_WEEK, unsorted);
        } else if self.spec.has_by_day {
            let unsorted = self.push_weekdays(ms, mlen);
            self.finish_days(C_YDAY | C_WEEK, unsorted);
        } else {
            self.days.extend(ms..ms + mlen);
            self.finish_days(C_YDAY | C_WEEK, false);
        }
    }

    /// BYSETPOS over plain BYDAY weekdays of `[start, start + len)` with no
    /// other day-level part: finds each selected position by walking from
    /// the range's start (positive) or end (negative) instead of listing every
    /// candidate. Fills `days` with the selected days and `sel` with their
    /// flat indexes.
    fn select_weekdays(&mut self, start: i64, len: i64) {
        self.preselected = true;
        let tod_n = self.tod_n;
        if tod_n == 0 || len <= 0 {
            return;
        }
        let end = start + len;
        let plain = self.spec.day_plain;
        let mut picks = std::mem::take(&mut self.picks);
        picks.clear();
        for &p in &self.spec.set_pos {
            let from_start = p > 0;
            let idx = u64::from(p.unsigned_abs()) - 1;
            let wanted = idx / tod_n;
            let t = idx % tod_n;
            let mut seen = 0;
            let mut day = if from_start { start } else { end - 1 };
            let mut wd = weekday_of(day);
            while (start..end).contains(&day) {
                if plain & (1 << wd) != 0 {
                    if seen == wanted {
                        picks.push((day, if from_start { t } else { tod_n - 1 - t }));
                        break;
                    }
                    seen += 1;
                }
                if from_start {
                    day += 1;
                    wd = if wd == 6 { 0 } else { wd + 1 };
                } else {
                    day -= 1;
                    wd = if wd == 0 { 6 } else { wd - 1 };
                }
            }
        }
        picks.sort_unstable();
        picks.dedup();
        for &(day, t) in &picks {
            if self.days.last() != Some(&day) {
                self.days.push(day);
            }
            let di = self.days.len().saturating_sub(1) as u64;
            self.sel.push(di * tod_n + t);
        }
        self.picks = picks;
    }

    fn load_weekly(&mut self) {
        let start = self.wk_anchor.saturating_add(self.period.saturating_mul(7));
        if start > MAX_DAY {
            self.finished = true;
            return;
        }
        self.push_week(start);
        self.finish_days(C_MONTH | C_WEEK | C_YDAY | C_MDAY, false);
    }

    /// Pushes the days of the week starting at `start` (a WKST day) that
    /// BYDAY names (all seven without BYDAY), in order.
    fn push_week(&mut self, start: i64) {
        if !self.spec.has_by_day {
            self.days.extend(start..start + 7);
            return;
        }
        let mut wd = self.spec.wkst;
        for k in 0..7 {
            if self.spec.day_plain & (1 << wd) != 0 {
                self.days.push(start + k);
            }
            wd = if wd == 6 { 0 } else { wd + 1 };
        }
    }

    fn load_daily(&mut self) {
        let day = self.period;
        if day > MAX_DAY {
            self.finished = true;
            return;
        }
        match self.check_day(day, C_MONTH | C_WEEK | C_YDAY | C_MDAY | C_DAY) {
            DayCheck::Pass => self.days.push(day),
            DayCheck::FailMonth => {
                // Jump to the first aligned day of the next month; the
                // periods jumped over count as one examined period.
                let d = self.cal.date_of_day(day);
                let next = self.cal.month_start(d.year, d.month)
                    + i64::from(self.cal.days_in_month(d.year, d.month));
                if let Some(p) = self.align_up(next) {
                    self.period = p.saturating_sub(self.spec.interval).max(self.period);
                }
            }
            DayCheck::Fail => {}
        }
    }

    /// Loads a HOURLY, MINUTELY or SECONDLY period, skipping days, hours
    /// and minutes that the limit parts exclude. Returns false when it moved
    /// to another period without loading (the caller loops).
    fn load_subdaily(&mut self) -> Result<bool, Error> {
        let (per_day, per_hour, per_minute): (i64, i64, i64) = match self.spec.freq {
            Frequency::Hourly => (24, 1, 0),
            Frequency::Minutely => (1440, 60, 1),
            _ => (86_400, 3600, 60),
        };
        let p = self.period;
        let day = p.div_euclid(per_day);
        if day > MAX_DAY {
            self.finished = true;
            return Ok(false);
        }
        let rem = p.rem_euclid(per_day);
        let hour = rem / per_hour;
        let rem_h = rem % per_hour;
        let (minute, second) = match self.spec.freq {
            Frequency::Hourly => (0, 0),
            Frequency::Minutely => (rem_h, 0),
            _ => (rem_h / 60, rem_h % 60),
        };
        let target = match self.check_day(day, C_MONTH | C_WEEK | C_YDAY | C_MDAY | C_DAY) {
            DayCheck::FailMonth => {
                let d = self.cal.date_of_day(day);
                let next = self.cal.month_start(d.year, d.month)
                    + i64::from(self.cal.days_in_month(d.year, d.month));
                Some(next.saturating_mul(per_day))
            }
            DayCheck::Fail => Some((day + 1).saturating_mul(per_day)),
            DayCheck::Pass => {
                let s = self.spec;
                if s.has_hours && s.hour_mask & (1u32 << (hour & 31)) == 0 {
                    Some(day * per_day + (hour + 1) * per_hour)
                } else if self.spec.freq <= Frequency::Minutely
                    && s.has_minutes
                    && s.minute_mask & (1u64 << (minute & 63)) == 0
                {
                    Some(day * per_day + hour * per_hour + (minute + 1) * per_minute.max(1))
                } else if self.spec.freq == Frequency::Secondly
                    && s.has_seconds
                    && s.second_mask & (1u64 << (second & 63)) == 0
                {
                    Some(p + 1)
                } else {
                    None
                }
            }
        };
        if let Some(t) = target {
            self.count_empty()?;
            match self.align_up(t.max(p + 1)) {
                Some(next) => self.period = next,
                None => self.finished = true,
            }
            return Ok(false);
        }
        self.days.push(day);
        // Narrowing: hour < 24, minute and second < 60.
        self.fixed_base = hour * 3600
            + if self.spec.freq <= Frequency::Minutely {
                minute * 60
            } else {
                0
            }
            + if self.spec.freq == Frequency::Secondly {
                second
            } else {
                0
            };
        Ok(true)
    }
}
