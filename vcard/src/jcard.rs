//! jCard (RFC 7095): vCard as JSON, both ways.
//!
//! A card is `["vcard", [properties]]`; a property is `[name, params, type,
//! value…]` (§3.3). Groups become the `group` parameter (§3.3.1.2), the
//! VALUE parameter becomes the type (§3.4.1), structured values become
//! arrays (§3.3.1.3), list values (NICKNAME, CATEGORIES) separate elements,
//! and dates and times the extended ISO 8601 form (§3.5.3–3.5.7).
//!
//! Readings chosen where RFC 7095 leaves room:
//!
//! - vCard 3.0 cards convert with the 3.0 default types (TEL
//!   `phone-number`, base64 media `binary`, GEO two floats, BDAY/REV `date`
//!   or `date-time` by their value), as ical.js does; jCard itself is defined
//!   for 4.0.
//! - A value that does not decode as its type is written as `unknown` with
//!   its text as it stands, so that nothing is lost (§5).
//! - Reduced times keep their precision: `20090808T1430-0500` becomes
//!   `2009-08-08T14:30-05:00` (RFC 7095's own table, §3.5.5; its Appendix B
//!   example adds `:00`).
//! - A structured value of one component is written as a string (§3.3.1.3
//!   recommends it).

use serde_json::{Map, Value as Json, json};

use kalends_ical_core::Parameter;

use crate::error::{Error, ErrorKind, excerpt};
use crate::property::Encoding;
use crate::registry::{self, Shape};
use crate::text::{escape, parse_list, parse_structured, split_unescaped, unescape};
use crate::tree::{Document, Property, VCard};
use crate::value::{DateAndOrTime, Time, Timestamp, UtcOffset, ValueType};
use crate::version::Version;

/// Converts a card to jCard.
///
/// ```
/// use kalends_vcard::{jcard, parse};
/// let doc = parse("BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Jo\r\nitem1.BDAY:--0412\r\nEND:VCARD\r\n")?;
/// let j = jcard::to_jcard(&doc.cards[0]);
/// assert_eq!(j, serde_json::json!(["vcard", [
///     ["version", {}, "text", "4.0"],
///     ["fn", {}, "text", "Jo"],
///     ["bday", {"group": "item1"}, "date-and-or-time", "--04-12"],
/// ]]));
/// # Ok::<(), kalends_vcard::Error>(())
/// ```
pub fn to_jcard(card: &VCard<'_>) -> Json {
    let version = card.version();
    let props: Vec<Json> = card
        .properties()
        .iter()
        .map(|p| property_to_jcard(p, version))
        .collect();
    json!(["vcard", props])
}

/// Converts every card of a document: a JSON array of jCards (RFC 7095 §3.2).
pub fn document_to_jcard(doc: &Document<'_>) -> Json {
    Json::Array(
        doc.cards
            .iter()
            .filter(|c| c.is_vcard())
            .map(to_jcard)
            .collect(),
    )
}

/// Converts one property to a jCard property array (also the JCardProp of
/// JSContact `vCardProps`, RFC 9555 §2.15.1).
pub fn property_to_jcard(p: &Property<'_>, version: Version) -> Json {
    let mut params = Map::new();
    if let Some(g) = p.group() {
        params.insert("group".to_owned(), Json::String(g.to_ascii_lowercase()));
    }
    let types: Vec<String> = p.types().into_iter().map(|t| t.into_owned()).collect();
    let mut types_done = false;
    let mut t = p.value_type(version);
    let values = jcard_values(p, &t, version);
    // A QUOTED-PRINTABLE value is written decoded, so its encoding goes.
    let qp = values.is_some() && p.encoding() == Some(Encoding::QuotedPrintable);
    for param in p.params() {
        if param.is("VALUE")
            || (qp && (param.is("ENCODING") || param.is("CHARSET") || param.is("QUOTED-PRINTABLE")))
        {
            continue;
        }
        if param.raw_value().is_none() && crate::tree::is_encoding_token(param.name()) {
            // vCard 2.1's bare `BASE64`: kept as the encoding it names.
            params.insert("encoding".to_owned(), Json::String(param.name().to_owned()));
            continue;
        }
        if param.raw_value().is_none() || param.is("TYPE") {
            if !types_done && !types.is_empty() {
                params.insert("type".to_owned(), one_or_many(types.clone()));
                types_done = true;
            }
            continue;
        }
        let key = param.name().to_ascii_lowercase();
        let mut values: Vec<String> = if crate::property::is_list_param(param.name()) {
            param
                .values()
                .flat_map(|v| v.split(',').map(str::to_owned).collect::<Vec<_>>())
                .collect()
        } else {
            param.values().map(|v| v.into_owned()).collect()
        };
        if let Some(Json::String(prev)) = params.get(&key) {
            values.insert(0, prev.clone());
        } else if let Some(Json::Array(prev)) = params.get(&key) {
            let mut all: Vec<String> = prev
                .iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect();
            all.extend(values);
            values = all;
        }
        params.insert(key, one_or_many(values));
    }
    let values = match values {
        Some(v) => v,
        None => {
            t = ValueType::Unknown;
            vec![Json::String(escape_newlines(
                &p.content()
                    .map(|c| c.into_owned())
                    .unwrap_or_else(|_| p.value().to_owned()),
            ))]
        }
    };
    let mut out = vec![
        Json::String(p.name().to_ascii_lowercase()),
        Json::Object(params),
        Json::String(t.as_str().to_owned()),
    ];
    out.extend(values);
    Json::Array(out)
}

