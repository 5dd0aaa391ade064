//! RSCALE rules (RFC 7529) expanded over 1900–2200 and checked against
//! reference calendars; the range-first API, the work budget and set
//! semantics with RSCALE rules.
//!
//! The reference calendars (`rscale_support`) are the arithmetic
//! definitions of the Hebrew, Islamic civil and Ethiopic calendars, and for
//! Chinese the year structures of the crate's calendar, which
//! `tests/rscale_calendars.rs` checks against ICU4C 72 and ICU4X. For each
//! rule the expected dates of every calendar year are written out by hand
//! (month code, day, and whether SKIP moved them); the test checks that
//! every instance, converted back into the calendar, is one of them, that
//! each year has the expected number of instances, and that none is missing.
#![cfg(feature = "rscale")]
// Test helpers may unwrap and index: a failure there is a failed test.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod rscale_support;

use std::collections::BTreeMap;

use kalends_ical_core::value::{DateOrDateTime, Recur};
use kalends_rrule::calendar::MonthCode;
use kalends_rrule::{DtstartRule, ErrorKind, Instance, Limits, Options, Recurrence, RecurrenceSet};
use rscale_support::{Fields, RefCal, code_text, day, l, m, reference, ymd};

const FIRST: u32 = 19000101;
/// The end of the range, exclusive.
const END: u32 = 22010101;

/// The parts of a rule the checks understand.
struct Rule {
    monthly: bool,
    months: Vec<MonthCode>,
    days: Vec<i8>,
    skip: &'static str,
}

impl Rule {
    fn yearly(months: &[MonthCode], days: &[i8], skip: &'static str) -> Rule {
        Rule {
            monthly: false,
            months: months.to_vec(),
            days: days.to_vec(),
            skip,
        }
    }

    fn monthly(months: &[MonthCode], days: &[i8], skip: &'static str) -> Rule {
        Rule {
            monthly: true,
            ..Rule::yearly(months, days, skip)
        }
    }

    fn text(&self, rscale: &str) -> String {
        let join = |v: Vec<String>| v.join(",");
        let mut s = format!(
            "RSCALE={};FREQ={}",
            rscale.to_ascii_uppercase(),
            if self.monthly { "MONTHLY" } else { "YEARLY" }
        );
        if !self.months.is_empty() {
            s += &format!(
                ";BYMONTH={}",
                join(self.months.iter().map(|&c| code_text(c)).collect())
            );
        }
        s += &format!(
            ";BYMONTHDAY={}",
            join(self.days.iter().map(ToString::to_string).collect())
        );
        if !self.skip.is_empty() {
            s += &format!(";SKIP={}", self.skip);
        }
        s
    }

    /// True when `f` satisfies BYMONTH and BYMONTHDAY without a SKIP move.
    fn direct(&self, cal: &RefCal, f: Fields) -> bool {
        let len = i16::from(cal.len(f.year, f.ordinal));
        (self.months.is_empty() || self.months.contains(&f.code))
            && self.days.iter().any(|&v| {
                let v = i16::from(v);
                let d = if v > 0 { v } else { len + 1 + v };
                d == i16::from(f.day)
            })
    }
}

/// One expected date: the ordinal month of the period that generated it
/// (0 for a yearly period), its fields, and whether SKIP moved it.
type Expected = (u8, Fields, bool);

/// The engine's instances of `rule` from DTSTART 1900-01-01 (only when it
/// matches), before 2201, as day numbers.
fn engine_days(rscale: &str, rule: &Rule) -> Vec<i64> {
    let recur = Recur::parse(&rule.text(rscale)).unwrap();
    let options = Options {
        dtstart: DtstartRule::IfMatching,
        ..Options::default()
    };
    let dtstart = DateOrDateTime::parse(&FIRST.to_string()).unwrap();
    let rec = Recurrence::new(&recur, dtstart, None, &options).unwrap();
    rec.between_seconds(day(FIRST) * 86_400, day(END) * 86_400)
        .map(|i| i.unwrap().local_seconds().div_euclid(86_400))
        .collect()
}

