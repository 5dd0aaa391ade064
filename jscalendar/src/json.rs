//! [`Json`]: a JSON value that borrows its strings where it can, the
//! working form of the iCalendar ⇄ JSCalendar conversion.
//!
//! Converting a large calendar builds hundreds of thousands of small
//! objects. [`serde_json::Value`] hashes and allocates every key; [`Json`]
//! keeps an object as a list of entries whose keys are usually `&'static`
//! property names; [`Json::parse`] borrows the strings of the JSON text that
//! need no unescaping. Objects keep their insertion order, so the output is
//! deterministic.
//!
//! ```
//! use kalends_jscalendar::json::{Json, JsonObject};
//!
//! let mut o = JsonObject::new();
//! o.insert("@type", Json::from("Event"));
//! o.insert("title", Json::from("Lunch"));
//! let v = Json::Object(o);
//! assert_eq!(v.to_string(), r#"{"@type":"Event","title":"Lunch"}"#);
//! assert_eq!(v.to_value(), serde_json::json!({"@type": "Event", "title": "Lunch"}));
//! let read = Json::parse(r#"{"title": "Lunch", "@type": "Event"}"#)?;
//! assert_eq!(read, v); // object equality ignores order, as JSON's does
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};
use serde_json::{Number, Value};

use crate::error::Error;

mod read;

pub use read::MAX_DEPTH;
pub(crate) use read::parse as parse_limited;

/// A JSON value whose strings may borrow for `'a`.
#[derive(Debug, Clone, Default)]
pub enum Json<'a> {
    /// `null`.
    #[default]
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number (exact: serde_json's [`Number`]).
    Number(Number),
    /// A string.
    String(Str<'a>),
    /// An array.
    Array(Vec<Json<'a>>),
    /// An object, in insertion order.
    Object(JsonObject<'a>),
}

/// True when two keys are the same text. Keys are short and most differ
/// in length or first byte: those are told apart without a call to
/// `memcmp` (a converted calendar does hundreds of thousands of lookups).
#[inline]
fn same_key(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.first() == b.first() && a.last() == b.last() && a == b
}

/// Objects with at least this many members find keys through a hash index
/// when many keys are looked up at once: while being read, in
/// [`Extend::extend`] and in `==`. Single lookups ([`JsonObject::get`],
/// [`JsonObject::insert`]) stay linear scans, the fastest for the few
/// members a JSCalendar object has.
pub(crate) const INDEX_FROM: usize = 48;

/// A JSON object: entries in insertion order, each key once.
///
/// Single lookups scan the entries, which suits the small objects of
/// RFC 8984. To add many members to one object, use [`Extend::extend`] (or
/// `collect`), which indexes large objects and so takes linear time.
#[derive(Debug, Clone, Default)]
pub struct JsonObject<'a> {
    entries: Vec<(Str<'a>, Json<'a>)>,
}

impl<'a> JsonObject<'a> {
    /// An empty object.
    pub fn new() -> JsonObject<'a> {
        JsonObject {
            entries: Vec::new(),
        }
    }

    /// An empty object with room for `n` entries.
    pub fn with_capacity(n: usize) -> JsonObject<'a> {
        JsonObject {
            entries: Vec::with_capacity(n),
        }
    }

    /// The number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True without entries.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    fn position(&self, key: &str) -> Option<usize> {
        let wanted = key.as_bytes();
        self.entries
            .iter()
            .position(|(k, _)| same_key(k.bytes(), wanted))
    }

    /// The value at `key`.
    pub fn get(&self, key: &str) -> Option<&Json<'a>> {
        let wanted = key.as_bytes();
        self.entries
            .iter()
            .find(|(k, _)| same_key(k.bytes(), wanted))
            .map(|(_, v)| v)
    }

    /// The value at `key`, to change.
    pub fn get_mut(&mut self, key: &str) -> Option<&mut Json<'a>> {
        self.entries
            .iter_mut()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v)
    }

    /// True when `key` has a value.
    pub fn contains_key(&self, key: &str) -> bool {
        self.position(key).is_some()
    }

    /// Sets `key`: an existing key keeps its place, a new one goes last.
    /// Returns the old value.
    pub fn insert(&mut self, key: impl Into<Str<'a>>, value: Json<'a>) -> Option<Json<'a>> {
        let key = key.into();
        let wanted = key.bytes();
        match self
            .entries
            .iter_mut()
            .find(|(k, _)| same_key(k.bytes(), wanted))
        {
            Some(slot) => Some(std::mem::replace(&mut slot.1, value)),
            None => {
                self.entries.push((key, value));
                None
            }
        }
    }

    /// Appends `key`, which the caller knows is not in the object yet (a
    /// member of a freshly made object, set once): no search for an
    /// existing entry. Debug builds check the promise.
    #[inline]
    pub(crate) fn push_new(&mut self, key: impl Into<Str<'a>>, value: Json<'a>) {
        let key = key.into();
        debug_assert!(
            !self.contains_key(&key),
            "push_new of a key already present: {key:?}"
        );
        self.entries.push((key, value));
    }

    /// A copy without the members named in `leave_out`.
    pub(crate) fn clone_without(&self, leave_out: &[&str]) -> JsonObject<'a> {
        JsonObject {
            entries: self
                .entries
                .iter()
                .filter(|(k, _)| !leave_out.contains(&k.as_str()))
                .cloned()
                .collect(),
        }
    }

    /// Removes `key`, keeping the order of the others.
    pub fn remove(&mut self, key: &str) -> Option<Json<'a>> {
        let i = self.position(key)?;
        Some(self.entries.remove(i).1)
    }

    /// The object member `key`, inserted as `make()` when missing; `None`
    /// when the member exists and is not an object.
    pub fn object_entry(
        &mut self,
        key: impl Into<Str<'a>>,
        make: impl FnOnce() -> JsonObject<'a>,
    ) -> Option<&mut JsonObject<'a>> {
        match self.entry(key, || Json::Object(make())) {
            Some(Json::Object(m)) => Some(m),
            _ => None,
        }
    }

    /// The array member `key`, inserted empty when missing; `None` when the
    /// member exists and is not an array.
    pub fn array_entry(&mut self, key: impl Into<Str<'a>>) -> Option<&mut Vec<Json<'a>>> {
        match self.entry(key, || Json::Array(Vec::new())) {
            Some(Json::Array(a)) => Some(a),
            _ => None,
        }
    }

    fn entry(
        &mut self,
        key: impl Into<Str<'a>>,
        make: impl FnOnce() -> Json<'a>,
    ) -> Option<&mut Json<'a>> {
        let key = key.into();
        let wanted = key.bytes();
        let at = match self
            .entries
            .iter()
            .position(|(k, _)| same_key(k.bytes(), wanted))
        {
            Some(i) => i,
            None => {
                self.entries.push((key, make()));
                self.entries.len().saturating_sub(1)
            }
        };
        self.entries.get_mut(at).map(|(_, v)| v)
    }

    /// The entries in order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Json<'a>)> {
        self.entries.iter().map(|(k, v)| (k.as_ref(), v))
    }

    /// The entries in order, values mutable.
    pub fn iter_mut(&mut self) -> impl Iterator<Item = (&str, &mut Json<'a>)> {
        self.entries.iter_mut().map(|(k, v)| (&**k, v))
    }

    /// The keys in order.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.entries.iter().map(|(k, _)| k.as_ref())
    }

    /// The values in order.
    pub fn values(&self) -> impl Iterator<Item = &Json<'a>> {
        self.entries.iter().map(|(_, v)| v)
    }

    /// A copy that owns all its text.
    pub fn into_owned(self) -> JsonObject<'static> {
        JsonObject {
            entries: self
                .entries
                .into_iter()
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect(),
        }
    }
}

