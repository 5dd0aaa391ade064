//! Properties of the typed values: generated values round-trip through
//! format and parse, anything that parses re-parses to itself after
//! formatting, and no input makes a parser panic.

// Test helpers outside `#[test]` functions may fail loudly too (clippy.toml
// allows this only inside them).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use kalends_ical_core::value::{
    Binary, CalAddress, Date, DateList, DateOrDateTime, DateTime, Duration, Frequency, Geo,
    MonthNum, Period, PeriodEnd, Recur, Skip, Time, TimeForm, TimeValue, Uri, UtcOffset, ValueType,
    Weekday, WeekdayNum, days_in_month, decode_base64, default_value_type, encode_base64,
    escape_text, parse_boolean, parse_float, parse_integer, split_text_list, split_unescaped,
    unescape_text, write_float,
};
use proptest::collection::vec;
use proptest::option;
use proptest::prelude::*;

// ---------------------------------------------------------------------------
// Strategies

fn date() -> impl Strategy<Value = Date> {
    (0i16..=9999, 1u8..=12, 1u8..=31).prop_map(|(y, m, d)| {
        let d = d.min(days_in_month(i32::from(y), m));
        Date::new(y, m, d).unwrap()
    })
}

fn time() -> impl Strategy<Value = Time> {
    (0u8..24, 0u8..60, 0u8..=60).prop_map(|(h, m, s)| Time::new(h, m, s).unwrap())
}

fn form() -> impl Strategy<Value = TimeForm> {
    prop_oneof![Just(TimeForm::Floating), Just(TimeForm::Utc)]
}

fn date_time() -> impl Strategy<Value = DateTime> {
    (date(), time(), form()).prop_map(|(d, t, f)| DateTime::new(d, t, f))
}

fn date_or_date_time() -> impl Strategy<Value = DateOrDateTime> {
    prop_oneof![
        date().prop_map(DateOrDateTime::Date),
        date_time().prop_map(DateOrDateTime::DateTime)
    ]
}

/// Durations in the shapes the grammar can spell: weeks alone, or days and
/// hours, minutes and seconds.
fn duration() -> impl Strategy<Value = Duration> {
    prop_oneof![
        (any::<bool>(), any::<u32>()).prop_map(|(negative, weeks)| Duration {
            negative,
            weeks,
            ..Duration::ZERO
        }),
        (
            any::<bool>(),
            any::<u32>(),
            any::<u32>(),
            any::<u32>(),
            any::<u32>()
        )
            .prop_map(|(negative, days, hours, minutes, seconds)| Duration {
                negative,
                weeks: 0,
                days,
                hours,
                minutes,
                seconds
            }),
        (any::<bool>(), 0u32..3, 0u32..3, 0u32..3, 0u32..3).prop_map(
            |(negative, days, hours, minutes, seconds)| Duration {
                negative,
                weeks: 0,
                days,
                hours,
                minutes,
                seconds
            }
        ),
    ]
}

fn period() -> impl Strategy<Value = Period> {
    prop_oneof![
        (date_time(), date(), time()).prop_map(|(start, d, t)| {
            let end = DateTime::new(d, t, start.form);
            let (start, end) = if (end.date, end.time) < (start.date, start.time) {
                (end, start)
            } else {
                (start, end)
            };
            Period::explicit(start, end)
        }),
        (date_time(), duration()).prop_map(|(start, d)| {
            Period::with_duration(
                start,
                Duration {
                    negative: false,
                    ..d
                },
            )
        }),
    ]
}

fn weekday() -> impl Strategy<Value = Weekday> {
    (0u8..7).prop_map(Weekday::from_monday_index)
}

fn signed(max: i16) -> impl Strategy<Value = i16> {
    (1..=max, any::<bool>()).prop_map(|(v, negative)| if negative { -v } else { v })
}

