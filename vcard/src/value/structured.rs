//! Structured values: N (RFC 6350 §6.2.2, RFC 9554 §2.2), ADR (RFC 6350
//! §6.3.1, RFC 9554 §2.1), ORG (§6.6.4), GENDER (§6.2.7), CLIENTPIDMAP
//! (§6.7.7) and the GEO of vCard 3.0 (RFC 2426 §3.4.2).
//!
//! Each type reads from and writes to the `;`-separated, escaped text of
//! a vCard value through [`crate::text::parse_structured`] and
//! [`crate::text::format_structured`].

use crate::error::{Error, ErrorKind, excerpt};
use crate::text::{format_structured, parse_structured};
use crate::version::Version;

fn take(components: &mut std::vec::IntoIter<Vec<String>>) -> Vec<String> {
    let v = components.next().unwrap_or_default();
    if v.len() == 1 && v.first().is_some_and(String::is_empty) {
        Vec::new()
    } else {
        v
    }
}

fn put(v: &[String]) -> Vec<String> {
    if v.is_empty() {
        vec![String::new()]
    } else {
        v.to_vec()
    }
}

/// The N value: name components, each a list (RFC 6350 §6.2.2 with the
/// secondary surname and generation of RFC 9554 §2.2).
///
/// ```
/// use kalends_vcard::{value::Name, Version};
/// let n = Name::parse("Stevenson;John;Philip,Paul;Dr.;Jr.,M.D.,A.C.P.", Version::V4_0);
/// assert_eq!(n.additional, ["Philip", "Paul"]);
/// assert_eq!(n.format(Version::V4_0), "Stevenson;John;Philip,Paul;Dr.;Jr.,M.D.,A.C.P.");
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Name {
    /// Family names (surnames).
    pub family: Vec<String>,
    /// Given names.
    pub given: Vec<String>,
    /// Additional names.
    pub additional: Vec<String>,
    /// Honorific prefixes.
    pub prefixes: Vec<String>,
    /// Honorific suffixes.
    pub suffixes: Vec<String>,
    /// Secondary surnames (RFC 9554).
    pub surname2: Vec<String>,
    /// Generation markers (RFC 9554).
    pub generation: Vec<String>,
}

impl Name {
    /// Reads an N value. Missing components are empty.
    pub fn parse(value: &str, version: Version) -> Name {
        let mut it = parse_structured(value, true, version).into_iter();
        Name {
            family: take(&mut it),
            given: take(&mut it),
            additional: take(&mut it),
            prefixes: take(&mut it),
            suffixes: take(&mut it),
            surname2: take(&mut it),
            generation: take(&mut it),
        }
    }

    /// The components in order, as lists.
    pub fn components(&self) -> [&Vec<String>; 7] {
        [
            &self.family,
            &self.given,
            &self.additional,
            &self.prefixes,
            &self.suffixes,
            &self.surname2,
            &self.generation,
        ]
    }

    /// Writes the value: five components, seven when a RFC 9554 component is set.
    pub fn format(&self, version: Version) -> String {
        let comps = self.components();
        let n = if self.surname2.is_empty() && self.generation.is_empty() {
            5
        } else {
            7
        };
        let list: Vec<Vec<String>> = comps.iter().take(n).map(|c| put(c)).collect();
        format_structured(&list, version)
    }
}

/// The ADR value (RFC 6350 §6.3.1 with the components of RFC 9554 §2.1).
///
/// ```
/// use kalends_vcard::{value::Address, Version};
/// let a = Address::parse(";;123 Main Street;Any Town;CA;91921-1234;U.S.A.", Version::V4_0);
/// assert_eq!(a.locality, ["Any Town"]);
/// assert!(!a.has_rfc9554_components());
/// # let _ = a;
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Address {
    /// Post office box.
    pub po_box: Vec<String>,
    /// Extended address (apartment, suite).
    pub extended: Vec<String>,
    /// Street address.
    pub street: Vec<String>,
    /// Locality (city).
    pub locality: Vec<String>,
    /// Region (state, province).
    pub region: Vec<String>,
    /// Postal code.
    pub postal_code: Vec<String>,
    /// Country name.
    pub country: Vec<String>,
    /// Room, suite number or identifier (RFC 9554).
    pub room: Vec<String>,
    /// Apartment number, extension designation or box number (RFC 9554).
    pub apartment: Vec<String>,
    /// Building floor or level (RFC 9554).
    pub floor: Vec<String>,
    /// Street number (RFC 9554).
    pub street_number: Vec<String>,
    /// Street name (RFC 9554).
    pub street_name: Vec<String>,
    /// Building, tower or condominium (RFC 9554).
    pub building: Vec<String>,
    /// Block name or number (RFC 9554).
    pub block: Vec<String>,
    /// Subdistrict (RFC 9554).
    pub subdistrict: Vec<String>,
    /// District (RFC 9554).
    pub district: Vec<String>,
    /// Landmark (RFC 9554).
    pub landmark: Vec<String>,
    /// Cardinal direction or quadrant (RFC 9554).
    pub direction: Vec<String>,
}

