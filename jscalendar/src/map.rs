//! Insertion-ordered maps and sets for the JSON objects of RFC 8984.
//!
//! JSON objects are unordered, but writing them in a fixed order is what makes
//! output deterministic and keeps the order of, say, participants when an
//! object is converted to iCalendar and back. [`OrderedMap`] keeps entries in
//! the order they were read or inserted; [`OrderedSet`] is RFC 8984's
//! `A[Boolean]` set, whose values are always `true` (§1.3, e.g. `keywords`
//! §4.2.9).
//!
//! Lookups are linear: the maps of a JSCalendar object are small (a few
//! participants, alerts, locations). Reading de-duplicates keys the way
//! `serde_json` does (the last value wins, at the first key's position)
//! without quadratic cost on large maps.

use std::borrow::Borrow;
use std::collections::HashMap;
use std::fmt;
use std::hash::Hash;
use std::marker::PhantomData;

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::ser::{SerializeMap, Serializer};
use serde::{Deserialize, Serialize};

use crate::types::Id;

/// Maps with at least this many entries get a hash index while being read.
const INDEX_FROM: usize = 32;

/// A map that keeps its entries in insertion order (a JSON object).
///
/// Equality ignores order, as JSON object equality does.
///
/// ```
/// use kalends_jscalendar::OrderedMap;
/// let mut m = OrderedMap::new();
/// m.insert("b".to_owned(), 1);
/// m.insert("a".to_owned(), 2);
/// assert_eq!(m.keys().map(String::as_str).collect::<Vec<_>>(), ["b", "a"]);
/// assert_eq!(m.get("a"), Some(&2));
/// ```
#[derive(Clone)]
pub struct OrderedMap<K, V> {
    entries: Vec<(K, V)>,
}

/// A map keyed by [`Id`] (RFC 8984 `Id[T]`, §1.4.1).
pub type IdMap<V> = OrderedMap<Id, V>;

impl<K, V> OrderedMap<K, V> {
    /// An empty map.
    pub fn new() -> Self {
        OrderedMap {
            entries: Vec::new(),
        }
    }

    /// An empty map with room for `n` entries.
    pub fn with_capacity(n: usize) -> Self {
        OrderedMap {
            entries: Vec::with_capacity(n),
        }
    }

    /// The number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when there are no entries.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The entries in order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = (&K, &V)> {
        self.entries.iter().map(|(k, v)| (k, v))
    }

    /// The entries in order, values mutable.
    pub fn iter_mut(&mut self) -> impl ExactSizeIterator<Item = (&K, &mut V)> {
        self.entries.iter_mut().map(|(k, v)| (&*k, v))
    }

    /// The keys in order.
    pub fn keys(&self) -> impl ExactSizeIterator<Item = &K> {
        self.entries.iter().map(|(k, _)| k)
    }

    /// The values in order.
    pub fn values(&self) -> impl ExactSizeIterator<Item = &V> {
        self.entries.iter().map(|(_, v)| v)
    }

    /// The values in order, mutable.
    pub fn values_mut(&mut self) -> impl ExactSizeIterator<Item = &mut V> {
        self.entries.iter_mut().map(|(_, v)| v)
    }

    /// Removes every entry.
    pub fn clear(&mut self) {
        self.entries.clear();
    }

    fn position<Q>(&self, key: &Q) -> Option<usize>
    where
        K: Borrow<Q>,
        Q: PartialEq + ?Sized,
    {
        self.entries.iter().position(|(k, _)| k.borrow() == key)
    }

    /// The value for `key`.
    pub fn get<Q>(&self, key: &Q) -> Option<&V>
    where
        K: Borrow<Q>,
        Q: PartialEq + ?Sized,
    {
        self.entries
            .iter()
            .find(|(k, _)| k.borrow() == key)
            .map(|(_, v)| v)
    }

    /// The value for `key`, mutable.
    pub fn get_mut<Q>(&mut self, key: &Q) -> Option<&mut V>
    where
        K: Borrow<Q>,
        Q: PartialEq + ?Sized,
    {
        self.entries
            .iter_mut()
            .find(|(k, _)| k.borrow() == key)
            .map(|(_, v)| v)
    }

    /// True when `key` has an entry.
    pub fn contains_key<Q>(&self, key: &Q) -> bool
    where
        K: Borrow<Q>,
        Q: PartialEq + ?Sized,
    {
        self.position(key).is_some()
    }

    /// Removes the entry for `key`, keeping the order of the others.
    pub fn remove<Q>(&mut self, key: &Q) -> Option<V>
    where
        K: Borrow<Q>,
        Q: PartialEq + ?Sized,
    {
        let i = self.position(key)?;
        Some(self.entries.remove(i).1)
    }
}

