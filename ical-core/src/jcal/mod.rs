//! jCal, the JSON form of iCalendar (RFC 7265), both ways, with the RSCALE
//! additions of RFC 7529 §9.
//!
//! A component is `[name, [properties], [components]]`, a property is
//! `[name, {parameters}, type, value, …]` (RFC 7265 §3.3, §3.4). Names are
//! lower case in jCal and upper case when written back. A single top-level
//! component is written as one jCal object; several are written as an array
//! of them (RFC 7265 §3.2), and both are read.
//!
//! ```
//! use kalends_ical_core::{parse, Document};
//!
//! let text = "BEGIN:VCALENDAR\r\n\
//! VERSION:2.0\r\n\
//! PRODID:-//Example//EN\r\n\
//! BEGIN:VEVENT\r\n\
//! UID:1@example.com\r\n\
//! DTSTART;VALUE=DATE:20240105\r\n\
//! RRULE:RSCALE=HEBREW;FREQ=YEARLY;BYMONTH=5L\r\n\
//! END:VEVENT\r\n\
//! END:VCALENDAR\r\n";
//! let doc = parse(text)?;
//! let json = doc.to_jcal_value();
//! let event = &json[2][0];
//! assert_eq!(event[1][1], serde_json::json!(["dtstart", {}, "date", "2024-01-05"]));
//! assert_eq!(
//!     event[1][2],
//!     serde_json::json!(["rrule", {}, "recur", {"rscale": "HEBREW", "freq": "YEARLY", "bymonth": "5L"}])
//! );
//!
//! // And back: the same tree.
//! let back = Document::from_jcal(&doc.to_jcal())?;
//! assert_eq!(back, doc);
//! assert_eq!(back.to_string(), text);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! Values are mapped as RFC 7265 §3.6 says: dates `2024-01-05`, date-times
//! `2024-01-05T09:00:00Z`, UTC offsets `-05:00`, INTEGER and FLOAT as JSON
//! numbers, BOOLEAN as JSON booleans, PERIOD as `[start, end]`, GEO as
//! `[lat, lon]` (§3.4.1.1), REQUEST-STATUS as `[code, text, data]`
//! (§3.4.1.2), RECUR as an object (§3.6.10; `bymonth` a string when it has
//! `L`, RFC 7529 §9). A property with no VALUE parameter and no known
//! default type is typed `unknown` and carries its raw text (RFC 7265 §5).
//! Readings chosen where the RFC leaves room (xCal shares them):
//!
//! - a DATE without `VALUE=DATE` on DTSTART, DTEND, DUE, RECURRENCE-ID,
//!   RDATE or EXDATE is typed `date`, an RDATE with `/` `period`, a TRIGGER
//!   holding a date-time `date-time` (as ical.js does); written back they
//!   get their `VALUE` parameter, added after the other parameters;
//! - a value that does not match its type keeps its text as a JSON string
//!   (ical.js writes `false`, `0`, `0.0`);
//! - a property group is kept in the name (`g1.x-foo`), as ical.js does.

pub(crate) mod model;

use serde_json::{Map, Number, Value};

use crate::error::{Error, ErrorKind};
use crate::tree::{Component, Document, Property};
use model::{NUMERIC_RECUR_PARTS, PropModel, Val};

/// The deepest component nesting [`from_jcal`] accepts; deeper input fails
/// with [`ErrorKind::LimitExceeded`] (the iCalendar reader's default
/// `max_depth`).
pub const MAX_JCAL_DEPTH: usize = 32;

/// Converts a document to jCal text (RFC 7265), pretty-printed with two
/// spaces. See the [module documentation](self).
pub fn to_jcal(document: &Document<'_>) -> String {
    serde_json::to_string_pretty(&to_jcal_value(document)).unwrap_or_default()
}

/// Converts a document to a jCal JSON value (RFC 7265).
pub fn to_jcal_value(document: &Document<'_>) -> Value {
    match document.components.as_slice() {
        [one] => component_to_json(one),
        many => Value::Array(many.iter().map(component_to_json).collect()),
    }
}

