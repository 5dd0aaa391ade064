//! A RECUR value compiled for expansion: sorted lists for generating
//! candidates, bit masks for testing them, and the parts RFC 8984 §4.3.3.1
//! step 3 implies from DTSTART.

use kalends_ical_core::value::{Frequency, Recur, Skip, Weekday};

use crate::calendar::{CalendarDate, CalendarSystem, MonthCode, weekday_of};
use crate::error::{Error, ErrorKind};

/// Where the ordinal of a numbered BYDAY (`2TU`, `-1FR`) counts from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NthScope {
    /// Ordinals are ignored: RFC 5545 §3.3.10 forbids them outside MONTHLY
    /// and YEARLY, and with YEARLY together with BYWEEKNO; this crate reads
    /// such entries as plain weekdays (as python-dateutil and libical do).
    None,
    /// The nth weekday of the month: MONTHLY, or YEARLY with BYMONTH
    /// (RFC 5545 §3.3.10, verified erratum 1913).
    Month,
    /// The nth weekday of the year: YEARLY without BYMONTH and BYWEEKNO.
    Year,
}

/// Bit masks of BYYEARDAY values: bit `n` of the 448-bit set for `n`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct BigMask([u64; 7]);

impl BigMask {
    fn set(&mut self, n: usize) {
        if let Some(w) = self.0.get_mut(n / 64) {
            *w |= 1u64 << (n % 64);
        }
    }

    #[inline]
    pub(crate) fn has(&self, n: usize) -> bool {
        self.0
            .get(n / 64)
            .is_some_and(|w| w & (1u64 << (n % 64)) != 0)
    }
}

/// Index of a weekday, 0 = Monday … 6 = Sunday (the order of
/// [`crate::calendar::weekday_of`]).
pub(crate) fn weekday_index(w: Weekday) -> u8 {
    match w {
        Weekday::Monday => 0,
        Weekday::Tuesday => 1,
        Weekday::Wednesday => 2,
        Weekday::Thursday => 3,
        Weekday::Friday => 4,
        Weekday::Saturday => 5,
        Weekday::Sunday => 6,
    }
}

/// The compiled rule. Every list is sorted and free of duplicates.
#[derive(Debug, Clone)]
pub(crate) struct Spec {
    pub freq: Frequency,
    pub interval: i64,
    /// WKST as a weekday index.
    pub wkst: u8,
    pub skip: Skip,

    /// BYMONTH as month codes, sorted.
    pub months: Vec<MonthCode>,
    /// Bit `n` set for regular month `n`.
    pub month_regular: u32,
    /// Bit `n` set for leap month `nL`.
    pub month_leap: u32,

    /// BYWEEKNO values, sorted.
    pub week_nos: Vec<i8>,
    pub week_pos: u64,
    pub week_neg: u64,

    /// BYYEARDAY values, sorted.
    pub year_days: Vec<i16>,
    pub yday_pos: BigMask,
    pub yday_neg: BigMask,

    /// BYMONTHDAY values, sorted.
    pub month_days: Vec<i8>,
    pub mday_pos: u64,
    pub mday_neg: u64,

    /// BYDAY entries without an ordinal (or whose ordinal is ignored), as a
    /// mask of weekday indexes.
    pub day_plain: u8,
    /// BYDAY entries with an ordinal that counts: `(ordinal, weekday index)`.
    pub day_nth: Vec<(i8, u8)>,
    pub has_by_day: bool,
    pub nth_scope: NthScope,

    /// Expansion lists of the time of day, sorted, values that exist only
    /// (BYSECOND=60 names no second of a day without leap seconds).
    pub hours: Vec<u8>,
    pub minutes: Vec<u8>,
    pub seconds: Vec<u8>,
    /// The same as masks, for the limit behaviour of sub-daily FREQ.
    pub hour_mask: u32,
    pub minute_mask: u64,
    pub second_mask: u64,
    /// Whether BYHOUR/BYMINUTE/BYSECOND were given (or implied) at all.
    pub has_hours: bool,
    pub has_minutes: bool,
    pub has_seconds: bool,

