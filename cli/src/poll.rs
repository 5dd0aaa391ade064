//! `kalends poll` and `kalends alarms`.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use kalends_ical_core::ParseOptions;
use kalends_ical_core::value::DateTime;
use kalends_vpoll::ScheduleOptions;

use crate::input;

fn read_text(path: &Path) -> Result<String, ExitCode> {
    let bytes = input::read(path).map_err(|e| {
        eprintln!("{e}");
        ExitCode::from(2)
    })?;
    String::from_utf8(bytes).map_err(|e| {
        eprintln!(
            "{}: error: the input is not UTF-8 ({e}).",
            input::display_name(path)
        );
        ExitCode::from(1)
    })
}

/// `kalends poll FILE [--json]`: the state and the tally of a VPOLL.
pub fn poll(path: &Path, json: bool) -> ExitCode {
    let text = match read_text(path) {
        Ok(t) => t,
        Err(code) => return code,
    };
    match kalends_vpoll::summarize_text(&text) {
        Ok(summary) => {
            let shown = if json {
                summary.to_json()
            } else {
                summary.to_string()
            };
            let _ = writeln!(std::io::stdout().lock(), "{}", shown.trim_end());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{}: error: {e}", input::display_name(path));
            ExitCode::from(1)
        }
    }
}

/// Reads a window bound for `alarms` as a UTC DATE-TIME (`YYYYMMDD` means midnight UTC).
fn utc_bound(text: &str) -> Result<DateTime, String> {
    let compact: String = text.chars().filter(|c| *c != '-' && *c != ':').collect();
    let full = if compact.len() == 8 {
        format!("{compact}T000000Z")
    } else if compact.ends_with('Z') {
        compact
    } else {
        format!("{compact}Z")
    };
    full.parse::<DateTime>()
        .map_err(|e| format!("`{text}` is not a date or UTC date-time: {e}"))
}

/// `kalends alarms FILE --from --to [--json]`: every alarm that fires in the window.
pub fn alarms(path: &Path, from: &str, to: &str, json: bool) -> ExitCode {
    let (from, to) = match (utc_bound(from), utc_bound(to)) {
        (Ok(a), Ok(b)) => (a, b),
        (Err(e), _) | (_, Err(e)) => {
            eprintln!("kalends: error: {e}");
            return ExitCode::from(2);
        }
    };
    let text = match read_text(path) {
        Ok(t) => t,
        Err(code) => return code,
    };
    let name = input::display_name(path);
    let doc = match kalends_ical_core::parse_with(&text, &ParseOptions::lenient(), &mut ()) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("{}", crate::prefix_kind(&e.render(&name), "error"));
            return ExitCode::from(1);
        }
    };
    match kalends_vpoll::alarm_schedule(&doc, from, to, &ScheduleOptions::default()) {
        Ok(firings) => {
            let mut out = std::io::stdout().lock();
            if json {
                let _ = writeln!(out, "{}", kalends_vpoll::firings_to_json(&firings));
            } else {
                for f in &firings {
                    let _ = writeln!(out, "{f}");
                }
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{name}: error: {e}");
            ExitCode::from(1)
        }
    }
}
