//! Decoding property values and reading parameters (RFC 6350 §5, RFC 9554
//! §4, RFC 2426 §4, vCard 2.1 §2.1): the typed layer over [`Property`].

use std::borrow::Cow;

use kalends_ical_core::Parameter;

use crate::codec::{base64_decode, decode_charset, qp_decode};
use crate::error::{Error, ErrorKind, excerpt};
use crate::registry::{self, Shape};
use crate::text::{parse_list, parse_structured, split_unescaped, unescape};
use crate::tree::{Property, is_encoding_token};
use crate::value::{DateAndOrTime, Timestamp, UtcOffset, Value, ValueType};
use crate::version::Version;

/// A transfer encoding of a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// vCard 2.1 QUOTED-PRINTABLE.
    QuotedPrintable,
    /// vCard 2.1 `BASE64`, vCard 3.0 `b`.
    Base64,
}

/// vCard 2.1 bare tokens that are VALUE locations, not types.
fn is_value_token(name: &str) -> bool {
    ["INLINE", "URL", "CONTENT-ID", "CID", "URI"]
        .iter()
        .any(|t| name.eq_ignore_ascii_case(t))
}

impl<'a> Property<'a> {
    /// The transfer encoding: `ENCODING=QUOTED-PRINTABLE`, `ENCODING=BASE64`,
    /// `ENCODING=b`, or the vCard 2.1 bare `QUOTED-PRINTABLE` / `BASE64`.
    pub fn encoding(&self) -> Option<Encoding> {
        self.params.iter().find_map(|p| {
            let v = match p.raw_value() {
                None => Cow::Borrowed(p.name()),
                Some(_) if p.is("ENCODING") => p.value()?,
                Some(_) => return None,
            };
            if v.eq_ignore_ascii_case("QUOTED-PRINTABLE") {
                Some(Encoding::QuotedPrintable)
            } else if v.eq_ignore_ascii_case("BASE64") || v.eq_ignore_ascii_case("B") {
                Some(Encoding::Base64)
            } else {
                None
            }
        })
    }

