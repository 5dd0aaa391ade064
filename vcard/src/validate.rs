//! Validation: the cardinalities and value rules of RFC 6350 (and of
//! RFC 2426 for vCard 3.0), with locations.
//!
//! Rules checked:
//!
//! - VERSION is present, names 2.1, 3.0 or 4.0 and comes first (RFC 6350
//!   §6.7.9, RFC 2426 §3.6.9).
//! - FN is present (4.0 `1*`, RFC 6350 §6.2.1; 3.0 requires FN and N,
//!   RFC 2426 §3.1.1–3.1.2; 2.1 requires N).
//! - Properties of cardinality `1` and `*1` occur once; alternatives that
//!   share an ALTID count once (RFC 6350 §5.4, §6).
//! - MEMBER only with `KIND:group` (RFC 6350 §6.6.5).
//! - Values of known properties decode according to their type (dates,
//!   timestamps, UTC offsets, CLIENTPIDMAP, GENDER's sex, QUOTED-PRINTABLE,
//!   base64).
//! - PREF is 1–100 (§5.3), PID sources have a CLIENTPIDMAP (§5.5, §6.7.7),
//!   GROUP is not used in vCard (RFC 7095 §3.3.1.2), CHARSET is not used in
//!   4.0 (RFC 6350 Appendix A.2).

use std::collections::{HashMap, HashSet};

use crate::error::{Error, ErrorKind, LineIndex, Location, excerpt};
use crate::registry::{self, Cardinality};
use crate::tree::{Document, Property, VCard};
use crate::value::{ClientPidMap, Value, ValueType};
use crate::version::Version;

/// Validates a card built in code (problems have no location).
///
/// ```
/// use kalends_vcard::{validate, Property, VCard, Version, ErrorKind};
/// let mut card = VCard::new(Version::V4_0);
/// card.push(Property::new("BDAY", "1985-13-01"));
/// let problems = validate(&card);
/// let kinds: Vec<_> = problems.iter().map(|e| e.kind()).collect();
/// assert_eq!(kinds, [ErrorKind::Invalid, ErrorKind::InvalidValue]);
/// ```
pub fn validate(card: &VCard<'_>) -> Vec<Error> {
    validate_in(card, None)
}

/// Validates a card read from `source`: problems carry the location of the
/// property (or of the card) in `source`.
pub fn validate_in(card: &VCard<'_>, source: Option<&str>) -> Vec<Error> {
    let mut out = Vec::new();
    Validator {
        source,
        out: &mut out,
        lines: LineIndex::default(),
    }
    .card(card);
    out
}

/// Validates every card of a document read from `source`.
pub fn validate_document(doc: &Document<'_>, source: Option<&str>) -> Vec<Error> {
    let mut out = Vec::new();
    let mut v = Validator {
        source,
        out: &mut out,
        lines: LineIndex::default(),
    };
    for c in &doc.cards {
        v.card(c);
    }
    out
}

/// Reads `text` leniently and validates every card: the problems of
/// reading and of validation, each with its location, in input order. The
/// check `kalends check FILE.vcf` runs. Fails only on a resource limit.
///
/// ```
/// let problems = kalends_vcard::check("BEGIN:VCARD\r\nVERSION:4.0\r\nN:Doe;Jo;;;\r\nEND:VCARD\r\n")?;
/// assert_eq!(problems.len(), 1);
/// assert_eq!(problems[0].line(), Some(1));
/// assert!(problems[0].message().contains("FN"));
/// # Ok::<(), kalends_vcard::Error>(())
/// ```
pub fn check(text: &str) -> Result<Vec<Error>, Error> {
    let mut problems = Vec::new();
    let doc = crate::parse_with(
        text,
        &kalends_ical_core::ParseOptions::default(),
        &mut problems,
    )?;
    problems.extend(validate_document(&doc, Some(text)));
    problems.sort_by_key(|e| e.location().map_or(usize::MAX, |l| l.span.start));
    Ok(problems)
}

struct Validator<'s, 'o> {
    source: Option<&'s str>,
    out: &'o mut Vec<Error>,
    lines: LineIndex,
}

impl Validator<'_, '_> {
    fn report(&mut self, kind: ErrorKind, message: String, span: std::ops::Range<usize>) {
        let mut e = Error::new(kind, message);
        if let Some(src) = self.source
            && span.end > 0
        {
            e = e.with_location(self.locate(src, span));
        }
        self.out.push(e);
    }

    fn locate(&mut self, src: &str, span: std::ops::Range<usize>) -> Location {
        self.lines.locate(src, span)
    }