/// Checks `rule` over 1900–2200: `expected` gives the dates each calendar
/// year generates, `count` how many that is. Returns the number of
/// instances and how many of them SKIP moved.
fn check(
    rscale: &str,
    rule: Rule,
    expected: impl Fn(&RefCal, i32) -> Vec<Expected>,
    count: impl Fn(&RefCal, i32) -> usize,
) -> (usize, usize) {
    let cal = reference(rscale);
    let text = rule.text(rscale);
    let (start, end) = (day(FIRST), day(END));
    let dt = cal.date_of(start);
    let last_year = cal.year_of(end - 1);
    // The expected instances by day: (source year, fields, moved).
    let mut want: BTreeMap<i64, (i32, Fields, bool)> = BTreeMap::new();
    for y in dt.year..=last_year {
        let dates = expected(&cal, y);
        assert_eq!(dates.len(), count(&cal, y), "{text}: year {y} {dates:?}");
        for (src, f, moved) in dates {
            // The expectation is consistent: a date is moved exactly when
            // the rule does not name it.
            assert_eq!(moved, !rule.direct(&cal, f), "{text}: {f}");
            // RFC 8984 §4.3.3.1: the first period is the one holding
            // DTSTART; earlier periods are not expanded.
            if rule.monthly && (y, src) < (dt.year, dt.ordinal) {
                continue;
            }
            let d = cal.day_of(f);
            if (start..end).contains(&d) {
                // Step 5: a date produced twice is one instance.
                want.entry(d).or_insert((y, f, moved));
            }
        }
    }
    let got = engine_days(rscale, &rule);
    let mut per_year: BTreeMap<i32, usize> = BTreeMap::new();
    let mut moved = 0;
    for w in got.windows(2) {
        assert!(w[0] < w[1], "{text}: {} then {}", ymd(w[0]), ymd(w[1]));
    }
    for &d in &got {
        let f = cal.date_of(d);
        let Some(&(y, wf, mv)) = want.get(&d) else {
            panic!("{text}: unexpected instance {} = {f}", ymd(d));
        };
        assert_eq!(f, wf, "{text}: {} converts back to {f}", ymd(d));
        *per_year.entry(y).or_default() += 1;
        moved += usize::from(mv);
    }
    // Every year wholly inside the range has all its instances.
    let mut full_years = 0;
    for y in dt.year + 1..last_year {
        if cal.year(y).start > start && cal.year(y + 1).start < end {
            assert_eq!(
                per_year.get(&y).copied().unwrap_or(0),
                count(&cal, y),
                "{text}: instances of year {y}"
            );
            full_years += 1;
        }
    }
    assert!(full_years >= 290, "{text}: {full_years} years");
    let missing: Vec<String> = want
        .iter()
        .filter(|(d, _)| got.binary_search(d).is_err())
        .take(5)
        .map(|(d, (_, f, _))| format!("{} = {f}", ymd(*d)))
        .collect();
    assert!(missing.is_empty(), "{text}: missing {missing:?}");
    assert_eq!(got.len(), want.len(), "{text}");
    (got.len(), moved)
}

/// `(ordinal of code, fields)` for day `d` of month `code` in `y`, if any.
fn at(cal: &RefCal, y: i32, code: MonthCode, d: u8) -> Option<Fields> {
    cal.ordinal(y, code).map(|o| cal.fields(y, o, d))
}

/// The first day of the month after the ordinal month.
fn first_of_next(cal: &RefCal, y: i32, o: u8) -> Fields {
    let (ny, no) = cal.next_month(y, o);
    cal.fields(ny, no, 1)
}

/// The last day of the month before the ordinal month.
fn last_of_prev(cal: &RefCal, y: i32, o: u8) -> Fields {
    let (py, po) = cal.prev_month(y, o);
    cal.fields(py, po, cal.len(py, po))
}

/// Every ordinal month of `y`.
fn ordinals(cal: &RefCal, y: i32) -> std::ops::RangeInclusive<u8> {
    1..=cal.months(y)
}

fn report(name: &str, rule: &str, (n, moved): (usize, usize)) {
    println!("{name}: {rule}: {n} instances, {moved} moved by SKIP");
}