    /// The value with its QUOTED-PRINTABLE encoding (and `CHARSET`) undone;
    /// still escaped. Other values are returned as written.
    ///
    /// ```
    /// use kalends_vcard::{Property, Parameter};
    /// let p = Property::new("NOTE", "caf=E9").with_param(Parameter::new("ENCODING", "QUOTED-PRINTABLE"))
    ///     .with_param(Parameter::new("CHARSET", "ISO-8859-1"));
    /// assert_eq!(p.content()?, "café");
    /// # Ok::<(), kalends_vcard::Error>(())
    /// ```
    pub fn content(&self) -> Result<Cow<'_, str>, Error> {
        match self.encoding() {
            Some(Encoding::QuotedPrintable) => {
                let bytes = qp_decode(&self.value)?;
                let charset = self.param_value("CHARSET");
                Ok(Cow::Owned(decode_charset(&bytes, charset.as_deref())?))
            }
            _ => Ok(Cow::Borrowed(&self.value)),
        }
    }

    /// The value decoded as one TEXT value of a card of `version`
    /// (transfer encoding undone, escapes decoded).
    ///
    /// ```
    /// use kalends_vcard::{Property, Version};
    /// let p = Property::new("NOTE", "a\\, b\\nc");
    /// assert_eq!(p.text_value(Version::V4_0)?, "a, b\nc");
    /// # Ok::<(), kalends_vcard::Error>(())
    /// ```
    pub fn text_value(&self, version: Version) -> Result<Cow<'_, str>, Error> {
        match self.content()? {
            Cow::Borrowed(s) => Ok(unescape(s, version)),
            Cow::Owned(s) => Ok(Cow::Owned(unescape(&s, version).into_owned())),
        }
    }

    /// The value as a comma-separated TEXT list (NICKNAME, CATEGORIES).
    pub fn list_value(&self, version: Version) -> Result<Vec<String>, Error> {
        Ok(parse_list(&self.content()?, version))
    }

    /// The value as a structured TEXT value (N, ADR: `lists` true; ORG,
    /// GENDER: false).
    pub fn structured_value(
        &self,
        lists: bool,
        version: Version,
    ) -> Result<Vec<Vec<String>>, Error> {
        Ok(parse_structured(&self.content()?, lists, version))
    }

    /// Binary data: a base64 value (`ENCODING=b` / `BASE64`), or a `data:`
    /// URI with `;base64` (RFC 2397). `Ok(None)` for any other value.
    ///
    /// ```
    /// use kalends_vcard::Property;
    /// let p = Property::new("PHOTO", "data:image/gif;base64,R0lG");
    /// assert_eq!(p.binary()?.as_deref(), Some(&b"GIF"[..]));
    /// # Ok::<(), kalends_vcard::Error>(())
    /// ```
    pub fn binary(&self) -> Result<Option<Vec<u8>>, Error> {
        if self.encoding() == Some(Encoding::Base64) {
            return base64_decode(&self.value).map(Some);
        }
        if let Some((_, data)) = parse_data_uri(&self.value) {
            return data.map(Some);
        }
        Ok(None)
    }

    /// The value type: the VALUE parameter, else the default of this
    /// property in `version` (RFC 6350 §5.2), else [`ValueType::Unknown`].
    /// Base64-encoded values are [`ValueType::Binary`]. For vCard 3.0
    /// BDAY and REV without VALUE, a value with a `T` is a date-time and
    /// one without is a date (RFC 2426 §3.1.5, §3.6.4).
    pub fn value_type(&self, version: Version) -> ValueType {
        if let Some(v) = self.param_value("VALUE") {
            return ValueType::from_name(&v);
        }
        if version == Version::V2_1
            && let Some(t) = self
                .params
                .iter()
                .find(|p| p.raw_value().is_none() && is_value_token(p.name()))
            && !t.is("INLINE")
        {
            return ValueType::Uri;
        }
        if self.encoding() == Some(Encoding::Base64) {
            return ValueType::Binary;
        }
        let Some(t) = registry::default_type(&self.name, version) else {
            return ValueType::Unknown;
        };
        if version != Version::V4_0 && (self.is("BDAY") || self.is("REV")) {
            return if self.value.contains('T') {
                ValueType::DateTime
            } else {
                ValueType::Date
            };
        }
        if version != Version::V4_0 && t == ValueType::Binary {
            // A vCard 3.0 PHOTO/LOGO/SOUND/KEY without ENCODING is a URI
            // (or, for KEY, text) in practice.
            return if self.is("KEY") && !self.value.contains(':') {
                ValueType::Text
            } else {
                ValueType::Uri
            };
        }
        t
    }

    /// The value decoded according to its type in a card of `version`.
    ///
    /// ```
    /// use kalends_vcard::{Property, Version, value::Value};
    /// let p = Property::new("BDAY", "--0412");
    /// assert!(matches!(p.typed_value(Version::V4_0)?, Value::DateAndOrTime(_)));
    /// let n = Property::new("N", "Doe;Jane;;;");
    /// assert_eq!(n.typed_value(Version::V4_0)?, Value::Structured(vec![
    ///     vec!["Doe".into()], vec!["Jane".into()], vec!["".into()], vec!["".into()], vec!["".into()]]));
    /// # Ok::<(), kalends_vcard::Error>(())
    /// ```
    pub fn typed_value(&self, version: Version) -> Result<Value, Error> {
        let t = self.value_type(version);
        let content = self.content()?;
        let raw: &str = &content;
        Ok(match t {
            ValueType::Binary => Value::Binary(self.binary()?.unwrap_or_default()),
            ValueType::Uri => Value::Uri(raw.to_owned()),
            ValueType::Date | ValueType::Time | ValueType::DateTime | ValueType::DateAndOrTime => {
                let s = raw.trim();
                let parsed = match t {
                    ValueType::Time if !s.starts_with('T') => {
                        format!("T{s}").parse::<DateAndOrTime>()?
                    }
                    _ => s.parse::<DateAndOrTime>()?,
                };
                Value::DateAndOrTime(parsed)
            }
            ValueType::Timestamp => Value::Timestamp(raw.trim().parse::<Timestamp>()?),
            ValueType::Boolean => match raw.trim().to_ascii_lowercase().as_str() {
                "true" => Value::Boolean(true),
                "false" => Value::Boolean(false),
                _ => return Err(bad_value("BOOLEAN", raw)),
            },
            ValueType::Integer => Value::Integer(
                split_unescaped(raw, ',')
                    .into_iter()
                    .map(|v| {
                        v.trim()
                            .parse::<i64>()
                            .map_err(|_| bad_value("INTEGER", raw))
                    })
                    .collect::<Result<_, _>>()?,
            ),
            ValueType::Float => {
                let sep = if raw.contains(';') { ';' } else { ',' };
                Value::Float(
                    split_unescaped(raw, sep)
                        .into_iter()
                        .map(|v| match v.trim().parse::<f64>() {
                            Ok(f) if f.is_finite() => Ok(f),
                            _ => Err(bad_value("FLOAT", raw)),
                        })
                        .collect::<Result<_, _>>()?,
                )
            }
            ValueType::UtcOffset => Value::UtcOffset(raw.trim().parse::<UtcOffset>()?),
            ValueType::LanguageTag => Value::LanguageTag(raw.trim().to_owned()),
            ValueType::Unknown | ValueType::Other(_) => Value::Unknown(raw.to_owned()),
            ValueType::Text | ValueType::PhoneNumber | ValueType::VCard => {
                match registry::shape(&self.name, version) {
                    Shape::Single => Value::Text(unescape(raw, version).into_owned()),
                    Shape::List => Value::TextList(parse_list(raw, version)),
                    Shape::Structured { lists } => {
                        Value::Structured(parse_structured(raw, lists, version))
                    }
                }
            }
        })
    }

    /// The values of parameter `name`, every parameter of that name, with
    /// the list parameters TYPE, SORT-AS and PID split at commas also inside
    /// quotes: RFC 6350 writes `TYPE="work,voice"` (§5.6) and
    /// `SORT-AS="Harten,Rene"` (§5.9) for two values, and RFC 7095 §3.4.2
    /// reads them so.
    pub fn param_list<'s>(&'s self, name: &'s str) -> Vec<Cow<'s, str>> {
        let split = is_list_param(name);
        let mut out = Vec::new();
        for v in self.param_values(name) {
            if split && v.contains(',') {
                out.extend(v.split(',').map(|s| Cow::Owned(s.to_owned())));
            } else {
                out.push(v);
            }
        }
        out
    }

    /// The TYPE values (RFC 6350 §5.6): every `TYPE` parameter's values and,
    /// in vCard 2.1, the bare parameters that are types (`TEL;HOME;VOICE`),
    /// as written.
    pub fn types(&self) -> Vec<Cow<'_, str>> {
        let mut out = Vec::new();
        for p in &self.params {
            match p.raw_value() {
                None if !is_encoding_token(p.name()) && !is_value_token(p.name()) => {
                    out.push(Cow::Borrowed(p.name()))
                }
                Some(_) if p.is("TYPE") => {
                    for v in p.values() {
                        if v.contains(',') {
                            out.extend(v.split(',').map(|s| Cow::Owned(s.to_owned())));
                        } else {
                            out.push(v);
                        }
                    }
                }
                _ => {}
            }
        }
        out
    }

    /// True when `t` is one of the TYPE values (ignoring case).
    pub fn has_type(&self, t: &str) -> bool {
        self.types().iter().any(|v| v.eq_ignore_ascii_case(t))
    }

    /// The PREF parameter (RFC 6350 §5.3), 1 (most preferred) to 100. `None`
    /// when absent or not a number in range.
    pub fn pref(&self) -> Option<u8> {
        self.param_value("PREF")
            .and_then(|v| v.trim().parse::<u8>().ok())
            .filter(|n| (1..=100).contains(n))
    }

    /// True when the property is marked preferred: `PREF=1`, or the vCard
    /// 2.1/3.0 `TYPE=pref`.
    pub fn is_preferred(&self) -> bool {
        self.pref() == Some(1) || self.has_type("pref")
    }

    /// The PID values (RFC 6350 §5.5): `(local, source)` pairs.
    pub fn pids(&self) -> Vec<(u32, Option<u32>)> {
        self.param_list("PID")
            .into_iter()
            .filter_map(|v| {
                let (a, b) = match v.split_once('.') {
                    Some((a, b)) => (a, Some(b)),
                    None => (&*v, None),
                };
                let local = a.parse().ok()?;
                let source = match b {
                    Some(b) => Some(b.parse().ok()?),
                    None => None,
                };
                Some((local, source))
            })
            .collect()
    }

    /// The first value of parameter `name`, decoded.
    fn one(&self, name: &str) -> Option<Cow<'_, str>> {
        self.param_value(name)
    }

    /// ALTID (RFC 6350 §5.4).
    pub fn altid(&self) -> Option<Cow<'_, str>> {
        self.one("ALTID")
    }

    /// LANGUAGE (RFC 6350 §5.1).
    pub fn language(&self) -> Option<Cow<'_, str>> {
        self.one("LANGUAGE")
    }

    /// MEDIATYPE (RFC 6350 §5.7).
    pub fn mediatype(&self) -> Option<Cow<'_, str>> {
        self.one("MEDIATYPE")
    }

    /// CALSCALE (RFC 6350 §5.8).
    pub fn calscale(&self) -> Option<Cow<'_, str>> {
        self.one("CALSCALE")
    }

    /// SORT-AS values (RFC 6350 §5.9).
    pub fn sort_as(&self) -> Vec<Cow<'_, str>> {
        self.param_list("SORT-AS")
    }

    /// GEO parameter (RFC 6350 §5.10), a `geo:` URI.
    pub fn geo_param(&self) -> Option<Cow<'_, str>> {
        self.one("GEO")
    }

    /// TZ parameter (RFC 6350 §5.11).
    pub fn tz_param(&self) -> Option<Cow<'_, str>> {
        self.one("TZ")
    }

    /// LABEL parameter of ADR (RFC 6350 §6.3.1, RFC 9554 §4.5).
    pub fn label(&self) -> Option<Cow<'_, str>> {
        self.one("LABEL")
    }

    /// CC parameter of ADR (RFC 8605 §3.1).
    pub fn cc(&self) -> Option<Cow<'_, str>> {
        self.one("CC")
    }

    /// INDEX parameter (RFC 6715 §3.1).
    pub fn index(&self) -> Option<u32> {
        self.one("INDEX")
            .and_then(|v| v.trim().parse().ok())
            .filter(|&n| n > 0)
    }

    /// LEVEL parameter (RFC 6715 §3.2).
    pub fn level(&self) -> Option<Cow<'_, str>> {
        self.one("LEVEL")
    }

    /// PHONETIC parameter (RFC 9554 §4.6).
    pub fn phonetic(&self) -> Option<Cow<'_, str>> {
        self.one("PHONETIC")
    }

    /// SCRIPT parameter (RFC 9554 §4.8).
    pub fn script(&self) -> Option<Cow<'_, str>> {
        self.one("SCRIPT")
    }

    /// SERVICE-TYPE parameter (RFC 9554 §4.9).
    pub fn service_type(&self) -> Option<Cow<'_, str>> {
        self.one("SERVICE-TYPE")
    }

    /// USERNAME parameter (RFC 9554 §4.10).
    pub fn username(&self) -> Option<Cow<'_, str>> {
        self.one("USERNAME")
    }

    /// PROP-ID parameter (RFC 9554 §4.7).
    pub fn prop_id(&self) -> Option<Cow<'_, str>> {
        self.one("PROP-ID")
    }

    /// CREATED parameter (RFC 9554 §4.3), a timestamp.
    pub fn created_param(&self) -> Option<Timestamp> {
        self.one("CREATED").and_then(|v| v.parse().ok())
    }

    /// AUTHOR parameter (RFC 9554 §4.1), a URI.
    pub fn author(&self) -> Option<Cow<'_, str>> {
        self.one("AUTHOR")
    }

    /// AUTHOR-NAME parameter (RFC 9554 §4.2).
    pub fn author_name(&self) -> Option<Cow<'_, str>> {
        self.one("AUTHOR-NAME")
    }

    /// DERIVED parameter (RFC 9554 §4.4); false when absent.
    pub fn derived(&self) -> bool {
        self.one("DERIVED")
            .is_some_and(|v| v.eq_ignore_ascii_case("true"))
    }

    /// JSPTR parameter (RFC 9555 §3.3.2).
    pub fn jsptr(&self) -> Option<Cow<'_, str>> {
        self.one("JSPTR")
    }

    /// JSCOMPS parameter (RFC 9555 §3.3.1), as written inside its quotes.
    pub fn jscomps(&self) -> Option<Cow<'_, str>> {
        let p = self.param("JSCOMPS")?;
        let raw = p.raw_value()?;
        let inner = raw
            .strip_prefix('"')
            .and_then(|r| r.strip_suffix('"'))
            .unwrap_or(raw);
        Some(kalends_ical_core::contentline::decode_rfc6868(inner))
    }

    /// Adds a value to the TYPE parameter (creating it), unless present.
    pub fn add_type(&mut self, t: &str) {
        if self.has_type(t) {
            return;
        }
        let mut values: Vec<String> = self
            .param_list("TYPE")
            .into_iter()
            .map(Cow::into_owned)
            .collect();
        values.push(t.to_owned());
        self.set_param(Parameter::with_values(
            "TYPE",
            values.iter().map(String::as_str),
        ));
    }
}

