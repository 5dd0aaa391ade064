//! `kalends rrule` and `kalends expand`: recurrence expansion.

use std::io::{BufRead, Write};
use std::path::Path;
use std::process::ExitCode;

use jiff::Timestamp;
use jiff::tz::TimeZone;
use kalends_ical_core::ParseOptions;
use kalends_rrule::{ExpandOptions, Instance, Zone, expand_calendar_lenient, expand_rule};
use serde_json::{Value, json};

use crate::input;

/// `kalends rrule`: one rule, one instance per line.
pub fn rule(
    dtstart: &str,
    rule: &str,
    tz: Option<&str>,
    limit: Option<usize>,
    between: Option<&[String]>,
) -> ExitCode {
    let window = between.and_then(|b| match b {
        [a, z] => Some((a.as_str(), z.as_str())),
        _ => None,
    });
    match expand_rule(dtstart, rule, tz, limit, window) {
        Ok(instances) => {
            let stdout = std::io::stdout();
            let mut out = stdout.lock();
            for i in &instances {
                let _ = writeln!(out, "{i}");
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("kalends: error: {e}");
            ExitCode::from(1)
        }
    }
}

/// `kalends rrule --jsonl`: one JSON request per input line,
/// `{"dtstart","rrule","tz","limit"}`, one JSON answer per output line.
pub fn jsonl() -> ExitCode {
    let stdin = std::io::stdin();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for line in stdin.lock().lines() {
        let line = match line {
            Ok(l) => l,
            Err(e) => {
                eprintln!("kalends: cannot read standard input: {e}");
                return ExitCode::from(2);
            }
        };
        if line.trim().is_empty() {
            continue;
        }
        let answer = answer_jsonl(&line);
        if writeln!(out, "{answer}").is_err() {
            return ExitCode::from(2);
        }
    }
    ExitCode::SUCCESS
}

fn answer_jsonl(line: &str) -> Value {
    let request: Value = match serde_json::from_str(line) {
        Ok(v) => v,
        Err(e) => return json!({ "error": format!("the line is not JSON: {e}.") }),
    };
    let text = |key: &str| request.get(key).and_then(Value::as_str);
    let (Some(dtstart), Some(rule)) = (text("dtstart"), text("rrule")) else {
        return json!({ "error": "a request needs the strings \"dtstart\" and \"rrule\"." });
    };
    let limit = request
        .get("limit")
        .and_then(Value::as_u64)
        .and_then(|n| usize::try_from(n).ok());
    match expand_rule(dtstart, rule, text("tz"), limit, None) {
        Ok(instances) => {
            json!({ "instances": instances.iter().map(ToString::to_string).collect::<Vec<_>>() })
        }
        Err(e) => json!({ "error": e.to_string() }),
    }
}

/// Reads a window bound: `YYYYMMDD`, `YYYY-MM-DD`, or a date-time
/// (`YYYYMMDDTHHMMSS[Z]`, ISO 8601); local forms are read in `zone`.
fn bound(text: &str, zone: &TimeZone) -> Result<Timestamp, String> {
    let compact: String = text.chars().filter(|c| *c != '-' && *c != ':').collect();
    let (date, time) = compact
        .split_once('T')
        .unwrap_or((compact.as_str(), "000000"));
    let utc = time.ends_with('Z');
    let time = time.trim_end_matches('Z');
    let (Some(y), Some(m), Some(d)) = (date.get(0..4), date.get(4..6), date.get(6..8)) else {
        return Err(format!("`{text}` is not a date (YYYYMMDD or YYYY-MM-DD)."));
    };
    let num = |s: &str| {
        s.parse::<i16>()
            .map_err(|_| format!("`{text}` is not a date or date-time."))
    };
    let (h, mi, s) = (
        time.get(0..2).unwrap_or("00"),
        time.get(2..4).unwrap_or("00"),
        time.get(4..6).unwrap_or("00"),
    );
    if date.len() != 8 {
        return Err(format!("`{text}` is not a date (YYYYMMDD or YYYY-MM-DD)."));
    }
    let civil = jiff::civil::DateTime::new(
        num(y)?,
        num(m)? as i8,
        num(d)? as i8,
        num(h)? as i8,
        num(mi)? as i8,
        num(s)? as i8,
        0,
    )
    .map_err(|e| format!("`{text}` is not a valid date-time: {e}."))?;
    let zone = if utc { TimeZone::UTC } else { zone.clone() };
    civil
        .to_zoned(zone)
        .map(|z| z.timestamp())
        .map_err(|e| format!("`{text}`: {e}."))
}

/// Formats an instance: in `zone` when one was asked for, else as the rule wrote it.
fn show(i: &Instance, zone: Option<&TimeZone>) -> String {
    match zone {
        Some(z) if !i.is_date() => {
            let zoned = i.timestamp().to_zoned(z.clone());
            zoned.strftime("%Y-%m-%d %H:%M %Z").to_string()
        }
        _ => i.to_string(),
    }
}

/// `kalends expand FILE --from --to`: every occurrence in the window, in time order.
pub fn expand(path: &Path, from: &str, to: &str, tz: Option<&str>, json_out: bool) -> ExitCode {
    let name = input::display_name(path);
    let zone = match tz {
        Some(t) => match Zone::resolve(t).ok().and_then(|_| TimeZone::get(t).ok()) {
            Some(z) => Some(z),
            None => {
                eprintln!("kalends: error: `{t}` is not a time zone this build knows.");
                return ExitCode::from(2);
            }
        },
        None => None,
    };
    let window_zone = zone.clone().unwrap_or(TimeZone::UTC);
    let (start, end) = match (bound(from, &window_zone), bound(to, &window_zone)) {
        (Ok(a), Ok(b)) => (a, b),
        (Err(e), _) | (_, Err(e)) => {
            eprintln!("kalends: error: {e}");
            return ExitCode::from(2);
        }
    };
    let bytes = match input::read(path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    // JSCalendar input is expanded through its iCalendar form, which the
    // conversion keeps lossless, so both inputs expand the same way.
    let doc = if input::detect(&bytes) == input::Detected::Jscal {
        let converted = std::str::from_utf8(&bytes)
            .map_err(|e| format!("the input is not UTF-8 ({e})."))
            .and_then(|t| {
                kalends_jscalendar::convert::jscal_text_to_ical(t).map_err(|e| e.to_string())
            });
        match converted {
            Ok((d, _)) => d,
            Err(e) => {
                eprintln!("{name}: error: {e}");
                return ExitCode::from(1);
            }
        }
    } else {
        match kalends_ical_core::parse_bytes(&bytes, &ParseOptions::lenient(), &mut ()) {
            Ok(d) => d,
            Err(e) => {
                eprintln!("{}", crate::prefix_kind(&e.render(&name), "error"));
                return ExitCode::from(1);
            }
        }
    };
    let mut occurrences = Vec::new();
    let mut status = ExitCode::SUCCESS;
    for cal in &doc.components {
        match expand_calendar_lenient(cal, start, end, &ExpandOptions::default()) {
            Ok((found, problems)) => {
                for p in problems {
                    eprintln!("{name}: warning: {p}");
                }
                occurrences.extend(found);
            }
            Err(e) => {
                eprintln!("{name}: error: {e}");
                status = ExitCode::from(1);
            }
        }
    }
    occurrences.sort_by_key(|o| (o.start.utc_seconds(), o.end.utc_seconds()));
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if json_out {
        let list: Vec<Value> = occurrences
            .iter()
            .map(|o| {
                json!({
                    "component": o.component.name().to_ascii_uppercase(),
                    "uid": o.uid(),
                    "summary": o.component.property("SUMMARY").map(|p| p.text_value().into_owned()),
                    "start": show(&o.start, zone.as_ref()),
                    "end": show(&o.end, zone.as_ref()),
                    "recurrenceId": o.recurrence_id.as_ref().map(ToString::to_string),
                    "override": o.is_override,
                })
            })
            .collect();
        let _ = writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&list).unwrap_or_default()
        );
    } else {
        for o in &occurrences {
            let summary = o
                .component
                .property("SUMMARY")
                .map(|p| p.text_value().into_owned())
                .unwrap_or_default();
            let mark = if o.is_override { " (moved)" } else { "" };
            let _ = writeln!(
                out,
                "{}  {}  {}{mark}",
                show(&o.start, zone.as_ref()),
                show(&o.end, zone.as_ref()),
                summary
            );
        }
    }
    status
}
