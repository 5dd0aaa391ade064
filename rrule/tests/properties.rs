//! Invariants of the expansion over random rules, DTSTARTs and zones:
//! strictly increasing and unique instants, COUNT honoured, windows that
//! equal filtering the full iteration, `after` and `before` that agree with
//! it.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use kalends_ical_core::value::{DateOrDateTime, Recur};
use kalends_rrule::{DtstartRule, Instance, Nonexistent, Options, Recurrence, Zone};
use proptest::prelude::*;

const FREQS: [&str; 7] = [
    "SECONDLY", "MINUTELY", "HOURLY", "DAILY", "WEEKLY", "MONTHLY", "YEARLY",
];
const DAYS: [&str; 7] = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];
const ZONES: [&str; 5] = [
    "",
    "UTC",
    "America/New_York",
    "Europe/Berlin",
    "Australia/Lord_Howe",
];

fn list<T: ToString>(v: &[T]) -> String {
    v.iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(",")
}

prop_compose! {
    fn rule()(
        freq in 0usize..7,
        interval in 1u32..5,
        count in proptest::option::of(1u32..40),
        by_month in proptest::collection::vec(1u8..=12, 0..3),
        by_month_day in proptest::collection::vec(prop_oneof![1i8..=31, -31i8..=-1], 0..3),
        by_day in proptest::collection::vec((proptest::option::of(prop_oneof![1i8..=5, -5i8..=-1]), 0usize..7), 0..3),
        by_hour in proptest::collection::vec(0u8..24, 0..3),
        by_minute in proptest::collection::vec(0u8..60, 0..3),
        by_set_pos in proptest::collection::vec(prop_oneof![1i16..=5, -5i16..=-1], 0..2),
        by_year_day in proptest::collection::vec(prop_oneof![1i16..=366, -366i16..=-1], 0..2),
        by_week_no in proptest::collection::vec(prop_oneof![1i8..=53, -53i8..=-1], 0..2),
        wkst in 0usize..7,
    ) -> String {
        let f = FREQS[freq];
        let mut s = format!("FREQ={f};INTERVAL={interval}");
        if let Some(c) = count { s += &format!(";COUNT={c}"); }
        if !by_month.is_empty() { s += &format!(";BYMONTH={}", list(&by_month)); }
        if !by_month_day.is_empty() { s += &format!(";BYMONTHDAY={}", list(&by_month_day)); }
        if !by_day.is_empty() {
            let days: Vec<String> = by_day.iter().map(|(n, d)| {
                let n = if matches!(f, "MONTHLY" | "YEARLY") { n.map(|n| n.to_string()).unwrap_or_default() } else { String::new() };
                format!("{n}{}", DAYS[*d])
            }).collect();
            s += &format!(";BYDAY={}", days.join(","));
        }
        // Keep sub-daily rules from generating a huge number of instances per window.
        if !by_hour.is_empty() { s += &format!(";BYHOUR={}", list(&by_hour)); }
        if !by_minute.is_empty() && f != "SECONDLY" { s += &format!(";BYMINUTE={}", list(&by_minute)); }
        if !by_set_pos.is_empty() { s += &format!(";BYSETPOS={}", list(&by_set_pos)); }
        if !by_year_day.is_empty() && matches!(f, "YEARLY" | "DAILY" | "HOURLY") { s += &format!(";BYYEARDAY={}", list(&by_year_day)); }
        if !by_week_no.is_empty() && f == "YEARLY" { s += &format!(";BYWEEKNO={}", list(&by_week_no)); }
        s += &format!(";WKST={}", DAYS[wkst]);
        s
    }
}

prop_compose! {
    fn dtstart()(y in 1990i32..2030, m in 1u32..=12, d in 1u32..=28, h in 0u32..24, mi in 0u32..60, s in 0u32..60, date in proptest::bool::weighted(0.15)) -> String {
        if date { format!("{y:04}{m:02}{d:02}") } else { format!("{y:04}{m:02}{d:02}T{h:02}{mi:02}{s:02}") }
    }
}

/// The first `n` instances, or `None` when the expansion errs before.
fn prefix(rec: &Recurrence, n: usize) -> Option<Vec<Instance>> {
    rec.iter().take(n).collect::<Result<Vec<_>, _>>().ok()
}