    /// BYSETPOS values, sorted.
    pub set_pos: Vec<i16>,

    /// YEARLY with BYWEEKNO: the period is the week-numbering year.
    pub week_year: bool,
    /// The rule can never produce a candidate (see [`Spec::impossible`]).
    pub never: bool,
}

/// DTSTART as the engine sees it: calendar fields and a time of day.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Seed {
    pub day: i64,
    pub date: CalendarDate,
    pub hour: u8,
    pub minute: u8,
    pub second: u8,
    /// DTSTART is a DATE: BYHOUR, BYMINUTE and BYSECOND are ignored.
    pub is_date: bool,
}

fn invalid_rule(message: String) -> Error {
    Error::new(ErrorKind::InvalidRule, message)
}

fn sorted_unique<T: Ord + Copy>(items: impl IntoIterator<Item = T>) -> Vec<T> {
    let mut v: Vec<T> = items.into_iter().collect();
    v.sort_unstable();
    v.dedup();
    v
}

impl Spec {
    /// Compiles `recur` for a DTSTART of `seed` in calendar `cal`.
    ///
    /// Checks the ranges a hand-built [`Recur`] could break (the parser of
    /// `kalends-ical-core` already checks text), and adds the parts RFC 8984
    /// §4.3.3.1 step 3 implies from DTSTART.
    pub(crate) fn compile<C: CalendarSystem + ?Sized>(
        recur: &Recur,
        seed: &Seed,
        cal: &C,
    ) -> Result<Spec, Error> {
        let freq = recur.freq;
        let interval = recur.interval.unwrap_or(1);
        if interval == 0 {
            return Err(invalid_rule(
                "the INTERVAL of a rule must be at least 1, not `0`.".into(),
            ));
        }
        if recur.count == Some(0) {
            return Err(invalid_rule(
                "the COUNT of a rule must be at least 1, not `0`.".into(),
            ));
        }
        let rscale = recur.rscale.is_some();
        let max_month = if rscale { 13 } else { 12 };
        let max_yday: i16 = if rscale { 385 } else { 366 };
        let max_week: i8 = if rscale { 56 } else { 53 };

        for &s in &recur.by_second {
            if s > 60 {
                return Err(invalid_rule(format!(
                    "BYSECOND must be 0 to 60, not `{s}`."
                )));
            }
        }
        for &m in &recur.by_minute {
            if m > 59 {
                return Err(invalid_rule(format!(
                    "BYMINUTE must be 0 to 59, not `{m}`."
                )));
            }
        }
        for &h in &recur.by_hour {
            if h > 23 {
                return Err(invalid_rule(format!("BYHOUR must be 0 to 23, not `{h}`.")));
            }
        }
        for d in &recur.by_day {
            if let Some(n) = d.ordinal
                && (n == 0 || !(-53..=53).contains(&n))
            {
                return Err(invalid_rule(format!(
                    "a BYDAY ordinal must be ±1 to ±53, not `{n}`."
                )));
            }
        }
        for &d in &recur.by_month_day {
            if d == 0 || !(-31..=31).contains(&d) {
                return Err(invalid_rule(format!(
                    "BYMONTHDAY must be ±1 to ±31, not `{d}`."
                )));
            }
        }
        for &d in &recur.by_year_day {
            if d == 0 || !(-max_yday..=max_yday).contains(&d) {
                return Err(invalid_rule(format!(
                    "BYYEARDAY must be ±1 to ±{max_yday}, not `{d}`."
                )));
            }
        }
        for &w in &recur.by_week_no {
            if w == 0 || !(-max_week..=max_week).contains(&w) {
                return Err(invalid_rule(format!(
                    "BYWEEKNO must be ±1 to ±{max_week}, not `{w}`."
                )));
            }
        }
        for m in &recur.by_month {
            if m.number == 0 || m.number > max_month || (m.leap && !rscale) {
                let l = if m.leap { "L" } else { "" };
                return Err(invalid_rule(format!(
                    "BYMONTH must be 1 to {max_month}, not `{}{l}`.",
                    m.number
                )));
            }
        }
        for &p in &recur.by_set_pos {
            if p == 0 || !(-366..=366).contains(&p) {
                return Err(invalid_rule(format!(
                    "BYSETPOS must be ±1 to ±366, not `{p}`."
                )));
            }
        }

        // RFC 5545 §3.3.10: BYSECOND, BYMINUTE and BYHOUR "MUST be ignored"
        // with a DATE DTSTART.
        let (by_second, by_minute, by_hour): (&[u8], &[u8], &[u8]) = if seed.is_date {
            (&[], &[], &[])
        } else {
            (&recur.by_second, &recur.by_minute, &recur.by_hour)
        };

        let mut seconds = sorted_unique(by_second.iter().copied());
        let mut minutes = sorted_unique(by_minute.iter().copied());
        let mut hours = sorted_unique(by_hour.iter().copied());
        let mut months = sorted_unique(recur.by_month.iter().map(|m| MonthCode {
            number: m.number,
            leap: m.leap,
        }));
        let week_nos = sorted_unique(recur.by_week_no.iter().copied());
        let year_days = sorted_unique(recur.by_year_day.iter().copied());
        let mut month_days = sorted_unique(recur.by_month_day.iter().copied());
        let mut by_day: Vec<(Option<i8>, u8)> = sorted_unique(
            recur
                .by_day
                .iter()
                .map(|d| (d.ordinal, weekday_index(d.weekday))),
        );

        // RFC 8984 §4.3.3.1 step 3: parts implied by DTSTART.
        let seed_weekday = weekday_of(seed.day);
        if freq != Frequency::Secondly && seconds.is_empty() {
            seconds.push(seed.second.min(59));
        }
        if freq > Frequency::Minutely && minutes.is_empty() {
            minutes.push(seed.minute);
        }
        if freq > Frequency::Hourly && hours.is_empty() {
            hours.push(seed.hour);
        }
        // Reading for the combinations RFC 5545 marks N/A: a BYYEARDAY (or,
        // with WEEKLY, a BYMONTHDAY) names the days itself, so like BYDAY and
        // BYMONTHDAY it suppresses the implied day (as RFC 8984 does for
        // YEARLY with BYYEARDAY); a BYWEEKNO names weeks, so the day of the
        // week comes from DTSTART (as RFC 8984 does for YEARLY).
        let names_days = !by_day.is_empty() || !month_days.is_empty() || !year_days.is_empty();
        match freq {
            Frequency::Weekly if !names_days => by_day.push((None, seed_weekday)),
            Frequency::Monthly if !names_days && !week_nos.is_empty() => {
                by_day.push((None, seed_weekday))
            }
            Frequency::Monthly if !names_days => {
                month_days.push(i8::try_from(seed.date.day).unwrap_or(1));
            }
            Frequency::Yearly if year_days.is_empty() => {
                // Reading (RFC 8984 §4.3.3.1): a YEARLY rule with BYMONTHDAY
                // and no BYMONTH, BYWEEKNO or BYYEARDAY recurs in DTSTART's
                // month only (libical and ical.js agree; python-dateutil
                // takes every month).
                if months.is_empty()
                    && week_nos.is_empty()
                    && (!month_days.is_empty() || by_day.is_empty())
                {
                    months.push(cal.month_code(seed.date.year, seed.date.month));
                }
                if month_days.is_empty() && week_nos.is_empty() && by_day.is_empty() {
                    month_days.push(i8::try_from(seed.date.day).unwrap_or(1));
                }
                if !week_nos.is_empty() && month_days.is_empty() && by_day.is_empty() {
                    by_day.push((None, seed_weekday));
                }
            }
            _ => {}
        }

        let week_year = freq == Frequency::Yearly && !week_nos.is_empty();
        let nth_scope = match freq {
            Frequency::Monthly => NthScope::Month,
            Frequency::Yearly if week_year => NthScope::None,
            Frequency::Yearly if !months.is_empty() => NthScope::Month,
            Frequency::Yearly => NthScope::Year,
            _ => NthScope::None,
        };
        let mut day_plain = 0u8;
        let mut day_nth = Vec::new();
        for &(ord, wd) in &by_day {
            match ord {
                Some(n) if nth_scope != NthScope::None => day_nth.push((n, wd)),
                _ => day_plain |= 1 << wd,
            }
        }
        day_nth.sort_unstable();
        day_nth.dedup();

        months.sort_unstable();
        months.dedup();
        let mut month_regular = 0u32;
        let mut month_leap = 0u32;
        for m in &months {
            if m.leap {
                month_leap |= 1 << m.number;
            } else {
                month_regular |= 1 << m.number;
            }
        }
        let (mut week_pos, mut week_neg) = (0u64, 0u64);
        for &w in &week_nos {
            if w > 0 {
                week_pos |= 1 << w;
            } else {
                week_neg |= 1 << w.unsigned_abs();
            }
        }
        let (mut yday_pos, mut yday_neg) = (BigMask::default(), BigMask::default());
        for &d in &year_days {
            if d > 0 {
                yday_pos.set(usize::from(d.unsigned_abs()));
            } else {
                yday_neg.set(usize::from(d.unsigned_abs()));
            }
        }
        month_days.sort_unstable();
        month_days.dedup();
        let (mut mday_pos, mut mday_neg) = (0u64, 0u64);
        for &d in &month_days {
            if d > 0 {
                mday_pos |= 1 << d;
            } else {
                mday_neg |= 1 << d.unsigned_abs();
            }
        }

        let has_hours = !hours.is_empty();
        let has_minutes = !minutes.is_empty();
        let has_seconds = !seconds.is_empty();
        seconds.retain(|&s| s < 60);
        let hour_mask = hours.iter().fold(0u32, |m, &h| m | 1 << h);
        let minute_mask = minutes.iter().fold(0u64, |m, &v| m | 1 << v);
        let second_mask = seconds.iter().fold(0u64, |m, &v| m | 1 << v);

        Ok(Spec {
            freq,
            interval: i64::from(interval),
            wkst: weekday_index(recur.wkst.unwrap_or(Weekday::Monday)),
            // RFC 7529 §4: SKIP "MUST NOT be present unless RSCALE is present".
            skip: if rscale {
                recur.skip.unwrap_or_default()
            } else {
                Skip::Omit
            },
            months,
            month_regular,
            month_leap,
            week_nos,
            week_pos,
            week_neg,
            year_days,
            yday_pos,
            yday_neg,
            month_days,
            mday_pos,
            mday_neg,
            day_plain,
            day_nth,
            has_by_day: !by_day.is_empty(),
            nth_scope,
            hours,
            minutes,
            seconds,
            hour_mask,
            minute_mask,
            second_mask,
            has_hours,
            has_minutes,
            has_seconds,
            set_pos: sorted_unique(recur.by_set_pos.iter().copied()),
            week_year,
            never: false,
        })
    }

