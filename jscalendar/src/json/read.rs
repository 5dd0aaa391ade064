//! Reading JSON text (RFC 8259) into a [`Json`] tree.
//!
//! A hand-written recursive-descent reader instead of serde's visitor
//! protocol: JSCalendar data read back to iCalendar is large, and going
//! through `MapAccess` cost about as much as everything else the reader
//! does. What it accepts is exactly RFC 8259's grammar (a test compares it
//! with `serde_json` on generated and mutated input):
//!
//! - whitespace is space, tab, line feed and carriage return (§2);
//! - numbers follow §6; integers that fit `u64` / `i64` stay exact, others
//!   and those with a fraction or exponent are read as the nearest `f64`
//!   (a number beyond `f64`'s range is an error, as is `-0` kept as
//!   `-0.0`, the reading `serde_json` has);
//! - strings follow §7: control characters must be escaped, `\u` escapes
//!   of a UTF-16 surrogate pair make one character, and a surrogate without
//!   its partner is an error (§8.2 leaves it open; `serde_json` and most
//!   readers reject it, and a Rust string cannot hold one);
//! - an object with the same name twice keeps the last value, at the place
//!   of the first (§4 leaves duplicate names to the reader; this is what
//!   `serde_json` and JavaScript's `JSON.parse` keep, the value).
//!
//! Strings without escapes borrow from the text. Members and elements are
//! gathered on one shared stack and moved into an exactly sized `Vec` when
//! their object or array closes, so each object or array costs one
//! allocation. Nesting is limited (a typed error, never a stack overflow).

use std::collections::HashMap;

use serde_json::Number;

use super::{INDEX_FROM, Json, JsonObject, Str, find_escape, same_key};
use crate::error::{Error, ErrorKind};

/// The deepest nesting of arrays and objects [`Json::parse`] reads, the
/// same limit `serde_json` has.
pub const MAX_DEPTH: usize = 128;

/// Reads `text` as one JSON value with nesting up to `max_depth`; `deep`
/// makes the error for deeper nesting.
pub(crate) fn parse<'a>(
    text: &'a str,
    max_depth: usize,
    deep: fn() -> Error,
) -> Result<Json<'a>, Error> {
    let mut r = Reader {
        text,
        pos: 0,
        depth: 0,
        max_depth,
        deep,
        members: Vec::new(),
        elements: Vec::new(),
        scratch: String::new(),
    };
    r.skip_space();
    let value = r.value()?;
    r.skip_space();
    match r.peek() {
        None => Ok(value),
        Some(_) => Err(r.error("trailing characters after the JSON value")),
    }
}

/// One bit of 64 standing for a member name, made of its length and its
/// first and last bytes: names with different bits differ, so an object
/// keeps the bits of its names so far and compares names only when a new
/// name's bit is among them (rare: objects have a few members).
#[inline]
fn name_bit(name: &[u8]) -> u64 {
    let end = |b: Option<&u8>| b.copied().map_or(0, u32::from);
    let (first, last) = (end(name.first()), end(name.last()));
    // Cheap, and it spreads JSCalendar's names as evenly as a random
    // pick would (checked on the names in this crate). On a converted
    // calendar it found fewer false matches than a multiplicative hash of
    // the same three parts (10,540 against 90,364 of 655,150 members),
    // each a search through the object's earlier names.
    let mixed = (name.len() as u32) ^ first ^ (last << 1) ^ (last >> 5);
    1 << (mixed & 63)
}

/// The items of `stack` from `start` on, moved into a `Vec` of exactly
/// their number (one allocation for an object's or array's own items).
fn take_from<T>(stack: &mut Vec<T>, start: usize) -> Vec<T> {
    // `split_off` allocates exactly the items' number and moves them with
    // one `memcpy` (`drain` + `extend` moved them one by one).
    stack.split_off(start.min(stack.len()))
}

struct Reader<'a> {
    text: &'a str,
    pos: usize,
    depth: usize,
    max_depth: usize,
    deep: fn() -> Error,
    /// Members of the objects being read, innermost last.
    members: Vec<(Str<'a>, Json<'a>)>,
    /// Elements of the arrays being read, innermost last.
    elements: Vec<Json<'a>>,
    /// Where strings with escapes are decoded.
    scratch: String,
}

