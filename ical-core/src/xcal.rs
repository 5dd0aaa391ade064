//! xCal, the XML form of iCalendar (RFC 6321), both ways, with the RSCALE
//! additions of RFC 7529 §8. Reading uses `quick-xml`.
//!
//! The root `<icalendar>` holds the top-level components; a component
//! holds `<properties>` and `<components>`; a property holds an optional
//! `<parameters>` and one element per value, named after its value type
//! (RFC 6321 §3.2–§3.6). Every element is in the namespace
//! `urn:ietf:params:xml:ns:icalendar-2.0` ([`XCAL_NAMESPACE`]).
//!
//! ```
//! use kalends_ical_core::{parse, Document};
//!
//! let text = "BEGIN:VCALENDAR\r\n\
//! VERSION:2.0\r\n\
//! PRODID:-//Example//EN\r\n\
//! BEGIN:VEVENT\r\n\
//! UID:1@example.com\r\n\
//! RRULE:RSCALE=GREGORIAN;FREQ=YEARLY;SKIP=FORWARD\r\n\
//! END:VEVENT\r\n\
//! END:VCALENDAR\r\n";
//! let doc = parse(text)?;
//! let xml = doc.to_xcal()?;
//! assert!(xml.contains("<recur>\n"));
//! assert!(xml.contains("<rscale>GREGORIAN</rscale>"));
//! assert!(xml.contains("<skip>FORWARD</skip>"));
//! let back = Document::from_xcal(&xml)?;
//! assert_eq!(back, doc);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! Values use the same forms as jCal (dates `2024-01-05`, UTC offsets
//! `-05:00`); see [`crate::jcal`] for the readings chosen where the RFCs
//! leave room. Besides those:
//!
//! - numbers are kept as written (`<float>10.10</float>`), so FLOAT and
//!   INTEGER values round-trip exactly;
//! - parameter values are typed as RFC 6321 Appendix A types them (ALTREP
//!   and DIR `uri`, DELEGATED-FROM, DELEGATED-TO, MEMBER and SENT-BY
//!   `cal-address`, RSVP `boolean`, the rest `text`), and the parameters of
//!   RFC 7986, RFC 9073, RFC 9253 and RFC 6638 likewise; unknown
//!   parameters are `unknown` (RFC 6321 §5);
//! - elements in other namespaces directly under `<properties>` become an
//!   `XML` property holding the element's text (RFC 6321 §4.2); elsewhere
//!   they are skipped, as §4.1 says.

use std::fmt::Write as _;

use quick_xml::escape::{escape, resolve_predefined_entity};
use quick_xml::events::Event;
use quick_xml::name::ResolveResult;
use quick_xml::reader::NsReader;

use crate::error::{Error, ErrorKind};
use crate::jcal::model::{self, PropModel, Val};
use crate::tree::{Component, Document, Property};

/// The xCal namespace (RFC 6321 §7.1).
pub const XCAL_NAMESPACE: &str = "urn:ietf:params:xml:ns:icalendar-2.0";

/// The deepest element nesting [`from_xcal`] accepts; deeper input fails
/// with [`ErrorKind::LimitExceeded`]. Components nested 32 deep (the
/// iCalendar reader's default) need about 70 levels of elements.
pub const MAX_XCAL_DEPTH: usize = 100;

/// Parameters and their xCal value types (RFC 6321 Appendix A §3.2, RFC
/// 7986 §6, RFC 9073 §5, RFC 9253 §6, RFC 6638 §7).
const PARAM_TYPES: &[(&str, &str)] = &[
    ("altrep", "uri"),
    ("cn", "text"),
    ("cutype", "text"),
    ("delegated-from", "cal-address"),
    ("delegated-to", "cal-address"),
    ("dir", "uri"),
    ("encoding", "text"),
    ("fmttype", "text"),
    ("fbtype", "text"),
    ("language", "text"),
    ("member", "cal-address"),
    ("partstat", "text"),
    ("range", "text"),
    ("related", "text"),
    ("reltype", "text"),
    ("role", "text"),
    ("rsvp", "boolean"),
    ("sent-by", "cal-address"),
    ("tzid", "text"),
    ("display", "text"),
    ("email", "text"),
    ("feature", "text"),
    ("label", "text"),
    ("order", "integer"),
    ("schema", "uri"),
    ("derived", "boolean"),
    ("linkrel", "text"),
    ("gap", "duration"),
    ("schedule-agent", "text"),
    ("schedule-force-send", "text"),
    ("schedule-status", "text"),
];