impl<K: PartialEq, V> OrderedMap<K, V> {
    /// Sets the value for `key`: an existing key keeps its position and its
    /// old value is returned; a new key goes last.
    pub fn insert(&mut self, key: K, value: V) -> Option<V> {
        match self.entries.iter_mut().find(|(k, _)| *k == key) {
            Some(slot) => Some(std::mem::replace(&mut slot.1, value)),
            None => {
                self.entries.push((key, value));
                None
            }
        }
    }
}

impl<K, V> Default for OrderedMap<K, V> {
    fn default() -> Self {
        OrderedMap::new()
    }
}

impl<K: PartialEq, V: PartialEq> PartialEq for OrderedMap<K, V> {
    fn eq(&self, other: &Self) -> bool {
        if self.len() != other.len() {
            return false;
        }
        // Fast path: same order.
        if self
            .entries
            .iter()
            .zip(&other.entries)
            .all(|(a, b)| a.0 == b.0 && a.1 == b.1)
        {
            return true;
        }
        self.entries
            .iter()
            .all(|(k, v)| other.entries.iter().any(|(ok, ov)| ok == k && ov == v))
    }
}

impl<K: Eq, V: Eq> Eq for OrderedMap<K, V> {}

impl<K: fmt::Debug, V: fmt::Debug> fmt::Debug for OrderedMap<K, V> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

impl<K: Eq + Hash + Clone, V> FromIterator<(K, V)> for OrderedMap<K, V> {
    /// Collects entries; a repeated key keeps its first position and its last value.
    fn from_iter<I: IntoIterator<Item = (K, V)>>(iter: I) -> Self {
        let mut m = OrderedMap::new();
        m.extend(iter);
        m
    }
}

impl<K: Eq + Hash + Clone, V> Extend<(K, V)> for OrderedMap<K, V> {
    /// Inserts every entry as [`OrderedMap::insert`] does, in linear time.
    fn extend<I: IntoIterator<Item = (K, V)>>(&mut self, iter: I) {
        let mut d = Dedup::from_entries(std::mem::take(&mut self.entries));
        for (k, v) in iter {
            d.push(k, v);
        }
        self.entries = d.entries;
    }
}

impl<K, V> IntoIterator for OrderedMap<K, V> {
    type Item = (K, V);
    type IntoIter = std::vec::IntoIter<(K, V)>;
    fn into_iter(self) -> Self::IntoIter {
        self.entries.into_iter()
    }
}

