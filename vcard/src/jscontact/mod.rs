//! JSContact (RFC 9553): the `Card` model with serde, and the conversion
//! from and to vCard defined by RFC 9555.
//!
//! ```
//! use kalends_vcard::{jscontact, parse};
//! let doc = parse("BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Jane Doe\r\nUID:urn:uuid:1\r\n\
//!     EMAIL;TYPE=work:jane@example.com\r\nX-FOO;X-BAR=1:baz\r\nEND:VCARD\r\n")?;
//! let card = jscontact::to_jscontact(&doc.cards[0])?;
//! let json = serde_json::to_value(&card)?;
//! assert_eq!(json, serde_json::json!({
//!     "@type": "Card", "version": "1.0", "uid": "urn:uuid:1",
//!     "name": {"full": "Jane Doe"},
//!     "emails": {"EMAIL-1": {"contexts": {"work": true}, "address": "jane@example.com"}},
//!     "vCardProps": [["x-foo", {"x-bar": "1"}, "unknown", "baz"]]
//! }));
//! let back = jscontact::from_jscontact(&card)?;
//! assert_eq!(back.to_string(), "BEGIN:VCARD\r\nVERSION:4.0\r\nUID:urn:uuid:1\r\nFN:Jane Doe\r\n\
//!     EMAIL;TYPE=work;PROP-ID=EMAIL-1:jane@example.com\r\nX-FOO;X-BAR=1:baz\r\nEND:VCARD\r\n");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Readings chosen where RFC 9555 leaves room
//!
//! - Identifiers (§2.1.2): the PROP-ID parameter when it is a valid, unused
//!   Id; else `PREFIX-n` per kind (`PHONE-1`, `EMAIL-1`, `ADDR-1`, `OS-1`,
//!   `LANG-1`, `PHOTO-1`, `LOGO-1`, `SOUND-1`, `LINK-1`, `CONTACT-1`,
//!   `KEY-1`, `CAL-1`, `FBURL-1`, `SCHEDULING-1`, `ENTRY-1`, `DIRECTORY-1`,
//!   `ORG-1`, `TITLE-1`, `NICK-1`, `NOTE-1`, `PERSINFO-1`, `PRONOUNS-1`,
//!   `ANNIVERSARY-1`), as most of the RFC's figures show.
//! - A missing UID (§2.1.1) becomes `urn:uuid:` with a UUID derived from a
//!   hash of the card's text, so the same vCard always gets the same uid.
//! - VERSION is not copied to `vCardProps` (§2.11.10 allows it; the
//!   conversion back always writes 4.0). vCard 2.1 and 3.0 cards are first
//!   converted to 4.0 with [`crate::convert_version`].
//! - The card language (§2.3.11): the LANGUAGE property, else the most
//!   frequent LANGUAGE parameter when every localizable property has one.
//!   Of properties sharing an ALTID, the one without LANGUAGE (else the one
//!   in the card language, else the first) converts; the others become
//!   `localizations` patches of the converted value (`name/full`,
//!   `titles/ID/name`, `notes/ID/note`, …). A LANGUAGE parameter that
//!   differs from the card language and has no alternative goes to
//!   `vCardParams`.
//! - ADR, GEO and TZ (§2.8.3): GEO and TZ join the first ADR of their group
//!   (no group counts as a group) unless their TYPE differs or they carry
//!   other parameters; otherwise they make an Address of their own.
//! - ADR components without JSCOMPS (§2.6.1): post office box, then the
//!   components that replace "extended address" (room, apartment, floor,
//!   building), then those that replace "street address" (number, name,
//!   block, subdistrict, district, landmark, direction), then locality,
//!   region, postcode, country: this is the order of Figure 15.
//! - Back to vCard, an address whose components fit the 7-component ADR
//!   (one apartment, one street name) is written in that form; otherwise the
//!   18 components of RFC 9554 are written with the combined "extended" and
//!   "street" values for older readers (joined by a space).
//! - The group of a property goes to `vCardParams` (§2.3.9) unless the
//!   grouping is expressed otherwise: an X-ABLabel becomes `label`
//!   (§2.11.11), a TITLE/ROLE grouped with exactly one ORG gets
//!   `organizationId` (§2.9.6). Back to vCard, such objects get a new group.
//! - FN with `DERIVED=TRUE` does not convert (§2.3.7 allows this); back to
//!   vCard, a name without `full` gives a derived FN (§3.1), and a card
//!   without name an empty FN.
//! - JSContact properties without vCard counterpart become JSPROP (§3.2.1),
//!   at any depth; a localization that cannot be written as vCard
//!   alternatives becomes one JSPROP for its language, and so do the
//!   languages past the first [`MAX_LOCALIZED_LANGUAGES`]. Entries of a
//!   property that nothing else recreates are patched as one object, so
//!   that every JSPROP patch has its parent (RFC 9553 §1.4.3).
//! - The Name's `vCardParams` hold the unused parameters of FN and N; back
//!   to vCard they go on N (on FN when there is no N). SORT-AS and JSCOMPS
//!   on FN mean nothing and are dropped; an empty FN and an empty
//!   CATEGORIES carry nothing.
//! - An Address made of GEO and/or TZ alone is written back as GEO and TZ in
//!   a group of their own, so that it is read back as one Address.
//! - Control characters that only a decoded QUOTED-PRINTABLE value can
//!   hold become U+FFFD (a vCard text cannot carry them); in a URI written
//!   to vCard they are percent-encoded.
//! - A LANGUAGE parameter that is empty names no language and is ignored.

