//! Lossless vCard 2.1, 3.0 and 4.0 (RFC 6350, RFC 2426) reading and writing,
//! typed properties, validation, version conversion, jCard (RFC 7095) and
//! JSContact (RFC 9553, converted as RFC 9555 defines).
//!
//! ```
//! use kalends_vcard::{parse, Version};
//!
//! let text = "BEGIN:VCARD\r\n\
//! VERSION:4.0\r\n\
//! FN:Jane Doe\r\n\
//! N:Doe;Jane;;;\r\n\
//! BDAY:--0412\r\n\
//! item1.EMAIL;TYPE=work:jane@example.com\r\n\
//! END:VCARD\r\n";
//!
//! let doc = parse(text)?;
//! let card = &doc.cards[0];
//! assert_eq!(card.version(), Version::V4_0);
//! assert_eq!(card.formatted_name().as_deref(), Some("Jane Doe"));
//! assert_eq!(card.name().map(|n| n.given), Some(vec!["Jane".to_owned()]));
//! assert_eq!(card.bday().map(|d| d.to_extended()), Some("--04-12".to_owned()));
//! let email = card.property("EMAIL").ok_or("no EMAIL")?;
//! assert_eq!((email.group(), email.has_type("work")), (Some("item1"), true));
//!
//! // Unchanged input is written back byte for byte.
//! assert_eq!(doc.to_string(), text);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Layers
//!
//! - Reading ([`parse`], [`parse_with`], [`parse_bytes`]) on the shared
//!   content-line reader of `kalends-ical-core`, plus vCard 2.1's
//!   QUOTED-PRINTABLE soft line breaks, bare parameters and base64 blocks.
//! - The tree ([`Document`], [`VCard`], [`Property`]) keeps the input text of
//!   every unchanged node; [`write()`] reproduces the input byte for byte.
//! - Values ([`value`]): date-and-or-time with truncated forms, structured
//!   N/ADR/ORG/GENDER, typed parameters, base64 and QUOTED-PRINTABLE
//!   ([`codec`]).
//! - [`validate()`]: cardinalities and value checks of RFC 6350, with locations.
//! - [`convert_version`]: 2.1 → 3.0 → 4.0 and 4.0 → 3.0, reporting what
//!   cannot survive.
//! - [`jcard`]: RFC 7095 both ways; [`jscontact`]: the RFC 9553 `Card`
//!   model and the RFC 9555 conversion both ways.
//!
//! # Entry points for the `kalends` command
//!
//! | task | function |
//! |---|---|
//! | read a file | [`parse_bytes`] (bytes, options, sink), [`parse`], [`parse_lenient`] |
//! | write | [`write()`] / `Document::to_string` (unchanged input comes back byte for byte) |
//! | `--to vcf` / `--to vcf3` | [`convert_document`] (or [`convert_version`] per card), with [`Loss`]es |
//! | `--to jcard` | [`jcard::document_to_jcard`]; back: [`jcard::from_jcard_str`] |
//! | `--to jscontact` | [`jscontact::document_to_jscontact`]; back: [`jscontact::from_jscontact_json`] |
//! | `kalends check` | [`check`] (read + [`validate_document`], every problem with its location) |
//!
//! Every entry point takes `&str` or `&[u8]`, returns a `Result` and does not
//! panic on any input.
#![cfg_attr(docsrs, feature(doc_auto_cfg))]

mod builder;
pub mod codec;
mod convert;
pub mod error;
pub mod jcard;
pub mod jscontact;
mod parser;
pub mod property;
pub mod registry;
pub mod text;
mod tree;
mod typed;
mod validate;
pub mod value;
mod version;
mod writer;

pub use builder::VCardBuilder;
pub use convert::{Converted, Loss, convert_document, convert_version};
pub use error::{Error, ErrorKind, ErrorSink, Location, Strict};
pub use kalends_ical_core::{Limits, Parameter, ParseOptions};
pub use parser::{parse, parse_bytes, parse_lenient, parse_with};
pub use tree::{Document, Property, VCard};
pub use validate::{check, validate, validate_document, validate_in};
pub use version::Version;
pub use writer::{FOLD_WIDTH, write, write_property};
