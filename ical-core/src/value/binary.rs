//! BINARY values (RFC 5545 §3.3.1): base64 of RFC 4648 §4.

use std::fmt;
use std::str::FromStr;

use super::{invalid, quote};
use crate::Error;

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// The 6-bit value of a base64 character, or `None`.
const fn sextet(c: u8) -> Option<u8> {
    match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'a'..=b'z' => Some(c - b'a' + 26),
        b'0'..=b'9' => Some(c - b'0' + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    }
}

fn char_of(sextet: u32) -> char {
    ALPHABET
        .get((sextet & 63) as usize)
        .map_or('A', |&b| char::from(b))
}

/// Decodes a BINARY value (RFC 5545 §3.3.1, base64 of RFC 4648 §4).
///
/// ```text
/// binary = *(4b-char) [b-end]
/// b-end  = (2b-char "==") / (3b-char "=")
/// b-char = ALPHA / DIGIT / "+" / "/"
/// ```
///
/// The decoder follows that grammar: the standard alphabet, padding
/// required, no whitespace (the content-line layer has already unfolded the
/// value). The unused low bits of the last character before the padding are
/// ignored, as RFC 4648 §3.5 permits, so every grammatical value decodes.
/// The encoder writes canonical base64 with padding.
///
/// Fails with [`crate::ErrorKind::InvalidValue`] for a character outside
/// the alphabet, a length that is not a multiple of four, or misplaced
/// padding.
///
/// ```
/// use kalends_ical_core::value::decode_base64;
/// assert_eq!(decode_base64("Zm9vYmFy")?, b"foobar");
/// assert_eq!(decode_base64("Zm9vYg==")?, b"foob");
/// assert!(decode_base64("Zm9vYg").is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn decode_base64(s: &str) -> Result<Vec<u8>, Error> {
    let bytes = s.as_bytes();
    let fail = |why: &str| {
        invalid(format!(
            "expected BINARY data in base64 (RFC 5545 §3.3.1, RFC 4648 §4), but {why} in {}.",
            quote(s)
        ))
    };
    if !bytes.len().is_multiple_of(4) {
        return Err(fail(&format!(
            "the length {} is not a multiple of 4",
            bytes.len()
        )));
    }
    let mut out = Vec::with_capacity(bytes.len() / 4 * 3);
    let mut chunks = bytes.chunks_exact(4).peekable();
    while let Some(chunk) = chunks.next() {
        let last = chunks.peek().is_none();
        let &[a, b, c, d] = chunk else {
            return Err(fail("the data ends early"));
        };
        let pad = match (c, d) {
            (b'=', b'=') => 2,
            (_, b'=') => 1,
            (b'=', _) => return Err(fail("padding `=` is followed by data")),
            _ => 0,
        };
        if pad > 0 && !last {
            return Err(fail("padding `=` appears before the end"));
        }
        let value = |ch: u8| {
            sextet(ch).ok_or_else(|| {
                fail(&format!(
                    "{} is not a base64 character",
                    quote(&char::from(ch).to_string())
                ))
            })
        };
        let a = u32::from(value(a)?);
        let b = u32::from(value(b)?);
        let c = if pad >= 2 { 0 } else { u32::from(value(c)?) };
        let d = if pad >= 1 { 0 } else { u32::from(value(d)?) };
        let n = (a << 18) | (b << 12) | (c << 6) | d;
        let [_, x, y, z] = n.to_be_bytes();
        out.push(x);
        if pad < 2 {
            out.push(y);
        }
        if pad < 1 {
            out.push(z);
        }
    }
    Ok(out)
}

/// Encodes `data` as base64 with padding (RFC 4648 §4), the text of a
/// BINARY value (RFC 5545 §3.3.1).
///
/// ```
/// use kalends_ical_core::value::encode_base64;
/// assert_eq!(encode_base64(b"foob"), "Zm9vYg==");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn encode_base64(data: &[u8]) -> String {
    let mut out = String::with_capacity(data.len().div_ceil(3).saturating_mul(4));
    encode_base64_into(data, &mut out);
    out
}

/// Appends the base64 of `data` to `out`, as [`encode_base64`] does.
pub fn encode_base64_into(data: &[u8], out: &mut String) {
    let mut chunks = data.chunks_exact(3);
    for chunk in chunks.by_ref() {
        if let &[x, y, z] = chunk {
            let n = u32::from_be_bytes([0, x, y, z]);
            out.extend([
                char_of(n >> 18),
                char_of(n >> 12),
                char_of(n >> 6),
                char_of(n),
            ]);
        }
    }
    match *chunks.remainder() {
        [x] => {
            let n = u32::from_be_bytes([0, x, 0, 0]);
            out.extend([char_of(n >> 18), char_of(n >> 12), '=', '=']);
        }
        [x, y] => {
            let n = u32::from_be_bytes([0, x, y, 0]);
            out.extend([char_of(n >> 18), char_of(n >> 12), char_of(n >> 6), '=']);
        }
        _ => {}
    }
}

/// A decoded BINARY value (RFC 5545 §3.3.1): the bytes, written as base64.
///
/// ```
/// use kalends_ical_core::value::Binary;
/// let b = Binary::parse("AAABAAEAEBAQAAEABAAoAQAAFgAAACgAAAAQAAAAIAAAAAEABAAA")?;
/// assert_eq!(&b.0[..4], &[0, 0, 1, 0]);
/// assert_eq!(b.to_string(), "AAABAAEAEBAQAAEABAAoAQAAFgAAACgAAAAQAAAAIAAAAAEABAAA");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Binary(pub Vec<u8>);

impl Binary {
    /// Decodes a BINARY value; see [`decode_base64`].
    pub fn parse(s: &str) -> Result<Binary, Error> {
        decode_base64(s).map(Binary)
    }
}

impl fmt::Display for Binary {
    /// Writes the bytes as base64 with padding.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&encode_base64(&self.0))
    }
}

impl FromStr for Binary {
    type Err = Error;
    fn from_str(s: &str) -> Result<Binary, Error> {
        Binary::parse(s)
    }
}

impl From<Vec<u8>> for Binary {
    fn from(bytes: Vec<u8>) -> Binary {
        Binary(bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 4648 §10 test vectors.
    #[test]
    fn rfc4648_vectors() {
        let cases = [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ];
        for (plain, encoded) in cases {
            assert_eq!(encode_base64(plain.as_bytes()), encoded);
            assert_eq!(decode_base64(encoded).unwrap(), plain.as_bytes());
        }
    }

    #[test]
    fn rejects_bad_shapes() {
        for bad in [
            "Zg=", "Zg", "Z===", "Zg==Zg==", "Zm9v!A==", "Zm=v", "Zm9v\n",
        ] {
            assert!(decode_base64(bad).is_err(), "{bad}");
        }
        // Non-zero unused bits are tolerated (RFC 4648 §3.5).
        assert_eq!(decode_base64("Zh==").unwrap(), b"f");
    }
}
