//! PatchObject (RFC 8984 §1.4.9) and the JSON pointers it uses.
//!
//! A PatchObject maps paths to values. A path is a JSON pointer (RFC 6901)
//! without its leading `/`: `participants/p1/participationStatus`. A `null`
//! value removes the property, any other value sets it.
//!
//! The rules of §1.4.9 and where this crate checks them:
//!
//! 1. no pointer into an array — when applying ([`ErrorKind::PatchInsideArray`]);
//! 2. every part before the last exists — when applying
//!    ([`ErrorKind::PatchMissingParent`], or [`ErrorKind::PatchNotAnObject`]
//!    when a part is a string, number …);
//! 3. no pointer is a prefix of another — when the PatchObject is built or
//!    read ([`ErrorKind::PatchPrefixConflict`]);
//! 4. the value is valid for its property — by [`crate::validate()`], and by the
//!    typed model when a patched object is read back.
//!
//! Pointer syntax (`~` only in `~0` and `~1`) is checked when the PatchObject
//! is built or read ([`ErrorKind::InvalidPointer`]). A patch that breaks a
//! rule rejects the whole PatchObject: [`PatchObject::apply_to`] checks every
//! patch before it changes anything.

use std::borrow::Cow;
use std::fmt;

use serde::de::Deserializer;
use serde::{Deserialize, Serialize, Serializer};
use serde_json::{Map, Value};

use crate::error::{Error, ErrorKind, quote};

/// Pointer prefixes that a patch of `recurrenceOverrides` must not change;
/// patches starting with them are ignored (RFC 8984 §4.3.5).
pub const OVERRIDE_IGNORED_PREFIXES: &[&str] = &[
    "@type",
    "excludedRecurrenceRules",
    "method",
    "privacy",
    "prodId",
    "recurrenceId",
    "recurrenceIdTimeZone",
    "recurrenceOverrides",
    "recurrenceRules",
    "relatedTo",
    "replyTo",
    "sentBy",
    "timeZones",
    "uid",
];

/// The last parts a `localizations` patch may have; other patches are
/// ignored (RFC 8984 §4.6.1).
pub const LOCALIZATION_SUFFIXES: &[&str] = &["title", "description", "name"];

/// True when a recurrence override patch with these path parts is applied:
/// its first part is not one of [`OVERRIDE_IGNORED_PREFIXES`].
///
/// Reading chosen: "starts with one of the following prefixes" (RFC 8984
/// §4.3.5) compares whole path parts, so `uid` is ignored but a property
/// named `uidx` is not.
pub fn is_override_patch_applied(segments: &[String]) -> bool {
    segments
        .first()
        .is_none_or(|first| !OVERRIDE_IGNORED_PREFIXES.contains(&first.as_str()))
}

/// True when a localization patch with these path parts is applied: its
/// last part is `title`, `description` or `name` and it does not start with
/// `recurrenceOverrides` (RFC 8984 §4.6.1; whole parts are compared, so
/// `subtitle` does not count as `title`).
pub fn is_localization_patch_applied(segments: &[String]) -> bool {
    let ends_ok = segments
        .last()
        .is_some_and(|l| LOCALIZATION_SUFFIXES.contains(&l.as_str()));
    let starts_ok = segments.first().is_none_or(|f| f != "recurrenceOverrides");
    ends_ok && starts_ok
}

/// JSON pointers (RFC 6901) and PatchObject paths.
pub mod pointer {
    use super::*;

