//! Value helpers shared by both directions: date-time text, time zones,
//! jCal carriers and the keys of converted elements.

use std::collections::{HashMap, HashSet};

use kalends_ical_core::value::{Date, DateOrDateTime, Time};
use kalends_ical_core::{Component, Property, jcal};
use kalends_rrule::{Zone, ZoneResolver};
use serde_json::{Map, Value};

use super::uuid::uuid_v5_key;
use crate::json::Str;

/// A LocalDateTime (`YYYY-MM-DDTHH:MM:SS`, RFC 8984 §1.4.4) or, with
/// `utc`, a UTCDateTime (`…Z`, §1.4.3), held inline (no allocation).
fn date_text(d: Date, t: Time, utc: bool) -> Str<'static> {
    let mut b = *b"0000-00-00T00:00:00Z";
    let mut put = |at: usize, width: usize, mut v: u32| {
        for i in (at..at.saturating_add(width)).rev() {
            if let Some(slot) = b.get_mut(i) {
                *slot = b'0'.saturating_add(u8::try_from(v % 10).unwrap_or(0));
            }
            v /= 10;
        }
    };
    put(0, 4, d.year().unsigned_abs().into());
    put(5, 2, d.month().into());
    put(8, 2, d.day().into());
    put(11, 2, t.hour().into());
    put(14, 2, t.minute().into());
    put(17, 2, t.second().into());
    let len = if utc { 20 } else { 19 };
    Str::ascii(b.get(..len).unwrap_or_default())
}

/// The LocalDateTime of `d` `t`.
pub(crate) fn local_text(d: Date, t: Time) -> Str<'static> {
    date_text(d, t, false)
}

/// The UTCDateTime of `d` `t`.
pub(crate) fn utc_text(d: Date, t: Time) -> Str<'static> {
    date_text(d, t, true)
}

/// The LocalDateTime of a DATE (midnight) or DATE-TIME (its wall clock).
pub(crate) fn value_local_text(v: &DateOrDateTime) -> Str<'static> {
    let dt = v.to_date_time();
    local_text(dt.date, dt.time)
}

/// Reads `YYYY-MM-DDTHH:MM:SS[.fraction][Z]`: the date, the time (a
/// fraction is dropped: iCalendar has none) and whether it ended in `Z`.
pub(crate) fn parse_js_date_time(s: &str) -> Option<(Date, Time, bool)> {
    let b = s.as_bytes();
    let num = |from: usize, len: usize| -> Option<u32> {
        let mut v = 0u32;
        for i in from..from.saturating_add(len) {
            let d = b.get(i)?.wrapping_sub(b'0');
            if d > 9 {
                return None;
            }
            v = v.saturating_mul(10).saturating_add(u32::from(d));
        }
        Some(v)
    };
    if b.len() < 19
        || b.get(4) != Some(&b'-')
        || b.get(7) != Some(&b'-')
        || b.get(10) != Some(&b'T')
        || b.get(13) != Some(&b':')
        || b.get(16) != Some(&b':')
    {
        return None;
    }
    let date = Date::new(
        i16::try_from(num(0, 4)?).ok()?,
        u8::try_from(num(5, 2)?).ok()?,
        u8::try_from(num(8, 2)?).ok()?,
    )
    .ok()?;
    let time = Time::new(
        u8::try_from(num(11, 2)?).ok()?,
        u8::try_from(num(14, 2)?).ok()?,
        u8::try_from(num(17, 2)?).ok()?,
    )
    .ok()?;
    let mut rest = s.get(19..)?;
    if let Some(frac) = rest.strip_prefix('.') {
        let digits = frac.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 {
            return None;
        }
        rest = frac.get(digits..)?;
    }
    match rest {
        "" => Some((date, time, false)),
        "Z" => Some((date, time, true)),
        _ => None,
    }
}

/// Wall-clock seconds since 1970-01-01T00:00:00.
pub(crate) fn local_seconds(d: Date, t: Time) -> i64 {
    i64::from(d.unix_days())
        .saturating_mul(86_400)
        .saturating_add(i64::from(t.clamp_leap_second().seconds_from_midnight()))
}

