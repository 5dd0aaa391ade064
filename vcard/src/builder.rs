//! A builder for new vCards, writing each value in the form its version
//! wants (escaping, date format, `VALUE=uri` where 3.0 needs it).

use kalends_ical_core::Parameter;

use crate::text::{escape, format_list};
use crate::tree::{Property, VCard};
use crate::value::{Address, DateAndOrTime, Gender, Geo, Name, Organization, Timestamp};
use crate::version::Version;

/// Builds a [`VCard`] of one version.
///
/// ```
/// use kalends_vcard::{VCardBuilder, Version, value::Name};
/// let card = VCardBuilder::new(Version::V4_0)
///     .formatted_name("Jane Doe")
///     .name(Name { family: vec!["Doe".into()], given: vec!["Jane".into()], ..Name::default() })
///     .email("jane@example.com", &["work"])
///     .tel("tel:+1-555-555-5555", &["cell"])
///     .uid("urn:uuid:4fbe8971-0bc3-424c-9c26-36c3e1eff6b1")
///     .build();
/// assert_eq!(
///     card.to_string(),
///     "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Jane Doe\r\nN:Doe;Jane;;;\r\n\
///      EMAIL;TYPE=work:jane@example.com\r\nTEL;VALUE=uri;TYPE=cell:tel:+1-555-555-5555\r\n\
///      UID:urn:uuid:4fbe8971-0bc3-424c-9c26-36c3e1eff6b1\r\nEND:VCARD\r\n"
/// );
/// assert!(kalends_vcard::validate(&card).is_empty());
/// ```
#[derive(Debug, Clone)]
pub struct VCardBuilder {
    version: Version,
    card: VCard<'static>,
}

impl VCardBuilder {
    /// A builder for a card of `version` (VERSION is added).
    pub fn new(version: Version) -> VCardBuilder {
        VCardBuilder {
            version,
            card: VCard::new(version),
        }
    }

