//! The format-neutral model shared by jCal (RFC 7265) and xCal (RFC 6321).
//!
//! Both formats map a property to a name, parameters, a value type and one
//! or more values, and both write dates as `YYYY-MM-DD`, date-times as
//! `YYYY-MM-DDThh:mm:ss[Z]`, times as `hh:mm:ss[Z]` and UTC offsets as
//! `±hh:mm[:ss]` (RFC 7265 §3.6, RFC 6321 §3.6). This module converts a
//! tree [`Property`] into that shape and back; `jcal` and `xcal` only
//! serialize it.
//!
//! Readings chosen where the RFCs leave room:
//! - A DATE written without `VALUE=DATE` on a property whose default is
//!   DATE-TIME but which allows DATE (DTSTART, DTEND, DUE, RECURRENCE-ID,
//!   RDATE, EXDATE) is typed `date`, and an RDATE value with a `/` is typed
//!   `period`, as ical.js does. Written back, such a property gets its
//!   `VALUE` parameter (RFC 7265 §3.5.1 step 3).
//! - A TRIGGER holding a DATE-TIME without `VALUE=DATE-TIME` is typed
//!   `date-time`.
//! - A value that does not match its type's grammar is carried as a string
//!   of its text, under its type, rather than replaced by a default: no
//!   data is lost (ical.js writes `false`, `0` or `0.0` instead).
//! - A property group (`G1.X-FOO`, met in some producers) is written as
//!   part of the name (`g1.x-foo`), as ical.js does; jCal and xCal have no
//!   place for it.
//! - The `VALUE` parameter, when it has to be written back, is added after
//!   the other parameters.

use std::borrow::Cow;

use crate::contentline::Parameter;
use crate::error::{Error, ErrorKind};
use crate::tree::Property;
use crate::value::{
    ValueType, default_value_type, escape_text, split_text_list, split_unescaped, unescape_text,
};

/// One value of a property, in the common text forms of jCal and xCal.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Val {
    /// A scalar: text already unescaped, dates with dashes, a number or
    /// boolean as iCalendar writes it (`10.5`, `TRUE`).
    One(String),
    /// A PERIOD (start, end or duration) or a GEO (latitude, longitude).
    Pair(String, String),
    /// The parts of a structured TEXT value (REQUEST-STATUS).
    Parts(Vec<String>),
    /// A RECUR value: rule parts in order, keys lower case, each with its
    /// values (UNTIL in the dashed form).
    Recur(Vec<(String, Vec<String>)>),
}

/// A property in the common model.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct PropModel {
    /// Lower-case name, with a lower-case `group.` prefix when there is one.
    pub(crate) name: String,
    /// Parameters in order: lower-case name and decoded values (`VALUE` left out).
    pub(crate) params: Vec<(String, Vec<String>)>,
    /// Lower-case value type name, or `unknown`.
    pub(crate) kind: String,
    /// One or more values.
    pub(crate) values: Vec<Val>,
}

/// Properties whose TEXT value is a comma-separated list (RFC 5545
/// §3.8.1.2, §3.8.1.10, RFC 9073 §6.1).
const TEXT_LISTS: [&str; 3] = ["CATEGORIES", "RESOURCES", "LOCATION-TYPE"];

/// Properties that allow a DATE where their default is DATE-TIME.
const DATE_ALLOWED: [&str; 6] = [
    "DTSTART",
    "DTEND",
    "DUE",
    "RECURRENCE-ID",
    "RDATE",
    "EXDATE",
];

/// RECUR parts whose values are numbers (RFC 7265 §3.6.10).
pub(crate) const NUMERIC_RECUR_PARTS: [&str; 10] = [
    "count",
    "interval",
    "bysecond",
    "byminute",
    "byhour",
    "bymonthday",
    "byyearday",
    "byweekno",
    "bymonth",
    "bysetpos",
];

