//! Properties of RSCALE expansion (RFC 7529) over random calendars,
//! DTSTARTs in 1900–2200 and YEARLY / MONTHLY rules with BYMONTH (leap
//! months `NL` included), BYMONTHDAY (negative, 29, 30, 31) and SKIP:
//!
//! - every instance's calendar fields satisfy BYMONTH and BYMONTHDAY (with
//!   the parts implied by DTSTART), or the instance is where a SKIP move the
//!   rule asks for puts an invalid date (a leap month the year lacks, a day
//!   the month lacks), in the rule's direction;
//! - a window holds exactly the dates a small period-by-period model of
//!   RFC 7529 §4.1 / RFC 8984 §4.3.3.1 generates (nothing missing);
//! - instances strictly increase; COUNT counts what remains after SKIP's
//!   duplicates are removed; `between`, `after` and `before` agree with
//!   filtering the full iteration.
//!
//! Fields come from the crate's calendars, which `tests/rscale_calendars.rs`
//! checks against ICU4C 72, the calendars' arithmetic and ICU4X.
#![cfg(feature = "rscale")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::collections::BTreeSet;
use std::sync::Arc;

use kalends_ical_core::value::{DateOrDateTime, Recur};
use kalends_rrule::calendar::{CalendarSystem, Gregorian, MonthCode};
use kalends_rrule::rscale::rscale_calendar;
use kalends_rrule::{ErrorKind, Instance, Limits, Options, Recurrence};
use proptest::prelude::*;

const CALENDARS: [&str; 14] = [
    "HEBREW",
    "CHINESE",
    "DANGI",
    "ISLAMIC-CIVIL",
    "ISLAMIC-TBLA",
    "ISLAMIC-UMALQURA",
    "ETHIOPIC",
    "ETHIOAA",
    "COPTIC",
    "PERSIAN",
    "INDIAN",
    "GREGORIAN",
    "BUDDHIST",
    "ROC",
];
const SKIPS: [&str; 4] = ["", "OMIT", "FORWARD", "BACKWARD"];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Skip {
    Omit,
    Forward,
    Backward,
}

/// A random rule of the space, with its text.
#[derive(Debug, Clone)]
struct Case {
    calendar: &'static str,
    yearly: bool,
    interval: u32,
    months: Vec<MonthCode>,
    days: Vec<i8>,
    skip: usize,
    count: Option<u32>,
    /// DTSTART's day number and time of day (None for a DATE).
    day: i64,
    time: Option<u32>,
}

fn code_text(c: MonthCode) -> String {
    format!("{}{}", c.number, if c.leap { "L" } else { "" })
}

impl Case {
    fn rule(&self, with_count: bool) -> String {
        let mut s = format!(
            "RSCALE={};FREQ={};INTERVAL={}",
            self.calendar,
            if self.yearly { "YEARLY" } else { "MONTHLY" },
            self.interval
        );
        if !self.months.is_empty() {
            let v: Vec<String> = self.months.iter().map(|&c| code_text(c)).collect();
            s += &format!(";BYMONTH={}", v.join(","));
        }
        if !self.days.is_empty() {
            let v: Vec<String> = self.days.iter().map(ToString::to_string).collect();
            s += &format!(";BYMONTHDAY={}", v.join(","));
        }
        if !SKIPS[self.skip].is_empty() {
            s += &format!(";SKIP={}", SKIPS[self.skip]);
        }
        if let (true, Some(c)) = (with_count, self.count) {
            s += &format!(";COUNT={c}");
        }
        s
    }

    fn dtstart(&self) -> String {
        let d = Gregorian.date_of_day(self.day);
        let date = format!("{:04}{:02}{:02}", d.year, d.month, d.day);
        match self.time {
            None => date,
            Some(t) => format!("{date}T{:02}{:02}{:02}", t / 3600, t / 60 % 60, t % 60),
        }
    }

    fn skip(&self) -> Skip {
        match SKIPS[self.skip] {
            "FORWARD" => Skip::Forward,
            "BACKWARD" => Skip::Backward,
            _ => Skip::Omit,
        }
    }

    fn recurrence(&self, with_count: bool) -> Recurrence {
        let options = Options {
            limits: Limits {
                // Rare leap months (Chinese 11L) recur centuries apart; a
                // rule that never matches should fail fast.
                max_empty_periods: 400,
                ..Limits::default()
            },
            ..Options::default()
        };
        Recurrence::new(
            &Recur::parse(&self.rule(with_count)).unwrap(),
            DateOrDateTime::parse(&self.dtstart()).unwrap(),
            None,
            &options,
        )
        .unwrap()
    }
}

