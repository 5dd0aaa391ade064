//! Fuzz target `rrule`: any RRULE text (RSCALE and SKIP included) with any
//! DTSTART and zone. Lines: DTSTART, RRULE, optional TZID. Expansion is
//! bounded (a limit and a window) and must end with instances or a typed
//! error; instances must be strictly increasing.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let mut lines = text.lines();
    let (Some(dtstart), Some(rule)) = (lines.next(), lines.next()) else { return };
    let tz = lines.next().filter(|t| !t.is_empty());
    for window in [None, Some(("20300101", "20300301"))] {
        if let Ok(instances) = kalends_rrule::expand_rule(dtstart, rule, tz, Some(64), window) {
            assert!(instances.len() <= 64, "the limit was not honoured");
            for pair in instances.windows(2) {
                assert!(
                    pair[0].utc_seconds() < pair[1].utc_seconds(),
                    "instances out of order: {} then {}",
                    pair[0],
                    pair[1]
                );
            }
        }
    }
});