impl<'o, 'a> IntoIterator for &'o JsonObject<'a> {
    type Item = (&'o str, &'o Json<'a>);
    type IntoIter = std::iter::Map<
        std::slice::Iter<'o, (Str<'a>, Json<'a>)>,
        fn(&'o (Str<'a>, Json<'a>)) -> (&'o str, &'o Json<'a>),
    >;
    fn into_iter(self) -> Self::IntoIter {
        fn pair<'o, 'a>(e: &'o (Str<'a>, Json<'a>)) -> (&'o str, &'o Json<'a>) {
            (&e.0, &e.1)
        }
        self.entries
            .iter()
            .map(pair as fn(&'o (Str<'a>, Json<'a>)) -> (&'o str, &'o Json<'a>))
    }
}

impl<'a> IntoIterator for JsonObject<'a> {
    type Item = (Str<'a>, Json<'a>);
    type IntoIter = std::vec::IntoIter<(Str<'a>, Json<'a>)>;
    fn into_iter(self) -> Self::IntoIter {
        self.entries.into_iter()
    }
}

impl<'a, K: Into<Str<'a>>> FromIterator<(K, Json<'a>)> for JsonObject<'a> {
    fn from_iter<I: IntoIterator<Item = (K, Json<'a>)>>(iter: I) -> Self {
        let mut o = JsonObject::new();
        o.extend(iter);
        o
    }
}

impl<'a, K: Into<Str<'a>>> Extend<(K, Json<'a>)> for JsonObject<'a> {
    /// Inserts each pair as [`JsonObject::insert`] does: an existing key
    /// keeps its place and takes the new value, a new key goes last. From
    /// 48 members on the keys are found through a hash index, so adding n
    /// members takes O(n) time, not O(n²).
    fn extend<I: IntoIterator<Item = (K, Json<'a>)>>(&mut self, iter: I) {
        let mut index = KeyIndex::default();
        for (key, value) in iter {
            self.insert_indexed(&mut index, key.into(), value);
        }
    }
}

/// A hash index of the keys of one [`JsonObject`], kept by a caller that
/// inserts into the object many times ([`JsonObject::insert_indexed`]). It
/// is made when the object reaches [`INDEX_FROM`] members. SipHash (std's
/// default): keys may come from untrusted input.
#[derive(Debug, Default)]
#[allow(
    clippy::box_collection,
    reason = "boxed so that the common case, no index, stays one word"
)]
pub(crate) struct KeyIndex(Option<Box<HashMap<Box<[u8]>, usize>>>);

impl<'a> JsonObject<'a> {
    /// [`JsonObject::insert`] through `index`, which must have seen every
    /// change to this object since it was made (a fresh index for an
    /// object changed otherwise).
    #[inline]
    pub(crate) fn insert_indexed(
        &mut self,
        index: &mut KeyIndex,
        key: Str<'a>,
        value: Json<'a>,
    ) -> Option<Json<'a>> {
        if index.0.is_none() && self.entries.len() < INDEX_FROM {
            return self.insert(key, value);
        }
        self.insert_through_index(index, key, value)
    }

    /// [`JsonObject::contains_key`] through `index` (see
    /// [`JsonObject::insert_indexed`]).
    #[inline]
    pub(crate) fn contains_key_indexed(&self, index: &mut KeyIndex, key: &str) -> bool {
        if index.0.is_none() && self.entries.len() < INDEX_FROM {
            return self.contains_key(key);
        }
        self.index_in(index).contains_key(key.as_bytes())
    }

    /// The hash index in `index`, made from the entries if there is none.
    #[cold]
    fn index_in<'i>(&self, index: &'i mut KeyIndex) -> &'i mut HashMap<Box<[u8]>, usize> {
        index.0.get_or_insert_with(|| {
            Box::new(
                self.entries
                    .iter()
                    .enumerate()
                    .map(|(i, (k, _))| (Box::from(k.bytes()), i))
                    .collect(),
            )
        })
    }

    #[cold]
    fn insert_through_index(
        &mut self,
        index: &mut KeyIndex,
        key: Str<'a>,
        value: Json<'a>,
    ) -> Option<Json<'a>> {
        let map = self.index_in(index);
        match map.get(key.bytes()).copied() {
            Some(i) => self
                .entries
                .get_mut(i)
                .map(|slot| std::mem::replace(&mut slot.1, value)),
            None => {
                map.insert(Box::from(key.bytes()), self.entries.len());
                self.entries.push((key, value));
                None
            }
        }
    }
}