prop_compose! {
    fn month_code()(number in 1u8..=13, leap in proptest::bool::weighted(0.35)) -> MonthCode {
        MonthCode { number, leap: leap && number <= 12 }
    }
}

prop_compose! {
    fn case()(
        calendar in 0usize..CALENDARS.len(),
        yearly: bool,
        interval in prop_oneof![4 => Just(1u32), 1 => 2u32..=3],
        months in proptest::collection::vec(month_code(), 0..3),
        days in proptest::collection::vec(prop_oneof![1i8..=31, 27i8..=31, -31i8..=-1, -31i8..=-27], 0..3),
        skip in 0usize..4,
        count in proptest::option::weighted(0.5, 1u32..25),
        day in Gregorian.day_of_date(1900, 1, 1)..=Gregorian.day_of_date(2200, 12, 31),
        time in proptest::option::weighted(0.7, 0u32..86_400),
    ) -> Case {
        Case { calendar: CALENDARS[calendar], yearly, interval, months, days, skip, count, day, time }
    }
}

/// The rule read against its calendar: the parts DTSTART implies added
/// (RFC 8984 §4.3.3.1 step 3; no BYDAY in this space, so a YEARLY rule
/// without BYMONTH takes DTSTART's month code and a rule without BYMONTHDAY
/// DTSTART's day).
struct Model {
    cal: Arc<dyn CalendarSystem>,
    yearly: bool,
    interval: i64,
    months: Vec<MonthCode>,
    days: Vec<i8>,
    skip: Skip,
    dtstart_day: i64,
    /// The period holding DTSTART (a year, or a month index).
    base: i64,
}

impl Model {
    fn new(case: &Case) -> Model {
        let cal = rscale_calendar(case.calendar).unwrap();
        let seed = cal.date_of_day(case.day);
        let mut months = case.months.clone();
        if case.yearly && months.is_empty() {
            months.push(cal.month_code(seed.year, seed.month));
        }
        let mut days = case.days.clone();
        if days.is_empty() {
            days.push(i8::try_from(seed.day).unwrap());
        }
        let base = if case.yearly {
            i64::from(seed.year)
        } else {
            cal.month_index(seed.year, seed.month)
        };
        Model {
            yearly: case.yearly,
            interval: i64::from(case.interval),
            months,
            days,
            skip: case.skip(),
            dtstart_day: case.day,
            base,
            cal,
        }
    }

    fn len(&self, (y, o): (i32, u8)) -> i64 {
        i64::from(self.cal.days_in_month(y, o))
    }

    fn next(&self, (y, o): (i32, u8)) -> (i32, u8) {
        self.cal.month_from_index(self.cal.month_index(y, o) + 1)
    }

    fn prev(&self, (y, o): (i32, u8)) -> (i32, u8) {
        self.cal.month_from_index(self.cal.month_index(y, o) - 1)
    }

    /// Where SKIP puts leap month `code`, missing from `year` (RFC 8984
    /// §4.3.3.1 step 2.1): the next month (the next year's first after
    /// the last), or the regular month of the same number.
    fn moved_month(&self, year: i32, code: MonthCode) -> Option<(i32, u8)> {
        let regular = |n| MonthCode {
            number: n,
            leap: false,
        };
        match self.skip {
            Skip::Omit => None,
            Skip::Forward => match self.cal.month_ordinal(year, regular(code.number + 1)) {
                Some(o) => Some((year, o)),
                None => self
                    .cal
                    .month_ordinal(year + 1, regular(1))
                    .map(|o| (year + 1, o)),
            },
            Skip::Backward => self
                .cal
                .month_ordinal(year, regular(code.number))
                .map(|o| (year, o)),
        }
    }

    /// True when BYMONTH names the month, or (YEARLY) SKIP moved a
    /// missing leap month of this or the previous year onto it.
    fn selected(&self, (y, o): (i32, u8)) -> bool {
        let code = self.cal.month_code(y, o);
        if self.months.is_empty() || self.months.contains(&code) {
            return true;
        }
        self.yearly
            && [y, y - 1].into_iter().any(|src| {
                self.months.iter().any(|&c| {
                    c.leap
                        && self.cal.month_ordinal(src, c).is_none()
                        && self.moved_month(src, c) == Some((y, o))
                })
            })
    }

    /// The day `v` of BYMONTHDAY names in a month of `len` days (it may
    /// fall outside `1..=len`).
    fn resolve(v: i8, len: i64) -> i64 {
        let v = i64::from(v);
        if v > 0 { v } else { len + 1 + v }
    }