/// The date and time of wall-clock seconds, if within years 0–9999.
pub(crate) fn from_local_seconds(secs: i64) -> Option<(Date, Time)> {
    let days = i32::try_from(secs.div_euclid(86_400)).ok()?;
    let rem = secs.rem_euclid(86_400);
    let date = Date::from_unix_days(days).ok()?;
    let time = Time::new(
        u8::try_from(rem / 3600).ok()?,
        u8::try_from(rem / 60 % 60).ok()?,
        u8::try_from(rem % 60).ok()?,
    )
    .ok()?;
    Some((date, time))
}

/// Time zones of one calendar: its VTIMEZONEs first (RFC 5545 §3.2.19),
/// then IANA names and aliases; results are cached.
#[derive(Default)]
pub(crate) struct Zones {
    resolver: Option<ZoneResolver>,
    cache: HashMap<String, Option<Zone>>,
    exact_iana: HashMap<String, bool>,
    /// The TZID looked up last and its zone (an entry of `cache`): most
    /// date-times of a calendar name the zone the one before named, found
    /// this way without hashing the name.
    last: Option<(String, Option<Zone>)>,
    /// The TZID [`Zones::is_iana`] was asked about last and its answer
    /// (an entry of `exact_iana`).
    last_iana: Option<(String, bool)>,
}

impl Zones {
    /// Zones for `calendar` (its VTIMEZONEs are compiled when first needed).
    pub(crate) fn new() -> Zones {
        Zones::default()
    }

    /// Defines the zones of `calendar`'s VTIMEZONEs.
    pub(crate) fn load_calendar(&mut self, calendar: &Component<'_>) {
        if calendar.components_named("VTIMEZONE").next().is_some() {
            self.resolver = Some(ZoneResolver::from_calendar(calendar));
        }
    }

    /// The zone `tzid` names, if any.
    pub(crate) fn get(&mut self, tzid: &str) -> Option<Zone> {
        self.zone(tzid).cloned()
    }

    /// The zone `tzid` names, if any, borrowed from the cache.
    fn zone(&mut self, tzid: &str) -> Option<&Zone> {
        if self.last.as_ref().is_none_or(|(t, _)| t != tzid) {
            let z = match self.cache.get(tzid) {
                Some(z) => z.clone(),
                None => {
                    let z = match &self.resolver {
                        Some(r) => r.resolve(tzid).ok(),
                        None => Zone::resolve(tzid).ok(),
                    };
                    self.cache.insert(tzid.to_owned(), z.clone());
                    z
                }
            };
            remember(&mut self.last, tzid, z);
        }
        self.last.as_ref().and_then(|(_, z)| z.as_ref())
    }

    /// True when `tzid` is, verbatim, a name of the IANA database
    /// (draft §2.1.4).
    pub(crate) fn is_iana(&mut self, tzid: &str) -> bool {
        if let Some((t, b)) = &self.last_iana
            && t == tzid
        {
            return *b;
        }
        let b = match self.exact_iana.get(tzid) {
            Some(&b) => b,
            None => {
                let b = !tzid.is_empty()
                    && !tzid.starts_with('/')
                    && Zone::iana(tzid).is_ok_and(|z| z.name() == Some(tzid));
                self.exact_iana.insert(tzid.to_owned(), b);
                b
            }
        };
        remember(&mut self.last_iana, tzid, b);
        b
    }

    /// The IANA name an alias (a Windows name, a vendor-prefixed name …)
    /// stands for.
    pub(crate) fn iana_for(&mut self, tzid: &str) -> Option<String> {
        let z = Zone::resolve(tzid).ok()?;
        let name = z.name()?.to_owned();
        if self.is_iana(&name) {
            Some(name)
        } else {
            None
        }
    }

    /// Instant (UTC seconds) of wall-clock `local` in `tz` (`None`: floating,
    /// read as UTC).
    pub(crate) fn utc_of(&mut self, tz: Option<&str>, local: i64) -> i64 {
        match tz.and_then(|t| self.zone(t)) {
            Some(z) => z.resolve_local(local).utc,
            None => local,
        }
    }

