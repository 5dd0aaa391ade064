//! The typed values of RFC 5545 §3.3 (and RFC 7529 §4): valid and invalid
//! forms of each type, the examples of the RFCs, and round trips.

// Test helpers outside `#[test]` functions may fail loudly too (clippy.toml
// allows this only inside them).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::fmt::Debug;

use kalends_ical_core::value::{
    Binary, CalAddress, Date, DateList, DateOrDateTime, DateTime, Duration, Frequency, Geo,
    MAX_BY_LIST_LEN, MAX_RECUR_LEN, MonthNum, Period, PeriodEnd, Recur, Skip, Time, TimeForm,
    TimeValue, Uri, UtcOffset, ValueType, Weekday, WeekdayNum, days_in_month, days_in_year,
    decode_base64, default_value_type, encode_base64, escape_text, format_boolean, is_leap_year,
    parse_boolean, parse_float, parse_integer, parse_list, split_text_list, split_unescaped,
    unescape_text, write_float, write_list,
};
use kalends_ical_core::{Error, ErrorKind};

/// Asserts that `result` failed with `kind` and that the message quotes `input`.
#[track_caller]
fn assert_err<T: Debug>(result: Result<T, Error>, kind: ErrorKind, input: &str) {
    let e = result.expect_err(&format!("{input:?} should fail"));
    assert_eq!(e.kind(), kind, "{input:?}: {}", e.message());
    assert!(
        e.message().contains(&format!("`{input}`")),
        "the message for {input:?} does not quote it: {}",
        e.message()
    );
    assert!(
        e.message().ends_with('.'),
        "not a whole sentence: {}",
        e.message()
    );
}

/// Asserts that `parse(text)` succeeds and formats back to `text`.
#[track_caller]
fn assert_round_trip<T: Debug + ToString>(text: &str, parse: impl Fn(&str) -> Result<T, Error>) {
    let value = parse(text).unwrap_or_else(|e| panic!("{text:?} should parse: {e}"));
    assert_eq!(value.to_string(), text, "{value:?}");
}

// ---------------------------------------------------------------------------
// DATE (RFC 5545 §3.3.4)

#[test]
fn date_rfc_example_and_round_trips() {
    // RFC 5545 §3.3.4 example: July 14, 1997.
    let d = Date::parse("19970714").unwrap();
    assert_eq!((d.year(), d.month(), d.day()), (1997, 7, 14));
    for text in [
        "19970714", "00000101", "99991231", "20240229", "20000229", "19991231",
    ] {
        assert_round_trip(text, Date::parse);
    }
    let mut s = String::from("x");
    d.write_to(&mut s);
    assert_eq!(s, "x19970714");
}

#[test]
fn date_invalid_forms() {
    for bad in [
        "1997-07-14",
        "1997071",
        "199707141",
        "",
        "1997071A",
        "+9970714",
        "19970714T",
    ] {
        assert_err(Date::parse(bad), ErrorKind::InvalidValue, bad);
    }
    for bad in [
        "19971301", "19970001", "19970230", "20230229", "19000229", "19970431", "19970700",
    ] {
        assert_err(Date::parse(bad), ErrorKind::OutOfRange, bad);
    }
    assert_eq!(
        Date::new(2023, 2, 29).unwrap_err().kind(),
        ErrorKind::OutOfRange
    );
    assert_eq!(
        Date::new(-1, 1, 1).unwrap_err().kind(),
        ErrorKind::OutOfRange
    );
    assert_eq!(
        Date::new(10_000, 1, 1).unwrap_err().kind(),
        ErrorKind::OutOfRange
    );
    assert_eq!(
        Date::new(2024, 13, 1).unwrap_err().kind(),
        ErrorKind::OutOfRange
    );
    assert!("19970714".parse::<Date>().is_ok());
}

#[test]
fn calendar_helpers() {
    assert!(is_leap_year(2000) && is_leap_year(2024) && is_leap_year(0));
    assert!(!is_leap_year(1900) && !is_leap_year(2023));
    assert_eq!(days_in_month(2024, 2), 29);
    assert_eq!(days_in_month(2023, 2), 28);
    assert_eq!(days_in_month(2023, 4), 30);
    assert_eq!(days_in_month(2023, 12), 31);
    assert_eq!(days_in_month(2023, 13), 0);
    assert_eq!(days_in_year(2024), 366);
    assert_eq!(days_in_year(2100), 365);
    let d = Date::new(2024, 3, 1).unwrap();
    assert_eq!(d.day_of_year(), 61);
    assert_eq!(d.days_in_month(), 31);
    assert_eq!(d.unix_days(), 19_783);
    assert_eq!(Date::from_unix_days(19_783).unwrap(), d);
    assert_eq!(
        d.checked_add_days(-1),
        Some(Date::new(2024, 2, 29).unwrap())
    );
    assert_eq!(Date::MAX.checked_add_days(1), None);
    assert_eq!(Date::MIN.checked_add_days(-1), None);
}

#[test]
fn weekdays_of_known_dates() {
    // Dates of RFC 5545 §3.8.5.3 whose weekdays the examples state.
    let cases = [
        ("19970902", Weekday::Tuesday),  // "Tuesday, September 2, 1997"
        ("19970905", Weekday::Friday),   // "the first Friday", #12
        ("19970901", Weekday::Monday),   // "starting on Monday, September 1, 1997", #10
        ("19961105", Weekday::Tuesday),  // U.S. Presidential Election day, #30
        ("20000101", Weekday::Saturday), // ISO 8601 week 1999-W52-6
        ("20240229", Weekday::Thursday),
        ("19700101", Weekday::Thursday),
    ];
    for (text, weekday) in cases {
        assert_eq!(Date::parse(text).unwrap().weekday(), weekday, "{text}");
    }
}

// ---------------------------------------------------------------------------
// TIME (RFC 5545 §3.3.12)

#[test]
fn time_rfc_examples() {
    // RFC 5545 §3.3.12: 8:30 AM in New York in winter, in the first two forms,
    // and the examples of FORM #1 (230000) and FORM #2 (070000Z).
    for text in ["083000", "133000Z", "230000", "070000Z"] {
        assert_round_trip(text, TimeValue::parse);
    }
    let t = TimeValue::parse("133000Z").unwrap();
    assert_eq!(
        (t.time.hour(), t.time.minute(), t.time.second()),
        (13, 30, 0)
    );
    assert!(t.is_utc());
    assert_eq!(TimeValue::parse("083000").unwrap().form, TimeForm::Floating);
    assert_eq!(Time::parse("083000").unwrap().to_string(), "083000");
}

#[test]
fn time_leap_second_is_accepted() {
    let t = TimeValue::parse("235960Z").unwrap();
    assert!(t.time.is_leap_second());
    assert_eq!(t.time.clamp_leap_second().second(), 59);
    assert_eq!(t.to_string(), "235960Z");
    assert!(Time::new(23, 59, 60).is_ok());
}

