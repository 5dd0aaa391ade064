//! The `kalends` command: check, convert and expand calendar files.
//!
//! Exit codes: 0 success, 1 a file has problems, 2 usage or I/O errors.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use kalends_ical_core::validate::{Problem, Severity};
use kalends_ical_core::{Error, ParseOptions};

/// Validates a document read from `source` (RFC 5545 rules and the
/// extension RFCs'); TZIDs are checked against the IANA names kalends-rrule knows.
fn validate_document(doc: &kalends_ical_core::Document<'_>, source: Option<&str>) -> Vec<Problem> {
    kalends_ical_core::validate::validate(doc, source)
}

#[derive(Parser, Debug)]
#[command(
    name = "kalends",
    version,
    about = "Check, convert and expand iCalendar files."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Check files: exit 0 when every file is valid, 1 with one diagnostic per problem.
    Check {
        /// Files to check; `-` reads standard input.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Accept the quirks of real-world producers (bare LF, missing END …):
        /// report every problem as a warning and go on.
        #[arg(long)]
        lenient: bool,
    },
    /// Read a file and write it in another format (or back as it was).
    Convert {
        /// The file to read; `-` reads standard input.
        file: PathBuf,
        /// The output format.
        #[arg(long, value_enum)]
        to: Format,
        /// The input format (detected from the content when absent).
        #[arg(long, value_enum)]
        from: Option<Format>,
        /// Write to this file instead of standard output.
        #[arg(long)]
        out: Option<PathBuf>,
        /// Refuse input that does not follow the RFC (by default real-world quirks are accepted).
        #[arg(long)]
        strict: bool,
    },
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
enum Format {
    /// iCalendar (RFC 5545).
    Ics,
    /// jCal, iCalendar as JSON (RFC 7265).
    Jcal,
    /// xCal, iCalendar as XML (RFC 6321).
    Xcal,
}

impl Format {
    /// Guesses the format of `bytes` from its first non-blank character.
    fn detect(bytes: &[u8]) -> Format {
        let text = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
        match text.iter().find(|b| !b.is_ascii_whitespace()) {
            Some(b'[') | Some(b'{') => Format::Jcal,
            Some(b'<') => Format::Xcal,
            _ => Format::Ics,
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Check { files, lenient } => check(&files, lenient),
        Command::Convert {
            file,
            to,
            from,
            out,
            strict,
        } => convert(&file, to, from, out.as_deref(), strict),
    }
}

fn read_input(path: &Path) -> Result<Vec<u8>, String> {
    if path.as_os_str() == "-" {
        let mut buf = Vec::new();
        std::io::stdin()
            .read_to_end(&mut buf)
            .map_err(|e| format!("kalends: cannot read standard input: {e}"))?;
        Ok(buf)
    } else {
        std::fs::read(path).map_err(|e| format!("kalends: cannot read {}: {e}", path.display()))
    }
}

fn display_name(path: &Path) -> String {
    if path.as_os_str() == "-" {
        "<stdin>".to_owned()
    } else {
        path.display().to_string()
    }
}

fn check(files: &[PathBuf], lenient: bool) -> ExitCode {
    let mut worst = 0u8;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for path in files {
        let name = display_name(path);
        let bytes = match read_input(path) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("{e}");
                worst = worst.max(2);
                continue;
            }
        };
        let mut problems: Vec<Error> = Vec::new();
        let result = kalends_ical_core::parse_bytes(&bytes, &ParseOptions::strict(), &mut problems);
        let fatal = result.as_ref().err().cloned();
        problems.extend(fatal.clone());
        let label = if lenient && fatal.is_none() {
            "warning"
        } else {
            "error"
        };
        let mut errors = if label == "error" { problems.len() } else { 0 };
        let mut warnings = problems.len() - errors;
        for p in &problems {
            let _ = writeln!(out, "{}", prefix_kind(&p.render(&name), label));
        }
        if let Ok(doc) = &result {
            let source = std::str::from_utf8(&bytes).ok();
            for problem in validate_document(doc, source) {
                let label = match problem.severity {
                    Severity::Error if !lenient => {
                        errors += 1;
                        "error"
                    }
                    _ => {
                        warnings += 1;
                        "warning"
                    }
                };
                let _ = writeln!(
                    out,
                    "{}",
                    prefix_kind(&problem.to_error().render(&name), label)
                );
            }
        }
        match &result {
            Ok(doc) if errors == 0 && warnings == 0 => {
                let _ = writeln!(out, "{name}: ok ({})", summary(doc));
            }
            Ok(_) if errors == 0 => {
                let _ = writeln!(out, "{name}: valid, {warnings} warning(s)");
            }
            _ => {
                let _ = writeln!(out, "{name}: {errors} error(s), {warnings} warning(s)");
                worst = worst.max(1);
            }
        }
    }
    ExitCode::from(worst)
}

