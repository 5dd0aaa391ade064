//! The JSContact data model (RFC 9553 §2) with serde.
//!
//! Every object keeps `@type`, the RFC 9555 properties `vCardName` and
//! `vCardParams` (allowed on any object, §2.15), and every property this
//! crate does not know (unknown and vendor-specific ones, RFC 9553 §1.7.4
//! and §1.8.1) in its `extra` map, so reading and writing JSON loses
//! nothing. Properties are optional in the types even where RFC 9553 makes
//! them mandatory, so that incomplete input can be read and then checked
//! with [`Card::validate`].

use serde::de::{self, Deserializer};
use serde::{Deserialize, Serialize, Serializer};
use serde_json::{Map, Value as Json};

use super::map::OrderedMap;

/// `Id[T]` and `String[T]` maps (RFC 9553 §1.4.1).
pub type IdMap<T> = OrderedMap<T>;

/// A `String[Boolean]` set whose values are `true` (contexts, features, keywords …).
pub type BoolSet = OrderedMap<bool>;

/// A PatchObject (RFC 9553 §1.4.3): JSON pointers (without the leading `/`)
/// to values.
pub type PatchObject = Map<String, Json>;

macro_rules! object {
    ($(#[$m:meta])* $name:ident { $( $(#[$fm:meta])* $field:ident : $ty:ty ),* $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
        #[serde(rename_all = "camelCase")]
        pub struct $name {
            /// `@type`, when set (RFC 9553 §1.3.4).
            #[serde(rename = "@type", default, skip_serializing_if = "Option::is_none")]
            pub type_: Option<String>,
            $( $(#[$fm])* #[serde(default, skip_serializing_if = "Option::is_none")] pub $field: Option<$ty>, )*
            /// `vCardName` (RFC 9555 §2.15.3): the vCard property this object came from.
            #[serde(rename = "vCardName", default, skip_serializing_if = "Option::is_none")]
            pub vcard_name: Option<String>,
            /// `vCardParams` (RFC 9555 §2.15.2): vCard parameters without a JSContact counterpart.
            #[serde(rename = "vCardParams", default, skip_serializing_if = "Option::is_none")]
            pub vcard_params: Option<Map<String, Json>>,
            /// Unknown and vendor-specific properties, kept as read.
            #[serde(flatten)]
            pub extra: Map<String, Json>,
        }
    };
}

object! {
    /// A JSContact Card (RFC 9553 §2).
    ///
    /// ```
    /// use kalends_vcard::jscontact::Card;
    /// let card: Card = serde_json::from_str(r#"{"@type": "Card", "version": "1.0",
    ///     "uid": "22B2C7DF-9120-4969-8460-05956FE6B065", "kind": "individual",
    ///     "name": {"components": [{"kind": "given", "value": "John"}, {"kind": "surname", "value": "Doe"}],
    ///              "isOrdered": true},
    ///     "example.com:foo": 1}"#)?;
    /// assert_eq!(card.name.as_ref().and_then(|n| n.is_ordered), Some(true));
    /// assert_eq!(card.extra["example.com:foo"], 1);
    /// assert!(card.validate().is_ok());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    Card {
        /// `version` (§2.1.2), `"1.0"`.
        version: String,
        /// `created` (§2.1.3), a UTCDateTime.
        created: String,
        /// `kind` (§2.1.4).
        kind: String,
        /// `language` (§2.1.5).
        language: String,
        /// `members` (§2.1.6).
        members: BoolSet,
        /// `prodId` (§2.1.7).
        prod_id: String,
        /// `relatedTo` (§2.1.8).
        related_to: IdMap<Relation>,
        /// `uid` (§2.1.9).
        uid: String,
        /// `updated` (§2.1.10), a UTCDateTime.
        updated: String,
        /// `name` (§2.2.1).
        name: Name,
        /// `nicknames` (§2.2.2).
        nicknames: IdMap<Nickname>,
        /// `organizations` (§2.2.3).
        organizations: IdMap<Organization>,
        /// `speakToAs` (§2.2.4).
        speak_to_as: SpeakToAs,
        /// `titles` (§2.2.5).
        titles: IdMap<Title>,
        /// `emails` (§2.3.1).
        emails: IdMap<EmailAddress>,
        /// `onlineServices` (§2.3.2).
        online_services: IdMap<OnlineService>,
        /// `phones` (§2.3.3).
        phones: IdMap<Phone>,
        /// `preferredLanguages` (§2.3.4).
        preferred_languages: IdMap<LanguagePref>,
        /// `calendars` (§2.4.1).
        calendars: IdMap<Resource>,
        /// `schedulingAddresses` (§2.4.2).
        scheduling_addresses: IdMap<SchedulingAddress>,
        /// `addresses` (§2.5.1).
        addresses: IdMap<Address>,
        /// `cryptoKeys` (§2.6.1).
        crypto_keys: IdMap<Resource>,
        /// `directories` (§2.6.2).
        directories: IdMap<Resource>,
        /// `links` (§2.6.3).
        links: IdMap<Resource>,
        /// `media` (§2.6.4).
        media: IdMap<Resource>,
        /// `localizations` (§2.7.1): language tag to PatchObject.
        localizations: IdMap<PatchObject>,
        /// `anniversaries` (§2.8.1).
        anniversaries: IdMap<Anniversary>,
        /// `keywords` (§2.8.2).
        keywords: BoolSet,
        /// `notes` (§2.8.3).
        notes: IdMap<Note>,
        /// `personalInfo` (§2.8.4).
        personal_info: IdMap<PersonalInfo>,
        /// `vCardProps` (RFC 9555 §2.15.1): jCard properties without a JSContact counterpart.
        #[serde(rename = "vCardProps")]
        vcard_props: Vec<Json>,
    }
}

object! {
    /// A Relation (RFC 9553 §2.1.8).
    Relation {
        /// The relation types.
        relation: BoolSet,
    }
}

object! {
    /// A Name (RFC 9553 §2.2.1.1).
    Name {
        /// The components.
        components: Vec<NameComponent>,
        /// True when the components are in order.
        is_ordered: bool,
        /// The default separator of ordered components.
        default_separator: String,
        /// The full name.
        full: String,
        /// Sort values by component kind.
        sort_as: IdMap<String>,
        /// Script of the phonetic values.
        phonetic_script: String,
        /// Phonetic system of the phonetic values.
        phonetic_system: String,
    }
}

object! {
    /// A NameComponent (RFC 9553 §2.2.1.2).
    NameComponent {
        /// The value.
        value: String,
        /// `title`, `given`, `given2`, `surname`, `surname2`, `credential`, `generation` or `separator`.
        kind: String,
        /// The pronunciation.
        phonetic: String,
    }
}

object! {
    /// A Nickname (RFC 9553 §2.2.2).
    Nickname {
        /// The nickname.
        name: String,
        /// Contexts.
        contexts: BoolSet,
        /// Preference, 1–100.
        pref: u32,
    }
}

object! {
    /// An Organization (RFC 9553 §2.2.3).
    Organization {
        /// The name.
        name: String,
        /// The units, largest first.
        units: Vec<OrgUnit>,
        /// Sort value.
        sort_as: String,
        /// Contexts.
        contexts: BoolSet,
    }
}

object! {
    /// An OrgUnit (RFC 9553 §2.2.3).
    OrgUnit {
        /// The name.
        name: String,
        /// Sort value.
        sort_as: String,
    }
}

object! {
    /// SpeakToAs (RFC 9553 §2.2.4).
    SpeakToAs {
        /// The grammatical gender.
        grammatical_gender: String,
        /// Pronouns by id.
        pronouns: IdMap<Pronouns>,
    }
}

object! {
    /// Pronouns (RFC 9553 §2.2.4).
    Pronouns {
        /// The pronouns.
        pronouns: String,
        /// Contexts.
        contexts: BoolSet,
        /// Preference.
        pref: u32,
    }
}

object! {
    /// A Title (RFC 9553 §2.2.5).
    Title {
        /// The title or role name.
        name: String,
        /// `title` (default) or `role`.
        kind: String,
        /// The id of the organization.
        organization_id: String,
    }
}

object! {
    /// An EmailAddress (RFC 9553 §2.3.1).
    EmailAddress {
        /// The address.
        address: String,
        /// Contexts.
        contexts: BoolSet,
        /// Preference.
        pref: u32,
        /// Label.
        label: String,
    }
}

object! {
    /// An OnlineService (RFC 9553 §2.3.2).
    OnlineService {
        /// The service name.
        service: String,
        /// The URI.
        uri: String,
        /// The user name.
        user: String,
        /// Contexts.
        contexts: BoolSet,
        /// Preference.
        pref: u32,
        /// Label.
        label: String,
    }
}

object! {
    /// A Phone (RFC 9553 §2.3.3).
    Phone {
        /// The number, a URI or text.
        number: String,
        /// Features (`mobile`, `voice`, `text`, …).
        features: BoolSet,
        /// Contexts.
        contexts: BoolSet,
        /// Preference.
        pref: u32,
        /// Label.
        label: String,
    }
}

object! {
    /// A LanguagePref (RFC 9553 §2.3.4).
    LanguagePref {
        /// The language tag.
        language: String,
        /// Contexts.
        contexts: BoolSet,
        /// Preference.
        pref: u32,
    }
}

object! {
    /// A Resource: Calendar, CryptoKey, Directory, Link or Media (RFC 9553
    /// §1.4.4, §2.4.1, §2.6).
    Resource {
        /// The kind.
        kind: String,
        /// The URI.
        uri: String,
        /// The media type.
        media_type: String,
        /// Contexts.
        contexts: BoolSet,
        /// Preference.
        pref: u32,
        /// Label.
        label: String,
        /// Directory position (Directory only).
        list_as: u32,
    }
}

object! {
    /// A SchedulingAddress (RFC 9553 §2.4.2).
    SchedulingAddress {
        /// The URI.
        uri: String,
        /// Contexts.
        contexts: BoolSet,
        /// Preference.
        pref: u32,
        /// Label.
        label: String,
    }
}

object! {
    /// An Address (RFC 9553 §2.5.1.1).
    Address {
        /// The components.
        components: Vec<AddressComponent>,
        /// True when the components are in order.
        is_ordered: bool,
        /// ISO 3166-1 alpha-2 country code.
        country_code: String,
        /// A `geo:` URI.
        coordinates: String,
        /// An IANA time zone name.
        time_zone: String,
        /// Contexts (`private`, `work`, `billing`, `delivery`).
        contexts: BoolSet,
        /// The full address.
        full: String,
        /// The default separator of ordered components.
        default_separator: String,
        /// Preference.
        pref: u32,
        /// Script of the phonetic values.
        phonetic_script: String,
        /// Phonetic system of the phonetic values.
        phonetic_system: String,
    }
}

object! {
    /// An AddressComponent (RFC 9553 §2.5.1.2).
    AddressComponent {
        /// The value.
        value: String,
        /// The kind (`number`, `name`, `locality`, …, `separator`).
        kind: String,
        /// The pronunciation.
        phonetic: String,
    }
}

object! {
    /// An Anniversary (RFC 9553 §2.8.1).
    Anniversary {
        /// `birth`, `death` or `wedding`.
        kind: String,
        /// The date.
        date: AnniversaryDate,
        /// The place.
        place: Address,
    }
}

object! {
    /// A PartialDate (RFC 9553 §2.8.1).
    PartialDate {
        /// Year.
        year: u32,
        /// Month, 1–12.
        month: u32,
        /// Day, 1–31.
        day: u32,
        /// Calendar system (lowercase).
        calendar_scale: String,
    }
}

object! {
    /// A Timestamp (RFC 9553 §2.8.1).
    TimestampObject {
        /// A UTCDateTime.
        utc: String,
    }
}

/// The date of an Anniversary: `PartialDate|Timestamp (defaultType:
/// PartialDate)`; a Timestamp has `"@type": "Timestamp"`.
#[derive(Debug, Clone, PartialEq)]
pub enum AnniversaryDate {
    /// A whole or partial date.
    Partial(PartialDate),
    /// A UTC timestamp.
    Timestamp(TimestampObject),
}

impl Default for AnniversaryDate {
    fn default() -> Self {
        AnniversaryDate::Partial(PartialDate::default())
    }
}

impl Serialize for AnniversaryDate {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            AnniversaryDate::Partial(p) => p.serialize(serializer),
            AnniversaryDate::Timestamp(t) => t.serialize(serializer),
        }
    }
}