impl PartialEq for JsonObject<'_> {
    /// Objects are equal with the same entries in any order. Entries in the
    /// same place are compared directly; the others are looked up, through
    /// a hash index when the objects are large, so the comparison takes
    /// linear time in any order.
    fn eq(&self, other: &Self) -> bool {
        if self.len() != other.len() {
            return false;
        }
        let mut index: Option<HashMap<&[u8], usize>> = None;
        for (i, (k, v)) in self.entries.iter().enumerate() {
            let theirs = match other.entries.get(i) {
                Some((ok, ov)) if same_key(ok.bytes(), k.bytes()) => Some(ov),
                _ if other.len() >= INDEX_FROM => {
                    let index = index.get_or_insert_with(|| {
                        other
                            .entries
                            .iter()
                            .enumerate()
                            .map(|(i, (k, _))| (k.bytes(), i))
                            .collect()
                    });
                    index
                        .get(k.bytes())
                        .and_then(|&j| other.entries.get(j))
                        .map(|(_, ov)| ov)
                }
                _ => other.get(k),
            };
            if theirs != Some(v) {
                return false;
            }
        }
        true
    }
}

impl PartialEq for Json<'_> {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (Json::Null, Json::Null) => true,
            (Json::Bool(a), Json::Bool(b)) => a == b,
            (Json::Number(a), Json::Number(b)) => a == b,
            (Json::String(a), Json::String(b)) => a == b,
            (Json::Array(a), Json::Array(b)) => a == b,
            (Json::Object(a), Json::Object(b)) => a == b,
            _ => false,
        }
    }
}

impl<'a> Json<'a> {
    /// A string value.
    pub fn str(s: impl Into<Str<'a>>) -> Json<'a> {
        Json::String(s.into())
    }

    /// An integer value.
    pub fn int(n: i64) -> Json<'a> {
        Json::Number(Number::from(n))
    }

    /// The string, if this is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Json::String(s) => Some(s),
            _ => None,
        }
    }

    /// The object, if this is one.
    pub fn as_object(&self) -> Option<&JsonObject<'a>> {
        match self {
            Json::Object(o) => Some(o),
            _ => None,
        }
    }

    /// The object, mutable, if this is one.
    pub fn as_object_mut(&mut self) -> Option<&mut JsonObject<'a>> {
        match self {
            Json::Object(o) => Some(o),
            _ => None,
        }
    }

    /// The array, if this is one.
    pub fn as_array(&self) -> Option<&Vec<Json<'a>>> {
        match self {
            Json::Array(a) => Some(a),
            _ => None,
        }
    }

    /// The boolean, if this is one.
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Json::Bool(b) => Some(*b),
            _ => None,
        }
    }

    /// The number as `u64`, if it is a non-negative integer.
    pub fn as_u64(&self) -> Option<u64> {
        match self {
            Json::Number(n) => n.as_u64(),
            _ => None,
        }
    }

    /// The number as `i64`, if it is an integer in range.
    pub fn as_i64(&self) -> Option<i64> {
        match self {
            Json::Number(n) => n.as_i64(),
            _ => None,
        }
    }

    /// True for `null`.
    pub fn is_null(&self) -> bool {
        matches!(self, Json::Null)
    }

    /// True for a string.
    pub fn is_string(&self) -> bool {
        matches!(self, Json::String(_))
    }

    /// True for an object.
    pub fn is_object(&self) -> bool {
        matches!(self, Json::Object(_))
    }

    /// True for an array.
    pub fn is_array(&self) -> bool {
        matches!(self, Json::Array(_))
    }

    /// The member `key` of an object.
    pub fn get(&self, key: &str) -> Option<&Json<'a>> {
        self.as_object().and_then(|o| o.get(key))
    }

    /// A copy that owns all its text.
    pub fn into_owned(self) -> Json<'static> {
        match self {
            Json::Null => Json::Null,
            Json::Bool(b) => Json::Bool(b),
            Json::Number(n) => Json::Number(n),
            Json::String(s) => Json::String(s.into_owned()),
            Json::Array(a) => Json::Array(a.into_iter().map(Json::into_owned).collect()),
            Json::Object(o) => Json::Object(o.into_owned()),
        }
    }

    /// The same value as a [`serde_json::Value`].
    pub fn to_value(&self) -> Value {
        match self {
            Json::Null => Value::Null,
            Json::Bool(b) => Value::Bool(*b),
            Json::Number(n) => Value::Number(n.clone()),
            Json::String(s) => Value::String(s.to_string()),
            Json::Array(a) => Value::Array(a.iter().map(Json::to_value).collect()),
            Json::Object(o) => {
                let mut m = serde_json::Map::with_capacity(o.len());
                for (k, v) in o.iter() {
                    m.insert(k.to_owned(), v.to_value());
                }
                Value::Object(m)
            }
        }
    }

    /// A view of a [`serde_json::Value`], borrowing its strings.
    pub fn from_value(v: &'a Value) -> Json<'a> {
        match v {
            Value::Null => Json::Null,
            Value::Bool(b) => Json::Bool(*b),
            Value::Number(n) => Json::Number(n.clone()),
            Value::String(s) => Json::String(Str::borrowed(s)),
            Value::Array(a) => Json::Array(a.iter().map(Json::from_value).collect()),
            Value::Object(m) => {
                let mut o = JsonObject::with_capacity(m.len());
                for (k, v) in m {
                    o.entries
                        .push((Str::borrowed(k.as_str()), Json::from_value(v)));
                }
                Json::Object(o)
            }
        }
    }

    /// Reads JSON text (RFC 8259), borrowing strings without escapes from
    /// `text`. Errors are [`crate::ErrorKind::Json`] with line and column;
    /// nesting deeper than [`MAX_DEPTH`] is a
    /// [`crate::ErrorKind::LimitExceeded`] error. An object with a member
    /// name twice keeps the last value, at the place of the first (RFC 8259
    /// §4 leaves this to the reader; serde_json and JavaScript's
    /// `JSON.parse` keep the last value too).
    pub fn parse(text: &'a str) -> Result<Json<'a>, Error> {
        read::parse(text, MAX_DEPTH, || {
            Error::new(
                crate::error::ErrorKind::LimitExceeded,
                format!("The JSON input is nested deeper than the limit of {MAX_DEPTH}."),
            )
        })
    }

    /// Compact JSON text (deterministic: entries in their order), the same
    /// bytes as `serde_json::to_string` writes.
    pub fn to_json(&self) -> String {
        let mut out = String::new();
        write_value(&mut out, self, None);
        out
    }

    /// Indented JSON text (two spaces), deterministic, the same bytes as
    /// `serde_json::to_string_pretty` writes.
    pub fn to_json_pretty(&self) -> String {
        let mut out = String::new();
        write_value(&mut out, self, Some(0));
        out
    }
}

// ---------------------------------------------------------------------------
// Writing JSON text (RFC 8259).
//
// A converted calendar is mostly strings that need no escaping, so the
// writer looks for the bytes that do eight at a time and copies the runs
// between them whole; serde_json's writer looks at every byte. The output
// is serde_json's byte for byte (a test compares the two): the escapes of
// RFC 8259 §7 with `\b \f \n \r \t` short and other control characters
// as `\u00xx` in lower-case hex, nothing else escaped, and for pretty
// output two spaces per level and `": "` after keys.

/// Appends `v`; `indent` is the current depth for pretty output, `None`
/// for compact.
fn write_value(out: &mut String, v: &Json<'_>, indent: Option<usize>) {
    match v {
        Json::Null => out.push_str("null"),
        Json::Bool(true) => out.push_str("true"),
        Json::Bool(false) => out.push_str("false"),
        Json::Number(n) => write_number(out, n),
        Json::String(s) => write_str(out, s),
        Json::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                let inner = newline(out, indent, 1);
                write_value(out, item, inner);
            }
            if !items.is_empty() {
                newline(out, indent, 0);
            }
            out.push(']');
        }
        Json::Object(o) => {
            out.push('{');
            for (i, (k, item)) in o.entries.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                let inner = newline(out, indent, 1);
                // Two calls, so that each has its tail as a constant.
                if indent.is_some() {
                    write_str_then(out, k, "\": ");
                } else {
                    write_str_then(out, k, "\":");
                }
                write_value(out, item, inner);
            }
            if !o.entries.is_empty() {
                newline(out, indent, 0);
            }
            out.push('}');
        }
    }
}

