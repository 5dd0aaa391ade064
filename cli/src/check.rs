//! `kalends check`: parse problems and validation problems, rustc-style.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use kalends_ical_core::validate::Severity;
use kalends_ical_core::{Document, Error, ParseOptions};

use crate::input::{self, Detected};
use crate::prefix_kind;

/// Counts of one file's problems.
#[derive(Default)]
struct Tally {
    errors: usize,
    warnings: usize,
}

pub fn run(files: &[PathBuf], lenient: bool) -> ExitCode {
    let mut worst = 0u8;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for path in files {
        let name = input::display_name(path);
        let bytes = match input::read(path) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("{e}");
                worst = worst.max(2);
                continue;
            }
        };
        let mut tally = Tally::default();
        let summary = match input::detect(&bytes) {
            Detected::Vcf => check_vcard(&bytes, &name, lenient, &mut tally, &mut out),
            _ => check_ical(&bytes, &name, lenient, &mut tally, &mut out),
        };
        let line = match summary {
            Some(s) if tally.errors == 0 && tally.warnings == 0 => format!("{name}: ok ({s})"),
            Some(_) if tally.errors == 0 => format!("{name}: valid, {} warning(s)", tally.warnings),
            _ => {
                worst = worst.max(1);
                format!(
                    "{name}: {} error(s), {} warning(s)",
                    tally.errors, tally.warnings
                )
            }
        };
        let _ = writeln!(out, "{line}");
    }
    ExitCode::from(worst)
}

fn emit(out: &mut impl Write, rendered: &str, label: &str, tally: &mut Tally) {
    if label == "error" {
        tally.errors += 1;
    } else {
        tally.warnings += 1;
    }
    let _ = writeln!(out, "{}", prefix_kind(rendered, label));
}

/// Checks iCalendar; returns a summary of what was read when it could be read.
fn check_ical(
    bytes: &[u8],
    name: &str,
    lenient: bool,
    tally: &mut Tally,
    out: &mut impl Write,
) -> Option<String> {
    let mut problems: Vec<Error> = Vec::new();
    let result = kalends_ical_core::parse_bytes(bytes, &ParseOptions::strict(), &mut problems);
    let label = if lenient && result.is_ok() {
        "warning"
    } else {
        "error"
    };
    for p in &problems {
        emit(out, &p.render(name), label, tally);
    }
    let doc = match result {
        Ok(doc) => doc,
        Err(e) => {
            emit(out, &e.render(name), "error", tally);
            return None;
        }
    };
    let source = std::str::from_utf8(bytes).ok();
    for problem in kalends_ical_core::validate::validate(&doc, source) {
        let label = match problem.severity {
            Severity::Error if !lenient => "error",
            _ => "warning",
        };
        emit(out, &problem.to_error().render(name), label, tally);
    }
    Some(summary(&doc))
}

fn check_vcard(
    bytes: &[u8],
    name: &str,
    lenient: bool,
    tally: &mut Tally,
    out: &mut impl Write,
) -> Option<String> {
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let _ = writeln!(
                out,
                "{name}: error: the input is not UTF-8 ({e}); vCard 4.0 is UTF-8 (RFC 6350 §3.1)."
            );
            tally.errors += 1;
            return None;
        }
    };
    match kalends_vcard::check(text) {
        Ok(problems) => {
            let label = if lenient { "warning" } else { "error" };
            for p in &problems {
                emit(out, &p.render(name), label, tally);
            }
            let cards = kalends_vcard::parse_lenient(text)
                .map(|(d, _)| d.cards.len())
                .unwrap_or(0);
            Some(format!("{cards} VCARD"))
        }
        Err(e) => {
            emit(out, &e.render(name), "error", tally);
            None
        }
    }
}

/// `1 VCALENDAR, 2 VEVENT, …`: the components read, in order of first appearance.
fn summary(doc: &Document<'_>) -> String {
    fn walk(c: &kalends_ical_core::Component<'_>, counts: &mut Vec<(String, usize)>) {
        let name = c.name().to_ascii_uppercase();
        match counts.iter_mut().find(|(n, _)| *n == name) {
            Some((_, k)) => *k += 1,
            None => counts.push((name, 1)),
        }
        for child in c.components() {
            walk(child, counts);
        }
    }
    let mut counts: Vec<(String, usize)> = Vec::new();
    for c in &doc.components {
        walk(c, &mut counts);
    }
    counts
        .iter()
        .map(|(n, k)| format!("{k} {n}"))
        .collect::<Vec<_>>()
        .join(", ")
}