#[test]
fn time_invalid_forms() {
    // RFC 5545 §3.3.12: "230000-0800 ;Invalid time format".
    for bad in [
        "230000-0800",
        "2300",
        "23000",
        "2300000",
        "23:00:00",
        "230000z0",
        "",
        "230000X",
    ] {
        assert_err(TimeValue::parse(bad), ErrorKind::InvalidValue, bad);
    }
    for bad in ["240000", "236000", "235961", "990000"] {
        assert_err(TimeValue::parse(bad), ErrorKind::OutOfRange, bad);
    }
    assert_err(Time::parse("133000Z"), ErrorKind::InvalidValue, "133000Z");
    assert_eq!(
        Time::new(24, 0, 0).unwrap_err().kind(),
        ErrorKind::OutOfRange
    );
    assert_eq!(
        Time::new(0, 0, 61).unwrap_err().kind(),
        ErrorKind::OutOfRange
    );
}

// ---------------------------------------------------------------------------
// DATE-TIME (RFC 5545 §3.3.5)

#[test]
fn date_time_rfc_examples() {
    // RFC 5545 §3.3.5: FORM #1, FORM #2, the leap second, and the DTSTART example.
    for text in [
        "19980118T230000",
        "19980119T070000Z",
        "19980119T020000",
        "19970630T235960Z",
        "19970714T133000",
        "19970714T173000Z",
    ] {
        assert_round_trip(text, DateTime::parse);
    }
    let dt = DateTime::parse("19970714T173000Z").unwrap();
    assert_eq!(dt.date, Date::new(1997, 7, 14).unwrap());
    assert_eq!(dt.time, Time::new(17, 30, 0).unwrap());
    assert!(dt.is_utc() && !dt.is_floating());
    assert_eq!(
        DateTime::parse("19970714T133000").unwrap().form,
        TimeForm::Floating
    );
}

#[test]
fn date_time_letters_in_lower_case_are_read_and_written_upper() {
    let dt = DateTime::parse("19970714t173000z").unwrap();
    assert_eq!(dt.to_string(), "19970714T173000Z");
}

#[test]
fn date_time_invalid_forms() {
    // RFC 5545 §3.3.5: "19980119T230000-0800 ;Invalid time format".
    let offset = "19980119T230000-0800";
    assert_err(DateTime::parse(offset), ErrorKind::InvalidValue, offset);
    assert!(
        DateTime::parse(offset)
            .unwrap_err()
            .message()
            .contains("UTC offset")
    );
    for bad in [
        "19980119",
        "19980119 230000",
        "19980119T2300",
        "19980119T230000ZZ",
        "1998-01-19T23:00:00Z",
        "19980119T230000.5",
        "",
    ] {
        assert_err(DateTime::parse(bad), ErrorKind::InvalidValue, bad);
    }
    for bad in [
        "19981319T230000",
        "19980132T000000Z",
        "19980119T250000",
        "19980119T236000Z",
    ] {
        assert_err(DateTime::parse(bad), ErrorKind::OutOfRange, bad);
    }
}

#[test]
fn date_or_date_time_by_shape() {
    let d = DateOrDateTime::parse("19970714").unwrap();
    assert!(d.is_date());
    assert_eq!(d.time(), None);
    assert_eq!(d.form(), None);
    assert_eq!(
        d.to_date_time(),
        DateTime::parse("19970714T000000").unwrap()
    );
    let dt = DateOrDateTime::parse("19970714T133000Z").unwrap();
    assert!(!dt.is_date() && dt.is_utc());
    assert_eq!(dt.date(), Date::new(1997, 7, 14).unwrap());
    assert_eq!(dt.time(), Some(Time::new(13, 30, 0).unwrap()));
    for text in ["19970714", "19970714T133000", "19970714T133000Z"] {
        assert_round_trip(text, DateOrDateTime::parse);
    }
    for bad in ["1997071", "19970714T1330", "x"] {
        assert_err(DateOrDateTime::parse(bad), ErrorKind::InvalidValue, bad);
    }
    assert_err(
        DateOrDateTime::parse("19970732"),
        ErrorKind::OutOfRange,
        "19970732",
    );
    assert!(Date::parse("19970714").unwrap() < Date::parse("19970715").unwrap());
}

// ---------------------------------------------------------------------------
// UTC-OFFSET (RFC 5545 §3.3.14)

#[test]
fn utc_offset_rfc_examples() {
    // RFC 5545 §3.3.14: New York standard time and Geneva.
    assert_eq!(UtcOffset::parse("-0500").unwrap().seconds(), -18_000);
    assert_eq!(UtcOffset::parse("+0100").unwrap().seconds(), 3_600);
    for text in [
        "-0500", "+0100", "+0000", "+053045", "-235959", "+2359", "-0001",
    ] {
        assert_round_trip(text, UtcOffset::parse);
    }
    // The seconds default to zero and are then not written.
    assert_eq!(UtcOffset::parse("+010000").unwrap().to_string(), "+0100");
    assert!(UtcOffset::UTC.is_utc());
    assert_eq!(
        UtcOffset::from_hms(-4, -30, 0).unwrap().to_string(),
        "-0430"
    );
    assert_eq!(
        UtcOffset::from_hms(-4, 30, 0).unwrap_err().kind(),
        ErrorKind::OutOfRange
    );
}

#[test]
fn utc_offset_invalid_forms() {
    // RFC 5545 §3.3.14: "The value of "-0000" and "-000000" are not allowed."
    for bad in ["-0000", "-000000"] {
        assert_err(UtcOffset::parse(bad), ErrorKind::InvalidValue, bad);
    }
    for bad in ["0100", "+1", "+01", "+01000", "+01:00", "", "+0100Z", "Z"] {
        assert_err(UtcOffset::parse(bad), ErrorKind::InvalidValue, bad);
    }
    // Seconds "MUST NOT be 60".
    for bad in ["+2400", "+0160", "+010060", "-9900"] {
        assert_err(UtcOffset::parse(bad), ErrorKind::OutOfRange, bad);
    }
    assert!(UtcOffset::from_seconds(86_399).is_ok());
    assert_eq!(
        UtcOffset::from_seconds(86_400).unwrap_err().kind(),
        ErrorKind::OutOfRange
    );
    assert_eq!(
        UtcOffset::from_seconds(-86_400).unwrap_err().kind(),
        ErrorKind::OutOfRange
    );
}

// ---------------------------------------------------------------------------
// DURATION (RFC 5545 §3.3.6)