#[test]
fn hebrew_rules_1900_2200() {
    let h = "hebrew";
    let leap = |c: &RefCal, y| c.ordinal(y, l(5)).is_some();
    // RFC 7529 §4.3.3: Adar I 8, or Adar 8 in a common year.
    let r = check(
        h,
        Rule::yearly(&[l(5)], &[8], "FORWARD"),
        |c, y| match at(c, y, l(5), 8) {
            Some(f) => vec![(0, f, false)],
            None => vec![(0, at(c, y, m(6), 8).unwrap(), true)],
        },
        |_, _| 1,
    );
    report(h, "5L/8 FORWARD", r);
    // Adar I 30, or Shevat 30 (the month before) in a common year.
    let r = check(
        h,
        Rule::yearly(&[l(5)], &[30], "BACKWARD"),
        |c, y| match at(c, y, l(5), 30) {
            Some(f) => vec![(0, f, false)],
            None => vec![(0, at(c, y, m(5), 30).unwrap(), true)],
        },
        |_, _| 1,
    );
    report(h, "5L/30 BACKWARD", r);
    // Forward to Adar, which has 29 days: the day moves on to Nisan 1
    // (RFC 7529 §4.1: the day rule is re-applied after a month change).
    let r = check(
        h,
        Rule::yearly(&[l(5)], &[30], "FORWARD"),
        |c, y| match at(c, y, l(5), 30) {
            Some(f) => vec![(0, f, false)],
            None => vec![(0, at(c, y, m(7), 1).unwrap(), true)],
        },
        |_, _| 1,
    );
    report(h, "5L/30 FORWARD", r);
    // OMIT: leap years only (7 in 19).
    let r = check(
        h,
        Rule::yearly(&[l(5)], &[8], ""),
        |c, y| {
            at(c, y, l(5), 8)
                .map(|f| (0, f, false))
                .into_iter()
                .collect()
        },
        |c, y| usize::from(leap(c, y)),
    );
    report(h, "5L/8 OMIT", r);
    // Heshvan 30 exists in complete years only; else Kislev 1.
    let r = check(
        h,
        Rule::yearly(&[m(2)], &[30], "FORWARD"),
        |c, y| {
            if c.len(y, 2) == 30 {
                vec![(0, c.fields(y, 2, 30), false)]
            } else {
                vec![(0, c.fields(y, 3, 1), true)]
            }
        },
        |_, _| 1,
    );
    report(h, "2/30 FORWARD", r);
    // Kislev 30, or Kislev 29 in a deficient year.
    let r = check(
        h,
        Rule::yearly(&[m(3)], &[30], "BACKWARD"),
        |c, y| {
            let len = c.len(y, 3);
            vec![(0, c.fields(y, 3, len), len != 30)]
        },
        |_, _| 1,
    );
    report(h, "3/30 BACKWARD", r);
    // Every month's 30th, or the first of the next month (Elul 30 → Tishri 1).
    let r = check(
        h,
        Rule::monthly(&[], &[30], "FORWARD"),
        |c, y| {
            ordinals(c, y)
                .map(|o| {
                    if c.len(y, o) == 30 {
                        (o, c.fields(y, o, 30), false)
                    } else {
                        (o, first_of_next(c, y, o), true)
                    }
                })
                .collect()
        },
        |c, y| usize::from(c.months(y)),
    );
    report(h, "monthly 30 FORWARD", r);
    // The last day of every month, 12 or 13 a year.
    let r = check(
        h,
        Rule::monthly(&[], &[-1], ""),
        |c, y| {
            ordinals(c, y)
                .map(|o| (o, c.fields(y, o, c.len(y, o)), false))
                .collect()
        },
        |c, y| usize::from(c.months(y)),
    );
    report(h, "monthly -1", r);
    // MONTHLY: BYMONTH limits the months that exist (RFC 8984 §4.3.3.1:
    // monthly candidates are the days of a real month), so SKIP has no
    // month to move and Adar I 1 recurs in leap years only.
    let r = check(
        h,
        Rule::monthly(&[l(5)], &[1], "FORWARD"),
        |c, y| {
            c.ordinal(y, l(5))
                .map(|o| (o, c.fields(y, o, 1), false))
                .into_iter()
                .collect()
        },
        |c, y| usize::from(leap(c, y)),
    );
    report(h, "monthly 5L/1 FORWARD", r);
}

