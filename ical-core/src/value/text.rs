//! TEXT values (RFC 5545 §3.3.11): backslash escapes and comma-separated lists.

use std::borrow::Cow;

use crate::contentline::{find_byte, splat, zero_bytes};

/// Decodes the escapes of a TEXT value (RFC 5545 §3.3.11); borrows `s` when
/// it has no backslash.
///
/// The escapes are `\\` (backslash), `\;` (semicolon), `\,` (comma) and
/// `\n` or `\N` (line feed). Decoding is lenient: a backslash followed by any
/// other character, or a backslash at the very end, is kept as it is
/// together with that character, so `C:\temp` reads as `C:\temp` and nothing
/// of the input is lost. (RFC 5545 allows no other escape; in particular
/// `\:` is not one, since a colon "SHALL NOT be escaped", so `\:` reads as
/// the two characters `\:`.)
///
/// ```
/// use kalends_ical_core::value::unescape_text;
/// assert_eq!(
///     unescape_text(r"Project XYZ Final Review\nConference Room - 3B\nCome Prepared."),
///     "Project XYZ Final Review\nConference Room - 3B\nCome Prepared."
/// );
/// assert_eq!(unescape_text(r"a\, b\; c\\d"), r"a, b; c\d");
/// assert_eq!(unescape_text(r"C:\temp"), r"C:\temp");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn unescape_text(s: &str) -> Cow<'_, str> {
    let bytes = s.as_bytes();
    let Some(mut at) = find_byte(bytes, 0, backslashes) else {
        return Cow::Borrowed(s);
    };
    // Decoding only shortens the text.
    let mut out = String::with_capacity(s.len());
    // `s[..done]` is decoded into `out`; `at` is the next backslash. The
    // runs between backslashes are copied whole.
    let mut done = 0;
    loop {
        out.push_str(s.get(done..at).unwrap_or(""));
        let (decoded, used) = match bytes.get(at.saturating_add(1)) {
            Some(b'\\') => ('\\', 2),
            Some(b';') => (';', 2),
            Some(b',') => (',', 2),
            Some(b'n' | b'N') => ('\n', 2),
            // Another character (copied with the next run, so a multi-byte
            // character stays whole) or nothing: the backslash is kept.
            _ => ('\\', 1),
        };
        out.push(decoded);
        done = at.saturating_add(used);
        match find_byte(bytes, done, backslashes) {
            Some(next) => at = next,
            None => break,
        }
    }
    out.push_str(s.get(done..).unwrap_or(""));
    Cow::Owned(out)
}

/// Encodes `s` as TEXT (RFC 5545 §3.3.11); borrows it when nothing needs
/// escaping.
///
/// Backslash, semicolon and comma get a backslash; a line feed, a CR LF
/// pair and a lone CR are each written `\n` (TEXT cannot carry a CR). Other
/// characters, including other control characters, are left to the
/// content-line writer.
///
/// ```
/// use kalends_ical_core::value::escape_text;
/// assert_eq!(escape_text("a, b; c\\d\ne"), r"a\, b\; c\\d\ne");
/// assert_eq!(escape_text("plain"), "plain");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn escape_text(s: &str) -> Cow<'_, str> {
    let Some(first) = first_escape(s.as_bytes()) else {
        return Cow::Borrowed(s);
    };
    let mut out = String::with_capacity(escaped_capacity(s.len()));
    escape_from(s, first, &mut out);
    Cow::Owned(out)
}

/// Appends `s`, encoded as TEXT as [`escape_text`] does, to `out`.
pub fn escape_text_into(s: &str, out: &mut String) {
    match first_escape(s.as_bytes()) {
        Some(first) => {
            out.reserve(escaped_capacity(s.len()));
            escape_from(s, first, out);
        }
        None => out.push_str(s),
    }
}

/// Room for `len` bytes of text with some escapes; a text that escapes more
/// than one byte in sixteen grows the string once more.
fn escaped_capacity(len: usize) -> usize {
    len.saturating_add(len / 16).saturating_add(8)
}

/// The position of the first byte of `bytes` that [`escape_text`]
/// rewrites.
#[inline(always)]
fn first_escape(bytes: &[u8]) -> Option<usize> {
    let mut at = find_byte(bytes, 0, escaped_bytes)?;
    // Another control character below 0x0E is marked too (see
    // `escaped_bytes`): passed over.
    while !matches!(bytes.get(at), Some(b'\\' | b';' | b',' | b'\n' | b'\r')) {
        at = find_byte(bytes, at.saturating_add(1), escaped_bytes)?;
    }
    Some(at)
}

/// The escape of the byte at `at` and how many bytes it replaces, or
/// `None` when that byte is written as it is.
fn escape_at(bytes: &[u8], at: usize) -> Option<(&'static str, usize)> {
    match bytes.get(at..) {
        Some([b'\r', b'\n', ..]) => Some(("\\n", 2)),
        Some([b'\r' | b'\n', ..]) => Some(("\\n", 1)),
        Some([b'\\', ..]) => Some(("\\\\", 1)),
        Some([b';', ..]) => Some(("\\;", 1)),
        Some([b',', ..]) => Some(("\\,", 1)),
        _ => None,
    }
}

