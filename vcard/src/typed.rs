//! Typed getters for the properties of RFC 6350 §6 and RFC 9554 §3.
//!
//! Each getter decodes according to the card's version and skips values
//! that do not decode (use [`crate::validate()`] to have those reported).

use crate::text::unescape;
use crate::tree::{Property, VCard};
use crate::value::{
    Address, ClientPidMap, DateAndOrTime, Gender, Geo, Name, Organization, Timestamp, Value,
};
use crate::version::Version;

impl Property<'_> {
    /// The value as a URI of a card of `version`: transfer encoding undone,
    /// and the `\,` `\;` `\\` escapes some producers put in URIs removed
    /// (RFC 6350 §4.2 does not escape URIs; a backslash cannot occur in one).
    pub fn uri_value(&self, version: Version) -> Option<String> {
        let content = self.content().ok()?;
        let _ = version;
        if !content.contains('\\') {
            return Some(content.into_owned());
        }
        let mut out = String::with_capacity(content.len());
        let mut chars = content.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '\\'
                && let Some(&n) = chars.peek()
                && matches!(n, ',' | ';' | '\\' | ':')
            {
                out.push(n);
                chars.next();
            } else {
                out.push(c);
            }
        }
        Some(out)
    }
}

impl VCard<'_> {
    fn texts(&self, name: &str) -> Vec<String> {
        let v = self.version();
        self.properties_named(name)
            .filter_map(|p| p.text_value(v).ok().map(|t| t.into_owned()))
            .collect()
    }

    fn first_text(&self, name: &str) -> Option<String> {
        let v = self.version();
        self.property(name)
            .and_then(|p| p.text_value(v).ok())
            .map(|t| t.into_owned())
    }

    fn uris(&self, name: &str) -> Vec<String> {
        let v = self.version();
        self.properties_named(name)
            .filter_map(|p| p.uri_value(v))
            .collect()
    }

    fn date_value(&self, name: &str) -> Option<DateAndOrTime> {
        let v = self.version();
        match self.property(name)?.typed_value(v).ok()? {
            Value::DateAndOrTime(d) => Some(d),
            Value::Timestamp(t) => Some(DateAndOrTime::DateTime(
                t.date(),
                crate::value::Time {
                    hour: Some(t.hour),
                    minute: Some(t.minute),
                    second: Some(t.second),
                    zone: t.zone,
                },
            )),
            _ => None,
        }
    }

    fn timestamp(&self, name: &str) -> Option<Timestamp> {
        self.property(name)?.content().ok()?.trim().parse().ok()
    }

    /// KIND (RFC 6350 §6.1.4), lowercased.
    pub fn kind(&self) -> Option<String> {
        self.first_text("KIND").map(|k| k.to_ascii_lowercase())
    }

    /// SOURCE URIs (§6.1.3).
    pub fn sources(&self) -> Vec<String> {
        self.uris("SOURCE")
    }

    /// XML values (§6.1.5).
    pub fn xmls(&self) -> Vec<String> {
        self.texts("XML")
    }

    /// The first FN (§6.2.1).
    pub fn formatted_name(&self) -> Option<String> {
        self.first_text("FN")
    }

    /// Every FN (alternatives in other languages share an ALTID).
    pub fn formatted_names(&self) -> Vec<String> {
        self.texts("FN")
    }

    /// N (§6.2.2, RFC 9554 §2.2).
    pub fn name(&self) -> Option<Name> {
        let v = self.version();
        let content = self.property("N")?.content().ok()?;
        Some(Name::parse(&content, v))
    }

    /// NICKNAME values, every list flattened (§6.2.3).
    pub fn nicknames(&self) -> Vec<String> {
        let v = self.version();
        self.properties_named("NICKNAME")
            .filter_map(|p| p.list_value(v).ok())
            .flatten()
            .collect()
    }

    /// PHOTO URIs (§6.2.4); base64 photos of vCard 2.1/3.0 are left out
    /// (use [`Property::binary`]).
    pub fn photos(&self) -> Vec<String> {
        self.uris_not_binary("PHOTO")
    }

    fn uris_not_binary(&self, name: &str) -> Vec<String> {
        let v = self.version();
        self.properties_named(name)
            .filter(|p| p.encoding() != Some(crate::property::Encoding::Base64))
            .filter_map(|p| p.uri_value(v))
            .collect()
    }

    /// BDAY (§6.2.5) when it is a date and/or time (not TEXT).
    pub fn bday(&self) -> Option<DateAndOrTime> {
        self.date_value("BDAY")
    }

    /// ANNIVERSARY (§6.2.6) when it is a date and/or time.
    pub fn anniversary(&self) -> Option<DateAndOrTime> {
        self.date_value("ANNIVERSARY")
    }

    /// DEATHDATE (RFC 6474 §2.3) when it is a date and/or time.
    pub fn deathdate(&self) -> Option<DateAndOrTime> {
        self.date_value("DEATHDATE")
    }

    /// GENDER (§6.2.7).
    pub fn gender(&self) -> Option<Gender> {
        let v = self.version();
        Some(Gender::parse(&self.property("GENDER")?.content().ok()?, v))
    }

    /// ADR values (§6.3.1, RFC 9554 §2.1).
    pub fn addresses(&self) -> Vec<Address> {
        let v = self.version();
        self.properties_named("ADR")
            .filter_map(|p| p.content().ok().map(|c| Address::parse(&c, v)))
            .collect()
    }

    /// TEL values (§6.4.1), as text or URI.
    pub fn telephones(&self) -> Vec<String> {
        self.texts("TEL")
    }

    /// EMAIL values (§6.4.2).
    pub fn emails(&self) -> Vec<String> {
        self.texts("EMAIL")
    }

    /// IMPP URIs (§6.4.3).
    pub fn impps(&self) -> Vec<String> {
        self.uris("IMPP")
    }

    /// LANG values (§6.4.4).
    pub fn langs(&self) -> Vec<String> {
        self.texts("LANG")
    }

    /// TZ values (§6.5.1) as written (text, URI or UTC offset).
    pub fn time_zones(&self) -> Vec<String> {
        let v = self.version();
        self.properties_named("TZ")
            .filter_map(|p| p.content().ok().map(|c| unescape(&c, v).into_owned()))
            .collect()
    }

    /// GEO positions (§6.5.2; vCard 3.0 `lat;lon`).
    pub fn geos(&self) -> Vec<Geo> {
        self.properties_named("GEO")
            .filter_map(|p| p.content().ok().and_then(|c| Geo::parse(&c).ok()))
            .collect()
    }

    /// TITLE values (§6.6.1).
    pub fn titles(&self) -> Vec<String> {
        self.texts("TITLE")
    }

    /// ROLE values (§6.6.2).
    pub fn roles(&self) -> Vec<String> {
        self.texts("ROLE")
    }

    /// LOGO URIs (§6.6.3), base64 logos left out.
    pub fn logos(&self) -> Vec<String> {
        self.uris_not_binary("LOGO")
    }

    /// ORG values (§6.6.4).
    pub fn organizations(&self) -> Vec<Organization> {
        let v = self.version();
        self.properties_named("ORG")
            .filter_map(|p| p.content().ok().map(|c| Organization::parse(&c, v)))
            .collect()
    }

    /// MEMBER URIs (§6.6.5).
    pub fn members(&self) -> Vec<String> {
        self.uris("MEMBER")
    }

    /// RELATED values (§6.6.6), URI or text.
    pub fn related(&self) -> Vec<String> {
        self.uris("RELATED")
    }

    /// CATEGORIES values, every list flattened (§6.7.1).
    pub fn categories(&self) -> Vec<String> {
        let v = self.version();
        self.properties_named("CATEGORIES")
            .filter_map(|p| p.list_value(v).ok())
            .flatten()
            .collect()
    }

    /// NOTE values (§6.7.2).
    pub fn notes(&self) -> Vec<String> {
        self.texts("NOTE")
    }

    /// PRODID (§6.7.3).
    pub fn prodid(&self) -> Option<String> {
        self.first_text("PRODID")
    }

    /// REV (§6.7.4); a vCard 3.0 date-only REV reads as midnight.
    pub fn rev(&self) -> Option<Timestamp> {
        self.timestamp("REV").or_else(|| {
            let d: crate::value::Date =
                self.property("REV")?.content().ok()?.trim().parse().ok()?;
            Some(Timestamp {
                year: d.year?,
                month: d.month?,
                day: d.day?,
                hour: 0,
                minute: 0,
                second: 0,
                zone: None,
            })
        })
    }

    /// SOUND URIs (§6.7.5), base64 sounds left out.
    pub fn sounds(&self) -> Vec<String> {
        self.uris_not_binary("SOUND")
    }

    /// UID (§6.7.6).
    pub fn uid(&self) -> Option<String> {
        let v = self.version();
        self.property("UID").and_then(|p| p.uri_value(v))
    }

    /// CLIENTPIDMAP values (§6.7.7).
    pub fn client_pid_maps(&self) -> Vec<ClientPidMap> {
        self.properties_named("CLIENTPIDMAP")
            .filter_map(|p| ClientPidMap::parse(p.value()).ok())
            .collect()
    }

    /// URL values (§6.7.8).
    pub fn urls(&self) -> Vec<String> {
        self.uris("URL")
    }

    /// KEY values (§6.8.1), URI or text; base64 keys left out.
    pub fn keys(&self) -> Vec<String> {
        self.uris_not_binary("KEY")
    }

    /// FBURL URIs (§6.9.1).
    pub fn fburls(&self) -> Vec<String> {
        self.uris("FBURL")
    }

    /// CALADRURI URIs (§6.9.2).
    pub fn caladruris(&self) -> Vec<String> {
        self.uris("CALADRURI")
    }

    /// CALURI URIs (§6.9.3).
    pub fn caluris(&self) -> Vec<String> {
        self.uris("CALURI")
    }

    /// CREATED (RFC 9554 §3.1).
    pub fn created(&self) -> Option<Timestamp> {
        self.timestamp("CREATED")
    }

    /// GRAMGENDER values (RFC 9554 §3.2), lowercased.
    pub fn gramgenders(&self) -> Vec<String> {
        self.texts("GRAMGENDER")
            .into_iter()
            .map(|g| g.to_ascii_lowercase())
            .collect()
    }

    /// LANGUAGE (RFC 9554 §3.3): the default language of the card's text.
    pub fn language(&self) -> Option<String> {
        self.first_text("LANGUAGE")
    }

    /// PRONOUNS values (RFC 9554 §3.4).
    pub fn pronouns(&self) -> Vec<String> {
        self.texts("PRONOUNS")
    }

    /// SOCIALPROFILE values (RFC 9554 §3.5), URI or text.
    pub fn social_profiles(&self) -> Vec<String> {
        self.uris("SOCIALPROFILE")
    }
}

