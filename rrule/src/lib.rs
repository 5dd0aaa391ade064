//! Time zones and RFC 5545 recurrence expansion for kalends.
//!
//! ```
//! use kalends_rrule::expand_rule;
//!
//! let got = expand_rule("19970902T090000", "FREQ=MONTHLY;COUNT=3;BYDAY=TU,WE,TH;BYSETPOS=3",
//!                       Some("America/New_York"), None, None)?;
//! let text: Vec<String> = got.iter().map(|i| i.to_string()).collect();
//! assert_eq!(text, ["19970902T090000", "19970904T090000", "19971007T090000"]);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # What is here
//!
//! - [`Recurrence`]: one RRULE compiled against one DTSTART, expanded lazily
//!   with [`Recurrence::iter`], [`Recurrence::between`],
//!   [`Recurrence::after`] and [`Recurrence::before`]. The engine follows
//!   RFC 5545 §3.3.10 completely (every FREQ, INTERVAL, COUNT, UNTIL, every
//!   BYxxx with negative values, BYSETPOS with every FREQ, WKST, BYWEEKNO
//!   up to 53) and reads the ambiguous cases as RFC 8984 §4.3.3.1 does; each
//!   reading is written down where the code makes it and in `DESIGN.md`.
//! - [`Zone`]: UTC, floating, fixed offsets, IANA zones from jiff's bundled
//!   database (results never depend on the host), and zones compiled from a
//!   VTIMEZONE ([`VTimeZone`]). [`Zone::resolve`] and [`ZoneResolver`]
//!   resolve TZIDs, including Windows and Outlook names and vendor prefixes.
//! - [`calendar`]: the calendar-system trait the engine generates dates
//!   through, with the Gregorian calendar; RSCALE calendars plug in there.
//! - [`RecurrenceSet`]: DTSTART + RRULEs + RDATEs − EXRULEs − EXDATEs.
//! - [`expand_component`], [`expand_calendar`]: occurrences of VEVENTs,
//!   VTODOs and VJOURNALs with their ends, RECURRENCE-ID overrides
//!   (including `RANGE=THISANDFUTURE` and cancelled ones), over a window
//!   with the overlap test of RFC 4791 §9.9.
//! - [`expand_rule`]: the one-call entry point the command line uses.
//!
//! # The work budget
//!
//! Every expansion ends. [`Limits`] bounds the periods examined in a row
//! without an instance (a rule like `FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30`
//! never matches) and the candidates generated; when either runs out the
//! iterator yields an [`Error`] of kind [`ErrorKind::BudgetExhausted`]. The
//! expansion also ends, without error, at the end of the year 9999.
//!
//! # Local time
//!
//! The rule is evaluated in the local time of DTSTART. Instances at a local
//! time that does not exist (a DST gap) are dropped and not counted
//! (RFC 5545 §3.3.10), or shifted forward with [`Nonexistent::ShiftForward`];
//! a repeated local time (an overlap) is its first occurrence (RFC 5545
//! §3.3.5). Instances are returned in strictly increasing order of their
//! instant, without duplicates.
#![cfg_attr(docsrs, feature(doc_auto_cfg))]

pub mod calendar;
mod component;
mod engine;
pub mod error;
mod recurrence;
#[cfg(feature = "rscale")]
pub mod rscale;
mod rule;
mod set;
pub mod zone;

pub use component::{
    ExpandOptions, Occurrence, expand_calendar, expand_calendar_lenient, expand_component,
};
pub use error::{Error, ErrorKind};
pub use recurrence::{DtstartRule, Form, Instance, Iter, Limits, Nonexistent, Options, Recurrence};
pub use set::{RecurrenceSet, SetIter, expand_rule, expand_rule_with};
pub use zone::{VTimeZone, Zone, ZoneResolver};
