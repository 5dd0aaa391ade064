//! Writing: kept input text where nothing changed, canonical text elsewhere.
//!
//! Canonical text is CRLF line ends. vCard 3.0 and 4.0 lines are folded at
//! 75 octets with CRLF and a space (RFC 6350 §3.2), never inside a UTF-8
//! sequence. vCard 2.1 QUOTED-PRINTABLE values are broken with soft line
//! breaks (`=` CRLF) at 76 characters, never inside an `=XX` triplet
//! (RFC 2045 §6.7); other 2.1 lines are folded only when they hold base64
//! (2.1 unfolding keeps the space of a fold, so folding text would change it).
//! The writer never adds, drops or reorders anything.

use crate::parser::is_quoted_printable;
use crate::tree::{Document, Property, VCard};
use crate::version::Version;

pub use kalends_ical_core::FOLD_WIDTH;

/// Writes a document to a string.
///
/// ```
/// use kalends_vcard::{write, Document, Property, VCard, Version};
/// let mut card = VCard::new(Version::V3_0);
/// card.push(Property::text("FN", "Jane", Version::V3_0));
/// assert_eq!(write(&Document::new(vec![card])), "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Jane\r\nEND:VCARD\r\n");
/// ```
pub fn write(document: &Document<'_>) -> String {
    let mut out = String::new();
    document.write_to(&mut out);
    out
}

/// Starts a new line when kept input text (a last line without line
/// ending) is followed by canonical text.
fn end_line(out: &mut String) {
    if !out.is_empty() && !out.ends_with('\n') {
        out.push_str("\r\n");
    }
}

pub(crate) fn write_card(c: &VCard<'_>, out: &mut String) {
    match &c.raw_begin {
        Some(raw) => out.push_str(raw),
        None => {
            end_line(out);
            out.push_str("BEGIN:");
            out.push_str(&c.name);
            out.push_str("\r\n");
        }
    }
    let version = c.version();
    let mut props = c.properties.iter();
    let mut written = 0usize;
    for child in &c.nested {
        while written < child.position {
            match props.next() {
                Some(p) => write_property(p, version, out),
                None => break,
            }
            written += 1;
        }
        write_card(child, out);
    }
    for p in props {
        write_property(p, version, out);
    }
    match &c.raw_end {
        Some(raw) => out.push_str(raw),
        None => {
            end_line(out);
            out.push_str("END:");
            out.push_str(&c.name);
            out.push_str("\r\n");
        }
    }
}

/// Writes one property of a card of `version`: its kept text, or the
/// canonical form.
///
/// ```
/// use kalends_vcard::{write_property, Property, Version};
/// let mut out = String::new();
/// write_property(&Property::text("NOTE", "a\nb", Version::V2_1), Version::V2_1, &mut out);
/// assert_eq!(out, "NOTE;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-8:a=0D=0Ab\r\n");
/// ```
pub fn write_property(p: &Property<'_>, version: Version, out: &mut String) {
    if let Some(raw) = &p.raw {
        out.push_str(raw);
        return;
    }
    end_line(out);
    let start = out.len();
    if let Some(g) = &p.group {
        out.push_str(g);
        out.push('.');
    }
    out.push_str(&p.name);
    for param in &p.params {
        out.push(';');
        out.push_str(param.name());
        if let Some(v) = param.raw_value() {
            out.push('=');
            out.push_str(v);
        }
    }
    out.push(':');
    let value_start = out.len();
    out.push_str(&p.value);
    if version == Version::V2_1 {
        if is_quoted_printable(p) {
            soft_break_tail(out, start, value_start);
        } else if is_base64(p) {
            kalends_ical_core::fold_tail(out, start);
        }
    } else {
        kalends_ical_core::fold_tail(out, start);
    }
    out.push_str("\r\n");
}

fn is_base64(p: &Property<'_>) -> bool {
    p.params.iter().any(|param| match param.raw_value() {
        None => param.is("BASE64"),
        Some(_) => {
            param.is("ENCODING")
                && param
                    .value()
                    .is_some_and(|v| v.eq_ignore_ascii_case("BASE64"))
        }
    })
}

/// Inserts QUOTED-PRINTABLE soft line breaks into the value part so that
/// no physical line is longer than 76 characters (the `=` included).
fn soft_break_tail(out: &mut String, start: usize, value_start: usize) {
    if out.len() - start <= 76 {
        return;
    }
    let value = out.split_off(value_start);
    let mut width = value_start - start;
    let bytes = value.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let unit = if bytes.get(i) == Some(&b'=') { 3 } else { 1 };
        if width + unit > 75 {
            out.push_str("=\r\n");
            width = 0;
        }
        let end = (i + unit).min(bytes.len());
        match bytes.get(i) {
            // A continuation line must not start with whitespace: readers
            // take that for a fold.
            Some(b' ') if width == 0 => out.push_str("=20"),
            Some(b'\t') if width == 0 => out.push_str("=09"),
            _ => out.push_str(value.get(i..end).unwrap_or("")),
        }
        width += if width == 0 && unit == 1 && matches!(bytes.get(i), Some(b' ' | b'\t')) {
            3
        } else {
            unit
        };
        i = end;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codec::qp_encode;

    #[test]
    fn folds_at_75_octets_without_splitting_characters() {
        let mut card = VCard::new(Version::V4_0);
        card.push(Property::text("NOTE", &"é".repeat(80), Version::V4_0));
        let text = card.to_string();
        for line in text.split("\r\n") {
            assert!(line.len() <= 75, "{line}");
        }
        let back = crate::parse(&text).unwrap();
        assert_eq!(back.cards[0], card);
    }

    #[test]
    fn soft_breaks_keep_triplets_whole() {
        let mut card = VCard::new(Version::V2_1);
        let note = "ä".repeat(60);
        card.push(Property::text("NOTE", &note, Version::V2_1));
        let text = card.to_string();
        for line in text.split("\r\n") {
            assert!(line.len() <= 76, "{line}");
        }
        let back = crate::parse(&text).unwrap();
        assert_eq!(back.cards[0].properties()[1].value(), qp_encode(&note));
        assert_eq!(
            back.cards[0].properties()[1]
                .text_value(Version::V2_1)
                .unwrap(),
            note
        );
    }
}