/// Converts a document to xCal text (RFC 6321), indented with two spaces.
///
/// ```
/// use kalends_ical_core::{Component, Document, Property, xcal::to_xcal};
/// let mut cal = Component::new("VCALENDAR");
/// cal.push(Property::new("VERSION", "2.0"));
/// let xml = to_xcal(&Document::new(vec![cal]))?;
/// assert_eq!(
///     xml,
///     "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n\
///      <icalendar xmlns=\"urn:ietf:params:xml:ns:icalendar-2.0\">\n\
///      \x20 <vcalendar>\n\
///      \x20   <properties>\n\
///      \x20     <version>\n\
///      \x20       <text>2.0</text>\n\
///      \x20     </version>\n\
///      \x20   </properties>\n\
///      \x20 </vcalendar>\n\
///      </icalendar>\n"
/// );
/// # Ok::<(), kalends_ical_core::Error>(())
/// ```
///
/// Fails with [`ErrorKind::InvalidName`] when a name of the tree cannot be
/// an XML element name (only a tree read leniently from broken input has
/// such names).
pub fn to_xcal(document: &Document<'_>) -> Result<String, Error> {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    let _ = writeln!(out, "<icalendar xmlns=\"{XCAL_NAMESPACE}\">");
    for c in &document.components {
        write_component(c, 1, &mut out)?;
    }
    out.push_str("</icalendar>\n");
    Ok(out)
}

/// Checks that an iCalendar name can be an XML element name: letters,
/// digits, `-` (and `.` after a group), starting with a letter.
fn check_name(name: &str, what: &str) -> Result<(), Error> {
    let ok = name.bytes().next().is_some_and(|b| b.is_ascii_alphabetic())
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.');
    if ok {
        Ok(())
    } else {
        Err(Error::new(
            ErrorKind::InvalidName,
            format!(
                "the {what} name {} is not an iCalendar name and cannot be an xCal element (RFC 5545 §3.1, RFC 6321 §3).",
                crate::value::escape_text(name)
            ),
        ))
    }
}

fn indent(depth: usize, out: &mut String) {
    for _ in 0..depth {
        out.push_str("  ");
    }
}

/// Escapes element text: the XML specials, and CR (which XML readers
/// would turn into LF).
fn text(s: &str) -> String {
    escape(s).replace('\r', "&#13;")
}

fn leaf(name: &str, value: &str, depth: usize, out: &mut String) {
    indent(depth, out);
    let _ = writeln!(out, "<{name}>{}</{name}>", text(value));
}

fn write_component(c: &Component<'_>, depth: usize, out: &mut String) -> Result<(), Error> {
    let name = c.name().to_ascii_lowercase();
    check_name(&name, "component")?;
    indent(depth, out);
    let _ = writeln!(out, "<{name}>");
    if !c.properties().is_empty() {
        indent(depth + 1, out);
        out.push_str("<properties>\n");
        for p in c.properties() {
            write_property(p, depth + 2, out)?;
        }
        indent(depth + 1, out);
        out.push_str("</properties>\n");
    }
    if !c.components().is_empty() {
        indent(depth + 1, out);
        out.push_str("<components>\n");
        for sub in c.components() {
            write_component(sub, depth + 2, out)?;
        }
        indent(depth + 1, out);
        out.push_str("</components>\n");
    }
    indent(depth, out);
    let _ = writeln!(out, "</{name}>");
    Ok(())
}

fn param_type(name: &str) -> &'static str {
    PARAM_TYPES
        .iter()
        .find(|(n, _)| *n == name)
        .map_or("unknown", |(_, t)| t)
}

fn xml_boolean(s: &str) -> &str {
    if s.eq_ignore_ascii_case("TRUE") {
        "true"
    } else if s.eq_ignore_ascii_case("FALSE") {
        "false"
    } else {
        s
    }
}

/// Writes one property as xCal (RFC 6321 §3.4).
fn write_property(p: &Property<'_>, depth: usize, out: &mut String) -> Result<(), Error> {
    let m = model::from_property(p);
    check_name(&m.name, "property")?;
    check_name(&m.kind, "value type")?;
    indent(depth, out);
    let _ = writeln!(out, "<{}>", m.name);
    if !m.params.is_empty() {
        indent(depth + 1, out);
        out.push_str("<parameters>\n");
        for (name, values) in &m.params {
            check_name(name, "parameter")?;
            let kind = param_type(name);
            indent(depth + 2, out);
            let _ = write!(out, "<{name}>");
            for v in values {
                let v = if kind == "boolean" { xml_boolean(v) } else { v };
                let _ = write!(out, "<{kind}>{}</{kind}>", text(v));
            }
            let _ = writeln!(out, "</{name}>");
        }
        indent(depth + 1, out);
        out.push_str("</parameters>\n");
    }
    for v in &m.values {
        write_value(&m, v, depth + 1, out);
    }
    indent(depth, out);
    let _ = writeln!(out, "</{}>", m.name);
    Ok(())
}