    fn card(&mut self, card: &VCard<'_>) {
        let span = card.span();
        let begin = span.start..span.start + 5;
        if !card.is_vcard() {
            return;
        }
        let version = match card.property("VERSION") {
            None => {
                self.report(
                    ErrorKind::Invalid,
                    "the vCard has no VERSION property; RFC 6350 §6.7.9 requires one.".to_owned(),
                    begin.clone(),
                );
                Version::V4_0
            }
            Some(p) => match Version::from_value(p.value()) {
                Some(v) => {
                    if !card.properties().first().is_some_and(|f| f.is("VERSION")) {
                        self.report(
                            ErrorKind::Invalid,
                            "VERSION is not the first property; RFC 6350 §6.7.9 wants it right after BEGIN:VCARD."
                                .to_owned(),
                            p.span(),
                        );
                    }
                    v
                }
                None => {
                    self.report(
                        ErrorKind::InvalidValue,
                        format!(
                            "the VERSION `{}` is not 2.1, 3.0 or 4.0.",
                            excerpt(p.value())
                        ),
                        p.span(),
                    );
                    Version::V4_0
                }
            },
        };
        let required: &[&str] = match version {
            Version::V4_0 => &["FN"],
            Version::V3_0 => &["FN", "N"],
            Version::V2_1 => &["N"],
        };
        for name in required {
            if card.property(name).is_none() {
                self.report(
                    ErrorKind::Invalid,
                    format!(
                        "the vCard {version} has no {name} property; {} requires one.",
                        if version == Version::V4_0 {
                            "RFC 6350 §6.2.1"
                        } else {
                            "RFC 2426 §3.1"
                        }
                    ),
                    begin.clone(),
                );
            }
        }
        self.cardinalities(card, version);
        if let Some(member) = card.property("MEMBER")
            && card.kind().as_deref() != Some("group")
        {
            self.report(
                ErrorKind::Invalid,
                "MEMBER is only allowed in a vCard with `KIND:group` (RFC 6350 §6.6.5).".to_owned(),
                member.span(),
            );
        }
        let sources: HashSet<u32> = card.client_pid_maps().iter().map(|m| m.source).collect();
        for p in card.properties() {
            self.property(p, version, &sources);
        }
        for nested in card.nested() {
            self.card(nested);
        }
    }

    fn cardinalities(&mut self, card: &VCard<'_>, version: Version) {
        // Per property name: how many without ALTID, and the ALTIDs seen.
        let mut seen: HashMap<&str, (usize, HashSet<String>)> = HashMap::new();
        for p in card.properties() {
            let Some(info) = registry::lookup(p.name()) else {
                continue;
            };
            let once = match version {
                Version::V4_0 => {
                    matches!(info.cardinality, Cardinality::One | Cardinality::AtMostOne)
                }
                // RFC 2426 names only these as single.
                _ => matches!(
                    info.name,
                    "VERSION"
                        | "N"
                        | "FN"
                        | "BDAY"
                        | "PRODID"
                        | "REV"
                        | "UID"
                        | "SORT-STRING"
                        | "CLASS"
                ),
            };
            if !once || info.name == "BEGIN" || info.name == "END" {
                continue;
            }
            let altid = p.altid().map(|a| a.into_owned());
            let (plain, altids) = seen.entry(info.name).or_default();
            let dup = match &altid {
                None => *plain > 0 || !altids.is_empty(),
                Some(a) => *plain > 0 || altids.iter().any(|x| x != a),
            };
            match altid {
                None => *plain += 1,
                Some(a) => {
                    altids.insert(a);
                }
            }
            if dup {
                self.report(
                    ErrorKind::Invalid,
                    format!(
                        "{} occurs more than once; {} allows one (alternatives share an ALTID).",
                        info.name, info.spec
                    ),
                    p.span(),
                );
            }
        }
    }