fn one_or_many(mut values: Vec<String>) -> Json {
    if values.len() == 1 {
        Json::String(values.pop().unwrap_or_default())
    } else {
        Json::Array(values.into_iter().map(Json::String).collect())
    }
}

fn number(f: f64) -> Json {
    serde_json::Number::from_f64(f).map_or(Json::Null, Json::Number)
}

/// The jCard value elements of a property, or `None` when the value does
/// not decode as its type.
fn jcard_values(p: &Property<'_>, t: &ValueType, version: Version) -> Option<Vec<Json>> {
    let content = p.content().ok()?;
    let raw: &str = &content;
    let shape = registry::shape(p.name(), version);
    Some(match t {
        ValueType::Text | ValueType::PhoneNumber | ValueType::VCard => {
            // A newline is `\n` whatever line ending a decoded value had.
            let s = |v: String| {
                Json::String(if v.contains('\r') {
                    v.replace("\r\n", "\n").replace('\r', "\n")
                } else {
                    v
                })
            };
            match shape {
                Shape::Single => vec![s(unescape(raw, version).into_owned())],
                Shape::List => parse_list(raw, version).into_iter().map(s).collect(),
                Shape::Structured { lists } => {
                    let comps = parse_structured(raw, lists, version);
                    vec![structured_json(comps, s)]
                }
            }
        }
        ValueType::Float if matches!(shape, Shape::Structured { .. }) => {
            let comps: Option<Vec<Json>> = split_unescaped(raw, ';')
                .into_iter()
                .map(|c| {
                    c.trim()
                        .parse::<f64>()
                        .ok()
                        .filter(|f| f.is_finite())
                        .map(number)
                })
                .collect();
            vec![Json::Array(comps?)]
        }
        ValueType::Uri => vec![Json::String(p.uri_value(version)?)],
        ValueType::Binary => {
            if p.encoding() == Some(Encoding::Base64) {
                vec![Json::String(raw.split_whitespace().collect())]
            } else {
                vec![Json::String(raw.to_owned())]
            }
        }
        ValueType::Date | ValueType::DateTime | ValueType::DateAndOrTime => {
            split_unescaped(raw, ',')
                .into_iter()
                .map(|v| {
                    v.trim()
                        .parse::<DateAndOrTime>()
                        .ok()
                        .map(|d| Json::String(d.to_extended()))
                })
                .collect::<Option<Vec<_>>>()?
        }
        ValueType::Time => split_unescaped(raw, ',')
            .into_iter()
            .map(|v| {
                v.trim()
                    .trim_start_matches('T')
                    .parse::<Time>()
                    .ok()
                    .map(|d| Json::String(d.to_extended()))
            })
            .collect::<Option<Vec<_>>>()?,
        ValueType::Timestamp => split_unescaped(raw, ',')
            .into_iter()
            .map(|v| {
                v.trim()
                    .parse::<Timestamp>()
                    .ok()
                    .map(|d| Json::String(d.to_extended()))
            })
            .collect::<Option<Vec<_>>>()?,
        ValueType::Boolean => match raw.trim().to_ascii_lowercase().as_str() {
            "true" => vec![Json::Bool(true)],
            "false" => vec![Json::Bool(false)],
            _ => return None,
        },
        ValueType::Integer => split_unescaped(raw, ',')
            .into_iter()
            .map(|v| v.trim().parse::<i64>().ok().map(|n| Json::Number(n.into())))
            .collect::<Option<Vec<_>>>()?,
        ValueType::Float => split_unescaped(raw, ',')
            .into_iter()
            .map(|v| {
                v.trim()
                    .parse::<f64>()
                    .ok()
                    .filter(|f| f.is_finite())
                    .map(number)
            })
            .collect::<Option<Vec<_>>>()?,
        ValueType::UtcOffset => vec![Json::String(
            raw.trim().parse::<UtcOffset>().ok()?.to_extended(),
        )],
        ValueType::LanguageTag => vec![Json::String(raw.trim().to_owned())],
        ValueType::Unknown | ValueType::Other(_) => vec![Json::String(escape_newlines(raw))],
    })
}