    /// True when no period of a Gregorian rule can have a candidate, so the
    /// expansion can end at once instead of running into the work budget:
    /// every BYSETPOS beyond the most candidates a period can have
    /// (`FREQ=MONTHLY;BYDAY=1TH;BYSETPOS=2`), every BYMONTHDAY beyond the
    /// longest BYMONTH (`BYMONTH=2;BYMONTHDAY=30`), or no BYMONTHDAY that
    /// can be any numbered BYDAY (`BYMONTHDAY=1;BYDAY=2SU`). Conservative:
    /// false means "may match".
    pub(crate) fn impossible(&self, gregorian: bool) -> bool {
        if !gregorian {
            return false;
        }
        if !self.set_pos.is_empty() {
            let bound = self.candidate_bound();
            if self
                .set_pos
                .iter()
                .all(|p| u64::from(p.unsigned_abs()) > bound)
            {
                return true;
            }
        }
        if self.skip != Skip::Omit || self.month_days.is_empty() {
            return false;
        }
        if !self.months.is_empty() {
            let longest = self
                .months
                .iter()
                .map(|m| match (m.leap, m.number) {
                    (true, _) => 0,
                    (false, 2) => 29,
                    (false, 4 | 6 | 9 | 11) => 30,
                    (false, _) => 31,
                })
                .max()
                .unwrap_or(31);
            if self.month_days.iter().all(|d| d.unsigned_abs() > longest) {
                return true;
            }
        }
        if self.nth_scope == NthScope::Month && self.day_plain == 0 && !self.day_nth.is_empty() {
            let compatible = (28..=31i64).any(|len| {
                self.month_days.iter().any(|&md| {
                    let md = i64::from(md);
                    let day = if md > 0 { md } else { len + 1 + md };
                    if !(1..=len).contains(&day) {
                        return false;
                    }
                    let pos = (day - 1) / 7 + 1;
                    let neg = -((len - day) / 7 + 1);
                    self.day_nth
                        .iter()
                        .any(|&(n, _)| i64::from(n) == pos || i64::from(n) == neg)
                })
            });
            if !compatible {
                return true;
            }
        }
        false
    }

