//! SHA-1 (FIPS 180-4) and name-based UUIDs version 5 (RFC 9562 §5.5), for
//! the stable keys of draft-ietf-calext-jscalendar-icalendar-25 §2.1.3.
//!
//! SHA-1 is used here only to derive identifiers, never for security.

use sha1::Digest;

/// The namespace of draft -25 §2.1.3 for the UUIDv5 keys of converted
/// iCalendar elements: `7f1e1965-ae73-4454-b088-232c90730ce2`.
pub(crate) const NAMESPACE: [u8; 16] = [
    0x7f, 0x1e, 0x19, 0x65, 0xae, 0x73, 0x44, 0x54, 0xb0, 0x88, 0x23, 0x2c, 0x90, 0x73, 0x0c, 0xe2,
];

/// The SHA-1 digest of the concatenation of `parts` (the known-answer
/// tests of [`Sha1`]).
#[cfg(test)]
pub(crate) fn sha1(parts: &[&[u8]]) -> [u8; 20] {
    let mut s = Sha1::new();
    for part in parts {
        s.update(part, false);
    }
    s.finish()
}

/// A SHA-1 computation fed in pieces (FIPS 180-4 §6.1), on the RustCrypto
/// `sha1` crate, which uses the CPU's SHA extensions where it has them.
struct Sha1(sha1::Sha1);

impl Sha1 {
    fn new() -> Sha1 {
        Sha1(sha1::Sha1::new())
    }

    /// Adds `bytes` to the input, in ASCII lower case when `lower` (a
    /// key's base is hashed lower-cased without copying it to the heap
    /// first: it goes through a block-sized buffer on the stack).
    fn update(&mut self, bytes: &[u8], lower: bool) {
        if !lower {
            self.0.update(bytes);
            return;
        }
        let mut buffer = [0u8; 64];
        for chunk in bytes.chunks(64) {
            if let Some(dst) = buffer.get_mut(..chunk.len()) {
                dst.copy_from_slice(chunk);
                dst.make_ascii_lowercase();
                self.0.update(&*dst);
            }
        }
    }

    /// The digest.
    fn finish(self) -> [u8; 20] {
        self.0.finalize().into()
    }
}

/// The UUIDv5 of `name` in the draft's namespace, in lower-case hex with
/// dashes (RFC 9562 §5.5, §4).
#[cfg(test)]
pub(crate) fn uuid_v5(name: &str) -> String {
    uuid_v5_parts(&[name.as_bytes()])
}

/// The UUIDv5 of the concatenation of `parts` in the draft's namespace
/// (the library makes keys with [`uuid_v5_key`]; this text form is for
/// the tests).
#[cfg(test)]
pub(crate) fn uuid_v5_parts(parts: &[&[u8]]) -> String {
    let key = uuid_v5_key(parts, false);
    // The text is ASCII: the check cannot fail.
    std::str::from_utf8(&key).unwrap_or_default().to_owned()
}

/// The UUIDv5 of the concatenation of `parts` (each in ASCII lower case
/// when `lower`) in the draft's namespace, as its 36 characters of text
/// (lower-case hex with dashes): made without allocating, to compare with
/// a key.
pub(crate) fn uuid_v5_key(parts: &[&[u8]], lower: bool) -> [u8; 36] {
    let mut s = Sha1::new();
    s.update(&NAMESPACE, false);
    for part in parts {
        s.update(part, lower);
    }
    let digest = s.finish();
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(digest.get(..16).unwrap_or(&[0u8; 16]));
    if let Some(b) = bytes.get_mut(6) {
        *b = (*b & 0x0f) | 0x50;
    }
    if let Some(b) = bytes.get_mut(8) {
        *b = (*b & 0x3f) | 0x80;
    }
    // Two hex digits per byte at these places of the 8-4-4-4-12 text
    // (RFC 9562 §4), dashes between.
    const HEX: &[u8; 16] = b"0123456789abcdef";
    const AT: [usize; 16] = [0, 2, 4, 6, 9, 11, 14, 16, 19, 21, 24, 26, 28, 30, 32, 34];
    let mut out = [b'-'; 36];
    for (&at, b) in AT.iter().zip(bytes) {
        let hi = HEX.get(usize::from(b >> 4)).copied().unwrap_or(b'0');
        let lo = HEX.get(usize::from(b & 0xf)).copied().unwrap_or(b'0');
        if let Some(pair) = out.get_mut(at..at + 2) {
            pair.copy_from_slice(&[hi, lo]);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(d: &[u8]) -> String {
        d.iter().map(|b| format!("{b:02x}")).collect()
    }

    #[test]
    fn sha1_known_answers() {
        // FIPS 180-4 examples.
        assert_eq!(
            hex(&sha1(&[b"abc"])),
            "a9993e364706816aba3e25717850c26c9cd0d89d"
        );
        assert_eq!(
            hex(&sha1(&[b""])),
            "da39a3ee5e6b4b0d3255bfef95601890afd80709"
        );
        assert_eq!(
            hex(&sha1(&[
                b"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"
            ])),
            "84983e441c3bd26ebaae4aa1f95129e5e54670f1"
        );
        assert_eq!(hex(&sha1(&[b"ab", b"c"])), hex(&sha1(&[b"abc"])));
        let million = vec![b'a'; 1_000_000];
        assert_eq!(
            hex(&sha1(&[&million])),
            "34aa973cd4c4daa4f61eeb2bdbad27316534016f"
        );
        // Lengths around the padding boundary, fed in pieces.
        let text = b"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
        assert_eq!(
            hex(&sha1(&[&text[..7], &text[7..40], &text[40..]])),
            "84983e441c3bd26ebaae4aa1f95129e5e54670f1"
        );
    }

    #[test]
    fn keys_are_made_from_lower_cased_parts_as_from_lower_case_text() {
        assert_eq!(
            &uuid_v5_key(&[b"MAILTO:Foo@Example.COM"], true),
            uuid_v5("mailto:foo@example.com").as_bytes()
        );
        assert_eq!(
            &uuid_v5_key(&[b"Mailto:Foo@example.com", b"\0", b"12"], true),
            uuid_v5("mailto:foo@example.com\u{0}12").as_bytes()
        );
        assert_eq!(
            &uuid_v5_key(&[b"Mailto:", b"Foo"], false),
            uuid_v5("Mailto:Foo").as_bytes()
        );
        // Names around the padding boundary (the namespace takes 16
        // bytes of the first block).
        for len in [39, 40, 47, 48, 49, 103, 104, 112] {
            let name = "x".repeat(len);
            assert_eq!(
                uuid_v5(&name),
                uuid_v5_parts(&[&name.as_bytes()[..5], &name.as_bytes()[5..]])
            );
        }
    }

    #[test]
    fn uuid_v5_matches_the_draft_examples() {
        // draft-ietf-calext-jscalendar-icalendar-25 Figures 17, 19, 61.
        assert_eq!(
            uuid_v5("https://example.com/foo.pdf"),
            "245708bf-8e07-5d3b-a5da-2974a63c3b91"
        );
        assert_eq!(
            uuid_v5("mailto:organizer@example.com"),
            "251d3e9f-d83f-534c-8c45-c2896c75670c"
        );
        assert_eq!(
            uuid_v5("mailto:foo@example.com"),
            "59eb121c-e8f2-558a-9049-ef750a5976bd"
        );
    }
}
