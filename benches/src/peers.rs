//! The work each benchmark measures, one module per library.
//!
//! Every module has the same three steps, so the benchmark and the tests
//! call exactly the same code:
//!
//! - `parse`: the library's fastest documented way from the text to a tree
//!   of components, properties and parameters (what kalends' `parse` gives);
//! - `event_count`: the number of `VEVENT`s in that tree, so a test can check
//!   that the parse saw the whole calendar;
//! - `write`: the library's own serialiser, from that tree back to text.
//!
//! Where a library's tree borrows from a buffer it makes itself (icalendar
//! unfolds into a new `String` first), that step is a separate function and
//! the benchmark measures both.

use std::fmt;

/// A peer refused the input. Carries the peer's own message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PeerError {
    /// Which library failed.
    pub peer: &'static str,
    /// The library's error, formatted with `Debug` or `Display`.
    pub message: String,
}

impl fmt::Display for PeerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} could not parse the calendar: {}",
            self.peer, self.message
        )
    }
}

impl std::error::Error for PeerError {}

/// [calcard](https://crates.io/crates/calcard) (Stalwart), `ICalendar::parse`.
///
/// calcard's model is a flat list of components that refer to their
/// children by index; values are typed while parsing (dates, recurrence
/// rules, parameters), so its parse does more than a syntax tree.
pub mod calcard {
    use super::PeerError;
    use ::calcard::icalendar::{ICalendar, ICalendarComponentType};

    /// The library's name in reports.
    pub const NAME: &str = "calcard";

    /// Parses the first calendar in `text`.
    pub fn parse(text: &str) -> Result<ICalendar, PeerError> {
        ICalendar::parse(text).map_err(|entry| PeerError {
            peer: NAME,
            message: format!("{entry:?}"),
        })
    }

    /// The number of `VEVENT`s.
    pub fn event_count(calendar: &ICalendar) -> usize {
        calendar
            .components
            .iter()
            .filter(|c| c.component_type == ICalendarComponentType::VEvent)
            .count()
    }

    /// Writes the calendar with calcard's `Display`.
    pub fn write(calendar: &ICalendar) -> String {
        calendar.to_string()
    }
}

/// [icalendar](https://crates.io/crates/icalendar) (hoodie), with its
/// `parser` feature.
///
/// Its parser does not unfold: the documented way is `unfold` into a new
/// `String`, then `read_calendar` over it (which is also what its
/// `FromStr for Calendar` does before converting to its owned model).
pub mod icalendar {
    use super::PeerError;
    use ::icalendar::parser::{Calendar, read_calendar};

    /// The library's name in reports.
    pub const NAME: &str = "icalendar";

    /// Step 1: RFC 5545 §3.1 unfolding into a new string.
    pub fn unfold(text: &str) -> String {
        ::icalendar::parser::unfold(text)
    }

    /// Step 2: parses unfolded text into icalendar's borrowed tree.
    pub fn parse(unfolded: &str) -> Result<Calendar<'_>, PeerError> {
        read_calendar(unfolded).map_err(|message| PeerError {
            peer: NAME,
            message,
        })
    }

    /// The number of `VEVENT`s.
    pub fn event_count(calendar: &Calendar<'_>) -> usize {
        calendar
            .components
            .iter()
            .filter(|c| c.name.as_str() == "VEVENT")
            .count()
    }

    /// Writes the tree with icalendar's `Display` (it folds at 75 octets).
    pub fn write(calendar: &Calendar<'_>) -> String {
        calendar.to_string()
    }
}

/// [ical](https://crates.io/crates/ical) 0.11 (Peltoche), `IcalParser`
/// with the `generator` feature for writing.
///
/// Every property is owned `String`s; parameters are `(name, values)`.
pub mod ical {
    use super::PeerError;
    use ::ical::IcalParser;
    use ::ical::generator::Emitter;
    use ::ical::parser::ical::component::IcalCalendar;

    /// The library's name in reports.
    pub const NAME: &str = "ical";

    /// Parses every calendar in `text`.
    pub fn parse(text: &str) -> Result<Vec<IcalCalendar>, PeerError> {
        IcalParser::new(text.as_bytes())
            .collect::<Result<Vec<_>, _>>()
            .map_err(|error| PeerError {
                peer: NAME,
                message: error.to_string(),
            })
    }

    /// The number of `VEVENT`s.
    pub fn event_count(calendars: &[IcalCalendar]) -> usize {
        calendars.iter().map(|c| c.events.len()).sum()
    }

    /// Writes the calendars with `Emitter::generate`.
    pub fn write(calendars: &[IcalCalendar]) -> String {
        calendars.iter().map(Emitter::generate).collect()
    }
}

/// [ical-rs](https://crates.io/crates/ical-rs) (Pimalaya), whose library is
/// also called `ical`; this crate renames it `ical_rs`.
///
/// `IcalCst::parse` gives a byte-faithful syntax tree (names, parameters,
/// values split into leaves); `decode` projects it onto typed values.
pub mod ical_rs {
    use super::PeerError;
    use ::ical_rs::component::vevent::VEVENT;
    use ::ical_rs::ical::Ical;
    use ::ical_rs::tree::cst::IcalCst;

    /// The library's name in reports.
    pub const NAME: &str = "ical-rs";

    /// The name in reports of parse followed by [`decode`].
    pub const NAME_DECODED: &str = "ical-rs+decode";

