//! Transfer encodings of vCard values: base64 (vCard 2.1 `ENCODING=BASE64`,
//! 3.0 `ENCODING=b`, RFC 2426 §5 / RFC 2047 "B"), QUOTED-PRINTABLE (vCard
//! 2.1, RFC 2045 §6.7) and the `CHARSET` parameter of vCard 2.1.
//!
//! The codecs are small and total: decoding reports malformed input as an
//! [`Error`] and never panics.

use crate::error::{Error, ErrorKind, excerpt};

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Encodes bytes as standard base64 with padding (RFC 4648 §4).
///
/// ```
/// assert_eq!(kalends_vcard::codec::base64_encode(b"Hello"), "SGVsbG8=");
/// ```
pub fn base64_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3).saturating_mul(4));
    for chunk in bytes.chunks(3) {
        let b0 = chunk.first().copied().unwrap_or(0);
        let b1 = chunk.get(1).copied().unwrap_or(0);
        let b2 = chunk.get(2).copied().unwrap_or(0);
        let n = (u32::from(b0) << 16) | (u32::from(b1) << 8) | u32::from(b2);
        for (i, shift) in [18u32, 12, 6, 0].into_iter().enumerate() {
            if i <= chunk.len() {
                let idx = ((n >> shift) & 0x3f) as usize;
                out.push(char::from(B64.get(idx).copied().unwrap_or(b'A')));
            } else {
                out.push('=');
            }
        }
    }
    out
}

fn b64_value(c: u8) -> Option<u32> {
    match c {
        b'A'..=b'Z' => Some(u32::from(c - b'A')),
        b'a'..=b'z' => Some(u32::from(c - b'a') + 26),
        b'0'..=b'9' => Some(u32::from(c - b'0') + 52),
        // The URL-safe alphabet (RFC 4648 §5) is accepted too.
        b'+' | b'-' => Some(62),
        b'/' | b'_' => Some(63),
        _ => None,
    }
}

/// Decodes base64. Whitespace (folded vCard 2.1 blocks) is skipped; missing
/// padding is accepted; any other character is an error.
///
/// ```
/// use kalends_vcard::codec::base64_decode;
/// assert_eq!(base64_decode("SGVs\r\n bG8=")?, b"Hello");
/// assert_eq!(base64_decode("SGVsbG8")?, b"Hello");
/// assert!(base64_decode("SGV*").is_err());
/// # Ok::<(), kalends_vcard::Error>(())
/// ```
pub fn base64_decode(text: &str) -> Result<Vec<u8>, Error> {
    let mut out = Vec::with_capacity(text.len() / 4 * 3);
    let mut acc = 0u32;
    let mut bits = 0u32;
    let mut padding = false;
    for (i, c) in text.bytes().enumerate() {
        if c.is_ascii_whitespace() {
            continue;
        }
        if c == b'=' {
            padding = true;
            continue;
        }
        let v = match b64_value(c) {
            Some(v) if !padding => v,
            _ => {
                return Err(Error::new(
                    ErrorKind::InvalidValue,
                    format!(
                        "the base64 value `{}` has the character `{}` at offset {i}, which is not in the base64 alphabet (RFC 4648 §4).",
                        excerpt(text),
                        char::from(c).escape_default()
                    ),
                ));
            }
        };
        acc = (acc << 6) | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push(((acc >> bits) & 0xff) as u8);
        }
    }
    Ok(out)
}

/// Decodes QUOTED-PRINTABLE text whose soft line breaks are already removed
/// (the reader does that, see [`crate::parse_with`]). `=XX` is a byte in
/// hexadecimal; a `=` not followed by two hex digits is kept as it is, as
/// RFC 2045 §6.7 note (2) suggests for robust decoders (real vCard 2.1
/// files have such stray `=`). Decoding never fails; the `Result` leaves
/// room for stricter modes.
///
/// ```
/// use kalends_vcard::codec::qp_decode;
/// assert_eq!(qp_decode("caf=C3=A9=0D=0Aok")?, "café\r\nok".as_bytes());
/// assert_eq!(qp_decode("a=\\n b")?, b"a=\\n b");
/// # Ok::<(), kalends_vcard::Error>(())
/// ```
pub fn qp_decode(text: &str) -> Result<Vec<u8>, Error> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b != b'=' {
            out.push(b);
            i += 1;
            continue;
        }
        let hex = |j: usize| bytes.get(j).and_then(|c| char::from(*c).to_digit(16));
        match (hex(i + 1), hex(i + 2)) {
            (Some(h), Some(l)) => {
                out.push((h * 16 + l) as u8);
                i += 3;
            }
            _ => {
                // A trailing `=` is a soft break the producer left at the very
                // end of the value; nothing follows it.
                if i + 1 == bytes.len() {
                    break;
                }
                out.push(b'=');
                i += 1;
            }
        }
    }
    Ok(out)
}

/// Encodes text as QUOTED-PRINTABLE for vCard 2.1 without line breaks:
/// every byte outside printable ASCII, `=`, and a space or tab at the end
/// is written `=XX` (RFC 2045 §6.7 rules 1–3). Newlines become `=0D=0A`.
/// The writer inserts soft line breaks.
///
/// ```
/// assert_eq!(kalends_vcard::codec::qp_encode("a=b\né"), "a=3Db=0D=0A=C3=A9");
/// ```
pub fn qp_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let bytes = text.as_bytes();
    let mut prev_cr = false;
    for (i, &b) in bytes.iter().enumerate() {
        let last = i + 1 == bytes.len();
        match b {
            b'\n' => {
                if !prev_cr {
                    out.push_str("=0D");
                }
                out.push_str("=0A");
            }
            b'\r' => out.push_str("=0D"),
            b' ' | b'\t' if !last => out.push(char::from(b)),
            b'!'..=b'<' | b'>'..=b'~' => out.push(char::from(b)),
            _ => push_hex(&mut out, b),
        }
        prev_cr = b == b'\r';
    }
    out
}