fn write_value(m: &PropModel, v: &Val, depth: usize, out: &mut String) {
    let kind = m.kind.as_str();
    match v {
        Val::One(s) if kind == "boolean" => leaf(kind, xml_boolean(s), depth, out),
        Val::One(s) => leaf(kind, s, depth, out),
        Val::Pair(a, b) if kind == "float" => {
            leaf("latitude", a, depth, out);
            leaf("longitude", b, depth, out);
        }
        Val::Pair(a, b) => {
            indent(depth, out);
            out.push_str("<period>\n");
            leaf("start", a, depth + 1, out);
            let end = if b.trim_start_matches(['+', '-']).starts_with(['P', 'p']) {
                "duration"
            } else {
                "end"
            };
            leaf(end, b, depth + 1, out);
            indent(depth, out);
            out.push_str("</period>\n");
        }
        Val::Parts(parts) => {
            for (part, name) in parts.iter().take(2).zip(["code", "description"]) {
                leaf(name, part, depth, out);
            }
            // More than three parts (RFC 5545 §3.8.8.3 allows three) are
            // kept together in the data element, separated as in iCalendar.
            let rest: Vec<String> = parts
                .iter()
                .skip(2)
                .map(|s| crate::value::escape_text(s).into_owned())
                .collect();
            match rest.as_slice() {
                [] => {}
                [one] => leaf("data", parts.get(2).map_or(one, |s| s), depth, out),
                _ => leaf("data", &rest.join(";"), depth, out),
            }
        }
        Val::Recur(parts) => {
            indent(depth, out);
            out.push_str("<recur>\n");
            for (key, values) in parts {
                for value in values {
                    leaf(key, value, depth + 1, out);
                }
            }
            indent(depth, out);
            out.push_str("</recur>\n");
        }
    }
}

/// An element of the read XML tree.
#[derive(Debug, Default)]
struct Element {
    /// Local name, as written.
    name: String,
    /// True when the element is in the xCal namespace.
    ours: bool,
    /// Child elements.
    children: Vec<Element>,
    /// Concatenated character data.
    text: String,
    /// For a foreign element: its whole text, from `<` to `>`.
    raw: String,
}

/// Reads xCal text (RFC 6321) into a document.
///
/// Errors: XML that is not well formed and xCal shape errors are
/// [`ErrorKind::InvalidValue`] (with a location when the XML reader gives
/// one); names that are not iCalendar names are [`ErrorKind::InvalidName`];
/// elements nested deeper than [`MAX_XCAL_DEPTH`] are
/// [`ErrorKind::LimitExceeded`].
///
/// ```
/// let xml = r#"<icalendar xmlns="urn:ietf:params:xml:ns:icalendar-2.0">
///   <vcalendar><properties>
///     <version><text>2.0</text></version>
///     <x-offset><utc-offset>-05:00</utc-offset></x-offset>
///   </properties></vcalendar>
/// </icalendar>"#;
/// let doc = kalends_ical_core::xcal::from_xcal(xml)?;
/// assert_eq!(
///     doc.to_string(),
///     "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nX-OFFSET;VALUE=UTC-OFFSET:-0500\r\nEND:VCALENDAR\r\n"
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn from_xcal(xml: &str) -> Result<Document<'static>, Error> {
    let root = read_tree(xml)?;
    if !(root.ours && root.name == "icalendar") {
        return Err(Error::new(
            ErrorKind::InvalidValue,
            format!(
                "an xCal document has the root element `icalendar` in the namespace `{XCAL_NAMESPACE}` (RFC 6321 §3.2), found `{}`.",
                root.name
            ),
        ));
    }
    let components = root
        .children
        .iter()
        .filter(|e| e.ours)
        .map(component_from_xml)
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Document::new(components))
}

fn xml_error(xml: &str, at: u64, e: impl std::fmt::Display) -> Error {
    let at = usize::try_from(at).unwrap_or(usize::MAX).min(xml.len());
    Error::at(
        ErrorKind::InvalidValue,
        format!("the input is not well-formed XML: {e}."),
        xml,
        at..at,
    )
}