#[test]
fn duration_rfc_examples() {
    // RFC 5545 §3.3.6: 15 days, 5 hours and 20 seconds; 7 weeks.
    let d = Duration::parse("P15DT5H0M20S").unwrap();
    assert_eq!(
        d,
        Duration {
            days: 15,
            hours: 5,
            seconds: 20,
            ..Duration::ZERO
        }
    );
    assert_eq!(d.to_string(), "P15DT5H0M20S");
    let w = Duration::parse("P7W").unwrap();
    assert_eq!(w.weeks, 7);
    assert_eq!(w.nominal_days(), 49);
    assert_eq!(w.to_string(), "P7W");
    // RFC 5545 §3.8.6.3 (TRIGGER) and §3.8.2.5 (DURATION) examples.
    for text in [
        "-PT15M", "PT5M", "-PT30M", "PT15M", "PT1H0M0S", "P1W", "PT8H30M",
    ] {
        Duration::parse(text).unwrap();
    }
}

#[test]
fn duration_grammar_of_the_brief() {
    let cases: [(&str, i64, i64); 7] = [
        ("P1D", 1, 0),
        ("PT1H30M", 0, 5_400),
        ("P2W", 14, 0),
        ("-PT15M", 0, -900),
        ("P1DT2H", 1, 7_200),
        ("PT0S", 0, 0),
        ("-P1DT1S", -1, -1),
    ];
    for (text, days, seconds) in cases {
        let d = Duration::parse(text).unwrap();
        assert_eq!(
            (d.nominal_days(), d.exact_seconds()),
            (days, seconds),
            "{text}"
        );
        assert_eq!(d.to_string(), text);
    }
    assert_eq!(
        Duration::parse("P1DT2H")
            .unwrap()
            .total_seconds_assuming_24h_days(),
        93_600
    );
    for bad in [
        "P", "PT", "P1H", "P1W2D", "P1DT", "PT1H20S", "1D", "P-1D", "P1.5D", "PT1S2M", "",
    ] {
        assert_err(Duration::parse(bad), ErrorKind::InvalidValue, bad);
    }
    assert_err(
        Duration::parse("P99999999999D"),
        ErrorKind::OutOfRange,
        "P99999999999D",
    );
}

#[test]
fn duration_canonical_forms() {
    for text in [
        "PT1M", "PT1S", "PT1M1S", "PT1H0M1S", "-PT0S", "P1DT1S", "P3W", "P1DT1H1M",
    ] {
        assert_round_trip(text, Duration::parse);
    }
    // Non-canonical forms read fine and are written canonically.
    assert_eq!(Duration::parse("+P1D").unwrap().to_string(), "P1D");
    assert_eq!(Duration::parse("P0D").unwrap().to_string(), "PT0S");
    assert_eq!(Duration::parse("p1dt2h").unwrap().to_string(), "P1DT2H");
    assert_eq!(
        Duration::from_exact_seconds(-3_661).unwrap().to_string(),
        "-PT1H1M1S"
    );
    assert_eq!(Duration::from_weeks(2).negated().to_string(), "-P2W");
    assert!(!Duration::parse("-PT0S").unwrap().is_negative());
}

// ---------------------------------------------------------------------------
// PERIOD (RFC 5545 §3.3.9)

#[test]
fn period_rfc_examples() {
    // RFC 5545 §3.3.9 examples.
    let explicit = Period::parse("19970101T180000Z/19970102T070000Z").unwrap();
    assert_eq!(
        explicit.end,
        PeriodEnd::End(DateTime::parse("19970102T070000Z").unwrap())
    );
    assert_eq!(
        explicit.end_date_time(),
        Some(DateTime::parse("19970102T070000Z").unwrap())
    );
    let start = Period::parse("19970101T180000Z/PT5H30M").unwrap();
    assert_eq!(start.duration(), Some(Duration::from_hms(5, 30, 0)));
    assert!(start.is_utc());
    for text in [
        "19970101T180000Z/19970102T070000Z",
        "19970101T180000Z/PT5H30M",
        // RFC 5545 §3.2.9 (FBTYPE) and §3.6.4 (VFREEBUSY) examples.
        "19980415T133000Z/19980415T170000Z",
        "19971015T050000Z/PT8H30M",
        "19980314T233000Z/19980315T003000Z",
    ] {
        assert_round_trip(text, Period::parse);
    }
}

#[test]
fn period_invalid_forms() {
    for bad in [
        "19970101T180000Z",
        "19970101/PT1H",
        "19970101T180000Z/P",
        "/PT1H",
        "19970101T180000Z/",
    ] {
        assert_err(Period::parse(bad), ErrorKind::InvalidValue, bad);
    }
    for bad in [
        "19970101T180000Z/-PT1H",
        "19970102T180000Z/19970101T180000Z",
    ] {
        assert_err(Period::parse(bad), ErrorKind::OutOfRange, bad);
    }
}

// ---------------------------------------------------------------------------
// RECUR (RFC 5545 §3.3.10, RFC 7529 §4)

#[test]
fn recur_rfc5545_example() {
    // RFC 5545 §3.3.10 example: 10 occurrences every other day.
    let r = Recur::parse("FREQ=DAILY;COUNT=10;INTERVAL=2").unwrap();
    assert_eq!(
        (r.freq, r.count, r.interval),
        (Frequency::Daily, Some(10), Some(2))
    );
    assert_eq!(r.to_string(), "FREQ=DAILY;COUNT=10;INTERVAL=2");
    assert!(!r.is_rscale() && r.is_gregorian() && !r.has_by_parts() && !r.is_unbounded());
}

#[test]
fn recur_rfc7529_examples() {
    // RFC 7529 §3 and §4.3.1.
    let chinese = Recur::parse("RSCALE=CHINESE;FREQ=YEARLY").unwrap();
    assert_eq!(chinese.rscale.as_deref(), Some("CHINESE"));
    assert!(chinese.is_rscale() && !chinese.is_gregorian());
    assert_eq!(chinese.to_string(), "RSCALE=CHINESE;FREQ=YEARLY");

    // RFC 7529 §4.3.2: BYMONTH=13 is valid with RSCALE.
    let ethiopic = Recur::parse("RSCALE=ETHIOPIC;FREQ=MONTHLY;BYMONTH=13").unwrap();
    assert_eq!(ethiopic.by_month, [MonthNum::regular(13)]);
    assert_eq!(
        ethiopic.to_string(),
        "RSCALE=ETHIOPIC;FREQ=MONTHLY;BYMONTH=13"
    );

    // RFC 7529 §4.3.3: a leap month and SKIP. The canonical order puts
    // BYMONTHDAY before BYMONTH, so the text is reordered.
    let text = "RSCALE=HEBREW;FREQ=YEARLY;BYMONTH=5L;BYMONTHDAY=8;SKIP=FORWARD";
    let hebrew = Recur::parse(text).unwrap();
    assert_eq!(hebrew.by_month, [MonthNum::leap(5)]);
    assert_eq!(hebrew.by_month_day, [8]);
    assert_eq!(hebrew.skip, Some(Skip::Forward));
    assert!(hebrew.has_leap_months());
    assert_eq!(hebrew.skip_or_default(), Skip::Forward);
    assert_eq!(
        hebrew.to_string(),
        "RSCALE=HEBREW;FREQ=YEARLY;BYMONTHDAY=8;BYMONTH=5L;SKIP=FORWARD"
    );
    assert_eq!(Recur::parse(&hebrew.to_string()).unwrap(), hebrew);

    // RFC 7529 §4.3.4 and §8/§9.
    for text in ["RSCALE=GREGORIAN;FREQ=YEARLY;SKIP=FORWARD", "FREQ=YEARLY"] {
        assert_round_trip(text, Recur::parse);
    }
    assert!(
        Recur::parse("RSCALE=GREGORIAN;FREQ=YEARLY;SKIP=FORWARD")
            .unwrap()
            .is_gregorian()
    );
}