    /// The finished card.
    pub fn build(self) -> VCard<'static> {
        self.card
    }

    /// Adds any property.
    #[must_use]
    pub fn property(mut self, property: Property<'static>) -> VCardBuilder {
        self.card.push(property);
        self
    }

    fn text(self, name: &'static str, text: &str) -> VCardBuilder {
        let v = self.version;
        self.property(Property::text(name, text, v))
    }

    fn typed(self, name: &'static str, value: String, types: &[&str]) -> VCardBuilder {
        let mut p = Property::new(name, value);
        if !types.is_empty() {
            p = p.with_param(Parameter::with_values("TYPE", types.iter().copied()));
        }
        self.property(p)
    }

    fn uri(self, name: &'static str, uri: &str) -> VCardBuilder {
        let v = self.version;
        let mut p = Property::new(name, uri.to_owned());
        if v != Version::V4_0 && matches!(name, "PHOTO" | "LOGO" | "SOUND" | "KEY") {
            p = p.with_param(Parameter::new("VALUE", "uri"));
        }
        self.property(p)
    }

    /// KIND (RFC 6350 §6.1.4), vCard 4.0.
    #[must_use]
    pub fn kind(self, kind: &str) -> VCardBuilder {
        self.text("KIND", kind)
    }

    /// FN (RFC 6350 §6.2.1).
    #[must_use]
    pub fn formatted_name(self, name: &str) -> VCardBuilder {
        self.text("FN", name)
    }

    /// N (RFC 6350 §6.2.2).
    #[must_use]
    pub fn name(self, name: Name) -> VCardBuilder {
        let v = self.version;
        self.property(Property::new("N", name.format(v)))
    }

    /// NICKNAME (RFC 6350 §6.2.3), a list.
    #[must_use]
    pub fn nicknames(self, names: &[&str]) -> VCardBuilder {
        let v = self.version;
        self.property(Property::new("NICKNAME", format_list(names, v)))
    }

    /// PHOTO as a URI (RFC 6350 §6.2.4).
    #[must_use]
    pub fn photo(self, uri: &str) -> VCardBuilder {
        self.uri("PHOTO", uri)
    }

    fn date(self, name: &'static str, date: DateAndOrTime) -> VCardBuilder {
        let v = self.version;
        let value = if v == Version::V4_0 {
            date.to_string()
        } else {
            date.to_extended()
        };
        let mut p = Property::new(name, value);
        if v != Version::V4_0 && date.time().is_some() && date.date().is_some() {
            p = p.with_param(Parameter::new("VALUE", "date-time"));
        }
        self.property(p)
    }

    /// BDAY (RFC 6350 §6.2.5).
    #[must_use]
    pub fn bday(self, date: DateAndOrTime) -> VCardBuilder {
        self.date("BDAY", date)
    }

    /// ANNIVERSARY (RFC 6350 §6.2.6).
    #[must_use]
    pub fn anniversary(self, date: DateAndOrTime) -> VCardBuilder {
        self.date("ANNIVERSARY", date)
    }

    /// GENDER (RFC 6350 §6.2.7).
    #[must_use]
    pub fn gender(self, gender: Gender) -> VCardBuilder {
        let v = self.version;
        self.property(Property::new("GENDER", gender.format(v)))
    }

    /// ADR with TYPE values (RFC 6350 §6.3.1).
    #[must_use]
    pub fn address(self, address: Address, types: &[&str]) -> VCardBuilder {
        let v = self.version;
        self.typed("ADR", address.format(v), types)
    }

    /// TEL with TYPE values (RFC 6350 §6.4.1); a `tel:` URI gets `VALUE=uri` in 4.0.
    #[must_use]
    pub fn tel(self, number: &str, types: &[&str]) -> VCardBuilder {
        let v = self.version;
        let mut p = Property::new("TEL", escape(number, v).into_owned());
        if v == Version::V4_0 && number.contains(':') {
            p = Property::new("TEL", number.to_owned()).with_param(Parameter::new("VALUE", "uri"));
        }
        if !types.is_empty() {
            p = p.with_param(Parameter::with_values("TYPE", types.iter().copied()));
        }
        self.property(p)
    }

    /// EMAIL with TYPE values (RFC 6350 §6.4.2).
    #[must_use]
    pub fn email(self, address: &str, types: &[&str]) -> VCardBuilder {
        let v = self.version;
        self.typed("EMAIL", escape(address, v).into_owned(), types)
    }

    /// IMPP (RFC 6350 §6.4.3).
    #[must_use]
    pub fn impp(self, uri: &str) -> VCardBuilder {
        self.uri("IMPP", uri)
    }

    /// LANG (RFC 6350 §6.4.4).
    #[must_use]
    pub fn lang(self, tag: &str) -> VCardBuilder {
        self.property(Property::new("LANG", tag.to_owned()))
    }

    /// TZ as a time zone name (RFC 6350 §6.5.1; `VALUE=text` in 3.0).
    #[must_use]
    pub fn tz(self, zone: &str) -> VCardBuilder {
        let v = self.version;
        let mut p = Property::text("TZ", zone, v);
        if v != Version::V4_0 {
            p = p.with_param(Parameter::new("VALUE", "text"));
        }
        self.property(p)
    }

    /// GEO (RFC 6350 §6.5.2; `lat;lon` in 3.0).
    #[must_use]
    pub fn geo(self, geo: Geo) -> VCardBuilder {
        let value = if self.version == Version::V4_0 {
            geo.to_uri()
        } else {
            geo.to_v3()
        };
        self.property(Property::new("GEO", value))
    }

    /// TITLE (RFC 6350 §6.6.1).
    #[must_use]
    pub fn title(self, title: &str) -> VCardBuilder {
        self.text("TITLE", title)
    }

    /// ROLE (RFC 6350 §6.6.2).
    #[must_use]
    pub fn role(self, role: &str) -> VCardBuilder {
        self.text("ROLE", role)
    }

    /// LOGO as a URI (RFC 6350 §6.6.3).
    #[must_use]
    pub fn logo(self, uri: &str) -> VCardBuilder {
        self.uri("LOGO", uri)
    }

    /// ORG (RFC 6350 §6.6.4).
    #[must_use]
    pub fn organization(self, org: Organization) -> VCardBuilder {
        let v = self.version;
        self.property(Property::new("ORG", org.format(v)))
    }

    /// MEMBER (RFC 6350 §6.6.5); the card should have `KIND:group`.
    #[must_use]
    pub fn member(self, uri: &str) -> VCardBuilder {
        self.uri("MEMBER", uri)
    }

    /// RELATED with TYPE values (RFC 6350 §6.6.6).
    #[must_use]
    pub fn related(self, uri: &str, types: &[&str]) -> VCardBuilder {
        self.typed("RELATED", uri.to_owned(), types)
    }

    /// CATEGORIES (RFC 6350 §6.7.1), a list.
    #[must_use]
    pub fn categories(self, categories: &[&str]) -> VCardBuilder {
        let v = self.version;
        self.property(Property::new("CATEGORIES", format_list(categories, v)))
    }

    /// NOTE (RFC 6350 §6.7.2).
    #[must_use]
    pub fn note(self, note: &str) -> VCardBuilder {
        self.text("NOTE", note)
    }

    /// PRODID (RFC 6350 §6.7.3).
    #[must_use]
    pub fn prodid(self, prodid: &str) -> VCardBuilder {
        self.text("PRODID", prodid)
    }

    /// REV (RFC 6350 §6.7.4).
    #[must_use]
    pub fn rev(self, rev: Timestamp) -> VCardBuilder {
        let value = if self.version == Version::V4_0 {
            rev.to_string()
        } else {
            rev.to_extended()
        };
        self.property(Property::new("REV", value))
    }

    /// SOUND as a URI (RFC 6350 §6.7.5).
    #[must_use]
    pub fn sound(self, uri: &str) -> VCardBuilder {
        self.uri("SOUND", uri)
    }

    /// UID (RFC 6350 §6.7.6).
    #[must_use]
    pub fn uid(self, uid: &str) -> VCardBuilder {
        self.uri("UID", uid)
    }

    /// URL (RFC 6350 §6.7.8).
    #[must_use]
    pub fn url(self, uri: &str) -> VCardBuilder {
        self.uri("URL", uri)
    }

    /// KEY as a URI (RFC 6350 §6.8.1).
    #[must_use]
    pub fn key(self, uri: &str) -> VCardBuilder {
        self.uri("KEY", uri)
    }

    /// FBURL (RFC 6350 §6.9.1).
    #[must_use]
    pub fn fburl(self, uri: &str) -> VCardBuilder {
        self.uri("FBURL", uri)
    }

    /// CALADRURI (RFC 6350 §6.9.2).
    #[must_use]
    pub fn caladruri(self, uri: &str) -> VCardBuilder {
        self.uri("CALADRURI", uri)
    }

    /// CALURI (RFC 6350 §6.9.3).
    #[must_use]
    pub fn caluri(self, uri: &str) -> VCardBuilder {
        self.uri("CALURI", uri)
    }

    /// SOURCE (RFC 6350 §6.1.3).
    #[must_use]
    pub fn source(self, uri: &str) -> VCardBuilder {
        self.uri("SOURCE", uri)
    }

    /// CREATED (RFC 9554 §3.1).
    #[must_use]
    pub fn created(self, ts: Timestamp) -> VCardBuilder {
        self.property(Property::new("CREATED", ts.to_string()))
    }

    /// GRAMGENDER (RFC 9554 §3.2).
    #[must_use]
    pub fn gramgender(self, gender: &str) -> VCardBuilder {
        self.text("GRAMGENDER", gender)
    }

    /// LANGUAGE (RFC 9554 §3.3).
    #[must_use]
    pub fn language(self, tag: &str) -> VCardBuilder {
        self.property(Property::new("LANGUAGE", tag.to_owned()))
    }

    /// PRONOUNS (RFC 9554 §3.4).
    #[must_use]
    pub fn pronouns(self, pronouns: &str) -> VCardBuilder {
        self.text("PRONOUNS", pronouns)
    }

    /// SOCIALPROFILE as a URI (RFC 9554 §3.5).
    #[must_use]
    pub fn social_profile(self, uri: &str) -> VCardBuilder {
        self.uri("SOCIALPROFILE", uri)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn version_3_forms() {
        let card = VCardBuilder::new(Version::V3_0)
            .formatted_name("Jo")
            .bday("19850412".parse().unwrap())
            .photo("http://example.com/p.jpg")
            .geo(Geo {
                latitude: 1.5,
                longitude: -2.0,
            })
            .tz("Europe/Berlin")
            .build();
        let text = card.to_string();
        assert!(text.contains("BDAY:1985-04-12\r\n"));
        assert!(text.contains("PHOTO;VALUE=uri:http://example.com/p.jpg\r\n"));
        assert!(text.contains("GEO:1.5;-2\r\n"));
        assert!(text.contains("TZ;VALUE=text:Europe/Berlin\r\n"));
    }
}
