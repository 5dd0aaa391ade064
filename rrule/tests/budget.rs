//! Rules from peers' bug trackers that loop forever or build huge cross
//! products there: here each returns (its instances, or the typed budget
//! error). No test measures time.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use kalends_ical_core::value::{DateOrDateTime, Recur};
use kalends_rrule::{DtstartRule, ErrorKind, Limits, Options, Recurrence, expand_rule};

fn run(
    dtstart: &str,
    rule: &str,
    options: &Options,
    take: usize,
) -> Result<Vec<String>, ErrorKind> {
    let rule = Recur::parse(rule).unwrap();
    let rec = Recurrence::new(
        &rule,
        DateOrDateTime::parse(dtstart).unwrap(),
        None,
        options,
    )
    .unwrap();
    rec.iter()
        .take(take)
        .map(|i| i.map(|i| i.to_string()).map_err(|e| e.kind()))
        .collect()
}

#[test]
fn rules_that_never_match_end_with_dtstart_only() {
    let always = Options::default();
    let matching = Options {
        dtstart: DtstartRule::IfMatching,
        ..Options::default()
    };
    for (dtstart, rule) in [
        ("20240104T090000", "FREQ=MONTHLY;BYDAY=1TH;BYSETPOS=2"),
        ("20240101T090000", "FREQ=MONTHLY;BYMONTHDAY=1;BYDAY=2SU"),
        ("20240130T090000", "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30"),
        ("20240131T090000", "FREQ=YEARLY;COUNT=2;BYMONTH=2"),
        ("20240131T090000", "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=31"),
        (
            "20240101T090000",
            "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=24",
        ),
    ] {
        assert_eq!(
            run(dtstart, rule, &always, 10),
            Ok(vec![dtstart.to_owned()]),
            "{rule}"
        );
        assert_eq!(run(dtstart, rule, &matching, 10), Ok(vec![]), "{rule}");
    }
}

#[test]
fn the_full_secondly_cross_product_is_never_built() {
    let months = (1..=12)
        .map(|m| m.to_string())
        .collect::<Vec<_>>()
        .join(",");
    let days = (1..=31)
        .map(|m| m.to_string())
        .collect::<Vec<_>>()
        .join(",");
    let hours = (0..=23)
        .map(|m| m.to_string())
        .collect::<Vec<_>>()
        .join(",");
    let minutes = (0..=59)
        .map(|m| m.to_string())
        .collect::<Vec<_>>()
        .join(",");
    let rule = format!(
        "FREQ=SECONDLY;BYMONTH={months};BYMONTHDAY={days};BYHOUR={hours};BYMINUTE={minutes};COUNT=1"
    );
    assert_eq!(
        run("20240101T090000", &rule, &Options::default(), 10),
        Ok(vec!["20240101T090000".to_owned()])
    );
    // Without COUNT it runs second by second, lazily.
    let unbounded = rule.replace(";COUNT=1", "");
    let got = run("20240101T235958", &unbounded, &Options::default(), 4).unwrap();
    assert_eq!(
        got,
        [
            "20240101T235958",
            "20240101T235959",
            "20240102T000000",
            "20240102T000001"
        ]
    );
}

#[test]
fn empty_periods_exhaust_the_budget_with_a_typed_error() {
    // Week 1 never falls in June: no static test catches it, the budget does.
    let small = Options {
        limits: Limits {
            max_empty_periods: 100,
            ..Limits::default()
        },
        ..Options::default()
    };
    let got = run(
        "20240101T090000",
        "FREQ=YEARLY;BYWEEKNO=1;BYMONTH=6",
        &small,
        10,
    );
    assert_eq!(got, Err(ErrorKind::BudgetExhausted));
    // Every aligned minute is 09:00, and BYHOUR wants 10.
    let got = run(
        "20240101T090000",
        "FREQ=MINUTELY;INTERVAL=1440;BYHOUR=10",
        &Options::default(),
        10,
    );
    assert_eq!(got, Err(ErrorKind::BudgetExhausted));
    // With the default budget the year-9999 end comes first.
    let got = run(
        "20240101T090000",
        "FREQ=YEARLY;BYWEEKNO=1;BYMONTH=6",
        &Options::default(),
        10,
    );
    assert_eq!(got, Ok(vec!["20240101T090000".to_owned()]));
}

#[test]
fn instances_exhaust_the_budget_with_a_typed_error() {
    let small = Options {
        limits: Limits {
            max_instances: 1000,
            ..Limits::default()
        },
        ..Options::default()
    };
    let got = run("20240101T000000", "FREQ=SECONDLY", &small, 5000);
    assert_eq!(got, Err(ErrorKind::BudgetExhausted));
    let err = Recurrence::new(
        &Recur::parse("FREQ=SECONDLY").unwrap(),
        DateOrDateTime::parse("20240101T000000").unwrap(),
        None,
        &small,
    )
    .unwrap()
    .iter()
    .find_map(Result::err)
    .unwrap();
    assert!(err.is_budget());
    assert!(err.message().contains("max_instances"), "{}", err.message());
}

#[test]
fn expansion_ends_at_the_year_9999() {
    let got = run("99991230T000000", "FREQ=DAILY", &Options::default(), 10).unwrap();
    assert_eq!(got, ["99991230T000000", "99991231T000000"]);
    let got = run(
        "99990101T000000",
        "FREQ=YEARLY;INTERVAL=1000",
        &Options::default(),
        10,
    )
    .unwrap();
    assert_eq!(got, ["99990101T000000"]);
}

#[test]
fn unbounded_rule_without_limit_or_window_is_refused_at_once() {
    let e = expand_rule("20240101T090000", "FREQ=DAILY", None, None, None).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidRule);
    assert_eq!(
        expand_rule("20240101T090000", "RRULE:FREQ=DAILY", None, Some(2), None)
            .unwrap()
            .len(),
        2
    );
}

#[test]
fn invalid_rules_are_typed_errors() {
    let mut rule = Recur::parse("FREQ=DAILY").unwrap();
    rule.by_hour = vec![24];
    let e = Recurrence::new(
        &rule,
        DateOrDateTime::parse("20240101T090000").unwrap(),
        None,
        &Options::default(),
    )
    .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidRule);
    assert!(e.message().contains("`24`"), "{}", e.message());
    let e = expand_rule("2024-01-01", "FREQ=DAILY", None, Some(1), None).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidValue);
}