impl Address {
    /// Reads an ADR value. Missing components are empty.
    pub fn parse(value: &str, version: Version) -> Address {
        let mut it = parse_structured(value, true, version).into_iter();
        Address {
            po_box: take(&mut it),
            extended: take(&mut it),
            street: take(&mut it),
            locality: take(&mut it),
            region: take(&mut it),
            postal_code: take(&mut it),
            country: take(&mut it),
            room: take(&mut it),
            apartment: take(&mut it),
            floor: take(&mut it),
            street_number: take(&mut it),
            street_name: take(&mut it),
            building: take(&mut it),
            block: take(&mut it),
            subdistrict: take(&mut it),
            district: take(&mut it),
            landmark: take(&mut it),
            direction: take(&mut it),
        }
    }

    /// The eighteen components in order.
    pub fn components(&self) -> [&Vec<String>; 18] {
        [
            &self.po_box,
            &self.extended,
            &self.street,
            &self.locality,
            &self.region,
            &self.postal_code,
            &self.country,
            &self.room,
            &self.apartment,
            &self.floor,
            &self.street_number,
            &self.street_name,
            &self.building,
            &self.block,
            &self.subdistrict,
            &self.district,
            &self.landmark,
            &self.direction,
        ]
    }

    /// True when any component of RFC 9554 (room … direction) has a value.
    pub fn has_rfc9554_components(&self) -> bool {
        self.components().iter().skip(7).any(|c| !c.is_empty())
    }

    /// Writes the value: seven components, eighteen when a RFC 9554
    /// component is set.
    pub fn format(&self, version: Version) -> String {
        let n = if self.has_rfc9554_components() { 18 } else { 7 };
        let list: Vec<Vec<String>> = self.components().iter().take(n).map(|c| put(c)).collect();
        format_structured(&list, version)
    }
}

/// The ORG value: organization name then units (RFC 6350 §6.6.4). A
/// component is one text value (commas in it are literal).
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Organization {
    /// The organization name (may be empty when only units are given).
    pub name: String,
    /// The units, from the largest to the smallest.
    pub units: Vec<String>,
}

impl Organization {
    /// Reads an ORG value.
    pub fn parse(value: &str, version: Version) -> Organization {
        let mut it = parse_structured(value, false, version)
            .into_iter()
            .map(|c| c.concat());
        Organization {
            name: it.next().unwrap_or_default(),
            units: it.collect(),
        }
    }

    /// Writes the value.
    pub fn format(&self, version: Version) -> String {
        let list: Vec<Vec<String>> = std::iter::once(&self.name)
            .chain(&self.units)
            .map(|s| vec![s.clone()])
            .collect();
        format_structured(&list, version)
    }
}

/// The GENDER value (RFC 6350 §6.2.7): sex (`M`, `F`, `O`, `N`, `U` or
/// empty) and a free-text gender identity.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Gender {
    /// The sex component.
    pub sex: String,
    /// The gender identity component.
    pub identity: Option<String>,
}

impl Gender {
    /// Reads a GENDER value.
    pub fn parse(value: &str, version: Version) -> Gender {
        let mut it = parse_structured(value, false, version)
            .into_iter()
            .map(|c| c.concat());
        Gender {
            sex: it.next().unwrap_or_default(),
            identity: it.next(),
        }
    }

    /// Writes the value.
    pub fn format(&self, version: Version) -> String {
        let mut list = vec![vec![self.sex.clone()]];
        if let Some(i) = &self.identity {
            list.push(vec![i.clone()]);
        }
        format_structured(&list, version)
    }
}

/// The CLIENTPIDMAP value (RFC 6350 §6.7.7): a source identifier and a URI.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ClientPidMap {
    /// The source identifier (the first number of a PID).
    pub source: u32,
    /// The URI of the client.
    pub uri: String,
}

impl ClientPidMap {
    /// Reads a CLIENTPIDMAP value.
    pub fn parse(value: &str) -> Result<ClientPidMap, Error> {
        let (num, uri) = value
            .split_once(';')
            .ok_or_else(|| bad("CLIENTPIDMAP", value, "it needs `number;URI`"))?;
        let source = num
            .trim()
            .parse()
            .map_err(|_| bad("CLIENTPIDMAP", value, "the source is not a number"))?;
        Ok(ClientPidMap {
            source,
            uri: uri.to_owned(),
        })
    }

    /// Writes the value.
    pub fn format(&self) -> String {
        format!("{};{}", self.source, self.uri)
    }
}

