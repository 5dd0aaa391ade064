//! The canonical form of a tree under the changes that jCal (RFC 7265) and
//! xCal (RFC 6321) make on the way iCalendar -> jCal/xCal -> iCalendar.
//!
//! Both formats carry a property as a name, parameters, a value type and
//! typed values. The round trip therefore loses exactly what iCalendar can
//! spell in more than one way for the same meaning; [`normalize`] picks one
//! spelling for each, so that `normalize(round_trip(doc)) == normalize(doc)`
//! says "nothing of meaning changed". Each rule below names the RFC text
//! that makes the change necessary. Nothing else is normalised: names are
//! compared ignoring ASCII case and parameter values decoded (quotes and
//! RFC 6868 escapes), as tree equality (`==`) already does, and values of
//! every other type, and of properties with no known type (carried as
//! `unknown`, RFC 7265 §5, RFC 6321 §5), must come back as they were.
//!
//! 1. **The VALUE parameter** is not carried (RFC 7265 §3.5.1, RFC 6321
//!    §3.5.1: the type is the element name or the third array item) and is
//!    written back only when the type is not the property's default
//!    (same sections, "from jCal/xCal into iCalendar", step 2-3). So every
//!    VALUE parameter is removed and, when the property's value type
//!    differs from its default type
//!    ([`kalends_ical_core::value::default_value_type`]) or the property has
//!    none, one `VALUE=<TYPE>` (upper case: unquoted parameter values are
//!    case-insensitive, RFC 5545 §3.2) is put after the other parameters.
//!    This also makes the position of VALUE among the parameters
//!    irrelevant: RFC 5545 gives the order of parameters no meaning
//!    (§3.1, `contentline = name *(";" param ) ":" value CRLF`; no
//!    parameter of §3.2 depends on its place), and the converters put VALUE
//!    last.
//! 2. **A value of the other allowed type without its VALUE parameter**
//!    has that type: RFC 5545 §3.2.20 says VALUE "MUST be specified" when
//!    the type is not the default, and RFC 7265 §3.5.1 step 3 / RFC 6321
//!    §3.5.1 write it back, so the type for rule 1 is
//!    - DATE for DTSTART, DTEND, DUE, RECURRENCE-ID, RDATE and EXDATE (whose
//!      default DATE-TIME "can be set to a DATE value type", RFC 5545
//!      §3.8.2.2-4, §3.8.4.4, §3.8.5.1-2) when every comma-separated item
//!      is eight digits (RFC 5545 §3.3.4);
//!    - DATE-TIME for TRIGGER (default DURATION, "can be set to a
//!      DATE-TIME value type", RFC 5545 §3.8.6.3) when the value is
//!      `YYYYMMDDThhmmss[Z]` (RFC 5545 §3.3.5).
//!
//!    Anything else keeps its VALUE parameter or its default type.
//! 3. **TEXT values are compared decoded** (RFC 5545 §3.3.11): jCal and
//!    xCal carry the text itself (RFC 7265 §3.6.11, RFC 6321 §3.6.11), and
//!    writing it back escapes it canonically, so `\N` becomes `\n` and an
//!    unescaped `,` or `;` in a single TEXT value becomes `\,` / `\;`. A
//!    TEXT value is replaced by `escape_text(unescape_text(value))`. The
//!    structure that escaping protects is kept: the properties whose value
//!    is a list of TEXT (CATEGORIES RFC 5545 §3.8.1.2, RESOURCES §3.8.1.10,
//!    LOCATION-TYPE RFC 9073 §6.1) are split at unescaped commas first, and
//!    REQUEST-STATUS (RFC 5545 §3.8.8.3, RFC 7265 §3.4.1.2) at unescaped
//!    semicolons, and each item is decoded on its own. A TEXT value that
//!    carries a backslash RFC 5545 does not define (`\"`, `\:`) decodes to
//!    the backslash and the character, as `unescape_text` reads it.
//! 4. **INTEGER and FLOAT values are compared as numbers** (RFC 5545
//!    §3.3.7, §3.3.8): jCal carries them as JSON numbers (RFC 7265 §3.6.7,
//!    §3.6.8), which have no trailing zeros or leading `+`, so GEO `10.10`
//!    comes back as `10.1`. Each item (comma-separated, and for GEO each of
//!    the two `;`-separated parts, RFC 5545 §3.8.1.6) that is a decimal
//!    number is written in its shortest decimal form: no `+`, no leading
//!    zeros in the integer part, no trailing zeros in the fraction, `-0` as
//!    `0`. This is exact decimal arithmetic: a number that loses digits on
//!    the way (beyond the precision of a JSON number as a 64-bit float) is
//!    not equal.
//! 5. **A repeated parameter is one multi-valued parameter**: RFC 5545 §3.2
//!    gives each parameter a comma-separated list of values
//!    (`iana-param = iana-token "=" param-value *("," param-value)`), and a
//!    jCal parameter object cannot hold a name twice (RFC 7265 §3.5, the
//!    values go into one array, §3.5.2). So the values of every later
//!    parameter of the same name (ignoring case) are appended to the first
//!    one, which keeps its place.