    /// Wall clock of instant `utc` in `tz` (`None`: floating, as UTC).
    pub(crate) fn local_of(&mut self, tz: Option<&str>, utc: i64) -> i64 {
        match tz.and_then(|t| self.zone(t)) {
            Some(z) => z.to_local(utc),
            None => utc,
        }
    }
}

/// Sets a one-entry memo to `key` and `value`, reusing its text's buffer.
fn remember<V>(memo: &mut Option<(String, V)>, key: &str, value: V) {
    match memo {
        Some((k, v)) => {
            k.clear();
            k.push_str(key);
            *v = value;
        }
        None => *memo = Some((key.to_owned(), value)),
    }
}

/// A carried iCalendar property as jCal (RFC 7265 §3.4), checked to read
/// back as the same property; when it would not, it is carried with type
/// `unknown` and its text as written (RFC 7265 §5).
pub(crate) fn carry_property(p: &Property<'_>) -> Value {
    let v = jcal::property_to_json(p);
    if jcal::property_from_json(&v).is_ok_and(|back| back == *p) {
        return v;
    }
    unknown_jcal(p)
}

/// `[name, {params}, "unknown", raw]`, the VALUE parameter kept as a
/// parameter so that it is not lost. A repeated parameter becomes one with
/// all the values (jCal has one key per parameter, RFC 7265 §3.5).
fn unknown_jcal(p: &Property<'_>) -> Value {
    let mut params = Map::new();
    for param in p.params() {
        let key = param.name().to_ascii_lowercase();
        let mut values: Vec<Value> = match params.shift_remove(&key) {
            Some(Value::Array(a)) => a,
            Some(other) => vec![other],
            None => Vec::new(),
        };
        if param.raw_value().is_none() {
            // A bare parameter (no `=value`): null.
            params.insert(key, Value::Null);
            continue;
        }
        values.extend(param.values().map(|v| Value::String(v.into_owned())));
        let v = if values.len() == 1 {
            values.into_iter().next().unwrap_or(Value::Null)
        } else {
            Value::Array(values)
        };
        params.insert(key, v);
    }
    let name = match p.group() {
        Some(g) => format!(
            "{}.{}",
            g.to_ascii_lowercase(),
            p.name().to_ascii_lowercase()
        ),
        None => p.name().to_ascii_lowercase(),
    };
    Value::Array(vec![
        Value::String(name),
        Value::Object(params),
        Value::String("unknown".to_owned()),
        Value::String(p.value().to_owned()),
    ])
}

/// A carried component as jCal (RFC 7265 §3.3), each property checked as in
/// [`carry_property`].
pub(crate) fn carry_component(c: &Component<'_>) -> Value {
    let props = c.properties().iter().map(carry_property).collect();
    let comps = c.components().iter().map(carry_component).collect();
    Value::Array(vec![
        Value::String(c.name().to_ascii_lowercase()),
        Value::Array(props),
        Value::Array(comps),
    ])
}

/// Reads a carried jCal property back, including the `unknown` form of
/// [`carry_property`]: with a `value` parameter, or with a name that is not
/// an iCalendar name (a lenient reader keeps such lines; they are written
/// back as they came).
pub(crate) fn uncarry_property(v: &crate::json::Json<'_>) -> Option<Property<'static>> {
    uncarry_value(&v.to_value())
}

fn uncarry_value(v: &Value) -> Option<Property<'static>> {
    if let Some(
        [
            Value::String(name),
            Value::Object(params),
            Value::String(kind),
            Value::String(raw),
        ],
    ) = v.as_array().map(Vec::as_slice)
        && kind == "unknown"
        && (params.contains_key("value")
            || !is_name(name.split_once('.').map_or(name.as_str(), |(_, n)| n))
            || name.split_once('.').is_some_and(|(g, _)| !is_name(g))
            || params.iter().any(|(k, v)| !is_name(k) || v.is_null()))
    {
        let (group, name) = match name.split_once('.') {
            Some((g, n)) if is_lax_name(g) && !g.is_empty() => {
                (Some(g.to_ascii_uppercase()), n.to_ascii_uppercase())
            }
            _ => (None, name.to_ascii_uppercase()),
        };
        if !is_lax_name(&name) {
            return None;
        }
        let mut p = Property::new(name, raw.clone());
        if let Some(g) = group {
            p = p.with_group(g);
        }
        for (k, pv) in params {
            if !is_lax_name(k) {
                return None;
            }
            let values: Vec<&str> = match pv {
                Value::String(s) => vec![s.as_str()],
                Value::Array(a) => a.iter().filter_map(Value::as_str).collect(),
                Value::Null => {
                    p = p.with_param(kalends_ical_core::Parameter::bare(k.to_ascii_uppercase()));
                    continue;
                }
                _ => return None,
            };
            p = p.with_param(kalends_ical_core::Parameter::with_values(
                k.to_ascii_uppercase(),
                values,
            ));
        }
        return Some(p);
    }
    jcal::property_from_json(v).ok()
}