#[test]
fn recur_parts_in_any_order_and_case() {
    let r = Recur::parse("wkst=su;BYDAY=tu,Th;count=10;Freq=Weekly").unwrap();
    assert_eq!(r.freq, Frequency::Weekly);
    assert_eq!(r.wkst, Some(Weekday::Sunday));
    assert_eq!(
        r.by_day,
        [
            WeekdayNum::every(Weekday::Tuesday),
            WeekdayNum::every(Weekday::Thursday)
        ]
    );
    assert_eq!(r.to_string(), "FREQ=WEEKLY;COUNT=10;BYDAY=TU,TH;WKST=SU");
    assert_eq!(r.interval_or_default(), 1);
    assert_eq!(
        Recur::parse("FREQ=DAILY").unwrap().wkst_or_default(),
        Weekday::Monday
    );
    assert_eq!(
        Recur::parse("rscale=hebrew;freq=yearly")
            .unwrap()
            .rscale_upper()
            .as_deref(),
        Some("HEBREW")
    );
}

#[test]
fn recur_canonical_order_covers_every_part() {
    let text = "RSCALE=GREGORIAN;FREQ=YEARLY;UNTIL=20301231T235959Z;INTERVAL=2;BYSECOND=0,30,60;\
                BYMINUTE=0,59;BYHOUR=0,23;BYDAY=MO,+2TU,-1FR,53SU;BYMONTHDAY=1,-31;\
                BYYEARDAY=1,-366,200;BYWEEKNO=1,-53;BYMONTH=1,12;BYSETPOS=1,-366;WKST=SU;\
                SKIP=BACKWARD;X-FOO=bar;X-EMPTY=";
    let r = Recur::parse(text).unwrap();
    assert_eq!(r.by_day[1], WeekdayNum::nth(2, Weekday::Tuesday).unwrap());
    assert_eq!(
        r.extensions,
        [
            ("X-FOO".to_owned(), "bar".to_owned()),
            ("X-EMPTY".to_owned(), String::new())
        ]
    );
    // `+2TU` is written `2TU`, the rest is canonical.
    assert_eq!(r.to_string(), text.replace("+2TU", "2TU"));
    let mut out = String::new();
    r.write_to(&mut out);
    assert_eq!(out, r.to_string());
    assert_eq!(
        Recur::parse("FREQ=DAILY;UNTIL=20240101")
            .unwrap()
            .to_string(),
        "FREQ=DAILY;UNTIL=20240101"
    );
}

#[test]
fn recur_trailing_semicolon_is_tolerated() {
    assert_eq!(
        Recur::parse("FREQ=DAILY;COUNT=2;").unwrap().to_string(),
        "FREQ=DAILY;COUNT=2"
    );
}

#[test]
fn recur_grammar_errors() {
    let cases = [
        "",
        ";",
        "COUNT=10",
        "FREQ=DAILY;FREQ=WEEKLY",
        "FREQ=DAILY;count=1;COUNT=2",
        "FREQ=DAILY;X-A=1;x-a=2",
        "FREQ=DAILY;COUNT=2;UNTIL=20240101",
        "FREQ=FORTNIGHTLY",
        "FREQ=DAILY;FOO=1",
        "FREQ=DAILY;;COUNT=1",
        ";FREQ=DAILY",
        "FREQ=DAILY;COUNT",
        "FREQ=DAILY;COUNT=-1",
        "FREQ=DAILY;COUNT=1.5",
        "FREQ=DAILY;INTERVAL=",
        "FREQ=MONTHLY;BYDAY=1XX",
        "FREQ=MONTHLY;BYDAY=MO,",
        "FREQ=MONTHLY;BYDAY=M",
        "FREQ=MONTHLY;BYDAY=1 MO",
        "FREQ=WEEKLY;WKST=XX",
        "FREQ=DAILY;UNTIL=2024",
        "FREQ=DAILY;UNTIL=20240101T000000+0100",
        "RSCALE=;FREQ=DAILY",
        "RSCALE=HE BREW;FREQ=DAILY",
        "FREQ=DAILY;BYHOUR=+5",
        "FREQ=MONTHLY;BYMONTHDAY=001",
        "FREQ=YEARLY;BYMONTH=5LL",
        "FREQ=YEARLY;BYMONTH=L",
        "FREQ=YEARLY;SKIP=FORWARD",
        "RSCALE=HEBREW;FREQ=YEARLY;SKIP=SIDEWAYS",
        "FREQ DAILY",
        "FREQ=DAILY;BY_DAY=MO",
    ];
    for input in cases {
        assert_err(Recur::parse(input), ErrorKind::InvalidValue, input);
    }
}

#[test]
fn recur_range_errors() {
    let cases = [
        "FREQ=DAILY;COUNT=0",
        "FREQ=DAILY;INTERVAL=0",
        "FREQ=DAILY;COUNT=99999999999",
        "FREQ=DAILY;BYSECOND=61",
        "FREQ=DAILY;BYMINUTE=60",
        "FREQ=DAILY;BYHOUR=24",
        "FREQ=MONTHLY;BYMONTHDAY=0",
        "FREQ=MONTHLY;BYMONTHDAY=32",
        "FREQ=MONTHLY;BYMONTHDAY=-32",
        "FREQ=YEARLY;BYYEARDAY=367",
        "FREQ=YEARLY;BYYEARDAY=0",
        "FREQ=YEARLY;BYWEEKNO=54",
        "FREQ=YEARLY;BYWEEKNO=-54",
        "FREQ=YEARLY;BYMONTH=0",
        "FREQ=YEARLY;BYMONTH=13",
        "FREQ=YEARLY;BYMONTH=5L",
        "FREQ=MONTHLY;BYSETPOS=0",
        "FREQ=MONTHLY;BYSETPOS=367",
        "FREQ=MONTHLY;BYDAY=0MO",
        "FREQ=YEARLY;BYDAY=54MO",
        "FREQ=YEARLY;BYDAY=-54MO",
        "FREQ=DAILY;UNTIL=20241301",
        "RSCALE=CHINESE;FREQ=YEARLY;BYMONTH=14",
        "RSCALE=CHINESE;FREQ=YEARLY;BYYEARDAY=386",
        "RSCALE=CHINESE;FREQ=YEARLY;BYWEEKNO=57",
        "RSCALE=CHINESE;FREQ=MONTHLY;BYMONTHDAY=32",
    ];
    for input in cases {
        assert_err(Recur::parse(input), ErrorKind::OutOfRange, input);
    }
}