fn recur() -> impl Strategy<Value = Recur> {
    let freq = (0usize..7).prop_map(|i| Frequency::ALL[i]);
    let bound = prop_oneof![
        Just((None, None)),
        date_or_date_time().prop_map(|u| (Some(u), None)),
        (1u32..=u32::MAX).prop_map(|c| (None, Some(c))),
    ];
    let rscale = option::of("[A-Z][A-Z0-9-]{0,15}");
    let times = (
        vec(0u8..=60, 0..4),
        vec(0u8..=59, 0..4),
        vec(0u8..=23, 0..4),
    );
    let days = (
        vec((option::of(signed(53)), weekday()), 0..5),
        vec(signed(31), 0..4),
        vec(signed(385), 0..4),
        vec(signed(56), 0..4),
    );
    let months = (vec((1u8..=13, any::<bool>()), 0..4), vec(signed(366), 0..4));
    let rest = (
        option::of(1u32..=u32::MAX),
        option::of(weekday()),
        option::of(prop_oneof![
            Just(Skip::Omit),
            Just(Skip::Backward),
            Just(Skip::Forward)
        ]),
        vec("[A-Za-z0-9=,:._-]{0,12}", 0..3),
    );
    (freq, bound, rscale, times, days, months, rest).prop_map(
        |(freq, (until, count), rscale, times, days, months, rest)| {
            let wide = rscale.is_some();
            let (by_second, by_minute, by_hour) = times;
            let (by_day, by_month_day, by_year_day, by_week_no) = days;
            let (by_month, by_set_pos) = months;
            let (interval, wkst, skip, extensions) = rest;
            Recur {
                freq,
                until,
                count,
                interval,
                by_second,
                by_minute,
                by_hour,
                by_day: by_day
                    .into_iter()
                    .map(|(o, weekday)| WeekdayNum {
                        ordinal: o.map(|o| o as i8),
                        weekday,
                    })
                    .collect(),
                by_month_day: by_month_day.into_iter().map(|v| v as i8).collect(),
                by_year_day: by_year_day
                    .into_iter()
                    .map(|v| {
                        if wide || v.abs() <= 366 {
                            v
                        } else {
                            v.signum() * 366
                        }
                    })
                    .collect(),
                by_week_no: by_week_no
                    .into_iter()
                    .map(|v| {
                        if wide || v.abs() <= 53 {
                            v
                        } else {
                            v.signum() * 53
                        }
                    })
                    .map(|v| v as i8)
                    .collect(),
                by_month: by_month
                    .into_iter()
                    .map(|(number, leap)| {
                        if wide {
                            MonthNum { number, leap }
                        } else {
                            MonthNum::regular(number.min(12))
                        }
                    })
                    .collect(),
                by_set_pos,
                wkst,
                skip: if wide { skip } else { None },
                extensions: extensions
                    .into_iter()
                    .enumerate()
                    .map(|(i, v)| (format!("X-EXT{i}"), v))
                    .collect(),
                rscale,
            }
        },
    )
}

/// Text made mostly of the characters the value grammars use, so that
/// random inputs get deep into the parsers.
fn grammar_soup() -> impl Strategy<Value = String> {
    "[0-9TZPWDHMSLX+\\-;=,:/.A-Za-z\\\\]{0,40}"
}

fn recur_soup() -> impl Strategy<Value = String> {
    let part = prop_oneof![
        Just("FREQ=DAILY".to_owned()),
        Just("FREQ=YEARLY".to_owned()),
        Just("RSCALE=HEBREW".to_owned()),
        "(COUNT|INTERVAL)=[0-9+-]{0,4}",
        "UNTIL=[0-9TZ]{0,17}",
        "BY(SECOND|MINUTE|HOUR|MONTHDAY|YEARDAY|WEEKNO|SETPOS)=[0-9+,-]{0,10}",
        "BYMONTH=[0-9Ll,]{0,8}",
        "BYDAY=[0-9+,-]{0,3}(MO|TU|XX|su)?(,[0-9-]{0,2}(FR|SA))?",
        "(WKST|SKIP)=[A-Za-z]{0,8}",
        "X-[A-Z]{1,3}=[a-z;=]{0,4}",
        "[A-Za-z=;,]{0,6}",
    ];
    vec(part, 0..8).prop_map(|parts| parts.join(";"))
}

// ---------------------------------------------------------------------------
// Round trips of generated values