use std::collections::HashSet;

use kalends_ical_core::value::{
    ValueType, default_value_type, escape_text, split_text_list, split_unescaped, unescape_text,
};
use kalends_ical_core::{Component, Document, Parameter, Property};

/// Properties whose value is a list of TEXT (RFC 5545 §3.8.1.2 and
/// §3.8.1.10, RFC 9073 §6.1).
const TEXT_LISTS: [&str; 3] = ["CATEGORIES", "RESOURCES", "LOCATION-TYPE"];

/// Properties whose default DATE-TIME may be a DATE (RFC 5545 §3.8.2.2-4,
/// §3.8.4.4, §3.8.5.1, §3.8.5.2).
const DATE_ALLOWED: [&str; 6] = [
    "DTSTART",
    "DTEND",
    "DUE",
    "RECURRENCE-ID",
    "RDATE",
    "EXDATE",
];

/// The canonical form of `doc` under the rules of the module documentation.
pub fn normalize(doc: &Document<'_>) -> Document<'static> {
    Document::new(doc.components.iter().map(component).collect())
}

fn component(c: &Component<'_>) -> Component<'static> {
    let mut out = Component::new(c.name().to_ascii_uppercase());
    for p in c.properties() {
        out.push(property(p));
    }
    for sub in c.components() {
        out.push_component(component(sub));
    }
    out
}

/// The value type of `p`: its VALUE parameter, else the type rule 2 gives, else
/// its default type, else `None` (no known type: the value is carried
/// unprocessed).
fn value_type(p: &Property<'_>) -> Option<ValueType> {
    if let Some(v) = p.param_value("VALUE") {
        return Some(ValueType::from_name(&v));
    }
    let default = default_value_type(p.name())?;
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    if default == ValueType::DateTime
        && DATE_ALLOWED.iter().any(|n| p.is(n))
        && p.value().split(',').all(|item| digits(item, 8))
    {
        return Some(ValueType::Date);
    }
    if p.is("TRIGGER")
        && p.value().split_once('T').is_some_and(|(date, time)| {
            digits(date, 8) && digits(time.strip_suffix('Z').unwrap_or(time), 6)
        })
    {
        return Some(ValueType::DateTime);
    }
    Some(default)
}

fn property(p: &Property<'_>) -> Property<'static> {
    let kind = value_type(p);
    let value = match &kind {
        Some(ValueType::Text) => text(p),
        Some(ValueType::Integer | ValueType::Float) => numbers(p.value()),
        _ => p.value().to_owned(),
    };
    let mut out = Property::new(p.name().to_ascii_uppercase(), value);
    if let Some(g) = p.group() {
        out = out.with_group(g.to_ascii_uppercase());
    }
    // Rule 5: repeated parameters merged, in the place of the first.
    let mut seen = HashSet::new();
    for param in p.params().iter().filter(|q| !q.is("VALUE")) {
        let name = param.name().to_ascii_uppercase();
        if !seen.insert(name.clone()) {
            continue;
        }
        let values: Vec<String> = p
            .params()
            .iter()
            .filter(|q| q.is(&name))
            .flat_map(|q| q.values().map(|v| v.into_owned()).collect::<Vec<_>>())
            .collect();
        out = out.with_param(Parameter::with_values(
            name,
            values.iter().map(String::as_str),
        ));
    }
    // Rules 1 and 2: VALUE only when the type is not the default, last.
    if let Some(kind) = kind
        && default_value_type(p.name()).as_ref() != Some(&kind)
    {
        out = out.with_param(Parameter::new("VALUE", &kind.as_str().to_ascii_uppercase()));
    }
    out
}

/// Rule 3: TEXT decoded and re-encoded, keeping list and part structure.
fn text(p: &Property<'_>) -> String {
    let v = p.value();
    if TEXT_LISTS.iter().any(|n| p.is(n)) {
        let items: Vec<String> = split_text_list(v)
            .map(|item| escape_text(&item).into_owned())
            .collect();
        items.join(",")
    } else if p.is("REQUEST-STATUS") {
        let parts: Vec<String> = split_unescaped(v, b';')
            .map(|part| escape_text(&unescape_text(part)).into_owned())
            .collect();
        parts.join(";")
    } else {
        escape_text(&unescape_text(v)).into_owned()
    }
}

/// Rule 4: every number of a comma- or semicolon-separated list in its
/// shortest decimal form; separators and non-numbers kept.
fn numbers(v: &str) -> String {
    let mut out = String::with_capacity(v.len());
    let mut item = String::new();
    for c in v.chars() {
        if c == ',' || c == ';' {
            out.push_str(&decimal(&item).unwrap_or_else(|| item.clone()));
            out.push(c);
            item.clear();
        } else {
            item.push(c);
        }
    }
    out.push_str(&decimal(&item).unwrap_or(item));
    out
}

/// `[+-]digits[.digits]` in its shortest form, or `None` when `s` is not a
/// decimal number (RFC 5545 §3.3.7).
fn decimal(s: &str) -> Option<String> {
    let (negative, unsigned) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    let (int, frac) = unsigned.split_once('.').unwrap_or((unsigned, ""));
    let digits = |t: &str| t.bytes().all(|b| b.is_ascii_digit());
    if int.is_empty() && frac.is_empty() || !digits(int) || !digits(frac) {
        return None;
    }
    let int = int.trim_start_matches('0');
    let frac = frac.trim_end_matches('0');
    let mut out = String::new();
    if negative && !(int.is_empty() && frac.is_empty()) {
        out.push('-');
    }
    out.push_str(if int.is_empty() { "0" } else { int });
    if !frac.is_empty() {
        out.push('.');
        out.push_str(frac);
    }
    Some(out)
}

/// Corpus files (file name under `testdata/ical/`) whose lenient reading
/// has names that are not iCalendar names, so that jCal and xCal cannot
/// carry them (RFC 5545 §3.1: names are letters, digits and `-`; RFC 6321
/// §3 makes them element names, RFC 7265 §3 keeps them as iCalendar
/// names): each comes from a broken input line the lenient reader
/// recovered, and [`corpus_round_trip`] checks that the strict reader
/// rejects the file, that the lenient reader reports a problem, and that
/// the conversion fails with `InvalidName`.
pub const NOT_ICALENDAR_NAMES: &[(&str, &str)] = &[
    (
        "calcard/037.ics",
        "line 6 `ORGANIZER=\"mailto:…\"` has `=` where `:` belongs: the name read is `ORGANIZER=\"mailto`",
    ),
    (
        "calcard/053.ics",
        "line 2 puts an unquoted `;` in a CN value (`CN=that\\, that\\; %th…`): the rest reads as the parameter name ` %th%%at%\\ that\\`",
    ),
    (
        "calcard/065.ics",
        "line 53 `SUMMARY=testevent` has no `:`: the whole line reads as a name",
    ),
    (
        "calcard/083.ics",
        "line 4 `DTSTART;;VALUE=DATE-TIME:…` has an empty parameter name",
    ),
    (
        "calcard/091.ics",
        "line 6 `X-APPLE-RADIUS=49.91307046514149` has no `:`: the whole line reads as a name",
    ),
    (
        "calcard/110.ics",
        "every value is on an orphan continuation line (`VERSION`, then ` :2.0`): the lines read as properties with empty names",
    ),
    (
        "calcard/126.ics",
        "line 2 puts an unquoted `;` in a CN value (`CN=Society\\; 2014`): the rest reads as the parameter name ` 2014`",
    ),
    (
        "calcard/132.ics",
        "lines end in CR CR LF: `BEGIN:VEVENT\\r` names a component `VEVENT\\r`",
    ),
    (
        "calcard/151.ics",
        "line 38 is folded without the leading space (`3.11` / ` 0\\n\\nSponsored…`): the description text reads as a name",
    ),
    (
        "ical4j/invalid/bhav23-2.ics",
        "the same file as calcard/151.ics",
    ),
];

/// True when `name` is an iCalendar name (RFC 5545 §3.1: `iana-token` or
/// `x-name`, letters, digits and `-`).
fn is_name(name: &str) -> bool {
    !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

/// The first name of `c` (component, property, group or parameter) that is
/// not an iCalendar name.
fn bad_name(c: &Component<'_>) -> Option<String> {
    if !is_name(c.name()) {
        return Some(format!("component {:?}", c.name()));
    }
    for p in c.properties() {
        if !is_name(p.name()) || p.group().is_some_and(|g| !is_name(g)) {
            return Some(format!("property {:?}", p.name()));
        }
        if let Some(q) = p.params().iter().find(|q| !is_name(q.name())) {
            return Some(format!("parameter {:?} of {}", q.name(), p.name()));
        }
    }
    c.components().iter().find_map(bad_name)
}

/// The counts of a corpus round trip.
#[derive(Debug, Default)]
pub struct Counts {
    /// Corpus files read (strictly or leniently).
    pub files: usize,
    /// Files the lenient reader could not read at all (not converted).
    pub unreadable: usize,
    /// Files whose tree comes back exactly (`==`).
    pub identical: usize,
    /// Files whose tree comes back equal after [`normalize`] (including
    /// the identical ones).
    pub normalized: usize,
    /// Files listed in [`NOT_ICALENDAR_NAMES`].
    pub exceptions: usize,
}

/// Converts every corpus file with `round_trip` (iCalendar -> format ->
/// iCalendar) and asserts, for every file whose names are iCalendar names,
/// that `normalize(back) == normalize(doc)` and that a second round trip
/// changes nothing at all; and for every other file, that it is listed in
/// [`NOT_ICALENDAR_NAMES`] and the conversion fails with `InvalidName`.
/// Prints and returns the counts.
pub fn corpus_round_trip(
    format: &str,
    round_trip: impl Fn(&Document<'_>) -> Result<Document<'static>, kalends_ical_core::Error>,
) -> Counts {
    use kalends_ical_core::{ErrorKind, ParseOptions, parse, parse_with};

    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../testdata/ical");
    let mut counts = Counts::default();
    let mut failures = Vec::new();
    let mut excepted = Vec::new();
    for (path, text) in super::corpus() {
        let file = path
            .strip_prefix(&root)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let mut problems = Vec::new();
        let Ok(doc) = parse_with(&text, &ParseOptions::lenient(), &mut problems) else {
            counts.unreadable += 1;
            continue;
        };
        counts.files += 1;
        let listed = NOT_ICALENDAR_NAMES.iter().any(|(f, _)| *f == file);
        if let Some(what) = doc.components.iter().find_map(bad_name) {
            if !listed {
                failures.push(format!(
                    "{file}: the {what} is not an iCalendar name, and the file is not listed"
                ));
                continue;
            }
            if parse(&text).is_ok() || problems.is_empty() {
                failures.push(format!(
                    "{file}: listed, but its input has no broken line (strict: {}, problems: {})",
                    parse(&text).is_ok(),
                    problems.len()
                ));
            }
            match round_trip(&doc) {
                Err(e) if e.kind() == ErrorKind::InvalidName => {}
                other => failures.push(format!(
                    "{file}: the {what} is not an iCalendar name, yet {format} gives {:?}",
                    other.map(|_| "a document")
                )),
            }
            counts.exceptions += 1;
            excepted.push(file);
            continue;
        }
        if listed {
            failures.push(format!(
                "{file}: listed in NOT_ICALENDAR_NAMES, but all its names are iCalendar names"
            ));
        }
        let back = match round_trip(&doc) {
            Ok(back) => back,
            Err(e) => {
                failures.push(format!("{file}: {e}"));
                continue;
            }
        };
        if super::first_difference(&doc, &back).is_none() {
            counts.identical += 1;
        }
        match super::first_difference(&normalize(&doc), &normalize(&back)) {
            None => counts.normalized += 1,
            Some(why) => failures.push(format!("{file}: after normalisation, {why}")),
        }
        // The converted tree is a fixed point: a second round trip is the
        // identity without any normalisation.
        match round_trip(&back) {
            Ok(again) => {
                if let Some(why) = super::first_difference(&back, &again) {
                    failures.push(format!("{file}: a second round trip changes {why}"));
                }
            }
            Err(e) => failures.push(format!("{file}: the second round trip fails: {e}")),
        }
    }
    eprintln!(
        "{format} corpus: {} files read ({} unreadable), {} identical trees without \
         normalisation, {} equal after normalisation, {} listed exceptions {excepted:?}",
        counts.files, counts.unreadable, counts.identical, counts.normalized, counts.exceptions
    );
    assert!(failures.is_empty(), "{format}: {failures:#?}");
    assert_eq!(counts.exceptions, NOT_ICALENDAR_NAMES.len(), "{excepted:?}");
    assert_eq!(counts.normalized + counts.exceptions, counts.files);
    counts
}