#[test]
fn chinese_rules_1900_2200() {
    let ch = "chinese";
    let r = check(
        ch,
        Rule::monthly(&[], &[1], ""),
        |c, y| {
            ordinals(c, y)
                .map(|o| (o, c.fields(y, o, 1), false))
                .collect()
        },
        |c, y| usize::from(c.months(y)),
    );
    report(ch, "monthly 1", r);
    // The 30th, or the 29th of a short month.
    let r = check(
        ch,
        Rule::monthly(&[], &[30], "BACKWARD"),
        |c, y| {
            ordinals(c, y)
                .map(|o| {
                    let len = c.len(y, o);
                    (o, c.fields(y, o, len), len != 30)
                })
                .collect()
        },
        |c, y| usize::from(c.months(y)),
    );
    report(ch, "monthly 30 BACKWARD", r);
    // OMIT: the long months only.
    let r = check(
        ch,
        Rule::monthly(&[], &[30], ""),
        |c, y| {
            ordinals(c, y)
                .filter(|&o| c.len(y, o) == 30)
                .map(|o| (o, c.fields(y, o, 30), false))
                .collect()
        },
        |c, y| ordinals(c, y).filter(|&o| c.len(y, o) == 30).count(),
    );
    report(ch, "monthly 30 OMIT", r);
    // The 30th counted from the end: day 1 of a long month, day 0 of a
    // short one, which FORWARD moves to day 1.
    let r = check(
        ch,
        Rule::monthly(&[], &[-30], "FORWARD"),
        |c, y| {
            ordinals(c, y)
                .map(|o| (o, c.fields(y, o, 1), c.len(y, o) != 30))
                .collect()
        },
        |c, y| usize::from(c.months(y)),
    );
    report(ch, "monthly -30 FORWARD", r);
    // New Year.
    let r = check(
        ch,
        Rule::yearly(&[m(1)], &[1], ""),
        |c, y| vec![(0, c.fields(y, 1, 1), false)],
        |_, _| 1,
    );
    report(ch, "1/1", r);
    // libical's "Chinese leap month (skip forward)" over three centuries.
    let r = check(
        ch,
        Rule::yearly(&[l(9)], &[10], "FORWARD"),
        |c, y| match at(c, y, l(9), 10) {
            Some(f) => vec![(0, f, false)],
            None => vec![(0, at(c, y, m(10), 10).unwrap(), true)],
        },
        |_, _| 1,
    );
    report(ch, "9L/10 FORWARD", r);
    // Month 4 and leap month 4: BACKWARD maps a missing 4L onto month 4,
    // the duplicate is one instance (RFC 8984 §4.3.3.1 step 2.3).
    let r = check(
        ch,
        Rule::yearly(&[m(4), l(4)], &[15], "BACKWARD"),
        |c, y| {
            let mut v = vec![(0, at(c, y, m(4), 15).unwrap(), false)];
            v.extend(at(c, y, l(4), 15).map(|f| (0, f, false)));
            v
        },
        |c, y| 1 + usize::from(c.ordinal(y, l(4)).is_some()),
    );
    report(ch, "4,4L/15 BACKWARD", r);
    // The 30th of the twelfth month, or the first day of the month after
    // (the next New Year, or a leap twelfth month).
    let r = check(
        ch,
        Rule::yearly(&[m(12)], &[30], "FORWARD"),
        |c, y| {
            let o = c.ordinal(y, m(12)).unwrap();
            if c.len(y, o) == 30 {
                vec![(0, c.fields(y, o, 30), false)]
            } else {
                vec![(0, first_of_next(c, y, o), true)]
            }
        },
        |_, _| 1,
    );
    report(ch, "12/30 FORWARD", r);
}

