//! Version conversion: 2.1 → 3.0 → 4.0 and 4.0 → 3.0.
//!
//! Conversion works property by property and keeps the order, groups and
//! every property and parameter it has no rule for. What a target version
//! cannot express is reported as a [`Loss`]; a property that has no
//! counterpart is kept unchanged (so a round trip restores it) and reported.
//!
//! # 2.1 → 3.0 (vCard 2.1 → RFC 2426)
//! - QUOTED-PRINTABLE values are decoded (with their CHARSET) and written as
//!   escaped UTF-8 text; `ENCODING=BASE64` becomes `ENCODING=b`; `8BIT`,
//!   `7BIT`, `CHARSET` and `INLINE` are dropped.
//! - Bare type parameters (`TEL;HOME;VOICE`) become `TYPE=HOME,VOICE`;
//!   `VALUE=URL` / bare `URL` become `VALUE=uri`, `CONTENT-ID` a `cid:` URI.
//! - Text is re-escaped: 2.1 escapes only `;`, 3.0 also `,`, `\` and newlines.
//! - An AGENT with an embedded vCard becomes an inline 3.0 AGENT value.
//!
//! # 3.0 → 4.0 (RFC 2426 → RFC 6350 Appendix A)
//! - `TYPE=pref` becomes `PREF=1`.
//! - Base64 PHOTO, LOGO, SOUND and KEY become `data:` URIs (media type from
//!   TYPE); `VALUE=uri` is dropped where URI is the 4.0 default.
//! - GEO `lat;lon` becomes a `geo:` URI; TZ `-05:00` becomes
//!   `TZ;VALUE=utc-offset:-0500`; dates and timestamps are written in the
//!   basic format; Apple's `X-APPLE-OMIT-YEAR` dates become `--MMDD`; a
//!   date-only REV becomes midnight UTC.
//! - LABEL becomes the LABEL parameter of its ADR (same group, else same
//!   TYPE, else the only ADR); SORT-STRING the SORT-AS of N; an AGENT URI a
//!   `RELATED;TYPE=agent`; `X-ADDRESSBOOKSERVER-KIND` / `-MEMBER` KIND and
//!   MEMBER; `X-ANNIVERSARY` ANNIVERSARY; `X-SOCIALPROFILE` SOCIALPROFILE.
//! - Kept and reported: MAILER, CLASS, NAME, PROFILE, an inline AGENT, and
//!   LABEL/SORT-STRING without a property to attach to.
//!
//! # 4.0 → 3.0: what cannot survive a downgrade
//! - PREF: `PREF=1` becomes `TYPE=pref`; other PREF values are dropped
//!   (3.0 only knows "preferred").
//! - Dates 3.0 cannot write (`--MM`, `---DD`, `1985`, `1985-04`, times,
//!   text dates) are kept as they are and reported; `--MMDD` becomes
//!   `1604-MM-DD;X-APPLE-OMIT-YEAR=1604` (Apple's convention, read back).
//! - N and ADR components of RFC 9554 (secondary surname, generation, room …
//!   direction) are dropped; 3.0 has 5 and 7 components.
//! - SORT-AS of N becomes SORT-STRING (its first value only); other SORT-AS
//!   are dropped. The ADR LABEL parameter becomes a LABEL property.
//! - `data:` URIs become base64 with `ENCODING=b`; MEDIATYPE becomes TYPE
//!   for media, else is dropped. A TEL `tel:` URI is written as its number
//!   (URI parameters such as `;ext=` stay in the text).
//! - GEO and TZ values that are not a position or an offset/name are kept
//!   and reported.
//! - KIND, MEMBER, ANNIVERSARY and SOCIALPROFILE become Apple's and
//!   Evolution's X- properties (read back by 3.0 → 4.0); RELATED
//!   `TYPE=agent` becomes AGENT.
//! - Kept unchanged and reported (3.0 has no such property): GENDER, LANG,
//!   XML, CLIENTPIDMAP, other RELATED, BIRTHPLACE, DEATHPLACE, DEATHDATE,
//!   EXPERTISE, HOBBY, INTEREST, ORG-DIRECTORY, CONTACT-URI, CREATED,
//!   GRAMGENDER, LANGUAGE, PRONOUNS, JSPROP; parameters ALTID, PID, CALSCALE,
//!   CC, INDEX, LEVEL, PHONETIC, SCRIPT, PROP-ID and the like stay on their
//!   properties. Several FN or N that are language alternatives (ALTID)
//!   stay, though 3.0 wants one.

use std::borrow::Cow;
use std::fmt;

use kalends_ical_core::Parameter;

use crate::codec::{base64_decode, base64_encode, decode_charset, qp_decode};
use crate::error::{Error, ErrorKind};
use crate::property::{Encoding, parse_data_uri};
use crate::registry::{self, Shape};
use crate::text::{escape, format_structured, parse_structured, unescape};
use crate::tree::{Property, VCard, is_encoding_token};
use crate::value::{Address, Date, DateAndOrTime, Geo, Name, Timestamp, UtcOffset};
use crate::version::Version;

/// Something a conversion could not carry over exactly.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Loss {
    /// The property concerned (upper case).
    pub property: String,
    /// What happened, as a sentence.
    pub message: String,
}

impl fmt::Display for Loss {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.property, self.message)
    }
}

/// A converted card and what the conversion lost.
#[derive(Debug, Clone)]
pub struct Converted {
    /// The card in the target version.
    pub card: VCard<'static>,
    /// What could not be carried over exactly.
    pub losses: Vec<Loss>,
}

