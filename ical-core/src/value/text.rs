//! TEXT values (RFC 5545 §3.3.11): backslash escapes and comma-separated lists.

use std::borrow::Cow;

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
    let Some(first) = memchr::memchr(b'\\', s.as_bytes()) else {
        return Cow::Borrowed(s);
    };
    let mut out = String::with_capacity(s.len());
    out.push_str(s.get(..first).unwrap_or(""));
    let mut chars = s.get(first..).unwrap_or("").chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('\\') => out.push('\\'),
            Some(';') => out.push(';'),
            Some(',') => out.push(','),
            Some('n' | 'N') => out.push('\n'),
            Some(other) => {
                out.push('\\');
                out.push(other);
            }
            None => out.push('\\'),
        }
    }
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
    if !s.bytes().any(needs_escape) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    escape_text_into(s, &mut out);
    Cow::Owned(out)
}

fn needs_escape(b: u8) -> bool {
    matches!(b, b'\\' | b';' | b',' | b'\n' | b'\r')
}

/// Appends `s`, encoded as TEXT as [`escape_text`] does, to `out`.
pub fn escape_text_into(s: &str, out: &mut String) {
    let mut rest = s;
    while let Some(at) = rest.bytes().position(needs_escape) {
        out.push_str(rest.get(..at).unwrap_or(""));
        let tail = rest.get(at..).unwrap_or("");
        let (escaped, used) = match tail.as_bytes() {
            [b'\r', b'\n', ..] => ("\\n", 2),
            [b'\r' | b'\n', ..] => ("\\n", 1),
            [b'\\', ..] => ("\\\\", 1),
            [b';', ..] => ("\\;", 1),
            [b',', ..] => ("\\,", 1),
            _ => ("", 1),
        };
        out.push_str(escaped);
        rest = tail.get(used..).unwrap_or("");
    }
    out.push_str(rest);
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
