//! Validation: every problem of a document against RFC 5545 and its
//! extensions, each with a severity and a location.
//!
//! ```
//! use kalends_ical_core::{parse, validate::{validate, Rule, Severity}};
//!
//! let text = "BEGIN:VCALENDAR\r\n\
//! VERSION:2.0\r\n\
//! PRODID:-//Example//EN\r\n\
//! BEGIN:VEVENT\r\n\
//! UID:1@example.com\r\n\
//! DTSTART:20240105T100000Z\r\n\
//! DTEND:20240105T090000Z\r\n\
//! END:VEVENT\r\n\
//! END:VCALENDAR\r\n";
//! let doc = parse(text)?;
//! let problems = validate(&doc, Some(text));
//! let found: Vec<_> = problems.iter().map(|p| (p.rule, p.severity, p.line())).collect();
//! assert_eq!(found, [
//!     (Rule::Required, Severity::Error, Some(4)),          // no DTSTAMP in the VEVENT
//!     (Rule::EndBeforeStart, Severity::Error, Some(7)),    // DTEND before DTSTART
//! ]);
//! assert_eq!(problems[1].to_error().kind(), kalends_ical_core::ErrorKind::Invalid);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! The rules ([`Rule`]):
//!
//! | rule | what | source | severity |
//! | --- | --- | --- | --- |
//! | [`Rule::Required`] | a REQUIRED property is missing (also DTSTART of a VEVENT when the VCALENDAR has no METHOD, a VTIMEZONE without STANDARD or DAYLIGHT, the properties each VALARM action needs) | RFC 5545 §3.6, §3.6.1, §3.6.5, §3.6.6; RFC 7953 §3.1; RFC 9073 §7 | error |
//! | [`Rule::OnceOnly`] | a property that MUST NOT occur more than once does (RRULE: a SHOULD, warning) | same | error |
//! | [`Rule::EndAndDuration`] | DTEND (or DUE) and DURATION together; DURATION without DTSTART; DURATION without REPEAT in a VALARM | RFC 5545 §3.6.1, §3.6.2, §3.6.6; RFC 7953 §3.1 | error |
//! | [`Rule::EndBeforeStart`] | DTEND or DUE before DTSTART, or of another value type | RFC 5545 §3.8.2.2, §3.8.2.3 | error |
//! | [`Rule::ValueType`] | a VALUE the property does not allow, or none where it has no default | RFC 5545 §3.2.20, §3.8; RFC 9073 §6.5–§6.6; RFC 9253 §8.2 | error |
//! | [`Rule::InvalidValue`] | a value that does not match its value type | RFC 5545 §3.3 | error |
//! | [`Rule::Parameter`] | a parameter on a property it is not defined for | RFC 5545 §3.2 and the extensions | warning |
//! | [`Rule::UntilKind`] | UNTIL not of the kind of DTSTART (DATE / DATE-TIME, UTC) | RFC 5545 §3.3.10 | error |
//! | [`Rule::UnknownTimeZone`] | a TZID that no VTIMEZONE defines and the zone callback does not know | RFC 5545 §3.2.19 | warning |
//! | [`Rule::Itip`] | with METHOD: an unknown method, mixed component types, or a property count the RFC 5546 tables forbid | RFC 5546 §1.4, §3.2–§3.4 | error (unknown method: warning) |
//!
//! Extension components are checked too: VAVAILABILITY and AVAILABLE
//! (RFC 7953), PARTICIPANT, VLOCATION and VRESOURCE (RFC 9073).
//! Unknown and `X-` components, properties and parameters are not
//! reported.

mod tables;

use std::fmt;
use std::ops::Range;

use crate::error::{Error, ErrorKind, Location};
use crate::tree::{Component, Document, Property};
use crate::value::{
    DateOrDateTime, Duration, Geo, Period, Recur, UtcOffset, parse_float, parse_integer,
};
use tables::{COMPONENTS, Count, ITIP, METHODS, PARAMETERS, VALUE_REQUIRED, VALUE_TYPES};

/// How serious a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// The RFC says MUST or MUST NOT, or the value cannot be read.
    Error,
    /// The RFC says SHOULD, or a reader may still make sense of it.
    Warning,
}

/// Which rule a problem breaks; see the [module documentation](self).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Rule {
    /// A REQUIRED property or sub-component is missing.
    Required,
    /// A property occurs more often than allowed.
    OnceOnly,
    /// DTEND or DUE together with DURATION (or DURATION without what it needs).
    EndAndDuration,
    /// DTEND or DUE before DTSTART, or of another value type.
    EndBeforeStart,
    /// A value type the property does not allow.
    ValueType,
    /// A value that does not match its value type.
    InvalidValue,
    /// A parameter not defined for the property.
    Parameter,
    /// UNTIL and DTSTART of different kinds.
    UntilKind,
    /// A TZID with no VTIMEZONE and not a known zone.
    UnknownTimeZone,
    /// An iTIP (RFC 5546) constraint.
    Itip,
}

