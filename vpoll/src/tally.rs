//! Counting the votes of a BASIC poll.
//!
//! Each voter counts once per choice: voters are told apart by their
//! calendar address (compared with [`crate::normalize_address`]), and of
//! two PARTICIPANTs with one address, or two VOTEs of one voter for one
//! choice, only the first counts; the others are listed in
//! [`Tally::uncounted`]. A vote's RESPONSE falls in one of the draft's bands
//! (§4.5.8): 0–39 no, 40–79 maybe, 80–89 yes but not preferred, 90–100 yes.
//!
//! The **score** of a choice is the sum of its RESPONSE values; a voter who
//! did not vote on a choice adds 0, as a "no" would. The suggested winner
//! ([`Tally::leader`]) is the choice with the highest score when exactly one
//! has it; when several share the highest score they are reported in
//! [`Tally::tied`] and no leader is suggested. The draft leaves the choice
//! to the client or server (POLL-COMPLETION, §4.5.2); the tally only advises.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use crate::model::{ResponseBand, normalize_address};
use crate::view::Poll;

/// Counts for one choice.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct ChoiceTally {
    /// The POLL-ITEM-ID.
    pub id: i64,
    /// The choice's SUMMARY.
    pub summary: Option<String>,
    /// Votes 90–100.
    pub yes: u32,
    /// Votes 80–89.
    pub yes_not_preferred: u32,
    /// Votes 40–79.
    pub maybe: u32,
    /// Votes 0–39.
    pub no: u32,
    /// Voters who did not vote on this choice.
    pub no_response: u32,
    /// The sum of the RESPONSE values.
    pub score: u32,
}

impl ChoiceTally {
    /// The number of votes counted for this choice.
    pub fn votes(&self) -> u32 {
        self.yes
            .saturating_add(self.yes_not_preferred)
            .saturating_add(self.maybe)
            .saturating_add(self.no)
    }
}

/// Why a vote was not counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub enum Uncounted {
    /// The voter has another PARTICIPANT with the same address; only the first counts.
    DuplicateVoter,
    /// The voter has another VOTE for the same choice; only the first counts.
    DuplicateVote,
    /// The POLL-ITEM-ID names no choice.
    UnknownChoice,
    /// POLL-ITEM-ID or RESPONSE is missing or not a valid value.
    InvalidVote,
    /// A VOTE without POLL-ITEM-ID: alternative information, not a vote (§3.6).
    Alternative,
}

/// A vote left out of the tally.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct UncountedVote {
    /// The voter (calendar address, or `#n` for the n-th PARTICIPANT without one).
    pub voter: String,
    /// The POLL-ITEM-ID, when it could be read.
    pub id: Option<i64>,
    /// Why it was left out.
    pub reason: Uncounted,
}

/// The tally of a poll: see the module documentation.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Tally {
    /// One entry per choice, in the poll's order.
    pub choices: Vec<ChoiceTally>,
    /// Distinct voters.
    pub voters: u32,
    /// Voters with at least one counted vote.
    pub voted: u32,
    /// The suggested winner: the only choice with the highest score.
    pub leader: Option<i64>,
    /// The choices sharing the highest score, when there are several.
    pub tied: Vec<i64>,
    /// Votes left out, in document order.
    pub uncounted: Vec<UncountedVote>,
}

impl Tally {
    /// Counts the votes recorded in `poll`.
    ///
    /// ```
    /// use kalends_vpoll::{Poll, Tally};
    /// let text = "BEGIN:VPOLL\r\nUID:p\r\nDTSTAMP:20240101T000000Z\r\n\
    /// BEGIN:PARTICIPANT\r\nUID:a\r\nPARTICIPANT-TYPE:VOTER\r\nCALENDAR-ADDRESS:mailto:a@x\r\n\
    /// BEGIN:VOTE\r\nPOLL-ITEM-ID:1\r\nRESPONSE:100\r\nEND:VOTE\r\n\
    /// BEGIN:VOTE\r\nPOLL-ITEM-ID:2\r\nRESPONSE:50\r\nEND:VOTE\r\nEND:PARTICIPANT\r\n\
    /// BEGIN:VEVENT\r\nUID:e1\r\nPOLL-ITEM-ID:1\r\nEND:VEVENT\r\n\
    /// BEGIN:VEVENT\r\nUID:e2\r\nPOLL-ITEM-ID:2\r\nEND:VEVENT\r\nEND:VPOLL\r\n";
    /// let doc = kalends_ical_core::parse(text)?;
    /// let tally = Tally::of(&Poll::new(&doc.components[0])?);
    /// assert_eq!(tally.leader, Some(1));
    /// assert_eq!((tally.choices[0].yes, tally.choices[1].maybe), (1, 1));
    /// assert_eq!(tally.choices[1].score, 50);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn of(poll: &Poll<'_, '_>) -> Tally {
        let mut tally = Tally::default();
        let choices = poll.choices().unwrap_or_default();
        let mut index: BTreeMap<i64, usize> = BTreeMap::new();
        for (i, c) in choices.iter().enumerate() {
            index.insert(c.id, i);
            tally.choices.push(ChoiceTally {
                id: c.id,
                summary: c.summary().map(|s| s.into_owned()),
                yes: 0,
                yes_not_preferred: 0,
                maybe: 0,
                no: 0,
                no_response: 0,
                score: 0,
            });
        }
        // Choices are known only when the poll carries them (a POLLSTATUS
        // does not): then every id voted on is counted as its own choice.
        let carries_choices = !choices.is_empty();

