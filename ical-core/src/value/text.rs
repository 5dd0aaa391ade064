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
    let Some(first) = find_byte(s.as_bytes(), 0, escaped_bytes) else {
        return Cow::Borrowed(s);
    };
    let mut out = String::with_capacity(escaped_capacity(s.len()));
    escape_from(s, first, &mut out);
    Cow::Owned(out)
}

/// Appends `s`, encoded as TEXT as [`escape_text`] does, to `out`.
pub fn escape_text_into(s: &str, out: &mut String) {
    match find_byte(s.as_bytes(), 0, escaped_bytes) {
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

/// Escapes `s` into `out`; `at` is the position of the first byte that
/// needs escaping. The runs between such bytes are copied whole.
fn escape_from(s: &str, mut at: usize, out: &mut String) {
    let bytes = s.as_bytes();
    // `s[..done]` is escaped into `out`.
    let mut done = 0;
    loop {
        out.push_str(s.get(done..at).unwrap_or(""));
        let (escaped, used) = match bytes.get(at..) {
            Some([b'\r', b'\n', ..]) => ("\\n", 2),
            Some([b'\r' | b'\n', ..]) => ("\\n", 1),
            Some([b'\\', ..]) => ("\\\\", 1),
            Some([b';', ..]) => ("\\;", 1),
            Some([b',', ..]) => ("\\,", 1),
            // Not reached: `at` is always one of the bytes above.
            _ => ("", 1),
        };
        out.push_str(escaped);
        done = at.saturating_add(used);
        match find_byte(bytes, done, escaped_bytes) {
            Some(next) => at = next,
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
/// semicolon, comma, LF and CR (see [`zero_bytes`]).
#[inline(always)]
fn escaped_bytes(word: u64) -> u64 {
    zero_bytes(word ^ splat(b'\\'))
        | zero_bytes(word ^ splat(b';'))
        | zero_bytes(word ^ splat(b','))
        | zero_bytes(word ^ splat(b'\n'))
        | zero_bytes(word ^ splat(b'\r'))
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
    fn split_handles_escaped_backslash_before_comma() {
        let items: Vec<_> = split_unescaped(r"a\\,b\,c,", b',').collect();
        assert_eq!(items, [r"a\\", r"b\,c", ""]);
        let items: Vec<_> = split_unescaped("", b',').collect();
        assert_eq!(items, [""]);
    }
}
