//! Typed property values with the parameters that belong to them, and the
//! [`PropertyValue`] trait that reads them from and writes them to a
//! [`Property`].

use std::borrow::Cow;

use super::enums::{
    Action, Class, CuType, Display, FbType, Feature, Method, PartStat, ParticipantType, RelType,
    Related, ResourceType, Role, ScheduleAgent, Status, Transparency,
};
use crate::contentline::Parameter;
use crate::error::{Error, ErrorKind};
use crate::tree::Property;
use crate::value::{
    CalAddress, DateList, DateOrDateTime, DateTime, Duration, Geo, Period, Recur, Uri, UtcOffset,
    ValueType, decode_base64, encode_base64, escape_text, parse_boolean, parse_integer,
    split_text_list, split_unescaped, unescape_text,
};

/// A typed property value: read from a [`Property`] and written back as one.
///
/// Implemented for every value type the views use; implement it for your
/// own types to use them with [`super::get`] and [`super::get_all`].
///
/// ```
/// use kalends_ical_core::Property;
/// use kalends_ical_core::views::{PropertyValue, Text};
/// let p = Property::text("SUMMARY", "Lunch, with Jo");
/// let text = Text::decode(&p)?;
/// assert_eq!(&*text, "Lunch, with Jo");
/// assert_eq!(text.encode("SUMMARY"), p);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub trait PropertyValue<'t>: Sized {
    /// Reads the value (and its parameters) from `property`.
    fn decode(property: &'t Property<'_>) -> Result<Self, Error>;
    /// Writes the value as a property named `name`.
    fn encode(&self, name: &str) -> Property<'static>;
}

fn param<'t>(p: &'t Property<'_>, name: &str) -> Option<Cow<'t, str>> {
    p.param(name).and_then(|x| x.value())
}

fn params<'t>(p: &'t Property<'_>, name: &str) -> Vec<Cow<'t, str>> {
    p.params()
        .iter()
        .filter(|x| x.is(name))
        .flat_map(|x| x.values())
        .collect()
}

fn with_opt(p: Property<'static>, name: &str, value: Option<&str>) -> Property<'static> {
    match value {
        Some(v) => p.with_param(Parameter::new(name.to_owned(), v)),
        None => p,
    }
}

fn with_list<S: AsRef<str>>(p: Property<'static>, name: &str, values: &[S]) -> Property<'static> {
    if values.is_empty() {
        p
    } else {
        p.with_param(Parameter::with_values(
            name.to_owned(),
            values.iter().map(AsRef::as_ref),
        ))
    }
}

fn value_type<'t>(p: &'t Property<'_>) -> Option<Cow<'t, str>> {
    param(p, "VALUE")
}

fn is_value(p: &Property<'_>, t: &str) -> bool {
    value_type(p).is_some_and(|v| v.eq_ignore_ascii_case(t))
}

fn invalid(message: String) -> Error {
    Error::new(ErrorKind::InvalidValue, message)
}

/// TEXT, unescaped (RFC 5545 §3.3.11), for identifiers and names whose
/// parameters do not matter (UID, PRODID, VERSION, TZID …).
impl<'t> PropertyValue<'t> for Cow<'t, str> {
    fn decode(p: &'t Property<'_>) -> Result<Self, Error> {
        Ok(p.text_value())
    }
    fn encode(&self, name: &str) -> Property<'static> {
        Property::text(name.to_owned(), self)
    }
}

/// A TEXT value with its LANGUAGE and ALTREP parameters (RFC 5545
/// §3.3.11, §3.2.10, §3.2.1): SUMMARY, DESCRIPTION, LOCATION, COMMENT …
///
/// Dereferences to the text.
///
/// ```
/// use kalends_ical_core::views::Text;
/// let t = Text::from("Réunion").with_language("fr");
/// assert_eq!(&*t, "Réunion");
/// assert_eq!(t.language.as_deref(), Some("fr"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Text<'t> {
    /// The text, unescaped.
    pub text: Cow<'t, str>,
    /// LANGUAGE (RFC 5545 §3.2.10), a language tag.
    pub language: Option<Cow<'t, str>>,
    /// ALTREP (RFC 5545 §3.2.1), a URI of an alternate representation.
    pub altrep: Option<Cow<'t, str>>,
}

impl<'t> Text<'t> {
    /// The same text with a LANGUAGE parameter.
    #[must_use]
    pub fn with_language(mut self, language: impl Into<Cow<'t, str>>) -> Self {
        self.language = Some(language.into());
        self
    }

    /// The same text with an ALTREP parameter.
    #[must_use]
    pub fn with_altrep(mut self, altrep: impl Into<Cow<'t, str>>) -> Self {
        self.altrep = Some(altrep.into());
        self
    }
}

impl std::ops::Deref for Text<'_> {
    type Target = str;
    fn deref(&self) -> &str {
        &self.text
    }
}

impl<'t> From<&'t str> for Text<'t> {
    fn from(s: &'t str) -> Self {
        Text {
            text: Cow::Borrowed(s),
            language: None,
            altrep: None,
        }
    }
}

impl From<String> for Text<'_> {
    fn from(s: String) -> Self {
        Text {
            text: Cow::Owned(s),
            language: None,
            altrep: None,
        }
    }
}

impl<'t> PropertyValue<'t> for Text<'t> {
    fn decode(p: &'t Property<'_>) -> Result<Self, Error> {
        Ok(Text {
            text: p.text_value(),
            language: param(p, "LANGUAGE"),
            altrep: param(p, "ALTREP"),
        })
    }
    fn encode(&self, name: &str) -> Property<'static> {
        let p = Property::text(name.to_owned(), &self.text);
        let p = with_opt(p, "ALTREP", self.altrep.as_deref());
        with_opt(p, "LANGUAGE", self.language.as_deref())
    }
}

