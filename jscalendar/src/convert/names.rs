//! The names that differ between the two profiles, and the list of
//! normalisations a round trip may make.

use super::Profile;

/// The conversion-specific names of a profile (draft -11 §4–5, draft -25
/// §4–5).
#[derive(Debug)]
pub(crate) struct Names {
    /// The JSCalendar property holding an ICalComponent: `iCalComponent`
    /// (-11 §5.1.1) or `iCalendar` (-25 §5.1.1).
    pub comp: &'static str,
    /// The JSCalendar property holding an ICalProperty on an object
    /// converted from a property: `iCalProperty` (-11 §5.1.2); draft -25
    /// has none and uses the parent's `convertedProperties` instead.
    pub prop: Option<&'static str>,
    /// The iCalendar property and parameter holding a key: `JSCAL-ID` or `JSID`.
    pub id: &'static str,
    /// The iCalendar property holding a JSCalendar property: `JSCAL-PROP` or `JSPROP`.
    pub jsprop: &'static str,
    /// The parameter holding its pointer: `JSCAL-PATH` or `JSPTR`.
    pub path: &'static str,
    /// True when generated keys are the UUIDv5 of draft -25 §2.1.3; draft
    /// -11 leaves the keys to the implementation, which uses a 64-bit
    /// FNV-1a hash there (see [`super::values::KeyGen`]).
    pub uuid_keys: bool,
}

const RFC8984: Names = Names {
    comp: "iCalComponent",
    prop: Some("iCalProperty"),
    id: "JSCAL-ID",
    jsprop: "JSCAL-PROP",
    path: "JSCAL-PATH",
    uuid_keys: false,
};

const BIS: Names = Names {
    comp: "iCalendar",
    prop: None,
    id: "JSID",
    jsprop: "JSPROP",
    path: "JSPTR",
    uuid_keys: true,
};

impl Profile {
    pub(crate) fn names(self) -> &'static Names {
        match self {
            Profile::Rfc8984 => &RFC8984,
            Profile::Bis => &BIS,
        }
    }
}

/// The differences an iCalendar → JSCalendar → iCalendar round trip may
/// make, each with the rule that allows it. Two trees that differ only in
/// these ways are the same calendar data.
///
/// 1. Order: properties within a component, parameters within a property,
///    and sub-components within a component may come back in another order
///    (RFC 5545 §3.6 gives the order no meaning; draft §2.1.1: "the order
///    of elements in the entries property is implementation-specific").
/// 2. Case: names of properties, parameters and components (RFC 5545 §2,
///    §3.1), parameter values not in quotes (RFC 5545 §3.2), and the
///    enumerated values the draft converts in lower case (METHOD, STATUS,
///    TRANSP, CLASS, ACTION, FREQ, WKST, RSCALE; draft §2.3.27, §2.3.40,
///    §2.3.38) compare ignoring ASCII case.
/// 3. Quoting and escaping: parameter values compare decoded (RFC 5545 §3.2,
///    RFC 6868), TEXT values compare unescaped (RFC 5545 §3.3.11).
/// 4. Typed values compare by value: DATE-TIME, DURATION, INTEGER, BOOLEAN,
///    GEO, UTC-OFFSET, RECUR (rule parts in any order, RFC 5545 §3.3.10),
///    PERIOD (its end as start + duration).
/// 5. A VALUE parameter that names the property's default value type may be
///    added or dropped (RFC 5545 §3.2.20), and RFC 7986 §5.10 / §5.11's
///    required `VALUE=URI` of IMAGE and CONFERENCE is added.
/// 6. Date-times that the draft converts relative to the object's time zone
///    (EXDATE §2.3.20, RDATE §2.3.34, RECURRENCE-ID §2.1.2, DUE §2.3.17,
///    UNTIL §2.3.38) compare as instants; UNTIL is written in UTC when
///    DTSTART has a time zone, as RFC 5545 §3.3.10 requires.
/// 7. Lists: all CATEGORIES (CONCEPT, LOCATION-TYPE, PARTICIPANT-TYPE) of a
///    component are one set of values (draft §2.3.6, §2.3.10, §2.3.26,
///    §2.3.30); all EXDATE (RDATE) values of a component are one set of
///    instants (RFC 5545 §3.8.5.1–2 lets them be split across properties).
/// 8. A VCALENDAR gains the PRODID and VERSION that RFC 5545 §3.6 requires
///    when it had none.
/// 9. A parameter with its RFC 5545 default value may be added or dropped:
///    PARTSTAT=NEEDS-ACTION, ROLE=REQ-PARTICIPANT, RSVP=FALSE,
///    CUTYPE=INDIVIDUAL, RELATED=START, RELTYPE=PARENT (RFC 5545 §3.2.3,
///    §3.2.12, §3.2.14–§3.2.17); JSCalendar leaves defaults out too.
/// 10. A parameter given several times on one property is one parameter
///     with all the values: jCal, the draft's carrier (§5.1.1, RFC 7265
///     §3.4.1.1), has one member per parameter name.
pub const NORMALISATIONS: &[&str] = &[
    "order of properties, parameters and sub-components (RFC 5545 §3.6; draft §2.1.1)",
    "ASCII case of names, unquoted parameter values and enumerated values (RFC 5545 §2, §3.2; draft §2.3.27, §2.3.38, §2.3.40)",
    "parameter quoting and TEXT escaping (RFC 5545 §3.2, §3.3.11; RFC 6868)",
    "typed values by value: DATE-TIME, DURATION, INTEGER, BOOLEAN, GEO, UTC-OFFSET, RECUR parts, PERIOD (RFC 5545 §3.3)",
    "a VALUE parameter naming the default type (RFC 5545 §3.2.20); VALUE=URI on IMAGE and CONFERENCE (RFC 7986 §5.10, §5.11)",
    "EXDATE, RDATE, RECURRENCE-ID, DUE and UNTIL as instants (draft §2.1.2, §2.3.17, §2.3.20, §2.3.34, §2.3.38; RFC 5545 §3.3.10)",
    "CATEGORIES, CONCEPT, LOCATION-TYPE, PARTICIPANT-TYPE values and EXDATE, RDATE instants as sets per component (draft §2.3.6, §2.3.10, §2.3.26, §2.3.30; RFC 5545 §3.8.5)",
    "PRODID and VERSION added to a VCALENDAR without them (RFC 5545 §3.6)",
    "parameters with their default value: PARTSTAT=NEEDS-ACTION, ROLE=REQ-PARTICIPANT, RSVP=FALSE, CUTYPE=INDIVIDUAL, RELATED=START, RELTYPE=PARENT (RFC 5545 §3.2)",
    "a parameter repeated on one property as one parameter with all its values (jCal carriers: draft §5.1.1, RFC 7265 §3.4.1.1)",
];

