//! PatchObject application (RFC 9553 §1.4.3) with JSON pointers (RFC 6901).

use serde_json::{Map, Value as Json};

use crate::error::{Error, ErrorKind, excerpt};

/// Splits a PatchObject key into reference tokens: the implicit leading `/`
/// may be written or not (RFC 9555 §3.2.1), `~1` is `/` and `~0` is `~`.
///
/// ```
/// use kalends_vcard::jscontact::pointer_tokens;
/// assert_eq!(pointer_tokens("phones/p1/example.com:foo~1bar")?, ["phones", "p1", "example.com:foo/bar"]);
/// assert!(pointer_tokens("a/~2").is_err());
/// # Ok::<(), kalends_vcard::Error>(())
/// ```
pub fn pointer_tokens(pointer: &str) -> Result<Vec<String>, Error> {
    let p = pointer.strip_prefix('/').unwrap_or(pointer);
    p.split('/')
        .map(|t| {
            let mut out = String::with_capacity(t.len());
            let mut chars = t.chars();
            while let Some(c) = chars.next() {
                if c != '~' {
                    out.push(c);
                    continue;
                }
                match chars.next() {
                    Some('0') => out.push('~'),
                    Some('1') => out.push('/'),
                    _ => {
                        return Err(Error::new(
                            ErrorKind::Json,
                            format!("the JSON pointer `{}` has a `~` not followed by 0 or 1 (RFC 6901 §3).", excerpt(pointer)),
                        ));
                    }
                }
            }
            Ok(out)
        })
        .collect()
}

/// Writes reference tokens as a PatchObject key (no leading `/`).
pub fn pointer_from_tokens<S: AsRef<str>>(tokens: &[S]) -> String {
    tokens
        .iter()
        .map(|t| t.as_ref().replace('~', "~0").replace('/', "~1"))
        .collect::<Vec<_>>()
        .join("/")
}

fn invalid(pointer: &str, why: &str) -> Error {
    Error::new(
        ErrorKind::Json,
        format!(
            "the patch `{}` is not valid: {why} (RFC 9553 §1.4.3).",
            excerpt(pointer)
        ),
    )
}

/// Applies a PatchObject to `target`, all or nothing: when any patch is
/// invalid (a missing parent, `-` as an array index, a pointer that is the
/// prefix of another, null for an array member) nothing is changed and the
/// error is returned.
///
/// ```
/// use kalends_vcard::jscontact::apply_patch;
/// use serde_json::json;
/// let mut card = json!({"titles": {"t1": {"name": "Boss"}}});
/// let patch = json!({"titles/t1/name": "Patron"});
/// apply_patch(&mut card, patch.as_object().ok_or("not an object")?)?;
/// assert_eq!(card["titles"]["t1"]["name"], "Patron");
/// assert!(apply_patch(&mut card, json!({"a/b": 1}).as_object().ok_or("x")?).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn apply_patch(target: &mut Json, patch: &Map<String, Json>) -> Result<(), Error> {
    let mut parsed: Vec<(Vec<String>, &str, &Json)> = Vec::with_capacity(patch.len());
    for (k, v) in patch {
        parsed.push((pointer_tokens(k)?, k.as_str(), v));
    }
    let mut sorted: Vec<&Vec<String>> = parsed.iter().map(|(t, _, _)| t).collect();
    sorted.sort();
    for w in sorted.windows(2) {
        if let [a, b] = w
            && b.starts_with(a)
        {
            return Err(invalid(
                &pointer_from_tokens(b),
                "another patch points to a parent of this one",
            ));
        }
    }
    let mut work = target.clone();
    for (tokens, key, value) in parsed {
        set_pointer(&mut work, &tokens, key, value)?;
    }
    *target = work;
    Ok(())
}

fn set_pointer(root: &mut Json, tokens: &[String], key: &str, value: &Json) -> Result<(), Error> {
    let Some((last, parents)) = tokens.split_last() else {
        return Err(invalid(key, "the pointer is empty"));
    };
    let mut node = root;
    for t in parents {
        node = match node {
            Json::Object(m) => m
                .get_mut(t)
                .ok_or_else(|| invalid(key, "a parent does not exist"))?,
            Json::Array(a) => {
                let i = array_index(t, key)?;
                a.get_mut(i)
                    .ok_or_else(|| invalid(key, "an array index is out of range"))?
            }
            _ => return Err(invalid(key, "a parent is not an object or array")),
        };
    }
    match node {
        Json::Object(m) => {
            if value.is_null() {
                m.remove(last);
            } else {
                m.insert(last.clone(), value.clone());
            }
            Ok(())
        }
        Json::Array(a) => {
            if value.is_null() {
                return Err(invalid(key, "an array member cannot be removed"));
            }
            let i = array_index(last, key)?;
            let slot = a
                .get_mut(i)
                .ok_or_else(|| invalid(key, "an array index is out of range"))?;
            *slot = value.clone();
            Ok(())
        }
        _ => Err(invalid(key, "the parent is not an object or array")),
    }
}

fn array_index(t: &str, key: &str) -> Result<usize, Error> {
    if t == "-"
        || t.is_empty()
        || (t.len() > 1 && t.starts_with('0'))
        || !t.bytes().all(|b| b.is_ascii_digit())
    {
        return Err(invalid(key, "an array index is not a number"));
    }
    t.parse()
        .map_err(|_| invalid(key, "an array index is too large"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn all_or_nothing() {
        let mut v = json!({"a": {"b": 1}, "c": [1, 2]});
        let before = v.clone();
        let p = json!({"a/b": 2, "x/y": 1});
        assert!(apply_patch(&mut v, p.as_object().unwrap()).is_err());
        assert_eq!(v, before);
        let p = json!({"c/1": 5, "a/b": null});
        apply_patch(&mut v, p.as_object().unwrap()).unwrap();
        assert_eq!(v, json!({"a": {}, "c": [1, 5]}));
        for bad in [
            json!({"c/-": 1}),
            json!({"c/1": null}),
            json!({"a": 1, "a/b": 2}),
            json!({"c/01": 1}),
        ] {
            assert!(
                apply_patch(&mut v, bad.as_object().unwrap()).is_err(),
                "{bad}"
            );
        }
    }
}