/// A comma-separated TEXT list with its LANGUAGE: CATEGORIES, RESOURCES
/// (RFC 5545 §3.8.1.2, §3.8.1.10), LOCATION-TYPE (RFC 9073 §6.1).
///
/// ```
/// use kalends_ical_core::views::TextList;
/// let list = TextList::from(["APPOINTMENT", "EDUCATION, training"]);
/// assert_eq!(list.items.len(), 2);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TextList<'t> {
    /// The items, unescaped.
    pub items: Vec<Cow<'t, str>>,
    /// LANGUAGE (RFC 5545 §3.2.10).
    pub language: Option<Cow<'t, str>>,
}

impl<'t, const N: usize> From<[&'t str; N]> for TextList<'t> {
    fn from(items: [&'t str; N]) -> Self {
        TextList {
            items: items.into_iter().map(Cow::Borrowed).collect(),
            language: None,
        }
    }
}

impl<'t> From<Vec<&'t str>> for TextList<'t> {
    fn from(items: Vec<&'t str>) -> Self {
        TextList {
            items: items.into_iter().map(Cow::Borrowed).collect(),
            language: None,
        }
    }
}

impl<'t> PropertyValue<'t> for TextList<'t> {
    fn decode(p: &'t Property<'_>) -> Result<Self, Error> {
        Ok(TextList {
            items: split_text_list(p.value()).collect(),
            language: param(p, "LANGUAGE"),
        })
    }
    fn encode(&self, name: &str) -> Property<'static> {
        let value: Vec<String> = self
            .items
            .iter()
            .map(|s| escape_text(s).into_owned())
            .collect();
        with_opt(
            Property::new(name.to_owned(), value.join(",")),
            "LANGUAGE",
            self.language.as_deref(),
        )
    }
}

/// A DATE or DATE-TIME with its TZID (RFC 5545 §3.3.4, §3.3.5, §3.2.19):
/// DTSTART, DTEND, DUE.
///
/// ```
/// use kalends_ical_core::views::When;
/// use kalends_ical_core::value::DateTime;
/// let start = When::zoned("20240105T090000".parse::<DateTime>()?, "Europe/Berlin");
/// assert_eq!(start.tzid.as_deref(), Some("Europe/Berlin"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct When<'t> {
    /// The date or date-time.
    pub value: DateOrDateTime,
    /// TZID, for a local date-time in a named zone.
    pub tzid: Option<Cow<'t, str>>,
}

impl<'t> When<'t> {
    /// A local date-time in the zone `tzid`.
    pub fn zoned(value: DateTime, tzid: impl Into<Cow<'t, str>>) -> When<'t> {
        When {
            value: DateOrDateTime::DateTime(value),
            tzid: Some(tzid.into()),
        }
    }
}

impl From<DateOrDateTime> for When<'_> {
    fn from(value: DateOrDateTime) -> Self {
        When { value, tzid: None }
    }
}

impl From<DateTime> for When<'_> {
    fn from(value: DateTime) -> Self {
        When {
            value: DateOrDateTime::DateTime(value),
            tzid: None,
        }
    }
}

impl From<crate::value::Date> for When<'_> {
    fn from(value: crate::value::Date) -> Self {
        When {
            value: DateOrDateTime::Date(value),
            tzid: None,
        }
    }
}

fn decode_when(p: &Property<'_>) -> Result<DateOrDateTime, Error> {
    let v = DateOrDateTime::parse(p.value())?;
    if is_value(p, "DATE") != v.is_date() {
        return Err(invalid(format!(
            "the value `{}` is a {} but the VALUE parameter says {} (RFC 5545 §3.2.20).",
            p.value(),
            if v.is_date() { "DATE" } else { "DATE-TIME" },
            value_type(p).as_deref().unwrap_or("DATE-TIME")
        )));
    }
    Ok(v)
}

fn encode_when(name: &str, value: &DateOrDateTime, tzid: Option<&str>) -> Property<'static> {
    let p = Property::new(name.to_owned(), value.to_string());
    let p = with_opt(p, "TZID", tzid);
    if value.is_date() {
        p.with_param(Parameter::new("VALUE", "DATE"))
    } else {
        p
    }
}

impl<'t> PropertyValue<'t> for When<'t> {
    fn decode(p: &'t Property<'_>) -> Result<Self, Error> {
        Ok(When {
            value: decode_when(p)?,
            tzid: param(p, "TZID"),
        })
    }
    fn encode(&self, name: &str) -> Property<'static> {
        encode_when(name, &self.value, self.tzid.as_deref())
    }
}

/// RECURRENCE-ID: the instance's original start and whether the change
/// applies to later instances too (RFC 5545 §3.8.4.4, §3.2.13).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecurrenceId<'t> {
    /// The original start, with its TZID.
    pub when: When<'t>,
    /// `RANGE=THISANDFUTURE`.
    pub this_and_future: bool,
}

impl<'t> From<When<'t>> for RecurrenceId<'t> {
    fn from(when: When<'t>) -> Self {
        RecurrenceId {
            when,
            this_and_future: false,
        }
    }
}

impl From<DateTime> for RecurrenceId<'_> {
    fn from(value: DateTime) -> Self {
        RecurrenceId {
            when: value.into(),
            this_and_future: false,
        }
    }
}