impl<'a> Reader<'a> {
    /// The text's bytes. Not a field of its own: read through `text`, a
    /// byte found to be ASCII is known to the compiler to be a character
    /// boundary, which spares the checks of slicing `text` there.
    #[inline(always)]
    fn bytes(&self) -> &'a [u8] {
        self.text.as_bytes()
    }

    #[inline]
    fn peek(&self) -> Option<u8> {
        self.bytes().get(self.pos).copied()
    }

    /// Skips RFC 8259 §2 whitespace.
    #[inline]
    fn skip_space(&mut self) {
        while let Some(b' ' | b'\n' | b'\r' | b'\t') = self.peek() {
            self.pos += 1;
        }
    }

    /// Passes `byte` after any whitespace; false, with only the
    /// whitespace passed, when another byte comes.
    ///
    /// The byte is looked at before the whitespace: compact text has none,
    /// and `skip_space` and a second look cost more than the first look.
    #[inline(always)]
    fn pass(&mut self, byte: u8) -> bool {
        if self.peek() != Some(byte) {
            self.skip_space();
            if self.peek() != Some(byte) {
                return false;
            }
        }
        self.pos += 1;
        true
    }

    /// A value, at its first byte.
    ///
    /// Always inlined, into [`Reader::object`] and [`Reader::array`] (and
    /// `parse`): scalars, most values, are read without a call, and the
    /// recursion goes through those two, one call per object or array.
    #[inline(always)]
    fn value(&mut self) -> Result<Json<'a>, Error> {
        match self.peek() {
            Some(b'"') => Ok(Json::String(self.string()?)),
            Some(b'{') => self.object(),
            Some(b'[') => self.array(),
            Some(b't') => self.word("true", Json::Bool(true)),
            Some(b'f') => self.word("false", Json::Bool(false)),
            Some(b'n') => self.word("null", Json::Null),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(_) => Err(self.error_found("expected a JSON value")),
            None => Err(self.error("the text ends where a value was expected")),
        }
    }

    fn word(&mut self, word: &str, value: Json<'a>) -> Result<Json<'a>, Error> {
        let end = self.pos.saturating_add(word.len());
        if self.bytes().get(self.pos..end) == Some(word.as_bytes()) {
            self.pos = end;
            Ok(value)
        } else {
            Err(self.error_found("expected a JSON value"))
        }
    }

    fn enter(&mut self) -> Result<(), Error> {
        self.depth += 1;
        if self.depth > self.max_depth {
            let (line, column) = self.location(self.pos);
            return Err((self.deep)().with_text_location(line, column));
        }
        self.pos += 1; // the `{` or `[`
        self.skip_space();
        Ok(())
    }

    #[inline(never)]
    fn object(&mut self) -> Result<Json<'a>, Error> {
        self.enter()?;
        let start = self.members.len();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            self.depth -= 1;
            return Ok(Json::Object(JsonObject::new()));
        }
        // The [`name_bit`]s of the names read so far.
        let mut names = 0u64;
        // From `INDEX_FROM` members on, where each name is: with 64 bits,
        // a large object would compare every new name with all the earlier
        // ones, quadratic time on input made of one big object.
        let mut index: Option<HashMap<Box<[u8]>, usize>> = None;
        loop {
            if self.peek() != Some(b'"') {
                return Err(self.error_found("expected an object member name in quotes"));
            }
            let key = self.string()?;
            if !self.pass(b':') {
                return Err(self.error_found("expected `:` after an object member name"));
            }
            self.skip_space();
            let value = self.value()?;
            // RFC 8259 §4: the last of duplicate names wins (at the first's place).
            let duplicate = match &index {
                Some(index) => index.get(key.bytes()).copied(),
                None => {
                    let bit = name_bit(key.bytes());
                    let earlier = names & bit != 0;
                    names |= bit;
                    earlier
                        .then(|| {
                            self.members
                                .get(start..)
                                .unwrap_or_default()
                                .iter()
                                .position(|(k, _)| same_key(k.bytes(), key.bytes()))
                                .map(|i| start + i)
                        })
                        .flatten()
                }
            };
            match duplicate.and_then(|i| self.members.get_mut(i)) {
                Some(slot) => slot.1 = value,
                None => {
                    if let Some(index) = &mut index {
                        index.insert(key.bytes().into(), self.members.len());
                    }
                    self.members.push((key, value));
                    if index.is_none() && self.members.len() - start == INDEX_FROM {
                        let members = self.members.get(start..).unwrap_or_default();
                        index = Some(
                            members
                                .iter()
                                .enumerate()
                                .map(|(i, (k, _))| (k.bytes().into(), start + i))
                                .collect(),
                        );
                    }
                }
            }
            if !self.more(b'}', "an object member")? {
                break;
            }
        }
        self.depth -= 1;
        Ok(Json::Object(JsonObject {
            entries: take_from(&mut self.members, start),
        }))
    }

    #[inline(never)]
    fn array(&mut self) -> Result<Json<'a>, Error> {
        self.enter()?;
        let start = self.elements.len();
        if self.peek() == Some(b']') {
            self.pos += 1;
            self.depth -= 1;
            return Ok(Json::Array(Vec::new()));
        }
        loop {
            let value = self.value()?;
            self.elements.push(value);
            if !self.more(b']', "an array element")? {
                break;
            }
        }
        self.depth -= 1;
        Ok(Json::Array(take_from(&mut self.elements, start)))
    }

    /// After a member or element (`what`): true at a `,` (which must not
    /// come right before `close`), false at `close`; both are passed.
    /// Always inlined, with its errors made out of line: a call here for
    /// every member cost 5% of reading.
    #[inline(always)]
    fn more(&mut self, close: u8, what: &'static str) -> Result<bool, Error> {
        // As in `pass`: compact text has the `,` right here.
        if self.peek() != Some(b',') {
            self.skip_space();
        }
        match self.peek() {
            Some(b',') => {
                self.pos += 1;
                self.skip_space();
                if self.peek() == Some(close) {
                    return Err(self.separator_error(close, None));
                }
                Ok(true)
            }
            Some(b) if b == close => {
                self.pos += 1;
                Ok(false)
            }
            _ => Err(self.separator_error(close, Some(what))),
        }
    }

    /// A trailing comma before `close` (`what` is `None`), or neither `,`
    /// nor `close` after `what`.
    #[cold]
    #[inline(never)]
    fn separator_error(&self, close: u8, what: Option<&str>) -> Error {
        let close = char::from(close);
        match what {
            None => self.error(&format!("a trailing comma before `{close}`")),
            Some(what) => self.error_found(&format!("expected `,` or `{close}` after {what}")),
        }
    }

    /// A string (RFC 8259 §7), at its opening quote.
    ///
    /// Always inlined: most strings have no escapes and are short (keys
    /// and values of 14 bytes on average), so the call, not the scan, was
    /// most of their cost. Everything else is in [`Reader::escaped_string`].
    #[inline(always)]
    fn string(&mut self) -> Result<Str<'a>, Error> {
        let start = self.pos + 1;
        let at = find_escape(self.bytes(), start);
        if let Some(at) = at
            && self.bytes().get(at) == Some(&b'"')
            // Two one-sided slicings: `get(start..at)` was left out of
            // line by the compiler in one of the places this is inlined.
            && let Some(s) = self.text.get(..at).and_then(|t| t.get(start..))
        {
            // No escapes: borrow the text.
            self.pos = at + 1;
            return Ok(Str::borrowed(s));
        }
        self.escaped_string(at)
    }

    /// The rest of [`Reader::string`]: the string at `pos` whose first byte
    /// to escape (or end of text, `None`) is `at` and is not its closing
    /// quote: an escape, a control character or an unclosed string.
    #[inline(never)]
    fn escaped_string(&mut self, at: Option<usize>) -> Result<Str<'a>, Error> {
        let open = self.pos;
        let start = open + 1;
        let Some(mut at) = at else {
            self.pos = self.bytes().len();
            return Err(self.error_at(open, "a string is not closed"));
        };
        self.scratch.clear();
        let mut done = start;
        loop {
            self.scratch
                .push_str(self.text.get(done..at).unwrap_or_default());
            match self.bytes().get(at).copied() {
                Some(b'"') => {
                    self.pos = at + 1;
                    return Ok(Str::copied(&self.scratch));
                }
                Some(b'\\') => done = self.escape(at)?,
                Some(b) => {
                    return Err(self.error_at(
                        at,
                        &format!("the control character U+{b:04X} must be escaped inside a string"),
                    ));
                }
                None => return Err(self.error_at(open, "a string is not closed")),
            }
            at = match find_escape(self.bytes(), done) {
                Some(next) => next,
                None => return Err(self.error_at(open, "a string is not closed")),
            };
        }
    }

    /// Decodes the escape at `at` (a backslash) into `scratch`; returns
    /// where the text goes on.
    fn escape(&mut self, at: usize) -> Result<usize, Error> {
        let c = match self.bytes().get(at + 1).copied() {
            Some(b'"') => '"',
            Some(b'\\') => '\\',
            Some(b'/') => '/',
            Some(b'b') => '\u{8}',
            Some(b'f') => '\u{c}',
            Some(b'n') => '\n',
            Some(b'r') => '\r',
            Some(b't') => '\t',
            Some(b'u') => return self.unicode_escape(at),
            Some(_) => return Err(self.error_at(at, "an unknown escape in a string")),
            None => return Err(self.error_at(at, "a string is not closed")),
        };
        self.scratch.push(c);
        Ok(at + 2)
    }

    /// Decodes `\uXXXX` at `at`, with the second half of a surrogate pair.
    fn unicode_escape(&mut self, at: usize) -> Result<usize, Error> {
        let first = self.hex4(at)?;
        let (code, end) = match first {
            0xD800..=0xDBFF => {
                let low_at = at + 6;
                if self.bytes().get(low_at..low_at + 2) != Some(b"\\u") {
                    return Err(self.error_at(
                        at,
                        "a `\\u` escape of a leading surrogate is not followed by its trailing surrogate",
                    ));
                }
                let low = self.hex4(low_at)?;
                if !(0xDC00..=0xDFFF).contains(&low) {
                    return Err(self.error_at(
                        low_at,
                        "a `\\u` escape of a leading surrogate is not followed by its trailing surrogate",
                    ));
                }
                let code = 0x1_0000 + ((first - 0xD800) << 10) + (low - 0xDC00);
                (code, low_at + 6)
            }
            0xDC00..=0xDFFF => {
                return Err(self.error_at(
                    at,
                    "a `\\u` escape of a trailing surrogate has no leading surrogate before it",
                ));
            }
            _ => (first, at + 6),
        };
        // Every value left is a scalar value: surrogates were handled above.
        let c = char::from_u32(code).unwrap_or(char::REPLACEMENT_CHARACTER);
        self.scratch.push(c);
        Ok(end)
    }

    /// The four hex digits of the `\u` escape at `at`.
    fn hex4(&self, at: usize) -> Result<u32, Error> {
        let digits = self
            .bytes()
            .get(at + 2..at + 6)
            .ok_or_else(|| self.error_at(at, "a `\\u` escape needs four hex digits"))?;
        digits.iter().try_fold(0u32, |n, &d| {
            let v = char::from(d)
                .to_digit(16)
                .ok_or_else(|| self.error_at(at, "a `\\u` escape needs four hex digits"))?;
            Ok(n << 4 | v)
        })
    }

    /// A number (RFC 8259 §6).
    fn number(&mut self) -> Result<Json<'a>, Error> {
        let start = self.pos;
        let negative = self.peek() == Some(b'-');
        if negative {
            self.pos += 1;
        }
        match self.peek() {
            Some(b'0') => self.pos += 1,
            Some(b'1'..=b'9') => self.digits(),
            _ => return Err(self.error_found("expected a digit in a number")),
        }
        let mut integer = true;
        if self.peek() == Some(b'.') {
            integer = false;
            self.pos += 1;
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(self.error_found("expected a digit after the decimal point"));
            }
            self.digits();
        }
        if let Some(b'e' | b'E') = self.peek() {
            integer = false;
            self.pos += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.pos += 1;
            }
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(self.error_found("expected a digit in the exponent"));
            }
            self.digits();
        }
        let text = self.text.get(start..self.pos).unwrap_or_default();
        if integer {
            // Exact when it fits; `-0` is the float `-0.0`, as serde_json reads it.
            if negative {
                if let Ok(n) = text.parse::<i64>()
                    && n != 0
                {
                    return Ok(Json::Number(Number::from(n)));
                }
            } else if let Ok(n) = text.parse::<u64>() {
                return Ok(Json::Number(Number::from(n)));
            }
        }
        match text.parse::<f64>().ok().and_then(Number::from_f64) {
            Some(n) => Ok(Json::Number(n)),
            None => Err(self.error_at(start, "a number is out of the range of a 64-bit float")),
        }
    }

    #[inline]
    fn digits(&mut self) {
        while let Some(b'0'..=b'9') = self.peek() {
            self.pos += 1;
        }
    }

    /// Line and column (1-based, the column in characters) of byte `at`.
    fn location(&self, at: usize) -> (usize, usize) {
        let before = self.text.get(..at).unwrap_or(self.text);
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        (
            before.bytes().filter(|&b| b == b'\n').count() + 1,
            before.get(line_start..).unwrap_or("").chars().count() + 1,
        )
    }

    fn error_at(&self, at: usize, what: &str) -> Error {
        let (line, column) = self.location(at);
        Error::new(
            ErrorKind::Json,
            format!("The input is not valid JSON: {what}."),
        )
        .with_text_location(line, column)
    }

    fn error(&self, what: &str) -> Error {
        self.error_at(self.pos, what)
    }

    /// An error at the current position quoting the character found there.
    fn error_found(&self, what: &str) -> Error {
        match self.text.get(self.pos..).and_then(|s| s.chars().next()) {
            Some(c) => self.error(&format!("{what}, found `{}`", c.escape_debug())),
            None => self.error(&format!("{what}, but the text ends")),
        }
    }
}