/// Converts `card` to `target` (2.1 → 3.0 → 4.0 and 4.0 → 3.0; a card
/// already in `target` is copied). Converting to 2.1 is not supported.
///
/// ```
/// use kalends_vcard::{convert_version, parse, Version};
/// let doc = parse("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Jo\r\nN:Doe;Jo;;;\r\nTEL;TYPE=work,pref:+1 555\r\nBDAY:1985-04-12\r\nEND:VCARD\r\n")?;
/// let v4 = convert_version(&doc.cards[0], Version::V4_0)?;
/// assert_eq!(v4.card.to_string(), "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Jo\r\nN:Doe;Jo;;;\r\nTEL;TYPE=work;PREF=1:+1 555\r\nBDAY:19850412\r\nEND:VCARD\r\n");
/// let back = convert_version(&v4.card, Version::V3_0)?;
/// assert_eq!(back.card.to_string(), doc.to_string());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn convert_version(card: &VCard<'_>, target: Version) -> Result<Converted, Error> {
    let from = card.version();
    let mut losses = Vec::new();
    let card = card.clone().into_owned();
    let card = match (from, target) {
        (a, b) if a == b => card,
        (Version::V2_1, Version::V3_0) => v21_to_v30(card, &mut losses),
        (Version::V2_1, Version::V4_0) => v30_to_v40(v21_to_v30(card, &mut losses), &mut losses),
        (Version::V3_0, Version::V4_0) => v30_to_v40(card, &mut losses),
        (Version::V4_0, Version::V3_0) => v40_to_v30(card, &mut losses),
        (_, Version::V2_1) | (Version::V4_0 | Version::V3_0, _) => {
            return Err(Error::new(
                ErrorKind::Unsupported,
                format!(
                    "converting a vCard {from} to {target} is not supported; the conversions are 2.1 → 3.0 → 4.0 and 4.0 → 3.0."
                ),
            ));
        }
    };
    Ok(Converted { card, losses })
}

/// Converts every card of a document to `target` (see [`convert_version`]);
/// components that are not vCards are left out. The losses of all cards are
/// returned in order.
///
/// ```
/// use kalends_vcard::{convert_document, parse, Version};
/// let doc = parse("BEGIN:VCARD\r\nVERSION:2.1\r\nN:Doe;Jo\r\nTEL;HOME:1\r\nEND:VCARD\r\n")?;
/// let (v4, losses) = convert_document(&doc, Version::V4_0)?;
/// assert_eq!(v4.to_string(), "BEGIN:VCARD\r\nVERSION:4.0\r\nN:Doe;Jo\r\nTEL;TYPE=HOME:1\r\nEND:VCARD\r\n");
/// assert!(losses.is_empty());
/// # Ok::<(), kalends_vcard::Error>(())
/// ```
pub fn convert_document(
    doc: &crate::Document<'_>,
    target: Version,
) -> Result<(crate::Document<'static>, Vec<Loss>), Error> {
    let mut cards = Vec::with_capacity(doc.cards.len());
    let mut losses = Vec::new();
    for c in doc.cards.iter().filter(|c| c.is_vcard()) {
        let converted = convert_version(c, target)?;
        cards.push(converted.card);
        losses.extend(converted.losses);
    }
    Ok((crate::Document::new(cards), losses))
}

fn loss(losses: &mut Vec<Loss>, p: &str, message: impl Into<String>) {
    losses.push(Loss {
        property: p.to_ascii_uppercase(),
        message: message.into(),
    });
}

fn set_version(card: &mut VCard<'static>, v: Version) {
    match card.property_mut("VERSION") {
        Some(p) => p.set_value(v.as_str()),
        None => card
            .properties
            .insert(0, Property::new("VERSION", v.as_str())),
    }
}