impl<'t> PropertyValue<'t> for RecurrenceId<'t> {
    fn decode(p: &'t Property<'_>) -> Result<Self, Error> {
        let this_and_future =
            param(p, "RANGE").is_some_and(|r| r.eq_ignore_ascii_case("THISANDFUTURE"));
        Ok(RecurrenceId {
            when: When::decode(p)?,
            this_and_future,
        })
    }
    fn encode(&self, name: &str) -> Property<'static> {
        let p = self.when.encode(name);
        if self.this_and_future {
            p.with_param(Parameter::new("RANGE", "THISANDFUTURE"))
        } else {
            p
        }
    }
}

/// A DATE-TIME without TZID: DTSTAMP, CREATED, LAST-MODIFIED, COMPLETED
/// (in UTC, RFC 5545 §3.8.7, §3.8.2.1), TZUNTIL (RFC 7808 §7.2).
impl<'t> PropertyValue<'t> for DateTime {
    fn decode(p: &'t Property<'_>) -> Result<Self, Error> {
        DateTime::parse(p.value())
    }
    fn encode(&self, name: &str) -> Property<'static> {
        Property::new(name.to_owned(), self.to_string())
    }
}

/// DURATION, REFRESH-INTERVAL (RFC 5545 §3.8.2.5, RFC 7986 §5.7; the
/// latter is written with `VALUE=DURATION`, which its grammar requires).
impl<'t> PropertyValue<'t> for Duration {
    fn decode(p: &'t Property<'_>) -> Result<Self, Error> {
        Duration::parse(p.value())
    }
    fn encode(&self, name: &str) -> Property<'static> {
        let p = Property::new(name.to_owned(), self.to_string());
        if name.eq_ignore_ascii_case("REFRESH-INTERVAL") {
            p.with_param(Parameter::new("VALUE", "DURATION"))
        } else {
            p
        }
    }
}

/// INTEGER: SEQUENCE, PRIORITY, PERCENT-COMPLETE, REPEAT (RFC 5545 §3.3.8).
impl<'t> PropertyValue<'t> for i32 {
    fn decode(p: &'t Property<'_>) -> Result<Self, Error> {
        parse_integer(p.value())
    }
    fn encode(&self, name: &str) -> Property<'static> {
        Property::new(name.to_owned(), self.to_string())
    }
}

/// GEO (RFC 5545 §3.8.1.6).
impl<'t> PropertyValue<'t> for Geo {
    fn decode(p: &'t Property<'_>) -> Result<Self, Error> {
        Geo::parse(p.value())
    }
    fn encode(&self, name: &str) -> Property<'static> {
        Property::new(name.to_owned(), self.to_string())
    }
}

/// RRULE (RFC 5545 §3.8.5.3, RFC 7529).
impl<'t> PropertyValue<'t> for Recur {
    fn decode(p: &'t Property<'_>) -> Result<Self, Error> {
        Recur::parse(p.value())
    }
    fn encode(&self, name: &str) -> Property<'static> {
        Property::new(name.to_owned(), self.to_string())
    }
}

/// TZOFFSETFROM, TZOFFSETTO (RFC 5545 §3.8.3.3, §3.8.3.4).
impl<'t> PropertyValue<'t> for UtcOffset {
    fn decode(p: &'t Property<'_>) -> Result<Self, Error> {
        UtcOffset::parse(p.value())
    }
    fn encode(&self, name: &str) -> Property<'static> {
        Property::new(name.to_owned(), self.to_string())
    }
}

/// URL, TZURL, SOURCE, CONCEPT (RFC 5545 §3.8.4.6, §3.8.3.5, RFC 7986
/// §5.8, RFC 9253 §8.1).
impl<'t> PropertyValue<'t> for Uri {
    fn decode(p: &'t Property<'_>) -> Result<Self, Error> {
        Uri::parse(p.value())
    }
    fn encode(&self, name: &str) -> Property<'static> {
        Property::new(name.to_owned(), self.as_str().to_owned())
    }
}

/// CALENDAR-ADDRESS (RFC 9073 §6.4).
impl<'t> PropertyValue<'t> for CalAddress {
    fn decode(p: &'t Property<'_>) -> Result<Self, Error> {
        CalAddress::parse(p.value())
    }
    fn encode(&self, name: &str) -> Property<'static> {
        Property::new(name.to_owned(), self.as_str().to_owned())
    }
}

macro_rules! enum_value {
    ($($t:ty),+) => {$(
        /// An enumerated TEXT property value; unknown values are kept.
        impl<'t> PropertyValue<'t> for $t {
            fn decode(p: &'t Property<'_>) -> Result<Self, Error> {
                Ok(<$t>::parse(&p.text_value()))
            }
            fn encode(&self, name: &str) -> Property<'static> {
                Property::text(name.to_owned(), self.as_str())
            }
        }
    )+};
}

enum_value!(
    Status,
    Class,
    Transparency,
    Action,
    Method,
    FbType,
    ParticipantType,
    ResourceType
);

/// RDATE and EXDATE values with their TZID (RFC 5545 §3.8.5.1, §3.8.5.2).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dates<'t> {
    /// The dates, date-times or (RDATE) periods.
    pub list: DateList,
    /// TZID of local date-times.
    pub tzid: Option<Cow<'t, str>>,
}

impl From<Vec<DateTime>> for Dates<'_> {
    fn from(v: Vec<DateTime>) -> Self {
        Dates {
            list: DateList::DateTimes(v),
            tzid: None,
        }
    }
}

