//! What this crate knows about each property: default value types per
//! version, the shape of the value and the cardinality (RFC 6350 §6 and
//! the IANA vCard registry: RFC 6474, RFC 6715, RFC 8605, RFC 9554,
//! RFC 9555; RFC 2426 §3 for vCard 3.0).

use crate::value::ValueType;
use crate::version::Version;

/// How a value is split.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// One value.
    Single,
    /// A `,`-separated list (NICKNAME, CATEGORIES).
    List,
    /// `;`-separated components; `lists` when each component is itself a
    /// `,`-separated list (N, ADR).
    Structured {
        /// Components are lists.
        lists: bool,
    },
}

/// How often a property may occur in one vCard (RFC 6350 §6, "Cardinality").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cardinality {
    /// `1`: exactly one.
    One,
    /// `*1`: at most one (alternatives sharing an ALTID count once).
    AtMostOne,
    /// `1*`: at least one.
    AtLeastOne,
    /// `*`: any number.
    Any,
}

/// What is known about one property.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PropertyInfo {
    /// The name in upper case.
    pub name: &'static str,
    /// Default value type in vCard 4.0, `None` when 4.0 does not define the property.
    pub v4: Option<DefaultType>,
    /// Default value type in vCard 3.0 (and 2.1), `None` when 3.0 does not define it.
    pub v3: Option<DefaultType>,
    /// Shape of the value.
    pub shape: Shape,
    /// Cardinality in vCard 4.0.
    pub cardinality: Cardinality,
    /// Where the property is defined.
    pub spec: &'static str,
}

/// A default value type without allocation (a subset of [`ValueType`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(missing_docs)]
pub enum DefaultType {
    Text,
    Uri,
    Date,
    DateTime,
    DateAndOrTime,
    Timestamp,
    UtcOffset,
    LanguageTag,
    Binary,
    PhoneNumber,
    VCard,
    Float,
}

impl DefaultType {
    /// As a [`ValueType`].
    pub fn value_type(self) -> ValueType {
        match self {
            DefaultType::Text => ValueType::Text,
            DefaultType::Uri => ValueType::Uri,
            DefaultType::Date => ValueType::Date,
            DefaultType::DateTime => ValueType::DateTime,
            DefaultType::DateAndOrTime => ValueType::DateAndOrTime,
            DefaultType::Timestamp => ValueType::Timestamp,
            DefaultType::UtcOffset => ValueType::UtcOffset,
            DefaultType::LanguageTag => ValueType::LanguageTag,
            DefaultType::Binary => ValueType::Binary,
            DefaultType::PhoneNumber => ValueType::PhoneNumber,
            DefaultType::VCard => ValueType::VCard,
            DefaultType::Float => ValueType::Float,
        }
    }
}

use Cardinality::{Any, AtLeastOne, AtMostOne, One};
use DefaultType as T;
use Shape::{List, Single, Structured};

const fn p(
    name: &'static str,
    v4: Option<DefaultType>,
    v3: Option<DefaultType>,
    shape: Shape,
    cardinality: Cardinality,
    spec: &'static str,
) -> PropertyInfo {
    PropertyInfo {
        name,
        v4,
        v3,
        shape,
        cardinality,
        spec,
    }
}

const S_LIST: Shape = Structured { lists: true };
const S_PLAIN: Shape = Structured { lists: false };