proptest! {
    #[test]
    fn date_round_trips(d in date()) {
        let text = d.to_string();
        prop_assert_eq!(text.len(), 8);
        prop_assert_eq!(Date::parse(&text).unwrap(), d);
        prop_assert_eq!(Date::from_unix_days(d.unix_days()).unwrap(), d);
        let j = jiff::civil::Date::from(d);
        prop_assert_eq!(Weekday::from(j.weekday()), d.weekday());
        prop_assert_eq!(j.day_of_year() as u16, d.day_of_year());
    }

    #[test]
    fn time_value_round_trips(t in time(), f in form()) {
        let v = TimeValue { time: t, form: f };
        prop_assert_eq!(TimeValue::parse(&v.to_string()).unwrap(), v);
        prop_assert_eq!(Time::parse(&t.to_string()).unwrap(), t);
    }

    #[test]
    fn date_time_round_trips(dt in date_time()) {
        let text = dt.to_string();
        prop_assert_eq!(DateTime::parse(&text).unwrap(), dt);
        let mut out = String::new();
        dt.write_to(&mut out);
        prop_assert_eq!(out, text);
    }

    #[test]
    fn date_or_date_time_round_trips(v in date_or_date_time()) {
        prop_assert_eq!(DateOrDateTime::parse(&v.to_string()).unwrap(), v);
    }

    #[test]
    fn utc_offset_round_trips(seconds in -86_399i32..=86_399) {
        let o = UtcOffset::from_seconds(seconds).unwrap();
        let text = o.to_string();
        prop_assert_eq!(UtcOffset::parse(&text).unwrap(), o);
        prop_assert_eq!(UtcOffset::try_from(jiff::tz::Offset::from(o)).unwrap(), o);
    }

    #[test]
    fn duration_round_trips(d in duration()) {
        let text = d.to_string();
        prop_assert_eq!(Duration::parse(&text).unwrap(), d, "{}", text);
        // A zero span has no sign, so `-PT0S` does not survive jiff.
        if let (false, Ok(span)) = (d.is_zero(), jiff::Span::try_from(d)) {
            prop_assert_eq!(Duration::try_from(span).unwrap(), d);
        }
    }

    #[test]
    fn exact_durations_round_trip_through_seconds(seconds in -(u32::MAX as i64)..=(u32::MAX as i64)) {
        let d = Duration::from_exact_seconds(seconds).unwrap();
        prop_assert_eq!(d.exact_seconds(), seconds);
        prop_assert_eq!(Duration::parse(&d.to_string()).unwrap().exact_seconds(), seconds);
    }

    #[test]
    fn period_round_trips(p in period()) {
        let text = p.to_string();
        prop_assert_eq!(Period::parse(&text).unwrap(), p, "{}", text);
        prop_assert_eq!(matches!(p.end, PeriodEnd::Duration(_)), p.duration().is_some());
    }

    #[test]
    fn recur_round_trips(r in recur()) {
        let text = r.to_string();
        let parsed = Recur::parse(&text);
        prop_assert!(parsed.is_ok(), "{}: {:?}", text, parsed);
        let parsed = parsed.unwrap();
        prop_assert_eq!(&parsed, &r, "{}", text);
        prop_assert_eq!(parsed.to_string(), text);
    }

    #[test]
    fn text_round_trips(s in "[^\r]{0,60}") {
        let escaped = escape_text(&s);
        prop_assert_eq!(unescape_text(&escaped), s.as_str());
        prop_assert!(split_unescaped(&escaped, b',').count() == 1);
    }

    #[test]
    fn text_lists_round_trip(items in vec("[^\r]{0,12}", 1..6)) {
        let joined = items.iter().map(|i| escape_text(i).into_owned()).collect::<Vec<_>>().join(",");
        let split: Vec<String> = split_text_list(&joined).map(|c| c.into_owned()).collect();
        prop_assert_eq!(split, items);
    }

    #[test]
    fn integer_round_trips(n in any::<i32>()) {
        prop_assert_eq!(parse_integer(&n.to_string()).unwrap(), n);
    }

    #[test]
    fn float_round_trips(x in any::<f64>().prop_filter("finite", |x| x.is_finite())) {
        let mut text = String::new();
        write_float(x, &mut text).unwrap();
        prop_assert!(!text.contains(['e', 'E']), "{}", text);
        prop_assert_eq!(parse_float(&text).unwrap(), x);
    }

    #[test]
    fn geo_round_trips(lat in -90.0f64..=90.0, lon in -180.0f64..=180.0) {
        let g = Geo::new(lat, lon).unwrap();
        prop_assert_eq!(Geo::parse(&g.to_string()).unwrap(), g);
    }

    #[test]
    fn binary_round_trips(bytes in vec(any::<u8>(), 0..200)) {
        let text = encode_base64(&bytes);
        prop_assert_eq!(text.len() % 4, 0);
        prop_assert_eq!(decode_base64(&text).unwrap(), bytes.clone());
        prop_assert_eq!(Binary::parse(&text).unwrap(), Binary(bytes));
    }

    #[test]
    fn uri_keeps_its_text(scheme in "[a-zA-Z][a-zA-Z0-9+.-]{0,8}", rest in "[^\\x00-\\x1f\\x7f-\\x9f]{0,30}") {
        let text = format!("{scheme}:{rest}");
        let uri = Uri::parse(&text).unwrap();
        prop_assert_eq!(uri.as_str(), text.as_str());
        prop_assert_eq!(uri.scheme(), scheme.as_str());
        prop_assert_eq!(uri.rest(), rest.as_str());
    }

    #[test]
    fn date_lists_round_trip(items in vec(date_time(), 1..8)) {
        let list = DateList::DateTimes(items);
        let text = list.to_string();
        prop_assert_eq!(DateList::parse(&text, &ValueType::DateTime).unwrap(), list);
    }
}

