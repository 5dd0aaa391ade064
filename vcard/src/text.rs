//! TEXT escaping and the splitting of list and structured values
//! (RFC 6350 §3.4 and §4.1, RFC 2426 §4, vCard 2.1 §2.1.3).

use std::borrow::Cow;

use crate::version::Version;

/// Decodes escapes in a TEXT value of `version`.
///
/// vCard 3.0 and 4.0: `\n`/`\N` → newline, `\\`, `\,`, `\;` → the character
/// (RFC 6350 §3.4); `\:` is accepted too. An unknown escape keeps its
/// backslash. vCard 2.1 escapes `;` (producers also escape `,` and `\`);
/// other backslashes are literal there (`C:\temp`).
///
/// ```
/// use kalends_vcard::{text::unescape, Version};
/// assert_eq!(unescape("a\\, b\\nc\\\\", Version::V4_0), "a, b\nc\\");
/// assert_eq!(unescape("C:\\temp\\; x", Version::V2_1), "C:\\temp; x");
/// ```
pub fn unescape(text: &str, version: Version) -> Cow<'_, str> {
    if !text.contains('\\') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match (version, chars.peek().copied()) {
            (_, Some(e @ (';' | ',' | '\\'))) => {
                out.push(e);
                chars.next();
            }
            (Version::V2_1, _) => out.push('\\'),
            (_, Some('n' | 'N')) => {
                out.push('\n');
                chars.next();
            }
            (_, Some(':')) => {
                out.push(':');
                chars.next();
            }
            _ => out.push('\\'),
        }
    }
    Cow::Owned(out)
}

/// Escapes text for a TEXT value of `version`.
///
/// vCard 3.0 and 4.0: `\`, `,`, `;` and newlines (RFC 6350 §3.4; the
/// semicolon is escaped everywhere, which §3.4 allows). vCard 2.1: `;` and
/// `\` are escaped; newlines and non-ASCII text need QUOTED-PRINTABLE, which
/// [`crate::Property::set_text`] adds.
///
/// ```
/// use kalends_vcard::{text::escape, Version};
/// assert_eq!(escape("a, b;\nc\\", Version::V4_0), "a\\, b\\;\\nc\\\\");
/// ```
pub fn escape(text: &str, version: Version) -> Cow<'_, str> {
    let special: &[char] = match version {
        Version::V2_1 => &[';', '\\'],
        _ => &['\\', ';', ',', '\n', '\r'],
    };
    if !text.contains(special) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (version, c) {
            (_, ';') => out.push_str("\\;"),
            (_, '\\') => out.push_str("\\\\"),
            (Version::V2_1, c) => out.push(c),
            (_, ',') => out.push_str("\\,"),
            (_, '\r') if chars.peek() == Some(&'\n') => {}
            (_, '\n' | '\r') => out.push_str("\\n"),
            (_, c) => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Splits `text` at every `sep` that is not escaped by a backslash.
///
/// ```
/// use kalends_vcard::text::split_unescaped;
/// assert_eq!(split_unescaped("a\\;b;c;", ';'), ["a\\;b", "c", ""]);
/// ```
pub fn split_unescaped(text: &str, sep: char) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut start = 0;
    let mut escaped = false;
    for (i, c) in text.char_indices() {
        if escaped {
            escaped = false;
        } else if c == '\\' {
            escaped = true;
        } else if c == sep {
            parts.push(text.get(start..i).unwrap_or(""));
            start = i + c.len_utf8();
        }
    }
    parts.push(text.get(start..).unwrap_or(""));
    parts
}

/// Reads a structured value (`;`-separated components, each optionally a
/// `,`-separated list when `lists` is true), unescaping each value.
///
/// ```
/// use kalends_vcard::{text::parse_structured, Version};
/// let n = parse_structured("Stevenson;John;Philip,Paul;Dr.;Jr.", true, Version::V4_0);
/// assert_eq!(n[2], ["Philip", "Paul"]);
/// let org = parse_structured("ABC\\, Inc.;Marketing", false, Version::V4_0);
/// assert_eq!(org, [vec!["ABC, Inc."], vec!["Marketing"]]);
/// ```
pub fn parse_structured(text: &str, lists: bool, version: Version) -> Vec<Vec<String>> {
    split_unescaped(text, ';')
        .into_iter()
        .map(|component| {
            if lists {
                split_unescaped(component, ',')
                    .into_iter()
                    .map(|v| unescape(v, version).into_owned())
                    .collect()
            } else {
                vec![unescape(component, version).into_owned()]
            }
        })
        .collect()
}

/// Writes a structured value: components joined by `;`, list values by `,`,
/// each value escaped for `version`.
///
/// ```
/// use kalends_vcard::{text::format_structured, Version};
/// let v = vec![vec!["Doe".to_owned()], vec!["Jane".to_owned(), "Ann".to_owned()]];
/// assert_eq!(format_structured(&v, Version::V4_0), "Doe;Jane,Ann");
/// ```
pub fn format_structured(components: &[Vec<String>], version: Version) -> String {
    let mut out = String::new();
    for (i, component) in components.iter().enumerate() {
        if i > 0 {
            out.push(';');
        }
        for (j, value) in component.iter().enumerate() {
            if j > 0 {
                out.push(',');
            }
            out.push_str(&escape(value, version));
        }
    }
    out
}

/// Reads a `,`-separated list of TEXT values (NICKNAME, CATEGORIES).
pub fn parse_list(text: &str, version: Version) -> Vec<String> {
    split_unescaped(text, ',')
        .into_iter()
        .map(|v| unescape(v, version).into_owned())
        .collect()
}

/// Writes a `,`-separated list of TEXT values.
pub fn format_list<S: AsRef<str>>(values: &[S], version: Version) -> String {
    let mut out = String::new();
    for (i, v) in values.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&escape(v.as_ref(), version));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips() {
        for v in [Version::V3_0, Version::V4_0] {
            let s = "a\\b;c,d\ne: f";
            assert_eq!(unescape(&escape(s, v), v), s);
        }
        assert_eq!(unescape("x\\qy", Version::V4_0), "x\\qy");
        assert_eq!(unescape("end\\", Version::V4_0), "end\\");
    }

    #[test]
    fn structured_with_escaped_separators() {
        let v = parse_structured("a\\;b;c\\,d,e;", true, Version::V4_0);
        assert_eq!(
            v,
            [
                vec!["a;b".to_owned()],
                vec!["c,d".to_owned(), "e".to_owned()],
                vec![String::new()]
            ]
        );
        assert_eq!(format_structured(&v, Version::V4_0), "a\\;b;c\\,d,e;");
    }

    #[test]
    fn escaped_backslash_before_separator() {
        assert_eq!(split_unescaped("a\\\\;b", ';'), ["a\\\\", "b"]);
    }
}