/// For pretty output, a line break and the indentation of depth
/// `indent + deeper`; returns that depth (`None` for compact output, which
/// gets nothing).
fn newline(out: &mut String, indent: Option<usize>, deeper: usize) -> Option<usize> {
    let depth = indent?.saturating_add(deeper);
    out.push('\n');
    for _ in 0..depth {
        out.push_str("  ");
    }
    Some(depth)
}

/// A number as serde_json writes it: integers in decimal, floats through
/// serde_json itself (its shortest round-trip form).
fn write_number(out: &mut String, n: &Number) {
    use std::fmt::Write as _;
    if let Some(u) = n.as_u64() {
        let _ = write!(out, "{u}");
    } else if let Some(i) = n.as_i64() {
        let _ = write!(out, "{i}");
    } else {
        out.push_str(&serde_json::to_string(n).unwrap_or_else(|_| "null".to_owned()));
    }
}

/// Low bit of each byte of a word.
const LOW_BITS: u64 = 0x0101_0101_0101_0101;
/// High bit of each byte of a word.
const HIGH_BITS: u64 = 0x8080_8080_8080_8080;

/// The high bit of each byte of `word` that JSON text must escape (`"`,
/// `\\`, below U+0020) set. Exact for the lowest such byte, which is the
/// only one used.
#[inline(always)]
fn escapes(word: u64) -> u64 {
    let zero = |w: u64| w.wrapping_sub(LOW_BITS) & !w & HIGH_BITS;
    let below_space = word.wrapping_sub(LOW_BITS * 0x20) & !word & HIGH_BITS;
    zero(word ^ (LOW_BITS * u64::from(b'"')))
        | zero(word ^ (LOW_BITS * u64::from(b'\\')))
        | below_space
}

/// The position of the first byte at or after `from` that must be escaped.
#[inline]
fn find_escape(bytes: &[u8], from: usize) -> Option<usize> {
    let all = bytes.get(from..)?;
    // Eight bytes at a time while eight are left. Splitting the slice
    // keeps the loop to one length check per word; the position is worked
    // out once, from what is left.
    let mut rest = all;
    while let Some((word, tail)) = rest.split_first_chunk::<8>() {
        let marked = escapes(u64::from_le_bytes(*word));
        if marked != 0 {
            let skipped = all.len() - rest.len();
            return Some(from + skipped + (marked.trailing_zeros() / 8) as usize);
        }
        rest = tail;
    }
    let skipped = all.len() - rest.len();
    if rest.is_empty() {
        return None;
    }
    // The last 1 to 7 bytes. When the string has eight bytes or more, they
    // are checked as one word, its last eight: the bytes before `rest` in
    // it were clean above, so the first marked byte is in `rest`. Shorter
    // strings go one byte at a time.
    let last = match all.last_chunk::<8>() {
        Some(word) => {
            let marked = escapes(u64::from_le_bytes(*word));
            (marked != 0).then(|| all.len() - 8 + (marked.trailing_zeros() / 8) as usize)
        }
        None => rest
            .iter()
            .position(|&b| b == b'"' || b == b'\\' || b < 0x20)
            .map(|i| skipped + i),
    };
    last.map(|i| from + i)
}

/// Appends `s` as a JSON string (RFC 8259 §7).
fn write_str(out: &mut String, s: &str) {
    write_str_then(out, s, "\"");
}

/// Appends `s` as a JSON string whose closing quote is `tail`'s first byte
/// (`"\""`, or `"\":"` / `"\": "` after a key). Always inlined so that
/// `tail` is a constant at each call site and is stored in one go rather
/// than with a copy call, and a member's key and colon cost one push less.
#[inline(always)]
fn write_str_then(out: &mut String, s: &str, tail: &'static str) {
    out.push('"');
    match find_escape(s.as_bytes(), 0) {
        // Most strings: nothing to escape.
        None => out.push_str(s),
        Some(first) => write_escaped(out, s, first),
    }
    out.push_str(tail);
}