// ---------------------------------------------------------------------------
// No input panics a parser; anything that parses formats to text that
// parses to the same value.

/// Feeds `s` to every parser.
fn parse_everything(s: &str) -> Result<(), TestCaseError> {
    macro_rules! stable {
        ($parse:expr, $s:expr) => {
            if let Ok(v) = $parse($s) {
                let text = v.to_string();
                let again = $parse(&text);
                prop_assert!(
                    again.as_ref().is_ok_and(|a| *a == v),
                    "{:?} -> {} -> {:?}",
                    $s,
                    text,
                    again
                );
            }
        };
    }
    stable!(Date::parse, s);
    stable!(Time::parse, s);
    stable!(TimeValue::parse, s);
    stable!(DateTime::parse, s);
    stable!(DateOrDateTime::parse, s);
    stable!(UtcOffset::parse, s);
    stable!(Duration::parse, s);
    stable!(Period::parse, s);
    stable!(Recur::parse, s);
    stable!(Geo::parse, s);
    stable!(Binary::parse, s);
    stable!(Uri::parse, s);
    stable!(CalAddress::parse, s);
    stable!(|x: &str| x.parse::<ValueType>(), s);
    stable!(|x: &str| x.parse::<Weekday>(), s);
    stable!(|x: &str| x.parse::<Frequency>(), s);
    stable!(|x: &str| x.parse::<Skip>(), s);
    for t in [
        ValueType::Date,
        ValueType::DateTime,
        ValueType::Period,
        ValueType::Text,
    ] {
        stable!(|x: &str| DateList::parse(x, &t), s);
    }
    let _ = parse_boolean(s);
    let _ = parse_integer(s);
    if let Ok(x) = parse_float(s) {
        let mut text = String::new();
        write_float(x, &mut text).unwrap();
        prop_assert_eq!(parse_float(&text).unwrap(), x);
    }
    let _ = decode_base64(s);
    let _ = default_value_type(s);
    let unescaped = unescape_text(s);
    let _ = escape_text(&unescaped);
    let _ = split_text_list(s).count();
    let _ = split_unescaped(s, b';').count();
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_strings_never_panic(s in any::<String>()) {
        parse_everything(&s)?;
    }

    #[test]
    fn grammar_like_strings_never_panic(s in grammar_soup()) {
        parse_everything(&s)?;
    }

    #[test]
    fn recur_like_strings_never_panic(s in recur_soup()) {
        parse_everything(&s)?;
    }

}

proptest! {
    // Each case parses every prefix of four values: fewer cases.
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn mutated_valid_values_never_panic(dt in date_time(), d in duration(), r in recur(), at in any::<prop::sample::Index>(), c in any::<char>()) {
        for valid in [dt.to_string(), d.to_string(), r.to_string(), Period::explicit(dt, dt).to_string()] {
            let mut chars: Vec<char> = valid.chars().collect();
            let i = at.index(chars.len() + 1);
            if i < chars.len() && c != '\0' {
                chars[i] = c;
            } else {
                chars.insert(i.min(chars.len()), c);
            }
            let mutated: String = chars.into_iter().collect();
            parse_everything(&mutated)?;
            // Truncations too.
            for end in (0..=mutated.len()).filter(|&e| mutated.is_char_boundary(e)) {
                parse_everything(&mutated[..end])?;
            }
        }
    }
}