/// An unknown value is taken over as written (RFC 7095 §5); newlines, which
/// only a decoded QUOTED-PRINTABLE value can hold, are written `\n`.
fn escape_newlines(s: &str) -> String {
    if s.contains(['\r', '\n']) {
        s.replace("\r\n", "\n")
            .replace('\r', "\n")
            .replace('\n', "\\n")
    } else {
        s.to_owned()
    }
}

fn structured_json(comps: Vec<Vec<String>>, leaf: impl Fn(String) -> Json) -> Json {
    let single = comps.len() == 1 && comps.first().is_some_and(|c| c.len() == 1);
    let mut items: Vec<Json> = comps
        .into_iter()
        .map(|mut c| {
            if c.len() == 1 {
                leaf(c.pop().unwrap_or_default())
            } else {
                Json::Array(c.into_iter().map(&leaf).collect())
            }
        })
        .collect();
    if single {
        items.pop().unwrap_or(Json::Null)
    } else {
        Json::Array(items)
    }
}

/// Reads jCard text: one jCard (`["vcard", …]`) or an array of them.
///
/// ```
/// let cards = kalends_vcard::jcard::from_jcard_str(r#"["vcard", [["version", {}, "text", "4.0"],
///     ["fn", {}, "text", "Jo, Jr."], ["tel", {"type": ["work", "voice"]}, "uri", "tel:+1-555"]]]"#)?;
/// assert_eq!(cards[0].to_string(),
///     "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Jo\\, Jr.\r\nTEL;TYPE=work,voice;VALUE=uri:tel:+1-555\r\nEND:VCARD\r\n");
/// # Ok::<(), kalends_vcard::Error>(())
/// ```
pub fn from_jcard_str(text: &str) -> Result<Vec<VCard<'static>>, Error> {
    let v: Json = serde_json::from_str(text)?;
    from_jcard(&v)
}

/// Reads one jCard or an array of jCards.
pub fn from_jcard(value: &Json) -> Result<Vec<VCard<'static>>, Error> {
    let arr = value
        .as_array()
        .ok_or_else(|| json_error("a jCard is a JSON array `[\"vcard\", [properties]]`"))?;
    if arr
        .first()
        .and_then(Json::as_str)
        .is_some_and(|s| s.eq_ignore_ascii_case("vcard"))
    {
        return Ok(vec![card_from_jcard(value)?]);
    }
    arr.iter().map(card_from_jcard).collect()
}

/// Reads one jCard (`["vcard", [properties]]`; a third element of
/// sub-components, as ical.js writes, must be empty).
pub fn card_from_jcard(value: &Json) -> Result<VCard<'static>, Error> {
    let arr = value
        .as_array()
        .ok_or_else(|| json_error("a jCard is a JSON array `[\"vcard\", [properties]]`"))?;
    match arr.first().and_then(Json::as_str) {
        Some(n) if n.eq_ignore_ascii_case("vcard") => {}
        _ => {
            return Err(json_error(
                "a jCard starts with the string \"vcard\" (RFC 7095 §3.2)",
            ));
        }
    }
    let props = arr
        .get(1)
        .and_then(Json::as_array)
        .ok_or_else(|| json_error("the second element of a jCard is the array of properties"))?;
    if arr
        .get(2)
        .is_some_and(|c| c.as_array().is_none_or(|a| !a.is_empty()))
        || arr.len() > 3
    {
        return Err(json_error(
            "a jCard has no components after its properties (RFC 7095 §3.2)",
        ));
    }
    let version = props
        .iter()
        .find(|p| {
            p.get(0)
                .and_then(Json::as_str)
                .is_some_and(|n| n.eq_ignore_ascii_case("version"))
        })
        .and_then(|p| p.get(3))
        .and_then(Json::as_str)
        .and_then(Version::from_value)
        .unwrap_or(Version::V4_0);
    let mut card = VCard::empty();
    for p in props {
        card.push(property_from_jcard(p, version)?);
    }
    Ok(card)
}

