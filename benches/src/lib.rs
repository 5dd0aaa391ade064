//! Benchmarks of kalends beside the crates.io libraries a user would pick
//! instead. Not published.
//!
//! The library part holds what the criterion benchmarks (in `benches/`)
//! share and what the unit tests check before anything is timed:
//!
//! - [`generate`]: the deterministic 10,000-event calendar;
//! - [`generate_vcard`]: the deterministic 10,000-contact address book;
//! - [`peers`]: the exact calls measured for each library, so a test can
//!   assert that every library really read every event.
//! - [`recur_peers`]: the recurrence rules of the `rrule` and `rscale`
//!   benchmarks and each library's expansion of them, so a test can assert
//!   that every library produces the same instants.
//!
//! The `ratios` binary reads criterion's results and prints each peer's
//! median time divided by kalends' (see `README.md`).

pub mod generate;
pub mod generate_vcard;
pub mod peers;
pub mod recur_peers;

pub use generate::{EVENTS_10K, calendar, calendar_10k};
pub use generate_vcard::{CONTACTS_10K, contacts, contacts_10k};