    /// Parses the first calendar in `text` into the syntax tree.
    pub fn parse(text: &str) -> Result<IcalCst<'_>, PeerError> {
        IcalCst::parse(text).map_err(|error| PeerError {
            peer: NAME,
            message: error.to_string(),
        })
    }

    /// Decodes the syntax tree into ical-rs' typed model.
    pub fn decode<'a>(tree: &'a IcalCst<'_>) -> Ical<'a> {
        tree.decode()
    }

    /// The number of `VEVENT`s in the syntax tree.
    pub fn event_count(tree: &IcalCst<'_>) -> usize {
        tree.components::<VEVENT>().count()
    }

    /// The number of `VEVENT`s in the decoded model.
    pub fn decoded_event_count(model: &Ical<'_>) -> usize {
        model
            .components
            .iter()
            .filter(|c| c.name.eq_ignore_ascii_case("VEVENT"))
            .count()
    }

    /// Writes the syntax tree with its `Display` (the input, byte for byte,
    /// when it was valid UTF-8).
    pub fn write(tree: &IcalCst<'_>) -> String {
        tree.to_string()
    }
}

/// kalends itself: `kalends_ical_core::parse` and `kalends_ical_core::write`.
pub mod kalends {
    use kalends_ical_core::{Document, Error};

    /// The library's name in reports; `ratios` divides every peer by it.
    pub const NAME: &str = "kalends";

    /// Strict parse of the whole stream (RFC 5545 §3.4), borrowing from `text`.
    pub fn parse(text: &str) -> Result<Document<'_>, Error> {
        kalends_ical_core::parse(text)
    }

    /// The number of `VEVENT`s in all top-level components.
    pub fn event_count(document: &Document<'_>) -> usize {
        document
            .components
            .iter()
            .map(|c| c.components_named("VEVENT").count())
            .sum()
    }

    /// The name in reports of writing a [`canonical`] document.
    pub const NAME_CANONICAL: &str = "kalends-canonical";

    /// Writes the document (byte-identical to the input when unmodified).
    pub fn write(document: &Document<'_>) -> String {
        kalends_ical_core::write(document)
    }

    /// The document without the kept input text, so that [`write`] formats
    /// every line (escaping, folding) instead of copying it: the work a
    /// writer does for a tree built or changed in code.
    pub fn canonical(document: Document<'_>) -> Document<'static> {
        let mut document = document.into_owned();
        document.canonicalize();
        document
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generate::{calendar, rrule_count, valarm_count};

    /// 140 events: a multiple of both 7 and 10, so RRULEs and VALARMs occur.
    const N: usize = 140;

    #[test]
    fn calcard_reads_every_event_and_writes_them_back() {
        let text = calendar(N);
        let parsed = calcard::parse(&text).unwrap();
        assert_eq!(calcard::event_count(&parsed), N);
        // VTIMEZONE, DAYLIGHT, STANDARD, N VEVENTs, the VALARMs, and the
        // VCALENDAR itself: calcard lists them all flat.
        assert_eq!(parsed.components.len(), 1 + 3 + N + valarm_count(N));
        let written = calcard::write(&parsed);
        assert_eq!(written.matches("BEGIN:VEVENT").count(), N);
        assert_eq!(calcard::event_count(&calcard::parse(&written).unwrap()), N);
    }

    #[test]
    fn icalendar_reads_every_event_and_writes_them_back() {
        let text = calendar(N);
        let unfolded = icalendar::unfold(&text);
        let parsed = icalendar::parse(&unfolded).unwrap();
        assert_eq!(icalendar::event_count(&parsed), N);
        let written = icalendar::write(&parsed);
        assert_eq!(written.matches("BEGIN:VEVENT").count(), N);
        assert_eq!(written.matches("RRULE:").count(), rrule_count(N) + 2);
        let again = icalendar::unfold(&written);
        assert_eq!(
            icalendar::event_count(&icalendar::parse(&again).unwrap()),
            N
        );
    }

    #[test]
    fn ical_reads_every_event_and_writes_them_back() {
        let text = calendar(N);
        let parsed = ical::parse(&text).unwrap();
        assert_eq!(parsed.len(), 1);
        assert_eq!(ical::event_count(&parsed), N);
        let alarms: usize = parsed[0].events.iter().map(|e| e.alarms.len()).sum();
        assert_eq!(alarms, valarm_count(N));
        assert_eq!(parsed[0].timezones.len(), 1);
        let written = ical::write(&parsed);
        assert_eq!(written.matches("BEGIN:VEVENT").count(), N);
        assert_eq!(ical::event_count(&ical::parse(&written).unwrap()), N);
    }

    #[test]
    fn ical_rs_reads_every_event_and_writes_them_back_verbatim() {
        let text = calendar(N);
        let tree = ical_rs::parse(&text).unwrap();
        assert_eq!(ical_rs::event_count(&tree), N);
        let model = ical_rs::decode(&tree);
        assert_eq!(ical_rs::decoded_event_count(&model), N);
        assert_eq!(ical_rs::write(&tree), text);
    }

    #[test]
    fn kalends_reads_every_event_and_writes_them_back_verbatim() {
        let text = calendar(N);
        let parsed = kalends::parse(&text).unwrap();
        assert_eq!(parsed.components.len(), 1);
        assert_eq!(kalends::event_count(&parsed), N);
        assert_eq!(kalends::write(&parsed), text);
        let canonical = kalends::write(&kalends::canonical(parsed));
        assert_eq!(
            kalends::event_count(&kalends::parse(&canonical).unwrap()),
            N
        );
        assert_eq!(canonical, text);
    }

    #[test]
    fn peer_error_names_the_peer() {
        let error = calcard::parse("BEGIN:VCARD\r\nEND:VCARD\r\n").unwrap_err();
        assert!(error.to_string().starts_with("calcard could not parse"));
    }
}