#[test]
fn recur_range_edges_accepted() {
    let ok = [
        "FREQ=DAILY;BYSECOND=0,60",
        "FREQ=DAILY;BYMINUTE=0,59",
        "FREQ=DAILY;BYHOUR=0,23",
        "FREQ=MONTHLY;BYMONTHDAY=1,31,-1,-31,+5",
        "FREQ=YEARLY;BYYEARDAY=1,366,-366",
        "FREQ=YEARLY;BYWEEKNO=1,53,-53",
        "FREQ=YEARLY;BYMONTH=1,12",
        "FREQ=MONTHLY;BYSETPOS=1,-366,366",
        "FREQ=YEARLY;BYDAY=53MO,-53SU,+1TU",
        "FREQ=DAILY;COUNT=4294967295",
        "RSCALE=CHINESE;FREQ=YEARLY;BYMONTH=13,5L,12L",
        "RSCALE=HEBREW;FREQ=YEARLY;BYYEARDAY=385,-385",
        "RSCALE=HEBREW;FREQ=YEARLY;BYWEEKNO=56,-56",
        "RSCALE=X-MY-CAL;FREQ=YEARLY",
    ];
    for input in ok {
        Recur::parse(input).unwrap_or_else(|e| panic!("{input}: {e}"));
    }
}

#[test]
fn recur_limits() {
    let long_list = (0..=MAX_BY_LIST_LEN)
        .map(|i| (i % 28 + 1).to_string())
        .collect::<Vec<_>>();
    let input = format!("FREQ=MONTHLY;BYMONTHDAY={}", long_list.join(","));
    assert!(input.len() <= MAX_RECUR_LEN);
    assert_eq!(
        Recur::parse(&input).unwrap_err().kind(),
        ErrorKind::LimitExceeded
    );
    let at_limit = format!("FREQ=MONTHLY;BYMONTHDAY={}", long_list[1..].join(","));
    assert_eq!(
        Recur::parse(&at_limit).unwrap().by_month_day.len(),
        MAX_BY_LIST_LEN
    );
    let too_long = format!("FREQ=DAILY;X-PAD={}", "a".repeat(MAX_RECUR_LEN));
    let e = Recur::parse(&too_long).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::LimitExceeded);
    assert!(
        e.message().contains("`FREQ=DAILY;X-PAD=aaa"),
        "{}",
        e.message()
    );
}

#[test]
fn recur_constraints_of_rfc5545_are_checked_on_request() {
    let ok = [
        "FREQ=YEARLY;BYWEEKNO=20;BYDAY=MO",
        "FREQ=MONTHLY;BYDAY=-1FR",
        "FREQ=MONTHLY;BYDAY=MO;BYSETPOS=1",
    ];
    for input in ok {
        Recur::parse(input).unwrap().check_constraints().unwrap();
    }
    let broken = [
        "FREQ=MONTHLY;BYWEEKNO=20",
        "FREQ=DAILY;BYYEARDAY=1",
        "FREQ=WEEKLY;BYMONTHDAY=1",
        "FREQ=WEEKLY;BYDAY=1MO",
        "FREQ=YEARLY;BYWEEKNO=1;BYDAY=1MO",
        "FREQ=MONTHLY;BYSETPOS=1",
    ];
    for input in broken {
        let rule = Recur::parse(input).unwrap();
        let e = rule.check_constraints().unwrap_err();
        assert_eq!(e.kind(), ErrorKind::InvalidValue, "{input}");
        assert!(
            e.message().contains(&format!("`{rule}`")),
            "{}",
            e.message()
        );
    }
}

#[test]
fn weekday_frequency_and_skip_names() {
    for (w, name) in Weekday::ALL
        .into_iter()
        .zip(["MO", "TU", "WE", "TH", "FR", "SA", "SU"])
    {
        assert_eq!(w.to_string(), name);
        assert_eq!(name.to_ascii_lowercase().parse::<Weekday>().unwrap(), w);
        assert_eq!(Weekday::from_abbrev(name), Some(w));
    }
    assert_err("MON".parse::<Weekday>(), ErrorKind::InvalidValue, "MON");
    for f in Frequency::ALL {
        assert_eq!(f.to_string().parse::<Frequency>().unwrap(), f);
    }
    assert_eq!("monthly".parse::<Frequency>().unwrap(), Frequency::Monthly);
    assert_err(
        "FORTNIGHTLY".parse::<Frequency>(),
        ErrorKind::InvalidValue,
        "FORTNIGHTLY",
    );
    assert_eq!("backward".parse::<Skip>().unwrap(), Skip::Backward);
    assert_eq!(Skip::default(), Skip::Omit);
    assert_err("UP".parse::<Skip>(), ErrorKind::InvalidValue, "UP");
    assert_eq!(
        WeekdayNum::nth(-1, Weekday::Friday).unwrap().to_string(),
        "-1FR"
    );
    assert_eq!(
        WeekdayNum::nth(0, Weekday::Friday).unwrap_err().kind(),
        ErrorKind::OutOfRange
    );
    assert_eq!(MonthNum::leap(5).to_string(), "5L");
}

/// One record of `tests/data/rrule_vectors.tsv`.
struct Vector<'a> {
    source: &'a str,
    expect_ok: bool,
    rule: &'a str,
}

fn rrule_vectors() -> Vec<Vector<'static>> {
    const DATA: &str = include_str!("data/rrule_vectors.tsv");
    DATA.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let mut f = l.splitn(3, '\t');
            let (source, expect, rule) = (f.next().unwrap(), f.next().unwrap(), f.next().unwrap());
            assert!(expect == "ok" || expect == "error", "{l}");
            Vector {
                source,
                expect_ok: expect == "ok",
                rule,
            }
        })
        .collect()
}

#[test]
fn recur_public_vectors_parse_and_round_trip() {
    let vectors = rrule_vectors();
    // 180 libical records and the 42 rules of RFC 5545 §3.8.5.3.
    assert_eq!(vectors.len(), 222);
    let mut rscale = 0;
    for v in &vectors {
        let parsed = Recur::parse(v.rule);
        if !v.expect_ok {
            assert!(parsed.is_err(), "{}: {} should fail", v.source, v.rule);
            continue;
        }
        let rule = parsed.unwrap_or_else(|e| panic!("{}: {}: {e}", v.source, v.rule));
        let text = rule.to_string();
        let again = Recur::parse(&text).unwrap_or_else(|e| panic!("{}: {text}: {e}", v.source));
        assert_eq!(again, rule, "{}", v.source);
        assert_eq!(again.to_string(), text, "{}", v.source);
        rscale += usize::from(rule.is_rscale());
    }
    assert_eq!(rscale, 34);
}