impl<'t> PropertyValue<'t> for Dates<'t> {
    fn decode(p: &'t Property<'_>) -> Result<Self, Error> {
        let t = value_type(p).map_or(ValueType::DateTime, |v| ValueType::from_name(&v));
        Ok(Dates {
            list: DateList::parse(p.value(), &t)?,
            tzid: param(p, "TZID"),
        })
    }
    fn encode(&self, name: &str) -> Property<'static> {
        let p = with_opt(
            Property::new(name.to_owned(), self.list.to_string()),
            "TZID",
            self.tzid.as_deref(),
        );
        match &self.list {
            DateList::DateTimes(_) => p,
            other => p.with_param(Parameter::new("VALUE", other.value_type().as_str())),
        }
    }
}

/// A calendar user: ATTENDEE (RFC 5545 §3.8.4.1) or ORGANIZER (§3.8.4.3),
/// with the parameters of RFC 5545 §3.2, RFC 7986 §6.2 (EMAIL) and RFC
/// 6638 §7 (SCHEDULE-AGENT, SCHEDULE-STATUS). Parameters not listed here
/// are kept in `other`.
///
/// ```
/// use kalends_ical_core::views::{Attendee, PartStat, Role};
/// let jo = Attendee::new("mailto:jo@example.com")?.with_cn("Jo").with_partstat(PartStat::Accepted);
/// assert_eq!(jo.address.email(), Some("jo@example.com"));
/// assert_eq!(jo.role(), Role::ReqParticipant);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attendee<'t> {
    /// The calendar address (a `mailto:` URI, usually).
    pub address: CalAddress,
    /// CN, the common name (RFC 5545 §3.2.2).
    pub cn: Option<Cow<'t, str>>,
    /// CUTYPE (RFC 5545 §3.2.3); `None` means INDIVIDUAL.
    pub cutype: Option<CuType>,
    /// ROLE (RFC 5545 §3.2.16); `None` means REQ-PARTICIPANT.
    pub role_param: Option<Role>,
    /// PARTSTAT (RFC 5545 §3.2.12); `None` means NEEDS-ACTION.
    pub partstat_param: Option<PartStat>,
    /// RSVP (RFC 5545 §3.2.17); `None` means FALSE.
    pub rsvp: Option<bool>,
    /// MEMBER (RFC 5545 §3.2.11).
    pub member: Vec<Cow<'t, str>>,
    /// DELEGATED-TO (RFC 5545 §3.2.5).
    pub delegated_to: Vec<Cow<'t, str>>,
    /// DELEGATED-FROM (RFC 5545 §3.2.4).
    pub delegated_from: Vec<Cow<'t, str>>,
    /// SENT-BY (RFC 5545 §3.2.18).
    pub sent_by: Option<Cow<'t, str>>,
    /// DIR (RFC 5545 §3.2.6).
    pub dir: Option<Cow<'t, str>>,
    /// LANGUAGE (RFC 5545 §3.2.10).
    pub language: Option<Cow<'t, str>>,
    /// EMAIL (RFC 7986 §6.2).
    pub email: Option<Cow<'t, str>>,
    /// SCHEDULE-AGENT (RFC 6638 §7.1).
    pub schedule_agent: Option<ScheduleAgent>,
    /// SCHEDULE-STATUS (RFC 6638 §7.3).
    pub schedule_status: Option<Cow<'t, str>>,
    /// Every other parameter, as it stood.
    pub other: Vec<Parameter<'t>>,
}

/// ORGANIZER has the same shape as ATTENDEE (the attendee-only parameters
/// stay empty).
pub type Organizer<'t> = Attendee<'t>;

const ATTENDEE_PARAMS: [&str; 15] = [
    "CN",
    "CUTYPE",
    "ROLE",
    "PARTSTAT",
    "RSVP",
    "MEMBER",
    "DELEGATED-TO",
    "DELEGATED-FROM",
    "SENT-BY",
    "DIR",
    "LANGUAGE",
    "EMAIL",
    "SCHEDULE-AGENT",
    "SCHEDULE-STATUS",
    "VALUE",
];

impl<'t> Attendee<'t> {
    /// An attendee with only an address; fails when `address` has no URI scheme.
    pub fn new(address: &str) -> Result<Attendee<'t>, Error> {
        Ok(Attendee {
            address: CalAddress::parse(address)?,
            cn: None,
            cutype: None,
            role_param: None,
            partstat_param: None,
            rsvp: None,
            member: Vec::new(),
            delegated_to: Vec::new(),
            delegated_from: Vec::new(),
            sent_by: None,
            dir: None,
            language: None,
            email: None,
            schedule_agent: None,
            schedule_status: None,
            other: Vec::new(),
        })
    }

    /// The participation status, NEEDS-ACTION when absent (RFC 5545 §3.2.12).
    pub fn partstat(&self) -> PartStat {
        self.partstat_param.clone().unwrap_or(PartStat::NeedsAction)
    }

    /// The role, REQ-PARTICIPANT when absent (RFC 5545 §3.2.16).
    pub fn role(&self) -> Role {
        self.role_param.clone().unwrap_or(Role::ReqParticipant)
    }

    /// The same attendee with a CN.
    #[must_use]
    pub fn with_cn(mut self, cn: impl Into<Cow<'t, str>>) -> Self {
        self.cn = Some(cn.into());
        self
    }

    /// The same attendee with a PARTSTAT.
    #[must_use]
    pub fn with_partstat(mut self, partstat: PartStat) -> Self {
        self.partstat_param = Some(partstat);
        self
    }

    /// The same attendee with a ROLE.
    #[must_use]
    pub fn with_role(mut self, role: Role) -> Self {
        self.role_param = Some(role);
        self
    }

    /// The same attendee with RSVP.
    #[must_use]
    pub fn with_rsvp(mut self, rsvp: bool) -> Self {
        self.rsvp = Some(rsvp);
        self
    }

    /// The same attendee with a CUTYPE.
    #[must_use]
    pub fn with_cutype(mut self, cutype: CuType) -> Self {
        self.cutype = Some(cutype);
        self
    }
}