    /// Why an instance on day number `day` is allowed: `Ok(false)` when its
    /// fields satisfy the rule, `Ok(true)` when it is a SKIP move of an
    /// invalid date the rule asked for, `Err` otherwise.
    fn explain(&self, day: i64) -> Result<bool, String> {
        let f = self.cal.date_of_day(day);
        let here = (f.year, f.month);
        let len = self.len(here);
        let d = i64::from(f.day);
        let day_ok = self.days.iter().any(|&v| Self::resolve(v, len) == d);
        let code = self.cal.month_code(f.year, f.month);
        if day_ok && (self.months.is_empty() || self.months.contains(&code)) {
            return Ok(false);
        }
        if day_ok && self.selected(here) {
            // The month is the target of a leap-month move.
            return Ok(true);
        }
        let moved = match self.skip {
            Skip::Omit => false,
            Skip::Forward => {
                d == 1
                    && ((self.selected(here)
                        && self.days.iter().any(|&v| Self::resolve(v, len) < 1))
                        || (self.selected(self.prev(here)) && {
                            let plen = self.len(self.prev(here));
                            self.days.iter().any(|&v| Self::resolve(v, plen) > plen)
                        }))
            }
            Skip::Backward => {
                d == len
                    && ((self.selected(here)
                        && self.days.iter().any(|&v| Self::resolve(v, len) > len))
                        || (self.selected(self.next(here)) && {
                            let nlen = self.len(self.next(here));
                            self.days.iter().any(|&v| Self::resolve(v, nlen) < 1)
                        }))
            }
        };
        if moved {
            Ok(true)
        } else {
            Err(format!(
                "{}-{}-{} matches neither the rule nor a SKIP move",
                f.year,
                code_text(code),
                f.day
            ))
        }
    }

    /// The days one month contributes: BYMONTHDAY's days, invalid ones
    /// moved by SKIP (RFC 7529 §4.1).
    fn month_days(&self, m: (i32, u8), out: &mut Vec<i64>) {
        let start = self.cal.month_start(m.0, m.1);
        let len = self.len(m);
        for &v in &self.days {
            let d = Self::resolve(v, len);
            if (1..=len).contains(&d) {
                out.push(start + d - 1);
                continue;
            }
            match (self.skip, d > len) {
                (Skip::Omit, _) => {}
                (Skip::Forward, true) => out.push(start + len),
                (Skip::Forward, false) => out.push(start),
                (Skip::Backward, true) => out.push(start + len - 1),
                (Skip::Backward, false) => out.push(start - 1),
            }
        }
    }

    /// The days period `p` generates.
    fn period_days(&self, p: i64) -> Vec<i64> {
        let mut out = Vec::new();
        if self.yearly {
            let y = i32::try_from(p).unwrap();
            let mut months = BTreeSet::new();
            for &c in &self.months {
                match self.cal.month_ordinal(y, c) {
                    Some(o) => {
                        months.insert((y, o));
                    }
                    None if c.leap => months.extend(self.moved_month(y, c)),
                    None => {}
                }
            }
            for m in months {
                self.month_days(m, &mut out);
            }
        } else {
            let m = self.cal.month_from_index(p);
            let code = self.cal.month_code(m.0, m.1);
            if self.months.is_empty() || self.months.contains(&code) {
                self.month_days(m, &mut out);
            }
        }
        out
    }

    fn period_of(&self, day: i64) -> i64 {
        let f = self.cal.date_of_day(day);
        if self.yearly {
            i64::from(f.year)
        } else {
            self.cal.month_index(f.year, f.month)
        }
    }

    /// The days of `[lo, hi)` the rule generates (DTSTART included when it
    /// lies there).
    fn window(&self, lo: i64, hi: i64) -> Vec<i64> {
        let mut out = BTreeSet::new();
        if (lo..hi).contains(&self.dtstart_day) {
            out.insert(self.dtstart_day);
        }
        let first = (self.period_of(lo) - 1).max(self.base);
        let last = self.period_of(hi - 1) + 1;
        for p in first..=last {
            if (p - self.base) % self.interval != 0 {
                continue;
            }
            for d in self.period_days(p) {
                if d > self.dtstart_day && (lo..hi).contains(&d) {
                    out.insert(d);
                }
            }
        }
        out.into_iter().collect()
    }
}

fn days_of(items: &[Instance]) -> Vec<i64> {
    items
        .iter()
        .map(|i| i.local_seconds().div_euclid(86_400))
        .collect()
}