#[test]
fn recur_rfc5545_examples_in_canonical_order_round_trip_exactly() {
    // Those RFC 5545 §3.8.5.3 rules whose parts are already in the canonical order.
    let exact = [
        "FREQ=DAILY;COUNT=10",                                // #1
        "FREQ=DAILY;UNTIL=19971224T000000Z",                  // #2
        "FREQ=DAILY;INTERVAL=2",                              // #3
        "FREQ=WEEKLY;COUNT=10",                               // #6
        "FREQ=MONTHLY;COUNT=10;BYDAY=1FR",                    // #12
        "FREQ=MONTHLY;UNTIL=19971224T000000Z;BYDAY=1FR",      // #13
        "FREQ=MONTHLY;COUNT=6;BYDAY=-2MO",                    // #15
        "FREQ=MONTHLY;BYMONTHDAY=-3",                         // #16
        "FREQ=MONTHLY;COUNT=10;BYMONTHDAY=2,15",              // #17
        "FREQ=MONTHLY;INTERVAL=2;BYDAY=TU",                   // #20
        "FREQ=YEARLY;COUNT=10;BYMONTH=6,7",                   // #21
        "FREQ=YEARLY;BYDAY=20MO",                             // #24
        "FREQ=YEARLY;BYDAY=TH;BYMONTH=6,7,8",                 // #27
        "FREQ=MONTHLY;BYDAY=FR;BYMONTHDAY=13",                // #28
        "FREQ=MONTHLY;BYDAY=SA;BYMONTHDAY=7,8,9,10,11,12,13", // #29
        "FREQ=MONTHLY;COUNT=3;BYDAY=TU,WE,TH;BYSETPOS=3",     // #31
        "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-2",      // #32
    ];
    let vectors = rrule_vectors();
    for text in exact {
        assert!(
            vectors.iter().any(|v| v.rule == text),
            "{text} is not an RFC example"
        );
        assert_round_trip(text, Recur::parse);
    }
}

// ---------------------------------------------------------------------------
// TEXT (RFC 5545 §3.3.11)

#[test]
fn text_rfc_example() {
    // RFC 5545 §3.3.11 example.
    let encoded = r"Project XYZ Final Review\nConference Room - 3B\nCome Prepared.";
    let decoded = "Project XYZ Final Review\nConference Room - 3B\nCome Prepared.";
    assert_eq!(unescape_text(encoded), decoded);
    assert_eq!(escape_text(decoded), encoded);
}

#[test]
fn text_escapes() {
    let cases = [
        (r"a\\b", r"a\b"),
        (r"a\;b", "a;b"),
        (r"a\,b", "a,b"),
        (r"a\Nb", "a\nb"),
        // A colon "SHALL NOT be escaped" and is written as is.
        ("mailto:x@example.com", "mailto:x@example.com"),
        // Unknown escapes and a trailing backslash are kept (lenient).
        (r"C:\temp", r"C:\temp"),
        (r"a\:b", r"a\:b"),
        ("end\\", "end\\"),
        (r"\\\\", r"\\"),
        ("ünïcødé \\, ok", "ünïcødé , ok"),
    ];
    for (encoded, decoded) in cases {
        assert_eq!(unescape_text(encoded), decoded, "{encoded}");
    }
    for canonical in [
        r"a\\b",
        r"a\;b",
        r"a\,b",
        r"line\nbreak",
        "plain text: with colon",
    ] {
        assert_eq!(escape_text(&unescape_text(canonical)), canonical);
    }
    assert_eq!(escape_text("a\r\nb"), r"a\nb");
    assert!(matches!(
        unescape_text("borrowed"),
        std::borrow::Cow::Borrowed(_)
    ));
    assert!(matches!(
        escape_text("borrowed"),
        std::borrow::Cow::Borrowed(_)
    ));
}