/// A geographic position: latitude and longitude in degrees. vCard 4.0
/// writes it as a `geo:` URI (RFC 6350 §6.5.2, RFC 5870), vCard 3.0 as
/// `lat;lon` floats (RFC 2426 §3.4.2).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Geo {
    /// Latitude, −90 to 90.
    pub latitude: f64,
    /// Longitude, −180 to 180.
    pub longitude: f64,
}

impl Geo {
    /// Reads a `geo:` URI (parameters after `;` and an altitude are
    /// ignored) or a vCard 3.0 `lat;lon` / `lat,lon` pair.
    ///
    /// ```
    /// use kalends_vcard::value::Geo;
    /// let g = Geo::parse("geo:37.386013,-122.082932")?;
    /// assert_eq!(g.to_v3(), "37.386013;-122.082932");
    /// assert_eq!(Geo::parse("37.386013;-122.082932")?.to_uri(), "geo:37.386013,-122.082932");
    /// # Ok::<(), kalends_vcard::Error>(())
    /// ```
    pub fn parse(value: &str) -> Result<Geo, Error> {
        let v = value.trim();
        let (body, sep) = match v.get(..4) {
            Some(p) if p.eq_ignore_ascii_case("geo:") => {
                let rest = v.get(4..).unwrap_or("");
                (rest.split(';').next().unwrap_or(""), ',')
            }
            _ => (v, if v.contains(';') { ';' } else { ',' }),
        };
        let body = body.replace("\\,", ",");
        let mut parts = body.split(sep);
        let lat = parts.next().and_then(|s| s.trim().parse::<f64>().ok());
        let lon = parts.next().and_then(|s| s.trim().parse::<f64>().ok());
        match (lat, lon) {
            (Some(latitude), Some(longitude))
                if latitude.is_finite()
                    && longitude.is_finite()
                    && (-90.0..=90.0).contains(&latitude)
                    && (-180.0..=180.0).contains(&longitude) =>
            {
                Ok(Geo {
                    latitude,
                    longitude,
                })
            }
            _ => Err(bad(
                "GEO",
                value,
                "it needs a latitude and a longitude in degrees",
            )),
        }
    }

    /// The `geo:` URI.
    pub fn to_uri(&self) -> String {
        format!("geo:{},{}", self.latitude, self.longitude)
    }

    /// The vCard 3.0 form `lat;lon`.
    pub fn to_v3(&self) -> String {
        format!("{};{}", self.latitude, self.longitude)
    }
}

fn bad(what: &str, value: &str, why: &str) -> Error {
    Error::new(
        ErrorKind::InvalidValue,
        format!("the {what} value `{}` is not valid: {why}.", excerpt(value)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn name_with_rfc9554_components() {
        let n = Name::parse("Stevenson;John;Philip,Paul;;Jr.,M.D.;;Jr.", Version::V4_0);
        assert_eq!(n.generation, ["Jr."]);
        assert_eq!(
            n.format(Version::V4_0),
            "Stevenson;John;Philip,Paul;;Jr.,M.D.;;Jr."
        );
        let short = Name::parse("Doe", Version::V4_0);
        assert_eq!(short.format(Version::V4_0), "Doe;;;;");
    }

    #[test]
    fn address_rfc9554_example() {
        // RFC 9554 §2.1 example.
        let a = Address::parse(
            ";;123 Main Street;Any Town;CA;91921-1234;U.S.A;;;;123;Main Street;;;;;;",
            Version::V4_0,
        );
        assert_eq!(a.street_number, ["123"]);
        assert_eq!(a.street_name, ["Main Street"]);
        assert!(a.has_rfc9554_components());
        assert_eq!(
            a.format(Version::V4_0),
            ";;123 Main Street;Any Town;CA;91921-1234;U.S.A;;;;123;Main Street;;;;;;"
        );
    }

    #[test]
    fn org_and_gender() {
        let o = Organization::parse(
            "ABC\\, Inc.;North American Division;Marketing",
            Version::V4_0,
        );
        assert_eq!(o.name, "ABC, Inc.");
        assert_eq!(o.units.len(), 2);
        assert_eq!(
            o.format(Version::V4_0),
            "ABC\\, Inc.;North American Division;Marketing"
        );
        let g = Gender::parse("O;intersex", Version::V4_0);
        assert_eq!(
            (g.sex.as_str(), g.identity.as_deref()),
            ("O", Some("intersex"))
        );
        assert_eq!(Gender::parse(";it's complicated", Version::V4_0).sex, "");
    }

    #[test]
    fn client_pid_map() {
        let c = ClientPidMap::parse("1;urn:uuid:3df403f4-5924-4bb7-b077-3c711d9eb34b").unwrap();
        assert_eq!(c.source, 1);
        assert!(ClientPidMap::parse("x;y").is_err());
    }

    #[test]
    fn geo_bounds() {
        assert!(Geo::parse("geo:91,0").is_err());
        assert!(Geo::parse("geo:46.772673\\,-71.282945").is_ok());
    }
}