/// Escapes `s` into `out`; `at` is the position of the first byte that
/// needs escaping. The runs between such bytes are copied whole.
fn escape_from(s: &str, mut at: usize, out: &mut String) {
    let bytes = s.as_bytes();
    // `s[..done]` is escaped into `out`.
    let mut done = 0;
    loop {
        // `at` is a marked byte: one to escape, or another control
        // character, left in the run.
        let next = match escape_at(bytes, at) {
            Some((escaped, used)) => {
                out.push_str(s.get(done..at).unwrap_or(""));
                out.push_str(escaped);
                done = at.saturating_add(used);
                done
            }
            None => at.saturating_add(1),
        };
        match find_byte(bytes, next, escaped_bytes) {
            Some(found) => at = found,
            None => break,
        }
    }
    out.push_str(s.get(done..).unwrap_or(""));
}

/// Marks the backslashes in a word (see [`zero_bytes`]).
#[inline(always)]
fn backslashes(word: u64) -> u64 {
    zero_bytes(word ^ splat(b'\\'))
}

/// Marks the bytes [`escape_text`] rewrites in a word: backslash,
/// semicolon and comma (see [`zero_bytes`]), and every byte below 0x0E,
/// which takes LF and CR in one test (the few other control characters it
/// marks are passed over by the callers). The lowest mark is exact, as
/// [`find_byte`] needs: subtracting 0x0E borrows only from a byte below
/// it, and `& !word` drops the bytes that had the high bit set.
#[inline(always)]
fn escaped_bytes(word: u64) -> u64 {
    zero_bytes(word ^ splat(b'\\'))
        | zero_bytes(word ^ splat(b';'))
        | zero_bytes(word ^ splat(b','))
        | (word.wrapping_sub(splat(0x0E)) & !word & splat(0x80))
}

/// The pieces of a value split on a separator that is not escaped with a
/// backslash; made by [`split_unescaped`] and [`split_text_list`]. The
/// pieces are the raw text, escapes not decoded.
#[derive(Debug, Clone)]
pub struct SplitUnescaped<'a> {
    rest: Option<&'a str>,
    separator: u8,
}

impl<'a> Iterator for SplitUnescaped<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let rest = self.rest?;
        let bytes = rest.as_bytes();
        let mut i = 0;
        while let Some(&b) = bytes.get(i) {
            if b == b'\\' {
                i += 2;
            } else if b == self.separator {
                self.rest = rest.get(i + 1..);
                return rest.get(..i);
            } else {
                i += 1;
            }
        }
        self.rest = None;
        Some(rest)
    }
}

/// Splits `s` on each `separator` byte that is not escaped with a
/// backslash, without decoding escapes: `split_unescaped(r"a\;b;c", b';')`
/// gives `a\;b` and `c`. An empty input gives one empty piece. The
/// separator must be an ASCII character (`;` for the parts of a structured
/// value such as REQUEST-STATUS, `,` for a list).
pub fn split_unescaped(s: &str, separator: u8) -> SplitUnescaped<'_> {
    let separator = if separator.is_ascii() {
        separator
    } else {
        b','
    };
    SplitUnescaped {
        rest: Some(s),
        separator,
    }
}

/// Splits a TEXT list on unescaped commas and decodes each item
/// (RFC 5545 §3.3.11: "multiple TEXT values are specified by a
/// COMMA-separated list"). Items borrow from `s` when they have no escape.
///
/// ```
/// use kalends_ical_core::value::split_text_list;
/// let items: Vec<_> = split_text_list(r"APPOINTMENT,EDUCATION\, training,x\\").collect();
/// assert_eq!(items, ["APPOINTMENT", "EDUCATION, training", r"x\"]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn split_text_list(s: &str) -> impl Iterator<Item = Cow<'_, str>> {
    split_unescaped(s, b',').map(unescape_text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unescape_keeps_unknown_escapes_and_trailing_backslash() {
        assert_eq!(unescape_text(r"a\:b"), r"a\:b");
        assert_eq!(unescape_text("a\\"), "a\\");
        assert_eq!(unescape_text(r"\N"), "\n");
        assert!(matches!(unescape_text("no escapes"), Cow::Borrowed(_)));
    }

    #[test]
    fn escape_line_endings() {
        assert_eq!(escape_text("a\r\nb\rc\nd"), r"a\nb\nc\nd");
    }

    #[test]
    fn escape_keeps_other_control_characters() {
        // Bytes below 0x0E are marked with LF and CR, then passed over.
        assert!(matches!(
            escape_text("a\tb\u{0}\u{b}\u{c}"),
            Cow::Borrowed(_)
        ));
        assert_eq!(
            escape_text("\ta\u{1};\u{d}\t,\u{b}\n"),
            "\ta\u{1}\\;\\n\t\\,\u{b}\\n"
        );
        assert_eq!(
            escape_text("0123456\t89\u{0}bcdef,"),
            "0123456\t89\u{0}bcdef\\,"
        );
        let mut out = String::from(">");
        escape_text_into("\t;\u{0}", &mut out);
        assert_eq!(out, ">\t\\;\u{0}");
        escape_text_into("\t", &mut out);
        assert_eq!(out, ">\t\\;\u{0}\t");
    }

    #[test]
    fn split_handles_escaped_backslash_before_comma() {
        let items: Vec<_> = split_unescaped(r"a\\,b\,c,", b',').collect();
        assert_eq!(items, [r"a\\", r"b\,c", ""]);
        let items: Vec<_> = split_unescaped("", b',').collect();
        assert_eq!(items, [""]);
    }
}
