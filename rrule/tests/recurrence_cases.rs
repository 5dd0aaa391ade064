//! The one harness for recurrence case files (`tests/data/*.txt`).
//!
//! # Format
//!
//! Records are separated by blank lines; `#` starts a comment line. Each
//! line is `key: value`; a line that starts with whitespace continues the
//! previous value. Keys:
//!
//! - `source` (required): where the case comes from.
//! - `dtstart` (required): `YYYYMMDD`, `YYYYMMDDTHHMMSS` or `…Z`.
//! - `tz`: the zone of a floating DTSTART (any TZID `Zone::resolve` knows).
//! - `rrule` (required): the RECUR value.
//! - `exdate`, `rdate`: comma-separated values (in `tz` when floating); the
//!   case then runs as a `RecurrenceSet`.
//! - `start-at`: only instances at or after this value (libical's
//!   `START-AT`), via `between`.
//! - `between`: two values, the window `[a, b)`.
//! - `limit`: compare the first N instances (for unbounded rules).
//! - `options`: comma-separated `shift-forward`, `google-date-until`,
//!   `if-matching`.
//! - `expect`: the instances, comma-separated, as `Instance` displays them;
//!   empty for none. Or `error:` with an error kind (`budget`,
//!   `invalid-rule`, `invalid-value`, `unknown-zone`, `unsupported-calendar`).
//! - `expect-if-matching`: the instances with the `if-matching` option
//!   (DTSTART only when the rule generates it), checked in addition.
//! - `expect-utc`: the same instances as instants (`…Z`), checked in
//!   addition.
//! - `divergence`: why `expect` differs from the reference; `reference`:
//!   the reference's own list (documentation only); `note`: free text.

// Helpers outside `#[test]` functions may unwrap, panic and index too: a failure
// there is a failed test (clippy.toml allows it only inside `#[test]`).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use kalends_ical_core::value::{DateOrDateTime, Recur};
use kalends_rrule::{
    DtstartRule, ErrorKind, Instance, Nonexistent, Options, Recurrence, RecurrenceSet, Zone,
};

#[derive(Debug, Default)]
struct Case {
    file: String,
    line: usize,
    fields: BTreeMap<String, String>,
}

impl Case {
    fn get(&self, key: &str) -> Option<&str> {
        self.fields.get(key).map(String::as_str)
    }

    fn list(&self, key: &str) -> Option<Vec<String>> {
        self.get(key).map(|v| {
            v.split(',')
                .map(|s| s.trim().to_owned())
                .filter(|s| !s.is_empty())
                .collect()
        })
    }
}

fn parse_file(path: &Path) -> Vec<Case> {
    let text = fs::read_to_string(path).unwrap();
    let file = path.file_name().unwrap().to_string_lossy().into_owned();
    let mut cases = Vec::new();
    let mut cur = Case {
        file: file.clone(),
        ..Case::default()
    };
    let mut last_key: Option<String> = None;
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            if !cur.fields.is_empty() {
                cases.push(std::mem::replace(
                    &mut cur,
                    Case {
                        file: file.clone(),
                        ..Case::default()
                    },
                ));
            }
            last_key = None;
            continue;
        }
        if line.starts_with('#') {
            continue;
        }
        if line.starts_with(' ') || line.starts_with('\t') {
            let key = last_key
                .clone()
                .unwrap_or_else(|| panic!("{file}:{}: continuation without key", i + 1));
            cur.fields.get_mut(&key).unwrap().push_str(line.trim());
            continue;
        }
        let (k, v) = line
            .split_once(':')
            .unwrap_or_else(|| panic!("{file}:{}: no `:`", i + 1));
        if cur.fields.is_empty() {
            cur.line = i + 1;
        }
        let k = k.trim().to_owned();
        assert!(
            cur.fields.insert(k.clone(), v.trim().to_owned()).is_none(),
            "{file}:{}: duplicate key {k}",
            i + 1
        );
        last_key = Some(k);
    }
    if !cur.fields.is_empty() {
        cases.push(cur);
    }
    cases
}

fn kind_name(kind: ErrorKind) -> &'static str {
    match kind {
        ErrorKind::BudgetExhausted => "budget",
        ErrorKind::InvalidRule => "invalid-rule",
        ErrorKind::InvalidValue => "invalid-value",
        ErrorKind::UnknownZone => "unknown-zone",
        ErrorKind::UnsupportedCalendar => "unsupported-calendar",
        ErrorKind::OutOfRange => "out-of-range",
        _ => "other",
    }
}