/// Appends the inside of a JSON string for `s`, whose first byte to
/// escape is at `first`.
fn write_escaped(out: &mut String, s: &str, first: usize) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let bytes = s.as_bytes();
    let mut done = 0;
    let mut next = Some(first);
    while let Some(at) = next {
        out.push_str(s.get(done..at).unwrap_or(""));
        let b = bytes.get(at).copied().unwrap_or(0);
        match b {
            b'"' => out.push_str("\\\""),
            b'\\' => out.push_str("\\\\"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            0x08 => out.push_str("\\b"),
            0x0c => out.push_str("\\f"),
            _ => {
                out.push_str("\\u00");
                for nibble in [b >> 4, b & 0xf] {
                    out.push(char::from(
                        HEX.get(usize::from(nibble)).copied().unwrap_or(b'0'),
                    ));
                }
            }
        }
        done = at.saturating_add(1);
        next = find_escape(bytes, done);
    }
    out.push_str(s.get(done..).unwrap_or(""));
}

/// The `null` that indexing returns for what is not there.
static NULL: Json<'static> = Json::Null;

impl<'a> std::ops::Index<&str> for Json<'a> {
    type Output = Json<'a>;

    /// The member `key` of an object; `null` when this is not an object or
    /// has no such member (as `serde_json::Value` indexes).
    fn index(&self, key: &str) -> &Json<'a> {
        self.get(key).unwrap_or(&NULL)
    }
}

impl<'a> std::ops::Index<usize> for Json<'a> {
    type Output = Json<'a>;

    /// Element `i` of an array; `null` when this is not an array or is too
    /// short.
    fn index(&self, i: usize) -> &Json<'a> {
        self.as_array().and_then(|a| a.get(i)).unwrap_or(&NULL)
    }
}

impl PartialEq<str> for Json<'_> {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == Some(other)
    }
}

impl PartialEq<&str> for Json<'_> {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == Some(*other)
    }
}

impl PartialEq<i64> for Json<'_> {
    fn eq(&self, other: &i64) -> bool {
        self.as_i64() == Some(*other)
    }
}

impl fmt::Display for Json<'_> {
    /// Compact JSON text.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_json())
    }
}

impl<'a> From<&'a str> for Json<'a> {
    fn from(s: &'a str) -> Json<'a> {
        Json::String(Str::borrowed(s))
    }
}

impl From<String> for Json<'_> {
    fn from(s: String) -> Self {
        Json::String(Str::from(s))
    }
}

impl<'a> From<Cow<'a, str>> for Json<'a> {
    fn from(s: Cow<'a, str>) -> Json<'a> {
        Json::String(Str::from(s))
    }
}

impl<'a> From<Str<'a>> for Json<'a> {
    fn from(s: Str<'a>) -> Json<'a> {
        Json::String(s)
    }
}

impl From<bool> for Json<'_> {
    fn from(b: bool) -> Self {
        Json::Bool(b)
    }
}

impl From<Value> for Json<'static> {
    fn from(v: Value) -> Json<'static> {
        match v {
            Value::Null => Json::Null,
            Value::Bool(b) => Json::Bool(b),
            Value::Number(n) => Json::Number(n),
            Value::String(s) => Json::String(Str::from(s)),
            Value::Array(a) => Json::Array(a.into_iter().map(Json::from).collect()),
            Value::Object(m) => {
                let mut o = JsonObject::with_capacity(m.len());
                for (k, v) in m {
                    o.entries.push((Str::from(k), Json::from(v)));
                }
                Json::Object(o)
            }
        }
    }
}

impl Serialize for Json<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Json::Null => serializer.serialize_unit(),
            Json::Bool(b) => serializer.serialize_bool(*b),
            Json::Number(n) => n.serialize(serializer),
            Json::String(s) => serializer.serialize_str(s),
            Json::Array(a) => {
                let mut seq = serializer.serialize_seq(Some(a.len()))?;
                for x in a {
                    seq.serialize_element(x)?;
                }
                seq.end()
            }
            Json::Object(o) => {
                let mut map = serializer.serialize_map(Some(o.len()))?;
                for (k, v) in o.iter() {
                    map.serialize_entry(k, v)?;
                }
                map.end()
            }
        }
    }
}

struct JsonVisitor;

impl<'de> Visitor<'de> for JsonVisitor {
    type Value = Json<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Json<'de>, E> {
        Ok(Json::Bool(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Json<'de>, E> {
        Ok(Json::Number(Number::from(v)))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Json<'de>, E> {
        Ok(Json::Number(Number::from(v)))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Json<'de>, E> {
        Number::from_f64(v)
            .map(Json::Number)
            .ok_or_else(|| de::Error::custom("a JSON number must be finite"))
    }

    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Json<'de>, E> {
        Ok(Json::String(Str::borrowed(v)))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Json<'de>, E> {
        Ok(Json::String(Str::copied(v)))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Json<'de>, E> {
        Ok(Json::String(Str::from(v)))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Json<'de>, E> {
        Ok(Json::Null)
    }

    fn visit_none<E: de::Error>(self) -> Result<Json<'de>, E> {
        Ok(Json::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Json<'de>, D::Error> {
        Json::deserialize(d)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Json<'de>, A::Error> {
        let mut v = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1024));
        while let Some(x) = seq.next_element()? {
            v.push(x);
        }
        Ok(Json::Array(v))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Json<'de>, A::Error> {
        let mut o = JsonObject::with_capacity(map.size_hint().unwrap_or(0).min(1024));
        while let Some(k) = map.next_key::<Str<'de>>()? {
            let v: Json<'de> = map.next_value()?;
            o.insert(k, v);
        }
        Ok(Json::Object(o))
    }
}

impl<'de> Deserialize<'de> for Json<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Json<'de>, D::Error> {
        deserializer.deserialize_any(JsonVisitor)
    }
}

// ---------------------------------------------------------------------------
// Str: the text of keys and strings.

/// The most bytes a [`Str`] holds without a heap allocation.
pub const INLINE_CAPACITY: usize = 22;