/// Inserts `label: ` after the `file:line:col: ` prefix of a rendered error.
fn prefix_kind(rendered: &str, label: &str) -> String {
    let first_end = rendered.find('\n').unwrap_or(rendered.len());
    let (first, rest) = rendered.split_at(first_end);
    match first.rmatch_indices(": ").last() {
        Some((i, _)) => {
            let (head, tail) = first.split_at(i + 2);
            format!("{head}{label}: {tail}{rest}")
        }
        None => format!("{label}: {rendered}"),
    }
}

fn summary(doc: &kalends_ical_core::Document<'_>) -> String {
    let mut counts: Vec<(String, usize)> = Vec::new();
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
    for c in &doc.components {
        walk(c, &mut counts);
    }
    counts
        .iter()
        .map(|(n, k)| format!("{k} {n}"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn convert(
    path: &Path,
    to: Format,
    from: Option<Format>,
    out: Option<&Path>,
    strict: bool,
) -> ExitCode {
    let name = display_name(path);
    let bytes = match read_input(path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let from = from.unwrap_or_else(|| Format::detect(&bytes));
    let text = match (from, to) {
        // Reading and writing iCalendar keeps the input text of every node.
        (Format::Ics, _) => {
            let options = if strict {
                ParseOptions::strict()
            } else {
                ParseOptions::lenient()
            };
            let doc = if strict {
                kalends_ical_core::parse_bytes(&bytes, &options, &mut kalends_ical_core::Strict)
            } else {
                kalends_ical_core::parse_bytes(&bytes, &options, &mut ())
            };
            doc.and_then(|doc| write_as(&doc, to))
        }
        (Format::Jcal | Format::Xcal, _) => match std::str::from_utf8(&bytes) {
            Ok(text) => {
                let doc = if from == Format::Jcal {
                    kalends_ical_core::jcal::from_jcal(text)
                } else {
                    kalends_ical_core::xcal::from_xcal(text)
                };
                doc.and_then(|doc| write_as(&doc, to))
            }
            Err(e) => {
                eprintln!("{name}: error: the input is not UTF-8 ({e}).");
                return ExitCode::from(1);
            }
        },
    };
    let text = match text {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{}", prefix_kind(&e.render(&name), "error"));
            return ExitCode::from(1);
        }
    };
    let written = match out {
        Some(p) => std::fs::write(p, text.as_bytes())
            .map_err(|e| format!("kalends: cannot write {}: {e}", p.display())),
        None => std::io::stdout()
            .lock()
            .write_all(text.as_bytes())
            .map_err(|e| format!("kalends: cannot write to standard output: {e}")),
    };
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{e}");
            ExitCode::from(2)
        }
    }
}

fn write_as(doc: &kalends_ical_core::Document<'_>, to: Format) -> Result<String, Error> {
    Ok(match to {
        Format::Ics => kalends_ical_core::write(doc),
        Format::Jcal => {
            let mut s = kalends_ical_core::jcal::to_jcal(doc);
            s.push('\n');
            s
        }
        Format::Xcal => kalends_ical_core::xcal::to_xcal(doc)?,
    })
}
