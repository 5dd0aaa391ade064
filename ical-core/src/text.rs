//! TEXT escaping (RFC 5545 §3.3.11), used by the tree's text accessors.

use std::borrow::Cow;

/// Escapes `\`, `;`, `,` and newlines for a TEXT value (RFC 5545 §3.3.11).
pub(crate) fn escape(text: &str) -> Cow<'_, str> {
    if !text.contains(['\\', ';', ',', '\n', '\r']) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Decodes a TEXT value: `\n`/`\N` → newline, `\\`, `\;`, `\,` → the
/// character. An unknown escape keeps its backslash (lenient, as most
/// readers are; RFC 5545 §3.3.11 lists only these four).
pub(crate) fn unescape(text: &str) -> Cow<'_, str> {
    if !text.contains('\\') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n' | 'N') => out.push('\n'),
            Some(e @ ('\\' | ';' | ',')) => out.push(e),
            Some(other) => {
                out.push('\\');
                out.push(other);
            }
            None => out.push('\\'),
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        let s = "a\\b;c,d\ne";
        assert_eq!(escape(s), "a\\\\b\\;c\\,d\\ne");
        assert_eq!(unescape(&escape(s)), s);
        assert_eq!(unescape("x\\Ny\\q"), "x\ny\\q");
        assert!(matches!(escape("plain"), Cow::Borrowed(_)));
    }
}
