//! Writing: kept input text where nothing changed, canonical text elsewhere.
//!
//! Canonical text is CRLF line ends and folding at 75 octets (RFC 5545
//! §3.1) without splitting a UTF-8 sequence. The writer is deterministic and
//! never adds, drops or reorders anything: values and parameters are written
//! as the tree holds them (escaping happens when a value is set).

use crate::tree::{Component, Document, Property};

/// The longest line, in octets, before a fold (RFC 5545 §3.1).
pub const FOLD_WIDTH: usize = 75;

/// Writes a document to a string.
///
/// ```
/// use kalends_ical_core::{write, Component, Document, Property};
/// let mut cal = Component::new("VCALENDAR");
/// cal.push(Property::new("VERSION", "2.0"));
/// let text = write(&Document::new(vec![cal]));
/// assert_eq!(text, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n");
/// ```
pub fn write(document: &Document<'_>) -> String {
    let mut out = String::new();
    document.write_to(&mut out);
    out
}

pub(crate) fn write_component(c: &Component<'_>, out: &mut String) {
    start_line(out);
    match &c.raw_begin {
        Some(raw) => out.push_str(raw),
        None => {
            out.push_str("BEGIN:");
            out.push_str(&c.name);
            out.push_str("\r\n");
        }
    }
    let mut props = c.properties.iter();
    let mut written = 0usize;
    for child in &c.components {
        while written < child.position {
            match props.next() {
                Some(p) => {
                    start_line(out);
                    write_property(p, out);
                }
                None => break,
            }
            written += 1;
        }
        write_component(child, out);
    }
    for p in props {
        start_line(out);
        write_property(p, out);
    }
    start_line(out);
    match &c.raw_end {
        Some(raw) => out.push_str(raw),
        None => {
            out.push_str("END:");
            out.push_str(&c.name);
            out.push_str("\r\n");
        }
    }
}

/// Ends the current line when the text so far does not end with one. Only
/// the last line of an input can lack its line ending; when a reader closed
/// components after it (`allow_missing_end`) or code added nodes after it,
/// this keeps the next line from being glued to it.
fn start_line(out: &mut String) {
    if !out.is_empty() && !out.ends_with('\n') {
        out.push_str("\r\n");
    }
}

/// Writes one property: its kept text, or the canonical folded form.
pub fn write_property(p: &Property<'_>, out: &mut String) {
    if let Some(raw) = &p.raw {
        out.push_str(raw);
        return;
    }
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
    out.push_str(&p.value);
    fold_tail(out, start);
    out.push_str("\r\n");
}

/// Folds the line from byte `start` to the end of `out` in place at
/// [`FOLD_WIDTH`] octets, never inside a UTF-8 sequence (RFC 5545 §3.1,
/// RFC 6350 §3.2; the vCard writer uses it too). A `start` past the end or
/// inside a character leaves `out` unchanged.
///
/// ```
/// let mut out = String::from("X:");
/// out.push_str(&"a".repeat(80));
/// kalends_ical_core::fold_tail(&mut out, 0);
/// assert_eq!(out, format!("X:{}\r\n {}", "a".repeat(73), "a".repeat(7)));
/// ```
pub fn fold_tail(out: &mut String, start: usize) {
    if out.len().saturating_sub(start) <= FOLD_WIDTH || !out.is_char_boundary(start) {
        return;
    }
    let line = out.split_off(start);
    out.reserve(line.len() + line.len() / (FOLD_WIDTH - 1) * 3 + 3);
    let mut rest = line.as_str();
    // The first line holds 75 octets, each continuation 74 after its space.
    let mut width = FOLD_WIDTH;
    loop {
        if rest.len() <= width {
            out.push_str(rest);
            return;
        }
        let mut cut = width;
        while cut > 0 && !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        if cut == 0 {
            // Cannot happen for widths of 4 or more; keep going safely.
            cut = rest.char_indices().nth(1).map_or(rest.len(), |(i, _)| i);
        }
        let (head, tail) = rest.split_at(cut);
        out.push_str(head);
        out.push_str("\r\n ");
        rest = tail;
        width = FOLD_WIDTH - 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_at_75_octets() {
        let mut c = Component::new("A");
        c.push(Property::new("DESCRIPTION", "x".repeat(100)));
        let text = c.to_string();
        let lines: Vec<_> = text.split("\r\n").collect();
        assert_eq!(lines[1].len(), 75);
        assert_eq!(lines[2], format!(" {}", "x".repeat(100 + 12 - 75)));
    }

    #[test]
    fn never_splits_a_character() {
        let mut c = Component::new("A");
        c.push(Property::new("SUMMARY", "é".repeat(80)));
        let text = c.to_string();
        for line in text.split("\r\n") {
            assert!(line.len() <= 75, "{line}");
        }
        assert_eq!(crate::parse(&text).unwrap().components[0], c);
    }
}
