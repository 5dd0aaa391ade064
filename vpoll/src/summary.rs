//! A poll's state and tally in one value, for `kalends poll FILE [--json]`.

use std::fmt;

use kalends_ical_core::Document;

use crate::error::Error;
use crate::model::{PollCompletion, PollMode, PollStatus};
use crate::tally::Tally;
use crate::validate::{Diagnostic, validate};
use crate::view::Poll;

/// What `kalends poll` prints: identity, state and tally of the first VPOLL
/// of a document, with the validator's findings.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct PollSummary {
    /// UID.
    pub uid: String,
    /// SUMMARY.
    pub summary: Option<String>,
    /// STATUS (IN-PROCESS when absent).
    pub status: PollStatus,
    /// POLL-MODE.
    pub mode: String,
    /// POLL-COMPLETION.
    pub completion: String,
    /// SEQUENCE.
    pub sequence: u32,
    /// POLL-WINNER.
    pub winner: Option<i64>,
    /// The owner's calendar address.
    pub owner: Option<String>,
    /// The tally of recorded votes.
    pub tally: Tally,
    /// Validation findings, rendered as text (`line L, column C: error[rule]: message`).
    pub diagnostics: Vec<String>,
}

/// Summarizes the first VPOLL of `doc`; `source` is the text it was read
/// from (for the findings' lines and columns).
pub fn summarize(doc: &Document<'_>, source: &str) -> Result<PollSummary, Error> {
    let poll = Poll::in_document(doc)?;
    let diagnostics: Vec<Diagnostic> = validate(doc, source);
    Ok(PollSummary {
        uid: poll.uid().unwrap_or("").to_owned(),
        summary: poll.summary().map(|s| s.into_owned()),
        status: poll.status()?,
        mode: match poll.mode() {
            PollMode::Basic => "BASIC".to_owned(),
            PollMode::Other(s) => s,
        },
        completion: match poll.completion() {
            PollCompletion::Other(s) => s,
            c => c.as_str().to_owned(),
        },
        sequence: poll.sequence()?,
        winner: poll.winner()?,
        owner: poll
            .owner()
            .and_then(|o| o.calendar_address())
            .map(str::to_owned),
        tally: Tally::of(&poll),
        diagnostics: diagnostics.iter().map(ToString::to_string).collect(),
    })
}

/// Reads `text` and summarizes its first VPOLL (the entry point of
/// `kalends poll FILE`).
pub fn summarize_text(text: &str) -> Result<PollSummary, Error> {
    let doc = crate::read(text)?;
    summarize(&doc, text)
}

impl PollSummary {
    /// The summary as JSON (feature `json`).
    #[cfg(feature = "json")]
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}

impl fmt::Display for PollSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "poll {} ({})",
            self.uid,
            self.summary.as_deref().unwrap_or("no summary")
        )?;
        writeln!(
            f,
            "status {}, sequence {}, mode {}, completion {}",
            self.status, self.sequence, self.mode, self.completion
        )?;
        if let Some(o) = &self.owner {
            writeln!(f, "owner {o}")?;
        }
        if let Some(w) = self.winner {
            writeln!(f, "winner {w}")?;
        }
        write!(f, "{}", self.tally)?;
        for d in &self.diagnostics {
            writeln!(f, "{d}")?;
        }
        Ok(())
    }
}