/// Every property this crate knows, in RFC 6350 §6 order, then extensions,
/// then the vCard 3.0 properties that 4.0 removed.
pub static PROPERTIES: &[PropertyInfo] = &[
    p(
        "BEGIN",
        Some(T::Text),
        Some(T::Text),
        Single,
        One,
        "RFC 6350 §6.1.1",
    ),
    p(
        "END",
        Some(T::Text),
        Some(T::Text),
        Single,
        One,
        "RFC 6350 §6.1.2",
    ),
    p(
        "SOURCE",
        Some(T::Uri),
        Some(T::Uri),
        Single,
        Any,
        "RFC 6350 §6.1.3",
    ),
    p(
        "KIND",
        Some(T::Text),
        None,
        Single,
        AtMostOne,
        "RFC 6350 §6.1.4",
    ),
    p("XML", Some(T::Text), None, Single, Any, "RFC 6350 §6.1.5"),
    p(
        "FN",
        Some(T::Text),
        Some(T::Text),
        Single,
        AtLeastOne,
        "RFC 6350 §6.2.1",
    ),
    p(
        "N",
        Some(T::Text),
        Some(T::Text),
        S_LIST,
        AtMostOne,
        "RFC 6350 §6.2.2, RFC 9554 §2.2",
    ),
    p(
        "NICKNAME",
        Some(T::Text),
        Some(T::Text),
        List,
        Any,
        "RFC 6350 §6.2.3",
    ),
    p(
        "PHOTO",
        Some(T::Uri),
        Some(T::Binary),
        Single,
        Any,
        "RFC 6350 §6.2.4",
    ),
    p(
        "BDAY",
        Some(T::DateAndOrTime),
        Some(T::Date),
        Single,
        AtMostOne,
        "RFC 6350 §6.2.5",
    ),
    p(
        "ANNIVERSARY",
        Some(T::DateAndOrTime),
        None,
        Single,
        AtMostOne,
        "RFC 6350 §6.2.6",
    ),
    p(
        "GENDER",
        Some(T::Text),
        None,
        S_PLAIN,
        AtMostOne,
        "RFC 6350 §6.2.7",
    ),
    p(
        "ADR",
        Some(T::Text),
        Some(T::Text),
        S_LIST,
        Any,
        "RFC 6350 §6.3.1, RFC 9554 §2.1",
    ),
    p(
        "TEL",
        Some(T::Text),
        Some(T::PhoneNumber),
        Single,
        Any,
        "RFC 6350 §6.4.1",
    ),
    p(
        "EMAIL",
        Some(T::Text),
        Some(T::Text),
        Single,
        Any,
        "RFC 6350 §6.4.2",
    ),
    p(
        "IMPP",
        Some(T::Uri),
        Some(T::Uri),
        Single,
        Any,
        "RFC 6350 §6.4.3, RFC 4770",
    ),
    p(
        "LANG",
        Some(T::LanguageTag),
        None,
        Single,
        Any,
        "RFC 6350 §6.4.4",
    ),
    p(
        "TZ",
        Some(T::Text),
        Some(T::UtcOffset),
        Single,
        Any,
        "RFC 6350 §6.5.1",
    ),
    p(
        "GEO",
        Some(T::Uri),
        Some(T::Float),
        Single,
        Any,
        "RFC 6350 §6.5.2",
    ),
    p(
        "TITLE",
        Some(T::Text),
        Some(T::Text),
        Single,
        Any,
        "RFC 6350 §6.6.1",
    ),
    p(
        "ROLE",
        Some(T::Text),
        Some(T::Text),
        Single,
        Any,
        "RFC 6350 §6.6.2",
    ),
    p(
        "LOGO",
        Some(T::Uri),
        Some(T::Binary),
        Single,
        Any,
        "RFC 6350 §6.6.3",
    ),
    p(
        "ORG",
        Some(T::Text),
        Some(T::Text),
        S_PLAIN,
        Any,
        "RFC 6350 §6.6.4",
    ),
    p("MEMBER", Some(T::Uri), None, Single, Any, "RFC 6350 §6.6.5"),
    p(
        "RELATED",
        Some(T::Uri),
        None,
        Single,
        Any,
        "RFC 6350 §6.6.6",
    ),
    p(
        "CATEGORIES",
        Some(T::Text),
        Some(T::Text),
        List,
        Any,
        "RFC 6350 §6.7.1",
    ),
    p(
        "NOTE",
        Some(T::Text),
        Some(T::Text),
        Single,
        Any,
        "RFC 6350 §6.7.2",
    ),
    p(
        "PRODID",
        Some(T::Text),
        Some(T::Text),
        Single,
        AtMostOne,
        "RFC 6350 §6.7.3",
    ),
    p(
        "REV",
        Some(T::Timestamp),
        Some(T::DateTime),
        Single,
        AtMostOne,
        "RFC 6350 §6.7.4",
    ),
    p(
        "SOUND",
        Some(T::Uri),
        Some(T::Binary),
        Single,
        Any,
        "RFC 6350 §6.7.5",
    ),
    p(
        "UID",
        Some(T::Uri),
        Some(T::Text),
        Single,
        AtMostOne,
        "RFC 6350 §6.7.6",
    ),
    p(
        "CLIENTPIDMAP",
        Some(T::Text),
        None,
        S_PLAIN,
        Any,
        "RFC 6350 §6.7.7",
    ),
    p(
        "URL",
        Some(T::Uri),
        Some(T::Uri),
        Single,
        Any,
        "RFC 6350 §6.7.8",
    ),
    p(
        "VERSION",
        Some(T::Text),
        Some(T::Text),
        Single,
        One,
        "RFC 6350 §6.7.9",
    ),
    p(
        "KEY",
        Some(T::Uri),
        Some(T::Binary),
        Single,
        Any,
        "RFC 6350 §6.8.1",
    ),
    p(
        "FBURL",
        Some(T::Uri),
        Some(T::Uri),
        Single,
        Any,
        "RFC 6350 §6.9.1, RFC 2739",
    ),
    p(
        "CALADRURI",
        Some(T::Uri),
        Some(T::Uri),
        Single,
        Any,
        "RFC 6350 §6.9.2, RFC 2739",
    ),
    p(
        "CALURI",
        Some(T::Uri),
        Some(T::Uri),
        Single,
        Any,
        "RFC 6350 §6.9.3, RFC 2739",
    ),
    p(
        "BIRTHPLACE",
        Some(T::Text),
        None,
        Single,
        AtMostOne,
        "RFC 6474 §2.1",
    ),
    p(
        "DEATHPLACE",
        Some(T::Text),
        None,
        Single,
        AtMostOne,
        "RFC 6474 §2.2",
    ),
    p(
        "DEATHDATE",
        Some(T::DateAndOrTime),
        None,
        Single,
        AtMostOne,
        "RFC 6474 §2.3",
    ),
    p(
        "EXPERTISE",
        Some(T::Text),
        None,
        Single,
        Any,
        "RFC 6715 §2.1",
    ),
    p("HOBBY", Some(T::Text), None, Single, Any, "RFC 6715 §2.2"),
    p(
        "INTEREST",
        Some(T::Text),
        None,
        Single,
        Any,
        "RFC 6715 §2.3",
    ),
    p(
        "ORG-DIRECTORY",
        Some(T::Uri),
        None,
        Single,
        Any,
        "RFC 6715 §2.4",
    ),
    p(
        "CONTACT-URI",
        Some(T::Uri),
        None,
        Single,
        Any,
        "RFC 8605 §2.1",
    ),
    p(
        "CREATED",
        Some(T::Timestamp),
        None,
        Single,
        AtMostOne,
        "RFC 9554 §3.1",
    ),
    p(
        "GRAMGENDER",
        Some(T::Text),
        None,
        Single,
        Any,
        "RFC 9554 §3.2",
    ),
    p(
        "LANGUAGE",
        Some(T::LanguageTag),
        None,
        Single,
        AtMostOne,
        "RFC 9554 §3.3",
    ),
    p(
        "PRONOUNS",
        Some(T::Text),
        None,
        Single,
        Any,
        "RFC 9554 §3.4",
    ),
    p(
        "SOCIALPROFILE",
        Some(T::Uri),
        None,
        Single,
        Any,
        "RFC 9554 §3.5",
    ),
    p(
        "JSPROP",
        Some(T::Text),
        None,
        Single,
        Any,
        "RFC 9555 §3.2.1",
    ),
    p("LABEL", None, Some(T::Text), Single, Any, "RFC 2426 §3.2.2"),
    p(
        "MAILER",
        None,
        Some(T::Text),
        Single,
        Any,
        "RFC 2426 §3.3.3",
    ),
    p(
        "AGENT",
        None,
        Some(T::VCard),
        Single,
        Any,
        "RFC 2426 §3.5.4",
    ),
    p("CLASS", None, Some(T::Text), Single, Any, "RFC 2426 §3.7.1"),
    p("NAME", None, Some(T::Text), Single, Any, "RFC 2426 §2.1.2"),
    p(
        "PROFILE",
        None,
        Some(T::Text),
        Single,
        Any,
        "RFC 2426 §2.1.3",
    ),
    p(
        "SORT-STRING",
        None,
        Some(T::Text),
        Single,
        Any,
        "RFC 2426 §3.6.5",
    ),
];