fn build(rule: &str, start: &str, zone: usize, shift: bool, matching: bool) -> Recurrence {
    let recur = Recur::parse(rule).unwrap();
    let zone = (!ZONES[zone].is_empty()).then(|| Zone::iana(ZONES[zone]).unwrap());
    let mut options = Options::default();
    if shift {
        options.nonexistent = Nonexistent::ShiftForward;
    }
    if matching {
        options.dtstart = DtstartRule::IfMatching;
    }
    Recurrence::new(
        &recur,
        DateOrDateTime::parse(start).unwrap(),
        zone.as_ref(),
        &options,
    )
    .unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn ordered_unique_and_count_honoured(rule in rule(), start in dtstart(), zone in 0usize..5, shift: bool, matching: bool) {
        let rec = build(&rule, &start, zone, shift, matching);
        let Some(all) = prefix(&rec, 200) else { return Ok(()) };
        for w in all.windows(2) {
            prop_assert!(w[0].utc_seconds() < w[1].utc_seconds(), "{rule} from {start}: {} then {}", w[0], w[1]);
        }
        if let Some(c) = rule.split(';').find_map(|p| p.strip_prefix("COUNT=")) {
            let c: usize = c.parse().unwrap();
            prop_assert!(all.len() <= c, "{rule}: {} instances", all.len());
            if !rule.contains("BY") && !matching && zone < 2 {
                prop_assert_eq!(all.len(), c);
            }
        }
        if !matching {
            prop_assert_eq!(all.first().map(Instance::utc_seconds), Some(rec.dtstart().utc_seconds()));
        }
    }

    #[test]
    fn windows_equal_filtering(rule in rule(), start in dtstart(), zone in 0usize..5, shift: bool, a in 0usize..60, len in 0usize..80) {
        let rec = build(&rule, &start, zone, shift, false);
        let Some(all) = prefix(&rec, 150) else { return Ok(()) };
        prop_assume!(all.len() >= 2);
        let last = all.last().unwrap().utc_seconds();
        // Window bounds between (and just off) instances, inside the prefix.
        let pick = |i: usize| all[i.min(all.len() - 1)].utc_seconds();
        let from = pick(a) - (a as i64 % 3);
        let to = (pick(a + len) + (len as i64 % 2)).min(last);
        let want: Vec<Instance> = all.iter().copied().filter(|i| i.utc_seconds() >= from && i.utc_seconds() < to).collect();
        let got: Result<Vec<Instance>, _> = rec.between_seconds(from, to).collect();
        prop_assert_eq!(got.as_ref().ok(), Some(&want), "{} from {} in {}..{}", rule, start, from, to);
        for i in got.unwrap() {
            prop_assert!(i.utc_seconds() >= from && i.utc_seconds() < to);
        }
        // after / before agree with the full iteration.
        let after = rec.after_seconds(from).unwrap();
        prop_assert_eq!(after, all.iter().copied().find(|i| i.utc_seconds() > from));
        let before = rec.before_seconds(to).unwrap();
        prop_assert_eq!(before, all.iter().rev().copied().find(|i| i.utc_seconds() < to));
    }

    #[test]
    fn far_windows_do_not_depend_on_where_the_jump_lands(rule in rule(), start in dtstart(), zone in 0usize..5, shift: bool, days in 0i64..40_000, hours in 1i64..2000) {
        prop_assume!(!rule.contains("COUNT="));
        let rec = build(&rule, &start, zone, shift, false);
        let from = rec.dtstart().utc_seconds() + days * 86_400 + days % 7 * 3607;
        let to = from + hours * 3600;
        let direct: Result<Vec<Instance>, _> = rec.between_seconds(from, to).take(500).collect();
        let Ok(direct) = direct else { return Ok(()) };
        let earlier: Result<Vec<Instance>, _> = rec.between_seconds(from - 400 * 86_400, to).collect::<Result<Vec<_>, _>>()
            .map(|v| v.into_iter().filter(|i| i.utc_seconds() >= from).take(500).collect());
        if let Ok(earlier) = earlier {
            prop_assert_eq!(direct, earlier, "{} from {}", rule, start);
        }
    }
}