#[test]
fn text_lists() {
    // RFC 5545 §3.8.1.2 CATEGORIES example and RESOURCES example.
    let items: Vec<_> = split_text_list("APPOINTMENT,EDUCATION").collect();
    assert_eq!(items, ["APPOINTMENT", "EDUCATION"]);
    let items: Vec<_> = split_text_list("EASEL,PROJECTOR,VCR").collect();
    assert_eq!(items, ["EASEL", "PROJECTOR", "VCR"]);
    let items: Vec<_> = split_text_list(r"a\,b,c\\,d\;e,").collect();
    assert_eq!(items, ["a,b", r"c\", "d;e", ""]);
    // REQUEST-STATUS (RFC 5545 §3.8.8.3) is split on `;`.
    let parts: Vec<_> =
        split_unescaped(r"3.1;Invalid property value;DTSTART:96-Apr-01", b';').collect();
    assert_eq!(
        parts,
        ["3.1", "Invalid property value", "DTSTART:96-Apr-01"]
    );
    let parts: Vec<_> = split_unescaped(r"2.0;Success\; done", b';').collect();
    assert_eq!(parts, ["2.0", r"Success\; done"]);
}

// ---------------------------------------------------------------------------
// BOOLEAN, INTEGER, FLOAT, GEO (RFC 5545 §3.3.2, §3.3.8, §3.3.7, §3.8.1.6)

#[test]
fn boolean() {
    // RFC 5545 §3.3.2 example.
    assert!(parse_boolean("TRUE").unwrap());
    assert!(parse_boolean("true").unwrap());
    assert!(!parse_boolean("False").unwrap());
    assert_eq!(format_boolean(true), "TRUE");
    assert_eq!(format_boolean(false), "FALSE");
    for bad in ["", "1", "yes", "TRUE ", "T"] {
        assert_err(parse_boolean(bad), ErrorKind::InvalidValue, bad);
    }
}

#[test]
fn integer() {
    // RFC 5545 §3.3.8 examples.
    let cases = [
        ("1234567890", 1_234_567_890),
        ("-1234567890", -1_234_567_890),
        ("+1234567890", 1_234_567_890),
        ("432109876", 432_109_876),
        ("-2147483648", i32::MIN),
        ("2147483647", i32::MAX),
        ("007", 7),
    ];
    for (text, value) in cases {
        assert_eq!(parse_integer(text).unwrap(), value, "{text}");
    }
    assert_eq!(parse_integer("432109876").unwrap().to_string(), "432109876");
    for bad in ["", "+", "-", "1.0", "1e3", " 1", "0x10", "--1"] {
        assert_err(parse_integer(bad), ErrorKind::InvalidValue, bad);
    }
    for bad in ["2147483648", "-2147483649", "99999999999999999999"] {
        assert_err(parse_integer(bad), ErrorKind::OutOfRange, bad);
    }
}

#[test]
#[allow(clippy::approx_constant)] // -3.14 is the RFC example, not π.
fn float() {
    // RFC 5545 §3.3.7 examples.
    for (text, value) in [
        ("1000000.0000001", 1_000_000.000_000_1),
        ("1.333", 1.333),
        ("-3.14", -3.14),
    ] {
        let parsed = parse_float(text).unwrap();
        assert_eq!(parsed, value);
        let mut out = String::new();
        write_float(parsed, &mut out).unwrap();
        assert_eq!(out, text);
    }
    assert_eq!(parse_float("+2").unwrap(), 2.0);
    for bad in [
        "", "1e5", ".5", "5.", "1.2.3", "+", "NaN", "inf", "1,5", "- 1",
    ] {
        assert_err(parse_float(bad), ErrorKind::InvalidValue, bad);
    }
    let huge = format!("1{}", "0".repeat(400));
    assert_eq!(
        parse_float(&huge).unwrap_err().kind(),
        ErrorKind::OutOfRange
    );
    let mut out = String::new();
    assert_eq!(
        write_float(f64::NAN, &mut out).unwrap_err().kind(),
        ErrorKind::OutOfRange
    );
    write_float(1e21, &mut out).unwrap();
    assert_eq!(out, "1000000000000000000000");
}

#[test]
fn geo() {
    // RFC 5545 §3.8.1.6 example.
    let geo = Geo::parse("37.386013;-122.082932").unwrap();
    assert_eq!((geo.latitude(), geo.longitude()), (37.386013, -122.082932));
    assert_round_trip("37.386013;-122.082932", Geo::parse);
    assert_round_trip("-90;180", Geo::parse);
    for bad in ["37.386013", "37.386013,-122.082932", "a;b", "1;2;3"] {
        assert_err(Geo::parse(bad), ErrorKind::InvalidValue, bad);
    }
    for bad in ["90.1;0", "0;-180.5"] {
        assert_err(Geo::parse(bad), ErrorKind::OutOfRange, bad);
    }
    assert!(Geo::new(f64::NAN, 0.0).is_err());
}

// ---------------------------------------------------------------------------
// BINARY (RFC 5545 §3.3.1)

#[test]
fn binary_rfc_example() {
    // RFC 5545 §3.3.1 example (the ATTACH value, unfolded).
    let text = "AAABAAEAEBAQAAEABAAoAQAAFgAAACgAAAAQAAAAIAAAAAEABAAA\
                AAAAAAAAAAAAAAAAAAAAAAAAAAAAAACAAAAAgIAAAICAgADAwMAA////AAAA\
                AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\
                AAAAAAAAAAAAAAAAAAAAAAMwAAAAAAABNEMQAAAAAAAkQgAAAAAAJEREQgAA\
                ACECQ0QgEgAAQxQzM0E0AABERCRCREQAADRDJEJEQwAAAhA0QwEQAAAAAERE\
                AAAAAAAAREQAAAAAAAAkQgAAAAAAAAMgAAAAAAAAAAAAAAAAAAAAAAAAAAAA\
                AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\
                AAAAAAAAAAAA";
    let bytes = decode_base64(text).unwrap();
    assert_eq!(bytes.len(), text.len() / 4 * 3);
    // A Windows icon: reserved 0, type 1, one image, 16 × 16 pixels.
    assert_eq!(&bytes[..8], &[0, 0, 1, 0, 1, 0, 16, 16]);
    assert_eq!(encode_base64(&bytes), text);
    assert_round_trip(text, Binary::parse);
}

#[test]
fn binary_rfc4648_vectors_and_errors() {
    // RFC 4648 §10.
    for (plain, encoded) in [
        ("", ""),
        ("f", "Zg=="),
        ("fo", "Zm8="),
        ("foo", "Zm9v"),
        ("foobar", "Zm9vYmFy"),
    ] {
        assert_eq!(encode_base64(plain.as_bytes()), encoded);
        assert_eq!(decode_base64(encoded).unwrap(), plain.as_bytes());
    }
    for bad in ["Zg", "Zg=", "Zm9v Zg==", "Zm9-", "Zg==Zg==", "=Zg=", "Zm=v"] {
        assert_err(decode_base64(bad), ErrorKind::InvalidValue, bad);
    }
}

// ---------------------------------------------------------------------------
// URI, CAL-ADDRESS (RFC 5545 §3.3.13, §3.3.3)

#[test]
fn uri_and_cal_address() {
    // RFC 5545 §3.3.13 and §3.3.3 examples.
    let uri = Uri::parse("http://example.com/my-report.txt").unwrap();
    assert_eq!(uri.scheme(), "http");
    assert_eq!(uri.rest(), "//example.com/my-report.txt");
    assert!(uri.has_scheme("HTTP"));
    assert_round_trip("http://example.com/my-report.txt", Uri::parse);
    let address = CalAddress::parse("mailto:jane_doe@example.com").unwrap();
    assert_eq!(address.email(), Some("jane_doe@example.com"));
    assert_eq!(address.uri().scheme(), "mailto");
    assert_round_trip("mailto:jane_doe@example.com", CalAddress::parse);
    assert_eq!(
        CalAddress::parse("MAILTO:a@b").unwrap().email(),
        Some("a@b")
    );
    assert_eq!(CalAddress::parse("urn:uuid:1234").unwrap().email(), None);
    for ok in [
        "urn:ietf:rfc:5545",
        "geo:37.786971,-122.399677;u=10",
        "cid:part1.0@example",
        "x-app+v1.2:x",
    ] {
        Uri::parse(ok).unwrap();
    }
    for bad in [
        "example.com",
        ":x",
        "1http://x",
        "ht tp://x",
        "",
        "http://x\ny",
    ] {
        assert_err(
            Uri::parse(bad),
            ErrorKind::InvalidValue,
            &bad.replace('\n', "\\n"),
        );
    }
    assert_err(
        CalAddress::parse("jane_doe@example.com"),
        ErrorKind::InvalidValue,
        "jane_doe@example.com",
    );
}

// ---------------------------------------------------------------------------
// Lists (RDATE, EXDATE: RFC 5545 §3.8.5.1, §3.8.5.2)

#[test]
fn date_lists_rfc_examples() {
    // RFC 5545 §3.8.5.1 EXDATE example.
    let exdate = "19960402T010000Z,19960403T010000Z,19960404T010000Z";
    let list = DateList::parse(exdate, &ValueType::DateTime).unwrap();
    assert_eq!(list.len(), 3);
    assert_eq!(list.to_string(), exdate);
    // RFC 5545 §3.8.5.2 RDATE;VALUE=PERIOD example.
    let periods = "19960403T020000Z/19960403T040000Z,19960404T010000Z/PT3H";
    let list = DateList::parse(periods, &ValueType::Period).unwrap();
    assert_eq!(list.value_type(), ValueType::Period);
    assert_eq!(list.to_string(), periods);
    assert_eq!(
        list.starts()[1],
        DateOrDateTime::parse("19960404T010000Z").unwrap()
    );
    // RFC 5545 §3.8.5.2 RDATE;VALUE=DATE example, with the comma the RFC's
    // text lacks at its line fold (19970421,19970526).
    let dates = "19970101,19970120,19970217,19970421,19970526,19970704,19970901,19971014,\
                 19971128,19971129,19971225";
    let list = DateList::parse(dates, &ValueType::Date).unwrap();
    assert_eq!(list.len(), 11);
    assert_eq!(list.to_string(), dates);
    // RFC 5545 §3.1.1 example.
    assert_eq!(
        DateList::parse("19970304,19970504,19970704,19970904", &ValueType::Date)
            .unwrap()
            .len(),
        4
    );

    assert_err(
        DateList::parse("19970101,", &ValueType::Date),
        ErrorKind::InvalidValue,
        "",
    );
    assert_err(
        DateList::parse("19970101", &ValueType::DateTime),
        ErrorKind::InvalidValue,
        "19970101",
    );
    assert_err(
        DateList::parse("19970101", &ValueType::Text),
        ErrorKind::InvalidValue,
        "19970101",
    );
}

#[test]
fn generic_lists() {
    let values = parse_list("1,-2,+3", parse_integer).unwrap();
    assert_eq!(values, [1, -2, 3]);
    let mut out = String::new();
    write_list(&values, &mut out);
    assert_eq!(out, "1,-2,3");
    let many = vec!["1"; kalends_ical_core::value::MAX_LIST_LEN + 1].join(",");
    assert_eq!(
        parse_list(&many, parse_integer).unwrap_err().kind(),
        ErrorKind::LimitExceeded
    );
}

// ---------------------------------------------------------------------------
// ValueType and default value types

#[test]
fn value_type_names() {
    let names = [
        ("BINARY", ValueType::Binary),
        ("BOOLEAN", ValueType::Boolean),
        ("CAL-ADDRESS", ValueType::CalAddress),
        ("DATE", ValueType::Date),
        ("DATE-TIME", ValueType::DateTime),
        ("DURATION", ValueType::Duration),
        ("FLOAT", ValueType::Float),
        ("INTEGER", ValueType::Integer),
        ("PERIOD", ValueType::Period),
        ("RECUR", ValueType::Recur),
        ("TEXT", ValueType::Text),
        ("TIME", ValueType::Time),
        ("URI", ValueType::Uri),
        ("UTC-OFFSET", ValueType::UtcOffset),
        ("UID", ValueType::Uid),
        ("XML-REFERENCE", ValueType::XmlReference),
    ];
    for (name, t) in names {
        assert_eq!(name.parse::<ValueType>().unwrap(), t);
        assert_eq!(name.to_ascii_lowercase().parse::<ValueType>().unwrap(), t);
        assert_eq!(t.to_string(), name);
        assert!(t.is_known());
    }
    let other = "X-CUSTOM".parse::<ValueType>().unwrap();
    assert_eq!(other, ValueType::Other("X-CUSTOM".to_owned()));
    assert!(!other.is_known());
    assert_eq!(other.as_str(), "X-CUSTOM");
    for bad in ["", "DATE TIME", "DATE;TIME"] {
        assert_err(bad.parse::<ValueType>(), ErrorKind::InvalidValue, bad);
    }
}

#[test]
fn default_value_types() {
    let cases = [
        // RFC 5545 §3.7, §3.8.
        ("CALSCALE", ValueType::Text),
        ("ATTACH", ValueType::Uri),
        ("GEO", ValueType::Float),
        ("PERCENT-COMPLETE", ValueType::Integer),
        ("DTSTART", ValueType::DateTime),
        ("dtend", ValueType::DateTime),
        ("DURATION", ValueType::Duration),
        ("FREEBUSY", ValueType::Period),
        ("TZOFFSETFROM", ValueType::UtcOffset),
        ("TZURL", ValueType::Uri),
        ("ATTENDEE", ValueType::CalAddress),
        ("RECURRENCE-ID", ValueType::DateTime),
        ("EXDATE", ValueType::DateTime),
        ("RDATE", ValueType::DateTime),
        ("RRULE", ValueType::Recur),
        ("TRIGGER", ValueType::Duration),
        ("REPEAT", ValueType::Integer),
        ("SEQUENCE", ValueType::Integer),
        ("REQUEST-STATUS", ValueType::Text),
        // RFC 7986 §5.
        ("NAME", ValueType::Text),
        ("COLOR", ValueType::Text),
        ("IMAGE", ValueType::Uri),
        ("CONFERENCE", ValueType::Uri),
        ("REFRESH-INTERVAL", ValueType::Duration),
        ("SOURCE", ValueType::Uri),
        // RFC 9073 §6, RFC 9253 §8, RFC 9074 §6.1 and §8.1.
        ("LOCATION-TYPE", ValueType::Text),
        ("CALENDAR-ADDRESS", ValueType::CalAddress),
        ("CONCEPT", ValueType::Uri),
        ("REFID", ValueType::Text),
        ("ACKNOWLEDGED", ValueType::DateTime),
        ("PROXIMITY", ValueType::Text),
        // draft-ietf-calext-vpoll-06 §4.5.
        ("POLL-ITEM-ID", ValueType::Integer),
        ("RESPONSE", ValueType::Integer),
    ];
    for (name, t) in cases {
        assert_eq!(default_value_type(name), Some(t), "{name}");
    }
    for none in [
        "X-WR-CALNAME",
        "STYLED-DESCRIPTION",
        "STRUCTURED-DATA",
        "LINK",
        "",
    ] {
        assert_eq!(default_value_type(none), None, "{none}");
    }
}

// ---------------------------------------------------------------------------
// serde (feature `serde`): deserialising goes through the checked constructors.

#[cfg(feature = "serde")]
#[test]
fn serde_round_trips_and_validates() {
    let d: Date = serde_json::from_str(r#"{"year":2024,"month":2,"day":29}"#).unwrap();
    assert_eq!(d, Date::new(2024, 2, 29).unwrap());
    assert_eq!(
        serde_json::to_string(&d).unwrap(),
        r#"{"year":2024,"month":2,"day":29}"#
    );
    assert!(serde_json::from_str::<Date>(r#"{"year":2023,"month":2,"day":29}"#).is_err());
    assert!(serde_json::from_str::<Time>(r#"{"hour":24,"minute":0,"second":0}"#).is_err());
    assert!(serde_json::from_str::<UtcOffset>(r#"{"seconds":86400}"#).is_err());
    assert!(serde_json::from_str::<Geo>(r#"{"latitude":91.0,"longitude":0.0}"#).is_err());
    assert!(serde_json::from_str::<Uri>(r#""no scheme""#).is_err());
    let uri: Uri = serde_json::from_str(r#""https://example.com/""#).unwrap();
    assert_eq!(uri.scheme(), "https");
    let rule =
        Recur::parse("RSCALE=HEBREW;FREQ=YEARLY;BYMONTH=5L;BYMONTHDAY=8;SKIP=FORWARD").unwrap();
    let json = serde_json::to_string(&rule).unwrap();
    assert_eq!(serde_json::from_str::<Recur>(&json).unwrap(), rule);
}