fn push_hex(out: &mut String, b: u8) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    out.push('=');
    out.push(char::from(
        HEX.get(usize::from(b >> 4)).copied().unwrap_or(b'0'),
    ));
    out.push(char::from(
        HEX.get(usize::from(b & 0xf)).copied().unwrap_or(b'0'),
    ));
}

/// Decodes bytes in the character set named by a vCard 2.1 `CHARSET`
/// parameter: UTF-8, US-ASCII, ISO-8859-1 (Latin-1), ISO-8859-15 and
/// Windows-1252. Invalid UTF-8 and other character sets are errors of kind
/// [`ErrorKind::InvalidValue`] and [`ErrorKind::Unsupported`].
///
/// ```
/// use kalends_vcard::codec::decode_charset;
/// assert_eq!(decode_charset(b"caf\xe9", Some("ISO-8859-1"))?, "café");
/// assert_eq!(decode_charset(b"\x80", Some("windows-1252"))?, "€");
/// # Ok::<(), kalends_vcard::Error>(())
/// ```
pub fn decode_charset(bytes: &[u8], charset: Option<&str>) -> Result<String, Error> {
    if charset.is_none() {
        // No CHARSET: vCard 2.1 defaults to ASCII, and producers put their
        // platform's 8-bit set there; UTF-8 when it is valid, else Windows-1252.
        return Ok(match std::str::from_utf8(bytes) {
            Ok(s) => s.to_owned(),
            Err(_) => bytes.iter().map(|&b| cp1252(b)).collect(),
        });
    }
    let cs = charset.unwrap_or("UTF-8").to_ascii_lowercase();
    match cs.as_str() {
        "utf-8" | "utf8" | "us-ascii" | "ascii" => String::from_utf8(bytes.to_vec()).map_err(|e| {
            Error::new(
                ErrorKind::InvalidValue,
                format!(
                    "the decoded value is not valid {}: byte 0x{:02X} at offset {} (RFC 6350 §3.1).",
                    if cs.contains("ascii") { "US-ASCII" } else { "UTF-8" },
                    bytes.get(e.utf8_error().valid_up_to()).copied().unwrap_or(0),
                    e.utf8_error().valid_up_to()
                ),
            )
        }),
        "iso-8859-1" | "latin1" | "latin-1" | "iso8859-1" | "l1" => Ok(bytes.iter().map(|&b| char::from(b)).collect()),
        "iso-8859-15" | "latin9" | "latin-9" => Ok(bytes.iter().map(|&b| latin9(b)).collect()),
        "windows-1252" | "cp1252" | "x-cp1252" => Ok(bytes.iter().map(|&b| cp1252(b)).collect()),
        _ => Err(Error::new(
            ErrorKind::Unsupported,
            format!(
                "the character set `{}` is not supported; UTF-8, US-ASCII, ISO-8859-1, ISO-8859-15 and Windows-1252 are.",
                excerpt(charset.unwrap_or(""))
            ),
        )),
    }
}

/// One byte of Windows-1252 as a character (the C1 range holds typographic
/// characters; the five undefined bytes map to the C1 control of that number).
pub(crate) fn cp1252(b: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž',
        '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}',
        'ž', 'Ÿ',
    ];
    if (0x80..0xa0).contains(&b) {
        HIGH.get(usize::from(b - 0x80))
            .copied()
            .unwrap_or('\u{fffd}')
    } else {
        char::from(b)
    }
}

fn latin9(b: u8) -> char {
    match b {
        0xa4 => '€',
        0xa6 => 'Š',
        0xa8 => 'š',
        0xb4 => 'Ž',
        0xb8 => 'ž',
        0xbc => 'Œ',
        0xbd => 'œ',
        0xbe => 'Ÿ',
        _ => char::from(b),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_rfc4648_vectors() {
        // RFC 4648 §10.
        for (plain, enc) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64_encode(plain.as_bytes()), enc);
            assert_eq!(base64_decode(enc).unwrap(), plain.as_bytes());
        }
    }

    #[test]
    fn base64_rejects_data_after_padding() {
        assert!(base64_decode("Zg==Zg").is_err());
    }

    #[test]
    fn qp_round_trip_and_errors() {
        let s = "Tab\tend \nline=two ü";
        assert_eq!(
            qp_decode(&qp_encode(s)).unwrap(),
            s.replace('\n', "\r\n").as_bytes()
        );
        assert_eq!(qp_encode("end "), "end=20");
        assert_eq!(qp_decode("a=4G").unwrap(), b"a=4G");
        assert_eq!(qp_decode("abc=").unwrap(), b"abc");
        assert_eq!(qp_decode("=3d").unwrap(), b"=");
    }

    #[test]
    fn charsets() {
        assert_eq!(decode_charset(b"\xa4", Some("ISO-8859-15")).unwrap(), "€");
        assert_eq!(decode_charset(b"\xa4", Some("iso-8859-1")).unwrap(), "¤");
        assert!(decode_charset(b"\xff", Some("UTF-8")).is_err());
        assert_eq!(decode_charset(b"\x92", None).unwrap(), "’");
        assert_eq!(
            decode_charset(b"x", Some("Shift_JIS")).unwrap_err().kind(),
            ErrorKind::Unsupported
        );
    }
}