/// The text of a JSON string or object key: borrowed for `'a`, held
/// inline when it is at most [`INLINE_CAPACITY`] bytes long, or owned.
///
/// Converting a calendar makes hundreds of thousands of short strings
/// (dates, ids, enumerated values): held inline, none of them costs an
/// allocation. A `Str` is as large as a `Cow<str>` (three words) and
/// dereferences to `str`.
///
/// ```
/// use kalends_jscalendar::json::Str;
///
/// let date = Str::copied("2024-01-05T09:00:00");
/// assert!(date.is_inline());
/// assert_eq!(&*date, "2024-01-05T09:00:00");
/// let fmt = Str::format(format_args!("PT{}H", 1));
/// assert_eq!(fmt, "PT1H");
/// ```
#[derive(Clone)]
pub struct Str<'a>(Repr<'a>);

#[derive(Clone)]
enum Repr<'a> {
    Borrowed(&'a str),
    /// `len` bytes of `bytes`, always a whole UTF-8 string.
    Inline {
        len: u8,
        bytes: [u8; INLINE_CAPACITY],
    },
    Owned(Box<str>),
    /// Text shared by many strings (clones cost no allocation).
    Shared(std::sync::Arc<str>),
}

impl<'a> Str<'a> {
    /// A copy of `s` that clones without allocating: for text repeated in
    /// many places (a calendar's `prodId` copied into each of its events).
    pub fn shared(s: &str) -> Str<'a> {
        match inline(s) {
            Some(r) => Str(r),
            None => Str(Repr::Shared(s.into())),
        }
    }

    /// A string borrowing `s`.
    pub const fn borrowed(s: &'a str) -> Str<'a> {
        Str(Repr::Borrowed(s))
    }

    /// A copy of `s`: inline when it fits, else on the heap.
    pub fn copied(s: &str) -> Str<'a> {
        match inline(s) {
            Some(r) => Str(r),
            None => Str(Repr::Owned(s.into())),
        }
    }

    /// `s` in ASCII lower case, inline when it fits.
    pub fn lowercase(s: &str) -> Str<'a> {
        let mut out = Str::copied(s);
        match &mut out.0 {
            Repr::Inline { len, bytes } => {
                if let Some(b) = bytes.get_mut(..usize::from(*len)) {
                    b.make_ascii_lowercase();
                }
            }
            Repr::Owned(b) => b.make_ascii_lowercase(),
            Repr::Borrowed(_) | Repr::Shared(_) => {}
        }
        out
    }

    /// Text that may borrow for a shorter time, made to own it: borrowed
    /// text is copied (inline when short), owned text keeps its
    /// allocation.
    pub fn from_cow(s: Cow<'_, str>) -> Str<'a> {
        match s {
            Cow::Borrowed(b) => Str::copied(b),
            Cow::Owned(o) => Str::from(o),
        }
    }

    /// The text `args` format to, inline when it fits (no allocation).
    pub fn format(args: fmt::Arguments<'_>) -> Str<'a> {
        if let Some(s) = args.as_str() {
            return Str::copied(s);
        }
        let mut w = InlineWriter {
            len: 0,
            bytes: [0; INLINE_CAPACITY],
            spill: None,
        };
        if fmt::write(&mut w, args).is_err() {
            return Str::default();
        }
        match w.spill {
            Some(s) => Str(Repr::Owned(s.into_boxed_str())),
            None => Str(Repr::Inline {
                len: w.len,
                bytes: w.bytes,
            }),
        }
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        match &self.0 {
            Repr::Borrowed(s) => s,
            Repr::Inline { len, bytes } => {
                inline_str(bytes.get(..usize::from(*len)).unwrap_or_default())
            }
            Repr::Owned(s) => s,
            Repr::Shared(s) => s,
        }
    }

    /// ASCII text, inline when it fits (no UTF-8 check is needed).
    pub(crate) fn ascii(b: &[u8]) -> Str<'a> {
        if !b.is_ascii() {
            return Str::default();
        }
        match u8::try_from(b.len())
            .ok()
            .filter(|&l| usize::from(l) <= INLINE_CAPACITY)
        {
            Some(len) => {
                let mut bytes = [0; INLINE_CAPACITY];
                if let Some(dst) = bytes.get_mut(..b.len()) {
                    dst.copy_from_slice(b);
                }
                Str(Repr::Inline { len, bytes })
            }
            // ASCII is UTF-8: the check cannot fail, and it is far
            // cheaper than `from_utf8_lossy`'s chunked walk.
            None => match std::str::from_utf8(b) {
                Ok(s) => Str(Repr::Owned(s.into())),
                Err(_) => Str::default(),
            },
        }
    }

    /// The text's bytes (no UTF-8 check: for comparing and hashing).
    #[inline]
    fn bytes(&self) -> &[u8] {
        match &self.0 {
            Repr::Borrowed(s) => s.as_bytes(),
            Repr::Inline { len, bytes } => bytes.get(..usize::from(*len)).unwrap_or_default(),
            Repr::Owned(s) => s.as_bytes(),
            Repr::Shared(s) => s.as_bytes(),
        }
    }

    /// True when the text is held inline.
    pub fn is_inline(&self) -> bool {
        matches!(self.0, Repr::Inline { .. })
    }

    /// True when the text is borrowed.
    pub fn is_borrowed(&self) -> bool {
        matches!(self.0, Repr::Borrowed(_))
    }

    /// A copy that owns its text (borrowed text is copied; inline and
    /// owned text moves).
    pub fn into_owned(self) -> Str<'static> {
        match self.0 {
            Repr::Borrowed(s) => Str::copied(s),
            Repr::Inline { len, bytes } => Str(Repr::Inline { len, bytes }),
            Repr::Owned(s) => Str(Repr::Owned(s)),
            Repr::Shared(s) => Str(Repr::Shared(s)),
        }
    }

    /// The text as a `String`.
    pub fn into_string(self) -> String {
        match self.0 {
            Repr::Owned(s) => s.into_string(),
            _ => self.as_str().to_owned(),
        }
    }
}

/// `s` inline, when it fits.
fn inline(s: &str) -> Option<Repr<'static>> {
    let len = u8::try_from(s.len())
        .ok()
        .filter(|&l| usize::from(l) <= INLINE_CAPACITY)?;
    let mut bytes = [0; INLINE_CAPACITY];
    bytes.get_mut(..s.len())?.copy_from_slice(s.as_bytes());
    Some(Repr::Inline { len, bytes })
}