impl<'t> PropertyValue<'t> for Attendee<'t> {
    fn decode(p: &'t Property<'_>) -> Result<Self, Error> {
        let rsvp = match param(p, "RSVP") {
            Some(v) => Some(parse_boolean(&v)?),
            None => None,
        };
        Ok(Attendee {
            address: CalAddress::parse(p.value())?,
            cn: param(p, "CN"),
            cutype: param(p, "CUTYPE").map(|v| CuType::parse(&v)),
            role_param: param(p, "ROLE").map(|v| Role::parse(&v)),
            partstat_param: param(p, "PARTSTAT").map(|v| PartStat::parse(&v)),
            rsvp,
            member: params(p, "MEMBER"),
            delegated_to: params(p, "DELEGATED-TO"),
            delegated_from: params(p, "DELEGATED-FROM"),
            sent_by: param(p, "SENT-BY"),
            dir: param(p, "DIR"),
            language: param(p, "LANGUAGE"),
            email: param(p, "EMAIL"),
            schedule_agent: param(p, "SCHEDULE-AGENT").map(|v| ScheduleAgent::parse(&v)),
            schedule_status: param(p, "SCHEDULE-STATUS"),
            other: p
                .params()
                .iter()
                .filter(|x| !ATTENDEE_PARAMS.iter().any(|n| x.is(n)))
                .cloned()
                .collect(),
        })
    }
    fn encode(&self, name: &str) -> Property<'static> {
        let mut p = Property::new(name.to_owned(), self.address.as_str().to_owned());
        p = with_opt(p, "CUTYPE", self.cutype.as_ref().map(CuType::as_str));
        p = with_list(p, "MEMBER", &self.member);
        p = with_opt(p, "ROLE", self.role_param.as_ref().map(Role::as_str));
        p = with_opt(
            p,
            "PARTSTAT",
            self.partstat_param.as_ref().map(PartStat::as_str),
        );
        p = with_opt(p, "RSVP", self.rsvp.map(crate::value::format_boolean));
        p = with_list(p, "DELEGATED-TO", &self.delegated_to);
        p = with_list(p, "DELEGATED-FROM", &self.delegated_from);
        p = with_opt(p, "SENT-BY", self.sent_by.as_deref());
        p = with_opt(p, "CN", self.cn.as_deref());
        p = with_opt(p, "DIR", self.dir.as_deref());
        p = with_opt(p, "LANGUAGE", self.language.as_deref());
        p = with_opt(p, "EMAIL", self.email.as_deref());
        p = with_opt(
            p,
            "SCHEDULE-AGENT",
            self.schedule_agent.as_ref().map(ScheduleAgent::as_str),
        );
        p = with_opt(p, "SCHEDULE-STATUS", self.schedule_status.as_deref());
        for o in &self.other {
            p = p.with_param(o.clone().into_owned());
        }
        p
    }
}

/// The value of ATTACH, IMAGE or STRUCTURED-DATA: a URI, inline bytes
/// (`ENCODING=BASE64;VALUE=BINARY`) or, for STRUCTURED-DATA, text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Content<'t> {
    /// A URI (the default of ATTACH).
    Uri(Cow<'t, str>),
    /// Inline data, decoded from base64 (RFC 5545 §3.3.1).
    Binary(Vec<u8>),
    /// Inline text (`VALUE=TEXT`, STRUCTURED-DATA and STYLED-DESCRIPTION only).
    Text(Cow<'t, str>),
}

fn decode_content<'t>(p: &'t Property<'_>, default_uri: bool) -> Result<Content<'t>, Error> {
    let t = value_type(p);
    match t.as_deref().map(str::to_ascii_uppercase).as_deref() {
        Some("BINARY") => Ok(Content::Binary(decode_base64(p.value())?)),
        Some("TEXT") => Ok(Content::Text(p.text_value())),
        Some("URI") => Ok(Content::Uri(Cow::Borrowed(p.value()))),
        None if default_uri => Ok(Content::Uri(Cow::Borrowed(p.value()))),
        other => Err(invalid(format!(
            "the {} property has VALUE={}, but it takes URI, BINARY or TEXT (RFC 5545 §3.8.1.1, RFC 9073 §6.6).",
            p.name(),
            other.unwrap_or("(none)")
        ))),
    }
}

fn encode_content(name: &str, c: &Content<'_>, default_uri: bool) -> Property<'static> {
    match c {
        Content::Uri(u) if default_uri => Property::new(name.to_owned(), u.to_string()),
        Content::Uri(u) => {
            Property::new(name.to_owned(), u.to_string()).with_param(Parameter::new("VALUE", "URI"))
        }
        Content::Binary(b) => Property::new(name.to_owned(), encode_base64(b))
            .with_param(Parameter::new("ENCODING", "BASE64"))
            .with_param(Parameter::new("VALUE", "BINARY")),
        Content::Text(t) => {
            Property::text(name.to_owned(), t).with_param(Parameter::new("VALUE", "TEXT"))
        }
    }
}

/// ATTACH (RFC 5545 §3.8.1.1): a URI or inline bytes, with FMTTYPE.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attach<'t> {
    /// The URI or the bytes.
    pub content: Content<'t>,
    /// FMTTYPE, a media type (RFC 5545 §3.2.8).
    pub fmttype: Option<Cow<'t, str>>,
}

impl<'t> PropertyValue<'t> for Attach<'t> {
    fn decode(p: &'t Property<'_>) -> Result<Self, Error> {
        Ok(Attach {
            content: decode_content(p, true)?,
            fmttype: param(p, "FMTTYPE"),
        })
    }
    fn encode(&self, name: &str) -> Property<'static> {
        with_opt(
            encode_content(name, &self.content, true),
            "FMTTYPE",
            self.fmttype.as_deref(),
        )
    }
}