/// The instances until the first error (and whether there was one, which
/// must be the budget).
fn collect(
    it: impl Iterator<Item = Result<Instance, kalends_rrule::Error>>,
) -> (Vec<Instance>, bool) {
    let mut out = Vec::new();
    for i in it {
        match i {
            Ok(i) => out.push(i),
            Err(e) => {
                assert_eq!(e.kind(), ErrorKind::BudgetExhausted);
                return (out, true);
            }
        }
    }
    (out, false)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn instances_satisfy_the_rule_or_a_skip_move(case in case()) {
        let rule = case.rule(true);
        let rec = case.recurrence(false);
        let model = Model::new(&case);
        let (all, _) = collect(rec.iter().take(40));
        prop_assert_eq!(all.first().map(Instance::local_seconds).map(|s| s.div_euclid(86_400)), Some(case.day));
        for w in all.windows(2) {
            prop_assert!(w[0].utc_seconds() < w[1].utc_seconds(), "{} from {}: {} then {}", rule, case.dtstart(), w[0], w[1]);
        }
        for (k, d) in days_of(&all).into_iter().enumerate().skip(1) {
            let why = model.explain(d);
            prop_assert!(why.is_ok(), "{} from {}: instance {} ({}): {}", rule, case.dtstart(), k, all[k], why.unwrap_err());
            if why == Ok(true) {
                prop_assert!(case.skip() != Skip::Omit);
            }
        }
        // Nothing missing: the first instances are the model's.
        if let Some(last) = all.last() {
            let hi = last.local_seconds().div_euclid(86_400) + 1;
            prop_assert_eq!(days_of(&all), model.window(case.day, hi), "{} from {}", rule, case.dtstart());
        }
    }

    #[test]
    fn windows_hold_what_the_model_generates(case in case(), offset in 0i64..45_000, span in 1i64..2_000) {
        let rule = case.rule(false);
        let rec = case.recurrence(false);
        let model = Model::new(&case);
        let lo = case.day + offset;
        let hi = lo + span;
        let (got, _) = collect(rec.between_seconds(lo * 86_400, hi * 86_400));
        for i in &got {
            let d = i.local_seconds().div_euclid(86_400);
            if d != case.day {
                let why = model.explain(d);
                prop_assert!(why.is_ok(), "{} from {}: {}: {}", rule, case.dtstart(), i, why.unwrap_err());
            }
        }
        prop_assert_eq!(days_of(&got), model.window(lo, hi), "{} from {} in {}..{}", rule, case.dtstart(), lo, hi);
    }

    #[test]
    fn count_is_honoured_after_skip_removes_duplicates(case in case()) {
        let Some(c) = case.count else { return Ok(()) };
        let counted = case.recurrence(true);
        let (with_count, err_c) = collect(counted.iter());
        // The same rule without COUNT, one instance further.
        let (without, err_n) = collect(case.recurrence(false).iter().take(c as usize + 1));
        let first_c = &without[..without.len().min(c as usize)];
        prop_assert_eq!(&with_count[..], first_c, "{} from {}", case.rule(true), case.dtstart());
        prop_assert!(with_count.len() <= c as usize);
        if without.len() > c as usize {
            // More instances exist: COUNT, not the rule, ended the list.
            prop_assert!(!err_c);
            prop_assert_eq!(with_count.len(), c as usize, "{} from {}", case.rule(true), case.dtstart());
        } else if !err_n {
            prop_assert!(!err_c);
        }
        for w in with_count.windows(2) {
            prop_assert!(w[0].utc_seconds() < w[1].utc_seconds());
        }
    }

    #[test]
    fn between_after_and_before_equal_filtering(case in case(), a in 0usize..30, len in 0usize..30, shift in 0i64..3) {
        let rec = case.recurrence(true);
        let (all, err) = collect(rec.iter().take(60));
        prop_assume!(all.len() >= 2);
        let pick = |i: usize| all[i.min(all.len() - 1)].utc_seconds();
        // Bounds on instances, a second or a day off them.
        let off = [0, 1, 86_400][shift as usize];
        let from = pick(a) - off;
        let to = pick(a + len) + off;
        let to = if err || all.len() == 60 { to.min(all.last().unwrap().utc_seconds()) } else { to };
        let want: Vec<Instance> = all.iter().copied().filter(|i| (from..to).contains(&i.utc_seconds())).collect();
        let (got, _) = collect(rec.between_seconds(from, to));
        prop_assert_eq!(&got, &want, "{} from {} in {}..{}", case.rule(true), case.dtstart(), from, to);
        if let Ok(after) = rec.after_seconds(from)
            && let Some(next) = all.iter().copied().find(|i| i.utc_seconds() > from)
        {
            prop_assert_eq!(after, Some(next));
        }
        if let Ok(before) = rec.before_seconds(to) {
            prop_assert_eq!(before, all.iter().rev().copied().find(|i| i.utc_seconds() < to));
        }
    }
}