/// Reads the XML into a tree of [`Element`]s.
fn read_tree(xml: &str) -> Result<Element, Error> {
    let mut reader = NsReader::from_str(xml);
    let mut stack: Vec<Element> = Vec::new();
    // For a foreign element directly under <properties>: where it started
    // and how deep the stack was.
    let mut foreign: Option<(usize, usize)> = None;
    loop {
        let before = reader.buffer_position();
        let (ours, event) = match reader.read_resolved_event() {
            Ok((ns, event)) => (
                matches!(ns, ResolveResult::Bound(n) if n.as_ref() == XCAL_NAMESPACE),
                event,
            ),
            Err(e) => return Err(xml_error(xml, reader.error_position(), e)),
        };
        let opened = match &event {
            Event::Start(start) => Some((start, false)),
            Event::Empty(start) => Some((start, true)),
            _ => None,
        };
        if let Some((start, empty)) = opened {
            let name: String = start.local_name().as_ref().to_owned();
            if stack.len() >= MAX_XCAL_DEPTH {
                return Err(Error::new(
                    ErrorKind::LimitExceeded,
                    format!("xCal elements are nested deeper than the limit of {MAX_XCAL_DEPTH}."),
                ));
            }
            let under_properties = stack
                .last()
                .is_some_and(|p| p.ours && p.name == "properties")
                && foreign.is_none();
            if !ours && under_properties {
                foreign = Some((usize::try_from(before).unwrap_or(0), stack.len()));
            }
            let el = Element {
                name,
                ours,
                ..Element::default()
            };
            if empty {
                close(&mut stack, el, xml, reader.buffer_position(), &mut foreign);
            } else {
                stack.push(el);
            }
            continue;
        }
        match event {
            Event::Start(_) | Event::Empty(_) => {}
            Event::End(_) => {
                let Some(el) = stack.pop() else {
                    return Err(xml_error(xml, before, "an end tag has no start tag"));
                };
                if stack.is_empty() {
                    return Ok(el);
                }
                close(&mut stack, el, xml, reader.buffer_position(), &mut foreign);
            }
            Event::Text(t) => {
                if let Some(top) = stack.last_mut() {
                    top.text.push_str(&t.xml10_content());
                }
            }
            Event::CData(t) => {
                if let Some(top) = stack.last_mut() {
                    top.text.push_str(&t.xml10_content());
                }
            }
            Event::GeneralRef(r) => {
                let ch = r
                    .resolve_char_ref()
                    .map_err(|e| xml_error(xml, before, e))?;
                let resolved = match ch {
                    Some(c) => c.to_string(),
                    None => match resolve_predefined_entity(&r) {
                        Some(s) => s.to_owned(),
                        None => {
                            return Err(xml_error(
                                xml,
                                before,
                                format!("the entity `&{};` is not defined", &*r),
                            ));
                        }
                    },
                };
                if let Some(top) = stack.last_mut() {
                    top.text.push_str(&resolved);
                }
            }
            Event::Eof => {
                return Err(xml_error(
                    xml,
                    before,
                    "the document ends before its root element is closed",
                ));
            }
            Event::Comment(_) | Event::Decl(_) | Event::PI(_) | Event::DocType(_) => {}
        }
    }
}

/// Attaches a finished element to its parent, capturing a foreign
/// element's text.
fn close(
    stack: &mut [Element],
    mut el: Element,
    xml: &str,
    end: u64,
    foreign: &mut Option<(usize, usize)>,
) {
    if let Some((start, _)) = (*foreign).filter(|(_, d)| *d == stack.len()) {
        let end = usize::try_from(end).unwrap_or(0);
        el.raw = xml.get(start..end).unwrap_or("").trim().to_owned();
        *foreign = None;
    }
    if let Some(parent) = stack.last_mut() {
        parent.children.push(el);
    }
}

fn invalid(message: String) -> Error {
    Error::new(ErrorKind::InvalidValue, message)
}

fn component_from_xml(el: &Element) -> Result<Component<'static>, Error> {
    if !el
        .name
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'-')
        || el.name.is_empty()
    {
        return Err(Error::new(
            ErrorKind::InvalidName,
            format!(
                "the component name `{}` is not an iCalendar name (RFC 5545 §3.6).",
                el.name
            ),
        ));
    }
    let mut c = Component::new(el.name.to_ascii_uppercase());
    for child in &el.children {
        match (child.ours, child.name.as_str()) {
            (true, "properties") => {
                for p in &child.children {
                    if p.ours {
                        c.push(property_from_xml(p)?);
                    } else {
                        // RFC 6321 §4.2: a foreign element becomes an XML property.
                        c.push(Property::text("XML", &p.raw));
                    }
                }
            }
            (true, "components") => {
                for sub in child.children.iter().filter(|e| e.ours) {
                    c.push_component(component_from_xml(sub)?);
                }
            }
            _ => {}
        }
    }
    Ok(c)
}