/// The text of an inline [`Str`].
///
/// Every inline `Str` holds valid UTF-8: its bytes are only ever set by
/// [`inline`] (a copy of a `&str`), by [`Str::ascii`] (bytes checked to
/// be ASCII), by `InlineWriter` (whole `&str` pieces, appended) and by
/// [`Str::lowercase`] (ASCII letters changed in
/// place, which keeps UTF-8 valid), and the representation is private to
/// this module.
#[allow(unsafe_code)]
#[inline]
fn inline_str(b: &[u8]) -> &str {
    debug_assert!(std::str::from_utf8(b).is_ok());
    // SAFETY: `b` is the text of an inline `Str`, valid UTF-8 by the
    // invariant above. Measured reason (callgrind, issue 7): checking it
    // on every read was 3% of converting the 10,000-event calendar to
    // JSCalendar and 6% of converting it back (`core::str::from_utf8`
    // called through `Str::as_str`), because every key and short value is
    // inline and read many times.
    unsafe { std::str::from_utf8_unchecked(b) }
}

/// A `fmt::Write` into an inline buffer, moving to a `String` when the
/// text outgrows it.
struct InlineWriter {
    len: u8,
    bytes: [u8; INLINE_CAPACITY],
    spill: Option<String>,
}

impl fmt::Write for InlineWriter {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        if let Some(out) = &mut self.spill {
            out.push_str(s);
            return Ok(());
        }
        let at = usize::from(self.len);
        let end = at.saturating_add(s.len());
        match self.bytes.get_mut(at..end) {
            Some(dst) if end <= INLINE_CAPACITY => {
                dst.copy_from_slice(s.as_bytes());
                self.len = u8::try_from(end).map_err(|_| fmt::Error)?;
            }
            _ => {
                let mut out = String::with_capacity(end.saturating_mul(2));
                out.push_str(inline_str(self.bytes.get(..at).unwrap_or_default()));
                out.push_str(s);
                self.spill = Some(out);
            }
        }
        Ok(())
    }
}

impl Default for Str<'_> {
    fn default() -> Self {
        Str(Repr::Borrowed(""))
    }
}

impl std::ops::Deref for Str<'_> {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for Str<'_> {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl std::borrow::Borrow<str> for Str<'_> {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl fmt::Debug for Str<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for Str<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialEq for Str<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.bytes() == other.bytes()
    }
}

impl Eq for Str<'_> {}

impl PartialEq<str> for Str<'_> {
    fn eq(&self, other: &str) -> bool {
        self.bytes() == other.as_bytes()
    }
}

impl PartialEq<&str> for Str<'_> {
    fn eq(&self, other: &&str) -> bool {
        self.bytes() == other.as_bytes()
    }
}

impl PartialEq<Str<'_>> for str {
    fn eq(&self, other: &Str<'_>) -> bool {
        self.as_bytes() == other.bytes()
    }
}

impl PartialEq<Str<'_>> for &str {
    fn eq(&self, other: &Str<'_>) -> bool {
        self.as_bytes() == other.bytes()
    }
}

impl PartialOrd for Str<'_> {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Str<'_> {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        // Byte order is code point order for UTF-8.
        self.bytes().cmp(other.bytes())
    }
}

impl std::hash::Hash for Str<'_> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        // As `str` hashes, so that `Borrow<str>` lookups agree.
        state.write(self.bytes());
        state.write_u8(0xff);
    }
}

impl<'a> From<&'a str> for Str<'a> {
    fn from(s: &'a str) -> Str<'a> {
        Str(Repr::Borrowed(s))
    }
}

impl<'a> From<&'a String> for Str<'a> {
    fn from(s: &'a String) -> Str<'a> {
        Str(Repr::Borrowed(s))
    }
}

impl From<String> for Str<'_> {
    /// Short text moves inline (freeing the `String`), longer text keeps
    /// its allocation.
    fn from(s: String) -> Self {
        match inline(&s) {
            Some(r) => Str(r),
            None => Str(Repr::Owned(s.into_boxed_str())),
        }
    }
}

impl From<Box<str>> for Str<'_> {
    fn from(s: Box<str>) -> Self {
        Str(Repr::Owned(s))
    }
}

impl<'a> From<Cow<'a, str>> for Str<'a> {
    fn from(s: Cow<'a, str>) -> Str<'a> {
        match s {
            Cow::Borrowed(b) => Str(Repr::Borrowed(b)),
            Cow::Owned(o) => Str::from(o),
        }
    }
}

impl<'a> From<Str<'a>> for Cow<'a, str> {
    fn from(s: Str<'a>) -> Cow<'a, str> {
        match s.0 {
            Repr::Borrowed(b) => Cow::Borrowed(b),
            _ => Cow::Owned(s.into_string()),
        }
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Str<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Str<'a>, D::Error> {
        struct StrVisitor;
        impl<'de> Visitor<'de> for StrVisitor {
            type Value = Str<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Str<'de>, E> {
                Ok(Str::borrowed(v))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Str<'de>, E> {
                Ok(Str::copied(v))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Str<'de>, E> {
                Ok(Str::from(v))
            }
        }
        deserializer.deserialize_str(StrVisitor)
    }
}

impl Serialize for Str<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

#[cfg(test)]
mod str_tests {
    use super::*;