/// Converts one component (and its sub-components) to jCal.
///
/// ```
/// use kalends_ical_core::{Component, Property, jcal::component_to_json};
/// let mut alarm = Component::new("VALARM");
/// alarm.push(Property::new("TRIGGER", "-PT15M"));
/// assert_eq!(
///     component_to_json(&alarm),
///     serde_json::json!(["valarm", [["trigger", {}, "duration", "-PT15M"]], []])
/// );
/// ```
pub fn component_to_json(c: &Component<'_>) -> Value {
    let props = c.properties().iter().map(property_to_json).collect();
    let comps = c.components().iter().map(component_to_json).collect();
    Value::Array(vec![
        Value::String(c.name().to_ascii_lowercase()),
        Value::Array(props),
        Value::Array(comps),
    ])
}

/// Converts one property to jCal (RFC 7265 §3.4).
///
/// ```
/// use kalends_ical_core::{Property, Parameter, jcal::property_to_json};
/// let p = Property::new("DTSTART", "20240105T090000").with_param(Parameter::new("TZID", "Europe/Berlin"));
/// assert_eq!(
///     property_to_json(&p),
///     serde_json::json!(["dtstart", {"tzid": "Europe/Berlin"}, "date-time", "2024-01-05T09:00:00"])
/// );
/// ```
pub fn property_to_json(p: &Property<'_>) -> Value {
    let m = model::from_property(p);
    let mut params = Map::new();
    for (name, values) in &m.params {
        let v = match values.as_slice() {
            [one] => Value::String(one.clone()),
            many => Value::Array(many.iter().cloned().map(Value::String).collect()),
        };
        // A parameter given twice (which RFC 5545 does not allow) cannot be
        // two keys of one object; its values are merged into one array.
        match params.get_mut(name) {
            Some(Value::Array(existing)) => match v {
                Value::Array(more) => existing.extend(more),
                one => existing.push(one),
            },
            Some(existing) => {
                let first = existing.take();
                let mut all = vec![first];
                match v {
                    Value::Array(more) => all.extend(more),
                    one => all.push(one),
                }
                *existing = Value::Array(all);
            }
            None => {
                params.insert(name.clone(), v);
            }
        }
    }
    let mut out = vec![
        Value::String(m.name.clone()),
        Value::Object(params),
        Value::String(m.kind.clone()),
    ];
    for v in &m.values {
        out.push(value_to_json(&m.kind, v));
    }
    Value::Array(out)
}

fn scalar_to_json(kind: &str, s: &str) -> Value {
    match kind {
        "integer" => s
            .parse::<i64>()
            .map_or_else(|_| Value::String(s.to_owned()), Value::from),
        "float" => float_to_json(s),
        "boolean" => {
            if s.eq_ignore_ascii_case("TRUE") {
                Value::Bool(true)
            } else if s.eq_ignore_ascii_case("FALSE") {
                Value::Bool(false)
            } else {
                Value::String(s.to_owned())
            }
        }
        _ => Value::String(s.to_owned()),
    }
}

fn float_to_json(s: &str) -> Value {
    let ok = !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'+' | b'-' | b'.'));
    match s
        .parse::<f64>()
        .ok()
        .filter(|_| ok)
        .and_then(Number::from_f64)
    {
        Some(n) => Value::Number(n),
        None => Value::String(s.to_owned()),
    }
}

fn value_to_json(kind: &str, v: &Val) -> Value {
    match v {
        Val::One(s) => scalar_to_json(kind, s),
        Val::Pair(a, b) if kind == "float" => {
            Value::Array(vec![float_to_json(a), float_to_json(b)])
        }
        Val::Pair(a, b) => Value::Array(vec![Value::String(a.clone()), Value::String(b.clone())]),
        Val::Parts(parts) => Value::Array(parts.iter().cloned().map(Value::String).collect()),
        Val::Recur(parts) => {
            let mut obj = Map::new();
            for (key, values) in parts {
                let numeric = NUMERIC_RECUR_PARTS.contains(&key.as_str());
                let item = |s: &String| {
                    if numeric {
                        s.parse::<i64>()
                            .map_or_else(|_| Value::String(s.clone()), Value::from)
                    } else {
                        Value::String(s.clone())
                    }
                };
                let v = match values.as_slice() {
                    [one] => item(one),
                    many => Value::Array(many.iter().map(item).collect()),
                };
                obj.insert(key.clone(), v);
            }
            Value::Object(obj)
        }
    }
}

