//! Lossless iCalendar (RFC 5545) reading and writing.
#![cfg_attr(docsrs, feature(doc_auto_cfg))]

pub mod error;
pub mod value;

pub use error::{Error, ErrorKind, ErrorSink, Location, Strict};