#[cfg(test)]
mod tests {
    use crate::parse;

    #[test]
    fn rfc6350_author_card() {
        // RFC 6350 §8.
        let text = "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Simon Perreault\r\nN:Perreault;Simon;;;ing. jr,M.Sc.\r\nBDAY:--0203\r\nANNIVERSARY:20090808T1430-0500\r\nGENDER:M\r\nLANG;PREF=1:fr\r\nLANG;PREF=2:en\r\nORG;TYPE=work:Viagenie\r\nADR;TYPE=work:;Suite D2-630;2875 Laurier;\r\n Quebec;QC;G1V 2M2;Canada\r\nTEL;VALUE=uri;TYPE=\"work,voice\";PREF=1:tel:+1-418-656-9254;ext=102\r\nTEL;VALUE=uri;TYPE=\"work,cell,voice,video,text\":tel:+1-418-262-6501\r\nEMAIL;TYPE=work:simon.perreault@viagenie.ca\r\nGEO;TYPE=work:geo:46.772673,-71.282945\r\nKEY;TYPE=work;VALUE=uri:\r\n http://www.viagenie.ca/simon.perreault/simon.asc\r\nTZ:-0500\r\nURL;TYPE=home:http://nomis80.org\r\nEND:VCARD\r\n";
        let doc = parse(text).unwrap();
        let c = &doc.cards[0];
        assert_eq!(c.name().unwrap().suffixes, ["ing. jr", "M.Sc."]);
        assert_eq!(c.bday().unwrap().to_string(), "--0203");
        assert_eq!(
            c.anniversary().unwrap().to_extended(),
            "2009-08-08T14:30-05:00"
        );
        assert_eq!(c.gender().unwrap().sex, "M");
        assert_eq!(c.langs(), ["fr", "en"]);
        assert_eq!(c.addresses()[0].region, ["QC"]);
        assert_eq!(c.telephones()[0], "tel:+1-418-656-9254;ext=102");
        assert_eq!(c.geos()[0].latitude, 46.772673);
        assert_eq!(
            c.keys(),
            ["http://www.viagenie.ca/simon.perreault/simon.asc"]
        );
        assert_eq!(c.time_zones(), ["-0500"]);
        assert_eq!(c.organizations()[0].name, "Viagenie");
        assert_eq!(doc.to_string(), text);
    }
}