/// Reads a carried jCal component back.
pub(crate) fn uncarry_component(
    v: &crate::json::Json<'_>,
    depth: usize,
) -> Option<Component<'static>> {
    uncarry_component_value(&v.to_value(), depth)
}

/// [`uncarry_component`] on a `serde_json` tree.
fn uncarry_component_value(v: &Value, depth: usize) -> Option<Component<'static>> {
    if depth > super::MAX_JSON_DEPTH {
        return None;
    }
    let [
        Value::String(name),
        Value::Array(props),
        Value::Array(comps),
    ] = v.as_array()?.as_slice()
    else {
        return None;
    };
    if !is_name(name) {
        return None;
    }
    let mut c = Component::new(name.to_ascii_uppercase());
    for p in props {
        c.push(uncarry_value(p)?);
    }
    for sub in comps {
        c.push_component(uncarry_component_value(sub, depth.saturating_add(1))?);
    }
    Some(c)
}

/// True for a name a lenient reader may have kept: no `:`, `;`, `=`, `,`
/// or line break, so that writing it gives it back.
fn is_lax_name(s: &str) -> bool {
    !s.contains([':', ';', '\r', '\n'])
}

/// True for an iCalendar name: letters, digits and `-` (RFC 5545 §3.1).
pub(crate) fn is_name(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

/// True for an Id (RFC 8984 §1.4.1).
pub(crate) fn is_id(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 255
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// Keys of one Id-keyed map, generated as both directions do: a hash of
/// a base text, made unique in order of insertion by hashing an occurrence
/// counter in. Draft -25 §2.1.3 names the hash: the UUIDv5 of the text in
/// the draft's namespace. Draft -11 names none (any Id will do, RFC 8984
/// §1.4.1), so a 64-bit FNV-1a hash in 16 hex digits is used there: it
/// costs a fraction of SHA-1 and is as stable.
pub(crate) struct KeyGen {
    /// The keys taken (most maps have a handful: no allocation).
    used: KeySet<Str<'static>, 4>,
    uuid: bool,
}

impl KeyGen {
    /// Keys for the profile whose names are `n`.
    pub(crate) fn new(n: &super::names::Names) -> KeyGen {
        KeyGen {
            used: KeySet::new(Str::default()),
            uuid: n.uuid_keys,
        }
    }

    fn hash(&self, parts: &[&[u8]], lower: bool) -> Str<'static> {
        if self.uuid {
            // The parts are lower-cased as they are hashed: no copies.
            Str::ascii(&uuid_v5_key(parts, lower))
        } else {
            fnv_key(parts, lower)
        }
    }

    /// The generated key for `base` (in ASCII lower case when `lower`,
    /// without copying it), not yet marked as used.
    fn predict_as(&self, base: &str, lower: bool) -> Str<'static> {
        let mut key = self.hash(&[base.as_bytes()], lower);
        let mut n = 1u32;
        while self.is_used(&key) {
            let count = n.to_string();
            key = self.hash(&[base.as_bytes(), b"\0", count.as_bytes()], lower);
            n = n.saturating_add(1);
        }
        key
    }

    /// Marks `key` as used.
    pub(crate) fn take(&mut self, key: &str) {
        self.used.insert(Str::copied(key));
    }

    /// True when `key` is used.
    pub(crate) fn is_used(&self, key: &str) -> bool {
        self.used.contains_by(key.as_bytes(), |u| **u == *key)
    }

    /// The key for an element with an explicit key (`JSCAL-ID` / `JSID`) or,
    /// without one, the generated key for `base`; marked as used.
    pub(crate) fn key(&mut self, explicit: Option<&str>, base: &str) -> Str<'static> {
        self.key_as(explicit, base, false)
    }

    /// [`KeyGen::key`] with `base` in ASCII lower case (calendar addresses,
    /// compared without case), without copying it.
    pub(crate) fn key_lower(&mut self, explicit: Option<&str>, base: &str) -> Str<'static> {
        self.key_as(explicit, base, true)
    }

    fn key_as(&mut self, explicit: Option<&str>, base: &str, lower: bool) -> Str<'static> {
        let key = match explicit {
            Some(k) if !self.is_used(k) => Str::copied(k),
            _ => self.predict_as(base, lower),
        };
        self.used.insert(key.clone());
        key
    }
}