/// The entry for `name` (case-insensitive), if this crate knows the property.
///
/// ```
/// use kalends_vcard::registry::{lookup, Cardinality};
/// assert_eq!(lookup("fn").map(|i| i.cardinality), Some(Cardinality::AtLeastOne));
/// assert!(lookup("X-FOO").is_none());
/// ```
pub fn lookup(name: &str) -> Option<&'static PropertyInfo> {
    PROPERTIES
        .iter()
        .find(|p| p.name.eq_ignore_ascii_case(name))
}

/// The default value type of `name` in `version`, if known.
pub fn default_type(name: &str, version: Version) -> Option<ValueType> {
    let info = lookup(name)?;
    let t = match version {
        Version::V4_0 => info.v4,
        Version::V2_1 | Version::V3_0 => info.v3,
    }?;
    Some(t.value_type())
}

/// The shape of `name`'s value in `version` (vCard 3.0 GEO is two floats).
pub fn shape(name: &str, version: Version) -> Shape {
    if name.eq_ignore_ascii_case("GEO") && version != Version::V4_0 {
        return S_PLAIN;
    }
    lookup(name).map_or(Single, |i| i.shape)
}

/// True when both vCard 3.0 and 4.0 define `name`.
pub fn defined_in_both(name: &str) -> bool {
    lookup(name).is_some_and(|i| i.v3.is_some() && i.v4.is_some())
}
