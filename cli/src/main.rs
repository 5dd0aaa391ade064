//! The `kalends` command: check, convert and expand calendar and contact files.
//!
//! Exit codes: 0 success, 1 a file has problems, 2 usage or I/O errors.

mod check;
mod convert;
mod input;

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
        } => convert::run(&file, to, from, out.as_deref(), strict),
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