    fn property(&mut self, p: &Property<'_>, version: Version, sources: &HashSet<u32>) {
        let span = p.span();
        if p.param("GROUP").is_some() {
            self.report(
                ErrorKind::InvalidParameter,
                "the GROUP parameter is for jCard only and must not be used in a vCard (RFC 7095 §7.1).".to_owned(),
                span.clone(),
            );
        }
        if version == Version::V4_0 && p.param("CHARSET").is_some() {
            self.report(
                ErrorKind::InvalidParameter,
                format!(
                    "{} has a CHARSET parameter, which vCard 4.0 removed (RFC 6350 Appendix A.2).",
                    p.name()
                ),
                span.clone(),
            );
        }
        if let Some(pref) = p.param_value("PREF")
            && p.pref().is_none()
        {
            self.report(
                ErrorKind::InvalidParameter,
                format!(
                    "the PREF value `{}` is not an integer from 1 to 100 (RFC 6350 §5.3).",
                    excerpt(&pref)
                ),
                span.clone(),
            );
        }
        for v in p.param_list("PID") {
            let ok = match v.split_once('.') {
                Some((a, b)) => {
                    a.parse::<u32>().is_ok() && b.parse::<u32>().is_ok_and(|s| sources.contains(&s))
                }
                None => v.parse::<u32>().is_ok(),
            };
            if !ok {
                self.report(
                    ErrorKind::InvalidParameter,
                    format!(
                        "the PID value `{}` is not `n` or `n.m` with a source `m` that a CLIENTPIDMAP defines (RFC 6350 §5.5).",
                        excerpt(&v)
                    ),
                    span.clone(),
                );
            }
        }
        let known = registry::lookup(p.name()).is_some();
        let t = p.value_type(version);
        let typed = matches!(
            t,
            ValueType::Date
                | ValueType::Time
                | ValueType::DateTime
                | ValueType::DateAndOrTime
                | ValueType::Timestamp
                | ValueType::Boolean
                | ValueType::Integer
                | ValueType::Float
                | ValueType::UtcOffset
                | ValueType::Binary
        );
        if (known || p.param("VALUE").is_some()) && typed {
            if let Err(e) = p.typed_value(version) {
                self.report(
                    e.kind(),
                    format!("{}: {}", p.name(), e.message()),
                    span.clone(),
                );
            }
        } else if let Err(e) = p.content() {
            self.report(
                e.kind(),
                format!("{}: {}", p.name(), e.message()),
                span.clone(),
            );
        }
        if p.is("CLIENTPIDMAP")
            && let Err(e) = ClientPidMap::parse(p.value())
        {
            self.report(e.kind(), e.message().to_owned(), span.clone());
        }
        if p.is("GENDER")
            && let Ok(Value::Structured(v)) = p.typed_value(version)
        {
            let sex = v.first().map(|c| c.concat()).unwrap_or_default();
            if !matches!(
                sex.to_ascii_uppercase().as_str(),
                "" | "M" | "F" | "O" | "N" | "U"
            ) {
                self.report(
                    ErrorKind::InvalidValue,
                    format!("the GENDER sex `{}` is not one of M, F, O, N, U or empty (RFC 6350 §6.2.7).", excerpt(&sex)),
                    span,
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse;

    #[test]
    fn cardinality_with_altid() {
        let ok = "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:x\r\nN;ALTID=1;LANGUAGE=en:A;B;;;\r\nN;ALTID=1;LANGUAGE=fr:A;B;;;\r\nEND:VCARD\r\n";
        assert!(check(ok).unwrap().is_empty());
        let bad = "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:x\r\nN:A;B;;;\r\nN:C;D;;;\r\nEND:VCARD\r\n";
        let p = check(bad).unwrap();
        assert_eq!(p.len(), 1);
        assert_eq!((p[0].kind(), p[0].line()), (ErrorKind::Invalid, Some(5)));
    }

    #[test]
    fn member_needs_group_kind() {
        let text = "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:x\r\nMEMBER:urn:uuid:1\r\nEND:VCARD\r\n";
        let p = check(text).unwrap();
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].line(), Some(4));
        let group = text.replace("FN:x", "KIND:group\r\nFN:x");
        assert!(check(&group).unwrap().is_empty());
    }

    #[test]
    fn values_params_and_version_order() {
        let text = "BEGIN:VCARD\r\nFN:x\r\nVERSION:4.0\r\nEMAIL;PREF=0;PID=1.9:a@b\r\nREV:yesterday\r\nGENDER:Q\r\nEND:VCARD\r\n";
        let doc = parse(text).unwrap();
        let p = validate_in(&doc.cards[0], Some(text));
        let lines: Vec<_> = p.iter().map(|e| e.line().unwrap()).collect();
        assert_eq!(lines, [3, 4, 4, 5, 6]);
    }

    #[test]
    fn line_index_locations_match_from_span() {
        let src = "A:1\r\nBÉ:é x\r\n\r\nC:3";
        let mut out = Vec::new();
        let mut v = Validator {
            source: Some(src),
            out: &mut out,
            lines: LineIndex::default(),
        };
        for span in [0..1, 5..7, 12..13, 19..20, 22..23, 30..40] {
            assert_eq!(
                v.locate(src, span.clone()),
                Location::from_span(src, span.clone()),
                "{span:?}"
            );
        }
    }

    #[test]
    fn v3_needs_n() {
        let p = check("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:x\r\nEND:VCARD\r\n").unwrap();
        assert!(p[0].message().contains("N property"));
    }
}