#[test]
fn islamic_civil_rules_1900_2200() {
    let i = "islamic-civil";
    let leap = |c: &RefCal, y| c.len(y, 12) == 30;
    let r = check(
        i,
        Rule::monthly(&[], &[30], "BACKWARD"),
        |c, y| {
            ordinals(c, y)
                .map(|o| {
                    let len = c.len(y, o);
                    (o, c.fields(y, o, len), len != 30)
                })
                .collect()
        },
        |_, _| 12,
    );
    report(i, "monthly 30 BACKWARD", r);
    let r = check(
        i,
        Rule::monthly(&[], &[30], "FORWARD"),
        |c, y| {
            ordinals(c, y)
                .map(|o| {
                    if c.len(y, o) == 30 {
                        (o, c.fields(y, o, 30), false)
                    } else {
                        (o, first_of_next(c, y, o), true)
                    }
                })
                .collect()
        },
        |_, _| 12,
    );
    report(i, "monthly 30 FORWARD", r);
    // The 30th counted from the end: day 1 of a 30-day month, day 0 of a
    // 29-day one, which BACKWARD moves to the last day of the month before.
    let r = check(
        i,
        Rule::monthly(&[], &[-30], "BACKWARD"),
        |c, y| {
            ordinals(c, y)
                .map(|o| {
                    if c.len(y, o) == 30 {
                        (o, c.fields(y, o, 1), false)
                    } else {
                        (o, last_of_prev(c, y, o), true)
                    }
                })
                .collect()
        },
        |_, _| 12,
    );
    report(i, "monthly -30 BACKWARD", r);
    // The first of Ramadan.
    let r = check(
        i,
        Rule::yearly(&[m(9)], &[1], ""),
        |c, y| vec![(0, c.fields(y, 9, 1), false)],
        |_, _| 1,
    );
    report(i, "9/1", r);
    // Dhu al-Hijja 30 exists in leap years only (11 in 30).
    let r = check(
        i,
        Rule::yearly(&[m(12)], &[30], ""),
        |c, y| {
            if leap(c, y) {
                vec![(0, c.fields(y, 12, 30), false)]
            } else {
                vec![]
            }
        },
        |c, y| usize::from(leap(c, y)),
    );
    report(i, "12/30 OMIT", r);
    // FORWARD: or the first day of the next year.
    let r = check(
        i,
        Rule::yearly(&[m(12)], &[30], "FORWARD"),
        |c, y| {
            if leap(c, y) {
                vec![(0, c.fields(y, 12, 30), false)]
            } else {
                vec![(0, c.fields(y + 1, 1, 1), true)]
            }
        },
        |_, _| 1,
    );
    report(i, "12/30 FORWARD", r);
}

#[test]
fn ethiopic_rules_1900_2200() {
    let e = "ethiopic";
    let leap = |c: &RefCal, y| c.len(y, 13) == 6;
    // The last day of the year: Pagume 6 or 5.
    let r = check(
        e,
        Rule::yearly(&[m(13)], &[6], "BACKWARD"),
        |c, y| {
            let len = c.len(y, 13);
            vec![(0, c.fields(y, 13, len), len != 6)]
        },
        |_, _| 1,
    );
    report(e, "13/6 BACKWARD", r);
    // Pagume 6, or the New Year after it.
    let r = check(
        e,
        Rule::yearly(&[m(13)], &[6], "FORWARD"),
        |c, y| {
            if leap(c, y) {
                vec![(0, c.fields(y, 13, 6), false)]
            } else {
                vec![(0, c.fields(y + 1, 1, 1), true)]
            }
        },
        |_, _| 1,
    );
    report(e, "13/6 FORWARD", r);
    // Two months: the moved Pagume 6 and Meskerem 6 never collide.
    let r = check(
        e,
        Rule::yearly(&[m(1), m(13)], &[6], "FORWARD"),
        |c, y| {
            let mut v = vec![(0, c.fields(y, 1, 6), false)];
            v.push(if leap(c, y) {
                (0, c.fields(y, 13, 6), false)
            } else {
                (0, c.fields(y + 1, 1, 1), true)
            });
            v
        },
        |_, _| 2,
    );
    report(e, "1,13/6 FORWARD", r);
    // The 30th of twelve months and the last day of the thirteenth.
    let r = check(
        e,
        Rule::monthly(&[], &[30], "BACKWARD"),
        |c, y| {
            ordinals(c, y)
                .map(|o| {
                    let len = c.len(y, o);
                    (o, c.fields(y, o, len), len != 30)
                })
                .collect()
        },
        |_, _| 13,
    );
    report(e, "monthly 30 BACKWARD", r);
    // RFC 7529 §4.3.2: BYMONTH=13 names the thirteenth month.
    let r = check(
        e,
        Rule::monthly(&[m(13)], &[1], ""),
        |c, y| vec![(13, c.fields(y, 13, 1), false)],
        |_, _| 1,
    );
    report(e, "monthly 13/1", r);
    let r = check(
        e,
        Rule::monthly(&[m(13)], &[6], ""),
        |c, y| {
            if leap(c, y) {
                vec![(13, c.fields(y, 13, 6), false)]
            } else {
                vec![]
            }
        },
        |c, y| usize::from(leap(c, y)),
    );
    report(e, "monthly 13/6 OMIT", r);
}