/// The FNV-1a offset basis (64-bit).
pub(crate) const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
/// The FNV-1a prime (64-bit).
pub(crate) const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// The 64-bit FNV-1a hash of the concatenation of `parts` (each byte in
/// ASCII lower case when `lower`), in 16 lower-case hex digits.
fn fnv_key(parts: &[&[u8]], lower: bool) -> Str<'static> {
    let h = parts
        .iter()
        .fold(FNV_OFFSET, |h, part| fnv_extend(h, part, lower));
    Str::ascii(&hex16(h))
}

/// The 64-bit FNV-1a hash `h` continued over `bytes`, each in ASCII lower
/// case first when `lower` (start from [`FNV_OFFSET`]): eight bytes are
/// lower-cased at a time, then hashed in order.
pub(crate) fn fnv_extend(mut h: u64, bytes: &[u8], lower: bool) -> u64 {
    let step = |h: u64, b: u64| (h ^ b).wrapping_mul(FNV_PRIME);
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let mut w = u64::from_le_bytes(word);
        if lower {
            w = lower_word(w);
        }
        for _ in 0..8 {
            h = step(h, w & 0xff);
            w >>= 8;
        }
    }
    for &b in chunks.remainder() {
        let b = if lower { b.to_ascii_lowercase() } else { b };
        h = step(h, u64::from(b));
    }
    h
}

/// The ASCII upper-case letters of the eight bytes of `w` in lower case,
/// every other byte unchanged.
fn lower_word(w: u64) -> u64 {
    const LOW_BITS: u64 = 0x0101_0101_0101_0101;
    const HIGH_BITS: u64 = 0x8080_8080_8080_8080;
    // Per byte, without carries between bytes: the low seven bits plus
    // 0x80 - 'A' reach the high bit from 'A' on, plus 0x80 - 'Z' - 1 from
    // past 'Z' on; bytes with the high bit set are not ASCII.
    let low7 = w & 0x7f7f_7f7f_7f7f_7f7f;
    let from_a = low7.wrapping_add(LOW_BITS.wrapping_mul(0x80 - u64::from(b'A')));
    let past_z = low7.wrapping_add(LOW_BITS.wrapping_mul(0x80 - u64::from(b'Z') - 1));
    let upper = from_a & !past_z & !w & HIGH_BITS;
    w | (upper >> 2)
}

/// `h` in 16 lower-case hex digits (a draft -11 key).
pub(crate) fn hex16(h: u64) -> [u8; 16] {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = [b'0'; 16];
    // Two digits per byte, most significant first.
    for (pair, byte) in out.chunks_exact_mut(2).zip(h.to_be_bytes()) {
        for (slot, nibble) in pair.iter_mut().zip([byte >> 4, byte & 0xf]) {
            *slot = DIGITS.get(usize::from(nibble)).copied().unwrap_or(b'0');
        }
    }
    out
}

/// A short list that lives on the stack until it outgrows `N` entries.
#[derive(Clone)]
pub(crate) struct Small<T, const N: usize> {
    inline: [T; N],
    len: usize,
    more: Vec<T>,
}