/// Reads one jCard property array for a card of `version`.
pub fn property_from_jcard(p: &Json, version: Version) -> Result<Property<'static>, Error> {
    let arr = p
        .as_array()
        .ok_or_else(|| json_error("a jCard property is an array `[name, params, type, value…]`"))?;
    let (Some(name), Some(params), Some(t)) = (
        arr.first().and_then(Json::as_str),
        arr.get(1).and_then(Json::as_object),
        arr.get(2).and_then(Json::as_str),
    ) else {
        return Err(json_error(&format!(
            "the jCard property `{}` needs a name, a parameter object and a type",
            excerpt(&p.to_string())
        )));
    };
    if arr.len() < 4 {
        return Err(json_error(&format!(
            "the jCard property `{}` has no value",
            excerpt(name)
        )));
    }
    if !is_writable_name(name) {
        return Err(json_error(&format!(
            "`{}` is not a property name",
            excerpt(name)
        )));
    }
    let upper = name.to_ascii_uppercase();
    let t = ValueType::from_name(t);
    let mut prop = Property::new(upper.clone(), String::new());
    for (k, v) in params {
        if k.eq_ignore_ascii_case("group") {
            let g = v
                .as_str()
                .ok_or_else(|| json_error("the group parameter is a string"))?;
            if g.is_empty()
                || !g
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
            {
                return Err(json_error(&format!("`{}` is not a group name", excerpt(g))));
            }
            prop.group = Some(g.to_ascii_uppercase().into());
            continue;
        }
        if !is_writable_name(k) {
            return Err(json_error(&format!(
                "`{}` is not a parameter name",
                excerpt(k)
            )));
        }
        let values: Vec<String> = match v {
            Json::Array(a) => a.iter().map(param_text).collect::<Result<_, _>>()?,
            other => vec![param_text(other)?],
        };
        prop.params.push(Parameter::with_values(
            k.to_ascii_uppercase(),
            values.iter().map(String::as_str),
        ));
    }
    let values = arr.get(3..).unwrap_or(&[]);
    prop.value = value_from_jcard(&upper, &t, values, version)?.into();
    // VALUE only where the type is not the one the property has without it
    // (RFC 7095 §5.2).
    if t != ValueType::Unknown && prop.value_type(version) != t {
        prop.params.push(Parameter::new("VALUE", t.as_str()));
    }
    Ok(prop)
}

/// A name that can be written in a content line. RFC 6350 §3.3 names are
/// letters, digits and `-`; the lenient reader keeps others (`X-GOOGLE
/// TALK`, `X_FOO`) and they must survive a jCard round trip, so only the
/// characters that would break the line are refused.
fn is_writable_name(n: &str) -> bool {
    !n.is_empty()
        && !n
            .chars()
            .any(|c| matches!(c, ':' | ';' | ',' | '=' | '"') || c.is_control())
}

fn param_text(v: &Json) -> Result<String, Error> {
    match v {
        Json::String(s) => Ok(s.clone()),
        Json::Number(n) => Ok(n.to_string()),
        Json::Bool(b) => Ok(b.to_string()),
        _ => Err(json_error(
            "a jCard parameter value is a string or an array of strings (RFC 7095 §3.4)",
        )),
    }
}

fn value_from_jcard(
    name: &str,
    t: &ValueType,
    values: &[Json],
    version: Version,
) -> Result<String, Error> {
    let mut parts = Vec::with_capacity(values.len());
    for v in values {
        parts.push(match v {
            Json::Array(comps) => {
                let mut out = Vec::with_capacity(comps.len());
                for c in comps {
                    out.push(match c {
                        Json::Array(list) => list
                            .iter()
                            .map(|x| scalar(name, t, x, version))
                            .collect::<Result<Vec<_>, _>>()?
                            .join(","),
                        other => scalar(name, t, other, version)?,
                    });
                }
                out.join(";")
            }
            other => scalar(name, t, other, version)?,
        });
    }
    Ok(parts.join(","))
}