mod from_vcard;
mod map;
mod model;
mod patch;
mod to_vcard;

pub use from_vcard::to_jscontact;
pub use map::OrderedMap;
pub use model::{
    Address, AddressComponent, Anniversary, AnniversaryDate, Author, BoolSet, Card, EmailAddress,
    IdMap, LanguagePref, Name, NameComponent, Nickname, Note, OnlineService, OrgUnit, Organization,
    PartialDate, PatchObject, PersonalInfo, Phone, Pronouns, Relation, Resource, SchedulingAddress,
    SpeakToAs, TimestampObject, Title,
};
pub use patch::{apply_patch, pointer_from_tokens, pointer_tokens};
pub use to_vcard::{MAX_LOCALIZED_LANGUAGES, from_jscontact};

use crate::error::{Error, ErrorKind, excerpt};

/// Reads a JSContact Card from JSON text (no validation; see
/// [`Card::validate`]).
pub fn card_from_json(text: &str) -> Result<Card, Error> {
    Ok(serde_json::from_str(text)?)
}

/// Reads a JSContact Card from JSON text and converts it to a vCard 4.0.
///
/// ```
/// let card = kalends_vcard::jscontact::from_jscontact_str(
///     r#"{"@type":"Card","version":"1.0","uid":"x","name":{"full":"Jo"}}"#)?;
/// assert_eq!(card.formatted_name().as_deref(), Some("Jo"));
/// # Ok::<(), kalends_vcard::Error>(())
/// ```
pub fn from_jscontact_str(text: &str) -> Result<crate::VCard<'static>, Error> {
    from_jscontact(&card_from_json(text)?)
}

/// Converts a vCard to a JSContact Card and writes it as compact JSON.
pub fn to_jscontact_string(card: &crate::VCard<'_>) -> Result<String, Error> {
    Ok(serde_json::to_string(&to_jscontact(card)?)?)
}

/// Converts every vCard of a document: one Card as a JSON object, several
/// as a JSON array of Cards (RFC 9553 defines no container).
pub fn document_to_jscontact(doc: &crate::Document<'_>) -> Result<serde_json::Value, Error> {
    let mut cards = Vec::new();
    for c in doc.cards.iter().filter(|c| c.is_vcard()) {
        cards.push(serde_json::to_value(to_jscontact(c)?)?);
    }
    Ok(match cards.len() {
        1 => cards.pop().unwrap_or(serde_json::Value::Null),
        _ => serde_json::Value::Array(cards),
    })
}

/// Reads JSON text holding one Card or an array of Cards and converts each
/// to a vCard 4.0.
///
/// ```
/// let cards = kalends_vcard::jscontact::from_jscontact_json(
///     r#"[{"@type":"Card","version":"1.0","uid":"a","name":{"full":"A"}},
///         {"@type":"Card","version":"1.0","uid":"b","name":{"full":"B"}}]"#)?;
/// assert_eq!(cards.len(), 2);
/// # Ok::<(), kalends_vcard::Error>(())
/// ```
pub fn from_jscontact_json(text: &str) -> Result<Vec<crate::VCard<'static>>, Error> {
    let v: serde_json::Value = serde_json::from_str(text)?;
    let items = match v {
        serde_json::Value::Array(a) => a,
        other => vec![other],
    };
    items
        .into_iter()
        .map(|item| {
            if !item.is_object() {
                return Err(Error::new(
                    ErrorKind::Json,
                    "a JSContact Card is a JSON object (RFC 9553 §2).",
                ));
            }
            from_jscontact(&serde_json::from_value(item)?)
        })
        .collect()
}