/// The differences a JSCalendar → iCalendar → JSCalendar round trip may
/// make, each with the rule that makes it; everything else comes back as
/// it was (what iCalendar has no place for travels in JSCAL-PROP / JSPROP,
/// keys in JSCAL-ID / JSID).
///
/// 1. Entries gain the VCALENDAR's PRODID as `prodId` (draft §2.3.33) when
///    they had none and the Group or the converter gave one.
/// 2. An Alert gains `"action": "display"` and, in its carrier, the
///    DESCRIPTION that RFC 5545 §3.6.6 requires of a VALARM (the shape of
///    draft -11 Figure 79).
/// 3. A Location or Participant written as a VLOCATION or PARTICIPANT
///    component records that component's UID (RFC 9073 §7.1, §7.2 require
///    one; the way back writes the key) in its carrier.
/// 4. Override patches are recomputed against the occurrence (draft
///    §2.1.2): an equivalent PatchObject may come back (`locations` whole,
///    or key by key), giving the same occurrence (RFC 8984 §4.3.5).
/// 5. Draft -11 §2.3.29: the ORGANIZER written from `replyTo` becomes a
///    Participant with the owner role too, when none has its address.
/// 6. Draft -11 §2.3.4: an ATTENDEE's address becomes the Participant's
///    `calendarAddress` too.
/// 7. A property whose value is `null` is dropped: a JSCAL-PROP / JSPROP
///    value "MUST NOT be the null value" (draft -11 §4.1.2, -25 §4.1.2).
pub const JSCAL_NORMALISATIONS: &[&str] = &[
    "entries gain the VCALENDAR's PRODID as prodId (draft §2.3.33)",
    "an Alert gains action display and the VALARM DESCRIPTION RFC 5545 §3.6.6 requires, carried (draft -11 Figure 79)",
    "a Location or Participant written as VLOCATION / PARTICIPANT records the UID RFC 9073 §7.1, §7.2 require, carried",
    "override patches are recomputed against the occurrence: an equivalent PatchObject may come back (draft §2.1.2; RFC 8984 §4.3.5)",
    "draft -11: the ORGANIZER written from replyTo also becomes an owner Participant (draft -11 §2.3.29)",
    "draft -11: an ATTENDEE's address also becomes the Participant's calendarAddress (draft -11 §2.3.4)",
    "a property whose value is null is dropped (JSCAL-PROP / JSPROP values must not be null: draft -11 §4.1.2, -25 §4.1.2)",
];