/// One problem found by [`validate`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Error or warning.
    pub severity: Severity,
    /// The rule broken.
    pub rule: Rule,
    /// A whole sentence naming the component, the property and the RFC section.
    pub message: String,
    /// Byte range of the property or component in the input (`0..0` for a
    /// node built in code).
    pub span: Range<usize>,
    /// Line, column and line text, when the source text was given.
    pub location: Option<Location>,
}

impl Problem {
    /// The 1-based line, when the source text was given.
    pub fn line(&self) -> Option<usize> {
        self.location.as_ref().map(|l| l.line)
    }

    /// The problem as an [`Error`] of kind [`ErrorKind::Invalid`], with its location.
    pub fn to_error(&self) -> Error {
        let e = Error::new(ErrorKind::Invalid, self.message.clone());
        match &self.location {
            Some(l) => e.with_location(l.clone()),
            None => e,
        }
    }
}

impl fmt::Display for Problem {
    /// `error: line L: message` or `warning: …`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sev = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        match self.line() {
            Some(line) => write!(f, "{sev}: line {line}: {}", self.message),
            None => write!(f, "{sev}: {}", self.message),
        }
    }
}

/// Options of [`validate_with`].
#[derive(Clone, Copy, Default)]
pub struct ValidateOptions<'f> {
    /// Tells whether a TZID names a zone the application knows (an IANA
    /// name, say); such a TZID needs no VTIMEZONE. ical-core has no time
    /// zone data; `kalends-rrule` can supply this. Without it every TZID
    /// needs a VTIMEZONE.
    pub is_known_zone: Option<&'f dyn Fn(&str) -> bool>,
}

impl fmt::Debug for ValidateOptions<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ValidateOptions")
            .field("is_known_zone", &self.is_known_zone.is_some())
            .finish()
    }
}

/// Checks `document` and returns every problem found, in document order
/// per rule family. `source` is the text the document was read from, for
/// line numbers. See the [module documentation](self) for the rules.
pub fn validate(document: &Document<'_>, source: Option<&str>) -> Vec<Problem> {
    validate_with(document, source, &ValidateOptions::default())
}

/// [`validate`] with options (a callback for known time-zone names).
///
/// ```
/// use kalends_ical_core::{parse, validate::{validate_with, Rule, ValidateOptions}};
/// let text = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:1\r\n\
/// DTSTAMP:20240101T000000Z\r\nDTSTART;TZID=Europe/Berlin:20240105T090000\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
/// let doc = parse(text)?;
/// let unknown = validate_with(&doc, Some(text), &ValidateOptions::default());
/// assert_eq!(unknown.iter().map(|p| p.rule).collect::<Vec<_>>(), [Rule::UnknownTimeZone]);
/// let known = |tz: &str| tz == "Europe/Berlin";
/// let options = ValidateOptions { is_known_zone: Some(&known) };
/// assert!(validate_with(&doc, Some(text), &options).is_empty());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn validate_with(
    document: &Document<'_>,
    source: Option<&str>,
    options: &ValidateOptions<'_>,
) -> Vec<Problem> {
    let mut v = Validator {
        source,
        options,
        problems: Vec::new(),
        tzids: Vec::new(),
    };
    for top in &document.components {
        let method = if top.is("VCALENDAR") {
            top.property("METHOD")
                .map(|p| p.value().to_ascii_uppercase())
        } else {
            None
        };
        if top.is("VCALENDAR") {
            for tz in top.components_named("VTIMEZONE") {
                if let Some(id) = tz.property("TZID") {
                    v.tzids.push(id.value().to_owned());
                }
            }
        }
        v.component(top, None, method.as_deref());
        if let Some(method) = &method {
            v.itip(top, method);
        }
    }
    v.problems
}

struct Validator<'s, 'o, 'f> {
    source: Option<&'s str>,
    options: &'o ValidateOptions<'f>,
    problems: Vec<Problem>,
    tzids: Vec<String>,
}