impl<'a, K, V> IntoIterator for &'a OrderedMap<K, V> {
    type Item = (&'a K, &'a V);
    type IntoIter = std::iter::Map<std::slice::Iter<'a, (K, V)>, fn(&'a (K, V)) -> (&'a K, &'a V)>;
    fn into_iter(self) -> Self::IntoIter {
        fn pair<K, V>((k, v): &(K, V)) -> (&K, &V) {
            (k, v)
        }
        self.entries
            .iter()
            .map(pair as fn(&'a (K, V)) -> (&'a K, &'a V))
    }
}

impl<K: Serialize, V: Serialize> Serialize for OrderedMap<K, V> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.len()))?;
        for (k, v) in &self.entries {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

/// Collects map entries, the last value of a repeated key winning at the
/// first key's position.
struct Dedup<K, V> {
    entries: Vec<(K, V)>,
    index: Option<HashMap<K, usize>>,
}

impl<K: Eq + Hash + Clone, V> Dedup<K, V> {
    fn new(capacity: usize) -> Self {
        Dedup {
            entries: Vec::with_capacity(capacity),
            index: None,
        }
    }

    /// Starts from entries without repeated keys.
    fn from_entries(entries: Vec<(K, V)>) -> Self {
        let mut d = Dedup {
            entries,
            index: None,
        };
        if d.entries.len() >= INDEX_FROM {
            d.build_index();
        }
        d
    }

    fn build_index(&mut self) {
        self.index = Some(
            self.entries
                .iter()
                .enumerate()
                .map(|(i, (k, _))| (k.clone(), i))
                .collect(),
        );
    }

    fn push(&mut self, k: K, v: V) {
        let found = match &self.index {
            Some(ix) => ix.get(&k).copied(),
            None => self.entries.iter().position(|(e, _)| *e == k),
        };
        if let Some(slot) = found.and_then(|i| self.entries.get_mut(i)) {
            slot.1 = v;
            return;
        }
        if let Some(ix) = &mut self.index {
            ix.insert(k.clone(), self.entries.len());
        }
        self.entries.push((k, v));
        if self.index.is_none() && self.entries.len() >= INDEX_FROM {
            self.build_index();
        }
    }
}

struct MapVisitor<K, V>(PhantomData<(K, V)>);

impl<'de, K, V> Visitor<'de> for MapVisitor<K, V>
where
    K: Deserialize<'de> + Eq + Hash + Clone,
    V: Deserialize<'de>,
{
    type Value = OrderedMap<K, V>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Self::Value, A::Error> {
        let mut d = Dedup::new(access.size_hint().unwrap_or(0).min(1024));
        while let Some((k, v)) = access.next_entry::<K, V>()? {
            d.push(k, v);
        }
        Ok(OrderedMap { entries: d.entries })
    }
}

impl<'de, K, V> Deserialize<'de> for OrderedMap<K, V>
where
    K: Deserialize<'de> + Eq + Hash + Clone,
    V: Deserialize<'de>,
{
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(MapVisitor(PhantomData))
    }
}

/// A set written as a JSON object whose values are all `true` (RFC 8984
/// `A[Boolean]`, e.g. `keywords` §4.2.9, `roles` §4.4.6). Keeps insertion
/// order; equality ignores order.
///
/// Reading a set rejects a value other than `true`: RFC 8984 says "The value
/// for each key in the map MUST be true".
///
/// ```
/// use kalends_jscalendar::OrderedSet;
/// let s: OrderedSet<String> = serde_json::from_str(r#"{"b": true, "a": true}"#)?;
/// assert!(s.contains("a"));
/// assert_eq!(serde_json::to_string(&s)?, r#"{"b":true,"a":true}"#);
/// assert!(serde_json::from_str::<OrderedSet<String>>(r#"{"a": false}"#).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone)]
pub struct OrderedSet<K> {
    items: Vec<K>,
}

impl<K> OrderedSet<K> {
    /// An empty set.
    pub fn new() -> Self {
        OrderedSet { items: Vec::new() }
    }

    /// The number of members.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// True when there are no members.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The members in order.
    pub fn iter(&self) -> std::slice::Iter<'_, K> {
        self.items.iter()
    }

    /// True when `item` is a member.
    pub fn contains<Q>(&self, item: &Q) -> bool
    where
        K: Borrow<Q>,
        Q: PartialEq + ?Sized,
    {
        self.items.iter().any(|k| k.borrow() == item)
    }

    /// Removes `item`; true when it was a member.
    pub fn remove<Q>(&mut self, item: &Q) -> bool
    where
        K: Borrow<Q>,
        Q: PartialEq + ?Sized,
    {
        match self.items.iter().position(|k| k.borrow() == item) {
            Some(i) => {
                self.items.remove(i);
                true
            }
            None => false,
        }
    }
}