/// IMAGE (RFC 7986 §5.10): a URI or inline bytes, with FMTTYPE, DISPLAY and ALTREP.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Image<'t> {
    /// The URI or the bytes.
    pub content: Content<'t>,
    /// FMTTYPE (RFC 5545 §3.2.8).
    pub fmttype: Option<Cow<'t, str>>,
    /// DISPLAY (RFC 7986 §6.1); empty means BADGE.
    pub display: Vec<Display>,
    /// ALTREP (RFC 5545 §3.2.1).
    pub altrep: Option<Cow<'t, str>>,
}

impl<'t> PropertyValue<'t> for Image<'t> {
    fn decode(p: &'t Property<'_>) -> Result<Self, Error> {
        Ok(Image {
            content: decode_content(p, false)?,
            fmttype: param(p, "FMTTYPE"),
            display: params(p, "DISPLAY")
                .iter()
                .map(|d| Display::parse(d))
                .collect(),
            altrep: param(p, "ALTREP"),
        })
    }
    fn encode(&self, name: &str) -> Property<'static> {
        let p = encode_content(name, &self.content, false);
        let display: Vec<&str> = self.display.iter().map(Display::as_str).collect();
        let p = with_list(p, "DISPLAY", &display);
        let p = with_opt(p, "FMTTYPE", self.fmttype.as_deref());
        with_opt(p, "ALTREP", self.altrep.as_deref())
    }
}

/// CONFERENCE (RFC 7986 §5.11): a URI with FEATURE, LABEL and LANGUAGE.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conference<'t> {
    /// How to join (always written with `VALUE=URI`, which the grammar requires).
    pub uri: Cow<'t, str>,
    /// FEATURE (RFC 7986 §6.3).
    pub features: Vec<Feature>,
    /// LABEL (RFC 7986 §6.4).
    pub label: Option<Cow<'t, str>>,
    /// LANGUAGE (RFC 5545 §3.2.10).
    pub language: Option<Cow<'t, str>>,
}

impl<'t> PropertyValue<'t> for Conference<'t> {
    fn decode(p: &'t Property<'_>) -> Result<Self, Error> {
        Ok(Conference {
            uri: Cow::Borrowed(p.value()),
            features: params(p, "FEATURE")
                .iter()
                .map(|f| Feature::parse(f))
                .collect(),
            label: param(p, "LABEL"),
            language: param(p, "LANGUAGE"),
        })
    }
    fn encode(&self, name: &str) -> Property<'static> {
        let p = Property::new(name.to_owned(), self.uri.to_string())
            .with_param(Parameter::new("VALUE", "URI"));
        let features: Vec<&str> = self.features.iter().map(Feature::as_str).collect();
        let p = with_list(p, "FEATURE", &features);
        let p = with_opt(p, "LABEL", self.label.as_deref());
        with_opt(p, "LANGUAGE", self.language.as_deref())
    }
}

/// TRIGGER (RFC 5545 §3.8.6.3): relative to the start or end, or absolute.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trigger {
    /// A duration before (negative) or after the start or end.
    Relative {
        /// The offset.
        duration: Duration,
        /// RELATED: START (the default) or END.
        related_to_end: bool,
    },
    /// A UTC date-time (`VALUE=DATE-TIME`).
    Absolute(DateTime),
}

impl<'t> PropertyValue<'t> for Trigger {
    fn decode(p: &'t Property<'_>) -> Result<Self, Error> {
        if is_value(p, "DATE-TIME") {
            return DateTime::parse(p.value()).map(Trigger::Absolute);
        }
        let related_to_end =
            param(p, "RELATED").is_some_and(|r| Related::parse(&r) == Related::End);
        Ok(Trigger::Relative {
            duration: Duration::parse(p.value())?,
            related_to_end,
        })
    }
    fn encode(&self, name: &str) -> Property<'static> {
        match self {
            Trigger::Relative {
                duration,
                related_to_end,
            } => {
                let p = Property::new(name.to_owned(), duration.to_string());
                if *related_to_end {
                    p.with_param(Parameter::new("RELATED", "END"))
                } else {
                    p
                }
            }
            Trigger::Absolute(dt) => Property::new(name.to_owned(), dt.to_string())
                .with_param(Parameter::new("VALUE", "DATE-TIME")),
        }
    }
}

/// REQUEST-STATUS (RFC 5545 §3.8.8.3): code, description, extra data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestStatus<'t> {
    /// The status code, such as `2.0`.
    pub code: Cow<'t, str>,
    /// The description.
    pub description: Cow<'t, str>,
    /// Extra data, such as the offending property.
    pub data: Option<Cow<'t, str>>,
    /// LANGUAGE.
    pub language: Option<Cow<'t, str>>,
}