    /// Escapes one reference token: `~` becomes `~0`, `/` becomes `~1`.
    ///
    /// ```
    /// use kalends_jscalendar::pointer::escape;
    /// assert_eq!(escape("a/b~c"), "a~1b~0c");
    /// ```
    pub fn escape(token: &str) -> Cow<'_, str> {
        if token.bytes().any(|b| b == b'~' || b == b'/') {
            Cow::Owned(token.replace('~', "~0").replace('/', "~1"))
        } else {
            Cow::Borrowed(token)
        }
    }

    /// Splits a PatchObject path (a pointer without its leading `/`, RFC 8984
    /// §1.4.9) into unescaped parts. The empty path is one empty part (the
    /// pointer `/`).
    ///
    /// ```
    /// use kalends_jscalendar::pointer::parse_path;
    /// assert_eq!(parse_path("locations/a~1b/name")?, ["locations", "a/b", "name"]);
    /// assert!(parse_path("title~2").is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn parse_path(path: &str) -> Result<Vec<String>, Error> {
        path.split('/').map(|token| unescape(token, path)).collect()
    }

    fn unescape(token: &str, path: &str) -> Result<String, Error> {
        if !token.contains('~') {
            return Ok(token.to_owned());
        }
        let mut out = String::with_capacity(token.len());
        let mut chars = token.chars();
        while let Some(c) = chars.next() {
            if c == '~' {
                match chars.next() {
                    Some('0') => out.push('~'),
                    Some('1') => out.push('/'),
                    other => {
                        let found =
                            other.map_or_else(|| "the end".to_owned(), |c| format!("`{c}`"));
                        return Err(Error::new(
                            ErrorKind::InvalidPointer,
                            format!(
                                "The path `{}` is not a JSON pointer: `~` must be followed by `0` or `1` \
                                 (RFC 6901 §3), found {found}.",
                                quote(path)
                            ),
                        ));
                    }
                }
            } else {
                out.push(c);
            }
        }
        Ok(out)
    }

    /// Joins unescaped parts into a JSON pointer with a leading `/`.
    ///
    /// ```
    /// use kalends_jscalendar::pointer::to_pointer;
    /// assert_eq!(to_pointer(["locations", "a/b"]), "/locations/a~1b");
    /// ```
    pub fn to_pointer<I, S>(segments: I) -> String
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let mut out = String::with_capacity(64);
        for s in segments {
            out.push('/');
            push_escaped(&mut out, s.as_ref());
        }
        out
    }

    /// Appends the escaped `token` to `out`.
    fn push_escaped(out: &mut String, token: &str) {
        if !token.bytes().any(|b| b == b'~' || b == b'/') {
            out.push_str(token);
            return;
        }
        for ch in token.chars() {
            match ch {
                '~' => out.push_str("~0"),
                '/' => out.push_str("~1"),
                c => out.push(c),
            }
        }
    }

    /// `parent` + `/` + the escaped `token`.
    pub fn child(parent: &str, token: &str) -> String {
        let escaped = escape(token);
        let mut out = String::with_capacity(parent.len() + 1 + escaped.len());
        out.push_str(parent);
        out.push('/');
        out.push_str(&escaped);
        out
    }
}

use pointer::{child, parse_path, to_pointer};

/// A PatchObject (RFC 8984 §1.4.9): paths mapped to the values to set
/// (`null` removes). Keeps insertion order.
///
/// Building or reading one checks the pointer syntax and that no path is a
/// prefix of another; applying checks the rest (see the module docs).
///
/// ```
/// use kalends_jscalendar::PatchObject;
/// use serde_json::json;
///
/// let patch: PatchObject = serde_json::from_value(json!({
///     "title": "Calculus I Exam",
///     "locations/mlab/name": "Big Auditorium",
///     "description": null
/// }))?;
/// let mut event = json!({
///     "title": "Calculus I",
///     "description": "Weekly lecture",
///     "locations": {"mlab": {"@type": "Location", "name": "Math lab"}}
/// });
/// patch.apply_to(&mut event)?;
/// assert_eq!(event, json!({
///     "title": "Calculus I Exam",
///     "locations": {"mlab": {"@type": "Location", "name": "Big Auditorium"}}
/// }));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, PartialEq, Default)]
pub struct PatchObject {
    patches: Map<String, Value>,
}

impl PatchObject {
    /// An empty PatchObject (for a recurrence override: an extra occurrence
    /// with no changes, RFC 8984 §4.3.5).
    pub fn new() -> PatchObject {
        PatchObject::default()
    }

    /// Checks pointer syntax and prefix conflicts (RFC 8984 §1.4.9 rule 3) and
    /// wraps `patches`. Errors point at the offending key (`/` + escaped key).
    pub fn from_map(patches: Map<String, Value>) -> Result<PatchObject, Error> {
        check_paths(&patches)?;
        Ok(PatchObject { patches })
    }

