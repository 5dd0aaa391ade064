//! Lossless iCalendar (RFC 5545) reading and writing, on a content-line and
//! value model that `kalends-vcard` shares.
//!
//! ```
//! use kalends_ical_core::{parse, value::DateTime};
//!
//! let text = "BEGIN:VCALENDAR\r\n\
//! VERSION:2.0\r\n\
//! PRODID:-//Example//EN\r\n\
//! BEGIN:VEVENT\r\n\
//! UID:42@example.com\r\n\
//! DTSTAMP:20240101T120000Z\r\n\
//! DTSTART;TZID=Europe/Berlin:20240105T090000\r\n\
//! SUMMARY:Standup\\, daily\r\n\
//! END:VEVENT\r\n\
//! END:VCALENDAR\r\n";
//!
//! let doc = parse(text)?;
//! let event = &doc.calendar().ok_or("no VCALENDAR")?.components()[0];
//! let summary = event.property("SUMMARY").ok_or("no SUMMARY")?;
//! assert_eq!(summary.text_value(), "Standup, daily");
//! let start = event.property("DTSTART").ok_or("no DTSTART")?;
//! assert_eq!(start.param_value("TZID").as_deref(), Some("Europe/Berlin"));
//! let when: DateTime = start.value().parse()?;
//! assert_eq!(when.date.day(), 5);
//!
//! // Unchanged input is written back byte for byte.
//! assert_eq!(doc.to_string(), text);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Layers
//!
//! - [`contentline`]: logical lines, names, parameters, values, borrowed from the input.
//! - [`value`]: the RFC 5545 §3.3 value types, each with parse and format.
//! - [`Document`], [`Component`], [`Property`]: the tree, which keeps the
//!   input text of every unchanged node so that writing is lossless.
//! - [`write()`]: CRLF, folding at 75 octets, deterministic.
//! - [`Error`], [`ErrorSink`], [`ParseOptions`]: errors with locations,
//!   strict / collect-all / silent modes, named quirks and limits.
#![cfg_attr(docsrs, feature(doc_auto_cfg))]

pub mod contentline;
pub mod error;
pub mod jcal;
mod options;
mod parser;
mod tree;
pub mod validate;
pub mod value;
pub mod views;
mod writer;
pub mod xcal;

pub use contentline::Parameter;
pub use error::{Error, ErrorKind, ErrorSink, Location, Strict};
pub use options::{Limits, ParseOptions};
pub use parser::{parse, parse_bytes, parse_with};
pub use tree::{Component, Document, Property};
pub use writer::{FOLD_WIDTH, fold_tail, write, write_property};

/// The README's examples, compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
pub struct ReadmeDoctests;