    /// An upper bound of the candidates one period of a Gregorian rule has.
    fn candidate_bound(&self) -> u64 {
        let len = |v: usize| v as u64;
        let plain = u64::from(self.day_plain.count_ones());
        let nth = len(self.day_nth.len());
        let mut days: u64 = match self.freq {
            Frequency::Yearly if self.week_year => 371,
            Frequency::Yearly => 366,
            Frequency::Monthly => 31,
            Frequency::Weekly => 7,
            _ => 1,
        };
        if !self.year_days.is_empty() {
            days = days.min(len(self.year_days.len()));
        }
        if !self.month_days.is_empty() {
            let months = match self.freq {
                Frequency::Yearly if self.week_year => 2 * len(self.week_nos.len()),
                Frequency::Yearly if !self.months.is_empty() => len(self.months.len()),
                Frequency::Yearly => 12,
                Frequency::Weekly => 2,
                _ => 1,
            };
            days = days.min(len(self.month_days.len()) * months);
        }
        if self.has_by_day {
            let in_month = 4 * plain + plain.min(3) + nth;
            let by_day = match (self.freq, self.nth_scope) {
                (Frequency::Yearly, NthScope::Month) => len(self.months.len()) * in_month,
                (Frequency::Yearly, NthScope::Year) => 52 * plain + plain.min(2) + nth,
                (Frequency::Yearly, NthScope::None) => len(self.week_nos.len()) * plain,
                (Frequency::Monthly, _) => in_month,
                (Frequency::Weekly, _) => plain,
                _ => 1,
            };
            days = days.min(by_day);
        }
        if self.freq == Frequency::Yearly && !self.week_year && !self.months.is_empty() {
            days = days.min(31 * len(self.months.len()));
        }
        let times = match self.freq {
            Frequency::Secondly => 1,
            Frequency::Minutely => len(self.seconds.len()),
            Frequency::Hourly => len(self.minutes.len()) * len(self.seconds.len()),
            _ => len(self.hours.len()) * len(self.minutes.len()) * len(self.seconds.len()),
        };
        days.saturating_mul(times)
    }

    /// True when a month code passes BYMONTH (or there is no BYMONTH).
    #[inline]
    pub(crate) fn month_ok(&self, code: MonthCode) -> bool {
        if self.months.is_empty() {
            return true;
        }
        let mask = if code.leap {
            self.month_leap
        } else {
            self.month_regular
        };
        code.number < 32 && mask & (1 << code.number) != 0
    }
}