// ---------------------------------------------------------------------
// The range-first API, the budget and sets with RSCALE rules.

fn recurrence(dtstart: &str, rule: &str, options: &Options) -> Recurrence {
    Recurrence::new(
        &Recur::parse(rule).unwrap(),
        DateOrDateTime::parse(dtstart).unwrap(),
        None,
        options,
    )
    .unwrap()
}

fn texts(
    items: impl Iterator<Item = Result<Instance, kalends_rrule::Error>>,
) -> Result<Vec<String>, ErrorKind> {
    items
        .map(|i| i.map(|i| i.to_string()).map_err(|e| e.kind()))
        .collect()
}

fn secs(ymd: u32) -> i64 {
    day(ymd) * 86_400
}

/// A budget of `n` candidates (`Limits::max_instances` counts every
/// candidate the engine generates, also those skipped before a window).
fn budget(n: u64) -> Options {
    Options {
        limits: Limits {
            max_instances: n,
            ..Limits::default()
        },
        ..Options::default()
    }
}

#[test]
fn far_windows_do_not_iterate_from_dtstart() {
    // (DTSTART, rule, window)
    let cases = [
        (
            "20000205",
            "RSCALE=CHINESE;FREQ=MONTHLY;BYMONTHDAY=1",
            (21500101, 21510101),
        ),
        (
            "20140208",
            "RSCALE=HEBREW;FREQ=YEARLY;BYMONTH=5L;BYMONTHDAY=8;SKIP=FORWARD",
            (21900101, 21950101),
        ),
        (
            "20131025",
            "RSCALE=ISLAMIC-CIVIL;FREQ=MONTHLY;BYMONTHDAY=30;SKIP=BACKWARD",
            (21500101, 21510101),
        ),
        // The window starts on Ethiopian New Year 2183 (Gregorian
        // 2190-09-12), which SKIP=FORWARD reaches from Pagume 6 of the
        // common year 2182: the jump must not lose it.
        (
            "20140911",
            "RSCALE=ETHIOPIC;FREQ=YEARLY;BYMONTH=13;BYMONTHDAY=6;SKIP=FORWARD",
            (21900912, 21960101),
        ),
        (
            "20150131",
            "RSCALE=GREGORIAN;FREQ=MONTHLY;BYMONTHDAY=31;SKIP=FORWARD",
            (21500301, 21500601),
        ),
    ];
    let ethiopic = reference("ethiopic");
    assert_eq!(ethiopic.len(2182, 13), 5);
    assert_eq!(ymd(ethiopic.year(2183).start), 21900912);
    for (dtstart, rule, (a, b)) in cases {
        // Reference: the full iteration from DTSTART, filtered.
        let full = recurrence(dtstart, rule, &Options::default());
        let want: Vec<String> = full
            .iter()
            .map(Result::unwrap)
            .take_while(|i| i.utc_seconds() < secs(b))
            .filter(|i| i.utc_seconds() >= secs(a))
            .map(|i| i.to_string())
            .collect();
        assert!(!want.is_empty(), "{rule}");
        // Reaching the window from DTSTART costs far more than 40
        // candidates; the window itself costs a few.
        let small = recurrence(dtstart, rule, &budget(40));
        assert_eq!(
            texts(small.iter()).err(),
            Some(ErrorKind::BudgetExhausted),
            "{rule}: the full iteration must exceed the budget"
        );
        assert_eq!(
            texts(small.between_seconds(secs(a), secs(b))),
            Ok(want.clone()),
            "{rule}"
        );
        // after and before also jump.
        let first = small.after_seconds(secs(a) - 1).unwrap().unwrap();
        assert_eq!(first.to_string(), want[0], "{rule}");
        let last = small.before_seconds(secs(b)).unwrap().unwrap();
        assert_eq!(&last.to_string(), want.last().unwrap(), "{rule}");
    }
}