impl<'de> Deserialize<'de> for AnniversaryDate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let map = Map::<String, Json>::deserialize(deserializer)?;
        let is_ts = map.get("@type").and_then(Json::as_str) == Some("Timestamp");
        let v = Json::Object(map);
        if is_ts {
            TimestampObject::deserialize(v)
                .map(AnniversaryDate::Timestamp)
                .map_err(de::Error::custom)
        } else {
            PartialDate::deserialize(v)
                .map(AnniversaryDate::Partial)
                .map_err(de::Error::custom)
        }
    }
}

object! {
    /// A Note (RFC 9553 §2.8.3).
    Note {
        /// The text.
        note: String,
        /// When created, a UTCDateTime.
        created: String,
        /// The author.
        author: Author,
    }
}

object! {
    /// An Author (RFC 9553 §2.8.3).
    Author {
        /// The name.
        name: String,
        /// A URI.
        uri: String,
    }
}

object! {
    /// A PersonalInfo (RFC 9553 §2.8.4).
    PersonalInfo {
        /// `expertise`, `hobby` or `interest`.
        kind: String,
        /// The information.
        value: String,
        /// `high`, `medium` or `low`.
        level: String,
        /// Position in the list of its kind.
        list_as: u32,
        /// Label.
        label: String,
    }
}