impl<K: PartialEq> OrderedSet<K> {
    /// Adds `item` at the end; false (and no change) when it is already a member.
    pub fn insert(&mut self, item: K) -> bool {
        if self.items.contains(&item) {
            false
        } else {
            self.items.push(item);
            true
        }
    }
}

impl<K> Default for OrderedSet<K> {
    fn default() -> Self {
        OrderedSet::new()
    }
}

impl<K: PartialEq> PartialEq for OrderedSet<K> {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len()
            && (self.items == other.items || self.items.iter().all(|k| other.items.contains(k)))
    }
}

impl<K: Eq> Eq for OrderedSet<K> {}

impl<K: fmt::Debug> fmt::Debug for OrderedSet<K> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set().entries(self.iter()).finish()
    }
}

impl<K: Eq + Hash + Clone> FromIterator<K> for OrderedSet<K> {
    /// Collects members; a repeated member keeps its first position.
    fn from_iter<I: IntoIterator<Item = K>>(iter: I) -> Self {
        let mut s = OrderedSet::new();
        s.extend(iter);
        s
    }
}

impl<K: Eq + Hash + Clone> Extend<K> for OrderedSet<K> {
    /// Adds every new member at the end, in linear time.
    fn extend<I: IntoIterator<Item = K>>(&mut self, iter: I) {
        let existing = std::mem::take(&mut self.items);
        let mut d = Dedup::from_entries(existing.into_iter().map(|k| (k, ())).collect());
        for k in iter {
            d.push(k, ());
        }
        self.items = d.entries.into_iter().map(|(k, ())| k).collect();
    }
}

impl<K> IntoIterator for OrderedSet<K> {
    type Item = K;
    type IntoIter = std::vec::IntoIter<K>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

impl<'a, K> IntoIterator for &'a OrderedSet<K> {
    type Item = &'a K;
    type IntoIter = std::slice::Iter<'a, K>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.iter()
    }
}

impl<K: Serialize> Serialize for OrderedSet<K> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.len()))?;
        for k in &self.items {
            map.serialize_entry(k, &true)?;
        }
        map.end()
    }
}

struct SetVisitor<K>(PhantomData<K>);

impl<'de, K> Visitor<'de> for SetVisitor<K>
where
    K: Deserialize<'de> + Eq + Hash + Clone,
{
    type Value = OrderedSet<K>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object whose values are all `true`")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Self::Value, A::Error> {
        let mut d = Dedup::new(access.size_hint().unwrap_or(0).min(1024));
        while let Some((k, v)) = access.next_entry::<K, bool>()? {
            if !v {
                return Err(de::Error::custom(
                    "the value for each key of a set must be `true` (RFC 8984 §1.3), found `false`",
                ));
            }
            d.push(k, ());
        }
        Ok(OrderedSet {
            items: d.entries.into_iter().map(|(k, ())| k).collect(),
        })
    }
}

impl<'de, K> Deserialize<'de> for OrderedSet<K>
where
    K: Deserialize<'de> + Eq + Hash + Clone,
{
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(SetVisitor(PhantomData))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dedup_large_maps_keeps_first_position_last_value() {
        let mut text = String::from("{");
        for i in 0..40 {
            text.push_str(&format!("\"k{i}\": {i},"));
        }
        text.push_str("\"k3\": 99, \"k39\": 100}");
        let m: OrderedMap<String, u32> = serde_json::from_str(&text).unwrap();
        assert_eq!(m.len(), 40);
        assert_eq!(m.get("k3"), Some(&99));
        assert_eq!(m.get("k39"), Some(&100));
        assert_eq!(m.keys().nth(3).map(String::as_str), Some("k3"));
    }

    #[test]
    fn equality_ignores_order() {
        let a: OrderedMap<String, u32> = serde_json::from_str(r#"{"a":1,"b":2}"#).unwrap();
        let b: OrderedMap<String, u32> = serde_json::from_str(r#"{"b":2,"a":1}"#).unwrap();
        let c: OrderedMap<String, u32> = serde_json::from_str(r#"{"b":2,"a":3}"#).unwrap();
        assert_eq!(a, b);
        assert_ne!(a, c);
    }
}