/// The value type of `p` as jCal and xCal name it (RFC 7265 §3.5.1, RFC
/// 6321 §3.5.1 and §5): the VALUE parameter, else the default, else
/// `unknown`; with the readings of the module documentation.
pub(crate) fn value_kind(p: &Property<'_>) -> String {
    if let Some(v) = p.param_value("VALUE") {
        return v.to_ascii_lowercase();
    }
    let Some(default) = default_value_type(p.name()) else {
        return "unknown".to_owned();
    };
    let value = p.value();
    if default == ValueType::DateTime && DATE_ALLOWED.iter().any(|n| p.is(n)) {
        if p.is("RDATE") && value.contains('/') {
            return "period".to_owned();
        }
        let first = value.split(',').next().unwrap_or("");
        if first.len() == 8 && first.bytes().all(|b| b.is_ascii_digit()) {
            return "date".to_owned();
        }
    }
    if p.is("TRIGGER")
        && value.len() >= 15
        && value.bytes().next().is_some_and(|b| b.is_ascii_digit())
    {
        return "date-time".to_owned();
    }
    default.as_str().to_ascii_lowercase()
}

/// Converts a tree property into the common model.
pub(crate) fn from_property(p: &Property<'_>) -> PropModel {
    let mut kind = value_kind(p);
    if kind == "recur" && !is_plain_recur(p.value()) {
        // A value that is not `KEY=VALUE;…` cannot be spelled as a recur
        // object; it is carried unprocessed, which keeps it (RFC 7265 §5).
        kind = "unknown".to_owned();
    }
    let name = match p.group() {
        Some(g) => format!(
            "{}.{}",
            g.to_ascii_lowercase(),
            p.name().to_ascii_lowercase()
        ),
        None => p.name().to_ascii_lowercase(),
    };
    let mut params = Vec::with_capacity(p.params().len());
    let mut decode_base64 = false;
    for param in p.params() {
        if param.is("VALUE") {
            continue;
        }
        // RFC 7265 §3.1, RFC 6321 §3.1: base64 on a non-BINARY value is
        // decoded and its ENCODING dropped.
        if param.is("ENCODING")
            && kind != "binary"
            && param
                .value()
                .is_some_and(|v| v.eq_ignore_ascii_case("BASE64"))
            && base64_text(p.value()).is_some()
        {
            decode_base64 = true;
            continue;
        }
        params.push((
            param.name().to_ascii_lowercase(),
            param.values().map(Cow::into_owned).collect(),
        ));
    }
    let decoded;
    let raw = if decode_base64 {
        decoded = base64_text(p.value()).unwrap_or_default();
        decoded.as_str()
    } else {
        p.value()
    };
    let values = values_of(p, &kind, raw);
    PropModel {
        name,
        params,
        kind,
        values,
    }
}

/// True when `s` is a list of `KEY=VALUE` parts with token keys and no
/// empty part, so that it maps to a recur object and back unchanged.
fn is_plain_recur(s: &str) -> bool {
    s.split(';').all(|part| {
        part.split_once('=').is_some_and(|(k, _)| {
            !k.is_empty()
                && k.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
                && k == k.to_ascii_uppercase()
        })
    })
}

fn base64_text(s: &str) -> Option<String> {
    crate::value::decode_base64(s)
        .ok()
        .and_then(|b| String::from_utf8(b).ok())
}

fn values_of(p: &Property<'_>, kind: &str, raw: &str) -> Vec<Val> {
    match kind {
        "text" if p.is("REQUEST-STATUS") => {
            vec![Val::Parts(
                split_unescaped(raw, b';')
                    .map(|s| unescape_text(s).into_owned())
                    .collect(),
            )]
        }
        "text" if TEXT_LISTS.iter().any(|n| p.is(n)) => split_text_list(raw)
            .map(|s| Val::One(s.into_owned()))
            .collect(),
        "text" => vec![Val::One(unescape_text(raw).into_owned())],
        "float" if p.is("GEO") => match raw.split_once(';') {
            Some((a, b)) if !b.contains(';') => vec![Val::Pair(a.to_owned(), b.to_owned())],
            _ => vec![Val::One(raw.to_owned())],
        },
        "recur" => vec![recur_of(raw)],
        "date" | "date-time" | "time" | "utc-offset" | "period" | "duration" | "integer"
        | "float" | "boolean" => raw.split(',').map(|item| scalar_of(kind, item)).collect(),
        _ => vec![Val::One(raw.to_owned())],
    }
}

fn scalar_of(kind: &str, item: &str) -> Val {
    match kind {
        "date" => Val::One(date_to_dashed(item)),
        "date-time" => Val::One(date_time_to_dashed(item)),
        "time" => Val::One(time_to_colons(item)),
        "utc-offset" => Val::One(offset_to_colons(item)),
        "period" => match item.split_once('/') {
            Some((start, end)) => {
                let end = if is_duration(end) {
                    end.to_owned()
                } else {
                    date_time_to_dashed(end)
                };
                Val::Pair(date_time_to_dashed(start), end)
            }
            None => Val::One(item.to_owned()),
        },
        _ => Val::One(item.to_owned()),
    }
}