fn leaf_text<'e>(el: &'e Element, name: &str) -> Option<&'e str> {
    el.children
        .iter()
        .find(|c| c.name == name)
        .map(|c| c.text.as_str())
}

fn param_value(el: &Element) -> String {
    if el.name == "boolean" {
        match el.text.trim() {
            "true" | "1" => return "TRUE".to_owned(),
            "false" | "0" => return "FALSE".to_owned(),
            _ => {}
        }
    }
    el.text.clone()
}

/// Reads one property element (RFC 6321 §3.4).
fn property_from_xml(el: &Element) -> Result<Property<'static>, Error> {
    let mut m = PropModel {
        name: el.name.clone(),
        params: Vec::new(),
        kind: String::new(),
        values: Vec::new(),
    };
    let mut values = Vec::new();
    for child in el.children.iter().filter(|c| c.ours) {
        if child.name == "parameters" {
            for param in child.children.iter().filter(|c| c.ours) {
                let vals: Vec<String> = param
                    .children
                    .iter()
                    .filter(|c| c.ours)
                    .map(param_value)
                    .collect();
                m.params.push((param.name.clone(), vals));
            }
        } else {
            values.push(child);
        }
    }
    let first = values.first().map_or("", |v| v.name.as_str());
    match first {
        "latitude" | "longitude" => {
            m.kind = "float".to_owned();
            let lat = leaf_text(el, "latitude").unwrap_or("").to_owned();
            let lon = leaf_text(el, "longitude").unwrap_or("").to_owned();
            m.values.push(Val::Pair(lat, lon));
        }
        "code" | "description" | "data" => {
            m.kind = "text".to_owned();
            let parts = values.iter().map(|v| v.text.clone()).collect();
            m.values.push(Val::Parts(parts));
        }
        "" => {
            return Err(invalid(format!(
                "the xCal property `{}` has no value element (RFC 6321 §3.4).",
                el.name
            )));
        }
        kind => {
            m.kind = kind.to_owned();
            for v in &values {
                if v.name != kind {
                    return Err(invalid(format!(
                        "the xCal property `{}` mixes the value types `{kind}` and `{}` (RFC 6321 §3.4).",
                        el.name, v.name
                    )));
                }
                m.values.push(value_from_xml(kind, v)?);
            }
        }
    }
    model::to_property(&m)
}

fn value_from_xml(kind: &str, v: &Element) -> Result<Val, Error> {
    Ok(match kind {
        "period" => {
            let start = leaf_text(v, "start").unwrap_or("").to_owned();
            let end = leaf_text(v, "end")
                .or_else(|| leaf_text(v, "duration"))
                .unwrap_or("")
                .to_owned();
            if start.is_empty() || end.is_empty() {
                return Err(invalid(
                    "an xCal period has a `start` and an `end` or `duration` (RFC 6321 §3.6.9)."
                        .to_owned(),
                ));
            }
            Val::Pair(start, end)
        }
        "recur" => {
            let mut parts: Vec<(String, Vec<String>)> = Vec::new();
            for part in v.children.iter().filter(|c| c.ours) {
                let value = part.text.clone();
                match parts.iter_mut().find(|(k, _)| *k == part.name) {
                    Some((_, values)) => values.push(value),
                    None => parts.push((part.name.clone(), vec![value])),
                }
            }
            Val::Recur(parts)
        }
        // RFC 6321 §3.6.1: whitespace in base64 is removed.
        "binary" => Val::One(v.text.chars().filter(|c| !c.is_whitespace()).collect()),
        // Other text is taken as it is: the writer adds no whitespace
        // inside value elements, so values round-trip exactly.
        _ => Val::One(v.text.clone()),
    })
}

impl Document<'_> {
    /// This document as xCal text (RFC 6321); see [`crate::xcal`].
    ///
    /// Fails with [`ErrorKind::InvalidName`] when a name of the tree
    /// cannot be an XML element name (only a tree read leniently from
    /// broken input has such names).
    pub fn to_xcal(&self) -> Result<String, Error> {
        to_xcal(self)
    }

    /// Reads xCal text (RFC 6321); see [`from_xcal`].
    pub fn from_xcal(xml: &str) -> Result<Document<'static>, Error> {
        from_xcal(xml)
    }
}