/// Reads jCal text (RFC 7265) into a document.
///
/// Errors: JSON syntax errors and jCal shape errors are
/// [`ErrorKind::InvalidValue`] (with the line and column of the JSON when
/// serde_json gives them); names that are not iCalendar names are
/// [`ErrorKind::InvalidName`]; nesting deeper than [`MAX_JCAL_DEPTH`] is
/// [`ErrorKind::LimitExceeded`].
///
/// ```
/// let json = r#"["vcalendar", [["version", {}, "text", "2.0"]], []]"#;
/// let doc = kalends_ical_core::jcal::from_jcal(json)?;
/// assert_eq!(doc.to_string(), "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn from_jcal(text: &str) -> Result<Document<'static>, Error> {
    let value: Value = serde_json::from_str(text).map_err(|e| {
        let message = format!("the input is not valid JSON: {e}.");
        let offset = offset_of(text, e.line(), e.column());
        Error::at(ErrorKind::InvalidValue, message, text, offset..offset)
    })?;
    from_jcal_value(&value)
}

/// Byte offset of a 1-based line and column (serde_json counts the column in bytes).
fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let mut offset = 0usize;
    for (i, l) in text.split_inclusive('\n').enumerate() {
        if i + 1 == line {
            return offset
                .saturating_add(column.saturating_sub(1))
                .min(text.len());
        }
        offset = offset.saturating_add(l.len());
    }
    text.len()
}

/// Reads a jCal JSON value: one jCal object or an array of them.
pub fn from_jcal_value(value: &Value) -> Result<Document<'static>, Error> {
    let items = value
        .as_array()
        .ok_or_else(|| shape("a jCal document is a JSON array", value))?;
    let is_one = items.first().is_some_and(Value::is_string);
    let components = if is_one {
        vec![component_from_json(value, 1)?]
    } else {
        items
            .iter()
            .map(|c| component_from_json(c, 1))
            .collect::<Result<_, _>>()?
    };
    Ok(Document::new(components))
}

fn shape(what: &str, found: &Value) -> Error {
    let mut text = found.to_string();
    if text.chars().count() > 64 {
        text = text.chars().take(64).collect::<String>() + "…";
    }
    Error::new(
        ErrorKind::InvalidValue,
        format!("{what} (RFC 7265 §3), found `{text}`."),
    )
}

/// Reads one jCal component (`[name, [properties], [components]]`).
pub fn component_from_json(value: &Value, depth: usize) -> Result<Component<'static>, Error> {
    if depth > MAX_JCAL_DEPTH {
        return Err(Error::new(
            ErrorKind::LimitExceeded,
            format!("jCal components are nested deeper than the limit of {MAX_JCAL_DEPTH}."),
        ));
    }
    let Some(
        [
            Value::String(name),
            Value::Array(props),
            Value::Array(comps),
        ],
    ) = value.as_array().map(Vec::as_slice)
    else {
        return Err(shape(
            "a jCal component is an array of a name, an array of properties and an array of components",
            value,
        ));
    };
    if name.is_empty() || !name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') {
        return Err(Error::new(
            ErrorKind::InvalidName,
            format!("the component name `{name}` is not an iCalendar name (RFC 5545 §3.6)."),
        ));
    }
    let mut c = Component::new(name.to_ascii_uppercase());
    for p in props {
        c.push(property_from_json(p)?);
    }
    for sub in comps {
        c.push_component(component_from_json(sub, depth.saturating_add(1))?);
    }
    Ok(c)
}