fn is_duration(s: &str) -> bool {
    matches!(
        s.trim_start_matches(['+', '-']).bytes().next(),
        Some(b'P' | b'p')
    )
}

fn recur_of(raw: &str) -> Val {
    let mut parts = Vec::new();
    for part in raw.split(';').filter(|s| !s.is_empty()) {
        let (key, value) = part.split_once('=').unwrap_or((part, ""));
        let key = key.to_ascii_lowercase();
        let values = if key == "until" {
            vec![if value.contains(['T', 't']) {
                date_time_to_dashed(value)
            } else {
                date_to_dashed(value)
            }]
        } else {
            value.split(',').map(str::to_owned).collect()
        };
        parts.push((key, values));
    }
    Val::Recur(parts)
}

/// `YYYYMMDD` → `YYYY-MM-DD`; anything else is kept as it is.
pub(crate) fn date_to_dashed(s: &str) -> String {
    let b = s.as_bytes();
    if b.len() == 8 && b.iter().all(u8::is_ascii_digit) {
        format!(
            "{}-{}-{}",
            s.get(..4).unwrap_or(""),
            s.get(4..6).unwrap_or(""),
            s.get(6..).unwrap_or("")
        )
    } else {
        s.to_owned()
    }
}

/// `YYYYMMDDThhmmss[Z]` → `YYYY-MM-DDThh:mm:ss[Z]`; anything else is kept.
pub(crate) fn date_time_to_dashed(s: &str) -> String {
    match s.split_once(['T', 't']) {
        Some((d, t)) if d.len() == 8 && d.bytes().all(|b| b.is_ascii_digit()) => {
            let time = time_to_colons(t);
            if time == t {
                return s.to_owned();
            }
            format!("{}T{}", date_to_dashed(d), time)
        }
        _ => s.to_owned(),
    }
}

/// `hhmmss[Z]` → `hh:mm:ss[Z]`; anything else is kept.
pub(crate) fn time_to_colons(s: &str) -> String {
    let (digits, zone) = match s.strip_suffix(['Z', 'z']) {
        Some(d) => (d, "Z"),
        None => (s, ""),
    };
    if digits.len() == 6 && digits.bytes().all(|b| b.is_ascii_digit()) {
        format!(
            "{}:{}:{}{zone}",
            digits.get(..2).unwrap_or(""),
            digits.get(2..4).unwrap_or(""),
            digits.get(4..).unwrap_or("")
        )
    } else {
        s.to_owned()
    }
}

/// `±hhmm[ss]` → `±hh:mm[:ss]`; anything else is kept.
pub(crate) fn offset_to_colons(s: &str) -> String {
    let Some(sign) = s.get(..1).filter(|c| *c == "+" || *c == "-") else {
        return s.to_owned();
    };
    let digits = s.get(1..).unwrap_or("");
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return s.to_owned();
    }
    match digits.len() {
        4 => format!(
            "{sign}{}:{}",
            digits.get(..2).unwrap_or(""),
            digits.get(2..).unwrap_or("")
        ),
        6 => format!(
            "{sign}{}:{}:{}",
            digits.get(..2).unwrap_or(""),
            digits.get(2..4).unwrap_or(""),
            digits.get(4..).unwrap_or("")
        ),
        _ => s.to_owned(),
    }
}

/// Removes the `-` and `:` separators of the dashed forms (`2012-10-11T12:13:14Z`
/// → `20121011T121314Z`, `-05:00` → `-0500`). A leading sign is kept.
pub(crate) fn undash(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for (i, c) in s.char_indices() {
        if c == ':' || (c == '-' && i > 0) {
            continue;
        }
        out.push(c);
    }
    out
}

/// The RFC 6868 and quoting work is done by [`Parameter::with_values`].
fn parameter(name: &str, values: &[String]) -> Parameter<'static> {
    Parameter::with_values(name.to_ascii_uppercase(), values.iter().map(String::as_str))
}