impl<'t> PropertyValue<'t> for RequestStatus<'t> {
    fn decode(p: &'t Property<'_>) -> Result<Self, Error> {
        let mut parts = split_unescaped(p.value(), b';');
        let code = parts.next().map(unescape_text).unwrap_or_default();
        let Some(description) = parts.next().map(unescape_text) else {
            return Err(invalid(format!(
                "the REQUEST-STATUS value `{}` has no description after its code (RFC 5545 §3.8.8.3).",
                p.value()
            )));
        };
        let rest: Vec<&str> = parts.collect();
        let data = if rest.is_empty() {
            None
        } else {
            Some(unescape_text(&rest.join(";")).into_owned().into())
        };
        Ok(RequestStatus {
            code,
            description,
            data,
            language: param(p, "LANGUAGE"),
        })
    }
    fn encode(&self, name: &str) -> Property<'static> {
        let mut v = format!(
            "{};{}",
            escape_text(&self.code),
            escape_text(&self.description)
        );
        if let Some(d) = &self.data {
            v.push(';');
            v.push_str(&escape_text(d));
        }
        with_opt(
            Property::new(name.to_owned(), v),
            "LANGUAGE",
            self.language.as_deref(),
        )
    }
}

/// RELATED-TO (RFC 5545 §3.8.4.5 as updated by RFC 9253 §9.1): a UID, URI
/// or text, with RELTYPE and GAP.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RelatedTo<'t> {
    /// The related component's UID (or a URI with `VALUE=URI`).
    pub value: Cow<'t, str>,
    /// RELTYPE; `None` means PARENT.
    pub reltype: Option<RelType>,
    /// GAP (RFC 9253 §6.2), lead or lag time.
    pub gap: Option<Duration>,
    /// VALUE (URI, UID or TEXT); `None` is the default.
    pub value_type: Option<ValueType>,
}

impl<'t> From<&'t str> for RelatedTo<'t> {
    fn from(uid: &'t str) -> Self {
        RelatedTo {
            value: Cow::Borrowed(uid),
            reltype: None,
            gap: None,
            value_type: None,
        }
    }
}

impl<'t> PropertyValue<'t> for RelatedTo<'t> {
    fn decode(p: &'t Property<'_>) -> Result<Self, Error> {
        let gap = match param(p, "GAP") {
            Some(g) => Some(Duration::parse(&g)?),
            None => None,
        };
        let value_type = value_type(p).map(|v| ValueType::from_name(&v));
        let value = if value_type.as_ref().is_none_or(|t| *t == ValueType::Text) {
            p.text_value()
        } else {
            Cow::Borrowed(p.value())
        };
        Ok(RelatedTo {
            value,
            reltype: param(p, "RELTYPE").map(|r| RelType::parse(&r)),
            gap,
            value_type,
        })
    }
    fn encode(&self, name: &str) -> Property<'static> {
        let text = self
            .value_type
            .as_ref()
            .is_none_or(|t| *t == ValueType::Text);
        let mut p = if text {
            Property::text(name.to_owned(), &self.value)
        } else {
            Property::new(name.to_owned(), self.value.to_string())
        };
        p = with_opt(p, "RELTYPE", self.reltype.as_ref().map(RelType::as_str));
        if let Some(g) = &self.gap {
            p = p.with_param(Parameter::new("GAP", &g.to_string()));
        }
        with_opt(p, "VALUE", self.value_type.as_ref().map(ValueType::as_str))
    }
}

/// LINK (RFC 9253 §8.2): a URI, UID or XML reference with its link
/// relation and target attributes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link<'t> {
    /// The target.
    pub target: Cow<'t, str>,
    /// VALUE: URI, UID or XML-REFERENCE (required by the grammar).
    pub value_type: ValueType,
    /// LINKREL (RFC 9253 §6.1), a registered relation or a URI.
    pub linkrel: Option<Cow<'t, str>>,
    /// FMTTYPE.
    pub fmttype: Option<Cow<'t, str>>,
    /// LABEL (RFC 7986 §6.4).
    pub label: Option<Cow<'t, str>>,
    /// LANGUAGE.
    pub language: Option<Cow<'t, str>>,
}

impl<'t> PropertyValue<'t> for Link<'t> {
    fn decode(p: &'t Property<'_>) -> Result<Self, Error> {
        let Some(t) = value_type(p) else {
            return Err(invalid(format!(
                "the LINK property `{}` has no VALUE parameter, which RFC 9253 §8.2 requires.",
                p.value()
            )));
        };
        let value_type = ValueType::from_name(&t);
        let target = if value_type == ValueType::Uid {
            p.text_value()
        } else {
            Cow::Borrowed(p.value())
        };
        Ok(Link {
            target,
            value_type,
            linkrel: param(p, "LINKREL"),
            fmttype: param(p, "FMTTYPE"),
            label: param(p, "LABEL"),
            language: param(p, "LANGUAGE"),
        })
    }
    fn encode(&self, name: &str) -> Property<'static> {
        let mut p = if self.value_type == ValueType::Uid {
            Property::text(name.to_owned(), &self.target)
        } else {
            Property::new(name.to_owned(), self.target.to_string())
        };
        p = with_opt(p, "LINKREL", self.linkrel.as_deref());
        p = with_opt(p, "FMTTYPE", self.fmttype.as_deref());
        p = with_opt(p, "LABEL", self.label.as_deref());
        p = with_opt(p, "LANGUAGE", self.language.as_deref());
        p.with_param(Parameter::new("VALUE", self.value_type.as_str()))
    }
}