    /// Adds or replaces the patch for `path`. Fails, changing nothing, when
    /// `path` is not a valid pointer or conflicts with another patch.
    pub fn insert(
        &mut self,
        path: impl Into<String>,
        value: Value,
    ) -> Result<Option<Value>, Error> {
        let path = path.into();
        let segments = parse_path(&path).map_err(|e| e.with_pointer(child("", &path)))?;
        for other in self.patches.keys() {
            if *other == path {
                continue;
            }
            let other_segments = parse_path(other)?;
            if is_prefix(&segments, &other_segments) || is_prefix(&other_segments, &segments) {
                return Err(conflict(other, &path));
            }
        }
        Ok(self.patches.insert(path, value))
    }

    /// Removes the patch for `path`.
    pub fn remove(&mut self, path: &str) -> Option<Value> {
        self.patches.shift_remove(path)
    }

    /// The value patched at `path`.
    pub fn get(&self, path: &str) -> Option<&Value> {
        self.patches.get(path)
    }

    /// The patches in order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = (&str, &Value)> {
        self.patches.iter().map(|(k, v)| (k.as_str(), v))
    }

    /// The number of patches.
    pub fn len(&self) -> usize {
        self.patches.len()
    }

    /// True when there are no patches.
    pub fn is_empty(&self) -> bool {
        self.patches.is_empty()
    }

    /// The patches as a JSON object.
    pub fn as_map(&self) -> &Map<String, Value> {
        &self.patches
    }

    /// The patches as a JSON object, owned.
    pub fn into_map(self) -> Map<String, Value> {
        self.patches
    }

    /// True when the patch sets `excluded` to `true`: the occurrence is
    /// removed from the recurrence set (RFC 8984 §4.3.5, §4.3.6).
    pub fn is_exclusion(&self) -> bool {
        self.patches.get("excluded") == Some(&Value::Bool(true))
    }

    /// Applies every patch to `target`, which must be a JSON object. Checks
    /// all patches first; on error `target` is unchanged (RFC 8984 §1.4.9:
    /// "Implementations MUST NOT apply partial patches").
    pub fn apply_to(&self, target: &mut Value) -> Result<(), Error> {
        match target {
            Value::Object(map) => self.apply_to_object(map),
            other => Err(Error::at(
                ErrorKind::PatchNotAnObject,
                format!(
                    "A PatchObject applies to a JSON object, not to `{}`.",
                    crate::error::quote_json(other)
                ),
                "",
            )),
        }
    }

    /// Applies every patch to the JSON object `target`; see [`Self::apply_to`].
    pub fn apply_to_object(&self, target: &mut Map<String, Value>) -> Result<(), Error> {
        self.apply_where(target, |_| true)
    }

    /// Applies the patches whose unescaped path parts `keep` accepts and
    /// skips the others (RFC 8984 §4.3.5 and §4.6.1 ignore some patches; see
    /// [`is_override_patch_applied`] and [`is_localization_patch_applied`]).
    /// Checks all kept patches first; on error `target` is unchanged.
    pub fn apply_where(
        &self,
        target: &mut Map<String, Value>,
        keep: impl Fn(&[String]) -> bool,
    ) -> Result<(), Error> {
        let mut plan = Vec::with_capacity(self.patches.len());
        for (path, value) in &self.patches {
            let segments = parse_path(path).map_err(|e| e.with_pointer(child("", path)))?;
            if !keep(&segments) {
                continue;
            }
            check_patch(target, path, &segments)?;
            plan.push((segments, value));
        }
        // Rule 3 makes the patches independent: none changes a parent of
        // another, so the checks above hold while applying.
        for (segments, value) in plan {
            set_path(target, &segments, value);
        }
        Ok(())
    }
}

fn conflict(shorter_or_other: &str, path: &str) -> Error {
    Error::at(
        ErrorKind::PatchPrefixConflict,
        format!(
            "The patches `{}` and `{}` conflict: one pointer is a prefix of the other (RFC 8984 §1.4.9 rule 3).",
            quote(shorter_or_other),
            quote(path)
        ),
        child("", path),
    )
}

fn is_prefix(a: &[String], b: &[String]) -> bool {
    a.len() <= b.len() && b.starts_with(a)
}