        let mut seen_voters: BTreeSet<String> = BTreeSet::new();
        for (n, voter) in poll.voters().enumerate() {
            let name = voter
                .calendar_address()
                .map_or_else(|| format!("#{}", n.saturating_add(1)), str::to_owned);
            let key = voter
                .calendar_address()
                .map_or_else(|| name.clone(), normalize_address);
            let duplicate = !seen_voters.insert(key);
            if !duplicate {
                tally.voters = tally.voters.saturating_add(1);
            }
            let mut voted_on: BTreeSet<i64> = BTreeSet::new();
            for vote in voter.votes() {
                let id = match vote.poll_item_id() {
                    Ok(Some(id)) => id,
                    Ok(None) => {
                        tally.uncounted.push(UncountedVote {
                            voter: name.clone(),
                            id: None,
                            reason: Uncounted::Alternative,
                        });
                        continue;
                    }
                    Err(_) => {
                        tally.uncounted.push(UncountedVote {
                            voter: name.clone(),
                            id: None,
                            reason: Uncounted::InvalidVote,
                        });
                        continue;
                    }
                };
                let reason = if duplicate {
                    Some(Uncounted::DuplicateVoter)
                } else if voted_on.contains(&id) {
                    Some(Uncounted::DuplicateVote)
                } else if carries_choices && !index.contains_key(&id) {
                    Some(Uncounted::UnknownChoice)
                } else {
                    None
                };
                let response = match (reason, vote.response()) {
                    (Some(r), _) => Err(r),
                    (None, Ok(Some(r))) => Ok(r),
                    (None, _) => Err(Uncounted::InvalidVote),
                };
                let r = match response {
                    Ok(r) => r,
                    Err(reason) => {
                        tally.uncounted.push(UncountedVote {
                            voter: name.clone(),
                            id: Some(id),
                            reason,
                        });
                        continue;
                    }
                };
                voted_on.insert(id);
                let slot = match index.get(&id) {
                    Some(&i) => i,
                    None => {
                        let i = tally.choices.len();
                        index.insert(id, i);
                        tally.choices.push(ChoiceTally {
                            id,
                            summary: None,
                            yes: 0,
                            yes_not_preferred: 0,
                            maybe: 0,
                            no: 0,
                            no_response: 0,
                            score: 0,
                        });
                        i
                    }
                };
                if let Some(c) = tally.choices.get_mut(slot) {
                    let counter = match r.band() {
                        ResponseBand::Yes => &mut c.yes,
                        ResponseBand::YesNotPreferred => &mut c.yes_not_preferred,
                        ResponseBand::Maybe => &mut c.maybe,
                        ResponseBand::No => &mut c.no,
                    };
                    *counter = counter.saturating_add(1);
                    c.score = c.score.saturating_add(u32::from(r.value()));
                }
            }
            if !duplicate && !voted_on.is_empty() {
                tally.voted = tally.voted.saturating_add(1);
            }
        }
        for c in &mut tally.choices {
            c.no_response = tally.voters.saturating_sub(c.votes());
        }
        if let Some(top) = tally.choices.iter().map(|c| c.score).max() {
            let leaders: Vec<i64> = tally
                .choices
                .iter()
                .filter(|c| c.score == top)
                .map(|c| c.id)
                .collect();
            match leaders.as_slice() {
                [one] => tally.leader = Some(*one),
                _ => tally.tied = leaders,
            }
        }
        tally
    }

    /// The counts for choice `id`.
    pub fn choice(&self, id: i64) -> Option<&ChoiceTally> {
        self.choices.iter().find(|c| c.id == id)
    }
}

impl fmt::Display for Tally {
    /// A plain-text table, one line per choice:
    ///
    /// ```text
    /// choice  score  yes  yes-not-preferred  maybe  no  no-response  summary
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{} voters, {} voted", self.voters, self.voted)?;
        writeln!(f, "choice  score  yes  yes-np  maybe   no  none  summary")?;
        for c in &self.choices {
            writeln!(
                f,
                "{:>6}  {:>5}  {:>3}  {:>6}  {:>5}  {:>3}  {:>4}  {}",
                c.id,
                c.score,
                c.yes,
                c.yes_not_preferred,
                c.maybe,
                c.no,
                c.no_response,
                c.summary.as_deref().unwrap_or("")
            )?;
        }
        match (self.leader, self.tied.as_slice()) {
            (Some(l), _) => writeln!(f, "leader: {l}")?,
            (None, []) => writeln!(f, "leader: none")?,
            (None, t) => {
                let ids: Vec<String> = t.iter().map(i64::to_string).collect();
                writeln!(f, "tie: {}", ids.join(", "))?;
            }
        }
        for u in &self.uncounted {
            let id = u.id.map_or_else(|| "-".to_owned(), |i| i.to_string());
            writeln!(f, "uncounted: {} choice {id} ({:?})", u.voter, u.reason)?;
        }
        Ok(())
    }
}