#[test]
fn windows_starting_on_a_forward_move_keep_it() {
    // Every Ethiopian New Year reached by SKIP=FORWARD from a common year,
    // 1900-2200, as the first instance of a window starting on it.
    let rule = "RSCALE=ETHIOPIC;FREQ=YEARLY;BYMONTH=13;BYMONTHDAY=6;SKIP=FORWARD";
    let rec = recurrence("19000101", rule, &budget(10));
    let cal = reference("ethiopic");
    let mut seen = 0;
    for y in 1893..2192 {
        if cal.len(y, 13) == 6 {
            continue;
        }
        let new_year = cal.day_of(cal.fields(y + 1, 1, 1));
        let got = texts(rec.between_seconds(new_year * 86_400, (new_year + 1) * 86_400));
        assert_eq!(got, Ok(vec![ymd(new_year).to_string()]), "year {y}");
        seen += 1;
    }
    assert!(seen > 200, "{seen}");
}

#[test]
fn count_counts_from_dtstart_and_stays_within_the_budget() {
    let rule = "RSCALE=CHINESE;FREQ=MONTHLY;BYMONTHDAY=1;COUNT=3000";
    // With COUNT the window cannot jump: the budget runs out on the way.
    let small = recurrence("20000205", rule, &budget(40));
    assert_eq!(
        texts(small.between_seconds(secs(21500101), secs(21510101))).err(),
        Some(ErrorKind::BudgetExhausted)
    );
    // With the default budget the window is the filtered full iteration,
    // and COUNT=3000 ends in the 2240s (3000 lunar months).
    let rec = recurrence("20000205", rule, &Options::default());
    let all: Vec<Instance> = rec.iter().map(Result::unwrap).collect();
    assert_eq!(all.len(), 3000);
    let window: Vec<Instance> = rec
        .between_seconds(secs(21500101), secs(21510101))
        .map(Result::unwrap)
        .collect();
    let want: Vec<Instance> = all
        .iter()
        .copied()
        .filter(|i| (secs(21500101)..secs(21510101)).contains(&i.utc_seconds()))
        .collect();
    assert_eq!(window, want);
    assert!((12..=13).contains(&window.len()));
    assert_eq!(all.last().unwrap().date().year(), 2242);
}

#[test]
fn rscale_rules_that_never_match_exhaust_the_budget() {
    let small = Options {
        limits: Limits {
            max_empty_periods: 200,
            ..Limits::default()
        },
        dtstart: DtstartRule::IfMatching,
        ..Options::default()
    };
    for (dtstart, rule) in [
        // Tevet always has 29 days.
        (
            "20140101",
            "RSCALE=HEBREW;FREQ=YEARLY;BYMONTH=4;BYMONTHDAY=30",
        ),
        // No Chinese year has a thirteenth regular month.
        (
            "20140101",
            "RSCALE=CHINESE;FREQ=MONTHLY;BYMONTH=13;BYMONTHDAY=1",
        ),
        // No Islamic month has 31 days.
        (
            "20140101",
            "RSCALE=ISLAMIC-CIVIL;FREQ=MONTHLY;BYMONTHDAY=31",
        ),
        // Pagume never has 7 days.
        (
            "20140101",
            "RSCALE=ETHIOPIC;FREQ=YEARLY;BYMONTH=13;BYMONTHDAY=7",
        ),
        // There is no Hebrew leap month after Adar.
        (
            "20140101",
            "RSCALE=HEBREW;FREQ=YEARLY;BYMONTH=6L;BYMONTHDAY=1",
        ),
    ] {
        let rec = recurrence(dtstart, rule, &small);
        assert_eq!(
            texts(rec.iter().take(5)).err(),
            Some(ErrorKind::BudgetExhausted),
            "{rule}"
        );
    }
    // SKIP turns the missing Tevet 30 into Tevet 29 (BACKWARD) or Shevat 1
    // (FORWARD) every year; DTSTART 2014-01-01 is Tevet 29, 5774.
    let cal = reference("hebrew");
    for (skip, (month, d)) in [("BACKWARD", (m(4), 29)), ("FORWARD", (m(5), 1))] {
        let rule = format!("RSCALE=HEBREW;FREQ=YEARLY;BYMONTH=4;BYMONTHDAY=30;SKIP={skip}");
        let rec = recurrence("20140101", &rule, &small);
        let want: Vec<String> = (5774..5777)
            .map(|y| ymd(cal.day_of(at(&cal, y, month, d).unwrap())).to_string())
            .collect();
        assert_eq!(texts(rec.iter().take(3)), Ok(want), "{skip}");
    }
    assert_eq!(ymd(cal.day_of(at(&cal, 5774, m(4), 29).unwrap())), 20140101);
}