/// Reads one jCal property (`[name, {params}, type, value…]`).
///
/// ```
/// use kalends_ical_core::jcal::property_from_json;
/// let p = property_from_json(&serde_json::json!(["geo", {}, "float", [37.386013, -122.082932]]))?;
/// assert_eq!(p.value(), "37.386013;-122.082932");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn property_from_json(value: &Value) -> Result<Property<'static>, Error> {
    let items = value.as_array().map(Vec::as_slice).unwrap_or_default();
    let (Some(Value::String(name)), Some(Value::Object(params)), Some(Value::String(kind))) =
        (items.first(), items.get(1), items.get(2))
    else {
        return Err(shape(
            "a jCal property is an array of a name, a parameter object, a type and values",
            value,
        ));
    };
    let kind = kind.to_ascii_lowercase();
    let mut m = PropModel {
        name: name.to_ascii_lowercase(),
        params: Vec::new(),
        kind,
        values: Vec::new(),
    };
    for (pname, pvalue) in params {
        let values = match pvalue {
            Value::Array(list) => list
                .iter()
                .map(json_scalar)
                .collect::<Result<Vec<_>, _>>()?,
            other => vec![json_scalar(other)?],
        };
        m.params.push((pname.to_ascii_lowercase(), values));
    }
    let values = items.get(3..).unwrap_or_default();
    if values.is_empty() {
        return Err(shape("a jCal property has at least one value", value));
    }
    for v in values {
        m.values.push(value_from_json(&m, v)?);
    }
    model::to_property(&m)
}

/// A JSON scalar as iCalendar text: strings as they are, numbers in their
/// shortest form, booleans `TRUE`/`FALSE`. A number is written without an
/// exponent (`1e-7` as `0.0000001`): RFC 5545 §3.3.7 FLOAT has none.
fn json_scalar(v: &Value) -> Result<String, Error> {
    match v {
        Value::String(s) => Ok(s.clone()),
        Value::Number(n) => {
            let text = n.to_string();
            match n.as_f64() {
                // Rust's `Display` for f64 gives the shortest digits that
                // read back as the same number, never with an exponent.
                Some(f) if text.contains(['e', 'E']) => Ok(f.to_string()),
                _ => Ok(text),
            }
        }
        Value::Bool(true) => Ok("TRUE".to_owned()),
        Value::Bool(false) => Ok("FALSE".to_owned()),
        other => Err(shape("expected a string, number or boolean", other)),
    }
}

fn value_from_json(m: &PropModel, v: &Value) -> Result<Val, Error> {
    match v {
        Value::Array(items) => match (m.kind.as_str(), items.as_slice()) {
            ("period", [a, b]) | ("float", [a, b]) => {
                Ok(Val::Pair(json_scalar(a)?, json_scalar(b)?))
            }
            ("text", parts) => Ok(Val::Parts(
                parts.iter().map(json_scalar).collect::<Result<_, _>>()?,
            )),
            _ => Err(shape(
                "an array value is a PERIOD, a GEO or a REQUEST-STATUS",
                v,
            )),
        },
        Value::Object(obj) if m.kind == "recur" => {
            let mut parts = Vec::with_capacity(obj.len());
            for (key, value) in obj {
                let values = match value {
                    Value::Array(list) => list
                        .iter()
                        .map(json_scalar)
                        .collect::<Result<Vec<_>, _>>()?,
                    other => vec![json_scalar(other)?],
                };
                parts.push((key.to_ascii_lowercase(), values));
            }
            Ok(Val::Recur(parts))
        }
        other => Ok(Val::One(json_scalar(other)?)),
    }
}

impl Document<'_> {
    /// This document as jCal text (RFC 7265); see [`crate::jcal`].
    pub fn to_jcal(&self) -> String {
        to_jcal(self)
    }

    /// This document as a jCal JSON value (RFC 7265); see [`crate::jcal`].
    pub fn to_jcal_value(&self) -> Value {
        to_jcal_value(self)
    }

    /// Reads jCal text (RFC 7265); see [`from_jcal`].
    pub fn from_jcal(text: &str) -> Result<Document<'static>, Error> {
        from_jcal(text)
    }
}