impl<T: Clone, const N: usize> Small<T, N> {
    /// An empty list; `fill` fills the unused inline slots.
    pub(crate) fn new(fill: T) -> Small<T, N> {
        Small {
            inline: std::array::from_fn(|_| fill.clone()),
            len: 0,
            more: Vec::new(),
        }
    }

    /// Appends `item`.
    pub(crate) fn push(&mut self, item: T) {
        match self.inline.get_mut(self.len) {
            Some(slot) => {
                *slot = item;
                self.len = self.len.saturating_add(1);
            }
            None => self.more.push(item),
        }
    }

    /// The number of items.
    pub(crate) fn len(&self) -> usize {
        self.len.saturating_add(self.more.len())
    }

    /// The items in order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = &T> + '_ {
        self.inline
            .get(..self.len)
            .unwrap_or_default()
            .iter()
            .chain(self.more.iter())
    }
}

/// Keys taken in one map: a [`Small`] list, which also keeps a hash set of
/// the keys once it holds [`crate::json::INDEX_FROM`] of them, so that a
/// map of thousands of participants or alerts takes linear time to make.
/// SipHash (std's default) because explicit keys come from the input.
#[derive(Clone)]
pub(crate) struct KeySet<T, const N: usize> {
    list: Small<T, N>,
    /// Boxed: most sets never have one, and stay small to make and drop.
    #[allow(
        clippy::box_collection,
        reason = "boxed so that the common case, no index, stays one word"
    )]
    index: Option<Box<HashSet<Box<[u8]>>>>,
}

impl<T: Clone + std::ops::Deref<Target = str>, const N: usize> KeySet<T, N> {
    /// An empty set; `fill` fills the unused inline slots.
    pub(crate) fn new(fill: T) -> KeySet<T, N> {
        KeySet {
            list: Small::new(fill),
            index: None,
        }
    }

    /// Adds `key` (the caller knows it is not in yet, or does not mind a
    /// second entry).
    #[inline(always)]
    pub(crate) fn insert(&mut self, key: T) {
        if self.index.is_some() || self.list.len() >= crate::json::INDEX_FROM {
            self.index_too(&key);
        }
        self.list.push(key);
    }

    /// Adds `key` to the hash set, made first from the list if need be.
    #[cold]
    fn index_too(&mut self, key: &T) {
        let index = self.index.get_or_insert_with(|| {
            Box::new(self.list.iter().map(|k| Box::from(k.as_bytes())).collect())
        });
        index.insert(Box::from(key.as_bytes()));
    }

    /// True when `key` is in the set.
    pub(crate) fn contains(&self, key: &[u8]) -> bool {
        self.contains_by(key, |k| k.as_bytes() == key)
    }

    /// True when `key` is in the set: through the hash set when there is
    /// one, else by `matches` on each key (for callers that compare
    /// faster than byte slices do).
    #[inline]
    pub(crate) fn contains_by(&self, key: &[u8], matches: impl Fn(&T) -> bool) -> bool {
        match &self.index {
            Some(index) => index.contains(key),
            None => self.list.iter().any(matches),
        }
    }
}

/// The base text of a component's key when it has no calendar address and
/// no UID that is a valid Id (draft -25 §2.2.2, §2.2.4): the component
/// name, then its content lines, each with its parameters decoded and
/// sorted, the lines sorted, so that the key depends neither on order nor
/// on quoting. Made in buffers kept from one component to the next: both
/// directions make one for each VALARM, VLOCATION and PARTICIPANT without
/// a key of its own.
#[derive(Debug, Default)]
pub(crate) struct KeyScratch {
    base: String,
    lines: String,
    line_at: Vec<(usize, usize)>,
    params: String,
    param_at: Vec<(usize, usize)>,
}