/// Checks pointer syntax and prefix conflicts in O(n log n): after sorting
/// the parsed paths, a path that is a prefix of another is a prefix of its
/// successor.
fn check_paths(patches: &Map<String, Value>) -> Result<(), Error> {
    let mut parsed = Vec::with_capacity(patches.len());
    for path in patches.keys() {
        let segments = parse_path(path).map_err(|e| e.with_pointer(child("", path)))?;
        parsed.push((segments, path));
    }
    parsed.sort();
    for pair in parsed.windows(2) {
        if let [(a, a_path), (b, b_path)] = pair
            && is_prefix(a, b)
        {
            return Err(conflict(a_path, b_path));
        }
    }
    Ok(())
}

/// Checks rules 1 and 2 of RFC 8984 §1.4.9 for one patch. Errors point at the
/// patch (`/` + escaped path).
pub(crate) fn check_patch(
    target: &Map<String, Value>,
    path: &str,
    segments: &[String],
) -> Result<(), Error> {
    let Some((_, parents)) = segments.split_last() else {
        return Ok(());
    };
    let hint = if path.starts_with('/') {
        " (the leading `/` of a PatchObject path is implicit)"
    } else {
        ""
    };
    let mut current = target;
    for (depth, segment) in parents.iter().enumerate() {
        let so_far = to_pointer(segments.iter().take(depth + 1));
        match current.get(segment) {
            Some(Value::Object(map)) => current = map,
            Some(Value::Array(_)) => {
                return Err(Error::at(
                    ErrorKind::PatchInsideArray,
                    format!(
                        "The patch `{}` points inside the array at `{so_far}`; RFC 8984 §1.4.9 rule 1 requires \
                         replacing an array as a whole.",
                        quote(path)
                    ),
                    child("", path),
                ));
            }
            Some(other) => {
                return Err(Error::at(
                    ErrorKind::PatchNotAnObject,
                    format!(
                        "The patch `{}` passes through `{so_far}`, which is `{}`, not a JSON object.",
                        quote(path),
                        crate::error::quote_json(other)
                    ),
                    child("", path),
                ));
            }
            None => {
                return Err(Error::at(
                    ErrorKind::PatchMissingParent,
                    format!(
                        "The patch `{}` needs `{so_far}` to exist on the patched object (RFC 8984 §1.4.9 \
                         rule 2){hint}.",
                        quote(path)
                    ),
                    child("", path),
                ));
            }
        }
    }
    Ok(())
}

/// Sets (or for `null` removes) the value at `segments`; a patch checked by
/// [`check_patch`] always reaches its parent.
fn set_path(target: &mut Map<String, Value>, segments: &[String], value: &Value) {
    let Some((last, parents)) = segments.split_last() else {
        return;
    };
    let mut current = target;
    for segment in parents {
        match current.get_mut(segment) {
            Some(Value::Object(map)) => current = map,
            _ => return,
        }
    }
    if value.is_null() {
        current.shift_remove(last);
    } else {
        current.insert(last.clone(), value.clone());
    }
}

impl TryFrom<Map<String, Value>> for PatchObject {
    type Error = Error;
    fn try_from(map: Map<String, Value>) -> Result<PatchObject, Error> {
        PatchObject::from_map(map)
    }
}

impl From<PatchObject> for Value {
    fn from(p: PatchObject) -> Value {
        Value::Object(p.patches)
    }
}

impl fmt::Debug for PatchObject {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("PatchObject").field(&self.patches).finish()
    }
}

impl Serialize for PatchObject {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.patches.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for PatchObject {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let map = Map::<String, Value>::deserialize(deserializer)?;
        PatchObject::from_map(map).map_err(|e| serde::de::Error::custom(e.message()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn sorted_prefix_check_finds_distant_pairs() {
        let m = json!({"a": 1, "a/b/c": 2, "a/a": 3})
            .as_object()
            .cloned()
            .unwrap();
        let e = PatchObject::from_map(m).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::PatchPrefixConflict);
        let m = json!({"ab": 1, "a/b": 2, "a~1b": 3})
            .as_object()
            .cloned()
            .unwrap();
        assert!(PatchObject::from_map(m).is_ok());
    }
}