fn scalar(name: &str, t: &ValueType, v: &Json, version: Version) -> Result<String, Error> {
    let bad = || {
        json_error(&format!(
            "the {} value `{}` of `{}` does not match its type",
            t.as_str(),
            excerpt(&v.to_string()),
            excerpt(name)
        ))
    };
    Ok(match (t, v) {
        (ValueType::Boolean, Json::Bool(b)) => if *b { "TRUE" } else { "FALSE" }.to_owned(),
        (ValueType::Integer, Json::Number(n)) => match n.as_i64() {
            Some(i) => i.to_string(),
            // RFC 7095 §3.5.9: decimals and exponents are eliminated.
            None => (n.as_f64().ok_or_else(bad)?.trunc() as i64).to_string(),
        },
        (ValueType::Float, Json::Number(n)) => {
            let f = n.as_f64().ok_or_else(bad)?;
            format!("{f}")
        }
        (_, Json::String(s)) => match t {
            ValueType::Text | ValueType::PhoneNumber | ValueType::VCard => {
                escape(s, version).into_owned()
            }
            ValueType::Date | ValueType::DateTime | ValueType::DateAndOrTime => {
                let d: DateAndOrTime = s.parse()?;
                if version == Version::V4_0 {
                    d.to_string()
                } else {
                    d.to_extended()
                }
            }
            ValueType::Time => {
                let d: Time = s.parse()?;
                if version == Version::V4_0 {
                    d.to_string()
                } else {
                    d.to_extended()
                }
            }
            ValueType::Timestamp => {
                let d: Timestamp = s.parse()?;
                if version == Version::V4_0 {
                    d.to_string()
                } else {
                    d.to_extended()
                }
            }
            ValueType::UtcOffset => {
                let o: UtcOffset = s.parse()?;
                if version == Version::V4_0 {
                    o.to_string()
                } else {
                    o.to_extended()
                }
            }
            ValueType::Boolean | ValueType::Integer | ValueType::Float => return Err(bad()),
            _ => escape_newlines(s),
        },
        _ => return Err(bad()),
    })
}

fn json_error(what: &str) -> Error {
    Error::new(ErrorKind::Json, format!("{what}."))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc7095_unknown_examples() {
        // RFC 7095 §5.3.
        let j = json!(["vcard", [["version", {}, "text", "4.0"], ["x-coffee-data", {}, "unknown", "Stenophylla;Guinea\\,Africa"],
            ["x-karma-points", {}, "integer", 95], ["gender", {"x-probability": "0.8"}, "text", "M"]]]);
        let card = &from_jcard(&j).unwrap()[0];
        assert_eq!(
            card.to_string(),
            "BEGIN:VCARD\r\nVERSION:4.0\r\nX-COFFEE-DATA:Stenophylla;Guinea\\,Africa\r\nX-KARMA-POINTS;VALUE=integer:95\r\nGENDER;X-PROBABILITY=0.8:M\r\nEND:VCARD\r\n"
        );
        let complaint = crate::parse("BEGIN:VCARD\r\nVERSION:4.0\r\nX-COMPLAINT-URI:mailto:abuse@example.org\r\nEND:VCARD\r\n").unwrap();
        assert_eq!(
            to_jcard(&complaint.cards[0])[1][1],
            json!(["x-complaint-uri", {}, "unknown", "mailto:abuse@example.org"])
        );
    }

    #[test]
    fn undecodable_values_become_unknown() {
        let doc =
            crate::parse("BEGIN:VCARD\r\nVERSION:4.0\r\nBDAY:tomorrow\r\nEND:VCARD\r\n").unwrap();
        let j = to_jcard(&doc.cards[0]);
        assert_eq!(j[1][1], json!(["bday", {}, "unknown", "tomorrow"]));
        assert_eq!(from_jcard(&j).unwrap()[0], doc.cards[0]);
    }

    #[test]
    fn shape_errors() {
        for bad in [
            json!({}),
            json!(["vcard"]),
            json!(["vcard", [["fn", {}, "text"]]]),
            json!(["vcard", [["fn", [], "text", "x"]]]),
            json!(["vcard", [["x-n", {}, "integer", "x"]]]),
            json!(["vcard", [], [["x"]]]),
        ] {
            assert_eq!(
                from_jcard(&bad).unwrap_err().kind(),
                ErrorKind::Json,
                "{bad}"
            );
        }
    }
}
