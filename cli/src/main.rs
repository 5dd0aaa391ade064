//! The `kalends` command: check, convert and expand calendar and contact files.
//!
//! Exit codes: 0 success, 1 a file has problems, 2 usage or I/O errors.

mod check;
mod convert;
mod input;
mod poll;
mod recur;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

#[derive(Parser, Debug)]
#[command(
    name = "kalends",
    version,
    about = "Check, convert and expand iCalendar, vCard and JSCalendar files."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Check files: exit 0 when every file is valid, 1 with one diagnostic per problem.
    Check {
        /// Files to check (.ics or .vcf content, detected); `-` reads standard input.
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
        /// The JSCalendar mapping to write with `--to jscal`.
        #[arg(long, value_enum, default_value = "rfc8984")]
        profile: ProfileArg,
    },
    /// Expand one recurrence rule: one instance per line (YYYYMMDD,
    /// YYYYMMDDTHHMMSS, or with Z for UTC).
    Rrule {
        /// The first instance (DATE or DATE-TIME), e.g. 19970902T090000.
        #[arg(long, required_unless_present = "jsonl")]
        dtstart: Option<String>,
        /// The rule, e.g. 'FREQ=MONTHLY;BYDAY=1FR;COUNT=10' (RSCALE allowed).
        #[arg(long, required_unless_present = "jsonl")]
        rule: Option<String>,
        /// The time zone DTSTART is in (IANA, Windows or Outlook names).
        #[arg(long)]
        tz: Option<String>,
        /// At most this many instances (needed for a rule without COUNT or
        /// UNTIL unless --between is given).
        #[arg(long)]
        limit: Option<usize>,
        /// Only the instances from A (inclusive) to B (exclusive), DATE or DATE-TIME.
        #[arg(long, num_args = 2, value_names = ["A", "B"])]
        between: Option<Vec<String>>,
        /// Read JSON lines {"dtstart","rrule","tz","limit"} from standard input
        /// and answer each with {"instances":[…]} or {"error":"…"}.
        #[arg(long, conflicts_with_all = ["dtstart", "rule", "between"])]
        jsonl: bool,
    },
    /// List every occurrence in a window of the events, to-dos and journals of a calendar.
    Expand {
        /// The calendar; `-` reads standard input.
        file: PathBuf,
        /// Start of the window (YYYYMMDD, YYYY-MM-DD or a date-time).
        #[arg(long)]
        from: String,
        /// End of the window.
        #[arg(long)]
        to: String,
        /// Read the window and show the times in this zone (default: UTC
        /// window, times as written).
        #[arg(long)]
        tz: Option<String>,
        /// JSON output.
        #[arg(long)]
        json: bool,
    },
    /// Show the state and the tally of a VPOLL (draft-ietf-calext-vpoll).
    Poll {
        /// The file with the VPOLL; `-` reads standard input.
        file: PathBuf,
        /// JSON output.
        #[arg(long)]
        json: bool,
    },
    /// List the alarms that fire in a window (RFC 5545 VALARM with RFC 9074's
    /// acknowledgement and snoozing).
    Alarms {
        /// The calendar; `-` reads standard input.
        file: PathBuf,
        /// Start of the window (UTC: YYYYMMDD or YYYYMMDDTHHMMSSZ).
        #[arg(long)]
        from: String,
        /// End of the window (UTC).
        #[arg(long)]
        to: String,
        /// JSON output.
        #[arg(long)]
        json: bool,
    },
}

/// The formats `convert` reads and writes.
#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// iCalendar (RFC 5545).
    Ics,
    /// jCal, iCalendar as JSON (RFC 7265).
    Jcal,
    /// xCal, iCalendar as XML (RFC 6321).
    Xcal,
    /// vCard 4.0 (RFC 6350).
    Vcf,
    /// vCard 3.0 (RFC 2426).
    Vcf3,
    /// jCard, vCard as JSON (RFC 7095).
    Jcard,
    /// JSContact (RFC 9553), converted as RFC 9555 says.
    Jscontact,
    /// JSCalendar (RFC 8984), converted as draft-ietf-calext-jscalendar-icalendar says.
    Jscal,
}

/// Which iCalendar <-> JSCalendar mapping to write.
#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum ProfileArg {
    /// draft-ietf-calext-jscalendar-icalendar-11, for RFC 8984.
    Rfc8984,
    /// draft-ietf-calext-jscalendar-icalendar-25, for JSCalendar 2.0.
    Bis,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Check { files, lenient } => check::run(&files, lenient),
        Command::Convert {
            file,
            to,
            from,
            out,
            strict,
            profile,
        } => convert::run(&file, to, from, out.as_deref(), strict, profile),
        Command::Rrule { jsonl: true, .. } => recur::jsonl(),
        Command::Rrule {
            dtstart,
            rule,
            tz,
            limit,
            between,
            ..
        } => recur::rule(
            dtstart.as_deref().unwrap_or_default(),
            rule.as_deref().unwrap_or_default(),
            tz.as_deref(),
            limit,
            between.as_deref(),
        ),
        Command::Expand {
            file,
            from,
            to,
            tz,
            json,
        } => recur::expand(&file, &from, &to, tz.as_deref(), json),
        Command::Poll { file, json } => poll::poll(&file, json),
        Command::Alarms {
            file,
            from,
            to,
            json,
        } => poll::alarms(&file, &from, &to, json),
    }
}

/// Inserts `label: ` after the `file:line:col: ` prefix of a rendered error.
pub fn prefix_kind(rendered: &str, label: &str) -> String {
    let first_end = rendered.find('\n').unwrap_or(rendered.len());
    let (first, rest) = rendered.split_at(first_end);
    match first.match_indices(": ").next() {
        Some((i, _)) => {
            let (head, tail) = first.split_at(i + 2);
            format!("{head}{label}: {tail}{rest}")
        }
        None => format!("{label}: {rendered}"),
    }
}