fn is_id(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 255
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

fn is_utc_date_time(s: &str) -> bool {
    crate::value::Timestamp::from_utc_string(s).is_ok() && s.ends_with('Z') && s.len() >= 20
}

impl Card {
    /// Checks the rules of RFC 9553 that the types do not: mandatory
    /// properties (`@type`, `version`, `uid`, component values …), Id keys
    /// (§1.4.1), `pref` 1–100 (§1.5.3), UTCDateTime values (§1.4.5),
    /// PartialDate ranges (§2.8.1), `members` only in a group Card (§2.1.6).
    /// Returns every problem found.
    pub fn validate(&self) -> Result<(), Vec<Error>> {
        let mut errs = Vec::new();
        let mut bad = |m: String| errs.push(Error::new(ErrorKind::Invalid, m));
        if self.type_.as_deref() != Some("Card") {
            bad("a Card must have `\"@type\": \"Card\"` (RFC 9553 §2.1.1).".to_owned());
        }
        if self.version.as_deref() != Some("1.0") {
            bad("a Card must have `\"version\": \"1.0\"` (RFC 9553 §2.1.2).".to_owned());
        }
        if self.uid.as_deref().is_none_or(str::is_empty) {
            bad("a Card must have a uid (RFC 9553 §2.1.9).".to_owned());
        }
        for (what, v) in [("created", &self.created), ("updated", &self.updated)] {
            if let Some(s) = v
                && !is_utc_date_time(s)
            {
                bad(format!(
                    "`{what}` value `{}` is not a UTCDateTime (RFC 9553 §1.4.5).",
                    excerpt(s)
                ));
            }
        }
        if self.members.as_ref().is_some_and(|m| !m.is_empty())
            && self.kind.as_deref() != Some("group")
        {
            bad("`members` is set but `kind` is not \"group\" (RFC 9553 §2.1.6).".to_owned());
        }
        let mut check_ids = |what: &str, keys: Vec<&str>| {
            for k in keys {
                if !is_id(k) {
                    bad(format!(
                        "`{what}` has the key `{}`, which is not an Id (RFC 9553 §1.4.1).",
                        excerpt(k)
                    ));
                }
            }
        };
        macro_rules! ids {
            ($($f:ident),*) => {$( if let Some(m) = &self.$f { check_ids(stringify!($f), m.keys().collect()); } )*};
        }
        ids!(
            nicknames,
            organizations,
            titles,
            emails,
            online_services,
            phones,
            preferred_languages,
            calendars,
            scheduling_addresses,
            addresses,
            crypto_keys,
            directories,
            links,
            media,
            anniversaries,
            notes,
            personal_info
        );
        let mut prefs: Vec<(&str, Option<u32>)> = Vec::new();
        macro_rules! prefs {
            ($($f:ident),*) => {$( if let Some(m) = &self.$f { prefs.extend(m.values().map(|v| (stringify!($f), v.pref))); } )*};
        }
        prefs!(
            nicknames,
            emails,
            online_services,
            phones,
            preferred_languages,
            calendars,
            scheduling_addresses,
            addresses,
            crypto_keys,
            directories,
            links,
            media
        );
        for (what, p) in prefs {
            if let Some(p) = p
                && !(1..=100).contains(&p)
            {
                errs.push(Error::new(
                    ErrorKind::Invalid,
                    format!("a `pref` of `{what}` is {p}; it must be 1 to 100 (RFC 9553 §1.5.3)."),
                ));
            }
        }
        if let Some(n) = &self.name
            && n.full.is_none()
            && n.components
                .as_ref()
                .is_none_or(|c| c.iter().all(|c| c.kind.as_deref() == Some("separator")))
        {
            errs.push(Error::new(
                ErrorKind::Invalid,
                "a Name needs `full` or a non-separator component (RFC 9553 §2.2.1.1).".to_owned(),
            ));
        }
        if let Some(a) = &self.anniversaries {
            for (id, an) in a.iter() {
                match &an.date {
                    None => errs.push(Error::new(
                        ErrorKind::Invalid,
                        format!(
                            "the anniversary `{}` has no date (RFC 9553 §2.8.1).",
                            excerpt(id)
                        ),
                    )),
                    Some(AnniversaryDate::Partial(d)) => {
                        let ok = d.month.is_none_or(|m| (1..=12).contains(&m))
                            && d.day.is_none_or(|x| (1..=31).contains(&x))
                            && (d.day.is_none() || d.month.is_some())
                            && (d.month.is_none() || d.year.is_some() || d.day.is_some())
                            && (d.year.is_some() || d.month.is_some() || d.day.is_some());
                        if !ok {
                            errs.push(Error::new(ErrorKind::Invalid, format!("the anniversary `{}` has an invalid PartialDate (RFC 9553 §2.8.1).", excerpt(id))));
                        }
                    }
                    Some(AnniversaryDate::Timestamp(t)) => {
                        if !t.utc.as_deref().is_some_and(is_utc_date_time) {
                            errs.push(Error::new(ErrorKind::Invalid, format!("the anniversary `{}` has an invalid Timestamp (RFC 9553 §2.8.1).", excerpt(id))));
                        }
                    }
                }
            }
        }
        if errs.is_empty() { Ok(()) } else { Err(errs) }
    }
}

/// A stable `urn:uuid:` for a card without UID (RFC 9555 §2.1.1): two
/// FNV-1a hashes of its text, formatted as a version-8 UUID.
pub(crate) fn derived_uid(text: &str) -> String {
    let h = |seed: u64| {
        text.bytes().fold(seed, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
        })
    };
    let a = h(0xcbf2_9ce4_8422_2325);
    let b = h(0x84222325_cbf29ce4);
    let a = (a & 0xffff_ffff_ffff_0fff) | 0x8000;
    let b = (b & 0x3fff_ffff_ffff_ffff) | 0x8000_0000_0000_0000;
    format!(
        "urn:uuid:{:08x}-{:04x}-{:04x}-{:04x}-{:012x}",
        a >> 32,
        (a >> 16) & 0xffff,
        a & 0xffff,
        b >> 48,
        b & 0xffff_ffff_ffff
    )
}