/// Converts the common model back into a tree property (RFC 7265 §4, RFC
/// 6321 §4): names upper case, TEXT escaped, dates without separators,
/// `VALUE` added when the type is neither `unknown` nor the default.
pub(crate) fn to_property(m: &PropModel) -> Result<Property<'static>, Error> {
    let (group, name) = match m.name.split_once('.') {
        Some((g, n)) => (Some(g.to_ascii_uppercase()), n.to_ascii_uppercase()),
        None => (None, m.name.to_ascii_uppercase()),
    };
    let token =
        |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
    if !token(&name) || group.as_deref().is_some_and(|g| !token(g)) {
        return Err(Error::new(
            ErrorKind::InvalidName,
            format!(
                "the property name `{}` is not an iCalendar name (letters, digits and `-`, RFC 5545 §3.1).",
                m.name
            ),
        ));
    }
    let kind = m.kind.to_ascii_lowercase();
    let mut value = String::new();
    for (i, v) in m.values.iter().enumerate() {
        if i > 0 {
            value.push(',');
        }
        write_value(&kind, v, &mut value);
    }
    let mut p = Property::new(name.clone(), value);
    if let Some(g) = group {
        p = p.with_group(g);
    }
    for (pname, pvalues) in &m.params {
        if pname.eq_ignore_ascii_case("value") {
            continue;
        }
        if pname.is_empty()
            || !pname
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-')
        {
            return Err(Error::new(
                ErrorKind::InvalidName,
                format!(
                    "the parameter name `{pname}` of `{}` is not an iCalendar name (letters, digits and `-`, RFC 5545 §3.2).",
                    m.name
                ),
            ));
        }
        p = p.with_param(parameter(pname, pvalues));
    }
    // The VALUE parameter is needed when the type is not the default, and
    // also when the value would otherwise be read as another type (a
    // DATE-looking value of a DATE-TIME DTSTART), so that reading the
    // result gives this type again.
    let default = default_value_type(&name).map(|t| t.as_str().to_ascii_lowercase());
    if kind != "unknown" && (default.as_deref() != Some(kind.as_str()) || value_kind(&p) != kind) {
        p = p.with_param(Parameter::new("VALUE", &kind.to_ascii_uppercase()));
    }
    Ok(p)
}

fn write_value(kind: &str, v: &Val, out: &mut String) {
    match v {
        Val::One(s) => match kind {
            "text" => out.push_str(&escape_text(s)),
            "date" | "date-time" | "time" | "utc-offset" => out.push_str(&undash(s)),
            "boolean" => match s.as_str() {
                b if b.eq_ignore_ascii_case("true") || b == "1" => out.push_str("TRUE"),
                b if b.eq_ignore_ascii_case("false") || b == "0" => out.push_str("FALSE"),
                other => out.push_str(other),
            },
            _ => out.push_str(s),
        },
        Val::Pair(a, b) => {
            if kind == "float" {
                out.push_str(a);
                out.push(';');
                out.push_str(b);
            } else {
                out.push_str(&undash(a));
                out.push('/');
                if is_duration(b) {
                    out.push_str(b);
                } else {
                    out.push_str(&undash(b));
                }
            }
        }
        Val::Parts(parts) => {
            for (i, part) in parts.iter().enumerate() {
                if i > 0 {
                    out.push(';');
                }
                out.push_str(&escape_text(part));
            }
        }
        Val::Recur(parts) => {
            for (i, (key, values)) in parts.iter().enumerate() {
                if i > 0 {
                    out.push(';');
                }
                out.push_str(&key.to_ascii_uppercase());
                out.push('=');
                for (j, value) in values.iter().enumerate() {
                    if j > 0 {
                        out.push(',');
                    }
                    if key == "until" {
                        out.push_str(&undash(value));
                    } else {
                        out.push_str(value);
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dashed_forms_round_trip() {
        assert_eq!(date_to_dashed("20121011"), "2012-10-11");
        assert_eq!(
            date_time_to_dashed("20121011T121314Z"),
            "2012-10-11T12:13:14Z"
        );
        assert_eq!(time_to_colons("230000Z"), "23:00:00Z");
        assert_eq!(offset_to_colons("+055001"), "+05:50:01");
        assert_eq!(offset_to_colons("-0500"), "-05:00");
        assert_eq!(undash("-05:00"), "-0500");
        assert_eq!(undash("2012-10-11T12:13:14Z"), "20121011T121314Z");
        assert_eq!(date_time_to_dashed("garbage"), "garbage");
    }
}