impl KeyScratch {
    /// The base of `c`, leaving out the properties named in `skip`.
    pub(crate) fn base(&mut self, c: &Component<'_>, skip: &[&str]) -> &str {
        let KeyScratch {
            base,
            lines,
            line_at,
            params,
            param_at,
        } = self;
        lines.clear();
        line_at.clear();
        for p in c.properties() {
            if skip.iter().any(|s| p.is(s)) {
                continue;
            }
            params.clear();
            param_at.clear();
            for param in p.params() {
                let from = params.len();
                push_upper(params, param.name());
                params.push('=');
                for (i, v) in param.values().enumerate() {
                    if i > 0 {
                        params.push(',');
                    }
                    params.push_str(&v);
                }
                param_at.push((from, params.len()));
            }
            let text = params.as_str();
            param_at.sort_unstable_by(|a, b| slice(text, *a).cmp(slice(text, *b)));
            let from = lines.len();
            push_upper(lines, p.name());
            for at in param_at.iter() {
                lines.push(';');
                lines.push_str(slice(text, *at));
            }
            lines.push(':');
            lines.push_str(p.value());
            line_at.push((from, lines.len()));
        }
        let text = lines.as_str();
        line_at.sort_unstable_by(|a, b| slice(text, *a).cmp(slice(text, *b)));
        base.clear();
        push_upper(base, c.name());
        for at in line_at.iter() {
            base.push('\n');
            base.push_str(slice(text, *at));
        }
        base
    }
}

/// `text[at.0..at.1]`.
fn slice(text: &str, at: (usize, usize)) -> &str {
    text.get(at.0..at.1).unwrap_or("")
}

/// Appends `s` in ASCII upper case.
fn push_upper(out: &mut String, s: &str) {
    out.extend(s.chars().map(|c| c.to_ascii_uppercase()));
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The reference the tests hold [`KeyScratch::base`] to, written
    /// plainly with a `String` per line and per parameter; `None` when the
    /// UID is a valid Id (the key is the UID then).
    fn component_key_base(c: &Component<'_>, skip: &[&str]) -> Option<String> {
        if let Some(uid) = c.property("UID").map(|p| p.text_value())
            && is_id(&uid)
        {
            return None;
        }
        let mut lines: Vec<String> = c
            .properties()
            .iter()
            .filter(|p| !skip.iter().any(|s| p.is(s)))
            .map(|p| {
                // Parameters decoded and sorted: quoting and order do not count.
                let mut params: Vec<String> = p
                    .params()
                    .iter()
                    .map(|param| {
                        let values: Vec<String> = param.values().map(|v| v.into_owned()).collect();
                        format!("{}={}", param.name().to_ascii_uppercase(), values.join(","))
                    })
                    .collect();
                params.sort_unstable();
                let mut s = p.name().to_ascii_uppercase();
                for param in params {
                    s.push(';');
                    s.push_str(&param);
                }
                s.push(':');
                s.push_str(p.value());
                s
            })
            .collect();
        lines.sort_unstable();
        let mut base = c.name().to_ascii_uppercase();
        for l in lines {
            base.push('\n');
            base.push_str(&l);
        }
        Some(base)
    }

    /// [`KeyScratch::base`] makes what this plain formulation makes.
    #[test]
    fn key_bases_agree_with_component_key_base() {
        let text = "BEGIN:VCALENDAR\r\nBEGIN:valarm\r\naction:DISPLAY\r\n\
            TRIGGER;related=START;X-B=\"a,b\",c;X-A=^'q^':-PT15M\r\n\
            DESCRIPTION:Reminder\\, now\r\nJSCAL-ID:skip\r\nX-Z;X-E:bare\r\n\
            DESCRIPTION:Another\r\nEND:valarm\r\nBEGIN:VLOCATION\r\n\
            UID:not an id\r\nNAME:Room\r\nEND:VLOCATION\r\nEND:VCALENDAR\r\n";
        let doc = kalends_ical_core::parse_with(
            text,
            &kalends_ical_core::ParseOptions::lenient(),
            &mut (),
        )
        .unwrap();
        let mut scratch = KeyScratch::default();
        for c in doc.components[0].components() {
            let skip = ["JSCAL-ID", "JSCAL-PROP"];
            let Some(want) = component_key_base(c, &skip) else {
                panic!("{} has an Id for UID", c.name());
            };
            assert_eq!(scratch.base(c, &skip), want);
        }
    }
}