#[test]
fn sets_with_rscale_rules() {
    let cal = reference("hebrew");
    let dtstart = DateOrDateTime::parse("20140208").unwrap();
    let options = Options::default();
    // RFC 7529 §4.3.3's anniversary minus an EXRULE for Adar 8: what is
    // left are the leap years' Adar I 8 (the EXRULE removes every date the
    // SKIP=FORWARD rule moved to Adar).
    let mut set = RecurrenceSet::new(dtstart, None, &options).unwrap();
    set.add_rrule(
        &Recur::parse("RSCALE=HEBREW;FREQ=YEARLY;BYMONTH=5L;BYMONTHDAY=8;SKIP=FORWARD;COUNT=20")
            .unwrap(),
    )
    .unwrap();
    set.add_exrule(&Recur::parse("RSCALE=HEBREW;FREQ=YEARLY;BYMONTH=6;BYMONTHDAY=8").unwrap())
        .unwrap();
    set.add_exdate(DateOrDateTime::parse("20190313").unwrap(), None);
    set.add_rdate(DateOrDateTime::parse("20150101").unwrap(), None);
    let got: Vec<i64> = set
        .iter()
        .map(|i| i.unwrap().local_seconds().div_euclid(86_400))
        .collect();
    let rule = recurrence(
        "20140208",
        "RSCALE=HEBREW;FREQ=YEARLY;BYMONTH=5L;BYMONTHDAY=8;SKIP=FORWARD;COUNT=20",
        &options,
    );
    let mut want: Vec<i64> = rule
        .iter()
        .map(|i| i.unwrap().local_seconds().div_euclid(86_400))
        .filter(|&d| cal.date_of(d).code == l(5) && d != day(20190313))
        .collect();
    want.push(day(20150101));
    want.sort_unstable();
    assert_eq!(got, want);
    // The 20 years 5774-5793 hold 8 leap years (5774, 5776, 5779, 5782,
    // 5784, 5787, 5790, 5793); 5779's Adar I 8 (2019-02-13) is kept, the
    // EXDATE names a date that is not an instance (Adar 8, 5779 does not
    // occur: 5779 is a leap year).
    assert_eq!(want.len(), 8 + 1);
    assert!(got.contains(&day(20190213)));
    // The window of a set is its filtered iteration.
    let window: Vec<i64> = set
        .between_seconds(secs(20160101), secs(20250101))
        .map(|i| i.unwrap().local_seconds().div_euclid(86_400))
        .collect();
    let filtered: Vec<i64> = want
        .iter()
        .copied()
        .filter(|&d| (day(20160101)..day(20250101)).contains(&d))
        .collect();
    assert_eq!(window, filtered);

    // A Gregorian rule minus a Hebrew EXRULE: the Saturdays of 2024 that
    // are not the first day of a Hebrew month.
    let mut set =
        RecurrenceSet::new(DateOrDateTime::parse("20240106").unwrap(), None, &options).unwrap();
    set.add_rrule(&Recur::parse("FREQ=WEEKLY;BYDAY=SA;UNTIL=20241231").unwrap())
        .unwrap();
    set.add_exrule(&Recur::parse("RSCALE=HEBREW;FREQ=MONTHLY;BYMONTHDAY=1").unwrap())
        .unwrap();
    let got: Vec<i64> = set
        .iter()
        .map(|i| i.unwrap().local_seconds().div_euclid(86_400))
        .collect();
    let want: Vec<i64> = (0..53)
        .map(|k| day(20240106) + 7 * k)
        .filter(|&d| d <= day(20241231) && cal.date_of(d).day != 1)
        .collect();
    assert_eq!(got, want);
    let removed: Vec<u32> = (0..52)
        .map(|k| day(20240106) + 7 * k)
        .filter(|d| !want.contains(d))
        .map(ymd)
        .collect();
    // The first day of a Hebrew month fell on a Saturday in 2024 twice:
    // 1 Adar I 5784 (10 February) and 1 Cheshvan 5785 (2 November).
    assert_eq!(removed, [20240210, 20241102]);
}