    #[test]
    fn a_str_is_three_words_and_a_json_four() {
        assert_eq!(std::mem::size_of::<Str<'_>>(), 24);
        assert_eq!(std::mem::size_of::<Json<'_>>(), 32);
    }

    #[test]
    fn short_text_is_inline_and_long_text_owned() {
        let s = Str::copied("0123456789012345678901");
        assert!(s.is_inline());
        assert_eq!(s, "0123456789012345678901");
        let l = Str::copied("01234567890123456789012");
        assert!(!l.is_inline() && !l.is_borrowed());
        assert_eq!(l, "01234567890123456789012");
        // A multi-byte character that would straddle the limit spills.
        let u = Str::copied("012345678901234567890é");
        assert!(!u.is_inline());
        assert_eq!(&*u, "012345678901234567890é");
        assert!(Str::borrowed("x").is_borrowed());
    }

    #[test]
    fn format_spills_to_the_heap_when_the_text_outgrows_the_buffer() {
        let short = Str::format(format_args!("PT{}H{}M", 12, 30));
        assert!(short.is_inline());
        assert_eq!(short, "PT12H30M");
        let long = Str::format(format_args!(
            "{}-{}-{}",
            "abcdefghij", "klmnopqrst", "uvwxyz"
        ));
        assert!(!long.is_inline());
        assert_eq!(long, "abcdefghij-klmnopqrst-uvwxyz");
    }

    #[test]
    fn shared_text_clones_to_the_same_text() {
        let a = Str::shared("-//kalends//benches 1.0//EN");
        let b = a.clone();
        assert!(!a.is_inline() && !a.is_borrowed());
        assert_eq!(a, b);
        assert_eq!(b.into_owned(), "-//kalends//benches 1.0//EN");
        assert!(Str::shared("short").is_inline());
    }

    #[test]
    fn lowercase_and_from_cow() {
        assert_eq!(Str::lowercase("X-ABC"), "x-abc");
        assert_eq!(
            Str::lowercase("A-LONG-PARAMETER-NAME-OVER-22"),
            "a-long-parameter-name-over-22"
        );
        let owned: Str<'static> = Str::from_cow(Cow::Owned("Owned".to_owned()));
        assert_eq!(owned, "Owned");
        let text = String::from("borrowed for a moment");
        let copied: Str<'static> = Str::from_cow(Cow::Borrowed(text.as_str()));
        drop(text);
        assert_eq!(copied, "borrowed for a moment");
    }

    #[test]
    fn equality_order_and_hash_follow_the_text() {
        use std::collections::hash_map::DefaultHasher;
        use std::hash::{Hash, Hasher};
        let a = Str::copied("abc");
        let b = Str::from(String::from("abc"));
        let c = Str::borrowed("abc");
        assert!(a == b && b == c);
        assert!(Str::copied("abd") > a);
        let h = |x: &dyn Fn(&mut DefaultHasher)| {
            let mut s = DefaultHasher::new();
            x(&mut s);
            s.finish()
        };
        assert_eq!(h(&|s| a.hash(s)), h(&|s| "abc".hash(s)));
        assert_eq!(h(&|s| b.hash(s)), h(&|s| "abc".hash(s)));
    }
}

#[cfg(test)]
mod object_tests {
    use super::*;
    use proptest::prelude::*;

    /// `insert` one pair at a time, the reference for `extend`.
    fn inserted<'a>(start: &JsonObject<'a>, pairs: &[(String, i64)]) -> JsonObject<'a> {
        let mut o = start.clone();
        for (k, v) in pairs {
            o.insert(k.clone(), Json::int(*v));
        }
        o
    }

    fn pairs(o: &JsonObject<'_>) -> Vec<(String, Json<'static>)> {
        o.iter()
            .map(|(k, v)| (k.to_owned(), v.clone().into_owned()))
            .collect()
    }

    proptest! {
        /// `extend` places and replaces exactly as `insert` does, below
        /// and above the size from which it keeps an index, with repeated
        /// keys within one call.
        #[test]
        fn extend_is_insert_in_order(
            before in 0usize..120,
            keys in proptest::collection::vec(0u16..200, 0..200),
        ) {
            let start: JsonObject<'_> = (0..before)
                .map(|i| (format!("k{i}"), Json::int(-1)))
                .collect();
            let added: Vec<(String, i64)> = keys
                .iter()
                .enumerate()
                .map(|(i, k)| (format!("k{k}"), i as i64))
                .collect();
            let mut got = start.clone();
            got.extend(added.iter().map(|(k, v)| (k.clone(), Json::int(*v))));
            prop_assert_eq!(pairs(&got), pairs(&inserted(&start, &added)));
        }

        /// Equality ignores order at every size, and any one changed value
        /// or key makes objects differ.
        #[test]
        fn equality_ignores_order(n in 0usize..150, seed in any::<u64>(), change in any::<prop::sample::Index>()) {
            let a: JsonObject<'_> = (0..n).map(|i| (format!("k{i}"), Json::int(i as i64))).collect();
            // A rotation and a reversal of the order.
            let mut items = pairs(&a);
            let at = if n == 0 { 0 } else { (seed as usize) % n };
            items.rotate_left(at);
            if seed % 2 == 0 {
                items.reverse();
            }
            let b: JsonObject<'_> = items.iter().cloned().collect();
            prop_assert!(a == b);
            prop_assert!(b == a);
            if n > 0 {
                let i = change.index(n);
                let mut value = items.clone();
                value[i].1 = Json::int(-5);
                let c: JsonObject<'_> = value.into_iter().collect();
                prop_assert!(a != c);
                prop_assert!(c != a);
                let mut key = items.clone();
                key[i].0 = format!("x{i}");
                let d: JsonObject<'_> = key.into_iter().collect();
                prop_assert!(a != d);
                prop_assert!(d != a);
            }
        }
    }

    #[test]
    fn clone_without_keeps_the_order_of_the_rest() {
        let o: JsonObject<'_> = ["a", "b", "c", "d"]
            .into_iter()
            .map(|k| (k, Json::from(k)))
            .collect();
        let kept = o.clone_without(&["b", "d", "z"]);
        assert_eq!(kept.keys().collect::<Vec<_>>(), ["a", "c"]);
    }

    #[test]
    fn many_members_are_added_and_compared_in_linear_time() {
        // 200,000 members: with a scan per key these would take hours.
        let n = 200_000;
        let mut o = JsonObject::new();
        o.extend((0..n).map(|i| (format!("{i:08}"), Json::int(i))));
        // Setting every member again replaces in place.
        o.extend((0..n).rev().map(|i| (format!("{i:08}"), Json::int(-i))));
        assert_eq!(o.len(), n as usize);
        assert_eq!(o.keys().next(), Some("00000000"));
        assert_eq!(o.get("00000007"), Some(&Json::int(-7)));
        let reversed: JsonObject<'_> = pairs(&o).into_iter().rev().collect();
        assert!(o == reversed);
    }
}