fn looks_like_uri(s: &str) -> bool {
    let Some((scheme, _)) = s.split_once(':') else {
        return false;
    };
    scheme.len() > 1
        && scheme
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

const MEDIA: [&str; 4] = ["PHOTO", "LOGO", "SOUND", "KEY"];

fn is_media(p: &Property<'_>) -> bool {
    MEDIA.iter().any(|m| p.is(m))
}

// ---------------------------------------------------------------- 2.1 → 3.0

fn v21_to_v30(mut card: VCard<'static>, losses: &mut Vec<Loss>) -> VCard<'static> {
    set_version(&mut card, Version::V3_0);
    let nested = std::mem::take(&mut card.nested);
    let mut agents: Vec<(usize, VCard<'static>)> =
        nested.into_iter().map(|n| (n.position, n)).collect();
    let props = std::mem::take(&mut card.properties);
    for (i, p) in props.into_iter().enumerate() {
        if p.is("VERSION") {
            card.properties
                .push(Property::new("VERSION", "3.0").with_group_opt(p.group.clone()));
            continue;
        }
        let mut out = v21_property(p, losses);
        // An AGENT followed by an embedded vCard.
        if out.is("AGENT")
            && out.value.trim().is_empty()
            && let Some(pos) = agents.iter().position(|(at, _)| *at == i + 1)
        {
            let (_, agent) = agents.remove(pos);
            let inner = match convert_version(&agent, Version::V3_0) {
                Ok(c) => c.card.to_string(),
                Err(_) => agent.to_string(),
            };
            out.set_value(escape(&inner.replace("\r\n", "\n"), Version::V3_0).into_owned());
        }
        card.properties.push(out);
    }
    for (_, a) in agents {
        loss(
            losses,
            "AGENT",
            "an embedded vCard without an AGENT property before it was dropped.",
        );
        let _ = a;
    }
    card.raw_begin = None;
    card.raw_end = None;
    card
}

trait WithGroupOpt {
    fn with_group_opt(self, g: Option<Cow<'static, str>>) -> Self;
}

impl WithGroupOpt for Property<'static> {
    fn with_group_opt(mut self, g: Option<Cow<'static, str>>) -> Self {
        self.group = g;
        self
    }
}

fn v21_property(p: Property<'static>, losses: &mut Vec<Loss>) -> Property<'static> {
    let name = p.name.to_string();
    let encoding = p.encoding();
    let charset = p.param_value("CHARSET").map(Cow::into_owned);
    let mut types: Vec<String> = Vec::new();
    let mut params: Vec<Parameter<'static>> = Vec::new();
    let mut value_uri = false;
    let mut cid = false;
    for param in &p.params {
        match param.raw_value() {
            None => {
                let n = param.name();
                if is_encoding_token(n) {
                    if n.eq_ignore_ascii_case("BASE64") || n.eq_ignore_ascii_case("B") {
                        params.push(Parameter::new("ENCODING", "b"));
                    }
                } else if n.eq_ignore_ascii_case("URL") || n.eq_ignore_ascii_case("URI") {
                    value_uri = true;
                } else if n.eq_ignore_ascii_case("CONTENT-ID") || n.eq_ignore_ascii_case("CID") {
                    value_uri = true;
                    cid = true;
                } else if n.eq_ignore_ascii_case("INLINE") {
                } else {
                    types.push(n.to_owned());
                }
            }
            Some(_) if param.is("TYPE") => types.extend(param.values().map(Cow::into_owned)),
            Some(_) if param.is("CHARSET") => {}
            Some(_) if param.is("ENCODING") => {
                if encoding == Some(Encoding::Base64) {
                    params.push(Parameter::new("ENCODING", "b"));
                }
            }
            Some(_) if param.is("VALUE") => {
                let v = param.value().unwrap_or_default().to_ascii_lowercase();
                match v.as_str() {
                    "url" | "uri" => value_uri = true,
                    "content-id" | "cid" => {
                        value_uri = true;
                        cid = true;
                    }
                    "inline" => {}
                    _ => params.push(param.clone()),
                }
            }
            Some(_) => params.push(param.clone()),
        }
    }
    if !types.is_empty() {
        params.insert(
            0,
            Parameter::with_values("TYPE", types.iter().map(String::as_str)),
        );
    }
    // The value: undo QUOTED-PRINTABLE, then re-escape text for 3.0.
    let (content, decoded) = match encoding {
        Some(Encoding::QuotedPrintable) => {
            let text = qp_decode(&p.value).and_then(|b| decode_charset(&b, charset.as_deref()));
            match text {
                Ok(t) => (t, true),
                Err(e) => {
                    loss(
                        losses,
                        &name,
                        format!(
                            "the QUOTED-PRINTABLE value could not be decoded and is kept as written: {}",
                            e.message()
                        ),
                    );
                    (p.value.to_string(), false)
                }
            }
        }
        _ => (p.value.to_string(), false),
    };
    let content = if decoded
        && content
            .chars()
            .any(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
    {
        loss(
            losses,
            &name,
            "control characters in the decoded value cannot stand in a vCard 3.0 value; they are replaced.",
        );
        let uri = value_uri
            || matches!(
                registry::default_type(&name, Version::V3_0),
                Some(crate::value::ValueType::Uri)
            );
        content
            .chars()
            .map(|c| {
                if c.is_control() && !matches!(c, '\t' | '\n' | '\r') {
                    if uri {
                        format!("%{:02X}", c as u32)
                    } else {
                        '\u{fffd}'.to_string()
                    }
                } else {
                    c.to_string()
                }
            })
            .collect()
    } else {
        content
    };
    let mut value = if encoding == Some(Encoding::Base64) {
        content.split_whitespace().collect::<String>()
    } else if value_uri {
        let v = content.trim().to_owned();
        if cid {
            format!("cid:{}", v.trim_start_matches('<').trim_end_matches('>'))
        } else {
            v
        }
    } else {
        reescape(&name, &content, Version::V2_1, Version::V3_0, decoded)
    };
    if is_media(&p) && encoding.is_none() && !value_uri && looks_like_uri(value.trim()) {
        value_uri = true;
        value = value.trim().to_owned();
    }
    if value_uri {
        params.push(Parameter::new("VALUE", "uri"));
    }
    let mut out = Property::new(p.name, value);
    out.group = p.group;
    out.params = params;
    out
}

/// Re-escapes a text value from one version's rules to another's.
fn reescape(name: &str, content: &str, from: Version, to: Version, force_text: bool) -> String {
    let shape = registry::shape(name, to);
    let text_like = matches!(
        registry::default_type(name, to)
            .as_ref()
            .map(crate::value::ValueType::as_str),
        Some("text" | "phone-number")
    ) || force_text;
    if !text_like && registry::lookup(name).is_some() {
        return content.to_owned();
    }
    if registry::lookup(name).is_none() && !force_text {
        return content.to_owned();
    }
    match shape {
        Shape::Single => escape(&unescape(content, from), to).into_owned(),
        Shape::List => crate::text::format_list(&crate::text::parse_list(content, from), to),
        Shape::Structured { lists } => {
            format_structured(&parse_structured(content, lists, from), to)
        }
    }
}

// ---------------------------------------------------------------- 3.0 → 4.0

fn media_type(prop: &str, t: &str) -> String {
    let t = t.to_ascii_lowercase();
    if t.contains('/') {
        return t;
    }
    let major = match prop.to_ascii_uppercase().as_str() {
        "SOUND" => "audio",
        "KEY" => "application",
        _ => "image",
    };
    match (major, t.as_str()) {
        ("image", "jpg") => "image/jpeg".to_owned(),
        ("audio", "wave" | "wav") => "audio/wav".to_owned(),
        ("audio", "basic") => "audio/basic".to_owned(),
        ("application", "x509") => "application/pkix-cert".to_owned(),
        ("application", "pgp") => "application/pgp-keys".to_owned(),
        (m, s) => format!("{m}/{s}"),
    }
}

fn v30_to_v40(mut card: VCard<'static>, losses: &mut Vec<Loss>) -> VCard<'static> {
    set_version(&mut card, Version::V4_0);
    let props = std::mem::take(&mut card.properties);
    let mut labels: Vec<Property<'static>> = Vec::new();
    let mut sort_string: Option<Property<'static>> = None;
    let has_anniversary = props.iter().any(|p| p.is("ANNIVERSARY"));
    let has_kind = props.iter().any(|p| p.is("KIND"));
    for mut p in props {
        let name = p.name.to_ascii_uppercase();
        if name != "VERSION" {
            pref_to_v4(&mut p);
            if p.encoding() == Some(Encoding::QuotedPrintable) {
                // Not RFC 2426, but written by some 3.0 producers; 4.0 has no QUOTED-PRINTABLE.
                match p.content().map(Cow::into_owned) {
                    Ok(text) => {
                        let v = reescape(&name, &text, Version::V3_0, Version::V4_0, true);
                        p.remove_param("ENCODING");
                        p.params
                            .retain(|x| !(x.raw_value().is_none() && x.is("QUOTED-PRINTABLE")));
                        p.set_value(v);
                    }
                    Err(e) => loss(
                        losses,
                        &name,
                        format!(
                            "the QUOTED-PRINTABLE value could not be decoded and is kept as written: {}",
                            e.message()
                        ),
                    ),
                }
            }
            p.remove_param("CHARSET");
        }
        match name.as_str() {
            "VERSION" => {
                p.set_value("4.0");
            }
            "LABEL" => {
                labels.push(p);
                continue;
            }
            "SORT-STRING" => {
                sort_string = Some(p);
                continue;
            }
            "PHOTO" | "LOGO" | "SOUND" | "KEY" => media_to_v4(&mut p, losses),
            "GEO" => match p.content().ok().and_then(|c| Geo::parse(&c).ok()) {
                Some(g) => {
                    p.set_value(g.to_uri());
                    p.remove_param("VALUE");
                }
                None => loss(
                    losses,
                    "GEO",
                    format!(
                        "the value `{}` is not a position and is kept as written.",
                        p.value
                    ),
                ),
            },
            "TZ" => tz_to_v4(&mut p, losses),
            "BDAY" | "ANNIVERSARY" | "DEATHDATE" | "X-ANNIVERSARY" => {
                date_to_v4(&mut p, losses);
                if name == "X-ANNIVERSARY" && !has_anniversary {
                    p.set_name("ANNIVERSARY");
                }
            }
            "REV" => rev_to_v4(&mut p, losses),
            "UID" => {
                if !looks_like_uri(p.value()) && p.param("VALUE").is_none() {
                    p.set_param(Parameter::new("VALUE", "text"));
                }
            }
            "AGENT" => {
                if p.param_value("VALUE")
                    .is_some_and(|v| v.eq_ignore_ascii_case("uri"))
                {
                    p.set_name("RELATED");
                    p.remove_param("VALUE");
                    p.add_type("agent");
                } else {
                    loss(
                        losses,
                        "AGENT",
                        "an inline AGENT vCard has no vCard 4.0 form and is kept unchanged.",
                    );
                }
            }
            "X-ADDRESSBOOKSERVER-KIND" if !has_kind => {
                let v = p.value().to_ascii_lowercase();
                p.set_name("KIND");
                p.set_value(v);
            }
            "X-ADDRESSBOOKSERVER-MEMBER" => p.set_name("MEMBER"),
            "X-SOCIALPROFILE" => p.set_name("SOCIALPROFILE"),
            "MAILER" | "CLASS" | "NAME" | "PROFILE" => {
                loss(
                    losses,
                    &name,
                    format!(
                        "{name} is not defined in vCard 4.0 (RFC 6350 Appendix A) and is kept unchanged."
                    ),
                );
            }
            _ => {
                if p.encoding() == Some(Encoding::Base64) {
                    loss(
                        losses,
                        &name,
                        "a base64 value outside PHOTO, LOGO, SOUND and KEY is kept with its ENCODING parameter.",
                    );
                }
            }
        }
        card.properties.push(p);
    }
    for label in labels {
        attach_label(&mut card, label, losses);
    }
    if let Some(s) = sort_string {
        let text = s
            .text_value(Version::V3_0)
            .map(Cow::into_owned)
            .unwrap_or_default();
        match card.property_mut("N") {
            Some(n) if n.param("SORT-AS").is_none() => {
                n.set_param(Parameter::new("SORT-AS", &text))
            }
            _ => {
                loss(
                    losses,
                    "SORT-STRING",
                    "there is no N to carry it as SORT-AS; it is kept unchanged.",
                );
                card.properties.push(s);
            }
        }
    }
    card.raw_begin = None;
    card.raw_end = None;
    card
}

fn pref_to_v4(p: &mut Property<'static>) {
    if !p.has_type("pref") {
        return;
    }
    let rest: Vec<String> = p
        .param_list("TYPE")
        .into_iter()
        .filter(|t| !t.eq_ignore_ascii_case("pref"))
        .map(Cow::into_owned)
        .collect();
    p.remove_param("TYPE");
    if !rest.is_empty() {
        // Keep TYPE where it stood: before any PREF we add.
        p.params.push(Parameter::with_values(
            "TYPE",
            rest.iter().map(String::as_str),
        ));
    }
    if p.param("PREF").is_none() {
        p.params.push(Parameter::new("PREF", "1"));
    }
}

fn media_to_v4(p: &mut Property<'static>, losses: &mut Vec<Loss>) {
    let name = p.name.to_ascii_uppercase();
    if p.encoding() == Some(Encoding::Base64) {
        let data = base64_decode(&p.value);
        let types: Vec<String> = p
            .param_list("TYPE")
            .into_iter()
            .map(Cow::into_owned)
            .collect();
        let mt = types.first().map(|t| media_type(&name, t));
        match data {
            Ok(bytes) => {
                let uri = format!(
                    "data:{};base64,{}",
                    mt.as_deref().unwrap_or("application/octet-stream"),
                    base64_encode(&bytes)
                );
                p.remove_param("ENCODING");
                p.remove_param("VALUE");
                if mt.is_some() {
                    let rest: Vec<&String> = types.iter().skip(1).collect();
                    p.remove_param("TYPE");
                    if !rest.is_empty() {
                        p.params.push(Parameter::with_values(
                            "TYPE",
                            rest.iter().map(|s| s.as_str()),
                        ));
                    }
                }
                p.set_value(uri);
            }
            Err(e) => loss(
                losses,
                &name,
                format!(
                    "the base64 value is not valid and is kept as written: {}",
                    e.message()
                ),
            ),
        }
    } else if p
        .param_value("VALUE")
        .is_some_and(|v| v.eq_ignore_ascii_case("uri") || v.eq_ignore_ascii_case("url"))
    {
        p.remove_param("VALUE");
    }
}

fn tz_to_v4(p: &mut Property<'static>, losses: &mut Vec<Loss>) {
    let vt = p.param_value("VALUE").map(|v| v.to_ascii_lowercase());
    match vt.as_deref() {
        Some("text") => {
            p.remove_param("VALUE");
        }
        None | Some("utc-offset") => match p.value.trim().parse::<UtcOffset>() {
            Ok(o) => {
                p.set_value(o.to_string());
                p.set_param(Parameter::new("VALUE", "utc-offset"));
            }
            Err(_) => loss(
                losses,
                "TZ",
                format!(
                    "the value `{}` is not a UTC offset and is kept as text.",
                    p.value
                ),
            ),
        },
        _ => {}
    }
}

fn date_to_v4(p: &mut Property<'static>, losses: &mut Vec<Loss>) {
    let vt = p.param_value("VALUE").map(|v| v.to_ascii_lowercase());
    if vt.as_deref() == Some("text") {
        return;
    }
    let omit_year = p
        .param_value("X-APPLE-OMIT-YEAR")
        .and_then(|y| y.parse::<u16>().ok());
    match p.value.trim().parse::<DateAndOrTime>() {
        Ok(mut d) => {
            if let (Some(omit), DateAndOrTime::Date(date)) = (omit_year, &mut d)
                && date.year == Some(omit)
            {
                date.year = None;
                p.remove_param("X-APPLE-OMIT-YEAR");
            }
            p.set_value(d.to_string());
            p.remove_param("VALUE");
        }
        Err(_) => {
            loss(
                losses,
                &p.name.to_ascii_uppercase(),
                format!("the value `{}` is not a date and is kept as text.", p.value),
            );
            p.set_param(Parameter::new("VALUE", "text"));
        }
    }
}

fn rev_to_v4(p: &mut Property<'static>, losses: &mut Vec<Loss>) {
    let v = p.value.trim().to_owned();
    p.remove_param("VALUE");
    if let Ok(ts) = v.parse::<Timestamp>() {
        p.set_value(ts.to_string());
    } else if let Ok(d) = v.parse::<Date>()
        && let (Some(year), Some(month), Some(day)) = (d.year, d.month, d.day)
    {
        let ts = Timestamp {
            year,
            month,
            day,
            hour: 0,
            minute: 0,
            second: 0,
            zone: Some(crate::value::Zone::Utc),
        };
        p.set_value(ts.to_string());
        loss(
            losses,
            "REV",
            "a date-only REV is written as midnight UTC (vCard 4.0 REV is a timestamp).",
        );
    } else {
        loss(
            losses,
            "REV",
            format!("the value `{v}` is not a timestamp and is kept as written."),
        );
    }
}

fn attach_label(card: &mut VCard<'static>, label: Property<'static>, losses: &mut Vec<Loss>) {
    let text = label
        .text_value(Version::V3_0)
        .map(Cow::into_owned)
        .unwrap_or_default();
    let types = |p: &Property<'_>| {
        let mut t: Vec<String> = p
            .types()
            .iter()
            .map(|t| t.to_ascii_lowercase())
            .filter(|t| t != "pref")
            .collect();
        t.sort();
        t
    };
    let label_types = types(&label);
    let adrs: Vec<usize> = card
        .properties
        .iter()
        .enumerate()
        .filter(|(_, p)| p.is("ADR") && p.param("LABEL").is_none())
        .map(|(i, _)| i)
        .collect();
    let by_group = label.group().and_then(|g| {
        adrs.iter().copied().find(|&i| {
            card.properties
                .get(i)
                .and_then(|p| p.group())
                .is_some_and(|pg| pg.eq_ignore_ascii_case(g))
        })
    });
    let by_type = || {
        adrs.iter().copied().find(|&i| {
            card.properties
                .get(i)
                .is_some_and(|p| types(p) == label_types)
        })
    };
    let target = by_group.or_else(by_type).or(if adrs.len() == 1 {
        adrs.first().copied()
    } else {
        None
    });
    match target.and_then(|i| card.properties.get_mut(i)) {
        Some(adr) => adr.set_param(Parameter::new("LABEL", &text)),
        None => {
            loss(
                losses,
                "LABEL",
                "there is no ADR to carry it as a LABEL parameter; it is kept unchanged.",
            );
            card.properties.push(label);
        }
    }
}

// ---------------------------------------------------------------- 4.0 → 3.0

fn v40_to_v30(mut card: VCard<'static>, losses: &mut Vec<Loss>) -> VCard<'static> {
    set_version(&mut card, Version::V3_0);
    let props = std::mem::take(&mut card.properties);
    let mut extra: Vec<Property<'static>> = Vec::new();
    for mut p in props {
        let name = p.name.to_ascii_uppercase();
        if name == "VERSION" {
            p.set_value("3.0");
            card.properties.push(p);
            continue;
        }
        pref_to_v3(&mut p, losses);
        match name.as_str() {
            "PHOTO" | "LOGO" | "SOUND" | "KEY" => media_to_v3(&mut p, losses),
            "GEO" => match p.uri_value(Version::V4_0).and_then(|c| Geo::parse(&c).ok()) {
                Some(g) => {
                    p.set_value(g.to_v3());
                    p.remove_param("VALUE");
                }
                None => loss(
                    losses,
                    "GEO",
                    format!(
                        "the value `{}` is not a position and is kept as written.",
                        p.value
                    ),
                ),
            },
            "TZ" => tz_to_v3(&mut p, losses),
            "BDAY" | "ANNIVERSARY" => {
                date_to_v3(&mut p, losses);
                if name == "ANNIVERSARY" {
                    p.set_name("X-ANNIVERSARY");
                }
            }
            "REV" => {
                if let Ok(ts) = p.value.trim().parse::<Timestamp>() {
                    p.set_value(ts.to_extended());
                }
                p.remove_param("VALUE");
            }
            "UID" => {
                if p.param_value("VALUE")
                    .is_some_and(|v| v.eq_ignore_ascii_case("text"))
                {
                    p.remove_param("VALUE");
                }
            }
            "TEL" => {
                if p.param_value("VALUE")
                    .is_some_and(|v| v.eq_ignore_ascii_case("uri"))
                {
                    p.remove_param("VALUE");
                    let v = p.value.to_string();
                    if let Some(number) = v.strip_prefix("tel:") {
                        p.set_value(number.to_owned());
                        loss(losses, "TEL", "a tel: URI is written as its phone number.");
                    }
                }
            }
            "N" => {
                let content = p.content().map(Cow::into_owned).unwrap_or_default();
                let n = Name::parse(&content, Version::V4_0);
                if !n.surname2.is_empty() || !n.generation.is_empty() {
                    loss(
                        losses,
                        "N",
                        "the secondary surname and generation components (RFC 9554) have no vCard 3.0 place and are dropped.",
                    );
                    let trimmed = Name {
                        surname2: Vec::new(),
                        generation: Vec::new(),
                        ..n
                    };
                    p.set_value(trimmed.format(Version::V3_0));
                }
                let sort: Vec<String> = p.sort_as().into_iter().map(Cow::into_owned).collect();
                if let Some(first) = sort.first() {
                    let mut s = Property::text("SORT-STRING", first, Version::V3_0);
                    s.group = p.group.clone();
                    extra.push(s);
                    if sort.len() > 1 {
                        loss(
                            losses,
                            "N",
                            "SORT-AS becomes SORT-STRING, which holds one value; the others are dropped.",
                        );
                    }
                    p.remove_param("SORT-AS");
                }
            }
            "ADR" => {
                let content = p.content().map(Cow::into_owned).unwrap_or_default();
                let a = Address::parse(&content, Version::V4_0);
                if a.has_rfc9554_components() {
                    loss(
                        losses,
                        "ADR",
                        "the address components of RFC 9554 (room … direction) have no vCard 3.0 place and are dropped.",
                    );
                    let mut short = a.clone();
                    for c in [
                        &mut short.room,
                        &mut short.apartment,
                        &mut short.floor,
                        &mut short.street_number,
                        &mut short.street_name,
                        &mut short.building,
                        &mut short.block,
                        &mut short.subdistrict,
                        &mut short.district,
                        &mut short.landmark,
                        &mut short.direction,
                    ] {
                        c.clear();
                    }
                    p.set_value(short.format(Version::V3_0));
                }
                if let Some(label) = p.label().map(Cow::into_owned) {
                    let mut l = Property::text("LABEL", &label, Version::V3_0);
                    l.group = p.group.clone();
                    if let Some(t) = p.param("TYPE") {
                        l.params.push(t.clone());
                    }
                    extra.push(l);
                    p.remove_param("LABEL");
                }
                if p.param("SORT-AS").is_some() {
                    p.remove_param("SORT-AS");
                }
            }
            "ORG" => {
                if p.remove_param("SORT-AS") > 0 {
                    loss(
                        losses,
                        "ORG",
                        "SORT-AS has no vCard 3.0 form on ORG and is dropped.",
                    );
                }
            }
            "KIND" => {
                p.set_name("X-ADDRESSBOOKSERVER-KIND");
            }
            "MEMBER" => p.set_name("X-ADDRESSBOOKSERVER-MEMBER"),
            "SOCIALPROFILE" => p.set_name("X-SOCIALPROFILE"),
            "RELATED" if p.has_type("agent") && p.param("VALUE").is_none() => {
                p.set_name("AGENT");
                let rest: Vec<String> = p
                    .param_list("TYPE")
                    .into_iter()
                    .filter(|t| !t.eq_ignore_ascii_case("agent"))
                    .map(Cow::into_owned)
                    .collect();
                p.remove_param("TYPE");
                if !rest.is_empty() {
                    p.params.push(Parameter::with_values(
                        "TYPE",
                        rest.iter().map(String::as_str),
                    ));
                }
                p.params.push(Parameter::new("VALUE", "uri"));
            }
            _ => {
                if registry::lookup(&name).is_some_and(|i| i.v3.is_none()) {
                    loss(
                        losses,
                        &name,
                        format!("{name} is not defined in vCard 3.0 and is kept unchanged."),
                    );
                }
            }
        }
        card.properties.push(p);
    }
    card.properties.extend(extra);
    card.raw_begin = None;
    card.raw_end = None;
    card
}

fn pref_to_v3(p: &mut Property<'static>, losses: &mut Vec<Loss>) {
    let Some(pref) = p.param_value("PREF").map(Cow::into_owned) else {
        return;
    };
    p.remove_param("PREF");
    if pref.trim() == "1" {
        p.add_type("pref");
    } else {
        loss(
            losses,
            &p.name.to_ascii_uppercase(),
            format!("PREF={pref} has no vCard 3.0 form (only `TYPE=pref`) and is dropped."),
        );
    }
}

fn media_to_v3(p: &mut Property<'static>, losses: &mut Vec<Loss>) {
    let name = p.name.to_ascii_uppercase();
    let value = p.value.to_string();
    if let Some((mt, data)) = parse_data_uri(&value) {
        match data {
            Ok(bytes) => {
                let sub = mt.rsplit('/').next().unwrap_or("").to_ascii_uppercase();
                p.set_value(base64_encode(&bytes));
                p.remove_param("VALUE");
                p.remove_param("MEDIATYPE");
                p.params.insert(0, Parameter::new("ENCODING", "b"));
                // application/octet-stream is what 3.0 → 4.0 writes when TYPE said nothing.
                if !sub.is_empty() && sub != "OCTET-STREAM" && !p.has_type(&sub) {
                    p.add_type(&sub);
                }
            }
            Err(e) => loss(
                losses,
                &name,
                format!(
                    "the data: URI is not valid base64 and is kept as written: {}",
                    e.message()
                ),
            ),
        }
        return;
    }
    let is_uri = p
        .param_value("VALUE")
        .is_none_or(|v| v.eq_ignore_ascii_case("uri"));
    if is_uri {
        p.set_param(Parameter::new("VALUE", "uri"));
    }
    if let Some(mt) = p.mediatype().map(Cow::into_owned) {
        p.remove_param("MEDIATYPE");
        let sub = mt.rsplit('/').next().unwrap_or("").to_ascii_uppercase();
        if name != "KEY" && !sub.is_empty() {
            p.add_type(&sub);
        } else {
            loss(
                losses,
                &name,
                format!("MEDIATYPE={mt} has no vCard 3.0 form and is dropped."),
            );
        }
    }
}

fn tz_to_v3(p: &mut Property<'static>, losses: &mut Vec<Loss>) {
    let vt = p.param_value("VALUE").map(|v| v.to_ascii_lowercase());
    match vt.as_deref() {
        Some("utc-offset") => match p.value.trim().parse::<UtcOffset>() {
            Ok(o) => {
                p.set_value(o.to_extended());
                p.remove_param("VALUE");
            }
            Err(_) => loss(
                losses,
                "TZ",
                format!(
                    "the value `{}` is not a UTC offset and is kept as written.",
                    p.value
                ),
            ),
        },
        None | Some("text") => {
            p.set_param(Parameter::new("VALUE", "text"));
        }
        Some(other) => {
            loss(
                losses,
                "TZ",
                format!("a TZ of type {other} has no vCard 3.0 form and is kept as written."),
            );
        }
    }
}

fn date_to_v3(p: &mut Property<'static>, losses: &mut Vec<Loss>) {
    let name = p.name.to_ascii_uppercase();
    if p.param_value("VALUE")
        .is_some_and(|v| v.eq_ignore_ascii_case("text"))
    {
        loss(
            losses,
            &name,
            "a text date has no vCard 3.0 form and is kept as written.",
        );
        return;
    }
    let Ok(d) = p.value.trim().parse::<DateAndOrTime>() else {
        loss(
            losses,
            &name,
            format!(
                "the value `{}` is not a date and is kept as written.",
                p.value
            ),
        );
        return;
    };
    match d {
        DateAndOrTime::Date(date) if date.is_complete() => p.set_value(date.to_extended()),
        DateAndOrTime::Date(Date {
            year: None,
            month: Some(m),
            day: Some(day),
        }) => {
            p.set_value(format!("1604-{m:02}-{day:02}"));
            p.set_param(Parameter::new("X-APPLE-OMIT-YEAR", "1604"));
        }
        DateAndOrTime::DateTime(date, _) if date.is_complete() => {
            p.set_value(d.to_extended());
            p.set_param(Parameter::new("VALUE", "date-time"));
        }
        _ => loss(
            losses,
            &name,
            format!(
                "the date `{}` has no vCard 3.0 form (3.0 dates are complete) and is kept as written.",
                p.value
            ),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse;

    fn convert(text: &str, to: Version) -> (String, Vec<Loss>) {
        let doc = parse(text).unwrap();
        let c = convert_version(&doc.cards[0], to).unwrap();
        (c.card.to_string(), c.losses)
    }

    #[test]
    fn v21_quoted_printable_and_bare_types() {
        let text = "BEGIN:VCARD\r\nVERSION:2.1\r\nN:Gump;Forrest\r\nTEL;WORK;VOICE:(111) 555-1212\r\nNOTE;ENCODING=QUOTED-PRINTABLE;CHARSET=ISO-8859-1:caf=E9, ok=0D=0Anext\r\nPHOTO;GIF:http://example.com/p.gif\r\nEND:VCARD\r\n";
        let (out, losses) = convert(text, Version::V3_0);
        assert!(losses.is_empty());
        assert_eq!(
            out,
            "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Gump;Forrest\r\nTEL;TYPE=WORK,VOICE:(111) 555-1212\r\nNOTE:café\\, ok\\nnext\r\nPHOTO;TYPE=GIF;VALUE=uri:http://example.com/p.gif\r\nEND:VCARD\r\n"
        );
    }

    #[test]
    fn v30_to_v40_and_back() {
        let text = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:J\r\nN:D;J;;;\r\nPHOTO;ENCODING=b;TYPE=JPEG:SGVsbG8=\r\nGEO:37.386013;-122.082932\r\nTZ:-05:00\r\nADR;TYPE=home:;;1 Main;Town;;;\r\nLABEL;TYPE=home:1 Main\\nTown\r\nBDAY;X-APPLE-OMIT-YEAR=1604:1604-04-12\r\nSORT-STRING:Doe\r\nEND:VCARD\r\n";
        let (v4, losses) = convert(text, Version::V4_0);
        assert!(losses.is_empty(), "{losses:?}");
        assert_eq!(
            v4,
            "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:J\r\nN;SORT-AS=Doe:D;J;;;\r\nPHOTO:data:image/jpeg;base64,SGVsbG8=\r\nGEO:geo:37.386013,-122.082932\r\nTZ;VALUE=utc-offset:-0500\r\nADR;TYPE=home;LABEL=1 Main^nTown:;;1 Main;Town;;;\r\nBDAY:--0412\r\nEND:VCARD\r\n"
        );
        let (back, losses) = convert(&v4, Version::V3_0);
        assert!(losses.is_empty(), "{losses:?}");
        assert_eq!(
            back,
            "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:J\r\nN:D;J;;;\r\nPHOTO;ENCODING=b;TYPE=JPEG:SGVsbG8=\r\nGEO:37.386013;-122.082932\r\nTZ:-05:00\r\nADR;TYPE=home:;;1 Main;Town;;;\r\nBDAY;X-APPLE-OMIT-YEAR=1604:1604-04-12\r\nSORT-STRING:Doe\r\nLABEL;TYPE=home:1 Main\\nTown\r\nEND:VCARD\r\n"
        );
    }

    #[test]
    fn downgrade_losses() {
        let text = "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:J\r\nEMAIL;PREF=2:a@b\r\nGENDER:F\r\nBDAY:--04\r\nN:A;B;;;;C;Jr.\r\nEND:VCARD\r\n";
        let (out, losses) = convert(text, Version::V3_0);
        let props: Vec<_> = losses.iter().map(|l| l.property.as_str()).collect();
        assert_eq!(props, ["EMAIL", "GENDER", "BDAY", "N"]);
        assert!(out.contains("EMAIL:a@b\r\n"));
        assert!(out.contains("BDAY:--04\r\n"));
        assert!(out.contains("N:A;B;;;\r\n"));
    }

    #[test]
    fn v21_embedded_agent_becomes_inline() {
        let text = "BEGIN:VCARD\r\nVERSION:2.1\r\nN:Doe;Jo\r\nAGENT:\r\nBEGIN:VCARD\r\nVERSION:2.1\r\nN:Roe;Al\r\nTEL:1\r\nEND:VCARD\r\nNOTE:after\r\nEND:VCARD\r\n";
        let doc = parse(text).unwrap();
        assert_eq!(doc.cards[0].nested().len(), 1);
        assert_eq!(doc.to_string(), text);
        let (out, losses) = convert(text, Version::V3_0);
        assert!(losses.is_empty());
        assert_eq!(
            out,
            "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Doe;Jo\r\nAGENT:BEGIN:VCARD\\nVERSION:3.0\\nN:Roe\\;Al\\nTEL:1\\nEND:VCARD\\n\r\nNOTE:after\r\nEND:VCARD\r\n"
        );
    }

    #[test]
    fn unsupported_target() {
        let card = VCard::new(Version::V4_0);
        assert_eq!(
            convert_version(&card, Version::V2_1).unwrap_err().kind(),
            ErrorKind::Unsupported
        );
    }
}