/// True for the parameters whose value is a comma-separated list even when
/// quoted (see [`Property::param_list`]).
pub fn is_list_param(name: &str) -> bool {
    ["TYPE", "SORT-AS", "PID"]
        .iter()
        .any(|n| name.eq_ignore_ascii_case(n))
}

/// Reads a `data:` URI (RFC 2397): its media type and its decoded data.
///
/// ```
/// use kalends_vcard::property::parse_data_uri;
/// let (mt, data) = parse_data_uri("data:image/jpeg;base64,SGk=").ok_or("not data")?;
/// assert_eq!((mt, data?), ("image/jpeg", b"Hi".to_vec()));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn parse_data_uri(uri: &str) -> Option<(&str, Result<Vec<u8>, Error>)> {
    let rest = match uri.get(..5) {
        Some(p) if p.eq_ignore_ascii_case("data:") => uri.get(5..)?,
        _ => return None,
    };
    let (meta, data) = rest.split_once(',')?;
    let mut parts = meta.split(';');
    let media = parts.next().unwrap_or("");
    if !parts.any(|p| p.eq_ignore_ascii_case("base64")) {
        return None;
    }
    Some((media, base64_decode(data)))
}

fn bad_value(what: &str, value: &str) -> Error {
    Error::new(
        ErrorKind::InvalidValue,
        format!(
            "`{}` is not a valid {what} value (RFC 6350 §4).",
            excerpt(value)
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::borrow::Cow;

    fn prop(line: &str) -> Property<'static> {
        let text = format!("BEGIN:VCARD\r\nVERSION:2.1\r\n{line}\r\nEND:VCARD\r\n");
        let doc = crate::parse(&text).unwrap().into_owned();
        doc.cards
            .into_iter()
            .next()
            .unwrap()
            .properties
            .swap_remove(1)
    }

    #[test]
    fn types_of_21_bare_parameters() {
        let p = prop("TEL;WORK;VOICE;ENCODING=8BIT;QUOTED-PRINTABLE:1");
        assert_eq!(p.types(), [Cow::Borrowed("WORK"), Cow::Borrowed("VOICE")]);
        assert_eq!(p.encoding(), Some(Encoding::QuotedPrintable));
        assert!(p.has_type("work"));
    }

    #[test]
    fn pref_and_pid() {
        let p = Property::new("EMAIL", "x")
            .with_param(Parameter::new("PREF", "1"))
            .with_param(Parameter::with_values("PID", ["1.1", "2"]));
        assert_eq!(p.pref(), Some(1));
        assert_eq!(p.pids(), [(1, Some(1)), (2, None)]);
        assert!(
            Property::new("EMAIL", "x")
                .with_param(Parameter::new("PREF", "0"))
                .pref()
                .is_none()
        );
    }

    #[test]
    fn value_types_by_version() {
        let p = Property::new("BDAY", "1953-10-15T23:10:00Z");
        assert_eq!(p.value_type(Version::V3_0), ValueType::DateTime);
        assert_eq!(p.value_type(Version::V4_0), ValueType::DateAndOrTime);
        let x = Property::new("X-FOO", "1").with_param(Parameter::new("VALUE", "integer"));
        assert_eq!(
            x.typed_value(Version::V4_0).unwrap(),
            Value::Integer(vec![1])
        );
        assert_eq!(
            Property::new("X-FOO", "a").value_type(Version::V4_0),
            ValueType::Unknown
        );
        let geo = Property::new("GEO", "37.386013;-122.082932");
        assert_eq!(
            geo.typed_value(Version::V3_0).unwrap(),
            Value::Float(vec![37.386013, -122.082932])
        );
    }

    #[test]
    fn jscomps_is_read_inside_quotes() {
        let p = Property::new("N", "").with_param(Parameter::from_raw(
            "JSCOMPS",
            Some(Cow::Borrowed("\";1;0\"")),
        ));
        assert_eq!(p.jscomps().as_deref(), Some(";1;0"));
    }
}
