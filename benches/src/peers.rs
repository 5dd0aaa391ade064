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
    use ::calcard::jscalendar::JSCalendar;

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

    /// iCalendar text to JSCalendar JSON text (calcard's conversion, its
    /// `jmap` feature, then `serde_json`) and that JSON text back to
    /// iCalendar text (`JSCalendar::parse`, `into_icalendar`, `Display`).
    /// Returns the JSON text and the iCalendar text.
    pub fn jscal_text_round_trip(text: &str) -> Result<(String, String), PeerError> {
        let fail = |message: String| PeerError {
            peer: NAME,
            message,
        };
        let jscal: JSCalendar<'_, String, String> = parse(text)?.into_jscalendar();
        let json = serde_json::to_string(&jscal.0).map_err(|e| fail(e.to_string()))?;
        let back = JSCalendar::<'_, String, String>::parse(&json)
            .map_err(fail)?
            .into_icalendar()
            .ok_or_else(|| fail("into_icalendar gave nothing".to_owned()))?;
        Ok((json, back.to_string()))
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

    /// iCalendar text to JSCalendar JSON text and back: `parse`,
    /// `ical_to_jscal` in `profile` (draft -11 for RFC 8984, draft -25 for
    /// `Bis`), `Json`'s `Display`; `Json::parse`, `jscal_to_ical_as`,
    /// [`write`]. Returns the JSON text and the iCalendar text.
    pub fn jscal_text_round_trip(
        text: &str,
        profile: kalends_jscalendar::convert::Profile,
    ) -> Result<(String, String), Box<dyn std::error::Error>> {
        use kalends_jscalendar::convert::{ical_to_jscal, jscal_to_ical_as};
        use kalends_jscalendar::json::Json;
        let doc = parse(text)?;
        let json = ical_to_jscal(&doc, profile)?.to_string();
        let read = Json::parse(&json)?;
        let back = write(&jscal_to_ical_as(&read, profile)?);
        Ok((json, back))
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

/// [calcard](https://crates.io/crates/calcard) (Stalwart) reading vCards:
/// `Parser::entry` until `Entry::Eof`, one `VCard` per call (its
/// `VCard::parse` reads only the first card of a text).
///
/// Like its iCalendar model, each `VCardEntry` is typed while parsing
/// (structured values split, parameters decoded, dates parsed).
pub mod calcard_vcard {
    use super::PeerError;
    use ::calcard::vcard::{VCard, VCardProperty};
    use ::calcard::{Entry, Parser};

    /// The library's name in reports.
    pub const NAME: &str = "calcard";

    /// Parses every vCard in `text`. Anything other than a card or the end
    /// of the input (an invalid line, an unterminated card) is an error.
    pub fn parse(text: &str) -> Result<Vec<VCard>, PeerError> {
        let mut parser = Parser::new(text);
        let mut cards = Vec::new();
        loop {
            match parser.entry() {
                Entry::VCard(card) => cards.push(card),
                Entry::Eof => return Ok(cards),
                other => {
                    return Err(PeerError {
                        peer: NAME,
                        message: format!("{other:?}"),
                    });
                }
            }
        }
    }

    /// The number of cards.
    pub fn card_count(cards: &[VCard]) -> usize {
        cards.len()
    }

    /// The number of properties named `name` in all cards.
    pub fn property_count(cards: &[VCard], name: &VCardProperty) -> usize {
        cards
            .iter()
            .flat_map(|c| &c.entries)
            .filter(|e| &e.name == name)
            .count()
    }

    /// Writes every card, in its own version, into one string with
    /// `VCard::write_to` (what its `Display` calls).
    pub fn write(cards: &[VCard]) -> Result<String, PeerError> {
        let mut out = String::new();
        for card in cards {
            card.write_to(&mut out, card.version().unwrap_or_default())
                .map_err(|error| PeerError {
                    peer: NAME,
                    message: error.to_string(),
                })?;
        }
        Ok(out)
    }
}

/// [ical](https://crates.io/crates/ical) 0.11 (Peltoche) reading vCards:
/// `VcardParser` (its `vcard` feature), and writing them with
/// `Emitter::generate` (its `generator` feature also implements `Emitter`
/// for `VcardContact` when `vcard` is on).
///
/// Every property is owned `String`s; parameters are `(name, values)`. It
/// does not split structured values or unescape text.
pub mod ical_vcard {
    use super::PeerError;
    use ::ical::VcardParser;
    use ::ical::generator::Emitter;
    use ::ical::parser::vcard::component::VcardContact;

    /// The library's name in reports.
    pub const NAME: &str = "ical";

    /// Parses every vCard in `text`.
    pub fn parse(text: &str) -> Result<Vec<VcardContact>, PeerError> {
        VcardParser::new(text.as_bytes())
            .collect::<Result<Vec<_>, _>>()
            .map_err(|error| PeerError {
                peer: NAME,
                message: error.to_string(),
            })
    }

    /// The number of cards.
    pub fn card_count(cards: &[VcardContact]) -> usize {
        cards.len()
    }

    /// The number of properties named `name` (ASCII case ignored) in all
    /// cards.
    pub fn property_count(cards: &[VcardContact], name: &str) -> usize {
        cards
            .iter()
            .flat_map(|c| &c.properties)
            .filter(|p| p.name.eq_ignore_ascii_case(name))
            .count()
    }

    /// Writes the cards with `Emitter::generate`. It folds at 75
    /// characters, not octets, and escapes a comma in a parameter value
    /// with `\` instead of quoting the value, so `TYPE="work,voice"` reads
    /// back as two values.
    pub fn write(cards: &[VcardContact]) -> String {
        cards.iter().map(Emitter::generate).collect()
    }
}

/// kalends' vCard reader and writer: `kalends_vcard::parse` and
/// `kalends_vcard::write`.
pub mod kalends_vcard {
    use ::kalends_vcard::{Document, Error, VCard};

    /// The library's name in reports; `ratios` divides every peer by it.
    pub const NAME: &str = "kalends";

    /// The name in reports of writing a [`canonical`] document.
    pub const NAME_CANONICAL: &str = "kalends-canonical";

    /// Strict parse of every vCard in `text` (RFC 6350 §3.3), borrowing
    /// from `text`.
    pub fn parse(text: &str) -> Result<Document<'_>, Error> {
        ::kalends_vcard::parse(text)
    }

    /// The number of cards.
    pub fn card_count(document: &Document<'_>) -> usize {
        document.cards.len()
    }

    /// The number of properties named `name` (ASCII case ignored) in all
    /// cards.
    pub fn property_count(document: &Document<'_>, name: &str) -> usize {
        document
            .cards
            .iter()
            .map(|c| c.properties_named(name).count())
            .sum()
    }

    /// Writes the document (byte-identical to the input when unmodified).
    pub fn write(document: &Document<'_>) -> String {
        ::kalends_vcard::write(document)
    }

    /// The document without the kept input text, so that [`write`] formats
    /// every line (escaping is already in the values; folding is done) instead
    /// of copying it: the work a writer does for cards built or changed in
    /// code.
    ///
    /// kalends-vcard has no call that drops the kept text of a whole
    /// document (kalends-ical-core has `Document::canonicalize`). This uses
    /// the public API instead: `Property::params_mut` drops a property's
    /// kept text, and each card is moved into a new `VCard::named`, which
    /// has no kept `BEGIN`/`END` lines. Cards nested in a card (vCard 2.1
    /// `AGENT`) keep their text; the benchmark's input has none.
    pub fn canonical(document: Document<'_>) -> Document<'static> {
        let cards = document
            .into_owned()
            .cards
            .into_iter()
            .map(|mut card| {
                let mut fresh = VCard::named(card.component_name().to_owned());
                let mut properties = std::mem::take(card.properties_mut());
                for p in &mut properties {
                    p.params_mut();
                }
                *fresh.properties_mut() = properties;
                *fresh.nested_mut() = std::mem::take(card.nested_mut());
                fresh
            })
            .collect();
        Document::new(cards)
    }
}

#[cfg(test)]
mod vcard_tests {
    use super::*;
    use crate::generate_vcard::{PROPERTIES_PER_CONTACT, X_PROPERTY, contacts};
    use ::calcard::vcard::VCardProperty;

    /// Enough contacts for every name, prefix and address to occur with
    /// each other.
    const N: usize = 154;

    /// The properties counted per peer, with how many each card has.
    const COUNTED: [(&str, usize); 10] = [
        ("N", 1),
        ("FN", 1),
        ("TEL", 2),
        ("EMAIL", 2),
        ("ADR", 1),
        ("ORG", 1),
        ("NOTE", 1),
        ("PHOTO", 1),
        (X_PROPERTY, 1),
        ("VERSION", 1),
    ];

    fn calcard_name(name: &str) -> VCardProperty {
        match name {
            "N" => VCardProperty::N,
            "FN" => VCardProperty::Fn,
            "TEL" => VCardProperty::Tel,
            "EMAIL" => VCardProperty::Email,
            "ADR" => VCardProperty::Adr,
            "ORG" => VCardProperty::Org,
            "NOTE" => VCardProperty::Note,
            "PHOTO" => VCardProperty::Photo,
            "VERSION" => VCardProperty::Version,
            other => VCardProperty::Other(other.to_owned()),
        }
    }

    #[test]
    fn calcard_reads_every_card_and_writes_them_back() {
        let text = contacts(N);
        let cards = calcard_vcard::parse(&text).unwrap();
        assert_eq!(calcard_vcard::card_count(&cards), N);
        for (name, per_card) in COUNTED {
            let count = calcard_vcard::property_count(&cards, &calcard_name(name));
            assert_eq!(count, N * per_card, "{name}");
        }
        let written = calcard_vcard::write(&cards).unwrap();
        assert_eq!(written.matches("BEGIN:VCARD\r\n").count(), N);
        let again = calcard_vcard::parse(&written).unwrap();
        assert_eq!(again, cards);
    }

    #[test]
    fn ical_reads_every_card_and_writes_them_back() {
        let text = contacts(N);
        let cards = ical_vcard::parse(&text).unwrap();
        assert_eq!(ical_vcard::card_count(&cards), N);
        for (name, per_card) in COUNTED {
            let count = ical_vcard::property_count(&cards, name);
            assert_eq!(count, N * per_card, "{name}");
        }
        assert!(
            cards
                .iter()
                .all(|c| c.properties.len() == PROPERTIES_PER_CONTACT)
        );
        let written = ical_vcard::write(&cards);
        assert_eq!(written.matches("BEGIN:VCARD\r\n").count(), N);
        let again = ical_vcard::parse(&written).unwrap();
        assert_eq!(ical_vcard::card_count(&again), N);
        for (name, per_card) in COUNTED {
            let count = ical_vcard::property_count(&again, name);
            assert_eq!(count, N * per_card, "{name}");
        }
        // Not the same cards: ical's writer escapes the comma of the
        // parameter value `work,voice` (which it read from quotes) instead
        // of quoting it, so it reads back as two values.
        let tel = |cards: &[::ical::parser::vcard::component::VcardContact]| {
            cards[0].properties[3].params.clone().unwrap()[1].clone()
        };
        assert_eq!(
            tel(&cards),
            ("TYPE".to_owned(), vec!["work,voice".to_owned()])
        );
        assert_eq!(
            tel(&again),
            (
                "TYPE".to_owned(),
                vec!["work\\".to_owned(), "voice".to_owned()]
            )
        );
    }

    #[test]
    fn kalends_reads_every_card_and_writes_them_back_verbatim() {
        let text = contacts(N);
        let parsed = kalends_vcard::parse(&text).unwrap();
        assert_eq!(kalends_vcard::card_count(&parsed), N);
        for (name, per_card) in COUNTED {
            let count = kalends_vcard::property_count(&parsed, name);
            assert_eq!(count, N * per_card, "{name}");
        }
        assert!(
            parsed
                .cards
                .iter()
                .all(|c| c.properties().len() == PROPERTIES_PER_CONTACT && c.is_unchanged())
        );
        assert_eq!(kalends_vcard::write(&parsed), text);

        let canonical = kalends_vcard::canonical(parsed.clone());
        assert!(
            canonical
                .cards
                .iter()
                .all(|c| { c.properties().iter().all(|p| p.raw().is_none()) && !c.is_unchanged() })
        );
        assert_eq!(canonical, parsed);
        // The generated text is already canonical: formatting every line
        // gives it back.
        assert_eq!(kalends_vcard::write(&canonical), text);
    }

    #[test]
    fn every_peer_sees_the_same_values() {
        let text = contacts(N);
        let kalends = kalends_vcard::parse(&text).unwrap();
        let ical = ical_vcard::parse(&text).unwrap();
        let calcard = calcard_vcard::parse(&text).unwrap();
        assert_eq!((ical.len(), calcard.len()), (N, N));
        let mut ical_lost_spaces = 0;
        for ((k, i), c) in kalends.cards.iter().zip(&ical).zip(&calcard) {
            let k_note = k.property("NOTE").unwrap().value();
            let i_note = i.properties.iter().find(|p| p.name == "NOTE").unwrap();
            let i_note = i_note.value.as_deref().unwrap();
            // ical 0.11 trims trailing whitespace of every physical line
            // before unfolding, so a space just before a fold is lost.
            if i_note != k_note {
                ical_lost_spaces += 1;
                assert_eq!(i_note.replace(' ', ""), k_note.replace(' ', ""));
            }
            let c_note = c
                .entries
                .iter()
                .find(|e| e.name == VCardProperty::Note)
                .unwrap();
            // calcard unescapes TEXT while parsing.
            let unescaped = k.property("NOTE").unwrap().text_value(k.version()).unwrap();
            assert_eq!(
                c_note.values.first().and_then(|v| v.as_text()),
                Some(unescaped.as_ref())
            );
        }
        assert!(ical_lost_spaces > 0 && ical_lost_spaces < N);
    }

    #[test]
    fn peer_errors_name_the_peer() {
        let error = calcard_vcard::parse("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n").unwrap_err();
        assert!(error.to_string().starts_with("calcard could not parse"));
        let error = ical_vcard::parse("FN:x\r\n").unwrap_err();
        assert!(error.to_string().starts_with("ical could not parse"));
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