impl Validator<'_, '_, '_> {
    fn report(&mut self, severity: Severity, rule: Rule, span: Range<usize>, message: String) {
        let location = self
            .source
            .filter(|_| span != (0..0))
            .map(|s| Location::from_span(s, span.clone()));
        self.problems.push(Problem {
            severity,
            rule,
            message,
            span,
            location,
        });
    }

    fn component(
        &mut self,
        c: &Component<'_>,
        parent: Option<&Component<'_>>,
        method: Option<&str>,
    ) {
        let name = c.name().to_ascii_uppercase();
        if let Some((_, spec, counts)) = COMPONENTS.iter().find(|(n, _, _)| *n == name) {
            for (prop, count) in counts.iter() {
                let n = c.properties_named(prop).count();
                if *count == Count::One && n == 0 {
                    self.report(
                        Severity::Error,
                        Rule::Required,
                        c.span(),
                        format!("{name} has no {prop} property, which is REQUIRED ({spec})."),
                    );
                }
                if n > 1 {
                    let second = c
                        .properties_named(prop)
                        .nth(1)
                        .map(Property::span)
                        .unwrap_or_default();
                    let severity = if *count == Count::ShouldOpt {
                        Severity::Warning
                    } else {
                        Severity::Error
                    };
                    let must = if *count == Count::ShouldOpt {
                        "SHOULD NOT"
                    } else {
                        "MUST NOT"
                    };
                    self.report(
                        severity,
                        Rule::OnceOnly,
                        second,
                        format!("{name} has {n} {prop} properties; it {must} occur more than once ({spec})."),
                    );
                }
            }
        }
        self.structure(c, &name, method);
        self.times(c, &name);
        for p in c.properties() {
            self.property(c, &name, p);
        }
        for sub in c.components() {
            self.component(sub, Some(c), method);
        }
        let _ = parent;
    }

    /// Component-specific structure rules.
    fn structure(&mut self, c: &Component<'_>, name: &str, method: Option<&str>) {
        let has = |p: &str| c.property(p).is_some();
        if name == "VEVENT" && method.is_none() && !has("DTSTART") {
            self.report(
                Severity::Error,
                Rule::Required,
                c.span(),
                "VEVENT has no DTSTART, which is REQUIRED when the VCALENDAR has no METHOD (RFC 5545 §3.6.1)."
                    .to_owned(),
            );
        }
        if name == "VTIMEZONE"
            && c.components_named("STANDARD")
                .chain(c.components_named("DAYLIGHT"))
                .next()
                .is_none()
        {
            self.report(
                Severity::Error,
                Rule::Required,
                c.span(),
                "VTIMEZONE has neither a STANDARD nor a DAYLIGHT sub-component; one is REQUIRED (RFC 5545 §3.6.5)."
                    .to_owned(),
            );
        }
        let end = if name == "VTODO" { "DUE" } else { "DTEND" };
        if matches!(name, "VEVENT" | "VTODO" | "VAVAILABILITY" | "AVAILABLE") {
            if let (Some(_), Some(d)) = (c.property(end), c.property("DURATION")) {
                self.report(
                    Severity::Error,
                    Rule::EndAndDuration,
                    d.span(),
                    format!("{name} has both {end} and DURATION; they MUST NOT occur together (RFC 5545 §3.6.1, §3.6.2, RFC 7953 §3.1)."),
                );
            }
            if let (Some(d), None, false) = (
                c.property("DURATION"),
                c.property("DTSTART"),
                name == "VEVENT",
            ) {
                {
                    self.report(
                        Severity::Error,
                        Rule::EndAndDuration,
                        d.span(),
                        format!("{name} has DURATION but no DTSTART, which DURATION needs (RFC 5545 §3.6.2, RFC 7953 §3.1)."),
                    );
                }
            }
        }
        if name == "VALARM" {
            if has("DURATION") != has("REPEAT") {
                let span = c
                    .property("DURATION")
                    .or_else(|| c.property("REPEAT"))
                    .map(Property::span)
                    .unwrap_or_default();
                self.report(
                    Severity::Error,
                    Rule::EndAndDuration,
                    span,
                    "VALARM has one of DURATION and REPEAT without the other; both or neither are REQUIRED (RFC 5545 §3.6.6).".to_owned(),
                );
            }
            let action = c.property("ACTION").map(|p| p.value().to_ascii_uppercase());
            let needs: &[&str] = match action.as_deref() {
                Some("DISPLAY") => &["DESCRIPTION"],
                Some("EMAIL") => &["DESCRIPTION", "SUMMARY", "ATTENDEE"],
                _ => &[],
            };
            for need in needs {
                if !has(need) {
                    self.report(
                        Severity::Error,
                        Rule::Required,
                        c.span(),
                        format!(
                            "VALARM with ACTION:{} has no {need} property, which is REQUIRED (RFC 5545 §3.6.6).",
                            action.as_deref().unwrap_or("")
                        ),
                    );
                }
            }
            if action.as_deref() == Some("AUDIO") && c.properties_named("ATTACH").count() > 1 {
                self.report(
                    Severity::Error,
                    Rule::OnceOnly,
                    c.span(),
                    "VALARM with ACTION:AUDIO has more than one ATTACH (RFC 5545 §3.6.6)."
                        .to_owned(),
                );
            }
        }
    }

    /// DTEND/DUE against DTSTART, UNTIL against DTSTART, TZIDs.
    fn times(&mut self, c: &Component<'_>, name: &str) {
        let start = c.property("DTSTART");
        let start_value = start.and_then(|p| DateOrDateTime::parse(p.value()).ok());
        for end_name in ["DTEND", "DUE"] {
            let Some(end) = c.property(end_name) else {
                continue;
            };
            let (Some(s), Some(sp), Ok(e)) =
                (start_value, start, DateOrDateTime::parse(end.value()))
            else {
                continue;
            };
            if s.is_date() != e.is_date() {
                self.report(
                    Severity::Error,
                    Rule::EndBeforeStart,
                    end.span(),
                    format!("{name} has a {end_name} of another value type than its DTSTART (one DATE, one DATE-TIME); they MUST be the same (RFC 5545 §3.8.2.2, §3.8.2.3)."),
                );
                continue;
            }
            let same_frame =
                s.is_utc() == e.is_utc() && sp.param_value("TZID") == end.param_value("TZID");
            if same_frame && e < s {
                self.report(
                    Severity::Error,
                    Rule::EndBeforeStart,
                    end.span(),
                    format!("{name} has {end_name} {} before DTSTART {}; it MUST be later (RFC 5545 §3.8.2.2, §3.8.2.3).", end.value(), sp.value()),
                );
            }
        }
        for rule in c
            .properties_named("RRULE")
            .chain(c.properties_named("EXRULE"))
        {
            let (Some(s), Ok(r)) = (start_value, Recur::parse(rule.value())) else {
                continue;
            };
            let Some(until) = r.until else { continue };
            let message = if s.is_date() != until.is_date() {
                Some(if s.is_date() {
                    "UNTIL is a DATE-TIME but DTSTART is a DATE; it MUST be a DATE (RFC 5545 §3.3.10)."
                } else {
                    "UNTIL is a DATE but DTSTART is a DATE-TIME; it MUST be a DATE-TIME (RFC 5545 §3.3.10)."
                })
            } else if !s.is_date()
                && (s.is_utc() || start.is_some_and(|p| p.param("TZID").is_some()))
                && !until.is_utc()
            {
                Some(
                    "UNTIL is not in UTC but DTSTART is in UTC or has a TZID; it MUST be in UTC (RFC 5545 §3.3.10).",
                )
            } else {
                None
            };
            if let Some(m) = message {
                self.report(
                    Severity::Error,
                    Rule::UntilKind,
                    rule.span(),
                    format!("{name}: {m}"),
                );
            }
        }
        for p in c.properties() {
            let Some(tzid) = p.param_value("TZID") else {
                continue;
            };
            let defined = self.tzids.iter().any(|t| *t == tzid);
            let known = self.options.is_known_zone.is_some_and(|f| f(&tzid));
            if !defined && !known {
                self.report(
                    Severity::Warning,
                    Rule::UnknownTimeZone,
                    p.span(),
                    format!(
                        "{name}: {} has TZID={tzid}, which no VTIMEZONE of the calendar defines and which is not a known zone name (RFC 5545 §3.2.19).",
                        p.name()
                    ),
                );
            }
        }
    }

    /// Value type, value grammar, parameters.
    fn property(&mut self, c: &Component<'_>, comp: &str, p: &Property<'_>) {
        let name = p.name().to_ascii_uppercase();
        let _ = c;
        let Some((_, allowed)) = VALUE_TYPES.iter().find(|(n, _)| *n == name) else {
            return;
        };
        let given = p.param_value("VALUE").map(|v| v.to_ascii_uppercase());
        let kind = match &given {
            Some(v) => {
                if !allowed.iter().any(|a| a == v) {
                    self.report(
                        Severity::Error,
                        Rule::ValueType,
                        p.span(),
                        format!("{comp}: {name} has VALUE={v}, which it does not allow; it allows {} (RFC 5545 §3.2.20).", allowed.join(", ")),
                    );
                    return;
                }
                v.clone()
            }
            None if VALUE_REQUIRED.contains(&name.as_str()) => {
                self.report(
                    Severity::Error,
                    Rule::ValueType,
                    p.span(),
                    format!("{comp}: {name} has no VALUE parameter; it has no default value type, so VALUE is REQUIRED (RFC 9073 §6.5–§6.6, RFC 9253 §8.2)."),
                );
                return;
            }
            None => allowed
                .first()
                .map_or_else(String::new, |s| (*s).to_owned()),
        };
        if let Err(e) = check_value(&name, &kind, p.value()) {
            self.report(
                Severity::Error,
                Rule::InvalidValue,
                p.span(),
                format!(
                    "{comp}: the {name} value is not a valid {kind} (RFC 5545 §3.3): {}",
                    e.message()
                ),
            );
        }
        for param in p.params() {
            let pname = param.name().to_ascii_uppercase();
            if let Some((_, spec, on)) = PARAMETERS
                .iter()
                .find(|(n, _, on)| *n == pname && !on.contains(&name.as_str()))
            {
                self.report(
                    Severity::Warning,
                    Rule::Parameter,
                    p.span(),
                    format!("{comp}: {name} has the parameter {pname}, which is defined only for {} ({spec}).", on.join(", ")),
                );
            }
        }
    }

    /// RFC 5546 constraints when the VCALENDAR has a METHOD.
    fn itip(&mut self, cal: &Component<'_>, method: &str) {
        let span = cal
            .property("METHOD")
            .map(Property::span)
            .unwrap_or_default();
        if !METHODS.contains(&method) {
            self.report(
                Severity::Warning,
                Rule::Itip,
                span,
                format!("METHOD:{method} is not an iTIP method (RFC 5546 §1.4 lists PUBLISH, REQUEST, REPLY, ADD, CANCEL, REFRESH, COUNTER, DECLINECOUNTER)."),
            );
            return;
        }
        let mut kinds: Vec<String> = Vec::new();
        for c in cal.components().iter().filter(|c| !c.is("VTIMEZONE")) {
            let k = c.name().to_ascii_uppercase();
            if !kinds.contains(&k) {
                kinds.push(k);
            }
        }
        if kinds.len() > 1 {
            self.report(
                Severity::Error,
                Rule::Itip,
                span,
                format!("an iTIP message has components of one type besides VTIMEZONE, this one has {} (RFC 5546 §1.4).", kinds.join(", ")),
            );
        }
        for c in cal.components() {
            let cname = c.name().to_ascii_uppercase();
            let Some((_, _, rules)) = ITIP.iter().find(|(m, n, _)| *m == method && *n == cname)
            else {
                continue;
            };
            for rule in rules.split_whitespace() {
                let Some((prop, count)) = rule.split_once('=') else {
                    continue;
                };
                let n = c.properties_named(prop).count() + c.components_named(prop).count();
                let bad = match count {
                    "1" => n != 1,
                    "1+" => n == 0,
                    "0" => n != 0,
                    _ => false,
                };
                if bad {
                    let want = match count {
                        "1" => "exactly one",
                        "1+" => "at least one",
                        _ => "no",
                    };
                    let at = c
                        .properties_named(prop)
                        .next()
                        .map_or_else(|| c.span(), Property::span);
                    self.report(
                        Severity::Error,
                        Rule::Itip,
                        at,
                        format!("METHOD:{method}: {cname} has {n} {prop}, where iTIP requires {want} (RFC 5546 §3, METHOD:{method} of a {cname})."),
                    );
                }
            }
        }
    }
}

/// Checks a value against its type's grammar.
fn check_value(name: &str, kind: &str, value: &str) -> Result<(), Error> {
    let each = |f: &dyn Fn(&str) -> Result<(), Error>| value.split(',').try_for_each(f);
    match kind {
        "DATE" | "DATE-TIME" => each(&|v| {
            let d = DateOrDateTime::parse(v)?;
            if d.is_date() != (kind == "DATE") {
                return Err(Error::new(
                    ErrorKind::InvalidValue,
                    format!(
                        "`{v}` is not a {kind}; a value of another type needs its VALUE parameter (RFC 5545 §3.2.20)."
                    ),
                ));
            }
            Ok(())
        }),
        "PERIOD" => each(&|v| Period::parse(v).map(|_| ())),
        "DURATION" => Duration::parse(value).map(|_| ()),
        "RECUR" => Recur::parse(value).map(|_| ()),
        "UTC-OFFSET" => UtcOffset::parse(value).map(|_| ()),
        "INTEGER" => parse_integer(value).map(|_| ()),
        "FLOAT" if name == "GEO" => Geo::parse(value).map(|_| ()),
        "FLOAT" => parse_float(value).map(|_| ()),
        _ => Ok(()),
    }
}