/// STYLED-DESCRIPTION (RFC 9073 §6.5): rich text inline or by URI, with
/// FMTTYPE, DERIVED, LANGUAGE and ALTREP.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StyledDescription<'t> {
    /// Inline text (`VALUE=TEXT`) or a URI (`VALUE=URI`).
    pub content: Content<'t>,
    /// FMTTYPE, such as `text/html`.
    pub fmttype: Option<Cow<'t, str>>,
    /// DERIVED (RFC 9073 §5.3).
    pub derived: bool,
    /// LANGUAGE.
    pub language: Option<Cow<'t, str>>,
    /// ALTREP.
    pub altrep: Option<Cow<'t, str>>,
}

impl<'t> PropertyValue<'t> for StyledDescription<'t> {
    fn decode(p: &'t Property<'_>) -> Result<Self, Error> {
        let derived = match param(p, "DERIVED") {
            Some(d) => parse_boolean(&d)?,
            None => false,
        };
        Ok(StyledDescription {
            content: decode_content(p, false)?,
            fmttype: param(p, "FMTTYPE"),
            derived,
            language: param(p, "LANGUAGE"),
            altrep: param(p, "ALTREP"),
        })
    }
    fn encode(&self, name: &str) -> Property<'static> {
        let mut p = with_opt(
            Property::new(name.to_owned(), String::new()),
            "FMTTYPE",
            self.fmttype.as_deref(),
        );
        if self.derived {
            p = p.with_param(Parameter::new("DERIVED", "TRUE"));
        }
        p = with_opt(p, "LANGUAGE", self.language.as_deref());
        p = with_opt(p, "ALTREP", self.altrep.as_deref());
        let body = encode_content(name, &self.content, false);
        for param in body.params() {
            p = p.with_param(param.clone().into_owned());
        }
        p.set_value(body.value().to_owned());
        p
    }
}

/// STRUCTURED-DATA (RFC 9073 §6.6): text, bytes or a URI, with FMTTYPE and SCHEMA.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StructuredData<'t> {
    /// The data.
    pub content: Content<'t>,
    /// FMTTYPE, such as `application/ld+json`.
    pub fmttype: Option<Cow<'t, str>>,
    /// SCHEMA (RFC 9073 §5.2), a URI.
    pub schema: Option<Cow<'t, str>>,
}

impl<'t> PropertyValue<'t> for StructuredData<'t> {
    fn decode(p: &'t Property<'_>) -> Result<Self, Error> {
        Ok(StructuredData {
            content: decode_content(p, false)?,
            fmttype: param(p, "FMTTYPE"),
            schema: param(p, "SCHEMA"),
        })
    }
    fn encode(&self, name: &str) -> Property<'static> {
        let mut p = with_opt(
            Property::new(name.to_owned(), String::new()),
            "FMTTYPE",
            self.fmttype.as_deref(),
        );
        p = with_opt(p, "SCHEMA", self.schema.as_deref());
        let body = encode_content(name, &self.content, false);
        for param in body.params() {
            p = p.with_param(param.clone().into_owned());
        }
        p.set_value(body.value().to_owned());
        p
    }
}

/// FREEBUSY (RFC 5545 §3.8.2.6): periods with their FBTYPE.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FreeBusy {
    /// FBTYPE; `None` means BUSY.
    pub fbtype: Option<FbType>,
    /// The periods, in UTC.
    pub periods: Vec<Period>,
}

impl<'t> PropertyValue<'t> for FreeBusy {
    fn decode(p: &'t Property<'_>) -> Result<Self, Error> {
        Ok(FreeBusy {
            fbtype: param(p, "FBTYPE").map(|f| FbType::parse(&f)),
            periods: crate::value::parse_list(p.value(), Period::parse)?,
        })
    }
    fn encode(&self, name: &str) -> Property<'static> {
        let v: Vec<String> = self.periods.iter().map(ToString::to_string).collect();
        with_opt(
            Property::new(name.to_owned(), v.join(",")),
            "FBTYPE",
            self.fbtype.as_ref().map(FbType::as_str),
        )
    }
}

/// The ORDER parameter of any property (RFC 9073 §5.1): its rank among the
/// instances of the same property, from 1; `Ok(None)` when absent (the
/// property then comes last).
///
/// ```
/// use kalends_ical_core::{Parameter, Property, views::order};
/// let p = Property::new("PARTICIPANT-TYPE", "SPONSOR").with_param(Parameter::new("ORDER", "2"));
/// assert_eq!(order(&p)?, Some(2));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn order(property: &Property<'_>) -> Result<Option<u32>, Error> {
    let Some(v) = param(property, "ORDER") else {
        return Ok(None);
    };
    match v.parse::<u32>() {
        Ok(n) if n >= 1 => Ok(Some(n)),
        _ => Err(Error::new(
            ErrorKind::OutOfRange,
            format!("the ORDER parameter `{v}` is not an integer of at least 1 (RFC 9073 §5.1)."),
        )),
    }
}

/// The DERIVED parameter of any property (RFC 9073 §5.3): true when the
/// value was derived from other properties and must not be edited.
///
/// ```
/// use kalends_ical_core::{Parameter, Property, views::derived};
/// let p = Property::new("DESCRIPTION", "x").with_param(Parameter::new("DERIVED", "TRUE"));
/// assert!(derived(&p)?);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn derived(property: &Property<'_>) -> Result<bool, Error> {
    param(property, "DERIVED").map_or(Ok(false), |v| parse_boolean(&v))
}