/// Runs a case; the outcome is the instances as text, or the error kind.
fn run(case: &Case, if_matching: bool, utc: bool) -> Result<Vec<String>, String> {
    let dtstart =
        DateOrDateTime::parse(case.get("dtstart").expect("dtstart")).map_err(|e| e.to_string())?;
    let rule =
        Recur::parse(case.get("rrule").expect("rrule")).map_err(|_| "invalid-value".to_owned())?;
    let zone = case
        .get("tz")
        .map(Zone::resolve)
        .transpose()
        .map_err(|e| kind_name(e.kind()).to_owned())?;
    let mut options = Options::default();
    for opt in case.list("options").unwrap_or_default() {
        match opt.as_str() {
            "shift-forward" => options.nonexistent = Nonexistent::ShiftForward,
            "google-date-until" => options.google_date_until = true,
            "if-matching" => options.dtstart = DtstartRule::IfMatching,
            other => panic!("unknown option {other}"),
        }
    }
    if if_matching {
        options.dtstart = DtstartRule::IfMatching;
    }
    let limit: Option<usize> = case.get("limit").map(|l| l.parse().unwrap());
    let set = RecurrenceSet::new(dtstart, zone.as_ref(), &options)
        .map_err(|e| kind_name(e.kind()).to_owned())?;
    let key = |v: &str| {
        set.instance_of(DateOrDateTime::parse(v).unwrap(), zone.as_ref())
            .utc_seconds()
    };
    let (start, end) = match (case.get("start-at"), case.get("between")) {
        (Some(s), None) => (key(s), i64::MAX),
        (None, Some(b)) => {
            let (a, b) = b.split_once(' ').expect("between: two values");
            (key(a), key(b.trim()))
        }
        (None, None) => (i64::MIN, i64::MAX),
        _ => panic!("start-at and between together"),
    };
    let rec = Recurrence::new(&rule, dtstart, zone.as_ref(), &options)
        .map_err(|e| kind_name(e.kind()).to_owned())?;
    assert!(
        rec.is_bounded() || limit.is_some() || end != i64::MAX,
        "{}:{}: an unbounded rule needs a limit or a window",
        case.file,
        case.line
    );
    let mut out = Vec::new();
    let show = |i: Instance| {
        if utc {
            i.timestamp().strftime("%Y%m%dT%H%M%SZ").to_string()
        } else {
            i.to_string()
        }
    };
    let take = limit.unwrap_or(usize::MAX);
    if case.get("exdate").is_some() || case.get("rdate").is_some() {
        let mut set = set;
        set.add_rrule(&rule)
            .map_err(|e| kind_name(e.kind()).to_owned())?;
        for v in case.list("exdate").unwrap_or_default() {
            set.add_exdate(DateOrDateTime::parse(&v).unwrap(), zone.as_ref());
        }
        for v in case.list("rdate").unwrap_or_default() {
            set.add_rdate(DateOrDateTime::parse(&v).unwrap(), zone.as_ref());
        }
        for inst in set.between_seconds(start, end).take(take) {
            out.push(show(inst.map_err(|e| kind_name(e.kind()).to_owned())?));
        }
    } else {
        for inst in rec.between_seconds(start, end).take(take) {
            out.push(show(inst.map_err(|e| kind_name(e.kind()).to_owned())?));
        }
    }
    Ok(out)
}

fn expected(case: &Case, key: &str) -> Option<Result<Vec<String>, String>> {
    if key == "expect"
        && let Some(e) = case.get("error")
    {
        return Some(Err(e.to_owned()));
    }
    case.list(key).map(Ok)
}

#[test]
fn recurrence_case_files() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
    let mut paths: Vec<_> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.retain(|p| p.extension().is_some_and(|e| e == "txt"));
    // The RSCALE cases need the non-Gregorian calendars of the `rscale`
    // feature.
    if cfg!(not(feature = "rscale")) {
        paths.retain(|p| !p.ends_with("rscale.txt"));
    }
    paths.sort();
    let mut failures = Vec::new();
    let mut report = Vec::new();
    for path in &paths {
        let cases = parse_file(path);
        let (mut pass, mut divergent) = (0, 0);
        for case in &cases {
            assert!(
                case.get("source").is_some(),
                "{}:{}: no source",
                case.file,
                case.line
            );
            if case.get("divergence").is_some() {
                divergent += 1;
            }
            let mut ok = true;
            for (key, if_matching, utc) in [
                ("expect", false, false),
                ("expect-if-matching", true, false),
                ("expect-utc", false, true),
            ] {
                let Some(want) = expected(case, key) else {
                    continue;
                };
                let got = run(case, if_matching, utc);
                if got != want {
                    ok = false;
                    failures.push(format!(
                        "{}:{} [{}] {}\n  rrule {} dtstart {}\n  want {:?}\n  got  {:?}",
                        case.file,
                        case.line,
                        key,
                        case.get("source").unwrap_or(""),
                        case.get("rrule").unwrap_or(""),
                        case.get("dtstart").unwrap_or(""),
                        want,
                        got
                    ));
                }
            }
            if ok {
                pass += 1;
            }
        }
        report.push(format!(
            "{}: {pass}/{} pass ({divergent} record a divergence)",
            path.file_name().unwrap().to_string_lossy(),
            cases.len()
        ));
    }
    println!("{}", report.join("\n"));
    assert!(
        failures.is_empty(),
        "{} failing:\n{}\n{}",
        failures.len(),
        failures.join("\n"),
        report.join("\n")
    );
}
